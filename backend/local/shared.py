"""One local backend per data directory, shared by every process of the project.

Hosts start ``nemoskill --local say`` once per message and MCP hosts keep ``nemoskill --local
mcp`` running beside them; each used to run its own embedded backend over the same data, with
its own memory of it, so concurrent processes lost each other's edits. Now the first process
starts a detached server (``python -m backend.local.daemon``) and the others find it. The files
in the data directory (all mode 0600)::

    server.json   where the server listens, its pid, version and code identity, and a secret
                  (written last)
    server.lock   held (flock) by the live server for its whole life: a free lock means no
                  server, and any server.json left behind by a crashed one is stale
    users.lock    shared-locked by each process that uses the server; the server exits only
                  when it gets it exclusively, after NEMO_LOCAL_IDLE_TIMEOUT seconds idle
    server.log    the server's own warnings and errors

The server listens on a loopback port of its own data directory when that port is free
(``preferred_port``, or ``NEMO_LOCAL_PORT``), else on any free one: the browser link delivered
with a video (``http://127.0.0.1:<port>/workspace/claim?…``) then opens again whenever the
server runs again after an idle exit, rather than naming a port nobody listens on any more.

A server is used only when it answers a health request with an HMAC of a fresh challenge under
the secret in ``server.json``: a program that took over the port of a crashed server cannot,
and the secret never crosses the socket. The process that starts a server binds its loopback
socket and hands it over, so it knows the address at once and needs no proof from its own
child: it sets up its side while the server starts and waits only before its first request.
This module uses only the standard library, so that a message that merely connects pays
nothing for the server's imports.

A server runs the code that was installed when it started. A client whose own code differs
(``fingerprint.code_identity``: the user upgraded, reinstalled or edited the package) asks it
to make way (SIGUSR1): the server finishes what runs (a render, another process's message),
then leaves at its first quiet moment, and the client starts a server of its own code. While
the old server still works, the client uses it for this message and says so (``notice``); a
render is never cut short. A server from before code identities knows only SIGTERM, which
cancels renders: it is stopped only when no render of it is unfinished on disk. A server run
in a terminal (``serve-local``) is the user's to restart: it is used, with a notice. A
process that lives across messages (the MCP server) asks ``follow`` before each: once its
server has made way, it uses the successor, whatever code that runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import select
import socket
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

try:  # POSIX; elsewhere each process runs an embedded backend as before
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "HEALTH_PATH",
    "IDLE_ENV",
    "MAX_CHALLENGE",
    "RETIRE_WAIT",
    "Health",
    "ServerInfo",
    "SharedBackend",
    "check",
    "health_proof",
    "probe",
    "publish",
    "read_info",
    "stop",
    "supported",
    "unpublish",
    "wait_stopped",
]

HEALTH_PATH = "/_local/health"
MAX_CHALLENGE = 128
INFO_FILE = "server.json"
SERVER_LOCK = "server.lock"
USERS_LOCK = "users.lock"
LOG_FILE = "server.log"
#: Seconds without requests (and without a process using it) before the server exits.
DEFAULT_IDLE_TIMEOUT = 600.0
IDLE_ENV = "NEMO_LOCAL_IDLE_TIMEOUT"
PORT_ENV = "NEMO_LOCAL_PORT"
#: Where a data directory's own port is picked: below Linux's ephemeral range (32768-60999),
#: so that no outgoing connection of this machine holds it, and above the usual services'.
PREFERRED_PORTS = range(20000, 32768)
_LOG_LIMIT = 1 << 20
_MAX_PAUSE = 0.01  # longest pause between two looks at a lock or a starting server
#: Seconds a client waits for an idle server of other code to leave (it leaves at once when
#: nobody else uses it, else after ``daemon.RETIRE_QUIET`` without requests).
RETIRE_WAIT = 3.0
_LOOPBACK = ("127.0.0.1", "::1")


def supported() -> bool:
    """Whether processes can share a backend here (needs POSIX file locks)."""
    return fcntl is not None and hasattr(os, "fork")


def health_proof(secret: bytes, challenge: bytes) -> str:
    """What a server holding ``secret`` answers to ``challenge``."""
    return hmac.new(secret, b"nemo-local-health\0" + challenge, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ServerInfo:
    """The contents of ``server.json``. The secret never appears in ``repr``."""

    host: str
    port: int
    pid: int
    version: str
    started_at: float
    secret: bytes = field(repr=False)
    #: ``fingerprint.code_identity()`` of the server; "" for a server from before them.
    code: str = ""
    #: Started by a client (``daemon.py``), so it makes way for newer code; False for
    #: ``serve-local`` in a terminal.
    detached: bool = False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "pid": self.pid, "version": self.version,
                "started_at": self.started_at, "secret": self.secret.hex(), "code": self.code,
                "detached": self.detached}


@dataclass(frozen=True)
class Health:
    """What a proven server says of itself: whether a turn or render runs, and whether it was
    asked to make way for other code."""

    busy: bool
    retiring: bool


def read_info(data_dir: Path) -> ServerInfo | None:
    """The published server of ``data_dir``; None when there is none, or when the file is not
    private to this user (then it is not ours to trust) or not readable."""
    path = data_dir / INFO_FILE
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077:
                return None
            raw = json.loads(fh.read(65536))
        info = ServerInfo(host=str(raw["host"]), port=int(raw["port"]), pid=int(raw["pid"]),
                          version=str(raw["version"]), started_at=float(raw["started_at"]),
                          secret=bytes.fromhex(raw["secret"]), code=str(raw.get("code", "")),
                          detached=raw.get("detached") is True)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if info.host not in _LOOPBACK or not 0 < info.port < 65536 or len(info.secret) < 16:
        return None
    return info


def publish(data_dir: Path, info: ServerInfo) -> None:
    """Write ``server.json`` atomically with mode 0600.

    Not synced to disk: the file only matters while the server lives (after a crash the free
    lock marks it stale anyway), and a first message waits for it.
    """
    # A unique name made here rather than by tempfile, whose import (random, shutil) would
    # delay the first message by a few milliseconds.
    tmp = data_dir / f".{INFO_FILE}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(info.to_json(), fh)
        os.replace(tmp, data_dir / INFO_FILE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def unpublish(data_dir: Path, info: ServerInfo) -> None:
    """Remove ``server.json`` if it still names ``info`` (never a successor's)."""
    current = read_info(data_dir)
    if current is not None and hmac.compare_digest(current.secret, info.secret):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / INFO_FILE).unlink()


