"""What a reviewer of the scene lengths (twenty-first round) found, as a user sees it: each
of these failed on 159d4ab, the first version of the change."""
from __future__ import annotations

from pathlib import Path

import pytest

from backend.local.intents import parse
from tests.backend.local.conftest import Api
from tests.backend.local.drafts import NARRATED, THIRTY, seconds
from tests.backend.local.drafts import clip_lengths as _lengths
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


@pytest.mark.parametrize(("lang", "msg"), [
    ("en", "make the video 30 seconds with 5 scenes"),
    ("en", "make it 15 seconds, 3 scenes"),
    ("en", "use 3 scenes, 10 seconds total"),
    ("en", "make the video 20 seconds long, the first scene is boring"),
    ("en", "make the video 20 seconds with 1 scene per 5 seconds"),
    ("en", "make the video 20 seconds, each scene around 4 seconds"),
    ("es", "quiero que el video dure 20 segundos y tenga 4 escenas"),
    ("fr", "une vidéo de 20 secondes avec 4 scènes"),
    ("de", "das Video 20 Sekunden, die erste Szene ist langweilig"),
    ("pt", "o vídeo com 20 segundos, a primeira cena está chata"),
    ("zh-Hans", "视频20秒，第一个场景太无聊了"),
    ("ja", "動画を20秒にして、1番目のシーンはつまらない"),
    ("ko", "장면 5개로 30초 영상"),
])
def test_the_video_s_length_is_not_one_scene_s(lang: str, msg: str) -> None:
    intent = parse(msg, has_video=True, session_language=lang)
    assert intent.kind != "clip_length" or (intent.track == "each"
                                            and intent.duration_ms != 20000), intent


@pytest.mark.parametrize(("lang", "msg"), [
    ("ja", "各シーンの間に1秒のトランジションを入れて"),
    ("ko", "각 장면 사이에 1초 전환 넣어줘"),
    ("pt", "coloque uma transição de 1 segundo entre cada cena"),
    ("zh-Hans", "每个场景之间加1秒的转场"),
])
def test_a_transition_between_scenes_is_no_scene_length(lang: str, msg: str) -> None:
    assert parse(msg, has_video=True, session_language=lang).kind != "clip_length"


def test_each_scene_from_another_clause_keeps_its_own_number(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "make the video 20 seconds, each scene around 4 seconds")
    assert seconds(state) <= 30, text


def test_uneven_scenes_made_shorter_are_not_said_to_be_equal(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"], "make the second scene 3 seconds")
    text, state = api.say(token, sid, "make every scene 2 seconds shorter")
    assert _lengths(state) == [3000, 1000, 3000, 3000, 3000, 3000]
    assert "Each of the 6 scenes is now 3 s long" not in text, text


def test_lengthening_a_scene_in_spanish_does_not_shorten_it(api: Api) -> None:
    token, sid, _ = api.project("es", THIRTY["es"])
    text, state = api.say(token, sid, "alarga la última escena 2 segundos")
    assert _lengths(state)[-1] == 7000, text


def test_silent_sentences_speak_again_when_the_scenes_get_long_enough(api: Api) -> None:
    token, sid, _ = api.project("en", NARRATED, "make it 3 seconds")
    text, state = api.say(token, sid, "make each scene 5 seconds")
    voice = _track(state, "Narration")
    assert voice is not None
    silent = [sg for sg in voice["sg"] if sg["m"].get("unspoken")]
    assert not silent or "spoken" in text, (text, silent)


def test_one_scene_is_not_each_of_the_1_scenes(api: Api) -> None:
    token, sid, _ = api.project("en", "a 5 second video of a lake")
    text, _ = api.say(token, sid, "make each scene 3 seconds")
    assert "1 scenes" not in text, text


def test_korean_minutes_take_the_right_ending(api: Api) -> None:
    token, sid, _ = api.project("ko", THIRTY["ko"])
    text, _ = api.say(token, sid, "장면마다 20초로 해줘")
    assert "2분예요" not in text, text


def test_a_clip_named_by_its_file_gets_the_length(api: Api, tmp_path: Path) -> None:
    from tests.backend.local.test_agent_requests import _ffmpeg, _upload
    clips = [_ffmpeg(tmp_path / f"{n}.mp4", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                     "-t", str(t), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset",
                     "ultrafast") for n, t in (("harbor", 4), ("market", 6))]
    token, sid = api.new_user()
    _upload(api, token, sid, *clips)
    api.say(token, sid, "make a video with my clips")
    text, state = api.say(token, sid, "cut market.mp4 to 3 seconds")
    assert _lengths(state) == [4000, 3000], text
