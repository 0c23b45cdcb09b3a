"""Asking for the captions' look and for the narration, in the nine languages, over HTTP
against a real local backend; the rendered frames and sound show the change."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest

from backend.local import styling
from backend.local.render import render_draft
from router.language import base_language, detect_locale
from tests.backend.local.conftest import Api
from tests.media import frames_at, rms_between


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


class Case(NamedTuple):
    prompt: str  # a generation that asks for a voice-over
    spoken: str  # what the voice-over reads
    top: str
    top_said: str
    box_off: str
    box_said: str
    mute: str
    mute_said: str


CASES = {
    "en": Case("make a 6-second video about a sunset over a lake with a voice-over",
               "Sunset over a lake.", "put the captions at the top",
               "the captions moved to the top (before: at the bottom)",
               "remove the box behind the captions", "removed the box behind the captions",
               "mute the narration", "the narration muted"),
    "zh-Hans": Case("做一个关于湖上日落的6秒视频，带旁白", "湖上日落。", "把字幕放到顶部",
                    "字幕从底部移到了顶部", "去掉字幕的背景框", "去掉了字幕后面的背景框",
                    "旁白静音", "旁白已静音"),
    "zh-Hant": Case("做一個關於湖上日落的6秒影片，帶旁白", "湖上日落。", "把字幕放到頂部",
                    "字幕從底部移到了頂部", "去掉字幕的背景框", "去掉了字幕後面的背景框",
                    "旁白靜音", "旁白已靜音"),
    "es": Case("haz un vídeo de 6 segundos sobre un atardecer en un lago con narración",
               "Atardecer en un lago.", "pon los subtítulos arriba",
               "los subtítulos pasan arriba (antes: abajo)", "quita el fondo de los subtítulos",
               "quitado el recuadro de detrás de los subtítulos", "silencia la narración",
               "la narración silenciada"),
    "fr": Case("fais une vidéo de 6 secondes sur un coucher de soleil sur "
               "un lac avec une voix off", "Coucher de soleil sur un lac.",
               "mets les sous-titres en haut", "les sous-titres déplacés en haut (avant : en bas)",
               "enlève le fond des sous-titres", "cadre retiré de derrière les sous-titres",
               "coupe la narration", "la narration coupée"),
    "de": Case("erstelle ein 6-Sekunden-Video über einen Sonnenuntergang an "
               "einem See mit Sprecher", "Sonnenuntergang an einem See.",
               "setz die Untertitel nach oben",
               "die Untertitel nach oben verschoben (vorher unten)",
               "entferne den Hintergrund der Untertitel", "Kasten hinter den Untertiteln entfernt",
               "schalte den Sprecher stumm", "die Sprecherstimme stumm"),
    "pt": Case("faça um vídeo de 6 segundos sobre um pôr do sol num lago com narração",
               "Pôr do sol num lago.", "coloque as legendas em cima",
               "as legendas agora ficam em cima (antes ficavam embaixo)",
               "tire o fundo das legendas", "caixa removida de trás das legendas",
               "silencie a narração", "a narração sem som"),
    "ja": Case("湖に沈む夕日の6秒の動画をナレーション付きで作って", "湖に沈む夕日。",
               "字幕を上に移動して", "字幕を下から上に移動", "字幕の背景を消して",
               "字幕の後ろの背景を削除", "ナレーションをミュートして", "ナレーションをミュート"),
    "ko": Case("호수 위 석양 6초 영상을 내레이션 포함해서 만들어 줘", "호수 위 석양.",
               "자막을 위쪽으로 옮겨 줘", "자막을 아래쪽에서 위쪽으로 옮김", "자막 배경 없애 줘",
               "자막 뒤 배경 상자 제거", "내레이션 음소거해 줘", "내레이션 음소거"),
}


def _track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t.get("n") == name), None)


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


def _captions(state: dict[str, Any]) -> list[dict[str, Any]]:
    track = _track(state, "Captions")
    assert track is not None
    assert track["sg"]
    return [sg["m"] for sg in track["sg"]]


def test_every_language_table_has_its_styling_block() -> None:
    styling.check_tables()


@pytest.mark.parametrize("lang", sorted(CASES))
def test_captions_and_narration_are_changed_by_asking(api: Api, lang: str) -> None:
    case = CASES[lang]
    token, sid = api.new_user(lang)
    text, state = _say(api, token, sid, case.prompt)
    voice = _track(state, "Narration")
    assert voice is not None
    assert voice["tt"] == 1
    assert [sg["m"]["text"] for sg in voice["sg"]] == [case.spoken]
    assert voice["sg"][0]["m"]["vol"] == 1.0
    assert [m["text"] for m in _captions(state)] == [case.spoken]
    # The reply says what is narrated (a Chinese quote drops the sentence's full stop).
    assert (case.spoken.rstrip("。") if lang.startswith("zh") else case.spoken) in text
    assert detect_locale(text) == lang

    text, state = _say(api, token, sid, case.top)
    assert all(m["pos"] == "top" for m in _captions(state))
    # Short replies hold too few words to tell their language by: their words are checked.
    assert case.top_said in text, text

    text, state = _say(api, token, sid, case.box_off)
    assert all(m["box"] is False and m["pos"] == "top" for m in _captions(state))
    assert case.box_said in text, text

    text, after = _say(api, token, sid, case.mute)
    assert case.mute_said in text, text
    voice = _track(after, "Narration")
    assert voice is not None
    assert all(sg["m"]["vol"] == 0.0 for sg in voice["sg"])
    bgm = _track(after, "BGM")
    assert bgm is not None
    assert bgm["sg"][0]["m"]["duck"] == 1.0  # no dip under silence


def test_asking_again_changes_nothing_and_says_so(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, CASES["en"].prompt)
    _, before = _say(api, token, sid, "mute the narration")
    text, after = _say(api, token, sid, "mute the narration")
    assert after == before
    assert text == "That's already how it is (the narration muted), so nothing changed."
    text, after = _say(api, token, sid, "turn the voice back on")
    voice = _track(after, "Narration")
    assert voice is not None
    assert voice["sg"][0]["m"]["vol"] == 1.0
    assert _track(after, "BGM")["sg"][0]["m"]["duck"] == 0.3  # type: ignore[index]
    assert text == "✅ Done: the narration on, at 100%."


def test_sizes_highlight_and_the_title(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, CASES["en"].prompt)
    text, state = _say(api, token, sid, "bigger subtitles")
    assert {m["size"] for m in _captions(state)} == {0.06}
    assert text == "✅ Done: the captions made bigger (5% → 6% of the picture height)."
    text, state = _say(api, token, sid, "no word highlighting")
    assert all(m["highlight"] is False for m in _captions(state))
    assert "turned off the highlight of the spoken word in the captions" in text
    text, state = _say(api, token, sid, "make the title smaller and put it at the top")
    title = _track(state, "Title")["sg"][0]["m"]  # type: ignore[index]
    assert (title["size"], title["pos"]) == (0.065, "top")
    assert "the title moved to the top (before: in the middle)" in text
    assert "the title made smaller (8% → 6.5%" in text
    # A text to show is not a style: "Bottom Line" is the new title.
    _, state = _say(api, token, sid, "change the title to Bottom Line")
    assert _track(state, "Title")["sg"][0]["m"]["text"] == "Bottom Line"  # type: ignore[index]
    for _ in range(6):
        text, state = _say(api, token, sid, "字幕放大一点")
    assert {m["size"] for m in _captions(state)} == {0.09}  # the ladder's top
    assert text == "已经是这样了（字幕已是我能做的最大字号（画面高度的 9%）），所以没有改动。"


@pytest.mark.parametrize(("lang", "ask", "voice", "said"), [
    ("en", "use a female voice", "en-us+f3",
     "the narration is now read by a female voice (recorded again"),
    ("zh-Hans", "换个男声", "cmn+m3", "旁白改用男声，已重新合成"),
    ("es", "usa una voz femenina", "es+f3",
     "la narración ahora se lee con una voz femenina (grabada de nuevo"),
])
def test_a_voice_choice_speaks_the_narration_again(api: Api, lang: str, ask: str, voice: str,
                                                   said: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, CASES[lang].prompt)
    text, after = _say(api, token, sid, ask)
    old = _track(before, "Narration")["sg"][0]  # type: ignore[index]
    new = _track(after, "Narration")["sg"][0]  # type: ignore[index]
    assert new["m"]["voice"] == voice
    assert new["m"]["text"] == old["m"]["text"]
    assert new["d"] != old["d"]  # spoken again: the new voice takes its own time
    assert said in text
    assert voice not in text  # the voice is named in words, not by its engine id
    text, again = _say(api, token, sid, ask)
    assert again == after


def test_louder_and_quieter_narration(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, CASES["en"].prompt)
    text, state = _say(api, token, sid, "make the narration quieter")
    assert _track(state, "Narration")["sg"][0]["m"]["vol"] == 0.8  # type: ignore[index]
    assert text == "✅ Done: the narration volume 100% → 80%."
    text, full = _say(api, token, sid, "narration louder")
    assert text == "✅ Done: the narration volume 80% → 100%."
    # At full volume, "louder" changes nothing (the music is not lowered behind the user's
    # back) and says so.
    text, state = _say(api, token, sid, "narration louder")
    assert state == full
    assert text == ("The narration is already at its loudest (100%), so nothing changed. "
                    "To make it stand out more, say “turn the music down”.")


@pytest.mark.parametrize(("lang", "louder", "said"), [
    ("zh-Hans", "旁白大声一点", "旁白已经是最大音量（100%），所以没有改动。"),
    ("zh-Hant", "旁白大聲一點", "旁白已經是最大音量（100%），所以沒有改動。"),
    ("ja", "ナレーションを大きくして",
     "ナレーションはすでに最大音量（100%）なので、変更はありません。"),
    ("fr", "narration plus fort", "La narration est déjà au volume maximal (100 %), donc rien n'a"),
])
def test_louder_narration_at_its_loudest_changes_nothing(api: Api, lang: str, louder: str,
                                                         said: str) -> None:
    # Found by a newcomer: "旁白大声一点" at full volume lowered the music and said "done".
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, CASES[lang].prompt)
    text, after = _say(api, token, sid, louder)
    assert after == before
    assert said in text
    assert base_language(detect_locale(text)) == base_language(lang)


def test_a_video_without_narration_gets_one_when_asked(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "make a 6-second video about a harbour at night")
    text, before = _say(api, token, sid, "mute the narration")
    assert _track(before, "Narration") is None
    assert text.startswith("This video has no narration, so nothing changed.")
    text, after = _say(api, token, sid, "add a voice-over")
    voice = _track(after, "Narration")
    assert voice is not None
    assert voice["sg"][0]["m"]["text"] == "Harbour at night."
    assert "narration added: “Harbour at night.”" in text


# -- what is seen and heard --------------------------------------------------------------------

def _small(state: dict[str, Any]) -> dict[str, Any]:
    draft = copy.deepcopy(state["draft"])
    draft["w"], draft["h"] = 320, 180
    return draft


def _white(frame: np.ndarray[Any, Any]) -> int:
    return int((frame.min(axis=2) > 225).sum())


def _lit(frame: np.ndarray[Any, Any]) -> int:
    """Pixels of the highlight's yellow."""
    r, g, b = frame[..., 0], frame[..., 1], frame[..., 2]
    return int(((r > 200) & (g > 160) & (b < 140)).sum())


