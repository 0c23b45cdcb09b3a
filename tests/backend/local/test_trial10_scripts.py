"""What a newcomer's messages of the tenth trial asked for, over a real local backend: a script
whose words say "silent" is still narrated (its words are content, not instructions), "narrate
this: …" and "这段话做成视频，要有配音：…" introduce a script (one long Chinese sentence read
clause by clause), "the town square" is a place and not a 1:1 video, and a quoted shop name
is the video's title while the shop is what it shows."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _texts(state: dict[str, Any], track: str) -> list[str]:
    return [str(sg["m"].get("text", "")) for t in state["draft"]["t"] if t.get("n") == track
            for sg in t["sg"]]


def _scenes(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [sg["m"]["scene"] for t in state["draft"]["t"] if t.get("n") == "Video"
            for sg in t["sg"]]


@pytest.mark.parametrize(("lang", "message", "said"), [
    # "silent", 静か, 安静, silencioso, silencieux, still: what the script says, not a wish.
    ("en", "here's my script: The snow fell all night. The village was white and silent.",
     ["The snow fell all night", "The village was white and silent"]),
    ("en", "narrate this for me pls: The old bakery opens at six. Flour hangs in the air like "
     "snow.", ["The old bakery opens at six", "Flour hangs in the air like snow"]),
    ("zh-Hans", "帮我把这段话做成视频，要有配音：这座城市在雨里醒来，街上的行人撑着五颜六色的伞匆匆"
     "走过，远处的电车慢慢驶进车站。",
     ["这座城市在雨里醒来", "街上的行人撑着五颜六色的伞匆匆走过", "远处的电车慢慢驶进车站"]),
    ("zh-Hans", "脚本：村子里很安静。一只狗跑过雪地。", ["村子里很安静", "一只狗跑过雪地"]),
    ("ja", "このナレーションで動画を作って：村は静かだった。犬が雪の上を走った。",
     ["村は静かだった", "犬が雪の上を走った"]),
    ("es", "narra esto: El pueblo estaba silencioso. Un perro corrió por la nieve.",
     ["El pueblo estaba silencioso", "Un perro corrió por la nieve"]),
    ("fr", "lis ce texte : Le village était silencieux. Un chien courait dans la neige.",
     ["Le village était silencieux", "Un chien courait dans la neige"]),
    ("de", "Lies das vor: Das Dorf war ganz still. Ein Hund lief durch den Schnee.",
     ["Das Dorf war ganz still", "Ein Hund lief durch den Schnee"]),
    ("ko", "이 내레이션으로 영상 만들어줘: 마을은 고요했다. 개 한 마리가 눈 위를 달렸다.",
     ["마을은 고요했다", "개 한 마리가 눈 위를 달렸다"]),
    ("pt", "narra isto: A vila estava silenciosa. Um cão correu pela neve.",
     ["A vila estava silenciosa", "Um cão correu pela neve"]),
    # Trial 11: a greeting before the request does not hide it; "une vidéo narrée : …" and
    # "ナレーション付きで：…" before full sentences introduce a script, read sentence by sentence.
    ("fr", "salut, je suis prof. je voudrais une video avec ce texte a lire : Le cycle de l'eau "
     "commence dans l'océan. Le soleil chauffe l'eau. Il pleut.",
     ["Le cycle de l'eau commence dans l'océan", "Le soleil chauffe l'eau", "Il pleut"]),
    ("fr", "Bonjour, voici un script pour mes eleves, fais en une video narrée de 20 secondes : Au "
     "printemps, les fleurs poussent. Les oiseaux reviennent.",
     ["Au printemps, les fleurs poussent", "Les oiseaux reviennent"]),
    ("ja", "会社の研修用に短い動画を作りたいです。ナレーション付きで：朝、駅は人でいっぱいです。"
     "電車が来ます。みんな会社に向かいます。",
     ["朝、駅は人でいっぱいです", "電車が来ます", "みんな会社に向かいます"]),
])
def test_a_script_is_narrated_whatever_its_words_say(
        api: Api, lang: str, message: str, said: list[str]) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, message)
    assert [s.rstrip("。.") for s in _texts(state, "Narration")] == said, reply
    assert [s.rstrip("。.") for s in _texts(state, "Captions")] == said
    # A script has no title of its own words, and no request words in it ("Narrate This").
    assert not _texts(state, "Title"), _texts(state, "Title")
    if lang == "en" and "Flour" in message:
        # "like snow" compares the flour to snow: it does not snow.
        assert "snow" not in _scenes(state)[1]["particles"], _scenes(state)[1]
        assert "narrate" not in reply.casefold()


def test_no_voice_over_said_outside_the_script_still_counts(api: Api) -> None:
    token, sid = api.new_user("en")
    _, state = api.say(token, sid, "here's my script, no voice-over: The snow fell all night. "
                                   "The village was white and silent.")
    assert not _texts(state, "Narration")
    assert len(_texts(state, "Captions")) == 2
    # And once narrated, "no voice over" mutes the narration the user heard.
    token, sid = api.new_user("en")
    api.say(token, sid, "here's my script: The snow fell all night. The village was white and "
                        "silent.")
    reply, _ = api.say(token, sid, "actually no voice over, just captions")
    assert "has no narration" not in reply, reply
    assert "narration muted" in reply, reply


@pytest.mark.parametrize(("message", "size", "shown"), [
    ("make a video of kids playing in the town square", (1920, 1080),
     "kids playing in the town square"),
    ("generate a video from this script: The snow fell all night. A dog ran across the empty "
     "square.", (1920, 1080), "The snow fell all night"),
    ("make a square video of a cat", (1080, 1080), "cat"),
    ("a video of a cat, square format", (1080, 1080), "cat"),
    ("make a video of kids playing in a square", (1920, 1080), "kids playing in a square"),
    ("make a video of a square box", (1920, 1080), "square box"),
])
def test_square_is_a_shape_only_when_said_of_the_video(
        api: Api, message: str, size: tuple[int, int], shown: str) -> None:
    token, sid = api.new_user("en")
    reply, state = api.say(token, sid, message)
    assert (state["draft"]["w"], state["draft"]["h"]) == size, reply
    first = reply.split("\n", 1)[0]
    assert f"“{shown}”" in first, reply
    assert ("(1:1)" if size[0] == size[1] else "(16:9)") in first, first


@pytest.mark.parametrize(("ask", "size"), [
    ("make it a square", (1080, 1080)),
    ("turn the video into a square", (1080, 1080)),
    ("make it a square and add captions", (1080, 1080)),
    ("make it square", (1080, 1080)),
    # A thing that is square is no format.
    ("make it a square box", (1920, 1080)),
])
def test_a_square_with_an_article_is_the_format_of_the_video(
        api: Api, ask: str, size: tuple[int, int]) -> None:
    token, sid = api.new_user("en")
    api.say(token, sid, "a video of a mountain lake")
    reply, state = api.say(token, sid, ask)
    assert (state["draft"]["w"], state["draft"]["h"]) == size, reply
    if size[0] == size[1]:
        assert "1:1" in reply, reply
    if "captions" in ask:
        assert any(t.get("n") == "Captions" and t.get("sg") for t in state["draft"]["t"])


@pytest.mark.parametrize(("lang", "message", "shown"), [
    ("en", "I need a short promo video for my flower shop 'Petal & Stem', spring bouquets",
     ("Petal & Stem", "“my flower shop, spring bouquets”", {"flowers", "shops"})),
    ("zh-Hans", "给我的奶茶店做个宣传视频，店名叫“半糖”，要那种街边小店的感觉",
     ("半糖", "奶茶店", {"shops"})),
    ("ja", "「さくら」という名前のカフェの動画を作って", ("さくら", "カフェ", {"shops"})),
])
def test_a_quoted_name_is_the_title_and_what_it_names_is_shown(
        api: Api, lang: str, message: str, shown: tuple[str, str, set[str]]) -> None:
    name, about, drawn = shown
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, message)
    assert _texts(state, "Title") == [name], reply
    assert about in reply.split("\n", 1)[0], reply
    for scene in _scenes(state):
        assert drawn <= set(scene["subjects"]), scene
        assert not scene["unseen"], scene  # not "Stem", not the name's words


@pytest.mark.parametrize(("lang", "message", "about", "title"), [
    # Trial 11: a description after "video …:" is the subject, "Title: X" the title.
    ("en", "Need a 20 second video for a real estate listing: a cozy house by a lake in autumn, "
     "sunset. Title: 42 Maple Lane - For Sale", "“cozy house by a lake in autumn, sunset”",
     "42 Maple Lane - For Sale"),
    ("en", "need a 20 second video: a cozy house by a lake", "“cozy house by a lake”", None),
    ("de", "Wanderung video bitte, 20 sek, Wanderer in den Alpen", "Wanderer in den Alpen", None),
])
def test_a_description_after_video_colon_is_the_subject(
        api: Api, lang: str, message: str, about: str, title: str | None) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, message)
    first = reply.split("\n", 1)[0]
    assert about in first, reply
    assert "20" in first, first  # the length asked for
    assert _scenes(state), reply
    if title is not None:
        assert _texts(state, "Title") == [title], reply


@pytest.mark.parametrize("message", ["can you make it cinematic?", "make it cinematic please"])
def test_a_question_about_it_never_becomes_a_subject(api: Api, message: str) -> None:
    token, sid = api.new_user("en")
    reply, state = api.say(token, sid, message)
    assert not _scenes(state), reply  # no video about "can you make it"
    assert not _texts(state, "Title"), reply


@pytest.mark.parametrize(("follow_up", "spanish"), [
    ("sin musica", "música"),  # accentless: Spanish or English by its words alone
    ("estilo cinematico", "estilo cinematográfico"),  # the scenes' style, said in Spanish
])
def test_a_conversation_keeps_the_language_the_user_writes_in(
        api: Api, follow_up: str, spanish: str) -> None:
    # The session began in English (the client's guess): the user's Spanish decides.
    token, sid = api.new_user("en")
    first, _ = api.say(token, sid, "un video de un bosque")
    assert "«bosque»" in first, first
    reply, _ = api.say(token, sid, follow_up)
    assert spanish in reply, reply
    assert "I didn't" not in reply, reply
    assert "music" not in reply, reply
