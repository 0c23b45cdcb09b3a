"""The one error hierarchy of the runtime, and the one place that maps API codes to it.

Every failure a caller can meet is a ``NemoError``; each class carries the CLI exit code
that the host adapters use, so that a class of failure has one code everywhere::

    NemoError                       base; never shows a token (messages pass through redact())
    ├── SkillError                  a SKILL.md could not be loaded or is invalid (file, field, line)
    ├── ConfigError                 environment or config files are unusable
    │   └── ConfigDirUnusable       the config directory cannot be read or written (path, reason)
    ├── UsageError                  the caller asked for something impossible (bad file, bad flag)
    │   ├── FileRejected            local validation refused an upload (type or size)
    │   └── MediaUnavailable        a draft's clip cannot be fetched by the renderer
    ├── TransportError              the service could not be reached
    │   ├── ConnectError            connection refused / DNS / TLS
    │   ├── TimeoutError_           no answer in time, or ten minutes of heartbeats only
    │   └── StreamDropped           an SSE stream closed abnormally mid-message
    ├── APIError                    the service answered with an error (code, status, request id)
    │   ├── AuthError               1001, 1010, 1011, HTTP 401: token invalid or expired
    │   ├── SessionNotFound         1002
    │   ├── OutOfCredits            2001 (carries the user id for the registration link)
    │   ├── UnsupportedFile         4001
    │   ├── FileTooLarge            4002
    │   ├── MissingClientId         HTTP 400 on token acquisition
    │   ├── ExportBlocked           HTTP 402: free plan or missing attribution, not credits
    │   ├── RateLimited             HTTP 429
    │   │   └── TokenQuotaExceeded  HTTP 429 (or a quota answer) on anonymous token acquisition
    │   ├── ServerError             HTTP 5xx, unknown codes, ``{"error": …}`` stream events
    │   └── BadResponse             unparseable body, wrong shape, HTML where JSON was due
    │       └── ResponseTooLarge    an answer exceeded one of the client's ``Limits``
    └── OperationFailed             a long operation ended without the result
        ├── RenderFailed            a render failed twice (one retry with a new id)
        └── GenerationLost          a dropped generation never showed up in the state

Programmer mistakes are plain ``RuntimeError``/``TypeError``; they are not part of this tree.
``error_for`` is the single code→class mapping, used by plain calls and by SSE error events.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = [
    "ACCEPTED_FORMATS",
    "APIError",
    "AuthError",
    "BadResponse",
    "ConfigDirUnusable",
    "ConfigError",
    "ConnectError",
    "ExportBlocked",
    "FileRejected",
    "FileTooLarge",
    "FolderUnusable",
    "GenerationLost",
    "MediaUnavailable",
    "MissingClientId",
    "NemoError",
    "OperationFailed",
    "OutOfCredits",
    "RateLimited",
    "RenderFailed",
    "ResponseTooLarge",
    "ServerError",
    "SessionNotFound",
    "SkillError",
    "StreamDropped",
    "TimeoutError_",
    "TokenQuotaExceeded",
    "TransportError",
    "UnsupportedFile",
    "UsageError",
    "error_for",
    "redact",
]

#: Upload formats the service accepts (DESIGN §2), lower-case extensions without the dot.
ACCEPTED_FORMATS: tuple[str, ...] = (
    "mp4", "mov", "avi", "webm", "mkv", "jpg", "png", "gif", "webp", "mp3", "wav", "m4a", "aac",
)
#: The service's upload limit.
MAX_UPLOAD_BYTES = 500 * 1024 * 1024

# API codes (DESIGN §2). Kept here so the client and the local backend share one table.
CODE_OK = 0
CODE_TOKEN_INVALID = 1001
CODE_SESSION_NOT_FOUND = 1002
CODE_AUTH_ALT = (1010, 1011)
CODE_OUT_OF_CREDITS = 2001
CODE_UNSUPPORTED_FILE = 4001
CODE_FILE_TOO_LARGE = 4002

# Anything that looks like a credential. Cloud tokens are ``nmv_…``; a bearer header may hold
# any token, so its value goes too. Applied to every message an error carries.
_SECRET_PATTERNS = (
    re.compile(r"nmv_[A-Za-z0-9_\-\.]+"),
    re.compile(r"(?i)(bearer\s+)[^\s\"',;]+"),
    re.compile(r"(?i)(\"?(?:token|authorization|access_token)\"?\s*[:=]\s*\"?)[^\s\"',;}]+"),
)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Return ``text`` with tokens and the given ``secrets`` replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "***", text)
    return text


class NemoError(Exception):
    """Base of every failure the runtime reports. ``str()`` is safe to show a user."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str) -> None:
        self.message = redact(message)
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class SkillError(NemoError):
    """A SKILL.md could not be loaded. Names the file, the field and, for YAML, the line."""

    exit_code = 3

    def __init__(
        self, message: str, *, path: str = "", field: str = "", line: int | None = None
    ) -> None:
        self.path = path
        self.field = field
        self.line = line
        where = path
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        parts = [p for p in (where, f"field '{field}'" if field else "") if p]
        prefix = ", ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class ConfigError(NemoError):
    """Configuration (environment, config directory) is unusable."""

    exit_code = 4


