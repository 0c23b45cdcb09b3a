"""Generated scenes: layers drawn once (``backend/local/scenes``), moved by ffmpeg's filter graph.

A scene is a handful of still PNGs (sky and far terrain, near ground, subjects, clouds,
particles). Each is decoded once and repeated with ``loop``; per frame, ffmpeg only crops the
back layer (camera pan), slides the others over it at their own speeds (parallax), drifts the
clouds, scrolls the particles (falling snow or rain, swaying), and, by the segment's motion,
zooms the composite slowly or breathes its light. No Python runs per frame.

Why these moves: a crop of a looped frame is nearly free; overlay cost is proportional to the
overlaid area, so layers are only as large as their content needs (clouds cover the sky,
not the ground); a per-frame rescale (zoom) or ``eq`` (light) touches every pixel, so each
scene uses at most one of them.
"""

from __future__ import annotations

from pathlib import Path

from backend.local.render_plan import ScenePiece
from backend.local.scenes.layers import Layer, draw_layers, style_of

__all__ = ["fade_frames", "scene_chain", "write_scene_layers"]


def write_scene_layers(
    scene: ScenePiece, width: int, height: int, *, fps: int, folder: Path, extra_frames: int = 0
) -> list[Layer]:
    """Draw ``scene``'s layers for a ``width``×``height`` canvas into ``folder``.

    ``extra_frames`` is how long the scene stays on screen after its end (under the next
    scene's cross-fade), so no layer runs out of room before then.
    """
    folder.mkdir(parents=True, exist_ok=True)
    duration = (scene.frames + extra_frames) / fps
    return draw_layers(scene.spec, width, height, duration=duration, seed=scene.seed,
                       folder=folder, tint=scene.cast)


def fade_frames(scene: ScenePiece, following: ScenePiece, fps: int) -> int:
    """Frames of cross-fade from ``scene`` into ``following``: the incoming scene's style
    length, at most a third of either scene."""
    wanted = round(style_of(following.spec.style).fade_s * fps)
    return max(0, min(wanted, scene.frames // 3, following.frames // 3))


def scene_chain(
    i: int,
    scene: ScenePiece,
    layers: list[Layer],
    indexes: list[int],
    *,
    size: tuple[int, int],
    fps: int,
    frames: int,
) -> str:
    """Filter-graph text rendering ``scene`` from its inputs (``indexes``, one per layer) for
    ``frames`` frames on a ``size`` (width, height) canvas; the last filter's output is left
    unlabelled for the caller to name."""
    width, height = size
    clock = f"settb=1/{fps},setpts=N"
    duration = max(frames / fps, 0.1)
    direction = -1 if scene.seed & 1 else 1
    parts: list[str] = []
    current = ""
    for k, (layer, idx) in enumerate(zip(layers, indexes, strict=True)):
        label = f"[sc{i}l{k}]"
        if layer.kind == "back":
            lw, lh = layer.size
            travel = layer.speed * duration
            start = (lw - width) / 2 - direction * travel / 2
            x = f"{start:.2f}+{direction * layer.speed:.4f}*t"
            parts.append(
                f"[{idx}:v]scale={lw}:{lh}:flags=bicubic,format=yuv420p,"
                f"loop=loop=-1:size=1:start=0,{clock},"
                f"crop={width}:{height}:x='{x}':y={(lh - height) // 2},"
                f"trim=end_frame={frames}{label}"
            )
            current = label
            continue
        lw, lh = layer.size
        parts.append(
            f"[{idx}:v]scale={lw}:{lh}:flags=bicubic,format=yuva420p,"
            f"loop=loop=-1:size=1:start=0,{clock},"
            f"trim=end_frame={frames}{label}"
        )
        x, y = _overlay_position(layer, width, height, duration, direction)
        out = f"[sc{i}o{k}]"
        parts.append(f"{current}{label}overlay=x='{x}':y='{y}':format=yuv420:eval=frame{out}")
        current = out
    parts.append(f"{current}{_camera(scene, width, height, duration)}setsar=1")
    return ";\n".join(parts)


def _overlay_position(
    layer: Layer, width: int, height: int, duration: float, direction: int
) -> tuple[str, str]:
    lw, lh = layer.size
    if layer.motion == "fall":
        # The layer is two copies of one tile stacked; it scrolls down by one tile height and
        # wraps, and sways sideways within its spare width.
        tile = lh // 2
        y = f"mod({layer.speed:.3f}*t\\,{tile})-{tile}"
        sway = (lw - width) / 2
        x = f"-{sway:.2f}+{sway:.2f}*sin(t*0.9)" if sway >= 1 else "0"
        return x, y
    travel = layer.speed * duration
    if layer.motion == "drift":
        # Clouds and fog always drift the same way, whichever way the camera pans.
        return f"-{(lw - width) / 2 - travel / 2:.2f}-{layer.speed:.4f}*t", str(layer.y)
    # slide: nearer layers move further than the back, the same way (parallax).
    start = (lw - width) / 2 - direction * travel / 2
    return f"-({start:.2f}+{direction * layer.speed:.4f}*t)", str(layer.y)


def _camera(scene: ScenePiece, width: int, height: int, duration: float) -> str:
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
