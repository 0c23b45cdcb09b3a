"""The cyclic garbage collector while a message starts: off, then on for what runs long.

Starting a message creates a few hundred thousand objects that all live until the process
ends (modules, the router's tables, the HTTP stack), and none of them is garbage. With the
collector on, the interpreter traversed them all again every time enough had been created
(about 120 collections, two or three of them full ones): 30-60 ms of a warm ``--local say``,
a fifth of what the message cost above bare Python. So ``entry`` pauses the collector, and
each command that goes on to run for long (a conversation, the MCP server, ``serve-local``)
resumes it once it is set up: what exists then is frozen (``gc.freeze``, never traversed
again; start-up leaves little cyclic garbage, and none of it grows), and only what is created
afterwards is collected, as usual. A short command (``route``, ``--version``) ends with the
collector still off, which costs nothing.
"""

from __future__ import annotations

import gc

__all__ = ["pause", "resume"]

#: Whether ``pause`` turned the collector off (and ``resume`` has not turned it on yet).
_paused: list[bool] = [False]


def pause() -> None:
    """Turn the collector off for the start-up of this process (the console script's entry)."""
    if gc.isenabled():
        gc.disable()
        _paused[0] = True


def resume() -> None:
    """Turn the collector back on if ``pause`` turned it off, with everything created so far
    frozen. Idempotent; does nothing when the collector was not paused here (e.g. ``main``
    called in-process by a test or a host)."""
    if _paused[0]:
        _paused[0] = False
        gc.freeze()
        gc.enable()
