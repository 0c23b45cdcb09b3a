"""Follow-ups read in context only in the language they are written in."""

from __future__ import annotations

from router.core import Router
from router.tables import builtin_tables


def test_a_follow_up_phrase_of_another_language_is_no_yes() -> None:
    router = Router(builtin_tables())
    # "show" is a Portuguese yes ("show!") to an export offer, but not inside English.
    assert router.route("show me the captions", after="export-offer").action == "chat"
    assert router.route("show", after="export-offer").action == "export"
    assert router.route("manda ver", after="export-offer").action == "export"
    assert router.route("ok do it", after="export-offer").action == "export"
