"""A title the user types without quotes, over HTTP against a real local backend: in the first
prompt ("… titled Last Light", "标题是新的一天", "제목은 마지막 빛으로 해줘") it becomes the video's
title in all nine languages, its words stay out of the scenes, the rest of the prompt still
makes them, and an instruction after it ("…, 15 seconds", "and make it vertical") is carried
out rather than written into the title; later, "title it X" / "name it X" set it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


#: How each language's replies quote a title.
_QUOTED = {"en": "“{}”", "zh-Hans": "“{}”", "zh-Hant": "「{}」", "es": "«{}»", "fr": "« {} »",
           "de": "„{}“", "pt": "“{}”", "ja": "「{}」", "ko": "“{}”"}


def _track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t.get("n") == name), None)


def _title(state: dict[str, Any]) -> str | None:
    track = _track(state, "Title")
    return str(track["sg"][0]["m"]["text"]) if track and track["sg"] else None


def _scenes(state: dict[str, Any]) -> list[str]:
    track = _track(state, "Video")
    assert track is not None, state["draft"]
    assert track["sg"], state["draft"]
    return [str(sg["m"]["desc"]) for sg in track["sg"]]


@pytest.mark.parametrize(("lang", "prompt", "title", "subject"), [
    ("en", "make a video of a lighthouse on a cliff at sunset titled Last Light",
     "Last Light", "lighthouse on a cliff at sunset"),
    ("en", "generate a video about a fox in the snow with the title Winter Walk",
     "Winter Walk", "fox in the snow"),
    ("en", "create a video of a harbor at night, title: Harbor Lights",
     "Harbor Lights", "harbor at night"),
    ("en", "make a video of a rainy street and call it City Rain",
     "City Rain", "rainy street"),
    ("zh-Hans", "做一个关于雪山日出的视频，标题是新的一天", "新的一天", "雪山日出"),
    ("zh-Hant", "做一個關於夜市小吃的影片，標題叫深夜食堂", "深夜食堂", "夜市小吃"),
    ("es", "haz un vídeo de un faro en un acantilado con el título Última luz",
     "Última luz", "faro en un acantilado"),
    ("fr", "fais une vidéo d'un phare sur une falaise avec le titre Dernière lumière",
     "Dernière lumière", "phare sur une falaise"),
    ("de", "mach ein Video über einen Leuchtturm an der Küste mit dem Titel Letztes Licht",
     "Letztes Licht", "Leuchtturm an der Küste"),
    ("pt", "faça um vídeo de um farol no penhasco com o título Última luz",
     "Última luz", "farol no penhasco"),
    ("ja", "雪山の朝日の動画を作って、タイトルは新しい一日", "新しい一日", "雪山の朝日"),
    ("ko", "바닷가 등대 영상 만들어줘, 제목은 마지막 빛으로 해줘", "마지막 빛", "바닷가 등대"),
])
def test_a_title_given_without_quotes_is_the_title_and_not_the_subject(
        api: Api, lang: str, prompt: str, title: str, subject: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    # The reply names the title the user gave, as their language quotes it, when it starts
    # making the video and when it is done …
    assert reply.count(_QUOTED[lang].format(title)) >= 2, reply
    # … and the video is still about what the prompt describes: its scenes show the subject,
    # and the title's words are no part of them.
    scenes = _scenes(state)
    assert all(subject in desc for desc in scenes), scenes
    assert not any(title in desc for desc in scenes), scenes
    assert _QUOTED[lang].format(subject) in reply, reply


@pytest.mark.parametrize(("lang", "prompt", "title", "subject", "seconds", "ratio"), [
    ("en", "create a clip of a lighthouse in a storm, title: Keeper, 15 seconds",
     "Keeper", "lighthouse in a storm", 15, "16:9"),
    ("en", "make a short film called Keeper about a lighthouse in a storm and make it vertical",
     "Keeper", "lighthouse in a storm", 10, "9:16"),
    ("es", "crea un vídeo llamado Guardián sobre un faro en una tormenta y hazlo vertical",
     "Guardián", "faro en una tormenta", 10, "9:16"),
    ("fr", "crée une vidéo appelée Gardien sur un phare dans la tempête, 15 secondes",
     "Gardien", "phare dans la tempête", 15, "16:9"),
    ("de", "erstelle ein Video namens Wächter über einen Leuchtturm im Sturm, 15 Sekunden",
     "Wächter", "Leuchtturm im Sturm", 15, "16:9"),
    ("pt", "crie um vídeo chamado Guardião sobre um farol na tempestade, 15 segundos",
     "Guardião", "farol na tempestade", 15, "16:9"),
    ("zh-Hans", "做一个暴风雨中灯塔的视频，片名叫守望者，15秒", "守望者", "暴风雨中灯塔", 15,
     "16:9"),
    ("zh-Hant", "做一個暴風雨中燈塔的影片，標題是守望者，15秒", "守望者", "暴風雨中燈塔", 15,
     "16:9"),
    ("ja", "嵐の中の灯台の動画を作って、タイトルは守り人で、15秒", "守り人", "嵐の中の灯台", 15,
     "16:9"),
    ("ko", "폭풍 속 등대 영상 만들어줘, 제목은 등대지기, 15초", "등대지기", "폭풍 속 등대", 15,
     "16:9"),
])
def test_a_title_ends_where_the_next_instruction_starts(
        api: Api, *, lang: str, prompt: str, title: str, subject: str, seconds: int,
        ratio: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    assert _QUOTED[lang].format(title) in reply, reply
    # What followed the title was carried out: the length or the shape asked for …
    assert state["draft"]["d"] == seconds * 1000, reply
    assert state["draft"]["ratio"] == ratio, reply
    # … and is in neither the title nor the scenes.
    scenes = _scenes(state)
    assert all(desc == subject for desc in scenes), scenes


def test_a_title_word_is_no_mood_and_a_quoted_title_leaves_the_subject_whole(api: Api) -> None:
    """'titled "Calm Waters"' asks no calm music; a quoted title after the subject no longer
    cuts the subject short ("a lake at dawn titled …" was "lake")."""
    token, sid = api.new_user("en")
    reply, state = api.say(
        token, sid, 'make an upbeat video about a lake at dawn titled "Calm Waters"')
    assert _title(state) == "Calm Waters", reply
    assert all(desc == "lake at dawn" for desc in _scenes(state)), reply
    bgm = _track(state, "BGM")
    assert bgm is not None
    assert bgm["sg"][0]["m"]["mood"] == "upbeat", reply


@pytest.mark.parametrize(("lang", "prompt", "title"), [
    ("en", "make a video of a dog called Max playing in the park",
     "Dog called Max Playing in the Park"),
    # "titled" after a thing that has titles of its own names that thing ("a book titled
    # Dune"), not the video; "a video called Dune" still titles the video.
    ("en", "make a video about a book titled Dune", "Book titled Dune"),
    ("en", "make a video called Dune about a desert planet", "Dune"),
    ("en", "make a short film titled Dune about a desert planet", "Dune"),  # the film is it
    ("de", "mach ein Video über einen Film mit dem Titel Dune", "Film mit dem Titel Dune"),
    ("fr", "fais une vidéo sur un livre intitulé Dune", "Livre intitulé Dune"),
    ("de", "mach ein Video über ein Buch mit dem Titel Dune", "Buch mit dem Titel Dune"),
    ("es", "haz un vídeo de un perro llamado Max en el parque", "Perro llamado Max en el parque"),
    ("zh-Hans", "做一个我家狗的视频，它的名字叫小白", "我家狗"),
    ("ja", "うちの猫の動画を作って、名前はタマ", "うちの猫"),
    ("ko", "우리 강아지 영상 만들어줘, 이름은 초코", "우리 강아지"),
])
def test_a_name_of_something_in_the_video_is_not_its_title(
        api: Api, lang: str, prompt: str, title: str) -> None:
    """"a dog called Max" names the dog, not the video (only "called" right after "video"
    names the video), and "名前はタマ" the cat: the title is made from the subject."""
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply


@pytest.mark.parametrize(("lang", "prompt", "title"), [
    ("fr", "fais une vidéo d'un phare au coucher du soleil, titre : quelque chose de joli",
     "Phare au coucher du soleil"),
    ("de", "mach ein Video von einem Leuchtturm, Titel: irgendwas Schönes", "Leuchtturm"),
    ("es", "haz un video de un faro, título: algo bonito", "Faro"),
])
def test_asking_for_some_title_in_any_language_gives_no_title_text(
        api: Api, lang: str, prompt: str, title: str) -> None:
    """"titre : quelque chose de joli" asks the agent to find a title, as "something nice"
    does in English: those words are never written as the title; it is made from the
    subject."""
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    assert _QUOTED[lang].format(title) in reply, reply


@pytest.mark.parametrize(("lang", "prompt", "message", "title"), [
    ("en", "make a video of a lake at dawn", "title it Good Morning Lake", "Good Morning Lake"),
    ("en", "make a video of a lake at dawn", "name it Morning", "Morning"),
    ("es", "haz un vídeo de un lago al amanecer", "llámalo Buenos días", "Buenos días"),
    ("fr", "fais une vidéo d'un lac à l'aube", "intitule-la Bonjour", "Bonjour"),
    ("de", "mach ein Video von einem See im Morgengrauen", "nenn es Guten Morgen",
     "Guten Morgen"),
    ("pt", "faça um vídeo de um lago ao amanhecer", "chame de Bom dia", "Bom dia"),
    ("zh-Hans", "做一个关于黎明湖泊的视频", "标题叫早安吧", "早安"),
    ("zh-Hant", "做一個關於黎明湖泊的影片", "標題是早安", "早安"),
    ("ja", "夜明けの湖の動画を作って", "タイトルはおはようにして", "おはよう"),
    ("ko", "새벽 호수 영상 만들어줘", "제목은 좋은 아침으로 해줘", "좋은 아침"),
])
def test_title_it_sets_the_title_of_a_made_video(
        api: Api, lang: str, prompt: str, message: str, title: str) -> None:
    token, sid = api.new_user(lang)
    _, before = api.say(token, sid, prompt)
    old = _title(before)
    assert old
    assert old != title
    chat = api.chat(token, sid, message)
    assert chat.status == 200
    # A title edit is silent: the client says the change from the tool call and the state
    # ("✅ Title changed: 'Lake at Dawn' → 'Good Morning Lake'"), so both carry the new text.
    assert chat.parts("text") == []
    calls = [call for _, call in chat.parts("functionCall")]
    assert [(c["name"], c["args"]["text"]) for c in calls] == [("set_title", title)]
    after = api.state(token, sid)
    assert _title(after) == title
    assert _scenes(after) == _scenes(before)  # the video itself is unchanged


def test_title_it_with_no_text_asks_what_it_should_say(api: Api) -> None:
    token, sid = api.new_user("en")
    _, before = api.say(token, sid, "make a video of a lake at dawn")
    reply, after = api.say(token, sid, "title it something catchy")
    assert _title(after) == _title(before)
    assert "What should the title say?" in reply, reply
    assert "Nothing changed" in reply, reply


@pytest.mark.parametrize(("lang", "prompt", "title", "subject"), [
    ("en", "make me a video of my dog in the park", "My Dog in the Park", "my dog in the park"),
    ("en", "make a video about our road trip", "Our Road Trip", "our road trip"),
    ("es", "haz un vídeo de mi perro en la playa", "Mi perro en la playa",
     "mi perro en la playa"),
    ("fr", "fais une vidéo de mon chat dans le jardin", "Mon chat dans le jardin",
     "mon chat dans le jardin"),
    ("pt", "faça um vídeo do meu cachorro na praia", "Meu cachorro na praia",
     "meu cachorro na praia"),
    ("de", "mach ein Video über meine Katze im Garten", "Meine Katze im Garten",
     "meine Katze im Garten"),
    # A short German request is answered in German; "Omas" is whose cake it is.
    ("de", "Video vom Meer", "Meer", "Meer"),
    ("de", "Ein Video über Omas Apfelkuchen", "Omas Apfelkuchen", "Omas Apfelkuchen"),
    # German writes every noun with a capital: "Feld bei Sonnenuntergang" is no place name
    # to keep whole, and a long title is cut there.
    ("de", "Mach ein Video über Opas alten Traktor auf dem Feld bei Sonnenuntergang",
     "Opas alten Traktor auf dem Feld", "Opas alten Traktor auf dem Feld bei Sonnenuntergang"),
])
def test_whose_subject_it_is_stays_in_the_title(
        api: Api, lang: str, prompt: str, title: str, subject: str) -> None:
    """"my dog in the park" is the user's dog: the title says so ("My Dog in the Park", not
    "Dog in the Park"), as it keeps "Our" and "我家"; "make me a video" keeps no "Me"."""
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    assert _QUOTED[lang].format(title) in reply, reply
    assert _QUOTED[lang].format(subject) in reply, reply
    assert all(desc == subject for desc in _scenes(state)), reply


@pytest.mark.parametrize(("lang", "first", "kept", "then", "subject"), [
    ("en", "make a video titled Morning", "the title “Morning”", "a lake at dawn",
     "lake at dawn"),
    ("es", "haz un vídeo con el título Buenos días", "el título «Buenos días»",
     "un lago al amanecer", "lago al amanecer"),
    ("de", "mach ein Video mit dem Titel Guten Morgen, 20 Sekunden", "der Titel „Guten Morgen“",
     "ein See im Morgengrauen", "See im Morgengrauen"),
    ("zh-Hans", "做一个视频，标题是早安", "标题“早安”", "黎明的湖泊", "黎明的湖泊"),
    ("ja", "動画を作って、タイトルはおはよう", "タイトル「おはよう」", "夜明けの湖", "夜明けの湖"),
    ("ko", "영상 만들어줘, 제목은 좋은 아침", "제목 “좋은 아침”", "새벽 호수", "새벽 호수"),
])
def test_a_title_given_before_the_subject_waits_for_it(
        api: Api, *, lang: str, first: str, kept: str, then: str, subject: str) -> None:
    """"make a video titled Morning" names no subject: the agent says it keeps the title and
    asks what the video shows; the video made from the answer has that title."""
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, first)
    assert kept in reply, reply
    assert _track(state, "Video") is None or not _track(state, "Video")["sg"]  # nothing made
    reply, state = api.say(token, sid, then)
    title = kept[kept.index(_QUOTED[lang][0]):]
    assert title in reply, reply
    assert _QUOTED[lang].format(_title(state)) == title, reply
    assert all(desc == subject for desc in _scenes(state)), reply


def test_a_lower_case_title_counts_after_title_words_only(api: Api) -> None:
    """"title it good morning lake" names the title; "let's call it a day" is an idiom, not a
    title "A day": words that do not say "title" give one only when it is typed as a title
    (a capital, or quotes)."""
    token, sid = api.new_user("en")
    _, before = api.say(token, sid, "make a video of a lake at dawn")
    api.say(token, sid, "ok let's call it a day")
    assert _title(api.state(token, sid)) == _title(before) == "Lake at Dawn"
    api.say(token, sid, "title it good morning lake")
    assert _title(api.state(token, sid)) == "Good morning lake"
    api.say(token, sid, 'call it "sunrise"')
    assert _title(api.state(token, sid)) == "sunrise"


@pytest.mark.parametrize(("lang", "prompt", "title", "subject", "said"), [
    ("en", "make a video about a lake at dawn with the title Morning in yellow at the top",
     "Morning", "lake at dawn", "the title changed from white to yellow"),
    ("en", 'make a video about a lake at dawn titled "Morning" in yellow at the top',
     "Morning", "lake at dawn", "the title changed from white to yellow"),
    ("es", "haz un vídeo de un lago al amanecer con el título Buenos días en amarillo arriba",
     "Buenos días", "lago al amanecer", "amarillo"),
    ("fr", "fais une vidéo d'un lac à l'aube intitulée Bonjour en jaune en haut",
     "Bonjour", "lac à l'aube", "jaune"),
])
def test_how_a_given_title_looks_is_made_and_no_part_of_the_subject(
        api: Api, *, lang: str, prompt: str, title: str, subject: str, said: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    shown = _track(state, "Title")
    assert shown is not None
    assert (shown["sg"][0]["m"]["pos"], shown["sg"][0]["m"]["color"]) == ("top", "#ffe14d")
    assert said in reply, reply
    assert all(desc == subject for desc in _scenes(state)), reply


def test_a_look_of_the_whole_picture_after_a_title_is_the_videos(api: Api) -> None:
    """"titled Morning in black and white": the video is black and white, the title is
    "Morning" (not "Morning in Black", not a black title)."""
    token, sid = api.new_user("en")
    reply, state = api.say(token, sid,
                           "make a video about a lake at dawn titled Morning in black and white")
    assert _title(state) == "Morning", reply
    assert state["draft"]["look"] == "mono", reply
    assert all(desc == "lake at dawn" for desc in _scenes(state)), reply


@pytest.mark.parametrize(("lang", "prompt", "title", "subject"), [
    ("en", "make a video about a harbor at night and add the title Night Shift",
     "Night Shift", "harbor at night"),
    ("en", "make a video about a harbor at night with a title saying Night Shift",
     "Night Shift", "harbor at night"),
    ("en", "make a video about a harbor at night with the title of Night Shift",
     "Night Shift", "harbor at night"),
    ("en", "make a video about a harbor titled Of Ships and Men", "Of Ships and Men", "harbor"),
    ("es", "haz un vídeo de un puerto de noche y ponle el título Turno de noche",
     "Turno de noche", "puerto de noche"),
    ("fr", "fais une vidéo d'un port la nuit et mets le titre Quart de nuit",
     "Quart de nuit", "port la nuit"),
    ("de", "mach ein Video über einen Hafen und füge den Titel Nachtschicht hinzu",
     "Nachtschicht", "Hafen"),
    ("zh-Hans", "做一个夜晚港口的视频，加上标题夜班", "夜班", "夜晚港口"),
    # Typed as a title, its words are its own, whatever requests they could make elsewhere.
    ("en", "make a video about a country road titled The Long Way Home",
     "The Long Way Home", "country road"),
    ("en", "make a video of an orchestra titled Music of the Night", "Music of the Night",
     "orchestra"),
    ("zh-Hans", "做一个乐队演出的视频，标题是音乐之夜", "音乐之夜", "乐队演出"),
])
def test_other_ways_of_giving_a_title(
        api: Api, lang: str, prompt: str, title: str, subject: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    assert all(desc == subject for desc in _scenes(state)), reply


@pytest.mark.parametrize(("lang", "prompt", "title", "subject"), [
    # Japanese and Korean write the title before the words that say it is one; quoted or not,
    # it was the subject before ("「おはよう」というタイトルで…" made a video of "おはよう").
    ("ja", "「新しい一日」というタイトルで雪山の朝日の動画を作って", "新しい一日", "雪山の朝日"),
    ("ja", "雪山の朝日の動画を新しい一日というタイトルで作って", "新しい一日", "雪山の朝日"),
    ("ko", "\"마지막 빛\"이라는 제목으로 바닷가 등대 영상 만들어줘", "마지막 빛", "바닷가 등대"),
    ("ko", "바닷가 등대 영상을 마지막 빛이라는 제목으로 만들어줘", "마지막 빛", "바닷가 등대"),
    # Chinese: "以…为标题", and "名为《…》" (《》 mark a work's title; "名叫小白的狗" is a dog).
    ("zh-Hans", "以《新的一天》为标题做一个雪山日出的视频", "新的一天", "雪山日出"),
    ("zh-Hans", "做一个名为《新的一天》的雪山日出视频", "新的一天", "雪山日出"),
    ("zh-Hant", "做一個名為《深夜食堂》的夜市小吃影片", "深夜食堂", "夜市小吃"),
])
def test_a_title_written_before_its_words_is_the_title(
        api: Api, lang: str, prompt: str, title: str, subject: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    assert _title(state) == title, reply
    assert reply.count(_QUOTED[lang].format(title)) >= 2, reply
    assert all(desc == subject for desc in _scenes(state)), reply
    assert _QUOTED[lang].format(subject) in reply, reply
