"""Test servers stopped beside the next tests rather than in their own test's teardown.

A test's embedded backend (``LocalBackend`` on an ephemeral port, data in the test's own
``tmp_path``) shares nothing with the next test, but stopping it is a few thread hand-overs
(the server's loop, its I/O threads) that cost 3-15 ms of waiting per test on a busy 2-core
machine: most of the suite's teardown time. Fixtures hand their servers to ``stop_later``
(or serve them through ``serving``): one thread stops them in turn, beside the next tests,
and all of it is waited for at the end of the session (``wait_stopped``), where a stop that
failed or did not finish fails the run. Tests that check what stopping does call ``stop()``
themselves.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.local.runner import LocalBackend

__all__ = ["serving", "stop_later", "wait_stopped"]

#: Servers to stop, in order; None ends the stopping thread.
_QUEUE: queue.SimpleQueue[LocalBackend | None] = queue.SimpleQueue()
#: The one thread that stops them (started with the first), and what went wrong meanwhile.
_STOPPER: list[threading.Thread] = []
_FAILED: list[str] = []


def _stop_each() -> None:
    while (backend := _QUEUE.get()) is not None:
        try:
            backend.stop()
        except Exception as exc:  # reported at the end of the session
            _FAILED.append(f"{backend!r}: {type(exc).__name__}: {exc}")


def stop_later(backend: LocalBackend) -> None:
    """Have ``backend`` stopped by the stopping thread, without waiting for it (one thread
    for every server: starting a thread per stop was itself a hand-over the test waited
    for); ``wait_stopped`` waits for all of them."""
    if not _STOPPER:
        _STOPPER.append(threading.Thread(target=_stop_each, name="stopping test servers",
                                         daemon=True))
        _STOPPER[0].start()
    _QUEUE.put(backend)


@contextlib.contextmanager
def serving(backend: LocalBackend) -> Iterator[LocalBackend]:
    """``with serving(LocalBackend.start(...)) as lb:`` in a fixture: stopped by
    ``stop_later`` when the fixture ends."""
    try:
        yield backend
    finally:
        stop_later(backend)


def wait_stopped(timeout: float = 60.0) -> list[str]:
    """Wait until every server handed to ``stop_later`` has stopped; what went wrong (a stop
    that failed, or did not end within ``timeout`` seconds)."""
    if _STOPPER:
        _QUEUE.put(None)
        _STOPPER[0].join(timeout)
        if _STOPPER[0].is_alive():
            _FAILED.append(f"servers still stopping after {timeout:.0f} s")
        _STOPPER.clear()
    return list(_FAILED)
