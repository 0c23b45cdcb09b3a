"""Subjects people ask for by name: a lighthouse with its turning beam, a rainbow, people
walking (someone alone, a couple, a crowd), a dog and party balloons.

Like the rest of a scene, each is drawn once; the renderer's filter graph moves it. A
motion that is not a slide (a beam turning, legs stepping) is a short stack of drawings,
one per moment of its cycle, of which the graph crops the one for the frame (``Layer.levels``
with a ``period``), so nothing runs per frame in Python. None of this draws from the scene's
``rng``: adding a lighthouse leaves the clouds and stars of a scene as they were.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from PIL import ImageDraw

from backend.local.scenes.draw import Array, Canvas, glow, hex_rgb, mix
from backend.local.scenes.layers import (
    _BACK_SLIDE,
    _MID_MARGIN,
    _MID_SLIDE,
    BACK_MARGIN,
    Layer,
    _even,
    _grade,
    _ground,
    _lit,
    _rgba,
    _speed,
)

if TYPE_CHECKING:
    from backend.local.scenes.layers import Style, _Ctx, _Writer
    from backend.local.scenes.spec import SceneSpec

__all__ = ["add_balloons", "add_lighthouse", "add_named", "add_rainbow", "add_walkers"]

#: The beam turns once in this many seconds, drawn at this many angles.
BEAM_PERIOD = 8.0
BEAM_LEVELS = 40
#: A walking step cycle (two steps) in seconds, drawn in this many poses.
STRIDE_PERIOD = 1.0
STRIDE_POSES = 6
#: Children's clothes: brighter than grown-ups'.
_KIDS = ("#e8463c", "#f5c531", "#3f8fe0", "#5cbf4a", "#e86fb0", "#f08c2e")
#: Walkers cover this share of the canvas width per second (a calm walk).
_WALK_SPEED = 0.035
_LIGHT = hex_rgb("#fff1c0")
_RAINBOW = ("#e8463c", "#f08c2e", "#f5d33a", "#5cbf4a", "#3f8fe0", "#4a4fc0", "#8a4fc0")


@dataclass(frozen=True)
class Lamp:
    """Where a lighthouse's lamp is, in the drawn pixels of its layer, and the scale."""

    x: float
    y: float
    size: float  # the tower's height


def add_named(ctx: _Ctx, writer: _Writer, style: Style, seed: int, shown: tuple[int, int], *,
              horizon: float) -> None:
    """Add the layers of the subjects ``ctx.spec`` names, each at its depth: called once the
    near ground is drawn; a rainbow goes behind it (right above the sky and the water)."""
    subjects = ctx.spec.subjects
    # No rainbow at night (it needs the sun behind the viewer): left out, not drawn faint.
    if "rainbow" in subjects and ctx.spec.time != "night":
        at = max((i for i, layer in enumerate(writer.layers)
                  if layer.kind in ("back", "ripples")), default=-1) + 1
        before = list(writer.layers)
        add_rainbow(ctx, writer, seed, shown, horizon=horizon)
        added = writer.layers[len(before):]
        writer.layers[:] = [*before[:at], *added, *before[at:]]
    if "lighthouse" in subjects:
        add_lighthouse(ctx, writer, style, seed, shown, horizon=horizon)
    if "balloons" in subjects:
        add_balloons(ctx, writer, style, shown, horizon=horizon)
    if {"shops", "stalls"} & set(subjects):
        from backend.local.scenes.street import add_street  # (it builds on this module)

        add_street(ctx, writer, style, shown)
    if {"person", "couple", "crowd", "dog"} & set(subjects):
        add_walkers(ctx, writer, style, seed, shown, horizon=horizon)


def placing(spec: SceneSpec) -> int:
    """Bits choosing sides (where the lighthouse stands, the rainbow, which way people walk)
    from what the scene shows, not from its seed: the shots of one prompt (a wide shot, a
    close-up) differ in seed but keep the lighthouse where it was across the cross-fade."""
    return zlib.crc32(f"{spec.summary}|{spec.time}|{spec.weather}".encode())


def lighthouse_side(spec: SceneSpec) -> float:
    """Where the lighthouse stands, as a share of the canvas width."""
    return 0.7 if placing(spec) & 8 else 0.3


