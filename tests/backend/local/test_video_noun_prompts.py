"""A first message that only names a video and what it shows, with no verb ("海边的视频",
"vídeo del mar", "바다 영상"), makes that video, as "a video of the sea" always did: a
newcomer got "I didn't understand" in five languages."""

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
])
def test_a_video_named_with_what_it_shows_is_made(api: Api, lang: str, prompt: str,
                                                  said: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert said in reply.split("\n", 1)[0], reply
    assert state["draft"]["t"][0]["sg"], reply  # scenes were made


@pytest.mark.parametrize(("lang", "message"), [
    ("zh-Hans", "视频"), ("ja", "動画"), ("ko", "영상"),
])
def test_the_word_video_alone_is_no_subject(api: Api, lang: str, message: str) -> None:
    token, sid = api.new_user(lang)
    _, state = api.say(token, sid, message)
    assert not any(t.get("sg") for t in state.get("draft", {}).get("t", []))
