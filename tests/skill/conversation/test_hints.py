"""The hints we add in place of GUI directions ("say 'export'") must route to that action."""

from __future__ import annotations

import re

import pytest

from router import route
from translators import messages
from translators.lang import SUPPORTED_LANGUAGES

HINTS = {"gui_hint_export": "export", "gui_hint_timeline": "state", "gui_hint_state": "state",
         "gui_hint_credits": "credits"}
QUOTED = re.compile(r"[“\"«「『„‘']\s*([^”\"»」』“’']+?)\s*[”\"»」』“’']")


@pytest.mark.parametrize("lang", sorted(SUPPORTED_LANGUAGES))
@pytest.mark.parametrize(("key", "action"), sorted(HINTS.items()))
def test_hint_word_routes_to_its_action(lang: str, key: str, action: str) -> None:
    hint = messages.render(key, lang)
    words = QUOTED.findall(hint)
    assert words, f"no quoted word in the {lang} hint: {hint}"
    for word in words:
        assert route(word).action == action, (lang, word)
