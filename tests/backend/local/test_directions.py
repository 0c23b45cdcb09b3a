"""Camera directions in a script ("Plano general: …", "特写：…") are how a scene is shot: never
captioned, spoken, titled or shown in a track's label (``backend/local/directions.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from backend.local.directions import split_direction
from tests.backend.local.conftest import Api


@pytest.mark.parametrize(("sentence", "text", "shot"), [
    ("Wide shot: the city at night.", "The city at night.", "Wide shot"),
    ("WIDE SHOT — the city at night.", "The city at night.", "WIDE SHOT"),
    ("Close-up of a steaming cup.", "A steaming cup.", "Close-up"),
    ("the city at night, wide shot.", "the city at night.", "wide shot"),
    ("(close-up) a cup of coffee", "a cup of coffee", "close-up"),
    ("Wide shot.", "", "Wide shot"),
    ("Plano general: la ciudad de noche.", "La ciudad de noche.", "Plano general"),
    ("Primer plano de una taza de café.", "Una taza de café.", "Primer plano"),
    ("Plan large : la ville la nuit.", "La ville la nuit.", "Plan large"),
    ("Gros plan d'une tasse fumante.", "Une tasse fumante.", "Gros plan"),
    ("Totale: die Stadt bei Nacht.", "Die Stadt bei Nacht.", "Totale"),
    ("Nahaufnahme: eine Tasse Kaffee.", "Eine Tasse Kaffee.", "Nahaufnahme"),
    ("Plano geral: a cidade à noite.", "A cidade à noite.", "Plano geral"),
    ("特写：一杯咖啡。", "一杯咖啡。", "特写"),
    ("咖啡杯的特写。", "咖啡杯。", "特写"),
    ("【特寫】一杯咖啡。", "一杯咖啡。", "特寫"),
    ("ワイドショット：夜の街。", "夜の街。", "ワイドショット"),
    ("コーヒーカップのクローズアップ。", "コーヒーカップ。", "クローズアップ"),
    ("와이드 샷: 밤의 도시.", "밤의 도시.", "와이드 샷"),
    ("커피잔 클로즈업.", "커피잔.", "클로즈업"),
])
def test_a_direction_is_taken_out_of_its_sentence(sentence: str, text: str, shot: str) -> None:
    assert split_direction(sentence) == (text, shot)


@pytest.mark.parametrize("sentence", [
    "Totale Finsternis über der Stadt.",  # a total eclipse: no colon, no direction
    "A total eclipse over a wide field.",
    "Picture a close-up of the flowers in your mind.",
    "La ciudad de noche.",
    "雨の夜の街。",
])
def test_a_sentence_without_a_direction_is_kept_as_it_is(sentence: str) -> None:
    assert split_direction(sentence) == (sentence, "")


#: A script with directions, per language: (message, direction words that must not show).
SCRIPTS = {
    "en": ("make a video with this script: Wide shot: the city at night. Close-up: a steaming "
           "cup of coffee. A train crosses the bridge.", ("Wide shot", "Close-up")),
    "es": ("haz un video con este guion: Plano general: la ciudad de noche. Primer plano: una "
           "taza de café humeante. Un tren cruza el puente.", ("Plano general", "Primer plano")),
    "fr": ("fais une vidéo avec ce script : Plan large : la ville la nuit. Gros plan : une tasse "
           "de café fumante. Un train traverse le pont.", ("Plan large", "Gros plan")),
    "de": ("mach ein Video mit diesem Skript: Totale: die Stadt bei Nacht. Nahaufnahme: eine "
           "dampfende Tasse Kaffee. Ein Zug überquert die Brücke.", ("Totale", "Nahaufnahme")),
    "pt": ("faça um vídeo com este roteiro: Plano geral: a cidade à noite. Close-up: uma xícara "
           "de café. Um trem atravessa a ponte.", ("Plano geral", "Close-up")),
    "zh-Hans": ("用这个脚本做视频：远景：夜晚的城市。特写：一杯冒着热气的咖啡。火车驶过大桥。",
                ("远景", "特写")),
    "zh-Hant": ("用這個腳本做影片：遠景：夜晚的城市。特寫：一杯冒著熱氣的咖啡。火車駛過大橋。",
                ("遠景", "特寫")),
    "ja": ("この台本で動画を作って：ワイドショット：夜の街。クローズアップ：湯気の立つコーヒー。"
           "電車が橋を渡る。",
           ("ワイドショット", "クローズアップ")),
    "ko": ("이 대본으로 영상 만들어 줘: 와이드 샷: 밤의 도시. 클로즈업: 김이 나는 커피. "
           "기차가 다리를 건넌다.",
           ("와이드 샷", "클로즈업")),
}


def _texts(state: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for track in state["draft"]["t"]:
        for sg in track["sg"]:
            m = sg["m"]
            found.setdefault(str(track.get("n")), []).append(
                str(m.get("desc") or m.get("text") or m.get("name") or ""))
    return found


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_script_directions_are_not_captioned_spoken_or_titled(api: Api, lang: str) -> None:
    # "Plano general: la ciudad de noche" was the title, every caption began with its shot,
    # and the narration read it aloud.
    token, sid = api.new_user(lang)
    message, shots = SCRIPTS[lang]
    chat = api.chat(token, sid, message)
    assert chat.status == 200
    state = api.state(token, sid)
    texts = _texts(state)
    assert len(texts["Video"]) == 3
    shown = [t for ts in texts.values() for t in ts] + chat.final_texts
    for shot in shots:
        assert not any(shot.lower() in t.lower() for t in shown), (shot, texts)
    video = next(t for t in state["draft"]["t"] if t.get("n") == "Video")
    assert [sg["m"].get("shot", "").lower() for sg in video["sg"]] == [
        shots[0].lower(), shots[1].lower(), ""]
    # What the scenes show is still there, and spoken (a narrated script) and captioned.
    assert texts["Captions"] == texts["Video"]


def test_a_prompt_shot_several_ways_shows_no_shot_names(api: Api) -> None:
    # Its track label read "city at night — wide shot" and its captions
    # "city at night — close-up", which the picture does not show.
    token, sid = api.new_user()
    chat = api.chat(token, sid, "make a 15 second video of a city at night")
    assert chat.status == 200
    api.chat(token, sid, "add captions")
    texts = _texts(api.state(token, sid))
    assert texts["Video"] == ["city at night"] * 3
    assert texts["Captions"] == ["city at night"]  # one caption while the same thing shows
