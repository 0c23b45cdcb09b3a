"""SSE parsing speed and the client's per-request overhead.

    python benchmarks/sse_bench.py [--events 200000] [--requests 2000]

Prints SSE events parsed per second on one core (target ≥ 50,000/s) and the ratio of
``NemoClient.credits()`` to a bare ``httpx.AsyncClient.get`` against the same loopback server
(target ≤ 1.3×): the local backend by default, ``--server minimal`` for a two-route app that
isolates client cost. The server runs in a child process so that it does not share our core.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.client import FixedClientId, NemoClient  # noqa: E402
from backend.sse import SSEParser  # noqa: E402
from backend.sse_framing import LineReader  # noqa: E402

SERVER = r'''
import sys
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
import uvicorn

async def token(request):
    return JSONResponse({"code": 0, "data": {"token": "nmv_usr_bench", "user_id": "u",
                         "credits": 100, "expires_at": "2999-01-01T00:00:00Z"}})

async def balance(request):
    if request.headers.get("authorization") != "Bearer nmv_usr_bench":
        return JSONResponse({"code": 1001, "message": "token invalid"}, status_code=401)
    return JSONResponse({"success": True, "data": {"available": 90, "frozen": 10, "total": 100}})

app = Starlette(routes=[Route("/api/auth/anonymous-token", token, methods=["POST"]),
                        Route("/api/credits/balance/simple", balance)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            access_log=False)
'''


def sample_stream(events: int) -> str:
    """A realistic mix of both dialects, as the wire carries it."""
    mix = [
        {"content": {"role": "model", "parts": [{"text": "Adding a calm "}]}, "partial": True,
         "author": "nemo_agent", "invocationId": "inv-1"},
        {"content": {"role": "model", "parts": [{"text": "Adding a calm lo-fi track."}]},
         "author": "nemo_agent", "invocationId": "inv-1", "id": None},
        {"content": {"role": "model", "parts": [{"functionCall": {
            "id": "c1", "name": "add_bgm", "args": {"mood": "calm", "volume": 0.35}}}]},
         "author": "nemo_agent"},
        {"content": {"role": "user", "parts": [{"functionResponse": {
            "id": "c1", "name": "add_bgm", "response": {"ok": True}}}]},
         "actions": {"stateDelta": {"bgm": "lofi"}}},
        {"type": "heartbeat"},
        {"type": "text", "content": "Your video is ready: 3 tracks, 10 s."},
        {"type": "tool_call", "name": "render_preview", "args": {"seconds": 10}},
    ]
    lines = []
    for i in range(events):
        item = dict(mix[i % len(mix)])
        if "id" in item:
            item["id"] = f"ev-{i}"
        lines.append("data: " + json.dumps(item) + "\n\n")
    return "".join(lines)


def bench_parser(events: int) -> float:
    text = sample_stream(events).encode()
    chunks = [text[i:i + 4096] for i in range(0, len(text), 4096)]
    best = 0.0
    for _ in range(3):
        splitter, parser = LineReader(1 << 22), SSEParser()
        count = 0
        start = time.perf_counter()
        for chunk in chunks:
            for line in splitter.feed(chunk):
                count += len(parser.feed_line(line))
        count += len(parser.finish())
        elapsed = time.perf_counter() - start
        best = max(best, count / elapsed)
    return best


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


LOCAL = r'''
import sys, tempfile
from skill.cli.main import main
sys.exit(main(["serve-local", "--port", sys.argv[1], "--data-dir", tempfile.mkdtemp()]))
'''


def start_server(kind: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    script = LOCAL if kind == "local" else SERVER
    proc = subprocess.Popen([sys.executable, "-c", script, str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, url
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"benchmark server died: {proc.stderr.read().decode()[:500]}"
                                 if proc.stderr else "benchmark server died") from None
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("benchmark server did not start")


async def bench_requests(url: str, requests: int) -> tuple[float, float]:
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, api_base=url, identity=FixedClientId("bench-client-1"),
                            attribution={"X-Skill-Source": "bench", "X-Skill-Version": "0",
                                         "X-Skill-Platform": "unknown"})
        await client.credits()  # token acquisition and connection set-up are not measured
        headers = {"Authorization": f"Bearer {client.store.load().token}"}
        bare_url = url + "/api/credits/balance/simple"
        for _ in range(200):
            await http.get(bare_url, headers=headers)
            await client.credits()
        bare = ours = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(requests // 5):
                await http.get(bare_url, headers=headers)
            bare = min(bare, (time.perf_counter() - start) / (requests // 5))
            start = time.perf_counter()
            for _ in range(requests // 5):
                await client.credits()
            ours = min(ours, (time.perf_counter() - start) / (requests // 5))
        return bare, ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--server", choices=("local", "minimal"), default="local",
                        help="the local backend (default) or a minimal two-route app")
    args = parser.parse_args()
    rate = bench_parser(args.events)
    print(f"SSE parser: {rate:,.0f} events/s on one core (target >= 50,000)")
    proc, url = start_server(args.server)
    try:
        bare, ours = asyncio.run(bench_requests(url, args.requests))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"server: {args.server}")
    print(f"bare httpx GET:        {bare * 1e6:8.0f} us/request")
    print(f"NemoClient.credits():  {ours * 1e6:8.0f} us/request")
    print(f"overhead: {ours / bare:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
