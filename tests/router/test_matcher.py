"""The trie matcher: longest match at a position, word edges for Latin only, typo gating."""

from __future__ import annotations

from router.matcher import Matcher
from router.tables import builtin_tables


def _matcher() -> Matcher:
    return Matcher(builtin_tables())


def _phrases(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in _matcher().scan(text)]


def test_longest_at_each_position_then_moves_on() -> None:
    assert _phrases("send me the video") == ["send me the video"]
    assert _phrases("show me the tracks, then status") == [
        "show me the tracks", ",", "then", "status"]


def test_latin_edges_backtrack_to_a_shorter_phrase() -> None:
    # "export it" needs an edge after "it"; in "export items" it falls back to "export".
    assert _phrases("export items") == ["export"]
    assert _phrases("nonexport") == []
    assert _phrases("export2") == []


def test_cjk_and_hangul_match_anywhere() -> None:
    assert _phrases("把视频导出来") == ["视频", "导出"]
    assert _phrases("영상을내보내기") == ["영상", "내보내기"]


def test_apostrophe_cue_is_edged_only_on_its_letter_side() -> None:
    assert _phrases("n'exporte pas") == ["n'", "exporte", "pas"]


def test_correct_fixes_typos_of_action_words_only() -> None:
    m = _matcher()
    text, fixes = m.correct("exprot it and uplaod")
    assert text == "export it and upload"
    assert [(f.typed, f.word) for f in fixes] == [("exprot", "export"), ("uplaod", "upload")]
    assert all(0.8 <= f.score < 1 for f in fixes)
    assert text[fixes[1].start:fixes[1].end] == "upload"


def test_correct_leaves_known_and_unrelated_words() -> None:
    m = _matcher()
    for text in ("expert advice", "credit the artist", "exported", "make a reel", "blue sky"):
        assert m.correct(text) == (text, []), text


def test_an_action_word_typed_in_two_parts_is_joined() -> None:
    from router import route

    got = route("down load it pls")
    assert (got.action, got.reason) == ("export", "typo")
    assert got.matched is not None
    assert got.matched.text.startswith("down load")
    assert route("up-load my clips").action == "upload"
    # Words of their own are not joined: "set up" is no "setup".
    assert route("set up the intro").action == "chat"


def test_the_typo_targets_compiled_with_the_tables_are_those_of_their_entries() -> None:
    # Built-in tables carry their typo targets from the compiled cache; tables with a skill's
    # phrases work them out on first use. Both must correct the same way.
    from router.overrides import parse_router_overrides
    from router.tables import load_tables, typo_targets

    tables = builtin_tables()
    assert tables.typo_targets == typo_targets(tables.entries,
                                               tables.settings.fuzzy_min_length)
    assert "export" in tables.typo_targets["e"]
    skill = parse_router_overrides({"keywords": {"export": {"en": ["zorblax"]}}},
                                   where="SKILL.md")
    extended = Matcher(load_tables(skill))
    text, fixes = extended.correct("zorbalx it")
    assert (text, [f.word for f in fixes]) == ("zorblax it", ["zorblax"])
    assert extended.correct("exprot it")[0] == "export it"
    assert _matcher().correct("zorbalx it") == ("zorbalx it", [])
