from __future__ import annotations

import pytest

from translators.lang import guess_language, normalize_language

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("zh", "zh"),
        ("zh-Hans", "zh"),
        ("zh-Hant", "zh-Hant"),
        ("zh-hant-TW", "zh-Hant"),
        ("zh-CN", "zh"),
        ("zh_TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hans-HK", "zh"),
        ("zho-Hant", "zh-Hant"),
        ("ZH", "zh"),
        ("pt-BR", "pt"),
        ("ja", "ja"),
        ("xx", "en"),
        ("", "en"),
        (None, "en"),
        ("not a tag", "en"),
    ],
)
def test_normalize_language(tag: str | None, expected: str) -> None:
    assert normalize_language(tag) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Click Export to download your video.", "en"),
        ("点击导出按钮下载 MP4。", "zh"),
        ("我已添加标题“Paradise Found”，可以预览。", "zh"),
        ("點擊匯出按鈕下載 MP4。", "zh-Hant"),
        ("エクスポートボタンをクリックしてください。", "ja"),
        ("내보내기 버튼을 클릭하세요.", "ko"),
        ("", "en"),
    ],
)
def test_guess_language_follows_the_script(text: str, expected: str) -> None:
    assert guess_language(text) == expected
