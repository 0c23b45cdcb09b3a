"""Wordings from user trial 13 (ten first-time users, nine languages, through
``nemoskill --local chat``) that the local agent did not understand, checked over HTTP against
a real local backend: the reply the user reads and the project's state after it.

- the visible text called "the writing", "the letters" ("Die Schrift", "글씨") was not the title;
- livelier or happier asked in words the moods did not have ("熱鬧一點", "deixa mais feliz",
  "ponle musica mas prendida"), and Portuguese "animado" read as the animation style;
- "put the music back as it was" ("deja la música como estaba", "元の音楽に戻して") was not an undo;
- Mexican Spanish "hazlo mas cortito" and "q tiene el video".
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


MAKE = {"en": "a 15 second video of a beach", "es": "haz un video de 15 segundos de una playa",
        "fr": "fais une vidéo de 15 secondes d'une plage",
        "de": "Mach ein Video von 15 Sekunden von einem Strand",
        "pt": "faz um vídeo de 15 segundos de uma praia",
        "zh-Hans": "帮我做一个15秒的海边视频", "zh-Hant": "幫我做一個15秒的海邊影片",
        "ja": "15秒の海辺の動画を作って", "ko": "15초짜리 바다 영상 만들어줘"}


def _title_size(state: dict[str, object]) -> float:
    title = _track(state, "Title")  # type: ignore[arg-type]
    assert title is not None
    return float(title["sg"][0]["m"]["size"])


# -- "the writing", "the letters": the visible text, which is the title ------------------------

#: How each language's reply says the title was made bigger.
TITLE_BIGGER = {"en": "the title made bigger", "es": "el título más grande",
                "fr": "le titre plus grand", "de": "der Titel größer",
                "pt": "o título maior", "zh-Hans": "标题放大", "zh-Hant": "標題放大",
                "ja": "タイトルを大きく", "ko": "제목 크게"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "The writing is too small for my old eyes, can you make it bigger?"),  # the trial's
    ("en", "bigger letters please"),
    ("en", "make the lettering bigger"),
    ("es", "Las letras más grandes por favor"),
    ("es", "letras más grandes"),
    ("es", "la letra más grande"),
    ("fr", "les lettres plus grosses"),
    ("fr", "l'écriture est trop petite"),
    ("de", "Die Schrift größer"),
    ("de", "Die Schrift größer bitte"),
    ("de", "die Buchstaben größer"),
    ("pt", "letras maiores por favor"),
    ("pt", "a letra está muito pequena"),
    ("zh-Hans", "那些字大一点"),
    ("zh-Hant", "那些字大一點"),
    ("ja", "字が小さすぎます"),
    ("ko", "글씨 크게 해주세요"),
])
def test_the_writing_or_the_letters_are_the_title(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, MAKE[lang])
    assert _title_size(before) == pytest.approx(0.08)
    text, state = api.say(token, sid, ask)
    assert TITLE_BIGGER[lang] in text, text
    assert _title_size(state) == pytest.approx(0.10)
    # The look of the title only: its words, the music and the length are as they were.
    assert _track(state, "Title")["sg"][0]["m"]["text"] == (  # type: ignore[index]
        _track(before, "Title")["sg"][0]["m"]["text"])  # type: ignore[index]
    assert _track(state, "BGM") == _track(before, "BGM")
    assert state["draft"]["d"] == before["draft"]["d"]
