"""Candidate learned models for the router's fill-in and veto, and their offline scoring.

Every candidate here has the shipped model's form (a bias and one weight a class per
feature of ``router.intent.features``, softmax over the sums), so the shipped
``IntentModel`` scores it with one lookup per feature and any commit's router can be handed
one (``router_replay.py``). Used by ``router_cv.py`` and ``router_replay.py``; not a script.

- ``nb``: the shipped naive Bayes (``router.train.fit``).
- ``nb-temp``: the same weights divided by a temperature fitted on the training items
  alone (five folds of them: the temperature with the least log loss on the fold left out),
  so that its probability means what it says; the order of its classes is the same.
- ``logistic``: multinomial logistic regression by SGD (L2, a fixed shuffle: deterministic);
  ``logistic-long``: the same fitted longer, with larger steps.
- ``nb-once``: naive Bayes keeping features seen in one message (``MIN_COUNT`` 1);
  ``nb-once-words``: the same less the pairs seen in one message.

``settle`` turns what ``router_asked.asked`` recorded (each item's route with the
candidate never asked, and with it always believed, and its probability where it was asked)
into right and false counts at any fill-in threshold and veto, without routing again.

Run alone, it prints each candidate by itself, trained without the last five batches and
asked about their train parts: share right, log loss, and how often it is right in each band
of its own probability (a usable confidence is right about as often as it says):

    python benchmarks/router_candidates.py [nb,nb-temp,logistic]

``--read A,B,...``: instead, what reading each candidate's weights from the compiled cache
costs (``marshal`` of the packed form ``router.cache`` writes, the caption model with it):
its size and CPU time, minimum and median of 60 reads taken in turn.

    python benchmarks/router_candidates.py --read nb,nb-once-words,nb-once
"""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from router import train  # noqa: E402
from router.corpus import Item  # noqa: E402
from router.intent import CLASSES, features  # noqa: E402

Fitter = Callable[[Sequence[Item]], dict[str, Any]]


def _docs(items: Iterable[Item]) -> list[tuple[list[str], int]]:
    """Features as the router scores them (a list: a repeated feature counts twice)."""
    return [(features(train._body(i)), CLASSES.index(i.action)) for i in items if not i.files]


def logits(data: dict[str, Any], feats: Iterable[str]) -> list[float]:
    """The sums ``IntentModel.scores`` takes the softmax of."""
    total = list(data["priors"])
    weights = data["weights"]
    for f in feats:
        w = weights.get(f)
        if w is not None:
            total = [a + b for a, b in zip(total, w, strict=True)]
    return total


def softmax(z: Sequence[float], temperature: float = 1.0) -> list[float]:
    top = max(z)
    e = [math.exp((x - top) / temperature) for x in z]
    norm = sum(e)
    return [x / norm for x in e]


def fit_nb(items: Sequence[Item]) -> dict[str, Any]:
    return train.fit(items)


TEMPERATURES = tuple(round(1.15 ** n, 3) for n in range(31))  # 1 .. ~66


def fit_temperature(items: Sequence[Item], fitter: Fitter = fit_nb, folds: int = 5) -> float:
    """The temperature with the least log loss of ``fitter``'s model on each fifth of
    ``items`` left out (folds by position: the items come batch by batch)."""
    held: list[tuple[list[float], int]] = []
    for k in range(folds):
        inside = [i for n, i in enumerate(items) if n % folds != k]
        data = fitter(inside)
        held += [(logits(data, feats), y)
                 for feats, y in _docs(i for n, i in enumerate(items) if n % folds == k)]

    def loss(t: float) -> float:
        return -sum(math.log(max(softmax(z, t)[y], 1e-300)) for z, y in held)

    return min(TEMPERATURES, key=loss)


def fit_nb_temp(items: Sequence[Item]) -> dict[str, Any]:
    data = fit_nb(items)
    t = fit_temperature(items)
    return {"priors": [round(p / t, 4) for p in data["priors"]],
            "weights": {f: [round(x / t, 4) for x in w] for f, w in data["weights"].items()},
            "temperature": t}


