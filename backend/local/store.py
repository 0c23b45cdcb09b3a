"""Persistent state of the local backend: accounts and tokens, credits, sessions, media files.

Everything lives under one data directory (files mode 0600)::

    accounts.db              SQLite: users (credits, client id), token hashes + expiry, and the
                             holds on credits that running turns have frozen
    owners/<id>.lock         one per running server instance (see ``owners.py``)
    sessions/<sid>.json      one session: ids, language, agent memory, ``state`` (draft, …)
    media/<media_id>/        an uploaded file (under a file-system-safe name) and ``info.json``
    renders/                 render jobs (see ``renders.py``)
    tmp/                     partial uploads, removed when done

Why SQLite for accounts: a new token or a credit change is one small transaction whose cost
does not grow with the number of accounts (a JSON file had to be rewritten and fsynced whole),
and the file stays consistent when a process is killed mid-write. Tokens are stored only as
SHA-256 hashes; an expired token is deleted when it is seen, so it stays expired if the clock
later moves back. One client id maps to one user, so re-acquiring a token keeps the balance
(as the cloud's per-client accounts do).

Credits frozen for a turn are a *hold* owned by this server instance. At start-up, holds of
instances that are no longer running (killed mid-generation) are released, so the credits come
back and a retry is charged once. A full disk surfaces as ``OSError(ENOSPC)``. Thread-safe.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import hashlib
import os
import re
import secrets
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from backend.draft import CANVAS_BY_RATIO
from backend.files import atomic_write_json, read_json
from backend.local.options import LocalOptions
from backend.local.owners import OwnerLock

__all__ = ["MAX_CREDITS_ADDED", "Account", "Balance", "Session", "Store", "add_credits",
           "empty_state", "iso_time"]

_ID_RE = re.compile(r"^[A-Za-z0-9_\-]{1,80}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY, client_id TEXT NOT NULL UNIQUE,
    available INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at REAL NOT NULL,
    issued_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_by_expiry ON tokens (expires_at);
CREATE TABLE IF NOT EXISTS holds (
    hold_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, amount INTEGER NOT NULL,
    owner TEXT NOT NULL, created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS holds_by_user ON holds (user_id);
"""


def iso_time(ts: float) -> str:
    """``ts`` as an ISO-8601 UTC string with a ``Z``."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def empty_state(ratio: str = "16:9", fps: int = 30) -> dict[str, Any]:
    """A new session's state: an empty draft on a canvas of ``ratio``."""
    w, h = CANVAS_BY_RATIO[ratio]
    return {
        "draft": {"v": 1, "w": w, "h": h, "fps": fps, "ratio": ratio, "d": 0, "t": []},
        "video_infos": [],
        "generated_media": [],
        "canvas_config": {"width": w, "height": h, "ratio": ratio, "fps": fps},
    }


@dataclass(frozen=True)
class Balance:
    available: int
    frozen: int

    @property
    def total(self) -> int:
        return self.available + self.frozen


@dataclass
class Account:
    user_id: str
    client_id: str
    available: int
    frozen: int = 0


@dataclass
class Session:
    session_id: str
    task_id: str
    user_id: str
    language: str
    task_name: str
    created_at: float
    updated_at: float
    edit_charged: bool = False
    memory: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=empty_state)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _open_db(path: Path, *, durable: bool = True) -> sqlite3.Connection:
    # Created private before SQLite opens it; its -wal/-shm files inherit the mode.
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    path.chmod(0o600)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10.0)
    if durable:
        db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a commit is an append without fsync; a killed process loses
        # nothing, only a power cut may lose the last commits (never consistency). Closing
        # checkpoints the log into the database and syncs it (1-7 ms, more under disk load).
        db.execute("PRAGMA synchronous=NORMAL")
    else:
        # LocalOptions(durable=False), for tests and throwaway data: no log on disk and no
        # waiting for it (closing costs 0.3 ms instead of 2-7); a crash may lose the data.
        db.execute("PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=OFF")
    db.executescript(_SCHEMA)
    return db


#: The most ``add_credits`` adds at once (a typo of a few zeros is refused, not stored).
MAX_CREDITS_ADDED: Final = 1_000_000_000


def add_credits(root: Path, amount: int) -> list[tuple[str, int]]:
    """Add ``amount`` credits to every account of the data directory ``root``, whether or not
    its server runs (one SQLite transaction; a running server reads balances from the database
    on every request). Returns each user and their new available balance; none when the
    directory holds no account yet. Opens the database alone: a ``Store`` would also clear the
    partial uploads of a server that may be running."""
    if not 1 <= amount <= MAX_CREDITS_ADDED:
        raise ValueError(f"the amount must be between 1 and {MAX_CREDITS_ADDED:,}")
    path = root / "accounts.db"
    if not path.is_file():
        return []
    db = _open_db(path, durable=True)
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("UPDATE users SET available = available + ?", (amount,))
            rows = db.execute("SELECT user_id, available FROM users ORDER BY user_id").fetchall()
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()
    return [(str(uid), int(available)) for uid, available in rows]


