"""``nemoskill say TEXT``: one user message in, the reply out (for skill hosts)."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext, add_out_dir


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "say", help="send one message and print the reply (hosts call this per user message)",
        description="Send one user message to the video assistant and print its reply. "
                    "The project (session) persists between calls.")
    parser.add_argument("text", help="the user's message, unchanged")
    parser.add_argument("--attach", action="append", default=[], metavar="FILE|URL",
                        help="a file or link the user sent (repeatable)")
    parser.add_argument("--export", metavar="PATH",
                        help="after the message, export the project's video to PATH")
    add_out_dir(parser)
    parser.add_argument("--json", action="store_true",
                        help="print every reply event as one JSON object per line")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    import asyncio
    from pathlib import Path

    from skill.cli.session import run_messages

    args = ctx.args
    export_to = Path(args.export).expanduser().resolve() if args.export else None
    return asyncio.run(run_messages(ctx, [(args.text, tuple(args.attach))],
                                    json_lines=args.json, export_to=export_to))
