"""Read the scene tables (YAML beside this module) through ``backend.datacache``: parsed once
per version (with libyaml's parser when present: the pure-Python one takes about a second for
all nine lexicons), then read back as is, with no YAML import when the server starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backend.datacache import load_yaml

__all__ = ["load_table"]


def load_table(name: str) -> Any:
    """The parsed YAML file ``name`` (a path relative to this package)."""
    return load_yaml(Path(__file__).parent / name)
