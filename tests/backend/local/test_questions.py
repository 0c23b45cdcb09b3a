"""The local agent asks when a video request names no subject, and reads the answer line.

Over real sockets, in both stream dialects: the question arrives as the cloud sends it (ADK
``functionCall`` ``ask_question`` / gateway ``{"type": "ask_question"}``), nothing is
generated or charged until the answer comes, and the answer line produces the video it asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api


def _question(chat_events: list[Any]) -> dict[str, Any]:
    for event in chat_events:
        if isinstance(event, dict) and event.get("type") == "ask_question":
            return event
        if isinstance(event, dict) and "content" in event:
            for part in event["content"]["parts"]:
                call = part.get("functionCall")
                if call and call["name"] == "ask_question":
                    return dict(call["args"])
    raise AssertionError(f"no ask_question in {chat_events}")


@pytest.mark.parametrize("dialect", ["adk", "gateway"])
def test_underspecified_request_is_asked_about_not_generated(
        dialect: str, make_backend: Callable[..., LocalBackend],
        make_api: Callable[[LocalBackend], Api]) -> None:
    api = make_api(make_backend(dialect=dialect))
    token, sid = api.new_user()
    before = api.credits(token)["available"]
    chat = api.chat(token, sid, "make a video")
    asked = _question(chat.events)
    assert asked["title"] == "A few details before I start"
    assert [q["prompt"] for q in asked["questions"]] == [
        "What should the video be about?", "How long should it be?", "Which style?"]
    assert [o["label"] for o in asked["questions"][2]["options"]] == [
        "Cinematic", "Documentary", "Upbeat"]
    assert api.state(token, sid)["draft"]["t"] == []
    assert api.credits(token)["available"] == before


def test_only_what_is_missing_is_asked(api: Api) -> None:
    token, sid = api.new_user()
    asked = _question(api.chat(token, sid, "make a 20 second cinematic video").events)
    assert [q["id"] for q in asked["questions"]] == ["subject"]


def test_a_request_with_a_subject_is_not_asked_about(api: Api) -> None:
    token, sid = api.new_user()
    chat = api.chat(token, sid, "make a video about cats")
    assert not any(isinstance(e, dict) and e.get("type") == "ask_question" for e in chat.events)
    assert not [c for _, c in chat.parts("functionCall") if c["name"] == "ask_question"]
    assert api.state(token, sid)["draft"]["t"]


def test_the_answer_line_makes_the_video_it_asks_for(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, "make a video")
    api.chat(token, sid, "1. What should the video be about?: A city at night\n"
                         "2. How long should it be?: 15 seconds\n3. Which style?: Documentary")
    draft = api.state(token, sid)["draft"]
    assert draft["d"] == 15000
    video = next(t for t in draft["t"] if t["tt"] == 0)
    assert "city at night" in video["sg"][0]["m"]["desc"]


def test_chinese_request_is_asked_in_chinese_and_skipped_takes_defaults(api: Api) -> None:
    token, sid = api.new_user("zh")
    asked = _question(api.chat(token, sid, "做个视频").events)
    assert asked["questions"][0]["prompt"] == "视频要讲什么？"
    chat = api.chat(token, sid, "Skipped")
    assert chat.final_texts
    video = next(t for t in api.state(token, sid)["draft"]["t"] if t["tt"] == 0)
    assert "海上日出" in video["sg"][0]["m"]["desc"]


def test_a_message_that_is_not_an_answer_is_a_new_request(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, "make a video")
    api.chat(token, sid, "make a video about a lighthouse in a storm")
    video = next(t for t in api.state(token, sid)["draft"]["t"] if t["tt"] == 0)
    assert "lighthouse" in video["sg"][0]["m"]["desc"]
