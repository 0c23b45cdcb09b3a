"""Conversation logic that a real server cannot pin down: recovery settling, the raw-video
notice, leftover renders, and streams closed when a host stops listening."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

from backend.client import Timings
from backend.models import SessionState
from backend.session_store import PendingRender
from skill.conversation.core import Conversation, ConversationSettings, _RawVideo
from skill.replies import Status
from tests.skill.conversation.conftest import Harness, say, texts

STAGE1 = {"t": [{"id": "v", "tt": 0, "sg": [{"id": "s1", "s": 0, "d": 3000, "m": {}}]}]}
STAGE2 = {"t": [*STAGE1["t"], {"id": "b", "tt": 1, "n": "BGM",
                               "sg": [{"id": "m", "s": 0, "d": 3000, "m": {"kind": "bgm"}}]}]}


class _Client:
    """Just what ``Conversation._recover`` uses: the state changes twice, then settles."""

    def __init__(self) -> None:
        self.timings = Timings(recovery_delays=(30.0, 60.0, 90.0))
        self.states = [SessionState(STAGE2), SessionState(STAGE2)]
        self.slept: list[float] = []

    async def recover_after_drop(self, before: SessionState, *, on_poll: Any) -> SessionState:
        on_poll(1, 30.0)
        return SessionState(STAGE1)

    async def sleep(self, delay: float) -> None:
        self.slept.append(delay)

    async def state(self) -> SessionState:
        return self.states.pop(0)


async def test_recovery_waits_for_the_second_stage_and_keeps_the_user_informed() -> None:
    client = _Client()
    convo = Conversation(cast(Any, client), cast(Any, None),
                         ConversationSettings(export_dir=Path("."), web_url="https://x"))
    emitted: list[Any] = []
    after = await convo._recover(SessionState(None), "en", emitted.append)
    assert after.draft == STAGE2  # not the raw video of the first change
    assert client.slept == [30.0, 60.0]  # stopped once two polls agreed
    assert emitted == [Status("⏳ Still working…")] * 3  # one notice per poll, no silence


def test_raw_video_notice_only_when_the_agent_stays_silent() -> None:
    raw = _RawVideo(already=False)
    raw.delta({"draft": {"t": [{"tt": 7, "sg": [{"id": "x"}]}]}})  # a title is not video
    assert not raw.due()
    raw.delta({"draft": STAGE1})
    raw.agent_spoke()  # the agent said it itself
    assert not raw.due()
    silent = _RawVideo(already=False)
    silent.delta({"draft": STAGE1})
    assert silent.due()
    assert not silent.due()  # once
    assert not _RawVideo(already=True).due()


async def test_a_leftover_render_never_blocks_the_next_message(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")
        session = convo.client.store.load().session_id
        assert session
        # Started by an earlier process, unknown to the service by now.
        convo.client.store.add_render(PendingRender("render_1_gone", session, "/tmp", "x.mp4", 1,
                                                    0.0))
        convo.client.store.add_render(PendingRender("render_2_other", "old-session", "/tmp",
                                                    "y.mp4", 1, 0.0))
        replies = await say(convo, "credits")
        assert "Credits:" in texts(replies)
        assert convo.client.pending_renders() == ()
        again = await say(convo, "credits")
    assert [r.kind for r in again] == ["text"]


async def test_a_render_started_before_a_restart_is_delivered(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 2-second video of falling leaves")
        draft = (await convo.client.state()).draft
        session = convo.client.store.load().session_id
        assert draft
        assert session
        await convo.client.submit_render(draft, "render_9_started")
        convo.client.store.add_render(PendingRender(
            "render_9_started", session, str(harness.export_dir), "leaves.mp4", 1, 0.0))
    async with harness.open() as convo:  # the next process
        replies = await say(convo, "credits")
    media = [r for r in replies if r.kind == "media"]
    assert [m.path.name for m in media] == ["leaves.mp4"]  # type: ignore[union-attr]
    assert "Credits:" in texts(replies)


async def test_a_host_that_stops_listening_closes_the_stream(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")
        gate = harness.backend.faults.hold_generations()
        replies = convo.send("generate a 3-second video of a quiet lake")
        first = await anext(replies)
        assert first.kind in ("text", "status")
        await replies.aclose()  # the host went away mid-generation
        gate.open()
        await asyncio.wait_for(asyncio.to_thread(harness.backend.wait_idle), 10)
        assert "Credits:" in texts(await say(convo, "credits"))  # the conversation still works
