"""Which one track a request to see the project names, and that track listed in full."""

from __future__ import annotations

import pytest

from backend.draft import TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO
from translators.tracks import list_track, named_track


@pytest.mark.parametrize(("text", "kind"), [
    ("字幕の一覧を見せて", "caption"),
    ("me mostra as legendas", "caption"),
    ("자막 뭐뭐 있어?", "caption"),
    ("給我看字幕", "caption"),
    ("montre-moi les sous-titres", "caption"),  # not also the title ("titres")
    ("zeig mir die Untertitel", "caption"),  # not also the title ("Titel")
    ("what's the title?", "title"),
    ("¿qué música tiene?", "bgm"),
    ("ナレーションを見せて", "narration"),
    ("list the clips", "video"),
    ("场景列表", "video"),
])
def test_one_track_named_in_any_language(text: str, kind: str) -> None:
    assert named_track(text) == kind


@pytest.mark.parametrize("text", [
    "show me the project", "status", "タイムラインを見せて", "what's in the video?",
    "show the captions and the music", "字幕和音乐",
])
def test_none_or_several_tracks_named_is_the_whole_timeline(text: str) -> None:
    assert named_track(text) is None


_DRAFT = {"w": 1920, "h": 1080, "d": 10000, "t": [
    {"tt": TRACK_VIDEO, "n": "Video", "sg": [
        {"s": 0, "d": 5000, "m": {"kind": "scene", "desc": "a harbour at night"}},
        {"s": 5000, "d": 5000, "m": {"kind": "scene", "desc": "boats"}}]},
    {"tt": TRACK_AUDIO, "n": "Music", "sg": [
        {"s": 0, "d": 10000, "m": {"name": "Lo-fi", "vol": 0.35}}]},
    {"tt": TRACK_TEXT, "n": "Captions", "sg": [
        {"s": 7000, "d": 3000, "m": {"text": "Thanks for coming to the harbour on this long "
                                              "summer night!"}},
        {"s": 0, "d": 3000, "m": {"text": "Hello"}}]},
]}


def test_captions_are_listed_in_time_order_and_in_full() -> None:
    assert list_track(_DRAFT, "caption", "en") == (
        'Captions (2): 1. "Hello" (0-3s) '
        '2. "Thanks for coming to the harbour on this long summer night!" (7-10s)')
    assert list_track(_DRAFT, "caption", "ja") == (
        "字幕（2件）：1. 「Hello」（0-3秒） "
        "2. 「Thanks for coming to the harbour on this long summer night!」（7-10秒）")


def test_music_is_listed_with_its_volume() -> None:
    assert list_track(_DRAFT, "bgm", "fr") == "Musique : Lo-fi (0-10 s, 35 %)"


def test_a_track_the_video_lacks_is_said_in_the_users_language() -> None:
    assert list_track(_DRAFT, "title", "pt") == "Este vídeo ainda não tem título."
    assert list_track(_DRAFT, "narration", "zh-Hant") == "這支影片還沒有旁白。"
