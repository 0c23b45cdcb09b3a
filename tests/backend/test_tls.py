"""The client's TLS context verifies like httpx's default and reads its roots only when a TLS
connection first needs them. A real TLS server on loopback with a certificate of our own."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.tls import lazy_verified_context, preload


class _Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:  # CI installs it (.ci/run)
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


async def test_an_unknown_certificate_is_refused(tls_server: str) -> None:
    context = lazy_verified_context({})
    async with httpx.AsyncClient(verify=context) as http:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await http.get(tls_server)
    assert context.cert_store_stats()["x509_ca"] > 10  # certifi's roots, loaded for it


async def test_roots_from_ssl_cert_file_are_used_when_tls_is_first_needed(
        tls_server: str, certificate: tuple[Path, Path]) -> None:
    context = lazy_verified_context({"SSL_CERT_FILE": str(certificate[0])})
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert context.cert_store_stats()["x509_ca"] == 0  # nothing read yet
    async with httpx.AsyncClient(verify=context) as http:
        answer = await http.get(tls_server)
    assert answer.text == "hello"
    assert context.cert_store_stats()["x509_ca"] == 1


async def test_plain_http_never_reads_the_roots() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    context = lazy_verified_context({})
    try:
        async with httpx.AsyncClient(verify=context) as client:
            answer = await client.get(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert answer.text == "hello"
    assert context.cert_store_stats()["x509_ca"] == 0


def _wait_for_roots(context: ssl.SSLContext, count: int) -> None:
    deadline = time.monotonic() + 10
    while context.cert_store_stats()["x509_ca"] < count:
        assert time.monotonic() < deadline, "the roots were not loaded in the background"
        time.sleep(0.005)


async def test_preloaded_roots_are_read_in_the_background_and_used(
        tls_server: str, certificate: tuple[Path, Path]) -> None:
    context = lazy_verified_context({"SSL_CERT_FILE": str(certificate[0])})
    preload(context)
    _wait_for_roots(context, 1)  # before any connection
    async with httpx.AsyncClient(verify=context) as http:
        answer = await http.get(tls_server)
    assert answer.text == "hello"
    assert context.cert_store_stats()["x509_ca"] == 1  # read once, not again


async def test_a_handshake_during_preloading_waits_for_the_roots(tls_server: str) -> None:
    context = lazy_verified_context({})
    preload(context)  # certifi's bundle: the request below may well start before it is read
    async with httpx.AsyncClient(verify=context) as http:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await http.get(tls_server)
    assert context.cert_store_stats()["x509_ca"] > 10


async def test_unreadable_roots_fail_at_the_handshake_as_without_preloading(
        tls_server: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-bundle.pem")
    failures = []
    for early in (False, True):
        context = lazy_verified_context({"SSL_CERT_FILE": missing})
        if early:
            preload(context)
        async with httpx.AsyncClient(verify=context) as http:
            with pytest.raises(FileNotFoundError) as caught:
                await http.get(tls_server)
        failures.append((type(caught.value), str(caught.value)))
        assert context.cert_store_stats()["x509_ca"] == 0
    assert failures[0] == failures[1]
    assert "No such file" in failures[0][1]
