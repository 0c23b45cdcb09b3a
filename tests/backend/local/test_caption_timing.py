"""Captions are on screen while their sentence is spoken (plus a short hold), or, without a
voice, for the time it takes to read them; never for the whole scene. Checked over HTTP
against a real local backend, in the replies, the state, the exported .srt and the picture."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from backend.local.caption_timing import reading_ms
from backend.local.render import render_draft
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api
from tests.backend.test_client_local import drain, make
from tests.backend.test_client_local import http as http  # noqa: PLC0414 - a fixture
from tests.backend.test_client_local import lb as lb  # noqa: PLC0414 - a fixture
from tests.backend.test_client_local import start as start  # noqa: PLC0414 - a fixture
from tests.media import frames_at

README = ("generate a 30-second video from this script: A city wakes up. Coffee steams on a "
          "balcony. Trains glide through the morning light.")
UNSPOKEN = {
    "en": "generate a 30-second video from this script, no voice-over: A city wakes up. "
          "Coffee steams on a balcony. Trains glide through the morning light.",
    "zh-Hans": "用这个脚本做一个30秒的视频，不要配音：城市醒来了。阳台上咖啡冒着热气。"
               "列车在清晨金色的阳光中缓缓驶过城市的高架桥。",
    "es": "genera un vídeo de 30 segundos con este guion, sin narración: La ciudad despierta. "
          "El café humea en un balcón. Los trenes se deslizan con la luz de la mañana.",
}


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


def _track(draft: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return next((t["sg"] for t in draft["t"] if t.get("n") == name), [])


def _end(sg: dict[str, Any]) -> int:
    return int(sg["s"]) + int(sg["d"])


def _listed(reply: str) -> list[tuple[float, float]]:
    """The (start, end) seconds a "show me the captions" reply gives, in its order."""
    return [(float(a), float(b)) for a, b in re.findall(r"\((\d+(?:\.\d+)?)–(\d+(?:\.\d+)?) s\)",
                                                        reply)]


def _check_follows_voice(draft: dict[str, Any]) -> None:
    scenes, voice, captions = (_track(draft, n) for n in ("Video", "Narration", "Captions"))
    assert len(voice) == len(captions) == 3
    for scene, spoken, caption in zip(scenes, voice, captions, strict=True):
        assert caption["m"]["text"] == spoken["m"]["text"]
        assert caption["s"] == spoken["s"]  # up with the first word
        # Held a little after the last word (longer only to be read), then gone, well
        # before the scene ends.
        assert _end(spoken) + 300 <= _end(caption) <= _end(spoken) + 1500
        assert _end(caption) <= _end(scene)


def test_the_readme_video_shows_each_caption_while_its_sentence_is_spoken(api: Api) -> None:
    token, sid = api.new_user("en")
    _, state = _say(api, token, sid, README)
    assert state["draft"]["d"] == 30_000  # the scenes are 10 s: the voice is ~2 s of each
    _check_follows_voice(state["draft"])
    reply, _ = _say(api, token, sid, "show me the captions")
    listed = _listed(reply)
    scenes = _track(state["draft"], "Video")
    assert len(listed) == 3, reply
    for (begin, end), scene in zip(listed, scenes, strict=True):
        # What the user reads: a caption of a 2-second sentence is not up for 9 seconds.
        assert end - begin < 4, reply
        assert end < _end(scene) / 1000 - 5, reply


def test_captions_follow_the_voice_when_the_length_changes(api: Api) -> None:
    token, sid = api.new_user("en")
    _say(api, token, sid, README)
    for ask, total in (("make it 60 seconds", 60_000), ("make it 10 seconds", 10_000)):
        _, state = _say(api, token, sid, ask)
        assert state["draft"]["d"] == total
        _check_follows_voice(state["draft"])


@pytest.mark.parametrize("lang", list(UNSPOKEN))
def test_without_a_voice_a_caption_stays_for_its_reading_time(api: Api, lang: str) -> None:
    token, sid = api.new_user(lang)
    _, state = _say(api, token, sid, UNSPOKEN[lang])
    draft = state["draft"]
    assert _track(draft, "Narration") == []  # "no voice-over" is honoured
    scenes, captions = _track(draft, "Video"), _track(draft, "Captions")
    assert len(scenes) == len(captions) == 3
    # No title made of the first sentence over its own caption (the same words twice).
    assert _track(draft, "Title") == []
    for scene, caption in zip(scenes, captions, strict=True):
        # Shortly after the scene starts.
        assert scene["s"] <= caption["s"] < scene["s"] + 1000
        # As long as it takes to read (and a short hold), not the whole 10-second scene.
        assert reading_ms(caption["m"]["text"]) <= caption["d"] <= reading_ms(
            caption["m"]["text"]) + 1000
        assert _end(caption) < _end(scene) - 4000
    # A longer sentence stays longer.
    assert captions[2]["d"] > captions[0]["d"]


def test_narration_added_later_keeps_the_length_and_times_the_captions(api: Api) -> None:
    token, sid = api.new_user("en")
    _say(api, token, sid, UNSPOKEN["en"])
    reply, state = _say(api, token, sid, "add narration")
    # The 30 seconds asked for stay (the voice fits); the sentences are read as sentences.
    assert state["draft"]["d"] == 30_000
    assert "the video is now" not in reply, reply
    assert ("“A city wakes up. Coffee steams on a balcony. Trains glide through the morning "
            "light.”") in reply, reply
    _check_follows_voice(state["draft"])


async def test_the_exported_srt_has_the_captions_times(lb: LocalBackend, http: httpx.AsyncClient,
                                                       tmp_path: Path) -> None:
    client = make(http, lb, tmp_path)
    await drain(client.send_message(README))
    draft = (await client.state()).draft
    assert draft is not None
    video = await client.export(None, tmp_path / "out")
    cues = re.findall(r"(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})\n(.+)",
                      video.with_suffix(".srt").read_text(encoding="utf-8"))

    def ms(h: str, m: str, s: str, f: str) -> int:
        return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)

    captions = _track(draft, "Captions")
    voice = _track(draft, "Narration")
    assert [(ms(*c[:4]), ms(*c[4:8]), c[8]) for c in cues] == [
        (sg["s"], _end(sg), sg["m"]["text"]) for sg in captions]
    for cue, spoken in zip(cues, voice, strict=True):
        assert ms(*cue[4:8]) <= _end(spoken) + 1500


def _text_pixels(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> int:
    """Pixels of the bottom band that differ clearly between two frames (drawn text, not
    the encoder's noise)."""
    band = (slice(260, 360), slice(0, 640))  # where bottom captions sit
    diff = np.abs(a[band].astype(np.int16) - b[band].astype(np.int16)).max(axis=-1)
    return int((diff > 48).sum())


def test_the_rendered_caption_leaves_after_its_sentence(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user("en")
    _, state = _say(api, token, sid, "generate a 12-second video from this script: A quiet "
                                     "harbour at dawn. Boats rest on the water.")
    draft = state["draft"]
    draft["w"], draft["h"] = 640, 360
    bare = copy.deepcopy(draft)
    bare["t"] = [t for t in bare["t"] if t.get("n") != "Captions"]
    render_draft(draft, tmp_path / "with.mp4", media=lambda _id: None)
    render_draft(bare, tmp_path / "bare.mp4", media=lambda _id: None)
    spoken = _track(draft, "Narration")[0]
    scene = _track(draft, "Video")[0]
    during = (spoken["s"] + spoken["d"] / 2) / 1000
    after = (_end(spoken) + 1600) / 1000
    assert after < _end(scene) / 1000 - 0.5  # still the same scene
    times = (during, after)
    shown = frames_at(tmp_path / "with.mp4", times)
    plain = frames_at(tmp_path / "bare.mp4", times)
    assert _text_pixels(shown[0], plain[0]) > 500  # the caption is drawn while spoken
    assert _text_pixels(shown[1], plain[1]) < 20  # and gone 1.6 s after the last word


@pytest.mark.parametrize(("lang", "longer", "shorter"), [
    ("en", "make it 60 seconds", "make it 8 seconds"),
    ("fr", "fais-la durer 60 secondes", "fais-la durer 8 secondes"),
])
def test_a_new_length_keeps_the_title_and_captions_readable(api: Api, lang: str, longer: str,
                                                            shorter: str) -> None:
    # Found using it: "make it 20 seconds" left the title on screen for 11.8 s, and a shorter
    # video showed it for 0.8 s.
    token, sid = api.new_user(lang)
    _say(api, token, sid, UNSPOKEN["en"] if lang == "en" else
         "fais une vidéo de 30 secondes à partir de ce script, sans narration : "
         "La ville se réveille. Le café fume sur un balcon. Les trains glissent "
         "dans la lumière du matin.")
    # A script has a title only when asked for (one of its own would repeat the first caption).
    _, before = _say(api, token, sid, {"en": 'add a title "Morning"',
                                       "fr": "ajoute le titre « Matin »"}[lang])
    assert [(sg["s"], sg["d"]) for sg in _track(before["draft"], "Title")] == [(0, 3000)]
    reading = [sg["d"] for sg in _track(before["draft"], "Captions")]
    for ask, total in ((longer, 60_000), (shorter, 8_000)):
        _, state = _say(api, token, sid, ask)
        assert state["draft"]["d"] == total
        assert [(sg["s"], sg["d"]) for sg in _track(state["draft"], "Title")] == [(0, 3000)]
        captions = _track(state["draft"], "Captions")
        assert [sg["d"] for sg in captions] == [min(d, total - sg["s"])
                                                for d, sg in zip(reading, captions, strict=True)]
