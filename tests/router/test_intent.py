"""The learned fallback's arithmetic (``router.intent``): what it computes, not how fast."""

from __future__ import annotations

import json
import math
from pathlib import Path

from router.intent import CLASSES, IntentModel, PackedWeights, features

ROOT = Path(__file__).resolve().parents[2]
BODIES = ["send me the final mp4 please", "把成品发我一下好吗", "what's on the timeline?",
          "크레딧 얼마나 남았어?", "mach die musik leiser und dann exportieren", "zzz qqq",
          "タイムラインを見せて", "¿cuántos créditos me quedan este mes?", ""]


def _shipped() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (ROOT / "router" / "data" / "intent.json").read_text(encoding="utf-8"))
    return data


def _reference(model: dict[str, object], body: str) -> list[float]:
    """Naive Bayes as written down: the prior plus the weights of the known features, summed
    per class in the features' order, then the softmax."""
    weights = model["weights"]
    priors = model["priors"]
    assert isinstance(weights, dict)
    assert isinstance(priors, list)
    known = [weights[f] for f in features(body) if f in weights]
    if not known:
        return [1.0] + [0.0] * (len(CLASSES) - 1)
    total = [prior + sum(vector[c] for vector in known) for c, prior in enumerate(priors)]
    top = max(total)
    exp = [math.exp(t - top) for t in total]
    return [e / sum(exp) for e in exp]


def test_scores_are_the_naive_bayes_posterior_to_the_last_bit() -> None:
    shipped = _shipped()
    model = IntentModel.from_data(shipped)
    for body in BODIES:
        assert model.scores(body) == _reference(shipped, body), body


def test_unpacked_weights_share_one_vector_for_equal_weights() -> None:
    # Most features have the same vector as thousands of others (a word seen once in one
    # class): one tuple each, so that a message's lookups land on few objects.
    shipped = _shipped()
    weights = shipped["weights"]
    assert isinstance(weights, dict)
    packed = PackedWeights(*PackedWeights.pack(weights))
    unpacked = packed.unpacked()
    assert {f: list(v) for f, v in unpacked.items()} == weights
    distinct = set(unpacked.values())
    assert len({id(v) for v in unpacked.values()}) == len(distinct) < len(unpacked) // 2
