"""Narration: a voice per language (or a reply saying there is none), scenes and captions
timed to the voice, music ducked under it, all heard in the rendered file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.narration import (
    language_of,
    narration_note,
    speak,
    voice_for,
    wants_narration,
)
from backend.local.narration.timeline import narrate_script
from backend.local.render import render_draft
from tests.backend.local.conftest import Api
from tests.media import rms_between

SCRIPTS = {
    "en": "A sunset over a mountain lake. The first stars appear.",
    "zh-Hans": "山间湖泊上的日落。第一颗星星出现了。",
    "zh-Hant": "夕陽下的山間湖泊。第一顆星星出現了。",
    "es": "Un atardecer sobre el lago de la montaña. Aparecen las primeras estrellas.",
    "fr": "Un coucher de soleil sur le lac de la montagne. Les premières étoiles apparaissent.",
    "de": "Ein Sonnenuntergang über dem Bergsee. Die ersten Sterne erscheinen.",
    "pt": "Um pôr do sol sobre o lago da montanha. As primeiras estrelas aparecem.",
    "ja": "山の湖に沈む夕日。最初の星が見えてきた。",
    "ko": "산속 호수 위의 노을. 첫 번째 별이 나타난다.",
}


def sentences(lang: str) -> list[str]:
    text = SCRIPTS[lang]
    sep = "。" if lang in ("zh-Hans", "zh-Hant", "ja") else ". "
    return [s.strip(" .。") for s in text.split(sep) if s.strip(" .。")]


def base_state(n: int) -> dict[str, Any]:
    scenes = [{"id": f"sc{i}", "s": i * 4000, "d": 4000,
               "m": {"kind": "scene", "desc": f"scene {i}", "seed": i}} for i in range(n)]
    captions = [{"id": f"cap{i}", "s": i * 4000, "d": 4000,
                 "m": {"text": f"scene {i}", "role": "caption", "pos": "bottom", "size": 0.05,
                       "color": "#FFFFFF"}} for i in range(n)]
    bgm = [{"id": "bgm", "s": 0, "d": n * 4000,
            "m": {"kind": "bgm", "name": "Lo-fi", "mood": "calm", "vol": 0.5, "bpm": 80}}]
    return {"draft": {"v": 1, "w": 320, "h": 180, "fps": 30, "ratio": "16:9", "d": n * 4000,
                      "t": [{"id": "trk_video", "tt": 0, "n": "Video", "sg": scenes},
                            {"id": "trk_bgm", "tt": 1, "n": "BGM", "sg": bgm},
                            {"id": "trk_captions", "tt": 7, "n": "Captions", "sg": captions}]}}


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_a_script_in_each_language_is_narrated_or_the_reply_says_why(lang: str) -> None:
    assert language_of(SCRIPTS[lang]) == lang
    parts = sentences(lang)
    state = base_state(len(parts))
    new, note = narrate_script(state, parts, lang, reply_lang="en")
    assert note is None
    voice = voice_for(lang)
    assert voice is not None
    for text in parts:
        spoken, speech = speak(text, voice)
        level = float(np.sqrt(np.mean(speech.samples.astype(float) ** 2)))
        assert level > 500  # clearly audible 16-bit speech
        assert 0.5 < spoken.duration < 8
        starts = [w[0] for w in spoken.words]
        assert len(starts) >= 3
        assert starts == sorted(starts)
    track = next(t for t in new["draft"]["t"] if t.get("n") == "Narration")
    assert track["tt"] == 1
    assert [seg["m"]["text"] for seg in track["sg"]] == parts
    said = [seg["m"].get("say") for seg in track["sg"]]
    if lang == "ja":
        # eSpeak NG reads kana only: Japanese is spoken from its kana reading.
        assert said == ["やま の みずうみ に しずむ ゆうひ", "さいしょ の ほし が みえ てきた"]
    else:
        assert said == [None, None]


def test_japanese_words_light_the_kanji_they_were_read_from() -> None:
    voice = voice_for("ja")
    assert voice is not None
    spoken, _ = speak("山の湖に沈む夕日", voice)
    lit = [spoken.text[c:c + n] for _, c, n in spoken.words]
    assert lit == ["山", "の", "湖", "に", "沈む", "夕日"]
    # Each word takes the time of its reading, not of spelled-out character names.
    assert 1.0 < spoken.duration < 3.5


def test_the_reply_about_a_missing_voice_is_in_the_users_language() -> None:
    # Every reply language has a voice now; a language without one is said so.
    state = base_state(2)
    new, note = narrate_script(state, ["Un tramonto sul lago"], "it", reply_lang="zh")
    assert new == state
    assert note == "目前没有it的离线配音，这个视频没有旁白。"
    assert narration_note("no_voice", "zh-Hans", about="ja") == (
        "目前没有日语的离线配音，这个视频没有旁白。")


@pytest.mark.parametrize("request_text", ["Make a video from this script, no voice-over:",
                                          "用这个脚本做视频，不要配音："])
def test_no_voice_over_is_honoured(request_text: str) -> None:
    assert not wants_narration(request_text)
    state = base_state(2)
    new, note = narrate_script(state, sentences("en"), "en", request=request_text)
    assert (new, note) == (state, None)


def test_scenes_follow_the_spoken_sentences_and_captions_the_voice() -> None:
    parts = ["Hi.", "This second sentence is a good deal longer than the first one was."]
    new, _ = narrate_script(base_state(2), parts, "en")
    tracks = {t["n"]: t["sg"] for t in new["draft"]["t"]}
    scenes, voice, captions = tracks["Video"], tracks["Narration"], tracks["Captions"]
    assert scenes[1]["d"] > scenes[0]["d"] + 1500  # the longer sentence gets the longer scene
    assert scenes[1]["s"] == scenes[0]["s"] + scenes[0]["d"]
    assert new["draft"]["d"] == scenes[1]["s"] + scenes[1]["d"]
    for scene, spoken, caption in zip(scenes, voice, captions, strict=True):
        # The voice is inside its scene; its caption is on screen for all of it.
        assert scene["s"] <= spoken["s"] < spoken["s"] + spoken["d"] <= scene["s"] + scene["d"]
        assert caption["s"] <= spoken["s"]
        assert caption["s"] + caption["d"] >= spoken["s"] + spoken["d"]
        assert caption["m"]["text"] == spoken["m"]["text"]
    assert tracks["BGM"][0]["d"] == new["draft"]["d"]
    assert tracks["BGM"][0]["m"]["duck"] < 1


def test_rendered_voice_is_heard_and_music_ducks_under_it(tmp_path: Path) -> None:
    parts = ["A sunset over a mountain lake.", "The first stars appear over the water."]
    narrated, _ = narrate_script(base_state(2), parts, "en")
    draft = narrated["draft"]
    voice = next(t for t in draft["t"] if t["n"] == "Narration")["sg"]
    render_draft(draft, tmp_path / "voice.mp4", media=lambda _id: None)
    # The same timeline with the voice turned down to nothing still ducks the music...
    muted = copy.deepcopy(draft)
    for seg in next(t for t in muted["t"] if t["n"] == "Narration")["sg"]:
        seg["m"]["vol"] = 0.0
    render_draft(muted, tmp_path / "ducked.mp4", media=lambda _id: None)
    # ...and without the narration track, the same music is not ducked.
    plain = copy.deepcopy(draft)
    plain["t"] = [t for t in plain["t"] if t["n"] != "Narration"]
    render_draft(plain, tmp_path / "music.mp4", media=lambda _id: None)

    for seg in voice:
        during = (seg["s"] / 1000 + 0.3, (seg["s"] + seg["d"]) / 1000 - 0.3)
        ducked = rms_between(tmp_path / "ducked.mp4", *during)
        music = rms_between(tmp_path / "music.mp4", *during)
        assert music > 0.005
        assert ducked == pytest.approx(0.3 * music, rel=0.15)  # DUCK: about -10 dB
        # The voice is what is heard there: several times louder than the music under it.
        assert rms_between(tmp_path / "voice.mp4", *during) > 3 * ducked
    # Before the first word the music plays at its own level.
    lead = (0.0, voice[0]["s"] / 1000 - 0.3)
    assert rms_between(tmp_path / "ducked.mp4", *lead) == pytest.approx(
        rms_between(tmp_path / "music.mp4", *lead), rel=0.05)


def test_a_generated_script_is_narrated_in_the_state(api: Api) -> None:
    token, sid = api.new_user("en")
    api.chat(token, sid, "Make a video from this script:\nA city wakes up. Trains glide by.")
    draft = api.state(token, sid)["draft"]
    voice = next(t for t in draft["t"] if t.get("n") == "Narration")
    assert voice["tt"] == 1
    assert [s["m"]["text"] for s in voice["sg"]] == ["A city wakes up", "Trains glide by"]
    assert all(s["m"]["voice"] == "en-us" and s["d"] > 500 for s in voice["sg"])


def test_a_duration_the_user_asked_for_is_kept_when_the_voice_fits() -> None:
    parts = ["A quiet morning.", "The mountains wake up slowly."]
    natural, _ = narrate_script(base_state(2), parts, "en")
    longer, _ = narrate_script(base_state(2), parts, "en", duration_ms=20_000)
    shorter, _ = narrate_script(base_state(2), parts, "en", duration_ms=1_000)
    assert longer["draft"]["d"] == 20_000
    scenes = next(t for t in longer["draft"]["t"] if t["n"] == "Video")["sg"]
    assert scenes[1]["s"] + scenes[1]["d"] == 20_000
    # The scenes outlast their sentences; each caption is up while its sentence is spoken,
    # held briefly (or as long as it takes to read), then leaves: not stuck for the rest of
    # a 10-second scene.
    captions = next(t for t in longer["draft"]["t"] if t["n"] == "Captions")["sg"]
    voice = next(t for t in longer["draft"]["t"] if t["n"] == "Narration")["sg"]
    for scene, spoken, caption in zip(scenes, voice, captions, strict=True):
        assert caption["s"] == spoken["s"]
        spoken_end, caption_end = spoken["s"] + spoken["d"], caption["s"] + caption["d"]
        assert spoken_end + 300 <= caption_end <= spoken_end + 1500
        assert scene["s"] + scene["d"] - caption_end > 3000
    # Too short for the voice: the voice wins, nothing is cut. (eSpeak NG's length for the
    # same text varies by ~10 ms from call to call, with what it spoke before.)
    assert shorter["draft"]["d"] == pytest.approx(natural["draft"]["d"], abs=50)
    assert shorter["draft"]["d"] > 1_000


def yellow(frame: np.ndarray[Any, Any]) -> int:
    r, g, b = frame[..., 0], frame[..., 1], frame[..., 2]
    return int(((r > 200) & (g > 160) & (b < 140)).sum())


def test_captions_show_while_spoken_with_the_spoken_word_highlighted(tmp_path: Path) -> None:
    from tests.media import frames_at

    parts = ["A quiet sunset over a mountain lake", "Stars appear over the dark water"]
    narrated, _ = narrate_script(base_state(2), parts, "en")
    draft = narrated["draft"]
    draft["w"], draft["h"] = 640, 360
    render_draft(draft, tmp_path / "v.mp4", media=lambda _id: None)
    caption = next(t for t in draft["t"] if t["n"] == "Captions")["sg"][0]
    words = caption["m"]["words"]
    start = caption["s"] / 1000
    # Mid-way through the 4th and 6th words, and before the caption appears.
    t4 = start + (words[3][0] + words[4][0]) / 2000
    t6 = start + (words[5][0] + words[6][0]) / 2000
    before, at4, at6 = frames_at(tmp_path / "v.mp4", (0.1, t4, t6))
    band = (slice(240, 360), slice(0, 640))  # where bottom captions sit
    assert yellow(before[band]) == 0
    assert yellow(at4[band]) > 30
    assert yellow(at6[band]) > 30
    # A different word is lit: the yellow moved.
    lit4 = np.argwhere((at4[band][..., 0] > 200) & (at4[band][..., 2] < 140))[:, 1].mean()
    lit6 = np.argwhere((at6[band][..., 0] > 200) & (at6[band][..., 2] < 140))[:, 1].mean()
    assert lit6 > lit4 + 20
