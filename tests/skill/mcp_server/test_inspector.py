"""The server driven by the MCP Inspector CLI (npm ``@modelcontextprotocol/inspector``), a
client none of us wrote. ``.ci/run`` installs it and names it in ``NEMO_TEST_MCP_INSPECTOR``;
a developer without it (no Node.js) skips these tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backend.local.options import LocalOptions
from skill.mcp_server.tools import TOOL_NAMES, load_tools
from tests.skill.mcp_server.host import server_env

INSPECTOR = os.environ.get("NEMO_TEST_MCP_INSPECTOR") or shutil.which("mcp-inspector")
pytestmark = pytest.mark.skipif(not INSPECTOR, reason="MCP Inspector CLI not installed "
                                "(.ci/run installs it; set NEMO_TEST_MCP_INSPECTOR)")


def inspect(tmp_path: Path, *method: str) -> dict[str, Any]:
    env = server_env(tmp_path)
    assert INSPECTOR is not None
    argv = [INSPECTOR, "--cli"]
    for key in ("HOME", "NEMO_CONFIG_DIR", "NEMO_EXPORT_DIR"):
        argv += ["-e", f"{key}={env[key]}"]
    argv += [sys.executable, "-m", "skill.cli", "--local", "mcp", *method]
    done = subprocess.run(argv, cwd=tmp_path, env={**os.environ, "HOME": env["HOME"]},
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


def test_the_inspector_lists_every_tool_with_its_schemas(tmp_path: Path) -> None:
    listed = inspect(tmp_path, "--method", "tools/list")
    assert tuple(t["name"] for t in listed["tools"]) == TOOL_NAMES
    schema = dict(load_tools().output_schema)
    assert all(t["outputSchema"] == schema for t in listed["tools"])


def test_the_inspector_generates_and_reads_structured_results(tmp_path: Path) -> None:
    made = inspect(tmp_path, "--method", "tools/call", "--tool-name", "send_message",
                   "--tool-arg", "text=generate a 2-second video of snow falling on a cabin")
    assert made["isError"] is False
    assert made["structuredContent"]["state"] == "done"
    assert "Timeline" in made["structuredContent"]["reply"]
    # The next process continues the same project.
    credits = inspect(tmp_path, "--method", "tools/call", "--tool-name", "get_credits")
    defaults = LocalOptions()
    assert credits["structuredContent"]["credits"]["available"] == (
        defaults.initial_credits - defaults.generation_cost)
    timeline = inspect(tmp_path, "--method", "tools/call", "--tool-name", "get_timeline")
    kinds = [t["kind"] for t in timeline["structuredContent"]["timeline"]["tracks"]]
    assert "video" in kinds
