"""What the client keeps between processes: token, task and session ids, pending renders.

One JSON file per (skill, API base) in the config directory, written atomically with mode
0600, so a restarted process continues the same project and resumes renders it started.

Several processes may work on one project at once (a host's CLI calls, an MCP server): every
change is a read-modify-write under the project's file lock, ``locked`` lets a caller hold
that lock across the creation of a token or session (so that only one process creates it),
and a pending render is *claimed* by the process waiting for it, so that another process
resumes only renders whose process has gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from backend.errors import ConfigDirUnusable
from backend.files import atomic_write_json, read_json

try:  # POSIX; elsewhere the store works without cross-process locking
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCAL_STORE_KEY", "BatchItem", "PendingRender", "SessionStore", "StoredSession"]

_FORMAT = 1

#: The store's key for the embedded local backend: its port changes per process, its data
#: directory does not, so the project continues across invocations.
LOCAL_STORE_KEY = "local"


@dataclass(frozen=True)
class PendingRender:
    """A render this client submitted and has not yet delivered."""

    render_id: str
    session_id: str
    dest_dir: str
    filename: str
    attempt: int = 1
    submitted_at: float = 0.0

    @classmethod
    def from_json(cls, value: object) -> PendingRender | None:
        if not isinstance(value, dict):
            return None
        try:
            return cls(render_id=str(value["render_id"]), session_id=str(value["session_id"]),
                       dest_dir=str(value["dest_dir"]), filename=str(value["filename"]),
                       attempt=int(value.get("attempt", 1)),
                       submitted_at=float(value.get("submitted_at", 0.0)))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class BatchItem:
    """One project of a batch ("a separate video from each of these"): the file it was made
    from and its session."""

    name: str
    session_id: str
    task_id: str | None = None

    @classmethod
    def from_json(cls, value: object) -> BatchItem | None:
        if not isinstance(value, dict) or not isinstance(value.get("session_id"), str):
            return None
        task = value.get("task_id")
        return cls(name=str(value.get("name") or ""), session_id=value["session_id"],
                   task_id=task if isinstance(task, str) and task else None)


@dataclass(frozen=True)
class StoredSession:
    """The persisted state of one project. The token never appears in ``repr``."""

    token: str | None = field(default=None, repr=False)
    user_id: str | None = None
    expires_at: float | None = None
    task_id: str | None = None
    session_id: str | None = None
    language: str | None = None
    renders: tuple[PendingRender, ...] = ()
    batch: tuple[BatchItem, ...] = ()
    #: what the runtime's last reply was (the router's ``after`` context), or None.
    last_reply: str | None = None
    #: The agent's unanswered ``ask_question`` payload (``AgentQuestion.to_json()``).
    question: dict[str, Any] | None = None
    #: The cached claim link: ``{"url", "expires_at", "session_id", "api"}`` (``backend.claim``).
    claim: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        value = asdict(self)
        value["renders"] = [asdict(r) for r in self.renders]
        value["batch"] = [asdict(b) for b in self.batch]
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> StoredSession:
        def opt(key: str) -> str | None:
            item = value.get(key)
            return item if isinstance(item, str) and item else None

        expires = value.get("expires_at")
        question = value.get("question")
        claim = value.get("claim")
        renders = value.get("renders")
        pending = [PendingRender.from_json(r) for r in renders] if isinstance(renders, list) else []
        items = value.get("batch")
        batch = [BatchItem.from_json(b) for b in items] if isinstance(items, list) else []
        return cls(token=opt("token"), user_id=opt("user_id"),
                   expires_at=float(expires) if isinstance(expires, int | float) else None,
                   task_id=opt("task_id"), session_id=opt("session_id"),
                   language=opt("language"), renders=tuple(r for r in pending if r),
                   batch=tuple(b for b in batch if b),
                   last_reply=opt("last_reply"),
                   question=question if isinstance(question, dict) else None,
                   claim=claim if isinstance(claim, dict) else None)


class SessionStore:
    """Load and save a ``StoredSession`` for one skill and API base.

    ``SessionStore(None, …)`` keeps everything in memory (nothing survives the process).
    Write failures raise ``ConfigDirUnusable`` (a ``ConfigError``) naming the file and what to do.
    """

    def __init__(self, config_dir: Path | None, *, skill: str, api_base: str) -> None:
        self.skill = skill
        self.api_base = api_base.rstrip("/")
        self.path: Path | None = None
        if config_dir is not None:
            slug = re.sub(r"[^A-Za-z0-9_.\-]", "_", skill)[:64] or "skill"
            digest = hashlib.sha256(f"{skill}\0{self.api_base}".encode()).hexdigest()[:16]
            self.path = config_dir / "sessions" / f"{slug}-{digest}.json"
        self._current: StoredSession | None = None
        self._depth = 0  # how deeply this store holds the project lock (re-entrant)
        self._claims: dict[str, int] = {}  # render id -> descriptor holding its claim

    def __repr__(self) -> str:
        return f"SessionStore(skill={self.skill!r}, api_base={self.api_base!r})"

    def load(self) -> StoredSession:
        """The stored session, or an empty one when none (or an unreadable one) exists."""
        if self._current is not None:
            return self._current
        current = StoredSession()
        if self.path is not None:
            raw = read_json(self.path)
            if (isinstance(raw, dict) and raw.get("skill") == self.skill
                    and raw.get("api_base") == self.api_base):
                current = StoredSession.from_json(raw)
        self._current = current
        return current

    def update(self, **changes: Any) -> StoredSession:
        """Apply ``changes`` (fields of ``StoredSession``), persist and return the result."""
        return self._modify(lambda current: replace(current, **changes))

    def add_render(self, pending: PendingRender) -> None:
        """Remember a submitted render (replacing one with the same id); this process claims
        it until ``remove_render``."""
        def add(current: StoredSession) -> StoredSession:
            others = tuple(r for r in current.renders if r.render_id != pending.render_id)
            return replace(current, renders=(*others, pending))
        self._claim(pending.render_id)
        self._modify(add)

    def remove_render(self, render_id: str) -> None:
        """Forget a render (delivered, failed or replaced by a retry) and release its claim."""
        self._modify(lambda current: replace(
            current, renders=tuple(r for r in current.renders if r.render_id != render_id)))
        fd = self._claims.pop(render_id, None)
        if fd is not None:
            os.close(fd)
            with contextlib.suppress(OSError):
                self._claim_path(render_id).unlink()

    def claim_pending(self) -> tuple[PendingRender, ...]:
        """The pending renders this process may deliver: its own, and those whose process
        has gone (claimed now). A render another live process waits for is left to it."""
        claimed = [r for r in self.load().renders if self._claim(r.render_id)]
        if not claimed:
            return ()
        # Read again: a render delivered between our reading and our claim is gone now.
        still = {r.render_id for r in self.reload().renders}
        for render in claimed:
            if render.render_id not in still:
                self._release(render.render_id)
        return tuple(r for r in claimed if r.render_id in still)

    def release_claims(self) -> None:
        """Let other processes resume this one's pending renders (as its exit would)."""
        for render_id in list(self._claims):
            self._release(render_id)

    def _claim(self, render_id: str) -> bool:
        if render_id in self._claims or self.path is None or fcntl is None:
            return True
        try:
            fd = os.open(self._claim_path(render_id), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                         0o600)
        except OSError:
            return True  # cannot coordinate: behave as a single process would
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._claims[render_id] = fd
        return True

    def _release(self, render_id: str) -> None:
        fd = self._claims.pop(render_id, None)
        if fd is not None:
            os.close(fd)

    def _claim_path(self, render_id: str) -> Path:
        assert self.path is not None
        safe = re.sub(r"[^A-Za-z0-9_.\-]", "_", render_id)[:100]
        return self.path.with_name(f"{self.path.stem}.render-{safe}.lock")

    def _modify(self, change: Callable[[StoredSession], StoredSession]) -> StoredSession:
        # Read, change and write under an exclusive lock on a sidecar file, reading the file
        # afresh: a CLI call and an MCP server (or two hosts) on one project must not
        # overwrite each other's token, session or pending renders.
        with self._locked():
            if self.path is not None:
                self._current = None
            current = self.load()
            new = change(current)
            # Unchanged (e.g. the same reply context as the last message): nothing to write,
            # which spares most messages a disk sync.
            if new != current:
                self._save(new)
            return new

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._depth or self.path is None or fcntl is None:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        fd = self._open_lock()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._depth = 1
            yield
        finally:
            self._depth = 0
            os.close(fd)  # closing releases the lock

    @contextlib.asynccontextmanager
    async def locked(self) -> AsyncIterator[StoredSession]:
        """Hold the project's lock (other processes wait for it; re-entrant in this store)
        and yield the stored session as read afresh under it. For creating what only one
        process should create: a token, a session."""
        if self._depth or self.path is None or fcntl is None:
            with self._locked():
                yield self.reload()
            return
        fd = self._open_lock()
        try:
            pause = 0.001
            while True:  # flock would block the event loop: try, and wait between tries
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, 0.05)
            self._depth = 1
            yield self.reload()
        finally:
            self._depth = 0
            os.close(fd)

    def _open_lock(self) -> int:
        assert self.path is not None
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            lock.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise ConfigDirUnusable(str(lock), exc) from None

    def reload(self) -> StoredSession:
        """Read the file again (a store kept in memory only has what it holds)."""
        if self.path is not None:
            self._current = None
        return self.load()

    def _save(self, value: StoredSession) -> None:
        if self.path is not None:
            payload = {"format": _FORMAT, "skill": self.skill, "api_base": self.api_base,
                       **value.to_json()}
            try:
                atomic_write_json(self.path, payload)
            except OSError as exc:
                raise ConfigDirUnusable(str(self.path), exc) from None
        self._current = value
