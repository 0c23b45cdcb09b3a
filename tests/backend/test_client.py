"""NemoClient against an in-process fake (``httpx.MockTransport``): pure client logic and the
edge cases a real server cannot produce (transport errors at chosen moments, odd shapes)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.client import FixedClientId, NemoClient
from backend.errors import (
    AuthError,
    BadResponse,
    ConnectError,
    FileRejected,
    OutOfCredits,
    RateLimited,
    RenderFailed,
    StreamDropped,
    TimeoutError_,
    UsageError,
)
from backend.events import Heartbeat, Text
from backend.render_job import RenderProgress
from backend.session_store import SessionStore
from tests.backend.fake_api import FakeAPI, fail, sse

ATTRIBUTION = {"X-Skill-Source": "nemo-video", "X-Skill-Version": "1.2.0",
               "X-Skill-Platform": "cursor"}
DRAFT = {"t": [{"id": "v", "tt": 0, "sg": [{"id": "a", "s": 0, "d": 3000, "m": {}}]}]}


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class Ids(FixedClientId):
    renewals = 0

    def new_client_id(self) -> str:
        self.renewals += 1
        return super().new_client_id()


@pytest.fixture
async def http_for() -> AsyncIterator[Callable[[FakeAPI], httpx.AsyncClient]]:
    opened: list[httpx.AsyncClient] = []

    def make(api: FakeAPI) -> httpx.AsyncClient:
        client = httpx.AsyncClient(transport=api.transport())
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


async def collect(stream: AsyncIterable[object], into: list[object] | None = None
                  ) -> list[object]:
    """Drain ``stream`` into ``into`` (kept when the stream raises)."""
    seen = [] if into is None else into
    async for event in stream:
        seen.append(event)
    return seen


def make_client(http: httpx.AsyncClient, tmp_path: Path, **kw: Any) -> NemoClient:
    kw.setdefault("identity", FixedClientId("client-0001"))
    kw.setdefault("sleep", Sleeps())
    kw.setdefault("store", SessionStore(tmp_path / "cfg", skill="nemo-video",
                                        api_base="http://api.test"))
    return NemoClient(http, api_base="http://api.test", attribution=ATTRIBUTION, **kw)


async def test_every_call_carries_bearer_and_attribution(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    credits = await client.credits()
    assert (credits.available, credits.frozen, credits.total) == (90, 10, 100)
    await client.state()
    token_req, *others = api.requests
    assert token_req.headers["x-client-id"] == "client-0001"
    assert "authorization" not in token_req.headers
    for request in [token_req, *others]:
        for name, value in ATTRIBUTION.items():
            assert request.headers[name] == value
    for request in others:
        assert request.headers["authorization"] == f"Bearer {api.tokens[0]}"
    assert all(api.tokens[0] not in str(r.url) for r in api.requests)


async def test_token_and_session_survive_a_restart(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    first = make_client(http_for(api), tmp_path)
    session = await first.ensure_session("zh")
    second = make_client(http_for(api), tmp_path)
    assert await second.ensure_session() == session
    await second.state()
    assert api.count("anonymous-token") == 1
    assert api.count("with-session") == 1
    assert json.loads(api.requests[1].content) == {"task_name": "project", "language": "zh"}


async def test_token_invalid_gets_a_new_token_and_retries_once(http_for: Any,
                                                              tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    await client.credits()
    api.inject("balance", fail(1001, 401))
    await client.credits()
    assert len(api.tokens) == 2
    assert api.requests[-1].headers["authorization"] == f"Bearer {api.tokens[1]}"
    api.inject("balance", fail(1001), fail(1011))
    with pytest.raises(AuthError):
        await client.credits()
    assert len(api.tokens) == 3


async def test_env_token_is_never_replaced_and_the_error_says_so(http_for: Any,
                                                                tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path, env_token="my-env-token-123")
    with pytest.raises(AuthError, match="NEMO_TOKEN") as info:
        await client.credits()
    assert api.count("anonymous-token") == 0
    assert "my-env-token-123" not in str(info.value) + repr(info.value) + info.value.body


async def test_session_not_found_creates_a_session_and_retries(http_for: Any,
                                                              tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    await client.ensure_session("en")
    api.sessions.append("someone-else")  # the stored session is gone on the service
    state = await client.state()
    assert state.draft == {"t": []}
    assert client.store.load().session_id == "sess-3"
    assert SessionStore(tmp_path / "cfg", skill="nemo-video",
                        api_base="http://api.test").load().session_id == "sess-3"


async def test_rate_limit_waits_30_seconds_then_retries_once(http_for: Any,
                                                            tmp_path: Path) -> None:
    api = FakeAPI()
    sleeps = Sleeps()
    client = make_client(http_for(api), tmp_path, sleep=sleeps)
    api.inject("balance", fail(None, 429, "slow down"))
    assert (await client.credits()).available == 90
    assert sleeps.waits == [30.0]
    api.inject("balance", fail(None, 429), fail(None, 429))
    with pytest.raises(RateLimited):
        await client.credits()
    assert sleeps.waits == [30.0, 30.0]


async def test_missing_client_id_generates_persists_and_retries(http_for: Any,
                                                               tmp_path: Path) -> None:
    api = FakeAPI()
    ids = Ids("client-0001")
    client = make_client(http_for(api), tmp_path, identity=ids)
    api.inject("anonymous-token", fail(None, 400, "X-Client-Id header required"))
    await client.credits()
    assert ids.renewals == 1
    assert api.requests[1].headers["x-client-id"] == ids.value != "client-0001"


async def test_out_of_credits_carries_user_and_anonymity(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    api.inject("run_sse", fail(2001, 200, "insufficient credits"))
    with pytest.raises(OutOfCredits) as info:
        await collect(client.send_message("make a video"))
    assert info.value.user_id == "u-1"
    assert info.value.anonymous is True


async def test_chat_yields_typed_events_and_the_reply(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    api.chat.append(lambda _r: sse([
        'data: {"type":"heartbeat"}', "",
        'data: {"content":{"role":"model","parts":[{"functionCall":{"name":"gen","args":{}}}]}}',
        "",
        'data: {"content":{"role":"model","parts":[{"text":"Your video is ready"}]},'
        '"partial":true}', "",
        'data: {"content":{"role":"model","parts":[{"text":"Your video is ready"}]}}', ""]))
    client = make_client(http_for(api), tmp_path)
    stream = client.send_message("make a city timelapse")
    kinds = [type(e).__name__ async for e in stream]
    assert kinds == ["Heartbeat", "ToolCall", "PartialText", "Text"]
    assert stream.reply == "Your video is ready"
    body = json.loads(api.requests[-1].content)
    assert body["new_message"]["parts"] == [{"text": "make a city timelapse"}]
    assert body["session_id"] == "sess-1"
    assert api.requests[-1].headers["accept"] == "text/event-stream"


async def test_a_dropped_stream_is_never_resent_and_state_tells_what_changed(
        http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    sleeps = Sleeps()
    client = make_client(http_for(api), tmp_path, sleep=sleeps)
    before = await client.state()
    api.chat.append(lambda _r: sse(['data: {"type":"text","content":"Generating…"}', ""],
                                   error=httpx.RemoteProtocolError("peer closed connection")))
    seen: list[object] = []
    with pytest.raises(StreamDropped, match="not sent again"):
        await collect(client.send_message("make a video"), seen)
    assert seen == [Text("Generating…")]
    api.state = {"draft": DRAFT}
    after = await client.recover_after_drop(before)
    assert after.draft == DRAFT
    assert api.count("/run_sse") == 1
    assert sleeps.waits == [30.0]


async def test_refusal_before_the_stream_is_retried_but_errors_inside_are_not(
        http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    await client.ensure_session()
    api.inject("run_sse", fail(1001, 401))
    events = [e async for e in client.send_message("hi")]
    assert events == [Text("ok")]
    assert api.count("/run_sse") == 2
    assert len(api.tokens) == 2
    api.chat.append(lambda _r: sse(['data: {"code":1001,"message":"expired mid-way"}', ""]))
    with pytest.raises(AuthError, match="expired mid-way"):
        await collect(client.send_message("hi"))
    assert api.count("/run_sse") == 3


async def test_a_stream_iterates_once(http_for: Any, tmp_path: Path) -> None:
    client = make_client(http_for(FakeAPI()), tmp_path)
    stream = client.send_message("hi")
    [e async for e in stream]
    with pytest.raises(RuntimeError):
        stream.__aiter__()


@pytest.mark.parametrize("response", [
    httpx.Response(200, html="<html>Gateway</html>"),
    httpx.Response(200, json={"code": 0, "data": {}}),
])
async def test_a_non_stream_answer_is_an_error_not_an_empty_stream(
        http_for: Any, tmp_path: Path, response: httpx.Response) -> None:
    api = FakeAPI()
    api.chat.append(lambda _r: response)
    client = make_client(http_for(api), tmp_path)
    with pytest.raises(BadResponse):
        await collect(client.send_message("hi"))


async def test_heartbeats_only_for_ten_minutes_is_a_timeout(http_for: Any,
                                                            tmp_path: Path) -> None:
    api = FakeAPI()
    now = [0.0]

    def clock() -> float:
        now[0] += 31.0  # each reading is one heartbeat interval later
        return now[0]

    api.chat.append(lambda _r: sse(['data: {"type":"heartbeat"}', ""] * 40))
    client = make_client(http_for(api), tmp_path, clock=clock)
    seen: list[object] = []
    with pytest.raises(TimeoutError_, match="10 minutes"):
        await collect(client.send_message("make it long"), seen)
    assert all(isinstance(event, Heartbeat) for event in seen)
    assert 5 < len(seen) < 40


async def test_silence_past_the_read_timeout_is_a_drop(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    api.chat.append(lambda _r: sse(['data: {"type":"heartbeat"}', ""],
                                   error=httpx.ReadTimeout("timed out")))
    client = make_client(http_for(api), tmp_path)
    with pytest.raises(StreamDropped, match="not even a heartbeat"):
        await collect(client.send_message("hi"))


async def test_connection_refused_is_a_connect_error(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = make_client(http, tmp_path)
        with pytest.raises(ConnectError, match="Connection refused"):
            await client.credits()
        with pytest.raises(ConnectError):
            async for _ in client.send_message("hi"):
                pass


async def test_uploads_several_files_and_urls(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    a, b = tmp_path / "a.mp4", tmp_path / "b.PNG"
    a.write_bytes(b"video")
    b.write_bytes(b"image")
    result = await client.upload_files([a, b])
    assert [f.filename for f in result.files] == ["a.mp4", "b.PNG"]
    assert result.session_state_applied
    assert api.count("upload-video") == 1
    urls = await client.upload_urls(["https://example.org/clip.mov"])
    assert urls.files[0].cdn_url == "https://cdn/clip.mov"
    assert json.loads(api.requests[-1].content) == {
        "urls": ["https://example.org/clip.mov"], "source_type": "url"}


async def test_uploads_are_checked_before_sending(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    bad = tmp_path / "notes.txt"
    bad.write_text("x")
    with pytest.raises(FileRejected, match="mp4, mov"):
        await client.upload_files([bad])
    with pytest.raises(FileRejected, match="no such file"):
        await client.upload_files([tmp_path / "gone.mp4"])
    with pytest.raises(UsageError):
        await client.upload_urls(["file:///etc/passwd"])
    assert api.requests == []


async def test_export_polls_with_progress_and_downloads_under_our_name(
        http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    api.render_statuses = [{"status": "pending"}, {"status": "processing", "progress": 0.5},
                           {"success": True, "data": {"status": "processing", "progress": 0.8}},
                           {"status": "completed", "output": {"url": "/../../evil.sh"}}]
    client = make_client(http_for(api), tmp_path)
    progress: list[RenderProgress] = []
    out = tmp_path / "out"
    path = await client.export(DRAFT, out, on_progress=progress.append)
    assert path.parent == out
    assert path.name.startswith("nemovideo-")
    assert path.suffix == ".mp4"
    assert path.read_bytes() == api.video
    assert [p.percent for p in progress if p.phase == "rendering"] == [0.0, 50.0, 80.0]
    assert progress[-1].phase == "done"
    assert list(out.iterdir()) == [path]  # no temporary file left
    submit = json.loads(next(r for r in api.requests
                             if r.url.path == "/api/render/proxy/lambda").content)
    assert submit["sessionId"] == "sess-1"
    assert submit["draft"] == DRAFT
    assert submit["id"].startswith("render_")
    assert client.pending_renders() == ()


async def test_export_retries_once_with_a_new_id_then_fails(http_for: Any,
                                                           tmp_path: Path) -> None:
    api = FakeAPI()
    api.render_statuses = [{"status": "failed", "error": "codec"}, {"status": "completed"}]
    client = make_client(http_for(api), tmp_path)
    await client.export(DRAFT, tmp_path)
    ids = [json.loads(r.content)["id"] for r in api.requests
           if r.url.path == "/api/render/proxy/lambda"]
    assert len(ids) == 2
    assert ids[0] != ids[1]
    api.render_statuses = [{"status": "failed", "error": "codec"}, {"status": "error"}]
    with pytest.raises(RenderFailed, match="failed twice"):
        await client.export(DRAFT, tmp_path)
    assert client.pending_renders() == ()


async def test_nothing_to_export_is_a_usage_error(http_for: Any, tmp_path: Path) -> None:
    client = make_client(http_for(FakeAPI()), tmp_path)
    with pytest.raises(UsageError, match="nothing to export"):
        await client.export(None, tmp_path)


async def test_a_cdn_download_never_gets_the_token(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    api.render_statuses = [{"status": "completed", "outputUrl": "https://cdn.example/v.mp4"}]
    api.inject("v.mp4", httpx.Response(200, content=b"cdn-bytes",
                                       headers={"content-type": "video/mp4"}))
    client = make_client(http_for(api), tmp_path)
    path = await client.export(DRAFT, tmp_path)
    assert path.read_bytes() == b"cdn-bytes"
    cdn = [r for r in api.requests if r.url.host == "cdn.example"]
    assert len(cdn) == 1
    assert "authorization" not in cdn[0].headers


async def test_a_broken_download_leaves_no_file_and_falls_back(http_for: Any,
                                                              tmp_path: Path) -> None:
    api = FakeAPI()
    api.render_statuses = [{"status": "completed", "url": "https://cdn.example/v.mp4"}]
    api.inject("v.mp4", httpx.Response(403, html="<html>denied</html>"))
    client = make_client(http_for(api), tmp_path)
    out = tmp_path / "out"
    path = await client.export(DRAFT, out)
    assert path.read_bytes() == api.video  # from the proxy download path
    assert list(out.iterdir()) == [path]
    api.render_statuses = [{"status": "completed"}]
    api.inject("/download", httpx.Response(200, headers={"content-type": "video/mp4",
                                                         "content-length": "100"},
                                           content=b"short"))
    with pytest.raises((BadResponse, ConnectError)):
        await client.export(DRAFT, out)
    assert list(out.iterdir()) == [path]


async def test_a_restarted_process_resumes_its_pending_render(http_for: Any,
                                                             tmp_path: Path) -> None:
    api = FakeAPI()
    api.render_statuses = [{"status": "processing", "progress": 10}]

    class ProcessDied(BaseException):
        """The process dies while waiting (a Ctrl-C, by contrast, cancels and forgets)."""

    async def dies(seconds: float) -> None:
        raise ProcessDied

    first = make_client(http_for(api), tmp_path, sleep=dies)
    with pytest.raises(ProcessDied):
        await first.export(DRAFT, tmp_path / "out", filename="mine.mp4")
    first.store.release_claims()  # the process has gone: the system drops its file locks
    second = make_client(http_for(api), tmp_path)
    [pending] = second.pending_renders()
    assert pending.filename == "mine.mp4"
    api.render_statuses = [{"status": "processing", "progress": 60},
                           {"status": "completed"}]
    path = await second.resume_render(pending)
    assert path == tmp_path / "out" / "mine.mp4"
    submits = [r for r in api.requests if r.url.path == "/api/render/proxy/lambda"]
    assert len(submits) == 1
    assert second.pending_renders() == ()


async def test_cancel_render(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    await client.cancel_render("render_1_aa")
    assert api.requests[-1].url.path == "/api/render/proxy/lambda/render_1_aa/cancel"
    assert api.requests[-1].method == "POST"


async def test_wrong_shapes_are_bad_responses(http_for: Any, tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    api.inject("balance", httpx.Response(200, json={"code": 0, "data": {"available": "lots"}}))
    with pytest.raises(BadResponse, match="available"):
        await client.credits()
    api.inject("with-session", httpx.Response(200, json={"code": 0, "data": {"task_id": 1}}))
    with pytest.raises(BadResponse, match="session_id"):
        await client.ensure_session()


async def test_repr_never_shows_the_token(http_for: Any, tmp_path: Path) -> None:
    client = make_client(http_for(FakeAPI()), tmp_path, env_token="tok-in-env-999")
    assert "tok-in-env-999" not in repr(client)


async def test_chat_to_a_vanished_session_moves_to_a_new_one(http_for: Any,
                                                            tmp_path: Path) -> None:
    api = FakeAPI()
    client = make_client(http_for(api), tmp_path)
    await client.ensure_session("en")
    api.sessions.append("someone-else")
    assert await collect(client.send_message("hi")) == [Text("ok")]
    chats = [json.loads(r.content)["session_id"] for r in api.requests
             if r.url.path == "/run_sse"]
    assert chats == ["sess-1", "sess-3"]
