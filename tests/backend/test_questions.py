"""``ask_question`` in both stream dialects becomes one ``Question`` event, read tolerantly."""

from __future__ import annotations

import json
from typing import Any

from backend.events import Question, ToolCall
from backend.questions import AgentQuestion, parse_question
from backend.sse import SSEParser

ARGS: dict[str, Any] = {
    "title": "Before I start",
    "questions": [{"id": "style", "prompt": "Which style?", "allow_multiple": True,
                   "options": [{"id": "c", "label": "Cinematic"}, {"id": "u", "label": "Upbeat"}]}],
}


def _feed(payload: dict[str, Any]) -> list[Any]:
    parser = SSEParser()
    return parser.feed_line("data: " + json.dumps(payload)) + parser.feed_line("")


def test_adk_function_call_is_a_question() -> None:
    [event] = _feed({"content": {"role": "model", "parts": [
        {"functionCall": {"id": "call_1", "name": "ask_question", "args": ARGS}}]}, "id": "e1"})
    assert isinstance(event, Question)
    q = event.question
    assert (q.title, q.call_id) == ("Before I start", "call_1")
    assert q.questions[0].allow_multiple
    assert [o.label for o in q.questions[0].options] == ["Cinematic", "Upbeat"]


def test_gateway_event_is_a_question() -> None:
    [event] = _feed({"type": "ask_question", **ARGS})
    assert isinstance(event, Question)
    assert event.question.questions[0].prompt == "Which style?"


def test_gateway_tool_call_named_ask_question_is_a_question() -> None:
    [event] = _feed({"type": "tool_call", "name": "ask_question", "args": ARGS})
    assert isinstance(event, Question)


def test_unreadable_question_stays_a_tool_call() -> None:
    [event] = _feed({"type": "ask_question", "title": "?", "questions": [{"prompt": "x"}]})
    assert isinstance(event, ToolCall)
    assert event.name == "ask_question"


def test_tolerant_shapes() -> None:
    q = parse_question({"args": {"prompt": "How long?", "choices": ["15 s", {"text": "30 s"},
                                                                    {"name": ""}, 7]}})
    assert q is not None
    assert [o.label for o in q.questions[0].options] == ["15 s", "30 s", "7"]
    assert parse_question({"questions": {"question": "One?", "options": ["yes"]}}) is not None
    assert parse_question({"questions": []}) is None


def test_round_trip_through_storage() -> None:
    q = parse_question(ARGS, call_id="c9")
    assert q is not None
    assert AgentQuestion.from_json(json.loads(json.dumps(q.to_json()))) == q
    assert AgentQuestion.from_json("garbage") is None
