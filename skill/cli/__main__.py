"""``python -m skill.cli``: the same CLI as the ``nemoskill`` script (MCP configs use this)."""

from skill.cli.main import entry

entry()
