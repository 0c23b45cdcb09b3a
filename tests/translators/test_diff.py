from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.translators.drafts import bgm, draft, scene, seed_draft, state, text, video
from translators.diff import Change, ChangeKind, diff_states, render_change, summarize_changes

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


def _base() -> dict[str, Any]:
    return state(draft(video("v1", scene("s1", 0, 10, "city timelapse")),
                       bgm("a1", "Lo-fi", 0, 10, vol=0.5), duration=10))


def _edit(before: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(before)


def _lines(before: object, after: object, lang: str = "en") -> list[str]:
    return list(summarize_changes(before, after, lang).lines)


def _kinds(before: object, after: object) -> list[ChangeKind]:
    return [c.kind for c in diff_states(before, after)]


# --- no change -----------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after"), [
    (None, None), ({}, None), (None, {}), ({"draft": None}, {}),
    (_base(), _base()),
])
def test_no_change_is_detectable(before: object, after: object) -> None:
    summary = summarize_changes(before, after, "en")
    assert summary.no_change
    assert summary.changes == ()
    assert summary.lines == ()
    assert summary.text == \
        "I couldn't find any change in the timeline. Could you describe the edit again?"


def test_no_change_in_chinese() -> None:
    assert summarize_changes(_base(), _base(), "zh").text == \
        "我没有在时间线中发现任何变化。可以再描述一下你想做的修改吗？"


def test_a_draft_sent_as_json_text_is_the_same_draft() -> None:
    before = _base()
    after = _edit(before)
    after["draft"] = json.dumps(after["draft"])
    assert summarize_changes(before, after).no_change


# --- titles and captions -------------------------------------------------------------------

def test_title_added() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"].append(text("x1", "title", ("t1", "Paradise Found", 0, 3)))
    assert _lines(before, after) == ["✅ Title added: 'Paradise Found' (0-3s)"]
    assert _lines(before, after, "zh") == ["✅ 已添加标题：“Paradise Found”（0-3秒）"]


def test_title_changed_text_and_timing() -> None:
    before = _base()
    before["draft"]["t"].append(text("x1", "title", ("t1", "Paradise Found", 0, 3)))
    after = _edit(before)
    after["draft"]["t"][2]["sg"][0]["m"]["text"] = "Paradise Lost"
    assert _lines(before, after) == ["✅ Title changed: 'Paradise Found' → 'Paradise Lost'"]
    timing = _edit(before)
    timing["draft"]["t"][2]["sg"][0]["d"] = 5000
    assert _lines(before, timing) == ["✅ Title changed: 'Paradise Found' (0-3s → 0-5s)"]


def test_regenerated_title_with_a_new_id_counts_as_changed() -> None:
    before = _base()
    before["draft"]["t"].append(text("x1", "title", ("t1", "Old", 0, 3)))
    after = _edit(before)
    after["draft"]["t"][2] = text("x9", "title", ("t9", "New", 0, 3))
    assert _kinds(before, after) == [ChangeKind.TITLE_CHANGED]


def test_title_removed() -> None:
    before = _base()
    before["draft"]["t"].append(text("x1", "title", ("t1", "Paradise Found", 0, 3)))
    after = _base()
    assert _lines(before, after) == ["🗑️ Title removed: 'Paradise Found'"]


def test_caption_added_one_and_many() -> None:
    before = _base()
    one = _edit(before)
    one["draft"]["t"].append(text("c1", "caption", ("c-1", "Welcome to the city", 0, 4)))
    assert _lines(before, one) == ["✅ Caption added: 'Welcome to the city' (0-4s)"]
    many = _edit(before)
    many["draft"]["t"].append(text("c1", "caption", ("c-1", "One", 0, 2), ("c-2", "Two", 2, 2),
                                   ("c-3", "Three", 4, 2)))
    assert _lines(before, many) == ["✅ 3 captions added (0-6s)"]
    change = diff_states(before, many)[0]
    assert change.items == ("One", "Two", "Three")


def test_caption_changed_and_removed() -> None:
    before = _base()
    before["draft"]["t"].append(text("c1", "caption", ("c-1", "Hello", 0, 2), ("c-2", "Bye", 2, 2)))
    changed = _edit(before)
    changed["draft"]["t"][2]["sg"][1]["m"]["text"] = "See you"
    assert _lines(before, changed) == ["✅ Caption changed: 'Bye' → 'See you'"]
    removed = _base()
    assert _lines(before, removed) == ["🗑️ 2 captions removed"]
    assert _lines(before, removed, "zh") == ["🗑️ 已删除 2 条字幕"]


