"""Whole-word matching of phrase lists in any of the runtime's languages: one implementation
for the local backend's lexicon and the skill's phrase tables (``skill`` may import
``backend``; ``backend`` never imports ``skill``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["LATIN", "has_cjk", "word_alternatives", "word_pattern"]

#: Letters and digits of Latin-script words: none may touch a whole word's edge.
LATIN = "0-9A-Za-z_\u00c0-\u024f"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Chinese, Japanese or Korean characters (matched as substrings)."""
    return bool(_CJK.search(text))


def word_alternatives(words: Iterable[str]) -> str:
    """A regular expression (no flags) matching any of ``words``, longest first: CJK words as
    substrings (they are written without spaces), others as whole words (a word edge that is
    a letter or digit must not touch another Latin letter or digit; a CJK neighbour may:
    "bgmを" holds "bgm"). Spaces inside a phrase match any run of whitespace."""
    # Consecutive words with the same edges share one pair of edge checks: the same matches
    # in the same order of preference, while compiling each edge's character class once per
    # run instead of twice per word (with IGNORECASE that was most of a phrase table's cost).
    runs: list[tuple[str, str, list[str]]] = []
    for word in sorted(dict.fromkeys(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(piece) for piece in word.split())
        if not body:
            continue
        if has_cjk(word):
            head = tail = ""
        else:
            head = f"(?<![{LATIN}])" if re.match(r"\w", word) else ""
            tail = f"(?![{LATIN}])" if re.search(r"\w$", word) else ""
        if runs and runs[-1][:2] == (head, tail):
            runs[-1][2].append(body)
        else:
            runs.append((head, tail, [body]))
    parts = [f"{head}(?:{'|'.join(bodies)}){tail}" if head or tail else "|".join(bodies)
             for head, tail, bodies in runs]
    return "|".join(parts) or r"(?!)"


@functools.cache
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """``word_alternatives(words)`` compiled case-insensitively (cached per tuple)."""
    return re.compile(word_alternatives(words), re.I)
