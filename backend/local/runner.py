"""Start and stop a local backend: a uvicorn server in a background thread on a loopback port.

    with LocalBackend.start(tmp_path / "backend", options=LocalOptions(stage_delay=0)) as lb:
        lb.url                     # "http://127.0.0.1:<port>"
        lb.faults.fail_next("credits", code=1001)
        lb.requests.count("run_sse")
        lb.wait_idle()             # turns and renders finished

Used by tests, by ``nemoskill serve-local`` and by the shared backend that ``--local``
processes start (``backend.local.daemon``). Starting and stopping wait on events, never on a
clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from backend.local.app import LocalService, build_app, install_log_filter
from backend.local.faults import Faults
from backend.local.options import LocalOptions
from backend.local.presence import Presence
from backend.local.requestlog import RequestLog

__all__ = ["LocalBackend"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class LocalBackend:
    """A running local backend. Create with ``LocalBackend.start(...)``; stop with ``stop()``
    or by leaving the ``with`` block. Thread-safe to use from tests."""

    def __init__(self, data_dir: Path, *, options: LocalOptions | None = None,
                 host: str = "127.0.0.1", port: int = 0,
                 presence: Presence | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.options = options or LocalOptions()
        self.host = host
        self._requested_port = port
        self.port = 0
        self._service = LocalService(self.data_dir, self.options)
        self._presence = presence
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @classmethod
    def start(cls, data_dir: Path, *, options: LocalOptions | None = None,
              host: str = "127.0.0.1", port: int = 0, timeout: float = 10.0,
              presence: Presence | None = None,
              sock: socket.socket | None = None) -> LocalBackend:
        """Create the data directory, bind ``host:port`` (0: any free port) and serve in a
        background thread. Returns once the server accepts connections.

        ``presence`` (a shared backend's) answers the health check that proves the server is
        ours and tracks when it was last used. ``sock``: a TCP socket already bound (and
        perhaps listening) to serve on instead, e.g. one handed over by the process that
        started this one; ``host`` and ``port`` are then its address. It is closed on stop.

        Raises ``OSError`` when the address cannot be bound and ``RuntimeError`` when the
        server does not come up within ``timeout`` seconds.
        """
        if sock is not None:
            host, port = sock.getsockname()[:2]
        backend = cls(data_dir, options=options, host=host, port=port, presence=presence)
        try:
            backend._run(timeout, sock)
        except BaseException:
            backend._service.close()
            raise
        return backend

    # -- public view -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def faults(self) -> Faults:
        return self._service.faults

    @property
    def requests(self) -> RequestLog:
        return self._service.requests

    @property
    def is_loopback(self) -> bool:
        return self.host in _LOOPBACK

    def set_credits(self, user_id: str, available: int) -> None:
        """Set a user's available credits (e.g. to reach 2001 quickly)."""
        self._service.store.set_credits(user_id, available)

    def busy(self) -> bool:
        """Whether a turn (chat message) or a render job is running."""
        return self._service.busy()

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until no turn (chat message) and no render job is running.

        Raises ``TimeoutError`` after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while self._service.busy():
            if time.monotonic() > deadline:
                raise TimeoutError(f"local backend still busy after {timeout} s")
            time.sleep(0.01)

    # -- lifecycle -------------------------------------------------------------------------

    def _run(self, timeout: float, sock: socket.socket | None = None) -> None:
        install_log_filter()
        if sock is None:
            sock = self._bind()
        self.port = int(sock.getsockname()[1])
        app = build_app(self._service)
        if self._presence is not None:
            app = self._presence.wrap(app)
        # Running turns end inside the server's own shutdown, on its loop: no extra hop
        # between threads (and wait for one) per stop.
        self._server = _make_server(app, before_shutdown=self._service.turns.shutdown)

        def serve() -> None:
            try:
                _run_to_end(self._server.serve(sockets=[sock]))
            except BaseException as exc:  # surfaced by start() or stop()
                self._error = exc
            finally:
                sock.close()
                self._server.ready.set()  # wakes start() when serving ended before it began

        self._thread = threading.Thread(target=serve, name=f"nemo-local-{self.port}",
                                        daemon=True)
        self._thread.start()
        if not self._server.ready.wait(timeout) or not self._server.started:
            self.stop()
            raise RuntimeError(f"local backend did not start: {self._error!r}")

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on accepted sockets
        # whose proto says TCP. Without it every chunked response waited ~40 ms for a delayed
        # ACK (Nagle), which made each request to the local backend cost 44 ms instead of 1.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self._requested_port))
        except OSError:
            sock.close()
            raise
        return sock

    def stop(self, timeout: float = 5.0) -> None:
        """End open streams, cancel running turns and renders, stop the server and wait for
        its thread (at most about ``timeout`` seconds). Idempotent.

        Nothing here sleeps for a fixed time: the server's loop is woken at once, and every
        wait is for an event (tasks ending, the thread finishing) with ``timeout`` as bound.
        """
        server, thread = self._server, self._thread
        # Renders first (they run in threads of their own, apart from turns); the server's
        # shutdown then ends open streams and cancels running turns before it closes.
        self._service.renders.shutdown(timeout)
        if server is not None:
            server.request_exit()
        if thread is not None:
            thread.join(timeout)
        self._thread = None
        self._service.close()

    def __enter__(self) -> LocalBackend:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"LocalBackend(url={self.url!r}, data_dir={str(self.data_dir)!r})"


def _run_to_end(main: Coroutine[Any, Any, None]) -> None:
    """``asyncio.run(main)`` in this thread, ending as it does (leftover tasks cancelled,
    async generators closed, the loop's worker threads finished), minus one wait.

    ``asyncio.run`` finishes the loop's default executor (the threads behind
    ``asyncio.to_thread``: a token issued, a large body parsed) from yet another thread it
    starts and waits for, while the loop waits for a future that thread sets: three thread
    hand-overs on every stop, several milliseconds on a busy machine and most of what a test's
    backend took to stop. Here the executor is this loop's own and is finished directly, after
    the loop has stopped running tasks: the same threads are joined, with nothing between.
    """
    loop = asyncio.new_event_loop()
    workers = ThreadPoolExecutor(thread_name_prefix="nemo-local-io")
    loop.set_default_executor(workers)
    try:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(main)
    finally:
        try:
            _cancel_leftovers(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            # A thread still running (its caller was cancelled) finishes before the service
            # closes its store.
            workers.shutdown(wait=True)
            asyncio.set_event_loop(None)
            loop.close()


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    leftovers = asyncio.all_tasks(loop)
    if not leftovers:
        return
    for task in leftovers:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
    for task in leftovers:
        if not task.cancelled() and task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception while the local backend stopped",
                "exception": task.exception(), "task": task})


