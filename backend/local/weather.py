"""Weather a message ends, does not want or asks for, and scenes changed to match.

"the rain stops", "que pare la lluvia", "雨停了" end the rain; "no rain", "sin lluvia", "没有雨"
deny it. Either takes it out of the scenes' descriptions (``m["scene"]``), which is what the
renderer draws: a stopped rain leaves clouds, a denied one a clear sky. "make it rain",
"que llueva", "雨を降らせて" put it in; "less rain" makes it lighter where the renderer can
draw it lighter (a storm's rain). A changed scene's description says its weather now ("city
after the rain"). The words are data (``weather.yaml``), per language.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from pathlib import Path
from typing import Any, Literal

from backend.words import word_pattern

__all__ = ["Ended", "OneScene", "Outcome", "apply", "bring_scene", "change_one", "clear_scene",
           "clear_scenes", "ended", "lighten_scene", "of_scene", "removal_from_words", "retell",
           "scene_ask_words", "word_of"]

#: The blocks of weather.yaml that are not a language's words.
_SHARED = ("clears", "after", "brings", "ignore", "lightens", "described")
_SENTENCES = re.compile(r"[^.!?;。！？；\n]+")
_QUOTED = re.compile(r"[\"“”«»「」『』].*?[\"“”«»「」『』]")


@dataclasses.dataclass(frozen=True)
class Ended:
    """The kinds of weather a message is about (``rain``, ``snow``…) and what of them: it
    ``stops`` (clouds stay), is ``denied`` (a clear sky), ``starts`` or is made ``lighter``."""

    kinds: tuple[str, ...]
    how: Literal["stops", "denied", "starts", "lighter"]


def ended(text: str, lang: str | None = None) -> Ended | None:
    """The weather ``text`` ends, denies or asks for, in words of ``lang`` or English (of any
    language when ``lang`` is None; the weather and its verb in the same one); None when it
    names none, or names one and nothing of it ("a city in the rain")."""
    table = _table()
    codes = ([c for c in table if c not in _SHARED] if lang is None
             else list(dict.fromkeys((lang if lang in table else "en", "en"))))
    kinds: list[str] = []
    how: Literal["stops", "denied", "starts", "lighter"] | None = None
    # Words that hold a weather word without meaning it (준비가, 滑雪, 暂停, 云南) are blanked.
    lowered = _ignored().sub(" ", _QUOTED.sub(" ", text).lower())
    for sentence in _SENTENCES.findall(lowered):
        for code in codes:
            if _pattern(code, "keeps").search(sentence):
                break  # "don't stop the rain", "no, the fog looks great, keep it"
            named = [kind for kind in table["clears"] if _pattern(code, kind).search(sentence)]
            said: Literal["stops", "denied", "starts", "lighter"] | None = next(
                (h for h in ("lighter", "stops", "denied", "starts")
                 if _pattern(code, h).search(sentence)), None)
            if named and said is not None:
                how = how or said
                kinds.extend(k for k in named if k not in kinds)
                break
    if how is None:
        return None
    if "storm" in kinds and "rain" not in kinds:
        kinds.append("rain")  # a storm that ends takes its rain with it
    return Ended(tuple(kinds), how)


def _code(lang: str) -> str:
    """The block of weather.yaml that holds ``lang``'s words (English when it has none)."""
    return lang if lang in _table() and lang not in _SHARED else "en"


def _codes(lang: str) -> tuple[str, ...]:
    """``lang``'s block, then English's (once when they are the same)."""
    return tuple(dict.fromkeys((_code(lang), "en")))


def of_scene(text: str, lang: str) -> Ended | None:
    """The weather ``text`` asks of one scene it names ("make the second scene rainy",
    "第一個場景下雨", "Ändere die zweite Szene: Regen"): what ``ended`` finds, or else the
    weather named alone, which is put in (a scene named with a weather word asks for it);
    None when it names none, or says to keep it ("I love the fog in scene 2")."""
    said = ended(text, lang)
    if said is not None:
        return said
    table = _table()
    codes = _codes(lang)
    lowered = _ignored().sub(" ", _QUOTED.sub(" ", text).lower())
    if any(_pattern(c, "keeps").search(lowered) for c in codes):
        return None
    kinds = tuple(k for k in table["clears"] if any(_pattern(c, k).search(lowered) for c in codes))
    return Ended(kinds, "starts") if kinds else None


def scene_ask_words(lang: str, how: str) -> tuple[str, ...]:
    """The words a message asking for weather ``how`` in one scene may hold besides the scene,
    in ``lang`` and English: the weather words, the words of ``how`` and of asking."""
    table = _table()
    codes = _codes(lang)
    keys = (*table["clears"], how, "asks")
    return tuple(str(w).lower() for c in codes for k in keys for w in table[c].get(k, ()))


