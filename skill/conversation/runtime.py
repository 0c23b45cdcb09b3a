"""Assemble a ready ``Conversation`` for the cloud API or the project's local backend.

Hosts (CLI, MCP) open one with ``open_conversation`` and close it when done; the HTTP client
and the router tables live exactly as long. With ``local`` the conversation uses the shared
local backend of the project's data directory (``backend.local.shared``): started by the first
process that needs it, used by all of them, so two processes never keep two copies of the
project. Where processes cannot share (no POSIX file locks), it runs embedded as before.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from backend.client import NemoClient, Timings
from backend.limits import Limits
from backend.session_store import LOCAL_STORE_KEY, SessionStore
from backend.tls import lazy_verified_context
from skill.config import Config
from skill.conversation.core import Conversation, ConversationSettings, Router
from skill.identity import Identity

if TYPE_CHECKING:
    import ssl

    from backend.local.shared import SharedBackend

__all__ = ["LOCAL_STORE_KEY", "RuntimeOptions", "default_export_dir", "open_conversation"]


@dataclass(frozen=True)
class RuntimeOptions:
    """How to run: against the cloud or ``local``; where videos go; the client's waits and
    limits.

    ``local_backend`` is a shared backend the host began early (``SharedBackend.begin``), so
    that starting it overlaps the host's own imports; the conversation then owns and closes
    it. ``tls_context`` is a verifying context the host made early (``backend.tls``), whose
    roots may already be loading.
    """

    local: bool = False
    export_dir: Path | None = None
    local_data_dir: Path | None = None
    #: None: the defaults for where the API is (``timings_for``).
    timings: Timings | None = None
    limits: Limits = field(default_factory=Limits)
    local_backend: SharedBackend | None = None
    tls_context: ssl.SSLContext | None = None


#: Render status polls on loopback: a status answer costs about a millisecond there, so a
#: finished local render is seen within a fifth of a second instead of at the cloud's next
#: poll (2, 3, 5, 5, 10 s), which added 0.7-2.5 s to a typical local export. Near its end
#: (by the pace of its progress) polls come closer, down to LOOPBACK_RENDER_POLL_FLOOR: the
#: video is seen ~20-40 ms after it is done rather than 100 ms in the median.
LOOPBACK_RENDER_POLL = (0.2,)
LOOPBACK_RENDER_POLL_FLOOR = 0.02


def timings_for(api_base: str) -> Timings:
    """The client's waits for ``api_base``: the cloud's schedule, faster polls on loopback."""
    from urllib.parse import urlsplit

    host = (urlsplit(api_base).hostname or "").lower()
    if host in ("127.0.0.1", "localhost", "::1"):
        return Timings(render_poll_delays=LOOPBACK_RENDER_POLL,
                       render_poll_floor=LOOPBACK_RENDER_POLL_FLOOR)
    return Timings()


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


def _local_api(stack: contextlib.ExitStack, config: Config, options: RuntimeOptions,
               env: Mapping[str, str]
               ) -> tuple[str, Callable[[], object], Callable[[], str] | None]:
    """The local backend's URL, what to call before the first request (a shared server that
    is starting has its address already, so the caller sets up the rest meanwhile), and
    where the backend is later (a shared one may make way for a server of newer code)."""
    from backend.local.shared import SharedBackend, supported

    data_dir = options.local_data_dir or config.local_data_dir
    shared = options.local_backend
    if shared is None:
        if not supported():
            from backend.local.options import for_messages
            from backend.local.runner import LocalBackend

            backend = LocalBackend.start(data_dir, options=for_messages())
            return stack.enter_context(backend).url, lambda: None, None
        shared = SharedBackend.begin(data_dir, env=env)
        if shared.notice:  # a host that began it early has shown it already
            import logging

            logging.getLogger(__name__).warning("%s", shared.notice)
    stack.callback(shared.close)

    def ready() -> object:
        if shared.starting:
            _meanwhile()
        return shared.wait()

    return shared.url, ready, shared.follow


def _meanwhile() -> None:
    """While the shared backend starts (the first message of a project, or after an idle
    period), load what every message loads right after it answers anyway: the network
    library of httpx's first connection and the reply templates."""
    import importlib

    # httpcore imports anyio itself, but anyio loads its asyncio backend and socket helpers
    # only when the first connection is made: ~10 ms that would come after the wait.
    for name in ("anyio._backends._asyncio", "anyio._core._sockets"):
        with contextlib.suppress(ImportError):  # private names: a later anyio may move them
            importlib.import_module(name)

    from translators import messages

    messages.prepare()


def build_router(identity: Identity) -> Router:
    from router import Router as TableRouter

    return TableRouter.from_tables(identity.skill.overrides, source=str(identity.skill.path))


@contextlib.asynccontextmanager
async def open_conversation(config: Config, identity: Identity, options: RuntimeOptions,
                            env: Mapping[str, str] | None = None) -> AsyncIterator[Conversation]:
    """Yield a ``Conversation`` wired to the cloud or, with ``options.local``, to the
    project's shared local backend on loopback (its data persists in the config dir)."""
    env = os.environ if env is None else env
    with contextlib.ExitStack() as stack:
        # Everything up to the first request is set up first: a local backend that is
        # starting does so meanwhile, and is waited for only then.
        router = build_router(identity)
        ready: Callable[[], object] = lambda: None  # noqa: E731
        locate: Callable[[], str] | None = None
        if options.local:
            api_base, ready, locate = _local_api(stack, config, options, env)
            store_key, env_token = LOCAL_STORE_KEY, None
        else:
            api_base, store_key, env_token = config.api_url, config.api_url, config.token
        store = SessionStore(config.config_dir, skill=identity.skill.name, api_base=store_key)
        # Renders this conversation still waits for become another process's to resume.
        stack.callback(store.release_claims)
        async with httpx.AsyncClient(
                verify=options.tls_context or lazy_verified_context(env)) as http:
            client = NemoClient(http, api_base=api_base, attribution=identity.headers(),
                                identity=config, store=store, env_token=env_token,
                                timings=options.timings or timings_for(api_base),
                                limits=options.limits)
            overrides = identity.skill.overrides
            settings = ConversationSettings(
                export_dir=options.export_dir or default_export_dir(env),
                web_url=config.web_url,
                default_language=overrides.language or "en",
                gui_phrases={k: dict(v) for k, v in overrides.gui_phrases.items()},
                gui_mode=overrides.gui_mode,
                local=options.local,
            )
            conversation = Conversation(client, router, settings)
            conversation.locate_api = locate
            ready()
            yield conversation
