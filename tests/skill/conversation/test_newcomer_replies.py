"""Replies a first-time user read in a trial (ja, ko, zh-Hant, pt, fr, en), through the whole
runtime against a real local backend: each reply says what was asked, and only what changed."""

from __future__ import annotations

import pytest

from router.language import base_language, detect_locale
from tests.skill.conversation.conftest import Harness, say, texts


def _in(reply: str, lang: str) -> bool:
    return base_language(detect_locale(reply)) == base_language(lang)


async def test_a_first_video_lists_the_voice_asked_for_as_a_setting_not_a_change(
        harness: Harness) -> None:
    # The trial's first Japanese reply ended "変更した点：ナレーションは女性の声。" ("what you
    # changed: ...") although nothing had been changed yet: the voice came with the prompt.
    async with harness.open() as convo:
        reply = texts(await say(convo, "東京の夜の街の動画を作って。ナレーションは女性の声で"))
    assert "変更した点" not in reply
    assert "設定：ナレーションは女性の声。" in reply


async def test_an_edit_reply_does_not_repeat_earlier_changes(harness: Harness) -> None:
    # After "add music" the reply went on with the whole timeline and "Your changes: the
    # captions at the top; the captions bigger", which this message did not touch.
    async with harness.open() as convo:
        await say(convo, "generate an 8-second video about a lighthouse by the sea")
        await say(convo, "add captions")
        await say(convo, "move the captions to the top")
        await say(convo, "remove the music")
        reply = texts(await say(convo, "add music"))
    assert "background music" in reply
    assert "captions" not in reply.lower()
    assert "Timeline" not in reply


async def test_changing_the_music_names_the_old_and_the_new_once(harness: Harness) -> None:
    # Was: 'Swapped the music for "Upbeat" (upbeat).'
    async with harness.open() as convo:
        await say(convo, "generate an 8-second calm video about a lighthouse by the sea")
        reply = texts(await say(convo, "change the music to upbeat"))
    assert "🎵 Changed the music from “Lo-fi” to “Upbeat”." in reply
    assert "(upbeat)" not in reply


@pytest.mark.parametrize(("lang", "prompt", "ask", "said"), [
    ("en", "generate an 8-second video about a lighthouse by the sea", "delete track 2",
     "Removed the music track."),
    ("es", "genera un vídeo de 8 segundos de un faro junto al mar", "elimina la pista 2",
     "He quitado la pista de música."),
    ("pt", "gera um vídeo de 8 segundos de um farol à beira-mar", "apague a faixa 2",
     "Removi a faixa de música."),
])
async def test_removing_a_track_names_it_in_lower_case_mid_sentence(
        harness: Harness, lang: str, prompt: str, ask: str, said: str) -> None:
    # Was: "Removed the Music track".
    async with harness.open() as convo:
        await say(convo, prompt)
        reply = texts(await say(convo, ask))
    assert said in reply
    assert _in(reply, lang), reply


@pytest.mark.parametrize(("lang", "prompt", "add", "ask", "said"), [
    ("ja", "東京の夜の街の動画を作って", "字幕「おやすみ東京」を追加して", "字幕の一覧を見せて",
     "字幕：「おやすみ東京」"),
    ("pt", "faz um vídeo de um ensaio de escola de samba no Rio",
     "adicione a legenda 'Vai, Mangueira!' de 2 s a 5 s", "me mostra as legendas",
     'Legenda: "Vai, Mangueira!" (2-5s)'),
    ("ko", "해운대 해변 영상 만들어줘", "자막 넣어줘: 여름 끝자락의 해운대", "자막 뭐뭐 있어?",
     '자막: "여름 끝자락의 해운대"'),
])
async def test_asking_to_see_the_captions_lists_the_captions_not_the_timeline(
        harness: Harness, lang: str, prompt: str, *, add: str, ask: str, said: str) -> None:
    # The router sends these to "state"; the reply was the whole timeline.
    async with harness.open() as convo:
        await say(convo, prompt)
        await say(convo, add)
        reply = texts(await say(convo, ask))
    assert reply.startswith(said), reply
    assert "BGM" not in reply  # the music is not what was asked
    assert "Lo-fi" not in reply


