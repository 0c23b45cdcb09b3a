from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.errors import ResponseTooLarge
from backend.sse_framing import EventFramer, LineReader


def test_crlf_split_across_chunks_is_one_line_end() -> None:
    reader = LineReader(1024)
    lines = reader.feed(b'data: {"type":"text","content":"a"}\r')
    lines += reader.feed(b"\n\r\n")
    assert lines == ['data: {"type":"text","content":"a"}', ""]


def test_cr_lf_and_crlf_all_end_lines_and_the_last_line_comes_with_finish() -> None:
    reader = LineReader(1024)
    assert reader.feed(b"a\rb\nc\r\nd") == ["a", "b", "c"]
    assert reader.finish() == ["d"]
    assert reader.finish() == []


def test_lines_are_utf8_split_anywhere_and_a_leading_bom_is_dropped() -> None:
    text = "\ufeffdata: 视频封面 🎬\n".encode()
    reader = LineReader(1024)
    lines: list[str] = []
    for i in range(len(text)):
        lines += reader.feed(text[i:i + 1])
    assert lines == ["data: 视频封面 🎬"]


def test_undecodable_bytes_become_replacement_characters() -> None:
    assert LineReader(64).feed(b"data: caf\xe9\n") == ["data: caf\ufffd"]


def test_a_line_longer_than_the_limit_is_an_error_and_memory_stays_bounded() -> None:
    reader = LineReader(64 * 1024)

    def endless_line() -> None:
        for _ in range(10_000):  # 10 MB with no line end, 1 KiB at a time
            reader.feed(b"x" * 1024)

    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge, match="event-stream line is longer than 64 KiB"):
            endless_line()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 512 * 1024


def test_a_long_line_inside_one_chunk_is_caught_too() -> None:
    with pytest.raises(ResponseTooLarge):
        LineReader(100).feed(b"y" * 200 + b"\nshort\n")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.lists(st.integers(1, 40), max_size=10))
def test_arbitrary_chunks_split_like_the_whole(data: bytes, cuts: list[int]) -> None:
    whole = LineReader(1024)
    expected = whole.feed(data) + whole.finish()
    chunked = LineReader(1024)
    got: list[str] = []
    pos = 0
    for cut in cuts:
        got += chunked.feed(data[pos:pos + cut])
        pos += cut
    got += chunked.feed(data[pos:]) + chunked.finish()
    assert got == expected


def test_events_carry_their_data_lines_joined() -> None:
    framer = EventFramer(max_event_bytes=1024)
    assert framer.feed_line("event: message") is None
    assert framer.feed_line('data: {"a":') is None
    assert framer.feed_line("data:1}") is None
    assert framer.feed_line("") == '{"a":\n1}'
    assert framer.feed_line("") is None


def test_unknown_fields_are_reported_as_malformed_and_comments_are_not() -> None:
    seen: list[tuple[str, str]] = []
    framer = EventFramer(max_event_bytes=1024, on_malformed=lambda what, line: seen.append(
        (what, line)))
    for line in (": keep-alive", "garbage", "colour: red", "data: x"):
        assert framer.feed_line(line) is None
    assert framer.finish() == "x"
    assert seen == [("line", "garbage"), ("line", "colour: red")]


def test_an_empty_data_line_is_an_event_with_empty_data() -> None:
    framer = EventFramer(max_event_bytes=1024)
    framer.feed_line("data:")
    assert framer.feed_line("") == ""


def test_the_event_limit_counts_all_data_lines_of_one_event_only() -> None:
    framer = EventFramer(max_event_bytes=100)
    for _ in range(10):  # many small events: fine
        framer.feed_line("data: " + "z" * 60)
        assert framer.feed_line("") == "z" * 60
    framer.feed_line("data: " + "z" * 60)
    with pytest.raises(ResponseTooLarge):
        framer.feed_line("data: " + "z" * 60)