class Store:
    """The backend's data. All methods are thread-safe and persist before returning."""

    def __init__(self, root: Path, options: LocalOptions) -> None:
        self.root = root
        self.options = options
        self._lock = threading.RLock()
        for sub in ("sessions", "media", "renders", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        self._owner = OwnerLock(root / "owners")
        try:
            self._db = _open_db(root / "accounts.db", durable=options.durable)
        except BaseException:
            self._owner.close()
            raise
        self._sessions: dict[str, Session] = {}
        self._import_json_accounts(root / "accounts.json")
        self._release_orphaned_holds()
        with self._write() as db:
            db.execute("DELETE FROM tokens WHERE expires_at <= ?", (options.clock(),))
        # Partial uploads of a crashed run are garbage.
        for leftover in (root / "tmp").iterdir():
            leftover.unlink(missing_ok=True) if leftover.is_file() else shutil.rmtree(leftover)

    def close(self) -> None:
        """Close the database and give up this instance's owner lock (idempotent)."""
        with self._lock:
            self._db.close()
            self._owner.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a full disk becomes ``OSError(ENOSPC)``."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                    raise OSError(errno.ENOSPC, "No space left on device",
                                  str(self.root)) from exc
                raise

    def _import_json_accounts(self, path: Path) -> None:
        """Accounts of an older data directory (``accounts.json``) move into the database."""
        data = read_json(path)
        if not isinstance(data, dict):
            return
        with self._write() as db:
            for uid, u in (data.get("users") or {}).items():
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    db.execute("INSERT OR IGNORE INTO users VALUES (?, ?, ?, ?)",
                               (uid, str(u["client_id"]), int(u["available"]),
                                int(u.get("frozen", 0))))
            for key, t in (data.get("tokens") or {}).items():
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    db.execute("INSERT OR IGNORE INTO tokens VALUES (?, ?, ?, ?)",
                               (key, str(t["user_id"]), float(t["expires_at"]),
                                float(t["expires_at"]) - self.options.token_ttl))
        path.unlink()

    def _release_orphaned_holds(self) -> None:
        """Give back credits frozen by server instances that no longer run, and any frozen
        amount no hold accounts for (a data directory from before holds existed)."""
        with self._lock:
            owners = [r[0] for r in self._db.execute("SELECT DISTINCT owner FROM holds")]
        gone = [o for o in owners if not self._owner.alive(o)]
        with self._write() as db:
            for owner in gone:
                db.execute("DELETE FROM holds WHERE owner = ?", (owner,))
            held = "(SELECT COALESCE(SUM(amount), 0) FROM holds h WHERE h.user_id = users.user_id)"
            db.execute(f"UPDATE users SET available = available + frozen - {held}, "
                       f"frozen = {held} WHERE frozen != {held}")
        for owner in gone:
            self._owner.forget(owner)

    # -- accounts and tokens -------------------------------------------------------------------

    def _account(self, user_id: str) -> Account | None:
        row = self._db.execute("SELECT user_id, client_id, available, frozen FROM users "
                               "WHERE user_id = ?", (user_id,)).fetchone()
        return Account(*row) if row else None

    def issue_token(self, client_id: str) -> tuple[str, Account, float]:
        """A new token for the user of ``client_id`` (created with the initial credits)."""
        now = self.options.clock()
        token = f"nmv_usr_{secrets.token_urlsafe(24)}"
        expires = now + self.options.token_ttl
        with self._write() as db:
            row = db.execute("SELECT user_id FROM users WHERE client_id = ?",
                             (client_id,)).fetchone()
            if row is None:
                uid = f"usr_{uuid.uuid4().hex[:16]}"
                db.execute("INSERT INTO users VALUES (?, ?, ?, 0)",
                           (uid, client_id, self.options.initial_credits))
            else:
                uid = row[0]
            db.execute("INSERT INTO tokens VALUES (?, ?, ?, ?)", (_hash(token), uid, expires, now))
            db.execute("DELETE FROM tokens WHERE expires_at <= ?", (now,))
            account = self._account(uid)
        assert account is not None
        return token, account, expires

    def account_for_token(self, token: str) -> Account | None:
        """The account of a valid token; None when unknown or expired (an expired token is
        deleted, so it stays invalid whatever the clock says later)."""
        now = self.options.clock()
        with self._lock:
            row = self._db.execute("SELECT user_id, expires_at FROM tokens WHERE hash = ?",
                                   (_hash(token),)).fetchone()
            if row is None:
                return None
            if row[1] <= now:
                with contextlib.suppress(OSError), self._write() as db:  # best effort
                    db.execute("DELETE FROM tokens WHERE expires_at <= ?", (now,))
                return None
            return self._account(row[0])

    # -- credits -------------------------------------------------------------------------------

    def balance(self, user_id: str) -> Balance:
        with self._lock:
            account = self._account(user_id)
        if account is None:
            raise KeyError(user_id)
        return Balance(account.available, account.frozen)

    def freeze(self, user_id: str, amount: int) -> str | None:
        """Move ``amount`` from available to frozen under a new hold, whose id is returned;
        None (and no change) if not enough is available."""
        hold = f"hold_{uuid.uuid4().hex}"
        with self._write() as db:
            account = self._account(user_id)
            if account is None or amount > account.available:
                return None
            db.execute("UPDATE users SET available = available - ?, frozen = frozen + ? "
                       "WHERE user_id = ?", (amount, amount, user_id))
            db.execute("INSERT INTO holds VALUES (?, ?, ?, ?, ?)",
                       (hold, user_id, amount, self._owner.id, self.options.clock()))
        return hold

    def settle(self, hold: str) -> None:
        """Spend the credits of ``hold`` (the job finished)."""
        self._end_hold(hold, refund=False)

    def release(self, hold: str) -> None:
        """Give the credits of ``hold`` back (the job did not happen)."""
        self._end_hold(hold, refund=True)

    def _end_hold(self, hold: str, *, refund: bool) -> None:
        with self._write() as db:
            row = db.execute("SELECT user_id, amount FROM holds WHERE hold_id = ?",
                             (hold,)).fetchone()
            if row is None:
                return
            user_id, amount = row
            db.execute("DELETE FROM holds WHERE hold_id = ?", (hold,))
            db.execute("UPDATE users SET frozen = MAX(0, frozen - ?), available = available + ? "
                       "WHERE user_id = ?", (amount, amount if refund else 0, user_id))

    def set_credits(self, user_id: str, available: int) -> None:
        """Set a user's available balance (tests and demos)."""
        with self._write() as db:
            db.execute("UPDATE users SET available = ? WHERE user_id = ?", (available, user_id))

