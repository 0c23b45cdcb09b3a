"""A tolerant, read-only view of a draft (``backend/draft.py`` form) for summaries and diffs.

Cloud drafts may differ from the local form: keys may be missing, have other types or be
unknown, and a segment's words or media may sit on the segment or in ``m`` under several
names (the shapes ``backend.draft``'s readers accept). Nothing here raises on odd input; what
cannot be read is skipped or left as None. Given a state, ``video_analyses`` describe media
clips that carry no description of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from math import gcd
from typing import Any, Final, Literal

from backend.draft import (
    TRACK_AUDIO,
    TRACK_TEXT,
    TRACK_VIDEO,
    read_ms,
    segment_label,
    segment_media,
    segment_role,
    segment_span,
    segment_text,
    segment_volume,
    video_analyses,
)

__all__ = [
    "SegmentView",
    "TrackKind",
    "TrackView",
    "draft_duration_ms",
    "draft_ratio",
    "format_seconds",
    "load_draft",
    "read_tracks",
    "shorten",
]

TrackKind = Literal["video", "bgm", "audio", "narration", "title", "caption", "text", "track"]
Unit = Literal["scene", "clip"]

#: Longest label shown for one item (a text, a scene description) before it is cut with "…".
MAX_LABEL: Final = 40

_TYPE_NAMES: Final = {"video": TRACK_VIDEO, "audio": TRACK_AUDIO, "text": TRACK_TEXT}
_NARRATION_NAMES: Final = ("narration", "voice-over", "voiceover", "voice", "旁白", "配音")
_BGM_NAMES: Final = ("bgm", "music", "背景音乐", "音乐")
_CAPTION_NAMES: Final = ("caption", "captions", "subtitle", "subtitles", "字幕")
_TITLE_NAMES: Final = ("title", "titles", "标题")
_KNOWN_RATIOS: Final = {(16, 9): "16:9", (9, 16): "9:16", (1, 1): "1:1", (4, 3): "4:3",
                        (3, 4): "3:4", (4, 5): "4:5", (21, 9): "21:9"}


@dataclass(frozen=True)
class SegmentView:
    """One segment as a summary needs it."""

    key: str
    start_ms: int | None
    end_ms: int | None
    label: str | None
    identity: str
    role: str | None = None
    volume: int | None = None
    #: The mood of generated music (the local backend's ``m.mood``), so that its built-in
    #: name ("Lo-fi") is said in the reader's language; None for a song, a clip, a text.
    mood: str | None = None


@dataclass(frozen=True)
class TrackView:
    """One track: its kind for the reader, and its segments in order."""

    index: int
    key: str
    kind: TrackKind
    name: str | None
    unit: Unit
    segments: tuple[SegmentView, ...]

    @property
    def start_ms(self) -> int | None:
        starts = [s.start_ms for s in self.segments if s.start_ms is not None]
        return min(starts) if starts else None

    @property
    def end_ms(self) -> int | None:
        ends = [s.end_ms for s in self.segments if s.end_ms is not None]
        return max(ends) if ends else None

    @property
    def label(self) -> str | None:
        """The first segment that has something to show."""
        return next((s.label for s in self.segments if s.label), None)

    @property
    def volume(self) -> int | None:
        return next((s.volume for s in self.segments if s.volume is not None), None)


def load_draft(value: object) -> dict[str, Any] | None:
    """Return the draft as a dict, or None when there is none.

    Accepts a draft, a state holding one under ``draft``, or either as a JSON string.
    """
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict):
        return None
    if "t" not in value and "draft" in value:
        return load_draft(value["draft"])
    return value


def read_tracks(draft: object) -> tuple[TrackView, ...]:
    """The readable tracks of ``draft`` in order; entries that are not tracks are skipped."""
    data = load_draft(draft)
    if data is None:
        return ()
    analyses = video_analyses(draft) if isinstance(draft, dict) and "t" not in draft else []
    raw_tracks = data.get("t")
    if not isinstance(raw_tracks, list):
        return ()
    views: list[TrackView] = []
    per_type: dict[object, int] = {}
    for raw in raw_tracks:
        if not isinstance(raw, dict):
            continue
        tt = _track_type(raw.get("tt"))
        ordinal = per_type.get(tt, 0)
        per_type[tt] = ordinal + 1
        raw_id = raw.get("id")
        key = str(raw_id) if isinstance(raw_id, (str, int)) and raw_id != "" else f"{tt}#{ordinal}"
        name = _text(raw.get("n"))
        raw_segments = raw.get("sg")
        seg_list = [s for s in raw_segments if isinstance(s, dict)] \
            if isinstance(raw_segments, list) else []
        segments = tuple(_segment(seg, f"{key}/{i}", tt, analyses)
                         for i, seg in enumerate(seg_list))
        kind = _kind(tt, name, seg_list)
        unit: Unit = "scene" if kind == "video" and all(
            _meta(s).get("kind", "scene") == "scene" for s in seg_list) else "clip"
        views.append(TrackView(len(views) + 1, key, kind, name, unit, segments))
    return tuple(views)


def draft_duration_ms(draft: object) -> int | None:
    """The draft's total duration: its ``d`` when given, else the end of its last segment."""
    data = load_draft(draft)
    if data is None:
        return None
    declared = read_ms(data.get("d"))
    if declared is not None and declared > 0:
        return declared
    ends = [t.end_ms for t in read_tracks(data) if t.end_ms is not None]
    return max(ends) if ends else None


