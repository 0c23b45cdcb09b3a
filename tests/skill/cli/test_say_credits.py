"""Running out of credits on the local backend, as a user meets it: the reply says what is
left and how to add the local backend's (free) credits; the command it names works."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

_EXE = Path(sys.executable).with_name("nemoskill")


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_EXE), *args], env=env, capture_output=True, text=True,
                          timeout=180, check=False)


def test_out_of_local_credits_says_the_balance_and_the_command_that_adds_more(
        tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": "/usr/bin:/bin"}
    try:
        first = _run(env, "--local", "say", "credits")
        assert first.returncode == 0, first.stderr
        assert "10000 available" in first.stdout
        # Setup: most of the balance spent (a video costs 100 on the local backend).
        db = sqlite3.connect(tmp_path / "cfg" / "local-backend" / "accounts.db")
        with db:
            db.execute("UPDATE users SET available = 50")
        db.close()

        refused = _run(env, "--local", "say", "make a 5-second video of a coffee cup")
        assert refused.returncode == 7, refused.stderr
        shown = refused.stdout + refused.stderr
        assert "Not enough credits for this: 50 left." in shown
        assert "nemoskill serve-local --add-credits 10000" in shown
        # The local backend has no account to register: no cloud link, no user id.
        assert "nemovideo.com" not in shown
        assert "bind=" not in shown
        assert "Traceback" not in shown

        added = _run(env, "serve-local", "--add-credits", "10000")
        assert added.returncode == 0, added.stderr
        assert added.stdout.strip() == "10050 credits available"

        made = _run(env, "--local", "say", "make a 5-second video of a coffee cup")
        assert made.returncode == 0, made.stderr
        assert "Timeline" in made.stdout
        after = _run(env, "--local", "say", "credits")
        assert "9950 available" in after.stdout
    finally:
        _run(env, "--local", "serve-local", "--stop")


def test_adding_credits_before_any_account_or_out_of_bounds_is_refused(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": "/usr/bin:/bin"}
    none_yet = _run(env, "serve-local", "--add-credits", "100")
    assert none_yet.returncode == 1
    assert "no local account" in none_yet.stderr
    assert not (tmp_path / "cfg" / "local-backend" / "accounts.db").exists()
    for amount in ("0", "-5", "1000000001"):
        refused = _run(env, "serve-local", "--add-credits", amount)
        assert refused.returncode == 2, amount
        assert "between 1 and 1,000,000,000" in refused.stderr
        assert "Traceback" not in refused.stderr
