"""Where ``export_video`` may save a video, and why not elsewhere.

The MCP server writes where the host's model says, and that model may be steered by text the
user never wrote (a web page, a file it read). A user tool writing where its user asks is
normal, so the rule is narrow: what a user of a video tool expects, and nothing a user would
not. The choice (documented in the README's MCP section and the tool's description):

- The name must be an ``.mp4`` file or an existing folder, which gets a new file of our own
  name inside it (as ``say --export`` does: "save it in ~/Videos").
- A relative path is inside the export folder (hosts start servers in arbitrary working
  directories, often ``/``); ``~`` is the user's home.
- The folder must be inside the user's home, the export folder, or a folder the user listed
  in ``NEMO_EXPORT_ROOTS`` (the server's environment, ``os.pathsep``-separated). Links are
  resolved first, so ``~/link-to-etc/x.mp4`` counts as ``/etc``. System folders are thereby
  refused (``/etc``, ``/usr``, ``/``) even for root, whose home is ``/root``.
- An existing file is never overwritten: the export picks a numbered name beside it
  (``backend.export``), and the server says so in the reply.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["ExportPathRefused", "export_path", "export_roots_from_env"]


class ExportPathRefused(Exception):
    """The path cannot be used; ``key`` and ``values`` name the server's message saying what
    to do instead (``tools.yaml``)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def export_roots_from_env(env: Mapping[str, str]) -> tuple[Path, ...]:
    """The extra folders ``NEMO_EXPORT_ROOTS`` allows (absolute paths only, ``~`` expanded)."""
    roots = []
    for part in env.get("NEMO_EXPORT_ROOTS", "").split(os.pathsep):
        path = Path(part.strip()).expanduser() if part.strip() else None
        if path is not None and path.is_absolute():
            roots.append(path)
    return tuple(roots)


def export_path(given: str | None, *, export_dir: Path, home: Path,
                roots: Sequence[Path] = ()) -> Path | None:
    """The file ``given`` names (None: the default name in the export folder; a folder: a
    new file of our own name in it). Raises ``ExportPathRefused`` for a name that is not
    ``.mp4`` or a place outside the allowed folders."""
    if not given or not given.strip():
        return None
    path = Path(given.strip()).expanduser()
    path = path if path.is_absolute() else export_dir / path
    if path.is_dir():
        from backend.render_job import output_filename

        path = path / output_filename()
    if path.suffix.lower() != ".mp4":
        raise ExportPathRefused("mcp_not_mp4", path=path, example=path.with_suffix(".mp4"))
    # The folder as it really is (links and "..") decides, not how the path is spelled.
    folder = path.parent.resolve()
    # A home of "/" (some service accounts) would allow everything: it then counts for nothing.
    homes = [home.resolve()] if home.resolve().parent != home.resolve() else []
    allowed = [*homes, *(root.resolve() for root in (export_dir, *roots))]
    if not any(folder == root or folder.is_relative_to(root) for root in allowed):
        raise ExportPathRefused("mcp_outside_allowed", folder=folder, export_dir=export_dir,
                                example=export_dir / path.name)
    return folder / path.name
