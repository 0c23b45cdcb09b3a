from __future__ import annotations

import json
from urllib.parse import unquote

import pytest

from backend.errors import UsageError
from backend.wire import ascii_filename, json_body, path_segment, replace_surrogates


@pytest.mark.parametrize(("value", "expected"), [
    ("sess-1", "sess-1"),
    ("../../../etc/x", "..%2F..%2F..%2Fetc%2Fx"),
    ("..", "%2E%2E"),
    (".", "%2E"),
    ("a?b#c%d", "a%3Fb%23c%25d"),
    ("视频", "%E8%A7%86%E9%A2%91"),
])
def test_a_path_segment_stays_one_segment(value: str, expected: str) -> None:
    assert path_segment(value) == expected
    assert "/" not in path_segment(value)


def test_lone_surrogates_become_replacement_characters_and_pairs_are_joined() -> None:
    assert replace_surrogates("ok \udcff end") == "ok \ufffd end"
    assert replace_surrogates("\ud83c\udfac") == "🎬"
    assert replace_surrogates("plain 视频") == "plain 视频"


def test_json_bodies_are_utf8_and_never_fail_on_surrogates() -> None:
    body = json_body({"text": "rain \udcff 视频", "n": 1})
    assert json.loads(body) == {"text": "rain \ufffd 视频", "n": 1}
    assert body.decode("utf-8")


def test_a_value_json_cannot_carry_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="cannot be sent as JSON"):
        json_body({"d": float("nan")})


@pytest.mark.parametrize("name", ["视频封面.png", "фото.png", "🎬.png", "café.png",
                                  '50% "off".png', "plain.mp4"])
def test_ascii_file_names_are_printable_ascii_and_decode_back(name: str) -> None:
    encoded = ascii_filename(name)
    assert encoded.isascii()
    assert encoded.isprintable()
    assert '"' not in encoded
    assert "\\" not in encoded
    assert unquote(encoded) == name
