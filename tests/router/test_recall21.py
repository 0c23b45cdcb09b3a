"""Kinds of request wording the twenty-first round taught the router (requests read as edits
or as questions about an action), each in several languages, with look-alike edits and
questions that must stay chat. (Written for these tests, like the probes in
``tests/router/probes/recall-21.yaml``; the corpus's held-out messages are measured by
benchmarks/router_bench.py, never copied here.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from router import route

pytestmark = pytest.mark.pure

PROBES = Path(__file__).parent / "probes"
ACTIONS = ("export", "credits", "state", "upload", "chat")


def _check(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A recap of the changes made is the project's state; undoing them, or a recap as content of
# the video, is an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("give me a rundown of the changes", "state"), ("把改动跟我说一下", "state"),
    ("hazme un resumen de los cambios", "state"), ("fais-moi un récap des modifs", "state"),
    ("zeig mir die änderungen", "state"), ("faz um resumo do que mudou", "state"),
    ("どこを直したの？", "state"), ("뭐 고쳤는지 알려줘", "state"), ("어디 수정했어요?", "state"),
    ("dime qué le hiciste", "state"), ("t'as changé quoi au final ?", "state"),
    ("undo what you changed", "chat"), ("desfaz o que você mudou", "chat"),
    ("deshaz lo que cambiaste", "chat"), ("把改过的地方再改回去", "chat"),
    ("add a recap slide at the end", "chat"), ("마지막에 요약 화면 넣어줘", "chat"),
    ("수정한 부분 좀 더 밝게 해줘", "chat"), ("바꾼 거 되돌려줘", "chat"),
    ("mach die änderungen rückgängig", "chat"), ("保存改动", "chat"),
    ("変更内容を保存して", "chat"), ("变更内容保存一下", "chat"), ("改了啥都撤回", "chat"),
    ("remets ce que tu as modifié", "chat"), ("revierte lo que le hiciste", "chat"),
    ("reverte o que mudou", "chat"),
])
def test_a_recap_of_the_changes(text: str, action: str) -> None:
    _check(text, action)


# The video handed over with its quality or resolution asks for the file; an export verb with
# them in a question still asks whether it can.
@pytest.mark.parametrize(("text", "action"), [
    ("can i get it in 1080p?", "export"), ("krieg ich das in hd?", "export"),
    ("je peux l'avoir en 1080p ?", "export"), ("consegue me passar em hd?", "export"),
    ("고화질로 받을 수 있을까요?", "export"), ("1080p로 뽑아줄래요?", "export"),
    ("can i export in 4k?", "chat"), ("does the export support 4k?", "chat"),
    ("welche formate kann man exportieren?", "chat"), ("kann man in 4k exportieren?", "chat"),
    ("can you make the intro in slow motion?", "chat"),
])
def test_a_hand_over_with_its_quality(text: str, action: str) -> None:
    _check(text, action)


# Making the video a file with a verb of making asks for it; the same verb with anything else
# is an edit, also when a request form begins with it and nothing pairs with the form.
@pytest.mark.parametrize(("text", "action"), [
    ("make it an mp4 i can download", "export"),
    ("turn this into a file i can send to my mom", "export"),
    ("fais-en un mp4 que je peux télécharger", "export"),
    ("make it a vertical video", "chat"), ("turn it into a slideshow", "chat"),
    ("make it an hour long", "chat"),
    ("upload a photo of my dog and turn it into a video", "chat"),
    ("put it under the first clip", "chat"), ("pack es ans ende", "chat"),
])
def test_making_it_a_file_with_a_verb_of_making(text: str, action: str) -> None:
    _check(text, action)


def test_an_unpaired_form_is_its_edit_verb() -> None:
    got = route("put it under the first clip")
    assert got.reason == "edit"
    assert got.matched is not None
    assert got.matched.role == "edit", got.detail


# The finished edit, named with a word of editing, is the video; an edit of it is chat.
@pytest.mark.parametrize(("text", "action"), [
    ("mándame la edición terminada", "export"), ("envoie-moi le montage fini", "export"),
    ("schick mir den fertigen schnitt", "export"), ("me manda a edição pronta", "export"),
    ("編集したやつ送って", "export"), ("編集したやつ見せて", "state"),
    ("la edición está muy lenta, acórtala", "chat"),
    ("der schnitt ist zu hektisch, mach ihn ruhiger", "chat"),
    ("編集したやつにBGMを足して", "chat"),
])
def test_the_finished_edit(text: str, action: str) -> None:
    _check(text, action)


def test_files_after_an_export_offer_keep_the_edit_a_yes_puts_first() -> None:
    got = route("okay this is the voice over um add it under the first clip",
                ["voiceover_take2.m4a"], after="export-offer")
    assert (got.action, got.then) == ("upload", "chat"), got.detail


@pytest.mark.parametrize("name", ["recall-21.yaml", "recall-21-check.yaml"])
def test_probe_files_are_well_formed(name: str) -> None:
    """The probes are data for the before/after figures (``benchmarks/router_probes.py``):
    every item names its language, kind, expected action and text."""
    items = yaml.safe_load((PROBES / name).read_text(encoding="utf-8"))
    assert items, name
    for item in items:
        assert {"lang", "kind", "a", "t"} <= set(item), item
        assert item["a"] in ACTIONS, item
