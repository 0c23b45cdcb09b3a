from __future__ import annotations

import pytest

from backend.errors import ConnectError, GenerationLost
from backend.models import SessionState
from backend.recovery import DEFAULT_DELAYS, poll_until_changed

BEFORE = SessionState(draft={"t": []})
AFTER = SessionState(draft={"t": [{"id": "v", "tt": 0, "sg": [{"id": "a", "s": 0, "d": 5}]}]})


async def test_returns_the_first_changed_state_after_30_then_60_seconds() -> None:
    answers = [BEFORE, AFTER]
    waits: list[float] = []

    async def sleep(s: float) -> None:
        waits.append(s)

    async def fetch() -> SessionState:
        return answers.pop(0)

    assert await poll_until_changed(fetch, BEFORE, sleep=sleep) == AFTER
    assert waits == [30.0, 60.0]


async def test_five_unchanged_polls_end_in_generation_lost_with_a_retry_offer() -> None:
    waits: list[float] = []
    calls = 0

    async def sleep(s: float) -> None:
        waits.append(s)

    async def fetch() -> SessionState:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectError("down")
        return BEFORE

    with pytest.raises(GenerationLost, match="send it again") as info:
        await poll_until_changed(fetch, BEFORE, sleep=sleep)
    assert calls == 5
    assert tuple(waits) == DEFAULT_DELAYS
    assert "not sent twice" in str(info.value)
