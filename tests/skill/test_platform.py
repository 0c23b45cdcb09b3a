"""X-Skill-Platform detection from the install location (temporary homes only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.platform import detect_platform


def make_skill(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "SKILL.md").write_text("---\nname: x\ndescription: y\n---\n")
    return folder


@pytest.mark.parametrize(
    "relative",
    [".openclaw/skills/nemovideo", ".clawdbot/skills/nemovideo", ".clawhub/skills/nemovideo"],
)
def test_clawhub_user_dirs(tmp_path: Path, relative: str) -> None:
    skill = make_skill(tmp_path / relative)
    assert detect_platform(skill, home=tmp_path, env={}) == "clawhub"


def test_openclaw_state_dir(tmp_path: Path) -> None:
    skill = make_skill(tmp_path / "state" / "skills" / "nemovideo")
    env = {"OPENCLAW_STATE_DIR": str(tmp_path / "state")}
    assert detect_platform(skill, home=tmp_path / "home", env=env) == "clawhub"


def test_workspace_skill_installed_by_clawhub(tmp_path: Path) -> None:
    skill = make_skill(tmp_path / "ws" / "skills" / "nemovideo")
    assert detect_platform(skill, home=tmp_path / "home", env={}) == "unknown"
    (skill / ".clawhub").mkdir()
    (skill / ".clawhub" / "origin.json").write_text("{}")
    assert detect_platform(skill, home=tmp_path / "home", env={}) == "clawhub"


@pytest.mark.parametrize(
    "relative", ["home/.cursor/skills/nemovideo", "proj/.cursor/skills/nemovideo"]
)
def test_cursor_user_and_project(tmp_path: Path, relative: str) -> None:
    skill = make_skill(tmp_path / relative)
    assert detect_platform(skill, home=tmp_path / "home", env={}) == "cursor"


def test_symlinked_install_reports_the_real_location(tmp_path: Path) -> None:
    real = make_skill(tmp_path / "home" / ".cursor" / "skills" / "nemovideo")
    link = tmp_path / "elsewhere"
    link.symlink_to(real)
    assert detect_platform(link, home=tmp_path / "home", env={}) == "cursor"
    # And the other way round: a link inside a host folder to a checkout elsewhere.
    checkout = make_skill(tmp_path / "checkout")
    skills = tmp_path / "home" / ".openclaw" / "skills"
    skills.mkdir(parents=True)
    (skills / "nemovideo").symlink_to(checkout)
    assert detect_platform(checkout, home=tmp_path / "home", env={}) == "unknown"


def test_anywhere_else_is_unknown_and_override_wins(tmp_path: Path) -> None:
    skill = make_skill(tmp_path / "src" / "nemovideo")
    assert detect_platform(skill, home=tmp_path, env={}) == "unknown"
    assert detect_platform(skill, home=tmp_path, env={}, override="cursor") == "cursor"