def check(info: ServerInfo, timeout: float = 2.0) -> bool:
    """Whether the server of ``info`` is alive and really ours: it answers a fresh challenge
    with the HMAC only the holder of the secret can compute, and names the same pid."""
    return probe(info, timeout) is not None


def probe(info: ServerInfo, timeout: float = 2.0) -> Health | None:
    """What the server of ``info`` says of itself, if it is alive and proves it is ours
    (``check``); None otherwise."""
    challenge = os.urandom(24).hex().encode()
    request = (f"GET {HEALTH_PATH} HTTP/1.1\r\nHost: {info.host}:{info.port}\r\n"
               f"X-Nemo-Challenge: {challenge.decode()}\r\nConnection: close\r\n\r\n").encode()
    try:
        with socket.create_connection((info.host, info.port), timeout=timeout) as sock:
            sock.sendall(request)
            answer = b""
            while len(answer) < 65536:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return None
    head, _, body = answer.partition(b"\r\n\r\n")
    if not head.startswith((b"HTTP/1.1 200 ", b"HTTP/1.0 200 ")):
        return None
    try:
        data = json.loads(body)
        proof, pid = str(data["proof"]), int(data["pid"])
    except (ValueError, KeyError, TypeError):
        return None
    if pid != info.pid or not hmac.compare_digest(proof, health_proof(info.secret, challenge)):
        return None
    return Health(busy=data.get("busy") is True, retiring=data.get("retiring") is True)


def idle_timeout_from(env: Mapping[str, str]) -> float:
    """``NEMO_LOCAL_IDLE_TIMEOUT`` in seconds (default 600). Raises ``ConfigError``."""
    raw = (env.get(IDLE_ENV) or "").strip()
    if not raw:
        return DEFAULT_IDLE_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 7 * 24 * 3600:
        from backend.errors import ConfigError

        raise ConfigError(f"{IDLE_ENV}={raw!r}: give the seconds the shared local backend "
                          "stays up when unused (more than 0, at most a week)")
    return value


