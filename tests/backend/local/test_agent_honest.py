"""Honest replies of the local agent, over HTTP against a real local backend: a message with
several requests carries out each one it can and names the rest; an added caption joins the
others and the reply says where; a question about the captions lists them with times; replies
name tracks in the user's language; clarifying questions come in nine languages; Korean
subjects keep their last syllable."""

from __future__ import annotations

import re
from typing import Any

import pytest

from router.language import detect_locale
from tests.backend.local.conftest import Api
from tests.backend.local.test_questions import _question


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api

_LOCALE: dict[str, str] = {}


def _secs(ms: int, decimal: str = ".") -> str:
    """Seconds as replies write them: to one decimal, none when whole ("7", not "7.0")."""
    return f"{round(ms / 1000, 1):g}".replace(".", decimal)


def _say(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)


def _track(state: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in state["draft"]["t"] if t.get("n") == name), None)


def _bgm(state: dict[str, Any]) -> dict[str, Any]:
    track = _track(state, "BGM")
    assert track is not None
    return dict(track["sg"][0]["m"])


def _captions(state: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    track = _track(state, "Captions")
    return [(s["s"], s["s"] + s["d"], s["m"]["text"], s["m"].get("pos", "bottom"))
            for s in (track or {"sg": []})["sg"]]


# -- several requests in one message -----------------------------------------------------------

@pytest.mark.parametrize(("lang", "prompt", "message", "shown"), [
    ("en", "generate a 10-second video of a city at night",
     "make the music louder and more upbeat", ["55%", "Upbeat"]),
    ("es", "genera un vídeo de 10 segundos de una ciudad de noche",
     "sube el volumen de la música y hazla más alegre", ["55 %", "Alegre"]),
    ("zh-Hans", "生成一个10秒的城市夜景视频", "把音乐调大一点，再换成欢快的", ["55%", "轻快节奏"]),
    ("fr", "génère une vidéo de 10 secondes d'une ville la nuit",
     "monte le volume de la musique et rends-la plus joyeuse", ["55 %", "Entraînante"]),
    ("de", "erstelle ein 10-Sekunden-Video über eine Stadt bei Nacht",
     "mach die Musik lauter und fröhlicher", ["55 %", "Beschwingt"]),
    ("pt", "crie um vídeo de 10 segundos de uma cidade à noite",
     "aumenta o volume da música e deixa mais animada", ["55%", "Animada"]),
    ("ja", "夜の街の10秒の動画を作って", "音楽の音量を上げて、もっと明るい曲にして",
     ["55%", "アップテンポ"]),
])
def test_every_request_of_a_compound_message_is_carried_out(
        api: Api, lang: str, prompt: str, message: str, shown: list[str]) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, prompt)
    assert _bgm(before)["vol"] == 0.35
    assert _bgm(before)["mood"] == "calm"
    text, after = _say(api, token, sid, message)
    assert _bgm(after)["vol"] == 0.55  # louder …
    assert _bgm(after)["mood"] == "upbeat"  # … and more upbeat
    for part in shown:
        assert part in text, text
    assert detect_locale(text) == _LOCALE.get(lang, lang), text


def test_both_parts_are_done_when_one_is_a_look(api: Api) -> None:
    """Black and white used to be named as not doable; now it is done next to the volume."""
    token, sid = api.new_user()
    _say(api, token, sid, "generate a 10-second video of a city at night")
    text, after = _say(api, token, sid, "make the music quieter and make the video black and "
                                        "white")
    assert _bgm(after)["vol"] == 0.15
    assert after["draft"]["look"] == "mono"
    assert "black and white" in text
    assert "couldn't" not in text


@pytest.mark.parametrize(("lang", "message", "part", "said"), [
    ("en", "make the music quieter and put the video in slow motion",
     "put the video in slow motion", "couldn't"),
    ("es", "baja el volumen de la música y pon el vídeo a cámara lenta",
     "pon el vídeo a cámara lenta", "No he podido"),
    ("zh-Hans", "把音乐调小一点，再把视频改成慢动作", "把视频改成慢动作", "做不到"),
])
def test_a_part_that_cannot_be_done_is_named_not_dropped(
        api: Api, lang: str, message: str, part: str, said: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, {"en": "generate a 10-second video of a city at night",
                           "es": "genera un vídeo de 10 segundos de una ciudad de noche",
                           "zh-Hans": "生成一个10秒的城市夜景视频"}[lang])
    text, after = _say(api, token, sid, message)
    assert _bgm(after)["vol"] == 0.15  # the part it can do is done
    assert said in text, text
    assert part in text, text
    assert detect_locale(text) == _LOCALE.get(lang, lang), text


