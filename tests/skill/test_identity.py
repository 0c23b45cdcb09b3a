"""Which skill runs: --skill NAME|PATH resolution and the attribution headers it yields."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.errors import SkillError
from skill.config import Config
from skill.identity import Identity, bundled_root, find_skill
from skill.loader import load_skill


def test_default_is_the_root_skill() -> None:
    assert find_skill(None) == bundled_root() / "SKILL.md"


@pytest.mark.parametrize("name", ["free-generator-to", "free-video-generation-ai-model"])
def test_variant_by_name_sets_the_headers(name: str, tmp_path: Path) -> None:
    skill = load_skill(find_skill(name))
    ident = Identity.resolve(skill, Config.from_env({"HOME": str(tmp_path)}), {})
    assert ident.headers() == {
        "X-Skill-Source": name, "X-Skill-Version": "1.0.0", "X-Skill-Platform": "unknown",
    }


def test_root_skill_by_its_name_and_by_path(tmp_path: Path) -> None:
    assert find_skill("nemovideo") == bundled_root() / "SKILL.md"
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "SKILL.md").write_text("---\nname: mine\ndescription: d\n---\n")
    assert find_skill(str(folder)) == folder / "SKILL.md"
    assert find_skill(str(folder / "SKILL.md")) == folder / "SKILL.md"


def test_unknown_name_lists_the_variants() -> None:
    with pytest.raises(SkillError, match="free-generator-to"):
        find_skill("no-such-skill")


def test_platform_override_reaches_the_header(tmp_path: Path) -> None:
    config = Config.from_env({"HOME": str(tmp_path), "NEMO_PLATFORM": "clawhub"})
    ident = Identity.resolve(load_skill(find_skill(None)), config, {})
    assert ident.headers()["X-Skill-Platform"] == "clawhub"
