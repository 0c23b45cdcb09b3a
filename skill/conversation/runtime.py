"""Assemble a ready ``Conversation`` for the cloud API or the embedded local backend.

Hosts (CLI, MCP) open one with ``open_conversation`` and close it when done; the HTTP client,
the router tables and (with ``local``) the local backend live exactly as long.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from backend.client import NemoClient, Timings
from backend.limits import Limits
from backend.session_store import LOCAL_STORE_KEY, SessionStore
from skill.config import Config
from skill.conversation.core import Conversation, ConversationSettings, Router
from skill.identity import Identity

__all__ = ["LOCAL_STORE_KEY", "RuntimeOptions", "default_export_dir", "open_conversation"]


@dataclass(frozen=True)
class RuntimeOptions:
    """How to run: against the cloud or ``local``; where videos go; the client's waits and
    limits."""

    local: bool = False
    export_dir: Path | None = None
    local_data_dir: Path | None = None
    timings: Timings = field(default_factory=Timings)
    limits: Limits = field(default_factory=Limits)


def default_export_dir(env: Mapping[str, str]) -> Path:
    """``NEMO_EXPORT_DIR``, else ``nemovideo-exports`` in the working directory, unless that is
    the file-system root or not writable (MCP hosts often start servers in ``/``): then
    ``~/nemovideo-exports``."""
    configured = env.get("NEMO_EXPORT_DIR")
    if configured:
        return Path(configured).expanduser()
    cwd = Path.cwd()
    if cwd == Path(cwd.anchor) or not os.access(cwd, os.W_OK):
        home = Path(env.get("HOME") or Path.home())
        return home / "nemovideo-exports"
    return cwd / "nemovideo-exports"


def build_router(identity: Identity) -> Router:
    from router import Router as TableRouter

    return TableRouter.from_tables(identity.skill.overrides, source=str(identity.skill.path))


@contextlib.asynccontextmanager
async def open_conversation(config: Config, identity: Identity, options: RuntimeOptions,
                            env: Mapping[str, str] | None = None) -> AsyncIterator[Conversation]:
    """Yield a ``Conversation`` wired to the cloud or, with ``options.local``, to a local
    backend started on loopback for the duration (its data persists in the config dir)."""
    env = os.environ if env is None else env
    with contextlib.ExitStack() as stack:
        if options.local:
            from backend.local.runner import LocalBackend

            data_dir = options.local_data_dir or config.config_dir / "local-backend"
            local = stack.enter_context(LocalBackend.start(data_dir))
            api_base, store_key, env_token = local.url, LOCAL_STORE_KEY, None
        else:
            api_base, store_key, env_token = config.api_url, config.api_url, config.token
        store = SessionStore(config.config_dir, skill=identity.skill.name, api_base=store_key)
        async with httpx.AsyncClient() as http:
            client = NemoClient(http, api_base=api_base, attribution=identity.headers(),
                                identity=config, store=store, env_token=env_token,
                                timings=options.timings, limits=options.limits)
            overrides = identity.skill.overrides
            settings = ConversationSettings(
                export_dir=options.export_dir or default_export_dir(env),
                web_url=config.web_url,
                default_language=overrides.language or "en",
                gui_phrases={k: dict(v) for k, v in overrides.gui_phrases.items()},
                gui_mode=overrides.gui_mode,
            )
            yield Conversation(client, build_router(identity), settings)
