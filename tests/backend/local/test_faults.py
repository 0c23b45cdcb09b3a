"""Fault injection, seen from a client: error answers, broken streams, request log."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from backend.errors import RateLimited, error_for
from backend.local.faults import Faults
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api

GENERATE = "Generate a 10-second video of ocean waves"


def _body(sid: str, text: str) -> dict[str, object]:
    return {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": text}]}}


def test_1001_once_then_the_retry_succeeds(api: Api, backend: LocalBackend) -> None:
    token, _ = api.token()
    backend.faults.fail_next("credits", code=1001, times=1)
    first = api.http.get("/api/credits/balance/simple", headers=api.auth(token))
    second = api.http.get("/api/credits/balance/simple", headers=api.auth(token))
    assert (first.status_code, first.json()["code"]) == (401, 1001)
    assert (second.status_code, second.json()["code"]) == (200, 0)


def test_429_carries_retry_after_and_next_attempt_succeeds(api: Api,
                                                           backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.rate_limit_next("run_sse", retry_after=7)
    r = api.http.post("/run_sse", json=_body(sid, "help"), headers=api.auth(token))
    assert r.status_code == 429
    assert r.headers["Retry-After"] == "7"
    err = error_for(code=r.json()["code"], status=429,
                    extra={"retry_after": r.headers["Retry-After"]})
    assert isinstance(err, RateLimited)
    assert err.retry_after == 7
    assert api.chat(token, sid, "help").status == 200
    # Only the message that got through was carried out.
    assert backend.requests.messages() == ["help", "help"]
    assert [r.status for r in backend.requests.matching("run_sse")] == [429, 200]


def test_injected_codes_on_each_family(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.fail_next("state", code=1002)
    r = api.http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=api.auth(token))
    assert (r.status_code, r.json()["code"]) == (404, 1002)
    backend.faults.fail_next("run_sse", code=2001)
    r = api.http.post("/run_sse", json=_body(sid, GENERATE), headers=api.auth(token))
    assert (r.status_code, r.json()["code"]) == (403, 2001)
    assert api.state(token, sid)["draft"]["t"] == []
    backend.faults.fail_next("render", status=402)
    r = api.http.post("/api/render/proxy/lambda", json={}, headers=api.auth(token))
    assert r.status_code == 402
    assert r.json()["success"] is False
    backend.faults.fail_next("*", status=500, times=2)
    assert api.http.get("/api/credits/balance/simple", headers=api.auth(token)).status_code == 500
    assert api.http.post("/api/auth/anonymous-token",
                         headers={"X-Client-Id": "abcdefgh"}).status_code == 500
    assert api.credits(token)["available"] == 10_000


def test_fault_arguments_are_checked() -> None:
    faults = Faults()
    with pytest.raises(ValueError, match="unknown endpoint"):
        faults.fail_next("credit", code=1001)
    with pytest.raises(ValueError, match="code or an HTTP status"):
        faults.fail_next("credits")
    with pytest.raises(ValueError, match="shape"):
        faults.render_status_shape("flat")  # type: ignore[arg-type]


def test_dropped_stream_still_completes_the_edit(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.drop_next_stream(after_events=2)
    received: list[str] = []

    def read() -> None:
        with api.http.stream("POST", "/run_sse", json=_body(sid, GENERATE),
                             headers=api.auth(token)) as r:
            received.extend(ln for ln in r.iter_lines() if ln.startswith("data:"))

    with pytest.raises(httpx.RemoteProtocolError):
        read()
    assert len(received) == 2
    backend.wait_idle()
    state = api.state(token, sid)
    assert [t["n"] for t in state["draft"]["t"]] == ["Video", "BGM", "Title"]
    assert api.credits(token)["available"] == 9900
    assert backend.requests.messages() == [GENERATE]


def test_heartbeat_only_stream(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.heartbeat_only_next_stream(heartbeats=3)
    chat = api.chat(token, sid, GENERATE)
    assert chat.events == [None, None, None]
    backend.wait_idle()
    assert api.state(token, sid)["draft"]["t"] == []
    assert api.credits(token)["available"] == 10_000
    # With apply=True the message is carried out behind the heartbeats.
    backend.faults.heartbeat_only_next_stream(heartbeats=1, apply=True)
    assert api.chat(token, sid, GENERATE).events == [None]
    backend.wait_idle()
    assert len(api.state(token, sid)["draft"]["t"]) == 3


def test_endless_heartbeats_until_the_client_leaves(make_backend: Callable[..., LocalBackend],
                                                    make_api: Callable[[LocalBackend], Api]
                                                    ) -> None:
    lb = make_backend(dialect="gateway", heartbeat_interval=0.01)
    api = make_api(lb)
    token, sid = api.new_user()
    lb.faults.heartbeat_only_next_stream()
    seen = 0
    with api.http.stream("POST", "/run_sse", json=_body(sid, "help"),
                         headers=api.auth(token)) as r:
        for line in r.iter_lines():
            if line.startswith("data:"):
                assert json.loads(line[5:]) == {"type": "heartbeat"}
                seen += 1
                if seen == 5:
                    break
    assert seen == 5
    assert api.chat(token, sid, "help").status == 200


def test_malformed_lines_are_sent_and_the_turn_goes_on(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.malformed_next_stream(["data: {broken", "data: <html>oops</html>"])
    chat = api.chat(token, sid, GENERATE)
    data_lines = [ln for ln in chat.lines if ln.startswith("data:")]
    assert data_lines[1:3] == ["data: {broken", "data: <html>oops</html>"]
    assert chat.final_texts[-1].startswith("✅")


def test_error_event_ends_the_stream_and_changes_nothing(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    backend.faults.error_event_next_stream("model overloaded", after_events=1)
    chat = api.chat(token, sid, GENERATE)
    assert chat.events[-1] == {"error": "model overloaded"}
    assert len(chat.events) == 2
    backend.faults.error_event_next_stream("boom", raw=True)
    chat = api.chat(token, sid, GENERATE)
    assert chat.lines[0] == 'data: {"error": boom'
    backend.wait_idle()
    assert api.state(token, sid)["draft"]["t"] == []
    assert api.credits(token)["available"] == 10_000
    assert api.chat(token, sid, GENERATE).final_texts[-1].startswith("✅")


def test_clear_disarms_everything(api: Api, backend: LocalBackend) -> None:
    token, _ = api.token()
    backend.faults.fail_next("credits", code=1001, times=3)
    backend.faults.drop_next_stream()
    backend.faults.clear()
    assert api.http.get("/api/credits/balance/simple", headers=api.auth(token)).status_code == 200
    assert backend.faults.take_stream_fault() is None
