"""How the speech engine should read a text: Japanese kanji as kana.

eSpeak NG's Japanese voice reads kana only; a kanji comes out as a spelled character name
(measured: "山" takes 0.95 s, "やま" 0.36 s). pykakasi (pure Python, its dictionaries in the
wheel, ~10 MB) gives each word's kana reading; the words are spaced so that eSpeak reports
when each starts, and each reported word maps back to the characters it came from, so the
caption can still light the kanji being spoken. Its dictionaries load in about a second, once
per process, with the first Japanese sentence.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["Reading", "read_as"]

_LOCK = threading.Lock()
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Reading:
    """What the engine says (``said``) for a ``text``, and where each of its words came from:
    ``spans[i]`` is (start in ``said``, start in ``text``, length in ``text``)."""

    text: str
    said: str
    spans: tuple[tuple[int, int, int], ...] = ()

    def source(self, at: int, length: int) -> tuple[int, int]:
        """The (first character, length) in ``text`` of the word said at ``at`` (with
        ``length`` characters) in ``said``; the word itself when nothing was converted."""
        if not self.spans:
            return at, length
        found = (0, 0)
        for said_at, text_at, text_len in self.spans:
            if said_at > at:
                break
            found = (text_at, text_len)
        return found


def read_as(text: str, how: str | None) -> Reading:
    """``text`` as the engine should read it: ``how`` "kana" converts Japanese kanji; None
    leaves it. Raises ImportError when the converter is not installed."""
    if how != "kana" or not _KANJI.search(text):
        return Reading(text, text)  # (kana alone is read as it is, without the dictionaries)
    converter = _converter()
    with _LOCK:  # the converter keeps state between calls
        parts = converter.convert(text)
    said: list[str] = []
    spans: list[tuple[int, int, int]] = []
    cursor_said, cursor_text = 0, 0
    for part in parts:
        orig, kana = str(part.get("orig") or ""), str(part.get("hira") or "")
        at = text.find(orig, cursor_text) if orig else -1
        if at < 0:
            at = cursor_text
        if kana.strip():
            if said:
                said.append(" ")
                cursor_said += 1
            spans.append((cursor_said, at, len(orig)))
            said.append(kana)
            cursor_said += len(kana)
        cursor_text = at + len(orig)
    return Reading(text, "".join(said), tuple(spans))


@functools.cache
def _converter() -> Any:
    import pykakasi  # ~1 s of dictionary loading: only when a Japanese text is spoken

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]
