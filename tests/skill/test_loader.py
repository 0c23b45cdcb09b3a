"""SKILL.md loading: valid skills, and every kind of broken file names file, field and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from skills_ref.validator import validate

from backend.errors import SkillError
from skill.identity import bundled_root, list_variants
from skill.loader import load_skill, parse_skill_text

ROOT = bundled_root()
GOOD = """---
name: my-skill
description: Makes videos.
{extra}---
# Body
text
"""


def parse(text: str) -> object:
    return parse_skill_text(text, path=Path("/skills/my-skill/SKILL.md"))


def test_root_skill_loads_with_string_version_and_openclaw_metadata() -> None:
    skill = load_skill(ROOT)
    assert skill.name == "nemovideo"
    assert skill.version == "0.1.0"
    assert skill.emoji == "🎬"
    assert skill.metadata["openclaw"]["primaryEnv"] == "NEMO_TOKEN"
    assert '<skill folder>/scripts/nemoskill say' in skill.body


@pytest.mark.parametrize(
    ("variant", "version"),
    [("free-generator-to", "1.0.0"), ("free-video-generation-ai-model", "1.0.0")],
)
def test_seed_variants_load_with_their_names(variant: str, version: str) -> None:
    skill = load_skill(ROOT / "variants" / variant)
    assert (skill.name, skill.version) == (variant, version)
    assert skill.root.name == variant


def test_shipped_skills_pass_the_agent_skills_reference_validator(tmp_path: Path) -> None:
    # The validator insists that the folder is named after the skill, so the root skill is
    # checked from a copy, as a host would install it.
    root_copy = tmp_path / "nemovideo"
    root_copy.mkdir()
    shutil.copy(ROOT / "SKILL.md", root_copy / "SKILL.md")
    folders = [root_copy] + [ROOT / "variants" / n for n in list_variants()]
    assert len(folders) == 3
    for folder in folders:
        assert validate(folder) == [], folder


def test_body_and_defaults() -> None:
    skill = parse(GOOD.format(extra=""))
    assert skill.version == "1.0.0"  # seeds without a version are 1.0.0
    assert skill.body.startswith("# Body")
    assert skill.overrides.router_keywords == {}


def test_top_level_version_is_accepted_seed_style() -> None:
    assert parse(GOOD.format(extra='version: "2.1.0"\n')).version == "2.1.0"
    assert parse(GOOD.format(extra="version: 2.1.0\n")).version == "2.1.0"  # not a float in YAML


@pytest.mark.parametrize("raw", ["1.0", "1.10", "2", "0.5"])
@pytest.mark.parametrize("where", ["top", "metadata"])
def test_unquoted_numeric_versions_are_rejected_with_a_fix(raw: str, where: str) -> None:
    extra = f"version: {raw}\n" if where == "top" else f"metadata:\n  version: {raw}\n"
    with pytest.raises(SkillError) as info:
        parse(GOOD.format(extra=extra))
    message = str(info.value)
    assert "quoted string" in message
    assert "version" in info.value.field
    assert "/skills/my-skill/SKILL.md" in message


def test_conflicting_versions_are_rejected() -> None:
    extra = 'version: "1.0.0"\nmetadata:\n  version: "2.0.0"\n'
    with pytest.raises(SkillError, match="both top-level and under metadata"):
        parse(GOOD.format(extra=extra))


def test_missing_frontmatter() -> None:
    with pytest.raises(SkillError, match="no frontmatter") as info:
        parse("# Just a heading\n")
    assert info.value.line == 1


def test_empty_frontmatter() -> None:
    with pytest.raises(SkillError, match="frontmatter is empty"):
        parse("---\n---\nbody\n")


def test_unclosed_frontmatter() -> None:
    with pytest.raises(SkillError, match="not closed"):
        parse("---\nname: x\n")


def test_malformed_yaml_reports_the_file_line() -> None:
    text = "---\nname: my-skill\ndescription: ok\nmetadata:\n  openclaw: [unclosed\n---\n"
    with pytest.raises(SkillError) as info:
        parse(text)
    # The broken flow sequence starts on file line 5; PyYAML notices at the closing fence.
    assert info.value.line is not None
    assert info.value.line >= 5
    assert f":{info.value.line}" in str(info.value)


@pytest.mark.parametrize(
    "name",
    ["My-Skill", "-lead", "trail-", "double--hyphen", "under_score", "a" * 65, "sp ace", "ünï"],
)
def test_bad_names_are_rejected(name: str) -> None:
    text = GOOD.replace("name: my-skill", f"name: '{name}'").format(extra="")
    with pytest.raises(SkillError) as info:
        parse(text)
    assert info.value.field == "name"


@pytest.mark.parametrize(("field", "line"), [("name", "name: ''"), ("description", "description:")])
def test_required_fields(field: str, line: str) -> None:
    text = GOOD.replace(f"{field}: {'my-skill' if field == 'name' else 'Makes videos.'}", line)
    with pytest.raises(SkillError, match="required") as info:
        parse(text.format(extra=""))
    assert info.value.field == field


def test_description_length_limit() -> None:
    text = GOOD.replace("Makes videos.", "x" * 1025).format(extra="")
    with pytest.raises(SkillError, match="1024"):
        parse(text)


def test_overrides_are_loaded() -> None:
    extra = (
        "metadata:\n  nemo:\n    language: zh\n    router:\n      keywords:\n        export:\n"
        "          en:\n            - ship it\n    gui:\n      mode: replace\n      phrases:\n"
        "        click:\n          zh:\n            - 轻点\n"
    )
    skill = parse(GOOD.format(extra=extra))
    assert skill.overrides.language == "zh"
    assert skill.overrides.router_keywords["export"]["en"] == ("ship it",)
    assert skill.overrides.gui_mode == "replace"
    assert skill.overrides.gui_phrases["click"]["zh"] == ("轻点",)


@pytest.mark.parametrize(
    ("nemo", "field"),
    [
        ("    colour: red\n", "metadata.nemo"),
        ("    router:\n      keywords:\n        teleport:\n          en:\n            - go\n",
         "metadata.nemo.router.keywords"),
        ("    router:\n      mode: merge\n", "metadata.nemo.router.mode"),
        ("    gui:\n      phrases:\n        click:\n          english:\n            - tap\n",
         "metadata.nemo.gui.phrases.click.english"),
        ("    gui:\n      phrases:\n        open:\n          en: []\n",
         "metadata.nemo.gui.phrases.open.en"),
        ("    language: 7\n", "metadata.nemo.language"),
    ],
)
def test_unknown_or_invalid_override_keys_are_rejected(nemo: str, field: str) -> None:
    with pytest.raises(SkillError) as info:
        parse(GOOD.format(extra="metadata:\n  nemo:\n" + nemo))
    assert info.value.field == field
    assert field in str(info.value)


def test_missing_file_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(SkillError, match=r"no SKILL\.md here"):
        load_skill(tmp_path)


def test_skill_is_immutable() -> None:
    skill = parse(GOOD.format(extra=""))
    with pytest.raises(AttributeError):
        skill.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        skill.metadata["x"] = 1  # type: ignore[index]
