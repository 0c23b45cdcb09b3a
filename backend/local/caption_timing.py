"""How long a caption stays on screen: while its sentence is spoken plus a short hold, or,
without a voice, the time a viewer needs to read it; never the whole scene.

Reading speeds are the usual subtitling ones (characters per second for adults: Latin
scripts about 17, Chinese 9, Japanese 4, Korean 12), in ``rules.yaml``'s ``defaults``.
"""

from __future__ import annotations

import re
import unicodedata

from backend.local.lexicon import lexicon

__all__ = ["caption_span", "reading_ms", "voiced_ms"]

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def _setting(key: str) -> int:
    return int(lexicon().defaults[key])


def reading_ms(text: str) -> int:
    """The time a viewer needs to read ``text`` once, in ms (at least the shortest time a
    caption is shown): its characters, counted at its script's reading speed."""
    defaults = lexicon().defaults
    speeds = defaults["caption_reading_cps"]
    shown = [c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P")]
    if _KANA.search(text):
        cps = float(speeds["ja"])
    elif _HAN.search(text):
        cps = float(speeds["zh"])
    elif _HANGUL.search(text):
        cps = float(speeds["ko"])
    else:
        cps = float(speeds["latin"])
    return max(_setting("caption_min_ms"), round(len(shown) / cps * 1000))


def voiced_ms(speech_ms: int, text: str) -> int:
    """How long a spoken sentence's caption stays: while it is spoken, then a short hold,
    and at least as long as it takes to read."""
    return max(speech_ms + _setting("caption_hold_ms"), reading_ms(text))


def caption_span(text: str, scene_start: int, scene_ms: int) -> tuple[int, int]:
    """(start, length) in ms of an unspoken caption for a scene: shortly after the scene
    starts, for the time it takes to read plus the hold, ending before the scene does."""
    lead = min(_setting("caption_lead_ms"), scene_ms // 4)
    room = scene_ms - lead - min(_setting("caption_gap_ms"), scene_ms // 4)
    length = min(reading_ms(text) + _setting("caption_hold_ms"), max(1, room))
    return scene_start + lead, length
