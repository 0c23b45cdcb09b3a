"""``nemoskill say`` as a host calls it: reply on stdout, JSON lines, one exit code per failure.

The local backend runs in this process on loopback; ``say`` reaches it over real sockets as it
would reach the cloud (``NEMO_API_URL``). Waits and retries are shortened, never slept.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.cli import session
from skill.cli.main import main
from skill.conversation.runtime import RuntimeOptions
from tests.media import probe
from tests.servers import serving
from tests.skill.conversation.conftest import FAST, fast_options

GENERATE = "generate a 2-second video of rain on a window"


@pytest.fixture
def backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend", options=fast_options())) as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        monkeypatch.setenv("NEMO_EXPORT_DIR", str(tmp_path / "videos"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        yield lb


def say(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["say", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_reply_on_stdout_progress_on_stderr(backend: LocalBackend,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = say(capsys, GENERATE)
    assert code == 0
    assert "Timeline (3 tracks)" in out
    assert "Connecting" in err
    assert "Connecting" not in out


def test_json_lines_are_one_valid_object_each(backend: LocalBackend, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = say(capsys, GENERATE, "--json", "--export", str(tmp_path / "rain.mp4"))
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert {e["kind"] for e in events} >= {"status", "text", "progress", "media"}
    media = next(e for e in events if e["kind"] == "media")
    assert media["path"] == str(tmp_path / "rain.mp4")
    assert (media["width"], media["height"], media["duration"]) == (1920, 1080, 2.0)
    assert probe(Path(media["path"])).video_codec == "h264"


def test_project_continues_across_invocations(backend: LocalBackend,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert say(capsys, GENERATE)[0] == 0
    code, out, _ = say(capsys, "change the title to 'Rainy Day'")
    assert code == 0
    code, out, _ = say(capsys, "status")
    assert 'Title: "Rainy Day"' in out
    assert backend.requests.count("session") == 1


def test_say_new_starts_a_new_project_and_keeps_the_old_one(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    assert say(capsys, GENERATE)[0] == 0
    assert say(capsys, "change the title to 'Rainy Day'")[0] == 0
    code, out, _ = say(capsys, "--new", "generate a 2-second video of snow on a roof")
    assert code == 0
    assert "Started a new project" in out
    assert "Rainy Day" not in out
    assert backend.requests.count("session") == 2
    code, out, _ = say(capsys, "status")
    assert "Snow on a Roof" in out
    assert "Rainy Day" not in out
    code, out, _ = say(capsys, "--new", "")  # only a new project, nothing to say yet
    assert code == 0
    assert "Started a new project" in out
    assert "timeline is empty" in say(capsys, "status")[1]
    assert backend.requests.count("session") == 3


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("case", "expected"),
    [("credits", 7), ("plan", 8), ("file", 9), ("rate", 10), ("stream-error", 11),
     ("session", 12), ("render", 13), ("lost", 14), ("token", 6), ("network", 5)],
)
def test_each_failure_class_has_its_exit_code(*,
        case: str, expected: int, backend: LocalBackend, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [GENERATE]
    gate = None
    if case in ("plan", "render"):
        assert say(capsys, GENERATE)[0] == 0
        argv = ["export"]
        if case == "plan":
            backend.faults.fail_next("render", status=402)
        else:
            backend.faults.fail_next_render(times=2)
    elif case == "credits":
        backend.faults.fail_next("run_sse", code=2001)
    elif case == "file":
        bad = tmp_path / "clip.exe"
        bad.write_bytes(b"MZ")
        argv = ["use this", "--attach", str(bad)]
    elif case == "rate":
        backend.faults.rate_limit_next("credits", times=2)
        argv = ["credits"]
    elif case == "stream-error":
        backend.faults.error_event_next_stream("model crashed")
    elif case == "session":
        assert say(capsys, "credits")[0] == 0
        backend.faults.fail_next("state", code=1002, times=2)
        argv = ["status"]
    elif case == "lost":
        gate = backend.faults.hold_generations()
        backend.faults.drop_next_stream(after_events=1)
    elif case == "token":
        monkeypatch.setenv("NEMO_TOKEN", "nmv_usr_not_a_real_token")
        argv = ["credits"]
    elif case == "network":
        monkeypatch.setenv("NEMO_API_URL", f"http://127.0.0.1:{_closed_port()}")
        argv = ["credits"]
    try:
        code, out, err = say(capsys, *argv)
    finally:
        if gate is not None:
            gate.open()
    assert code == expected, out + err
    assert out.strip()  # the user always gets an explanation
    assert "Traceback" not in out + err
    assert "nmv_usr" not in out + err


def test_usage_skill_and_config_errors(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert main(["say"]) == 2  # no message
    (tmp_path / "SKILL.md").write_text("---\nname: Bad\ndescription: x\n---\n")
    assert main(["--skill", str(tmp_path), "say", "hi"]) == 3
    monkeypatch.setenv("NEMO_API_URL", "not a url")
    assert main(["say", "hi"]) == 4
    err = capsys.readouterr().err
    assert "NEMO_API_URL" in err


def test_console_script_offline_local_mode(tmp_path: Path) -> None:
    # The real entry point with --local: its own embedded backend, nothing but loopback.
    env = {"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": "/usr/bin:/bin"}
    exe = Path(sys.executable).with_name("nemoskill")
    done = subprocess.run([str(exe), "--local", "say", "credits", "--json"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert events[-1]["kind"] == "text"
    assert "Credits:" in events[-1]["text"]


def test_global_option_after_the_command_works(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": "/usr/bin:/bin"}
    exe = Path(sys.executable).with_name("nemoskill")
    done = subprocess.run([str(exe), "say", "credits", "--local"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "Credits:" in done.stdout


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_message_gets_a_usage_reply_and_sends_nothing(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str], text: str) -> None:
    code, out, _ = say(capsys, text)
    assert code == 2
    assert "message is empty" in out
    assert backend.requests.count("session") == 0
    assert backend.requests.count("run_sse") == 0


def test_export_path_is_normalised(backend: LocalBackend, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert say(capsys, GENERATE)[0] == 0
    folder = tmp_path / "shots"
    folder.mkdir()
    for target in (str(tmp_path / "clip"), str(folder)):
        code, out, _ = say(capsys, "status", "--export", target)
        assert code == 0, out
    assert (tmp_path / "clip.mp4").is_file()
    assert [p.suffix for p in folder.iterdir()] == [".mp4"]
    code, out, _ = say(capsys, "export", "--export", str(tmp_path / "clip.mp4"))
    assert "clip-2.mp4" in out  # an existing file is never overwritten; the reply names the new one
    assert out.count("nothing to export") == 0


def test_skill_source_sets_the_platform_header(backend: LocalBackend,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SKILL_SOURCE", "clawhub")
    assert say(capsys, "credits")[0] == 0
    [credits] = backend.requests.matching("credits")
    assert credits.headers["x-skill-platform"] == "clawhub"


def test_a_delivered_video_has_a_media_line_for_the_host(backend: LocalBackend, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    # OpenClaw attaches the file of a `MEDIA:<path>` line; the path must be absolute and real.
    # A relative --export path is the case: it lands in the test's folder, not the checkout.
    monkeypatch.chdir(tmp_path)
    assert say(capsys, GENERATE)[0] == 0
    code, out, _ = say(capsys, "export", "--export", "rain.mp4")
    assert code == 0
    media = [line for line in out.splitlines() if line.startswith("MEDIA:")]
    assert len(media) == 1
    path = Path(media[0].removeprefix("MEDIA:"))
    assert path.is_absolute()
    assert path.is_file()
    assert path == tmp_path / "rain.mp4"
    assert probe(path).video_codec == "h264"


def test_nemo_local_selects_the_local_backend(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Hosts set per-skill environment variables, not flags: NEMO_LOCAL=1 must do what --local
    # does. The cloud URL points at a closed port: reaching it would fail the call.
    monkeypatch.setenv("NEMO_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEMO_LOCAL", "1")
    code, out, _ = say(capsys, "credits")
    assert code == 0, out
    assert "Credits:" in out
    assert (tmp_path / "config" / "local-backend").is_dir()
    monkeypatch.setenv("NEMO_LOCAL", "0")
    code, out, _ = say(capsys, "credits")
    assert code == 5  # the cloud, unreachable: a network error, not the local backend


@pytest.mark.parametrize(("message", "hint"), [
    ("génère une vidéo de 2 secondes de pluie sur une fenêtre", "« exporter »"),
    ("2秒の窓の雨の動画を作って", "「書き出し」"),
    ("창문에 내리는 비 2초 영상 만들어줘", "내보내기"),
    ("Mach ein 2-Sekunden-Video von Regen am Fenster", "„exportieren“"),
])
def test_a_video_exported_in_the_same_message_gets_no_hint_to_export_it(
        backend: LocalBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        message: str, hint: str) -> None:
    # "Say 'export' to download it" after the file is already there is stale advice, in
    # every language; without --export the hint is given once.
    code, out, _ = say(capsys, message, "--export", str(tmp_path / "v.mp4"))
    assert code == 0
    assert (tmp_path / "v.mp4").is_file()
    assert hint not in out, out
    code, out, _ = say(capsys, "--new", message)
    assert code == 0
    assert out.count(hint) == 1, out


def test_an_export_to_a_taken_name_keeps_the_old_file_and_says_the_new_name(
        backend: LocalBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rain.mp4"
    assert say(capsys, GENERATE, "--export", str(target))[0] == 0
    before = target.read_bytes()
    code, out, _ = say(capsys, "export", "--export", str(target))
    assert code == 0
    assert target.read_bytes() == before  # the first video is untouched
    assert (tmp_path / "rain-2.mp4").is_file()
    assert "rain.mp4 was already there and is kept; this video is rain-2.mp4." in out
    # A free name is not remarked on.
    code, out, _ = say(capsys, "export", "--export", str(tmp_path / "other.mp4"))
    assert code == 0
    assert "already there" not in out


def test_a_missing_attachment_is_said_before_any_upload_is_announced(
        backend: LocalBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = say(capsys, "here is my clip", "--attach", str(tmp_path / "nothere.mp4"))
    assert code != 0
    assert "I can't find the file nothere.mp4" in out + err
    assert "Uploading" not in out + err
    assert backend.requests.count("upload") == 0


def test_a_message_on_stdin_arrives_as_typed(tmp_path: Path) -> None:
    # SKILL.md's form (say - <<'NEMO_MESSAGE'), run by bash as a host runs it: quotes and $
    # reach the video as typed (trial 14: inside say "…", "$5" vanished from the title).
    env = {"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    script = ("nemoskill --local say - <<'NEMO_MESSAGE'\n"
              "make a 5-second video of a coffee cup\nNEMO_MESSAGE\n"
              "nemoskill --local say - <<'NEMO_MESSAGE'\n"
              "change the title to \"Best $5 coffee\"\nNEMO_MESSAGE\n")
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                          timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    assert "Title changed:" in done.stdout, done.stdout
    assert "'Best $5 coffee'" in done.stdout, done.stdout
    stop = subprocess.run([str(Path(sys.executable).with_name("nemoskill")), "--local",
                           "serve-local", "--stop"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert stop.returncode == 0, stop.stderr


def test_a_message_on_stdin_has_a_limit(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from skill.cli.commands import say as say_command

    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * (say_command.STDIN_MAX_CHARS + 1)))
    code, out, err = say(capsys, "-")
    assert code == 2
    assert "longer than 100,000 characters" in out + err
    assert "Traceback" not in out + err
