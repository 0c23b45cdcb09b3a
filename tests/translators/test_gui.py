from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


# --- the other languages the backend answers in ---------------------------------------------------

#: Per language: directions (text → kind, action, target), the export hint the user then reads,
#: and content that only mentions the words (inside quotes, or as ordinary words) and stays.
LANGUAGES: dict[str, dict[str, Any]] = {
    "es": {
        "directions": [
            ("¡Listo! Haz clic en **Exportar** para descargarlo.", "click", "export", "Exportar"),
            ("Pulsa el botón Créditos.", "click", "credits", "Créditos"),
            ("Abre el panel de Pistas para ver cada capa.", "open", "state", "Pistas"),
            ("Arrastra el clip al inicio de la línea de tiempo.", "drag", "edit", None),
            ("Puedes previsualizarlo en la línea de tiempo.", "preview", "timeline", None),
            ("El botón Exportar está arriba a la derecha.", "export", "export", "Exportar"),
            ("Revisa tu cuenta para ver tus créditos.", "account", "credits", None),
        ],
        "export": ("Tu vídeo está listo. Haz clic en Exportar.",
                   "Tu vídeo está listo. Di «exportar» cuando quieras el MP4."),
        "content": ["He añadido el subtítulo «Haz clic en Exportar» al principio.",
                    'El título dice "Abre el panel de Pistas".',
                    "El vídeo abre con un plano del mar y la música toca suavemente."],
    },
    "fr": {
        "directions": [
            ("Vidéo prête ! Cliquez sur « Exporter » pour la télécharger.", "click", "export",
             "Exporter"),
            ("Ouvrez le panneau Pistes pour voir les calques.", "open", "state", "Pistes"),
            ("Faites glisser le clip au début de la timeline.", "drag", "edit", None),
            ("Vous pouvez la prévisualiser dans la timeline.", "preview", "timeline", None),
            ("Le bouton Exporter est en haut à droite.", "export", "export", "Exporter"),
            ("Vérifiez votre compte pour voir vos crédits.", "account", "credits", None),
        ],
        "export": ("Ta vidéo est prête. Cliquez sur Exporter.",
                   "Ta vidéo est prête. Dites « exporter » quand vous voulez le MP4."),
        "content": ["J'ai ajouté le titre « Cliquez sur Exporter ».",
                    "La vidéo ouvre sur un plan de la mer, puis la musique démarre."],
    },
    "de": {
        "directions": [
            ("Fertig! Klicken Sie auf „Exportieren“, um es herunterzuladen.", "click", "export",
             "Exportieren"),
            ("Sie können oben rechts auf **Exportieren** klicken.", "click", "export",
             "Exportieren"),
            ("Öffnen Sie das Spuren-Panel, um alle Ebenen zu sehen.", "open", "state", "Spuren"),
            ("Ziehen Sie den Clip an den Anfang der Timeline.", "drag", "edit", None),
            ("Die Export-Schaltfläche ist oben rechts.", "export", "export", None),
            ("Prüfen Sie Ihr Konto, um Ihre Credits zu sehen.", "account", "credits", None),
        ],
        "export": ("Dein Video ist fertig. Klicken Sie auf Exportieren.",
                   "Dein Video ist fertig. Sag „exportieren“, wenn du die MP4 möchtest."),
        "content": ["Ich habe den Untertitel „Klicken Sie auf Exportieren“ hinzugefügt.",
                    "Das Video beginnt mit dem Meer, dann klicken Absätze auf dem Steg."],
    },
    "pt": {
        "directions": [
            ("Pronto! Clique em **Exportar** para baixar.", "click", "export", "Exportar"),
            ("Abra o painel Faixas para ver as camadas.", "open", "state", "Faixas"),
            ("Arraste o clipe para o início da linha do tempo.", "drag", "edit", None),
            ("Você pode ver o resultado na linha do tempo.", "preview", "timeline", None),
            ("O botão Exportar fica no canto superior direito.", "export", "export", "Exportar"),
            ("Verifique sua conta para ver seus créditos.", "account", "credits", None),
        ],
        "export": ("Seu vídeo está pronto. Clique em Exportar.",
                   'Seu vídeo está pronto. Diga "exportar" quando quiser o MP4.'),
        "content": ["Adicionei a legenda “Clique em Exportar” no início.",
                    "O vídeo abre com o mar e a música toca suavemente."],
    },
    "ja": {
        "directions": [
            ("「書き出し」をクリックしてダウンロードしてください。", "click", "export", "書き出し"),
            ("トラックパネルを開いて確認してください。", "open", "state", "トラック"),
            ("クリップをタイムラインの先頭にドラッグしてください。", "drag", "edit", None),
            ("タイムラインでプレビューできます。", "preview", "timeline", None),
            ("書き出しボタンは右上にあります。", "export", "export", "書き出し"),
            ("アカウントを確認してクレジットを見てください。", "account", "credits", None),
        ],
        "export": ("動画ができました！「書き出し」をクリックしてください。",
                   "動画ができました！MP4 が必要なときは「書き出し」と言ってください。"),
        "content": ["字幕『書き出しボタンをクリック』を追加しました。",
                    "字幕「『書き出し』をクリック」を追加しました。",
                    "海の映像から始まり、扉が開く音が入ります。"],
    },
    "ko": {
        "directions": [
            ("'내보내기'를 클릭해서 다운로드하세요.", "click", "export", "내보내기"),
            ("트랙 패널을 열어 확인하세요.", "open", "state", "트랙"),
            ("클립을 타임라인 시작 부분으로 드래그하세요.", "drag", "edit", None),
            ("타임라인에서 미리보기 하세요.", "preview", "timeline", None),
            ("내보내기 버튼은 오른쪽 위에 있어요.", "export", "export", "내보내기"),
            ("계정을 확인해서 크레딧을 보세요.", "account", "credits", None),
        ],
        "export": ("영상이 준비됐어요! 내보내기 버튼을 클릭하세요.",
                   '영상이 준비됐어요! MP4가 필요하면 "내보내기"라고 말해 주세요.'),
        "content": ["자막 '내보내기 버튼을 클릭'을 추가했어요.",
                    "바다 장면으로 시작하고 음악이 잔잔하게 흘러요."],
    },
    "zh-Hant": {
        "directions": [
            ("點擊「匯出」即可下載。", "click", "export", "匯出"),
            ("打開軌道面板查看詳情。", "open", "state", "軌道面板"),
            ("拖曳片段到時間軸開頭。", "drag", "edit", None),
            ("在時間軸預覽效果。", "preview", "timeline", None),
            ("匯出按鈕在右上角。", "export", "export", "匯出"),
            ("請查看帳戶頁面。", "account", "credits", None),
        ],
        "export": ("影片完成了！點擊匯出按鈕即可下載。",
                   "影片完成了！需要 MP4 時，說「匯出」就可以。"),
        "content": ["我加了字幕「點擊匯出按鈕」。", "影片以海景開場，接著是輕柔的音樂。"],
    },
}


