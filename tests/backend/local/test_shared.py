"""The shared local backend of a data directory: found, started, proven ours, replaced when
stale, and gone when idle. Real processes and sockets; waits are on conditions with deadlines.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import json
import os
import signal
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import httpx
import pytest

from backend.errors import ConnectError
from backend.local import daemon, shared
from backend.local import presence as presence_module
from backend.local.daemon import serve_until_idle
from backend.local.fingerprint import code_identity, fingerprint
from backend.local.options import LocalOptions
from backend.local.presence import Presence
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api
from tests.media import gated_ffmpeg
from tests.media import probe as probe_media


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie counts as gone.
    with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as fh:
        return fh.read().split()[2] != "Z"
    return True


def lock_is_free(data: Path) -> bool:
    fd = os.open(data / shared.SERVER_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        return shared.try_lock(fd)
    finally:
        os.close(fd)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "local-backend"


def test_processes_share_one_server_that_proves_it_is_ours(data: Path) -> None:
    with shared.SharedBackend.begin(data) as first:
        url = first.wait()
        with shared.SharedBackend.begin(data) as second:
            assert second.wait() == url
        info = shared.read_info(data)
        assert info is not None
        assert info.url == url
        assert info.pid != os.getpid()  # a server process of its own
        assert stat.S_IMODE((data / shared.INFO_FILE).stat().st_mode) == 0o600
        assert shared.check(info)
        # The API is served there; the health answer needs a challenge and never the secret.
        assert httpx.get(url + "/", timeout=5).json()["data"]["service"] == "nemovideo-local"
        bare = httpx.get(url + shared.HEALTH_PATH, timeout=5)
        assert bare.status_code == 400
        proved = httpx.get(url + shared.HEALTH_PATH, headers={"X-Nemo-Challenge": "a" * 32},
                           timeout=5)
        assert info.secret.hex() not in proved.text
        forged = shared.ServerInfo(info.host, info.port, info.pid, info.version,
                                   info.started_at, os.urandom(32))
        assert not shared.check(forged)


def test_a_relative_data_directory_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A relative NEMO_CONFIG_DIR once named a folder inside itself for the server (which runs
    # in the data directory), so it never started: "the local backend could not start".
    monkeypatch.chdir(tmp_path)
    with shared.SharedBackend.begin(Path("relcfg") / "local-backend") as backend:
        url = backend.wait()
        assert httpx.get(url + "/", timeout=5).json()["data"]["service"] == "nemovideo-local"
    assert shared.read_info(tmp_path / "relcfg" / "local-backend") is not None


def test_the_address_is_known_at_once_and_an_early_request_waits_for_the_server(
        data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        assert use.starting  # the server has only just been launched
        url = use.url
        # Sent before the server has imported anything: the connection waits in the
        # kernel's queue on the socket handed over to it, and is answered once it serves.
        answer = httpx.get(url + "/", timeout=30)
        assert answer.json()["data"]["service"] == "nemovideo-local"
        assert use.wait() == url
        info = shared.read_info(data)
        assert info is not None
        assert info.url == url
        assert shared.check(info)


def test_a_server_that_cannot_start_is_a_clear_error_and_leaves_no_listener(
        data: Path) -> None:
    data.mkdir(mode=0o700)
    (data / "accounts.db").mkdir()  # the service cannot open its accounts
    with shared.SharedBackend.begin(data) as use:
        url = use.url
        with pytest.raises(ConnectError, match=r"could not start: .*server\.log"):
            use.wait()
    # Nobody listens there any more: a request is refused at once, never queued forever.
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/", timeout=5)
    assert shared.read_info(data) is None
    assert lock_is_free(data)
    assert "cannot start" in (data / shared.LOG_FILE).read_text()


def test_stale_files_of_a_crashed_server_are_replaced(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    crashed = shared.read_info(data)
    assert crashed is not None
    os.kill(crashed.pid, signal.SIGKILL)
    wait_for(lambda: not alive(crashed.pid))
    assert shared.read_info(data) == crashed  # left behind
    with shared.SharedBackend.begin(data) as use:
        url = use.wait()
    fresh = shared.read_info(data)
    assert fresh is not None
    assert fresh.pid != crashed.pid
    assert fresh.url == url
    assert shared.check(fresh)


class _Impostor(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[bytes]] = []

    def do_GET(self) -> None:
        self.seen.append(self.requestline.encode() + b"\n" + bytes(self.headers))
        body = json.dumps({"pid": 1, "proof": "0" * 64}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def impostor() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Impostor)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def test_a_program_on_a_stale_port_is_not_trusted(data: Path, impostor: int) -> None:
    data.mkdir()
    stale = shared.ServerInfo("127.0.0.1", impostor, 1, "0.1.0", 0.0, os.urandom(32))
    shared.publish(data, stale)
    _Impostor.seen.clear()
    with shared.SharedBackend.begin(data) as use:
        url = use.wait()
    assert url != stale.url
    info = shared.read_info(data)
    assert info is not None
    assert info.port != impostor
    # It was asked to prove itself and could not; the secret never went to it.
    assert _Impostor.seen
    assert all(stale.secret.hex().encode() not in seen for seen in _Impostor.seen)


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return int(probe_socket.getsockname()[1])


def test_a_server_started_again_comes_back_on_its_port_unless_it_is_taken(
        data: Path, impostor: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The browser link of a delivered video names the server's port: it opens again once the
    # server runs again after an idle exit.
    port = _free_port()
    monkeypatch.setenv(shared.PORT_ENV, str(port))
    for _ in range(2):
        with shared.SharedBackend.begin(data) as use:
            assert use.wait() == f"http://127.0.0.1:{port}"
        assert shared.stop(data) is not None
    # Held by another program: any free port, and that program is never asked anything.
    monkeypatch.setenv(shared.PORT_ENV, str(impostor))
    _Impostor.seen.clear()
    with shared.SharedBackend.begin(data) as use:
        url = use.wait()
    assert url.startswith("http://127.0.0.1:")
    assert not url.endswith(f":{impostor}")
    assert not _Impostor.seen


def test_the_port_is_the_data_directory_s_own_by_default() -> None:
    first, second = Path("/srv/a/local-backend"), Path("/srv/b/local-backend")
    assert shared.port_from({}, first) == shared.preferred_port(first) == shared.preferred_port(
        Path("/srv/a/../a/local-backend"))
    assert shared.preferred_port(first) in shared.PREFERRED_PORTS
    assert shared.preferred_port(first) != shared.preferred_port(second)
    assert shared.port_from({shared.PORT_ENV: "0"}, first) == 0


@pytest.mark.parametrize("value", ["80", "65536", "soon", "-1"])
def test_a_bad_port_is_a_config_error_that_says_what_to_give(data: Path, value: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.errors import ConfigError

    monkeypatch.setenv(shared.PORT_ENV, value)
    with pytest.raises(ConfigError, match="1024-65535"):
        shared.SharedBackend.begin(data)


def test_a_server_file_others_could_write_is_ignored(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
        assert shared.read_info(data) is not None
        (data / shared.INFO_FILE).chmod(0o644)
        assert shared.read_info(data) is None
        (data / shared.INFO_FILE).chmod(0o600)  # so that the test's clean-up finds it


def test_a_live_server_that_does_not_answer_is_an_error_that_says_what_to_do(
        data: Path) -> None:
    data.mkdir()
    holder = os.open(data / shared.SERVER_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert shared.try_lock(holder)  # as a live (hung) server would hold it
        with pytest.raises(ConnectError, match="serve-local --stop"):
            shared.SharedBackend.begin(data, timeout=0.3)
    finally:
        os.close(holder)


def test_idle_server_exits_and_a_new_one_starts_on_demand(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(shared.IDLE_ENV, "0.2")
    with shared.SharedBackend.begin(data) as use:
        use.wait()
        first = shared.read_info(data)
        assert first is not None
    # Released: idle for 0.2 s, the server leaves and takes its file with it.
    wait_for(lambda: lock_is_free(data))
    assert not (data / shared.INFO_FILE).exists()
    wait_for(lambda: not alive(first.pid))
    with shared.SharedBackend.begin(data) as use:
        use.wait()
        second = shared.read_info(data)
    assert second is not None
    assert second.pid != first.pid


def test_a_removed_server_file_is_put_back(data: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    info = shared.read_info(data)
    assert info is not None
    (data / shared.INFO_FILE).unlink()
    daemon._keep_published(data, info)  # what the server does every RECHECK seconds
    assert shared.read_info(data) == info
    assert shared.stop(data) == info


def test_stop_ends_the_server(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    info = shared.read_info(data)
    assert info is not None
    assert shared.stop(data) == info
    assert lock_is_free(data)
    assert not (data / shared.INFO_FILE).exists()
    assert shared.stop(data) is None


def test_a_server_asked_to_stop_without_waiting_is_gone_once_waited_for(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    info = shared.read_info(data)
    assert info is not None
    assert shared.stop(data, wait=False) == info
    shared.wait_stopped(data, timeout=10.0)
    assert lock_is_free(data)
    assert not (data / shared.INFO_FILE).exists()


def test_a_bad_idle_timeout_is_a_config_error(data: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.errors import ConfigError

    monkeypatch.setenv(shared.IDLE_ENV, "soon")
    with pytest.raises(ConfigError, match=shared.IDLE_ENV):
        shared.SharedBackend.begin(data)


# -- the idle rule, with time injected --------------------------------------------------------

class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Backend:
    def __init__(self) -> None:
        self.running = False

    def busy(self) -> bool:
        return self.running


class _Stop:
    """The server's requests (stop, make way) whose waits advance the clock instead of
    sleeping."""

    def __init__(self, clock: _Clock, on_wait: Callable[[float], None]) -> None:
        self.clock = clock
        self.on_wait = on_wait
        self.waits: list[float] = []
        self.stop = False
        self.retire = False

    def wait(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.now += seconds
        self.on_wait(self.clock.now)
        self.stop = len(self.waits) > 500  # a runaway loop ends the test instead of hanging


def _clocked() -> tuple[_Clock, Presence]:
    clock = _Clock()
    return clock, Presence(os.urandom(32), version="t", clock=clock)


def _used(folder: Path) -> tuple[int, int]:
    """The server's descriptor of ``users.lock`` and one of a process that uses the server
    (holding it shared, as an MCP server does for its whole life)."""
    users = folder / shared.USERS_LOCK
    server_fd = os.open(users, os.O_RDWR | os.O_CREAT, 0o600)
    client_fd = os.open(users, os.O_RDWR)
    assert shared.try_lock(client_fd, exclusive=False)
    return server_fd, client_fd


def test_the_server_stays_while_a_process_holds_it_and_leaves_when_all_are_gone(
        tmp_path: Path) -> None:
    clock, presence = _clocked()
    server_fd, client_fd = _used(tmp_path)
    backend = _Backend()

    def world(now: float) -> None:
        if now >= 900:  # the process leaves after 15 minutes
            with contextlib.suppress(OSError):
                os.close(client_fd)

    stop = _Stop(clock, world)
    ticks: list[float] = []
    try:
        assert serve_until_idle(backend, presence, server_fd, 600.0,  # type: ignore[arg-type]
                                stop, tick=lambda: ticks.append(clock.now)) is True  # type: ignore[arg-type]
    finally:
        os.close(server_fd)
    assert len(ticks) == len(stop.waits)
    # Looked every 10 s (keeping server.json in place) until the process was gone and the
    # idle period over.
    assert set(stop.waits) == {10.0}
    assert 900 <= clock.now <= 910


def test_a_running_render_keeps_the_server(tmp_path: Path) -> None:
    clock = _Clock()
    presence = Presence(os.urandom(32), version="t", clock=clock)
    fd = os.open(tmp_path / shared.USERS_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    backend = _Backend()
    backend.running = True

    def world(now: float) -> None:
        backend.running = now < 700

    stop = _Stop(clock, world)
    try:
        assert serve_until_idle(backend, presence, fd, 600.0, stop) is True  # type: ignore[arg-type]
    finally:
        os.close(fd)
    assert 700 <= clock.now <= 710


def test_the_server_of_messages_does_not_pause_a_generation(data: Path, tmp_path: Path) -> None:
    # serve-local's defaults pace generation like the cloud (stages that take time, with
    # heartbeats meanwhile); the server --local messages use answers as fast as it works.
    prompt = "make a 10-second video of a sunset over the sea"
    with shared.SharedBackend.begin(data) as used:
        api = Api(SimpleNamespace(url=used.wait()))  # type: ignore[arg-type]
        with api.http:
            token, sid = api.new_user()
            quick = api.chat(token, sid, prompt)
    with LocalBackend.start(tmp_path / "paced", options=LocalOptions(
            token_quota_per_client=None, token_quota_per_ip=None)) as paced:
        api = Api(paced)
        with api.http:
            token, sid = api.new_user()
            slow = api.chat(token, sid, prompt)
    assert quick.status == slow.status == 200
    assert quick.final_texts == slow.final_texts  # the same replies
    assert None in slow.events  # heartbeats while its stages take their time
    assert None not in quick.events


# -- making way for other code (an upgrade, a reinstall, an edit) -----------------------------

OLD_CODE = "0.0.9+0123456789abcdef"


def as_old_code(data: Path, **changes: object) -> shared.ServerInfo:
    """Make the running server look started by other code, as an upgrade leaves it: its
    ``server.json`` records another code identity (``changes``: other fields too)."""
    info = shared.read_info(data)
    assert info is not None
    shared.publish(data, dataclasses.replace(info, **{"code": OLD_CODE, **changes}))
    return info


def replaced(data: Path, old: shared.ServerInfo) -> shared.ServerInfo:
    """The server that now serves ``data``: another than ``old``, of this code."""
    new = shared.read_info(data)
    assert new is not None
    assert new.pid != old.pid
    assert new.code == code_identity()
    return new


def test_a_server_of_the_same_code_is_used_again_without_a_restart(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    first = shared.read_info(data)
    assert first is not None
    assert first.code == code_identity()
    assert first.detached
    with shared.SharedBackend.begin(data) as use:
        assert not use.starting
        use.wait()
        assert use.notice is None
    assert shared.read_info(data) == first
    assert shared.probe(first) == shared.Health(busy=False, retiring=False)


def test_a_server_of_other_code_makes_way_and_the_project_goes_on(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        api = Api(SimpleNamespace(url=use.wait()))  # type: ignore[arg-type]
        with api.http:
            token, sid, before = api.project("en", "make a 4-second video of a harbour")
    old = as_old_code(data)
    with shared.SharedBackend.begin(data) as use:
        api = Api(SimpleNamespace(url=use.wait()))  # type: ignore[arg-type]
        assert use.notice is None
        with api.http:
            assert api.state(token, sid)["draft"] == before["draft"]  # kept on disk
    replaced(data, old)
    wait_for(lambda: not alive(old.pid))
    assert "Traceback" not in (data / shared.LOG_FILE).read_text()


def test_a_server_another_process_holds_still_makes_way_once_quiet_and_is_followed(
        data: Path) -> None:
    # An MCP server holds the backend for its whole life: a server of other code leaves
    # anyway once no request came for a moment, and the MCP server follows to the new one.
    with shared.SharedBackend.begin(data) as holder:
        first = holder.wait()
        assert holder.follow() == first  # nothing moved
        old = as_old_code(data)
        with shared.SharedBackend.begin(data) as use:
            now = use.wait()
            assert use.notice is None
        new = replaced(data, old)
        assert not alive(old.pid)
        assert now != first
        assert holder.follow() == now == new.url
        assert httpx.get(now + "/", timeout=5).json()["data"]["service"] == "nemovideo-local"
    # Stopped (serve-local --stop) with none after it: a process that follows starts the next
    # one itself.
    with shared.SharedBackend.begin(data) as holder:
        holder.wait()
        assert shared.stop(data) is not None
        url = holder.follow()
        info = shared.read_info(data)
        assert info is not None
        assert info.url == url
        assert info.pid != new.pid
        assert shared.check(info)


def _render_status(api: Api, token: str, rid: str) -> dict[str, Any]:
    answer = api.http.get(f"/api/render/proxy/lambda/{rid}", headers=api.auth(token))
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["data"])


def test_a_render_in_progress_finishes_before_the_server_makes_way(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = gated_ffmpeg(tmp_path, monkeypatch)
    with shared.SharedBackend.begin(data) as use:
        api = Api(SimpleNamespace(url=use.wait()))  # type: ignore[arg-type]
        with api.http:
            token, sid, state = api.project("en", "make a 2-second video of rain")
            body = {"id": "render_upgrade", "sessionId": sid, "draft": state["draft"],
                    "output": {"format": "mp4", "quality": "high"}}
            submitted = api.http.post("/api/render/proxy/lambda", json=body,
                                      headers=api.auth(token, **HEADERS))
            assert submitted.status_code == 200, submitted.text
            wait_for(lambda: _render_status(api, token, "render_upgrade")["status"]
                     == "processing")
            old = as_old_code(data)
            # The user upgraded; their next message finds the old server rendering: it is
            # used for now, and the message says so.
            with shared.SharedBackend.begin(data) as during:
                assert during.wait() == old.url
                assert during.notice is not None
                assert "while its work finishes" in during.notice
            # Asked to make way (a signal: it hears it a moment later), still rendering.
            wait_for(lambda: shared.probe(old) == shared.Health(busy=True, retiring=True))
            gate.touch()
            wait_for(lambda: _render_status(api, token, "render_upgrade")["status"]
                     in ("completed", "failed", "cancelled"), timeout=60)
            assert _render_status(api, token, "render_upgrade")["status"] == "completed"
            video = api.http.get("/api/render/proxy/render_upgrade/download",
                                 headers=api.auth(token))
            assert video.status_code == 200
            (tmp_path / "out.mp4").write_bytes(video.content)
    assert probe_media(tmp_path / "out.mp4").duration == pytest.approx(2.0, abs=0.2)
    # Done and unused, the old server leaves; the next message gets one of this code, which
    # knows the finished render.
    wait_for(lambda: not alive(old.pid))
    with shared.SharedBackend.begin(data) as use:
        api = Api(SimpleNamespace(url=use.wait()))  # type: ignore[arg-type]
        assert use.notice is None
        with api.http:
            assert _render_status(api, token, "render_upgrade")["status"] == "completed"
    replaced(data, old)


def test_a_server_from_before_code_identities_is_stopped_unless_it_renders(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    # What servers of earlier versions wrote: no code identity, nothing about being detached.
    raw = json.loads((data / shared.INFO_FILE).read_text())
    del raw["code"], raw["detached"]
    old = shared.read_info(data)
    assert old is not None
    (data / shared.INFO_FILE).write_text(json.dumps(raw))
    assert shared.read_info(data) == dataclasses.replace(old, code="", detached=False)
    # Such a server knows only SIGTERM, which would cancel a render: while one is unfinished
    # on disk, it is used.
    renders = data / "renders"
    renders.mkdir(exist_ok=True)
    (renders / "render_old.json").write_text(json.dumps({"id": "render_old",
                                                         "status": "processing"}))
    with shared.SharedBackend.begin(data) as use:
        assert use.wait() == old.url
        assert use.notice is not None
    (renders / "render_old.json").write_text(json.dumps({"id": "render_old",
                                                         "status": "completed"}))
    with shared.SharedBackend.begin(data) as use:
        use.wait()
        assert use.notice is None
    replaced(data, old)


def test_a_server_run_in_a_terminal_is_used_and_never_stopped(data: Path) -> None:
    with shared.SharedBackend.begin(data) as use:
        use.wait()
    old = as_old_code(data, detached=False)  # as serve-local publishes itself
    with shared.SharedBackend.begin(data) as use:
        assert use.wait() == old.url
        assert use.notice is not None
        assert "serve-local" in use.notice
        assert "restart it" in use.notice
    assert shared.probe(old) == shared.Health(busy=False, retiring=False)


def test_a_closed_server_refuses_requests_with_a_reason(tmp_path: Path) -> None:
    presence = Presence(os.urandom(32), version="t")
    with LocalBackend.start(tmp_path / "data", presence=presence) as backend:
        assert httpx.get(backend.url + "/", timeout=5).status_code == 200
        assert not presence.close_if(lambda: False)
        # Once the first request's handler has finished too (a moment after its answer).
        wait_for(lambda: presence.close_if(lambda: True))
        answer = httpx.get(backend.url + "/", timeout=5)
        assert answer.status_code == 503
        assert answer.json()["message"] == presence_module.CLOSED
        assert "send the message again" in answer.json()["message"]


def test_the_fingerprint_follows_the_files_and_ignores_caches(tmp_path: Path) -> None:
    root = tmp_path / "site"
    package = root / "pkg"
    (package / "__pycache__").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    first = fingerprint(root, ("pkg",))
    (package / "__pycache__" / "a.cpython-312.pyc").write_bytes(b"\0")
    (package / ".a.py.swp").write_text("scratch")
    assert fingerprint(root, ("pkg",)) == first
    (package / "a.py").write_text("x = 22\n")  # an edit
    assert fingerprint(root, ("pkg",)) != first
    edited = fingerprint(root, ("pkg",))
    os.utime(package / "a.py", ns=(1, 1))  # a reinstall of the same size
    assert fingerprint(root, ("pkg",)) != edited
    (package / "b.yaml").write_text("k: v\n")  # data the code reads counts too
    assert fingerprint(root, ("pkg",)) not in (first, edited)


def test_asked_to_make_way_the_server_finishes_its_render_then_leaves_once_quiet(
        tmp_path: Path) -> None:
    clock, presence = _clocked()
    server_fd, client_fd = _used(tmp_path)
    backend = _Backend()
    backend.running = True

    def world(now: float) -> None:
        if backend.running and now >= 5:  # the render ends; its last status poll with it
            backend.running = False
            presence.touch()

    stop = _Stop(clock, world)
    stop.retire = True
    try:
        assert serve_until_idle(backend, presence, server_fd, 600.0,  # type: ignore[arg-type]
                                stop) is True  # type: ignore[arg-type]
    finally:
        os.close(server_fd)
        os.close(client_fd)
    assert presence.retiring
    # Not before the render ended and a quiet second passed; long before the idle timeout.
    assert 5 + daemon.RETIRE_QUIET <= clock.now <= 5 + daemon.RETIRE_QUIET + 0.1
    # Closed: a request now would be refused, not start work that leaving would cut.
    assert presence.close_if(lambda: False)


def test_asked_to_make_way_an_unused_idle_server_leaves_at_once(tmp_path: Path) -> None:
    clock = _Clock()
    presence = Presence(os.urandom(32), version="t", clock=clock)
    fd = os.open(tmp_path / shared.USERS_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    stop = _Stop(clock, lambda now: None)
    stop.retire = True
    try:
        assert serve_until_idle(_Backend(), presence, fd, 600.0,  # type: ignore[arg-type]
                                stop) is True  # type: ignore[arg-type]
    finally:
        os.close(fd)
    assert stop.waits == []
