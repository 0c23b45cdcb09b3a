"""Build the one ffmpeg command (inputs + ``filter_complex``) that renders a prepared plan.

Everything per frame happens inside this graph: looped stills with crop/scale/eq motion,
letterboxed media, concatenation, text overlays switched on by time, and the audio mix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backend.local.render_plan import (
    Bgm,
    Canvas,
    Gap,
    MediaPiece,
    RenderPlan,
    ScenePiece,
)
from backend.local.render_scene import motion_filter, still_size

__all__ = ["Assets", "FfmpegCommand", "PlacedText", "build_command"]

# Mono uploads are spread over both sides 3 dB down each (ffmpeg's equal-power default).
_AUDIO_FORMAT = "aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=stereo"


@dataclass(frozen=True)
class PlacedText:
    path: Path
    x: int
    y: int
    start: float
    end: float


@dataclass
class Assets:
    """Files prepared for the plan, by position in ``plan.video`` / ``plan.audio``."""

    scene_stills: dict[int, Path] = field(default_factory=dict)
    media_paths: dict[str, Path] = field(default_factory=dict)
    bgm_loops: dict[int, Path] = field(default_factory=dict)
    texts: list[PlacedText] = field(default_factory=list)


@dataclass(frozen=True)
class FfmpegCommand:
    inputs: list[str]  # the "-i …" part, with per-input options
    graph: str  # the filter_complex text, with outputs [vout] and [aout]


@dataclass
class _Inputs:
    args: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, path: Path, *options: str) -> int:
        self.args += [*options, "-i", str(path)]
        self.count += 1
        return self.count - 1


def build_command(plan: RenderPlan, assets: Assets) -> FfmpegCommand:
    """The inputs and filter graph for ``plan`` using ``assets``; outputs ``[vout]``/``[aout]``."""
    canvas = plan.canvas
    inputs = _Inputs()
    chains: list[str] = []
    labels: list[str] = []
    for i, piece in enumerate(plan.video):
        label = f"v{i}"
        chains.append(_video_chain(i, piece, canvas, assets, inputs) + f"[{label}]")
        labels.append(f"[{label}]")
    if len(labels) == 1:
        current = labels[0]
    else:
        chains.append(f"{''.join(labels)}concat=n={len(labels)}:v=1:a=0[vcat]")
        current = "[vcat]"
    for j, text in enumerate(assets.texts):
        idx = inputs.add(text.path)
        out = f"[t{j}]"
        chains.append(
            f"{current}[{idx}:v]overlay=x={text.x}:y={text.y}:format=yuv420:eof_action=repeat"
            f":enable='gte(t,{text.start:.3f})*lt(t,{text.end:.3f})'{out}"
        )
        current = out
    chains.append(f"{current}format=yuv420p[vout]")
    chains.extend(_audio_chains(plan, assets, inputs))
    return FfmpegCommand(inputs=inputs.args, graph=";\n".join(chains))


def _video_chain(
    i: int, piece: ScenePiece | MediaPiece | Gap, canvas: Canvas, assets: Assets, inputs: _Inputs
) -> str:
    w, h, fps, n = canvas.w, canvas.h, canvas.fps, piece.frames
    # Every piece leaves with the same size, format, SAR and a 1/fps clock counted from 0, so
    # concat needs no conversion and trim can cut by frame number.
    clock = f"settb=1/{fps},setpts=N"
    fit = (
        f"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
        f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:black,format=yuv420p,setsar=1"
    )
    if isinstance(piece, Gap):
        return f"color=c=black:s={w}x{h}:r={fps},format=yuv420p,setsar=1,{clock},trim=end_frame={n}"
    if isinstance(piece, ScenePiece):
        idx = inputs.add(assets.scene_stills[i])
        motion = motion_filter(piece, w, h, fps)
        sw, sh = still_size(w, h)
        return (
            f"[{idx}:v]scale={sw}:{sh}:flags=bicubic,format=yuv420p,"
            f"loop=loop=-1:size=1:start=0,{clock},{motion},"
            f"setsar=1,trim=end_frame={n}"
        )
    path = assets.media_paths[piece.media_id]
    if piece.file_type == "image":
        idx = inputs.add(path)
        return f"[{idx}:v]{fit},loop=loop=-1:size=1:start=0,{clock},trim=end_frame={n}"
    seconds = n / fps
    idx = inputs.add(path, "-ss", f"{piece.src_in:.3f}", "-t", f"{seconds + 1:.3f}")
    # A clip shorter than its segment holds its last frame.
    return f"[{idx}:v]fps={fps},{fit},{clock},tpad=stop=-1:stop_mode=clone,trim=end_frame={n}"


def _audio_chains(plan: RenderPlan, assets: Assets, inputs: _Inputs) -> list[str]:
    total = plan.canvas.duration
    chains: list[str] = []
    labels: list[str] = []
    for k, item in enumerate(plan.audio):
        dur = min(item.duration, total - item.start)
        if dur <= 0:
            continue
        if isinstance(item, Bgm):
            idx = inputs.add(assets.bgm_loops[k], "-stream_loop", "-1")
            fade_in = min(0.5, dur / 4)
            fade_out = min(1.5, dur / 4)
            shape = (
                f"afade=t=in:d={fade_in:.3f},afade=t=out:st={dur - fade_out:.3f}:d={fade_out:.3f},"
            )
        else:
            path = assets.media_paths[item.media_id]
            idx = inputs.add(path, "-ss", f"{item.src_in:.3f}", "-t", f"{dur + 0.5:.3f}")
            shape = ""
        delay = round(item.start * 1000)
        label = f"[a{k}]"
        chains.append(
            f"[{idx}:a]{_AUDIO_FORMAT},atrim=duration={dur:.3f},asetpts=PTS-STARTPTS,"
            f"{shape}volume={item.vol:.3f},adelay=delays={delay}:all=1{label}"
        )
        labels.append(label)
    tail = f"apad,atrim=end={total:.3f}[aout]"
    if not labels:
        chains.append(f"anullsrc=r=44100:cl=stereo,{tail}")
    elif len(labels) == 1:
        chains.append(f"{labels[0]}{tail}")
    else:
        chains.append(
            f"{''.join(labels)}amix=inputs={len(labels)}:duration=longest:normalize=0,{tail}"
        )
    return chains