def removal_from_words(lang: str) -> tuple[str, ...]:
    """The words between the weather a removal takes away and its scene ("from")."""
    return tuple(str(w).lower() for w in _table()[_code(lang)].get("from", ()))


def word_of(kind: str, lang: str, text: str) -> re.Match[str] | None:
    """The first word of weather ``kind`` in ``text`` (lower-cased), in ``lang`` or English."""
    found = [m for c in _codes(lang) if (m := _pattern(c, kind).search(text)) is not None]
    return min(found, key=lambda m: m.start(), default=None)


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


def lighten_scene(scene: dict[str, Any], ask: Ended) -> dict[str, Any] | None:
    """``scene`` with its weather one step lighter where the renderer draws a lighter one (a
    storm becomes rain), its summary written again; None when it cannot be lighter."""
    from backend.local.scenes import SceneSpec, summarize

    spec = SceneSpec.from_meta(scene)
    if spec is None:
        return None
    clears = _table()["clears"]
    if not any(spec.weather in clears[k]["weathers"] for k in ask.kinds):
        return None
    lighter = _table()["lightens"].get(spec.weather)
    if lighter is None:
        return None
    new = dataclasses.replace(spec, weather=lighter)
    meta = new.to_meta()
    meta["summary"] = summarize(new, new.lang)
    return {**scene, **meta}


def apply(scene: dict[str, Any], change: Ended) -> dict[str, Any] | None:
    """``scene`` with ``change`` made (put in, made lighter, or taken away); None when it
    changes nothing."""
    if change.how == "starts":
        return bring_scene(scene, change)
    if change.how == "lighter":
        return lighten_scene(scene, change)
    return clear_scene(scene, change)


def names_weather(text: str, kinds: tuple[str, ...], lang: str) -> bool:
    """Whether ``text`` (a title, in ``lang``) names any of the weather ``kinds``."""
    table = _table()
    lowered = _ignored().sub(" ", text.lower())
    return any(_pattern(c, k).search(lowered) for c in _codes(lang)
               for k in kinds if k in table[c])


