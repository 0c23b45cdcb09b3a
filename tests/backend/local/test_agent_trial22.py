"""What a user trial of the twenty-second round found, over HTTP against a real local
backend: on main, removing a scene left the captions and narration where they were (every
later scene showed and spoke the one before's words), "what does the voice-over say?" made
"?" the narration, "make the third one 3 seconds" made the whole video 3 seconds long,
"remove the music from the last scene" deleted the scene, and "the second and fourth scenes",
"scenes 2 and 4", "die letzten beiden Szenen" and "… and the third 4" acted on one scene only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY, seconds
from tests.backend.local.drafts import clip_lengths as _lengths
from tests.backend.local.drafts import track as _track

SCRIPT = ("generate a 25-second video from this script: A city wakes up at dawn. Coffee steams "
          "on a balcony. Trains glide through the morning light. A dog runs on the beach. The "
          "sun sets over the sea.")


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _spoken(state: dict[str, Any], name: str) -> list[tuple[str, int]]:
    """A track's texts with where each starts (ms), in time order."""
    found = _track(state, name)
    assert found is not None, name
    return [(str(sg["m"]["text"]), int(sg["s"])) for sg in sorted(found["sg"],
                                                                  key=lambda sg: sg["s"])]


def _lengths_after(api: Api, lang: str, ask: str) -> tuple[str, list[int]]:
    """A new 30-second, six-scene project in ``lang``, ``ask`` said to it: the reply and the
    scenes' lengths (ms) after it."""
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    return text, _lengths(state)


def _clips(state: dict[str, Any]) -> list[tuple[str, int, int]]:
    video = _track(state, "Video")
    assert video is not None
    return [(str(sg["m"].get("desc") or sg["m"].get("name")), int(sg["s"]),
             int(sg["s"]) + int(sg["d"])) for sg in sorted(video["sg"], key=lambda sg: sg["s"])]


@pytest.mark.parametrize("ask", ["remove the second scene", "delete the first scene"])
def test_a_removed_scene_takes_its_narration_and_caption_with_it(api: Api, ask: str) -> None:
    token, sid, before = api.project("en", SCRIPT)
    gone = 1 if "second" in ask else 0
    sentence = _clips(before)[gone][0]
    _, state = api.say(token, sid, ask)
    clips = _clips(state)
    assert sentence not in [c[0] for c in clips]
    for name in ("Narration", "Captions"):
        lines = _spoken(state, name)
        assert sentence not in [text for text, _ in lines], name
        # Each remaining sentence is spoken and shown over its own scene.
        assert [text for text, _ in lines] == [c[0] for c in clips], name
        for (text, start), (scene, a, b) in zip(lines, clips, strict=True):
            assert a <= start < b, (name, text, scene)