def draft_ratio(draft: object, canvas: object = None) -> str | None:
    """The aspect ratio ("16:9"), from the canvas config first, then the draft, else None."""
    for source in (canvas, load_draft(draft)):
        if not isinstance(source, dict):
            continue
        ratio = source.get("ratio")
        if isinstance(ratio, str) and ratio.strip():
            return ratio.strip()
        width = read_ms(source.get("width", source.get("w")))
        height = read_ms(source.get("height", source.get("h")))
        if width and height and width > 0 and height > 0:
            return _ratio_of(width, height)
    return None


def format_seconds(ms: int) -> str:
    """Milliseconds as seconds: whole numbers bare ("10"), otherwise one decimal ("2.5")."""
    tenths = round(ms / 100)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """One line of at most ``limit`` characters, cut with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # end on a whole word when one is near
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _ratio_of(width: int, height: int) -> str:
    for (rw, rh), name in _KNOWN_RATIOS.items():
        if abs(width * rh - height * rw) <= max(width, height) * rh // 100:
            return name
    g = gcd(width, height)
    return f"{width // g}:{height // g}"


def _track_type(value: object) -> int | str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        stripped = value.strip().lower()
        if stripped.isdigit():
            return int(stripped)
        return _TYPE_NAMES.get(stripped, stripped or None)
    return None


def _kind(tt: int | str | None, name: str | None, segments: list[dict[str, Any]]) -> TrackKind:
    lowered = (name or "").strip().lower()
    first = _meta(segments[0]) if segments else {}
    if tt == TRACK_VIDEO:
        return "video"
    if tt == TRACK_AUDIO:
        mkind = first.get("kind")
        if mkind == "bgm":
            return "bgm"
        if mkind == "media":
            # The user's own song moved onto the music track is the music.
            return "bgm" if lowered in _BGM_NAMES else "audio"
        if mkind == "narration" or lowered in _NARRATION_NAMES:
            return "narration"
        if lowered in _BGM_NAMES or "mood" in first or "bpm" in first:
            return "bgm"
        return "audio"
    if tt == TRACK_TEXT:
        return _role(segment_role(segments[0]) if segments else None, lowered)
    return "track"


def _role(value: object, track_name: str) -> Literal["title", "caption", "text"]:
    role = value.strip().lower() if isinstance(value, str) else ""
    if role in _TITLE_NAMES or (not role and track_name in _TITLE_NAMES):
        return "title"
    if role in _CAPTION_NAMES or (not role and track_name in _CAPTION_NAMES):
        return "caption"
    return "text"


def _segment(raw: dict[str, Any], fallback_key: str, tt: int | str | None,
             analyses: list[dict[str, str]]) -> SegmentView:
    raw_id = raw.get("id")
    key = str(raw_id) if isinstance(raw_id, (str, int)) and raw_id != "" else fallback_key
    start, duration = segment_span(raw)
    if start is None and duration is not None:
        start = 0
    end = start + duration if start is not None and duration is not None else None
    label: str | None
    role: str | None = None
    if tt == TRACK_TEXT:
        label = segment_text(raw)
        role = segment_role(raw)
        identity = label or ""
    else:
        ref = segment_media(raw)
        label = segment_label(raw)
        if analyses and (label is None or label == ref.file_name):
            label = _analysis(analyses, ref.media_id, ref.url, ref.file_name) or label
        identity = ref.media_id or ref.url or label or ""
    vol = segment_volume(raw)
    volume = round(vol * 100) if vol is not None else None
    meta = raw.get("m")
    mood = meta.get("mood") if isinstance(meta, dict) and tt != TRACK_TEXT else None
    generated = isinstance(mood, str) and identity == (label or "")  # no media, no URL
    return SegmentView(key, start, end, shorten(label) if label else None, identity, role,
                       volume, mood if generated else None)


def _analysis(analyses: list[dict[str, str]], *keys: str | None) -> str | None:
    wanted = {k for k in keys if k}
    return next((a["text"] for a in analyses if a["key"] and a["key"] in wanted), None)


def _meta(raw: dict[str, Any]) -> dict[str, Any]:
    meta = raw.get("m")
    return meta if isinstance(meta, dict) else {}


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
