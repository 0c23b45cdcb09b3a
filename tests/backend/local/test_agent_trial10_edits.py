"""Edit requests from user trial 10 that the local agent answered wrongly, checked over HTTP
against a real local backend: the reply the user reads and the draft the renderer draws.

- an edit asked as a question ("可以再短一點嗎？5秒就好", "アニメ風にできる？") got the project
  summary, as if it were a question about the project;
- a style asked of a made video ("弄成复古一点的风格") brought back the music the user had
  removed and changed nothing in the picture;
- "turn the music off" asked which music to use instead;
- a caption's text after "dizendo" (saying) was refused, or taken for a look of no caption;
- "make the captions yellow and put them at the top" with no captions said "nothing changed",
  then added a white caption;
- "every clip was stretched" when the video was made shorter; English music names in
  Chinese replies.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import scene_styles as _scene_styles
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


def _captions(state: dict[str, Any]) -> list[tuple[str, str, str]]:
    track = _track(state, "Captions")
    return [(s["m"]["text"], s["m"]["pos"], s["m"]["color"]) for s in (track or {"sg": []})["sg"]]


# -- trial #5: an edit asked as a question is made (or said not to be) -------------------------

@pytest.mark.parametrize(("lang", "make", "ask", "said", "after"), [
    ("zh-Hant", "幫我做一支台北夜市的影片", "可以再短一點嗎？5秒就好", "影片時長已改為5秒",
     (5, None)),
    ("ja", "夜のラーメン屋の動画を作って", "アニメ風にできる？",
     "🎨 シーンをアニメ風のスタイルにしました", (10, "anime")),
    ("de", "Mach mir bitte ein Video vom Schwarzwald im Herbst",
     "Kannst du es im Anime-Stil machen?", "🎨 Die Szenen sind jetzt im Stil „Anime“",
     (10, "anime")),
    ("es", "hazme un video de una playa al amanecer", "lo puedes hacer estilo anime?",
     "🎨 Las escenas tienen ahora el estilo anime", (10, "anime")),
    ("en", "a video of a mountain lake", "can you make it anime style?",
     "🎨 The scenes are now in the anime style", (10, "anime")),
    # Asked without a length: asked back, as the imperative "もう少し短くして" is.
    ("ja", "夜のラーメン屋の動画を作って", "もう少し短くできる？",
     "動画の長さはどれくらいにしますか", (10, None)),
    # The question's end is no title text: "黄色吗？" was once the new title.
    ("zh-Hans", "给我的奶茶店做个宣传视频", "可以把标题改成黄色吗？",
     "标题从白色改为黄色", (10, None)),
    ("ja", "夜のラーメン屋の動画を作って", "タイトルを黄色にできる？",
     "タイトルの色を白から黄色に変更", (10, None)),
    # Nothing it can do: said so, nothing changed (never the project summary).
    ("de", "Mach mir bitte ein Video vom Schwarzwald im Herbst", "Kannst du es glitzern lassen?",
     "nicht verstanden, also wurde nichts geändert", (10, None)),
])
def test_an_edit_asked_as_a_question_is_made(api: Api, lang: str, make: str, ask: str, *,
                                              said: str, after: tuple[int, str | None]) -> None:
    seconds, style = after  # the video's length and its scenes' style afterwards
    token, sid, before = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert said in text
    assert state["draft"]["d"] == seconds * 1000
    assert _scene_styles(state) == ({style} if style else _scene_styles(before))
    # Everything else as it was: a restyle changes the scenes only; the title keeps its words.
    assert [t["n"] for t in state["draft"]["t"] if t.get("sg")] == [
        t["n"] for t in before["draft"]["t"] if t.get("sg")]
    assert _track(state, "Title")["sg"][0]["m"]["text"] == (  # type: ignore[index]
        _track(before, "Title")["sg"][0]["m"]["text"])  # type: ignore[index]


# -- trial #7: a style keeps what the user chose before, and changes the picture ---------------

@pytest.mark.parametrize(("lang", "asked", "style", "said"), [
    ("zh-Hans", ("给我的奶茶店做个宣传视频", "音乐关掉吧", "弄成复古一点的风格"), "vintage",
     "🎨 画面风格已改为“复古”（色彩、镜头运动和转场），原来是“舒缓”。"
     "其他内容保持不变，仍然没有背景音乐。"),
    # A mood word alone, after the music went: the scenes' style, never the music back.
    ("en", ("a video of a mountain lake", "remove the music", "make it more retro"), "vintage",
     "🎨 The scenes are now in the vintage style (colours, camera motion and transitions), "
     "instead of calm. Everything else stays as it was, still without music."),
    ("ko", ("해운대 해변 영상 만들어줘", "자막 넣어줘", "애니 스타일로 바꿔줘"), "anime",
     "🎨 장면을 애니메이션풍 스타일로 바꿨어요(색감, 카메라 움직임, 장면 전환). "
     "나머지는 그대로예요."),
    # With the music still there, a look or feel of the picture restyles it ("vintage look"
    # was a sepia filter; "more retro" changed only the music): one meaning for vintage.
    ("en", ("a video of a mountain lake", "add captions", "give it a vintage look"), "vintage",
     "🎨 The scenes are now in the vintage style (colours, camera motion and transitions), "
     "instead of calm. Everything else stays as it was."),
    ("en", ("a video of a mountain lake", "add captions", "make it more retro"), "vintage",
     "🎨 The scenes are now in the vintage style (colours, camera motion and transitions), "
     "instead of calm. Everything else stays as it was."),
    ("ja", ("夜のラーメン屋の動画を作って", "字幕を追加して", "レトロな感じにして"), "vintage",
     "🎨 シーンをレトロなスタイルにしました（色、カメラの動き、場面転換）。ほかはそのままです。"),
])
def test_a_style_keeps_the_earlier_choices(api: Api, lang: str, asked: tuple[str, str, str],
                                           style: str, said: str) -> None:
    make, earlier, ask = asked
    token, sid, before = api.project(lang, make, earlier)
    text, state = api.say(token, sid, ask)
    assert text == said
    assert _scene_styles(state) == {style}
    assert "look" not in state["draft"]  # the style, not a sepia filter over it
    for name in ("BGM", "Title", "Captions"):
        assert _track(state, name) == _track(before, name)
    again, same = api.say(token, sid, ask)
    assert same["draft"] == state["draft"]
    assert again != said  # already so: said, nothing changed


@pytest.mark.parametrize(("lang", "make", "ask"), [
    ("en", "a video of a mountain lake", "retro music please"),
    ("ja", "夜のラーメン屋の動画を作って", "レトロな音楽にして"),
])
def test_retro_music_changes_the_music_only(api: Api, lang: str, make: str, ask: str) -> None:
    token, sid, before = api.project(lang, make)
    _, state = api.say(token, sid, ask)
    assert _track(state, "BGM")["sg"][0]["m"]["mood"] == "nostalgic"  # type: ignore[index]
    assert _scene_styles(state) == _scene_styles(before)
    assert "look" not in state["draft"]  # no filter over the picture either


# -- trial #8: "off" after the music ------------------------------------------------------------

@pytest.mark.parametrize(("lang", "make", "asks", "said"), [
    ("en", "a video of a mountain lake", ("turn the music off", "make it sadder"),
     ("Removed the background music.",
      "This video has no music, so nothing changed. Say “add melancholic music” to add some.")),
    ("de", "Mach mir bitte ein Video vom Schwarzwald im Herbst",
     ("mach die Musik bitte aus", "mach es trauriger"),
     ("Hintergrundmusik", "Dieses Video hat keine Musik, also hat sich nichts geändert.")),
])
def test_music_turned_off_goes_and_stays_off(api: Api, lang: str, make: str,
                                             asks: tuple[str, str], said: tuple[str, str]) -> None:
    token, sid, before = api.project(lang, make)
    assert _track(before, "BGM") is not None
    text, state = api.say(token, sid, asks[0])
    assert _track(state, "BGM") is None
    assert said[0] in text
    # A mood asked afterwards, with no music named, brings no music back: said so.
    text, state = api.say(token, sid, asks[1])
    assert _track(state, "BGM") is None
    assert text.startswith(said[1])
    if lang == "en":  # and what the reply suggests is understood
        _, state = api.say(token, sid, "add melancholic music")
        assert _track(state, "BGM")["sg"][0]["m"]["mood"] == "sad"  # type: ignore[index]


# -- trial #6: the text after "saying" is the caption's ----------------------------------------

@pytest.mark.parametrize(("lang", "make", "ask", "caption"), [
    ("pt", "vídeo de uma praia", "coloca uma legenda dizendo Parabéns Ana!",
     ("Parabéns Ana!", "#ffffff")),
    ("pt", "vídeo de uma praia", "coloca legendas em amarelo dizendo Parabéns Ana!",
     ("Parabéns Ana!", "#ffe14d")),
    ("es", "hazme un video de una playa", "pon un subtítulo diciendo Feliz cumpleaños",
     ("Feliz cumpleaños", "#ffffff")),
    ("fr", "fais une vidéo d'une plage", "ajoute un sous-titre disant Joyeux anniversaire",
     ("Joyeux anniversaire", "#ffffff")),
    ("de", "Mach mir ein Video von einem Strand",
     "füge einen Untertitel mit der Aufschrift Alles Gute hinzu", ("Alles Gute", "#ffffff")),
    ("zh-Hans", "帮我做一个海边的视频", "加一个字幕写着生日快乐", ("生日快乐", "#ffffff")),
    ("ja", "海辺の動画を作って", "字幕にお誕生日おめでとうと書いて",
     ("お誕生日おめでとう", "#ffffff")),
    # Korean: "자막에 X라고" (in the caption) as "자막을 X라고"; its "라고" joins no second edit.
    ("ko", "바다 영상 만들어줘", "자막에 안녕하세요라고 넣어줘", ("안녕하세요", "#ffffff")),
    ("ko", "바다 영상 만들어줘", "자막에 좋은 하루라고 넣어줘", ("좋은 하루", "#ffffff")),
    ("ko", "바다 영상 만들어줘", "자막을 좋은 하루라고 넣어줘", ("좋은 하루", "#ffffff")),
])
def test_the_text_after_saying_is_the_caption(api: Api, lang: str, make: str, ask: str,
                                              caption: tuple[str, str]) -> None:
    token, sid, _ = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert [(t, c.lower()) for t, _, c in _captions(state)] == [caption]
    # Adding a caption alone is a silent edit (the client names it from the draft); with its
    # colour, both are said.
    assert text == ("" if caption[1] == "#ffffff" else
                    "📝 Adicionei a legenda “Parabéns Ana!” (0–10 s).\n"
                    "✅ Feito: as legendas passaram de branco para amarelo.")


# -- trial #10 and #13: one outcome for a look asked in two parts; wording ---------------------

def test_captions_asked_yellow_at_the_top_are_added_so_and_said_once(api: Api) -> None:
    token, sid, _ = api.project("en", "a video of a lake at dawn")
    text, state = api.say(token, sid, "can u make the captions yellow and put them at the top")
    assert {(pos, color) for _, pos, color in _captions(state)} == {("top", "#ffe14d")}
    assert "nothing changed" not in text
    assert text.startswith("✅ Done: a caption added")
    assert "at the top" in text
    assert "yellow" in text
    text, state = api.say(token, sid, "make the video 6 seconds")
    assert state["draft"]["d"] == 6000
    assert "every clip was shortened in proportion" in text


def test_chinese_replies_name_the_music_in_chinese(api: Api) -> None:
    token, sid, state = api.project("zh-Hans", "给我的奶茶店做个宣传视频")
    text, _ = api.say(token, sid, "现在的时间线是什么样")
    assert _track(state, "BGM")["sg"][0]["m"]["name"] == "Lo-fi"  # type: ignore[index]
    assert "背景音乐：舒缓轻音乐" in text
    assert "Lo-fi" not in text
    text, _ = api.say(token, sid, "换成欢快的音乐")
    assert "“轻快节奏”" in text
    assert "Upbeat" not in text


# -- trial 11 #1: "captions white, and remove the background" is the captions' box ------------

@pytest.mark.parametrize(("lang", "made", "ask", "said"), [
    ("ja", ("この台本で動画を作って：朝の駅。電車が来ます。",), "字幕を白にして、背景を消して",
     "字幕の後ろの背景を削除"),
    # The kana "けして" is the same verb; it once added a caption reading "白" and said the
    # box was "already so".
    ("ja", ("この台本で動画を作って：朝の駅。電車が来ます。",), "字幕を白に、背景をけして",
     "字幕の後ろの背景を削除"),
    ("ja", ("この台本で動画を作って：朝の駅。電車が来ます。",), "字幕は白で背景なしにして",
     "字幕の後ろの背景を削除"),
    ("zh-Hans", ("帮我做一个海边的视频", "加字幕"), "字幕改成白色，去掉背景", "背景"),
    ("ko", ("해운대 해변 영상 만들어줘", "자막 넣어줘"), "자막 흰색으로 하고 배경 없애줘", "배경"),
    ("en", ("a video of a lake at dawn", "add captions"),
     "make the captions white and remove the background", "removed the box behind the captions"),
    ("es", ("hazme un video de una playa", "ponle subtítulos"),
     "pon los subtítulos en blanco y quita el fondo", "recuadro"),
    ("fr", ("fais une vidéo d'une plage", "ajoute des sous-titres"),
     "mets les sous-titres en blanc et enlève le fond", "cadre"),
    ("de", ("Mach mir ein Video von einem Strand", "füge Untertitel hinzu"),
     "mach die Untertitel weiß und entferne den Hintergrund", "Kasten"),
])
def test_captions_white_without_their_box_keep_every_caption(
        api: Api, lang: str, made: tuple[str, ...], ask: str, said: str) -> None:
    token, sid, _ = api.project(lang, *made)
    # Yellow first, so that "white" is a change to see.
    _, before = api.say(token, sid, {"ja": "字幕を黄色にして", "zh-Hans": "字幕改成黄色",
                                     "ko": "자막 노란색으로 해줘", "en": "make the captions yellow",
                                     "es": "pon los subtítulos en amarillo",
                                     "fr": "mets les sous-titres en jaune",
                                     "de": "mach die Untertitel gelb"}[lang])
    texts = [t for t, _, c in _captions(before) if c.lower() == "#ffe14d"]
    assert texts
    assert len(texts) == len(_captions(before))
    text, state = api.say(token, sid, ask)
    assert [t for t, _, _ in _captions(state)] == texts  # none deleted, none added
    track = _track(state, "Captions")
    assert track is not None
    assert {(s["m"]["color"].lower(), s["m"].get("box", True)) for s in track["sg"]} == {
        ("#ffffff", False)}
    assert said in text


# -- trial 11 #5: "no music, only the narrator" does both ---------------------------------------

def _voice(state: dict[str, Any]) -> list[tuple[str, float]]:
    track = _track(state, "Narration")
    return [(s["m"]["text"], float(s["m"].get("vol", 1.0))) for s in (track or {"sg": []})["sg"]]


@pytest.mark.parametrize(("lang", "make", "ask", "said"), [
    # No narration yet: the music goes and a narrator reads (the subject: there is no script),
    # the reply says both. "nur mit Sprecher" was read as "no narrator", "ohne Musik" dropped.
    ("de", "ein Video von einem Wanderer in den Alpen", "ohne musik, nur mit sprecher",
     ("Die Hintergrundmusik ist entfernt.",
      "Sprecherstimme hinzugefügt: „Wanderer in den Alpen.“")),
    ("es", "un video de un bosque en otoño", "solo con narrador, sin música",
     ("música", "«Bosque en otoño.»")),
    # A narrated script: the narration stays as it is (never muted), the music goes.
    ("en", "a calm video with this narration: Breathe in slowly. Now breathe out.",
     "no music, just the narrator", ("Removed the background music.", "already")),
    ("ja", "この台本で動画を作って：朝の駅。電車が来ます。", "音楽なしで、ナレーションだけにして",
     ("BGMを削除しました", "")),
])
def test_no_music_only_the_narrator_does_both(api: Api, lang: str, make: str, ask: str,
                                              said: tuple[str, str]) -> None:
    token, sid, before = api.project(lang, make)
    assert _track(before, "BGM") is not None
    text, state = api.say(token, sid, ask)
    assert _track(state, "BGM") is None
    voice = _voice(state)
    assert voice
    assert all(vol > 0 for _, vol in voice)
    if _voice(before):
        assert voice == _voice(before)  # read as it was, not muted nor read again
    for line in said:
        assert line in text


# -- trial 11 #7: edit verbs typed without accents ------------------------------------------------

@pytest.mark.parametrize(("lang", "make", "ask", "gone", "said"), [
    # "enleve" once asked which music to use instead, and changed nothing.
    ("fr", "une vidéo d'un coucher de soleil sur la mer", "enleve la musique", "BGM",
     "J'ai enlevé la musique de fond."),
    ("fr", "une vidéo d'un coucher de soleil sur la mer", "desactive la musique", "BGM",
     "J'ai enlevé la musique de fond."),
    # (a silent edit: the client names it from the draft)
    ("fr", "une vidéo d'un coucher de soleil sur la mer", "enleve le titre", "Title", ""),
    ("es", "un video de un bosque en otoño", "quitale la musica", "BGM",
     "He quitado la música de fondo."),
    ("pt", "um vídeo de uma praia", "retire a musica", "BGM", "Removi a música de fundo."),
])
def test_edit_verbs_without_accents_are_understood(api: Api, lang: str, make: str, ask: str, *,
                                                   gone: str, said: str) -> None:
    token, sid, before = api.project(lang, make)
    assert _track(before, gone) is not None
    text, state = api.say(token, sid, ask)
    assert _track(state, gone) is None
    assert said in text
    assert _scene_styles(state) == _scene_styles(before)


# -- trial 11 #8: common edits put as questions or in few words -------------------------------

@pytest.mark.parametrize(("lang", "make", "ask", "said", "after"), [
    # Once "The title is “Sunset at the Beach” (0–3 s)", nothing changed.
    ("en", "a video of a sunset at the beach", "can the title be pink?",
     "the title changed from white to pink", ("color", "#ff7eb6")),
    # "字" (the letters) once was not understood: "沒有理解".
    ("zh-Hant", "幫我做一支台北夜市的影片", "字大一點", "標題放大（畫面高度的 8% → 10%）",
     ("size", 0.1)),
    ("zh-Hant", "幫我做一支台北夜市的影片", "字可以大一點嗎 我眼睛不好",
     "標題放大（畫面高度的 8% → 10%）", ("size", 0.1)),
    ("zh-Hans", "给我的奶茶店做个宣传视频", "字太小了看不清", "标题放大", ("size", 0.1)),
])
def test_a_look_asked_in_few_words_is_made(api: Api, lang: str, make: str, ask: str, *, said: str,
                                           after: tuple[str, object]) -> None:
    token, sid, before = api.project(lang, make)
    text, state = api.say(token, sid, ask)
    assert said in text
    title = _track(state, "Title")
    assert title is not None
    key, value = after
    assert title["sg"][0]["m"][key] == value
    assert title["sg"][0]["m"]["text"] == _track(before, "Title")["sg"][0]["m"]["text"]  # type: ignore[index]


@pytest.mark.parametrize(("lang", "make", "ask", "said"), [
    # Once "No he entendido «mejor q sea de 15 segundos»".
    ("es", "hazme un video de una playa al amanecer, 20 segundos", "mejor q sea de 15 segundos",
     "El vídeo dura ahora 15 s"),
    ("pt", "um vídeo de uma praia, 20 segundos", "melhor que seja de 15 segundos",
     "15 s"),
])
def test_a_length_said_alone_is_the_videos(api: Api, lang: str, make: str, ask: str,
                                           said: str) -> None:
    token, sid, before = api.project(lang, make)
    assert before["draft"]["d"] == 20000
    text, state = api.say(token, sid, ask)
    assert state["draft"]["d"] == 15000
    assert said in text
    # Words that are no length stay no edit: nothing changes.
    _, same = api.say(token, sid, "que sea de noche" if lang == "es" else "que seja de noite")
    assert same["draft"] == state["draft"]


# -- trial 11 #11: another voice keeps the captions the user added ------------------------------

def _caption_texts(state: dict[str, Any]) -> list[str]:
    track = _track(state, "Captions")
    return [str(s["m"]["text"]) for s in (track or {"sg": []})["sg"]]


@pytest.mark.parametrize(("lang", "make", "add", "voice", "said"), [
    ("ja", "会社の研修用に短い動画を作りたいです。ナレーション付きで：朝、駅は人でいっぱいです。"
     "電車が来ます。みんな会社に向かいます。", "字幕「ようこそ」を追加して",
     "ナレーションを女性の声にできますか？", "ナレーションを女性の声にして読み直し"),
    ("en", "a video of a lighthouse at dusk with a voice-over", "add a caption saying Welcome",
     "use a female voice", "female voice"),
], ids=["ja", "en"])
def test_another_voice_keeps_the_users_captions(api: Api, lang: str, make: str, add: str, *,
                                                voice: str, said: str) -> None:
    token, sid, _ = api.project(lang, make, add)
    _, before = api.say(token, sid, {"ja": "字幕を見せて", "en": "show the captions"}[lang])
    own = {"ja": "ようこそ", "en": "Welcome"}[lang]
    captions = _caption_texts(before)
    assert own in captions
    assert len(captions) >= 2  # the narration's lines and the user's
    text, state = api.say(token, sid, voice)
    assert said in text
    assert _voice(state) != []
    assert _caption_texts(state) == captions
    # The user's caption where it was; the line's caption never drawn over it.
    track = _track(state, "Captions")
    assert track is not None
    spans = sorted((int(s["s"]), int(s["s"]) + int(s["d"]), s["m"].get("pos", "bottom"))
                   for s in track["sg"])
    assert all(end <= start or pos != other  # one after the other, or one at the top
               for (_, end, pos), (start, _, other) in itertools.pairwise(spans))
    old = next(s for s in _track(before, "Captions")["sg"] if s["m"]["text"] == own)  # type: ignore[index]
    new = next(s for s in track["sg"] if s["m"]["text"] == own)
    assert (new["s"], new["d"]) == (old["s"], old["d"])


# -- a length of a minute or more is said in minutes -------------------------------------------

@pytest.mark.parametrize(("lang", "make", "made", "ask", "said"), [
    ("en", "make a 5 minute video of a forest", "Creating a 5-minute calm video",
     "make it 90 seconds", "The video is now 1 min 30 s long"),
    ("de", "Mach ein 5 Minuten Video vom Wald", "(ruhig, 5 Minuten, 16:9)",
     "Mach das Video 90 Sekunden lang", "Das Video ist jetzt 1 min 30 s lang"),
    ("es", "hazme un video de 5 minutos de un bosque", "vídeo tranquilo de 5 minutos",
     "cambia la duración a 90 segundos", "El vídeo dura ahora 1 min 30 s"),
    ("fr", "fais une vidéo de 5 minutes d'une forêt", "vidéo calme de 5 minutes",
     "la vidéo doit durer 90 secondes", "La vidéo dure maintenant 1 min 30 s"),
    ("pt", "faz um vídeo de 5 minutos de uma floresta", "vídeo calmo de 5 minutos",
     "mude a duração para 90 segundos", "O vídeo agora tem 1 min 30 s"),
    ("ja", "森の動画を5分で作って", "5分の穏やかな動画", "長さを90秒にして",
     "動画の長さを1分30秒にしました"),
    ("ko", "숲 영상 5분짜리 만들어줘", "5분짜리 잔잔한 영상", "길이를 90초로 바꿔줘",
     "영상 길이를 1분 30초로 바꾸고"),
    ("zh-Hans", "做一个5分钟的森林视频", "一段5分钟的舒缓视频", "把时长改成90秒",
     "视频时长已改为1分30秒"),
    ("zh-Hant", "做一支5分鐘的森林影片", "一段5分鐘的舒緩影片", "把時長改成90秒",
     "影片時長已改為1分30秒"),
])
def test_a_length_of_minutes_is_said_in_minutes(api: Api, lang: str, make: str, *, made: str,
                                                ask: str, said: str) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, make)
    assert state["draft"]["d"] == 300_000
    assert made in text, text
    assert "300" not in text
    text, state = api.say(token, sid, ask)
    assert state["draft"]["d"] == 90_000
    assert said in text, text
    assert "90" not in text


# -- a setting said after a refused length or format waits with the refused request ------------

@pytest.mark.parametrize(("lang", "refused", "setting", "said", "fixed", "size"), [
    ("en", "make a 20 minute video about tea", "add captions",
     "The video about “tea” still needs a length from 1 s to 10 min", "20 seconds",
     (20_000, 1920)),
    ("en", "a 4:3 video of a cat", "add captions",
     "The video about “cat” still needs a format I can make", "9:16", (10_000, 1080)),
    ("de", "Mach ein 20 Minuten Video über Tee", "mit Untertiteln",
     "Dem Video über „Tee“ fehlt noch eine Länge", "20 Sekunden", (20_000, 1920)),
    ("ja", "お茶の動画を20分で作って", "字幕をつけて",
     "「お茶」の動画には、まだ1秒から10分までの長さ", "20秒", (20_000, 1920)),
])
def test_a_setting_after_a_refusal_waits_for_the_refused_setting(
        api: Api, lang: str, refused: str, setting: str, *, said: str, fixed: str,
        size: tuple[int, int]) -> None:
    token, sid = api.new_user(lang)
    api.say(token, sid, refused)
    text, state = api.say(token, sid, setting)
    assert said in text, text
    assert not any(t.get("sg") for t in state.get("draft", {}).get("t", []))
    # The refused video, with the setting kept and the one it lacked: never asked its subject.
    text, state = api.say(token, sid, fixed)
    assert (state["draft"]["d"], state["draft"]["w"]) == size, text
    assert _captions(state), text