def test_moved_and_unboxed_captions_are_seen_where_asked(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user()
    _, bottom = _say(api, token, sid, "make a 6-second video about a quiet harbour at dawn "
                                      "with a voice-over")
    _, top = _say(api, token, sid, "put the captions at the top")
    _, plain = _say(api, token, sid, "remove the box behind the captions")
    _say(api, token, sid, "bigger subtitles")
    _, big = _say(api, token, sid, "bigger subtitles")
    _, unlit = _say(api, token, sid, "no word highlighting")
    caption = _track(bottom, "Captions")["sg"][0]  # type: ignore[index]
    words = caption["m"]["words"]
    # Half-way through the second spoken word: that word is lit.
    at = (caption["s"] + (words[1][0] + words[2][0]) / 2) / 1000
    frames = {}
    for name, state in (("bottom", bottom), ("top", top), ("plain", plain), ("big", big),
                        ("unlit", unlit)):
        render_draft(_small(state), tmp_path / f"{name}.mp4", media=lambda _id: None)
        frames[name] = frames_at(tmp_path / f"{name}.mp4", (at,))[0].astype(np.int16)
    upper, lower = slice(0, 60), slice(120, 180)
    # The white letters leave the lower third for the upper one.
    assert _white(frames["bottom"][lower]) > 20
    assert _white(frames["top"][upper]) > 20
    assert _white(frames["top"][lower]) < _white(frames["bottom"][lower]) / 4
    # Nothing else moved: the middle of the picture is the same.
    middle = slice(70, 110)
    assert np.abs(frames["top"][middle] - frames["bottom"][middle]).mean() < 2
    # The box darkened the picture behind the caption (to about half its light): that
    # area is gone without it; letters shift a little, so a few pixels change both ways.
    boxed = frames["top"][upper].sum(axis=2)
    boxless = frames["plain"][upper].sum(axis=2)
    darker = int((boxed < 0.7 * boxless).sum())
    assert darker > 400, darker
    assert darker > 3 * int((boxless < 0.7 * boxed).sum()), darker
    assert np.abs(frames["plain"][lower] - frames["top"][lower]).mean() < 2
    # Two steps bigger (5% → 7.5% of the height): about twice the letters' area.
    assert _lit(frames["big"][upper]) + _white(frames["big"][upper]) > 1.6 * (
        _lit(frames["plain"][upper]) + _white(frames["plain"][upper]))
    # The spoken word is drawn yellow, until highlighting is turned off.
    assert _lit(frames["big"][upper]) > 15
    assert _lit(frames["unlit"][upper]) == 0
    assert _white(frames["unlit"][upper]) > _white(frames["big"][upper])


def test_muted_narration_is_silent(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user()
    _, voiced = _say(api, token, sid, "make a 6-second video about a quiet harbour with a "
                                      "voice-over")
    _, muted = _say(api, token, sid, "mute the narration")
    music_only = copy.deepcopy(muted)
    music_only["draft"]["t"] = [t for t in music_only["draft"]["t"] if t["n"] != "Narration"]
    for name, state in (("voiced", voiced), ("muted", muted), ("music", music_only)):
        render_draft(_small(state), tmp_path / f"{name}.mp4", media=lambda _id: None)
    seg = _track(voiced, "Narration")["sg"][0]  # type: ignore[index]
    during = (seg["s"] / 1000 + 0.2, (seg["s"] + seg["d"]) / 1000 - 0.2)
    music = rms_between(tmp_path / "music.mp4", *during)
    assert music > 0.005
    # Muted, what is heard while the line would be spoken is the music alone, not dipped.
    assert rms_between(tmp_path / "muted.mp4", *during) == pytest.approx(music, rel=0.05)
    assert rms_between(tmp_path / "voiced.mp4", *during) > 3 * music


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "put the captions at the top and mute the narration",
     "✅ Done: the captions moved to the top (before: at the bottom).\n"
     "✅ Done: the narration muted"),
    ("zh-Hans", "把字幕放到顶部，旁白静音",
     "✅ 已完成：字幕从底部移到了顶部。\n✅ 已完成：旁白已静音"),
])
def test_look_and_voice_in_one_message(api: Api, lang: str, ask: str, said: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    text, state = _say(api, token, sid, ask)
    assert text.startswith(said)
    assert all(m["pos"] == "top" for m in _captions(state))
    assert _track(state, "Narration")["sg"][0]["m"]["vol"] == 0.0  # type: ignore[index]


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "remove the background music"), ("ja", "背景音楽を消して"),
    ("es", "quita la música de fondo"), ("pt", "tire a música de fundo"),
    ("ko", "배경음악 삭제해 줘"),
])
def test_background_music_is_not_a_caption_background(api: Api, lang: str, ask: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, CASES[lang].prompt)
    _, after = _say(api, token, sid, ask)
    assert _track(after, "BGM") is None
    assert _track(after, "Captions") == _track(before, "Captions")


