"""One piece of work's reply events: relayed live as progress notifications (or log messages)
to whichever call is waiting for it, and gathered into tool results (the user-facing text, a
link to each video, structured content). Work may span several calls (``wait``): each result
carries what is new since the previous one."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from mcp import types

from skill.replies import Error, Media, Progress, Question, Reply, Status, Text

__all__ = ["Notifier", "ToolOutcome"]


class Notifier(Protocol):
    """Where live updates of one call go (the server binds it to the request)."""

    @property
    def wants_progress(self) -> bool:
        """Whether the client asked for progress (sent a progress token)."""
        ...

    async def progress(self, value: float, message: str) -> None: ...

    async def log(self, message: str) -> None: ...


class ToolOutcome:
    """Feed it every reply of a call with ``add``; ``result()`` is the tool result.

    Status and progress events become progress notifications when the client sent a progress
    token, otherwise info log messages. Text is also relayed as progress (a generation runs for
    minutes and the assistant talks meanwhile) and kept for the result. The notified progress
    value rises strictly on every notification, as the protocol requires, even when a second
    render starts again at 0%; no total is claimed, the message carries the percentage.
    """

    def __init__(self, notifier: Notifier,
                 video_title: Callable[[str], str] = "Exported video {}".format) -> None:
        self.notifier = notifier
        #: A video link's title from its file name, in the conversation's language when the
        #: result is made (hosts show it beside the reply).
        self.video_title = video_title
        self.texts: list[str] = []
        self.videos: list[Media] = []
        self.images: list[bytes] = []
        self.failed = False
        #: The agent's question still waiting for the user (None once answered).
        self.question: Question | None = None
        #: Structured facts for the result (credits, timeline) beyond the reply text.
        self.facts: dict[str, Any] = {}
        self._value = 0.0
        self._offset = 0.0
        self._delivered = (0, 0, 0)  # texts, videos, images already returned

    async def add(self, reply: Reply) -> None:
        if isinstance(reply, Status | Progress):
            await self._relay(reply.text, reply.percent if isinstance(reply, Progress) else None,
                              log=True)
        elif isinstance(reply, Text):
            self.texts.append(reply.text)
            await self._relay(reply.text, None, log=False)
        elif isinstance(reply, Question):
            self.texts.append(reply.text)
            self.question = reply
        elif isinstance(reply, Media):
            self.texts.append(reply.text)
            self.videos.append(reply)
        elif isinstance(reply, Error):
            self.texts.append(reply.text)
            self.failed = True

    async def _relay(self, message: str, percent: float | None, *, log: bool) -> None:
        if not self.notifier.wants_progress:
            if log:
                await self.notifier.log(message)
            return
        await self.notifier.progress(self._next(percent), message)

    def _next(self, percent: float | None) -> float:
        if percent is None:
            value = self._value + 1
        else:
            value = self._offset + percent
            if value <= self._value:
                # A new operation counting from 0% again: continue above what was reported.
                self._offset = self._value + 1
                value = self._offset + percent
        self._value = value
        return value

    def result(self, *, state: str = "done", handle: str | None = None,
               note: str | None = None, awaiting: str = "",
               agent_note: str | None = None) -> types.CallToolResult:
        """What is new since the last result, in order: the text the user should read, a
        resource link to each video (never its bytes), images; ``structuredContent`` with the
        ``state`` (``done``, ``working`` or ``failed``), and ``isError`` when it failed.
        ``awaiting`` ends the text when a question still waits for the user's answer, so a
        host agent knows to relay it and send the user's answer (never to answer itself).
        ``agent_note`` is for the host agent only (what to call next): a text block of its
        own marked for the assistant's audience, so the text the agent relays as it is never
        tells the user to call a tool."""
        texts, videos, images = self._delivered
        new_texts = self.texts[texts:]
        if note:
            new_texts = [*new_texts, note]
        asking = state == "done" and self.question is not None
        if asking and awaiting:
            new_texts = [*new_texts, awaiting]
        self._delivered = (len(self.texts), len(self.videos), len(self.images))
        if state == "done" and self.failed:
            state = "failed"
        reply = "\n\n".join(new_texts)
        content: list[types.ContentBlock] = [types.TextContent(type="text", text=reply)]
        content += [_link(video, self.video_title) for video in self.videos[videos:]]
        content += [types.ImageContent(type="image", data=base64.b64encode(png).decode("ascii"),
                                       mimeType="image/png") for png in self.images[images:]]
        if agent_note:
            content.append(types.TextContent(
                type="text", text=agent_note,
                annotations=types.Annotations(audience=["assistant"])))
        structured: dict[str, Any] = {"state": state, "reply": reply, **self.facts}
        if asking and self.question is not None:
            # The assistant waits for the user's choice: the host shows it, never answers it.
            structured["awaiting_answer"] = True
            structured["question"] = {"title": self.question.title,
                                      "questions": list(self.question.questions)}
        if handle is not None and state == "working":
            structured["handle"] = handle
        if self.videos and state != "working":
            structured["video"] = _video_facts(self.videos[-1])
        return types.CallToolResult(content=content, structuredContent=structured,
                                    isError=state == "failed")


def _video_facts(video: Media) -> dict[str, Any]:
    path = Path(video.path)
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    return {"path": str(path.resolve()), "size": size, "duration": video.duration,
            "width": video.width, "height": video.height}


def _link(video: Media, title: Callable[[str], str]) -> types.ResourceLink:
    path = Path(video.path)
    size: int | None
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    details = [f"{video.width}×{video.height}" if video.width and video.height else "",
               f"{video.duration:g} s" if video.duration else ""]
    return types.ResourceLink(
        type="resource_link", uri=path.resolve().as_uri(), name=path.name,  # type: ignore[arg-type]
        title=title(path.name), mimeType=video.media_type, size=size,
        description=", ".join(d for d in details if d) or None)
