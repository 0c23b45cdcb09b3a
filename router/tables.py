"""The router's data: phrase and cue tables loaded from YAML, validated, merged with a skill's
overrides, and indexed by normalised phrase.

Each normalised string has one ``Entry``: the action it stands for (export, credits, state,
upload, or chat for "force chat") and/or the cue roles it plays (edit verb, negation, …).
A string may not stand for two actions, nor for an action and a cue: the load fails with a
``SkillError`` naming the string, both roles and where each came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntFlag
from functools import cache
from importlib import resources
from typing import Any, Final

import yaml

from backend.errors import SkillError
from router.text import normalize
from skill.overrides import ROUTER_ACTIONS, Overrides

__all__ = ["ACTIONS", "Cue", "Entry", "Settings", "Tables", "builtin_tables", "load_tables"]

#: Actions a route can take; ``chat`` is the backend chat.
ACTIONS: Final = ROUTER_ACTIONS
_TAG: Final = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_OVERRIDE_FIELD: Final = "metadata.nemo.router.keywords"


class Cue(IntFlag):
    """Roles a string plays besides (or instead of) standing for an action."""

    NONE = 0
    EDIT = 1
    NEGATE_BEFORE = 2
    NEGATE_AFTER = 4
    CONNECTOR = 8
    REQUEST = 16
    IGNORE = 32
    SEPARATOR = 64
    ABOUT = 128


_CUE_SECTIONS: Final = {
    "edit": Cue.EDIT,
    "negate_before": Cue.NEGATE_BEFORE,
    "negate_after": Cue.NEGATE_AFTER,
    "connectors": Cue.CONNECTOR,
    "request": Cue.REQUEST,
    "ignore": Cue.IGNORE,
    "about": Cue.ABOUT,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """What one normalised string means. ``phrase`` is the first spelling seen."""

    phrase: str
    action: str | None
    cues: int  # a Cue bit set, kept as a plain int: enum operators are slow on the hot path
    languages: tuple[str, ...]
    origin: str

    def language_for(self, preferred: str) -> str:
        """The entry's language, ``preferred`` when the entry is listed under it."""
        if preferred in self.languages:
            return preferred
        base = preferred.split("-", 1)[0]
        for lang in self.languages:
            if lang.split("-", 1)[0] == base:
                return lang
        return self.languages[0] if self.languages else ""


@dataclass(frozen=True, slots=True)
class Settings:
    """Tunable numbers of the decision rules (from the ``settings`` section of cues.yaml)."""

    margin: float = 0.1
    fuzzy_cutoff: float = 80.0
    fuzzy_max_words: int = 6
    fuzzy_min_length: int = 5
    negate_before_window: int = 30
    negate_after_window: int = 10


@dataclass(frozen=True)
class Tables:
    """Everything the matcher needs, indexed by normalised string."""

    entries: Mapping[str, Entry]
    fuzzy_exclude: frozenset[str]
    settings: Settings
    #: action -> language -> phrases as written (for introspection and ``nemoskill route``).
    phrases: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.phrases: dict[str, dict[str, list[str]]] = {}

    def add(self, phrase: str, lang: str, *, action: str | None = None, cue: Cue = Cue.NONE,
            origin: str, path: str, fld: str) -> None:
        key = normalize(phrase)
        if not key:
            raise SkillError(f"phrase {phrase!r} is empty after normalisation", path=path,
                             field=fld)
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = Entry(phrase, action, int(cue), (lang,), origin)
        else:
            _check_compatible(key, old, action, cue, path=path, fld=fld)
            langs = old.languages if lang in old.languages else (*old.languages, lang)
            self.entries[key] = Entry(old.phrase, old.action or action, old.cues | int(cue),
                                      langs, old.origin)
        if action is not None:
            bucket = self.phrases.setdefault(action, {}).setdefault(lang, [])
            if phrase not in bucket:
                bucket.append(phrase)


def _role(action: str | None, cue: int) -> str:
    if action is not None:
        return "chat (force chat)" if action == "chat" else action
    names = [name for name, flag in _CUE_SECTIONS.items() if flag & cue]
    return f"a cue ({', '.join(names) or 'separator'})"


def _check_compatible(key: str, old: Entry, action: str | None, cue: Cue, *, path: str,
                      fld: str) -> None:
    new_action, old_action = action, old.action
    clash = bool(new_action and old_action and new_action != old_action)
    # An action phrase may not double as a cue (it would mean two things at once); the one
    # exception is a "force chat" phrase that is also an edit verb, which agree.
    for a, c in ((new_action, old.cues), (old_action, int(cue))):
        if a is not None and c and not (a == "chat" and not c & ~int(Cue.EDIT | Cue.IGNORE)):
            clash = True
    if clash:
        hint = ("; a skill can take a built-in phrase over with router.mode: replace on that "
                "action" if old_action else "")
        raise SkillError(
            f"phrase {key!r} cannot be {_role(action, int(cue))}: it is already "
            f"{_role(old_action, old.cues)} ({old.origin}). One phrase can mean only one "
            f"thing{hint}",
            path=path, field=fld,
        )


