"""Render jobs: unique ids, status normalisation, polling with progress, safe downloads.

The HTTP calls themselves live in ``client.NemoClient``; this module holds what is specific
to renders so that each piece is small and testable on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import re
import secrets
import shutil
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from backend.bounded import ACCEPT_ENCODING, BadEncoding, body_chunks, human_size, read_body
from backend.envelope import decode_response, expect_dict
from backend.errors import (
    BadResponse,
    ConnectError,
    FolderUnusable,
    ResponseTooLarge,
    ServerError,
    TimeoutError_,
    TransportError,
    os_reason,
    redact,
)
from backend.limits import DEFAULT_LIMITS, Limits, duration_text
from backend.partfiles import clean_partial_downloads, open_part

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
_SIZE_KEYS = ("size", "fileSize", "file_size", "outputSize", "output_size", "sizeBytes",
              "size_bytes")
#: Room left on the disk beyond the video itself before a download is refused.
_DISK_MARGIN = 64 * 1024 * 1024
_TRANSIENT_LIMIT = 3


@dataclass(frozen=True)
class RenderStatus:
    """One status answer, normalised: ``state`` is pending/processing/completed/failed.

    ``size`` is the video's size in bytes when the status says it (the download must match).
    """

    state: str
    progress: float | None = None
    url: str | None = None
    error: str = ""
    size: int | None = None


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
    a whole ``1`` is ambiguous and read as 1 % once the job is known to count to 100, or
    when it follows a whole ``0`` (a job counting in whole percent: the local backend's
    first poll after 0 % often lands on 1 %, which was shown as 100 % for most of a render).
    A job that has sent a fraction between 0 and 1 counts to 1: its whole ``1`` is 100 %.
    """

    def __init__(self) -> None:
        self.percent_scale = False
        self._whole_zero = False
        self._fraction = False

    def normalise(self, value: object) -> float | None:
        if isinstance(value, str):
            try:
                value = float(value.strip().rstrip("%"))
            except ValueError:
                return None
        if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
            return None
        number = float(value)
        if 0 < number < 1:
            self._fraction = True
        if number > 1 or (self._whole_zero and not self._fraction and isinstance(value, int)
                          and number == 1):
            self.percent_scale = True
        if isinstance(value, int) and number == 0:
            self._whole_zero = True
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
                        error=error if isinstance(error, str) else str(error)[:500],
                        size=_output_size(body))


def _output_size(body: Mapping[str, Any]) -> int | None:
    output = body.get("output")
    for source in (output if isinstance(output, dict) else {}, body):
        for key in _SIZE_KEYS:
            value = source.get(key)
            if type(value) is int and value > 0:
                return value
    return None


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
    floor: float | None = None,
) -> RenderStatus:
    """Poll until the render completes or fails; report progress on the way.

    Waits follow ``delays`` (the last one repeats). With ``floor`` (a render on loopback,
    where a status answer costs a millisecond), the wait shrinks to a quarter of the time
    the render should still take at the pace its progress has risen so far (renders often
    end faster than that pace says: encoding speeds up), but not below
    ``floor``: a finished render is seen within about ``floor`` seconds instead of at the
    next scheduled poll. Up to three transient failures in a row (connection, timeout, 5xx)
    are waited out. Raises ``TimeoutError_`` after ``max_wait`` seconds (the render stays
    resumable) and whatever ``fetch`` raises otherwise.
    """
    deadline = clock() + max_wait
    shown = start_percent
    transient = 0
    polls = 0
    first: tuple[float, float] | None = None  # (time, percent) of the first progress seen
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
                if first is None:
                    first = (clock(), shown)
            if on_progress is not None:
                on_progress(RenderProgress(render_id, "rendering", shown, attempt))
        if clock() >= deadline:
            raise TimeoutError_(
                f"the render {render_id} is still running after {max_wait / 60:.0f} minutes; "
                "it stays pending: ask for the export again later to pick it up")
        delay = delays[min(polls, len(delays) - 1)]
        if floor is not None and first is not None:
            delay = min(delay, max(floor, _time_left(first, (clock(), shown)) / 4))
        await sleep(delay)
        polls += 1


def _time_left(first: tuple[float, float], now: tuple[float, float]) -> float:
    """Seconds until 100 % at the pace from ``first`` to ``now`` ((time, percent) each);
    infinite while there is no pace yet. Past 100 % (finishing touches): none."""
    (t0, p0), (t1, p1) = first, now
    if p1 >= 100.0:
        return 0.0
    if p1 <= p0 or t1 <= t0:
        return float("inf")
    return (100.0 - p1) * (t1 - t0) / (p1 - p0)


