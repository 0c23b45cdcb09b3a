"""Inspect an MP4 the way a user's player would: streams, codec, size, duration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av


@dataclass(frozen=True)
class Probe:
    video_codec: str
    pix_fmt: str
    width: int
    height: int
    duration: float
    audio_codec: str | None


def probe(path: Path) -> Probe:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        duration = float(container.duration or 0) / 1_000_000
        return Probe(video.codec_context.name, str(video.codec_context.pix_fmt),
                     video.codec_context.width, video.codec_context.height, duration,
                     audio.codec_context.name if audio else None)


def write_png(path: Path, colour: tuple[int, int, int] = (200, 80, 40)) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 240), colour).save(path)
    return path