def _load_yaml(name: str) -> tuple[dict[str, Any], str]:
    ref = resources.files("router").joinpath(f"data/{name}")
    text = ref.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise SkillError(f"invalid YAML: {exc}", path=str(ref)) from exc
    if not isinstance(data, dict):
        raise SkillError("must be a mapping", path=str(ref))
    return data, str(ref)


def _phrase_lists(value: object, path: str, fld: str) -> Iterable[tuple[str, list[str]]]:
    if not isinstance(value, dict):
        raise SkillError("must be a mapping of language -> phrases", path=path, field=fld)
    for lang, phrases in value.items():
        if not isinstance(lang, str) or not _TAG.match(lang):
            raise SkillError(f"{lang!r} is not a language tag such as en or zh-Hant",
                             path=path, field=fld)
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                    for p in phrases):
            raise SkillError("must be a list of non-empty strings (quote words YAML reads as "
                             "booleans: 'no', 'on')", path=path,
                             field=f"{fld}.{lang}")
        yield lang, [p.strip() for p in phrases]


@cache
def _builtin_raw() -> tuple[dict[str, Any], str, dict[str, Any], str]:
    phrases, ppath = _load_yaml("phrases.yaml")
    cues, cpath = _load_yaml("cues.yaml")
    return phrases, ppath, cues, cpath


def load_tables(overrides: Overrides | None = None, *, source: str = "SKILL.md") -> Tables:
    """Build the tables from the built-in YAML and a skill's ``overrides``.

    ``router_mode`` ``extend`` adds the skill's phrases; ``replace`` drops the built-in phrases
    of every action the skill lists (other actions keep theirs). ``source`` names the skill
    file in errors. Raises ``SkillError`` for malformed tables and for a phrase that would
    stand for two actions or for an action and a cue.
    """
    phrases, ppath, cues, cpath = _builtin_raw()
    unknown = sorted(set(phrases) - set(ACTIONS))
    if unknown:
        raise SkillError(f"unknown action(s) {', '.join(unknown)}; allowed: {', '.join(ACTIONS)}",
                         path=ppath)
    replaced: set[str] = set()
    if overrides is not None and overrides.router_mode == "replace":
        replaced = set(overrides.router_keywords)
    b = _Builder()
    for section, flag in _CUE_SECTIONS.items():
        for lang, listed in _phrase_lists(cues.get(section, {}), cpath, section):
            for phrase in listed:
                b.add(phrase, lang, cue=flag, origin=f"cues.yaml {section}.{lang}", path=cpath,
                      fld=f"{section}.{lang}")
    for sep in cues.get("separators", []):
        key = normalize(str(sep))
        b.entries[key] = Entry(key, None, int(Cue.SEPARATOR), (), "cues.yaml separators")
    b.entries["\n"] = Entry("\\n", None, int(Cue.SEPARATOR), (), "line break")
    for action, table in phrases.items():
        if action in replaced:
            continue
        for lang, listed in _phrase_lists(table, ppath, action):
            for phrase in listed:
                b.add(phrase, lang, action=action, origin=f"built-in {action}.{lang}",
                      path=ppath, fld=f"{action}.{lang}")
    if overrides is not None:
        for action, table in overrides.router_keywords.items():
            for lang, skill_phrases in table.items():
                fld = f"{_OVERRIDE_FIELD}.{action}.{lang}"
                for phrase in skill_phrases:
                    b.add(phrase, lang, action=action, origin=f"skill {action}.{lang}",
                          path=source, fld=fld)
    exclude = frozenset(normalize(w) for _, listed in
                        _phrase_lists(cues.get("fuzzy_exclude", {}), cpath, "fuzzy_exclude")
                        for w in listed)
    return Tables(
        entries=b.entries,
        fuzzy_exclude=exclude,
        settings=_settings(cues.get("settings", {}), cpath),
        phrases={a: {lang: tuple(p) for lang, p in langs.items()} for a, langs in
                 b.phrases.items()},
    )


def _settings(raw: object, path: str) -> Settings:
    if not isinstance(raw, dict):
        raise SkillError("must be a mapping", path=path, field="settings")
    allowed = Settings.__dataclass_fields__
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise SkillError(f"unknown setting(s) {', '.join(unknown)}", path=path, field="settings")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        kind = type(getattr(Settings(), name))
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise SkillError("must be a non-negative number", path=path,
                             field=f"settings.{name}")
        values[name] = kind(value)
    return Settings(**values)


@cache
def builtin_tables() -> Tables:
    """The built-in tables, loaded once per process."""
    return load_tables(None)
