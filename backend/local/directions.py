"""Camera directions in a script: "Wide shot: the city at night", "特写：一杯咖啡".

A direction says how a scene is shot, not what is said or shown as text: it is taken out of
the sentence before the sentence becomes a caption, a narration line, a title or a track
label, and kept as the scene's ``shot``. Words are each language's ``shots`` and
``shot_directions`` (``languages/<code>.yaml``); a script may mix languages ("close-up" in a
Spanish script), so every language's words count. A direction is recognised only where a
direction stands: at the start of the sentence before a colon, dash or comma ("Plano
general: …") or a joining word ("Close-up of a cup", "Gros plan d'une tasse"), in brackets
anywhere ("(wide shot)", "【特写】"), at the end after a comma or dash ("the city, wide shot"),
or, in Chinese, Japanese and Korean, at either end without a separator ("咖啡杯的特写",
"クローズアップ：花"). Elsewhere the word is the sentence's own ("a total eclipse", "Totale
Finsternis" has no colon).
"""

from __future__ import annotations

import functools
import re

from backend.local.lexicon import lexicon
from backend.local.scenes.describe import APOSTROPHES
from backend.words import has_cjk, word_alternatives

__all__ = ["split_direction"]

_SEP = r"[:：\-–—,，、.。;；|/]"
_OPEN, _CLOSE = r"[\[(（【〔「]", r"[\])）】〕」]"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    langs = lexicon().langs.values()
    words = sorted({w for lang in langs for w in (*lang.shots, *lang.shot_directions)})
    joiners = sorted({j for lang in langs for j in lang.shot_joiners if not has_cjk(j)})
    cjk_joiners = sorted({j for lang in langs for j in lang.shot_joiners if has_cjk(j)})
    shot = f"(?P<shot>{word_alternatives(words)})"
    cjk_shot = f"(?P<shot>{word_alternatives([w for w in words if has_cjk(w)])})"
    joiner = word_alternatives(joiners)
    # "d'une tasse": an elided joiner ends in an apostrophe and touches the next word.
    elided = "|".join(re.escape(j) for j in joiners if j.endswith("'"))
    glued = rf"|\s+(?:{elided})" if elided else ""
    after = rf"(?:\s*{_SEP}+\s*|\s+(?:{joiner})\s+{glued}|\s*$)"
    cjk_join = "|".join(re.escape(j) for j in cjk_joiners)
    return (
        re.compile(rf"^\s*{_OPEN}\s*{shot}\s*{_CLOSE}\s*{_SEP}*\s*", re.I),  # "(Wide shot) …"
        re.compile(rf"\s*{_OPEN}\s*{shot}\s*{_CLOSE}\s*", re.I),  # "… [close-up] …"
        re.compile(rf"^\s*{shot}{after}", re.I),  # "Wide shot: …", "Close-up of …"
        re.compile(rf"\s*{_SEP}\s*{shot}\s*[.。!！]*\s*$", re.I),  # "…, wide shot."
        re.compile(rf"^\s*{cjk_shot}\s*", re.I),  # "特写一杯咖啡"
        re.compile(rf"(?:{cjk_join})?\s*{cjk_shot}\s*[.。!！]*\s*$" if cjk_join
                   else rf"\s*{cjk_shot}\s*[.。!！]*\s*$", re.I),  # "咖啡杯的特写"
    )


def split_direction(sentence: str) -> tuple[str, str]:
    """``sentence`` without its camera directions, and the directions ("" when none), as
    written. A sentence that is only a direction ("Wide shot.") gives ("", the direction)."""
    text, found = sentence, []
    for pattern in _patterns():
        while True:
            m = pattern.search(text.translate(APOSTROPHES))  # "bird’s-eye view"
            if m is None or (m.end() - m.start() == 0):
                break
            found.append(m.group("shot"))
            keep_space = m.start() > 0 and m.end() < len(text)
            text = text[:m.start()] + (" " if keep_space else "") + text[m.end():]
    if not found:
        return sentence, ""
    text = text.strip(" \t:：-–—,，、")
    if text and sentence.lstrip()[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    if not re.search(r"\w", text):
        text = ""
    elif (end := re.search(r"[.。!！?？]$", sentence.rstrip())) and not re.search(
            r"[.。!！?？]$", text):
        text += end.group(0)  # "the city, wide shot." keeps its full stop
    return text, ", ".join(found)
