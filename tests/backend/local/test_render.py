"""End-to-end tests of the local renderer: real ffmpeg runs, outputs inspected with PyAV."""

from __future__ import annotations

import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image

from backend.local.render import RenderCancelled, RenderError, ffmpeg_exe, render_draft

W, H, FPS = 320, 180, 30


def scene(
    s: int,
    d: int,
    motion: str = "pan",
    palette: tuple[str, str] = ("#203a8f", "#f08050"),
    seed: int = 3,
) -> dict[str, Any]:
    return {
        "id": f"sc{s}",
        "s": s,
        "d": d,
        "m": {
            "kind": "scene",
            "desc": "test",
            "palette": list(palette),
            "motion": motion,
            "seed": seed,
        },
    }


def draft(
    d: int,
    *,
    video: list[dict[str, Any]] | None = None,
    audio: list[dict[str, Any]] | None = None,
    text: list[dict[str, Any]] | None = None,
    w: int = W,
    h: int = H,
    ratio: str = "16:9",
) -> dict[str, Any]:
    tracks = []
    if video is not None:
        tracks.append({"id": "v", "tt": 0, "n": "Video", "sg": video})
    if audio is not None:
        tracks.append({"id": "a", "tt": 1, "n": "BGM", "sg": audio})
    if text is not None:
        tracks.append({"id": "x", "tt": 7, "n": "Title", "sg": text})
    return {"v": 1, "w": w, "h": h, "fps": FPS, "ratio": ratio, "d": d, "t": tracks}


def bgm(s: int, d: int, vol: float) -> dict[str, Any]:
    return {
        "id": "bgm",
        "s": s,
        "d": d,
        "m": {"kind": "bgm", "name": "Lo-fi", "mood": "calm", "vol": vol, "bpm": 96},
    }


def title(s: int, d: int, text: str, pos: str = "center") -> dict[str, Any]:
    return {
        "id": "ti",
        "s": s,
        "d": d,
        "m": {"text": text, "role": "title", "pos": pos, "size": 0.15, "color": "#ffffff"},
    }


def no_media(_: str) -> Path | None:
    return None


@dataclass
class Probe:
    vcodec: str
    pix_fmt: str
    width: int
    height: int
    duration: float
    acodec: str | None
    frames: list[np.ndarray[Any, Any]]
    audio: np.ndarray[Any, Any]  # channels × samples, float


def probe(path: Path) -> Probe:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        acodec = c.streams.audio[0].codec_context.name if c.streams.audio else None
        duration = float(c.duration or 0) / 1_000_000
        info = (v.codec_context.name, v.codec_context.pix_fmt, v.width, v.height)
        frames = [f.to_ndarray(format="rgb24").astype(np.int16) for f in c.decode(video=0)]
    chunks: list[np.ndarray[Any, Any]] = []
    if acodec:
        with av.open(str(path)) as c:
            chunks = [f.to_ndarray() for f in c.decode(audio=0)]
    audio = np.concatenate(chunks, axis=1) if chunks else np.zeros((2, 0))
    return Probe(*info, duration, acodec, frames, audio)


def frame_at(p: Probe, seconds: float) -> np.ndarray[Any, Any]:
    return p.frames[round(seconds * FPS)]


def rms(samples: np.ndarray[Any, Any]) -> float:
    return float(np.sqrt(np.mean(np.square(samples)))) if samples.size else 0.0


def make_clip(path: Path, colors: list[str], seconds: float = 1.0) -> None:
    """A small H.264 clip showing each of ``colors`` for ``seconds`` in turn."""
    args = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    for color in colors:
        args += ["-f", "lavfi", "-i", f"color=c={color}:s=160x90:r={FPS}:d={seconds}"]
    n = len(colors)
    args += [
        "-filter_complex",
        "".join(f"[{i}:v]" for i in range(n)) + f"concat=n={n}:v=1[v]",
        "-map",
        "[v]",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        str(path),
    ]
    subprocess.run(args, check=True)


