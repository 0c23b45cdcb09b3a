"""``nemoskill --local say … | true``: the reader closes stdout before the reply is written.
The work goes on to its end (the turn made, an export written) and the command exits 0 with
no error: users saw exit status 1 after the video was made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DEADLINE = 180


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "NEMO_CONFIG_DIR": str(tmp_path / "config"),
            "NEMO_EXPORT_DIR": str(tmp_path / "videos")}


def _say_unread(tmp_path: Path, *args: str) -> tuple[int, str]:
    """``say`` with its stdout closed by the reader before anything is written."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone from the start: every write to stdout fails
    try:
        proc = subprocess.Popen([sys.executable, "-m", "skill.cli", "--local", "say", *args],
                                env=_env(tmp_path), cwd=tmp_path, text=True, stdout=write,
                                stderr=subprocess.PIPE)
    finally:
        os.close(write)
    _, err = proc.communicate(timeout=DEADLINE)
    return proc.returncode, err


def _say(tmp_path: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "skill.cli", "--local", "say", *args],
                          env=_env(tmp_path), cwd=tmp_path, capture_output=True, text=True,
                          timeout=DEADLINE, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_closed_stdout_ends_quietly_with_the_work_kept(tmp_path: Path) -> None:
    code, err = _say_unread(tmp_path, "make a 2-second video about rain")
    assert code == 0, err
    for word in ("Error", "error", "Traceback", "Broken pipe", "BrokenPipe"):
        assert word not in err, err
    # The video was made: the next message finds it.
    assert 'Title: "Rain"' in _say(tmp_path, "status")


def test_an_export_asked_is_written_though_nobody_reads(tmp_path: Path) -> None:
    assert "Timeline" in _say(tmp_path, "make a 2-second video about rain")
    out = tmp_path / "rain.mp4"
    code, err = _say_unread(tmp_path, "make the title red", "--export", str(out))
    assert code == 0, err
    assert "Traceback" not in err
    assert out.stat().st_size > 0
    assert "the title in red" in _say(tmp_path, "status")
