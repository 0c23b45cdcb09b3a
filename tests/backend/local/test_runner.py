"""Starting, stopping and restarting a local backend; where its data goes."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api, FakeRenderer, fast_options


def test_state_survives_a_restart(tmp_path: Path, renderer: FakeRenderer) -> None:
    data = tmp_path / "data"
    with LocalBackend.start(data, options=fast_options(renderer=renderer)) as lb:
        api = Api(lb)
        token, sid = api.new_user()
        api.chat(token, sid, "Generate a 5-second video of a volcano")
        state = api.state(token, sid)
        credits = api.credits(token)
        api.http.close()
    with LocalBackend.start(data, options=fast_options(renderer=renderer)) as lb2:
        api = Api(lb2)
        assert api.state(token, sid) == state
        assert api.credits(token) == credits
        api.http.close()


def test_data_stays_in_the_data_dir_and_is_private(tmp_path: Path, isolated_home: Path,
                                                   renderer: FakeRenderer) -> None:
    data = tmp_path / "data"
    home_before = sorted(isolated_home.rglob("*"))
    with LocalBackend.start(data, options=fast_options(renderer=renderer)) as lb:
        api = Api(lb)
        token, sid = api.new_user()
        api.chat(token, sid, "Generate a 5-second video of a volcano")
        api.http.close()
    assert sorted(isolated_home.rglob("*")) == home_before
    assert (data / "accounts.db").is_file()
    for path in data.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
            assert token.encode() not in path.read_bytes(), path  # only hashes are kept
    session_file = data / "sessions" / f"{sid}.json"
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600


def test_stop_is_prompt_even_with_open_streams(tmp_path: Path) -> None:
    lb = LocalBackend.start(tmp_path / "data", options=fast_options(heartbeat_interval=0.05))
    api = Api(lb)
    token, sid = api.new_user()
    lb.faults.heartbeat_only_next_stream()  # endless until the client or the server leaves
    body = {"session_id": sid, "new_message": {"parts": [{"text": "help"}]}}
    with api.http.stream("POST", "/run_sse", json=body, headers=api.auth(token)) as r:
        next(r.iter_lines())
        started = time.monotonic()
        lb.stop()
        took = time.monotonic() - started
    api.http.close()
    assert took < 3.0
    with pytest.raises(httpx.ConnectError):
        httpx.get(lb.url + "/", timeout=2)


def test_stop_during_work_in_a_thread_lets_it_finish_and_leaves_no_thread(
        tmp_path: Path) -> None:
    # A token is issued in a worker thread. Stopping while one is being issued lets the
    # issuing finish before the store closes, and no thread of the backend is left running.
    before = set(threading.enumerate())
    lb = LocalBackend.start(tmp_path / "data", options=fast_options())
    store, renders = lb._service.store, lb._service.renders
    entered, release = threading.Event(), threading.Event()
    order: list[str] = []
    issue, close, stop_renders = store.issue_token, store.close, renders.shutdown

    def slow_issue(client_id: str) -> Any:
        entered.set()
        assert release.wait(10)
        result = issue(client_id)
        order.append("token issued")
        return result

    def release_then_stop(timeout: float) -> None:  # the first thing stop() does
        release.set()
        stop_renders(timeout)

    def closing() -> None:
        order.append("store closed")
        close()

    store.issue_token = slow_issue  # type: ignore[method-assign]
    store.close = closing  # type: ignore[method-assign]
    renders.shutdown = release_then_stop  # type: ignore[method-assign]
    answers: list[object] = []
    client = threading.Thread(target=lambda: answers.append(_post_quietly(
        lb.url + "/api/auth/anonymous-token", {"X-Client-Id": "c-1"})))
    client.start()
    assert entered.wait(10)
    lb.stop()
    client.join(10)
    assert order == ["token issued", "store closed"]
    assert [t.name for t in threading.enumerate() if t not in before and t.is_alive()] == []


def _post_quietly(url: str, headers: dict[str, str]) -> object:
    try:
        return httpx.post(url, headers=headers, timeout=10).status_code
    except httpx.HTTPError as exc:  # the server went away mid-request
        return exc


def test_bind_failure_is_an_oserror(tmp_path: Path) -> None:
    lb = LocalBackend.start(tmp_path / "a", options=fast_options())
    try:
        with pytest.raises(OSError, match="in use"):
            LocalBackend.start(tmp_path / "b", options=fast_options(), port=lb.port)
    finally:
        lb.stop()


def test_leftover_partial_uploads_are_cleaned(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "tmp").mkdir(parents=True)
    (data / "tmp" / "dead.part").write_bytes(b"x")
    with LocalBackend.start(data, options=fast_options()):
        assert os.listdir(data / "tmp") == []


UVICORN_CHILD = """
import json, socket, sys, tempfile
from pathlib import Path
from backend.local.runner import LocalBackend
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
listener.bind(("127.0.0.1", 0))
listener.listen(8)
port = listener.getsockname()[1]
early = socket.create_connection(("127.0.0.1", port))  # queued before anything serves
backend = LocalBackend.start(Path(tempfile.mkdtemp()), sock=listener)
early.sendall(b"GET / HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
answer = b""
while chunk := early.recv(65536):
    answer += chunk
backend.stop()
before = sorted(m for m in ("click", "multiprocessing") if m in sys.modules)
import uvicorn, uvicorn.server
from uvicorn.main import Server
real = getattr(sys.modules["uvicorn.main"], "LEVEL_CHOICES")  # anything else: the real module
print(json.dumps({"url": backend.url, "port": port, "status": answer.split(b" ")[1].decode(),
                  "before": before, "server": Server is uvicorn.server.Server,
                  "real": type(vars(sys.modules["uvicorn.main"])["main"]).__name__}))
"""


def test_a_handed_over_socket_serves_what_queued_and_no_cli_is_imported(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", UVICORN_CHILD], capture_output=True,
                          text=True, timeout=60, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # A connection made before the server started was answered once it did.
    assert seen["status"] == "200"
    assert seen["url"] == f"http://127.0.0.1:{seen['port']}"
    # uvicorn's command line (click, the reload supervisors) was not loaded to serve, and is
    # still there, whole, for whoever asks for it.
    assert seen["before"] == []
    assert seen["server"] is True
    assert seen["real"] == "Command"  # click's command, the real uvicorn.main
