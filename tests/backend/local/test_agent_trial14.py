"""What trial 14 met in the local agent, checked over HTTP against a real local backend: the
reply the user reads, in their language, and the project's state after it.

- weather asked of one scene ("make the second scene rainy", "第一個場景下雨", "Die Szene 2
  soll verregnet sein") was not understood, and the reply's list of what can be done had no
  weather in it, though "make it rain" (every scene) worked;
- details after a first prompt's subject were dropped without a word ("a bakery in the
  morning, with warm light and people walking": "warm" was taken for the music's mood and
  its clause cut, people and all).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest

from backend.local.intents import parse
from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _weathers(state: dict[str, Any]) -> list[str]:
    """The weather each scene of the video draws, in order."""
    video = _track(state, "Video")
    assert video is not None
    return [str(sg["m"]["scene"].get("weather") or "")
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


def _particles(state: dict[str, Any]) -> list[tuple[str, ...]]:
    video = _track(state, "Video")
    assert video is not None
    return [tuple(sg["m"]["scene"].get("particles") or ())
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


@pytest.mark.parametrize(("lang", "ask", "asked", "said"), [
    ("en", "make the second scene rainy", (2, "rain"), "scene 2"),
    ("en", "add fog to scene 3", (3, "fog"), "scene 3"),
    ("de", "In der zweiten Szene soll es regnen", (2, "rain"), "Szene 2"),
    ("de", "Ändere die zweite Szene: Regen", (2, "rain"), "Szene 2"),
    ("de", "Die Szene 2 soll verregnet sein", (2, "rain"), "Szene 2"),
    ("zh-Hant", "把第一個場景改成下雨", (1, "rain"), "第 1 個場景"),
    ("zh-Hant", "第一個場景下雨", (1, "rain"), "第 1 個場景"),
    ("zh-Hans", "第二个场景换成下雪", (2, "snow"), "第 2 个场景"),
    ("es", "que llueva en la segunda escena", (2, "rain"), "escena 2"),
    ("fr", "fais neiger dans la deuxième scène", (2, "snow"), "scène 2"),
    ("pt", "coloque chuva na segunda cena", (2, "rain"), "cena 2"),
    ("ja", "2番目のシーンに雪を降らせて", (2, "snow"), "2番目のシーン"),
    ("ko", "두 번째 장면에 비가 내리게 해줘", (2, "rain"), "2번째 장면"),
])
def test_weather_of_one_scene(api: Api, lang: str, ask: str, asked: tuple[int, str],
                              said: str) -> None:
    which, kind = asked
    token, sid, before = api.project(lang, THIRTY[lang])
    was = _weathers(before)
    assert len(was) >= 3
    assert was[which - 1] != kind
    text, state = api.say(token, sid, ask)
    assert text.startswith("✅"), text
    assert said in text, text
    now = _weathers(state)
    # That scene draws it; every other scene is as it was.
    assert now[which - 1] == kind
    assert [w for i, w in enumerate(now) if i != which - 1] == \
        [w for i, w in enumerate(was) if i != which - 1]
    if kind in ("rain", "snow"):
        assert kind in _particles(state)[which - 1]


def test_one_scenes_weather_taken_away_again_and_the_last_scene(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    api.say(token, sid, "make the second scene rainy")
    text, state = api.say(token, sid, "make the second scene rainy")
    assert text == ("Scene 2 (“beach in the rain”) has rain already, so nothing changed."), text
    text, state = api.say(token, sid, "no rain in the second scene")
    assert text == ("✅ Done: no more rain in scene 2 (“beach in the rain”); the other scenes "
                    "are as they were."), text
    assert set(_weathers(state)) == {"clear"}
    assert "rain" not in _particles(state)[1]
    text, state = api.say(token, sid, "make the last scene foggy")
    assert "scene 6" in text, text
    assert _weathers(state)[-1] == "fog"
    assert set(_weathers(state)[:-1]) == {"clear"}


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "remove the snow from the second scene", "✅ Done: no more snow in scene 2"),
    ("es", "quita la nieve de la segunda escena", "✅ Hecho: ya no hay nieve en la escena 2"),
    ("de", "entferne den Schnee aus der zweiten Szene",
     "✅ Erledigt: In Szene 2 („Strand im Schnee“) gibt es jetzt keinen Schnee mehr"),
    # Chinese, Japanese, Korean: the weather after the scene, a particle between (on main
    # each of these deleted the whole scene, or was not understood).
    ("zh-Hans", "把第二个场景的雪去掉", "✅ 已完成：第 2 个场景（“雪中的海滩”）没有雪了"),
    ("zh-Hant", "把第二個場景的雪拿掉", "✅ 已完成：第 2 個場景（「雪中的海灘」）沒有雪了"),
    ("ja", "2番目のシーンの雪を消して",
     "✅ 完了：2番目のシーン（「雪の中の海辺」）の雪をなくしました"),
    ("ko", "두 번째 장면에서 눈 없애줘", "✅ 완료: 2번째 장면(“눈 내리는 해변”)에서 눈을 없앴어요"),
])
def test_weather_taken_from_one_scene_keeps_the_scene(api: Api, lang: str, ask: str,
                                                      said: str) -> None:
    """On main "remove the snow from the first scene" removed the whole scene."""
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, before = api.say(token, sid, {"en": "make the second scene snowy",
                                     "es": "que nieve en la segunda escena",
                                     "de": "In der zweiten Szene soll es schneien",
                                     "zh-Hans": "第二个场景换成下雪",
                                     "zh-Hant": "第二個場景下雪",
                                     "ja": "2番目のシーンに雪を降らせて",
                                     "ko": "두 번째 장면에 눈이 내리게 해줘"}[lang])
    assert _weathers(before)[1] == "snow"
    text, state = api.say(token, sid, ask)
    assert text.startswith(said), text
    assert len(_weathers(state)) == len(_weathers(before))
    assert set(_weathers(state)) == {"clear"}
    assert state["draft"]["d"] == before["draft"]["d"]


def test_a_scene_that_is_not_there_names_the_scenes(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "make scene 9 snowy")
    assert text.startswith("I couldn't find that clip. The video's clips are: 1. beach"), text
    assert _weathers(state) == _weathers(before)


@pytest.mark.parametrize(("lang", "snowy", "ask"), [
    ("en", "make the second scene snowy", "delete the second scene with the snow"),
    ("zh-Hans", "第二个场景换成下雪", "删掉有雪的第二个场景"),
    ("ko", "두 번째 장면에 눈이 내리게 해줘", "눈 오는 두 번째 장면 지워줘"),
])
def test_removing_a_scene_named_by_its_weather_still_removes_it(
        api: Api, lang: str, snowy: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, before = api.say(token, sid, snowy)
    assert _weathers(before)[1] == "snow"
    text, state = api.say(token, sid, ask)
    assert text.startswith("✂️"), text
    assert len(_weathers(state)) == len(_weathers(before)) - 1
    assert set(_weathers(state)) == {"clear"}
    if lang == "en":
        assert text.startswith("✂️ Removed “beach in the snow” (5-10 s)"), text


@pytest.mark.parametrize(("lang", "ask", "named"), [
    ("en", "blorp the video", "make the second scene rainy"),
    ("de", "blorp das Video", "in der zweiten Szene soll es regnen"),
    ("zh-Hans", "把视频blorp一下", "第二个场景下雨"),
    ("ko", "영상 blorp 해줘", "두 번째 장면에 비가 내리게 해줘"),
])
def test_what_was_not_understood_says_weather_can_be_asked(api: Api, lang: str, ask: str,
                                                           named: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, _ = api.say(token, sid, ask)
    assert named in text, text


def test_weather_of_an_uploaded_photo_says_it_is_not_drawn(api: Api, tmp_path: Path) -> None:
    photos = []
    for k in range(2):
        photo = tmp_path / f"beach{k}.jpg"
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
                        "-y", "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=1:duration={k + 1}",
                        "-frames:v", "1", str(photo)], check=True, timeout=60)
        photos.append(photo)
    token, sid = api.new_user("en")
    r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}",
                      files=[("files", (p.name, p.read_bytes())) for p in photos],
                      headers=api.auth(token))
    assert r.status_code == 200, r.text
    _, before = api.say(token, sid, "make a 10 second video with my photos")
    text, state = api.say(token, sid, "make the second scene rainy")
    assert text == ("Scene 2 (“beach1.jpg”) is your own clip: the offline renderer draws "
                    "weather only in the scenes it makes, so nothing changed."), text
    assert state["draft"] == before["draft"]


def _scenes(state: dict[str, Any]) -> list[dict[str, Any]]:
    video = _track(state, "Video")
    assert video is not None
    return [sg["m"]["scene"] for sg in video["sg"] if sg["m"].get("kind") == "scene"]


@pytest.mark.parametrize(("lang", "ask", "about"), [
    ("en", "make a 10-second video about a bakery in the morning, with warm light and people "
     "walking", "“bakery in the morning, with people walking”"),
    ("en", "make a 10-second video about a bakery in the morning with warm light and people "
     "walking", "“bakery in the morning with people walking”"),
    ("es", "haz un video de 10 segundos de una panadería por la mañana, con luz cálida y gente "
     "caminando", "«panadería por la mañana, con gente caminando»"),
    ("fr", "fais une vidéo de 10 secondes d'une boulangerie le matin, avec une lumière chaude et "
     "des gens qui marchent", "« boulangerie le matin, avec des gens qui marchent »"),
    ("de", "mach ein 10 Sekunden Video von einer Bäckerei am Morgen, mit warmem Licht und "
     "Leuten, die vorbeigehen", "„Bäckerei am Morgen, mit Leuten, die vorbeigehen“"),
    ("pt", "faz um vídeo de 10 segundos de uma padaria de manhã, com luz quente e pessoas "
     "caminhando", "padaria de manhã, com pessoas caminhando"),
    ("zh-Hans", "做一个10秒的早上面包店的视频，暖色光，有人走过", "早上面包店"),
    ("zh-Hant", "做一個10秒的早上麵包店的影片，暖色光，有人走過", "早上麵包店"),
    ("ja", "朝のパン屋の10秒の動画を作って、暖かい光、人が歩いている", "朝のパン屋"),
    ("ko", "아침 빵집 10초 영상 만들어줘, 따뜻한 빛, 사람들이 걸어가는", "아침 빵집"),
])
def test_details_after_the_subject_are_drawn(api: Api, lang: str, ask: str, about: str) -> None:
    """Trial 14: "…, with warm light and people walking" drew neither; "warm" was taken for
    the music's mood and the clause holding it was cut, people and all."""
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, ask)
    assert about in text, text
    scenes = _scenes(state)
    assert scenes
    assert all("crowd" in s["subjects"] for s in scenes), scenes
    # The warm light is the picture's warm look (the renderer tints every frame with it).
    assert state["draft"].get("look") == "warm"
    bgm = _track(state, "BGM")
    assert bgm is not None
    assert bgm["sg"][0]["m"]["mood"] != "romantic"


