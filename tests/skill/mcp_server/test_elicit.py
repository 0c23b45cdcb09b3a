"""The agent's questions over MCP: a form where the client supports elicitation, else the
question in the result, marked as awaiting the user's answer, answered by the next call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
from mcp import types
from mcp.shared.context import RequestContext

from tests.skill.mcp_server.host import mcp_server, text_of
from translators import messages

DEADLINE = 120
AWAITING_MARKER = messages.render("mcp_awaiting", "en")


async def test_without_forms_the_question_is_returned_awaiting_an_answer(
        tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            result, _ = await host.call("send_message", {"text": "make a video"})
            text = text_of(result)
            assert result.isError is False
            assert "1. What should the video be about?" in text
            assert "   C. A product showcase" in text
            assert text.endswith(AWAITING_MARKER)
            structured = result.structuredContent or {}
            assert (structured["state"], structured["awaiting_answer"]) == ("done", True)
            assert structured["question"]["questions"][2]["options"][1] == {
                "key": "B", "id": "documentary", "label": "Documentary"}
            result, _ = await host.call("send_message", {"text": "3 1 2"})
            text = text_of(result)
            assert AWAITING_MARKER not in text
            assert "awaiting_answer" not in (result.structuredContent or {})
            assert "Timeline (3 tracks)" in text
            assert "(0-15s)" in text


async def test_with_forms_the_user_picks_and_the_answer_is_sent(tmp_path: Path) -> None:
    forms: list[types.ElicitRequestParams] = []

    async def pick(context: RequestContext[Any, Any],
                   params: types.ElicitRequestParams) -> types.ElicitResult:
        forms.append(params)
        return types.ElicitResult(action="accept", content={
            "q1": "Nature and wildlife", "q2": "60 seconds", "q3": "Documentary"})

    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path, elicitation=pick) as host:
            result, _ = await host.call("send_message", {"text": "make a video"})
            text = text_of(result)
            assert result.isError is False, text
            assert len(forms) == 1
            schema = forms[0].requestedSchema  # type: ignore[union-attr]
            assert schema["properties"]["q3"]["enum"] == ["Cinematic", "Documentary", "Upbeat"]
            assert AWAITING_MARKER not in text
            assert "(0-60s)" in text
            assert "nature and wildlife" in text.lower()


async def test_a_declined_form_leaves_the_question_pending(tmp_path: Path) -> None:
    async def decline(context: RequestContext[Any, Any],
                      params: types.ElicitRequestParams) -> types.ElicitResult:
        return types.ElicitResult(action="decline")

    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path, elicitation=decline) as host:
            result, _ = await host.call("send_message", {"text": "make a video"})
            assert text_of(result).endswith(AWAITING_MARKER)
            result, _ = await host.call("send_message", {"text": "skip"})
            assert "Timeline" in text_of(result)


async def test_a_chinese_question_is_marked_as_awaiting_in_chinese(tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            result, _ = await host.call("send_message", {"text": "帮我做个视频"})
    text = text_of(result)
    assert (result.structuredContent or {}).get("awaiting_answer") is True, text
    assert text.endswith("[等待你的回答：请用 send_message 发送用户的选择]")
    assert "awaiting" not in text
