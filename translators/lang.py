"""Language tags for replies: normalise what callers pass ("zh-Hans", "pt_BR", None)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DEFAULT_LANGUAGE", "SUPPORTED_LANGUAGES", "TRADITIONAL_CHINESE", "guess_language",
           "normalize_language"]

DEFAULT_LANGUAGE: Final = "en"
#: Languages with a message catalog. English is complete and the fallback for every key;
#: ``zh`` is Simplified Chinese, ``zh-Hant`` Traditional Chinese as written in Taiwan.
SUPPORTED_LANGUAGES: Final = ("en", "zh", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko")
TRADITIONAL_CHINESE: Final = "zh-Hant"

_TAG_RE = re.compile(r"^\s*([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{1,8})*)\s*$")
# Regions that write Traditional characters when a tag names no script ("zh-TW").
_HANT_REGIONS: Final = frozenset({"tw", "hk", "mo"})


def normalize_language(tag: str | None) -> str:
    """Map a language tag to a supported catalog language; anything unknown becomes English.

    The primary subtag decides (``pt-BR`` gives ``pt``), except for Chinese: a ``Hant`` script
    or a Taiwan, Hong Kong or Macau region gives ``zh-Hant`` (``zh-Hant``, ``zh_TW``,
    ``zh-Hant-HK``), any other Chinese tag ``zh`` (``zh-Hans``, ``zh-CN``, ``zh-Hans-HK``).
    Never raises.
    """
    if not tag:
        return DEFAULT_LANGUAGE
    match = _TAG_RE.match(tag)
    if match is None:
        return DEFAULT_LANGUAGE
    primary = match.group(1).lower()
    if primary in ("zho", "chi", "cmn"):
        primary = "zh"
    if primary == "zh":
        subtags = [s.lower() for s in re.split(r"[-_]", match.group(2)) if s]
        if "hant" in subtags or ("hans" not in subtags and _HANT_REGIONS & set(subtags)):
            return TRADITIONAL_CHINESE
    return primary if primary in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def guess_language(text: str) -> str:
    """The catalog language of backend text with no known language (``en`` when unclear).

    Detection is the router's (``router.language``, the runtime's one detector); this maps
    its answer to a catalog language, so the hints added to a reply match the reply.
    """
    from router.language import detect_locale

    # The locale, not the base language: Traditional text gets the Traditional catalog.
    return normalize_language(detect_locale(text, DEFAULT_LANGUAGE))
