"""What every command needs, resolved lazily: config, skill, identity, output streams."""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO, cast

from skill.cli.terminal import json_safe, printable

if TYPE_CHECKING:
    import ssl

    from backend.local.shared import SharedBackend
    from skill.config import Config
    from skill.identity import Identity
    from skill.loader import Skill

__all__ = ["CliContext", "add_out_dir", "defer_httpx_cli", "env_flag"]

_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})


def env_flag(value: str | None) -> bool:
    """Whether an environment variable holds a true value (``1``, ``true``, ``yes``, ``on``)."""
    return (value or "").strip().lower() in _TRUE


class _Stdout:
    """Standard output, which its reader may close before the end ("nemoskill say … | true",
    a host that stops reading): from then on what is written is dropped and the work goes on
    to its end (the turn finished, an export written) and exits as it would have. A write
    that failed once stopped the command there, with exit status 1."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone()

    def _gone(self) -> None:
        self.reader_gone = True
        # What the stream still holds goes nowhere: the interpreter's last flush at exit
        # then succeeds instead of failing again with a traceback and status 120.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no real descriptor (a test's buffer)
            pass

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)  # encoding, errors, …: as the stream has them


class CliContext:
    """Per-invocation state. Nothing is loaded until a command asks for it."""

    # A plain class rather than a dataclass: importing dataclasses (and inspect) costs
    # milliseconds on each start, and hosts start us once per message.
    def __init__(self, args: argparse.Namespace, env: dict[str, str] | None = None,
                 out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.args = args
        self.env = dict(os.environ) if env is None else env
        self.out = cast("TextIO", _Stdout(sys.stdout)) if out is None else out
        self.err = sys.stderr if err is None else err
        self.local_backend: SharedBackend | None = None
        self.tls_context: ssl.SSLContext | None = None

    @property
    def local(self) -> bool:
        """Use the embedded local backend: ``--local``, or ``NEMO_LOCAL`` set to a true value
        (hosts set per-skill environment variables, not command-line flags)."""
        return bool(getattr(self.args, "local", False)) or env_flag(self.env.get("NEMO_LOCAL"))

    @cached_property
    def config(self) -> Config:
        # Imported here, not at the top: `--version` and `--help` must not pay for YAML.
        from skill.config import Config

        return Config.from_env(self.env)

    @cached_property
    def skill(self) -> Skill:
        from skill.identity import find_skill
        from skill.loader import load_skill

        return load_skill(find_skill(getattr(self.args, "skill", None)))

    @cached_property
    def identity(self) -> Identity:
        from skill.identity import Identity

        return Identity.resolve(self.skill, self.config, self.env)

    def begin_local(self) -> None:
        """With ``--local`` (or ``NEMO_LOCAL``), find or start the project's shared local
        backend now, without waiting for it: a server that has to start does so while this
        process imports the rest of what it needs. The conversation waits for it and closes
        it."""
        if not self.local or self.local_backend is not None:
            return
        from backend.local.shared import SharedBackend, supported

        if supported():
            self.local_backend = SharedBackend.begin(self.config.local_data_dir, env=self.env)
            if self.local_backend.notice:
                self.diag(f"note: {self.local_backend.notice}")

    def begin_remote(self) -> None:
        """Without ``--local``, start reading the TLS roots for the cloud API now, in a
        background thread, so that the first handshake does not wait for them."""
        if self.local or self.tls_context is not None:
            return
        from backend.tls import lazy_verified_context, preload

        self.tls_context = lazy_verified_context(self.env)
        preload(self.tls_context)

    def print(self, text: str = "") -> None:
        """A line for stdout, without terminal control characters."""
        self.out.write(printable(text) + "\n")
        self.out.flush()

    def print_json(self, value: Any) -> None:
        self.out.write(json_safe(json.dumps(value, ensure_ascii=False)) + "\n")
        self.out.flush()

    @property
    def reader_gone(self) -> bool:
        """Whether standard output's reader has closed it (``_Stdout``)."""
        return bool(getattr(self.out, "reader_gone", False))

    def diag(self, text: str) -> None:
        """A diagnostic line for stderr (never the reply), without control characters."""
        self.err.write(printable(text) + "\n")
        self.err.flush()


def add_out_dir(parser: argparse.ArgumentParser) -> None:
    """The ``--out-dir`` option of every command that can export a video."""
    parser.add_argument("--out-dir", metavar="DIR",
                        help="where exported videos go (default: $NEMO_EXPORT_DIR, else "
                             "./nemovideo-exports; ~/nemovideo-exports when started in /)")


def defer_httpx_cli() -> None:
    """Keep ``import httpx`` from importing httpx's own command line.

    httpx's ``__init__`` imports its CLI module, and with it click, rich and pygments when
    they are installed (the ``local`` and ``mcp`` extras bring them): ~20-40 ms of every
    message for a program we never run (upstream's forks import it lazily now). A placeholder
    stands in until something calls ``httpx.main``, which then loads the real one.
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    import types

    placeholder = types.ModuleType("httpx._main")

    def main(*args: object, **kwargs: object) -> object:
        del sys.modules["httpx._main"]
        import importlib

        real = importlib.import_module("httpx._main")
        return real.main(*args, **kwargs)

    placeholder.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = placeholder
