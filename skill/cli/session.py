"""Run messages through a conversation for the CLI commands (``say``, ``chat``)."""

from __future__ import annotations

import asyncio
import shlex
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
                       json_lines: bool = False, export_to: Path | None = None) -> int:
    """Send each message in turn; return the exit code of the last failure (0 if none)."""
    renderer: Renderer = (JsonLines(ctx.out, ctx.err) if json_lines
                          else Plain(ctx.out, ctx.err, tty=ctx.err.isatty()))
    async with open_conversation(ctx.config, ctx.identity, _options(ctx), ctx.env) as convo:
        for i, (text, attachments) in enumerate(messages):
            last = i == len(messages) - 1
            async for event in convo.send(text, attachments,
                                          export_to=export_to if last else None):
                renderer.show(event)
    renderer.close()
    return renderer.exit_code


async def interactive(ctx: CliContext) -> int:
    """Read messages from stdin until EOF; ``/attach PATH …`` sends files."""
    renderer = Plain(ctx.out, ctx.err, tty=ctx.err.isatty())
    loop = asyncio.get_running_loop()
    async with open_conversation(ctx.config, ctx.identity, _options(ctx), ctx.env) as convo:
        ctx.diag("Describe the video you want. /attach FILE… sends files; Ctrl-D leaves.")
        while True:
            ctx.err.write("you> ")
            ctx.err.flush()
            line = await loop.run_in_executor(None, _readline)
            if line is None:
                break
            text, attachments = _parse(line.strip())
            if not text and not attachments:
                continue
            async for event in convo.send(text, attachments):
                renderer.show(event)
            renderer.close()
    ctx.err.write("\n")
    return 0


def _readline() -> str | None:
    try:
        return input()
    except EOFError:
        return None


def _parse(line: str) -> tuple[str, tuple[str, ...]]:
    if line.startswith("/attach "):
        return "", tuple(shlex.split(line[len("/attach "):]))
    return line, ()
