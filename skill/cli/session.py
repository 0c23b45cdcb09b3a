"""Run messages through a conversation for the CLI commands (``say``, ``chat``).

Each run first removes partial downloads that an earlier, killed run left in the export
folder (``backend.partfiles``: only our own, only those no running process holds).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.partfiles import clean_partial_downloads
from skill.cli.context import CliContext
from skill.cli.render import JsonLines, Plain, Renderer
from skill.cli.terminal import use_printable_last_resort
from skill.conversation.runtime import RuntimeOptions, default_export_dir, open_conversation
from skill.replies import Question

__all__ = ["interactive", "run_messages"]


def _options(ctx: CliContext) -> RuntimeOptions:
    out_dir = getattr(ctx.args, "out_dir", None)
    return RuntimeOptions(local=ctx.local,
                          export_dir=Path(out_dir).expanduser() if out_dir else None)


async def run_messages(ctx: CliContext, messages: Sequence[tuple[str, tuple[str, ...]]], *,
                       json_lines: bool = False, export_to: Path | None = None) -> int:
    """Send each message in turn; return the exit code of the last failure (0 if none)."""
    renderer: Renderer = (JsonLines(ctx.out, ctx.err) if json_lines
                          else Plain(ctx.out, ctx.err, tty=ctx.err.isatty()))
    use_printable_last_resort()
    options = _options(ctx)
    _clean_leftovers(ctx, options, export_to)
    async with open_conversation(ctx.config, ctx.identity, options, ctx.env) as convo:
        for i, (text, attachments) in enumerate(messages):
            last = i == len(messages) - 1
            renderer.next_message()
            replies = convo.send(text, attachments, export_to=export_to if last else None)
            async with contextlib.aclosing(replies):
                async for event in replies:
                    renderer.show(event)
    renderer.close()
    return renderer.exit_code


async def interactive(ctx: CliContext) -> int:
    """Read messages from stdin until EOF; ``/attach PATH …`` sends files."""
    renderer = Plain(ctx.out, ctx.err, tty=ctx.err.isatty())
    use_printable_last_resort()
    options = _options(ctx)
    _clean_leftovers(ctx, options, None)
    async with open_conversation(ctx.config, ctx.identity, options, ctx.env) as convo:
        ctx.diag("Describe the video you want. /attach FILE… sends files; Ctrl-D leaves.")
        stdin = _StdinLines(sys.stdin.fileno())
        asked: Question | None = None
        while True:
            # While the assistant waits for a choice, the prompt says so and shows the keys.
            ctx.err.write(_answer_prompt(asked) if asked is not None else "you> ")
            ctx.err.flush()
            line = await stdin.readline()
            if line is None:
                break
            try:
                text, attachments = _parse(line.strip())
            except ValueError as exc:
                ctx.diag(f"{exc}: write /attach FILE [FILE…], quoting names with spaces")
                continue
            if not text and not attachments:
                continue
            renderer.next_message()
            asked = None
            async with contextlib.aclosing(convo.send(text, attachments)) as replies:
                async for event in replies:
                    renderer.show(event)
                    if isinstance(event, Question):
                        asked = event
            renderer.close()
    ctx.err.write("\n")
    return 0


def _clean_leftovers(ctx: CliContext, options: RuntimeOptions, export_to: Path | None) -> None:
    folders = {options.export_dir or default_export_dir(ctx.env)}
    if export_to is not None:
        folders.add(export_to.parent)
    for folder in folders:
        clean_partial_downloads(folder)


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


def _answer_prompt(question: Question) -> str:
    """"answer [1A-C 2A-C]> ": which keys pick an option of which question."""
    keys = []
    for number, item in enumerate(question.questions, start=1):
        options = item["options"]
        first, last = options[0]["key"], options[-1]["key"]
        span = f"{first}-{last}" if len(options) > 1 else first
        keys.append(f"{number}{span}" if len(question.questions) > 1 else span)
    return f"answer [{' '.join(keys)} | skip]> "


def _parse(line: str) -> tuple[str, tuple[str, ...]]:
    """``/attach a.mp4 "b c.png"`` → files; anything else is a message. ``ValueError`` for
    an unclosed quote."""
    if line.startswith("/attach "):
        return "", tuple(shlex.split(line[len("/attach "):]))
    return line, ()
