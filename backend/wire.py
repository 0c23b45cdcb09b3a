"""What the client puts on the wire: JSON bodies, URL path segments, multipart file names.

Text that came from outside (an argument with undecodable bytes, a file name on disk, an id
from the server) is made safe to send here, once, instead of failing deep inside httpx.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from backend.errors import UsageError

__all__ = ["ascii_filename", "json_body", "path_segment", "replace_surrogates"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (valid pairs are joined).

    Lone surrogates reach us from arguments and file names with bytes that are not UTF-8
    (Python's ``surrogateescape``) and cannot be encoded for sending.
    """
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def json_body(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON; lone surrogates become U+FFFD.

    Raises ``UsageError`` for a value JSON cannot carry (NaN, infinity, an unknown type).
    """
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"the request cannot be sent as JSON: {exc}") from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return replace_surrogates(text).encode("utf-8")


def path_segment(value: str) -> str:
    """``value`` escaped as exactly one URL path segment.

    Slashes, ``?``, ``#`` and ``%`` are percent-encoded, and a segment of only dots is too,
    so an id such as ``../../../etc/x`` can never change which path is requested.
    """
    escaped = quote(replace_surrogates(value), safe="")
    if escaped.strip(".") == "":
        escaped = escaped.replace(".", "%2E")
    return escaped


def ascii_filename(name: str) -> str:
    """``name`` with everything outside printable ASCII percent-encoded as UTF-8.

    RFC 7578 §4.2 allows this form for servers that cannot read raw UTF-8 in the
    ``filename`` parameter (the default form, which browsers and httpx send). ``%`` itself
    is encoded too, so the form decodes back to ``name`` unambiguously.
    """
    return "".join(c if " " <= c <= "~" and c not in '%"\\' else quote(c, safe="")
                   for c in replace_surrogates(name))