def preferred_port(data_dir: Path) -> int:
    """The port the server of ``data_dir`` listens on when it is free: the same for the same
    directory every time (its absolute path hashed), different ones for different projects."""
    import hashlib

    digest = hashlib.sha256(os.fsencode(os.path.abspath(data_dir))).digest()
    return PREFERRED_PORTS[int.from_bytes(digest[:4], "big") % len(PREFERRED_PORTS)]


def port_from(env: Mapping[str, str], data_dir: Path) -> int:
    """``NEMO_LOCAL_PORT``: the loopback port to prefer (0: any free one); by default the data
    directory's own. Raises ``ConfigError``."""
    raw = (env.get(PORT_ENV) or "").strip()
    if not raw:
        return preferred_port(data_dir)
    if raw.isdigit() and (int(raw) == 0 or 1024 <= int(raw) <= 65535):
        return int(raw)
    from backend.errors import ConfigError

    raise ConfigError(f"{PORT_ENV}={raw!r}: give the loopback port the shared local backend "
                      "should listen on (1024-65535), or 0 for any free one")


# -- locks ------------------------------------------------------------------------------------

def _open_lock(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


def try_lock(fd: int, exclusive: bool = True) -> bool:
    """Take an flock without waiting; False when another process holds a conflicting one."""
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _lock_until(fd: int, deadline: float, *, exclusive: bool) -> bool:
    # flock has no timeout: retry with a growing pause (1 ms up to 10 ms; a try is a single
    # system call) until the deadline.
    pause = 0.001
    while not try_lock(fd, exclusive):
        if time.monotonic() >= deadline:
            return False
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, _MAX_PAUSE)
    return True


# -- the client side --------------------------------------------------------------------------

