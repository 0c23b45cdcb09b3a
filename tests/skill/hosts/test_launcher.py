"""``scripts/nemoskill``, the launcher the SKILL.md bodies call, as a host's model calls it.

Hosts never substitute ``{baseDir}``: the model writes the folder literally, with ``~``, or
runs the launcher from inside the folder. Each form must reach the installed folder's runtime
and create nothing in the user's working directory. The folder's ``.venv`` is a link to the
test's own environment, so no package index is needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skill.hosts.install import install
from skill.identity import bundled_root

ROOT = bundled_root()


@pytest.fixture
def installed(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    result = install(host="openclaw", scope="user", source=ROOT, skill_md=ROOT / "SKILL.md",
                     home=home, project=tmp_path, env={},
                     python=Path(sys.executable).absolute(), prepare_env=False)
    (result.path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return home, result.path


def run(command: str, *, home: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", **env}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=environ, capture_output=True,
                          text=True, timeout=60, check=False)


def info(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("form", ["absolute", "tilde", "inside", "inside-dot"])
def test_every_way_a_model_writes_the_path_reaches_the_installed_skill(
        installed: tuple[Path, Path], tmp_path: Path, form: str) -> None:
    home, folder = installed
    work = tmp_path / "workspace"
    work.mkdir()
    command, cwd = {
        "absolute": (f"'{folder}/scripts/nemoskill' skill info --json", work),
        "tilde": ("~/.openclaw/skills/nemovideo/scripts/nemoskill skill info --json", work),
        "inside": ("scripts/nemoskill skill info --json", folder),
        "inside-dot": ("cd ~/.openclaw/skills/nemovideo && ./scripts/nemoskill skill info --json",
                       work),
    }[form]
    data = info(run(command, home=home, cwd=cwd))
    assert data["path"] == str(folder.resolve() / "SKILL.md")
    assert data["platform"] == "clawhub"
    assert list(work.iterdir()) == []  # no stray ./~/ folder or anything else


def test_a_symlinked_skill_folder_still_finds_its_runtime(installed: tuple[Path, Path],
                                                          tmp_path: Path) -> None:
    home, folder = installed
    link = tmp_path / "linked-skill"
    link.symlink_to(folder, target_is_directory=True)
    data = info(run(f"'{link}/scripts/nemoskill' skill info --json", home=home, cwd=tmp_path))
    assert data["name"] == "nemovideo"


def test_nemo_local_reaches_the_runtime_through_the_launcher(installed: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    home, folder = installed
    done = run(f"'{folder}/scripts/nemoskill' skill info --json", home=home, cwd=tmp_path,
               NEMO_LOCAL="1")
    assert info(done)["api_url"] == "local"


def test_a_failed_first_set_up_says_what_to_do_and_leaves_no_half_environment(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    home, folder = installed
    (folder / ".venv").unlink()
    fake = tmp_path / "bin" / "python3"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    done = run(f"'{folder}/scripts/nemoskill' say hello", home=home, cwd=tmp_path,
               NEMOSKILL_PYTHON=str(fake))
    assert done.returncode == 4
    assert "could not create the environment" in done.stderr
    assert "run this command again" in done.stderr
    assert not (folder / ".venv").exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".venv")]
