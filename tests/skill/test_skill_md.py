"""The SKILL.md bodies tell host agents how to call the runtime: those commands must work."""

from __future__ import annotations

import re
import shlex

import pytest

from skill.cli.main import build_parser
from skill.identity import bundled_root, find_skill, list_variants
from skill.loader import load_skill

SKILLS = [None, *list_variants()]


def commands(body: str) -> list[list[str]]:
    """The launcher command lines in the body's shell blocks, placeholders filled in: the
    arguments after ``scripts/nemoskill`` (the launcher adds ``--skill <its folder>``)."""
    found = []
    for block in re.findall(r"```bash\n(.*?)```", body, flags=re.S):
        for raw in block.splitlines():
            if "nemoskill" not in raw:
                continue
            line = raw.replace("<skill folder>", str(bundled_root()))
            line = re.sub(r"\[--attach[^\]]*\]", "--attach clip.mp4", line)
            line = line.replace("<the user's message>", "make it brighter")
            argv = shlex.split(line)
            launcher = next(a for a in argv if a.endswith("nemoskill"))
            assert launcher.endswith("scripts/nemoskill"), raw
            found.append(argv[argv.index(launcher) + 1:])
    return found


@pytest.mark.parametrize("name", SKILLS)
def test_body_commands_parse_with_the_cli(name: str | None) -> None:
    skill = load_skill(find_skill(name))
    argvs = commands(skill.body)
    assert argvs, "the body must show the say command"
    parser = build_parser()
    for argv in argvs:
        args = parser.parse_args(argv)
        assert args.command == "say"
        assert args.text == "make it brighter"
        assert args.attach == ["clip.mp4"]


@pytest.mark.parametrize("name", SKILLS)
def test_body_needs_no_placeholder_substitution(name: str | None) -> None:
    # No host substitutes {baseDir} (OpenClaw, ClawHub) and Claude Code only ${CLAUDE_SKILL_DIR}.
    skill = load_skill(find_skill(name))
    assert "{baseDir}" not in skill.body
    assert '"~/' not in skill.body.replace('"~/…"', "")  # a quoted ~ is never expanded


@pytest.mark.parametrize("name", SKILLS)
def test_description_fits_compact_prompts(name: str | None) -> None:
    # OpenClaw's compact prompt mode keeps 220 characters; ours stay under 200, capability first.
    description = load_skill(find_skill(name)).description
    assert len(description) <= 200
    first = description.split(":")[0].lower()
    assert "video" in first


@pytest.mark.parametrize("name", SKILLS)
def test_body_is_short_and_names_no_secrets(name: str | None) -> None:
    skill = load_skill(find_skill(name))
    assert len(skill.body.splitlines()) < 500
    assert "nmv_" not in skill.body
    assert "mega-api-prod" not in skill.body  # hosts must not call the API themselves
