"""Leave-one-batch-out cross-validation of the router's learned part, on train parts only.

For each corpus batch: each candidate model (``router_candidates.py``) is trained on
labelled.yaml and the train parts of all the *other* batches, and the router (the shipped
rules) routes the held-out batch's train part with the candidate asked where the rules found
nothing (the fill-in) or read an action from a phrase or frame (the veto); the arbiters ask
the shipped naive Bayes retrained on the same items (``commit`` in the table: that model at
every setting). The test split is never read (only ``is_test(item) is False`` items are
loaded). Printed (``router_candidates.report``): each candidate's fill-in alone and veto
alone at every setting, and both at the shipped settings and at settings chosen per fold on
the other folds.

Caveat, which is why this can only favour the rules: the rules were tuned on every batch's
train part, so on a held-out train part they are better than on messages nobody has seen; a
model that overrules them looks worse here than it would be on fresh messages, and one that
fills in for them has little left to fill: this counts a fill-in's or veto's cost, the replay
of fresh batches as they arrived (``router_replay.py --candidates``) its gain. Run from the
repository root (a few minutes):

    python benchmarks/router_cv.py [--candidates nb,nb-temp,logistic] [--pair nb,logistic]
        [--records FILE]

``--pair A,B``: also the two together (``router_candidates.pair_report``); ``--records``:
every item's record written there (JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from router_asked import asked  # noqa: E402
from router_candidates import CANDIDATES, Record, pair_report, report  # noqa: E402

from router import train  # noqa: E402
from router.core import Router  # noqa: E402
from router.corpus import batch_paths, is_test, load_batch, load_labelled  # noqa: E402
from router.intent import IntentModel  # noqa: E402
from router.tables import builtin_tables  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", default="nb,nb-temp,logistic")
    parser.add_argument("--pair", help="two candidates, comma-separated")
    parser.add_argument("--records", type=Path)
    args = parser.parse_args(argv)
    names = args.candidates.split(",")
    labelled = load_labelled()
    folds = {p.stem: [i for i in load_batch(p) if not is_test(i)] for p in batch_paths()}
    router = Router(builtin_tables())
    records: dict[str, list[Record]] = {}
    started = time.perf_counter()
    for held, items in folds.items():
        others = labelled + [i for name, part in folds.items() if name != held for i in part]
        models = {name: CANDIDATES[name](others) for name in names}
        nb = models["nb"] if "nb" in models else train.fit(others)
        base = IntentModel.from_data(dict(nb, threshold=train.THRESHOLD, veto=train.VETO,
                                          arbiter=train.ARBITER,
                                          frame_arbiter=train.FRAME_ARBITER))
        records[held] = asked(router, items, models, base)
        print(f"{held}: {len(items)} items, {time.perf_counter() - started:.0f} s", flush=True)
    if args.records is not None:
        args.records.write_text(json.dumps(records), encoding="utf-8")
    report(records, [*names, "commit"], (train.THRESHOLD, train.VETO))
    if args.pair:
        pair_report(records, *args.pair.split(",", 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
