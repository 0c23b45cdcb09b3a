"""A voice's sex named in chat is a narrator asked for only in talk of a voice (trial 12):
"que primero se lo enseño a mi mujer", "ich muss erst meinen Mann fragen", "je dois le
montrer à ma femme" mention the user's spouse, and the video stays as it was (the reply says
nothing changed); "usa una voz de mujer", "mit Frauenstimme", "换成女声" still add a narrator
with that voice. Over HTTP against a real local backend, in the nine languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


#: A first video per language, to talk about.
_VIDEO = {"en": "make a video of a beach", "zh-Hans": "做一个海滩的视频",
          "zh-Hant": "做一個海灘的影片", "es": "haz un vídeo de una playa",
          "fr": "fais une vidéo d'une plage", "de": "mach ein Video von einem Strand",
          "pt": "faça um vídeo de uma praia", "ja": "海辺の動画を作って",
          "ko": "해변 영상 만들어줘"}

#: How each language's reply says that nothing changed.
_NOTHING = {"en": "nothing changed", "zh-Hans": "没有做任何改动", "zh-Hant": "沒有做任何改動",
            "es": "no he cambiado nada", "fr": "rien n'a changé", "de": "nichts geändert",
            "pt": "nada foi alterado", "ja": "何も変更していません",
            "ko": "아무것도 바꾸지 않았어요"}


def _names(state: dict[str, Any]) -> list[str]:
    return [str(t.get("n")) for t in state["draft"]["t"]]


@pytest.mark.parametrize(("lang", "message"), [
    # The trial's messages …
    ("es", "Vale, no lo mandes todavía, que primero se lo enseño a mi mujer."),
    ("de", "Moment, noch nicht abschicken, ich muss erst meinen Mann fragen, ob ihm die "
           "Farben gefallen."),
    ("fr", "ne l'envoyez pas encore, je dois le montrer à ma femme"),
    ("de", "noch nicht schicken, meine Frau soll es erst sehen"),
    # … and the same kind in the other languages: a person who is a woman or a man.
    ("en", "don't send it yet, I want to show my wife first, she's a woman of taste"),
    ("pt", "não manda ainda, vou mostrar pra minha mulher"),
    ("es", "espera, mi hombre tiene que verlo primero"),
    ("fr", "attendez, mon homme doit le voir d'abord"),
    ("zh-Hans", "先别发，我要先给我老婆看看，她是女的"),
    ("zh-Hant", "先不要傳，我要給男的同事看一下"),
    ("ja", "まだ送らないで、男性の上司に見せたいので"),
    ("ko", "아직 보내지 마세요, 여자 친구한테 먼저 보여줄게요"),
])
def test_a_spouse_or_person_named_in_chat_adds_no_narrator(api: Api, lang: str,
                                                          message: str) -> None:
    token, sid = api.new_user(lang)
    _, before = api.say(token, sid, _VIDEO[lang])
    reply, after = api.say(token, sid, message)
    assert "Narration" not in _names(after), (reply, _names(after))
    assert "Captions" not in _names(after), (reply, _names(after))
    assert after["draft"] == before["draft"], reply
    assert _NOTHING[lang] in reply, reply
    assert not reply.startswith("✅"), reply


@pytest.mark.parametrize(("lang", "message", "variant"), [
    ("en", "make the narrator a woman", "female"),
    ("en", "add a female voice-over", "female"),
    ("zh-Hans", "换成女声", "female"),
    ("zh-Hant", "改成男聲", "male"),
    ("es", "usa una voz de mujer", "female"),
    ("fr", "mets une voix de femme", "female"),
    ("de", "mit Frauenstimme bitte", "female"),
    ("de", "eine Frau soll es vorlesen", "female"),
    ("pt", "põe uma voz de mulher", "female"),
    ("ja", "女性の声にして", "female"),
    ("ko", "여자 목소리로 바꿔줘", "female"),
])
def test_a_voice_asked_by_its_sex_still_adds_that_narrator(api: Api, lang: str, message: str,
                                                          variant: str) -> None:
    token, sid = api.new_user(lang)
    api.say(token, sid, _VIDEO[lang])
    reply, after = api.say(token, sid, message)
    assert reply.startswith("✅"), reply
    voice = next(t for t in after["draft"]["t"] if t.get("n") == "Narration")
    assert voice["sg"], after["draft"]
    assert all(sg["m"].get("variant") == variant for sg in voice["sg"]), voice["sg"]
