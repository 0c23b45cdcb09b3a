"""Configuration from the environment, and the persisted client id."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from backend.errors import ConfigError
from skill.config import DEFAULT_API_URL, Config


def test_defaults_follow_xdg(isolated_home: Path) -> None:
    config = Config.from_env({"HOME": str(isolated_home),
                               "XDG_CONFIG_HOME": str(isolated_home / "xdg")})
    assert config.api_url == DEFAULT_API_URL
    assert config.config_dir == isolated_home / "xdg" / "nemovideo"
    assert config.token is None


def test_without_xdg_uses_dot_config(isolated_home: Path) -> None:
    config = Config.from_env({"HOME": str(isolated_home)})
    assert config.config_dir == isolated_home / ".config" / "nemovideo"


def test_explicit_values(tmp_path: Path) -> None:
    config = Config.from_env({
        "HOME": str(tmp_path), "NEMO_API_URL": "http://127.0.0.1:9/", "NEMO_TOKEN": " nmv_usr_x ",
        "NEMO_CONFIG_DIR": str(tmp_path / "cfg"), "NEMO_PLATFORM": "Cursor",
    })
    assert config.api_url == "http://127.0.0.1:9"
    assert config.token == "nmv_usr_x"
    assert config.config_dir == tmp_path / "cfg"
    assert config.platform_override == "cursor"


def test_token_never_appears_in_repr(tmp_path: Path) -> None:
    config = Config.from_env({"HOME": str(tmp_path), "NEMO_TOKEN": "nmv_usr_secret123"})
    assert "secret123" not in repr(config)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEMO_API_URL": "mega-api-prod.nemovideo.ai"}, "NEMO_API_URL"),
        ({"NEMO_WEB_URL": "ftp://x"}, "NEMO_WEB_URL"),
        ({"NEMO_PLATFORM": "vscode"}, "NEMO_PLATFORM"),
        ({"NEMO_CLIENT_ID": "a b"}, "NEMO_CLIENT_ID"),
        ({"NEMO_TOKEN": "nmv_usr_ü"}, "NEMO_TOKEN"),
        ({"NEMO_TOKEN": "two words"}, "NEMO_TOKEN"),
    ],
)
def test_bad_values_say_which_variable(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_env({"HOME": str(tmp_path), **env})


def test_client_id_is_generated_once_private_and_reused(tmp_path: Path) -> None:
    config = Config.from_env({"HOME": str(tmp_path)})
    first = config.client_id()
    path = config.client_id_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert Config.from_env({"HOME": str(tmp_path)}).client_id() == first
    assert [p.name for p in path.parent.iterdir()] == ["client_id"]  # no temp file left


def test_env_client_id_wins_and_is_not_persisted(tmp_path: Path) -> None:
    config = Config.from_env({"HOME": str(tmp_path), "NEMO_CLIENT_ID": "fixed-client-0001"})
    assert config.client_id() == "fixed-client-0001"
    assert not config.client_id_path.exists()


def test_corrupt_client_id_file_is_replaced(tmp_path: Path) -> None:
    config = Config.from_env({"HOME": str(tmp_path)})
    config.client_id_path.parent.mkdir(parents=True)
    config.client_id_path.write_text("\x00garbage")
    new = config.client_id()
    assert len(new) == 36
    assert config.client_id_path.read_text().strip() == new


def test_unwritable_config_dir_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    config = Config.from_env({"HOME": str(tmp_path), "NEMO_CONFIG_DIR": str(blocker / "sub")})
    with pytest.raises(ConfigError, match="NEMO_CONFIG_DIR"):
        config.client_id()


def test_skill_source_overrides_the_platform_like_nemo_platform(tmp_path: Path) -> None:
    home = {"HOME": str(tmp_path)}
    assert Config.from_env({**home, "SKILL_SOURCE": "ClawHub"}).platform_override == "clawhub"
    both = {**home, "SKILL_SOURCE": "clawhub", "NEMO_PLATFORM": "cursor"}
    assert Config.from_env(both).platform_override == "cursor"
    with pytest.raises(ConfigError, match="SKILL_SOURCE"):
        Config.from_env({**home, "SKILL_SOURCE": "vscode"})
