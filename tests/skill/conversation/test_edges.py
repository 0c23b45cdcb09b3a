"""Edges of the conversation a host meets: an empty message, links that fail, corrupt media."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.local.runner import LocalBackend
from skill.replies import Error
from tests.skill.conversation.conftest import Harness, say


async def test_empty_message_is_a_usage_reply_without_any_request(
        harness: Harness, backend: LocalBackend) -> None:
    async with harness.open() as convo:
        replies = await say(convo, " \n ")
    assert len(replies) == 1
    assert isinstance(replies[0], Error)
    assert replies[0].code == 2
    assert "message is empty" in replies[0].text
    assert len(backend.requests) == 0


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A small web server on loopback serving ``tmp_path/site``."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "page.html").write_text("<html><body>not a video</body></html>")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll: shutdown() waits for the loop's next look (0.5 s by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_link_and_media_errors_say_what_happened(harness: Harness, site: str,
                                                       tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"this is not a video at all" * 100)
    cases = [
        # A closed port and a missing file read alike: answers must not map open ports.
        (f"http://127.0.0.1:{_closed_port()}/clip.mp4", "didn't answer or leads to nothing"),
        (f"{site}/missing.mp4", "didn't answer or leads to nothing"),
        (f"{site}/page.html", "page.html is not a video, image or audio file"),
        (str(broken), "broken.mp4 is damaged"),
    ]
    async with harness.open() as convo:
        for attachment, expected in cases:
            replies = await say(convo, "add this", [attachment])
            errors = [r for r in replies if isinstance(r, Error)]
            assert len(errors) == 1, (attachment, replies)
            assert expected in errors[0].text, (attachment, errors[0].text)
            assert errors[0].code == 9
