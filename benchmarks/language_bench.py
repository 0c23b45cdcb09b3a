"""How often the language of a user's message is read right, on messages people wrote.

    python benchmarks/language_bench.py

For every corpus message with text, in three sets: the train parts (``router.corpus.
train_items``: what the word lists may be tuned on), the frozen test split and the final
batches (``tests/router/final/``, never tuned on). Printed per set and per language:

- ``router``: ``router.language.detect_locale`` alone (no prior) is not the writer's language,
  and of those how many name another language (``wrong``; the rest are "und": no clue);
- ``agent``: the local agent's ``Lexicon.detect`` with a session in another language (the
  case where a wrong guess changes the reply's language; Chinese Han-only messages in a
  Japanese session count as misses, though the agent keeps Japanese for them on purpose).

"und" is not wrong for the runtime (it keeps the conversation's language), but a message
that says which language it is in should say it: the local agent answers a message in the
language it reads, and the skill's first reply has no earlier language to keep.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.local.lexicon import lexicon  # noqa: E402
from router.corpus import batch_paths, held_out_items, load_batch, train_items  # noqa: E402
from router.language import detect_locale  # noqa: E402

LANGS = ("en", "es", "fr", "de", "pt", "ja", "ko", "zh-Hans", "zh-Hant")
# A session language other than the message's, for the agent's guess.
OTHER = {"en": "es", "es": "pt", "pt": "es", "fr": "en", "de": "en", "ja": "zh-Hans",
         "ko": "en", "zh-Hans": "ja", "zh-Hant": "ja"}


def _right(guess: str, lang: str) -> bool:
    return guess == lang or (guess == "zh" and lang.startswith("zh"))


def measure(name: str, items: Iterable[tuple[str, str]]) -> None:
    agent = lexicon()
    n: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    agent_missed: Counter[str] = Counter()
    for lang, text in items:
        if not text.strip():
            continue
        n[lang] += 1
        guess = detect_locale(text)
        if not _right(guess, lang):
            missed[lang] += 1
            wrong[lang] += guess != "und"
        agent_missed[lang] += not _right(agent.detect(text, OTHER[lang]), lang)
    total = sum(n.values())
    print(f"{name}: {total} messages; router not the writer's language "
          f"{sum(missed.values())} ({sum(wrong.values())} another language); "
          f"agent (session in another language) {sum(agent_missed.values())}")
    print("  language      n  router  wrong  agent")
    for lang in LANGS:
        if n[lang]:
            print(f"  {lang:8s} {n[lang]:6d} {missed[lang]:7d} {wrong[lang]:6d}"
                  f" {agent_missed[lang]:6d}")


def main() -> None:
    measure("train parts", ((i.lang, i.text) for i in train_items()))
    measure("test split", ((i.lang, i.text) for i in held_out_items()))
    finals = [i for path in batch_paths(ROOT / "tests" / "router" / "final")
              for i in load_batch(path)]
    measure("final batches", ((i.lang, i.text) for i in finals))


if __name__ == "__main__":
    main()
