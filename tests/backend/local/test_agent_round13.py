"""Regressions a review found in the local agent's handling of titles and lengths, checked
over HTTP against a real local backend: the reply the user reads (in their language) and the
project's state after it.

- a title's own "and" cut its text ("change the title to Love and More" set "Love");
"""

from __future__ import annotations

import pytest

from tests.backend.local.conftest import Api
from tests.backend.local.drafts import track as _track


@pytest.fixture
def api(module_api: Api) -> Api:
    """One backend for the module: every test makes its own account and session."""
    return module_api


#: A 30-second video, asked for in each language.
THIRTY = {"en": "a 30 second video of a beach",
          "es": "hazme un video de 30 segundos de una playa",
          "fr": "fais une vidéo de 30 secondes sur une plage",
          "de": "mach ein 30 Sekunden Video von einem Strand",
          "pt": "faz um vídeo de 30 segundos de uma praia",
          "ja": "海辺の30秒の動画を作って",
          "ko": "해변 30초 영상 만들어 줘",
          "zh-Hans": "做一个30秒的海滩视频"}


def _seconds(state: dict[str, object]) -> float:
    draft = state["draft"]
    assert isinstance(draft, dict)
    return int(draft["d"]) / 1000


def _title(state: dict[str, object]) -> str:
    title = _track(state, "Title")
    assert title is not None
    return str(title["sg"][0]["m"]["text"])


@pytest.mark.parametrize(("lang", "ask", "wanted"), [
    ("en", "change the title to Love and More", "Love and More"),
    ("en", "change the title to More and More", "More and More"),
    ("en", "change the title to Rise and Shine: 5 Minute Workout",
     "Rise and Shine: 5 Minute Workout"),
    ("en", "change the title to Bread and Butter, 5 minute recipe",
     "Bread and Butter, 5 minute recipe"),
    ("de", "ändere den Titel zu Liebe und Mehr", "Liebe und Mehr"),
])
def test_a_titles_own_and_keeps_the_whole_text(api: Api, lang: str, ask: str,
                                               wanted: str) -> None:
    token, sid, _ = api.project(lang, THIRTY[lang])
    # (the title's change shows on the canvas: the agent says nothing of its own)
    _, state = api.say(token, sid, ask)
    assert _title(state) == wanted
    assert _seconds(state) == 30


def test_a_title_then_a_length_in_a_request_of_its_own(api: Api) -> None:
    token, sid, _ = api.project("en", THIRTY["en"])
    text, state = api.say(token, sid,
                          "change the title to Tom and Jerry and cut it to 15 seconds")
    assert "Tom and Jerry" in text, text
    assert "The video is now 15 s long" in text, text
    assert _title(state) == "Tom and Jerry"
    assert _seconds(state) == 15
