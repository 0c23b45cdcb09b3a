"""The agent's tables: templates are compiled when first said, and every shipped one compiles."""

from __future__ import annotations

import copy

import jinja2
import pytest

from backend.local.lexicon import Lexicon, lexicon
from tests.backend.local.test_agent import _tables


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


@pytest.mark.parametrize(("seconds", "start"), [
    (8.5, "Sure! Creating an 8.5-second"), (11, "Sure! Creating an 11-second"),
    (18, "Sure! Creating an 18-second"), (10, "Sure! Creating a 10-second"),
    # A minute or more is said in minutes, the article read with them.
    (110, "Sure! Creating a 1-minute 50-second"), (480, "Sure! Creating an 8-minute"),
    (300, "Sure! Creating a 5-minute"),
])
def test_english_says_an_before_a_length_read_with_a_vowel(seconds: float, start: str) -> None:
    # A newcomer read "Creating a 8.5-second calm video".
    said = lexicon().say("generate_start", "en", seconds=seconds, style="calm", ratio="16:9",
                         subject="a beach", title="Beach")
    assert said.startswith(start)
