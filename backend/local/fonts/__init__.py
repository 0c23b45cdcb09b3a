"""Fonts shipped with the local renderer: a subset of Noto Sans CJK SC (SIL OFL 1.1, see OFL.txt).

The subset keeps Latin, general punctuation and symbols, CJK symbols and punctuation, kana,
full-width forms and the whole CJK Unified Ideographs block (U+4E00–U+9FFF), so Chinese and
Latin titles render from a fresh ``pip install '.[local]'`` without system fonts. It was made
from the upstream NotoSansCJKsc-Regular.otf 1.004 with fontTools' subsetter (all layout
features and names kept, hinting dropped); Korean Hangul syllables are not included.
"""
