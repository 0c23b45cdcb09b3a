"""Upload throughput and memory of the local backend: one large multipart file over loopback.

Prints the size, seconds, MB/s and the growth of the process's peak RSS (server and client
share the process; the client streams the file from disk, so growth is the server's buffering).
Run: python benchmarks/local_upload.py [MB]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from backend.local.limits import Limits
from backend.local.options import LocalOptions
from backend.local.runner import LocalBackend


def _chunks(path: Path, boundary: str) -> Iterator[bytes]:
    yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
           f"filename=\"{path.name}\"\r\nContent-Type: video/mp4\r\n\r\n").encode()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk
    yield f"\r\n--{boundary}--\r\n".encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mb", nargs="?", type=int, default=200, help="upload size in MB")
    mb = parser.parse_args().mb
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.mp4"
        with src.open("wb") as fh:
            block = bytes(range(256)) * 4096
            for _ in range(mb):
                fh.write(block)
        options = LocalOptions(probe_media=False, limits=Limits(max_upload_bytes=(mb + 1) << 20))
        with LocalBackend.start(Path(tmp) / "data", options=options) as lb, \
                httpx.Client(base_url=lb.url, timeout=300) as client:
            token = client.post("/api/auth/anonymous-token",
                                headers={"X-Client-Id": "bench-upload"}).json()["data"]["token"]
            auth = {"Authorization": f"Bearer {token}"}
            sid = client.post("/api/tasks/me/with-session/nemo_agent", json={},
                              headers=auth).json()["data"]["session_id"]
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            boundary = "benchboundary1234"
            started = time.perf_counter()
            r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                            content=_chunks(src, boundary),
                            headers={**auth, "Content-Type":
                                     f"multipart/form-data; boundary={boundary}"})
            took = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            assert r.status_code == 200, r.text
        print(f"upload {mb} MB: {took:.2f} s, {mb / took:.0f} MB/s, "
              f"peak RSS growth {(after - before) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
