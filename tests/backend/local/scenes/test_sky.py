"""The sky a sentence asks for, checked on rendered frames and on the draft: a sun that rises
or sets is low and seen (in all nine languages), a starry sky is clear and full of stars, a
desert road is a road."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.scenes import describe_scene, layers
from tests.backend.local.scenes.test_prompt_subjects import _generate
from tests.backend.local.test_render_scene import H, W, luma, render, scene_seg
from tests.media import frames_at

Frame = np.ndarray[Any, Any]

#: Sentences whose sun rises (dawn) or sets (sunset), in every language, in the verb forms
#: people write ("se levait", "amanece", separable "geht … auf", 뜬다, 从湖面升起).
RISING_AND_SETTING = [
    ("en", "The sun rises over the lake.", "dawn"),
    ("en", "The sun came up behind the hills.", "dawn"),
    ("en", "The sun set over the lake.", "sunset"),
    ("en", "The sun went down behind the mountains.", "sunset"),
    ("fr", "Le soleil se lève sur le lac", "dawn"),
    ("fr", "Le soleil se levait sur le lac.", "dawn"),
    ("fr", "Le soleil se couchait derrière les collines.", "sunset"),
    ("es", "Amanece en el lago.", "dawn"),
    ("es", "El sol sale sobre el lago.", "dawn"),
    ("es", "El sol se esconde tras las montañas.", "sunset"),
    ("de", "Die Sonne geht über dem See auf.", "dawn"),
    ("de", "Die Sonne geht hinter den Bergen unter.", "sunset"),
    ("de", "Sonnenuntergang am See.", "sunset"),
    ("pt", "O sol nasce sobre o lago.", "dawn"),
    ("pt", "O sol se pôs no mar.", "sunset"),
    ("ja", "湖に日が昇る。", "dawn"),
    ("ja", "日の出の湖。", "dawn"),
    ("ja", "太陽が海に沈む。", "sunset"),
    ("ko", "호수 위로 해가 뜬다.", "dawn"),
    ("ko", "바다 위로 해가 졌다.", "sunset"),
    ("zh-Hans", "太阳从湖面升起。", "dawn"),
    ("zh-Hans", "日落时的湖。", "sunset"),
    ("zh-Hans", "太阳从山后落下。", "sunset"),
    ("zh-Hant", "太陽從湖面升起。", "dawn"),
    ("zh-Hant", "太陽落山了。", "sunset"),
]


@pytest.mark.parametrize(("lang", "sentence", "time"), RISING_AND_SETTING)
def test_a_sun_that_rises_or_sets_gives_dawn_or_sunset(lang: str, sentence: str,
                                                       time: str) -> None:
    assert describe_scene(sentence).time == time, sentence
    # The sun that only shines is day.
    assert describe_scene("The sun shines on the lake.").time == "day"


@pytest.mark.parametrize(("message", "time"), [
    # The prompt's subject was cut to "lac" at its "sur" (as in "une vidéo sur …"): a lake
    # at midday.
    ("fais une vidéo : le soleil se lève sur le lac", "dawn"),
    ("haz un video: el sol sale sobre el lago", "dawn"),
    ("mach ein Video: die Sonne geht über dem See auf", "dawn"),
    ("Fais une vidéo de 20 secondes à partir de ce script : Le soleil se lève sur le lac. Les "
     "bateaux quittent le port. Le soir tombe sur la ville.", "dawn"),
])
def test_a_rising_sun_in_a_prompt_or_a_script_is_dawn_in_the_draft(message: str,
                                                                   time: str) -> None:
    _, scenes, _ = _generate(message)
    assert scenes[0]["time"] == time, scenes[0]
    assert scenes[0]["water"] == "lake", scenes[0]


def _green_sun(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sun drawn pure green, so that where its disc shows in a frame can be told."""
    table = copy.deepcopy(layers._looks())
    for entry in table["times"].values():
        if entry["sun"]:
            entry["sun"] = "#00ff00"
    monkeypatch.setattr(layers, "_looks", lambda: table)


