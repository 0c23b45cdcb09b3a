from __future__ import annotations

import stat
from pathlib import Path

from backend.session_store import PendingRender, SessionStore


def test_state_survives_a_restart_with_mode_0600(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, skill="nemo-video", api_base="http://127.0.0.1:9/")
    store.update(token="nmv_usr_secret", user_id="u1", task_id="t1", session_id="s1",
                 language="zh")
    store.add_render(PendingRender("render_1_ab", "s1", str(tmp_path), "v.mp4", 1, 5.0))
    assert store.path is not None
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600

    again = SessionStore(tmp_path, skill="nemo-video", api_base="http://127.0.0.1:9")
    loaded = again.load()
    assert (loaded.token, loaded.session_id, loaded.task_id, loaded.language) == (
        "nmv_usr_secret", "s1", "t1", "zh")
    assert [r.render_id for r in loaded.renders] == ["render_1_ab"]
    assert "nmv_usr_secret" not in repr(loaded) + repr(again)


def test_keyed_by_skill_and_api_base(tmp_path: Path) -> None:
    SessionStore(tmp_path, skill="a", api_base="http://x").update(session_id="sa")
    assert SessionStore(tmp_path, skill="b", api_base="http://x").load().session_id is None
    assert SessionStore(tmp_path, skill="a", api_base="http://y").load().session_id is None
    assert SessionStore(tmp_path, skill="a", api_base="http://x").load().session_id == "sa"


def test_renders_are_added_and_removed(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, skill="a", api_base="http://x")
    store.add_render(PendingRender("r1", "s", "/d", "f.mp4"))
    store.add_render(PendingRender("r2", "s", "/d", "f.mp4"))
    store.remove_render("r1")
    assert [r.render_id for r in store.reload().renders] == ["r2"]


def test_a_corrupt_file_is_treated_as_absent(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, skill="a", api_base="http://x")
    store.update(session_id="s")
    assert store.path is not None
    store.path.write_text("{not json")
    assert store.reload().session_id is None
    store.path.write_text('{"skill": "a", "api_base": "http://x", "renders": [{"x": 1}], '
                          '"expires_at": "soon", "session_id": 5}')
    loaded = store.reload()
    assert loaded.renders == ()
    assert loaded.session_id is None
    assert loaded.expires_at is None


def test_in_memory_store_writes_nothing(tmp_path: Path) -> None:
    store = SessionStore(None, skill="a", api_base="http://x")
    store.update(session_id="s")
    assert store.load().session_id == "s"
    assert list(tmp_path.iterdir()) == []


def test_two_processes_do_not_lose_each_others_changes(tmp_path: Path) -> None:
    # Two stores on one file stand for two processes (a CLI call and an MCP server).
    first = SessionStore(tmp_path, skill="s", api_base="http://x")
    second = SessionStore(tmp_path, skill="s", api_base="http://x")
    first.update(session_id="sid-1", token="t1")
    second.load()  # an old copy in memory
    first.add_render(PendingRender("render_a", "sid-1", "/tmp", "a.mp4", 1, 0.0))
    second.add_render(PendingRender("render_b", "sid-1", "/tmp", "b.mp4", 1, 0.0))
    second.update(language="zh")
    final = SessionStore(tmp_path, skill="s", api_base="http://x").load()
    assert [r.render_id for r in final.renders] == ["render_a", "render_b"]
    assert (final.session_id, final.language) == ("sid-1", "zh")
    assert final.token == "t1"
