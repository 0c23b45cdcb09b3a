from __future__ import annotations

import json
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.errors import AuthError, OutOfCredits, ResponseTooLarge, ServerError
from backend.events import (
    Heartbeat,
    PartialText,
    StateDelta,
    StreamError,
    Text,
    ToolCall,
    ToolResult,
)
from backend.sse import SSEParser
from backend.sse_framing import LineReader

EVENT_TYPES = (Text, PartialText, ToolCall, ToolResult, Heartbeat, StateDelta, StreamError)


def feed(parser: SSEParser, text: str) -> list[object]:
    reader = LineReader(1 << 20)
    out: list[object] = []
    for line in reader.feed(text.encode()) + reader.finish():
        out.extend(parser.feed_line(line))
    out.extend(parser.finish())
    return out


def data(obj: object) -> str:
    return f"data: {json.dumps(obj)}\n\n"


def adk(parts: list[dict[str, object]], **extra: object) -> str:
    return data({"content": {"role": "model", "parts": parts}, "author": "nemo", **extra})


def test_adk_partial_text_is_never_counted_twice() -> None:
    parser = SSEParser()
    stream = (adk([{"text": "Hel"}], partial=True, id="p1")
              + adk([{"text": "lo"}], partial=True, id="p2")
              + adk([{"text": "Hello"}], id="final"))
    events = feed(parser, stream)
    assert events == [PartialText("Hel", "nemo"), PartialText("lo", "nemo"),
                      Text("Hello", "nemo")]
    assert parser.reply == "Hello"
    assert parser.partial_text == ""


def test_partial_text_stands_in_when_no_final_text_came() -> None:
    parser = SSEParser()
    feed(parser, adk([{"text": "Working on "}], partial=True) + adk([{"text": "it"}], partial=True))
    assert parser.partial_text == "Working on it"
    assert parser.reply == "Working on it"


def test_a_repeated_final_event_is_not_counted_again() -> None:
    parser = SSEParser()
    final = adk([{"text": "Done."}], id="e1")
    events = feed(parser, final + final)
    assert events == [Text("Done.", "nemo")]
    assert parser.reply == "Done."


def test_thought_parts_are_hidden_and_calls_are_typed() -> None:
    parser = SSEParser()
    stream = adk([
        {"text": "let me think about the user", "thought": True},
        {"functionCall": {"id": "c1", "name": "add_bgm", "args": {"mood": "calm"}}},
    ]) + data({"content": {"role": "user", "parts": [
        {"functionResponse": {"id": "c1", "name": "add_bgm", "response": {"ok": True}}}]}})
    events = feed(parser, stream)
    assert events == [ToolCall("add_bgm", {"mood": "calm"}, "c1"),
                      ToolResult("add_bgm", {"ok": True}, "c1")]
    assert parser.reply == ""


def test_state_delta_from_adk_actions() -> None:
    events = feed(SSEParser(), data({"content": {"parts": []},
                                     "actions": {"stateDelta": {"draft": {"t": []}}}}))
    assert events == [StateDelta({"draft": {"t": []}})]


def test_gateway_dialect() -> None:
    parser = SSEParser()
    stream = (data({"type": "heartbeat"}) + "data:\n\n"
              + data({"type": "tool_call", "name": "gen", "args": {"p": 1}})
              + data({"type": "tool_result", "name": "gen", "result": "ok"})
              + data({"type": "text", "content": "Your video "})
              + data({"type": "text", "content": "is ready."}))
    events = feed(parser, stream)
    assert [type(e) for e in events] == [Heartbeat, Heartbeat, ToolCall, ToolResult, Text, Text]
    assert parser.reply == "Your video is ready."


def test_comments_event_lines_and_crlf_are_handled() -> None:
    parser = SSEParser()
    stream = ": keep-alive\r\nevent: message\r\nid: 7\r\nretry: 100\r\n" + \
        'data: {"type":"text",\r\ndata: "content":"hi"}\r\n\r\n'
    assert feed(parser, stream) == [Text("hi")]
    assert parser.malformed == 0


