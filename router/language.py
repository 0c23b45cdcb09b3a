"""The language of a text (the one detector of the runtime: users' messages here, backend text
in ``translators``): script first, then frequent words and letters.

``detect_language`` gives base codes (``en``, ``zh``, ``ja``, ``ko``, ``es``, ``fr``, ``de``,
``pt``); ``detect_locale`` is the same but tells Simplified (``zh-Hans``) from Traditional
(``zh-Hant``) Chinese, or says ``zh`` when the characters fit both. Both answer ``"und"``
(or the ``default`` given) when the message holds no clue, e.g. "ok" or "👍", so a caller
can keep the session's language instead.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable, Mapping
from functools import cache
from itertools import repeat
from typing import Any, Final

from router.text import CharClass, LazyPattern

__all__ = ["HAN", "KANA", "LANGUAGES", "LOCALES", "UNDETERMINED", "base_language",
           "detect_language", "detect_locale"]

UNDETERMINED: Final = "und"
#: Base codes ``detect_language`` can answer.
LANGUAGES: Final = ("en", "zh", "ja", "ko", "es", "fr", "de", "pt")
#: Tags ``detect_locale`` can answer (``zh``: Chinese in characters both scripts share).
LOCALES: Final = ("en", "zh-Hans", "zh-Hant", "zh", "ja", "ko", "es", "fr", "de", "pt")
_LATIN: Final = ("en", "es", "fr", "de", "pt")

# The scripts, as CharClass (see there): a process that routes one message compiles none.
KANA: Final = CharClass([("\u3040", "\u30ff"), ("\u31f0", "\u31ff"), ("\uff66", "\uff9f")])
_HANGUL: Final = CharClass([("\uac00", "\ud7af"), ("\u1100", "\u11ff"), ("\u3130", "\u318f")])
HAN: Final = CharClass([("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"), ("\uf900", "\ufaff")])
_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# The same words in lowercased ASCII text, without the (slower) Unicode category test.
_ASCII_WORD: Final = re.compile(r"[a-z]+(?:'[a-z]+)?")
# A character after the Latin blocks (Latin-1, Extended-A and -B); without one, _latin_word()
# finds the same words as _WORD, and the text holds no kana, Hangul or Han. (A search in C:
# max(text) compares the characters one by one in Python objects, several times slower.)
_BEYOND_LATIN: Final = LazyPattern("[^\x00-\u024f]")
_CJK: Final = CharClass([("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"),
                         ("\uf900", "\ufaff"), ("\uac00", "\ud7af")])
_LETTER: Final = LazyPattern(r"[A-Za-z\u00c0-\u024f]")
_LATIN_DOMINATES: Final = 4
_URL: Final = LazyPattern(r"(?:https?://|www\.)\S+")
# Endings are read only on words longer than this ("king" is no gerund).
_ENDING_MIN: Final = 4
_VOTES_MAX: Final = 100_000
_UNSEEN: Final = -1  # what ``_latin`` reads for a word not in ``_Hints.votes`` (votes are >= 0)


def base_language(tag: str) -> str:
    """``"zh-Hant"`` → ``"zh"``, ``"pt-BR"`` → ``"pt"``; other tags unchanged."""
    return tag.split("-", 1)[0].lower() if tag else tag


def detect_language(text: str, default: str = UNDETERMINED, *, prior: str | None = None) -> str:
    """Return the base language code of ``text``, or ``default`` when there is no clue."""
    locale = detect_locale(text, default, prior=prior)
    return "zh" if locale in ("zh-Hans", "zh-Hant") else locale


def detect_locale(text: str, default: str = UNDETERMINED, *, prior: str | None = None) -> str:
    """Return one of ``LOCALES`` for ``text``, or ``default`` when there is no clue.

    ``prior`` is the language the user wrote in before (the session's), when the caller knows
    it: it decides between languages the text fits equally well ("no" is English, Spanish and
    Portuguese; "加字幕" both Chinese scripts), never against the text's own evidence.

    Latin letters outnumbering CJK characters more than four to one make it a Latin-script
    language (a quoted name is not the language of the text). Otherwise kana means Japanese
    and Hangul Korean; Han characters alone mean Chinese, Traditional when Traditional-only
    characters outnumber Simplified-only ones, Simplified when the reverse, plain ``zh`` on a
    tie ("加字幕" is both: the caller keeps the script the user wrote before), Japanese when a
    Japanese-only kanji or word appears. Latin-script messages are scored by frequent words,
    word endings and distinctive letters; a word that several languages share counts for each
    of them in proportion ("no" a third for each of English, Spanish and Portuguese), so one
    shared function word never outweighs a word of one language; a tie or no hit is no clue.
    Links are not words of any language and are left out.
    """
    hints = _hints()
    if "://" in text or "www." in text:
        text = _URL.p.sub(" ", text)
    if text.isascii():
        return _latin(text.lower(), hints, prior) or default
    # Which of the wide scripts the text holds (the first of kana, Hangul, Han found). Text of
    # the Latin blocks holds none, and is read without compiling their patterns: a class of
    # tens of thousands of characters costs milliseconds to compile, in every process whose
    # message needs it (one class of all three was searched first, 3.5 ms).
    kana = hangul = han = False
    if _BEYOND_LATIN.p.search(text) is not None:
        kana = KANA.search(text)
        hangul = not kana and _HANGUL.search(text)
        han = not (kana or hangul) and HAN.search(text)
    if not (kana or hangul or han):
        return _latin(text.casefold(), hints, prior) or default
    # A few CJK characters in a long Latin-script text are a quoted name ("I added the title
    # “夏の思い出”"); a few Latin words in CJK text are code-switching ("帮我 export 一下").
    if _LETTER.p.search(text):
        wide = _CJK.count(text)
        if wide and len(_LETTER.p.findall(text)) > _LATIN_DOMINATES * wide:
            latin = _latin(text.casefold(), hints, prior)
            if latin:
                return latin
    if kana:
        return "ja"
    if hangul:
        return "ko"
    if han:
        if hints.japanese.search(text) or any(map(text.__contains__, hints.japanese_words)):
            return "ja"
        hant = hints.traditional.count(text)
        hans = hints.simplified.count(text)
        if hant == hans:
            return prior if prior in ("zh-Hans", "zh-Hant") else "zh"
        return "zh-Hant" if hant > hans else "zh-Hans"
    return _latin(text.casefold(), hints, prior) or default


def _latin(text: str, hints: _Hints, prior: str | None = None) -> str:
    # The scores of all the languages are one integer (see ``_Hints``): the words' votes are
    # looked up and added in C, one addition a word, not a dictionary update per language.
    known = hints.votes
    if text.isascii():
        pattern = _ASCII_WORD
    elif _BEYOND_LATIN.p.search(text) is None:
        pattern = _latin_word()
    else:
        pattern = _WORD
    words = pattern.findall(text)
    found = list(map(known.get, words, repeat(_UNSEEN)))
    if _UNSEEN in found:  # words not seen before
        for k, word in enumerate(words):
            if found[k] == _UNSEEN:
                found[k] = votes = _votes(word, hints)
                if len(known) < _VOTES_MAX:
                    known[word] = votes
    total = sum(found)
    if not text.isascii():  # distinctive letters are never ASCII
        total += sum(map(hints.diacritic_votes.__getitem__, hints.diacritics.p.findall(text)))
    if not total:
        return ""
    scores = hints.unpack(total.to_bytes(hints.size, "little"))
    best = max(scores)
    if scores.count(best) == 1:
        # One language ahead (with one language named, the usual case, it wins alone).
        only = hints.languages[scores.index(best)]
        return only if only in _LATIN else ""
    # Exact sums: a tie is an equal score.
    winners = [lang for lang, score in zip(hints.languages, scores, strict=True)
               if score == best and lang in _LATIN]
    if len(winners) == 1:
        return winners[0]
    return prior if prior in winners else ""


@cache
def _latin_word() -> re.Pattern[str]:
    """_WORD for text of the Latin blocks alone: its letters listed as ranges (a table look-up
    per character) instead of a Unicode category test per character, which takes most of the
    time of reading a long message in Spanish, French, German or Portuguese. The ranges are
    the characters _WORD's class matches, so both find the same words in such text."""
    # One search over the blocks instead of a match per character: this runs in the process
    # of the first Spanish, French, German or Portuguese message with an accent.
    letters = re.findall(r"[^\W\d_]", "".join(map(chr, range(0x250))))
    ranges: list[list[int]] = []
    for code in map(ord, letters):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    cls = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                  for a, b in ranges)
    return re.compile(f"[{cls}]+(?:'[{cls}]+)?")


