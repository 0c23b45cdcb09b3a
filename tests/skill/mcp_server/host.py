"""An MCP host for tests: starts ``python -m skill.cli --local mcp`` as a subprocess and talks
to it with the official MCP client over stdio, recording what arrives."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcp import ClientSession, StdioServerParameters, types
from mcp.client.session import ElicitationFnT
from mcp.client.stdio import stdio_client
from mcp.shared.session import RequestResponder


def server_env(tmp_path: Path) -> dict[str, str]:
    """The server's environment: temporary home, config and export folders, no NEMO_* of
    the developer's (the autouse fixture removed them from ``os.environ``)."""
    home = Path(os.environ["HOME"])
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "NEMO_CONFIG_DIR": str(tmp_path / "config"),
            "NEMO_EXPORT_DIR": str(tmp_path / "videos")}


@dataclass
class Host:
    session: ClientSession
    export_dir: Path
    stderr_path: Path
    #: Anything on the server's stdout that was not a JSON-RPC message.
    garbage: list[Exception] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)

    async def call(self, name: str, arguments: dict[str, Any] | None = None
                   ) -> tuple[types.CallToolResult, list[tuple[float, float | None, str]]]:
        """Call a tool with a progress token; return its result and the progress received."""
        received: list[tuple[float, float | None, str]] = []

        async def on_progress(progress: float, total: float | None,
                              message: str | None) -> None:
            received.append((progress, total, message or ""))

        result = await self.session.call_tool(name, arguments or {},
                                              progress_callback=on_progress)
        return result, received


def text_of(result: types.CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, types.TextContent))


def user_text_of(result: types.CallToolResult) -> str:
    """The text the user reads: without the blocks meant for the host agent alone."""
    return "\n".join(c.text for c in result.content if isinstance(c, types.TextContent)
                     and not (c.annotations and c.annotations.audience == ["assistant"]))


@contextlib.asynccontextmanager
async def mcp_server(tmp_path: Path, *extra_args: str,
                     elicitation: ElicitationFnT | None = None) -> AsyncIterator[Host]:
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "skill.cli", "--local", *extra_args, "mcp"],
        env=server_env(tmp_path), cwd=tmp_path)
    stderr_path = tmp_path / "server-stderr.txt"
    garbage: list[Exception] = []
    logs: list[str] = []

    async def on_message(message: RequestResponder[types.ServerRequest, types.ClientResult]
                         | types.ServerNotification | Exception) -> None:
        if isinstance(message, Exception):
            garbage.append(message)

    async def on_log(params: types.LoggingMessageNotificationParams) -> None:
        logs.append(str(params.data))

    with stderr_path.open("w", encoding="utf-8") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(
                read, write, message_handler=on_message, logging_callback=on_log,
                elicitation_callback=elicitation) as session:
            await session.initialize()
            host = Host(session, tmp_path / "videos", stderr_path, garbage, logs)
            yield host
