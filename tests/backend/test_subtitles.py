"""Captions written as ``.srt`` beside an exported video, with the draft's exact times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from backend.local.runner import LocalBackend
from backend.subtitles import srt_text, write_srt_beside
from tests.backend.test_client_local import drain, make
from tests.backend.test_client_local import http as http  # noqa: PLC0414 - a fixture
from tests.backend.test_client_local import lb as lb  # noqa: PLC0414 - a fixture
from tests.backend.test_client_local import start as start  # noqa: PLC0414 - a fixture


def caption(s: int, d: int, text: str) -> dict[str, Any]:
    return {"id": f"c{s}", "s": s, "d": d, "m": {"text": text, "role": "caption"}}


def test_srt_has_the_caption_times_in_order() -> None:
    draft = {"t": [
        {"tt": 7, "n": "Title", "sg": [{"s": 0, "d": 3000, "m": {"text": "T", "role": "title"}}]},
        {"tt": 7, "n": "Captions", "sg": [caption(3_723_456, 1544, "第二句"),
                                          caption(400, 1805, "A city wakes up")]},
    ]}
    assert srt_text(draft) == (
        "1\n00:00:00,400 --> 00:00:02,205\nA city wakes up\n\n"
        "2\n01:02:03,456 --> 01:02:05,000\n第二句\n"
    )


def test_no_captions_no_file(tmp_path: Path) -> None:
    video = tmp_path / "v.mp4"
    video.write_bytes(b"x")
    assert write_srt_beside(video, {"t": [{"tt": 0, "sg": []}]}) is None
    assert list(tmp_path.iterdir()) == [video]


async def test_export_writes_the_srt_beside_the_mp4(lb: LocalBackend, http: httpx.AsyncClient,
                                                    tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(
        "Make a video from this script: A city wakes up. Trains glide by."))
    draft = (await client.state()).draft
    assert draft is not None
    video = await client.export(None, tmp_path / "out")
    srt = video.with_suffix(".srt")
    assert srt.read_text(encoding="utf-8") == srt_text(draft)
    captions = next(t for t in draft["t"] if t.get("n") == "Captions")["sg"]
    first = captions[0]
    start_ms = first["s"]
    stamp = f"00:00:{start_ms // 1000:02d},{start_ms % 1000:03d}"
    assert srt.read_text(encoding="utf-8").startswith(f"1\n{stamp} --> ")
    assert sorted(p.name for p in video.parent.iterdir()) == sorted([video.name, srt.name])



def test_the_srt_is_as_readable_as_its_video(tmp_path: Path) -> None:
    # Written through a 0600 temporary file; the result must not be more private than the
    # video it goes with.
    video = tmp_path / "v.mp4"
    video.write_bytes(b"x")
    video.chmod(0o644)
    draft = {"t": [{"tt": 7, "n": "Captions", "sg": [
        {"s": 0, "d": 1000, "m": {"role": "caption", "text": "Hello"}}]}]}
    srt = write_srt_beside(video, draft)
    assert srt is not None
    assert srt.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
