"""``nemoskill doctor`` as a user runs it after an install: what is checked, what to fix."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.cli.main import main
from skill.hosts import doctor as doctor_checks


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
        "✓ python", "✓ packages", "✓ local extra", "✓ mcp extra", "✓ skill", "· router",
        "✓ config dir", "✓ ffmpeg", "✓ font"]
    # The tests route with the plain modules (tests/conftest.py): a fact, not a problem.
    assert "· router: plain Python (NEMO_ROUTER_PURE is set)\n" in out
    assert lines[-1] == "all good: the local backend works offline"


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


def test_the_api_check_reaches_the_server(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    with LocalBackend.start(tmp_path / "backend") as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        code, out = doctor(capsys, "--json")
        assert code == 0, out
        report = json.loads(out)
        api = next(c for c in report["checks"] if c["name"] == "api")
        assert api["ok"] is True
        assert report["summary"] == "all good: the cloud API answers; --local works offline too"
        assert lb.requests.count("run_sse") == 0


def test_offline_with_the_local_extra_is_no_problem_and_shows_ffmpeg(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The README's main install on a machine without the cloud: plain `doctor` shows where
    # ffmpeg is and says to use --local, with no false alarm.
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9")
    code, out = doctor(capsys)
    assert code == 0, out
    assert "✗" not in out
    assert re.search(r"^✓ ffmpeg: /\S*ffmpeg\S*: ffmpeg version", out, re.MULTILINE), out
    assert "! api: 127.0.0.1:9 not reachable" in out
    assert "fix: this machine works offline: pass --local before the command" in out
    assert out.splitlines()[-1] == ("all good for offline use: the cloud API is not reachable "
                                    "from here, so pass --local before the command (or set "
                                    "NEMO_LOCAL=1)")


def _without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``doctor`` see ``modules`` as not installed (this environment has every extra)."""
    real = doctor_checks._missing
    monkeypatch.setattr(doctor_checks, "_missing",
                        lambda names: [m for m in names if m in modules] + real(names))


def test_a_cloud_only_install_needs_the_cloud(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9")
    _without(monkeypatch, "imageio_ffmpeg", "mcp")
    code, out = doctor(capsys)
    assert code == 4
    assert "✗ api: 127.0.0.1:9 not reachable" in out
    assert "NEMO_LOCAL=1" in out
    assert "ffmpeg:" not in out  # not installed, so not checked
    assert "· local extra: not installed (only the offline backend, --local, needs it)" in out
    assert out.splitlines()[-1] == "1 problem to fix"


def test_a_missing_mcp_extra_is_a_fact_not_a_problem(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    _without(monkeypatch, "mcp")
    code, out = doctor(capsys, "--local")
    assert code == 0, out
    assert ("· mcp extra: not installed (only MCP hosts need it: Cursor, Claude Desktop, "
            "Claude Code)") in out
    assert "    to add it: " in out
    assert "[mcp]" in out
    assert out.splitlines()[-1] == "all good: the local backend works offline"


def test_an_uncompiled_router_says_how_to_compile_it(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from router import native

    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(native, "_state", "pure: not built")
    code, out = doctor(capsys, "--local")
    assert code == 0, out
    assert "· router: plain Python (not built)\n" in out
    assert f"    to add it: {sys.executable} -m pip install -e '" in out
    assert f"[native]', then {sys.executable} -m router.compile build (about 0.6 of the " \
        "time a message, for the MCP server)" in out
    assert out.splitlines()[-1] == "all good: the local backend works offline"


def test_an_mcp_the_server_cannot_use_is_reported(tmp_path: Path) -> None:
    # Trial 14: an install put the newest mcp (another major version) into the skill's
    # environment; `import mcp` worked, the server died at start, and doctor said "all
    # present". An mcp package without what the server imports stands in for it here, first
    # on the path of a doctor run as a user runs it.
    fake = tmp_path / "site"
    for module, body in (("mcp/__init__.py", ""), ("mcp/types.py", ""),
                         ("mcp/server/__init__.py", ""),
                         ("mcp/server/lowlevel.py", "class Server: ...\n"),
                         ("mcp/server/session.py", "class ServerSession: ...\n"),
                         ("mcp/shared/__init__.py", ""), ("mcp/shared/context.py", "")):
        (fake / module).parent.mkdir(parents=True, exist_ok=True)
        (fake / module).write_text(body, encoding="utf-8")
    root = Path(__file__).resolve().parents[3]
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "NEMO_CONFIG_DIR": str(tmp_path / "config"),
           "PYTHONPATH": f"{fake}{os.pathsep}{root}"}
    done = subprocess.run([sys.executable, "-m", "skill.cli", "--local", "doctor"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    line = next(x for x in done.stdout.splitlines() if "mcp extra" in x)
    assert line.startswith("! mcp extra: installed, but the MCP server cannot load it ("), line
    assert "RequestContext" in line
    assert str(fake) not in done.stdout  # the reason, not the file's path
    assert "[mcp]" in done.stdout  # how to put the right version back
