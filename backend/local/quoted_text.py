"""Quoted text is content: its numbers are no length, and "put « … » (big)" shows it.

Trial 12: "Mettez plutôt « Concert de Noël – samedi 20h » en grand" was answered "I can't make
a 20-hour video" and the title stayed. A number inside quotes is part of the text; a time of day
beside a date ("samedi 20h", "Saturday at 8h", "下午3点") is when something happens, not how
long the video lasts. A message that only puts a quoted text on screen (and maybe makes it big)
asks for that text as the title. The words are data (``quoted_text.yaml``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from backend.words import word_pattern

__all__ = ["inside", "is_time_of_day", "only_puts", "wants_big"]

#: How far before or after a number a date word makes it a time of day ("samedi 20h",
#: "20h samedi", "Saturday at 8h"): a few words.
_NEAR = 14


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


def is_time_of_day(text: str, start: int, end: int, codes: tuple[str, ...]) -> bool:
    """Whether the number at ``start``–``end`` of ``text`` (lower-cased) is a clock time: a
    date word stands right beside it ("samedi 20h", "下午3点", "20h le samedi")."""
    dates = _words("dates", codes)
    if not dates:
        return False
    pattern = word_pattern(dates)
    before = text[max(0, start - _NEAR):start].rstrip(" ,–-")
    after = text[end:end + _NEAR].lstrip(" ,–-")
    return (any(m.end() == len(before) for m in pattern.finditer(before))
            or pattern.match(after) is not None)


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