async def download_to(
    http: httpx.AsyncClient,
    url: str,
    dest: Path,
    *,
    headers: Mapping[str, str],
    read_timeout: float,
    limits: Limits = DEFAULT_LIMITS,
    expected_size: int | None = None,
    secrets: tuple[str, ...] = (),
    on_bytes: Callable[[int, int | None], None] | None = None,
) -> Path:
    """Stream ``url`` into ``dest`` through a locked partial file in the same directory.

    The file appears under its final name only when complete; on any failure, cancellation
    included, nothing is left behind (``backend.partfiles``). At most ``expected_size``
    bytes are accepted when the render status promised a size (and exactly that many must
    arrive), else ``limits.download_bytes``; the whole download must end within
    ``limits.download_deadline``.

    Raises ``FolderUnusable`` when the directory cannot be written or lacks the space,
    ``ResponseTooLarge`` past the size limit, the mapped ``APIError`` for an error answer,
    ``BadResponse`` for JSON/HTML, a bad encoding or a short body, and
    ``ConnectError``/``TimeoutError_`` for transport failures and the deadline.
    """
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        clean_partial_downloads(dest.parent)
        fd, tmp = open_part(dest)
    except OSError as exc:
        raise FolderUnusable(str(dest.parent), os_reason(exc)) from None
    max_bytes = expected_size or limits.download_bytes
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                async with asyncio.timeout(limits.download_deadline):
                    written, expected = await _stream_into(
                        http, url, out, dest.parent, headers=headers, read_timeout=read_timeout,
                        max_bytes=max_bytes, limits=limits, secrets=secrets, on_bytes=on_bytes)
            except TimeoutError:
                within = duration_text(limits.download_deadline)
                raise TimeoutError_(f"the download did not finish within {within}; ask for "
                                    "the export again to retry it") from None
        expected = expected if expected is not None else expected_size
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


async def _stream_into(http: httpx.AsyncClient, url: str, out: Any, folder: Path, *,
                       headers: Mapping[str, str], read_timeout: float, max_bytes: int,
                       limits: Limits, secrets: tuple[str, ...],
                       on_bytes: Callable[[int, int | None], None] | None,
                       ) -> tuple[int, int | None]:
    written = 0
    request = http.build_request("GET", url, headers={**headers,
                                                      "Accept-Encoding": ACCEPT_ENCODING},
                                 timeout=httpx.Timeout(read_timeout, connect=15.0))
    try:
        resp = await http.send(request, stream=True)
        try:
            ctype = resp.headers.get("content-type", "").lower()
            if resp.status_code != 200 or "json" in ctype or "html" in ctype:
                content = await read_body(resp, limit=limits.error_body_bytes,
                                          what="the download", truncate=True,
                                          step=limits.inflate_step_bytes)
                decode_response(resp.status_code, resp.headers, content, secrets=secrets,
                                token_request=False)
                raise BadResponse(f"expected a video file, got {ctype or 'no content type'}",
                                  status=resp.status_code)
            expected = _declared_length(resp.headers)
            if expected is not None:
                if expected > max_bytes:
                    raise _too_large(max_bytes)
                _check_space(folder, expected)
            async for chunk in body_chunks(resp, step=limits.inflate_step_bytes):
                if written + len(chunk) > max_bytes:
                    raise _too_large(max_bytes)
                out.write(chunk)
                written += len(chunk)
                if on_bytes is not None:
                    on_bytes(written, expected)
            return written, expected
        finally:
            await resp.aclose()
    except httpx.TimeoutException as exc:
        raise TimeoutError_(f"the download timed out ({type(exc).__name__})") from None
    except BadEncoding as exc:
        raise BadResponse(f"the download could not be decoded: {exc}") from None
    except httpx.HTTPError as exc:
        raise ConnectError(f"the download failed: {redact(str(exc) or type(exc).__name__, secrets)}"
                           ) from None


def _declared_length(headers: Mapping[str, str]) -> int | None:
    if headers.get("content-encoding", "identity").strip().lower() not in ("", "identity"):
        return None  # the length of the compressed body, not of the video
    value = headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


def _check_space(folder: Path, size: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < size + _DISK_MARGIN:
        raise FolderUnusable(str(folder), "space", needed=size, free=free)


def _too_large(limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(f"the video is larger than {human_size(limit)}: the download was "
                            "stopped and nothing was kept", what="the video", limit=limit)


def safe_filename(name: str) -> str:
    """A plain file name from ``name``: no directories, no hidden or odd characters."""
    base = re.sub(r"[^\w.\- ]", "_", Path(name).name).strip(" .")
    return base[:120] or output_filename()

