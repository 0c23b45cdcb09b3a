"""Text made safe for a terminal: what the service sends must not drive the user's terminal.

Agent replies, error messages and file names reach stdout and stderr; an escape sequence in
them could clear the screen, set the window title, move the cursor over earlier output or
hide text. Every printed line goes through ``printable``; JSON output escapes them instead.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

__all__ = ["json_safe", "log_formatter", "printable", "use_printable_last_resort"]

# Any C0 control but tab and newline, DEL, and the C1 controls (U+0080–U+009F).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Whole sequences first, so that no parameters are left behind as visible garbage: CSI
# (ESC [ or U+009B … final byte), string commands (OSC, DCS, SOS, PM, APC, up to their
# terminator or the end of the line), then any other two-character escape, then lone controls.
_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
    "|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# JSON leaves DEL and the C1 controls unescaped; ``json_safe`` escapes them.
_JSON_UNSAFE = re.compile("[\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without terminal control characters and escape sequences (tab and newline
    stay; a carriage return goes too, since it lets text overwrite what was printed)."""
    if _CONTROL.search(text) is None:
        return text
    return _SEQUENCE.sub("", text)


def json_safe(line: str) -> str:
    """A JSON text with DEL and C1 controls escaped as ``\\u00XX`` (same value, safe to show).

    ``json.dumps`` already escapes C0 controls; the others would reach the terminal raw.
    """
    if _JSON_UNSAFE.search(line) is None:
        return line
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def log_formatter(fmt: str) -> logging.Formatter:
    """A log formatter whose lines are ``printable`` (log messages quote what servers sent)."""
    import logging  # not at the top: commands that never log must not pay for it

    class PrintableFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return printable(super().format(record))

    return PrintableFormatter(fmt)


def use_printable_last_resort() -> None:
    """Make Python's fallback log output (warnings, when nothing configured logging) go
    through ``printable`` too. Idempotent; it writes to the ``sys.stderr`` of the moment."""
    import logging

    if getattr(logging.lastResort, "name", "") == _LAST_RESORT:
        return

    class PrintableStderr(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            try:
                sys.stderr.write(self.format(record) + "\n")
            except Exception:
                self.handleError(record)

    handler = PrintableStderr(logging.WARNING)
    handler.name = _LAST_RESORT
    handler.setFormatter(log_formatter("%(message)s"))
    logging.lastResort = handler


_LAST_RESORT = "nemoskill-printable-stderr"
