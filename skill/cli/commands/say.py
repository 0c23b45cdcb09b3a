"""``nemoskill say TEXT``: one user message in, the reply out (for skill hosts)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from skill.cli.context import CliContext, add_out_dir, defer_httpx_cli

#: The longest message read from stdin, in characters: a host's message, never a file.
STDIN_MAX_CHARS = 100_000


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "say", help="send one message and print the reply (hosts call this per user message)",
        description="Send one user message to the video assistant and print its reply. "
                    "The project (session) persists between calls.")
    parser.add_argument("text", help="the user's message, unchanged; '-' reads it from stdin "
                                     "(a here-document keeps quotes, $ and backticks as typed)")
    parser.add_argument("--attach", action="append", default=[], metavar="FILE|URL",
                        help="a file or link the user sent (repeatable)")
    parser.add_argument("--export", metavar="PATH",
                        help="after the message, export the project's video to PATH (.mp4 is "
                             "added if missing; a folder gets a new file; an existing file "
                             "is kept and the new one gets a -2 suffix)")
    parser.add_argument("--new", action="store_true",
                        help="start a new project (video) before this message; the current "
                             "one and its exported files are left as they are")
    add_out_dir(parser)
    parser.add_argument("--json", action="store_true",
                        help="print every reply event as one JSON object per line")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    ctx.begin_local()  # first: a local backend that must start does so during our imports
    ctx.begin_remote()  # or the cloud's TLS roots are read meanwhile
    defer_httpx_cli()
    import asyncio

    from skill.cli.session import run_messages
    from skill.cli.signals import until_terminated

    args = ctx.args
    if args.text == "-":
        args.text = _read_stdin()
    if not args.text.strip() and not args.attach and not args.new:
        # Nothing to send: say so and how, without a request (a host sent an empty message).
        from translators import messages

        ctx.out.write(messages.render("empty_message", "en") + "\n")
        ctx.out.flush()
        return 2
    from skill.conversation.core import export_target

    export_to = export_target(Path(args.export)) if args.export else None
    return asyncio.run(until_terminated(run_messages(
        ctx, [(args.text, tuple(args.attach))], json_lines=args.json, export_to=export_to,
        new_project=args.new)))


def _read_stdin() -> str:
    """The message a host passed on stdin (``say -``), without the newline that ends a
    here-document."""
    import sys

    from backend.errors import UsageError

    text = sys.stdin.read(STDIN_MAX_CHARS + 1)
    if len(text) > STDIN_MAX_CHARS:
        raise UsageError(f"the message on stdin is longer than {STDIN_MAX_CHARS:,} characters; "
                         "send a shorter one")
    return text[:-1] if text.endswith("\n") else text
