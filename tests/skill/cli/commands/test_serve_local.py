"""``nemoskill serve-local`` as a user runs it: a process that prints its URL and serves."""

from __future__ import annotations

import signal
import socket
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


def test_a_running_serve_local_is_the_projects_shared_backend(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.local import shared

    data = tmp_path / "backend"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # On the project's own port, where the shared backend listens too (a browser link of an
    # earlier video names it).
    monkeypatch.setenv(shared.PORT_ENV, str(port))
    proc = subprocess.Popen([sys.executable, "-c", _RUN, "serve-local", "--data-dir", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}"
        # --local processes of the project use it rather than starting their own.
        with shared.SharedBackend.begin(data) as use:
            assert use.wait() == url
        # A second server for the same data is refused, with what to do instead.
        assert main(["serve-local", "--data-dir", str(data)]) == 4
        assert "serve-local --stop" in capsys.readouterr().err
        assert main(["serve-local", "--data-dir", str(data), "--status"]) == 0
        assert capsys.readouterr().out.strip() == url
        assert main(["serve-local", "--data-dir", str(data), "--stop"]) == 0
        assert f"stopped the local backend at {url}" in capsys.readouterr().out
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert not (data / shared.INFO_FILE).exists()
    assert main(["serve-local", "--data-dir", str(data), "--status"]) == 1
    assert "no local backend runs" in capsys.readouterr().err


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
