"""The corpus and its frozen test split: the split is the rule it was frozen as, the build
never reads the test split, and no test message was copied into the tables."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from router import corpus, train
from router.corpus import (
    CORPUS_DIR,
    LABELS,
    LANGUAGES,
    batch_paths,
    held_out_items,
    is_test,
    load_batch,
    split_key,
    train_items,
)
from router.tables import builtin_tables
from router.text import TOKEN, normalize, phrase_key, strip_quoted

SPLIT_DIR = CORPUS_DIR / "split"
BEFORE = CORPUS_DIR / "keys-before-corpus.txt"
# Keys added before a later batch arrived that equal one of its test messages (see the file).
INTAKE = CORPUS_DIR / "keys-before-intake.txt"


def _listed(path: Path) -> list[tuple[int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, lang, _ = line.split("\t", 2)
            rows.append((int(number), lang))
    return rows


def test_the_corpus_is_large_and_covers_every_label_in_every_language() -> None:
    items = [i for path in batch_paths() for i in load_batch(path)]
    assert len(items) >= 2500
    counts = Counter((i.lang, i.action) for i in items)
    for lang in LANGUAGES:
        for label in LABELS:
            assert counts[lang, label] >= 20, (lang, label)


@pytest.mark.parametrize("path", batch_paths(), ids=lambda p: p.name)
def test_each_batch_split_is_the_frozen_rule(path: Path) -> None:
    items = load_batch(path)
    listed = _listed(SPLIT_DIR / path.with_suffix(".txt").name)
    computed = [(n, i.lang) for n, i in enumerate(items, start=1) if is_test(i)]
    assert listed == computed
    assert 0.2 <= len(listed) / len(items) <= 0.4


def test_the_rule_depends_on_the_item_alone() -> None:
    item = load_batch(batch_paths()[0])[0]
    assert split_key(item) == "\x1f".join((item.lang, item.text, ",".join(item.files),
                                           item.after or ""))
    assert is_test(item) == is_test(corpus.Item(item.lang, item.text, "chat", None, item.after,
                                                 item.files, "elsewhere"))


def test_the_build_reads_no_test_item() -> None:
    held = held_out_items()
    trained = train_items()
    from_batches = [i for i in trained if i.source.startswith("batch-")]
    assert held
    assert not {split_key(i) for i in held} & {split_key(i) for i in from_batches}
    assert len(from_batches) == sum(len(load_batch(p)) for p in batch_paths()) - len(held)
    # The rest is labelled.yaml, written before the corpus: a few short messages there are
    # also in a batch ("wie ist der Stand?"), as people type the same things.
    assert len(trained) - len(from_batches) == len(corpus.load_labelled())


def test_the_shipped_weights_are_a_rebuild_from_the_train_items_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = train.train_items

    def only_train() -> list[corpus.Item]:
        items = real()
        seen.append(len(items))
        return items

    monkeypatch.setattr(train, "train_items", only_train)
    assert train.main(["--check"]) == 0, "router/data/intent.json differs: run python -m " \
                                         "router.train"
    assert seen  # the build went through train_items, the only corpus reader it has
    weights = train.fit([i for i in real() if i.source.startswith("labelled")])
    assert weights["weights"] != train.build()["weights"]  # the batches do count


def test_no_test_message_was_added_to_the_tables() -> None:
    tables = builtin_tables()
    # Each key with the phrase its entry is listed as: the tables also hold spellings made
    # from a listed phrase ("etat du projet", "état du projet" typed without its accent),
    # which copy nothing when that phrase was there before the corpus.
    keys = {key: phrase_key(entry.phrase) for key, entry in tables.entries.items()}
    for entries, _ in tables.contexts.values():
        keys.update({key: phrase_key(entry.phrase) for key, entry in entries.items()})
    before = {line for line in BEFORE.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    earlier = {tuple(line.split("\t")[:2])
               for line in INTAKE.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")}
    copied = []
    for item in held_out_items():
        body, _ = strip_quoted(normalize(item.text))
        key = phrase_key(body)
        # A word or two ("oui", "はい") is vocabulary that any table of its language lists;
        # a longer message found whole in a table would be a copied sentence.
        if len(TOKEN.findall(key)) > 2 and key in keys and key not in before \
                and keys[key] not in before and (
                item.source.split(":")[0], key) not in earlier:
            copied.append((item.lang, item.text))
    assert not copied


@pytest.fixture(scope="module")
def train_sources() -> set[str]:
    """The files the build reads its training items from. Read once for the module: reading
    the corpus takes seconds, and each final batch's test asks the same."""
    return {i.source.split(":")[0] for i in train_items()}


