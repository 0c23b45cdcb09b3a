"""``nemoskill mcp`` as hosts start it: from the entry ``install`` writes, stopped by closing
its input, without the extra installed, and cheap to ask for help."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client

from backend.local.runner import LocalBackend
from skill.cli.main import main
from skill.identity import bundled_root
from skill.mcp_server.tools import TOOL_NAMES
from tests.skill.cli.test_main import HEAVY, loaded_by
from tests.skill.mcp_server.host import server_env, text_of

DEADLINE = 120


async def test_entry_written_by_install_starts_the_server_as_the_installed_skill(
        isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["install", "--host", "cursor", "--skill", "free-generator-to"]) == 0
    capsys.readouterr()
    config = json.loads((isolated_home / ".cursor" / "mcp.json").read_text(encoding="utf-8"))
    entry = config["mcpServers"]["free-generator-to"]

    # The entry has no --local: it talks to "the cloud", here a local backend on loopback.
    with LocalBackend.start(tmp_path / "backend") as backend:
        env = {**server_env(tmp_path), **entry["env"], "NEMO_API_URL": backend.url}
        params = StdioServerParameters(command=entry["command"], args=entry["args"], env=env,
                                       cwd=tmp_path)
        with anyio.fail_after(DEADLINE), (tmp_path / "stderr.txt").open("w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(
                    read, write) as session:
                init = await session.initialize()
                tools = await session.list_tools()
                credits = await session.call_tool("get_credits", {})
        sent = backend.requests.matching("credits")

    assert init.serverInfo.name == "free-generator-to"
    assert tuple(t.name for t in tools.tools) == TOOL_NAMES
    assert credits.isError is False, text_of(credits)
    assert "available" in text_of(credits)
    assert len(sent) == 1
    assert sent[0].headers["x-skill-source"] == "free-generator-to"
    assert sent[0].headers["x-skill-platform"] == "cursor"


async def test_closing_stdin_mid_generation_ends_the_server(tmp_path: Path) -> None:
    # Hosts stop a server by closing its input; a call still running must not keep it alive.
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "skill.cli", "--local", "mcp", cwd=tmp_path,
        env=server_env(tmp_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    assert proc.stdin is not None
    assert proc.stdout is not None
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": types.LATEST_PROTOCOL_VERSION, "capabilities": {},
            "clientInfo": {"name": "test", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "send_message", "_meta": {"progressToken": "gen"},
            "arguments": {"text": "generate a 20-second video of waves"}}},
    ]
    with anyio.fail_after(DEADLINE):
        for request in requests:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
        await proc.stdin.drain()
        seen = [json.loads(await proc.stdout.readline())]
        while seen[-1].get("method") != "notifications/progress":
            seen.append(json.loads(await proc.stdout.readline()))
        proc.stdin.close()
        rest, stderr = await proc.communicate()
    assert seen[0]["id"] == 1
    assert seen[-1]["params"]["progressToken"] == "gen"
    assert all(json.loads(line)["jsonrpc"] == "2.0" for line in rest.splitlines())
    assert proc.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()


CHILD_WITHOUT_MCP = """
import sys
sys.modules["mcp"] = None  # as if the extra were not installed
from skill.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_the_extra_it_says_what_to_install(isolated_home: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD_WITHOUT_MCP, "--local", "mcp"],
                          capture_output=True, text=True, cwd=isolated_home,
                          env=dict(os.environ), check=False, timeout=60)
    assert done.returncode == 4
    assert done.stdout == ""
    # The hint is a command that works here: this interpreter, this runtime folder.
    assert f"{sys.executable} -m pip install -e '{bundled_root()}[mcp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_of_the_mcp_command_imports_no_heavy_module(isolated_home: Path) -> None:
    assert loaded_by(["mcp", "--help"], isolated_home) & HEAVY == set()


async def test_nemo_local_selects_the_local_backend_for_the_server(tmp_path: Path) -> None:
    # A host sets NEMO_LOCAL in the server's environment instead of adding --local; the cloud
    # address points at a closed port, so only the local backend can answer.
    env = {**server_env(tmp_path), "NEMO_LOCAL": "1", "NEMO_API_URL": "http://127.0.0.1:9"}
    params = StdioServerParameters(command=sys.executable, args=["-m", "skill.cli", "mcp"],
                                   env=env, cwd=tmp_path)
    with anyio.fail_after(DEADLINE), (tmp_path / "stderr.txt").open("w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write), \
                ClientSession(read, write) as session:
            await session.initialize()
            credits = await session.call_tool("get_credits", {})
    assert credits.isError is False, text_of(credits)
    assert "available" in text_of(credits)
    assert (tmp_path / "config" / "local-backend").is_dir()
