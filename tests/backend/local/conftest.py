"""Fixtures for the local backend tests: a real server on 127.0.0.1 and a small API helper."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from tests.servers import stop_later

HEADERS = {"X-Skill-Source": "nemo-test", "X-Skill-Version": "1.0.0", "X-Skill-Platform": "unknown"}


@dataclass
class FakeRenderer:
    """Writes a small file and reports progress; honours cancel. Records what it was given."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    media_seen: list[Path | None] = field(default_factory=list)

    def __call__(self, draft: Mapping[str, Any], out_path: Path, *,
                 media: Callable[[str], Path | None],
                 on_progress: Callable[[float], None] | None = None,
                 cancel: threading.Event | None = None) -> None:
        self.calls.append(dict(draft))
        for track in draft.get("t", []):
            for sg in track.get("sg", []):
                if sg["m"].get("media_id"):
                    self.media_seen.append(media(sg["m"]["media_id"]))
        for i in range(4):
            if cancel is not None and cancel.is_set():
                raise RuntimeError("cancelled")
            if on_progress is not None:
                on_progress((i + 1) / 4)
        out_path.write_bytes(b"FAKE-MP4:" + json.dumps(draft, sort_keys=True).encode())


def fast_options(**overrides: Any) -> LocalOptions:
    values: dict[str, Any] = {"stage_delay": 0.0, "edit_delay": 0.0, "heartbeat_interval": 0.0,
                              "probe_media": True,
                              # Tests make many accounts from one address; quota tests set it.
                              "token_quota_per_client": None, "token_quota_per_ip": None,
                              # Throwaway data: no disk syncs (closing takes 0.3 ms, not 2-7).
                              "durable": False}
    values.update(overrides)
    return LocalOptions(**values)


@dataclass
class Chat:
    """One /run_sse exchange as the client saw it."""

    status: int
    lines: list[str]

    @property
    def events(self) -> list[Any]:
        out: list[Any] = []
        for line in self.lines:
            if line.startswith("data:"):
                raw = line[5:].strip()
                if not raw:
                    out.append(None)  # ADK heartbeat (empty data)
                    continue
                try:
                    out.append(json.loads(raw))
                except json.JSONDecodeError:
                    out.append(raw)
        return out

    def parts(self, key: str) -> list[Any]:
        """ADK parts carrying ``key`` (text / functionCall / functionResponse)."""
        found = []
        for ev in self.events:
            if isinstance(ev, dict) and "content" in ev:
                for part in ev["content"]["parts"]:
                    if key in part:
                        found.append((ev, part[key]))
        return found

    @property
    def final_texts(self) -> list[str]:
        return [t for ev, t in self.parts("text") if not ev.get("partial")]


class Api:
    """Minimal client for tests: real HTTP to the server under test."""

    def __init__(self, backend: LocalBackend) -> None:
        self.backend = backend
        self.http = httpx.Client(base_url=backend.url, timeout=30.0)

    def token(self, client_id: str | None = None) -> tuple[str, dict[str, Any]]:
        r = self.http.post("/api/auth/anonymous-token",
                           headers={"X-Client-Id": client_id or str(uuid.uuid4())})
        assert r.status_code == 200, r.text
        data = r.json()["data"]
        return data["token"], data

    @staticmethod
    def auth(token: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", **extra}

    def session(self, token: str, language: str = "en") -> str:
        r = self.http.post("/api/tasks/me/with-session/nemo_agent",
                           json={"task_name": "project", "language": language},
                           headers=self.auth(token))
        assert r.status_code == 200, r.text
        return str(r.json()["data"]["session_id"])

    def new_user(self, language: str = "en") -> tuple[str, str]:
        token, _ = self.token()
        return token, self.session(token, language)

    def chat(self, token: str, sid: str, text: str) -> Chat:
        body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
                "new_message": {"parts": [{"text": text}]}}
        with self.http.stream("POST", "/run_sse", json=body,
                              headers=self.auth(token, Accept="text/event-stream")) as r:
            lines = list(r.iter_lines())
            return Chat(r.status_code, lines)

    def state(self, token: str, sid: str) -> dict[str, Any]:
        r = self.http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=self.auth(token))
        assert r.status_code == 200, r.text
        return dict(r.json()["data"]["state"])

    def say(self, token: str, sid: str, text: str) -> tuple[str, dict[str, Any]]:
        """One message: the agent's final text and the project's state after it."""
        chat = self.chat(token, sid, text)
        assert chat.status == 200
        return "\n".join(chat.final_texts), self.state(token, sid)

    def project(self, lang: str, *messages: str) -> tuple[str, str, dict[str, Any]]:
        """A new user's project after ``messages``: token, session and state."""
        token, sid = self.new_user(lang)
        state: dict[str, Any] = {}
        for message in messages:
            _, state = self.say(token, sid, message)
        return token, sid, state

    def credits(self, token: str) -> dict[str, Any]:
        r = self.http.get("/api/credits/balance/simple", headers=self.auth(token))
        assert r.status_code == 200, r.text
        return dict(r.json()["data"])


@pytest.fixture
def renderer() -> FakeRenderer:
    return FakeRenderer()


@pytest.fixture
def make_backend(tmp_path: Path, renderer: FakeRenderer,
                 make_api: Callable[[LocalBackend], Api]) -> Iterator[Callable[..., LocalBackend]]:
    # Depends on make_api only to be torn down before it: servers are asked to stop first
    # (closing their clients' idle connections themselves; the stop itself is waited for at
    # the end of the session, tests/servers.py), then the clients close.
    started: list[LocalBackend] = []

    def make(**overrides: Any) -> LocalBackend:
        overrides.setdefault("renderer", renderer)
        lb = LocalBackend.start(tmp_path / f"data{len(started)}", options=fast_options(**overrides))
        started.append(lb)
        return lb

    yield make
    for lb in started:
        stop_later(lb)


@pytest.fixture
def backend(make_backend: Callable[..., LocalBackend]) -> LocalBackend:
    return make_backend()


@pytest.fixture
def make_api() -> Iterator[Callable[[LocalBackend], Api]]:
    clients: list[Api] = []

    def make(lb: LocalBackend) -> Api:
        clients.append(Api(lb))
        return clients[-1]

    yield make
    for client in clients:
        client.http.close()


@pytest.fixture
def api(backend: LocalBackend, make_api: Callable[[LocalBackend], Api]) -> Api:
    return make_api(backend)


@pytest.fixture(scope="module")
def module_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One backend and client for a whole test module, for modules whose tests each make an
    account and session of their own (``Api.token`` uses a new client id every time) and
    assert only on those: a test module pays one start and stop instead of one per test. A
    module overrides ``api`` with it::

        @pytest.fixture
        def api(module_api: Api) -> Api:
            return module_api
    """
    data = tmp_path_factory.mktemp("module-backend")
    with LocalBackend.start(data, options=fast_options(renderer=FakeRenderer())) as lb:
        client = Api(lb)
        try:
            yield client
        finally:
            client.http.close()
