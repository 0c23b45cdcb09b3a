"""Atomic private writes: right mode from the first byte, no torn or stray files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from backend.files import atomic_write_bytes, atomic_write_json, read_json


def test_write_is_private_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "state" / "session.json"
    atomic_write_json(target, {"session_id": "s1", "name": "视频"})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert read_json(target) == {"session_id": "s1", "name": "视频"}
    assert [p.name for p in target.parent.iterdir()] == ["session.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "state.json"
    atomic_write_json(target, {"v": 1})

    def boom(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("backend.files.os.replace", boom)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b'{"v": 2}')
    assert read_json(target) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_read_json_treats_missing_and_corrupt_as_absent(tmp_path: Path) -> None:
    assert read_json(tmp_path / "nope.json") is None
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    assert read_json(bad) is None
