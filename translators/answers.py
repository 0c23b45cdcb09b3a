"""The user's answer to the agent's multiple-choice question → the message the agent expects.

The agent waits for one line per question, ``N. <prompt>: <label>[, <label>…]``; a question
the user skipped is ``N. <prompt>: Skipped``, and an answer that skips everything is the single
word ``Skipped``. Users answer the way people do: a letter or a number ("B", "2", "1 2 1" for
three questions, "1B 2A"), an ordinal ("the second one", "第二个"), the label's words in any of
the nine languages ("电影感" for "Cinematic", via ``data/answers.yaml``), several labels where
several may be picked, or "skip". A question the user did not mention is sent as skipped.

``interpret`` never guesses: a part it cannot map to exactly one question and its options
makes the whole answer ``None`` (the caller asks again).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.questions import AgentQuestion, Choice, QuestionItem

__all__ = ["SKIPPED", "Answer", "answer_message", "format_question", "free_form", "interpret",
           "option_key", "unclear_reason"]

#: The word the agent reads as "no answer" (the service's own wording; never translated).
SKIPPED = "Skipped"

_DATA = Path(__file__).with_name("data") / "answers.yaml"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPLIT_PARTS = re.compile(r"\s*(?:\n|;|；)\s*")
_NUMBERED = re.compile(r"(?:^|\s)(\d{1,2})\s*[.)、:：]\s*")
_COMPACT = re.compile(r"^(?:(\d{1,2})\s*[.):：-]?\s*)?([a-z]|\d{1,2})$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_FUZZY_MIN = 85.0
#: Words of two letters or more (a free-form answer needs a few to read as an instruction).
_WORD = re.compile(r"[^\W\d_]{2,}")
_KEY_TOKEN = re.compile(r"^(?:\d{1,2}\s*[.):：-]?\s*)?(?:[a-z]|\d{1,2})$")
#: A free-form answer is a sentence from this many words (or CJK characters) on.
_SENTENCE_WORDS = 3
_SENTENCE_CJK = 4


@dataclass(frozen=True)
class Answer:
    """Per question (in order): the labels picked, or None when skipped."""

    picks: tuple[tuple[str, ...] | None, ...]

    @property
    def skipped_all(self) -> bool:
        return all(p is None for p in self.picks)


def option_key(index: int) -> str:
    """The letter shown before option ``index`` (0-based): A, B, C…"""
    return _LETTERS[index] if index < len(_LETTERS) else str(index + 1)


def answer_message(question: AgentQuestion, answer: Answer) -> str:
    """The message that answers ``question``: one line per question, or ``Skipped``."""
    if answer.skipped_all:
        return SKIPPED
    lines = []
    for number, (item, picks) in enumerate(zip(question.questions, answer.picks, strict=True),
                                           start=1):
        value = ", ".join(picks) if picks else SKIPPED
        lines.append(f"{number}. {item.prompt}: {value}")
    return "\n".join(lines)


def interpret(question: AgentQuestion, text: str) -> Answer | None:
    """Map the user's ``text`` onto ``question``; None when any part of it is unclear."""
    items = question.questions
    norm = "\n".join(line for line in (_norm(ln) for ln in text.splitlines()) if line)
    if not norm:
        return None
    if _is_skip(norm):
        return Answer(tuple(None for _ in items))
    if len(items) == 1:
        picked = _pick(items[0], _strip_own_prefix(items[0], " ".join(norm.split()), 1))
        return None if picked is _UNCLEAR else Answer((_as_picks(picked),))
    return _interpret_many(items, norm) or _sentence_answer(items, norm)


def _unarticled(piece: str) -> str:
    """"la b" → "b": a leading article before the rest of the piece goes."""
    head, _, rest = piece.strip().partition(" ")
    return rest.strip() if rest.strip() and head in _words()["articles"] else piece.strip()


