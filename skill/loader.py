"""Load and validate a SKILL.md into an immutable ``Skill``.

The frontmatter is split with a few lines of our own and parsed as YAML with PyYAML's safe
loader (cached per text by ``backend.datacache``: hosts load the skill on every message).
Validation follows the Agent Skills rules (name, description) plus ours: a string version
(top-level, seed style, or ``metadata.version``) and the runtime overrides under
``metadata.nemo`` (schema in ``skill.overrides``). Every error names file, field and line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from backend.datacache import DataError, load_yaml_text
from backend.errors import SkillError
from skill.overrides import Overrides, parse_overrides

__all__ = ["Skill", "load_skill", "parse_skill_text"]

_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+\-_]*$")
_FENCE = "---"
_DEFAULT_VERSION = "1.0.0"


@dataclass(frozen=True)
class Skill:
    """A loaded skill. ``name`` and ``version`` feed the attribution headers."""

    name: str
    description: str
    version: str
    path: Path
    body: str
    license: str | None = None
    compatibility: str | None = None
    metadata: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    overrides: Overrides = field(default_factory=Overrides)

    @property
    def root(self) -> Path:
        """The skill folder (the directory holding SKILL.md)."""
        return self.path.parent

    @property
    def emoji(self) -> str | None:
        oc = self.metadata.get("openclaw")
        value = oc.get("emoji") if isinstance(oc, dict) else None
        return value if isinstance(value, str) else None


def load_skill(path: Path) -> Skill:
    """Load ``path`` (a SKILL.md file, or a folder holding one).

    Raises ``SkillError`` naming the file, the field and, for YAML errors, the line.
    """
    md = path / "SKILL.md" if path.is_dir() else path
    try:
        text = md.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SkillError(
            "no SKILL.md here; pass a skill folder or its SKILL.md", path=str(md)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SkillError(f"cannot read: {exc}", path=str(md)) from None
    return parse_skill_text(text, path=md.resolve())


def parse_skill_text(text: str, *, path: Path) -> Skill:
    """Parse the text of a SKILL.md that lives (or would live) at ``path``."""
    where = str(path)
    raw, body, offset = _split_frontmatter(text, where)
    try:
        data = load_yaml_text(raw, name="skill-" + hashlib.sha256(where.encode()).hexdigest()[:12])
    except DataError as exc:
        line = exc.line + 1 + offset if exc.line is not None else None
        raise SkillError(f"invalid YAML in frontmatter: {exc.problem}", path=where,
                         line=line) from None
    if data is None:
        raise SkillError("frontmatter is empty; it needs at least name and description", path=where)
    if not isinstance(data, dict):
        raise SkillError("frontmatter must be a mapping of fields", path=where, line=offset + 1)

    name = _require_str(data, "name", where)
    if len(name) > 64 or not _NAME_RE.match(name):
        raise SkillError(
            f"'{name}' is not a valid skill name: use 1-64 of a-z, 0-9 and single hyphens, "
            "not at the start or end",
            path=where, field="name",
        )
    description = _require_str(data, "description", where)
    if len(description) > 1024:
        raise SkillError(
            f"is {len(description)} characters; the limit is 1024", path=where, field="description"
        )

    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise SkillError("must be a mapping", path=where, field="metadata")

    version = _version(data, metadata, where, text)
    overrides = parse_overrides(metadata.get("nemo"), where=where)
    return Skill(
        name=name,
        description=description,
        version=version,
        path=path,
        body=body,
        license=_optional_str(data, "license", where),
        compatibility=_optional_str(data, "compatibility", where),
        metadata=MappingProxyType(dict(metadata)),
        overrides=overrides,
    )


def _split_frontmatter(text: str, where: str) -> tuple[str, str, int]:
    """Return (frontmatter, body, line offset of the frontmatter's first line minus one)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        raise SkillError(
            "no frontmatter: the file must start with a '---' line, the YAML fields, and '---'",
            path=where, line=1,
        )
    for i in range(1, len(lines)):
        if lines[i].strip() == _FENCE:
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), 1
    raise SkillError("frontmatter is not closed: add a '---' line after the fields", path=where)


def _require_str(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise SkillError("is required and must not be empty", path=where, field=key)
    if not isinstance(value, str):
        raise SkillError(f"must be a string, not {type(value).__name__}", path=where, field=key)
    return value.strip()


def _optional_str(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SkillError(f"must be a string, not {type(value).__name__}", path=where, field=key)
    return value


def _version(data: dict[str, Any], metadata: dict[str, Any], where: str, text: str) -> str:
    """The version as written. YAML turns an unquoted ``1.0`` into a float and ``1`` into an
    int, which would silently lose the text (``1.10`` → ``1.1``), so those are rejected."""
    key, value = "metadata.version", metadata.get("version")
    if "version" in data:
        if value is not None and data["version"] != value:
            raise SkillError(
                "is given both top-level and under metadata with different values; keep one",
                path=where, field="version",
            )
        key, value = "version", data["version"]
    if value is None:
        return _DEFAULT_VERSION
    if isinstance(value, (bool, int, float)):
        raise SkillError(
            f"must be a quoted string: YAML reads the unquoted value as the number {value!r}. "
            f'Write it as "{value}" in quotes',
            path=where, field=key,
        )
    if not isinstance(value, str) or not _VERSION_RE.match(value.strip()):
        raise SkillError("must be a version string such as \"1.0.0\"", path=where, field=key)
    return value.strip()
