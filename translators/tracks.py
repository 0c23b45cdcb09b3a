"""One track of a draft, listed for a user who asked to see it ("字幕の一覧を見せて",
"me mostra as legendas", "자막 뭐뭐 있어?").

A request to see the project that names exactly one kind of track (captions, title, music,
narration, clips or scenes) in any of the nine languages is answered with every item of that
track, in full and with its times, instead of the whole timeline. The words are data
(``data/tracks.yaml``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Final

from backend.draft import TRACK_TEXT, segment_text
from backend.words import word_pattern
from translators import messages
from translators.draft_view import TrackKind, load_draft, read_tracks
from translators.timeline import format_span

__all__ = ["KINDS", "list_track", "named_track"]

_DATA: Final = Path(__file__).with_name("data") / "tracks.yaml"
#: The kinds a message can ask for, as ``data/tracks.yaml`` names them.
KINDS: Final = ("caption", "title", "bgm", "narration", "video")
#: The track kinds of a draft that hold each kind asked for (plain text counts as captions).
_WANTED: Final[dict[str, tuple[TrackKind, ...]]] = {
    "caption": ("caption", "text"), "title": ("title",), "bgm": ("bgm",),
    "narration": ("narration",), "video": ("video",)}


def named_track(text: str) -> str | None:
    """The one kind of track ``text`` names ("caption", "title", "bgm", "narration",
    "video"), or None when it names none or several (then the whole timeline answers)."""
    pattern, kinds = _matcher()
    named = {kinds[" ".join(m.group(0).casefold().split())] for m in pattern.finditer(text)}
    return named.pop() if len(named) == 1 else None


def list_track(draft: object, kind: str, lang: str | None = None) -> str:
    """Every item of the tracks of ``kind`` in ``draft`` (a draft, a state holding one, or
    JSON of either), in order of time, with the text in full; the ``track_listing`` message
    says when there is none."""
    if kind not in KINDS:
        raise ValueError(f"unknown track kind {kind!r}")
    data = load_draft(draft)
    raw_tracks = [t for t in (data or {}).get("t") or [] if isinstance(t, dict)]
    items: list[tuple[int, dict[str, Any]]] = []
    unit = "scene"
    wanted = _WANTED[kind]
    for track, raw in zip(read_tracks(draft), raw_tracks, strict=False):
        if track.kind not in wanted:
            continue
        if track.kind == "video" and track.unit == "clip":
            unit = "clip"
        raw_segments = [s for s in raw.get("sg") or [] if isinstance(s, dict)]
        for segment, raw_segment in zip(track.segments, raw_segments, strict=False):
            text = segment.label
            if raw.get("tt") == TRACK_TEXT:
                text = segment_text(raw_segment) or text  # in full, not cut for a summary
            items.append((segment.start_ms or 0, {
                "text": " ".join((text or "").split()),
                "span": format_span(segment.start_ms, segment.end_ms, lang),
                "volume": segment.volume if kind == "bgm" else None,
            }))
    items.sort(key=lambda item: item[0])
    return messages.render("track_listing", lang, kind=kind, unit=unit,
                           items=[item for _, item in items])


@functools.cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    from backend.datacache import load_yaml  # parsed once per version

    data = load_yaml(_DATA)
    if not isinstance(data, dict) or set(data) != set(KINDS):
        raise RuntimeError(f"{_DATA.name}: needs exactly the kinds {', '.join(KINDS)}")
    kinds = {str(word).casefold(): kind for kind, per_language in data.items()
             for words in per_language.values() for word in words}
    # Longest first (word_pattern's order), so that "sous-titres" is one caption, not a
    # caption and a title; CJK words match inside a sentence, others as whole words.
    return word_pattern(tuple(kinds)), kinds
