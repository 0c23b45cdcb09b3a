"""Compose a :class:`SceneSpec` into a few still layers with depth, each drawn once.

Layers, back to front, and how the renderer moves them (``Layer.motion``):

* ``back`` (opaque, a little larger than the canvas): sky by time of day and weather, sun or
  moon, stars, the far terrain (mountain ranges, a far skyline, dunes) and, below the
  horizon, water that reflects all of that (flipped, darkened, rippled). Panned slowly.
* ``mid`` (transparent, wider than the canvas): the near ground: hills, a treeline, fields,
  near buildings, a beach, a road; with its own reflection when it stands at the water's
  edge. Slides faster than ``back``: parallax.
* ``front`` (transparent, wider still): subjects (trees, a cabin, a tent, boats). Fastest.
* ``clouds`` and ``fog`` (transparent, much wider): drift sideways on their own; clouds
  right in front of ``back`` (behind the near ground and everything on it), fog in front.
* ``particles`` (transparent, twice the canvas height, vertically periodic): rain, snow,
  fireflies or leaves; the renderer scrolls it down (and sways it), wrapping seamlessly.

Reflections live in the same layer as what they reflect, so they stay aligned however the
layers move. Styles grade every layer here (saturation, contrast, tint, posterize, grain,
vignette), so grading costs nothing per frame.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import ImageDraw

from backend.local.scenes.data import load_table
from backend.local.scenes.draw import (
    Array,
    Canvas,
    fill_below,
    fractal_ridge,
    glow,
    hex_rgb,
    mix,
    to_pixels,
)
from backend.local.scenes.spec import SceneSpec

__all__ = [
    "BACK_MARGIN",
    "DRAW_LINES",
    "Layer",
    "Look",
    "Orb",
    "Style",
    "draw_layers",
    "draw_scale",
    "orb_place",
    "pan_speed",
    "style_of",
]

#: Layers are drawn with the canvas's shorter side at most this many pixels (ffmpeg scales them
#: to the canvas once).
DRAW_LINES = 540
#: The back layer is this much larger than the canvas on each axis, leaving room to pan.
BACK_MARGIN = 1.12
_MID_MARGIN = 1.22
_FRONT_MARGIN = 1.34
_CLOUD_MARGIN = 1.8
#: How far the back and the near ground slide, in canvas widths a second at a style's motion
#: 1 (subjects that stand on them slide with them: a lighthouse, a rainbow).
_BACK_SLIDE = 0.02
_MID_SLIDE = 0.035
#: A train (locomotive and three carriages) is this many canvas widths long and travels this
#: share of the canvas width per second: it glides, and its windows stay readable.
_TRAIN_LENGTH = 1.15
_TRAIN_SPEED = 0.09
#: Traffic: a few cars spread over this many canvas widths, faster than a train.
_TRAFFIC_LENGTH = 1.6
_TRAFFIC_SPEED = 0.16
_CAR_COLOURS = ("#c8322c", "#2f5fa8", "#f2c230", "#e9ebee", "#2f8f83", "#8a4fb0")


@dataclass(frozen=True)
class Style:
    name: str
    saturation: float
    contrast: float
    tint: tuple[float, float, float]
    vignette: float
    posterize: int
    grain: float
    motion: float
    zoom: float
    transition: str
    fade_s: float


@dataclass(frozen=True)
class Layer:
    """A drawn still and how it moves.

    ``kind`` is one of back, mid, front, clouds, fog, particles; ``path`` its raw 8-bit
    pixels, RGB for the opaque back (``.rgb``) and straight-alpha RGBA for the others
    (``.rgba``), ``drawn`` pixels large, shown at ``size``; ``motion`` names the movement:
    ``pan`` (crop of an opaque still), ``slide`` (overlay sliding sideways over the scene),
    ``drift`` (slow constant sideways travel), ``fall`` (vertical scroll of a periodic
    layer, with ``sway`` pixels of side motion), ``pass`` (a vehicle crossing the frame on
    its own: rightwards when ``speed`` is positive, leftwards when negative).
    ``rise`` (a small puff, steam, placed at (``x``, ``y``): it rises ``speed`` pixels a
    second and starts again every ``period`` seconds, ``phase`` of a cycle in, swaying
    ``sway`` pixels; its still stacks ``levels`` versions, faint to full to faint, one
    shown per stretch of the cycle, so it fades in and out).
    ``speed`` is in pixels per second (for ``fall``, down; for ``rise``, up; for the others,
    sideways). Any layer with ``levels`` and a ``period`` shows one slice of its stacked
    still per moment of its cycle, as ``rise`` does (a lighthouse's turning beam, a
    walker's steps). A layer with ``appear_s`` is transparent until ``appear_at``
    seconds into the scene and fades in over ``appear_s`` (a rainbow). A layer with
    ``flap`` (seconds) is shown for the first half of each such cycle, from ``phase`` of a
    cycle in (birds: two drawings, wings up and wings down).
    A transparent layer is cropped to the rows it paints (overlay cost grows with area):
    ``y`` is where its top goes on the canvas. ``drawn`` is ``size`` times
    :func:`draw_scale`, give or take the rounding to even pixels.
    """

    kind: str
    path: Path
    size: tuple[int, int]
    motion: str
    speed: float
    y: int = 0
    sway: float = 0.0
    drawn: tuple[int, int] = (0, 0)
    x: int = 0
    period: float = 0.0
    phase: float = 0.0
    flap: float = 0.0
    levels: int = 1
    appear_at: float = 0.0
    appear_s: float = 0.0


@dataclass(frozen=True)
class Look:
    top: Array
    horizon: Array
    sun: Array | None
    sun_y: float
    light: float
    ambient: Array
    stars: float
    grey: float
    dim: float
    haze: float
    clouds: int


@dataclass(frozen=True)
class _Ctx:
    """What every drawing step of one scene needs."""

    spec: SceneSpec
    look: Look
    rng: np.random.Generator
    scale: float  # canvas height / 1080: sizes are designed at 1080p


def draw_scale(width: int, height: int) -> float:
    """Drawn size / shown size for a ``width``×``height`` canvas: layers are drawn (and the
    renderer composites them) with the shorter side at most :data:`DRAW_LINES`."""
    return min(1.0, DRAW_LINES / min(width, height))


def style_of(name: str) -> Style:
    """The style table entry for ``name`` (cinematic when unknown)."""
    table = _styles()
    return table.get(name, table["cinematic"])


def draw_layers(
    spec: SceneSpec,
    width: int,
    height: int,
    *,
    duration: float,
    seed: int,
    folder: Path,
    tint: tuple[tuple[int, int, int], tuple[int, int, int]] | None = None,
    orb: tuple[float, float] | None = None,
) -> list[Layer]:
    """Draw ``spec`` for a ``width``×``height`` canvas into PNGs in ``folder``; back to front.

    ``duration`` (seconds) bounds the travel of each layer so it never runs off its edge;
    ``tint`` (the segment's palette, top and horizon) colours the sky a little; ``orb`` puts
    the sun or moon centre (back-layer pixels, see :func:`orb_place`) there instead.
    """
    style = style_of(spec.style)
    look = _look(spec, tint)
    rng = np.random.default_rng(seed & 0xFFFFFFFF)
    # Layers are drawn at most DRAW_LINES tall; the renderer composites them at that size and
    # scales the result to the canvas: flat illustration loses little, and both drawing and
    # the per-frame compositing cost a quarter at 1080p.
    f = draw_scale(width, height)
    dh = _even(height * f)
    horizon = _horizon(spec) * dh
    ctx = _Ctx(spec, look, rng, dh / 1080)
    layers: list[Layer] = []
    move = style.motion

    writer = _Writer(folder, width, f, duration, layers)
    add = writer.add

    target = (_even(width * BACK_MARGIN), _even(height * BACK_MARGIN))
    back_h = _even(target[1] * f)
    back = _draw_back(ctx, _even(target[0] * f), back_h, horizon + (back_h - dh) / 2, orb)
    _grade(back, style, rng, vignette=True)
    add(back, "back", "pan", target, _BACK_SLIDE * width * move, opaque=True)
    cloud_w = _even(width * _CLOUD_MARGIN)
    if spec.water in ("lake", "sea", "river"):
        # Right above the water, under the banks and subjects that stand in it.
        ripples = _draw_ripples(ctx, _even(cloud_w * f), dh, horizon)
        add(ripples, "ripples", "drift", (cloud_w, height), 0.03 * width * move)

    target = (_even(width * _MID_MARGIN), height)
    mid = _draw_mid(ctx, _even(target[0] * f), dh, horizon)
    if mid is not None:
        _grade(mid, style, rng, vignette=True)
        add(mid, "mid", "slide", target, _MID_SLIDE * width * move)

    # Vehicles: in front of the near ground (their track or street is drawn there), behind
    # trees and the rest.
    _add_vehicles(ctx, writer, style, seed, (width, height), horizon=horizon)
    target = (_even(width * _FRONT_MARGIN), height)
    front = _draw_front(ctx, _even(target[0] * f), dh, horizon)
    if front is not None:
        _grade(front, style, rng, vignette=False)
        add(front, "front", "slide", target, 0.055 * width * move)
    _add_near(ctx, writer, style, seed, (width, height))
    if look.clouds and spec.weather != "fog":
        _add_clouds(ctx, writer, style, cloud_w, horizon)
    if "birds" in spec.subjects:
        _add_birds(ctx, writer, seed, (width, height), horizon=horizon)
    if "fog" in spec.particles or spec.weather == "fog":
        add(_draw_fog(ctx, _even(cloud_w * f), dh, horizon), "fog", "drift", (cloud_w, height),
            0.03 * width * move)
    falling = [p for p in spec.particles if p in ("rain", "snow", "fireflies", "leaves", "petals")]
    if falling:
        kind = falling[0]
        sway = round({"snow": 0.02, "leaves": 0.04, "petals": 0.05, "fireflies": 0.03}.get(
            kind, 0.0) * width)
        target = (_even(width + 2 * sway), 2 * height)
        part = _draw_particles(ctx, kind, _even(target[0] * f), dh)
        speed = {"rain": 1.4, "snow": 0.11, "leaves": 0.09, "petals": 0.07,
                 "fireflies": 0.02}[kind] * height
        add(part, "particles", "fall", target, speed * (0.7 + 0.3 * move), sway=sway)
    return layers



def _add_near(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
              shown: tuple[int, int]) -> None:
    """What the viewer stands or sits at, in front of everything: a counter with a steaming
    bowl of noodles, else a balcony's railing with a steaming cup."""
    if "bowl" in ctx.spec.subjects:
        from backend.local.scenes.street import add_bowl  # (it builds on this module)

        add_bowl(ctx, writer, style, seed, shown)
    elif "balcony" in ctx.spec.subjects:
        _add_balcony(ctx, writer, style, seed, shown)


def _add_clouds(ctx: _Ctx, writer: _Writer, style: Style, wide: int, horizon: float) -> None:
    """Draw the clouds layer and put it right in front of the sky (``back``, the water's
    ``ripples``, a rainbow). Clouds are far away: they pass behind the near ground, buildings
    and trees (in front of them, a night's faint clouds made skyscrapers half see-through).
    They are drawn after those all the same, so the scene's random numbers come out in the
    same order as before."""
    f, layers = writer.f, writer.layers
    clouds = _draw_clouds(ctx, _even(wide * f), horizon)
    _grade(clouds, style, ctx.rng, vignette=False)
    writer.add(clouds, "clouds", "drift", (wide, _even(clouds.h / f)),
               0.045 * writer.width * style.motion)
    if len(layers) > 1 and layers[-1].kind == "clouds":
        at = max(i for i, layer in enumerate(layers)
                 if layer.kind in ("back", "ripples", "rainbow")) + 1
        layers.insert(at, layers.pop())


@dataclass
class _Writer:
    folder: Path
    width: int
    f: float  # drawn size / shown size
    duration: float
    layers: list[Layer]

    def add(self, canvas: Canvas, kind: str, motion: str, target: tuple[int, int],
            wanted: float, *, opaque: bool = False, sway: float = 0.0) -> None:
        """Save ``canvas`` as layer ``kind`` shown at ``target`` size, moving ``wanted``
        pixels per second (less if its spare width would run out)."""
        folder, width, f, duration = self.folder, self.width, self.f, self.duration
        path = folder / f"{kind}.{'rgb' if opaque else 'rgba'}"
        y = 0
        if not opaque and motion != "fall":
            rows = np.flatnonzero(canvas.alpha.max(axis=1) > 1 / 255)
            if rows.size == 0:
                return
            top = max(0, int(rows[0]) - 1) // 2 * 2
            bottom = min(canvas.h, int(rows[-1]) + 2)
            canvas.rgb, canvas.alpha = canvas.rgb[top:bottom], canvas.alpha[top:bottom]
            canvas.h = bottom - top
            y = _even(top / f) if top else 0
            target = (target[0], min(_even(canvas.h / f), target[1] - y))
        # Raw pixels: ffmpeg reads them as they are (see render_scene.layer_input); a PNG,
        # even uncompressed, took a tenth of the drawing time to write.
        path.write_bytes(to_pixels(canvas, with_alpha=not opaque).tobytes())
        spare = target[0] - width - 2 * sway
        if motion == "pass":
            # A vehicle crossing the frame (``wanted`` signed: negative goes left). It enters
            # with 30% of the width already covered and, however long the scene, half of it
            # is still in the picture at the end.
            most = (0.7 * width + 0.5 * target[0]) / max(duration, 0.1)
            speed = float(np.copysign(min(abs(wanted), most), wanted))
        elif motion == "fall":
            speed = wanted
        else:
            speed = _speed(spare, duration, wanted)
        self.layers.append(Layer(kind, path, target, motion, speed, y=y, sway=sway,
                                 drawn=(canvas.w, canvas.h)))

    def save(self, canvas: Canvas, name: str) -> Path:
        """Write a transparent ``canvas`` as is (no cropping) for layers placed by the caller."""
        path = self.folder / f"{name}.rgba"
        path.write_bytes(to_pixels(canvas, with_alpha=True).tobytes())
        return path


def pan_speed(spec: SceneSpec, width: int, duration: float) -> float:
    """How fast :func:`draw_layers` lets the back layer of ``spec`` pan over ``duration``
    seconds on a canvas ``width`` wide (canvas pixels a second)."""
    spare = _even(width * BACK_MARGIN) - width
    return _speed(spare, duration, _BACK_SLIDE * width * style_of(spec.style).motion)


def _speed(travel: float, duration: float, wanted: float) -> float:
    # Never more than the layer's spare width over the scene, so it never shows an edge.
    return min(wanted, max(0.0, travel - 2) / max(duration, 0.1))


def _horizon(spec: SceneSpec) -> float:
    """Where the horizon sits, as a share of the canvas height from the top."""
    if spec.water in ("lake", "sea", "river"):
        return 0.56
    if "city" in spec.terrain:
        return 0.72
    if "road" in spec.subjects or "fields" in spec.terrain:
        return 0.6
    return 0.64


# --- back: sky, sun/moon, stars, far terrain, water ------------------------------------------


def _draw_back(ctx: _Ctx, w: int, h: int, horizon: float,
               orb: tuple[float, float] | None = None) -> Canvas:
    spec, look, rng = ctx.spec, ctx.look, ctx.rng
    c = Canvas(w, h, opaque=True)
    hz = round(horizon)
    y = np.arange(h, dtype=np.float32)[:, None]
    t = np.clip(y / max(1, hz), 0, 1) ** 0.75
    sky = mix(look.top[None, None, :], look.horizon[None, None, :], t[..., None])
    c.rgb = np.broadcast_to(sky, (h, w, 3)).copy()
    ridges = _back_ridges(ctx, w, hz)
    sun_x, sun_y, r = _sun_place(ctx, w, h, hz, ridges, at_x=None if orb is None else orb[0])
    moon_x, moon_y, moon_r = _moon_place(w, h, hz, sun_x if orb is None else None, orb)
    if orb is not None:
        sun_y = min(sun_y, orb[1])
    if look.sun is not None:
        halo = glow(w, h, sun_x, sun_y, 0.35 * h)
        c.rgb = mix(c.rgb, look.sun, halo * (0.55 if spec.weather == "clear" else 0.25))
    if look.stars > 0 and spec.weather in ("clear", "cloudy"):
        _stars(ctx, c, hz)
    if look.sun is not None and spec.weather in ("clear", "cloudy"):
        c.paint_shapes(lambda d: d.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r),
                                           fill=_rgba(look.sun)))
    elif spec.time in ("night", "dusk") and spec.weather in ("clear", "cloudy"):
        # Like the sun, where the moon stands comes from what the scene shows: the shots of
        # one prompt cross-faded between two moons.
        rng.uniform(0.6, 0.8)  # (drawn as before: the stars after it stay put)
        mx, my, r = moon_x, moon_y, moon_r
        c.rgb = mix(c.rgb, hex_rgb("#c8d4ff"), glow(w, h, mx, my, 4 * r) * 0.35)
        moon = hex_rgb("#f4f1dc")
        shade = c.rgb[int(my), int(mx) - int(r)]  # the sky right there hides the dark side

        def crescent(d: ImageDraw.ImageDraw) -> None:
            d.ellipse((mx - r, my - r, mx + r, my + r), fill=_rgba(moon))
            d.ellipse((mx - r * 0.45, my - r * 1.05, mx + r * 1.5, my + r * 0.95),
                      fill=_rgba(shade))

        c.paint_shapes(crescent)
    # Weather greys and dims the sky.
    if look.grey:
        grey = np.full(3, float(c.rgb[: max(1, hz)].mean()), np.float32)
        c.rgb = mix(c.rgb, grey, look.grey)
    c.rgb *= look.dim
    if ridges:
        _mountains(ctx, c, hz, ridges)
    if "city" in spec.terrain:
        _skyline(ctx, c, hz, 0.3, far=True)
    if "dunes" in spec.terrain:
        _dunes(ctx, c, hz, 0.05, far=True)
    # Below the horizon: water that mirrors the sky and far terrain, or plain ground.
    if spec.water in ("lake", "sea", "river"):
        _water(ctx, c, hz, sun_x if look.sun is not None else None)
    else:
        ground = _ground_colour(spec, look)
        depth = np.clip((y - hz) / max(1, h - hz), 0, 1)
        rows = mix(mix(ground, look.horizon * look.light, 0.35), ground * 0.75, depth[..., None])
        c.rgb[hz:] = np.broadcast_to(rows[hz:], (h - hz, 1, 3))
    # Haze: distance fades into the horizon colour.
    haze = np.exp(-np.abs(y - hz) / (0.12 * h)) * look.haze
    c.rgb = mix(c.rgb, look.horizon * look.dim, np.broadcast_to(haze, (h, w)))
    return c


