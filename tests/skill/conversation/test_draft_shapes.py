"""Drafts in the shapes the cloud has been seen to serve, read over real sockets: a server that
keeps a text segment's words on the segment itself (``LocalOptions.text_on_segment``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from tests.servers import serving
from tests.skill.conversation.conftest import Harness, fast_options, say, texts


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend",
                                    options=fast_options(text_on_segment=True))) as lb:
        yield lb


async def test_silent_title_edit_is_summarised_with_its_words(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 3-second video of rain on a window")
        replies = await say(convo, "change the title to 'Urban Dreams'")
        reply = texts(replies)
        assert "Urban Dreams" in reply
        assert "''" not in reply
        status = texts(await say(convo, "status"))
    assert 'Title: "Urban Dreams" (0-3s)' in status
