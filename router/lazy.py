"""A regex compiled on first use, in a module of its own: ``router.native`` compiles the
router's modules to C with mypyc, and a class compiled so has its attributes fixed, which
the first-use trick below needs not to be. This module stays plain Python in that build."""

from __future__ import annotations

import re

__all__ = ["LazyPattern"]


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
