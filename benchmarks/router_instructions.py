"""Instructions per routed message, counted by valgrind: a figure the machine's load does not
move, for engine changes too small for the timings of ``router_bench.py`` to tell apart.

On a shared two-core machine the paired timings of ``router_bench.py --against`` still move by
2-5 % from run to run (an identical tree reads 0.96-1.03x), so a change worth 1-3 % cannot be
told from noise there. Instruction counts are the same on every run (the hash seed is fixed);
they are not time (a dictionary miss and a cache miss count alike), so judge a change by both.

    python benchmarks/router_instructions.py [--against CHECKOUT] [--step 4] [--passes 2]

Routes every ``--step``-th training message of this checkout (those of ``router_bench.py``),
after a warm-up pass over all of them (first-use paths, remembered words, the learned model
unpacked), under ``valgrind --tool=callgrind``; the figure is the difference between a run
with ``--passes`` timed passes and one with none, per message. With ``--against``, the other
checkout's router routes the same messages (this checkout's) in the same way; the collector
is off during the counted passes, as in ``router_bench.py``. Two checkouts of the same commit
read 1.0001 (with the collector on, 1.004: its runs fall where start-up's allocations put
them). Needs valgrind; two runs per tree, about three minutes in all at ``--step 8``.

Where a message's instructions go (main at 16a1354, 246,900 a message): the scan about 57,500
(of which cutting the text into tokens, ``TOKEN_SPLIT``, about 23,000: 17,000 for ASCII text,
27,000 for CJK); replacing it by a memo of each body's hits took the median from 35-39 µs
to 26 µs in one process (two runs): it is the largest part. The tokens alone are not worth
cutting differently: a split at spaces with a fast path for plain words counted the same.

Measured again at ded584d (1 Dec, 23:00-00:25, load 2-11 from other work on the two cores):
246,986 a message (``--step 8``). By C function (callgrind, the route minus start-up), the
bytecode loop itself is about a quarter (66,000); ``re`` about 30,000 (each call of a pattern
that branches allocates its match stack with libc ``malloc`` and frees it again, about 7 % of
the whole in ``malloc``/``free``); dictionary lookups, named-tuple field reads (about 39 of
``Entry`` and 20 of the decision a message, each a descriptor call) and object allocation most
of the rest. By stage, in one process (best of 5 per message, median): the scan 6 µs alone but
about 10 in place (the trie and the entries are large: cache misses), ``_decide`` 6-8 µs,
``detect_locale`` 3-4.5 µs, ``normalize`` 1 µs; a message the learned model scores costs about
40 µs more (22 % of the training messages: above the median, so they do not move it).
Tried and dropped, each counted here (``TOKEN_SPLIT`` over the training bodies: 23,100
instructions a body): cutting at spaces with ``str`` methods for whole words, single CJK
characters and a word with one mark after it, ``TOKEN_SPLIT`` for the other pieces, 32,800
(more: the Python loop per piece costs more than the regex per token); language votes as
vectors summed with ``zip``/``sum`` in C instead of a dictionary update per vote, 43,000
against 37,500 for ``detect_locale``; reading every hit's entry by unpacking it in ``_read``
and ``_frames``, the decision's fields once in ``route``, 247,348 against 246,986 (1.0015);
the trie walk over ``compress``/``enumerate`` instead of an index loop, the same time (76 % of
the tokens start a key, so little is skipped). What is left to try: fewer regex calls a
message (the scan, the language, the second opinion and the decline check each cut the
body again), and a smaller index for the scan (fewer cache misses rather than fewer
instructions, which this count does not see).

Third pass (2 Dec, 00:35-00:58): a one-entry memo of the body's tokens shared by the scan,
the model, the checks and the detector counted 0.925 of main's instructions but was not faster
timed (paired, chunked, both ways round: 1.01 and 0.98); taken out again (ae4c718).

Fourth pass (2 Dec, 01:45-03:00, load 2-6): instructions are not time here. Routing the same
message again takes 27-30 µs, a new one 37-48 µs at the same load: about a quarter of the
median is the first touch of what a message reads (in place, the scan's trie walk takes 9-10
µs the first time and 3.5-4 µs right after; compacting the trie and the entries, storing the
entries in the trie's nodes, or dicts that keep their keys' hashes did not change that). What
did count, timed: the named tuples read on the hot path. A field of a NamedTuple is a
descriptor call the interpreter does not specialise (about 45 ns against 15 ns for a slot);
``Entry`` (about forty reads a message) and the rules' ``_Decision`` (about twenty) are now
classes with slots, ``Route``/``Match`` are made with ``tuple.__new__`` in C: 236,033
instructions a message against main's 250,522 (0.942, ``--step 8``, ef558b9 against ef47ee1)
and a median 4-8 % lower in paired timing (``router_bench.py --against``, both ways round).
Dropped, timed: the scan over ``map``/``compress`` (fewer bytecodes, slower: the iterator
objects cost more), the detector's votes through ``map``/``chain``, loops instead of
comprehensions in the checks (no change).

Fifth pass (2 Dec, 04:37-05:50, load 1-7): where the in-place time goes, by replacing one
stage at a time with a memo of its results (one process, best of 4 per message, median): the
scan about 9 µs of 33-35, ``detect_locale`` about 5. Routing a message right after running
unrelated Python that touches little data costs about 10 µs more than routing it again
(43 against 33 µs, median), after touching 8 MB about 160 µs more: the cost of a new message is
the processor's caches and predictors as much as its instructions. Counted with callgrind
(``PYTHONHASHSEED=0``, the 11,456 training bodies, warm): ``detect_locale`` 37,400
instructions a body; summing its votes once per distinct set of languages (words looked up
with ``map``, counted with ``list.count``) 40,400, dropped; splitting with the newline first in
``TOKEN_SPLIT``'s alternation 2.3 % fewer instructions of the split alone (same tokens; not
worth a change). Kept: the detector's votes as a few dozen shared tuples (memory, not time).

Sixth pass (3 Dec, 21:56-22:50, load 0.4-2.6, another session's runs beside it): in place,
one stage at a time answered from a memo (paired in one process, chunks of 400, best of 6,
median of 40-50 µs): the scan 11.8 µs (the split 1.4-2; its trie walk takes 12-13 µs the
first time and 6.5 right after, and a walk of the same tokens with dummy entries leaves 5.8:
the cold part is the trie, not the entries), ``_decide`` 16 (``_read`` 3.7 in place, 2.5
again), ``detect_locale`` 6.5, ``_detail`` 1.35, ``normalize`` 1.2. Bytecodes counted with
``sys.settrace`` opcode events (about 3,000 a message near the median; the scan a quarter)
do not predict time either: two rewrites of the trie walk with fewer (``for`` over
``enumerate`` with an iterator skipped on; a sentinel token, the first child looked up
inline) timed the same or 4 % slower. Dropped, timed: the trie as one flat dict of
space-joined token paths (1.08x: a string made per step), the trie rebuilt level by level
(no change), the split shared between the scan and the later scans of the same body by an
identity memo (no change), the detector's memo of votes per word dropped (no change).
Kept (4f4ea0d, 7518d60, 80f13fa): a Latin text's language scores as one packed integer,
summed in C and read back with ``struct`` (``detect_locale`` 0.92-0.94 on Latin text); the
typo fallback reading words as strings before walking matches; quotes of ASCII text found
with substring tests; conditions and fillers tried with one ``startswith`` over the tuple
(a credits message's condition check took ~8 µs); a few generators made loops or C calls.
Together 0.95-0.96 of the time of the tree they start from (f8c8ee1; ``router_bench.py
--against``, best of 6 per message median, raw 0.968 and 0.977 this/that, 1.076 and 1.059
that/this; the tree timed first reads 1.028-1.034 against a copy of itself, which the raw
figures carry). The quarter the issue asks for would need the trie walk and the reading
of the hits to touch far less memory or run far fewer Python calls a message (about 45 and
80 C calls near the median now): not found in this pass.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the child: the router of the checkout given, the messages from the file given.
_CHILD = """
import gc, json, sys
root, messages, step, passes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, root)
from router import Router, tables
router = Router(tables.builtin_tables())
items = json.loads(open(messages, encoding="utf-8").read())
for text, files, after in items:
    router.route(text, files, after=after)
