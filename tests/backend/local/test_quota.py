"""The local backend's anonymous-token quota over real sockets: per client id, per address,
in a sliding window, answered with HTTP 429 and ``Retry-After``, kept across restarts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend

Make = Callable[..., LocalBackend]


def _token(lb: LocalBackend, client_id: str) -> httpx.Response:
    return httpx.post(lb.url + "/api/auth/anonymous-token", headers={"X-Client-Id": client_id})


def test_one_per_client_id_then_429_with_retry_after(make_backend: Make) -> None:
    now = [1_800_000_000.0]
    lb = make_backend(token_quota_per_client=1, token_quota_per_ip=None,
                      token_quota_window=7 * 86400.0, clock=lambda: now[0])
    assert _token(lb, "c1").status_code == 200
    refused = _token(lb, "c1")
    assert refused.status_code == 429
    assert refused.json()["code"] == 429
    assert refused.headers["retry-after"] == str(7 * 86400)
    assert _token(lb, "c2").status_code == 200  # another client id is another quota
    now[0] += 3 * 86400
    assert _token(lb, "c1").headers["retry-after"] == str(4 * 86400)
    now[0] += 4 * 86400 + 1
    assert _token(lb, "c1").status_code == 200


def test_per_address(make_backend: Make) -> None:
    lb = make_backend(token_quota_per_client=None, token_quota_per_ip=3)
    codes = [_token(lb, str(uuid.uuid4())).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_unlimited_when_not_configured(make_backend: Make) -> None:
    lb = make_backend(token_quota_per_client=None, token_quota_per_ip=None)
    assert {_token(lb, "same").status_code for _ in range(3)} == {200}


def test_defaults_follow_the_cloud_and_survive_a_restart(tmp_path: Path) -> None:
    options = LocalOptions(stage_delay=0, edit_delay=0, heartbeat_interval=0)
    assert (options.token_quota_per_client, options.token_quota_per_ip) == (1, 10)
    with LocalBackend.start(tmp_path / "data", options=options) as lb:
        assert _token(lb, "c1").status_code == 200
    with LocalBackend.start(tmp_path / "data", options=options) as lb:
        assert _token(lb, "c1").status_code == 429
    stored = (tmp_path / "data" / "token_quota.json").read_text()
    assert "c1" not in stored
    assert "127.0.0.1" not in stored
