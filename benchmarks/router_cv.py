"""Leave-one-batch-out cross-validation of the router's learned part, on train parts only.

For each corpus batch: the learned model is trained on labelled.yaml and the train parts of
all the *other* batches, and the router (the shipped rules, that model) routes the held-out
batch's train part. The test split is never read (``router.corpus.train_items`` rules apply:
only ``is_test(item) is False`` items are loaded). Printed per fold and in total, for:

- ``rules``: the rules alone (the model never asked);
- ``shipped``: the shipped naive Bayes model (``router.train.fit``, its ``THRESHOLD``,
  ``VETO``, ``ARBITER`` and ``FRAME_ARBITER``), retrained per fold;
- ``nb-once``: the same naive Bayes keeping features seen in one message (``MIN_COUNT`` 1:
  better alone, about three times the weights), the shipped thresholds;
- ``logistic``: a candidate, multinomial logistic regression over the same features (SGD,
  L2), its fill-in threshold and veto chosen per fold on the *other* folds' results from a
  small grid (so the chosen setting never saw the fold it is scored on).

Caveat, which is why this can only favour the rules: the rules were tuned on every batch's
train part, so on a held-out train part they are better than on messages nobody has seen; a
model that overrules them looks worse here than it would be on fresh messages, and one that
fills in for them has little left to fill. Run from the repository root (about a minute):

    python benchmarks/router_cv.py
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from router import train  # noqa: E402
from router.core import Router  # noqa: E402
from router.corpus import LABELS, Item, batch_paths, is_test, load_batch, load_labelled  # noqa: E402
from router.intent import CLASSES, IntentModel, features  # noqa: E402
from router.tables import builtin_tables  # noqa: E402

THRESHOLDS = (0.6, 0.8, 0.9, 0.95, 0.98)
VETOES = (0.95, 0.99, 1.1)


def fit_logistic(items: Sequence[Item], *, epochs: int = 12, l2: float = 1e-4,
                 rate: float = 0.5, min_count: int = 2) -> dict[str, Any]:
    """Softmax regression by SGD over ``router.intent.features`` (the same linear form the
    shipped inference scores: a bias and one weight a class per feature)."""
    docs = [(features(train._body(i)), CLASSES.index(i.action)) for i in items if not i.files]
    df: Counter[str] = Counter()
    for feats, _ in docs:
        df.update(set(feats))
    keep = {f for f, n in df.items() if n >= min_count}
    docs = [([f for f in feats if f in keep], y) for feats, y in docs]
    k = len(CLASSES)
    weights = {f: [0.0] * k for f in sorted(keep)}
    bias = [0.0] * k
    order = list(range(len(docs)))
    rng = random.Random(0)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch)
        for j in order:
            feats, y = docs[j]
            s = bias[:]
            for f in feats:
                s = [a + b for a, b in zip(s, weights[f], strict=True)]
            top = max(s)
            e = [math.exp(z - top) for z in s]
            norm = sum(e)
            grad = [x / norm for x in e]
            grad[y] -= 1.0
            bias = [b - step * g for b, g in zip(bias, grad, strict=True)]
            for f in feats:
                weights[f] = [w - step * (g + l2 * w)
                              for w, g in zip(weights[f], grad, strict=True)]
    return {"priors": [round(b, 3) for b in bias],
            "weights": {f: [round(w, 3) for w in v] for f, v in weights.items()}}


def _fit_once(items: Sequence[Item]) -> dict[str, Any]:
    kept = train.MIN_COUNT
    train.MIN_COUNT = 1  # type: ignore[misc]
    try:
        return train.fit(items)
    finally:
        train.MIN_COUNT = kept  # type: ignore[misc]


Result = tuple[int, int, int, int, dict[str, tuple[int, int]]]


def _evaluate(router: Router, model: IntentModel, items: Sequence[Item]) -> Result:
    router._intent_model = model  # the fold's model in place of the shipped one
    correct = false = chat = 0
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        got = router.route(item.text, item.files, after=item.after)
        ok = got.action == item.action and got.then == item.then
        correct += ok
        recall[item.action][0] += 1
        recall[item.action][1] += ok
        if item.plain_chat:
            chat += 1
            false += got.action != "chat" or got.then is not None
    return correct, len(items), false, chat, {k: (v[0], v[1]) for k, v in recall.items()}


def _model(data: dict[str, Any], threshold: float, veto: float,
           arbiter: float = train.ARBITER,
           frame_arbiter: float = train.FRAME_ARBITER) -> IntentModel:
    return IntentModel(tuple(data["priors"]), data["weights"], threshold, veto, arbiter,
                       frame_arbiter)


def _total(results: Sequence[Result]) -> Result:
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for k, (n, ok) in r[4].items():
            recall[k][0] += n
            recall[k][1] += ok
    return (sum(r[0] for r in results), sum(r[1] for r in results),
            sum(r[2] for r in results), sum(r[3] for r in results),
            {k: (v[0], v[1]) for k, v in recall.items()})


def _cell(r: Result) -> str:
    return f"{100 * r[0] / r[1]:6.1f} % {100 * r[2] / max(r[3], 1):5.1f} %"


def main() -> int:
    labelled = load_labelled()
    folds = {p.stem: [i for i in load_batch(p) if not is_test(i)] for p in batch_paths()}
    router = Router(builtin_tables())
    never = IntentModel.from_data({})
    rows: dict[str, dict[str, Result]] = defaultdict(dict)
    grid: dict[str, dict[tuple[float, float], Result]] = {}
    started = time.perf_counter()
    fitters: dict[str, Callable[[Sequence[Item]], dict[str, Any]]] = {
        "shipped": train.fit, "nb-once": _fit_once, "logistic": fit_logistic}
    for held, items in folds.items():
        others = labelled + [i for name, part in folds.items() if name != held for i in part]
        rows["rules"][held] = _evaluate(router, never, items)
        rows["shipped"][held] = _evaluate(
            router, _model(fitters["shipped"](others), train.THRESHOLD, train.VETO), items)
        rows["nb-once"][held] = _evaluate(
            router, _model(fitters["nb-once"](others), train.THRESHOLD, train.VETO), items)
        data = fitters["logistic"](others)
        grid[held] = {(t, v): _evaluate(router, _model(data, t, v), items)
                      for t in THRESHOLDS for v in VETOES}
    chosen: dict[str, tuple[float, float]] = {}
    for held in folds:
        # The setting with the best accuracy on the other folds (fewest false actions on ties).
        def merit(setting: tuple[float, float], held: str = held) -> tuple[int, int]:
            rest = _total([grid[h][setting] for h in folds if h != held])
            return rest[0], -rest[2]
        chosen[held] = max(grid[held], key=merit)
        rows["logistic"][held] = grid[held][chosen[held]]
    names = list(rows)
    print(f"leave-one-batch-out over train parts ({time.perf_counter() - started:.0f} s); "
          "each cell: accuracy, chat sent to an action")
    print(f"{'fold':<10}{'n':>5}" + "".join(f"{n:>22}" for n in names) + "   logistic setting")
    for held in folds:
        n = rows["rules"][held][1]
        print(f"{held:<10}{n:>5}" + "".join(f"{_cell(rows[m][held]):>22}" for m in names)
              + f"   {chosen[held]}")
    totals = {m: _total(list(rows[m].values())) for m in names}
    print(f"{'all':<10}{totals['rules'][1]:>5}"
          + "".join(f"{_cell(totals[m]):>22}" for m in names))
    print(f"{'mean':<10}{'':>5}" + "".join(
        f"{100 * sum(r[0] / r[1] for r in rows[m].values()) / len(folds):>10.1f} %"
        f"{100 * sum(r[2] / max(r[3], 1) for r in rows[m].values()) / len(folds):>9.1f} %"
        for m in names))
    print(f"{'counts':<10}{'':>5}" + "".join(
        f"{f'{totals[m][0]}/{totals[m][1]} {totals[m][2]}/{totals[m][3]}':>22}" for m in names))
    print("recall per label (all folds):")
    for label in LABELS:
        cells = []
        for m in names:
            n, ok = totals[m][4].get(label, (0, 0))
            cells.append(f"{100 * ok / max(n, 1):>21.1f}%")
        print(f"  {label:<13}" + "".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