def _defer_uvicorn_cli() -> None:
    """Keep ``import uvicorn`` from importing uvicorn's own command line.

    uvicorn's ``__init__`` imports ``uvicorn.main`` for ``main`` and ``run``, and with it click
    and the reload supervisors (multiprocessing): ~15 ms of a shared backend's start, which a
    project's first message waits for, for a program we never run. A placeholder stands in:
    ``Server`` is the real class, and calling ``main`` or ``run`` (or asking for anything else)
    loads the real module, as httpx's command line is deferred in ``skill.cli.context``.
    """
    if "uvicorn" in sys.modules or "uvicorn.main" in sys.modules:
        return
    import importlib
    import types

    def real() -> types.ModuleType:
        if isinstance(sys.modules.get("uvicorn.main"), _Placeholder):
            del sys.modules["uvicorn.main"]
        return importlib.import_module("uvicorn.main")

    class _Placeholder(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            if name == "Server":
                from uvicorn.server import Server

                return Server
            if name.startswith("__"):
                raise AttributeError(name)
            return getattr(real(), name)

    def main(*args: Any, **kwargs: Any) -> Any:
        return real().main(*args, **kwargs)

    def run(*args: Any, **kwargs: Any) -> Any:
        return real().run(*args, **kwargs)

    placeholder = _Placeholder("uvicorn.main")
    placeholder.main = main  # type: ignore[attr-defined]
    placeholder.run = run  # type: ignore[attr-defined]
    sys.modules["uvicorn.main"] = placeholder


def _make_server(app: Any,
                 before_shutdown: Callable[[], Awaitable[None]] | None = None) -> Any:
    """A uvicorn server that starts and stops on events instead of its 0.1 s ticks.

    uvicorn polls ``should_exit`` every 0.1 s and sleeps 0.1 s more while shutting down; every
    embedded backend (one per test, and the CLI's before it was shared) paid ~0.15-0.2 s of
    pure waiting to stop. Here the main loop waits on an event that ``request_exit`` sets from
    any thread, and shutdown waits for the connections' tasks rather than for a clock.
    ``before_shutdown`` runs on the server's loop first (errors in it are not fatal).
    """
    _defer_uvicorn_cli()
    import uvicorn

    class _Server(uvicorn.Server):
        def __init__(self, config: uvicorn.Config) -> None:
            super().__init__(config)
            self.ready = threading.Event()
            self.loop: asyncio.AbstractEventLoop | None = None
            self._wake: asyncio.Event | None = None

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            self.loop = asyncio.get_running_loop()
            self._wake = asyncio.Event()
            await super().startup(sockets=sockets)
            self.ready.set()

        def request_exit(self) -> None:
            self.should_exit = True
            loop, wake = self.loop, self._wake
            if loop is not None and wake is not None:
                with contextlib.suppress(RuntimeError):  # the loop has already closed
                    loop.call_soon_threadsafe(wake.set)

        async def main_loop(self) -> None:
            assert self._wake is not None
            while not self.should_exit:
                # Once a second uvicorn refreshes the Date header (on_tick); exit is immediate.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), 1.0)
                await self.on_tick(0)

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            if before_shutdown is not None:
                try:
                    await before_shutdown()
                except Exception:  # stopping goes on regardless
                    logging.getLogger("backend.local").exception("stopping the turns failed")
            for server in self.servers:
                server.close()
            for sock in sockets or []:
                sock.close()
            # Idle keep-alive connections close now; busy ones after their response.
            for connection in list(self.server_state.connections):
                connection.shutdown()
            tasks = list(self.server_state.tasks)
            if tasks:
                _, pending = await asyncio.wait(tasks,
                                                timeout=self.config.timeout_graceful_shutdown)
                for task in pending:
                    task.cancel()
                if pending:
                    await asyncio.wait(pending, timeout=1.0)
            for server in self.servers:
                await server.wait_closed()

    # h11 and no websockets named, not "auto": auto imports httptools, websockets or wsproto
    # when installed (for other programs), which the server never uses, on its way to start.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            http="h11", ws="none", timeout_graceful_shutdown=2,
                            timeout_keep_alive=5)
    return _Server(config)
