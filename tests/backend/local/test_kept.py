"""Settings said before the subject, on an empty project: kept, named back in the user's
language, the subject asked for, and applied when it comes (never a video about the
settings' own words). Over real sockets, against the local backend."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _texts(draft: dict[str, Any], tt: int) -> list[str]:
    return [str(sg["m"].get("text", "")) for t in draft["t"] if t["tt"] == tt
            for sg in t["sg"]]


def _captions(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [sg for t in draft["t"] if t.get("n") == "Captions" for sg in t["sg"]]


#: A message giving only a length and a caption per sentence; what the reply names back
#: (the length and the captions, in the user's words); then a subject.
ONLY_SETTINGS = [
    ("de", "Mach das Video 30 Sekunden lang und füge Untertitel für jeden Satz hinzu",
     ("30 Sekunden", "Untertitel für jeden Satz", "Worum soll es im Video gehen?"),
     "Hunde am Strand"),
    ("en", "Make the video 30 seconds long and add captions for every sentence",
     ("30 s long", "a caption for each sentence", "what should the video be about?"),
     "dogs on the beach"),
    ("es", "Haz el video de 30 segundos y añade subtítulos para cada frase",
     ("30 s", "un subtítulo para cada frase", "¿de qué debe tratar el vídeo?"),
     "perros en la playa"),
    ("fr", "Fais la vidéo de 30 secondes et ajoute des sous-titres pour chaque phrase",
     ("durée de 30 s", "un sous-titre pour chaque phrase", "de quoi doit parler la vidéo ?"),
     "des chiens sur la plage"),
    ("pt", "Faça o vídeo com 30 segundos e adicione legendas para cada frase",
     ("30 s", "uma legenda para cada frase", "sobre o que deve ser o vídeo?"),
     "cachorros na praia"),
    ("ja", "動画を30秒にして、各文に字幕をつけて",
     ("30秒", "一文ごとの字幕", "何についての動画にしますか？"), "ビーチの犬"),
    ("ko", "영상을 30초로 만들고 문장마다 자막을 넣어줘",
     ("30초", "문장마다 자막", "어떤 내용의 영상으로 만들까요?"), "해변의 강아지"),
    ("zh-Hans", "把视频做成30秒，每句话都加上字幕",
     ("30秒", "每句话一条字幕", "视频要讲什么？"), "海边的小狗"),
    ("zh-Hant", "把影片做成30秒，每句話都加上字幕",
     ("30秒", "每句話一條字幕", "影片要講什麼？"), "海邊的小狗"),
]


@pytest.mark.parametrize(("lang", "message", "named", "subject"), ONLY_SETTINGS,
                         ids=[case[0] for case in ONLY_SETTINGS])
def test_settings_without_a_subject_are_kept_and_the_subject_is_asked(
        api: Api, lang: str, message: str, named: tuple[str, ...], subject: str) -> None:
    token, sid = api.new_user(lang)
    before = api.credits(token)["available"]
    text, state = api.say(token, sid, message)
    for words in named:
        assert words in text
    # Nothing made, nothing charged: no video about "jeden Satz hinzu".
    assert state["draft"]["t"] == []
    assert not state["draft"]["d"]
    assert api.credits(token)["available"] == before

    text, state = api.say(token, sid, subject)
    draft = state["draft"]
    assert draft["d"] == 30_000
    assert named[1] in text  # the reply says the kept settings were used
    scenes = next(t for t in draft["t"] if t["tt"] == 0)["sg"]
    assert all(subject.rsplit(maxsplit=1)[-1] in sg["m"]["desc"] for sg in scenes)
    captions = _captions(draft)
    assert captions
    assert all(subject.rsplit(maxsplit=1)[-1] in sg["m"]["text"] for sg in captions)


#: Music, format, style and voice with no subject, in several languages.
OTHER_SETTINGS = [
    ("en", "Make a vertical video with upbeat music", ("9:16", "upbeat music")),
    ("en", "Make a cinematic video in 9:16 with a female voice-over",
     ("9:16", "cinematic style", "a female voice-over")),
    ("de", "Mach ein Video im Hochformat mit fröhlicher Musik", ("9:16", "fröhliche Musik")),
    ("de", "Mach ein filmisches Video mit Sprecherstimme",
     ("filmischer Stil", "eine Sprecherstimme")),
    ("es", "Hazme un video vertical con música alegre", ("9:16", "música alegre")),
    ("fr", "Fais une vidéo verticale avec de la musique joyeuse",
     ("9:16", "musique joyeuse")),
    ("ja", "縦型で明るい音楽の動画を作って", ("9:16", "音楽（明るい）")),
    ("ko", "세로로 신나는 음악 넣어서 영상 만들어줘", ("9:16", "음악(경쾌함)")),
    ("zh-Hans", "做一个竖屏的视频，配上欢快的音乐", ("9:16", "欢快的音乐")),
    ("es", "Quiero un video de 20 segundos con subtítulos", ("20 s de duración", "subtítulos")),
    ("fr", "Je veux une vidéo de 20 secondes avec des sous-titres",
     ("durée de 20 s", "des sous-titres")),
    ("pt", "Quero um vídeo de 20 segundos com legendas", ("20 s de duração", "legendas")),
    ("ko", "20초짜리 세로 영상 만들어줘", ("길이 20초", "9:16")),
    ("zh-Hant", "幫我做一支20秒的直式影片", ("長度20秒", "9:16")),
]


@pytest.mark.parametrize(("lang", "message", "named"), OTHER_SETTINGS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(OTHER_SETTINGS)])
def test_music_format_style_and_voice_alone_are_kept_not_made_into_a_subject(
        api: Api, lang: str, message: str, named: tuple[str, ...]) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, message)
    assert state["draft"]["t"] == []
    for words in named:
        assert words in text


def test_kept_format_and_music_apply_to_the_video_made_next(api: Api) -> None:
    token, sid = api.new_user("de")
    api.say(token, sid, "Mach ein Video im Hochformat mit fröhlicher Musik")
    text, state = api.say(token, sid, "Mach ein Video über einen Leuchtturm im Sturm")
    draft = state["draft"]
    assert (draft["w"], draft["h"], draft["ratio"]) == (1080, 1920, "9:16")
    assert "schwungvoll" in text  # the upbeat style the cheerful music asks for
    assert _texts(draft, 7)[0] == "Leuchtturm im Sturm"


def test_settings_given_one_by_one_add_up(api: Api) -> None:
    token, sid = api.new_user("en")
    api.say(token, sid, "make it vertical")
    text, state = api.say(token, sid, "add captions")
    assert "9:16 format, captions" in text
    assert state["draft"]["t"] == []
    _, state = api.say(token, sid, "a video of dogs at the beach")
    assert state["draft"]["ratio"] == "9:16"
    assert _captions(state["draft"])


@pytest.mark.parametrize("message", ["a video about love", "Make a video of a landscape",
                                     "Make a video about a calm lake", "a video about music",
                                     "make a video about upbeat music"])
def test_a_subject_that_shares_words_with_settings_is_still_a_subject(
        api: Api, message: str) -> None:
    token, sid = api.new_user("en")
    _, state = api.say(token, sid, message)
    assert state["draft"]["d"] == 10_000


def test_a_kept_length_the_agent_cannot_make_is_refused_not_kept(api: Api) -> None:
    token, sid = api.new_user("en")
    text, state = api.say(token, sid, "make the video 20 minutes long and add captions")
    assert text == ("I can't make a 20-minute video: videos can be 1 s to 600 s (10 min) long. "
                    "Nothing changed; say e.g. “make it 20 seconds”.")
    assert state["draft"]["t"] == []


#: A new video asked for with captions: the captions are made with it, the caption words
#: stay out of its subject and title, and the reply names them.
WITH_CAPTIONS = [
    ("en", "a video of a city at night with captions", "City at Night", "and captions"),
    ("en", "make a video about dogs on the beach with captions", "Dogs on the Beach",
     "and captions"),
    ("de", "Mach ein Video über Hunde am Strand mit Untertiteln für jeden Satz",
     "Hunde am Strand", "und Untertitel"),
    ("fr", "une vidéo d'une ville la nuit avec des sous-titres", "Ville la nuit",
     "et des sous-titres"),
    ("ja", "夜の街の動画を字幕付きで作って", "夜の街", "と字幕"),
    ("ko", "밤의 도시 영상 자막 넣어서 만들어줘", "밤의 도시", "자막을 넣었어요"),
    ("zh-Hans", "做一个夜晚城市的视频，带字幕", "夜晚城市", "和字幕"),
]


@pytest.mark.parametrize(("lang", "message", "title", "said"), WITH_CAPTIONS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(WITH_CAPTIONS)])
def test_a_new_video_asked_with_captions_has_them(api: Api, lang: str, message: str,
                                                   title: str, said: str) -> None:
    token, sid = api.new_user(lang)
    text, state = api.say(token, sid, message)
    draft = state["draft"]
    titles = [sg["m"]["text"] for t in draft["t"] if t.get("n") == "Title" for sg in t["sg"]]
    assert titles == [title]
    assert _captions(draft)
    assert said in text
