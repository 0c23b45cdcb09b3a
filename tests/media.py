"""Shared test helpers for media: inspect an MP4 as a player would, make small input files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest


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


def frames_at(path: Path, times: tuple[float, ...]) -> list[np.ndarray[Any, Any]]:
    """RGB frames (int16, for differences) at the given times in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = float(stream.average_rate or 30)
        wanted = {round(t * rate) for t in times}
        found: dict[int, np.ndarray[Any, Any]] = {}
        for i, frame in enumerate(container.decode(video=0)):
            if i in wanted:
                found[i] = frame.to_ndarray(format="rgb24").astype(np.int16)
    return [found[round(t * rate)] for t in times]


def rms_between(path: Path, start: float, end: float) -> float:
    """Root-mean-square level of the first audio stream between two times (seconds)."""
    with av.open(str(path)) as c:
        chunks = [f.to_ndarray() for f in c.decode(audio=0)]
        rate = c.streams.audio[0].rate
    audio = np.concatenate(chunks, axis=1)
    part = audio[:, int(start * rate) : int(end * rate)]
    return float(np.sqrt(np.mean(np.square(part))))


def gated_ffmpeg(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the local renderer's ffmpeg (in servers started from this test's environment)
    wait until the returned gate file exists, then run as usual: a render that is surely still
    running while the test does something else."""
    import imageio_ffmpeg

    gate = folder / "gate"
    wrapper = folder / "ffmpeg"
    wrapper.write_text(f"#!/bin/sh\nwhile [ ! -e '{gate}' ]; do sleep 0.01; done\n"
                       f"exec '{imageio_ffmpeg.get_ffmpeg_exe()}' \"$@\"\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(wrapper))
    return gate
