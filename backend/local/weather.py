"""Weather a message ends, does not want or asks for, and scenes changed to match.

"the rain stops", "que pare la lluvia", "雨停了" end the rain; "no rain", "sin lluvia", "没有雨"
deny it. Either takes it out of the scenes' descriptions (``m["scene"]``), which is what the
renderer draws: a stopped rain leaves clouds, a denied one a clear sky. "make it rain",
"que llueva", "雨を降らせて" put it in. The words are data (``weather.yaml``), per language.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from pathlib import Path
from typing import Any, Literal

from backend.words import word_pattern

__all__ = ["Ended", "bring_scene", "clear_scene", "clear_scenes", "ended"]

#: The blocks of weather.yaml that are not a language's words.
_SHARED = ("clears", "after", "brings", "ignore")
_SENTENCES = re.compile(r"[^.!?;。！？；\n]+")
_QUOTED = re.compile(r"[\"“”«»「」『』].*?[\"“”«»「」『』]")


@dataclasses.dataclass(frozen=True)
class Ended:
    """The kinds of weather a message is about (``rain``, ``snow``…) and what of them: it
    ``stops`` (clouds stay), is ``denied`` (a clear sky) or ``starts``."""

    kinds: tuple[str, ...]
    how: Literal["stops", "denied", "starts"]


def ended(text: str, lang: str | None = None) -> Ended | None:
    """The weather ``text`` ends, denies or asks for, in words of ``lang`` or English (of any
    language when ``lang`` is None; the weather and its verb in the same one); None when it
    names none, or names one and nothing of it ("a city in the rain")."""
    table = _table()
    codes = ([c for c in table if c not in _SHARED] if lang is None
             else list(dict.fromkeys((lang if lang in table else "en", "en"))))
    kinds: list[str] = []
    how: Literal["stops", "denied", "starts"] | None = None
    # Words that hold a weather word without meaning it (준비가, 滑雪, 暂停, 云南) are blanked.
    lowered = _ignored().sub(" ", _QUOTED.sub(" ", text).lower())
    for sentence in _SENTENCES.findall(lowered):
        for code in codes:
            if _pattern(code, "keeps").search(sentence):
                break  # "don't stop the rain", "no, the fog looks great, keep it"
            named = [kind for kind in table["clears"] if _pattern(code, kind).search(sentence)]
            said: Literal["stops", "denied", "starts"] | None = next(
                (h for h in ("stops", "denied", "starts") if _pattern(code, h).search(sentence)),
                None)
            if named and said is not None:
                how = how or said
                kinds.extend(k for k in named if k not in kinds)
                break
    if how is None:
        return None
    if "storm" in kinds and "rain" not in kinds:
        kinds.append("rain")  # a storm that ends takes its rain with it
    return Ended(tuple(kinds), how)


def clear_scene(scene: dict[str, Any], end: Ended) -> dict[str, Any] | None:
    """``scene`` (a segment's ``m["scene"]``) without the weather ``end`` takes away, its
    summary written again; None when it has none of it."""
    from backend.local.scenes import SceneSpec, summarize

    spec = SceneSpec.from_meta(scene)
    if spec is None:
        return None
    clears = _table()["clears"]
    weathers = {w for k in end.kinds for w in clears[k]["weathers"]}
    particles = {p for k in end.kinds for p in clears[k]["particles"]}
    if spec.weather not in weathers and not particles & set(spec.particles):
        return None
    after = _table()["after"]
    sky = after["clouds"] if "clouds" in end.kinds else after[end.how]
    weather = sky if spec.weather in weathers else spec.weather
    new = dataclasses.replace(spec, weather=weather,
                              particles=tuple(p for p in spec.particles if p not in particles))
    meta = new.to_meta()
    meta["summary"] = summarize(new, new.lang)
    return {**scene, **meta}


def bring_scene(scene: dict[str, Any], ask: Ended) -> dict[str, Any] | None:
    """``scene`` with the weather ``ask`` starts (the first kind), its summary written again;
    None when it has that weather already."""
    from backend.local.scenes import SceneSpec, summarize

    spec = SceneSpec.from_meta(scene)
    if spec is None:
        return None
    kind = ask.kinds[0]
    weather = _table()["brings"][kind]
    falling = _table()["clears"][kind]["particles"] if kind != "clouds" else []
    particles = (*falling, *(p for p in spec.particles if p not in falling))
    if spec.weather == weather and set(falling) <= set(spec.particles):
        return None
    new = dataclasses.replace(spec, weather=weather, particles=particles)
    meta = new.to_meta()
    meta["summary"] = summarize(new, new.lang)
    return {**scene, **meta}


def clear_scenes(state: dict[str, Any], end: Ended) -> tuple[dict[str, Any], int, int]:
    """``state`` with the weather ``end`` takes away gone from every generated scene (or,
    when it ``starts``, in every one); how many scenes changed, and how many there are."""
    new = copy.deepcopy(state)
    changed = total = 0
    for track in new["draft"].get("t", []):
        for sg in track.get("sg", []):
            meta = sg.get("m") or {}
            if meta.get("kind") != "scene" or not isinstance(meta.get("scene"), dict):
                continue
            total += 1
            cleared = (bring_scene if end.how == "starts" else clear_scene)(meta["scene"], end)
            if cleared is not None:
                meta["scene"] = cleared
                changed += 1
    return new, changed, total


@functools.cache
def _ignored() -> re.Pattern[str]:
    words = sorted((str(w).lower() for w in _table().get("ignore", ())), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!)")


@functools.cache
def _pattern(code: str, key: str) -> re.Pattern[str]:
    return word_pattern(tuple(str(w).lower() for w in _table()[code].get(key, ())))


@functools.cache
def _table() -> dict[str, Any]:
    from backend.datacache import load_yaml

    data = dict(load_yaml(Path(__file__).with_name("weather.yaml")))
    for code, block in data.items():
        if code in _SHARED:
            continue
        missing = {*data["clears"], "stops", "denied", "starts"} - set(block)
        if missing:
            raise ValueError(f"weather.yaml: {code} has no {sorted(missing)}")
    return data