def test_asking_what_the_narration_says_lists_it_and_changes_nothing(api: Api) -> None:
    token, sid, before = api.project("en", SCRIPT)
    text, state = api.say(token, sid, "what does the voice-over say?")
    assert text.startswith("The narration says 5 sentences: 1. “A city wakes up at dawn” ("), text
    assert state["draft"] == before["draft"]
    text, state = api.say(token, sid, "what does the narrator say?")
    assert "“The sun sets over the sea”" in text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "make the third one 3 seconds", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("en", "make the last one 6 seconds", [5000] * 5 + [6000]),
    ("en", "add 2 seconds to the third one", [5000, 5000, 7000, 5000, 5000, 5000]),
    ("es", "pon la tercera de 3 segundos", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("de", "mach die dritte 3 Sekunden lang", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("ja", "3番目を3秒にして", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("ko", "세 번째 거 3초로 해줘", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("zh-Hans", "第三个改成3秒", [5000, 5000, 3000, 5000, 5000, 5000]),
    ("zh-Hans", "最后一个改成3秒", [5000] * 5 + [3000]),
])
def test_a_scene_said_by_its_place_alone(api: Api, lang: str, ask: str,
                                         lengths: list[int]) -> None:
    text, after = _lengths_after(api, lang, ask)
    assert after == lengths, text


@pytest.mark.parametrize(("lang", "ask", "total"), [
    ("en", "make it 20 seconds like the last time", 20.0),
    ("zh-Hans", "最后改成20秒", 20.0),  # "finally, make it 20 seconds"
])
def test_a_last_word_that_is_no_scene_leaves_the_length_the_videos(api: Api, lang: str,
                                                                   ask: str, total: float
                                                                   ) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert seconds(state) == total


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "remove the music from the last scene"),
    ("en", "remove the music from the last two scenes"),
    ("en", "remove the rain from the last two scenes"),
    ("es", "quita la música de la última escena"),
    ("zh-Hans", "把最后一个场景的音乐去掉"),
])
def test_a_part_of_a_scene_is_not_the_scene(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "left"), [
    ("en", "delete the second and fourth scenes", 4),
    ("en", "remove scenes 2 and 4", 4),
    ("en", "delete scene 3", 5),
    ("en", "delete the first and last scenes", 4),
    ("es", "borra la segunda y la cuarta escena", 4),
    ("de", "lösch die zweite und die vierte Szene", 4),
    ("de", "lösch die letzten beiden Szenen", 4),
    ("ja", "2番目と4番目のシーンを削除して", 4),
    ("ko", "두 번째랑 네 번째 장면 지워줘", 4),
    ("zh-Hans", "删掉第二个和第四个场景", 4),
])
def test_scenes_listed_are_removed(api: Api, lang: str, ask: str, left: int) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == [5000] * left, text


