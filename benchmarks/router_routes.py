"""Dump every route of the corpus, or compare against a dump: a speed change must route every
message exactly as before.

Routes every message of the labelled set (tests/router/labelled.yaml), of all corpus batches
(tests/router/corpus, train and test parts) and of the final batches (tests/router/final), as
labelled and again in every reply context (``after``) and with each prior language, plus the
string literals of the router's tests; each route is written whole (``Route.to_dict()``:
action, then, score, reason, detail, language, the matched entry, attachments, candidates).
Run from the repository root:

    python benchmarks/router_routes.py dump /tmp/routes-main.json --root /work/main
    python benchmarks/router_routes.py check /tmp/routes-main.json

``check`` prints each difference (at most 20) of a message one may read (the labelled set, the
corpus's train parts, the tests' strings), only counts those of held-out messages (the test
split and the final batches: whoever tunes the router must not see them), and exits 1 when
anything differs. The messages are
always this checkout's; ``--root`` routes them with another checkout's router (main's, say, to
dump the routes to keep). This is a tool for engine changes that must not change behaviour,
not a test: the tables change the routes on purpose, so dump afresh after merging table
changes. It says which router routed: the compiled one (``router.native``) where a build for
the checkout's sources exists, else the plain one; to compare the two, dump with
``NEMO_ROUTER_PURE=1`` and check without it after ``python -m router.compile build``.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

AFTERS = (None, "export-offer", "timeline", "credits", "edit")


def _test_strings() -> list[str]:
    """String literals of the router's tests (messages the tests route, among other text)."""
    found: set[str] = set()
    for path in sorted((ROOT / "tests" / "router").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and 0 < len(node.value) <= 500:
                found.add(node.value)
    return sorted(found)


Case = tuple[str, tuple[str, ...], str | None, str | None, bool]


def _cases() -> list[Case]:
    """(text, files, after, prior_language, held_out) for every message to route."""
    from router.corpus import batch_paths, is_test, load_batch, load_labelled

    tests = ROOT / "tests" / "router"
    items = [(i, False) for i in load_labelled(tests / "labelled.yaml")]
    items += [(i, is_test(i)) for p in batch_paths(tests / "corpus") for i in load_batch(p)]
    items += [(i, True) for p in batch_paths(tests / "final") for i in load_batch(p)]
    cases: list[Case] = []
    for item, held in items:
        cases.append((item.text, item.files, item.after, None, held))
        cases.append((item.text, item.files, item.after, item.lang, held))
        cases += [(item.text, (), after, None, held) for after in AFTERS if after != item.after]
    cases += [(text, (), after, None, False) for text in _test_strings() for after in AFTERS]
    cases += [(text, (), None, lang, False) for text in _test_strings()
              for lang in ("en", "zh-Hans", "es", "ja", "de")]
    return cases


def _routes() -> list[dict[str, Any]]:
    from router import route

    out = []
    for text, files, after, prior, held in _cases():
        got = route(text, files, after=after, prior_language=prior).to_dict()
        out.append({"text": text, "files": list(files), "after": after, "prior": prior,
                    "held_out": held, "route": got})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("dump", "check"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose router routes them (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    routes = _routes()
    native = sys.modules.get("router.native")  # absent from checkouts older than it
    print(f"routed by the {'compiled' if native and native.state() == 'native' else 'plain'} "
          f"router ({native.state() if native else 'plain Python'})")
    if args.mode == "dump":
        args.file.write_text(json.dumps(routes, ensure_ascii=False, indent=0),
                             encoding="utf-8")
        print(f"{len(routes)} routes written to {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    if len(before) != len(routes):
        print(f"different message sets: {len(before)} dumped, {len(routes)} now")
        return 1
    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        # A dump made before messages were marked held out compares as well.
        return all(a[k] == b[k] for k in ("text", "files", "after", "prior", "route"))

    differ = [(a, b) for a, b in zip(before, routes, strict=True) if not same(a, b)]
    shown = [(a, b) for a, b in differ if not b["held_out"]]
    for a, b in shown[:20]:
        print(f"{a['text']!r} files={a['files']} after={a['after']} prior={a['prior']}")
        for key in a["route"]:
            if a["route"][key] != b["route"].get(key):
                print(f"    {key}: {a['route'][key]!r} → {b['route'].get(key)!r}")
    print(f"{len(routes)} routes compared, {len(differ)} differ "
          f"({len(differ) - len(shown)} of them of held-out messages, not shown)")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
