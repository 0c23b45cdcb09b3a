"""The package's YAML data, parsed once per version and kept in the user's cache directory.

Hosts start the runtime once per message, and each start used to parse the same YAML files
(message catalogs, phrase tables, lexicons, the skill's frontmatter) again, with PyYAML's
import on top. ``load_yaml`` keeps the parsed value as a ``marshal`` file named after a hash of
the text, this package's version and the Python version, in ``$XDG_CACHE_HOME/nemovideo/data``
(else ``~/.cache/nemovideo/data``). A hit costs a file read and no YAML import. An entry that
is unreadable, corrupt or for other text is ignored and rebuilt; one of an older version of
the text is removed when its successor is written. Writes are atomic (0600); a cache that
cannot be written is simply not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backend.version import __version__

__all__ = ["DataError", "cache_dir", "load_yaml", "load_yaml_text"]

_MAGIC = "nemovideo-data-1"
_TAG = f"{__version__}\0{sys.version_info[0]}.{sys.version_info[1]}\0{marshal.version}"


class DataError(ValueError):
    """The text is not valid YAML: ``problem`` says why, ``line`` (0-based) where if known."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem if line is None else f"{problem} (line {line + 1})")
        self.problem = problem
        self.line = line


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where parsed data is kept; None when no home is known."""
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or (
        os.path.join(env["HOME"], ".cache") if env.get("HOME") else "")
    return Path(base) / "nemovideo" / "data" if base else None


def load_yaml(path: Path, *, env: Mapping[str, str] | None = None) -> Any:
    """The data in the YAML file ``path`` (parsed with the C loader when PyYAML has it).

    Raises ``OSError`` when the file cannot be read and ``DataError`` when it is not valid
    YAML (errors are never cached).
    """
    raw = path.read_bytes()
    # Named after the file and where it is: the package has several "en.yaml" (the agent's,
    # the message catalog's, the scene words'), and entries of one name replace each other.
    where = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape"))
    return _load(raw, f"{path.stem}-{where.hexdigest()[:8]}", lambda: raw.decode("utf-8"), env)


def load_yaml_text(text: str, *, name: str, env: Mapping[str, str] | None = None) -> Any:
    """``load_yaml`` for YAML held in a string (e.g. a SKILL.md's frontmatter); ``name``
    groups its entries so that older ones are replaced."""
    return _load(text.encode("utf-8"), name, lambda: text, env)


def _load(raw: bytes, name: str, text: Any, env: Mapping[str, str] | None) -> Any:
    key = hashlib.sha256(_TAG.encode() + b"\0" + raw).hexdigest()[:32]
    folder = cache_dir(env)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:40] or "data"
    entry = folder / f"{safe}-{key}.marshal" if folder is not None else None
    if entry is not None:
        found = _read(entry, key)
        if found is not None:
            return found[0]
    data = _parse(text())
    if entry is not None:
        _write(entry, key, data, safe)
    return data


def _parse(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built with it
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError(str(problem), mark.line if mark is not None else None) from None


def _read(entry: Path, key: str) -> tuple[Any] | None:
    try:
        magic, stored_key, data = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # missing, unreadable or corrupt: rebuilt by the caller
    if magic != _MAGIC or stored_key != key:
        return None
    return (data,)


def _write(entry: Path, key: str, data: Any, name: str) -> None:
    from backend.files import atomic_write_bytes

    try:
        payload = marshal.dumps((_MAGIC, key, data))
    except ValueError:
        return  # a value marshal cannot hold (e.g. a YAML date): parse it each time
    try:
        atomic_write_bytes(entry, payload)
    except OSError:
        return
    for older in entry.parent.glob(f"{name}-*.marshal"):
        if older != entry:
            with contextlib.suppress(OSError):
                older.unlink()
