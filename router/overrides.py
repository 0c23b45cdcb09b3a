"""A skill's changes to the router's phrase tables (``metadata.nemo.router`` in SKILL.md).

The router owns this part of the skill schema; ``skill.overrides`` reads the rest of
``metadata.nemo`` and hands the ``router`` section here. Schema::

    router:
      mode: extend        # extend (default) | replace: each action listed below drops its
                          # built-in phrases (other actions keep theirs)
      keywords:           # action -> language -> phrases
        export:
          en:
            - ship it

Actions: export, credits, state, upload, chat (a ``chat`` phrase forces the backend chat).
Languages are BCP-47-like tags (``en``, ``zh``, ``zh-Hant``, ``pt-BR``). Unknown keys are
rejected with the field's path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple, Protocol

from backend.errors import SkillError

__all__ = ["MODES", "ROUTER_ACTIONS", "KeywordOverrides", "PhraseTable", "RouterOverrides",
           "parse_mapping", "parse_mode", "parse_phrase_table", "parse_router_overrides"]

#: Actions a route can take; ``chat`` is the backend chat.
ROUTER_ACTIONS: Final = ("export", "credits", "state", "upload", "chat")
MODES: Final = ("extend", "replace")
_LANG_RE: Final = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

#: action (or any other key) -> language -> phrases
PhraseTable = Mapping[str, Mapping[str, tuple[str, ...]]]
_NO_KEYWORDS: Final[PhraseTable] = MappingProxyType({})  # read-only, so one can be shared


class KeywordOverrides(Protocol):
    """What ``Router.from_tables`` reads from a skill's overrides."""

    @property
    def router_mode(self) -> str: ...

    @property
    def router_keywords(self) -> PhraseTable: ...


class RouterOverrides(NamedTuple):
    """The router section of a skill's overrides. Empty by default. (A named tuple: importing
    ``dataclasses`` would cost every process that routes a message about 4 ms.)"""

    router_mode: str = "extend"
    router_keywords: PhraseTable = _NO_KEYWORDS


def parse_router_overrides(raw: object, *, where: str,
                           base: str = "metadata.nemo.router") -> RouterOverrides:
    """Validate the ``router`` section and return it; raise ``SkillError`` naming the field."""
    router = parse_mapping(raw or {}, base, where, allowed=("mode", "keywords"))
    return RouterOverrides(
        router_mode=parse_mode(router.get("mode"), f"{base}.mode", where),
        router_keywords=parse_phrase_table(router.get("keywords"), ROUTER_ACTIONS,
                                           f"{base}.keywords", where),
    )


def parse_mapping(value: object, name: str, where: str, *,
                  allowed: tuple[str, ...]) -> dict[str, Any]:
    """``value`` as a dict whose keys are all in ``allowed``; else ``SkillError``."""
    if not isinstance(value, dict):
        raise SkillError("must be a mapping", path=where, field=name)
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise SkillError(
            f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}",
            path=where, field=name,
        )
    return value


def parse_mode(value: object, name: str, where: str) -> str:
    """``extend`` (the default) or ``replace``; else ``SkillError``."""
    if value is None:
        return "extend"
    if value not in MODES:
        raise SkillError(f"must be one of {', '.join(MODES)}", path=where, field=name)
    return str(value)


def parse_phrase_table(value: object, keys: tuple[str, ...], name: str,
                       where: str) -> PhraseTable:
    """A key -> language -> phrases table, keys limited to ``keys``; else ``SkillError``."""
    if value is None:
        return MappingProxyType({})
    table = parse_mapping(value, name, where, allowed=keys)
    out: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for key, langs in table.items():
        per_lang = parse_mapping(langs, f"{name}.{key}", where,
                                 allowed=tuple(str(k) for k in (langs or {})))
        inner: dict[str, tuple[str, ...]] = {}
        for lang, phrases in per_lang.items():
            fname = f"{name}.{key}.{lang}"
            if not isinstance(lang, str) or not _LANG_RE.match(lang):
                raise SkillError("is not a language tag such as en or zh", path=where, field=fname)
            if not isinstance(phrases, list) or not phrases:
                raise SkillError("must be a non-empty list of phrases", path=where, field=fname)
            if not all(isinstance(p, str) and p.strip() for p in phrases):
                raise SkillError("every phrase must be a non-empty string", path=where,
                                 field=fname)
            inner[lang] = tuple(p.strip() for p in phrases)
        out[key] = MappingProxyType(inner)
    return MappingProxyType(out)