def test_a_number_of_scenes_is_no_scene(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    _, state = api.say(token, sid, "delete 3 scenes")
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "make the second and fourth scenes 3 seconds", [5000, 3000, 5000, 3000, 5000, 5000]),
    ("en", "make scenes 2 and 3 4 seconds", [5000, 4000, 4000, 5000, 5000, 5000]),
    ("en", "make the second scene 3 seconds and the third 4", [5000, 3000, 4000, 5000, 5000,
                                                               5000]),
    ("en", "make the first scene 3 seconds and the last one 6", [3000] + [5000] * 4 + [6000]),
    ("es", "haz que la segunda escena dure 3 segundos y la tercera 4",
     [5000, 3000, 4000, 5000, 5000, 5000]),
    ("de", "mach die letzten beiden Szenen 3 Sekunden lang", [5000] * 4 + [3000] * 2),
    ("ja", "2番目と4番目のシーンを3秒にして", [5000, 3000, 5000, 3000, 5000, 5000]),
    ("zh-Hans", "第二个场景3秒，第三个8", [5000, 3000, 8000, 5000, 5000, 5000]),
])
def test_scenes_listed_get_their_lengths(api: Api, lang: str, ask: str,
                                         lengths: list[int]) -> None:
    text, after = _lengths_after(api, lang, ask)
    assert after == lengths, text


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "go back"), ("de", "geh zurück"), ("ja", "戻して"), ("ko", "취소해줘"),
    ("zh-Hans", "返回"),
])
def test_undo_said_alone(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, changed = api.say(token, sid, {
        "en": "make it 20 seconds", "de": "mach es 20 Sekunden", "ja": "20秒にして",
        "ko": "20초로 해줘", "zh-Hans": "改成20秒"}[lang])
    assert seconds(changed) == 20.0
    text, state = api.say(token, sid, ask)
    assert text.startswith("↩️"), text
    assert seconds(state) == 30.0


def test_go_back_to_a_scene_is_no_undo(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    _, changed = api.say(token, sid, "make it 20 seconds")
    text, state = api.say(token, sid, "go back to the beach scene and make it rainy")
    assert not text.startswith("↩️"), text
    assert seconds(state) == seconds(changed)



# A review of the change found these; each was wrong on the way (the first commits of the
# round), most had worked on main before it.

@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "first make it 20 seconds"), ("en", "ok last one: make it 20 seconds"),
    ("en", "first shorten it to 20 seconds"), ("es", "primero hazlo de 20 segundos"),
    ("pt", "primeiro deixa com 20 segundos"), ("fr", "en premier mets-la à 20 secondes"),
    ("ko", "마지막으로 20초로 해줘"), ("ko", "첫 번째로 20초로 해줘"),
    ("ja", "最後のお願い、20秒にして"), ("ja", "一つ目、20秒にして"),
])
def test_an_ordinal_that_orders_what_is_said_is_no_scene(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert seconds(state) == 20.0, text
    assert len(set(_lengths(state))) <= 2, text  # every scene scaled, none set alone


def test_removing_the_first_scene_keeps_the_title(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    title = _spoken(before, "Title")
    _, state = api.say(token, sid, "delete the first scene")
    assert _spoken(state, "Title") == title


def test_a_caption_over_the_whole_video_outlives_a_removed_scene(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    api.say(token, sid, 'add a caption "Summer 2026" from 0 to 30 seconds')
    _, state = api.say(token, sid, "delete the fourth scene")
    captions = _track(state, "Captions")
    assert captions is not None
    assert [(sg["m"]["text"], sg["s"], sg["s"] + sg["d"]) for sg in captions["sg"]] == [
        ("Summer 2026", 0, 25000)]


def test_a_sentence_spoken_over_two_scenes_is_spoken_whole(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    _, before = api.say(token, sid, "add a voice-over saying: This is a very long sentence that "
                                    "goes on and on about the beach and the sea and the sand "
                                    "and the waves and the sky above it all")
    voice = _track(before, "Narration")
    assert voice is not None
    spoken = int(voice["sg"][0]["d"])
    _, state = api.say(token, sid, "delete the second scene")
    voice = _track(state, "Narration")
    captions = _track(state, "Captions")
    assert voice is not None
    assert captions is not None
    assert int(voice["sg"][0]["d"]) == spoken
    # Its caption shows while it is spoken.
    assert captions["sg"][0]["s"] <= voice["sg"][0]["s"]
    assert captions["sg"][0]["s"] + captions["sg"][0]["d"] >= voice["sg"][0]["s"] + spoken


@pytest.mark.parametrize(("lang", "ask", "left"), [
    ("ko", "네 마지막 장면 지워줘", 5), ("ko", "좋네 마지막 장면 지워줘", 5),
    ("en", "delete the second last scene", 5),
])
def test_a_yes_or_a_word_before_the_last_scene_is_no_count(api: Api, lang: str, ask: str,
                                                           left: int) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    # One scene at most ("좋네", "that's nice", is read as more than scenes: not understood).
    assert left <= len(_lengths(state)) <= 6, text


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "remove the text from scene 2"), ("en", "remove the logo from the second scene"),
    ("en", "remove the transition between scene 2 and 3"),
    ("en", "remove the sound effects from scenes 2 and 3"),
    ("ja", "シーン2の音を消して"), ("ko", "장면 2 소리 지워줘"), ("zh-Hans", "把场景2的声音去掉"),
    ("es", "quita el sonido de la escena 2"), ("de", "entferne den Ton aus Szene 2"),
    ("ko", "마지막 3초 장면 삭제해줘"), ("en", "delete the last 5 second scene"),
])
def test_something_of_a_scene_removed_is_not_the_scene(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "keep the first two scenes and delete the rest"),
    ("en", "delete everything after the first two scenes"),
    ("es", "quédate con las dos primeras escenas y borra el resto"),
    ("ko", "처음 두 장면만 남기고 나머지 지워줘"), ("zh-Hans", "保留前两个场景，删掉其他的"),
    ("ja", "最初の2つのシーンだけ残して、残りは消して"),
])
def test_scenes_to_keep_are_never_removed(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask"), [
    ("en", "scene 2, 3 seconds"), ("ja", "シーン2、3秒にして"),
])
def test_a_place_and_a_length_are_no_list(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert _lengths(state).count(3000) <= 1


def test_a_second_length_in_minutes_is_not_guessed(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, _ = api.say(token, sid, "make the second scene 1 minute and the third 30")
    assert "31.33" not in text


CN_SCRIPTS = {"zh-Hans": "用这个脚本做一个15秒的视频：城市醒来。咖啡冒着热气。",
              "zh-Hant": "用這個腳本做一個15秒的影片：城市醒來。咖啡冒著熱氣。"}


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hans", "旁白说什么？"), ("zh-Hant", "旁白說什麼？"),
])
def test_a_chinese_question_about_the_narration_changes_nothing(api: Api, lang: str,
                                                                ask: str) -> None:
    token, sid, before = api.project(lang, CN_SCRIPTS[lang])
    text, state = api.say(token, sid, ask)
    assert "城市醒" in text, text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "asked", "then"), [
    ("en", "make the second scene a bit shorter",
     "Scene 2 (“beach”) is 5 s long now; nothing changed. How long should it be? Say e.g. "
     "“scene 2: 3 seconds” or “make scene 2 2 seconds shorter”.", "scene 2: 3 seconds"),
    ("es", "haz la segunda escena más corta", None, "escena 2: 3 segundos"),
    ("de", "mach die zweite Szene kürzer", None, "Szene 2 um 2 Sekunden kürzer"),
    ("fr", "raccourcis la deuxième scène", None, "scène 2 : 3 secondes"),
    ("ja", "2番目のシーンを短くして", None, "2番目のシーンを3秒にして"),
    ("ko", "두 번째 장면 짧게 해줘", None, "2번째 장면 3초로 해줘"),
    ("zh-Hans", "第二个场景短一点", None, "第2个场景改成3秒"),
])
def test_a_scene_made_shorter_without_a_length_is_asked_about(
        api: Api, lang: str, ask: str, asked: str | None, then: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    if asked is not None:
        assert text == asked
    assert state["draft"] == before["draft"]
    # What the reply suggests is understood: that scene, and only it, changes.
    _, state = api.say(token, sid, then)
    assert _lengths(state) == [5000, 3000, 5000, 5000, 5000, 5000]


# A second review found these on the way; each is what a user would see.

@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hans", "第二个和第四个场景很好，视频改成20秒"),
    ("ja", "2番目と3番目のシーンはそのまま、動画を20秒に"),
    ("ko", "첫 번째랑 두 번째 장면 좋아, 영상은 20초로 해줘"),
    ("en", "make it 20 seconds like the last one"),
    ("en", "make it 20 seconds with the first two scenes shorter"),
])
def test_scenes_mentioned_beside_the_videos_length_keep_theirs(api: Api, lang: str,
                                                               ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert seconds(state) == 20.0, text


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "remove 1 second from the last two scenes", [5000] * 4 + [4000] * 2),
    ("en", "remove 1 second from the last scene", [5000] * 5 + [4000]),
    ("es", "quita 1 segundo a las escenas 2 y 4", [5000, 4000, 5000, 4000, 5000, 5000]),
    ("fr", "supprime 1 seconde des deux premières scènes", [4000] * 2 + [5000] * 4),
    ("pt", "tira 1 segundo das duas primeiras cenas", [4000] * 2 + [5000] * 4),
    ("de", "nimm 1 Sekunde von den letzten zwei Szenen", [5000] * 4 + [4000] * 2),
    ("en", "remove a second from the first two scenes", [5000] * 6),
    ("en", "add 2 seconds to the last two scenes", [5000] * 4 + [7000] * 2),
    ("en", "add 2 seconds to scenes 2 and 3", [5000, 7000, 7000, 5000, 5000, 5000]),
    ("en", "make the last two scenes 3 seconds and the first one 4",
     [4000] + [5000] * 3 + [3000] * 2),
])
def test_seconds_taken_from_scenes_are_no_removal(api: Api, lang: str, ask: str,
                                                  lengths: list[int]) -> None:
    text, after = _lengths_after(api, lang, ask)
    assert after == lengths, text


