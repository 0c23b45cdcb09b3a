"""Which credits questions ask what a video already cost."""

from __future__ import annotations

import pytest

from translators.cost import cost_questions

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


@pytest.mark.parametrize("text", [
    "這支影片用了多少點數？", "这个视频花了多少积分？", "how many credits did this video use?",
    "how many credits have I used?", "この動画でクレジットをいくつ使った？",
    "이 영상에 크레딧 얼마나 들었어?", "quantos créditos esse vídeo gastou?",
    "¿cuántos créditos costó este vídeo?", "combien de crédits cette vidéo a coûté ?",
    "wie viele Credits hat das Video verbraucht?",
])
def test_what_it_cost(text: str) -> None:
    assert "spent" in cost_questions(text)


@pytest.mark.parametrize("text", [
    "how many credits do I have?", "還有多少點數？", "クレジット残高は？", "크레딧 얼마나 남았어?",
    "how much does an export cost?", "quantos créditos eu tenho?", "¿cuántos créditos me quedan?",
    "il me reste combien de crédits ?", "wie viele Credits habe ich noch?",
])
def test_the_balance_is_not_a_cost_question(text: str) -> None:
    assert "spent" not in cost_questions(text)


# What people who do not know the word "credits" ask (a user trial, then more of each kind
# written for these tests): how many more videos, and whether it costs money.
@pytest.mark.parametrize(("text", "kinds"), [
    ("How many more little films like this can I still make?", {"videos"}),
    ("ok. do i have enough left to make one for every match this season? like 12 of them",
     {"videos"}),
    ("how many videos can I still do this month?", {"videos"}),
    ("¿Y cuántos vídeos más puedo hacer? ¿Me va a cobrar algo?", {"videos", "money"}),
    ("¿cuántos más me quedan?", {"videos"}),
    ("C'est une association, on n'a pas de budget. Il me reste combien pour faire d'autres "
     "vidéos ?", {"videos", "money"}),
    ("combien de vidéos je peux encore faire ?", {"videos"}),
    ("Wie viele solche Filme kann ich noch machen, bevor ich etwas bezahlen muss?",
     {"videos", "money"}),
    ("reicht das noch für zwei Videos?", {"videos"}),
    ("Quanto eu ainda posso usar de graça? Não tenho cartão de crédito.", {"money"}),
    ("Não, eu perguntei quantos vídeos ainda posso fazer sem pagar.", {"videos", "money"}),
    ("quantos mais eu consigo?", {"videos"}),
    ("我还能做几个这样的视频？要花钱吗？", {"videos", "money"}),
    ("我還可以再做幾支？會不會收費？", {"videos", "money"}),
    ("あと何本くらい作れますか？お金はかかりますか？", {"videos", "money"}),
    ("이거 몇 개나 더 만들 수 있어요? 돈 드는 건 아니죠?", {"videos", "money"}),
    ("is this free?", {"money"}),
    ("will it cost me anything?", {"money"}),  # money, not what was spent
    ("これって無料ですか", {"money"}),
    ("how many credits did this video use?", {"spent"}),
    # A statement of what was spent beside the question of how many more asks nothing.
    ("I've already used 200 credits, how many more videos can I make?", {"videos"}),
    ("已经用了200积分，还能做几个视频？", {"videos"}),
    ("今日もう3本使ったけど、あと何本作れる？", {"videos"}),
    ("I paid for 500 credits, how many did this video use?", {"spent"}),
    ("muss ich dafür zahlen?", {"money"}),
])
def test_what_a_credits_question_asks_beyond_the_balance(text: str, kinds: set[str]) -> None:
    assert cost_questions(text) == kinds


@pytest.mark.parametrize("text", [
    "how many credits do I have?", "how many more credits do I have?", "credits",
    "¿cuántos créditos me quedan?", "il me reste combien de crédits ?",
    "wie viele Credits habe ich noch?", "quantos créditos eu tenho?", "还有多少积分？",
    "クレジット残高は？", "크레딧 얼마나 남았어?", "what's my balance", "Guthaben?",
    # A count of credits is the balance (a review: these got the line about videos).
    "あと何クレジット残ってる？", "クレジットはあと何ポイント残っていますか？",
    "크레딧 몇 개 남았어요?",
    "还剩几个积分？", "我还剩多少个点数？", "how many credits left after this video?",
    "how many more tokens do I have?", "il me reste combien de crédits après cette vidéo ?",
    # Free credits, a free trial, numbers and a wallet are no question about money.
    "how many free credits do I have?", "¿cuántos créditos gratis me quedan?",
    "quantos créditos grátis eu tenho?", "無料クレジットはあといくら残ってる？",
    "무료 크레딧 얼마나 남았어?", "免费积分还剩多少？", "is my free trial over?",
    "Zeig mir die Zahlen zu meinem Guthaben", "我的钱包空了，还剩多少积分？",
])
def test_a_plain_balance_question_asks_nothing_more(text: str) -> None:
    assert cost_questions(text) == frozenset()
