"""A title's text and the words after it in es, fr, de and pt, and past a comma, checked
over HTTP against a real local backend: the title the project shows and the reply.

- a title's text swallowed the request after 'y/et/und/e' ("cambia el título a perros y
  añade un logo" was titled "perros y añade un logo"); a title's own 'y/et/und/e' stays;
- a title's text after ':' or 'to' was cut at a comma ("pon el título: Buenos días,
  ciudad" was titled "Buenos días");
- review 14c: the new tails cut titles that end on, or go on in Title Case with, a word that
  is also one of their verbs ("An Ort und Stelle", "Vins et Mets", "Baila y Pon Tu Alma");
  and words after a comma that style, place or time the title went into it ("Hello, in red").
The parse-level cases read what the agent understood; the HTTP ones what the user sees.
"""

from __future__ import annotations

import pytest

from backend.local.intents import parse
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


# Review 14c's titles: every one stays whole, in the case it was typed.
_WHOLE_TITLES = [
    ("de", "ändere den Titel zu ", "An Ort und Stelle"),
    ("de", "ändere den Titel zu ", "an ort und stelle"),
    ("pt", "muda o título para ", "A Menina Surda e Muda"),
    ("pt", "muda o título para ", "a menina surda e muda"),
    ("pt", "muda o título para ", "Compra e Troca"),
    ("fr", "change le titre en ", "Vins et Mets"),
    ("fr", "change le titre en ", "vins et mets"),
    ("fr", "change le titre en ", "Accords vins et mets du terroir"),
    ("es", "cambia el título a ", "Mi viaje por México y USA"),
    ("es", "cambia el título a ", "mi viaje por méxico y usa"),
    ("pt", "muda o título para ", "Brasil e USA"),
    ("pt", "muda o título para ", "Compre e Use"),
    ("pt", "muda o título para ", "Pega e Usa"),
    ("es", "cambia el título a ", "Compra y Usa"),
    ("es", "cambia el título a ", "Pan y Pon"),
    ("es", "cambia el título a ", "Vive Y Cambia"),
    ("es", "cambia el título a ", "Baila y Pon Tu Alma"),
    ("fr", "change le titre en ", "Banque Et Change"),
    ("fr", "change le titre en ", "Lis et Change"),
    ("de", "ändere den Titel zu ", "Spiel und Mach Mit"),
    ("de", "ändere den Titel zu ", "Geben und Nimm"),
    ("es", "cambia el título a ", "sonríe y cambia el mundo"),
    ("de", "ändere den Titel zu ", "Lach und mach die Welt bunter"),
]


@pytest.mark.parametrize(("lang", "ask", "title"), _WHOLE_TITLES)
def test_a_title_ending_on_or_going_on_with_a_tails_verb_stays_whole(
        lang: str, ask: str, title: str) -> None:
    intent = parse(ask + title, has_video=True, session_language=lang)
    assert (intent.kind, intent.text) == ("title_set", title)


@pytest.mark.parametrize(("lang", "ask", "caption"), [
    ("es", "añade un subtítulo: ", "vive y cambia el mundo"),
    ("fr", "ajoute un sous-titre : ", "vins et mets"),
    ("de", "füge einen Untertitel hinzu: ", "an Ort und Stelle"),
    ("pt", "adicione uma legenda: ", "compra e troca"),
    ("es", "añade un subtítulo que diga ", "cocina y usa"),
])
def test_a_caption_ending_on_or_going_on_with_a_tails_verb_stays_whole(
        lang: str, ask: str, caption: str) -> None:
    intent = parse(ask + caption, has_video=True, session_language=lang)
    assert intent.text == caption


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("es", "cambia el título a perros y añade un logo", "perros"),
    ("fr", "change le titre en chiens et ajoute un logo", "chiens"),
    ("de", "ändere den Titel zu Hunde und füge ein Logo hinzu", "Hunde"),
    ("pt", "muda o título para cachorros e adiciona um logo", "cachorros"),
])
def test_a_title_still_stops_before_an_added_thing(lang: str, ask: str, title: str) -> None:
    for has_video in (True, False):
        intent = parse(ask, has_video=has_video, session_language=lang)
        assert intent.text == title


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("en", "set the title to Hello, at the top", "Hello"),
    ("en", "set the title to Hello, for 5 seconds", "Hello"),
    ("en", "set the title to Hello, in red", "Hello"),
    ("en", "set the title to Hello, bigger", "Hello"),
    ("en", "set the title to Hello, centered", "Hello"),
    ("en", "set the title to Hello, in bold", "Hello"),
    ("en", "set the title to Hello, ok?", "Hello"),
    ("en", "title: Hello, red", "Hello"),
    ("es", "pon el título: Hola, en rojo", "Hola"),
    ("es", "pon el título: Hola, al principio", "Hola"),
    ("es", "pon el título: Hola, por 5 segundos", "Hola"),
    ("es", "pon el título: Hola, arriba", "Hola"),
    ("es", "pon el título: Hola, en negrita", "Hola"),
    ("fr", "mets le titre : Bonjour, en rouge", "Bonjour"),
    ("fr", "mets le titre : Bonjour, au début", "Bonjour"),
    ("fr", "mets le titre : Bonjour, en haut", "Bonjour"),
    ("de", "Titel: Hallo, in Rot", "Hallo"),
    ("de", "Titel: Hallo, oben", "Hallo"),
    ("pt", "coloca o título: Olá, em vermelho", "Olá"),
    ("pt", "coloca o título: Olá, no início", "Olá"),
])
def test_words_that_style_place_or_time_a_title_stay_out_of_it(
        lang: str, ask: str, title: str) -> None:
    intent = parse(ask, has_video=True, session_language=lang)
    assert intent.text == title


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("es", "pon el título: Buenos días, ciudad", "Buenos días, ciudad"),
    ("fr", "mets le titre : Bonjour, la ville", "Bonjour, la ville"),
    ("de", "Titel: Guten Morgen, Berlin", "Guten Morgen, Berlin"),
    ("pt", "coloca o título: Bom dia, cidade", "Bom dia, cidade"),
    ("es", "pon el título: Hola, mundo", "Hola, mundo"),
    ("en", "set the title to Hello, world", "Hello, world"),
])
def test_a_name_after_a_titles_comma_stays_in_it(lang: str, ask: str, title: str) -> None:
    intent = parse(ask, has_video=True, session_language=lang)
    assert intent.text == title


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("de", "ändere den Titel zu An Ort und Stelle", "An Ort und Stelle"),
    ("fr", "change le titre en Vins et Mets", "Vins et Mets"),
    ("es", "cambia el título a Baila y Pon Tu Alma", "Baila y Pon Tu Alma"),
])
def test_a_whole_title_is_what_the_project_shows(
        api: Api, lang: str, ask: str, title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("en", "set the title to Hello, in red", "Hello"),
    ("es", "pon el título: Hola, al principio", "Hola"),
    ("de", "Titel: Hallo, oben", "Hallo"),
])
def test_a_style_after_the_comma_is_not_shown_as_the_title(
        api: Api, lang: str, ask: str, title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text
