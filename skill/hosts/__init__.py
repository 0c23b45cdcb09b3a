"""Putting the skill where chat hosts look for it: OpenClaw, Cursor and Claude (skill folders
and MCP server entries). ``install``/``uninstall`` live in ``skill.hosts.install``."""
