"""Which credits questions ask what a video already cost."""

from __future__ import annotations

import pytest

from translators.cost import asks_cost


@pytest.mark.parametrize("text", [
    "這支影片用了多少點數？", "这个视频花了多少积分？", "how many credits did this video use?",
    "how many credits have I used?", "この動画でクレジットをいくつ使った？",
    "이 영상에 크레딧 얼마나 들었어?", "quantos créditos esse vídeo gastou?",
    "¿cuántos créditos costó este vídeo?", "combien de crédits cette vidéo a coûté ?",
    "wie viele Credits hat das Video verbraucht?",
])
def test_what_it_cost(text: str) -> None:
    assert asks_cost(text)


@pytest.mark.parametrize("text", [
    "how many credits do I have?", "還有多少點數？", "クレジット残高は？", "크레딧 얼마나 남았어?",
    "how much does an export cost?", "quantos créditos eu tenho?", "¿cuántos créditos me quedan?",
    "il me reste combien de crédits ?", "wie viele Credits habe ich noch?",
])
def test_the_balance_is_not_a_cost_question(text: str) -> None:
    assert not asks_cost(text)
