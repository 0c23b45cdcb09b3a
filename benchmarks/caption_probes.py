"""The caption probes' figures: right of all per kind and per language, and the wrong ones.

    python benchmarks/caption_probes.py [PROBES.yaml]

Reads tests/router/probes/captions-20.yaml by default (its header says what the kinds are).
The probes were written by the caption tuner, not by the corpus's writers: they say whether
the kinds of caption the round aimed at are read, not how the router does on others' messages.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "router" / "probes" / "captions-20.yaml"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from router import route

    path = Path(argv[0]) if argv else DEFAULT
    probes = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    langs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong = []
    for p in probes:
        got = route(p["text"], p.get("files", ())).label
        ok = got == p["want"]
        for table, key in ((kinds, p["kind"]), (langs, p["lang"])):
            table[key][0] += ok
            table[key][1] += 1
        if not ok:
            wrong.append(f"  [{p['lang']}] {p['kind']:8} want {p['want']:16} got {got:18} "
                         f"{p['text']!r}")
    right = sum(v[0] for v in kinds.values())
    print(f"caption probes ({path.name}): {right}/{len(probes)} right")
    print("  per kind:     " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in kinds.items()))
    print("  per language: " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in langs.items()))
    print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
