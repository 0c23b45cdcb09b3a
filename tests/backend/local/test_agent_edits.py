"""Edit requests a first-time user made that the local agent misread (trial 6), checked over
HTTP against a real local backend: what the reply says in the user's language, and what the
timeline and the draft the renderer draws from hold afterwards."""

from __future__ import annotations

from typing import Any

import pytest

from backend.local.lexicon import lexicon
from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t.get("n") == name), None)


def _captions(state: dict[str, Any]) -> list[tuple[int, int, str]]:
    track = _track(state, "Captions")
    return sorted((s["s"], s["s"] + s["d"], s["m"]["text"]) for s in (track or {"sg": []})["sg"])


def _caption_looks(state: dict[str, Any]) -> list[tuple[str, str, float]]:
    track = _track(state, "Captions")
    return [(s["m"]["text"], s["m"]["pos"], s["m"]["size"]) for s in (track or {"sg": []})["sg"]]


# -- item 4: a place, a size or a time is never a caption's text -------------------------------

def test_moving_and_enlarging_captions_restyles_them_and_adds_no_caption(api: Api) -> None:
    token, sid, before = api.project("ja", "夜のラーメン屋の動画を作って", "字幕をつけて")
    assert [t for _, _, t in _captions(before)] == ["夜のラーメン屋"]
    text, state = api.say(token, sid, "字幕を上に移動して、もう少し大きくして")
    assert [t for _, _, t in _captions(state)] == ["夜のラーメン屋"]  # no caption "上"
    (_, pos, size), = _caption_looks(state)
    assert pos == "top"
    assert size > _caption_looks(before)[0][2]
    assert "上" in text
    assert "大きく" in text
    assert "追加" not in text


@pytest.mark.parametrize(("lang", "make", "move"), [
    ("en", "make a video of a birthday party", "move the captions to the top"),
    ("ko", "해운대 해변 영상 만들어줘", "자막을 위로 옮겨줘"),
    ("zh-Hant", "台北夜市的影片", "把字幕移到上面"),
    ("fr", "fais une vidéo d'une plage", "mets les sous-titres en haut"),
])
def test_a_place_for_the_captions_is_never_their_text(api: Api, lang: str, make: str,
                                                       move: str) -> None:
    token, sid, before = api.project(lang, make, "add captions" if lang == "en" else {
        "ko": "자막 넣어줘", "zh-Hant": "加上字幕", "fr": "ajoute des sous-titres"}[lang])
    texts = [t for _, _, t in _captions(before)]
    _, state = api.say(token, sid, move)
    assert [t for _, _, t in _captions(state)] == texts
    assert {pos for _, pos, _ in _caption_looks(state)} == {"top"}


def test_moving_a_named_caption_in_time_moves_it(api: Api) -> None:
    token, sid, before = api.project("en", "make a video of a birthday party",
                                  'add a caption saying "Thanks for coming!"')
    assert _captions(before) == [(0, 10000, "Thanks for coming!")]
    text, state = api.say(token, sid,
                       "move the Thanks for coming caption to the last 3 seconds")
    assert _captions(state) == [(7000, 10000, "Thanks for coming!")]
    assert text == "📝 Moved the caption “Thanks for coming!”: 0–10 s → 7–10 s."


def test_moving_one_of_several_captions_asks_which_when_none_is_named(api: Api) -> None:
    token, sid, before = api.project("en", "make a video of a birthday party",
                                  'add captions "Hello" and "Bye now"')
    text, state = api.say(token, sid, "move the caption to the last 3 seconds")
    assert _captions(state) == _captions(before)
    assert text.startswith("Which caption? Nothing changed yet.")
    assert "“Hello”" in text
    assert "“Bye now”" in text


def test_a_caption_said_to_go_at_the_end_goes_there(api: Api) -> None:
    token, sid, _ = api.project("en", "make a video of a birthday party")
    _, state = api.say(token, sid, 'add a caption at the end saying "Thanks for coming!"')
    assert _captions(state) == [(7000, 10000, "Thanks for coming!")]


