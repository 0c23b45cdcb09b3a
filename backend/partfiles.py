"""Partial downloads: one hidden, locked ``.part`` file per download, never left behind.

A download writes into ``.nemovideo-<16 hex>.<name>.part`` next to its destination and
holds an exclusive ``flock`` on it while it runs; it is renamed into place when complete and
removed on any failure or cancellation (the CLI turns SIGTERM into one). A process killed
outright (SIGKILL, power loss) leaves the file, and ``clean_partial_downloads`` removes it on
a later run: only files with our name pattern, owned by this user, whose lock nobody holds
(the lock dies with its process, so a download still running elsewhere is never touched).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

_flock: Callable[[int, int], None] | None
try:
    import fcntl

    _flock = fcntl.flock
    _LOCK = fcntl.LOCK_EX | fcntl.LOCK_NB
except ImportError:  # pragma: no cover - not POSIX: fall back to the age of the file
    _flock, _LOCK = None, 0

__all__ = ["PART_PATTERN", "clean_partial_downloads", "open_part"]

log = logging.getLogger(__name__)

#: The names of our partial downloads (and nothing a user would name a file).
PART_PATTERN = re.compile(r"\A\.nemovideo-[0-9a-f]{16}\..*\.part\Z", re.DOTALL)
#: A file younger than this may be one that another process has just created and not yet
#: locked: left alone.
MIN_AGE = 10.0
#: Without file locks, only a file this old is taken for a crash's leftover.
_UNLOCKABLE_AGE = 24 * 3600.0


def open_part(dest: Path) -> tuple[int, Path]:
    """Create and lock a new partial file for ``dest``; return its descriptor and path.

    Raises ``OSError`` when the folder cannot be written.
    """
    name = f".nemovideo-{secrets.token_hex(8)}.{dest.name[:100]}.part"
    path = dest.parent / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o600)
    if _flock is not None:
        try:
            _flock(fd, _LOCK)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()
            raise
    return fd, path


def clean_partial_downloads(folder: Path, *, min_age: float = MIN_AGE,
                            now: Callable[[], float] = time.time) -> int:
    """Remove partial downloads in ``folder`` that no running process owns; return how many.

    Never raises: a folder that does not exist or cannot be read has nothing to clean.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not PART_PATTERN.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        if now() - info.st_mtime < min_age:
            continue
        if _remove_if_unowned(Path(entry.path), info, now):
            removed += 1
    if removed:
        log.info("removed %d partial download(s) left in %s by an interrupted run", removed,
                 folder)
    return removed


def _remove_if_unowned(path: Path, info: os.stat_result, now: Callable[[], float]) -> bool:
    if _flock is None:
        if now() - info.st_mtime < _UNLOCKABLE_AGE:
            return False
        with contextlib.suppress(OSError):
            path.unlink()
            return True
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        try:
            _flock(fd, _LOCK)
        except OSError:
            return False  # a running download holds it
        same = os.fstat(fd)
        if (same.st_ino, same.st_dev) != (info.st_ino, info.st_dev):
            return False
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
