"""The MCP server: the five actions, ``wait`` and ``preview`` over one conversation (one
project per server process).

Each tool call starts one piece of work (a ``Job``: one conversation call); work is serialised
so that two calls cannot interleave their messages in the project. Hosts give up on a call
after a time limit (60 s in clients built on the TypeScript SDK, progress or not), while a
generation takes minutes: a call therefore returns within ``call_limit`` (45 s) with what has
happened so far, the state ``working`` and a handle, and the work goes on; ``wait`` continues
it for up to ``call_limit`` again. Progress goes out as notifications to whichever call is
waiting for the work. A quick read (credits, timeline) asked for while other work runs does
not queue behind it: it reads alongside and answers at once.

Every sentence the server adds itself is in the conversation's language, like the replies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
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
from skill.mcp_server.export_path import ExportPathRefused, export_path
from skill.mcp_server.outcome import ToolOutcome
from skill.mcp_server.tools import ToolTable, load_tools
from skill.replies import Reply
from translators import messages

__all__ = ["CALL_LIMIT", "NemoMcpServer", "call_limit_from_env"]

#: The longest a tool call runs before it returns "working" with a handle (seconds): under the
#: 60 s that hosts built on the TypeScript SDK wait by default, with room for the reply.
CALL_LIMIT = 45.0

log = logging.getLogger("skill.mcp_server")

#: Read-only tools that answer alongside running work instead of waiting for it.
_QUICK = frozenset({"get_credits", "get_timeline"})

#: Forms shown in one tool call at most (an agent asking again and again ends up in the result).
_MAX_FORMS = 3

_LEVELS: tuple[types.LoggingLevel, ...] = (
    "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")


class _BadArguments(Exception):
    """Arguments the schema allows but the action cannot use (told to the caller as is)."""


def call_limit_from_env(env: Mapping[str, str]) -> float:
    """``NEMO_MCP_CALL_LIMIT`` (seconds, 1–600) or ``CALL_LIMIT``; anything else is ignored."""
    try:
        value = float(env.get("NEMO_MCP_CALL_LIMIT", ""))
    except ValueError:
        return CALL_LIMIT
    return value if 1 <= value <= 600 else CALL_LIMIT


class _Detached:
    """Where a job's live updates go while no call is waiting for it: nowhere."""

    wants_progress = False

    async def progress(self, value: float, message: str) -> None:
        return None

    async def log(self, message: str) -> None:
        return None


@dataclass
class _Job:
    """Work started by one call that may outlive it."""

    handle: str
    tool: str
    outcome: ToolOutcome
    task: asyncio.Task[None] | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)


