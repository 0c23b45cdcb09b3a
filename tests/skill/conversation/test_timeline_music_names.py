"""The timeline names the built-in music in the user's language, as the agent's replies do
(user trial 11: "BGM：Lo-fi" in a Japanese conversation, beside replies saying "ローファイ"),
through the whole runtime against a real local backend: the timeline after a new video and the
one ``status`` shows."""

from __future__ import annotations

import pytest

from tests.skill.conversation.conftest import Harness, say, texts


@pytest.mark.parametrize(("lang", "prompt", "shown", "change"), [
    ("ja", "森の動画を作って", "BGM：ローファイ",
     ("アップテンポな音楽にして", "BGM：アップテンポ")),
    ("zh", "帮我做一个森林的视频", "背景音乐：舒缓轻音乐",
     ("换成欢快的音乐", "背景音乐：轻快节奏")),
    ("zh-Hant", "幫我做一個森林的影片", "背景音樂：舒緩輕音樂",
     ("換成歡快的音樂", "背景音樂：輕快節奏")),
    ("ko", "숲 영상 만들어줘", "배경음악: 로파이", ("신나는 음악으로 바꿔줘", "배경음악: 업비트")),
    ("en", "a video of a forest", "Music: Lo-fi", ("change the music to upbeat", "Music: Upbeat")),
    # Trial 13: Spanish, French, German and Portuguese timelines said "Upbeat" in English.
    ("es", "haz un vídeo de un bosque", "Lo-fi", ("pon una música alegre", "Alegre")),
    ("fr", "fais une vidéo d'une forêt", "Lo-fi", ("mets une musique joyeuse", "Entraînante")),
    ("de", "mach ein Video von einem Wald", "Lo-fi", ("mach die Musik fröhlicher", "Beschwingt")),
    ("pt", "faz um vídeo de uma floresta", "Lo-fi", ("coloca uma música alegre", "Animada")),
])
async def test_the_timeline_names_the_music_in_the_users_language(
        harness: Harness, lang: str, prompt: str, shown: str, change: tuple[str, str]) -> None:
    asked, now = change
    async with harness.open() as convo:
        made = texts(await say(convo, prompt))
        assert shown in made, made
        await say(convo, asked)
        status = texts([r async for r in convo.timeline()])
    assert now in status, status
    if lang != "en":
        assert "Upbeat" not in status
    if lang in ("ja", "zh", "zh-Hant", "ko"):
        assert "Lo-fi" not in made + status
