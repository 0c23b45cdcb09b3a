"""Render jobs: unique ids, status normalisation, polling with progress, safe downloads.

The HTTP calls themselves live in ``client.NemoClient``; this module holds what is specific
to renders so that each piece is small and testable on its own.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import secrets
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from backend.envelope import decode_response, expect_dict
from backend.errors import (
    BadResponse,
    ConnectError,
    ServerError,
    TimeoutError_,
    TransportError,
    UsageError,
    redact,
)

__all__ = [
    "ProgressCallback",
    "ProgressScale",
    "RenderProgress",
    "RenderStatus",
    "download_to",
    "new_render_id",
    "output_filename",
    "parse_render_status",
    "poll_render",
    "safe_filename",
]

log = logging.getLogger(__name__)

_STATES = {
    "pending": "pending", "queued": "pending", "submitted": "pending", "waiting": "pending",
    "accepted": "pending", "created": "pending",
    "processing": "processing", "rendering": "processing", "running": "processing",
    "in_progress": "processing", "started": "processing", "progress": "processing",
    "completed": "completed", "complete": "completed", "done": "completed",
    "success": "completed", "succeeded": "completed", "finished": "completed",
    "failed": "failed", "failure": "failed", "error": "failed", "errored": "failed",
    "cancelled": "failed", "canceled": "failed", "timeout": "failed", "timed_out": "failed",
}
_URL_KEYS = ("outputUrl", "url", "outputFile")
_TRANSIENT_LIMIT = 3


@dataclass(frozen=True)
class RenderStatus:
    """One status answer, normalised: ``state`` is pending/processing/completed/failed."""

    state: str
    progress: float | None = None
    url: str | None = None
    error: str = ""


@dataclass(frozen=True)
class RenderProgress:
    """What an export reports while it runs. ``percent`` is 0–100 and never goes back."""

    render_id: str
    phase: str  # "submitted" | "rendering" | "retrying" | "downloading" | "done"
    percent: float
    attempt: int = 1


ProgressCallback = Callable[[RenderProgress], None]


class ProgressScale:
    """Normalises progress to 0–100 whether a job reports 0–1 or 0–100.

    A fraction (``0.5``) is a 0–1 value unless the job already reported a value above 1;
    a whole ``1`` is ambiguous and read as 1 % once the job is known to count to 100.
    """

    def __init__(self) -> None:
        self.percent_scale = False

    def normalise(self, value: object) -> float | None:
        if isinstance(value, str):
            try:
                value = float(value.strip().rstrip("%"))
            except ValueError:
                return None
        if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
            return None
        number = float(value)
        if number > 1:
            self.percent_scale = True
        elif not self.percent_scale and (isinstance(value, float) or number in (0.0, 1.0)):
            number *= 100
        return max(0.0, min(100.0, number))


def new_render_id(now: float | None = None) -> str:
    """A unique render id, ``render_<ms since epoch>_<8 random hex digits>``."""
    stamp = int((time.time() if now is None else now) * 1000)
    return f"render_{stamp}_{secrets.token_hex(4)}"


def output_filename(stamp: float | None = None, extension: str = "mp4") -> str:
    """Our own name for a delivered video (the server's names and paths are never used)."""
    moment = time.localtime(time.time() if stamp is None else stamp)
    return time.strftime("nemovideo-%Y%m%d-%H%M%S", moment) + f".{extension}"


def parse_render_status(data: Any, scale: ProgressScale) -> RenderStatus:
    """Read a status in any documented shape (already unwrapped from its envelope).

    Accepts a top-level ``status`` with ``output.url``, ``data``-style ``status``/``progress``/
    ``outputUrl``, and progress as 0–1 or 0–100. Raises ``BadResponse`` without a status.
    """
    body = expect_dict(data, "render status")
    raw = body.get("status") or body.get("state")
    if not isinstance(raw, str) or not raw.strip():
        raise BadResponse("render status: the answer has no status", body=str(body)[:2000])
    state = _STATES.get(raw.strip().lower().replace("-", "_").replace(" ", "_"), "processing")
    progress = scale.normalise(body.get("progress"))
    if state == "completed":
        progress = 100.0
    error = body.get("error") or body.get("message") or body.get("reason") or ""
    return RenderStatus(state=state, progress=progress, url=_output_url(body),
                        error=error if isinstance(error, str) else str(error)[:500])


def _output_url(body: Mapping[str, Any]) -> str | None:
    candidates: list[object] = []
    output = body.get("output")
    if isinstance(output, dict):
        candidates.append(output.get("url"))
    elif isinstance(output, str):
        candidates.append(output)
    candidates.extend(body.get(key) for key in _URL_KEYS)
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


async def poll_render(
    fetch: Callable[[], Awaitable[RenderStatus]],
    *,
    render_id: str,
    attempt: int,
    on_progress: ProgressCallback | None,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
    delays: tuple[float, ...],
    max_wait: float,
    start_percent: float = 0.0,
) -> RenderStatus:
    """Poll until the render completes or fails; report progress on the way.

    Up to three transient failures in a row (connection, timeout, 5xx) are waited out.
    Raises ``TimeoutError_`` after ``max_wait`` seconds (the render stays resumable) and
    whatever ``fetch`` raises otherwise.
    """
    deadline = clock() + max_wait
    shown = start_percent
    transient = 0
    polls = 0
    while True:
        try:
            status = await fetch()
            transient = 0
        except (TransportError, ServerError) as exc:
            transient += 1
            if transient > _TRANSIENT_LIMIT:
                raise
            log.info("render %s: status check failed (%s), trying again", render_id,
                     type(exc).__name__)
            status = None
        if status is not None:
            if status.state in ("completed", "failed"):
                return status
            if status.progress is not None and status.progress > shown:
                shown = status.progress
            if on_progress is not None:
                on_progress(RenderProgress(render_id, "rendering", shown, attempt))
        if clock() >= deadline:
            raise TimeoutError_(
                f"the render {render_id} is still running after {max_wait / 60:.0f} minutes; "
                "it stays pending: ask for the export again later to pick it up")
        await sleep(delays[min(polls, len(delays) - 1)])
        polls += 1


async def download_to(
    http: httpx.AsyncClient,
    url: str,
    dest: Path,
    *,
    headers: Mapping[str, str],
    read_timeout: float,
    secrets: tuple[str, ...] = (),
    on_bytes: Callable[[int, int | None], None] | None = None,
) -> Path:
    """Stream ``url`` into ``dest`` through a temporary file in the same directory.

    The file appears under its final name only when complete; on any failure nothing is
    left behind. Raises ``UsageError`` when the directory cannot be written, the mapped
    ``APIError`` for an error answer, ``BadResponse`` for JSON/HTML or a short body, and
    ``ConnectError``/``TimeoutError_`` for transport failures.
    """
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.",
                                        suffix=".part")
    except OSError as exc:
        raise UsageError(f"cannot write to {dest.parent}: {exc.strerror}; choose another "
                         "folder") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            written, expected = await _stream_into(http, url, out, headers=headers,
                                                   read_timeout=read_timeout, secrets=secrets,
                                                   on_bytes=on_bytes)
        if written == 0:
            raise BadResponse("the rendered file is empty")
        if expected is not None and written != expected:
            raise BadResponse(f"the download stopped after {written} of {expected} bytes")
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return dest