class SharedBackend:
    """This process's use of the project's shared local backend.

    ``begin`` finds the live server or starts one without waiting for it (the caller goes on
    importing what it needs meanwhile); ``wait`` returns its URL once it serves. Until
    ``close``, the process holds a shared lock that keeps the server from exiting (unless it
    makes way for newer code). ``notice`` says when this process uses a server of other code
    for now, and why.

    A server this process starts listens on a socket bound here and handed to it, so its
    address (``url``) is known at once: the caller can set up everything that needs the
    address while the server starts, and only then ``wait``.
    """

    def __init__(self, data_dir: Path, lease: int, info: ServerInfo | None,
                 starting: _Start | None, *, notice: str | None = None,
                 idle: float = DEFAULT_IDLE_TIMEOUT, port: int = 0) -> None:
        self.data_dir = data_dir
        #: Why this process uses a server of other code for now (for the user), else None.
        self.notice = notice
        self._lease: int | None = lease
        self._info = info
        self._starting = starting
        self._idle = idle
        self._port = port
        self._following = threading.Lock()

    @classmethod
    def begin(cls, data_dir: Path, *, env: Mapping[str, str] | None = None,
              timeout: float = 30.0) -> SharedBackend:
        """Use the server of ``data_dir``, starting one if none is alive.

        Stale files of a crashed server are replaced, and so is a server of other code once
        it has finished its work (``notice`` says when it is used meanwhile). Raises
        ``ConfigError`` for an unusable directory, idle timeout or port, and ``ConnectError`` when a
        live server does not answer within ``timeout`` seconds.
        """
        env = os.environ if env is None else env
        idle = idle_timeout_from(env)
        deadline = time.monotonic() + timeout
        # Absolute: the server runs in the data directory, where a relative path (a relative
        # NEMO_CONFIG_DIR) would name a folder inside itself.
        data_dir = Path(os.path.abspath(data_dir))
        port = port_from(env, data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            lease = _open_lock(data_dir / USERS_LOCK)
        except OSError as exc:
            from backend.errors import ConfigError

            raise ConfigError(f"cannot use {data_dir}: {exc.strerror}; set NEMO_CONFIG_DIR to "
                              "a writable directory") from None
        try:
            # Shared by all users; a server that decided to exit holds it exclusively until it
            # is gone, so once we have it, a server we find stays up until we release it.
            if not _lock_until(lease, deadline, exclusive=False):
                raise _no_answer(data_dir, None)
            info, starting, notice = _find_or_start(data_dir, lease, idle, deadline, port=port)
        except BaseException:
            os.close(lease)
            raise
        return cls(data_dir, lease, info, starting, notice=notice, idle=idle, port=port)

    @property
    def starting(self) -> bool:
        """Whether the server is still starting (``wait`` will block)."""
        return self._info is None

    @property
    def url(self) -> str:
        """The server's base URL, known before it serves (requests wait for ``wait``)."""
        if self._info is not None:
            return self._info.url
        assert self._starting is not None
        return self._starting.url

    def wait(self, timeout: float = 30.0) -> str:
        """The server's base URL, once it serves. Raises ``ConfigError`` when it cannot run
        (e.g. the ``local`` extra is missing) and ``ConnectError`` when it did not start."""
        if self._info is None:
            assert self._starting is not None
            self._info = self._starting.wait(timeout)
            self._starting = None
        return self._info.url

    def follow(self, timeout: float = 30.0) -> str:
        """The base URL of the server to use now, for a process that lives across many
        messages (an MCP server) to ask between them: when the server it used has made way
        for newer code, its successor is found, or started if none runs yet. A successor of
        any code is used as it is: this process may be the one running the older code, and
        only a process starting anew replaces a server. Raises ``ConnectError`` when none can
        be reached, ``ConfigError`` when none can start."""
        with self._following:
            if self._lease is None:
                raise RuntimeError("follow() after close()")
            if self._info is None:
                return self.wait(timeout)
            current = read_info(self.data_dir)
            if current is not None and hmac.compare_digest(current.secret, self._info.secret):
                return self._info.url  # still ours: published, so not leaving yet
            info, starting, _ = _find_or_start(self.data_dir, self._lease, self._idle,
                                               time.monotonic() + timeout, adopt=True,
                                               port=self._port)
            self._info, self._starting = info, starting
            return self.wait(timeout)

    def close(self) -> None:
        """Stop using the server (it exits once idle and unused). Idempotent."""
        if self._starting is not None:
            self._starting.abandon()
            self._starting = None
        if self._lease is not None:
            os.close(self._lease)
            self._lease = None

    def __enter__(self) -> SharedBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SharedBackend(data_dir={str(self.data_dir)!r})"


def _find_or_start(data_dir: Path, lease: int, idle: float, deadline: float, *,
                   adopt: bool = False, port: int = 0
                   ) -> tuple[ServerInfo | None, _Start | None, str | None]:
    """The live server (``adopt``: whatever code it runs) or one being started, and why a
    server of other code is used for now."""
    pause = 0.002
    mine = ""
    while True:
        info = read_info(data_dir)
        health = probe(info) if info is not None else None
        if info is not None and health is not None:
            if adopt:
                return info, None, None
            if not mine:
                from backend.local.fingerprint import code_identity

                mine = code_identity()
            if info.code == mine:
                return info, None, None
            notice = _make_way(data_dir, lease, info, health, deadline)
            if notice is not None:
                return info, None, notice
            continue  # it has left: start a server of this code
        fd = _open_lock(data_dir / SERVER_LOCK)
        try:
            if try_lock(fd):
                # No server holds the lock: whatever server.json says is left from a crash.
                with contextlib.suppress(FileNotFoundError):
                    (data_dir / INFO_FILE).unlink()
                return None, _Start.spawn(data_dir, fd, idle, port), None
        finally:
            os.close(fd)  # a started server keeps its own copy of the locked descriptor
        # A server holds the lock: it is starting (server.json comes when it serves), or it
        # does not answer. Wait for the first, give up on the second at the deadline.
        if time.monotonic() >= deadline:
            raise _no_answer(data_dir, info)
        time.sleep(pause)
        pause = min(pause * 2, _MAX_PAUSE)


def _make_way(data_dir: Path, lease: int, info: ServerInfo, health: Health,
              deadline: float) -> str | None:
    """Have the live server of ``info``, which runs other code, leave without losing work.
    None once it has left; else why this process uses it for now (it leaves when done)."""
    import signal

    from backend.version import __version__

    if info.code and not info.detached:
        return (f"the local backend at {info.url} (serve-local, pid {info.pid}) runs other "
                f"code (version {info.version}); restart it to use the installed version "
                f"{__version__}")
    later = (f"the local backend still runs the code installed before (version "
             f"{info.version}) while its work finishes; the next message after that starts it "
             "with the installed code")
    if not info.code:
        # From before code identities: SIGTERM is all it knows, and it cancels renders.
        if _renders_unfinished(data_dir):
            return later
        why = signal.SIGTERM
    elif health.busy:
        # A render or another process's message runs: it leaves once that is done.
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGUSR1)
        return later
    else:
        why = signal.SIGUSR1
    # It leaves at once when nobody uses it: this process lets go of it meanwhile.
    fcntl.flock(lease, fcntl.LOCK_UN)
    try:
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, why)
        gone = _wait_unlocked(data_dir, min(deadline, time.monotonic() + RETIRE_WAIT))
    finally:
        if not _lock_until(lease, deadline, exclusive=False):
            raise _no_answer(data_dir, None)
    if gone or probe(info) is None:
        return None
    return later