def add_lighthouse(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
                   shown: tuple[int, int], *, horizon: float) -> None:
    """A headland with a lighthouse on it, sliding with the near ground; after dark (or in
    a storm or fog) its lamp burns and a beam turns, a stack of drawings the graph steps
    through."""
    f = writer.f
    target = (_even(shown[0] * _MID_MARGIN), shown[1])
    w, h = _even(target[0] * f), _even(shown[1] * f)
    cw = _even(shown[0] * f)
    side = lighthouse_side(ctx.spec)
    x = (w - cw) / 2 + cw * side
    c = Canvas(w, h)
    lamp = _draw_headland(ctx, c, x, horizon, right=side > 0.5)
    _grade(c, style, np.random.default_rng((seed ^ 0x11) & 0xFFFFFFFF), vignette=False)
    writer.add(c, "lighthouse", "slide", target, _MID_SLIDE * shown[0] * style.motion)
    tower = writer.layers[-1]
    strength = _beam_strength(ctx)
    if strength <= 0:
        return
    top = max(0, _even(lamp.y - 0.16 * h))
    rows = _even(min(h, lamp.y + 0.16 * h) - top)
    # One colour of light, so the stack is written straight as 8-bit RGBA: only its alpha
    # changes from drawing to drawing (through a float canvas this took four times as long).
    stack = np.empty((rows * BEAM_LEVELS, w, 4), np.uint8)
    stack[..., :3] = np.round(_LIGHT * 255).astype(np.uint8)
    here = Lamp(lamp.x, lamp.y - top, lamp.size)
    for k in range(BEAM_LEVELS):
        alpha = _beam(w, rows, here, angle=2 * np.pi * k / BEAM_LEVELS, strength=strength)
        stack[k * rows : (k + 1) * rows, :, 3] = np.clip(alpha * 255 + 0.5, 0, 255)
    path = writer.folder / "beam.rgba"
    path.write_bytes(stack.tobytes())
    # The same width and speed as the tower's layer: the beam stays on its lamp.
    writer.layers.append(Layer("beam", path, (target[0], _even(rows / f)), "slide",
                               tower.speed, y=_even(top / f), drawn=(w, rows * BEAM_LEVELS),
                               period=BEAM_PERIOD, levels=BEAM_LEVELS))


def _beam_strength(ctx: _Ctx) -> float:
    spec = ctx.spec
    dark = {"night": 1.0, "dusk": 0.8, "sunset": 0.45, "dawn": 0.45}.get(spec.time, 0.0)
    if spec.weather in ("storm", "rain", "fog"):
        dark = max(dark, 0.55)  # a lighthouse burns through a storm by day too
    air = 1.0 if spec.weather in ("storm", "rain", "fog", "snow") else 0.7
    return dark * air


def _draw_headland(ctx: _Ctx, c: Canvas, x: float, horizon: float, *, right: bool) -> Lamp:
    """Rocks rising from the sea towards one edge, a grassy top, a striped tower on it with
    a keeper's house, foam at the foot. Returns the lamp."""
    spec, look = ctx.spec, ctx.look
    w, h = c.w, c.h
    water = h * 0.66 if spec.water != "none" else h * 0.74  # the foot, at mid distance
    top = horizon - 0.1 * h
    edge = x - 0.12 * h if right else x + 0.12 * h  # where the cliff drops to the sea
    xs = np.arange(w, dtype=np.float32)
    toward = (xs - edge) if right else (edge - xs)  # > 0 on the rock
    rise = np.clip(toward / (0.045 * h), 0, 1)
    rise = rise * rise * (3 - 2 * rise)
    # A rugged top, sloping gently down away from the sea.
    bumps = (0.012 * h * np.sin(xs / (0.033 * h)) + 0.006 * h * np.sin(xs / (0.009 * h) + 1.3)
             + 0.04 * h * np.clip(toward / (0.9 * h), 0, 1))
    tops = water - (water - top) * rise + bumps * rise
    tops = np.where(toward > -0.02 * h, tops, h + 10.0)
    y = np.arange(h, dtype=np.float32)[:, None]
    cover = np.clip(y - tops[None, :] + 0.5, 0, 1) * np.clip(water + 0.01 * h - y, 0, 1)
    # Never quite lost at night: the rock stays a shade lighter than the sea around it.
    rock = _ground("rock") * mix(np.ones(3, np.float32), look.ambient, 0.5) * max(look.light,
                                                                                  0.42)
    shade = np.clip((y - tops[None, :]) / (0.12 * h), 0, 1)[..., None]
    c.paint(mix(rock * 1.1, rock * 0.6, shade), cover)
    grass = np.clip(y - tops[None, :] + 0.5, 0, 1) - np.clip(y - tops[None, :] - 0.012 * h, 0, 1)
    grass_colour = _lit(_ground("hills_winter" if spec.season == "winter" else "hills"), look)
    c.paint(grass_colour * 0.85, grass * (rise > 0.5)[None, :] * cover.max(axis=0, keepdims=True))
    # Foam where the sea meets the rock: more of it in a storm.
    patches = np.clip(0.5 + 0.6 * np.sin(xs / (0.011 * h)) * np.sin(xs / (0.047 * h) + 2), 0, 1)
    foam = (np.exp(-(((y - water + 0.004 * h) / (0.007 * h)) ** 2))
            * ((toward > -0.02 * h) * patches)[None, :])
    rough = 0.8 if spec.weather in ("storm", "rain") else 0.45
    c.paint(np.full(3, 0.92, np.float32) * max(look.light, 0.5), foam * rough)
    base = float(tops[int(np.clip(x, 0, w - 1))])
    return _tower(ctx, c, x, base, right=right)


