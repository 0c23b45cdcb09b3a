from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from translators.gui import GuiAction, translate

EXPORT_HINT = "Say “export” when you want the MP4."
EXPORT_HINT_ZH = "需要 MP4 时，说“导出”即可。"
TIMELINE_HINT = "Say “status” to see the timeline."
STATE_HINT = "Say “status” to see all the tracks."
EDIT_HINT = "Just tell me the change in words and I'll make it."
CREDITS_HINT = "Say “credits” to check your balance."
UPLOAD_HINT = "Send your files or links right here in the chat."


def _only(text: str, lang: str | None = None) -> GuiAction:
    result = translate(text, lang)
    assert len(result.actions) == 1, result.actions
    return result.actions[0]


# --- each GUI phrase, English and Chinese -----------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "action", "target"), [
    # click [button] → run it through the API
    ("Click **Export** to download your video.", "click", "export", "Export"),
    ("Click Add music to give it a soundtrack.", "click", "edit", "Add music"),
    ("Tap the Credits button.", "click", "credits", "Credits"),
    ("点击“导出”即可下载。", "click", "export", "导出"),
    ("点击添加音乐按钮。", "click", "edit", "添加音乐"),
    ("点击Export按钮下载。", "click", "export", "Export"),
    # open [panel] → query the state
    ("Open the Tracks panel to see every layer.", "open", "state", "Tracks"),
    ("Open the Layers tab.", "open", "state", "Layers"),
    ("打开轨道面板查看详情。", "open", "state", "轨道面板"),
    ("打开属性面板。", "open", "state", "属性"),
    # drag/drop → an edit through the chat stream
    ("Drag the clip to the start of the timeline.", "drag", "edit", None),
    ("拖拽片段到时间线开头。", "drag", "edit", None),
    ("Drag and drop your files here to upload them.", "drag", "upload", "your files"),
    # preview in timeline → timeline summary
    ("Preview it in the timeline.", "preview", "timeline", None),
    ("在时间线预览效果。", "preview", "timeline", None),
    # Export button → export flow
    ("Use the **Export** button to get the MP4.", "export", "export", "Export"),
    ("The Export button is in the top right corner.", "export", "export", "Export"),
    ("点击导出按钮即可下载。", "export", "export", "导出"),
    ("导出按钮在右上角。", "export", "export", "导出"),
    # check account/billing → credits
    ("Check your account to see your remaining credits.", "account", "credits", None),
    ("You can go to Billing to top up.", "account", "credits", None),
    ("请查看账户余额页面。", "account", "credits", None),
])
def test_each_gui_phrase_becomes_its_action(text: str, kind: str, action: str,
                                            target: str | None) -> None:
    found = _only(text)
    assert (found.kind, found.action) == (kind, action)
    if target is not None:
        assert found.target == target


@pytest.mark.parametrize(("text", "hint"), [
    ("Click **Export** to download your video.", EXPORT_HINT),
    ("Open the Tracks panel to see every layer.", STATE_HINT),
    ("Drag the clip to the start of the timeline.", EDIT_HINT),
    ("Preview it in the timeline.", TIMELINE_HINT),
    ("Check your account to see your remaining credits.", CREDITS_HINT),
    ("Drag and drop your files here to upload them.", UPLOAD_HINT),
])
def test_a_pure_direction_is_replaced_by_a_hint(text: str, hint: str) -> None:
    assert translate(text, "en").text == hint


@pytest.mark.parametrize(("text", "expected"), [
    ("点击导出按钮即可下载。", EXPORT_HINT_ZH),
    ("打开轨道面板查看详情。", "说“状态”即可查看所有轨道。"),
    ("拖拽片段到时间线开头。", "直接用文字告诉我要怎么改，我来处理。"),
    ("在时间线预览效果。", "说“状态”即可查看时间线。"),
    ("请查看账户页面。", "说“积分”即可查看余额。"),
])
def test_chinese_directions_get_chinese_hints(text: str, expected: str) -> None:
    assert translate(text).text == expected


# --- content stays, directions go ---------------------------------------------------------------

def test_content_sentences_stay_verbatim() -> None:
    text = ("Your video is ready! It opens on a city timelapse, then Lo-fi music fades in.  "
            "Click **Export** to download your video.")
    assert translate(text, "en").text == (
        "Your video is ready! It opens on a city timelapse, then Lo-fi music fades in. "
        + EXPORT_HINT)


def test_text_without_directions_is_returned_unchanged() -> None:
    for text in ("Open on a wide shot of the city at dawn.\n\n- rain drops on the window\n",
                 "The drop of rain hits the window, with a single click of thunder.",
                 "我已为你生成了一段 30 秒的海边日落视频，配有轻柔的音乐。",
                 "", "  \n"):
        result = translate(text)
        assert result.text == text
        assert result.actions == ()
        assert not result.changed


def test_content_sharing_a_sentence_with_a_direction_is_kept() -> None:
    result = translate("I've added the title 'Paradise Found' and you can preview it in the "
                       "timeline.", "en")
    assert result.text == f"I've added the title 'Paradise Found'. {TIMELINE_HINT}"


def test_clauses_leading_into_or_following_a_direction_go_with_it() -> None:
    assert translate("Once you're happy with it, click Export. The video is 30 seconds long.",
                     "en").text == f"The video is 30 seconds long. {EXPORT_HINT}"
    assert translate("To review, open the Tracks panel; the title sits at 0-3s.",
                     "en").text == f"The title sits at 0-3s. {STATE_HINT}"
    assert translate("Click the Export button, then choose MP4 and 1080p.",
                     "en").text == EXPORT_HINT
    assert translate("I added upbeat music, drag it on the timeline to adjust timing.",
                     "en").text == f"I added upbeat music. {EDIT_HINT}"