def test_text_without_a_known_role() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"].append({"id": "x", "tt": 7, "sg": [
        {"id": "w", "s": 0, "d": 2000, "m": {"text": "Sale!", "role": "sticker"}}]})
    assert _lines(before, after) == ["✅ Text added: 'Sale!' (0-2s)"]
    changed = _edit(after)
    changed["draft"]["t"][2]["sg"][0]["m"]["text"] = "Big sale!"
    assert _lines(after, changed) == ["✅ Text changed: 'Sale!' → 'Big sale!'"]
    assert _lines(after, before) == ["🗑️ Text removed: 'Sale!'"]


# --- background music ------------------------------------------------------------------------

def test_bgm_added() -> None:
    before = state(draft(video("v1", scene("s1", 0, 10, "city timelapse"))))
    after = _base()
    assert _lines(before, after) == ["✅ Music added: Lo-fi (0-10s, 50%)"]


def test_bgm_volume_changed() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][1]["sg"][0]["m"]["vol"] = 0.35
    assert _lines(before, after) == ["✅ Music volume 50% → 35%"]
    assert _lines(before, after, "zh") == ["✅ 背景音乐音量 50% → 35%"]
    change = diff_states(before, after)[0]
    assert (change.old_value, change.value) == (50, 35)


def test_bgm_changed() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][1] = bgm("a1", "Jazz", 0, 10, vol=0.5, seg_id="m2")
    assert _lines(before, after) == ["✅ Music changed: Lo-fi → Jazz"]


def test_bgm_removed() -> None:
    before = _base()
    after = _edit(before)
    del after["draft"]["t"][1]
    assert _lines(before, after) == ["🗑️ Music removed: Lo-fi"]


# --- video ----------------------------------------------------------------------------------

def test_first_generation_lists_what_was_made() -> None:
    after = state(seed_draft())
    assert _lines(state(None), after) == [
        "✅ Title added: 'Urban Dreams' (0-3s)",
        "✅ Music added: Lo-fi (0-10s, 35%)",
        "✅ 1 scene added: city timelapse (0-10s)",
    ]


def test_scenes_added() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][0]["sg"] += [scene("s2", 10, 5, "harbour"), scene("s3", 15, 5, "market")]
    after["draft"]["d"] = 20000
    assert _lines(before, after) == ["✅ 2 scenes added: harbour, market (10-20s)",
                                     "✅ Duration 10s → 20s"]


def test_scenes_removed() -> None:
    before = _base()
    before["draft"]["t"][0]["sg"].append(scene("s2", 10, 5, "harbour"))
    after = _edit(before)
    del after["draft"]["t"][0]["sg"][1]
    assert _lines(before, after) == ["🗑️ 1 scene removed: harbour"]


def test_scenes_replaced() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][0]["sg"][0] = scene("s7", 0, 10, "mountain lake")
    assert _lines(before, after) == ["✅ Scene replaced: city timelapse → mountain lake"]
    assert _lines(before, after, "zh") == ["✅ 场景已替换：city timelapse → mountain lake"]


def test_many_scenes_are_listed_briefly() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][0]["sg"] += [scene(f"n{i}", 10 + i, 1, f"shot {i}") for i in range(5)]
    after["draft"]["d"] = 15000
    lines = _lines(before, after)
    assert lines[0] == "✅ 5 scenes added: shot 0, shot 1, shot 2 and 2 more (10-15s)"


# --- tracks ---------------------------------------------------------------------------------

def test_track_added_and_removed() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"].append({"id": "vo", "tt": 1, "sg": [
        {"id": "a", "s": 0, "d": 8000, "m": {"kind": "media", "name": "voice.mp3", "vol": 1}}]})
    assert _lines(before, after) == ["✅ Track added: Audio: voice.mp3 (0-8s)"]
    assert _lines(after, before) == ["🗑️ Track removed: Audio: voice.mp3"]
    assert _lines(after, before, "zh") == ["🗑️ 已删除轨道：音频：voice.mp3"]