@pytest.mark.parametrize(("lang", "make", "add"), [
    ("ko", "해운대 해변 영상 만들어줘", "자막 넣어줘"),
    ("en", "make a video of a beach", "add captions"),
    ("ja", "夜のラーメン屋の動画を作って", "字幕をつけて"),
    ("es", "haz un video de una playa", "añade subtítulos"),
])
def test_changing_the_caption_replaces_it(api: Api, lang: str, make: str, add: str) -> None:
    change, new, reply = {
        "ko": ('자막을 "여름 끝자락의 해운대"로 바꿔줘', "여름 끝자락의 해운대",
               "📝 자막을 바꿨어요: “{old}” → “여름 끝자락의 해운대”({start}–{end}초)."),
        "en": ("change the caption to Summer is over", "Summer is over",
               "📝 Changed the caption “{old}” → “Summer is over” ({start}–{end} s)."),
        "ja": ("字幕を「深夜の一杯」に変えて", "深夜の一杯",
               "📝 字幕を変更しました：「{old}」→「深夜の一杯」（{start}–{end}秒）。"),
        "es": ("cambia el subtítulo a «Se acabó el verano»", "Se acabó el verano",
               "📝 He cambiado el subtítulo: «{old}» → «Se acabó el verano» ({start}–{end} s)."),
    }[lang]
    token, sid, before = api.project(lang, make, add)
    ((start, end, old),) = _captions(before)
    text, state = api.say(token, sid, change)
    assert _captions(state) == [(start, end, new)]  # its times stay
    assert text == reply.format(old=old, start=_seconds(start, lang), end=_seconds(end, lang))


def _seconds(ms: int, lang: str) -> str:
    """Seconds as the replies write them: one decimal at most, the language's decimal mark."""
    return f"{round(ms / 1000, 1):g}".replace(".", "," if lang in ("es", "fr", "de", "pt") else ".")


@pytest.mark.parametrize(("lang", "make", "add", "text"), [
    ("ko", "해운대 해변 영상 만들어줘", "자막 넣어줘: 여름 끝자락의 해운대",
     "여름 끝자락의 해운대"),
    ("ja", "夜のラーメン屋の動画を作って", "字幕を入れて：深夜の一杯", "深夜の一杯"),
    ("zh-Hant", "台北夜市的影片", "加上字幕：士林夜市走走", "士林夜市走走"),
    ("en", "make a video of a beach", "add a caption please: Summer is over", "Summer is over"),
])
def test_a_caption_given_after_a_colon_is_that_text(api: Api, lang: str, make: str, add: str,
                                                    text: str) -> None:
    token, sid, _ = api.project(lang, make)
    _, state = api.say(token, sid, add)
    assert [t for _, _, t in _captions(state)] == [text]


# -- item 5: removing the caption that says X removes that one ---------------------------------

def test_removing_the_caption_that_says_x_removes_only_it(api: Api) -> None:
    token, sid, before = api.project("en", "make a video of a birthday party",
                                  'add captions "Thanks for coming!" and "the last 3 seconds"')
    assert len(_captions(before)) == 2
    text, state = api.say(token, sid, "remove the caption that says the last 3 seconds")
    assert [t for _, _, t in _captions(state)] == ["Thanks for coming!"]
    assert text == ("🗑️ Removed the caption “the last 3 seconds” (5–10 s). The other caption "
                    "stays as before.")


@pytest.mark.parametrize(("lang", "remove", "reply"), [
    ("ja", "「Bye now」の字幕を削除して",
     "🗑️ 字幕「Bye now」（5–10秒）を削除しました。ほかの字幕1つはそのままです。"),
    ("zh-Hant", "把「Bye now」這條字幕刪掉",
     "🗑️ 已刪除字幕「Bye now」（5–10秒）。其他1條字幕維持不變。"),
    ("pt", 'tira a legenda "Bye now"', "🗑️ Removi a legenda “Bye now” (5–10 s). A outra legenda "
     "continua igual."),
])
def test_a_caption_named_by_its_text_goes_alone_in_every_language(api: Api, lang: str,
                                                                  remove: str,
                                                                  reply: str) -> None:
    make = {"ja": "夜のラーメン屋の動画を作って", "zh-Hant": "台北夜市的影片",
            "pt": "faz um vídeo de uma praia"}[lang]
    token, sid, _ = api.project(lang, make, 'add captions "Hello" and "Bye now"')
    text, state = api.say(token, sid, remove)
    assert [t for _, _, t in _captions(state)] == ["Hello"]
    assert text == reply