def _tower(ctx: _Ctx, c: Canvas, x: float, base: float, *, right: bool) -> Lamp:
    """The striped tower standing at ``base`` with its keeper's house; lit enough to read
    as a pale column even at night (its lamp is above it)."""
    look = ctx.look
    size = 0.3 * c.h
    near = max(look.light, 0.6)
    white = _rgba(mix(np.ones(3, np.float32), look.ambient, 0.3) * near)
    red = _rgba(_ground("lighthouse_band") * near)
    dark = _rgba(_ground("roof") * 0.8)
    lit = _beam_strength(ctx) > 0
    glass = _rgba(_LIGHT if lit else _lit(_ground("train_glass"), look))
    b0, b1 = 0.045 * size, 0.03 * size  # half widths at the foot and the top
    top_y = base - size
    lamp_y = top_y - 0.07 * size

    def draw(d: ImageDraw.ImageDraw) -> None:
        # The keeper's house beside the tower, on the landward side.
        hx = x + (0.09 if right else -0.09) * size * 1.0
        hw = 0.07 * size
        d.rectangle((hx - hw, base - 0.1 * size, hx + hw, base + 2), fill=white)
        d.polygon(((hx - hw * 1.2, base - 0.1 * size), (hx, base - 0.17 * size),
                   (hx + hw * 1.2, base - 0.1 * size)), fill=red)
        d.polygon(((x - b0, base + 2), (x - b1, top_y), (x + b1, top_y), (x + b0, base + 2)),
                  fill=white)
        for k in (0.2, 0.5, 0.8):  # red bands
            y0, y1 = base - size * k, base - size * (k + 0.13)
            wa, wb = b0 + (b1 - b0) * k, b0 + (b1 - b0) * (k + 0.13)
            d.polygon(((x - wa, y0), (x - wb, y1), (x + wb, y1), (x + wa, y0)), fill=red)
        d.rectangle((x - b1 * 1.5, top_y - 0.015 * size, x + b1 * 1.5, top_y), fill=dark)
        d.rectangle((x - b1 * 0.9, lamp_y - 0.04 * size, x + b1 * 0.9, top_y - 0.015 * size),
                    fill=glass)
        d.pieslice((x - b1 * 1.1, lamp_y - 0.1 * size, x + b1 * 1.1, lamp_y - 0.02 * size),
                   180, 360, fill=red)

    c.paint_shapes(draw)
    if lit:
        c.paint(_LIGHT, glow(c.w, c.h, x, lamp_y, 0.05 * size) * 0.9)
    return Lamp(x, lamp_y, size)


def _beam(w: int, h: int, lamp: Lamp, *, angle: float, strength: float) -> Array:
    """How much of the lamp's light covers each pixel (0..1) with the lens turned to
    ``angle`` (0: pointing right; pi/2: at the viewer). Seen from the side, a beam pointing
    across is long and narrow; one turning towards the viewer shortens and flares; one
    pointing away is dim behind the lamp."""
    lx, ly, size = lamp.x, lamp.y, lamp.size
    across, facing = float(np.cos(angle)), float(np.sin(angle))
    towards = max(facing, 0.0)
    reach = w * (0.12 + 0.9 * abs(across))
    direction = 1.0 if across >= 0 else -1.0
    xs = (np.arange(w, dtype=np.float32)[None, :] - lx) * direction
    ys = np.abs(np.arange(h, dtype=np.float32)[:, None] - ly)
    ahead = xs.clip(0)
    half = 0.025 * size + ahead * (0.09 + 0.12 * towards)
    inside = np.clip((half - ys) / (0.45 * half + 1), 0, 1)
    fall = (1 - np.clip(ahead / reach, 0, 1)) ** 1.3 * (xs > 0)
    level = strength * (0.45 + 0.35 * towards - 0.25 * max(-facing, 0.0)) * 0.75
    beam = inside * fall * level
    flare = (0.4 + 0.6 * towards**3) * strength
    out: Array = np.clip(beam, 0, 1)
    # The flare, computed only around the lamp (it is nil three radii out).
    r = size * (0.06 + 0.14 * towards**3)
    x0, x1 = max(0, int(lx - 3 * r)), min(w, int(lx + 3 * r) + 1)
    halo = glow(x1 - x0, h, lx - x0, ly, r) * flare
    out[:, x0:x1] = 1 - (1 - out[:, x0:x1]) * (1 - np.clip(halo, 0, 1))
    return out


