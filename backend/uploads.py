"""Checks made before an upload leaves the machine: files that exist, accepted types, size."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from backend.errors import ACCEPTED_FORMATS, MAX_UPLOAD_BYTES, FileRejected, UsageError

__all__ = ["check_files", "check_urls", "mime_type"]

_EXTRA_MIME = {"mkv": "video/x-matroska", "m4a": "audio/mp4", "aac": "audio/aac",
               "webp": "image/webp", "webm": "video/webm"}


def check_files(paths: Iterable[str | Path], *, max_bytes: int = MAX_UPLOAD_BYTES
                ) -> list[Path]:
    """Return the paths as ``Path`` objects when every one can be uploaded.

    Raises ``FileRejected`` for the first file that is missing, not a regular file, of a type
    the service refuses (naming the accepted formats) or too large (suggesting a fix), and
    ``UsageError`` when no file is given.
    """
    result = [Path(p).expanduser() for p in paths]
    if not result:
        raise UsageError("no file to upload: give at least one file")
    for path in result:
        if not path.is_file():
            raise FileRejected(f"{path.name}: no such file", filename=path.name,
                               reason="missing")
        ext = path.suffix.lower().lstrip(".")
        if ext not in ACCEPTED_FORMATS:
            raise FileRejected(
                f"{path.name}: {('.' + ext) if ext else 'files without an extension'} cannot be "
                f"uploaded. Accepted formats: {', '.join(ACCEPTED_FORMATS)}",
                filename=path.name, reason="type")
        size = path.stat().st_size
        if size > max_bytes:
            raise FileRejected(
                f"{path.name}: {size / 1024 / 1024:.0f} MB is over the "
                f"{max_bytes // 1024 // 1024} MB limit; compress it or trim it first",
                filename=path.name, reason="size")
    return result


def check_urls(urls: Iterable[str]) -> list[str]:
    """Return the URLs stripped when every one is an absolute http(s) URL; else ``UsageError``."""
    result = [u.strip() for u in urls]
    if not result:
        raise UsageError("no URL to upload: give at least one http(s) link")
    for url in result:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"{url[:200]!r} is not an http(s) link to a media file")
    return result


def mime_type(path: Path) -> str:
    """The content type to declare for ``path`` in a multipart upload."""
    ext = path.suffix.lower().lstrip(".")
    return _EXTRA_MIME.get(ext) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