def test_removing_a_caption_nobody_wrote_changes_nothing_and_lists_them(api: Api) -> None:
    token, sid, before = api.project("en", "make a video of a beach",
                                  'add captions "Hello" and "Bye now"')
    text, state = api.say(token, sid, 'remove the caption "Good night"')
    assert _captions(state) == _captions(before)
    assert text == ("No caption says “Good night”, so nothing changed. The captions are: "
                    "“Hello” (0–5 s), “Bye now” (5–10 s).")


# -- item 6: removing music never adds music ---------------------------------------------------

_NO_MUSIC = {
    "en": ("make a video of a beach", ["remove the music", "no music please",
                                       "turn off the music", "I don't want music"],
           "This video has no background music, so nothing was removed."),
    "zh-Hant": ("台北夜市的影片", ["把音樂拿掉", "不要音樂", "音樂關掉"],
                "這支影片沒有背景音樂，所以沒有刪除任何東西。"),
    "zh-Hans": ("做一个海边的视频", ["把音乐去掉", "不要背景音乐", "音乐关掉"],
                "这个视频没有背景音乐，所以没有删除任何内容。"),
    "ja": ("夜のラーメン屋の動画を作って", ["音楽いらない、消して", "BGMを削除して", "音楽なしで"],
           "この動画にはBGMがないので、何も削除していません。"),
    "ko": ("해변 영상 만들어줘", ["음악 빼줘", "배경음악 없애줘", "음악 꺼줘", "음악 필요 없어"],
           "이 영상에는 배경음악이 없어서 아무것도 삭제하지 않았어요."),
    "es": ("haz un video de una playa", ["quita la música", "sin música", "no quiero música"],
           "Este vídeo no tiene música de fondo, así que no he quitado nada."),
    "fr": ("fais une vidéo d'une plage", ["enlève la musique", "pas de musique",
                                          "coupe la musique", "je ne veux pas de musique"],
           "Cette vidéo n'a pas de musique de fond : rien n'a été supprimé."),
    "de": ("mach ein Video von einem Strand", ["entferne die Musik", "keine Musik",
                                               "schalte die Musik aus", "ich will keine Musik"],
           "Dieses Video hat keine Hintergrundmusik, daher wurde nichts entfernt."),
    "pt": ("faz um vídeo de uma praia", ["tira a música", "sem música", "desliga a música",
                                         "não quero música"],
           "Este vídeo não tem música de fundo, então nada foi removido."),
}


@pytest.mark.parametrize("lang", sorted(_NO_MUSIC))
def test_every_way_of_removing_the_music_removes_it_and_never_adds_it(api: Api,
                                                                      lang: str) -> None:
    make, phrasings, none_left = _NO_MUSIC[lang]
    for phrase in phrasings:
        token, sid, before = api.project(lang, make)
        assert _track(before, "BGM") is not None
        text, state = api.say(token, sid, phrase)
        assert _track(state, "BGM") is None, phrase
        assert "🎵" not in text, (phrase, text)
        assert text, phrase
        # Said again, with no music left: none is added, and the reply says there is none.
        text, state = api.say(token, sid, phrase)
        assert _track(state, "BGM") is None, phrase
        assert text == none_left, (phrase, text)


# -- item 10: a look asked beside a new text is made, or named -----------------------------------

def _title_meta(state: dict[str, Any]) -> dict[str, Any]:
    track = _track(state, "Title")
    assert track is not None
    return dict(track["sg"][0]["m"])


def test_a_new_title_and_its_colour_in_one_japanese_message(api: Api) -> None:
    token, sid, _ = api.project("ja", "夜のラーメン屋の動画を作って")
    text, state = api.say(token, sid, "タイトルを「深夜の一杯」に変えて、色は赤にしてください")
    meta = _title_meta(state)
    assert meta["text"] == "深夜の一杯"
    assert meta["color"] == "#ff3b30"  # what the renderer draws: red
    assert text == ("✏️ タイトルを変更しました：「夜のラーメン屋」→「深夜の一杯」。\n"
                    "✅ 完了：タイトルの色を白から赤に変更。")