def test_a_whole_video_track_removed() -> None:
    before = _base()
    before["draft"]["t"].append(video("v2", scene("o1", 0, 10, "overlay sparkles")))
    after = _base()
    assert _lines(before, after) == ["🗑️ Track removed: Video: overlay sparkles"]
    assert _lines(after, before) == ["✅ Track added: Video: overlay sparkles (0-10s)"]


# --- draft-wide -------------------------------------------------------------------------------

def test_duration_changed() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][0]["sg"][0]["d"] = 15000
    after["draft"]["t"][1]["sg"][0]["d"] = 15000
    after["draft"]["d"] = 15000
    assert "✅ Duration 10s → 15s" in _lines(before, after)
    assert "✅ 时长 10秒 → 15秒" in _lines(before, after, "zh")


def test_aspect_ratio_changed() -> None:
    before = _base()
    after = state(copy.deepcopy(before["draft"]), ratio="9:16")
    after["draft"]["ratio"] = "9:16"
    assert _lines(before, after) == ["✅ Aspect ratio 16:9 → 9:16"]


def test_aspect_ratio_from_sizes_when_no_ratio_is_given() -> None:
    before: dict[str, Any] = {"draft": {"w": 1920, "h": 1080, "t": []}}
    after: dict[str, Any] = {"draft": {"w": 1080, "h": 1080, "t": []}}
    assert _lines(before, after) == ["✅ Aspect ratio 16:9 → 1:1"]


def test_media_added() -> None:
    before = _base()
    after = _edit(before)
    after["video_infos"] = [
        {"filename": "beach.mp4", "cdn_url": "https://cdn.example/x/beach.mp4"},
        {"cdn_url": "https://cdn.example/x/logo.png"},
    ]
    assert _lines(before, after) == ["📎 2 files added: beach.mp4, logo.png"]


def test_generated_media_in_other_shapes() -> None:
    before = _base()
    after = _edit(before)
    after["generated_media"] = {"videos": [{"id": "g1", "name": "raw_cut.mp4"}]}
    assert _lines(before, after) == ["📎 1 file added: raw_cut.mp4"]


def test_other_differences_are_still_reported() -> None:
    before = _base()
    after = _edit(before)
    after["draft"]["t"][0]["sg"][0]["m"]["motion"] = "zoom"
    assert _lines(before, after) == ["✅ The timeline was updated."]


def test_odd_states_do_not_raise() -> None:
    odds: list[object] = ["{", 42, [], {"draft": {"t": [None, 1, {"tt": "x", "sg": [None]}]}}]
    for odd in odds:
        summarize_changes(odd, _base())
        summarize_changes(_base(), odd)


def test_change_values_are_typed() -> None:
    change = Change(ChangeKind.TITLE_ADDED, text="Paradise Found", span=(0, 3000))
    assert render_change(change) == "✅ Title added: 'Paradise Found' (0-3s)"
    assert render_change(change, "zh") == "✅ 已添加标题：“Paradise Found”（0-3秒）"


def test_text_on_the_segment_itself_is_summarised_with_its_words() -> None:
    # A server that keeps a text segment's words on the segment, not in ``m``.
    video_track = {"id": "v", "tt": 0, "sg": [{"id": "s1", "s": 0, "d": 10000,
                                                 "m": {"desc": "city timelapse"}}]}
    before = {"draft": {"t": [video_track], "d": 10000}}
    after = {"draft": {"t": [video_track, {"id": "x", "tt": 7, "sg": [
        {"id": "t1", "s": 0, "d": 3000, "text": "Urban Dreams", "m": {}}]}], "d": 10000}}
    summary = summarize_changes(before, after, "en")
    assert summary.lines == ("✅ Text added: 'Urban Dreams' (0-3s)",)


def test_unreadable_words_are_never_an_empty_label() -> None:
    video_track = {"id": "v", "tt": 0, "sg": [{"id": "s1", "s": 0, "d": 10000, "m": {}}]}
    before = {"draft": {"t": [video_track]}}
    after = {"draft": {"t": [video_track, {"id": "x", "tt": 7, "n": "Title", "sg": [
        {"id": "t1", "s": 0, "d": 3000, "m": {"font": "Inter"}}]}]}}
    lines = summarize_changes(before, after, "en").lines
    assert lines == ("✅ Title added: '(no text)' (0-3s)",)
    assert "''" not in summarize_changes(before, after, "zh").lines[0]
