from __future__ import annotations

import pytest

from translators.draft_view import (
    draft_duration_ms,
    draft_ratio,
    format_seconds,
    read_tracks,
    shorten,
)

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


@pytest.mark.parametrize(("ms", "text"), [
    (0, "0"), (10_000, "10"), (2_500, "2.5"), (9_960, "10"), (1_040, "1"), (125_000, "125"),
    (333, "0.3"),
])
def test_format_seconds_uses_one_decimal_only_when_needed(ms: int, text: str) -> None:
    assert format_seconds(ms) == text


@pytest.mark.parametrize(("canvas", "draft", "ratio"), [
    ({"ratio": "9:16"}, {"ratio": "16:9"}, "9:16"),
    (None, {"ratio": "1:1", "t": []}, "1:1"),
    ({"width": 1920, "height": 1080}, None, "16:9"),
    (None, {"w": 1080, "h": 1920, "t": []}, "9:16"),
    (None, {"w": 1000, "h": 300, "t": []}, "10:3"),
    (None, {"t": []}, None),
    ({"width": "x"}, None, None),
])
def test_ratio_from_canvas_or_draft(canvas: object, draft: object, ratio: str | None) -> None:
    assert draft_ratio(draft, canvas) == ratio


def test_duration_prefers_the_declared_one() -> None:
    seg = {"id": "a", "s": 0, "d": 4000, "m": {}}
    assert draft_duration_ms({"d": 9000, "t": [{"tt": 0, "sg": [seg]}]}) == 9000
    assert draft_duration_ms({"t": [{"tt": 0, "sg": [seg]}]}) == 4000
    assert draft_duration_ms({"d": "junk", "t": []}) is None
    assert draft_duration_ms(None) is None


def test_track_types_given_as_text_are_understood() -> None:
    tracks = read_tracks({"t": [{"tt": "0", "sg": []}, {"tt": "audio", "sg": []},
                                {"tt": True, "sg": []}]})
    assert [t.kind for t in tracks] == ["video", "audio", "track"]


def test_shorten_cuts_on_a_word() -> None:
    assert shorten("short") == "short"
    assert shorten("one two three four five six", limit=15) == "one two three…"
    assert shorten("很长的中文标题没有空格需要被截断", limit=8) == "很长的中文标题…"
    assert shorten("multi\nline   text") == "multi line text"