@pytest.mark.parametrize(("lang", "bigger", "top"), [
    ("en", "make the title bigger", "put the title at the top"),
    ("zh-Hans", "标题放大一点", "把标题放到顶部"),
    ("zh-Hant", "標題放大一點", "把標題放到頂部"),
    ("es", "título más grande", "pon el título arriba"),
    ("fr", "titre plus grand", "mets le titre en haut"),
    ("de", "Titel größer", "setz den Titel nach oben"),
    ("pt", "título maior", "coloque o título em cima"),
    ("ja", "タイトルを大きくして", "タイトルを上に移動して"),
    ("ko", "제목 크게 해 줘", "제목을 위쪽으로 옮겨 줘"),
])
def test_the_title_examples_the_agent_gives_work(api: Api, lang: str, bigger: str,
                                                 top: str) -> None:
    """The reply to a title change without text names these requests: they must work."""
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    _, state = _say(api, token, sid, bigger)
    assert _track(state, "Title")["sg"][0]["m"]["size"] == 0.1  # type: ignore[index]
    _, state = _say(api, token, sid, top)
    assert _track(state, "Title")["sg"][0]["m"]["pos"] == "top"  # type: ignore[index]


# What each language's phrasings ask: (message, target, field, value).
PHRASES: dict[str, list[tuple[str, str, str, object]]] = {
    "en": [("no voice-over", "narration", "voice", "off"),
           ("turn the voice back on", "narration", "voice", "on"),
           ("unmute the narration", "narration", "voice", "on"),
           ("narration louder", "narration", "louder", 1),
           ("make the narration quieter", "narration", "louder", -1),
           ("set the narration volume to 50%", "narration", "volume", 0.5),
           ("use a male voice", "narration", "variant", "male"),
           ("put the captions in the middle", "captions", "pos", "center"),
           ("add a box behind the captions", "captions", "box", True),
           ("make all the text smaller", "both", "size", -1)],
    "zh-Hans": [("不要旁白", "narration", "voice", "off"),
                ("取消静音旁白", "narration", "voice", "on"),
                ("旁白小声一点", "narration", "louder", -1),
                ("用女声", "narration", "variant", "female"),
                ("字幕居中", "captions", "pos", "center"),
                ("关闭字幕高亮", "captions", "highlight", False),
                ("字幕高亮朗读的词", "captions", "highlight", True)],
    "zh-Hant": [("關掉配音", "narration", "voice", "off"),
                ("恢復旁白", "narration", "voice", "on"),
                ("旁白大聲一點", "narration", "louder", 1),
                ("換個男聲", "narration", "variant", "male"),
                ("字幕縮小一點", "captions", "size", -1),
                ("給字幕加上背景框", "captions", "box", True)],
    "es": [("sin narración", "narration", "voice", "off"),
           ("vuelve a activar la narración", "narration", "voice", "on"),
           ("narración más baja", "narration", "louder", -1),
           ("usa una voz masculina", "narration", "variant", "male"),
           ("subtítulos en el centro", "captions", "pos", "center"),
           ("sin resaltado en los subtítulos", "captions", "highlight", False)],
    "fr": [("pas de narration", "narration", "voice", "off"),
           ("réactive la narration", "narration", "voice", "on"),
           ("narration plus fort", "narration", "louder", 1),
           ("utilise une voix féminine", "narration", "variant", "female"),
           ("sous-titres plus petits", "captions", "size", -1),
           ("pas de surlignage dans les sous-titres", "captions", "highlight", False)],
    "de": [("kein Sprecher", "narration", "voice", "off"),
           ("schalte die Stimme wieder ein", "narration", "voice", "on"),
           ("Sprecher leiser", "narration", "louder", -1),
           ("nimm eine weibliche Stimme", "narration", "variant", "female"),
           ("Untertitel in die Mitte", "captions", "pos", "center"),
           ("keine Hervorhebung in den Untertiteln", "captions", "highlight", False)],
    "pt": [("sem narração", "narration", "voice", "off"),
           ("liga a narração de novo", "narration", "voice", "on"),
           ("narração mais alta", "narration", "louder", 1),
           ("use uma voz masculina", "narration", "variant", "male"),
           ("legendas no meio", "captions", "pos", "center"),
           ("sem destaque nas legendas", "captions", "highlight", False)],
    "ja": [("ナレーションなし", "narration", "voice", "off"),
           ("ナレーションを戻して", "narration", "voice", "on"),
           ("ナレーションを小さく", "narration", "louder", -1),
           ("女性の声にして", "narration", "variant", "female"),
           ("字幕を中央に", "captions", "pos", "center"),
           ("字幕のハイライトをオフにして", "captions", "highlight", False)],
    "ko": [("내레이션 없이", "narration", "voice", "off"),
           ("내레이션 다시 켜 줘", "narration", "voice", "on"),
           ("내레이션 크게", "narration", "louder", 1),
           ("남성 목소리로 바꿔 줘", "narration", "variant", "male"),
           ("자막 가운데로", "captions", "pos", "center"),
           ("자막 강조 없애 줘", "captions", "highlight", False)],
}


