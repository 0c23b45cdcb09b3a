"""Receiving uploads without holding them in memory: multipart streamed to files in the data
directory, or a URL the local backend may read.

Limits (``Limits``) apply to the request as a whole: all its files together may not pass
``max_upload_bytes`` (4002), and it may carry at most ``max_upload_files`` files (422). They are
enforced as bytes arrive; the first problem ends the upload and removes what was written, and
nothing is kept unless every file of the request is accepted.

File names: any Unicode name is accepted and comes back unchanged for display (only directory
parts and control characters are dropped); the file on disk gets a sanitised copy of it.
``filename*`` (RFC 5987) wins over ``filename`` when a client sends both; a plain ``filename`` is
read as UTF-8 (what browsers and httpx send), with the HTML form escapes ``%22``/``%0A``/``%0D``.

Upload by URL never reaches the internet: ``file://`` URLs are read only under the server's
``allowed_file_root``, ``http://`` only from loopback hosts (127.0.0.1, localhost, [::1]);
anything else is refused with code 4001 and a message saying what is accepted. A fetch has a
total deadline, is cancelled with its request, and fails with one message whatever went wrong,
so that errors do not tell which loopback ports are open.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse

from python_multipart.multipart import MultipartParser, parse_options_header

from backend.errors import ACCEPTED_FORMATS, CODE_FILE_TOO_LARGE, CODE_UNSUPPORTED_FILE
from backend.local.guard import BodyTooLarge, is_disk_full, upload_too_large
from backend.local.limits import Limits
from backend.local.probe import file_type

__all__ = ["ReceivedFile", "UploadRejected", "discard", "display_name", "filename_from_disposition",
           "receive_multipart", "receive_urls", "stored_name"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Characters no file system of ours should get in a name (Windows' set, which covers POSIX).
_UNSAFE_ON_DISK = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Bidirectional overrides and isolates: they make "gnp.exe" display as "exe.png".
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:\\|\\\\)")
_MAX_DISPLAY_CHARS = 255
_MAX_STORED_BYTES = 200
_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_FORM_ESCAPE = re.compile(r"%(22|[01][0-9A-Fa-f])")


class UploadRejected(Exception):
    """An upload refused with an API ``code`` (4001 type/source, 4002 size) or 422 (form)."""

    def __init__(self, code: int, message: str, *, reason: str | None = None,
                 name: str | None = None) -> None:
        self.code = code
        self.message = message
        # What went wrong, for the client to word it: "fetch" (a link gave no file: the
        # same for a closed port and a 404, so answers map no ports), "not_media", "corrupt",
        # "type", "source".
        self.reason = reason
        self.name = name
        super().__init__(message)

    @property
    def data(self) -> dict[str, str] | None:
        if self.reason is None:
            return None
        return {"reason": self.reason, **({"name": self.name} if self.name else {})}


def display_name(raw: str) -> str:
    """The name to show for an uploaded file: ``raw`` without directories, control characters
    or bidirectional overrides, otherwise unchanged ("视频封面.png", "фото.png", "🎬.png")."""
    base = raw
    if _WINDOWS_PATH.match(base):  # an old browser's full path; else a backslash is a character
        base = base.rsplit("\\", 1)[-1]
    base = base.rsplit("/", 1)[-1]
    kept = "".join(ch for ch in base if unicodedata.category(ch) != "Cc"
                   and ch not in _BIDI_CONTROLS).strip()
    if len(kept) > _MAX_DISPLAY_CHARS:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: _MAX_DISPLAY_CHARS - len(ext) - 1] + dot + ext) if dot and len(
            ext) < 16 else kept[:_MAX_DISPLAY_CHARS]
    return kept if kept.strip(".") else "upload"


def stored_name(display: str) -> str:
    """A file-system-safe name for ``display`` (NFC, no separators or reserved characters, no
    leading dot, at most 200 UTF-8 bytes) that keeps its letters, whatever the script, and its
    extension."""
    name = _UNSAFE_ON_DISK.sub("_", unicodedata.normalize("NFC", display)).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = ext[:16]
    room = _MAX_STORED_BYTES - len(ext.encode()) - 1
    stem = stem.encode()[:room].decode("utf-8", "ignore").strip(" .") or "upload"
    return f"{stem}.{ext}" if ext else stem


def filename_from_disposition(header: bytes) -> str | None:
    """The file name of a multipart part's ``Content-Disposition`` header, or None for a plain
    form field. Reads ``filename*`` (RFC 5987: ``UTF-8''%E8%A7%86…``) before ``filename``."""
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError:
        text = header.decode("latin-1")
    params: dict[str, str] = {}
    for key, found in _PARAM.findall(text):
        value = found.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params.setdefault(key.lower(), value)
    extended = params.get("filename*")
    if extended is not None:
        charset, _, rest = extended.partition("'")
        _, _, encoded = rest.partition("'")
        try:
            return unquote(encoded if rest else extended, encoding=charset or "utf-8",
                           errors="replace")
        except LookupError:  # an unknown charset: the plain name, if any, will do
            pass
    plain = params.get("filename")
    if plain is None:
        return None
    return _FORM_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), plain)


@dataclass
class ReceivedFile:
    """One accepted file: ``filename`` is the display name, ``path`` where its bytes are."""

    filename: str
    path: Path
    size: int = 0
    sha256: str = ""

    @property
    def stored_name(self) -> str:
        return stored_name(self.filename)


def _type_error(filename: str, *, link: bool = False) -> UploadRejected:
    # Judged from the name, before any fetch: says nothing about what listens where.
    return UploadRejected(
        CODE_UNSUPPORTED_FILE,
        f"Unsupported file type: {filename}. Accepted formats: {', '.join(ACCEPTED_FORMATS)}",
        reason="not_media" if link else "type", name=filename,
    )


def _size_error(limit: int) -> UploadRejected:
    return UploadRejected(CODE_FILE_TOO_LARGE, upload_too_large(limit))


def _count_error(limit: int) -> UploadRejected:
    return UploadRejected(422, f"Too many files in one upload: at most {limit}. Send the rest "
                               "in another upload.")


def discard(files: list[ReceivedFile]) -> None:
    for f in files:
        with contextlib.suppress(FileNotFoundError):
            f.path.unlink()


class _MultipartSink:
    """python-multipart callbacks writing each file part straight to its own file; the first
    problem is kept in ``problem`` and everything after it is ignored."""

    def __init__(self, tmp: Path, limits: Limits) -> None:
        self.tmp = tmp
        self.limits = limits
        self.files: list[ReceivedFile] = []
        self.problem: UploadRejected | None = None
        self.total = 0
        self._headers: dict[bytes, bytes] = {}
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
        # Raw bytes: a header value is UTF-8 in practice, and decoding it is the name's job.
        self._headers[bytes(self._name).lower()] = bytes(self._value)
        self._name, self._value = bytearray(), bytearray()

    def headers_finished(self) -> None:
        if self.problem is not None:
            return
        raw_name = filename_from_disposition(self._headers.get(b"content-disposition", b""))
        if raw_name is None:
            return  # a plain form field: ignored
        name = display_name(raw_name)
        if file_type(name) is None:
            self.problem = _type_error(name)
            return
        if len(self.files) >= self.limits.max_upload_files:
            self.problem = _count_error(self.limits.max_upload_files)
            return
        self._current = ReceivedFile(name, self.tmp / f"{os.urandom(12).hex()}.part")
        fd = os.open(self._current.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._out = os.fdopen(fd, "wb")
        self._digest = hashlib.sha256()
        self.files.append(self._current)

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is None or self._current is None or self.problem is not None:
            return
        chunk = data[start:end]
        self._current.size += len(chunk)
        self.total += len(chunk)
        if self.total > self.limits.max_upload_bytes:
            self.close()
            self.problem = _size_error(self.limits.max_upload_bytes)
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
                            limits: Limits) -> list[ReceivedFile]:
    """Stream the file parts of a multipart body into files under ``tmp`` (which exists).

    Raises ``UploadRejected``: 4001 for a type outside ``ACCEPTED_FORMATS``, 4002 when the
    files together pass ``limits.max_upload_bytes``, 422 for too many files or a body without
    files; ``BodyTooLarge`` passes through. The first problem ends the upload (the rest of the
    body is not read) and partial files are removed.
    """
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRejected(422, "Send multipart/form-data with files=@<path>, or JSON "
                                  '{"urls": [...], "source_type": "url"}')
    sink = _MultipartSink(tmp, limits)
    parser = MultipartParser(boundary, sink.callbacks())  # type: ignore[arg-type]
    try:
        try:
            async for chunk in body:
                parser.write(chunk)
                if sink.problem is not None:
                    raise sink.problem
            parser.finalize()
        except (UploadRejected, BodyTooLarge):
            raise
        except Exception as exc:
            if is_disk_full(exc):
                raise
            raise UploadRejected(422, f"The multipart body could not be read: {exc}") from None
        if sink.problem is not None:
            raise sink.problem
        if not sink.files:
            raise UploadRejected(422, "No file in the upload: send files=@<path>")
    except BaseException:
        sink.close()
        discard(sink.files)
        raise
    return sink.files


async def receive_urls(urls: object, *, tmp: Path, limits: Limits, allowed_root: Path | None
                       ) -> list[ReceivedFile]:
    """Copy each URL's content under ``tmp``, all within ``limits.url_fetch_seconds``.

    Raises ``UploadRejected`` (4001 for a source the local backend will not read, a wrong
    type, a fetch that failed or took too long; 4002 when the files together pass
    ``limits.max_upload_bytes``; 422 for a bad or too long list). Cancelling the call (the
    client went away) stops the fetch; nothing is left behind either way.
    """
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise UploadRejected(422, 'Give "urls" as a non-empty list of strings')
    if len(urls) > limits.max_upload_files:
        raise _count_error(limits.max_upload_files)
    files: list[ReceivedFile] = []
    budget = limits.max_upload_bytes
    try:
        async with asyncio.timeout(limits.url_fetch_seconds):
            for url in urls:
                received = await _receive_url(url, tmp=tmp, budget=budget, limits=limits,
                                              allowed_root=allowed_root)
                files.append(received)
                budget -= received.size
    except TimeoutError:
        discard(files)
        raise _fetch_error(str(urls[len(files)])) from None
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


def _fetch_error(url: str) -> UploadRejected:
    # One message for refused, failed, non-200 and too slow alike: the answer must not map
    # which ports on this machine are open.
    return UploadRejected(CODE_UNSUPPORTED_FILE,
                          f"Could not fetch {url!r}: no file could be read from it. Check the "
                          "address, or upload the file itself.", reason="fetch", name=url)


async def _receive_url(url: str, *, tmp: Path, budget: int, limits: Limits,
                       allowed_root: Path | None) -> ReceivedFile:
    parsed = urlparse(url)
    name = display_name(unquote(parsed.path) or "upload")
    if parsed.scheme == "file":
        source = _allowed_file(url, allowed_root)
        if file_type(name) is None:
            raise _type_error(name)
        return await _copy(_file_chunks(source), name, tmp=tmp, budget=budget, limits=limits)
    if parsed.scheme == "http" and parsed.hostname in _LOOPBACK:
        if file_type(name) is None:
            raise _type_error(name, link=True)
        import httpx  # here: the shared server starts per project, and this is rarely used

        async with httpx.AsyncClient(follow_redirects=False,
                                     timeout=limits.url_fetch_seconds) as client:
            try:
                async with client.stream("GET", url) as response:
                    if response.status_code != 200:
                        raise _fetch_error(url)
                    return await _copy(response.aiter_bytes(), name, tmp=tmp, budget=budget,
                                       limits=limits)
            except httpx.HTTPError:
                raise _fetch_error(url) from None
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
        while chunk := await asyncio.to_thread(fh.read, 1 << 20):
            yield chunk


async def _copy(chunks: AsyncIterator[bytes], name: str, *, tmp: Path, budget: int,
                limits: Limits) -> ReceivedFile:
    received = ReceivedFile(name, tmp / f"{os.urandom(12).hex()}.part")
    digest = hashlib.sha256()
    fd = os.open(received.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as sink:
            async for chunk in chunks:
                received.size += len(chunk)
                if received.size > budget:
                    raise _size_error(limits.max_upload_bytes)
                sink.write(chunk)
                digest.update(chunk)
    except BaseException:
        discard([received])
        raise
    received.sha256 = digest.hexdigest()
    return received
