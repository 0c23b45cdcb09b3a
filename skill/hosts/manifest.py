"""The small file that marks a skill folder as installed by us, and for which host.

Install and uninstall only ever replace or delete a folder that carries it, and platform
detection reads it for folders whose location alone does not say the host (a workspace's
``skills/``). Standard library only: platform detection runs on every start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST_NAME", "Manifest", "read_manifest"]

MANIFEST_NAME = ".nemoskill-install.json"
_MARK = "nemoskill"


@dataclass(frozen=True)
class Manifest:
    """What was installed where. ``path`` is the folder's resolved location at install time,
    so a copy moved elsewhere is not mistaken for an install."""

    skill: str
    version: str
    host: str
    scope: str
    path: str
    mode: str  # "copy" or "link"
    source: str
    mcp_config: str | None = None
    mcp_server: str | None = None
    mcp_also: tuple[str, ...] = ()  # further configs holding the same entry

    def to_json(self) -> str:
        data = asdict(self)
        data["mcp_also"] = list(self.mcp_also)
        return json.dumps({"installed_by": _MARK, **data}, indent=2) + "\n"


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``, or None when there is none or it is not ours/unreadable."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("installed_by") != _MARK:
        return None
    values: dict[str, Any] = {k: data.get(k) for k in Manifest.__dataclass_fields__}
    required = ("skill", "version", "host", "scope", "path", "mode", "source")
    optional = ("mcp_config", "mcp_server")
    also = values.pop("mcp_also") or []
    if not all(isinstance(values[k], str) for k in required) or not all(
            values[k] is None or isinstance(values[k], str) for k in optional):
        return None
    if not isinstance(also, list) or not all(isinstance(p, str) for p in also):
        return None
    return Manifest(**values, mcp_also=tuple(also))
