"""Publishable skill folders: one per skill, named by its slug, holding its SKILL.md and the
runtime, in the shape ClawHub publishes and Claude Code installs as a plugin.

ClawHub takes the slug from the folder's name and the version from SKILL.md, publishes text
files only, at most 50 MB, and honours ``.clawhubignore``; it has no offline validator, so
``check_bundle`` checks what it and the other hosts check before anyone publishes.
The runtime's binary data (the font, when a checkout still has it) stays out: the ``local``
extra and the system provide it at run time.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from backend.errors import UsageError
from skill.loader import Skill, load_skill

__all__ = ["MAX_BUNDLE_BYTES", "BundleProblem", "build_bundle", "check_bundle"]

MAX_BUNDLE_BYTES = 50 * 1024 * 1024
MAX_DESCRIPTION = 200
#: What a bundle holds besides SKILL.md and the host manifests.
BUNDLE_ITEMS = ("pyproject.toml", "README.md", "LICENSE", "scripts",
                "skill", "router", "backend", "translators")
MARKER = ".nemoskill-bundle"
IGNORE_LINES = (
    "# Not published: environments, caches, tests and binary data.",
    ".venv/", "__pycache__/", "*.pyc", "*.egg-info/", ".mypy_cache/", ".pytest_cache/",
    ".ruff_cache/", "tests/", "benchmarks/", "*.otf", "*.ttf", "*.ttc", "*.mp4", "*.png",
)
_SKIPPED_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".venv", "tests",
                 "benchmarks", ".git"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
#: Credential shapes: a real token, key or private key, not the prefixes our redaction knows.
_SECRETS = (
    re.compile(r"nmv_usr_[A-Za-z0-9]{16,}"),
    re.compile(r"clm_[A-Za-z0-9]{24,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{24,}"),
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
)


@dataclass(frozen=True)
class BundleProblem:
    """One thing a host would refuse or mangle, with the file it is in."""

    path: str
    problem: str


@dataclass
class BundleReport:
    folder: Path
    skill: str = ""
    version: str = ""
    files: int = 0
    size: int = 0
    problems: list[BundleProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, object]:
        return {"folder": str(self.folder), "skill": self.skill, "version": self.version,
                "files": self.files, "bytes": self.size, "ok": self.ok,
                "problems": [{"path": p.path, "problem": p.problem} for p in self.problems]}


def _is_text(path: Path) -> bool:
    data = path.read_bytes()
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if not any(part in _SKIPPED_DIRS for part in path.relative_to(folder).parts):
            yield path


def _plugin_manifests(skill: Skill) -> dict[str, dict[str, object]]:
    """Claude Code's plugin manifest and a one-plugin marketplace for this folder."""
    plugin: dict[str, object] = {
        "name": skill.name,
        "version": skill.version,
        "description": skill.description,
        "license": "MIT",
        "keywords": ["video", "text-to-video", "nemovideo", "mcp"],
        # The folder is itself the skill (SKILL.md at its root) and starts its MCP server
        # through its launcher, which makes the environment on first use.
        "skills": ["./"],
        "mcpServers": {skill.name: {"command": "${CLAUDE_PLUGIN_ROOT}/scripts/nemoskill",
                                    "args": ["mcp"]}},
    }
    marketplace: dict[str, object] = {
        "name": skill.name,
        "owner": {"name": "nemovideo-skill"},
        "plugins": [{"name": skill.name, "source": "./", "version": skill.version,
                     "description": skill.description}],
    }
    return {"plugin.json": plugin, "marketplace.json": marketplace}


