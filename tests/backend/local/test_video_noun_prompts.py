"""A first message that only names a video and what it shows, with no verb ("海边的视频",
"vídeo del mar", "바다 영상"), makes that video, as "a video of the sea" always did: a
newcomer got "I didn't understand" in five languages. So does a first message that only
names what to show ("dogs in snow", "雪の中の犬", "Video am Strand"); small talk does not."""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


@pytest.mark.parametrize(("lang", "prompt", "said"), [
    ("zh-Hans", "雪山下的湖的视频", "主题是“雪山下的湖”"),
    ("zh-Hans", "森林的视频，不要旁白", "主题是“森林”"),
    ("zh-Hant", "夜市的影片", "主題是「夜市」"),
    ("ja", "桜の公園の動画", "「桜の公園」の"),
    ("ko", "눈 내리는 숲 영상", "“눈 내리는 숲”에 대한"),
    ("ko", "도시 야경 영상, 내레이션 없이", "“도시 야경”에 대한"),
    ("es", "vídeo del bosque nevado", "sobre «bosque nevado»"),
    ("de", "Ein Video vom Bergsee", "über „Bergsee“"),
    ("de", "Video am Strand", "über „Strand“"),
    ("de", "Video im Wald", "über „Wald“"),
    # No word for "video" at all: what to show, named, is the video (trial 10).
    ("en", "dogs in snow", "about “dogs in snow”"),
    ("en", "a lighthouse at sunset", "about “lighthouse at sunset”"),
    ("en", "a sunset", "about “sunset”"),
    ("de", "Hunde im Schnee", "über „Hunde im Schnee“"),
    ("es", "perros en la nieve", "sobre «perros en la nieve»"),
    ("fr", "chiens dans la neige", "« chiens dans la neige »"),
    ("pt", "cães na neve", "“cães na neve”"),
    ("zh-Hans", "雪地里的狗", "主题是“雪地里的狗”"),
    ("zh-Hant", "雪地裡的狗", "主題是「雪地裡的狗」"),
    ("ja", "雪の中の犬", "「雪の中の犬」の"),
    ("ko", "눈 속의 강아지", "“눈 속의 강아지”에 대한"),
])
def test_a_video_named_with_what_it_shows_is_made(api: Api, lang: str, prompt: str,
                                                  said: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert said in reply.split("\n", 1)[0], reply
    assert state["draft"]["t"][0]["sg"], reply  # scenes were made


@pytest.mark.parametrize(("lang", "message"), [
    ("zh-Hans", "视频"), ("ja", "動画"), ("ko", "영상"),
    # Small talk, a question, words that name nothing to see: no video.
    ("en", "hello"), ("en", "ok"), ("en", "good night"), ("es", "buenas noches"),
    ("de", "Guten Morgen"), ("zh-Hans", "晚安"), ("en", "what is snow?"),
    ("en", "do you like dogs?"), ("en", "add snow"), ("en", "nice video"),
])
def test_the_word_video_alone_is_no_subject(api: Api, lang: str, message: str) -> None:
    token, sid = api.new_user(lang)
    _, state = api.say(token, sid, message)
    assert not any(t.get("sg") for t in state.get("draft", {}).get("t", []))
