"""Requests a newcomer's trial (trial 7) found misread by the local agent, checked over HTTP
against a real local backend: what the reply says in the user's language, and what the draft
the renderer draws from holds afterwards."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t.get("n") == name), None)


def _texts(state: dict[str, Any], name: str) -> list[str]:
    track = _track(state, name)
    return [s["m"]["text"] for s in sorted((track or {"sg": []})["sg"], key=lambda s: s["s"])]


def _voice(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for t in state["draft"]["t"] for s in t.get("sg", [])
            if s.get("m", {}).get("kind") == "narration"]


def _scenes(state: dict[str, Any]) -> list[dict[str, Any]]:
    """What each scene draws (its description in the draft)."""
    return [s["m"]["scene"] for t in state["draft"]["t"] for s in t.get("sg", [])
            if s.get("m", {}).get("kind") == "scene"]


# -- item 1: what the narration is to say is content, never a command -------------------------

def test_a_name_the_narration_says_adds_no_rain(api: Api) -> None:
    token, sid, before = api.project("zh-Hans", "做一个女儿七岁生日派对的视频")
    text, state = api.say(token, sid, "让旁白说：祝小雨生日快乐")
    assert "加上了雨" not in text
    assert _scenes(state) == _scenes(before)  # 小雨 is a girl's name here, not light rain
    assert [s["m"]["text"] for s in _voice(state)] == ["祝小雨生日快乐"]
    assert "祝小雨生日快乐" in text
    assert _texts(state, "Captions") == ["祝小雨生日快乐"]


# -- item 2: the narration says what the user chose ---------------------------------------------

_GIVEN = [
    ("en", "a video about our new SolarLite camping lantern",
     "add a voice-over with a male voice saying: Meet SolarLite. Sunshine by day, warm light"
     " by night.", "Meet SolarLite. Sunshine by day, warm light by night.", "male"),
    ("en", "a video about a mountain lake at sunset",
     "change the narration text to: Welcome to the lake.", "Welcome to the lake.", None),
    ("en", "a video about a mountain lake at sunset",
     "the voice-over should say 'See you outside'", "See you outside", None),
    ("zh-Hans", "做一个女儿七岁生日派对的视频", "旁白换成女声，内容是：祝小雨生日快乐，永远开心！",
     "祝小雨生日快乐，永远开心！", "female"),
    ("zh-Hans", "做一个女儿七岁生日派对的视频", "把旁白内容改成“祝小雨生日快乐，永远开心！”",
     "祝小雨生日快乐，永远开心！", None),
    ("fr", "fais une vidéo sur une tarte aux pommes", "ajoute une voix off qui dit : Bon appétit !",
     "Bon appétit !", None),
    ("de", "Mach ein Video über einen Ausflug an den Bodensee",
     "Füge eine Sprecherin hinzu, die sagt: Willkommen am See.", "Willkommen am See.", "female"),
    ("pt", "faça um vídeo sobre uma praia", "adicione uma narração dizendo: Bem-vindo à praia.",
     "Bem-vindo à praia.", None),
    ("es", "haz un vídeo de una panadería", "añade una voz en off que diga: Pan recién hecho.",
     "Pan recién hecho.", None),
    ("ja", "夜のラーメン屋の動画を作って", "ナレーションで「いらっしゃいませ」と言って",
     "いらっしゃいませ", None),
    ("ko", "해운대 해변 영상 만들어줘", "내레이션으로 \"바다로 오세요\"라고 말해줘",
     "바다로 오세요", None),
    ("zh-Hant", "台北夜市的影片", "讓旁白說：歡迎來到夜市", "歡迎來到夜市", None),
]


@pytest.mark.parametrize("case", _GIVEN, ids=[c[0] + "-" + c[2][:24] for c in _GIVEN])
def test_the_narration_speaks_the_words_the_user_gives(
        api: Api, case: tuple[str, str, str, str, str | None]) -> None:
    lang, make, ask, words, variant = case
    token, sid, _ = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    spoken = _voice(state)
    assert [s["m"]["text"] for s in spoken] == [words]
    if variant is not None:
        assert spoken[0]["m"]["variant"] == variant
    assert words.rstrip("。！!.") in text  # the reply says what will be spoken
    assert _texts(state, "Captions") == [words]


def test_a_voice_over_that_reads_the_subtitle_speaks_the_subtitle_where_it_is(api: Api) -> None:
    token, sid, _ = api.project("es", "haz un vídeo de una panadería de barrio",
                             "añade un subtítulo al final: Te esperamos")
    (caption,) = _track(api.state(token, sid), "Captions")["sg"]  # type: ignore[index]
    text, state = api.say(token, sid, "añade una voz en off femenina que lea el subtítulo")
    (spoken,) = _voice(state)
    assert spoken["m"]["text"] == "Te esperamos"
    assert spoken["m"]["variant"] == "female"
    assert spoken["s"] == caption["s"]  # spoken while the subtitle is on screen
    assert _texts(state, "Captions") == ["Te esperamos"]
    assert "Te esperamos" in text


def test_reading_the_captions_of_a_video_without_any_changes_nothing(api: Api) -> None:
    token, sid, before = api.project("en", "a video about a mountain lake at sunset")
    text, state = api.say(token, sid, "add a voice-over that reads the captions")
    assert state["draft"] == before["draft"]
    assert "no captions" in text


# -- item 3: a first request that names no subject is asked about --------------------------------

@pytest.mark.parametrize(("lang", "message"), [
    ("de", "Kannst du mir ein Video machen?"),
    ("en", "Can you make me a video?"),
    ("fr", "Peux-tu me faire une vidéo ?"),
    ("pt", "Você pode fazer um vídeo para mim?"),
    ("zh-Hans", "能帮我做个视频吗？"),
    ("ja", "動画を作ってくれますか？"),
    ("ko", "영상 만들어 줄 수 있어?"),
])
def test_asking_for_a_video_without_a_subject_asks_what_about(api: Api, lang: str,
                                                              message: str) -> None:
    token, sid = api.new_user(lang)
    chat = api.chat(token, sid, message)
    asked = [c["args"] for _, c in chat.parts("functionCall") if c["name"] == "ask_question"]
    assert next(q["id"] for q in asked[0]["questions"]) == "subject"
    assert api.state(token, sid)["draft"]["t"] == []  # no video about "Kannst du"


def test_a_request_with_a_subject_after_can_you_makes_that_video(api: Api) -> None:
    token, sid = api.new_user("en")
    text, state = api.say(token, sid, "can you make me a video of a cat")
    assert next(s["m"]["desc"] for t in state["draft"]["t"] for s in t["sg"]
            if s["m"].get("kind") == "scene").lower().startswith("cat")
    assert "Cat" in text


# -- item 4: both parts of a two-part request are made, or the one not made is named ----------

def test_vertical_and_a_length_in_one_clause_does_both(api: Api) -> None:
    token, sid, _ = api.project("es", "haz un vídeo de una panadería de barrio")
    text, state = api.say(token, sid, "hazlo vertical para Instagram y de 15 segundos")
    assert (state["draft"]["w"], state["draft"]["h"]) == (1080, 1920)
    assert state["draft"]["d"] == 15000
    assert "15 s" in text
    assert "9:16" in text


def test_a_length_said_with_make_the_video_is_a_length(api: Api) -> None:
    token, sid, _ = api.project("de", "Mach ein Video über einen Ausflug an den Bodensee")
    text, state = api.say(token, sid, "Mach das Video 30 Sekunden lang und füge Untertitel"
                                        " hinzu")
    assert state["draft"]["d"] == 30000
    assert "nicht umsetzen" not in text
    assert "30 s" in text
    assert _texts(state, "Captions")


def test_speak_louder_after_a_voice_is_about_the_voice_not_the_music(api: Api) -> None:
    token, sid, before = api.project("fr", "fais une vidéo sur une tarte aux pommes",
                                  "ajoute une voix off", "baisse un peu la voix")
    music = [s["m"].get("vol") for s in _track(before, "BGM")["sg"]]  # type: ignore[index]
    voice = _voice(before)[0]["m"]["vol"]
    text, state = api.say(token, sid, "mets une voix de femme et parle plus fort")
    assert [s["m"].get("vol") for s in _track(state, "BGM")["sg"]] == music  # type: ignore[index]
    assert _voice(state)[0]["m"]["vol"] > voice
    assert _voice(state)[0]["m"]["variant"] == "female"
    assert "volume de la narration" in text


# -- item 6: "redo" after "undo" makes the undone change again ----------------------------------

def _title(state: dict[str, Any]) -> tuple[str, str]:
    (seg,) = _track(state, "Title")["sg"]  # type: ignore[index]
    return seg["m"]["text"], seg["m"]["color"]


@pytest.mark.parametrize(("lang", "make", "title", "edit", "undo", "redo", "said"), [
    ("en", "a video about a camping lantern", "change the title to 'Light Anywhere' and make"
     " it orange", "make it 20 seconds", "undo that last change", "redo it", "Redone"),
    ("es", "haz un vídeo de una panadería", "cambia el título a «Pan Diario» y ponlo naranja",
     "que dure 20 segundos", "deshaz el último cambio", "rehazlo", "Rehecho"),
])
def test_redo_after_undo_makes_the_undone_change_again_and_keeps_the_rest(  # noqa: PLR0917
        api: Api, lang: str, make: str, title: str, edit: str, undo: str, redo: str,
        said: str) -> None:
    token, sid, titled = api.project(lang, make, title)
    _, edited = api.say(token, sid, edit)
    assert edited["draft"]["d"] == 20000
    _, undone = api.say(token, sid, undo)
    assert undone["draft"]["d"] != 20000
    text, state = api.say(token, sid, redo)
    assert state["draft"] == edited["draft"]  # the change again, not the video made anew
    assert _title(state) == _title(titled)  # the user's title and its colour stay
    assert said in text
    assert "20" in text
    _, again = api.say(token, sid, undo)
    assert again["draft"] == undone["draft"]  # and it can be undone once more


# -- item 5: a reply claims only what happened -----------------------------------------------

def test_bigger_captions_with_none_adds_none_and_the_title_still_changes(api: Api) -> None:
    token, sid, _ = api.project("zh-Hans", "做一个秋天的森林里小狗散步的视频")
    text, state = api.say(token, sid, "字幕放大一点，标题改成“秋日散步”")
    assert _texts(state, "Captions") == []
    assert "已添加" not in text
    assert "贯穿整个视频" not in text
    assert "还没有字幕" in text
    assert _texts(state, "Title") == ["秋日散步"]


def test_captions_added_for_a_place_say_when_they_are_shown(api: Api) -> None:
    token, sid, _ = api.project("en", "a 15 second video of a sunrise over snowy mountains",
                             "remove the captions")
    text, state = api.say(token, sid, "put the captions at the top")
    (cap,) = _track(state, "Captions")["sg"]  # type: ignore[index]
    if cap["s"] <= 0 and cap["s"] + cap["d"] >= state["draft"]["d"]:
        assert "shown for the whole video" in text
    else:
        assert "whole video" not in text
        assert f"{cap['s'] / 1000:g}–{(cap['s'] + cap['d']) / 1000:g} s" in text


@pytest.mark.parametrize(("lang", "message", "said"), [
    ("zh-Hans", "帮我把视频发到抖音上", "没法把视频发布到抖音"),
    ("en", "post it on TikTok", "can't publish or post videos to TikTok"),
    ("es", "sube el vídeo a Instagram, por favor", "No puedo publicar vídeos en Instagram"),
    ("de", "Übersetze die Untertitel ins Englische", "Untertitel übersetzen kann ich nicht"),
    ("fr", "traduis les sous-titres en anglais", "ne peux pas traduire les sous-titres"),
    ("ja", "字幕を英語に翻訳して", "字幕の翻訳はできない"),
])
def test_what_the_agent_cannot_do_is_said_and_nothing_changes(api: Api, lang: str,
                                                              message: str, said: str) -> None:
    token, sid, before = api.project(lang, {
        "zh-Hans": "做一个女儿七岁生日派对的视频", "en": "a video about a camping lantern",
        "es": "haz un vídeo de una panadería", "ja": "夜のラーメン屋の動画を作って",
        "de": "Mach ein Video über einen Ausflug an den Bodensee",
        "fr": "fais une vidéo sur une tarte aux pommes"}[lang], {
        "ja": "字幕をつけて", "de": "füge Untertitel hinzu", "fr": "ajoute des sous-titres",
    }.get(lang, "status"))
    text, state = api.say(token, sid, message)
    assert said in text
    assert state["draft"] == before["draft"]


# -- item 7: a title is the subject, cut where a phrase ends -----------------------------------

@pytest.mark.parametrize(("lang", "make", "title"), [
    ("en", "Our new SolarLite camping lantern: it charges in the sun all day and glows at"
     " night.", "Our New SolarLite Camping Lantern"),
    ("de", "Unseren Klassenausflug an den Bodensee: Wir sind mit dem Zug gefahren und haben am"
     " Ufer gepicknickt.", "Unseren Klassenausflug an den Bodensee"),
    # Whose it is stays, as "Our" and "我家" do: the user's bakery, not a bakery.
    ("es", "Un vídeo promocional de mi panadería: pan recién horneado por la mañana",
     "Mi panadería"),
    ("zh-Hans", "做一个关于我家猫的视频", "我家猫"),
])
def test_a_title_names_the_subject_and_is_never_cut_mid_clause(api: Api, lang: str, make: str,
                                                               title: str) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, make)
    assert _texts(state, "Title") == [title]
    assert title in text


def test_a_warmer_video_and_softer_music_is_a_warm_look_and_calm_music(api: Api) -> None:
    token, sid, _ = api.project("fr", "fais une vidéo sur une tarte aux pommes",
                             "mets une musique entraînante")
    text, state = api.say(token, sid, "rends la vidéo plus chaleureuse et la musique plus"
                                        " douce")
    assert state["draft"].get("look") == "warm"
    (music,) = _track(state, "BGM")["sg"]  # type: ignore[index]
    assert music["m"]["mood"] == "calm"
    assert "chaudes" in text
    assert text.count("J'ai remplacé la musique") == 1


def test_a_caption_for_each_sentence_shows_the_sentences_in_turn(api: Api) -> None:
    token, sid, _ = api.project("de", "Unser Klassenausflug an den Bodensee. Wir picknicken"
                                        " am Ufer. Abends geht die Sonne unter.")
    text, state = api.say(token, sid, "Mach das Video 30 Sekunden lang und füge Untertitel"
                                        " für jeden Satz hinzu")
    assert state["draft"]["d"] == 30000
    assert _texts(state, "Captions") == ["Unser Klassenausflug an den Bodensee.",
                                         "Wir picknicken am Ufer.", "Abends geht die Sonne unter"]
    assert "3 Untertitel" in text
    assert "nicht umsetzen" not in text


@pytest.mark.parametrize(("lang", "make", "ask", "said"), [
    ("fr", "fais une vidéo sur la tarte aux pommes de ma grand-mère",
     "ajoute la recette complète avec les quantités en sous-titres",
     "je ne peux pas rédiger moi-même « recette complète avec les quantités »"),
    ("en", "a video about my grandmother's apple pie",
     "add the full recipe with quantities as captions",
     "I can't write “full recipe with quantities” myself"),
    # Written without spaces, the words are found all the same.
    ("zh-Hans", "做一个奶奶做苹果派的视频", "把完整的菜谱和用量加成字幕",
     "“完整的菜谱和用量”我没法自己写"),
    ("zh-Hant", "做一個奶奶做蘋果派的影片", "把完整的食譜和份量加成字幕",
     "「完整的食譜和份量」我沒辦法自己寫"),
    ("ja", "祖母のアップルパイの動画を作って", "材料と分量を全部字幕で入れて",
     "「材料と分量」を私が書くことはできません"),
    ("ko", "할머니의 사과 파이 영상 만들어줘", "전체 레시피와 재료 양을 자막으로 넣어줘",
     "“전체 레시피와 재료 양” 같은 내용은 제가 직접 쓸 수 없어요"),
])
def test_captions_of_words_nobody_gave_are_said_to_be_impossible(api: Api, lang: str,
                                                                 make: str, ask: str,
                                                                 said: str) -> None:
    token, sid, before = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert said in text
    assert state["draft"] == before["draft"]  # no copy of the prompt as a caption


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hans", "给视频加上中文字幕"), ("zh-Hans", "为每个场景加字幕"),
    ("zh-Hant", "幫我把字幕加上"),
    ("ja", "字幕を追加して"), ("ja", "字幕を入れてください"), ("ko", "자막 넣어줘"),
    ("ko", "영상에 자막 좀 넣어 줄래?"),
])
def test_a_plain_caption_request_without_spaces_adds_captions(api: Api, lang: str,
                                                              ask: str) -> None:
    token, sid, before = api.project(lang, {"zh-Hans": "做一个海边灯塔的视频",
                                            "zh-Hant": "做一個海邊燈塔的影片",
                                            "ja": "海辺の灯台の動画を作って",
                                            "ko": "바닷가 등대 영상 만들어줘"}[lang])
    assert not _texts(before, "Captions")
    _, state = api.say(token, sid, ask)
    assert _texts(state, "Captions")


@pytest.mark.parametrize(("lang", "make", "subject", "words"), [
    ("en", "make a video of a sunny beach with a voice-over saying: Welcome to summer.",
     "sunny beach", "Welcome to summer."),
    ("es", "haz un vídeo de una playa con una voz en off femenina que diga: Bienvenidos al"
     " verano", "playa", "Bienvenidos al verano."),
])
def test_a_new_video_with_a_voice_over_saying_words_speaks_them(api: Api, lang: str,
                                                                 make: str, subject: str,
                                                                 words: str) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, make)
    assert _scenes(state)  # the video is of the subject, not of "… saying: …"
    descs = [s["m"]["desc"] for t in state["draft"]["t"] for s in t["sg"]
             if s["m"].get("kind") == "scene"]
    assert all(d.lower() == subject for d in descs)
    assert [s["m"]["text"] for s in _voice(state)] == [words]
    assert words.rstrip(".") in text
