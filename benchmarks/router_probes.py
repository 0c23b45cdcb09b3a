"""Route a probe file (``tests/router/probes/*.yaml``: kind → language → "label | text") and
print, per kind and language, how many chat probes stay chat and how many look-alike requests
are routed to their action. Probes are written by whoever tunes the router, for a kind, before
changing any rule: the before and after figures of a round. Run from the repository root:

    python benchmarks/router_probes.py tests/router/probes/precision-20.yaml [--wrong]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probes", type=Path)
    parser.add_argument("--wrong", action="store_true", help="list the probes routed wrongly")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from router import route

    data = yaml.safe_load(args.probes.read_text(encoding="utf-8"))
    totals = [0, 0, 0, 0]
    for kind, langs in data.items():
        row = []
        kind_totals = [0, 0, 0, 0]
        for lang, items in langs.items():
            counts = [0, 0, 0, 0]  # chat ok, chat n, request ok, request n
            for item in items:
                label, text = (part.strip() for part in item.split("|", 1))
                got = route(text).action
                ok = got == label
                k = 0 if label == "chat" else 2
                counts[k] += ok
                counts[k + 1] += 1
                if args.wrong and not ok:
                    print(f"  [{kind} {lang}] {label:<8} got {got:<8} {text}")
            row.append(f"{lang} {counts[0]}/{counts[1]}·{counts[2]}/{counts[3]}")
            kind_totals = [a + b for a, b in zip(kind_totals, counts, strict=True)]
        totals = [a + b for a, b in zip(totals, kind_totals, strict=True)]
        print(f"{kind:<9} chat {kind_totals[0]}/{kind_totals[1]}  requests "
              f"{kind_totals[2]}/{kind_totals[3]}   " + "  ".join(row))
    print(f"{'all':<9} chat {totals[0]}/{totals[1]}  requests {totals[2]}/{totals[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