@pytest.mark.parametrize(("name", "size"), [
    ("batch-07.yaml", 360), ("batch-10.yaml", 360), ("batch-13.yaml", 450),
    ("batch-17.yaml", 450), ("batch-19.yaml", 450), ("batch-22.yaml", 360),
    ("batch-24.yaml", 360), ("batch-30.yaml", 450), ("batch-32.yaml", 450),
    ("batch-35.yaml", 450), ("batch-36.yaml", 450), ("batch-37.yaml", 450),
    ("batch-40.yaml", 450), ("batch-41.yaml", 450), ("batch-44.yaml", 450),
    ("batch-47.yaml", 450), ("batch-48.yaml", 450), ("batch-51.yaml", 450),
    ("batch-52.yaml", 450), ("batch-54.yaml", 450), ("batch-57.yaml", 450),
    ("batch-58.yaml", 450), ("batch-61.yaml", 450), ("batch-63.yaml", 450),
    ("batch-65.yaml", 450), ("batch-67.yaml", 450), ("batch-69.yaml", 450),
    ("batch-71.yaml", 450), ("batch-73.yaml", 450), ("batch-75.yaml", 450),
    ("batch-78.yaml", 450), ("batch-81.yaml", 450), ("batch-85.yaml", 450),
    ("batch-88.yaml", 450), ("batch-90.yaml", 450), ("batch-92.yaml", 450),
    ("batch-94.yaml", 450), ("batch-98.yaml", 450), ("batch-100.yaml", 450),
    ("batch-107.yaml", 450), ("batch-110.yaml", 450), ("batch-112.yaml", 450),
    ("batch-116.yaml", 450), ("batch-120.yaml", 200), ("batch-123.yaml", 450),
    ("batch-126.yaml", 200), ("batch-129.yaml", 450), ("batch-132.yaml", 450),
    ("batch-136.yaml", 450), ("batch-137.yaml", 200), ("batch-142.yaml", 450),
    ("batch-147.yaml", 450), ("batch-153.yaml", 450), ("batch-156.yaml", 200),
    ("batch-159.yaml", 450), ("batch-162.yaml", 450),
    ("batch-165.yaml", 200), ("batch-168.yaml", 450),
    ("batch-171.yaml", 450), ("batch-174.yaml", 450),
    ("batch-177.yaml", 200), ("batch-180.yaml", 450), ("batch-183.yaml", 450),
    ("batch-189.yaml", 450), ("batch-196.yaml", 450),
    ("batch-200.yaml", 450), ("batch-204.yaml", 450),
    ("batch-208.yaml", 450), ("batch-212.yaml", 450),
    ("batch-216.yaml", 450), ("batch-219.yaml", 450), ("batch-223.yaml", 450),
    ("batch-227.yaml", 450), ("batch-231.yaml", 450), ("batch-235.yaml", 450),
    ("batch-239.yaml", 450), ("batch-243.yaml", 450),
    ("batch-247.yaml", 450), ("batch-251.yaml", 450),
    ("batch-255.yaml", 450), ("batch-259.yaml", 450),
    ("batch-264.yaml", 450), ("batch-277.yaml", 450), ("batch-295.yaml", 450)])
def test_the_final_batches_are_never_read_by_the_build(name: str, size: int,
                                                       train_sources: set[str]) -> None:
    # tests/router/final/ holds other writers' batches kept for evaluation only.
    final = Path(__file__).parent / "final" / name
    assert len(load_batch(final)) == size
    assert final.name not in train_sources
    assert train_sources <= {p.name for p in batch_paths()} | {"labelled.yaml"}
    assert final.parent not in {p.parent for p in batch_paths()}


def test_batches_are_read_in_the_order_of_their_numbers(tmp_path: Path) -> None:
    # Batch 100 and later are read too, after batch 99 (a two-digit pattern once left them
    # out of training and of the test split without a word).
    for name in ("batch-101.yaml", "batch-09.yaml", "batch-100.yaml", "batch-10.yaml",
                 "batch-x.yaml", "batch-11.yml", "notes.yaml"):
        (tmp_path / name).write_text("[]\n", encoding="utf-8")
    assert [p.name for p in corpus.batch_paths(tmp_path)] == [
        "batch-09.yaml", "batch-10.yaml", "batch-100.yaml", "batch-101.yaml"]
