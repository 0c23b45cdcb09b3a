"""The limits policy: drafts, messages and the planning window, over real sockets."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from backend.local.limits import Limits, draft_problem, json_too_deep
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import HEADERS, Api, FakeRenderer


def _ready(api: Api) -> tuple[str, str, dict[str, Any]]:
    token, sid = api.new_user()
    api.chat(token, sid, "Generate a 6-second video of a forest")
    return token, sid, api.state(token, sid)["draft"]


def _submit(api: Api, token: str, sid: str, draft: dict[str, Any], rid: str) -> Any:
    body = {"id": rid, "sessionId": sid, "draft": draft,
            "output": {"format": "mp4", "quality": "high"}}
    return api.http.post("/api/render/proxy/lambda", json=body,
                         headers=api.auth(token, **HEADERS))


def test_a_4k_square_60fps_hour_long_draft_is_refused(api: Api, backend: LocalBackend,
                                                      renderer: FakeRenderer) -> None:
    token, sid, draft = _ready(api)
    huge = {**draft, "w": 4096, "h": 4096, "fps": 60, "d": 3_600_000}
    r = _submit(api, token, sid, huge, "render_huge1")
    assert r.status_code == 422
    assert r.json() == {"success": False, "data": None, "code": 422, "error": (
        "The canvas is 4096×4096; the limit is 3840 pixels a side and 8,294,400 pixels in all. "
        "Choose 1920×1080, 1080×1920 or 1080×1080.")}
    for changes, expected in (
            ({"fps": 60, "d": 3_600_000}, "The draft is 60.0 minutes long; the limit is 10 "
                                          "minutes. Shorten it and export again."),
            ({"fps": 240}, "The draft asks for 240 frames per second; the limit is 60. Use 30.")):
        r = _submit(api, token, sid, {**draft, **changes}, "render_huge2")
        assert (r.status_code, r.json()["error"]) == (422, expected)
    backend.wait_idle()
    assert renderer.calls == []
    assert list((backend.data_dir / "renders").glob("*.json")) == []
    assert _submit(api, token, sid, draft, "render_fine").status_code == 200


def test_segments_and_draft_size_are_limited(make_backend: Callable[..., LocalBackend],
                                             make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend(limits=Limits(max_segments=10, max_draft_bytes=50_000))
    api = make_api(lb)
    token, sid, draft = _ready(api)
    track = draft["t"][0]
    many = {**draft, "t": [{**track, "sg": [dict(track["sg"][0], id=f"s{i}") for i in range(11)]}]}
    r = _submit(api, token, sid, many, "render_many")
    assert (r.status_code, r.json()["error"]) == (422, (
        "The draft has 11 segments; the limit is 10. Merge or remove some and export again."))
    fat = {**draft, "notes": "x" * 60_000}
    r = _submit(api, token, sid, fat, "render_fat")
    assert r.status_code == 422
    size = len(json.dumps(fat).encode())  # the notes plus the generated draft (~1 KB)
    assert r.json()["error"].startswith(f"The draft is {size // 1000}")


def test_a_message_over_the_limit_is_413(make_backend: Callable[..., LocalBackend],
                                         make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend(limits=Limits(max_message_chars=1000))
    api = make_api(lb)
    token, sid = api.new_user()
    chat = api.chat(token, sid, "a" * 1001)
    assert chat.status == 413
    assert json.loads("".join(chat.lines)) == {"code": 413, "data": None, "message": (
        "The message is 1,001 characters long; the limit is 1,000. Send a shorter message.")}
    assert api.state(token, sid)["draft"]["t"] == []


def test_a_long_message_is_planned_on_its_beginning_and_the_user_is_told(
        make_backend: Callable[..., LocalBackend],
        make_api: Callable[[LocalBackend], Api]) -> None:
    lb = make_backend(limits=Limits(plan_chars=200))
    api = make_api(lb)
    token, sid = api.new_user()
    text = "Generate a 5-second video of a lighthouse at dusk. " + "Waves. " * 2000
    chat = api.chat(token, sid, text)
    assert chat.status == 200
    assert chat.final_texts[0] == "Your message is long, so I read only its first 200 characters."
    draft = api.state(token, sid)["draft"]
    assert draft["d"] == 5000
    assert "lighthouse" in json.dumps(draft)


@pytest.mark.parametrize(("raw", "deeper_than_2"), [
    (b'{"a": [1, 2]}', False),
    (b'[[["x"]]]', True),
    (b'{"a": "[[[[[[[[[[", "b": "]]]]"}', False),
    (b'{"a": "\\"[[[[[", "b": [1]}', False),
    (b'{"a": "\\\\", "b": [[[1]]]}', True),
    (b"[" * 10, True),
])
def test_json_depth(raw: bytes, deeper_than_2: bool) -> None:
    assert json_too_deep(raw, 2) is deeper_than_2


def test_draft_problem_reads_only_what_the_draft_states() -> None:
    limits = Limits()
    assert draft_problem({"t": [{"tt": 0, "sg": [{"s": 0, "d": 1000, "m": {}}]}]}, limits) is None
    assert draft_problem({"w": "wide", "fps": None, "d": "long", "t": "x"}, limits) is None
    late = {"t": [{"tt": 0, "sg": [{"s": 700_000, "d": 1000, "m": {}}]}]}
    assert "11.7 minutes" in str(draft_problem(late, limits))


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_body_bytes must be positive"):
        Limits(max_body_bytes=0)
    with pytest.raises(ValueError, match="drain_seconds must not be negative"):
        Limits(drain_seconds=-1)
