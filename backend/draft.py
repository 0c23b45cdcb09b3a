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

Reading drafts from elsewhere (``segment_text``, ``segment_label``, ``segment_media``,
``segment_volume``, ``segment_role``, ``video_analyses``): the cloud's segment fields are not
documented, and drafts in the wild put them in more than one place. The accepted shapes:

- a field may sit in ``m`` or on the segment itself (``{"text": "Urban Dreams", "s": 0, …}``);
  ``m`` wins when both have it;
- text of a text segment: ``text``, ``content``, ``label``, ``title``, ``name``, ``desc``,
  ``description``, ``value``; a value may itself be ``{"text"|"content"|"value": …}`` or a
  list of such runs (joined);
- what a video/audio segment shows: ``desc``, ``description``, ``prompt``, ``name``,
  ``title``, ``label``, ``text``, ``content``, ``filename``/``file_name``, else the file name
  of its media URL;
- media: ``media_id`` (or ``mediaId``, ``asset_id``, ``file_id``) and a URL under ``url``,
  ``cdn_url``, ``cdnUrl``, ``src``, ``source``, ``file_url``, ``media_url``, ``path``
  (a sandbox path such as ``/mnt/userdata/…`` is a URL-less reference);
- volume: ``vol`` or ``volume`` (0–1, or a percent up to 100);
- role of a text segment: ``role``, ``type``, ``kind`` (title / caption / subtitle);
- start and duration in ms: ``s``/``d``, else ``start``/``duration``;
- the state's ``video_analyses``: a list (or a mapping by media) of analyses, each naming its
  media (``media_id``, ``url``, ``cdn_url``, ``filename``) and describing it under
  ``summary``, ``description``, ``desc``, ``caption`` or ``content``.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, NotRequired, TypedDict
from urllib.parse import unquote, urlsplit

