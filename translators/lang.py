"""Language tags for replies: normalise what callers pass ("zh-Hans", "pt_BR", None)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DEFAULT_LANGUAGE", "SUPPORTED_LANGUAGES", "guess_language", "normalize_language"]

DEFAULT_LANGUAGE: Final = "en"
#: Languages with a message catalog. English is complete and the fallback for every key.
SUPPORTED_LANGUAGES: Final = ("en", "zh", "es", "fr", "de", "pt", "ja", "ko")

_TAG_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def normalize_language(tag: str | None) -> str:
    """Map a language tag to a supported catalog language; anything unknown becomes English.

    Only the primary subtag counts, so ``zh-Hans``, ``zh-Hant``, ``zh-CN`` and ``zh_TW`` all
    give ``zh`` and ``pt-BR`` gives ``pt``. Never raises.
    """
    if not tag:
        return DEFAULT_LANGUAGE
    match = _TAG_RE.match(tag)
    if match is None:
        return DEFAULT_LANGUAGE
    primary = match.group(1).lower()
    if primary in ("zho", "chi", "cmn"):
        primary = "zh"
    return primary if primary in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def guess_language(text: str) -> str:
    """A cheap script-based guess (zh, ja, ko, else en) for backend text with no known language.

    The router owns real language detection of the user's message; this only decides which
    script dominates a reply we did not write, so hints added to it match it.
    """
    kana = len(_KANA_RE.findall(text))
    hangul = len(_HANGUL_RE.findall(text))
    han = len(_HAN_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if hangul and hangul >= kana and hangul * 2 >= latin:
        return "ko"
    if kana and kana * 2 >= latin:
        return "ja"
    if han and han * 3 >= latin:
        return "zh"
    return DEFAULT_LANGUAGE
