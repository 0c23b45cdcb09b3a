"""The tolerant draft readers: words, labels, media and volume wherever a draft keeps them."""

from __future__ import annotations

import pytest

from backend.draft import (
    MediaRef,
    draft_ready,
    segment_label,
    segment_media,
    segment_role,
    segment_span,
    segment_text,
    segment_volume,
    video_analyses,
)


@pytest.mark.parametrize("segment", [
    {"m": {"text": "Urban Dreams"}},
    {"text": "Urban Dreams", "s": 0, "d": 3000},
    {"m": {}, "content": "Urban Dreams"},
    {"m": {"label": "Urban Dreams"}},
    {"m": {"text": {"content": "Urban Dreams"}}},
    {"m": {"text": [{"text": "Urban"}, {"text": "Dreams"}]}},
    {"m": {"text": "  "}, "name": "Urban  Dreams"},
])
def test_text_wherever_it_is(segment: dict[str, object]) -> None:
    assert segment_text(segment) == "Urban Dreams"


def test_meta_wins_over_the_segment_and_nothing_is_none() -> None:
    assert segment_text({"m": {"text": "A"}, "text": "B"}) == "A"
    assert segment_text({"m": {"role": "title"}}) is None
    assert segment_text("not a segment") is None


def test_labels_and_media() -> None:
    seg = {"s": 0, "d": 5000, "m": {"cdn_url": "https://cdn.example/u/beach%20day.mp4",
                                    "mediaId": "m1"}}
    assert segment_media(seg) == MediaRef("m1", "https://cdn.example/u/beach%20day.mp4",
                                          "cdn_url")
    assert segment_label(seg) == "beach day.mp4"
    assert segment_label({"description": "city timelapse", "url": "x.mp4"}) == "city timelapse"
    sandbox = segment_media({"m": {"path": "/mnt/userdata/clip.mov"}})
    assert (sandbox.url, sandbox.file_name) == ("/mnt/userdata/clip.mov", "clip.mov")
    assert segment_media({"m": {"kind": "scene"}}) == MediaRef(None, None)


def test_volume_role_span() -> None:
    assert segment_volume({"m": {"vol": 0.35}}) == 0.35
    assert segment_volume({"volume": 80}) == 0.8
    assert segment_volume({"m": {"vol": "loud"}}) is None
    assert segment_role({"type": "Subtitle"}) == "subtitle"
    assert segment_span({"start": 1000, "duration": "2000"}) == (1000, 2000)


def test_video_analyses_in_either_shape() -> None:
    listed = {"video_analyses": [{"media_id": "m1", "summary": "a dog on a beach"},
                                 {"url": "u2", "description": {"text": "rain"}}, "junk", 3]}
    assert video_analyses(listed) == [{"key": "m1", "text": "a dog on a beach"},
                                      {"key": "u2", "text": "rain"},
                                      {"key": "", "text": "junk"}]
    assert video_analyses({"video_analyses": {"m9": {"caption": "sunset"}}}) == [
        {"key": "m9", "text": "sunset"}]
    assert video_analyses({}) == []


def test_draft_ready() -> None:
    assert draft_ready({"t": [{"tt": 0, "sg": [{}]}]})
    assert not draft_ready({"t": [{"tt": 0, "sg": []}]})
