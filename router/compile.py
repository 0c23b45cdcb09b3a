"""``python -m router.compile [status|build|remove]``: compile the router to C with mypyc
(``router.native``), say whether this Python routes with the compiled modules, or remove
the builds."""

from __future__ import annotations

import sys
from pathlib import Path

from router import native


def _shown(path: Path) -> str:
    """``path`` as a user would type it: under the home directory, with ``~``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """``python -m router.compile [status|build|remove]``."""
    import argparse

    from backend.errors import NemoError

    parser = argparse.ArgumentParser(
        prog="python -m router.compile",
        description="Compile the router to C with mypyc (faster routing in a process that "
                    "routes many messages), show whether it is used, or remove the builds.")
    parser.add_argument("command", nargs="?", default="status",
                        choices=("status", "build", "remove"))
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            directory = native.build()
            print(f"built: {_shown(directory)}; processes started from now on route with it "
                  f"(until the router's sources change; {native.OFF_VARIABLE}=1 turns it off)")
        elif args.command == "remove":
            count = native.remove()
            print(f"removed {count} build{'s' if count != 1 else ''}" if count
                  else "nothing to remove: no build")
        else:
            now = native.state()
            print(f"this process routes with the {'compiled' if now == 'native' else 'plain'} "
                  f"router ({now})")
            if now != "native" and not now.endswith("is set"):
                print("to compile it: pip install -e '.[native]', then "
                      "python -m router.compile build")
    except NemoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
