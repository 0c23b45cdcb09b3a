"""Claim tokens and the claim page of the local backend.

``POST /api/auth/claim-token`` (Bearer) gives ``{"claim_token": "clm_…", "expires_in":
604800, "claim_url": …}`` like the cloud (plus the whole link, since the page is ours);
``GET /workspace/claim?ct=…`` shows the claimed user's latest project: its title, a player for
its latest render and its timeline as a list. The claim token opens only that page (no API
access). Tokens are kept hashed in ``claims.json``.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backend.draft import segment_label, segment_span, segment_text
from backend.files import atomic_write_json, read_json

__all__ = ["CLAIM_TTL", "Claims", "latest_session", "render_page"]

CLAIM_TTL = 7 * 24 * 3600

class Claims:
    """Issued claim tokens → the user they open, until they expire."""

    def __init__(self, path: Path, clock: Callable[[], float]) -> None:
        self.path = path
        self.clock = clock
        self._lock = threading.Lock()
        raw = read_json(path)
        self._claims: dict[str, dict[str, Any]] = raw if isinstance(raw, dict) else {}

    def issue(self, user_id: str) -> tuple[str, int]:
        token = f"clm_{secrets.token_urlsafe(24)}"
        now = self.clock()
        with self._lock:
            self._claims = {k: v for k, v in self._claims.items()
                            if float(v.get("expires_at", 0)) > now}
            self._claims[_hash(token)] = {"user_id": user_id, "expires_at": now + CLAIM_TTL}
            atomic_write_json(self.path, self._claims)
        return token, CLAIM_TTL

    def user_of(self, token: str) -> str | None:
        with self._lock:
            entry = self._claims.get(_hash(token))
        if entry is None or float(entry.get("expires_at", 0)) <= self.clock():
            return None
        user = entry.get("user_id")
        return user if isinstance(user, str) else None


def render_page(*, state: dict[str, Any] | None, language: str, task_name: str,
                video_url: str | None) -> str:
    """The claim page's HTML for a project (``state`` None: the user has no project yet)."""
    from backend.local.editing import role_label
    from backend.local.lexicon import lexicon

    lex = lexicon()
    lang = lex.normalize(language or "en")  # the project's language, as html lang says it
    words = lex.lang(lang).claim_page
    draft = (state or {}).get("draft") or {}
    tracks = []
    title = None
    for track in draft.get("t") or []:
        segments = [s for s in track.get("sg") or [] if isinstance(s, dict)]
        if not segments:
            continue
        first = segments[0]
        label = segment_text(first) if track.get("tt") == 7 else segment_label(first)
        if track.get("tt") == 7 and title is None and "title" in str(track.get("n", "")).lower():
            title = label
        if len(segments) > 1:
            label = f"{label or ''} +{len(segments) - 1}".strip()
        start = min(s for s, _ in map(segment_span, segments) if s is not None) \
            if any(segment_span(s)[0] is not None for s in segments) else None
        ends = [s + d for s, d in map(segment_span, segments) if s is not None and d is not None]
        span = words["span"].format(start=f"{start / 1000:g}", end=f"{max(ends) / 1000:g}") \
            if start is not None and ends else ""
        # What the user's language calls the track ("Music", "BGM" → "音楽"), not its raw name.
        tracks.append({"name": role_label(track, lang), "label": label or "", "span": span})
    heading = title or (task_name if task_name and task_name != "project" else words["untitled"])
    return str(_template().render(lang=lang, title=heading, video_url=video_url, tracks=tracks,
                                  words=words))


@functools.cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(Path(__file__).with_name("claim_page.html.j2")
                           .read_text(encoding="utf-8"))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def latest_session(sessions_dir: Path, user_id: str) -> str | None:
    """The id of the user's most recently updated session (read from the session files)."""
    best: tuple[float, str] | None = None
    for path in sessions_dir.glob("*.json"):
        raw = read_json(path)
        if isinstance(raw, dict) and raw.get("user_id") == user_id:
            updated = float(raw.get("updated_at") or 0)
            if best is None or updated > best[0]:
                best = (updated, str(raw.get("session_id")))
    return best[1] if best else None
