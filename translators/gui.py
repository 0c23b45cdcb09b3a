"""Backend text → chat text: GUI directions become actions, content stays word for word.

The backend agent writes as if the user had an editor ("Click **Export** to download",
"拖拽片段到时间线"). ``translate`` removes each such direction (with the clauses that only lead
up to it or follow from it), records the API action it stands for, and adds one short hint
per action in the reply's language ("Say “export” when you want the MP4."). Sentences with no
direction are returned exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from translators import messages
from translators.gui_table import GuiTable, KindRule, PhraseInput, load_table, target_key
from translators.lang import guess_language, normalize_language

__all__ = ["GuiAction", "GuiTranslation", "translate"]

_HINT_KEYS: Final = {
    "export": "gui_hint_export",
    "timeline": "gui_hint_timeline",
    "state": "gui_hint_state",
    "edit": "gui_hint_edit",
    "credits": "gui_hint_credits",
    "upload": "gui_hint_upload",
}
_LIST_PREFIX = re.compile(r"^\s*(?:[-*+•]\s+|\d+[.)]\s+|#+\s+|>\s*)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")
_END_PUNCT = re.compile(r"[.!?。！？…]+[\"'”’)\]]*\s*$")
_CLAUSE_SEP = re.compile(r"(\s*[,;，；]\s*|\s+[—–-]{1,2}\s+|\s*——\s*)")
_EMPHASIS = re.compile(
    r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__|(?<![\w*])\*([^*\n]+?)\*(?!\w)|\[([^\]\n]+)\]"
    r"|“([^”\n]+)”|\"([^\"\n]+)\"|「([^」\n]+)」|『([^』\n]+)』|【([^】\n]+)】|‘([^’\n]+)’"
    r"|`([^`\n]+)`|(?<![A-Za-z])'([^'\n]+)'(?![A-Za-z])"
)
_MARKUP = re.compile(r"\*\*|__|[`“”「」『』【】]|\[|\]\([^)]*\)|\]")
# Quoted text is content even when it reads like a direction: a caption “Click Export to start”.
_QUOTED = re.compile(
    r"“[^”\n]{1,200}”|「[^」\n]{1,200}」|『[^』\n]{1,200}』|«[^»\n]{1,200}»|《[^》\n]{1,200}》"
    r"|„[^“”\n]{1,200}[“”]|‘[^’\n]{1,200}’|\"[^\"\n]{1,200}\""
    r"|(?<![A-Za-z])'[^'\n]{1,200}'(?![A-Za-z])")
# Private-use characters stand in for masked quotes while a line is taken apart.
_MASK_BASE: Final = 0xE000
_MASK_MAX: Final = 0x1000
_MASKS = re.compile("[\ue000-\uefff]")
#: How far before a quote a verb naming it is looked for ("click on the “…”").
_VERB_REACH: Final = 30
# Verbs written in kana or hangul come after their object ("「書き出し」をクリック").
_OBJECT_FIRST = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_MAX_TARGET_WORDS: Final = 4
#: Reply languages whose sentences follow one another without a space.
_NO_SPACES: Final = frozenset({"zh", "zh-Hant", "ja"})


@dataclass(frozen=True)
class GuiAction:
    """One GUI direction found in the text and the API action it stands for.

    ``kind``: click | open | drag | preview | export | account. ``action``: export | state |
    edit | timeline | credits | upload. ``phrase``: the words that matched; ``target``: the
    button or panel named, if any; ``instruction``: for ``edit``, what to send through the
    chat stream instead (e.g. "Add music", "move the title to 5s").
    """

    kind: str
    action: str
    phrase: str
    target: str | None = None
    instruction: str | None = None


@dataclass(frozen=True)
class GuiTranslation:
    """The text to show, and the actions the removed directions stood for (in order)."""

    text: str
    actions: tuple[GuiAction, ...]

    @property
    def changed(self) -> bool:
        return bool(self.actions)


def translate(
    text: str,
    lang: str | None = None,
    extra_phrases: PhraseInput | None = None,
    *,
    mode: str = "extend",
    hints: bool = True,
) -> GuiTranslation:
    """Remove GUI directions from ``text`` and return them as actions.

    ``lang`` is the reply language for the hints (any tag; None guesses from the text's
    script). ``extra_phrases`` (kind → language → phrases) and ``mode`` ("extend" or
    "replace") come from the skill's overrides. With ``hints`` False no hint is added. Text
    with no direction comes back unchanged. Raises ``ValueError`` for malformed extra phrases.
    """
    if not text or not text.strip():
        return GuiTranslation(text, ())
    # The phrases of the language the text is written in and of the reply's (they differ when
    # the backend answers in another language than the user's).
    written = guess_language(text)
    reply_lang = normalize_language(lang) if lang else written
    table = load_table(extra_phrases, mode, languages=(written, reply_lang))
    if not _mentions_gui(text, table):
        return GuiTranslation(text, ())
    actions: list[GuiAction] = []
    lines: list[str] = []
    masked: list[str] = []
    for raw_line in text.split("\n"):
        line = _mask_quotes(raw_line, table, masked)
        if not _mentions_gui(line, table):
            lines.append(line)
            continue
        prefix_match = _LIST_PREFIX.match(line)
        prefix = prefix_match.group(0) if prefix_match else ""
        body = _strip_line(line[len(prefix):], table, actions, reply_lang)
        if body.strip():
            lines.append(prefix + body)
    if not actions:
        return GuiTranslation(text, ())
    kept = _unmask(_tidy(lines), masked)
    actions = [_unmask_action(a, masked) for a in actions] if masked else actions
    if hints:
        kept = _with_hints(kept, actions, reply_lang)
    return GuiTranslation(kept, tuple(actions))


def _mentions_gui(text: str, table: GuiTable) -> bool:
    return any(r.phrases is not None and r.phrases.search(text) for r in table.rules)


def _mask_quotes(line: str, table: GuiTable, masked: list[str]) -> str:
    """Hide quoted text that holds a GUI phrase (a caption “Click Export to start”) behind one
    private-use character each, so that it is kept as written; a quoted button name
    (“Export”, 「書き出し」) stays visible as the target of the verb around it."""
    if not _QUOTED.search(line):
        return line

    def hide(match: re.Match[str]) -> str:
        quoted = match.group(0)
        inner = quoted[1:-1]
        if (not _mentions_gui(inner, table) or table.targets.fullmatch(inner.strip())
                or _named_by_verb(line[: match.start()], table)
                or len(masked) >= _MASK_MAX or _MASKS.search(inner)):
            return quoted
        masked.append(inner)
        return quoted[0] + chr(_MASK_BASE + len(masked) - 1) + quoted[-1]
    return _QUOTED.sub(hide, line)


def _named_by_verb(before: str, table: GuiTable) -> bool:
    """Whether a quote follows a verb that takes a button name ("click “Export your video”")."""
    tail = before[-_VERB_REACH:]
    for rule in table.rules:
        if not rule.needs_object or rule.phrases is None:
            continue
        for verb in rule.phrases.finditer(tail):
            rest = tail[verb.end():].lstrip()
            if not rest or table.articles.fullmatch(rest):
                return True
    return False


def _unmask(text: str, masked: list[str]) -> str:
    if not masked:
        return text
    return _MASKS.sub(lambda m: masked[ord(m.group(0)) - _MASK_BASE]
                      if ord(m.group(0)) - _MASK_BASE < len(masked) else m.group(0), text)


def _unmask_action(action: GuiAction, masked: list[str]) -> GuiAction:
    return GuiAction(action.kind, action.action, _unmask(action.phrase, masked),
                     _unmask(action.target, masked) if action.target else action.target,
                     _unmask(action.instruction, masked) if action.instruction
                     else action.instruction)


# --- one line ---------------------------------------------------------------------------------

def _strip_line(body: str, table: GuiTable, actions: list[GuiAction], lang: str) -> str:
    pieces: list[str] = []
    position = 0
    for sep in _SENTENCE.finditer(body):
        pieces.append(body[position:sep.end()])
        position = sep.end()
    pieces.append(body[position:])
    out: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        stripped = piece.rstrip()
        trailing = piece[len(stripped):]
        kept = _strip_sentence(stripped, table, actions, lang)
        if kept:
            out.append(kept + trailing)
    return "".join(out).rstrip()


def _strip_sentence(sentence: str, table: GuiTable, actions: list[GuiAction],
                    lang: str) -> str:
    end = _END_PUNCT.search(sentence)
    core = sentence[: end.start()] if end else sentence
    ending = sentence[end.start():] if end else ""
    parts = _CLAUSE_SEP.split(core)
    clauses, seps = parts[0::2], ["", *parts[1::2]]
    dropped = [False] * len(clauses)
    found: list[GuiAction | None] = [None] * len(clauses)
    for i, clause in enumerate(clauses):
        hit = _find_direction(clause, table, lang)
        if hit is None:
            continue
        action, start = hit
        found[i] = action
        keep = _content_before(clause[:start], table)
        if keep:
            clauses[i] = keep
        else:
            dropped[i] = True
    if not any(found):
        return sentence
    for i in range(1, len(clauses)):
        if not dropped[i] and (dropped[i - 1] or found[i - 1]) and _opens(table.connector,
                                                                           clauses[i]):
            dropped[i] = True
    for i in range(len(clauses) - 2, -1, -1):
        if not dropped[i] and dropped[i + 1] and _is_subordinate(clauses[i], table):
            dropped[i] = True
    actions.extend(a for a in found if a is not None)
    kept = [(seps[i] if out_i else "") + clauses[i]
            for out_i, i in enumerate(i for i in range(len(clauses)) if not dropped[i])]
    if not kept:
        return ""
    text = "".join(kept).strip()
    if not text:
        return ""
    last_kept = max(i for i in range(len(clauses)) if not dropped[i])
    if last_kept != len(clauses) - 1 or any(found[i] and not dropped[i] for i in range(
            len(clauses))):
        ending = ending.strip() or ("。" if _CJK_CHAR.search(text) else ".")
    if dropped[0] and text[0].islower():
        text = text[0].upper() + text[1:]
    return text.rstrip(" ,;，；") + ending


def _content_before(prefix: str, table: GuiTable) -> str:
    """Content that shares a clause with a direction ("I added music and you can drag …")."""
    splits = list(table.conjunction.finditer(prefix))
    if not splits:
        return ""
    head = prefix[: splits[-1].start()].strip()
    if not head or table.lead_in.fullmatch(head) or _is_subordinate(head, table):
        return ""
    return head


def _opens(pattern: re.Pattern[str], clause: str) -> bool:
    match = pattern.match(clause.strip())
    return match is not None


def _is_subordinate(clause: str, table: GuiTable) -> bool:
    stripped = clause.strip()
    if table.subordinator.match(stripped):
        return True
    ending = table.subordinator_ending.search(stripped)
    return ending is not None and ending.end() == len(stripped)


# --- finding a direction -----------------------------------------------------------------

def _find_direction(clause: str, table: GuiTable, lang: str) -> tuple[GuiAction, int] | None:
    """The direction in ``clause`` and where it starts, or None.

    Phrases that stand alone ("preview in the timeline", "导出按钮") win over verbs that need
    an object ("click …"); otherwise the earliest direction wins.
    """
    best: tuple[int, int, KindRule, re.Match[str]] | None = None
    for rule in table.rules:
        if rule.phrases is None:
            continue
        for match in rule.phrases.finditer(clause):
            if rule.needs_object and (
                    table.determiner_before.search(clause[: match.start()])
                    or not (_has_object(clause[match.end():], rule, table)
                            or _has_object_before(clause, match, rule, table))):
                continue
            rank = (0 if not rule.needs_object else 1, match.start())
            if best is None or rank < best[:2]:
                best = (*rank, rule, match)
            break
    if best is None:
        return None
    _, _, rule, match = best
    start = _lead_in_start(clause, match.start(), table)
    return _action(rule, match, clause, table, lang), start


def _has_object(after: str, rule: KindRule, table: GuiTable) -> bool:
    if _EMPHASIS.search(after) or table.objects.search(after):
        return True
    if rule.objects is not None and rule.objects.search(after):
        return True
    return table.targets.search(after) is not None


def _objects_in(text: str, rule: KindRule, table: GuiTable) -> list[re.Match[str]]:
    found = [*_EMPHASIS.finditer(text), *table.objects.finditer(text),
             *table.targets.finditer(text)]
    if rule.objects is not None:
        found += rule.objects.finditer(text)
    return found


def _has_object_before(clause: str, match: re.Match[str], rule: KindRule,
                       table: GuiTable) -> bool:
    """An object before the verb: anywhere in the clause for a verb written in kana or hangul
    ("「書き出し」をクリック", "클립을 타임라인으로 드래그"); elsewhere right before it, with only
    particles between and nothing after ("auf **Exportieren** klicken")."""
    before = clause[: match.start()]
    if _OBJECT_FIRST.search(match.group(0)):
        return bool(_objects_in(before, rule, table))
    if _LATIN_OR_DIGIT.search(clause[match.end():]):
        return False
    return any(table.object_gap.fullmatch(before[m.end():])
               for m in _objects_in(before, rule, table))


def _lead_in_start(clause: str, start: int, table: GuiTable) -> int:
    """Move the start back over words that lead into the direction ("you can", "请")."""
    before = clause[:start]
    trimmed = before.rstrip()
    while trimmed:
        match = None
        for candidate in table.lead_in.finditer(trimmed):
            if candidate.end() == len(trimmed):
                match = candidate
        if match is None:
            break
        trimmed = trimmed[: match.start()].rstrip()
    return len(trimmed) if trimmed != before.rstrip() else start


def _action(rule: KindRule, match: re.Match[str], clause: str, table: GuiTable,
            lang: str) -> GuiAction:
    after = clause[match.end():]
    if rule.needs_object:
        # The object is on the verb's own side first: before it for kana and hangul verbs.
        before = _target_before(clause[: match.start()], table)
        if _OBJECT_FIRST.search(match.group(0)) and before is not None:
            target: str | None = before
        else:
            target = _target(after, table) or before
    else:
        # "Export button", "导出按钮": the phrase itself names the thing.
        named = _first_target(match.group(0), table)
        target = named.group(0) if named else None
    action = rule.action
    known = _known_action(target, table) if target is not None else None
    if known in rule.target_actions:
        action = known or action
    elif rule.kind == "drag":
        target = None  # what is dragged is content, not a button
    instruction: str | None = None
    if action == "edit":
        instruction = _instruction(rule, after, target, table, lang=lang, clause=clause,
                                   phrase=match.group(0))
    phrase = " ".join(_MARKUP.sub("", match.group(0)).split())
    return GuiAction(rule.kind, action, phrase, target, instruction)


def _instruction(rule: KindRule, after: str, target: str | None, table: GuiTable, *,
                 lang: str, clause: str, phrase: str = "") -> str | None:
    """What to ask the backend agent instead of the GUI step."""
    if rule.kind == "drag":
        verbs = table.rewrite.get("drag", {})
        if _OBJECT_FIRST.search(phrase):
            # "タイトルを5秒にドラッグして" → "タイトルを5秒に移動して": the verb stays last.
            verb = verbs.get(lang) or verbs.get("ja" if re.search(r"[\u3040-\u30ff]", phrase)
                                                 else "ko", "")
            before = clause[: clause.find(phrase)] if phrase in clause else ""
            spacer = " " if re.search(r"[\uac00-\ud7af]", verb) else ""
            return _clean(before.strip() + spacer + verb) or None
        verb = verbs.get(lang) or verbs.get("zh" if _CJK_CHAR.search(clause) else "en", "")
        spacer = "" if not verb or _CJK_CHAR.search(verb) else " "
        return _clean(verb + spacer + after.strip()) or None
    purpose = table.purpose.search(after)
    if purpose is not None:
        return _clean(purpose.group(1)) or None
    if target is not None:
        return _clean(target) or None
    return _clean(after) or None


def _target(after: str, table: GuiTable) -> str | None:
    """The button or panel named after a verb: emphasised, known, or before a UI noun."""
    emphasis = _EMPHASIS.search(after)
    if emphasis is not None:
        return next(g for g in emphasis.groups() if g is not None).strip()
    known = _first_target(after, table)
    if known is not None:
        return known.group(0)
    noun = table.objects.search(after)
    if noun is None:
        return None
    words = table.articles.sub("", after[: noun.start()].strip())
    if not words or len(words.split()) > _MAX_TARGET_WORDS:
        return None
    return words


def _target_before(before: str, table: GuiTable) -> str | None:
    """The button or panel named before a verb that follows its object: the last emphasised
    or known name."""
    emphasis = list(_EMPHASIS.finditer(before))
    if emphasis:
        return next(g for g in emphasis[-1].groups() if g is not None).strip()
    known = list(table.targets.finditer(before))
    return known[-1].group(0) if known else None


def _first_target(text: str, table: GuiTable) -> re.Match[str] | None:
    return table.targets.search(text)


def _known_action(target: str, table: GuiTable) -> str | None:
    found = table.targets.search(target)
    return table.target_actions.get(target_key(found.group(0))) if found else None


def _clean(text: str) -> str:
    flat = _MARKUP.sub("", text)
    flat = " ".join(flat.split())
    return flat.strip(" .,;:!?。！？，；：")


# --- putting the reply back together -------------------------------------------------------------

def _tidy(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        blank = not line.strip()
        if blank and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def _with_hints(text: str, actions: list[GuiAction], lang: str) -> str:
    hints: list[str] = []
    for action in actions:
        hint = messages.render(_HINT_KEYS[action.action], lang)
        if hint not in hints and hint not in text:
            hints.append(hint)
    if not hints:
        return text
    joined = " ".join(hints) if lang not in _NO_SPACES else "".join(hints)
    if not text:
        return joined
    separator = "\n\n" if "\n" in text else ("" if lang in _NO_SPACES else " ")
    return text + separator + joined