def _votes(word: str, hints: _Hints) -> int:
    """What one word says of its language, as packed scores (``_Hints``): its frequent-word
    shares, else the language of its ending (one vote), else nothing. A pure function of the
    word (see ``_Hints.votes``)."""
    shares = hints.words.get(word)
    if shares is not None:
        return shares
    if len(word) > _ENDING_MIN:
        for size in (4, 3):  # the lengths of the endings listed
            ending = hints.endings.get(word[-size:])
            if ending is not None:
                return ending
    return 0


class _Hints:
    """The detector's lists, made once (``_hints``); a plain class with slots, as ``_latin``
    reads several of its fields a message.

    The languages' scores are counted in ``unit``ths of a vote, so that every share (a vote,
    or two for a letter, split among the languages that share the word or letter) is a whole
    number and sums are exact; and all of them are kept in one integer, a language's score
    in 64 bits of it (``languages`` in order, the first the lowest): a word's votes are one
    such integer, and adding them adds every language's share at once. ``unpack`` turns the
    integer's ``size`` bytes back into the scores. No score reaches the next one's bits: a
    text has fewer than ``2 ** 64 / (2 * unit)`` words and letters."""

    __slots__ = ("diacritic_votes", "diacritics", "endings", "japanese", "japanese_words",
                 "languages", "simplified", "size", "traditional", "unpack", "votes", "words")

    def __init__(self, raw: Mapping[str, Any]) -> None:
        # Read like the scripts (CharClass): a message in English needs none of them, and
        # one in Chinese no compiled class of them.
        self.japanese = CharClass(chars=raw["japanese_only_kanji"])  # Japanese-only kanji;
        self.japanese_words = tuple(str(w) for w in raw["japanese_words"])  # words in kanji
        self.simplified = CharClass(chars=raw["simplified"].replace(" ", ""))
        self.traditional = CharClass(chars=raw["traditional"].replace(" ", ""))
        words: dict[str, list[str]] = {}
        listed_words = [*raw["words"].items(), *(raw.get("detection_words") or {}).items()]
        for lang, listed in listed_words:
            for word in listed:
                listed_for = words.setdefault(str(word).casefold(), [])
                if lang not in listed_for:
                    listed_for.append(lang)
        shared: dict[str, list[str]] = {}
        for lang, chars in raw["diacritics"].items():
            for ch in chars:
                shared.setdefault(ch, []).append(lang)
        endings: Mapping[str, list[str]] = raw.get("endings", {})
        named = {lang for langs in (*words.values(), *shared.values()) for lang in langs}
        self.languages: tuple[str, ...] = (
            *_LATIN, *sorted(named.union(endings).difference(_LATIN)))
        count = len(self.languages)
        self.size = 8 * count
        self.unpack: Callable[[bytes], tuple[int, ...]] = struct.Struct(f"<{count}Q").unpack
        unit = math.lcm(*range(1, count + 1))
        place = {lang: 64 * k for k, lang in enumerate(self.languages)}

        def packed(langs: tuple[str, ...], votes: int) -> int:
            return sum((votes * unit // len(langs)) << place[lang] for lang in langs)

        # A word's votes are one of a few dozen integers (one per set of languages that
        # share a word, one per language of an ending), made once: the memo of every word
        # seen (``votes``) then holds references to them.
        by_set: dict[tuple[str, ...], int] = {}
        for langs in map(tuple, words.values()):
            if langs not in by_set:
                by_set[langs] = packed(langs, 1)
        one = {lang: packed((lang,), 1) for lang in endings}
        self.words = {w: by_set[tuple(langs)] for w, langs in words.items()}
        self.endings = {str(e): one[lang] for lang, listed in endings.items()
                        for e in listed if len(str(e)) in (3, 4)}  # what _votes reads
        self.diacritics = LazyPattern(f"[{re.escape(''.join(shared))}]")
        self.diacritic_votes = {ch: packed(tuple(langs), 2) for ch, langs in shared.items()}
        #: word -> ``_votes`` of it, filled as words are seen: the same words recur in every
        #: message, and one lookup replaces up to three. Bounded (``_VOTES_MAX``), so a
        #: long-running host cannot grow it forever.
        self.votes: dict[str, int] = {}


@cache
def _hints() -> _Hints:
    # Built once, on first use, from the compiled tables (languages.yaml).
    from router.tables import builtin_tables

    return _Hints(builtin_tables().hints)
