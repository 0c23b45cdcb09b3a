"""The GUI phrase table (``data/gui.yaml``), merged with a skill's phrases and compiled once.

A skill extends the built-in phrases, or replaces them kind by kind, with the mapping that
``skill.overrides.Overrides.gui_phrases`` holds (kind → language → phrases). Kinds the skill
does not list keep their built-in phrases even in ``replace`` mode, so that replacing "click"
does not switch off export or preview.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

__all__ = ["ACTIONS", "GUI_KINDS", "GuiTable", "KindRule", "load_table", "target_key"]

GUI_KINDS: Final = ("click", "open", "drag", "preview", "export", "account")
#: What a direction can turn into: the export flow, a state query, an edit sent through the
#: chat stream, the timeline summary, the credit balance, or an upload from the chat.
ACTIONS: Final = ("export", "state", "edit", "timeline", "credits", "upload")
_MODES: Final = ("extend", "replace")
#: Languages whose built-in phrases every table holds (see ``load_table``).
ALWAYS: Final = ("en", "zh", "zh-Hant")
_DATA: Final = Path(__file__).with_name("data") / "gui.yaml"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WILDCARD = re.compile(r"\s*(?:\.\.\.|…)\s*")
# Word edges for scripts written with spaces. Not ``\w``: that also matches CJK, and a Latin
# button name may touch Chinese text directly ("点击Export按钮").
_EDGE: Final = r"A-Za-z0-9\u00c0-\u024f"
# Markdown or quotes between the words of a phrase ("the **Export** button", "“导出”按钮"). A
# category class rather than a list of characters: it compiles far faster, and the table is
# compiled in every process (hosts start the CLI once per message).
_MARK: Final = r"[^\w\s]{0,2}"

PhraseInput = Mapping[str, Mapping[str, Sequence[str]]]


@dataclass(frozen=True)
class KindRule:
    """How one kind of direction behaves."""

    kind: str
    action: str
    needs_object: bool
    target_actions: frozenset[str]
    phrases: re.Pattern[str] | None
    objects: re.Pattern[str] | None


@dataclass(frozen=True)
class GuiTable:
    """Compiled phrase table. Build it with ``load_table``."""

    rules: tuple[KindRule, ...]
    objects: re.Pattern[str]
    #: Every known button or panel name, longest first; ``target_action`` maps a match to
    #: its action.
    targets: re.Pattern[str]
    target_actions: Mapping[str, str]
    rewrite: Mapping[str, Mapping[str, str]]
    lead_in: re.Pattern[str]
    subordinator: re.Pattern[str]
    subordinator_ending: re.Pattern[str]
    connector: re.Pattern[str]
    #: Matches text that ends with a determiner: a verb after it is a noun.
    determiner_before: re.Pattern[str]
    #: Joins content and a direction in one clause ("I added music and you can drag …").
    conjunction: re.Pattern[str]
    #: " to <what for>" after an edit direction; group 1 is the purpose.
    purpose: re.Pattern[str]
    #: Words before a button name that are not part of it ("the", "auf den").
    articles: re.Pattern[str]
    #: What may stand between an object and the verb after it ("を", "을", "auf"), whole.
    object_gap: re.Pattern[str]


def load_table(extra_phrases: PhraseInput | None = None, mode: str = "extend",
               languages: Iterable[str] | None = None) -> GuiTable:
    """The compiled table: built-in phrases plus ``extra_phrases`` (kind → language → phrases).

    ``mode`` "extend" adds the skill's phrases; "replace" drops the built-in phrases of each
    kind the skill lists. ``languages`` limits the built-in phrases to those languages (None:
    all nine); English and Chinese are always in, as the backend's own wording mixes them in.
    A skill's phrases count in every language. Raises ``ValueError`` naming the bad kind, mode
    or phrase.
    """
    if mode not in _MODES:
        raise ValueError(f"GUI phrase mode must be one of {', '.join(_MODES)}, not {mode!r}")
    langs = None if languages is None else tuple(sorted({*ALWAYS, *languages}))
    return _compiled(_freeze(extra_phrases), mode, langs)


def _freeze(extra: PhraseInput | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not extra:
        return ()
    if not isinstance(extra, Mapping):
        raise ValueError("GUI phrases must be a mapping of kind to language to phrases")
    frozen: list[tuple[str, tuple[str, ...]]] = []
    for kind, per_lang in extra.items():
        if kind not in GUI_KINDS:
            raise ValueError(f"unknown GUI kind {kind!r}; known kinds: {', '.join(GUI_KINDS)}")
        if not isinstance(per_lang, Mapping):
            raise ValueError(f"GUI phrases of {kind!r} must map a language to a list of phrases")
        phrases: list[str] = []
        for lang, items in per_lang.items():
            if isinstance(items, str) or not isinstance(items, Iterable):
                raise ValueError(f"GUI phrases of {kind!r} in {lang!r} must be a list")
            for item in items:
                if not isinstance(item, str) or not item.strip():
                    raise ValueError(f"GUI phrases of {kind!r} in {lang!r} must be non-empty text")
                phrases.append(item.strip())
        frozen.append((kind, tuple(phrases)))
    return tuple(sorted(frozen))


@functools.cache
def _data() -> dict[str, Any]:
    # On first use only, and parsed once per version (``backend.datacache``).
    from backend.datacache import load_yaml

    data = load_yaml(_DATA)
    if not isinstance(data, dict):
        raise RuntimeError(f"{_DATA.name} must be a mapping")
    for section in ("kinds", "phrases", "objects", "targets", "rewrite", "lead_ins",
                    "subordinators", "subordinator_endings", "connectors", "determiners",
                    "conjunctions", "purposes", "articles", "object_particles"):
        if not isinstance(data.get(section), dict):
            raise RuntimeError(f"{_DATA.name}: section {section!r} must be a mapping")
    if set(data["kinds"]) != set(GUI_KINDS):
        raise RuntimeError(f"{_DATA.name}: kinds must be exactly {', '.join(GUI_KINDS)}")
    for action in data["targets"]:
        if action not in ACTIONS:
            raise RuntimeError(f"{_DATA.name}: unknown target action {action!r}")
    return data


def _all_words(per_lang: object, where: str, langs: tuple[str, ...] | None = None
               ) -> list[str]:
    if not isinstance(per_lang, dict):
        raise RuntimeError(f"{_DATA.name}: {where} must map a language to a list")
    out: list[str] = []
    for lang, items in per_lang.items():
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise RuntimeError(f"{_DATA.name}: {where}.{lang} must be a list of text")
        if langs is None or lang in langs:
            out.extend(items)
    return out


@functools.lru_cache(maxsize=16)
def _compiled(extra: tuple[tuple[str, tuple[str, ...]], ...], mode: str,
              langs: tuple[str, ...] | None = None) -> GuiTable:
    # Compiling every language's phrases costs a few times more than one language's, and
    # hosts start a process per message: a table holds only the languages asked for.
    data = _data()

    def _words(per_lang: object, where: str) -> list[str]:
        return _all_words(per_lang, where, langs)

    extra_by_kind = dict(extra)
    rules: list[KindRule] = []
    for kind in GUI_KINDS:
        spec = data["kinds"][kind]
        action = spec.get("action")
        if action not in ACTIONS:
            raise RuntimeError(f"{_DATA.name}: kinds.{kind}.action {action!r} is unknown")
        builtin = _words(data["phrases"].get(kind, {}), f"phrases.{kind}")
        added = list(extra_by_kind.get(kind, ()))
        phrases = added if (mode == "replace" and kind in extra_by_kind) else builtin + added
        kind_objects = spec.get("objects")
        rules.append(KindRule(
            kind=kind,
            action=action,
            needs_object=bool(spec.get("needs_object")),
            target_actions=frozenset(spec.get("target_actions") or ()),
            phrases=_alternation(phrases),
            objects=_alternation(_words(kind_objects, f"kinds.{kind}.objects"))
            if kind_objects else None,
        ))
    target_actions: dict[str, str] = {}
    for action, per_lang in data["targets"].items():
        for name in _words(per_lang, f"targets.{action}"):
            target_actions.setdefault(target_key(name), action)
    rewrite = {kind: {str(k): str(v) for k, v in langs.items()}
               for kind, langs in data["rewrite"].items()}

    def required(words: list[str], where: str) -> re.Pattern[str]:
        pattern = _alternation(words)
        if pattern is None:
            raise RuntimeError(f"{_DATA.name}: {where} must not be empty")
        return pattern

    return GuiTable(
        rules=tuple(rules),
        objects=required(_words(data["objects"], "objects"), "objects"),
        targets=required(list(target_actions), "targets"),
        target_actions=target_actions,
        rewrite=rewrite,
        lead_in=required(_words(data["lead_ins"], "lead_ins"), "lead_ins"),
        subordinator=required(_words(data["subordinators"], "subordinators"), "subordinators"),
        subordinator_ending=required(_words(data["subordinator_endings"],
                                            "subordinator_endings"), "subordinator_endings"),
        connector=required(_words(data["connectors"], "connectors"), "connectors"),
        determiner_before=re.compile(
            "(?:" + required(_words(data["determiners"], "determiners"), "determiners").pattern
            + r")\s*$", re.IGNORECASE),
        conjunction=required(_words(data["conjunctions"], "conjunctions"), "conjunctions"),
        purpose=re.compile(r"\s(?:" + required(_words(data["purposes"], "purposes"),
                                              "purposes").pattern + r")\s+(.+)$", re.IGNORECASE),
        articles=re.compile(r"^(?:" + required(_words(data["articles"], "articles"),
                                               "articles").pattern + r")\s+", re.IGNORECASE),
        object_gap=re.compile(r"\s*(?:(?:" + (_alternation(
            _words(data["object_particles"], "object_particles")) or re.compile("(?!)")).pattern
            + r")\s*)?", re.IGNORECASE),
    )


def _fragment(phrase: str) -> str:
    """A phrase as a regex: words separated by any space, "..." as a few words in between.

    Markdown and quotes may sit between the words ("the **Export** button", "“导出”按钮").
    """
    cjk = bool(_CJK.search(phrase))
    gap = r".{0,8}?" if cjk else r"(?:\s+\S+){0,4}?\s+"
    parts = [p for p in _WILDCARD.split(phrase.strip()) if p]
    if cjk:
        # Korean is written with spaces ("내보내기 버튼"); Chinese and Japanese may add one.
        return gap.join(rf"{_MARK}\s*{_MARK}".join(_MARK.join(re.escape(ch) for ch in word)
                                                  for word in p.split())
                        for p in parts)
    space = f"{_MARK}\\s+{_MARK}"
    return gap.join(space.join(re.escape(w) for w in p.split()) for p in parts)


def _alternation(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for many phrases, longest first so the longest phrase wins at a position.

    Phrases are grouped by whether they start and end on a Latin letter: those need word
    edges ("drop" must not match "raindrops"), CJK ones do not. The edge checks are written
    once per group, which keeps compiling cheap.
    """
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not unique:
        return None
    groups: dict[tuple[bool, bool], list[str]] = {}
    for phrase in unique:
        edges = (not _CJK.match(phrase[0]), not _CJK.match(phrase[-1]))
        groups.setdefault(edges, []).append(_fragment(phrase))
    branches = []
    for (head, tail), fragments in groups.items():
        body = "|".join(fragments)
        branches.append((f"(?<![{_EDGE}])" if head else "") + f"(?:{body})"
                        + (f"(?![{_EDGE}])" if tail else ""))
    return re.compile("|".join(f"(?:{b})" for b in branches), re.IGNORECASE)


def target_key(name: str) -> str:
    """How a button name is looked up: lower case, no markup, single spaces."""
    return " ".join(re.sub(r"[^\w\s&-]", " ", name).lower().split())
