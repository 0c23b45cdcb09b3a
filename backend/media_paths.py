"""Media a render can fetch: sandbox paths in a draft rewritten to the uploads' URLs.

The cloud's agent may reference uploads in its draft by sandbox path (``/mnt/userdata/…``),
which the renderer cannot fetch. Before a render is submitted, such references are rewritten
to the matching upload's URL, found in the session state's uploaded files (``video_infos``
and the other lists the state may hold) by file name, as the official CLI does. A reference
still not fetchable afterwards (not http(s); a local path, ``file:``, a sandbox file never
uploaded) stops the export with ``MediaUnavailable`` naming the clips; a segment that names its
media only by id is left to the service, which knows its own assets.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from backend.draft import segment_label, segment_media
from backend.errors import MediaUnavailable

if TYPE_CHECKING:
    from backend.client import NemoClient

__all__ = ["SANDBOX_PREFIX", "fetchable_draft", "rewrite_sandbox_paths"]

SANDBOX_PREFIX = "/mnt/userdata/"

#: State lists that may hold the session's uploaded files.
_UPLOAD_LISTS = ("video_infos", "uploaded_files", "uploads", "files", "generated_media")
_URL_FIELDS = ("cdn_url", "cdnUrl", "url", "file_url")
_NAME_FIELDS = ("filename", "file_name", "name", "path", "sandbox_path")


async def fetchable_draft(client: NemoClient, draft: Mapping[str, Any]) -> dict[str, Any]:
    """``draft`` with every media reference fetchable (a copy; the state is read only when a
    reference needs it). Raises ``MediaUnavailable`` naming the clips that are not."""
    if not any(not _fetchable(url) for _, url in _references(draft)):
        return dict(draft)
    state = await client.state()
    return rewrite_sandbox_paths(draft, state.raw or {"video_infos": state.video_infos,
                                                     "generated_media": state.generated_media})


def rewrite_sandbox_paths(draft: Mapping[str, Any], state: Mapping[str, Any]) -> dict[str, Any]:
    """The rewrite itself (pure): see the module docstring."""
    uploads = _uploads(state)
    out = copy.deepcopy(dict(draft))
    missing: list[str] = []
    for segment, url in _references(out):
        if _fetchable(url):
            continue
        found = uploads.get(_base_name(url)) if url else None
        if found:
            _set_url(segment, url, found)
        else:
            missing.append(segment_label(segment) or _base_name(url) or url or "?")
    if missing:
        names = ", ".join(dict.fromkeys(missing))
        raise MediaUnavailable(
            f"{names}: the clip's file cannot be fetched by the renderer (it was never uploaded "
            "to this project). Send the file again, then export.", clips=tuple(missing))
    return out


def _references(draft: Mapping[str, Any]) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Media segments with a URL-like reference (those named only by id are skipped)."""
    tracks = draft.get("t")
    for track in tracks if isinstance(tracks, list) else []:
        segments = track.get("sg") if isinstance(track, dict) else None
        for segment in segments if isinstance(segments, list) else []:
            if not isinstance(segment, dict):
                continue
            ref = segment_media(segment)
            if ref.url is not None:
                yield segment, ref.url


def _fetchable(url: str | None) -> bool:
    return url is not None and urlsplit(url).scheme in ("http", "https")


def _set_url(segment: dict[str, Any], old: str | None, new: str) -> None:
    meta = segment.get("m")
    for source in (meta if isinstance(meta, dict) else {}, segment):
        for key, value in list(source.items()):
            if value == old and isinstance(value, str):
                source[key] = new


def _uploads(state: Mapping[str, Any]) -> dict[str, str]:
    """File name → fetchable URL, from every upload list the state holds."""
    found: dict[str, str] = {}
    for key in _UPLOAD_LISTS:
        items = state.get(key)
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, Mapping):
                continue
            url = next((str(item[f]) for f in _URL_FIELDS if _fetchable(_str(item.get(f)))),
                       None)
            if url is None:
                continue
            for field in (*_NAME_FIELDS, *_URL_FIELDS):
                name = _base_name(_str(item.get(field)))
                if name:
                    found.setdefault(name, url)
    return found


def _base_name(value: str | None) -> str:
    if not value:
        return ""
    path = urlsplit(value).path if "://" in value else value
    return posixpath.basename(unquote(path)).strip()


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
