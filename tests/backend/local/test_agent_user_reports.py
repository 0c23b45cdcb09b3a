"""Defects users met with the local agent, checked over HTTP against a real local backend: the
reply the user reads and the draft the renderer draws.

- a message with two requests did one and said nothing of the other ("タイトルを赤にして音楽を
  追加して": the Japanese te-form joins two requests with no comma or space);
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


RED = "#ff3b30"

# -- two requests in one message: both done, or the one not done named ---------------------------

#: A video, then its music taken away: asked for again, the music is added.
WITHOUT_MUSIC = {"en": ("a video of a beach", "remove the music"),
                 "es": ("hazme un video de una playa", "quita la música"),
                 "ja": ("海辺の動画を作って", "音楽を消して")}
#: How the title's new colour and the added music are said.
TITLE_RED = {"en": "the title changed from white to red", "es": "el título pasa de blanco a rojo",
             "ja": "タイトルの色を白から赤に変更"}
MUSIC_ADDED = {"en": "🎵 Added “Lo-fi” background music",
               "es": "🎵 He añadido la música de fondo «Lo-fi»",
               "ja": "🎵 BGM「ローファイ」を追加しました"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make the title red and add some music"),
    ("en", "make the title red, add some music"),
    ("es", "pon el título en rojo y añade algo de música"),
    ("es", "haz el título rojo y también añade música"),
    ("ja", "タイトルを赤にして音楽を追加して"),  # the report: no comma between the two
    ("ja", "タイトルを赤くしてBGMを追加して"),
    ("ja", "タイトルを赤にしてから音楽を追加して"),
    ("ja", "タイトルを赤にして、音楽も追加して"),
])
def test_two_requests_are_both_done(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, *WITHOUT_MUSIC[lang])
    assert _track(before, "BGM") is None
    text, state = api.say(token, sid, ask)
    assert TITLE_RED[lang] in text, text
    assert MUSIC_ADDED[lang] in text, text
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["color"] == RED
    assert _track(state, "BGM") is not None


#: When the video has music already, the reply says so of that part (nothing done there).
ABOUT_MUSIC = {"en": "About “add some music”: The music is already “Lo-fi”",
               "ja": "「音楽を追加して」について：BGMはすでに「ローファイ」"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make the title red and add some music"),
    ("ja", "タイトルを赤にして音楽を追加して"),
])
def test_the_part_already_so_is_named(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, WITHOUT_MUSIC[lang][0])
    text, state = api.say(token, sid, ask)
    assert TITLE_RED[lang] in text, text
    assert ABOUT_MUSIC[lang] in text, text
    assert _track(state, "BGM") == _track(before, "BGM")


@pytest.mark.parametrize(("ask", "target", "size_or_pos"), [
    # One request each, te-form inside: never cut in two.
    ("タイトルを大きくして上に置いて", "Title", "pos"),
    ("字幕を黄色にして上に置いて", "Captions", "pos"),
])
def test_one_japanese_request_with_a_te_form_stays_whole(api: Api, ask: str, target: str,
                                                          size_or_pos: str) -> None:
    token, sid, _ = api.project("ja", "海辺の動画を作って", "字幕を付けて")
    text, state = api.say(token, sid, ask)
    found = _track(state, target)
    assert found is not None, text
    assert all(sg["m"][size_or_pos] == "top" for sg in found["sg"]), text
    assert "できなかった" not in text, text