def test_a_caption_text_with_mood_words_is_not_split(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "generate a 10-second video of a harbour at night")
    _, state = _say(api, token, sid, "add captions: Calm water, warm light, evening falls")
    assert [c[2] for c in _captions(state)] == ["Calm water, warm light, evening falls"]
    assert _bgm(state)["mood"] == "calm"


# -- adding a caption adds it ------------------------------------------------------------------

def test_a_spanish_caption_joins_the_narration_captions(api: Api) -> None:
    token, sid = api.new_user("es")
    _say(api, token, sid, "genera un vídeo de 12 segundos: guion: Amanece en la ciudad. "
                          "El café humea. Los trenes pasan.")
    _, before = _say(api, token, sid, "muéstrame los subtítulos")
    narrated = _captions(before)
    assert len(narrated) == 3
    text, after = _say(api, token, sid, "añade un subtítulo que diga 'Buenos días'")
    captions = _captions(after)
    assert [c for c in captions if c[2] != "Buenos días"] == narrated  # none replaced
    added = [c for c in captions if c[2] == "Buenos días"]
    assert len(added) == 1
    start, end, _, pos = added[0]
    assert 0 <= start < end <= after["draft"]["d"]
    # The narrated captions leave once their sentence is spoken: the new one goes where none
    # shows, at the bottom like them, and the reply says when.
    assert not any(s < end and start < e for s, e, _, _ in narrated)
    assert pos == "bottom"
    # Spanish writes the decimal comma.
    assert f"«Buenos días» de {_secs(start, ',')} a {_secs(end, ',')} s." in text, text
    assert "3 subtítulos" in text, text  # the others stay, and the reply says so
    assert detect_locale(text) == "es"


def test_a_caption_at_a_busy_time_goes_to_the_top_and_replace_replaces(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "generate a 10-second video of a harbour at night")
    _say(api, token, sid, "add a caption 'Hello' from 2s to 5s")
    text, state = _say(api, token, sid, "add a caption 'Wave' from 3s to 4s")
    assert _captions(state) == [(2000, 5000, "Hello", "bottom"), (3000, 4000, "Wave", "top")]
    assert "3–4 s" in text, text
    assert "top" in text, text
    text, state = _say(api, token, sid, "add a caption 'Bye'")
    assert (5000, 8000, "Bye", "bottom") in _captions(state)
    assert "5–8 s" in text, text
    _, state = _say(api, token, sid, "replace the captions with 'Only this'")
    assert [c[2] for c in _captions(state)] == ["Only this"]


# -- questions about the draft -----------------------------------------------------------------

def test_show_me_the_captions_lists_them_with_times(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "generate a video from this script: A city wakes up. Coffee steams. "
                          "Trains glide by.")
    chat = api.chat(token, sid, "show me the captions")
    assert len(chat.final_texts) == 1  # one answer
    text = chat.final_texts[0]
    captions = _captions(api.state(token, sid))
    assert text.startswith("The video has 3 captions: 1. “A city wakes up” (")
    assert len(captions) == 3
    for start, end, said, _ in captions:
        assert f"“{said}” ({_secs(start)}–{_secs(end)} s)" in text, text
    assert "Tracks panel" not in text  # nothing that makes the client add a timeline


def test_the_project_summary_has_no_empty_label_and_local_track_names(api: Api) -> None:
    token, sid = api.new_user("es")
    _say(api, token, sid, "genera un vídeo de 12 segundos: guion: Amanece en la ciudad. "
                          "El café humea. Los trenes pasan.")
    # A script gets no title of its own (it would repeat the first caption): one asked for.
    _say(api, token, sid, "pon el título «Un día en la ciudad»")
    text, _ = _say(api, token, sid, "¿qué hay en mi proyecto?")
    for english in ("Captions:", "Title:", "Narration:", "BGM:", "Video:"):
        assert english not in text, text
    for spanish in ("Subtítulos:", "Título:", "Narración: 3 líneas", "Música:", "Vídeo:"):
        assert spanish in text, text
    token, sid = api.new_user("zh-Hans")
    _say(api, token, sid, "生成一个10秒的城市夜景视频")
    text, _ = _say(api, token, sid, "项目里有什么？")
    assert "Title" not in text, text
    assert "标题：" in text, text
    assert "背景音乐：" in text, text


# -- clarifying questions in nine languages ----------------------------------------------------

