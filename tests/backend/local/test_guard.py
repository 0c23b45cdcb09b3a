"""Bodies bounded while they stream, and an envelope for every failure, over real sockets."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from backend.local.limits import Limits
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api

_MIB = 1 << 20


def _read_response(sock: socket.socket, timeout: float = 10.0) -> tuple[int, dict[str, str],
                                                                         bytes]:
    """One HTTP/1.1 response with a Content-Length body, read from a raw socket."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before the answer: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    length = int(headers["content-length"])
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed mid-answer"
        body += chunk
    return status, headers, body[:length]


def _request_head(lb: LocalBackend, path: str, token: str, extra: str) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{lb.port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"{extra}\r\n").encode()


@pytest.fixture
def small(make_backend: Callable[..., LocalBackend],
          make_api: Callable[[LocalBackend], Api]) -> tuple[LocalBackend, Api]:
    lb = make_backend(limits=Limits(max_body_bytes=_MIB, drain_seconds=0.5))
    return lb, make_api(lb)


def test_a_huge_chunked_body_is_refused_as_it_streams_without_growing_memory(
        small: tuple[LocalBackend, Api]) -> None:
    lb, api = small
    token, sid = api.new_user()
    api.chat(token, sid, "hello")  # everything a turn needs is loaded before we measure
    prefix = json.dumps({"session_id": sid, "new_message": {"parts": [{"text": ""}]}})
    opening = prefix[: prefix.rindex('""') + 1].encode()  # up to the opening quote of the text
    block = b"a" * 65536
    sent = [0]
    stop = threading.Event()

    def chunk(data: bytes) -> bytes:
        return f"{len(data):x}\r\n".encode() + data + b"\r\n"

    def pump(sock: socket.socket) -> None:
        # Up to 256 MB, as fast as the server takes it, until it closes the connection.
        try:
            sock.sendall(chunk(opening))
            while sent[0] < 256 * _MIB and not stop.is_set():
                sock.sendall(chunk(block))
                sent[0] += len(block)
        except OSError:
            pass

    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        with socket.create_connection(("127.0.0.1", lb.port)) as sock:
            sock.sendall(_request_head(lb, "/run_sse", token, "Transfer-Encoding: chunked\r\n"))
            sender = threading.Thread(target=pump, args=(sock,), daemon=True)
            sender.start()
            status, headers, body = _read_response(sock)
            sender.join(10)
            stop.set()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert status == 413
    assert headers["content-type"] == "application/json"
    assert headers["connection"] == "close"
    assert json.loads(body) == {"code": 413, "data": None, "message": (
        "The request body is too large; the limit is 1 MB. Send less at once.")}
    assert not sender.is_alive()  # the server closed the connection after draining a while
    assert sent[0] > 8 * _MIB  # far more than the limit went over the wire …
    assert peak < 4 * _MIB, peak  # … and the server held no more than about the limit
    refused = lb.requests.matching("run_sse")[-1]
    assert (refused.status, refused.body) == (413, None)  # a refused body is never kept
    assert api.chat(token, sid, "help").status == 200


def test_a_declared_length_over_the_limit_is_refused_before_reading(
        small: tuple[LocalBackend, Api]) -> None:
    lb, api = small
    token, _ = api.new_user()
    with socket.create_connection(("127.0.0.1", lb.port)) as sock:
        sock.sendall(_request_head(lb, "/api/render/proxy/lambda", token,
                                   f"Content-Length: {2 << 30}\r\n"))
        status, _, body = _read_response(sock)
    assert status == 413
    assert json.loads(body) == {"success": False, "data": None, "code": 413, "error": (
        "The request body is 2048 MB; the limit is 1 MB. Send less at once.")}


def test_a_client_that_keeps_sending_still_reads_the_answer(small: tuple[LocalBackend, Api]
                                                            ) -> None:
    _, api = small
    token, sid = api.new_user()

    def body() -> Iterator[bytes]:  # 3 MB without a declared length
        yield json.dumps({"session_id": sid, "new_message": {"parts": [{"text": ""}]}}
                         )[:-5].encode()
        for _ in range(48):
            yield b"b" * 65536

    r = api.http.post("/run_sse", content=body(), headers=api.auth(
        token, **{"Content-Type": "application/json"}))
    assert r.status_code == 413
    assert r.json()["code"] == 413
    assert "the limit is 1 MB" in r.json()["message"]