class ConfigDirUnusable(ConfigError):
    """A file of the config directory cannot be read or written: ``path``, ``reason``
    (``os_reason``'s), ``detail`` (the OS's own text, English). The message is English for
    logs; replies are worded from the fields, with the OS text only as a detail."""

    def __init__(self, path: str, exc: OSError, *, reading: bool = False) -> None:
        self.path = path
        self.reason = os_reason(exc)
        self.detail = exc.strerror or str(exc)
        self.reading = reading
        super().__init__(f"cannot {'read' if reading else 'write'} {path}: {self.detail}; "
                         "set NEMO_CONFIG_DIR to a writable directory")


class UsageError(NemoError):
    """The request cannot be carried out as asked (not a service failure)."""

    exit_code = 2


#: Why a local file or folder could not be used (its ``errno``) → a reason the reply words.
_OS_REASONS: dict[int, str] = {errno.ENOENT: "missing", errno.EACCES: "denied",
                               errno.EPERM: "denied", errno.EROFS: "denied",
                               errno.ENOSPC: "full", errno.EISDIR: "folder",
                               errno.ENOTDIR: "folder", errno.EEXIST: "folder"}


def os_reason(exc: OSError) -> str:
    """``missing``, ``denied``, ``full``, ``folder`` (a file where a folder should be, or the
    reverse) or ``other``: what the user can act on, in no language (the OS's text is
    English)."""
    return _OS_REASONS.get(exc.errno or 0, "other")


class FolderUnusable(UsageError):
    """The folder a video is saved in cannot take it: ``reason`` is ``os_reason``'s, or
    ``space`` (``needed`` and ``free`` bytes). The message is English for logs; replies are
    worded from the fields."""

    def __init__(self, folder: str, reason: str, *, needed: int = 0, free: int = 0) -> None:
        self.folder = folder
        self.reason = reason
        self.needed = needed
        self.free = free
        if reason == "space":
            super().__init__(f"not enough free space in {folder}: the video needs {needed} "
                             f"bytes and {free} are free; free some space or choose another "
                             "folder")
        else:
            super().__init__(f"cannot write to {folder} ({reason}); choose another folder")


class FileRejected(UsageError):
    """An upload was refused before sending: wrong type or too large."""

    exit_code = 9

    def __init__(self, message: str, *, filename: str = "", reason: str = "type") -> None:
        self.filename = filename
        self.reason = reason  # "type" | "size" | "missing"
        super().__init__(message)


class MediaUnavailable(UsageError):
    """A clip in the draft points to a file the renderer cannot fetch (``clips`` names them)."""

    exit_code = 9

    def __init__(self, message: str, *, clips: tuple[str, ...] = ()) -> None:
        self.clips = clips
        super().__init__(message)


class TransportError(NemoError):
    """The service could not be reached or stopped answering."""

    exit_code = 5


class ConnectError(TransportError):
    """Connection refused, name resolution or TLS failure."""


class TimeoutError_(TransportError):  # trailing underscore: do not shadow the builtin
    """No answer in time (including ten minutes of heartbeats with nothing else)."""


class StreamDropped(TransportError):
    """An SSE stream ended abnormally. The message must not be re-sent."""


class APIError(NemoError):
    """The service answered with an error.

    Attributes hold what a caller needs: ``code`` (API code or None), ``status`` (HTTP status),
    ``request_id`` and a redacted, size-bounded ``body``.
    """

    exit_code = 11

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        status: int | None = None,
        request_id: str | None = None,
        body: str = "",
    ) -> None:
        self.code = code
        self.status = status
        self.request_id = request_id
        self.body = redact(body[:2000])
        super().__init__(message)


class AuthError(APIError):
    """1001 / 1010 / 1011 / HTTP 401: the token is invalid or expired."""

    exit_code = 6


class SessionNotFound(APIError):
    """1002: the session does not exist (expired or another account's)."""

    exit_code = 12


class OutOfCredits(APIError):
    """2001: not enough credits. ``user_id`` feeds the registration link for anonymous users."""

    exit_code = 7

    def __init__(self, message: str, *, user_id: str | None = None,
                 anonymous: bool | None = None, **kw: Any) -> None:
        self.user_id = user_id
        self.anonymous = anonymous  # True: offer registration; False: offer a top-up
        super().__init__(message, **kw)


class UnsupportedFile(APIError):
    """4001: the service does not accept this file type."""

    exit_code = 9


class FileTooLarge(APIError):
    """4002: the file exceeds the service's size limit."""

    exit_code = 9


