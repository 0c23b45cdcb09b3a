"""What a shared local backend adds to its API: a health check that proves the server is the
one its ``server.json`` names (and says whether work is running and whether it is leaving), a
record of when it was last used (for its idle exit), and a way to close its door atomically
once nothing is in flight (for a server that makes way for newer code).

The proof is an HMAC of the caller's random challenge under the secret kept in the 0600
``server.json``: a program that merely took over a stale port cannot answer it, and the
secret itself never crosses the socket.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from backend.local.shared import HEALTH_PATH, MAX_CHALLENGE, health_proof

__all__ = ["Presence"]

ASGIApp = Callable[..., Any]

#: What a request gets from a server that has closed to make way for newer code.
CLOSED = ("The local backend is restarting to run the updated code; send the message again.")


class Presence:
    """Health answers and activity tracking for one server. Thread-safe."""

    def __init__(self, secret: bytes, *, version: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.secret = secret
        self.version = version
        self.clock = clock
        #: Whether a turn or a render runs (the backend's ``busy``, set once it exists).
        self.working: Callable[[], bool] = lambda: False
        #: Set when the server was asked to make way: health answers say so.
        self.retiring = False
        # Re-entrant: ``close_if``'s condition may ask ``idle_for`` under it.
        self._lock = threading.RLock()
        self._in_flight = 0
        self._last = clock()
        self._closed = False

    def idle_for(self) -> float:
        """Seconds since the last request ended; 0 while one is being served."""
        with self._lock:
            return 0.0 if self._in_flight else max(0.0, self.clock() - self._last)

    def touch(self) -> None:
        """Count now as activity (e.g. a render that just ended)."""
        with self._lock:
            self._last = self.clock()

    def close_if(self, condition: Callable[[], bool]) -> bool:
        """Stop taking requests if none is in flight and ``condition()`` holds, atomically:
        no request can start between the two. Requests after that are answered 503."""
        with self._lock:
            if self._closed:
                return True
            if self._in_flight == 0 and condition():
                self._closed = True
            return self._closed

    def wrap(self, app: ASGIApp) -> ASGIApp:
        """``app`` behind the health endpoint and the activity counter."""

        async def presence(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            if scope["path"] == HEALTH_PATH and scope["method"] == "GET":
                await self._health(scope, send)
                return
            with self._lock:
                closed = self._closed
                if not closed:
                    self._in_flight += 1
            if closed:
                await _answer(send, 503, {"code": 503, "data": None, "message": CLOSED})
                return
            try:
                await app(scope, receive, send)
            finally:
                with self._lock:
                    self._in_flight -= 1
                    self._last = self.clock()

        return presence

    async def _health(self, scope: dict[str, Any], send: Any) -> None:
        challenge = b""
        for name, value in scope["headers"]:
            if name == b"x-nemo-challenge":
                challenge = value
        body: dict[str, object]
        if not 16 <= len(challenge) <= MAX_CHALLENGE:
            status, body = 400, {"error": "send a random X-Nemo-Challenge of 16-128 bytes"}
        else:
            status, body = 200, {"service": "nemovideo-local", "pid": os.getpid(),
                                 "version": self.version, "busy": self.working(),
                                 "retiring": self.retiring,
                                 "proof": health_proof(self.secret, challenge)}
        await _answer(send, status, body)


async def _answer(send: Any, status: int, body: dict[str, object]) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
