"""``nemoskill route``: show where a message would go (action, score, what matched), one at a
time or in batch over stdin (one JSON object per line out)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from skill.cli.context import CliContext

__all__ = ["register"]


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "route", help="show which action a message would take",
        description="Route TEXT (export, credits, state, upload or chat) and explain why. "
                    "With --batch or TEXT '-', read one message per line from stdin (plain "
                    "text, or JSON with 'text', 'attachments' and 'after') and write one "
                    "JSON object per line. --skill applies that skill's router keywords.")
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the message ('-' for stdin)")
    parser.add_argument("--attach", action="append", default=[], metavar="FILE_OR_URL",
                        help="a file or link sent with the message (repeatable)")
    parser.add_argument("--after", choices=("export-offer", "timeline", "credits", "edit"),
                        help="what the previous reply was: an export offer, the timeline, "
                             "the credits or an edit (a short follow-up like 'ok do it' "
                             "depends on it)")
    parser.add_argument("--language", metavar="TAG",
                        help="the language the user wrote in before (en, zh-Hans, es, …): "
                             "decides the reply language of a message that fits several "
                             "('no', '加字幕')")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", action="store_true",
                        help="read messages from stdin, one per line; write JSON lines")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    from backend.errors import UsageError
    from router import Router

    args = ctx.args
    batch = args.batch or args.text == "-"
    if not batch and args.text is None:
        raise UsageError("give the message to route as TEXT, or use --batch to read stdin")
    if batch and args.attach:
        raise UsageError("--attach applies to one message; in batch mode put 'attachments' "
                         "in each JSON line")
    overrides = ctx.skill.overrides if getattr(args, "skill", None) else None
    router = Router.from_tables(overrides, source=str(ctx.skill.path) if overrides else "")
    if batch:
        return _batch(ctx, router)
    result = router.route(args.text, args.attach, after=args.after,
                          prior_language=args.language)
    if args.json:
        ctx.print_json(result.to_dict())
        return 0
    ctx.print(f"{result.label}  (score {result.score:.2f}, {result.reason}, "
              f"language {result.language}{', after ' + args.after if args.after else ''})")
    ctx.print(f"  {result.detail}")
    if result.attachments:
        ctx.print(f"  attachments: {', '.join(result.attachments)}")
    return 0


def _batch(ctx: CliContext, router: Any) -> int:
    """Route every stdin line; a bad line gets an ``error`` object and exit code 2 at the end."""
    failed = 0
    for number, raw in enumerate(sys.stdin, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        text, attachments, after, problem = _parse_line(line)
        if problem:
            failed += 1
            ctx.print_json({"line": number, "error": problem})
            continue
        out = {"line": number, "text": text,
               **router.route(text, attachments, after=after).to_dict()}
        ctx.print_json(out)
    return 2 if failed else 0


def _parse_line(line: str) -> tuple[str, list[str], str | None, str]:
    if not line.lstrip().startswith("{"):
        return line, [], None, ""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return "", [], None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return "", [], None, "a JSON line must be an object with 'text'"
    text = obj.get("text", "")
    attachments = obj.get("attachments", [])
    after = obj.get("after")
    if not isinstance(text, str):
        return "", [], None, "'text' must be a string"
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        return "", [], None, "'attachments' must be a list of strings"
    if after is not None and after not in ("export-offer", "timeline", "credits", "edit"):
        return "", [], None, ("'after' must be one of export-offer, timeline, credits, edit")
    return text, attachments, after, ""
