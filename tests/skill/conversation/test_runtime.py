"""Assembling a conversation: which backend, which waits, and what it leaves behind."""

from __future__ import annotations

import os
from pathlib import Path

from backend.client import Timings
from backend.local import shared
from skill.config import Config
from skill.conversation.runtime import (
    LOOPBACK_RENDER_POLL,
    LOOPBACK_RENDER_POLL_FLOOR,
    RuntimeOptions,
    open_conversation,
    timings_for,
)
from skill.identity import Identity, find_skill
from skill.loader import load_skill


def test_renders_are_polled_fast_on_loopback_and_on_schedule_in_the_cloud() -> None:
    cloud = timings_for("https://mega-api-prod.nemovideo.ai")
    assert cloud.render_poll_delays == (2.0, 3.0, 5.0, 5.0, 10.0)
    assert cloud == Timings()
    for base in ("http://127.0.0.1:8123", "http://localhost:9", "http://[::1]:80"):
        loopback = timings_for(base)
        assert loopback.render_poll_delays == LOOPBACK_RENDER_POLL
        # Seen within half a second of finishing, a status answer being ~1 ms away.
        assert max(loopback.render_poll_delays) <= 0.4
        # ... and closer near the end of a render; the cloud keeps its schedule.
        assert loopback.render_poll_floor == LOOPBACK_RENDER_POLL_FLOOR
        assert cloud.render_poll_floor is None
        assert loopback.request_timeout == cloud.request_timeout


async def test_local_conversation_uses_the_shared_backend_and_releases_it(
        tmp_path: Path) -> None:
    env = {**os.environ, "NEMO_CONFIG_DIR": str(tmp_path / "config")}
    config = Config.from_env(env)
    identity = Identity.resolve(load_skill(find_skill(None)), config, env)
    options = RuntimeOptions(local=True, export_dir=tmp_path / "videos")
    async with open_conversation(config, identity, options, env) as convo:
        info = shared.read_info(config.local_data_dir)
        assert info is not None
        assert convo.client.api_base == info.url
        assert convo.client.timings.render_poll_delays == LOOPBACK_RENDER_POLL
        users = os.open(config.local_data_dir / shared.USERS_LOCK, os.O_RDWR)
        try:
            assert not shared.try_lock(users)  # held (shared) while the conversation is open
        finally:
            os.close(users)
    users = os.open(config.local_data_dir / shared.USERS_LOCK, os.O_RDWR)
    try:
        assert shared.try_lock(users)  # released: the server may go when idle
    finally:
        os.close(users)
