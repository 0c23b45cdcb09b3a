"""The labelled corpus that measures the router: items, the frozen train/test split, scoring.

Not used when routing (nothing in the routing path imports it). The corpus lives in
``tests/router/``: ``labelled.yaml`` (the project's own set, all of it training data) and
``corpus/batch-NN.yaml`` (batches written by people who never saw the router's tables).

The split is a rule, not a list that could drift: an item of a batch is in the **test** split
when the SHA-256 of its identity (language, text, files, context) falls in the lowest 30 % of
the hash space. It depends only on the item itself, so it is the same on every machine and
does not change when other items are added. Test items are never used to build the router's
data; ``train_items`` is the only reader the build uses.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

__all__ = [
    "CONTEXTS",
    "LABELS",
    "LANGUAGES",
    "TEST_SHARE",
    "Item",
    "Score",
    "batch_number",
    "batch_paths",
    "held_out_items",
    "is_test",
    "load_batch",
    "load_labelled",
    "score",
    "split_key",
    "train_items",
]

LANGUAGES: Final = ("en", "zh-Hans", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko")
LABELS: Final = ("export", "credits", "state", "upload", "chat")
CONTEXTS: Final = ("export-offer", "timeline", "credits", "edit")
#: The (action, then) pairs an item may have: a file with an edit, an edit then the video, and
#: two requests of export, credits and state asked together (done in the order asked).
_PAIRS: Final = frozenset({("upload", "chat"), ("chat", "export")} | {
    (a, b) for a in ("export", "credits", "state") for b in ("export", "credits", "state")
    if a != b})
#: Share of each batch in the test split (per mille of the hash space, see ``is_test``).
TEST_SHARE: Final = 300

ROOT: Final = Path(__file__).resolve().parent.parent
CORPUS_DIR: Final = ROOT / "tests" / "router" / "corpus"
LABELLED: Final = ROOT / "tests" / "router" / "labelled.yaml"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled message: what was typed (``text``, ``files``) in which context
    (``after``), and where it should go (``action``, then ``then``)."""

    lang: str
    text: str
    action: str
    then: str | None = None
    after: str | None = None
    files: tuple[str, ...] = ()
    source: str = ""

    @property
    def label(self) -> str:
        return f"{self.action}-then-{self.then}" if self.then else self.action

    @property
    def plain_chat(self) -> bool:
        """A chat message that asks for no action at all (the false-action set)."""
        return self.action == "chat" and self.then is None


def split_key(item: Item) -> str:
    """The identity the split hashes: language, text, files and context."""
    return "\x1f".join((item.lang, item.text, ",".join(item.files), item.after or ""))


