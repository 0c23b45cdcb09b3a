"""Serve the MCP server on stdin/stdout, with stdout kept for the protocol alone.

A stray ``print``, a library's console output or a child process (ffmpeg) inheriting file
descriptor 1 would corrupt the JSON-RPC stream, so the protocol writes to a private copy of
that descriptor and descriptor 1 itself (and ``sys.stdout``) is pointed at stderr meanwhile.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping
from typing import BinaryIO

import anyio
from mcp.server.stdio import stdio_server

from skill import __version__
from skill.config import Config
from skill.conversation.runtime import RuntimeOptions, open_conversation
from skill.identity import Identity
from skill.mcp_server.export_path import export_roots_from_env
from skill.mcp_server.server import NemoMcpServer, call_limit_from_env

__all__ = ["protocol_stdout", "serve", "serve_stdio"]


@contextlib.contextmanager
def protocol_stdout() -> Iterator[BinaryIO]:
    """Yield a binary stream on the process's original stdout; until exit, everything else
    written to stdout (descriptor 1 or ``sys.stdout``) goes to stderr."""
    sys.stdout.flush()
    original = os.dup(1)
    saved_stdout = sys.stdout
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        with os.fdopen(os.dup(original), "wb") as protocol:
            yield protocol
    finally:
        sys.stdout = saved_stdout
        os.dup2(original, 1)
        os.close(original)


async def serve_stdio(server: NemoMcpServer) -> None:
    """Serve one client on stdin/stdout until stdin closes."""
    with protocol_stdout() as protocol:
        # UTF-8 whatever the locale says: the protocol is UTF-8 JSON, one message per line.
        stdin = anyio.wrap_file(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8",
                                                 errors="replace"))
        stdout = anyio.wrap_file(io.TextIOWrapper(protocol, encoding="utf-8", newline="\n"))
        async with stdio_server(stdin, stdout) as (read_stream, write_stream):
            await server.run(read_stream, write_stream)


async def serve(config: Config, identity: Identity, options: RuntimeOptions,
                env: Mapping[str, str] | None = None) -> None:
    """Open the conversation (starting the local backend with ``options.local``), serve one
    client on stdin/stdout until stdin closes, then close the conversation.

    Raises ``NemoError`` when the conversation cannot be opened; nothing has been written to
    stdout then.
    """
    async with open_conversation(config, identity, options, env) as conversation:
        environ = os.environ if env is None else env
        server = NemoMcpServer(conversation, name=identity.skill.name, version=__version__,
                               call_limit=call_limit_from_env(environ),
                               export_roots=export_roots_from_env(environ))
        await serve_stdio(server)
