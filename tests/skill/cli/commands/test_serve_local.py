"""``nemoskill serve-local`` as a user runs it: a process that prints its URL and serves."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from skill.cli.main import main

_RUN = "import sys; from skill.cli.main import main; sys.exit(main(sys.argv[1:]))"


def test_serve_local_prints_url_serves_with_faults_and_stops(tmp_path: Path) -> None:
    data = tmp_path / "backend"
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN, "serve-local", "--data-dir", str(data), "--dialect",
         "gateway", "--fail", "credits:1001:1", "--credits", "100"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url, timeout=10) as client:
            assert client.get("/").json()["data"]["dialect"] == "gateway"
            token = client.post("/api/auth/anonymous-token",
                                headers={"X-Client-Id": "cli-test-01"}).json()["data"]["token"]
            auth = {"Authorization": f"Bearer {token}"}
            assert client.get("/api/credits/balance/simple", headers=auth).json()["code"] == 1001
            balance = client.get("/api/credits/balance/simple", headers=auth).json()["data"]
            assert balance["available"] == 100
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Ctrl-C to stop" in err
    assert token not in err
    assert (data / "accounts.db").is_file()


def test_default_data_dir_is_under_the_config_dir(isolated_home: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", _RUN, "serve-local"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert (isolated_home / ".config" / "nemovideo" / "local-backend" / "sessions").is_dir()


@pytest.mark.parametrize("args", [["--fail", "nope:1001"], ["--fail", "credits:x"],
                                  ["--heartbeat", "-1"], ["--token-quota", "1"],
                                  ["--token-quota", "0:5"], ["--token-quota", "a:b"]])
def test_bad_flags_are_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    assert main(["serve-local", "--data-dir", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_switches_for_the_clouds_shapes_and_quota() -> None:
    from skill.cli.commands.serve_local import _options, _token_quota

    assert _token_quota("off") == {"token_quota_per_client": None, "token_quota_per_ip": None}
    assert _token_quota("2:20") == {"token_quota_per_client": 2, "token_quota_per_ip": 20}
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    from skill.cli.commands import serve_local

    serve_local.register(sub)
    args = parser.parse_args(["serve-local", "--sandbox-paths", "--text-on-segment",
                              "--token-quota", "off"])
    options = _options(args)
    assert (options.sandbox_paths, options.text_on_segment) == (True, True)
    assert options.token_quota_per_client is None
