"""Receiving uploads without holding them in memory: multipart streamed to files in the data
directory, or a URL the local backend may read.

The size limit is enforced as bytes arrive; the rest of an oversized body is read and
discarded so the client gets the 4002 answer instead of a broken pipe. Nothing is kept
unless every file of the request is accepted.

Upload by URL never reaches the internet: ``file://`` URLs are read only under the server's
``allowed_file_root``, ``http://`` only from loopback hosts (127.0.0.1, localhost, [::1]);
anything else is refused with code 4001 and a message saying what is accepted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse

import httpx
from python_multipart.multipart import MultipartParser, parse_options_header

from backend.errors import ACCEPTED_FORMATS, CODE_FILE_TOO_LARGE, CODE_UNSUPPORTED_FILE
from backend.local.probe import file_type

__all__ = ["ReceivedFile", "UploadRejected", "discard", "receive_multipart", "receive_urls"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._\-\u3400-\u9fff]+")


class UploadRejected(Exception):
    """An upload refused with an API ``code`` (4001 type/source, 4002 size) or 422 (form)."""

    def __init__(self, code: int, message: str, *, reason: str | None = None,
                 name: str | None = None) -> None:
        self.code = code
        self.message = message
        # What went wrong, for the client to word it: "unreachable", "not_found",
        # "http_error", "not_media", "corrupt", "type", "source", "size".
        self.reason = reason
        self.name = name
        super().__init__(message)

    @property
    def data(self) -> dict[str, str] | None:
        if self.reason is None:
            return None
        return {"reason": self.reason, **({"name": self.name} if self.name else {})}


@dataclass
class ReceivedFile:
    filename: str
    path: Path
    size: int = 0
    sha256: str = ""


def safe_filename(name: str) -> str:
    """A file name without directories or odd characters (keeps the extension)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


def _type_error(filename: str) -> UploadRejected:
    return UploadRejected(
        CODE_UNSUPPORTED_FILE,
        f"Unsupported file type: {filename}. Accepted formats: {', '.join(ACCEPTED_FORMATS)}",
        reason="type", name=filename,
    )


def _size_error(filename: str, limit: int) -> UploadRejected:
    return UploadRejected(
        CODE_FILE_TOO_LARGE,
        f"File too large: {filename} exceeds the {limit // (1024 * 1024) or limit} "
        f"{'MB' if limit >= 1024 * 1024 else 'bytes'} limit. Compress or trim it and try again.",
    )


def discard(files: list[ReceivedFile]) -> None:
    for f in files:
        with contextlib.suppress(FileNotFoundError):
            f.path.unlink()


