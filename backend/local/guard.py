"""HTTP hygiene below the endpoints: request bodies are bounded while they stream in, and
whatever goes wrong, the client reads the API's envelope, never plain text or a traceback.

``Guard`` is ASGI middleware. It refuses a body whose declared length is over the limit before
reading it, and makes the body's ``receive`` raise ``BodyTooLarge`` as soon as the bytes that
arrived pass the limit, so nothing ever buffers more than the limit. When an answer goes out
while the body is still arriving (a refusal, or an error before the body was read), the rest
is read and thrown away for at most ``Limits.drain_seconds`` so that the client, which is
still sending, gets to read the answer; then the connection is closed.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.errors import redact
from backend.local.limits import Limits, size_text

__all__ = ["UPLOAD_PREFIX", "BodyTooLarge", "Family", "Guard", "body_limit", "describe_failure",
           "envelope", "family_of", "is_disk_full", "log_failure", "too_large_answer",
           "upload_too_large"]

Family = Literal["code", "render"]
_log = logging.getLogger("backend.local")
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
UPLOAD_PREFIX = "/api/upload-video/"
_FORM_SLACK = 1 << 20


class BodyTooLarge(Exception):
    """The request body passed ``limit`` bytes (raised by the guarded ``receive``)."""

    def __init__(self, limit: int, *, size: int | None = None, upload: bool = False) -> None:
        self.limit = limit
        self.size = size
        self.upload = upload  # the files of an upload (4002), not a JSON body
        super().__init__(f"request body over {limit} bytes")


def family_of(path: str) -> Family:
    """Render endpoints answer ``{"success", "data", "error"}``; the rest ``{"code", …}``."""
    return "render" if path.startswith("/api/render/") else "code"


def envelope(family: Family, code: int, message: str, data: Any = None) -> dict[str, Any]:
    """An error answer in the API's envelope of ``family``."""
    if family == "render":
        return {"success": False, "data": data, "error": message, "code": code}
    return {"code": code, "data": data, "message": message}


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the disk or a quota is full; an error that
    only carries a tool's output (ffmpeg's) counts when that output says so."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return True
        if isinstance(seen, sqlite3.OperationalError) and getattr(
                seen, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
        if "No space left on device" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def describe_failure(exc: BaseException) -> tuple[int, str]:
    """HTTP status and a message for a user, for an exception no endpoint expected."""
    if is_disk_full(exc):
        return 507, ("The local backend's disk is full, so nothing was saved. Free some space "
                     "and try again.")
    return 500, (f"The local backend failed unexpectedly ({type(exc).__name__}). Try again; "
                 "if it keeps failing, restart the local backend.")


def log_failure(exc: BaseException, where: str) -> None:
    """One line for an unexpected failure; the traceback only when debugging."""
    _log.error("%s: %s", where, redact(f"{type(exc).__name__}: {exc}"),
               exc_info=exc if _log.isEnabledFor(logging.DEBUG) else None)


@dataclass
class _Exchange:
    limit: int
    received: int = 0
    body_done: bool = False
    started: bool = False
    complete: bool = False
    drain: bool = False


class Guard:
    """Bounds request bodies and turns failures before the answer into envelopes.

    ``limit_for(path)`` gives the body limit of a request path.
    """

    def __init__(self, app: ASGIApp, limits: Limits, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limits = limits
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ex = _Exchange(limit=self.limit_for(scope["path"]))
        upload = scope["path"].startswith(UPLOAD_PREFIX)
        declared = _content_length(scope)
        if declared == 0 or (scope["method"] in ("GET", "HEAD") and declared is None):
            ex.body_done = True

        async def guarded_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                ex.received += len(message.get("body", b""))
                if not message.get("more_body", False):
                    ex.body_done = True
                if ex.received > ex.limit:
                    raise BodyTooLarge(ex.limit, size=declared, upload=upload)
            else:
                ex.body_done = True
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                ex.started = True
                if not ex.body_done:
                    # The client is still sending: answer, drain a little, then close.
                    ex.drain = True
                    message = {**message, "headers": [*message.get("headers", []),
                                                      (b"connection", b"close")]}
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                ex.complete = True
                if ex.drain:
                    await send({**message, "more_body": True})
                    await self._drain(receive)
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        if declared is not None and declared > ex.limit:
            await self._refuse(scope, guarded_send,
                               BodyTooLarge(ex.limit, size=declared, upload=upload))
            return
        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception as exc:
            if ex.complete:
                return  # answered already (Starlette's error handler); nothing to add
            if ex.started:
                raise  # mid-response: only cutting the connection is left
            if isinstance(exc, BodyTooLarge):
                await self._refuse(scope, guarded_send, exc)
                return
            log_failure(exc, f"{scope['method']} {scope['path']}")
            status, text = describe_failure(exc)
            await _send_json(guarded_send, status, envelope(family_of(scope["path"]), status,
                                                            text))

    async def _refuse(self, scope: Scope, send: Send, exc: BodyTooLarge) -> None:
        status, code, text = too_large_answer(exc, self.limits)
        await _send_json(send, status, envelope(family_of(scope["path"]), code, text))

    async def _drain(self, receive: Receive) -> None:
        """Read and discard the rest of the body, for at most ``drain_seconds``."""
        try:
            async with asyncio.timeout(self.limits.drain_seconds):
                while True:
                    message = await receive()
                    if message["type"] != "http.request" or not message.get("more_body"):
                        return
        except TimeoutError:
            return


def too_large_answer(exc: BodyTooLarge, limits: Limits) -> tuple[int, int, str]:
    """Status, API code and message for a body over its limit."""
    size = f" is {size_text(exc.size)}" if exc.size is not None else " is too large"
    if exc.upload:
        return 413, 4002, upload_too_large(limits.max_upload_bytes, size)
    return 413, 413, (f"The request body{size}; the limit is {size_text(exc.limit)}. "
                      "Send less at once.")


def upload_too_large(limit: int, size: str = " is too large") -> str:
    """The 4002 message for an upload over ``limit`` bytes in all."""
    return (f"File too large: the upload{size}; the limit is {size_text(limit)} per upload, "
            "all files together. Compress or trim it, or upload the files one at a time.")


def body_limit(limits: Limits) -> Callable[[str], int]:
    """The body limit of each path: uploads stream files to disk up to their own limit (plus
    room for the form's headers); every other body is JSON held in memory."""

    def limit_for(path: str) -> int:
        if path.startswith(UPLOAD_PREFIX):
            return limits.max_upload_bytes + _FORM_SLACK
        return limits.max_body_bytes

    return limit_for


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return max(0, int(value))
            except ValueError:
                return None
    return None


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload, "more_body": False})
