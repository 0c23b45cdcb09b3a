"""The client's limits against a hostile server over real sockets: every request kind ends
within its deadline, every answer within its size, with a clear error, bounded memory and
nothing left on disk. Deadlines are injected small (0.4 s) so nothing waits for long."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.client import FixedClientId, NemoClient, Timings
from backend.errors import (
    AuthError,
    NemoError,
    ResponseTooLarge,
    ServerError,
    StreamDropped,
    TimeoutError_,
)
from backend.events import PartialText
from backend.limits import KiB, Limits, MiB
from tests.backend.hostile import READY_DRAFT, HostileServer, Request, Writer, bomb, hostile_server

ATTRIBUTION = {"X-Skill-Source": "nemo-video", "X-Skill-Version": "1.2.0",
               "X-Skill-Platform": "cursor"}
DEADLINE = 0.4
#: Scheduling slack on a shared two-core machine (2 s was overrun once at load 7–9). The
#: deadline itself is proven by the error: "within 0.4 s" is raised only by the deadline, and
#: without one every trickle here either succeeds (after ~4.5 s) or runs for minutes.
SLACK = 5.0
#: Read timeouts far above the trickle interval: only the overall deadline can stop a trickle.
PATIENT = Timings(request_timeout=10.0, stream_read_timeout=10.0, download_timeout=10.0,
                  render_poll_delays=(0.0,), rate_limit_wait=0.0)
SHORT = Limits(**{f"{kind}_deadline": DEADLINE for kind in (
    "token", "session", "credits", "state", "upload", "chat", "render_submit", "render_poll",
    "download")})


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        yield srv


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


def make(http: httpx.AsyncClient, server: HostileServer, limits: Limits = SHORT,
         **kw: Any) -> NemoClient:
    return NemoClient(http, api_base=server.url, attribution=ATTRIBUTION,
                      identity=FixedClientId("client-hostile"), timings=PATIENT, limits=limits,
                      **kw)


async def trickle_everything(_req: Request, out: Writer) -> None:
    """A server that answers one byte every 50 ms, status line included."""
    body = b'{"code":0,"data":{}}'
    await out.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body, every=0.05)


async def trickle_body(_req: Request, out: Writer) -> None:
    """Headers at once, then the body one byte every 50 ms."""
    body = b'{"code":0,"data":{"available":1}}' + b" " * 4096
    await out.head(200, {"Content-Type": "application/json",
                         "Content-Length": str(len(body))})
    await out.trickle(body, every=0.05)


async def trickle_video(_req: Request, out: Writer) -> None:
    await out.head(200, {"Content-Type": "video/mp4", "Content-Length": "100000"})
    await out.trickle(b"\x00" * 100000, every=0.05, size=64)


async def trickle_stream(_req: Request, out: Writer) -> None:
    """A valid event stream, one byte every 4 ms, for ever."""
    await out.head(200, {"Content-Type": "text/event-stream"})
    event = b'data: {"type":"heartbeat"}\n\n'
    while True:
        await out.trickle(event, every=0.004)


def files_in(folder: Path) -> list[str]:
    """What is on disk in ``folder`` (hidden partial files included)."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def timed() -> Callable[[], float]:
    start = time.monotonic()
    return lambda: time.monotonic() - start


async def png(tmp_path: Path) -> Path:
    path = tmp_path / "frame.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return path


# Each request kind: the endpoint that misbehaves and the call that meets it.
KINDS: dict[str, tuple[str, str, Callable[[NemoClient, Path], Awaitable[Any]]]] = {
    "token": ("POST", "/api/auth/anonymous-token", lambda c, _: c.credits()),
    "session": ("POST", "/api/tasks/me/with-session/", lambda c, _: c.state()),
    "credits": ("GET", "/api/credits/", lambda c, _: c.credits()),
    "state": ("GET", "/api/state/", lambda c, _: c.state()),
    "upload": ("POST", "/api/upload-video/",
               lambda c, tmp: c.upload_files([tmp / "frame.png"])),
    "render_submit": ("POST", "/api/render/proxy/lambda",
                      lambda c, _: c.submit_render(READY_DRAFT, "render_1")),
    "render_poll": ("GET", "/api/render/proxy/lambda/", lambda c, _: c.render_status("render_1")),
    "download": ("GET", "/video.mp4", lambda c, tmp: c.download_render(
        "render_1", tmp / "out" / "v.mp4", url=c.api_base + "/video.mp4")),
    "chat": ("POST", "/run_sse", lambda c, _: _drain(c.send_message("hi"))),
}


