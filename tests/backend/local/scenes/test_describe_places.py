"""Places that stand for several things at once: a harbour is boats on the sea by houses."""

from __future__ import annotations

import pytest

from backend.local.scenes import SCENE_LANGS, describe_scene

HARBOURS = {
    "en": "A quiet harbour at dawn",
    "zh-Hans": "清晨安静的港口",
    "zh-Hant": "清晨安靜的漁港",
    "es": "El puerto al amanecer",
    "fr": "Le vieux port au lever du soleil",
    "de": "Der Hafen im Morgengrauen",
    "pt": "O cais ao amanhecer",
    "ja": "夜明けの漁港",
    "ko": "새벽의 조용한 항구",
}


@pytest.mark.parametrize("lang", SCENE_LANGS)
def test_a_harbour_is_boats_on_the_sea_by_houses(lang: str) -> None:
    spec = describe_scene(HARBOURS[lang])
    assert spec.water == "sea"
    assert {"boat", "buildings"} <= set(spec.subjects)
    assert "coast" in spec.terrain
    assert spec.time == "dawn"
    assert spec.lang == lang


@pytest.mark.parametrize("sentence", [
    "香港の夜景",  # Hong Kong holds 港 (port)
    "空港の朝",  # an airport
    "Un viaje a Puerto Rico",  # a place's name
    "Um passeio em Porto Alegre",
    "Le port du masque en ville",  # wearing (a mask)
    "항구적인 평화의 도시",  # 항구적: lasting
])
def test_a_name_or_idiom_holding_a_harbour_word_is_no_harbour(sentence: str) -> None:
    spec = describe_scene(sentence)
    assert "boat" not in spec.subjects
    assert spec.water != "sea"
