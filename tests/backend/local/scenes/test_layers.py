"""Layer order and what a scene leaves out, checked on rendered frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.scenes import layers
from backend.local.scenes.draw import Canvas
from tests.backend.local.test_render_scene import H, luma, render, scene_seg
from tests.media import frames_at

Frame = np.ndarray[Any, Any]


def _clouds_replaced(monkeypatch: pytest.MonkeyPatch, alpha: float) -> None:
    """Clouds drawn as usual (so the scene's random numbers are used as before), then
    replaced by a uniform white bank of opacity ``alpha`` over the whole cloud layer."""
    draw = layers._draw_clouds

    def bank(*args: Any, **kwargs: Any) -> Canvas:
        c = draw(*args, **kwargs)
        c.alpha[:] = alpha
        c.rgb[:] = alpha  # premultiplied white
        return c

    monkeypatch.setattr(layers, "_draw_clouds", bank)


def test_clouds_pass_behind_near_buildings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompt = "a city at night under clouds"
    _clouds_replaced(monkeypatch, 1.0)
    banked = frames_at(render(tmp_path, scene_seg(0, 500, prompt), name="bank"), (0.2,))[0]
    _clouds_replaced(monkeypatch, 0.0)
    clear = frames_at(render(tmp_path, scene_seg(0, 500, prompt), name="clear"), (0.2,))[0]
    # Rows the cloud bank covers and the near skyline reaches into (its horizon is at 72 %,
    # its buildings up to half the height above it).
    band = slice(round(0.4 * H), round(0.55 * H))
    same = np.abs(luma(banked[band].astype(float)) - luma(clear[band].astype(float))) < 10
    # The bank hides the sky behind it (most of the band changed) but not the buildings
    # in front of it: where a near building stands, the picture is as without clouds.
    assert same.mean() > 0.15, same.mean()
    assert same.mean() < 0.9, same.mean()
    white = luma(banked[band].astype(float)) > 200
    assert white.mean() > 0.1, white.mean()


def test_no_rainbow_at_night(tmp_path: Path) -> None:
    # A rainbow needs the sun: at night it is left out, not drawn faint.
    times = (3.5,)
    night = frames_at(render(tmp_path, scene_seg(0, 4000, "a rainbow over the fields at night"),
                             name="rainbow"), times)[0].astype(float)
    plain = frames_at(render(tmp_path, scene_seg(0, 4000, "the fields at night"),
                             name="plain"), times)[0].astype(float)
    assert np.abs(night - plain).max(axis=2).mean() < 1.0
    # By day the same words draw one (the difference the night one lacks).
    day = frames_at(render(tmp_path, scene_seg(0, 4000, "a rainbow over the fields"),
                           name="day"), times)[0].astype(float)
    fields = frames_at(render(tmp_path, scene_seg(0, 4000, "the fields"), name="fields"),
                       times)[0].astype(float)
    assert (np.abs(day - fields).max(axis=2) > 12).mean() > 0.03
