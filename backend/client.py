"""``NemoClient``: every NemoVideo API call and its recovery policies, on an injected httpx client.

Policies (each applied at most once per call): 1001 → new anonymous token and retry (or, for
``NEMO_TOKEN``, say that token was refused); 1002 → new session and retry; 429 → wait and retry;
400 on token acquisition → new persisted client id and retry. Chat streams are never re-sent
(``chat.ChatStream``); a dropped one is recovered with ``recover_after_drop``.

Every request is bounded by ``limits.Limits``: an overall deadline for its kind, and a size
for what it reads. Token expiry is the service's call (1001/401), never the local clock's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from backend import recovery, render_job, uploads
from backend.bounded import ACCEPT_ENCODING, BadEncoding, read_body
from backend.envelope import decode_response, expect_dict
from backend.errors import (
    APIError,
    AuthError,
    BadResponse,
    ConnectError,
    MissingClientId,
    RateLimited,
    SessionNotFound,
    TimeoutError_,
    TokenQuotaExceeded,
    redact,
)
from backend.limits import DEFAULT_LIMITS, Limits, RequestKind, duration_text
from backend.models import Credits, Session, SessionState, UploadResult
from backend.render_job import ProgressCallback, ProgressScale, RenderStatus
from backend.session_store import PendingRender, SessionStore
from backend.wire import ascii_filename, json_body, path_segment, replace_surrogates

if TYPE_CHECKING:
    from backend.chat import ChatStream

__all__ = ["ClientIdentity", "FixedClientId", "Limits", "NemoClient", "Sleep", "Timings",
           "TokenInfo"]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

APP = "nemo_agent"
PATH_TOKEN = "/api/auth/anonymous-token"
PATH_SESSION = f"/api/tasks/me/with-session/{APP}"
PATH_CHAT = "/run_sse"
PATH_CREDITS = "/api/credits/balance/simple"
PATH_RENDER = "/api/render/proxy/lambda"

class ClientIdentity(Protocol):
    """Where the persistent client id comes from (``skill.config.Config`` is one)."""

    def client_id(self) -> str:
        """The current id (created and persisted on first use)."""
        ...

    def new_client_id(self) -> str:
        """Generate, persist and return a new id (after a 400 "missing client id")."""
        ...

def _uuid4() -> str:
    # uuid (with platform and its C module) is imported only here: every message imports
    # this module, only tools and tests use FixedClientId.
    import uuid

    return str(uuid.uuid4())

@dataclass
class FixedClientId:
    """A ``ClientIdentity`` held in memory: for tools and tests that persist nothing."""

    value: str = field(default_factory=_uuid4)

    def client_id(self) -> str:
        return self.value

    def new_client_id(self) -> str:
        self.value = _uuid4()
        return self.value

@dataclass(frozen=True)
class Timings:
    """Every wait and read timeout of the client, in seconds (tests shrink them).

    A read timeout bounds one silence; the overall deadline of a whole request is in
    ``Limits``.
    """

    request_timeout: float = 30.0
    upload_timeout: float = 600.0
    #: The longest silence a chat stream may have: heartbeats must come more often.
    stream_read_timeout: float = 120.0
    #: Heartbeats with nothing else for this long end the wait as a timeout.
    heartbeat_only_limit: float = 600.0
    rate_limit_wait: float = 30.0
    recovery_delays: tuple[float, ...] = recovery.DEFAULT_DELAYS
    render_poll_delays: tuple[float, ...] = (2.0, 3.0, 5.0, 5.0, 10.0)
    #: None: polls follow ``render_poll_delays`` only. A number (loopback): when the render's
    #: progress says it will finish before the next scheduled poll, poll at a quarter of
    #: the time it should still take, but no sooner than this: a finished video is seen at
    #: once.
    render_poll_floor: float | None = None
    render_timeout: float = 1800.0
    download_timeout: float = 600.0

@dataclass(frozen=True)
class TokenInfo:
    """What an anonymous token acquisition told us (the token itself stays inside)."""

    user_id: str | None
    credits: float | None
    expires_at: float | None

_WHAT: dict[str, str] = {
    "token": "the token request", "session": "the session request",
    "credits": "the credits request", "state": "the project state request",
    "upload": "the upload", "chat": "the chat message", "render_submit": "the render request",
    "render_poll": "the render status request", "download": "the download",
}

@dataclass
class _Request:
    method: str
    path: str
    kind: RequestKind
    json: Any = None
    files: tuple[Path, ...] = ()
    #: The file names as sent (``files[i].name`` made sendable), one per file.
    names: tuple[str, ...] = ()
    timeout: float | None = None
    token_used: str = field(default="", repr=False)

class NemoClient:
    """The API client. ``http`` is owned by the caller (and closed by it).

    ``attribution`` holds the three ``X-Skill-*`` headers; ``identity`` gives the client id;
    ``store`` keeps token, session and pending renders (in memory when omitted); ``env_token``
    is ``NEMO_TOKEN`` (used as is, never replaced). ``limits`` bounds every request's time and
    size. ``sleep`` and ``clock`` are injectable so that no test waits for real.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_base: str,
        attribution: Mapping[str, str],
        identity: ClientIdentity,
        store: SessionStore | None = None,
        env_token: str | None = None,
        timings: Timings = Timings(),
        limits: Limits = DEFAULT_LIMITS,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self.api_base = api_base.rstrip("/")
        self._attribution = dict(attribution)
        self._identity = identity
        self.store = store or SessionStore(None, skill="", api_base=self.api_base)
        self._env_token = env_token or None
        self.timings = timings
        self.limits = limits
        self.sleep = sleep
        self.clock = clock
        self.wall_clock = wall_clock
        self._token_lock = asyncio.Lock()
        self._session_lock = asyncio.Lock()
        #: The most recent balance and state answers, for hosts that show them structured.
        self.last_credits: Credits | None = None
        self.last_state: SessionState | None = None
        self._seen_tokens: set[str] = set()
        self._quota_refusal: TokenQuotaExceeded | None = None
        if self._env_token:
            self._seen_tokens.add(self._env_token)
        stored = self.store.load().token
        if stored:
            self._seen_tokens.add(stored)

    def __repr__(self) -> str:
        return f"NemoClient(api_base={self.api_base!r}, token_source={self.token_source!r})"

    @property
    def token_source(self) -> str:
        """``"env"`` when ``NEMO_TOKEN`` is used, else ``"anonymous"``."""
        return "env" if self._env_token else "anonymous"

    def secrets(self) -> tuple[str, ...]:
        """Every token this client has held: removed from any text it lets out."""
        return tuple(self._seen_tokens)

    # -- token ------------------------------------------------------------------------------

    async def acquire_token(self) -> TokenInfo:
        """Acquire and persist a new anonymous token with the persisted client id.

        A 400 (missing client id) makes a new persisted id and retries once; a 429 waits and
        retries once. Raises the mapped ``APIError``, ``ConnectError`` or ``TimeoutError_``.
        """
        retried: set[type[APIError]] = set()
        while True:
            headers = {**self._attribution, "X-Client-Id": self._identity.client_id()}
            try:
                status, resp_headers, content = await self._exchange(
                    "POST", self.api_base + PATH_TOKEN, kind="token", headers=headers,
                    read_timeout=self.timings.request_timeout)
                data = decode_response(status, resp_headers, content,
                                       secrets=self.secrets(), token_request=True,
                                       extra=self._error_context())
            except MissingClientId:
                if MissingClientId in retried:
                    raise
                retried.add(MissingClientId)
                log.info("the service wants a client id: generating a new one")
                self._identity.new_client_id()
                continue
            except TokenQuotaExceeded:
                # A quota, not a busy moment: waiting or a new client id only burns more of it.
                raise
            except RateLimited as exc:
                if RateLimited in retried:
                    raise
                retried.add(RateLimited)
                await self.sleep(self._rate_wait(exc))
                continue
            body = expect_dict(data, "anonymous token", keys=("token",))
            token = str(body["token"])
            self._seen_tokens.add(token)
            user = body.get("user_id")
            credits = body.get("credits")
            info = TokenInfo(
                user_id=str(user) if user not in (None, "") else None,
                credits=float(credits) if isinstance(credits, int | float) else None,
                expires_at=_epoch(body.get("expires_at")))
            self.store.update(token=token, user_id=info.user_id, expires_at=info.expires_at)
            return info

    async def _token(self) -> str:
        # The stored token is used until the service refuses it (1001/401, then one renewal
        # in ``apply_policy``). ``expires_at`` is never compared with the local clock: with
        # the server's clock days off, that would mint a token before every request.
        if self._env_token:
            return self._env_token
        stored = self.store.load()
        if stored.token:
            return stored.token
        async with self._token_lock, self.store.locked() as fresh:
            # Under the project's lock, read afresh: another process may have just got one
            # (one anonymous token per client id is all the service grants).
            if not fresh.token:
                if self._quota_refusal is not None:
                    raise self._quota_refusal  # asked once in this process already
                try:
                    await self.acquire_token()
                except TokenQuotaExceeded as exc:
                    self._quota_refusal = exc
                    raise
                fresh = self.store.load()  # noqa: PLW2901
            assert fresh.token is not None
            return fresh.token

    async def _renew_token(self, stale: str) -> None:
        async with self._token_lock, self.store.locked() as stored:
            if self._quota_refusal is not None:
                raise self._quota_refusal  # asked once in this process: no second request
            if stored.token == stale or not stale:
                self.store.update(token=None, expires_at=None)
                try:
                    await self.acquire_token()
                except TokenQuotaExceeded as exc:
                    self._quota_refusal = exc
                    raise

    # -- session ----------------------------------------------------------------------------

    async def ensure_session(self, language: str | None = None) -> Session:
        """The project's session: the stored one, else a new one in ``language``.

        The language is that of the user's first message (kept for later sessions). Only one
        process creates it: the others wait for the project's lock and find it stored.
        """
        stored = self.store.load()
        if stored.session_id:
            return Session(stored.task_id or "", stored.session_id)
        async with self._session_lock, self.store.locked() as stored:
            if stored.session_id:
                return Session(stored.task_id or "", stored.session_id)
            return await self._create_session(language or stored.language or "en")

    async def new_session(self, language: str | None = None) -> Session:
        """Start a new project (session) and remember it instead of the current one."""
        async with self._session_lock, self.store.locked() as stored:
            return await self._create_session(language or stored.language or "en")

    async def _replace_session(self, stale: str | None) -> None:
        async with self._session_lock, self.store.locked() as stored:
            if stored.session_id == stale or stored.session_id is None:
                log.info("the session is gone on the service: starting a new one")
                await self._create_session(stored.language or "en")

    async def _create_session(self, language: str) -> Session:
        data = await self._call(lambda _: _Request(
            "POST", PATH_SESSION, "session", json={"task_name": "project", "language": language}))
        body = expect_dict(data, "create session", keys=("session_id",))
        task = body.get("task_id")
        session = Session(str(task) if task not in (None, "") else "", str(body["session_id"]))
        self.store.update(task_id=session.task_id or None, session_id=session.session_id,
                          language=language)
        return session

    # -- plain calls ------------------------------------------------------------------------

    async def credits(self) -> Credits:
        """The credit balance (also kept as ``last_credits``). Raises the mapped ``APIError``
        or a transport error."""
        self.last_credits = Credits.from_data(
            await self._call(lambda _: _Request("GET", PATH_CREDITS, "credits")))
        return self.last_credits

    async def state(self) -> SessionState:
        """The session's latest state (draft, media). Creates the session if there is none."""
        data = await self._call(
            lambda sid: _Request("GET", f"/api/state/{APP}/me/{_seg(sid)}/latest", "state"),
            session=True)
        self.last_state = SessionState.from_data(data)
        return self.last_state

    async def upload_files(self, paths: Iterable[str | Path]) -> UploadResult:
        """Upload local files in one multipart request.

        Any Unicode name is sent as is (raw UTF-8 in ``filename``, as RFC 7578 and browsers
        do); a service that refuses such a name (422) gets it once more percent-encoded
        (RFC 7578 §4.2). The result's ``display_name`` is the user's own name either way.
        Raises ``FileRejected`` before sending for a missing, unaccepted or oversized file, and
        ``UnsupportedFile``/``FileTooLarge`` when the service refuses one.
        """
        files = tuple(uploads.check_files(paths))
        names = tuple(replace_surrogates(p.name) for p in files)

        def build(sent: tuple[str, ...]) -> Callable[[str | None], _Request]:
            return lambda sid: _Request(
                "POST", f"/api/upload-video/{APP}/me/{_seg(sid)}", "upload", files=files,
                names=sent, timeout=self.timings.upload_timeout)

        try:
            data = await self._call(build(names), session=True)
        except APIError as exc:
            if exc.status != 422 or all(name.isascii() for name in names):
                raise
            log.info("the service refused non-ASCII file names: sending them percent-encoded")
            data = await self._call(build(tuple(ascii_filename(n) for n in names)),
                                    session=True)
        return UploadResult.from_data(data).with_local_names(names)

    async def upload_urls(self, urls: Iterable[str]) -> UploadResult:
        """Have the service fetch media from http(s) ``urls``; ``UsageError`` for a bad link."""
        checked = uploads.check_urls(urls)
        data = await self._call(lambda sid: _Request(
            "POST", f"/api/upload-video/{APP}/me/{_seg(sid)}", "upload",
            json={"urls": checked, "source_type": "url"},
            timeout=self.timings.upload_timeout), session=True)
        return UploadResult.from_data(data)

    # -- chat -------------------------------------------------------------------------------

    def send_message(self, text: str) -> ChatStream:
        """Send ``text`` to the agent; iterate the result for typed events.

        The message is sent once: a stream that drops raises ``StreamDropped`` after yielding
        what arrived, and is never re-sent (use ``recover_after_drop``).
        """
        from backend.chat import ChatStream

        return ChatStream(self, text)

    async def recover_after_drop(
        self,
        before: SessionState | None,
        *,
        sleep: Sleep | None = None,
        delays: tuple[float, ...] | None = None,
        on_poll: Callable[[int, float], None] | None = None,
    ) -> SessionState:
        """After ``StreamDropped``: poll the state until it differs from ``before``.

        Waits 30 s, then longer (``Timings.recovery_delays``); raises ``GenerationLost`` after
        five unchanged polls, with an offer to send the message again.
        """
        return await recovery.poll_until_changed(
            self.state, before, sleep=sleep or self.sleep,
            delays=delays or self.timings.recovery_delays, on_poll=on_poll)

    # -- renders ----------------------------------------------------------------------------

    async def submit_render(self, draft: Mapping[str, Any], render_id: str) -> None:
        """Submit ``draft`` for rendering as ``render_id`` (see ``render_job.new_render_id``)."""
        await self._call(lambda sid: _Request("POST", PATH_RENDER, "render_submit", json={
            "id": render_id, "sessionId": sid, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}), session=True)

    async def render_status(self, render_id: str, scale: ProgressScale | None = None
                            ) -> RenderStatus:
        """The normalised status of a render (pass one ``scale`` per job to read progress)."""
        data = await self._call(lambda _: _Request("GET", f"{PATH_RENDER}/{_seg(render_id)}",
                                                   "render_poll"))
        return render_job.parse_render_status(data, scale or ProgressScale())

    async def cancel_render(self, render_id: str) -> None:
        """Ask the service to stop a render, and forget it locally."""
        await self._call(lambda _: _Request("POST", f"{PATH_RENDER}/{_seg(render_id)}/cancel",
                                            "render_poll"))
        self.store.remove_render(render_id)

    async def download_render(self, render_id: str, dest: Path, *, url: str | None = None,
                              size: int | None = None,
                              on_bytes: Callable[[int, int | None], None] | None = None
                              ) -> Path:
        """Download a finished render to ``dest`` (atomically) from ``url`` or the proxy path.

        ``size`` is what the render status promised (at most and exactly that many bytes);
        without it ``Limits.download_bytes`` caps the file. The bearer token goes only to the
        API's own origin, never to a CDN; a refused token is renewed once.
        """
        target = self._download_url(render_id, url)
        retried: set[type[APIError]] = set()
        while True:
            headers = dict(self._attribution)
            token = ""
            if _same_origin(target, self.api_base):
                token = await self._token()
                headers["Authorization"] = "Bearer " + token
            try:
                return await render_job.download_to(
                    self._http, target, dest, headers=headers,
                    read_timeout=self.timings.download_timeout, limits=self.limits,
                    expected_size=size, secrets=self.secrets(), on_bytes=on_bytes)
            except (AuthError, RateLimited) as exc:
                if isinstance(exc, AuthError) and not token:
                    raise
                await self.apply_policy(exc, retried, token_used=token, session_id=None)

    def _download_url(self, render_id: str, url: str | None) -> str:
        fallback = f"{self.api_base}/api/render/proxy/{_seg(render_id)}/download"
        if not url:
            return fallback
        absolute = urljoin(self.api_base + "/", url)
        if urlsplit(absolute).scheme not in ("http", "https"):
            return fallback
        return absolute

    async def export(self, draft: Mapping[str, Any] | None, dest_dir: Path, *,
                     on_progress: ProgressCallback | None = None,
                     filename: str | None = None) -> Path:
        """Render ``draft`` (default: the session's current draft) and download it.

        Reports ``RenderProgress`` through ``on_progress``; a failed render is retried once
        with a new id. Returns the path of the video in ``dest_dir``. Raises ``UsageError``
        when there is nothing to export, ``RenderFailed`` after two failures, and
        ``TimeoutError_`` when the render outlasts ``Timings.render_timeout`` (it then stays
        pending and ``resume_render`` picks it up).
        """
        from backend.export import run_export

        return await run_export(self, draft, Path(dest_dir), on_progress=on_progress,
                                filename=filename)

    def pending_renders(self) -> tuple[PendingRender, ...]:
        """Renders started (possibly by an earlier process) and not yet delivered, except those
        another live process is still waiting for (see ``SessionStore.claim_pending``)."""
        return self.store.claim_pending()

    async def resume_render(self, pending: PendingRender, *,
                            on_progress: ProgressCallback | None = None) -> Path:
        """Continue polling a pending render and deliver it like ``export`` would."""
        from backend.export import resume_export

        return await resume_export(self, pending, on_progress=on_progress)

    # -- the request pipeline ---------------------------------------------------------------

    async def _call(self, build: Callable[[str | None], _Request], *,
                    session: bool = False) -> Any:
        retried: set[type[APIError]] = set()
        while True:
            sid = (await self.ensure_session()).session_id if session else None
            request = build(sid)
            try:
                return await self._send(request)
            except APIError as exc:
                await self.apply_policy(exc, retried, token_used=request.token_used,
                                        session_id=sid)

    async def apply_policy(self, exc: APIError, retried: set[type[APIError]], *,
                           token_used: str, session_id: str | None) -> None:
        """Prepare the one retry ``exc`` allows, or raise (``exc`` or a clearer error)."""
        if isinstance(exc, TokenQuotaExceeded):
            raise exc  # no token to retry with until the quota frees a slot
        if isinstance(exc, AuthError):
            if self._env_token:
                raise AuthError(
                    "NEMO_TOKEN was refused (invalid or expired): set a fresh token, or unset "
                    "NEMO_TOKEN to use an anonymous one", code=exc.code, status=exc.status,
                    request_id=exc.request_id, body=exc.body) from None
            if AuthError in retried:
                raise exc
            retried.add(AuthError)
            log.info("the token was refused: acquiring a new anonymous token")
            await self._renew_token(token_used)
            return
        if isinstance(exc, SessionNotFound) and session_id is not None:
            if SessionNotFound in retried:
                raise exc
            retried.add(SessionNotFound)
            await self._replace_session(session_id)
            return
        if isinstance(exc, RateLimited):
            if RateLimited in retried:
                raise exc
            retried.add(RateLimited)
            wait = self._rate_wait(exc)
            log.info("rate limited: waiting %.0f s before one retry", wait)
            await self.sleep(wait)
            return
        raise exc

    def _rate_wait(self, exc: RateLimited) -> float:
        wait = self.timings.rate_limit_wait
        if exc.retry_after is not None:
            wait = min(max(exc.retry_after, 0.0), 4 * self.timings.rate_limit_wait)
        return wait

    async def _send(self, request: _Request) -> Any:
        token = await self._token()
        request.token_used = token
        headers = {**self._attribution, "Authorization": f"Bearer {token}"}
        url = self.api_base + request.path
        timeout = request.timeout or self.timings.request_timeout
        with contextlib.ExitStack() as stack:
            files = None
            if request.files:
                names = request.names or tuple(p.name for p in request.files)
                files = [("files", (name, stack.enter_context(p.open("rb")),
                                    uploads.mime_type(p)))
                         for p, name in zip(request.files, names, strict=True)]
            status, resp_headers, content = await self._exchange(
                request.method, url, kind=request.kind, headers=headers, json=request.json,
                files=files, read_timeout=timeout)
        return decode_response(status, resp_headers, content,
                               secrets=self.secrets(), extra=self._error_context())

    async def _exchange(self, method: str, url: str, *, kind: RequestKind,
                        headers: Mapping[str, str], read_timeout: float, json: Any = None,
                        files: Any = None) -> tuple[int, httpx.Headers, bytes]:
        """One request, its answer read within ``limits``: status, headers and body bytes.

        The whole exchange must end within the deadline of ``kind``; a 2xx body may hold
        ``json_body_bytes``, an error body is cut at ``error_body_bytes``.
        """
        limits = self.limits
        seconds = limits.deadline(kind)
        path = urlsplit(url).path
        send_headers = {**headers, "Accept-Encoding": ACCEPT_ENCODING}
        content = None
        if json is not None:
            content = json_body(json)
            send_headers["Content-Type"] = "application/json"
        try:
            async with asyncio.timeout(seconds):
                request = self._http.build_request(method, url, headers=send_headers,
                                                   content=content, files=files,
                                                   timeout=read_timeout)
                resp = await self._http.send(request, stream=True)
                try:
                    ok = 200 <= resp.status_code < 300
                    body = await read_body(
                        resp, limit=limits.json_body_bytes if ok else limits.error_body_bytes,
                        what=_WHAT[kind], truncate=not ok, step=limits.inflate_step_bytes)
                finally:
                    await resp.aclose()
        except TimeoutError:
            raise TimeoutError_(f"{method} {path}: no complete answer within "
                                f"{duration_text(seconds)} (the deadline for {_WHAT[kind]})"
                                ) from None
        except httpx.TimeoutException as exc:
            raise TimeoutError_(
                f"{method} {path}: no answer in time ({type(exc).__name__})") from None
        except BadEncoding as exc:
            raise BadResponse(f"{method} {path}: the answer could not be decoded: {exc}"
                              ) from None
        except httpx.HTTPError as exc:
            detail = redact(str(exc) or type(exc).__name__, self.secrets())
            raise ConnectError(f"cannot reach {urlsplit(url).netloc}: {detail}") from None
        return resp.status_code, resp.headers, body

    def _error_context(self) -> dict[str, Any]:
        return {"user_id": self.store.load().user_id, "anonymous": self._env_token is None}

    async def auth_headers(self) -> dict[str, str]:
        """Attribution plus bearer headers for a request made outside ``_call`` (streams)."""
        token = await self._token()
        return {**self._attribution, "Authorization": f"Bearer {token}"}

def _seg(value: str | None) -> str:
    return path_segment(value or "")

def _same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())

def _epoch(value: object) -> float | None:
    """Seconds since the epoch from a number (s or ms) or an ISO 8601 text; None if unknown."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value) / 1000 if value > 1e12 else float(value)
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None
