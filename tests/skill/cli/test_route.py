"""``nemoskill route`` as a user and a batch script see it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from skill.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_route_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "route", "exprot it pls")
    assert code == 0, err
    first, second = out.splitlines()
    assert first.startswith("export  (score 0.83, typo, language en)")
    assert "read as 'export it'" in second


def test_route_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "route", "加上字幕然后导出", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["action"], data["then"], data["language"]) == ("chat", "export", "zh-Hans")
    assert data["matched"]["role"] == "edit"


def test_route_with_attachment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "route", "use this as the intro", "--attach", "a.mp4", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["label"], data["attachments"]) == ("upload-then-chat", ["a.mp4"])


def test_route_batch_reads_lines_and_json_lines(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["export", "", json.dumps({"text": "", "attachments": ["x.png"]}), "先别导出",
             json.dumps({"text": "上傳影片"})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = run(capsys, "route", "--batch")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["label"]) for r in rows] == [
        (1, "export"), (3, "upload"), (4, "chat"), (5, "upload")]
    assert rows[2]["reason"] == "declined"  # a bare "don't export yet"
    assert rows[3]["text"] == "上傳影片"


def test_route_dash_is_batch_and_bad_lines_are_reported(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": 3}\n{oops\nstatus\n'))
    code, out, _ = run(capsys, "route", "-")
    assert code == 2
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"line": 1, "error": "'text' must be a string"}
    assert rows[1]["line"] == 2
    assert rows[1]["error"].startswith("not valid JSON")
    assert rows[2]["action"] == "state"


def test_route_without_text_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "route")
    assert code == 2
    assert out == ""
    assert err.startswith("error: give the message to route")


def test_route_applies_the_skill_overrides(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    (tmp_path / "SKILL.md").write_text(
        "---\nname: ship-skill\ndescription: test\nmetadata:\n  nemo:\n    router:\n"
        "      keywords:\n        export:\n          en:\n            - beam it over\n---\n",
        encoding="utf-8")
    assert json.loads(run(capsys, "route", "beam it over", "--json")[1])["action"] == "chat"
    code, out, _ = run(capsys, "--skill", str(tmp_path), "route", "beam it over", "--json")
    assert code == 0
    assert json.loads(out)["action"] == "export"


def test_conflicting_skill_overrides_exit_3(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    (tmp_path / "SKILL.md").write_text(
        "---\nname: bad-skill\ndescription: test\nmetadata:\n  nemo:\n    router:\n"
        "      keywords:\n        state:\n          en:\n            - download\n---\n",
        encoding="utf-8")
    code, out, err = run(capsys, "--skill", str(tmp_path), "route", "hi")
    assert code == 3
    assert out == ""
    assert "'download'" in err
    assert "state" in err
    assert "export" in err
    assert "Traceback" not in err


def test_building_the_parser_does_not_import_the_router() -> None:
    code = ("import sys; from skill.cli.main import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('router', 'rapidfuzz')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_route_after_a_reply(capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "route", "ok do it", "--after", "export-offer")
    assert code == 0
    assert out.startswith("export  (score 1.00, context, language en, after export-offer)")
    assert run(capsys, "route", "ok do it")[1].startswith("chat ")
    code, _, err = run(capsys, "route", "ok do it", "--after", "yesterday")
    assert code == 2
    assert "invalid choice" in err
    lines = [json.dumps({"text": "好的", "after": "export-offer"}),
             json.dumps({"text": "好的"}), json.dumps({"text": "好的", "after": "later"})]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, _ = run(capsys, "route", "--batch")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("action") for r in rows] == ["export", "chat", None]
    assert "'after' must be one of" in rows[2]["error"]
    assert code == 2


def test_route_takes_the_language_written_before(capsys: pytest.CaptureFixture[str]) -> None:
    # "no" is English, Spanish and Portuguese: the writer's earlier language decides.
    code, out, _ = run(capsys, "route", "no", "--language", "es", "--json")
    assert code == 0
    assert json.loads(out)["language"] == "es"
    code, out, _ = run(capsys, "route", "no", "--json")
    assert json.loads(out)["language"] == "und"
