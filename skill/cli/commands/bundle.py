"""``nemoskill bundle``: write publishable skill folders (ClawHub, Claude Code plugin) and
check them as the hosts would."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from skill.cli.context import CliContext


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "bundle", help="write publishable skill folders, or check them",
        description="Write one folder per skill (the root one and both variants, or the one "
                    "named by --skill) into --out, named by the skill's slug: SKILL.md, the "
                    "runtime, .clawhubignore and Claude Code plugin manifests; text files "
                    "only. Each is checked as the hosts check it. With --check, only check "
                    "the given folders.")
    parser.add_argument("--skill", dest="bundle_skill", metavar="NAME|PATH",
                        help="only this skill (default: all shipped skills)")
    parser.add_argument("--out", metavar="DIR", type=Path, help="where the folders go")
    parser.add_argument("--check", metavar="FOLDER", type=Path, nargs="*",
                        help="check these bundle folders instead of writing any")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    from backend.errors import UsageError
    from skill.hosts.bundle import build_bundle, check_bundle
    from skill.identity import bundled_root, find_skill, list_variants

    args = ctx.args
    if args.check is not None:
        if not args.check:
            raise UsageError("--check needs at least one bundle folder")
        folders = [Path(f).expanduser() for f in args.check]
    else:
        if args.out is None:
            raise UsageError("say where the bundles go with --out DIR (or check folders "
                             "with --check FOLDER...)")
        names = [args.bundle_skill or args.skill] if (args.bundle_skill or args.skill) else \
            [None, *list_variants()]
        folders = [build_bundle(find_skill(name), bundled_root(), Path(args.out).expanduser())
                   for name in names]
    reports = [check_bundle(folder) for folder in folders]
    if args.json:
        ctx.print_json({"ok": all(r.ok for r in reports),
                        "bundles": [r.to_dict() for r in reports]})
    else:
        for report in reports:
            state = "ok" if report.ok else f"{len(report.problems)} problem(s)"
            ctx.print(f"{report.folder}: {report.skill} {report.version}, {report.files} files, "
                      f"{report.size / 1e6:.1f} MB: {state}")
            for found in report.problems:
                ctx.print(f"  {found.path}: {found.problem}")
    return 0 if all(r.ok for r in reports) else 2