def fit_logistic(items: Sequence[Item], *, epochs: int = 10, l2: float = 3e-4,
                 rate: float = 0.2, min_count: int = 2) -> dict[str, Any]:
    """Softmax regression by SGD over the router's features (kept when seen in
    ``min_count`` messages), L2 on the weights a message touches, the step shrinking each
    epoch, the messages shuffled by a fixed seed: the same weights every run."""
    if len(CLASSES) != 5:
        raise ValueError("fit_logistic is written for five classes")
    docs = _docs(items)
    df: Counter[str] = Counter()
    for feats, _ in docs:
        df.update(set(feats))
    vocab = sorted(f for f, n in df.items() if n >= min_count)
    index = {f: n for n, f in enumerate(vocab)}
    rows = [([index[f] for f in feats if f in index], y) for feats, y in docs]
    weights = [[0.0] * 5 for _ in vocab]
    bias = [0.0] * 5
    order = list(range(len(rows)))
    rng = random.Random(0)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch)
        decay = 1.0 - step * l2
        for j in order:
            ids, y = rows[j]
            s0, s1, s2, s3, s4 = bias
            for i in ids:
                w = weights[i]
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
                s4 += w[4]
            top = max(s0, s1, s2, s3, s4)
            e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
            e3, e4 = math.exp(s3 - top), math.exp(s4 - top)
            norm = e0 + e1 + e2 + e3 + e4
            g = [e0 / norm, e1 / norm, e2 / norm, e3 / norm, e4 / norm]
            g[y] -= 1.0
            g0, g1, g2, g3, g4 = (step * x for x in g)
            bias = [bias[0] - g0, bias[1] - g1, bias[2] - g2, bias[3] - g3, bias[4] - g4]
            for i in ids:
                w = weights[i]
                weights[i] = [w[0] * decay - g0, w[1] * decay - g1, w[2] * decay - g2,
                              w[3] * decay - g3, w[4] * decay - g4]
    return {"priors": [round(b, 4) for b in bias],
            "weights": {f: [round(x, 4) for x in weights[n]] for n, f in enumerate(vocab)}}


def _nb_min_count(items: Sequence[Item], min_count: int) -> dict[str, Any]:
    return train.fit(items, min_count=min_count)


def _nb_once_words(items: Sequence[Item]) -> dict[str, Any]:
    """``nb-once`` less the pairs (of words, of CJK characters) seen in one message only: a
    quarter more features than the shipped model instead of 2.7 times. (The pairs are dropped
    after fitting: the smoothing counted them, a shift of each class's weights.)"""
    data = _nb_min_count(items, 1)
    kept = set(fit_nb(items)["weights"])
    data["weights"] = {f: w for f, w in data["weights"].items()
                       if f in kept or not (" " in f or (f[0] >= "\u2e80" and len(f) == 2))}
    return data


CANDIDATES: dict[str, Fitter] = {
    "nb": fit_nb,
    "nb-temp": fit_nb_temp,
    "logistic": fit_logistic,
    # Longer and with larger steps: fitted closer to the training messages.
    "logistic-long": lambda items: fit_logistic(items, epochs=20, rate=0.5, l2=1e-4),
    "nb-once": lambda items: _nb_min_count(items, 1),
    "nb-once-words": _nb_once_words,
}



# What router_asked records for one item: (plain chat, right and false with the candidate
# never asked) and, per candidate, (where it was asked: "fill", "veto", or "" when believing
# it would change nothing; the action it chose; its probability of it; right and false with
# it always believed there).
Record = tuple[bool, bool, bool, dict[str, tuple[str, str, float, bool, bool]]]

FILL_INS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999, 1.1)
VETOES = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999, 0.99999, 1.1)


def settle(records: Iterable[Record], name: str, fill_in: float, veto: float
           ) -> tuple[int, int, int, int, int, int]:
    """(right, items, chat sent to an action, plain chat, fill-ins made, vetoes made) with
    candidate ``name`` believed at ``fill_in`` (its probability of the action it chose) and
    ``veto`` (its probability of chat)."""
    right = n = false = chat = fills = vetoes = 0
    for plain, never_right, never_false, asked in records:
        n += 1
        chat += plain
        where, action, p, fire_right, fire_false = asked[name]
        fired = (where == "fill" and action != "chat" and p >= fill_in) or \
            (where == "veto" and p >= veto)
        fills += fired and where == "fill"
        vetoes += fired and where == "veto"
        right += fire_right if fired else never_right
        false += fire_false if fired else never_false
    return right, n, false, chat, fills, vetoes


def _setting_cell(records: Sequence[Record], name: str, fill_in: float, veto: float) -> str:
    right, n, false, chat, fills, vetoes = settle(records, name, fill_in, veto)
    return f"{right}/{n} {false}/{chat} ({fills}f {vetoes}v)"


def report(folds: dict[str, list[Record]], names: Sequence[str],
           shipped: tuple[float, float]) -> None:
    """Print, over all folds: each candidate's fill-in alone at every threshold, its veto alone
    at every setting (counts: right, chat sent to an action, fill-ins and vetoes made), and
    both at the setting chosen for each fold on the other folds (most right, then fewest
    chat messages sent to an action) and at the shipped settings ``shipped``."""
    everything = [r for records in folds.values() for r in records]
    print(f"model never asked: {_setting_cell(everything, names[0], 1.1, 1.1)}")
    print("fill-in alone (veto off): right, chat to an action (fill-ins made)")
    for t in FILL_INS:
        print(f"  {t:<7g}" + "".join(
            f"{name}: {_setting_cell(everything, name, t, 1.1):<28}" for name in names))
    print("veto alone (fill-in off)")
    for v in VETOES:
        print(f"  {v:<7g}" + "".join(
            f"{name}: {_setting_cell(everything, name, 1.1, v):<28}" for name in names))
    print(f"both, at the shipped settings {shipped} and at the setting chosen on the other "
          "folds")
    grid = [(t, v) for t in FILL_INS for v in VETOES]
    for name in names:
        # Each fold's counts at each setting, and their sums: a fold's setting is chosen on
        # the sums less its own counts.
        table = {held: {s: settle(records, name, *s) for s in grid}
                 for held, records in folds.items()}
        everywhere = {s: [sum(c) for c in zip(*(table[h][s] for h in folds), strict=True)]
                      for s in grid}
        totals = [0] * 6
        chosen: Counter[tuple[float, float]] = Counter()
        for held in folds:
            merit = {s: (everywhere[s][0] - table[held][s][0],
                         table[held][s][2] - everywhere[s][2]) for s in grid}
            best = max(grid, key=merit.__getitem__)
            chosen[best] += 1
            totals = [a + b for a, b in zip(totals, table[held][best], strict=True)]
        print(f"  {name:<10} shipped {_setting_cell(everything, name, *shipped):<30}"
              f"chosen {totals[0]}/{totals[1]} {totals[2]}/{totals[3]} "
              f"({totals[4]}f {totals[5]}v)  settings {dict(chosen.most_common(3))}")