def _wait_unlocked(data_dir: Path, deadline: float) -> bool:
    """Whether no server holds ``data_dir``'s lock by ``deadline`` (the lock is left free)."""
    fd = _open_lock(data_dir / SERVER_LOCK)
    try:
        return _lock_until(fd, deadline, exclusive=True)
    finally:
        os.close(fd)


def _renders_unfinished(data_dir: Path) -> bool:
    """Whether a render job on disk is pending or processing (``renders.py``'s records)."""
    try:
        records = list((data_dir / "renders").glob("*.json"))
    except OSError:
        return False
    for record in records:
        try:
            with record.open("rb") as fh:
                status = json.loads(fh.read(1 << 20)).get("status")
        except (OSError, ValueError, AttributeError):
            continue
        if status in ("pending", "processing"):
            return True
    return False


def _no_answer(data_dir: Path, info: ServerInfo | None) -> Exception:
    from backend.errors import ConnectError

    who = f" (pid {info.pid}, {info.url})" if info is not None else ""
    return ConnectError(f"the local backend of {data_dir}{who} does not answer; stop it with "
                        "`nemoskill serve-local --stop` and try again")


class _Start:
    """A server being started: its listening socket's address, the ready pipe and the
    short-lived launcher process."""

    def __init__(self, data_dir: Path, address: tuple[str, int], ready: int,
                 launcher: Any) -> None:
        self.data_dir = data_dir
        self.address = address
        self.ready = ready
        self.launcher = launcher

    @property
    def url(self) -> str:
        return f"http://{self.address[0]}:{self.address[1]}"

    @classmethod
    def spawn(cls, data_dir: Path, lock_fd: int, idle: float, port: int = 0) -> _Start:
        import subprocess

        # Bound and listening here, then handed over: the address is known before the server
        # has imported anything, and a connection made early waits in the kernel's queue
        # instead of failing. This process closes its copy once the launcher has it, so a
        # server that dies before serving leaves no listener behind (connections are refused).
        listener = _listen(port)
        read_end, write_end = os.pipe()
        log = _open_log(data_dir / LOG_FILE)
        # The package's own root first, so that the server runs this very code whatever the
        # working directory or the launching script's path was.
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        argv = [sys.executable, "-m", "backend.local.daemon", "--data-dir", str(data_dir),
                "--lock-fd", str(lock_fd), "--ready-fd", str(write_end),
                "--listen-fd", str(listener.fileno()), "--idle-timeout", repr(idle)]
        try:
            launcher = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=log,
                                        pass_fds=(lock_fd, write_end, listener.fileno()),
                                        cwd=data_dir, env=env)
        except OSError as exc:
            os.close(read_end)
            from backend.errors import ConnectError

            raise ConnectError(f"cannot start the local backend: {exc.strerror}") from None
        finally:
            os.close(write_end)
            log.close()
            address = listener.getsockname()
            listener.close()
        return cls(data_dir, (str(address[0]), int(address[1])), read_end, launcher)

    def wait(self, timeout: float) -> ServerInfo:
        deadline = time.monotonic() + timeout
        line = b""
        try:
            while b"\n" not in line:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([self.ready], [], [], remaining)[0]:
                    raise self._failed("it did not start in time")
                chunk = os.read(self.ready, 4096)
                if not chunk:
                    break
                line += chunk
        finally:
            os.close(self.ready)
            self.ready = -1
            self._reap(deadline)
        word, _, rest = line.decode("utf-8", "replace").strip().partition(" ")
        if word == "config":
            from backend.errors import ConfigError

            raise ConfigError(rest)
        info = read_info(self.data_dir) if word == "ready" else None
        if info is None or (info.host, info.port) != self.address:
            raise self._failed(rest or "it stopped at once")
        return info

    def abandon(self) -> None:
        if self.ready >= 0:
            os.close(self.ready)
            self.ready = -1
        self._reap(time.monotonic() + 5)

    def _reap(self, deadline: float) -> None:
        # The launcher forks the server and exits at once; reaping it leaves no zombie.
        import subprocess

        with contextlib.suppress(subprocess.TimeoutExpired):
            self.launcher.wait(max(0.1, deadline - time.monotonic()))

    def _failed(self, why: str) -> Exception:
        from backend.errors import ConnectError

        return ConnectError(f"the local backend could not start: {why} "
                            f"(details in {self.data_dir / LOG_FILE})")


