"""The MCP server: five tools over one conversation (one project per server process).

Each tool call maps to one conversation call; calls are serialised so that two at once cannot
interleave their messages in the project. Progress goes out as notifications while it runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Mapping
from pathlib import Path
from typing import Any

from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.session import ServerSession
from mcp.shared.context import RequestContext
from mcp.shared.message import SessionMessage

from backend.errors import redact
from skill.conversation import Conversation
from skill.mcp_server.elicit import answer_text, can_elicit, form_schema
from skill.mcp_server.outcome import ToolOutcome
from skill.mcp_server.tools import ToolTable, load_tools
from skill.replies import Reply

__all__ = ["NemoMcpServer"]

log = logging.getLogger("skill.mcp_server")

#: Forms shown in one tool call at most (an agent asking again and again ends up in the result).
_MAX_FORMS = 3

_LEVELS: tuple[types.LoggingLevel, ...] = (
    "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")


class _BadArguments(Exception):
    """Arguments the schema allows but the action cannot use (told to the caller as is)."""


class NemoMcpServer:
    """MCP tools over ``conversation``: ``send_message``, ``upload``, ``export_video``,
    ``get_credits``, ``get_timeline``. ``run`` serves one client on a pair of streams."""

    def __init__(self, conversation: Conversation, *, name: str, version: str,
                 table: ToolTable | None = None) -> None:
        self.conversation = conversation
        self.table = table or load_tools()
        self.lock = asyncio.Lock()
        self.log_level: types.LoggingLevel = "info"
        self.server: Server[Any, Any] = Server(name, version=version,
                                               instructions=self.table.instructions)
        # The SDK's registration decorators are untyped; calling them keeps ours typed.
        self.server.list_tools()(self._list_tools)  # type: ignore[no-untyped-call]
        self.server.call_tool()(self._call_tool)
        self.server.set_logging_level()(self._set_logging_level)  # type: ignore[no-untyped-call]

    async def run(self, read_stream: MemoryObjectReceiveStream[SessionMessage | Exception],
                  write_stream: MemoryObjectSendStream[SessionMessage]) -> None:
        """Serve one client until its input ends (see ``mcp.server.lowlevel.Server.run``)."""
        await self.server.run(read_stream, write_stream,
                              self.server.create_initialization_options())

    # -- handlers ---------------------------------------------------------------------------

    async def _list_tools(self) -> list[types.Tool]:
        return [types.Tool(name=t.name, title=t.title, description=t.description,
                           inputSchema=dict(t.input_schema),
                           annotations=types.ToolAnnotations(title=t.title, **t.annotations))
                for t in self.table.tools]

    async def _set_logging_level(self, level: types.LoggingLevel) -> None:
        self.log_level = level

    async def _call_tool(self, name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        try:
            replies = self._replies(name, arguments)
        except _BadArguments as exc:
            return _error_result(str(exc))
        outcome = ToolOutcome(_RequestNotifier(self, self.server.request_context))
        try:
            async with self.lock:
                async with contextlib.aclosing(replies):
                    async for reply in replies:
                        await outcome.add(reply)
                await self._ask_user(outcome)
        except Exception as exc:
            # The conversation turns service failures into Error events; this is a bug. The
            # host gets a short error, the server's stderr the traceback (without secrets).
            log.error(redact(f"tool {name} failed: {type(exc).__name__}: {exc}"),
                      exc_info=log.isEnabledFor(logging.DEBUG))
            return _error_result(self.table.message("internal", kind=type(exc).__name__))
        return outcome.result()

    async def _ask_user(self, outcome: ToolOutcome) -> None:
        """Show the agent's question as a form where the client can, and send the answer.
        Declined, cancelled or no forms: the question stays pending and goes back in the
        result, marked as awaiting the user's answer."""
        session = self.server.request_context.session
        for _ in range(_MAX_FORMS):
            question = outcome.question
            if question is None or not can_elicit(session):
                return
            answer = await session.elicit(question.text, form_schema(question),
                                          related_request_id=self.server.request_context
                                          .request_id)
            if answer.action != "accept":
                return
            outcome.question = None
            replies = self.conversation.send(answer_text(question, answer.content))
            async with contextlib.aclosing(replies):
                async for reply in replies:
                    await outcome.add(reply)

    def _replies(self, name: str, args: Mapping[str, Any]) -> AsyncGenerator[Reply, None]:
        convo = self.conversation
        if name == "send_message":
            text, attachments = str(args.get("text", "")), list(args.get("attachments") or ())
            if not text.strip() and not attachments:
                raise _BadArguments(self.table.message("empty_message"))
            return convo.send(text, attachments)
        if name == "upload":
            return convo.upload(list(args["paths_or_urls"]), args.get("instruction"))
        if name == "export_video":
            return convo.export(self._export_path(args.get("output_path")))
        if name == "get_credits":
            return convo.credits()
        if name == "get_timeline":
            return convo.timeline()
        raise _BadArguments(self.table.message(
            "unknown_tool", name=name, names=", ".join(t.name for t in self.table.tools)))

    def _export_path(self, given: str | None) -> Path | None:
        if not given or not given.strip():
            return None
        export_dir = self.conversation.settings.export_dir
        # Hosts start servers in arbitrary working directories (often /), so a relative path
        # means "inside the export folder", not "inside wherever the host happened to be".
        path = Path(given.strip()).expanduser()
        path = path if path.is_absolute() else export_dir / path
        if path.is_dir():
            raise _BadArguments(self.table.message("is_folder", path=path,
                                                   example=path / "my-video.mp4"))
        if path.suffix.lower() != ".mp4":
            raise _BadArguments(self.table.message("not_mp4", path=path,
                                                   example=path.with_suffix(".mp4")))
        return path


class _RequestNotifier:
    """Live updates for the request being handled: progress if asked for, else log lines."""

    def __init__(self, owner: NemoMcpServer,
                 ctx: RequestContext[ServerSession, Any, Any]) -> None:
        self.owner = owner
        self.ctx = ctx
        self.token = ctx.meta.progressToken if ctx.meta is not None else None

    @property
    def wants_progress(self) -> bool:
        return self.token is not None

    async def progress(self, value: float, message: str) -> None:
        if self.token is not None:
            await self.ctx.session.send_progress_notification(self.token, value, None, message)

    async def log(self, message: str) -> None:
        if _LEVELS.index("info") >= _LEVELS.index(self.owner.log_level):
            await self.ctx.session.send_log_message("info", message, logger="nemovideo",
                                                    related_request_id=self.ctx.request_id)


def _error_result(text: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)],
                                isError=True)
