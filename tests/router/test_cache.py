"""The compiled tables on disk: used when current, ignored and rebuilt when stale, truncated or
corrupt, never required (an unwritable cache directory only costs the rebuild)."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from router import cache
from router.core import Router
from router.tables import tables_from_compiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "nemovideo"


def _routes(data: dict[str, object]) -> str:
    return Router(tables_from_compiled(data)).route("show me the timeline").action


def test_first_load_builds_and_writes_both_parts_atomically(cache_home: Path) -> None:
    data = cache.load_compiled()
    assert _routes(data) == "state"
    names = sorted(p.name for p in cache_home.iterdir())
    key = cache.cache_key()
    assert names == [f"router-intent-{key}.bin", f"router-tables-{key}.bin"]
    for path in cache_home.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    assert cache.load_compiled("intent")["intent"]["weights"]


def test_the_learned_models_read_from_the_cache_are_the_shipped_weights(cache_home: Path
                                                                        ) -> None:
    # The weights are stored packed (features + doubles); both the freshly built part and
    # the part read back from disk must be intent.json's numbers, every one.
    shipped = json.loads((ROOT / "router" / "data" / "intent.json").read_text(encoding="utf-8"))
    for _ in ("built", "read back"):
        model = cache.load_compiled("intent")["intent"]
        for weights, expected in ((model["weights"], shipped["weights"]),
                                  (model["caption"]["weights"], shipped["caption"]["weights"])):
            assert {f: list(v) for f, v in weights.items()} == expected
        assert model["priors"] == shipped["priors"]
        assert model["veto"] == shipped["veto"]
    assert cache.cache_path(part="intent").exists()


def test_the_model_read_from_the_cache_scores_as_the_shipped_one(cache_home: Path) -> None:
    # Vectors unpacked one by one for the first messages, all at once after UNPACK_AFTER:
    # the same probabilities, to the last bit, either way.
    from router.intent import IntentModel, PackedWeights

    shipped = json.loads((ROOT / "router" / "data" / "intent.json").read_text(encoding="utf-8"))
    cache.load_compiled("intent")  # builds and writes the cache
    packed = IntentModel.from_data(cache.load_compiled("intent")["intent"])  # reads it back
    plain = IntentModel.from_data(shipped)
    assert isinstance(packed.weights, PackedWeights)
    bodies = ["send me the final mp4 please", "把成品发我一下好吗", "what's on the timeline?",
              "크레딧 얼마나 남았어?", "mach die musik leiser und dann exportieren", "zzz qqq"]
    for n in range(IntentModel.UNPACK_AFTER // len(bodies) + 2):
        for body in bodies:
            assert packed.scores(body) == plain.scores(body), (n, body)
    assert packed._get != packed.weights.made.get  # reading the unpacked dict by now


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other-format"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(cache_home: Path, damage: str) -> None:
    cache.load_compiled()
    path = cache.cache_path()
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal at all" * 10)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flipped":  # same length, one byte changed: only the checksum tells
        path.write_bytes(good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a valid file of another layout
        payload = marshal.dumps({"format": -1, "entries": {}})
        path.write_bytes(cache._checksum(payload) + payload)
    data = cache.load_compiled()
    assert _routes(data) == "state"
    assert cache._read(path) == marshal.loads(good[cache._DIGEST:])  # rewritten, valid again


def test_two_installs_sharing_a_home_keep_their_own_tables(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A host's copy and a user's copy of different versions, one message each in turn.
    builds: list[int] = []
    real_compile = __import__("router.tables", fromlist=["compile_builtin"]).compile_builtin

    def counted() -> dict[str, object]:
        builds.append(1)
        return real_compile()

    monkeypatch.setattr("router.tables.compile_builtin", counted)
    for _ in range(3):
        for key in ("a" * 32, "b" * 32):
            monkeypatch.setattr(cache, "cache_key", lambda key=key: key)
            assert _routes(cache.load_compiled()) == "state"
    assert len(builds) == 2  # once per install, not once per message


def test_old_versions_are_removed_beyond_a_few(cache_home: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.cache_path("0" * 32)
    for n in range(cache.KEEP + 3):  # one upgrade after another
        key = f"{n:032d}"
        monkeypatch.setattr(cache, "cache_key", lambda key=key: key)
        assert _routes(cache.load_compiled()) == "state"
        os.utime(cache.cache_path(key), (1_000_000 + n, 1_000_000 + n))
    for part in ("tables", "intent"):
        assert len(list(cache_home.glob(f"router-{part}-*.bin"))) == cache.KEEP
    assert not first.exists()
    assert cache.cache_path().exists()


def test_the_key_follows_the_data_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key()
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert cache.cache_key() != before


def test_an_unwritable_cache_directory_only_costs_the_rebuild(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the directory should be", encoding="utf-8")
    assert _routes(cache.load_compiled()) == "state"
    assert cache_home.is_file()


def test_a_warm_route_process_parses_no_yaml_and_loads_no_fuzzy_matching(tmp_path: Path
                                                                        ) -> None:
    # Nor modules that cost milliseconds to import and that routing "export" can do
    # without: dataclasses (with inspect), hashlib (OpenSSL), tempfile (only to write).
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    code = ("import sys, json\nfrom router import route\nr = route('export')\n"
            "print(json.dumps([r.action, sorted(m for m in ('yaml', 'rapidfuzz', "
            "'router.intent', 'router.corpus', 'dataclasses', 'inspect', 'hashlib', "
            "'tempfile') if m in sys.modules)]))")
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert json.loads(cold.stdout)[0] == "export"
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert json.loads(warm.stdout) == ["export", []]
