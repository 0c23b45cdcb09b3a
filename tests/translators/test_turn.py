"""Stages from tool names, the trailing temporary-issue sentence, next steps for a draft."""

from __future__ import annotations

import pytest

from tests.translators.drafts import bgm, draft, scene, text, video
from translators.turn import next_steps, stage_message, without_temporary_issue

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


@pytest.mark.parametrize(("tool", "stage"), [
    ("generate_video_with_seedance", "generating"), ("generate_video", "generating"),
    ("edit_multitrack", "editing"), ("set_title", "editing"), ("remove_track", "editing"),
    ("add_music_and_title", "post_production"), ("ask_question", None), ("lookup", None)])
def test_stage_of_a_tool(tool: str, stage: str | None) -> None:
    found = stage_message(tool, "en")
    assert (found[0] if found else None) == stage


def test_stage_text_is_localised() -> None:
    assert stage_message("generate_video_x", "en") == ("generating", "🎬 Generating the video…")
    assert stage_message("edit_multitrack", "zh") == ("editing", "✂️ 正在编辑…")


def test_temporary_issue_sentence() -> None:
    assert without_temporary_issue("Done! I encountered a temporary issue. Please retry.") == (
        "Done!", True)
    assert without_temporary_issue("我遇到了临时问题，请稍后再试。") == ("", True)
    assert without_temporary_issue("All good.") == ("All good.", False)


def test_next_steps_fit_the_draft() -> None:
    with_music = draft(video("v", scene("s", 0, 10, "city")), bgm("b", "Lo-fi", 0, 10, vol=0.3))
    steps = next_steps({"draft": with_music}, "en")
    assert steps == "💡 Next, you could say: “add a title” · “add captions” · “export”"
    complete = draft(video("v", scene("s", 0, 10, "city")), bgm("b", "Lo-fi", 0, 10, vol=0.3),
                     text("t", "title", ("x", "Hi", 0, 3)), text("c", "caption", ("y", "a", 0, 3)))
    steps = next_steps({"draft": complete}, "en")
    assert steps is not None
    assert "background music" not in steps
    assert "vertical 9:16" in steps
    assert "quieter" in steps
    assert steps.startswith("💡")
    assert steps.count("“") == 3
    assert steps.endswith("“export”")
    titled = draft(video("v", scene("s", 0, 10, "city")), text("t", "title", ("x", "Hi", 0, 3)),
                   ratio="9:16")
    steps = next_steps({"draft": titled}, "zh")
    assert steps is not None
    assert "加个标题" not in steps
    assert "背景音乐" in steps
    assert next_steps({"draft": draft()}, "en") is None


def test_next_steps_leave_out_the_inverse_or_repeat_of_the_last_edit() -> None:
    quiet = draft(video("v", scene("s", 0, 10, "city")), bgm("b", "Lo-fi", 0, 10, vol=0.3),
                  text("t", "title", ("x", "Hi", 0, 3)), text("c", "caption", ("y", "a", 0, 3)))
    loud = draft(video("v", scene("s", 0, 10, "city")), bgm("b", "Lo-fi", 0, 10, vol=0.6),
                 text("t", "title", ("x", "Hi", 0, 3)), text("c", "caption", ("y", "a", 0, 3)))
    assert "quieter" in (next_steps({"draft": loud}, "en") or "")
    assert "quieter" not in (next_steps({"draft": loud}, "en", before={"draft": quiet}) or "")
    assert "quieter" not in (next_steps({"draft": quiet}, "en", before={"draft": loud}) or "")
    silent = draft(video("v", scene("s", 0, 10, "city")))
    with_music = draft(video("v", scene("s", 0, 10, "city")), bgm("b", "Lo-fi", 0, 10, vol=0.3))
    steps = next_steps({"draft": silent}, "en", before={"draft": with_music})
    assert steps is not None
    assert "music" not in steps  # it was just removed
    assert "add a title" in steps
    texts = (text("t", "title", ("x", "Hi", 0, 3)), text("c", "caption", ("y", "a", 0, 3)))
    wide = draft(video("v", scene("s", 0, 10, "city")), *texts)
    tall = draft(video("v", scene("s", 0, 10, "city")), *texts, ratio="9:16")
    assert "vertical" in (next_steps({"draft": wide}, "en") or "")
    assert "vertical" not in (next_steps({"draft": wide}, "en", before={"draft": tall}) or "")
