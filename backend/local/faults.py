"""Fault injection for the local backend: error answers, broken streams, slow or failing renders.

Tests (from any thread) and ``nemoskill serve-local`` flags arm faults; the server consumes
them as requests arrive. Every armed fault is deterministic: it fires on the next matching
call(s), in the order armed, and then is gone.

Endpoint names (``ENDPOINTS``): ``token``, ``session``, ``run_sse``, ``upload``, ``credits``,
``state``, ``render``, ``render_status``, ``render_cancel``, ``render_download``, ``media``,
``output``; ``"*"`` matches any of them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CODE_STATUS",
    "ENDPOINTS",
    "CallFault",
    "Faults",
    "Gate",
    "RenderShape",
    "StreamFault",
]

ENDPOINTS: tuple[str, ...] = (
    "token", "session", "run_sse", "upload", "credits", "state", "render", "render_status",
    "render_cancel", "render_download", "media", "output", "claim_token", "claim_page",
)

#: HTTP status the local backend sends with each API error code.
CODE_STATUS: dict[int, int] = {1001: 401, 1002: 404, 2001: 403, 4001: 415, 4002: 413}

RenderShape = Literal["data", "top_level", "fraction"]

_DEFAULT_MALFORMED = (
    "data: {\"content\": {\"parts\": [{\"text\": \"trunc",
    "data: <html><body>502 Bad Gateway</body></html>",
    "event: ping",
    "data: [1, 2, 3]",
)


@dataclass(frozen=True)
class CallFault:
    """One armed error answer. ``code`` is an API code; ``status`` an HTTP status."""

    endpoint: str
    code: int | None
    status: int
    message: str
    retry_after: int | None = None


@dataclass(frozen=True)
class StreamFault:
    """What goes wrong with one ``/run_sse`` stream.

    ``kind``: ``drop`` (connection cut after ``after_events`` events; the turn still completes
    server-side), ``heartbeat_only`` (only heartbeats: ``heartbeats`` of them, or until the
    client leaves when None; the message is applied only if ``apply``), ``malformed`` (the
    ``lines`` are sent verbatim after the first event, or last when ``after_events`` is -1;
    the turn proceeds), ``error`` (a
    ``{"error": message}`` event, or a broken one when ``raw``, then the stream closes and
    nothing changes).
    """

    kind: Literal["drop", "heartbeat_only", "malformed", "error"]
    after_events: int = 0
    heartbeats: int | None = None
    apply: bool = False
    lines: tuple[str, ...] = ()
    message: str = ""
    raw: bool = False


class Gate:
    """Holds the work steps of turns (generation stages, edits) until released.

    ``step(n)`` lets the next ``n`` work steps through; ``open()`` lets everything through
    from now on. While held, the turn keeps sending heartbeats.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._permits = 0
        self._open = threading.Event()

    def step(self, n: int = 1) -> None:
        with self._lock:
            self._permits += n

    def open(self) -> None:
        self._open.set()

    @property
    def is_open(self) -> bool:
        return self._open.is_set()

    def try_pass(self) -> bool:
        """Server side: True (consuming a permit) when a work step may proceed."""
        if self._open.is_set():
            return True
        with self._lock:
            if self._permits > 0:
                self._permits -= 1
                return True
        return False


@dataclass
class _RenderFaults:
    fail: list[str] = field(default_factory=list)
    slow_seconds: float = 0.0
    hold: threading.Event | None = None
    shape: RenderShape = "data"


