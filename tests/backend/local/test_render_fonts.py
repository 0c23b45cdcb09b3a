"""Fonts for titles and captions: every script draws real glyphs (Korean included), emoji are
left out rather than drawn as boxes, and a missing font is a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import ImageFont

from backend.local.render_errors import RenderError
from backend.local.render_fonts import drawable, find_fonts, load_font, script_of
from backend.local.render_plan import TextItem
from backend.local.render_text import render_text_image

FONTS = find_fonts()
SAMPLES = {
    "hans": "你好世界视频日落",
    "hant": "繁體字這裡的夕陽",
    "ja": "こんにちは夕焼けカメラ",
    "ko": "안녕하세요노을바다",
}


def glyph(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    return bytes(font.getmask(char))


def title(text: str) -> TextItem:
    return TextItem(start=0, end=1, text=text, role="title", pos="center", size=0.1,
                    color=(255, 255, 255))


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_each_script_draws_distinct_glyphs_not_boxes(script: str) -> None:
    text = SAMPLES[script]
    assert script_of(text) == script
    font = load_font(FONTS.face_for(text), 48, "Bold")
    # U+10FFFD is a private-use code point no font maps: it draws the missing-glyph box.
    tofu = glyph(font, "\U0010fffd")
    shapes = [glyph(font, c) for c in text]
    assert all(s != tofu for s in shapes)
    assert len(set(shapes)) == len(set(text))
    assert all(glyph(font, c) != tofu for c in "Hello, 2026!")


def test_korean_title_renders_with_ink() -> None:
    image = render_text_image(title("서울의 밤"), 1280, 720, FONTS).image
    ink = np.asarray(image)[..., 3] > 128
    assert image.width > 150
    assert 0.05 < ink.mean() < 0.9


def test_latin_uses_a_bold_weight_for_titles() -> None:
    face = FONTS.face_for("Sunset")
    bold = np.asarray(load_font(face, 64, "Bold").getmask("Sunset"))
    light = np.asarray(load_font(face, 64, "Light").getmask("Sunset"))
    assert (bold > 128).sum() > 1.3 * (light > 128).sum()


def test_emoji_are_left_out_of_the_picture() -> None:
    font = load_font(FONTS.face_for("a"), 48, "Bold")
    assert drawable("Sunset 🌅 by the sea 👍🏽", font) == "Sunset by the sea"
    assert drawable("家庭 👨‍👩‍👧 旅行 ✈️", font) == "家庭 旅行"
    with_emoji = render_text_image(title("Hi 🌅🎉"), 1280, 720, FONTS).image
    without = render_text_image(title("Hi"), 1280, 720, FONTS).image
    assert with_emoji.tobytes() == without.tobytes()
    only = render_text_image(title("🎉🎉"), 1280, 720, FONTS).image
    assert np.asarray(only)[..., 3].max() == 0


def test_symbols_the_font_has_are_kept() -> None:
    font = load_font(FONTS.face_for("a"), 48, "Bold")
    assert drawable("★ 第1章 → 终点", font) == "★ 第1章 → 终点"


def test_system_font_is_the_fallback(tmp_path: Path) -> None:
    stand_in = FONTS.face_for("a").path  # any existing font file plays the system font
    fonts = find_fonts([(tmp_path / "absent.ttc", True), (stand_in, True)], use_package=False)
    assert {face.path for face in fonts.faces.values()} == {stand_in}
    assert not fonts.face_for("노을").variable


def test_no_font_at_all_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"local.*extra.*fonts-noto-cjk"):
        find_fonts([(tmp_path / "nope.otf", True)], use_package=False)
