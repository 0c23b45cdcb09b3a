"""Record a new corpus batch's fresh-batch accuracy: the router as committed, before any tuning.

    python benchmarks/router_fresh.py /path/to/batch-NN.yaml [--at COMMIT]

Copies the batch verbatim into ``tests/router/corpus/``, writes its frozen test split
(``tests/router/corpus/split/batch-NN.txt``), routes every item with the router of a commit
(``HEAD`` by default: the code is taken from git, never from the working tree, so the recorded
commit is the code measured), and appends the figures to ``tests/router/corpus/results.yaml``.
Items with ``after`` are routed with that context when the router of that commit takes one.
A batch is recorded once: the script refuses to measure a batch that already has a figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _corpus_module() -> Any:
    # Loaded from its file, not through the ``router`` package: the scorer never imports the
    # router it measures into this process (that one runs from git, in a child process).
    spec = importlib.util.spec_from_file_location("router_corpus", ROOT / "router" / "corpus.py")
    if spec is None or spec.loader is None:
        raise SystemExit("router/corpus.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["router_corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _corpus_module()
CORPUS_DIR, Item, is_test, load_batch, score = (corpus.CORPUS_DIR, corpus.Item, corpus.is_test,
                                                corpus.load_batch, corpus.score)

RESULTS = CORPUS_DIR / "results.yaml"
SPLIT_DIR = CORPUS_DIR / "split"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def write_split(path: Path, items: list[Item]) -> Path:
    """The batch's test split as a list: item number, language, text."""
    SPLIT_DIR.mkdir(exist_ok=True)
    out = SPLIT_DIR / path.with_suffix(".txt").name
    lines = [f"# test split of {path.name}: items whose split hash is in the lowest 30 % "
             "(router/corpus.py is_test)", "# number<TAB>lang<TAB>text"]
    for number, item in enumerate(items, start=1):
        if is_test(item):
            lines.append(f"{number}\t{item.lang}\t{item.text!r}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


_ROUTE_ALL = """
import inspect, json, sys
from router import route
takes_after = "after" in inspect.signature(route).parameters
out = []
for text, files, after in json.load(sys.stdin):
    got = route(text, files, after=after) if takes_after else route(text, files)
    out.append([got.action, got.then])
print(json.dumps({"routes": out, "context": takes_after}))
"""


def route_at(commit: str, items: list[Item]) -> tuple[list[tuple[str, str | None]], bool]:
    """Route ``items`` with the code of ``commit`` (extracted from git into a temporary
    folder, run in a child process); also whether that router took the context."""
    with tempfile.TemporaryDirectory(prefix="router-fresh-") as tmp:
        archive = Path(tmp) / "code.tar"
        subprocess.run(["git", "archive", "-o", str(archive), commit], cwd=ROOT, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "code", filter="data")
        payload = json.dumps([[i.text, list(i.files), i.after] for i in items])
        env = {"PYTHONPATH": str(Path(tmp) / "code"), "HOME": tmp,
               "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "PATH": "/usr/bin:/bin"}
        done = subprocess.run([sys.executable, "-c", _ROUTE_ALL], input=payload, env=env,
                              cwd=tmp, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    return [(a, t) for a, t in result["routes"]], bool(result["context"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--at", default="HEAD", help="the commit whose router is measured")
    args = parser.parse_args()
    source: Path = args.batch
    target = CORPUS_DIR / source.name
    recorded = yaml.safe_load(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else []
    recorded = recorded or []
    if any(r["batch"] == source.name and r.get("kind") != "final" for r in recorded):
        print(f"{source.name} already has a fresh figure; it is never revised", file=sys.stderr)
        return 2
    commit = _git("rev-parse", "--verify", f"{args.at}^{{commit}}")
    items = load_batch(source)
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.read_bytes() != source.read_bytes():
        print(f"{target} exists and differs from {source}", file=sys.stderr)
        return 2
    shutil.copyfile(source, target)
    split = write_split(target, items)
    routes, context = route_at(commit, items)
    routed = dict(zip(map(id, items), routes, strict=True))
    result = score(items, lambda item: routed[id(item)])
    entry = {"batch": source.name, "measured_at": commit, "date": dt.date.today().isoformat(),
             "context_given": context, **result.to_dict()}
    recorded.append(entry)
    header = ("# Fresh-batch accuracy: each batch routed by the router as committed at "
              "'measured_at', before any tuning on it.\n# Written by benchmarks/router_fresh.py;"
              " never edited by hand, never revised.\n# The entry of kind 'final' (the test"
              " split at a later commit) is written by benchmarks/router_bench.py"
              " --record-final.\n")
    RESULTS.write_text(header + yaml.safe_dump(recorded, allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
    print(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False))
    print(f"copied to {target}, test split in {split}")
    # Only the train part's misses are shown: the test split's items are not for reading.
    hidden = sum(1 for item, _ in result.misses if is_test(item))
    print(f"misses in the train part ({hidden} more in the test split, not shown):")
    for item, got in result.misses:
        if is_test(item):
            continue
        print(f"  [{item.lang}] {item.label:<20} got {got:<20} {item.text!r}"
              f"{' after ' + item.after if item.after else ''}"
              f"{' files ' + ','.join(item.files) if item.files else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
