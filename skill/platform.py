"""Detect the host platform (``X-Skill-Platform``) from where the skill folder is installed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

__all__ = ["detect_platform"]


def detect_platform(skill_dir: Path, *, home: Path, env: Mapping[str, str],
                    override: str | None = None) -> str:
    """Return ``clawhub``, ``cursor`` or ``unknown`` for a skill installed at ``skill_dir``.

    ``override`` (from ``NEMO_PLATFORM``) wins. Symlinks are resolved on both sides, so a
    skill linked into a host's folder is reported as that host's.
    """
    if override:
        return override
    where = _real(skill_dir)
    home = _real(home)
    clawhub_roots = [
        home / ".openclaw" / "skills", home / ".clawdbot" / "skills", home / ".clawhub",
    ]
    state_dir = env.get("OPENCLAW_STATE_DIR")
    if state_dir:
        clawhub_roots.append(_real(Path(state_dir).expanduser()) / "skills")
    if any(_under(where, root) for root in clawhub_roots):
        return "clawhub"
    # A workspace skills/ folder installed by the ClawHub CLI leaves .clawhub/origin.json.
    if where.parent.name == "skills" and (where / ".clawhub" / "origin.json").is_file():
        return "clawhub"
    if _under(where, home / ".cursor" / "skills"):
        return "cursor"
    parts = where.parts
    if any(parts[i] == ".cursor" and parts[i + 1] == "skills" for i in range(len(parts) - 1)):
        return "cursor"
    return "unknown"


def _real(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.expanduser().absolute()


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
