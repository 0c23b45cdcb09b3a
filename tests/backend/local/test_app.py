"""The local backend's endpoints, envelopes, auth and error codes, over real HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from backend.errors import AuthError, MissingClientId, SessionNotFound, error_for
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api


def test_token_needs_client_id(api: Api) -> None:
    r = api.http.post("/api/auth/anonymous-token")
    assert r.status_code == 400
    body = r.json()
    assert "X-Client-Id" in body["message"]
    assert isinstance(error_for(code=body["code"], status=r.status_code), MissingClientId)


def test_token_shape_and_same_client_same_user(api: Api) -> None:
    token, data = api.token("client-0001")
    assert re.fullmatch(r"nmv_usr_[A-Za-z0-9_\-]{20,}", token)
    assert data["credits"] == 10_000
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["expires_at"])
    token2, data2 = api.token("client-0001")
    assert token2 != token
    assert data2["user_id"] == data["user_id"]
    _, other = api.token("client-0002")
    assert other["user_id"] != data["user_id"]


def test_token_expires_after_seven_days(make_backend: Callable[..., LocalBackend],
                                        make_api: Callable[[LocalBackend], Api]) -> None:
    now = [1_000_000.0]
    lb = make_backend(clock=lambda: now[0])
    api = make_api(lb)
    token, data = api.token()
    assert data["expires_at"] == "1970-01-19T13:46:40Z"  # 1_000_000 + 7 days
    assert api.http.get("/api/credits/balance/simple", headers=api.auth(token)).status_code == 200
    now[0] += 7 * 24 * 3600
    r = api.http.get("/api/credits/balance/simple", headers=api.auth(token))
    assert (r.status_code, r.json()["code"]) == (401, 1001)


def test_missing_or_unknown_token_is_1001_everywhere(api: Api) -> None:
    calls = [
        ("POST", "/api/tasks/me/with-session/nemo_agent", {"task_name": "p"}),
        ("GET", "/api/credits/balance/simple", None),
        ("GET", "/api/state/nemo_agent/me/abc/latest", None),
        ("POST", "/run_sse", {"session_id": "x", "new_message": {"parts": [{"text": "hi"}]}}),
        ("GET", "/media/med_x/a.png", None),
    ]
    for headers in ({}, {"Authorization": "Bearer nmv_usr_not_a_real_token_xxxxxxxx"},
                    {"Authorization": "Basic abc"}):
        for method, path, body in calls:
            r = api.http.request(method, path, json=body, headers=headers)
            assert r.status_code == 401, (path, r.text)
            assert r.json()["code"] == 1001
            assert isinstance(error_for(code=1001, status=401), AuthError)
    r = api.http.get("/api/render/proxy/lambda/render_x")
    assert r.status_code == 401
    assert r.json()["success"] is False
    assert r.json()["code"] == 1001


def test_session_and_state(api: Api) -> None:
    token, _ = api.token()
    r = api.http.post("/api/tasks/me/with-session/nemo_agent",
                      json={"task_name": "project", "language": "zh"}, headers=api.auth(token))
    data = r.json()["data"]
    assert r.json()["code"] == 0
    assert set(data) >= {"task_id", "session_id", "user_id"}
    assert data["language"] == "zh"
    state = api.state(token, data["session_id"])
    assert state["draft"]["t"] == []
    assert state["video_infos"] == []
    assert state["generated_media"] == []
    assert state["canvas_config"] == {"width": 1920, "height": 1080, "ratio": "16:9", "fps": 30}


def test_unknown_or_foreign_session_is_1002(api: Api) -> None:
    token, sid = api.new_user()
    other, _ = api.token()
    for who, session in ((token, "no-such-session"), (other, sid)):
        r = api.http.get(f"/api/state/nemo_agent/me/{session}/latest", headers=api.auth(who))
        assert (r.status_code, r.json()["code"]) == (404, 1002)
        assert isinstance(error_for(code=1002, status=404), SessionNotFound)
        chat = api.chat(who, session, "hello")
        assert chat.status == 404
        r = api.http.post(f"/api/upload-video/nemo_agent/me/{session}",
                          files={"files": ("a.png", b"x", "image/png")}, headers=api.auth(who))
        assert r.json()["code"] == 1002


def test_credits_shape(api: Api) -> None:
    token, _ = api.token()
    assert api.credits(token) == {"available": 10_000, "frozen": 0, "total": 10_000,
                                  "user_id": api.credits(token)["user_id"]}


def test_bad_bodies_are_422_with_a_message(api: Api) -> None:
    token, sid = api.new_user()
    r = api.http.post("/run_sse", content=b"{not json", headers=api.auth(
        token, **{"Content-Type": "application/json"}))
    assert r.status_code == 422
    assert "JSON" in r.json()["message"]
    r = api.http.post("/run_sse", json={"session_id": sid, "new_message": {"parts": []}},
                      headers=api.auth(token))
    assert r.status_code == 422
    assert "text" in r.json()["message"]


def test_unknown_path_is_json_404(api: Api) -> None:
    r = api.http.get("/api/nothing-here")
    assert r.status_code == 404
    assert r.json()["code"] == 404


def test_request_log_redacts_tokens_and_counts_messages(api: Api, backend: LocalBackend) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, "what's in my project?")
    api.chat(token, sid, "help")
    assert backend.requests.messages() == ["what's in my project?", "help"]
    assert backend.requests.count("run_sse", method="POST") == 2
    for rec in backend.requests.all():
        assert token not in repr(rec)
        assert token not in str(rec.headers)
    chats = backend.requests.matching("run_sse")
    assert all(r.authorized and r.headers["authorization"] == "Bearer ***" for r in chats)
    assert chats[0].status == 200
    assert chats[0].body["session_id"] == sid


def test_server_binds_loopback_and_answers_index(backend: LocalBackend) -> None:
    assert backend.url.startswith("http://127.0.0.1:")
    assert backend.is_loopback
    r = httpx.get(backend.url + "/")
    assert r.json()["data"]["service"] == "nemovideo-local"
