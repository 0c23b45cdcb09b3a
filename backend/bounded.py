"""Reading HTTP answers within limits: decompression in bounded steps, byte caps, deadlines.

httpx decompresses a whole network chunk at once (64 KiB of gzip can become 64 MiB) and
reads a body to its end; here the raw bytes are inflated ``step`` bytes at a time and every
caller counts what it keeps, so a gzip bomb or an endless body costs at most one limit.
Only the encodings the client asks for (``ACCEPT_ENCODING``) are decoded; anything else is
refused rather than passed on as garbage.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncGenerator, Iterator, Mapping

import httpx

from backend.errors import ResponseTooLarge

__all__ = ["ACCEPT_ENCODING", "BadEncoding", "Inflater", "body_chunks", "human_size",
           "read_body"]

#: What the client accepts (br and zstd are not asked for, so never decoded).
ACCEPT_ENCODING = "gzip, deflate"


class BadEncoding(Exception):
    """The body's content encoding is unknown or its compressed data is corrupt.

    Callers map it: a plain call answers ``BadResponse``; a chat stream counts it as a drop.
    """


class _Stage:
    """One zlib stream (gzip, zlib-wrapped or raw deflate), inflated in bounded steps."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        self._inflate = zlib.decompressobj(self._wbits)
        self._first = True

    def feed(self, data: bytes, step: int) -> Iterator[bytes]:
        while True:
            try:
                out = self._inflate.decompress(data, step)
            except zlib.error as exc:
                if self.encoding == "deflate" and self._first:
                    # "deflate" is sent both zlib-wrapped (as specified) and raw (as some
                    # servers do): try raw once before calling the body corrupt.
                    self._first = False
                    self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BadEncoding(f"corrupt {self.encoding} data ({exc})") from None
            self._first = False
            if out:
                yield out
            if self._inflate.eof:
                rest = self._inflate.unused_data
                if not rest or self.encoding != "gzip":
                    return
                # Concatenated gzip members (allowed by RFC 1952): start the next one.
                self._inflate = zlib.decompressobj(self._wbits)
                data = rest
                continue
            data = self._inflate.unconsumed_tail
            # A full step may leave output pending inside zlib: ask again with no input.
            if not data and len(out) < step:
                return

    def flush(self) -> bytes:
        return self._inflate.flush()


class Inflater:
    """Decode a body's ``Content-Encoding`` (identity, gzip, deflate, or a chain of them)."""

    def __init__(self, content_encoding: str, *, step: int = 256 * 1024) -> None:
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        names = [n for n in names if n != "identity"]
        stages = []
        for name in reversed(names):  # the last encoding applied is undone first
            if name in ("gzip", "x-gzip"):
                stages.append(_Stage("gzip"))
            elif name == "deflate":
                stages.append(_Stage("deflate"))
            else:
                raise BadEncoding(f"unsupported content encoding {name!r}")
        self._stages = stages
        self._step = step

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes for ``data``, in pieces of at most ``step`` bytes."""
        return self._through(0, data)

    def flush(self) -> Iterator[bytes]:
        """Whatever the decoders still hold at the end of the body."""
        for index, stage in enumerate(self._stages):
            tail = stage.flush()
            if tail:
                yield from self._through(index + 1, tail)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._stages):
            if data:
                yield data
            return
        for piece in self._stages[index].feed(data, self._step):
            yield from self._through(index + 1, piece)


async def body_chunks(response: httpx.Response, *, step: int = 256 * 1024,
                      deadline: float | None = None) -> AsyncGenerator[bytes, None]:
    """The decoded body of a streamed ``response``, in pieces of at most ``step`` bytes.

    ``deadline`` (event-loop time) bounds every wait for the network; past it, the builtin
    ``TimeoutError`` is raised. Raises ``BadEncoding`` for an encoding the client cannot
    decode. The caller counts and limits what it keeps.
    """
    if response.is_stream_consumed:
        # Built in memory (httpx.MockTransport in tests): httpx has read and decoded it.
        content = response.content
        for start in range(0, len(content), step):
            yield content[start:start + step]
        return
    inflater = Inflater(response.headers.get("content-encoding", ""), step=step)
    raw = response.aiter_raw()
    while True:
        if deadline is None:
            chunk = await anext(raw, None)
        else:
            # Only the wait is under the deadline, never the consumer's work between
            # pieces (this is an async generator: a timeout must not span a yield).
            async with asyncio.timeout_at(deadline):
                chunk = await anext(raw, None)
        if chunk is None:
            break
        for piece in inflater.feed(chunk):
            yield piece
    for piece in inflater.flush():
        yield piece


async def read_body(response: httpx.Response, *, limit: int, what: str,
                    truncate: bool = False, step: int = 256 * 1024) -> bytes:
    """Read a streamed ``response`` into memory, at most ``limit`` decoded bytes.

    Beyond ``limit``, reading stops: with ``truncate`` the first ``limit`` bytes are returned
    (an error answer, whose message is at its start), else ``ResponseTooLarge`` naming
    ``what`` is raised. A declared ``Content-Length`` over the limit fails before reading.
    """
    declared = _content_length(response.headers)
    if (not truncate and declared is not None and declared > limit
            and not response.headers.get("content-encoding")):
        raise _too_large(what, limit, response.status_code)
    buffer = bytearray()
    async for piece in body_chunks(response, step=step):
        room = limit - len(buffer)
        if len(piece) > room:
            if truncate:
                buffer += piece[:room]
                break
            raise _too_large(what, limit, response.status_code)
        buffer += piece
    return bytes(buffer)


def _too_large(what: str, limit: int, status: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"the answer to {what} is larger than {human_size(limit)}: stopped reading it",
        what=what, limit=limit, status=status)


def _content_length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


def human_size(size: int) -> str:
    """``16 MiB``, ``64 KiB``, ``2 GiB``, ``300 bytes``: a limit as people read it."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value.is_integer() else f"{value:.1f} {unit}"
    return f"{size} bytes"
