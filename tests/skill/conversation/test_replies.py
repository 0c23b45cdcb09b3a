"""Every documented condition ends in the reply the seeds prescribe, in the user's language."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.replies import Error, Media, Status
from tests.skill.conversation.conftest import Harness, say, texts

GENERATE = "generate a 3-second video of waves on a beach"
CJK = re.compile(r"[\u4e00-\u9fff]")


async def test_credits_state_and_language(harness: Harness) -> None:
    async with harness.open() as convo:
        first = await say(convo, "credits")
        assert first[0] == Status("Connecting…")
        assert "Credits: 10000 available" in texts(first)
        assert "timeline is empty" in texts(await say(convo, "status"))
        assert "nothing to export" in texts(await say(convo, "export"))
        chinese = await say(convo, "生成一个3秒的海边日落视频")
        assert all(CJK.search(r.text) for r in chinese if r.kind == "text"), texts(chinese)
        assert "积分" in texts(await say(convo, "积分"))
        assert "时间线" in texts(await say(convo, "状态"))


async def test_silent_edit_is_summarised_from_the_state(harness: Harness,
                                                        backend: LocalBackend) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        replies = await say(convo, "add a title 'Paradise Found'")
    assert "Paradise Found" in texts(replies)
    assert texts(replies).startswith("✅")


async def test_out_of_credits_anonymous_gets_a_registration_link(
        harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")
        user = convo.client.store.load().user_id
        assert user
        backend.set_credits(user, 0)
        replies = await say(convo, GENERATE)
    error = replies[-1]
    assert isinstance(error, Error)
    assert error.code == 7
    assert f"?bind={user}" in error.text
    assert "Top up" not in error.text


async def test_not_enough_credits_says_what_is_left(harness: Harness,
                                                    backend: LocalBackend) -> None:
    # "You're out of credits" beside a balance of 50 read as a contradiction.
    async with harness.open() as convo:
        await say(convo, "credits")
        user = convo.client.store.load().user_id
        assert user
        backend.set_credits(user, 50)
        replies = await say(convo, GENERATE)
    error = replies[-1]
    assert isinstance(error, Error)
    assert error.code == 7
    assert error.text.startswith("Not enough credits for this: 50 left.")
    assert f"?bind={user}" in error.text
    assert "out of credits" not in error.text


async def test_out_of_credits_with_own_token_says_top_up(harness: Harness,
                                                         backend: LocalBackend,
                                                         tmp_path: Path) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")
        token = convo.client.store.load().token
        user = convo.client.store.load().user_id
    assert token
    assert user
    backend.set_credits(user, 0)
    env = {"NEMO_TOKEN": token, "NEMO_CONFIG_DIR": str(tmp_path / "other")}
    async with harness.open(env=env) as convo:
        replies = await say(convo, GENERATE)
    assert replies[-1].kind == "error"
    assert "Top up" in replies[-1].text
    assert "bind" not in replies[-1].text


async def test_export_blocked_by_plan(harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        backend.faults.fail_next("render", status=402)
        replies = await say(convo, "export")
    error = replies[-1]
    assert isinstance(error, Error)
    assert error.code == 8
    assert "plan" in error.text
    assert "isn't about credits" in error.text


async def test_expired_token_and_lost_session_recover_transparently(
        harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")
        backend.faults.fail_next("credits", code=1001)
        assert "Credits:" in texts(await say(convo, "credits"))
        backend.faults.fail_next("state", code=1002)
        assert "timeline is empty" in texts(await say(convo, "status"))
        backend.faults.rate_limit_next("credits")
        assert "Credits:" in texts(await say(convo, "balance"))
    assert backend.requests.count("token") == 2
    assert backend.requests.count("session") == 2


async def test_dropped_stream_is_not_resent_and_the_change_is_reported(
        harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        backend.faults.drop_next_stream(after_events=2)
        replies = await say(convo, GENERATE)
    assert backend.requests.count("run_sse") == 1
    assert any(r.kind == "status" and "connection dropped" in r.text for r in replies)
    # Whichever stage the polls caught, the user learns that the video now exists.
    assert "waves on a beach" in texts(replies).lower()
    assert not any(isinstance(r, Error) for r in replies)


async def test_still_working_every_two_minutes_of_heartbeats(harness: Harness,
                                                             backend: LocalBackend) -> None:
    ticks = itertools.count(step=50.0)  # each look at the clock: 50 s later
    async with harness.open(clock=lambda: next(ticks)) as convo:
        await say(convo, "credits")
        backend.faults.heartbeat_only_next_stream(heartbeats=12)
        replies = await say(convo, "make it more dramatic")
    notices = [r for r in replies if r.kind == "status" and "Still working" in r.text]
    # 12 heartbeats, the clock moving 50 s per look: one notice per ~2 minutes, not per beat.
    assert 2 <= len(notices) <= 6
    assert replies[-1].kind == "text"  # silence ends in an answer, never in nothing


async def test_error_event_in_the_stream(harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        backend.faults.error_event_next_stream("model overloaded")
        replies = await say(convo, GENERATE)
    assert isinstance(replies[-1], Error)
    assert "problem" in replies[-1].text
    assert backend.requests.count("run_sse") == 1


async def test_unsupported_file_is_refused_before_sending(harness: Harness,
                                                          backend: LocalBackend,
                                                          tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    async with harness.open() as convo:
        replies = await say(convo, "use this", [str(notes)])
        missing = await say(convo, "", [str(tmp_path / "gone.mp4")])
    error = replies[-1]
    assert isinstance(error, Error)
    assert error.code == 9
    assert "notes.txt" in error.text
    assert "mp4" in error.text
    assert "webm" in error.text
    assert "gone.mp4" in missing[-1].text
    assert backend.requests.count("upload") == 0


async def test_gui_directions_never_reach_the_user(harness: Harness) -> None:
    async with harness.open() as convo:
        replies = await say(convo, GENERATE)
    shown = texts(replies).lower()
    for phrase in ("click", "tracks panel", "preview it in the timeline", "drag"):
        assert phrase not in shown
    assert "say “export”" in shown
    assert not any(isinstance(r, Media) for r in replies)


def test_default_export_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from skill.conversation.runtime import default_export_dir

    assert default_export_dir({"NEMO_EXPORT_DIR": str(tmp_path / "v")}) == tmp_path / "v"
    monkeypatch.chdir(tmp_path)
    assert default_export_dir({}) == tmp_path / "nemovideo-exports"
    monkeypatch.chdir("/")
    assert default_export_dir({"HOME": str(tmp_path)}) == tmp_path / "nemovideo-exports"


async def test_actions_without_text_keep_the_users_last_language(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "credits")  # the session starts in English
        await say(convo, "生成一个3秒的海边日落视频")
        credits = [r async for r in convo.credits()]
        assert "积分" in texts(credits)
        # No clue in the message: the sentences we add stay Chinese.
        assert "说“导出”" in texts(await say(convo, "🤔"))
        # A thumbs-up after the offer to export accepts it, and the answer stays Chinese too.
        assert "视频已就绪" in texts(await say(convo, "👍"))
