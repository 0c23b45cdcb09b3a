"""Typed values parsed from the ``/run_sse`` chat stream (both the ADK and the gateway dialect)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.errors import APIError, error_for, redact
from backend.questions import AgentQuestion

__all__ = [
    "AgentQuestion",
    "ChatEvent",
    "Heartbeat",
    "PartialText",
    "Question",
    "StateDelta",
    "StreamError",
    "Text",
    "ToolCall",
    "ToolResult",
]


@dataclass(frozen=True, slots=True)
class Text:
    """A complete piece of the agent's reply. The reply is the concatenation of these."""

    text: str
    author: str = ""


@dataclass(frozen=True, slots=True)
class PartialText:
    """A streamed chunk of text that a later ``Text`` repeats in full.

    Show it as a preview; never add it to the reply. The preview so far is
    ``SSEParser.partial_text`` (not carried here: copying it into every chunk made a long
    stream of small chunks cost quadratic time).
    """

    delta: str
    author: str = ""


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The agent called a tool (internal: never shown to the user as text)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    call_id: str = ""


@dataclass(frozen=True, slots=True)
class ToolResult:
    """A tool answered (internal)."""

    name: str
    result: Any = None
    call_id: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """The agent stopped to ask the user (``ask_question``); it waits for the answer as the
    next message. Never internal: the user must see it."""

    question: AgentQuestion


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """The server is still working. ``idle_seconds``: time since the last non-heartbeat event."""

    idle_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class StateDelta:
    """The agent changed session state (ADK ``actions.stateDelta``)."""

    delta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StreamError:
    """An error reported inside the stream; ``exception()`` maps it like any API error."""

    message: str
    code: int | None = None
    detail: str = ""

    def exception(self, *, secrets: tuple[str, ...] = ()) -> APIError:
        """The ``APIError`` subclass for this error, through the one code mapping."""
        return error_for(code=self.code, message=redact(self.message, secrets),
                         body=redact(self.detail, secrets))


ChatEvent = (Text | PartialText | ToolCall | ToolResult | Question | Heartbeat | StateDelta
             | StreamError)
