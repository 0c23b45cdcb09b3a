"""The agent's questions over MCP: a form (elicitation) where the client can show one, else
the question in the tool result with a note that the project awaits the user's answer (the
server's ``awaiting`` message, in the user's language)."""

from __future__ import annotations

from typing import Any

from mcp import types
from mcp.server.session import ServerSession

from skill.replies import Question

__all__ = ["answer_text", "can_elicit", "form_schema"]


def can_elicit(session: ServerSession) -> bool:
    """Whether the client said it can show forms to the user."""
    params = session.client_params
    caps = params.capabilities if params is not None else None
    return caps is not None and caps.elicitation is not None


def form_schema(question: Question) -> types.ElicitRequestedSchema:
    """One field per question: a single choice, or several (an array) where allowed."""
    properties: dict[str, Any] = {}
    for number, item in enumerate(question.questions, start=1):
        labels = [o["label"] for o in item["options"]]
        if item["allow_multiple"]:
            field: dict[str, Any] = {"type": "array", "title": item["prompt"],
                                     "items": {"type": "string", "enum": labels}}
        else:
            field = {"type": "string", "title": item["prompt"], "enum": labels}
        properties[f"q{number}"] = field
    return {"type": "object", "properties": properties}


def answer_text(question: Question, content: dict[str, Any] | None) -> str:
    """The form's answer as the message a user would type ("1. Cinematic", "skip")."""
    content = content or {}
    lines: list[str] = []
    for number in range(1, len(question.questions) + 1):
        value = content.get(f"q{number}")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value) if value else None
        lines.append(f"{number}. {value}" if value not in (None, "") else f"{number}. skip")
    if all(line.endswith(". skip") for line in lines):
        return "skip"
    if len(lines) == 1:
        return lines[0].split(". ", 1)[1]
    return "\n".join(lines)
