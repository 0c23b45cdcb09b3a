"""What a shared local backend adds to its API: a health check that proves the server is the
one its ``server.json`` names, and a record of when it was last used (for its idle exit).

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


class Presence:
    """Health answers and activity tracking for one server. Thread-safe."""

    def __init__(self, secret: bytes, *, version: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.secret = secret
        self.version = version
        self.clock = clock
        self._lock = threading.Lock()
        self._in_flight = 0
        self._last = clock()

    def idle_for(self) -> float:
        """Seconds since the last request ended; 0 while one is being served."""
        with self._lock:
            return 0.0 if self._in_flight else max(0.0, self.clock() - self._last)

    def touch(self) -> None:
        """Count now as activity (e.g. a render that just ended)."""
        with self._lock:
            self._last = self.clock()

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
                self._in_flight += 1
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
                                 "version": self.version,
                                 "proof": health_proof(self.secret, challenge)}
        payload = json.dumps(body).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})