def test_a_detail_after_the_look_that_is_not_drawn_is_said(api: Api) -> None:
    token, sid = api.new_user("en")
    text, state = api.say(token, sid, "make a video about a bakery in the morning, with warm "
                                      "light and a dragon")
    assert text.endswith("\nNot in the picture (nothing draws it yet): dragon."), text
    assert state["draft"].get("look") == "warm"


# Review of the weather of one scene: messages that name a scene, its place and a weather word
# but ask something else are read as before (main), not as weather put in that scene.
@pytest.mark.parametrize(("lang", "ask"), [
    # (A removal and then the weather of another scene is two requests, both made since the
    # twenty-third round: tests/backend/local/test_agent_trial23.py.)
    ("zh-Hans", "删除第二个下雨的场景"),
    ("en", "remove the rainy second scene"),
    ("en", "remove the rain and the second scene"),
])
def test_a_scene_removal_naming_weather_removes_the_scene(api: Api, lang: str,
                                                          ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text.startswith("✂️"), text
    assert len(_weathers(state)) == len(_weathers(before)) - 1
    assert set(_weathers(state)) == set(_weathers(before))  # no weather put anywhere


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "the rain in scene 2 is too heavy"),
    ("ja", "2番目のシーンの雨が強すぎる"),
    ("zh-Hans", "第二个场景的雨太大了"),
    ("en", "make every scene except the second rainy"),
    ("zh-Hans", "除了第二个场景都下雨"),
    ("en", "change scene 2 to Snow White"),
    ("zh-Hans", "第二个场景加一个雪人"),
    ("ja", "2番目のシーンに雪だるまを追加"),
    ("en", "make the second scene about rain boots"),
    ("en", "change the second scene to a rainy forest"),
    ("en", "move the second scene with the rain to the end"),
])
def test_a_scene_message_saying_more_than_its_weather_puts_none_in(api: Api, lang: str,
                                                                   ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert not any(w in ("rain", "snow", "storm") for w in _weathers(state)), text
    assert _weathers(state)[1] == _weathers(before)[1]


def test_a_scene_edit_with_a_length_or_a_look_is_not_cut_to_weather(api: Api) -> None:
    """As on main: the length is set, the video darkened; no weather is put in silently."""
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "make scene 2 rainy, 10 seconds")
    assert text.startswith("⏱️ The video is now 10 s long"), text
    assert "rain" not in _weathers(state), text
    text, state = api.say(token, sid, "make the second scene darker, like before a storm")
    assert text.startswith("🎨 The whole video is now darker"), text
    assert "storm" not in _weathers(state), text


