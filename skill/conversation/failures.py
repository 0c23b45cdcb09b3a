"""Every failure the runtime can meet, as the reply the seeds prescribe, in the user's language."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from backend import errors as e
from backend.bounded import human_size
from skill.replies import Error
from translators import messages

__all__ = ["FailureContext", "reply_for"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class FailureContext:
    """What the wording depends on: who the user is and where the web app lives."""

    web_url: str
    anonymous: bool
    user_id: str | None = None
    wall_clock: Callable[[], float] = field(default=time.time)
    #: The local backend answered: its credits are added on this machine, not bought.
    local: bool = False
    #: The balance when the service refused for lack of credits, as it is to be written
    #: (``_num`` of the conversation: 50, not 50.0; None: not known).
    available: int | float | None = None


def reply_for(exc: e.NemoError, lang: str, ctx: FailureContext) -> Error:
    """The ``Error`` reply for ``exc``: a template per documented condition, never a token."""
    text = _text(exc, lang, ctx)
    return Error(text=text, code=exc.exit_code, error=type(exc).__name__)


def _text(exc: e.NemoError, lang: str, ctx: FailureContext) -> str:
    m = messages.render
    if isinstance(exc, e.OutOfCredits):
        # A balance above zero is said: "out of credits" beside "50 available" contradicts.
        left = ctx.available if ctx.available and ctx.available > 0 else None
        if ctx.local:
            return m("out_of_credits_local", lang, left=left)
        user = exc.user_id or ctx.user_id
        if ctx.anonymous and user:
            return m("out_of_credits_anonymous", lang, link=f"{ctx.web_url}/?bind={user}",
                     left=left)
        return m("out_of_credits_registered", lang, link=ctx.web_url, left=left)
    if isinstance(exc, e.ExportBlocked):
        return m("export_blocked_plan", lang, link=ctx.web_url)
    if isinstance(exc, e.MediaUnavailable):
        return m("media_unavailable", lang, clips=list(exc.clips))
    if isinstance(exc, e.UnsupportedFile | e.FileTooLarge | e.FileRejected):
        return _file_text(exc, lang)
    if isinstance(exc, e.ConfigDirUnusable):
        # Worded in the user's language; the OS's own (English) text only as a detail.
        return m("config_dir_unusable", lang, path=exc.path, reason=exc.reason,
                 reading=exc.reading, detail=exc.detail)
    if isinstance(exc, e.FolderUnusable):
        return m("folder_unusable", lang, folder=exc.folder, reason=exc.reason,
                 needed=human_size(exc.needed), free=human_size(exc.free))
    if isinstance(exc, e.TokenQuotaExceeded):
        return m("token_quota", lang, retry_at=_retry_at(exc.retry_after, ctx))
    if isinstance(exc, e.RateLimited):
        return m("rate_limited_final", lang)
    if isinstance(exc, e.AuthError) and not ctx.anonymous:
        return m("token_invalid_env", lang)
    if isinstance(exc, e.GenerationLost):
        return m("generation_lost", lang)
    if isinstance(exc, e.RenderFailed):
        return m("render_failed", lang)
    if isinstance(exc, e.ResponseTooLarge):
        size = human_size(exc.limit) if exc.unit == "bytes" and exc.limit else ""
        return m("response_too_large", lang, size=size)
    if isinstance(exc, e.TimeoutError_):
        return m("timed_out", lang)
    if isinstance(exc, e.TransportError):
        return m("network_error", lang)
    if isinstance(exc, e.APIError):
        return m("server_error", lang)
    # Skill, config and usage errors are about the operator's setup: their text says what to do.
    return exc.message


#: Why the service refused a file or link (its error ``data.reason``) → the message saying so.
_REASONS = {"fetch": "link_failed", "not_media": "link_not_media", "corrupt": "file_corrupt"}


def _reason(exc: e.NemoError) -> tuple[str, str]:
    """The ``reason`` and ``name`` a service put in a file error's data ("", "" if none)."""
    body = exc.body if isinstance(exc, e.APIError) else ""
    try:
        data = json.loads(body).get("data") if body else None
    except (ValueError, AttributeError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("reason") or ""), str(data.get("name") or "")


def _retry_at(retry_after: float | None, ctx: FailureContext) -> str | None:
    """When to try again, as a UTC time every language can read ("2026-12-07 10:15 UTC")."""
    if retry_after is None:
        return None
    when = datetime.fromtimestamp(ctx.wall_clock() + retry_after, UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _file_text(exc: e.NemoError, lang: str) -> str:
    reason, named = _reason(exc)
    if reason in _REASONS:
        return messages.render(_REASONS[reason], lang, name=named,
                               formats=list(e.ACCEPTED_FORMATS))
    name = exc.filename if isinstance(exc, e.FileRejected) else ""
    reason = exc.reason if isinstance(exc, e.FileRejected) else (
        "size" if isinstance(exc, e.FileTooLarge) else "type")
    if reason == "missing":
        return messages.render("file_missing", lang, name=name)
    if reason == "size":
        return messages.render("file_too_large", lang, name=name,
                               limit_mb=e.MAX_UPLOAD_BYTES // _MB)
    return messages.render("unsupported_file", lang, name=name, formats=list(e.ACCEPTED_FORMATS))
