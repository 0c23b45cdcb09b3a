"""What a narration request dictates: the words the voice is to speak.

"add a voice-over saying: Meet SolarLite", "让旁白说：祝小雨生日快乐", "ナレーションを「ようこそ」と
言って": the text after the phrase (or quoted beside it) is content, never a command, so a name
in it (小雨 is a girl's name and "light rain") changes no weather, colour or music. "que lea el
subtítulo" asks the captions' own text to be spoken. The phrases are data (``dictation.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.datacache import load_yaml
from backend.words import word_pattern

__all__ = ["Dictated", "find"]

#: Between a phrase and the quote it introduces: spaces and the punctuation of a colon.
_LEAD = re.compile(r"[\s:：,，、]*")
#: A colon or an opening quote after "the text": the text itself follows ("my text: …").
_GIVEN = re.compile(r"\s*(?:[:：]|(?=[\"“«„「『]))")
_EDGES = " \t\n:：,，、\"'“”‘’「」『』«»„"
#: A "read the caption" request names the captions in a few words at most.
_READ_LIMIT = 30


@dataclass(frozen=True)
class Dictated:
    """``start``: where the phrase begins in the message (what comes before it is the
    request); ``words``: the text to speak; ``captions``: the captions' text is to be read."""

    start: int
    words: str
    captions: bool = False


@functools.cache
def _table() -> dict[str, Any]:
    return load_yaml(Path(__file__).with_name("dictation.yaml"))  # type: ignore[no-any-return]


def _words(key: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        out.extend(str(w) for w in (_table().get(code) or {}).get(key, ()))
    return tuple(dict.fromkeys(out))


def find(message: str, codes: tuple[str, ...], quotes: list[tuple[int, int, str]],
         caption_words: tuple[str, ...], names: tuple[str, ...]) -> Dictated | None:
    """The dictated text of ``message`` (in the languages ``codes``), or None when it
    dictates none. ``quotes`` are the message's quoted texts (start, end, text); ``names``
    the narration's names, inside which a phrase is none ("解说" holds "说")."""
    says = word_pattern(_words("say", codes))
    reads = word_pattern(_words("read", codes))
    named = [m.span() for m in word_pattern(names).finditer(message)]
    own = _words("own", codes)
    found_said = _find(message, says, reads, quotes=quotes, caption_words=caption_words,
                       named=named, marked=False,
                       own=word_pattern(own) if own else None)
    if found_said is not None:
        return found_said
    marked = _words("marked", codes)
    found_read = _find(message, word_pattern(marked), reads, quotes=quotes,
                       caption_words=caption_words, named=named, marked=True) if marked else None
    if found_read is not None:
        return found_read  # "E a voz: lê “Um farol na praia…”"
    changes = _words("change", codes)
    if not changes:
        return None
    return _find(message, word_pattern(changes), reads, quotes=quotes,
                 caption_words=caption_words, named=named, marked=True)


def _find(message: str, says: re.Pattern[str], reads: re.Pattern[str], *,
          quotes: list[tuple[int, int, str]], caption_words: tuple[str, ...],
          named: list[tuple[int, int]], marked: bool,
          own: re.Pattern[str] | None = None) -> Dictated | None:
    """The first phrase of ``says`` that dictates; ``marked``: only with a colon or a quoted
    text right after it (or a quoted text right before it)."""
    for found in says.finditer(message):
        if any(a < found.start() < b for a, b, _ in quotes):
            continue  # a phrase inside a quote is part of the text
        if any(a <= found.start() < b or a < found.end() <= b for a, b in named):
            continue
        lead = _LEAD.match(message, found.end())
        after = lead.end() if lead else found.end()
        quoted = next((text for a, _, text in quotes if a == after), None)
        if quoted is None:
            # "ナレーションを「ようこそ」と言って": the quote comes before the phrase.
            quoted = next((text for _, b, text in quotes
                           if b <= found.start() and not message[b:found.start()].strip()),
                          None)
        if marked and quoted is None and ":" not in message[found.end():after] and (
                "：" not in message[found.end():after]):
            continue  # "把旁白改成女声", "change the narration to a male voice": no words
        words = quoted if quoted is not None else message[after:].strip(_EDGES)
        if not words:
            continue
        text_named = own.match(words.lower()) if quoted is None and own is not None else None
        given = _GIVEN.match(words, text_named.end()) if text_named is not None else None
        if given is not None and reads.fullmatch(found.group(0)):
            # "reading my text: The old lighthouse keeps watch…", "lendo o texto: O velho
            # farol…": the text named is the one that follows; it is what is spoken.
            text = words[given.end():].strip(_EDGES)
            if text:
                return Dictated(found.start(), text)
        if (quoted is None and own is not None and reads.fullmatch(found.group(0))
                and (text_named is not None
                     or _ends_with(own, message[:found.start()].lower()))):
            # "lendo o texto, a professora gosta", "die den Text vorliest, das mag …",
            # "テキストを読み上げて、先生が…": the text the video has (its script, or what it is
            # about) is read; the remark beside it is not spoken.
            return Dictated(found.start(), "")
        if (quoted is None and reads.fullmatch(found.group(0))
                and len(words) <= _READ_LIMIT
                and word_pattern(caption_words).search(words)):
            return Dictated(found.start(), "", captions=True)
        return Dictated(found.start(), words)
    return None


def _ends_with(words: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` ends with one of ``words`` (spaces and punctuation aside)."""
    end = text.rstrip(_EDGES)
    return any(m.end() == len(end) for m in words.finditer(end))