_ASK = {"en": ("make a video", "What should the video be about?"),
        "zh-Hans": ("做一个视频", "视频要讲什么？"),
        "zh-Hant": ("做一個影片", "影片要講什麼？"),
        "es": ("hazme un vídeo", "¿De qué debe tratar el vídeo?"),
        "fr": ("fais-moi une vidéo", "De quoi doit parler la vidéo ?"),
        "de": ("mach mir ein Video", "Worum soll es im Video gehen?"),
        "pt": ("faça um vídeo", "Sobre o que deve ser o vídeo?"),
        "ja": ("動画を作って", "動画のテーマは何ですか？"),
        "ko": ("영상 만들어 줘", "영상의 주제는 무엇인가요?")}


@pytest.mark.parametrize("lang", list(_ASK))
def test_questions_and_their_answers_in_nine_languages(api: Api, lang: str) -> None:
    message, subject_prompt = _ASK[lang]
    token, sid = api.new_user(lang)
    asked = _question(api.chat(token, sid, message).events)
    prompts = [q["prompt"] for q in asked["questions"]]
    assert prompts[0] == subject_prompt
    assert len(prompts) == 3
    locale = _LOCALE.get(lang, lang)
    for q in asked["questions"]:
        assert detect_locale(" ".join([q["prompt"], *(o["label"] for o in q["options"])])) \
            in (locale, "und"), q
    assert api.state(token, sid)["draft"]["t"] == []
    # The answer line the runtime sends: first subject, 15 seconds, the third style.
    subject, duration, style = asked["questions"]
    answer = "\n".join([f"1. {subject['prompt']}: {subject['options'][0]['label']}",
                        f"2. {duration['prompt']}: {duration['options'][0]['label']}",
                        f"3. {style['prompt']}: {style['options'][2]['label']}"])
    text, state = _say(api, token, sid, answer)
    assert state["draft"]["d"] == 15000
    bgm = _bgm(state)
    assert bgm["mood"] == "upbeat"  # the style picked sets the music
    title = _track(state, "Title")
    assert title is not None
    label = subject["options"][0]["label"]
    # The title is the subject picked (an article may go), never the style or instructions.
    assert title["sg"][0]["m"]["text"].lower().split()[-1] in label.lower(), (title, label)
    assert detect_locale(text) == locale, text


# -- Korean subjects keep their syllables ------------------------------------------------------

@pytest.mark.parametrize(("message", "title"), [
    ("노을 영상 만들어줘", "노을"),
    ("마을 영상 만들어줘", "마을"),
    ("가을 영상 만들어줘", "가을"),
    ("고양이 영상 만들어줘", "고양이"),
    ("요가 영상 만들어줘", "요가"),
    ("포도 영상 만들어줘", "포도"),
    ("도로 영상 만들어줘", "도로"),
    ("수은 영상 만들어줘", "수은"),
    # A real particle after a noun still goes.
    ("노을을 영상으로 만들어줘", "노을"),
    ("바다를 영상으로 만들어줘", "바다"),
    ("산에 대한 영상 만들어줘", "산"),
    ("서울로 영상 만들어줘", "서울"),
])
def test_korean_subjects_keep_their_last_syllable(api: Api, message: str, title: str) -> None:
    token, sid = api.new_user("ko")
    text, state = _say(api, token, sid, message)
    track = _track(state, "Title")
    assert track is not None
    assert track["sg"][0]["m"]["text"] == title
    assert f"“{title}”" in text


# -- things met on the way ---------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "prompt", "message", "said"), [
    ("es", "genera un vídeo de 10 segundos de una playa", "quita la pista 2",
     "He quitado la pista de música."),
    ("de", "erstelle ein 10-Sekunden-Video über einen Wald", "lösche Spur 2", "Musik"),
    ("fr", "génère une vidéo de 10 secondes sur la mer", "supprime la piste 2",
     "J'ai enlevé la piste musique."),
])
def test_a_track_is_removed_by_number_and_named_in_the_users_language(
        api: Api, lang: str, prompt: str, message: str, said: str) -> None:
    token, sid = api.new_user(lang)
    _say(api, token, sid, prompt)
    text, state = _say(api, token, sid, message)
    assert _track(state, "BGM") is None
    assert said in text, text
    assert "BGM" not in text


def test_english_replies_call_the_music_track_music(api: Api) -> None:
    # "BGM" is the service's own track name (the draft keeps it), jargon to an English user.
    token, sid = api.new_user("en")
    _say(api, token, sid, "make a 10 second video of a forest")
    text, state = _say(api, token, sid, "what's in the video?")
    assert "Music: Lo-fi (0-10 s, 35%)" in text or "Music: Lo-fi (0-10s, 35%)" in text, text
    assert "BGM" not in text
    assert _track(state, "BGM") is not None
    text, state = _say(api, token, sid, "remove track 2")
    assert text.startswith("Removed the music track."), text
    assert _track(state, "BGM") is None


