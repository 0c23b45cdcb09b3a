"""``nemoskill doctor`` as a user runs it after an install: what is checked, what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.cli.main import main


def doctor(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    options = [a for a in argv if a != "--json"]
    code = main([*options, "doctor", *(["--json"] if "--json" in argv else [])])
    return code, capsys.readouterr().out


def test_a_working_local_install_is_all_good(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    code, out = doctor(capsys, "--local")
    assert code == 0, out
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "✓ python", "✓ packages", "✓ local extra", "✓ mcp extra", "✓ skill", "✓ config dir",
        "✓ ffmpeg", "✓ font"]
    assert lines[-1] == "all good"


def test_an_unwritable_config_dir_says_what_to_set(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(blocker / "config"))
    monkeypatch.setenv("NEMO_LOCAL", "1")
    code, out = doctor(capsys)
    assert code == 4
    assert "✗ config dir" in out
    assert "fix: set NEMO_CONFIG_DIR to a folder you can write" in out
    assert out.splitlines()[-1] == "1 problem to fix"


def test_the_api_check_reaches_the_server_and_suggests_offline_when_it_cannot(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    with LocalBackend.start(tmp_path / "backend") as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        code, out = doctor(capsys, "--json")
        assert code == 0, out
        api = next(c for c in json.loads(out)["checks"] if c["name"] == "api")
        assert api["ok"] is True
        assert lb.requests.count("run_sse") == 0
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9")
    code, out = doctor(capsys)
    assert code == 4
    assert "✗ api: 127.0.0.1:9 not reachable" in out
    assert "NEMO_LOCAL=1" in out
