"""How the local backend serves its state, to play the shapes cloud drafts come in.

The local draft keeps everything in ``m`` with media as fetchable URLs. The cloud has been
seen to do otherwise, and the client must cope; two switches (``LocalOptions``) make the local
backend serve those shapes so the client's handling is tested for real:

``text_on_segment``  a text segment's words on the segment itself (``{"text": …}``), not in
                     ``m``;
``sandbox_paths``    uploaded media referenced by sandbox path (``/mnt/userdata/<name>``)
                     instead of its URL and id (the draft a render then gets must carry the
                     URL again: ``resolve_media`` maps it back, and names what it cannot).

Only what is *served* changes; the stored state stays in the local form.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from backend.draft import TRACK_TEXT

__all__ = ["SANDBOX_ROOT", "resolve_media", "served_state"]

#: Where the cloud's agent sandbox keeps the user's uploads.
SANDBOX_ROOT = "/mnt/userdata"

_LOCAL_MEDIA = re.compile(r"/media/([A-Za-z0-9_\-]+)/[^/?#]+$")


def served_state(state: dict[str, Any], *, text_on_segment: bool, sandbox_paths: bool
                 ) -> dict[str, Any]:
    """``state`` as the switches say the service serves it (a copy when anything changes)."""
    if not (text_on_segment or sandbox_paths):
        return state
    out = copy.deepcopy(state)
    draft = out.get("draft")
    tracks = draft.get("t") if isinstance(draft, dict) else None
    for track in tracks if isinstance(tracks, list) else []:
        for seg in track.get("sg") or []:
            meta = seg.get("m") or {}
            if text_on_segment and track.get("tt") == TRACK_TEXT and "text" in meta:
                seg["text"] = meta.pop("text")
            if sandbox_paths and meta.get("kind") == "media" and meta.get("url"):
                name = str(meta.get("name") or meta["url"].rsplit("/", 1)[-1])
                meta["url"] = f"{SANDBOX_ROOT}/{name}"
                meta.pop("media_id", None)
    return out


def resolve_media(draft: dict[str, Any], owns: Callable[[str], bool]) -> list[str]:
    """Give media segments that carry only a URL of this backend's media their ``media_id``
    back (``owns(media_id)``: the media exists and is the caller's). Returns the names of
    clips whose media cannot be fetched (a sandbox path, a foreign or unknown URL)."""
    unfetchable: list[str] = []
    for track in draft.get("t") or []:
        for seg in track.get("sg") or [] if isinstance(track, dict) else []:
            meta = seg.get("m") if isinstance(seg, dict) else None
            if not isinstance(meta, dict) or meta.get("kind") != "media":
                continue
            if meta.get("media_id") and owns(str(meta["media_id"])):
                continue
            url = str(meta.get("url") or "")
            found = _LOCAL_MEDIA.search(url) if url.startswith(("http://", "https://")) else None
            if found and owns(found.group(1)):
                meta["media_id"] = found.group(1)
                continue
            unfetchable.append(str(meta.get("name") or url or seg.get("id") or "?"))
    return unfetchable
