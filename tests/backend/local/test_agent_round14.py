"""Defects a user met in the local agent, checked over HTTP against a real local backend:
the reply the user reads and the project's length and title after the message.

- seconds added with a verb of adding ("füge 10 Sekunden hinzu", "adicione 10 segundos",
  "10秒追加して", "10초 추가해줘") were not understood or set the video to that length;
- a length changed from one to another ("从30秒改成20秒", "von 30 auf 20 Sekunden", "20秒から
  30秒に伸ばして") was made the first length or not understood;
- a title's text was cut at "and" and an edit verb that asks nothing of the video ("change
  the title to cook and make friends" gave "cook") or at a word like "to" ("make the title
  Back to School" gave "School");
- an undo with a length after it ("put it back as it was and make it 20 seconds") undid and
  dropped the length;
- a length written m:ss ("a 1:30 video about dogs", "video about dogs, 1:30 long", "make it
  1:30") was not read (the video got the default length, or "1:30" went into the prompt);
- a look of the letters not drawn beside a length ("make the title bold and cut it to 15
  seconds") dropped the length;
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import seconds as _seconds
from tests.backend.local.drafts import title_text as _title_text


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


@pytest.mark.parametrize(("lang", "ask"), [
    ("de", "füge 10 Sekunden hinzu"),
    ("pt", "adicione 10 segundos"),
    ("pt", "coloca mais 10 segundos"),
    ("ja", "10秒追加して"),
    ("ko", "10초 추가해줘"),
    ("es", "agrega 10 segundos"),
    ("fr", "ajoute 10 secondes"),
    ("zh-Hans", "再加10秒"),
])
def test_seconds_added_lengthen_the_video(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    assert _seconds(before) == 30
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 40, text
    assert "40" in text, text


@pytest.mark.parametrize(("lang", "ask"), [
    ("de", "füge Musik hinzu und kürze es um 10 Sekunden"),
    ("pt", "deixa mais curto em 10 segundos"),
])
def test_an_adding_verb_beside_a_shortening_still_shortens(api: Api, lang: str,
                                                          ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 20, text


@pytest.mark.parametrize(("lang", "ask", "length"), [
    ("zh-Hans", "从30秒改成20秒", 20),
    ("zh-Hans", "把视频从30秒改成20秒", 20),
    ("zh-Hans", "把这段视频从30秒改成20秒", 20),  # a counter, no part
    ("zh-Hans", "从30秒缩短到20秒", 20),
    ("zh-Hant", "從30秒改成20秒", 20),
    ("zh-Hans", "从30秒改成40秒", 40),
    ("ja", "30秒から20秒にして", 20),
    ("ja", "30秒から40秒に伸ばして", 40),
    ("ko", "30초에서 20초로 줄여줘", 20),
    ("ko", "30초에서 40초로 늘려줘", 40),
    ("de", "von 30 auf 20 Sekunden", 20),
    ("de", "ändere die Länge von 30 Sekunden auf 20 Sekunden", 20),
    ("pt", "muda de 30 segundos para 20 segundos", 20),
    ("es", "de 30 a 20 segundos", 20),
])
def test_a_length_changed_from_one_to_another_is_the_last(api: Api, lang: str, ask: str,
                                                          length: int) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == length, text
    assert str(length) in text, text


def test_captions_from_one_time_to_another_are_still_a_span(api: Api) -> None:
    token, sid, _ = api.project("ja", THIRTY["ja"])
    text, state = api.say(token, sid, "10秒から20秒に字幕を入れて")
    assert _seconds(state) == 30, text


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("en", "change the title to cook and make friends", "cook and make friends"),
    ("en", "change the title to keep calm and make art", "keep calm and make art"),
    ("en", "make the title Back to School", "Back to School"),
    ("en", "add the title Meeting at 10:30", "Meeting at 10:30"),
    ("es", "añade el título Reunión a las 10:30", "Reunión a las 10:30"),
    ("fr", "ajoute le titre Réunion à 10:30", "Réunion à 10:30"),
])
def test_a_title_is_kept_whole(api: Api, lang: str, ask: str, title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text
    assert _seconds(state) == 30, text


@pytest.mark.parametrize(("ask", "title"), [
    ("change the title to Summer and cut it to 15 seconds", "Summer"),
    ("make the title Back to School and cut it to 15 seconds", "Back to School"),
    ("put the title Happy Days and cut it to 15 seconds", "Happy Days"),
    ("change the title to cook and make friends and cut it to 15 seconds",
     "cook and make friends"),
])
def test_a_title_and_a_length_are_both_done(api: Api, ask: str, title: str) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == title, text
    assert _seconds(state) == 15, text
    assert "15 s" in text, text


def test_a_title_then_another_edit_is_still_two(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "change the title to Summer and make the music calm")
    assert _title_text(state) == "Summer", text
    assert "calm" in text.lower(), text


#: How the new length is said, and that the look of the letters is not drawn.
NOW = {"en": "The video is now 15 s long", "es": "El vídeo dura ahora 15 s",
       "fr": "La vidéo dure maintenant 15 s", "de": "Das Video ist jetzt 15 s lang"}
UNDRAWN = {"en": "“bold” is something the offline renderer can't draw",
           "es": "«negrita» no es algo que el renderizador sin conexión pueda dibujar",
           "fr": "« gras » n'est pas quelque chose que le rendu hors ligne sait dessiner",
           "de": "„fett“ kann der Offline-Renderer nicht darstellen"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make the title bold and cut it to 15 seconds"),
    ("es", "pon el título en negrita y córtalo a 15 segundos"),
    ("fr", "mets le titre en gras et coupe-la à 15 secondes"),
    ("de", "mach den Titel fett und kürze es auf 15 Sekunden"),
])
def test_bold_beside_a_length_makes_the_length_and_says_bold_is_not_drawn(
        api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    old = _title_text(before)
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 15, text
    assert _title_text(state) == old
    assert NOW[lang] in text, text
    assert UNDRAWN[lang] in text, text
    assert "Nothing changed" not in text, text
    assert "No he cambiado nada" not in text, text


@pytest.mark.parametrize(("lang", "first", "ask", "old"), [
    ("en", "change the title to Summer", "put it back as it was and make it 20 seconds", "Beach"),
    ("en", "change the title to Summer", "undo that and make it 20 seconds", "Beach"),
    ("es", "cambia el título a Verano", "deshaz eso y hazlo de 20 segundos", "Playa"),
])
def test_an_undo_then_a_length_does_both(api: Api, lang: str, first: str, ask: str,
                                         old: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    assert _title_text(before) == old
    api.say(token, sid, first)
    text, state = api.say(token, sid, ask)
    assert _title_text(state) == old, text
    assert _seconds(state) == 20, text
    assert "20 s" in text, text
    # The length is a change of its own: the next undo takes it back.
    text, state = api.say(token, sid, "undo")
    assert _seconds(state) == 30, text
    assert _title_text(state) == old, text


def test_an_undo_alone_is_still_one(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    api.say(token, sid, "change the title to Summer")
    text, state = api.say(token, sid, "put it back as it was, thanks")
    assert _title_text(state) == "Beach", text
    assert _seconds(state) == 30, text


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "a 1:30 video about dogs"),
    ("en", "video about dogs, 1:30 long"),
    ("de", "ein 1:30 Video über Hunde"),
    ("es", "un video de 1:30 sobre perros"),
    ("fr", "une vidéo de 1:30 sur les chiens"),
    ("pt", "um vídeo de 1:30 sobre cachorros"),
    ("zh-Hans", "一个1:30的视频关于狗"),
    ("ja", "犬についての1:30の動画"),
    ("ko", "강아지 1:30짜리 영상 만들어줘"),
])
def test_a_first_prompt_with_minutes_and_seconds_is_that_long(api: Api, lang: str,
                                                              ask: str) -> None:
    _, _, state = api.project(lang, ask)
    assert _seconds(state) == 90
    assert "1:30" not in _title_text(state)


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make it 1:30"),
    ("en", "make it 1:30 minutes long"),
    ("de", "mach es 1:30 lang"),
    ("es", "hazlo de 1:30"),
    ("fr", "fais-la durer 1:30"),
    ("pt", "deixe com 1:30"),
    ("zh-Hans", "把视频改成1:30"),
    ("ja", "1:30にして"),
    ("ko", "1:30로 줄여줘"),
])
def test_a_length_in_minutes_and_seconds_is_made(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 90, text


@pytest.mark.parametrize("ask", [
    "a 7:30 video of my morning",  # the time of day, as likely
    "a video about dogs for my party at 1:30",
])
def test_a_time_of_day_is_no_length(api: Api, ask: str) -> None:
    _, _, state = api.project("en", ask)
    assert _seconds(state) not in (90, 450)


@pytest.mark.parametrize(("lang", "ask", "part", "length"), [
    ("en", "add a title and shorten it by 10 seconds", "About “add a title”", 20),
    ("es", "pon un título y córtalo a 15 segundos", "Sobre «pon un título»", 15),
])
def test_a_title_with_no_text_and_a_length_makes_the_length(api: Api, lang: str, ask: str,
                                                            part: str, length: int) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == length, text
    # The title's "nothing changed" is said of its part only.
    assert text.startswith(part), text
    assert f"{length} s" in text, text
