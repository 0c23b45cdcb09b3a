"""The compiled router tables on disk, so that a process routing one message does not parse
YAML or build indexes.

The cache file holds the plain data ``router.tables.compile_builtin`` returns, serialised
with ``marshal`` (only built-in types: loading it runs no code). It is keyed by a hash of the
package data, of the modules that build it and of the Python version, and written atomically
in the user's cache directory (``$XDG_CACHE_HOME/nemovideo``, else ``~/.cache/nemovideo``).
A file that is missing, stale, truncated or corrupt (its checksum does not match) is ignored
and rebuilt; a cache directory that cannot be written costs only the rebuild.

Key and checksum are CRC-32 and Adler-32 (``zlib``), not SHA-256: they guard against stale and
damaged files, not against someone who can write the user's cache directory (who could
write a matching SHA-256 as easily), and ``hashlib`` (OpenSSL) costs a process that routes one
message about 2 ms to import, and 1.5 ms more to hash the data and the cache file.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Final

__all__ = ["cache_dir", "cache_key", "cache_path", "load_compiled"]

#: Bump when the compiled layout changes in a way the hashed sources would not show.
FORMAT: Final = 6
_PREFIX: Final = "router-"
_DIGEST: Final = 8  # the payload's checksum (_checksum), stored in front of it
#: Compiled files kept per part. More than one, so that two installs of different versions
#: sharing a home directory (a host's copy and a user's) do not rebuild each other's tables
#: on every message; bounded, so that upgrades do not pile files up.
KEEP: Final = 4


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/nemovideo``, else ``~/.cache/nemovideo``."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "nemovideo"


def _checksum(data: bytes, crc: int = 0, adler: int = 1) -> bytes:
    """CRC-32 and Adler-32 of ``data`` (continuing from ``crc`` and ``adler``): 8 bytes."""
    return (zlib.crc32(data, crc).to_bytes(4, "big")
            + zlib.adler32(data, adler).to_bytes(4, "big"))


def cache_key() -> str:
    """A hash of everything the compiled tables depend on (each part's length and checksum,
    so that no part's bytes can run into the next one's). Worked out once per process (and
    layout): the first message that needs the learned model would read and hash the
    800 kB of data a second time otherwise."""
    key = _KEYS.get(FORMAT)
    if key is None:
        key = _KEYS[FORMAT] = _key()
    return key


_KEYS: dict[int, str] = {}


def _key() -> str:
    from router.tables import DATA_DIR, DATA_FILES

    here = Path(__file__).parent
    parts = [f"{FORMAT}\0{sys.version}".encode()]
    parts += [(DATA_DIR / name).read_bytes() for name in DATA_FILES]
    # intent.py: its PackedWeights reads the learned models' part of the cache; grammar.py
    # compiles grammar.yaml's lists into it.
    parts += [(here / module).read_bytes()
              for module in ("tables.py", "text.py", "cache.py", "intent.py", "grammar.py",
                             "plain.py")]
    return _checksum(b"".join(len(part).to_bytes(8, "big") + _checksum(part)
                              for part in parts)).hex() + _checksum(b"".join(parts)).hex()


def cache_path(key: str | None = None, part: str = "tables") -> Path:
    return cache_dir() / f"{_PREFIX}{part}-{key or cache_key()}.bin"


def _read(path: Path) -> dict[str, Any] | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    payload = blob[_DIGEST:]
    if len(blob) <= _DIGEST or _checksum(payload) != blob[:_DIGEST]:
        return None
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    import tempfile  # only when writing: its import costs start-up time

    payload = marshal.dumps(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_checksum(payload) + payload)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path)
    except OSError:
        pass  # a read-only or full cache directory only costs the rebuild next time


def _prune(path: Path) -> None:
    """Keep ``path`` and the most recently written others of its part, ``KEEP`` in all."""
    part = path.name[len(_PREFIX):].split("-", 1)[0]
    others: list[tuple[float, Path]] = []
    for old in path.parent.glob(f"{_PREFIX}{part}-*.bin"):
        if old != path:
            with contextlib.suppress(OSError):  # removed meanwhile by another process
                others.append((old.stat().st_mtime, old))
    others.sort(reverse=True)
    for _, old in others[KEEP - 1:]:
        old.unlink(missing_ok=True)


def load_compiled(part: str = "tables") -> dict[str, Any]:
    """One part of the compiled built-in tables: ``tables`` (everything a route needs) or
    ``intent`` (the learned fallback's weights, read only when a message needs them). From
    the cache when current, else built, and both parts cached."""
    from router.tables import compile_builtin

    key = cache_key()
    data = _read(cache_path(key, part))
    if data is not None:
        if part == "intent":
            data["intent"] = _unpacked(data["intent"])
        return data
    built = compile_builtin()
    intent = {"format": FORMAT, "intent": built.pop("intent")}
    tables = {"format": FORMAT, **built}
    _write(cache_path(key, "intent"), {**intent, "intent": _packed(intent["intent"])})
    _write(cache_path(key, "tables"), tables)
    return intent if part == "intent" else tables


# The learned models' weights (a vector of floats per feature, ten thousand features) are
# kept as their sorted features and one string of doubles, read into
# ``router.intent.PackedWeights``: a vector is made when a message first has its feature,
# instead of marshal making a list and five float objects per feature as the model loads.
_WEIGHTS: Final = ("weights",)


def _packed(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` (an intent.json mapping) with each weight table packed (see ``_unpacked``)."""
    from router.intent import PackedWeights

    out = dict(model)
    for name in _WEIGHTS:
        weights = out.get(name)
        if isinstance(weights, dict) and weights:
            features, width, doubles = PackedWeights.pack(weights)
            out[name] = {"features": features, "width": width, "doubles": doubles}
    if isinstance(out.get("caption"), dict):
        out["caption"] = _packed(out["caption"])
    return out


def _unpacked(model: dict[str, Any]) -> dict[str, Any]:
    from router.intent import PackedWeights

    for name in _WEIGHTS:
        packed = model.get(name)
        if isinstance(packed, dict) and "doubles" in packed:
            model[name] = PackedWeights(packed["features"], packed["width"], packed["doubles"])
    if isinstance(model.get("caption"), dict):
        model["caption"] = _unpacked(model["caption"])
    return model
