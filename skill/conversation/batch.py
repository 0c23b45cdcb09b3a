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
from backend.words import LATIN, word_alternatives

__all__ = ["Part", "each_instruction", "pick", "split_parts", "unused_text",
           "wants_batch"]

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
    #: The ordinal (1-based) the part was opened with when no attached file has it ("third:"
    #: with two files): such a part makes no video.
    missing: int | None = None


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
    separate_not: re.Pattern[str]
    separate_elsewhere: re.Pattern[str]
    intros: re.Pattern[str]
    shared: re.Pattern[str]
    leading_joiner: re.Pattern[str]


def _alternatives(words: Sequence[str]) -> str:
    return word_alternatives(w.lower() for w in words)


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
        separate_not=_pattern(_all(raw["separate_not"])),
        separate_elsewhere=_pattern(_all(raw["separate_elsewhere"])),
        intros=_pattern(_all(raw["intros"])),
        shared=_pattern(_all(raw["shared"])),
        leading_joiner=re.compile(r"\s*(?:" + _alternatives(_all(raw["part_joiners"])) + ")",
                                  re.I),
    )


#: Where one clause of a message ends: a clause may negate or postpone on its own, or name
#: every video ("…; also add a title to both"). A full stop inside a file name ("beach.jpg")
#: or a number does not end one.
_CLAUSE_END = re.compile(r"[,，;；。!！?？\n]|\.(?!\w)")


def _clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause (between commas, semicolons, full stops) holding ``text[start:end]``: the
    part before it and the whole clause."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = _CLAUSE_END.search(text, end)
    return text[left:start], text[left:right.start() if right else len(text)]


def wants_batch(text: str, files: int = 2) -> bool:
    """Whether ``text`` asks for one video per attached file; with one file (``files`` 1),
    whether it asks for a separate video from it ("now a separate video from this one",
    "用这个单独做一个视频"). A phrase in a clause that negates or postpones it ("no extra
    video", "I'll make a separate video later", "depois faço outro vídeo") or that is about a
    track ("on a separate video track") asks for nothing."""
    if files <= 0:  # most messages: no file, no need to build the phrase patterns
        return False
    tables = _tables()
    for m in (tables.each if files > 1 else tables.separate).finditer(text):
        before, clause = _clause_around(text, m.start(), m.end())
        if not (tables.separate_not.search(before)
                or tables.separate_elsewhere.search(clause)):
            return True
    return False


def _name_pattern(name: str) -> re.Pattern[str]:
    # A file name is a whole word in Latin text; Japanese or Chinese may touch it
    # ("clip.mp4には"), and a full stop after it ends the sentence.
    return re.compile(rf"(?<![{LATIN}.]){re.escape(name.lower())}(?![{LATIN}]|\.\w)")


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
    #: Opened by a colon or particle after it ("second: …"), not only by "for" before it.
    colon: bool


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
        found.append(_Anchor(start, colon.end() if colon else end, index, by_name,
                             colon is not None))

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
    """``body`` without separators, and joiners ("and", "然后") at either end."""
    tables = _tables()
    text = body.strip(_SEPARATORS + ":：")
    while True:
        lead = tables.leading_joiner.match(text)
        if lead is None or lead.end() == 0:
            break
        text = text[lead.end():].lstrip(_SEPARATORS)
    while True:
        joiner = tables.joiners.search(text)
        if joiner is None or (joiner.start() == 0 and joiner.end() == 0):
            return text
        trimmed = text[:joiner.start()].rstrip(_SEPARATORS)
        if trimmed == text:
            return text
        text = trimmed


def _split_shared(body: str) -> tuple[str, list[str]]:
    """``body`` without the clauses that name every video, and those clauses."""
    shared_words = _tables().shared
    own: list[str] = []
    shared: list[str] = []
    start = 0
    for m in [*_CLAUSE_END.finditer(body), None]:
        end = m.start() if m is not None else len(body)
        clause = body[start:end]
        (shared if shared_words.search(clause) else own).append(
            clause + (m.group(0) if m is not None else ""))
        start = m.end() if m is not None else len(body)
    return "".join(own), [c for c in (_clean(c) for c in shared) if c]


def _asks_something(body: str, names: Sequence[str]) -> bool:
    """Whether ``body`` says more than which files to use ("only clip.mp4")."""
    rest = body.lower()
    for name in names:
        if len(name) > 2:
            rest = _name_pattern(name).sub(" ", rest)
    rest = _tables().only.sub(" ", rest)
    return bool(re.search(r"\w", rest))


def _instruction_first(text: str, anchors: Sequence[_Anchor], names: Sequence[str]) -> bool:
    """Whether each part's instruction comes before its anchor ("calm music for the first
    video and upbeat music for the second video") rather than after it ("for the first video,
    calm music; …"): no anchor has a colon, something is asked before the first one, and the
    last one is followed by nothing, or by a full stop, semicolon or joiner ("…; also …")."""
    if any(a.colon for a in anchors):
        return False
    if not _asks_something(_clean(text[:anchors[0].start]), names):
        return False
    after = text[anchors[-1].end:].lstrip(" \t,，")
    return (not after or after[0] in ";；.。!！?？\r\n"
            or _tables().leading_joiner.match(after) is not None)


