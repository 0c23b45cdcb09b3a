"""Follow-ups read in context only in the language they are written in."""

from __future__ import annotations

import pytest

from router.core import Router
from router.tables import builtin_tables


def test_a_follow_up_phrase_of_another_language_is_no_yes() -> None:
    router = Router(builtin_tables())
    # "show" is a Portuguese yes ("show!") to an export offer, but not inside English.
    assert router.route("show me the captions", after="export-offer").action == "chat"
    assert router.route("show", after="export-offer").action == "export"
    assert router.route("manda ver", after="export-offer").action == "export"
    assert router.route("ok do it", after="export-offer").action == "export"


@pytest.mark.parametrize(("text", "action"), [
    ("show me the captions", "chat"), ("zeig mir die Untertitel", "chat"),
    ("montre-moi les sous-titres", "chat"), ("자막 보여줘", "chat"), ("字幕を見せて", "chat"),
    # Bare follow-ups still mean the reply's action.
    ("show me", "state"), ("now show me everything", "state"), ("보여줘", "state"),
    ("perfect, send it", "export"),
])
def test_a_request_form_with_another_object_is_a_request_of_its_own(text: str,
                                                                   action: str) -> None:
    assert Router(builtin_tables()).route(text, after="edit").action == action


@pytest.mark.parametrize("text", [
    "genau so", "voilà, celle-là, je la prends", "就這個", "this one",
    "fico com essa", "이걸로 할게", "これにする",
])
def test_taking_the_version_just_shown_is_an_export_after_an_edit(text: str) -> None:
    router = Router(builtin_tables())
    assert router.route(text, after="edit").action == "export"
    # Without the reply before it nothing says which version: nothing to do.
    assert router.route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # A yes before the follow-up is not the object of its request form.
    ("그래 이걸로 줘", "export"), ("좋아 보여줘", "state"), ("ok, send it", "export"),
    # An object of another thing still is.
    ("좋아 자막 보여줘", "chat"),
])
def test_a_yes_before_a_follow_up_is_no_object(text: str, action: str) -> None:
    assert Router(builtin_tables()).route(text, after="edit").action == action
