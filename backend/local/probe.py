"""What an uploaded file is: type by extension, and duration/size/fps read from its content
(Pillow for images, the bundled ffmpeg for audio and video)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AUDIO", "IMAGE", "VIDEO", "MediaInfo", "ProbeError", "file_type", "probe"]

VIDEO = ("mp4", "mov", "avi", "webm", "mkv")
IMAGE = ("jpg", "png", "gif", "webp")
AUDIO = ("mp3", "wav", "m4a", "aac")

_DURATION = re.compile(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)")
_VIDEO = re.compile(r"Stream #\d+:\d+.*?: Video: .*?(\d{2,5})x(\d{2,5})")
_FPS = re.compile(r"(\d+(?:\.\d+)?)\s*fps")
_AUDIO = re.compile(r"Stream #\d+:\d+.*?: Audio: ")


class ProbeError(Exception):
    """The file's content is not readable as the media its extension says."""


@dataclass(frozen=True)
class MediaInfo:
    file_type: str  # "video" | "image" | "audio"
    duration: float
    width: int
    height: int
    fps: float
    has_audio: bool = False  # a video with its own sound


def file_type(filename: str) -> str | None:
    """"video", "image" or "audio" from the extension; None when not accepted."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext in VIDEO:
        return "video"
    if ext in IMAGE:
        return "image"
    if ext in AUDIO:
        return "audio"
    return None


def probe(path: Path, kind: str) -> MediaInfo:
    """Read ``path`` as ``kind``. Raises ``ProbeError`` when it cannot be read as that."""
    if kind == "image":
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as img:
                img.verify()
            with Image.open(path) as img:
                return MediaInfo("image", 0.0, int(img.width), int(img.height), 0.0)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ProbeError(f"not a readable image ({exc.__class__.__name__})") from None
    import imageio_ffmpeg

    try:
        proc = subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
            capture_output=True, text=True, errors="replace", timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProbeError(f"could not run ffmpeg to read it: {exc}") from None
    text = proc.stderr
    duration_m = _DURATION.search(text)
    video_m = _VIDEO.search(text)
    if duration_m is None or (kind == "video" and video_m is None) or (
            kind == "audio" and _AUDIO.search(text) is None):
        raise ProbeError(f"not a readable {kind} file")
    h, m, s = duration_m.groups()
    duration = int(h) * 3600 + int(m) * 60 + float(s)
    if kind == "audio":
        return MediaInfo("audio", round(duration, 3), 0, 0, 0.0)
    assert video_m is not None
    line = text[video_m.start(): text.find("\n", video_m.start())]
    fps_m = _FPS.search(line)
    return MediaInfo("video", round(duration, 3), int(video_m.group(1)), int(video_m.group(2)),
                     float(fps_m.group(1)) if fps_m else 0.0,
                     has_audio=_AUDIO.search(text) is not None)
