"""An uploaded clip keeps its own sound in the export, under the music (ducked while the
clip plays) unless muted; clips and images keep their aspect, fitted whole or filling the
frame by choice. Real renderer, real HTTP, levels measured with ffmpeg's volumedetect."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import numpy as np

from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api
from tests.media import frames_at, write_png

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def _ffmpeg(path: Path, *args: str) -> Path:
    subprocess.run([FFMPEG, "-hide_banner", "-loglevel", "error", "-y", *args, str(path)],
                   check=True, timeout=60)
    return path


def _clip(path: Path, seconds: float, audio: str) -> Path:
    return _ffmpeg(path, "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:duration={seconds}",
                   "-f", "lavfi", "-i", f"{audio}:duration={seconds}" if "sine" in audio
                   else audio, "-t", str(seconds), "-shortest", "-pix_fmt", "yuv420p",
                   "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")


def _mean_volume(path: Path, start: float, length: float) -> float:
    done = subprocess.run([FFMPEG, "-hide_banner", "-ss", str(start), "-t", str(length), "-i",
                           str(path), "-vn", "-af", "volumedetect", "-f", "null", "-"],
                          capture_output=True, text=True, timeout=60, check=False)
    found = re.search(r"mean_volume:\s*(-?[\d.]+|-inf) dB", done.stderr)
    assert found, done.stderr
    return -200.0 if found.group(1) == "-inf" else float(found.group(1))


def _upload(api: Api, token: str, sid: str, *paths: Path) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files,
                      headers=api.auth(token))
    assert r.status_code == 200, r.text


def _export(api: Api, token: str, sid: str, rid: str, out: Path) -> Path:
    draft = api.state(token, sid)["draft"]
    r = api.http.post("/api/render/proxy/lambda",
                      json={"id": rid, "sessionId": sid, "draft": draft,
                            "output": {"format": "mp4", "quality": "high"}},
                      headers=api.auth(token, **HEADERS))
    assert r.status_code == 200, r.text
    api.backend.wait_idle(timeout=240)
    data: dict[str, Any] = api.http.get(f"/api/render/proxy/lambda/{rid}",
                                        headers=api.auth(token)).json()["data"]
    assert data["status"] == "completed", data
    out.write_bytes(api.http.get(data["outputUrl"]).content)
    return out


def test_clip_sound_is_kept_and_can_be_muted(make_backend: Callable[..., LocalBackend],
                                             make_api: Callable[[LocalBackend], Api],
                                             tmp_path: Path) -> None:
    api = make_api(make_backend(renderer=None))
    token, sid = api.new_user()
    _upload(api, token, sid, _clip(tmp_path / "talk.mp4", 2, "sine=frequency=1000"))
    loud = _export(api, token, sid, "render_clip_sound", tmp_path / "loud.mp4")
    assert _mean_volume(loud, 0.2, 1.5) > -30  # the clip's tone, not silence

    text = "\n".join(api.chat(token, sid, "mute the original sound").final_texts)
    assert "muted" in text
    quiet = _export(api, token, sid, "render_clip_muted", tmp_path / "quiet.mp4")
    assert _mean_volume(quiet, 0.2, 1.5) < -60


def test_music_is_ducked_while_a_clip_plays_and_pictures_fit_or_fill(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api],
        tmp_path: Path) -> None:
    api = make_api(make_backend(renderer=None))
    token, sid = api.new_user()
    still = write_png(tmp_path / "still.png", (200, 80, 40))  # 320×240: 4:3
    silent_clip = _clip(tmp_path / "quiet.mp4", 3, "anullsrc=r=44100:cl=stereo")
    _upload(api, token, sid, still, silent_clip)
    state = api.state(token, sid)
    assert [s["m"]["name"] for s in state["draft"]["t"][0]["sg"]] == ["still.png", "quiet.mp4"]
    api.chat(token, sid, "add calm music")
    out = _export(api, token, sid, "render_ducked", tmp_path / "ducked.mp4")
    # Image 0–3 s (music alone), clip 3–6 s (its silent sound: only the ducked music).
    open_level = _mean_volume(out, 0.8, 1.8)
    ducked_level = _mean_volume(out, 3.3, 2.0)
    assert ducked_level < open_level - 6, (open_level, ducked_level)

    # A 4:3 picture on the 16:9 canvas is pillarboxed, not stretched: black at the sides.
    frame = frames_at(out, (1.0,))[0]
    w = frame.shape[1]
    side = float(np.abs(frame[:, : w // 10]).mean())
    middle = float(np.abs(frame[:, w * 2 // 5: w * 3 // 5]).mean())
    assert side < 10 < middle

    # By choice, the picture fills the frame instead (cropped top and bottom).
    text = "\n".join(api.chat(token, sid, "fill the frame").final_texts)
    assert "fill the frame" in text
    filled = _export(api, token, sid, "render_filled", tmp_path / "filled.mp4")
    frame = frames_at(filled, (1.0,))[0]
    assert float(np.abs(frame[:, : w // 10]).mean()) > 10
