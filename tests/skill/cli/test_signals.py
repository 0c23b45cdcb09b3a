"""Signals during a download, as a host would send them to ``nemoskill say "export"``.

The CLI runs as a real child process against a hostile API on loopback that trickles the
video for ever; the test waits for the partial file to appear, then signals the process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.partfiles import PART_PATTERN
from skill.cli.signals import EXIT_TERMINATED
from tests.backend.hostile import HostileServer, Request, Writer, hostile_server

ROOT = Path(__file__).resolve().parents[3]
WAIT = 30.0  # seconds: the most any step may take before the test fails (never slept)


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        downloading = threading.Event()

        async def endless_video(_req: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "video/mp4", "Content-Length": str(1 << 30)})
            await out.raw(b"\x00" * 65536)
            downloading.set()
            await out.forever(b"\x00" * 1024, every=0.05)

        srv.route("GET", "/video.mp4", endless_video)
        srv.downloading = downloading  # type: ignore[attr-defined]
        yield srv


def environment(server: HostileServer, tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "NEMO_API_URL": server.url, "NEMO_CONFIG_DIR": str(tmp_path / "config"),
            "NEMO_EXPORT_DIR": str(tmp_path / "videos"), "PYTHONPATH": str(ROOT)}


def start_export(server: HostileServer, tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "skill.cli", "say", "export"], cwd=ROOT,
                            env=environment(server, tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def partial_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if PART_PATTERN.match(p.name))


def wait_for_partial_file(server: HostileServer, folder: Path) -> list[str]:
    assert server.downloading.wait(WAIT), "the download never started"  # type: ignore[attr-defined]
    deadline = time.monotonic() + WAIT
    while not partial_files(folder):  # written within moments of the first bytes
        assert time.monotonic() < deadline, "no partial file appeared"
        time.sleep(0.01)
    return partial_files(folder)


def test_sigterm_during_a_download_removes_the_partial_file_and_exits_143(
        server: HostileServer, tmp_path: Path) -> None:
    folder = tmp_path / "videos"
    with start_export(server, tmp_path) as proc:
        wait_for_partial_file(server, folder)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == EXIT_TERMINATED == 143, err
    assert "terminated" in err
    assert "Traceback" not in out + err
    assert list(folder.iterdir()) == []  # no partial file, no half video


def test_a_sigkill_leftover_is_removed_by_the_next_run_and_user_files_are_kept(
        server: HostileServer, tmp_path: Path) -> None:
    folder = tmp_path / "videos"
    with start_export(server, tmp_path) as proc:
        left = wait_for_partial_file(server, folder)
        proc.kill()
        proc.communicate(timeout=WAIT)
    assert partial_files(folder) == left  # SIGKILL cannot be handled: the file stays
    users = [".holiday.mp4.part", "holiday.mp4.part", "clip.mp4"]
    for name in users:
        (folder / name).write_bytes(b"the user's own")
    past = time.time() - 3600  # the crash was a while ago (a fresh file may be in creation)
    for name in [*left, *users]:
        os.utime(folder / name, (past, past))
    server.routes.clear()  # the video is ready now
    done = subprocess.run([sys.executable, "-m", "skill.cli", "say", "credits"], cwd=ROOT,
                          env=environment(server, tmp_path), capture_output=True, text=True,
                          timeout=WAIT, check=False)
    assert done.returncode == 0, done.stderr
    assert "90" in done.stdout
    # The next run removed the leftover, delivered the render the killed run had started,
    # and left every file of the user's alone.
    delivered = sorted(set(p.name for p in folder.iterdir()) - set(users))
    assert len(delivered) == 1, delivered
    assert delivered[0].endswith(".mp4")
    assert (folder / delivered[0]).read_bytes() == server.video
    assert delivered[0] in done.stdout
    assert all((folder / name).read_bytes() == b"the user's own" for name in users)