__all__ = [
    "CANVAS_BY_RATIO",
    "TRACK_AUDIO",
    "TRACK_TEXT",
    "TRACK_VIDEO",
    "Draft",
    "MediaRef",
    "Segment",
    "Track",
    "draft_ready",
    "read_ms",
    "segment_field",
    "segment_label",
    "segment_media",
    "segment_role",
    "segment_span",
    "segment_text",
    "segment_volume",
    "video_analyses",
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


# -- tolerant readers ------------------------------------------------------------------------

_TEXT_KEYS: Final = ("text", "content", "label", "title", "name", "desc", "description",
                     "value")
_LABEL_KEYS: Final = ("desc", "description", "prompt", "name", "title", "label", "text",
                      "content", "filename", "file_name")
_MEDIA_ID_KEYS: Final = ("media_id", "mediaId", "asset_id", "file_id")
_URL_KEYS: Final = ("url", "cdn_url", "cdnUrl", "src", "source", "file_url", "media_url",
                    "path")
_ANALYSIS_TEXT_KEYS: Final = ("summary", "description", "desc", "caption", "content", "text")
_MAX_RUNS: Final = 200


@dataclass(frozen=True)
class MediaRef:
    """Where a segment's media comes from: an upload id and/or a URL (or sandbox path)."""

    media_id: str | None
    url: str | None
    url_key: str | None = None

    @property
    def file_name(self) -> str | None:
        return _file_name(self.url)


def segment_field(segment: object, keys: tuple[str, ...]) -> Any:
    """The first of ``keys`` present (not None, not blank) in ``m``, then on the segment."""
    if not isinstance(segment, Mapping):
        return None
    meta = segment.get("m")
    for source in (meta if isinstance(meta, Mapping) else {}, segment):
        for key in keys:
            value = source.get(key)
            if value is not None and not (isinstance(value, str) and not value.strip()):
                return value
    return None


def segment_text(segment: object) -> str | None:
    """The words of a text segment, wherever they are; None when it has none."""
    return _words(segment, _TEXT_KEYS)


def segment_label(segment: object) -> str | None:
    """What a video or audio segment shows or plays, for a summary; None when unknown."""
    found = _words(segment, _LABEL_KEYS)
    if found:
        return found
    return segment_media(segment).file_name


def segment_media(segment: object) -> MediaRef:
    """The segment's media reference (both parts None for generated scenes)."""
    media_id = _plain(segment_field(segment, _MEDIA_ID_KEYS))
    url: str | None = None
    url_key: str | None = None
    if isinstance(segment, Mapping):
        meta = segment.get("m")
        for source in (meta if isinstance(meta, Mapping) else {}, segment):
            for key in _URL_KEYS:
                value = _plain(source.get(key))
                if value:
                    url, url_key = value, key
                    break
            if url:
                break
    return MediaRef(media_id, url, url_key)


def segment_volume(segment: object) -> float | None:
    """Volume 0–1 (a value above 1, up to 100, is taken as a percent); None when unknown."""
    value = segment_field(segment, ("vol", "volume"))
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    if value < 0 or value > 100:
        return None
    return float(value) if value <= 1 else value / 100


def segment_role(segment: object) -> str | None:
    """``role`` of a text segment ("title", "caption", …) from ``role``/``type``/``kind``."""
    value = segment_field(segment, ("role", "type", "kind"))
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


def segment_span(segment: object) -> tuple[int | None, int | None]:
    """Start and duration in ms (``s``/``d``, else ``start``/``duration``)."""
    if not isinstance(segment, Mapping):
        return None, None
    start = read_ms(segment.get("s", segment.get("start")))
    duration = read_ms(segment.get("d", segment.get("duration")))
    return start, duration


def video_analyses(state: object) -> list[dict[str, str]]:
    """The state's ``video_analyses`` as ``{"key", "text"}`` items: ``key`` is the media id,
    URL or file name an analysis is about, ``text`` what it says. Unreadable entries are
    skipped."""
    if not isinstance(state, Mapping):
        return []
    raw = state.get("video_analyses")
    entries: list[tuple[str | None, object]]
    if isinstance(raw, Mapping):
        entries = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, list):
        entries = [(None, v) for v in raw]
    else:
        return []
    out: list[dict[str, str]] = []
    for given, value in entries[:_MAX_RUNS]:
        key = given
        text = _flatten(value) if isinstance(value, str) else None
        if isinstance(value, Mapping):
            text = next((t for k in _ANALYSIS_TEXT_KEYS if (t := _flatten(value.get(k)))), None)
            key = key or next((str(value[k]) for k in ("media_id", "url", "cdn_url", "filename",
                                                        "file_name", "name")
                               if _plain(value.get(k))), None)
        if text:
            out.append({"key": key or "", "text": text})
    return out


def _words(segment: object, keys: tuple[str, ...]) -> str | None:
    return _flatten(segment_field(segment, keys))


def _flatten(value: object, depth: int = 0) -> str | None:
    """Text from a string, a ``{"text"|"content"|"value"}`` object or a list of runs."""
    if depth > 3:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, Mapping):
        for key in ("text", "content", "value", "label"):
            found = _flatten(value.get(key), depth + 1)
            if found:
                return found
        return None
    if isinstance(value, list):
        runs = [r for r in (_flatten(v, depth + 1) for v in value[:_MAX_RUNS]) if r]
        return "".join(runs) if runs and all(len(r) == 1 for r in runs) else (
            " ".join(runs) or None)
    return None


def _plain(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def read_ms(value: object) -> int | None:
    """A whole number from a draft field (milliseconds, pixels): numbers and numeric strings;
    None for anything else (booleans, non-finite, absurdly large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if math.isfinite(value) and abs(value) < 1e12 else None
    if isinstance(value, str):
        try:
            return read_ms(float(value))
        except ValueError:
            return None
    return None


def _file_name(value: str | None) -> str | None:
    if not value:
        return None
    path = urlsplit(value).path if "://" in value else value
    return posixpath.basename(unquote(path)) or None
