"""Weather edits tell the truth, over HTTP against a real local backend: after "make it rain"
or "stop the rain" each scene's description and the timeline say the weather drawn now, not
the original request; "less rain" makes it lighter where the renderer can draw it lighter,
and otherwise says so (and what can be done) instead of taking it all away."""

from __future__ import annotations

import re
from typing import Any

import pytest

from router.language import detect_locale
from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


def _scenes(state: dict[str, Any]) -> list[dict[str, Any]]:
    video = next(t for t in state["draft"]["t"] if t.get("n") == "Video")
    return [sg["m"] for sg in video["sg"]]


# language, a rainy city, "the rain stops", the timeline question, the description before
# and after.
STOPS = [
    ("en", "make a 10 second video of a city in the rain", "stop the rain",
     "what's in the video?", "city in the rain", "city after the rain"),
    ("es", "haz un vídeo de 10 segundos de una ciudad bajo la lluvia", "que pare la lluvia",
     "¿qué hay en el vídeo?", "ciudad bajo la lluvia", "ciudad después de la lluvia"),
    ("fr", "fais une vidéo de 10 secondes d'une ville sous la pluie", "arrête la pluie",
     "qu'y a-t-il dans la vidéo ?", "ville sous la pluie", "ville après la pluie"),
    ("de", "mach ein 10 Sekunden Video von einer Stadt im Regen", "der Regen hört auf",
     "was ist im Video?", "Stadt im Regen", "Stadt nach dem Regen"),
    ("pt", "faça um vídeo de 10 segundos de uma cidade na chuva", "pare a chuva",
     "o que tem no vídeo?", "cidade na chuva", "cidade depois da chuva"),
    ("zh-Hans", "生成一段10秒的雨中城市视频", "雨停了", "视频里有什么？", "雨中城市", "雨后的城市"),
    ("zh-Hant", "生成一段10秒的雨中城市影片", "雨停了", "影片裡有什麼？", "雨中城市", "雨後的城市"),
    ("ja", "雨の街の10秒の動画を作って", "雨がやんだ", "動画には何がある？", "雨の街",
     "雨上がりの街"),
    ("ko", "비 오는 도시 10초 영상 만들어 줘", "비가 그쳤어", "영상에 뭐가 있어?", "비 오는 도시",
     "비 갠 도시"),
]


@pytest.mark.parametrize("case", STOPS, ids=[s[0] for s in STOPS])
def test_stopped_rain_leaves_the_scenes_text_and_the_timeline(
        api: Api, case: tuple[str, str, str, str, str, str]) -> None:
    lang, make, stop, ask, old, new = case
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, make)
    assert {m["desc"] for m in _scenes(before)} == {old}
    _, after = _say(api, token, sid, stop)
    assert {m["desc"] for m in _scenes(after)} == {new}
    assert {m["scene"]["weather"] for m in _scenes(after)} == {"cloudy"}
    text, _ = _say(api, token, sid, ask)
    assert new in text, text  # the timeline names what is drawn now
    title = next(t for t in after["draft"]["t"] if t.get("n") == "Title")["sg"][0]["m"]["text"]
    assert old not in text.replace(new, "").replace(title, ""), text  # (the title stays)


@pytest.mark.parametrize(("lang", "make", "rain", "said"), [
    ("en", "make a 10 second video of a city at night", "make it rain",
     "city at night in the rain"),
    ("es", "haz un vídeo de 10 segundos de una ciudad de noche", "que llueva",
     "ciudad de noche bajo la lluvia"),
    ("zh-Hans", "生成一段10秒的城市夜景视频", "下雨", "雨中的城市夜景"),
    ("ja", "夜の街の10秒の動画を作って", "雨を降らせて", "雨の中の夜の街"),
])
def test_rain_made_to_fall_is_in_the_scenes_text(api: Api, lang: str, make: str, rain: str,
                                                 said: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, make)
    _, after = _say(api, token, sid, rain)
    assert {m["desc"] for m in _scenes(after)} == {said}
    assert {m["scene"]["weather"] for m in _scenes(after)} == {"rain"}
    # Taken away again ("no rain"): the sky is clear and the text is the subject again.
    _, cleared = _say(api, token, sid, {"en": "no rain", "es": "sin lluvia", "zh-Hans": "去掉雨",
                                        "ja": "雨なし"}[lang])
    assert {m["scene"]["weather"] for m in _scenes(cleared)} == {"clear"}
    assert {m["desc"] for m in _scenes(cleared)} == {m["desc"] for m in _scenes(
        api.state(token, sid))}
    assert not any(w in m["desc"] for m in _scenes(cleared)
                   for w in ("rain", "lluvia", "雨"))


