"""The local backend's limits, in one place: what one request, one upload, one draft and the
server as a whole may cost. Everything here is refused with a clear message in the API's
envelope (413 for sizes, 422 for shapes, 429 for a full render queue), never by running out
of memory, disk or time.

``Limits`` is the policy (``LocalOptions.limits``); ``json_too_deep`` and ``draft_problem``
are the checks that are not a single comparison.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from backend.errors import MAX_UPLOAD_BYTES

__all__ = ["Limits", "draft_problem", "json_too_deep", "size_text"]

_MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What the local backend accepts. The defaults suit one user's machine; tests shrink them.

    Requests
      ``max_body_bytes``        a JSON request body (a chat message, a draft to render); larger
                                bodies are refused with 413 while they stream in
      ``max_json_depth``        nesting of JSON arrays/objects in a body (422 beyond)
      ``max_message_chars``     one chat message (413 beyond)
      ``plan_chars``            how much of a message the agent reads to plan a turn: planning
                                costs a fixed number of passes over this prefix, so a long
                                message costs no more than this much text
      ``drain_seconds``         after refusing a body that is still arriving, how long the
                                rest is read and discarded (so the client can read the answer)
                                before the connection is closed
    Uploads (one request)
      ``max_upload_bytes``      all files (or URLs) of one upload together (413, code 4002)
      ``max_upload_files``      files or URLs in one upload (422)
      ``url_fetch_seconds``     total time to fetch the URLs of one upload (4001 after it)
    Drafts (a render request; 422 beyond)
      ``max_draft_bytes``       the draft's JSON size
      ``max_canvas_side``       canvas width and height, each
      ``max_canvas_pixels``     width × height
      ``max_fps``               frames per second
      ``max_duration_s``        the draft's duration (``d``, or the end of its last segment)
      ``max_segments``          segments over all tracks
    Server
      ``max_concurrent_renders`` renders running at once; later ones wait as ``pending``
      ``max_queued_renders``    renders waiting; beyond it a render is refused (429)
      ``request_log_bytes``     memory of the request log (oldest entries go first)
    """

    max_body_bytes: int = 8 * _MIB
    max_json_depth: int = 64
    max_message_chars: int = _MIB
    plan_chars: int = 4000
    drain_seconds: float = 5.0
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_upload_files: int = 20
    url_fetch_seconds: float = 120.0
    max_draft_bytes: int = 2 * _MIB
    max_canvas_side: int = 3840
    max_canvas_pixels: int = 3840 * 2160
    max_fps: int = 60
    max_duration_s: float = 600.0
    max_segments: int = 2000
    max_concurrent_renders: int = 2
    max_queued_renders: int = 50
    request_log_bytes: int = 16 * _MIB

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "drain_seconds":
                if value < 0:
                    raise ValueError("drain_seconds must not be negative")
            elif value <= 0:
                raise ValueError(f"{f.name} must be positive")


def size_text(n: int) -> str:
    """``n`` bytes as a short human size: "8 MB", "500 MB", "2000 bytes"."""
    if n >= _MIB and n % _MIB == 0:
        return f"{n // _MIB} MB"
    if n >= _MIB:
        return f"{n / _MIB:.1f} MB"
    return f"{n} bytes"


# A JSON string literal (escapes included), unrolled so that matching is one linear pass.
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_CHUNK = 1 << 20


def json_too_deep(raw: bytes, max_depth: int) -> bool:
    """Whether the JSON text ``raw`` nests arrays/objects deeper than ``max_depth``.

    Linear and without recursion, so it is safe on bodies that would make a recursive parser
    overflow: string literals are cut out with one regex, and the running depth over the
    brackets that remain is a cumulative sum (numpy, in chunks of bounded memory).
    """
    if raw.count(b"[") + raw.count(b"{") <= max_depth:
        return False
    import numpy as np

    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    depth = 0
    for start in range(0, len(brackets), _CHUNK):
        chunk = np.frombuffer(brackets, dtype=np.uint8, offset=start,
                              count=min(_CHUNK, len(brackets) - start))
        steps = np.where((chunk == ord("]")) | (chunk == ord("}")), -1, 1)
        running = np.cumsum(steps) + depth
        if int(running.max()) > max_depth:
            return True
        depth = int(running[-1])
    return False


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def draft_problem(draft: Mapping[str, Any], limits: Limits) -> str | None:
    """Why ``draft`` exceeds ``limits`` (a sentence saying what to change), or None.

    Only what the draft states is checked; a missing canvas or fps gets the renderer's
    defaults, which are within the limits.
    """
    size = len(json.dumps(draft, ensure_ascii=False, separators=(",", ":")).encode())
    if size > limits.max_draft_bytes:
        return (f"The draft is {size_text(size)}; the limit is {size_text(limits.max_draft_bytes)}."
                " Remove tracks or segments and export again.")
    w, h = _number(draft.get("w")), _number(draft.get("h"))
    side = limits.max_canvas_side
    if (w is not None and w > side) or (h is not None and h > side) or (
            w is not None and h is not None and w * h > limits.max_canvas_pixels):
        return (f"The canvas is {draft.get('w')}×{draft.get('h')}; the limit is {side} pixels "
                f"a side and {limits.max_canvas_pixels:,} pixels in all. Choose 1920×1080, "
                "1080×1920 or 1080×1080.")
    fps = _number(draft.get("fps"))
    if fps is not None and fps > limits.max_fps:
        return (f"The draft asks for {draft.get('fps')} frames per second; the limit is "
                f"{limits.max_fps}. Use 30.")
    tracks = [t for t in draft.get("t") or [] if isinstance(t, Mapping)] if isinstance(
        draft.get("t"), list) else []
    segments = [sg for t in tracks if isinstance(t.get("sg"), list)
                for sg in t["sg"] if isinstance(sg, Mapping)]
    if len(segments) > limits.max_segments:
        return (f"The draft has {len(segments)} segments; the limit is {limits.max_segments}. "
                "Merge or remove some and export again.")
    ends = [(_number(sg.get("s")) or 0.0) + (_number(sg.get("d")) or 0.0) for sg in segments]
    duration_ms = max([_number(draft.get("d")) or 0.0, *ends])
    if duration_ms / 1000 > limits.max_duration_s:
        return (f"The draft is {duration_ms / 60000:.1f} minutes long; the limit is "
                f"{limits.max_duration_s / 60:g} minutes. Shorten it and export again.")
    return None
