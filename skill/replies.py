"""Typed reply events: what the conversation yields and every host adapter renders its own way.

The conversation never prints. A CLI prints ``Text`` lines and draws ``Progress`` as a bar; the
MCP server turns ``Progress`` into progress notifications; ``--json`` writes ``to_json()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = ["Error", "Media", "Progress", "Question", "Reply", "Status", "Text", "to_json"]


@dataclass(frozen=True)
class Status:
    """A short, transient state line ("Connecting…", "⏳ Still working…")."""

    text: str
    kind: Literal["status"] = "status"


@dataclass(frozen=True)
class Progress:
    """Progress of a long operation. ``percent`` is 0–100, or None when unknown."""

    text: str
    percent: float | None = None
    stage: Literal["generate", "render", "upload", "download"] = "render"
    kind: Literal["progress"] = "progress"


@dataclass(frozen=True)
class Text:
    """A message for the user, already translated and in the user's language."""

    text: str
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class Question:
    """The agent asks the user to choose; the user's next message is the answer.

    ``text`` is the whole question as the user reads it (in their language, options lettered);
    ``questions`` the same as data for hosts that let the user pick: each ``{"id", "prompt",
    "allow_multiple", "options": [{"key", "id", "label"}]}``. ``again`` when the previous
    answer could not be matched (nothing was sent).
    """

    text: str
    title: str = ""
    questions: tuple[dict[str, Any], ...] = ()
    again: bool = False
    kind: Literal["question"] = "question"


@dataclass(frozen=True)
class Media:
    """A file delivered to the user (the exported video)."""

    path: Path
    text: str
    media_type: str = "video/mp4"
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    #: The link that opens the project in the browser (no API access; may be None).
    claim_url: str | None = None
    kind: Literal["media"] = "media"


@dataclass(frozen=True)
class Error:
    """A failure explained for the user. ``code`` is the CLI exit code of its error class."""

    text: str
    code: int = 1
    error: str = ""
    kind: Literal["error"] = "error"


Reply = Status | Progress | Text | Question | Media | Error


def to_json(event: Reply) -> dict[str, Any]:
    """The event as a JSON-ready dict (paths as strings, None fields dropped)."""
    out: dict[str, Any] = {}
    for key, value in vars(event).items():
        if value is None:
            continue
        if isinstance(value, Path):
            out[key] = str(value)
        elif isinstance(value, tuple):
            out[key] = list(value)
        else:
            out[key] = value
    return out
