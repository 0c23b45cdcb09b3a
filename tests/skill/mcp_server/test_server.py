"""``nemoskill --local mcp`` driven by the official MCP client over stdio, as a host would:
the tools, progress while generating and rendering, the replies, an MP4 on disk."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import types

from backend.local.options import LocalOptions
from skill.mcp_server.tools import TOOL_NAMES
from tests.media import probe, write_png
from tests.skill.mcp_server.host import mcp_server, server_env, text_of
from translators import messages

#: A deadline for a whole test (the server renders real video on 2 shared cores), not a wait.
DEADLINE = 240


def assert_rising(progress: list[tuple[float, float | None, str]]) -> None:
    values = [v for v, _, _ in progress]
    assert all(b > a for a, b in itertools.pairwise(values)), values
    assert all(message for _, _, message in progress)


async def test_generate_show_check_credits_and_export(tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            listed = await host.session.list_tools()
            assert tuple(t.name for t in listed.tools) == TOOL_NAMES
            send = next(t for t in listed.tools if t.name == "send_message")
            assert send.inputSchema["required"] == ["text"]

            result, progress = await host.call(
                "send_message", {"text": "generate a 3-second video of a sunset over the sea"})
            reply = text_of(result)
            assert result.isError is False, reply
            assert "Timeline (3 tracks)" in reply
            assert "sunset over the sea" in reply
            assert len(progress) >= 2
            assert_rising(progress)
            assert any("raw video" in m.lower() for _, _, m in progress), progress

            timeline, _ = await host.call("get_timeline")
            assert timeline.isError is False
            assert text_of(timeline).startswith("Timeline (3 tracks): 1. Video: sunset")

            credits, _ = await host.call("get_credits")
            defaults = LocalOptions()
            left = defaults.initial_credits - defaults.generation_cost
            assert f"{left} available" in text_of(credits)

            exported, render_progress = await host.call("export_video",
                                                        {"output_path": "sunset.mp4"})
        assert host.garbage == []

    assert exported.isError is False, text_of(exported)
    video = host.export_dir / "sunset.mp4"
    assert str(video) in text_of(exported)
    assert "🌐 Open the project in your browser: http://127.0.0.1:" in text_of(exported)
    assert "/workspace/claim?ct=clm_" in text_of(exported)
    links = [c for c in exported.content if isinstance(c, types.ResourceLink)]
    assert [str(link.uri) for link in links] == [video.resolve().as_uri()]
    assert links[0].mimeType == "video/mp4"
    assert links[0].title == "Exported video sunset.mp4"
    assert_rising(render_progress)
    assert render_progress[-1][2].endswith("100%")
    info = probe(video)
    assert (info.video_codec, info.width, info.height) == ("h264", 1920, 1080)
    assert info.duration == pytest.approx(3.0, abs=0.1)


async def test_a_korean_conversation_gets_its_video_link_titled_in_korean(
        tmp_path: Path) -> None:
    # Trial 14: the link a host shows beside the reply said "Exported video 노을.mp4".
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            made, _ = await host.call("send_message", {"text": "바닷가 노을 영상 2초짜리 만들어줘"})
            assert made.isError is False, text_of(made)
            exported, _ = await host.call("export_video", {"output_path": "노을.mp4"})
    assert exported.isError is False, text_of(exported)
    links = [c for c in exported.content if isinstance(c, types.ResourceLink)]
    assert [link.title for link in links] == ["내보낸 영상 노을.mp4"]


def _size(path: Path) -> int:
    """The file's size, -1 if there is none."""
    return path.stat().st_size if path.exists() else -1


