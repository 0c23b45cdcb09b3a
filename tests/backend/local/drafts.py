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


def seconds(state: dict[str, Any]) -> float:
    """The video's length in seconds."""
    return int(state["draft"]["d"]) / 1000


def clip_lengths(state: dict[str, Any]) -> list[int]:
    """The Video track's clips' lengths (ms), in order."""
    video = track(state, "Video")
    assert video is not None
    return [int(sg["d"]) for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


#: A 30-second video of six narrated scenes, one sentence each.
NARRATED = ("a 30 second narrated video of a beach: the sun rises. kids build a castle. the "
            "tide comes in. a dog runs. sunset over the water. the end")


def title_text(state: dict[str, Any]) -> str:
    """The title's text (the project must have a title)."""
    title = track(state, "Title")
    assert title is not None
    return str(title["sg"][0]["m"]["text"])


#: A 30-second and a 10-second video, asked for in each language the length tests use.
THIRTY = {"en": "a 30 second video of a beach",
          "es": "hazme un video de 30 segundos de una playa",
          "fr": "fais une vidéo de 30 secondes sur une plage",
          "de": "mach ein 30 Sekunden Video von einem Strand",
          "pt": "faz um vídeo de 30 segundos de uma praia",
          "ja": "海辺の30秒の動画を作って",
          "ko": "해변 30초 영상 만들어 줘",
          "zh-Hans": "做一个30秒的海滩视频",
          "zh-Hant": "做一個30秒的海灘影片"}
TEN = {"en": "a 10 second video of a beach", "ja": "海辺の10秒の動画を作って",
       "ko": "해변 10초 영상 만들어줘", "es": "hazme un video de 10 segundos de una playa"}
