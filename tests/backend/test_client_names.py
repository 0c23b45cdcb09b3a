"""Uploads with any Unicode file name, end to end over sockets.

The wire form is the one browsers and httpx send and Starlette / python-multipart read: the
name as raw UTF-8 in ``filename="…"`` (RFC 7578 §4.2; ``filename*`` is forbidden there and
ignored by python-multipart). A server that cannot read that (the local backend before its
fix answered 422 "latin-1 codec can't encode") gets the name once more percent-encoded, which
RFC 7578 also allows. Either way the user is shown their own file's name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartParser

from backend.client import FixedClientId, NemoClient
from backend.errors import ServerError
from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend
from tests.backend.hostile import HostileServer, Request, Writer, hostile_server

ATTRIBUTION = {"X-Skill-Source": "nemo-video", "X-Skill-Version": "1.2.0",
               "X-Skill-Platform": "cursor"}
NAMES = ["视频封面.png", "фото.png", "🎬.png", "café.png", "back\\slash 50%.png"]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as srv:
        yield srv


def images(folder: Path, names: list[str] = NAMES) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i, name in enumerate(names):
        path = folder / name
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([i]) * 100)
        paths.append(path)
    return paths


def make(http: httpx.AsyncClient, url: str) -> NemoClient:
    return NemoClient(http, api_base=url, attribution=ATTRIBUTION,
                      identity=FixedClientId("client-names"))


async def starlette_form(req: Request) -> list[UploadFile]:
    """Parse a recorded request body the way a Starlette server does (``request.form()``)."""
    async def body() -> AsyncIterator[bytes]:
        yield req.body

    form = await MultiPartParser(Headers(req.headers), body()).parse()
    files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    for upload in files:
        await upload.close()
    return files


async def echo_names(req: Request, out: Writer) -> None:
    names = [f.filename or "" for f in await starlette_form(req)]
    await out.ok({"files": [{"filename": n, "file_type": "image", "cdn_url": ""}
                            for n in names]})


async def test_the_wire_form_is_what_starlette_reads_back_unchanged(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    server.route("POST", "/api/upload-video/", echo_names)
    result = await make(http, server.url).upload_files(images(tmp_path / "in"))
    sent = next(r for r in server.requests if r.path.startswith("/api/upload-video/"))
    received = await starlette_form(sent)
    assert [f.filename for f in received] == NAMES
    assert [f.size for f in received] == [108] * len(NAMES)
    assert b"filename*" not in sent.body  # RFC 7578 forbids it; python-multipart ignores it
    assert server.count("/api/upload-video/") == 1
    assert [f.filename for f in result.files] == NAMES  # a server that keeps names
    assert [f.display_name for f in result.files] == NAMES


async def test_a_double_quote_travels_in_the_html5_form_encoding(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    # As browsers do, httpx writes " as %22 (a server may decode it); the user still sees
    # their own name.
    server.route("POST", "/api/upload-video/", echo_names)
    result = await make(http, server.url).upload_files(images(tmp_path / "in", ['a "b".png']))
    sent = next(r for r in server.requests if r.path.startswith("/api/upload-video/"))
    assert [f.filename for f in await starlette_form(sent)] == ["a %22b%22.png"]
    assert [f.display_name for f in result.files] == ['a "b".png']


async def test_a_server_that_refuses_utf8_names_gets_them_percent_encoded(
        server: HostileServer, http: httpx.AsyncClient, tmp_path: Path) -> None:
    async def latin1_only(req: Request, out: Writer) -> None:
        names = [f.filename or "" for f in await starlette_form(req)]
        if not all(name.isascii() for name in names):
            await out.json({"code": 422, "message": "'latin-1' codec can't encode"}, 422)
            return
        # What the local backend did with such names: made them safe for its disk.
        stored = [name.replace("%", "_") for name in names]
        await out.ok({"files": [{"filename": n, "file_type": "image",
                                 "cdn_url": f"{server.url}/media/{n}"} for n in stored]})

    server.route("POST", "/api/upload-video/", latin1_only)
    result = await make(http, server.url).upload_files(images(tmp_path / "in"))
    attempts = [r for r in server.requests if r.path.startswith("/api/upload-video/")]
    assert len(attempts) == 2
    second = [f.filename or "" for f in await starlette_form(attempts[1])]
    assert [unquote(name) for name in second] == NAMES
    assert [f.display_name for f in result.files] == NAMES
    assert result.files[0].filename == "_E8_A7_86_E9_A2_91_E5_B0_81_E9_9D_A2.png"


async def test_a_422_for_ascii_names_is_not_retried(server: HostileServer,
                                                   http: httpx.AsyncClient,
                                                   tmp_path: Path) -> None:
    async def refuse(_req: Request, out: Writer) -> None:
        await out.json({"code": 422, "message": "no"}, 422)

    server.route("POST", "/api/upload-video/", refuse)
    with pytest.raises(ServerError):
        await make(http, server.url).upload_files(images(tmp_path / "in", ["plain.png"]))
    assert server.count("/api/upload-video/") == 1


async def test_unicode_names_upload_to_the_local_backend_and_come_back_unchanged(
        http: httpx.AsyncClient, tmp_path: Path) -> None:
    paths = images(tmp_path / "in", NAMES[:4])
    with LocalBackend.start(tmp_path / "server",
                            options=LocalOptions(probe_media=False)) as lb:
        client = make(http, lb.url)
        result = await client.upload_files(paths)
        assert [f.display_name for f in result.files] == NAMES[:4]
        # Every file is on the server and can be fetched back byte for byte.
        for path, uploaded in zip(paths, result.files, strict=True):
            got = await http.get(uploaded.cdn_url, headers={
                "Authorization": f"Bearer {client.store.load().token}"})
            assert got.status_code == 200, uploaded
            assert got.content == path.read_bytes()
