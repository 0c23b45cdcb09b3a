"""The client against a hostile server: memory and time for each attack, with the limits a
user gets (``backend.limits.Limits`` defaults; only the deadlines are shortened so the run
takes seconds, and the download cap, so it does not write gigabytes).

    python benchmarks/hostile_bench.py [--case NAME]

Each case runs in its own child process and prints: what ended it, the wall time, the peak
of Python-traced memory, and the growth of the process's peak RSS, each also as a ratio
to the limit that applies. Endless partial text runs twice (1 s and 2 s deadlines): the
events handled per CPU second must stay the same (linear, not quadratic).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.client import FixedClientId, NemoClient, Timings  # noqa: E402
from backend.errors import NemoError  # noqa: E402
from backend.events import PartialText  # noqa: E402
from backend.limits import Limits, MiB  # noqa: E402
from tests.backend.hostile import (  # noqa: E402
    HostileServer,
    Request,
    Writer,
    bomb,
    hostile_server,
)

DEFAULTS = Limits()
PATIENT = Timings(request_timeout=30.0, stream_read_timeout=30.0, download_timeout=30.0)
FAST_DEADLINES = {f"{k}_deadline": 2.0 for k in ("credits", "chat", "download")}


def handler_for(case: str) -> tuple[str, str, Callable[[Request, Writer], Awaitable[None]]]:
    if case == "gzip-bomb":
        payload = bomb(4 << 30)

        async def run(_r: Request, out: Writer) -> None:
            await out.answer(200, payload, {"Content-Type": "application/json",
                                            "Content-Encoding": "gzip"})
        return "GET", "/api/credits/", run
    if case == "endless-body":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "application/json"})
            await out.raw(b'{"code":0,"data":"')
            await out.forever(b"x" * 65536)
        return "GET", "/api/credits/", run
    if case == "huge-error-body":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(500, {"Content-Type": "application/json",
                                 "Content-Length": str(500 * MiB)})
            await out.forever(b'{"message":"' + b"y" * 65536)
        return "GET", "/api/credits/", run
    if case == "no-blank-line":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "text/event-stream"})
            await out.forever(b"data: " + b"z" * 1000 + b"\n")
        return "POST", "/run_sse", run
    if case == "endless-line":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "text/event-stream"})
            await out.forever(b"data: " + b"w" * 65536)
        return "POST", "/run_sse", run
    if case.startswith("partial-text"):
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "text/event-stream"})
            await out.forever(b'data: {"content":{"parts":[{"text":"a"}]},"partial":true}\n\n'
                              * 64)
        return "POST", "/run_sse", run
    if case == "one-byte-chunks":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "text/event-stream"})
            while True:
                await out.trickle(b'data: {"type":"heartbeat"}\n\n', every=0.001)
        return "POST", "/run_sse", run
    if case == "trickle-credits":
        async def run(_r: Request, out: Writer) -> None:
            await out.trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + b" " * 99, 0.1)
        return "GET", "/api/credits/", run
    if case == "download-no-length":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "video/mp4"})
            await out.forever(b"\x00" * 65536)
        return "GET", "/video.mp4", run
    if case == "download-trickle":
        async def run(_r: Request, out: Writer) -> None:
            await out.head(200, {"Content-Type": "video/mp4", "Content-Length": str(1 << 30)})
            await out.forever(b"\x00" * 64, every=0.05)
        return "GET", "/video.mp4", run
    raise SystemExit(f"unknown case {case}")


CASES = {  # case: (limits, the limit that applies as (name, value))
    "gzip-bomb": ({}, ("json_body_bytes", DEFAULTS.json_body_bytes)),
    "endless-body": ({}, ("json_body_bytes", DEFAULTS.json_body_bytes)),
    "huge-error-body": ({}, ("error_body_bytes", DEFAULTS.error_body_bytes)),
    "no-blank-line": ({}, ("sse_event_bytes", DEFAULTS.sse_event_bytes)),
    "endless-line": ({}, ("sse_line_bytes", DEFAULTS.sse_line_bytes)),
    "partial-text-1s": ({"chat_deadline": 1.0}, ("reply_chars", DEFAULTS.reply_chars)),
    "partial-text-2s": ({"chat_deadline": 2.0}, ("reply_chars", DEFAULTS.reply_chars)),
    "one-byte-chunks": ({}, ("chat_deadline", 2)),
    "trickle-credits": ({}, ("credits_deadline", 2)),
    "download-no-length": ({"download_bytes": 256 * MiB, "download_deadline": 120.0},
                           ("download_bytes", 256 * MiB)),
    "download-trickle": ({}, ("download_deadline", 2)),
}


async def attack(server: HostileServer, case: str, folder: Path) -> dict[str, Any]:
    overrides, _ = CASES[case]
    limits = Limits(**{**FAST_DEADLINES, **overrides})
    method, prefix, handler = handler_for(case)
    server.route(method, prefix, handler)
    events = 0
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, api_base=server.url, identity=FixedClientId("bench"),
                            attribution={"X-Skill-Source": "bench", "X-Skill-Version": "0",
                                         "X-Skill-Platform": "unknown"},
                            timings=PATIENT, limits=limits)
        await client.state()  # token and session outside the measurement
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        cpu, wall = time.process_time(), time.monotonic()
        outcome = "no error"
        try:
            if prefix == "/run_sse":
                async for event in client.send_message("hi"):
                    events += isinstance(event, PartialText)
            elif prefix == "/video.mp4":
                await client.download_render("r", folder / "v.mp4", url=server.url + prefix)
            else:
                await client.credits()
        except NemoError as exc:
            outcome = f"{type(exc).__name__}: {exc}"
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {"case": case, "outcome": outcome[:110], "wall_s": wall, "cpu_s": cpu,
            "traced_peak": peak, "rss_growth": rss * 1024, "events": events,
            }


def child(case: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, hostile_server() as server:
        folder = Path(tmp) / "videos"
        result = asyncio.run(attack(server, case, folder))
        result["left_on_disk"] = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.case)
        return
    cases = [args.case] if args.case else list(CASES)
    print(f"{'case':<20} {'ended by':<46} {'wall':>6} {'traced peak':>12} {'RSS growth':>11}"
          f"  limit")
    rates: dict[str, float] = {}
    for case in cases:
        done = subprocess.run([sys.executable, __file__, "--child", "--case", case],
                              capture_output=True, text=True, check=False, cwd=ROOT)
        if done.returncode != 0:
            print(f"{case}: failed\n{done.stderr[-2000:]}")
            continue
        r = json.loads(done.stdout.splitlines()[-1])
        name, value = CASES[case][1]
        unit_is_bytes = name.endswith("_bytes")
        ratio = (f"  peak/limit {r['traced_peak'] / value:.2f}×"
                 if unit_is_bytes and value >= MiB else "")
        limit = (f"{name}={value / MiB:g} MiB" if unit_is_bytes else f"{name}={value:g}")
        print(f"{case:<20} {r['outcome'][:46]:<46} {r['wall_s']:5.2f}s "
              f"{r['traced_peak'] / MiB:10.1f} MiB {r['rss_growth'] / MiB:8.1f} MiB  "
              f"{limit}{ratio}" + (f"  LEFT ON DISK: {r['left_on_disk']}"
                                   if r["left_on_disk"] else ""))
        if case.startswith("partial-text"):
            rates[case] = r["events"] / max(r["cpu_s"], 1e-9)
            print(f"{'':<20} {r['events']:,} partial events, {rates[case]:,.0f} per CPU s")
    if len(rates) == 2:
        one, two = rates["partial-text-1s"], rates["partial-text-2s"]
        print(f"endless partial text: events per CPU second at 2 s / at 1 s = {two / one:.2f} "
              "(1.0 = linear; quadratic work would halve it)")


if __name__ == "__main__":
    main()
