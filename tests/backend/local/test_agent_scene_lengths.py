"""The length of one scene or of each, over HTTP against a real local backend: on main
"make the second scene 3 seconds" and "change each scene from 5 to 3 seconds" made the whole
30-second video 3 seconds long, and "cada escena de 3 segundos" was not understood."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import NARRATED, THIRTY, seconds
from tests.backend.local.drafts import clip_lengths as _lengths
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _starts(state: dict[str, Any], name: str) -> list[int]:
    found = _track(state, name)
    assert found is not None
    return sorted(int(sg["s"]) for sg in found["sg"])


def test_one_scene_gets_its_length_and_the_others_keep_theirs(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    assert _lengths(before) == [5000] * 6
    text, state = api.say(token, sid, "make the second scene 3 seconds")
    assert text == ("⏱️ Scene 2 (“beach”) is now 3 s long; the other scenes are as they were, "
                    "and the video is 28 s long."), text
    assert _lengths(state) == [5000, 3000, 5000, 5000, 5000, 5000]
    assert seconds(state) == 28.0
    # The music still plays over the whole video.
    music = _track(state, "BGM")
    assert music is not None
    assert [(sg["s"], sg["d"]) for sg in music["sg"]] == [(0, 28000)]


@pytest.mark.parametrize(("lang", "ask", "each", "said"), [
    ("en", "change each scene from 5 to 3 seconds", 3000,
     "⏱️ Each of the 6 scenes is now 3 s long, so the video is 18 s long."),
    ("es", "cada escena de 3 segundos", 3000,
     "⏱️ Cada una de las 6 escenas dura ahora 3 s, así que el vídeo dura 18 s."),
    ("fr", "mets chaque scène à 4 secondes", 4000,
     "⏱️ Chacune des 6 scènes dure maintenant 4 s, la vidéo dure donc 24 s."),
    ("de", "mach jede Szene 4 Sekunden lang", 4000,
     "⏱️ Jede der 6 Szenen ist jetzt 4 s lang, das Video also 24 s."),
    ("de", "je Szene 3 Sekunden", 3000,
     "⏱️ Jede der 6 Szenen ist jetzt 3 s lang, das Video also 18 s."),
    ("pt", "cada cena com 3 segundos", 3000,
     "⏱️ Cada uma das 6 cenas agora tem 3 s, então o vídeo tem 18 s."),
    ("zh-Hans", "每个场景改成3秒", 3000, "⏱️ 6 个场景现在每个都是3秒，视频共18秒。"),
    ("zh-Hant", "場景都改成4秒", 4000, "⏱️ 6 個場景現在每個都是4秒，影片共24秒。"),
    ("ja", "シーンごとに3秒にして", 3000,
     "⏱️ 6つのシーンをそれぞれ3秒にしました。動画は全体で18秒です。"),
    ("ko", "장면마다 3초로 해줘", 3000, "⏱️ 6개 장면을 모두 3초로 바꿔서 영상은 18초예요."),
])
def test_each_scene_gets_the_length(api: Api, lang: str, ask: str, each: int,
                                    said: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text == said, text
    assert _lengths(state) == [each] * 6
    assert seconds(state) == each * 6 / 1000


@pytest.mark.parametrize(("lang", "ask", "lengths", "said"), [
    ("fr", "mets la deuxième scène à 8 secondes", [5000, 8000, 5000, 5000, 5000, 5000],
     "⏱️ La scène 2 (« plage ») dure maintenant 8 s ; les autres scènes restent telles "
     "quelles et la vidéo dure 33 s."),
    ("zh-Hans", "第二个场景改成3秒", [5000, 3000, 5000, 5000, 5000, 5000],
     "⏱️ 第 2 个场景（“海滩”）现在是3秒；其他场景不变，视频现在共28秒。"),
    ("ko", "두 번째 장면을 8초로 해줘", [5000, 8000, 5000, 5000, 5000, 5000],
     "⏱️ 2번째 장면(“해변”)을 8초로 바꿨어요. 다른 장면은 그대로이고, 영상은 모두 33초예요."),
    ("en", "hold the last shot 3 seconds longer", [5000, 5000, 5000, 5000, 5000, 8000],
     "⏱️ Scene 6 (“beach”) is now 8 s long; the other scenes are as they were, and the "
     "video is 33 s long."),
    ("en", "add 1 second to every clip", [6000] * 6,
     "⏱️ Each of the 6 scenes is now 6 s long, so the video is 36 s long."),
    # A verb of asking and nothing else beside the scene and its length (not understood
    # before the README's fresh-clone trial of the round)
    ("es", "haz la primera escena de 4 segundos", [4000, 5000, 5000, 5000, 5000, 5000],
     "⏱️ La escena 1 («playa») dura ahora 4 s; las demás escenas siguen igual y el vídeo "
     "dura 29 s."),
    ("en", "I want the third scene to be 8 seconds", [5000, 5000, 8000, 5000, 5000, 5000],
     "⏱️ Scene 3 (“beach”) is now 8 s long; the other scenes are as they were, and the "
     "video is 33 s long."),
])
def test_a_scene_named_or_changed_by_a_length(api: Api, lang: str, ask: str,
                                              lengths: list[int], said: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text == said, text
    assert _lengths(state) == lengths


def test_the_whole_video_s_length_is_still_the_whole_video_s(api: Api) -> None:
    """"each"/"all" outside the length's clause says nothing of the scenes."""
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "make it 20 seconds but keep all the clips")
    assert text.startswith("⏱️ The video is now 20 s long"), text
    assert seconds(state) == 20.0


