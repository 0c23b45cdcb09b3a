"""Parsed YAML kept in the user's cache: used when valid, rebuilt when stale or corrupt."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from backend.datacache import DataError, cache_dir, load_yaml, load_yaml_text


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "phrases.yaml"
    path.write_text("greeting:\n  en: hello\n  fr: bonjour\ncount: 3\n", encoding="utf-8")
    return path


def entries() -> list[Path]:
    folder = cache_dir()
    assert folder is not None
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


def test_the_cache_lives_in_the_users_cache_dir(isolated_home: Path) -> None:
    assert cache_dir() == isolated_home / ".cache" / "nemovideo" / "data"
    assert cache_dir({"HOME": "/h"}) == Path("/h/.cache/nemovideo/data")
    assert cache_dir({}) is None


def test_first_load_parses_and_keeps_a_private_entry(data: Path) -> None:
    assert load_yaml(data) == {"greeting": {"en": "hello", "fr": "bonjour"}, "count": 3}
    [entry] = entries()
    assert entry.name.startswith("phrases-")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert load_yaml(data) == {"greeting": {"en": "hello", "fr": "bonjour"}, "count": 3}
    assert entries() == [entry]


def test_a_warm_load_does_not_even_import_yaml(data: Path) -> None:
    load_yaml(data)
    code = ("import sys; from pathlib import Path; from backend.datacache import load_yaml; "
            f"value = load_yaml(Path({str(data)!r})); print(value['count'], 'yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ.copy(), check=True)
    assert done.stdout.split() == ["3", "False"]


@pytest.mark.parametrize("garbage", [b"", b"\x00not marshal", b"\xe3" * 40])
def test_a_corrupt_entry_is_ignored_and_rebuilt(data: Path, garbage: bytes) -> None:
    load_yaml(data)
    [entry] = entries()
    entry.write_bytes(garbage)
    assert load_yaml(data)["count"] == 3
    [rebuilt] = entries()
    assert rebuilt == entry
    assert rebuilt.read_bytes() != garbage


def test_an_entry_holding_other_data_is_not_trusted(data: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("count: 99\n", encoding="utf-8")
    load_yaml(data)
    load_yaml(other)
    mine = next(e for e in entries() if e.name.startswith("phrases-"))
    theirs = next(e for e in entries() if e.name.startswith("other-"))
    mine.write_bytes(theirs.read_bytes())  # right name, wrong contents
    assert load_yaml(data)["count"] == 3


def test_changed_data_is_parsed_again_and_the_stale_entry_removed(data: Path) -> None:
    load_yaml(data)
    [stale] = entries()
    data.write_text("count: 4\n", encoding="utf-8")
    assert load_yaml(data) == {"count": 4}
    [fresh] = entries()
    assert fresh != stale
    assert not stale.exists()


def test_files_of_one_name_in_different_folders_keep_their_own_entries(tmp_path: Path) -> None:
    # The package has several en.yaml; each process reads more than one of them, and an
    # entry of one must not replace the other's (every start parsed one of them again).
    first, second = tmp_path / "agent" / "en.yaml", tmp_path / "catalog" / "en.yaml"
    for path, value in ((first, 1), (second, 2)):
        path.parent.mkdir()
        path.write_text(f"value: {value}\n", encoding="utf-8")
    load_yaml(first)
    load_yaml(second)
    assert len(entries()) == 2
    for entry in entries():
        entry.write_bytes(entry.read_bytes().replace(b"value", b"saved"))
    assert load_yaml(first) == {"saved": 1}  # both read from their entries, not parsed
    assert load_yaml(second) == {"saved": 2}


def test_an_unwritable_cache_is_not_used(data: Path, isolated_home: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = isolated_home / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_yaml(data)["count"] == 3
    assert load_yaml(data)["count"] == 3


def test_invalid_yaml_says_where_and_is_not_cached() -> None:
    with pytest.raises(DataError) as caught:
        load_yaml_text("name: ok\nlist: [1, 2\n", name="broken")
    assert caught.value.line is not None
    assert caught.value.line >= 1
    assert entries() == []


def test_every_shipped_yaml_file_reads_the_same_without_the_c_loader() -> None:
    # The C loader is used when PyYAML was built with it; a PyYAML without libyaml falls back
    # to the pure-Python one, which is stricter (a "?" ending an item of a [...] list is an
    # error there: router/data/contexts.yaml once held "the credits?" unquoted).
    root = Path(__file__).resolve().parents[2]
    shipped = [p for package in ("backend", "router", "skill", "translators")
               for p in (root / package).rglob("*.yaml")]
    assert len(shipped) > 30
    c_loader = getattr(yaml, "CSafeLoader", None)
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.SafeLoader)  # raises on what only libyaml accepts
        if c_loader is not None:
            assert yaml.load(text, Loader=c_loader) == data, path
