"""``nemoskill doctor``: check this install (interpreter, packages, skill, router, config dir,
ffmpeg and a font for the local backend, the API's address for the cloud) and say what this
setup can do."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "doctor", help="check that this install can work, and say what to fix",
        description="Check the interpreter, packages, SKILL.md, which router routes (the "
                    "compiled one or the plain one), the config folder, ffmpeg "
                    "and a CJK font (when the local extra is installed; required with --local "
                    "or NEMO_LOCAL=1) and, without --local, whether the API's host answers "
                    "(no problem when the local backend is ready). Exits 4 when a required "
                    "check fails.")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    from skill.hosts.doctor import run_checks, summary
    from skill.identity import bundled_root

    checks = run_checks(root=bundled_root(), config_dir=ctx.config.config_dir,
                        api_url=ctx.config.api_url, local=ctx.local, env=ctx.env,
                        load_skill=lambda: ctx.skill)
    failed = [c for c in checks if not c.ok and c.required]
    if ctx.args.json:
        ctx.print_json({"ok": not failed, "checks": [c.to_dict() for c in checks],
                        "summary": summary(checks, local=ctx.local)})
    else:
        for check in checks:
            mark = "✓" if check.ok else "✗" if check.required else "·" if check.optional \
                else "!"
            ctx.print(f"{mark} {check.name}: {check.detail}")
            if check.fix:
                ctx.print(f"    {'to add it' if check.optional else 'fix'}: {check.fix}")
        ctx.print(summary(checks, local=ctx.local))
    return 4 if failed else 0
