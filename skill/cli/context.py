"""What every command needs, resolved lazily: config, skill, identity, output streams."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TextIO

from skill.config import Config
from skill.identity import Identity, find_skill
from skill.loader import Skill, load_skill

__all__ = ["CliContext"]


@dataclass
class CliContext:
    """Per-invocation state. Nothing is loaded until a command asks for it."""

    args: argparse.Namespace
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @cached_property
    def config(self) -> Config:
        return Config.from_env(self.env)

    @cached_property
    def skill(self) -> Skill:
        return load_skill(find_skill(getattr(self.args, "skill", None)))

    @cached_property
    def identity(self) -> Identity:
        return Identity.resolve(self.skill, self.config, self.env)

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def print_json(self, value: Any) -> None:
        self.out.write(json.dumps(value, ensure_ascii=False) + "\n")
        self.out.flush()

    def diag(self, text: str) -> None:
        """A diagnostic line for stderr (never the reply)."""
        self.err.write(text + "\n")
        self.err.flush()
