"""The SKILL.md bodies tell host agents how to call the runtime: those commands must work."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from skill.cli.main import build_parser
from skill.identity import find_skill, list_variants
from skill.loader import load_skill

SKILLS = [None, *list_variants()]


# What a user may type, and what a shell would change on the command line: quotes, $,
# backticks, a backslash, a line break.
HARD_MESSAGE = 'change the title to "Best $5 coffee" and `date` \\ ok\nsecond line: it\'s $HOME'
STUB = """#!/usr/bin/env python3
import json, sys
print(json.dumps({"argv": sys.argv[1:], "stdin": sys.stdin.read()}))
"""


def run_blocks(body: str, folder: Path) -> list[tuple[list[str], str]]:
    """Each shell block of the body that runs the launcher, run by bash as a host runs it,
    with ``<skill folder>`` filled in, the user's message a hard one and the launcher a stub:
    the arguments and stdin the launcher would get."""
    stub = folder / "scripts" / "nemoskill"
    stub.parent.mkdir(parents=True, exist_ok=True)
    stub.write_text(STUB, encoding="utf-8")
    stub.chmod(0o755)
    found = []
    for block in re.findall(r"```bash\n(.*?)```", body, flags=re.S):
        if "nemoskill" not in block:
            continue
        script = block.replace("<skill folder>", str(folder))
        script = re.sub(r"\[--attach[^\]]*\]", "--attach clip.mp4", script)
        script = script.replace("<the user's message>", HARD_MESSAGE)
        done = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                              timeout=30, check=True, env={"PATH": os.environ["PATH"]})
        for line in done.stdout.splitlines():
            got = json.loads(line)
            found.append((got["argv"], got["stdin"]))
    return found


@pytest.mark.parametrize("name", SKILLS)
def test_body_commands_pass_the_message_unchanged(name: str | None, tmp_path: Path) -> None:
    # Trial 14: a host that put the message inside say "…" lost `$5` and broke on a quote.
    skill = load_skill(find_skill(name))
    runs = run_blocks(skill.body, tmp_path)
    assert runs, "the body must show the say command"
    parser = build_parser()
    for argv, stdin in runs:
        args = parser.parse_args(argv)
        assert args.command == "say"
        assert args.attach == ["clip.mp4"]
        assert args.text == "-"
        assert stdin == HARD_MESSAGE + "\n"  # say - drops the here-document's last newline


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
