"""A scene description: what a generated scene shows, as plain data kept in the draft.

The agent writes it into a scene segment's metadata (``m["scene"]``), so the state and the
timeline show what each scene depicts; the renderer reads it back (or derives it from the
segment's ``desc`` when a draft from elsewhere has none).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "OWN_PARTICLES",
    "OWN_SUBJECTS",
    "PARTICLES",
    "SEASONS",
    "STYLES",
    "SUBJECTS",
    "TERRAINS",
    "TIMES",
    "WATERS",
    "WEATHERS",
    "SceneSpec",
]

TIMES = ("dawn", "day", "golden", "sunset", "dusk", "night")
WEATHERS = ("clear", "cloudy", "overcast", "rain", "storm", "snow", "fog")
TERRAINS = ("mountains", "hills", "dunes", "city", "forest", "fields", "coast")
WATERS = ("none", "lake", "sea", "river")
PARTICLES = ("rain", "snow", "fog", "fireflies", "leaves", "petals")
#: Particles a sentence shows only when it names them: a script's petals fall in theirs.
OWN_PARTICLES = frozenset({"petals"})
SUBJECTS = (
    "trees", "buildings", "boat", "cabin", "road", "tent", "train", "balcony", "car", "birds",
    "lighthouse", "rainbow", "person", "couple", "crowd", "dog", "flowers", "balloons",
    "shops", "stalls", "children", "bowl", "palms", "umbrellas",
)
#: Subjects a sentence shows only when it names them: "Trains glide through the morning light"
#: gets a train, the script's other sentences do not (its city, its weather, they do share).
OWN_SUBJECTS = frozenset(
    {"train", "balcony", "car", "birds", "rainbow", "person", "couple", "crowd", "dog",
     "balloons", "children", "bowl", "umbrellas"}
)
SEASONS = ("any", "spring", "summer", "autumn", "winter")
STYLES = ("cinematic", "calm", "upbeat", "vintage", "anime", "documentary")


@dataclass(frozen=True)
class SceneSpec:
    """What one generated scene shows. Every field has a value from the tuples above."""

    time: str = "day"
    weather: str = "clear"
    terrain: tuple[str, ...] = ()
    water: str = "none"
    particles: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    season: str = "any"
    style: str = "cinematic"
    lang: str = "en"
    summary: str = ""
    #: Things the sentence names that no drawing shows (keys of the lexicons' ``unseen``
    #: tables: "castle", "horse"), so the reply can say they are not in the picture.
    unseen: tuple[str, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_dark(self) -> bool:
        return self.time == "night"

    def to_meta(self) -> dict[str, Any]:
        """The JSON-ready form stored in a segment's ``m["scene"]``."""
        return {
            "summary": self.summary,
            "lang": self.lang,
            "time": self.time,
            "weather": self.weather,
            "terrain": list(self.terrain),
            "water": self.water,
            "particles": list(self.particles),
            "subjects": list(self.subjects),
            "season": self.season,
            "style": self.style,
            "unseen": list(self.unseen),
        }

    @classmethod
    def from_meta(cls, value: object) -> SceneSpec | None:
        """Read ``m["scene"]`` tolerantly: unknown names are dropped, missing ones defaulted.

        None when ``value`` is not a mapping (the caller then describes the ``desc`` text).
        """
        if not isinstance(value, Mapping):
            return None
        return cls(
            time=_one(value.get("time"), TIMES, "day"),
            weather=_one(value.get("weather"), WEATHERS, "clear"),
            terrain=_many(value.get("terrain"), TERRAINS),
            water=_one(value.get("water"), WATERS, "none"),
            particles=_many(value.get("particles"), PARTICLES),
            subjects=_many(value.get("subjects"), SUBJECTS),
            season=_one(value.get("season"), SEASONS, "any"),
            style=_one(value.get("style"), STYLES, "cinematic"),
            lang=str(value.get("lang") or "en"),
            summary=str(value.get("summary") or ""),
            unseen=_names(value.get("unseen")),
        )


def _one(value: object, allowed: tuple[str, ...], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    # A key of the lexicons' unseen tables ("castle"), or a thing in the sentence's own words
    # ("~knight", "~new headphones": describe.OWN_WORDS).
    return tuple(dict.fromkeys(v for v in value if isinstance(v, str) and (
        v.isidentifier() or (v.startswith("~") and 1 < len(v) <= 60 and v.isprintable()))))


def _many(value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    seen: list[str] = []
    for item in value:
        if isinstance(item, str) and item in allowed and item not in seen:
            seen.append(item)
    return tuple(seen)