@pytest.mark.parametrize("depth", [65, 1000, 200_000])
def test_deeply_nested_json_is_an_envelope_not_a_crash(api: Api, depth: int,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    token, sid = api.new_user()
    nested = b"[" * depth + b"]" * depth
    body = b'{"session_id": "' + sid.encode() + b'", "new_message": ' + nested + b"}"
    with caplog.at_level(logging.WARNING):
        r = api.http.post("/run_sse", content=body, headers=api.auth(
            token, **{"Content-Type": "application/json"}))
        render = api.http.post("/api/render/proxy/lambda", content=nested,
                               headers=api.auth(token, **HEADERS))
    assert (r.status_code, r.json()) == (422, {"code": 422, "data": None, "message": (
        "The request body nests arrays or objects more than 64 levels deep; send a flatter "
        "body.")})
    assert render.status_code == 422
    assert render.json()["success"] is False
    assert "more than 64 levels deep" in render.json()["error"]
    assert caplog.records == []


def test_64_levels_are_fine(api: Api) -> None:
    token, sid = api.new_user()
    text: Any = "what's in my project?"
    for _ in range(60):
        text = [text]
    body = {"session_id": sid, "new_message": {"parts": [{"text": "help"}]}, "extra": text}
    assert api.http.post("/run_sse", json=body, headers=api.auth(token)).status_code == 200


def test_an_unexpected_failure_is_an_envelope_with_one_log_line(
        api: Api, backend: LocalBackend, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    token, _ = api.new_user()

    def broken(user_id: str) -> Any:
        raise RuntimeError("index corrupted at 0x7f")

    monkeypatch.setattr(backend._service.store, "balance", broken)
    with caplog.at_level(logging.ERROR, logger="backend.local"):
        r = api.http.get("/api/credits/balance/simple", headers=api.auth(token))
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"code": 500, "data": None, "message": (
        "The local backend failed unexpectedly (RuntimeError). Try again; if it keeps failing, "
        "restart the local backend.")}
    assert [rec.getMessage() for rec in caplog.records] == [
        "GET /api/credits/balance/simple: RuntimeError: index corrupted at 0x7f"]
    assert caplog.records[0].exc_info is None  # no traceback unless debugging


def test_wrong_method_and_unknown_paths_are_envelopes(api: Api) -> None:
    r = api.http.get("/run_sse")
    assert (r.status_code, r.json()["code"]) == (405, 405)
    r = api.http.get("/api/render/proxy/nothing/here/at/all")
    assert r.status_code == 404
    assert r.json()["success"] is False


def test_a_lone_surrogate_in_a_message_is_replaced_not_a_crash(api: Api) -> None:
    token, sid = api.new_user()
    text = '"make a 5 second video of a cat \\ud83d sleeping"'  # JSON: a lone high surrogate
    body = f'{{"session_id": "{sid}", "new_message": {{"parts": [{{"text": {text}}}]}}}}'.encode()
    with api.http.stream("POST", "/run_sse", content=body, headers=api.auth(
            token, **{"Content-Type": "application/json"})) as r:
        assert r.status_code == 200
        events = [json.loads(line[5:]) for line in r.iter_lines() if line.startswith("data: {")]
    assert not any("error" in e for e in events)
    assert api.backend.requests.messages()[-1] == "make a 5 second video of a cat \ufffd sleeping"


def test_the_request_log_is_bounded_in_bytes(make_backend: Callable[..., LocalBackend],
                                             make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend(limits=Limits(max_body_bytes=_MIB, request_log_bytes=4 * _MIB,
                                    drain_seconds=0.5))
    api = make_api(lb)
    token, sid = api.new_user()
    refused = json.dumps({"session_id": sid, "new_message": {"parts": [{"text": "x" * (
        2 * _MIB)}]}}).encode()
    accepted = {"session_id": sid, "new_message": {"parts": [{"text": "help " * 150_000}]}}
    for _ in range(10):
        r = api.http.post("/run_sse", content=refused, headers=api.auth(
            token, **{"Content-Type": "application/json"}))
        assert r.status_code == 413
    assert lb.requests.bytes < 64 * 1024  # ten refused 2 MB bodies left nothing behind
    for _ in range(10):
        assert api.http.post("/run_sse", json=accepted, headers=api.auth(token)
                             ).status_code == 200
    assert lb.requests.bytes <= 4 * _MIB
    kept = [r for r in lb.requests.matching("run_sse") if r.body is not None]
    assert 0 < len(kept) < 10  # the oldest went first


def test_planning_never_blocks_other_requests(api: Api, backend: LocalBackend,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import backend.local.agent as agent_module  # the planner a turn looks up when it plans

    started, release = threading.Event(), threading.Event()
    real = agent_module.plan_turn

    def slow_plan(*args: Any, **kw: Any) -> Any:
        started.set()
        release.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(agent_module, "plan_turn", slow_plan)
    token, sid = api.new_user()
    chat: list[int] = []
    thread = threading.Thread(target=lambda: chat.append(api.chat(token, sid, "help").status))
    thread.start()
    try:
        assert started.wait(10)
        # The planner is stuck; the server answers anyway.
        with httpx.Client(base_url=backend.url, timeout=5) as other:
            began = time.monotonic()
            r = other.get("/api/credits/balance/simple", headers=api.auth(token))
            assert r.status_code == 200
            assert time.monotonic() - began < 5
    finally:
        release.set()
        thread.join(20)
    assert chat == [200]
