"""Credits questions the balance alone does not answer, asked in the words of people who do
not know the product ("how many more can I make?", "要花钱吗？"): the reply gives the balance
and what it means for the question, in the user's language; a plain balance question gets
the balance alone. A real local backend on loopback."""

from __future__ import annotations

import pytest

from tests.skill.conversation.conftest import Harness, say, texts

GENERATE = "generate a 10-second video of a city at sunset"


@pytest.mark.parametrize(("question", "balance", "videos", "money"), [
    ("How many more little films like this can I still make?", "💳 Credits:",
     "I can't tell how many videos that makes", None),
    ("¿Y cuántos vídeos más puedo hacer? ¿Me va a cobrar algo?", "💳 Créditos:",
     "No puedo decirte a cuántos vídeos equivale", "Aquí no se cobra nada"),
    ("我还能做几个这样的视频？要花钱吗？", "💳 积分：", "没法换算成还能做几个视频",
     "这里不会从银行卡扣钱"),
    ("あと何本くらい作れますか？お金はかかりますか？", "💳 クレジット残高：",
     "動画の本数には換算できません", "ここでカードに請求されることはありません"),
])
async def test_how_many_more_and_whether_it_costs_money(
        harness: Harness, question: str, balance: str, videos: str, money: str | None) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        reply = texts(await say(convo, question))
    lines = reply.splitlines()
    assert lines[0].startswith(balance), reply  # the balance first: it is the answer
    assert lines[1].startswith(videos), reply
    if money:
        assert lines[2].startswith(money), reply
    assert len(lines) == (3 if money else 2), reply


async def test_a_plain_balance_question_gets_the_balance_alone(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        reply = texts(await say(convo, "how many credits do I have left?"))
    assert reply.startswith("💳 Credits:"), reply
    assert len(reply.splitlines()) == 1, reply


async def test_is_it_free_is_answered_in_german_with_the_balance(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        reply = texts(await say(convo, "Wie viel Guthaben habe ich noch? Ist das kostenlos?"))
    assert reply.splitlines()[0].startswith("💳 Credits:"), reply
    assert reply.splitlines()[1].startswith("Hier wird nichts von einer Karte abgebucht"), reply
