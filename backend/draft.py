"""The draft: NemoVideo's short-key timeline JSON, as the local backend writes it and the
rest reads it.

The cloud documents only the short keys ``t`` tracks, ``tt`` track type (0 video, 1 audio,
7 text), ``sg`` segments, ``d`` duration in ms and ``m`` metadata. The remaining fields are ours;
readers must tolerate unknown keys and missing fields, because a cloud draft may differ.

Draft (top level)
    ``v``      schema version of this local form (1)
    ``w``/``h`` canvas size in pixels; ``fps`` frames per second;
               ``ratio`` "16:9" | "9:16" | "1:1"
    ``d``      total duration in ms
    ``t``      list of tracks
Track
    ``id``     stable id; ``tt`` track type;
               ``n`` display name ("Video", "BGM", "Title", "Captions", "Audio" for uploads)
    ``sg``     list of segments, each ``{"id", "s": start ms, "d": duration ms, "m": {…}}``
Segment metadata ``m`` by track type
    video (0)  ``kind`` "scene": ``desc`` (what it shows), ``palette`` [hex, hex], ``motion``
               ("pan" | "zoom" | "drift" | "pulse"), ``seed`` int
               ``kind`` "media": ``media_id``, ``url``, ``file_type`` ("video" | "image"),
               ``name`` (file name), ``src_in`` ms offset into the source
    audio (1)  ``kind`` "bgm": ``name`` ("Lo-fi"), ``mood``, ``vol`` 0–1, ``bpm``
               ``kind`` "media": ``media_id``, ``url``, ``name``, ``vol`` 0–1
    text (7)   ``text``, ``role`` ("title" | "caption"), ``pos`` ("top" | "center" | "bottom"),
               ``size`` (font size as a fraction of canvas height), ``color`` hex
"""

from __future__ import annotations

from typing import Any, Final, NotRequired, TypedDict

__all__ = [
    "CANVAS_BY_RATIO",
    "TRACK_AUDIO",
    "TRACK_TEXT",
    "TRACK_VIDEO",
    "Draft",
    "Segment",
    "Track",
    "draft_ready",
]

TRACK_VIDEO: Final = 0
TRACK_AUDIO: Final = 1
TRACK_TEXT: Final = 7

#: Output size per aspect ratio (the cloud renders up to 1080×1920).
CANVAS_BY_RATIO: Final[dict[str, tuple[int, int]]] = {
    "16:9": (1920, 1080),
    "9:16": (1080, 1920),
    "1:1": (1080, 1080),
}


class Segment(TypedDict):
    id: str
    s: int
    d: int
    m: dict[str, Any]


class Track(TypedDict):
    id: str
    tt: int
    n: NotRequired[str]
    sg: list[Segment]


class Draft(TypedDict):
    v: NotRequired[int]
    w: NotRequired[int]
    h: NotRequired[int]
    fps: NotRequired[int]
    ratio: NotRequired[str]
    d: NotRequired[int]
    t: list[Track]


def draft_ready(draft: object) -> bool:
    """True when ``draft`` has at least one track with a non-empty ``sg`` (exportable)."""
    if not isinstance(draft, dict):
        return False
    tracks = draft.get("t")
    if not isinstance(tracks, list):
        return False
    return any(
        isinstance(tr, dict) and isinstance(tr.get("sg"), list) and tr["sg"] for tr in tracks
    )
