"""Draft and state builders for the translator tests (the ``backend/draft.py`` form)."""

from __future__ import annotations

from typing import Any


def scene(seg_id: str, start: float, dur: float, desc: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"kind": "scene", "palette": ["#112233", "#445566"], "motion": "pan",
                            "seed": 1}
    if desc is not None:
        meta["desc"] = desc
    return {"id": seg_id, "s": int(start * 1000), "d": int(dur * 1000), "m": meta}


def video(track_id: str, *segments: dict[str, Any]) -> dict[str, Any]:
    return {"id": track_id, "tt": 0, "n": "Video", "sg": list(segments)}


def bgm(track_id: str, name: str | None, start: float, dur: float, *, vol: float,
        seg_id: str = "m1") -> dict[str, Any]:
    meta: dict[str, Any] = {"kind": "bgm", "mood": "calm", "vol": vol, "bpm": 80}
    if name is not None:
        meta["name"] = name
    return {"id": track_id, "tt": 1, "n": "BGM",
            "sg": [{"id": seg_id, "s": int(start * 1000), "d": int(dur * 1000), "m": meta}]}


def text(track_id: str, role: str, *items: tuple[str, str, float, float]) -> dict[str, Any]:
    """``items``: (segment id, text, start s, duration s)."""
    name = "Title" if role == "title" else "Captions"
    return {"id": track_id, "tt": 7, "n": name, "sg": [
        {"id": sid, "s": int(s * 1000), "d": int(d * 1000),
         "m": {"text": words, "role": role, "pos": "center",
               "size": 0.08 if role == "title" else 0.05, "color": "#ffffff"}}
        for sid, words, s, d in items]}


def draft(*tracks: dict[str, Any], ratio: str = "16:9", duration: float | None = None
          ) -> dict[str, Any]:
    sizes = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}
    w, h = sizes[ratio]
    out: dict[str, Any] = {"v": 1, "w": w, "h": h, "fps": 30, "ratio": ratio,
                           "t": list(tracks)}
    if duration is not None:
        out["d"] = int(duration * 1000)
    return out


def state(the_draft: dict[str, Any] | None, *, ratio: str = "16:9",
          video_infos: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    sizes = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}
    w, h = sizes[ratio]
    return {"draft": the_draft, "video_infos": video_infos or [], "generated_media": [],
            "canvas_config": {"width": w, "height": h, "ratio": ratio, "fps": 30}}


def seed_draft() -> dict[str, Any]:
    """The seeds' example: city timelapse, Lo-fi at 35 %, title "Urban Dreams"."""
    return draft(
        video("v1", scene("s1", 0, 10, "city timelapse")),
        bgm("a1", "Lo-fi", 0, 10, vol=0.35),
        text("x1", "title", ("t1", "Urban Dreams", 0, 3)),
        duration=10,
    )