def _sentence_answer(items: Sequence[QuestionItem], norm: str) -> Answer | None:
    """An answer written as one sentence ("la B, de 15 segundos y animado", "B, 15 seconds,
    animated"): its parts, split at commas and "and", are the answers in the questions'
    order when there are as many; otherwise each part answers the one question whose options
    it names, and a bare key ("B") the first question still open. None when a part is
    unclear."""
    pieces = [_unarticled(p) for p in _split_and(norm) if p.strip(" .。!！?？")]
    if len(pieces) < 2:
        return None
    if len(pieces) == len(items):
        ordered = [_pick(item, piece) for item, piece in zip(items, pieces, strict=True)]
        if not any(isinstance(p, _Unclear) for p in ordered):
            return Answer(tuple(_as_picks(p) for p in ordered))
    picks: list[tuple[str, ...] | None] = [None] * len(items)
    answered = [False] * len(items)
    for piece in pieces:
        owners = [(i, p) for i in range(len(items)) if not answered[i]
                  for p in [_pick(items[i], piece, by_position=False)]
                  if not isinstance(p, _Unclear) and p is not None]
        if len(owners) != 1 and _KEY_TOKEN.match(piece):
            index = answered.index(False) if False in answered else -1
            keyed = _pick(items[index], piece) if index >= 0 else _UNCLEAR
            owners = [] if isinstance(keyed, _Unclear) or keyed is None else [(index, keyed)]
        if len(owners) != 1:
            return None
        index, picked = owners[0]
        picks[index] = _as_picks(picked)
        answered[index] = True
    return Answer(tuple(picks))


def free_form(question: AgentQuestion, text: str) -> bool:
    """Whether ``text``, which maps onto none of the options, is the user's own instruction
    (a sentence: "a lighthouse on a cliff by the sea", "海边悬崖上的灯塔") rather than an unclear
    answer ("banana", "D", "not sure", "the blue option"). The agent gets an instruction as
    it is, the way a user who types into the chat box instead of clicking an option does."""
    norm = _norm(text)
    if not norm or _is_skip(norm) or unclear_reason(question, text) != "words":
        return False
    if _matches_any(norm, _words()["unsure"]) or _matches_any(norm, _words()["pointing"]):
        return False
    if len(_CJK.findall(norm)) >= _SENTENCE_CJK:
        return True
    return len(_WORD.findall(norm)) >= _SENTENCE_WORDS


def unclear_reason(question: AgentQuestion, text: str) -> str:
    """Why ``text`` answers ``question`` unclearly, as a message variant: ``range`` (a letter
    or number that is no option), ``which`` (option keys without the question they answer),
    or ``words`` (it names no option)."""
    tokens = [t for t in re.split(r"[\s,，、;；]+", _norm(text)) if t]
    keys = [t for t in tokens if _KEY_TOKEN.match(t)]
    if not keys or len(keys) != len(tokens):
        return "words"
    items = question.questions
    for position, token in enumerate(keys):
        m = _COMPACT.match(token)
        if m is None:
            return "words"
        index = int(m.group(1)) - 1 if m.group(1) else min(position, len(items) - 1)
        if not 0 <= index < len(items) or _by_key(items[index], m.group(2)) is None:
            return "range"
    return "which" if len(keys) < len(items) else "words"


class _Unclear:
    pass


_UNCLEAR = _Unclear()
_Picked = tuple[str, ...] | None | _Unclear


def _as_picks(value: _Picked) -> tuple[str, ...] | None:
    assert not isinstance(value, _Unclear)
    return value


def _interpret_many(items: Sequence[QuestionItem], norm: str) -> Answer | None:
    picks: list[_Picked] = [_UNCLEAR] * len(items)
    answered = [False] * len(items)
    compact = _compact(items, norm)
    if compact is not None:
        return compact
    parts = [p for p in _SPLIT_PARTS.split(norm) if p]
    if len(parts) == 1 and len(_NUMBERED.findall(norm)) > 1:
        parts = [p.strip() for p in re.split(r"(?=(?:^|\s)\d{1,2}\s*[.)、:：]\s*)", norm)
                 if p.strip()]
    loose: list[str] = []
    for part in parts:
        m = re.match(r"^(\d{1,2})\s*[.)、:：]\s*(.+)$", part)
        if m and 1 <= int(m.group(1)) <= len(items):
            index = int(m.group(1)) - 1
            picks[index] = _pick(items[index],
                                 _strip_own_prefix(items[index], m.group(2), index + 1))
            answered[index] = True
        else:
            loose.append(part)
    free = [i for i, done in enumerate(answered) if not done]
    if loose and len(loose) == len(free) and len(loose) > 1:
        # As many unnumbered parts as open questions: in order, like a form.
        for index, part in zip(free, loose, strict=True):
            picks[index] = _pick(items[index], part)
            answered[index] = True
    else:
        for part in loose:
            # One part alone: it belongs to the one question whose options it names.
            owners = [(i, p) for i in free if not answered[i]
                      for p in [_pick(items[i], part, by_position=False)]
                      if not isinstance(p, _Unclear) and p is not None]
            if len(owners) != 1:
                return None
            index, picked = owners[0]
            picks[index] = picked
            answered[index] = True
    if any(isinstance(p, _Unclear) for done, p in zip(answered, picks, strict=True) if done):
        return None
    return Answer(tuple(None if not done else _as_picks(p)
                        for done, p in zip(answered, picks, strict=True)))


