"""Benchmark the local renderer against a plain-ffmpeg floor measured in the same run.

Renders 30 s at 1920×1080, 30 fps: six illustrated scenes (cross-fading) with a title,
captions and BGM, then the same with narration (speech synthesis included), and for each a
plain ffmpeg command with the same binary doing comparable work: one still drawn once and
panned, the same text overlays, synthesised audio (plus a second source mixed in for the
narrated case), the same encoder settings. Prints wall time, real-time factor (video seconds
per wall second), the ratio to the floor, CPU seconds of both (steadier than wall time on a
shared machine) and peak memory.

    python benchmarks/render_bench.py [--runs 3] [--case scenes|narrated|all] [--hogs 0]

``--hogs N`` runs N busy-looping processes beside every run (a loaded machine on purpose) and
prints each run's ffmpeg peak, for the distribution of peak memory under load.

Targets (issue 14): within 1.25× of the floor without narration, 1.6× with it, ≤ 600 MB.
Runs alternate renderer and floor so both see the same load on a shared machine; the ratio
is taken per pair and the median reported.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from backend.local.narration.timeline import narrate_script
from backend.local.render import ffmpeg_exe, render_draft
from backend.local.scenes import describe_scene

SECONDS = 30
W, H, FPS = 1920, 1080, 30
SCENES = (
    "A sunset over a mountain lake.",
    "Snow falls on a forest cabin.",
    "The city glows at night in the rain.",
    "Waves roll onto a beach at noon.",
    "A desert road at dawn.",
    "Stars over a tent in the hills.",
)


def bench_draft(*, narrated: bool) -> dict[str, Any]:
    ms = SECONDS * 1000
    step = ms // len(SCENES)
    scenes = [{"id": f"s{i}", "s": i * step, "d": step, "m": {
        "kind": "scene", "desc": text, "seed": 11 + i, "motion": "pan",
        "scene": describe_scene(text).to_meta()}} for i, text in enumerate(SCENES)]
    captions = [{"id": f"c{i}", "s": i * step, "d": step, "m": {
        "text": text, "role": "caption", "pos": "bottom", "size": 0.05, "color": "#FFFFFF"}}
        for i, text in enumerate(SCENES)]
    state = {"draft": {
        "v": 1, "w": W, "h": H, "fps": FPS, "ratio": "16:9", "d": ms,
        "t": [
            {"id": "trk_video", "tt": 0, "n": "Video", "sg": scenes},
            {"id": "trk_bgm", "tt": 1, "n": "BGM", "sg": [{"id": "b1", "s": 0, "d": ms, "m": {
                "kind": "bgm", "name": "Lo-fi", "mood": "calm", "vol": 0.6, "bpm": 88}}]},
            {"id": "trk_title", "tt": 7, "n": "Title", "sg": [{"id": "t1", "s": 0, "d": 3000, "m": {
                "text": "海边的日落 · Sunset by the sea", "role": "title", "pos": "center",
                "size": 0.08, "color": "#ffffff"}}]},
            {"id": "trk_captions", "tt": 7, "n": "Captions", "sg": captions},
        ],
    }}  # fmt: skip
    if narrated:
        # The wanted length is kept, as for a user who asked for 30 s: the scenes stretch to
        # fill it (without it the six sentences last ~17 s and the rest would be black).
        state, note = narrate_script(state, list(SCENES), "en", duration_ms=ms)
        assert note is None, note
    return dict(state["draft"])


def floor_inputs(work: Path, *, texts: int) -> list[Path]:
    """A still (a little larger than the canvas, with detail so the encoder has work) and
    ``texts`` transparent text-sized images, all drawn once."""
    rng = np.random.default_rng(5)
    y = np.linspace(0, 1, int(H * 1.12))[:, None, None]
    sky = (np.array([40, 60, 140]) * (1 - y) + np.array([250, 150, 90]) * y)
    still = np.broadcast_to(sky, (int(H * 1.12), int(W * 1.12), 3)).copy()
    for _ in range(400):  # silhouettes and specks, like a drawn scene
        x0, y0 = rng.integers(0, still.shape[1]), rng.integers(still.shape[0] // 2, still.shape[0])
        still[y0 : y0 + 80, x0 : x0 + 30] = rng.integers(0, 80, 3)
    paths = [work / "still.png"]
    Image.fromarray(still.astype(np.uint8)).save(paths[0])
    for i in range(texts):
        img = Image.new("RGBA", (900, 90), (0, 0, 0, 120))
        paths.append(work / f"text{i}.png")
        img.save(paths[-1])
    return paths


def floor_command(work: Path, out: Path, *, narrated: bool) -> list[str]:
    texts = len(SCENES) + 1
    inputs = floor_inputs(work, texts=texts)
    args = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    for path in inputs:
        args += ["-i", str(path)]
    args += ["-f", "lavfi", "-i", f"sine=frequency=220:sample_rate=44100:duration={SECONDS}"]
    if narrated:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=22050:duration={SECONDS}"]
    step = SECONDS / len(SCENES)
    graph = [f"[0:v]format=yuv420p,loop=loop=-1:size=1:start=0,settb=1/{FPS},setpts=N,"
             f"crop={W}:{H}:x='20+4*t':y=60,trim=end_frame={SECONDS * FPS}[b]"]
    current = "[b]"
    for i in range(texts):
        a, b = (0, 3) if i == 0 else ((i - 1) * step, i * step)
        graph.append(f"{current}[{i + 1}:v]overlay=x=510:y=900:enable='between(t,{a},{b})'[o{i}]")
        current = f"[o{i}]"
    graph.append(f"{current}format=yuv420p[vout]")
    audio = texts + 1
    if narrated:
        graph.append(f"[{audio}:a][{audio + 1}:a]amix=inputs=2:normalize=0[aout]")
    else:
        graph.append(f"[{audio}:a]anull[aout]")
    return [*args, "-filter_complex", ";".join(graph), "-map", "[vout]", "-map", "[aout]",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-r", str(FPS), "-c:a", "aac", "-b:a", "128k", "-ar", "44100", "-ac", "2",
            "-t", str(SECONDS), "-movflags", "+faststart", str(out)]


class ChildPeak:
    """Highest resident memory (VmHWM, MB) of this process's child processes, sampled from
    /proc every 50 ms (Linux; 0 elsewhere). ``ru_maxrss`` of a child is not used: it can
    include the parent's pages copied at fork, before ffmpeg is exec'd.

    Children are found through ``/proc/self/task/*/children``, not by reading every process's
    status: that scan cost 0.07 CPU s per second on a machine with ~90 processes, in a thread
    that holds the GIL while it parses, so it slowed the renderer's drawing threads (which
    share this process) and not the floor's ffmpeg."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> ChildPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            for children in Path("/proc/self/task").glob("*/children"):
                try:
                    pids = children.read_text().split()
                except OSError:
                    continue
                for pid in pids:
                    try:
                        # Only ffmpeg itself: between fork and exec the child still runs
                        # Python and (vfork) reports this process's memory as its own.
                        if "ffmpeg" not in os.readlink(f"/proc/{pid}/exe"):
                            continue
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue
                    for line in status.splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak = max(self.peak, int(line.split()[1]) / 1024)


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far (user + system) by this process (all its threads, drawing
    included) and by its finished children (ffmpeg). On a shared machine these move much
    less with the load than wall time does."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_floor(args: list[str]) -> float:
    """Wall seconds of one floor run."""
    started = time.perf_counter()
    subprocess.run(args, stdin=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", default="all", choices=["scenes", "narrated", "all"])
    parser.add_argument("--hogs", type=int, default=0,
                        help="busy-looping processes to run beside the renders (load on purpose)")
    args = parser.parse_args()
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(args.hogs)]
    try:
        _run(args)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def _run(args: argparse.Namespace) -> None:
    cases = ["scenes", "narrated"] if args.case == "all" else [args.case]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for case in cases:
            narrated = case == "narrated"
            draft = bench_draft(narrated=narrated)
            floor = floor_command(work, work / "floor.mp4", narrated=narrated)
            ours, base, ratios, ours_mems, floor_mem = [], [], [], [], 0.0
            cpu_py, cpu_ff, cpu_floor = [], [], []
            for _ in range(args.runs):
                before = _cpu()
                started = time.perf_counter()
                with ChildPeak() as peak:
                    render_draft(draft, work / "ours.mp4", media=lambda _id: None)
                ours.append(time.perf_counter() - started)
                after = _cpu()
                cpu_py.append(after[0] - before[0])
                cpu_ff.append(after[1] - before[1])
                ours_mems.append(peak.peak)
                with ChildPeak() as peak:
                    wall = run_floor(floor)
                cpu_floor.append(_cpu()[1] - after[1])
                floor_mem = max(floor_mem, peak.peak)
                base.append(wall)
                ratios.append(ours[-1] / wall)
            ours_mem = max(ours_mems)
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{case:9s} ours: wall median {statistics.median(ours):.2f}s "
                f"(RTF {SECONDS / statistics.median(ours):.1f}) | floor: median "
                f"{statistics.median(base):.2f}s (RTF {SECONDS / statistics.median(base):.1f}) | "
                f"ratio median {statistics.median(ratios):.2f} "
                f"(runs {', '.join(f'{r:.2f}' for r in ratios)})"
            )
            print(f"{'':9s} peak RSS: python {own:.0f} MB + ffmpeg {ours_mem:.0f} MB "
                  f"= {own + ours_mem:.0f} MB (floor ffmpeg {floor_mem:.0f} MB); ffmpeg per run "
                  f"{', '.join(f'{m:.0f}' for m in ours_mems)}")
            py, ff, fl = (statistics.median(v) for v in (cpu_py, cpu_ff, cpu_floor))
            print(f"{'':9s} CPU s (median): ours {py + ff:.2f} (python {py:.2f} + ffmpeg "
                  f"{ff:.2f}) | floor {fl:.2f} | ratio {(py + ff) / fl:.2f}")


if __name__ == "__main__":
    main()
