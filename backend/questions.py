"""The agent's multiple-choice questions (``ask_question``), read from either stream dialect.

The service's agent may stop and ask: ADK ``functionCall`` named ``ask_question`` with
``args``, or a gateway event ``{"type": "ask_question", …}`` carrying the same fields:
``{title, questions: [{id, prompt, options: [{id, label}], allow_multiple}]}``. It then waits
for the answer as an ordinary message (see ``translators.answers``).

Read tolerantly: fields may sit at the top level or under ``args``; a single question may come
without the ``questions`` list; an option may be a bare string or use ``text``/``name``/
``value`` for its label. A question with no usable prompt or no option is dropped; a payload
left with no question is not a question (``parse_question`` returns None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ASK_QUESTION", "AgentQuestion", "Choice", "QuestionItem", "parse_question"]

#: The tool name the service's agent uses to ask.
ASK_QUESTION = "ask_question"

#: Limits on what one question may hold (a broken payload must not flood the reply).
MAX_QUESTIONS = 12
MAX_OPTIONS = 26
MAX_TEXT = 500


@dataclass(frozen=True)
class Choice:
    """One option of a question."""

    id: str
    label: str


@dataclass(frozen=True)
class QuestionItem:
    """One question: its prompt, its options, whether several may be picked."""

    id: str
    prompt: str
    options: tuple[Choice, ...]
    allow_multiple: bool = False


@dataclass(frozen=True)
class AgentQuestion:
    """What the agent asked, as persisted with the session until it is answered."""

    title: str
    questions: tuple[QuestionItem, ...]
    call_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "call_id": self.call_id,
                "questions": [{"id": q.id, "prompt": q.prompt,
                               "allow_multiple": q.allow_multiple,
                               "options": [{"id": o.id, "label": o.label} for o in q.options]}
                              for q in self.questions]}

    @classmethod
    def from_json(cls, value: object) -> AgentQuestion | None:
        """The stored question, or None when ``value`` is not a readable one."""
        if not isinstance(value, Mapping):
            return None
        return parse_question(value, call_id=_text(value.get("call_id")))


def parse_question(payload: Mapping[str, Any], *, call_id: str = "") -> AgentQuestion | None:
    """An ``AgentQuestion`` from an ``ask_question`` payload, or None when it holds none."""
    args = payload.get("args")
    body: Mapping[str, Any] = args if isinstance(args, Mapping) and args else payload
    raw = body.get("questions")
    if isinstance(raw, Mapping):
        raw = [raw]
    if not isinstance(raw, list):
        raw = [body] if ("prompt" in body or "question" in body) else []
    items: list[QuestionItem] = []
    for index, entry in enumerate(raw[:MAX_QUESTIONS]):
        item = _item(entry, index)
        if item is not None:
            items.append(item)
    if not items:
        return None
    title = _text(body.get("title") or payload.get("title"))
    return AgentQuestion(title=title, questions=tuple(items),
                         call_id=call_id or _text(payload.get("id")))


def _item(entry: object, index: int) -> QuestionItem | None:
    if not isinstance(entry, Mapping):
        return None
    prompt = _text(entry.get("prompt") or entry.get("question") or entry.get("text")
                   or entry.get("title"))
    raw = entry.get("options") or entry.get("choices")
    if not prompt or not isinstance(raw, list):
        return None
    options: list[Choice] = []
    for number, option in enumerate(raw[:MAX_OPTIONS]):
        if isinstance(option, Mapping):
            label = _text(option.get("label") or option.get("text") or option.get("name")
                          or option.get("value"))
            oid = _text(option.get("id")) or str(number + 1)
        else:
            label = _text(option)
            oid = str(number + 1)
        if label:
            options.append(Choice(oid, label))
    if not options:
        return None
    multiple = entry.get("allow_multiple", entry.get("multiple", False))
    return QuestionItem(id=_text(entry.get("id")) or str(index + 1), prompt=prompt,
                        options=tuple(options), allow_multiple=multiple is True)


def _text(value: object) -> str:
    if isinstance(value, str):
        return " ".join(value.split())[:MAX_TEXT]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