@pytest.mark.parametrize(("lang", "message", "target", "field", "value"), [
    (lang, *row) for lang, rows in PHRASES.items() for row in rows])
def test_phrasings_in_each_language(lang: str, message: str, target: str, field: str,
                                    value: object) -> None:
    from backend.local.intents import parse

    intent = parse(message, has_video=True, session_language=lang)
    assert intent.lang == lang
    assert intent.kind == ("narration" if target == "narration" else "text_style")
    assert intent.ask is not None
    assert intent.ask.target == target
    assert getattr(intent.ask, field) == value


def test_a_voice_over_asked_later_keeps_the_users_captions(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "make a 6-second video about a harbour at night")
    _, before = _say(api, token, sid, "add a caption 'Home port' from 1s to 4s")
    text, after = _say(api, token, sid, "add a voice-over")
    assert _track(after, "Captions") == _track(before, "Captions")
    assert _track(after, "Narration") is not None
    assert "your own captions stay as they are" in text
    text, after = _say(api, token, sid, "highlight the spoken word in the captions")
    assert "(only captions that follow the narration have a spoken word to highlight" in text


def test_regenerating_keeps_the_voice_over_and_its_voice(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "make a 6-second video about a harbour at night with a voice-over")
    _say(api, token, sid, "use a female voice")
    _, state = _say(api, token, sid, "regenerate")
    voice = _track(state, "Narration")
    assert voice is not None
    assert voice["sg"][0]["m"]["voice"] == "en-us+f3"
    token, sid = api.new_user()
    _say(api, token, sid, "make a 6-second video about a harbour at night")
    _, state = _say(api, token, sid, "regenerate")
    assert _track(state, "Narration") is None


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "add upbeat music and mute the narration"),
    ("zh-Hans", "加上欢快的音乐，旁白静音"),
])
def test_music_and_a_muted_voice_in_one_message(api: Api, lang: str, ask: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    _, state = _say(api, token, sid, ask)
    assert _track(state, "BGM")["sg"][0]["m"]["mood"] == "upbeat"  # type: ignore[index]
    assert _track(state, "Narration")["sg"][0]["m"]["vol"] == 0.0  # type: ignore[index]


# -- requests that name two changes, the look of added captions, a new voice on a muted one ----

def test_korean_style_requests_change_the_look_not_the_text(api: Api) -> None:
    token, sid = api.new_user("ko")
    _, before = _say(api, token, sid, CASES["ko"].prompt)
    title = _track(before, "Title")["sg"][0]["m"]  # type: ignore[index]
    text, state = _say(api, token, sid, "제목 위치를 위로 바꿔 줘")
    now = _track(state, "Title")["sg"][0]["m"]  # type: ignore[index]
    assert (now["text"], now["pos"]) == (title["text"], "top")
    assert text == "✅ 완료: 제목을 가운데에서 위쪽으로 옮김."
    text, state = _say(api, token, sid, "제목을 아래로 옮기고 크게 해 줘")
    now = _track(state, "Title")["sg"][0]["m"]  # type: ignore[index]
    assert (now["text"], now["pos"], now["size"]) == (title["text"], "bottom", 0.1)
    assert "제목을 위쪽에서 아래쪽으로 옮김" in text
    assert "제목 크게" in text
    count = len(_captions(state))
    text, state = _say(api, token, sid, "자막 위로 올리고 배경 없애 줘")
    assert [(m["pos"], m["box"]) for m in _captions(state)] == [("top", False)] * count
    assert text == "✅ 완료: 자막을 아래쪽에서 위쪽으로 옮김; 자막 뒤 배경 상자 제거."
    _say(api, token, sid, "내레이션 음소거해 줘")
    text, state = _say(api, token, sid, "자막을 아래로 내리고 내레이션 켜 줘")
    captions = _captions(state)
    assert len(captions) == count
    assert {m["pos"] for m in captions} == {"bottom"}
    assert _track(state, "Narration")["sg"][0]["m"]["vol"] == 1.0  # type: ignore[index]
    assert "자막을 위쪽에서 아래쪽으로 옮김" in text
    assert "내레이션 켬, 볼륨 100%" in text


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "move the title up and make it bigger",
     "✅ Done: the title moved to the top (before: in the middle); the title made bigger "
     "(8% → 10% of the picture height)."),
    ("pt", "coloque o título em cima e aumente", "o título agora fica em cima"),
])
def test_a_move_and_a_size_in_one_request_both_happen(api: Api, lang: str, ask: str,
                                                      said: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, CASES[lang].prompt)
    old = _track(before, "Title")["sg"][0]["m"]  # type: ignore[index]
    text, state = _say(api, token, sid, ask)
    title = _track(state, "Title")["sg"][0]["m"]  # type: ignore[index]
    assert title["pos"] == "top"
    assert title["size"] > old.get("size", 0.08)
    assert title["text"] == old["text"]
    assert said in text


