"""Claim links with every delivered video, fetched once per session over real sockets, and
shown by ``skill info`` from the cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.local.runner import LocalBackend
from skill.cli import session
from skill.cli.main import main
from skill.conversation.runtime import RuntimeOptions
from tests.backend.local.conftest import FakeRenderer
from tests.chromium import CHROMIUM, dump_dom, screenshot
from tests.servers import serving
from tests.skill.conversation.conftest import FAST, fast_options

GENERATE = "generate a 2-second video of rain on a window"


@pytest.fixture
def backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend",
                                    options=fast_options(renderer=FakeRenderer()))) as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        # The tests export to relative paths: into the test's folder, not the checkout.
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        yield lb


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_every_video_comes_with_the_claim_link_fetched_once(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "say", GENERATE, "--export", "first.mp4")
    assert code == 0
    link = next(line for line in out.splitlines() if line.startswith("🌐"))
    url = link.split(": ", 1)[1]
    assert url.startswith(backend.url + "/workspace/claim?ct=clm_")
    assert "nmv_usr_" not in out
    code, out = run(capsys, "say", "export it", "--json")
    media = next(json.loads(x) for x in out.splitlines() if json.loads(x)["kind"] == "media")
    assert media["claim_url"] == url
    assert url in media["text"]
    assert backend.requests.count("claim_token") == 1  # cached with the session
    assert "Rain on a Window" in httpx.get(url).text
    code, out = run(capsys, "skill", "info", "--json")
    assert json.loads(out)["claim_link"] == url


def test_chinese_reply_and_no_link_when_the_service_gives_none(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    assert "none yet" in run(capsys, "skill", "info")[1]
    backend.faults.fail_next("claim_token", status=500)
    code, out = run(capsys, "say", "生成一个2秒的视频：窗外的雨", "--export", "rain.mp4")
    assert code == 0
    assert "视频已就绪" in out
    assert "🌐" not in out  # no link this time, and the video is still delivered
    code, out = run(capsys, "say", "导出")
    assert "🌐 在浏览器中打开项目：" in out


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_the_link_of_an_exported_video_opens_the_project_in_a_browser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from backend.local.render import render_draft

    with LocalBackend.start(tmp_path / "real", options=fast_options(renderer=render_draft)) as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config2"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        code, out = run(capsys, "say", GENERATE, "--export", str(tmp_path / "rain.mp4"),
                        "--json")
        assert code == 0, out
        media = next(e for e in map(json.loads, out.splitlines()) if e["kind"] == "media")
        dom = dump_dom(media["claim_url"], tmp_path)
        pixels = screenshot(media["claim_url"], tmp_path)
    assert '<h1 id="title">Rain on a Window</h1>' in dom
    assert '<video id="player" controls=""' in dom
    assert dom.count('<li class="track">') == 3
    assert pixels.std() > 10
    # The player shows a frame of the render (a black box if the video did not load).
    assert pixels[120:480, 220:1060].mean() > 40
