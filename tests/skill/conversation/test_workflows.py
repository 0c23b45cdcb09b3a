"""The seeds' Common Workflows end to end: conversation → client → local backend → MP4."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.replies import Error, Media
from tests.media import probe, write_png
from tests.skill.conversation.conftest import Harness, say, texts


def only_media(replies: list) -> Media:  # type: ignore[type-arg]
    media = [r for r in replies if isinstance(r, Media)]
    assert len(media) == 1, texts(replies)
    return media[0]


async def test_quick_edit_upload_generate_export(harness: Harness, tmp_path: Path) -> None:
    image = write_png(tmp_path / "poster.png")
    async with harness.open() as convo:
        uploaded = await say(convo, "", [str(image)])
        assert "poster.png" in texts(uploaded)
        generated = await say(convo, "generate a 3-second video from this script: "
                                     "A quiet morning in the mountains.")
        reply = texts(generated)
        assert "Timeline (" in reply
        assert not any(isinstance(r, Error) for r in generated), reply
        exported = await say(convo, "export")
    video = only_media(exported)
    assert video.path.parent == harness.export_dir
    assert "Video ready" in video.text
    assert [r.percent for r in exported if r.kind == "progress"][-1] == 100.0
    info = probe(video.path)
    assert (info.video_codec, info.pix_fmt, info.width, info.height) == (
        "h264", "yuv420p", 1920, 1080)
    assert info.audio_codec == "aac"
    assert info.duration == pytest.approx(3.0, abs=0.1)


async def test_batch_style_each_upload_gets_its_own_render(harness: Harness,
                                                           tmp_path: Path) -> None:
    files = [write_png(tmp_path / f"shot{i}.png", (40 * i, 90, 160)) for i in (1, 2)]
    videos = []
    async with harness.open() as convo:
        for i, image in enumerate(files, start=1):
            await say(convo, "", [str(image)])
            replies = await say(convo, f"make a 2-second vertical 9:16 video titled 'Shot {i}'",
                                export_to=tmp_path / f"shot{i}.mp4")
            videos.append(only_media(replies).path)
    assert videos == [tmp_path / "shot1.mp4", tmp_path / "shot2.mp4"]
    assert videos[0].read_bytes() != videos[1].read_bytes()
    for path in videos:
        assert probe(path).video_codec == "h264"


async def test_iterative_refinement_survives_a_restart(harness: Harness,
                                                       backend: LocalBackend) -> None:
    async with harness.open() as convo:
        await say(convo, "generate a 4-second video of a city skyline at dusk with upbeat music")
        edited = await say(convo, "change the title to 'Skyline'")
        assert "Skyline" in texts(edited)
        session = convo.client.store.load().session_id
    # A new process: the same project continues from the persisted session.
    async with harness.open() as convo:
        louder = await say(convo, "set the music volume to 60%")
        assert "60%" in texts(louder)
        status = texts(await say(convo, "show tracks"))
        assert convo.client.store.load().session_id == session
        video = only_media(await say(convo, "export"))
    assert 'Title: "Skyline"' in status
    assert "60%" in status
    assert backend.requests.count("session") == 1
    assert probe(video.path).duration == pytest.approx(4.0, abs=0.1)
