"""A contact sheet of the current timeline: a few small frames, rendered locally from the draft,
so that a user can see the video before exporting it (the ``preview`` tool).

The draft is rendered at thumbnail size without sound by the local renderer (the ``local``
extra), then frames at evenly spread moments are laid side by side with their times. Uploaded
clips are not fetched for a preview: they appear as labelled placeholders, and the result says
so. CPU-bound; call ``contact_sheet`` from a worker thread.
"""

from __future__ import annotations

import copy
import io
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ContactSheet", "PreviewUnavailable", "contact_sheet", "preview_draft"]

#: Longest side of one thumbnail, in pixels.
THUMB = 320
FRAMES = 4
_AUDIO_TRACK = 1
_PLACEHOLDER = (48, 52, 60)


class PreviewUnavailable(Exception):
    """The preview cannot be made here (no local renderer, nothing to show): ``key`` and
    ``values`` name the server's message (in the user's language) saying what to do."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class ContactSheet:
    png: bytes
    times: tuple[float, ...]
    placeholders: tuple[str, ...]  # names of uploaded clips shown as placeholders


def preview_draft(draft: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``draft`` for a thumbnail render: small canvas, no audio, uploaded media as
    placeholder scenes. Returns it and the names of the media that were replaced."""
    small = copy.deepcopy(dict(draft))
    width, height = int(small.get("w") or 1920), int(small.get("h") or 1080)
    scale = THUMB / max(width, height, 1)
    small["w"], small["h"] = max(16, round(width * scale)), max(16, round(height * scale))
    replaced: list[str] = []
    tracks = []
    for track in small.get("t") or []:
        if not isinstance(track, dict) or track.get("tt") == _AUDIO_TRACK:
            continue
        for segment in track.get("sg") or []:
            meta = segment.get("m") if isinstance(segment, dict) else None
            if isinstance(meta, dict) and (meta.get("kind") == "media" or meta.get("media_id")):
                name = str(meta.get("name") or meta.get("media_id") or "clip")
                replaced.append(name)
                segment["m"] = {"kind": "scene", "desc": f"[{name}]",
                                "palette": [list(_PLACEHOLDER), list(_PLACEHOLDER)],
                                "motion": "drift"}
        tracks.append(track)
    small["t"] = tracks
    return small, replaced


def contact_sheet(draft: Mapping[str, Any], *, frames: int = FRAMES) -> ContactSheet:
    """Render ``draft`` small and return a PNG of ``frames`` moments side by side.

    Raises ``PreviewUnavailable`` without the local extra or for a draft with nothing to show.
    """
    try:
        from PIL import Image, ImageDraw

        from backend.local.render import ffmpeg_exe, render_draft
        from backend.local.render_errors import RenderError
    except ImportError:
        raise PreviewUnavailable("mcp_preview_needs_local") from None
    small, replaced = preview_draft(draft)
    duration = int(small.get("d") or 0) / 1000
    if duration <= 0:
        raise PreviewUnavailable("mcp_preview_nothing")
    times = tuple(round(duration * (i + 0.5) / frames, 2) for i in range(frames))
    with tempfile.TemporaryDirectory(prefix="nemo-preview-") as work:
        video = Path(work) / "preview.mp4"
        try:
            render_draft(small, video, media=lambda _media_id: None)
        except RenderError as exc:
            raise PreviewUnavailable("mcp_preview_failed", reason=str(exc)) from None
        shots = [_frame(ffmpeg_exe(), video, t) for t in times]
    thumbs = [Image.open(io.BytesIO(png)).convert("RGB") for png in shots]
    w, h = thumbs[0].size
    label = 18
    sheet = Image.new("RGB", (w * len(thumbs) + 4 * (len(thumbs) + 1), h + label + 8),
                      (20, 20, 24))
    draw = ImageDraw.Draw(sheet)
    for i, (thumb, moment) in enumerate(zip(thumbs, times, strict=True)):
        x = 4 + i * (w + 4)
        sheet.paste(thumb, (x, 4))
        draw.text((x + 2, h + 7), f"{int(moment // 60)}:{moment % 60:04.1f}",
                  fill=(230, 230, 230))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return ContactSheet(out.getvalue(), times, tuple(replaced))


def _frame(exe: str, video: Path, at: float) -> bytes:
    done = subprocess.run(
        [exe, "-v", "error", "-ss", f"{at:.2f}", "-i", str(video), "-frames:v", "1",
         "-f", "image2pipe", "-vcodec", "png", "-"],
        capture_output=True, timeout=60, check=False)
    if done.returncode != 0 or not done.stdout:
        raise PreviewUnavailable("mcp_preview_failed", reason="ffmpeg could not read a frame")
    return done.stdout
