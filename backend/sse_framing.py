"""Event-stream framing: bytes → lines → event payloads, each within a size limit.

``LineReader`` splits the decoded body into lines (only CR, LF and CRLF end one, as the SSE
specification says) without ever holding more than one line; ``EventFramer`` assembles the
lines into events with httpx-sse's decoder and hands out each event's ``data``. What a
payload means is ``backend.sse``'s business, not this module's.
"""

from __future__ import annotations

from collections.abc import Callable

from httpx_sse._decoders import SSEDecoder

from backend.bounded import human_size
from backend.errors import ResponseTooLarge

__all__ = ["EventFramer", "LineReader"]

_FIELDS = frozenset({"data", "event", "id", "retry"})
_BOM = "\ufeff"


class LineReader:
    """Split byte chunks into text lines of at most ``max_bytes`` bytes each.

    A CRLF split across chunks ends one line. Lines are decoded as UTF-8 (undecodable bytes
    become U+FFFD); a byte-level split is safe because CR and LF never occur inside a
    multi-byte UTF-8 sequence. Cost is linear in the input, however it is chunked.
    """

    __slots__ = ("_buf", "_first", "_skip_lf", "max_bytes")

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._buf = bytearray()
        self._skip_lf = False
        self._first = True

    def feed(self, chunk: bytes) -> list[str]:
        """The lines completed by ``chunk`` (without their line ends).

        Raises ``ResponseTooLarge`` when a line grows past ``max_bytes``.
        """
        if not chunk:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if b"\r" in chunk:
            self._skip_lf = chunk.endswith(b"\r")
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if b"\n" not in chunk:
            self._append(chunk)
            return []
        pieces = chunk.split(b"\n")
        rest = pieces.pop()
        if self._buf:
            self._append(pieces[0])
            pieces[0] = bytes(self._buf)
            self._buf.clear()
        lines = [self._text(piece) for piece in pieces]
        self._append(rest)
        return lines

    def finish(self) -> list[str]:
        """The unterminated last line, if any."""
        if not self._buf:
            return []
        line = self._text(bytes(self._buf))
        self._buf.clear()
        return [line]

    def _append(self, data: bytes) -> None:
        if len(self._buf) + len(data) > self.max_bytes:
            self._buf.clear()
            raise _too_large("an event-stream line", self.max_bytes)
        self._buf += data

    def _text(self, data: bytes) -> str:
        if len(data) > self.max_bytes:
            raise _too_large("an event-stream line", self.max_bytes)
        text = data.decode("utf-8", "replace")
        if self._first:
            self._first = False
            text = text.removeprefix(_BOM)  # a byte-order mark may open the stream
        return text


class EventFramer:
    """Assemble SSE lines into events (httpx-sse's decoder) and return their ``data``.

    Only events with at least one ``data:`` line count; ``event:``, ``id:``, ``retry:`` and
    comments frame but carry nothing here. A line with any other field name is reported to
    ``on_malformed`` and skipped. Raises ``ResponseTooLarge`` when one event's data grows past
    ``max_event_bytes`` (counted in characters of the decoded lines, at most 4 bytes each:
    the bound is on memory, so characters are a safe proxy).
    """

    __slots__ = ("_decoder", "_has_data", "_on_malformed", "_size", "max_event_bytes")

    def __init__(self, *, max_event_bytes: int,
                 on_malformed: Callable[[str, str], None] | None = None) -> None:
        self.max_event_bytes = max_event_bytes
        self._decoder = SSEDecoder()
        self._has_data = False
        self._size = 0
        self._on_malformed = on_malformed

    def feed_line(self, line: str) -> str | None:
        """Consume one line; return an event's data when ``line`` completes one."""
        if not line:
            event = self._decoder.decode("")
            had_data, self._has_data, self._size = self._has_data, False, 0
            return event.data if event is not None and had_data else None
        if line[0] == ":":
            return None
        name, sep, _ = line.partition(":")
        if not sep or name not in _FIELDS:
            if self._on_malformed is not None:
                self._on_malformed("line", line)
            return None
        if name == "data":
            self._has_data = True
            self._size += len(line) - 4
            if self._size > self.max_event_bytes:
                raise _too_large("an event-stream event", self.max_event_bytes)
        self._decoder.decode(line)
        return None

    def finish(self) -> str | None:
        """The stream closed: the data of an event not followed by a blank line."""
        return self.feed_line("")


def _too_large(what: str, limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(f"{what} is longer than {human_size(limit)}: stopped reading the "
                            "stream", what=what, limit=limit)
