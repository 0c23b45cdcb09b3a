"""NemoClient against the local backend over real sockets: every call and every recovery
policy, provoked with the server's own fault injection."""

from __future__ import annotations

import asyncio
import functools
import http.server as http_server
import json
import logging
import threading
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.client import FixedClientId, NemoClient, Timings
from backend.errors import (
    ExportBlocked,
    FileTooLarge,
    NemoError,
    OutOfCredits,
    RenderFailed,
    ServerError,
    StreamDropped,
    TimeoutError_,
    UnsupportedFile,
)
from backend.events import Heartbeat, Text, ToolCall
from backend.local.limits import Limits
from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from backend.render_job import RenderProgress
from backend.session_store import SessionStore
from tests.servers import stop_later

ATTRIBUTION = {"X-Skill-Source": "nemo-video", "X-Skill-Version": "1.2.0",
               "X-Skill-Platform": "cursor"}
GENERATE = "make a 10 second video of a city timelapse at night"


def fake_render(draft: Mapping[str, Any], out_path: Path, *, media: Callable[[str], Any],
                on_progress: Callable[[float], None] | None = None,
                cancel: threading.Event | None = None) -> None:
    for step in range(1, 5):
        if cancel is not None and cancel.is_set():
            raise RuntimeError("cancelled")
        if on_progress is not None:
            on_progress(step / 4)
    out_path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + json.dumps(draft).encode())


def options(**overrides: Any) -> LocalOptions:
    values: dict[str, Any] = {"stage_delay": 0.0, "edit_delay": 0.0, "heartbeat_interval": 0.0,
                              "probe_media": False, "renderer": fake_render,
                              "token_quota_per_client": None, "token_quota_per_ip": None,
                              # Throwaway data: no disk syncs (closing takes 0.3 ms, not 2-7).
                              "durable": False}
    values.update(overrides)
    return LocalOptions(**values)


class Sleeps:
    """Records waits; ``then`` runs (off the loop) on each wait, e.g. to let the server work."""

    def __init__(self, then: Callable[[], None] | None = None) -> None:
        self.waits: list[float] = []
        self.then = then

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.then is not None:
            await asyncio.to_thread(self.then)


class Ids(FixedClientId):
    renewals = 0

    def new_client_id(self) -> str:
        self.renewals += 1
        return super().new_client_id()


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., LocalBackend]]:
    started: list[LocalBackend] = []

    def run(**overrides: Any) -> LocalBackend:
        backend = LocalBackend.start(tmp_path / f"server{len(started)}",
                                     options=options(**overrides))
        started.append(backend)
        return backend

    yield run
    for backend in started:
        stop_later(backend)


@pytest.fixture
def lb(start: Callable[..., LocalBackend]) -> LocalBackend:
    return start()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


def make(http: httpx.AsyncClient, lb: LocalBackend, tmp_path: Path, **kw: Any) -> NemoClient:
    kw.setdefault("identity", FixedClientId("client-0001"))
    kw.setdefault("sleep", Sleeps(lb.wait_idle))
    kw.setdefault("store", SessionStore(tmp_path / "cfg", skill="nemo-video", api_base=lb.url))
    kw.setdefault("attribution", ATTRIBUTION)
    kw.setdefault("timings", Timings(render_poll_delays=(0.0,), stream_read_timeout=10.0))
    return NemoClient(http, api_base=lb.url, **kw)


async def drain(stream: AsyncIterable[Any], into: list[Any] | None = None) -> list[Any]:
    seen = [] if into is None else into
    async for event in stream:
        seen.append(event)
    return seen