# -- sessions ------------------------------------------------------------------------------

    def create_session(self, user_id: str, *, language: str, task_name: str) -> Session:
        now = self.options.clock()
        session = Session(session_id=str(uuid.uuid4()), task_id=str(uuid.uuid4()),
                          user_id=user_id, language=language, task_name=task_name,
                          created_at=now, updated_at=now)
        self.save_session(session)
        return session

    def session(self, user_id: str, session_id: str) -> Session | None:
        """The session ``session_id`` if it exists and belongs to ``user_id`` (a copy)."""
        if not _ID_RE.match(session_id):
            return None
        with self._lock:
            s = self._sessions.get(session_id)
            if s is None:
                raw = read_json(self.root / "sessions" / f"{session_id}.json")
                if not isinstance(raw, dict):
                    return None
                try:
                    s = Session(**raw)
                except TypeError:
                    return None
                self._sessions[session_id] = s
            return copy.deepcopy(s) if s.user_id == user_id else None

    def save_session(self, session: Session) -> None:
        with self._lock:
            session.updated_at = self.options.clock()
            stored = copy.deepcopy(session)
            self._sessions[session.session_id] = stored
            atomic_write_json(self.root / "sessions" / f"{session.session_id}.json",
                              asdict(stored))

    # -- media ---------------------------------------------------------------------------------

    def new_media_id(self) -> str:
        return f"med_{uuid.uuid4().hex}"

    def add_media(self, media_id: str, src: Path, info: dict[str, Any], stored_name: str
                  ) -> Path:
        """Move the uploaded file ``src`` into the media store as ``stored_name`` (a
        file-system-safe name); ``info`` holds ``user_id`` and the display ``filename`` among
        others. Returns the stored path."""
        folder = self.root / "media" / media_id
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        dest = folder / stored_name
        try:
            src.replace(dest)
            dest.chmod(0o600)
            atomic_write_json(folder / "info.json", {**info, "stored_name": stored_name})
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return dest

    def remove_media(self, media_id: str) -> None:
        """Delete an uploaded file and its info (no error when absent)."""
        if _ID_RE.match(media_id):
            shutil.rmtree(self.root / "media" / media_id, ignore_errors=True)

    def media_info(self, media_id: str) -> dict[str, Any] | None:
        if not _ID_RE.match(media_id):
            return None
        info = read_json(self.root / "media" / media_id / "info.json")
        return info if isinstance(info, dict) else None

    def media_path(self, user_id: str | None, media_id: str) -> Path | None:
        """The file of ``media_id`` if it exists (and belongs to ``user_id`` unless None)."""
        info = self.media_info(media_id)
        if info is None or (user_id is not None and info.get("user_id") != user_id):
            return None
        name = str(info.get("stored_name") or info.get("filename") or "")
        if not name or "/" in name or name in (".", ".."):
            return None
        path = self.root / "media" / media_id / name
        return path if path.is_file() else None