def _compact(items: Sequence[QuestionItem], norm: str) -> Answer | None:
    """"1 2 1", "b a c", "1b 2a 3c": one short key per question."""
    tokens = [t for t in re.split(r"[\s,，、;；]+", norm) if t]
    if len(tokens) != len(items):
        return None
    picks: list[tuple[str, ...] | None] = [None] * len(items)
    seen: set[int] = set()
    for position, token in enumerate(tokens):
        m = _COMPACT.match(token)
        if m is None:
            return None
        index = int(m.group(1)) - 1 if m.group(1) else position
        if not 0 <= index < len(items) or index in seen:
            return None
        seen.add(index)
        chosen = _by_key(items[index], m.group(2))
        if chosen is None:
            return None
        picks[index] = (chosen.label,)
    return Answer(tuple(picks))


def _pick(item: QuestionItem, part: str, *, by_position: bool = True) -> _Picked:
    """The labels ``part`` picks from ``item`` (None: skipped; _UNCLEAR: cannot tell)."""
    part = part.strip(" .。!！?？")
    if not part:
        return _UNCLEAR
    if _is_skip(part):
        return None
    single = _one(item, part, by_position=by_position)
    if single is not None:
        return (single.label,)
    if item.allow_multiple:
        if _matches_any(part, _words()["all"]):
            return tuple(o.label for o in item.options)
        pieces = [p for p in _split_and(part) if p]
        if len(pieces) > 1:
            chosen: list[str] = []
            for piece in pieces:
                one = _one(item, piece, by_position=by_position)
                if one is None:
                    return _UNCLEAR
                if one.label not in chosen:
                    chosen.append(one.label)
            return tuple(chosen)
    return _UNCLEAR


def _one(item: QuestionItem, piece: str, *, by_position: bool) -> Choice | None:
    piece = piece.strip(" .。!！?？\"'“”「」")
    if not piece:
        return None
    options = item.options
    exact = [o for o in options if _norm(o.label) == piece]
    if len(exact) == 1:
        return exact[0]
    if by_position:
        keyed = _by_key(item, re.sub(r"^(?:option|opción|choix|option|opção|选项|選項)\s*", "",
                                     piece))
        if keyed is not None:
            return keyed
        ordinal = _ordinal(piece, len(options))
        if ordinal is not None:
            return options[ordinal]
    return _by_words(options, piece)


def _by_key(item: QuestionItem, key: str) -> Choice | None:
    key = key.strip(" .)）")
    if len(key) == 1 and key.isalpha() and key.isascii():
        index = _LETTERS.index(key.upper())
        return item.options[index] if index < len(item.options) else None
    if key.isdigit():
        index = int(key) - 1
        return item.options[index] if 0 <= index < len(item.options) else None
    return None


def _ordinal(piece: str, count: int) -> int | None:
    found: set[int] = set()
    for index, words in _words()["ordinals"].items():
        if _matches_any(piece, words):
            found.add(count - 1 if index == -1 else index - 1)
    if len(found) == 1:
        index = found.pop()
        return index if 0 <= index < count else None
    return None


def _by_words(options: Sequence[Choice], piece: str) -> Choice | None:
    """The one option whose label the piece names: contains it, shares a number with it,
    means the same in another language, or nearly spells it."""
    labels = [_norm(o.label) for o in options]
    if _wordier(piece, labels) and not _matches_any(piece, _words()["pointing"]):
        return None  # "a city at night with fireworks": the user's own words, not option A
    contained = [o for o, label in zip(options, labels, strict=True)
                 if len(piece) >= 2 and (piece in label or (len(label) >= 2 and label in piece))]
    if len(contained) == 1:
        return contained[0]
    numbers = _NUMBER.findall(piece)
    if numbers:
        with_number = [o for o, label in zip(options, labels, strict=True)
                       if set(numbers) & set(_NUMBER.findall(label))]
        if len(with_number) == 1:
            return with_number[0]
    concepts = [group for group in _words()["synonyms"] if _matches_any(piece, group)]
    if concepts:
        meant = [o for o, label in zip(options, labels, strict=True)
                 if any(_matches_any(label, group) for group in concepts)]
        if len(meant) == 1:
            return meant[0]
    if len(piece) < 3:
        return None  # a letter or two is a key, never a typo of a label
    from rapidfuzz import fuzz, process

    # The whole piece against the whole label: a typo ("cinematc"), never a sentence that
    # shares a few letters with a label (WRatio matched "a lighthouse on a cliff" to
    # "A city at night").
    best = process.extract(piece, labels, scorer=fuzz.ratio, limit=2)
    if best and best[0][1] >= _FUZZY_MIN and (len(best) == 1 or best[1][1] < best[0][1] - 5):
        return options[best[0][2]]
    return None


