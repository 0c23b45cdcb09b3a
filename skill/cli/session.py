"""Run messages through a conversation for the CLI commands (``say``, ``chat``).

Each run first removes partial downloads that an earlier, killed run left in the export
folder (``backend.partfiles``: only our own, only those no running process holds).
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import signal
import sys
from collections.abc import AsyncGenerator, Coroutine, Sequence
from pathlib import Path
from typing import Any

from backend.partfiles import clean_partial_downloads
from skill.cli import collector
from skill.cli.context import CliContext
from skill.cli.render import JsonLines, Plain, Renderer
from skill.cli.signals import until_terminated
from skill.cli.terminal import use_printable_last_resort
from skill.conversation import Conversation
from skill.conversation.runtime import RuntimeOptions, default_export_dir, open_conversation
from skill.replies import Question, Reply
from translators import messages

__all__ = ["interactive", "run_messages"]


def _options(ctx: CliContext) -> RuntimeOptions:
    out_dir = getattr(ctx.args, "out_dir", None)
    return RuntimeOptions(local=ctx.local,
                          export_dir=Path(out_dir).expanduser() if out_dir else None,
                          local_backend=ctx.local_backend, tls_context=ctx.tls_context)


async def run_messages(ctx: CliContext, messages: Sequence[tuple[str, tuple[str, ...]]], *,
                       json_lines: bool = False, export_to: Path | None = None,
                       new_project: bool = False) -> int:
    """Send each message in turn (the first in a new project when ``new_project``); return
    the exit code of the last failure (0 if none)."""
    renderer: Renderer = (JsonLines(ctx.out, ctx.err) if json_lines
                          else Plain(ctx.out, ctx.err, tty=ctx.err.isatty()))
    use_printable_last_resort()
    options = _options(ctx)
    _clean_leftovers(ctx, options, export_to)
    async with open_conversation(ctx.config, ctx.identity, options, ctx.env) as convo:
        collector.resume()  # set up: what follows may wait for a render for minutes
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


def interactive(ctx: CliContext) -> int:
    """Read messages until Ctrl-D; ``/attach PATH …`` sends files, ``/new`` starts a new
    project, ``/help`` lists the commands.

    The prompt is read with ``input()`` on the main thread, outside the event loop: on a
    terminal that gives readline's line editing and history. Each message then runs on the
    loop with Ctrl-C bound to cancelling it (the user is back at the prompt); Ctrl-C at the
    prompt, or Ctrl-D, leaves.
    """
    _line_editing()
    renderer = Plain(ctx.out, ctx.err, tty=ctx.err.isatty())
    use_printable_last_resort()
    options = _options(ctx)
    _clean_leftovers(ctx, options, None)
    loop = asyncio.new_event_loop()
    conversation = open_conversation(ctx.config, ctx.identity, options, ctx.env)
    try:
        convo = loop.run_until_complete(conversation.__aenter__())
        collector.resume()
        try:
            # Greeted in the user's language: the project's, else the system's.
            lang = convo.greeting_language(_locale(ctx.env))
            ctx.diag(messages.render("chat_greeting", lang))
            asked: Question | None = None
            while True:
                # While the assistant waits for a choice, the prompt says so and shows the keys.
                line = _prompt(ctx, _answer_prompt(asked) if asked is not None else "you> ")
                if line is None:
                    break
                replies = _replies_for(ctx, convo, line)
                if replies is not None:
                    seen: list[Question] = []
                    _run_interruptible(ctx, loop, _show(renderer, replies, seen))
                    asked = seen[-1] if seen else None
                if ctx.reader_gone:
                    # Nobody reads the replies any more ("… chat | head -c 1"): the turn
                    # has finished, so stop before the next one makes edits (and, on the
                    # cloud, spends credits) no one sees. Ends as at Ctrl-D.
                    break
        finally:
            loop.run_until_complete(conversation.__aexit__(None, None, None))
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
    ctx.err.write("\n")
    return 0


def _locale(env: dict[str, str]) -> str | None:
    """The system's language setting, in the order the C library reads them."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return env[name]
    return None


def _line_editing() -> None:
    # Importing readline is what turns on line editing and history for input() on a
    # terminal; it is absent on some platforms (then input() still works, unedited).
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401


def _clean_leftovers(ctx: CliContext, options: RuntimeOptions, export_to: Path | None) -> None:
    folders = {options.export_dir or default_export_dir(ctx.env)}
    if export_to is not None:
        folders.add(export_to.parent)
    for folder in folders:
        clean_partial_downloads(folder)


def _prompt(ctx: CliContext, prompt: str) -> str | None:
    """One line from the user, or None at end of input (Ctrl-D)."""
    try:
        if sys.stdin.isatty() and sys.stdout.isatty():
            return input(prompt)  # readline draws (and redraws) the prompt
        ctx.err.write(prompt)
        ctx.err.flush()
        return input()
    except EOFError:
        return None


def _replies_for(ctx: CliContext, convo: Conversation, line: str
                 ) -> AsyncGenerator[Reply, None] | None:
    """What to run for a chat line, or None when it is handled here (help, a bad line)."""
    try:
        command, text, attachments = _parse(line.strip())
    except ValueError as exc:
        ctx.diag(f"{exc}: write /attach FILE [FILE…], quoting names with spaces")
        return None
    if command == "help":
        ctx.diag(CHAT_HELP)
        return None
    if command == "unknown":
        ctx.diag(f"unknown command {text.split()[0]!r}; /help lists the commands")
        return None
    if command == "new" and not text:
        return convo.new_project()
    if not text and not attachments:
        return None
    return convo.send(text, attachments, new_project=command == "new")


async def _show(renderer: Renderer, replies: AsyncGenerator[Reply, None],
                questions: list[Question]) -> None:
    """Show the replies; the agent's questions among them are added to ``questions``."""
    renderer.next_message()
    try:
        async with contextlib.aclosing(replies):
            async for event in replies:
                renderer.show(event)
                if isinstance(event, Question):
                    questions.append(event)
    finally:
        renderer.close()


def _run_interruptible(ctx: CliContext, loop: asyncio.AbstractEventLoop,
                       work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` with Ctrl-C cancelling it (an export is cancelled on the service too);
    SIGTERM cancels it too and ends the chat (``Terminated``, exit 143)."""
    task = loop.create_task(until_terminated(work))
    # Not every loop or thread can take signal handlers: then Ctrl-C ends the chat instead.
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        loop.add_signal_handler(signal.SIGINT, task.cancel)
    try:
        loop.run_until_complete(task)
    except asyncio.CancelledError:
        ctx.diag("cancelled: back at the prompt (Ctrl-C again or Ctrl-D leaves)")
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(signal.SIGINT)


def _answer_prompt(question: Question) -> str:
    """"answer [1A-C 2A-C]> ": which keys pick an option of which question."""
    keys = []
    for number, item in enumerate(question.questions, start=1):
        options = item["options"]
        first, last = options[0]["key"], options[-1]["key"]
        span = f"{first}-{last}" if len(options) > 1 else first
        keys.append(f"{number}{span}" if len(question.questions) > 1 else span)
    return f"answer [{' '.join(keys)} | skip]> "


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
