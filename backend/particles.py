"""Korean particles after words and numbers: which form of a pair ("으로/로", "을/를") fits.

A particle's form depends on how the word before it ends when read aloud, so a number is read
the way Korean reads it (9:16 → 십육 → "9:16으로"; 1920 → 천구백이십 → "1920으로"), an
abbreviation by its letters, a unit or a listed Latin word as Koreans say it (GiB → 기비바이트),
and any other Latin word takes the neutral written form ("이(가)"), since English spelling
does not tell how it ends when read. The readings are data (``particles.yaml``);
the rule is here. Used by the local agent's replies and the runtime's message catalog.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from backend.datacache import load_yaml

__all__ = ["josa", "last_syllable"]

_HANGUL_FIRST, _HANGUL_COUNT, _FINALS = 0xAC00, 11172, 28
_RIEUL = 8  # the index of final ㄹ among the 28 finals
#: What never changes the reading: closing quotes and brackets, spaces.
_TRAILING = " \t”\"'’」』》»"
_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]$")
_NUMBER = re.compile(r"(\d+)(?:[.,](\d+))?$")
_WORD = re.compile(r"(\.?)([A-Za-z][A-Za-z-]*)$")


@dataclass(frozen=True)
class _Readings:
    digits: dict[str, str]
    places: tuple[tuple[int, str], ...]
    symbols: dict[str, str]
    letters: dict[str, str]
    words: dict[str, str]
    neutral: dict[str, str]
    after_rieul: frozenset[str]


@functools.cache
def _readings() -> _Readings:
    data = load_yaml(Path(__file__).with_name("particles.yaml"))
    digits = {str(k): str(v) for k, v in data["digits"].items()}
    if set(digits) != set("0123456789"):
        raise ValueError("particles.yaml: digits must name 0 to 9")
    return _Readings(
        digits=digits,
        places=tuple(sorted((int(k), str(v)) for k, v in data["places"].items())),
        symbols={str(k): str(v) for k, v in data["symbols"].items()},
        letters={str(k).upper(): str(v) for k, v in data["letters"].items()},
        words={str(k).lower(): str(v) for k, v in data["words"].items()},
        neutral={str(k): str(v) for k, v in data["neutral"].items()},
        after_rieul=frozenset(str(f) for f in data["after_rieul"]),
    )


def last_syllable(value: object) -> str:
    """The last syllable of ``value`` as read aloud in Korean ("" when nothing is read, or when
    it is a Latin word whose reading is not known): a Hangul syllable as written; a number, a
    symbol, an abbreviation or a listed Latin word as Korean reads it. A bracketed aside at the
    end does not count ("9:16(1080×1920)" ends with 16)."""
    return _last_syllable(value) or ""


def _last_syllable(value: object) -> str | None:
    """As :func:`last_syllable`, but None for a Latin word that cannot be read reliably."""
    text = str(value).rstrip(_TRAILING)
    text = _PAREN.sub("", text).rstrip(_TRAILING) or text
    if not text:
        return ""
    last = text[-1]
    if 0 <= ord(last) - _HANGUL_FIRST < _HANGUL_COUNT:
        return last
    readings = _readings()
    number = _NUMBER.search(text)
    if number is not None:
        whole, decimals = number.groups()
        if decimals:  # after the point, digits are read one by one (12.5 → 십이 점 오)
            return readings.digits[decimals[-1]]
        zeros = len(whole) - len(whole.rstrip("0"))
        if zeros and zeros < len(whole):
            return [name for count, name in readings.places if count <= zeros][-1]
        return readings.digits[whole[-1]]
    if last in readings.symbols:
        return readings.symbols[last][-1]
    found = _WORD.search(text)
    if found is None:
        return ""
    dot, word = found.groups()
    known = readings.words.get(word.lower())
    if known is not None:
        return known[-1]
    if word.isupper() or len(word) == 1 or (dot and word.isalpha()):
        # An abbreviation or a file extension is read by its letters (HD → 에이치디).
        return readings.letters.get(word[-1].upper(), "")[-1:]
    return None


def josa(value: object, pair: str) -> str:
    """The form of the particle ``pair`` ("을/를", "이/가", "은/는", "과/와", "으로/로",
    "이에요/예요") that follows ``value``: the first after a closed syllable, the second
    after an open one (and "로" after a final ㄹ). After a Latin word whose reading is not
    known, the neutral written form that fits both ("이(가)", "(으)로")."""
    closed_form, open_form = pair.split("/", 1)
    syllable = _last_syllable(value)
    if syllable is None:
        return _readings().neutral.get(pair, f"{closed_form}({open_form})")
    if not syllable:
        return open_form
    final = (ord(syllable) - _HANGUL_FIRST) % _FINALS
    if final == 0 or (final == _RIEUL and open_form in _readings().after_rieul):
        return open_form
    return closed_form
