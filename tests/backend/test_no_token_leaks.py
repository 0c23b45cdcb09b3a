"""A full run with every failure we can provoke, scanned for the token: stdout, stderr, every
log record (DEBUG, all loggers) and every exception's text, repr and body."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from backend.client import FixedClientId, NemoClient
from backend.errors import NemoError
from backend.session_store import SessionStore
from tests.backend.fake_api import FakeAPI, fail, sse

ATTRIBUTION = {"X-Skill-Source": "s", "X-Skill-Version": "1", "X-Skill-Platform": "unknown"}
DRAFT = {"t": [{"id": "v", "tt": 0, "sg": [{"id": "a", "s": 0, "d": 1000, "m": {}}]}]}


async def _sleep(_: float) -> None:
    return None


async def full_run(client: NemoClient, api: FakeAPI, tmp_path: Path, echo: str) -> list[str]:
    """Exercise every call with faults whose bodies echo ``echo`` (the token) back."""
    texts: list[str] = []

    async def attempt(coro: object) -> None:
        try:
            await coro  # type: ignore[misc]
        except NemoError as exc:
            texts.extend([str(exc), repr(exc), getattr(exc, "body", ""), str(exc.__cause__)])

    async def chat(text: str) -> None:
        try:
            async for event in client.send_message(text):
                texts.append(repr(event))
        except NemoError as exc:
            texts.extend([str(exc), repr(exc), getattr(exc, "body", "")])

    leak = f"token {echo} rejected; Authorization: Bearer {echo}"
    await attempt(client.credits())
    api.inject("balance", fail(1001, 401, leak), fail(1001, 401, leak))
    await attempt(client.credits())
    api.inject("latest", httpx.Response(502, html=f"<html>bad gateway {echo}</html>"))
    await attempt(client.state())
    api.inject("balance", fail(None, 429, leak), fail(None, 429, leak))
    await attempt(client.credits())
    api.inject("run_sse", fail(2001, 200, leak))
    await chat("make a video")
    api.chat.append(lambda _r: sse([f'data: {{"error": "crash near {echo}"', "",
                                    f"junk {echo}", ""]))
    await chat("again")
    api.chat.append(lambda _r: sse([f"data: not json {echo}", ""],
                                   error=httpx.RemoteProtocolError(f"closed {echo}")))
    await chat("and again")
    await attempt(client.recover_after_drop(None))
    api.render_statuses = [{"status": "failed", "error": leak}, {"status": "failed"}]
    await attempt(client.export(DRAFT, tmp_path / "out"))
    api.inject("upload-video", fail(4001, 200, leak))
    media = tmp_path / "a.mp4"
    media.write_bytes(b"x")
    await attempt(client.upload_files([media]))
    texts.append(repr(client))
    texts.append(repr(client.store.load()))
    return texts


@pytest.mark.parametrize("env_token", [None, "plain-secret-token-XYZ"])
async def test_the_token_appears_nowhere(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                         capsys: pytest.CaptureFixture[str],
                                         env_token: str | None) -> None:
    api = FakeAPI()
    if env_token:
        api.tokens.append(env_token)
    store = SessionStore(tmp_path / "cfg", skill="s", api_base="http://api.test")
    caplog.set_level(logging.DEBUG)
    async with httpx.AsyncClient(transport=api.transport()) as http:
        client = NemoClient(http, api_base="http://api.test", attribution=ATTRIBUTION,
                            identity=FixedClientId(), store=store, env_token=env_token,
                            sleep=_sleep)
        await client.credits()
        token = env_token or api.tokens[-1]
        texts = await full_run(client, api, tmp_path, token)
    captured = capsys.readouterr()
    everything = "\n".join([*texts, captured.out, captured.err, caplog.text,
                            *(r.getMessage() for r in caplog.records)])
    assert len(texts) > 20
    for seen in [token, *api.tokens]:
        assert seen not in everything
