"""Several scenes at once, and a scene named without its place, over HTTP against a real
local backend. On main "make the last 2 scenes 3 seconds" made the whole 30-second video 3
seconds long, "最后两个场景改成3秒" changed the last scene only, "delete the last two scenes"
deleted only the last, "make the second scene 3 seconds and the third 4 seconds" dropped the
third without a word, and "make the snow scene 3 seconds" made the whole video 3 seconds."""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY, seconds
from tests.backend.local.drafts import clip_lengths as _lengths


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


FIVE = [5000] * 6  # THIRTY's six scenes


@pytest.mark.parametrize(("lang", "ask", "lengths", "said"), [
    ("en", "make the last 2 scenes 3 seconds", [5000] * 4 + [3000] * 2,
     "⏱️ Scene 5 (“beach”) is now 3 s long and scene 6 (“beach”) is now 3 s long; the other "
     "scenes are as they were, and the video is 26 s long."),
    ("en", "make the first two scenes 3 seconds each", [3000] * 2 + [5000] * 4,
     "⏱️ Scene 1 (“beach”) is now 3 s long and scene 2 (“beach”) is now 3 s long; the other "
     "scenes are as they were, and the video is 26 s long."),
    ("es", "las dos últimas escenas de 3 segundos", [5000] * 4 + [3000] * 2,
     "⏱️ La escena 5 («playa») dura ahora 3 s y la escena 6 («playa») dura ahora 3 s; las "
     "demás escenas siguen igual y el vídeo dura 26 s."),
    ("fr", "les deux dernières scènes à 3 secondes", [5000] * 4 + [3000] * 2,
     "⏱️ La scène 5 (« plage ») dure maintenant 3 s et la scène 6 (« plage ») dure maintenant "
     "3 s ; les autres scènes restent telles quelles et la vidéo dure 26 s."),
    ("de", "die letzten zwei Szenen 3 Sekunden", [5000] * 4 + [3000] * 2,
     "⏱️ Szene 5 („Strand“) ist jetzt 3 s lang und Szene 6 („Strand“) ist jetzt 3 s lang; die "
     "anderen Szenen bleiben, wie sie waren, und das Video ist 26 s lang."),
    ("pt", "as duas últimas cenas com 3 segundos", [5000] * 4 + [3000] * 2,
     "⏱️ A cena 5 (“praia”) agora tem 3 s e a cena 6 (“praia”) agora tem 3 s; as outras "
     "cenas continuam iguais e o vídeo tem 26 s."),
    ("ja", "最後の2つのシーンを3秒にして", [5000] * 4 + [3000] * 2,
     "⏱️ 5番目のシーン（「海辺」）を3秒、6番目のシーン（「海辺」）を3秒にしました。ほかのシーンは"
     "そのままで、動画は全体で26秒です。"),
    ("ko", "처음 두 장면 4초로 해줘", [4000] * 2 + [5000] * 4,
     "⏱️ 1번째 장면(“해변”) 4초, 2번째 장면(“해변”) 4초 길이로 바꿨어요. 다른 장면은 "
     "그대로이고, 영상은 모두 28초예요."),
    ("zh-Hans", "前两个场景各3秒", [3000] * 2 + [5000] * 4,
     "⏱️ 第 1 个场景（“海滩”）现在是3秒，第 2 个场景（“海滩”）现在是3秒；其他场景不变，视频现在共"
     "26秒。"),
    ("zh-Hant", "最後兩個場景改成3秒", [5000] * 4 + [3000] * 2,
     "⏱️ 第 5 個場景（「海灘」）現在是3秒，第 6 個場景（「海灘」）現在是3秒；其他場景不變，"
     "影片現在共26秒。"),
])
def test_scenes_at_one_end_get_the_length(api: Api, lang: str, ask: str, lengths: list[int],
                                          said: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text == said, text
    assert _lengths(state) == lengths
    assert seconds(state) == sum(lengths) / 1000


@pytest.mark.parametrize(("lang", "ask", "lengths"), [
    ("en", "make the second scene 3 seconds and the third 4 seconds",
     [5000, 3000, 4000, 5000, 5000, 5000]),
    ("en", "second scene 3 seconds, third scene 8 seconds", [5000, 3000, 8000, 5000, 5000, 5000]),
    ("en", "make the last scene 3 seconds and the first 8 seconds",
     [8000, 5000, 5000, 5000, 5000, 3000]),
    ("zh-Hans", "第二个场景3秒，第三个8秒", [5000, 3000, 8000, 5000, 5000, 5000]),
])
def test_each_scene_said_in_turn_gets_its_own_length(api: Api, lang: str, ask: str,
                                                     lengths: list[int]) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _lengths(state) == lengths, text
    # The reply names every scene that changed, not the first alone.
    for place, ms in enumerate(lengths, start=1):
        if ms != 5000:
            assert str(place) in text, text
            assert str(ms // 1000) in text, text


def test_two_scene_lengths_in_a_reply_read_as_english(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, _ = api.say(token, sid, "make the second scene 3 seconds and the third 4 seconds")
    assert text == ("⏱️ Scene 2 (“beach”) is now 3 s long and scene 3 (“beach”) is now 4 s long; "
                    "the other scenes are as they were, and the video is 27 s long.")


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "delete the last two scenes",
     "✂️ Removed scenes 5 (“beach”) and 6 (“beach”); the video is now 20 s long."),
    ("es", "borra las dos primeras escenas",
     "✂️ He quitado las escenas 1 («playa») y 2 («playa»); el vídeo dura ahora 20 s."),
    ("de", "lösch die letzten zwei Szenen",
     "✂️ Die Szenen 5 („Strand“) und 6 („Strand“) sind entfernt; das Video ist jetzt 20 s lang."),
    ("ja", "最後の2つのシーンを消して",
     "✂️ 5番目（「海辺」）、6番目（「海辺」）のシーンを削除しました。"
     "動画の長さは20秒になりました。"),
    ("ko", "마지막 두 장면 지워줘",
     "✂️ 5번째 장면(“해변”), 6번째 장면(“해변”)을 삭제했어요. 영상 길이는 이제 20초예요."),
    ("zh-Hant", "刪掉最後兩個場景",
     "✂️ 已刪除第 5 個場景（「海灘」）、第 6 個場景（「海灘」），影片現在長20秒。"),
])
def test_several_scenes_removed(api: Api, lang: str, ask: str, said: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert text == said, text
    assert _lengths(state) == [5000] * 4
    assert seconds(state) == 20.0


def test_removing_every_scene_changes_nothing(api: Api) -> None:
    token, sid, before = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid, "delete the first 6 scenes")
    assert text == ("That would remove every scene of the video, so nothing changed. To start "
                    "over, describe the new video.")
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "said"), [
    ("en", "make the snow scene 3 seconds",
     "Which scene should be 3 s long? Say its number (“make the second scene 3 s”) or “each "
     "scene” for all of them; nothing changed yet. The scenes: 1. beach, 2. beach, 3. beach, "
     "4. beach, 5. beach, 6. beach."),
    ("de", "mach die Strandszene 3 Sekunden",
     "Welche Szene soll 3 s lang sein? Sag ihre Nummer („die zweite Szene 3 s“) oder „jede "
     "Szene“ für alle; noch ist nichts geändert. Die Szenen: 1. Strand, 2. Strand, 3. Strand, "
     "4. Strand, 5. Strand, 6. Strand."),
    ("fr", "mets la scène de la plage à 3 secondes", None),
    ("pt", "deixa a cena da praia com 3 segundos", None),
    ("ja", "海のシーンを3秒にして", None),
    ("ko", "해변 장면을 3초로 해줘", None),
    ("zh-Hant", "海灘那個場景改成3秒", None),
])
def test_a_scene_named_without_its_place_is_asked_about(api: Api, lang: str, ask: str,
                                                       said: str | None) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    if said is not None:
        assert text == said, text
    # The scenes, numbered, to choose from.
    assert "1." in text, text
    assert "6." in text, text
    assert state["draft"] == before["draft"]


@pytest.mark.parametrize(("lang", "ask", "total"), [
    ("en", "make the video 20 seconds but keep all the scenes", 20.0),
    ("de", "mach das Video 20 Sekunden", 20.0),
    ("en", "make all scenes 3 seconds", 18.0),
])
def test_the_whole_video_and_every_scene_stay_as_they_were(api: Api, lang: str, ask: str,
                                                          total: float) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    _, state = api.say(token, sid, ask)
    assert seconds(state) == total
