"""Quoted text is content: its numbers are no length, and "put « … » (big)" shows it.

Trial 12: "Mettez plutôt « Concert de Noël – samedi 20h » en grand" was answered "I can't make
a 20-hour video" and the title stayed. A number inside quotes is part of the text; a time of day
beside a date ("samedi 20h", "Saturday at 8h", "下午3点") is when something happens, not how
long the video lasts. Only an hour (24 or less) beside a date word is one: "30 secondes à la
plage" keeps its length, and a linking word alone ("à", "at", "um") is no date. A message that
only puts a quoted text on screen (and maybe makes it big) asks for that text as the title.
The words are data (``quoted_text.yaml``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from backend.words import word_alternatives, word_pattern

__all__ = ["after_clock_word", "beside_date", "inside", "only_puts", "wants_big"]


@functools.cache
def _table() -> dict[str, Any]:
    from backend.datacache import load_yaml  # parsed once per version

    return dict(load_yaml(Path(__file__).with_name("quoted_text.yaml")))


def _words(key: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        out.extend(str(w).lower() for w in (_table().get(code) or {}).get(key, ()))
    return tuple(dict.fromkeys(out))


def inside(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether ``start``–``end`` lies within one of the quoted ``spans``."""
    return any(a <= start and end <= b for a, b, _ in spans)


#: How far before or after an hour a date word makes it a time of day ("samedi 20h",
#: "20h le samedi", "Saturday at 8h", "heute Abend um 20h"): a few words.
_NEAR = 24

#: What may stand between a date word and its hour: spaces and dashes, and (in ``_beside``)
#: the language's small linking words ("samedi à 20h", "Saturday at 8h").
_GAP = r"[\s,–-]*"


@functools.cache
def _beside(codes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A date word ending a text (with linking words after it) and one starting a text (after
    linking words); None for a language without date words."""
    dates = _words("dates", codes)
    if not dates:
        return None
    date = word_alternatives(dates)
    links = _words("links", codes)
    link = f"(?:(?:{word_alternatives(links)}){_GAP})*" if links else ""
    return (re.compile(f"(?:{date}){_GAP}{link}$", re.I),
            re.compile(f"{_GAP}{link}(?:{date})", re.I))


def beside_date(text: str, start: int, end: int, codes: tuple[str, ...]) -> bool:
    """Whether a date word stands right beside ``start``–``end`` of ``text`` (lower-cased),
    maybe with a linking word between ("samedi 20h", "Saturday at 20h", "20h le samedi").
    A linking word alone ("à la plage", "at the beach", "um den See") is no date: the caller
    also asks for an hour of the day (backend/local/intents.py ``_lengths``)."""
    patterns = _beside(codes)
    if patterns is None:
        return False
    ending, starting = patterns
    return (ending.search(text[max(0, start - _NEAR):start]) is not None
            or starting.match(text[end:end + _NEAR]) is not None)


@functools.cache
def _clock_before(codes: tuple[str, ...]) -> re.Pattern[str] | None:
    """A word that says when ("at", "à", "um", "a las") ending a text; None without any."""
    words = _words("clock", codes)
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{word_alternatives(words)})\s*$", re.I)


def says_how_long(text: str, end: int, codes: tuple[str, ...]) -> bool:
    """Whether a word that says a length ("long", "lang", "de durée") stands right after
    ``end`` of ``text``: the hour before it is the video's length, even after a clock word
    ("a video around 1h long about cats" was made 10 s long)."""
    words = _words("lasting", codes)
    return bool(words) and re.match(rf"\s*(?:{word_alternatives(words)})(?!\w)",
                                    text[end:end + _NEAR], re.I) is not None


def after_clock_word(text: str, start: int, codes: tuple[str, ...]) -> bool:
    """Whether a word that says when stands right before ``start`` of ``text`` ("at 8h",
    "à 20h", "um 20 Uhr", "until 22h", "at 20:00"): what follows is a time of day. Users
    reported "a video for my party at 8h" refused as an 8-hour video."""
    pattern = _clock_before(codes)
    return pattern is not None and pattern.search(text[max(0, start - _NEAR):start]) is not None


def only_puts(rest: str, codes: tuple[str, ...]) -> bool:
    """Whether ``rest`` (a message without its quoted text, lower-cased) only puts the text
    on screen: its verbs, small words and "big" ("Mettez plutôt … en grand")."""
    words = _words("put", codes) + _words("big", codes)
    if not words:
        return False
    left = word_pattern(words).sub(" ", rest)
    return not re.sub(r"[\W_]+", "", left)


def wants_big(rest: str, codes: tuple[str, ...]) -> bool:
    """Whether ``rest`` asks for the text big ("en grand", "in big letters", "大大的")."""
    words = _words("big", codes)
    return bool(words) and bool(word_pattern(words).search(rest))
