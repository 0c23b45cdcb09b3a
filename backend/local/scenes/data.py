"""Read the scene tables (YAML beside this module), with libyaml's parser when present: the
pure-Python one takes about a second for all nine lexicons."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["load_table"]

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_table(name: str) -> Any:
    """The parsed YAML file ``name`` (a path relative to this package)."""
    text = resources.files("backend.local.scenes").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)