@dataclass(frozen=True)
class Orb:
    """The sun or the moon a scene's back layer shows: its centre (``x``, ``y``) and radius
    ``r`` in the back layer's drawn pixels."""

    moon: bool
    x: float
    y: float
    r: float


def orb_place(spec: SceneSpec, width: int, height: int, *, seed: int,
              x: float | None = None) -> Orb | None:
    """Where :func:`draw_layers` puts the sun or moon disc of ``spec`` on a
    ``width``×``height`` canvas (at ``x`` across, when given: it then stands as low as it
    can there and still be seen), without drawing; None when the scene shows neither.

    Consecutive scenes cross-fade: the renderer places each one's disc where the previous
    one's is on screen (``draw_layers(orb=...)``), so a fade shows one sun, not two."""
    look = _look(spec, None)
    sun = look.sun is not None and spec.weather in ("clear", "cloudy")
    moon = (look.sun is None and spec.time in ("night", "dusk")
            and spec.weather in ("clear", "cloudy"))
    if not (sun or moon):
        return None
    f = draw_scale(width, height)
    dh = _even(height * f)
    w = _even(_even(width * BACK_MARGIN) * f)
    h = _even(_even(height * BACK_MARGIN) * f)
    hz = round(_horizon(spec) * dh + (h - dh) / 2)
    ctx = _Ctx(spec, look, np.random.default_rng(seed & 0xFFFFFFFF), dh / 1080)
    ridges = _back_ridges(ctx, w, hz)
    if moon:
        mx, my, mr = _moon_place(w, h, hz, _sun_place(ctx, w, h, hz, ridges)[0] if x is None
                                 else None, None if x is None else (x, hz))
        return Orb(True, mx, my, mr)
    sx, sy, sr = _sun_place(ctx, w, h, hz, ridges, at_x=x)
    return Orb(False, sx, sy, sr)


def _back_ridges(ctx: _Ctx, w: int, hz: int) -> list[Array]:
    """The far ranges' tops, drawn first from the scene's random numbers (the same ones
    whether the back is drawn or only its sun placed)."""
    ctx.rng.uniform(0.3, 0.7)  # (drawn as before: the clouds and stars after it stay put)
    return _mountain_ridges(ctx, w, hz) if "mountains" in ctx.spec.terrain else []


def _moon_place(w: int, h: int, hz: int, sun_x: float | None,
                orb: tuple[float, float] | None) -> tuple[float, float, float]:
    """The moon's centre and radius: high over the horizon, across from where the sun would
    stand (``sun_x``), or at ``orb`` (never lower than its own height)."""
    r = 0.038 * h
    if orb is not None:
        return min(max(orb[0], r), w - r), min(orb[1], hz * 0.28), r
    assert sun_x is not None
    return 0.6 * w + (sun_x - 0.3 * w) / 2, hz * 0.28, r


def _sun_place(ctx: _Ctx, w: int, h: int, hz: int, ridges: list[Array], *,
               at_x: float | None = None) -> tuple[float, float, float]:
    """Where the sun's centre stands in the back layer (x, y) and its radius; ``at_x``
    across when given."""
    spec = ctx.spec
    # Where the sun stands comes from what the scene shows, not from its seed: the shots of
    # one prompt cross-fade with one sun, not two.
    place = f"{spec.time}|{spec.weather}|{spec.terrain}|{spec.water}"  # not the subjects
    r = 0.045 * h
    x = (w * (0.3 + 0.4 * (zlib.crc32(place.encode()) % 1000) / 1000) if at_x is None
         else min(max(at_x, r), w - r))
    # A low sun (dawn, sunset) stands just above what is in front of it, never behind it: a
    # sunset over mountains showed no sun at all, nor a sunrise over a city.
    y = min(hz - ctx.look.sun_y * hz, hz - _near_rise(spec) * (h / BACK_MARGIN) - 1.2 * r)
    if ridges:
        span = slice(max(0, int(x - r)), min(w, int(x + r) + 1))
        y = min(y, min(float(tops[span].min()) for tops in ridges) - 0.25 * r)
    return x, y, r


