"""Typed answers of the API calls, each built from an unwrapped ``data`` payload or refused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from backend.envelope import expect_dict
from backend.errors import BadResponse

__all__ = ["Credits", "Session", "SessionState", "UploadResult", "UploadedFile"]


@dataclass(frozen=True)
class Session:
    """The project on the service: ``task_id`` and ``session_id`` are kept across restarts."""

    task_id: str
    session_id: str


@dataclass(frozen=True)
class Credits:
    """The balance. Numbers as the service gave them."""

    available: float
    frozen: float
    total: float

    @classmethod
    def from_data(cls, data: Any) -> Credits:
        """Raises ``BadResponse`` when a figure is missing or not a number."""
        body = expect_dict(data, "credits")
        figures: dict[str, float] = {}
        for key in ("available", "frozen", "total"):
            value = body.get(key, 0 if key == "frozen" else None)
            if isinstance(value, str):
                try:
                    value = float(value)
                except ValueError:
                    value = None
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise BadResponse(f"credits: '{key}' is not a number", body=_dump(body))
            figures[key] = value
        return cls(**figures)


@dataclass(frozen=True)
class SessionState:
    """The session's latest state: the draft (timeline) and the media around it."""

    draft: dict[str, Any] | None
    video_infos: list[Any] = field(default_factory=list)
    generated_media: list[Any] = field(default_factory=list)
    canvas_config: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_data(cls, data: Any) -> SessionState:
        """Accepts ``{"state": {…}}`` or the state object itself; ``BadResponse`` otherwise."""
        if data is None:
            return cls(draft=None)
        body = expect_dict(data, "state")
        state = body.get("state", body)
        if state is None:
            return cls(draft=None)
        state = expect_dict(state, "state")
        draft = state.get("draft")
        if isinstance(draft, str):  # some gateways double-encode the draft
            try:
                draft = json.loads(draft)
            except ValueError:
                raise BadResponse("state: the draft is not JSON") from None
        if draft is not None and not isinstance(draft, dict):
            raise BadResponse("state: the draft is not an object")
        canvas = state.get("canvas_config")
        return cls(draft=draft,
                   video_infos=_list(state.get("video_infos")),
                   generated_media=_list(state.get("generated_media")),
                   canvas_config=canvas if isinstance(canvas, dict) else {},
                   raw=state)

    def fingerprint(self) -> str:
        """A stable text that changes whenever the project changes (for before/after tests)."""
        return json.dumps([self.draft, self.video_infos, self.generated_media,
                           self.canvas_config], sort_keys=True, default=str)


@dataclass(frozen=True)
class UploadedFile:
    """One file the service accepted."""

    filename: str
    file_type: str
    cdn_url: str
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    hash: str = ""
    #: The name of the user's own file, when the client knows it (see ``display_name``).
    local_name: str = ""

    @property
    def display_name(self) -> str:
        """The name to show the user: their own file's name, else the service's."""
        return self.local_name or self.filename


@dataclass(frozen=True)
class UploadResult:
    """What an upload produced; ``session_state_applied`` when the draft already uses them."""

    files: tuple[UploadedFile, ...]
    session_state_applied: bool = False

    @classmethod
    def from_data(cls, data: Any) -> UploadResult:
        body = expect_dict(data, "upload")
        items = body.get("files")
        if not isinstance(items, list):
            raise BadResponse("upload: the answer lacks 'files'", body=_dump(body))
        files = []
        for item in items:
            entry = expect_dict(item, "upload file")
            files.append(UploadedFile(
                filename=str(entry.get("filename") or ""),
                file_type=str(entry.get("file_type") or ""),
                cdn_url=str(entry.get("cdn_url") or entry.get("url") or ""),
                duration=_num(entry.get("duration")),
                width=_int(entry.get("width")),
                height=_int(entry.get("height")),
                fps=_num(entry.get("fps")),
                hash=str(entry.get("hash") or ""),
            ))
        return cls(files=tuple(files),
                   session_state_applied=bool(body.get("session_state_applied")))

    def with_local_names(self, names: Sequence[str]) -> UploadResult:
        """The result with each file paired with the name of the file the user sent.

        The service answers one entry per file, in order; a service that had to make a name
        safe for its file system (``caf_.png``) must not change what the user is shown. Files
        pair only when the counts match and each pair has the same extension.
        """
        if len(names) != len(self.files) or not all(
                _extension(f.filename) == _extension(n) for f, n in zip(self.files, names,
                                                                         strict=True)):
            return self
        return replace(self, files=tuple(replace(f, local_name=n)
                                         for f, n in zip(self.files, names, strict=True)))


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _num(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _int(value: object) -> int | None:
    num = _num(value)
    return None if num is None else int(num)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)[:2000]
