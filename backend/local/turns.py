"""Playing the agent's plans: one ``/run_sse`` message = one turn, run as a server-side task.

A turn holds its session's lock, plays the plan's steps (heartbeats while work takes time),
commits each new state as its tool result arrives and settles the frozen credits at the end.
The HTTP stream only *reads* the turn's events from a queue, so a client that disconnects
(or a stream cut by fault injection) does not stop the work: polling the state sees it done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backend.local.faults import Faults, StreamFault
from backend.local.guard import describe_failure, is_disk_full, log_failure
from backend.local.options import LocalOptions
from backend.local.sse import (
    CallEvent,
    Encoder,
    ErrorEvent,
    Event,
    Heartbeat,
    RawLines,
    ResultEvent,
    TextEvent,
)
from backend.local.store import Store

if TYPE_CHECKING:  # the agent is imported by the first turn, not by the server's start
    from backend.local.agent import Plan, Result, Work

__all__ = ["StreamCut", "TurnContext", "Turns", "text_events"]

_END = None


class StreamCut(Exception):
    """Raised inside a response to cut the connection without a clean end (fault: drop)."""


@dataclass
class TurnContext:
    """A turn to play: ``hold`` is the id of the credits frozen for it (None: free)."""

    user_id: str
    session_id: str
    plan: Plan
    hold: str | None


def text_events(text: str) -> list[TextEvent]:
    """A reply as ADK streams it: partial chunks (for longer texts), then the full text once."""
    events: list[TextEvent] = []
    if len(text) > 40:
        cut = text.rfind(" ", 0, len(text) // 2)
        cut = cut if cut > 0 else len(text) // 2
        events = [TextEvent(text[:cut], partial=True), TextEvent(text[cut:], partial=True)]
    return [*events, TextEvent(text)]


class Turns:
    """Session locks, running turn tasks and the streams that read them."""

    def __init__(self, store: Store, faults: Faults, options: LocalOptions) -> None:
        self.store = store
        self.faults = faults
        self.options = options
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._queues: set[asyncio.Queue[Event | None]] = set()
        #: The ``gone`` events of heartbeat-only streams: set on shutdown, so that such a
        #: stream ends at once rather than after its next pause.
        self._paced: set[asyncio.Event] = set()
        self.closing = False

    def lock(self, session_id: str) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    def busy(self) -> bool:
        return any(not t.done() for t in self._tasks)

    def start(self, ctx: TurnContext, lock: asyncio.Lock) -> asyncio.Queue[Event | None]:
        """Run ``ctx.plan`` in a task that releases ``lock`` (already held) when done."""
        queue: asyncio.Queue[Event | None] = asyncio.Queue()
        task = asyncio.get_running_loop().create_task(self._play(ctx, queue, lock))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return queue

    async def shutdown(self) -> None:
        """End every stream and cancel running turns (the server is stopping)."""
        self.closing = True
        for gone in list(self._paced):
            gone.set()
        for queue in list(self._queues):
            queue.put_nowait(_END)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=2.0)

    async def _play(self, ctx: TurnContext, queue: asyncio.Queue[Event | None],
                    lock: asyncio.Lock) -> None:
        from backend.local.agent import (  # loaded with the plan already
            Call,
            Remember,
            Result,
            Say,
            Work,
        )

        settled = False
        try:
            for step in ctx.plan.steps:
                if isinstance(step, Say):
                    for event in text_events(step.text):
                        queue.put_nowait(event)
                elif isinstance(step, Call):
                    queue.put_nowait(CallEvent(step.call_id, step.name, step.args))
                elif isinstance(step, Work):
                    await self._work(step, queue)
                elif isinstance(step, Result):
                    delta = self._commit(ctx, step)
                    queue.put_nowait(ResultEvent(step.call_id, step.name, step.response, delta))
                elif isinstance(step, Remember):
                    self._remember(ctx, step.memory)
            if ctx.hold is not None:
                self.store.settle(ctx.hold)
            settled = True
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not is_disk_full(exc):
                log_failure(exc, "turn")
            queue.put_nowait(ErrorEvent(describe_failure(exc)[1]))
        finally:
            try:
                if not settled and ctx.hold is not None:
                    self.store.release(ctx.hold)
            except Exception as exc:  # the credits stay held; the next start-up frees them
                log_failure(exc, "releasing a turn's credits")
            finally:
                queue.put_nowait(_END)
                lock.release()

    def _commit(self, ctx: TurnContext, step: Result) -> dict[str, object]:
        if step.state is None:
            return {}
        session = self.store.session(ctx.user_id, ctx.session_id)
        if session is None:
            raise RuntimeError("session vanished during a turn")
        session.state = step.state
        if step.memory is not None:
            session.memory = step.memory
        if ctx.plan.charge == "edit":
            session.edit_charged = True
        self.store.save_session(session)
        return {"draft": step.state["draft"], "generated_media": step.state["generated_media"],
                "canvas_config": step.state["canvas_config"]}

    def _remember(self, ctx: TurnContext, memory: dict[str, Any]) -> None:
        session = self.store.session(ctx.user_id, ctx.session_id)
        if session is None:
            raise RuntimeError("session vanished during a turn")
        session.memory = memory
        self.store.save_session(session)

    async def _work(self, step: Work, queue: asyncio.Queue[Event | None]) -> None:
        interval = self.options.heartbeat_interval
        hold = self.faults.generation_hold
        if hold is not None:
            waited = 0.0
            while not hold.try_pass():
                await asyncio.sleep(0.02)
                waited += 0.02
                if interval > 0 and waited >= interval:
                    queue.put_nowait(Heartbeat())
                    waited = 0.0
        delay = self.options.stage_delay if step.kind == "stage" else self.options.edit_delay
        if delay <= 0:
            return
        beats = int(delay / interval + 1e-9) if interval > 0 else 0
        for _ in range(beats):
            await asyncio.sleep(interval)
            queue.put_nowait(Heartbeat())
        rest = delay - beats * interval
        if rest > 1e-6:
            await asyncio.sleep(rest)

    async def stream(self, queue: asyncio.Queue[Event | None] | None, encoder: Encoder,
                     fault: StreamFault | None, gone: asyncio.Event,
                     prefix: tuple[Event, ...] = ()) -> AsyncIterator[bytes]:
        """The bytes of one response. ``queue`` is the turn's (None when no turn runs);
        ``prefix`` events go first (used by the error fault). Raises ``StreamCut`` for the
        drop fault."""
        if fault is not None and fault.kind == "heartbeat_only":
            async for chunk in self._heartbeats_only(encoder, fault, gone):
                yield chunk
            return
        if fault is not None and fault.kind == "error":
            for event in prefix[: fault.after_events]:
                data = encoder.encode(event)
                if data:
                    yield data
            yield encoder.encode(ErrorEvent(fault.message, raw=fault.raw))
            return
        assert queue is not None
        self._queues.add(queue)
        sent = 0
        try:
            if fault is not None and fault.kind == "drop" and fault.after_events == 0:
                raise StreamCut
            while True:
                item = await queue.get()
                if item is _END or gone.is_set():
                    if (item is _END and fault is not None and fault.kind == "malformed"
                            and fault.after_events == -1):
                        yield encoder.encode(RawLines(fault.lines))
                    return
                data = encoder.encode(item)
                if not data:
                    continue
                yield data
                sent += 1
                if (fault is not None and fault.kind == "malformed" and sent == 1
                        and fault.after_events != -1):
                    yield encoder.encode(RawLines(fault.lines))
                if fault is not None and fault.kind == "drop" and sent >= fault.after_events:
                    raise StreamCut
        finally:
            self._queues.discard(queue)

    async def _heartbeats_only(self, encoder: Encoder, fault: StreamFault, gone: asyncio.Event
                               ) -> AsyncIterator[bytes]:
        interval = self.options.heartbeat_interval
        count = 0
        self._paced.add(gone)
        try:
            while fault.heartbeats is None or count < fault.heartbeats:
                if gone.is_set() or self.closing:
                    return
                if interval > 0 or fault.heartbeats is None:
                    # Without a count the stream runs until the client leaves; pace it. The
                    # pause ends early when the client leaves or the server stops.
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(gone.wait(), interval if interval > 0 else 0.05)
                    if gone.is_set() or self.closing:
                        return
                yield encoder.encode(Heartbeat())
                count += 1
        finally:
            self._paced.discard(gone)
