"""The local agent's data, loaded and validated once: keyword tables (``rules.yaml``) and what it
says (``phrases.yaml``, Jinja templates in English and Chinese)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backend.datacache import load_yaml

if TYPE_CHECKING:
    import jinja2

__all__ = ["LANGS", "Lexicon", "Mood", "Style", "is_chinese", "lexicon"]

LANGS = ("en", "zh")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Style:
    name: str
    words: tuple[str, ...]
    mood: str
    motion: tuple[str, ...]


@dataclass(frozen=True)
class Mood:
    name: str  # key, e.g. "calm"
    title: str  # display name, e.g. "Lo-fi"
    bpm: int
    words: tuple[str, ...]


class Lexicon:
    """Typed view of the two YAML files. Construct with ``lexicon()`` (cached)."""

    def __init__(self, rules: dict[str, Any], phrases: dict[str, Any]) -> None:
        self.words: dict[str, tuple[str, ...]] = {
            k: tuple(str(w).lower() for w in v) for k, v in _mapping(rules, "words").items()
        }
        self.ratios: dict[str, tuple[str, ...]] = {
            k: tuple(str(w).lower() for w in v) for k, v in _mapping(rules, "ratios").items()
        }
        self.styles: dict[str, Style] = {
            k: Style(k, tuple(v["words"]), str(v["mood"]), tuple(v["motion"]))
            for k, v in _mapping(rules, "styles").items()
        }
        self.default_style = str(rules["default_style"])
        self.moods: dict[str, Mood] = {
            k: Mood(k, str(v["name"]), int(v["bpm"]), tuple(v["words"]))
            for k, v in _mapping(rules, "moods").items()
        }
        self.palettes: list[tuple[tuple[str, ...], tuple[str, str]]] = [
            (tuple(p["words"]), (str(p["colors"][0]), str(p["colors"][1])))
            for p in rules["palettes"]
        ]
        self.shots: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in _mapping(rules, "shots").items()
        }
        self.motions: tuple[str, ...] = tuple(rules["motions"])
        self.defaults: dict[str, Any] = dict(_mapping(rules, "defaults"))
        self._phrases = phrases
        import jinja2  # on first use, not when the server starts

        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        self._templates: dict[tuple[str, str, str], jinja2.Template] = {}
        self._validate()

    def _validate(self) -> None:
        needed = {"generate_verbs", "regenerate", "video_nouns", "script_words", "add", "remove",
                  "change", "title", "caption", "bgm", "volume", "louder", "quieter", "mute",
                  "duration", "ratio", "track", "question", "help"}
        missing = needed - set(self.words)
        if missing:
            raise ValueError(f"rules.yaml: missing word lists {sorted(missing)}")
        if set(self.ratios) != {"16:9", "9:16", "1:1"}:
            raise ValueError("rules.yaml: ratios must be exactly 16:9, 9:16 and 1:1")
        for style in self.styles.values():
            if style.mood not in self.moods:
                raise ValueError(f"rules.yaml: style {style.name} names unknown mood {style.mood}")
            if not set(style.motion) <= set(self.motions):
                raise ValueError(f"rules.yaml: style {style.name} has an unknown motion")
        if self.default_style not in self.styles:
            raise ValueError("rules.yaml: default_style is not a style")
        for _, colors in self.palettes:
            if not all(_HEX.match(c) for c in colors):
                raise ValueError(f"rules.yaml: palette colours must be #RRGGBB: {colors}")
        for lang in LANGS:
            if len(self.shots.get(lang, ())) < 1:
                raise ValueError(f"rules.yaml: no shots for {lang}")
        for name, entry in _mapping(self._phrases, "outcomes").items():
            if entry.get("silent"):
                continue
            for lang in LANGS:
                if not isinstance(entry.get(lang), str):
                    raise ValueError(f"phrases.yaml: outcome {name} lacks {lang}")
                self._template("outcomes", name, lang)
        for name in ("video", "audio", "text", "scenes", "lines", "separator"):
            for lang in LANGS:
                self._template("tracks", name, lang)
        labels = _mapping(self._phrases, "labels")
        for key in self.styles:
            if key not in labels["styles"]:
                raise ValueError(f"phrases.yaml: no label for style {key}")
        for key in self.moods:
            if key not in labels["moods"]:
                raise ValueError(f"phrases.yaml: no label for mood {key}")

    def _template(self, section: str, name: str, lang: str) -> jinja2.Template:
        key = (section, name, lang)
        if key not in self._templates:
            source = self._phrases[section][name][lang]
            if not isinstance(source, str):
                raise ValueError(f"phrases.yaml: {section}.{name}.{lang} is not text")
            self._templates[key] = self._env.from_string(source)
        return self._templates[key]

    def silent(self, outcome: str) -> bool:
        """True when ``outcome`` completes without any text (a silent edit)."""
        return bool(self._phrases["outcomes"][outcome].get("silent"))

    def say(self, outcome: str, lang: str, **values: Any) -> str:
        """The reply text for ``outcome`` in ``lang`` ("en" or "zh")."""
        return self._template("outcomes", outcome, lang).render(**values)

    def track_line(self, kind: str, lang: str, **values: Any) -> str:
        return self._template("tracks", kind, lang).render(**values)

    def label(self, group: str, key: str, lang: str) -> str:
        labels = self._phrases["labels"]
        entry = labels[group][key] if group in ("styles", "moods") else labels[group]
        return str(entry[lang])


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{key} must be a mapping")
    return value


def is_chinese(text: str) -> bool:
    """Whether ``text`` is written in Chinese (any CJK ideograph)."""
    return bool(_CJK.search(text))


@functools.cache
def lexicon() -> Lexicon:
    """The shipped tables, loaded and validated on first use."""
    folder = Path(__file__).parent
    rules = load_yaml(folder / "rules.yaml")
    phrases = load_yaml(folder / "phrases.yaml")
    return Lexicon(rules, phrases)
