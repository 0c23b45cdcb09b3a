"""Every size and overall deadline the API client enforces, in one place.

A server that trickles, never ends a line, streams for ever or inflates a small gzip body
into gigabytes must not hold the client's memory, disk or time: each answer is read within
these limits and exceeding one ends the request with a clear error (``ResponseTooLarge`` or
``TimeoutError_``), leaving nothing half-written on disk.

Deadlines count the whole exchange (connecting, sending, waiting, reading every byte of the
answer), unlike the read timeouts in ``client.Timings``, which only bound one silence. Sizes
count bytes after decompression. Tests pass a ``Limits`` with small values; the defaults are
what a careful operator would choose for the cloud service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["DEFAULT_LIMITS", "KiB", "Limits", "MiB", "RequestKind", "duration_text"]

KiB = 1024
MiB = 1024 * KiB

#: The kinds of request that each have their own deadline.
RequestKind = Literal["token", "session", "credits", "state", "upload", "chat",
                      "render_submit", "render_poll", "download"]


@dataclass(frozen=True)
class Limits:
    """The client's limits. Deadlines in seconds, sizes in bytes unless named otherwise."""

    # -- overall deadlines, per request kind --------------------------------------------------
    token_deadline: float = 60.0
    session_deadline: float = 60.0
    credits_deadline: float = 30.0
    #: The project state carries the whole draft: allow it a little longer than credits.
    state_deadline: float = 60.0
    #: Sending the files (up to 500 MB each) or having the service fetch the links.
    upload_deadline: float = 1800.0
    #: One chat message, stream included: the cloud gateway ends streams after 15 minutes.
    chat_deadline: float = 900.0
    render_submit_deadline: float = 60.0
    #: One status check (or cancel); the whole wait is ``Timings.render_timeout``.
    render_poll_deadline: float = 30.0
    download_deadline: float = 1800.0

    # -- sizes ----------------------------------------------------------------------------
    #: A JSON answer (state with the whole draft is the largest one seen).
    json_body_bytes: int = 16 * MiB
    #: An error answer: only its start is read (the message is in the first bytes); the rest
    #: is never downloaded.
    error_body_bytes: int = 64 * KiB
    #: One line of the chat event stream.
    sse_line_bytes: int = 4 * MiB
    #: One event (all its ``data:`` lines together).
    sse_event_bytes: int = 16 * MiB
    #: Everything one chat stream may send; a longer stream is cut off with an error.
    chat_stream_bytes: int = 256 * MiB
    #: The agent's reply text in one message, final and partial (preview) text each.
    reply_chars: int = 1_000_000
    #: A rendered video when the render status does not say how large it is.
    download_bytes: int = 2048 * MiB
    #: Decompression works in steps of at most this many bytes, so a small compressed
    #: chunk never becomes one huge buffer; every size above counts the decompressed bytes.
    inflate_step_bytes: int = 256 * KiB

    def deadline(self, kind: RequestKind) -> float:
        """The overall deadline of one request of ``kind``, in seconds."""
        value: float = getattr(self, f"{kind}_deadline")
        return value


#: The limits a client gets when it is given none.
DEFAULT_LIMITS = Limits()


def duration_text(seconds: float) -> str:
    """``30 s``, ``0.4 s``, ``15 minutes``: a deadline as people read it."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} s"
