"""A look over the whole video (black and white, sepia, warmer, cooler, brighter, darker),
asked for in the user's language, kept in the draft, drawn by the real renderer over uploaded
clips too, and undone by "back to colour". Real HTTP; frames read back from the export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.lexicon import LOOKS
from backend.local.render_graph import LOOK_FILTERS
from backend.local.runner import LocalBackend
from router.language import detect_locale
from tests.backend.local.conftest import Api
from tests.backend.local.test_clip_sound import _clip, _export, _upload
from tests.media import frames_at

#: (language, a generation prompt, "make it black and white", "back to colour").
MONO = [
    ("en", "generate an 8-second video about a lighthouse by the sea", "make it black and white",
     "back to colour"),
    ("zh-Hans", "生成一段8秒的海边灯塔视频", "黑白的", "恢复彩色"),
    ("zh-Hant", "生成一段8秒的海邊燈塔影片", "把畫面改成黑白", "恢復彩色"),
    ("es", "genera un vídeo de 8 segundos sobre un faro junto al mar", "ponlo en blanco y negro",
     "vuelve al color"),
    ("fr", "génère une vidéo de 8 secondes sur un phare au bord de la mer",
     "mets la vidéo en noir et blanc", "remets la couleur"),
    ("de", "erstelle ein 8-Sekunden-Video über einen Leuchtturm am Meer",
     "mach das Video schwarz-weiß", "wieder in Farbe"),
    ("pt", "gere um vídeo de 8 segundos sobre um farol à beira-mar", "deixe em preto e branco",
     "volta a cor"),
    ("ja", "海辺の灯台の8秒の動画を作って", "モノクロにして", "カラーに戻して"),
    ("ko", "바닷가 등대에 대한 8초 영상을 만들어 줘", "흑백으로 바꿔줘", "원래 색으로 돌려줘"),
]


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


def test_every_look_has_a_filter() -> None:
    assert set(LOOK_FILTERS) == set(LOOKS)


@pytest.mark.parametrize(("lang", "prompt", "ask", "undo"), MONO, ids=[m[0] for m in MONO])
def test_black_and_white_is_asked_for_kept_and_undone(api: Api, lang: str, prompt: str,
                                                      ask: str, undo: str) -> None:
    token, sid = api.new_user()
    _, before = _say(api, token, sid, prompt)
    assert "look" not in before["draft"]
    text, after = _say(api, token, sid, ask)
    assert after["draft"]["look"] == "mono"
    assert after["draft"]["t"] == before["draft"]["t"]  # only the look changed
    assert "🎨" in text
    assert detect_locale(text) == lang
    again, same = _say(api, token, sid, ask)
    assert same == after  # already so: nothing changed, and the reply says so
    assert "🎨" not in again
    text, undone = _say(api, token, sid, undo)
    assert "look" not in undone["draft"]
    assert "🎨" in text
    assert detect_locale(text) == lang


@pytest.mark.parametrize(("ask", "look"), [
    ("make it sepia", "sepia"), ("make it warmer", "warm"), ("cooler colours please", "cool"),
    ("make it brighter", "bright"), ("make the video darker", "dark"),
])
def test_other_looks(api: Api, ask: str, look: str) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "generate an 8-second video about a lighthouse by the sea")
    text, state = _say(api, token, sid, ask)
    assert state["draft"]["look"] == look
    assert "🎨" in text
    assert "uploaded" not in text  # no uploaded clips in this video to speak of


#: (language, a generation prompt, asking for a look, what the reply and the project answer say).
LOOK_WORDING = [
    # Review 2: "整个画面为调亮" (为 before a verb) and "영상 전체를 밝게으로 바꿨어요".
    ("zh-Hans", "生成一段8秒的海边灯塔视频", "调亮一点", "现在是更明亮的色调", "视频里有什么？",
     "整个画面为更明亮的色调"),
    ("zh-Hant", "生成一段8秒的海邊燈塔影片", "調暗一點", "現在是更暗的色調", "影片裡有什麼？",
     "整個畫面為更暗的色調"),
    ("ko", "바닷가 등대에 대한 8초 영상을 만들어 줘", "더 밝게 해 줘", "밝은 톤으로 바꿨어요",
     "프로젝트에 뭐가 있어?", "화면 전체 밝은 톤"),
    ("en", "generate an 8-second video about a lighthouse by the sea", "make it sepia",
     "The whole video is now in sepia", "what's in my project?", "the whole picture in sepia"),
]


@pytest.mark.parametrize(("lang", "prompt", "ask", "said", "question", "answered"), LOOK_WORDING,
                         ids=[w[0] for w in LOOK_WORDING])
def test_a_look_is_named_in_a_sentence_that_reads(api: Api, lang: str, prompt: str, *, ask: str,
                                                  said: str, question: str,
                                                  answered: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, prompt)
    text, state = _say(api, token, sid, ask)
    assert "look" in state["draft"]
    assert said in text, text
    text, _ = _say(api, token, sid, question)
    assert answered in text, text


def test_a_new_black_and_white_video_names_its_subject(api: Api) -> None:
    token, sid = api.new_user()
    _, state = _say(api, token, sid, "make a 10-second black and white video of a city street")
    assert state["draft"]["look"] == "mono"
    assert state["draft"]["t"][0]["sg"][0]["m"]["desc"].startswith("city street")


def _saturation(path: Path) -> float:
    """The largest colour spread (max − min of R, G, B) of any pixel in a few frames."""
    frames = frames_at(path, (0.2, 0.8, 1.4))
    return float(max(int(np.max(f.max(axis=2) - f.min(axis=2))) for f in frames))


def test_the_export_of_an_uploaded_clip_is_black_and_white(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api],
        tmp_path: Path) -> None:
    api = make_api(make_backend(renderer=None))
    token, sid = api.new_user()
    _upload(api, token, sid, _clip(tmp_path / "colours.mp4", 2, "sine=frequency=440"))
    colour = _export(api, token, sid, "render_look_colour", tmp_path / "colour.mp4")
    assert _saturation(colour) > 100  # the test pattern's bright colours
    text, _ = _say(api, token, sid, "make it black and white")
    assert "black and white, uploaded clips included" in text
    mono = _export(api, token, sid, "render_look_mono", tmp_path / "mono.mp4")
    assert _saturation(mono) <= 8  # grey: chroma rounding only


def _mean_rgb(colour: str, look: str) -> np.ndarray:
    """The mean R, G, B (0-255) of a flat ``colour`` picture drawn through ``look``'s filter
    by the renderer's ffmpeg."""
    import subprocess

    from backend.local.render import ffmpeg_exe

    chain = LOOK_FILTERS[look] + "," if look else ""
    done = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", f"color=c={colour}:s=32x32:d=0.04",
         "-vf", f"{chain}format=rgb24", "-frames:v", "1", "-f", "rawvideo", "-"],
        capture_output=True, check=True, timeout=60)
    return np.frombuffer(done.stdout, dtype=np.uint8).reshape(-1, 3).mean(axis=0)


@pytest.mark.parametrize("colour", ["0x6890A8", "0x9CC8E0", "0x808080", "0x3C5A3C"])
def test_warmer_and_cooler_can_be_seen(colour: str) -> None:
    # The scenes we draw are mostly light sky and water: "warmer" moved their mean red by 1
    # of 255 (a user compared the frames and saw no change).
    plain, warm, cool = (_mean_rgb(colour, look) for look in ("", "warm", "cool"))
    red_minus_blue = [float(c[0] - c[2]) for c in (plain, warm, cool)]
    assert red_minus_blue[1] >= red_minus_blue[0] + 10
    assert red_minus_blue[2] <= red_minus_blue[0] - 10
