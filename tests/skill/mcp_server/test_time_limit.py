"""MCP calls within host time limits: a generation that outlasts a call returns ``working``
with a handle before it ends, ``wait`` delivers the rest, and ``preview`` shows the timeline.

The server runs as a host starts it (official client, stdio) against a local backend in this
process whose generation stages are slowed; its call limit is shortened to one second through
``NEMO_MCP_CALL_LIMIT`` so the test does not take 45 s.
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import jsonschema
from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client
from PIL import Image

from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from skill.mcp_server.tools import load_tools
from tests.skill.mcp_server.host import server_env, text_of, user_text_of

DEADLINE = 240


async def finish(session: ClientSession, result: types.CallToolResult
                 ) -> types.CallToolResult:
    """Wait on ``result``'s handle until its work is no longer working; the final result,
    with the content of every call in between gathered in order."""
    content = list(result.content)
    while result.structuredContent and result.structuredContent["state"] == "working":
        result = await session.call_tool("wait", {"handle": result.structuredContent["handle"]})
        content += result.content
    return types.CallToolResult(content=content, structuredContent=result.structuredContent,
                                isError=result.isError)


async def test_long_work_returns_a_handle_in_time_and_wait_delivers_it(tmp_path: Path) -> None:
    schema = dict(load_tools().output_schema)
    # Two stages of 3 s each: far longer than the 1 s a call may take here.
    with anyio.fail_after(DEADLINE):
        async with slow_server(tmp_path, "1", stage_delay=3.0) as (session, backend):
            listed = await session.list_tools()
            assert all(t.outputSchema == schema for t in listed.tools)

            first = await session.call_tool(
                "send_message", {"text": "generate a 2-second video of rain on a window"})
            structured = first.structuredContent
            assert structured is not None
            jsonschema.validate(structured, schema)
            assert structured["state"] == "working", text_of(first)
            handle = structured["handle"]
            # The user's text says it goes on; what to call next is for the agent alone
            # (trial 14: the user read "Call wait with this handle").
            user_text, agent_text = first.content[0], first.content[-1]
            assert isinstance(user_text, types.TextContent)
            assert user_text.text == structured["reply"]
            assert user_text.text.endswith("⏳ Still working…"), user_text.text
            assert handle not in user_text.text
            assert isinstance(agent_text, types.TextContent)
            assert agent_text.annotations is not None
            assert agent_text.annotations.audience == ["assistant"]
            assert handle in agent_text.text
            assert "call wait" in agent_text.text

            replies = [structured["reply"]]
            for _ in range(60):
                more = await session.call_tool("wait", {"handle": handle})
                assert more.structuredContent is not None
                jsonschema.validate(more.structuredContent, schema)
                replies.append(more.structuredContent["reply"])
                if more.structuredContent["state"] != "working":
                    break
            assert more.structuredContent["state"] == "done", replies
            assert "Timeline (3 tracks)" in replies[-1]
            # The message went to the agent once: waiting never re-sends it.
            assert backend.requests.count("run_sse") == 1

            again = await session.call_tool("wait", {"handle": handle})
            assert again.isError is True
            assert "no running work" in text_of(again)

            timeline = await session.call_tool("get_timeline", {})
            assert timeline.structuredContent is not None
            tracks = timeline.structuredContent["timeline"]["tracks"]
            assert [t["kind"] for t in tracks][:1] == ["video"]

            preview = await finish(session, await session.call_tool("preview", {}))
    assert preview.isError is False, text_of(preview)
    images = [c for c in preview.content if isinstance(c, types.ImageContent)]
    assert len(images) == 1
    assert images[0].mimeType == "image/png"
    sheet = Image.open(io.BytesIO(base64.b64decode(images[0].data)))
    assert sheet.format == "PNG"
    assert sheet.width > 3 * sheet.height  # four 16:9 frames side by side
    assert sheet.width <= 1400  # small: thumbnails, not full frames
    assert "Preview of the timeline at 0:00.2, 0:00.8, 0:01.2, 0:01.8" in text_of(preview)


@contextlib.asynccontextmanager
async def slow_server(tmp_path: Path, call_limit: str,
                      stage_delay: float) -> AsyncIterator[tuple[ClientSession, LocalBackend]]:
    """A host's session with the server, whose backend takes ``stage_delay`` per stage."""
    options = LocalOptions(stage_delay=stage_delay, heartbeat_interval=0.2)
    with LocalBackend.start(tmp_path / "backend", options=options) as backend:
        env = {**server_env(tmp_path), "NEMO_API_URL": backend.url,
               "NEMO_MCP_CALL_LIMIT": call_limit}
        params = StdioServerParameters(command=sys.executable, args=["-m", "skill.cli", "mcp"],
                                       env=env, cwd=tmp_path)
        with (tmp_path / "stderr.txt").open("w", encoding="utf-8") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write), \
                    ClientSession(read, write) as session:
                await session.initialize()
                yield session, backend


async def test_credits_answer_at_once_while_a_generation_works(tmp_path: Path) -> None:
    # The trial's case: a 3 s call limit, credits asked while a long generation runs. The
    # balance comes back in that call (not a handle to wait on); the generation goes on.
    with anyio.fail_after(DEADLINE):
        async with slow_server(tmp_path, "3", stage_delay=4.0) as (session, backend):
            first = await session.call_tool(
                "send_message", {"text": "generate a 2-second video of rain on a window"})
            assert first.structuredContent is not None
            assert first.structuredContent["state"] == "working", text_of(first)

            credits = await session.call_tool("get_credits", {})
            assert credits.structuredContent is not None
            assert credits.structuredContent["state"] == "done", text_of(credits)
            assert "handle" not in credits.structuredContent
            assert "available" in text_of(credits)
            assert credits.structuredContent["credits"]["available"] >= 0
            # Answered while the generation was still running.
            assert backend.requests.count("run_sse") == 1

            done = await finish(session, first)
            assert done.structuredContent is not None
            assert done.structuredContent["state"] == "done", text_of(done)
            assert backend.requests.count("run_sse") == 1
            after = await session.call_tool("get_credits", {})
    defaults = LocalOptions()
    left = defaults.initial_credits - defaults.generation_cost
    assert f"{left} available" in text_of(after)


async def test_a_chinese_conversation_hears_the_server_in_chinese(tmp_path: Path) -> None:
    # SKILL.md tells hosts to pass the text on as it is: the server's own sentences (still
    # working, preview) follow the conversation's language like the replies do.
    with anyio.fail_after(DEADLINE):
        async with slow_server(tmp_path, "1", stage_delay=3.0) as (session, _backend):
            first = await session.call_tool("send_message",
                                            {"text": "做一个雨打在窗户上的视频，2秒"})
            assert first.structuredContent is not None
            assert first.structuredContent["state"] == "working", text_of(first)
            handle = first.structuredContent["handle"]
            assert user_text_of(first).endswith("\n\n⏳ 仍在处理中…"), user_text_of(first)
            assert handle in text_of(first)  # for the agent, in a block of its own
            await finish(session, first)
            preview = await finish(session, await session.call_tool("preview", {}))
            gone = await session.call_tool("wait", {"handle": handle})
    assert "时间线在 0:00.2, 0:00.8, 0:01.2, 0:01.8 处的预览" in text_of(preview), \
        text_of(preview)
    assert "没有句柄为" in text_of(gone)
    for result in (first, preview, gone):
        assert not re.search(r"\b(Still|Preview|There is|handle)\b", user_text_of(result)), \
            user_text_of(result)
