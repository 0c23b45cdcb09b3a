"""Settings of one local backend instance: credits, limits, timing, dialect, renderer seam."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from backend.local.limits import Limits

__all__ = ["Dialect", "LocalOptions", "RenderFn", "for_messages"]

Dialect = Literal["adk", "gateway"]


class RenderFn(Protocol):
    """The renderer's signature (``backend.local.render.render_draft``).

    Synchronous; reports progress 0..1; raises ``RenderError`` on failure and
    ``RenderCancelled`` when ``cancel`` is set.
    """

    def __call__(
        self,
        draft: Mapping[str, Any],
        out_path: Path,
        *,
        media: Callable[[str], Path | None],
        on_progress: Callable[[float], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class LocalOptions:
    """How a local backend behaves. The defaults pace generation like the cloud (``serve-local``;
    ``--local`` messages use ``for_messages``); tests shrink the delays.

    ``initial_credits``   balance of a new anonymous account (the cloud gives 100)
    ``generation_cost``   credits per generated video (also a regeneration for a new ratio)
    ``edit_cost``         credits for editing, charged once per session on its first edit
    ``limits``            sizes, counts and times the server accepts (``limits.py``)
    ``stage_delay``       seconds each generation stage takes (raw scenes, then BGM and title)
    ``edit_delay``        seconds an edit takes
    ``heartbeat_interval`` seconds between heartbeats while a stage or edit works
    ``dialect``           SSE event shape: "adk" (camelCase ADK events) or "gateway"
    ``allowed_file_root`` directory whose ``file://`` URLs may be uploaded by URL (None: none)
    ``probe_media``       read duration/size of uploads with ffmpeg; unreadable files get 4001
    ``token_ttl``         token lifetime in seconds (7 days)
    ``token_quota_per_client`` anonymous tokens per client id per ``token_quota_window``
                          (1, as the cloud; None: unlimited)
    ``token_quota_per_ip`` anonymous tokens per IP address per window (10; None: unlimited)
    ``token_quota_window`` the quota's sliding window in seconds (7 days)
    ``text_on_segment``   serve text segments with their words on the segment, not in ``m``
    ``sandbox_paths``     serve uploaded media as sandbox paths (``/mnt/userdata/…``) the way
                          the cloud's agent may (``backend/local/shapes.py``)
    ``renderer``          the draft → MP4 function; None imports ``backend.local.render``
    ``clock``             wall clock for expiry and event timestamps
    ``durable``           keep the data safe from crashes: a write-ahead log, synced to disk
                          when the backend stops (the default). False, for tests and
                          throwaway data only: the database never waits for the disk, and a
                          crash or power cut may lose or damage it
    """

    initial_credits: int = 10_000
    generation_cost: int = 100
    edit_cost: int = 50
    limits: Limits = field(default_factory=Limits)
    stage_delay: float = 0.4
    edit_delay: float = 0.1
    heartbeat_interval: float = 0.2
    dialect: Dialect = "adk"
    allowed_file_root: Path | None = None
    probe_media: bool = True
    token_ttl: float = 7 * 24 * 3600.0
    token_quota_per_client: int | None = 1
    token_quota_per_ip: int | None = 10
    token_quota_window: float = 7 * 24 * 3600.0
    text_on_segment: bool = False
    sandbox_paths: bool = False
    renderer: RenderFn | None = None
    clock: Callable[[], float] = field(default=time.time)
    durable: bool = True

    def __post_init__(self) -> None:
        if self.dialect not in ("adk", "gateway"):
            raise ValueError(f"dialect must be 'adk' or 'gateway', not {self.dialect!r}")
        for name in ("stage_delay", "edit_delay", "heartbeat_interval", "token_ttl"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("initial_credits", "generation_cost", "edit_cost"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


def for_messages() -> LocalOptions:
    """The options of the backend ``--local`` messages use (the shared server, or the embedded
    one where processes cannot share): no simulated stage or edit time. The defaults' pauses
    pace ``serve-local`` like the cloud for hosts tested against it; a user waiting for a
    video would only wait longer (0.8 s of a generation), for the same replies."""
    return LocalOptions(stage_delay=0.0, edit_delay=0.0)
