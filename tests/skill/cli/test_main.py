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


EXIT_NOW = """
import atexit, sys, threading
from skill.cli.main import exit_now
atexit.register(lambda: print("atexit ran"))
print("the reply", end=" | ")
print("a diagnostic", file=sys.stderr, end="")
go = threading.Event()
if sys.argv[1] == "worker":  # a non-daemon thread still working: the exit waits for it
    def work():
        go.wait()
        print("worker finished", end=" | ")
    threading.Thread(target=work).start()
go.set()
exit_now(int(sys.argv[2]))
"""


@pytest.mark.parametrize("worker", ["none", "worker"])
@pytest.mark.parametrize("code", [0, 7])
def test_a_quick_exit_keeps_the_output_the_exit_code_and_the_exit_handlers(
        worker: str, code: int) -> None:
    done = subprocess.run([sys.executable, "-c", EXIT_NOW, worker, str(code)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == code
    assert done.stderr == "a diagnostic"
    expected = "the reply | " + ("worker finished | " if worker == "worker" else "")
    assert done.stdout == expected + "atexit ran\n"


def test_the_version_goes_out_whole_through_a_pipe() -> None:
    done = subprocess.run([sys.executable, "-m", "skill.cli", "--version"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("nemoskill ")
    assert done.stdout.endswith("\n")
