"""Batches: "make a separate video from each of these" makes one project per attached file;
one message can also give each file its own instructions ("first video: only clip.mp4, make
it black and white; second: beach.jpg with the title 'Summer'"); a later message can name one
of them ("the second one", "video 2", "clip.mp4").

The phrases are data (``batch.yaml``); this module only matches them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.datacache import load_yaml

__all__ = ["Part", "pick", "split_parts", "wants_batch"]

_LATIN = "0-9A-Za-z_\u00c0-\u024f"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: What may separate one part from the next ("…; second: …", "…。第二个：…").
_SEPARATORS = " \t\r\n;；,，、.。!！?？"
_LEAD_WINDOW = 40


@dataclass(frozen=True)
class Part:
    """One video's share of a message: the instruction and the attached files it uses."""

    #: What to ask for this video, without the words that picked it ("first video:").
    text: str
    #: Indexes into the attachments, in the order given.
    files: tuple[int, ...]


@dataclass(frozen=True)
class _Tables:
    each: re.Pattern[str]
    separate: re.Pattern[str]
    ordinals: tuple[tuple[int, re.Pattern[str]], ...]
    nouns: re.Pattern[str]
    colons: re.Pattern[str]
    lead_for: re.Pattern[str]
    lead_any: re.Pattern[str]
    joiners: re.Pattern[str]
    timeline_items: re.Pattern[str]
    only: re.Pattern[str]


def _alternatives(words: Sequence[str]) -> str:
    parts = []
    for word in sorted({w.lower() for w in words}, key=len, reverse=True):
        body = r"\s+".join(re.escape(p) for p in word.split())
        if _CJK.search(word):
            parts.append(body)
        else:
            # Whole words: no Latin letter or digit may touch them (a CJK neighbour may).
            head = f"(?<![{_LATIN}])" if re.match(r"\w", word) else ""
            tail = f"(?![{_LATIN}])" if re.search(r"\w$", word) else ""
            parts.append(head + body + tail)
    return "|".join(parts) or r"(?!)"


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(_alternatives(words), re.I)


def _all(section: Any) -> list[str]:
    if isinstance(section, dict):
        return [str(w) for words in section.values() for w in (words or [])]
    return [str(w) for w in section or []]


@functools.cache
def _tables() -> _Tables:
    # Parsed once per version (backend.datacache): no YAML import on the per-message path.
    raw = load_yaml(Path(__file__).with_name("batch.yaml"))
    ordinals = tuple((int(n), _pattern([str(w) for w in words]))
                     for n, words in raw["ordinals"].items())
    lead_for = _alternatives(_all(raw["part_for"]))
    lead_any = _alternatives(_all(raw["part_for"]) + _all(raw["part_articles"]))
    return _Tables(
        each=_pattern(_all(raw["each"]) + _all(raw["separate"])),
        separate=_pattern(_all(raw["separate"])),
        ordinals=ordinals,
        # Right after the ordinal or file name: "first video", "1つ目の動画".
        nouns=re.compile(r"\s*(?:" + _alternatives(_all(raw["part_nouns"])) + ")", re.I),
        colons=re.compile(r"\s*(?:" + "|".join(re.escape(c) for c in _all(raw["part_colons"]))
                          + ")", re.I),
        # Right before it, as far back as they go: "and for the", "对于".
        lead_for=re.compile(lead_for, re.I),
        lead_any=re.compile(r"(?:(?:" + lead_any + r")\s*)+$", re.I),
        joiners=re.compile(r"(?:^|(?<=\s)|(?<=[^\x00-\u024f]))(?:"
                           + _alternatives(_all(raw["part_joiners"])) + r")\s*$", re.I),
        timeline_items=re.compile(r"\s*(?:" + _alternatives(_all(raw["timeline_items"])) + ")",
                                  re.I),
        only=_pattern(_all(raw["part_only"])),
    )


def wants_batch(text: str, files: int = 2) -> bool:
    """Whether ``text`` asks for one video per attached file; with one file (``files`` 1),
    whether it asks for a separate video from it ("now a separate video from this one")."""
    if files <= 0:  # most messages: no file, no need to build the phrase patterns
        return False
    tables = _tables()
    return bool((tables.each if files > 1 else tables.separate).search(text))


def _name_pattern(name: str) -> re.Pattern[str]:
    # A file name is a whole word in Latin text; Japanese or Chinese may touch it
    # ("clip.mp4には"), and a full stop after it ends the sentence.
    return re.compile(rf"(?<![{_LATIN}.]){re.escape(name.lower())}(?![{_LATIN}]|\.\w)")


def _is_time(lower: str, start: int, end: int) -> bool:
    # An ordinal next to a number is a time ("the first 3 seconds"), not a choice.
    before, after = lower[max(0, start - 8):start], lower[end:end + 8]
    return bool(re.search(r"\d\s*$", before) or re.match(r"\s*\d", after))


