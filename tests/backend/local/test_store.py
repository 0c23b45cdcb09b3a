"""Accounts, tokens and credit holds: crashes, clocks, a full database, older data folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from backend.local.store import Store
from tests.backend.local.conftest import Api, FakeRenderer, fast_options

ROOT = Path(__file__).resolve().parents[3]
_SLOW_SERVER = r"""
import sys
from pathlib import Path
from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
options = LocalOptions(stage_delay=120.0, heartbeat_interval=0.2, probe_media=False)
lb = LocalBackend.start(Path(sys.argv[1]), options=options)
print(lb.url, flush=True)
sys.stdin.read()
"""
_PROMPT = "Generate a 10-second video of a harbour at dawn"


def _first_tool_call(http: httpx.Client, token: str, sid: str) -> None:
    """Send a generation and return once the turn runs (credits are frozen by then)."""
    body = {"session_id": sid, "new_message": {"parts": [{"text": _PROMPT}]}}
    with http.stream("POST", "/run_sse", json=body,
                     headers={"Authorization": f"Bearer {token}"}) as r:
        for line in r.iter_lines():
            if "functionCall" in line:
                return
    raise AssertionError("the turn never started")


def test_credits_frozen_by_a_killed_server_come_back_and_the_retry_is_charged_once(
        tmp_path: Path, renderer: FakeRenderer) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_SERVER, str(data)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        with httpx.Client(base_url=url, timeout=30) as http:
            token = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "crash-1"}
                              ).json()["data"]["token"]
            sid = http.post("/api/tasks/me/with-session/nemo_agent", json={},
                            headers={"Authorization": f"Bearer {token}"}
                            ).json()["data"]["session_id"]
            _first_tool_call(http, token, sid)
            balance = http.get("/api/credits/balance/simple",
                               headers={"Authorization": f"Bearer {token}"}).json()["data"]
            assert (balance["available"], balance["frozen"]) == (9900, 100)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if proc.stdin is not None:
            proc.stdin.close()
        if proc.stdout is not None:
            proc.stdout.close()
    with LocalBackend.start(data, options=fast_options(renderer=renderer)) as lb:
        api = Api(lb)
        assert api.credits(token)["available"] == 10_000
        assert api.credits(token)["frozen"] == 0
        chat = api.chat(token, sid, _PROMPT)  # the retry
        assert chat.status == 200
        assert api.credits(token)["available"] == 9900
        assert api.credits(token)["frozen"] == 0
        assert len(list((data / "owners").iterdir())) == 1  # only the running server's
        api.http.close()


def test_holds_of_a_running_server_are_left_alone(tmp_path: Path) -> None:
    options = LocalOptions(probe_media=False)
    first = Store(tmp_path, options)
    _, account, _ = first.issue_token("client-a")
    assert first.freeze(account.user_id, 100) is not None
    second = Store(tmp_path, options)  # e.g. another process on the same folder
    assert (second.balance(account.user_id).available,
            second.balance(account.user_id).frozen) == (9900, 100)
    second.close()
    first.close()  # gone without settling: its hold is orphaned
    third = Store(tmp_path, options)
    assert (third.balance(account.user_id).available,
            third.balance(account.user_id).frozen) == (10_000, 0)
    third.close()


def test_an_expired_token_stays_expired_when_the_clock_goes_back(tmp_path: Path) -> None:
    now = [1_000_000.0]
    with LocalBackend.start(tmp_path / "data", options=fast_options(clock=lambda: now[0])) as lb:
        api = Api(lb)
        token, _ = api.token()
        credits = "/api/credits/balance/simple"
        assert api.http.get(credits, headers=api.auth(token)).status_code == 200
        now[0] += 8 * 24 * 3600
        r = api.http.get(credits, headers=api.auth(token))
        assert (r.status_code, r.json()["code"]) == (401, 1001)
        now[0] -= 8 * 24 * 3600  # the clock is put back
        r = api.http.get(credits, headers=api.auth(token))
        assert (r.status_code, r.json()["code"]) == (401, 1001)
        api.http.close()


def test_a_full_database_is_a_507_envelope_and_nothing_half_done(tmp_path: Path) -> None:
    with LocalBackend.start(tmp_path / "data", options=fast_options()) as lb:
        api = Api(lb)
        store = lb._service.store
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's view of a full disk
        for i in range(500):
            r = api.http.post("/api/auth/anonymous-token", headers={"X-Client-Id": f"c{i}"})
            if r.status_code != 200:
                break
        assert r.status_code == 507, "the database never filled up"
        assert r.json() == {"code": 507, "data": None, "message": (
            "The local backend's disk is full, so nothing was saved. Free some space and try "
            "again.")}
        store._db.execute(f"PRAGMA max_page_count = {pages * 100}")
        token, data = api.token("c-after")
        assert data["credits"] == 10_000
        assert api.credits(token)["available"] == 10_000
        api.http.close()


def test_accounts_of_an_older_data_folder_are_kept(tmp_path: Path) -> None:
    import hashlib

    data = tmp_path / "data"
    data.mkdir()
    token = "nmv_usr_" + "k" * 32
    (data / "accounts.json").write_text(json.dumps({
        "users": {"usr_old": {"user_id": "usr_old", "client_id": "client-old",
                              "available": 4200, "frozen": 100}},
        "clients": {"client-old": "usr_old"},
        "tokens": {hashlib.sha256(token.encode()).hexdigest(): {"user_id": "usr_old",
                                                               "expires_at": 4e9}},
    }))
    with LocalBackend.start(data, options=fast_options()) as lb:
        api = Api(lb)
        # The frozen 100 belonged to a process that is gone: it is available again.
        assert api.credits(token) == {"available": 4300, "frozen": 0, "total": 4300,
                                      "user_id": "usr_old"}
        _, again = api.token("client-old")
        assert again["user_id"] == "usr_old"
        api.http.close()
    assert not (data / "accounts.json").exists()
    assert oct(os.stat(data / "accounts.db").st_mode & 0o777) == "0o600"


def _journal(store: Store) -> tuple[str, int]:
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    return str(mode), int(store._db.execute("PRAGMA synchronous").fetchone()[0])


def test_a_stopped_backend_has_its_data_checkpointed_into_the_database(tmp_path: Path) -> None:
    store = Store(tmp_path, LocalOptions())
    assert _journal(store) == ("wal", 1)  # write-ahead log, synced at checkpoints
    _, account, _ = store.issue_token("client-a")
    assert (tmp_path / "accounts.db-wal").exists()
    store.close()
    # Closing moved the log into the database file (synced): nothing is left in a log.
    assert not (tmp_path / "accounts.db-wal").exists()
    again = Store(tmp_path, LocalOptions())
    assert again.balance(account.user_id).available == 10_000
    again.close()


def test_a_throwaway_backend_keeps_its_data_between_runs_without_a_log_on_disk(
        tmp_path: Path) -> None:
    options = LocalOptions(durable=False)
    store = Store(tmp_path, options)
    assert _journal(store) == ("memory", 0)
    _, account, _ = store.issue_token("client-a")
    assert not (tmp_path / "accounts.db-wal").exists()
    store.close()
    again = Store(tmp_path, options)
    assert again.balance(account.user_id).available == 10_000
    again.close()
