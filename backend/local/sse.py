"""SSE event encoding for ``/run_sse`` in the two dialects the cloud has been seen to speak.

``adk``: Google ADK events (camelCase): ``{"content":{"role","parts":[{"text"}|{"functionCall"}|
{"functionResponse"}]},"author","partial","invocationId","id","timestamp","actions":
{"stateDelta"}}``; a heartbeat is an empty ``data:`` line (the gateway's keep-alive).
``gateway``: ``{"type":"text"|"tool_call"|"tool_result"|"heartbeat", …}``, and the agent's
questions as ``{"type":"ask_question","title","questions"}``; partial text chunks are not sent
(only the full text).
Each event is one ``data: <json>`` line and a blank line; the stream ends when it closes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from backend.local.options import Dialect

__all__ = [
    "AUTHOR",
    "CallEvent",
    "Encoder",
    "ErrorEvent",
    "Event",
    "Heartbeat",
    "RawLines",
    "ResultEvent",
    "TextEvent",
]

AUTHOR = "nemo_agent"


@dataclass(frozen=True)
class TextEvent:
    text: str
    partial: bool = False


@dataclass(frozen=True)
class CallEvent:
    call_id: str
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class ResultEvent:
    call_id: str
    name: str
    response: dict[str, Any]
    state_delta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Heartbeat:
    pass


@dataclass(frozen=True)
class ErrorEvent:
    """A failure inside the server: ``{"error": message}``, or a broken line when ``raw``."""

    message: str
    raw: bool = False


@dataclass(frozen=True)
class RawLines:
    """Lines sent verbatim (fault injection: malformed events)."""

    lines: tuple[str, ...]


Event = TextEvent | CallEvent | ResultEvent | Heartbeat | ErrorEvent | RawLines


def _line(payload: Any) -> bytes:
    return b"data: " + json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n\n"


class Encoder:
    """Encodes the events of one turn (one invocation) in one dialect."""

    def __init__(self, dialect: Dialect, clock: Callable[[], float]) -> None:
        self.dialect = dialect
        self.clock = clock
        self.invocation_id = f"e-{uuid.uuid4()}"

    def encode(self, event: Event) -> bytes:
        """The bytes of ``event`` on the wire (empty when the dialect does not send it)."""
        if isinstance(event, RawLines):
            return b"".join(line.encode("utf-8") + b"\n\n" for line in event.lines)
        if isinstance(event, ErrorEvent):
            if event.raw:
                return b'data: {"error": ' + event.message.encode("utf-8") + b"\n\n"
            return _line({"error": event.message})
        if self.dialect == "gateway":
            return self._gateway(event)
        return self._adk(event)

    def _gateway(self, event: Event) -> bytes:
        if isinstance(event, TextEvent):
            return b"" if event.partial else _line({"type": "text", "content": event.text})
        if isinstance(event, CallEvent) and event.name == "ask_question":
            # The gateway sends the agent's questions as their own event type.
            return _line({"type": "ask_question", "id": event.call_id, **event.args})
        if isinstance(event, CallEvent):
            return _line({"type": "tool_call", "name": event.name, "args": event.args})
        if isinstance(event, ResultEvent):
            return _line({"type": "tool_result", "name": event.name, "result": event.response})
        return _line({"type": "heartbeat"})

    def _adk(self, event: Event) -> bytes:
        if isinstance(event, Heartbeat):
            return b"data: \n\n"
        role = "model"
        actions: dict[str, Any] = {"stateDelta": {}}
        part: dict[str, Any]
        if isinstance(event, TextEvent):
            part = {"text": event.text}
        elif isinstance(event, CallEvent):
            part = {"functionCall": {"id": event.call_id, "name": event.name, "args": event.args}}
        else:
            assert isinstance(event, ResultEvent)
            role = "user"
            part = {"functionResponse": {"id": event.call_id, "name": event.name,
                                         "response": event.response}}
            actions = {"stateDelta": event.state_delta}
        payload: dict[str, Any] = {
            "content": {"role": role, "parts": [part]},
            "author": AUTHOR,
            "invocationId": self.invocation_id,
            "id": str(uuid.uuid4()),
            "timestamp": self.clock(),
            "actions": actions,
        }
        if isinstance(event, TextEvent):
            payload["partial"] = event.partial
        return _line(payload)