class MissingClientId(APIError):
    """HTTP 400 on token acquisition: the ``X-Client-Id`` header was missing."""

    exit_code = 6


class ExportBlocked(APIError):
    """HTTP 402: export refused by the plan or for missing attribution headers; not credits."""

    exit_code = 8


class RateLimited(APIError):
    """HTTP 429: too many requests. ``retry_after`` in seconds when the server said."""

    exit_code = 10

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kw)


class TokenQuotaExceeded(RateLimited):
    """No new anonymous token: the quota (1 per client id, about 10 per IP, per 7 days) is
    used up. Waiting seconds or a new client id does not help; ``retry_after`` says when."""

    exit_code = 15


class ServerError(APIError):
    """HTTP 5xx, an unknown error code, or an error event inside a stream."""


class BadResponse(APIError):
    """The answer could not be understood: not JSON, wrong shape, an HTML page."""


class ResponseTooLarge(BadResponse):
    """An answer was larger than the client accepts (``backend.limits.Limits``).

    ``what`` names the answer (``"the video"``, ``"the reply"``…) and ``limit`` the size it
    exceeded, in ``unit`` (``"bytes"``, or ``"characters"`` for reply text). Reading stopped
    there.
    """

    def __init__(self, message: str, *, what: str = "", limit: int = 0, unit: str = "bytes",
                 **kw: Any) -> None:
        self.what = what
        self.limit = limit
        self.unit = unit
        super().__init__(message, **kw)


class OperationFailed(NemoError):
    """A long-running operation ended without its result."""

    exit_code = 13


class RenderFailed(OperationFailed):
    """A render failed, also after one retry with a new id."""


class GenerationLost(OperationFailed):
    """A dropped generation did not show up in the state after the allowed polls."""

    exit_code = 14


_BY_CODE: dict[int, type[APIError]] = {
    CODE_TOKEN_INVALID: AuthError,
    CODE_AUTH_ALT[0]: AuthError,
    CODE_AUTH_ALT[1]: AuthError,
    CODE_SESSION_NOT_FOUND: SessionNotFound,
    CODE_OUT_OF_CREDITS: OutOfCredits,
    CODE_UNSUPPORTED_FILE: UnsupportedFile,
    CODE_FILE_TOO_LARGE: FileTooLarge,
}
_BY_STATUS: dict[int, type[APIError]] = {
    400: MissingClientId,
    401: AuthError,
    402: ExportBlocked,
    429: RateLimited,
}


def error_for(
    *,
    code: int | None = None,
    status: int | None = None,
    message: str = "",
    body: str = "",
    request_id: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> APIError:
    """Map an API ``code`` and/or HTTP ``status`` to the one matching ``APIError``.

    The API code wins over the HTTP status (gateways answer 200 or 4xx with a code inside).
    ``extra`` may hold ``user_id`` and ``anonymous`` (2001), ``retry_after`` (429) and
    ``token_request`` (False: a 400 is not about the client id). Unknown codes and 5xx
    become ``ServerError``; any other 4xx without a code becomes ``BadResponse``.
    """
    cls: type[APIError]
    if code is not None and code in _BY_CODE:
        cls = _BY_CODE[code]
    elif status is not None and status in _BY_STATUS:
        cls = _BY_STATUS[status]
        if cls is MissingClientId and extra is not None and extra.get("token_request") is False:
            cls = BadResponse  # a 400 elsewhere is a refused request, not a missing client id
    elif status is not None and 400 <= status < 500 and code is None:
        cls = BadResponse
    else:
        cls = ServerError
    text = message or _default_message(cls, code, status)
    kw: dict[str, Any] = {"code": code, "status": status, "request_id": request_id, "body": body}
    extra = extra or {}
    if cls is OutOfCredits:
        anonymous = extra.get("anonymous")
        return OutOfCredits(text, user_id=_opt_str(extra.get("user_id")),
                            anonymous=anonymous if isinstance(anonymous, bool) else None, **kw)
    if extra.get("token_request") is True and (
            cls is RateLimited or _QUOTA_WORDS.search(f"{message} {body}") is not None):
        # On token acquisition a 429 is the anonymous quota, not a busy moment.
        cls = TokenQuotaExceeded
        text = message or _default_message(cls, code, status)
    if cls is RateLimited or cls is TokenQuotaExceeded:
        retry = extra.get("retry_after")
        return cls(text, retry_after=float(retry) if retry is not None else None, **kw)
    return cls(text, **kw)


_QUOTA_WORDS = re.compile(r"\bquota\b|\btoken limit\b|too many tokens", re.I)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _default_message(cls: type[APIError], code: int | None, status: int | None) -> str:
    what = cls.__doc__.splitlines()[0] if cls.__doc__ else cls.__name__
    tag = ", ".join(p for p in (f"code {code}" if code is not None else "",
                                f"HTTP {status}" if status is not None else "") if p)
    return f"{what} ({tag})" if tag else what
