"""A verifying TLS context whose certificate authorities are loaded at the first handshake.

httpx builds its TLS context when the client is created, and loading the CA bundle takes about
30 ms: paid by every message, though talking to the local backend (plain HTTP on loopback) never
uses TLS. This context verifies exactly as httpx's default does (certifi's bundle, or
``SSL_CERT_FILE`` / ``SSL_CERT_DIR``; certificate and host name required) and loads the bundle
only when a connection first needs it. Should a handshake ever start another way, it fails for
want of trusted roots: never unverified.

A process that knows early it will talk TLS (a message for the cloud API) calls ``preload``:
the bundle is then read in a background thread while the process imports the rest of what it
needs (OpenSSL reads it without holding the GIL), and the first handshake waits for it only
if it is not done yet.
"""

from __future__ import annotations

import contextlib
import os
import ssl
import sys
import threading
from collections.abc import Mapping
from typing import Any

__all__ = ["lazy_verified_context", "preload"]


class _LazyVerifiedContext(ssl.SSLContext):
    _ca_file: str | None
    _ca_path: str | None
    _ca_lock: threading.Lock
    _ca_loaded: bool

    def _load_ca(self) -> None:
        with self._ca_lock:
            if not self._ca_loaded:
                cafile, capath = self._ca_file, self._ca_path
                if cafile is None and capath is None:
                    import certifi  # httpx's own source of roots

                    cafile = certifi.where()
                self.load_verify_locations(cafile=cafile, capath=capath)
                self._ca_loaded = True

    def _preload(self) -> None:
        # A failure here (an unreadable SSL_CERT_FILE) is not lost: the roots stay unloaded, so
        # the first handshake loads them again and raises where the caller can see it.
        with contextlib.suppress(Exception):
            self._load_ca()

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self._load_ca()
        return super().wrap_bio(*args, **kwargs)

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self._load_ca()
        return super().wrap_socket(*args, **kwargs)


def lazy_verified_context(env: Mapping[str, str] | None = None) -> ssl.SSLContext:
    """A client context that requires a valid certificate for the host name, with the same
    roots httpx would use, read at the first TLS connection (pass as httpx's ``verify``)."""
    env = os.environ if env is None else env
    ctx = _LazyVerifiedContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED, check_hostname
    if sys.version_info >= (3, 13):  # what ssl.create_default_context adds from 3.13 on
        ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    keylog = env.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        ctx.keylog_filename = keylog
    ctx._ca_file = env.get("SSL_CERT_FILE") or None
    ctx._ca_path = None if ctx._ca_file else (env.get("SSL_CERT_DIR") or None)
    ctx._ca_lock = threading.Lock()
    ctx._ca_loaded = False
    return ctx


def preload(context: ssl.SSLContext) -> None:
    """Start reading the roots of a ``lazy_verified_context`` in a background thread, so that
    the first handshake does not wait for them (about 25 ms for certifi's bundle). Any other
    context is left alone."""
    if isinstance(context, _LazyVerifiedContext) and not context._ca_loaded:
        threading.Thread(target=context._preload, name="nemo-tls-roots", daemon=True).start()
