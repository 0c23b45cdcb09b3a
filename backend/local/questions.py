"""The local agent's questions: ask when a video request names no subject, read the answer.

The cloud's agent stops and asks with ``ask_question`` when a request is underspecified, and
reads the answer as the next message (``1. <prompt>: <label>…`` per question, or ``Skipped``).
This module plays that for the local backend: ``ask`` decides whether a message needs
questions and builds the plan that asks them (remembering them in the session's memory);
``answered`` turns an answer to a remembered question back into the request it completes.
The words live in ``questions.yaml``.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.local.agent import Call, Plan, Result, Step, plan_turn
from backend.local.intents import Intent
from backend.local.lexicon import is_chinese

__all__ = ["MEMORY_KEY", "answered", "ask", "plan_with_questions"]

#: Where the pending question is kept in the session's agent memory.
MEMORY_KEY = "pending_question"

_DATA = Path(__file__).with_name("questions.yaml")
_WORDS = re.compile(r"[a-z']+|\d+")
_LINE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*?)\s*[:：]\s*(.+?)\s*$")


@dataclass(frozen=True)
class _Data:
    raw: dict[str, Any]

    def text(self, entry: dict[str, str], lang: str) -> str:
        return entry.get(lang) or entry["en"]


@functools.cache
def _data() -> _Data:
    from backend.datacache import load_yaml  # parsed once per version

    raw = load_yaml(_DATA)
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), dict):
        raise RuntimeError(f"{_DATA.name}: 'questions' must be a mapping")
    return _Data(raw)


def _no_subject(message: str) -> bool:
    filler = _data().raw["filler"]
    lower = message.lower()
    if is_chinese(message):
        rest = re.sub(r"[\s\d，。！？、,.!?]", "", lower)
        for word in sorted(filler["zh"], key=len, reverse=True):
            rest = rest.replace(word, "")
        return not rest
    words = [w for w in _WORDS.findall(lower) if not w.isdigit()]
    fill = set(filler["en"])
    return bool(words) and all(w in fill for w in words)


def plan_with_questions(message: str, state: dict[str, Any], memory: dict[str, Any], *,
                        session_language: str = "en",
                        planner: Callable[..., Plan] = plan_turn) -> Plan:
    """``planner`` (the agent's ``plan_turn``), with questions: an answer to the pending
    question becomes the request it completes; a request that needs questions gets a plan
    that asks them."""
    request = answered(message, memory)
    if request is not None:
        rest = {k: v for k, v in memory.items() if k != MEMORY_KEY}
        return planner(request, state, rest, session_language=session_language)
    plan = planner(message, state, memory, session_language=session_language)
    return ask(message, plan.intent, state, memory, plan.lang) or plan


def ask(message: str, intent: Intent, state: dict[str, Any], memory: dict[str, Any],
        lang: str) -> Plan | None:
    """A plan that asks what the request leaves open, or None when it can go ahead.

    Only a fresh generation with no subject is asked about (a script, a description or an
    existing video is enough); the duration and style are asked only when not given.
    """
    if intent.kind != "generate" or intent.script or not _no_subject(message):
        return None
    if intent.fresh:
        return None  # "start over" / "new video" alone: the agent empties the timeline first
    data = _data()
    lang = "zh" if lang.startswith("zh") else "en"  # the agent says zh-Hans / zh-Hant
    wanted = ["subject"]
    if intent.duration_ms is None:
        wanted.append("duration")
    if intent.style is None:
        wanted.append("style")
    items = []
    for key in wanted:
        spec = data.raw["questions"][key]
        items.append({"id": key, "prompt": data.text(spec["prompt"], lang),
                      "allow_multiple": False,
                      "options": [{"id": str(oid), "label": data.text(labels, lang)}
                                  for oid, labels in spec["options"].items()]})
    args = {"title": data.text(data.raw["title"], lang), "questions": items}
    call_id = f"call_{uuid.uuid4().hex[:20]}"
    known = {"duration_ms": intent.duration_ms, "style": intent.style, "ratio": intent.ratio}
    pending = {"call_id": call_id, "lang": lang, "questions": items,
               "known": {k: v for k, v in known.items() if v is not None}}
    # The turn ends waiting: the answer comes as the next message. The result only records
    # that the question is out (ADK's long-running tools answer "pending" the same way).
    steps: list[Step] = [
        Call(call_id, "ask_question", args),
        Result(call_id, "ask_question", {"status": "awaiting_user_answer"}, state,
               {**memory, MEMORY_KEY: pending}),
    ]
    return Plan(intent, lang, "none", "ask_question", tuple(steps))


def answered(message: str, memory: dict[str, Any]) -> str | None:
    """The request that ``message`` completes when it answers the pending question, else
    None. Unanswered and skipped questions take the request's defaults."""
    pending = memory.get(MEMORY_KEY)
    if not isinstance(pending, dict):
        return None
    text = message.strip()
    questions = pending.get("questions") or []
    values: dict[str, dict[str, str] | None] = {}
    if text.lower() != "skipped":
        for line in text.splitlines():
            m = _LINE.match(line)
            if not m:
                return None
            index = int(m.group(1)) - 1
            if not 0 <= index < len(questions):
                return None
            item = questions[index]
            if m.group(2).strip() != item["prompt"]:
                return None
            label = m.group(3).split(",")[0].strip()
            if label == "Skipped":
                values[item["id"]] = None
                continue
            option = next((o for o in item["options"] if o["label"] == label), None)
            if option is None:
                return None
            values[item["id"]] = option
    return _request(str(pending.get("lang") or "en"), values, pending.get("known") or {})


def _request(lang: str, values: dict[str, dict[str, str] | None], known: dict[str, Any]
             ) -> str:
    data = _data()
    parts = data.raw["parts"]
    subject = values.get("subject")
    subject_text = subject["label"] if subject else data.text(
        data.raw["questions"]["subject"]["default"], lang)
    duration = values.get("duration")
    seconds = duration["id"] if duration else (
        str(round(known["duration_ms"] / 1000)) if known.get("duration_ms") else "")
    style = values.get("style")
    style_label = style["label"] if style else ""
    if not style and known.get("style"):
        style_label = str(known["style"])
    text = data.text(data.raw["request"], lang).format(
        duration=data.text(parts["duration"], lang).format(value=seconds) if seconds else "",
        style=data.text(parts["style"], lang).format(label=style_label) if style_label else "",
        subject=subject_text)
    if known.get("ratio"):
        text += f" {known['ratio']}"
    return " ".join(text.split())
