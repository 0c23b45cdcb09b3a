"""Cold start of the ``nemoskill`` commands a host runs once per message, against
``python -c pass`` on the same interpreter (target: at most 120 ms above it).

    python benchmarks/startup_bench.py [--runs N] [--exe PATH] [--json] [--imports]

Each figure is a fresh process (the OS file cache is warm after one warm-up run, as it is
on a host that has just run the previous message). Runs of the commands are interleaved so
that machine load drifts affect all of them alike. ``route`` is measured once the command
exists and skipped until then. HOME points at an empty temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_ABOVE_BASELINE_MS = 120.0


def commands(exe: str) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "nemoskill --version": [exe, "--version"],
        "nemoskill skill info": [exe, "skill", "info"],
        'nemoskill route "export"': [exe, "route", "export"],
    }


def available(argv: list[str], env: dict[str, str]) -> tuple[bool, str]:
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    if done.returncode == 0:
        return True, ""
    reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
    return False, reason


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)
    return (time.perf_counter() - start) * 1000


def slowest_imports(argv: list[str], env: dict[str, str], count: int = 8) -> list[str]:
    """The imports with the largest cumulative time, from ``-X importtime``."""
    with open(argv[0], "rb") as fh:
        is_script = fh.read(2) == b"#!"
    # A console script is a Python file: run it under our interpreter to get the timings.
    cmd = [sys.executable, "-X", "importtime", *(argv if is_script else argv[1:])]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    rows.sort(reverse=True)
    return [f"{us / 1000:7.1f} ms {name}" for us, name in rows[:count]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command")
    parser.add_argument("--exe", help="the nemoskill executable (default: next to python)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--imports", action="store_true",
                        help="also show each command's slowest imports")
    args = parser.parse_args()
    exe = args.exe or str(Path(sys.executable).with_name("nemoskill"))
    if not Path(exe).exists():
        exe = shutil.which("nemoskill") or ""
    if not exe:
        print("nemoskill not found; install the runtime or pass --exe", file=sys.stderr)
        return 2

    home = tempfile.mkdtemp(prefix="nemoskill-bench-home-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEMO_")}
    env.update(HOME=home, XDG_CONFIG_HOME=str(Path(home) / ".config"))
    try:
        cmds, skipped = {}, {}
        for label, argv in commands(exe).items():
            ok, reason = available(argv, env)
            if ok:
                cmds[label] = argv
                time_once(argv, env)  # warm-up: file cache, .pyc files
            else:
                skipped[label] = reason
        samples: dict[str, list[float]] = {label: [] for label in cmds}
        for _ in range(args.runs):
            for label, argv in cmds.items():
                samples[label].append(time_once(argv, env))
        imports = {label: slowest_imports(argv, env) for label, argv in cmds.items()
                   if args.imports and label != "python -c pass"}
    finally:
        shutil.rmtree(home, ignore_errors=True)

    base = statistics.median(samples["python -c pass"])
    rows = []
    for label, values in samples.items():
        median = statistics.median(values)
        rows.append({"command": label, "median_ms": round(median, 1),
                     "min_ms": round(min(values), 1),
                     "above_baseline_ms": round(median - base, 1)})
    result = {"python": sys.version.split()[0], "runs": args.runs,
              "target_above_baseline_ms": TARGET_ABOVE_BASELINE_MS,
              "results": rows, "skipped": skipped, "slowest_imports": imports}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"cold start, {args.runs} runs each, python {result['python']} "
          f"(target: <= {TARGET_ABOVE_BASELINE_MS:.0f} ms above python -c pass)")
    print(f"{'command':<28}{'median':>10}{'min':>10}{'above base':>12}")
    for row in rows:
        flag = ""
        if row["command"] != "python -c pass":
            flag = "  ok" if row["above_baseline_ms"] <= TARGET_ABOVE_BASELINE_MS else "  OVER"
        print(f"{row['command']:<28}{row['median_ms']:>8.1f}ms{row['min_ms']:>8.1f}ms"
              f"{row['above_baseline_ms']:>10.1f}ms{flag}")
    for label, reason in skipped.items():
        print(f"{label:<28}  skipped: {reason}")
    for label, lines in imports.items():
        print(f"\nslowest imports of {label}:")
        for line in lines:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
