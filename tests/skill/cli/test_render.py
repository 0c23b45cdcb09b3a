"""How replies are printed: what a person at a terminal reads, and what a host's pipe gets."""

from __future__ import annotations

import io
from pathlib import Path

from skill.cli.render import Plain
from skill.replies import Media


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _shown(out: io.StringIO, tmp_path: Path) -> list[str]:
    video = tmp_path / "out.mp4"
    video.write_bytes(b"\0")
    plain = Plain(out, io.StringIO())
    plain.show(Media(path=video, text=f"✅ Your video is ready! 📁 {video}"))
    plain.close()
    return out.getvalue().splitlines()


def test_a_host_reading_a_pipe_gets_the_media_line(tmp_path: Path) -> None:
    lines = _shown(io.StringIO(), tmp_path)
    assert lines == [f"✅ Your video is ready! 📁 {tmp_path / 'out.mp4'}",
                     f"MEDIA:{(tmp_path / 'out.mp4').resolve()}"]


def test_a_person_at_a_terminal_is_not_shown_the_media_line(tmp_path: Path) -> None:
    lines = _shown(_Terminal(), tmp_path)
    assert lines == [f"✅ Your video is ready! 📁 {tmp_path / 'out.mp4'}"]