def add_rainbow(ctx: _Ctx, writer: _Writer, seed: int, shown: tuple[int, int], *,
                horizon: float) -> None:
    """An arc of the seven colours standing on the horizon, panning with the sky; it fades
    in a little after the scene starts, as the rain clears."""
    f = writer.f
    target = (_even(shown[0] * BACK_MARGIN), shown[1])
    w, h = _even(target[0] * f), _even(shown[1] * f)
    cw = _even(shown[0] * f)
    cx = (w - cw) / 2 + cw * (0.62 if placing(ctx.spec) & 16 else 0.38)
    cy = horizon + 0.12 * h
    radius = 0.62 * h
    band = 0.016 * h
    c = Canvas(w, h)
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    dist = np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2)
    pos = (radius - dist) / band  # 0 at the outer (red) edge, 7 at the inner (violet) one
    colours = np.stack([hex_rgb(v) for v in _RAINBOW])
    idx = np.clip(pos, 0, len(_RAINBOW) - 1)
    lo = np.floor(idx).astype(int)
    hi = np.minimum(lo + 1, len(_RAINBOW) - 1)
    t = (idx - lo)[..., None]
    colour = colours[lo] * (1 - t) + colours[hi] * t
    edge = np.clip(pos + 0.5, 0, 1) * np.clip(len(_RAINBOW) + 0.5 - pos, 0, 1)
    # Faint near the ground, where the air is thick, and only above the horizon.
    height = np.clip((horizon - ys) / (0.25 * h), 0, 1)
    c.paint(colour * max(ctx.look.light, 0.7), edge * height * 0.55)
    duration = writer.duration
    writer.add(c, "rainbow", "slide", target, _BACK_SLIDE * shown[0] * _motion(ctx))
    writer.layers[-1] = _appearing(writer.layers[-1], duration)


def _appearing(layer: Layer, duration: float) -> Layer:
    from dataclasses import replace

    return replace(layer, appear_at=min(1.0, 0.15 * duration),
                   appear_s=max(0.5, min(2.5, 0.35 * duration)))


def _motion(ctx: _Ctx) -> float:
    from backend.local.scenes.layers import style_of

    return style_of(ctx.spec.style).motion


# --- balloons ---------------------------------------------------------------------------------

#: Balloons bob on their strings once in this many seconds, drawn in this many positions.
BOB_PERIOD = 3.0
BOB_POSES = 8
_BALLOONS = ("#e8463c", "#f5c531", "#3f8fe0", "#5cbf4a", "#e86fb0", "#f08c2e", "#9a6ad8")


