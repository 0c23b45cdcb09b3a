"""Which code a process runs: the package version plus a fingerprint of the installed files.

The shared local backend outlives the message that started it. After the user upgrades or
reinstalls the package (or edits it, in an editable install) its next messages must not keep
talking to a server of the old code: the server records ``code_identity()`` when it starts, and
a client whose own identity differs asks it to make way (``backend.local.shared``).

The fingerprint hashes each file's path, size and modification time (not its contents): one
``stat`` per file, about 2 ms for the project's ~200 files, computed at most once per process.
Anything that installs or edits a file changes its modification time. What Python writes
beside the code (``__pycache__``) and editors' scratch files (hidden, ``~``) do not count.
Standard library only: every ``--local`` message that finds a running server computes it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

__all__ = ["PACKAGES", "code_identity", "fingerprint"]

#: The distribution's top-level packages (pyproject's ``packages``): the server imports from
#: ``backend`` and ``router``, and one identity for the whole install is the rule users expect
#: ("the version I installed answers").
PACKAGES = ("backend", "router", "skill", "translators")

_ROOT = Path(__file__).resolve().parents[2]


def fingerprint(root: Path, packages: tuple[str, ...] = PACKAGES) -> str:
    """A short hash of the files of ``packages`` under ``root``: names, sizes, mtimes."""
    entries: list[str] = []
    for package in packages:
        _walk(root / package, package, entries)
    entries.sort()
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _walk(folder: Path | str, relative: str, entries: list[str]) -> None:
    try:
        with os.scandir(folder) as found:
            for entry in found:
                name = entry.name
                if name == "__pycache__" or name.startswith(".") or name.endswith(("~", ".pyc")):
                    continue
                path = f"{relative}/{name}"
                try:
                    if entry.is_dir(follow_symlinks=False):
                        _walk(entry.path, path, entries)
                        continue
                    st = entry.stat()
                except OSError:  # removed while we looked: an install is under way
                    entries.append(f"{path}\0gone")
                    continue
                entries.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    except OSError:
        entries.append(f"{relative}\0missing")


@functools.cache
def code_identity() -> str:
    """``<version>+<fingerprint>`` of the code this process imported; computed once."""
    from backend.version import __version__

    return f"{__version__}+{fingerprint(_ROOT)}"
