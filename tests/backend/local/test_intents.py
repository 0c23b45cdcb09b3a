"""Message → intent rules of the local agent (more languages in test_agent_requests.py)."""

from __future__ import annotations

import pytest

from backend.local.intents import Span, parse
from backend.local.lexicon import lexicon
from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


@pytest.mark.parametrize(("message", "has_video", "kind", "fields"), [
    ("Generate a 10-second cinematic video of a city at sunset in 9:16", False, "generate",
     {"prompt": "city at sunset", "duration_ms": 10_000, "ratio": "9:16", "style": "cinematic"}),
    ("生成一段10秒的城市日落视频，电影感，9:16", False, "generate",
     {"duration_ms": 10_000, "ratio": "9:16", "style": "cinematic", "lang": "zh-Hans"}),
    ("make me a square video about coffee, 30 seconds", False, "generate",
     {"ratio": "1:1", "duration_ms": 30_000}),
    ("a cat playing piano in the rain", False, "generate",
     {"prompt": "cat playing piano in the rain"}),
    ("generate a video about ocean waves with a title 'Blue' and upbeat music", False,
     "generate", {"title": "Blue", "mood": "upbeat", "prompt": "ocean waves"}),
    ("regenerate in 1:1", True, "regenerate", {"ratio": "1:1"}),
    ('add a title "Urban Dreams"', True, "title_set", {"text": "Urban Dreams"}),
    ("change the title to Summer Vibes", True, "title_set", {"text": "Summer Vibes"}),
    ("add a title to the video", True, "title_set", {"text": None}),
    ("添加标题“城市之光”", True, "title_set", {"text": "城市之光", "lang": "zh-Hans"}),
    ("标题改为夏日时光", True, "title_set", {"text": "夏日时光"}),
    ("remove the title", True, "title_remove", {}),
    ("add captions", True, "captions_add", {"text": None}),
    ("给视频生成字幕", True, "captions_add", {}),
    ("删除字幕", True, "captions_remove", {}),
    ("add some calm background music", True, "bgm_set", {"mood": "calm"}),
    ("配上欢快的背景音乐", True, "bgm_set", {"mood": "upbeat"}),
    ("删除背景音乐", True, "bgm_remove", {}),
    ("set the music volume to 60%", True, "volume", {"volume": 0.6}),
    ("音量调到30%", True, "volume", {"volume": 0.3}),
    ("make the music louder", True, "volume", {"volume_step": 0.2}),
    ("turn the music volume down", True, "volume", {"volume_step": -0.2}),
    ("mute the music", True, "volume", {"volume": 0.0}),
    ("make it 20 seconds", True, "duration", {"duration_ms": 20_000}),
    ("时长改为二十秒", True, "duration", {"duration_ms": 20_000}),
    ("shorten it to 1 minute", True, "duration", {"duration_ms": 60_000}),
    ("change to 9:16", True, "ratio", {"ratio": "9:16"}),
    ("make it vertical", True, "ratio", {"ratio": "9:16"}),
    ("改成横屏", True, "ratio", {"ratio": "16:9"}),
    ("change aspect ratio to 4:3", True, "ratio", {"ratio": "unsupported"}),
    ("remove track 2", True, "track_remove", {"track": 2}),
    ("删除第二条轨道", True, "track_remove", {"track": 2}),
    ("what's in my project?", True, "question", {}),
    ("视频多长？", True, "question", {}),
    ("hello", True, "unknown", {}),
    ("BGMを追加して", True, "bgm_set", {"lang": "ja"}),  # a Latin word glued to Japanese
    ("I want a 15 second clip showing fireworks over a city at night", False, "generate",
     {"duration_ms": 15_000, "prompt": "fireworks over a city at night"}),
    ("I want the video to be 20 seconds", True, "duration", {"duration_ms": 20_000}),
    ("delete the second clip", True, "clip_remove", {"track": 2}),
    ("remove beach.jpg please", True, "clip_remove", {"track": "beach.jpg"}),
    ("fill the frame", True, "framing", {"text": "fill"}),
    ("mute the original sound", True, "clip_volume", {"volume": 0.0}),
    ("use my song as the background music", True, "song_music", {}),
    ("add a caption 'Hi' from 2s to 5s", True, "captions_add",
     {"text": "Hi", "span": Span("range", 2000, 5000)}),
    ("add captions: Calm water. Warm light. Evening falls.", True, "captions_add",
     {"texts": ("Calm water", "Warm light", "Evening falls")}),
    ("change the title to Morning Rush please", True, "title_set", {"text": "Morning Rush"}),
    ("make it 2 hours long", True, "duration", {"duration_ms": 7_200_000}),
    ("help", True, "help", {}),
])
def test_parse(message: str, has_video: bool, kind: str, fields: dict[str, object]) -> None:
    intent = parse(message, has_video=has_video)
    assert intent.kind == kind
    for name, value in fields.items():
        assert getattr(intent, name) == value, name


