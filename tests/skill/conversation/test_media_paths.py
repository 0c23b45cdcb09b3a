"""Sandbox media paths over real sockets: a backend that serves uploads as ``/mnt/userdata/…``
(``LocalOptions.sandbox_paths``, as the cloud's agent may) gets a draft with the uploads' URLs
at render time; a clip whose file was never uploaded stops the export, named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.replies import Error, Media
from tests.backend.local.conftest import FakeRenderer
from tests.media import write_png
from tests.servers import serving
from tests.skill.conversation.conftest import Harness, fast_options, say, texts

RENDERER = FakeRenderer()


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[LocalBackend]:
    RENDERER.calls.clear()
    RENDERER.media_seen.clear()
    with serving(LocalBackend.start(tmp_path / "backend", options=fast_options(
                    sandbox_paths=True, renderer=RENDERER))) as lb:
        yield lb


def _media_urls(draft: dict[str, object]) -> list[str]:
    return [sg["m"]["url"] for t in draft["t"] for sg in t["sg"]  # type: ignore[index,union-attr]
            if sg["m"].get("kind") == "media"]


async def test_sandbox_paths_are_rewritten_before_the_render(harness: Harness,
                                                             tmp_path: Path) -> None:
    async with harness.open() as convo:
        await say(convo, "", [str(write_png(tmp_path / "poster.png"))])
        assert _media_urls((await convo.client.state()).draft or {}) == [
            "/mnt/userdata/poster.png"]  # as served
        replies = await say(convo, "export")
    assert any(isinstance(r, Media) for r in replies), texts(replies)
    [submitted] = [r.body for r in harness.backend.requests.matching("render")]
    [url] = _media_urls(submitted["draft"])
    assert url.startswith(harness.backend.url + "/media/med_")
    assert url.endswith("/poster.png")
    assert RENDERER.media_seen
    assert all(p is not None for p in RENDERER.media_seen)


async def test_a_clip_never_uploaded_stops_the_export_named(harness: Harness,
                                                            tmp_path: Path) -> None:
    async with harness.open() as convo:
        await say(convo, "", [str(write_png(tmp_path / "poster.png"))])
        # The agent's draft names a sandbox file the project never received (the server's own
        # state, changed as its agent would).
        stored = convo.client.store.load()
        server = harness.backend._service.store
        session = server.session(stored.user_id or "", stored.session_id or "")
        assert session is not None
        session.state["draft"]["t"][0]["sg"][0]["m"]["name"] = "holiday-final.mov"
        server.save_session(session)
        replies = await say(convo, "导出")
    error = next(r for r in replies if isinstance(r, Error))
    assert error.code == 9
    assert "holiday-final.mov" in error.text
    assert "无法导出" in error.text
    assert harness.backend.requests.count("render") == 0
