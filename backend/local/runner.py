"""Start and stop a local backend: a uvicorn server in a background thread on a loopback port.

    with LocalBackend.start(tmp_path / "backend", options=LocalOptions(stage_delay=0)) as lb:
        lb.url                     # "http://127.0.0.1:<port>"
        lb.faults.fail_next("credits", code=1001)
        lb.requests.count("run_sse")
        lb.wait_idle()             # turns and renders finished

Used by tests, by ``nemoskill serve-local`` and by the CLI's ``--local`` mode.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from backend.local.app import LocalService, build_app, install_log_filter
from backend.local.faults import Faults
from backend.local.options import LocalOptions
from backend.local.requestlog import RequestLog

__all__ = ["LocalBackend"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class LocalBackend:
    """A running local backend. Create with ``LocalBackend.start(...)``; stop with ``stop()``
    or by leaving the ``with`` block. Thread-safe to use from tests."""

    def __init__(self, data_dir: Path, *, options: LocalOptions | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        self.data_dir = Path(data_dir)
        self.options = options or LocalOptions()
        self.host = host
        self._requested_port = port
        self.port = 0
        self._service = LocalService(self.data_dir, self.options)
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None

    @classmethod
    def start(cls, data_dir: Path, *, options: LocalOptions | None = None,
              host: str = "127.0.0.1", port: int = 0, timeout: float = 10.0) -> LocalBackend:
        """Create the data directory, bind ``host:port`` (0: any free port) and serve in a
        background thread. Returns once the server accepts connections.

        Raises ``OSError`` when the address cannot be bound and ``RuntimeError`` when the
        server does not come up within ``timeout`` seconds.
        """
        backend = cls(data_dir, options=options, host=host, port=port)
        try:
            backend._run(timeout)
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

    def _run(self, timeout: float) -> None:
        import uvicorn

        install_log_filter()
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
        self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(build_app(self._service), log_level="warning", access_log=False,
                                lifespan="off", timeout_graceful_shutdown=2,
                                timeout_keep_alive=5)
        self._server = uvicorn.Server(config)

        def serve() -> None:
            try:
                asyncio.run(self._serve(sock))
            except BaseException as exc:  # surfaced by start() or stop()
                self._error = exc
            finally:
                sock.close()

        self._thread = threading.Thread(target=serve, name=f"nemo-local-{self.port}",
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"local backend did not start: {self._error!r}")
            time.sleep(0.005)

    async def _serve(self, sock: socket.socket) -> None:
        self._loop = asyncio.get_running_loop()
        await self._server.serve(sockets=[sock])

    def stop(self, timeout: float = 5.0) -> None:
        """End open streams, cancel running turns and renders, stop the server and wait for
        its thread (at most about ``timeout`` seconds). Idempotent."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            future = asyncio.run_coroutine_threadsafe(self._service.turns.shutdown(), loop)
            try:
                future.result(timeout)
            except Exception:  # the loop may already be closing; stopping goes on
                future.cancel()
        self._service.renders.shutdown(timeout)
        if self._server is not None:
            self._server.should_exit = True
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
