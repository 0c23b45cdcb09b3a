"""Captions as a SubRip (``.srt``) file beside an exported video.

Players and upload sites pick up ``video.srt`` next to ``video.mp4``; the file holds the
draft's caption segments (text track, role ``caption``) with their exact times.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backend.draft import TRACK_TEXT

__all__ = ["srt_text", "write_srt_beside"]


def srt_text(draft: Mapping[str, Any]) -> str | None:
    """The draft's captions in SubRip form, in time order; None when it has none."""
    cues: list[tuple[int, int, str]] = []
    for track in draft.get("t") or []:
        if not isinstance(track, Mapping) or track.get("tt") != TRACK_TEXT:
            continue
        for seg in track.get("sg") or []:
            meta = seg.get("m") if isinstance(seg, Mapping) else None
            if not isinstance(meta, Mapping) or meta.get("role") != "caption":
                continue
            text = str(meta.get("text") or "").strip()
            try:
                start, length = int(seg.get("s", 0)), int(seg.get("d", 0))
            except (TypeError, ValueError):
                continue
            if text and length > 0:
                cues.append((max(0, start), max(0, start) + length, text))
    if not cues:
        return None
    cues.sort()
    blocks = [f"{n}\n{_stamp(a)} --> {_stamp(b)}\n{text}\n"
              for n, (a, b, text) in enumerate(cues, start=1)]
    return "\n".join(blocks)


def write_srt_beside(video: Path, draft: Mapping[str, Any]) -> Path | None:
    """Write ``video`` with an ``.srt`` suffix when the draft has captions (atomically, so a
    reader never sees half a file); return its path, or None when there are no captions."""
    text = srt_text(draft)
    if text is None:
        return None
    target = video.with_suffix(".srt")
    fd, tmp = tempfile.mkstemp(dir=video.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # The captions belong with the video: readable by whoever can read the video (a
        # temporary file is created 0600).
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(video.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _stamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"