def is_test(item: Item) -> bool:
    """Whether ``item`` (of a batch) belongs to the frozen test split."""
    digest = hashlib.sha256(split_key(item).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 1000 < TEST_SHARE


def _check(raw: dict[str, Any], where: str) -> Item:
    lang, action, text = raw.get("lang"), raw.get("a"), raw.get("t")
    then, after, files = raw.get("then"), raw.get("after"), raw.get("files") or []
    problems = []
    if lang not in LANGUAGES:
        problems.append(f"lang {lang!r}")
    if action not in LABELS:
        problems.append(f"a {action!r}")
    if not isinstance(text, str):
        problems.append(f"t {text!r}")
    if then is not None and (action, then) not in _PAIRS:
        problems.append(f"then {then!r} after {action!r}")
    if after is not None and after not in CONTEXTS:
        problems.append(f"after {after!r}")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        problems.append(f"files {files!r}")
    if problems:
        raise ValueError(f"{where}: invalid item ({', '.join(problems)}): {raw!r}")
    return Item(str(lang), str(text), str(action), then, after, tuple(files), where)


def load_batch(path: Path) -> list[Item]:
    """The items of one batch file (a YAML list of ``{lang, a, t, then?, after?, files?}``)."""
    data = yaml.load(path.read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, list):
        raise ValueError(f"{path}: must be a list of items")
    return [_check(raw, f"{path.name}:{n}") for n, raw in enumerate(data, start=1)]


def load_labelled(path: Path = LABELLED) -> list[Item]:
    """The project's own labelled set (language → items), all of it training data."""
    data = yaml.load(path.read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    items = []
    for lang, listed in data.items():
        for n, raw in enumerate(listed, start=1):
            items.append(_check({"lang": lang, **raw}, f"{path.name}:{lang}:{n}"))
    return items


def batch_number(path: Path) -> int | None:
    """The number of a batch file ("batch-07.yaml" → 7, "batch-101.yaml" → 101), or None for
    any other file."""
    stem = path.name.removesuffix(".yaml")
    number = stem.removeprefix("batch-")
    return int(number) if stem != number and number.isdigit() and path.suffix == ".yaml" \
        else None


def batch_paths(directory: Path = CORPUS_DIR) -> list[Path]:
    """The batch files present, in the order of their numbers (any count of digits: batch
    100 comes after batch 99, not after batch 10)."""
    found = [(n, p) for p in directory.glob("batch-*.yaml") if (n := batch_number(p)) is not None]
    return [p for _, p in sorted(found)]


def train_items(directory: Path = CORPUS_DIR, labelled: Path = LABELLED) -> list[Item]:
    """Everything the router's data may be built or tuned from: the labelled set and the
    train part of every batch. The only corpus reader the build uses."""
    items = load_labelled(labelled)
    for path in batch_paths(directory):
        items += [i for i in load_batch(path) if not is_test(i)]
    return items


def held_out_items(directory: Path = CORPUS_DIR) -> list[Item]:
    """The frozen test split of every batch."""
    return [i for path in batch_paths(directory) for i in load_batch(path) if is_test(i)]


RouteFn = Callable[[Item], tuple[str, str | None]]


@dataclass
class Score:
    """Accuracy of a router on a set of items."""

    total: int = 0
    correct: int = 0
    by_lang: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_label: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    chat: int = 0
    false_actions: int = 0
    misses: list[tuple[Item, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def false_action_rate(self) -> float:
        return self.false_actions / self.chat if self.chat else 0.0

    def table(self, key: str) -> dict[str, tuple[int, int, float]]:
        """``lang`` or ``label`` → (items, correct, accuracy)."""
        rows = self.by_lang if key == "lang" else self.by_label
        order: Sequence[str] = LANGUAGES if key == "lang" else LABELS
        return {k: (rows[k][0], rows[k][1], rows[k][1] / rows[k][0])
                for k in order if k in rows and rows[k][0]}

    def to_dict(self) -> dict[str, Any]:
        def pct(x: float) -> float:
            return round(100 * x, 1)
        return {
            "items": self.total, "correct": self.correct, "accuracy": pct(self.accuracy),
            "per_language": {k: {"n": n, "ok": ok, "accuracy": pct(a)}
                             for k, (n, ok, a) in self.table("lang").items()},
            "per_label": {k: {"n": n, "ok": ok, "recall": pct(a)}
                          for k, (n, ok, a) in self.table("label").items()},
            "chat_items": self.chat, "false_actions": self.false_actions,
            "false_action_rate": pct(self.false_action_rate),
        }


def score(items: Iterable[Item], route: RouteFn) -> Score:
    """Route every item and count: right when both the action and the follow-up match."""
    result = Score()
    for item in items:
        action, then = route(item)
        ok = action == item.action and then == item.then
        result.total += 1
        result.correct += ok
        for rows, key in ((result.by_lang, item.lang), (result.by_label, item.action)):
            rows[key][0] += 1
            rows[key][1] += ok
        if item.plain_chat:
            result.chat += 1
            result.false_actions += action != "chat" or then is not None
        if not ok:
            result.misses.append((item, f"{action}-then-{then}" if then else action))
    return result
