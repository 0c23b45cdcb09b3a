"""Render jobs of the local backend, run by at most ``Limits.max_concurrent_renders`` worker
threads; the rest wait in a queue (``pending``), at most ``Limits.max_queued_renders`` of them.

Status goes ``pending`` → ``processing`` → ``completed`` | ``failed`` | ``cancelled``; progress
0..1 internally. The output is written to ``renders/.<id>.partial.mp4`` and renamed when complete,
so a served file is never half-written. A completed job is reachable by the owner's token
(download endpoint) or through its signed URL ``/renders/<key>/<id>.mp4`` whose ``key`` is
random (never the token). A job id belongs to the user who submitted it first: another user's
submit under that id is refused (``RenderIdTaken``), never a takeover. A job is accepted only
once its record is on disk, so a full disk refuses the submit instead of leaving a job that
never starts; a job that meets a full disk while running fails with a message that says so.
Jobs survive a restart; unfinished ones are marked failed.

A draft the same user had rendered already, by the same code, is not rendered again: the new
job is completed at once with the earlier job's file (a hard link, or a copy where links are
not possible), as long as that file is still there. Exporting twice without a change ("export
it again", a file lost) then takes no time instead of the whole render. ``digest`` names what
was rendered: the draft as canonical JSON, the code's identity (``fingerprint``) and the versions
of what the renderer draws with (ffmpeg's wheel, fonts, voices); a renderer
given in the options (tests) is never assumed to be deterministic, so nothing is reused then.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import importlib
import json
import logging
import os
import secrets
import shutil
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from backend.errors import redact
from backend.files import atomic_write_json, read_json
from backend.local.faults import Faults
from backend.local.guard import is_disk_full
from backend.local.options import LocalOptions, RenderFn

__all__ = ["TERMINAL", "QueueFull", "RenderIdTaken", "RenderJob", "RenderJobs"]

TERMINAL = ("completed", "failed", "cancelled")
_DISK_FULL = "the local backend's disk is full; free some space and export again"
_log = logging.getLogger("backend.local")


class RenderIdTaken(Exception):
    """Another user already has a render job with this id."""


class QueueFull(Exception):
    """``waiting`` renders are queued already (``Limits.max_queued_renders``)."""

    def __init__(self, waiting: int) -> None:
        self.waiting = waiting
        super().__init__(f"{waiting} renders waiting")


@dataclass
class RenderJob:
    id: str
    user_id: str
    session_id: str
    key: str
    base_url: str
    created_at: float
    status: str = "pending"
    progress: float = 0.0
    error: str | None = None
    #: what was rendered (see the module docstring); "" when it cannot be reused
    digest: str = ""
    cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def output_url(self) -> str | None:
        if self.status != "completed":
            return None
        return f"{self.base_url}/renders/{self.key}/{self.id}.mp4"

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "cancel"}


#: What the renderer draws with besides this code: a new ffmpeg build, fonts, voices or image
#: library can change the file, so their versions are part of what a render is.
_RENDER_DISTRIBUTIONS = ("imageio-ffmpeg", "pillow", "numpy", "justmytype-intl-cjk",
                         "espeakng-loader", "pykakasi")


@functools.cache
def _renderer_parts() -> str:
    """The installed versions of ``_RENDER_DISTRIBUTIONS`` ("-" for one not installed)."""
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    return ",".join(f"{name}={version(name)}" for name in _RENDER_DISTRIBUTIONS)


class RenderJobs:
    """All render jobs of one server. Thread-safe."""

    def __init__(self, root: Path, options: LocalOptions, faults: Faults,
                 media: Callable[[str, str], Path | None]) -> None:
        self.root = root
        self.options = options
        self.faults = faults
        self.media = media  # (user_id, media_id) -> path
        self._lock = threading.Lock()
        self._jobs: dict[str, RenderJob] = {}
        self._queue: deque[tuple[RenderJob, dict[str, Any], tuple[Any, ...]]] = deque()
        self._workers: list[threading.Thread] = []
        self._running = 0
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for meta in root.glob("*.json"):
            raw = read_json(meta)
            if not isinstance(raw, dict):
                continue
            with contextlib.suppress(TypeError):
                job = RenderJob(**raw)
                if job.status not in TERMINAL:
                    job.status, job.error = "failed", "interrupted by a server restart"
                    self._save(job)
                self._jobs[job.id] = job

    def output_path(self, job_id: str) -> Path:
        return self.root / f"{job_id}.mp4"

    def submit(self, job_id: str, *, user_id: str, session_id: str, draft: Mapping[str, Any],
               base_url: str) -> RenderJob:
        """Queue ``draft`` for rendering as job ``job_id``; an existing job of that id and user
        is returned as is (a repeated submit does not render twice).

        Raises ``RenderIdTaken`` when another user owns ``job_id``, ``QueueFull`` when
        ``max_queued_renders`` jobs wait already, and ``OSError`` when the job's record cannot
        be written (then no job exists).
        """
        limits = self.options.limits
        with self._lock:
            existing = self._jobs.get(job_id)
            if existing is not None:
                if existing.user_id != user_id:
                    raise RenderIdTaken(job_id)
                return copy.copy(existing)
            job = RenderJob(id=job_id, user_id=user_id, session_id=session_id,
                            key=secrets.token_urlsafe(24), base_url=base_url,
                            created_at=self.options.clock(), digest=self._digest(draft))
            if len(self._queue) >= limits.max_queued_renders:
                # A render done already waits in no queue.
                if self._reuse(job):
                    return copy.copy(job)
                raise QueueFull(len(self._queue))
            # Faults are taken now so that their order follows submission order.
            plan = (self.faults.take_render_failure(), self.faults.render_delay,
                    self.faults.render_hold)
            if plan[0] is None and not plan[1] and plan[2] is None and self._reuse(job):
                return copy.copy(job)
            self._save(job)
            self._jobs[job_id] = job
            self._queue.append((job, copy.deepcopy(dict(draft)), plan))
            worker = None
            if self._running < limits.max_concurrent_renders:
                self._running += 1
                worker = threading.Thread(target=self._work, name=f"render-worker-{job_id}",
                                          daemon=True)
                self._workers = [t for t in self._workers if t.is_alive()]
                self._workers.append(worker)
        if worker is not None:
            worker.start()
        return copy.copy(job)

    def _digest(self, draft: Mapping[str, Any]) -> str:
        """What rendering ``draft`` makes, as a name: "" when another renderer is given."""
        if self.options.renderer is not None:
            return ""
        from backend.local.fingerprint import code_identity

        text = json.dumps(draft, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(f"{code_identity()}\n{_renderer_parts()}\n{text}".encode()
                              ).hexdigest()

    def _reuse(self, job: RenderJob) -> bool:
        """Complete ``job`` with the file of an earlier job of its user that rendered the same
        (called with the lock held); False when there is none, or its file is gone."""
        if not job.digest:
            return False
        done = [j for j in self._jobs.values() if j.user_id == job.user_id
                and j.digest == job.digest and j.status == "completed"]
        for earlier in sorted(done, key=lambda j: j.created_at, reverse=True):
            source, target = self.output_path(earlier.id), self.output_path(job.id)
            part = self.root / f".{job.id}.partial.mp4"
            try:
                try:
                    os.link(source, part)
                except OSError:
                    shutil.copyfile(source, part)
                part.replace(target)
            except FileNotFoundError:
                continue  # that file was removed: another earlier one, or a render
            except OSError:
                with contextlib.suppress(OSError):
                    part.unlink()
                return False
            job.status, job.progress = "completed", 1.0
            try:
                self._save(job)
            except OSError:
                with contextlib.suppress(OSError):
                    target.unlink()
                job.status, job.progress = "pending", 0.0
                return False
            self._jobs[job.id] = job
            return True
        return False

    def _work(self) -> None:
        """A worker: render queued jobs one after another until the queue is empty."""
        while True:
            with self._lock:
                if not self._queue:
                    self._running -= 1
                    return
                job, draft, plan = self._queue.popleft()
            try:
                self._run(job, draft, *plan)
            except Exception:  # never lose the worker: the queue behind it must go on
                _log.exception("render %s: worker error", job.id)

    def get(self, job_id: str, user_id: str | None) -> RenderJob | None:
        """The job (a copy) if it exists and belongs to ``user_id`` (any owner when None)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or (user_id is not None and job.user_id != user_id):
                return None
            return copy.copy(job)

    def latest_completed(self, session_id: str) -> RenderJob | None:
        """The session's most recent completed render (a copy), if any."""
        with self._lock:
            done = [j for j in self._jobs.values()
                    if j.session_id == session_id and j.status == "completed"]
            return copy.copy(max(done, key=lambda j: j.created_at)) if done else None

    def by_key(self, key: str, job_id: str) -> RenderJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or not secrets.compare_digest(job.key, key):
                return None
            return copy.copy(job)

    def cancel(self, job_id: str, user_id: str) -> RenderJob | None:
        """Ask a running job to stop; a finished job is returned unchanged."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.user_id != user_id:
                return None
            if job.status not in TERMINAL:
                # Cancelled as of this answer: the next status query must say so. The worker
                # stops at its next check; _update never leaves a terminal status.
                job.cancel.set()
                job.status = "cancelled"
                self._save(job)
            return copy.copy(job)

    def busy(self) -> bool:
        with self._lock:
            return bool(self._queue) or self._running > 0

    def shutdown(self, timeout: float) -> None:
        """Cancel running and queued jobs and wait up to ``timeout`` seconds for the workers."""
        with self._lock:
            for job in self._jobs.values():
                job.cancel.set()
            threads = list(self._workers)
        for t in threads:
            t.join(timeout)

    # -- worker ----------------------------------------------------------------------------

    def _update(self, job: RenderJob, **changes: Any) -> None:
        with self._lock:
            if job.status in TERMINAL:
                return
            for name, value in changes.items():
                setattr(job, name, value)
            try:
                self._save(job)
            except OSError as exc:
                # The status lives on in memory (what clients poll); a restart marks an
                # unfinished record failed anyway.
                _log.warning("render %s: status not saved: %s", job.id, exc)

    def _save(self, job: RenderJob) -> None:
        atomic_write_json(self.root / f"{job.id}.json", job.to_json())

    def _renderer(self) -> RenderFn:
        if self.options.renderer is not None:
            return self.options.renderer
        # Imported by name: the renderer ships separately and may be missing (ImportError).
        module = importlib.import_module("backend.local.render")
        renderer: RenderFn = module.render_draft
        return renderer

    def _run(self, job: RenderJob, draft: dict[str, Any], failure: str | None, delay: float,
             hold: threading.Event | None) -> None:
        part = self.root / f".{job.id}.partial.mp4"
        try:
            if job.cancel.is_set():
                return
            self._update(job, status="processing", progress=0.0)
            base = 0.0
            if delay > 0:
                steps = 10
                for i in range(steps):
                    if job.cancel.wait(delay / steps):
                        self._update(job, status="cancelled")
                        return
                    self._update(job, progress=0.5 * (i + 1) / steps)
                base = 0.5
            if hold is not None:
                while not hold.wait(0.02):
                    if job.cancel.is_set():
                        self._update(job, status="cancelled")
                        return
            if failure is not None:
                self._update(job, status="failed", error=failure)
                return
            try:
                renderer = self._renderer()
            except ImportError:
                self._update(job, status="failed",
                             error="the local renderer is not installed (backend.local.render)")
                return

            def progress(value: float) -> None:
                clamped = min(1.0, max(0.0, float(value)))
                self._update(job, progress=min(0.99, base + (1 - base) * clamped))

            renderer(draft, part, media=lambda mid: self.media(job.user_id, mid),
                     on_progress=progress, cancel=job.cancel)
            if job.cancel.is_set():
                self._update(job, status="cancelled")
                return
            if not part.is_file():
                self._update(job, status="failed", error="the renderer produced no file")
                return
            part.replace(self.output_path(job.id))
            self._update(job, status="completed", progress=1.0)
        except Exception as exc:
            if job.cancel.is_set() or type(exc).__name__ == "RenderCancelled":
                self._update(job, status="cancelled")
            elif is_disk_full(exc):
                self._update(job, status="failed", error=_DISK_FULL)
            else:
                self._update(job, status="failed", error=redact(str(exc))[:500] or type(
                    exc).__name__)
        finally:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