def test_added_captions_keep_the_look_the_user_chose(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "make a 10-second video of a forest")
    _say(api, token, sid, "add captions")
    _say(api, token, sid, "make the captions bigger and remove the box")
    _say(api, token, sid, "turn off word highlighting")
    text, state = _say(api, token, sid, "add a caption 'Hello' from 2s to 4s")
    assert text.startswith("📝 Added the caption “Hello” at 2–4 s")
    looks = {(m["size"], m["box"], m["highlight"]) for m in _captions(state)}
    assert looks == {(0.06, False, False)}
    hello = next(m for m in _captions(state) if m["text"] == "Hello")
    assert hello["pos"] == "top"  # it shows together with another caption, so it sits apart


def test_a_new_voice_keeps_a_muted_narration_muted(api: Api) -> None:
    token, sid = api.new_user()
    _, before = _say(api, token, sid, CASES["en"].prompt)
    _say(api, token, sid, "mute the narration")
    text, state = _say(api, token, sid, "use a female voice")
    voice = _track(state, "Narration")["sg"][0]["m"]  # type: ignore[index]
    assert voice["vol"] == 0.0
    assert voice["voice"].endswith("+f3")
    assert state["draft"]["d"] == before["draft"]["d"]
    # Only what changed: no "on, at 100%", no length that stayed, no engine id.
    assert text == ("✅ Done: the narration is now read by a female voice (recorded again); "
                    "still muted "
                    "(say “turn the voice back on” to hear it).")


