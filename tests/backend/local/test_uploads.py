"""Uploads: multipart streamed to disk, limits, types, URL sources, placement on the draft."""

from __future__ import annotations

import functools
import hashlib
import http.server
import random
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from backend.errors import FileTooLarge, UnsupportedFile, error_for
from backend.local.limits import Limits
from backend.local.runner import LocalBackend
from tests.backend.local.conftest import Api


def _png(path: Path, size: tuple[int, int] = (64, 48)) -> Path:
    Image.new("RGB", size, (200, 40, 40)).save(path)
    return path


def _ffmpeg(path: Path, *args: str) -> Path:
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                    *args, str(path)], check=True, timeout=60)
    return path


def _mp4(path: Path) -> Path:
    return _ffmpeg(path, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2",
                   "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast")


def _wav(path: Path) -> Path:
    return _ffmpeg(path, "-f", "lavfi", "-i", "sine=frequency=440:duration=1.5")


def _upload(api: Api, token: str, sid: str, *paths: Path):  # type: ignore[no-untyped-def]
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    return api.http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files,
                         headers=api.auth(token))


def test_upload_files_updates_state_and_serves_them(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user()
    video, audio, image = _mp4(tmp_path / "clip.mp4"), _wav(tmp_path / "tone.wav"), _png(
        tmp_path / "still.png")
    r = _upload(api, token, sid, video, audio, image)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["session_state_applied"] is True
    files = {f["filename"]: f for f in data["files"]}
    assert files["clip.mp4"]["file_type"] == "video"
    assert (files["clip.mp4"]["width"], files["clip.mp4"]["height"]) == (320, 240)
    assert files["clip.mp4"]["duration"] == pytest.approx(2.0, abs=0.1)
    assert files["clip.mp4"]["fps"] == 25
    assert files["tone.wav"]["file_type"] == "audio"
    assert files["tone.wav"]["duration"] == pytest.approx(1.5, abs=0.05)
    assert (files["still.png"]["file_type"], files["still.png"]["width"]) == ("image", 64)
    assert files["clip.mp4"]["hash"] == hashlib.sha256(video.read_bytes()).hexdigest()
    assert "clip.mp4 → Video track (0-2s)" in data["message"]
    assert "still.png → Video track (2-5s)" in data["message"]
    assert "tone.wav → Audio track" in data["message"]

    state = api.state(token, sid)
    assert [v["filename"] for v in state["video_infos"]] == ["clip.mp4", "tone.wav", "still.png"]
    tracks = {t["n"]: t for t in state["draft"]["t"]}
    assert [s["m"]["name"] for s in tracks["Video"]["sg"]] == ["clip.mp4", "still.png"]
    assert tracks["Audio"]["tt"] == 1
    assert state["draft"]["ratio"] == "16:9"  # 320x240 is closest to 16:9 of the three

    url = files["clip.mp4"]["cdn_url"]
    assert url.startswith(api.backend.url + "/media/")
    assert api.http.get(url).status_code == 401
    got = api.http.get(url, headers=api.auth(token))
    assert got.status_code == 200
    assert got.content == video.read_bytes()
    other, _ = api.token()
    assert api.http.get(url, headers=api.auth(other)).status_code == 404


def test_unsupported_type_is_4001_and_nothing_is_kept(api: Api, backend: LocalBackend,
                                                      tmp_path: Path) -> None:
    token, sid = api.new_user()
    doc = tmp_path / "notes.txt"
    doc.write_text("hello")
    r = _upload(api, token, sid, _png(tmp_path / "ok.png"), doc)
    assert (r.status_code, r.json()["code"]) == (415, 4001)
    assert "mp4" in r.json()["message"]
    assert "notes.txt" in r.json()["message"]
    assert isinstance(error_for(code=4001, status=415), UnsupportedFile)
    assert api.state(token, sid)["video_infos"] == []
    assert list((backend.data_dir / "tmp").iterdir()) == []
    assert list((backend.data_dir / "media").iterdir()) == []


def test_unreadable_media_is_4001(api: Api, tmp_path: Path) -> None:
    token, sid = api.new_user()
    fake = tmp_path / "fake.mp4"
    fake.write_bytes(b"not a video at all" * 10)
    r = _upload(api, token, sid, fake)
    assert r.json()["code"] == 4001
    assert "not a readable video" in r.json()["message"]


def test_over_the_limit_is_4002(make_backend: Callable[..., LocalBackend],
                                make_api: Callable[[LocalBackend], Api], tmp_path: Path) -> None:
    lb = make_backend(limits=Limits(max_upload_bytes=2000))
    api = make_api(lb)
    token, sid = api.new_user()
    big = tmp_path / "big.png"
    Image.frombytes("RGB", (100, 100), random.Random(0).randbytes(30_000)).save(big)
    assert big.stat().st_size > 2000
    r = _upload(api, token, sid, big)
    assert (r.status_code, r.json()["code"]) == (413, 4002)
    assert "Compress or trim" in r.json()["message"]
    assert isinstance(error_for(code=4002, status=413), FileTooLarge)
    assert list((lb.data_dir / "tmp").iterdir()) == []
    assert _upload(api, token, sid, _png(tmp_path / "small.png", (4, 4))).status_code == 200


@pytest.fixture
def loopback_files(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()
    thread.join(5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_upload_by_url(make_backend: Callable[..., LocalBackend],
                       make_api: Callable[[LocalBackend], Api], tmp_path: Path,
                       loopback_files: tuple[str, Path]) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    lb = make_backend(allowed_file_root=allowed)
    api = make_api(lb)
    token, sid = api.new_user()
    path = "/api/upload-video/nemo_agent/me/" + sid

    def post(*urls: str):  # type: ignore[no-untyped-def]
        return api.http.post(path, json={"urls": list(urls), "source_type": "url"},
                             headers=api.auth(token))

    inside = _png(allowed / "inside.png")
    r = post(inside.as_uri())
    assert r.status_code == 200, r.text
    assert r.json()["data"]["files"][0]["filename"] == "inside.png"

    base, served = loopback_files
    _png(served / "remote.png", (30, 30))
    r = post(f"{base}/remote.png")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["files"][0]["width"] == 30

    outside = _png(tmp_path / "outside.png")
    for url in (outside.as_uri(), "https://example.com/cat.png", "ftp://127.0.0.1/a.png",
                f"file://{allowed}/../outside.png"):
        r = post(url)
        assert r.json()["code"] == 4001, url
        assert "does not fetch from the internet" in r.json()["message"]
    assert post(f"{base}/missing.png").json()["code"] == 4001
    assert post().status_code == 422
    infos = api.state(token, sid)["video_infos"]
    assert [i["filename"] for i in infos] == ["inside.png", "remote.png"]


_NAMES = ("视频封面.png", "фото.png", "🎬.png", "café.png", "مرحبا بالعالم.png", "e\u0301clair.png",
          "back\\slash 50%.png")


def test_any_unicode_name_uploads_and_comes_back_unchanged(api: Api, backend: LocalBackend,
                                                            tmp_path: Path) -> None:
    token, sid = api.new_user()
    paths = [_png(tmp_path / f"{i}.png", (8 + i, 8)) for i in range(len(_NAMES))]
    files = [("files", (name, p.read_bytes(), "image/png")) for name, p in zip(
        _NAMES, paths, strict=True)]
    r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files,
                      headers=api.auth(token))
    assert r.status_code == 200, r.text
    answered = r.json()["data"]["files"]
    assert [f["filename"] for f in answered] == list(_NAMES)
    state = api.state(token, sid)
    assert [v["filename"] for v in state["video_infos"]] == list(_NAMES)
    video = next(t for t in state["draft"]["t"] if t["n"] == "Video")
    assert [sg["m"]["name"] for sg in video["sg"]] == list(_NAMES)
    for info, path in zip(answered, paths, strict=True):
        got = api.http.get(info["cdn_url"], headers=api.auth(token))
        assert got.status_code == 200, info["cdn_url"]
        assert got.content == path.read_bytes()
    stored = sorted(p.name for p in (backend.data_dir / "media").glob("*/*")
                    if p.name != "info.json")
    # On disk: the same letters (NFC), nothing else.
    assert stored == sorted(["视频封面.png", "фото.png", "🎬.png", "café.png",
                             "مرحبا بالعالم.png", "\u00e9clair.png", "back_slash 50%.png"])


async def test_the_client_uploads_a_chinese_file_name(backend: LocalBackend,
                                                       tmp_path: Path) -> None:
    import httpx

    from backend.client import FixedClientId, NemoClient
    from backend.session_store import SessionStore

    path = _png(tmp_path / "视频封面.png")
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, api_base=backend.url, identity=FixedClientId("client-uni"),
                            store=SessionStore(tmp_path / "cfg", skill="s",
                                               api_base=backend.url),
                            attribution={"source": "nemo-test", "version": "1.0.0",
                                         "platform": "unknown"})
        result = await client.upload_files([path])
    assert [f.filename for f in result.files] == ["视频封面.png"]


def _multipart(disposition: str, content: bytes) -> tuple[bytes, str]:
    boundary = "nemoboundary42"
    body = (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
            "Content-Type: image/png\r\n\r\n").encode() + content + (
        f"\r\n--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(("disposition", "expected"), [
    ("form-data; name=\"files\"; filename*=UTF-8''%E8%A7%86%E9%A2%91.png", "视频.png"),
    ("form-data; name=\"files\"; filename=\"fallback.png\"; "
     "filename*=utf-8''%D1%84%D0%BE%D1%82%D0%BE.png", "фото.png"),
    ('form-data; name="files"; filename="say %22hi%22.png"', 'say "hi".png'),
    ('form-data; name="files"; filename="../../etc/x.png"', "x.png"),
    ('form-data; name="files"; filename="C:\\\\Users\\\\me\\\\y.png"', "y.png"),
    ('form-data; name="files"; filename="bad\u202egnp.exe.png"', "badgnp.exe.png"),
])
def test_filename_forms_and_what_is_dropped(api: Api, tmp_path: Path, disposition: str,
                                            expected: str) -> None:
    token, sid = api.new_user()
    body, ctype = _multipart(disposition, _png(tmp_path / "a.png").read_bytes())
    r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}", content=body,
                      headers=api.auth(token, **{"Content-Type": ctype}))
    assert r.status_code == 200, r.text
    assert r.json()["data"]["files"][0]["filename"] == expected


