"""Which skill is running, on which platform: the source of the attribution headers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backend.errors import SkillError
from skill.config import Config
from skill.loader import Skill, load_skill
from skill.platform import detect_platform

__all__ = ["Identity", "bundled_root", "find_skill", "list_variants"]


def bundled_root() -> Path:
    """The skill folder this runtime ships in (the repository root holds SKILL.md)."""
    return Path(__file__).resolve().parent.parent


def list_variants(root: Path | None = None) -> list[str]:
    """Names of the variant skills shipped under ``variants/``."""
    base = (root or bundled_root()) / "variants"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "SKILL.md").is_file())


def find_skill(spec: str | None, *, root: Path | None = None) -> Path:
    """Resolve ``--skill NAME|PATH`` to a SKILL.md path. ``None`` is the root skill.

    A path (folder or file) wins over a name; a name is looked up among the root skill and
    the shipped variants. Raises ``SkillError`` listing what exists.
    """
    root = root or bundled_root()
    if spec is None:
        return root / "SKILL.md"
    candidate = Path(spec).expanduser()
    if candidate.exists():
        return candidate / "SKILL.md" if candidate.is_dir() else candidate
    variant = root / "variants" / spec / "SKILL.md"
    if variant.is_file():
        return variant
    if (root / "SKILL.md").is_file():
        try:
            if load_skill(root / "SKILL.md").name == spec:
                return root / "SKILL.md"
        except SkillError:
            pass
    names = ", ".join(list_variants(root)) or "none"
    raise SkillError(
        f"no skill named or at '{spec}'. Shipped variants: {names}; or pass a folder holding "
        "a SKILL.md", path=spec,
    )


@dataclass(frozen=True)
class Identity:
    """The loaded skill and its platform; produces the three attribution headers."""

    skill: Skill
    platform: str

    @classmethod
    def resolve(cls, skill: Skill, config: Config, env: dict[str, str]) -> Identity:
        platform = detect_platform(skill.root, home=config.home, env=env,
                                   override=config.platform_override)
        return cls(skill=skill, platform=platform)

    def headers(self) -> dict[str, str]:
        """Headers every API request carries (missing ones make exports fail with 402)."""
        return {
            "X-Skill-Source": self.skill.name,
            "X-Skill-Version": self.skill.version,
            "X-Skill-Platform": self.platform,
        }