LESS = [
    ("en", "make a 10 second video of a city in the rain", "less rain"),
    ("en", "make a 10 second video of a snowy forest with a cabin", "a bit less snow"),
    ("es", "haz un vídeo de 10 segundos de una ciudad bajo la lluvia", "menos lluvia"),
    ("fr", "fais une vidéo de 10 secondes d'une ville sous la pluie", "moins de pluie"),
    ("de", "mach ein 10 Sekunden Video von einer Stadt im Regen", "weniger Regen"),
    ("pt", "faça um vídeo de 10 segundos de uma cidade na chuva", "menos chuva"),
    ("zh-Hans", "生成一段10秒的雨中城市视频", "雨小一点"),
    ("zh-Hant", "生成一段10秒的雨中城市影片", "雨小一點"),
    ("ja", "雨の街の10秒の動画を作って", "雨を少なくして"),
    ("ko", "비 오는 도시 10초 영상 만들어 줘", "비를 적게 해줘"),
]
_QUOTED = re.compile(r"[“«„「]\s*([^”»“」]+?)\s*[”»“」]")


@pytest.mark.parametrize(("lang", "make", "less"), LESS, ids=[f"{c[0]}-{c[2]}" for c in LESS])
def test_less_rain_is_not_no_rain(api: Api, lang: str, make: str, less: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, make)
    text, after = _say(api, token, sid, less)
    # Drawn at one strength: nothing is taken away, and the reply says so, in the language.
    assert after == before
    assert detect_locale(text) == lang, text
    # What it offers works as it says: the first takes the weather away (a clear sky).
    offers = _QUOTED.findall(text)
    assert offers, text
    _, gone = _say(api, token, sid, offers[0])
    assert {m["scene"]["weather"] for m in _scenes(gone)} == {"clear"}
    assert all(not m["scene"]["particles"] for m in _scenes(gone))
    if len(offers) > 1:  # "stop the rain" leaves the clouds
        token, sid = api.new_user(lang)
        _say(api, token, sid, make)
        _, stopped = _say(api, token, sid, offers[1])
        assert {m["scene"]["weather"] for m in _scenes(stopped)} == {"cloudy"}


def test_less_rain_in_a_storm_is_plain_rain(api: Api) -> None:
    token, sid = api.new_user("en")
    _, before = _say(api, token, sid, "make a 10 second video of a city in a thunderstorm")
    assert {m["scene"]["weather"] for m in _scenes(before)} == {"storm"}
    text, after = _say(api, token, sid, "less rain")
    assert text.startswith("✅ Done: the storm is now plain, lighter rain in every scene."), text
    assert {m["scene"]["weather"] for m in _scenes(after)} == {"rain"}
    assert all("rain" in m["scene"]["particles"] for m in _scenes(after))
    assert {m["desc"] for m in _scenes(after)} == {"city in the rain"}


def test_a_scripts_sentences_stay_when_its_weather_changes(api: Api) -> None:
    # The sentences are the user's words, spoken and captioned: only what is drawn changes.
    token, sid = api.new_user("en")
    _, before = _say(api, token, sid, "make a video from this script: Rain falls on the old "
                                      "town. People hurry home under umbrellas.")
    _, after = _say(api, token, sid, "stop the rain")
    assert [m["desc"] for m in _scenes(after)] == [m["desc"] for m in _scenes(before)]
    assert any(m["scene"] != b["scene"] for m, b in zip(_scenes(after), _scenes(before),
                                                        strict=True))
