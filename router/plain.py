"""What stays plain Python when ``router.native`` compiles the router's modules to C with
mypyc: a class compiled so has its attributes fixed (``LazyPattern`` sets one on first use),
classes may not be made inside functions (the YAML loader is made on first use, so that a
cached load never imports YAML), a compiled module's ``__file__`` is its build's, not the
package's (``DATA_DIR``), and a compiled subclass of dict compares unequal with a dict of the
same items (``EntryTable``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeVar

__all__ = ["DATA_DIR", "EntryTable", "LazyPattern", "unique_keys_loader"]

_V = TypeVar("_V")

#: The router's data files (see ``router.tables.DATA_FILES``): the package is installed as
#: files (the skill folder ships them as such).
DATA_DIR: Final = Path(__file__).with_name("data")


class LazyPattern:
    """A regex compiled on first use: compiling costs every process start-up time, and most
    messages never need most patterns (a URL, a path, a quote, a script)."""

    __slots__ = ("_flags", "_source", "p")

    #: The compiled pattern. Unset until first read, when ``__getattr__`` compiles it: from
    #: then on a read is a plain slot access, not a property's Python call (several patterns
    #: are read for every message).
    p: re.Pattern[str]

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> re.Pattern[str]:
        # Called only for an attribute not set: ``p`` before its first use.
        if name != "p":
            raise AttributeError(name)
        self.p = re.compile(self._source, self._flags)
        return self.p


@cache
def unique_keys_loader() -> Any:
    """The safe YAML loader, refusing a key given twice in one mapping. YAML itself keeps the
    last and drops the first without a word: a section pasted twice in a data file once made
    every later addition to its first copy silently do nothing."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeys(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *x" merges keys a later one may override: the base does it
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, Hashable):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be a word or a number, not a list or a mapping",
                        key_node.start_mark)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep)

    return UniqueKeys


class EntryTable(dict[str, _V]):
    """The entries of compiled tables, each ``Entry`` (``make``) made the first time it is
    read. Plain Python in the compiled build: there, a compiled dict subclass compares unequal
    with a dict holding the same entries.

    A process that routes one message reads a few of the fifteen thousand entries: making
    them all as it loads the tables (a Python call each, since ``Entry`` has slots) would
    cost it milliseconds. The dict holds the entries made so far, so that the scan's
    ``entries[key]`` is a dict lookup in C for an entry read before; ``__missing__`` makes
    the others from their compiled fields. Every other reading (``in``, ``len``, iteration,
    ``get``, ``keys``, ``values``, ``items``, equality) answers for all the entries, as a
    plain dict of them would. Read-only by convention, like the rest of ``Tables``.
    """

    __slots__ = ("_fields", "_make")

    def __init__(self, fields: Mapping[str, tuple[Any, ...]], make: Callable[..., _V]) -> None:
        super().__init__()
        self._fields = fields
        self._make = make

    def __missing__(self, key: str) -> _V:
        entry = self._make(*self._fields[key])  # KeyError, as a dict's, for a key not in the table
        self[key] = entry  # two threads may both make it: equal entries, either one kept
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(other) == len(self) and all(
            key in other and other[key] == self[key] for key in self._fields)

    __hash__ = None  # unhashable, as a dict

    def __repr__(self) -> str:
        return f"EntryTable({len(self)} entries)"

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._fields else default

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        return KeysView(self)

    def values(self) -> ValuesView[_V]:  # type: ignore[override]
        return ValuesView(self)

    def items(self) -> ItemsView[str, _V]:  # type: ignore[override]
        return ItemsView(self)
