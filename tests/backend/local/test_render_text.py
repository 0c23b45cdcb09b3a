"""Text drawing for the renderer: Chinese renders as glyphs, Latin too, wrapping, placement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import ImageFont

from backend.local.render_errors import RenderError
from backend.local.render_plan import TextItem
from backend.local.render_text import find_font, render_text_image, wrap_text


def item(text: str, **kw: object) -> TextItem:
    fields: dict[str, object] = {
        "start": 0.0, "end": 1.0, "text": text, "role": "title", "pos": "center",
        "size": 0.1, "color": (255, 255, 255),
    }  # fmt: skip
    fields.update(kw)
    return TextItem(**fields)  # type: ignore[arg-type]


def glyph(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    return bytes(font.getmask(char))


def test_bundled_font_draws_chinese_as_distinct_glyphs_not_boxes() -> None:
    font = ImageFont.truetype(str(find_font()), 48)
    # U+E000 is a private-use code point no font maps: it draws the missing-glyph box.
    tofu = glyph(font, "\ue000")
    chars = "你好世界视频日落繁體字"
    shapes = [glyph(font, c) for c in chars]
    assert all(s != tofu for s in shapes)
    assert len(set(shapes)) == len(chars)
    assert all(s != tofu for s in (glyph(font, c) for c in "Hello, 2025!"))


def test_chinese_title_image_has_ink_and_differs_from_tofu() -> None:
    font_path = find_font()
    real = render_text_image(item("海边日落"), 1280, 720, font_path).image
    boxes = render_text_image(item("\ue000" * 4), 1280, 720, font_path).image
    assert real.size[0] > 100
    ink = np.asarray(real)[..., 3] > 128
    assert 0.05 < ink.mean() < 0.9
    assert real.tobytes() != boxes.tobytes()


def test_missing_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"local.*extra.*fonts-noto-cjk"):
        find_font([tmp_path / "nope.otf"])


def test_wrap_keeps_latin_words_and_breaks_cjk_anywhere() -> None:
    font = ImageFont.truetype(str(find_font()), 40)
    lines = wrap_text("the quick brown fox jumps over the lazy dog", font, 300)
    assert len(lines) > 1
    assert " ".join(lines) == "the quick brown fox jumps over the lazy dog"
    assert all(font.getlength(ln) <= 300 for ln in lines)
    cjk = wrap_text("我们今天去海边看日落然后回家吃晚饭", font, 200)
    assert len(cjk) > 1
    assert "".join(cjk) == "我们今天去海边看日落然后回家吃晚饭"
    assert wrap_text("line one\nline two", font, 2000) == ["line one", "line two"]


def test_long_text_shrinks_to_fit_the_canvas() -> None:
    text = "字" * 400
    drawn = render_text_image(item(text, size=0.2), 640, 360, find_font())
    assert drawn.image.width <= 640
    assert drawn.image.height <= 360


@pytest.mark.parametrize(
    ("pos", "low", "high"), [("top", 0, 0.3), ("center", 0.3, 0.7), ("bottom", 0.6, 1.0)]
)
def test_position_and_even_offsets(pos: str, low: float, high: float) -> None:
    drawn = render_text_image(item("Title", pos=pos), 1920, 1080, find_font())
    middle = (drawn.y + drawn.image.height / 2) / 1080
    assert low <= middle <= high
    assert drawn.x % 2 == 0
    assert drawn.y % 2 == 0
    assert drawn.image.width % 2 == 0
    assert drawn.image.height % 2 == 0
    assert abs(drawn.x + drawn.image.width / 2 - 960) <= 2


def test_caption_has_a_backing_box_title_does_not() -> None:
    font_path = find_font()
    caption = np.asarray(render_text_image(item("Hi", role="caption"), 1280, 720, font_path).image)
    title = np.asarray(render_text_image(item("Hi", role="title"), 1280, 720, font_path).image)
    assert caption[2, caption.shape[1] // 2, 3] > 0  # top edge covered by the box
    assert title[0, 0, 3] == 0
