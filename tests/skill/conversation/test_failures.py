"""Failures as the user reads them, through the whole runtime against a real local backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.replies import Error
from tests.skill.conversation.conftest import Harness, say


@pytest.mark.parametrize(("lang", "message", "said"), [
    ("en", "generate an 8-second video about a lighthouse by the sea",
     "I can't save this project's settings in"),
    ("zh-Hans", "生成一段8秒的海边灯塔视频", "无法在"),
    ("fr", "génère une vidéo de 8 secondes sur un phare au bord de la mer",
     "Je ne peux pas enregistrer les réglages de ce projet dans"),
    ("ja", "海辺の灯台の8秒の動画を作って", "にあるこのプロジェクトの設定を保存できません"),
])
async def test_an_unusable_config_folder_is_explained_in_the_users_language(
        harness: Harness, tmp_path: Path, lang: str, message: str, said: str) -> None:
    # A file where the config folder should be (root, as CI runs, may write anywhere else).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    async with harness.open(env={"NEMO_CONFIG_DIR": str(blocker / "nemovideo")}) as convo:
        replies = await say(convo, message)
    errors = [r for r in replies if isinstance(r, Error)]
    assert len(errors) == 1
    text = errors[0].text
    assert errors[0].code == 4
    assert said in text
    assert "NEMO_CONFIG_DIR" in text
    # The OS's English words come only as the detail at the end, in brackets.
    assert "Not a directory" in text
    assert text.index("Not a directory") > text.index("NEMO_CONFIG_DIR")
    assert not text.lower().startswith("cannot")
