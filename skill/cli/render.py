"""Render reply events for a terminal or a host script: plain, JSON lines, or interactive.

Text from the service never reaches the terminal with control characters in it
(``terminal.printable``); JSON lines carry it escaped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from skill.cli.terminal import json_safe, printable
from skill.replies import Error, Media, Progress, Reply, Status, Text, to_json

__all__ = ["MAX_REPLY_CHARS", "MEDIA_PREFIX", "JsonLines", "Plain", "Renderer"]

#: The line prefix by which a host attaches a delivered file to the chat (OpenClaw).
MEDIA_PREFIX = "MEDIA:"

#: Host scripts get bounded output: a reply longer than this is cut with a note.
MAX_REPLY_CHARS = 20_000


class Renderer:
    """Base: remembers the exit code of the last error."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.exit_code = 0
        self._written = 0

    def show(self, event: Reply) -> None:
        if isinstance(event, Error):
            self.exit_code = event.code
        self._show(event)

    def _show(self, event: Reply) -> None:
        raise NotImplementedError

    def _reply(self, text: str, *, always: bool = False) -> None:
        # Bounded per message; an error or a delivered video is never dropped.
        text = printable(text)
        room = MAX_REPLY_CHARS - self._written
        if len(text) > room and not always:
            if room <= 0:
                return
            text = text[:room] + "\n[… reply cut: too long]"
        self._written += len(text)
        self.out.write(text + "\n")
        self.out.flush()

    def next_message(self) -> None:
        """Start the output budget again (each message gets its own)."""
        self._written = 0

    def close(self) -> None:
        """Finish any partial line (progress bars)."""


class Plain(Renderer):
    """The reply on stdout; status and progress on stderr (``tty`` draws a progress bar)."""

    def __init__(self, out: TextIO, err: TextIO, *, tty: bool = False) -> None:
        super().__init__(out, err)
        self.tty = tty
        self._bar = False
        # The ``MEDIA:<path>`` line is for hosts, which read stdout through a pipe; a person
        # at a terminal has the path in the line above it already.
        self._media_lines = not out.isatty()

    def _show(self, event: Reply) -> None:
        if isinstance(event, Progress):
            self._progress(event)
            return
        self._end_bar()
        if isinstance(event, Status):
            self.err.write(printable(event.text) + "\n")
            self.err.flush()
        elif isinstance(event, Text):
            self._reply(event.text)
        elif isinstance(event, Media):
            self._reply(event.text, always=True)
            # OpenClaw attaches the file named by a ``MEDIA:<path>`` line to the chat; other
            # hosts' models read it as plainly as the line above.
            if self._media_lines:
                self._reply(f"{MEDIA_PREFIX}{Path(event.path).resolve()}", always=True)
        else:
            self._reply(event.text, always=True)

    def _progress(self, event: Progress) -> None:
        if not self.tty:
            if event.percent in (None, 0.0, 100.0) or int(event.percent or 0) % 25 == 0:
                self.err.write(printable(event.text) + "\n")
                self.err.flush()
            return
        if event.percent is None:
            self._end_bar()
            self.err.write(printable(event.text) + "\n")
        else:
            filled = int(event.percent / 100 * 30)
            self.err.write(f"\r[{'█' * filled}{'·' * (30 - filled)}] {event.percent:5.1f}% ")
            self._bar = True
        self.err.flush()

    def _end_bar(self) -> None:
        if self._bar:
            self.err.write("\n")
            self._bar = False

    def close(self) -> None:
        self._end_bar()


class JsonLines(Renderer):
    """One JSON object per event on stdout."""

    def _show(self, event: Reply) -> None:
        line = json_safe(json.dumps(to_json(event), ensure_ascii=False))
        if isinstance(event, Text):
            if self._written + len(line) > MAX_REPLY_CHARS:
                line = json.dumps({"kind": "status", "text": "[… reply cut: too long]"})
                if self._written > MAX_REPLY_CHARS:
                    return
            self._written += len(line)
        self.out.write(line + "\n")
        self.out.flush()
