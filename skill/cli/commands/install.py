"""``nemoskill install`` / ``nemoskill uninstall``: put the skill where a chat host looks for
it (OpenClaw, Cursor, Claude) and register its MCP server, or take both away again."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from skill.cli.context import CliContext

_HOSTS = ("openclaw", "cursor", "claude")  # skill.hosts.paths.HOSTS, kept import-free here


def register(sub: Any) -> None:
    inst: argparse.ArgumentParser = sub.add_parser(
        "install", help="install the skill for a chat host (and its MCP server)",
        description="Copy the skill folder where the host looks and, for Cursor and Claude, "
                    "add the MCP server to the host's config (other entries are kept).")
    _common(inst)
    inst.add_argument("--link", action="store_true",
                      help="symlink the runtime packages to this checkout instead of copying "
                           "them (development; SKILL.md stays a copy: install again after "
                           "editing it)")
    inst.add_argument("--no-env", action="store_true",
                      help="do not prepare the folder's own Python environment now (the "
                           "launcher makes it on first use)")
    inst.set_defaults(run=run_install)
    uninst: argparse.ArgumentParser = sub.add_parser(
        "uninstall", help="remove what install put in place",
        description="Remove the installed skill folder and our MCP server entry; folders and "
                    "entries nemoskill did not create are left alone.")
    _common(uninst)
    uninst.set_defaults(run=run_uninstall)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", required=True, choices=_HOSTS)
    parser.add_argument("--scope", choices=("user", "project"), default="user",
                        help="your home folder (default) or the project in --project")
    parser.add_argument("--project", metavar="DIR", type=Path,
                        help="project (workspace) folder for --scope project; default: here")
    parser.add_argument("--skill", dest="install_skill", metavar="NAME|PATH",
                        help="the skill (a shipped variant or a folder; default: the root "
                             "SKILL.md) to install or uninstall")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would change; change nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _where(ctx: CliContext) -> tuple[Path, Path]:
    home = Path(ctx.env.get("HOME") or Path.home())
    project = ctx.args.project or Path(os.getcwd())
    return home, project


def _skill_md(ctx: CliContext) -> Path:
    from skill.identity import find_skill

    return find_skill(ctx.args.install_skill or ctx.args.skill)


def run_install(ctx: CliContext) -> int:
    from skill.hosts.install import install
    from skill.identity import bundled_root

    home, project = _where(ctx)
    result = install(
        host=ctx.args.host, scope=ctx.args.scope, source=bundled_root(),
        skill_md=_skill_md(ctx), home=home, project=project, env=ctx.env,
        link=ctx.args.link, dry_run=ctx.args.dry_run, local=ctx.local,
        prepare_env=not ctx.args.no_env,
    )
    if ctx.args.json:
        ctx.print_json(result.to_dict())
        return 0
    would = "would " if result.dry_run else ""
    verb = ("replace" if result.replaced else "install") if result.dry_run else (
        "replaced" if result.replaced else "installed")
    ctx.print(f"{would}{verb} {result.skill} {result.version} for {result.host} "
              f"({result.scope} scope, {result.mode}): {result.path}")
    configs = ([(result.mcp_config, result.mcp_change or "")] if result.mcp_config else [])
    for config, change in [*configs, *result.also]:
        done, todo, prep = {"added": ("added", "add", "to"), "updated": ("updated", "update", "in")
                            }.get(change, ("kept", "keep", "in"))
        ctx.print(f"{would}{todo if result.dry_run else done} MCP server "
                  f"'{result.mcp_server}' {prep} {config}")
    if result.platform is not None:
        ctx.print(f"platform reported: {result.platform}")
    environment = result.environment
    if environment is not None:
        if environment.state == "failed":
            ctx.diag(f"note: the skill's environment was not prepared ({environment.problem}); "
                     "its launcher will make it on first use")
        else:
            ctx.print(f"environment {environment.state}: {environment.path}")
    for note in result.notes:
        ctx.diag(f"note: {note}")
    return 0


def run_uninstall(ctx: CliContext) -> int:
    from skill.hosts.install import uninstall
    from skill.loader import load_skill

    home, project = _where(ctx)
    name = load_skill(_skill_md(ctx)).name
    result = uninstall(host=ctx.args.host, scope=ctx.args.scope, name=name, home=home,
                       project=project, env=ctx.env, dry_run=ctx.args.dry_run)
    if ctx.args.json:
        ctx.print_json(result.to_dict())
        return 0
    would = "would " if result.dry_run else ""
    if result.removed_folder:
        ctx.print(f"{would}{'remove' if result.dry_run else 'removed'} {result.path}")
    else:
        ctx.print(f"nothing installed at {result.path}")
    removed = [result.mcp_config] if result.mcp_removed else []
    for config in [*removed, *result.also_removed]:
        ctx.print(f"{would}{'remove' if result.dry_run else 'removed'} MCP server "
                  f"'{result.skill}' from {config}")
    if result.mcp_kept_reason:
        ctx.diag(f"note: {result.mcp_config}: {result.mcp_kept_reason}")
    return 0
