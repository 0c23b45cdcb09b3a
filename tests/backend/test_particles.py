"""Korean particles after names and numbers: the form is chosen by how the end is read."""

from __future__ import annotations

import pytest

from backend.particles import josa, last_syllable


@pytest.mark.parametrize(("value", "pair", "form"), [
    ("9:16", "으로/로", "으로"),  # 십육: closed
    ("16:9", "으로/로", "로"),  # 구: open
    ("1:1", "으로/로", "로"),  # 일: ㄹ takes 로
    ("1920", "으로/로", "으로"),  # 천구백이십
    ("1080", "이에요/예요", "이에요"),  # 천팔십
    ("120000", "을/를", "을"),  # 십이만
    ("12.5", "이/가", "가"),  # 십이 점 오
    ("35%", "으로/로", "로"),  # 퍼센트
    ("9:16(1080×1920)", "으로/로", "으로"),  # the aside does not count
    ("고양이", "을/를", "를"),
    ("바다 풍경", "으로/로", "으로"),
    ("서울", "으로/로", "로"),
    ("서울", "을/를", "을"),
    ("“고양이”", "은/는", "는"),
    ("BGM", "이/가", "이"),  # 비지엠
    ("HD", "이/가", "가"),  # 에이치디
    ("song.mp3", "은/는", "은"),  # 엠피삼
    ("clip.mp4", "은/는", "는"),  # 엠피사
    ("Lo-fi", "으로/로", "로"),
    ("Epic", "으로/로", "으로"),
    ("Hotel", "으로/로", "로"),
    # Units as Koreans say them (review 2: "1.5 GiB이", "200 MiB이에요").
    ("1.5 GiB", "이/가", "가"),  # 기비바이트
    ("200 MiB", "이에요/예요", "예요"),  # 메비바이트
    ("64 KiB", "은/는", "는"),  # 키비바이트
    ("300 bytes", "이/가", "가"),  # 바이트
    ("80 MB", "을/를", "를"),  # 메가바이트, not 엠비
    ("Sunset", "으로/로", "으로"),  # 선셋
    ("Title", "을/를", "을"),  # 타이틀: a silent e does not open the syllable
    ("clip.mov", "은/는", "는"),  # an extension by its letters: 엠오브이
    # A Latin word that cannot be read from its spelling takes the neutral written form.
    ("Sunset over a Lake", "을/를", "을(를)"),
    ("Purple Haze", "이/가", "이(가)"),
    ("Gif Party", "으로/로", "(으)로"),
    ("Gif Party", "이에요/예요", "(이)에요"),
])
def test_the_form_follows_the_reading(value: str, pair: str, form: str) -> None:
    assert josa(value, pair) == form


def test_nothing_read_takes_the_open_form() -> None:
    assert last_syllable("…") == ""
    assert josa("", "을/를") == "를"
