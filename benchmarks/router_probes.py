"""Route a probe file (``tests/router/probes/*.yaml``) and print, per kind and language, how
many chat probes stay chat and how many requests are routed as they should be. Probes are
written by whoever tunes the router, for a kind, before changing any rule: the before and after
figures of a round (they say whether the kinds a round aimed at are read, not how the router
does on others' messages). Run from the repository root:

    python benchmarks/router_probes.py tests/router/probes/precision-20.yaml [--wrong]

Three layouts, one per round's tuner:
- kind → language → ``"label | text"`` (precision): the route's action is compared;
- a list of ``{lang, kind, a, t}`` (recall), or of ``{lang, kind, text, files?, want}``
  (captions, where a caption's ``then`` matters): the route's label (``upload-then-chat``) is
  compared.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _probes(data: Any) -> Iterator[tuple[str, str, str, tuple[str, ...], str, bool]]:
    """(kind, lang, text, files, wanted, by label) for each probe of any layout."""
    if isinstance(data, dict):
        for kind, langs in data.items():
            for lang, items in langs.items():
                for item in items:
                    label, text = (part.strip() for part in item.split("|", 1))
                    yield kind, lang, text, (), label, False
        return
    for p in data:
        yield (p["kind"], p["lang"], p.get("text", p.get("t", "")), tuple(p.get("files", ())),
               p.get("want", p.get("a", "")), True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probes", type=Path)
    parser.add_argument("--wrong", action="store_true", help="list the probes routed wrongly")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from router import route

    data = yaml.safe_load(args.probes.read_text(encoding="utf-8"))
    # kind -> lang -> [chat ok, chat n, request ok, request n]
    table: dict[str, dict[str, list[int]]] = {}
    for kind, lang, text, files, wanted, by_label in _probes(data):
        got_route = route(text, list(files))
        got = got_route.label if by_label else got_route.action
        ok = got == wanted
        counts = table.setdefault(kind, {}).setdefault(lang, [0, 0, 0, 0])
        k = 0 if wanted == "chat" else 2
        counts[k] += ok
        counts[k + 1] += 1
        if args.wrong and not ok:
            print(f"  [{kind} {lang}] {wanted:<8} got {got:<8} {text}")
    totals = [0, 0, 0, 0]
    for kind, langs in table.items():
        kind_totals = [sum(c[i] for c in langs.values()) for i in range(4)]
        totals = [a + b for a, b in zip(totals, kind_totals, strict=True)]
        row = "  ".join(f"{lang} {c[0]}/{c[1]}·{c[2]}/{c[3]}" for lang, c in langs.items())
        print(f"{kind:<9} chat {kind_totals[0]}/{kind_totals[1]}  requests "
              f"{kind_totals[2]}/{kind_totals[3]}   {row}")
    print(f"{'all':<9} chat {totals[0]}/{totals[1]}  requests {totals[2]}/{totals[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