PAIR = (0.5, 0.7, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.1)


def pair_report(folds: dict[str, list[Record]], first: str, second: str) -> None:
    """Two candidates together, as changes from the model never asked (right, chat sent to an
    action), rows ``first``'s threshold, columns ``second``'s: a fill-in made when both choose
    the same action, each at its threshold ("and"); a veto when either is that sure of chat
    ("or")."""
    records = [r for rs in folds.values() for r in rs]

    def fill(t1: float, t2: float) -> tuple[int, int]:
        right = false = 0
        for _, never_right, never_false, asked in records:
            a, b = asked[first], asked[second]
            if a[0] == b[0] == "fill" and a[1] == b[1] != "chat" and a[2] >= t1 \
                    and b[2] >= t2:
                right += a[3] - never_right
                false += a[4] - never_false
        return right, false

    def veto(v1: float, v2: float) -> tuple[int, int]:
        right = false = 0
        for _, never_right, never_false, asked in records:
            a, b = asked[first], asked[second]
            source = a if a[0] == "veto" and a[2] >= v1 else \
                b if b[0] == "veto" and b[2] >= v2 else None
            if source is not None:
                right += source[3] - never_right
                false += source[4] - never_false
        return right, false

    for title, cell in (("fill-in when both choose it", fill), ("veto when either", veto)):
        print(f"{title} (rows {first}, columns {second}; right, chat to an action)")
        print(" " * 8 + "".join(f"{c:>10g}" for c in PAIR))
        for t1 in PAIR:
            print(f"  {t1:<6g}" + "".join(
                f"{'{:+d}/{:+d}'.format(*cell(t1, t2)):>10}" for t2 in PAIR))


def calibration(names: Sequence[str]) -> None:
    """See the module docstring."""
    from router.corpus import batch_paths, is_test, load_batch, load_labelled

    paths = batch_paths()
    inside = load_labelled() + [i for p in paths[:-5] for i in load_batch(p) if not is_test(i)]
    held = _docs(i for p in paths[-5:] for i in load_batch(p) if not is_test(i))
    levels = (0.0, 0.5, 0.7, 0.9, 0.99, 0.999)
    print(f"trained on {len(inside)} items, asked about {len(held)} (the train parts of "
          f"{', '.join(p.stem for p in paths[-5:])})")
    for name in names:
        data = CANDIDATES[name](inside)
        right = 0
        loss = 0.0
        bins = [[0, 0] for _ in levels]
        for feats, y in held:
            p = softmax(logits(data, feats))
            best = max(range(len(p)), key=p.__getitem__)
            right += best == y
            loss -= math.log(max(p[y], 1e-300))
            level = max(n for n, low in enumerate(levels) if p[best] >= low)
            bins[level][0] += 1
            bins[level][1] += best == y
        extra = f", temperature {data['temperature']}" if "temperature" in data else ""
        print(f"  {name:<14} {100 * right / len(held):.1f} % right, log loss "
              f"{loss / len(held):.3f}{extra}; right by band of its probability (from) "
              + ", ".join(f"{low:g}: {ok}/{n}" for low, (n, ok) in zip(levels, bins,
                                                                      strict=True)))


def read_cost(names: Sequence[str]) -> None:
    """See the module docstring."""
    import gc
    import marshal
    import statistics
    import time

    from router.cache import _packed
    from router.corpus import train_items

    items = train_items()
    caption = train.fit_caption(items)
    blobs = {name: marshal.dumps({"intent": _packed({**CANDIDATES[name](items),
                                                     "caption": caption})})
             for name in names}
    gc.collect()
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(60):
        for name, blob in blobs.items():
            started = time.process_time()
            marshal.loads(blob)
            times[name].append(time.process_time() - started)
    for name, blob in blobs.items():
        print(f"  {name:<14} {len(blob) // 1024} KiB, read in {1000 * min(times[name]):.2f} ms "
              f"(median {1000 * statistics.median(times[name]):.2f} ms) of CPU")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--read":
        read_cost(sys.argv[2].split(","))
    else:
        calibration((sys.argv[1] if len(sys.argv) > 1 else "nb,nb-temp,logistic").split(","))
