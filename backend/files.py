"""Atomic, private file writes for state that must survive crashes and never be half-written."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["atomic_write_bytes", "atomic_write_json", "read_json"]


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600,
                       replace: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    The file is created with ``mode`` before any byte lands, so a secret is never readable by
    others, and a crash leaves either the old file or the new one, never a torn one.
    A missing folder is created; the innermost one gets mode 0700. With ``replace=False`` an
    existing ``path`` is kept and ``FileExistsError`` raised (the file appears complete or
    not at all, and of several writers exactly one wins).
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    import tempfile  # here: its import (random, shutil) is not paid by processes that only read

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _link_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)  # FileExistsError when path exists: the other writer won
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: the last writer wins, as with replace.
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def atomic_write_json(path: Path, value: Any, *, mode: int = 0o600) -> None:
    """Serialise ``value`` as pretty JSON and write it atomically with ``mode``."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)


def read_json(path: Path) -> Any | None:
    """Return the JSON in ``path``, or None when it is missing or unreadable as JSON.

    A corrupt state file is treated as absent rather than fatal: state is a cache of the
    server's, and the caller recreates what it needs.
    """
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError, UnicodeDecodeError):
        return None
