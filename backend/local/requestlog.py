"""The local backend's record of every request it received, for tests to assert on.

Headers are kept with credentials redacted (``Authorization`` becomes ``Bearer ***``), so the
log can be printed in a failing test without leaking a token.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RecordedRequest", "RequestLog"]

_SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "x-api-key"})
_MAX_ENTRIES = 10_000


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
    """Thread-safe, in-memory, bounded list of ``RecordedRequest`` in arrival order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def add(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._items.append(entry)
            if len(self._items) > _MAX_ENTRIES:
                del self._items[: len(self._items) - _MAX_ENTRIES]

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

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
