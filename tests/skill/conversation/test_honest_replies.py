"""After an edit the agent made, the runtime adds no "tell me the change in words" hint."""

from __future__ import annotations

from tests.skill.conversation.conftest import Harness, say, texts
from translators import messages


async def test_no_words_hint_after_an_edit_was_made(harness: Harness) -> None:
    hint = messages.render("gui_hint_edit", "en")
    async with harness.open() as convo:
        await say(convo, "generate a 6-second video of a harbour at night")
        await say(convo, "remove the music")
        # The agent's reply says "drag the clip to move it": a direction, but the music
        # was added, so there is nothing left for the user to describe.
        replies = await say(convo, "add calm music")
        shown = texts(replies)
        assert "Lo-fi" in shown
        assert hint not in shown