async def _drain(stream: Any, into: list[Any] | None = None,
                 keep: type | None = None) -> list[Any]:
    seen = [] if into is None else into
    async for event in stream:
        if keep is None:
            seen.append(event)
        elif isinstance(event, keep):
            seen.append(None)  # counted, not kept: the test measures the client's memory
    return seen


@pytest.mark.parametrize("kind", sorted(KINDS))
async def test_a_server_answering_one_byte_at_a_time_meets_each_deadline(
        kind: str, server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    method, prefix, call = KINDS[kind]
    server.route(method, prefix, trickle_everything)
    await png(tmp_path)
    client = make(http, server)
    elapsed = timed()
    with pytest.raises(TimeoutError_) as caught:
        await call(client, tmp_path)
    assert elapsed() < DEADLINE + SLACK
    text = str(caught.value)
    assert "within 0.4 s" in text, text
    assert files_in(tmp_path / "out") == []


async def test_a_body_trickled_after_quick_headers_meets_the_deadline(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    server.route("GET", "/api/credits/", trickle_body)
    elapsed = timed()
    with pytest.raises(TimeoutError_, match=r"within 0.4 s \(the deadline for the credits"):
        await make(http, server).credits()
    assert elapsed() < DEADLINE + SLACK


async def test_a_chat_stream_of_one_byte_chunks_ends_at_the_chat_deadline(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    server.route("POST", "/run_sse", trickle_stream)
    client = make(http, server)
    seen: list[Any] = []
    elapsed = timed()
    with pytest.raises(TimeoutError_, match="did not finish within"):
        await _drain(client.send_message("make a video"), seen)
    assert elapsed() < DEADLINE + SLACK
    assert seen, "the heartbeats that did arrive were delivered"
    assert server.count("/run_sse") == 1  # never re-sent


async def test_a_trickled_download_ends_at_its_deadline_and_leaves_nothing(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    server.route("GET", "/video.mp4", trickle_video)
    folder = tmp_path / "videos"
    elapsed = timed()
    with pytest.raises(TimeoutError_, match="did not finish within"):
        await make(http, server).download_render("r1", folder / "v.mp4",
                                                  url=server.url + "/video.mp4")
    assert elapsed() < DEADLINE + SLACK
    assert files_in(folder) == []


# -- endless partial text -----------------------------------------------------------------------

def partial_forever(piece: str) -> Callable[[Request, Writer], Awaitable[None]]:
    async def handler(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "text/event-stream"})
        event = ('data: {"content":{"role":"model","parts":[{"text":"' + piece
                 + '"}]},"partial":true}\n\n').encode()
        await out.forever(event * 64)
    return handler


async def test_endless_partial_text_ends_at_the_deadline_in_bounded_memory(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    server.route("POST", "/run_sse", partial_forever("a"))
    limits = Limits(chat_deadline=1.0, reply_chars=100_000_000)
    client = make(http, server, limits)
    seen: list[Any] = []
    tracemalloc.start()
    elapsed = timed()
    try:
        with pytest.raises(TimeoutError_, match="did not finish within 1 s"):
            await _drain(client.send_message("make a video"), seen, keep=PartialText)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    partials = len(seen)
    assert elapsed() < 1.0 + SLACK
    assert partials > 1000
    # One character per event: the preview text is tiny; what grows is bounded by the limit.
    assert peak < 8 * MiB, f"peak {peak / MiB:.1f} MiB after {partials} partial events"


async def test_endless_partial_text_stops_at_the_reply_limit(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    server.route("POST", "/run_sse", partial_forever("x" * 100))
    client = make(http, server, Limits(reply_chars=200_000))
    with pytest.raises(ResponseTooLarge, match="reply is longer than 200,000 characters"):
        await _drain(client.send_message("make a video"))


# -- sizes --------------------------------------------------------------------------------------

async def measured(work: Awaitable[Any]) -> tuple[BaseException | None, int]:
    """Run ``work``; return what it raised and the peak of traced memory meanwhile."""
    tracemalloc.start()
    try:
        try:
            await work
        except NemoError as exc:
            return exc, tracemalloc.get_traced_memory()[1]
        return None, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def test_a_gzip_bomb_stops_at_the_json_limit(server: HostileServer,
                                                   http: httpx.AsyncClient) -> None:
    payload = bomb(1 << 30)  # 1 MB on the wire, 1 GiB inflated

    async def send_bomb(_req: Request, out: Writer) -> None:
        await out.answer(200, payload, {"Content-Type": "application/json",
                                        "Content-Encoding": "gzip"})

    server.route("GET", "/api/credits/", send_bomb)
    client = make(http, server, Limits(json_body_bytes=4 * MiB))
    error, peak = await measured(client.credits())
    assert isinstance(error, ResponseTooLarge)
    assert str(error) == ("the answer to the credits request is larger than 4 MiB: "
                          "stopped reading it")
    assert peak < 16 * MiB


async def test_an_endless_body_stops_at_the_json_limit(server: HostileServer,
                                                       http: httpx.AsyncClient) -> None:
    async def endless(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "application/json"})  # no length: until close
        await out.raw(b'{"code":0,"data":"')
        await out.forever(b"x" * 65536)

    server.route("GET", "/api/credits/", endless)
    error, peak = await measured(make(http, server, Limits(json_body_bytes=2 * MiB)).credits())
    assert isinstance(error, ResponseTooLarge)
    assert peak < 8 * MiB


async def test_a_huge_error_body_is_read_only_as_far_as_the_error_limit(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    async def endless_error(_req: Request, out: Writer) -> None:
        await out.head(500, {"Content-Type": "application/json",
                             "Content-Length": str(500 * MiB)})
        await out.raw(b'{"code":500,"message":"the database is on fire","pad":"')
        await out.forever(b"y" * 65536)

    server.route("GET", "/api/credits/", endless_error)
    error, peak = await measured(make(http, server).credits())
    assert isinstance(error, ServerError)
    assert "HTTP 500" in str(error)
    assert peak < 4 * MiB


async def test_data_lines_without_a_blank_line_stop_at_the_event_limit(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    async def no_blank_line(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "text/event-stream"})
        await out.forever(b"data: " + b"z" * 1000 + b"\n")

    server.route("POST", "/run_sse", no_blank_line)
    client = make(http, server, Limits(sse_event_bytes=1 * MiB))
    error, peak = await measured(_drain(client.send_message("hi")))
    assert isinstance(error, ResponseTooLarge)
    assert str(error) == ("an event-stream event is longer than 1 MiB: stopped reading the "
                          "stream")
    assert peak < 8 * MiB


async def test_a_line_that_never_ends_stops_at_the_line_limit(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    async def no_newline(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "text/event-stream"})
        await out.forever(b"data: " + b"w" * 65536)

    server.route("POST", "/run_sse", no_newline)
    client = make(http, server, Limits(sse_line_bytes=512 * KiB))
    error, peak = await measured(_drain(client.send_message("hi")))
    assert isinstance(error, ResponseTooLarge)
    assert "event-stream line is longer than 512 KiB" in str(error)
    assert peak < 4 * MiB


async def test_a_stream_that_sends_too_much_in_total_is_cut_off(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    async def chatty(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "text/event-stream"})
        await out.forever(b'data: {"type":"heartbeat"}\n\n' * 1000)

    server.route("POST", "/run_sse", chatty)
    client = make(http, server, Limits(chat_stream_bytes=1 * MiB))
    with pytest.raises(ResponseTooLarge, match="chat stream sent more than 1 MiB"):
        await _drain(client.send_message("hi"))


async def test_a_corrupt_gzip_stream_counts_as_a_drop(server: HostileServer,
                                                      http: httpx.AsyncClient) -> None:
    async def corrupt(_req: Request, out: Writer) -> None:
        await out.answer(200, b"\x1f\x8b\x08\x00garbage-not-deflate",
                         {"Content-Type": "text/event-stream", "Content-Encoding": "gzip"})

    server.route("POST", "/run_sse", corrupt)
    with pytest.raises(StreamDropped):
        await _drain(make(http, server).send_message("hi"))


async def download_case(server: HostileServer, http: httpx.AsyncClient, folder: Path,
                        limits: Limits, size: int | None = None) -> tuple[BaseException | None,
                                                                          int]:
    client = make(http, server, limits)
    return await measured(client.download_render("r1", folder / "v.mp4",
                                                  url=server.url + "/video.mp4", size=size))


async def test_a_download_without_length_stops_at_the_cap_and_leaves_nothing(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    async def endless_video(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "video/mp4"})
        await out.forever(b"\x00" * 65536)

    server.route("GET", "/video.mp4", endless_video)
    error, peak = await download_case(server, http, tmp_path, Limits(download_bytes=8 * MiB))
    assert isinstance(error, ResponseTooLarge)
    assert str(error) == ("the video is larger than 8 MiB: the download was stopped and "
                          "nothing was kept")
    assert files_in(tmp_path) == []
    assert peak < 4 * MiB


async def test_a_declared_length_over_the_cap_is_refused_before_writing(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    async def huge(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "video/mp4", "Content-Length": str(3 << 30)})
        await out.forever(b"\x00" * 65536)

    server.route("GET", "/video.mp4", huge)
    error, _ = await download_case(server, http, tmp_path, Limits(download_bytes=8 * MiB))
    assert isinstance(error, ResponseTooLarge)
    assert files_in(tmp_path) == []


async def test_the_size_the_status_promised_is_the_limit_and_must_be_met(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    server.video = b"\x00" * 10_000  # sent with its Content-Length
    error, _ = await download_case(server, http, tmp_path, Limits(), size=4_000)
    assert isinstance(error, ResponseTooLarge)
    assert files_in(tmp_path) == []

    async def short_without_length(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "video/mp4"})
        await out.raw(b"\x00" * 3_000)

    server.route("GET", "/video.mp4", short_without_length)
    error, _ = await download_case(server, http, tmp_path, Limits(), size=4_000)
    assert error is not None
    assert "stopped after 3000 of 4000 bytes" in str(error)
    assert files_in(tmp_path) == []


async def test_a_gzip_bomb_as_a_download_stops_at_the_cap(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    payload = bomb(1 << 30)

    async def bombed(_req: Request, out: Writer) -> None:
        await out.answer(200, payload, {"Content-Type": "video/mp4",
                                        "Content-Encoding": "gzip"})

    server.route("GET", "/video.mp4", bombed)
    error, peak = await download_case(server, http, tmp_path, Limits(download_bytes=16 * MiB))
    assert isinstance(error, ResponseTooLarge)
    assert files_in(tmp_path) == []
    assert peak < 8 * MiB


async def test_export_reports_the_promised_size_from_the_render_status(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    server.status = {"status": "completed", "progress": 100, "size": len(server.video)}
    path = await make(http, server).export(READY_DRAFT, tmp_path / "videos")
    assert path.read_bytes() == server.video
    assert files_in(tmp_path / "videos") == [path.name]


# -- token expiry and path parameters -------------------------------------------------------------

async def test_a_server_clock_days_behind_never_makes_the_client_mint_tokens(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    # The server's clock is ten days behind: the seven-day token it hands out "expired"
    # three days ago by our clock. Only the server's own refusal (1001) may renew it.
    server.token_expires_at = "2000-01-01T00:00:00Z"
    client = make(http, server, wall_clock=lambda: 4_102_444_800.0)  # 2100
    for _ in range(5):
        await client.credits()
        await client.state()
    assert server.tokens == 1


async def test_a_token_the_server_refuses_is_renewed_once(server: HostileServer,
                                                          http: httpx.AsyncClient) -> None:
    refusals = [1]

    async def refuse_once(req: Request, out: Writer) -> None:
        if refusals:
            refusals.pop()
            await out.json({"code": 1001, "message": "token expired"}, status=401)
        else:
            await server.default(req, out)

    server.route("GET", "/api/credits/", refuse_once)
    client = make(http, server)
    assert (await client.credits()).available == 90
    assert server.tokens == 2

    async def refuse_always(_req: Request, out: Writer) -> None:
        await out.json({"code": 1001, "message": "token expired"}, status=401)

    server.route("GET", "/api/credits/", refuse_always)
    with pytest.raises(AuthError):
        await client.credits()
    assert server.tokens == 3


async def test_ids_from_the_server_cannot_change_the_requested_path(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    server.session_id = "../../../etc/x"
    client = make(http, server)
    await client.state()
    await client.render_status("../../admin")
    await client.download_render("..", tmp_path / "v.mp4")
    paths = [r.path for r in server.requests]
    assert "/api/state/nemo_agent/me/..%2F..%2F..%2Fetc%2Fx/latest" in paths
    assert "/api/render/proxy/lambda/..%2F..%2Fadmin" in paths
    assert "/api/render/proxy/%2E%2E/download" in paths
    assert not any(p.startswith("/etc") or p.startswith("/admin") for p in paths)


async def test_a_lone_surrogate_in_a_message_is_sent_as_a_replacement_character(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    events = await _drain(make(http, server).send_message("make a video \udcff of rain"))
    assert events
    sent = next(r for r in server.requests if r.path == "/run_sse")
    assert "make a video \ufffd of rain" in sent.body.decode("utf-8")


async def test_deadlines_are_wall_time_not_a_sum_of_read_timeouts(
        server: HostileServer, http: httpx.AsyncClient) -> None:
    # Each byte comes well within the read timeout (10 s): only the deadline stops it.
    server.route("GET", "/api/state/", trickle_body)
    client = make(http, server, Limits(state_deadline=0.3))
    started = asyncio.get_running_loop().time()
    with pytest.raises(TimeoutError_):
        await client.state()
    assert asyncio.get_running_loop().time() - started < 0.3 + SLACK
