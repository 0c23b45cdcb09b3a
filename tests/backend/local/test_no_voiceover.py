"""A prompt that asks for no voice-over ("…, no voice-over", "sin narración") gets a video
about its subject without narration, and the words that asked for it are no part of that
subject (a newcomer got "knight riding a horse to a castle in the snow, no" as the subject,
title and, once a voice-over was added, the spoken words)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.local.conftest import Api


@pytest.fixture
def api(module_api: Api) -> Api:
    return module_api


def _titles(state: dict[str, Any]) -> list[str]:
    return [str(t["sg"][0]["m"].get("text", "")) for t in state["draft"]["t"]
            if t.get("n") == "Title"]


@pytest.mark.parametrize(("lang", "prompt", "subject", "leftover"), [
    ("en", "a 6 second video of a knight riding to a castle in the snow, no voice-over",
     "“knight riding to a castle in the snow”", "no"),
    ("en", "make a 6 second video of the sea without a voice-over", "“sea”", "without"),
    ("es", "haz un vídeo de 6 segundos del mar sin narración", "«mar»", "sin"),
    ("fr", "fais une vidéo de 6 secondes de la mer sans narration", "« mer »", "sans"),
    ("pt", "faça um vídeo de 6 segundos do mar sem narração", "“mar”", "sem"),
    ("de", "Mach ein 6-Sekunden-Video vom Meer ohne Sprecher", "Meer“", "ohne"),
])
def test_no_voice_over_is_said_of_the_video_not_of_its_subject(
        api: Api, lang: str, prompt: str, subject: str, leftover: str) -> None:
    token, sid = api.new_user(lang)
    reply, state = api.say(token, sid, prompt)
    first = reply.split("\n", 1)[0]
    assert subject in first, first
    assert all(t.get("n") != "Narration" for t in state["draft"]["t"])
    for title in _titles(state):
        assert leftover not in title.casefold().split(), title