async def _stream_into(http: httpx.AsyncClient, url: str, out: Any, *,
                       headers: Mapping[str, str], read_timeout: float,
                       secrets: tuple[str, ...],
                       on_bytes: Callable[[int, int | None], None] | None,
                       ) -> tuple[int, int | None]:
    written = 0
    try:
        async with http.stream("GET", url, headers=dict(headers),
                               timeout=httpx.Timeout(read_timeout, connect=15.0)) as resp:
            ctype = resp.headers.get("content-type", "").lower()
            if resp.status_code != 200 or "json" in ctype or "html" in ctype:
                content = await resp.aread()
                decode_response(resp.status_code, resp.headers, content[:65536],
                                secrets=secrets, token_request=False)
                raise BadResponse(f"expected a video file, got {ctype or 'no content type'}",
                                  status=resp.status_code)
            length = resp.headers.get("content-length")
            expected = int(length) if length and length.isdigit() else None
            async for chunk in resp.aiter_bytes(1 << 20):
                out.write(chunk)
                written += len(chunk)
                if on_bytes is not None:
                    on_bytes(written, expected)
            return written, expected
    except httpx.TimeoutException as exc:
        raise TimeoutError_(f"the download timed out ({type(exc).__name__})") from None
    except httpx.HTTPError as exc:
        raise ConnectError(f"the download failed: {redact(str(exc) or type(exc).__name__, secrets)}"
                           ) from None


def safe_filename(name: str) -> str:
    """A plain file name from ``name``: no directories, no hidden or odd characters."""
    base = re.sub(r"[^\w.\- ]", "_", Path(name).name).strip(" .")
    return base[:120] or output_filename()