def test_a_new_caption_with_its_place_and_colour_in_portuguese(api: Api) -> None:
    token, sid, _ = api.project("pt", "faz um vídeo de uma escola de samba")
    text, state = api.say(token, sid, 'coloca legenda embaixo: "Vai, Mangueira!" em verde')
    track = _track(state, "Captions")
    assert track is not None
    assert [(sg["m"]["text"], sg["m"]["pos"], sg["m"]["color"]) for sg in track["sg"]] == [
        ("Vai, Mangueira!", "bottom", "#3ccf5a")]
    assert text == ("📝 Adicionei a legenda “Vai, Mangueira!” (0–10 s).\n"
                    "✅ Feito: as legendas passaram de branco para verde. Já estava assim, sem "
                    "mudança: as legendas embaixo.")


def test_make_it_yellow_after_a_new_title_colours_that_title_and_keeps_its_mark(
        api: Api) -> None:
    token, sid, _ = api.project("en", "make a video of a birthday party")
    text, state = api.say(token, sid,
                       "change the title to Happy 7th Birthday, Leo! and make it yellow")
    meta = _title_meta(state)
    assert meta["text"] == "Happy 7th Birthday, Leo!"
    assert meta["color"] == "#ffe14d"
    assert text == ("✏️ Title changed: “Birthday Party” → “Happy 7th Birthday, Leo!”.\n"
                    "✅ Done: the title changed from white to yellow.")


def test_put_them_somewhere_after_the_captions_moves_the_captions(api: Api) -> None:
    # Played as a user: "put them in the middle" was read as uploads ("them") and answered
    # with the timeline's tracks.
    token, sid, _ = api.project("en", "a video of a lighthouse with captions")
    text, state = api.say(token, sid, "make the captions red and put them in the middle")
    track = _track(state, "Captions")
    assert track is not None
    assert {(sg["m"]["pos"], sg["m"]["color"]) for sg in track["sg"]} == {("center", "#ff3b30")}
    # One request for the same captions, read whole: one reply naming both changes.
    assert text == ("✅ Done: the captions moved to the middle (before: at the bottom); "
                    "the captions changed from white to red.")


def test_a_look_that_is_already_so_is_named_beside_the_one_made(api: Api) -> None:
    token, sid, _ = api.project("fr", "fais une vidéo d'une plage")
    text, state = api.say(token, sid, "mets le titre en haut et en blanc")
    meta = _title_meta(state)
    assert (meta["pos"], meta["color"].lower()) == ("top", "#ffffff")
    assert text == ("✅ C'est fait : le titre déplacé en haut (avant : au milieu). Déjà ainsi, "
                    "inchangé : le titre en blanc.")


# -- item 14: edits said among others say what changed -----------------------------------------

def test_a_title_and_captions_changed_together_say_old_and_new(api: Api) -> None:
    token, sid, _ = api.project("zh-Hant", "台北夜市的影片")
    text, state = api.say(token, sid, "標題改成「士林夜市走走」，字幕加上「雞排、珍奶、蚵仔煎」")
    assert _title_meta(state)["text"] == "士林夜市走走"
    assert _captions(state) == [(0, 10000, "雞排、珍奶、蚵仔煎")]
    assert text == ("✏️ 標題已修改：「台北夜市」→「士林夜市走走」。\n"
                    "📝 已新增字幕：「雞排、珍奶、蚵仔煎」（0–10秒）。")


# -- items 11 and 12: one answer per request, narration asked for as a question ------------------

