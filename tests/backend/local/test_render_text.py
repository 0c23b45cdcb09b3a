"""Text drawing for the renderer: wrapping, placement, sizes. Fonts: test_render_fonts.py."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import ImageFont

from backend.local.render_fonts import find_fonts, load_font
from backend.local.render_plan import TextItem, plan_draft
from backend.local.render_text import render_text_image, wrap_text


def item(text: str, **kw: object) -> TextItem:
    fields: dict[str, object] = {
        "start": 0.0, "end": 1.0, "text": text, "role": "title", "pos": "center",
        "size": 0.1, "color": (255, 255, 255),
    }  # fmt: skip
    fields.update(kw)
    return TextItem(**fields)  # type: ignore[arg-type]


FONTS = find_fonts()


def latin_font(size: int) -> ImageFont.FreeTypeFont:
    return load_font(FONTS.face_for("a"), size, "Bold")


def test_chinese_title_image_has_ink_and_differs_from_tofu() -> None:
    real = render_text_image(item("海边日落"), 1280, 720, FONTS).image
    assert real.size[0] > 100
    ink = np.asarray(real)[..., 3] > 128
    assert 0.05 < ink.mean() < 0.9


def test_wrap_keeps_latin_words_and_breaks_cjk_anywhere() -> None:
    font = latin_font(40)
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
    drawn = render_text_image(item(text, size=0.2), 640, 360, FONTS)
    assert drawn.image.width <= 640
    assert drawn.image.height <= 360


@pytest.mark.parametrize(
    ("pos", "low", "high"), [("top", 0, 0.3), ("center", 0.3, 0.7), ("bottom", 0.6, 1.0)]
)
def test_position_and_even_offsets(pos: str, low: float, high: float) -> None:
    drawn = render_text_image(item("Title", pos=pos), 1920, 1080, FONTS)
    middle = (drawn.y + drawn.image.height / 2) / 1080
    assert low <= middle <= high
    assert drawn.x % 2 == 0
    assert drawn.y % 2 == 0
    assert drawn.image.width % 2 == 0
    assert drawn.image.height % 2 == 0
    assert abs(drawn.x + drawn.image.width / 2 - 960) <= 2


def test_box_style_draws_a_backing_box() -> None:
    boxed = np.asarray(render_text_image(item("Hi", role="caption", box=True), 1280, 720,
                                         FONTS).image)
    plain = np.asarray(render_text_image(item("Hi", role="caption"), 1280, 720, FONTS).image)
    assert boxed[2, boxed.shape[1] // 2, 3] > 0  # top edge covered by the box
    assert plain[0, 0, 3] == 0


def test_captions_have_a_box_unless_the_draft_says_not() -> None:
    def text_of(meta: dict[str, object]) -> TextItem:
        draft = {"d": 1000, "t": [{"tt": 7, "sg": [{"s": 0, "d": 1000, "m": meta}]}]}
        return plan_draft(draft).texts[0]

    assert text_of({"text": "a", "role": "caption"}).box
    assert not text_of({"text": "a", "role": "caption", "box": False}).box
    assert not text_of({"text": "a", "role": "title"}).box
    assert text_of({"text": "a", "role": "title", "box": True}).box


def test_portrait_text_is_as_large_as_landscape_text_not_larger() -> None:
    landscape = render_text_image(item("标题"), 1920, 1080, FONTS).image
    portrait = render_text_image(item("标题"), 1080, 1920, FONTS).image
    assert portrait.size == landscape.size


def test_a_narrated_caption_is_a_strip_with_one_block_per_spoken_word() -> None:
    words = ((0.0, 0, 1), (0.3, 2, 6), (0.9, 9, 4))
    drawn = render_text_image(item("A sunset over", role="caption", pos="bottom", words=words),
                              1280, 720, FONTS)
    assert drawn.block_h > 0
    assert drawn.image.height == 4 * drawn.block_h
    assert drawn.word_starts == (0.0, 0.3, 0.9)
    blocks = [np.asarray(drawn.image.crop((0, k * drawn.block_h, drawn.image.width,
                                           (k + 1) * drawn.block_h))) for k in range(4)]
    # Block 0 has no highlight; block 2 lights "sunset", to the right of block 1's "A".
    def lit(block: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
        return np.argwhere((block[..., 0] > 200) & (block[..., 2] < 140) & (block[..., 3] > 200))

    assert len(lit(blocks[0])) == 0
    assert lit(blocks[2])[:, 1].mean() > lit(blocks[1])[:, 1].mean()
    assert lit(blocks[3])[:, 1].mean() > lit(blocks[2])[:, 1].mean()
