"""The chat stream's meaning: event payloads → typed events, for both ``/run_sse`` dialects.

Pure and incremental (no I/O), so it can be fed from a socket, a test or a benchmark alike.
Framing (bytes → lines → payloads, each size-bounded) lives in ``backend.sse_framing``;
``SSEParser.feed_line`` runs a line through it, ``feed_data`` takes a payload already framed.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from backend.errors import redact
from backend.events import (
    ChatEvent,
    Heartbeat,
    PartialText,
    Question,
    StateDelta,
    StreamError,
    Text,
    ToolCall,
    ToolResult,
)
from backend.limits import Limits
from backend.questions import ASK_QUESTION, parse_question
from backend.sse_framing import EventFramer

__all__ = ["SSEParser"]

log = logging.getLogger(__name__)

_NONE: list[ChatEvent] = []
_HEARTBEAT_TYPES = frozenset({"heartbeat", "ping", "keepalive", "keep-alive"})
_ERROR_TEXT = re.compile(r'"(?:error|errorMessage|message)"\s*:\s*"((?:[^"\\]|\\.)*)')
#: Final-event ids remembered to drop repeats; a repeat follows its original closely.
_RECENT_IDS = 4096


class SSEParser:
    """Frame SSE lines and decode each ``data`` payload into ``ChatEvent`` values.

    Never raises on input but for ``ResponseTooLarge`` (one event over ``max_event_bytes``):
    comments, ``event:``/``id:``/``retry:`` lines and empty data are skipped (empty data is a
    heartbeat), anything unreadable is counted in ``malformed`` and logged (redacted,
    truncated). Errors inside the stream come out as ``StreamError`` events.
    ``reply`` is the text of the reply so far, each piece counted once: partial chunks only
    stand in for a final text that never came.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 secrets: tuple[str, ...] = (),
                 max_event_bytes: int = Limits.sse_event_bytes) -> None:
        self._clock = clock
        self._secrets = secrets
        self._framer = EventFramer(max_event_bytes=max_event_bytes,
                                   on_malformed=self._malformed)
        self._seen_ids = _RecentIds(_RECENT_IDS)
        self._partial: list[str] = []
        self._pieces: list[str] = []
        self._last_activity = clock()
        self.malformed = 0
        self.unknown = 0
        self.events = 0

    # -- framing ---------------------------------------------------------------------------

    def feed_line(self, line: str) -> list[ChatEvent]:
        """Consume one line (without its line end); return the events it completes.

        Raises ``ResponseTooLarge`` when one event's data outgrows ``max_event_bytes``.
        """
        data = self._framer.feed_line(line)
        return _NONE if data is None else self.feed_data(data)

    def finish(self) -> list[ChatEvent]:
        """The stream closed: decode a payload that was not followed by a blank line."""
        data = self._framer.finish()
        return _NONE if data is None else self.feed_data(data)

    @property
    def reply(self) -> str:
        """The reply text so far; unfinished partial text only when no final text followed."""
        tail = "".join(self._partial)
        if not tail:
            return "".join(self._pieces)
        return "".join(self._pieces) + ("\n\n" if self._pieces else "") + tail

    @property
    def partial_text(self) -> str:
        """The preview text streamed since the last final text (joined only when asked)."""
        return "".join(self._partial)

    @property
    def idle_seconds(self) -> float:
        """Seconds since the last event that was not a heartbeat."""
        return self._clock() - self._last_activity

    # -- payloads ---------------------------------------------------------------------------

    def feed_data(self, data: str) -> list[ChatEvent]:
        """Decode one complete ``data`` payload (already framed)."""
        events = self._decode(data)
        if events:
            self.events += len(events)
            if type(events[0]) is not Heartbeat or len(events) > 1:
                self._last_activity = self._clock()
        return events

    def _decode(self, data: str) -> list[ChatEvent]:
        if not data or data.isspace():
            return [Heartbeat(self.idle_seconds)]
        try:
            obj = json.loads(data)
        except (ValueError, RecursionError):
            return self._unparseable(data)
        if type(obj) is not dict:
            self._malformed("payload", data)
            return _NONE
        kind = obj.get("type")
        if type(kind) is str:
            return self._gateway(kind, obj)
        return self._adk(obj)

    def _gateway(self, kind: str, obj: dict[str, Any]) -> list[ChatEvent]:
        if kind == "text":
            content = obj.get("content")
            if content is None:
                content = obj.get("text")
            if isinstance(content, str) and content:
                self._pieces.append(content)
                return [Text(content, _str(obj.get("author")))]
            return _NONE
        if kind == ASK_QUESTION or (kind == "tool_call" and obj.get("name") == ASK_QUESTION):
            return _question(obj)
        if kind == "tool_call":
            return [ToolCall(_str(obj.get("name")), _dict(obj.get("args")),
                             _str(obj.get("id")))]
        if kind == "tool_result":
            return [ToolResult(_str(obj.get("name")), obj.get("result"), _str(obj.get("id")))]
        if kind in _HEARTBEAT_TYPES:
            return [Heartbeat(self.idle_seconds)]
        if kind == "error":
            return [self._error(obj.get("message") or obj.get("content") or obj.get("error"),
                                obj.get("code"), obj)]
        if kind == "state_delta" and isinstance(obj.get("delta"), dict) and obj["delta"]:
            return [StateDelta(obj["delta"])]
        self.unknown += 1
        return _NONE

    def _adk(self, obj: dict[str, Any]) -> list[ChatEvent]:
        err = obj.get("error")
        if err:
            if isinstance(err, dict):
                return [self._error(err.get("message"), err.get("code"), obj)]
            return [self._error(err, obj.get("code"), obj)]
        if obj.get("errorCode") or obj.get("errorMessage"):
            code = obj.get("errorCode")
            message = obj.get("errorMessage") or code
            return [self._error(message, code, obj)]
        code = obj.get("code")
        if code not in (None, 0, "0") and "content" not in obj:
            return [self._error(obj.get("message") or obj.get("msg"), code, obj)]

        partial = obj.get("partial") is True
        if not partial:
            event_id = obj.get("id")
            if type(event_id) is str and event_id:
                if event_id in self._seen_ids:
                    return _NONE  # a repeated final event: its text is already counted
                self._seen_ids.add(event_id)
        events: list[ChatEvent] = []
        content = obj.get("content")
        if isinstance(content, dict):
            parts = content.get("parts")
            if isinstance(parts, list):
                from_user = content.get("role") == "user"
                author = _str(obj.get("author"))
                for part in parts:
                    if isinstance(part, dict) and part.get("thought") is not True:
                        self._part(part, partial, from_user, author, events)
        actions = obj.get("actions")
        if isinstance(actions, dict):
            delta = actions.get("stateDelta")
            if isinstance(delta, dict) and delta:
                events.append(StateDelta(delta))
        if not events and not content and not actions:
            self.unknown += 1
        return events

    def _part(self, part: dict[str, Any], partial: bool, from_user: bool, author: str,
              out: list[ChatEvent]) -> None:
        text = part.get("text")
        if isinstance(text, str) and text and not from_user:
            if partial:
                self._partial.append(text)
                out.append(PartialText(text, author))
            else:
                self._partial.clear()
                if self._pieces:
                    self._pieces.append("\n\n")
                self._pieces.append(text)
                out.append(Text(text, author))
            return
        if partial:
            return  # calls and results count once, from the final event
        call = part.get("functionCall")
        if isinstance(call, dict) and call.get("name") == ASK_QUESTION:
            out.extend(_question(call))
            return
        if isinstance(call, dict):
            out.append(ToolCall(_str(call.get("name")), _dict(call.get("args")),
                                _str(call.get("id"))))
            return
        response = part.get("functionResponse")
        if isinstance(response, dict):
            out.append(ToolResult(_str(response.get("name")), response.get("response"),
                                  _str(response.get("id"))))

    # -- errors -----------------------------------------------------------------------------

    def _error(self, message: object, code: object, obj: object) -> StreamError:
        num = _int_code(code)
        text = _str(message) or (f"error {code}" if code not in (None, "") else "")
        if num is None and isinstance(code, str) and code and code not in text:
            text = f"{text} ({code})" if text else code
        detail = json.dumps(obj, ensure_ascii=False, default=str)[:2000]
        return StreamError(redact(text or "the service reported an error", self._secrets),
                           num, redact(detail, self._secrets))

    def _unparseable(self, data: str) -> list[ChatEvent]:
        head = data.lstrip()[:200]
        if head.startswith("{") and '"error"' in head:
            # A server failure written as broken JSON: still an error, not noise.
            found = _ERROR_TEXT.search(data)
            if found:
                message = found.group(1)
            else:
                tail = data.split('"error"', 1)[1].lstrip(" :")
                message = tail.strip(" \t{}\"")[:300] or "the service failed mid-stream"
            return [StreamError(redact(message, self._secrets), None,
                                redact(data[:2000], self._secrets))]
        self._malformed("payload", data)
        return _NONE

    def _malformed(self, what: str, text: str) -> None:
        self.malformed += 1
        log.warning("skipped malformed SSE %s #%d: %s", what, self.malformed,
                    redact(text[:200], self._secrets))


def _question(payload: dict[str, Any]) -> list[ChatEvent]:
    # A question the user cannot read is still the agent waiting: keep it as a tool call so
    # the turn is not mistaken for a finished one with nothing said.
    question = parse_question(payload)
    if question is None:
        return [ToolCall(ASK_QUESTION, _dict(payload.get("args")), _str(payload.get("id")))]
    return [Question(question)]


class _RecentIds:
    """A set that keeps only the ``size`` most recently added ids (bounded memory)."""

    __slots__ = ("_ids", "_size")

    def __init__(self, size: int) -> None:
        self._ids: dict[str, None] = {}
        self._size = size

    def __contains__(self, item: str) -> bool:
        return item in self._ids

    def add(self, item: str) -> None:
        self._ids[item] = None
        if len(self._ids) > self._size:
            del self._ids[next(iter(self._ids))]


def _str(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _dict(value: object) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    return {} if value is None else {"value": value}


def _int_code(value: object) -> int | None:
    if type(value) is int:
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        try:
            return int(value)
        except ValueError:
            return None
    return None
