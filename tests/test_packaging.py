"""What an install from a wheel holds (``pip install .`` without ``-e``, as a skill folder's
first use does): every data file the packages read, beside their modules. An install missing
router/data/intent.json could not route a single message."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("skill", "router", "backend", "translators")


def _tracked() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to know which files are the project's")
    listed = subprocess.run(["git", "ls-files", "--", *PACKAGES, "pyproject.toml", "README.md"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.split()


def test_a_wheel_holds_every_data_file_of_the_packages(tmp_path: Path) -> None:
    files = _tracked()
    source = tmp_path / "src"
    for name in files:  # a copy, so that the build writes nothing into the checkout
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, check=False, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("*.whl"))
    inside = set(zipfile.ZipFile(wheel).namelist())
    data = [name for name in files if name.startswith(tuple(f"{p}/" for p in PACKAGES))
            and not name.endswith(".py")]
    assert "router/data/intent.json" in data
    assert [name for name in data if name not in inside] == []
    assert [name for name in files if name.endswith(".py") and name not in inside] == []
