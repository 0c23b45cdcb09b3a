"""What in the picture makes the render cost: the render bench's 30 s draft rendered with one
element switched off at a time, measuring ffmpeg's CPU seconds (user+sys of the child, so a
busy machine changes them little) and the video bitrate, and the same graph without x264
(``-f null``) to split the filter graph's share from the encoder's.

    python benchmarks/render_elements.py [--only full,no-light] [--scene 2]

Layers are drawn once; each variant only rebuilds the ffmpeg command. ``--scene N`` renders
the bench's scene N alone (5 s) for a per-scene table.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from render_bench import bench_draft

from backend.local import render, render_graph, render_scene
from backend.local.render_graph import Assets, build_command
from backend.local.render_plan import plan_draft

Variant = Callable[[Assets], Assets]


def _drop(*kinds: str) -> Variant:
    def apply(assets: Assets) -> Assets:
        layers = {i: [la for la in ls if la.kind not in kinds]
                  for i, ls in assets.scene_layers.items()}
        return dataclasses.replace(assets, scene_layers=layers)
    return apply


def _still(assets: Assets) -> Assets:
    layers = {i: [dataclasses.replace(la, speed=0.0, sway=0.0) if la.motion != "fall" else la
                  for la in ls] for i, ls in assets.scene_layers.items()}
    return dataclasses.replace(assets, scene_layers=layers)


def _no_text(assets: Assets) -> Assets:
    return dataclasses.replace(assets, texts=[])


VARIANTS: dict[str, Variant] = {
    "full": lambda a: a,
    "no-particles": _drop("particles"),
    "no-ripples": _drop("ripples"),
    "no-clouds-fog": _drop("clouds", "fog"),
    "no-mid-front": _drop("mid", "front"),
    "no-pan-parallax": _still,
    "no-text": _no_text,
    "no-fades": lambda a: a,
    "static": lambda a: _still(_drop("particles", "ripples", "clouds", "fog")(a)),
}


def _cpu_of(args: list[str]) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"ffmpeg failed: {args}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated variant names")
    parser.add_argument("--scene", type=int, default=-1, help="render only this scene")
    parser.add_argument("--narrated", action="store_true")
    parser.add_argument("--keep", default="", help="folder to keep the MP4s in")
    args = parser.parse_args()
    draft: dict[str, Any] = bench_draft(narrated=args.narrated)
    if args.scene >= 0:
        video = draft["t"][0]
        seg = dict(video["sg"][args.scene])
        seg["s"] = 0
        draft = {**draft, "d": seg["d"], "t": [{**video, "sg": [seg]}]}
    plan = plan_draft(draft)
    light_off = "no-light"
    names = [n for n in (args.only.split(",") if args.only else [*VARIANTS, light_off]) if n]
    exe = render.ffmpeg_exe()
    seconds = plan.canvas.duration
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stop = render.threading.Event()
        assets = render._prepare(plan, work, lambda _id: None, stop, render._Progress(None))
        print(f"{'variant':18s} {'x264+graph CPU s':>16s} {'graph CPU s':>11s} "
              f"{'x264 CPU s':>10s} {'Mbit/s':>7s}")
        camera = render_scene._camera
        fades = render_graph.fade_frames
        for name in names:
            if name in (light_off, "static"):
                render_scene._camera = lambda scene, work, duration: (
                    camera(scene, work, duration) if scene.motion == "zoom" else "")
                variant = VARIANTS.get(name, VARIANTS["full"])
            else:
                render_scene._camera = camera
                variant = VARIANTS[name]
            render_graph.fade_frames = (  # type: ignore[assignment]
                (lambda *_: 0) if name == "no-fades" else fades)
            command = build_command(plan, variant(assets))
            out = work / f"{name}.mp4"
            maps = ["-map", "[vout]", "-map", "[aout]"]
            tail = ["-t", f"{seconds:.3f}"]
            encode = render._ffmpeg_args(exe, command, work / "g.txt", [
                *maps, *render._video_args(plan.canvas.fps), *render._AUDIO_ARGS, *tail,
                "-f", "mp4", str(out)])
            null = render._ffmpeg_args(exe, command, work / "g.txt", [
                *maps, "-c:v", "rawvideo", "-c:a", "pcm_s16le", *tail, "-f", "null", "-"])
            cpu, _ = _cpu_of(encode)
            graph_cpu, _ = _cpu_of(null)
            rate = out.stat().st_size * 8 / seconds / 1e6
            print(f"{name:18s} {cpu:16.2f} {graph_cpu:11.2f} {cpu - graph_cpu:10.2f} "
                  f"{rate:7.2f}", flush=True)
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                os.replace(out, Path(args.keep) / out.name)
        render_scene._camera = camera
        render_graph.fade_frames = fades


if __name__ == "__main__":
    main()