def test_the_size_limit_is_for_the_whole_request(make_backend: Callable[..., LocalBackend],
                                                 make_api: Callable[[LocalBackend], Api],
                                                 tmp_path: Path) -> None:
    lb = make_backend(limits=Limits(max_upload_bytes=5000, max_upload_files=3),
                      probe_media=False)
    api = make_api(lb)
    token, sid = api.new_user()
    parts = [tmp_path / f"p{i}.png" for i in range(4)]
    for p in parts:
        p.write_bytes(b"\x89PNG" + b"\x00" * 1996)  # 2000 bytes each, under the limit alone
    r = _upload(api, token, sid, *parts[:3])
    assert (r.status_code, r.json()["code"]) == (413, 4002)
    assert r.json()["message"] == (
        "File too large: the upload is too large; the limit is 5000 bytes per upload, all files "
        "together. Compress or trim it, or upload the files one at a time.")
    assert list((lb.data_dir / "tmp").iterdir()) == []
    assert list((lb.data_dir / "media").iterdir()) == []
    r = _upload(api, token, sid, *parts[:2])
    assert r.status_code == 200
    small = [tmp_path / f"s{i}.png" for i in range(4)]
    for p in small:
        p.write_bytes(b"\x89PNG")
    r = _upload(api, token, sid, *small)
    assert (r.status_code, r.json()["message"]) == (422, (
        "Too many files in one upload: at most 3. Send the rest in another upload."))
    assert len(list((lb.data_dir / "media").iterdir())) == 2


