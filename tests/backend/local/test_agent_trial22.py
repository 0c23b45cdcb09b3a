"""What a user trial of the twenty-second round found, over HTTP against a real local
backend: on main, removing a scene left the captions and narration where they were (every
later scene showed and spoke the one before's words), "what does the voice-over say?" made
"?" the narration, "make the third one 3 seconds" made the whole video 3 seconds long,
"remove the music from the last scene" deleted the scene, and "the second and fourth scenes",
"scenes 2 and 4", "die letzten beiden Szenen" and "… and the third 4" acted on one scene only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY, seconds
from tests.backend.local.drafts import clip_lengths as _lengths
from tests.backend.local.drafts import track as _track

SCRIPT = ("generate a 25-second video from this script: A city wakes up at dawn. Coffee steams "
          "on a balcony. Trains glide through the morning light. A dog runs on the beach. The "
          "sun sets over the sea.")


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _spoken(state: dict[str, Any], name: str) -> list[tuple[str, int]]:
    """A track's texts with where each starts (ms), in time order."""
    found = _track(state, name)
    assert found is not None, name
    return [(str(sg["m"]["text"]), int(sg["s"])) for sg in sorted(found["sg"],
                                                                  key=lambda sg: sg["s"])]


def _clips(state: dict[str, Any]) -> list[tuple[str, int, int]]:
    video = _track(state, "Video")
    assert video is not None
    return [(str(sg["m"].get("desc") or sg["m"].get("name")), int(sg["s"]),
             int(sg["s"]) + int(sg["d"])) for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


@pytest.mark.parametrize("ask", ["remove the second scene", "delete the first scene"])
def test_a_removed_scene_takes_its_narration_and_caption_with_it(api: Api, ask: str) -> None:
    token, sid, before = api.project("en", SCRIPT)
    gone = 1 if "second" in ask else 0
    sentence = _clips(before)[gone][0]
    _, state = api.say(token, sid, ask)
    clips = _clips(state)
    assert sentence not in [c[0] for c in clips]
    for name in ("Narration", "Captions"):
        lines = _spoken(state, name)
        assert sentence not in [text for text, _ in lines], name
        # Each remaining sentence is spoken and shown over its own scene.
        assert [text for text, _ in lines] == [c[0] for c in clips], name
        for (text, start), (scene, a, b) in zip(lines, clips, strict=True):
            assert a <= start < b, (name, text, scene)


def test_asking_what_the_narration_says_lists_it_and_changes_nothing(api: Api) -> None:
    token, sid, before = api.project("en", SCRIPT)
    text, state = api.say(token, sid, "what does the voice-over say?")
    assert text.startswith("The narration says 5 sentences: 1. “A city wakes up at dawn” ("), text
    assert state["draft"] == before["draft"]
    text, state = api.say(token, sid, "what does the narrator say?")
    assert "“The sun sets over the sea”" in text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "make the third one 3 seconds", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("en", "make the last one 6 seconds", [5000] * 5 + [6000]),
    ("en", "add 2 seconds to the third one", [5000, 5000, 7000, 5000, 5000, 5000]),
    ("es", "pon la tercera de 3 segundos", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("de", "mach die dritte 3 Sekunden lang", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("ja", "3番目を3秒にして", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("ko", "세 번째 거 3초로 해줘", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("zh-Hans", "第三个改成3秒", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("zh-Hans", "最后一个改成3秒", [5000] * 5 + [3000]),
])
def test_a_scene_said_by_its_place_alone(api: Api, lang: str, ask: str,
                                         lengths: list[int]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == lengths, text


@pytest.mark.parametrize(("lang", "ask", "total"), [
    ("en", "make it 20 seconds like the last time", 20.0),
    ("zh-Hans", "最后改成20秒", 20.0),  # "finally, make it 20 seconds"
])
def test_a_last_word_that_is_no_scene_leaves_the_length_the_videos(api: Api, lang: str,
                                                                   ask: str, total: float
                                                                   ) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert seconds(state) == total


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "remove the music from the last scene"),
    ("en", "remove the music from the last two scenes"),
    ("en", "remove the rain from the last two scenes"),
    ("es", "quita la música de la última escena"),
    ("zh-Hans", "把最后一个场景的音乐去掉"),
])
def test_a_part_of_a_scene_is_not_the_scene(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "left"), [
    ("en", "delete the second and fourth scenes", 4),
    ("en", "remove scenes 2 and 4", 4),
    ("en", "delete scene 3", 5),
    ("en", "delete the first and last scenes", 4),
    ("es", "borra la segunda y la cuarta escena", 4),
    ("de", "lösch die zweite und die vierte Szene", 4),
    ("de", "lösch die letzten beiden Szenen", 4),
    ("ja", "2番目と4番目のシーンを削除して", 4),
    ("ko", "두 번째랑 네 번째 장면 지워줘", 4),
    ("zh-Hans", "删掉第二个和第四个场景", 4),
])
def test_scenes_listed_are_removed(api: Api, lang: str, ask: str, left: int) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == [5000] * left, text


def test_a_number_of_scenes_is_no_scene(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    _, state = api.say(token, sid, "delete 3 scenes")
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "make the second and fourth scenes 3 seconds", [5000, 3000, 5000, 3000, 5000, 5000]),
    ("en", "make scenes 2 and 3 4 seconds", [5000, 4000, 4000, 5000, 5000, 5000]),
    ("en", "make the second scene 3 seconds and the third 4", [5000, 3000, 4000, 5000, 5000,
                                                               5000]),
    ("en", "make the first scene 3 seconds and the last one 6", [3000] + [5000] * 4 + [6000]),
    ("es", "haz que la segunda escena dure 3 segundos y la tercera 4",
     [5000, 3000, 4000, 5000, 5000, 5000]),
    ("de", "mach die letzten beiden Szenen 3 Sekunden lang", [5000] * 4 + [3000] * 2),
    ("ja", "2番目と4番目のシーンを3秒にして", [5000, 3000, 5000, 3000, 5000, 5000]),
    ("zh-Hans", "第二个场景3秒，第三个8", [5000, 3000, 8000, 5000, 5000, 5000]),
])
def test_scenes_listed_get_their_lengths(api: Api, lang: str, ask: str,
                                         lengths: list[int]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == lengths, text