def test_a_french_subject_loses_its_elided_article(api: Api) -> None:
    token, sid = api.new_user("fr")
    text, state = _say(api, token, sid,
                       "génère une vidéo de 10 secondes d'une forêt sous la neige")
    track = _track(state, "Title")
    assert track is not None
    assert track["sg"][0]["m"]["text"] == "Forêt sous la neige"
    assert "« forêt sous la neige »" in text


@pytest.mark.parametrize(("message", "said"), [
    ("바다 영상 만들어줘", "제목 “바다”를 넣었어요"),
    ("노을 영상 만들어줘", "제목 “노을”을 넣었어요"),
])
def test_korean_replies_pick_the_particle_that_fits_the_word(
        api: Api, message: str, said: str) -> None:
    token, sid = api.new_user("ko")
    text, _ = _say(api, token, sid, message)
    assert said in text, text
    text, _ = _say(api, token, sid, "신나는 음악으로 바꿔 줘")
    assert "“업비트”(경쾌함)으로 바꿨어요" in text, text


def test_add_captions_without_text_keeps_the_captions_there(api: Api) -> None:
    token, sid = api.new_user()
    _say(api, token, sid, "generate a 10-second video of a harbour at night")
    _, state = _say(api, token, sid, "add a caption 'Hello' from 0s to 3s")
    text, state = _say(api, token, sid, "add captions")
    captions = _captions(state)
    assert (0, 3000, "Hello", "bottom") in captions  # kept
    scenes = state["draft"]["t"][0]["sg"]
    # The first scene has a caption already; the second gets its description.
    assert [c[2] for c in captions if c[2] != "Hello"] == [scenes[1]["m"]["desc"]]
    assert "The other caption stays as it was." in text, text
    text, again = _say(api, token, sid, "add captions")
    assert again == state
    assert "nothing changed" in text


# -- looks the renderer does not draw are never the title's text ------------------------------

FONT_ASKS = [
    ("en", "make a 10 second video of a forest", "Make the title Bold", "Bold"),
    ("en", "make a 10 second video of a forest", "Make The Title Italic", "Italic"),
    ("es", "haz un vídeo de 10 segundos de un bosque", "pon el título en negrita", "negrita"),
    ("fr", "fais une vidéo de 10 secondes d'une forêt", "mets le titre en gras", "gras"),
    ("de", "mach ein 10 Sekunden Video von einem Wald", "mach den Titel Fett", "Fett"),
    ("pt", "faça um vídeo de 10 segundos de uma floresta", "deixe o título em negrito",
     "negrito"),
    ("zh-Hans", "生成一段10秒的森林视频", "标题加粗", "加粗"),
    ("zh-Hant", "生成一段10秒的森林影片", "標題改成斜體", "斜體"),
    ("ja", "森の10秒の動画を作って", "タイトルを太字にして", "太字"),
    ("ko", "숲 10초 영상 만들어 줘", "제목을 굵게 해줘", "굵게"),
]


@pytest.mark.parametrize(("lang", "prompt", "ask", "word"), FONT_ASKS,
                         ids=[f"{c[0]}-{c[2]}" for c in FONT_ASKS])
def test_bold_is_not_the_titles_text_and_the_reply_says_what_can_be_done(
        api: Api, lang: str, prompt: str, ask: str, word: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, prompt)
    text, after = _say(api, token, sid, ask)
    assert after == before  # nothing changed: the title keeps its text
    assert f"{word}" in text, text  # the look asked for is named as not available
    assert detect_locale(text) == lang, text
    assert len(text) > 80, text  # with what can be done instead


def test_a_look_that_is_drawn_is_made_beside_one_that_is_not(api: Api) -> None:
    token, sid = api.new_user("en")
    _say(api, token, sid, "make a 10 second video of a forest")
    text, state = _say(api, token, sid, "Make The Title Bold And Red")
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == "Forest"
    assert title["sg"][0]["m"]["color"] == "#ff3b30"
    assert text.startswith("✅ Done: the title changed from white to red."), text
    assert "“Bold” is something the offline renderer can't draw" in text, text
    # A title that only starts with such a word is a title.
    _, state = _say(api, token, sid, "title: Bold and Beautiful")
    title = _track(state, "Title")
    assert title is not None
    assert title["sg"][0]["m"]["text"] == "Bold and Beautiful"
    # "make the captions italic" adds no captions.
    text, after = _say(api, token, sid, "make the captions italic")
    assert _track(after, "Captions") is None, text
    assert "“italic” isn't available for the captions" in text, text


