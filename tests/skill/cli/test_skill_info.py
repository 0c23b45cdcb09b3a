"""The CLI skeleton as a user sees it: output streams and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend.session_store import LOCAL_STORE_KEY, SessionStore
from skill import __version__
from skill.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["free-generator-to", "free-video-generation-ai-model"])
def test_skill_info_json_for_variants(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run(capsys, "--skill", name, "skill", "info", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["headers"]["X-Skill-Source"] == name
    assert info["headers"]["X-Skill-Version"] == "1.0.0"
    assert info["name"] == name
    assert info["platform"] == "unknown"


def test_skill_info_text_never_shows_the_token(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_TOKEN", "nmv_usr_topsecret")
    code, out, err = run(capsys, "skill", "info")
    assert code == 0
    assert "nemovideo" in out
    assert "from NEMO_TOKEN" in out
    assert "topsecret" not in out + err


def test_skill_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "skill", "list", "--json")
    assert code == 0
    assert {r["name"] for r in json.loads(out)} == {
        "nemovideo", "free-generator-to", "free-video-generation-ai-model"}


def test_broken_skill_is_exit_3_with_one_line_and_no_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "SKILL.md").write_text("---\nname: Bad Name\ndescription: x\n---\n")
    code, out, err = run(capsys, "--skill", str(tmp_path), "skill", "info")
    assert code == 3
    assert out == ""
    assert err.startswith("error: ")
    assert "field 'name'" in err
    assert "Traceback" not in err


def test_bad_config_is_exit_4(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEMO_PLATFORM", "vscode")
    code, _, err = run(capsys, "skill", "info")
    assert code == 4
    assert "NEMO_PLATFORM" in err


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "no-such-command")[0] == 2
    assert run(capsys)[0] == 2  # no command: help on stderr


def test_version_and_help_through_the_console_script() -> None:
    # The installed entry point, as a host runs it.
    exe = Path(sys.executable).with_name("nemoskill")
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"nemoskill {__version__}"
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "Exit codes" in done.stdout


@pytest.mark.parametrize("how", ["--local", "NEMO_LOCAL=1"])
def test_skill_info_shows_the_local_projects_claim_link_however_local_was_chosen(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        how: str) -> None:
    # What an export on the local backend leaves in the store (backend.claim): `skill info`
    # right after it shows that link, also when hosts turn local on with NEMO_LOCAL=1.
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    url = "http://127.0.0.1:40000/workspace/claim?ct=clm_abc"
    store = SessionStore(tmp_path / "config", skill="nemovideo", api_base=LOCAL_STORE_KEY)
    store.update(session_id="s-1", claim={"url": url, "session_id": "s-1",
                                          "expires_at": time.time() + 7 * 86400})
    options = ["--local"] if how == "--local" else []
    if how != "--local":
        monkeypatch.setenv("NEMO_LOCAL", "1")
    code, out, _ = run(capsys, *options, "skill", "info")
    assert code == 0
    assert f"claim link   {url}" in out.splitlines()

    store.update(claim=None)
    code, out, _ = run(capsys, *options, "skill", "info")
    assert ("claim link   none for this project yet (it comes with the next exported video)"
            in out.splitlines())


def test_skill_info_before_any_project(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    code, out, _ = run(capsys, "--local", "skill", "info")
    assert code == 0
    assert "claim link   none yet (it comes with the first video)" in out.splitlines()
