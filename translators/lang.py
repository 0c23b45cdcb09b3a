"""Language tags for replies: normalise what callers pass ("zh-Hans", "pt_BR", None)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DEFAULT_LANGUAGE", "SUPPORTED_LANGUAGES", "guess_language", "normalize_language"]

DEFAULT_LANGUAGE: Final = "en"
#: Languages with a message catalog. English is complete and the fallback for every key.
SUPPORTED_LANGUAGES: Final = ("en", "zh", "es", "fr", "de", "pt", "ja", "ko")

_TAG_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


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
    """The catalog language of backend text with no known language (``en`` when unclear).

    Detection is the router's (``router.language``, the runtime's one detector); this maps
    its answer to a catalog language, so the hints added to a reply match the reply.
    """
    from router.language import detect_language

    return normalize_language(detect_language(text, DEFAULT_LANGUAGE))
