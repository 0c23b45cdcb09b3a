"""Claim tokens and the claim page of the local backend, over real sockets; the page opened in
a real headless browser (Debian's chromium, which CI installs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest

from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api
from tests.chromium import CHROMIUM, dump_dom, screenshot


def _claim(api: Api, token: str) -> dict[str, object]:
    r = api.http.post("/api/auth/claim-token", headers=api.auth(token))
    assert r.status_code == 200, r.text
    return dict(r.json()["data"])


def test_claim_token_needs_a_bearer_and_has_no_api_access(api: Api) -> None:
    assert api.http.post("/api/auth/claim-token").json()["code"] == 1001
    token, _ = api.new_user()
    claim = _claim(api, token)
    assert str(claim["claim_token"]).startswith("clm_")
    assert claim["expires_in"] == 604800
    assert str(claim["claim_url"]).endswith(f"/workspace/claim?ct={claim['claim_token']}")
    refused = api.http.get("/api/credits/balance/simple",
                           headers=api.auth(str(claim["claim_token"])))
    assert refused.json()["code"] == 1001


def test_unknown_claim_is_404(api: Api) -> None:
    assert api.http.get("/workspace/claim", params={"ct": "clm_nope"}).status_code == 404
    assert api.http.get("/workspace/claim").status_code == 404


def test_page_lists_the_timeline_before_any_render(api: Api) -> None:
    token, sid = api.new_user()
    api.chat(token, sid, "generate a 3-second video of a lighthouse at dusk")
    page = api.http.get(str(_claim(api, token)["claim_url"]))
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "Lighthouse at Dusk" in html  # the title track's words are the heading
    assert "No video rendered yet" in html
    assert html.count('class="track"') == 3
    assert token not in html


@pytest.mark.parametrize(("lang", "prompt", "words"), [
    ("ja", "灯台の3秒の動画を作って", ['lang="ja"', "<h2>タイムライン</h2>", ">動画</span>",
                                      "まだ書き出した動画はありません"]),
    ("pt", "gera um vídeo de 3 segundos de um farol", ['lang="pt"', "<h2>Linha do tempo</h2>",
                                                     ">Música</span>", "(0–3 s)"]),
    ("zh-Hant", "做一支3秒的燈塔影片", ['lang="zh-Hant"', "<h2>時間軸</h2>", ">背景音樂</span>"]),
])
def test_page_is_in_the_projects_language(api: Api, lang: str, prompt: str,
                                          words: list[str]) -> None:
    # The trial's page was English (lang="en", "Timeline", "BGM") for every language.
    token, sid = api.new_user(lang)
    api.chat(token, sid, prompt)
    html = api.http.get(str(_claim(api, token)["claim_url"])).text
    for word in words:
        assert word in html
    assert "Timeline" not in html
    assert ">BGM<" not in html or lang == "ja"  # Japanese does call background music BGM


def _render(api: Api, token: str, sid: str) -> None:
    draft = api.state(token, sid)["draft"]
    headers = api.auth(token, **{"X-Skill-Source": "t", "X-Skill-Version": "1",
                                 "X-Skill-Platform": "unknown"})
    r = api.http.post("/api/render/proxy/lambda", headers=headers, json={
        "id": "render_claim1", "sessionId": sid, "draft": draft,
        "output": {"format": "mp4", "quality": "high"}})
    assert r.status_code == 200, r.text
    api.backend.wait_idle(timeout=180)  # a deadline for a real render, not a wait
    status = api.http.get("/api/render/proxy/lambda/render_claim1", headers=headers).json()
    assert status["data"]["status"] == "completed", status


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_page_in_headless_chromium_shows_player_title_and_tracks(
        make_backend: Callable[..., LocalBackend],
        make_api: Callable[[LocalBackend], Api], tmp_path: Path) -> None:
    from backend.local.render import render_draft

    api = make_api(make_backend(renderer=render_draft))
    token, sid = api.new_user()
    api.chat(token, sid, "generate a 2-second video of a lighthouse at dusk")
    _render(api, token, sid)
    url = str(_claim(api, token)["claim_url"])
    assert httpx.get(url).text.count("<video") == 1
    dom = dump_dom(url, tmp_path)
    assert '<h1 id="title">Lighthouse at Dusk</h1>' in dom
    assert '<video id="player" controls=""' in dom
    assert dom.count('<li class="track">') == 3
    assert "Music" in dom  # the track named in the page's language, not "BGM"
    pixels = screenshot(url, tmp_path)
    assert pixels.shape[:2] == (900, 1280)
    # Not blank: the dark page, the light heading and the player differ.
    assert pixels.std() > 10
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50
    # The player shows a frame of the render (a black box if the video did not load).
    assert pixels[120:480, 220:1060].mean() > 40
