"""``nemoskill [--local] [--skill …] mcp``: serve the MCP tools over stdio for an MCP host."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext, add_out_dir


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "mcp", help="run the MCP server on stdio (MCP hosts such as Cursor start this)",
        description="Serve the video assistant's tools (send_message, upload, export_video, "
                    "get_credits, get_timeline) to an MCP host over stdin/stdout. Stdout "
                    "carries only the protocol; diagnostics go to stderr. Ends when stdin "
                    "closes. `nemoskill install --host cursor` writes the host's entry.")
    add_out_dir(parser)
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    from backend.errors import ConfigError
    from skill.cli import collector

    collector.resume()  # a server: it runs until its host closes stdin

    try:
        import mcp  # noqa: F401
    except ImportError:
        import sys

        from skill.identity import bundled_root

        raise ConfigError(
            "the MCP server needs the 'mcp' extra: "
            f"{sys.executable} -m pip install -e '{bundled_root()}[mcp]'") from None

    import asyncio
    import logging
    from pathlib import Path

    from backend.partfiles import clean_partial_downloads
    from skill.cli.signals import until_terminated
    from skill.cli.terminal import log_formatter
    from skill.conversation.runtime import RuntimeOptions, default_export_dir
    from skill.mcp_server import serve

    handler = logging.StreamHandler(ctx.err)
    handler.setFormatter(log_formatter("nemoskill mcp: %(levelname)s: %(message)s"))
    logging.basicConfig(handlers=[handler],
                        level=logging.DEBUG if ctx.args.debug else logging.WARNING)
    out_dir = ctx.args.out_dir
    options = RuntimeOptions(local=ctx.local,
                             export_dir=Path(out_dir).expanduser().resolve() if out_dir else None)
    # Resolved before serving so that a broken SKILL.md or config fails with its own message.
    config, identity = ctx.config, ctx.identity
    # Hosts end a server by closing its stdin (then SIGTERM, then SIGKILL if it lingers):
    # the end of input cancels running calls and closes the conversation and local backend.
    # SIGTERM cancels the running calls the same way (a partial download is removed) and
    # exits 143; what a SIGKILL left is cleaned here, before serving.
    clean_partial_downloads(options.export_dir or default_export_dir(ctx.env))
    try:
        asyncio.run(until_terminated(serve(config, identity, options, ctx.env)))
    except BaseExceptionGroup as group:
        # The SDK runs its transport in a task group; show the failure, not the group.
        raise _single(group) from None
    return 0


def _single(group: BaseExceptionGroup[Any]) -> BaseException:
    found: BaseException = group
    while isinstance(found, BaseExceptionGroup) and len(found.exceptions) == 1:
        found = found.exceptions[0]
    return found
