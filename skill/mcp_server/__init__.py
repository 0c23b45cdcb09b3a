"""The MCP server (``nemoskill mcp``): the five actions as MCP tools over stdio, with progress.

Built on the official MCP Python SDK's v1 line (``mcp>=1.27,<2``, pinned in the ``mcp`` extra):
v1 shares httpx with our core and is what today's hosts speak, while v2 would add a second
HTTP stack (httpx2) and OpenTelemetry for nothing we use. 1.27 is the first release that
cancels running calls when the host closes stdin (older ones crash on their next progress).
Importing this package imports mcp; the CLI does so only when the ``mcp`` command runs.
"""

from skill.mcp_server.server import NemoMcpServer
from skill.mcp_server.stdio import protocol_stdout, serve, serve_stdio
from skill.mcp_server.tools import TOOL_NAMES, ToolSpec, ToolTable, load_tools

__all__ = ["TOOL_NAMES", "NemoMcpServer", "ToolSpec", "ToolTable", "load_tools",
           "protocol_stdout", "serve", "serve_stdio"]
