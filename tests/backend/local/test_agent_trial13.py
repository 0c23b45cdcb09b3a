"""Wordings from user trial 13 (ten first-time users, nine languages, through
``nemoskill --local chat``) that the local agent did not understand, checked over HTTP against
a real local backend: the reply the user reads and the project's state after it.

- the visible text called "the writing", "the letters" ("Die Schrift", "글씨") was not the title;
- livelier or happier asked in words the moods did not have ("熱鬧一點", "deixa mais feliz",
  "ponle musica mas prendida"), and Portuguese "animado" read as the animation style;
- "put the music back as it was" ("deja la música como estaba", "元の音楽に戻して") was not an undo;
- Mexican Spanish "hazlo mas cortito" and "q tiene el video".
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


MAKE = {"en": "a 15 second video of a beach", "es": "haz un video de 15 segundos de una playa",
        "fr": "fais une vidéo de 15 secondes d'une plage",
        "de": "Mach ein Video von 15 Sekunden von einem Strand",
        "pt": "faz um vídeo de 15 segundos de uma praia",
        "zh-Hans": "帮我做一个15秒的海边视频", "zh-Hant": "幫我做一個15秒的海邊影片",
        "ja": "15秒の海辺の動画を作って", "ko": "15초짜리 바다 영상 만들어줘"}


def _title_size(state: dict[str, object]) -> float:
    title = _track(state, "Title")  # type: ignore[arg-type]
    assert title is not None
    return float(title["sg"][0]["m"]["size"])


# -- "the writing", "the letters": the visible text, which is the title ------------------------

#: How each language's reply says the title was made bigger.
TITLE_BIGGER = {"en": "the title made bigger", "es": "el título más grande",
                "fr": "le titre plus grand", "de": "der Titel größer",
                "pt": "o título maior", "zh-Hans": "标题放大", "zh-Hant": "標題放大",
                "ja": "タイトルを大きく", "ko": "제목 크게"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "The writing is too small for my old eyes, can you make it bigger?"),  # the trial's
    ("en", "bigger letters please"),
    ("en", "make the lettering bigger"),
    ("es", "Las letras más grandes por favor"),
    ("es", "letras más grandes"),
    ("es", "la letra más grande"),
    ("fr", "les lettres plus grosses"),
    ("fr", "l'écriture est trop petite"),
    ("de", "Die Schrift größer"),
    ("de", "Die Schrift größer bitte"),
    ("de", "die Buchstaben größer"),
    ("pt", "letras maiores por favor"),
    ("pt", "a letra está muito pequena"),
    ("zh-Hans", "那些字大一点"),
    ("zh-Hant", "那些字大一點"),
    ("ja", "字が小さすぎます"),
    ("ko", "글씨 크게 해주세요"),
])
def test_the_writing_or_the_letters_are_the_title(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, MAKE[lang])
    assert _title_size(before) == pytest.approx(0.08)
    text, state = api.say(token, sid, ask)
    assert TITLE_BIGGER[lang] in text, text
    assert _title_size(state) == pytest.approx(0.10)
    # The look of the title only: its words, the music and the length are as they were.
    assert _track(state, "Title")["sg"][0]["m"]["text"] == (  # type: ignore[index]
        _track(before, "Title")["sg"][0]["m"]["text"])  # type: ignore[index]
    assert _track(state, "BGM") == _track(before, "BGM")
    assert state["draft"]["d"] == before["draft"]["d"]



@pytest.mark.parametrize(("lang", "add", "ask"), [
    ("en", "add a caption: Hello", "make the caption letters bigger"),
    ("en", "add a caption: Hello", "make the caption text bigger"),
    ("es", "añade un subtítulo: Hola", "las letras de los subtítulos más grandes"),
    ("de", "füge einen Untertitel hinzu: Hallo", "die Schrift der Untertitel größer"),
    ("ja", "字幕を追加：こんにちは", "字幕の字が小さすぎます"),
    ("ko", "자막 추가: 안녕", "자막 글씨 크게 해주세요"),
])
def test_the_letters_of_the_captions_are_the_captions(api: Api, lang: str, add: str,
                                                      ask: str) -> None:
    # The writing said of the captions is theirs: the title keeps its size.
    token, sid, _ = api.project(lang, MAKE[lang])
    _, before = api.say(token, sid, add)
    captions = _track(before, "Captions")
    assert captions is not None
    text, state = api.say(token, sid, ask)
    assert _title_size(state) == pytest.approx(0.08), text
    assert [sg["m"]["size"] for sg in _track(state, "Captions")["sg"]] == [  # type: ignore[index]
        pytest.approx(0.06)], text

# -- livelier, happier: the upbeat mood in the words people use ---------------------------------

#: How each language's reply names the restyled scenes ("🎨 The scenes are now in …").
RESTYLED = {"en": "🎨 The scenes are now in the", "es": "🎨 Las escenas tienen ahora el estilo",
            "fr": "🎨 Les scènes sont maintenant en style",
            "de": "🎨 Die Szenen sind jetzt im Stil", "pt": "🎨 As cenas agora estão no estilo",
            "zh-Hans": "🎨 画面风格已改为", "zh-Hant": "🎨 畫面風格已改為", "ja": "🎨 シーンを",
            "ko": "🎨 장면을"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hant", "熱鬧一點"),  # the trial's messages
    ("pt", "Deixa mais feliz, com mais energia"),
    ("pt", "deixa mais feliz"),
    ("zh-Hans", "热闹一点"),
    ("en", "make it more lively"),
    ("es", "hazlo más feliz"),
    ("fr", "rends-la plus vivante"),
    ("de", "mach es lebhafter"),
    ("ja", "もっとにぎやかにして"),
    ("ko", "더 흥겹게 해줘"),
])
def test_livelier_asked_of_the_video_makes_it_upbeat(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, MAKE[lang])
    text, state = api.say(token, sid, ask)
    assert text.startswith(RESTYLED[lang]), text
    assert {sg["m"]["scene"]["style"] for sg in _track(state, "Video")["sg"]  # type: ignore[index]
            if sg["m"].get("kind") == "scene"} == {"upbeat"}
    assert _track(state, "BGM") == _track(before, "BGM")


def test_portuguese_names_the_upbeat_style_so_it_is_no_animation(api: Api) -> None:
    # "animado" said of a video is lively; the trial's user read "estilo animado" as
    # the cartoon style. The reply names it "alegre", and asked again it is already so.
    token, sid, _ = api.project("pt", MAKE["pt"])
    text, _ = api.say(token, sid, "deixa mais animado")
    assert text.startswith("🎨 As cenas agora estão no estilo alegre"), text
    assert "animado" not in text
    text, _ = api.say(token, sid, "deixa mais feliz")
    assert text == "As cenas já estão no estilo alegre, então nada mudou.", text


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hant", "不對不對，我是說音樂熱鬧一點，不是畫面"),  # the trial's messages
    ("es", "ponle musica mas prendida"),
    ("zh-Hant", "音樂熱鬧一點"),
    ("zh-Hans", "音乐热闹一点"),
    ("en", "make the music more lively"),
    ("es", "la música más prendida"),
    ("pt", "deixa a música mais feliz"),
    ("fr", "une musique plus vivante"),
    ("de", "die Musik lebhafter"),
    ("ja", "音楽をにぎやかにして"),
    ("ko", "음악 흥겹게 해줘"),
])
def test_livelier_music_makes_the_music_upbeat(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, MAKE[lang])
    assert _track(before, "BGM")["sg"][0]["m"]["mood"] == "calm"  # type: ignore[index]
    text, state = api.say(token, sid, ask)
    assert text.startswith("🎵"), text
    assert _track(state, "BGM")["sg"][0]["m"]["mood"] == "upbeat"  # type: ignore[index]
    assert _track(state, "Video") == _track(before, "Video")  # the scenes are as they were


# -- the music (or the last change) put back as it was ------------------------------------------

#: A change of the music in each language (calm → upbeat).
MUSIC_UPBEAT = {"en": "make the music happier", "es": "ponle musica alegre",
                "fr": "mets une musique joyeuse", "de": "die Musik schwungvoller",
                "pt": "música mais alegre", "zh-Hans": "音乐欢快一点", "zh-Hant": "音樂換成歡快的",
                "ja": "BGMを明るい感じにして", "ko": "음악 경쾌하게 해줘"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("es", "deja la música como estaba"),  # the trial's messages
    ("ja", "元の音楽に戻してください"),
    ("ja", "BGMを最初のに戻してください"),
    ("es", "regresalo como estaba"),
    ("es", "regrésalo como estaba"),
    ("es", "quiero la música de antes"),
    ("en", "put the music back as it was"),
    ("en", "put it back the way it was"),
    ("en", "I want the previous music"),
    ("fr", "remets la musique comme avant"),
    ("fr", "remets-la comme c'était"),
    ("de", "mach die Musik wieder wie vorher"),
    ("de", "mach es wieder so wie vorher"),
    ("pt", "deixa a música como estava"),
    ("pt", "volta como estava"),
    ("zh-Hans", "把音乐改回原来的"),
    ("zh-Hans", "换回去"),
    ("zh-Hant", "音樂改回原來的"),
    ("zh-Hant", "換回去吧"),
    ("ko", "원래 음악으로 바꿔줘"),
    ("ko", "아까대로 해줘"),
])
def test_put_back_as_it_was_undoes_the_music_change(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, MAKE[lang])
    changed_text, changed = api.say(token, sid, MUSIC_UPBEAT[lang])
    assert _track(changed, "BGM")["sg"][0]["m"]["mood"] == "upbeat", changed_text  # type: ignore[index]
    text, state = api.say(token, sid, ask)
    assert text.startswith("↩️"), text
    assert MUSIC_UPBEAT[lang] in text  # the reply names the change it took back
    assert _track(state, "BGM") == _track(before, "BGM")
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "none"), [
    ("es", "deja la música como estaba", "No hay nada que deshacer"),
    ("ja", "元の音楽に戻してください", "取り消せる変更がありません"),
    ("en", "put it back the way it was", "There is nothing to undo"),
])
def test_put_back_with_nothing_changed_says_so(api: Api, lang: str, ask: str, none: str) -> None:
    # Not the clips' own sound ("元の音"), nor another music: nothing to take back, said so.
    token, sid, before = api.project(lang, MAKE[lang])
    text, state = api.say(token, sid, ask)
    assert text.startswith(none), text
    assert state["draft"] == before["draft"]



@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "put it back at the top"),
    ("en", "keep the music as it was and put the title at the top"),
])
def test_back_with_a_place_or_keep_as_it_was_is_no_undo(api: Api, lang: str, ask: str) -> None:
    # "put it back at the top" names where the title goes, not the state before the last
    # change (which had the title in the middle); "keep … as it was" keeps, takes nothing back.
    token, sid, _ = api.project(lang, MAKE[lang])
    _, moved = api.say(token, sid, "move the title to the bottom")
    assert _track(moved, "Title")["sg"][0]["m"]["pos"] == "bottom"  # type: ignore[index]
    text, state = api.say(token, sid, ask)
    assert not text.startswith("↩️"), text
    assert _track(state, "Title")["sg"][0]["m"]["pos"] != "center"  # type: ignore[index]

# -- Mexican Spanish: diminutives, 'mas' without its accent, 'q' ---------------------------------

@pytest.mark.parametrize(("lang", "ask", "plain"), [
    ("es", "hazlo mas cortito", "hazlo más corto"),  # the trial's message
    ("es", "hazlo mas corto", "hazlo más corto"),
    ("pt", "deixa mais curtinho", "deixa mais curto"),
])
def test_shorter_in_a_diminutive_is_shorter(api: Api, lang: str, ask: str, plain: str) -> None:
    # With no length given, "shorter" asks how long: the diminutive is answered the same.
    token, sid, before = api.project(lang, MAKE[lang])
    text, state = api.say(token, sid, ask)
    token2, sid2, _ = api.project(lang, MAKE[lang])
    expected, _ = api.say(token2, sid2, plain)
    assert "15 s" in expected, expected
    assert text == expected
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("es", "hazlo mas cortito, de 10 segundos", "⏱️ El vídeo dura ahora 10 s"),
    ("es", "mas cortito, 10 segundos", "⏱️ El vídeo dura ahora 10 s"),
    ("pt", "deixa mais curtinho, 10 segundos", "⏱️ O vídeo agora tem 10 s"),
])
def test_shorter_in_a_diminutive_with_a_length_cuts_it(api: Api, lang: str, ask: str,
                                                        said: str) -> None:
    token, sid, _ = api.project(lang, MAKE[lang])
    text, state = api.say(token, sid, ask)
    assert text.startswith(said), text
    assert state["draft"]["d"] == 10_000


@pytest.mark.parametrize("ask", ["q tiene el video", "q hay en el video", "qué tiene el vídeo"])
def test_what_is_in_the_video_with_q_is_a_question(api: Api, ask: str) -> None:
    token, sid, before = api.project("es", MAKE["es"])
    text, state = api.say(token, sid, ask)
    assert text.startswith("Tu proyecto dura 15 s"), text
    assert "Música: Lo-fi" in text
    assert "«Playa»" in text
    assert state["draft"] == before["draft"]


def test_a_caption_or_title_after_q_dice_is_its_text(api: Api) -> None:
    # (The reply of these edits is written by the runtime from the tool's result: the
    # project's state is what the backend answers.)
    token, sid, _ = api.project("es", MAKE["es"])
    _, state = api.say(token, sid, "añade un subtítulo q dice hola")
    captions = _track(state, "Captions")
    assert captions is not None
    assert [sg["m"]["text"] for sg in captions["sg"]] == ["hola"]
    _, state = api.say(token, sid, "pon el título q diga Verano")
    assert _track(state, "Title")["sg"][0]["m"]["text"] == "Verano"  # type: ignore[index]
