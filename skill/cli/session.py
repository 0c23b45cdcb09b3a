"""Run messages through a conversation for the CLI commands (``say``, ``chat``)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from skill.cli.context import CliContext
from skill.cli.render import JsonLines, Plain, Renderer
from skill.conversation.runtime import RuntimeOptions, open_conversation

__all__ = ["interactive", "run_messages"]


def _options(ctx: CliContext) -> RuntimeOptions:
    out_dir = getattr(ctx.args, "out_dir", None)
    return RuntimeOptions(local=bool(ctx.args.local),
                          export_dir=Path(out_dir).expanduser() if out_dir else None)


async def run_messages(ctx: CliContext, messages: Sequence[tuple[str, tuple[str, ...]]], *,
                       json_lines: bool = False, export_to: Path | None = None,
                       new_project: bool = False) -> int:
    """Send each message in turn (the first in a new project when ``new_project``); return
    the exit code of the last failure (0 if none)."""
    renderer: Renderer = (JsonLines(ctx.out, ctx.err) if json_lines
                          else Plain(ctx.out, ctx.err, tty=ctx.err.isatty()))
    async with open_conversation(ctx.config, ctx.identity, _options(ctx), ctx.env) as convo:
        for i, (text, attachments) in enumerate(messages):
            last = i == len(messages) - 1
            renderer.next_message()
            replies = convo.send(text, attachments, export_to=export_to if last else None,
                                 new_project=new_project and i == 0)
            async with contextlib.aclosing(replies):
                async for event in replies:
                    renderer.show(event)
    renderer.close()
    return renderer.exit_code


async def interactive(ctx: CliContext) -> int:
    """Read messages from stdin until EOF; ``/attach PATH …`` sends files."""
    renderer = Plain(ctx.out, ctx.err, tty=ctx.err.isatty())
    async with open_conversation(ctx.config, ctx.identity, _options(ctx), ctx.env) as convo:
        ctx.diag("Describe the video you want. /help lists the commands; Ctrl-D leaves.")
        stdin = _StdinLines(sys.stdin.fileno())
        while True:
            ctx.err.write("you> ")
            ctx.err.flush()
            line = await stdin.readline()
            if line is None:
                break
            try:
                command, text, attachments = _parse(line.strip())
            except ValueError as exc:
                ctx.diag(f"{exc}: write /attach FILE [FILE…], quoting names with spaces")
                continue
            if command == "help":
                ctx.diag(CHAT_HELP)
                continue
            if command == "unknown":
                ctx.diag(f"unknown command {text.split()[0]!r}; /help lists the commands")
                continue
            if command == "new" and not text:
                replies = convo.new_project()
            elif not text and not attachments:
                continue
            else:
                replies = convo.send(text, attachments, new_project=command == "new")
            renderer.next_message()
            async with contextlib.aclosing(replies):
                async for event in replies:
                    renderer.show(event)
            renderer.close()
    ctx.err.write("\n")
    return 0


class _StdinLines:
    """Lines from stdin read through the event loop, so Ctrl-C at the prompt ends at once.

    Neither ``input()`` in an executor (``asyncio.run`` waits for it at exit) nor in a daemon
    thread (it holds stdin's lock, and Python aborts at exit) lets the user leave mid-prompt.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.eof = False

    async def readline(self) -> str | None:
        while b"\n" not in self.buffer and not self.eof:
            await self._readable()
            chunk = os.read(self.fd, 65536)
            self.eof = not chunk
            self.buffer += chunk
        if not self.buffer:
            return None
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", "replace")

    async def _readable(self) -> None:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        try:
            loop.add_reader(self.fd, _settle, ready)
        except (PermissionError, NotImplementedError, ValueError):
            return  # a regular file (never blocks) or a loop without readers
        try:
            await ready
        finally:
            loop.remove_reader(self.fd)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


CHAT_HELP = """Chat commands:
  /attach FILE [FILE…]  send files or links (quote names with spaces)
  /new [MESSAGE]        start a new project (video); the current one is kept as it is
  /help                 show this list
  Ctrl-D                leave
Anything else is a message to the video assistant, e.g. "make a 10-second video of a
sunset", "add a title 'Evening'", "status", "export"."""


def _parse(line: str) -> tuple[str, str, tuple[str, ...]]:
    """A chat line as (command, text, files): ``/attach a.mp4 "b c.png"`` → files,
    ``/new [text]``, ``/help``, another ``/word`` → "unknown"; anything else is a message.
    ``ValueError`` for an unclosed quote."""
    if line == "/attach" or line.startswith("/attach "):
        return "attach", "", tuple(shlex.split(line[len("/attach"):]))
    word, _, rest = line.partition(" ")
    if word in ("/new", "/help"):
        return word[1:], rest.strip(), ()
    if word.startswith("/") and len(word) > 1 and "/" not in word[1:] and word[1:].isalpha():
        return "unknown", line, ()
    return "message", line, ()
