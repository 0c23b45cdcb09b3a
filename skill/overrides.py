"""Skill-level overrides of the built-in data tables, read from ``metadata.nemo`` in SKILL.md.

Schema (all optional, block-style YAML)::

    metadata:
      nemo:
        language: en                  # session language when the first message gives no clue
        router:
          mode: extend                # extend (default) | replace: each action listed below
                                      # drops its built-in phrases (other actions keep theirs)
          keywords:                   # action -> language -> phrases
            export:
              en:
                - ship it
        gui:
          mode: extend                # the same, per GUI kind
          phrases:                    # GUI kind -> language -> phrases
            click:
              en:
                - tap

Router actions: export, credits, state, upload, chat (a ``chat`` phrase forces the backend chat).
GUI kinds: click, open, drag, preview, export, account. Languages are BCP-47-like tags
(``en``, ``zh``, ``zh-Hant``, ``pt-BR``). Unknown keys are rejected with the field's path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from backend.errors import SkillError

__all__ = ["GUI_KINDS", "ROUTER_ACTIONS", "Overrides", "PhraseTable", "parse_overrides"]

ROUTER_ACTIONS: Final = ("export", "credits", "state", "upload", "chat")
GUI_KINDS: Final = ("click", "open", "drag", "preview", "export", "account")
_MODES: Final = ("extend", "replace")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

# action/kind -> language -> phrases
PhraseTable = Mapping[str, Mapping[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Overrides:
    """What a skill changes in the built-in tables. Empty by default."""

    language: str | None = None
    router_mode: str = "extend"
    router_keywords: PhraseTable = field(default_factory=lambda: MappingProxyType({}))
    gui_mode: str = "extend"
    gui_phrases: PhraseTable = field(default_factory=lambda: MappingProxyType({}))


def parse_overrides(raw: object, *, where: str) -> Overrides:
    """Validate ``metadata.nemo`` and return it as ``Overrides``; raise ``SkillError``."""
    base = "metadata.nemo"
    if raw is None:
        return Overrides()
    nemo = _mapping(raw, base, where, allowed=("language", "router", "gui"))
    language = nemo.get("language")
    if language is not None and (not isinstance(language, str) or not _LANG_RE.match(language)):
        raise SkillError("must be a language tag such as en or zh", path=where,
                         field=f"{base}.language")
    router = _mapping(nemo.get("router") or {}, f"{base}.router", where,
                      allowed=("mode", "keywords"))
    gui = _mapping(nemo.get("gui") or {}, f"{base}.gui", where, allowed=("mode", "phrases"))
    return Overrides(
        language=language,
        router_mode=_mode(router.get("mode"), f"{base}.router.mode", where),
        router_keywords=_table(router.get("keywords"), ROUTER_ACTIONS,
                               f"{base}.router.keywords", where),
        gui_mode=_mode(gui.get("mode"), f"{base}.gui.mode", where),
        gui_phrases=_table(gui.get("phrases"), GUI_KINDS, f"{base}.gui.phrases", where),
    )


def _mapping(value: object, name: str, where: str, *, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SkillError("must be a mapping", path=where, field=name)
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise SkillError(
            f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}",
            path=where, field=name,
        )
    return value


def _mode(value: object, name: str, where: str) -> str:
    if value is None:
        return "extend"
    if value not in _MODES:
        raise SkillError(f"must be one of {', '.join(_MODES)}", path=where, field=name)
    return str(value)


def _table(value: object, keys: tuple[str, ...], name: str, where: str) -> PhraseTable:
    if value is None:
        return MappingProxyType({})
    table = _mapping(value, name, where, allowed=keys)
    out: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for key, langs in table.items():
        per_lang = _mapping(langs, f"{name}.{key}", where,
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
