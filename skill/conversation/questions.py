"""The agent's pending question: kept with the session until the user's answer is sent.

Hosts start one process per message, so the question is stored with the session (with the
session id it belongs to: a question of a lost session is never answered into a new one).
"""

from __future__ import annotations

from typing import Any

from backend.questions import AgentQuestion
from backend.session_store import SessionStore
from skill.replies import Question

__all__ = ["forget", "pending", "remember", "reply_for"]


def pending(store: SessionStore) -> AgentQuestion | None:
    """The question waiting for the user's answer in the current session, if any."""
    stored = store.load()
    raw = stored.question
    if not raw or not stored.session_id or raw.get("session_id") != stored.session_id:
        return None
    return AgentQuestion.from_json(raw)


def remember(store: SessionStore, question: AgentQuestion) -> None:
    session_id = store.load().session_id
    store.update(question={**question.to_json(), "session_id": session_id})


def forget(store: SessionStore) -> None:
    if store.load().question is not None:
        store.update(question=None)


def reply_for(question: AgentQuestion, lang: str, *, again: bool = False,
              said: str = "") -> Question:
    """The ``Question`` reply event: the text in ``lang`` and the choices as data (``again``:
    asked again because ``said`` answered it unclearly)."""
    # Imported here: most messages ask whether a question is pending and nothing more.
    from translators.answers import format_question, option_key

    items: list[dict[str, Any]] = []
    for item in question.questions:
        items.append({"id": item.id, "prompt": item.prompt,
                      "allow_multiple": item.allow_multiple,
                      "options": [{"key": option_key(i), "id": o.id, "label": o.label}
                                  for i, o in enumerate(item.options)]})
    return Question(text=format_question(question, lang, again=again, said=said),
                    title=question.title,
                    questions=tuple(items), again=again)
