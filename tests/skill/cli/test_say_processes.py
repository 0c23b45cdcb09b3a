"""Several ``nemoskill --local`` processes on one project at once, as hosts run them: real
processes (``python -m skill.cli``), one config directory, the project's shared local backend.

No edit is lost, an export renders once, a process that starts while another renders leaves
that render alone, and an MCP server and ``say`` work on the same project.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import anyio
import pytest

from backend.local import shared
from backend.local.fingerprint import code_identity
from tests.media import gated_ffmpeg, probe
from tests.skill.mcp_server.host import mcp_server, text_of

GENERATE = "generate a 2-second video of rain on a window"
DEADLINE = 120


def env_for(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "NEMO_CONFIG_DIR": str(tmp_path / "config"),
            "NEMO_EXPORT_DIR": str(tmp_path / "videos")}


def start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "skill.cli", "--local", "say", *args],
                            env=env_for(tmp_path), cwd=tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=DEADLINE)
    assert proc.returncode == 0, (out, err)
    return out


def say(tmp_path: Path, *args: str) -> str:
    return finish(start(tmp_path, *args))


def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "config" / "local-backend"


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def render_jobs(tmp_path: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text()) for p in (data_dir(tmp_path) / "renders").glob("*.json")]


def test_four_processes_editing_at_once_lose_no_edit(tmp_path: Path) -> None:
    assert "Timeline (3 tracks)" in say(tmp_path, GENERATE)
    edits = ["change the title to 'Alpha'", "add captions 'Beta'",
             "set the music volume to 20%", "use upbeat background music"]
    procs = [start(tmp_path, text) for text in edits]
    for proc in procs:
        finish(proc)
    status = say(tmp_path, "status")
    assert 'Title: "Alpha"' in status
    assert "Beta" in status
    assert "20%" in status
    assert "Upbeat" in status or "upbeat" in status
    # One server served them all; it never restarted (a restart would fail running renders).
    sessions = list((data_dir(tmp_path) / "sessions").glob("*.json"))
    assert len(sessions) == 1


def test_processes_starting_a_new_project_together_make_one(tmp_path: Path) -> None:
    procs = [start(tmp_path, "credits") for _ in range(4)]
    for proc in procs:
        assert "Credits:" in finish(proc)
    with contextlib.closing(sqlite3.connect(data_dir(tmp_path) / "accounts.db")) as db:
        [(users,)] = db.execute("SELECT COUNT(*) FROM users").fetchall()
    assert users == 1  # one client id, so one account
    assert len(list((data_dir(tmp_path) / "sessions").glob("*.json"))) == 1


def test_an_edit_during_an_export_neither_renders_again_nor_fails_the_render(
        tmp_path: Path) -> None:
    say(tmp_path, GENERATE)
    server = shared.read_info(data_dir(tmp_path))
    exporter = start(tmp_path, "export it")
    wait_for(lambda: any(job["status"] in ("pending", "processing")
                         for job in render_jobs(tmp_path)))
    editor = start(tmp_path, "add captions 'Late'")
    edited, exported = finish(editor), finish(exporter)

    assert "Video ready" in exported
    assert "Video ready" not in edited
    [job] = render_jobs(tmp_path)
    assert job["status"] == "completed"
    [video] = (tmp_path / "videos").iterdir()
    assert probe(video).duration == pytest.approx(2.0, abs=0.2)
    assert shared.read_info(data_dir(tmp_path)) == server  # the same server throughout
    assert "Late" in say(tmp_path, "status")


def test_a_crashed_server_is_replaced_and_the_project_goes_on(tmp_path: Path) -> None:
    say(tmp_path, GENERATE)
    crashed = shared.read_info(data_dir(tmp_path))
    assert crashed is not None
    os.kill(crashed.pid, signal.SIGKILL)
    status = say(tmp_path, "status")
    assert "Timeline (3 tracks)" in status  # the project survived on disk
    fresh = shared.read_info(data_dir(tmp_path))
    assert fresh is not None
    assert fresh.pid != crashed.pid


async def test_an_mcp_server_and_say_share_the_project(tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            made, _ = await host.call("send_message", {"text": GENERATE})
            assert made.isError is False, text_of(made)
            served_by = shared.read_info(data_dir(tmp_path))
            status = await anyio.to_thread.run_sync(say, tmp_path, "status")
            assert "Timeline (3 tracks)" in status
            await anyio.to_thread.run_sync(say, tmp_path, "add captions 'From the CLI'")
            timeline, _ = await host.call("get_timeline")
            assert "From the CLI" in text_of(timeline)
            assert shared.read_info(data_dir(tmp_path)) == served_by


def test_without_the_local_extra_the_reply_says_what_to_install(tmp_path: Path) -> None:
    # A starlette that cannot be imported, as when the 'local' extra is not installed: the
    # server cannot start, and the user is told why (the client never needed starlette).
    fake = tmp_path / "site" / "starlette"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'starlette'\", name='starlette')\n")
    env = {**env_for(tmp_path), "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-m", "skill.cli", "--local", "say", "credits"],
                          env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=DEADLINE, check=False)
    assert done.returncode == 4, done.stderr
    assert "the local backend needs the 'local' extra (starlette is missing)" in done.stderr
    assert "Traceback" not in done.stderr
    assert shared.read_info(data_dir(tmp_path)) is None


def test_a_backend_that_cannot_start_is_one_clear_error_line(tmp_path: Path) -> None:
    data = data_dir(tmp_path)
    data.mkdir(parents=True, mode=0o700)
    (data / "accounts.db").mkdir()  # the server cannot open its accounts
    done = subprocess.run([sys.executable, "-m", "skill.cli", "--local", "say", "credits"],
                          env=env_for(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                          timeout=DEADLINE, check=False)
    assert done.returncode == 5, done.stderr
    assert done.stderr.startswith("error: the local backend could not start: "), done.stderr
    assert str(data / "server.log") in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert shared.read_info(data) is None


CHILD = ("import json, sys; from skill.cli.main import main; code = main(sys.argv[1:]); "
         "print(json.dumps(sorted(sys.modules)), file=sys.stderr); "
         "sys.exit(code)")


def test_a_message_to_a_running_backend_imports_no_server_and_no_yaml(tmp_path: Path) -> None:
    say(tmp_path, "credits")  # the backend runs and the parsed data is cached now
    done = subprocess.run([sys.executable, "-c", CHILD, "--local", "say", "credits"],
                          env=env_for(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                          timeout=DEADLINE, check=False)
    assert done.returncode == 0, done.stderr
    assert "Credits:" in done.stdout
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    loaded = {m.split(".")[0] for m in modules}
    heavy = {"yaml", "rapidfuzz", "starlette", "uvicorn", "click", "pygments", "rich",
             "multipart", "python_multipart", "PIL", "numpy", "mcp"}
    assert loaded & heavy == set()
    # Nor what only other messages need: the agent's stream events, the batch phrases, the
    # failure wording (nothing failed), the other commands' modules.
    unneeded = {"backend.events", "backend.chat", "skill.conversation.batch",
                "skill.conversation.failures", "skill.cli.commands.chat",
                "skill.cli.commands.serve_local", "skill.cli.commands.mcp"}
    assert modules & unneeded == set()


def upgrade(tmp_path: Path) -> shared.ServerInfo:
    """What upgrading the package leaves: a running server that recorded other code."""
    info = shared.read_info(data_dir(tmp_path))
    assert info is not None
    shared.publish(data_dir(tmp_path), dataclasses.replace(info, code="0.0.9+0123456789abcdef"))
    return info


def test_after_an_upgrade_the_next_message_is_answered_by_the_installed_code(
        tmp_path: Path) -> None:
    say(tmp_path, GENERATE)
    old = upgrade(tmp_path)
    proc = start(tmp_path, "status")
    out, err = proc.communicate(timeout=DEADLINE)
    assert proc.returncode == 0, err
    assert "Timeline (3 tracks)" in out  # the project survived the restart
    assert err == ""
    new = shared.read_info(data_dir(tmp_path))
    assert new is not None
    assert new.pid != old.pid
    assert new.code == code_identity()


def test_an_export_running_during_an_upgrade_finishes_and_the_user_is_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ffmpeg waits for a gate, so that the render is surely running when the upgrade comes.
    gate = gated_ffmpeg(tmp_path, monkeypatch)
    say(tmp_path, GENERATE)
    exporter = start(tmp_path, "export it")
    wait_for(lambda: any(job["status"] == "processing" for job in render_jobs(tmp_path)))
    old = upgrade(tmp_path)
    during = start(tmp_path, "credits")
    out, err = during.communicate(timeout=DEADLINE)
    assert during.returncode == 0, err
    assert "Credits:" in out
    assert err.startswith("note: the local backend still runs the code installed before")
    gate.touch()
    assert "Video ready" in finish(exporter)
    [job] = render_jobs(tmp_path)
    assert job["status"] == "completed"
    [video] = (tmp_path / "videos").iterdir()
    assert probe(video).duration == pytest.approx(2.0, abs=0.2)
    # Its work done, the old server leaves; the next message starts one of the installed code.
    assert "Timeline (3 tracks)" in say(tmp_path, "status")
    new = shared.read_info(data_dir(tmp_path))
    assert new is not None
    assert new.pid != old.pid
    assert new.code == code_identity()


async def test_an_mcp_server_follows_its_backend_replaced_after_an_upgrade(
        tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            made, _ = await host.call("send_message", {"text": GENERATE})
            assert made.isError is False, text_of(made)
            old = upgrade(tmp_path)
            # A message of the installed code replaces the server the MCP server uses...
            status = await anyio.to_thread.run_sync(say, tmp_path, "status")
            assert "Timeline (3 tracks)" in status
            replaced = shared.read_info(data_dir(tmp_path))
            assert replaced is not None
            assert replaced.pid != old.pid
            # ...and the MCP server's next call is answered by the new one.
            timeline, _ = await host.call("get_timeline")
            assert timeline.isError is False, text_of(timeline)
            assert "Timeline (3 tracks)" in text_of(timeline)
            assert shared.read_info(data_dir(tmp_path)) == replaced