def add_balloons(ctx: _Ctx, writer: _Writer, style: Style, shown: tuple[int, int], *,
                 horizon: float) -> None:
    """Two bunches of party balloons tied to the ground on either side of the picture,
    bobbing and swaying on their strings (a stack of :data:`BOB_POSES` drawings the graph
    steps through), sliding with the near ground."""
    f = writer.f
    target = (_even(shown[0] * _MID_MARGIN), shown[1])
    w, h = _even(target[0] * f), _even(shown[1] * f)
    cw = _even(shown[0] * f)
    feet, tall = _ground_line(ctx, h, horizon)
    own = np.random.default_rng(placing(ctx.spec) & 0xFFFF)
    radius = 0.036 * h
    light = max(ctx.look.light, 0.6)
    # Each balloon: tied at (ax, feet), its string up to (bx, by), its colour, its phase.
    balloons: list[tuple[float, float, float, tuple[int, int, int, int], float]] = []
    for side in (0.3, 0.68):  # clear of the trees at the edges (0.16, 0.84)
        anchor = (w - cw) / 2 + cw * side
        count = int(own.integers(5, 8))
        for k in range(count):
            spread = (k - (count - 1) / 2) * radius * 1.5
            bx = anchor + spread + own.uniform(-0.3, 0.3) * radius
            by = feet - tall * own.uniform(1.3, 1.9)
            colour = _rgba(hex_rgb(_BALLOONS[(k + int(side * 10)) % len(_BALLOONS)]) * light)
            balloons.append((anchor, bx, by, colour, float(own.uniform(0, 1))))
    top = max(0, _even(min(b[2] for b in balloons) - 2 * radius))
    bottom = min(h, _even(feet + 4))
    rows = bottom - top
    stack = Canvas(w, rows * BOB_POSES)
    string = _rgba(np.full(3, 0.85, np.float32) * light)
    for k in range(BOB_POSES):
        pose = Canvas(w, rows)

        def draw(d: ImageDraw.ImageDraw, k: int = k) -> None:
            for ax, bx, by, colour, phase in balloons:
                angle = 2 * np.pi * (k / BOB_POSES + phase)
                x = bx + 0.25 * radius * np.sin(angle)
                y = by - top + 0.18 * radius * np.cos(angle)
                foot = feet - top
                d.line(((ax, foot), ((ax + x) / 2 + 0.2 * radius * np.sin(angle + 1),
                                     (foot + y) / 2), (x, y + radius * 1.1)),
                       fill=string, width=max(1, round(0.06 * radius)), joint="curve")
                d.ellipse((x - radius * 0.85, y - radius, x + radius * 0.85, y + radius),
                          fill=colour)
                d.polygon(((x, y + radius * 0.92), (x - 0.16 * radius, y + radius * 1.15),
                           (x + 0.16 * radius, y + radius * 1.15)), fill=colour)  # the knot
                shine = _rgba(np.ones(3, np.float32) * light, 0.55)
                d.ellipse((x - 0.5 * radius, y - 0.7 * radius, x - 0.2 * radius,
                           y - 0.25 * radius), fill=shine)

        pose.paint_shapes(draw)
        stack.rgb[k * rows : (k + 1) * rows] = pose.rgb
        stack.alpha[k * rows : (k + 1) * rows] = pose.alpha
    path = writer.save(stack, "balloons")
    speed = _speed(target[0] - shown[0], writer.duration, _MID_SLIDE * shown[0] * style.motion)
    writer.layers.append(Layer("balloons", path, (target[0], _even(rows / f)), "slide", speed,
                               y=_even(top / f), drawn=(w, rows * BOB_POSES),
                               period=BOB_PERIOD, levels=BOB_POSES))


# --- people and a dog -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Walker:
    x: float  # drawn pixels along the layer
    feet: float  # y of the feet
    height: float
    colour: tuple[int, int, int, int]
    phase: float  # where in the stride cycle (0..1)
    pack: bool = False  # a hiker's backpack
    dog: bool = False
    umbrella: tuple[int, int, int, int] | None = None  # its colour, held up in the rain


def add_walkers(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
                shown: tuple[int, int], *, horizon: float) -> None:
    """People walking across: someone alone (a hiker where there are hills, mountains, a
    forest or a trail), a couple side by side, or a crowd (two groups going opposite ways);
    a dog trots along. Each group is one ``pass`` layer whose still stacks
    :data:`STRIDE_POSES` drawings of the walk cycle."""
    spec = ctx.spec
    subjects = set(spec.subjects)
    own = np.random.default_rng((seed ^ 0x9E0) & 0xFFFFFFFF)
    f = writer.f
    h = _even(shown[1] * f)
    cw = _even(shown[0] * f)
    feet, tall = _ground_line(ctx, h, horizon)
    palette = [_person_colour(ctx, own) for _ in range(12)]
    groups: list[tuple[str, list[_Walker], int, bool]] = []
    rightwards = not placing(spec) & 32
    has_dog = "dog" in subjects
    if "crowd" in subjects:
        groups += _crowd(ctx, own, palette, cw=cw, h=h, feet=feet, tall=tall,
                         has_dog=has_dog)
    elif "couple" in subjects:
        length = _even(cw * 0.6)
        lead = length * (0.85 if rightwards else 0.15)
        step = -tall * 0.2 if rightwards else tall * 0.2
        people = [_Walker(lead, feet, tall * 1.04, palette[0], 0.0),
                  _Walker(lead + step, feet + 0.004 * h, tall * 0.95, palette[1], 0.5)]
        if has_dog:
            people.append(_Walker(lead - 2.4 * step, feet + 0.01 * h, tall, palette[2], 0.25,
                                  dog=True))
        groups.append(("couple", people, length, rightwards))
    elif "person" in subjects or has_dog:
        length = _even(cw * 0.6)
        lead = length * (0.85 if rightwards else 0.15)
        step = -tall * 0.35 if rightwards else tall * 0.35
        hiker = bool({"mountains", "hills", "forest"} & set(spec.terrain)) or (
            "road" in subjects)
        people = []
        if "person" in subjects:
            people.append(_Walker(lead, feet, tall, palette[0], 0.0, pack=hiker))
        if has_dog:
            people.append(_Walker(lead + (step if people else 0), feet + 0.01 * h, tall,
                                  palette[1], 0.3, dog=True))
        groups.append(("walker", people, length, rightwards))
    if spec.weather in ("rain", "storm") or "umbrellas" in subjects:
        # People out in the rain hold umbrellas up (a viewer of "雨の街を傘をさして歩く人"
        # saw someone walking bare-headed through it), and so do those said to carry them.
        groups = [(name, [replace(p, umbrella=_umbrella_colour(ctx, own)) if not p.dog else p
                          for p in people], length, go_right)
                  for name, people, length, go_right in groups]
    if spec.water != "none" and "coast" not in spec.terrain:
        _add_bank(ctx, writer, style, seed, shown)
    for name, people, length, go_right in groups:
        if not people:
            continue
        _add_group(ctx, writer, name, people, length=length, rightwards=go_right, shown=shown)


