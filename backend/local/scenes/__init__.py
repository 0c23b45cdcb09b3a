"""Illustrated scenes for the local renderer: what a scene shows and how it is drawn.

``describe`` turns a sentence into a :class:`SceneSpec` (data tables per language); ``layers``
draws the spec once as a few still layers with depth; the renderer's filter graph moves them.
"""

from backend.local.scenes.describe import (
    SCENE_LANGS,
    describe_scene,
    is_lively,
    names_things,
    summarize,
    unseen_labels,
)
from backend.local.scenes.spec import SceneSpec

__all__ = ["SCENE_LANGS", "SceneSpec", "describe_scene", "is_lively", "names_things",
           "summarize", "unseen_labels"]
