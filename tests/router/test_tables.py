"""The phrase tables: built-in coverage, skill overrides (extend / replace / force chat), and
conflicts rejected at load with a message naming the phrase and both actions."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from backend.errors import SkillError
from router import Router
from router.tables import _FORM_FLAG, _OBJECT_FLAG, Cue, builtin_tables, compile_builtin
from skill.loader import Skill, load_skill
from skill.overrides import Overrides

LANGUAGES = ("en", "zh-Hans", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko")


def _overrides(keywords: dict[str, dict[str, list[str]]], mode: str = "extend") -> Overrides:
    table = MappingProxyType({a: MappingProxyType({lang: tuple(p) for lang, p in langs.items()})
                              for a, langs in keywords.items()})
    return Overrides(router_mode=mode, router_keywords=table)


def test_every_action_has_phrases_in_all_nine_languages() -> None:
    phrases = builtin_tables().phrases
    for action in ("export", "credits", "state", "upload", "chat"):
        assert set(LANGUAGES) <= set(phrases[action]), action


def test_cue_tables_cover_all_nine_languages() -> None:
    entries = builtin_tables().entries.values()
    for cue in (Cue.EDIT, Cue.NEGATE_BEFORE | Cue.NEGATE_AFTER):
        langs = {lang for e in entries if e.cues & cue for lang in e.languages}
        assert set(LANGUAGES) <= langs, cue


def test_skill_can_extend_an_action() -> None:
    router = Router.from_tables(_overrides({"export": {"en": ["ship it"]}}))
    got = router.route("ok ship it")
    assert got.action == "export"
    assert got.matched is not None
    assert got.matched.phrase == "ship it"
    assert router.route("download").action == "export"  # built-ins kept


def test_skill_can_force_chat() -> None:
    router = Router.from_tables(_overrides({"chat": {"en": ["credit card"]}}))
    got = router.route("credit card promo video")
    assert (got.action, got.reason) == ("chat", "chat-phrase")


def test_replace_drops_the_built_in_phrases_of_the_listed_actions_only() -> None:
    router = Router.from_tables(_overrides({"export": {"en": ["ship it"]}}, mode="replace"))
    assert router.route("ship it").action == "export"
    assert router.route("export").action == "chat"
    assert router.route("download").action == "chat"
    assert router.route("credits").action == "credits"


def test_replace_lets_a_skill_move_a_phrase_to_another_action() -> None:
    router = Router.from_tables(_overrides(
        {"credits": {"en": ["my credits"]}, "chat": {"en": ["balance"]}}, mode="replace"))
    assert router.route("balance").action == "chat"
    assert router.route("my credits").action == "credits"


def test_conflict_with_a_built_in_phrase_names_the_phrase_and_both_actions() -> None:
    with pytest.raises(SkillError) as info:
        Router.from_tables(_overrides({"export": {"en": ["Balance"]}}), source="my/SKILL.md")
    message = str(info.value)
    assert "'balance'" in message
    assert "export" in message
    assert "credits" in message
    assert message.startswith("my/SKILL.md, field 'metadata.nemo.router.keywords.export.en'")


def test_conflict_inside_a_skill_table() -> None:
    with pytest.raises(SkillError, match=r"'ship it'.*state.*export"):
        Router.from_tables(_overrides({"export": {"en": ["ship it"]},
                                       "state": {"en": ["SHIP  IT"]}}))


def test_an_action_phrase_may_not_be_an_edit_verb() -> None:
    with pytest.raises(SkillError, match=r"'add'.*export.*edit"):
        Router.from_tables(_overrides({"export": {"en": ["add"]}}))


def test_same_phrase_same_action_is_fine() -> None:
    router = Router.from_tables(_overrides({"export": {"en": ["export"], "fr": ["export"]}}))
    assert router.route("export").action == "export"


def _skill_with_keywords(folder: Path, keywords: dict[str, dict[str, list[str]]]) -> Skill:
    """A SKILL.md in ``folder`` whose router keywords are ``keywords``, loaded."""
    lines = ["---", "name: test-skill", "description: test skill", "metadata:", "  nemo:",
             "    router:", "      keywords:"]
    for action, langs in keywords.items():
        lines.append(f"        {action}:")
        for lang, words in langs.items():
            lines += [f"          {lang}:", *(f"            - {word}" for word in words)]
    (folder / "SKILL.md").write_text("\n".join([*lines, "---", "body", ""]), encoding="utf-8")
    return load_skill(folder)


def test_overrides_from_a_real_skill_file(tmp_path: Path) -> None:
    skill = _skill_with_keywords(tmp_path, {"export": {"en": ["ship it"]},
                                            "credits": {"ko": ["젬"]}})
    router = Router.from_tables(skill.overrides, source=str(skill.path))
    assert router.route("ship it").action == "export"
    assert router.route("젬 얼마나 남았어?").action == "credits"


def test_conflicting_skill_file_is_rejected_with_its_path(tmp_path: Path) -> None:
    skill = _skill_with_keywords(tmp_path, {"upload": {"zh": ["导出"]}})
    with pytest.raises(SkillError) as info:
        Router.from_tables(skill.overrides, source=str(skill.path))
    assert str(skill.path) in str(info.value)
    assert "'导出'" in str(info.value)
    assert info.value.exit_code == 3


def _with_raw(monkeypatch: pytest.MonkeyPatch, name: str, change: object) -> str:
    from router import tables

    raw = tables._builtin_raw()
    data, path = raw[name]
    patched = {**raw, name: (change(data), path)}  # type: ignore[operator]
    monkeypatch.setattr(tables, "_builtin_raw", lambda: patched)
    return path


def test_a_conflict_in_the_built_in_data_is_caught_at_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ppath = _with_raw(monkeypatch, "phrases.yaml", lambda p: {
        **p, "state": {**p["state"], "en": [*p["state"]["en"], "Download"]}})
    with pytest.raises(SkillError) as info:
        compile_builtin()
    message = str(info.value)
    assert message.startswith(f"{ppath}, field 'state.en'")
    assert "'download'" in message
    assert "export" in message
    assert "state" in message


def test_yaml_booleans_in_a_table_get_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    # what YAML makes of a bare `no`
    _with_raw(monkeypatch, "cues.yaml", lambda c: {**c, "negate_before": {"en": [False]}})
    with pytest.raises(SkillError, match="quote words YAML reads as booleans"):
        compile_builtin()


def test_a_section_given_twice_in_a_data_file_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # YAML keeps the second copy and drops the first without a word: words added to the first
    # copy would do nothing. The built-in files (read above, by every other test) have none.
    from router import tables

    read = tables.read_data
    text, path = read("cues.yaml")
    doubled = text + "\nstored:\n  en: [on the stick]\n"
    monkeypatch.setattr(tables, "read_data",
                        lambda name: (doubled, path) if name == "cues.yaml" else read(name))
    with pytest.raises(SkillError) as info:
        compile_builtin()
    message = str(info.value)
    assert message.startswith(path)
    assert "'stored' is given twice" in message


def test_merge_keys_stay_allowed_and_a_list_as_a_key_is_refused() -> None:
    from router.tables import _parse_yaml

    assert _parse_yaml("a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n", "t.yaml")["c"] == {"b": 1, "d": 2}
    with pytest.raises(SkillError, match="a key must be a word or a number"):
        _parse_yaml("? [1, 2]\n: x\n", "t.yaml")


def test_a_longer_object_keeps_the_meaning_of_the_object_it_ends_with() -> None:
    # "the final file" is listed for making the file; it hides "final file" (asked for) when
    # matched, so it must carry that frame too.
    entries = builtin_tables().entries
    assert entries["final file"].objects
    assert entries["the final file"].objects & entries["final file"].objects == \
        entries["final file"].objects
    assert Router(builtin_tables()).route(
        "would it be possible to receive the final file?").action == "export"


@pytest.mark.parametrize(("text", "label"), [
    # Typed without accents: the cue of the accented word still reads ("coûte", "salió",
    # "enlève" as "coute", "salio", "enleve"), and German umlauts spelt out ("ändere").
    ("ca coute combien de credits une video de 1 minute ?", "chat"),
    ("el ultimo export salio con el audio desfasado, q onda?", "chat"),
    ("j'ai upload la mauvaise photo tout a l'heure, enleve la", "chat"),
    ("aendere die oeffnungszeiten und schick mir dann das fertige video", "chat-then-export"),
    ("cuantos creditos me quedan", "credits"),
    # A short word keeps its accent ("si" is "if", "mas" is "but"), and a one-word
    # interrogative typed plain is also a conjunction: no question here.
    ("mándamelo en mp4 cuando puedas", "export"),
    # A short word between two others is told apart by them and loses its accent too ("ya
    # está listo"); one at either end keeps it ("como esta foto", "que has cambiado", "con
    # el fondo": no request there).
    ("ya esta listo?", "state"),
    ("me mostra como esta foto fica com filtro", "chat"),
    ("me gusta que has cambiado el color", "chat"),
    ("quiero quedarme con el fondo azul", "chat"),
])
def test_phrases_typed_without_accents_mean_the_same(text: str, label: str) -> None:
    assert Router(builtin_tables()).route(text).label == label


def test_plain_spellings_never_replace_a_phrase_of_their_own() -> None:
    entries = builtin_tables().entries
    assert entries["salio"] == entries["salió"]
    assert entries["aendere"] == entries["ändere"]
    assert "andere" not in entries or entries["andere"] != entries["ändere"]
    assert "cuando" not in entries or entries["cuando"] != entries["cuándo"]


@pytest.mark.parametrize(("text", "label"), [
    # Katakana words typed in hiragana (dictation, a keyboard that did not convert) read as
    # the katakana word: the export, the credits, the timeline.
    ("えくすぽーとおねがいします", "export"),
    ("くれじっとあといくつ残ってる？", "credits"),
    ("たいむらいん見せて", "state"),
    # ... and the hiragana of a question about the export is still a question.
    ("えくすぽーとってどうやるの？", "chat"),
])
def test_katakana_words_typed_in_hiragana_mean_the_same(text: str, label: str) -> None:
    assert Router(builtin_tables()).route(text).label == label


def test_short_katakana_words_keep_no_hiragana_spelling() -> None:
    # "カット" in hiragana is "かっと" (in a temper): a run under four kana is left alone.
    entries = builtin_tables().entries
    assert entries["えくすぽーと"] == entries["エクスポート"]
    assert "かっと" not in entries


@pytest.mark.parametrize(("text", "label"), [
    # Chat shorthand reads as the word it shortens, in phrases of two or more words.
    ("hazme un resumen de lo q llevamos editado", "state"),
    ("can u send me the final vid", "export"),
    ("vc pode me mandar o video final?", "export"),
])
def test_chat_shorthand_reads_as_the_word(text: str, label: str) -> None:
    assert Router(builtin_tables()).route(text).label == label


def test_a_one_word_phrase_is_never_shortened() -> None:
    entries = builtin_tables().entries
    assert entries.get("q") != entries.get("qué")
    assert entries["lo q llevamos"] == entries["lo que llevamos"]


def test_a_longer_spaced_form_keeps_every_meaning_of_its_head() -> None:
    # "gib mir mal" (a state form) is still "gib mir" (an export form): words, not characters.
    got = Router(builtin_tables()).route("gib mir mal die fertige Datei, muss gleich los")
    assert (got.action, got.reason) == ("export", "frame")
    assert "gib mir mal" in got.detail


def test_hand_overs_that_open_a_clause_are_marked_with_their_plain_spellings() -> None:
    entries = builtin_tables().entries
    for key in ("pásame el video", "pasame el video", "send me the video", "发给我"):
        assert entries[key].cues & Cue.OPENS, key
        assert entries[key].action == "export", key
    # What only names the file, or asks how, opens nothing.
    assert not entries["download"].cues & Cue.OPENS


def test_the_frame_roles_named_in_conflicts_share_no_bit_with_a_cue() -> None:
    # A cue added at the frame roles' bit was reported as a "frame object" in conflict
    # messages (RETRACT, at 1 << 41, did).
    cues = [value for name, value in vars(Cue).items() if name.isupper()]
    for flag in (_FORM_FLAG, _OBJECT_FLAG):
        assert all(not value & flag for value in cues)
