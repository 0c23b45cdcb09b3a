"""Reading a project's state in the local agent's tests: a named track, the scenes' styles."""

from __future__ import annotations

from typing import Any


def track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The track called ``name`` that has segments, or None."""
    return next((t for t in state["draft"]["t"] if t.get("n") == name and t.get("sg")), None)


def scene_styles(state: dict[str, Any]) -> set[str]:
    """The styles of the video track's drawn scenes."""
    video = track(state, "Video")
    assert video is not None
    return {sg["m"]["scene"]["style"] for sg in video["sg"] if sg["m"].get("kind") == "scene"}
