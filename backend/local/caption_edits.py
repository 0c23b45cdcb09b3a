"""Edits of one caption the user names by its text: which captions a message names, and the
caption renamed, moved in time or removed (the others stay as they were).

"Remove the caption that says Thanks for coming!", "move the Thanks for coming caption to the
last 3 seconds", "자막 \"A\"를 \"B\"로 바꿔줘": the caption is named by (most of) its words, in
any language, so matching is on the text itself, not on words of a language.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from backend.local.editing import track_of

__all__ = ["Caption", "captions", "move", "named", "remove", "rename"]

#: The least of a caption's text (letters and digits, spaces apart) that names it: a caption
#: "OK" is not named by every message with "ok" in it.
_LEAST_CHARS = 3
#: How alike a message's words must be to a caption's text to name it (0–100, a typo or a
#: dropped "!" still names it).
_ALIKE = 90


@dataclass(frozen=True)
class Caption:
    """One caption as the replies show it: its segment id, text and times in ms."""

    sid: str
    text: str
    start: int
    end: int


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def captions(draft: dict[str, Any]) -> list[Caption]:
    """The captions in time order."""
    track = track_of(draft, "captions")
    sgs = sorted((track or {"sg": []})["sg"], key=lambda sg: (int(sg["s"]), str(sg["id"])))
    return [Caption(str(sg["id"]), str(sg["m"].get("text", "")), int(sg["s"]),
                    int(sg["s"]) + int(sg["d"])) for sg in sgs]


def named(draft: dict[str, Any], message: str, *, exclude: tuple[str, ...] = ()) -> list[Caption]:
    """The captions whose text ``message`` says (whole or nearly so), longest text first;
    texts in ``exclude`` (a new text the message gives) never count as naming one."""
    said = _plain(message)
    for text in exclude:
        said = said.replace(_plain(text), " ")
    found = []
    for caption in captions(draft):
        text = _plain(caption.text)
        if len(text.replace(" ", "")) < _LEAST_CHARS:
            continue
        if text in said or (len(text) >= 6 and fuzz.partial_ratio(text, said) >= _ALIKE):
            found.append(caption)
    return sorted(found, key=lambda c: -len(c.text))


def _edited(state: dict[str, Any], sid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    new = copy.deepcopy(state)
    track = track_of(new["draft"], "captions")
    assert track is not None
    sg = next(sg for sg in track["sg"] if str(sg["id"]) == sid)
    return new, sg


def rename(state: dict[str, Any], sid: str, text: str) -> dict[str, Any]:
    """The caption ``sid`` showing ``text``, at its times and in its look."""
    new, sg = _edited(state, sid)
    sg["m"]["text"] = text
    sg["m"]["added"] = True  # the user's words now: narration must not overwrite them
    return new


def move(state: dict[str, Any], sid: str, window: tuple[int, int]) -> dict[str, Any]:
    """The caption ``sid`` shown from ``window[0]`` to ``window[1]`` ms."""
    new, sg = _edited(state, sid)
    sg["s"], sg["d"] = window[0], window[1] - window[0]
    sg["m"]["added"] = True  # placed by the user: re-spoken narration must not re-time it
    track = track_of(new["draft"], "captions")
    assert track is not None
    track["sg"].sort(key=lambda s: (int(s["s"]), s["m"].get("pos") == "top"))
    return new


def remove(state: dict[str, Any], sids: set[str]) -> dict[str, Any]:
    """``state`` without the captions ``sids`` (the track goes when none is left)."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    track = track_of(draft, "captions")
    if track is None:
        return new
    track["sg"] = [sg for sg in track["sg"] if str(sg["id"]) not in sids]
    if not track["sg"]:
        draft["t"] = [t for t in draft["t"] if t is not track]
    return new
