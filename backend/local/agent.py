"""The local rule-based editing agent: one chat message + a session state → a ``Plan``.

A plan is the deterministic list of steps the turn will play: what the agent says (``Say``),
the tools it calls (``Call``), the work that takes time (``Work``, with heartbeats) and the
results that commit a new session state (``Result``). The agent itself is pure; the server
plays the plan, streams it, charges credits and saves states.

Generation is two-stage like the cloud's: raw scenes first (committed, announced), then
background music and a title in a second step.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from backend.draft import CANVAS_BY_RATIO
from backend.local import caption_edits, editing, kept, styling, weather
from backend.local.intents import (
    UNPLACED,
    WITH_LENGTH,
    Intent,
    SceneMove,
    Span,
    bare_length,
    cannot_reply,
    is_bare_verb,
    is_remark,
    make_title,
    parse,
    part_before_length,
    sentences_of,
    split_edits,
)
from backend.local.lexicon import lexicon, word_pattern
from backend.local.narration import language_of
from backend.local.narration.timeline import narrate_script
from backend.local.scenes import is_lively, unseen_labels

__all__ = ["Call", "Charge", "Plan", "Remember", "Result", "Say", "Step", "Work", "duration_ok",
           "duration_refused", "plan_turn"]

Charge = Literal["generation", "edit", "none"]


@dataclass(frozen=True)
class Say:
    text: str


@dataclass(frozen=True)
class Call:
    call_id: str
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Result:
    """A tool result; ``state`` (when not None) is the session state to commit now."""

    call_id: str
    name: str
    response: dict[str, Any]
    state: dict[str, Any] | None = None
    memory: dict[str, Any] | None = None


@dataclass(frozen=True)
class Work:
    """Time the work takes: ``stage`` of a generation or an ``edit`` (delays come from the
    server's options)."""

    kind: Literal["stage", "edit"]


@dataclass(frozen=True)
class Remember:
    """What the agent remembers after a turn that changes nothing (a request it refused):
    the server saves ``memory`` as the session's agent memory, and nothing is streamed."""

    memory: dict[str, Any]


Step = Say | Call | Result | Work | Remember


@dataclass(frozen=True)
class Plan:
    intent: Intent
    lang: str
    charge: Charge
    outcome: str
    steps: tuple[Step, ...] = field(default=())

    @property
    def silent(self) -> bool:
        return not any(isinstance(s, Say) for s in self.steps)


def _call_id() -> str:
    return f"call_{uuid.uuid4().hex[:20]}"


def _secs(ms: int) -> float:
    """Seconds to one decimal; the reply template writes them in its language."""
    return round(ms / 1000, 1)


def _tool(name: str, args: dict[str, Any], response: dict[str, Any], state: dict[str, Any] | None,
          *, work: Literal["stage", "edit"] = "edit", memory: dict[str, Any] | None = None
          ) -> list[Step]:
    cid = _call_id()
    return [Call(cid, name, args), Work(work), Result(cid, name, response, state, memory)]


def plan_turn(message: str, state: dict[str, Any], memory: dict[str, Any], *,
              session_language: str = "en") -> Plan:
    """Decide what to do with ``message`` on a session whose state is ``state``.

    ``memory`` is what the agent remembered of earlier turns (the last generation's prompt,
    script, style and title). Never raises for user text: anything not understood is said so.
    A message asking for several edits ("set the title … and add upbeat music") gets them all.
    """
    lang = lexicon().detect(message, session_language)
    refused = memory.get(_REFUSED)
    if isinstance(refused, dict) and not editing.has_scenes(state):
        retried = _retry_refused(message, refused, state, memory, lang)
        if retried is not None:
            return retried
    plan = _plan_turn(message, state, memory, lang, session_language)
    return _remember_refused(plan, message, lang, memory)


def _plan_turn(message: str, state: dict[str, Any], memory: dict[str, Any], lang: str,
               session_language: str) -> Plan:
    if memory.get("redo") and _redo_asked(message, lang):
        return _plan_redo(message, state, memory, lang)
    whole = parse(message, has_video=editing.has_scenes(state), session_language=lang)
    if whole.kind == "undo":
        return _undo_then_edits(message, whole, state, memory, lang)
    dictated = whole.kind == "narration" and whole.ask is not None and (
        whole.ask.words is not None or whole.ask.read)
    if whole.kind not in ("generate", "regenerate") and not dictated and not whole.one_request:
        # (the words a narration is to speak are one text, whatever their commas)
        # A request for a video is one request, whatever its "and"s; edits are split.
        clauses = _rejoin(message, split_edits(message, lang), editing.has_scenes(state), lang)
        if len(clauses) > 1:
            combined = _plan_edits(clauses, state, memory, lang)
            if combined is not None:
                return _undoable(combined, message, state, memory)
    if whole.kind in WITH_LENGTH and whole.duration_ms is not None:
        return _undoable(_with_length(message, whole, state, memory, lang), message, state,
                         memory)
    return _undoable(_plan_one(message, state, memory, session_language=session_language),
                     message, state, memory)


#: Where the agent keeps a video request it refused for its length ("a 20-minute video
#: about tea") or its format ("a 4:3 video"), so that the length or format said next ("ok,
#: 20 seconds", "16:9 then") makes that video.
_REFUSED = "refused_request"
#: The refusals remembered, and the setting (an Intent field, a kept setting) that was refused.
_REFUSALS = {"duration_range": "duration_ms", "ratio_unsupported": "ratio"}


def _remember_refused(plan: Plan, message: str, lang: str, memory: dict[str, Any]) -> Plan:
    """``plan``, remembering the request when it is a new video refused for its length or
    format: the user's next words are that setting, not the subject again."""
    intent = plan.intent
    refused = _REFUSALS.get(plan.outcome)
    if refused is None or intent.kind != "generate" or not (intent.prompt or intent.script):
        return plan
    after = {**memory, _REFUSED: {"message": message, "lang": lang, "setting": refused}}
    return dataclasses.replace(plan, steps=(*plan.steps, Remember(after)))


def _retry_refused(message: str, refused: dict[str, Any], state: dict[str, Any],
                   memory: dict[str, Any], lang: str) -> Plan | None:
    """The refused request made with the setting ``message`` gives in place of the refused
    one (and its other settings), when it gives that and nothing else to make; None
    otherwise."""
    setting = str(refused.get("setting") or "duration_ms")
    length = bare_length(message, lang)
    settings = kept.settings_of(message, lang) or (
        {"duration_ms": length} if length is not None else None)
    if not settings or setting not in _REFUSALS.values():
        return None
    said = str(refused.get("message") or "")
    first = parse(said, has_video=False, session_language=str(refused.get("lang") or lang))
    if first.kind != "generate" or not (first.prompt or first.script):
        return None
    if setting not in settings:
        # "add captions" after "a 20-minute video about tea": kept for that video, which
        # still waits for its length (never asked what it is about, as if forgotten).
        kept_now = {**kept.remembered(memory), **settings}
        d = lexicon().defaults
        text = lexicon().say("refused_settings_kept", lang,
                             items=kept.described(kept_now, lang), setting=setting,
                             subject=_quote_back(first.prompt or " ".join(first.script)),
                             min=_secs(int(d["min_duration_ms"])),
                             max_min=_secs(int(d["max_duration_ms"]) // 60))
        return Plan(first, lang, "none", "refused_settings_kept",
                    (Say(text), Remember({**memory, kept.MEMORY_KEY: kept_now})))
    cleared = (dataclasses.replace(first, duration_ms=None) if setting == "duration_ms"
               else dataclasses.replace(first, ratio=None))
    intent = kept.applied(cleared, settings)
    rest = {k: v for k, v in memory.items() if k != _REFUSED}
    plan = _plan_generation(intent, lang, state, rest)
    if plan.outcome in _REFUSALS:
        # Still too long ("then 15 minutes"): the request is kept for the next try.
        return _remember_refused(plan, said, lang, rest)
    return _undoable(plan, message, state, rest)


def _with_length(message: str, intent: Intent, state: dict[str, Any], memory: dict[str, Any],
                 lang: str) -> Plan:
    """One clause asking an edit and a length ("hazlo vertical para Instagram y de 15
    segundos"): the edit, then the length, each said (never one dropped in silence)."""
    if (intent.font is not None and intent.kind in ("title_set", "captions_add")
            and not intent.text and not intent.texts):
        # "make the title bold and cut it to 15 seconds": the length is made and the look
        # said not drawn (its refusal alone ends "nothing changed", which the length is not).
        length = _plan_one(message, state, memory, session_language=lang, lang=lang,
                           intent=Intent("duration", lang=lang, duration_ms=intent.duration_ms,
                                         duration_change=intent.duration_change,
                                         duration_cap=intent.duration_cap))
        steps: list[Step] = list(length.steps)
        if lexicon().silent(length.outcome):
            steps.append(Say(_silent_summary(length, state, lang)))
        steps.append(Say(lexicon().say("font_unsupported_note", lang, word=intent.font)))
        return Plan(length.intent, lang, length.charge, length.outcome, tuple(steps))
    first = _plan_one(message, state, memory, session_language=lang, lang=lang,
                      intent=dataclasses.replace(intent, duration_ms=None))
    current, remembered = _advance(first, state, memory)
    second = _plan_one(message, current, remembered, session_language=lang, lang=lang,
                       intent=Intent("duration", lang=lang, duration_ms=intent.duration_ms,
                                     duration_change=intent.duration_change,
                                     duration_cap=intent.duration_cap))
    steps = []
    if first.charge == "none" and second.charge != "none":
        # "add a title and shorten it by 10 seconds": the title's "nothing changed" is about
        # that part only, named, so the reply does not contradict the length made.
        first = dataclasses.replace(first, steps=tuple(_about(first.steps, lexicon().say(
            "part_about", lang, part=_quote_back(part_before_length(message, lang))))))
    for plan, before in ((first, state), (second, current)):
        steps.extend(plan.steps)
        if lexicon().silent(plan.outcome):
            steps.append(Say(_silent_summary(plan, before, lang)))
    charges = {first.charge, second.charge}
    charge: Charge = ("generation" if "generation" in charges
                      else "edit" if "edit" in charges else "none")
    return Plan(first.intent, lang, charge, f"{first.outcome}+{second.outcome}", tuple(steps))


#: What a part after an undo may be and still leave the message one undo ("undo that,
#: thanks").
_NOT_UNDONE = frozenset({"undo", "unknown", "thanks", "wait", "help", "question"})


#: How many changes back "undo" can go (each keeps the whole state before it).
_UNDO_LIMIT = 5


def _undoable(plan: Plan, message: str, state: dict[str, Any], memory: dict[str, Any]) -> Plan:
    """``plan``, remembering the state it started from, so that "undo" can bring it back:
    the last committed result carries the agent's memory with one more entry (at most
    ``_UNDO_LIMIT``). A plan that changes nothing is left as it is."""
    results = [i for i, step in enumerate(plan.steps)
               if isinstance(step, Result) and step.state is not None]
    if (not results or plan.outcome.startswith(("undo", "redo"))
            or plan.intent.kind in ("generate", "regenerate")):
        # A new video starts afresh (its memory has no undo): "undo" takes back edits.
        return plan
    last = plan.steps[results[-1]]
    assert isinstance(last, Result)
    if last.state == state:
        return plan
    after = next((step.memory for step in reversed(plan.steps[:results[-1] + 1])
                  if isinstance(step, Result) and step.memory is not None), memory)
    stack = [e for e in memory.get("undo") or [] if isinstance(e, dict)]
    entry = {"state": state, "memory": _kept(memory), "message": _quote_back(message)}
    # A new change: what was undone before it can no longer be redone on top of it.
    remembered = {**_kept(after), "undo": [*stack, entry][-_UNDO_LIMIT:]}
    steps = list(plan.steps)
    steps[results[-1]] = dataclasses.replace(last, memory=remembered)
    return dataclasses.replace(plan, steps=tuple(steps))


def _undo_then_edits(message: str, intent: Intent, state: dict[str, Any],
                     memory: dict[str, Any], lang: str) -> Plan:
    """An undo, and the edits the message asks after it on what the undo brought back ("put
    it back as it was and make it 20 seconds": the length was dropped). The edits are one
    change of their own: the next "undo" takes them back. With nothing to undo, only that
    is said (nothing changed)."""
    undone = _plan_undo(intent, state, memory, lang)
    clauses = split_edits(message, lang)
    if (undone.outcome != "undo_done" or len(clauses) < 2
            or parse(clauses[0], has_video=True, session_language=lang).kind != "undo"
            or all(parse(c, has_video=True, session_language=lang).kind in _NOT_UNDONE
                   for c in clauses[1:])):
        return undone
    current, remembered = _advance(undone, state, memory)
    at = message.find(clauses[1])
    said = message[at:] if at >= 0 else " ".join(clauses[1:])
    rest = _plan_edits(_rejoin(said, clauses[1:], editing.has_scenes(current), lang),
                       current, remembered, lang)
    if rest is None:
        return undone
    if rest.charge == "none":
        # "undo that and make it 500 minutes": the undo is done; the part after it changed
        # nothing, said of that part only (a bare "nothing changed" denies the undo), and no
        # change of its own for the next undo.
        about = lexicon().say("part_about", lang, part=_quote_back(said))
        return dataclasses.replace(undone, steps=(*undone.steps, *_about(rest.steps, about)),
                                   outcome=f"undo_done+{rest.outcome}")
    steps = [*undone.steps, *rest.steps]
    if lexicon().silent(rest.outcome):
        steps.append(Say(_silent_summary(rest, current, lang)))
    rest = dataclasses.replace(rest, steps=tuple(steps))
    return dataclasses.replace(_undoable(rest, said, current, remembered), intent=intent,
                               charge="edit", outcome=f"undo_done+{rest.outcome}")


def _plan_undo(intent: Intent, state: dict[str, Any], memory: dict[str, Any], lang: str
               ) -> Plan:
    """"Undo": the state before the last change comes back, and the reply says which change
    went and what the video is now; with nothing to undo, says so and changes nothing."""
    lex = lexicon()
    stack = [e for e in memory.get("undo") or [] if isinstance(e, dict)]
    if not stack:
        return Plan(intent, lang, "none", "undo_none", (Say(lex.say("undo_none", lang)),))
    entry = stack[-1]
    restored = entry["state"]
    # What is undone can be redone ("redo it"): the state it made, kept until a new change.
    redo = [*(e for e in memory.get("redo") or [] if isinstance(e, dict)),
            {"state": state, "memory": _kept(memory), "message": entry["message"]}]
    restored_memory = {**entry["memory"], "undo": stack[:-1], "redo": redo[-_UNDO_LIMIT:]}
    _, summary = editing.summarize(restored["draft"], lang)
    steps = [*_tool("undo", {}, {"status": "success"}, restored, memory=restored_memory),
             Say(lex.say("undo_done", lang, message=entry["message"], summary=summary))]
    return Plan(intent, lang, "edit" if restored != state else "none", "undo_done",
                tuple(steps))


def _kept(memory: dict[str, Any]) -> dict[str, Any]:
    """The agent's memory without its undo and redo history (an entry of that history)."""
    return {k: v for k, v in memory.items() if k not in ("undo", "redo")}


@functools.cache
def _redo_table() -> dict[str, Any]:
    from backend.datacache import load_yaml

    return load_yaml(Path(__file__).with_name("redo.yaml"))  # type: ignore[no-any-return]


def _redo_asked(message: str, lang: str) -> bool:
    """Whether ``message`` is only a "redo" ("redo it", "rehazlo", "重做")."""
    codes = dict.fromkeys((lexicon().lang(lang).code, lexicon().default_lang))
    words = tuple(str(w) for c in codes for w in (_redo_table().get(c) or {}).get("words", ()))
    text = message.strip().strip(" .!?。！？,，、").lower()
    polite = lexicon().words("polite", tuple(codes))
    text = word_pattern(polite).sub(" ", text).strip(" .!?。！？,，、") if polite else text
    return bool(words) and word_pattern(words).fullmatch(" ".join(text.split())) is not None


def _plan_redo(message: str, state: dict[str, Any], memory: dict[str, Any], lang: str
               ) -> Plan:
    """"Redo" after "undo": the change undone is made again (the state it had made comes
    back), and "undo" can take it back once more."""
    stack = [e for e in memory.get("redo") or [] if isinstance(e, dict)]
    entry = stack[-1]
    undo = [e for e in memory.get("undo") or [] if isinstance(e, dict)]
    back = {"state": state, "memory": _kept(memory), "message": entry["message"]}
    restored_memory = {**entry["memory"], "undo": [*undo, back][-_UNDO_LIMIT:],
                       "redo": stack[:-1]}
    _, summary = editing.summarize(entry["state"]["draft"], lang)
    table = _redo_table()
    done = str((table.get(lexicon().lang(lang).code) or table["en"])["done"])
    intent = Intent("undo", lang=lang)
    steps = [*_tool("redo", {}, {"status": "success"}, entry["state"], memory=restored_memory),
             Say(done.format(message=entry["message"], summary=summary or "—"))]
    return Plan(intent, lang, "edit" if entry["state"] != state else "none", "redo_done",
                tuple(steps))


#: At most this many characters of what was said of the scenes are remembered.
_SAID_LIMIT = 2000

_NOT_EDITS = ("unknown", "help", "question", "generate", "regenerate", "thanks", "wait",
              "cannot")


def _rejoin(message: str, clauses: list[str], has_video: bool, lang: str) -> list[str]:
    """``clauses`` with a part that is no edit by itself put back onto the one before when,
    read together, it adds to that edit ("make the title smaller and put it at the top": one
    style change); a part that adds nothing stays apart, to be named as not done."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for clause in clauses:
        start = message.find(clause, cursor)
        if start < 0:
            return clauses
        spans.append((start, start + len(clause)))
        cursor = start + len(clause)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and parse(message[start:end], has_video=has_video,
                         session_language=lang).kind in _NOT_EDITS:
            before = parse(message[out[-1][0]:out[-1][1]], has_video=has_video,
                           session_language=lang)
            joined = parse(message[out[-1][0]:end], has_video=has_video, session_language=lang)
            # "音楽いらない、消して": a bare verb repeats the request before it. "The last
            # scene is too long, remove it": a scene found wanting, then removed (apart, it
            # asked the scene's length and "remove it" was not understood).
            if (joined.kind == before.kind and (joined != before
                                                or is_bare_verb(message[start:end], lang))) or (
                    joined.kind == "clip_remove" and before.kind == "clip_length"
                    and before.duration_ms is None and joined.track == before.track):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return [message[a:b] for a, b in out]


def _advance(plan: Plan, state: dict[str, Any], memory: dict[str, Any]
             ) -> tuple[dict[str, Any], dict[str, Any]]:
    for step in plan.steps:
        if isinstance(step, Result) and step.state is not None:
            state = step.state
            memory = step.memory if step.memory is not None else memory
    return state, memory


def _plan_edits(clauses: list[str], state: dict[str, Any], memory: dict[str, Any], lang: str
                ) -> Plan | None:
    """One plan for several edits, each planned on the state the one before left. A part
    that is not an edit the agent can make is named in the reply as not done (never dropped
    in silence); None when no part is an edit (then the message is read as one)."""
    plans: list[Plan] = []
    asked: list[str] = []  # the clauses that ask something, one per plan
    befores: list[dict[str, Any]] = []  # the state each plan started from
    current, remembered = state, memory
    # "…, thanks", "wait, …": nothing to do, nothing to say beside the edits.
    clauses = [c for c in clauses if parse(c, has_video=True, session_language=lang).kind
               not in ("thanks", "wait")]
    for i, clause in enumerate(clauses):
        intent = parse(clause, has_video=editing.has_scenes(current), session_language=lang)
        if intent.kind == "unknown" and is_remark(clause, lang):
            continue  # "I love it, make the music louder": nothing asked, nothing to say
        if intent.kind == "duration" and intent.duration_ms is None and any(
                parse(later, has_video=True, session_language=lang).duration_ms is not None
                for later in clauses[i + 1:]):
            continue  # "もうちょっと長くして、20秒くらいで": the length is given next
        asked.append(clause)
        voiced = (_voice_of_the_last(intent, clause, plans, lang)
                  or _music_of_the_last(intent, clause, plans, lang))
        if voiced is not None:
            # "mets une voix de femme et parle plus fort": the voice louder; "make the music
            # louder and more upbeat": the music's mood, not the scenes' style.
            intent = voiced
        looked = _look_of_the_last(intent, clause, plans, lang)
        if looked is not None:
            # "… to Happy 7th Birthday, Leo! and make it yellow": "it" is the title just set.
            plan = _plan_one(clause, current, remembered, session_language=lang, lang=lang,
                             intent=looked)
            befores.append(current)
            plans.append(plan)
            current, remembered = _advance(plan, current, remembered)
            continue
        if intent.kind in _NOT_EDITS or (intent.kind == "undo" and plans):
            # (An undo after another edit of the message, "mach den Titel rot und die Musik
            # wieder wie vorher", would take back what came before the message, not that
            # edit: a review found a title made yellow, then red, left white. Said first,
            # "undo that and make the title red", it is made.)
            text = lexicon().say("part_not_done", lang, part=_quote_back(clause))
            befores.append(current)
            plans.append(Plan(intent, lang, "none", "part_not_done", (Say(text),)))
            continue
        plan = _plan_one(clause, current, remembered, session_language=lang, lang=lang,
                         intent=voiced)
        befores.append(current)
        plans.append(plan)
        current, remembered = _advance(plan, current, remembered)
    if not plans or all(p.outcome == "part_not_done" for p in plans):
        return None
    if len(plans) == 1:
        return plans[0]  # the others were remarks: the one request, as if alone
    changed = any(p.charge != "none" for p in plans)
    steps: list[Step] = []
    for clause, plan, before in zip(asked, plans, befores, strict=True):
        if changed and plan.charge == "none" and plan.outcome != "part_not_done":
            # Its "nothing changed" is about this part only: named, so the reply does not
            # contradict the parts that did change.
            steps.extend(_about(plan.steps, lexicon().say("part_about", lang,
                                                         part=_quote_back(clause))))
            continue
        steps.extend(plan.steps)
        if lexicon().silent(plan.outcome):
            # Alone, a silent edit is summarised by the client; among others that speak, it
            # says what it did itself: the track as it is now, or that it is gone.
            steps.append(Say(_silent_summary(plan, before, lang)))
    charges = {p.charge for p in plans}
    charge: Charge = ("generation" if "generation" in charges
                      else "edit" if "edit" in charges else "none")
    return Plan(plans[0].intent, lang, charge, "+".join(p.outcome for p in plans), tuple(steps))


def _voice_of_the_last(intent: Intent, clause: str, plans: list[Plan], lang: str
                       ) -> Intent | None:
    """A part asking louder or quieter without naming the music, right after a part about the
    narration ("… une voix de femme et parle plus fort"): the narration's volume, not the
    music's."""
    if intent.kind != "volume" or not plans or plans[-1].intent.kind != "narration":
        return None
    codes = tuple(dict.fromkeys((lang, lexicon().default_lang)))
    if word_pattern(lexicon().words("bgm", codes)).search(clause.lower()):
        return None
    step = intent.volume_step or 0
    if intent.volume is not None:
        return Intent("narration", lang=lang,
                      ask=styling.Ask("narration", volume=intent.volume))
    if not step:
        return None
    return Intent("narration", lang=lang,
                  ask=styling.Ask("narration", louder=1 if step > 0 else -1))


def _music_of_the_last(intent: Intent, clause: str, plans: list[Plan], lang: str
                       ) -> Intent | None:
    """A part asking a style or mood without naming what of, right after a part about the
    music ("make the music louder and more upbeat", "sube el volumen de la música y hazla
    más alegre"): the music's mood. One naming the look ("… and the video more cinematic",
    "… and anime style") is the scenes' style."""
    if intent.kind != "restyle" or intent.style is None or not plans or (
            plans[-1].intent.kind not in ("bgm_set", "volume")):
        return None
    codes = tuple(dict.fromkeys((lang, lexicon().default_lang)))
    lex = lexicon()
    if word_pattern(lex.words("style_nouns", codes) + lex.words("video_nouns", codes)).search(
            clause.lower()):
        return None
    return Intent("bgm_set", lang=lang, mood=lex.styles[intent.style].mood, by_mood=True)


def _look_of_the_last(intent: Intent, clause: str, plans: list[Plan], lang: str
                      ) -> Intent | None:
    """A part that is no edit by itself but asks a look ("make it yellow", "en blanc") of
    the title or captions the part before it edited: that look, as a restyling of them."""
    # ("put them in the middle" after the captions: "them" are the captions, not uploads)
    if intent.kind not in (*_NOT_EDITS, "uploads_added", "upload_ref") or not plans:
        return None
    before = plans[-1].intent
    role = ("title" if before.kind in ("title_set", "title_remove")
            else "captions" if before.kind in ("captions_add", "captions_move") else
            before.ask.target if before.kind == "text_style" and before.ask else None)
    if role not in ("title", "captions"):
        return None
    codes = tuple(dict.fromkeys((lang, lexicon().default_lang)))
    ask = styling.read_ask(clause.lower(), codes, title=role == "title",
                           caption=role == "captions")
    if ask is None or ask.target != role or not (ask.pos or ask.color or ask.size):
        return None
    return Intent("text_style", lang=lang, ask=ask)


def _about(steps: tuple[Step, ...], prefix: str) -> list[Step]:
    """``steps`` with ``prefix`` before the first thing said."""
    out: list[Step] = []
    for step in steps:
        if prefix and isinstance(step, Say):
            out.append(Say(prefix + step.text))
            prefix = ""
        else:
            out.append(step)
    return out


def _silent_summary(plan: Plan, before: dict[str, Any], lang: str) -> str:
    """What a silent title or captions edit did, said among edits that speak: the title's
    old text → its new one, the captions added (their text and times), or that it is gone;
    the track as it is now when none of these fits."""
    role = "title" if plan.outcome.startswith("title") else "captions"
    final = [s.state for s in plan.steps if isinstance(s, Result) and s.state is not None]
    track = editing.track_of(final[-1]["draft"], role) if final else None
    lex = lexicon()
    if track is None or not track["sg"]:
        return lex.say("track_remove", lang, name=lex.track_label(role, lang))
    old = editing.track_of(before["draft"], role)
    old_sgs = (old or {"sg": []})["sg"]
    if role == "title":
        sg = track["sg"][0]
        new_text = str(sg["m"].get("text", ""))
        if old_sgs and str(old_sgs[0]["m"].get("text", "")) != new_text:
            return lex.say("summary_title_change", lang,
                           old=str(old_sgs[0]["m"].get("text", "")), new=new_text)
        if not old_sgs:
            return lex.say("summary_title_add", lang, new=new_text, start=_secs(int(sg["s"])),
                           end=_secs(int(sg["s"]) + int(sg["d"])))
    else:
        was = {(str(sg["m"].get("text", "")), int(sg["s"]), int(sg["d"])) for sg in old_sgs}
        added = [{"text": str(sg["m"].get("text", "")), "start": _secs(int(sg["s"])),
                  "end": _secs(int(sg["s"]) + int(sg["d"]))}
                 for sg in sorted(track["sg"], key=lambda g: int(g["s"]))
                 if (str(sg["m"].get("text", "")), int(sg["s"]), int(sg["d"])) not in was]
        if added:
            return lex.say("summary_captions_add", lang, items=added)
    return editing.summarize({"t": [track]}, lang)[1]


def _plan_one(message: str, state: dict[str, Any], memory: dict[str, Any], *,
              session_language: str, lang: str | None = None,
              intent: Intent | None = None) -> Plan:
    draft = state["draft"]
    has_video = editing.has_scenes(state)
    intent = intent or parse(message, has_video=has_video, session_language=session_language)
    lang = lang or intent.lang
    lex = lexicon()

    def say(outcome: str, **values: Any) -> Say:
        return Say(lex.say(outcome, lang, **values))

    def reply(outcome: str, charge: Charge = "none", steps: list[Step] | None = None,
              **values: Any) -> Plan:
        body = list(steps or [])
        if not lex.silent(outcome):
            body.append(say(outcome, **values))
        return Plan(intent, lang, charge, outcome, tuple(body))

    kind = intent.kind
    if kind == "undo":
        return _plan_undo(intent, state, memory, lang)
    if kind in ("generate", "regenerate"):
        return _plan_generation(intent, lang, state, memory)
    if kind == "question" and intent.track in ("captions", "title", "bgm", "narration"):
        return _answer_about(str(intent.track), draft, reply, lang)
    if kind == "product_question":
        # The voices are what this computer has for the user's language, not a fixed list.
        values = styling.voice_choices(lang) if intent.text == "voices" else {}
        return reply(f"product_{intent.text}", **values)
    if kind == "export_question":
        return _answer_export(intent, draft, reply)
    if kind == "question":
        count, summary = editing.summarize(draft, lang)
        canvas = {"w": draft.get("w"), "h": draft.get("h"), "ratio": draft.get("ratio")}
        if not count:
            return reply("answer_empty", **canvas)
        return reply("answer", count=count, summary=summary, seconds=_secs(int(draft["d"])),
                     details=_changes(draft, lang), **canvas)
    if kind in ("help", "thanks", "wait"):
        return reply(kind)
    if kind == "cannot":
        # Publishing, translating: not something this agent does; said, nothing changed.
        return Plan(intent, lang, "none", "cannot", (Say(cannot_reply(intent)),))
    if kind == "unknown":
        if not any(ch.isalnum() for ch in message):
            return reply("help")  # "👍", "…": nothing to misunderstand
        return reply("not_understood", message=_quote_back(message))
    if kind == "ratio":
        return _plan_ratio(intent, lang, state, memory)
    if kind == "song_music":
        return _honest(_plan_song(intent, lang, state, reply), state)
    if kind == "upload_ref":
        plan = _answer_upload(state, lang, reply)
        if plan.outcome == "upload_none" and intent.text != "pointed":
            # A bare "加进去"/"추가해 줘" with no file anywhere does not refer to a file, so
            # telling the user to attach one would answer something they did not ask.
            return reply("not_understood", message=_quote_back(message))
        return plan
    if not int(draft.get("d") or 0):
        return reply("needs_video")
    if kind == "uploads_added":
        _, summary = editing.summarize(draft, lang)
        return reply("uploads_added", summary=summary)
    if kind == "look":
        return _plan_look(intent, lang, state, reply)
    if intent.font is not None:
        # Bold, italics, a font: not drawn. Alone, said so with what can be done; beside a
        # look that is ("bold and red"), that is done and the rest named as not.
        if kind in ("title_set", "captions_add") and not intent.text and not intent.texts:
            return reply("font_unsupported", word=intent.font, captions=kind == "captions_add")
        plan = _honest(_plan_edit(intent, lang, state, memory, reply), state)
        note = say("font_unsupported_note", word=intent.font)
        return Plan(plan.intent, plan.lang, plan.charge, plan.outcome, (*plan.steps, note))

    return _honest(_plan_edit(intent, lang, state, memory, reply, message=message), state)


Reply = Callable[..., Plan]


def _answer_about(role: str, draft: dict[str, Any], reply: Reply, lang: str) -> Plan:
    """A question about one track ("show me the captions"): that track, with its times."""
    if role == "captions":
        items = editing.caption_list(draft)
        return reply("captions_list", items=items, n=len(items)) if items else reply(
            "captions_list_none")
    if role == "narration":  # "what does the voice-over say?": its sentences, as spoken
        items = editing.narration_list(draft)
        return reply("narration_list", items=items, n=len(items)) if items else reply(
            "narration_list_none")
    track = editing.track_of(draft, role)
    if track is None or not track["sg"]:
        return reply("title_answer_none" if role == "title" else "music_answer_none")
    sg = track["sg"][0]
    times = {"start": _secs(int(sg["s"])), "end": _secs(int(sg["s"]) + int(sg["d"]))}
    if role == "title":
        return reply("title_answer", text=str(sg["m"].get("text", "")), **times)
    return reply("music_answer", name=editing.music_label(sg["m"], lang),
                 vol=round(float(sg["m"].get("vol", 1.0)) * 100), **times)


def _changes(draft: dict[str, Any], lang: str) -> str:
    """What the user changed beyond the tracks the summary lists (the look of the picture,
    where and how the texts stand, the narrator's voice), as one sentence; "" when nothing."""
    lex = lexicon()
    items = []
    look = draft.get("look")
    if look in lex.lang(lang).look_names:
        items.append(lex.say("answer_look", lang, name=lex.lang(lang).look_names[str(look)]))
    items.extend(styling.describe(draft, lang))
    if not items:
        return ""
    return lex.say("answer_details", lang, items=lex.say("answer_separator", lang).join(items))


def _answer_export(intent: Intent, draft: dict[str, Any], reply: Reply) -> Plan:
    """"Can I export in 4K?": what an export from this local service is, honestly, and
    whether the format asked about is among it."""
    ratio = str(draft.get("ratio") or "16:9")
    w, h = CANVAS_BY_RATIO.get(ratio, (int(draft.get("w") or 1920), int(draft.get("h") or 1080)))
    asked = intent.text
    supported = asked is None or asked in lexicon().export_specs["supported"]
    return reply("export_answer", asked=asked, supported=supported, w=w, h=h, ratio=ratio,
                 fps=int(draft.get("fps") or 30), sizes=[
                     {"ratio": r, "w": cw, "h": ch} for r, (cw, ch) in CANVAS_BY_RATIO.items()])


def _answer_upload(state: dict[str, Any], lang: str, reply: Reply) -> Plan:
    """"Add it" sent with a file: the file is already placed (an upload goes onto the
    timeline when it arrives); say where, or that no file came."""
    draft = state["draft"]
    for info in reversed(state.get("video_infos") or []):
        for track in draft.get("t", []):
            for sg in track.get("sg", []):
                if sg["m"].get("media_id") == info.get("media_id"):
                    role = next((r for r, (tid, _, _) in editing.ROLE_NAMES.items()
                                 if tid == track.get("id")), "video")
                    _, summary = editing.summarize(draft, lang)
                    return reply("upload_in_place", name=str(info.get("filename") or ""),
                                 track=lexicon().track_label(role, lang),
                                 start=_secs(int(sg["s"])), end=_secs(int(sg["s"]) + int(sg["d"])),
                                 summary=summary)
    return reply("upload_none")


def _honest(plan: Plan, state: dict[str, Any]) -> Plan:
    """An edit whose result is the draft it started from changed nothing: say so, and do
    not charge for it, whatever the outcome would have claimed."""
    states = [s.state for s in plan.steps if isinstance(s, Result) and s.state is not None]
    if plan.charge != "edit" or not states or states[-1] != state:
        return plan
    text = lexicon().say("no_change", plan.lang)
    return Plan(plan.intent, plan.lang, "none", "no_change", (Say(text),))


#: The music the user removed (its mood and volume), brought back by "put the music back".
_BGM_REMOVED = "bgm_removed"


def _plan_bgm(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any],
              reply: Reply) -> Plan:
    """Music by mood: added, changed, already so, or which one (no mood it makes named)."""
    lex = lexicon()
    draft = state["draft"]
    current = editing.track_of(draft, "bgm")
    removed = memory.get(_BGM_REMOVED) if not (current and current["sg"]) else None
    back = removed if isinstance(removed, dict) and intent.mood is None else None
    mood = intent.mood or str((back or {}).get("mood") or memory.get("mood") or "calm")
    if intent.by_mood and not (current and current["sg"]):
        # "弄成复古一点" after "音乐关掉吧": a mood word with no music named brings no music
        # back; it is the scenes' style when it names one.
        if intent.style is not None:
            return _plan_restyle(intent.style, lang, state, memory, reply)
        return reply("bgm_mood_none", mood=lex.label("moods", mood, lang))
    if intent.mood is None and intent.replace and current and current["sg"]:
        # Other music, but no mood this agent makes ("jazz", or none named): keeping the
        # music and calling it unchanged would answer a request nobody made.
        moods = lex.lang(lang).labels["moods"]
        return reply("bgm_which", moods=list(moods.values()),
                     name=editing.music_label(current["sg"][0]["m"], lang))
    label = lex.label("moods", mood, lang)
    if current and current["sg"] and current["sg"][0]["m"].get("mood") == mood:
        return reply("bgm_same", name=editing.music_label(current["sg"][0]["m"], lang),
                     mood=label)
    vol = (back or {}).get("vol")
    new, existed = editing.set_bgm(state, mood, vol=float(vol) if isinstance(
        vol, int | float) else None)
    meta = editing.track_of(new["draft"], "bgm")["sg"][0]["m"]  # type: ignore[index]
    return reply("bgm_change" if existed else "bgm_add", "edit",
                 _tool("add_music", {"mood": mood}, {"status": "success", "name": meta["name"]},
                       new),
                 name=editing.music_label(meta, lang), mood=label, vol=round(meta["vol"] * 100),
                 old=editing.music_label(current["sg"][0]["m"], lang)
                 if current and current["sg"] else None)


def _plan_restyle(style: str, lang: str, state: dict[str, Any], memory: dict[str, Any],
                  reply: Reply) -> Plan:
    """The generated scenes in another style; what the user chose before (the music or none,
    the title, captions, narration) stays, and the reply says so."""
    lex = lexicon()
    done = editing.restyle(state, style)
    label = lex.label("styles", style, lang)
    if not done.scenes:
        return reply("restyle_none")
    if done.state == state:
        return reply("restyle_same", style=label)
    music = editing.track_of(state["draft"], "bgm")
    before = done.before if done.before in lex.styles and done.before != style else None
    return reply("restyle_done", "edit",
                 _tool("set_style", {"style": style}, {"status": "success"}, done.state,
                       memory={**memory, "style": style}),
                 style=label, before=lex.label("styles", before, lang) if before else None,
                 music=editing.music_label(music["sg"][0]["m"], lang)
                 if music and music["sg"] else None)


def _plan_edit(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any],
               reply: Reply, *, message: str = "") -> Plan:
    """Plans of the edits proper (a video exists): titles, captions, music, duration, tracks."""
    lex = lexicon()
    draft = state["draft"]
    kind = intent.kind
    if kind in ("title_set", "captions_add") and intent.ask is not None:
        # A new text and its look in one message: both made, both said.
        text_plan = _plan_edit(dataclasses.replace(intent, ask=None), lang, state, memory,
                               reply, message=message)
        return _with_look(text_plan, intent.ask, state, memory, lang)
    if kind in ("text_style", "narration") and intent.ask is not None:
        # The look of the text and the narration: styling words the reply from what changed.
        done = styling.apply(intent.ask, state, memory, lang)
        if done.state is None:
            return Plan(intent, lang, "none", "style_same", (Say(done.text),))
        return Plan(intent, lang, "edit", "style", (*_tool(done.call, done.args,
                                                            {"status": "success"}, done.state,
                                                            memory=done.memory),
                                                     Say(done.text)))
    if kind in ("captions_move", "captions_remove") or (
            kind == "captions_add" and (intent.rename or intent.replace)):
        named = _plan_one_caption(intent, state, reply, message)
        if named is not None:
            return named
    if kind in ("title_set", "title_remove", "captions_add", "captions_remove"):
        return _plan_text(intent, lang, state, memory, reply)
    if kind == "bgm_set":
        return _plan_bgm(intent, lang, state, memory, reply)
    if kind == "restyle" and intent.style is not None:
        return _plan_restyle(intent.style, lang, state, memory, reply)
    if kind == "bgm_remove":
        music = editing.track_of(draft, "bgm")
        new, existed = editing.remove_role(state, "bgm")
        if not existed:
            return reply("bgm_none_to_remove")
        # Remembered, so that "put the music back" brings this music back as it was (it came
        # back at the default volume: 35 % after the user had set 15 %).
        gone = dict(music["sg"][0]["m"]) if music and music["sg"] else None
        return reply("bgm_remove", "edit", _tool(
            "remove_track", {"track": "BGM"}, {"status": "success"}, new,
            memory={**memory, _BGM_REMOVED: {"mood": gone.get("mood"), "vol": gone.get("vol")}}
            if gone else None))
    if kind == "volume":
        new, meta = editing.set_volume(state, volume=intent.volume, step=intent.volume_step)
        if meta is None:
            return reply("bgm_missing")
        if new == state:
            return reply("volume_same", name=editing.music_label(meta, lang),
                         vol=round(meta["vol"] * 100))
        return reply("volume", "edit", _tool("set_volume", {"volume": meta["vol"]},
                                             {"status": "success"}, new),
                     name=editing.music_label(meta, lang), vol=round(meta["vol"] * 100))
    if kind == "clip_volume":
        new, level = editing.set_clip_volume(state, volume=intent.volume,
                                             step=intent.volume_step)
        if level is None:
            return reply("clip_sound_missing")
        return reply("clip_sound", "edit", _tool("set_clip_volume", {"volume": level},
                                                 {"status": "success"}, new),
                     vol=round(level * 100))
    if kind == "duration":
        return _plan_duration(intent, lang, state, reply)
    if kind == "clip_length":
        return _plan_clip_length(intent, state, reply)
    if kind == "weather" and intent.weather is not None:
        return _title_note(_plan_weather(intent, state, memory, reply), draft)
    if kind == "framing":
        fill = intent.text == "fill"
        new, count = editing.set_framing(state, "fill" if fill else "fit")
        if not count:
            return reply("framing_missing", fill=fill)
        return reply("framing", "edit", _tool("set_framing", {"mode": intent.text},
                                              {"status": "success"}, new), fill=fill)
    if kind == "clip_remove":
        return _plan_clip_remove(intent, lang, state, reply)
    if kind == "clip_move" and intent.move is not None:
        return _plan_clip_move(intent.move, state, reply)
    if kind == "track_remove":
        if intent.track == "video":
            new, existed = editing.remove_role(state, "video")
            name: str | None = lex.track_label("video", lang) if existed else None
        else:
            index = int(intent.track or 0)
            new, name = editing.remove_track_index(state, index)
            if name is not None:
                name = editing.role_label(draft["t"][index - 1], lang)
        if name is None:
            _, summary = editing.summarize(draft, lang)
            return reply("track_missing", summary=summary)
        return reply("track_remove", "edit", _tool("remove_track", {"track": name},
                                                   {"status": "success"}, new), name=name)
    return reply("not_understood", message="")


def _with_look(plan: Plan, ask: styling.Ask, state: dict[str, Any], memory: dict[str, Any],
               lang: str) -> Plan:
    """``plan`` (a title or captions edit), then the look asked beside it, on its result."""
    final, remembered = _advance(plan, state, memory)
    steps = list(plan.steps)
    if plan.charge == "edit" and lexicon().silent(plan.outcome):
        steps.append(Say(_silent_summary(plan, state, lang)))  # others speak: say it too
    if plan.intent.kind == "captions_add" and ask.target == "captions":
        # "add a red caption saying Sale": the look is the new caption's; the captions there
        # before keep theirs (the reply has just said they stay as they were).
        had = {sg.get("id") for sg in (editing.track_of(state["draft"], "captions")
                                       or {"sg": []})["sg"]}
        added = tuple(str(sg["id"]) for sg in (editing.track_of(final["draft"], "captions")
                                              or {"sg": []})["sg"] if sg.get("id") not in had)
        if had and added:
            ask = dataclasses.replace(ask, only=added)
    done = styling.apply(ask, final, remembered, lang)
    if done.state is not None:
        steps += _tool(done.call, done.args, {"status": "success"}, done.state,
                       memory=done.memory)
    steps.append(Say(done.text))
    charge: Charge = "edit" if plan.charge == "edit" or done.state is not None else plan.charge
    return Plan(plan.intent, lang, charge, f"{plan.outcome}+style", tuple(steps))


def _title_note(plan: Plan, draft: dict[str, Any]) -> Plan:
    """A weather change whose title names the weather: the reply says the title stays as it
    is (the user's text; only they know whether "City in the Rain" should go)."""
    gone = plan.intent.weather
    title = editing.track_of(draft, "title")
    if plan.charge != "edit" or gone is None or not title or not title["sg"]:
        return plan
    text = str(title["sg"][0]["m"].get("text") or "")
    if not weather.names_weather(text, gone.kinds, plan.lang):
        return plan
    note = Say(lexicon().say("weather_title_note", plan.lang, title=text))
    return Plan(plan.intent, plan.lang, plan.charge, plan.outcome, (*plan.steps, note))


def _plan_duration(intent: Intent, lang: str, state: dict[str, Any], reply: Reply) -> Plan:
    draft = state["draft"]
    if intent.duration_ms is None:
        # "make it shorter", "thanks! just worried it's too long": the length it has now,
        # and how to change it.
        return reply("duration_missing", seconds=_secs(int(draft["d"])))
    target = intent.duration_ms
    if intent.duration_change:
        # "shorten it by 10 seconds": from the length the video has now.
        now = int(draft["d"])
        target = now + intent.duration_change * target
        if target < int(lexicon().defaults["min_duration_ms"]):
            # Taking off all of it or more: said as such, never "a -10-second video".
            return reply("duration_take_off", seconds=_secs(now), by=_secs(intent.duration_ms),
                         half=max(1, now // 2000))
    if intent.duration_cap and int(draft["d"]) <= target:
        # "no longer than 20 seconds" of a 10-second video: it is already.
        return reply("duration_within", seconds=_secs(int(draft["d"])), cap=_secs(target))
    if not duration_ok(target):
        return duration_refused(dataclasses.replace(intent, duration_ms=target), lang)
    if target == int(draft["d"]):
        return reply("duration_same", seconds=_secs(target))
    new, fit = editing.fit_narration(state, editing.scale_duration(state, target))
    steps = _tool("set_duration", {"duration_ms": target}, {"status": "success"}, new)
    if fit is None or (fit.speedup <= 1 and fit.kept == fit.total):
        return reply("duration", "edit", steps, seconds=_secs(target),
                     shorter=target < int(draft["d"]))
    # The narration was read faster or partly left out: the user hears it, so says so.
    return reply("duration_narration", "edit", steps, seconds=_secs(target),
                 pct=round((fit.speedup - 1) * 100), kept=fit.kept, total=fit.total,
                 needed=_secs(fit.needed_ms))


def _plan_clip_length(intent: Intent, state: dict[str, Any], reply: Reply) -> Plan:
    """"Make the second scene 3 seconds", "each scene 3 seconds", "2 seconds longer": that
    scene's length or every scene's; the rest of the video moves with them (never the whole
    video scaled to the length one scene was given)."""
    draft = state["draft"]
    lengths = editing.clip_lengths(draft)
    names = editing.clip_names(draft)
    asked = int(intent.duration_ms or 0)
    change = intent.duration_change

    def length(now: int) -> int:
        return now + change * asked if change else asked

    which = intent.track
    if intent.duration_ms is None and isinstance(which, int):
        # "make the second scene shorter": how long it is, and how to say how long it should be
        index = which - 1 if which > 0 else len(lengths) + which
        if not 0 <= index < len(lengths):
            return reply("clip_missing", clips=_numbered(names))
        return reply("clip_length_missing", scene=index + 1, name=_quote_back(names[index]),
                     seconds=_secs(lengths[index]))
    if which in ("each", UNPLACED) and len(lengths) == 1:
        which = 1  # one scene: said as that scene, never "each of the 1 scenes"
    if which == UNPLACED:  # "make the snow scene 3 seconds": which one?
        return reply("clip_which", seconds=_secs(asked), clips=_numbered(names))
    if intent.scenes:
        return _plan_scene_lengths(intent, state, reply)
    if which == "each":
        wanted = [length(n) for n in lengths]
        said: dict[str, Any] = {"scene": 0, "name": ""}
        index = 0
    else:
        if isinstance(which, str):  # a clip by its file name: "cut market.mp4 to 3 seconds"
            index = next((i for i, n in enumerate(names) if n.lower() == which.lower()), -1)
        else:
            assert isinstance(which, int)
            index = which - 1 if which > 0 else len(lengths) + which
        if not 0 <= index < len(lengths):
            return reply("clip_missing", clips=_numbered(names))
        wanted = list(lengths)
        wanted[index] = length(lengths[index])
        said = {"scene": index + 1, "name": _quote_back(names[index])}
    seconds = _secs(wanted[index])
    if wanted == lengths and min(wanted) >= int(lexicon().defaults["min_scene_ms"]):
        return reply("clip_length_same", seconds=seconds, **said)
    refused = _lengths_refused(intent, draft, lengths, wanted, reply)
    if refused is not None:
        return refused
    done = editing.set_clip_lengths(state, wanted)
    if done is None:
        return reply("clip_length_voice", seconds=seconds, **said)
    new, fastest = done
    pct = round((fastest - 1) * 100)
    args = {"clip": which, "duration_ms": wanted[index]}
    steps = _tool("set_clip_duration", args, {"status": "success"}, new)
    total_s = _secs(int(new["draft"]["d"]))
    if which == "each":
        # Scenes of different lengths changed by the same amount are not all one length.
        by = _secs(asked) if change and len(set(wanted)) > 1 else None
        return reply("clip_length_each", "edit", steps, n=len(wanted), seconds=seconds,
                     by=by, longer=change > 0, total=total_s, pct=pct)
    return reply("clip_length", "edit", steps, seconds=seconds, total=total_s, pct=pct, **said)


def _lengths_refused(intent: Intent, draft: dict[str, Any], lengths: list[int],
                     wanted: list[int], reply: Reply) -> Plan | None:
    """Why the scenes cannot have ``wanted`` lengths (one shorter than a scene may be, or a
    video longer or shorter than allowed), or None when they can."""
    shortest = int(lexicon().defaults["min_scene_ms"])
    if min(wanted) < shortest:
        return reply("clip_length_short", min=_secs(shortest))
    total = int(draft["d"]) + sum(wanted) - sum(lengths)
    if not duration_ok(total):
        return duration_refused(dataclasses.replace(intent, kind="duration", duration_ms=total),
                                intent.lang)
    return None


def _numbered(names: list[str]) -> str:
    """The scenes as a reply lists them: "1. “beach”, 2. “city”"."""
    return ", ".join(f"{i + 1}. {_quote_back(n)}" for i, n in enumerate(names))


def _scene_indexes(places: Iterable[int], count: int) -> list[int] | None:
    """0-based indexes of 1-based places (-1 the last) among ``count`` scenes, in order and
    each once; None when one is not there."""
    indexes = [p - 1 if p > 0 else count + p for p in places]
    if any(not 0 <= i < count for i in indexes):
        return None
    return sorted(set(indexes))


def _plan_scene_lengths(intent: Intent, state: dict[str, Any], reply: Reply) -> Plan:
    """Several scenes' lengths at once ("the last two scenes 3 seconds", "the second scene 3
    seconds and the third 4"): each of those scenes, the others as they were."""
    draft = state["draft"]
    lengths = editing.clip_lengths(draft)
    names = editing.clip_names(draft)
    wanted = list(lengths)
    for place, asked, change in intent.scenes:
        found = _scene_indexes((place,), len(lengths))
        if found is None:
            return reply("clip_missing", clips=_numbered(names))
        index = found[0]
        wanted[index] = lengths[index] + change * asked if change else asked
    changed = [i for i in range(len(lengths)) if wanted[i] != lengths[i]]
    asked_of = _scene_indexes((p for p, _, _ in intent.scenes), len(lengths)) or []
    listed = [{"scene": i + 1, "name": _quote_back(names[i]), "seconds": _secs(wanted[i])}
              for i in asked_of]
    if not changed and min(wanted) >= int(lexicon().defaults["min_scene_ms"]):
        return reply("clip_length_some_same", scenes=listed)
    refused = _lengths_refused(intent, draft, lengths, wanted, reply)
    if refused is not None:
        return refused
    done = editing.set_clip_lengths(state, wanted)
    if done is None:
        return reply("clip_length_voice", seconds=_secs(wanted[asked_of[0]]), scene=0, name="")
    new, fastest = done
    steps: list[Step] = []
    for i in asked_of:
        steps += _tool("set_clip_duration", {"clip": i + 1, "duration_ms": wanted[i]},
                       {"status": "success"}, new)
    return reply("clip_length_some", "edit", steps, scenes=listed,
                 others=len(asked_of) < len(lengths), pct=round((fastest - 1) * 100),
                 total=_secs(int(new["draft"]["d"])))


def _plan_weather(intent: Intent, state: dict[str, Any], memory: dict[str, Any],
                  reply: Reply) -> Plan:
    """"The rain stops", "没有雨": the scenes without that weather, or that there is none;
    "make it rain": the scenes with it. The words are remembered with what was said of the
    scenes, so that making the video again keeps the weather asked for."""
    gone = intent.weather
    assert gone is not None
    if isinstance(intent.track, int):
        return _plan_scene_weather(intent, gone, state, memory, reply)
    # A script's sentences are the user's words (spoken, captioned): only a description is
    # told again with its new weather.
    done = weather.clear_scenes(state, gone, retell_desc=not memory.get("script"),
                                lang=intent.lang)
    new, changed, total = done.state, done.changed, done.total
    # What was said of the scenes, kept for making them again: the latest words, bounded.
    said = {k: f"{memory.get(k) or ''}. {intent.text or ''}".strip(". ")[-_SAID_LIMIT:]
            for k in ("setting", "overall")}
    if gone.how == "starts":
        # "make it rain": in every scene, or it was there already.
        if not changed:
            return reply("weather_already", weather=gone.kinds[0], total=total)
        return reply("weather_added", "edit",
                     _tool("set_weather", {"add": gone.kinds[0]}, {"status": "success"}, new,
                           memory={**memory, **said}),
                     weather=gone.kinds[0], n=changed, total=total)
    if gone.how == "lighter":
        if not changed:
            # Drawn at one strength: say so, and what can be done, rather than take it away.
            return reply("weather_lightest" if done.had else "weather_missing",
                         weather=gone.kinds[0])
        return reply("weather_lighter", "edit",
                     _tool("set_weather", {"lighter": list(gone.kinds)}, {"status": "success"},
                           new, memory={**memory, **said}),
                     weather=gone.kinds[0], n=changed, total=total)
    if not changed:
        return reply("weather_missing", weather=gone.kinds[0])
    return reply("weather_removed", "edit",
                 _tool("set_weather", {"remove": list(gone.kinds), "how": gone.how},
                       {"status": "success"}, new, memory={**memory, **said}),
                 weather=gone.kinds[0], n=changed, total=total, stopped=gone.how == "stops")


def _plan_scene_weather(intent: Intent, change: weather.Ended, state: dict[str, Any],
                        memory: dict[str, Any], reply: Reply) -> Plan:
    """"Make the second scene rainy", "第一個場景下雨": that scene only. What was said is not
    remembered for making the video again: it is one scene's, not every scene's."""
    which = intent.track
    assert isinstance(which, int)
    done = weather.change_one(state, change, which, retell_desc=not memory.get("script"),
                              lang=intent.lang)
    if done is None:
        names = ", ".join(f"{i + 1}. {_quote_back(n)}"
                          for i, n in enumerate(editing.clip_names(state["draft"])))
        return reply("clip_missing", clips=names)
    place = which if which > 0 else len(editing.clip_names(state["draft"])) + which + 1
    said = {"weather": change.kinds[0], "how": change.how, "scene": place,
            "name": _quote_back(done.name), "upload": not done.scene}
    if not done.changed:
        return reply("weather_scene", changed=False, **said)
    args = {"clip": which, "add" if change.how == "starts" else "remove": change.kinds[0]}
    return reply("weather_scene", "edit",
                 _tool("set_weather", args, {"status": "success"}, done.state),
                 changed=True, **said)


def _plan_text(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any],
               reply: Reply) -> Plan:
    """Plans of the title and captions."""
    lex = lexicon()
    draft = state["draft"]
    kind = intent.kind
    if kind == "title_set":
        current = editing.track_of(draft, "title")
        if not intent.text and current and current["sg"]:
            # "make the title bigger": a title exists and no new text was given.
            return reply("title_text_missing")
        text = intent.text or memory.get("title") or make_title(
            str(memory.get("prompt") or _first_desc(draft) or ""), lang)
        if current and current["sg"] and current["sg"][0]["m"].get("text") == text:
            return reply("title_same", text=text)
        new, existed = editing.set_title(state, text)
        outcome = "title_change" if existed else "title_add"
        return reply(outcome, "edit", _tool("set_title", {"text": text}, {"status": "success"},
                                            new))
    if kind == "title_remove":
        new, existed = editing.remove_role(state, "title")
        if not existed:
            return reply("title_missing")
        return reply("title_remove", "edit", _tool("remove_track", {"track": "Title"},
                                                   {"status": "success"}, new))
    if kind == "captions_add":
        total = int(draft["d"])
        window = _window(intent.span, total, int(lex.defaults["caption_ms"]))
        if window is None and len(intent.scenes) == 1 and not intent.rename:
            # During the scene named ("add a caption "See you soon!" to the last scene").
            clips = sorted((editing.track_of(draft, "video") or {"sg": []})["sg"],
                           key=lambda sg: sg["s"])
            at = _scene_indexes((intent.scenes[0][0],), len(clips))
            if at is None:
                return reply("clip_missing",
                             clips=_numbered(editing.clip_names(state["draft"])))
            scene = clips[at[0]]
            window = (int(scene["s"]), int(scene["s"]) + int(scene["d"]))
        if window is not None and not 0 <= window[0] < window[1] <= total:
            return reply("captions_range", seconds=_secs(total), start=_secs(window[0]),
                         end=_secs(window[1]))
        texts = intent.texts or ((intent.text,) if intent.text else ())
        if intent.per_sentence and not texts:
            # "Untertitel für jeden Satz": the script's (or the prompt's) sentences, in turn.
            said = [str(s) for s in memory.get("script") or ()] or [
                str(memory.get("prompt") or _first_desc(draft) or "")]
            texts = tuple(t for line in said for t in sentences_of(line))
        existing = editing.track_of(draft, "captions")
        if not texts and window is None and existing and existing["sg"] and not intent.replace:
            return _captions_for_bare_scenes(state, existing, reply)
        if texts and existing and existing["sg"] and not intent.replace:
            shown = {str(sg["m"].get("text", "")) for sg in existing["sg"]}
            if window is None and set(texts) <= shown:
                # Already there: the same state, which ``_honest`` reports as no change.
                return reply("captions_add", "edit", _tool("add_captions", {"texts": list(texts)},
                                                           {"status": "success"}, state))
            # Adding is adding: the new captions join the others (the reply says where).
            new, placed = editing.insert_captions(state, texts, window)
            placed_args = {"texts": list(texts), "start": placed.start / 1000,
                           "end": placed.end / 1000}
            return reply("captions_placed", "edit",
                         _tool("add_captions", placed_args, {"status": "success"}, new),
                         n=len(texts), text=texts[0], start=_secs(placed.start),
                         end=_secs(placed.end), top=placed.top, kept=placed.kept,
                         middle=placed.middle)
        new = editing.add_captions(state, texts, window)
        args: dict[str, Any] = {"texts": list(texts)} if texts else {}
        if window is not None:
            args.update(start=window[0] / 1000, end=window[1] / 1000)
        return reply("captions_add", "edit", _tool("add_captions", args, {"status": "success"},
                                                   new))
    if kind == "captions_remove":
        new, existed = editing.remove_role(state, "captions")
        if not existed:
            return reply("captions_missing")
        return reply("captions_remove", "edit", _tool("remove_track", {"track": "Captions"},
                                                      {"status": "success"}, new))
    return reply("not_understood", message="")


def _caption_items(caps: list[caption_edits.Caption]) -> list[dict[str, Any]]:
    return [{"text": c.text, "start": _secs(c.start), "end": _secs(c.end)} for c in caps]


def _plan_one_caption(intent: Intent, state: dict[str, Any], reply: Reply, message: str
                      ) -> Plan | None:
    """A caption the message names by its text (or the only one) changed, moved in time or
    removed, the others left as they were; None when the message means all of them."""
    draft = state["draft"]
    caps = caption_edits.captions(draft)
    new_texts = intent.texts or ((intent.text,) if intent.text else ())
    if intent.kind == "captions_remove":
        hit = caption_edits.named(draft, message)
        # "remove the second caption", "remove captions 1 and 3": those, in time order (main
        # removed them all).
        places = ((intent.track,) if isinstance(intent.track, int)
                  else tuple(place for place, _, _ in intent.scenes))
        if not hit and places and caps:
            at = _scene_indexes(places, len(caps))
            if at is None:
                return reply("caption_which", items=_caption_items(caps))
            hit = [caps[k] for k in at]
        if not hit and intent.text and caps:
            return reply("caption_not_found", text=intent.text, items=_caption_items(caps))
        if not hit:
            return None
        gone = {c.sid for c in hit}
        new = caption_edits.remove(state, gone)
        return reply("captions_removed_named", "edit",
                     _tool("remove_captions", {"texts": [c.text for c in hit]},
                           {"status": "success"}, new),
                     items=_caption_items(hit), kept=len(caps) - len(hit))
    if not caps:
        return reply("caption_none_to_edit") if intent.kind == "captions_move" else None
    total = int(draft["d"])
    window = _window(intent.span, total, int(lexicon().defaults["caption_ms"]))
    if intent.kind == "captions_move":
        assert window is not None
        if not 0 <= window[0] < window[1] <= total:
            return reply("captions_range", seconds=_secs(total), start=_secs(window[0]),
                         end=_secs(window[1]))
        hit = caption_edits.named(draft, message)
        target = hit[0] if hit else caps[0] if len(caps) == 1 else None
        if target is None:
            return reply("caption_which", items=_caption_items(caps))
        # Already there: the same state, which ``_honest`` reports as no change.
        new = (state if (target.start, target.end) == window
               else caption_edits.move(state, target.sid, window))
        return reply("caption_moved", "edit",
                     _tool("move_caption", {"text": target.text, "start": window[0] / 1000,
                                            "end": window[1] / 1000},
                           {"status": "success"}, new),
                     text=target.text, old_start=_secs(target.start), old_end=_secs(target.end),
                     start=_secs(window[0]), end=_secs(window[1]))
    # A new text for one caption: "change the caption "A" to "B"", "자막을 "X"로 바꿔줘".
    if len(new_texts) == 2 and (old := [c for c in caps if c.text == new_texts[0]]):
        target, text = old[0], new_texts[1]
    elif len(new_texts) == 1:
        text = new_texts[0]
        if isinstance(intent.track, int):
            # "change the second caption to …": that one, in time order.
            at = _scene_indexes((intent.track,), len(caps))
            if at is None:
                return reply("caption_which", items=_caption_items(caps))
            target = caps[at[0]]
        else:
            hit = caption_edits.named(draft, message, exclude=(text,))
            during = [c for c in caps if window is not None and c.start < window[1]
                      and window[0] < c.end]
            target = (hit[0] if hit else during[0] if len(during) == 1
                      else caps[0] if len(caps) == 1 else None)
            if target is None:
                return None
    else:
        return None
    if target.text == text:
        return reply("caption_same", text=text)
    new = caption_edits.rename(state, target.sid, text)
    return reply("caption_changed", "edit",
                 _tool("set_caption_text", {"old": target.text, "text": text},
                       {"status": "success"}, new),
                 old=target.text, new=text, start=_secs(target.start), end=_secs(target.end))


def _captions_for_bare_scenes(state: dict[str, Any], existing: dict[str, Any], reply: Reply
                              ) -> Plan:
    """"Add captions" where there are some: the scenes without one get theirs (their
    description); the captions there stay. Nothing to add is no change."""
    shown = [(int(sg["s"]), int(sg["s"]) + int(sg["d"])) for sg in existing["sg"]]
    video = editing.track_of(state["draft"], "video")
    bare = [sg for sg in (video or {"sg": []})["sg"]
            if not any(a < sg["s"] + sg["d"] and sg["s"] < b for a, b in shown)
            and (sg["m"].get("desc") or sg["m"].get("name"))]
    new = state
    for sg in bare:
        text = str(sg["m"].get("desc") or sg["m"].get("name"))
        new, _ = editing.insert_captions(new, [text], (int(sg["s"]), int(sg["s"]) + int(sg["d"])))
    if not bare:
        # Every scene has its caption: say how many there are, and what can be asked instead.
        voiced = any(not sg["m"].get("added") and sg["m"].get("words") for sg in existing["sg"])
        return reply("captions_already", n=len(shown), voiced=voiced)
    args = {"texts": [str(sg["m"].get("desc") or sg["m"].get("name")) for sg in bare]}
    steps = _tool("add_captions", args, {"status": "success"}, new)
    return reply("captions_placed", "edit", steps, n=len(bare), text=args["texts"][0],
                 start=_secs(int(bare[0]["s"])), end=_secs(int(bare[-1]["s"] + bare[-1]["d"])),
                 top=False, kept=len(shown), middle=False)


def _plan_clip_remove(intent: Intent, lang: str, state: dict[str, Any], reply: Reply) -> Plan:
    if intent.scenes:
        return _plan_scenes_remove(intent, state, reply)
    which = intent.track if isinstance(intent.track, int | str) else 0
    found = editing.remove_clip(state, which)
    if found is None:
        return reply("clip_missing", clips=_numbered(editing.clip_names(state["draft"])))
    new, name, start, end = found
    return reply("clip_remove", "edit", _tool("remove_clip", {"clip": which},
                                              {"status": "success"}, new),
                 name=_quote_back(name), start=_secs(start), end=_secs(end),
                 seconds=_secs(int(new["draft"].get("d") or 0)))


def _plan_scenes_remove(intent: Intent, state: dict[str, Any], reply: Reply) -> Plan:
    """"Delete the last two scenes": those scenes, the later ones moved up; never all."""
    names = editing.clip_names(state["draft"])
    indexes = _scene_indexes((p for p, _, _ in intent.scenes), len(names))
    if indexes is None:
        return reply("clip_missing", clips=_numbered(names))
    if len(indexes) >= len(names):
        return reply("clips_remove_all")
    new = state
    steps: list[Step] = []
    # From the last, so that the places of the ones still to go do not move.
    for index in reversed(indexes):
        found = editing.remove_clip(new, index + 1)
        assert found is not None  # the index was checked against the scenes above
        new = found[0]
        steps += _tool("remove_clip", {"clip": index + 1}, {"status": "success"}, new)
    listed = [{"scene": i + 1, "name": _quote_back(names[i])} for i in indexes]
    return reply("clips_remove", "edit", steps, scenes=listed,
                 seconds=_secs(int(new["draft"].get("d") or 0)))


def _plan_clip_move(move: SceneMove, state: dict[str, Any], reply: Reply) -> Plan:
    """"Move the last scene to the start", "swap the first and second scenes": the scenes in
    their new order, each with what plays over it alone; a scene not there is answered as a
    removal's is, and a move that leaves the order as it was says nothing changed."""
    names = editing.clip_names(state["draft"])
    if not move.place:
        return reply("clip_move_which", to=move.to, clips=_numbered(names))
    places = (move.place,) if move.to in ("start", "end") else (move.place, move.other)
    found: list[int] = []
    for place in places:
        at = _scene_indexes((place,), len(names))
        if at is None:
            return reply("clip_missing", clips=_numbered(names))
        found.append(at[0])
    index, other = found[0], found[-1]
    order = list(range(len(names)))
    if move.to == "swap":
        order[index], order[other] = order[other], order[index]
    elif index != other or move.to in ("start", "end"):
        order.remove(index)
        put = 0 if move.to == "start" else len(order) if move.to == "end" else \
            order.index(other) + (move.to == "after")
        order.insert(put, index)
    # "move scene 2 before scene 2": the same scene twice, whatever the side.
    said = {"name": _quote_back(names[index]), "other": _quote_back(names[other]),
            "to": "swap" if index == other and move.to not in ("start", "end") else move.to}
    if order == sorted(order):
        return reply("clip_move_same", **said)
    new, carried = editing.reorder_clips(state, order)
    outcome = "clip_swap" if move.to == "swap" else "clip_move"
    return reply(outcome, "edit", _tool("move_clip", {"clip": index + 1,
                                                      "to": order.index(index) + 1},
                                        {"status": "success"}, new),
                 order=[_quote_back(names[k]) for k in order],
                 seconds=_secs(int(new["draft"].get("d") or 0)),
                 carried="narration" if "narration" in carried
                 else "captions" if "captions" in carried else "", **said)


def _quote_back(message: str) -> str:
    text = " ".join(message.split())
    if len(text) <= 60:
        return text
    cut = text[:57]
    # Never mid-word ("kids running ar…"): back to the last space when there is one near.
    if text[57:58].isalnum() and " " in cut[30:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _window(span: Span | None, total: int, default_ms: int) -> tuple[int, int] | None:
    """``span`` as (start, end) ms on a video of ``total`` ms (None: the whole video)."""
    if span is None:
        return None
    if span.kind == "range":
        return span.a, int(span.b if span.b is not None else total)
    if span.kind == "last":
        return max(0, total - span.a), total
    if span.kind == "first":
        return 0, min(total, span.a)
    return span.a, min(total, span.a + default_ms) if span.a < total else span.a + default_ms


def duration_ok(ms: int) -> bool:
    d = lexicon().defaults
    return int(d["min_duration_ms"]) <= ms <= int(d["max_duration_ms"])


def duration_refused(intent: Intent, lang: str) -> Plan:
    d = lexicon().defaults
    asked = int(intent.duration_ms or 0)
    seconds = asked / 1000
    text = lexicon().say("duration_range", lang, asked=_asked(seconds, lang),
                         min=_secs(int(d["min_duration_ms"])),
                         max=_secs(int(d["max_duration_ms"])),
                         max_min=_secs(int(d["max_duration_ms"]) // 60))
    return Plan(intent, lang, "none", "duration_range", (Say(text),))


def _asked(seconds: float, lang: str) -> str:
    lex = lexicon()
    if seconds >= 3600:
        return lex.say("asked_hours", lang, n=seconds / 3600)
    if seconds >= 60:
        return lex.say("asked_minutes", lang, n=seconds / 60)
    return lex.say("asked_seconds", lang, n=float(seconds))


def _plan_song(intent: Intent, lang: str, state: dict[str, Any], reply: Reply) -> Plan:
    found = editing.use_song(state)
    if found is None:
        return reply("song_missing")
    new, name, replaced = found
    if new == state:
        return reply("song_already", name=name)
    meta = editing.track_of(new["draft"], "bgm")["sg"][0]["m"]  # type: ignore[index]
    return reply("song_music", "edit", _tool("use_song_as_music", {"name": name},
                                             {"status": "success"}, new),
                 name=name, replaced=replaced, vol=round(float(meta.get("vol", 1.0)) * 100))


def _plan_look(intent: Intent, lang: str, state: dict[str, Any], reply: Reply) -> Plan:
    """Black and white, sepia, warmer, cooler, brighter, darker: one look over the whole
    picture, uploaded clips included (the renderer draws it); "none" takes it away."""
    names = lexicon().lang(lang).look_names
    before = state["draft"].get("look")
    wanted = None if intent.look == "none" else intent.look
    if wanted == before:
        return reply("look_missing") if wanted is None else reply("look_same",
                                                                  name=names[wanted])
    new = copy.deepcopy(state)
    _set_look(new["draft"], wanted)
    steps = _tool("set_look", {"look": wanted or "none"}, {"status": "success"}, new)
    was = names.get(str(before)) if before else None
    if wanted is None:
        return reply("look_none", "edit", steps, before=was)
    # "uploaded clips included" only where there are uploaded clips to include.
    return reply("look_set", "edit", steps, name=names[wanted], before=was,
                 clips=bool(_uploaded_media(new)))


def _set_look(draft: dict[str, Any], look: str | None) -> None:
    if look is None:
        draft.pop("look", None)
    else:
        draft["look"] = look


def _first_desc(draft: dict[str, Any]) -> str | None:
    track = editing.track_of(draft, "video")
    if not track or not track["sg"]:
        return None
    m = track["sg"][0]["m"]
    return str(m.get("desc") or m.get("name") or "")


def _plan_ratio(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any]
                ) -> Plan:
    lex = lexicon()
    draft = state["draft"]
    ratio = intent.ratio
    if ratio not in CANVAS_BY_RATIO:
        return Plan(intent, lang, "none", "ratio_unsupported",
                    (Say(lex.say("ratio_unsupported", lang)),))
    w, h = CANVAS_BY_RATIO[ratio]
    if ratio == draft.get("ratio"):
        return Plan(intent, lang, "none", "ratio_same",
                    (Say(lex.say("ratio_same", lang, ratio=ratio, w=w, h=h)),))
    new = editing.set_canvas(state, ratio)
    if not int(draft.get("d") or 0):
        steps: list[Step] = [*_tool("set_canvas", {"ratio": ratio}, {"status": "success"}, new),
                             Say(lex.say("ratio_set_next", lang, ratio=ratio, w=w, h=h))]
        return Plan(intent, lang, "none", "ratio_set_next", tuple(steps))
    video = editing.track_of(new["draft"], "video")
    scenes = [sg for sg in (video or {"sg": []})["sg"] if sg["m"].get("kind") == "scene"]
    if not scenes:
        steps = [*_tool("set_canvas", {"ratio": ratio}, {"status": "success"}, new),
                 Say(lex.say("ratio_canvas", lang, ratio=ratio, w=w, h=h))]
        return Plan(intent, lang, "edit", "ratio_canvas", tuple(steps))
    # Generated scenes are composed for one frame shape: the honest path, as the cloud says,
    # is to regenerate them (a new generation, charged as one) and keep the other tracks.
    generation = int(memory.get("generation", 0)) + 1
    for sg in scenes:
        sg["m"]["seed"] = (int(sg["m"].get("seed", 0)) * 31 + generation) % (2**31)
    new_memory = {**memory, "generation": generation, "ratio": ratio}
    new["generated_media"] = [*new.get("generated_media", []), _generated_entry(
        new, str(memory.get("prompt") or _first_desc(draft) or ""), len(scenes), generation)]
    steps = [*_tool("regenerate_scenes", {"ratio": ratio, "scenes": len(scenes)},
                    {"status": "success", "width": w, "height": h}, new, work="stage",
                    memory=new_memory),
             Say(lex.say("ratio_regenerate", lang, ratio=ratio, w=w, h=h))]
    return Plan(intent, lang, "generation", "ratio_regenerate", tuple(steps))


def _generated_entry(state: dict[str, Any], prompt: str, scenes: int, generation: int
                     ) -> dict[str, Any]:
    draft = state["draft"]
    return {"id": f"gen_{generation}", "type": "video", "prompt": prompt, "scenes": scenes,
            "duration": int(draft.get("d") or 0) / 1000, "ratio": draft.get("ratio"),
            "width": draft.get("w"), "height": draft.get("h")}


def _said(intent: Intent, memory: dict[str, Any], name: Literal["setting", "overall"]) -> str:
    """What the message said of the scenes besides its subject or script, ``Intent.setting``
    or ``Intent.overall``; made again, what the first message said (remembered)."""
    if intent.kind == "regenerate":
        return str(memory.get(name) or "")
    return str(getattr(intent, name))


def _style_of_mood(mood: str | None) -> str | None:
    """The style a prompt that names only its music's mood asks for ("with cheerful music" is
    an upbeat video, not a calm one playing upbeat music): the style of that name, else the
    first whose music it is; None for a mood no style has (sad, romantic)."""
    styles = lexicon().styles
    if mood is None:
        return None
    if mood in styles:
        return mood
    return next((name for name, style in styles.items() if style.mood == mood), None)


def _lively_style(intent: Intent, prompt: str, script: tuple[str, ...]) -> str | None:
    """"upbeat" for a video of something lively that names no style or mood (a birthday
    party, samba, 熱鬧一點的感覺): made calm, it would not be what was asked for."""
    text = " ".join((prompt, intent.setting, intent.overall, *script))
    return "upbeat" if is_lively(text) else None


def _scenes_of(intent: Intent, memory: dict[str, Any], *, script: tuple[str, ...],
               prompt: str, duration: int, lang: str) -> tuple[list[str], list[str]]:
    """Each scene's description and camera direction: a script's sentences (their directions
    taken out, ``Intent.shots``), or the prompt shot several ways. The direction is never
    part of the description: captions, narration, titles and labels show what the scene
    shows ("city at night", not "city at night — wide shot")."""
    d = lexicon().defaults
    if script:
        given = memory.get("shots") if intent.kind == "regenerate" else intent.shots
        descs = list(script[: int(d["max_scenes"])])
        known = [str(s) for s in given or ()]
        return descs, [known[i] if i < len(known) else "" for i in range(len(descs))]
    count = max(1, min(6, math.ceil(duration / int(d["scene_ms"]))))
    shots = lexicon().lang(lexicon().detect(prompt, lang)).shots
    return [prompt] * count, ["" if count == 1 else shots[i % len(shots)] for i in range(count)]


def _titled(state: dict[str, Any], title: str, look: styling.Ask | None,
            memory: dict[str, Any], lang: str) -> tuple[dict[str, Any], str]:
    """A new video's ``state`` with its title, looking as asked ("… titled Morning in yellow
    at the top"), and what the look's reply says ("" when none was asked)."""
    if not title:
        return state, ""
    state, _ = editing.set_title(state, title)
    if look is None:
        return state, ""
    done = styling.apply(look, state, memory, lang)
    return done.state or state, done.text


def _plan_generation(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any]
                     ) -> Plan:
    lex = lexicon()
    d = lex.defaults
    # Settings said before the subject ("30 seconds, captions for each sentence").
    settings = kept.remembered(memory) if intent.kind == "generate" else {}
    intent = kept.applied(intent, settings)
    if intent.duration_ms is not None and not duration_ok(intent.duration_ms):
        return duration_refused(intent, lang)
    if intent.kind == "regenerate":
        if not memory.get("prompt"):
            return Plan(intent, lang, "none", "needs_video", (Say(lex.say("needs_video", lang)),))
        script = tuple(memory.get("script") or ())
        prompt = str(memory["prompt"])
        style = intent.style or str(memory.get("style") or lex.default_style)
        mood = intent.mood or str(memory.get("mood") or lex.styles[style].mood)
        title = str(memory["title"] if script and "title" in memory
                    else memory.get("title") or make_title(prompt, lang))
        duration = intent.duration_ms or int(memory.get("duration_ms") or d["prompt_duration_ms"])
    else:
        script = intent.script
        prompt = intent.prompt or ""
        if not script and intent.uploads and _uploaded_media(state):
            return _plan_from_uploads(intent, lang, state)
        if not script and not prompt:
            missing = _without_subject(intent, lang, state, memory)
            if missing is not None:
                return missing
            # "…from my text prompt with cinematic style": the subject given before.
            prompt = str(memory["prompt"])
        style = (intent.style or _style_of_mood(intent.mood)
                 or _lively_style(intent, prompt, script) or lex.default_style)
        mood = intent.mood or lex.styles[style].mood
        # A script's sentences are its captions: a title made from its first sentence
        # would put the same words on screen twice at the start (a viewer reads them
        # twice), so a script has a title only when the user names one.
        title = intent.title or ("" if script else make_title(prompt, lex.detect(prompt, lang)))
        default = int(d["script_scene_ms"]) * len(script) if script else int(
            d["prompt_duration_ms"])
        duration = intent.duration_ms or default
    # The voice-over asked for (or, regenerating, the one the video had).
    voice = styling.remembered(memory) if intent.kind == "regenerate" else intent.ask
    ratio = intent.ratio or str(state["draft"].get("ratio") or "16:9")
    if ratio not in CANVAS_BY_RATIO:
        return Plan(intent, lang, "none", "ratio_unsupported",
                    (Say(lex.say("ratio_unsupported", lang)),))
    descs, shots = _scenes_of(intent, memory, script=script, prompt=prompt, duration=duration,
                              lang=lang)
    generation = int(memory.get("generation", 0)) + 1

    raw = editing.set_canvas(state, ratio)
    scene_text = f"{prompt} {_said(intent, memory, 'setting')}".strip()
    raw["draft"].update(t=[{"id": "trk_video", "tt": 0, "n": "Video",
                            "sg": editing.scene_track(descs, duration, style=style,
                                                      palette_text=scene_text,
                                                      overall=(_said(intent, memory, "overall")
                                                               if script else scene_text),
                                                      generation=generation,
                                                      shots=shots)}], d=duration)
    _set_look(raw["draft"], intent.look)  # a new video starts in its own colours unless asked
    raw["generated_media"] = [*copy.deepcopy(state.get("generated_media", [])),
                              _generated_entry(raw, prompt, len(descs), generation)]
    new_memory = {"prompt": prompt, "script": list(script),
                  "setting": _said(intent, memory, "setting"),
                  "overall": _said(intent, memory, "overall"), "shots": shots,
                  "style": style, "mood": mood,
                  "title": title, "duration_ms": duration, "ratio": ratio,
                  "generation": generation, **styling.remember(voice)}
    final, song = _with_music(raw, mood, state, song=intent.song)
    final, looked = _titled(final, title, intent.title_look, new_memory, lang)
    final, voice_note = _read_aloud(final, script, intent, lang, prompt, voice=voice)
    final = kept.with_captions(final, {**settings, "captions": intent.captions}
                               if intent.captions else settings, prompt)
    w, h = CANVAS_BY_RATIO[ratio]
    # Narration may have fitted the scenes to the spoken sentences: say the final length.
    seconds = _secs(int(final["draft"].get("d") or duration))
    count, summary = editing.summarize(final["draft"], lang)
    subject = _quote_back(script[0] if script else prompt)
    # A script read aloud is said as such: the user hears a voice they should have been told of.
    narrated = (bool(script) and not _own_words(script, voice)
                and any(editing.is_narration(t) for t in final["draft"].get("t", [])))
    stage1 = _call_id()
    stage2 = _call_id()
    steps: list[Step] = [
        # A title the user gave is named back at once: it was understood as the title.
        Say(lex.say("generate_start", lang, seconds=seconds, ratio=ratio, subject=subject,
                    style=lex.label("styles", style, lang), title=title,
                    given=intent.kind == "generate" and bool(intent.title),
                    own_words=_own_words(script, voice), narrated=narrated)),
        Call(stage1, "generate_video", {"prompt": prompt, "duration": duration / 1000,
                                        "aspect_ratio": ratio, "style": style,
                                        "scenes": len(descs)}),
        Work("stage"),
        Result(stage1, "generate_video", {"status": "success", "scenes": len(descs),
                                          "duration": duration / 1000, "width": w, "height": h},
               raw, new_memory),
        Say(lex.say("generate_raw_ready", lang, scenes=len(descs), seconds=seconds, w=w, h=h,
                    title=title)),
        Call(stage2, "add_music_and_title", {"mood": mood, "title": title,
                                              "captions": bool(script)}),
        Work("stage"),
        Result(stage2, "add_music_and_title",
               {"status": "success", "bgm": song or lex.moods[mood].title, "title": title},
               final),
        Say(lex.say("generate_done", lang, count=count, summary=summary, title=title,
                    captioned=bool(editing.track_of(final["draft"], "captions")),
                    narrated=narrated)),
        *([Say(looked)] if looked else []),
        *([Say(lex.say("settings_applied", lang, items=kept.described(settings, lang)))]
          if settings else []),
        *([Say(unseen)] if (unseen := _unseen_note(final["draft"], lang)) else []),
        *([Say(_song_note(final, song, lang))] if intent.song else []),
        *([Say(voice_note)] if voice_note else []),
    ]
    return Plan(intent, lang, "generation", "generate_done", tuple(steps))


def _unseen_note(draft: dict[str, Any], lang: str) -> str | None:
    """One line naming what the scenes' sentences ask for that no drawing shows (a castle,
    a horse), in ``lang``; None when every named thing is in the picture."""
    track = editing.track_of(draft, "video")
    keys = [str(k) for sg in (track or {"sg": []})["sg"]
            for k in (sg["m"].get("scene") or {}).get("unseen", ())]
    code = lexicon().lang(lang).code
    things = unseen_labels(keys, code)
    return lexicon().say("scene_unseen", lang, things=things) if things else None


def _with_music(raw: dict[str, Any], mood: str, state: dict[str, Any], *, song: bool
                ) -> tuple[dict[str, Any], str | None]:
    """A new video's music: generated for ``mood``, or the user's song when asked for."""
    final, _ = editing.set_bgm(raw, mood)
    return _with_song(final, state) if song else (final, None)


def _with_song(final: dict[str, Any], state: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``final`` with the user's song (the last uploaded audio of ``state``, or the song
    that already was its music) as the music in place of the generated track; the song's
    name, or None when the project has no song (the generated music stays)."""
    before = state["draft"]
    audio = editing.track_of(before, "audio")
    bgm = editing.track_of(before, "bgm")
    if audio and audio["sg"]:
        song = audio["sg"][-1]
    elif bgm and bgm["sg"] and bgm["sg"][0]["m"].get("media_id"):
        song = bgm["sg"][0]
    else:
        return final, None
    with_audio = copy.deepcopy(final)
    tid, tt, name = editing.ROLE_NAMES["audio"]
    with_audio["draft"]["t"].append({"id": tid, "tt": tt, "n": name,
                                     "sg": [copy.deepcopy(song)]})
    found = editing.use_song(with_audio)
    if found is None:
        return final, None
    new = found[0]
    new["draft"]["t"] = [t for t in new["draft"]["t"] if t["sg"] or t.get("id") != tid]
    return new, found[1]


def _song_note(final: dict[str, Any], song: str | None, lang: str) -> str:
    """What the reply says of the song asked for as a new video's music."""
    if song is None:
        return lexicon().say("song_missing", lang)
    meta = editing.track_of(final["draft"], "bgm")["sg"][0]["m"]  # type: ignore[index]
    return lexicon().say("song_music", lang, name=song, replaced=None,
                         vol=round(float(meta.get("vol", 1.0)) * 100))


def _read_aloud(final: dict[str, Any], script: tuple[str, ...], intent: Intent, lang: str,
                prompt: str, *, voice: styling.Ask | None
                ) -> tuple[dict[str, Any], str | None]:
    """A script is meant to be read: each scene carries its sentence as a caption, and it is
    narrated, with scenes and captions following the spoken sentences. A description is
    narrated when the prompt asks for a voice-over. Returns the state and the note to add to
    the reply (what is narrated, no voice for the language, narration off), if any."""
    variant = voice.variant if voice is not None else None
    if not script:
        if voice is None or voice.voice != "on":
            return final, None
        # The words the prompt gave the voice-over ("… saying: Welcome"), else its subject.
        return styling.voice_over(final, voice.words or prompt, lang, variant)
    if _own_words(script, voice) and voice is not None and voice.words:
        # The words the user gave the voice in place of the script's: they are what it says.
        return styling.voice_over(final, voice.words, lang, variant)
    final = editing.add_captions(final)
    if voice is not None and voice.voice == "off":
        return final, None  # "no voice-over": the captions, read at the viewer's pace
    return narrate_script(final, script, language_of(" ".join(script)), reply_lang=lang,
                          request=intent.text or "", duration_ms=intent.duration_ms,
                          variant=variant)


def _own_words(script: tuple[str, ...], voice: styling.Ask | None) -> bool:
    """Whether a script's video is narrated with words the user gave in place of it."""
    return bool(script) and voice is not None and voice.voice == "on" and bool(voice.words)


def _uploaded_media(state: dict[str, Any]) -> list[dict[str, Any]]:
    video = editing.track_of(state["draft"], "video")
    return [sg for sg in (video or {"sg": []})["sg"] if sg["m"].get("kind") == "media"]


def _plan_from_uploads(intent: Intent, lang: str, state: dict[str, Any]) -> Plan:
    """"Make a 12-second video using my clip": the uploads are the video; the length asked
    for is applied to them, and music is added when there is none."""
    lex = lexicon()
    new = state
    steps: list[Step] = []
    target = intent.duration_ms
    if target is not None and target != int(new["draft"].get("d") or 0):
        new = editing.scale_duration(new, target)
        steps += _tool("set_duration", {"duration_ms": target}, {"status": "success"}, new)
    if editing.track_of(new["draft"], "bgm") is None and editing.track_of(
            new["draft"], "audio") is None:
        mood = intent.mood or lex.styles[intent.style or lex.default_style].mood
        new, _ = editing.set_bgm(new, mood)
        steps += _tool("add_music", {"mood": mood}, {"status": "success"}, new)
    if intent.title:
        new, _ = editing.set_title(new, intent.title)
        steps += _tool("set_title", {"text": intent.title}, {"status": "success"}, new)
    draft = new["draft"]
    _, summary = editing.summarize(draft, lang)
    outcome = "uploads_video" if steps else "uploads_added"
    steps.append(Say(lex.say(outcome, lang, seconds=_secs(int(draft.get("d") or 0)),
                             summary=summary)))
    return Plan(intent, lang, "edit" if len(steps) > 1 else "none", outcome, tuple(steps))


def _without_subject(intent: Intent, lang: str, state: dict[str, Any],
                     memory: dict[str, Any]) -> Plan | None:
    """A generation request that names nothing to show: a fresh start, a request for the
    missing script or subject; None when the subject given before applies."""
    lex = lexicon()
    if intent.fresh:
        return _plan_fresh(intent, lang, state, memory)
    if intent.script_missing:
        return Plan(intent, lang, "none", "script_missing",
                    (Say(lex.say("script_missing", lang)),))
    if not memory.get("prompt"):
        return Plan(intent, lang, "none", "needs_subject", (Say(lex.say("needs_subject", lang)),))
    return None


def _plan_fresh(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any]
                ) -> Plan:
    """"Start over" / "new video" with nothing to make yet: an empty timeline (the canvas
    and the uploaded files stay available), and the agent forgets the old video's subject."""
    lex = lexicon()
    new = copy.deepcopy(state)
    new["draft"]["t"] = []
    new["draft"]["d"] = 0
    fresh_memory = {"generation": int(memory.get("generation", 0))}
    steps: list[Step] = []
    if new != state:
        steps += _tool("new_video", {}, {"status": "success"}, new, memory=fresh_memory)
    steps.append(Say(lex.say("new_video", lang)))
    return Plan(intent, lang, "none", "new_video", tuple(steps))
