"""``nemoskill chat``: an interactive conversation in the terminal."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "chat", help="talk to the video assistant interactively (Ctrl-D to leave)")
    parser.add_argument("--out-dir", metavar="DIR", help="where exported videos go")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    import asyncio

    from skill.cli.session import interactive

    return asyncio.run(interactive(ctx))