def test_a_length_given_later_in_the_message_is_not_asked_for(api: Api) -> None:
    token, sid, _ = api.project("ja", "夜のラーメン屋の動画を作って")
    text, state = api.say(token, sid,
                       "もうちょっと長くして、20秒くらいで。あとBGMはジャズっぽいのがいいな")
    assert state["draft"]["d"] == 20000
    assert "どれくらいにしますか" not in text  # no question about what it just did
    assert "⏱️ 動画の長さを20秒にしました。" in text
    # Jazz is not made here: the options are named, never "already Lo-fi".
    assert "すでに" not in text
    assert ("「BGMはジャズっぽいのがいいな」について："
            "「ローファイ」の代わりにどんな音楽にしますか？"
            "作れるのは穏やか・明るい・壮大・切ない・ロマンチック・懐かしいの音楽です。"
            "変更はありません。") in text
    bgm = _track(state, "BGM")
    assert bgm is not None
    assert bgm["sg"][0]["m"]["name"] == "Lo-fi"


@pytest.mark.parametrize(("lang", "make", "ask", "reply"), [
    ("pt", "faz um vídeo de uma praia", "você consegue colocar uma narração?",
     "✅ Feito: narração adicionada: “Praia.”"),
    ("fr", "fais une vidéo d'une plage", "tu peux ajouter une voix off ?",
     "✅ C'est fait : narration ajoutée : « Plage. »"),
    ("en", "make a video of a beach", "can you add a voice-over?",
     "✅ Done: narration added: “Beach.”"),
    ("es", "haz un video de una playa", "¿puedes añadir una narración?",
     "✅ Hecho: narración añadida: «Playa.»"),
    ("de", "mach ein Video von einem Strand", "kannst du eine Sprecherstimme hinzufügen?",
     "✅ Erledigt: Sprecherstimme hinzugefügt: „Strand.“"),
    ("zh-Hant", "做一個海邊的影片", "可以加旁白嗎？", "✅ 已完成：已新增旁白：「海邊」"),
    ("ko", "해변 영상 만들어줘", "내레이션 넣어줄 수 있어?", "✅ 완료: 내레이션 추가: “해변.”"),
])
def test_narration_asked_for_as_a_question_is_added(api: Api, lang: str, make: str, ask: str,
                                                    reply: str) -> None:
    token, sid, before = api.project(lang, make)
    assert not any(t.get("n") == "Narration" for t in before["draft"]["t"])
    text, state = api.say(token, sid, ask)
    assert text.startswith(reply)
    voice = next((t for t in state["draft"]["t"] if t.get("n") == "Narration"), None)
    assert voice is not None
    assert voice["sg"]


#: A narration given new words (the voice said the subject before): said as a change from the
#: old words to the new, in the user's language; "把旁白改成女声" stays a change of voice.
REWORDED = [
    ("en", "make a video of a beach with a voice-over", "change the narration to: Welcome",
     "✅ Done: narration changed: “Beach.” → “Welcome”, read by the offline standard voice"),
    ("de", "Mach ein Video über einen Strand mit Sprecher",
     "Der Sprecher soll sagen: Willkommen",
     "✅ Erledigt: Sprechertext geändert: „Strand.“ → „Willkommen“"),
    ("es", "haz un video de una playa con narración", "cambia la narración a: Bienvenidos",
     "✅ Hecho: narración cambiada: «Playa.» → «Bienvenidos»"),
    ("fr", "fais une vidéo d'une plage avec une voix off",
     "change la narration en : Bienvenue", "✅ C'est fait : narration modifiée : « Plage. » → "
     "« Bienvenue »"),
    ("pt", "faça um vídeo de uma praia com narração", "mude a narração para: Bem-vindos",
     "✅ Feito: narração alterada: “Praia.” → “Bem-vindos”"),
    ("ja", "ビーチの動画をナレーション付きで作って", "ナレーションを「ようこそ」に変えて",
     "✅ 完了：ナレーションを「ビーチ。」から「ようこそ」に変更し"),
    ("ko", "해변 영상 내레이션 넣어서 만들어줘", "내레이션을 “환영해요”로 바꿔줘",
     "✅ 완료: 내레이션 변경: “해변.” → “환영해요”"),
    ("zh-Hans", "做一个海滩的视频，带旁白", "把旁白改成：欢迎来到夏天",
     "✅ 已完成：旁白已从“海滩”改为“欢迎来到夏天”"),
    ("zh-Hant", "做一個海灘的影片，帶旁白", "把旁白改成「歡迎來到夏天」",
     "✅ 已完成：旁白已從「海灘」改為「歡迎來到夏天」"),
]


