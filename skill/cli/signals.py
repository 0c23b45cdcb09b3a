"""SIGTERM as an orderly stop: the running work is cancelled, so every ``finally`` runs (a
partial download is removed, a stream is closed), and the process exits with code 143.

Without this, Python's default for SIGTERM ends the process on the spot and leaves a
``.part`` file behind (and exit status −15 instead of a documented code).
"""

from __future__ import annotations

import signal
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["EXIT_TERMINATED", "Terminated", "until_terminated"]

T = TypeVar("T")

#: 128 + SIGTERM, as shells report a process ended by it.
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(Exception):
    """The process was asked to stop (SIGTERM); its work was cancelled and cleaned up."""


async def until_terminated(work: Coroutine[Any, Any, T]) -> T:
    """Run ``work`` in this task; on SIGTERM cancel it and raise ``Terminated`` once it has
    unwound. Where signals cannot be caught (not the main thread), ``work`` just runs."""
    import asyncio  # not at the top: main() imports this module on every start

    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    signalled = False

    def on_sigterm() -> None:
        nonlocal signalled
        if not signalled and task is not None:
            signalled = True
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGTERM, on_sigterm)
    except (NotImplementedError, RuntimeError, ValueError):
        return await work
    try:
        return await work
    except asyncio.CancelledError:
        if signalled and task is not None and task.uncancel() == 0:
            raise Terminated from None
        raise
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
