"""What in the picture makes the render cost: the render bench's 30 s draft rendered with one
element switched off at a time, measuring ffmpeg's CPU seconds (user+sys of the child, so a
busy machine changes them little) and the video bitrate, and the same graph without x264
(``-f null``) to split the filter graph's share from the encoder's.

    python benchmarks/render_elements.py [--only full,no-light] [--scene 2] [--floor 3]

Layers are drawn once; each variant only rebuilds the ffmpeg command. ``--scene N`` renders
the bench's scene N alone (5 s) for a per-scene table. ``--floor R`` instead runs R rounds of
each chosen variant's encode alternated with the render bench's floor (so both see the same
load) and prints each variant's ratio to the floor, ffmpeg alone and with the drawing's CPU
(the layers of every variant are drawn, so that part is an upper bound for a variant that
drops elements): how close a render with less in it could come to the issue's 1.25×.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from render_bench import bench_draft, floor_command

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
# "static" with cuts instead of cross-fades (_NO_FADES): the least a render of these layers can be.
VARIANTS["static-cuts"] = VARIANTS["static"]
_NO_LIGHT = ("no-light", "static", "static-cuts")
_NO_FADES = ("no-fades", "static-cuts")


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    parser.add_argument("--floor", type=int, default=0, metavar="ROUNDS",
                        help="alternate each variant's encode with the floor's, ROUNDS times")
    args = parser.parse_args()
    draft: dict[str, Any] = bench_draft(narrated=args.narrated)
    if args.scene >= 0:
        video = draft["t"][0]
        seg = dict(video["sg"][args.scene])
        seg["s"] = 0
        draft = {**draft, "d": seg["d"], "t": [{**video, "sg": [seg]}]}
    plan = plan_draft(draft)
    names = [n for n in (args.only.split(",") if args.only else [*VARIANTS, "no-light"]) if n]
    unknown = [n for n in names if n not in VARIANTS and n != "no-light"]
    if unknown:
        raise SystemExit(f"unknown variant {', '.join(unknown)}; choose from "
                         f"{', '.join([*VARIANTS, 'no-light'])}")
    seconds = plan.canvas.duration
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stop = render.threading.Event()
        drawings = []
        for _ in range(3 if args.floor else 1):  # the first pays for warming caches up
            before = _own_cpu()
            assets = render._prepare(plan, work, lambda _id: None, stop, render._Progress(None))
            drawings.append(_own_cpu() - before)
        drawing = statistics.median(drawings)
        if args.floor:
            _against_floor(plan, assets, work, names, rounds=args.floor, drawing=drawing)
            return
        print(f"{'variant':18s} {'x264+graph CPU s':>16s} {'graph CPU s':>11s} "
              f"{'x264 CPU s':>10s} {'Mbit/s':>7s}")
        for name in names:
            out = work / f"{name}.mp4"
            encode, null = _commands(plan, assets, work, name, out)
            cpu, _ = _cpu_of(encode)
            graph_cpu, _ = _cpu_of(null)
            rate = out.stat().st_size * 8 / seconds / 1e6
            print(f"{name:18s} {cpu:16.2f} {graph_cpu:11.2f} {cpu - graph_cpu:10.2f} "
                  f"{rate:7.2f}", flush=True)
            if args.keep:
                Path(args.keep).mkdir(parents=True, exist_ok=True)
                os.replace(out, Path(args.keep) / out.name)


def _commands(plan: Any, assets: Assets, work: Path, name: str,
              out: Path) -> tuple[list[str], list[str]]:
    """The encode and the ``-f null`` run of one variant (each with its own graph file, so
    commands built in advance do not overwrite each other's)."""
    camera, fades = _CAMERA, _FADES
    if name in _NO_LIGHT:
        render_scene._camera = lambda scene, work, duration: (
            camera(scene, work, duration) if scene.motion == "zoom" else "")
    try:
        render_graph.fade_frames = (  # type: ignore[assignment]
            (lambda *_: 0) if name in _NO_FADES else fades)
        command = build_command(plan, VARIANTS.get(name, VARIANTS["full"])(assets))
    finally:
        render_scene._camera, render_graph.fade_frames = camera, fades
    exe = render.ffmpeg_exe()
    graph = work / f"graph-{name}.txt"
    maps = ["-map", "[vout]", "-map", "[aout]"]
    tail = ["-t", f"{plan.canvas.duration:.3f}"]
    encode = render._ffmpeg_args(exe, command, graph, [
        *maps, *render._video_args(plan.canvas.fps), *render._AUDIO_ARGS, *tail,
        "-f", "mp4", str(out)])
    null = render._ffmpeg_args(exe, command, graph, [
        *maps, "-c:v", "rawvideo", "-c:a", "pcm_s16le", *tail, "-f", "null", "-"])
    return encode, null


_CAMERA = render_scene._camera
_FADES = render_graph.fade_frames


def _against_floor(plan: Any, assets: Assets, work: Path, names: list[str], *, rounds: int,
                   drawing: float) -> None:
    encodes = {n: _commands(plan, assets, work, n, work / f"{n}.mp4")[0] for n in names}
    floor = floor_command(work, work / "floor.mp4", narrated=False)
    cpu: dict[str, list[float]] = {n: [] for n in [*names, "floor"]}
    for _ in range(rounds):
        for name in names:
            cpu[name].append(_cpu_of(encodes[name])[0])
            cpu["floor"].append(_cpu_of(floor)[0])
    base = statistics.median(cpu["floor"])
    print(f"drawing the layers (Python, this process, median of 3): {drawing:.2f} CPU s")
    print(f"floor: ffmpeg median {base:.2f} CPU s "
          f"(runs {', '.join(f'{c:.2f}' for c in cpu['floor'])})")
    print(f"{'variant':14s} {'ffmpeg CPU s':>12s} {'ratio':>6s} {'+ drawing':>10s} {'ratio':>6s}")
    for name in names:
        mid = statistics.median(cpu[name])
        print(f"{name:14s} {mid:12.2f} {mid / base:6.2f} {mid + drawing:10.2f} "
              f"{(mid + drawing) / base:6.2f}   runs {', '.join(f'{c:.2f}' for c in cpu[name])}")


if __name__ == "__main__":
    main()
