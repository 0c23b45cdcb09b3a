"""Replies say what happened: no "tell me the change in words" hint after an edit was made,
and a new video made in the same project shows its timeline like the first one."""

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


async def test_a_new_video_in_the_same_project_shows_its_timeline(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 4-second video of a harbour at night")
        replies = await say(convo, "generate a 6-second video of snow on a roof")
        shown = texts(replies)
        assert "Timeline (3 tracks)" in shown
        assert "snow on a roof" in shown
        assert "harbour" not in shown.split("Timeline")[1]
