"""Text for the renderer: draw titles and captions to RGBA images.

Pillow draws each text segment once to a transparent PNG that ffmpeg overlays during the
segment's time, which is far cheaper than ffmpeg's drawtext re-rendering glyphs every frame.
Fonts (a face per script, emoji left out rather than drawn as boxes): ``render_fonts``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from backend.local.render_fonts import Fonts, drawable, load_font
from backend.local.render_plan import RGB, TextItem

__all__ = ["TextImage", "render_text_image", "wrap_text"]

_FONT_LOCK = threading.Lock()
# A run of Latin letters/digits (with inner apostrophes or hyphens) stays on one line.
_WORD = re.compile(r"[0-9A-Za-zÀ-ɏ'’\-]+|\s+|.", re.DOTALL)


#: Colour of the word being spoken in a narrated caption.
HIGHLIGHT = (255, 214, 74)


@dataclass(frozen=True)
class TextImage:
    """A drawn text block and where its top-left corner goes on the canvas (even pixels).

    A narrated caption is a vertical strip of blocks ``block_h`` tall: block 0 plain, block
    k with word k highlighted from ``word_starts[k - 1]`` seconds after the caption starts.
    """

    image: Image.Image
    x: int
    y: int
    block_h: int = 0  # 0: the whole image is one block
    word_starts: tuple[float, ...] = ()


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


def render_text_image(item: TextItem, width: int, height: int, fonts: Fonts) -> TextImage:
    """Draw ``item`` for a ``width``×``height`` canvas: outlined text, captions on a soft box.

    The font size is ``item.size`` times the canvas height (the width, if that is shorter),
    reduced until the wrapped block
    fits in 90 % of the width and half the height. Safe to call from several threads.
    """
    # Cached font objects share one FreeType face, which is not safe to use concurrently.
    with _FONT_LOCK:
        return _render_text_image(item, width, height, fonts)


def _render_text_image(item: TextItem, width: int, height: int, fonts: Fonts) -> TextImage:
    # ``size`` is a fraction of the canvas height; on a portrait canvas the shorter side is
    # used instead, or 9:16 text would be 1.8 times larger than the same title at 16:9.
    size = max(8, round(item.size * min(width, height)))
    max_w = width * 0.88
    face = fonts.face_for(item.text)
    weight = "Bold" if item.role == "title" else "SemiBold"
    text = drawable(item.text, load_font(face, size, weight))
    if not text:  # nothing drawable (only emoji, say): an empty, transparent block
        return TextImage(Image.new("RGBA", (2, 2), (0, 0, 0, 0)), 0, 0)
    while True:
        font = load_font(face, size, weight)
        lines = wrap_text(text, font, max_w)
        line_h = round(size * 1.3)
        if line_h * len(lines) <= height * 0.5 or size <= 10:
            break
        size = max(10, round(size * 0.85))

    stroke = max(1, round(size * (0.06 if item.role == "title" else 0.045)))
    pad_x = round(size * 0.5) if item.box else stroke * 2
    pad_y = round(size * 0.25) if item.box else stroke * 2
    widths = [font.getlength(ln) for ln in lines]
    box_w = min(width, int(max(widths)) + 2 * pad_x + 2 * stroke)
    box_h = min(height, line_h * len(lines) + 2 * pad_y)
    block = (box_w + box_w % 2, box_h + box_h % 2)
    spans = _word_spans(item, lines)
    # One block without a highlight, then one per spoken word with that word highlighted,
    # stacked: the filter graph shows the right one at each moment (a crop, per frame).
    image = Image.new("RGBA", (block[0], block[1] * (1 + len(spans))), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    outline = _outline_for(item.color)
    lit = _highlight_for(item.color)
    for variant in range(1 + len(spans)):
        top = variant * block[1]
        if item.box:
            draw.rounded_rectangle((0, top, block[0] - 1, top + block[1] - 1),
                                   radius=round(size * 0.3), fill=(0, 0, 0, 120))
        for i, (line, line_w) in enumerate(zip(lines, widths, strict=True)):
            x = (block[0] - line_w) / 2
            # Baseline placement: ideographs sit in [-0.12, 0.88] em and Latin descends to
            # -0.25 em, so a baseline 1.05 em into a 1.3 em line keeps both inside it.
            baseline = top + pad_y + i * line_h + size * 1.05
            draw.text((x, baseline), line, font=font, fill=(*item.color, 255), anchor="ls",
                      stroke_width=stroke, stroke_fill=(*outline, 220))
            span = spans[variant - 1] if variant else None
            if span is not None and span[0] == i:
                _, a, b = span
                draw.text((x + font.getlength(line[:a]), baseline), line[a:b], font=font,
                          fill=(*lit, 255), anchor="ls", stroke_width=stroke,
                          stroke_fill=(0, 0, 0, 235))
    starts = tuple(start for start, _, _ in item.words[: len(spans)])
    return TextImage(image, *_place(item, block, width, height), block[1], starts)


def _word_spans(item: TextItem, lines: list[str]) -> list[tuple[int, int, int] | None]:
    """Where each spoken word is drawn: (line, first column, end column), found in order in
    the wrapped lines; None for a word not found there (it was left out, say)."""
    spans: list[tuple[int, int, int] | None] = []
    line_i, col = 0, 0
    for _, first, length in item.words:
        word = item.text[first : first + length].strip()
        found = None
        for j in range(line_i, len(lines)):
            at = lines[j].find(word, col if j == line_i else 0) if word else -1
            if at >= 0:
                found = (j, at, at + len(word))
                line_i, col = j, at + len(word)
                break
        spans.append(found)
    return spans


def _highlight_for(color: RGB) -> RGB:
    """The spoken word's colour: yellow, or white on captions the user made yellow-ish (a
    yellow word among yellow words would not be seen)."""
    distance = sum((a - b) ** 2 for a, b in zip(color, HIGHLIGHT, strict=True)) ** 0.5
    return HIGHLIGHT if distance > 120 else (255, 255, 255)


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
