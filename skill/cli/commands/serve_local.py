"""``nemoskill serve-local``: run the embedded NemoVideo-compatible backend in the foreground.

Prints the base URL on stdout (one line) and serves until interrupted (Ctrl-C or SIGTERM).
Fault flags arm the same faults tests use (see ``backend.local.faults``). While it runs it is
the data directory's one server: ``--local`` processes of the project use it (on loopback), and
a second server for the same directory is refused. ``--status`` and ``--stop`` show and stop
the shared server that ``--local`` started in the background.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from backend.errors import ConfigError, UsageError
from skill import __version__
from skill.cli.context import CliContext

_ENDPOINTS = ("token", "session", "run_sse", "upload", "credits", "state", "render",
              "render_status", "render_cancel", "render_download", "media", "output", "*")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve-local", help="run the offline NemoVideo-compatible backend",
        description="Serve the NemoVideo API locally (loopback by default) and print its URL.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1; other addresses expose it)")
    parser.add_argument("--port", type=int, default=None,
                        help="port (0: any free one; default on loopback: the data directory's "
                             "own port, the one the shared backend uses, when it is free)")
    parser.add_argument("--dialect", choices=("adk", "gateway"), default="adk",
                        help="SSE event shape of /run_sse (default adk)")
    parser.add_argument("--data-dir", type=Path,
                        help="where sessions, media and renders live "
                             "(default <config dir>/local-backend)")
    control = parser.add_mutually_exclusive_group()
    control.add_argument("--status", action="store_true",
                         help="print the URL and pid of the server of the data directory "
                              "(exit 1 when none runs) instead of serving")
    control.add_argument("--stop", action="store_true",
                         help="stop the server of the data directory (the one --local started "
                              "in the background) instead of serving")
    control.add_argument("--add-credits", type=int, metavar="N",
                         help="add N credits to the local account(s) of the data directory "
                              "(running or not) and exit; local credits are free")
    parser.add_argument("--credits", type=int, help="credits of a new account (default 10000)")
    parser.add_argument("--max-upload-mb", type=float, help="upload limit in MB (default 500)")
    parser.add_argument("--stage-delay", type=float, help="seconds per generation stage")
    parser.add_argument("--edit-delay", type=float, help="seconds per edit")
    parser.add_argument("--heartbeat", type=float, help="seconds between SSE heartbeats")
    parser.add_argument("--allow-dir", type=Path,
                        help="directory whose file:// URLs may be uploaded by URL")
    parser.add_argument("--token-quota", metavar="CLIENT:IP",
                        help="anonymous tokens per client id and per IP address per 7 days "
                             "(default 1:10, as the cloud; 'off' for none)")
    parser.add_argument("--text-on-segment", action="store_true",
                        help="serve text segments' words on the segment, not in 'm'")
    parser.add_argument("--sandbox-paths", action="store_true",
                        help="serve uploads as /mnt/userdata/… paths, as the cloud's agent may")
    faults = parser.add_argument_group("fault injection (each fires on the next matching calls)")
    faults.add_argument("--fail", action="append", default=[], metavar="ENDPOINT:CODE[:TIMES]",
                        help="answer ENDPOINT with CODE (API code like 1001, or HTTP status "
                             f"like 429, 402, 500); endpoints: {', '.join(_ENDPOINTS)}")
    faults.add_argument("--drop-stream-after", type=int, metavar="N",
                        help="cut the next /run_sse stream after N events")
    faults.add_argument("--heartbeat-only", type=int, nargs="?", const=-1, metavar="N",
                        help="the next stream sends only heartbeats (N of them, or until the "
                             "client leaves)")
    faults.add_argument("--malformed-events", action="store_true",
                        help="the next stream carries malformed event lines")
    faults.add_argument("--error-event", metavar="MESSAGE",
                        help='the next stream ends with {"error": MESSAGE}')
    faults.add_argument("--slow-render", type=float, metavar="SECONDS",
                        help="every render takes SECONDS longer")
    faults.add_argument("--fail-render", type=int, metavar="N", help="the next N renders fail")
    faults.add_argument("--render-status-shape", choices=("data", "top_level", "fraction"),
                        help="shape of render status answers")
    parser.set_defaults(run=run)


def _parse_fail(spec: str) -> tuple[str, int, int]:
    parts = spec.split(":")
    if len(parts) not in (2, 3) or parts[0] not in _ENDPOINTS:
        raise UsageError(f"--fail {spec!r}: use ENDPOINT:CODE[:TIMES], ENDPOINT one of "
                         f"{', '.join(_ENDPOINTS)}")
    try:
        code = int(parts[1])
        times = int(parts[2]) if len(parts) == 3 else 1
    except ValueError:
        raise UsageError(f"--fail {spec!r}: CODE and TIMES must be numbers") from None
    if times < 1:
        raise UsageError(f"--fail {spec!r}: TIMES must be at least 1")
    return parts[0], code, times


def run(ctx: CliContext) -> int:
    from skill.cli import collector

    collector.resume()  # a server: it runs until stopped
    args = ctx.args
    data_dir = (args.data_dir or ctx.config.local_data_dir).expanduser().resolve()
    if args.status or args.stop:
        return _control(ctx, data_dir, stop=args.stop)
    if args.add_credits is not None:
        return _add_credits(ctx, data_dir, args.add_credits)
    try:
        from backend.local.presence import Presence
        from backend.local.runner import LocalBackend
    except ImportError as exc:
        raise ConfigError(f"the local backend needs the 'local' extra ({exc.name} is missing): "
                          "pip install 'nemovideo-skill[local]'") from None
    from backend.local import shared

    fails = [_parse_fail(spec) for spec in args.fail]
    options = _options(args)
    presence = Presence(os.urandom(32), version=__version__)
    with contextlib.ExitStack() as stack:
        if shared.supported():
            stack.enter_context(shared.owned(data_dir))
        # The data directory's own port by default, like the shared backend: browser links of
        # videos delivered earlier name it, and open again while this server runs.
        own = (shared.port_from(os.environ, data_dir)
               if args.port is None and args.host in ("127.0.0.1", "::1") else 0)
        port = own if args.port is None else args.port
        try:
            try:
                backend = LocalBackend.start(data_dir, options=options, host=args.host,
                                             port=port, presence=presence)
            except OSError:
                if not own:
                    raise
                port = 0  # taken by another program: any free port will do
                backend = LocalBackend.start(data_dir, options=options, host=args.host,
                                             port=port, presence=presence)
        except OSError as exc:
            raise UsageError(f"cannot serve on {args.host}:{port}: {exc.strerror or exc}"
                             ) from None
        stack.callback(backend.stop)
        stop = threading.Event()
        # Signals are caught before the URL is printed: whoever reads the URL may stop us at
        # once.
        previous = _catch_signals(stop)
        for signum, handler in previous.items():
            stack.callback(signal.signal, signum, handler)
        _arm_faults(backend.faults, args, fails)
        if not backend.is_loopback:
            ctx.diag(f"warning: serving on {args.host}, reachable from other machines")
        if shared.supported() and backend.host in ("127.0.0.1", "::1"):
            # --local processes of this project use this server while it runs.
            from backend.local.fingerprint import code_identity

            # Not detached: --local processes of other code use it and say so, but never
            # stop a server the user runs in a terminal.
            info = shared.ServerInfo(host=backend.host, port=backend.port, pid=os.getpid(),
                                     version=__version__, started_at=time.time(),
                                     secret=presence.secret, code=code_identity())
            shared.publish(data_dir, info)
            stack.callback(shared.unpublish, data_dir, info)
        ctx.print(backend.url)
        ctx.diag(f"local backend ({options.dialect} dialect), data in {data_dir}; "
                 "Ctrl-C to stop")
        stop.wait()
    return 0


def _control(ctx: CliContext, data_dir: Path, *, stop: bool) -> int:
    from backend.local import shared

    if stop:
        stopped = shared.stop(data_dir)
        if stopped is None:
            ctx.diag(f"no local backend runs for {data_dir}")
            return 0
        ctx.print(f"stopped the local backend at {stopped.url} (pid {stopped.pid})")
        return 0
    info = shared.read_info(data_dir)
    if info is None or not shared.check(info):
        ctx.diag(f"no local backend runs for {data_dir}")
        return 1
    ctx.print(info.url)
    ctx.diag(f"pid {info.pid}, version {info.version}, code {info.code or 'unknown'}, "
             f"data in {data_dir}")
    return 0


def _add_credits(ctx: CliContext, data_dir: Path, amount: int) -> int:
    from backend.local.options import LocalOptions
    from backend.local.store import add_credits

    try:
        balances = add_credits(data_dir, amount)
    except ValueError as exc:
        raise UsageError(f"--add-credits {amount}: {exc}") from None
    if not balances:
        ctx.diag(f"no local account in {data_dir} yet: the first --local message creates one "
                 f"(with {LocalOptions().initial_credits} credits)")
        return 1
    for user, available in balances:
        ctx.print(f"{user}: {available} credits available" if len(balances) > 1
                  else f"{available} credits available")
    return 0


def _token_quota(spec: str) -> dict[str, int | None]:
    if spec.strip().lower() == "off":
        return {"token_quota_per_client": None, "token_quota_per_ip": None}
    client, sep, ip = spec.partition(":")
    try:
        values = (int(client), int(ip)) if sep else (None, None)
    except ValueError:
        values = (None, None)
    if values[0] is None or values[1] is None or values[0] < 1 or values[1] < 1:
        raise UsageError(f"--token-quota {spec!r}: use CLIENT:IP (e.g. 1:10) or 'off'")
    return {"token_quota_per_client": values[0], "token_quota_per_ip": values[1]}


def _options(args: argparse.Namespace) -> Any:
    from backend.local.options import LocalOptions

    values: dict[str, Any] = {"dialect": args.dialect}
    if args.credits is not None:
        values["initial_credits"] = args.credits
    if args.max_upload_mb is not None:
        from backend.local.limits import Limits

        values["limits"] = Limits(max_upload_bytes=max(1, int(args.max_upload_mb * 1024 * 1024)))
    for flag, name in (("stage_delay", "stage_delay"), ("edit_delay", "edit_delay"),
                       ("heartbeat", "heartbeat_interval")):
        if getattr(args, flag) is not None:
            values[name] = getattr(args, flag)
    if args.token_quota is not None:
        values.update(_token_quota(args.token_quota))
    values["text_on_segment"] = bool(args.text_on_segment)
    values["sandbox_paths"] = bool(args.sandbox_paths)
    if args.allow_dir is not None:
        if not args.allow_dir.is_dir():
            raise UsageError(f"--allow-dir {args.allow_dir}: not a directory")
        values["allowed_file_root"] = args.allow_dir.resolve()
    try:
        return LocalOptions(**values)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _arm_faults(faults: Any, args: argparse.Namespace, fails: list[tuple[str, int, int]]
                ) -> None:
    for endpoint, code, times in fails:
        if code >= 1000:
            faults.fail_next(endpoint, code=code, times=times)
        else:
            faults.fail_next(endpoint, status=code, times=times)
    if args.drop_stream_after is not None:
        faults.drop_next_stream(after_events=args.drop_stream_after)
    if args.heartbeat_only is not None:
        faults.heartbeat_only_next_stream(
            heartbeats=None if args.heartbeat_only < 0 else args.heartbeat_only)
    if args.malformed_events:
        faults.malformed_next_stream()
    if args.error_event is not None:
        faults.error_event_next_stream(args.error_event)
    if args.slow_render is not None:
        faults.slow_renders(args.slow_render)
    if args.fail_render:
        faults.fail_next_render(times=args.fail_render)
    if args.render_status_shape:
        faults.render_status_shape(args.render_status_shape)


def _catch_signals(stop: threading.Event) -> dict[int, Any]:
    """Make SIGINT and SIGTERM set ``stop``; returns the handlers to restore."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGINT, signal.SIGTERM)}
