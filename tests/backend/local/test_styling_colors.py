"""Asking for the colour of the title and captions by name, in the nine languages: over HTTP
against a real local backend, in the draft, the reply, and the rendered frames."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backend.local.intents import parse
from backend.local.render import render_draft
from tests.backend.local.conftest import Api
from tests.backend.local.test_styling import CASES
from tests.media import frames_at

YELLOW, RED = "#ffe14d", "#ff3b30"


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


#: (title to yellow, what the reply says, captions to red, what the reply says)
ASKS = {
    "en": ("make the title yellow", "the title changed from white to yellow",
           "red captions please", "the captions changed from white to red"),
    "zh-Hans": ("标题改成黄色", "标题从白色改为黄色", "字幕用红色", "字幕从白色改为红色"),
    "zh-Hant": ("標題改成黃色", "標題從白色改為黃色", "字幕換成紅色", "字幕從白色改為紅色"),
    "es": ("pon el título en amarillo", "el título pasa de blanco a amarillo",
           "los subtítulos en rojo", "los subtítulos pasan de blanco a rojo"),
    "fr": ("mets le titre en jaune", "le titre passé du blanc au jaune",
           "sous-titres en rouge stp", "les sous-titres passés du blanc au rouge"),
    "de": ("mach den Titel gelb", "der Titel von Weiß auf Gelb umgefärbt",
           "Untertitel bitte in Rot", "die Untertitel von Weiß auf Rot umgefärbt"),
    "pt": ("põe o título em amarelo", "o título passou de branco para amarelo",
           "legendas vermelhas", "as legendas passaram de branco para vermelho"),
    "ja": ("タイトルを黄色にして", "タイトルの色を白から黄色に変更", "字幕を赤色にして",
           "字幕の色を白から赤に変更"),
    "ko": ("제목을 노란색으로 바꿔 줘", "제목 색을 흰색에서 노란색으로 바꿈",
           "자막 빨간색으로 해 줘", "자막 색을 흰색에서 빨간색으로 바꿈"),
}


def _meta(state: dict[str, Any], name: str) -> list[dict[str, Any]]:
    track = next(t for t in state["draft"]["t"] if t.get("n") == name)
    return [sg["m"] for sg in track["sg"]]


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


@pytest.mark.parametrize("lang", sorted(ASKS))
def test_title_and_captions_take_the_colour_asked_for(api: Api, lang: str) -> None:
    title_ask, title_said, caption_ask, caption_said = ASKS[lang]
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    text, state = _say(api, token, sid, title_ask)
    assert title_said in text, text
    assert [m["color"] for m in _meta(state, "Title")] == [YELLOW]
    assert all("color" not in m for m in _meta(state, "Captions"))
    text, state = _say(api, token, sid, caption_ask)
    assert caption_said in text, text
    assert {m["color"] for m in _meta(state, "Captions")} == {RED}
    assert [m["color"] for m in _meta(state, "Title")] == [YELLOW]
    # Asked again: nothing changes, and the reply says so.
    _, again = _say(api, token, sid, title_ask)
    assert again == state


def test_a_colour_in_a_message_with_another_edit(api: Api) -> None:
    token, sid = api.new_user("pt")
    _say(api, token, sid, CASES["pt"].prompt)
    text, state = _say(api, token, sid, "deixa a música mais baixa e põe o título em amarelo")
    assert "✅ Feito: o título passou de branco para amarelo." in text
    assert "Nada foi alterado" not in text  # the music did change
    assert [m["color"] for m in _meta(state, "Title")] == [YELLOW]


@pytest.mark.parametrize(("lang", "message", "title"), [
    ("en", "change the title to Red Sky at Night", "Red Sky at Night"),
    ("es", "cambia el título a Rosa de los vientos", "Rosa de los vientos"),
    ("de", "ändere den Titel zu Rot und Schwarz im Herbst", "Rot und Schwarz im Herbst"),
])
def test_a_title_text_holding_a_colour_word_is_a_text(api: Api, lang: str, message: str,
                                                      title: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, CASES[lang].prompt)
    _, state = _say(api, token, sid, message)
    (meta,) = _meta(state, "Title")
    assert meta["text"] == title
    assert meta.get("color") == _meta(before, "Title")[0].get("color")


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "make it red"),  # red what? not the title's colour
    ("ja", "タイトルをもっと面白くして"),  # 面白く holds 白く; it asks for a better title
    ("zh-Hans", "明白了，标题不错"),  # 明白 holds 白; no colour asked
])
def test_no_colour_where_none_is_asked_for_the_text(lang: str, message: str) -> None:
    intent = parse(message, has_video=True, session_language=lang)
    assert intent.ask is None or intent.ask.color is None


def test_the_colour_is_seen_and_the_spoken_word_stays_visible(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user()
    _, plain = _say(api, token, sid, "make a 6-second video about a quiet harbour at dawn "
                                     "with a voice-over")
    _, yellow = _say(api, token, sid, "make the captions yellow")
    caption = _meta(plain, "Captions")[0]
    words = caption["words"]
    start = next(t for t in plain["draft"]["t"] if t["n"] == "Captions")["sg"][0]["s"]
    at = (start + (words[0][0] + words[1][0]) / 2) / 1000  # the first word is being spoken
    frames = {}
    for name, state in (("plain", plain), ("yellow", yellow)):
        draft = copy.deepcopy(state["draft"])
        draft["w"], draft["h"] = 320, 180
        render_draft(draft, tmp_path / f"{name}.mp4", media=lambda _id: None)
        frames[name] = frames_at(tmp_path / f"{name}.mp4", (at,))[0].astype(np.int16)
    lower = slice(120, 180)

    def yellowish(f: np.ndarray[Any, Any]) -> int:
        return int(((f[..., 0] > 200) & (f[..., 1] > 170) & (f[..., 2] < 140)).sum())

    def white(f: np.ndarray[Any, Any]) -> int:
        return int((f.min(axis=2) > 225).sum())

    # White letters with one yellow (spoken) word become yellow letters with one white word.
    # (At 320×180 the caption "Quiet harbour at dawn." is about 90 white and 25 yellow
    # pixels; the first word is about a quarter of its letters.)
    assert yellowish(frames["yellow"][lower]) > 1.5 * yellowish(frames["plain"][lower])
    assert white(frames["plain"][lower]) > 1.5 * white(frames["yellow"][lower])
    assert white(frames["yellow"][lower]) > 10


@pytest.mark.parametrize(("lang", "message", "said"), [
    ("en", "make the captions yellow and the title red",
     ("the captions changed from white to yellow", "the title changed from white to red")),
    ("zh-Hans", "字幕改成黄色，标题改成红色", ("字幕从白色改为黄色", "标题从白色改为红色")),
    ("es", "los subtítulos en amarillo y el título en rojo",
     ("los subtítulos pasan de blanco a amarillo", "el título pasa de blanco a rojo")),
])
def test_two_texts_two_colours_in_one_message(api: Api, lang: str, message: str,
                                              said: tuple[str, str]) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    text, state = _say(api, token, sid, message)
    assert all(part in text for part in said), text
    assert {m["color"] for m in _meta(state, "Captions")} == {YELLOW}
    assert [m["color"] for m in _meta(state, "Title")] == [RED]


def test_the_title_bigger_and_the_captions_at_the_top_each_get_their_own(api: Api) -> None:
    token, sid = api.new_user()
    _, before = _say(api, token, sid, CASES["en"].prompt)
    _, state = _say(api, token, sid, "make the title bigger and the captions at the top")
    (title,) = _meta(state, "Title")
    assert title["size"] > _meta(before, "Title")[0]["size"]
    assert title["pos"] == _meta(before, "Title")[0]["pos"]  # only the captions moved
    assert {m["pos"] for m in _meta(state, "Captions")} == {"top"}
    assert {m.get("size") for m in _meta(state, "Captions")} == {
        m.get("size") for m in _meta(before, "Captions")}
