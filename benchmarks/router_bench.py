"""Router speed: time to load the tables, and microseconds per message over 10,000 messages.

Targets (issue 5): median ≤ 20 µs, p99 ≤ 60 µs per message. The messages are the labelled set
(tests/router/labelled.yaml, nine languages, typos, quotes, negations, attachments) cycled to
the requested count. Run from the repository root:

    python benchmarks/router_bench.py [--count 10000]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "router" / "labelled.yaml"


def _messages(count: int) -> list[tuple[str, tuple[str, ...]]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    base = [(item["t"], tuple(item.get("files", ()))) for items in data.values()
            for item in items]
    return [base[i % len(base)] for i in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    start = time.perf_counter()
    from router import Router
    from router.language import detect_locale
    imported = time.perf_counter()
    router = Router.from_tables()
    detect_locale("warm")  # the language hints load on first use; count them as loading
    loaded = time.perf_counter()

    from skill.overrides import Overrides
    skill = Overrides(router_keywords={"export": {"en": ("ship it",)}})
    t0 = time.perf_counter()
    Router.from_tables(skill)
    skill_loaded = time.perf_counter() - t0

    messages = _messages(args.count)
    for text, files in messages[:1000]:  # warm caches (first-use regex paths, dict sizes)
        router.route(text, files)
    timings: list[int] = []
    route = router.route
    clock = time.perf_counter_ns
    gc.disable()
    try:
        for text, files in messages:
            t = clock()
            route(text, files)
            timings.append(clock() - t)
    finally:
        gc.enable()
    timings.sort()
    micro = [t / 1000 for t in timings]
    p99 = micro[min(len(micro) - 1, int(len(micro) * 0.99))]
    print(f"import router:               {1000 * (imported - start):8.1f} ms")
    print(f"load built-in tables:        {1000 * (loaded - imported):8.1f} ms")
    print(f"load tables with a skill:    {1000 * skill_loaded:8.1f} ms")
    print(f"messages:                    {len(micro):8d}")
    print(f"median per message:          {statistics.median(micro):8.1f} µs   (target ≤ 20)")
    print(f"p99 per message:             {p99:8.1f} µs   (target ≤ 60)")
    print(f"mean per message:            {statistics.fmean(micro):8.1f} µs")
    print(f"max per message:             {micro[-1]:8.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
