"""Follow-ups read in the context of our previous reply, across processes: the conversation
records what its last reply was in the persisted session, and the next message is routed
with it (a host starts one process per message)."""

from __future__ import annotations

from skill.replies import Media
from tests.skill.conversation.conftest import Harness, say, texts

GENERATE = "generate a 10-second video of a city at sunset"


async def test_yes_after_an_export_offer_exports_in_the_next_process(harness: Harness) -> None:
    async with harness.open() as convo:
        replies = await say(convo, GENERATE)
        assert "“export”" in texts(replies)  # the agent's "click Export" became our offer
        assert convo.client.store.load().last_reply == "export-offer"
    async with harness.open() as convo:  # the host's next call: a new process
        replies = await say(convo, "ok do it")
        assert [r for r in replies if isinstance(r, Media)], texts(replies)
        assert convo.client.store.load().last_reply is None  # the offer was taken


async def test_a_bare_yes_with_no_offer_pending_is_chat(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        await say(convo, "export")  # the offer is taken: nothing is offered now
        replies = await say(convo, "ok do it")
    assert not [r for r in replies if isinstance(r, Media)]


async def test_after_the_timeline_and_the_credits(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        await say(convo, "status")
        assert convo.client.store.load().last_reply == "timeline"
        replies = await say(convo, "and the credits?")
        assert "Credits:" in texts(replies)
        assert convo.client.store.load().last_reply == "credits"
