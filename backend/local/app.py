"""The local backend's HTTP API: the NemoVideo endpoints of DESIGN §2 as a Starlette app.

Why Starlette + uvicorn: a small ASGI toolkit whose responses can be written as raw ASGI
callables (needed for SSE streams that must be able to break off mid-body like a dropped
gateway connection), with a server that runs in a background thread on a socket we bind
ourselves (port 0 on loopback) and shuts down promptly. No framework features beyond routing
are used, so the module stays a thin layer over ``Store``, ``Turns`` and ``RenderJobs``.

Envelopes: ``{"code": 0, "data": …, "message": …}``; render endpoints ``{"success": …, "data":
…, "error": …}``. Errors: 1001 (HTTP 401) no/unknown/expired token · 1002 (404) unknown
session · 2001 (403) out of credits · 4001 (415) unsupported file or source · 4002 (413) upload
too large · HTTP 400 ``X-Client-Id`` missing · 402 render without attribution headers · 409 a
render id another user owns · 413 a body or message over its limit · 422 an unusable request
body or a draft over the limits · 429 a full render queue, or by fault injection (with
``Retry-After``) · 507 disk full · 500 anything else. Every error, wherever it arises, is an
envelope (``guard.py``); the limits are ``LocalOptions.limits`` (``limits.py``).

CPU-heavy work never runs on the event loop: a turn is planned in a small thread pool (on at
most ``Limits.plan_chars`` of the message), large JSON bodies are parsed in a worker thread,
uploads are probed in one, and renders run in their own threads.

Downloads (``/media/<id>/<name>``, ``/api/render/proxy/<id>/download``) need the owner's bearer
token; a completed render is also served at its signed URL ``/renders/<key>/<id>.mp4``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.draft import draft_ready
from backend.errors import CODE_OUT_OF_CREDITS, CODE_SESSION_NOT_FOUND, CODE_TOKEN_INVALID
from backend.local.claims import Claims, latest_session, render_page
from backend.local.faults import CODE_STATUS, CallFault, Faults
from backend.local.guard import (
    BodyTooLarge,
    Family,
    Guard,
    body_limit,
    describe_failure,
    envelope,
    family_of,
    is_disk_full,
    log_failure,
    too_large_answer,
)
from backend.local.limits import draft_problem, json_too_deep
from backend.local.options import LocalOptions
from backend.local.probe import ProbeError, probe
from backend.local.probe import file_type as type_of
from backend.local.quota import TokenQuota
from backend.local.renders import QueueFull, RenderIdTaken, RenderJob, RenderJobs
from backend.local.requestlog import RecordedRequest, RequestLog, redact_headers
from backend.local.shapes import resolve_media, served_state
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

if TYPE_CHECKING:
    from backend.local.agent import Plan

# The agent (planning, editing, its language tables) is imported by the first turn or upload
# that needs it, not here: a project's first message waits for this server to start, and most
# messages (credits, status, export) never plan a turn.

__all__ = ["ApiFailure", "LocalService", "build_app", "install_log_filter"]

_ATTRIBUTION = ("x-skill-source", "x-skill-version", "x-skill-platform")
_log = logging.getLogger("backend.local")
# Bodies larger than this are parsed in a worker thread rather than on the event loop.
_THREAD_PARSE_BYTES = 64 << 10
_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
    return JSONResponse(envelope(family, fail.code, fail.message, fail.data),
                        status_code=fail.status, headers=fail.headers)


def _parse_json(raw: bytes, max_depth: int) -> Any:
    """``raw`` as JSON: 422 when it is not JSON or nests deeper than ``max_depth``. Lone
    surrogates (``"\\ud800"`` without its pair) become U+FFFD: they cannot be stored or sent."""
    if not raw.strip():
        return {}
    if json_too_deep(raw, max_depth):
        raise ApiFailure(422, f"The request body nests arrays or objects more than {max_depth} "
                              "levels deep; send a flatter body.")
    try:
        value = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiFailure(422, "The request body is not valid JSON") from None
    except RecursionError:  # deeper than the interpreter allows, whatever the limit says
        raise ApiFailure(422, "The request body nests arrays or objects too deeply; send a "
                              "flatter body.") from None
    if _SURROGATE_ESCAPE.search(raw):
        value = _without_lone_surrogates(value)
    return value


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v)
                for k, v in value.items()}
    return value


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
        self.requests = RequestLog(max_bytes=options.limits.request_log_bytes)
        self.turns = Turns(self.store, self.faults, options)
        self.renders = RenderJobs(data_dir / "renders", options, self.faults,
                                  self.store.media_path)
        self.claims = Claims(data_dir / "claims.json", options.clock)
        self.quota = TokenQuota(data_dir / "token_quota.json",
                                per_client=options.token_quota_per_client,
                                per_ip=options.token_quota_per_ip,
                                window=options.token_quota_window, clock=options.clock)
        # Planning is CPU work: two threads keep it off the event loop, and a flood of long
        # messages waits here instead of taking the threads uploads and parsing use.
        self.planner = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nemo-plan")

    def busy(self) -> bool:
        """Whether a turn or a render is still running."""
        return self.turns.busy() or self.renders.busy()

    def close(self) -> None:
        """Release what the service holds (threads, database, owner lock). Idempotent; the
        server must have stopped."""
        self.planner.shutdown(wait=False, cancel_futures=True)
        self.store.close()


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
        Route("/api/auth/claim-token", api.wrap("claim_token", "code", api.claim_token),
              methods=["POST"]),
        Route("/workspace/claim", api.wrap("claim_page", "code", api.claim_page),
              methods=["GET"]),
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
        message = (f"{request.method} {request.url.path}: no such endpoint" if status == 404
                   else "method not allowed")
        return JSONResponse(envelope(family_of(request.url.path), status, message),
                            status_code=status)

    async def failed(request: Request, exc: Exception) -> Response:
        # Anything the endpoints did not answer themselves (they answer their own failures).
        if isinstance(exc, BodyTooLarge):
            status, code, text = too_large_answer(exc, svc.options.limits)
        else:
            log_failure(exc, f"{request.method} {request.url.path}")
            status, text = describe_failure(exc)
            code = status
        return JSONResponse(envelope(family_of(request.url.path), code, text),
                            status_code=status)

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found,
                                                       Exception: failed})
    limits = svc.options.limits
    return RecordRequests(Guard(app, limits, body_limit(limits)), svc.requests, svc.options)


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
                        with contextlib.suppress(ApiFailure, BodyTooLarge):
                            await self._json(request)
                    raise _fault_failure(fault)
                return await fn(request)
            except ApiFailure as fail:
                return _error_response(fail, family)
            except BodyTooLarge as exc:
                status, code, text = too_large_answer(exc, self.svc.options.limits)
                return _error_response(ApiFailure(status, text, code=code), family)
            except ClientDisconnect:
                return Response(status_code=499)  # nobody is left to read it
            except Exception as exc:
                if not is_disk_full(exc):
                    log_failure(exc, f"{request.method} {request.url.path}")
                status, text = describe_failure(exc)
                return _error_response(ApiFailure(status, text), family)

        return handler

    async def _json(self, request: Request) -> dict[str, Any]:
        """The request's JSON object, read within ``max_body_bytes`` and ``max_json_depth``
        (413 / 422 otherwise; a refused body is not recorded)."""
        limits = self.svc.options.limits
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limits.max_body_bytes:
                raise BodyTooLarge(limits.max_body_bytes)
            chunks.append(chunk)
        raw = b"".join(chunks)
        if size > _THREAD_PARSE_BYTES:
            body = await asyncio.to_thread(_parse_json, raw, limits.max_json_depth)
        else:
            body = _parse_json(raw, limits.max_json_depth)
        self.svc.requests.attach_body(request.state.record, body, size)
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
        ip = request.client.host if request.client is not None else ""
        wait = self.svc.quota.admit(client_id, ip)
        if wait is not None:
            raise ApiFailure(429, "Anonymous token quota reached (per client id and per IP "
                                  "address per 7 days)", data={"retry_after": round(wait)},
                             headers={"Retry-After": str(round(wait))})
        token, account, expires = await asyncio.to_thread(self.svc.store.issue_token, client_id)
        return self._ok({"token": token, "user_id": account.user_id,
                         "credits": account.available, "expires_at": iso_time(expires),
                         "type": "anonymous"})

    async def claim_token(self, request: Request) -> Response:
        account = self._account(request)
        token, ttl = self.svc.claims.issue(account.user_id)
        return self._ok({"claim_token": token, "expires_in": ttl,
                         "claim_url": f"{self._base(request)}/workspace/claim?ct={token}"})

    async def claim_page(self, request: Request) -> Response:
        user = self.svc.claims.user_of(request.query_params.get("ct", ""))
        if user is None:
            raise ApiFailure(404, "This claim link is unknown or has expired")
        store = self.svc.store
        sid = latest_session(store.root / "sessions", user)
        session = store.session(user, sid) if sid else None
        job = self.svc.renders.latest_completed(sid) if sid else None
        page = render_page(state=session.state if session else None,
                           language=session.language if session else "en",
                           task_name=session.task_name if session else "",
                           video_url=job.output_url if job else None)
        return HTMLResponse(page, headers={"Cache-Control": "no-store",
                                           "Referrer-Policy": "no-referrer"})

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
        opts = self.svc.options
        state = served_state(session.state, text_on_segment=opts.text_on_segment,
                             sandbox_paths=opts.sandbox_paths)
        return self._ok({"session_id": session.session_id, "state": state,
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
        limits = self.svc.options.limits
        if len(text) > limits.max_message_chars:
            raise ApiFailure(413, f"The message is {len(text):,} characters long; the limit is "
                                  f"{limits.max_message_chars:,}. Send a shorter message.")
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
            plan = await self._plan(text, session)
            if fault is not None and fault.kind == "error":
                lock.release()
                prefix: list[Event] = []
                from backend.local.agent import Call, Result, Say

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
            hold = svc.store.freeze(account.user_id, cost) if cost else None
            if cost and hold is None:
                b = svc.store.balance(account.user_id)
                raise _failure(CODE_OUT_OF_CREDITS,
                               f"Insufficient credits: this needs {cost}, {b.available} left",
                               data={"user_id": account.user_id, "required": cost,
                                     "available": b.available})
        except BaseException:
            if lock.locked():
                lock.release()
            raise
        queue = svc.turns.start(TurnContext(account.user_id, session.session_id, plan, hold),
                                lock)
        shown = fault if fault is not None and fault.kind in ("drop", "malformed",
                                                               "heartbeat_only") else None
        return EventStream(lambda gone: svc.turns.stream(queue, encoder, shown, gone))

    async def _plan(self, text: str, session: Session) -> Plan:
        """The agent's plan for ``text``, made in the planner threads on at most
        ``plan_chars`` of it; a longer message is told what was read."""
        window = self.svc.options.limits.plan_chars
        job = functools.partial(_plan_turn, text[:window], session.state, session.memory,
                                session.language)
        plan, language = await asyncio.get_running_loop().run_in_executor(self.svc.planner, job)
        if language != session.language:
            # The conversation follows the language the user writes in: "estilo cinematico"
            # after "un video de un bosque" is answered in Spanish, whatever the session began in.
            session.language = language
            self.svc.store.save_session(session)
        if len(text) <= window:
            return plan
        from backend.local.agent import Say  # loaded by the planner by now
        from backend.local.lexicon import lexicon

        note = Say(lexicon().say("message_truncated", plan.lang, chars=f"{window:,}"))
        return dataclasses.replace(plan, steps=(note, *plan.steps))

    async def upload(self, request: Request) -> Response:
        from backend.local import editing

        account = self._account(request)
        session = self._session(account, request.path_params["sid"])
        svc = self.svc
        limits = svc.options.limits
        tmp = svc.store.root / "tmp"
        ctype = request.headers.get("content-type", "")
        try:
            if ctype.startswith("application/json"):
                body = await self._json(request)
                files = await _unless_client_leaves(request, receive_urls(
                    body.get("urls"), tmp=tmp, limits=limits,
                    allowed_root=svc.options.allowed_file_root))
            else:
                files = await receive_multipart(ctype, request.stream(), tmp=tmp, limits=limits)
            request.state.record.files = [f.filename for f in files]
        except UploadRejected as rej:
            if rej.code in CODE_STATUS:
                raise _failure(rej.code, rej.message, rej.data) from None
            raise ApiFailure(rej.code, rej.message) from None
        try:
            infos = await asyncio.to_thread(self._describe, files, request)
            async with svc.turns.lock(session.session_id):
                session = self._session(account, session.session_id)
                state = session.state
                added: list[str] = []
                try:
                    for info, received in zip(infos, files, strict=True):
                        svc.store.add_media(info["media_id"], received.path,
                                            {**info, "user_id": account.user_id},
                                            received.stored_name)
                        state = {**state, "video_infos": [*state.get("video_infos", []), info]}
                        state, track, start, end = editing.place_media(state, info)
                        added.append(f"{info['filename']} → {track} track "
                                     f"({start / 1000:g}-{end / 1000:g}s)")
                    session.state = state
                    svc.store.save_session(session)
                except BaseException:
                    for info in infos:  # all or nothing: no media the state does not know
                        svc.store.remove_media(info["media_id"])
                    raise
        except UploadRejected as rej:
            raise _failure(rej.code, rej.message, rej.data) from None
        finally:
            discard(files)  # whatever was not moved into the media store
        return self._ok({"files": infos, "session_state_applied": True,
                         "message": "Added " + "; ".join(added)})

    def _describe(self, files: list[ReceivedFile], request: Request) -> list[dict[str, Any]]:
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
            url_name = quote(received.stored_name, safe="")
            infos.append({
                "media_id": media_id, "filename": received.filename, "file_type": kind,
                "cdn_url": f"{self._base(request)}/media/{media_id}/{url_name}",
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
        problem = await asyncio.to_thread(draft_problem, draft, self.svc.options.limits)
        if problem is not None:
            raise ApiFailure(422, problem)
        unfetchable = resolve_media(draft, lambda mid: self.svc.store.media_path(
            account.user_id, mid) is not None)
        if unfetchable:
            raise ApiFailure(422, "The draft references media the renderer cannot fetch: "
                                  f"{', '.join(unfetchable)}")
        try:
            job = self.svc.renders.submit(rid, user_id=account.user_id, session_id=str(sid),
                                          draft=draft, base_url=self._base(request))
        except RenderIdTaken:
            raise ApiFailure(409, f"The render id {rid} is already in use; submit the render "
                                  "under a new id.") from None
        except QueueFull as full:
            raise ApiFailure(429, f"{full.waiting} renders are already waiting; try again in a "
                                  "minute.", headers={"Retry-After": "30"}) from None
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


async def _unless_client_leaves(request: Request, work: Awaitable[list[ReceivedFile]]
                                ) -> list[ReceivedFile]:
    """Await ``work`` (an upload by URL), cancelling it when the client disconnects: nobody
    would read the answer, and the fetch must not go on for nobody."""
    task = asyncio.ensure_future(work)

    async def gone() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    watcher = asyncio.ensure_future(gone())
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        task.cancel()
        watcher.cancel()
        raise
    watcher.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        raise ClientDisconnect
    return task.result()


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


def _plan_turn(text: str, state: dict[str, Any], memory: dict[str, Any],
               language: str) -> tuple[Plan, str]:
    """The plan for ``text`` and the conversation's language after it."""
    # In a planner thread: the first turn also imports the agent here (tens of milliseconds),
    # which the server's start left out, rather than on the event loop.
    from backend.local.agent import plan_turn
    from backend.local.lexicon import lexicon
    from backend.local.questions import plan_with_questions

    language = lexicon().conversation_language(text, language)
    return plan_with_questions(text, state, memory, session_language=language,
                               planner=plan_turn), language
