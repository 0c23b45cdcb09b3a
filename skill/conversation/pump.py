"""Run a coroutine that reports through a callback, yielding the reports as they happen.

The client's long calls (export, recovery) report progress through plain callbacks; the
conversation is an async generator. This joins the two without threads or polling.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["Pump"]

T = TypeVar("T")
E = TypeVar("E")


class Pump(Generic[E, T]):
    """``async for event in pump: …`` yields what ``work`` emits; then ``pump.result``.

    ``work`` receives an ``emit`` function. If ``work`` raises, iteration raises the same
    exception after yielding everything emitted before it. If the consumer stops early,
    ``work`` is cancelled.
    """

    def __init__(self, work: Callable[[Callable[[E], None]], Awaitable[T]]) -> None:
        self._work = work
        self._result: T | None = None
        self._done = False

    @property
    def result(self) -> T:
        if not self._done:
            raise RuntimeError("Pump.result read before the work finished")
        return self._result  # type: ignore[return-value]

    def __aiter__(self) -> AsyncGenerator[E, None]:
        return self._run()

    async def _run(self) -> AsyncGenerator[E, None]:
        queue: asyncio.Queue[E] = asyncio.Queue()
        task = asyncio.ensure_future(self._work(queue.put_nowait))
        getter: asyncio.Future[E] | None = None
        try:
            while not task.done():
                getter = asyncio.ensure_future(queue.get())
                await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
                if getter.done():
                    item, getter = getter.result(), None
                    yield item
            while not queue.empty():
                yield queue.get_nowait()
            self._result = task.result()
            self._done = True
        finally:
            # Whether the work ended or the consumer left (cancelled, closed): leave no task
            # behind ("Task was destroyed but it is pending").
            for pending in (getter, task):
                if pending is not None and not pending.done():
                    pending.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await pending