def build_bundle(skill_md: Path, source: Path, out: Path) -> Path:
    """Write the bundle of the skill at ``skill_md`` (runtime from ``source``) to
    ``out/<slug>`` and return that folder. An earlier bundle there is replaced; any other
    folder of that name is refused (``UsageError``). Binary files are left out."""
    skill = load_skill(skill_md)
    target = out / skill.name
    if target.exists() and not (target / MARKER).is_file():
        raise UsageError(f"{target} exists and is not a bundle made by nemoskill; "
                         "choose another --out folder")
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{skill.name}.bundle-", dir=out))
    try:
        shutil.copyfile(skill_md, staging / "SKILL.md")
        for item in BUNDLE_ITEMS:
            src = source / item
            if src.is_file():
                shutil.copy2(src, staging / item)
            elif src.is_dir():
                for path in _walk(src):
                    if path.is_symlink() or not path.is_file() or not _is_text(path):
                        continue
                    dest = staging / item / path.relative_to(src)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest)
        (staging / ".clawhubignore").write_text("\n".join(IGNORE_LINES) + "\n", encoding="utf-8")
        plugin_dir = staging / ".claude-plugin"
        plugin_dir.mkdir()
        for name, data in _plugin_manifests(skill).items():
            (plugin_dir / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        (staging / MARKER).write_text(f"{skill.name} {skill.version}\n", encoding="utf-8")
        staging.chmod(0o755)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def check_bundle(folder: Path) -> BundleReport:
    """What ClawHub, OpenClaw and Claude Code would object to in ``folder``."""
    report = BundleReport(folder)
    try:
        skill = load_skill(folder / "SKILL.md")
    except Exception as exc:
        report.problems.append(BundleProblem("SKILL.md", str(exc)))
        return report
    report.skill, report.version = skill.name, skill.version
    _check_frontmatter(folder, skill, report)
    _check_files(folder, report)
    for excluded in ("tests", "benchmarks", ".venv"):
        if (folder / excluded).exists():
            report.problems.append(BundleProblem(excluded,
                                                 "should not be published (development only)"))
    if report.size > MAX_BUNDLE_BYTES:
        report.problems.append(BundleProblem(
            ".", f"{report.size / 1e6:.1f} MB; ClawHub accepts at most 50 MB"))
    if not (folder / "scripts" / "nemoskill").is_file():
        report.problems.append(BundleProblem(
            "scripts/nemoskill", "missing: the SKILL.md body calls this launcher"))
    return report


def _check_frontmatter(folder: Path, skill: Skill, report: BundleReport) -> None:
    def problem(text: str, path: str = "SKILL.md") -> None:
        report.problems.append(BundleProblem(path, text))

    if not _SLUG.match(skill.name) or len(skill.name) > 64:
        problem(f"name '{skill.name}' must be lowercase words joined by hyphens "
                "(at most 64 characters)")
    if folder.name != skill.name:
        problem(f"the folder is named '{folder.name}' but ClawHub takes the slug from it; "
                f"name it '{skill.name}'", ".")
    if not _SEMVER.match(skill.version):
        problem(f"version '{skill.version}' is not a semantic version (1.2.3)")
    if len(skill.description) > MAX_DESCRIPTION:
        problem(f"description has {len(skill.description)} characters; compact host prompts "
                f"cut it, keep it to {MAX_DESCRIPTION}")
    openclaw = skill.metadata.get("openclaw")
    declared: list[str] = []
    if isinstance(openclaw, dict):
        if openclaw.get("primaryEnv"):
            declared.append(str(openclaw["primaryEnv"]))
        requires = openclaw.get("requires")
        if isinstance(requires, dict):
            declared += [str(name) for name in requires.get("env") or []]
    code = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in folder.rglob("*.py"))
    for name in declared:
        if not _ENV_NAME.match(name):
            problem(f"environment variable '{name}' is not a valid name")
        elif name not in code:
            problem(f"environment variable '{name}' is declared but the runtime never reads it")


def _check_files(folder: Path, report: BundleReport) -> None:
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            report.problems.append(BundleProblem(rel, "symbolic link (hosts copy files, not "
                                                      "links)"))
            continue
        if not path.is_file():
            continue
        report.files += 1
        report.size += path.stat().st_size
        if not _is_text(path):
            report.problems.append(BundleProblem(rel, "binary file (ClawHub publishes text "
                                                      "files only)"))
            continue
        text = path.read_text(encoding="utf-8")
        if any(pattern.search(text) for pattern in _SECRETS):
            report.problems.append(BundleProblem(rel, "contains something shaped like a "
                                                      "credential"))
