"""The ``nemoskill`` command line. Commands live one per module in ``skill.cli.commands``."""

from skill.cli.main import main

__all__ = ["main"]
