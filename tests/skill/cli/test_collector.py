"""The garbage collector is paused while a message starts and back on for what runs long."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.cli import collector


@pytest.fixture
def restored() -> Iterator[None]:
    # The suite's own collector state is put back whatever the test did to it.
    was_enabled = gc.isenabled()
    yield
    collector._paused[0] = False
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_pause_then_resume_turns_it_back_on_with_what_exists_frozen(restored: None) -> None:
    gc.enable()
    collector.pause()
    assert not gc.isenabled()
    before = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > before
    collector.resume()  # idempotent
    assert gc.isenabled()


def test_resume_leaves_a_collector_it_did_not_pause_alone(restored: None) -> None:
    gc.disable()  # e.g. a host embedding the CLI turned it off itself
    collector.pause()
    collector.resume()
    assert not gc.isenabled()


CHILD = """
import atexit, gc, json, sys
from skill.cli.main import entry
atexit.register(lambda: print(json.dumps({"enabled": gc.isenabled(),
                                          "frozen": gc.get_freeze_count()})))
sys.argv = ["nemoskill", *sys.argv[1:]]
entry()  # the console script's own entry point
"""


@pytest.mark.parametrize("argv", [["--local", "say", "credits"], ["route", "export"]])
def test_a_message_turns_it_back_on_once_its_conversation_is_open(
        argv: list[str], isolated_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "NEMO_EXPORT_DIR": str(tmp_path / "videos")}
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    if argv[0] == "route":  # a short command ends with it still off: nothing runs long
        assert (last["enabled"], last["frozen"]) == (False, 0)
    else:  # a conversation may wait minutes for a render: collected as usual, start-up frozen
        assert last["enabled"]
        assert last["frozen"] > 10_000