def test_traditional_chinese_is_answered_in_traditional_chinese(api: Api) -> None:
    # Found using it: "生成一段10秒的夕陽下山湖影片" (夕陽, not 夕阳) was answered in simplified
    # Chinese: few characters told the two apart.
    token, sid = api.new_user("zh-Hans")
    text, _ = _say(api, token, sid, "生成一段10秒的夕陽下山湖影片")
    assert detect_locale(text) == "zh-Hant", text
    assert "影片" in text, text
    text, _ = _say(api, token, sid, "生成一段10秒的夕阳下山湖视频")
    assert detect_locale(text) == "zh-Hans", text


ALREADY = [
    ("en", "generate a video from this script: A city wakes up. Coffee steams on a balcony.",
     "add captions"),
    ("es", "genera un vídeo con este guion: La ciudad despierta. El café humea.",
     "añade subtítulos"),
    ("fr", "fais une vidéo à partir de ce script : La ville se réveille. Le café fume.",
     "ajoute des sous-titres"),
    ("de", "mach ein Video aus diesem Skript: Die Stadt erwacht. Der Kaffee dampft.",
     "füge Untertitel hinzu"),
    ("pt", "faça um vídeo com este roteiro: A cidade acorda. O café fumega.",
     "adicione legendas"),
    ("zh-Hans", "用这个脚本做视频：城市醒来了。阳台上咖啡冒着热气。", "加上字幕"),
    ("zh-Hant", "用這個腳本做影片：城市醒來了。陽台上咖啡冒著熱氣。", "加上字幕"),
    ("ja", "この台本で動画を作って：街が目を覚ます。ベランダでコーヒーが湯気を立てる。",
     "字幕を付けて"),
    ("ko", "이 대본으로 영상 만들어 줘: 도시가 깨어난다. 발코니에서 커피가 김을 낸다.",
     "자막 넣어줘"),
]


@pytest.mark.parametrize(("lang", "script", "add"), ALREADY, ids=[c[0] for c in ALREADY])
def test_captions_asked_for_again_say_they_are_there(api: Api, lang: str, script: str,
                                                     add: str) -> None:
    token, sid = api.new_user(lang)
    _, before = _say(api, token, sid, script)
    text, after = _say(api, token, sid, add)
    assert after == before
    assert "2" in text, text  # how many there are
    assert detect_locale(text) == lang, text
    # The way to see them that the reply offers lists them.
    offer = re.findall(r"[“«„「]\s*([^”»“」…]+?)\s*[”»“」]", text)[0]
    listed, _ = _say(api, token, sid, offer)
    assert all(c[2] in listed for c in _captions(before)), (offer, listed)


# -- a narrated script is said to be narrated ---------------------------------------------------

@pytest.mark.parametrize(("script", "said", "done"), [
    ("generate a video from this script: A city wakes up. Coffee steams on a balcony.",
     "a narration of the script", "Your video now has music, a narration of the script and"),
    ("Erstelle ein Video aus diesem Skript: Die Stadt erwacht. Kaffee dampft auf dem Balkon.",
     "eine Sprecherstimme für das Skript", "Musik, eine Sprecherstimme für das Skript und"),
    ("根据这个脚本生成视频：城市醒来了。阳台上的咖啡冒着热气。", "脚本旁白（配字幕）",
     "视频已配好音乐、脚本旁白和字幕"),
    ("この台本で動画を作って：街が目を覚ます。ベランダでコーヒーが湯気を立てる。",
     "台本のナレーション（字幕付き）", "BGM、台本のナレーションと字幕を付けました"),
])
def test_a_narrated_script_is_said_to_be_narrated(api: Api, script: str, said: str,
                                                  done: str) -> None:
    # The user hears a voice: the reply that announces the video and the one that ends
    # the work name it, not only the timeline's track list.
    token, sid = api.new_user()
    reply, state = _say(api, token, sid, script)
    assert _track(state, "Narration") is not None, reply
    start, _, rest = reply.partition("\n")
    assert said in start
    assert done in rest


def test_a_script_without_voice_over_is_not_said_to_be_narrated(api: Api) -> None:
    token, sid = api.new_user()
    reply, state = _say(api, token, sid, "generate a video from this script, no voice-over: "
                                         "A city wakes up. Coffee steams on a balcony.")
    assert _track(state, "Narration") is None
    assert "narration" not in reply.lower()
    assert "Your video now has music and captions." in reply
