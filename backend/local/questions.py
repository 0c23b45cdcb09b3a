"""The local agent's questions: ask when a video request names no subject, read the answer.

The cloud's agent stops and asks with ``ask_question`` when a request is underspecified, and
reads the answer as the next message (``1. <prompt>: <label>…`` per question, or ``Skipped``).
This module plays that for the local backend: ``ask`` decides whether a message needs
questions and builds the plan that asks them (remembering them in the session's memory);
``answered`` turns an answer to a remembered question back into the request it completes.
The words are each language's ``questions`` table (``languages/<code>.yaml``), so the agent
asks in the language it was asked in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from backend.local import editing, kept
from backend.local.agent import (
    Call,
    Plan,
    Result,
    Say,
    Step,
    duration_ok,
    duration_refused,
    plan_turn,
)
from backend.local.intents import Intent
from backend.local.lexicon import lexicon

__all__ = ["MEMORY_KEY", "answered", "ask", "plan_with_questions"]

#: Where the pending question is kept in the session's agent memory.
MEMORY_KEY = "pending_question"

#: What is asked, in this order; the duration and style only when the request left them open.
_ASKED = ("subject", "duration", "style")
_LINE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*?)\s*[:：]\s*(.+?)\s*$")


def plan_with_questions(message: str, state: dict[str, Any], memory: dict[str, Any], *,
                        session_language: str = "en",
                        planner: Callable[..., Plan] = plan_turn) -> Plan:
    """``planner`` (the agent's ``plan_turn``), with questions: an answer to the pending
    question becomes the request it completes; a request that needs questions gets a plan
    that asks them."""
    request = answered(message, memory)
    rest = {k: v for k, v in memory.items() if k != MEMORY_KEY}
    if request is not None:
        return planner(request, state, rest, session_language=session_language)
    pending = memory.get(MEMORY_KEY)
    if not isinstance(pending, dict):
        plan = planner(message, state, memory, session_language=session_language)
        return ask(message, plan.intent, state, memory, plan.lang) or plan
    # The user wrote their own answer instead of picking options: an instruction of its own
    # ("make a 20-second video of my dog") is carried out; words that are none ("a foggy
    # harbour at dawn") are what the video should be about.
    plan = planner(message, state, rest, session_language=session_language)
    if plan.intent.kind == "unknown" and _free_subject(message, pending):
        request = _request(str(pending.get("lang") or plan.lang),
                           {"subject": {"id": "", "label": message.strip()}},
                           pending.get("known") or {})
        return planner(request, state, rest, session_language=session_language)
    return ask(message, plan.intent, state, rest, plan.lang) or plan


def _free_subject(message: str, pending: dict[str, Any]) -> bool:
    """Whether ``message`` can be the answer to the pending question about the subject: that
    question was asked, and the message asks nothing back."""
    asked = {str(q.get("id")) for q in pending.get("questions") or [] if isinstance(q, dict)}
    text = message.strip()
    return "subject" in asked and bool(text) and not text.endswith(("?", "？"))


def ask(message: str, intent: Intent, state: dict[str, Any], memory: dict[str, Any],
        lang: str) -> Plan | None:
    """A plan that asks what the request leaves open, or None when it can go ahead.

    Only a fresh generation with no subject is asked about (a script, a description or an
    existing video is enough); the duration and style are asked only when not given.
    """
    # Settings said with no subject on an empty project ("make it 30 seconds with captions
    # for each sentence"): kept, named back, and the subject asked for.
    if intent.kind == "generate" and (intent.prompt or intent.script):
        return None  # a subject to make (said now, or the refused request it completes)
    settings = None if editing.has_scenes(state) else kept.settings_of(message, lang)
    if settings is None and (intent.kind != "generate" or intent.script or intent.prompt
                             or intent.title):
        return None
    if intent.fresh:
        return None  # "start over" / "new video" alone: the agent empties the timeline first
    if intent.uploads and editing.has_scenes(state):
        return None  # "make a video from my clips": the uploads are the subject
    if settings is not None and "duration_ms" in settings and not duration_ok(
            settings["duration_ms"]):
        # A length the agent cannot make: said so, nothing kept.
        refused = Intent("duration", lang=lang, duration_ms=settings["duration_ms"])
        return duration_refused(refused, lang)
    remembered = {**(memory.get(kept.MEMORY_KEY) or {}), **(settings or {})}
    table = lexicon().lang(lang).questions
    known = {"duration": remembered.get("duration_ms"), "style": remembered.get("style")}
    items = []
    for key in _ASKED:
        if known.get(key) is not None:
            continue
        spec = table[key]
        items.append({"id": key, "prompt": str(spec["prompt"]), "allow_multiple": False,
                      "options": [{"id": str(oid), "label": str(label)}
                                  for oid, label in spec["options"].items()]})
    args = {"title": str(table["title"]), "questions": items}
    call_id = f"call_{uuid.uuid4().hex[:20]}"
    given = {"duration_ms": remembered.get("duration_ms", intent.duration_ms),
             "style": remembered.get("style", intent.style),
             "ratio": remembered.get("ratio", intent.ratio)}
    pending = {"call_id": call_id, "lang": lang, "questions": items,
               "known": {k: v for k, v in given.items() if v is not None}}
    after = {**memory, MEMORY_KEY: pending}
    if remembered:
        after[kept.MEMORY_KEY] = remembered
    # The turn ends waiting: the answer comes as the next message. The result only records
    # that the question is out (ADK's long-running tools answer "pending" the same way).
    steps: list[Step] = [
        *([Say(lexicon().say("settings_kept", lang, items=kept.described(remembered, lang)))]
          if settings else []),
        Call(call_id, "ask_question", args),
        Result(call_id, "ask_question", {"status": "awaiting_user_answer"}, state, after),
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
    """The request the answers make, in the words of ``lang`` (the agent reads it back)."""
    table = lexicon().lang(lexicon().normalize(lang)).questions
    subject = values.get("subject")
    subject_text = subject["label"] if subject else str(table["subject"]["default"])
    duration = values.get("duration")
    seconds = duration["id"] if duration else (
        str(round(known["duration_ms"] / 1000)) if known.get("duration_ms") else "")
    style = values.get("style")
    style_label = style["label"] if style else ""
    if not style and known.get("style"):
        style_label = lexicon().label("styles", str(known["style"]), lang)
    text = str(table["request"]).format(
        duration=str(table["duration_part"]).format(value=seconds) if seconds else "",
        style=str(table["style_part"]).format(label=style_label) if style_label else "",
        subject=subject_text)
    if known.get("ratio"):
        text += f" {known['ratio']}"
    return " ".join(text.split())
