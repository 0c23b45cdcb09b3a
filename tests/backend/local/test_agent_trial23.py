"""Two requests in one message where the second names a scene, over HTTP against a real local
backend: on main the first was made and the second dropped in silence ("make the second scene
4 seconds and the third scene rainy": no rain; "刪掉最後一個場景，第一個改成3秒": no 3 s), and
a scene found too long and then removed ("the last scene is too long, remove it") asked its
length and said "remove it" was not understood."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import clip_lengths as _lengths
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _weathers(state: dict[str, Any]) -> list[str]:
    video = _track(state, "Video")
    assert video is not None
    return [str(sg["m"]["scene"].get("weather") or "")
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


@pytest.mark.parametrize(("lang", "ask", "after", "said"), [
    ("en", "make the second scene 4 seconds and the third scene rainy",
     ([5000, 4000] + [5000] * 4, (3, "rain")), ("Scene 2", "scene 3")),
    ("en", "make the first scene snowy and the last scene 2 seconds",
     ([5000] * 5 + [2000], (1, "snow")), ("scene 1", "Scene 6")),
    # The third scene of the video as the removal left it (the fourth before).
    ("zh-Hans", "删除第二个场景，然后把第三个场景改成下雨", ([5000] * 5, (3, "rain")),
     ("已删除", "第 3 个场景")),
    # Main removed the scene and dropped the snow (a test said so: "read as before").
    ("zh-Hans", "删除第二个场景，然后第三个场景下雪", ([5000] * 5, (3, "snow")),
     ("已删除", "第 3 个场景")),
    ("ko", "두 번째 장면을 지우고 세 번째 장면에 눈을 내려 줘", ([5000] * 5, (3, "snow")),
     ("삭제", "3번째 장면")),
])
def test_a_length_or_removal_and_weather_of_another_scene_are_both_made(
        api: Api, lang: str, ask: str, after: tuple[list[int], tuple[int, str]],
        said: tuple[str, ...]) -> None:
    lengths, weather = after
    token, sid, before = api.project(lang, THIRTY[lang])
    assert set(_weathers(before)) == {"clear"}
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == lengths
    which, kind = weather
    assert [w for w in _weathers(state) if w != "clear"] == [kind]
    assert _weathers(state)[which - 1] == kind
    for words in said:
        assert words in text, text
    assert "nothing changed" not in text


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("zh-Hant", "刪掉最後一個場景，第一個改成3秒", [3000] + [5000] * 4),
    ("en", "make the second scene 4 seconds and the third 3 seconds",
     [5000, 4000, 3000] + [5000] * 3),
])
def test_a_removal_or_length_then_another_scenes_length(api: Api, lang: str, ask: str,
                                                        lengths: list[int]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == lengths, text


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "the last scene is too long, remove it", "Removed"),
    ("es", "la última escena es muy larga, quítala", "He quitado"),
])
def test_a_scene_found_too_long_then_removed_is_removed(api: Api, lang: str, ask: str,
                                                        said: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == [5000] * 5
    assert text.startswith("✂️")
    assert said in text
    assert "How long" not in text


def test_a_scene_found_too_long_alone_is_still_asked_its_length(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "the last scene is too long")
    assert _lengths(state) == [5000] * 6
    assert "How long should it be?" in text
