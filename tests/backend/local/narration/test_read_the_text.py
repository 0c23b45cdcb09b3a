"""A narration asked to read "the text" reads the video's own text, never the words of the
request (trial 12: "…põe uma narração lendo o texto, a professora gosta." had the video say
"o texto, a professora gosta."). Over HTTP against a real local backend, in the nine
languages: a video made from a description reads what it is about, one made from a script
reads the script; the remark beside the request is neither spoken nor captioned."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _texts(state: dict[str, Any], name: str) -> list[str]:
    track = next((t for t in state["draft"]["t"] if t.get("n") == name), None)
    return [str(sg["m"].get("text", "")) for sg in track["sg"]] if track else []


@pytest.mark.parametrize(("lang", "video", "message", "spoken", "remark"), [
    ("pt", "faça um vídeo de um farol na praia",
     "O título tá muito comprido. Coloca só “O Mar” e põe uma narração lendo o texto, a "
     "professora gosta.", "Farol na praia.", "professora"),
    ("en", "make a video of a lighthouse on the beach",
     "add a narrator reading the text, my teacher likes that", "Lighthouse on the beach.",
     "teacher"),
    ("es", "haz un vídeo de un faro en la playa",
     "pon una narración que lea el texto, a la profe le gusta", "Faro en la playa.", "profe"),
    ("fr", "fais une vidéo d'un phare sur la plage",
     "ajoute une narration qui lit le texte, la maîtresse aime bien", "Phare sur la plage.",
     "maîtresse"),
    ("de", "mach ein Video von einem Leuchtturm am Strand",
     "füge eine Sprecherstimme hinzu, die den Text vorliest, das mag die Lehrerin",
     "Leuchtturm am Strand.", "Lehrerin"),
    ("zh-Hans", "做一个海边灯塔的视频", "加个旁白读文字，老师喜欢", "海边灯塔。", "老师"),
    ("zh-Hant", "做一個海邊燈塔的影片", "加個旁白讀文字，老師喜歡", "海邊燈塔。", "老師"),
    ("ja", "海辺の灯台の動画を作って", "ナレーションでテキストを読み上げて、先生が好きなので",
     "海辺の灯台。", "先生"),
    ("ko", "해변 등대 영상 만들어줘", "내레이션으로 텍스트를 읽어 줘, 선생님이 좋아해요",
     "해변 등대.", "선생님"),
])
def test_reading_the_text_reads_what_the_video_is_about(
        api: Api, lang: str, video: str, message: str, *, spoken: str, remark: str
) -> None:
    token, sid = api.new_user(lang)
    api.say(token, sid, video)
    reply, state = api.say(token, sid, message)
    assert _texts(state, "Narration") == [spoken], reply
    assert _texts(state, "Captions") == [spoken], reply
    assert remark not in reply, reply
    if lang == "pt":
        # The title asked for in the same message is set too, and said.
        assert _texts(state, "Title") == ["O Mar"], reply
        assert "“O Mar”" in reply, reply


@pytest.mark.parametrize(("lang", "video", "message", "lines"), [
    ("en", "make a video from this script, no voice-over: The sun rises over the hills. "
           "A farmer walks to the barn.",
     "add a narrator reading the text, my teacher likes that",
     ["The sun rises over the hills", "A farmer walks to the barn"]),
    ("pt", "faça um vídeo com este roteiro, sem narração: O sol nasce sobre o mar. "
           "Um barco sai do porto.",
     "põe uma narração lendo o texto, a professora gosta.",
     ["O sol nasce sobre o mar", "Um barco sai do porto"]),
])
def test_reading_the_text_of_a_script_reads_the_script(
        api: Api, lang: str, video: str, message: str, lines: list[str]) -> None:
    token, sid = api.new_user(lang)
    api.say(token, sid, video)
    reply, state = api.say(token, sid, message)
    assert _texts(state, "Narration") == lines, reply
    assert _texts(state, "Captions") == lines, reply


@pytest.mark.parametrize(("lang", "video", "message", "words"), [
    # The trial's third try (it changed nothing, silently).
    ("pt", "faça um vídeo de um farol na praia",
     "E a voz: lê “Um farol na praia, gaivotas voando e o sol se pondo.”",
     "Um farol na praia, gaivotas voando e o sol se pondo."),
    ("en", "make a video of a lighthouse on the beach",
     'and the voice: read "Welcome to the beach"', "Welcome to the beach"),
    ("es", "haz un vídeo de un faro en la playa", "la voz: lee «Bienvenidos a la playa»",
     "Bienvenidos a la playa"),
    ("fr", "fais une vidéo d'un phare sur la plage", "la voix : lis « Bienvenue à la plage »",
     "Bienvenue à la plage"),
    ("de", "mach ein Video von einem Leuchtturm am Strand",
     "die Stimme: lies „Willkommen am Strand“", "Willkommen am Strand"),
])
def test_a_voice_told_to_read_a_quoted_text_reads_it(
        api: Api, lang: str, video: str, message: str, words: str) -> None:
    token, sid = api.new_user(lang)
    api.say(token, sid, video)
    reply, state = api.say(token, sid, message)
    assert _texts(state, "Narration") == [words], reply
    assert words in reply, reply


@pytest.mark.parametrize(("lang", "message", "words"), [
    # Review of the trial-12 fix: "the text" followed by a colon is the user's own text, and
    # it was lost (the narration read the video's subject; "my text:" went into the scene).
    ("en", "Make a video of a lighthouse with a narration reading my text: The old lighthouse "
           "keeps watch over the sleepy bay.",
     "The old lighthouse keeps watch over the sleepy bay."),
    ("pt", "Faz um vídeo de um farol com uma narração lendo o texto: O velho farol vigia a "
           "baía.", "O velho farol vigia a baía."),
    ("en", 'Make a video of a lighthouse with a narrator reading the text "Welcome to the bay"',
     "Welcome to the bay."),  # a spoken sentence ends with its full stop
])
def test_a_text_given_after_the_text_is_the_one_read(
        api: Api, lang: str, message: str, words: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, message)
    assert _texts(state, "Narration") == [words], reply
    assert _texts(state, "Captions") == [words], reply
    video = next(t for t in state["draft"]["t"] if t.get("n") == "Video")
    for sg in video["sg"]:
        assert ":" not in str(sg["m"]["desc"]), video
