"""The compiled tables' entries (``EntryTable``): made on first read, yet read as a plain dict
of all of them would be, whichever entries a process has read so far."""

from __future__ import annotations

import pytest

from router.plain import EntryTable
from router.tables import Entry, compile_builtin, tables_from_compiled

_FIELDS = {
    "export": ("export", "export", 0, 0, 0, ("en",), "built-in export.en"),
    "send me": ("send me", None, 16, 4, 0, ("en",), "frames.yaml"),
    "导出": ("导出", "export", 0, 0, 0, ("zh-Hans",), "built-in export.zh-Hans"),
}


def _plain() -> dict[str, Entry]:
    return {key: Entry(*fields) for key, fields in _FIELDS.items()}


def test_an_unread_table_answers_for_every_entry() -> None:
    table = EntryTable(_FIELDS, Entry)
    assert len(table) == 3
    assert list(table) == list(_FIELDS)
    assert "send me" in table
    assert "import" not in table
    assert set(table.keys()) == set(_FIELDS)
    assert dict(table) == _plain()
    assert {**table} == _plain()
    assert list(table.items()) == list(_plain().items())
    assert list(table.values()) == list(_plain().values())


def test_reading_makes_the_entry_once_and_keeps_it() -> None:
    table = EntryTable(_FIELDS, Entry)
    first = table["export"]
    assert first == Entry(*_FIELDS["export"])
    assert first.action == "export"
    assert table["export"] is first  # kept: the next read is a dict lookup
    assert table.get("导出") == Entry(*_FIELDS["导出"])
    # Reading some entries changes nothing of what the table says about all of them.
    assert len(table) == 3
    assert table == _plain()
    assert _plain() == table


def test_a_missing_key_reads_as_a_dict_s() -> None:
    table = EntryTable(_FIELDS, Entry)
    with pytest.raises(KeyError):
        table["import"]
    assert table.get("import") is None
    assert table.get("import", "none") == "none"
    assert table != {**_plain(), "import": Entry(*_FIELDS["export"])}


def test_the_builtin_tables_read_the_same_through_it() -> None:
    compiled = compile_builtin()
    tables = tables_from_compiled(compiled)
    assert isinstance(tables.entries, EntryTable)
    assert len(tables.entries) == len(compiled["entries"])
    for key in ("export", "send me", "导出", "\n"):
        assert tables.entries[key] == Entry(*compiled["entries"][key]), key
    assert sorted(tables.entries) == sorted(compiled["entries"])
