"""Which server instances are alive: each keeps a lock on its own file in the data directory.

Work that must not outlive its server (credits frozen for a turn) records the owner's id;
a later server releases what belongs to owners whose lock is free, because a lock held by a
process ends with that process, however it ends (kill -9 included). Without ``fcntl``
(Windows) every other owner counts as gone.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["OwnerLock"]


class OwnerLock:
    """This instance's lock file ``<folder>/<id>.lock``, held until ``close()``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.id = uuid.uuid4().hex
        self._fd: int | None = os.open(self._path(self.id), os.O_CREAT | os.O_RDWR, 0o600)
        if fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _path(self, owner: str) -> Path:
        return self.folder / f"{owner}.lock"

    def alive(self, owner: str) -> bool:
        """Whether the instance ``owner`` still runs (this one always does)."""
        if owner == self.id:
            return True
        path = self._path(owner)
        if fcntl is None or not owner.isalnum() or not path.is_file():
            return False
        fd = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # also drops the lock if we got it
        return False

    def forget(self, owner: str) -> None:
        """Remove the lock file of a gone instance."""
        if owner != self.id and owner.isalnum():
            with contextlib.suppress(FileNotFoundError):
                self._path(owner).unlink()

    def close(self) -> None:
        """Give the lock up and remove its file (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            with contextlib.suppress(FileNotFoundError):
                self._path(self.id).unlink()
