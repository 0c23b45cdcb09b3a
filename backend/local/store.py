"""Persistent state of the local backend: accounts and tokens, credits, sessions, media files.

Everything lives under one data directory (state files atomic, mode 0600)::

    accounts.json            users (credits), client id → user, token hashes → user + expiry
    sessions/<sid>.json      one session: ids, language, agent memory, ``state`` (draft, …)
    media/<media_id>/        an uploaded file and its ``info.json``
    renders/                 render jobs (see ``renders.py``)
    tmp/                     partial uploads, removed when done

Tokens are stored only as SHA-256 hashes. One client id maps to one user, so re-acquiring a
token keeps the balance (as the cloud's per-client accounts do). Thread-safe.
"""

from __future__ import annotations

import copy
import hashlib
import re
import secrets
import shutil
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backend.draft import CANVAS_BY_RATIO
from backend.files import atomic_write_json, read_json
from backend.local.options import LocalOptions

__all__ = ["Account", "Balance", "Session", "Store", "empty_state", "iso_time"]

_ID_RE = re.compile(r"^[A-Za-z0-9_\-]{1,80}$")


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


class Store:
    """The backend's data. All methods are thread-safe and persist before returning."""

    def __init__(self, root: Path, options: LocalOptions) -> None:
        self.root = root
        self.options = options
        self._lock = threading.RLock()
        for sub in ("sessions", "media", "renders", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        data = read_json(root / "accounts.json")
        if not isinstance(data, dict):
            data = {}
        self._users: dict[str, Account] = {
            uid: Account(**u) for uid, u in (data.get("users") or {}).items()
        }
        self._clients: dict[str, str] = dict(data.get("clients") or {})
        self._tokens: dict[str, dict[str, Any]] = dict(data.get("tokens") or {})
        self._sessions: dict[str, Session] = {}
        # Partial uploads of a crashed run are garbage.
        for leftover in (root / "tmp").iterdir():
            leftover.unlink(missing_ok=True) if leftover.is_file() else shutil.rmtree(leftover)

    # -- accounts and tokens -------------------------------------------------------------------

    def issue_token(self, client_id: str) -> tuple[str, Account, float]:
        """A new token for the user of ``client_id`` (created with the initial credits)."""
        now = self.options.clock()
        with self._lock:
            uid = self._clients.get(client_id)
            if uid is None or uid not in self._users:
                uid = f"usr_{uuid.uuid4().hex[:16]}"
                self._users[uid] = Account(uid, client_id, self.options.initial_credits)
                self._clients[client_id] = uid
            token = f"nmv_usr_{secrets.token_urlsafe(24)}"
            expires = now + self.options.token_ttl
            self._tokens[_hash(token)] = {"user_id": uid, "expires_at": expires}
            self._prune_tokens(now)
            self._save_accounts()
            return token, copy.copy(self._users[uid]), expires

    def account_for_token(self, token: str) -> Account | None:
        """The account of a valid token; None when unknown or expired."""
        with self._lock:
            entry = self._tokens.get(_hash(token))
            if entry is None or entry["expires_at"] <= self.options.clock():
                return None
            account = self._users.get(entry["user_id"])
            return copy.copy(account) if account else None

    def _prune_tokens(self, now: float) -> None:
        for key in [k for k, v in self._tokens.items() if v["expires_at"] <= now]:
            del self._tokens[key]

    def _save_accounts(self) -> None:
        atomic_write_json(self.root / "accounts.json", {
            "users": {uid: asdict(a) for uid, a in self._users.items()},
            "clients": self._clients,
            "tokens": self._tokens,
        })

    # -- credits -------------------------------------------------------------------------------

    def balance(self, user_id: str) -> Balance:
        with self._lock:
            a = self._users[user_id]
            return Balance(a.available, a.frozen)

    def freeze(self, user_id: str, amount: int) -> bool:
        """Move ``amount`` from available to frozen; False (and no change) if not enough."""
        with self._lock:
            a = self._users[user_id]
            if amount > a.available:
                return False
            a.available -= amount
            a.frozen += amount
            self._save_accounts()
            return True

    def settle(self, user_id: str, amount: int) -> None:
        """Spend ``amount`` of the frozen credits (the job finished)."""
        with self._lock:
            a = self._users[user_id]
            a.frozen = max(0, a.frozen - amount)
            self._save_accounts()

    def release(self, user_id: str, amount: int) -> None:
        """Give ``amount`` frozen credits back (the job did not happen)."""
        with self._lock:
            a = self._users[user_id]
            give = min(amount, a.frozen)
            a.frozen -= give
            a.available += give
            self._save_accounts()

    def set_credits(self, user_id: str, available: int) -> None:
        """Set a user's available balance (tests and demos)."""
        with self._lock:
            self._users[user_id].available = available
            self._save_accounts()

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

    def add_media(self, media_id: str, src: Path, info: dict[str, Any]) -> Path:
        """Move the uploaded file ``src`` into the media store; ``info`` holds ``user_id`` and
        ``filename`` among others. Returns the stored path."""
        folder = self.root / "media" / media_id
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        dest = folder / str(info["filename"])
        src.replace(dest)
        dest.chmod(0o600)
        atomic_write_json(folder / "info.json", info)
        return dest

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
        path = self.root / "media" / media_id / str(info.get("filename", ""))
        return path if path.is_file() else None
