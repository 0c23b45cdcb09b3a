"""Batches: "make a separate video from each of these" makes one project per attached file;
a later message can name one of them ("the second one", "video 2", "clip.mp4").

The phrases are data (``batch.yaml``); this module only matches them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from backend.datacache import load_yaml

__all__ = ["pick", "wants_batch"]

_LATIN = "0-9A-Za-z_\u00c0-\u024f"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
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
    return re.compile("|".join(parts) or r"(?!)", re.I)


@functools.cache
def _tables() -> tuple[re.Pattern[str], tuple[tuple[int, re.Pattern[str]], ...]]:
    # Parsed once per version (backend.datacache): no YAML import on the per-message path.
    raw = load_yaml(Path(__file__).with_name("batch.yaml"))
    each = _pattern([str(w) for words in raw["each"].values() for w in words])
    ordinals = tuple((int(n), _pattern([str(w) for w in words]))
                     for n, words in raw["ordinals"].items())
    return each, ordinals


def wants_batch(text: str) -> bool:
    """Whether ``text`` asks for one video per attached file."""
    return bool(_tables()[0].search(text))


def pick(text: str, names: Sequence[str]) -> int | None:
    """The 0-based index of the batch item ``text`` names (by file name or ordinal), or None.
    An ordinal next to a number is a time ("the first 3 seconds"), not a choice."""
    lower = text.lower()
    for i, name in enumerate(names):
        if len(name) > 2 and re.search(rf"(?<![\w.]){re.escape(name.lower())}(?![\w.])", lower):
            return i
    for number, pattern in _tables()[1]:
        for m in pattern.finditer(lower):
            before, after = lower[max(0, m.start() - 8):m.start()], lower[m.end():m.end() + 8]
            if re.search(r"\d\s*$", before) or re.match(r"\s*\d", after):
                continue
            index = number - 1 if number > 0 else len(names) + number
            if 0 <= index < len(names):
                return index
    return None
