"""The export flow: submit a render, poll it with progress, retry once, download, deliver.

Every submitted render is recorded in the session store before it is sent and forgotten
only once delivered or failed, so a restarted process resumes it instead of orphaning it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backend.draft import draft_ready
from backend.errors import (
    APIError,
    RenderFailed,
    ResponseTooLarge,
    TimeoutError_,
    TransportError,
    UsageError,
)
from backend.media_paths import fetchable_draft
from backend.render_job import (
    ProgressCallback,
    ProgressScale,
    RenderProgress,
    RenderStatus,
    new_render_id,
    output_filename,
    poll_render,
    safe_filename,
)
from backend.session_store import PendingRender
from backend.subtitles import write_srt_beside

if TYPE_CHECKING:
    from backend.client import NemoClient

__all__ = ["resume_export", "run_export"]

_ATTEMPTS = 2
#: How long an interrupted export waits for the service to confirm the cancel (seconds).
_CANCEL_WAIT = 5.0


async def run_export(client: NemoClient, draft: Mapping[str, Any] | None, dest_dir: Path, *,
                     on_progress: ProgressCallback | None = None,
                     filename: str | None = None) -> Path:
    """Render and download; see ``NemoClient.export`` for what it raises."""
    if draft is None:
        draft = (await client.state()).draft
    if not draft_ready(draft):
        raise UsageError("There is nothing to export yet: the timeline has no clips. "
                         "Describe the video you want first.")
    assert draft is not None
    name = safe_filename(filename) if filename else output_filename(client.wall_clock())
    return await _attempts(client, draft, dest_dir, name, first=1, on_progress=on_progress)


async def resume_export(client: NemoClient, pending: PendingRender, *,
                        on_progress: ProgressCallback | None = None) -> Path:
    """Pick up a render recorded by this or an earlier process and deliver it."""
    async with _cancelled_on_interrupt(client, pending.render_id):
        status = await _wait(client, pending.render_id, pending.attempt, on_progress)
        if status.state == "completed":
            return await _deliver(client, pending, status, on_progress)
    client.store.remove_render(pending.render_id)
    if pending.attempt >= _ATTEMPTS:
        raise _failed(status)
    draft = (await client.state()).draft
    if not draft_ready(draft):
        raise _failed(status)
    assert draft is not None
    _report(on_progress, RenderProgress(pending.render_id, "retrying", 0.0, pending.attempt))
    return await _attempts(client, draft, Path(pending.dest_dir), pending.filename,
                           first=pending.attempt + 1, on_progress=on_progress)


async def _attempts(client: NemoClient, draft: Mapping[str, Any], dest_dir: Path, name: str,
                    *, first: int, on_progress: ProgressCallback | None) -> Path:
    # Sandbox paths become the uploads' URLs; a clip the renderer cannot fetch stops here.
    draft = await fetchable_draft(client, draft)
    status = RenderStatus("failed")
    for attempt in range(first, _ATTEMPTS + 1):
        session = await client.ensure_session()
        render_id = new_render_id(client.wall_clock())
        pending = PendingRender(render_id, session.session_id, str(dest_dir), name, attempt,
                                client.wall_clock())
        client.store.add_render(pending)
        try:
            await client.submit_render(draft, render_id)
        except BaseException:
            client.store.remove_render(render_id)
            raise
        _report(on_progress, RenderProgress(render_id, "submitted", 0.0, attempt))
        async with _cancelled_on_interrupt(client, render_id):
            status = await _wait(client, render_id, attempt, on_progress)
            if status.state == "completed":
                video = await _deliver(client, pending, status, on_progress)
                write_srt_beside(video, draft)  # captions for players that read video.srt
                return video
        client.store.remove_render(render_id)
        if attempt < _ATTEMPTS:
            _report(on_progress, RenderProgress(render_id, "retrying", 0.0, attempt))
    raise _failed(status)


@contextlib.asynccontextmanager
async def _cancelled_on_interrupt(client: NemoClient, render_id: str) -> AsyncIterator[None]:
    """The user interrupted the export (Ctrl-C, a host cancelling): cancel the render on the
    service and forget it, so the next message does not resume it. A crash never gets here,
    so a crashed process's render is still resumed."""
    try:
        yield
    except (asyncio.CancelledError, KeyboardInterrupt):
        client.store.remove_render(render_id)
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(client.cancel_render(render_id), _CANCEL_WAIT)
        raise


async def _wait(client: NemoClient, render_id: str, attempt: int,
                on_progress: ProgressCallback | None) -> RenderStatus:
    scale = ProgressScale()
    t = client.timings
    return await poll_render(
        lambda: client.render_status(render_id, scale), render_id=render_id,
        attempt=attempt, on_progress=on_progress, sleep=client.sleep, clock=client.clock,
        delays=t.render_poll_delays, max_wait=t.render_timeout, floor=t.render_poll_floor)


async def _deliver(client: NemoClient, pending: PendingRender, status: RenderStatus,
                   on_progress: ProgressCallback | None) -> Path:
    dest = _free_path(Path(pending.dest_dir) / pending.filename)

    def on_bytes(done: int, total: int | None) -> None:
        if total:
            _report(on_progress, RenderProgress(pending.render_id, "downloading",
                                                min(100.0, 100.0 * done / total),
                                                pending.attempt))

    _report(on_progress, RenderProgress(pending.render_id, "downloading", 0.0, pending.attempt))
    try:
        path = await client.download_render(pending.render_id, dest, url=status.url,
                                            size=status.size, on_bytes=on_bytes)
    except (APIError, TransportError) as exc:
        if not status.url or isinstance(exc, ResponseTooLarge | TimeoutError_):
            raise  # too large or too slow: the same video from the proxy would be too
        # The advertised URL did not deliver: the proxy download is the documented fallback.
        path = await client.download_render(pending.render_id, dest, size=status.size,
                                            on_bytes=on_bytes)
    client.store.remove_render(pending.render_id)
    _report(on_progress, RenderProgress(pending.render_id, "done", 100.0, pending.attempt))
    return path


def _free_path(path: Path) -> Path:
    if not path.exists():
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}-{new_render_id()}{path.suffix}")


def _failed(status: RenderStatus) -> RenderFailed:
    reason = status.error or "no reason given"
    return RenderFailed(f"The render failed twice ({reason}). Try again in a while, or "
                        "simplify the video.")


def _report(callback: ProgressCallback | None, progress: RenderProgress) -> None:
    if callback is not None:
        callback(progress)
