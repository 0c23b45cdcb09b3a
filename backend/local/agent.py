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
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from backend.draft import CANVAS_BY_RATIO
from backend.local import editing
from backend.local.intents import Intent, parse
from backend.local.lexicon import is_chinese, lexicon
from backend.local.narration import language_of
from backend.local.narration.timeline import narrate_script

__all__ = ["Call", "Charge", "Plan", "Result", "Say", "Step", "Work", "plan_turn"]

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


Step = Say | Call | Result | Work


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


def _secs(ms: int) -> str:
    value = ms / 1000
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _language(message: str, session_language: str) -> str:
    if is_chinese(message):
        return "zh"
    if not any(c.isalpha() for c in message) and session_language.lower().startswith("zh"):
        return "zh"
    return "en"


def _auto_title(text: str, lang: str) -> str:
    text = text.strip()
    if lang == "zh" or is_chinese(text):
        cut = "".join(ch for ch in text if ch not in "，。！？、；：,.!?;: ")
        return cut[:8] or "我的视频"
    words = [w.strip(".,!?;:") for w in text.split()][:4]
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "My Video"


def _tool(name: str, args: dict[str, Any], response: dict[str, Any], state: dict[str, Any] | None,
          *, work: Literal["stage", "edit"] = "edit", memory: dict[str, Any] | None = None
          ) -> list[Step]:
    cid = _call_id()
    return [Call(cid, name, args), Work(work), Result(cid, name, response, state, memory)]


def plan_turn(message: str, state: dict[str, Any], memory: dict[str, Any], *,
              session_language: str = "en") -> Plan:
    """Decide what to do with ``message`` on a session whose state is ``state``.

    ``memory`` is what the agent remembered of earlier turns (the last generation's prompt,
    script, style and title). Never raises for user text: anything not understood gets help.
    """
    draft = state["draft"]
    has_video = editing.has_scenes(state)
    intent = parse(message, has_video=has_video)
    lang = _language(message, session_language)
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
    if kind in ("generate", "regenerate"):
        return _plan_generation(intent, lang, state, memory)
    if kind == "question":
        count, summary = editing.summarize(draft, lang)
        canvas = {"w": draft.get("w"), "h": draft.get("h"), "ratio": draft.get("ratio")}
        if not count:
            return reply("answer_empty", **canvas)
        return reply("answer", count=count, summary=summary, seconds=_secs(int(draft["d"])),
                     **canvas)
    if kind == "help":
        return reply("help")
    if kind == "ratio":
        return _plan_ratio(intent, lang, state, memory)
    if not int(draft.get("d") or 0):
        return reply("needs_video")

    return _plan_edit(intent, lang, state, memory, reply)


Reply = Callable[..., Plan]


def _plan_edit(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any],
               reply: Reply) -> Plan:
    """Plans of the edits proper (a video exists): titles, captions, music, duration, tracks."""
    lex = lexicon()
    draft = state["draft"]
    kind = intent.kind
    if kind == "title_set":
        text = intent.text or memory.get("title") or _auto_title(
            str(memory.get("prompt") or _first_desc(draft) or ""), lang)
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
        new = editing.add_captions(state, intent.text)
        return reply("captions_add", "edit", _tool(
            "add_captions", {"text": intent.text} if intent.text else {}, {"status": "success"},
            new))
    if kind == "captions_remove":
        new, existed = editing.remove_role(state, "captions")
        if not existed:
            return reply("captions_missing")
        return reply("captions_remove", "edit", _tool("remove_track", {"track": "Captions"},
                                                      {"status": "success"}, new))
    if kind == "bgm_set":
        mood = intent.mood or str(memory.get("mood") or "calm")
        new, existed = editing.set_bgm(state, mood)
        meta = editing.track_of(new["draft"], "bgm")["sg"][0]["m"]  # type: ignore[index]
        return reply("bgm_change" if existed else "bgm_add", "edit",
                     _tool("add_music", {"mood": mood}, {"status": "success", "name": meta["name"]},
                           new),
                     name=meta["name"], mood=lex.label("moods", mood, lang),
                     vol=round(meta["vol"] * 100))
    if kind == "bgm_remove":
        new, existed = editing.remove_role(state, "bgm")
        if not existed:
            return reply("bgm_missing")
        return reply("bgm_remove", "edit", _tool("remove_track", {"track": "BGM"},
                                                 {"status": "success"}, new))
    if kind == "volume":
        new, meta = editing.set_volume(state, volume=intent.volume, step=intent.volume_step)
        if meta is None:
            return reply("bgm_missing")
        return reply("volume", "edit", _tool("set_volume", {"volume": meta["vol"]},
                                             {"status": "success"}, new),
                     name=meta["name"], vol=round(meta["vol"] * 100))
    if kind == "duration":
        if intent.duration_ms is None:
            return reply("duration_missing")
        target = _clamp_duration(intent.duration_ms)
        if target == int(draft["d"]):
            return reply("duration_same", seconds=_secs(target))
        new = editing.scale_duration(state, target)
        return reply("duration", "edit", _tool("set_duration", {"duration_ms": target},
                                               {"status": "success"}, new),
                     seconds=_secs(target))
    if kind == "track_remove":
        if intent.track == "video":
            new, existed = editing.remove_role(state, "video")
            name: str | None = "Video" if existed else None
        else:
            new, name = editing.remove_track_index(state, int(intent.track or 0))
        if name is None:
            _, summary = editing.summarize(draft, lang)
            return reply("track_missing", summary=summary)
        return reply("track_remove", "edit", _tool("remove_track", {"track": name},
                                                   {"status": "success"}, new), name=name)
    return reply("help")


