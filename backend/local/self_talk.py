"""What a first message says about the one who asks, taken out before its subject is read.

People new to the product introduce themselves before they ask ("Hola, soy fontanero y tengo
un pequeño negocio. Quiero un vídeo …", "Ich habe einen kleinen Blumenladen und möchte …",
"저는 동네 빵집을 하고 있어요."), and say who the video is for ("to show my customers", "for the
parents group chat", "손님들한테 보여줄"). In trial 12 those words became the video's subject,
its scene names and its title ("Ich habe einen kleinen Blumenladen und möchte", 「想」). This
module returns the message without them: the sentences before the request that introduce
the asker, the self-introduction a request sentence opens with ("im coaching a kids football
team and want …"), and the purposes that name an audience or a place to post. The words are
data (``self_talk.yaml``); what is left is read for the subject as before (``intents``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backend.words import has_cjk, word_pattern

__all__ = ["without_self_talk"]

#: Where a sentence ends: a full stop, question or exclamation mark followed by a space (the
#: space keeps "3.5" and "www.x.com" whole), or a CJK full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？!?])")
_CLAUSE_END = re.compile(r"(?<=[，,、])")
_LEADING_PUNCT = " \t\n,.!?~、，。！？"


@dataclass(frozen=True)
class _Talk:
    openers: tuple[str, ...]
    wants: tuple[str, ...]
    closers: tuple[str, ...]
    fillers: tuple[str, ...]
    purposes: tuple[tuple[re.Pattern[str], str], ...]
    video_with: str | None


def _listed(table: dict[str, object], key: str) -> tuple[str, ...]:
    value = table.get(key) or ()
    return tuple(str(w).lower() for w in value) if isinstance(value, list) else ()


@functools.cache
def _talk(lang: str) -> _Talk | None:
    from backend.datacache import load_yaml  # parsed once per version

    table = dict(load_yaml(Path(__file__).with_name("self_talk.yaml"))).get(lang)
    if not isinstance(table, dict):
        return None
    purposes = tuple((re.compile(str(p["re"]), re.IGNORECASE), str(p.get("as", " ")))
                     for p in table.get("purposes") or ())
    with_word = table.get("video_with")
    return _Talk(_listed(table, "openers"), _listed(table, "wants"), _listed(table, "closers"),
                 _listed(table, "fillers"), purposes, str(with_word) if with_word else None)


def _opens_with(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.match(text.lower(), len(text) - len(text.lstrip(_LEADING_PUNCT)))


def _without_greetings(text: str, greetings: re.Pattern[str] | None) -> str:
    """``text`` without the greetings it opens with ("hey so …", "안녕하세요, 저는 …")."""
    while greetings is not None and (m := _opens_with(greetings, text)) is not None:
        text = text[m.end():]
    return text.lstrip(_LEADING_PUNCT)


def _introduces(talk: _Talk, sentence: str) -> bool:
    """Whether ``sentence`` (greetings taken out) is the asker introducing themselves: it
    opens with "I'm"/"soy"/"저는", or ends with "です"/"이에요" where the verb comes last."""
    if not sentence.strip():
        return True  # only a greeting
    if talk.openers and _opens_with(word_pattern(talk.openers), sentence) is not None:
        return True
    end = sentence.rstrip(_LEADING_PUNCT).lower()
    return any(end.endswith(closer) for closer in talk.closers)


def without_self_talk(text: str, lang: str, *, requests: tuple[str, ...],
                      video_nouns: tuple[str, ...], greetings: tuple[str, ...],
                      content: Callable[[str], bool]) -> str:
    """``text`` (a message asking for a new video, in ``lang``) without what it says of the
    asker: the introductions before the request and the audiences it names.

    ``requests`` are the words that ask (want, make, video), ``video_nouns`` the video's
    names, ``greetings`` the language's greetings; ``content`` tells whether a piece still
    names something once request words are gone. Unchanged when nothing is recognised."""
    talk = _talk(lang)
    if talk is None:
        return text
    for pattern, replacement in talk.purposes:
        text = pattern.sub(replacement, text)
    asks = word_pattern(requests)
    greeting = word_pattern(greetings) if greetings else None
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    # The request is the first sentence naming the video, else the first asking anything
    # (in CJK a request word may sit inside another: the "吧" of "酒吧").
    nouns = word_pattern(video_nouns) if video_nouns else None
    first = next((i for i, s in enumerate(sentences)
                  if nouns is not None and nouns.search(s.lower())), None)
    if first is None:
        first = next((i for i, s in enumerate(sentences) if asks.search(s.lower())), None)
    if first is None:
        return text
    empty = _empty(asks, word_pattern(talk.wants + talk.fillers)
                   if talk.wants or talk.fillers else None, content)
    rest = sentences[first + 1:]
    # The sentences before the request that introduce the asker go ("Soy fontanero y tengo
    # un pequeño negocio.", "学生です。"); any other keeps its place (it may describe the video).
    # An introduction that is the subject ("I'm on a sailboat at sunset. Make a short video
    # about it") goes too: kept, it made "Hi, I'm Anna. Can you make a video?" a video of Anna.
    request = sentences[first]
    kept = [s for s in sentences[:first]
            if not _introduces(talk, _without_greetings(s, greeting))]
    bare = _without_greetings(request, greeting)
    if talk.wants and talk.openers and _opens_with(word_pattern(talk.openers), bare):
        # "im coaching a kids football team and want a quick vid …": the request starts
        # after its verb of wanting.
        want = word_pattern(talk.wants).search(bare.lower())
        if want is not None and asks.search(bare[want.end():].lower()):
            request = bare[want.end():]
    if talk.video_with is not None and video_nouns:
        # "einen kurzen Film mit einem bunten Blumenstrauß": what the film is "with" is what
        # it shows, said as "about" so the subject is read from it.
        # Only the video asked for: in "ein Video über einen Film mit …" the film is shown.
        named = word_pattern(video_nouns).search(request.lower())
        with_word = re.compile(rf"\s+{re.escape(talk.video_with)}\b", re.IGNORECASE)
        if named is not None and (after := with_word.match(request, named.end())):
            request = f"{request[:named.end()]} über{request[after.end():]}"
    if has_cjk(request) and rest and empty(request):
        # "動画を作りたいです。桜の花びらが舞う中…": the sentence only asks; what the video
        # shows is in the next one.
        return " ".join([*kept, *rest]).strip()
    request = _without_empty_clause(request, video_nouns, empty,
                                    lambda clause: _introduces(talk, _without_greetings(
                                        clause, greeting)))
    return " ".join([*kept, request, *rest]).strip()


def _empty(asks: re.Pattern[str], fillers: re.Pattern[str] | None,
           content: Callable[[str], bool]) -> Callable[[str], bool]:
    """Whether a piece of a request names nothing once its request words are gone."""
    def empty(piece: str) -> bool:
        rest = asks.sub(" ", piece.lower())
        return not content(fillers.sub(" ", rest) if fillers is not None else rest)
    return empty


def _without_empty_clause(sentence: str, video_nouns: tuple[str, ...],
                          empty: Callable[[str], bool], introduces: Callable[[str], bool]
                          ) -> str:
    """A CJK sentence without the clauses before the video's that introduce the asker
    ("我是少儿足球队的教练，想做个视频，…"), and without the video's own clause when it only
    asks for it ("想做一支短片，晚上的市集，…"): what it shows is in the clauses after it."""
    clauses = [c for c in _CLAUSE_END.split(sentence) if c]
    if len(clauses) < 2 or not has_cjk(sentence) or not video_nouns:
        return sentence
    nouns = word_pattern(video_nouns)
    at = next((i for i, c in enumerate(clauses) if nouns.search(c.lower())), None)
    if at is None:
        return sentence
    before = [c for c in clauses[:at] if not introduces(c)]
    if at < len(clauses) - 1 and empty(clauses[at]):
        return "".join(before + clauses[at + 1:])
    return "".join(before + clauses[at:])