def _crowd(ctx: _Ctx, own: np.random.Generator, palette: list[tuple[int, int, int, int]], *,
           cw: int, h: int, feet: float, tall: float, has_dog: bool
           ) -> list[tuple[str, list[_Walker], int, bool]]:
    """A crowd: two groups going opposite ways (children, mostly, when the scene has them),
    a dog trotting along with the first."""
    kids = "children" in ctx.spec.subjects
    festive = "balloons" in ctx.spec.subjects
    kid_palette = [_rgba(hex_rgb(c) * max(ctx.look.light, 0.55)) for c in _KIDS]
    groups: list[tuple[str, list[_Walker], int, bool]] = []
    for g, (go_right, depth) in enumerate(((True, 0.0), (False, 0.05))):
        length = _even(cw * 1.4)
        people: list[_Walker] = []
        x = length * own.uniform(0.02, 0.08)
        while x < length * 0.97:
            scale = own.uniform(0.9, 1.08) * (1 - depth * 2)
            colour = palette[len(people) % len(palette)]
            if festive:  # a party's guests dress for it, not in the street's muted colours
                colour = kid_palette[(len(people) * 5 + g) % len(kid_palette)]
            if kids and own.random() < 0.8:  # mostly children, a grown-up or two
                scale *= own.uniform(0.52, 0.66)
                colour = kid_palette[len(people) % len(kid_palette)]
            people.append(_Walker(x, feet - depth * h, tall * scale, colour,
                                  float(own.uniform(0, 1))))
            x += tall * own.uniform(0.35, 0.9) * (0.75 if kids else 1.0)
        if has_dog and not g:
            # Trotting along with the first group, near the end of it that is in the
            # picture from the start (a pass layer enters with its front end in view).
            front = length * (0.85 if go_right else 0.15)
            near = min(people, key=lambda p: abs(p.x - front))
            people.append(_Walker(near.x + tall * (0.3 if go_right else -0.3),
                                  feet + 0.01 * h, tall, palette[0], 0.3, dog=True))
        groups.append((f"crowd{g}", people, length, go_right))
    return groups


def _add_bank(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
              shown: tuple[int, int]) -> None:
    """A strip of near shore along the bottom of a lake or river scene for people to walk
    on (they do not walk on water), sliding with the near ground."""
    f = writer.f
    target = (_even(shown[0] * _MID_MARGIN), shown[1])
    w, h = _even(target[0] * f), _even(shown[1] * f)
    c = Canvas(w, h)
    xs = np.arange(w, dtype=np.float32)
    # High enough for the walkers on it to stand above a script's caption box.
    edge = h * 0.8 + 0.012 * h * np.sin(xs / (0.09 * h) + seed % 7)
    y = np.arange(h, dtype=np.float32)[:, None]
    grass = _lit(_ground("hills_winter" if ctx.spec.season == "winter" else "hills"), ctx.look)
    c.paint(grass * 0.8, np.clip(y - edge[None, :] + 0.5, 0, 1))
    c.paint(grass * 1.15, np.clip(y - edge[None, :] + 0.5, 0, 1)
            - np.clip(y - edge[None, :] - 0.004 * h, 0, 1))
    _grade(c, style, np.random.default_rng((seed ^ 0xBA2) & 0xFFFFFFFF), vignette=True)
    writer.add(c, "bank", "slide", target, _MID_SLIDE * shown[0] * style.motion)


