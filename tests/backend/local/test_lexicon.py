"""The agent's tables: templates are compiled when first said, and every shipped one compiles."""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any

import jinja2
import pytest
import yaml

from backend.local.lexicon import Lexicon, lexicon


def _tables() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    pkg = resources.files("backend.local")
    rules = yaml.safe_load((pkg / "rules.yaml").read_text(encoding="utf-8"))
    langs = {code: yaml.safe_load((pkg / "languages" / f"{code}.yaml").read_text(encoding="utf-8"))
             for code in rules["languages"]}
    return rules, langs


def test_every_shipped_template_compiles() -> None:
    lexicon().compile_all()


def test_a_broken_template_fails_when_said_not_at_load() -> None:
    rules, langs = _tables()
    broken = copy.deepcopy(langs)
    broken["fr"]["outcomes"]["help"] = "Aide : {% if %}"
    lex = Lexicon(rules, broken)  # loading compiles nothing
    assert "Export" in lex.say("help", "en", count=1, summary="", seconds=1, w=1, h=1,
                               ratio="1:1", title="T")
    with pytest.raises(jinja2.TemplateSyntaxError):
        lex.say("help", "fr", count=1, summary="", seconds=1, w=1, h=1, ratio="1:1", title="T")
    with pytest.raises(jinja2.TemplateSyntaxError):
        lex.compile_all()


def test_a_template_that_is_not_text_is_refused_at_load() -> None:
    rules, langs = _tables()
    broken = copy.deepcopy(langs)
    broken["de"]["outcomes"]["help"] = ["not", "text"]
    with pytest.raises(ValueError, match=r"outcomes\.help is not text"):
        Lexicon(rules, broken)
