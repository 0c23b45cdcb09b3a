"""The light a sentence names is the light drawn: morning is morning light (a bright sky and
a low warm sun, not the purple of a dusk), the late afternoon of 夕方 and an orange sky are
a sunset, not a night with its moon and stars."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.scenes import describe_scene
from tests.backend.local.scenes.test_sky import _points
from tests.backend.local.test_render_scene import H, render, scene_seg
from tests.media import frames_at

Frame = np.ndarray[Any, Any]

MORNING = [
    ("en", "Trains glide through the morning light."),
    ("en", "A city wakes up."),
    ("fr", "Les trains glissent dans la lumière du matin."),
    ("es", "Los trenes cruzan la ciudad por la mañana."),
    ("de", "Züge gleiten durch das Licht des Morgens."),
    ("pt", "Os trens passam pela cidade de manhã."),
    ("ja", "朝の光の中を電車が走る。"),
    ("ko", "아침 햇살 속을 달리는 기차."),
    ("zh-Hans", "早上的阳光里，火车缓缓驶过。"),
    ("zh-Hant", "早上的陽光裡，火車緩緩駛過。"),
]

ORANGE_EVENING = [
    ("ja", "夕方、空がオレンジ色に染まる。"),
    ("ja", "夕方の海辺。"),
    ("en", "The sky turns orange over the bay."),
    ("fr", "Le ciel devient orange au-dessus de la baie."),
    ("es", "El cielo se vuelve naranja sobre la bahía."),
    ("de", "Der Himmel färbt sich orange über der Bucht."),
    ("pt", "O céu fica laranja sobre a baía."),
    ("ko", "하늘이 주황빛으로 물든다."),
    ("zh-Hans", "傍晚，天空被染成橙色。"),
    ("zh-Hant", "傍晚時，天空變成橙色。"),
]


@pytest.mark.parametrize(("lang", "sentence"), MORNING)
def test_morning_is_morning_light(lang: str, sentence: str) -> None:
    spec = describe_scene(sentence)
    # A low warm sun in a blue sky: not dawn's purple, which a viewer read as dusk.
    assert spec.time == "golden", (sentence, spec)
    assert spec.lang == lang


@pytest.mark.parametrize(("lang", "sentence"), ORANGE_EVENING)
def test_an_orange_evening_sky_is_a_sunset(lang: str, sentence: str) -> None:
    spec = describe_scene(sentence)
    assert spec.time == "sunset", (sentence, spec)
    assert spec.lang == lang


def test_a_sentence_s_own_morning_wins_over_the_prompt_s_evening() -> None:
    spec = describe_scene("Trains glide through the morning light.",
                          context="a video about the city in the evening", overall="")
    assert spec.time == "golden"


def _sky(frame: Frame) -> tuple[Frame, Frame]:
    """Mean colour (R, G, B) of the top of the sky and of the band just above a low
    horizon."""
    f = frame.astype(float)
    return f[: round(0.12 * H)].mean(axis=(0, 1)), f[round(0.3 * H): round(0.42 * H)].mean(
        axis=(0, 1))


def test_a_morning_frame_has_a_bright_blue_sky(tmp_path: Path) -> None:
    frame = frames_at(render(tmp_path, scene_seg(0, 2000, "Trains glide through the morning "
                                                          "light")), (1.0,))[0]
    top, _ = _sky(frame)
    r, g, b = top
    # Blue, not dawn's purple (its green was below its red: (92, 81, 101)); bright.
    assert g > r, top
    assert b > r + 15, top
    assert 0.299 * r + 0.587 * g + 0.114 * b > 110, top


def test_an_orange_evening_frame_is_orange_above_the_horizon_without_stars(
        tmp_path: Path) -> None:
    frame = frames_at(render(tmp_path, scene_seg(0, 2000, "夕方、空がオレンジ色に染まる。")),
                      (1.0,))[0]
    _, band = _sky(frame)
    r, g, b = band
    assert r > g > b, band  # orange, not a dusk's pink and purple
    assert _points(frame, slice(0, round(0.3 * H))) < 10  # no night sky full of stars
