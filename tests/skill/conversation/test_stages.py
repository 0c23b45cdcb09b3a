"""Stage, tone and next steps over real sockets, in both stream dialects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.replies import Status, Text
from tests.servers import serving
from tests.skill.conversation.conftest import Harness, fast_options, say, texts

ISSUE = "I encountered a temporary issue. Please try again later."


@pytest.fixture(params=["adk", "gateway"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend",
                                    options=fast_options(dialect=request.param))) as lb:
        yield lb


def _issue_line(backend: LocalBackend) -> str:
    if backend.options.dialect == "gateway":
        return "data: " + json.dumps({"type": "text", "content": ISSUE})
    return "data: " + json.dumps({"content": {"role": "model", "parts": [{"text": ISSUE}]},
                                  "id": "trailing-1", "author": "nemo_agent"})


async def test_stages_from_tool_names_and_next_steps_after_an_edit(harness: Harness) -> None:
    async with harness.open() as convo:
        generated = await say(convo, "generate a 3-second video of rain on a window")
        statuses = [r.text for r in generated if isinstance(r, Status)]
        assert "🎬 Generating the video…" in statuses
        assert "🎵 Adding music and titles…" in statuses
        assert not any("💡" in r.text for r in generated if isinstance(r, Text))
        edited = await say(convo, "add captions")
        assert "✂️ Editing…" in [r.text for r in edited if isinstance(r, Status)]
        last = [r.text for r in edited if isinstance(r, Text)][-1]
        assert last.startswith("💡 Next, you could say:")
        assert "captions" not in last  # there are captions now
        assert "background music" not in last  # there is music
        assert last.endswith("“export”")
        louder = await say(convo, "背景音乐音量调到20%")
        assert "💡 接下来你可以说" in texts(louder)


async def test_a_trailing_temporary_issue_is_dropped_after_a_normal_turn(
        harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 3-second video of rain on a window")
        harness.backend.faults.trailing_lines_next_stream([_issue_line(harness.backend)])
        replies = await say(convo, "add calm background music")
        assert "temporary issue" not in texts(replies)
        assert "BGM" in texts(replies) or "music" in texts(replies).lower()


async def test_a_temporary_issue_alone_is_shown(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 3-second video of rain on a window")
        # A silent edit whose only words are the issue: that is the whole answer.
        harness.backend.faults.trailing_lines_next_stream([_issue_line(harness.backend)])
        replies = await say(convo, "remove the title")
        assert ISSUE in texts(replies)


async def test_next_steps_never_repeat_or_undo_the_edit_just_made(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 3-second video of rain on a window")
        await say(convo, "add captions")

        def hint(replies: list[object]) -> str:
            lines = [r.text for r in replies if isinstance(r, Text) and "💡" in r.text]
            assert len(lines) == 1, replies
            return lines[0]

        louder = hint(await say(convo, "make the music louder"))
        assert "quieter" not in louder  # the inverse of what was just done
        quieter = hint(await say(convo, "make the music quieter"))
        assert "quieter" not in quieter  # the same again
        removed = hint(await say(convo, "remove the music"))
        assert "background music" not in removed
        titled = hint(await say(convo, "remove the title"))
        assert "add a title" not in titled
        assert titled.endswith("“export”")