def _ground_line(ctx: _Ctx, h: int, horizon: float) -> tuple[float, float]:
    """Where walkers' feet are (drawn pixels) and how tall they are."""
    spec = ctx.spec
    # Above the caption box (its top is about 0.83 of the height): a dog trotting at 0.92
    # showed only its legs under a script's captions.
    if "coast" in spec.terrain:
        return h * 0.82, h * 0.17  # on the sand, near the waterline
    if "city" in spec.terrain:
        return h * 0.84, h * 0.17  # on the pavement in front of the buildings and shops
    if spec.water != "none":
        return h * 0.83, h * 0.15  # on the near bank (_add_bank)
    return h * 0.84, h * 0.17


def _person_colour(ctx: _Ctx, rng: np.random.Generator) -> tuple[int, int, int, int]:
    # Clothes in muted colours, lit like the scene but never lost in the dark.
    base = hex_rgb(str(rng.choice(["#2f3b52", "#7a3b33", "#3d5a3f", "#5b4a6e", "#8a6a3a",
                                   "#2a2a30", "#9a4f2a"])))
    light = max(ctx.look.light, 0.55)
    return _rgba(base * mix(np.ones(3, np.float32), ctx.look.ambient, 0.4) * light)


def _umbrella_colour(ctx: _Ctx, rng: np.random.Generator) -> tuple[int, int, int, int]:
    base = hex_rgb(str(rng.choice(["#c8322c", "#2f5fa8", "#f2c230", "#26262c", "#2f8f83",
                                   "#e9ebee"])))
    return _rgba(base * mix(np.ones(3, np.float32), ctx.look.ambient, 0.4)
                 * max(ctx.look.light, 0.6))


def _add_group(ctx: _Ctx, writer: _Writer, name: str, people: list[_Walker], *, length: int,
               rightwards: bool, shown: tuple[int, int]) -> None:
    f = writer.f
    h = _even(shown[1] * f)
    top = max(0, _even(min(p.feet - p.height * (1.3 if p.umbrella else 1.1) for p in people)))
    bottom = min(h, _even(max(p.feet for p in people) + 0.02 * h))
    rows = bottom - top
    stack = Canvas(length, rows * STRIDE_POSES)
    skin = _rgba(_lit(_ground("skin"), ctx.look) * 1.2)
    for k in range(STRIDE_POSES):
        pose = Canvas(length, rows)

        def draw(d: ImageDraw.ImageDraw, k: int = k) -> None:
            for p in people:
                phase = 2 * np.pi * (k / STRIDE_POSES + p.phase)
                if p.dog:
                    _dog(d, p.x, p.feet - top, p.height * 0.4, phase=phase,
                         rightwards=rightwards)
                else:
                    _person(d, p, p.feet - top, phase=phase, rightwards=rightwards, skin=skin)

        pose.paint_shapes(draw)
        stack.rgb[k * rows : (k + 1) * rows] = pose.rgb
        stack.alpha[k * rows : (k + 1) * rows] = pose.alpha
    path = writer.save(stack, name)
    wanted = _WALK_SPEED * shown[0]
    size = (_even(length / f), _even(rows / f))
    most = (0.7 * shown[0] + 0.5 * size[0]) / max(writer.duration, 0.1)
    speed = min(wanted, most) * (1 if rightwards else -1)
    writer.layers.append(Layer(name, path, size, "pass", speed, y=_even(top / f),
                               drawn=(length, rows * STRIDE_POSES), period=STRIDE_PERIOD,
                               levels=STRIDE_POSES))