class Faults:
    """The fault switchboard of one server. Thread-safe; all methods return immediately."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[CallFault] = []
        self._streams: list[StreamFault] = []
        self._render = _RenderFaults()
        self._generation_hold: Gate | None = None

    # -- error answers ---------------------------------------------------------------------

    def fail_next(self, endpoint: str, *, code: int | None = None, status: int | None = None,
                  times: int = 1, message: str = "", retry_after: int | None = None) -> None:
        """Answer the next ``times`` calls to ``endpoint`` with an error instead of serving them.

        Give an API ``code`` (1001, 1002, 2001, 4001, 4002: sent with its usual HTTP status
        from ``CODE_STATUS`` unless ``status`` is given) and/or an HTTP ``status`` (429 with a
        ``Retry-After`` header, 402, 500, …). Raises ``ValueError`` for an unknown endpoint or
        when neither is given.
        """
        if endpoint != "*" and endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; one of {', '.join(ENDPOINTS)}, *")
        if code is None and status is None:
            raise ValueError("give an API code or an HTTP status")
        if times < 1:
            raise ValueError("times must be at least 1")
        http = status if status is not None else CODE_STATUS.get(code or 0, 400)
        if http == 429 and retry_after is None:
            retry_after = 30
        fault = CallFault(endpoint, code, http, message or _default_message(code, http),
                          retry_after)
        with self._lock:
            self._calls.extend([fault] * times)

    def rate_limit_next(self, endpoint: str, *, times: int = 1, retry_after: int = 30) -> None:
        """HTTP 429 (with ``Retry-After``) on the next ``times`` calls; later calls succeed."""
        self.fail_next(endpoint, status=429, times=times, retry_after=retry_after)

    def take_call_fault(self, endpoint: str) -> CallFault | None:
        """Server side: pop the first armed fault for ``endpoint`` (or ``*``), if any."""
        with self._lock:
            for i, fault in enumerate(self._calls):
                if fault.endpoint in (endpoint, "*"):
                    return self._calls.pop(i)
        return None

    # -- streams -----------------------------------------------------------------------------

    def drop_next_stream(self, *, after_events: int = 1) -> None:
        """Cut the next ``/run_sse`` connection after ``after_events`` events (no clean end).

        The message is still carried out server-side, so polling the state shows the result.
        """
        self._add_stream(StreamFault("drop", after_events=max(0, after_events)))

    def heartbeat_only_next_stream(self, *, heartbeats: int | None = None,
                                   apply: bool = False) -> None:
        """The next stream sends only heartbeats: ``heartbeats`` of them then closes, or, when
        None, until the client disconnects. The message is carried out only when ``apply``."""
        self._add_stream(StreamFault("heartbeat_only", heartbeats=heartbeats, apply=apply))

    def malformed_next_stream(self, lines: Sequence[str] | None = None) -> None:
        """Send these raw lines (default: truncated JSON, HTML, a stray field, a JSON array)
        after the first event of the next stream; the turn itself goes on normally."""
        self._add_stream(StreamFault("malformed", lines=tuple(lines or _DEFAULT_MALFORMED)))

    def trailing_lines_next_stream(self, lines: Sequence[str]) -> None:
        """Send these raw lines at the very end of the next stream, after the turn's own
        events (e.g. the cloud's trailing "I encountered a temporary issue" text)."""
        self._add_stream(StreamFault("malformed", lines=tuple(lines), after_events=-1))

    def error_event_next_stream(self, message: str = "Internal agent error", *,
                                after_events: int = 0, raw: bool = False) -> None:
        """After ``after_events`` events, send ``data: {"error": message}`` (when ``raw``, a
        non-JSON ``data: {"error": <message>`` line) and close. Nothing changes, no charge."""
        self._add_stream(StreamFault("error", after_events=max(0, after_events),
                                     message=message, raw=raw))

    def take_stream_fault(self) -> StreamFault | None:
        """Server side: pop the next armed stream fault, if any."""
        with self._lock:
            return self._streams.pop(0) if self._streams else None

    def hold_generations(self) -> Gate:
        """Hold every work step of every turn (each generation stage, each edit) until the
        returned ``Gate`` lets it through. Lets a test observe the state between the two
        generation stages, frozen credits, or a running job."""
        gate = Gate()
        with self._lock:
            self._generation_hold = gate
        return gate

    @property
    def generation_hold(self) -> Gate | None:
        with self._lock:
            return self._generation_hold

    # -- renders -----------------------------------------------------------------------------

    def fail_next_render(self, *, times: int = 1, message: str = "Render node crashed") -> None:
        """The next ``times`` render jobs end with status ``failed`` and this message."""
        with self._lock:
            self._render.fail.extend([message] * times)

    def slow_renders(self, seconds: float) -> None:
        """Every render job spends ``seconds`` more in ``processing`` (progress moving)."""
        with self._lock:
            self._render.slow_seconds = max(0.0, seconds)

    def hold_renders(self) -> threading.Event:
        """Render jobs stay in ``processing`` until the returned event is set (or cancelled)."""
        event = threading.Event()
        with self._lock:
            self._render.hold = event
        return event

    def render_status_shape(self, shape: RenderShape) -> None:
        """How render status answers look: ``data`` (``{"success","data":{status, progress
        0-100, outputUrl}}``), ``top_level`` (bare ``{status, progress, output:{url}}``) or
        ``fraction`` (like ``data`` with progress 0-1)."""
        if shape not in ("data", "top_level", "fraction"):
            raise ValueError("shape must be 'data', 'top_level' or 'fraction'")
        with self._lock:
            self._render.shape = shape

    def take_render_failure(self) -> str | None:
        with self._lock:
            return self._render.fail.pop(0) if self._render.fail else None

    @property
    def render_delay(self) -> float:
        with self._lock:
            return self._render.slow_seconds

    @property
    def render_hold(self) -> threading.Event | None:
        with self._lock:
            return self._render.hold

    @property
    def render_shape(self) -> RenderShape:
        with self._lock:
            return self._render.shape

    def clear(self) -> None:
        """Disarm everything (held generations and renders are released)."""
        with self._lock:
            self._calls.clear()
            self._streams.clear()
            if self._generation_hold is not None:
                self._generation_hold.open()
            if self._render.hold is not None:
                self._render.hold.set()
            self._generation_hold = None
            self._render = _RenderFaults()

    def _add_stream(self, fault: StreamFault) -> None:
        with self._lock:
            self._streams.append(fault)


def _default_message(code: int | None, status: int) -> str:
    by_code = {
        1001: "Token invalid or expired",
        1002: "Session not found",
        2001: "Insufficient credits",
        4001: "Unsupported file type",
        4002: "File too large",
    }
    by_status = {429: "Too many requests, slow down", 402: "Export requires a paid plan",
                 500: "Internal server error", 503: "Service unavailable"}
    if code in by_code:
        return by_code[code]
    return by_status.get(status, f"Injected error (HTTP {status})")
