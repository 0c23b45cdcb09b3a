"""Replay fresh batches as they arrived, at several settings of the learned model's veto.

For each batch with a fresh figure in ``tests/router/corpus/results.yaml`` (from ``--since``
on), the router of the commit it was measured on (taken from git, never the working tree: its
rules and its shipped model had not seen the batch) routes the batch's **train part** (the
test split is never read) once per setting of ``VETO`` (the probability of chat at which the
model overrules an action the rules read in a longer message) and ``second_opinion_words``
(how many words besides the action's phrase a message needs before the model is asked).
Printed per batch and in total: right, chat messages sent to an action.

This is the measure that can favour a guard against false actions: leave-one-batch-out
(``router_cv.py``) routes train parts the rules were already tuned on, where few false actions
are left to catch, so it counts a guard's cost only. Run from the repository root (a minute
or two):

    python benchmarks/router_replay.py [--since batch-31.yaml]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "router" / "corpus"
VETOES = (1.1, 0.99999, 0.9999, 0.999, 0.99, 0.95)
WORDS = (6.0, 4.0)

# Run in a child process with the measured commit's code first on the path.
_CHILD = """
import json, sys
from pathlib import Path
from router.core import default_router
from router.corpus import is_test, load_batch
items = [i for i in load_batch(Path(sys.argv[1])) if not is_test(i)]
vetoes, words = json.loads(sys.argv[2]), json.loads(sys.argv[3])
router = default_router()
model = router._intent
base = router._settings
out = {}
for w in words:
    router._settings = base._replace(second_opinion_words=w)
    for v in vetoes:
        model.veto = v
        right = false = chat = 0
        for i in items:
            got = router.route(i.text, list(i.files), after=i.after)
            right += got.action == i.action and got.then == i.then
            if i.plain_chat:
                chat += 1
                false += got.action != "chat" or got.then is not None
        out[f"{w:g}/{v:g}"] = [right, len(items), false, chat]
print(json.dumps(out))
"""


def replay(batch: str, commit: str) -> dict[str, list[int]]:
    """The batch's train part routed by ``commit``'s router at every setting."""
    with tempfile.TemporaryDirectory(prefix="router-replay-") as tmp:
        archive = Path(tmp) / "code.tar"
        subprocess.run(["git", "archive", "-o", str(archive), commit, "router"], cwd=ROOT,
                       check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "code", filter="data")
        env = {"PYTHONPATH": str(Path(tmp) / "code"), "HOME": tmp,
               "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "PATH": "/usr/bin:/bin"}
        done = subprocess.run([sys.executable, "-c", _CHILD, str(CORPUS / batch),
                               json.dumps(VETOES), json.dumps(WORDS)],
                              env=env, cwd=tmp, capture_output=True, text=True, check=True)
    result: dict[str, list[int]] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="batch-31.yaml",
                        help="the first batch to replay (default batch-31.yaml)")
    args = parser.parse_args()
    recorded = yaml.safe_load((CORPUS / "results.yaml").read_text(encoding="utf-8"))
    fresh = [(r["batch"], r["measured_at"]) for r in recorded if r.get("kind") != "final"]
    names = [b for b, _ in fresh]
    if args.since not in names:
        print(f"{args.since} has no fresh figure", file=sys.stderr)
        return 2
    total: dict[str, list[int]] = {}
    for batch, commit in fresh[names.index(args.since):]:
        got = replay(batch, commit)
        print(f"{batch} at {commit[:7]}: " + "  ".join(
            f"{k} {v[0]}/{v[1]} ({v[2]} false)" for k, v in got.items()))
        for key, counts in got.items():
            total[key] = [a + b for a, b in zip(total.get(key, [0, 0, 0, 0]), counts,
                                                strict=True)]
    print("total (words/veto: right, chat sent to an action):")
    for key, (right, n, false, chat) in total.items():
        print(f"  {key:<12} {right}/{n} right  {false}/{chat} chat to an action")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