def _listen(port: int = 0) -> socket.socket:
    if port:
        try:
            return _listener(port)
        except OSError:
            pass  # taken by another program: any free port will do
    try:
        return _listener(0)
    except OSError as exc:
        from backend.errors import ConnectError

        raise ConnectError(f"cannot start the local backend: no loopback port ({exc.strerror})"
                           ) from None


def _listener(port: int) -> socket.socket:
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on accepted sockets whose
    # proto says TCP (see runner.py). Inheritable only through pass_fds.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if port:
            # The port of a server that has just exited may still have connections in
            # TIME_WAIT; SO_REUSEADDR lets us take it again (never from a live listener).
            # Only for a given port: with it, port 0 may be given one that was just left, and
            # a new server must not look like the one it replaces.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _open_log(path: Path) -> IO[bytes]:
    # Kept small: a long-lived server's log starts afresh once it passes 1 MB.
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
    with contextlib.suppress(OSError):
        if path.stat().st_size > _LOG_LIMIT:
            flags |= os.O_TRUNC
    return os.fdopen(os.open(path, flags, 0o600), "ab")


# -- stopping ---------------------------------------------------------------------------------

def stop(data_dir: Path, timeout: float = 10.0, *, wait: bool = True) -> ServerInfo | None:
    """Stop the shared server of ``data_dir``; returns what was stopped, None when no live
    server of ours was found. Raises ``ConnectError`` when it does not exit in time.

    ``wait=False`` only asks it to stop (SIGTERM) and returns at once; ``wait_stopped`` then
    waits for it, e.g. after asking several servers at once."""
    info = read_info(data_dir)
    if info is None or not check(info):
        return None
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.kill(info.pid, signal.SIGTERM)
    if wait:
        wait_stopped(data_dir, timeout, pid=info.pid)
    return info


def wait_stopped(data_dir: Path, timeout: float = 10.0, *, pid: int | None = None) -> None:
    """Wait until no server holds ``data_dir``'s lock (it has finished exiting). Raises
    ``ConnectError`` after ``timeout`` seconds."""
    if not _wait_unlocked(data_dir, time.monotonic() + timeout):
        from backend.errors import ConnectError

        which = f" (pid {pid})" if pid is not None else ""
        raise ConnectError(f"the local backend{which} did not stop within {timeout:.0f} s")


@contextlib.contextmanager
def owned(data_dir: Path, lock_fd: int | None = None) -> Iterator[int]:
    """Hold ``server.lock`` for a server of ``data_dir`` (the daemon passes the descriptor it
    inherited; ``serve-local`` takes it here). Raises ``ConfigError`` when another server
    holds it."""
    if lock_fd is None:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = _open_lock(data_dir / SERVER_LOCK)
        if not try_lock(fd):
            os.close(fd)
            from backend.errors import ConfigError

            info = read_info(data_dir)
            where = f" at {info.url} (pid {info.pid})" if info is not None else ""
            raise ConfigError(f"a local backend already serves {data_dir}{where}; stop it with "
                              "`nemoskill serve-local --stop`, or use another --data-dir")
    else:
        fd = lock_fd
        os.set_inheritable(fd, False)  # ffmpeg and other children must not hold it
    try:
        yield fd
    finally:
        os.close(fd)