@pytest.mark.parametrize(("lang", "ask"), [
    ("pt", "coloca a narração de volta com voz feminina"),
    ("en", "bring the narration back with a female voice"),
    ("es", "vuelve a poner la narración con voz de mujer"),
])
def test_a_new_voice_with_the_narration_asked_back_is_heard(api: Api, lang: str,
                                                             ask: str) -> None:
    # "coloca a narração de volta com voz feminina" changed the voice and left it muted,
    # with a reply ("falada de novo") that read as if it were back.
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    _say(api, token, sid, CASES[lang].mute)
    text, state = _say(api, token, sid, ask)
    voice = _track(state, "Narration")["sg"][0]["m"]  # type: ignore[index]
    assert voice["vol"] == 1.0, text
    assert voice["voice"].endswith("+f3")


def test_the_users_own_caption_survives_a_new_voice_and_a_bigger_size(api: Api) -> None:
    # Found by a newcomer: a new voice re-timed captions in order, so the caption the user
    # added took the next sentence's text (shown twice, 'Hi' gone); making the captions
    # bigger then moved every caption to where the added one was.
    token, sid = api.new_user()
    _say(api, token, sid, "generate a 12-second video from this script: The forest wakes. "
                          "Birds sing. The river runs.")
    _say(api, token, sid, "add a caption 'Hi' from 1s to 3s")
    added = [(c["text"], c["pos"]) for c in _captions(api.state(token, sid))]
    assert ("Hi", "top") in added  # it overlaps a narration caption, so it went on top
    _, state = _say(api, token, sid, "use a female voice")
    texts = [c["text"] for c in _captions(state)]
    assert "Hi" in texts
    assert len(texts) == len(set(texts)) == 4
    hi = next(sg for sg in _track(state, "Captions")["sg"]  # type: ignore[index]
              if sg["m"]["text"] == "Hi")
    assert (hi["s"], hi["d"]) == (1000, 2000)
    text, state = _say(api, token, sid, "bigger subtitles")
    assert "bigger" in text
    looks = {c["text"]: c for c in _captions(state)}
    assert looks["Hi"]["pos"] == "top"
    assert {c["pos"] for t, c in looks.items() if t != "Hi"} == {"bottom"}
    assert len({c["size"] for c in looks.values()}) == 1


