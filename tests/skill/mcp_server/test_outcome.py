"""A tool call's replies: live notifications while it runs, then the result the host reads."""

from __future__ import annotations

import itertools
from pathlib import Path

from mcp import types

from skill.mcp_server.outcome import ToolOutcome
from skill.replies import Error, Media, Progress, Reply, Status, Text


class Recorder:
    """Collects what would go to the client."""

    def __init__(self, *, wants_progress: bool) -> None:
        self.wants_progress = wants_progress
        self.updates: list[tuple[float, str]] = []
        self.logs: list[str] = []

    async def progress(self, value: float, message: str) -> None:
        self.updates.append((value, message))

    async def log(self, message: str) -> None:
        self.logs.append(message)


async def test_progress_rises_strictly_across_two_renders_and_status_lines() -> None:
    rec = Recorder(wants_progress=True)
    outcome = ToolOutcome(rec)
    events: list[Reply] = [
        Status("Connecting…"), Progress("⏳ Rendering…", 0.0), Progress("⏳ 40%", 40.0),
        Progress("⏳ 100%", 100.0), Text("Video one."),
        Progress("⏳ Rendering…", 0.0), Progress("⏳ 50%", 50.0),
        Progress("Uploading…", None, stage="upload")]
    for event in events:
        await outcome.add(event)
    values = [v for v, _ in rec.updates]
    assert [m for _, m in rec.updates] == [e.text for e in events]
    assert all(b > a for a, b in itertools.pairwise(values)), values
    # Within one render the steps keep their size, so a host can still read them as percent.
    assert values[3] - values[1] == 100.0
    assert values[6] - values[5] == 50.0
    assert rec.logs == []


async def test_without_progress_token_status_goes_to_the_log_and_text_only_to_the_result(
        ) -> None:
    rec = Recorder(wants_progress=False)
    outcome = ToolOutcome(rec)
    events: list[Reply] = [Status("Connecting…"), Progress("⏳ 50%", 50.0), Text("Here it is.")]
    for event in events:
        await outcome.add(event)
    assert rec.logs == ["Connecting…", "⏳ 50%"]
    assert rec.updates == []
    result = outcome.result()
    assert result.isError is False
    assert [c.text for c in result.content if isinstance(c, types.TextContent)] == [
        "Here it is."]


async def test_result_joins_user_text_links_the_video_and_flags_errors(tmp_path: Path) -> None:
    video = tmp_path / "my video.mp4"
    video.write_bytes(b"\0" * 1234)
    outcome = ToolOutcome(Recorder(wants_progress=True))
    await outcome.add(Text("Done."))
    await outcome.add(Media(path=video, text=f"✅ Video ready: {video}", width=1920, height=1080,
                            duration=3.0))
    await outcome.add(Error("The second render failed.", code=13, error="RenderFailed"))
    result = outcome.result()
    assert result.isError is True
    text, link = result.content
    assert isinstance(text, types.TextContent)
    assert text.text == f"Done.\n\n✅ Video ready: {video}\n\nThe second render failed."
    assert isinstance(link, types.ResourceLink)
    assert str(link.uri) == video.resolve().as_uri()
    assert (link.name, link.mimeType, link.size) == ("my video.mp4", "video/mp4", 1234)
    assert link.description == "1920×1080, 3 s"