class _MultipartSink:
    """python-multipart callbacks writing each file part straight to its own file."""

    def __init__(self, tmp: Path, limit: int) -> None:
        self.tmp = tmp
        self.limit = limit
        self.files: list[ReceivedFile] = []
        self.problems: list[UploadRejected] = []
        self._headers: dict[str, str] = {}
        self._name = bytearray()
        self._value = bytearray()
        self._current: ReceivedFile | None = None
        self._out: IO[bytes] | None = None
        self._digest = hashlib.sha256()

    def callbacks(self) -> dict[str, Any]:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
                "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self._headers = {}
        self._current = None

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._name.decode("latin-1").lower()] = self._value.decode(
            "utf-8", "replace")
        self._name, self._value = bytearray(), bytearray()

    def headers_finished(self) -> None:
        _, disp = parse_options_header(self._headers.get("content-disposition", ""))
        raw_name = disp.get(b"filename")
        if raw_name is None:
            return  # a plain form field: ignored
        name = safe_filename(raw_name.decode("utf-8", "replace"))
        if file_type(name) is None:
            self.problems.append(_type_error(name))
            return
        self._current = ReceivedFile(name, self.tmp / f"{os.urandom(12).hex()}.part")
        fd = os.open(self._current.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._out = os.fdopen(fd, "wb")
        self._digest = hashlib.sha256()
        self.files.append(self._current)

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is None or self._current is None:
            return
        chunk = data[start:end]
        self._current.size += len(chunk)
        if self._current.size > self.limit:
            self.close()
            self.problems.append(_size_error(self._current.filename, self.limit))
            return
        self._out.write(chunk)
        self._digest.update(chunk)

    def part_end(self) -> None:
        if self._out is not None and self._current is not None:
            self.close()
            self._current.sha256 = self._digest.hexdigest()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


async def receive_multipart(content_type: str, body: AsyncIterator[bytes], *, tmp: Path,
                            limit: int) -> list[ReceivedFile]:
    """Stream the file parts of a multipart body into files under ``tmp`` (which exists).

    Raises ``UploadRejected``: 4001 for a type outside ``ACCEPTED_FORMATS``, 4002 for a file
    over ``limit`` bytes, 422 for a body without files. Partial files are removed.
    """
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRejected(422, "Send multipart/form-data with files=@<path>, or JSON "
                                  '{"urls": [...], "source_type": "url"}')
    sink = _MultipartSink(tmp, limit)
    parser = MultipartParser(boundary, sink.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except Exception as exc:
        sink.close()
        discard(sink.files)
        raise UploadRejected(422, f"The multipart body could not be read: {exc}") from None
    if sink.problems or not sink.files:
        discard(sink.files)
        if sink.problems:
            raise sink.problems[0]
        raise UploadRejected(422, "No file in the upload: send files=@<path>")
    return sink.files


async def receive_urls(urls: object, *, tmp: Path, limit: int, allowed_root: Path | None
                       ) -> list[ReceivedFile]:
    """Copy each URL's content under ``tmp``. Raises ``UploadRejected`` (4001 for a source
    the local backend will not read or a wrong type, 4002 over ``limit``, 422 bad body)."""
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise UploadRejected(422, 'Give "urls" as a non-empty list of strings')
    files: list[ReceivedFile] = []
    try:
        for url in urls:
            files.append(await _receive_url(url, tmp=tmp, limit=limit, allowed_root=allowed_root))
    except BaseException:
        discard(files)
        raise
    return files


def _refuse_source(url: str, allowed_root: Path | None) -> UploadRejected:
    where = (f"file:// paths under {allowed_root}" if allowed_root
             else "no file:// paths (start the server with --allow-dir DIR to allow some)")
    return UploadRejected(
        CODE_UNSUPPORTED_FILE,
        f"The local backend does not fetch from the internet and cannot read {url!r}. It accepts "
        f"{where} and http://127.0.0.1 URLs; otherwise upload the file itself.",
        reason="source", name=url,
    )


async def _receive_url(url: str, *, tmp: Path, limit: int, allowed_root: Path | None
                       ) -> ReceivedFile:
    parsed = urlparse(url)
    name = safe_filename(unquote(parsed.path) or "upload")
    if parsed.scheme == "file":
        source = _allowed_file(url, allowed_root)
        if file_type(name) is None:
            raise _type_error(name)
        return await _copy(_file_chunks(source), name, tmp=tmp, limit=limit)
    if parsed.scheme == "http" and parsed.hostname in _LOOPBACK:
        async with httpx.AsyncClient(follow_redirects=False, timeout=60.0) as client:
            try:
                async with client.stream("GET", url) as response:
                    if response.status_code in (404, 410):
                        raise UploadRejected(CODE_UNSUPPORTED_FILE,
                                             f"{url} was not found (HTTP {response.status_code})",
                                             reason="not_found", name=url)
                    if response.status_code != 200:
                        raise UploadRejected(CODE_UNSUPPORTED_FILE,
                                             f"{url} answered HTTP {response.status_code}",
                                             reason="http_error", name=url)
                    ctype = response.headers.get("content-type", "").split(";")[0].strip()
                    if file_type(name) is None or ctype.startswith("text/"):
                        raise UploadRejected(
                            CODE_UNSUPPORTED_FILE,
                            f"{url} is not a video, image or audio file "
                            f"({ctype or 'unknown content'}). Accepted formats: "
                            f"{', '.join(ACCEPTED_FORMATS)}", reason="not_media", name=url)
                    return await _copy(response.aiter_bytes(), name, tmp=tmp, limit=limit)
            except httpx.HTTPError as exc:
                raise UploadRejected(CODE_UNSUPPORTED_FILE,
                                     f"{url} could not be reached ({exc.__class__.__name__})",
                                     reason="unreachable", name=url) from None
    raise _refuse_source(url, allowed_root)


def _allowed_file(url: str, allowed_root: Path | None) -> Path:
    """The local file of a ``file://`` URL if it lies under ``allowed_root`` (links resolved)."""
    if allowed_root is None:
        raise _refuse_source(url, allowed_root)
    source = Path(unquote(urlparse(url).path)).resolve()
    if not source.is_relative_to(allowed_root.resolve()) or not source.is_file():
        raise _refuse_source(url, allowed_root)
    return source


async def _file_chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk


async def _copy(chunks: AsyncIterator[bytes], name: str, *, tmp: Path, limit: int
                ) -> ReceivedFile:
    received = ReceivedFile(name, tmp / f"{os.urandom(12).hex()}.part")
    digest = hashlib.sha256()
    fd = os.open(received.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as sink:
            async for chunk in chunks:
                received.size += len(chunk)
                if received.size > limit:
                    raise _size_error(name, limit)
                sink.write(chunk)
                digest.update(chunk)
    except BaseException:
        discard([received])
        raise
    received.sha256 = digest.hexdigest()
    return received
