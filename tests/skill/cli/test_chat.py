"""``nemoskill chat`` and the CLI's behaviour at the edges a terminal user meets."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skill.cli.render import MAX_REPLY_CHARS, JsonLines, Plain
from skill.cli.session import _parse
from skill.replies import Error, Media, Progress, Text


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
            "NEMO_EXPORT_DIR": str(tmp_path / "videos")}


def _exe() -> str:
    return str(Path(sys.executable).with_name("nemoskill"))


def test_chat_session_reads_messages_until_eof(tmp_path: Path) -> None:
    done = subprocess.run([_exe(), "--local", "chat"], input="credits\n/attach \"oops\nstatus\n",
                          capture_output=True, text=True, env=_env(tmp_path), timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Credits:" in done.stdout
    assert "timeline is empty" in done.stdout  # the bad /attach line did not end the session
    assert "/attach FILE" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_at_the_prompt_exits_promptly(tmp_path: Path) -> None:
    proc = subprocess.Popen([_exe(), "--local", "chat"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path))
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 30
    while b"you> " not in seen and time.monotonic() < deadline:
        seen += os.read(proc.stderr.fileno(), 1024)
    assert b"you> " in seen
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=10)  # no Enter needed
    finally:
        proc.kill()
        proc.communicate()
    assert code == 130


def test_a_host_closing_stdout_ends_quietly(tmp_path: Path) -> None:
    # `nemoskill say … | head -c 1`: the pipe closes while we still write.
    cmd = f"'{_exe()}' --local say 'generate a 2-second video of rain' | head -c 1"
    done = subprocess.run(["bash", "-c", f"{cmd}; echo \"exit=${{PIPESTATUS[0]}}\" >&2"],
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120,
                          check=False)
    assert "exit=1" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_attach_parsing() -> None:
    assert _parse('/attach a.mp4 "b c.png"') == ("", ("a.mp4", "b c.png"))
    assert _parse("add music") == ("add music", ())
    with pytest.raises(ValueError, match="quotation"):
        _parse('/attach "unclosed')


def test_output_is_bounded_per_message_but_errors_and_videos_always_show() -> None:
    out, err = io.StringIO(), io.StringIO()
    plain = Plain(out, err)
    plain.show(Text("x" * (MAX_REPLY_CHARS + 500)))
    plain.show(Text("more text"))
    plain.show(Media(Path("/v.mp4"), "✅ Video ready!"))
    plain.show(Error("You're out of credits.", code=7))
    shown = out.getvalue()
    assert "reply cut" in shown
    assert "more text" not in shown
    assert "Video ready" in shown
    assert "out of credits" in shown
    assert plain.exit_code == 7
    plain.next_message()
    plain.show(Text("next answer"))
    assert "next answer" in out.getvalue()

    lines = io.StringIO()
    jsonl = JsonLines(lines, err)
    for i in range(200):
        jsonl.show(Progress(f"⏳ {i}%", float(i % 100)))
    jsonl.show(Text("y" * (MAX_REPLY_CHARS + 10)))
    jsonl.show(Error("boom", code=11))
    text = lines.getvalue()
    assert text.count('"kind": "progress"') == 200  # progress never uses up the budget
    assert "reply cut" in text
    assert '"kind": "error"' in text


def test_chat_lets_the_user_pick_an_answer(tmp_path: Path) -> None:
    done = subprocess.run([_exe(), "--local", "chat"],
                          input="make a video\nbanana\n1 1 1\nstatus\n",
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "answer [1A-C 2A-C 3A-C | skip]> " in done.stderr
    assert "   A. A city at night" in done.stdout
    assert "couldn't match that" in done.stdout
    assert "Video: city at night — wide shot + 2 more scenes (0-15s)" in done.stdout
