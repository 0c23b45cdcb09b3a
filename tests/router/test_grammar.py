"""The grammar words of router/data/grammar.yaml: read by the rules, checked when built."""

from __future__ import annotations

from typing import Any

import pytest

from backend.errors import SkillError
from router import Router, core, route
from router.tables import builtin_tables, compile_builtin, tables_from_compiled
from tests.router.test_tables import _with_raw


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
    assert "je le telechargerai" not in grammar.will_plain  # folded: one word is enough
    assert "telechargerai" in grammar.will_plain
    assert " de mi" in grammar.owns_before_words  # whole words: the space before
    assert "願" in grammar.not_own
    assert "もら" in grammar.not_own
    assert "ますね" in grammar.volitional_kana_end
    assert "します" in grammar.volitional_kana_end
    assert "tambien" in grammar.small_words
    assert "을" in grammar.particles


@pytest.mark.parametrize(("change", "message"), [
    (lambda g: {k: v for k, v in g.items() if k != "will"}, "missing lists ['will']"),
    (lambda g: {**g, "wil": ["x"]}, "unknown lists ['wil']"),
    (lambda g: {**g, "will": {"en": []}}, "must hold at least one word"),
    (lambda g: {**g, "will": {"en": [3]}}, "must be a list of words"),
    (lambda g: ["will"], "must map list names to word lists"),
])
def test_a_broken_grammar_file_is_refused_with_its_path(
        monkeypatch: pytest.MonkeyPatch, change: Any, message: str) -> None:
    path = _with_raw(monkeypatch, "grammar.yaml", change)
    with pytest.raises(SkillError) as info:
        compile_builtin()
    assert str(info.value).startswith(path)
    assert message in str(info.value)

