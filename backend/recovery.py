"""After a dropped chat stream: find out what changed by polling the state, never by re-sending.

Re-sending a message duplicates the work and charges twice, so the only way to learn the
outcome is to compare the state with the one taken before the message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from backend.errors import GenerationLost, ServerError, TransportError
from backend.models import SessionState

__all__ = ["DEFAULT_DELAYS", "poll_until_changed"]

log = logging.getLogger(__name__)

#: 30 s, then longer waits: five unchanged polls cover the 100–300 s a generation takes.
DEFAULT_DELAYS: tuple[float, ...] = (30.0, 60.0, 90.0, 120.0, 120.0)


async def poll_until_changed(
    fetch: Callable[[], Awaitable[SessionState]],
    before: SessionState | None,
    *,
    sleep: Callable[[float], Awaitable[None]],
    delays: tuple[float, ...] = DEFAULT_DELAYS,
    on_poll: Callable[[int, float], None] | None = None,
) -> SessionState:
    """Wait ``delays[i]``, fetch the state, and return it as soon as it differs from ``before``.

    A poll that fails to reach the service counts as unchanged. ``on_poll(n, waited)`` is told
    about each poll so a caller can keep the user informed. With ``before=None`` the first
    state fetched is returned. Raises ``GenerationLost`` after ``len(delays)`` unchanged polls.
    """
    waited = 0.0
    reference = before.fingerprint() if before is not None else None
    for number, delay in enumerate(delays, start=1):
        await sleep(delay)
        waited += delay
        if on_poll is not None:
            on_poll(number, waited)
        try:
            now = await fetch()
        except (TransportError, ServerError) as exc:
            log.info("state poll %d after a dropped stream failed: %s", number,
                     type(exc).__name__)
            continue
        if reference is None or now.fingerprint() != reference:
            return now
    minutes = max(1, round(waited / 60))
    raise GenerationLost(
        f"The connection dropped and the project has not changed after {len(delays)} checks "
        f"over {minutes} minutes. The request was not sent twice; send it again to retry.")
