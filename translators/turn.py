"""What a chat turn's events mean for the user beyond the agent's words: the stage a tool
call starts, the trailing "temporary issue" sentence of an otherwise normal turn, and the next
steps worth suggesting after an edit. The rules are data (``data/turn.yaml``)."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from translators import messages
from translators.draft_view import draft_ratio, read_tracks

__all__ = ["next_steps", "stage_message", "without_temporary_issue"]

_DATA = Path(__file__).with_name("data") / "turn.yaml"


def stage_message(tool: str, lang: str) -> tuple[str, str] | None:
    """``(stage, status text)`` for a tool call the user should hear about, else None."""
    for rule in _data()["stages"]:
        if fnmatch.fnmatchcase(tool, rule["tool"]):
            return rule["stage"], messages.render(f"stage_{rule['stage']}", lang)
    return None


def without_temporary_issue(text: str) -> tuple[str, bool]:
    """``text`` without the service's "I encountered a temporary issue…" sentence, and
    whether it held one."""
    cleaned, count = _temporary_issue().subn("", text)
    return cleaned.strip(), count > 0


def next_steps(state: object, lang: str, before: object = None) -> str | None:
    """2–3 short next steps that fit the draft (never "add music" when there is music), and
    never one that would repeat or undo the edit from ``before`` (the state before the
    edit) to ``state``: no "make the music quieter" right after it was made louder."""
    data = _data()
    tracks = read_tracks(state)
    if not any(t.segments for t in tracks):
        return None
    kinds = {t.kind for t in tracks if t.segments}
    ratio = _ratio(state)
    changed = _changes(before, state) if before is not None else frozenset()
    picked = []
    for rule in data["suggestions"]:
        if changed & frozenset(rule.get("not_after") or ()):
            continue
        when: str = rule["when"]
        if when.startswith("no_"):
            ok = when[3:] not in kinds
        elif when.startswith("has_"):
            ok = when[4:] in kinds
        else:
            ok = when == f"ratio_{ratio}"
        if ok:
            picked.append(messages.render(f"suggest_{rule['name']}", lang))
        if len(picked) >= int(data["limit"]):
            break
    picked.append(messages.render(f"suggest_{data['last']}", lang))
    return messages.render("next_steps", lang, items=picked)


def _ratio(state: object) -> str:
    canvas = state.get("canvas_config") if isinstance(state, Mapping) else None
    return (draft_ratio(state, canvas) or "").replace(":", "x")


def _changes(before: object, after: object) -> frozenset[str]:
    """What the last edit did, as the names ``not_after`` lists: ``<kind>_added`` /
    ``<kind>_removed`` (bgm, title, caption), ``volume_up`` / ``volume_down``,
    ``ratio_changed``."""
    old = {t.kind: t for t in read_tracks(before) if t.segments}
    new = {t.kind: t for t in read_tracks(after) if t.segments}
    out = set()
    for kind in ("bgm", "title", "caption"):
        if kind in old and kind not in new:
            out.add(f"{kind}_removed")
        elif kind in new and kind not in old:
            out.add(f"{kind}_added")
    if "bgm" in old and "bgm" in new:
        was, now = old["bgm"].volume, new["bgm"].volume
        if was is not None and now is not None and now != was:
            out.add("volume_up" if now > was else "volume_down")
    if _ratio(before) and _ratio(before) != _ratio(after):
        out.add("ratio_changed")
    return frozenset(out)


@functools.cache
def _data() -> dict[str, Any]:
    from backend.datacache import load_yaml  # parsed once per version

    data = load_yaml(_DATA)
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise RuntimeError(f"{_DATA.name}: 'stages' must be a list")
    return data


@functools.cache
def _temporary_issue() -> re.Pattern[str]:
    data = _data()
    phrases = "|".join(re.escape(p) for p in data["temporary_issue"])
    followups = "|".join(re.escape(p) for p in data["temporary_issue_followups"])
    sentence = r"[^.!?。！？\n]*[.!?。！？]*"
    # The sentence to its end ("…issue, sorry." / "…问题，请稍后再试。") and a "Please try
    # again" sentence right after it.
    return re.compile(rf"(?:{phrases}){sentence}(?:\s*(?:{followups}){sentence})?",
                      re.IGNORECASE)
