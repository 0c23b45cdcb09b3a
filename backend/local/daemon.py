"""``python -m backend.local.daemon``: the shared local backend of one data directory.

Started by ``shared.SharedBackend.begin`` with the ``server.lock`` it took (an inherited
descriptor), the loopback socket to serve on (bound and listening already, so that its starter
knows the address at once) and a pipe to say when it serves. It detaches (the launcher exits at
once), serves, publishes ``server.json`` and exits on SIGTERM, once nothing has used it for
the idle timeout, or, asked to make way for other code (SIGUSR1), as soon as its work is done.
See ``backend/local/shared.py`` for the files and the protocol.

Every import here is on the path of a project's first message, which waits for this server:
the arguments (written only by ``shared.py``) are read without argparse.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from backend.local.shared import (
    USERS_LOCK,
    ServerInfo,
    owned,
    publish,
    read_info,
    try_lock,
    unpublish,
)
from backend.version import __version__

if TYPE_CHECKING:
    from backend.local.presence import Presence
    from backend.local.runner import LocalBackend

__all__ = ["main", "serve_until_idle"]

#: While processes hold the server, how often (seconds) to look whether they all left.
RECHECK = 10.0
#: Asked to make way, how often (seconds) to look whether its work is done.
RETIRE_RECHECK = 0.02
#: Asked to make way while other processes hold it: seconds without a request after which
#: they are taken to be between messages (a message's requests follow each other closely,
#: render polls every 0.2 s), so that leaving cuts none of them short.
RETIRE_QUIET = 1.0


class Requests:
    """What signals asked of the server: to stop now, or to make way once its work is done.
    ``wait`` returns early when either is asked."""

    def __init__(self) -> None:
        self.stop = False
        self.retire = False
        self._wake = threading.Event()

    def ask_stop(self) -> None:
        self.stop = True
        self._wake.set()

    def ask_retire(self) -> None:
        self.retire = True
        self._wake.set()

    def wait(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()


USAGE = ("usage: python -m backend.local.daemon --data-dir DIR --lock-fd N --ready-fd N "
         "--idle-timeout SECONDS [--listen-fd N]")


class Arguments:
    """The daemon's arguments: the data directory; a descriptor of its ``server.lock``,
    exclusively locked; where to write ``ready <url>`` (or why not) once serving; the idle
    timeout; a bound, listening TCP socket to serve on (else a loopback port is bound here).
    Raises ``SystemExit`` with the usage for anything else."""

    def __init__(self, argv: list[str]) -> None:
        given = dict(zip(argv[::2], argv[1::2], strict=False))
        names = {"--data-dir", "--lock-fd", "--ready-fd", "--idle-timeout", "--listen-fd"}
        if len(argv) % 2 or set(given) - names or len(given) != len(argv) // 2:
            raise SystemExit(USAGE)
        try:
            self.data_dir = Path(given["--data-dir"])
            self.lock_fd = int(given["--lock-fd"])
            self.ready_fd = int(given["--ready-fd"])
            self.idle_timeout = float(given["--idle-timeout"])
            listen = given.get("--listen-fd")
            self.listen_fd = int(listen) if listen is not None else None
        except (KeyError, ValueError) as exc:
            raise SystemExit(f"{USAGE} (bad or missing {exc})") from None


def main(argv: list[str] | None = None) -> int:
    args = Arguments(sys.argv[1:] if argv is None else argv)
    # The project's first message waits while this process imports the server and builds
    # its tables: hundreds of thousands of objects that live as long as it does. The cyclic
    # collector traversing them again and again meanwhile cost tens of milliseconds of that
    # wait; it is off until the server serves, and then leaves them frozen (never traversed
    # again) and collects only what is created afterwards.
    gc.disable()
    # What this server runs, taken before importing it: an install under way meanwhile shows
    # as other code, never the reverse.
    from backend.local.fingerprint import code_identity

    code = code_identity()

    # Detach before anything else: the launcher's parent reaps it at once, and the server
    # lives on in a session of its own, away from the terminal or host that started it.
    if os.fork() > 0:
        os._exit(0)
    os.setsid()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format=f"%(asctime)s nemo-local[{os.getpid()}] %(levelname)s %(message)s")
    try:
        from backend.local.options import for_messages
        from backend.local.presence import Presence
        from backend.local.runner import LocalBackend
    except ImportError as exc:
        _close(args.listen_fd)
        _tell(args.ready_fd, f"config the local backend needs the 'local' extra ({exc.name} is "
                             "missing): pip install 'nemovideo-skill[local]'")
        return 4
    asked = Requests()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: asked.ask_stop())
    signal.signal(signal.SIGUSR1, lambda *_: asked.ask_retire())
    data_dir = args.data_dir.resolve()
    with owned(data_dir, args.lock_fd):
        presence = Presence(os.urandom(32), version=__version__)
        try:
            sock = None
            if args.listen_fd is not None:
                sock = socket.socket(fileno=args.listen_fd)
                sock.set_inheritable(False)  # ffmpeg and other children must not hold it
            backend = LocalBackend.start(data_dir, options=for_messages(), presence=presence,
                                         sock=sock)
        except Exception as exc:
            logging.exception("cannot start")
            # Closed before telling: once its starter hears of the failure, nobody listens
            # on the address it was given, and a connection there is refused at once.
            if sock is not None:
                sock.close()
            else:
                _close(args.listen_fd)
            _tell(args.ready_fd, f"error {type(exc).__name__}: {exc}")
            return 1
        presence.working = backend.busy
        info = ServerInfo(host=backend.host, port=backend.port, pid=os.getpid(),
                          version=presence.version, started_at=time.time(),
                          secret=presence.secret, code=code, detached=True)
        users = os.open(data_dir / USERS_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            publish(data_dir, info)
            _tell(args.ready_fd, f"ready {info.url}")
            gc.freeze()
            gc.enable()
            serve_until_idle(backend, presence, users, args.idle_timeout, asked,
                             tick=lambda: _keep_published(data_dir, info))
        finally:
            # Gone from server.json first: nobody new should try a server that is leaving.
            unpublish(data_dir, info)
            backend.stop()
            os.close(users)
    return 0


def serve_until_idle(backend: LocalBackend, presence: Presence, users_fd: int, idle: float,
                     asked: Requests, *, tick: Callable[[], None] = lambda: None) -> bool:
    """Return once asked to stop (False) or once the server may leave (True).

    It may leave when idle: no request for ``idle`` seconds, no turn or render running, and
    no process holding ``users.lock`` (then held exclusively, so that nobody can start using
    the server while it exits). Asked to make way, it leaves as soon as no turn, render or
    request runs and either nobody holds ``users.lock`` or no request came for
    ``RETIRE_QUIET`` seconds; from then on requests are refused (``Presence.close_if``), so
    none starts work that leaving would cut. ``tick`` runs at least every ``RECHECK`` seconds.
    """
    while True:
        if asked.stop:
            return False
        if asked.retire:
            presence.retiring = True

            def done() -> bool:
                if backend.busy():
                    return False
                return (try_lock(users_fd, exclusive=True)
                        or presence.idle_for() >= RETIRE_QUIET)

            if presence.close_if(done):
                return True
            wait = RETIRE_RECHECK
        else:
            wait = idle - presence.idle_for()
            if wait <= 0:
                if not backend.busy() and try_lock(users_fd, exclusive=True):
                    return True
                wait = idle
        asked.wait(min(wait, RECHECK))
        if not asked.stop:
            tick()


def _keep_published(data_dir: Path, info: ServerInfo) -> None:
    # Without server.json nobody could find (or stop) this server, while its lock keeps
    # others from starting one: put it back if it was removed or replaced.
    current = read_info(data_dir)
    if current is None or current.secret != info.secret:
        with contextlib.suppress(OSError):
            publish(data_dir, info)


def _close(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def _tell(fd: int, line: str) -> None:
    with contextlib.suppress(OSError):
        os.write(fd, (line.replace("\n", " ") + "\n").encode("utf-8", "replace"))
    with contextlib.suppress(OSError):
        os.close(fd)


if __name__ == "__main__":
    sys.exit(main())