def test_chinese_content_is_kept_and_directions_removed() -> None:
    assert translate("视频已生成！点击导出按钮即可下载。").text == f"视频已生成！{EXPORT_HINT_ZH}"
    assert translate("我已添加标题“天堂”，你可以在时间线预览效果。").text == \
        "我已添加标题“天堂”。说“状态”即可查看时间线。"
    assert translate("满意后点击“导出”。视频时长 30 秒。").text == \
        f"视频时长 30 秒。{EXPORT_HINT_ZH}"


def test_markdown_lists_and_paragraphs_survive() -> None:
    text = ("Here's your video:\n\n- A city timelapse (0-10s)\n- Lo-fi music at 35%\n"
            "- Drag the title onto the timeline to move it\n\nClick [Export] when you're ready.")
    result = translate(text, "en")
    assert result.text == ("Here's your video:\n\n- A city timelapse (0-10s)\n"
                           "- Lo-fi music at 35%\n\n" + EDIT_HINT + " " + EXPORT_HINT)
    assert [a.action for a in result.actions] == ["edit", "export"]


@pytest.mark.parametrize("text", [
    "Click **Export**.", "Click __Export__.", "Click [Export].", "Click “Export”.",
    'Click "Export".', "Click 'Export'.", "Click `Export`.", "点击「导出」。", "点击【导出】。",
])
def test_emphasis_around_button_names(text: str) -> None:
    found = _only(text)
    assert found.action == "export"
    assert found.target in ("Export", "导出")


def test_hints_follow_the_requested_language() -> None:
    assert translate("Click **Export** to download.", "zh-Hans").text == EXPORT_HINT_ZH
    assert translate("点击导出按钮即可下载。", "en").text == EXPORT_HINT


def test_one_hint_per_action() -> None:
    result = translate("Click Export to download. Or hit the Export button later.", "en")
    assert [a.action for a in result.actions] == ["export", "export"]
    assert result.text == EXPORT_HINT


def test_hints_can_be_left_to_the_caller() -> None:
    result = translate("Nice shot! Click **Export** to download.", "en", hints=False)
    assert result.text == "Nice shot!"
    assert result.actions[0].action == "export"


# --- edit instructions ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "instruction"), [
    ("Drag the title to the 5s mark on the timeline.",
     "move the title to the 5s mark on the timeline"),
    ("拖拽片段到时间线开头。", "移动片段到时间线开头"),
    ("Click here to add music to the intro.", "add music to the intro"),
    ("Click the Enhance button to sharpen the footage.", "sharpen the footage"),
    ("Click **Apply**.", "Apply"),
    ("点击“重新生成”。", "重新生成"),
])
def test_edits_carry_an_instruction_for_the_chat(text: str, instruction: str) -> None:
    found = _only(text)
    assert found.action == "edit"
    assert found.instruction == instruction


# --- skill-level phrases --------------------------------------------------------------------------

def test_skill_phrases_extend_the_table() -> None:
    extra: Mapping[str, Mapping[str, Sequence[str]]] = {"open": {"en": ["bring up"]},
                                                         "account": {"en": ["wallet page"]}}
    assert translate("Bring up the Layers panel.", "en").actions == ()
    found = translate("Bring up the Layers panel.", "en", extra).actions
    assert [(a.kind, a.action) for a in found] == [("open", "state")]
    assert translate("See the wallet page.", "en", extra).actions[0].action == "credits"
    # built-ins still work when extending
    assert translate("Open the Layers panel.", "en", extra).actions[0].action == "state"


def test_skill_phrases_can_replace_a_kind() -> None:
    extra = {"click": {"en": ["smash"]}}
    replaced = translate("Click **Export**.", "en", extra, mode="replace")
    assert replaced.actions == ()
    assert translate("Smash **Export**.", "en", extra, mode="replace").actions[0].action == \
        "export"
    # kinds the skill did not list keep their built-in phrases
    assert translate("Open the Layers panel.", "en", extra, mode="replace").actions[0].action \
        == "state"


@pytest.mark.parametrize(("extra", "mode", "message"), [
    ({"poke": {"en": ["poke"]}}, "extend", "unknown GUI kind 'poke'"),
    ({"click": {"en": "tap"}}, "extend", "must be a list"),
    ({"click": {"en": [""]}}, "extend", "must be non-empty text"),
    ({"click": ["tap"]}, "extend", "must map a language"),
    ({}, "merge", "mode must be one of extend, replace"),
])
def test_bad_skill_phrases_are_rejected(extra: object, mode: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        translate("Click **Export**.", "en", extra, mode=mode)  # type: ignore[arg-type]


def test_phrases_from_a_skill_file_are_accepted_as_parsed() -> None:
    from skill.overrides import parse_overrides

    overrides = parse_overrides(
        {"gui": {"mode": "extend", "phrases": {"click": {"en": ["smash"]},
                                               "open": {"zh-Hant": ["開啟"]}}}},
        where="SKILL.md")
    smash = translate("Smash **Export** now.", "en", overrides.gui_phrases,
                      mode=overrides.gui_mode)
    assert [a.action for a in smash.actions] == ["export"]
    panel = translate("開啟軌道面板。", "zh", overrides.gui_phrases, mode=overrides.gui_mode)
    assert [(a.kind, a.action) for a in panel.actions] == [("open", "state")]
