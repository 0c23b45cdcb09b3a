"""Text preparation: normalisation, quoted content, attachment-like tokens."""

from __future__ import annotations

from router.text import extract_attachments, normalize, strip_quoted


def test_normalize() -> None:
    assert normalize("  ＥＸＰＯＲＴ   It\t NOW ") == "export it now"
    assert normalize("Don’t “Export”") == "don't \"export\""
    assert normalize("STRASSE Straße") == "strasse strasse"
    assert normalize("line one\n\n  line two") == "line one\nline two"
    # Taiwanese chat's zhuyin particles: ㄉ is 的, ㄇ is 嗎.
    assert normalize("我自己拍ㄉ影片 好ㄇ") == "我自己拍的影片 好嗎"


def test_strip_quoted_blanks_content_and_keeps_the_rest() -> None:
    text, found = strip_quoted(normalize("make the title say 'Download now' please"))
    assert found
    assert "download" not in text
    assert "make the title say" in text
    assert "please" in text
    for quoted in ('"x"', "«x»", "「x」", "『x』", "《x》", "„x“"):
        text, found = strip_quoted(normalize(f"set title to {quoted} now"))
        assert found, quoted
        assert "x" not in text, quoted


def test_unclosed_double_quote_runs_to_the_end() -> None:
    text, found = strip_quoted(normalize('make it say "download now'))
    assert found
    assert "download" not in text


def test_apostrophes_are_not_quotes() -> None:
    text, found = strip_quoted(normalize("don't export, it's l'export d'aujourd'hui"))
    assert not found
    assert "export" in text


def test_whole_message_quoted_is_unwrapped() -> None:
    assert strip_quoted('"export"') == ("export", False)


def test_extract_attachments_keeps_case_and_order() -> None:
    rest, found = extract_attachments("add https://CDN.example.com/A.mp4 and ./Music/B.MP3 pls")
    assert found == ("https://CDN.example.com/A.mp4", "./Music/B.MP3")
    assert "https" not in rest
    assert "pls" in rest


def test_only_links_means_all_of_them() -> None:
    assert extract_attachments("https://a.example/x https://b.example/y.")[1] == (
        "https://a.example/x", "https://b.example/y")


def test_non_media_links_and_bare_names_stay_text() -> None:
    text = "see https://example.com/page and rename clip.mp4"
    assert extract_attachments(text) == (text, ())


def test_a_char_class_answers_as_its_regex_before_and_after_it_is_compiled() -> None:
    import re

    from router.text import CharClass

    han = CharClass([("\u4e00", "\u9fff"), ("\u3400", "\u4dbf")])
    listed = CharClass(chars="這們個")
    texts = ["把成品发我", "這個們 ok", "export it", "", "㐀 and 鿿", "한국어", "這這這 個"]
    han_re = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
    listed_re = re.compile("[這們個]")
    for _ in range(CharClass.COMPILE_AFTER + 2):  # read in Python first, then compiled
        for text in texts:
            assert han.search(text) == bool(han_re.search(text)), text
            assert han.count(text) == len(han_re.findall(text)), text
            assert listed.search(text) == bool(listed_re.search(text)), text
            assert listed.count(text) == len(listed_re.findall(text)), text
    assert han._pattern is not None
    assert listed._pattern is not None


def test_a_path_the_video_is_to_go_to_is_no_attachment() -> None:
    destinations = (frozenset({"render it to", "sácalo a", "存到"}), ("として書き出", "로 저장"))
    for text in ("render it to ./dist/promo.mp4", "sácalo a ./dist/promo.mp4 porfa",
                 "出一版4K的，存到 ./output/final_4k.mp4", "./out/final.mp4 として書き出して",
                 "./out/final.mp4 로 저장해줘"):
        rest, found = extract_attachments(text, destinations=destinations)
        # Only its format stays in the message (its folder names could read as words), and
        # it is not sent.
        assert found == (), text
        assert "final" not in rest, text
        assert "promo" not in rest, text
        assert "mp4" in rest, text
    # A "to" without an export or save verb points at the user's file, and without
    # destinations given every path is one.
    assert extract_attachments("add captions to ./interview.mp4", destinations=destinations
                               )[1] == ("./interview.mp4",)
    assert extract_attachments("render it to ./dist/promo.mp4")[1] == ("./dist/promo.mp4",)


def test_an_alternation_as_a_trie_finds_what_the_plain_alternation_finds() -> None:
    # The grammar's lists are searched with ``alternation``'s trie; the plain alternation of
    # the words, longest first, is what it stands for: the same span at every place, and the
    # same words tried in the same order when what follows fails (a ``\b`` after it).
    import random
    import re

    from router.text import alternation

    rng = random.Random(7)
    letters = "abé.?这个 "
    for _ in range(300):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 5)))
                 for _ in range(rng.randint(1, 12))}
        words = {w for w in words if w.strip() == w and w}
        if not words:
            continue
        plain = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        for suffix in ("", r"\b", "x"):
            want = re.compile(f"(?:{plain}){suffix}")
            got = re.compile(f"(?:{alternation(words)}){suffix}")
            for _ in range(20):
                text = "".join(rng.choice(letters + "x") for _ in range(rng.randint(0, 14)))
                found = [m.span() for m in want.finditer(text)]
                assert [m.span() for m in got.finditer(text)] == found, (words, suffix, text)
    assert alternation(["export", "exporter", "exportieren"]) == "export(?:er|ieren)?"
    assert alternation([]) == ""
    # As deep as a word is long, with no recursion: a word of two thousand characters.
    long = "word" * 500
    assert re.compile(alternation([long, "wo"])).search("a " + long).span() == (2, 2002)