def _first_desc(draft: dict[str, Any]) -> str | None:
    track = editing.track_of(draft, "video")
    if not track or not track["sg"]:
        return None
    m = track["sg"][0]["m"]
    return str(m.get("desc") or m.get("name") or "")


def _clamp_duration(ms: int) -> int:
    d = lexicon().defaults
    return max(int(d["min_duration_ms"]), min(int(d["max_duration_ms"]), ms))


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


def _plan_generation(intent: Intent, lang: str, state: dict[str, Any], memory: dict[str, Any]
                     ) -> Plan:
    lex = lexicon()
    d = lex.defaults
    if intent.kind == "regenerate":
        if not memory.get("prompt"):
            return Plan(intent, lang, "none", "needs_video", (Say(lex.say("needs_video", lang)),))
        script = tuple(memory.get("script") or ())
        prompt = str(memory["prompt"])
        style = intent.style or str(memory.get("style") or lex.default_style)
        mood = intent.mood or str(memory.get("mood") or lex.styles[style].mood)
        title = str(memory.get("title") or _auto_title(prompt, lang))
        duration = intent.duration_ms or int(memory.get("duration_ms") or d["prompt_duration_ms"])
    else:
        script = intent.script
        prompt = intent.prompt or ""
        style = intent.style or lex.default_style
        mood = intent.mood or lex.styles[style].mood
        title = intent.title or _auto_title(script[0] if script else prompt, lang)
        default = int(d["script_scene_ms"]) * len(script) if script else int(
            d["prompt_duration_ms"])
        duration = intent.duration_ms or default
    ratio = intent.ratio or str(state["draft"].get("ratio") or "16:9")
    if ratio not in CANVAS_BY_RATIO:
        return Plan(intent, lang, "none", "ratio_unsupported",
                    (Say(lex.say("ratio_unsupported", lang)),))
    duration = _clamp_duration(duration)
    if script:
        descs = list(script[: int(d["max_scenes"])])
    else:
        count = max(1, min(6, math.ceil(duration / int(d["scene_ms"]))))
        shots = lex.shots["zh" if is_chinese(prompt) else "en"]
        sep = "·" if is_chinese(prompt) else " — "
        descs = [prompt] if count == 1 else [f"{prompt}{sep}{shots[i % len(shots)]}"
                                             for i in range(count)]
    generation = int(memory.get("generation", 0)) + 1

    raw = editing.set_canvas(state, ratio)
    raw["draft"]["t"] = [{"id": "trk_video", "tt": 0, "n": "Video",
                          "sg": editing.scene_track(descs, duration, style=style,
                                                    palette_text=prompt,
                                                    generation=generation)}]
    raw["draft"]["d"] = duration
    raw["generated_media"] = [*copy.deepcopy(state.get("generated_media", [])),
                              _generated_entry(raw, prompt, len(descs), generation)]
    new_memory = {"prompt": prompt, "script": list(script), "style": style, "mood": mood,
                  "title": title, "duration_ms": duration, "ratio": ratio,
                  "generation": generation}
    final, _ = editing.set_bgm(raw, mood)
    final, _ = editing.set_title(final, title)
    voice_note = None
    if script:
        # A script is meant to be read: each scene carries its sentence as a caption.
        final = editing.add_captions(final, None)
        # ...and is read aloud: scenes and captions follow the spoken sentences.
        final, voice_note = narrate_script(final, script, language_of(" ".join(script)),
                                           reply_lang=lang, request=intent.text or "",
                                           duration_ms=intent.duration_ms)
    w, h = CANVAS_BY_RATIO[ratio]
    seconds = _secs(duration)
    count, summary = editing.summarize(final["draft"], lang)
    source = lex.label("source_script" if script else "source_prompt", "", lang)
    stage1 = _call_id()
    stage2 = _call_id()
    steps: list[Step] = [
        Say(lex.say("generate_start", lang, seconds=seconds, ratio=ratio, source=source,
                    style=lex.label("styles", style, lang))),
        Call(stage1, "generate_video", {"prompt": prompt, "duration": duration / 1000,
                                        "aspect_ratio": ratio, "style": style,
                                        "scenes": len(descs)}),
        Work("stage"),
        Result(stage1, "generate_video", {"status": "success", "scenes": len(descs),
                                          "duration": duration / 1000, "width": w, "height": h},
               raw, new_memory),
        Say(lex.say("generate_raw_ready", lang, scenes=len(descs), seconds=seconds, w=w, h=h)),
        Call(stage2, "add_music_and_title", {"mood": mood, "title": title,
                                              "captions": bool(script)}),
        Work("stage"),
        Result(stage2, "add_music_and_title",
               {"status": "success", "bgm": lex.moods[mood].title, "title": title}, final),
        Say(lex.say("generate_done", lang, count=count, summary=summary)),
        *([Say(voice_note)] if voice_note else []),
    ]
    return Plan(intent, lang, "generation", "generate_done", tuple(steps))
