"""What candidate learned models would do in a router: each item routed with the model
never asked for a fill-in or a veto, and with each candidate always believed there.

Imports only what every commit's router has had since batch 31 (``router.core.default_router``,
``Router._intent_model``, ``router.intent.IntentModel`` and ``CLASSES``), so that
``router_replay.py`` can run it with an older commit's code first on the path:

    python benchmarks/router_asked.py BATCH.yaml CANDIDATES.json   (prints JSON records)

Where the router asks its model is told by the calling method's name: ``_learned`` (the
fill-in for a message the rules found nothing in) and ``_second_opinion`` (the veto of an
action read from a phrase or frame) ask the candidate; everything else (the arbiters, the
caption model) asks the commit's own model, as shipped. ``router_candidates.settle`` turns
the records into counts at any threshold.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from router.intent import CLASSES, IntentModel


class Probe:
    """Stands in for the router's model: the commit's own, except where a candidate is
    asked; ``fire`` believes the candidate there whatever its probability."""

    def __init__(self, base: Any, candidate: Any, fire: bool) -> None:
        self._base = base
        self._candidate = candidate
        self._fire = fire
        self.threshold = 0.0 if fire else 1.1
        self.veto = 0.0 if fire else 1.1
        self.arbiter = base.arbiter
        self.frame_arbiter = base.frame_arbiter
        self.caption = base.caption
        self.asked: tuple[str, str, float] = ("", "chat", 0.0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)

    def predict(self, body: str) -> tuple[str, float]:
        if sys._getframe(1).f_code.co_name != "_learned":
            return self._base.predict(body)  # type: ignore[no-any-return]
        probs = self._candidate.scores(body)
        best = max(range(len(CLASSES)), key=probs.__getitem__)
        self.asked = ("fill", CLASSES[best], probs[best])
        if best and self._fire:
            return CLASSES[best], probs[best]
        return "chat", probs[0]

    def scores(self, body: str) -> list[float]:
        if sys._getframe(1).f_code.co_name != "_second_opinion":
            return self._base.scores(body)  # type: ignore[no-any-return]
        probs: list[float] = self._candidate.scores(body)
        self.asked = ("veto", "chat", probs[0])
        return probs


def _outcome(router: Any, item: Any) -> tuple[Any, bool, bool]:
    got = router.route(item.text, list(item.files), after=item.after)
    right = got.action == item.action and got.then == item.then
    false = item.plain_chat and (got.action != "chat" or got.then is not None)
    return (got.action, got.then, got.reason), right, false


def asked(router: Any, items: Sequence[Any], candidates: dict[str, dict[str, Any]],
          base: Any = None) -> list[Any]:
    """One record per item (see ``router_candidates.Record``). ``base``: the model asked
    everywhere else, and the candidate ``commit`` (default: the router's own)."""
    shipped = router._intent
    base = shipped if base is None else base
    models = {name: IntentModel.from_data(dict(data, threshold=1.1))
              for name, data in candidates.items()}
    models["commit"] = base
    records: list[Any] = []
    try:
        router._intent_model = Probe(base, base, fire=False)
        never = [_outcome(router, item) for item in items]
        per: dict[str, list[Any]] = {}
        for name, model in models.items():
            probe = Probe(base, model, fire=True)
            router._intent_model = probe
            rows = per[name] = []
            for item, (route, _, _) in zip(items, never, strict=True):
                probe.asked = ("", "chat", 0.0)
                got, right, false = _outcome(router, item)
                where, action, p = probe.asked
                rows.append((where if got != route else "", action, p, right, false))
        for n, item in enumerate(items):
            records.append((item.plain_chat, never[n][1], never[n][2],
                            {name: rows[n] for name, rows in per.items()}))
    finally:
        router._intent_model = shipped
    return records


def main(argv: list[str]) -> int:
    from router.core import default_router
    from router.corpus import is_test, load_batch

    items = [i for i in load_batch(Path(argv[0])) if not is_test(i)]
    candidates = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    router = default_router()
    shipped = router._intent
    records = asked(router, items, candidates)
    # The router as shipped, to check that the records settle to what it does.
    outcomes = [_outcome(router, item) for item in items]
    print(json.dumps({"records": records, "threshold": shipped.threshold,
                      "veto": shipped.veto, "shipped": [sum(o[1] for o in outcomes),
                                                        sum(o[2] for o in outcomes)]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