class NemoMcpServer:
    """MCP tools over ``conversation``: ``send_message``, ``upload``, ``export_video``,
    ``get_credits``, ``get_timeline``. ``run`` serves one client on a pair of streams."""

    def __init__(self, conversation: Conversation, *, name: str, version: str,
                 table: ToolTable | None = None, call_limit: float = CALL_LIMIT,
                 clock: Callable[[], float] = time.monotonic,
                 export_roots: tuple[Path, ...] = ()) -> None:
        self.conversation = conversation
        self.export_roots = export_roots
        # A path named in a chat message ("render it to ~/out/promo.mp4") obeys the same
        # folders as export_video's output_path; one outside them is not used (the video goes
        # to the export folder, and the reply says where).
        conversation.settings = replace(conversation.settings, place_export=self._named_export)
        self.table = table or load_tools()
        self.lock = asyncio.Lock()
        self.call_limit = call_limit
        self.clock = clock
        self.jobs: dict[str, _Job] = {}
        self.log_level: types.LoggingLevel = "info"
        self.server: Server[Any, Any] = Server(name, version=version,
                                               instructions=self.table.instructions)
        # The SDK's registration decorators are untyped; calling them keeps ours typed.
        self.server.list_tools()(self._list_tools)  # type: ignore[no-untyped-call]
        self.server.call_tool()(self._call_tool)
        self.server.set_logging_level()(self._set_logging_level)  # type: ignore[no-untyped-call]

    async def run(self, read_stream: MemoryObjectReceiveStream[SessionMessage | Exception],
                  write_stream: MemoryObjectSendStream[SessionMessage]) -> None:
        """Serve one client until its input ends (see ``mcp.server.lowlevel.Server.run``);
        work still running then is cancelled."""
        try:
            await self.server.run(read_stream, write_stream,
                                  self.server.create_initialization_options())
        finally:
            tasks = [job.task for job in self.jobs.values() if job.task and not job.task.done()]
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    # -- handlers ---------------------------------------------------------------------------

    async def _list_tools(self) -> list[types.Tool]:
        return [types.Tool(name=t.name, title=t.title, description=t.description,
                           inputSchema=dict(t.input_schema),
                           outputSchema=dict(self.table.output_schema),
                           annotations=types.ToolAnnotations(title=t.title, **t.annotations))
                for t in self.table.tools]

    async def _set_logging_level(self, level: types.LoggingLevel) -> None:
        self.log_level = level

    def _say(self, key: str, /, **values: Any) -> str:
        """The server's own sentence ``key`` (a catalog key, ``mcp_*``) in the conversation's
        language."""
        return messages.render(key, self.conversation.current_language(), **values)

    async def _call_tool(self, name: str, arguments: dict[str, Any]) -> types.CallToolResult:
        started = self.clock()
        notifier = _RequestNotifier(self, self.server.request_context)
        # This server outlives many messages: the shared local backend it began with may have
        # made way for one of newer code since the last call.
        await self.conversation.follow_api()
        if name == "wait":
            return await self._wait(arguments.get("handle"), notifier, started)
        # Decided when the call arrives: work started later queues behind this one as usual.
        # Only with a session (and so a token) already there: reading alongside must never
        # open a second one while the running work opens the first.
        alongside = name in _QUICK and self.lock.locked() and bool(
            self.conversation.client.store.load().session_id)
        try:
            body = self._work(name, arguments, alongside=alongside)
        except _BadArguments as exc:
            return _error_result(str(exc))
        job = _Job(f"job-{secrets.token_hex(4)}", name, ToolOutcome(
            _Detached(), video_title=lambda file: self._say("mcp_video_title", name=file)))
        self.jobs[job.handle] = job
        job.task = asyncio.get_running_loop().create_task(
            self._run(job, body, exclusive=not alongside))
        return await self._follow(job, notifier, started)

    async def _wait(self, handle: Any, notifier: _RequestNotifier,
                    started: float) -> types.CallToolResult:
        if handle is None:
            job = next(iter(self.jobs.values()), None)
            if job is None:
                return _result(self._say("mcp_nothing_running"))
        else:
            job = self.jobs.get(str(handle))
            if job is None:
                return _error_result(self._say("mcp_unknown_handle", handle=str(handle)))
        return await self._follow(job, notifier, started)

    async def _follow(self, job: _Job, notifier: _RequestNotifier,
                      started: float) -> types.CallToolResult:
        """Relay ``job``'s updates to this call until it is done or the call's time is up;
        return what is new, finished or with the handle to continue."""
        job.outcome.notifier = notifier
        remaining = self.call_limit - (self.clock() - started)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(job.done.wait(), timeout=max(0.0, remaining))
        finally:
            if job.outcome.notifier is notifier:
                job.outcome.notifier = _Detached()
        if not job.done.is_set():
            # The user reads that it goes on, in their language; the agent, what to call.
            return job.outcome.result(
                state="working", handle=job.handle, note=self._say("still_working"),
                agent_note=(f"[state: working, handle {job.handle}: call wait with this handle "
                            "to continue; do not send the message again]"))
        self.jobs.pop(job.handle, None)
        return job.outcome.result(awaiting=self._say("mcp_awaiting"))

    async def _run(self, job: _Job, body: Callable[[ToolOutcome], Awaitable[None]], *,
                   exclusive: bool = True) -> None:
        try:
            if exclusive:
                async with self.lock:
                    await body(job.outcome)
            else:
                await body(job.outcome)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The conversation turns service failures into Error events; this is a bug. The
            # host gets a short error, the server's stderr the traceback (without secrets).
            log.error(redact(f"tool {job.tool} failed: {type(exc).__name__}: {exc}"),
                      exc_info=log.isEnabledFor(logging.DEBUG))
            job.outcome.texts.append(self._say("mcp_internal", kind=type(exc).__name__))
            job.outcome.failed = True
        finally:
            job.done.set()

    def _work(self, name: str, args: Mapping[str, Any], *, alongside: bool = False
              ) -> Callable[[ToolOutcome], Awaitable[None]]:
        """The work a call stands for. Raises ``_BadArguments`` before anything starts."""
        if name == "preview":
            return self._preview
        export_to = self._export_path(args.get("output_path")) if name == "export_video" \
            else None
        replies = self._replies(name, args, export_to, alongside=alongside)
        session = self.server.request_context.session

        async def relay(outcome: ToolOutcome) -> None:
            existed = export_to is not None and export_to.exists()
            async with contextlib.aclosing(replies):
                async for reply in replies:
                    await outcome.add(reply)
            if existed and outcome.videos and Path(outcome.videos[-1].path) != export_to:
                # The named file existed and was kept: the video went beside it.
                outcome.texts.append(self._say("mcp_saved_elsewhere", path=export_to,
                                               saved=outcome.videos[-1].path))
            await self._ask_user(outcome, session)
            if not outcome.failed and name in ("get_credits", "get_timeline"):
                await self._facts(name, outcome)
        return relay

    async def _facts(self, name: str, outcome: ToolOutcome) -> None:
        """Structured figures for a credits or timeline result: the answers the flow just
        read (no second request), as the text says them."""
        client = self.conversation.client
        if name == "get_credits" and client.last_credits is not None:
            c = client.last_credits
            outcome.facts["credits"] = {"available": c.available, "frozen": c.frozen,
                                        "total": c.total}
        elif name == "get_timeline" and client.last_state is not None:
            from translators.draft_view import draft_duration_ms, read_tracks

            draft = client.last_state.draft
            duration = draft_duration_ms(draft)
            outcome.facts["timeline"] = {
                "duration": None if duration is None else duration / 1000,
                "tracks": [{"kind": t.kind, "label": t.label,
                            "start": None if t.start_ms is None else t.start_ms / 1000,
                            "end": None if t.end_ms is None else t.end_ms / 1000}
                           for t in read_tracks(draft)]}

    async def _preview(self, outcome: ToolOutcome) -> None:
        from backend.draft import draft_ready
        from skill.mcp_server.preview import PreviewUnavailable, contact_sheet

        try:
            state = await self.conversation.client.state()
        except Exception as exc:
            outcome.texts.append(self._say("mcp_preview_failed", reason=redact(str(exc))))
            outcome.failed = True
            return
        draft = state.draft
        if draft is None or not draft_ready(draft):
            outcome.texts.append(self._say("mcp_preview_nothing"))
            return
        try:
            sheet = await asyncio.to_thread(contact_sheet, draft)
        except PreviewUnavailable as exc:
            outcome.texts.append(self._say(exc.key, **exc.values))
            outcome.failed = True
            return
        times = ", ".join(f"{int(t // 60)}:{t % 60:04.1f}" for t in sheet.times)
        outcome.texts.append(self._say("mcp_preview_note", times=times))
        if sheet.placeholders:
            outcome.texts.append(self._say(
                "mcp_preview_placeholders", names=", ".join(sorted(set(sheet.placeholders)))))
        outcome.images.append(sheet.png)

    async def _ask_user(self, outcome: ToolOutcome, session: ServerSession) -> None:
        """Show the agent's question as a form where the client can, and send the answer.
        Declined, cancelled or no forms: the question stays pending and goes back in the
        result, marked as awaiting the user's answer."""
        for _ in range(_MAX_FORMS):
            question = outcome.question
            if question is None or not can_elicit(session):
                return
            answer = await session.elicit(question.text, form_schema(question))
            if answer.action != "accept":
                return
            outcome.question = None
            replies = self.conversation.send(answer_text(question, answer.content))
            async with contextlib.aclosing(replies):
                async for reply in replies:
                    await outcome.add(reply)

    def _replies(self, name: str, args: Mapping[str, Any], export_to: Path | None, *,
                 alongside: bool) -> AsyncGenerator[Reply, None]:
        convo = self.conversation
        if name == "send_message":
            text, attachments = str(args.get("text", "")), list(args.get("attachments") or ())
            new_project = args.get("new_project") is True
            if not text.strip() and not attachments:
                if new_project:
                    return convo.new_project()
                raise _BadArguments(self._say("mcp_empty_message"))
            return convo.send(text, attachments, new_project=new_project)
        if name == "upload":
            return convo.upload(list(args["paths_or_urls"]), args.get("instruction"))
        if name == "export_video":
            return convo.export(export_to)
        if name == "get_credits":
            return convo.credits(alongside=alongside)
        if name == "get_timeline":
            return convo.timeline(alongside=alongside)
        raise _BadArguments(self._say(
            "mcp_unknown_tool", name=name, names=", ".join(t.name for t in self.table.tools)))

    def _named_export(self, given: str) -> Path | None:
        try:
            return export_path(given, export_dir=self.conversation.settings.export_dir,
                               home=Path.home(), roots=self.export_roots)
        except ExportPathRefused:
            return None

    def _export_path(self, given: Any) -> Path | None:
        try:
            return export_path(None if given is None else str(given),
                               export_dir=self.conversation.settings.export_dir,
                               home=Path.home(), roots=self.export_roots)
        except ExportPathRefused as exc:
            raise _BadArguments(self._say(exc.key, **exc.values)) from None


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


def _result(text: str, *, state: str = "done") -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)],
                                structuredContent={"state": state, "reply": text},
                                isError=state == "failed")


def _error_result(text: str) -> types.CallToolResult:
    return _result(text, state="failed")
