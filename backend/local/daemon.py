"""``python -m backend.local.daemon``: the shared local backend of one data directory.

Started by ``shared.SharedBackend.begin`` with the ``server.lock`` it took (an inherited
descriptor), the loopback socket to serve on (bound and listening already, so that its starter
knows the address at once) and a pipe to say when it serves. It detaches (the launcher exits at
once), serves, publishes ``server.json`` and exits on SIGTERM, or once nothing has used it for
the idle timeout. See ``backend/local/shared.py`` for the files and the protocol.

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
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: stop.set())
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
        info = ServerInfo(host=backend.host, port=backend.port, pid=os.getpid(),
                          version=presence.version, started_at=time.time(),
                          secret=presence.secret)
        users = os.open(data_dir / USERS_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            publish(data_dir, info)
            _tell(args.ready_fd, f"ready {info.url}")
            gc.freeze()
            gc.enable()
            serve_until_idle(backend, presence, users, args.idle_timeout, stop,
                             tick=lambda: _keep_published(data_dir, info))
        finally:
            # Gone from server.json first: nobody new should try a server that is leaving.
            unpublish(data_dir, info)
            backend.stop()
            os.close(users)
    return 0


def serve_until_idle(backend: LocalBackend, presence: Presence, users_fd: int, idle: float,
                     stop: threading.Event, *, tick: Callable[[], None] = lambda: None
                     ) -> bool:
    """Return once ``stop`` is set (False) or the server is idle (True): no request for
    ``idle`` seconds, no turn or render running, and no process holding ``users.lock``. On
    True the lock is held exclusively, so nobody can start using the server while it exits.
    ``tick`` runs at least every ``RECHECK`` seconds meanwhile.
    """
    while True:
        wait = idle - presence.idle_for()
        if wait <= 0:
            if not backend.busy() and try_lock(users_fd, exclusive=True):
                return True
            wait = idle
        if stop.wait(min(wait, RECHECK)):
            return False
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
