"""A small hostile API server for the client's limit tests: raw HTTP/1.1 over asyncio
sockets on 127.0.0.1 (ephemeral port), in a background thread.

By default it answers like the real API (token, session, state with a ready draft, render
submit and status, a small video download, a short chat stream). ``route(method, prefix,
handler)`` replaces one endpoint with a handler that can misbehave at the byte level:
trickle, never end a line, stream for ever, send a gzip bomb. Every request is recorded with
its raw path and body.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import threading
import zlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HostileServer", "Request", "Writer", "bomb", "gzip_member", "hostile_server"]

READY_DRAFT: dict[str, Any] = {"w": 1920, "h": 1080, "d": 1000,
                               "t": [{"tt": 0, "sg": [{"s": 0, "d": 1000}]}]}
VIDEO = b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 4096


@dataclass
class Request:
    method: str
    path: str  # raw, as sent (percent-escapes kept)
    headers: dict[str, str]
    body: bytes


class Writer:
    """What a handler writes with: whole answers, or bytes at whatever pace it likes."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self._writer = writer

    async def raw(self, data: bytes) -> None:
        self._writer.write(data)
        await self._writer.drain()

    async def head(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
        lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in (headers or {}).items()]
        lines.append("Connection: close")
        await self.raw(("\r\n".join(lines) + "\r\n\r\n").encode())

    async def answer(self, status: int, body: bytes, headers: dict[str, str] | None = None
                     ) -> None:
        await self.head(status, {"Content-Length": str(len(body)), **(headers or {})})
        await self.raw(body)

    async def json(self, value: Any, status: int = 200) -> None:
        await self.answer(status, json.dumps(value, ensure_ascii=False).encode(),
                          {"Content-Type": "application/json"})

    async def ok(self, data: Any) -> None:
        await self.json({"code": 0, "data": data, "message": "ok"})

    async def trickle(self, data: bytes, every: float, size: int = 1) -> None:
        """Send ``data`` ``size`` bytes at a time, one piece every ``every`` seconds."""
        for start in range(0, len(data), size):
            await self.raw(data[start:start + size])
            await asyncio.sleep(every)

    async def forever(self, piece: bytes, every: float = 0.0) -> None:
        """Send ``piece`` again and again until the client goes away."""
        while True:
            await self.raw(piece)
            await asyncio.sleep(every)


Handler = Callable[[Request, Writer], Awaitable[None]]


@dataclass
class HostileServer:
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    routes: list[tuple[str, str, Handler]] = field(default_factory=list)
    session_id: str = "sess-1"
    state: dict[str, Any] = field(default_factory=lambda: {"draft": READY_DRAFT})
    token_expires_at: str = "2999-01-01T00:00:00Z"
    tokens: int = 0
    #: The render status answer (``outputUrl`` is filled in to our own video by default).
    status: dict[str, Any] = field(default_factory=lambda: {"status": "completed",
                                                            "progress": 100})
    video: bytes = VIDEO
    chat_lines: list[str] = field(default_factory=lambda: [
        'data: {"type":"text","content":"Done."}', ""])

    def route(self, method: str, prefix: str, handler: Handler) -> None:
        """Answer ``method`` requests whose path starts with ``prefix`` with ``handler``."""
        self.routes.insert(0, (method, prefix, handler))

    def count(self, prefix: str) -> int:
        return sum(1 for r in self.requests if r.path.startswith(prefix))

    # -- the well-behaved API ------------------------------------------------------------------

    async def default(self, req: Request, out: Writer) -> None:
        path = req.path
        if path == "/api/auth/anonymous-token":
            self.tokens += 1
            await out.ok({"token": f"nmv_usr_hostile{self.tokens}", "user_id": "u-1",
                          "credits": 100, "expires_at": self.token_expires_at})
        elif path.startswith("/api/tasks/me/with-session/"):
            await out.ok({"task_id": "task-1", "session_id": self.session_id,
                          "user_id": "u-1"})
        elif path == "/api/credits/balance/simple":
            await out.ok({"available": 90, "frozen": 10, "total": 100})
        elif path.startswith("/api/state/"):
            await out.ok({"state": self.state})
        elif path.startswith("/api/upload-video/"):
            await out.ok({"files": [{"filename": "clip.mp4", "file_type": "video",
                                     "cdn_url": f"{self.url}/media/clip.mp4"}]})
        elif path == "/api/render/proxy/lambda":
            await out.json({"success": True, "data": {"status": "pending", "progress": 0}})
        elif path.startswith("/api/render/proxy/lambda/"):
            status = {"outputUrl": f"{self.url}/video.mp4", **self.status}
            await out.json({"success": True, "data": status})
        elif path in ("/video.mp4",) or path.endswith("/download"):
            await out.answer(200, self.video, {"Content-Type": "video/mp4"})
        elif path == "/run_sse":
            body = "".join(line + "\n" for line in self.chat_lines).encode()
            await out.answer(200, body, {"Content-Type": "text/event-stream"})
        else:
            await out.json({"code": 404, "message": "not found"}, status=404)

    # -- plumbing -----------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        out = Writer(writer)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            req = Request(method, path, headers, body)
            self.requests.append(req)
            handler = next((h for m, p, h in self.routes
                            if m == method and path.startswith(p)), self.default)
            await handler(req, out)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()


@contextlib.contextmanager
def hostile_server() -> Iterator[HostileServer]:
    """Run a ``HostileServer`` for the duration of the block."""
    server = HostileServer()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop: asyncio.Event | None = None
    tasks: set[asyncio.Task[None]] = set()

    async def main() -> None:
        nonlocal stop
        stop = asyncio.Event()

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            tasks.add(task)
            try:
                await server._serve(reader, writer)
            finally:
                tasks.discard(task)

        listener = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = listener.sockets[0].getsockname()[1]
        server.url = f"http://127.0.0.1:{port}"
        ready.set()
        await stop.wait()
        listener.close()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await listener.wait_closed()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the hostile server did not start")
    try:
        yield server
    finally:
        assert stop is not None
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        loop.close()


@functools.cache
def gzip_member(size: int) -> bytes:
    """One gzip member that inflates to ``size`` zero bytes."""
    block = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [comp.compress(block) for _ in range(size >> 20)]
    parts.append(comp.flush())
    return b"".join(parts)


@functools.cache
def bomb(total: int) -> bytes:
    """A gzip body of a few hundred KiB that inflates to ``total`` bytes (concatenated
    members of 64 MiB each, which RFC 1952 allows)."""
    member = gzip_member(64 << 20)
    return member * max(1, total // (64 << 20))
