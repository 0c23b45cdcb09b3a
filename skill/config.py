"""Runtime configuration from the environment and the config directory.

| variable            | meaning                                                   |
|---------------------|-----------------------------------------------------------|
| NEMO_TOKEN          | a token to use as is (never refreshed automatically)      |
| NEMO_API_URL        | API base, default https://mega-api-prod.nemovideo.ai      |
| NEMO_WEB_URL        | web app base for registration/top-up links                |
| NEMO_CLIENT_ID      | client id for anonymous tokens (else persisted uuid4)     |
| NEMO_PLATFORM       | clawhub / cursor / unknown: overrides detection           |
| SKILL_SOURCE        | the official skill's name for the same override           |
| NEMO_CONFIG_DIR     | config directory (else $XDG_CONFIG_HOME/nemovideo)        |
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backend.errors import ConfigDirUnusable, ConfigError
from backend.files import atomic_write_bytes

__all__ = ["DEFAULT_API_URL", "DEFAULT_WEB_URL", "PLATFORMS", "Config"]

DEFAULT_API_URL = "https://mega-api-prod.nemovideo.ai"
DEFAULT_WEB_URL = "https://nemovideo.com"
PLATFORMS = ("clawhub", "cursor", "unknown")
_CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{7,127}$")


@dataclass(frozen=True)
class Config:
    """Resolved settings. ``token`` is excluded from ``repr`` so it never reaches a log."""

    api_url: str = DEFAULT_API_URL
    web_url: str = DEFAULT_WEB_URL
    config_dir: Path = field(default_factory=lambda: Path.home() / ".config" / "nemovideo")
    token: str | None = field(default=None, repr=False)
    client_id_override: str | None = None
    platform_override: str | None = None
    home: Path = field(default_factory=Path.home)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, home: Path | None = None) -> Config:
        """Build the configuration from ``env`` (default ``os.environ``).

        Raises ``ConfigError`` with what to change when a value is unusable.
        """
        env = os.environ if env is None else env
        home = home or Path(env.get("HOME") or Path.home())
        api_url = _url(env.get("NEMO_API_URL") or DEFAULT_API_URL, "NEMO_API_URL")
        web_url = _url(env.get("NEMO_WEB_URL") or DEFAULT_WEB_URL, "NEMO_WEB_URL")
        if env.get("NEMO_CONFIG_DIR"):
            config_dir = Path(env["NEMO_CONFIG_DIR"]).expanduser()
        else:
            xdg = env.get("XDG_CONFIG_HOME")
            config_dir = (Path(xdg) if xdg else home / ".config") / "nemovideo"
        # The official skill names the override SKILL_SOURCE; ours (NEMO_PLATFORM) wins when
        # both are set, since it is the more specific setting.
        platform_var = next((n for n in ("NEMO_PLATFORM", "SKILL_SOURCE")
                             if (env.get(n) or "").strip()), "NEMO_PLATFORM")
        platform = (env.get(platform_var) or "").strip().lower() or None
        if platform is not None and platform not in PLATFORMS:
            raise ConfigError(
                f"{platform_var}={platform!r} is not one of {', '.join(PLATFORMS)}; "
                "unset it to detect the platform from where the skill is installed"
            )
        client_id = (env.get("NEMO_CLIENT_ID") or "").strip() or None
        if client_id is not None and not _CLIENT_ID_RE.match(client_id):
            raise ConfigError(
                "NEMO_CLIENT_ID must be 8-128 letters, digits, '-', '_' or '.' (a UUID works); "
                "unset it to use a generated one"
            )
        token = (env.get("NEMO_TOKEN") or "").strip() or None
        if token is not None and not (token.isascii() and token.isprintable()
                                      and " " not in token):
            # An HTTP header cannot carry it; the message must not show it either.
            raise ConfigError("NEMO_TOKEN holds characters a token cannot have (spaces, "
                              "non-ASCII); copy it again, or unset it to use a free token")
        return cls(api_url=api_url, web_url=web_url, config_dir=config_dir, token=token,
                   client_id_override=client_id, platform_override=platform, home=home)

    @property
    def local_data_dir(self) -> Path:
        """Where the local backend (``--local``) keeps accounts, sessions, media and renders."""
        return self.config_dir / "local-backend"

    @property
    def client_id_path(self) -> Path:
        return self.config_dir / "client_id"

    def client_id(self) -> str:
        """The persistent client id: ``NEMO_CLIENT_ID``, else the stored one, else a new uuid4.

        Reusing one id matters: a fresh id per request exhausts the per-IP token limit.
        """
        if self.client_id_override:
            return self.client_id_override
        try:
            stored: str | None = self.client_id_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            stored = None
        except OSError as exc:
            raise ConfigDirUnusable(str(self.client_id_path), exc, reading=True) from None
        if stored is not None and _CLIENT_ID_RE.match(stored):
            return stored
        return self.new_client_id(replace=stored is not None)

    def new_client_id(self, *, replace: bool = True) -> str:
        """Generate, persist (mode 0600) and return a new client id.

        With ``replace=False`` (the first id of this config dir) the file is only created:
        when processes start together, the first one's id wins and all of them use it.
        """
        import uuid  # only here: most runs read the stored id

        new = str(uuid.uuid4())
        try:
            atomic_write_bytes(self.client_id_path, (new + "\n").encode(), replace=replace)
        except FileExistsError:
            return self.client_id()
        except OSError as exc:
            raise ConfigDirUnusable(str(self.client_id_path), exc) from None
        return new


def _url(value: str, name: str) -> str:
    value = value.strip().rstrip("/")
    if not re.match(r"^https?://[^\s/]+", value):
        raise ConfigError(f"{name}={value!r} is not an http(s) URL, e.g. {DEFAULT_API_URL}")
    return value
