from __future__ import annotations

from pathlib import Path

import pytest

from translators import gui_table
from translators.gui_table import ACTIONS, GUI_KINDS, load_table


def test_builtin_table_covers_every_kind_in_nine_languages() -> None:
    data = gui_table._data()
    for kind in GUI_KINDS:
        for lang in ("en", "zh", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko"):
            assert data["phrases"][kind][lang], (kind, lang)
            assert data["rewrite"]["drag"][lang]
        assert data["kinds"][kind]["action"] in ACTIONS
    for action, names in data["targets"].items():
        assert set(names) == {"en", "zh", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko"}, action
    for action in data["targets"]:
        assert action in ACTIONS


def test_the_table_is_compiled_once_per_set_of_phrases() -> None:
    assert load_table() is load_table()
    extra = {"click": {"en": ["poke"]}}
    assert load_table(extra) is load_table({"click": {"en": ["poke"]}})
    assert load_table(extra) is not load_table()


def test_a_broken_data_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "gui.yaml"
    bad.write_text("kinds: {click: {action: teleport}}\n", "utf-8")
    monkeypatch.setattr(gui_table, "_DATA", bad)
    gui_table._data.cache_clear()
    gui_table._compiled.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"gui\.yaml: section 'phrases' must be a mapping"):
            load_table()
    finally:
        monkeypatch.undo()
        gui_table._data.cache_clear()
        gui_table._compiled.cache_clear()


def test_phrases_match_whole_words_and_tolerate_markup() -> None:
    table = load_table()
    drag = next(r for r in table.rules if r.kind == "drag")
    export = next(r for r in table.rules if r.kind == "export")
    assert drag.phrases is not None
    assert export.phrases is not None
    assert drag.phrases.search("raindrops fall") is None
    assert drag.phrases.search("drop it") is not None
    assert export.phrases.search("the **Export** button") is not None
    assert export.phrases.search("“导出”按钮") is not None
    # Korean is written with spaces.
    assert export.phrases.search("내보내기 버튼을") is not None


def test_a_table_holds_the_languages_asked_for() -> None:
    spanish = load_table(languages=("es",))
    german = load_table(languages=("de",))
    click_es = next(r for r in spanish.rules if r.kind == "click").phrases
    click_de = next(r for r in german.rules if r.kind == "click").phrases
    assert click_es is not None
    assert click_de is not None
    assert click_es.search("haz clic en Exportar") is not None
    assert click_de.search("haz clic en Exportar") is None
    # English and Chinese are always in: the backend mixes them into any language.
    assert click_de.search("click Export") is not None
    assert click_de.search("点击导出") is not None
    assert load_table(languages=("es",)) is load_table(languages=["es", "en"])