def test_script_lines_become_scenes() -> None:
    intent = parse("Script:\n1. Sunrise over the hills.\n2. A farmer walks out!\nScene 3: Rain.",
                   has_video=False)
    assert intent.kind == "generate"
    assert intent.script == ("Sunrise over the hills", "A farmer walks out", "Rain")
    zh = parse("根据脚本生成视频：清晨的城市。人们开始上班！夜晚灯火通明。", has_video=False)
    assert zh.script == ("清晨的城市", "人们开始上班", "夜晚灯火通明")


def test_edit_words_outrank_generation_only_when_a_video_exists() -> None:
    assert parse("给视频生成字幕", has_video=True).kind == "captions_add"
    assert parse("generate a video with captions", has_video=False).kind == "generate"


@pytest.mark.parametrize(("message", "subject"), [
    ("做一个10秒的视频：山间湖泊上的日落", "山间湖泊上的日落"),
    ("做一个10秒的山间湖泊日落视频", "山间湖泊日落"),
    ("帮我做一个做饭的视频", "做饭"),
    ("做一个視頻：山間湖泊上的日落", "山間湖泊上的日落"),
    ("10秒の動画を作って：山の湖の夕日", "山の湖の夕日"),
])
def test_cjk_subjects_after_a_colon_or_a_counter(message: str, subject: str) -> None:
    # The subject follows a colon after the video noun, and "做一个" is an instruction even
    # when a duration sits inside it ("做一个10秒的…").
    assert parse(message, has_video=False).prompt == subject


# -- over loopback: remarks with a mood word, and asking to see the captions -------------------

_VIDEO = {
    "en": ("make a 10-second video of a forest", "add captions"),
    "zh-Hans": ("生成一个10秒的森林视频", "添加字幕"),
    "zh-Hant": ("生成一個10秒的森林影片", "新增字幕"),
    "es": ("haz un vídeo de 10 segundos sobre un bosque", "añade subtítulos"),
    "fr": ("fais une vidéo de 10 secondes sur une forêt", "ajoute des sous-titres"),
    "de": ("erstelle ein 10-Sekunden-Video über einen Wald", "füge Untertitel hinzu"),
    "pt": ("faça um vídeo de 10 segundos sobre uma floresta", "adicione legendas"),
    "ja": ("森の10秒の動画を作って", "字幕を追加して"),
    "ko": ("숲 영상을 10초로 만들어 줘", "자막 추가해 줘"),
}


def _said(api: Api, token: str, sid: str, text: str) -> tuple[str, dict[str, object]]:
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    return "\n".join(chat.final_texts), api.state(token, sid)["draft"]


def _music(draft: dict[str, object]) -> object:
    tracks = draft["t"]
    assert isinstance(tracks, list)
    return next(t["sg"] for t in tracks if t.get("n") == "BGM")


