"""Generated scenes: layers drawn once (``backend/local/scenes``), moved by ffmpeg's filter graph.

A scene is a handful of stills (sky and far terrain, near ground, subjects, clouds,
particles) as raw pixels. Each is read once and repeated with ``loop``; per frame, ffmpeg
only crops the back layer (camera pan), slides the others over it at their own speeds
(parallax), moves a vehicle across (a train), drifts the clouds, scrolls the particles
(falling snow or rain, swaying), and, by the segment's motion, zooms the composite slowly or
breathes its light. No Python runs per frame.

Why these moves: a crop of a looped frame is nearly free; overlay cost is proportional to the
overlaid area, so layers are only as large as their content needs (clouds cover the sky,
not the ground); a per-frame rescale (zoom) or ``eq`` (light) touches every pixel, so each
scene uses at most one of them. All of it runs at the layers' drawn size (540 lines at
1080p: a quarter of the pixels; the flat illustration looks the same), and the caller
scales each run of scenes to the canvas once per picture, after cross-fading them. Layers
overlaid at 1080p cost about 3x as much per frame (a full-frame particle layer: 1.1 s per
900 frames at 1080p, 0.34 s at 540 lines); the one upscale costs 0.7-0.9 s per 900 frames.
A scene is composited at 15 pictures a second on a 30 fps canvas, each shown twice
(:func:`scene_step`): its layers already moved in steps of a few frames, and a repeated
picture costs x264 less than a new one. Its chain leaves it as pictures; the caller repeats
them (``render_graph._join_scenes``). Two shots of one place that cross-fade keep their
lighthouse in one place (:func:`follow_on`), and two shots with a sun (or a moon) show one
during their fade (:func:`agree_orbs`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from backend.local.render_plan import ScenePiece, VideoPiece
from backend.local.scenes.layers import (
    BACK_MARGIN,
    Layer,
    Orb,
    draw_layers,
    draw_scale,
    orb_place,
    pan_speed,
    style_of,
)
from backend.local.scenes.subjects import lighthouse_side

__all__ = [
    "Follow",
    "agree_orbs",
    "fade_frames",
    "follow_on",
    "layer_input",
    "scene_chain",
    "scene_step",
    "work_size",
    "write_scene_layers",
]


def write_scene_layers(
    scene: ScenePiece, width: int, height: int, *, fps: int, folder: Path, extra_frames: int = 0,
    orb: tuple[float, float] | None = None,
) -> list[Layer]:
    """Draw ``scene``'s layers for a ``width``×``height`` canvas into ``folder``.

    ``extra_frames`` is how long the scene stays on screen after its end (under the next
    scene's cross-fade), so no layer runs out of room before then; ``orb`` is where its sun
    or moon goes (from :func:`agree_orbs`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    duration = (scene.frames + extra_frames) / fps
    return draw_layers(scene.spec, width, height, duration=duration, seed=scene.seed,
                       folder=folder, tint=scene.cast, orb=orb)


def agree_orbs(video: Sequence[VideoPiece], width: int, height: int,
               fps: int) -> dict[int, tuple[float, float]]:
    """Where the sun (or moon) of each generated scene that cross-fades from another one
    with a sun (a moon) goes, by position in ``video``: in its back layer's pixels, for
    :func:`write_scene_layers`.

    Each scene's back pans its own way, so two shots that both show a sun showed two during
    their fade. The incoming one's stands where the outgoing one's is on screen halfway
    through the fade (the pans still part them by up to half a radius at its ends), and a
    run of such scenes at one time of day shares the height of the highest, so that each
    stays above what stands in front of it."""
    f = draw_scale(width, height)
    spare = _even(_even(width * BACK_MARGIN) * f) - work_size(width, height)[0]

    def fade_into(i: int) -> int:
        a, b = video[i], video[i + 1] if i + 1 < len(video) else None
        if isinstance(a, ScenePiece) and isinstance(b, ScenePiece):
            return fade_frames(a, b, fps)
        return 0

    def pan_x(i: int, t: float) -> float:
        # The back layer's crop at ``t`` s into scene i: as scene_chain moves it.
        piece = video[i]
        assert isinstance(piece, ScenePiece)
        duration = max((piece.frames + fade_into(i)) / fps, 0.1)
        speed = min(pan_speed(piece.spec, width, duration) * f, max(0.0, spare - 1) / duration)
        start, velocity = _pan(speed, spare, duration, _direction(piece))
        return start + velocity * t

    placed: dict[int, Orb] = {}
    moved: set[int] = set()
    runs: list[list[int]] = []
    for i, piece in enumerate(video):
        if not isinstance(piece, ScenePiece):
            continue
        own = orb_place(piece.spec, width, height, seed=piece.seed)
        if own is None:
            continue
        before = placed.get(i - 1)
        fade = fade_into(i - 1) if i else 0
        if before is None or not fade or before.moon != own.moon:
            runs.append([i])
        else:
            prev = video[i - 1]
            assert isinstance(prev, ScenePiece)
            screen = before.x - pan_x(i - 1, (prev.frames + fade / 2) / fps)
            found = orb_place(piece.spec, width, height, seed=piece.seed,
                              x=screen + pan_x(i, fade / 2 / fps))
            if found is not None:
                own = found
                moved.add(i)
            if prev.spec.time == piece.spec.time:
                runs[-1].append(i)
            else:
                runs.append([i])
        placed[i] = own
    out: dict[int, tuple[float, float]] = {}
    for run in runs:
        top = min(placed[i].y for i in run)
        out.update((i, (placed[i].x, top)) for i in run if i in moved or len(run) > 1)
    return out


def fade_frames(scene: ScenePiece, following: ScenePiece, fps: int) -> int:
    """Frames of cross-fade from ``scene`` into ``following``: the incoming scene's style
    length, at most a third of either scene."""
    wanted = round(style_of(following.spec.style).fade_s * fps)
    frames = max(0, min(wanted, scene.frames // 3, following.frames // 3))
    # Even, so that scenes composited at half the canvas rate (scene_step) cross-fade in
    # whole pictures.
    return frames - frames % 2


#: Layers that stay where the previous shot had them when two shots of one place
#: cross-fade (a lighthouse and its beam): otherwise, with the camera panning each shot its
#: own way, the tower showed in two places during the fade.
FOLLOWING = ("lighthouse", "beam")


@dataclass(frozen=True)
class Follow:
    """How a layer of the previous scene moved, seen from this scene's clock: its overlay
    ``x`` (compositing pixels) at this scene's first frame, ``v`` pixels a second, and
    ``phase``, the cycle a turning layer (a beam) was at then."""

    x: float
    v: float
    phase: float = 0.0


def follow_on(
    prev: ScenePiece, prev_layers: list[Layer], scene: ScenePiece, layers: list[Layer], *,
    size: tuple[int, int], fps: int, prev_frames: int,
) -> dict[str, Follow]:
    """The layers of ``scene`` that carry on from ``prev`` (rendered for ``prev_frames``,
    its own frames and its fade into ``scene``), by kind: a lighthouse standing on the same
    side in both, seen through the same width of layer."""
    if lighthouse_side(prev.spec) != lighthouse_side(scene.spec):
        return {}
    f = draw_scale(*size)
    width = work_size(*size)[0]
    duration = max(prev_frames / fps, 0.1)
    since = prev.frames / fps
    theirs = {layer.kind: layer for layer in prev_layers if layer.kind in FOLLOWING}
    out: dict[str, Follow] = {}
    for layer in layers:
        old = theirs.get(layer.kind)
        if old is None or old.drawn[0] != layer.drawn[0] or old.motion != "slide":
            continue
        x0, v = _slide(old, f, width, duration, _direction(prev))
        phase = (old.phase + since / old.period) % 1 if old.period else 0.0
        out[layer.kind] = Follow(x0 + v * since, v, phase)
    return out


def scene_chain(
    i: int,
    scene: ScenePiece,
    layers: list[Layer],
    indexes: list[int],
    *,
    size: tuple[int, int],
    fps: int,
    frames: int,
    follow: Mapping[str, Follow] | None = None,
) -> str:
    """Filter-graph text rendering ``scene`` from its inputs (``indexes``, one per layer) for
    ``frames`` frames at ``fps`` on a ``size`` (width, height) canvas; the last filter's
    output is left unlabelled for the caller to name.

    The layers are composited at their drawn size, :func:`work_size`, and at the scene's
    rate, :func:`scene_step`: the output is ``ceil(frames / step)`` pictures, picture ``k``
    standing for frames ``k*step`` to ``k*step + step - 1`` (clock ``step/fps``, counted
    from 0). The caller cross-fades a run of scenes at that size (and rate, where both
    sides have it), scales the result to the canvas and repeats each picture ``step``
    times. ``follow`` (from :func:`follow_on`) continues layers of the previous scene by
    kind."""
    f = draw_scale(*size)
    work = work_size(*size)
    step = scene_step(fps, layers, size[1])
    clock = f"settb={step}/{fps},setpts=N"
    duration = max(frames / fps, 0.1)
    composites = -(-frames // step)  # pictures composited, each shown ``step`` times
    direction = _direction(scene)
    parts: list[str] = []
    current = ""
    carry = follow or {}
    for k, (drawn, idx) in enumerate(zip(layers, indexes, strict=True)):
        label = f"[sc{i}l{k}]"
        carried = carry.get(drawn.kind)
        # A turning beam carries on at the angle it had.
        layer = (replace(drawn, phase=carried.phase) if carried is not None and drawn.period
                 else drawn)
        lw, lh = layer.drawn
        if layer.kind == "back":
            speed = _work_speed(layer, f, lw - work[0], duration)
            start, velocity = _pan(speed, lw - work[0], duration, direction)
            x = f"{start:.2f}+{velocity:.4f}*t"
            parts.append(
                f"[{idx}:v]format=yuv420p,"
                f"loop=loop=-1:size=1:start=0,{clock},"
                f"crop={work[0]}:{work[1]}:x='{x}':y={(lh - work[1]) // 2},"
                f"trim=end_frame={composites}{label}"
            )
            current = label
            continue
        parts.append(
            f"[{idx}:v]format=yuva420p,"
            f"loop=loop=-1:size=1:start=0,{clock},{_fade(layer, lw, lh)}"
            f"trim=end_frame={composites}{label}"
        )
        x, y = _overlay_position(layer, f, (lw, lh), work[0], duration=duration,
                                direction=direction)
        if carried is not None:
            # Where the previous shot left it, moving on as it moved, until its layer has no
            # more room (then it holds still while the scene pans on).
            x = f"clip({carried.x:.2f}{carried.v:+.4f}*t\\,{work[0] - lw}\\,0)"
        out = f"[sc{i}o{k}]"
        parts.append(f"{current}{label}overlay=x='{x}':y='{y}':format=yuv420:eval=frame"
                     f"{_beat(layer)}{out}")
        current = out
    # The format is pinned: left open, negotiation may pick another one for a whole run of
    # scenes (xfade and concat accept many) and convert every frame back before encoding.
    # ``fps`` labels the stream's rate (one picture in, one out), which xfade requires to
    # match between two scenes (the raw inputs' default is 25).
    parts.append(f"{current}{_camera(scene, work, duration)}fps={fps}/{step},"
                 "format=yuv420p,setsar=1")
    return ";\n".join(parts)


def layer_input(layer: Layer) -> tuple[str, ...]:
    """ffmpeg input options reading ``layer``'s raw pixels (put before its ``-i``)."""
    w, h = layer.drawn
    pix_fmt = "rgba" if layer.path.suffix == ".rgba" else "rgb24"
    return ("-f", "rawvideo", "-pixel_format", pix_fmt, "-video_size", f"{w}x{h}")


#: Layers faster than this (canvas heights a second: rain falls 1.4, snow 0.11) keep the
#: canvas's full frame rate; at half of it rain would strobe. So do wings beating on a
#: quarter-second beat (``flap``), so that every beat lands on its frame.
FAST_LAYER = 0.5


def scene_step(fps: int, layers: list[Layer], height: int) -> int:
    """A scene is composited on one frame in ``step`` of a ``fps`` canvas, each picture then
    shown ``step`` times: 15 pictures a second at 30 fps or more, the full rate below 30
    or when a layer moves fast (rain) or beats (birds' wings).

    Layers sit on even pixels of the 540-line composite, so at 30 fps a pan or a drifting
    layer already moved in steps of 2-4 frames; at 15 pictures a second the path is the
    same, but every repeated frame is one x264 encodes as "unchanged" (as cheap as the
    plain-ffmpeg floor's still) and the graph composites half as many pictures."""
    if fps < 30 or any(abs(layer.speed) > FAST_LAYER * height or layer.flap for layer in layers):
        return 1
    return 2


def work_size(width: int, height: int) -> tuple[int, int]:
    """The size scenes are composited at for a ``width``×``height`` canvas: the layers'
    drawn size, even on both sides."""
    f = draw_scale(width, height)
    return _even(width * f), _even(height * f)


def _pan(speed: float, spare: float, duration: float, direction: int) -> tuple[float, float]:
    """The back layer's crop x at t=0 and its speed (pixels a second): centred halfway
    through the scene, travelling ``direction``'s way."""
    return spare / 2 - direction * speed * duration / 2, direction * speed


def _work_speed(layer: Layer, f: float, spare: float, duration: float) -> float:
    # Rounding to even pixels may have taken a pixel of the layer's spare width: never travel
    # further than what is there, so no edge shows.
    return min(layer.speed * f, max(0.0, spare - 1) / duration)


def _overlay_position(
    layer: Layer, f: float, drawn: tuple[int, int], width: int, *, duration: float,
    direction: int
) -> tuple[str, str]:
    lw, lh = drawn
    if layer.motion == "fall":
        # The layer is two copies of one tile stacked; it scrolls down by one tile height and
        # wraps, and sways sideways within its spare width.
        tile = lh // 2
        y = f"mod({layer.speed * f:.3f}*t\\,{tile})-{tile}"
        sway = (lw - width) / 2
        x = f"-{sway:.2f}+{sway:.2f}*sin(t*0.9)" if sway >= 1 else "0"
        return x, y
    y = str(round(layer.y * f))
    if layer.motion == "rise":
        # Up by speed × period over a cycle, then back to the start (unseen: the last
        # version _fade picks is the faintest), swaying a little.
        life = _life(layer)
        y = f"{layer.y * f:.2f}-{layer.speed * f * layer.period:.2f}*{life}"
        x = f"{layer.x * f:.2f}+{layer.sway * f:.2f}*sin(2*PI*{life})"
        return x, y
    if layer.motion == "pass":
        # The vehicle enters with 30% of the frame behind its nose and keeps going at its own
        # speed (layers.py caps it so that half of it is still in view at the end).
        speed = layer.speed * f
        start = 0.3 * width - lw if speed > 0 else 0.7 * width
        return f"{start:.2f}{speed:+.4f}*t", y
    if layer.motion == "drift":
        # Clouds and fog always drift the same way, whichever way the camera pans.
        speed = _work_speed(layer, f, lw - width, duration)
        travel = speed * duration
        return f"-{(lw - width) / 2 - travel / 2:.2f}-{speed:.4f}*t", y
    # slide: nearer layers move further than the back, the same way (parallax).
    x0, v = _slide(layer, f, width, duration, direction)
    return f"{x0:.2f}{v:+.4f}*t", y


def _slide(layer: Layer, f: float, width: int, duration: float,
           direction: int) -> tuple[float, float]:
    """A sliding layer's overlay x at t=0 and its speed (pixels a second): centred halfway
    through the scene, travelling ``direction``'s way."""
    lw = layer.drawn[0]
    speed = _work_speed(layer, f, lw - width, duration)
    start = (lw - width) / 2 - direction * speed * duration / 2
    return -start, -direction * speed


def _direction(scene: ScenePiece) -> int:
    """Which way the camera pans a scene (its layers slide the other way): by its seed."""
    return -1 if scene.seed & 1 else 1


def _beat(layer: Layer) -> str:
    """For a layer with ``flap``: overlay it only in the first half of each cycle (its
    other drawing fills the second half)."""
    if not layer.flap:
        return ""
    return f":enable='lt(mod(t/{layer.flap:.3f}+{layer.phase:.3f}\\,1)\\,0.5)'"


def _life(layer: Layer, clock: str = "t") -> str:
    """How far through its cycle (0..1) a ``rise`` layer is at time ``clock``."""
    return f"mod({clock}/{layer.period:.3f}+{layer.phase:.3f}\\,1)"


def _fade(layer: Layer, width: int, height: int) -> str:
    """For a layer with ``levels`` and a ``period`` (a ``rise`` puff, a turning beam), the
    crop showing the version of its stacked still for the moment of its cycle: it changes
    for the price of a crop. For a layer with ``appear_s``, a fade of its alpha from
    ``appear_at`` (ffmpeg's fade leaves the frames after it untouched). Nothing else."""
    out = ""
    if layer.levels >= 2 and layer.period > 0:
        each = height // layer.levels
        out = f"crop={width}:{each}:0:'{each}*trunc({layer.levels}*{_life(layer)})',"
    if layer.appear_s > 0:
        out += f"fade=t=in:st={layer.appear_at:.3f}:d={layer.appear_s:.3f}:alpha=1,"
    return out


def _camera(scene: ScenePiece, work: tuple[int, int], duration: float) -> str:
    width, height = work
    style = style_of(scene.spec.style)
    if scene.motion == "zoom":
        grow = style.zoom
        progress = f"(1-t/{duration:.4f})" if scene.seed & 2 else f"(t/{duration:.4f})"
        return (
            f"scale=w='2*trunc({width}*(1+{grow:.3f}*{progress})/2)':h=-2:eval=frame"
            f":flags=fast_bilinear,crop={width}:{height},"
        )
    # Light that changes over the scene: dawn brightens, sunset and dusk dim, others breathe.
    time = scene.spec.time
    if time in ("dawn", "day", "golden"):
        expr = f"-0.04+0.06*t/{duration:.4f}"
    elif time in ("sunset", "dusk"):
        expr = f"0.02-0.06*t/{duration:.4f}"
    else:
        expr = "0.025*sin(2*PI*t/5)"
    return f"eq=brightness='{expr}':eval=frame,"


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)
