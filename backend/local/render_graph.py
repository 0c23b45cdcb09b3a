"""Build the one ffmpeg command (inputs + ``filter_complex``) that renders a prepared plan.

Everything per frame happens inside this graph: looped stills with crop/scale/eq motion,
letterboxed media, concatenation, text overlays switched on by time, and the audio mix.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backend.local.render_plan import (
    DUCK_LEVEL,
    Bgm,
    Canvas,
    Gap,
    MediaPiece,
    Narration,
    RenderPlan,
    ScenePiece,
)
from backend.local.render_scene import (
    Follow,
    fade_frames,
    follow_on,
    layer_input,
    scene_chain,
    scene_step,
    work_size,
)
from backend.local.scenes.layers import Layer, style_of

__all__ = [
    "LOOK_FILTERS",
    "Assets",
    "FfmpegCommand",
    "PlacedText",
    "build_command",
    "build_mux_command",
    "plan_chunks",
]

# Mono uploads are spread over both sides 3 dB down each (ffmpeg's equal-power default).
#: The ffmpeg filter of each look of the whole picture (the draft's "look").
LOOK_FILTERS: dict[str, str] = {
    "mono": "hue=s=0",
    "sepia": "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131",
    # ffmpeg's own model of light's colour, lightness kept: the colour balance of
    # shadows and midtones did not show on the light, blue scenes we draw (a user saw no
    # change; the mean red moved by 1 of 255).
    "warm": "colortemperature=temperature=5000:pl=1",
    "cool": "colortemperature=temperature=9000:pl=1",
    "bright": "eq=brightness=.08:contrast=1.02",
    "dark": "eq=brightness=-.1",
}
_AUDIO_FORMAT = "aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=stereo"


@dataclass(frozen=True)
class PlacedText:
    path: Path
    x: int
    y: int
    start: float
    end: float
    fade: float = 0.0  # seconds of fade in and out
    block_h: int = 0  # for a strip of highlight variants: the height of one
    word_starts: tuple[float, ...] = ()  # when each variant after the first starts showing


@dataclass
class Assets:
    """Files prepared for the plan, by position in ``plan.video`` / ``plan.audio``."""

    scene_layers: dict[int, list[Layer]] = field(default_factory=dict)
    media_paths: dict[str, Path] = field(default_factory=dict)
    bgm_loops: dict[int, Path] = field(default_factory=dict)
    voices: dict[int, Path] = field(default_factory=dict)  # narration WAVs by audio index
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


def plan_chunks(plan: RenderPlan, max_weight: int) -> list[range]:
    """Split ``plan.video`` into runs of pieces that one ffmpeg process renders at a time.

    Every piece's input stays in memory until its process ends (stills, a decoder), so a
    run's weight is capped: generated scenes (a few layers each) weigh 2, video clips 3,
    images and gaps 1.
    """
    chunks: list[range] = []
    first, weight = 0, 0
    for i, piece in enumerate(plan.video):
        cost = 1
        if isinstance(piece, ScenePiece):
            cost = 2
        elif isinstance(piece, MediaPiece) and piece.file_type == "video":
            cost = 3
        if i > first and weight + cost > max_weight:
            chunks.append(range(first, i))
            first, weight = i, 0
        weight += cost
    chunks.append(range(first, len(plan.video)))
    return chunks


def build_command(
    plan: RenderPlan, assets: Assets, pieces: range | None = None, *, audio: bool = True
) -> FfmpegCommand:
    """The inputs and filter graph rendering ``plan.video[pieces]`` (default: all of it).

    The graph's video output is ``[vout]``, starting at the first piece's time, with the texts
    that overlap it; with ``audio`` it also has the whole timeline's mix as ``[aout]``.
    """
    canvas = plan.canvas
    span = range(len(plan.video)) if pieces is None else pieces
    inputs = _Inputs()
    chains: list[str] = []
    # Consecutive generated scenes cross-fade: the outgoing one runs on under the incoming
    # one's first frames. A run's last piece never fades (the next run starts cleanly).
    fades = {
        i: fade_frames(a, b, canvas.fps)
        for i in span[:-1]
        if isinstance(a := plan.video[i], ScenePiece)
        and isinstance(b := plan.video[i + 1], ScenePiece)
    }
    steps = {i: scene_step(canvas.fps, assets.scene_layers[i], canvas.h)
             for i in span if isinstance(plan.video[i], ScenePiece)}
    for i in span:
        follow = None
        if fades.get(i - 1):
            # Two shots cross-fading: a lighthouse stays where the first one left it.
            prev, piece = plan.video[i - 1], plan.video[i]
            assert isinstance(prev, ScenePiece)
            assert isinstance(piece, ScenePiece)
            follow = follow_on(prev, assets.scene_layers[i - 1], piece, assets.scene_layers[i],
                               size=(canvas.w, canvas.h), fps=canvas.fps,
                               prev_frames=prev.frames + fades[i - 1])
        chain = _video_chain(i, plan.video[i], canvas, assets, inputs, extra=fades.get(i, 0),
                             follow=follow)
        chains.append(chain + _dip(plan, i, span, steps.get(i, 1)) + f"[v{i}]")
    # Scenes leave their chains at the compositing size (work_size) and rate (scene_step):
    # each run of consecutive scenes is joined, cross-fades included, at that size, and
    # scaled to the canvas and brought to its rate piece by piece.
    runs: list[str] = []
    repeats: list[_Repeats] = []
    at = 0
    scene_runs = _scene_runs(plan, span)
    # A lone run of scenes (the usual timeline) hands its pictures straight to the texts:
    # ``concat`` needs each run whole (it times a run by its last frame), a lone run does
    # not, so its repeats are not made again after the upscale only to be dropped again.
    # (They were also a reference the first text overlay had to copy every picture for.)
    alone = len(scene_runs) == 1
    for k, run in enumerate(scene_runs):
        if isinstance(plan.video[run[0]], ScenePiece):
            runs.append(_join_scenes(plan, run, fades, steps, chains, name=f"r{k}", at=at,
                                     repeats=repeats, whole=not alone))
        else:
            runs.append(f"[v{run[0]}]")
        at += sum(plan.video[i].frames for i in run)
    current = runs[0]
    if len(runs) > 1:
        chains.append(f"{''.join(runs)}concat=n={len(runs)}:v=1:a=0[joined]")
        current = "[joined]"
    if repeats and not alone:
        # The repeated frames of scenes composited at half the rate are dropped here (they
        # are references to the picture before them) and made again, after texts and look,
        # by ``fps``: the texts' overlays write into each frame they get, and a shared frame
        # is copied first (0.5 ms at 1080p), so they draw on each picture once. A text
        # therefore changes on a picture of these scenes: up to a frame late.
        chains.append(f"{current}{_drop_repeats(repeats)}[pictures]")
        current = "[pictures]"
    first = plan.video[span[0]]
    last = plan.video[span[-1]]
    offset = first.start_frame / canvas.fps
    end = (last.start_frame + last.frames) / canvas.fps
    for j, text in enumerate(assets.texts):
        if text.end <= offset or text.start >= end:
            continue
        idx = inputs.add(text.path)
        chains.append(_text_chain(text, idx, offset, end, canvas.fps) + f"[tx{j}]")
        # Before its first frame and after its last the text stream is absent: nothing drawn.
        chains.append(
            f"{current}[tx{j}]overlay=x={text.x}:y={text.y}:format=yuv420:eof_action=pass[t{j}]"
        )
        current = f"[t{j}]"
    # A look (black and white, sepia, …) is drawn over the finished picture: scenes, uploaded
    # clips and texts alike, in one filter.
    look = LOOK_FILTERS.get(plan.look or "")
    # The last frame may be a repeat that was dropped: ``tpad`` stands in for it (the
    # output's -t / -frames cut what is left over).
    again = (f"tpad=stop={max(r.step for r in repeats)}:stop_mode=clone,fps={canvas.fps},"
             if repeats else "")
    chains.append(f"{current}{look + ',' if look else ''}{again}format=yuv420p[vout]")
    if audio:
        chains.extend(_audio_chains(plan, assets, inputs))
    return FfmpegCommand(inputs=inputs.args, graph=";\n".join(chains))


def _scene_runs(plan: RenderPlan, span: range) -> list[list[int]]:
    """``span`` cut into runs of consecutive generated scenes and single other pieces."""
    runs: list[list[int]] = []
    for i in span:
        scene = isinstance(plan.video[i], ScenePiece)
        if scene and runs and isinstance(plan.video[runs[-1][-1]], ScenePiece):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


@dataclass(frozen=True)
class _Repeats:
    """Frames ``first`` to ``end - 1`` of a rendering run's stream show pictures made one
    per ``step`` frames: frame ``first + j`` (j > 0) repeats the one before it unless
    ``(j + phase) % step == 0``."""

    first: int
    end: int
    step: int
    phase: int


def _drop_repeats(repeats: list[_Repeats]) -> str:
    """A ``select`` keeping each picture once: the frames ``repeats`` says repeat the one
    before them are dropped (with their timestamps: what is kept stays in its place)."""
    terms = "+".join(
        f"between(n\\,{r.first + 1}\\,{r.end - 1})*gt(mod(n-{r.first - r.phase}\\,{r.step})\\,0)"
        for r in repeats
    )
    return f"select='not({terms})'"


def _join_scenes(
    plan: RenderPlan, run: list[int], fades: dict[int, int], steps: dict[int, int],
    chains: list[str], *, name: str, at: int, repeats: list[_Repeats], whole: bool = True,
) -> str:
    """Join the scenes ``[v{i}]`` of ``run`` end to end at the canvas's size and rate,
    cross-fading where ``fades`` says (scene i then runs ``fades[i]`` frames longer, under
    the next one's first frames); the joined stream's label.

    Each scene arrives as pictures, one per ``steps[i]`` frames (:func:`scene_chain`). Only
    the frames that overlap go through a blend: each fading scene is split into its head
    (under the previous scene's tail), body and tail, and one ``concat`` joins bodies and
    cross-fades at the compositing size. (A chain of ``xfade`` filters over whole pieces
    copied every frame of the timeline through each one: six scenes, twice the filter
    graph's time.) Cross-fades between two scenes at the same rate blend pictures, each then
    shown ``step`` times: half the blends, and a repeated frame is one x264 codes as
    "unchanged" (the fades were a third of its bits). Pictures are repeated by reference;
    before the one upscale of the run, the repeats are dropped again (``select``), so only
    pictures are scaled, and ``fps`` repeats the scaled pictures. The joined stream starts
    at frame ``at`` of the rendering run; where its frames repeat a picture goes to
    ``repeats``. Unless ``whole``, the stream is left as its pictures, each at its first
    frame's time, for the caller to repeat after the texts.
    """
    canvas = plan.canvas
    fps = canvas.fps

    def aligned(i: int) -> bool:
        # The fade into scene i can run on pictures: both scenes have the same rate and the
        # outgoing one's tail starts on one of its pictures (the incoming head always does).
        step = steps[i]
        return steps[i - 1] == step and plan.video[i - 1].frames % step == 0

    segments: list[str] = []
    mine: list[_Repeats] = []  # counted from the run's first frame
    start = at
    for i in run:
        step, frames = steps[i], plan.video[i].frames
        incoming = fades.get(i - 1, 0) if i > run[0] else 0
        outgoing = fades.get(i, 0) if i < run[-1] else 0
        if step > 1:
            here = at - start
            if incoming and aligned(i):
                mine.append(_Repeats(here, here + incoming, step, 0))
            mine.append(_Repeats(here + incoming, here + frames, step, incoming % step))
        at += frames
        cuts = [("fh", 0, incoming, aligned(i))] if incoming else []
        cuts.append(("fb", incoming, frames, False))
        if outgoing:
            cuts.append(("ft", frames, frames + outgoing, aligned(i + 1)))
        if len(cuts) == 1:
            chains.append(f"[v{i}]{_filters(_to_frames(step, 0, frames, fps))}[fb{i}c]")
            segments.append(f"[fb{i}c]")
            continue
        chains.append(f"[v{i}]split={len(cuts)}" + "".join(f"[{c}{i}]" for c, *_ in cuts))
        for cut, first, end, pictures in cuts:
            trim = (f"trim=start_frame={first // step}:end_frame={-(-end // step)},"
                    "setpts=PTS-STARTPTS,")
            then = "" if pictures else _to_frames(step, first, end, fps)
            chains.append(f"[{cut}{i}]{_filters(trim, then)}[{cut}{i}c]")
        if incoming:
            then = _to_frames(step, 0, incoming, fps) if aligned(i) else ""
            chains.append(_blend(plan, i, incoming) + f",{then}".rstrip(",") + f"[fx{i}]")
            segments.append(f"[fx{i}]")
        segments.append(f"[fb{i}c]")
    joined = segments[0]
    if len(segments) > 1:
        chains.append(f"{''.join(segments)}concat=n={len(segments)}:v=1:a=0[{name}]")
        joined = f"[{name}]"
    repeats.extend(_Repeats(r.first + start, r.end + start, r.step, r.phase) for r in mine)
    # Bilinear: on these flat shapes it looks the same as bicubic at 2x (compared on frames
    # of the render bench) and costs ~0.25 CPU s less per 900 frames at 1080p.
    scale = ("" if work_size(canvas.w, canvas.h) == (canvas.w, canvas.h)
             else f"scale={canvas.w}:{canvas.h}:flags=bilinear,format=yuv420p,setsar=1,")
    if not scale and (whole or not mine):
        return joined
    if mine and not whole:
        scale = f"{_drop_repeats(mine)},{scale}"
    elif mine:
        # Exactly the run's frames again: tpad stands in for a last frame that was a repeat.
        top = max(r.step for r in mine)
        scale = (f"{_drop_repeats(mine)},{scale}tpad=stop={top}:stop_mode=clone,fps={fps},"
                 f"trim=end_frame={at - start},setpts=PTS-STARTPTS,")
    chains.append(f"{joined}{_filters(scale)}[{name}u]")
    return f"[{name}u]"


def _filters(*parts: str) -> str:
    """Filter texts (each empty or ending with a comma) as one chain; ``null`` if empty."""
    return "".join(parts).rstrip(",") or "null"


def _to_frames(step: int, first: int, end: int, fps: int) -> str:
    """Filters turning pictures (one per ``step`` frames, the first standing for frame
    ``first - first % step``, the last for frame ``end - 1``) into exactly the frames
    ``first`` to ``end - 1`` at ``fps``, counted from 0; each picture repeated by reference
    (no copy). Ends with a comma (empty at the canvas rate)."""
    if step == 1:  # already the frames wanted: the pictures were cut to them
        return ""
    skip = first % step
    return (f"fps={fps},tpad=stop={step}:stop_mode=clone,"
            f"trim=start_frame={skip}:end_frame={skip + end - first},setpts=PTS-STARTPTS,")


def _blend(plan: RenderPlan, i: int, frames: int) -> str:
    """The cross-fade from scene i-1's tail ``[ft{i-1}c]`` into scene i's head ``[fh{i}c]``
    (``frames`` canvas frames long), unlabelled."""
    piece = plan.video[i]
    assert isinstance(piece, ScenePiece)
    kind = style_of(piece.spec.style).transition
    seconds = f"{frames / plan.canvas.fps:.4f}"
    if kind == "fade":
        # The same linear cross-fade as xfade's "fade", for ~40 % of its cost: the incoming
        # picture's opacity rises and overlay's SIMD blend mixes it in (xfade mixes every
        # pixel in C floats, ~2 ms a 540-line frame).
        return (f"[fh{i}c]format=yuva420p,fade=t=in:st=0:d={seconds}:alpha=1[fa{i}];\n"
                f"[ft{i - 1}c][fa{i}]overlay=format=yuv420")
    return f"[ft{i - 1}c][fh{i}c]xfade=transition={kind}:duration={seconds}:offset=0"


def build_mux_command(plan: RenderPlan, assets: Assets, concat_list: Path) -> FfmpegCommand:
    """Inputs and graph joining rendered video parts (``concat_list``, stream-copied as input 0)
    with the timeline's audio mix ``[aout]``."""
    inputs = _Inputs()
    inputs.add(concat_list, "-f", "concat", "-safe", "0")
    return FfmpegCommand(inputs=inputs.args, graph=";\n".join(_audio_chains(plan, assets, inputs)))


def _dip(plan: RenderPlan, i: int, span: range, step: int) -> str:
    """Scenes that meet across two rendering runs cannot cross-fade (each run is its own
    ffmpeg process): the outgoing one fades to black and the incoming one up from it. The
    scene's chain carries a picture per ``step`` frames: black from its last picture."""
    piece = plan.video[i]
    if not isinstance(piece, ScenePiece):
        return ""
    fps = plan.canvas.fps
    half = min(round(0.3 * fps), piece.frames // 4)
    dips = ""
    before = plan.video[i - 1] if i > 0 else None
    after = plan.video[i + 1] if i + 1 < len(plan.video) else None
    # Counted in the chain's pictures; the last one is black.
    pictures, fading = -(-piece.frames // step), -(-half // step)
    if i == span[0] and isinstance(before, ScenePiece) and half:
        dips += f",fade=t=in:start_frame=0:nb_frames={fading}"
    if i == span[-1] and isinstance(after, ScenePiece) and half:
        dips += (f",fade=t=out:start_frame={pictures - fading}"
                 f":nb_frames={max(1, fading - 1)}")
    return dips


def _text_chain(text: PlacedText, idx: int, offset: float, end: float, fps: int) -> str:
    # The still is looped on the text's own clock (frame 0 = its start) so the fades are in
    # its time, cut to the part of it inside [offset, end), then moved to that place.
    total = round((text.end - text.start) * fps)
    skip = max(0, round((offset - text.start) * fps))
    stop = min(total, round((end - text.start) * fps))
    at = max(0, round((text.start - offset) * fps))
    fades = ""
    if text.fade > 0:
        dur = total / fps
        fades = (
            f"fade=t=in:st=0:d={text.fade:.3f}:alpha=1,"
            f"fade=t=out:st={dur - text.fade:.3f}:d={text.fade:.3f}:alpha=1,"
        )
    pick = ""
    if text.block_h and text.word_starts:
        # Show block k from the k-th word's start: a crop that moves down the strip.
        index = "+".join(f"gte(t,{start:.3f})" for start in text.word_starts)
        pick = f"crop=iw:{text.block_h}:0:'{text.block_h}*({index})',"
    # Converted to the overlay's format once, before the loop: after it, every frame of the
    # text was converted again (an rgba still, then yuva420p for each frame it is shown).
    return (
        f"[{idx}:v]format=yuva420p,loop=loop=-1:size=1:start=0,settb=1/{fps},setpts=N,{pick}"
        f"trim=end_frame={stop},{fades}trim=start_frame={skip},setpts=PTS-STARTPTS+{at}"
    )


def _video_chain(
    i: int,
    piece: ScenePiece | MediaPiece | Gap,
    canvas: Canvas,
    assets: Assets,
    inputs: _Inputs,
    *,
    extra: int = 0,
    follow: Mapping[str, Follow] | None = None,
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
        layers = assets.scene_layers[i]
        indexes = [inputs.add(layer.path, *layer_input(layer)) for layer in layers]
        return scene_chain(i, piece, layers, indexes, size=(w, h), fps=fps, frames=n + extra,
                           follow=follow)
    if piece.fill:
        # Cover the canvas and cut what overflows, centred.
        fit = (
            f"scale={w}:{h}:force_original_aspect_ratio=increase:force_divisible_by=2,"
            f"crop={w}:{h},format=yuv420p,setsar=1"
        )
    path = assets.media_paths[piece.media_id]
    if piece.file_type == "image":
        idx = inputs.add(path)
        return f"[{idx}:v]{fit},loop=loop=-1:size=1:start=0,{clock},trim=end_frame={n}"
    seconds = n / fps
    idx = inputs.add(path, "-ss", f"{piece.src_in:.3f}", "-t", f"{seconds + 1:.3f}")
    # A clip shorter than its segment holds its last frame.
    return f"[{idx}:v]fps={fps},{fit},{clock},tpad=stop=-1:stop_mode=clone,trim=end_frame={n}"


def _clip_duck(spans: tuple[tuple[float, float], ...]) -> str:
    """A volume step down to ``DUCK_LEVEL`` during ``spans`` (output seconds, after adelay)."""
    if not spans:
        return ""
    during = "+".join(f"between(t,{a:.3f},{b:.3f})" for a, b in spans)
    return f",volume='if({during},{DUCK_LEVEL},1)':eval=frame"


def _duck_filter(spoken: list[tuple[float, float]], level: float, ramp: float = 0.25) -> str:
    """A ``volume`` filter (on the timeline's clock) that lowers music to ``level`` while any
    of the ``spoken`` spans plays, easing down and up over ``ramp`` seconds."""
    # Each span contributes a trapezoid 0..1; their sum, capped at 1, is how far to duck.
    terms = "+".join(
        f"clip(min((t-{a - ramp:.3f})/{ramp},({b + ramp:.3f}-t)/{ramp}),0,1)" for a, b in spoken
    )
    return f"volume='1-{1 - level:.3f}*min(1,{terms})':eval=frame"


def loop_repeats(path: Path, seconds: float) -> int:
    """How many times ffmpeg repeats the BGM loop at ``path`` (``-stream_loop``) to cover
    ``seconds``, with a pass to spare.

    Not -1 (forever): an endless WAV is the one input of the command that never runs out,
    and it decodes at hundreds of MB a second; under load the bench's graph rarely peaked
    at 437-985 MB (normally ~190 MB with ``-f null``), taken in the first seconds and
    kept, which fits audio read ahead while ffmpeg waits for the other inputs' first
    frames (suspected, not proven: see docs/performance-history.md). A finite loop bounds
    that to the audio the render needs plus one pass; the output is bit-identical."""
    with wave.open(str(path), "rb") as fh:
        length = fh.getnframes() / fh.getframerate()
    return max(1, math.ceil(seconds / length)) if length > 0 else 0


def _audio_chains(plan: RenderPlan, assets: Assets, inputs: _Inputs) -> list[str]:
    total = plan.canvas.duration
    chains: list[str] = []
    labels: list[str] = []
    spoken = [(i.start, i.start + i.duration) for i in plan.audio if isinstance(i, Narration)]
    for k, item in enumerate(plan.audio):
        dur = min(item.duration, total - item.start)
        if dur <= 0:
            continue
        if isinstance(item, Bgm):
            loop = assets.bgm_loops[k]
            idx = inputs.add(loop, "-stream_loop", str(loop_repeats(loop, dur)))
            fade_in = min(0.5, dur / 4)
            fade_out = min(1.5, dur / 4)
            shape = (
                f"afade=t=in:d={fade_in:.3f},afade=t=out:st={dur - fade_out:.3f}:d={fade_out:.3f},"
            )
        elif isinstance(item, Narration):
            idx = inputs.add(assets.voices[k])
            shape = ""
        else:
            path = assets.media_paths[item.media_id]
            idx = inputs.add(path, "-ss", f"{item.src_in:.3f}", "-t", f"{dur + 0.5:.3f}")
            shape = ""
        delay = round(item.start * 1000)
        label = f"[a{k}]"
        duck = ""
        if isinstance(item, Bgm):
            duck = _clip_duck(item.clip_duck)
            if spoken and item.duck < 1:
                duck += "," + _duck_filter(spoken, item.duck)
        chains.append(
            f"[{idx}:a]{_AUDIO_FORMAT},atrim=duration={dur:.3f},asetpts=PTS-STARTPTS,"
            f"{shape}volume={item.vol:.3f},adelay=delays={delay}:all=1{duck}{label}"
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