def _person(d: ImageDraw.ImageDraw, p: _Walker, feet: float, *, phase: float,
            rightwards: bool, skin: tuple[int, int, int, int]) -> None:
    """A side view of someone walking: legs and arms swing opposite each other."""
    s = p.height
    x = p.x
    face = 1 if rightwards else -1
    hip = feet - 0.47 * s
    shoulder = feet - 0.8 * s
    leg = 0.47 * s
    width = max(2, round(0.085 * s))
    swing = 0.42 * np.sin(phase)
    bob = 0.012 * s * abs(np.cos(phase))
    hip -= bob
    shoulder -= bob
    for sgn in (1, -1):  # two legs, each bending a little at the knee as it comes forward
        a = sgn * swing
        knee = (x + face * np.sin(a) * leg * 0.5, hip + np.cos(a) * leg * 0.5)
        bend = max(0.0, np.sin(phase * sgn)) * 0.35
        foot = (knee[0] + face * np.sin(a - bend) * leg * 0.5,
                knee[1] + np.cos(a - bend) * leg * 0.5)
        d.line((x, hip, *knee, *foot), fill=p.colour, width=width, joint="curve")
    # The torso: shoulders wider than the hips, leaning a little into the walk.
    lean = face * 0.03 * s
    top, low = shoulder - 0.02 * s, shoulder + 0.02 * s
    d.polygon(((x - 0.07 * s, hip + 0.02 * s), (x + 0.07 * s, hip + 0.02 * s),
               (x + lean + 0.1 * s, low), (x + lean + 0.07 * s, top),
               (x + lean - 0.07 * s, top), (x + lean - 0.1 * s, low)), fill=p.colour)
    if p.pack:
        d.rounded_rectangle((x - face * 0.11 * s - 0.06 * s, shoulder - 0.01 * s,
                             x - face * 0.11 * s + 0.06 * s, shoulder + 0.2 * s),
                            radius=0.03 * s, fill=_shade(p.colour, 0.7))
    for sgn in (1, -1):  # arms
        a = -sgn * swing * 0.8
        hand = (x + face * np.sin(a) * 0.33 * s, shoulder + np.cos(a) * 0.33 * s)
        d.line((x + face * 0.02 * s, shoulder + 0.02 * s, *hand), fill=p.colour,
               width=max(2, round(width * 0.8)))
    r = 0.075 * s
    hx, hy = x + face * 0.03 * s, shoulder - 0.1 * s
    d.ellipse((hx - r, hy - r, hx + r, hy + r), fill=skin)
    d.chord((hx - r, hy - r * 1.05, hx + r, hy + r * 0.6), 180, 360, fill=_shade(p.colour, 0.5))
    if p.umbrella is not None:
        # The shaft from the hand in front up through the canopy's middle; the canopy a
        # shallow dome with its rim just above the head.
        ux, rim, half = hx + face * 0.11 * s, hy - 0.13 * s, 0.3 * s
        d.line((ux, shoulder + 0.12 * s, ux, rim - 0.16 * s), fill=_shade(p.umbrella, 0.45),
               width=max(1, round(width * 0.45)))
        d.chord((ux - half, rim - 0.16 * s, ux + half, rim + 0.16 * s), 180, 360,
                fill=p.umbrella)


def _dog(d: ImageDraw.ImageDraw, x: float, feet: float, s: float, *, phase: float,
         rightwards: bool) -> None:
    """A side view of a trotting dog about ``s`` tall at the shoulder."""
    face = 1 if rightwards else -1
    colour = (92, 64, 44, 255)
    body_y = feet - 0.7 * s
    half = 0.55 * s
    d.rounded_rectangle((x - half, body_y - 0.22 * s, x + half, body_y + 0.2 * s),
                        radius=0.18 * s, fill=colour)
    width = max(2, round(0.12 * s))
    for base, sgn in ((x + face * half * 0.75, 1), (x - face * half * 0.75, -1)):
        for k in (1, -1):
            a = 0.5 * np.sin(phase + (0 if k > 0 else np.pi)) * sgn
            d.line((base, body_y, base + face * np.sin(a) * 0.7 * s, feet), fill=colour,
                   width=width)
    hx, hy = x + face * (half + 0.2 * s), body_y - 0.35 * s
    d.line((x + face * half * 0.9, body_y - 0.1 * s, hx, hy), fill=colour,
           width=round(0.22 * s))
    d.ellipse((hx - 0.17 * s, hy - 0.15 * s, hx + 0.17 * s, hy + 0.13 * s), fill=colour)
    d.polygon(((hx + face * 0.1 * s, hy - 0.05 * s), (hx + face * 0.36 * s, hy + 0.02 * s),
               (hx + face * 0.1 * s, hy + 0.1 * s)), fill=colour)  # muzzle
    d.polygon(((hx - face * 0.05 * s, hy - 0.12 * s), (hx - face * 0.14 * s, hy + 0.12 * s),
               (hx + face * 0.02 * s, hy - 0.02 * s)), fill=_shade(colour, 0.7))  # ear
    tail = 0.35 * np.sin(phase * 2)
    d.line((x - face * half, body_y - 0.15 * s, x - face * (half + 0.3 * s),
            body_y - (0.45 + tail * 0.3) * s), fill=colour, width=width)


def _shade(colour: tuple[int, int, int, int], k: float) -> tuple[int, int, int, int]:
    r, g, b, a = colour
    return round(r * k), round(g * k), round(b * k), a


