"""What two user trials of the twenty-third round found, over HTTP against a real local
backend: a caption named by its number or ordinal ("remove caption 3", "supprime le
sous-titre 2", "第二句字幕改成「…」", "change the second caption to …") removed or replaced
every caption, or added one more; "標題改成紅色，字大一點" in a video without a title made the
captions red and bigger; "음악이 너무 시끄러워" (the music is too loud) removed the music;
"el titulo en rojo y mas grande" (no accents) made "rojo y mas grande" the title; "como de 15"
was answered in Portuguese in a Spanish conversation."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from backend.local.lexicon import lexicon
from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY, clip_lengths
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


SCRIPTS = {
    "en": "generate a 20-second video from this script: The market wakes up. Grandma cuts "
          "fruit. People queue for juice. The shop closes at sunset.",
    "zh-Hant": "用這段腳本做一支20秒的影片：早上的市場很熱鬧。阿嬤在切水果。"
               "客人排隊買果汁。夕陽下店門關上。",
    "fr": "génère une vidéo de 20 secondes à partir de ce script : Le marché se réveille. Mamie "
          "coupe des fruits. Les clients font la queue. La boutique ferme au coucher du soleil.",
    "ja": "この台本で20秒の動画を作って：朝の市場はにぎやか。おばあちゃんが果物を切る。"
          "お客さんが並ぶ。夕方に店が閉まる。",
    "es": "haz un video de 20 segundos con este guion: El mercado despierta. La abuela corta "
          "fruta. La gente hace fila. La tienda cierra al atardecer.",
    "ko": "이 대본으로 20초 영상 만들어줘: 아침에 카페 문을 열어요. 바리스타가 커피를 내려요. "
          "손님들이 웃어요. 저녁에 불이 꺼져요.",
}


def _captions(state: dict[str, Any]) -> list[str]:
    found = _track(state, "Captions")
    if found is None:
        return []
    return [str(sg["m"]["text"]) for sg in sorted(found["sg"], key=lambda sg: sg["s"])]


@pytest.mark.parametrize(("lang", "ask", "gone"), [
    ("en", "remove caption 3", 2),
    ("en", "delete caption number 1", 0),
    ("en", "remove the 3rd caption", 2),
    ("fr", "supprime le sous-titre 2", 1),
    ("zh-Hant", "字幕2刪掉", 1),
    ("ja", "字幕2を消して", 1),
])
def test_a_caption_named_by_its_number_is_the_one_removed(api: Api, lang: str, ask: str,
                                                          gone: int) -> None:
    token, sid, before = api.project(lang, SCRIPTS[lang])
    was = _captions(before)
    assert len(was) == 4
    text, state = api.say(token, sid, ask)
    assert _captions(state) == was[:gone] + was[gone + 1:]
    assert was[gone] in text


@pytest.mark.parametrize(("lang", "ask", "new"), [
    ("en", 'change the second caption to "Fresh every morning"', "Fresh every morning"),
    ("zh-Hant", "第二句字幕改成「每天早上新鮮水果現打」", "每天早上新鮮水果現打"),
    ("fr", "remplace le 2e sous-titre par « Tout frais »", "Tout frais"),
    ("ja", "2番目の字幕を「毎朝しぼりたて」に変えて", "毎朝しぼりたて"),
    ("es", "cambia el segundo subtitulo a 'Fruta fresca'", "Fruta fresca"),
    ("ko", "두 번째 자막을 '신선한 커피'로 바꿔줘", "신선한 커피"),
])
def test_a_caption_named_by_its_place_gets_the_new_words_alone(api: Api, lang: str, ask: str,
                                                                new: str) -> None:
    token, sid, before = api.project(lang, SCRIPTS[lang])
    was = _captions(before)
    text, state = api.say(token, sid, ask)
    assert _captions(state) == [was[0], new, *was[2:]]
    assert text.startswith("📝"), text
    assert was[1] in text
    assert new in text


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("zh-Hant", "標題改成紅色，字大一點", "還沒有標題"),
    ("ko", "제목 빨간색으로 하고 글씨 크게", "제목이 없어"),
])
def test_the_titles_letters_are_the_titles_not_the_captions(api: Api, lang: str, ask: str,
                                                            said: str) -> None:
    # A script video has captions and no title: nothing changes, and the reply says why.
    token, sid, before = api.project(lang, SCRIPTS[lang])
    text, state = api.say(token, sid, ask)
    assert said in text
    assert _track(state, "Captions") == _track(before, "Captions")


@pytest.mark.parametrize("ask", ["음악 좀 줄여줘 ㅠ 너무 시끄러워", "음악이 너무 시끄러워",
                                 "브금 너무 시끄러워"])
def test_music_too_loud_in_korean_turns_it_down(api: Api, ask: str) -> None:
    token, sid, before = api.project("ko", SCRIPTS["ko"])
    music = _track(before, "BGM")
    assert music is not None
    was = float(music["sg"][0]["m"].get("vol", 0.35))
    text, state = api.say(token, sid, ask)
    after = _track(state, "BGM")
    assert after is not None, text  # main removed the music
    assert "삭제" not in text
    assert float(after["sg"][0]["m"]["vol"]) < was


def test_a_title_restyled_without_accents_keeps_its_words(api: Api) -> None:
    token, sid, before = api.project(
        "es", 'haz un video de 20 segundos sobre un mercado en Oaxaca con subtítulos y el '
              'título "Diario de Oaxaca"')
    title = _track(before, "Title")
    assert title is not None
    text, state = api.say(token, sid, "el titulo en rojo y mas grande")
    after = _track(state, "Title")
    assert after is not None
    assert after["sg"][0]["m"]["text"] == "Diario de Oaxaca"
    assert "rojo" in text


@pytest.mark.parametrize("said", ["como de 15", "como 15"])
def test_a_short_spanish_answer_stays_spanish(said: str) -> None:
    assert lexicon().detect(said, "es") == "es"
    assert lexicon().detect("a música como antes", "es") == "pt"


def test_a_caption_list_keeps_a_title_word_inside_a_caption(api: Api) -> None:
    # "Heading home" holds "heading", a title's word: main made it the title.
    token, sid, before = api.project("en", "make a 20 second video about a trip to Cornwall")
    title = _track(before, "Title")
    _, state = api.say(token, sid, 'add captions "Day one", "The beach at St Ives", '
                                   '"Fish and chips", "Heading home"')
    assert _captions(state) == ["Day one", "The beach at St Ives", "Fish and chips",
                                "Heading home"]
    assert _track(state, "Title") == title


def test_captions_that_followed_each_other_still_do_in_a_shorter_video(api: Api) -> None:
    token, sid, _ = api.project("en", "make a 20 second video about a trip to Cornwall",
                                'add captions "Day one", "The beach", "Fish and chips", '
                                '"Home"')
    for ask in ("make it 15 seconds", "make it 9 seconds"):
        _, state = api.say(token, sid, ask)
        found = _track(state, "Captions")
        assert found is not None
        spans = sorted((sg["s"], sg["s"] + sg["d"]) for sg in found["sg"])
        assert len(spans) == 4
        # Each ends by the time the next starts (main kept 5 s each: two drawn at once).
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "make it snow in the last one"),
    ("fr", "mets de la neige dans la dernière"),
    ("ja", "最後のやつに雪降らせて"),
])
def test_weather_in_the_last_one_is_the_last_scenes(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    video = _track(state, "Video")
    assert video is not None
    weathers = [str(sg["m"]["scene"].get("weather") or "")
                for sg in sorted(video["sg"], key=lambda sg: sg["s"])]
    assert weathers == ["clear"] * 5 + ["snow"]  # main: snow in every scene


@pytest.mark.parametrize(("lang", "ask", "lengths", "weather"), [
    ("zh-Hant", "標題黃色，最後一個場景下雪", [5000] * 6, ["clear"] * 5 + ["snow"]),
    ("ko", "두번째 장면 3초로 하고 마지막 장면은 비 오게 해줘", [5000, 3000] + [5000] * 4,
     ["clear"] * 5 + ["rain"]),
    ("ja", "2番目のシーンを3秒にして、最後のシーンに雪を降らせて", [5000, 3000] + [5000] * 4,
     ["clear"] * 5 + ["snow"]),
])
def test_the_second_request_naming_a_scene_is_made_in_every_script(
        api: Api, lang: str, ask: str, lengths: list[int], weather: list[str]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    video = _track(state, "Video")
    assert video is not None
    assert clip_lengths(state) == lengths
    assert [str(sg["m"]["scene"].get("weather") or "")
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])] == weather


@pytest.mark.parametrize(("lang", "ask", "title"), [
    ("zh-Hant", "加個標題：府城果茶屋，要黃色的", "府城果茶屋"),
    ("en", "add a title: Hartley's Bakery, in yellow", "Hartley's Bakery"),
    ("en", "set the title to Hello, in yellow", "Hello"),
])
def test_a_titles_colour_after_its_words_is_made(api: Api, lang: str, ask: str,
                                                 title: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    found = _track(state, "Title")
    assert found is not None
    shown = found["sg"][0]["m"]
    assert shown["text"] == title
    assert str(shown["color"]).lower() not in ("#ffffff", "white"), shown  # main: white


def test_vertical_and_black_and_white_are_both_made(api: Api) -> None:
    token, sid, _ = api.project("es", THIRTY["es"])
    text, state = api.say(token, sid, "ponlo vertical y en blanco y negro")
    assert state["draft"]["look"] == "mono"
    assert (state["draft"]["w"], state["draft"]["h"]) == (1080, 1920), text  # main: 16:9


@pytest.mark.parametrize(("lang", "ask", "text"), [
    ("en", 'add a caption "See you soon!" to the last scene', "See you soon!"),
    ("fr", "ajoute le sous-titre « À bientôt ! » sur la dernière scène", "À bientôt !"),
    ("zh-Hans", "在第二个场景加字幕「欢迎光临」", "欢迎光临"),
])
def test_a_caption_for_one_scene_is_shown_during_it(api: Api, lang: str, ask: str,
                                                    text: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    video = _track(before, "Video")
    assert video is not None
    clips = sorted(video["sg"], key=lambda sg: sg["s"])
    scene = clips[1] if "第二" in ask else clips[-1]
    _, state = api.say(token, sid, ask)
    found = _track(state, "Captions")
    assert found is not None
    shown = [(sg["m"]["text"], sg["s"], sg["s"] + sg["d"]) for sg in found["sg"]]
    assert shown == [(text, scene["s"], scene["s"] + scene["d"])]  # main: the whole video


@pytest.mark.parametrize(("lang", "first", "voice"), [
    ("en", "make the first scene 3 seconds", "use a female voice for the narration"),
    ("ja", "1番目のシーンを3秒にして", "ナレーションを女性の声にして"),
])
def test_another_voice_keeps_the_scene_lengths_the_user_set(api: Api, lang: str, first: str,
                                                            voice: str) -> None:
    token, sid, _ = api.project(lang, SCRIPTS[lang])
    _, shorter = api.say(token, sid, first)
    lengths = clip_lengths(shorter)
    assert lengths[0] == 3000
    text, state = api.say(token, sid, voice)
    assert "✅" in text
    assert clip_lengths(state) == lengths  # main: laid out anew by the sentences (4.4 s each)
    spoken = _track(state, "Narration")
    assert spoken is not None
    # Each sentence still starts in its own scene.
    edges = [sum(lengths[:i]) for i in range(len(lengths) + 1)]
    starts = sorted(int(sg["s"]) for sg in spoken["sg"])
    assert [edges[i] <= s < edges[i + 1] for i, s in enumerate(starts)] == [True] * 4


@pytest.mark.parametrize("lang", ["en", "ja", "fr"])
def test_a_shorter_video_says_the_unspoken_sentences_captions_are_hidden(
        api: Api, lang: str) -> None:
    # The reply said "the captions stay" while the unspoken sentence's caption was hidden.
    token, sid, _ = api.project(lang, SCRIPTS[lang])
    asks = {"en": "make it 5 seconds", "ja": "5秒にして", "fr": "fais-la durer 5 secondes"}
    text, state = api.say(token, sid, asks[lang])
    shown = _captions(state)
    assert len(shown) < 4, text
    assert {"en": "nor shown as captions", "ja": "字幕も表示されません",
            "fr": "ni affichée en sous-titres"}[lang] in text


@pytest.mark.parametrize(("lang", "asks"), [
    ("en", ("make the music quieter", "turn the music off", "put the music back")),
    ("fr", ("baisse la musique", "enlève la musique", "remets la musique")),
])
def test_music_put_back_comes_back_as_it_was(api: Api, lang: str,
                                             asks: tuple[str, str, str]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, quieter = api.say(token, sid, asks[0])
    music = _track(quieter, "BGM")
    assert music is not None
    was = music["sg"][0]["m"]
    _, gone = api.say(token, sid, asks[1])
    assert _track(gone, "BGM") is None
    _, back = api.say(token, sid, asks[2])
    again = _track(back, "BGM")
    assert again is not None
    # Main brought it back at the default 35 %.
    assert (again["sg"][0]["m"]["mood"], again["sg"][0]["m"]["vol"]) == (was["mood"], was["vol"])


# A review of the fixes above with 643 messages on both trees found these made worse; each is
# what the user sees.
@pytest.mark.parametrize(("lang", "ask", "gone"), [
    ("en", "remove captions 1 and 2", (0, 1)),
    ("en", "remove caption 1 and caption 3", (0, 2)),
    ("fr", "supprime les sous-titres 1 et 2", (0, 1)),
    ("es", "borra los subtítulos 1 y 2", (0, 1)),
])
def test_several_captions_by_number_are_those_removed(api: Api, lang: str, ask: str,
                                                      gone: tuple[int, ...]) -> None:
    token, sid, before = api.project(lang, SCRIPTS[lang])
    was = _captions(before)
    text, state = api.say(token, sid, ask)
    assert _captions(state) == [c for i, c in enumerate(was) if i not in gone], text
    assert all(was[i] in text for i in gone)


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", 'add a caption "Welcome to the last scene"'),
    ("fr", "ajoute le sous-titre « Bienvenue dans la dernière scène »"),
    ("ko", '자막 "마지막 장면" 넣어줘'),
])
def test_a_captions_own_words_do_not_place_it(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    found = _track(state, "Captions")
    assert found is not None
    assert [(sg["s"], sg["d"]) for sg in found["sg"]] == [(0, int(before["draft"]["d"]))]


@pytest.mark.parametrize(("ask", "title"), [("title: Lady in Red", "Lady"),
                                            ("set the title to Men in Black", "Men")])
def test_a_colour_word_inside_a_title_does_not_colour_it(api: Api, ask: str, title: str) -> None:
    # (Whether the title is cut at "in Red" is an older question; it is not coloured.)
    token, sid, before = api.project("en", THIRTY["en"])
    was = _track(before, "Title")
    assert was is not None
    _, state = api.say(token, sid, ask)
    now = _track(state, "Title")
    assert now is not None
    assert now["sg"][0]["m"].get("color") == was["sg"][0]["m"].get("color")


def test_music_that_is_not_wanted_is_not_put_in(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "not party music, something calm")
    music = _track(state, "BGM")
    assert music is not None
    assert music["sg"][0]["m"]["mood"] == "calm", text


@pytest.mark.parametrize(("lang", "ask", "subject"), [
    ("ja", "京都の桜の旅行の思い出を20秒の動画にして", "京都の桜の旅行の思い出"),
    ("en", "turn our trip to Cornwall into a 20 second video", "our trip to Cornwall"),
    ("es", "convierte nuestro viaje a Oaxaca en un video de 20 segundos",
     "nuestro viaje a Oaxaca"),
    ("zh-Hans", "把我们去京都赏樱的回忆做成一个20秒的视频", "我们去京都赏樱的回忆"),
    ("zh-Hans", "我们去海边玩的视频", "我们去海边玩"),
])
def test_a_thing_made_into_a_video_is_its_subject(api: Api, lang: str, ask: str,
                                                  subject: str) -> None:
    # Main asked what the video should be about (ja), titled it "Turn Our Trip to Cornwall",
    # "Convierte Nuestro Viaje…", "把我们…做成", or dropped the "我" of "我们".
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, ask)
    assert subject in text, text
    video = _track(state, "Video")
    assert video is not None
    assert all(sg["m"]["desc"].startswith(subject) for sg in video["sg"])


def test_a_length_alone_in_korean_is_no_subject(api: Api) -> None:
    token, sid = api.new_user("ko")
    text, _ = api.say(token, sid, "20초 영상으로 만들어줘")
    assert "“으”" not in text  # main made a video about "으"


@pytest.mark.parametrize(("lang", "ask", "subject"), [
    ("en", "transform your kitchen in 5 steps", "transform your kitchen in 5 steps"),
    ("en", "convert your garage into a home gym, 30 seconds", "convert your garage into"),
    ("es", "transforma tu cocina en 5 pasos", "transforma tu cocina"),
    ("de", "aus unserem Garten: Tomaten ernten", "aus unserem Garten"),
    ("zh-Hans", "把酒言欢的夜晚", "把酒言欢"),
])
def test_a_verb_that_makes_nothing_a_video_stays_in_the_subject(
        api: Api, lang: str, ask: str, subject: str) -> None:
    # A second review found these cut ("Your Kitchen in 5 Steps", "酒言欢的夜晚").
    token, sid = api.new_user(lang)
    _, state = api.say(token, sid, ask)
    video = _track(state, "Video")
    assert video is not None
    assert all(sg["m"]["desc"].lower().startswith(subject.lower()) for sg in video["sg"])


def test_captions_off_in_korean_removes_them(api: Api) -> None:
    token, sid, before = api.project("ko", SCRIPTS["ko"])
    assert _captions(before)
    _, state = api.say(token, sid, "자막 끄기")  # main added captions
    assert _captions(state) == []


def test_dont_make_it_rain_in_korean_puts_no_rain(api: Api) -> None:
    token, sid, _ = api.project("ko", THIRTY["ko"])
    _, state = api.say(token, sid, "비 오게 하지 마")  # main: rain in every scene
    video = _track(state, "Video")
    assert video is not None
    assert {str(sg["m"]["scene"].get("weather")) for sg in video["sg"]} == {"clear"}


@pytest.mark.parametrize(("lang", "ask"), [("es", "pon la musica mas alta"),
                                           ("pt", "a musica mais alta")])
def test_louder_music_without_accents(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    music = _track(before, "BGM")
    assert music is not None
    _, state = api.say(token, sid, ask)  # main asked which music to switch to
    after = _track(state, "BGM")
    assert after is not None
    assert after["sg"][0]["m"]["vol"] > music["sg"][0]["m"].get("vol", 0.35)


def test_snow_in_the_last_one_in_portuguese(api: Api) -> None:
    token, sid, _ = api.project("pt", THIRTY["pt"])
    _, state = api.say(token, sid, "faz nevar na última")  # main: snow in every scene
    video = _track(state, "Video")
    assert video is not None
    assert [str(sg["m"]["scene"].get("weather"))
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])] == ["clear"] * 5 + ["snow"]


@pytest.mark.parametrize(("lang", "snow", "clear"), [
    ("en", "make it snow", "remove the snow in the last one"),
    ("fr", "fais neiger", "enlève la neige dans la dernière"),
])
def test_weather_taken_from_the_last_one_stays_elsewhere(api: Api, lang: str, snow: str,
                                                         clear: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    api.say(token, sid, snow)
    _, state = api.say(token, sid, clear)  # main cleared every scene
    video = _track(state, "Video")
    assert video is not None
    assert [str(sg["m"]["scene"].get("weather"))
            for sg in sorted(video["sg"], key=lambda sg: sg["s"])] == ["snow"] * 5 + ["clear"]
