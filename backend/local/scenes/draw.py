"""Drawing primitives for scene layers: numpy float images (0..1) and Pillow shapes.

Everything here runs once per scene, at the layer's final size; nothing runs per frame.
Shapes that have a silhouette (ridges, dunes, skylines) are filled from a per-column height
with a one-pixel soft edge, so they stay crisp without a supersampled canvas.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

__all__ = [
    "Canvas",
    "fill_below",
    "fractal_ridge",
    "glow",
    "hex_rgb",
    "mix",
    "to_pixels",
]

Array = np.ndarray[Any, Any]


def hex_rgb(value: str) -> Array:
    """``#rrggbb`` as a float RGB vector in 0..1."""
    text = value.lstrip("#")
    return np.array([int(text[i : i + 2], 16) / 255 for i in (0, 2, 4)], np.float32)


def mix(a: Array, b: Array, t: float | Array) -> Array:
    """Linear blend of ``a`` towards ``b`` by ``t``: a number, an (h, w) coverage map (spread
    over the colour channels) or an array already shaped like the colours."""
    t_arr = np.asarray(t, np.float32)
    if t_arr.ndim == 2:
        t_arr = t_arr[..., None]
    # a + (b - a) t: one full-size product fewer than a (1 - t) + b t (this runs on whole
    # float layers, ~400 times for the render bench's six scenes).
    out: Array = np.subtract(b, a, dtype=np.float32) * t_arr
    out += a
    return out


class Canvas:
    """An RGBA float image being painted: ``rgb`` (h, w, 3, premultiplied by coverage) and
    ``alpha`` (h, w)."""

    def __init__(self, width: int, height: int, *, opaque: bool = False) -> None:
        self.w, self.h = width, height
        self.rgb: Array = np.zeros((height, width, 3), np.float32)
        self.alpha: Array = np.full((height, width), 1.0 if opaque else 0.0, np.float32)

    def paint(self, color: Array, coverage: Array) -> None:
        """Paint ``color`` (a vector, or an (h, w, 3) image) over the canvas where ``coverage``
        (h, w, 0..1) says, compositing "over"."""
        cov = np.clip(coverage, 0, 1).astype(np.float32)
        # Only the rows the paint reaches are blended: most shapes (ground, ranges, fog
        # bands) cover part of the height, and this runs on full-size float layers.
        rows = np.flatnonzero(cov.max(axis=1) > 0)
        if rows.size == 0:
            return
        a, b = int(rows[0]), int(rows[-1]) + 1
        cov = cov[a:b, :, None]
        colour = np.asarray(color, np.float32)
        if colour.ndim == 3 and colour.shape[0] == self.h:  # an image, not a row of colours
            colour = colour[a:b]
        band = self.rgb[a:b]
        band += (colour - band) * cov
        self.alpha[a:b] += cov[..., 0] * (1 - self.alpha[a:b])

    def paint_shapes(self, draw_fn: Any, blur: float = 0.0) -> None:
        """Let ``draw_fn(ImageDraw)`` draw Pillow shapes on a transparent layer, then composite
        it over the canvas (optionally blurred, for glows)."""
        layer = Image.new("RGBA", (self.w, self.h), (0, 0, 0, 0))
        draw_fn(ImageDraw.Draw(layer))
        if blur > 0:
            layer = layer.filter(ImageFilter.GaussianBlur(blur))
        box = layer.getbbox()
        if box is None:
            return
        # Only the drawn rectangle is composited: shapes are usually small.
        x0, y0, x1, y1 = box
        pixels = np.asarray(layer.crop(box))
        rgb = self.rgb[y0:y1, x0:x1]
        alpha = self.alpha[y0:y1, x0:x1]
        covered = pixels[..., 3] > 0
        if np.count_nonzero(covered) < covered.size // 4:
            # Sparse shapes spread over a wide rectangle (ripples, raindrops, windows):
            # only their pixels are converted and blended. Where coverage is 0 "over" leaves
            # the canvas as it is, so this gives the same floats as the dense path below.
            at = np.nonzero(covered)
            spots = pixels[at].astype(np.float32)
            spots *= 1 / 255
            cov_s = spots[:, 3:4]
            dst = rgb[at]
            dst += (spots[:, :3] - dst) * cov_s
            rgb[at] = dst
            a = alpha[at]
            a += cov_s[:, 0] * (1 - a)
            alpha[at] = a
            return
        arr = pixels.astype(np.float32)
        arr *= 1 / 255
        cov = arr[..., 3:4]
        # "Over", in place on views of the canvas: rgb + (shape - rgb) cov.
        rgb += (arr[..., :3] - rgb) * cov
        alpha += cov[..., 0] * (1 - alpha)


def fractal_ridge(
    rng: np.random.Generator, width: int, *, octaves: int = 6, roughness: float = 0.5,
    base_freq: float = 1.5
) -> Array:
    """A 1-D ridge profile of ``width`` samples in about -1..1, summed from random sines."""
    x = np.linspace(0, 1, width, dtype=np.float32)
    out = np.zeros(width, np.float32)
    amp, freq, total = 1.0, base_freq, 0.0
    for _ in range(octaves):
        phase = rng.uniform(0, 2 * np.pi)
        # A sharpened sine (|sin| folded) gives peaks rather than round bumps.
        wave = 1 - 2 * np.abs(np.sin(np.pi * freq * x + phase))
        out += amp * wave
        total += amp
        amp *= roughness
        freq *= 2.03
    return out / total


def fill_below(height: int, tops: Array) -> Array:
    """Coverage (height, len(tops)) of everything below the per-column y ``tops``, with a
    one-pixel soft edge."""
    y = np.arange(height, dtype=np.float32)[:, None]
    cover: Array = np.clip(y - tops[None, :] + 0.5, 0, 1)
    return cover


def glow(width: int, height: int, cx: float, cy: float, radius: float) -> Array:
    """A soft round falloff (1 at the centre) of ``radius`` pixels around (cx, cy)."""
    y = np.arange(height, dtype=np.float32)[:, None]
    x = np.arange(width, dtype=np.float32)[None, :]
    d2 = ((x - cx) ** 2 + (y - cy) ** 2) / max(1.0, radius * radius)
    return np.exp(-d2).astype(np.float32)


def to_pixels(canvas: Canvas, *, with_alpha: bool) -> Array:
    """The canvas as 8-bit pixels, (h, w, 4) RGBA with straight alpha or (h, w, 3) RGB."""
    if not with_alpha:
        rgb = canvas.rgb * 255 + 0.5
        return np.clip(rgb, 0, 255, out=rgb).astype(np.uint8)
    # Painting keeps colour premultiplied by coverage; straight alpha is what ffmpeg expects.
    out = np.empty((canvas.h, canvas.w, 4), np.uint8)
    straight = canvas.rgb * (255 / np.maximum(canvas.alpha, 1e-4))[..., None]
    straight += 0.5
    out[..., :3] = np.clip(straight, 0, 255, out=straight)
    out[..., 3] = np.clip(canvas.alpha * 255 + 0.5, 0, 255)
    return out
