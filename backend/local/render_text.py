"""Text for the renderer: find a CJK-capable font and draw titles and captions to RGBA images.

Pillow draws each text segment once to a transparent PNG that ffmpeg overlays during the
segment's time, which is far cheaper than ffmpeg's drawtext re-rendering glyphs every frame.
The bundled font is a subset of Noto Sans CJK SC (see ``backend/local/fonts``), covering
Latin and Chinese/Japanese ideographs; system Noto CJK fonts are a fallback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from backend.local.render_errors import RenderError
from backend.local.render_plan import RGB, TextItem

__all__ = ["FONT_CANDIDATES", "TextImage", "find_font", "render_text_image", "wrap_text"]

_FONT_DIR = Path(__file__).resolve().parent / "fonts"
#: Where a CJK-capable font is looked for, in order: the bundled subset, then common system paths.
FONT_CANDIDATES: tuple[Path, ...] = (
    _FONT_DIR / "NotoSansCJKsc-Regular-subset.otf",
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/System/Library/Fonts/PingFang.ttc"),
    Path("C:/Windows/Fonts/msyh.ttc"),
)
# A run of Latin letters/digits (with inner apostrophes or hyphens) stays on one line.
_WORD = re.compile(r"[0-9A-Za-zÀ-ɏ'’\-]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class TextImage:
    """A drawn text block and where its top-left corner goes on the canvas (even pixels)."""

    image: Image.Image
    x: int
    y: int


def find_font(candidates: Sequence[Path] = FONT_CANDIDATES) -> Path:
    """The first existing font of ``candidates``.

    Raises :class:`RenderError` naming what to install when none exists.
    """
    for path in candidates:
        if path.is_file():
            return path
    raise RenderError(
        "No font that can draw Chinese and Latin text was found. Reinstall the skill with "
        "its 'local' extra (pip install 'nemovideo-skill[local]'), which ships one, or "
        "install a Noto Sans CJK font (e.g. the fonts-noto-cjk package)."
    )


@functools.lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(str(path), size)
    except OSError as exc:
        raise RenderError(f"The font {path.name} could not be loaded ({exc}).") from exc


def wrap_text(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``.

    Explicit newlines are kept; Latin words stay whole unless one alone is too wide; CJK text
    may break between any two characters.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _WORD.findall(paragraph):
            candidate = line + token
            if not line or font.getlength(candidate) <= max_width:
                line = candidate
                continue
            if token.isspace():
                lines.append(line.rstrip())
                line = ""
                continue
            lines.append(line.rstrip())
            line = token
            # A single token wider than the line is split by characters.
            while font.getlength(line) > max_width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and font.getlength(line[:cut]) > max_width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.strip())
    return [ln for ln in lines if ln] or [""]


def render_text_image(item: TextItem, width: int, height: int, font_path: Path) -> TextImage:
    """Draw ``item`` for a ``width``×``height`` canvas: outlined text, captions on a soft box.

    The font size is ``item.size`` times the canvas height, reduced until the wrapped block
    fits in 90 % of the width and half the height.
    """
    size = max(8, round(item.size * height))
    max_w = width * 0.88
    while True:
        font = _font(font_path, size)
        lines = wrap_text(item.text, font, max_w)
        line_h = round(size * 1.3)
        if line_h * len(lines) <= height * 0.5 or size <= 10:
            break
        size = max(10, round(size * 0.85))

    stroke = max(1, round(size * (0.06 if item.role == "title" else 0.045)))
    pad_x = round(size * 0.5) if item.role == "caption" else stroke * 2
    pad_y = round(size * 0.25) if item.role == "caption" else stroke * 2
    widths = [font.getlength(ln) for ln in lines]
    box_w = min(width, int(max(widths)) + 2 * pad_x + 2 * stroke)
    box_h = min(height, line_h * len(lines) + 2 * pad_y)
    image = Image.new("RGBA", (box_w + box_w % 2, box_h + box_h % 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if item.role == "caption":
        draw.rounded_rectangle(
            (0, 0, image.width - 1, image.height - 1),
            radius=round(size * 0.3),
            fill=(0, 0, 0, 120),
        )
    outline = _outline_for(item.color)
    for i, (line, line_w) in enumerate(zip(lines, widths, strict=True)):
        x = (image.width - line_w) / 2
        # Baseline placement: ideographs sit in [-0.12, 0.88] em and Latin descends to -0.25 em,
        # so a baseline 1.05 em into a 1.3 em line keeps both inside it.
        baseline = pad_y + i * line_h + size * 1.05
        draw.text(
            (x, baseline),
            line,
            font=font,
            fill=(*item.color, 255),
            anchor="ls",
            stroke_width=stroke,
            stroke_fill=(*outline, 220),
        )
    return TextImage(image, *_place(item, image.size, width, height))


def _outline_for(color: RGB) -> RGB:
    luma = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return (0, 0, 0) if luma > 110 else (255, 255, 255)


def _place(item: TextItem, size: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    w, h = size
    x = (width - w) // 2
    if item.pos == "top":
        y = round(height * 0.08)
    elif item.pos == "bottom":
        y = height - h - round(height * 0.08)
    else:
        y = (height - h) // 2
    x, y = max(0, x), max(0, y)
    return x - x % 2, y - y % 2
