"""Defects a user met in the local agent, checked over HTTP against a real local backend:
the reply the user reads and the project's length and title after the message.

- seconds added with a verb of adding ("füge 10 Sekunden hinzu", "adicione 10 segundos",
  "10秒追加して", "10초 추가해줘") were not understood or set the video to that length;
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import THIRTY
from tests.backend.local.drafts import seconds as _seconds


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


@pytest.mark.parametrize(("lang", "ask"), [
    ("de", "füge 10 Sekunden hinzu"),
    ("pt", "adicione 10 segundos"),
    ("pt", "coloca mais 10 segundos"),
    ("ja", "10秒追加して"),
    ("ko", "10초 추가해줘"),
    ("es", "agrega 10 segundos"),
    ("fr", "ajoute 10 secondes"),
    ("zh-Hans", "再加10秒"),
])
def test_seconds_added_lengthen_the_video(api: Api, lang: str, ask: str) -> None:
    token, sid, before = api.project(lang, THIRTY[lang])
    assert _seconds(before) == 30
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 40, text
    assert "40" in text, text


@pytest.mark.parametrize(("lang", "ask"), [
    ("de", "füge Musik hinzu und kürze es um 10 Sekunden"),
    ("pt", "deixa mais curto em 10 segundos"),
])
def test_an_adding_verb_beside_a_shortening_still_shortens(api: Api, lang: str,
                                                          ask: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    text, state = api.say(token, sid, ask)
    assert _seconds(state) == 20, text