async def test_work_that_changes_the_project_is_served_one_call_at_a_time(
        tmp_path: Path) -> None:
    # An export asked for while a generation runs waits for it and exports what it made:
    # the two calls never interleave in the project.
    finished: list[str] = []
    results: dict[str, types.CallToolResult] = {}
    generating = anyio.Event()

    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            async def generate() -> None:
                async def on_progress(progress: float, total: float | None,
                                      message: str | None) -> None:
                    generating.set()
                results["send"] = await host.session.call_tool(
                    "send_message", {"text": "make a 2-second video of rain on a window"},
                    progress_callback=on_progress)
                finished.append("send_message")

            async def export() -> None:
                await generating.wait()
                results["export"] = await host.session.call_tool("export_video", {})
                finished.append("export_video")

            async with anyio.create_task_group() as tg:
                tg.start_soon(generate)
                tg.start_soon(export)

    assert finished == ["send_message", "export_video"]
    assert results["export"].structuredContent is not None
    assert results["export"].structuredContent["state"] == "done", text_of(results["export"])
    video = Path(results["export"].structuredContent["video"]["path"])
    assert video.parent == host.export_dir
    assert _size(video) > 0


async def test_failures_come_back_as_tool_errors(tmp_path: Path) -> None:
    image = write_png(tmp_path / "poster.png")
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            nothing_yet, _ = await host.call("export_video")
            missing, _ = await host.call("upload", {"paths_or_urls": [str(tmp_path / "no.mp4")]})
            wrong_suffix, _ = await host.call("export_video", {"output_path": "clip.mov"})
            # A folder gets a file of its own, but this one is outside the allowed places.
            folder, _ = await host.call("export_video", {"output_path": str(tmp_path)})
            empty, _ = await host.call("send_message", {"text": "  "})
            uploaded, _ = await host.call("upload", {"paths_or_urls": [str(image)]})
        assert host.garbage == []

    # Nothing to export is an answer, not a failure.
    assert nothing_yet.isError is False
    assert "nothing to export" in text_of(nothing_yet).lower()
    assert missing.isError is True
    assert "no.mp4" in text_of(missing)
    assert wrong_suffix.isError is True
    assert str(tmp_path / "videos" / "clip.mp4") in text_of(wrong_suffix)
    assert folder.isError is True
    assert "outside your home folder" in text_of(folder)
    assert empty.isError is True
    assert uploaded.isError is False
    assert "poster.png" in text_of(uploaded)
    assert list((tmp_path / "videos").glob("*")) == []


