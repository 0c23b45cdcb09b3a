"""While serving, file descriptor 1 belongs to the protocol alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import os, subprocess, sys
from skill.mcp_server.stdio import protocol_stdout

with protocol_stdout() as protocol:
    print("a stray print")
    os.write(1, b"a raw write to fd 1\\n")
    subprocess.run([sys.executable, "-c", "print('a child process')"], check=True)
    protocol.write(b'{"jsonrpc": "2.0", "method": "ping"}\\n')
    protocol.flush()
print("after serving")
"""


def test_stray_output_goes_to_stderr_and_only_the_protocol_to_stdout(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          cwd=tmp_path, env=dict(os.environ), check=True, timeout=60)
    assert done.stdout == '{"jsonrpc": "2.0", "method": "ping"}\nafter serving\n'
    for stray in ("a stray print", "a raw write to fd 1", "a child process"):
        assert stray in done.stderr
