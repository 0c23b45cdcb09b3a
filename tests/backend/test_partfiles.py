from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from backend.partfiles import PART_PATTERN, clean_partial_downloads, open_part

OLD = 3600.0


def leftover(folder: Path, name: str = "out.mp4") -> Path:
    """A partial file as a killed download leaves it: our name, no lock, an hour old."""
    fd, path = open_part(folder / name)
    os.close(fd)  # closing drops the lock, as the death of its process would
    os.utime(path, (time.time() - OLD, time.time() - OLD))
    return path


def test_a_crash_leftover_is_removed(tmp_path: Path) -> None:
    path = leftover(tmp_path)
    assert PART_PATTERN.match(path.name)
    assert clean_partial_downloads(tmp_path) == 1
    assert not path.exists()


def test_a_download_in_progress_is_never_touched(tmp_path: Path) -> None:
    fd, path = open_part(tmp_path / "out.mp4")
    try:
        os.utime(path, (time.time() - OLD, time.time() - OLD))
        assert clean_partial_downloads(tmp_path) == 0
        assert path.exists()
    finally:
        os.close(fd)


def test_a_download_held_by_another_process_is_kept_until_that_process_dies(
        tmp_path: Path) -> None:
    path = leftover(tmp_path)
    with subprocess.Popen(
            [sys.executable, "-c",
             "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
             "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()",
             str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        assert clean_partial_downloads(tmp_path) == 0
        assert path.exists()
        holder.kill()  # SIGKILL: the lock dies with the process
        holder.wait(10)
    assert clean_partial_downloads(tmp_path) == 1
    assert not path.exists()


def test_a_file_just_created_is_left_alone(tmp_path: Path) -> None:
    fd, _ = open_part(tmp_path / "out.mp4")
    os.close(fd)
    assert clean_partial_downloads(tmp_path) == 0  # it may not be locked yet
    assert clean_partial_downloads(tmp_path, now=lambda: time.time() + OLD) == 1


def test_only_our_own_files_are_ever_removed(tmp_path: Path) -> None:
    users = [".out.mp4.part", "out.mp4.part", ".nemovideo-xyz.out.mp4.part",
             ".nemovideo-0123456789abcdef.out.mp4", "nemovideo-0123456789abcdef.out.mp4.part"]
    for name in users:
        (tmp_path / name).write_bytes(b"mine")
        os.utime(tmp_path / name, (time.time() - OLD, time.time() - OLD))
    (tmp_path / ".nemovideo-0123456789abcdef.dir.part").mkdir()
    target = tmp_path / "elsewhere.mp4"
    target.write_bytes(b"keep")
    (tmp_path / ".nemovideo-fedcba9876543210.link.part").symlink_to(target)
    ours = leftover(tmp_path)
    assert clean_partial_downloads(tmp_path) == 1
    assert not ours.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*users, ".nemovideo-0123456789abcdef.dir.part", "elsewhere.mp4",
         ".nemovideo-fedcba9876543210.link.part"])
    assert target.read_bytes() == b"keep"


def test_a_missing_folder_has_nothing_to_clean(tmp_path: Path) -> None:
    assert clean_partial_downloads(tmp_path / "nope") == 0
