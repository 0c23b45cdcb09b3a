"""``python -m router.compile [status|build|remove]``: compile the router to C with mypyc
(``router.native``), say whether this Python routes with the compiled modules, or remove
the builds."""

from __future__ import annotations

import sys
from pathlib import Path

from router import native


def main(argv: list[str] | None = None) -> int:
    """``python -m router.compile [status|build|remove]``."""
    import argparse

    from backend.errors import ConfigError, NemoError

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
            print(f"built: {native.shown_path(directory)}; processes started from now on "
                  "route with it (until the router's sources change; "
                  f"{native.OFF_VARIABLE}=1 turns it off)")
        elif args.command == "remove":
            try:
                count = native.remove()
            except OSError as exc:
                raise ConfigError(f"cannot remove the compiled router in "
                                  f"{native.shown_path(native.native_root())}: "
                                  f"{exc.strerror or exc}") from None
            print(f"removed {count} build{'s' if count != 1 else ''}" if count
                  else "nothing to remove: no build")
        else:
            now = native.state()
            built = native.loaded()
            print(f"this process routes with the {'compiled' if now == 'native' else 'plain'} "
                  f"router ({f'native: {native.shown_path(built)}' if built else now})")
            # The commands as this interpreter runs them (a venv's, say, not the PATH's).
            python = native.shown_path(Path(sys.executable))
            if now == "pure: not built":
                print(f"to compile it: {python} -m pip install -e '.[native]' in the checkout, "
                      f"then {python} -m router.compile build")
            elif now == "pure: no build for these sources and this Python":
                print(f"the router's code or the Python changed since the last build: build "
                      f"again with {python} -m router.compile build (it needs the native "
                      "extra)")
    except NemoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
