"""Batch style: "make a separate video from each of these" with three files gives three
projects, three drafts and three renders; later messages name one by ordinal or file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from backend.local.runner import LocalBackend
from skill.conversation import batch
from skill.replies import Media
from tests.backend.local.conftest import FakeRenderer
from tests.skill.conversation.conftest import Harness, fast_options, say, texts


@pytest.fixture
def renderer() -> FakeRenderer:
    return FakeRenderer()


@pytest.fixture
def backend(tmp_path: Path, renderer: FakeRenderer) -> Iterator[LocalBackend]:
    with LocalBackend.start(tmp_path / "backend", options=fast_options(renderer=renderer)) as lb:
        yield lb


def _images(tmp_path: Path) -> list[str]:
    paths = []
    for name, colour in (("red.png", (200, 30, 30)), ("green.png", (30, 200, 30)),
                         ("blue.png", (30, 30, 200))):
        path = tmp_path / name
        Image.new("RGB", (320, 180), colour).save(path)
        paths.append(str(path))
    return paths


async def test_one_project_and_render_per_file(harness: Harness, renderer: FakeRenderer,
                                               tmp_path: Path) -> None:
    files = _images(tmp_path)
    async with harness.open() as convo:
        replies = await say(convo, "make a separate video from each of these", files)
        media = [r for r in replies if isinstance(r, Media)]
        assert len(media) == 3
        assert len({m.path for m in media}) == 3
        rendered = [[sg["m"].get("name") for t in d["t"] for sg in t["sg"]
                     if sg["m"].get("media_id")] for d in renderer.calls]
        assert rendered == [["red.png"], ["green.png"], ["blue.png"]]
        stored = convo.client.store.load()
        assert [item.name for item in stored.batch] == ["red.png", "green.png", "blue.png"]
        assert len({item.session_id for item in stored.batch}) == 3
        assert "3 videos" in texts(replies)

        replies = await say(convo, "the second one: add a title 'Green'")
        assert "green.png" in texts(replies, "status")
        state = await convo.client.state()
        names = [sg["m"].get("name") or sg["m"].get("text") for t in state.draft["t"]
                 for sg in t["sg"]]
        assert "green.png" in names
        assert "Green" in names

        replies = await say(convo, "export red.png")
        exported = [r for r in replies if isinstance(r, Media)]
        assert len(exported) == 1
        assert [sg["m"].get("name") for t in renderer.calls[-1]["t"] for sg in t["sg"]
                if sg["m"].get("media_id")] == ["red.png"]


def test_batch_phrases_and_choices() -> None:
    assert batch.wants_batch("make a separate video from each of these")
    assert batch.wants_batch("把这些素材分别做成视频")
    assert not batch.wants_batch("make a video from these")
    names = ["clip.mp4", "beach.jpg", "song.mp3"]
    assert batch.pick("the second one: add music", names) == 1
    assert batch.pick("第三个加标题", names) == 2
    assert batch.pick("export clip.mp4", names) == 0
    assert batch.pick("the last one", names) == 2
    assert batch.pick("add a caption for the first 3 seconds", names) is None
    assert batch.pick("add a caption", names) is None
