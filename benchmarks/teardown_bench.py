"""What the test suite spends in teardowns, against pytest's own cost in the same run.

    python benchmarks/teardown_bench.py [--quick] [--top N] [--json] [PYTEST_ARGS ...]

Runs the suite (or the given test paths; ``--quick``: the modules that held most of the
teardown time, ~1/6 of the tests) in a child ``pytest`` with this file as a plugin, which adds
up every test's teardown phase (``report.duration`` of ``when == "teardown"``: the fixtures'
finalizers, this project's autouse ones included, and pytest's own hooks). Then, as the
baseline, it runs as many trivial tests, in an empty folder without the project's conftest,
through the same pytest and plugins: what a teardown costs with nothing to tear down, on this
machine in these minutes. Printed: the total and its mean per test against the baseline's,
the teardowns of 5 ms or more, and the modules and tests that cost most.

Target (issue 16): the full suite's teardown total under 2 s.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
BIG_S = 0.005
#: The modules whose teardowns cost most before issue 16's work (servers per test, async
#: clients and loops): ``--quick`` runs only these.
QUICK = ["tests/backend/test_client_local.py", "tests/backend/local/test_renders.py",
         "tests/backend/local/test_guard.py", "tests/backend/test_tls.py",
         "tests/backend/local/test_uploads.py", "tests/backend/test_client_limits.py",
         "tests/backend/local/test_intents.py", "tests/backend/local/test_agent_requests.py",
         "tests/skill/cli/test_chat.py", "tests/router/test_intents.py"]
_OUT_ENV = "TEARDOWN_BENCH_OUT"

# -- the plugin (loaded in the child pytest with ``-p teardown_bench``) ------------------------

_rows: list[tuple[float, str]] = []


def pytest_runtest_logreport(report: Any) -> None:
    if report.when == "teardown":
        _rows.append((report.duration, report.nodeid))


def pytest_unconfigure(config: Any) -> None:
    out = os.environ.get(_OUT_ENV)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(_rows, fh)


# -- the benchmark ---------------------------------------------------------------------------


def run_pytest(args: list[str], cwd: Path) -> tuple[list[tuple[float, str]], int]:
    """Teardown rows of one child pytest run, and its exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        env = {**os.environ, _OUT_ENV: str(out),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent),
                                                           os.environ.get("PYTHONPATH")]))}
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "-p", "teardown_bench", *args], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        rows = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else []
    return [(float(d), str(n)) for d, n in rows], done.returncode


def baseline(count: int) -> list[tuple[float, str]]:
    """``count`` trivial tests in an empty folder: pytest's own cost per teardown."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "test_nothing.py").write_text(
            f"import pytest\n\n\n@pytest.mark.parametrize('i', range({count}))\n"
            "def test_nothing(i):\n    assert i >= 0\n", encoding="utf-8")
        # An empty ini file: the project's pytest options (and conftest) stay out.
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        rows, _ = run_pytest(["test_nothing.py"], folder)
    return rows


def summary(rows: list[tuple[float, str]], base: list[tuple[float, str]], top: int
            ) -> dict[str, Any]:
    total = sum(d for d, _ in rows)
    big = [(d, n) for d, n in rows if d >= BIG_S]
    modules: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
    for d, n in rows:
        entry = modules[n.split("::")[0]]
        entry[0] += d
        entry[1] += 1
    base_mean = sum(d for d, _ in base) / len(base) if base else float("nan")
    return {
        "tests": len(rows), "total_s": total,
        "mean_ms": total / len(rows) * 1000 if rows else float("nan"),
        "baseline_mean_ms": base_mean * 1000,
        "big_count": len(big), "big_s": sum(d for d, _ in big),
        "below_big_s": total - sum(d for d, _ in big),
        "modules": [{"module": m, "total_ms": s * 1000, "tests": c}
                    for m, (s, c) in sorted(modules.items(), key=lambda kv: -kv[1][0])[:top]],
        "slowest": [{"test": n, "ms": d * 1000} for d, n in sorted(rows, reverse=True)[:top]],
    }


def show(result: dict[str, Any], full: bool) -> None:
    print(f"teardowns: {result['total_s']:.2f} s over {result['tests']} tests "
          f"(mean {result['mean_ms']:.3f} ms; pytest alone, same run: "
          f"{result['baseline_mean_ms']:.3f} ms a test)")
    print(f"  {result['big_count']} teardowns of {BIG_S * 1000:.0f} ms or more: "
          f"{result['big_s']:.2f} s; the other {result['tests'] - result['big_count']}: "
          f"{result['below_big_s']:.2f} s")
    if full:
        met = "met" if result["total_s"] < TARGET_S else "NOT met"
        print(f"  target: under {TARGET_S:.0f} s for the full suite: {met}")
    if result["exit_code"]:
        print(f"  note: pytest exited {result['exit_code']} (failures count as they ran)")
    print("modules:")
    for row in result["modules"]:
        print(f"  {row['total_ms']:8.1f} ms {row['tests']:5d} tests  {row['module']}")
    print("slowest teardowns:")
    for row in result["slowest"]:
        print(f"  {row['ms']:8.1f} ms  {row['test']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="only the modules whose teardowns cost most")
    parser.add_argument("--top", type=int, default=12, help="modules and tests to list")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args, pytest_args = parser.parse_known_args()
    targets = pytest_args or (QUICK if args.quick else [])
    rows, code = run_pytest(targets, ROOT)
    if not rows:
        print("no test ran (see `pytest` with the same arguments)", file=sys.stderr)
        return 2
    result = summary(rows, baseline(len(rows)), args.top)
    result["exit_code"] = code
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result, full=not targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
