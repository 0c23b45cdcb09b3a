"""Argument parsing, command dispatch and the mapping of failures to exit codes.

Exit codes: 0 ok · 1 internal error · 2 usage · 3 skill invalid · 4 config · 5 network ·
6 authentication · 7 out of credits · 8 export blocked by plan · 9 file rejected ·
10 rate limited · 11 service error · 12 session lost · 13 render failed · 14 generation lost ·
130 interrupted · 143 terminated (SIGTERM; a partial download is removed). A failure prints
one ``error: …`` line on stderr, never a traceback
(``--debug`` shows it) and never a token.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from skill import __version__
from skill.cli import commands
from skill.cli.context import CliContext

__all__ = ["EXIT_CODES_HELP", "build_parser", "exit_now", "main"]

EXIT_CODES_HELP = __doc__.split("\n\n", 1)[1].split(" A failure")[0] if __doc__ else ""


def _command_names() -> list[str]:
    # Every module in skill.cli.commands is a command; modules import only the standard
    # library at top level, so building the parser stays cheap (hosts start us per message).
    # A directory listing, not pkgutil: that import alone cost a few milliseconds per start.
    return sorted({
        entry.name.removesuffix(".py")
        for folder in commands.__path__ for entry in os.scandir(folder)
        if not entry.name.startswith(("_", "."))
        and (entry.name.endswith(".py") or os.path.isfile(os.path.join(entry.path, "__init__.py")))
    })


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"{commands.__name__}.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or with ``command`` (a command's name as
    typed) only that command's when its module is found by the name, else every command's.

    Parsing a command's arguments needs only its own parser: building all of them (importing
    every command module, and argparse measuring the terminal for each option) cost ~5-10 ms
    of every message. Help, usage and errors read the same either way: the top level shows
    commands as ``COMMAND`` and each command's parser is built as it always is.
    """
    parser = argparse.ArgumentParser(
        prog="nemoskill",
        description="Make videos from text through the NemoVideo API, or offline with --local.",
        epilog=" ".join(EXIT_CODES_HELP.split()),
    )
    parser.add_argument("--version", action="version", version=f"nemoskill {__version__}")
    parser.add_argument("--skill", metavar="NAME|PATH",
                        help="skill to run as (a shipped variant's name or a folder); "
                             "default: the root SKILL.md")
    parser.add_argument("--local", action="store_true",
                        help="use the embedded local backend instead of the cloud API")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = _command_names()
    wanted = command.replace("-", "_") if command else None
    if wanted in names:
        _command_module(wanted).register(sub)
        if command not in sub.choices:  # the module is named so but registers another name
            return build_parser()
    else:
        for name in names:
            _command_module(name).register(sub)
    for parsed in sub.choices.values():
        _accept_global_options(parsed)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that is neither an option nor the value
    of ``--skill``. None when there is none, or when anything but ``--skill``, ``--local`` or
    ``--debug`` comes before it (help, the version, a mistake: the full parser answers)."""
    takes_value = False
    for word in argv:
        if takes_value:
            takes_value = False
        elif not word.startswith("-") or word == "-":
            return word
        elif word.startswith("--skill="):
            continue
        elif len(word) >= 3 and "--skill".startswith(word):  # argparse takes abbreviations
            takes_value = True
        elif len(word) < 3 or not any(flag.startswith(word) for flag in ("--local", "--debug")):
            return None
    return None


def _accept_global_options(command: argparse.ArgumentParser) -> None:
    # "nemoskill say --local …" works like "nemoskill --local say …": the global options are
    # accepted after the command too (SUPPRESS: given there, they override; absent, the value
    # given before the command stays).
    taken = command._option_string_actions  # no public way to ask which options exist
    if "--skill" not in taken:
        command.add_argument("--skill", metavar="NAME|PATH", default=argparse.SUPPRESS,
                             help="same as the global --skill")
    if "--local" not in taken:
        command.add_argument("--local", action="store_true", default=argparse.SUPPRESS,
                             help="same as the global --local")
    if "--debug" not in taken:
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="same as the global --debug")


def _unrecognized(parser: argparse.ArgumentParser, command: str | None,
                  extra: Sequence[str]) -> str:
    """argparse's message for words it did not take, with the option meant where one is close
    ("--exprot" → "did you mean --export?"): a typo in a flag is the usual cause."""
    import difflib  # only on this error path: not a cost of every message

    message = f"unrecognized arguments: {' '.join(extra)}"
    known = list(parser._option_string_actions)  # no public way to ask which options exist
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        chosen = getattr(action, "choices", None) or {}
        if command in chosen:
            known += list(chosen[command]._option_string_actions)
    typed = [w.split("=", 1)[0] for w in extra if w.startswith("--")]
    close = [m for w in typed for m in difflib.get_close_matches(w, known, n=1, cutoff=0.7)]
    return f"{message} (did you mean {' / '.join(dict.fromkeys(close))}?)" if close else message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(argv))
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            parser.error(_unrecognized(parser, getattr(args, "command", None), extra))
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    ctx = CliContext(args)
    try:
        return int(args.run(ctx))
    except KeyboardInterrupt:
        ctx.diag("interrupted")
        return 130
    except BrokenPipeError:
        # The host closed our stdout: nothing more can be said there. Point it at /dev/null so
        # the interpreter's final flush does not fail again (exit 120 and a traceback).
        _silence_stdout()
        return 1
    except Exception as exc:
        return _failed(exc, ctx, debug=args.debug)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real fd (captured in tests)
        pass


def _failed(exc: Exception, ctx: CliContext, *, debug: bool) -> int:
    # Imported only on failure: the error module's patterns and traceback cost start-up time
    # on every message otherwise.
    import traceback

    from backend.errors import NemoError, redact
    from skill.cli.signals import EXIT_TERMINATED, Terminated

    if isinstance(exc, Terminated):
        ctx.diag("terminated")
        return EXIT_TERMINATED
    if debug:
        ctx.diag("".join(traceback.format_exception(exc)).rstrip())
    if isinstance(exc, NemoError):
        ctx.diag(f"error: {exc}")
        return exc.exit_code
    ctx.diag(redact(f"internal error: {type(exc).__name__}: {exc}. "
                    "Run again with --debug and report it."))
    return 1


def entry() -> None:
    from skill.cli import collector

    collector.pause()  # until a command that runs for long is set up (see collector.py)
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's tear-down when nothing needs it.

    Hosts start us once per message, and freeing every module and object at exit cost
    ~20-30 ms of each message (measured with the shared backend's client stack loaded), for
    memory the system reclaims anyway. What an exit does that matters still happens: the
    ``atexit`` handlers run (logging, thread pools), and stdout and stderr are flushed. While
    another non-daemon thread still runs, or when a flush fails, the ordinary exit is used,
    which waits for the thread or reports the failure as Python does.
    """
    threading = sys.modules.get("threading")
    if threading is not None and any(
            thread.is_alive() and not thread.daemon for thread in threading.enumerate()
            if thread is not threading.main_thread()):
        sys.exit(code)
    import atexit

    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_functions is None:  # not CPython: exit as usual
        sys.exit(code)
    run_exit_functions()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
