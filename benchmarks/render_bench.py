"""Benchmark the local renderer: a 30 s 1920×1080 generated scene with a title and BGM.

Prints wall seconds, real-time factor (video seconds per wall second), CPU seconds and peak
resident memory of this process and of the ffmpeg child. Targets on a 2-core machine:
real-time factor ≥ 8 and peak memory ≤ 600 MB.

    python benchmarks/render_bench.py [--runs 3] [--motion pan|zoom|drift|pulse|all]

Measured on the 2-vCPU development machine (Xeon, load 2–4 from other jobs), 3 runs each,
best / median wall: pan 3.28 / 3.29 s (RTF 9.1), drift 3.50 / 3.62 s (8.6 / 8.3), pulse
3.57 / 3.81 s (8.4 / 7.9), zoom 3.99 / 4.00 s (7.5); peak RSS python 61 MB, ffmpeg 125 MB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from backend.local.render import render_draft

SECONDS = 30


def bench_draft(motion: str) -> dict[str, Any]:
    ms = SECONDS * 1000
    return {
        "v": 1, "w": 1920, "h": 1080, "fps": 30, "ratio": "16:9", "d": ms,
        "t": [
            {"id": "v", "tt": 0, "n": "Video", "sg": [{"id": "s1", "s": 0, "d": ms, "m": {
                "kind": "scene", "desc": "sunset over the sea", "palette": ["#1d2b64", "#f8a170"],
                "motion": motion, "seed": 11}}]},
            {"id": "a", "tt": 1, "n": "BGM", "sg": [{"id": "b1", "s": 0, "d": ms, "m": {
                "kind": "bgm", "name": "Lo-fi", "mood": "calm", "vol": 0.6, "bpm": 88}}]},
            {"id": "x", "tt": 7, "n": "Title", "sg": [{"id": "t1", "s": 0, "d": 4000, "m": {
                "text": "海边的日落 · Sunset by the sea", "role": "title", "pos": "center",
                "size": 0.08, "color": "#ffffff"}}]},
        ],
    }  # fmt: skip


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_once(motion: str, out_dir: Path) -> tuple[float, float]:
    out = out_dir / f"bench-{motion}.mp4"
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    render_draft(bench_draft(motion), out, media=lambda _id: None)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    out.unlink()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--motion", default="pan", choices=["pan", "zoom", "drift", "pulse", "all"])
    args = parser.parse_args()
    motions = ["pan", "zoom", "drift", "pulse"] if args.motion == "all" else [args.motion]
    with tempfile.TemporaryDirectory() as tmp:
        for motion in motions:
            walls, cpus = [], []
            for _ in range(args.runs):
                wall, cpu = run_once(motion, Path(tmp))
                walls.append(wall)
                cpus.append(cpu)
            best, median = min(walls), statistics.median(walls)
            print(
                f"{motion:6s} {SECONDS}s 1920x1080@30 title+BGM: wall best {best:.2f}s "
                f"median {median:.2f}s | RTF best {SECONDS / best:.1f} median "
                f"{SECONDS / median:.1f} | CPU {statistics.median(cpus):.2f}s"
            )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: python {own:.0f} MB, ffmpeg {child:.0f} MB, together ≤ {own + child:.0f} MB")


if __name__ == "__main__":
    main()