def _sun_disc(frame: Frame, horizon: float) -> tuple[int, float]:
    """How many pixels of the sky above ``horizon`` (a share of the height) are the green
    sun's disc, and how high they stand on average (a share of the height from the top)."""
    f = frame[: round(horizon * H)].astype(int)
    # (Its halo is green too, but at most half mixed into the sky: never this green.)
    disc = (f[..., 1] > 215) & (f[..., 0] < 60) & (f[..., 2] < 60)
    ys = np.nonzero(disc)[0]
    return int(disc.sum()), float(ys.mean() / H) if ys.size else -1.0


@pytest.mark.parametrize(("desc", "horizon"), [
    # The sun set behind the mountains before the video began (40 pixels of it showed).
    ("a sunset over a mountain lake", 0.56),
    # The near skyline hid a city's sunrise entirely.
    ("a city at sunrise", 0.72),
    ("Le soleil se lève sur le lac", 0.56),
    ("a desert road at dawn", 0.6),
    ("夕陽が湖に沈む", 0.56),
])
def test_a_rising_or_setting_sun_is_low_and_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 desc: str, horizon: float) -> None:
    _green_sun(monkeypatch)
    area = np.pi * (0.045 * layers.BACK_MARGIN * H) ** 2
    for frame in frames_at(render(tmp_path, scene_seg(0, 3000, desc)), (0.5, 2.5)):
        seen, y = _sun_disc(frame, horizon)
        assert seen > 0.6 * area, (desc, seen, area)
        # Low: in the lower half of the sky, above the horizon.
        assert horizon / 2 < y < horizon, (desc, y)


def test_the_midday_sun_stands_high(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _green_sun(monkeypatch)
    frame = frames_at(render(tmp_path, scene_seg(0, 2000, "Le soleil brille sur le lac")),
                      (0.5,))[0]
    seen, y = _sun_disc(frame, 0.56)
    assert seen > 0
    assert y < 0.25, y


def _points(frame: Frame, rows: slice) -> int:
    """Small bright points (brighter than everything a pixel or two around) in ``rows``."""
    sky = luma(frame[rows].astype(float))
    core = sky[3:-3, 3:-3]
    around = np.maximum.reduce([sky[3 + dy: sky.shape[0] - 3 + dy, 3 + dx: sky.shape[1] - 3 + dx]
                                for dy in (-3, 0, 3) for dx in (-3, 0, 3) if dy or dx])
    return int(((core > 90) & (core > around + 25)).sum())


def test_a_starry_sky_is_clear_and_full_of_stars(tmp_path: Path) -> None:
    # A viewer saw dark clouds over "a starry sky over a tent", hiding most of its stars.
    spec = describe_scene("a starry sky over a tent")
    kinds = [layer.kind for layer in layers.draw_layers(spec, W, H, duration=3.0, seed=4,
                                                        folder=tmp_path)]
    assert "clouds" not in kinds
    sky = slice(0, round(0.55 * H))
    starry = frames_at(render(tmp_path, scene_seg(0, 3000, "a starry sky over a tent"),
                              name="starry"), (0.5, 2.5))
    city = frames_at(render(tmp_path, scene_seg(0, 3000, "a city at night"), name="city"),
                     (0.5,))[0]
    counts = [_points(f, sky) for f in starry]
    assert min(counts) >= 40, counts
    # Far more than a night sky over the city's lights shows (its windows are below the
    # rows counted only in part, so this also bounds what lit windows add).
    assert min(counts) > 2 * _points(city, slice(0, round(0.3 * H))), counts


def test_a_desert_road_is_a_road_to_the_horizon(tmp_path: Path) -> None:
    spec = describe_scene("a desert road at dawn")
    assert "road" in spec.subjects
    assert "dunes" in spec.terrain
    frame = luma(frames_at(render(tmp_path, scene_seg(0, 2000, "a desert road at dawn")),
                           (1.0,))[0].astype(float))
    # Dark asphalt between lighter sand, wide at the bottom and narrowing towards the
    # horizon (60 % of the height).
    def dark_width(row: int) -> float:
        line = frame[row]
        return float((line < 0.45 * np.percentile(line, 95)).mean())

    bottom, middle = dark_width(H - 3), dark_width(round(0.75 * H))
    assert 0.3 < bottom < 0.85, bottom
    assert 0.02 < middle < bottom / 2, (middle, bottom)
