"""``nemoskill doctor``: check this install (interpreter, packages, skill, config dir, and
ffmpeg and a font for the local backend or the API's address for the cloud)."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "doctor", help="check that this install can work, and say what to fix",
        description="Check the interpreter, packages, SKILL.md, the config folder and, with "
                    "--local (or NEMO_LOCAL=1), ffmpeg and a CJK font; otherwise whether the "
                    "API's host answers. Exits 4 when a required check fails.")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(ctx: CliContext) -> int:
    from skill.hosts.doctor import run_checks
    from skill.identity import bundled_root

    checks = run_checks(root=bundled_root(), config_dir=ctx.config.config_dir,
                        api_url=ctx.config.api_url, local=ctx.local, env=ctx.env,
                        load_skill=lambda: ctx.skill)
    failed = [c for c in checks if not c.ok and c.required]
    if ctx.args.json:
        ctx.print_json({"ok": not failed, "checks": [c.to_dict() for c in checks]})
    else:
        for check in checks:
            mark = "✓" if check.ok else ("✗" if check.required else "!")
            ctx.print(f"{mark} {check.name}: {check.detail}")
            if check.fix:
                ctx.print(f"    fix: {check.fix}")
        ctx.print("all good" if not failed else
                  f"{len(failed)} problem{'s' if len(failed) > 1 else ''} to fix")
    return 4 if failed else 0
