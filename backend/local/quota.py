"""The anonymous-token quota the cloud enforces: so many tokens per client id and per IP
address in a sliding window (the official skill: 1 per client id and about 10 per IP per
7 days). A refused request gets HTTP 429 with ``Retry-After`` (seconds until a slot frees).

Grants are kept in ``token_quota.json`` in the data directory (hashed ids, never the ids
themselves), so a restarted backend still refuses.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from backend.files import atomic_write_json, read_json

__all__ = ["TokenQuota"]


class TokenQuota:
    """``admit(client_id, ip)``: None when a token may be issued (the grant is recorded),
    else the seconds until one may. A limit of None means unlimited."""

    def __init__(self, path: Path | None, *, per_client: int | None, per_ip: int | None,
                 window: float, clock: Callable[[], float]) -> None:
        self.path = path
        self.per_client = per_client
        self.per_ip = per_ip
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        raw = read_json(path) if path is not None else None
        grants = raw.get("grants") if isinstance(raw, dict) else None
        self._grants: list[tuple[float, str, str]] = [
            (float(g[0]), str(g[1]), str(g[2])) for g in grants or []
            if isinstance(g, list) and len(g) == 3 and isinstance(g[0], int | float)]

    @property
    def enabled(self) -> bool:
        return self.per_client is not None or self.per_ip is not None

    def admit(self, client_id: str, ip: str) -> float | None:
        if not self.enabled:
            return None
        now = self.clock()
        client, addr = _hash("client", client_id), _hash("ip", ip)
        with self._lock:
            self._grants = [g for g in self._grants if g[0] > now - self.window]
            waits = [self._wait([g[0] for g in self._grants if g[1] == client],
                                self.per_client, now),
                     self._wait([g[0] for g in self._grants if g[2] == addr], self.per_ip, now)]
            refused = [w for w in waits if w is not None]
            if refused:
                return max(refused)
            self._grants.append((now, client, addr))
            if self.path is not None:
                atomic_write_json(self.path, {"grants": [list(g) for g in self._grants]})
            return None

    def _wait(self, times: list[float], limit: int | None, now: float) -> float | None:
        if limit is None or len(times) < limit:
            return None
        times.sort()
        # The grant that must leave the window before another fits.
        return max(1.0, times[len(times) - limit] + self.window - now)


def _hash(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()[:24]