def test_renders_h264_yuv420p_aac_at_draft_size_and_duration(tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    seen: list[float] = []
    d = draft(
        1500,
        video=[scene(0, 1500)],
        audio=[bgm(0, 1500, 0.6)],
        text=[title(200, 800, "Hello 你好")],
    )
    render_draft(d, out, media=no_media, on_progress=seen.append)
    p = probe(out)
    assert (p.vcodec, p.pix_fmt, p.width, p.height) == ("h264", "yuv420p", W, H)
    assert p.acodec == "aac"
    assert p.duration == pytest.approx(1.5, abs=0.1)
    assert len(p.frames) == 45
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert all(0 <= v <= 1 for v in seen)
    assert [f.name for f in tmp_path.iterdir()] == ["out.mp4"]


def test_writes_nothing_outside_the_output_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The local backend promises to write only inside its data directory.
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    out = tmp_path / "renders" / "out.mp4"
    render_draft(draft(500, video=[scene(0, 500)], text=[title(0, 500, "Hi")]), out,
                 media=no_media)
    assert list(system_tmp.iterdir()) == []
    assert [f.name for f in out.parent.iterdir()] == ["out.mp4"]


@pytest.mark.parametrize(
    ("ratio", "size"),
    [("16:9", (1920, 1080)), ("9:16", (1080, 1920)), ("1:1", (1080, 1080))],
)
def test_full_size_canvas_from_ratio(tmp_path: Path, ratio: str, size: tuple[int, int]) -> None:
    out = tmp_path / "full.mp4"
    d = draft(
        1000,
        video=[scene(0, 1000, motion="zoom")],
        audio=[bgm(0, 1000, 0.5)],
        text=[title(0, 1000, "标题 Title", pos="top")],
        ratio=ratio,
    )
    del d["w"], d["h"]  # the canvas comes from the ratio
    render_draft(d, out, media=no_media)
    p = probe(out)
    assert (p.width, p.height, p.vcodec, p.pix_fmt, p.acodec) == (*size, "h264", "yuv420p", "aac")
    assert p.duration == pytest.approx(1.0, abs=0.1)


def test_title_drawn_only_during_its_time_in_its_region(tmp_path: Path) -> None:
    base = draft(2000, video=[scene(0, 2000, motion="pulse")])
    with_title = draft(
        2000, video=[scene(0, 2000, motion="pulse")], text=[title(500, 500, "日落时分")]
    )
    render_draft(base, tmp_path / "base.mp4", media=no_media)
    render_draft(with_title, tmp_path / "title.mp4", media=no_media)
    plain, titled = probe(tmp_path / "base.mp4"), probe(tmp_path / "title.mp4")
    region = (slice(H // 2 - 25, H // 2 + 25), slice(W // 4, 3 * W // 4))

    def diff(t: float) -> float:
        return float(np.abs(frame_at(titled, t)[region] - frame_at(plain, t)[region]).mean())

    assert diff(0.75) > 20  # white glyphs with dark outlines over a mid-tone gradient
    assert diff(0.25) < 3
    assert diff(1.6) < 3
    # Outside the title's box nothing changes even while it shows.
    corner = (slice(0, 30), slice(0, 60))
    assert float(np.abs(frame_at(titled, 0.75)[corner] - frame_at(plain, 0.75)[corner]).mean()) < 3


@pytest.mark.parametrize("motion", ["pan", "zoom", "drift", "pulse"])
def test_generated_scene_moves(tmp_path: Path, motion: str) -> None:
    out = tmp_path / f"{motion}.mp4"
    render_draft(draft(2000, video=[scene(0, 2000, motion=motion)]), out, media=no_media)
    p = probe(out)
    assert float(np.abs(p.frames[-1] - p.frames[0]).mean()) > 0.5
    # Colours come from the palette: neither black nor washed out.
    mean = p.frames[0].mean(axis=(0, 1))
    assert 30 < mean.mean() < 230


def test_palette_drives_colour(tmp_path: Path) -> None:
    render_draft(
        draft(500, video=[scene(0, 500, palette=("#0a40c0", "#2060ff"))]),
        tmp_path / "blue.mp4",
        media=no_media,
    )
    render_draft(
        draft(500, video=[scene(0, 500, palette=("#c02010", "#ff6020"))]),
        tmp_path / "red.mp4",
        media=no_media,
    )
    # The palette casts the sky (the scene's words decide what is drawn): compare the top third.
    blue = probe(tmp_path / "blue.mp4").frames[0][: H // 3].mean(axis=(0, 1))
    red = probe(tmp_path / "red.mp4").frames[0][: H // 3].mean(axis=(0, 1))
    assert red[0] - red[2] > blue[0] - blue[2] + 40


def test_uploaded_image_and_video_placed_in_time(tmp_path: Path) -> None:
    Image.new("RGB", (160, 90), (230, 20, 20)).save(tmp_path / "red.png")
    make_clip(tmp_path / "clip.mp4", ["blue", "green"])
    files = {"img1": tmp_path / "red.png", "vid1": tmp_path / "clip.mp4"}
    d = draft(
        3000,
        video=[
            {
                "id": "i",
                "s": 500,
                "d": 1000,
                "m": {"kind": "media", "media_id": "img1", "file_type": "image", "name": "red.png"},
            },
            # src_in skips the blue second: the segment shows green.
            {
                "id": "c",
                "s": 2000,
                "d": 800,
                "m": {"kind": "media", "media_id": "vid1", "file_type": "video", "src_in": 1000},
            },
        ],
    )
    render_draft(d, tmp_path / "out.mp4", media=files.get)
    p = probe(tmp_path / "out.mp4")
    center = (slice(H // 2 - 10, H // 2 + 10), slice(W // 2 - 10, W // 2 + 10))

    def rgb(t: float) -> np.ndarray[Any, Any]:
        return np.asarray(frame_at(p, t)[center].mean(axis=(0, 1)))

    assert rgb(0.2).max() < 20  # nothing covers 0–0.5 s: black
    r, g, b = rgb(1.0)
    assert r > 180
    assert g < 60
    assert b < 60
    assert rgb(1.7).max() < 20
    r, g, b = rgb(2.4)
    assert g > 90
    assert r < 40
    assert b < 40
    assert p.duration == pytest.approx(3.0, abs=0.1)


def test_video_shorter_than_segment_holds_last_frame(tmp_path: Path) -> None:
    make_clip(tmp_path / "short.mp4", ["yellow"], seconds=0.5)
    d = draft(
        1500,
        video=[
            {
                "id": "c",
                "s": 0,
                "d": 1500,
                "m": {"kind": "media", "media_id": "v", "file_type": "video"},
            }
        ],
    )
    render_draft(d, tmp_path / "out.mp4", media={"v": tmp_path / "short.mp4"}.get)
    late = frame_at(probe(tmp_path / "out.mp4"), 1.3).mean(axis=(0, 1))
    assert late[0] > 180
    assert late[1] > 180
    assert late[2] < 60


def test_audio_follows_volume(tmp_path: Path) -> None:
    levels = {}
    for vol in (0.0, 0.25, 1.0):
        out = tmp_path / f"v{vol}.mp4"
        render_draft(
            draft(2000, video=[scene(0, 2000)], audio=[bgm(0, 2000, vol)]), out, media=no_media
        )
        levels[vol] = rms(probe(out).audio[:, 44100 // 2 : 44100 * 3 // 2])
    assert levels[0.0] < 1e-4
    assert levels[1.0] > 0.05
    assert levels[0.25] / levels[1.0] == pytest.approx(0.25, rel=0.2)


def test_uploaded_audio_placed_at_its_time_and_volume(tmp_path: Path) -> None:
    rate = 44100
    t = np.arange(rate * 2) / rate
    tone = np.repeat(np.sin(2 * np.pi * 440 * t) * 0.5 * 32767, 2).astype("<i2")
    with wave.open(str(tmp_path / "tone.wav"), "wb") as fh:
        fh.setnchannels(2)
        fh.setsampwidth(2)
        fh.setframerate(rate)
        fh.writeframes(tone.tobytes())
    d = draft(
        2000,
        video=[scene(0, 2000)],
        audio=[
            {"id": "u", "s": 1000, "d": 1000, "m": {"kind": "media", "media_id": "t1", "vol": 0.5}},
        ],
    )
    render_draft(d, tmp_path / "out.mp4", media={"t1": tmp_path / "tone.wav"}.get)
    audio = probe(tmp_path / "out.mp4").audio
    assert rms(audio[:, int(rate * 0.1) : int(rate * 0.9)]) < 1e-3
    # A 0.5-amplitude sine has RMS 0.354; at volume 0.5 that is ~0.177.
    assert rms(audio[:, int(rate * 1.2) : int(rate * 1.8)]) == pytest.approx(0.177, rel=0.15)


def test_draft_without_audio_still_has_a_silent_aac_track(tmp_path: Path) -> None:
    render_draft(draft(800, video=[scene(0, 800)]), tmp_path / "o.mp4", media=no_media)
    p = probe(tmp_path / "o.mp4")
    assert p.acodec == "aac"
    assert rms(p.audio) < 1e-4


def test_missing_media_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    d = draft(
        1000,
        video=[
            {
                "id": "i",
                "s": 0,
                "d": 1000,
                "m": {
                    "kind": "media",
                    "media_id": "m_42",
                    "file_type": "image",
                    "name": "holiday.jpg",
                },
            }
        ],
    )
    with pytest.raises(RenderError, match=r"holiday\.jpg.*m_42.*Upload it again"):
        render_draft(d, tmp_path / "out.mp4", media=no_media)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_media_is_a_render_error_without_partial_output(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    bad = tmp_path / "media" / "broken.mp4"
    bad.write_bytes(b"this is not a video" * 100)
    out_dir = tmp_path / "out"
    d = draft(
        1000,
        video=[
            {
                "id": "c",
                "s": 0,
                "d": 1000,
                "m": {"kind": "media", "media_id": "b", "file_type": "video"},
            }
        ],
    )
    with pytest.raises(RenderError, match="could not be rendered"):
        render_draft(d, out_dir / "out.mp4", media={"b": bad}.get)
    assert list(out_dir.iterdir()) == []


def test_cancel_kills_ffmpeg_and_leaves_previous_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    out.write_bytes(b"previous export")
    cancel = threading.Event()
    seen: list[float] = []

    def on_progress(value: float) -> None:
        seen.append(value)
        if value > 0.05:  # ffmpeg is running and has reported a position
            cancel.set()

    # Long enough at full size that ffmpeg is still encoding when the first report arrives.
    d = draft(60000, video=[scene(0, 60000)], audio=[bgm(0, 60000, 0.5)], w=1920, h=1080)
    with pytest.raises(RenderCancelled):
        render_draft(d, out, media=no_media, on_progress=on_progress, cancel=cancel)
    assert out.read_bytes() == b"previous export"
    assert [f.name for f in tmp_path.iterdir()] == ["out.mp4"]
    assert seen[-1] < 1.0


def test_cancel_before_start_renders_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(RenderCancelled):
        render_draft(
            draft(1000, video=[scene(0, 1000)]), tmp_path / "o.mp4", media=no_media, cancel=cancel
        )
    assert list(tmp_path.iterdir()) == []


def test_empty_draft_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="empty"):
        render_draft({"t": []}, tmp_path / "o.mp4", media=no_media)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_destination_is_a_render_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RenderError, match="cannot be written"):
        render_draft(draft(500, video=[scene(0, 500)]), blocker / "o.mp4", media=no_media)


def test_long_timelines_render_in_parts_joined_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import backend.local.render as render_module

    # Two pieces per part: five pieces become three parts joined by stream copy.
    monkeypatch.setattr(render_module, "_CHUNK_WEIGHT", 2)
    joins: list[int] = []
    real_mux = render_module.build_mux_command

    def spy_mux(plan: Any, assets: Any, concat_list: Path) -> Any:
        joins.append(concat_list.read_text().count("file "))
        return real_mux(plan, assets, concat_list)

    monkeypatch.setattr(render_module, "build_mux_command", spy_mux)
    colors = {"r": (230, 20, 20), "g": (20, 200, 20), "b": (20, 20, 230), "w": (240, 240, 240)}
    files = {}
    for key, rgb in colors.items():
        Image.new("RGB", (64, 36), rgb).save(tmp_path / f"{key}.png")
        files[key] = tmp_path / f"{key}.png"

    def still(s: int, key: str) -> dict[str, Any]:
        return {"id": key, "s": s, "d": 400, "m": {"kind": "media", "media_id": key,
                                                   "file_type": "image"}}  # fmt: skip

    d = draft(
        2100,
        video=[still(0, "r"), still(400, "g"), still(800, "b"), still(1200, "w"), still(1600, "r")],
        audio=[bgm(0, 2100, 0.8)],
        text=[title(300, 700, "跨段标题", pos="top")],  # spans the first join
    )
    render_draft(d, tmp_path / "out.mp4", media=files.get)
    assert joins == [3]  # five stills and the closing gap, two per part
    p = probe(tmp_path / "out.mp4")
    assert len(p.frames) == 63
    assert p.duration == pytest.approx(2.1, abs=0.1)
    middle = (slice(H // 2 - 5, H // 2 + 5), slice(W // 2 - 5, W // 2 + 5))
    for t, key in [(0.2, "r"), (0.6, "g"), (1.0, "b"), (1.4, "w"), (1.8, "r")]:
        got = frame_at(p, t)[middle].mean(axis=(0, 1))
        assert np.abs(got - np.array(colors[key])).max() < 40, (t, key, got)
    assert frame_at(p, 2.05)[middle].max() < 20  # 2.0–2.1 s: nothing, black
    top = (slice(int(H * 0.08), int(H * 0.25)), slice(W // 4, 3 * W // 4))
    plain_g = np.abs(frame_at(p, 0.5)[top] - np.array(colors["g"])).mean()
    plain_after = np.abs(frame_at(p, 1.1)[top] - np.array(colors["b"])).mean()
    assert plain_g > 20  # the title covers part of the green still across the join
    assert plain_after < 10  # and is gone after 1.0 s
    assert rms(p.audio) > 0.02


def test_renders_in_parallel_threads(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def job(n: int) -> None:
        try:
            d = draft(800, video=[scene(0, 800, seed=n)], text=[title(0, 800, f"线程 {n}")])
            render_draft(d, tmp_path / f"o{n}.mp4", media=no_media)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=job, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    for n in range(3):
        assert len(probe(tmp_path / f"o{n}.mp4").frames) == 24


def test_title_fades_in_and_out(tmp_path: Path) -> None:
    base = draft(2000, video=[scene(0, 2000, motion="pulse")])
    with_title = draft(2000, video=[scene(0, 2000, motion="pulse")], text=[title(0, 2000, "渐入")])
    render_draft(base, tmp_path / "base.mp4", media=no_media)
    render_draft(with_title, tmp_path / "title.mp4", media=no_media)
    plain, titled = probe(tmp_path / "base.mp4"), probe(tmp_path / "title.mp4")
    region = (slice(H // 2 - 25, H // 2 + 25), slice(W // 4, 3 * W // 4))
    strength = [
        float(np.abs(titled.frames[i][region] - plain.frames[i][region]).mean())
        for i in (0, 6, 30, 53, 59)
    ]
    # 0.4 s fades at 30 fps: nothing at the first frame, half-way at 0.2 s, full in the middle.
    assert strength[0] < 3
    assert 3 < strength[1] < strength[2]
    assert strength[4] < strength[3] < strength[2]


def test_bgm_loop_is_read_a_bounded_number_of_times_and_still_covers_its_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # An endless -stream_loop input may be read ahead without bound (see
    # render_graph.loop_repeats); the command repeats the loop only as often as needed.
    caplog.set_level("DEBUG", logger="backend.local.render")
    out = tmp_path / "long.mp4"
    render_draft(draft(12000, video=[scene(0, 12000)], audio=[bgm(0, 12000, 1.0)]), out,
                 media=no_media)
    commands = [r.args[0] for r in caplog.records if r.msg == "ffmpeg command: %s"]
    assert len(commands) == 1
    args = commands[0]
    repeats = int(args[args.index("-stream_loop") + 1])
    assert 1 <= repeats <= 3  # the 96 bpm calm loop is 10 s: 12 s need a second pass
    audio = probe(out).audio
    assert rms(audio[:, 44100 * 11 : 44100 * 12]) > 0.02  # music to the end, not silence
