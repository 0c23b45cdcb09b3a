"""The local backend's record of every request it received, for tests to assert on.

Headers are kept with credentials redacted (``Authorization`` becomes ``Bearer ***``), so the
log can be printed in a failing test without leaking a token. The log is bounded in bytes
(an estimate: the raw size of each body plus its headers) and in entries; the oldest entries
go first. A body is attached only once it was accepted (parsed, within the limits), so a
refused body is never kept.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RecordedRequest", "RequestLog"]

_SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "x-api-key"})
_MAX_ENTRIES = 10_000
_MAX_BYTES = 16 << 20
_ENTRY_OVERHEAD = 256


@dataclass
class RecordedRequest:
    """One request: ``endpoint`` is the fault/endpoint name (or "" for other paths),
    ``body`` the parsed JSON body (None for none or multipart), ``files`` the uploaded file
    names, ``status`` the HTTP status answered (None while a stream is still open)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    endpoint: str = ""
    body: Any = None
    files: list[str] = field(default_factory=list)
    status: int | None = None
    time: float = 0.0
    size: int = field(default=0, repr=False)

    @property
    def authorized(self) -> bool:
        """Whether the request carried a bearer token (its value is never kept)."""
        return self.headers.get("authorization", "").lower().startswith("bearer ")

    @property
    def message_text(self) -> str | None:
        """For ``/run_sse``: the text of ``new_message.parts`` joined, else None."""
        if not isinstance(self.body, dict):
            return None
        message = self.body.get("new_message")
        if not isinstance(message, dict) or not isinstance(message.get("parts"), list):
            return None
        texts = [p["text"] for p in message["parts"] if isinstance(p, dict)
                 and isinstance(p.get("text"), str)]
        return "".join(texts) if texts else None


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Lower-cased header names; credential values replaced by ``***``."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        if key in _SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            out[key] = f"{scheme} ***" if scheme else "***"
        else:
            out[key] = value
    return out


class RequestLog:
    """Thread-safe, in-memory list of ``RecordedRequest`` in arrival order, bounded to
    ``max_bytes`` (estimated) and ``max_entries``."""

    def __init__(self, max_bytes: int = _MAX_BYTES, max_entries: int = _MAX_ENTRIES) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._items: deque[RecordedRequest] = deque()
        self._bytes = 0

    def add(self, entry: RecordedRequest) -> None:
        entry.size = _ENTRY_OVERHEAD + len(entry.path) + len(entry.query) + sum(
            len(k) + len(v) for k, v in entry.headers.items())
        with self._lock:
            self._items.append(entry)
            self._bytes += entry.size
            self._trim()

    def attach_body(self, entry: RecordedRequest, body: Any, size: int) -> None:
        """Keep ``body`` (``size`` bytes on the wire) with ``entry``, if it fits at all."""
        if size > self.max_bytes // 4:
            return  # one body may not push out most of the log
        with self._lock:
            entry.body = body
            entry.size += size
            if any(e is entry for e in reversed(self._items)):
                self._bytes += size
            self._trim()

    def _trim(self) -> None:
        while self._items and (self._bytes > self.max_bytes
                               or len(self._items) > self.max_entries):
            self._bytes -= self._items.popleft().size

    @property
    def bytes(self) -> int:
        """The log's estimated size."""
        with self._lock:
            return self._bytes

    def all(self) -> list[RecordedRequest]:
        """A snapshot of every recorded request."""
        with self._lock:
            return list(self._items)

    def matching(self, endpoint: str | None = None, *, method: str | None = None,
                 path: str | None = None) -> list[RecordedRequest]:
        """Requests to ``endpoint`` (a fault endpoint name) and/or exactly ``path``,
        optionally only with ``method``."""
        return [r for r in self.all()
                if (endpoint is None or r.endpoint == endpoint)
                and (path is None or r.path == path)
                and (method is None or r.method == method.upper())]

    def count(self, endpoint: str | None = None, *, method: str | None = None,
              path: str | None = None) -> int:
        """How many requests ``matching`` would return."""
        return len(self.matching(endpoint, method=method, path=path))

    def messages(self) -> list[str]:
        """The chat message texts sent to ``/run_sse``, in order (to check a message was
        sent exactly once)."""
        return [t for r in self.matching("run_sse") if (t := r.message_text) is not None]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