def _starry(spec: SceneSpec) -> bool:
    """A clear night away from city lights: the sky is full of stars, and the Milky Way."""
    return spec.time == "night" and spec.weather == "clear" and "city" not in spec.terrain


def _milky_way(ctx: _Ctx, c: Canvas, hz: int) -> None:
    """A faint diagonal band of light, mottled, across the upper sky."""
    rng = ctx.rng
    y = np.arange(c.h, dtype=np.float32)[:, None]
    x = np.arange(c.w, dtype=np.float32)[None, :]
    tilt, at = rng.uniform(-0.45, -0.25), rng.uniform(0.3, 0.6)
    off = (y - hz * 0.15) - tilt * (x - c.w * at)  # distance along the vertical to the band
    band = np.exp(-((off / (0.13 * hz)) ** 2))
    mottle = 0.65 + 0.35 * np.sin(x / c.w * rng.uniform(9, 14) + np.sin(y / hz * 7) * 2.5)
    fade = np.clip((hz * 0.92 - y) / (0.3 * hz), 0, 1)  # gone into the horizon's haze
    c.rgb = mix(c.rgb, np.array([0.78, 0.8, 0.95], np.float32),
                (band * mottle * fade * 0.22).astype(np.float32))


def _stars(ctx: _Ctx, c: Canvas, hz: int) -> None:
    look, rng, scale = ctx.look, ctx.rng, ctx.scale
    starry = _starry(ctx.spec)
    if starry:
        _milky_way(ctx, c, hz)
    count = int(look.stars * c.w * hz / 2500 * (3 if starry else 1))
    xs = rng.integers(0, c.w, count)
    ys = (rng.power(1.6, count) * hz * 0.9).astype(int)
    ys = hz - 1 - ys  # more stars high up, fewer near the hazy horizon
    bright = rng.uniform(0.45, 1.0, count).astype(np.float32) * look.stars
    star = np.array([1.0, 0.97, 0.9], np.float32)
    size = max(1, round(2 * scale))
    for dx in range(size):
        for dy in range(size):
            yy, xx = np.clip(ys + dy, 0, c.h - 1), np.clip(xs + dx, 0, c.w - 1)
            b = bright[:, None]
            c.rgb[yy, xx] = c.rgb[yy, xx] * (1 - b) + star * b
    # A few big ones with a soft halo read as stars even after compression.
    big: Array = (rng.choice(count, size=max(1, count // (12 if starry else 25)), replace=False)
                  if count else xs[:0])
    r = 2.5 * max(1.0, scale)
    c.paint_shapes(lambda d: [d.ellipse((xs[i] - r, ys[i] - r, xs[i] + r, ys[i] + r),
                                        fill=(255, 250, 235, 200)) for i in big], blur=r * 0.6)


_RANGES = (("mountains_far", 0.42, 0.45), ("mountains_near", 0.26, 0.15))


def _mountain_ridges(ctx: _Ctx, w: int, hz: int) -> list[Array]:
    """The tops of the far and the near range (canvas rows, one per column)."""
    return [hz - (0.55 + 0.45 * fractal_ridge(ctx.rng, w, roughness=0.52, base_freq=1.2 + depth))
            * rise * hz for depth, (_, rise, _) in enumerate(_RANGES)]


def _near_rise(spec: SceneSpec) -> float:
    """How far the near ground (the ``mid`` layer) rises above the horizon at most, as a
    share of the canvas height: a low sun must stand above it to be seen."""
    rise = 0.0
    if "hills" in spec.terrain or "fields" in spec.terrain:
        rise = 0.05 if spec.water in ("lake", "sea") else 0.1
    if "forest" in spec.terrain:
        rise = max(rise, 0.16)
    if "city" in spec.terrain:
        rise = max(rise, _near_skyline(spec))
    return rise


def _near_skyline(spec: SceneSpec) -> float:
    """The tallest near building, as a share of the canvas height: lower when the sun is low
    in the sky, so that it rises or sets above the towers rather than high over them."""
    return 0.26 if spec.time in ("dawn", "sunset") and spec.weather in ("clear", "cloudy") else 0.5


def _mountains(ctx: _Ctx, c: Canvas, hz: int, ridges: list[Array]) -> None:
    spec, look, scale = ctx.spec, ctx.look, ctx.scale
    for depth, ((name, rise, haze), tops) in enumerate(zip(_RANGES, ridges, strict=True)):
        cover = fill_below(c.h, tops)
        cover[hz:] = 0
        colour = _lit(_ground(name), look)
        colour = mix(colour, look.horizon * look.dim, haze)
        # Darker towards the foot of the range, where the haze is thinner.
        y_rel = np.clip((np.arange(c.h, dtype=np.float32)[:, None] - tops[None, :])
                        / (rise * hz + 1), 0, 1)
        shade = (1.08 - 0.3 * y_rel)[..., None]
        body = colour * shade
        if spec.season == "winter" or spec.weather == "snow" or depth == 0:
            # Snow on the upper part of the higher peaks.
            y = np.arange(c.h, dtype=np.float32)[:, None]
            local = hz - tops
            high = np.clip((local - np.median(local)) / (0.2 * rise * hz + 1), 0, 1)
            cap = np.clip((tops + local * 0.28 * high - y) / (3 * scale + 1) + 1, 0, 1)
            body = mix(body, _lit(_ground("snowcap"), look) * shade, (cap * high)[..., None] * 0.85)
        c.paint(body, cover)


def _skyline(ctx: _Ctx, c: Canvas, hz: int, tallest: float, *, far: bool) -> None:
    spec, look, rng = ctx.spec, ctx.look, ctx.rng
    lit = spec.time in ("night", "dusk", "sunset")
    colour = _lit(_ground("city"), look)
    colour = mix(colour, look.horizon * look.dim, 0.45 if far else 0.0)
    window = _ground("window")
    x = 0
    boxes: list[tuple[int, int, int, int]] = []
    while x < c.w:
        bw = int(c.w * rng.uniform(0.025, 0.06))
        bh = int(c.h * rng.uniform(0.06, tallest) * (0.7 if far else 1.0))
        boxes.append((x, hz - bh, x + bw, hz + 2))
        x += bw + int(c.w * rng.uniform(0.0, 0.012))

    def draw(d: ImageDraw.ImageDraw) -> None:
        for box in boxes:
            d.rectangle(box, fill=_rgba(colour))
        if not lit:
            return
        glow_c = _rgba(window, 0.75 if far else 0.95)
        step = max(4, int(c.h * (0.012 if far else 0.02)))
        for x0, y0, x1, _ in boxes:
            for wy in range(y0 + step, hz - step, step):
                for wx in range(x0 + step // 2, x1 - step // 2, step):
                    if rng.random() < 0.38:
                        d.rectangle((wx, wy, wx + step // 3, wy + step // 2), fill=glow_c)

    c.paint_shapes(draw)


def _dunes(ctx: _Ctx, c: Canvas, base: float, rise: float, *, far: bool) -> None:
    look, rng = ctx.look, ctx.rng
    x = np.linspace(0, 1, c.w, dtype=np.float32)
    for k in range(2 if far else 3):
        phase, freq = rng.uniform(0, 6.3), rng.uniform(1.2, 2.4)
        amp = rise * c.h * (0.6 + 0.4 * k)
        crest = base - amp * (0.6 + 0.4 * np.sin(2 * np.pi * freq * x + phase)) + k * 0.05 * c.h
        cover = fill_below(c.h, crest)
        sand = _lit(_ground("dunes"), look) * (0.85 + 0.1 * k)
        if far:
            sand = mix(sand, look.horizon * look.dim, 0.35 - 0.1 * k)
        # The lit face and the shadow face meet at the crest: the slope says which is which,
        # strongest right under the crest and fading further down (shaded whole columns
        # made the dunes look like stacked plates with vertical cliffs).
        slope = np.gradient(crest)
        side = np.clip(slope / (np.abs(slope).max() * 0.3 + 1e-6), -1, 1)[None, :]
        below = np.arange(c.h, dtype=np.float32)[:, None] - crest[None, :]
        near = np.exp(-np.clip(below, 0, None) / (0.12 * c.h))
        shade = (0.92 - 0.17 * side * near)[..., None].astype(np.float32)
        c.paint(sand * shade, cover)


def _water(ctx: _Ctx, c: Canvas, hz: int, sun_x: float | None) -> None:
    spec, look, rng, scale = ctx.spec, ctx.look, ctx.rng, ctx.scale
    below = c.h - hz
    src_rows = np.clip(hz - 1 - np.arange(below), 0, hz - 1)
    mirror = c.rgb[src_rows].copy()
    # Ripples: each row of the reflection is shifted sideways a little, more further out.
    rows = np.arange(below, dtype=np.float32)
    shift = (np.sin(rows * 0.9 / max(scale, 0.3)) * (1 + rows / below * 6) * scale).astype(int)
    idx = (np.arange(c.w)[None, :] + shift[:, None]) % c.w
    mirror = mirror[np.arange(below)[:, None], idx]
    water = _lit(_ground(spec.water), look)
    strength = 0.35 if spec.water == "lake" else 0.6
    reflected = mix(mirror * 0.82, water, strength)
    depth = (rows / below)[:, None, None]
    reflected = mix(reflected, water * 0.7, depth * 0.5)
    c.rgb[hz:] = reflected
    if spec.water == "sea":
        # Wave crests: light dashes that crowd together towards the horizon.
        def waves(d: ImageDraw.ImageDraw) -> None:
            foam = _rgba(mix(look.horizon, np.ones(3, np.float32), 0.5) * look.light, 0.55)
            for _ in range(int(c.w * below / 900)):
                v = rng.random() ** 1.8
                y0 = hz + 2 + v * below
                length = (10 + 70 * v) * scale * rng.uniform(0.5, 1.5)
                x0 = rng.uniform(0, c.w)
                d.line((x0, y0, x0 + length, y0), fill=foam, width=max(1, int(scale * 2 * v + 1)))

        c.paint_shapes(waves)
    if sun_x is not None:
        # The sun's glitter path on the water.
        col = glow(c.w, below, sun_x, 0, 0.04 * c.w) * np.clip(
            1 - np.arange(below)[:, None] / below, 0, 1)
        sparkle = (rng.random((below, c.w)) < 0.25).astype(np.float32)
        c.rgb[hz:] = mix(c.rgb[hz:], look.sun if look.sun is not None else look.horizon,
                         col * sparkle * 0.8)


# --- mid: near ground -----------------------------------------------------------------------


def _draw_mid(ctx: _Ctx, w: int, h: int, horizon: float) -> Canvas | None:
    spec, look, rng = ctx.spec, ctx.look, ctx.rng
    c = Canvas(w, h)
    hz = round(horizon)
    water = spec.water in ("lake", "sea")
    drew = False
    if spec.water == "river":
        _banks(ctx, c, hz)
        drew = True
    if "hills" in spec.terrain or ("fields" in spec.terrain and not water):
        _hills(ctx, c, hz, water=water)
        drew = True
    if "fields" in spec.terrain and not water:
        _fields(ctx, c, hz)
        drew = True
    if "dunes" in spec.terrain and not water:
        _dunes(ctx, c, hz + 0.1 * h, 0.06, far=False)
        drew = True
    if "forest" in spec.terrain:
        _treeline(ctx, c, hz, water=water)
        drew = True
    if "city" in spec.terrain:
        _skyline(ctx, c, hz, _near_skyline(spec), far=False)
        street = _lit(_ground("road"), look)
        c.paint(street, np.broadcast_to((np.arange(h)[:, None] >= hz).astype(np.float32),
                                        (h, w)))
        if spec.time in ("night", "dusk") or spec.weather in ("rain", "storm"):
            _wet_street(c, look, rng, hz)
        drew = True
    if "coast" in spec.terrain or (spec.water == "sea" and "dunes" in spec.terrain):
        _beach(ctx, c)
        drew = True
    if "road" in spec.subjects and not water and "car" not in spec.subjects:
        _road(c, look, hz, h)
        drew = True
    if spec.water == "river" and drew:
        _cut_river(c, hz, rng)
    if "train" in spec.subjects:  # after the river's cut: a viaduct spans it
        _track(ctx, c, _rail_y(spec, h, hz))
        drew = True
    if "car" in spec.subjects:  # a street seen from the side (on a bridge over water)
        _street(ctx, c, _street_y(spec, h, hz))
        drew = True
    return c if drew else None


def _hills(ctx: _Ctx, c: Canvas, hz: int, *, water: bool) -> None:
    spec, look, rng = ctx.spec, ctx.look, ctx.rng
    w, h = c.w, c.h
    x = np.linspace(0, 1, w, dtype=np.float32)
    bands = 1 if water else 2
    for k in range(bands):
        rise = (0.05 if water else 0.1 - 0.04 * k) * h
        crest = hz - rise * (0.5 + 0.5 * np.sin(2 * np.pi * rng.uniform(0.8, 1.6) * x
                                                 + rng.uniform(0, 6.3))) + k * 0.08 * h
        cover = fill_below(h, crest)
        if water:
            cover[hz:] = 0
        colour = _lit(_season_ground(spec, "hills"), look) * (0.9 + 0.12 * k)
        colour = mix(colour, look.horizon * look.dim, 0.25 if k == 0 else 0.0)
        c.paint(colour, cover)
        # A rim of light along the crest separates the band from what is behind it.
        rim = cover - fill_below(h, crest + 1.5 * ctx.scale + 1)
        c.paint(np.clip(colour * 1.5 + 0.06, 0, 1), rim * 0.8)


def _fields(ctx: _Ctx, c: Canvas, hz: int) -> None:
    spec, look = ctx.spec, ctx.look
    w, h = c.w, c.h
    y = np.arange(h, dtype=np.float32)[:, None]
    depth = np.clip((y - hz) / (h - hz), 0, 1)
    stripes = 0.5 + 0.5 * np.sin(np.log1p(depth * 40) * 18)
    colour = _lit(_season_ground(spec, "fields"), look)
    body = colour * (0.8 + 0.25 * stripes)[..., None] * np.ones((1, w, 1), np.float32)
    cover = np.broadcast_to((y > hz + 0.06 * h).astype(np.float32), (h, w))
    c.paint(body, cover)


def _banks(ctx: _Ctx, c: Canvas, hz: int) -> None:
    """Plain ground below the horizon; the river is cut out of it afterwards, showing the
    back layer's water (and its reflections) through."""
    y = np.arange(c.h, dtype=np.float32)[:, None]
    depth = np.clip((y - hz) / max(1, c.h - hz), 0, 1)
    bank = _lit(_season_ground(ctx.spec, "hills"), ctx.look)
    c.paint(mix(bank * 0.95, bank * 0.7, np.broadcast_to(depth, (c.h, c.w))),
            np.broadcast_to((y >= hz).astype(np.float32), (c.h, c.w)))


def _cut_river(c: Canvas, hz: int, rng: np.random.Generator) -> None:
    """Erase a winding band from the horizon to the bottom edge, widening towards the viewer."""
    y = np.arange(c.h, dtype=np.float32)[:, None]
    x = np.arange(c.w, dtype=np.float32)[None, :]
    depth = np.clip((y - hz) / max(1, c.h - hz), 0, 1)
    phase = rng.uniform(0, 6.3)
    centre = c.w * (0.5 + 0.12 * np.sin(depth * 4 + phase) * depth)
    half = c.w * (0.01 + 0.3 * depth**1.4)
    inside = np.clip(half - np.abs(x - centre) + 0.5, 0, 1) * (y > hz)
    c.rgb *= (1 - inside)[..., None]
    c.alpha *= 1 - inside


def _beach(ctx: _Ctx, c: Canvas) -> None:
    look, rng, scale = ctx.look, ctx.rng, ctx.scale
    w, h = c.w, c.h
    x = np.linspace(0, 1, w, dtype=np.float32)
    edge = h * 0.8 + 0.035 * h * np.sin(2 * np.pi * rng.uniform(0.6, 1.2) * x
                                        + rng.uniform(0, 6.3))
    sand = _lit(_ground("sand"), look)
    y = np.arange(h, dtype=np.float32)[:, None]
    c.paint(sand * (0.9 + 0.15 * np.clip((y - edge) / (0.2 * h), 0, 1))[..., None],
            fill_below(h, edge))
    foam = fill_below(h, edge - 3 * scale) - fill_below(h, edge + 2 * scale)
    c.paint(np.full(3, 0.95, np.float32) * look.light + 0.05, foam * 0.8)


def _treeline(ctx: _Ctx, c: Canvas, hz: int, *, water: bool) -> None:
    spec, look, rng = ctx.spec, ctx.look, ctx.rng
    colour = _lit(_season_ground(spec, "forest"), look)
    snow = spec.season == "winter" or spec.weather == "snow"
    trees: list[tuple[float, float, float, float]] = []
    rows = 1 if water else 3
    for row in range(rows):
        base = hz + (0 if water else row * 0.07 * c.h)
        x = rng.uniform(-20, 0)
        while x < c.w + 20:
            height = c.h * rng.uniform(0.07, 0.16) * (1 + 0.45 * row)
            trees.append((x, base, height, row))
            x += height * rng.uniform(0.18, 0.4)
    ground = _lit(_season_ground(spec, "hills"), look) * 0.8

    def draw(d: ImageDraw.ImageDraw) -> None:
        if not water:
            d.rectangle((0, hz, c.w, c.h), fill=_rgba(ground))
        for x, base, height, row in trees:
            shade = colour * (0.75 + 0.15 * row) * rng.uniform(0.85, 1.1)
            shade = mix(shade, look.horizon * look.dim, 0.3 / (1 + row))
            half = height * 0.22
            d.polygon(((x, base - height), (x - half, base), (x + half, base)), fill=_rgba(shade))
            if snow:
                tip = _rgba(_lit(_ground("snowcap"), look))
                d.polygon(((x, base - height), (x - half * 0.35, base - height * 0.65),
                           (x + half * 0.35, base - height * 0.65)), fill=tip)

    c.paint_shapes(draw)
    if water:
        _reflect_band(c, hz, int(0.2 * c.h))


def _reflect_band(c: Canvas, hz: int, depth: int) -> None:
    """Mirror the ``depth`` rows above the waterline below it, darker and fading out."""
    depth = min(depth, hz, c.h - hz)
    src = np.arange(hz - 1, hz - 1 - depth, -1)
    fade = np.linspace(0.55, 0.0, depth, dtype=np.float32)[:, None]
    c.rgb[hz : hz + depth] = c.rgb[src] * 0.6
    c.alpha[hz : hz + depth] = c.alpha[src] * fade


def _wet_street(c: Canvas, look: Look, rng: np.random.Generator, hz: int) -> None:
    # Lit windows smear into the wet street as vertical streaks under the buildings.
    _reflect_band(c, hz, int(0.25 * c.h))
    c.alpha[hz:] = np.maximum(c.alpha[hz:], 1.0)
    base = _lit(_ground("road"), look)
    below = c.h - hz
    mask = np.clip(1 - np.arange(below) / below, 0, 1)[:, None, None]
    c.rgb[hz:] = c.rgb[hz:] * mask + base * (1 - mask) * 0.6 + base * 0.4 * mask


def _road(c: Canvas, look: Look, hz: int, h: int) -> None:
    cx = c.w / 2
    asphalt = _rgba(_lit(_ground("road"), look))
    line = _rgba(_lit(_ground("road_line"), look))

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.polygon(((cx - c.w * 0.004, hz), (cx + c.w * 0.004, hz), (cx + c.w * 0.3, h),
                   (cx - c.w * 0.3, h)), fill=asphalt)
        # Pale edge lines: a dark wedge alone did not read as a road.
        for side in (-1, 1):
            d.polygon(((cx + side * c.w * 0.0032, hz), (cx + side * c.w * 0.0036, hz),
                       (cx + side * c.w * 0.283, h), (cx + side * c.w * 0.271, h)), fill=line)
        y, step = float(hz + 4), 6.0
        while y < h:
            t = (y - hz) / (h - hz)
            d.polygon(((cx - 1 - 6 * t, y), (cx + 1 + 6 * t, y), (cx + 1 + 6 * t, y + step * t * 6),
                       (cx - 1 - 6 * t, y + step * t * 6)), fill=line)
            y += step * (1 + t * 25)

    c.paint_shapes(draw)


def _street_y(spec: SceneSpec, h: int, hz: float) -> float:
    """Where cars' wheels run: on a bridge over water, else on a street in front of the
    skyline or the hills, nearer than a train's rail."""
    return hz + (0.3 if spec.water != "none" else 0.62) * (h - hz)


def _street(ctx: _Ctx, c: Canvas, y: float) -> None:
    look, h, w = ctx.look, c.h, c.w
    asphalt = _lit(_ground("road"), look)
    line = _rgba(_lit(_ground("road_line"), look))
    stone = _lit(_ground("viaduct"), look)

    def draw(d: ImageDraw.ImageDraw) -> None:
        if ctx.spec.water != "none":  # a bridge: its deck on piers in the water
            step = w * 0.2
            x = step * 0.5
            while x < w:
                d.rectangle((x - w * 0.015, y, x + w * 0.015, h), fill=_rgba(stone * 0.8))
                x += step
            d.rectangle((0, y, w, y + h * 0.03), fill=_rgba(stone))
            d.rectangle((0, y - h * 0.05, w, y - h * 0.045), fill=_rgba(stone * 0.6))  # rail
        else:  # the far lane the cars drive in, a dashed line, the near pavement
            d.rectangle((0, y - h * 0.05, w, y + h * 0.04), fill=_rgba(asphalt))
            x = 0.0
            while x < w:
                d.rectangle((x, y + h * 0.018, x + h * 0.05, y + h * 0.024), fill=line)
                x += h * 0.1
            d.rectangle((0, y + h * 0.04, w, y + h * 0.05), fill=_rgba(asphalt * 1.6))

    c.paint_shapes(draw)


def _add_birds(ctx: _Ctx, writer: _Writer, seed: int, shown: tuple[int, int], *,
               horizon: float) -> None:
    """Two loose flocks of gulls drifting across the sky, drawn twice (wings up, wings down)
    as two layers that the renderer shows in turn: the wings beat. Nothing here draws from
    the scene's ``rng``."""
    look, f = ctx.look, writer.f
    own = np.random.default_rng((seed ^ 0xB1D) & 0xFFFFFFFF)
    wide = _even(shown[0] * _CLOUD_MARGIN)
    w, h = _even(wide * f), max(8, round(horizon * 0.8))
    span = 0.016 * writer.f * shown[1]  # half a wingspan, drawn pixels
    birds: list[tuple[float, float, float]] = []
    # A V of five to seven, a little ragged, its lead at the left: the layer drifts left.
    for centre in (0.4, 0.58):
        lead_x, lead_y = w * (centre + own.uniform(-0.04, 0.04)), h * own.uniform(0.25, 0.55)
        for k in range(int(own.integers(5, 8))):
            side = 1 if k % 2 else -1
            rank = (k + 1) // 2
            birds.append((lead_x + rank * span * 3.2 + own.uniform(-span, span) * 0.4,
                          lead_y + side * rank * span * 1.8 + own.uniform(-span, span) * 0.4,
                          span * own.uniform(0.8, 1.15)))
    colour = _rgba(mix(_ground("roof"), look.top, 0.25) * 0.8)
    wanted = 0.06 * shown[0]
    for name, tip, phase in (("birds_up", -0.7, 0.0), ("birds_down", 0.55, 0.5)):
        c = Canvas(w, h)

        def draw(d: ImageDraw.ImageDraw, tip: float = tip) -> None:
            for x, y, s in birds:
                d.line(((x - s, y + tip * s), (x - s * 0.4, y - 0.1 * s), (x, y),
                        (x + s * 0.4, y - 0.1 * s), (x + s, y + tip * s)),
                       fill=colour, width=max(1, round(s * 0.22)), joint="curve")

        c.paint_shapes(draw)
        writer.add(c, name, "drift", (wide, _even(h / f)), wanted)
        writer.layers[-1] = replace(writer.layers[-1], flap=0.5, phase=phase)


def _add_vehicles(ctx: _Ctx, writer: _Writer, style: Style, seed: int, shown: tuple[int, int],
                  *, horizon: float) -> None:
    """Vehicles, and the subjects of ``subjects.py`` (a lighthouse, people, a rainbow placed
    behind the ground): everything that stands on the near ground, behind the front."""
    from backend.local.scenes import subjects as named  # (it builds on this module)

    named.add_named(ctx, writer, style, seed, shown, horizon=horizon)
    if "train" in ctx.spec.subjects:
        _add_train(ctx, writer, style, seed, shown, horizon=horizon)
    if "car" in ctx.spec.subjects:
        _add_traffic(ctx, writer, style, seed, shown, horizon=horizon)


def _add_traffic(ctx: _Ctx, writer: _Writer, style: Style, seed: int, shown: tuple[int, int],
                 *, horizon: float) -> None:
    """A few cars in a row driving across, like the train (and, like it, nothing here
    draws from the scene's ``rng``); they go the other way from a train in the same scene."""
    leftwards = not seed & 4
    length = _even(shown[0] * _TRAFFIC_LENGTH)
    own = np.random.default_rng((seed ^ 0xCA5) & 0xFFFFFFFF)
    cars = _draw_cars(ctx, (_even(length * writer.f), _even(shown[1] * writer.f)), horizon,
                      own, leftwards)
    _grade(cars, style, own, vignette=False)
    wanted = _TRAFFIC_SPEED * (0.8 + 0.2 * style.motion) * shown[0]
    writer.add(cars, "traffic", "pass", (length, shown[1]), -wanted if leftwards else wanted)


def _draw_cars(ctx: _Ctx, size: tuple[int, int], horizon: float, rng: np.random.Generator,
               leftwards: bool) -> Canvas:
    """Side views of four cars, fronts to the right (mirrored when they travel left)."""
    spec, look = ctx.spec, ctx.look
    w, h = size
    c = Canvas(w, h)
    base = _street_y(spec, h, horizon)
    lit = spec.time in ("night", "dusk", "dawn", "sunset") or spec.weather in ("rain", "storm")
    length = 0.13 * h * 2.2
    dark = _rgba(_lit(_ground("roof"), look) * 0.5)
    glass = _ground("window") * 0.7 if lit else _lit(_ground("train_glass"), look)
    heads: list[tuple[float, float]] = []
    # Spread along the layer, the lead car near its front end so it enters first.
    fronts = [w - 0.05 * w - k * w * rng.uniform(0.2, 0.26) for k in range(4)]
    colours = [hex_rgb(_CAR_COLOURS[int(i)]) for i in rng.permutation(len(_CAR_COLOURS))]

    def draw(d: ImageDraw.ImageDraw) -> None:
        for front, colour in zip(fronts, colours, strict=False):
            x0, x1 = front - length, front
            r = length * 0.1  # wheel radius
            body_top, body_bottom = base - r - length * 0.2, base - r * 0.6
            cab = (body_top - length * 0.17)
            # Street lights keep a car's paint readable after dark.
            paint = _rgba(colour * mix(np.ones(3, np.float32), look.ambient, 0.5)
                          * max(look.light, 0.62))
            d.rounded_rectangle((x0, body_top, x1, body_bottom), radius=length * 0.06,
                                fill=paint)
            d.polygon(((x0 + length * 0.2, body_top), (x0 + length * 0.3, cab),
                       (x0 + length * 0.66, cab), (x0 + length * 0.8, body_top)), fill=paint)
            sill, head = body_top - 1, cab + length * 0.03
            for a, b, c_, e in ((0.25, 0.33, 0.47, 0.47), (0.5, 0.5, 0.64, 0.74)):  # windows
                d.polygon(((x0 + length * a, sill), (x0 + length * b, head),
                           (x0 + length * c_, head), (x0 + length * e, sill)), fill=_rgba(glass))
            for wx in (x0 + length * 0.2, x1 - length * 0.2):
                d.ellipse((wx - r, base - 2 * r, wx + r, base), fill=dark)
                d.ellipse((wx - r * 0.45, base - r * 1.45, wx + r * 0.45, base - r * 0.55),
                          fill=(150, 150, 156, 255))
            ly = body_top + (body_bottom - body_top) * 0.3
            lamp = length * 0.04
            d.rectangle((x1 - lamp * 0.75, ly, x1, ly + lamp), fill=(255, 240, 200, 255))
            d.rectangle((x0, ly, x0 + lamp * 0.6, ly + lamp), fill=(220, 40, 40, 255))
            heads.append((x1, ly + length * 0.02))

    c.paint_shapes(draw)
    if lit:  # headlights shine ahead of each car
        for x, y in heads:
            c.paint(hex_rgb("#fff3d0"), glow(w, h, x + length * 0.08, y, length * 0.12) * 0.6)
    if leftwards:
        c.rgb, c.alpha = c.rgb[:, ::-1].copy(), c.alpha[:, ::-1].copy()
    return c


def _rail_y(spec: SceneSpec, h: int, hz: float) -> float:
    """Where a train's wheels run: on a viaduct a third of the way down the water, else on
    an embankment a little lower, in front of the skyline or the hills."""
    return hz + (0.36 if spec.water != "none" else 0.45) * (h - hz)


def _track(ctx: _Ctx, c: Canvas, y: float) -> None:
    look, h, w = ctx.look, c.h, c.w
    rail = _rgba(_lit(_ground("rail"), look))
    sleeper = _rgba(_lit(_ground("trunk"), look))
    stone = _lit(_ground("viaduct"), look)

    def draw(d: ImageDraw.ImageDraw) -> None:
        deck = h * 0.035
        if ctx.spec.water != "none":  # a viaduct: a deck on piers standing in the water
            step = w * 0.16
            x = step * 0.3
            while x < w:
                d.rectangle((x - w * 0.012, y, x + w * 0.012, h), fill=_rgba(stone * 0.8))
                x += step
            d.rectangle((0, y, w, y + deck), fill=_rgba(stone))
        else:  # an embankment of ballast, wider at its foot
            d.polygon(((0, y - 1), (w, y - 1), (w, y + deck * 1.6), (0, y + deck * 1.6)),
                      fill=_rgba(stone * 0.75))
            d.rectangle((0, y, w, y + deck * 0.45), fill=_rgba(stone))
        x = 0.0
        while x < w:  # sleeper ends under the rail
            d.rectangle((x, y, x + h * 0.012, y + h * 0.008), fill=sleeper)
            x += h * 0.03
        d.rectangle((0, y - h * 0.006, w, y), fill=rail)

    c.paint_shapes(draw)


@dataclass(frozen=True)
class _TrainLook:
    top: float
    height: float
    rail: float
    car: float  # length of one carriage
    gap: float
    nose: float
    body: Array
    window: Array
    stripe: tuple[int, int, int, int]
    dark: tuple[int, int, int, int]


def _add_train(ctx: _Ctx, writer: _Writer, style: Style, seed: int, shown: tuple[int, int], *,
               horizon: float) -> None:
    """The train layer, graded, crossing at about :data:`_TRAIN_SPEED` widths a second."""
    # Nothing here draws from the scene's ``rng`` (its direction is a bit of the seed, the
    # grain its own generator): a train added to a scene leaves the clouds and stars as
    # they were.
    leftwards = bool(seed & 4)
    length = _even(shown[0] * _TRAIN_LENGTH)
    train = _draw_train(ctx, _even(length * writer.f), _even(shown[1] * writer.f), horizon,
                        leftwards)
    _grade(train, style, np.random.default_rng((seed ^ 0x7A1) & 0xFFFFFFFF), vignette=False)
    wanted = _TRAIN_SPEED * (0.8 + 0.2 * style.motion) * shown[0]
    writer.add(train, "train", "pass", (length, shown[1]), -wanted if leftwards else wanted)


def _draw_train(ctx: _Ctx, w: int, h: int, horizon: float, leftwards: bool) -> Canvas:
    """A side view of a locomotive and three carriages on the rail line, nose to the right
    (mirrored when it travels left)."""
    spec, look = ctx.spec, ctx.look
    c = Canvas(w, h)
    rail = _rail_y(spec, h, horizon)
    height = 0.11 * h
    lit = spec.time in ("night", "dusk", "dawn", "sunset") or spec.weather in ("rain", "storm")
    gap = 0.006 * w
    room = 0.09 * w  # ahead of the locomotive: its sloped nose and the headlight's glow
    car = (w - room - 3 * gap) / 4
    t = _TrainLook(
        top=rail - 0.02 * h - height, height=height, rail=rail, car=car, gap=gap,
        nose=0.045 * w, body=_lit(_ground("train"), look),
        window=_ground("window") if lit else _lit(_ground("train_glass"), look),
        stripe=_rgba(_lit(_ground("train_stripe"), look)),
        dark=_rgba(_lit(_ground("roof"), look) * 0.7))
    lights: list[tuple[float, float]] = []

    def draw(d: ImageDraw.ImageDraw) -> None:
        for k in range(4):
            _train_car(d, t, k, lights)

    c.paint_shapes(draw)
    if lit:  # windows and the headlight glow into the dusk
        halo = np.zeros((h, w), np.float32)
        for x, y in lights[::2]:
            halo = np.maximum(halo, glow(w, h, x, y, height * 0.35))
        c.paint(hex_rgb("#ffcf7a"), halo * 0.25)
        hx = 3 * (car + gap) + car + t.nose * 0.66
        c.paint(hex_rgb("#fff3d0"), glow(w, h, hx, t.top + height * 0.78, height * 0.45) * 0.6)
    if leftwards:
        c.rgb, c.alpha = c.rgb[:, ::-1].copy(), c.alpha[:, ::-1].copy()
    return c


def _train_car(d: ImageDraw.ImageDraw, t: _TrainLook, k: int,
               lights: list[tuple[float, float]]) -> None:
    """Carriage ``k`` (3 is the locomotive); the centres of its windows go to ``lights``."""
    top, height, car, nose = t.top, t.height, t.car, t.nose
    bottom = top + height
    x0 = k * (car + t.gap)
    x1 = x0 + car
    loco = k == 3
    if k:  # the coupling
        d.rectangle((x0 - t.gap, bottom - height * 0.35, x0, bottom - height * 0.15), fill=t.dark)
    outline = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
    if loco:  # a sloped, rounded nose
        outline = [(x0, top), (x1 - nose * 0.2, top), (x1 + nose * 0.7, top + height * 0.55),
                   (x1 + nose * 0.8, bottom), (x0, bottom)]
    d.polygon(outline, fill=_rgba(t.body))
    d.rectangle((x0, top, x1 - (nose * 0.2 if loco else 0), top + height * 0.08),
                fill=_rgba(t.body * 0.8))  # roof line
    d.rectangle((x0, top + height * 0.66, x1 + (nose * 0.78 if loco else 0),
                 top + height * 0.76), fill=t.stripe)
    count = 3 if loco else 6
    step = car * (0.55 if loco else 0.86) / count
    for j in range(count):
        wx = x0 + car * 0.07 + j * step
        box = (wx, top + height * 0.22, wx + step * 0.72, top + height * 0.54)
        d.rectangle(box, fill=_rgba(t.window))
        lights.append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    if loco:  # the driver's window, following the slope of the nose, and the headlight
        d.polygon(((x1 - nose * 0.1, top + height * 0.2), (x1 + nose * 0.35, top + height * 0.3),
                   (x1 + nose * 0.55, top + height * 0.5), (x1 - nose * 0.1, top + height * 0.5)),
                  fill=_rgba(t.window * 0.8))
        r = height * 0.05
        hx, hy = x1 + nose * 0.66, top + height * 0.78
        d.ellipse((hx - r, hy - r, hx + r, hy + r), fill=(255, 246, 214, 255))
    clear = t.rail - bottom
    for bx in (x0 + car * 0.15, x1 - car * 0.15):  # bogies and wheels
        d.rectangle((bx - car * 0.09, bottom, bx + car * 0.09, bottom + clear * 0.5), fill=t.dark)
        r = clear * 0.5
        for wx in (bx - car * 0.05, bx + car * 0.05):
            d.ellipse((wx - r, t.rail - 2 * r, wx + r, t.rail), fill=t.dark)


#: Steam: this many puffs, each rising this share of the canvas height over one cycle.
_PUFFS = 3
_PUFF_RISE = 0.2
_PUFF_PERIOD = 3.6
_PUFF_LEVELS = 16


@dataclass(frozen=True)
class _Cup:
    """Where steam leaves the cup, in drawn pixels, and the cup's width."""

    x: float
    y: float
    size: float


def _draw_balcony(ctx: _Ctx, w: int, h: int) -> tuple[Canvas, _Cup]:
    """A railing across the foreground (handrail, balusters, bottom rail) and a cup of coffee
    on its saucer standing on the handrail."""
    look = ctx.look
    c = Canvas(w, h)
    top = 0.8 * h
    rail = 0.035 * h

    def near(name: str) -> Array:
        # Lit by the room behind the viewer as well as by the sky: after dark the railing
        # and the cup stay visible, warm, against the dark street.
        light = mix(np.ones(3, np.float32), look.ambient, 0.5) * max(look.light, 0.85)
        if ctx.spec.time in ("night", "dusk"):
            light = mix(light, hex_rgb("#ffc98a"), 0.35)
        return np.asarray(_ground(name) * light, np.float32)

    iron = _rgba(near("railing"))
    wood = near("handrail")
    cup_colour = near("cup")
    size = 0.1 * h  # the cup's height
    cx = 0.66 * w

    def draw(d: ImageDraw.ImageDraw) -> None:
        step, bar = w * 0.045, max(2.0, w * 0.007)
        x = step / 2
        while x < w:
            d.rectangle((x - bar / 2, top + rail, x + bar / 2, h), fill=iron)
            x += step
        d.rectangle((0, h - 0.03 * h, w, h - 0.015 * h), fill=iron)  # bottom rail
        d.rectangle((0, top, w, top + rail), fill=_rgba(wood))
        d.rectangle((0, top, w, top + rail * 0.3), fill=_rgba(wood * 1.25))  # its lit top
        # The cup: a saucer, a tapered body, a handle, and the dark coffee inside.
        d.ellipse((cx - size * 0.95, top - size * 0.1, cx + size * 0.95, top + size * 0.12),
                  fill=_rgba(cup_colour * 0.9))
        hw, bw = size * 0.5, size * 0.38
        d.ellipse((cx + hw * 0.7, top - size * 0.8, cx + hw * 1.45, top - size * 0.3),
                  outline=_rgba(cup_colour * 0.85), width=max(2, round(size * 0.09)))
        d.polygon(((cx - hw, top - size), (cx + hw, top - size), (cx + bw, top - size * 0.02),
                   (cx - bw, top - size * 0.02)), fill=_rgba(cup_colour))
        d.ellipse((cx - hw, top - size * 1.08, cx + hw, top - size * 0.92),
                  fill=_rgba(cup_colour * 0.8))
        d.ellipse((cx - hw * 0.85, top - size * 1.05, cx + hw * 0.85, top - size * 0.95),
                  fill=_rgba(near("coffee")))

    c.paint_shapes(draw)
    return c, _Cup(cx, top - size, size)


def _add_balcony(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
                 shown: tuple[int, int]) -> None:
    """The viewer stands on the balcony: its railing holds still in front of everything (a
    layer as wide as the canvas has no room to slide), and the steam from the cup on it
    rises in a few puffs. Like the train, it draws nothing from the scene's ``rng``."""
    f = writer.f
    railing, cup = _draw_balcony(ctx, _even(shown[0] * f), _even(shown[1] * f))
    _grade(railing, style, np.random.default_rng((seed ^ 0xBA1) & 0xFFFFFFFF), vignette=True)
    writer.add(railing, "balcony", "slide", shown, 0.0)
    _add_steam(ctx, writer, cup, shown)


def _add_steam(ctx: _Ctx, writer: _Writer, cup: _Cup, shown: tuple[int, int]) -> None:
    """Soft translucent puffs over ``cup``: one drawing, used by :data:`_PUFFS` layers that
    the renderer lifts and fades a fraction of a cycle apart."""
    look, f = ctx.look, writer.f
    r = cup.size * 0.55
    pw, ph = _even(4 * r), _even(5 * r)
    puff = Canvas(pw, ph)
    colour = mix(np.ones(3, np.float32), look.horizon, 0.2) * max(look.light, 0.7)
    cover = glow(pw, ph, pw / 2, ph * 0.6, r) * 0.7
    cover = np.maximum(cover, glow(pw, ph, pw * 0.42, ph * 0.4, r * 0.8) * 0.55)
    cover = np.maximum(cover, glow(pw, ph, pw * 0.58, ph * 0.28, r * 0.6) * 0.4)
    puff.paint(colour, cover)
    # The fade is drawn, not computed per frame: the still stacks the puff at _PUFF_LEVELS
    # strengths (in, full, out) and the renderer crops the one for the moment of its cycle.
    # A per-pixel fade in the graph (geq) cost 2.3 CPU s per 10 s at 1080p.
    strip = Canvas(pw, ph * _PUFF_LEVELS)
    for k in range(_PUFF_LEVELS):
        strength = float(np.sin(np.pi * (k + 0.5) / _PUFF_LEVELS))
        strip.rgb[k * ph : (k + 1) * ph] = puff.rgb * strength
        strip.alpha[k * ph : (k + 1) * ph] = puff.alpha * strength
    path = writer.save(strip, "steam")
    for k in range(_PUFFS):
        writer.layers.append(Layer(
            f"steam{k}", path, (_even(pw / f), _even(ph / f)), "rise",
            _PUFF_RISE * shown[1] / _PUFF_PERIOD, sway=0.008 * shown[0],
            drawn=(pw, ph * _PUFF_LEVELS), x=round((cup.x - pw / 2) / f),
            y=round((cup.y - ph * 0.75) / f), period=_PUFF_PERIOD, phase=k / _PUFFS,
            levels=_PUFF_LEVELS))


# --- front: subjects ------------------------------------------------------------------------


def _draw_front(ctx: _Ctx, w: int, h: int, horizon: float) -> Canvas | None:
    spec, rng = ctx.spec, ctx.rng
    subjects = set(spec.subjects)
    if "forest" in spec.terrain and spec.water != "none":
        subjects.discard("trees")  # the treeline at the shore is enough
    if "city" in spec.terrain:
        subjects.discard("buildings")  # the skyline draws them
    subjects.discard("road")  # drawn on the ground, in the mid layer
    if not subjects:
        return None
    c = Canvas(w, h)
    hz = round(horizon)
    ground_y = h * 0.9 if spec.water == "none" else h * 0.97
    if "palms" in subjects:
        # Palms frame the view from both sides, leaning in over the beach or the ground.
        for side, lean in ((0.18, 1.0), (0.84, -1.0)):
            _palm(ctx, c, w * side, h * 1.02 if spec.water != "none" else ground_y + 0.05 * h,
                  h * rng.uniform(0.62, 0.78), lean=lean * rng.uniform(0.18, 0.3))
        subjects.discard("trees")  # the palms are the trees
    if "trees" in subjects:
        # By the water, one on each side framing it (one at the edge was panned out of view).
        # Conifers on mountains, in forests and in snow; broadleaf trees in a park, a garden,
        # a field or a street (looks.yaml ``trees``).
        tree = _tree if _conifers(spec) else _broadleaf
        for side in (0.16, 0.84) if spec.water == "none" else (0.12, 0.88):
            tree(ctx, c, w * side, ground_y + 0.05 * h, h * rng.uniform(0.55, 0.7))
    if "buildings" in subjects:
        # A village: a few small houses along the ground line, nearer ones larger.
        for k in range(5):
            size = h * rng.uniform(0.07, 0.1) * (1 + 0.12 * k)
            _cabin(ctx, c, w * (0.22 + 0.14 * k + rng.uniform(-0.03, 0.03)),
                   ground_y - h * 0.02 * (4 - k), size)
    if "cabin" in subjects:
        if spec.water == "none":
            _cabin(ctx, c, w * 0.58, ground_y, h * 0.2)
        else:  # on the far shore
            _cabin(ctx, c, w * 0.58, hz + 1, h * 0.09)
    if "tent" in subjects:
        _tent(ctx, c, w * 0.42, h * 0.86, h * 0.18)
    if "boat" in subjects and spec.water != "none":
        _boat(ctx, c, w * rng.uniform(0.35, 0.6), hz + 0.12 * h, h * 0.12)
    if "flowers" in subjects and spec.season != "winter" and spec.weather != "snow":
        _flowers(ctx, c, top=max(hz + 0.04 * h, h * 0.72))
    return c


def _flowers(ctx: _Ctx, c: Canvas, *, top: float) -> None:
    """Flowers on the near ground, from ``top`` to the bottom edge: small and sparse far
    off, larger and denser near, each a stem, five petals and a heart. Placed by their own
    generator (from the scene's summary), so the scene's other elements stay as they were."""
    spec, look = ctx.spec, ctx.look
    rng = np.random.default_rng(zlib.crc32(f"flowers|{spec.summary}".encode()))
    w, h = c.w, c.h
    petals = [_rgba(_lit(hex_rgb(str(p)), look)) for p in _looks()["ground"]["petals"]]
    stem = _rgba(_lit(_ground("stem"), look))
    heart = _rgba(_lit(_ground("flower_heart"), look))
    count = int(90 * w / 960)
    depth = np.sort(rng.random(count) ** 0.7)  # 0 far (at ``top``) .. 1 near (the bottom)
    xs = rng.uniform(-0.02, 1.02, count) * w
    colours = rng.integers(0, len(petals), count)
    turns = rng.uniform(0, 2 * np.pi, count)

    def draw(d: ImageDraw.ImageDraw) -> None:
        for k in range(count):
            base = top + depth[k] * (h - top) + 0.04 * h
            r = h * (0.006 + 0.016 * depth[k])  # a petal's radius
            stalk = r * 4.5
            x, y = xs[k], base - stalk
            d.line((x, base, x, y), fill=stem, width=max(1, round(r * 0.45)))
            for p in range(5):
                a = turns[k] + p * 2 * np.pi / 5
                px, py = x + np.cos(a) * r * 1.05, y + np.sin(a) * r * 1.05
                d.ellipse((px - r, py - r, px + r, py + r), fill=petals[colours[k]])
            d.ellipse((x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6), fill=heart)

    c.paint_shapes(draw)


def _tree(ctx: _Ctx, c: Canvas, x: float, base: float, height: float) -> None:
    spec, look = ctx.spec, ctx.look
    trunk = _rgba(_lit(_ground("trunk"), look))
    leaf_c = _lit(_season_ground(spec, "forest"), look)
    snow = spec.season == "winter" or spec.weather == "snow"

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((x - height * 0.025, base - height * 0.3, x + height * 0.025, base),
                    fill=trunk)
        for k in range(5):  # stacked tiers of a conifer
            top = base - height * (1 - k * 0.15)
            bottom = base - height * (0.55 - k * 0.12) + height * 0.15
            half = height * (0.11 + k * 0.045)
            d.polygon(((x, top), (x - half, bottom), (x + half, bottom)),
                      fill=_rgba(leaf_c * (0.8 + 0.06 * k)))
            if snow:
                d.polygon(((x, top), (x - half * 0.3, top + (bottom - top) * 0.3),
                           (x + half * 0.3, top + (bottom - top) * 0.3)),
                          fill=_rgba(_lit(_ground("snowcap"), look)))

    c.paint_shapes(draw)


def _conifers(spec: SceneSpec) -> bool:
    """Whether the scene's trees are conifers (looks.yaml ``trees``)."""
    kinds = _looks()["trees"]
    return (bool(set(spec.terrain) & set(kinds["conifer_terrains"]))
            or spec.weather in kinds["conifer_weather"] or spec.season in kinds["conifer_seasons"])


def _broadleaf(ctx: _Ctx, c: Canvas, x: float, base: float, height: float) -> None:
    """A broadleaf tree standing at (``x``, ``base``): a trunk that forks into two limbs
    under a round crown of overlapping clumps of leaves, darker below and lit above. Its
    clumps are placed by their own generator, from the tree's place and size only: the
    scene's other elements stay as they were, and the same tree looks the same whoever walks
    under it (a scene with people and one without differ only by the people)."""
    spec, look = ctx.spec, ctx.look
    rng = np.random.default_rng(zlib.crc32(f"broadleaf|{x:.0f}|{height:.0f}".encode()))
    trunk = _rgba(_lit(_ground("trunk"), look))
    leaf_c = _lit(_season_ground(spec, "broadleaf"), look)
    cx, cy, r = x, base - height * 0.66, height * 0.24  # the crown's centre and radius
    clumps = [(cx + r * rng.uniform(-0.75, 0.75), cy + r * rng.uniform(-0.55, 0.6),
               r * rng.uniform(0.45, 0.62)) for _ in range(9)]
    clumps.sort(key=lambda k: -k[1])  # the lower clumps first: the upper ones lie over them

    def draw(d: ImageDraw.ImageDraw) -> None:
        stem = height * 0.035
        d.polygon(((x - stem * 1.4, base), (x - stem, cy), (x + stem, cy),
                   (x + stem * 1.4, base)), fill=trunk)
        for side in (-1, 1):  # two limbs up into the crown
            d.line((x, cy + r * 0.7, x + side * r * 0.55, cy - r * 0.1), fill=trunk,
                   width=max(1, round(stem * 0.9)))
        d.ellipse((cx - r, cy - r * 0.9, cx + r, cy + r * 0.9), fill=_rgba(leaf_c * 0.72))
        for px, py, pr in clumps:
            lift = float(np.clip((cy - py) / r * 0.5 + 0.5, 0, 1))  # 0 low .. 1 high
            shade = leaf_c * (0.72 + 0.4 * lift) * rng.uniform(0.94, 1.06)
            d.ellipse((px - pr, py - pr, px + pr, py + pr), fill=_rgba(shade))

    c.paint_shapes(draw)


#: A palm's fronds: (angle from the horizontal in degrees, length as a share of the tree's
#: height). Fanned over the top, the outer ones drooping lowest.
_FRONDS = ((8, 0.42), (32, 0.38), (62, 0.3), (95, 0.26), (122, 0.3), (150, 0.38), (174, 0.42),
           (-20, 0.34), (200, 0.34))


def _palm(ctx: _Ctx, c: Canvas, x: float, base: float, height: float, *, lean: float) -> None:
    """A palm tree standing at (``x``, ``base``): a ringed trunk that curves by ``lean`` (a
    share of its height; positive leans right) and a crown of drooping fronds."""
    look = ctx.look
    bark = _lit(_ground("palm_trunk"), look)
    leaf = _lit(_ground("palm_leaf"), look)
    steps = 14
    # The trunk's centre line: straight at the foot, bending more towards the top.
    spine = [(x + lean * height * (k / steps) ** 1.6, base - height * k / steps)
             for k in range(steps + 1)]
    top_x, top_y = spine[-1]

    def draw(d: ImageDraw.ImageDraw) -> None:
        for k in range(steps):
            (x0, y0), (x1, y1) = spine[k], spine[k + 1]
            r0 = height * (0.032 - 0.012 * k / steps)
            r1 = height * (0.032 - 0.012 * (k + 1) / steps)
            shade = 0.82 if k % 2 else 1.0  # the rings of old leaf bases
            d.polygon(((x0 - r0, y0), (x0 + r0, y0), (x1 + r1, y1 + 1), (x1 - r1, y1 + 1)),
                      fill=_rgba(bark * shade))
        for n, (angle, share) in enumerate(_FRONDS):
            length = height * share
            a = np.radians(angle)
            upper: list[tuple[float, float]] = []
            lower: list[tuple[float, float]] = []
            for k in range(11):
                t = k / 10
                # Out along the frond's angle, falling with the square of the distance.
                px = top_x + np.cos(a) * length * t
                py = top_y - np.sin(a) * length * t + length * 0.55 * t * t
                half = length * 0.09 * np.sin(np.pi * min(t * 1.15, 1.0))
                upper.append((px, py - half))
                lower.append((px, py + half))
            d.polygon(upper + lower[::-1], fill=_rgba(leaf * (0.8 + 0.05 * (n % 4))))
            d.line(upper[:1] + [((u[0] + v[0]) / 2, (u[1] + v[1]) / 2)
                                for u, v in zip(upper, lower, strict=True)][1:],
                   fill=_rgba(leaf * 0.6), width=max(1, round(height * 0.004)))
        for dx, dy in ((-0.025, 0.02), (0.02, 0.025), (0.0, 0.04)):  # coconuts
            r = height * 0.02
            cx, cy = top_x + dx * height, top_y + dy * height
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgba(bark * 0.55))

    c.paint_shapes(draw)


def _cabin(ctx: _Ctx, c: Canvas, x: float, base: float, size: float) -> None:
    lit = ctx.spec.time in ("night", "dusk")
    look = ctx.look
    wall, roof = _rgba(_lit(_ground("cabin"), look)), _rgba(_lit(_ground("roof"), look))
    window = _rgba(_ground("window")) if lit else _rgba(_lit(_ground("roof"), look) * 0.6)

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((x - size * 0.7, base - size * 0.6, x + size * 0.7, base), fill=wall)
        d.polygon(((x - size * 0.85, base - size * 0.6), (x, base - size * 1.1),
                   (x + size * 0.85, base - size * 0.6)), fill=roof)
        d.rectangle((x - size * 0.4, base - size * 0.45, x - size * 0.15, base - size * 0.22),
                    fill=window)
        d.rectangle((x + size * 0.15, base - size * 0.45, x + size * 0.35, base), fill=roof)
        d.rectangle((x + size * 0.35, base - size * 1.05, x + size * 0.5, base - size * 0.7),
                    fill=roof)  # chimney

    c.paint_shapes(draw)
    if lit:
        c.paint(hex_rgb("#ffcf7a"), glow(c.w, c.h, x - size * 0.27, base - size * 0.33,
                                         size * 0.5) * 0.35)


def _tent(ctx: _Ctx, c: Canvas, x: float, base: float, size: float) -> None:
    lit = ctx.spec.time in ("night", "dusk")
    look = ctx.look
    body = _lit(_ground("tent"), look)
    if lit:
        body = mix(body, hex_rgb("#ffb25a"), 0.55)

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.polygon(((x - size, base), (x, base - size * 0.9), (x + size, base)), fill=_rgba(body))
        d.polygon(((x - size * 0.22, base), (x, base - size * 0.55), (x + size * 0.22, base)),
                  fill=_rgba(body * 0.45))

    c.paint_shapes(draw)
    if lit:
        c.paint(hex_rgb("#ffb25a"), glow(c.w, c.h, x, base - size * 0.3, size * 0.9) * 0.3)


def _boat(ctx: _Ctx, c: Canvas, x: float, y: float, size: float) -> None:
    look = ctx.look
    hull, sail = _rgba(_lit(_ground("boat"), look) * 0.8), _rgba(_lit(_ground("sail"), look))

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.polygon(((x - size * 0.6, y), (x + size * 0.6, y), (x + size * 0.45, y + size * 0.15),
                   (x - size * 0.45, y + size * 0.15)), fill=hull)
        d.line((x, y, x, y - size * 0.9), fill=hull, width=max(1, int(size * 0.03)))
        d.polygon(((x + size * 0.03, y - size * 0.85), (x + size * 0.45, y - size * 0.08),
                   (x + size * 0.03, y - size * 0.08)), fill=sail)
        # its reflection, broken up
        for k in range(6):
            yy = y + size * 0.18 + k * size * 0.06
            d.line((x - size * 0.4 + k * 3, yy, x + size * 0.4 - k * 3, yy),
                   fill=(*sail[:3], 60 - k * 8), width=max(1, int(size * 0.025)))

    c.paint_shapes(draw)


# --- moving overlays ------------------------------------------------------------------------


def _draw_clouds(ctx: _Ctx, w: int, horizon: float) -> Canvas:
    spec, look, rng, scale = ctx.spec, ctx.look, ctx.rng, ctx.scale
    h = max(8, int(horizon * 0.85))
    c = Canvas(w, h)
    lit = mix(np.ones(3, np.float32), look.horizon, 0.45) * max(look.light, 0.5) * look.dim
    if spec.time in ("sunset", "dawn"):
        lit = mix(lit, hex_rgb("#ff9d7a"), 0.35)
    shadow = mix(lit, look.top, 0.45) * 0.9

    # At night clouds are only faintly lit from below.
    opacity = 0.55 if spec.time == "night" else 0.95

    def draw(d: ImageDraw.ImageDraw) -> None:
        for _ in range(look.clouds):
            cx, cy = rng.uniform(0, w), rng.uniform(0.1, 0.75) * h
            size = rng.uniform(0.05, 0.12) * w / _CLOUD_MARGIN
            for _ in range(int(rng.integers(5, 10))):
                ox, oy = rng.normal(0, size * 0.6), rng.normal(0, size * 0.12)
                r = size * rng.uniform(0.3, 0.6)
                d.ellipse((cx + ox - r, cy + oy - r * 0.55, cx + ox + r, cy + oy + r * 0.5),
                          fill=_rgba(shadow, opacity * 0.95))
                d.ellipse((cx + ox - r * 0.9, cy + oy - r * 0.6, cx + ox + r * 0.9,
                           cy + oy + r * 0.25), fill=_rgba(lit, opacity))

    c.paint_shapes(draw, blur=3 * scale + 1)
    return c


def _draw_ripples(ctx: _Ctx, w: int, h: int, horizon: float) -> Canvas:
    """Light catching the water: thin dashes, longer and further apart nearer the viewer."""
    look, rng, scale = ctx.look, ctx.rng, ctx.scale
    c = Canvas(w, h)
    hz = round(horizon)
    light = mix(look.horizon, np.ones(3, np.float32), 0.35) * max(look.light, 0.45)
    count = int(w * (h - hz) / (260 if ctx.spec.water == "sea" else 420))

    def draw(d: ImageDraw.ImageDraw) -> None:
        for _ in range(count):
            v = rng.random() ** 1.5  # 0 at the horizon, 1 at the bottom
            y0 = hz + 3 + v * (h - hz - 4)
            length = (4 + 40 * v) * scale * rng.uniform(0.6, 1.6) + 2
            x0 = rng.uniform(0, w)
            alpha = rng.uniform(0.25, 0.6)
            d.line((x0, y0, x0 + length, y0), fill=_rgba(light, alpha),
                   width=max(1, round(scale * (1 + 2 * v))))

    c.paint_shapes(draw)
    return c


def _draw_fog(ctx: _Ctx, w: int, h: int, horizon: float) -> Canvas:
    look, rng = ctx.look, ctx.rng
    c = Canvas(w, h)
    colour = mix(np.ones(3, np.float32), look.horizon, 0.4) * look.light
    y = np.arange(h, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    band = np.exp(-(((y - horizon) / (0.18 * h)) ** 2))
    wisps = 0.6 + 0.4 * np.sin(2 * np.pi * (x * rng.uniform(2, 4) + y / h * 1.5))
    c.paint(colour, band * wisps * 0.65)
    return c


def _draw_particles(ctx: _Ctx, kind: str, w: int, h: int) -> Canvas:
    """A ``w``×2h layer whose lower half repeats its upper half, so scrolling it down by
    ``h`` and jumping back is seamless."""
    look, rng, scale = ctx.look, ctx.rng, ctx.scale
    tile = Canvas(w, h)
    area = w * h / (1920 * 1080)

    def draw(d: ImageDraw.ImageDraw) -> None:
        if kind == "snow":
            for _ in range(int(700 * area)):
                x, y = rng.uniform(0, w), rng.uniform(0, h)
                r = rng.uniform(1.2, 4.5) * scale + 0.6
                d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255,
                                                              int(rng.uniform(170, 255))))
        elif kind == "rain":
            colour = (*(int(v * 255) for v in mix(np.ones(3, np.float32), look.horizon, 0.4)), 0)
            # Rain moves ~50 px a frame at 1080p, further than a drop is long: no motion
            # search predicts it, so every streak is coded afresh in every frame (a rain
            # scene was 7.2 Mbit/s, against 2.1 without its rain). 550 a screen still reads
            # as a downpour (900 cost 0.14 CPU s more per 5 s, render_elements --scene 2).
            for _ in range(int(550 * area)):
                x, y = rng.uniform(0, w), rng.uniform(0, h)
                length = rng.uniform(18, 42) * scale
                d.line((x, y, x - length * 0.18, y + length),
                       fill=(*colour[:3], int(rng.uniform(90, 170))),
                       width=max(1, round(1.6 * scale)))
        elif kind == "fireflies":
            for _ in range(int(90 * area)):
                x, y = rng.uniform(0, w), rng.uniform(0.45, 1) * h
                r = rng.uniform(2, 4) * scale + 0.8
                d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 236, 120, 255))
        elif kind == "petals":
            # Cherry-blossom petals: small, pale pink, many, tilted every way.
            for _ in range(int(160 * area)):
                x, y = rng.uniform(0, w), rng.uniform(0, h)
                r = rng.uniform(5, 9) * scale + 1
                tone = [(250, 205, 215), (244, 180, 198), (255, 228, 234)][int(rng.integers(0, 3))]
                tilt = rng.uniform(0.35, 0.8)
                d.ellipse((x - r, y - r * tilt, x + r, y + r * tilt), fill=(*tone, 240))
        else:  # leaves
            for _ in range(int(120 * area)):
                x, y = rng.uniform(0, w), rng.uniform(0, h)
                r = rng.uniform(5, 10) * scale + 1
                hue = [(200, 90, 30), (220, 140, 40), (170, 60, 30)][int(rng.integers(0, 3))]
                d.ellipse((x - r, y - r * 0.5, x + r, y + r * 0.5), fill=(*hue, 235))

    blur = 1.5 * scale if kind == "fireflies" else 0.0
    tile.paint_shapes(draw, blur=blur)
    if kind == "fireflies":
        tile.alpha = np.clip(tile.alpha * 1.8, 0, 1)
    c = Canvas(w, 2 * h)
    c.rgb = np.concatenate([tile.rgb, tile.rgb])
    c.alpha = np.concatenate([tile.alpha, tile.alpha])
    return c


# --- colour ---------------------------------------------------------------------------------


def _grade(c: Canvas, style: Style, rng: np.random.Generator, *, vignette: bool) -> None:
    transparent = bool(c.alpha.min() < 1)
    # A transparent layer is graded only over the rows it paints (often half its height or
    # less); the rest stays transparent black.
    top, bottom = 0, c.h
    if transparent:
        rows = np.flatnonzero(c.alpha.max(axis=1) > 0)
        if rows.size == 0:
            return
        top, bottom = int(rows[0]), int(rows[-1]) + 1
    alpha = c.alpha[top:bottom]
    rgb: Array = c.rgb[top:bottom]
    if transparent:  # premultiplied: grade the straight colour
        rgb = rgb * (1 / np.maximum(alpha, 1e-4))[..., None]
    # Saturation (towards luma), contrast (around mid-grey) and tint are one affine map of
    # the colour: a 3×3 matrix and an offset, a single pass over the pixels.
    luma = np.array([0.299, 0.587, 0.114], np.float32)
    tint = np.array(style.tint, np.float32)
    sat = style.saturation * np.eye(3, dtype=np.float32) + (1 - style.saturation) * luma[:, None]
    matrix = (sat * style.contrast * tint[None, :]).astype(np.float32)
    offset = (0.5 * (1 - style.contrast) * tint).astype(np.float32)
    # ``@`` on the (h, w, 3) image: numpy's own loop over its rows, 1.2 ms of CPU for a
    # 1076×604 back against 9 ms for einsum. (Flattened to (h·w, 3) first, it went to the
    # threaded BLAS: 31 ms of CPU.)
    rgb = rgb @ matrix
    rgb += offset
    if style.posterize:
        levels = style.posterize - 1
        rgb = np.round(np.clip(rgb, 0, 1) * levels) / levels
    if style.grain:
        rgb += rng.normal(0, style.grain, rgb.shape[:2]).astype(np.float32)[..., None]
    if vignette and style.vignette:
        y = np.linspace(-1, 1, c.h, dtype=np.float32)[top:bottom, None]
        x = np.linspace(-1, 1, c.w, dtype=np.float32)[None, :]
        rgb *= (1 - style.vignette * 0.5 * (x * x + y * y))[..., None]
    np.clip(rgb, 0, 1, out=rgb)
    if transparent:
        rgb *= alpha[..., None]
        c.rgb[top:bottom] = rgb  # (outside these rows colour is 0: premultiplied, no alpha)
    else:
        c.rgb = rgb


def _look(spec: SceneSpec,
          tint: tuple[tuple[int, int, int], tuple[int, int, int]] | None) -> Look:
    data = _looks()
    t = data["times"][spec.time]
    wx = data["weather"][spec.weather]
    top, horizon = hex_rgb(t["top"]), hex_rgb(t["horizon"])
    if tint is not None:
        # The segment's palette colours the sky a little: the scene's words decide the picture,
        # the palette (chosen by the agent or the user) its cast.
        # At dawn, sunset, dusk and night the sky's own colours say the time: a green
        # palette over a dawn sky read as a hazy midday.
        k = 0.25 if spec.time in ("day", "golden") else 0.08
        top = mix(top, np.array(tint[0], np.float32) / 255, k)
        horizon = mix(horizon, np.array(tint[1], np.float32) / 255, k)
    return Look(
        top=top,
        horizon=horizon,
        sun=hex_rgb(t["sun"]) if t["sun"] else None,
        sun_y=float(t["sun_y"]),
        light=float(t["light"]) * float(wx["dim"]),
        ambient=hex_rgb(t["ambient"]),
        stars=float(t["stars"]),
        grey=float(wx["grey"]),
        dim=float(wx["dim"]),
        haze=float(wx["haze"]),
        # A clear night has no clouds: dark blobs over a starry sky hid its stars.
        clouds=0 if spec.time == "night" and spec.weather == "clear" else int(wx["clouds"]),
    )


def _lit(colour: Array, look: Look) -> Array:
    return np.asarray(colour * mix(np.ones(3, np.float32), look.ambient, 0.5) * look.light,
                      np.float32)


def _ground(name: str) -> Array:
    return hex_rgb(str(_looks()["ground"][name]))


def _season_ground(spec: SceneSpec, name: str) -> Array:
    table = _looks()["ground"]
    if (spec.season == "winter" or spec.weather == "snow") and name in {"hills", "fields"}:
        return hex_rgb(table["hills_winter"])
    key = f"{name}_{spec.season}"
    return hex_rgb(str(table.get(key, table[name])))


def _ground_colour(spec: SceneSpec, look: Look) -> Array:
    if "dunes" in spec.terrain:
        return _lit(_ground("dunes"), look)
    if "city" in spec.terrain:
        return _lit(_ground("road"), look)
    return _lit(_season_ground(spec, "hills"), look)


def _rgba(colour: Array, alpha: float = 1.0) -> tuple[int, int, int, int]:
    # Plain floats: np.clip on each of the ~3,400 colours a render bench draws cost more
    # than the rest of this function.
    r, g, b = (int(min(1.0, max(0.0, float(v))) * 255 + 0.5) for v in colour)
    return r, g, b, int(alpha * 255)


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


@functools.cache
def _looks() -> dict[str, Any]:
    return dict(load_table("looks.yaml"))


@functools.cache
def _styles() -> dict[str, Style]:
    raw = load_table("styles.yaml")
    return {
        str(name): Style(
            name=str(name),
            saturation=float(v["saturation"]),
            contrast=float(v["contrast"]),
            tint=(float(v["tint"][0]), float(v["tint"][1]), float(v["tint"][2])),
            vignette=float(v["vignette"]),
            posterize=int(v["posterize"]),
            grain=float(v["grain"]),
            motion=float(v["motion"]),
            zoom=float(v["zoom"]),
            transition=str(v["transition"]),
            fade_s=float(v["fade_s"]),
        )
        for name, v in raw.items()
    }