def test_turning_off_a_highlight_adds_no_captions(api: Api) -> None:
    # Found by a newcomer: "no word highlighting" on a video without captions added scene
    # labels as captions. Nothing was asked to be added: say there are none.
    token, sid = api.new_user()
    _, before = _say(api, token, sid, "generate an 8-second video about a lighthouse in a storm")
    assert not (_track(before, "Captions") or {}).get("sg")
    text, state = _say(api, token, sid, "no word highlighting")
    assert not (_track(state, "Captions") or {}).get("sg")
    assert "nothing changed" in text
    # Placing captions still creates them there.
    _, state = _say(api, token, sid, "put the captions at the top")
    assert {c["pos"] for c in _captions(state)} == {"top"}


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_a_chinese_voice_over_line_quotes_without_doubled_punctuation(api: Api,
                                                                     lang: str) -> None:
    # Found by a newcomer: "旁白：“雪山上的日出。”，" (a full stop inside the quote, then a comma).
    token, sid = api.new_user()
    text, _ = _say(api, token, sid, CASES[lang].prompt)
    line = next(x for x in text.splitlines() if x.startswith("🎙️"))
    assert CASES[lang].spoken.rstrip("。") in line
    assert "。”" not in line
    assert "。」" not in line


#: (language, a new video, adding captions, "show the captions at the top", the reply's "top").
SHOW_AT_THE_TOP = [
    ("en", "generate an 8-second video about a lighthouse by the sea", "add captions",
     "show the captions at the top", "top"),
    ("zh-Hans", "生成一段8秒的海边灯塔视频", "加字幕", "把字幕显示在上面", "顶部"),
    ("zh-Hant", "生成一段8秒的海邊燈塔影片", "加上字幕", "把字幕顯示在上面", "頂部"),
    ("es", "genera un vídeo de 8 segundos sobre un faro junto al mar", "añade subtítulos",
     "muestra los subtítulos arriba", "arriba"),
    ("fr", "génère une vidéo de 8 secondes sur un phare au bord de la mer",
     "ajoute des sous-titres", "affiche les sous-titres en haut", "en haut"),
    ("de", "erstelle ein 8-Sekunden-Video über einen Leuchtturm am Meer",
     "füge Untertitel hinzu", "zeig die Untertitel oben", "oben"),
    ("pt", "gere um vídeo de 8 segundos sobre um farol à beira-mar", "adicione legendas",
     "mostre as legendas no topo", "em cima"),
    ("ja", "海辺の灯台の8秒の動画を作って", "字幕を追加して", "字幕を上に表示して", "上"),
    ("ko", "바닷가 등대에 대한 8초 영상을 만들어 줘", "자막 추가해 줘", "자막을 위에 보여 줘",
     "위쪽"),
]


@pytest.mark.parametrize(("lang", "prompt", "add", "ask", "where"), SHOW_AT_THE_TOP,
                         ids=[row[0] for row in SHOW_AT_THE_TOP])
