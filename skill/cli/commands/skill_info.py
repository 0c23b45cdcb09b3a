"""``nemoskill skill info``: which skill is loaded and what the service will be told."""

from __future__ import annotations

import argparse
from typing import Any

from skill.cli.context import CliContext


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("skill", help="inspect the loaded skill")
    inner = parser.add_subparsers(dest="skill_command", metavar="SUBCOMMAND", required=True)
    info = inner.add_parser("info", help="name, version, platform, headers, config dir")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(run=run_info)
    variants = inner.add_parser("list", help="the shipped skill variants")
    variants.add_argument("--json", action="store_true", help="print one JSON object")
    variants.set_defaults(run=run_list)


def run_info(ctx: CliContext) -> int:
    skill, ident, config = ctx.skill, ctx.identity, ctx.config
    info = {
        "name": skill.name,
        "version": skill.version,
        "description": skill.description,
        "path": str(skill.path),
        "platform": ident.platform,
        "headers": ident.headers(),
        "config_dir": str(config.config_dir),
        "api_url": "local" if ctx.local else config.api_url,
        "token": "from NEMO_TOKEN" if config.token else "anonymous (acquired on first use)",
        "claim_link": _claim_link(ctx),
    }
    if ctx.args.json:
        ctx.print_json(info)
        return 0
    width = max(len(k) for k in info)
    for key, value in info.items():
        shown = value
        if isinstance(value, dict):
            shown = ", ".join(f"{k}: {v}" for k, v in value.items())
        ctx.print(f"{key.replace('_', ' '):<{width}}  {shown}")
    return 0


def _claim_link(ctx: CliContext) -> str:
    """The project's browser link, as cached with the session (no request is made here)."""
    import time

    from backend.claim import cached_claim_link
    from backend.session_store import LOCAL_STORE_KEY, SessionStore

    # ``ctx.local``, not the flag alone: NEMO_LOCAL=1 (how hosts turn the local backend on)
    # keeps its project in the local store too.
    key = LOCAL_STORE_KEY if ctx.local else ctx.config.api_url
    store = SessionStore(ctx.config.config_dir, skill=ctx.skill.name, api_base=key)
    link = cached_claim_link(store, time.time())
    if link:
        return link
    if store.load().session_id:
        return "none for this project yet (it comes with the next exported video)"
    return "none yet (it comes with the first video)"


def run_list(ctx: CliContext) -> int:
    from skill.identity import bundled_root, list_variants
    from skill.loader import load_skill

    rows = []
    for path in [bundled_root() / "SKILL.md"] + [
        bundled_root() / "variants" / n / "SKILL.md" for n in list_variants()
    ]:
        s = load_skill(path)
        rows.append({"name": s.name, "version": s.version, "path": str(path)})
    if ctx.args.json:
        ctx.print_json(rows)
    else:
        for r in rows:
            ctx.print(f"{r['name']:<34} {r['version']:<8} {r['path']}")
    return 0