@pytest.mark.parametrize(("lang", "remarks"), [
    ("en", ["Warm light", "this is epic, thanks!", "wow that is so happy", "the sky looks sad",
            "epic"]),
    ("ja", ["すごく楽しい！"]),
    ("zh-Hans", ["这个太史诗了"]),
    ("es", ["el cielo se ve triste"]),
    ("de", ["eine traurige Stimmung, danke", "so eine fröhliche Szene"]),
])
def test_a_mood_word_in_a_remark_leaves_the_music_alone(api: Api, lang: str,
                                                         remarks: list[str]) -> None:
    token, sid = api.new_user(lang)
    _, before = _said(api, token, sid, _VIDEO[lang][0])
    for remark in remarks:
        text, after = _said(api, token, sid, remark)
        assert _music(after) == _music(before), remark
        assert after == before, remark
        assert "🎵" not in text, text


# A mood asked of the video ("make it calmer", "再欢快一点") is its look: test_agent_trial11.py.
@pytest.mark.parametrize(("lang", "ask", "mood"), [
    ("en", "make the music calmer", "calm"),
    ("en", "make the music louder and more upbeat", "upbeat"),
    ("en", "make the music louder and happier", "upbeat"),
    ("es", "pon la música más alegre", "upbeat"),
    ("de", "mach die Musik fröhlicher", "upbeat"),
    ("zh-Hans", "音乐再欢快一点", "upbeat"),
])
def test_a_mood_of_the_music_changes_the_music(api: Api, lang: str, ask: str,
                                                     mood: str) -> None:
    token, sid = api.new_user(lang)
    _said(api, token, sid, _VIDEO[lang][0])
    if mood == "calm":
        _said(api, token, sid, "use upbeat music")
    before = api.state(token, sid)["draft"]
    text, after = _said(api, token, sid, ask)
    assert "🎵" in text, text
    sg = _music(after)
    assert isinstance(sg, list)
    assert sg[0]["m"]["mood"] == mood
    assert _music(after) != _music(before)


@pytest.mark.parametrize(("lang", "asks"), [
    ("en", ["show captions", "show the captions"]),
    ("zh-Hans", ["显示字幕", "给我看看字幕"]),
    ("zh-Hant", ["顯示字幕"]),
    ("es", ["muestra los subtítulos"]),
    ("fr", ["montre les sous-titres", "affiche les sous-titres"]),
    ("de", ["zeig die Untertitel"]),
    ("pt", ["mostra as legendas"]),
    ("ja", ["字幕を見せて"]),
    ("ko", ["자막 보여줘", "자막 보여 주세요"]),
])
def test_asking_to_see_the_captions_lists_them(api: Api, lang: str, asks: list[str]) -> None:
    token, sid = api.new_user(lang)
    prompt, add = _VIDEO[lang]
    _, before = _said(api, token, sid, prompt)
    for ask in asks:
        text, after = _said(api, token, sid, ask)
        assert text == lexicon().say("captions_list_none", lang), ask
        assert after == before, ask  # nothing added
    _, before = _said(api, token, sid, add)
    tracks = before["t"]
    assert isinstance(tracks, list)
    captions = next(t["sg"] for t in tracks if t.get("n") == "Captions")
    assert len(captions) == 1  # one prompt shown two ways: one caption for both scenes
    for ask in asks:
        text, after = _said(api, token, sid, ask)
        assert after == before, ask
        for sg in captions:
            assert sg["m"]["text"] in text, text


def test_splitting_a_long_message_of_look_alike_edits_parses_a_bounded_number_of_parts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each place where an edit might start is checked by parsing the rest of the message; a
    # message of 400 look-alike parts would otherwise be parsed 800 times (quadratic).
    from backend.local import intents

    calls = 0
    real = intents.parse

    def counting(*args: object, **kwargs: object) -> intents.Intent:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intents, "parse", counting)
    message = "make the title bigger " + "and the title bigger " * 400
    assert intents.split_edits(message, "en") == [message.strip()]
    assert calls <= 2 * intents._MAX_CHECKS
    calls = 0
    assert intents.split_edits("make the title bigger and the music a bit quieter", "en") == [
        "make the title bigger", "the music a bit quieter"]


