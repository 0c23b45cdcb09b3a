"""Chat turns over /run_sse: both dialects, heartbeats, two-stage generation, silent edits,
credits. Everything goes through a real server on loopback."""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from backend.errors import OutOfCredits, error_for
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api

GENERATE = "Generate a 10-second cinematic video of a city at sunset"


def _adk_events(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.startswith("data:") and line[5:].strip():
            yield json.loads(line[5:])


def _next_part(events: Iterator[dict[str, Any]], key: str) -> tuple[dict[str, Any], Any]:
    for ev in events:
        for part in ev["content"]["parts"]:
            if key in part and not ev.get("partial"):
                return ev, part[key]
    raise AssertionError(f"stream ended without a {key} part")


def _tracks(state: dict[str, Any]) -> list[str]:
    return [t["n"] for t in state["draft"]["t"]]


def test_generation_is_two_stage_with_frozen_credits(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    gate = backend.faults.hold_generations()
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": GENERATE}]}}
    with api.http.stream("POST", "/run_sse", json=body, headers=api.auth(token)) as r:
        events = _adk_events(r.iter_lines())
        _, call = _next_part(events, "functionCall")
        assert call["name"] == "generate_video"
        assert call["args"]["aspect_ratio"] == "16:9"
        assert call["args"]["duration"] == 10
        assert api.credits(token) | {"user_id": None} == {
            "available": 9900, "frozen": 100, "total": 10_000, "user_id": None}
        assert api.state(token, sid)["draft"]["t"] == []
        gate.step()
        ev, resp = _next_part(events, "functionResponse")
        assert resp["name"] == "generate_video"
        assert resp["id"] == call["id"]
        assert [t["n"] for t in ev["actions"]["stateDelta"]["draft"]["t"]] == ["Video"]
        raw = api.state(token, sid)
        assert _tracks(raw) == ["Video"]
        assert len(raw["generated_media"]) == 1
        _, text = _next_part(events, "text")
        assert "raw video is ready" in text
        _, call2 = _next_part(events, "functionCall")
        assert call2["name"] == "add_music_and_title"
        gate.open()
        rest = list(events)
    final_text = [p["text"] for ev in rest for p in ev["content"]["parts"]
                  if "text" in p and not ev["partial"]]
    assert len(final_text) == 1
    assert "Export" in final_text[0]
    assert "timeline" in final_text[0]
    state = api.state(token, sid)
    assert _tracks(state) == ["Video", "BGM", "Title"]
    draft = state["draft"]
    assert (draft["w"], draft["h"], draft["d"]) == (1920, 1080, 10_000)
    scenes = draft["t"][0]["sg"]
    assert all(s["m"]["kind"] == "scene" for s in scenes)
    assert scenes[0]["m"]["palette"] == ["#FF6B35", "#F7C59F"]  # sunset → warm
    assert draft["t"][1]["sg"][0]["m"]["name"] == "Cinematic"
    assert api.credits(token)["available"] == 9900
    assert api.credits(token)["frozen"] == 0


def test_adk_event_shape_and_partial_text(api: Api) -> None:
    token, sid = api.new_user()
    chat = api.chat(token, sid, GENERATE)
    events = [e for e in chat.events if e is not None]
    for ev in events:
        assert set(ev) >= {"content", "author", "invocationId", "id", "timestamp", "actions"}
        assert ev["author"] == "nemo_agent"
        assert "stateDelta" in ev["actions"]
    assert len({ev["invocationId"] for ev in events}) == 1
    assert len({ev["id"] for ev in events}) == len(events)
    partial = [t for ev, t in chat.parts("text") if ev["partial"]]
    finals = chat.final_texts
    assert len(finals) == 3
    # The partial chunks of each reply add up to its final text, which comes once.
    assert "".join(partial) == "".join(t for t in finals if len(t) > 40)


def test_gateway_dialect(make_backend: Callable[..., LocalBackend],
                         make_api: Callable[[LocalBackend], Api]) -> None:
    api = make_api(make_backend(dialect="gateway", stage_delay=0.02, heartbeat_interval=0.01))
    token, sid = api.new_user()
    chat = api.chat(token, sid, GENERATE)
    events = chat.events
    assert all(isinstance(e, dict) and e["type"] in ("text", "tool_call", "tool_result",
                                                     "heartbeat") for e in events)
    types = [e["type"] for e in events if e["type"] != "heartbeat"]
    assert types == ["text", "tool_call", "tool_result", "text", "tool_call", "tool_result",
                     "text"]
    assert sum(e["type"] == "heartbeat" for e in events) == 4  # 2 per stage
    calls = [e for e in events if e["type"] == "tool_call"]
    assert [c["name"] for c in calls] == ["generate_video", "add_music_and_title"]
    assert events[-1]["content"].startswith("✅")
    results = [e for e in events if e["type"] == "tool_result"]
    assert results[0]["result"]["status"] == "success"


def test_adk_heartbeats_are_empty_data_lines(make_backend: Callable[..., LocalBackend],
                                             make_api: Callable[[LocalBackend], Api]) -> None:
    api = make_api(make_backend(stage_delay=0.02, edit_delay=0.02, heartbeat_interval=0.01))
    token, sid = api.new_user()
    chat = api.chat(token, sid, GENERATE)
    assert chat.events.count(None) == 4
    chat = api.chat(token, sid, "add upbeat music")
    assert chat.events.count(None) == 2


def test_title_edits_are_silent(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    for message, expected in (('change the title to "Urban Dreams"', "Urban Dreams"),
                              ("添加标题“城市之光”", "城市之光")):
        chat = api.chat(token, sid, message)
        assert chat.status == 200
        assert chat.parts("text") == []
        calls = chat.parts("functionCall")
        assert [c["name"] for _, c in calls] == ["set_title"]
        assert chat.parts("functionResponse")
        title = api.state(token, sid)["draft"]["t"][2]
        assert title["n"] == "Title"
        assert title["sg"][0]["m"]["text"] == expected
    chat = api.chat(token, sid, "add captions")
    assert chat.parts("text") == []
    assert "Captions" in _tracks(api.state(token, sid))
    chat = api.chat(token, sid, "remove the title")
    assert chat.parts("text") == []
    assert "Title" not in _tracks(api.state(token, sid))


def test_edits_reply_with_gui_phrases(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    text = api.chat(token, sid, "set the music volume to 60%").final_texts[-1]
    assert "60%" in text
    assert "Preview in timeline" in text
    assert api.state(token, sid)["draft"]["t"][1]["sg"][0]["m"]["vol"] == 0.6
    text = api.chat(token, sid, "make it 20 seconds").final_texts[-1]
    assert "20 s" in text
    assert "Drag" in text
    assert api.state(token, sid)["draft"]["d"] == 20_000
    text = api.chat(token, sid, "what's in my project?").final_texts[-1]
    # The answer lists the tracks itself: no "open the Tracks panel" (the client would
    # answer that with the timeline, a second summary).
    assert "Tracks panel" not in text
    assert "Click Export" in text
    assert "20 s" in text


def test_chinese_replies_and_generation(api: Api) -> None:
    token, sid = api.new_user("zh")
    chat = api.chat(token, sid, "生成一段12秒的海边日落视频，竖屏")
    finals = chat.final_texts
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in finals)
    assert "点击" in finals[-1]
    assert "导出" in finals[-1]
    state = api.state(token, sid)
    assert (state["draft"]["w"], state["draft"]["h"], state["draft"]["d"]) == (1080, 1920, 12_000)
    assert state["canvas_config"]["ratio"] == "9:16"
    answer = api.chat(token, sid, "视频多长？").final_texts[-1]
    assert "12秒" in answer
    assert "点击「导出」" in answer  # GUI talk the client translates
    assert "轨道面板" not in answer  # the tracks are listed already: no second summary


def test_script_generation_makes_one_scene_per_sentence(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, "Make a video from this script:\nA cat wakes up. It stretches.\n"
                         "Then it eats breakfast!")
    video = api.state(token, sid)["draft"]["t"][0]["sg"]
    assert [s["m"]["desc"] for s in video] == ["A cat wakes up", "It stretches",
                                               "Then it eats breakfast"]
    # Back to back, each as long as its spoken sentence (2.5 s at least).
    assert [s["s"] for s in video] == [0, video[0]["d"], video[0]["d"] + video[1]["d"]]
    assert all(s["d"] >= 2500 for s in video)


def test_aspect_ratio_change_regenerates_and_says_so(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    before = api.state(token, sid)["draft"]
    text = api.chat(token, sid, "change the aspect ratio to 9:16").final_texts[-1]
    assert "regenerated" in text
    after = api.state(token, sid)["draft"]
    assert (after["w"], after["h"], after["ratio"]) == (1080, 1920, "9:16")
    assert _tracks({"draft": after}) == _tracks({"draft": before})
    assert after["t"][0]["sg"][0]["m"]["seed"] != before["t"][0]["sg"][0]["m"]["seed"]
    assert api.credits(token)["available"] == 9800  # a regeneration costs a generation
    assert "16:9, 9:16 or 1:1" in api.chat(token, sid, "make it 4:3").final_texts[-1]


def test_edits_without_a_video_are_kept_and_ask_for_one(api: Api) -> None:
    token, sid = api.new_user()
    text = api.chat(token, sid, "add upbeat music").final_texts[-1]
    assert "keep these settings: upbeat music" in text
    assert "what should the video be about?" in text
    text = api.chat(token, sid, "remove the title").final_texts[-1]
    assert "no video yet" in text
    assert api.credits(token)["available"] == 10_000


def test_remove_track_by_number(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    text = api.chat(token, sid, "remove track 2").final_texts[-1]
    assert "Removed the music track" in text
    assert _tracks(api.state(token, sid)) == ["Video", "Title"]
    assert "couldn't find" in api.chat(token, sid, "delete track 7").final_texts[-1]


def test_credits_generation_edit_once_per_session(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    assert api.credits(token)["available"] == 9900
    api.chat(token, sid, "add upbeat music")
    assert api.credits(token)["available"] == 9850
    api.chat(token, sid, "make it 15 seconds")
    api.chat(token, sid, "what's in my project?")
    assert api.credits(token)["available"] == 9850
    sid2 = api.session(token)
    api.chat(token, sid2, GENERATE)
    api.chat(token, sid2, "add calm music")
    assert api.credits(token) | {"user_id": None} == {
        "available": 9700, "frozen": 0, "total": 9700, "user_id": None}


def test_out_of_credits_is_2001_and_changes_nothing(make_backend: Callable[..., LocalBackend],
                                                    make_api: Callable[[LocalBackend], Api]
                                                    ) -> None:
    api = make_api(make_backend(initial_credits=100))
    token, sid = api.new_user()
    api.chat(token, sid, GENERATE)
    assert api.credits(token)["available"] == 0
    before = api.state(token, sid)
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": "add upbeat music"}]}}
    r = api.http.post("/run_sse", json=body, headers=api.auth(token))
    assert r.status_code == 403
    envelope = r.json()
    assert envelope["code"] == 2001
    err = error_for(code=envelope["code"], status=r.status_code, extra=envelope["data"])
    assert isinstance(err, OutOfCredits)
    assert err.user_id == envelope["data"]["user_id"]
    assert api.state(token, sid) == before
    assert api.credits(token)["frozen"] == 0
    # Answers cost nothing, so they still work.
    assert api.chat(token, sid, "what's in my project?").status == 200


def test_a_full_disk_during_a_turn_ends_it_with_a_clear_error_and_frees_everything(
        api: Api, backend: LocalBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    token, sid = api.new_user()
    store = backend._service.store

    def full(session: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(store, "save_session", full)
        chat = api.chat(token, sid, GENERATE)
    assert chat.status == 200
    assert chat.events[-1] == {"error": (
        "The local backend's disk is full, so nothing was saved. Free some space and try "
        "again.")}
    assert api.credits(token)["available"] == 10_000  # the generation's credits came back
    assert api.credits(token)["frozen"] == 0
    assert api.state(token, sid)["draft"]["t"] == []
    assert api.chat(token, sid, GENERATE).status == 200  # the session is not left locked
    assert _tracks(api.state(token, sid)) == ["Video", "BGM", "Title"]
