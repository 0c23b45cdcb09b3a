"""Edges of the conversation a host meets: an empty message."""

from __future__ import annotations

from backend.local.runner import LocalBackend
from skill.replies import Error
from tests.skill.conversation.conftest import Harness, say


async def test_empty_message_is_a_usage_reply_without_any_request(
        harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        replies = await say(convo, " \n ")
    assert len(replies) == 1
    assert isinstance(replies[0], Error)
    assert replies[0].code == 2
    assert "message is empty" in replies[0].text
    assert len(backend.requests) == 0
