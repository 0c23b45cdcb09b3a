"""The local backend's HTTP API: the NemoVideo endpoints of DESIGN §2 as a Starlette app.

Why Starlette + uvicorn: a small ASGI toolkit whose responses can be written as raw ASGI
callables (needed for SSE streams that must be able to break off mid-body like a dropped
gateway connection), with a server that runs in a background thread on a socket we bind
ourselves (port 0 on loopback) and shuts down promptly. No framework features beyond routing
are used, so the module stays a thin layer over ``Store``, ``Turns`` and ``RenderJobs``.

Envelopes: ``{"code": 0, "data": …, "message": …}``; render endpoints ``{"success": …, "data":
…, "error": …}``. Errors: 1001 (HTTP 401) no/unknown/expired token · 1002 (404) unknown
session · 2001 (403) out of credits · 4001 (415) unsupported file or source · 4002 (413) too
large · HTTP 400 ``X-Client-Id`` missing · 402 render without attribution headers · 422 an
unusable request body · 429 only by fault injection (with ``Retry-After``).

Downloads (``/media/<id>/<name>``, ``/api/render/proxy/<id>/download``) need the owner's bearer
token; a completed render is also served at its signed URL ``/renders/<key>/<id>.mp4``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, Literal

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.draft import draft_ready
from backend.errors import CODE_OUT_OF_CREDITS, CODE_SESSION_NOT_FOUND, CODE_TOKEN_INVALID
from backend.local import editing
from backend.local.agent import Call, Result, Say, plan_turn
from backend.local.faults import CODE_STATUS, CallFault, Faults
from backend.local.options import LocalOptions
from backend.local.probe import ProbeError, probe
from backend.local.probe import file_type as type_of
from backend.local.renders import RenderJob, RenderJobs
from backend.local.requestlog import RecordedRequest, RequestLog, redact_headers
from backend.local.sse import CallEvent, Encoder, Event
from backend.local.store import Account, Session, Store, iso_time
from backend.local.turns import StreamCut, TurnContext, Turns, text_events
from backend.local.uploads import (
    ReceivedFile,
    UploadRejected,
    discard,
    receive_multipart,
    receive_urls,
)

__all__ = ["ApiFailure", "LocalService", "build_app", "install_log_filter"]

Family = Literal["code", "render"]
_ATTRIBUTION = ("x-skill-source", "x-skill-version", "x-skill-platform")
_log = logging.getLogger("backend.local")


class ApiFailure(Exception):
    """An error answer: API ``code`` (may be None) with HTTP ``status``."""

    def __init__(self, status: int, message: str, *, code: int | None = None,
                 data: Any = None, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.message = message
        self.code = code if code is not None else status
        self.data = data
        self.headers = headers or {}
        super().__init__(message)


def _failure(code: int, message: str, data: Any = None) -> ApiFailure:
    return ApiFailure(CODE_STATUS[code], message, code=code, data=data)


def _error_response(fail: ApiFailure, family: Family) -> JSONResponse:
    if family == "render":
        body: dict[str, Any] = {"success": False, "data": fail.data, "error": fail.message,
                                "code": fail.code}
    else:
        body = {"code": fail.code, "data": fail.data, "message": fail.message}
    return JSONResponse(body, status_code=fail.status, headers=fail.headers)


def _fault_failure(fault: CallFault) -> ApiFailure:
    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
    return ApiFailure(fault.status, fault.message, code=fault.code, headers=headers)


class EventStream(Response):
    """An SSE response fed by an async byte source; notices a client that leaves, and lets the
    source cut the connection (``StreamCut``) without a clean end of the body."""

    media_type = "text/event-stream"

    def __init__(self, source: Callable[[asyncio.Event], AsyncIterator[bytes]]) -> None:
        super().__init__(status_code=200)
        self._source = source

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gone = asyncio.Event()

        async def watch() -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    gone.set()
                    return

        watcher = asyncio.get_running_loop().create_task(watch())
        try:
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/event-stream; charset=utf-8"),
                                    (b"cache-control", b"no-cache"),
                                    (b"x-accel-buffering", b"no")]})
            async for chunk in self._source(gone):
                if gone.is_set():
                    break
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


class RecordRequests:
    """ASGI middleware: every HTTP request goes into the request log before it is served."""

    def __init__(self, app: ASGIApp, log: RequestLog, options: LocalOptions) -> None:
        self.app = app
        self.log = log
        self.options = options

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        record = RecordedRequest(method=scope["method"], path=scope["path"],
                                 query=scope.get("query_string", b"").decode("latin-1"),
                                 headers=redact_headers(headers), time=self.options.clock())
        scope.setdefault("state", {})["record"] = record
        self.log.add(record)

        async def send_recording(message: Any) -> None:
            if message["type"] == "http.response.start":
                record.status = int(message["status"])
            await send(message)

        await self.app(scope, receive, send_recording)


class LocalService:
    """Everything one server instance holds: options, store, faults, log, turns, renders."""

    def __init__(self, data_dir: Path, options: LocalOptions) -> None:
        self.data_dir = data_dir
        self.options = options
        self.store = Store(data_dir, options)
        self.faults = Faults()
        self.requests = RequestLog()
        self.turns = Turns(self.store, self.faults, options)
        self.renders = RenderJobs(data_dir / "renders", options, self.faults,
                                  self.store.media_path)

    def busy(self) -> bool:
        """Whether a turn or a render is still running."""
        return self.turns.busy() or self.renders.busy()


Handler = Callable[[Request], Awaitable[Response]]


def build_app(svc: LocalService) -> ASGIApp:
    """The ASGI application serving ``svc``."""
    api = _Api(svc)
    routes = [
        Route("/", api.index, methods=["GET"]),
        Route("/api/auth/anonymous-token", api.wrap("token", "code", api.token),
              methods=["POST"]),
        Route("/api/tasks/me/with-session/{app_name}", api.wrap("session", "code", api.session),
              methods=["POST"]),
        Route("/run_sse", api.wrap("run_sse", "code", api.run_sse), methods=["POST"]),
        Route("/api/upload-video/{app_name}/me/{sid}", api.wrap("upload", "code", api.upload),
              methods=["POST"]),
        Route("/api/credits/balance/simple", api.wrap("credits", "code", api.credits),
              methods=["GET"]),
        Route("/api/state/{app_name}/me/{sid}/latest", api.wrap("state", "code", api.state),
              methods=["GET"]),
        Route("/api/render/proxy/lambda", api.wrap("render", "render", api.render),
              methods=["POST"]),
        Route("/api/render/proxy/lambda/{rid}",
              api.wrap("render_status", "render", api.render_status), methods=["GET"]),
        Route("/api/render/proxy/lambda/{rid}/cancel",
              api.wrap("render_cancel", "render", api.render_cancel), methods=["POST"]),
        Route("/api/render/proxy/{rid}/download",
              api.wrap("render_download", "render", api.render_download), methods=["GET"]),
        Route("/media/{mid}/{filename}", api.wrap("media", "code", api.media), methods=["GET"]),
        Route("/renders/{key}/{name}", api.wrap("output", "code", api.output), methods=["GET"]),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return JSONResponse({"code": status, "data": None,
                             "message": f"{request.method} {request.url.path}: no such endpoint"
                             if status == 404 else "method not allowed"}, status_code=status)

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    return RecordRequests(app, svc.requests, svc.options)


class _Api:
    def __init__(self, svc: LocalService) -> None:
        self.svc = svc

    # -- plumbing --------------------------------------------------------------------------

    def wrap(self, name: str, family: Family, fn: Handler) -> Handler:
        async def handler(request: Request) -> Response:
            record: RecordedRequest = request.state.record
            record.endpoint = name
            fault = self.svc.faults.take_call_fault(name)
            try:
                if fault is not None:
                    if request.headers.get("content-type", "").startswith("application/json"):
                        # Recorded even when refused, so tests can see what was attempted.
                        with contextlib.suppress(ApiFailure):
                            await self._json(request)
                    raise _fault_failure(fault)
                return await fn(request)
            except ApiFailure as fail:
                return _error_response(fail, family)

        return handler

    async def _json(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        if not raw.strip():
            body: Any = {}
        else:
            try:
                body = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise ApiFailure(422, "The request body is not valid JSON") from None
        request.state.record.body = body
        if not isinstance(body, dict):
            raise ApiFailure(422, "The request body must be a JSON object")
        return body

    def _account(self, request: Request) -> Account:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _failure(CODE_TOKEN_INVALID, "Missing bearer token: get one from "
                                               "POST /api/auth/anonymous-token")
        account = self.svc.store.account_for_token(token.strip())
        if account is None:
            raise _failure(CODE_TOKEN_INVALID, "Token invalid or expired")
        return account

    def _session(self, account: Account, sid: object) -> Session:
        session = self.svc.store.session(account.user_id, sid) if isinstance(sid, str) else None
        if session is None:
            raise _failure(CODE_SESSION_NOT_FOUND, "Session not found")
        return session

    @staticmethod
    def _ok(data: Any, message: str = "success") -> JSONResponse:
        return JSONResponse({"code": 0, "data": data, "message": message})

    @staticmethod
    def _render_ok(data: Any) -> JSONResponse:
        return JSONResponse({"success": True, "data": data, "error": None})

    @staticmethod
    def _base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    # -- endpoints -------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return self._ok({"service": "nemovideo-local", "dialect": self.svc.options.dialect})

    async def token(self, request: Request) -> Response:
        client_id = request.headers.get("x-client-id", "").strip()
        if not client_id:
            raise ApiFailure(400, "X-Client-Id header is required (a persistent UUID)")
        token, account, expires = self.svc.store.issue_token(client_id)
        return self._ok({"token": token, "user_id": account.user_id,
                         "credits": account.available, "expires_at": iso_time(expires),
                         "type": "anonymous"})

    async def session(self, request: Request) -> Response:
        account = self._account(request)
        body = await self._json(request)
        language = str(body.get("language") or "en")
        task_name = str(body.get("task_name") or "project")
        s = self.svc.store.create_session(account.user_id, language=language,
                                          task_name=task_name)
        return self._ok({"task_id": s.task_id, "session_id": s.session_id,
                         "user_id": s.user_id, "language": s.language})

    async def credits(self, request: Request) -> Response:
        account = self._account(request)
        b = self.svc.store.balance(account.user_id)
        return self._ok({"available": b.available, "frozen": b.frozen, "total": b.total,
                         "user_id": account.user_id})

    async def state(self, request: Request) -> Response:
        account = self._account(request)
        session = self._session(account, request.path_params["sid"])
        return self._ok({"session_id": session.session_id, "state": session.state,
                         "updated_at": iso_time(session.updated_at)})

    async def run_sse(self, request: Request) -> Response:
        account = self._account(request)
        body = await self._json(request)
        message = body.get("new_message")
        parts = message.get("parts") if isinstance(message, dict) else None
        texts = [p["text"] for p in parts if isinstance(p, dict) and isinstance(p.get("text"), str)
                 ] if isinstance(parts, list) else []
        text = "".join(texts).strip()
        if not text:
            raise ApiFailure(422, 'Send {"new_message": {"parts": [{"text": "…"}]}} with text')
        sid = body.get("session_id")
        self._session(account, sid)
        svc = self.svc
        fault = svc.faults.take_stream_fault()
        encoder = Encoder(svc.options.dialect, svc.options.clock)
        if fault is not None and fault.kind == "heartbeat_only" and not fault.apply:
            return EventStream(lambda gone: svc.turns.stream(None, encoder, fault, gone))
        lock = svc.turns.lock(str(sid))
        await lock.acquire()
        try:
            session = self._session(account, sid)
            plan = plan_turn(text, session.state, session.memory,
                             session_language=session.language)
            if fault is not None and fault.kind == "error":
                lock.release()
                prefix: list[Event] = []
                # What the turn would have said before its first result; nothing commits.
                for step in plan.steps:
                    if isinstance(step, Say):
                        prefix.extend(text_events(step.text))
                    elif isinstance(step, Call):
                        prefix.append(CallEvent(step.call_id, step.name, step.args))
                    elif isinstance(step, Result):
                        break
                return EventStream(lambda gone: svc.turns.stream(None, encoder, fault, gone,
                                                                 tuple(prefix)))
            cost = 0
            if plan.charge == "generation":
                cost = svc.options.generation_cost
            elif plan.charge == "edit" and not session.edit_charged:
                cost = svc.options.edit_cost
            if cost and not svc.store.freeze(account.user_id, cost):
                b = svc.store.balance(account.user_id)
                raise _failure(CODE_OUT_OF_CREDITS,
                               f"Insufficient credits: this needs {cost}, {b.available} left",
                               data={"user_id": account.user_id, "required": cost,
                                     "available": b.available})
        except BaseException:
            if lock.locked():
                lock.release()
            raise
        queue = svc.turns.start(TurnContext(account.user_id, session.session_id, plan, cost),
                                lock)
        shown = fault if fault is not None and fault.kind in ("drop", "malformed",
                                                               "heartbeat_only") else None
        return EventStream(lambda gone: svc.turns.stream(queue, encoder, shown, gone))

    async def upload(self, request: Request) -> Response:
        account = self._account(request)
        session = self._session(account, request.path_params["sid"])
        svc = self.svc
        limit = svc.options.max_upload_bytes
        tmp = svc.store.root / "tmp"
        ctype = request.headers.get("content-type", "")
        try:
            if ctype.startswith("application/json"):
                body = await self._json(request)
                files = await receive_urls(body.get("urls"), tmp=tmp, limit=limit,
                                           allowed_root=svc.options.allowed_file_root)
            else:
                length = request.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit + (1 << 20):
                    # Hopeless before reading: drain without storing, then answer 4002.
                    async for _ in request.stream():
                        pass
                    raise UploadRejected(4002, f"File too large: the upload exceeds the "
                                               f"{limit}-byte limit. Compress or trim it.")
                files = await receive_multipart(ctype, request.stream(), tmp=tmp, limit=limit)
                request.state.record.files = [f.filename for f in files]
        except UploadRejected as rej:
            if rej.code in CODE_STATUS:
                raise _failure(rej.code, rej.message, rej.data) from None
            raise ApiFailure(rej.code, rej.message) from None
        try:
            infos = await asyncio.to_thread(self._describe, files, account, request)
        except UploadRejected as rej:
            discard(files)
            raise _failure(rej.code, rej.message, rej.data) from None
        async with svc.turns.lock(session.session_id):
            session = self._session(account, session.session_id)
            state = session.state
            added = []
            for info, received in zip(infos, files, strict=True):
                svc.store.add_media(info["media_id"], received.path,
                                    {**info, "user_id": account.user_id})
                state = {**state, "video_infos": [*state.get("video_infos", []), info]}
                state, track, start, end = editing.place_media(state, info)
                added.append(f"{info['filename']} → {track} track "
                             f"({start / 1000:g}-{end / 1000:g}s)")
            session.state = state
            svc.store.save_session(session)
        return self._ok({"files": infos, "session_state_applied": True,
                         "message": "Added " + "; ".join(added)})

    def _describe(self, files: list[ReceivedFile], account: Account, request: Request
                  ) -> list[dict[str, Any]]:
        infos = []
        for received in files:
            kind = type_of(received.filename) or "video"
            width = height = 0
            duration = fps = 0.0
            has_audio = False
            if self.svc.options.probe_media:
                try:
                    found = probe(received.path, kind)
                except ProbeError as exc:
                    raise UploadRejected(4001, f"{received.filename} is damaged or not really "
                                               f"a {kind} file ({exc}). Accepted formats: "
                                               "video, image or audio files that play",
                                         reason="corrupt", name=received.filename) from None
                duration, width, height, fps = found.duration, found.width, found.height, found.fps
                has_audio = found.has_audio
            media_id = self.svc.store.new_media_id()
            infos.append({
                "media_id": media_id, "filename": received.filename, "file_type": kind,
                "cdn_url": f"{self._base(request)}/media/{media_id}/{received.filename}",
                "duration": duration, "width": width, "height": height, "fps": fps,
                "hash": received.sha256, "size": received.size,
                **({"has_audio": True} if has_audio else {}),
            })
        return infos

    async def media(self, request: Request) -> Response:
        account = self._account(request)
        path = self.svc.store.media_path(account.user_id, request.path_params["mid"])
        if path is None or path.name != request.path_params["filename"]:
            raise ApiFailure(404, "No such media file")
        return FileResponse(path)

    async def render(self, request: Request) -> Response:
        account = self._account(request)
        missing = [h for h in _ATTRIBUTION if not request.headers.get(h, "").strip()]
        if missing:
            raise ApiFailure(402, "Export blocked: missing attribution headers "
                                  f"{', '.join(missing)}")
        body = await self._json(request)
        rid, sid, draft = body.get("id"), body.get("sessionId"), body.get("draft")
        if not isinstance(rid, str) or not rid or len(rid) > 80 or not all(
                c.isalnum() or c in "_-" for c in rid):
            raise ApiFailure(422, 'Give "id" as "render_<unique>" (letters, digits, _ and -)')
        self._session(account, sid)
        if not isinstance(draft, dict) or not draft_ready(draft):
            raise ApiFailure(422, "The draft has no segments to render; generate a video first")
        job = self.svc.renders.submit(rid, user_id=account.user_id, session_id=str(sid),
                                      draft=draft, base_url=self._base(request))
        return self._render_ok(self._job_data(job, "data"))

    def _job_data(self, job: RenderJob, shape: str) -> dict[str, Any]:
        progress: float = round(job.progress * 100) if shape != "fraction" else round(
            job.progress, 3)
        data: dict[str, Any] = {"id": job.id, "status": job.status, "progress": progress}
        if shape == "top_level":
            data["output"] = {"url": job.output_url} if job.output_url else None
        else:
            data["outputUrl"] = job.output_url
        if job.error:
            data["error"] = job.error
        return data

    def _job(self, request: Request) -> tuple[Account, RenderJob]:
        account = self._account(request)
        job = self.svc.renders.get(request.path_params["rid"], account.user_id)
        if job is None:
            raise ApiFailure(404, "Render job not found")
        return account, job

    async def render_status(self, request: Request) -> Response:
        _, job = self._job(request)
        shape = self.svc.faults.render_shape
        if shape == "top_level":
            return JSONResponse(self._job_data(job, shape))
        return self._render_ok(self._job_data(job, shape))

    async def render_cancel(self, request: Request) -> Response:
        account, job = self._job(request)
        cancelled = self.svc.renders.cancel(job.id, account.user_id)
        assert cancelled is not None
        data = self._job_data(cancelled, "data")
        if data["status"] not in ("completed", "failed"):
            data["status"] = "cancelled"
        return self._render_ok(data)

    async def render_download(self, request: Request) -> Response:
        _, job = self._job(request)
        path = self.svc.renders.output_path(job.id)
        if job.status != "completed" or not path.is_file():
            raise ApiFailure(409, f"Render is {job.status}, not completed")
        return FileResponse(path, media_type="video/mp4", filename=f"{job.id}.mp4")

    async def output(self, request: Request) -> Response:
        name = request.path_params["name"]
        job = self.svc.renders.by_key(request.path_params["key"], name.removesuffix(".mp4"))
        path = self.svc.renders.output_path(job.id) if job else None
        if job is None or path is None or job.status != "completed" or not path.is_file():
            raise ApiFailure(404, "No such render output")
        return FileResponse(path, media_type="video/mp4")


class _CutFilter(logging.Filter):
    """Keeps the deliberate stream cuts (fault injection) out of uvicorn's error log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if isinstance(exc, StreamCut):
                return False
            if isinstance(exc, BaseExceptionGroup):
                return not any(isinstance(e, StreamCut) for e in exc.exceptions)
            exc = exc.__cause__ or exc.__context__
        return True


def install_log_filter() -> None:
    """Silence uvicorn's report of deliberate stream cuts (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _CutFilter) for f in logger.filters):
        logger.addFilter(_CutFilter())