def test_narration_moves_with_its_scenes(api: Api) -> None:
    token, sid, before = api.project("en", NARRATED)
    assert _starts(before, "Narration") == [400, 5400, 10400, 15400, 20400, 25400]
    text, state = api.say(token, sid, "make the second scene 10 seconds")
    assert text.startswith("⏱️ Scene 2 (“kids build a castle”) is now 10 s long"), text
    # Each sentence is still spoken over its own scene (scene 3 now starts at 15 s).
    assert _starts(state, "Narration") == [400, 5800, 15400, 20400, 25400, 30400]
    assert _starts(state, "Captions") == _starts(state, "Narration")


def test_narration_that_would_not_fit_changes_nothing(api: Api) -> None:
    token, sid, before = api.project("en", NARRATED)
    text, state = api.say(token, sid, "make every scene 1 second")
    assert text.startswith("The narration would no longer fit in the scenes at 1 s, even read "
                           "faster, so nothing changed."), text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("ask", "said"), [
    ("make each scene 0.5 seconds", "A scene can't be shorter than 1 s, so nothing changed."),
    ("make each scene 5 seconds", "Every scene is 5 s long already, so nothing changed."),
    ("make the second scene 5 seconds",
     "Scene 2 (“beach”) is 5 s long already, so nothing changed."),
    ("make scene 9 3 seconds", "I couldn't find that clip. The video's clips are: 1. beach"),
    ("make every scene 2 minutes", "I can't make a 12-minute video"),
])
def test_what_cannot_be_done_or_is_done_already_changes_nothing(api: Api, ask: str,
                                                                said: str) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, ask)
    assert text.startswith(said), text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "delete every scene except the first"),
    ("fr", "supprime toutes les scènes sauf la première"),
    ("es", "borra todas las escenas excepto la primera"),
    ("ja", "最後のシーン以外を削除して"),
    ("zh-Hans", "除了第一个场景，其他都删掉"),
    ("ko", "마지막 장면 빼고 다 지워"),
    ("en", "make each scene 3 seconds except the last"),
    ("de", "alle Szenen 3 Sekunden außer der letzten"),
])
def test_scenes_left_out_are_not_the_ones_changed(api: Api, lang: str, ask: str) -> None:
    """On main each removal deleted the very scene the user meant to keep, and "each …
    except the last" changed every scene: now nothing changes and the reply says so."""
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"], text
    assert not text.startswith(("✂️", "⏱️")), text


@pytest.mark.parametrize(("lang", "ask", "total", "last"), [
    # The video's length changed by an amount with its noun between verb and number: main
    # made the 30-second video 5 seconds long.
    ("pt", "alonga o vídeo 5 segundos", 35000, None),
    ("pt", "encurta o vídeo 5 segundos", 25000, None),
    ("fr", "prolonge la vidéo de 5 secondes", 35000, None),
    # The same of a scene (not understood before)
    ("fr", "allonge la dernière scène de 2 secondes", 32000, 7000),
    ("pt", "aumenta a última cena em 2 segundos", 32000, 7000),
])
def test_an_amount_after_the_video_or_the_scene(api: Api, lang: str, ask: str, total: int,
                                                last: int | None) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text.startswith("⏱️"), text
    assert int(state["draft"]["d"]) == total, text
    if last is not None:
        assert _lengths(state)[-1] == last, text