@pytest.mark.parametrize(("lang", "ask", "kind"), [
    ("en", "rain in scene 2 and snow in scene 3", "unknown"),
    ("en", "make the second scene rainy and the third snowy", "unknown"),
    ("en", "remove the rain from scene 2 and the snow from scene 3", None),
    ("en", "remove the rain from all scenes except the second", None),
    ("en", "la lluvia en la escena 2 es demasiado fuerte", None),
    ("fr", "la pluie dans la scène 2 est trop forte", None),
    ("pt", "a chuva na cena 2 está forte demais", None),
    ("de", "der Regen in Szene 2 ist zu stark", None),
    ("ko", "두 번째 장면에 비가 너무 많이 와", None),
    ("zh-Hant", "除了第二個場景，其他都下雪", None),
    ("ja", "2番目以外のシーンに雨を降らせて", None),
    ("en", "make it rain in every scene but the first", None),
    ("fr", "la deuxième scène : Blanche-Neige", None),
    ("es", "haz la segunda escena sobre botas de lluvia", None),
    ("zh-Hans", "第二个场景改成雪花酥", None),
    ("zh-Hans", "第二个场景加个雨衣的人", None),
    ("en", "in the second scene, show a storm of emotions", None),
    ("en", "speed up the second scene with the rain", None),
    ("en", "duplicate the snowy second scene", None),
    ("en", "swap the rainy scene 2 with scene 3", None),
    ("en", "make the second scene a sunny day after the storm", None),
    ("en", "replace the second scene with a snowy mountain", None),
    ("ja", "2番目のシーンを雨の森に変えて", None),
    ("ko", "두 번째 장면을 비 오는 숲으로 바꿔 줘", None),
    ("en", "delete the snowy first scene", "clip_remove"),
])
def test_one_scenes_weather_is_only_taken_when_nothing_else_is_said(
        lang: str, ask: str, kind: str | None) -> None:
    """Parse level: none of these is weather asked of one scene."""
    said = parse(ask, has_video=True, session_language=lang)
    assert not (said.kind == "weather" and said.track is not None), said
    if kind is not None:
        assert said.kind == kind, said