def _spoken(state: dict[str, Any]) -> list[str]:
    voice = next((t for t in state["draft"]["t"] if t.get("n") == "Narration"), None)
    assert voice is not None
    return [str(sg["m"]["text"]) for sg in voice["sg"]]


@pytest.mark.parametrize(("lang", "make", "ask", "reply"), REWORDED,
                         ids=[row[0] for row in REWORDED])
def test_new_words_for_a_narration_are_said_as_a_change_and_kept_when_made_again(
        api: Api, lang: str, make: str, ask: str, reply: str) -> None:
    token, sid, _ = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert text.startswith(reply), text
    words = _spoken(state)
    # Made again, the voice says the words the user gave, not the subject again.
    _, again = api.say(token, sid, {"en": "regenerate", "de": "generiere das Video neu",
                                    "es": "regenera el vídeo", "fr": "régénère la vidéo",
                                    "pt": "regenere o vídeo", "ja": "作り直して",
                                    "ko": "다시 만들어 줘", "zh-Hans": "重新生成",
                                    "zh-Hant": "重新生成"}[lang])
    assert again["draft"]["t"][0]["sg"][0]["m"]["seed"] != state["draft"]["t"][0]["sg"][0][
        "m"]["seed"]
    assert [w.rstrip(".。") for w in _spoken(again)] == [w.rstrip(".。") for w in words]


def test_new_words_for_a_script_narration_quote_the_script_as_it_was_spoken(api: Api) -> None:
    token, sid, _ = api.project("en", "Script: The city wakes up. Coffee steams. Trains glide by.")
    text, _ = api.say(token, sid, "make the narration say: Good morning, city")
    assert text.startswith("✅ Done: narration changed: “The city wakes up. Coffee steams. "
                           "Trains glide by.” → “Good morning, city”")
    _, before = api.say(token, sid, "what does the video look like?")
    # Made again, the script's scenes come back and the voice says the user's words.
    text, again = api.say(token, sid, "regenerate")
    assert [w.rstrip(".") for w in _spoken(again)] == ["Good morning, city"]
    assert again["draft"]["d"] == before["draft"]["d"]
    assert "your narration with its caption" in text
    assert "the script's sentences" not in text


def test_a_voice_asked_in_place_of_the_old_one_dictates_nothing(api: Api) -> None:
    token, sid, before = api.project("zh-Hant", "做一個海灘的影片，帶旁白")
    text, state = api.say(token, sid, "把旁白改成女聲")
    assert text == "✅ 已完成：旁白改用女聲，已重新合成。"
    assert _spoken(state) == _spoken(before)


# -- item 16: undo takes the last change back, or says there is none ---------------------------

_UNDO = {
    "ja": ("夜のラーメン屋の動画を作って", "BGMを削除して", "さっきの変更、元に戻して",
           "↩️ 「BGMを削除して」を取り消しました。動画は前の状態に戻りました："),
    "en": ("make a video of a beach", "remove the music", "undo",
           "↩️ Undone: “remove the music”. The video is back as it was before: "),
    "fr": ("fais une vidéo d'une plage", "enlève la musique", "défais",
           "↩️ J'ai annulé « enlève la musique ». La vidéo est revenue à son état précédent : "),
    "zh-Hant": ("做一個海邊的影片", "把音樂拿掉", "復原",
                "↩️ 已復原「把音樂拿掉」。影片回到之前的樣子："),
    "zh-Hans": ("做一个海边的视频", "把音乐去掉", "撤销",
                "↩️ 已撤销“把音乐去掉”。视频恢复到之前的样子："),
    "ko": ("해변 영상 만들어줘", "음악 빼줘", "되돌려줘",
           "↩️ “음악 빼줘” 변경을 되돌렸어요. 영상이 이전 상태로 돌아왔어요: "),
    "es": ("haz un video de una playa", "quita la música", "deshaz eso",
           "↩️ He deshecho «quita la música». El vídeo vuelve a estar como antes: "),
    "de": ("mach ein Video von einem Strand", "entferne die Musik", "mach das rückgängig",
           "↩️ Rückgängig gemacht: „entferne die Musik“. Das Video ist wieder wie vorher: "),
    "pt": ("faz um vídeo de uma praia", "tira a música", "desfaz",
           "↩️ Desfiz “tira a música”. O vídeo voltou a ficar como antes: "),
}