async def test_every_call_over_real_sockets(lb: LocalBackend, http: httpx.AsyncClient,
                                            tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    info = await client.acquire_token()
    assert info.user_id
    session = await client.ensure_session("en")
    assert session.session_id
    credits = await client.credits()
    assert credits.available == 10_000
    stream = client.send_message(GENERATE)
    events = await drain(stream)
    assert any(isinstance(e, ToolCall) for e in events)
    assert stream.reply
    state = await client.state()
    assert state.draft is not None
    assert state.draft["t"]
    clips = [tmp_path / "a.mp4", tmp_path / "b.png"]
    for clip in clips:
        clip.write_bytes(b"media")
    uploaded = await client.upload_files(clips)
    assert [f.filename for f in uploaded.files] == ["a.mp4", "b.png"]
    with served(tmp_path) as base:
        by_url = await client.upload_urls([f"{base}/a.mp4"])
    assert by_url.files[0].filename == "a.mp4"
    progress: list[RenderProgress] = []
    video = await client.export(None, tmp_path / "out", on_progress=progress.append)
    assert video.read_bytes().startswith(b"\x00\x00\x00\x18ftyp")
    assert progress[-1].phase == "done"
    for request in lb.requests.all():
        for name, value in ATTRIBUTION.items():
            assert request.headers[name.lower()] == value
        if request.endpoint != "token":
            assert request.authorized, request.path
        else:
            assert request.headers["x-client-id"] == "client-0001"
    assert lb.requests.count("token") == 1
    assert lb.requests.count("session") == 1


async def test_render_submit_status_cancel_download(lb: LocalBackend, http: httpx.AsyncClient,
                                                    tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(GENERATE))
    draft = (await client.state()).draft
    assert draft is not None
    held = lb.faults.hold_renders()
    await client.submit_render(draft, "render_1_held")
    assert (await client.render_status("render_1_held")).state in ("pending", "processing")
    await client.cancel_render("render_1_held")
    assert (await client.render_status("render_1_held")).state == "failed"
    held.set()
    await client.submit_render(draft, "render_2_free")
    lb.wait_idle()
    status = await client.render_status("render_2_free")
    assert status.state == "completed"
    assert status.url
    path = await client.download_render("render_2_free", tmp_path / "v.mp4")
    assert path.read_bytes().startswith(b"\x00\x00\x00\x18ftyp")


@pytest.mark.parametrize("dialect", ["adk", "gateway"])
async def test_both_dialects_give_the_same_typed_reply(start: Callable[..., LocalBackend],
                                                       http: httpx.AsyncClient, tmp_path: Path,
                                                       dialect: str) -> None:
    lb = start(dialect=dialect)
    client = make(http, lb, tmp_path)
    stream = client.send_message(GENERATE)
    events = await drain(stream)
    texts = [e.text for e in events if isinstance(e, Text)]
    assert texts
    assert stream.reply.startswith(texts[0])
    assert stream.malformed == 0


async def test_token_invalid_policy(lb: LocalBackend, http: httpx.AsyncClient,
                                    tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await client.credits()
    lb.faults.fail_next("credits", code=1001)
    assert (await client.credits()).available == 10_000
    assert lb.requests.count("token") == 2
    assert lb.requests.count("credits") == 3


async def test_token_invalid_with_env_token_says_so(lb: LocalBackend, http: httpx.AsyncClient,
                                                    tmp_path: Path) -> None:
    client = make(http, lb, tmp_path, env_token="nmv_usr_from_the_environment_0000")
    with pytest.raises(NemoError, match="NEMO_TOKEN"):
        await client.credits()
    assert lb.requests.count("token") == 0


async def test_session_not_found_policy(lb: LocalBackend, http: httpx.AsyncClient,
                                        tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    first = await client.ensure_session("en")
    lb.faults.fail_next("state", code=1002)
    await client.state()
    assert (await client.ensure_session()).session_id != first.session_id
    assert lb.requests.count("session") == 2
    lb.faults.fail_next("run_sse", code=1002)
    await drain(client.send_message("hello"))
    assert lb.requests.count("session") == 3


async def test_rate_limit_policy(lb: LocalBackend, http: httpx.AsyncClient,
                                 tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = make(http, lb, tmp_path, sleep=sleeps)
    await client.credits()
    lb.faults.rate_limit_next("credits")
    await client.credits()
    assert sleeps.waits == [30.0]
    lb.faults.rate_limit_next("run_sse")
    await drain(client.send_message("hello"))
    assert sleeps.waits == [30.0, 30.0]
    assert lb.requests.messages() == ["hello", "hello"]  # refused once, then carried out


async def test_missing_client_id_policy(lb: LocalBackend, http: httpx.AsyncClient,
                                        tmp_path: Path) -> None:
    ids = Ids("client-0001")
    client = make(http, lb, tmp_path, identity=ids)
    lb.faults.fail_next("token", status=400, message="X-Client-Id header is required")
    await client.credits()
    assert ids.renewals == 1
    sent = [r.headers["x-client-id"] for r in lb.requests.matching("token")]
    assert sent == ["client-0001", ids.value]


async def test_a_dropped_stream_is_not_resent_and_the_user_learns_what_changed(
        lb: LocalBackend, http: httpx.AsyncClient, tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await client.ensure_session("en")
    before = await client.state()
    lb.faults.drop_next_stream(after_events=1)
    arrived: list[Any] = []
    with pytest.raises(StreamDropped):
        await drain(client.send_message(GENERATE), arrived)
    assert len(arrived) >= 1
    after = await client.recover_after_drop(before)
    assert lb.requests.messages() == [GENERATE]
    assert lb.requests.count("run_sse") == 1
    assert before.draft is None or not before.draft.get("t")
    assert after.draft is not None
    assert after.draft["t"]


async def test_a_lost_generation_ends_in_an_offer_to_retry(lb: LocalBackend,
                                                           http: httpx.AsyncClient,
                                                           tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = make(http, lb, tmp_path, sleep=sleeps)
    before = await client.state()
    lb.faults.heartbeat_only_next_stream(heartbeats=2, apply=False)
    await drain(client.send_message(GENERATE))
    with pytest.raises(NemoError, match="send it again"):
        await client.recover_after_drop(before)
    assert sleeps.waits == [30.0, 60.0, 90.0, 120.0, 120.0]
    assert lb.requests.count("run_sse") == 1


async def test_heartbeats_keep_a_stream_alive_past_the_read_timeout(
        start: Callable[..., LocalBackend], http: httpx.AsyncClient, tmp_path: Path) -> None:
    lb = start(heartbeat_interval=0.02)
    gate = lb.faults.hold_generations()
    client = make(http, lb, tmp_path, timings=Timings(stream_read_timeout=0.3))
    beats = 0
    texts: list[str] = []
    async for event in client.send_message(GENERATE):
        if isinstance(event, Heartbeat):
            beats += 1
            if beats == 40:  # at least 0.8 s of work: well past the 0.3 s read timeout
                gate.open()
        elif isinstance(event, Text):
            texts.append(event.text)
    assert beats >= 40
    assert texts


async def test_ten_minutes_of_heartbeats_only_is_a_timeout(lb: LocalBackend,
                                                           http: httpx.AsyncClient,
                                                           tmp_path: Path) -> None:
    now = [0.0]

    def clock() -> float:
        now[0] += 20.0
        return now[0]

    lb.faults.heartbeat_only_next_stream(heartbeats=None)
    client = make(http, lb, tmp_path, clock=clock)
    with pytest.raises(TimeoutError_, match="heartbeats"):
        await drain(client.send_message(GENERATE))
    assert lb.requests.count("run_sse") == 1


async def test_malformed_lines_are_survived_and_counted(lb: LocalBackend,
                                                        http: httpx.AsyncClient,
                                                        tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    client = make(http, lb, tmp_path)
    lb.faults.malformed_next_stream()
    stream = client.send_message(GENERATE)
    with caplog.at_level(logging.WARNING, logger="backend.sse"):
        events = await drain(stream)
    assert any(isinstance(e, Text) for e in events)
    assert stream.malformed == 3  # truncated JSON, HTML, a JSON array; "event: ping" is fine
    assert "malformed" in caplog.text


@pytest.mark.parametrize("raw", [False, True])
async def test_error_events_raise_through_the_same_mapping(lb: LocalBackend,
                                                           http: httpx.AsyncClient,
                                                           tmp_path: Path, raw: bool) -> None:
    client = make(http, lb, tmp_path)
    lb.faults.error_event_next_stream("agent exploded", raw=raw)
    with pytest.raises(ServerError, match="agent exploded"):
        await drain(client.send_message(GENERATE))


async def test_out_of_credits_carries_the_user(lb: LocalBackend, http: httpx.AsyncClient,
                                               tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    info = await client.acquire_token()
    assert info.user_id is not None
    lb.set_credits(info.user_id, 0)
    with pytest.raises(OutOfCredits) as caught:
        await drain(client.send_message(GENERATE))
    assert caught.value.user_id == info.user_id
    assert caught.value.anonymous is True


async def test_service_refusals_of_uploads(start: Callable[..., LocalBackend],
                                           http: httpx.AsyncClient, tmp_path: Path) -> None:
    lb = start(probe_media=True, limits=Limits(max_upload_bytes=1000))
    client = make(http, lb, tmp_path)
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all")
    with pytest.raises(UnsupportedFile):
        await client.upload_files([junk])
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\x00" * 5000)
    with pytest.raises(FileTooLarge):
        await client.upload_files([big])


async def test_export_without_attribution_is_blocked(lb: LocalBackend,
                                                     http: httpx.AsyncClient,
                                                     tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(GENERATE))
    bare = make(http, lb, tmp_path, attribution={})
    with pytest.raises(ExportBlocked):
        await bare.export(None, tmp_path / "out")
    assert bare.pending_renders() == ()


@pytest.mark.parametrize("shape", ["data", "top_level", "fraction"])
async def test_export_reads_every_status_shape(start: Callable[..., LocalBackend],
                                               http: httpx.AsyncClient, tmp_path: Path,
                                               shape: str) -> None:
    lb = start()
    lb.faults.render_status_shape(shape)  # type: ignore[arg-type]
    client = make(http, lb, tmp_path, sleep=Sleeps())
    await drain(client.send_message(GENERATE))
    # A short slow phase reports 5–50 % before the hold, so a poll always sees a percentage
    # above 0 whatever the machine's speed (the real render after the hold may finish
    # between two polls).
    lb.faults.slow_renders(0.1)
    held = lb.faults.hold_renders()
    progress: list[RenderProgress] = []

    def report(p: RenderProgress) -> None:
        progress.append(p)
        if p.phase == "rendering" and len(progress) > 3:
            held.set()

    video = await client.export(None, tmp_path / "out", on_progress=report)
    assert video.exists()
    percents = [p.percent for p in progress if p.phase == "rendering"]
    assert percents == sorted(percents)
    assert 0 < max(percents) <= 100
    assert progress[-1].phase == "done"


async def test_a_failed_render_is_retried_once_with_a_new_id(lb: LocalBackend,
                                                             http: httpx.AsyncClient,
                                                             tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(GENERATE))
    lb.faults.fail_next_render()
    await client.export(None, tmp_path / "out")
    ids = [r.body["id"] for r in lb.requests.matching("render")]
    assert len(set(ids)) == 2
    lb.faults.fail_next_render(times=2)
    with pytest.raises(RenderFailed):
        await client.export(None, tmp_path / "out")
    assert client.pending_renders() == ()


async def test_a_restarted_process_resumes_instead_of_orphaning(
        lb: LocalBackend, http: httpx.AsyncClient, tmp_path: Path) -> None:
    first = make(http, lb, tmp_path)
    await drain(first.send_message(GENERATE))
    held = lb.faults.hold_renders()

    async def crash(_: float) -> None:
        raise _ProcessDied  # the process goes away mid-poll (no interrupt handling runs)

    first.sleep = crash
    with pytest.raises(_ProcessDied):
        await first.export(None, tmp_path / "out", filename="ours.mp4")
    first.store.release_claims()  # the process has gone: the system drops its file locks
    async with httpx.AsyncClient() as other_http:
        second = make(other_http, lb, tmp_path)
        [pending] = second.pending_renders()
        held.set()
        path = await second.resume_render(pending)
    assert path == tmp_path / "out" / "ours.mp4"
    assert lb.requests.count("render") == 1
    assert second.pending_renders() == ()
    assert (await second.ensure_session()).session_id == pending.session_id


class _ProcessDied(BaseException):
    """Stands for the process being killed: not an interrupt the export could handle."""


async def test_an_interrupted_export_is_cancelled_on_the_service_and_forgotten(
        lb: LocalBackend, http: httpx.AsyncClient, tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(GENERATE))
    held = lb.faults.hold_renders()
    polled = asyncio.Event()

    async def wait_forever(_: float) -> None:
        polled.set()
        await asyncio.Event().wait()  # until cancelled, like a user waiting on a long render

    client.sleep = wait_forever
    export = asyncio.ensure_future(client.export(None, tmp_path / "out"))
    await asyncio.wait_for(polled.wait(), 30)
    export.cancel()  # Ctrl-C
    with pytest.raises(asyncio.CancelledError):
        await export
    held.set()
    assert client.pending_renders() == ()
    [submitted] = lb.requests.matching("render")
    rid = submitted.body["id"]
    assert lb.requests.count("render_cancel") == 1
    status = await http.get(f"{lb.url}/api/render/proxy/lambda/{rid}",
                            headers={"Authorization": f"Bearer {client.store.load().token}"})
    assert status.json()["data"]["status"] == "cancelled"


class _Quiet(http_server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


class served:  # lower-case: reads like a function in a with statement
    """A static file server on 127.0.0.1 for upload-by-URL."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_Quiet, directory=str(root))
        self.server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        # A short poll: shutdown() waits for the loop's next look (0.5 s by default).
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


async def test_a_full_faulty_run_never_shows_the_token(lb: LocalBackend,
                                                       http: httpx.AsyncClient, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    caplog.set_level(logging.DEBUG)
    client = make(http, lb, tmp_path)
    texts: list[str] = []

    async def attempt(action: Callable[[], Any]) -> None:
        try:
            result = action()
            if hasattr(result, "__aiter__"):
                texts.extend(repr(e) for e in await drain(result))
            else:
                texts.append(repr(await result))
        except NemoError as exc:
            texts.extend([str(exc), repr(exc), getattr(exc, "body", "")])

    await attempt(client.credits)
    lb.faults.fail_next("credits", code=1001, times=2)
    await attempt(client.credits)
    lb.faults.fail_next("state", code=1002)
    await attempt(client.state)
    lb.faults.rate_limit_next("credits", times=2)
    await attempt(client.credits)
    lb.faults.malformed_next_stream()
    await attempt(lambda: client.send_message(GENERATE))
    lb.faults.error_event_next_stream("boom", raw=True)
    await attempt(lambda: client.send_message("add a title"))
    lb.faults.drop_next_stream(after_events=1)
    await attempt(lambda: client.send_message("make it 9:16"))
    await attempt(lambda: client.recover_after_drop(None))
    lb.faults.fail_next_render(times=2)
    await attempt(lambda: client.export(None, tmp_path / "out"))
    await attempt(lambda: client.export(None, tmp_path / "out"))
    lb.faults.fail_next("upload", code=4001)
    clip = tmp_path / "c.mp4"
    clip.write_bytes(b"x")
    await attempt(lambda: client.upload_files([clip]))
    token = client.store.load().token
    assert token
    assert token.startswith("nmv_")
    captured = capsys.readouterr()
    everything = "\n".join([*texts, repr(client), repr(client.store.load()), captured.out,
                            captured.err, caplog.text])
    assert len(texts) > 10
    for secret in client.secrets():
        assert secret not in everything
