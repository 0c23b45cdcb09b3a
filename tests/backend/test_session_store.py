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


def test_reloading_a_store_kept_in_memory_keeps_what_it_holds() -> None:
    store = SessionStore(None, skill="s", api_base="http://x")
    store.update(token="t1", session_id="sid")
    assert store.reload().session_id == "sid"
    assert store.reload().token == "t1"


def test_a_pending_render_is_resumed_only_once_its_process_has_gone(tmp_path: Path) -> None:
    waiting = SessionStore(tmp_path, skill="s", api_base="http://x")   # exporting now
    starting = SessionStore(tmp_path, skill="s", api_base="http://x")  # another process
    render = PendingRender("render_1_a", "sid", str(tmp_path), "v.mp4", 1, 0.0)
    waiting.add_render(render)
    assert waiting.claim_pending() == (render,)  # its own
    assert starting.claim_pending() == ()  # another live process waits for it
    waiting.release_claims()  # the exporting process has gone
    assert starting.claim_pending() == (render,)
    starting.remove_render(render.render_id)
    assert starting.reload().renders == ()
    assert [p.name for p in tmp_path.rglob("*.render-*")] == []  # its claim file went too


def test_a_render_delivered_meanwhile_is_not_claimed(tmp_path: Path) -> None:
    waiting = SessionStore(tmp_path, skill="s", api_base="http://x")
    other = SessionStore(tmp_path, skill="s", api_base="http://x")
    render = PendingRender("render_2_b", "sid", str(tmp_path), "v.mp4", 1, 0.0)
    waiting.add_render(render)
    assert other.load().renders == (render,)  # read before the delivery...
    waiting.remove_render(render.render_id)  # ...which happens now
    assert other.claim_pending() == ()


async def test_the_project_lock_makes_other_processes_wait(tmp_path: Path) -> None:
    import asyncio

    first = SessionStore(tmp_path, skill="s", api_base="http://x")
    second = SessionStore(tmp_path, skill="s", api_base="http://x")
    order: list[str] = []
    entered = asyncio.Event()
    leave = asyncio.Event()

    async def hold() -> None:
        async with first.locked():
            order.append("first in")
            first.update(session_id="made-by-first")  # re-entrant: no deadlock
            entered.set()
            await leave.wait()
            order.append("first out")

    async def follow() -> None:
        await entered.wait()
        async with second.locked() as fresh:
            order.append("second in")
            assert fresh.session_id == "made-by-first"  # read afresh under the lock

    holder, follower = asyncio.create_task(hold()), asyncio.create_task(follow())
    await entered.wait()
    for _ in range(20):
        await asyncio.sleep(0)
    assert order == ["first in"]
    leave.set()
    await asyncio.wait_for(asyncio.gather(holder, follower), 10)
    assert order == ["first in", "first out", "second in"]


def test_a_change_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, skill="a", api_base="http://x")
    store.update(session_id="s", last_reply="credits")
    assert store.path is not None
    before = store.path.stat()
    assert store.update(last_reply="credits").session_id == "s"  # the same as stored
    after = store.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # A real change is written as before (a new file renamed into place).
    store.update(last_reply="timeline")
    assert store.path.stat().st_ino != before.st_ino
    assert SessionStore(tmp_path, skill="a", api_base="http://x").load().last_reply == "timeline"