def pick(text: str, names: Sequence[str]) -> int | None:
    """The 0-based index of the batch item ``text`` names (by file name or ordinal), or None.
    An ordinal next to a number is a time ("the first 3 seconds"), not a choice; one before
    a timeline word ("the second clip", "第二段字幕") is about the current video's timeline."""
    lower = text.lower()
    for i, name in enumerate(names):
        if len(name) > 2 and _name_pattern(name).search(lower):
            return i
    tables = _tables()
    for number, pattern in tables.ordinals:
        for m in pattern.finditer(lower):
            if _is_time(lower, m.start(), m.end()) or _names_timeline_item(lower, m.end()):
                continue
            index = number - 1 if number > 0 else len(names) + number
            if 0 <= index < len(names):
                return index
    return None


def _names_timeline_item(lower: str, end: int) -> bool:
    return _tables().timeline_items.match(lower, end) is not None


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    #: The attachment it names: by file name, or by ordinal (0-based; may be out of range).
    index: int
    by_name: bool


def _anchors(text: str, names: Sequence[str]) -> list[_Anchor]:
    tables = _tables()
    lower = text.lower()
    found: list[_Anchor] = []

    def opening(start: int, end: int, index: int, by_name: bool) -> None:
        # After the name: an optional noun ("video", "の動画"), then a colon or particle.
        noun = None if by_name else tables.nouns.match(lower, end)
        if noun is not None:
            end = noun.end()
        colon = tables.colons.match(lower, end)
        # Before it: lead words ("and for the", "对于"); a "for" among them, or a colon after,
        # makes it an opening.
        # Lead words are short: only the text just before is searched.
        window = max(0, start - _LEAD_WINDOW)
        lead = tables.lead_any.search(lower[window:start].rstrip())
        licensed = colon is not None or (
            lead is not None and tables.lead_for.search(lead.group(0)) is not None)
        if not licensed:
            return
        if lead is not None:
            start = window + lead.start()
        found.append(_Anchor(start, colon.end() if colon else end, index, by_name))

    for i, name in enumerate(names):
        if len(name) > 2:
            for m in _name_pattern(name).finditer(lower):
                opening(m.start(), m.end(), i, True)
    for number, pattern in tables.ordinals:
        for m in pattern.finditer(lower):
            if not _is_time(lower, m.start(), m.end()):
                index = number - 1 if number > 0 else len(names) + number
                opening(m.start(), m.end(), index, False)
    # Earliest first; of two that overlap ("the first" and "first"), the one starting first.
    found.sort(key=lambda a: (a.start, -a.end))
    kept: list[_Anchor] = []
    for anchor in found:
        if kept and anchor.start < kept[-1].end:
            continue
        kept.append(anchor)
    return kept


def _clean(body: str) -> str:
    text = body.strip(_SEPARATORS + ":：")
    while True:
        joiner = _tables().joiners.search(text)
        if joiner is None or (joiner.start() == 0 and joiner.end() == 0):
            return text
        trimmed = text[:joiner.start()].rstrip(_SEPARATORS)
        if trimmed == text:
            return text
        text = trimmed


def _asks_something(body: str, names: Sequence[str]) -> bool:
    """Whether ``body`` says more than which files to use ("only clip.mp4")."""
    rest = body.lower()
    for name in names:
        if len(name) > 2:
            rest = _name_pattern(name).sub(" ", rest)
    rest = _tables().only.sub(" ", rest)
    return bool(re.search(r"\w", rest))


def split_parts(text: str, names: Sequence[str]) -> tuple[Part, ...]:
    """The per-file parts of ``text`` for attachments called ``names``, or () when the
    message does not give different instructions per file.

    A part opens at an ordinal or file name followed by a colon ("second: …", "clip.mp4: …")
    or preceded by "for" ("for beach.jpg …"); it runs to the next opening. Its files are the
    attachments it names, else the one its ordinal points at; a part that only names its files
    ("only clip.mp4") has no text. Text before the first part is not a video's instruction and
    is left out.
    """
    if len(names) < 2:
        return ()
    anchors = _anchors(text, names)
    if len(anchors) < 2:
        return ()
    parts: list[Part] = []
    lower = text.lower()
    for i, anchor in enumerate(anchors):
        end = anchors[i + 1].start if i + 1 < len(anchors) else len(text)
        body = _clean(text[anchor.end:end])
        mentioned = sorted((m.start(), j) for j, name in enumerate(names) if len(name) > 2
                           for m in [_name_pattern(name).search(lower, anchor.end, end)]
                           if m is not None)
        files = [j for _, j in mentioned]
        if anchor.by_name or (not files and 0 <= anchor.index < len(names)):
            files = [anchor.index, *[j for j in files if j != anchor.index]]
        parts.append(Part(body if _asks_something(body, names) else "", tuple(files)))
    if len({p.files for p in parts}) < 2:
        return ()  # every part about the same files: one video's instructions, not a batch
    return tuple(parts)
