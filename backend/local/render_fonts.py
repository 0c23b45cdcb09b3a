"""Fonts for titles and captions: one face per script, from a pip package, with fallbacks.

Choice, and why: the repository ships no font binary (hosts take text-only bundles), so the
``local`` extra installs ``justmytype-intl-cjk``: Google's Noto Sans SC, TC, JP and KR
(SIL OFL 1.1, licence files inside the package), each covering Latin as well, 30 MB as a
wheel. It was preferred to ``cvttf-notosanscjk-regular`` (27 MB, one 2019 Noto Sans CJK TC
file installed twice, no licence file): with one face per language, Simplified Chinese,
Traditional Chinese, Japanese and Korean each get their own glyph forms, and Korean
(missing from the former 9.4 MB subset in this repository) renders. The package's fonts are
variable; titles use the Bold instance and captions SemiBold.

Without the package, system Noto Sans CJK (or the platform's CJK font) is used; with none,
:class:`RenderError` says what to install.

Emoji and other characters a face cannot draw are left out of the picture (with the joiners
and selectors that belong to them) instead of rendering as boxes: no pip-installable colour
emoji font renders through Pillow at arbitrary sizes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from backend.local.render_errors import RenderError

__all__ = ["SYSTEM_FONTS", "Face", "Fonts", "drawable", "find_fonts", "load_font", "script_of"]

#: Fallbacks when the font package is absent: (path, covers Hangul).
SYSTEM_FONTS: tuple[tuple[Path, bool], ...] = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), True),
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), True),
    (Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"), True),
    (Path("/System/Library/Fonts/AppleSDGothicNeo.ttc"), True),
    (Path("/System/Library/Fonts/PingFang.ttc"), False),
    (Path("C:/Windows/Fonts/malgun.ttf"), True),
    (Path("C:/Windows/Fonts/msyh.ttc"), False),
)
_PACKAGE_FACES = {
    "hans": "notosanssc/NotoSansSC[wght].ttf",
    "hant": "notosanstc/NotoSansTC[wght].ttf",
    "ja": "notosansjp/NotoSansJP[wght].ttf",
    "ko": "notosanskr/NotoSansKR[wght].ttf",
}
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
# Characters only Traditional Chinese writes (common ones): one is enough to pick TC glyphs.
_TRADITIONAL = frozenset(
    "這們個來會說時為與過還後點從對開樣麼邊氣書無圖長門問間東車雲陽風飛見聽覺燈鳥魚龍歲體寫"
    "讀學國愛島灣樓橋雞營藍綠紅葉燒漁裡著夢歡電話氣廣場華語視頻畫")
# Parts of emoji sequences that draw nothing by themselves: joiner, variation selectors,
# skin tones, the keycap mark and tag characters.
_EMOJI_PARTS = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


@dataclass(frozen=True)
class Face:
    path: Path
    variable: bool  # a variable font: pick a weight instance by name


@dataclass(frozen=True)
class Fonts:
    """A face for each script key (hans, hant, ja, ko)."""

    faces: dict[str, Face]

    def face_for(self, text: str) -> Face:
        return self.faces[script_of(text)]


def script_of(text: str) -> str:
    """Which face draws ``text`` best: ko for Hangul, ja for kana, hant for Traditional
    Chinese, hans for everything else (Latin included: every face has it)."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if any(ch in _TRADITIONAL for ch in text):
        return "hant"
    return "hans"


def find_fonts(system: Sequence[tuple[Path, bool]] = SYSTEM_FONTS, *,
               use_package: bool = True) -> Fonts:
    """The package's faces, else the first existing system font for every script.

    Raises :class:`RenderError` naming what to install when there is none.
    """
    if use_package:
        packaged = _package_faces()
        if packaged is not None:
            return packaged
    found = [(path, hangul) for path, hangul in system if path.is_file()]
    if found:
        best = next((p for p, hangul in found if hangul), found[0][0])
        face = Face(best, variable=False)
        return Fonts({key: face for key in _PACKAGE_FACES})
    raise RenderError(
        "No font that can draw Chinese, Japanese, Korean and Latin text was found. Reinstall "
        "the skill with its 'local' extra (pip install 'nemovideo-skill[local]'), which "
        "installs Noto Sans SC/TC/JP/KR, or install a Noto Sans CJK font (e.g. the "
        "fonts-noto-cjk package)."
    )


def _package_faces() -> Fonts | None:
    try:
        from importlib.resources import files

        base = Path(str(files("justmytype_intl_cjk"))) / "fonts" / "ofl"
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    faces = {key: Face(base / rel, variable=True) for key, rel in _PACKAGE_FACES.items()}
    if not all(face.path.is_file() for face in faces.values()):
        return None
    return Fonts(faces)


@functools.lru_cache(maxsize=64)
def load_font(face: Face, size: int, weight: str) -> ImageFont.FreeTypeFont:
    """``face`` at ``size`` pixels, at the named ``weight`` instance for a variable font."""
    try:
        font = ImageFont.truetype(str(face.path), size)
        if face.variable:
            font.set_variation_by_name(weight)
    except (OSError, ValueError) as exc:
        raise RenderError(f"The font {face.path.name} could not be loaded ({exc}).") from exc
    return font


def drawable(text: str, font: ImageFont.FreeTypeFont) -> str:
    """``text`` without what ``font`` would draw as a box (emoji, unsupported scripts), with
    the spaces that leaves behind tidied."""
    text = _EMOJI_PARTS.sub("", text)
    kept = "".join(ch for ch in text if ch.isspace() or _has_glyph(font, ch))
    return "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in kept.split("\n")).strip()


def _has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    return _glyph_of(font, ch) != _missing_glyph(font)


@functools.lru_cache(maxsize=4096)
def _glyph_of(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    mask = font.getmask(ch)
    return f"{mask.size}".encode() + bytes(mask)


@functools.lru_cache(maxsize=64)
def _missing_glyph(font: ImageFont.FreeTypeFont) -> bytes:
    # A code point no font maps (the last one of a private-use plane) draws the face's
    # "missing" glyph: anything drawn the same way is missing too.
    return _glyph_of(font, "\U0010fffd")