def has_weather(scene: dict[str, Any], kinds: tuple[str, ...]) -> bool:
    """Whether ``scene`` (``m["scene"]``) shows any of the weather ``kinds``."""
    from backend.local.scenes import SceneSpec

    spec = SceneSpec.from_meta(scene)
    if spec is None:
        return False
    clears = _table()["clears"]
    return any(spec.weather in clears[k]["weathers"] or set(clears[k]["particles"])
               & set(spec.particles) for k in kinds if k in clears)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What ``clear_scenes`` did: the new state, how many scenes ``changed`` of ``total``,
    and how many showed the weather asked about before (``had``)."""

    state: dict[str, Any]
    changed: int
    total: int
    had: int


def clear_scenes(state: dict[str, Any], end: Ended, *, retell_desc: bool = True,
                 lang: str | None = None) -> Outcome:
    """``state`` with the weather ``end`` takes away gone from every generated scene (or,
    when it ``starts``, in every one; made lighter when it is ``lighter``). With
    ``retell_desc`` each changed scene's description says its weather now, in its language
    (``lang``, the user's, where both are forms of one: zh-Hans, zh-Hant); a script's
    sentences are the user's words, spoken and captioned: they stay."""
    new = copy.deepcopy(state)
    changed = total = had = 0
    for track in new["draft"].get("t", []):
        for sg in track.get("sg", []):
            meta = sg.get("m") or {}
            if meta.get("kind") != "scene" or not isinstance(meta.get("scene"), dict):
                continue
            total += 1
            had += has_weather(meta["scene"], end.kinds)
            changed += _change(meta, end, retell_desc, lang)
    return Outcome(new, changed, total, had)


@dataclasses.dataclass(frozen=True)
class OneScene:
    """What ``change_one`` did: the new state, the clip's description before (``name``),
    whether it is a generated ``scene`` (an uploaded clip has no weather to draw), and
    whether it ``changed``."""

    state: dict[str, Any]
    name: str
    scene: bool
    changed: bool


def change_one(state: dict[str, Any], end: Ended, which: int, *, retell_desc: bool = True,
               lang: str | None = None) -> OneScene | None:
    """``state`` with ``end`` made in the ``which``-th clip of the Video track only (1-based,
    -1 the last), as ``clear_scenes`` does for all; None when there is no such clip."""
    from backend.local.editing import track_of

    new = copy.deepcopy(state)
    video = track_of(new["draft"], "video")
    clips = sorted((video or {"sg": []}).get("sg", []), key=lambda sg: sg["s"])
    index = which - 1 if which > 0 else len(clips) + which
    if not 0 <= index < len(clips):
        return None
    meta = clips[index].get("m") or {}
    name = str(meta.get("name") or meta.get("desc") or "")
    if meta.get("kind") != "scene" or not isinstance(meta.get("scene"), dict):
        return OneScene(new, name, False, False)
    return OneScene(new, name, True, _change(meta, end, retell_desc, lang))


def _change(meta: dict[str, Any], end: Ended, retell_desc: bool, lang: str | None) -> bool:
    """Makes ``end`` in one scene segment's ``meta`` (its drawing and, with ``retell_desc``,
    its description); whether anything changed."""
    cleared = apply(meta["scene"], end)
    if cleared is None:
        return False
    if retell_desc and isinstance(meta.get("desc"), str):
        said = str(cleared.get("lang") or "en")
        if lang and said.split("-", 1)[0] == lang.split("-", 1)[0]:
            said = lang  # "下雨的城市" reads as either Chinese: the user's
        meta["desc"] = retell(meta["desc"], said, end, str(cleared.get("weather") or ""))
    meta["scene"] = cleared
    return True


def retell(desc: str, lang: str, change: Ended, weather_now: str) -> str:
    """``desc`` (a scene's description in ``lang``) saying its weather after ``change``: the
    words of the weather that changed leave it, and the phrase of the weather drawn now
    joins it ("city in the rain" → "city after the rain", "城市" → "雨中的城市")."""
    described = _table()["described"]
    block = described.get(lang) or described["en"]
    kinds = list(change.kinds)
    if change.how == "starts" and kinds[0] in ("rain", "storm", "snow"):
        kinds += ["rain", "storm", "snow"]  # one falling weather replaces another
    if "clouds" in kinds and change.how != "starts":
        kinds += ["rain", "storm"]  # no clouds, no rain from them
    if change.how == "lighter":
        kinds += ["rain", "storm"]
    rest = _strip(desc, lang if lang in described else "en", tuple(dict.fromkeys(kinds)))
    says: dict[str, str] = {str(k): str(v) for k, v in block["says"].items()}
    if change.how == "starts":
        phrase = says.get(change.kinds[0], "")
    elif change.how == "lighter":
        phrase = says.get(weather_now, "")
    elif change.how == "stops":
        phrase = next((says[f"after_{k}"] for k in change.kinds if f"after_{k}" in says), "")
    else:
        phrase = ""
    if not phrase:
        return rest or desc
    if not rest:
        return phrase.removesuffix("的").removesuffix("の").strip()
    end = re.search(r"[.!?。！？]+$", rest)
    body, stop = (rest[:end.start()], end.group()) if end else (rest, "")
    return str(block["order"]).format(desc=body, says=phrase) + stop


@functools.cache
def _described_pattern(code: str, kinds: tuple[str, ...]) -> re.Pattern[str]:
    table = _table()
    words = sorted({str(w).lower() for k in kinds for w in table[code].get(k, ())},
                   key=len, reverse=True)
    around = sorted((str(w).lower() for w in table["described"][code]["around"]),
                    key=len, reverse=True)
    kind = "|".join(re.escape(w) for w in words) or r"(?!)"
    near = "|".join(re.escape(w) for w in around) or r"(?!)"
    if code == "ko":  # a word and its ending, and the word that goes with it ("비가 내리는")
        return re.compile(rf"(?:{kind})\S*(?:\s+(?:{near})(?!\S))?")
    if code in ("zh-Hans", "zh-Hant", "ja"):
        return re.compile(rf"(?:{near})?(?:{kind})(?:{near})*")
    suffix = "" if code == "en" else "(?:e|en|er|es|em|s)?"
    return re.compile(rf"(?:(?<!\w)(?:{near})\s*)?(?<!\w)(?:{kind}){suffix}(?!\w)",
                      re.IGNORECASE)


def _strip(desc: str, code: str, kinds: tuple[str, ...]) -> str:
    # The phrases an earlier change added ("after the rain") leave whole, then the words.
    says = _table()["described"][code]["says"]
    rest = desc
    for key in sorted((k for k in says if k.removeprefix("after_") in kinds),
                      key=lambda k: len(says[k]), reverse=True):
        rest = rest.replace(str(says[key]), " ")
    rest = _described_pattern(code, kinds).sub(" ", rest)
    rest = re.sub(r"\s+([,.;!?。，])", r"\1", re.sub(r"\s{2,}", " ", rest))
    return rest.strip(" ,;:—-·、，")


@functools.cache
def _ignored() -> re.Pattern[str]:
    words = sorted((str(w).lower() for w in _table().get("ignore", ())), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!)")


@functools.cache
def _pattern(code: str, key: str) -> re.Pattern[str]:
    block = _table()["described"][code] if key == "lighter" else _table()[code]
    return word_pattern(tuple(str(w).lower() for w in block.get(key, ())))


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