@pytest.mark.parametrize(("prompt", "ask", "whole", "one"), [
    # A user trial: a remark about the title, then a request to see what was made: the
    # whole timeline answers (was: the title line alone).
    ("做一支秋天公園的影片", "標題怎麼是這樣？現在做好的內容給我看一下。", "時間軸", "標題："),
    ("make a video of a park in autumn", "why is the title so weird, show me what you made",
     "Timeline", "The title"),
    # A track named after the request narrows it (a review: these lost the captions).
    ("東京の夜の街の動画を作って", "今の中身を見せて。字幕だけでいいです。", "この動画にはまだ字幕",
     "タイムライン"),
    ("make a video of a park in autumn", "Show me what you've got so far. Just the captions.",
     "This video has no captions yet", "Timeline"),
    # One sentence that asks for one track still gets that track.
    ("東京の夜の街の動画を作って", "字幕の一覧を見せて", "この動画にはまだ字幕", "タイムライン"),
])
async def test_a_track_named_beside_the_request_is_no_request_for_that_track(
        harness: Harness, prompt: str, ask: str, whole: str, one: str) -> None:
    async with harness.open() as convo:
        await say(convo, prompt)
        reply = texts(await say(convo, ask))
    assert reply.startswith(whole), reply
    assert not reply.startswith(one), reply


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("ja", "字幕の一覧を見せて", "この動画にはまだ字幕がありません。"),
    ("ko", "자막 뭐뭐 있어?", "이 영상에는 아직 자막이 없어요."),
])
async def test_asking_to_see_captions_a_video_does_not_have_says_so(
        harness: Harness, lang: str, ask: str, said: str) -> None:
    prompt = {"ja": "東京の夜の街の動画を作って",
              "ko": "해운대 해변 영상 만들어줘"}[lang]
    async with harness.open() as convo:
        await say(convo, prompt)
        reply = texts(await say(convo, ask))
    assert reply == said


async def test_asking_to_see_the_scenes_lists_every_scene(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "해운대 해변 영상 만들어줘")
        reply = texts(await say(convo, "장면 목록 보여줘"))
    assert reply.startswith("장면 (2개): 1. "), reply
    assert "2. " in reply
    assert "배경음악" not in reply


@pytest.mark.parametrize(("lang", "prompt", "ask", "said"), [
    ("zh-Hant", "做一支台北夜市的影片", "這支影片用了多少點數？",
     "沒辦法知道這支影片用了多少點數：服務只提供餘額，不提供每支影片的花費。\n💳 點數：可用 "),
    ("en", "generate an 8-second video about a lighthouse by the sea",
     "how many credits did this video use?",
     "I can't tell how many credits this video used: the service reports only your balance, "
     "not what each video cost.\n💳 Credits: "),
])
async def test_what_a_video_cost_is_answered_not_just_the_balance(
        harness: Harness, lang: str, prompt: str, ask: str, said: str) -> None:
    # The trial's zh-Hant question got the balance alone, as if it asked how much was left.
    async with harness.open() as convo:
        await say(convo, prompt)
        reply = texts(await say(convo, ask))
        balance = texts(await say(convo, {"zh-Hant": "我還有多少點數？",
                                          "en": "how many credits do I have?"}[lang]))
    assert reply.startswith(said), reply
    assert balance.startswith("💳"), balance


async def test_a_traditional_chinese_project_stays_traditional_in_the_next_process(
        harness: Harness) -> None:
    # Hosts start one process per message. The first message of the trial's zh-Hant project
    # used only characters both scripts share, so the project began as Simplified; after a
    # clearly Traditional message, the next ambiguous one was answered in Simplified again.
    async with harness.open() as convo:
        await say(convo, "做一支台北夜市的影片")
        await say(convo, "標題改成「士林夜市走走」")
    async with harness.open() as convo:
        reply = texts(await say(convo, "加字幕：雞排、珍奶、蚵仔煎"))
    assert "已加入字幕：「雞排、珍奶、蚵仔煎」" in reply, reply
    assert "接下來你可以說" in reply