@pytest.mark.parametrize(("lang", "ask", "said", "look"), [
    # The joining word goes with the look that ends its clause: no "with," left hanging.
    ("en", "a 10-second video of a living room with warm light, a dog and a cat",
     ("“living room, a dog and a cat”", "“Living Room, a Dog and a Cat”"), None),
    ("es", "haz un video de 10 segundos de un café con luz cálida, libros y gente leyendo",
     ("«café, libros y gente leyendo»", "«Café, libros y gente leyendo»"), "warm"),
    # Followed by a noun, or after "of", warm light is what the video shows: no look.
    ("en", "make a 10-second video of a warm light bulb factory tour",
     ("“warm light bulb factory tour”", "“Warm Light Bulb Factory Tour”"), None),
    ("en", "a 10-second video of warm light on a wall",
     ("“warm light on a wall”", "“Warm Light on a Wall”"), None),
])
def test_warm_light_leaves_a_clean_subject_and_is_a_look_only_as_one(
        api: Api, lang: str, ask: str, said: tuple[str, str], look: str | None) -> None:
    """The subject and the title the user reads; on the reviewed branch "Living Room With, a
    Dog and a Cat", "Café con, libros…", "Bulb Factory Tour", "wall"."""
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, ask)
    about, title = said
    assert about in text, text
    assert title in text, text
    assert state["draft"].get("look") == look


@pytest.mark.parametrize(("ask", "setting"), [
    ("東京の動画を作って、縦長で", ""),
    ("犬の動画を作って、ナレーション付き、明るい雰囲気", ""),
    ("パン屋の動画を作って、白黒で、人が歩いている", ""),
    ("朝のパン屋の動画を作って、暖かい光、人が歩いている", "人が歩いている"),
])
def test_japanese_comma_ends_a_setting_clause_only_after_a_warm_light(ask: str,
                                                                     setting: str) -> None:
    """Parse level: "、" lists things inside a Japanese clause, as on main; after a warm light
    said as a clause of its own it ends one, and the look is no setting of the scenes."""
    assert parse(ask, has_video=False, session_language="ja").setting == setting