@pytest.mark.parametrize("lang", sorted(_UNDO))
def test_undo_brings_the_last_change_back_in_every_language(api: Api, lang: str) -> None:
    make, edit, undo, reply = _UNDO[lang]
    token, sid, before = api.project(lang, make)
    _, edited = api.say(token, sid, edit)
    assert _track(edited, "BGM") is None
    text, state = api.say(token, sid, undo)
    assert state["draft"] == before["draft"]  # the music is back, as it was
    assert text.startswith(reply)
    assert lexicon().music_name("calm", lang) in text  # "Lo-fi", "ローファイ", "舒缓轻音乐"


def test_undo_goes_back_one_change_at_a_time_and_then_says_there_is_nothing(api: Api) -> None:
    token, sid, made = api.project("en", "make a video of a beach")
    _, titled = api.say(token, sid, "make the title yellow")
    _, _ = api.say(token, sid, 'add a caption saying "Hello"')
    text, state = api.say(token, sid, "undo")
    assert state["draft"] == titled["draft"]
    assert text.startswith("↩️ Undone: “add a caption saying \"Hello\"”.")
    text, state = api.say(token, sid, "undo")
    assert state["draft"] == made["draft"]
    assert text.startswith("↩️ Undone: “make the title yellow”.")
    text, state = api.say(token, sid, "undo")
    assert state["draft"] == made["draft"]  # a new video is not undone
    assert text == ("There is nothing to undo: no edit was made since the video was made, or "
                    "it was undone already. Nothing changed. Tell me what to change instead.")


def test_undo_with_nothing_done_says_so_in_the_users_language(api: Api) -> None:
    token, sid, made = api.project("ja", "夜のラーメン屋の動画を作って")
    text, state = api.say(token, sid, "さっきの変更、元に戻して")
    assert state["draft"] == made["draft"]
    assert text.startswith("取り消せる変更がありません")


# -- item 18: small wording ----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "make", "ask", "reply"), [
    ("zh-Hant", "做一個海邊的影片", "字幕加上背景框",
     "還沒有字幕可以修改，所以沒有改動。請先新增，例如「新增字幕」。"),
    ("ja", "海の動画を作って", "字幕に背景を付けて",
     "変更できる字幕がまだないため、変更はありません。まず追加してください（例：「字幕を追加」）。"),
])
def test_a_look_for_missing_captions_suggests_adding_captions(api: Api, lang: str, make: str,
                                                              ask: str, reply: str) -> None:
    token, sid, before = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"]
    assert text == reply


def test_a_new_voice_is_said_in_natural_portuguese(api: Api) -> None:
    token, sid, _ = api.project("pt", "faz um vídeo de uma praia com narração")
    text, _ = api.say(token, sid, "voz masculina")
    assert text == "✅ Feito: a narração agora é lida por uma voz masculina (gravada de novo)."


def test_a_voice_already_in_use_is_said_as_it_is_not_as_a_change(api: Api) -> None:
    # Was: "Já está assim (a narração agora é lida por uma voz masculina)": "agora" ("now")
    # in a reply that says nothing changed.
    token, sid, _ = api.project("pt", "faz um vídeo de uma praia com narração")
    api.say(token, sid, "voz masculina")
    text, _ = api.say(token, sid, "muda para voz masculina")
    assert text == "Já está assim (a narração é lida por uma voz masculina), então nada mudou."


def test_making_or_setting_a_caption_adds_one_and_never_rewrites_the_other(api: Api) -> None:
    token, sid, _ = api.project("en", "make a video of a beach", 'add a caption saying "Hello"')
    _, state = api.say(token, sid, 'make a caption saying "Bye"')
    _, state = api.say(token, sid, "set a caption at 5 seconds: Later")
    assert sorted(t for _, _, t in _captions(state)) == ["Bye", "Hello", "Later"]
