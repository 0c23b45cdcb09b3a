"""Where ``export_video`` may write: the user's home, the export folder, folders the user
allowed; ``.mp4`` files only; links resolved before deciding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skill.mcp_server.export_path import ExportPathRefused, export_path, export_roots_from_env


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    home, exports = tmp_path / "home", tmp_path / "exports"
    home.mkdir()
    exports.mkdir()
    return home, exports


def refused(given: str, home: Path, exports: Path, roots: tuple[Path, ...] = ()) -> str:
    with pytest.raises(ExportPathRefused) as caught:
        export_path(given, export_dir=exports, home=home, roots=roots)
    return caught.value.key


def test_no_path_means_the_default_name(places: tuple[Path, Path]) -> None:
    home, exports = places
    assert export_path(None, export_dir=exports, home=home) is None
    assert export_path("  ", export_dir=exports, home=home) is None


def test_relative_names_go_to_the_export_folder(places: tuple[Path, Path]) -> None:
    home, exports = places
    assert export_path("trip/day one.mp4", export_dir=exports, home=home) == \
        exports.resolve() / "trip" / "day one.mp4"


def test_home_and_allowed_folders_are_accepted(places: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    home, exports = places
    assert export_path(str(home / "Videos" / "a.MP4"), export_dir=exports, home=home) == \
        home.resolve() / "Videos" / "a.MP4"
    shared = tmp_path / "shared"
    assert export_path(str(shared / "b.mp4"), export_dir=exports, home=home,
                       roots=(shared,)) == shared.resolve() / "b.mp4"


@pytest.mark.parametrize("given", ["/etc/passwd.mp4", "/usr/local/x.mp4", "/x.mp4"])
def test_system_folders_are_refused(places: tuple[Path, Path], given: str) -> None:
    home, exports = places
    assert refused(given, home, exports) == "mcp_outside_allowed"


def test_a_link_out_of_home_or_dot_dot_counts_where_it_leads(places: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    home, exports = places
    outside = tmp_path / "outside"
    outside.mkdir()
    (home / "link").symlink_to(outside)
    assert refused(str(home / "link" / "a.mp4"), home, exports) == "mcp_outside_allowed"
    assert refused(str(home / ".." / "outside" / "a.mp4"), home, exports) == "mcp_outside_allowed"
    assert refused("../../outside/a.mp4", home, exports) == "mcp_outside_allowed"


def test_a_home_of_slash_does_not_open_everything(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    assert refused("/etc/a.mp4", Path("/"), exports) == "mcp_outside_allowed"


def test_names_that_are_not_mp4_files_are_refused(places: tuple[Path, Path]) -> None:
    home, exports = places
    assert refused(str(home / "a.mov"), home, exports) == "mcp_not_mp4"
    assert refused(str(home / "passwd"), home, exports) == "mcp_not_mp4"


def test_a_folder_gets_a_new_file_inside_it(places: tuple[Path, Path]) -> None:
    # Trial 14: "~/Videos" was refused as a folder; say --export takes one too.
    home, exports = places
    (home / "Videos").mkdir()
    got = export_path(str(home / "Videos"), export_dir=exports, home=home)
    assert got is not None
    assert got.parent == (home / "Videos").resolve()
    assert got.name.startswith("nemovideo-")
    assert got.suffix == ".mp4"
    (home / "elsewhere").mkdir()
    assert refused(str(home / "elsewhere" / ".." / ".."), home, exports) == \
        "mcp_outside_allowed"  # a folder outside the allowed places is still refused


def test_roots_from_the_environment_take_absolute_folders_only(tmp_path: Path) -> None:
    env = {"NEMO_EXPORT_ROOTS": os.pathsep.join([str(tmp_path / "a"), "relative", "",
                                                 "~/b"])}
    assert export_roots_from_env(env) == (tmp_path / "a", Path.home() / "b")
    assert export_roots_from_env({}) == ()
