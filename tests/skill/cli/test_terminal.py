"""Nothing the service sends can drive the user's terminal: escape sequences and control
characters are stripped from every printed line, and escaped in JSON output."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.errors import ServerError
from skill.cli import session
from skill.cli.context import CliContext
from skill.cli.main import _failed, main
from skill.cli.terminal import json_safe, printable
from skill.conversation.runtime import RuntimeOptions
from tests.backend.hostile import HostileServer, hostile_server
from tests.skill.conversation.conftest import FAST

ROOT = Path(__file__).resolve().parents[3]
HOSTILE_TEXT = ("\x1b[2J\x1b[H\x1b]0;owned\x07Your video\x1b[31m is\x9b1m ready.\x1b[0m"
                "\r\x08\x07\x00 Next?\tYes\nbye\x1bc\x90secret\x9c\x7f")


@pytest.mark.parametrize(("raw", "shown"), [
    (HOSTILE_TEXT, "Your video is ready. Next?\tYes\nbye"),
    ("plain 视频 🎬 text\n", "plain 视频 🎬 text\n"),
    ("title\x1b]2;x\x1b\\ok", "titleok"),
    ("cut \x1b]0;never ends", "cut "),
    ("lone escape at the end\x1b", "lone escape at the end"),
    ("C1 \x85next \x9b?25l", "C1 next "),
])
def test_printable_strips_sequences_and_controls(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_json_output_escapes_what_json_leaves_raw() -> None:
    line = json.dumps({"text": HOSTILE_TEXT}, ensure_ascii=False)
    safe = json_safe(line)
    assert json.loads(safe) == {"text": HOSTILE_TEXT}  # same value
    assert not any(0x7f <= ord(c) <= 0x9f or ord(c) < 0x20 for c in safe)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HostileServer]:
    with hostile_server() as srv:
        monkeypatch.setenv("NEMO_API_URL", srv.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        yield srv


def agent_says(server: HostileServer, text: str) -> None:
    server.chat_lines = ["data: " + json.dumps({"type": "text", "content": text}), ""]


def test_an_agent_reply_with_escape_sequences_prints_clean(
        server: HostileServer, capsys: pytest.CaptureFixture[str]) -> None:
    agent_says(server, HOSTILE_TEXT)
    code = main(["say", "make it blue"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == "Your video is ready. Next?\tYes\nbye\n"
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in out + err)


def test_json_lines_carry_the_reply_escaped(server: HostileServer,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    agent_says(server, "ok\x1b]0;owned\x07 \x9b2J done")
    assert main(["say", "make it blue", "--json"]) == 0
    out = capsys.readouterr().out
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f for c in out)
    texts = [event["text"] for event in map(json.loads, out.splitlines())
             if event["kind"] == "text"]
    assert texts == ["ok\x1b]0;owned\x07 \x9b2J done"]


def test_a_failure_and_its_debug_traceback_print_clean(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    ctx = CliContext(argparse.Namespace(), env={})
    with pytest.raises(ServerError) as caught:
        raise ServerError("the service said \x1b[2J\x1b]0;owned\x07boom")
    assert _failed(caught.value, ctx, debug=True) == 11
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "error: the service said boom" in err
    assert "\x1b" not in err
    assert "\x07" not in err


def test_log_lines_quoting_the_stream_print_clean(server: HostileServer, tmp_path: Path
                                                  ) -> None:
    # A real process: Python's fallback log output (no logging configured) reaches stderr.
    server.chat_lines = ["garbage \x1b]0;owned\x07\x1b[2J line", "",
                         'data: {"type":"text","content":"Done."}', ""]
    env = {"HOME": str(tmp_path / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "NEMO_API_URL": server.url, "NEMO_CONFIG_DIR": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "skill.cli", "say", "make it blue"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Done.\n"
    assert "skipped malformed SSE line #1: garbage  line" in done.stderr
    assert "\x1b" not in done.stderr
