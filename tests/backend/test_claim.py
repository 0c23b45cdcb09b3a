"""Claim links from the client's side: one request per session, cached until near expiry, a
new one for a new session; never an API token in a link."""

from __future__ import annotations

from pathlib import Path

import httpx

from backend.claim import RENEW_BEFORE, _link, cached_claim_link, claim_link
from backend.local.runner import LocalBackend
from tests.backend.test_client_local import http, lb, make, start  # noqa: F401  (fixtures)


async def test_fetched_once_per_session_and_renewed_near_expiry(
        lb: LocalBackend, http: httpx.AsyncClient, tmp_path: Path) -> None:  # noqa: F811
    now = [1_900_000_000.0]
    client = make(http, lb, tmp_path, wall_clock=lambda: now[0])
    assert await claim_link(client, "https://nemovideo.com") is None  # no project yet
    await client.ensure_session("en")
    first = await claim_link(client, "https://nemovideo.com")
    assert first is not None
    assert first.startswith(lb.url + "/workspace/claim?ct=clm_")
    assert await claim_link(client, "https://nemovideo.com") == first
    assert lb.requests.count("claim_token") == 1
    # Only for the address that issued it: a local backend back on another port gives a new
    # link rather than one naming a port nobody listens on.
    assert cached_claim_link(client.store, now[0], lb.url) == first
    assert cached_claim_link(client.store, now[0], "http://127.0.0.1:9") is None
    now[0] += 604800 - RENEW_BEFORE + 1
    assert cached_claim_link(client.store, now[0]) is None
    second = await claim_link(client, "https://nemovideo.com")
    assert second not in (None, first)
    assert lb.requests.count("claim_token") == 2


def test_link_shapes() -> None:
    web = "https://nemovideo.com/"
    assert _link({"claim_token": "clm_a/b"}, web) == (
        "https://nemovideo.com/workspace/claim?ct=clm_a%2Fb")
    assert _link({"claim_token": "nmv_usr_secret"}, web) is None
    assert _link({"claim_url": "javascript:alert(1)?ct=x", "claim_token": "clm_1"}, web) == (
        "https://nemovideo.com/workspace/claim?ct=clm_1")
    assert _link({"expires_in": 5}, web) is None
    assert _link("nope", web) is None
