"""An in-process stand-in for the API behind ``httpx.MockTransport``, for edge cases a real
server cannot produce (and for pure client logic). Records every request it sees."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

Responder = Callable[[httpx.Request], httpx.Response]


class Chunks(httpx.AsyncByteStream):
    """A response body sent in pieces, optionally breaking off with a transport error."""

    def __init__(self, chunks: list[bytes], error: Exception | None = None) -> None:
        self.chunks = chunks
        self.error = error

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.error is not None:
            raise self.error


def ok(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json={"code": 0, "data": data, "message": "ok"})


def fail(code: int | None, status: int = 200, message: str = "refused",
         headers: dict[str, str] | None = None) -> httpx.Response:
    body: dict[str, Any] = {"message": message}
    if code is not None:
        body["code"] = code
    return httpx.Response(status, json=body, headers=headers)


def sse(lines: list[str], error: Exception | None = None) -> httpx.Response:
    payload = [(line + "\n").encode() for line in lines]
    return httpx.Response(200, headers={"content-type": "text/event-stream"},
                          stream=Chunks(payload, error))


@dataclass
class FakeAPI:
    """Routes by path; ``faults[path_part]`` holds responses served before the normal one."""

    requests: list[httpx.Request] = field(default_factory=list)
    faults: dict[str, list[Responder]] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    chat: list[Responder] = field(default_factory=list)
    render_statuses: list[dict[str, Any]] = field(default_factory=list)
    video: bytes = b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 4096
    state: dict[str, Any] = field(default_factory=lambda: {"draft": {"t": []}})

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def inject(self, path_part: str, *responses: Responder | httpx.Response) -> None:
        queue = self.faults.setdefault(path_part, [])
        for r in responses:
            queue.append(r if callable(r) else (lambda _req, resp=r: resp))

    def count(self, path_part: str) -> int:
        return sum(1 for r in self.requests if path_part in r.url.path)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        for part, queue in self.faults.items():
            if part in path and queue:
                return queue.pop(0)(request)
        if path == "/api/auth/anonymous-token":
            if not request.headers.get("x-client-id"):
                return fail(None, 400, "X-Client-Id header required")
            token = f"nmv_usr_fake{len(self.tokens) + 1:04d}"
            self.tokens.append(token)
            return ok({"token": token, "user_id": "u-1", "credits": 100,
                       "expires_at": "2999-01-01T00:00:00Z"})
        auth = request.headers.get("authorization", "")
        if not self.tokens or auth != f"Bearer {self.tokens[-1]}":
            return fail(1001, 401, "token invalid")
        if path.startswith("/api/tasks/me/with-session/"):
            sid = f"sess-{len(self.sessions) + 1}"
            self.sessions.append(sid)
            return ok({"task_id": f"task-{len(self.sessions)}", "session_id": sid,
                       "user_id": "u-1"})
        if path == "/api/credits/balance/simple":
            return httpx.Response(200, json={"success": True,
                                             "data": {"available": 90, "frozen": 10,
                                                      "total": 100}})
        sid = path.split("/")[-2] if path.endswith("/latest") else None
        if sid is not None or path.startswith("/api/upload-video/"):
            sid = sid or path.rsplit("/", 1)[-1]
            if sid not in self.sessions[-1:]:
                return fail(1002, 404, "session not found")
            if sid and path.endswith("/latest"):
                return ok({"state": self.state})
            return self._upload(request)
        if path == "/run_sse":
            body = json.loads(request.content)
            if body["session_id"] not in self.sessions[-1:]:
                return fail(1002, 404, "session not found")
            if self.chat:
                return self.chat.pop(0)(request)
            return sse(['data: {"type":"text","content":"ok"}', ""])
        if path == "/api/render/proxy/lambda":
            return ok({"id": json.loads(request.content)["id"], "status": "pending"})
        if path.startswith("/api/render/proxy/lambda/") and path.endswith("/cancel"):
            return ok(None)
        if path.startswith("/api/render/proxy/lambda/"):
            item = self.render_statuses.pop(0) if self.render_statuses else {
                "status": "completed", "progress": 1.0}
            return httpx.Response(200, json=item)
        if path.endswith("/download"):
            return httpx.Response(200, content=self.video,
                                  headers={"content-type": "video/mp4"})
        return httpx.Response(404, text="not found")

    def _upload(self, request: httpx.Request) -> httpx.Response:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("application/json"):
            urls = json.loads(request.content)["urls"]
            names = [u.rsplit("/", 1)[-1] for u in urls]
        else:
            names = [part.split('filename="', 1)[1].split('"', 1)[0]
                     for part in request.content.decode("latin-1").split("\r\n")
                     if 'filename="' in part]
        return ok({"files": [{"filename": n, "file_type": "video", "cdn_url": f"https://cdn/{n}",
                              "duration": 3.5, "width": 640, "height": 360, "fps": 30,
                              "hash": "h"} for n in names], "session_state_applied": True})
