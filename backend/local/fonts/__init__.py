"""Fonts shipped with the local renderer: a subset of Noto Sans CJK SC (SIL OFL 1.1, see OFL.txt).

The subset lets Chinese and Latin titles render after a plain ``pip install '.[local]'``, with
no system fonts. It was cut from NotoSansCJKsc-Regular.otf version 1.004 (sha256 1652500938…
6512dd) with fontTools' subsetter, keeping all layout features and names, dropping hinting,
for these ranges: U+0020–007E, U+00A0–017F, U+2000–206F, U+20A0–20BF, U+2100–214F,
U+2190–21FF, U+2460–24FF, U+25A0–26FF, U+3000–30FF, U+31F0–31FF, U+4E00–9FFF (all CJK
Unified Ideographs), U+FE30–FE4F, U+FF00–FFEF. Korean Hangul syllables are not included.
"""
