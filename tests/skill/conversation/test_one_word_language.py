"""A word in characters Chinese and Japanese share ("海", "映画風"), said alone in a Japanese
conversation, is answered in Japanese, the runtime's own lines too (user trial 11: the
agent's reply came in Chinese, then only its suggestions did), through the whole runtime
against a real local backend."""

from __future__ import annotations

import pytest

from tests.skill.conversation.conftest import Harness, say, texts


@pytest.mark.parametrize(("word", "said"), [
    ("映画風", "🎨 シーンを映画風のスタイルにしました"),
    ("海", "「海」は理解できなかったので"),
])
async def test_a_kanji_word_alone_keeps_a_japanese_conversation_japanese(
        harness: Harness, word: str, said: str) -> None:
    async with harness.open() as convo:
        await say(convo, "森の動画を作って")
        reply = texts(await say(convo, word))
    assert said in reply, reply
    for chinese in ("接下来", "没有理解", "你可以"):
        assert chinese not in reply, reply


async def test_a_chinese_sentence_in_a_japanese_conversation_is_answered_in_chinese(
        harness: Harness) -> None:
    # Only a word alone keeps Japanese: "我想加字幕" is Chinese, the runtime's lines too.
    async with harness.open() as convo:
        await say(convo, "森の動画を作って")
        await say(convo, "我想加字幕")
        assert convo.current_language() == "zh"
