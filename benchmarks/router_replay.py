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

``--candidates`` replays candidate models instead (``router_candidates.py``): for each batch,
each candidate is trained on the labelled set of the commit the batch was measured on and the
train parts of the batches before it, and the commit's router routes the batch's train part
with the candidate asked where that router found nothing (the fill-in) or read an action from a
phrase or frame (the veto), and its own model everywhere else (``router_asked.py``). Printed:
each candidate's fill-in and veto at every setting, and both at settings chosen on the other
batches (a few minutes):

    python benchmarks/router_replay.py --candidates [nb,nb-temp,logistic] [--pair nb,logistic]
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


def _code(commit: str, tmp: Path) -> Path:
    archive = tmp / "code.tar"
    subprocess.run(["git", "archive", "-o", str(archive), commit, "router",
                    "tests/router/labelled.yaml"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp / "code", filter="data")
    return tmp / "code"


def replay_candidates(fresh: list[tuple[str, str]], names: list[str],
                      records: Path | None = None, pair: str | None = None) -> int:
    """Each fresh batch routed by its commit's router with each candidate (see the module
    docstring), then ``router_candidates.report``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from router_candidates import CANDIDATES, pair_report, report, settle

    from router.corpus import batch_number, batch_paths, is_test, load_batch, load_labelled

    folds = {}
    shipped = (1.1, 1.1)
    # The batches a fresh one came after, in the order they arrived (results.yaml's order:
    # batch 99 was taken in before 97); a batch with no fresh record came before by number.
    arrived = {batch: k for k, (batch, _) in enumerate(fresh)}
    for batch, commit in fresh:
        number = batch_number(CORPUS / batch)
        if number is None:
            raise SystemExit(f"{batch}: not a batch file name (batch-NN.yaml)")

        def came_before(path: Path, batch: str = batch, number: int = number) -> bool:
            if path.name in arrived:
                return arrived[path.name] < arrived[batch]
            return (batch_number(path) or 0) < number

        before = [i for p in batch_paths(CORPUS) if came_before(p)
                  for i in load_batch(p) if not is_test(i)]
        with tempfile.TemporaryDirectory(prefix="router-replay-") as name:
            tmp = Path(name)
            code = _code(commit, tmp)
            items = load_labelled(code / "tests" / "router" / "labelled.yaml") + before
            models = {n: CANDIDATES[n](items) for n in names}
            (tmp / "candidates.json").write_text(json.dumps(models), encoding="utf-8")
            env = {"PYTHONPATH": str(code), "HOME": name, "XDG_CACHE_HOME": str(tmp / "cache"),
                   "PATH": "/usr/bin:/bin"}
            done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "router_asked.py"),
                                   str(CORPUS / batch), str(tmp / "candidates.json")],
                                  env=env, cwd=name, capture_output=True, text=True, check=True)
        got = json.loads(done.stdout)
        folds[batch] = [tuple(r) for r in got["records"]]
        shipped = (got["threshold"], got["veto"])
        # The records settle, at the commit's own settings, to what its router did.
        settled = settle(folds[batch], "commit", *shipped)
        print(f"{batch} at {commit[:7]}: {len(items)} training items; shipped "
              f"{got['shipped'][0]}/{len(folds[batch])} right, {got['shipped'][1]} chat to an "
              f"action at {shipped} (records: {settled[0]}, {settled[2]})", flush=True)
    if records is not None:
        records.write_text(json.dumps(folds), encoding="utf-8")
    report(folds, [*names, "commit"], shipped)
    if pair:
        first, second = pair.split(",", 1)
        pair_report(folds, first, second)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="batch-31.yaml",
                        help="the first batch to replay (default batch-31.yaml)")
    parser.add_argument("--candidates", nargs="?", const="nb,nb-temp,logistic",
                        help="replay these candidate models (comma-separated) instead")
    parser.add_argument("--pair", help="with --candidates: two of them together, e.g. "
                        "nb,logistic (router_candidates.pair_report)")
    parser.add_argument("--records", type=Path,
                        help="with --candidates: also write every item's record there (JSON)")
    args = parser.parse_args()
    recorded = yaml.safe_load((CORPUS / "results.yaml").read_text(encoding="utf-8"))
    fresh = [(r["batch"], r["measured_at"]) for r in recorded if r.get("kind") != "final"]
    names = [b for b, _ in fresh]
    if args.since not in names:
        print(f"{args.since} has no fresh figure", file=sys.stderr)
        return 2
    if args.candidates:
        return replay_candidates(fresh[names.index(args.since):], args.candidates.split(","),
                                 args.records, args.pair)
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
