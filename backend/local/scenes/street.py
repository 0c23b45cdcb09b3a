"""What stands along a city street at eye level: a row of shop fronts (a bakery, a ramen
shop, a café's street) or a row of market stalls under strings of lights (a night market);
and, in front of everything, a counter with a steaming bowl of noodles on it.

Drawn once as one layer that slides with the near ground, in front of the skyline and
behind the people walking past. After dark the windows and the bulbs are lit and throw a
warm glow; by day the glass is pale and the bulbs are off. Nothing here draws from the
scene's ``rng``: adding shops leaves the clouds and stars of a scene as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import ImageDraw

from backend.local.scenes.draw import Canvas, hex_rgb, mix
from backend.local.scenes.layers import (
    _MID_MARGIN,
    _MID_SLIDE,
    _even,
    _grade,
    _lit,
    _rgba,
)
from backend.local.scenes.subjects import placing

if TYPE_CHECKING:
    from backend.local.scenes.layers import Look, Style, _Ctx, _Writer

__all__ = ["STREET_BASE", "add_bowl", "add_street"]

#: Where the shop fronts and stalls stand, as a share of the canvas height (their foot),
#: a little in front of a city's horizon (0.72) and behind the people walking (0.83).
STREET_BASE = 0.79
_FACADES = ("#8a4b3c", "#d8c7a4", "#3f6f6a", "#6e6a78", "#b0804a", "#45506a", "#9a3f4a")
_AWNINGS = ("#c23b32", "#2f7a4f", "#2a5d9a", "#d89a2a", "#7a3f8a")
_WARM = hex_rgb("#ffc870")


def add_street(ctx: _Ctx, writer: _Writer, style: Style, shown: tuple[int, int]) -> None:
    """The shop fronts or market stalls ``ctx.spec`` names, as one sliding layer."""
    subjects = ctx.spec.subjects
    f = writer.f
    target = (_even(shown[0] * _MID_MARGIN), shown[1])
    w, h = _even(target[0] * f), _even(shown[1] * f)
    c = Canvas(w, h)
    own = np.random.default_rng(placing(ctx.spec) & 0xFFFF)
    base = STREET_BASE * h
    lit = _lights_on(ctx)
    if "stalls" in subjects:
        _stalls(ctx, c, own, base, lit)
    else:
        _shops(ctx, c, own, base, lit)
    _grade(c, style, np.random.default_rng(0x5709), vignette=False)
    writer.add(c, "street", "slide", target, _MID_SLIDE * shown[0] * style.motion)


def _lights_on(ctx: _Ctx) -> float:
    """How strongly windows and bulbs glow (0: off, by day)."""
    spec = ctx.spec
    level = {"night": 1.0, "dusk": 0.9, "sunset": 0.6, "dawn": 0.6}.get(spec.time, 0.0)
    if spec.weather in ("rain", "storm", "overcast", "fog"):
        level = max(level, 0.4)
    return level


def _lit_colour(hexcode: str, look: Look) -> np.ndarray:
    # Facades lit like the scene, but never lost in the dark (the street lights them).
    return _lit(hex_rgb(hexcode), look) * 0.6 + hex_rgb(hexcode) * 0.4 * max(look.light, 0.35)


def _shops(ctx: _Ctx, c: Canvas, own: np.random.Generator, base: float, lit: float) -> None:
    """A row of two-storey shop fronts: a wide window and a door under an awning and a sign
    on the ground floor, small windows above."""
    look = ctx.look
    w, h = c.w, c.h
    glass_day = _rgba(mix(_lit(hex_rgb("#a9c6de"), look), look.horizon, 0.3))
    warm = _rgba(mix(hex_rgb("#3a3a44"), _WARM, lit))
    units: list[tuple[float, float, float]] = []  # (left, right, top)
    x = -own.uniform(0, 0.1) * h
    while x < w:
        width = own.uniform(0.3, 0.42) * h
        units.append((x, x + width, base - own.uniform(0.26, 0.34) * h))
        x += width
    glows: list[tuple[float, float, float, float]] = []

    def draw(d: ImageDraw.ImageDraw) -> None:
        for k, (left, right, top) in enumerate(units):
            facade = _lit_colour(_FACADES[int(own.integers(0, len(_FACADES)))], look)
            d.rectangle((left, top, right, base), fill=_rgba(facade))
            d.rectangle((left, top - 0.012 * h, right, top), fill=_rgba(facade * 0.7))  # cornice
            unit = right - left
            floor = base - 0.16 * h  # the ground floor's top
            # Upper windows, some lit after dark.
            for j in range(3):
                wx = left + unit * (0.14 + 0.29 * j)
                on = lit > 0 and own.random() < 0.6
                fill = _rgba(mix(hex_rgb("#2a2e3a"), _WARM, lit * 0.9)) if on else glass_day
                d.rectangle((wx, top + 0.035 * h, wx + unit * 0.16, floor - 0.04 * h), fill=fill)
            # The sign board, a shade darker than the facade, over the awning.
            d.rectangle((left + unit * 0.08, floor - 0.02 * h, right - unit * 0.08,
                         floor + 0.02 * h), fill=_rgba(facade * 0.45))
            # The shop window and the door.
            win = (left + unit * 0.1, floor + 0.05 * h, left + unit * 0.62, base - 0.02 * h)
            d.rectangle(win, fill=warm if lit else glass_day)
            d.rectangle((left + unit * 0.7, floor + 0.05 * h, left + unit * 0.88, base),
                        fill=warm if lit else _rgba(facade * 0.5))
            if lit:
                glows.append(((win[0] + win[2]) / 2, (win[1] + win[3]) / 2, win[2] - win[0], lit))
            # A striped awning over window and door.
            colour = hex_rgb(_AWNINGS[k % len(_AWNINGS)]) * max(look.light, 0.45)
            y0, y1 = floor + 0.025 * h, floor + 0.065 * h
            stripes = 6
            for s in range(stripes):
                a = left + unit * (0.06 + 0.88 * s / stripes)
                b = left + unit * (0.06 + 0.88 * (s + 1) / stripes)
                fill = _rgba(colour if s % 2 == 0 else mix(colour, np.ones(3, np.float32), 0.75)
                             * max(look.light, 0.45))
                d.polygon(((a, y0), (b, y0), (b + unit * 0.01, y1), (a + unit * 0.01, y1)),
                          fill=fill)

    c.paint_shapes(draw)
    _glows(c, glows, base)


def _stalls(ctx: _Ctx, c: Canvas, own: np.random.Generator, base: float, lit: float) -> None:
    """A row of market stalls: a counter with goods on it, an awning on two posts, and a
    string of bulbs sagging from stall to stall."""
    look = ctx.look
    w, h = c.w, c.h
    units: list[tuple[float, float]] = []
    x = -own.uniform(0, 0.1) * h
    while x < w:
        width = own.uniform(0.28, 0.36) * h
        units.append((x + 0.015 * h, x + width - 0.015 * h))
        x += width
    roof = base - 0.2 * h
    bulbs: list[tuple[float, float]] = []
    glows: list[tuple[float, float, float, float]] = []
    post = _rgba(_lit_colour("#4a3a30", look))
    off = _rgba(mix(hex_rgb("#d8d0b8"), look.horizon, 0.3) * max(look.light, 0.4))
    on = (255, 226, 150, 255)

    def draw(d: ImageDraw.ImageDraw) -> None:
        for k, (left, right) in enumerate(units):
            unit = right - left
            # Posts and the back of the stall, lit warm inside after dark.
            inside = mix(hex_rgb("#2a2420"), _WARM, lit * 0.8)
            d.rectangle((left, roof, right, base - 0.05 * h), fill=_rgba(inside))
            d.rectangle((left, roof, left + 0.012 * h, base), fill=post)
            d.rectangle((right - 0.012 * h, roof, right, base), fill=post)
            # The counter and the goods on it (small coloured heaps).
            counter = _lit_colour(_FACADES[(k + 2) % len(_FACADES)], look)
            d.rectangle((left, base - 0.07 * h, right, base), fill=_rgba(counter))
            for g in range(5):
                gx = left + unit * (0.12 + 0.18 * g)
                goods = hex_rgb(("#e8463c", "#f5c531", "#f08c2e", "#5cbf4a", "#e86fb0")[
                    (g + k) % 5]) * max(look.light, 0.7 if lit else 0.4)
                d.ellipse((gx - 0.02 * h, base - 0.095 * h, gx + 0.02 * h, base - 0.06 * h),
                          fill=_rgba(goods))
            # The awning: a striped slope with a scalloped edge.
            colour = hex_rgb(_AWNINGS[k % len(_AWNINGS)]) * max(look.light, 0.5)
            stripes = 5
            for s in range(stripes):
                a = left - 0.01 * h + (unit + 0.02 * h) * s / stripes
                b = left - 0.01 * h + (unit + 0.02 * h) * (s + 1) / stripes
                fill = _rgba(colour if s % 2 == 0 else mix(colour, np.ones(3, np.float32), 0.8))
                d.polygon(((a + 0.01 * h, roof - 0.05 * h), (b + 0.01 * h, roof - 0.05 * h),
                           (b, roof + 0.012 * h), (a, roof + 0.012 * h)), fill=fill)
                d.pieslice((a, roof - 0.005 * h, b, roof + 0.03 * h), 0, 180, fill=fill)
            if lit:
                glows.append(((left + right) / 2, roof + 0.07 * h, unit, lit))
            # Bulbs on a wire sagging from this stall's awning to the next.
            x0, x1 = left, right + 0.03 * h
            for b in range(7):
                t = (b + 0.5) / 7
                bx = x0 + (x1 - x0) * t
                by = roof - 0.06 * h + 0.03 * h * np.sin(np.pi * t)
                bulbs.append((bx, by))
            xs = np.linspace(x0, x1, 12)
            ys = roof - 0.06 * h + 0.03 * h * np.sin(np.pi * (xs - x0) / (x1 - x0)) - 0.006 * h
            d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=post,
                   width=max(1, round(0.002 * h)))
        r = 0.006 * h
        for bx, by in bulbs:
            d.ellipse((bx - r, by - r, bx + r, by + r), fill=on if lit else off)

    c.paint_shapes(draw)
    if lit:
        _halos(c, bulbs, lit)
    _glows(c, glows, base)


def _halos(c: Canvas, bulbs: list[tuple[float, float]], lit: float) -> None:
    """Each lit bulb's halo, one blurred pass for all of them."""
    r = 0.018 * c.h

    def draw(d: ImageDraw.ImageDraw) -> None:
        for bx, by in bulbs:
            d.ellipse((bx - r, by - r, bx + r, by + r), fill=(255, 210, 120, round(150 * lit)))

    c.paint_shapes(draw, blur=0.012 * c.h)


