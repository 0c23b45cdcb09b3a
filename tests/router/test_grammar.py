"""The grammar words of router/data/grammar.yaml: read by the rules, checked when built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.errors import SkillError
from router import Router, core, route
from router.grammar import Words
from router.tables import builtin_tables, compile_builtin, tables_from_compiled
from tests.router.test_tables import _skill_with_keywords, _with_raw


def test_the_rules_read_their_grammar_words_from_the_data_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # "gonna" is the speaker's own plan (grammar.yaml ``will``): nothing is asked for now.
    text = "gonna download it tonight from home"
    assert route(text).action == "chat"
    _with_raw(monkeypatch, "grammar.yaml", lambda g: {**g, "will": {"en": ["i'll"]}})
    patched = tables_from_compiled(compile_builtin())
    monkeypatch.setattr(core, "builtin_tables", lambda: patched)
    assert Router(patched).route(text).action == "export"
    assert Router(patched).route("i'll download it tonight from home").action == "chat"


def test_every_list_is_read_in_the_form_its_rule_tests() -> None:
    grammar = builtin_tables().grammar
    assert "gonna" in grammar.will_plain
    assert "telechargerai" in grammar.will_plain  # listed with its accent, read without
    assert " de mi" in grammar.owns_before_words  # whole words: the space before
    assert "願" in grammar.not_own
    assert "もら" in grammar.not_own
    assert "ますね" in grammar.volitional_kana_end
    assert "します" in grammar.volitional_kana_end
    assert "tambien" in grammar.small_words
    assert "을" in grammar.particles
    assert "si j'" in grammar.conditional  # a prefix, tested with str.startswith


@pytest.mark.parametrize(("change", "message", "field"), [
    (lambda g: {k: v for k, v in g.items() if k != "will"}, "missing lists ['will']", None),
    (lambda g: {**g, "wil": ["x"]}, "unknown lists ['wil']", None),
    (lambda g: {**g, "will": {"en": [], "fr": ["je vais"]}}, "non-empty list", "will.en"),
    (lambda g: {**g, "will": {"en": [True]}}, "quote words YAML reads as booleans", "will.en"),
    (lambda g: {**g, "also_after": [" 也"]}, "no space at either end", "also_after"),
    (lambda g: {**g, "mine": "我的"}, "non-empty list of words", "mine"),
])
def test_a_broken_grammar_file_is_refused_with_its_path_and_list(
        monkeypatch: pytest.MonkeyPatch, change: Any, message: str, field: str | None) -> None:
    path = _with_raw(monkeypatch, "grammar.yaml", change)
    with pytest.raises(SkillError) as info:
        compile_builtin()
    assert str(info.value).startswith(path if field is None else f"{path}, field '{field}'")
    assert message in str(info.value)


def test_a_skills_tables_carry_the_grammar(tmp_path: Path) -> None:
    skill = _skill_with_keywords(tmp_path, {"export": {"en": ["ship it"]}})
    router = Router.from_tables(skill.overrides, source=str(skill.path))
    assert router.tables.grammar is builtin_tables().grammar
    assert router.route("gonna download it tonight from home").action == "chat"


def test_words_are_found_whole_in_latin_script_and_anywhere_in_others() -> None:
    words = Words(["percent", "how far", "幾%", "avance ?"])
    assert words.search("what percent of the render is done")
    assert not words.search("export it at 80 percentage")  # a longer word
    assert not words.search("superpercent")
    assert words.search("render到幾%喇")  # Chinese: no word edges
    assert words.search("le rendu avance ?")
    assert not words.search("how farther")
    assert words.search("ok, how far along", 4)
    assert not words.search("how far along", 0, 6)  # "how fa" is cut short


def test_words_find_the_same_before_and_after_their_trie_is_made() -> None:
    # The first searches of a list use the plain alternation, the later ones its trie
    # (Words.TRIE_AFTER): each search answers the same either way.
    words = Words(["export", "exporter", "exportieren", "ex", "出", "出片", "how far"])
    texts = ["exportieren", "re-export it", "exporter", "ex-wife", "出片啦", "出", "how far?",
             "nothing", "exportierenx", "how farther", "exp"]
    answers = [[words.find(t, start) for t in texts for start in (0, 1, 3)]]
    for _ in range(Words.TRIE_AFTER // len(texts) + 2):
        answers.append([words.find(t, start) for t in texts for start in (0, 1, 3)])
    assert words._pattern is not None  # the trie is in use
    assert all(answer == answers[0] for answer in answers)
    assert answers[0][0] == (0, 11)  # the longest at its place