@pytest.mark.parametrize(("lang", "text", "kind", "action", "target"), [
    (lang, *case) for lang, spec in LANGUAGES.items() for case in spec["directions"]])
def test_directions_in_each_language(lang: str, text: str, kind: str, action: str,
                                     target: str | None) -> None:
    found = _only(text, lang)
    assert (found.kind, found.action) == (kind, action)
    if target is not None:
        assert found.target == target


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_direction_becomes_a_hint_in_the_same_language(lang: str) -> None:
    text, expected = LANGUAGES[lang]["export"]
    assert translate(text, lang).text == expected


@pytest.mark.parametrize(("lang", "text"), [
    (lang, text) for lang, spec in LANGUAGES.items() for text in spec["content"]])
def test_words_inside_quotes_or_content_stay_content(lang: str, text: str) -> None:
    result = translate(text, lang)
    assert result.actions == ()
    assert result.text == text


@pytest.mark.parametrize("text", [
    'I added the caption "Click Export to start".',
    "I set the title to 'Open the Tracks panel'.",
    "我加了字幕“点击导出按钮”。",
])
def test_quoted_directions_are_content_in_english_and_chinese(text: str) -> None:
    assert translate(text, "en").text == text


def test_a_quoted_button_name_after_its_verb_is_still_a_direction() -> None:
    # Not content: the quote names the button the verb before it clicks.
    assert _only('Click "Export your video" to download it.', "en").action == "export"
    assert _only("Haz clic en «Exporta tu vídeo».", "es").action == "export"
    assert translate('Click "Export your video" to download it.', "en").text == EXPORT_HINT


def test_quoted_content_survives_next_to_a_real_direction() -> None:
    result = translate("I added the caption “Click Export to start” at 2s. Click **Export** to "
                       "download.", "en")
    assert result.text == f"I added the caption “Click Export to start” at 2s. {EXPORT_HINT}"
    assert [(a.kind, a.action, a.target) for a in result.actions] == [
        ("click", "export", "Export")]


@pytest.mark.parametrize(("text", "lang", "instruction"), [
    ("Arrastra el clip al inicio de la línea de tiempo.", "es",
     "mueve el clip al inicio de la línea de tiempo"),
    ("Faites glisser le titre sur la timeline à 5 secondes.", "fr",
     "déplace le titre sur la timeline à 5 secondes"),
    ("クリップをタイムラインの先頭にドラッグしてください。", "ja",
     "クリップをタイムラインの先頭に移動して"),
    ("클립을 타임라인 시작 부분으로 드래그하세요.", "ko",
     "클립을 타임라인 시작 부분으로 이동해 줘"),
    ("拖曳片段到時間軸開頭。", "zh-Hant", "移動片段到時間軸開頭"),
])
def test_drag_instructions_read_naturally_in_each_language(text: str, lang: str,
                                                           instruction: str) -> None:
    assert _only(text, lang).instruction == instruction
