"""A real local backend on loopback and conversations wired to it over sockets."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from backend.client import Timings
from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from skill.config import Config
from skill.conversation import Conversation
from skill.conversation.runtime import RuntimeOptions, open_conversation
from skill.identity import Identity, find_skill
from skill.loader import load_skill
from skill.replies import Reply
from tests.servers import serving

#: No real waiting anywhere: retries, recovery polls and render polls are immediate.
FAST = Timings(rate_limit_wait=0.0, recovery_delays=(0.0, 0.0, 0.0, 0.0, 0.0),
               render_poll_delays=(0.02,), stream_read_timeout=30.0)


def fast_options(**changes: Any) -> LocalOptions:
    base: dict[str, Any] = {"stage_delay": 0.0, "edit_delay": 0.0, "heartbeat_interval": 0.05,
                            # Tests make many accounts from one address; quota tests set it.
                            "token_quota_per_client": None, "token_quota_per_ip": None,
                            # Throwaway data: no disk syncs (closing takes 0.3 ms, not 2-7).
                            "durable": False}
    base.update(changes)
    return LocalOptions(**base)


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend", options=fast_options())) as lb:
        yield lb


class Harness:
    """Opens conversations against one backend, sharing one config dir (one project)."""

    def __init__(self, backend: LocalBackend, home: Path, tmp_path: Path) -> None:
        self.backend = backend
        self.export_dir = tmp_path / "videos"
        self.env = {"HOME": str(home), "NEMO_API_URL": backend.url,
                    "NEMO_CONFIG_DIR": str(tmp_path / "config")}

    @contextlib.asynccontextmanager
    async def open(self, *, skill: str | None = None, env: dict[str, str] | None = None,
                   clock: Callable[[], float] | None = None) -> AsyncIterator[Conversation]:
        full_env = {**self.env, **(env or {})}
        config = Config.from_env(full_env)
        identity = Identity.resolve(load_skill(find_skill(skill)), config, full_env)
        options = RuntimeOptions(export_dir=self.export_dir, timings=FAST)
        async with open_conversation(config, identity, options, full_env) as convo:
            if clock is not None:
                convo.clock = clock
            yield convo


@pytest.fixture
def harness(backend: LocalBackend, isolated_home: Path, tmp_path: Path) -> Harness:
    return Harness(backend, isolated_home, tmp_path)


async def say(convo: Conversation, text: str, attachments: Sequence[str] = (), *,
              export_to: Path | None = None) -> list[Reply]:
    return [r async for r in convo.send(text, attachments, export_to=export_to)]


def texts(replies: Sequence[Reply], *kinds: str) -> str:
    """Everything the user reads, joined (only the given event kinds, default text-like)."""
    wanted = kinds or ("text", "media", "error")
    return "\n".join(r.text for r in replies if r.kind in wanted)
