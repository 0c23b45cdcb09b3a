"""Which trees a scene draws, checked on rendered frames (user trial 11: a park's trees were
pines): broadleaf trees with a round crown in a park (公园, parque, Park …), conifers on
mountains, in forests and in snow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.scenes import layers
from backend.local.scenes.describe import describe_scene
from backend.local.scenes.draw import Canvas
from tests.backend.local.test_render_scene import luma, render, scene_seg
from tests.media import frames_at

Frame = np.ndarray[Any, Any]


def _trees_mask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, desc: str) -> Frame:
    """Where the front layer (the trees) shows in a frame of ``desc``: the frame with it,
    against the same frame without it."""
    seg = scene_seg(0, 500, desc, motion="drift")
    with_front = frames_at(render(tmp_path, seg, name="with"), (0.1,))[0].astype(float)
    monkeypatch.setattr(layers, "_draw_front",
                        lambda *args, **kwargs: Canvas(8, 8))  # an empty front layer
    without = frames_at(render(tmp_path, seg, name="without"), (0.1,))[0].astype(float)
    return np.asarray(np.abs(luma(with_front) - luma(without)) > 12)


def _top_share(mask: Frame) -> float:
    """How wide the left tree is a sixth of its height below its top, as a share of its
    widest: near 0 for a pointed conifer, near 1 for a round crown."""
    left = mask[:, : mask.shape[1] // 2]
    rows = np.flatnonzero(left.sum(axis=1) > 1)
    assert rows.size, "no tree drawn"
    top, bottom = int(rows[0]), int(rows[-1])
    widths = left.sum(axis=1)
    return float(widths[top + (bottom - top) // 6] / widths.max())


@pytest.mark.parametrize("desc", ["a park", "公园里的下午", "un parque en primavera",
                                  "ein Park am Morgen"])
def test_a_park_has_broadleaf_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    desc: str) -> None:
    share = _top_share(_trees_mask(tmp_path, monkeypatch, desc))
    assert share > 0.5, share  # a round crown near its top


@pytest.mark.parametrize("desc", ["trees in the mountains", "un bosque en la montaña"])
def test_mountains_and_forests_have_conifers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             desc: str) -> None:
    share = _top_share(_trees_mask(tmp_path, monkeypatch, desc))
    assert share < 0.35, share  # a pointed top


@pytest.mark.parametrize(("desc", "conifers"), [
    ("a park", False), ("a park in the snow", True), ("a park in winter", True),
    ("a forest", True), ("trees along a city street", False)])
def test_snow_and_winter_give_conifers(desc: str, conifers: bool) -> None:
    # (Measured on the description: in a frame, the snow on a conifer's tip is the sky's
    # colour, so its shape is not told apart there; the frame was looked at.)
    assert layers._conifers(describe_scene(desc)) is conifers