def _glows(c: Canvas, glows: list[tuple[float, float, float, float]], base: float) -> None:
    """Warm light spilling from lit windows and stalls onto the pavement in front."""
    if not glows:
        return
    h = c.h

    def draw(d: ImageDraw.ImageDraw) -> None:
        for x, _y, width, level in glows:
            d.ellipse((x - width * 0.6, base - 0.01 * h, x + width * 0.6, base + 0.05 * h),
                      fill=(255, 200, 120, round(70 * level)))

    c.paint_shapes(draw, blur=0.015 * h)


def add_bowl(ctx: _Ctx, writer: _Writer, style: Style, seed: int,
             shown: tuple[int, int]) -> None:
    """The viewer sits at a counter: its wooden top across the foreground, a bowl of noodles
    on it (an egg, a sheet of nori, spring onion) and steam rising from it in puffs. Still,
    like the balcony's railing, in front of everything."""
    from backend.local.scenes.layers import _add_steam, _Cup

    f = writer.f
    w, h = _even(shown[0] * f), _even(shown[1] * f)
    c = Canvas(w, h)
    look = ctx.look
    top = 0.82 * h
    # Lit by the shop behind the viewer as well as the sky: never lost in the dark.
    warm = mix(np.ones(3, np.float32), _WARM, 0.35 if lit_inside(ctx) else 0.1)
    light = warm * max(look.light, 0.85)
    wood = hex_rgb("#8a5a34") * light
    size = 0.16 * h  # half the bowl's width
    cx = 0.62 * w

    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((0, top, w, h), fill=_rgba(wood * 0.7))  # the counter's front
        d.rectangle((0, top - 0.03 * h, w, top + 0.02 * h), fill=_rgba(wood))  # its top
        d.rectangle((0, top - 0.03 * h, w, top - 0.02 * h), fill=_rgba(wood * 1.25))
        bowl = hex_rgb("#7a1f1a") * light
        rim = top - 0.02 * h - 0.75 * size
        d.chord((cx - size, rim - 0.9 * size, cx + size, rim + 0.9 * size), 0, 180,
                fill=_rgba(bowl))
        d.rectangle((cx - 0.35 * size, top - 0.045 * h, cx + 0.35 * size, top - 0.02 * h),
                    fill=_rgba(bowl * 0.8))  # its foot
        d.ellipse((cx - size, rim - 0.22 * size, cx + size, rim + 0.22 * size),
                  fill=_rgba(bowl * 1.2))
        d.ellipse((cx - 0.9 * size, rim - 0.17 * size, cx + 0.9 * size, rim + 0.17 * size),
                  fill=_rgba(hex_rgb("#c98a3a") * light))  # the broth
        for k in range(7):  # noodles
            y = rim - 0.1 * size + 0.03 * size * k
            d.arc((cx - 0.7 * size, y - 0.06 * size, cx + 0.2 * size, y + 0.06 * size),
                  0, 180, fill=_rgba(hex_rgb("#f3dc8a") * light), width=max(1, round(0.02 * h)))
        d.rectangle((cx + 0.3 * size, rim - 0.55 * size, cx + 0.6 * size, rim + 0.05 * size),
                    fill=_rgba(hex_rgb("#1f2a1f") * light))  # nori
        d.ellipse((cx - 0.15 * size, rim - 0.12 * size, cx + 0.25 * size, rim + 0.1 * size),
                  fill=_rgba(hex_rgb("#fbf6ea") * light))  # half an egg
        d.ellipse((cx - 0.02 * size, rim - 0.05 * size, cx + 0.12 * size, rim + 0.04 * size),
                  fill=_rgba(hex_rgb("#f0a830") * light))
        for k in range(5):  # spring onion
            x = cx - 0.5 * size + 0.12 * size * k
            d.ellipse((x, rim - 0.08 * size, x + 0.07 * size, rim - 0.02 * size),
                      fill=_rgba(hex_rgb("#5cae4a") * light))

    c.paint_shapes(draw)
    _grade(c, style, np.random.default_rng((seed ^ 0xB0A) & 0xFFFFFFFF), vignette=True)
    writer.add(c, "bowl", "slide", shown, 0.0)
    _add_steam(ctx, writer, _Cup(cx, rim_of(top, h, size), size * 0.8), shown)


def rim_of(top: float, h: int, size: float) -> float:
    """Where the bowl's rim is, for the steam to leave it."""
    return top - 0.02 * h - 0.75 * size


def lit_inside(ctx: _Ctx) -> bool:
    """Whether the room behind the viewer is lit warm (after dark, or in rain)."""
    return _lights_on(ctx) > 0