_HAN = re.compile(r"[\u3400-\u9fff]")
_KANA_HANGUL_RUN = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]+")


def _count_words(text: str) -> int:
    """Words in ``text``: Latin words, a run of kana or hangul as one, two Han characters as
    one (about a word in Chinese and Japanese)."""
    latin = len(_WORD.findall(_CJK.sub(" ", text)))
    return latin + len(_KANA_HANGUL_RUN.findall(text)) + len(_HAN.findall(text)) // 2


def _wordier(piece: str, labels: Sequence[str]) -> bool:
    """Whether ``piece`` says clearly more than any label: a sentence of the user's own."""
    words, longest = _count_words(piece), max(map(_count_words, labels), default=0)
    return words >= _SENTENCE_WORDS and words > longest + 1


def _strip_own_prefix(item: QuestionItem, part: str, number: int) -> str:
    """"1. What about?: City" (the user copied the agent's form) → "City"."""
    head, sep, tail = part.partition(":")
    if not sep:
        head, sep, tail = part.partition("：")
    head = re.sub(r"^\s*\d{1,2}\s*[.)、]\s*", "", head) or head
    if sep and tail.strip() and (_norm(item.prompt).startswith(head.strip(" ?？"))
                                 or head.strip().rstrip(".") == str(number)):
        return tail.strip()
    return part


def _split_and(part: str) -> list[str]:
    pieces = [part]
    for sep in _words()["and"]:
        pieces = [p for piece in pieces for p in piece.split(sep)]
    return [p.strip() for p in pieces]


def _is_skip(part: str) -> bool:
    return part.strip(" .。!！") in _words()["skip"]


def _matches_any(text: str, words: Sequence[str]) -> bool:
    return any(_matches(text, word) for word in words)


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    if _CJK.search(word):
        return re.compile(re.escape(word))
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def _matches(text: str, word: str) -> bool:
    return bool(_word_pattern(word).search(text))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@functools.cache
def _words() -> dict[str, Any]:
    from backend.datacache import load_yaml  # parsed once per version

    data = load_yaml(_DATA)
    if not isinstance(data, dict):
        raise RuntimeError(f"{_DATA.name} must be a mapping")
    return {
        "skip": frozenset(_norm(str(w)) for w in data["skip"]),
        "all": tuple(_norm(str(w)) for w in data["all"]),
        "and": tuple(str(w).casefold() for w in data["and"]),
        "ordinals": {int(k): tuple(_norm(str(w)) for w in v)
                     for k, v in data["ordinals"].items()},
        "synonyms": tuple(tuple(_norm(str(w)) for w in group) for group in data["synonyms"]),
        "unsure": tuple(_norm(str(w)) for w in data["unsure"]),
        "pointing": tuple(_norm(str(w)) for w in data["pointing"]),
        "articles": frozenset(_norm(str(w)) for w in data["articles"]),
    }


def format_question(question: AgentQuestion, lang: str, *, again: bool = False,
                    said: str = "") -> str:
    """The question as the user reads it: the title, each question numbered with lettered
    options, and how to answer, in ``lang`` (the agent's own words are kept as they are).
    ``again`` when ``said`` answered it unclearly: the first line says why."""
    from translators import messages

    lines: list[str] = []
    if again:
        short = " ".join(said.split())
        lines.append(messages.render(
            "question_unclear", lang, answer=short if len(short) <= 60 else short[:59] + "…",
            reason=unclear_reason(question, said), count=len(question.questions),
            keys=[option_key(i) for i in range(max(
                (len(q.options) for q in question.questions), default=0))]))
    lines.append(f"❓ {question.title}" if question.title
                 else messages.render("question_default_title", lang))
    several = len(question.questions) > 1
    for number, item in enumerate(question.questions, start=1):
        head = f"{number}. {item.prompt}" if several else item.prompt
        if item.allow_multiple:
            head += " " + messages.render("question_pick_many", lang)
        lines.append(head)
        indent = "   " if several else ""
        lines += [f"{indent}{option_key(i)}. {o.label}" for i, o in enumerate(item.options)]
    lines.append(messages.render("question_how_many" if several else "question_how_single",
                                 lang))
    return "\n".join(lines)
