from __future__ import annotations

import re

import pytest

from backend.errors import BadResponse, ServerError, TimeoutError_
from backend.render_job import (
    ProgressScale,
    RenderProgress,
    RenderStatus,
    new_render_id,
    parse_render_status,
    poll_render,
    safe_filename,
)


def test_render_ids_are_unique_and_well_formed() -> None:
    ids = {new_render_id(1_700_000_000.0) for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"render_1700000000000_[0-9a-f]{8}", i) for i in ids)


@pytest.mark.parametrize(("data", "state", "progress", "url"), [
    ({"status": "completed", "output": {"url": "https://cdn/x.mp4"}}, "completed", 100.0,
     "https://cdn/x.mp4"),
    ({"status": "processing", "progress": 0.5, "outputUrl": None}, "processing", 50.0, None),
    ({"status": "processing", "progress": 42}, "processing", 42.0, None),
    ({"status": "done", "url": "/dl/1"}, "completed", 100.0, "/dl/1"),
    ({"status": "success", "outputFile": "https://cdn/y.mp4"}, "completed", 100.0,
     "https://cdn/y.mp4"),
    ({"status": "queued"}, "pending", None, None),
    ({"status": "FAILED", "error": "codec"}, "failed", None, None),
])
def test_status_shapes(data: dict[str, object], state: str, progress: float | None,
                       url: str | None) -> None:
    status = parse_render_status(data, ProgressScale())
    assert (status.state, status.progress, status.url) == (state, progress, url)


def test_url_priority_is_output_url_then_output_url_key_then_url_then_output_file() -> None:
    data = {"status": "completed", "output": {"url": "a"}, "outputUrl": "b", "url": "c",
            "outputFile": "d"}
    assert parse_render_status(data, ProgressScale()).url == "a"
    del data["output"]
    assert parse_render_status(data, ProgressScale()).url == "b"


def test_progress_scale_is_learned_per_job() -> None:
    scale = ProgressScale()
    assert scale.normalise(0.25) == 25.0
    assert scale.normalise(30) == 30.0
    assert scale.normalise(1) == 1.0  # once a job counts to 100, 1 means 1 %
    assert ProgressScale().normalise(1) == 100.0
    assert ProgressScale().normalise("75%") == 75.0
    whole = ProgressScale()  # counts in whole percent: 0, then 1 is 1 %, not done
    assert [whole.normalise(v) for v in (0, 1, 2)] == [0.0, 1.0, 2.0]
    fraction = ProgressScale()
    assert [fraction.normalise(v) for v in (0, 0.5, 1.0)] == [0.0, 50.0, 100.0]
    # A 0-1 job whose encoder writes a whole 1 as an int (JSON from JavaScript): still done.
    ints = ProgressScale()
    assert [ints.normalise(v) for v in (0, 0.25, 0.5, 1, 0.75)] == [0.0, 25.0, 50.0, 100.0, 75.0]
    assert ProgressScale().normalise(250) == 100.0
    assert ProgressScale().normalise(float("nan")) is None


def test_a_status_without_status_is_bad() -> None:
    with pytest.raises(BadResponse):
        parse_render_status({"progress": 3}, ProgressScale())


async def test_poll_reports_monotonic_progress_and_tolerates_blips() -> None:
    answers: list[RenderStatus | Exception] = [
        RenderStatus("pending"), RenderStatus("processing", 40.0), ServerError("blip"),
        RenderStatus("processing", 30.0), RenderStatus("processing", 90.0),
        RenderStatus("completed", 100.0, "u")]
    seen: list[RenderProgress] = []
    waits: list[float] = []

    async def fetch() -> RenderStatus:
        item = answers.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    async def sleep(s: float) -> None:
        waits.append(s)

    result = await poll_render(fetch, render_id="r", attempt=1, on_progress=seen.append,
                               sleep=sleep, clock=lambda: 0.0, delays=(1.0, 2.0),
                               max_wait=100.0)
    assert result.state == "completed"
    assert [p.percent for p in seen] == [0.0, 40.0, 40.0, 90.0]
    assert waits == [1.0, 2.0, 2.0, 2.0, 2.0]


async def test_poll_gives_up_after_the_deadline() -> None:
    now = [0.0]

    async def fetch() -> RenderStatus:
        return RenderStatus("processing", 10.0)

    async def sleep(s: float) -> None:
        now[0] += s

    with pytest.raises(TimeoutError_, match="stays pending"):
        await poll_render(fetch, render_id="r", attempt=1, on_progress=None, sleep=sleep,
                          clock=lambda: now[0], delays=(10.0,), max_wait=60.0)


async def _poll_a_steady_render(floor: float | None) -> tuple[float, int]:
    """A render rising 10 % a second that is done at 10.05 s, polled every 0.2 s: when the
    poll saw it done, and how many polls there were."""
    now = [0.0]
    polls = [0]

    async def fetch() -> RenderStatus:
        polls[0] += 1
        if now[0] >= 10.05:
            return RenderStatus("completed", 100.0, url="http://x/v.mp4")
        return RenderStatus("processing", min(100.0, 10.0 * now[0]))

    async def sleep(s: float) -> None:
        now[0] += s

    result = await poll_render(fetch, render_id="r", attempt=1, on_progress=None,
                               sleep=sleep, clock=lambda: now[0], delays=(0.2,),
                               max_wait=100.0, floor=floor)
    assert result.state == "completed"
    return now[0], polls[0]


async def test_near_its_end_a_render_is_polled_closer_down_to_the_floor() -> None:
    seen_at, polls = await _poll_a_steady_render(0.02)
    assert 10.05 <= seen_at <= 10.05 + 0.02 + 1e-9
    assert polls <= 51 + 12  # the schedule's polls and a few more at the very end
    # Without a floor (the cloud) the schedule alone: seen at the next 0.2 s poll.
    seen_at, polls = await _poll_a_steady_render(None)
    assert seen_at == pytest.approx(10.2)
    assert polls == 52


def test_safe_filename_never_keeps_a_path() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("my video?.mp4") == "my video_.mp4"
    assert safe_filename("..").startswith("nemovideo-")
