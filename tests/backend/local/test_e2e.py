"""End to end with the real renderer: script → video, Chinese title, export, download, PyAV."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from backend.local.limits import Limits
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api
from tests.media import frames_at

SCRIPT = "Make a 6-second video from this script:\nA forest at dawn. Birds cross the lake."


def _export(api: Api, token: str, sid: str, rid: str) -> dict[str, Any]:
    draft = api.state(token, sid)["draft"]
    r = api.http.post("/api/render/proxy/lambda",
                      json={"id": rid, "sessionId": sid, "draft": draft,
                            "output": {"format": "mp4", "quality": "high"}},
                      headers=api.auth(token, **HEADERS))
    assert r.status_code == 200, r.text
    api.backend.wait_idle(timeout=240)
    data = api.http.get(f"/api/render/proxy/lambda/{rid}", headers=api.auth(token)).json()["data"]
    assert data["status"] == "completed", data
    return dict(data)


def test_script_to_mp4_with_chinese_title(make_backend: Callable[..., LocalBackend],
                                          make_api: Callable[[LocalBackend], Api],
                                          tmp_path: Path) -> None:
    lb = make_backend(renderer=None)  # the real backend.local.render
    api = make_api(lb)
    token, sid = api.new_user("zh")
    chat = api.chat(token, sid, SCRIPT)
    assert chat.final_texts[-1].startswith("✅")
    chat = api.chat(token, sid, "添加标题“森林之晨”")
    assert chat.parts("text") == []  # a silent edit
    draft = api.state(token, sid)["draft"]
    title = next(t for t in draft["t"] if t["n"] == "Title")["sg"][0]
    assert title["m"]["text"] == "森林之晨"
    assert (title["s"], title["d"]) == (0, 3000)

    started = time.monotonic()
    data = _export(api, token, sid, "render_e2e_titled")
    elapsed = time.monotonic() - started
    titled = tmp_path / "titled.mp4"
    titled.write_bytes(api.http.get(data["outputUrl"]).content)
    fallback = api.http.get("/api/render/proxy/render_e2e_titled/download",
                            headers=api.auth(token))
    assert fallback.content == titled.read_bytes()

    with av.open(str(titled)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio
        assert video.codec_context.name == "h264"
        assert video.codec_context.pix_fmt == "yuv420p"
        assert (video.codec_context.width, video.codec_context.height) == (draft["w"], draft["h"])
        assert len(audio) == 1
        assert audio[0].codec_context.name == "aac"
        duration = float(container.duration or 0) / av.time_base
    assert duration == pytest.approx(draft["d"] / 1000, abs=0.1)

    # The same project without the title, rendered again: frames differ in the title's
    # region only while the title shows.
    api.chat(token, sid, "删除标题")
    plain = tmp_path / "plain.mp4"
    plain.write_bytes(api.http.get(_export(api, token, sid, "render_e2e_plain")["outputUrl"])
                      .content)
    t_in, t_out = 1.5, 4.5
    with_title = frames_at(titled, (t_in, t_out))
    without = frames_at(plain, (t_in, t_out))
    h, w = draft["h"], draft["w"]
    centre = (slice(h * 2 // 5, h * 3 // 5), slice(w // 4, w * 3 // 4))
    inside = float(np.abs(with_title[0][centre] - without[0][centre]).mean())
    outside = float(np.abs(with_title[1][centre] - without[1][centre]).mean())
    assert inside > 5 * max(outside, 0.5), (inside, outside)
    assert float(np.abs(with_title[0] - with_title[1]).mean()) > 1
    print(f"render of {draft['d'] / 1000:g} s at {w}x{h}: {elapsed:.1f} s")


def test_the_same_draft_exported_again_is_not_rendered_again(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api]
) -> None:
    """"export it again" with nothing changed: the new job is completed as it is submitted,
    with the same file; a change, or the first file gone, renders anew."""
    lb = make_backend(renderer=None)
    api = make_api(lb)
    token, sid = api.new_user("en")
    api.chat(token, sid, "a 2 second video of a lake")
    first = api.http.get(_export(api, token, sid, "render_again_1")["outputUrl"]).content
    assert len(first) > 1000

    draft = api.state(token, sid)["draft"]
    body = {"id": "render_again_2", "sessionId": sid, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}
    r = api.http.post("/api/render/proxy/lambda", json=body, headers=api.auth(token, **HEADERS))
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["status"], data["progress"]) == ("completed", 100), data
    assert api.http.get(data["outputUrl"]).content == first

    # Another user's same draft is that user's own render.
    other, other_sid = api.new_user("en")
    api.chat(other, other_sid, "a 2 second video of a lake")
    r = api.http.post("/api/render/proxy/lambda",
                      json={**body, "id": "render_again_other", "sessionId": other_sid},
                      headers=api.auth(other, **HEADERS))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] != "completed"
    api.backend.wait_idle(timeout=240)

    # A change renders anew.
    api.chat(token, sid, "add the title 'Evening swim'")
    changed = api.http.get(_export(api, token, sid, "render_again_3")["outputUrl"]).content
    assert changed != first

    # Both earlier files gone: the same draft renders again instead of failing.
    for rid in ("render_again_1", "render_again_2"):
        (lb.data_dir / "renders" / f"{rid}.mp4").unlink()
    r = api.http.post("/api/render/proxy/lambda", json={**body, "id": "render_again_4"},
                      headers=api.auth(token, **HEADERS))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] != "completed"
    again = api.http.get(_export(api, token, sid, "render_again_4")["outputUrl"]).content
    assert len(again) > 1000


def test_a_render_done_already_is_served_while_the_queue_is_full(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api]
) -> None:
    lb = make_backend(renderer=None,
                      limits=Limits(max_concurrent_renders=1, max_queued_renders=1))
    api = make_api(lb)
    token, sid = api.new_user("en")
    api.chat(token, sid, "a 2 second video of a lake")
    draft = api.state(token, sid)["draft"]
    first = api.http.get(_export(api, token, sid, "render_full_1")["outputUrl"]).content
    hold = lb.faults.hold_renders()
    other = {**draft, "d": int(draft["d"]) + 1}  # another draft: a render of its own
    for rid in ("render_full_2", "render_full_3"):
        r = api.http.post("/api/render/proxy/lambda",
                          json={"id": rid, "sessionId": sid, "draft": other,
                                "output": {"format": "mp4", "quality": "high"}},
                          headers=api.auth(token, **HEADERS))
        assert r.status_code == 200, r.text
    body = {"id": "render_full_4", "sessionId": sid, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}
    r = api.http.post("/api/render/proxy/lambda", json=body, headers=api.auth(token, **HEADERS))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "completed"
    assert api.http.get(r.json()["data"]["outputUrl"]).content == first
    r = api.http.post("/api/render/proxy/lambda", json={**body, "id": "render_full_5",
                                                        "draft": {**other, "d": 99}},
                      headers=api.auth(token, **HEADERS))
    assert r.status_code == 429, r.text
    hold.set()
    api.backend.wait_idle(timeout=240)