def test_show_the_captions_somewhere_moves_them(api: Api, lang: str, prompt: str, *, add: str,
                                                ask: str, where: str) -> None:
    # Found by a newcomer: "show the captions at the top" listed the captions instead.
    token, sid = api.new_user(lang)
    _say(api, token, sid, prompt)
    _, before = _say(api, token, sid, add)
    reply, after = _say(api, token, sid, ask)
    old, new = _track(before, "Captions"), _track(after, "Captions")
    assert old is not None
    assert new is not None
    assert {sg["m"].get("pos", "bottom") for sg in old["sg"]} == {"bottom"}
    assert {sg["m"]["pos"] for sg in new["sg"]} == {"top"}
    assert [sg["m"]["text"] for sg in new["sg"]] == [sg["m"]["text"] for sg in old["sg"]]
    assert where in reply  # "顶部" or "頂部": the script too
    assert base_language(detect_locale(reply)) == base_language(lang)


#: A move and a colour change of the captions, then the box taken away: each said as the
#: change it is, from what it was, in the user's language (not "the captions at the top").
SAID_AS_CHANGES = {
    "en": ("move the captions to the top",
           "✅ Done: the captions moved to the top (before: at the bottom).",
           "make the captions yellow", "✅ Done: the captions changed from white to yellow.",
           "remove the box behind the captions",
           "✅ Done: removed the box behind the captions."),
    "de": ("setz die Untertitel nach oben",
           "✅ Erledigt: die Untertitel nach oben verschoben (vorher unten).",
           "mach die Untertitel gelb", "✅ Erledigt: die Untertitel von Weiß auf Gelb umgefärbt.",
           "entferne den Kasten hinter den Untertiteln",
           "✅ Erledigt: Kasten hinter den Untertiteln entfernt."),
    "es": ("pon los subtítulos arriba", "✅ Hecho: los subtítulos pasan arriba (antes: abajo).",
           "pon los subtítulos en amarillo",
           "✅ Hecho: los subtítulos pasan de blanco a amarillo.",
           "quita el recuadro de los subtítulos",
           "✅ Hecho: quitado el recuadro de detrás de los subtítulos."),
    "fr": ("mets les sous-titres en haut",
           "✅ C'est fait : les sous-titres déplacés en haut (avant : en bas).",
           "mets les sous-titres en jaune",
           "✅ C'est fait : les sous-titres passés du blanc au jaune.",
           "enlève le fond derrière les sous-titres",
           "✅ C'est fait : cadre retiré de derrière les sous-titres."),
    "pt": ("coloque as legendas em cima",
           "✅ Feito: as legendas agora ficam em cima (antes ficavam embaixo).",
           "deixe as legendas amarelas",
           "✅ Feito: as legendas passaram de branco para amarelo.",
           "tire a caixa atrás das legendas", "✅ Feito: caixa removida de trás das legendas."),
    "ja": ("字幕を上に移動して", "✅ 完了：字幕を下から上に移動。", "字幕を黄色にして",
           "✅ 完了：字幕の色を白から黄色に変更。", "字幕の背景を消して",
           "✅ 完了：字幕の後ろの背景を削除。"),
    "ko": ("자막을 위쪽으로 옮겨줘", "✅ 완료: 자막을 아래쪽에서 위쪽으로 옮김.",
           "자막을 노란색으로 바꿔줘", "✅ 완료: 자막 색을 흰색에서 노란색으로 바꿈.",
           "자막 배경 상자 없애줘", "✅ 완료: 자막 뒤 배경 상자 제거."),
    "zh-Hans": ("把字幕移到顶部", "✅ 已完成：字幕从底部移到了顶部。", "字幕改成黄色",
                "✅ 已完成：字幕从白色改为黄色。", "去掉字幕的背景框",
                "✅ 已完成：去掉了字幕后面的背景框。"),
    "zh-Hant": ("把字幕移到頂部", "✅ 已完成：字幕從底部移到了頂部。", "字幕改成黃色",
                "✅ 已完成：字幕從白色改為黃色。", "去掉字幕的背景框",
                "✅ 已完成：去掉了字幕後面的背景框。"),
}


@pytest.mark.parametrize("lang", sorted(SAID_AS_CHANGES))
def test_moves_and_colours_are_said_as_changes(api: Api, lang: str) -> None:
    move, moved, colour, coloured, box, boxed = SAID_AS_CHANGES[lang]
    token, sid = api.new_user(lang)
    _say(api, token, sid, CASES[lang].prompt)
    for ask, said in ((move, moved), (colour, coloured), (box, boxed)):
        text, _ = _say(api, token, sid, ask)
        assert text == said
    # Asked again, nothing changes: how it stands is said, not a change.
    text, _ = _say(api, token, sid, move)
    assert text != moved
    assert moved.split("(")[0].split(":")[-1].strip() not in text