def test_malformed_lines_are_counted_logged_and_survived(caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    parser = SSEParser(secrets=("sekrit-token",))
    stream = ("garbage line sekrit-token\n\n" + "data: {not json\n\n" + "data: [1,2]\n\n"
              + data({"type": "text", "content": "still here"}))
    with caplog.at_level(logging.WARNING, logger="backend.sse"):
        events = feed(parser, stream)
    assert events == [Text("still here")]
    assert parser.malformed == 3
    assert "sekrit-token" not in caplog.text
    assert "malformed" in caplog.text


def test_server_failure_as_broken_json_is_an_error_event() -> None:
    events = feed(SSEParser(), 'data: {"error": "agent crashed: KeyError \'x\'"\n\n')
    assert len(events) == 1
    assert isinstance(events[0], StreamError)
    assert "agent crashed" in events[0].message
    assert isinstance(events[0].exception(), ServerError)


def test_error_events_go_through_the_code_mapping() -> None:
    events = feed(SSEParser(), data({"code": 2001, "message": "no credits"})
                  + data({"type": "error", "code": 1001, "message": "expired"})
                  + data({"errorCode": "SAFETY", "errorMessage": "blocked"}))
    assert [type(e) for e in events] == [StreamError] * 3
    errors = [e.exception() for e in events if isinstance(e, StreamError)]
    assert isinstance(errors[0], OutOfCredits)
    assert isinstance(errors[1], AuthError)
    assert isinstance(errors[2], ServerError)
    assert "blocked" in str(errors[2])
    assert "SAFETY" in str(errors[2])


def test_error_event_exception_redacts_the_token() -> None:
    events = feed(SSEParser(secrets=("tok-123456",)),
                  data({"error": "bad header Bearer tok-123456 for tok-123456"}))
    assert isinstance(events[0], StreamError)
    assert "tok-123456" not in str(events[0].exception(secrets=("tok-123456",)))
    assert "tok-123456" not in repr(events[0])


def test_heartbeats_report_idle_time_from_the_injected_clock() -> None:
    now = [100.0]
    parser = SSEParser(clock=lambda: now[0])
    now[0] = 130.0
    assert feed(parser, data({"type": "heartbeat"})) == [Heartbeat(30.0)]
    feed(parser, data({"type": "text", "content": "x"}))
    now[0] = 140.0
    assert feed(parser, "data: \n\n") == [Heartbeat(10.0)]
    assert parser.idle_seconds == 10.0


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=5),
    max_leaves=20)
_keys = st.sampled_from(["type", "content", "parts", "text", "partial", "thought", "id",
                         "functionCall", "functionResponse", "actions", "stateDelta", "error",
                         "errorCode", "errorMessage", "code", "message", "role", "name", "args"])
_shaped = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=10)
    | st.sampled_from(["text", "tool_call", "tool_result", "heartbeat", "error", "model"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=5),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=80),
    _json_values.map(lambda v: "data: " + json.dumps(v)),
    _shaped.map(lambda v: "data: " + json.dumps(v)),
    st.just(""),
), max_size=30))
def test_arbitrary_lines_end_in_typed_events(lines: list[str]) -> None:
    parser = SSEParser()
    events = []
    for line in lines:
        events.extend(parser.feed_line(line.replace("\n", " ").replace("\r", " ")))
    events.extend(parser.finish())
    assert all(isinstance(e, EVENT_TYPES) for e in events)
    for event in events:
        if isinstance(event, StreamError):
            assert isinstance(event.exception(), Exception)
    assert isinstance(parser.reply, str)


def test_an_id_line_does_not_turn_later_blank_lines_into_heartbeats() -> None:
    # httpx-sse's decoder keeps the last event id (as the SSE specification says) and so
    # reports an event at every blank line after one; only events with data count here.
    parser = SSEParser()
    events = feed(parser, "id: 1\n" + data({"type": "text", "content": "a"}) + "\n\n\n"
                  + "event: ping\n\n" + "retry: 5\n\n")
    assert events == [Text("a")]
    assert parser.malformed == 0


def test_an_event_larger_than_its_limit_is_an_error() -> None:
    parser = SSEParser(max_event_bytes=1000)
    line = "data: " + "x" * 400
    assert parser.feed_line(line) == []
    assert parser.feed_line(line) == []
    with pytest.raises(ResponseTooLarge, match="event-stream event is longer than 1000 bytes"):
        parser.feed_line(line)


def test_repeated_final_events_are_remembered_within_a_bounded_window() -> None:
    parser = SSEParser()
    for i in range(5000):
        parser.feed_data(json.dumps({"content": {"parts": [{"text": "."}]}, "id": f"e{i}"}))
    recent = json.dumps({"content": {"parts": [{"text": "."}]}, "id": "e4999"})
    oldest = json.dumps({"content": {"parts": [{"text": "."}]}, "id": "e0"})
    assert parser.feed_data(recent) == []  # a repeat right after its original: dropped
    assert parser.feed_data(oldest) == [Text(".")]  # long forgotten: memory stays bounded
