"""Start-up cost of the CLI: hosts start it once per message, so commands that do not need
the network, templates, fuzzy matching or the servers must not import them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"httpx", "httpx_sse", "jinja2", "rapidfuzz", "starlette", "uvicorn", "mcp", "anyio",
         "numpy", "PIL", "imageio_ffmpeg"}

CHILD = """
import json, sys
from skill.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def loaded_by(argv: list[str], home: Path) -> set[str]:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True,
                          text=True, env=env, cwd=home, check=False)
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last["code"] == 0, done.stderr
    return set(last["modules"])


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_import_no_heavy_module_and_no_yaml(
        argv: list[str], isolated_home: Path) -> None:
    loaded = loaded_by(argv, isolated_home)
    assert "skill" in loaded  # the check ran in a child that imported the CLI
    assert loaded & (HEAVY | {"yaml"}) == set()


@pytest.mark.parametrize("argv", [["skill", "info"],
                                  ["install", "--host", "cursor", "--dry-run"]])
def test_local_commands_import_no_heavy_module(argv: list[str], isolated_home: Path) -> None:
    loaded = loaded_by(argv, isolated_home)
    assert "yaml" in loaded  # they do read SKILL.md
    assert loaded & HEAVY == set()
