"""Finding table phrases in a message: one precompiled trie regex, plus a typo fallback.

The regex is built from every normalised string of the tables as a trie, so one left-to-right
pass finds, at each position, the longest phrase there (longest match wins) and moves on
past it. Phrases edged by a Latin letter or digit must sit at a word edge on that side; this
replaces ``\\b``, which would also refuse CJK text where words are not separated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, TypeAlias

from rapidfuzz import fuzz, process

from router.tables import Entry, Tables

__all__ = ["Correction", "Hit", "Matcher"]

# Characters that make up a "word" for edge purposes (casefolded Latin and digits).
_WORDCHAR: Final = "0-9a-z\u00c0-\u024f"
_RIGHT_EDGE: Final = f"(?![{_WORDCHAR}])"
_IS_WORDCHAR: Final = re.compile(f"[{_WORDCHAR}]")
_TOKEN: Final = re.compile(r"[^\W\d_]+")
_LATIN_WORD: Final = re.compile(r"^[a-z\u00c0-\u024f]+$")
_END: Final = ""

# (start, end, entry) in the scanned text. Plain tuples: the scan is the hot path.
Hit = tuple[int, int, Entry]
_Trie: TypeAlias = dict[str, "_Trie"]


@dataclass(frozen=True, slots=True)
class Correction:
    """A token the typo fallback replaced: where (in the corrected text), what, how close."""

    start: int
    end: int
    typed: str
    word: str
    score: float


def _is_wide(ch: str) -> bool:
    # CJK punctuation, kana, Han and Hangul all sit above U+2E80.
    return ord(ch) >= 0x2E80


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first at each position, at word edges.

    The words are grouped by whether they start and end with a word character; each group is
    a trie (longer continuations tried before the shorter phrase) wrapped in one left and one
    right edge check. Keeping the edge classes out of the trie matters: repeated inside
    hundreds of branches they made compiling cost ~0.3 s per process, where the grouped form
    takes a fraction of that. When an edge check fails, backtracking into the trie tries the
    shorter phrases, as before.
    """
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in words:
        key = (bool(_IS_WORDCHAR.match(word[0])), bool(_IS_WORDCHAR.match(word[-1])))
        groups.setdefault(key, []).append(word)
    parts = []
    for (left, right), group in sorted(groups.items(), reverse=True):
        body = _trie(group)
        parts.append(("(?<![" + _WORDCHAR + "])" if left else "") + "(?:" + body + ")"
                     + (_RIGHT_EDGE if right else ""))
    return "|".join(parts) if parts else "(?!)"


def _trie(words: list[str]) -> str:
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}

    def emit(node: _Trie) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if _END in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        if alts[-1] == "":
            return "(?:" + "|".join(alts[:-1]) + ")?"
        return "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _start(hit: Hit) -> int:
    return hit[0]


class Matcher:
    """Scans normalised text for table strings; corrects typos of action words on demand."""

    def __init__(self, tables: Tables) -> None:
        self._entries: Mapping[str, Entry] = tables.entries
        self._settings = tables.settings
        self._exclude = tables.fuzzy_exclude
        # Two passes are cheaper than one: Latin-script text never pays for the hundreds of
        # CJK branches, and the CJK pass is skipped for ASCII-only messages.
        keys = list(tables.entries)
        self._narrow = re.compile(_trie_pattern([k for k in keys if not _is_wide(k[0])]))
        self._wide_keys = [k for k in keys if _is_wide(k[0])]
        self._wide_pattern: re.Pattern[str] | None = None
        # Typo targets: single Latin words of action phrases, bucketed by first letter. Typos
        # mostly swap, drop or double letters inside a word; inflections change the ending, so
        # a candidate must also end like the token (last letter among the other's last two):
        # "statsu" is a typo of "status", "exported" or "credit" are other words.
        buckets: dict[str, list[str]] = {}
        for key, entry in tables.entries.items():
            if entry.action is None or entry.action == "chat":
                continue
            for word in key.split():
                if len(word) >= self._settings.fuzzy_min_length and _LATIN_WORD.match(word):
                    bucket = buckets.setdefault(word[0], [])
                    if word not in bucket:
                        bucket.append(word)
        self._buckets = buckets

    @property
    def _wide(self) -> re.Pattern[str]:
        # Compiled on the first non-ASCII message only: a host process routing "export"
        # never pays for the CJK phrases.
        if self._wide_pattern is None:
            self._wide_pattern = re.compile(_trie_pattern(self._wide_keys))
        return self._wide_pattern

    def scan(self, text: str) -> list[Hit]:
        """Every table string in ``text``, left to right, longest at each position."""
        entries = self._entries
        hits = [(m.start(), m.end(), entries[m.group()]) for m in self._narrow.finditer(text)]
        if not text.isascii():
            wide = [(m.start(), m.end(), entries[m.group()]) for m in self._wide.finditer(text)]
            if wide:
                hits = sorted(hits + wide, key=_start) if hits else wide
        return hits

    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """Replace likely typos of action words in ``text``; return the text and what changed.

        Only unknown tokens of at least ``fuzzy_min_length`` letters are tried, against action
        words with the same first letter, a matching ending and a length within one, scored with
        ``rapidfuzz.fuzz.partial_ratio`` above ``fuzzy_cutoff``. Tokens and words are already
        normalised (NFKC + casefold), which is the processor for both sides.
        """
        settings = self._settings
        out: list[str] = []
        corrections: list[Correction] = []
        pos = 0
        shift = 0
        for m in _TOKEN.finditer(text):
            token = m.group()
            size = len(token)
            if size < settings.fuzzy_min_length or token in self._entries or token in \
                    self._exclude:
                continue
            bucket = self._buckets.get(token[0])
            if not bucket:
                continue
            choices = [w for w in bucket if abs(len(w) - size) <= 1
                       and token[-1] in w[-2:] and w[-1] in token[-2:]]
            if not choices:
                continue
            best = process.extractOne(token, choices, scorer=fuzz.partial_ratio,
                                      processor=None, score_cutoff=settings.fuzzy_cutoff)
            if best is None:
                continue
            word, score = best[0], float(best[1])
            out.append(text[pos:m.start()])
            out.append(word)
            start = m.start() + shift
            corrections.append(Correction(start, start + len(word), token, word, score / 100))
            shift += len(word) - size
            pos = m.end()
        if not corrections:
            return text, corrections
        out.append(text[pos:])
        return "".join(out), corrections