def split_parts(text: str, names: Sequence[str]) -> tuple[Part, ...]:
    """The per-file parts of ``text`` for attachments called ``names``, or () when the
    message does not give different instructions per file.

    A part is anchored at an ordinal or file name followed by a colon ("second: …",
    "clip.mp4: …") or preceded by "for" ("for beach.jpg …", "pour la deuxième vidéo").
    Its instruction runs from the anchor to the next one, or, when every instruction comes
    before its anchor ("calm music for the first video and upbeat music for the second"),
    from the previous anchor to this one. Its files are the attachments it names, else the
    one its ordinal points at; an ordinal with no such file ("third:" with two files) makes a
    part with no files and ``missing`` set. A part that only names its files ("only
    clip.mp4") has no text.

    Clauses naming every video ("…; also add a title to both") and, when instructions come
    first, the text after the last anchor are added to every part. Other text before the
    first anchor ("make separate videos:") is not a video's instruction and is left out.
    """
    if len(names) < 2:
        return ()
    anchors = _anchors(text, names)
    if len(anchors) < 2:
        return ()
    lower = text.lower()
    before = _instruction_first(text, anchors, names)
    spans: list[tuple[int, int]] = []
    shared: list[str] = []
    if before:
        for i, anchor in enumerate(anchors):
            spans.append((anchors[i - 1].end if i else 0, anchor.start))
        tail = _clean(text[anchors[-1].end:])
        if _asks_something(tail, names):
            shared.append(tail)
    else:
        for i, anchor in enumerate(anchors):
            spans.append((anchor.end, anchors[i + 1].start if i + 1 < len(anchors)
                          else len(text)))
        shared.extend(_split_shared(text[:anchors[0].start])[1])
    bodies: list[str] = []
    for start, end in spans:
        own, common = _split_shared(text[start:end])
        bodies.append(_clean(own))
        shared.extend(common)
    parts: list[Part] = []
    for anchor, (start, end), body in zip(anchors, spans, bodies, strict=True):
        # The files a part names are the ones mentioned in its instruction (and anchor).
        low, high = min(start, anchor.start), max(end, anchor.end)
        mentioned = sorted((m.start(), j) for j, name in enumerate(names) if len(name) > 2
                           for m in [_name_pattern(name).search(lower, low, high)]
                           if m is not None)
        files = [j for _, j in mentioned]
        in_range = 0 <= anchor.index < len(names)
        if anchor.by_name or (not files and in_range):
            files = [anchor.index, *[j for j in files if j != anchor.index]]
        own = body if _asks_something(body, names) else ""
        text_for = "; ".join(t for t in [own, *shared] if t)
        missing = anchor.index + 1 if not files and not in_range and anchor.index >= 0 else None
        parts.append(Part(text_for, tuple(files), missing))
    if len({p.files for p in parts}) < 2:
        return ()  # every part about the same files: one video's instructions, not a batch
    return tuple(parts)


def unused_text(text: str, names: Sequence[str]) -> str:
    """What ``text`` asks before its first part that reaches no video ("add calm music.
    first: …; second: …"), so the reply can say so; "" when there is none (no parts, only a
    batch request or an introduction such as "make two videos:", or a clause for every
    video, which every part gets)."""
    if not split_parts(text, names):
        return ""
    anchors = _anchors(text, names)
    if _instruction_first(text, anchors, names):
        return ""  # the text before the first anchor is that part's instruction
    tables = _tables()
    preamble = _clean(_split_shared(text[:anchors[0].start])[0])
    rest = tables.each.sub(" ", preamble.lower())
    rest = tables.intros.sub(" ", rest)
    return preamble if _asks_something(rest, names) else ""


def each_instruction(text: str) -> str:
    """What a "one video per file" message asks of each video, without the words asking for
    the batch: "make a separate video from each of these, add calm music" → "add calm
    music"; "" when it asks nothing more (the files are the videos as they are). Sent whole,
    the batch words read as a subject to generate ("une vidéo séparée de chacun").

    A clause holding the batch phrase is dropped when the rest of it only introduces ("make
    … from each of these"); otherwise only the phrase is."""
    tables = _tables()
    kept: list[str] = []
    start = 0
    for m in [*_CLAUSE_END.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        clause = text[start:end]
        if tables.each.search(clause):
            clause = tables.each.sub(" ", clause)
            if not _asks_something(tables.intros.sub(" ", clause.lower()), ()):
                clause = ""
        if clause.strip():
            kept.append(clause.strip() + (m.group(0) if m is not None else ""))
        start = m.end() if m is not None else len(text)
    return _clean(re.sub(r"\s+", " ", " ".join(kept)))
