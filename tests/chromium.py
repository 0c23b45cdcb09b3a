"""Headless Chromium for tests that check a page as a browser shows it (Debian's
``chromium``; CI installs it, see ``.ci/run``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--no-first-run", "--mute-audio", "--hide-scrollbars", "--window-size=1280,900",
          "--virtual-time-budget=3000"]


def _run(url: str, extra: list[str], workdir: Path) -> str:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(dir=workdir) as profile:
        done = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(url: str, workdir: Path) -> str:
    """The DOM after the page loaded and ran, as Chromium serialises it."""
    return _run(url, ["--dump-dom"], workdir)


def screenshot(url: str, workdir: Path) -> np.ndarray[Any, Any]:
    """The page as RGB pixels (int16), 1280×900."""
    from PIL import Image

    shot = workdir / "page.png"
    _run(url, [f"--screenshot={shot}"], workdir)
    return np.asarray(Image.open(shot).convert("RGB")).astype(np.int16)
