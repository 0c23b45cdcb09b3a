"""``nemoskill chat`` and the CLI's behaviour at the edges a terminal user meets."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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


@contextlib.contextmanager
def _ctrl_c_reaches_children() -> Iterator[None]:
    # A shell starts background jobs with Ctrl-C ignored (`pytest … &` in a script), and an
    # ignored signal stays ignored across exec: the chat would never see it, as a user's
    # program started that way would not. A handled one is reset to the default on exec.
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous is signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous)


def test_ctrl_c_at_the_prompt_exits_promptly(tmp_path: Path) -> None:
    with _ctrl_c_reaches_children():
        proc = subprocess.Popen([_exe(), "--local", "chat"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_env(tmp_path))
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 30
    while b"you> " not in seen and time.monotonic() < deadline:
        seen += os.read(proc.stderr.fileno(), 1024)
    assert b"you> " in seen
    proc.send_signal(signal.SIGINT)
    try:
        # No Enter needed. The bound is generous: on a loaded 2-core machine closing the
        # conversation and the interpreter's exit took over 10 s once; a hang still fails.
        code = proc.wait(timeout=45)
    finally:
        proc.kill()
        proc.communicate()
    assert code == 130


def test_a_host_closing_stdout_ends_quietly(tmp_path: Path) -> None:
    # `nemoskill say … | head -c 1`: the pipe closes while we still write. The work is done
    # all the same, so the exit is a success (it was 1, which users read as a failure;
    # test_say_closed_stdout.py checks the work is kept).
    cmd = f"'{_exe()}' --local say 'generate a 2-second video of rain' | head -c 1"
    done = subprocess.run(["bash", "-c", f"{cmd}; echo \"exit=${{PIPESTATUS[0]}}\" >&2"],
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120,
                          check=False)
    assert "exit=0" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_chat_ends_when_its_reader_has_gone(tmp_path: Path) -> None:
    # `yes … | nemoskill chat | head -c 1`: once nobody reads the replies, the chat ends
    # after the turn under way (it went on making edits until killed: on the cloud, spending
    # credits). `timeout` kills it (status 124) if it does not end by itself.
    cmd = (f"yes 'make the title red' | timeout 100 '{_exe()}' --local chat | head -c 1;"
           " echo \"exit=${PIPESTATUS[1]}\" >&2")
    done = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True,
                          env=_env(tmp_path), timeout=150, check=False)
    assert "exit=0" in done.stderr, done.stderr[-2000:]
    assert done.stderr.count("you> ") <= 3, done.stderr[-2000:]
    assert "Traceback" not in done.stderr


def test_chat_commands_help_and_new(tmp_path: Path) -> None:
    lines = "generate a 2-second video of rain\n/help\n/frobnicate\n/new\nstatus\n"
    done = subprocess.run([_exe(), "--local", "chat"], input=lines, capture_output=True,
                          text=True, env=_env(tmp_path), timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "/new [MESSAGE]" in done.stderr  # /help lists the commands, not sent to the agent
    assert "unknown command '/frobnicate'" in done.stderr
    assert "Started a new project" in done.stdout
    assert "timeline is empty" in done.stdout.split("Started a new project")[1]


def test_attach_parsing() -> None:
    assert _parse('/attach a.mp4 "b c.png"') == ("attach", "", ("a.mp4", "b c.png"))
    assert _parse("add music") == ("message", "add music", ())
    assert _parse("/new a video of rain") == ("new", "a video of rain", ())
    assert _parse("/help") == ("help", "", ())
    assert _parse("/nope") == ("unknown", "/nope", ())
    assert _parse("/usr/local/a.mp4 please") == ("message", "/usr/local/a.mp4 please", ())
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


class _Terminal:
    """``nemoskill --local chat`` on a pseudo-terminal, read with deadlines."""

    def __init__(self, tmp_path: Path) -> None:
        env = {**_env(tmp_path), "TERM": "xterm", "INPUTRC": "/dev/null"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the chat
            os.execve(_exe(), [_exe(), "--local", "chat"], env)
        self.seen = ""

    def expect(self, text: str, *, after: int = 0, timeout: float = 90) -> int:
        """Wait until ``text`` appears after position ``after``; return where it ends."""
        deadline = time.monotonic() + timeout
        while (found := self.seen.find(text, after)) < 0:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} not seen; got:\n{self.seen[after:][-2000:]}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                assert chunk, f"{text!r} not seen before the chat ended:\n{self.seen[after:]}"
                self.seen += chunk.decode("utf-8", "replace")
        return found + len(text)

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            with contextlib.suppress(OSError):
                if select.select([self.fd], [], [], 0.5)[0]:
                    os.read(self.fd, 4096)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the chat did not end")


def test_chat_in_a_terminal_edits_lines_keeps_history_and_ctrl_c_cancels(
        tmp_path: Path) -> None:
    term = _Terminal(tmp_path)
    try:
        at = term.expect("you> ")
        term.type("creditx\x7fs\r")  # a typo, erased with Backspace
        at = term.expect("Credits:", after=at)
        at = term.expect("you> ", after=at)
        term.type("\x1b[A\r")  # Up: the previous line again
        at = term.expect("Credits:", after=at)
        at = term.expect("you> ", after=at)
        term.type("/help\r")
        at = term.expect("/new [MESSAGE]", after=at)
        at = term.expect("you> ", after=at)
        term.type("generate a 60-second video of rain on a window\r")
        at = term.expect("Timeline", after=at)
        at = term.expect("you> ", after=at)
        term.type("export\r")
        at = term.expect("0.0%", after=at)  # the render has started (a minute of video)
        term.type("\x03")  # Ctrl-C: cancels the export, not the chat
        at = term.expect("cancelled", after=at)
        at = term.expect("you> ", after=at)
        term.type("credits\r")  # answered at once: the cancelled export is not resumed
        at = term.expect("Credits:", after=at)
        term.expect("you> ", after=at)
        assert "Video ready" not in term.seen
        term.type("\x04")  # Ctrl-D leaves
        assert term.close() == 0
    finally:
        with contextlib.suppress(OSError):
            os.kill(term.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(term.pid, 0)
        os.close(term.fd)


def test_chat_lets_the_user_pick_an_answer(tmp_path: Path) -> None:
    done = subprocess.run([_exe(), "--local", "chat"],
                          input="make a video\nbanana\n1 1 1\nstatus\n",
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "answer [1A-C 2A-C 3A-C | skip]> " in done.stderr
    assert "   A. A city at night" in done.stdout
    assert "“banana” doesn't name one of the options, so nothing was sent yet" in done.stdout
    assert "Video: city at night + 2 more scenes (0-15s)" in done.stdout


@pytest.mark.parametrize(("locale", "greeting"), [
    ("ko_KR.UTF-8", "원하는 영상을 설명해 주세요."),
    ("zh_TW.UTF-8", "描述你想要的影片。"),
    ("C.UTF-8", "Describe the video you want."),
])
def test_chat_greets_in_the_systems_language_before_any_project(
        tmp_path: Path, locale: str, greeting: str) -> None:
    # A Korean user was greeted in English.
    env = {**_env(tmp_path), "LANG": locale}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    done = subprocess.run([_exe(), "--local", "chat"], input="", capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(greeting), done.stderr


def test_chat_greets_in_the_projects_language(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    said = subprocess.run([_exe(), "--local", "say", "猫の2秒の動画を作って"], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert said.returncode == 0, said.stderr
    done = subprocess.run([_exe(), "--local", "chat"], input="", capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "作りたい動画を説明してください。" in done.stderr, done.stderr
