"""Skill-level overrides of the built-in data tables, read from ``metadata.nemo`` in SKILL.md.

Schema (all optional, block-style YAML)::

    metadata:
      nemo:
        language: en                  # session language when the first message gives no clue
        router:                       # the router's phrase tables: see ``router.overrides``
          mode: extend
          keywords:
            export:
              en:
                - ship it
        gui:
          mode: extend                # extend (default) | replace, per GUI kind
          phrases:                    # GUI kind -> language -> phrases
            click:
              en:
                - tap

GUI kinds: click, open, drag, preview, export, account. Languages are BCP-47-like tags
(``en``, ``zh``, ``zh-Hant``, ``pt-BR``). Unknown keys are rejected with the field's path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from backend.errors import SkillError
from router.overrides import (
    ROUTER_ACTIONS,
    PhraseTable,
    parse_mapping,
    parse_mode,
    parse_phrase_table,
    parse_router_overrides,
)

__all__ = ["GUI_KINDS", "ROUTER_ACTIONS", "Overrides", "PhraseTable", "parse_overrides"]

GUI_KINDS: Final = ("click", "open", "drag", "preview", "export", "account")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


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
    nemo = parse_mapping(raw, base, where, allowed=("language", "router", "gui"))
    language = nemo.get("language")
    if language is not None and (not isinstance(language, str) or not _LANG_RE.match(language)):
        raise SkillError("must be a language tag such as en or zh", path=where,
                         field=f"{base}.language")
    router = parse_router_overrides(nemo.get("router"), where=where, base=f"{base}.router")
    gui = parse_mapping(nemo.get("gui") or {}, f"{base}.gui", where, allowed=("mode", "phrases"))
    return Overrides(
        language=language,
        router_mode=router.router_mode,
        router_keywords=router.router_keywords,
        gui_mode=parse_mode(gui.get("mode"), f"{base}.gui.mode", where),
        gui_phrases=parse_phrase_table(gui.get("phrases"), GUI_KINDS, f"{base}.gui.phrases",
                                       where),
    )
