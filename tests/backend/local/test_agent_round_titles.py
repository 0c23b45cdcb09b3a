"""Request words read as the title's text, checked over HTTP against a real local backend: the
reply the user reads (in their language) and the project's state after it.

- "make the title red and cut it to 15 seconds" set the title "15 seconds" (and the length
  was not changed), "pon el título en rojo y córtalo a 15 segundos" the title "rojo y
  córtalo a 15 segundos";
- "wait, the title is wrong" set the title "Wrong";
- "el título es muy pequeño" (and "the title is small", "der Titel ist sehr klein") set the
  title's text instead of making it bigger, as "the captions are too small" does.
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import seconds as _seconds
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


#: How the new length is said.
NOW = {"en": "The video is now {} s long", "es": "El vídeo dura ahora {} s"}


RED = "#ff3b30"
TITLE_RED = {"en": "the title changed from white to red", "es": "el título pasa de blanco a rojo"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make the title red and cut it to 15 seconds"),
    ("es", "pon el título en rojo y córtalo a 15 segundos"),
])
def test_a_title_colour_and_a_length_are_both_done(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    old = _track(before, "Title")
    assert old is not None
    text, state = api.say(token, sid, ask)
    assert TITLE_RED[lang] in text, text
    assert NOW[lang].format(15) in text, text
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == old["sg"][0]["m"]["text"]
    assert title["sg"][0]["m"]["color"] == RED
    assert _seconds(state) == 15


#: "The title is wrong": what it should say is asked, nothing changed.
@pytest.mark.parametrize(("lang", "ask", "asks"), [
    ("en", "wait, the title is wrong", "What should the title say?"),
    ("en", "the title is wrong", "Nothing changed."),
    ("es", "el título está mal", "No he cambiado nada"),
    ("fr", "le titre est faux", "Rien n'a changé"),
    ("de", "der Titel ist falsch", "Nichts wurde geändert"),
])
def test_a_remark_about_the_title_is_not_its_text(api: Api, lang: str, ask: str,
                                                  asks: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert asks in text, text
    assert state["draft"] == before["draft"]


#: The title made bigger, as said in each language.
BIGGER = {"en": "the title made bigger (8% → 10% of the picture height)",
          "es": "el título más grande (del 8 % al 10 % de la altura de la imagen)",
          "fr": "le titre plus grand (8 % → 10 % de la hauteur de l'image)",
          "de": "der Titel größer (8 % → 10 % der Bildhöhe)",
          "ja": "タイトルを大きく（画面の高さの 8% → 10%）"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("es", "el título es muy pequeño"),
    ("es", "el título es pequeño"),
    ("en", "the title is small"),
    ("en", "the title is very small"),
    ("fr", "le titre est très petit"),
    ("de", "der Titel ist sehr klein"),
    ("ja", "タイトルがとても小さい"),
])
def test_the_title_said_to_be_small_is_made_bigger(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    old = _track(before, "Title")
    assert old is not None
    text, state = api.say(token, sid, ask)
    assert BIGGER[lang] in text, text
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == old["sg"][0]["m"]["text"]
    assert title["sg"][0]["m"]["size"] > old["sg"][0]["m"]["size"]


def test_a_title_typed_as_one_is_still_a_title(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    _, state = api.say(token, sid, "change the title to Salt and Pepper")
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == "Salt and Pepper"


@pytest.mark.parametrize(("lang", "make", "ask", "said"), [
    ("es", "hazme un video de 30 segundos de una playa", "pon el título muy pequeño",
     "el título más pequeño"),
    ("pt", "faz um vídeo de 30 segundos de uma praia", "deixa o título muito pequeno",
     "o título menor"),
])
def test_a_size_set_with_a_level_verb_is_the_size_wanted(api: Api, lang: str, make: str,
                                                          ask: str, said: str) -> None:
    # "pon el título muy pequeño" asks for a small title (as "pon la música muy baja" lowers
    # the music); "el título es muy pequeño" complains and makes it bigger.
    token, sid, before = api.project(lang, make)
    old = _track(before, "Title")
    assert old is not None
    text, state = api.say(token, sid, ask)
    assert said in text, text
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == old["sg"][0]["m"]["text"]
    assert title["sg"][0]["m"]["size"] < old["sg"][0]["m"]["size"]
