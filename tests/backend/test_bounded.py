from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.bounded import BadEncoding, Inflater, human_size

TEXT = b'{"code":0,"data":{"text":"' + "视频 🎬 ".encode() * 5000 + b'"}}'


def inflate(encoding: str, data: bytes, *, step: int = 1000, chunk: int = 7) -> list[bytes]:
    inflater = Inflater(encoding, step=step)
    out: list[bytes] = []
    for start in range(0, len(data), chunk):
        out += inflater.feed(data[start:start + chunk])
    out += inflater.flush()
    return out


@pytest.mark.parametrize(("encoding", "data"), [
    ("", TEXT),
    ("identity", TEXT),
    ("gzip", gzip.compress(TEXT)),
    ("x-gzip", gzip.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)[2:-4]),  # raw deflate, as some servers send it
    ("gzip, gzip", gzip.compress(gzip.compress(TEXT))),
    ("GZIP", gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:])),  # two members
])
def test_every_accepted_encoding_decodes_to_the_body(encoding: str, data: bytes) -> None:
    pieces = inflate(encoding, data)
    assert b"".join(pieces) == TEXT
    assert max(len(p) for p in pieces) <= max(1000, 7)


def test_a_bomb_is_inflated_one_step_at_a_time() -> None:
    bomb = gzip.compress(b"\0" * (64 << 20))
    inflater = Inflater("gzip", step=256 * 1024)
    sizes = [len(piece) for piece in inflater.feed(bomb)]
    assert sum(sizes) == 64 << 20
    assert max(sizes) == 256 * 1024  # never one 64 MiB buffer


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_encodings_the_client_did_not_ask_for_are_refused(encoding: str) -> None:
    with pytest.raises(BadEncoding, match="unsupported content encoding"):
        Inflater(encoding)


def test_corrupt_data_is_a_bad_encoding_not_garbage() -> None:
    with pytest.raises(BadEncoding, match="corrupt gzip data"):
        inflate("gzip", b"\x1f\x8b\x08\x00" + b"not deflate at all" * 10)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=5000), st.integers(1, 300), st.integers(1, 4000))
def test_any_chunking_and_step_give_the_same_bytes(body: bytes, chunk: int, step: int) -> None:
    assert b"".join(inflate("gzip", gzip.compress(body), step=step, chunk=chunk)) == body


def test_sizes_read_as_people_write_them() -> None:
    assert human_size(16 << 20) == "16 MiB"
    assert human_size(64 << 10) == "64 KiB"
    assert human_size(2 << 30) == "2 GiB"
    assert human_size(1536) == "1.5 KiB"
    assert human_size(300) == "300 bytes"
