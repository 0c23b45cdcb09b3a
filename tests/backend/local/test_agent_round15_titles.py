"""A title's text and the words after it in es, fr, de and pt, and past a comma, checked
over HTTP against a real local backend: the title the project shows and the reply.

- a title's text swallowed the request after 'y/et/und/e' ("cambia el título a perros y
  añade un logo" was titled "perros y añade un logo"); a title's own 'y/et/und/e' stays;
- a title's text after ':' or 'to' was cut at a comma ("pon el título: Buenos días,
  ciudad" was titled "Buenos días").
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import title_text as _title_text


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


@pytest.mark.parametrize(("lang", "ask", "title", "rest"), [
    ("es", "cambia el título a perros y añade un logo", "perros", "logo"),
    ("es", "cambia el título a perros y añade un emoji", "perros", "emoji"),
    ("fr", "mets le titre Chiens et ajoute une transition", "Chiens", "transition"),
    ("de", "ändere den Titel zu Hunde und füge ein Logo hinzu", "Hunde", "logo"),
    ("pt", "muda o título para cachorros e adiciona um logo", "cachorros", "logo"),
])
def test_a_title_stops_before_the_request_after_it(
        api: Api, lang: str, ask: str, title: str, rest: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text
    # What follows is answered as a request of its own (refused), not put in the title.
    assert rest in text.lower(), text


@pytest.mark.parametrize(("lang", "ask", "rest"), [
    ("es", "cambia el título a perros y cambia la fuente", "fuente"),
    ("fr", "mets le titre Chiens et change la police", "police"),
    ("pt", "muda o título para cachorros e muda a fonte", "fonte"),
])
def test_a_title_stops_before_a_change_of_something_else(
        api: Api, lang: str, ask: str, rest: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state).lower() in ("perros", "chiens", "cachorros"), text
    assert rest not in _title_text(state).lower(), text


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("es", "cambia el título a Sal y Pimienta", "Sal y Pimienta"),
    ("es", "cambia el título a come y haz ejercicio", "come y haz ejercicio"),
    ("fr", "mets le titre Tom et Jerry", "Tom et Jerry"),
    ("de", "ändere den Titel zu Hänsel und Gretel", "Hänsel und Gretel"),
    ("pt", "muda o título para Arroz e Feijão", "Arroz e Feijão"),
])
def test_a_titles_own_and_stays(api: Api, lang: str, ask: str, title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state).lower() == title.lower(), text


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("es", "pon el título: Buenos días, ciudad", "Buenos días, ciudad"),
    ("en", "set the title to Good morning, city", "Good morning, city"),
    ("fr", "mets le titre : Bonjour, la ville", "Bonjour, la ville"),
    ("es", "cambia el título a Hola, mundo", "Hola, mundo"),
])
def test_a_title_keeps_its_comma(api: Api, lang: str, ask: str, title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text


def test_a_request_after_a_titles_comma_is_its_own(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "set the title to Good morning, and add music")
    assert _title_text(state) == "Good morning", text
