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


PARSED = """
import json, sys
from skill.cli.main import main
code = main(sys.argv[1:])
commands = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("skill.cli.commands."))
print(json.dumps({"code": code, "commands": commands}))
"""


def test_a_message_builds_only_its_own_command(isolated_home: Path) -> None:
    env = {**os.environ, "HOME": str(isolated_home)}
    done = subprocess.run([sys.executable, "-c", PARSED, "--local", "route", "export"],
                          capture_output=True, text=True, env=env, check=False)
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last == {"code": 0, "commands": ["route"]}, done.stderr


@pytest.mark.parametrize("argv", [
    ["say", "hello", "--attach", "a.png", "--export", "out", "--json"],
    ["--local", "say", "credits", "--new", "--out-dir", "v"],
    ["--skill", "some-variant", "route", "export", "--json"],
    ["--sk", "v", "--lo", "chat"],
    ["serve-local", "--stop"],
    ["uninstall", "--host", "cursor"],
    ["skill", "info"],
    ["say", "--local", "--debug", "status"],
])
def test_the_one_command_parser_reads_what_the_full_one_reads(argv: list[str]) -> None:
    from skill.cli.main import _command_in, build_parser

    command = _command_in(argv)
    assert command is not None
    only = build_parser(command)
    assert vars(only.parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["say"], ["say", "--help"], ["sya", "hi"], ["--help"],
                                  ["route", "x", "--after", "nope"], ["skill-info"],
                                  ["--bogus", "say", "hi"]])
def test_help_and_usage_errors_read_as_with_the_full_parser(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from skill.cli.main import _command_in, build_parser, main

    code = main(argv)
    seen = capsys.readouterr()
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    assert (code, seen.out, seen.err) == (full.value.code, expected.out, expected.err)
    if argv[0] == "say":
        assert _command_in(argv) == "say"


@pytest.mark.parametrize(("argv", "said"), [
    (["say", "export", "--exprot", "x.mp4"], "unrecognized arguments: --exprot x.mp4 "
                                              "(did you mean --export?)"),
    (["--lcoal", "say", "credits"], "unrecognized arguments: --lcoal (did you mean --local?)"),
    (["say", "hi", "--zzz"], "unrecognized arguments: --zzz\n"),
])
def test_a_mistyped_option_gets_the_option_meant(argv: list[str], said: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from skill.cli.main import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err
