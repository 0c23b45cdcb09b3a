"""``nemoskill say`` against a hostile API: the reply the user reads, the exit code, and what
is left on disk. Limits are injected small through ``RuntimeOptions``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.limits import Limits, MiB
from backend.local.runner import LocalBackend
from skill.cli import session
from skill.cli.main import main
from skill.conversation.runtime import RuntimeOptions
from tests.backend.hostile import HostileServer, Request, Writer, bomb, hostile_server
from tests.media import write_png
from tests.skill.conversation.conftest import FAST, fast_options
from translators import messages

SMALL = Limits(credits_deadline=0.4, chat_deadline=0.8, json_body_bytes=4 * MiB,
               download_bytes=8 * MiB)


@pytest.fixture
def videos(tmp_path: Path) -> Path:
    return tmp_path / "videos"


@pytest.fixture
def server(tmp_path: Path, videos: Path, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[HostileServer]:
    with hostile_server() as srv:
        monkeypatch.setenv("NEMO_API_URL", srv.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=videos, timings=FAST, limits=SMALL))
        yield srv


def say(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["say", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_trickling_server_ends_in_the_timeout_reply(server: HostileServer,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    async def trickle(_req: Request, out: Writer) -> None:
        await out.trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + b" " * 40, 0.05)

    server.route("GET", "/api/credits/", trickle)
    code, out, err = say(capsys, "how many credits do I have")
    assert (code, out) == (5, messages.render("timed_out", "en") + "\n"), err


def test_endless_partial_text_ends_in_the_timeout_reply(server: HostileServer,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    async def partial_forever(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "text/event-stream"})
        await out.forever(b'data: {"content":{"parts":[{"text":"a"}]},"partial":true}\n\n'
                          * 50, every=0.001)

    server.route("POST", "/run_sse", partial_forever)
    code, out, _ = say(capsys, "make the title blue")
    assert (code, out) == (5, messages.render("timed_out", "en") + "\n")
    assert server.count("/run_sse") == 1


def test_a_gzip_bomb_ends_in_the_too_large_reply(server: HostileServer, videos: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The size limit is the case, not the deadline: SMALL's 0.4 s for credits was missed on a
    # machine at load 13 (the timeout reply came instead), so this one has time enough.
    roomy = Limits(credits_deadline=30.0, json_body_bytes=4 * MiB, download_bytes=8 * MiB)
    monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
        export_dir=videos, timings=FAST, limits=roomy))
    payload = bomb(1 << 30)

    async def send_bomb(_req: Request, out: Writer) -> None:
        await out.answer(200, payload, {"Content-Type": "application/json",
                                        "Content-Encoding": "gzip"})

    server.route("GET", "/api/credits/", send_bomb)
    code, out, _ = say(capsys, "credits")
    assert code == 11
    assert out == messages.render("response_too_large", "en", size="4 MiB") + "\n"
    assert "4 MiB" in out


def test_an_endless_video_is_stopped_at_the_cap_and_nothing_is_kept(
        server: HostileServer, videos: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async def endless(_req: Request, out: Writer) -> None:
        await out.head(200, {"Content-Type": "video/mp4"})
        await out.forever(b"\x00" * 65536)

    server.route("GET", "/video.mp4", endless)
    server.route("GET", "/api/render/proxy/render_", endless)  # the proxy download too
    code, out, err = say(capsys, "export")
    assert code == 11, err
    assert out == messages.render("response_too_large", "en", size="8 MiB") + "\n"
    assert "Video ready" not in out + err
    assert sorted(p.name for p in videos.iterdir()) == []
    # Too large from the advertised URL: the proxy would send the same video, not tried.
    assert server.count("/api/render/proxy/render_") == 0


def test_a_lone_surrogate_in_the_message_is_no_traceback(server: HostileServer,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    code, out, err = say(capsys, "make the sky \udcff blue")
    assert (code, out) == (0, "Done.\n"), err
    sent = next(r for r in server.requests if r.path == "/run_sse")
    assert json.loads(sent.body)["new_message"]["parts"][0]["text"] == "make the sky \ufffd blue"


def test_unicode_attachments_are_named_as_the_user_named_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    names = ["视频封面.png", "фото.png", "🎬.png", "café.png"]
    files = [write_png(tmp_path / name) for name in names]
    with LocalBackend.start(tmp_path / "backend", options=fast_options()) as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        argv = ["add these"]
        for path in files:
            argv += ["--attach", str(path)]
        code, out, err = say(capsys, *argv)
    assert code == 0, out + err
    assert messages.render("upload_done", "en", count=4, names=names) in out
