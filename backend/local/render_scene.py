"""Generated scenes: a seeded gradient still (numpy/Pillow) plus a cheap ffmpeg motion filter.

The still is drawn once, small, and ffmpeg enlarges it once to a little more than the canvas,
so motion is a per-frame crop (nearly free), a fast rescale (zoom) or a luma curve (pulse)
inside ffmpeg; no Python runs per frame.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from backend.local.render_plan import ScenePiece

__all__ = ["MARGIN", "motion_filter", "still_size", "write_scene_still"]

#: The still is this much larger than the canvas on each axis, leaving room to pan.
MARGIN = 1.12
# Gradients are smooth, so they are computed at a fraction of the size and scaled up.
_DRAW_SCALE = 4
# Speed cap for pan/drift, in canvas widths per second, so short scenes do not whip past.
_MAX_SPEED = 0.02


def still_size(width: int, height: int) -> tuple[int, int]:
    """The size a scene's still is scaled to: ``MARGIN`` times the canvas, in even pixels."""
    return _even(width * MARGIN), _even(height * MARGIN)


def write_scene_still(scene: ScenePiece, width: int, height: int, path: Path) -> None:
    """Draw the background for ``scene`` for a ``width``×``height`` canvas into ``path`` (PNG).

    The PNG is a quarter of :func:`still_size` on each side; ffmpeg scales it up once, before
    looping it, which is cheaper than resizing and compressing a full-size image here.
    """
    sw, sh = still_size(width, height)
    rng = np.random.default_rng(scene.seed & 0xFFFFFFFF)
    w, h = max(8, sw // _DRAW_SCALE), max(8, sh // _DRAW_SCALE)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx /= w
    yy /= h * (w / h)  # equal units on both axes so blobs stay round

    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * xx + np.sin(angle) * yy
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    a = np.array(scene.palette[0], np.float32)
    b = np.array(scene.palette[1], np.float32)
    img = a * (1 - ramp[..., None]) + b * ramp[..., None]

    # Soft glows in tints of the palette give the motion something to show.
    aspect = h / w
    for _ in range(int(rng.integers(3, 6))):
        cx, cy = rng.uniform(0, 1), rng.uniform(0, aspect)
        radius = rng.uniform(0.12, 0.32)
        strength = rng.uniform(0.2, 0.4)
        tint = (b if rng.random() < 0.5 else a) * 0.7 + 255 * 0.3
        glow = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius * radius)) * strength
        img = img * (1 - glow[..., None]) + tint * glow[..., None]

    corner = 0.5**2 + (aspect / 2) ** 2
    vignette = 1 - 0.28 * ((xx - 0.5) ** 2 + (yy - aspect / 2) ** 2) / corner
    img *= vignette[..., None]
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(path, compress_level=1)


def motion_filter(scene: ScenePiece, width: int, height: int, fps: int) -> str:
    """The ffmpeg filter chain that turns the looped still into ``width``×``height`` motion.

    Time ``t`` is seconds since the scene started; the chain ends at the canvas size.
    """
    duration = scene.frames / fps
    reverse = scene.seed & 1
    if scene.motion == "zoom":
        grow = 0.08
        # Zoom out when ``reverse``: start large and settle to the canvas size.
        progress = f"(1-t/{duration:.4f})" if reverse else f"(t/{duration:.4f})"
        return (
            f"scale=w='2*trunc({width}*(1+{grow}*{progress})/2)':h=-2:eval=frame"
            f":flags=fast_bilinear,crop={width}:{height}"
        )
    if scene.motion == "pulse":
        period = 4.0  # a slow breath, independent of the music
        return f"crop={width}:{height},eq=brightness='0.03*sin(2*PI*t/{period:.3f})':eval=frame"
    max_travel = _MAX_SPEED * width * duration
    if scene.motion == "drift":
        span_x = min(1.0, max_travel / max(1, width * (MARGIN - 1)))
        phase = (scene.seed % 628) / 100
        x = f"(iw-ow)*(0.5+{0.5 * span_x:.4f}*sin(t*0.21+{phase:.2f}))"
        y = f"(ih-oh)*(0.5+{0.5 * span_x:.4f}*cos(t*0.17+{phase:.2f}))"
        return f"crop={width}:{height}:x='{x}':y='{y}'"
    # pan: a steady slide across (part of) the margin, direction from the seed
    span = min(1.0, max_travel / max(1, width * (MARGIN - 1)))
    lo = (1 - span) / 2
    frac = f"({lo:.4f}+{span:.4f}*t/{duration:.4f})"
    if reverse:
        frac = f"(1-{frac})"
    return f"crop={width}:{height}:x='(iw-ow)*{frac}':y='(ih-oh)/2'"


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)
