"""Local agent planning cost against message length: planning must stay linear.

Plans the same mix of edit and generation words at growing lengths and prints the time per
message and its ratio to the shortest length measured in the same run; linear planning
shows ratios close to the length ratios (×2, ×4, ×8), a superlinear scan far above them.
Run from the repository root:

    python benchmarks/agent_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.local.agent import plan_turn
from backend.local.store import empty_state

#: One stretch of words the tables know (edit and generation words, times, ordinals, three
#: scripts), shuffled once and repeated: every length takes the same paths through the rules.
WORDS = ["add", "the", "second", "clip", "title", "music", "3", "seconds", "from", "2s", "to",
         "5s", "please", "first", "last", "caption", "'Hello'", "generate", "a", "video", "of",
         "cat", "in", "rain", "with", "calm", "第二个", "片段", "标题", "生成", "视频", "and",
         "then", "make", "it", "9:16", "タイトル", "음악"]
LENGTHS = (1000, 2000, 4000, 8000, 16000)


def _message(length: int, rng: random.Random) -> str:
    stretch = " ".join(rng.sample(WORDS, len(WORDS)))
    return (stretch + " ") * (length // (len(stretch) + 1)) + stretch[: length % (len(stretch) + 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    state = empty_state()
    plan_turn("warm up: generate a video of the sea", state, {})
    baseline: float | None = None
    print(f"{'chars':>6} {'ms/message':>11} {'ratio':>6}")
    for length in LENGTHS:
        message = _message(length, random.Random(7))
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            plan_turn(message, state, {})
            times.append(time.perf_counter() - started)
        best = min(times)  # the least disturbed run: the machine is shared
        baseline = baseline or best
        print(f"{length:>6} {best * 1000:>11.1f} {best / baseline:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