def test_url_fetch_errors_do_not_tell_which_ports_are_open(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api],
        loopback_files: tuple[str, Path]) -> None:
    import socket

    lb = make_backend()
    api = make_api(lb)
    token, sid = api.new_user()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens once it is closed
    base, _ = loopback_files
    answers = {}
    for url in (f"http://127.0.0.1:{closed_port}/a.png", f"{base}/missing.png"):
        r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}",
                          json={"urls": [url]}, headers=api.auth(token))
        answers[url] = (r.status_code, r.json()["code"], r.json()["message"].replace(url, "URL"))
    assert len(set(answers.values())) == 1, answers
    assert next(iter(answers.values())) == (415, 4001, (
        "Could not fetch 'URL': no file could be read from it. Check the address, or upload the "
        "file itself."))


@pytest.fixture
def trickle() -> Iterator[tuple[str, threading.Event]]:
    """A loopback server that answers 200 and then sends a byte every 50 ms until the
    connection breaks; the event is set when it noticed that."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    closed = threading.Event()
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
            while not stop.is_set():
                try:
                    conn.sendall(b"x")
                except OSError:
                    closed.set()
                    return
                stop.wait(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/slow.mp4", closed
    stop.set()
    server.close()
    thread.join(5)


def test_a_url_fetch_has_a_total_deadline(make_backend: Callable[..., LocalBackend],
                                          make_api: Callable[[LocalBackend], Api],
                                          trickle: tuple[str, threading.Event]) -> None:
    lb = make_backend(limits=Limits(url_fetch_seconds=0.5))
    api = make_api(lb)
    token, sid = api.new_user()
    url, closed = trickle
    r = api.http.post(f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url]},
                      headers=api.auth(token))
    assert (r.status_code, r.json()["code"]) == (415, 4001)
    assert r.json()["message"].startswith(f"Could not fetch {url!r}")
    assert closed.wait(5)
    assert list((lb.data_dir / "tmp").iterdir()) == []


def test_a_url_fetch_stops_when_the_client_leaves(api: Api, backend: LocalBackend,
                                                  trickle: tuple[str, threading.Event]) -> None:
    import httpx

    token, sid = api.new_user()
    url, closed = trickle
    with httpx.Client(base_url=backend.url, timeout=0.5) as impatient, pytest.raises(
            httpx.ReadTimeout):
        impatient.post(f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url]},
                       headers=api.auth(token))
    assert closed.wait(5)  # the server hung up on the slow source once we were gone
    backend.wait_idle()
    assert list((backend.data_dir / "tmp").iterdir()) == []
    assert api.state(token, sid)["video_infos"] == []


def test_an_upload_declared_over_the_limit_is_4002_before_it_is_read(
        make_backend: Callable[..., LocalBackend], make_api: Callable[[LocalBackend], Api],
        tmp_path: Path) -> None:
    lb = make_backend(limits=Limits(max_upload_bytes=2000))
    api = make_api(lb)
    token, sid = api.new_user()
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\x00" * (3 << 20))
    r = _upload(api, token, sid, big)
    assert (r.status_code, r.json()["code"]) == (413, 4002)
    assert r.json()["message"].startswith("File too large: the upload is 3.0 MB; the limit is "
                                          "2000 bytes per upload, all files together.")
    assert r.headers["connection"] == "close"
    assert list((lb.data_dir / "tmp").iterdir()) == []
    assert lb.requests.matching(path=f"/api/upload-video/nemo_agent/me/{sid}")[-1].files == []