# -- a video asked for as a question: the title is the subject, as the user wrote it ---------

ASKED_AS_A_QUESTION = [
    ("de", "Kannst du mir ein Video über Hunde am Strand machen?", "Hunde am Strand"),
    ("de", "Könntest du ein Video über unseren Klassenausflug nach Berlin erstellen?",
     "Unseren Klassenausflug nach Berlin"),
    ("de", "Würdest du für mich ein Video über Katzen im Schnee drehen?", "Katzen im Schnee"),
    ("es", "¿Me puedes hacer un video de perros en la playa?", "Perros en la playa"),
    ("es", "¿Puedes hacerme un vídeo sobre perros en la playa?", "Perros en la playa"),
    ("es", "¿Me haces un video de gatos en la nieve?", "Gatos en la nieve"),
    ("fr", "Tu peux me faire une vidéo sur des chiens à la plage ?", "Chiens à la plage"),
    ("pt", "Você pode fazer um vídeo de cachorros na praia?", "Cachorros na praia"),
    ("pt", "Você consegue fazer um vídeo sobre gatos na neve pra mim?", "Gatos na neve"),
    ("ja", "ビーチで遊ぶ犬の動画を作ってくれる？", "ビーチで遊ぶ犬"),
    ("ko", "해변에서 노는 강아지 영상 만들어 줄래?", "해변에서 노는 강아지"),
    ("ko", "해변의 강아지 영상 만들 수 있어?", "해변의 강아지"),
    ("ja", "ビーチで遊ぶ犬の動画、作れる？", "ビーチで遊ぶ犬"),
    ("zh-Hans", "能不能做个小狗在海边的视频", "小狗在海边"),
    ("zh-Hant", "你可以幫我做小狗在海邊的影片嗎", "小狗在海邊"),
    ("de", "Kannst du bitte ein kurzes Video über unsere Hunde am Strand machen?",
     "Unsere Hunde am Strand"),
    ("zh-Hans", "能帮我做一个狗狗在海边玩的视频吗", "狗狗在海边玩"),
    ("zh-Hans", "你能不能给我做个雪地里小猫的视频", "雪地里小猫"),
    ("zh-Hans", "请帮我生成一个能量饮料的广告视频吧", "能量饮料的广告"),
    ("zh-Hant", "可以幫我做一支雪地小貓的影片嗎？", "雪地小貓"),
    ("en", "Could you make a video about dogs at the beach for me?", "Dogs at the Beach"),
]


@pytest.mark.parametrize(("lang", "message", "title"), ASKED_AS_A_QUESTION,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(ASKED_AS_A_QUESTION)])
def test_a_video_asked_for_as_a_question_is_titled_by_its_subject(
        api: Api, lang: str, message: str, title: str) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, message)
    titles = [sg["m"]["text"] for t in state["draft"]["t"] if t["tt"] == 7 for sg in t["sg"]]
    assert titles == [title]
    # The first line names the subject, without the question's verb ("…machen") or "能".
    first = text.splitlines()[0]
    subject = title if lang != "en" else title.lower()
    assert subject.lower() in first.lower()
    for word in ("machen", "erstellen", "drehen", "能帮", "你能", "可以"):
        assert word not in first


@pytest.mark.parametrize(("lang", "message", "title"), [
    ("fr", "une vidéo sur les enfants qui aiment créer", "Enfants qui aiment créer"),
    ("es", "un video de niños que quieren crear", "Niños que quieren crear"),
    ("en", "make a video about people who like making", "People Who Like Making"),
])
def test_a_verb_that_ends_the_subject_stays_in_languages_that_do_not_end_on_it(
        api: Api, lang: str, message: str, title: str) -> None:
    # Only where the request's verb comes last ("… am Strand machen?") is it taken off.
    token, sid = api.new_user(lang)
    _, state = api.say(token, sid, message)
    assert [sg["m"]["text"] for t in state["draft"]["t"] if t["tt"] == 7
            for sg in t["sg"]] == [title]
