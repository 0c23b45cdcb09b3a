"""Render endpoints with an injected renderer: attribution, job states, shapes, cancel, files."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from backend.local.limits import Limits
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api, FakeRenderer


def _ready(api: Api) -> tuple[str, str, dict[str, Any]]:
    token, sid = api.new_user()
    api.chat(token, sid, "Generate a 6-second video of a forest")
    return token, sid, api.state(token, sid)["draft"]


def _submit(api: Api, token: str, sid: str, draft: dict[str, Any], rid: str, *,
            headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"id": rid, "sessionId": sid, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}
    return api.http.post("/api/render/proxy/lambda", json=body,
                         headers=api.auth(token, **(HEADERS if headers is None else headers)))


def _poll(api: Api, token: str, rid: str, until: tuple[str, ...] = ("completed", "failed",
                                                                       "cancelled"),
          timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = api.http.get(f"/api/render/proxy/lambda/{rid}", headers=api.auth(token))
        assert r.status_code == 200, r.text
        body = r.json()
        data = body.get("data", body)
        if data["status"] in until:
            return dict(body)
        assert time.monotonic() < deadline, f"render stuck in {data['status']}"
        api.backend.wait_idle(timeout)


def test_render_needs_attribution_headers(api: Api) -> None:
    token, sid, draft = _ready(api)
    for missing in HEADERS:
        headers = {k: v for k, v in HEADERS.items() if k != missing}
        r = _submit(api, token, sid, draft, "render_a1", headers=headers)
        assert r.status_code == 402
        assert r.json()["success"] is False
        assert missing.lower() in r.json()["error"]


def test_render_completes_and_serves_the_file(api: Api, renderer: FakeRenderer) -> None:
    token, sid, draft = _ready(api)
    r = _submit(api, token, sid, draft, "render_ok1")
    assert r.status_code == 200
    assert r.json()["success"] is True
    assert r.json()["data"]["id"] == "render_ok1"
    assert r.json()["data"]["status"] in ("pending", "processing", "completed")
    body = _poll(api, token, "render_ok1")
    data = body["data"]
    assert (data["status"], data["progress"]) == ("completed", 100)
    assert renderer.calls == [draft]
    url = data["outputUrl"]
    assert url.startswith(api.backend.url + "/renders/")
    assert url.endswith("/render_ok1.mp4")
    assert token not in url
    content = api.http.get(url).content  # the signed URL needs no token
    assert content.startswith(b"FAKE-MP4:")
    dl = api.http.get("/api/render/proxy/render_ok1/download", headers=api.auth(token))
    assert dl.status_code == 200
    assert dl.content == content
    assert api.http.get("/api/render/proxy/render_ok1/download").status_code == 401
    assert api.http.get(url.replace("/renders/", "/renders/x")).status_code == 404
    # Export is free; a repeated submit of the same id does not render twice.
    assert api.credits(token)["available"] == 9900
    assert _submit(api, token, sid, draft, "render_ok1").json()["data"]["status"] == "completed"
    assert len(renderer.calls) == 1


def test_render_status_shapes(api: Api, backend: LocalBackend) -> None:
    token, sid, draft = _ready(api)
    _submit(api, token, sid, draft, "render_s1")
    _poll(api, token, "render_s1")
    backend.faults.render_status_shape("top_level")
    body = api.http.get("/api/render/proxy/lambda/render_s1", headers=api.auth(token)).json()
    assert body["status"] == "completed"
    assert body["output"]["url"].endswith("render_s1.mp4")
    assert "success" not in body
    backend.faults.render_status_shape("fraction")
    body = api.http.get("/api/render/proxy/lambda/render_s1", headers=api.auth(token)).json()
    assert body["data"]["progress"] == 1.0
    assert body["data"]["outputUrl"]


def test_failed_render_and_retry_with_new_id(api: Api, backend: LocalBackend) -> None:
    token, sid, draft = _ready(api)
    backend.faults.fail_next_render(message="GPU node lost")
    _submit(api, token, sid, draft, "render_f1")
    data = _poll(api, token, "render_f1")["data"]
    assert (data["status"], data["error"], data["outputUrl"]) == ("failed", "GPU node lost", None)
    assert api.http.get("/api/render/proxy/render_f1/download",
                        headers=api.auth(token)).status_code == 409
    _submit(api, token, sid, draft, "render_f2")
    assert _poll(api, token, "render_f2")["data"]["status"] == "completed"


def test_held_render_shows_processing_and_can_be_cancelled(api: Api,
                                                           backend: LocalBackend) -> None:
    token, sid, draft = _ready(api)
    hold = backend.faults.hold_renders()
    _submit(api, token, sid, draft, "render_c1")
    data = _poll(api, token, "render_c1", until=("processing",))["data"]
    assert data["status"] == "processing"
    assert data["outputUrl"] is None
    r = api.http.post("/api/render/proxy/lambda/render_c1/cancel", headers=api.auth(token))
    assert r.json()["success"] is True
    assert r.json()["data"]["status"] == "cancelled"
    backend.wait_idle()
    assert _poll(api, token, "render_c1")["data"]["status"] == "cancelled"
    hold.set()
    assert not (backend.data_dir / "renders" / "render_c1.mp4").exists()


def test_slow_render_reports_progress(make_backend: Callable[..., LocalBackend],
                                      make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend()
    api = make_api(lb)
    token, sid, draft = _ready(api)
    lb.faults.slow_renders(0.3)
    _submit(api, token, sid, draft, "render_slow")
    seen = set()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        data = api.http.get("/api/render/proxy/lambda/render_slow",
                            headers=api.auth(token)).json()["data"]
        seen.add(data["progress"])
        if data["status"] == "completed":
            break
    assert any(0 < p < 100 for p in seen)
    assert data["status"] == "completed"


def test_render_errors(api: Api) -> None:
    token, sid, draft = _ready(api)
    empty = {"v": 1, "w": 1920, "h": 1080, "t": []}
    assert _submit(api, token, sid, empty, "render_e1").status_code == 422
    assert _submit(api, token, sid, draft, "bad id!").status_code == 422
    r = _submit(api, token, "no-such-session", draft, "render_e2")
    assert r.json()["code"] == 1002
    r = api.http.get("/api/render/proxy/lambda/render_none", headers=api.auth(token))
    assert r.status_code == 404
    assert r.json()["success"] is False
    other, _ = api.token()
    _submit(api, token, sid, draft, "render_mine")
    r = api.http.get("/api/render/proxy/lambda/render_mine", headers=api.auth(other))
    assert r.status_code == 404


def test_renderer_receives_uploaded_media(api: Api, renderer: FakeRenderer,
                                          tmp_path: Path) -> None:
    token, sid = api.new_user()
    png = tmp_path / "pic.png"
    Image.new("RGB", (40, 40), (0, 0, 255)).save(png)
    api.http.post(f"/api/upload-video/nemo_agent/me/{sid}",
                  files=[("files", ("pic.png", png.read_bytes()))], headers=api.auth(token))
    draft = api.state(token, sid)["draft"]
    _submit(api, token, sid, draft, "render_m1")
    assert _poll(api, token, "render_m1")["data"]["status"] == "completed"
    [seen] = renderer.media_seen
    assert seen is not None
    assert seen.read_bytes() == png.read_bytes()


@pytest.mark.parametrize("shape", ["data", "top_level", "fraction"])
def test_pending_job_in_each_shape(api: Api, backend: LocalBackend, shape: str) -> None:
    token, sid, draft = _ready(api)
    hold = backend.faults.hold_renders()
    backend.faults.render_status_shape(shape)  # type: ignore[arg-type]
    _submit(api, token, sid, draft, f"render_p_{shape}")
    body = _poll(api, token, f"render_p_{shape}", until=("processing",))
    data = body if shape == "top_level" else body["data"]
    assert data["progress"] == 0
    hold.set()
    backend.wait_idle()


def test_a_render_id_belongs_to_its_owner(api: Api, backend: LocalBackend) -> None:
    token_a, sid_a, draft_a = _ready(api)
    token_b, sid_b, draft_b = _ready(api)
    draft_b = {**draft_b, "marker": "B's draft"}
    hold = backend.faults.hold_renders()
    assert _submit(api, token_a, sid_a, draft_a, "render_shared").status_code == 200
    r = _submit(api, token_b, sid_b, draft_b, "render_shared")
    assert r.status_code == 409
    assert r.json() == {"success": False, "data": None, "code": 409, "error": (
        "The render id render_shared is already in use; submit the render under a new id.")}
    assert api.http.get("/api/render/proxy/lambda/render_shared",
                        headers=api.auth(token_b)).status_code == 404
    assert _poll(api, token_a, "render_shared", until=("processing",))["data"]["status"] == (
        "processing")
    hold.set()
    assert _poll(api, token_a, "render_shared")["data"]["status"] == "completed"
    video = api.http.get("/api/render/proxy/render_shared/download", headers=api.auth(token_a))
    assert video.status_code == 200
    assert b"B's draft" not in video.content
    assert api.http.get("/api/render/proxy/render_shared/download",
                        headers=api.auth(token_b)).status_code == 404


def test_renders_beyond_the_cap_wait_and_a_full_queue_is_429(
        make_backend: Callable[..., LocalBackend],
        make_api: Callable[[LocalBackend], Api]) -> None:
    running: list[int] = []
    most = [0]
    lock = threading.Lock()

    def counting(draft: Any, out_path: Path, **kw: Any) -> None:
        with lock:
            running.append(1)
            most[0] = max(most[0], len(running))
        try:
            out_path.write_bytes(b"FAKE")
        finally:
            with lock:
                running.pop()

    lb = make_backend(renderer=counting,
                      limits=Limits(max_concurrent_renders=1, max_queued_renders=2))
    api = make_api(lb)
    token, sid, draft = _ready(api)
    hold = lb.faults.hold_renders()
    for rid in ("render_q1", "render_q2", "render_q3"):
        assert _submit(api, token, sid, draft, rid).status_code == 200
    assert _poll(api, token, "render_q1", until=("processing",))["data"]["status"] == (
        "processing")
    for rid in ("render_q2", "render_q3"):
        status = api.http.get(f"/api/render/proxy/lambda/{rid}", headers=api.auth(token))
        assert status.json()["data"]["status"] == "pending"
    r = _submit(api, token, sid, draft, "render_q4")
    assert r.status_code == 429
    assert r.headers["retry-after"] == "30"
    assert r.json()["error"] == "2 renders are already waiting; try again in a minute."
    hold.set()
    for rid in ("render_q1", "render_q2", "render_q3"):
        assert _poll(api, token, rid)["data"]["status"] == "completed"
    assert most[0] == 1


def _disk_full(*args: Any, **kw: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_render_submitted_while_the_disk_is_full_fails_and_leaves_nothing(
        api: Api, backend: LocalBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    import backend.local.renders as renders_module

    token, sid, draft = _ready(api)
    with monkeypatch.context() as patch:
        patch.setattr(renders_module, "atomic_write_json", _disk_full)
        r = _submit(api, token, sid, draft, "render_full")
    assert r.status_code == 507
    assert r.json() == {"success": False, "data": None, "code": 507, "error": (
        "The local backend's disk is full, so nothing was saved. Free some space and try "
        "again.")}
    assert api.http.get("/api/render/proxy/lambda/render_full",
                        headers=api.auth(token)).status_code == 404
    assert list((backend.data_dir / "renders").iterdir()) == []
    assert _submit(api, token, sid, draft, "render_full").status_code == 200
    assert _poll(api, token, "render_full")["data"]["status"] == "completed"


def test_a_disk_that_fills_up_during_a_render_fails_it_with_a_clear_error(
        make_backend: Callable[..., LocalBackend],
        make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend(renderer=_disk_full)
    api = make_api(lb)
    token, sid, draft = _ready(api)
    _submit(api, token, sid, draft, "render_fills")
    data = _poll(api, token, "render_fills")["data"]
    assert (data["status"], data["error"]) == (
        "failed", "the local backend's disk is full; free some space and export again")
    assert [p.name for p in (lb.data_dir / "renders").iterdir()] == ["render_fills.json"]