def test_the_next_scenes_short_caption_stays(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    api.say(token, sid, 'add a caption "Three" from 10s to 11s')
    _, state = api.say(token, sid, "delete the second scene")
    assert ("Three", 5000) in _spoken(state, "Captions")


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hans", "帮我删除第二个场景"), ("zh-Hant", "可以幫我把最後一個場景刪掉嗎"),
    ("ko", "마지막 장면 삭제해 주세요"), ("ko", "마지막 장면 좀 지워줘"),
    ("ko", "마지막 장면도 지워줘"),
    ("ja", "最後のシーンも消して"), ("en", "delete the last scene too"),
    ("en", "please delete the last scene, it's boring"),
    ("es", "elimina también la última escena"),
    ("fr", "supprime aussi la dernière scène"), ("pt", "tira a última cena, ficou feia"),
    ("en", "delete the last scene from the video"),
])
def test_a_scene_removed_in_other_words_is_removed(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert len(_lengths(state)) == 5, text


# A second black-box trial (fr, pt, de, zh) found these.

@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("fr", "La première scène est trop longue, mets-la à 2 secondes", [2000] + [5000] * 5),
    ("fr", "la dernière scène, tu peux la mettre à 4 secondes ?", [5000] * 5 + [4000]),
    ("de", "Die letzte Szene ist zu kurz, mach sie 4 Sekunden lang", [5000] * 5 + [4000]),
    ("zh-Hans", "第一个场景太长了，改成2秒吧", [2000] + [5000] * 5),
    ("zh-Hant", "第一個場景太長了，改成2秒", [2000] + [5000] * 5),
    ("pt", "A primeira cena está muito longa, deixa com 2 segundos", [2000] + [5000] * 5),
    ("fr", "mets la deuxième scène à 3,5 secondes", [5000, 3500, 5000, 5000, 5000, 5000]),
    ("fr", "rallonge la dernière scène de 1,5 seconde", [5000] * 5 + [6500]),
    ("de", "Mach die zweite Szene 3,5 Sekunden lang", [5000, 3500, 5000, 5000, 5000, 5000]),
    ("fr", "mets l'avant-dernière scène à 3 secondes", [5000] * 4 + [3000, 5000]),
    ("zh-Hans", "倒数第二个场景改成3秒", [5000] * 4 + [3000, 5000]),
    ("en", "make the second to last scene 3 seconds", [5000] * 4 + [3000, 5000]),
    ("fr", "Mets la deuxième scène à 4 secondes et échange les scènes 3 et 4",
     [5000, 4000, 5000, 5000, 5000, 5000]),
    ("en", "I like the first scene. Make it 20 seconds", [round(20000 / 6)] * 6),
])
def test_a_scene_said_in_one_clause_gets_the_length_of_the_next(
        api: Api, lang: str, ask: str, lengths: list[int]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    if len(set(lengths)) == 1:  # the whole video, in proportion (rounding aside)
        assert seconds(state) == sum(lengths) / 1000 or seconds(state) == 20.0, text
    else:
        assert _lengths(state) == lengths, text


def test_a_scene_named_by_what_it_shows_then_a_length_is_asked_about(api: Api) -> None:
    token, sid, before = api.project("fr", THIRTY["fr"])
    text, state = api.say(token, sid, "La scène de la plage est trop longue, mets-la à 2 secondes")
    assert text.startswith("Quelle scène doit durer 2 s ?"), text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask"), [
    ("zh-Hant", "只有第二個場景下雨，其他不要"), ("zh-Hans", "只有第二个场景下雨，其他不要"),
])
def test_only_one_scene_rainy_deletes_nothing(api: Api, lang: str, ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert len(_lengths(state)) == 6


def test_a_title_keeps_its_length_when_a_scene_under_it_goes(api: Api) -> None:
    token, sid, _ = api.project("en", "a 30 second video of a beach")
    _, state = api.say(token, sid, "make the first scene 2 seconds")
    title = _track(state, "Title")
    assert title is not None
    length = int(title["sg"][0]["d"])
    _, state = api.say(token, sid, "delete the second scene")
    title = _track(state, "Title")
    assert title is not None
    assert int(title["sg"][0]["d"]) == length


# A third review found these in the fixes above; each is what a user would see.

@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "delete the second scene and make it 20 seconds", [4000] * 5),
    ("zh-Hans", "删除第二个场景，然后改成20秒", [4000] * 5),
    ("en", "delete the last scene and make the first one 3 seconds", [3000] + [5000] * 4),
    # The scene asked to go goes, and no other (main deleted the first, a review build made
    # both 2 s); then the first is made 3 s (dropped in silence until the twenty-third round).
    ("zh-Hans", "删掉最后一个场景，第一个场景改成3秒", [3000] + [5000] * 4),
    ("ja", "最後のシーンを消して、最初のシーンを3秒にして", [3000] + [5000] * 4),
    # As in English and Chinese above: the removal, then the video's length.
    ("ko", "두 번째 장면 지우고 20초로 해줘", [4000] * 5),
    ("en", "the last scene is too long, make the whole thing 20 seconds", [3333, 3334, 3333, 3333,
                                                                          3334, 3333]),
    ("de", "die letzte Szene ist zu lang, kürz das Ganze auf 20 Sekunden",
     [3333, 3334, 3333, 3333, 3334, 3333]),
    ("zh-Hant", "最後一個場景太長了，總長改成20秒", [3333, 3334, 3333, 3333, 3334, 3333]),
    ("en", "delete the second scene, it's only 2 seconds long", [5000] * 5),
    ("en", "delete scenes 2 to 4", [5000] * 3),
    ("de", "lösche die Szenen 2 bis 4", [5000] * 3),
    ("zh-Hant", "刪掉場景2到4", [5000] * 3),
    ("en", "remove the music and the last scene", [5000] * 5),
    ("en", "the second and third scenes are too long, make them 3 seconds",
     [5000, 3000, 3000, 5000, 5000, 5000]),
    ("en", "the last two scenes are too long, make them 3 seconds", [5000] * 4 + [3000] * 2),
    ("en", "make it 20 seconds with a scene at the beach", [3333, 3334, 3333, 3333, 3334, 3333]),
    ("en", "remove the first 3 seconds of the last scene", [5000] * 6),
    ("zh-Hans", "第一个场景不要动", [5000] * 6),
    ("de", "nimm den Regen aus der letzten Szene raus", [5000] * 6),
])
def test_what_a_third_review_found(api: Api, lang: str, ask: str, lengths: list[int]) -> None:
    text, after = _lengths_after(api, lang, ask)
    assert after == lengths, text


SCRIPTS = {"en": "generate a 15-second video from this script: A city wakes up. Coffee steams on "
                 "a balcony. Trains glide through the morning light.",
           "fr": "fais une vidéo de 15 secondes à partir de ce script : Le marché ouvre à l'aube. "
                 "Les étals sont prêts. Les clients arrivent.",
           "zh-Hans": "用这个脚本做一个15秒的视频：城市醒来。咖啡冒着热气。列车驶过。"}


@pytest.mark.parametrize(("lang", "ask", "gone"), [
    ("en", "remove the second caption", "Coffee steams on a balcony"),
    ("fr", "supprime le deuxième sous-titre", "Les étals sont prêts"),
    ("zh-Hans", "删掉第二条字幕", "咖啡冒着热气"),
])
def test_one_caption_by_its_place_is_removed_alone(api: Api, lang: str, ask: str,
                                                   gone: str) -> None:
    # The second user trial: main removed every caption.
    token, sid, before = api.project(lang, SCRIPTS[lang])
    texts = [t for t, _ in _spoken(before, "Captions")]
    _, state = api.say(token, sid, ask)
    assert [t for t, _ in _spoken(state, "Captions")] == [t for t in texts if t != gone]
