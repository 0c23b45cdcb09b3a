"""The anonymous-token quota, as a user meets it through ``say`` against a real backend that
enforces it: a clear reply with its own exit code, no retry, no new client id, and a stored
token that is still valid kept in use."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backend.errors import TokenQuotaExceeded
from backend.local.runner import LocalBackend
from skill.cli import session
from skill.cli.main import main
from skill.conversation.runtime import RuntimeOptions
from tests.skill.conversation.conftest import FAST, fast_options

Start = Callable[..., LocalBackend]


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Start]:
    started: list[LocalBackend] = []

    def run(**options: object) -> LocalBackend:
        lb = LocalBackend.start(tmp_path / "backend", options=fast_options(**options))
        started.append(lb)
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        return lb

    monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
        export_dir=tmp_path / "videos", timings=FAST))
    yield run
    for lb in started:
        lb.stop()


def say(capsys: pytest.CaptureFixture[str], config: Path, *argv: str,
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(config))
    code = main(["say", *argv])
    out, _ = capsys.readouterr()
    return code, out


def _client_id(config: Path) -> str:
    return (config / "client_id").read_text().strip()


def test_quota_reached_is_explained_once_with_its_exit_code(
        start: Start, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    lb = start(token_quota_per_client=1, token_quota_per_ip=1)
    assert say(capsys, tmp_path / "alice", "credits", monkeypatch=monkeypatch)[0] == 0
    lb.requests.clear()
    code, out = say(capsys, tmp_path / "bob", "积分还有多少", monkeypatch=monkeypatch)
    assert code == TokenQuotaExceeded.exit_code == 15
    assert "免费的入门令牌暂时用完了" in out
    assert "NEMO_TOKEN" in out
    assert " UTC 之后" in out  # when to retry, from the server's Retry-After
    assert lb.requests.count("token") == 1  # no retry, no new client id
    first_id = _client_id(tmp_path / "bob")
    code, _ = say(capsys, tmp_path / "bob", "credits", "--json", monkeypatch=monkeypatch)
    assert code == 15
    assert _client_id(tmp_path / "bob") == first_id
    assert lb.requests.count("token") == 2  # one request per message, never a loop


def test_json_error_event(start: Start, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    start(token_quota_per_ip=1)
    say(capsys, tmp_path / "alice", "credits", monkeypatch=monkeypatch)
    code, out = say(capsys, tmp_path / "bob", "credits", "--json", monkeypatch=monkeypatch)
    event = json.loads(out.splitlines()[-1])
    assert (code, event["kind"], event["code"], event["error"]) == (
        15, "error", 15, "TokenQuotaExceeded")
    assert "NEMO_TOKEN" in event["text"]


def test_a_stored_token_still_valid_is_kept(start: Start, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Near its expiry by the server's word, the stored token still works: it is used until
    # the service refuses it, never traded early for a new one the quota would refuse.
    lb = start(token_quota_per_client=1, token_ttl=45.0)
    assert say(capsys, tmp_path / "me", "credits", monkeypatch=monkeypatch)[0] == 0
    lb.requests.clear()
    code, out = say(capsys, tmp_path / "me", "credits", monkeypatch=monkeypatch)
    assert code == 0, out
    assert "Credits:" in out
    assert lb.requests.count("token") == 0


def test_an_expired_token_and_a_used_quota_end_in_the_reply(
        start: Start, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1_800_000_000.0]
    lb = start(token_quota_per_client=1, token_ttl=3600.0, clock=lambda: now[0])
    assert say(capsys, tmp_path / "me", "credits", monkeypatch=monkeypatch)[0] == 0
    now[0] += 7200  # the server expired the token; our clock still thinks it is fine
    lb.requests.clear()
    code, out = say(capsys, tmp_path / "me", "credits", monkeypatch=monkeypatch)
    assert code == 15
    assert "NEMO_TOKEN" in out
    assert lb.requests.count("token") == 1
    assert "nmv_usr_" not in out