chosen = items[::step]
# As router_bench.py times: without the collector, whose runs fall where the allocations of
# start-up (which differ with the checkout's path) put them, not where the routes do.
gc.collect()
gc.disable()
for _ in range(passes):
    for text, files, after in chosen:
        router.route(text, files, after=after)
"""


def _instructions(root: Path, messages: Path, step: int, passes: int, cache: str) -> int:
    """Instructions of one child run (start-up and warm-up included)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": cache}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-c", _CHILD, str(root), str(messages), str(step), str(passes)],
        capture_output=True, text=True, env=env, cwd=root, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed for {root}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout to count the same way")
    parser.add_argument("--step", type=int, default=4, help="count every Nth message")
    parser.add_argument("--passes", type=int, default=2, help="counted passes (default 2)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, str(ROOT))
    from router.corpus import train_items

    items = [(i.text, list(i.files), i.after) for i in train_items()]
    count = len(items[::args.step])
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        messages = Path(tmp) / "messages.json"
        messages.write_text(json.dumps(items), encoding="utf-8")
        figures = []
        for tree in trees:
            # The tables' cache built first (outside the counts): both runs then load it.
            cache = str(Path(tmp) / f"cache-{len(figures)}")
            subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(messages), "1", "0"],
                           env={**os.environ, "XDG_CACHE_HOME": cache}, cwd=tree, check=True)
            without = _instructions(tree, messages, args.step, 0, cache)
            with_ = _instructions(tree, messages, args.step, args.passes, cache)
            figures.append((with_ - without) / (args.passes * count))
            print(f"{tree}: {figures[-1]:,.0f} instructions per message "
                  f"({count} messages, {args.passes} passes)")
    if len(figures) == 2:
        print(f"this tree / the other: {figures[0] / figures[1]:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