async def test_export_writes_only_where_a_user_would_and_never_over_their_files(
        tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    mine = home / "Videos" / "autumn.mp4"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_bytes(b"the user's own file")
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            await host.call("send_message", {"text": "make a 2-second video of rain"})
            system, _ = await host.call("export_video", {"output_path": "/etc/passwd.mp4"})
            beside, _ = await host.call("export_video",
                                        {"output_path": "~/Videos/autumn.mp4"})
        assert host.garbage == []

    assert system.isError is True
    assert _size(Path("/etc/passwd.mp4")) == -1
    said = text_of(system)
    assert "I did not save there: /etc is outside your home folder" in said
    assert "NEMO_EXPORT_ROOTS" in said
    assert str(tmp_path / "videos" / "passwd.mp4") in said

    assert beside.isError is False, text_of(beside)
    assert mine.read_bytes() == b"the user's own file"
    assert beside.structuredContent is not None
    saved = Path(beside.structuredContent["video"]["path"])
    assert saved == mine.with_name("autumn-2.mp4")
    assert _size(saved) > 0
    assert f"{mine} already exists and was left untouched: the video is saved as {saved}." \
        in text_of(beside)


async def test_a_path_named_in_a_message_obeys_the_allowed_folders(tmp_path: Path) -> None:
    # "render it to <path>" in a chat message is held to the same folders as export_video's
    # output_path: outside them, the video goes to the export folder instead.
    outside = tmp_path / "elsewhere" / "rain.mp4"
    assert not outside.is_relative_to(Path(os.environ["HOME"]))
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            await host.call("send_message", {"text": "make a 2-second video of rain"})
            result, _ = await host.call("send_message", {"text": f"render it to {outside}"})
        assert host.garbage == []

    assert result.isError is False, text_of(result)
    assert not outside.exists()
    saved = list((tmp_path / "videos").glob("*.mp4"))
    assert len(saved) == 1
    assert _size(saved[0]) > 0
    assert str(saved[0]) in text_of(result)


async def test_upload_with_an_instruction_then_the_session_language_sticks(
        tmp_path: Path) -> None:
    image = write_png(tmp_path / "poster.png")
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            uploaded, progress = await host.call("upload", {
                "paths_or_urls": [str(image)], "instruction": "用这张图片做一个2秒的视频"})
            timeline, _ = await host.call("get_timeline")
        assert host.garbage == []

    reply = text_of(uploaded)
    assert uploaded.isError is False, reply
    assert messages.render("upload_done", "zh", count=1, names=["poster.png"]) in reply
    assert "时间线（3 条轨道）" in reply
    assert progress
    # No text to guess a language from: the direct tools answer in the session's language.
    assert text_of(timeline).startswith("时间线（3 条轨道）")


async def _exchange(proc: asyncio.subprocess.Process, lines: list[str | dict[str, Any]],
                    answers: set[int]) -> list[dict[str, Any]]:
    """Write ``lines``; read stdout until every id in ``answers`` has its response."""
    assert proc.stdin is not None
    assert proc.stdout is not None
    for line in lines:
        text = line if isinstance(line, str) else json.dumps(line)
        proc.stdin.write(text.encode() + b"\n")
    await proc.stdin.drain()
    received: list[dict[str, Any]] = []
    while answers - {m.get("id") for m in received}:
        raw = await proc.stdout.readline()
        assert raw, "the server closed stdout early"
        received.append(json.loads(raw))  # anything but JSON fails here
    return received


async def test_stdout_carries_only_json_rpc_even_for_bad_input(tmp_path: Path) -> None:
    def call(id_: int, name: str, args: Any) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": id_, "method": "tools/call",
                "params": {"name": name, "arguments": args, "_meta": {"progressToken": id_}}}

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "skill.cli", "--local", "mcp", cwd=tmp_path,
        env=server_env(tmp_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    with anyio.fail_after(DEADLINE):
        messages = await _exchange(proc, [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "protocolVersion": types.LATEST_PROTOCOL_VERSION, "capabilities": {},
                "clientInfo": {"name": "test", "version": "0"}}}], {1})
        messages += await _exchange(proc, [
            {"jsonrpc": "2.0", "method": "notifications/initialized"},
            "this line is not JSON",
            call(2, "send_message", {"txt": "typo in the argument name"}),
            call(3, "no_such_tool", {}),
            call(4, "upload", {"paths_or_urls": ["/no/such/file.mp4"]}),
            call(5, "get_credits", {}),
        ], {2, 3, 4, 5})
        assert proc.stdin is not None
        proc.stdin.close()
        rest, stderr = await proc.communicate()
    messages += [json.loads(line) for line in rest.decode().splitlines()]

    assert proc.returncode == 0, stderr.decode()
    assert all(m["jsonrpc"] == "2.0" for m in messages)
    results = {m["id"]: m["result"] for m in messages if "result" in m}
    assert [results[i]["isError"] for i in (2, 3, 4, 5)] == [True, True, True, False]
    assert "'text' is a required property" in results[2]["content"][0]["text"]
    assert "no_such_tool" in results[3]["content"][0]["text"]
    assert "file.mp4" in results[4]["content"][0]["text"]
    assert "Traceback" not in stderr.decode()


async def test_send_message_can_start_a_new_project(tmp_path: Path) -> None:
    with anyio.fail_after(DEADLINE):
        async with mcp_server(tmp_path) as host:
            result, _ = await host.call(
                "send_message", {"text": "generate a 2-second video of a red balloon"})
            assert result.isError is False, text_of(result)
            result, _ = await host.call(
                "send_message", {"text": "generate a 2-second video of snow on a roof",
                                 "new_project": True})
            reply = text_of(result)
            assert result.isError is False, reply
            assert "Started a new project" in reply
            timeline, _ = await host.call("get_timeline")
            assert "Snow on a Roof" in text_of(timeline)
            assert "Red Balloon" not in text_of(timeline)
            result, _ = await host.call("send_message", {"text": "", "new_project": True})
            assert "Started a new project" in text_of(result)
            timeline, _ = await host.call("get_timeline")
            assert "empty" in text_of(timeline)
