"""Language guess: script first, then frequent words and letters; "und" when there is no clue."""

from __future__ import annotations

import pytest

from router.language import base_language, detect_language, detect_locale


@pytest.mark.parametrize(("text", "locale"), [
    ("export it please", "en"),
    ("how many credits do I have left?", "en"),
    ("把视频导出发给我", "zh-Hans"),
    ("上傳影片", "zh-Hant"),
    ("這個影片的狀態", "zh-Hant"),
    ("エクスポートして", "ja"),
    ("動画出力", "ja"),  # kanji only, but 動画 is Japanese
    ("내보내기 해줘", "ko"),
    ("¿cuántos créditos me quedan?", "es"),
    ("exporta el vídeo por favor", "es"),
    ("combien de crédits il me reste ?", "fr"),
    ("ne télécharge pas la vidéo", "fr"),
    ("wie viele Credits habe ich noch?", "de"),
    ("füge Hintergrundmusik hinzu", "de"),
    ("quantos créditos eu tenho?", "pt"),
    ("não exporte ainda", "pt"),
])
def test_detect_locale(text: str, locale: str) -> None:
    assert detect_locale(text) == locale


@pytest.mark.parametrize("text", ["ok", "👍", "", "1080p", "mp4"])
def test_no_clue_is_undetermined_or_the_default(text: str) -> None:
    assert detect_locale(text) == "und"
    assert detect_language(text, default="fr") == "fr"


@pytest.mark.parametrize("text", ["加字幕", "字幕加上外框"])
def test_chinese_in_shared_characters_names_no_script(text: str) -> None:
    # Neither Simplified nor Traditional: the caller keeps the script the user wrote before.
    assert detect_locale(text) == "zh"
    assert detect_language(text) == "zh"


def test_detect_language_gives_base_codes() -> None:
    assert detect_language("上傳影片") == "zh"
    assert detect_language("上传视频") == "zh"
    assert detect_language("exportiere das Video") == "de"


def test_base_language() -> None:
    assert base_language("zh-Hant") == "zh"
    assert base_language("pt-BR") == "pt"
    assert base_language("en") == "en"
