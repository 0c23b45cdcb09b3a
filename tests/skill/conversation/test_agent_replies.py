"""What a user reads after requests a newcomer made, through the whole runtime against a real
local backend: the draft after the message and the reply, in the user's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.local.runner import LocalBackend
from router.language import base_language, detect_locale
from skill.conversation import Conversation
from tests.backend.local.conftest import FakeRenderer
from tests.skill.conversation.conftest import Harness, fast_options, say, texts


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[LocalBackend]:
    with LocalBackend.start(tmp_path / "backend",
                            options=fast_options(renderer=FakeRenderer())) as lb:
        yield lb


async def _draft(convo: Conversation) -> dict[str, Any]:
    return dict((await convo.client.state()).draft)


def _track(draft: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in draft["t"] if t.get("n") == name), None)


def _in(reply: str, lang: str) -> bool:
    return base_language(detect_locale(reply)) == base_language(lang)


@pytest.mark.parametrize(("lang", "prompt", "ask", "role", "text"), [
    ("ko", "고양이 영상을 만들어 줘", "제목을 바다 고양이로 바꿔 줘", "Title", "바다 고양이"),
    ("ko", "고양이 영상을 만들어 줘", "제목은 항구의 밤으로 해 줘", "Title", "항구의 밤"),
    ("ko", "고양이 영상을 만들어 줘", "자막을 안녕하세요로 바꿔 줘", "Captions", "안녕하세요"),
    ("ja", "猫の動画を作って", "タイトルを海の猫に変えて", "Title", "海の猫"),
    ("ja", "猫の動画を作って", "タイトルを夜の港にして", "Title", "夜の港"),
])
async def test_a_new_text_before_its_particle_in_korean_and_japanese(
        harness: Harness, lang: str, prompt: str, ask: str, *, role: str, text: str) -> None:
    # Found by a newcomer: "제목을 고양이로 바꿔 줘" set the title to "바꿔".
    async with harness.open() as convo:
        await say(convo, prompt)
        reply = texts(await say(convo, ask))
        track = _track(await _draft(convo), role)
    assert track is not None
    assert [sg["m"]["text"] for sg in track["sg"]] == [text]
    assert text in reply
    assert _in(reply, lang), reply
