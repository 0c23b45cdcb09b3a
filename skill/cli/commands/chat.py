"""``nemoskill chat``: an interactive conversation in the terminal."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext, add_out_dir, defer_httpx_cli


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "chat", help="talk to the video assistant interactively (Ctrl-D to leave)",
        description="An interactive conversation with line editing and history: type messages, "
                    "'/attach FILE…' sends files, '/new' starts a new project, '/help' lists "
                    "the commands; Ctrl-C cancels what is running, Ctrl-D leaves. The project "
                    "persists like with 'say'.")
    add_out_dir(parser)
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    ctx.begin_local()  # first: a local backend that must start does so during our imports
    ctx.begin_remote()  # or the cloud's TLS roots are read meanwhile
    defer_httpx_cli()
    from skill.cli.session import interactive

    return interactive(ctx)
