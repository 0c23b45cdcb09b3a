"""Claim links: the browser link that opens the project on the web, delivered with every video.

``POST /api/auth/claim-token`` (Bearer) answers ``{"claim_token": "clm_…", "expires_in":
604800}``; the link is ``<web>/workspace/claim?ct=<claim_token>``. A service may also answer
the whole link as ``claim_url`` (the local backend does: its page is served by itself). The
claim token has no API access, so it may sit in a URL; the ``nmv_usr_`` token never does.

One claim per session, cached with the session until shortly before it expires and only for
the address that issued it (the local backend comes back on another port when its own is
taken, and a link to the old one would not open); failing to get one never stands between the
user and their video (``None``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from backend.errors import NemoError
from backend.session_store import SessionStore

if TYPE_CHECKING:
    from backend.client import NemoClient

__all__ = ["PATH_CLAIM", "cached_claim_link", "claim_link"]

PATH_CLAIM = "/api/auth/claim-token"

#: A cached link is renewed this long before it expires (it must still work when opened).
RENEW_BEFORE = 3600.0

log = logging.getLogger(__name__)


def cached_claim_link(store: SessionStore, now: float, api_base: str | None = None
                      ) -> str | None:
    """The cached link of the current session while it is valid at ``now`` (no request);
    with ``api_base``, only one fetched from that address."""
    stored = store.load()
    claim = stored.claim
    if not claim or not stored.session_id or claim.get("session_id") != stored.session_id:
        return None
    if api_base is not None and claim.get("api") != api_base:
        return None
    expires = claim.get("expires_at")
    if not isinstance(expires, int | float) or now >= expires - RENEW_BEFORE:
        return None
    url = claim.get("url")
    return url if isinstance(url, str) and url else None


async def claim_link(client: NemoClient, web_url: str) -> str | None:
    """The project's claim link: cached, else fetched once; None when the service gives none."""
    cached = cached_claim_link(client.store, client.wall_clock(), client.api_base)
    if cached is not None:
        return cached
    from backend.client import _Request  # the client's request value (same package)

    session = client.store.load().session_id
    if not session:
        return None
    try:
        data = await client._call(lambda _: _Request("POST", PATH_CLAIM, "token"))
    except NemoError as exc:
        log.info("no claim link: %s", exc)
        return None
    url = _link(data, web_url)
    if url is None:
        return None
    seconds = data.get("expires_in") if isinstance(data, dict) else None
    ttl = float(seconds) if isinstance(seconds, int | float) and seconds > 0 else 7 * 86400.0
    client.store.update(claim={"url": url, "session_id": session, "api": client.api_base,
                               "expires_at": client.wall_clock() + ttl})
    return url


def _link(data: Any, web_url: str) -> str | None:
    if not isinstance(data, dict):
        return None
    given = data.get("claim_url")
    if isinstance(given, str) and urlsplit(given).scheme in ("http", "https") and "ct=" in given:
        return given
    token = data.get("claim_token")
    if not isinstance(token, str) or not token.strip() or token.startswith("nmv_"):
        return None  # never put an API token in a link, whatever the service answered
    return f"{web_url.rstrip('/')}/workspace/claim?ct={quote(token.strip(), safe='')}"
