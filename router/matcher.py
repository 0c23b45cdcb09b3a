"""Finding table phrases in a message: a token-key lookup, plus a typo fallback.

The message is cut into tokens (``router.text.TOKEN``: Latin words, single CJK characters,
punctuation). At each token, a trie of the keys' tokens is walked as far as the message goes
along it, so one left-to-right pass finds the longest phrase at each position and moves on
past it, mostly with one dictionary lookup per token (``router.text.token_trie``). Latin
phrases match whole words only ("add" is not in "address"); CJK, kana and Hangul match
anywhere, as those scripts do not separate words.
Nothing is compiled: the tables are plain dicts, so a process that routes one message pays
only for loading them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from itertools import accumulate
from typing import Any, Final, NamedTuple, cast

from router.tables import Entry, Tables, typo_targets
from router.text import TOKEN_SPLIT, LazyPattern

__all__ = ["Correction", "Hit", "Matcher", "scan_entries"]

_WORD_TOKEN: Final = LazyPattern(r"[^\W\d_]+")
_LATIN_LETTER: Final = LazyPattern(r"[a-z\u00c0-\u024f]")  # of the words typos are read as

_NEAR_MAX: Final = 1024  # bound of Matcher._near: letters of action words × token lengths
_FIXES_MAX: Final = 100_000  # bound of Matcher._fixes, so that a long-running host stays small
_NO_FIX: Final = ("", 0.0)  # what ``Matcher._fix`` says of a token that is no typo

# (start, end, entry) in the scanned text. Plain tuples: the scan is the hot path.
Hit = tuple[int, int, Entry]


class Correction(NamedTuple):
    """A token the typo fallback replaced: where (in the corrected text), what, how close."""

    start: int
    end: int
    typed: str
    word: str
    score: float


def scan_entries(text: str, entries: Mapping[str, Entry], trie: Mapping[str, Any]
                 ) -> list[Hit]:
    """Every key of ``entries`` in ``text``, left to right, longest at each position."""
    # Every trie is a dict (``token_trie``) and so is every node's ``children``: named as
    # dicts, their lookups compile (``router.native``) to C calls of the dict's own, where a
    # Mapping's ``get`` or a bound ``get`` held in a local is a Python method call a token.
    # (Plain, ``top.get(token)`` and a held ``get(token)`` cost about the same.)
    top = cast("dict[str, Any]", trie)
    # The text cut at its tokens (``TOKEN_SPLIT``): one C call and no match object a token.
    # ``offsets`` (running lengths) are made at the first hit: token k starts at
    # ``offsets[2k]`` and ends at ``offsets[2k + 1]``. A text as long as it has tokens has
    # one character a token and nothing between two (Chinese or Japanese typed without a
    # space or a Latin word: a third of the texts scanned): token k starts at k, and no
    # running lengths are made (they cost more than the rest of the split).
    parts = TOKEN_SPLIT(text)
    tokens = parts[1::2]
    count = len(tokens)
    unit = len(text) == count
    hits: list[Hit] = []
    offsets: list[int] = []
    i = 0
    children: dict[str, Any] | None
    while i < count:
        node = top.get(tokens[i])
        if node is None:  # most tokens start no key
            i += 1
            continue
        # The longest key from token i (``_longest``, inlined: this runs for most tokens).
        key, children = node
        last = i
        j = i + 1
        while children is not None and j < count:
            child = children.get(tokens[j])
            if child is None:
                break
            at_j, children = child
            if at_j is not None:
                key, last = at_j, j
            j += 1
        if key is None:
            i += 1
            continue
        if unit:
            start, end = i, last + 1
        else:
            if not offsets:
                offsets = list(accumulate(map(len, parts)))
            start, end = offsets[2 * i], offsets[2 * last + 1]
        best = entries[key]
        if last > i and best.action is None and not best.cues:
            # Between two frame words, a longer one starting inside wins: in "el video
            # terminado", "video terminado" (the finished video) beats "el video".
            inner_node = top.get(tokens[i + 1])
            if inner_node is not None:
                inner_key, inner_last = _longest(tokens, i + 1, inner_node)
                if inner_key is not None and inner_last > last \
                        and entries[inner_key].action is None:
                    # Keep what this token is on its own ("preciso" + "do vídeo"); a request
                    # form whose own first word is an action phrase of another language
                    # stays the form ("balance" + "la vidéo finale" sends the video, it
                    # asks nothing about a balance).
                    single = node[0]
                    if single is not None:
                        hits.append((start, start + len(tokens[i]),
                                     _alone(entries[single], best)))
                    i += 1
                    continue
        hits.append((start, end, best))
        i = last + 1
    return hits


def _alone(single: Entry, longer: Entry) -> Entry:
    """What a token that starts the frame word ``longer`` is on its own (``single``), unless
    ``longer`` is a request form and ``single`` an action phrase of another language only."""
    if single.action is not None and longer.forms and not any(
            lang in longer.languages for lang in single.languages):
        return longer
    return single


def _longest(tokens: list[str], i: int, node: tuple[str | None, Mapping[str, Any] | None]
             ) -> tuple[str | None, int]:
    """The longest key starting at token ``i`` (whose trie node is ``node``) and the index of
    its last token."""
    key, children = node
    last = i
    for j in range(i + 1, len(tokens)):
        if children is None:
            break
        child = children.get(tokens[j])
        if child is None:
            break
        found, children = child
        if found is not None:
            key, last = found, j
    return key, last


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    """``rapidfuzz.process.extractOne`` and ``fuzz.partial_ratio``, imported on first use: only
    a message with an unknown word near an action word pays for the import, and later ones
    not for the import statement either."""
    from rapidfuzz import fuzz, process

    return process.extractOne, fuzz.partial_ratio


class Matcher:
    """Scans normalised text for table strings; corrects typos of action words on demand."""

    def __init__(self, tables: Tables) -> None:
        self._entries: Mapping[str, Entry] = tables.entries
        self._trie = tables.trie
        self._settings = tables.settings
        self._exclude = tables.fuzzy_exclude
        self._buckets: Mapping[str, list[str]] | None = None
        self._compiled_targets = tables.typo_targets
        self._all_targets: frozenset[str] | None = None
        # (first letter, length) -> the words of that letter's bucket within one letter of
        # that length, in bucket order: the part of the typo filter that depends only on
        # the token's first letter and length, remembered (there are few such pairs).
        self._near: dict[tuple[str, int], list[str]] = {}
        # token -> ``_fix`` of it: a pure function of the token, and the same words come back
        # in message after message (most are no typo, which costs the most to find out).
        self._fixes: dict[str, tuple[str, float]] = {}

    def scan(self, text: str) -> list[Hit]:
        """Every table string in ``text``, left to right, longest at each position."""
        return scan_entries(text, self._entries, self._trie)

    def _typo_targets(self) -> Mapping[str, list[str]]:
        # Compiled with the built-in tables; with a skill's phrases, worked out on the first
        # message that needs them (most never do).
        if self._buckets is None:
            self._buckets = self._compiled_targets or typo_targets(
                self._entries, self._settings.fuzzy_min_length)
        return self._buckets

    def _targets(self) -> frozenset[str]:
        """Every word of ``_typo_targets``, as a set."""
        if self._all_targets is None:
            self._all_targets = frozenset(w for bucket in self._typo_targets().values()
                                          for w in bucket)
        return self._all_targets

    def _joined(self, text: str) -> tuple[str, list[Correction]] | None:
        """An action word typed in two parts ("ex port it", "down load"): two neighbouring
        Latin tokens, a space or hyphen apart, that together are an action word of at least
        ``fuzzy_min_length`` letters. None when there is none (the usual case)."""
        previous = None
        targets: frozenset[str] | None = None
        for m in _WORD_TOKEN.p.finditer(text):
            if previous is not None and m.start() - previous.end() == 1 and \
                    text[previous.end()] in " -":
                word = previous.group() + m.group()
                if targets is None:
                    targets = self._targets()
                # The word's bucket is its first letter's: in a bucket is among all targets.
                if len(word) >= self._settings.fuzzy_min_length and word in targets \
                        and previous.group() not in self._entries \
                        and m.group() not in self._entries:
                    start = previous.start()
                    fixed = text[:start] + word + text[m.end():]
                    typed = text[start:m.end()]
                    # As close as a one-letter typo: the letters are all there.
                    return fixed, [Correction(start, start + len(word), typed, word,
                                              1 - 1 / len(word))]
            previous = m
        return None

    def _fix(self, token: str) -> tuple[str, float]:
        """The action word a token of at least ``fuzzy_min_length`` letters is a typo of, and
        how close (0–1); ``_NO_FIX`` when it is none (see ``correct``)."""
        if token in self._entries or token in self._exclude:
            return _NO_FIX
        bucket = self._typo_targets().get(token[0])
        if not bucket:
            return _NO_FIX
        size = len(token)
        near = self._near.get((token[0], size))
        if near is None:
            near = [w for w in bucket if abs(len(w) - size) <= 1]
            if len(self._near) < _NEAR_MAX:
                self._near[token[0], size] = near
        # A letter with a diacritic the keyword lacks makes another word ("salão" is not
        # "saldo"), not a typo.
        plain = token.isascii()
        choices = [w for w in near if token[-1] in w[-2:] and w[-1] in token[-2:]
                   and (plain or not w.isascii())]
        if not choices:
            return _NO_FIX
        extract_one, partial_ratio = _rapidfuzz()
        best = extract_one(token, choices, scorer=partial_ratio, processor=None,
                           score_cutoff=self._settings.fuzzy_cutoff)
        if best is None:
            return _NO_FIX
        return best[0], float(best[1]) / 100

    def _remembered(self, token: str) -> tuple[str, float]:
        """``_fix`` of ``token``, remembered in ``_fixes`` while it has room."""
        fix = self._fix(token)
        if len(self._fixes) < _FIXES_MAX:
            self._fixes[token] = fix
        return fix

    def correct(self, text: str) -> tuple[str, list[Correction]]:
        """Replace likely typos of action words in ``text``; return the text and what changed.

        Only unknown tokens of at least ``fuzzy_min_length`` letters are tried, against action
        words with the same first letter, a matching ending and a length within one, scored with
        ``rapidfuzz.fuzz.partial_ratio`` above ``fuzzy_cutoff``. Typos mostly swap, drop or
        double letters inside a word; inflections change the ending, so a candidate must also
        end like the token (last letter among the other's last two): "statsu" is a typo of
        "status", "exported" or "credit" are other words. Tokens and words are already
        normalised (NFKC + casefold), which is the processor for both sides.
        """
        if _LATIN_LETTER.p.search(text) is None:
            # The words corrected to are Latin (``typo_targets``), and a token is read only
            # against those of its first letter and with its last letter among their last two:
            # text without a Latin letter ("音乐小一点") has nothing to correct.
            return text, []
        # The words looked at as strings first (one C call, no match objects): most messages
        # hold no word typed in two parts and no typo, and then need no pass over the
        # matches below.
        words = _WORD_TOKEN.p.findall(text)
        if len(words) > 1 and not self._targets().isdisjoint(
                map(str.__add__, words, words[1:])):
            joined = self._joined(text)
            if joined is not None:
                return joined
        shortest = self._settings.fuzzy_min_length
        fixes = self._fixes
        for token in words:
            if len(token) >= shortest and (fixes.get(token) or self._remembered(token))[0]:
                break  # a typo: corrected below
        else:
            return text, []
        out: list[str] = []
        corrections: list[Correction] = []
        pos = 0
        shift = 0
        for m in _WORD_TOKEN.p.finditer(text):
            token = m.group()
            size = len(token)
            if size < shortest:
                continue
            word, score = fixes.get(token) or self._fix(token)  # (remembered above)
            if not word:
                continue
            out.append(text[pos:m.start()])
            out.append(word)
            start = m.start() + shift
            corrections.append(Correction(start, start + len(word), token, word, score))
            shift += len(word) - size
            pos = m.end()
        if not corrections:
            return text, corrections
        out.append(text[pos:])
        return "".join(out), corrections
