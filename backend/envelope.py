"""The one place that reads an API answer: unwraps the three envelope shapes or raises.

Shapes: ``{"code": 0, "data": …, "message": …}`` (code ≠ 0 is an error), ``{"success": true,
"data": …, "error": …}``, and bare objects. Every failure goes through ``errors.error_for``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backend.errors import APIError, BadResponse, error_for, redact

__all__ = ["decode_response", "expect_dict", "request_id_of", "retry_after_of", "unwrap"]

_SNIPPET = 300


def decode_response(
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    secrets: tuple[str, ...] = (),
    token_request: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> Any:
    """Return the ``data`` of an HTTP answer, or raise the matching ``APIError``.

    Non-JSON answers (an HTML error page, a truncated body) raise by status: ``BadResponse``
    for a 2xx, else the class for the status. ``secrets`` are removed from every message and
    body an error carries. ``token_request`` tells a 400 on token acquisition (missing client
    id) from any other 400. ``extra`` adds context to errors (``user_id``, ``anonymous``).
    """
    request_id = request_id_of(headers)
    context: dict[str, Any] = {"token_request": token_request, **(extra or {})}
    retry_after = retry_after_of(headers)
    if retry_after is not None:
        context["retry_after"] = retry_after
    text = content.decode("utf-8", errors="replace") if content else ""
    if not text.strip():
        if 200 <= status < 300:
            return None
        raise _error(status=status, request_id=request_id, secrets=secrets, extra=context)
    ctype = headers.get("content-type", "").lower()
    body: Any
    try:
        body = json.loads(text) if "html" not in ctype else _NOT_JSON
    except (ValueError, RecursionError):
        body = _NOT_JSON
    if body is _NOT_JSON:
        snippet = _snippet(text, secrets)
        what = ctype.partition(";")[0].strip() or "an unknown type"
        if 200 <= status < 300:
            raise BadResponse(f"expected JSON, got {what}: {snippet}", status=status,
                              request_id=request_id, body=redact(text[:2000], secrets))
        raise _error(status=status, request_id=request_id, secrets=secrets, extra=context,
                     body=text, message=f"HTTP {status} ({what}): {snippet}")
    return unwrap(body, status=status, request_id=request_id, secrets=secrets, extra=context,
                  raw=text)


def unwrap(
    body: Any,
    *,
    status: int = 200,
    request_id: str | None = None,
    secrets: tuple[str, ...] = (),
    extra: Mapping[str, Any] | None = None,
    raw: str = "",
) -> Any:
    """Return the payload of a parsed JSON ``body`` or raise the ``APIError`` it describes."""
    context = dict(extra or {})
    raw = raw or _dump(body)
    failed = not 200 <= status < 300
    if isinstance(body, dict):
        request_id = request_id or _first_str(body, ("request_id", "requestId", "trace_id"))
        code = _code(body.get("code")) if "code" in body else None
        if code is not None:
            if code != 0 or failed:
                _fill_context(context, body)
                raise _error(code=code or None, status=status, request_id=request_id,
                             secrets=secrets, extra=context, body=raw,
                             message=_message(body))
            return body.get("data")
        success = body.get("success")
        if isinstance(success, bool):
            if not success or failed:
                err = body.get("error")
                err_code = _code(err.get("code")) if isinstance(err, dict) else None
                msg = _message(err) if isinstance(err, dict) else _str(err)
                _fill_context(context, body)
                raise _error(code=err_code, status=status, request_id=request_id,
                             secrets=secrets, extra=context, body=raw,
                             message=msg or _message(body))
            return body.get("data")
        if failed:
            _fill_context(context, body)
            raise _error(status=status, request_id=request_id, secrets=secrets, extra=context,
                         body=raw, message=_message(body))
        return body
    if failed:
        raise _error(status=status, request_id=request_id, secrets=secrets, extra=context,
                     body=raw)
    return body


def expect_dict(data: Any, what: str, *, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """``data`` as a dict holding ``keys``; else ``BadResponse`` naming ``what`` was wrong."""
    if not isinstance(data, dict):
        raise BadResponse(f"{what}: expected an object, got {type(data).__name__}")
    missing = [k for k in keys if data.get(k) in (None, "")]
    if missing:
        raise BadResponse(f"{what}: the answer lacks {', '.join(missing)}",
                          body=_dump(data))
    return data


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The request id a gateway put in the response headers, if any."""
    for name in ("x-request-id", "x-trace-id", "x-amzn-requestid"):
        value = headers.get(name)
        if value:
            return value[:200]
    return None


def retry_after_of(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` in seconds when it is a number (dates are ignored)."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    # Up to 30 days: a token quota frees a slot days later (the client caps its own waits).
    return seconds if 0 <= seconds <= 30 * 86400 else None


class _NotJson:
    pass


_NOT_JSON: Any = _NotJson()


def _error(*, status: int | None, request_id: str | None, secrets: tuple[str, ...],
           extra: Mapping[str, Any], code: int | None = None, message: str = "",
           body: str = "") -> APIError:
    return error_for(code=code, status=status, message=redact(message, secrets),
                     body=redact(body[:2000], secrets), request_id=request_id, extra=extra)


def _fill_context(context: dict[str, Any], body: dict[str, Any]) -> None:
    data = body.get("data")
    for source in (data if isinstance(data, dict) else {}, body):
        if "user_id" not in context or context["user_id"] is None:
            uid = source.get("user_id") or source.get("userId")
            if isinstance(uid, str | int) and not isinstance(uid, bool):
                context["user_id"] = str(uid)


def _code(value: object) -> int | None:
    if type(value) is int:
        return value
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        return int(value)
    return None


def _message(body: Mapping[str, Any]) -> str:
    for key in ("message", "msg", "error", "detail", "error_message"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:500]
    return ""


def _first_str(body: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value:
            return value[:200]
    return None


def _str(value: object) -> str:
    if value is None or value is False:
        return ""
    return value if isinstance(value, str) else _dump(value)[:500]


def _dump(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)[:2000]
    except (ValueError, RecursionError):
        return repr(type(value))


def _snippet(text: str, secrets: tuple[str, ...]) -> str:
    flat = " ".join(text.split())
    if len(flat) > _SNIPPET:
        flat = flat[:_SNIPPET] + "…"
    return redact(flat, secrets)
