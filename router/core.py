"""The router: a chat message (and any files sent with it) → a ``Route``.

Decision rules, in order (the tables in ``router/data`` hold every word they use):

1. Files or links sent with the message make it an upload; the text may add a follow-up.
2. Quoted text is content, not a command; links that are not media files are content too.
3. Negated action words ("don't export yet", "先别导出") and edit verbs do not count, nor do an
   export or upload that the clause asks about or reports on ("how long does the export take?").
4. An edit or generation verb, or a "force chat" phrase, sends the message to the chat even
   when it mentions action words; an action after it and a connector becomes the follow-up.
5. Otherwise the best action phrase or frame (a request form and an object of the same
   action in one clause: "show" + "timeline", "send me" + "final video") wins, unless a second
   action is within the margin (ambiguous → chat). With nothing matched, short messages get a
   typo-tolerant second look.
6. A message that still asks for nothing is read in the context of the previous reply, when
   the caller gives it (``after``): after an export offer, "ok do it" is an export.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextvars import ContextVar
from functools import cache
from itertools import islice, pairwise
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from router.grammar import Grammar, Words
from router.language import HAN, KANA, LOCALES, UNDETERMINED, detect_locale
from router.matcher import Correction, Hit, Matcher, scan_entries
from router.model import Match, Route
from router.overrides import KeywordOverrides
from router.tables import Cue, Entry, Tables, builtin_tables, load_tables
from router.text import (
    TOKEN,
    WIDE_CHAR,
    LazyPattern,
    extract_attachments,
    find_destination,
    fold_accents,
    normalize,
    strip_quoted,
    wide_pauses,
)

if TYPE_CHECKING:
    from router.intent import IntentModel

__all__ = ["Router", "default_router", "route"]

_URL: Final = LazyPattern(r"https?://\S+")
_WIDE_SPACE: Final = LazyPattern(  # spaces between Han or kana characters
    r"[\u3040-\u30ff\u3400-\u9fff](\s+)(?=[\u3040-\u30ff\u3400-\u9fff])")
_ASCII_WORDS: Final = LazyPattern("[0-9a-z]+")  # the words of lower-case ASCII text (TOKEN's)
# Laughter typed in the nine languages ("哈哈哈", "jajaja", "kkkk", "ㅋㅋ", "www", "草", "mdr"):
# banter, which the learned fallback may not read as a request (``Router._learned``).
_LAUGH: Final = LazyPattern(r"(?:ha){2,}|(?:ja){2,}|(?:he){2,}|k{3,}|ㅋ{2,}|ㅎ{2,}|哈{2,}|呵{2,}"
                            r"|w{3,}|草|\blol\b|\blmao\b|\bmdr\b|rsrs|\bxd\b")
_ANY_HOST: Final = frozenset({""})  # the empty suffix: every host counts as a media host
# Actions that change something; talking about them ("why is the upload slow") is not asking.
_SIDE_EFFECTS: Final = frozenset({"export", "upload"})
_LOOKS: Final = frozenset({"state", "credits"})  # actions that only show something
_OR_WORDS: Final = frozenset({"or", "o", "ou", "oder"})  # "… or not yet?" ends a question
# Endings of a Spanish, Portuguese or French infinitive (``_opens_plainly``).
_INFINITIVE_ENDS: Final = ("ar", "er", "ir", "re")
# What makes a message that opens with its action more than an instruction (``_opens_plainly``).
_NOT_OPENING: Final = (Cue.QUESTION | Cue.ASKS | Cue.HOWTO | Cue.ABOUT | Cue.NEGATE_BEFORE
                       | Cue.NEGATE_AFTER | Cue.SAID | Cue.PAST | Cue.REPORT | Cue.POSTPONE
                       | Cue.SEPARATOR | Cue.CONNECTOR | Cue.PAUSE | Cue.EDIT | Cue.CONTENT)
# ... and what makes it more where it stands in a clause after a pause, the reason for it.
_NOT_IN_REASON: Final = _NOT_OPENING & ~(Cue.ABOUT | Cue.PAST | Cue.PAUSE)
# Languages whose verb ends its clause: a request form comes after its object there.
_VERB_LAST: Final = frozenset({"ja", "ko"})
# Characters between two phrases of one noun phrase ("saldo de créditos", "balance of credits").
_NOUN_PHRASE_GAP: Final = 4
_NO_FILES: Final[tuple[str, ...]] = ()
_LOCALE_SET: Final = frozenset(LOCALES)
# Local aliases of the Cue bits used on the hot path.
_EDIT: Final = Cue.EDIT
_CLAUSE: Final = Cue.SEPARATOR | Cue.CONNECTOR | Cue.PAUSE
_SEPARATOR: Final = Cue.SEPARATOR
_PAUSE: Final = Cue.PAUSE
_CONNECTOR: Final = Cue.CONNECTOR
_SCOPED: Final = (Cue.ABOUT | Cue.HOWTO | Cue.PLATFORM | Cue.SPEC | Cue.ASKS | Cue.PRICE
                  | Cue.CONTENT | Cue.WHICH | Cue.DEVICE | Cue.CATALOGUE | Cue.PAST)
_QUESTION: Final = Cue.QUESTION
# A full stop inside a number or before a file's extension ("1.5", "v2.mp4", "en .mov"). Not
# any letter after it: "don't export.show me the timeline" is two sentences typed tight.
_INNER_POINT: Final = LazyPattern(
    r"\.(?=\d|(?:mp4|mov|m4v|mkv|webm|avi|mp3|wav|m4a|aac|flac|ogg|jpe?g|png|gif|heic|webp"
    r"|srt|vtt|pdf|txt|zip)\b)")
# A copula of Chinese, Japanese or Korean: what is said of a thing ("最終版は1080pです",
# "成品是720p的", "최종본은 1080p예요"), which the European languages say with ``said`` cues.
# The Chinese 是…的 of a statement about how or by whom something was done ("是我手机拍的").
_SHI_DE: Final = LazyPattern(r"是[^，。,.!?！？\s]{1,12}的")
_WIDE_COPULA: Final = LazyPattern(r"是|です|でした|だよ|예요|이에요|입니다|이야|였어요|이었어요")
# A letter typed three times or more in a row, as a word is stretched in chat ("simmm"); a
# word that is one such run only ("kkkk", "nnnn") is laughter or shorthand, not a word held.
_HELD: Final = LazyPattern(r"([a-z\u00c0-\u024f])\1{2,}")
_HELD_ONLY: Final = LazyPattern(r"\b([a-z\u00c0-\u024f])\1{2,}\b")
_HELD_MAX: Final = 40  # characters: a yes is short, and longer text is not rescanned
# Cues a pause must not cut off from what they hold back ("不要 导出", "先別 匯出").
_HOLD: Final = Cue.NEGATE_BEFORE | Cue.POSTPONE
_NAMES: Final = Cue.NAMES
_THANKS: Final = Cue.THANKS
_ASKS: Final = Cue.ASKS
_OPENS: Final = Cue.OPENS
_REPORT: Final = Cue.REPORT
_DOUBT: Final = Cue.DOUBT
_ASIDE: Final = Cue.ASIDE
_WHICH: Final = Cue.WHICH
_RETRACT: Final = Cue.RETRACT
_PERSON: Final = Cue.PERSON
_SENTENCE_ENDS: Final = frozenset(".。!?！？\n")
_LABEL: Final = Cue.LABEL
# Actions that two requests of one message are both routed to, in the order asked.
_BOTH: Final = frozenset({"export", "credits", "state"})
_NONE: Final[frozenset[int]] = frozenset()
# Where a sentence ends, for a look back from a word to its sentence's start (``_supposed``;
# the text is NFKC, so "？" is "?" and "…" is "..."; a "." only before a space or the end, not
# in "v2.1"), and what may stand before its first word.
_SENTENCE_MARKS: Final = frozenset("!?;:。¿¡\n")
_OPENING_PUNCTUATION: Final = " ,，、-–—\"'«“(¿¡"
_COMMAS: Final = (",", "、")  # what closes a clause inside a sentence (NFKC makes "，" ",")
_LABEL_REACH: Final = 16  # characters from a label's end to its colon ("la frase final:")
_HANDOVER: Final = Cue.HANDOVER
_STORED: Final = Cue.STORED
_DESCRIBE: Final = Cue.DESCRIBE
_RECEIVE: Final = Cue.RECEIVE
_ABILITY: Final = Cue.ABILITY
_UNLESS: Final = Cue.UNLESS
_PLACE: Final = Cue.PLACE
_ROLE: Final = Cue.ROLE
_REFERENCE: Final = Cue.REFERENCE
# The words a caption that names its files may hold: "附件是我司的LOGO，请查收".
_NAMING: Final = Cue.ROLE | Cue.FILLER | Cue.DESCRIBE
_HAND_OVER_MAX: Final = 1000  # characters of a caption read for a hand-over (the longest seen: 139)
_MARKS: Final = frozenset(",，、.。!?！？;；:：\n")  # punctuation that ends a clause
_CLAUSE_MARK: Final = LazyPattern("[,，、.。!?！？;；:：\n]")  # the same, to search for
_NONSPACE: Final = LazyPattern(r"\S+")  # a word as str.split() cuts them
_SENTENCE_END: Final = LazyPattern("[.。!?！？\n]")
# A Spanish, Portuguese or French infinitive, a pronoun joined on at most ("descargarlo").
_INFINITIVE: Final = LazyPattern(r"(?:[aeií]r|re|ôr)(?:lo|la|los|las|le|les|me|te|se)?$")
# ... with the user as whom it goes to ("mandarme", "enviarnos").
_TO_THE_USER: Final = LazyPattern(r"r(?:me|nos)(?:lo|la|los|las)?$")
_IGNORE: Final = Cue.IGNORE
_CATALOGUE: Final = Cue.CATALOGUE
_BEFORE: Final = Cue.NEGATE_BEFORE
_AFTER: Final = Cue.NEGATE_AFTER
_REQUEST: Final = Cue.REQUEST
_ABOUT: Final = Cue.ABOUT
# What makes a message more than a plain request (``_now_at_end``).
_NOT_PLAIN: Final = Cue.QUESTION | Cue.HOWTO | Cue.ASKS | Cue.WHICH | Cue.ABOUT | Cue.PAST
_CONTENT: Final = Cue.CONTENT
_LIGHT: Final = Cue.LIGHT
_SAID: Final = Cue.SAID
_POSTPONE: Final = Cue.POSTPONE
_ASKED_LAST_WORDS: Final = 3  # words before the phrase of a last question ("what's the")
# Longer than this, a message is more than a refusal or a bare yes ("no, don't export it yet").
_NO_ENDS: Final[frozenset[int]] = frozenset()
_START: Final = attrgetter("start")  # sort key of verbs (a C call, not a lambda)
_HIT_START: Final = itemgetter(0)  # and of hits
_ENTRY: Final = itemgetter(2)  # a hit's entry, and an entry's cues (read in C, see ``_labels``)
_CUES: Final = attrgetter("cues")
_DECLINE_CHARS: Final = 40
_BEFORE_REACH: Final = 10  # characters from an edit verb to the "之前" closing its clause
_CLOSE_REACH: Final = 12  # characters from a balance's word to the end of its condition
# What may stand between a frame's form and its condition: nothing ("残って|たら") or Korean
# "is" ("남아| 있으|면", "남았|으|면"); a verb of its own ("다음 영상| 만들|면") makes the
# condition.
_FORM_TO_CLOSE: Final = frozenset(("", "있으", "으", "있었으", "이"))
_WAIT_GAP: Final = 4  # characters between "再" and the action it waits with ("再把视频导出")
_POLITE_END: Final = 4  # kana or Hangul after a request form ("ください", "주세요")
_JOIN_GAP: Final = 10  # characters after "and" before the second object ("중성화 영상 ")
_BARE_CHARS: Final = 24  # "yes please, go ahead", "はい、お願いします"
# Where a Japanese clause ends inside a sentence, and what may trail a request ending ("して
# ね〜♪", "してね!"): sentence particles, long marks and tildes (emoji are no letters).
_CLAUSE_MARKS: Final = frozenset("、,")  # NFKC makes "，" ","
_DOER_CHARS: Final = 6  # who will do a put-off action, named between its word and the time
_APPROVAL_TAIL: Final = 2.0  # words after an approval in its clause: who, when ("mi hija")
_PAUSE_MARKS: Final = (",", "、")  # a pause after a word (NFKC makes "，" ",")
# Characters from a render named as a topic, with no connector, to its progress question
# ("レンダリング、今何%…", "le rendu, il avance ?").
_TOPIC_QUESTION_GAP: Final = 4
_TOPIC_TAIL_WORDS: Final = 2  # ... and words from that question to its end ("is it")
_THING_ASKED: Final = "thing asked"  # an Entry origin: see ``Router._thing_before``
_TIME_REACH: Final = 14  # characters from the render to "after" that makes it a time
_CHECKER_REACH: Final = 100  # characters from someone's verb of checking to the balance
_NAMED_REACH: Final = 4  # characters of an object between an edit verb and "那个视频"
_AGAIN_REACH: Final = 20  # characters from a verb to an "again" beside it ("exportar outra vez")
_PLEASE_TAIL_WORDS: Final = 3  # words after a verb asked with "please" first ("en mp4")
_NOW_CLAUSE_WORDS: Final = 5  # words from a verb that opens its clause to a "now" ending it
_CHECK_REACH: Final = 6  # characters from a balance's word to a check of it ("充值了，查下")
_RELAYED_TAIL: Final = 4  # characters after a relayed request that may end it ("てます")
_RELAYED_GAP: Final = 12  # characters between someone's wanting and the request ("an ")
_RELAYED_WANTS_TAIL: Final = 16  # characters after it to the sentence's end ("the video is")
_PAUSE_CHARS: Final = " ,、"  # what may part an edit from a request to see (``_joined_on_after``)
_TRAILING_KANA: Final = frozenset("ねよなー〜~")
# Hiragana up to a question particle or mark, and nothing after: "になりますか", "ですか？".
_KANA_QUESTION_END: Final = LazyPattern(r"[\u3041-\u309f]*(?:か|\?)[\s?!。]*")
_CAPTION_END: Final = LazyPattern(r"[,、.!?;。！？；\n]")  # where a caption's text ends
_POINTING_MARKS: Final = " .!:~。！：👆👇⬆⬇"  # around a caption that only points at the file


def _grammar() -> Grammar:
    """The grammar words the rules read by name (router/data/grammar.yaml): the built-in
    tables' (loaded once per process; a skill's tables carry the same, and a router routing
    has them loaded already unless it was given tables made by hand)."""
    return builtin_tables().grammar


def _narrated(body: str, edit: _Verb, acts: list[_Verb]) -> bool:
    """Whether an edit verb tells what was done, in a sentence before the one that asks for
    an action: a Chinese or Japanese past form right after it ("今天改了一下午，…我还有积分
    吗", "2回修正してもらって…。完成版のファイルをもらえますか", "追加をお願いしたと思うん
    ですけど…"). The story before a request asks for no edit."""
    g = _grammar()
    if not body.startswith(g.past_after_edit, edit.end):
        return False
    if any(a.sentence > edit.sentence for a in acts):
        return True
    # In the same sentence, after a "but" that turns from the story to the request; not in a
    # command, whose "了" is no past ("请把片尾删了但是保留音乐，导出给我").
    opening = body[_sentence_start(body, edit.start):edit.start]
    if any(word in opening for word in g.command_openers):
        return False
    return any(a.sentence == edit.sentence and a.start > edit.end
               and any(turn in body[edit.end:a.start] for turn in g.past_turns) for a in acts)



def _own_sentence(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` is all but alone in its sentence (at most one word besides it), in a
    message of more than one sentence."""
    start, end = 0, len(body)
    for s, e, entry in hits:
        if entry.cues & _SEPARATOR:
            if e <= verb.start:
                start = e
            elif s >= verb.end:
                end = s
                break
    if start == 0 and end == len(body):
        return False
    rest = body[start:verb.start] + " " + body[verb.end:end]
    return len(TOKEN.findall(rest)) <= 1


def _handed_on(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether a request opens the message in a clause of its own, and the clause after its
    pause tells what someone else does with the file ("mándamelo, mi jefe lo sube él mismo",
    "send it over, my boss posts it herself"): the file is still wanted, whoever posts it."""
    if verb.start or "?" in body:
        return False
    pause = next((s for s, _, entry in hits if s >= verb.end and entry.cues & _PAUSE), -1)
    return pause >= 0 and not any(
        entry.action is not None and s != verb.start for s, _, entry in hits) and any(
        s > pause and entry.cues & Cue.PERSON for s, _, entry in hits) and not any(
        entry.cues & (Cue.NEGATE_BEFORE | Cue.REPORT)
        or (entry.cues & (Cue.NEGATE_AFTER | _POSTPONE)
            and (s < pause or entry.phrase not in _THEMSELVES))
        for s, _, entry in hits)  # (not "…, pero mi jefe dice que no todavía")


#: What every word of grammar.yaml ``link_nouns`` holds: a message without any of them names
#: no link (``_link_renewed`` runs for every chat message).
_LINK_MARKS: Final = ("link", "lien", "enlace", "链接", "連結", "鏈接", "リンク", "링크")

#: Words of someone doing a thing themselves, which tell who posts the file, not that it is
#: refused ("mi jefe lo sube él mismo"; ``_handed_on``).
_THEMSELVES: Final = frozenset(("él mismo", "ella misma", "ellos mismos", "himself", "herself",
                                "themselves", "lui-même", "elle-même", "selbst", "ele mesmo",
                                "ela mesma", "自己", "本人"))


def _opens_plainly(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether a Latin-script message opens with ``verb`` and then only says how: no question,
    no other clause, no word of a story, a plan or a negation ("exportalo en 1080 sin marca
    de agua", "mándamelo en 1080"): an instruction, whatever its words say elsewhere (the
    learned model reads "1080" and "watermark" as the questions they mostly are)."""
    if verb.start or "?" in body or not ("a" <= body[0] <= "z" or "\u00c0" <= body[0] <= "\u024f") \
            or any(ch >= "\u2e80" for ch in body):  # "render緊嘅時候我關咗個app得唔得㗎" asks
        return False
    phrase = verb.entry.phrase
    if " " not in phrase and phrase.endswith(_INFINITIVE_ENDS) \
            and not {"es", "fr", "pt"}.isdisjoint(verb.entry.languages):
        # A Romance infinitive is the subject, not an instruction ("descargar en mp4 funciona
        # mejor en el iphone", "exporter en mp4 marche mieux").
        return False
    # After a pause, a clause that only says why ("export it in 1080p, the 4k ones are too
    # big for my phone"): what it is about, or what happened, is the reason for the request.
    # Not where the clause after the pause opens a question without its mark ("export it in
    # 1080p, how long does that take").
    pause = next((s for s, _, entry in hits if s >= verb.end and entry.cues & Cue.PAUSE),
                 len(body))
    if pause < len(body) and _opens_question(body, pause + 1):
        return False
    return not any(entry.cues & (_NOT_OPENING if s < pause else _NOT_IN_REASON)
                   or (entry.action is not None and s != verb.start)
                   for s, _, entry in hits)


def _opens_question(body: str, at: int) -> bool:
    """Whether the words from ``at`` open a question in Latin script (grammar.yaml
    ``question_opens``)."""
    first = body[at:at + 24].split(maxsplit=1)
    return bool(first) and first[0].strip("¿¡\"'") in _grammar().question_opens


def _ends_in_will(body: str) -> bool:
    """Whether a Korean message's last syllables (laughter and marks after them aside) are the
    speaker's will: a syllable closed by ㄹ, then a volitional ending ("볼게", "확인할게요");
    not a purpose or manner ending ("볼 수 있게", "보게", "빠르게")."""
    end = len(body)
    while end and not _hangul(body[end - 1]):
        end -= 1
    tail = body[:end]
    for ending in _grammar().volitional:
        if tail.endswith(ending) and len(tail) > len(ending):
            before = tail[-len(ending) - 1]
            # Hangul syllables are built as (initial × 21 + vowel) × 28 + final; final 8 is ㄹ.
            return _hangul(before) and (ord(before) - 0xAC00) % 28 == 8
    return False


def _file_asked_last(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether, in Latin script, the file is asked for in the message's last clause, after a
    comma, with nothing before the request in that clause and at most a word after it, in a
    message that asks no question ("le titre au début est très élégant, envoie-moi la vidéo
    finale"): what the clauses before it say is why, the last one asks."""
    if verb.entry.action != "export" or "?" in body or any(ch >= "\u2e80" for ch in body):
        return False
    lo, hi = _clause_bounds(body, hits, verb.start, verb.end)
    if lo < 2 or body[lo - 1] != "," or hi < len(body) or _has_words(body[lo:verb.start]):
        return False
    if any(entry.cues & (_HOLD | _AFTER | _CONNECTOR) or (entry.forms and start >= verb.end)
           for start, _, entry in hits if start >= lo):
        return False
    if any(entry.cues & (_REPORT | _PERSON) for start, _, entry in hits if start < lo):
        return False  # "my friend always says, send me the video": what someone said
    return len(_words(body[verb.end:])) <= 1


def _ends_in_purpose(body: str) -> bool:
    """Whether a Korean message's last syllable is the purpose ending "게" after an open
    syllable ("보게", "확인하게": so that I see it), not the speaker's will ("볼게",
    ``_ends_in_will``)."""
    end = len(body)
    while end and not _hangul(body[end - 1]):
        end -= 1
    # (Not after "전에", before: "다운받기 전에 잔액 좀 확인하게" asks for the balance first.)
    return end >= 2 and body[end - 1] == "게" and _hangul(body[end - 2]) \
        and (ord(body[end - 2]) - 0xAC00) % 28 == 0 and "전에" not in body


def _request_after_pause(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` is the message's last words and all of its clause, and that clause
    follows a comma or a pause after a Chinese, Japanese or Korean character ("お客さんが今日
    見たいって 動画を送って": what the client said, then the request; "처음 제목이 너무
    고급스러워요, 완성된 영상 보내주세요": praise, then the request, which ends the message
    where Korean puts it)."""
    lo, _ = _clause_bounds(body, hits, verb.start, verb.end)
    if lo < 2 or body[lo - 1] not in ",、" or not (WIDE_CHAR.p.match(body, lo - 2)
                                                  or "\uac00" <= body[lo - 2] <= "\ud7a3"):
        return False
    before = body[lo:verb.start]
    if _has_words(before):
        # "First" or "before that" may open it ("…、その前に支払いって必要になりますか").
        for word in _grammar().before_object:
            before = before.replace(word, "")
        if _has_words(before):
            return False
    if not _has_words(body[verb.end:]):
        return True
    if any(body[verb.end:].strip(" 。.!！") == ending for ending in _grammar().request_after):
        return True  # a request ending alone after it ("…、もう一度書き出してください")
    if verb.entry.action in ("credits", "state") \
            and _KANA_QUESTION_END.p.fullmatch(body, verb.end) is not None:
        # A Japanese question ending after the balance or the project ("…必要になりますか").
        return True
    # Or its request said after it, the thing named first ("…、クレジットも確認して"): a
    # particle, then only the forms and request endings of the message's hits.
    rest = list(body[verb.end:])
    for start, end, entry in hits:
        if start >= verb.end and (entry.forms or entry.cues & _REQUEST):
            rest[start - verb.end:end - verb.end] = [" "] * (end - start)
    # What may trail a request ending ("確認してね") is no word of its own.
    left = "".join(rest).strip().rstrip("".join(_TRAILING_KANA))
    return not left or (left[0] in _grammar().particles and not _has_words(left[1:]))


def _asked_by_then(body: str, hits: list[Hit], end: int) -> bool:
    """Whether the time word ending at ``end`` is a deadline or the rest of its clause a
    request ("書き出しは明日までにお願いします", "내보내기는 내일까지 해주세요"): the action
    is asked for, by then, not put off. Read to the end of the sentence."""
    rest = body[end:]
    for k, ch in enumerate(rest):
        if ch in _SENTENCE_ENDS:  # to the end of its sentence: "…使うので今すぐお願いします"
            rest = rest[:k]
            break
    g = _grammar()
    if rest.lstrip().startswith(g.deadline_after) or any(word in rest for word in g.topic_asks):
        return True
    # A request ending counts where it ends a clause ("明日、書き出して、あと…",
    # "明日書き出してね"): a "て" inside one ("明日家に帰ってからやります") keeps the verb
    # going, a put-off.
    start = 0
    for k, ch in enumerate(rest):
        if ch in _CLAUSE_MARKS:
            if _ends_request(rest[start:k], g.request_after):
                return True
            start = k + 1
    return _ends_request(rest[start:], g.request_after)


def _ends_request(clause: str, endings: tuple[str, ...]) -> bool:
    """Whether ``clause`` ends with a request ending, before what may trail it."""
    j = len(clause)
    while j and (clause[j - 1] in _TRAILING_KANA or not clause[j - 1].isalnum()):
        j -= 1
    return clause.endswith(endings, 0, j)


def _waited_for(body: str, verbs: list[_Verb]) -> bool:
    """Mark the actions a Chinese clause waits for something before ("等打烊再下載就好",
    "等我下班再导出", "等下再看进度"): a wait word (``wait_opens``, not inside a ``wait_not``
    word such as "等级") earlier in the clause, then "再" at most a few characters before the
    action. Not when the assistant is waited for or asked ("等你改完再导出", "…再帮我导出":
    the edit first, then the file). Whether any was. The clause ends at punctuation only: "再"
    and "改好" may be clause cues of their own."""
    g = _grammar()
    waits = [wait for wait in g.wait_opens if wait in body]
    done = any(word in body for word in g.wait_done) \
        and any(subject in body for subject in g.wait_subjects)
    if not waits and not done:
        return False
    found = False
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action in (None, "chat"):
            continue
        at = body.rfind(g.wait_then[0], max(0, verb.start - _WAIT_GAP - 1), verb.start)
        if at < 0 or any(ch in _MARKS for ch in body[at:verb.start]) \
                or body.startswith(g.wait_asks, at + 1):
            continue
        lo = at
        while lo and body[lo - 1] not in _MARKS:
            lo -= 1
        clause = body[lo:at]
        for wait in waits:
            k = clause.find(wait)
            while k >= 0:
                # Not after another verb of the clause: "调整字幕颜色等细节再导出" lists
                # ("and so on"), it waits for nothing.
                if not clause.startswith(g.wait_asks, k + len(wait)) and not any(
                        lo <= other.start < lo + k for other in verbs) \
                        and not _wait_listed(clause, k, wait, g):
                    verb.negated_by = wait + "…" + g.wait_then[0]
                    found = True
                    break
                k = clause.find(wait, k + 1)
            if verb.negated_by is not None:
                break
        if verb.negated_by is None and done and not body.startswith(g.wait_again, verb.end) \
                and not any(lo <= other.start < at for other in verbs) \
                and (subject := _own_event_first(clause, g)) is not None:
            verb.negated_by = subject + "…" + g.wait_then[0]
            found = True
    for verb in verbs:
        if verb.negated_by is None and verb.entry.action not in (None, "chat") \
                and (awaited := _awaited(body, verbs, verb, g)) is not None:
            verb.negated_by = awaited + "…" + g.wait_then[0]
            found = True
    return found


def _own_event_first(clause: str, g: Grammar) -> str | None:
    """The speaker or tonight (``wait_subjects``) with something done after it
    (``wait_done``) in ``clause``, the words before "再": the speaker's own plan ("今晚收车了
    再下载"). None when the clause names or asks the assistant ("你改好了再导出")."""
    if any(word in clause for word in g.wait_asks) \
            or any(word in clause for word in g.wait_already):
        return None
    for subject in g.wait_subjects:
        k = clause.find(subject)
        if k >= 0 and not clause.startswith(g.wait_not_speaker, k + len(subject)) \
                and any(word in clause[k + len(subject):] for word in g.wait_done):
            return subject
    return None


def _wait_listed(text: str, k: int, wait: str, g: Grammar) -> bool:
    """Whether the wait word at ``text[k]`` is part of a ``wait_not`` word ("等级")."""
    return any(text.startswith(word, k - j) for word in g.wait_not
               for j in range(min(k, len(word) - 1) + 1) if word[j:].startswith(wait))


def _awaited(body: str, verbs: list[_Verb], verb: _Verb, g: Grammar) -> str | None:
    """The wait word, when ``verb`` stands between it and "再" in its clause: what is waited
    for ("等我余额到账了再做下一个", "等月底點數補滿再做第二支"), not asked for. Not "hold on"
    ("等等", "等一下") nor "first … then" ("等等先查一下余额再说": a request)."""
    lo = verb.start
    while lo and body[lo - 1] not in _MARKS:
        lo -= 1
    hi = verb.end
    while hi < len(body) and body[hi] not in _MARKS:
        hi += 1
    if g.wait_then[0] not in body[verb.end:hi]:
        return None
    before = body[lo:verb.start]
    for wait in g.wait_opens:
        k = before.find(wait)
        while k >= 0:
            rest = before[k + len(wait):]
            if not rest.startswith(g.wait_asks) and not rest.startswith(g.wait_hold) \
                    and not any(word in rest for word in g.first_then) and not any(
                    lo <= other.start < lo + k for other in verbs) \
                    and not _wait_listed(before, k, wait, g):
                return wait
            k = before.find(wait, k + 1)
    return None


def _refers_back(body: str, one: _Verb, other: _Verb) -> bool:
    """Whether a balance named, a pause, then a progress question whose pronoun takes it up
    (grammar.yaml ``refers_back``: "mon quota, il en est où ?", "et mon solde de crédits, où
    en est-il ?") ask one thing: where the balance stands."""
    first, second = (one, other) if one.start < other.start else (other, one)
    if first.entry.action != "credits" or second.entry.action != "state" \
            or first.sentence != second.sentence or second.clause != first.clause + 1:
        return False
    # From the phrase, or from the pronoun before it ("ça en est où": the project's phrase
    # is "en est où"), right after the pause that follows the balance ("pour les crédits
    # c'est réglé, on en est où ?" asks about the project).
    taken = next(((phrase, at) for at in (second.start,
                                          body.rfind(" ", 0, max(second.start - 1, 0)) + 1)
                  for phrase in _grammar().refers_back
                  if body.startswith(phrase, at) and body[:at].rstrip().endswith(",")
                  and _of_the_balance(body[first.end:at].strip(" ,"))), None)
    # Nothing asked after it in its sentence, nor a next one joined on: "mon solde, il en est
    # où, et la vidéo ?" and "…, il en est où ? et le rendu ?" ask both.
    if taken is None:
        return False
    rest = body[taken[1] + len(taken[0]):]
    here, _, after = rest.partition("?")
    return not _has_words(here) and not after.lstrip(" ,").startswith(_grammar().and_next)


def _of_the_balance(between: str) -> bool:
    """Whether the words between a balance named and the pause after it still name it:
    none, or what it is of ("mon solde de crédits", "mon quota du mois"); not a verb said
    of it ("pour les crédits c'est réglé, on en est où ?" asks about the project)."""
    words = between.split()
    return not words or (words[0] in _grammar().dating and len(words) <= 3)


def _joined_objects(body: str, hits: Sequence[Hit], one: _Verb, other: _Verb) -> bool:
    """Whether the project and the balance are two objects of one request, joined by "and"
    in Chinese, Japanese or Korean ("看一下進度跟剩餘額度", "진행 상황이랑 남은 크레딧
    보여주세요"): a word of ``joins_objects`` opens the few characters between them, and a
    request wraps them in a sentence that asks no question ("积分和进度有什么关系" asks how
    the two relate)."""
    first, second = (one, other) if one.start < other.start else (other, one)
    if {first.entry.action, second.entry.action} != {"state", "credits"} \
            or first.sentence != second.sentence:
        return False
    gap = body[first.end:second.start].strip()
    # The join opens the gap, or in Korean ends the word before the second ("크레딧 남은거랑").
    join = next((word for word in _grammar().joins_objects
                 if gap.startswith(word)
                 or (gap.endswith(word) and _hangul(word[0]) and " " not in gap)), None)
    if join is None or len(gap) - len(join) > _JOIN_GAP:
        return False
    lo = _sentence_start(body, first.start)
    hi = len(body)
    for k in range(second.end, len(body)):
        if body[k] in _SENTENCE_ENDS:
            hi = k
            break
    if body[hi:hi + 1] == "?":
        return False
    if first.entry.cues & Cue.OPENS:  # "给我看看进度和积分": the phrase holds its request
        return True
    # The request wraps the two: it stands before them ("看一下…"), or after them and ends
    # the sentence ("…보여주세요", "…見せて"; not "积分和进度有什么关系").
    asks = [(start, end) for start, end, entry in hits
            if start < hi and (entry.forms or entry.cues & _REQUEST)]
    if any(lo <= start and end <= first.start for start, end in asks):
        return True
    # (A request form inside the second's frame, "タイムライン見せて", stands after it too.)
    after = [(start, end) for start, end in asks if start >= second.start]
    if not after:
        return False
    particles = _grammar().particles
    # Right after the second object ("…크레딧 좀 보여줘요"; not "积分和进度之间的关系告诉我",
    # where what is asked is the relation), and at the end: particles at most, or a polite
    # ending in kana or Hangul ("見せてください", "보여줘요").
    both = _grammar().joins_both
    for between in (body[second.end:after[0][0]], body[after[-1][1]:hi]):
        text = between
        for word in both:  # "…タイムライン両方見せて", "…타임라인 같이 보여줘"
            text = text.replace(word, "")
        rest = [ch for ch in text if ch.isalnum() and ch not in particles]
        if len(rest) > _POLITE_END or not all(
                _hangul(ch) or "\u3040" <= ch <= "\u309f" for ch in rest):
            return False
    return True


def _judged_then_asked(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` (of the balance or the project) is asked in a short question that
    ends the message after a comma, and the clause before it judges how things go ("the
    export is taking too long, what's the status?"): the judgement is why the user asks."""
    if verb.entry.action not in ("state", "credits") or not body.endswith("?"):
        return False
    lo, _ = _clause_bounds(body, hits, verb.start, verb.end)
    if not body[:lo].rstrip().endswith(",") or _has_words(body[verb.end:]) \
            or len(_words(body[lo:verb.start])) > _ASKED_LAST_WORDS:
        return False
    before, _ = _clause_bounds(body, hits, lo - 2, lo - 2)
    judged = [entry for start, end, entry in hits if before <= start and end < lo]
    # The judgement is of the product: an action's word or a thing of its frames is in the
    # clause ("my tax refund is taking too long, any update?" is no question of the project).
    return any(entry.cues & _ABOUT for entry in judged) and any(
        entry.action not in (None, "chat") or entry.objects for entry in judged)


# Internal values are plain classes: ``@dataclass`` costs about a millisecond per class at
# import, which every host process would pay before routing its one message.
class _Verb:
    __slots__ = ("about", "clause", "end", "entry", "form_in_place", "frame", "generic",
                 "negated_by", "object_clause", "sentence", "start")

    def __init__(self, start: int, end: int, entry: Entry, clause: int, sentence: int = 0, *,
                 frame: bool = False, generic: bool = False) -> None:
        self.start = start
        self.end = end
        self.entry = entry
        self.clause = clause
        self.sentence = sentence
        self.negated_by: str | None = None
        self.about = False
        self.frame = frame
        self.generic = generic  # a frame on the video itself ("the video"), not the file
        # A frame's object may stand in another clause of the sentence than its form.
        self.object_clause = clause
        # A frame whose request form stands where its language puts a request: before its
        # object ("send me" … "the final file"), or after it where verbs end the clause (ja,
        # ko: "最終版を…送って").
        self.form_in_place = False


# The fields of the two slotted classes below, named apart from their ``__slots__``: the
# classes compiled by ``router.native`` have no ``__slots__`` attribute to read at run time.
_DECISION_FIELDS: Final = ("action", "apart", "candidates", "context", "hints", "negation",
                           "pending", "reason", "request", "score", "then", "typed", "verb")
_SCOPE_FIELDS: Final = ("about", "catalogue", "content", "device", "howto", "past", "platform",
                        "price", "spec", "which")


class _Decision:
    """Where the rules send a message, and what they saw on the way.

    A plain class with slots, not a NamedTuple: the route reads its fields about twenty
    times a message, and a slot read is specialised by the interpreter (a named-tuple field
    is a descriptor call each time, about three times slower). Treated as immutable: a
    changed decision is a new one (``_replace``).
    """

    __slots__ = _DECISION_FIELDS

    def __init__(  # noqa: PLR0917 (the named tuple's signature, which the rules call so)
            self, action: str, score: float, reason: str, verb: _Verb | None = None,
            then: str | None = None, candidates: tuple[tuple[str, float], ...] = (),
            request: bool = False, typed: str = "", negation: bool = False,
            context: str | None = None, hints: int = 0, apart: bool = False,
            pending: str | None = None) -> None:
        self.action = action
        self.score = score
        self.reason = reason
        self.verb = verb
        self.then = then
        self.candidates = candidates
        self.request = request
        self.typed = typed
        self.negation = negation
        self.context = context
        self.hints = hints  # frame bits of the forms and objects seen, for the learned fallback
        self.apart = apart  # ambiguous between actions of different sentences (two requests)
        # The follow-up of an edit when the learned model does not read the action beside it
        # as the request itself (``Router._after_pause``).
        self.pending = pending

    def _replace(self, **changes: Any) -> _Decision:
        """A copy with ``changes`` (field name -> value), as ``NamedTuple._replace``."""
        fields = {name: getattr(self, name) for name in _DECISION_FIELDS}
        fields.update(changes)
        return _Decision(**fields)


class _Scope:
    """The cues of one clause that cancel verbs in it, each with the phrase that said so."""

    __slots__ = _SCOPE_FIELDS

    def __init__(self) -> None:
        self.about: str | None = None
        self.howto: str | None = None
        self.platform: str | None = None
        self.spec: str | None = None
        self.price: str | None = None
        self.content: str | None = None
        self.which: str | None = None  # not a cue of its own outside a side effect's clause
        self.device: str | None = None  # nor this, outside a question about seeing the project
        # Nor this: what the product offers ("voices", "模板"), beside no thing of the project.
        self.catalogue: str | None = None
        # A time in the past ("last month"): of the balance only, in a message that asks
        # nothing.
        self.past: str | None = None


class _Reading:
    """What the hits of one message say, clause by clause."""

    __slots__ = ("after", "asides", "asks", "before", "connectors", "content", "doubts",
                 "frame_parts", "owners", "persons", "postpone", "question",
                 "question_clauses",
                 "questions", "reports", "request", "requested", "retracted", "scopes",
                 "sentence_starts", "verbs", "verdicts")

    # Most messages hold none of what is below the verbs and frame words: each starts as a
    # shared empty value, never changed, and a message that has one gets a new container
    # with it (``_read``, ``_read_cue``, ``_clause_scope``): not a dozen empty containers a
    # message. (Typed read-only, so that mypy flags an ``append`` or ``setdefault`` on one.)
    def __init__(self) -> None:
        self.verbs: list[_Verb] = []
        self.frame_parts: list[tuple[int, int, Entry, int, int]] = []
        self.before: Sequence[tuple[int, int, str]] = ()
        self.after: Sequence[tuple[int, int, str]] = ()
        # Where something is put off ("not now"): (start, end, clause, the cue); None (no list
        # made) in the usual message that puts nothing off.
        self.postpone: list[tuple[int, int, int, str]] | None = None
        self.scopes: Mapping[int, _Scope] = _NO_SCOPES
        self.connectors: Sequence[int] = ()
        # Where a question about amounts or progress is asked: (sentence, start of its cue).
        self.asks: Sequence[tuple[int, int]] = ()
        # Where a video's subject is described: (sentence, end of the cue, the cue).
        self.content: Sequence[tuple[int, int, str]] = ()
        self.request = False
        # The sentences that hold a request cue ("can you", "幫我"): see ``Router._rank``.
        self.requested: AbstractSet[int] = frozenset()
        self.question = False
        # The sentences that are questions ("?" or a question particle), and the clauses
        # that ask: the one a "?" ends, or one that holds a question cue.
        self.questions: AbstractSet[int] = frozenset()
        self.question_clauses: AbstractSet[int] = frozenset()
        # The clauses ended by a verdict on the video ("looks great"): see ``_read``.
        self.verdicts: AbstractSet[int] = frozenset()
        # The first clause of each sentence after the first: which sentence a clause is in.
        self.sentence_starts: Sequence[int] = ()
        # Someone else's words reported: (clause, sentence, the cue); a doubt about them or
        # a question of meaning: (clause, the cue). See ``_told``.
        self.reports: Sequence[tuple[int, int, str]] = ()
        self.doubts: Sequence[tuple[int, str]] = ()
        # Someone other than the user: (start, end, clause, the cue). See ``_theirs``.
        self.persons: Sequence[tuple[int, int, int, str]] = ()
        # For each person, whether the words around them make them own what is named
        # ("el saldo de mi jefe"): made by ``_owner`` once the reading is done, None before.
        self.owners: list[bool] | None = None
        # The ``aside`` cues seen (a moment's wait, "myself"): see ``Router._negate``.
        self.asides: AbstractSet[str] = frozenset()
        # The last ``retract`` cue ("forget it", "算了"): (start, end, clause), or None.
        self.retracted: tuple[int, int, int] | None = None


# A plain dict, typed read-only: ``get`` on a mapping proxy is a Python-level method call on
# the dict behind it, and every clause break of every message reads this.
_NO_SCOPES: Final[Mapping[int, _Scope]] = {}


def _clause_scope(r: _Reading, clause: int) -> _Scope:
    """The scope of ``clause`` in ``r``, made (in a new mapping) if it has none yet."""
    scope = r.scopes.get(clause)
    if scope is None:
        scope = _Scope()
        r.scopes = {**r.scopes, clause: scope}
    return scope


def _read(body: str, hits: list[Hit]) -> _Reading:
    """Sort the hits into verbs, negations, scoped cues, clause and sentence breaks."""
    r = _Reading()
    clause = sentence = 0
    scoped = (-1, 0)  # the clause and end of the last scoped cue
    carry = ""  # a how-question's cue, over a plain connector: see below
    carried: list[tuple[int, int, str]] = []
    for start, end, entry in hits:
        cues = entry.cues
        if entry.action is not None or cues & _EDIT:
            if carry:
                if not cues & _OPENS:
                    carried.append((clause, sentence, carry))
                carry = ""
            if cues & _OPENS and scoped[0] == clause and _run_on(body, scoped[1], start):
                # "el cliente lo quiere ver hoy pásame el video": a request typed on after a
                # statement, no punctuation between, is a clause of its own.
                clause += 1
            r.verbs.append(_Verb(start, end, entry, clause, sentence))
            if cues & _CONNECTOR or (entry.action is not None and _joined_after(body, end)):
                # A verb form that also joins clauses ("고치고"), or an action's stem with a
                # joining ending typed on ("내보내고 크레딧 …": no table word, but it joins).
                r.connectors = [*r.connectors, end]
                clause += 1
            elif entry.phrase.endswith(_grammar().asked_by):  # a question: "できた？"
                _mark_asking(r, sentence, clause)
                clause += 1
                sentence = _next_sentence(r, clause)
        elif not cues:
            pass  # only a word of a frame (the commonest hit): no cue below to read
        elif cues & _CLAUSE:
            own = r.scopes.get(clause)
            carry = own.howto or "" if own is not None and cues & _CLAUSE == _CONNECTOR else ""
            if cues & _SCOPED:
                # A verdict that ends its clause ("the final video looks great | thanks",
                # "ficou lindo | agora pode mandar"): what it says holds for its own clause.
                _scope(_clause_scope(r, clause), cues, entry.phrase)
                r.verdicts = {*r.verdicts, clause}
            _ends_clause(r, start, end, entry, clause=clause, sentence=sentence)
            clause += 1
            if cues & _SEPARATOR:
                sentence = _next_sentence(r, clause)
            if cues & _CONNECTOR:
                r.connectors = [*r.connectors, start]
        elif cues & _IGNORE:
            if cues & _CATALOGUE:  # "配音" is no edit verb here, but still a thing on offer
                _scope(_clause_scope(r, clause), _CATALOGUE, entry.phrase)
            if cues & _QUESTION:
                # "要不要", "是不是": no negation ("不要") inside, but still a way of asking
                # ("下一个视频之前要不要先充值" asks whether to top up). Its own sentence only:
                # "是不是可以直接导出1080p给我" asks for the file, not about formats. A phrase
                # that is a question by its ending asks as a question mark would ("세로로
                # 렌더링도 되나요 인스타용": whether it can, typed without the mark).
                _mark_asking(r, sentence, clause,
                             cue=entry.phrase.endswith(_grammar().asked_by))
        elif _read_cue(r, start, end, entry, clause=clause, sentence=sentence):
            scoped = (clause, end)
        elif cues & _LABEL:
            _label(body, r, end, sentence, entry.phrase)
        if entry.forms or entry.objects:
            r.frame_parts.append((start, end, entry, sentence, clause))
    # A how-question reaches over a plain connector ("how do I trim it and export?", "la
    # diferencia entre exportar y descargar"): the verb after it is asked about too, in a
    # sentence that is a question; a hand-over is not ("why did it crash and send me the file").
    for clause, sentence, phrase in carried:
        if sentence in r.questions:
            _scope(_clause_scope(r, clause), Cue.HOWTO, phrase)
    # (One statement: ruff's limit per function.)
    r.postpone, r.frame_parts = _not_dates(body, r.postpone), (
        _outside_captions(body, r.frame_parts, r.content) if r.content and r.frame_parts
        else r.frame_parts)
    return r


def _not_asks(body: str, start: int, end: int, entry: Entry) -> bool:
    """Whether a Chinese "不"/"没" ends its clause after a word of being able in it
    ("能渲染成竖屏不", "可以导出1080不 发抖音用", grammar.yaml ``not_asks``): the colloquial
    yes-no question, which asks as "吗" does and negates nothing ("导出不了" goes on)."""
    g = _grammar()
    if entry.phrase not in g.not_asks or (end < len(body) and body[end] not in _ENDS_NOT):
        return False
    since = max(body.rfind(mark, 0, start) for mark in _ENDS_NOT) + 1
    return any(head in body[since:start] for head in g.not_asks_heads)


def _caption_between(body: str, hits: list[Hit], lo: int, hi: int) -> bool:
    """Whether a colon between ``lo`` and ``hi`` introduces the text a caption says, running
    on to ``hi``: not one inside a time ("2:14"), nor one whose text ends at a sentence mark
    before ``hi`` ("set the title to: Our Wedding. Then export"), nor one a connector follows
    ("…：その後書き出して")."""
    colon = None
    for found in _LABEL_COLON.p.finditer(body, lo, hi):
        colon = found.end()
    if colon is None or any(mark in body[colon:hi] for mark in ".!?。！？\n"):
        return False
    after = colon + len(body[colon:hi]) - len(body[colon:hi].lstrip())
    return not any(start == after and entry.cues & _CONNECTOR for start, _, entry in hits)


# A colon that introduces text, not one inside a time ("2:14").
_LABEL_COLON: Final = LazyPattern(r"(?<!\d):|:(?!\d)")
_ENDS_NOT: Final = " ?!.,。，！？、\n~"


def _not_dates(body: str, later: list[tuple[int, int, int, str]] | None
               ) -> list[tuple[int, int, int, str]] | None:
    """``later`` (the put-off cues) less a Chinese time that dates a thing ("今晚拍的视频",
    "星期一的素材"): it puts nothing off."""
    if later is None:  # most messages
        return None
    return [cue for cue in later if cue[3].isascii() or "的" not in body[cue[1]:cue[1] + 3]] \
        or None


def _verb_last(entry: Entry) -> bool:
    """Whether ``entry`` is of a language whose verb ends its clause (``_VERB_LAST``)."""
    return not _VERB_LAST.isdisjoint(entry.languages)


def _no_chinese_in_kanji(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` without the one-character Chinese words that stand inside a Japanese kanji
    compound ("裁", cut, in "決裁", approval; "花", spend, in "花粉症"): in a message with
    kana, a character with another kanji beside it is part of a Japanese word."""
    kept = []
    for hit in hits:
        start, end, entry = hit
        if end - start == 1 and entry.languages and all(
                lang.startswith("zh") for lang in entry.languages) and (
                (start > 0 and HAN.search(body[start - 1]))
                or (end < len(body) and HAN.search(body[end]))):
            continue
        kept.append(hit)
    return kept


def _balance_supposed(verbs: list[_Verb]) -> bool:
    """Whether a balance is supposed in a condition ("falls noch Guthaben übrig ist mach ich
    noch eins", ``_conditioned``): a negation too, so the learned fallback beside an edit
    verb does not bring it back."""
    conditions = _grammar().conditions
    for verb in verbs:  # noqa: SIM110 - a loop, not any() over a generator: every message
        if verb.about and verb.negated_by in conditions:
            return True
    return False


def _time_clause_edits(body: str, verbs: list[_Verb]) -> None:
    """Mark the edit verbs that a "before" closes into a time clause ("做下一条之前要不要先
    充值", before making the next one), or a Japanese "because" into a reason of the user's
    own ("報告資料に載せますので正確な数字でお願いします"): the verb says when or why, it
    asks for nothing."""
    closes = _grammar().subordinate_closes
    for verb in verbs:
        if verb.entry.action is not None or verb.negated_by is not None:
            continue
        for k in range(verb.end, min(len(body), verb.end + _BEFORE_REACH)):
            if body[k] in _MARKS:
                break
            close = next((c for c in closes if body.startswith(c, k)), None)
            if close is not None:
                # "之前的配乐" is the previous music, a thing named, no time clause.
                if not body.startswith(_grammar().modifies_noun, k + len(close)):
                    verb.negated_by = close
                break


def _softened_at_clause_end(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether a Chinese ``verb`` is followed by a softener (grammar.yaml ``softeners``:
    "一下", "吧") that ends its clause."""
    if not any(lang.startswith("zh") for lang in verb.entry.languages):
        return False
    _, hi = _clause_bounds(body, hits, verb.start, verb.end)
    for softener in _grammar().softeners:  # "一下下" as well as "一下"
        if body.startswith(softener, verb.end) and not any(
                ch.isalnum() for ch in body[verb.end + len(softener):hi]):
            return True
    return False


def _moved_object_before(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb``'s clause opens with the Chinese object marker (grammar.yaml
    ``object_markers``: "把", "將"), request words before it at most ("帮我把…", "先把…")."""
    lo, _ = _clause_bounds(body, hits, verb.start, verb.end)
    opening = body[lo:verb.start].lstrip(_OPENING_PUNCTUATION)
    for start, end, entry in hits:  # in order: each request word in turn ("帮我先把…")
        if start == verb.start - len(opening) and start < verb.start \
                and entry.cues & (_REQUEST | _IGNORE):
            opening = body[end:verb.start].lstrip(_OPENING_PUNCTUATION)
    return opening.startswith(_grammar().object_markers)


def _verdict_in(body: str, hits: list[Hit], end: int) -> bool:
    """Whether ``body`` (a message's start, up to ``end``) says something of what it names
    (thanks, praise, an approval, a verdict: "the timeline is fine", "timeline approved", "die
    Timeline passt") rather than asking for it (``Router._project_first``)."""
    g = _grammar()
    words = frozenset(_ASCII_WORDS.p.findall(body))  # "ok" whole, not inside "Brooks"
    return any(entry.cues & _THANKS for start, _, entry in hits if start < end) \
        or any(word in words if word.isascii() else word in body for word in g.approvals) \
        or g.praise.search(body) or g.signed_off.search(body)


def _clause_end(body: str, at: int) -> int:
    """Where the clause holding ``at`` ends: its next mark, or the end of ``body``."""
    mark = _CLAUSE_MARK.p.search(body, at)
    return mark.start() if mark else len(body)


def _roll_set_aside(edits: list[_Verb], acts: list[_Verb], r: _Reading, hits: list[Hit]
                    ) -> list[_Verb]:
    """``edits``, or none where they are all words of the video's end credits (chat phrases)
    and the balance is asked in a later clause, in a question or with a request word after
    the roll's ("avant les crédits de fin, dis moi combien il me reste de crédits", "엔딩
    크레딧은 이따 하고, 내 계정 크레딧 얼마 남았어?"): the word of the roll says nothing of the
    balance after it. ("my bookkeeper keeps an eye on the credits, she'll flag it if we're
    running low" asks nothing.)"""
    if edits and acts and all(edit.entry.action == "chat" for edit in edits) \
            and all(act.entry.action == "credits" and act.clause > edits[-1].clause
                    and (act.sentence in r.questions or any(
                        start >= edits[-1].end and entry.cues & _REQUEST
                        for start, _, entry in hits)) for act in acts):
        return []
    return edits


def _moved_and_asked(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` is an export verb of a Chinese clause that moves its object before it
    (``_moved_object_before``), not told as done anywhere after it in its clause ("把视频导出
    来了", "把集锦导出成竖版了")."""
    return verb.entry.action == "export" and not verb.frame \
        and any(marker in body for marker in _grammar().object_markers) \
        and _moved_object_before(body, hits, verb) and "了" not in body[verb.end:_clause_end(
            body, verb.end)]


def _infinitive_ends_clause(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` is a German infinitive ("runterladen", "rendern") with nothing
    after it in its clause: a connector, a mark or the end of the message comes next."""
    entry = verb.entry
    # A noun that ends the same way ("Guthaben") only where it opens its clause ("Das
    # Guthaben und der Export haben mich überzeugt" names both); not in a question ("Geht
    # Video exportieren und Guthaben prüfen gleichzeitig?"), nor before "zu" ("…, Videos
    # exportieren und mein Guthaben sehen zu können").
    if "de" not in entry.languages or not entry.phrase.endswith("n") \
            or " " in entry.phrase or "?" in body or " zu " in f" {body[verb.end:]} ":
        return False
    noun = entry.action not in ("export", "upload")  # "Guthaben": only opening its clause
    rest = body[verb.end:].lstrip()
    at = len(body) - len(rest)
    # A request word after it still ends the request ("Video runterladen bitte und …").
    for start, end, hit in hits:
        if start == at and hit.cues & _REQUEST and not noun:
            rest = body[end:].lstrip()
            at = len(body) - len(rest)
            break
    if rest and rest[0] not in _MARKS and not any(
            start == at and hit.cues & _CLAUSE for start, _, hit in hits):
        return False
    # Not where the clause says who does it or makes it a subordinate one ("…, dass ich
    # exportieren und mein Guthaben sehen kann": what the user likes, no request).
    since = max((end for _, end, hit in hits if end <= verb.start and hit.cues & _CLAUSE),
                default=0)
    g = _grammar()
    before = [word for word in body[since:verb.start].split() if word not in g.mine_words]
    return not (noun and before) and not any(word in g.infinitive_subjects for word in before)


def _joined_after(body: str, end: int) -> bool:
    """Whether an action phrase ending at ``end`` is followed by a Korean ending that joins
    a second request ("내보내고 크레딧 얼마 남았는지 알려주세요"), not one that keeps the verb
    going ("내보내고 싶어", "내보내고 나면 …"), nor a question about the action ("영상 내보내고
    크레딧 차감되나요?": the rest asks nothing with a request ending): grammar.yaml's
    ``joins_after``, ``joins_not`` and ``request_after``."""
    g = _grammar()
    for ending in g.joins_after:
        if body.startswith(ending, end):
            rest = body[end + len(ending):]
            # Typed on with a space, a mark or laughter ("내보내고~", "내보내고ㅎㅎ").
            if rest and rest[0].isalnum() and not "\u3131" <= rest[0] <= "\u318e":
                return False
            rest = rest.lstrip(" ,，~～ㅎㅋ")
            return not rest.startswith(g.joins_not) \
                and any(request in rest for request in g.request_after)
    return False


def _next_sentence(r: _Reading, clause: int) -> int:
    """Start a sentence at ``clause``; the new sentence's number."""
    r.sentence_starts = (*r.sentence_starts, clause)
    return len(r.sentence_starts)


def _labels(hits: list[Hit]) -> list[Hit] | None:
    """The hits that are only a label of text in the video ("caption", "字幕"), if any: a word
    no rule but ``_label`` reads, so that "send me the text" stays a message of unknown words
    (no bare hand-over) and "자막 보여줘" stays an edit request."""
    # Their cues looked up in C first: most messages hold no label, and then no list is made.
    if _LABEL not in map(_CUES, map(_ENTRY, hits)):
        return None
    return [hit for hit in hits if hit[2].cues == _LABEL]


def _label(body: str, r: _Reading, end: int, sentence: int, phrase: str) -> None:
    """A name of text in the video followed, a few words on, by a colon ("the banner should
    read: Download our menu", "la frase final: descarga el menú", "橫幅寫：查看進度"): what
    follows the colon is that text, a described content to the end of its sentence."""
    stop = end + _LABEL_REACH
    for at in range(end, min(stop, len(body))):
        ch = body[at]
        if ch in ":：":
            r.content = [*r.content, (sentence, at + 1, phrase + ch)]
            return
        if ch in _MARKS:
            return


def _added(found: AbstractSet[int], index: int) -> AbstractSet[int]:
    """``found`` with ``index`` in it: the shared empty set is replaced by a set of its own
    once, which later indexes are added to in place (a copy for each would cost a message of
    thousands of sentences the square of their number)."""
    if index in found:
        return found
    if isinstance(found, set):
        found.add(index)
        return found
    return {*found, index}


def _ends_clause(r: _Reading, start: int, end: int, entry: Entry, *, clause: int,
                 sentence: int) -> None:
    """Note what a word that ends its clause says besides: "?" asks; "算了" takes back."""
    if entry.cues & _SEPARATOR and entry.phrase in ("?", "？"):
        _mark_asking(r, sentence, clause)
    elif entry.cues & _RETRACT:
        _read_cue(r, start, end, entry, clause=clause, sentence=sentence)


def _mark_asking(r: _Reading, sentence: int, clause: int, *, cue: bool = False) -> None:
    """Note the sentence and clause as ones that ask (``cue``: by a question cue's word)."""
    r.question = r.question or cue
    r.questions = _added(r.questions, sentence)
    r.question_clauses = _added(r.question_clauses, clause)


def _retract(body: str, r: _Reading) -> None:
    """Take back what the message asked before its last ``retract`` cue ("make the title
    bigger… forget it, just render the final", "导出—— 算了，还剩多少额度"): the verbs, frame
    words, negations and scoped cues before it are dropped, and the message is read from what
    is left ("logo再大一点 哎算了" asks nothing). Only when nothing follows the cue or a new
    request does: a correction of a detail takes back the detail, not the request ("export it
    in 4k. scratch that, 1080p"). Nor right after a verb: "导出算了" is "just export it"."""
    assert r.retracted is not None
    at, end, clause = r.retracted
    if any(verb.end == at for verb in r.verbs):
        return
    rest = body[end:]
    if any(ch.isalnum() for ch in rest) and not (
            any(verb.start >= end for verb in r.verbs)
            or any(part[0] >= end for part in r.frame_parts)):
        return
    r.verbs = [verb for verb in r.verbs if verb.end > at]
    r.frame_parts = [part for part in r.frame_parts if part[0] >= at]
    r.before = [cue for cue in r.before if cue[0] > at]
    r.after = [cue for cue in r.after if cue[0] > at]
    if r.postpone is not None:
        r.postpone = [cue for cue in r.postpone if cue[0] > at] or None
    if r.scopes:
        r.scopes = {c: scope for c, scope in r.scopes.items() if c >= clause}


def _supposed(body: str, at: int) -> bool:
    """Whether the sentence holding ``at`` opens with a condition of the speaker's own doing
    ("if I …", "wenn ich …", "如果…", after a filler or two: "so if I …", "请问，如果…"): what
    follows in it is supposed, not asked for, when the sentence is a question. Not a polite
    opener ("if I may", "如果可以") nor a condition of the assistant's doing ("如果你…")."""
    opening = _past_fillers(body[_sentence_start(body, at):at])
    return _condition(opening, _grammar().conditional) is not None


def _condition(opening: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``opening`` starts with, unless it starts with a condition
    that asks after all (``not_conditional``: "if I may", "s'il te plaît", "如果你")."""
    # ``startswith`` with the whole tuple first (one C call): most openings start with none
    # of the words, and then no word need be tried as a whole word one by one.
    polite = _grammar().not_conditional
    if opening.startswith(polite) and any(_opens_with(opening, word) for word in polite):
        return None
    if not opening.startswith(words):
        return None
    return next((word for word in words if _opens_with(opening, word)), None)


def _not_now_before(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether what comes before ``verb`` in its sentence tells of another time or opens a
    condition: a time to come or a past one ("下周一院长确认之后我再下载", "la dernière fois le
    rendu a planté et …"), or "if"/"when" ("wenn das Wetter morgen passt … und dann
    exportieren wir", "如果校長禮拜五核准的話 我再請你算圖"). Then the clause joined on after it
    is a plan or a story, not an action asked for after an edit."""
    first = _sentence_start(body, verb.start)
    if any(entry.cues & _EDIT and first <= start < verb.start for start, _, entry in hits):
        # An edit before the action is what the time or condition is about ("if the music is
        # too loud turn it down and then export it", "mets la date de demain sur le titre et
        # ensuite exporte"): the action still follows it.
        return False
    if any(entry.cues & (_POSTPONE | Cue.PAST) and first <= start < verb.start
           for start, _, entry in hits):
        return True
    return _opening_condition(body, body[first:verb.start], _grammar().condition_opens) \
        is not None


def _opening_condition(body: str, opening: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``opening`` (the start of a sentence or clause of ``body``)
    opens on past its fillers (``_condition``, ``_past_fillers``), or None. Portuguese "se"
    is "if"; Spanish "se" never is ("se me acabaron los créditos?", "se puede acortarlo y
    después exportarlo?")."""
    cue = _condition(_past_fillers(opening), words)
    return cue if cue != "se" or detect_locale(body) == "pt" else None


def _past_fillers(opening: str) -> str:
    """``opening`` (the start of a sentence or clause) past its punctuation and up to two
    words that may come before a condition ("so if I …", "请问，如果…")."""
    opening = opening.lstrip(_OPENING_PUNCTUATION)
    fillers = _grammar().conditional_fillers
    for _ in range(2):
        if not opening.startswith(fillers):  # (one C call for the usual opening: see above)
            break
        filler = next((word for word in fillers
                       if _opens_with(opening, word)), None)
        if filler is None:
            break
        opening = opening[len(filler):].lstrip(_OPENING_PUNCTUATION)
    return opening


def _conditioned(body: str, hits: list[Hit], verbs: list[_Verb], r: _Reading) -> None:
    """Mark each credits verb in a condition that opens its sentence, whoever's ("si jamais
    il me reste des crédits ce mois-ci je ferai celle de Val Thorens", "falls ich noch credits
    übrig hab mach ich später eins", "if I still have credits, export it"): the balance is
    supposed there, not asked about. Only in the sentence's first clause (after a word or two
    such as "so"): after "dis-moi," a "s'il" asks whether. A polite opener ("if I may", "s'il
    te plaît", "if you can", ``not_conditional``) still asks, and so does a balance after
    another verb of its clause ("if the export fails show me my credits": the condition is
    that verb's). Where no comma closes the condition, its end is unknown: with a request cue
    in the message or in a question ("¿si lo exporto ahora me quedan créditos para otro?") the
    balance may be asked after it, and it stands; so does an amount asked after the comma
    ("if I still have credits, how many?")."""
    grammar = _grammar()
    for verb in verbs:
        if verb.entry.action != "credits" or verb.negated_by is not None:
            continue
        lo, hi = _clause_bounds(body, hits, verb.start, verb.end)
        if verb.frame and any(mark in body[verb.start:verb.end] for mark in _COMMAS):
            # A frame whose form ends a condition before the comma and whose object follows
            # it ("如果积分还够，我想再做一个英文版"): the condition is its form's clause.
            lo, hi = _clause_bounds(body, hits, verb.start, verb.start + 1)
        if any(lo <= other.start < verb.start and other.entry.action != "credits"
               for other in verbs):
            continue  # "if the export fails show me my credits": what is done first is supposed
        closed = body[hi:hi + 1] in _COMMAS
        if not closed and (r.request or verb.sentence in r.questions):
            continue
        if closed and any(s == verb.sentence and at >= hi for s, at in r.asks):
            continue
        first = _sentence_start(body, verb.start)
        if first < lo and _past_fillers(body[first:lo]).strip(_OPENING_PUNCTUATION):
            # A Chinese condition reaches to its comma over a word that joins ("如果做完點數
            # 還夠，我想再做一支": "if, when it is done, the points are enough"); in other
            # scripts a connector ends it ("if that works and then show me my credits").
            if body[first:lo].isascii() or not closed or any(
                    mark in body[first:verb.start] for mark in _COMMAS):
                continue  # (without its comma, "如果做完这个视频还剩多少积分" asks)
            lo = first
        opening = body[max(first, lo):verb.start]
        if opening.endswith("'"):  # elided before the verb's first word: "s'il me reste…"
            opening += body[verb.start:verb.end].split(" ", 1)[0]
        cue = _opening_condition(body, opening, grammar.condition_opens)
        if cue is not None:
            verb.negated_by, verb.about = cue, True
    for verb in verbs:
        if verb.entry.action == "credits" and verb.negated_by is None:
            # A frame's condition may close between its form and its object ("クレジットが
            # 残ってたら…作れますか", "크레딧 남아 있으면 긴 버전도 만들 수 있어요?": what is
            # left is supposed, the making asked): read from where the frame starts.
            cue = _closed_condition(body, verb.start if verb.frame else verb.end)
            if cue is not None and verb.frame and not _form_supposed(body, hits, verb, cue):
                cue = None  # "다음 영상 만들면 돈 내야 돼요?": the making is the condition
            if cue is not None:
                verb.negated_by, verb.about = cue, True


def _form_supposed(body: str, hits: list[Hit], verb: _Verb, close: str) -> bool:
    """Whether the frame ``verb`` opens on its form ("残って", "남아": what is left) and the
    condition ``close`` ends right after that form ("残ってたら", "남아 있으면"), not inside a
    table phrase ("계속 쓰려면", to keep using) nor after another word ("만들면", if I make)."""
    k = body.find(close, verb.start)
    end = k + len(close)
    for start, stop, entry in hits:
        if start == verb.start and entry.forms and not entry.objects:
            return k >= stop and body[stop:k].replace(" ", "") in _FORM_TO_CLOSE and not any(
                s < k and end <= e and (h.forms or h.objects) for s, e, h in hits)
    return False


def _closed_condition(body: str, at: int) -> str | None:
    """The ending that closes a Chinese, Japanese or Korean condition a few characters after
    ``at`` (``condition_closes``: "等月底额度还有剩的话我再做个…", "クレジット余ってたらジャズ
    ダンスのも作ろうかな", "크레딧 남으면 … 만들까 봐요"), when the message goes on after it and
    does not ask to be told ("クレジット残ってたら教えて" asks the balance)."""
    g = _grammar()
    stop = min(len(body), at + _CLOSE_REACH)
    for k in range(at, stop):
        if body[k] in _MARKS:
            stop = k
            break
    window = body[at:stop]
    for close in g.condition_closes:
        k = window.find(close)
        if k >= 0 and close in g.topic_closes and not window[:k].strip():
            # "积分的话现在还有多少？": right after the word, "的话" marks the topic ("as for
            # the balance"), no condition.
            continue
        if k < 0:
            continue
        end = at + k + len(close)
        if close == "면" and (not k or not _hangul(window[k - 1]) or any(
                body.endswith(noun, 0, end) for noun in g.myeon_nouns if len(noun) > 1)
                or body[end:end + 1].isalnum()):
            continue
        rest = body[end:]
        if not _has_words(rest) or any(tell in rest for tell in g.condition_tells):
            return None
        return close
    return None


def _sentence_start(body: str, at: int) -> int:
    """Where the sentence that holds ``at`` starts: after the last sentence mark before it (a
    full stop only when no letter or digit follows it, as in "v1.2")."""
    i = at - 1
    while i >= 0:
        mark = body[i]
        if mark in _SENTENCE_MARKS or (mark == "." and (i + 1 == len(body)
                                                      or not body[i + 1].isalnum())):
            break
        i -= 1
    return i + 1


def _opens_with(text: str, word: str) -> bool:
    """Whether ``text`` starts with ``word``, a whole word in Latin script ("if i" is not in
    "if it"; "si j'" is in "si j'ajoute")."""
    return text.startswith(word) and not (
        word.isascii() and word[-1].isalpha() and text[len(word):len(word) + 1].isalpha())


def _read_cue(r: _Reading, start: int, end: int, entry: Entry, *, clause: int,
              sentence: int) -> bool:
    """Note a cue that neither acts nor ends its clause; whether it is a scoped one."""
    cues = entry.cues
    if cues & _BEFORE:
        r.before = [*r.before, (end, clause, entry.phrase)]
    if cues & _AFTER:
        r.after = [*r.after, (start, clause, entry.phrase)]
    if cues & _POSTPONE:  # rare: a new list each time costs nothing
        r.postpone = [*(r.postpone or ()), (start, end, clause, entry.phrase)]
    if cues & _REQUEST:
        r.request = True
        r.requested = _added(r.requested, sentence)
    if cues & _QUESTION:
        _mark_asking(r, sentence, clause, cue=True)
    if cues & _REPORT:
        r.reports = [*r.reports, (clause, sentence, entry.phrase)]
    if cues & _DOUBT:
        r.doubts = [*r.doubts, (clause, entry.phrase)]
    if cues & _PERSON:
        r.persons = [*r.persons, (start, end, clause, entry.phrase)]
    if cues & _ASIDE:
        r.asides = {*r.asides, entry.phrase}
    if cues & _RETRACT:
        r.retracted = (start, end, clause)
    if not cues & _SCOPED:
        return False
    _scope(_clause_scope(r, clause), cues, entry.phrase)
    if cues & _ASKS:
        r.asks = [*r.asks, (sentence, start)]
    if cues & _CONTENT:
        r.content = [*r.content, (sentence, end, entry.phrase)]
    return True


def _run_on(body: str, cue_end: int, start: int) -> bool:
    """Whether a phrase at ``start`` is typed on after a scoped cue ending at ``cue_end`` as
    a clause of its own: a space or a comma right before the phrase (a space between Chinese
    or Japanese characters is a comma by now: ``wide_pauses``), and a word between them
    unless the cue ends in CJK or Hangul, where a space alone parts two sentences ("見たいって
    動画を送って", "보고 싶대 영상 보내줘"). So "how do i send it to me", "怎么发给我" and
    "怎么才能发给我" stay one clause."""
    return body[start - 1] in " ," and start > cue_end and (
        not body[cue_end - 1].isascii() or not body[cue_end:start].isspace())


def _drop_auxiliaries(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` without a Japanese auxiliary of giving that follows the te-form of another
    verb ("教えてもらえる？", "調べてください"): it asks for that verb, not for the file."""

    def helper(k: int, hit: Hit) -> bool:
        start, _, entry = hit
        if not (entry.forms and start and body[start - 1] in "てで"
                and entry.phrase.startswith(_grammar().auxiliaries)
                and body[start - 2:start] != "ので"):  # "ので" is "because", no te-form
            return False
        before = hits[k - 1] if k else None
        # Not after a word of its own frame: "これで" + "もらっていきます" takes the video as
        # it is ("で" is the particle there, no te-form).
        same = before is not None and before[1] == start and (
            (before[2].forms | before[2].objects) & entry.forms
            or before[2].action not in (None, "chat"))
        return not same

    return _without(hits, helper)


def _topic_then_doer(between: str, topic: AbstractSet[str]) -> bool:
    """Whether what stands between a look's word (the project, the balance) and a later time
    in its clause names who will look then ("進捗は夫があとで確認するそうです", "진행상황은
    알바생이 이따 확인할 거예요", "進度我晚點叫店員看"): after the topic particle, one short word
    ending in a subject particle, or the speaker named. (Only looks: read of the file too, it
    cost a held-out export request.)"""
    for particle in topic:
        if between.startswith(particle):
            between = between[len(particle):].lstrip()
            break
    g = _grammar()
    if not between or len(between) > _DOER_CHARS or not between.isalnum() \
            or between.isascii():
        return False
    return between in g.wait_subjects or between in g.self_subjects \
        or between.endswith(g.others_subject)


def _asked_first(words: list[str], g: Grammar) -> bool:
    """Whether the words before an approval open on its auxiliary, maybe after a filler ("has
    legal signed off", "so has the client approved it"): a question typed without its mark."""
    if words[:1] and words[0] in g.conditional_fillers:
        words = words[1:]
    return bool(words) and words[0] in g.signed_off_asks


def _negated_around(body: str, negations: Words, clause: tuple[int, int],
                    approval: tuple[int, int]) -> bool:
    """Whether one of ``negations`` stands in ``body[lo:hi]`` outside the approval at
    ``body[start:end]`` ("说没问题" holds a "没" of its own), a Korean one as a word of its own
    ("제안서" holds no "안")."""
    (lo, hi), (start, end) = clause, approval
    for a, b in ((lo, start), (end, hi)):
        at = a
        while (found := negations.find(body, at, b)) is not None:
            s, e = found
            if not (_hangul(body[s]) and ((s > 0 and _hangul(body[s - 1]))
                                          or (e < len(body) and _hangul(body[e])))):
                return True
            at = s + 1
    return False


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _whole_words(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` less those that end a longer Korean word, or follow an apostrophe. Korean is
    matched syllable by syllable, so the follow-up "줘" (give it) is also found in "보여줘"
    (show me) and "알려줘" (tell me), and the yes "어" in "있어": as follow-ups those are
    other verbs. The Portuguese yes "s" is no yes in "that's" or "let's"."""
    return [h for h in hits if not (h[0] and (
        (_hangul(body[h[0]]) and _hangul(body[h[0] - 1])) or body[h[0] - 1] in "'’"))]


def _without(hits: list[Hit], drop: Callable[[int, Hit], bool]) -> list[Hit]:
    """``hits`` without those ``drop`` (given each one's index) says go; the same list when
    none does, so that a message with nothing to drop copies nothing."""
    kept: list[Hit] | None = None
    for k, hit in enumerate(hits):
        if drop(k, hit):
            if kept is None:
                kept = hits[:k]
            continue
        if kept is not None:
            kept.append(hit)
    return hits if kept is None else kept


def _frame_bits(parts: list[tuple[int, int, Entry, int, int]], *, forms: bool = True) -> int:
    """The frame bits of the objects seen (the things of an action a message names) and,
    with ``forms``, of the request forms too (hints for the learned fallback)."""
    bits = 0
    for _, _, entry, _, _ in parts:
        bits |= (entry.forms | entry.objects) if forms else entry.objects
    return bits


def _negated_beside_frames(hits: list[Hit], r: _Reading,
                           asides: AbstractSet[str] | None = None) -> bool:
    """Whether a negation stands in a sentence with words of a frame: only that one counts
    ("Perdone, no sé mucho de computadoras. Si ya está terminado, ¿me lo podría dar en mp4?"
    asks for the file). ``asides`` (given when the frames are the user's sending) are no
    negation: "結婚式の動画こっちから送りますね、重いのでちょっと待ってください" announces the
    file, as ``Router._negate`` reads them beside an upload verb."""
    seps = [start for start, _, entry in hits if entry.cues & _SEPARATOR]
    framed = {bisect_right(seps, part[0]) for part in r.frame_parts}
    return any(bisect_right(seps, at) in framed for at, _, cue in (*r.before, *r.after)
               if not asides or cue not in asides)


def _balance_asked(verbs: list[_Verb], questions: AbstractSet[int]) -> None:
    """Whether the balance runs out is asked with a negation ("no credits left?", "我是不是
    没有积分了", "¿ya no tengo saldo?", "hab ich keine Credits mehr?"): in a question the
    negation is what is asked, not a refusal, so it does not cancel a credits verb."""
    for verb in verbs:
        if verb.negated_by is not None and verb.entry.action == "credits" \
                and verb.sentence in questions:
            verb.negated_by = None


def _described(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` of a file's caption without a Chinese edit verb right before "的": it
    describes the file ("我们自己做的beat", "新換的路線", "比賽用的BGM": made, newly changed,
    used for), it asks for no edit; unless a want stands before it ("要替换的logo": the one to
    be replaced)."""
    if "的" not in body:
        return hits
    return _without(hits, lambda _, hit: body.startswith("的", hit[1])
                    and bool(hit[2].cues & _EDIT) and _cjk_word(hit[2])
                    and not body.endswith(_grammar().described_not, 0, hit[0]))


def _drop_helpers(body: str, hits: list[Hit], final: int = 0, handing: int = 0) -> list[Hit]:
    """``hits`` without the verbs that only help another one ask: see the three below."""
    if "て" in body or "で" in body:
        hits = _drop_auxiliaries(body, hits)
    if "片" in body or "视频" in body or "視頻" in body:
        hits = _named_video(body, hits)
    for _, _, entry in hits:  # a loop, not any(): this runs for every message
        if entry.cues & _LIGHT:
            return _drop_light_verbs(body, hits, final, handing)
    return hits


def _named_video(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` without a Chinese edit verb in the name of the video asked for in its clause:
    the verb, its object (a few characters), then "那个视频", "嘅片" (grammar.yaml
    ``video_named_after``) name the video by what it shows ("把调变速那个视频导出", "幫我出條
    換鏈嘅片"). The file is asked for by an export phrase or a form anywhere in the clause,
    or by an object from the name on (a bare "视频" before the verb is what it edits). Not with
    nothing between ("剪掉那个视频的开头" cuts), nor with a complement after the verb
    (``video_named_not``: "剪成…", "剪一下…"), nor after a 把 and the verb's own object ("把
    视频剪成…"), nor across a pause or a connector ("删掉开头那个视频，然后导出": the edit,
    then the file). One pass: the clauses' bounds are found once, each lookup bisects."""
    asks: list[int] = []  # export phrases and forms
    objects: list[int] = []
    for start, _, entry in hits:
        if entry.action == "export" or (entry.action is None and entry.forms):
            asks.append(start)
        elif entry.action is None and entry.objects:
            objects.append(start)
    if not asks and not objects:
        return hits
    g = _grammar()
    bounds = sorted([m.start() for m in _CLAUSE_MARK.p.finditer(body)]
                    + [s for s, _, entry in hits if entry.cues & _CONNECTOR])

    inside = -1  # the end of a name read: an edit verb before it is in that name too

    def named(_: int, hit: Hit) -> bool:
        nonlocal inside
        start, end, entry = hit
        if not entry.cues & _EDIT or entry.cues & _CONNECTOR or entry.action is not None \
                or not _cjk_word(entry):
            return False  # ("改完" joins clauses: no name)
        if start < inside:
            return True  # "变" in "调变速那个视频"
        if body.startswith(g.video_named_not, end) or entry.phrase.endswith(g.video_named_not):
            return False  # ("去掉水印的视频": the verb's own complement)
        lo = bounds[k - 1] if (k := bisect_right(bounds, start)) else -1
        if any(marker in body[lo + 1:start - 1] for marker in g.object_markers):
            return False  # "把视频剪成…": 把, its object, then the verb that edits it
        for gap in range(1, _NAMED_REACH + 1):
            if end + gap > len(body) or not _wide(body[end + gap - 1]) \
                    or body[end + gap - 1] in g.object_markers:
                return False
            ending = next((e for e in g.video_named_after if body.startswith(e, end + gap)),
                          None)
            if ending is not None:
                hi = bounds[k] if k < len(bounds) else len(body)
                if _any_within(asks, lo, hi) \
                        or _any_within(objects, end + gap, hi):
                    inside = end + gap
                    return True
                return False
        return False

    return _without(hits, named)


def _any_within(points: list[int], lo: int, hi: int) -> bool:
    """Whether a point of the sorted ``points`` lies in ``[lo, hi)``."""
    at = bisect_left(points, lo)
    return at < len(points) and points[at] < hi


def _drop_light_verbs(body: str, hits: list[Hit], final: int = 0, handing: int = 0
                      ) -> list[Hit]:
    """``hits`` without a light verb ("do", "haz", "fais") whose object is an action's own
    noun, at most a short word (an article) away: "do the export", "haz el render"; or a noun
    that is a request form paired with an object after it, at most two short words away
    ("make me a summary of the project", "fais-moi un recap du montage", "mach mir eine
    Übersicht über das Projekt"): the noun is the request. A name of the finished file
    (``final``: the objects of the export frames that may stand alone) that ends its clause
    after the verb is one too ("genera el final", "génère la version finale", "finale Version
    erstellen"); "make the final video shorter" still edits (its own verb). A verb that is
    a way of asking for that very object ("gera" + "o mp4") and opens its clause stays: the
    two make the frame, which asks also beside another request ("quantos créditos tenho? e
    depois gera o mp4"); after other words it is dropped ("cuando genera el mp4, ¿se guarda
    en la nube?" asks nothing of the file)."""

    def light(k: int, hit: Hit) -> bool:
        start, end, entry = hit
        if not entry.cues & _LIGHT:
            return False
        if k + 1 == len(hits) or hits[k + 1][2].cues & _SEPARATOR:
            # The file named before its verb, the verb ending the message or its sentence:
            # "finale Version erstellen".
            return k > 0 and bool(hits[k - 1][2].objects & final) \
                and not body[hits[k - 1][1]:start].split()
        # "Please" and a format may stand between it and what it makes ("mach mir bitte
        # einen 4K-Export", "génère stp la version finale"): read past them.
        j = k + 1
        while j + 1 < len(hits) and hits[j][2].action is None \
                and hits[j][2].cues & (Cue.REQUEST | Cue.SPEC) and not hits[j][2].objects:
            j += 1
        start, stop, noun = hits[j]
        gap = _gap_words(body, end, start, hits[k + 1:j])
        if noun.action not in (None, "chat"):
            # An action's own noun at most two short words away (a pronoun, an article): "do
            # the export", "fais-moi l'export"; "create a title for the export" makes a title.
            if len(gap) > 2:
                return False
            if all(len(word) <= 5 for word in gap):
                return True
            # Or a word of which version ("mach bitte den finalen Export"), the noun ending its
            # clause: "mach den finalen Export ohne Musik" changes what is exported.
            mark = _CLAUSE_MARK.p.search(body, stop)
            tail = body[stop:mark.start() if mark else len(body)].split()
            g = _grammar()
            return all(len(word) <= 5 or word.casefold() in g.light_gap for word in gap) \
                and all(word.casefold() in g.light_tail for word in tail)
        if noun.objects & final and (not gap or (len(gap) == 1 and len(gap[0]) <= 4)) \
                and not any(h[2].cues & _EDIT for h in hits[:k]):
            # (After a change, "tira o clipe e depois gera o arquivo", the verb is its
            # follow-up: see above.)
            rest = _after_final(body, hits[j + 1:], stop, handing)
            # The file handed over in a clause joined on after it is one request ("gera o
            # vídeo final e me passa o link"); else the verb stays where it asks for that
            # very object and opens its clause (the two make the frame).
            opens = _opens_clause(body, hits, hit[0])  # ("ela gera …" is hers)
            return (rest == "handed" and opens) or (rest == "alone" and not (
                entry.forms & noun.objects and opens))
        # Up to four short words: a pronoun, "mal", an article and a short adjective ("fais-moi
        # un petit résumé de ce qu'on a fait", "mach mir mal eine kurze Zusammenfassung"), then
        # with the object after the noun, at most two short words (a preposition, an article)
        # between ("make me a nice big summary slide of the project" is content).
        if not noun.forms or len(gap) > 4 or any(len(word) > 5 for word in gap):
            return False
        wide = len(gap) > 2 or any(len(word) > 4 for word in gap)
        for at, _, later in hits[j + 1:]:
            if later.cues & _SEPARATOR:
                return False
            if later.objects & noun.forms:
                between = body[stop:at].split()
                return not wide or (len(between) <= 2 and all(len(w) <= 4 for w in between))
        return False

    return _without(hits, light)


def _gap_words(body: str, start: int, end: int, skipped: list[Hit]) -> list[str]:
    """The words (``_words``) of ``body[start:end]`` without those of the ``skipped`` hits in
    it ("mir bitte einen 4K-": "mir", "einen")."""
    text = body[start:end]
    for s, e, _ in reversed(skipped):
        text = text[:s - start] + " " + text[e - start:]
    return _words(text)


def _after_final(body: str, later: list[Hit], stop: int, handing: int) -> str:
    """What follows the finished file named after a light verb (``_drop_light_verbs``), up to
    the end of its sentence: "handed" where the file is handed over in a clause joined on
    after it (an export phrase, or a form of ``handing``: "… e me passa o link"), "alone"
    where at most two words follow it, or a pause and why ("génère la version finale, j'en
    ai besoin ce soir"), else "more" (an edit, or other words: "make the final video
    shorter")."""
    until = len(body)
    joined = asks = False
    for at, _, entry in later:
        if entry.cues & _SEPARATOR:
            until = at
            break
        if entry.cues & _EDIT:
            return "more"
        asks = asks or bool(entry.cues & (_QUESTION | _ASKS | Cue.ABOUT | Cue.NEGATE_BEFORE
                                          | Cue.NEGATE_AFTER))
        if joined and (entry.action == "export" or entry.forms & handing):
            return "handed"  # (a form that hands the file over: "me passa o link")
        if entry.action is not None:
            return "more"
        joined = joined or bool(entry.cues & _CONNECTOR)
    if len(body[stop:until].split()) <= 2:
        return "alone"
    # Why, after a pause: no question, nothing about it, no "not" ("faites le rendu final,
    # c'est quoi ?", "…, ou pas" are no reasons).
    after = body[stop:until].lstrip()
    return "alone" if after.startswith(",") and not asks and "?" not in body[stop:] \
        and not _opens_question(after, 1) else "more"


def _arrival_asked(body: str) -> bool:
    """Whether a top-up is asked whether it arrived: a word of ``top_up_arrived`` with a
    question right after it ("到账了吗", "到了没"), not told ("充值成功了，积分能不能…")."""
    g = _grammar()
    found = g.top_up_arrived.find(body)
    return found is not None and any(mark in body[found[0]:found[1] + 3]
                                     for mark in g.arrival_asks)


def _asked_twice(hits: list[Hit], verb: _Verb) -> bool:
    """Whether the project's progress is asked in two questions: a phrase of it before a
    question mark, and another after that mark ("もう出来上がったのでしょうか？まだ作っている
    ところですか"). The same thing asked again is no aside. (Not the balance: "comment ça
    marche les crédits ? une vidéo = un crédit ?" asks how credits work, twice.)"""
    action = verb.entry.action
    if action != "state":
        return False
    named = asked = False
    for _, _, entry in hits:
        if entry.action == action:
            if asked:
                return True
            named = True
        elif named and entry.cues & _SEPARATOR and entry.phrase in ("?", "？"):
            asked = True
    return False


def _outside_captions(body: str, parts: list[tuple[int, int, Entry, int, int]],
                      content: Sequence[tuple[int, int, str]]
                      ) -> list[tuple[int, int, Entry, int, int]]:
    """``parts`` less the frame words inside a caption's text: after a label's colon, to the
    next pause or the end of its sentence ("마지막 장면 자막: 앱 다운로드하고 보관함 번호
    확인하세요": the caption's "확인" is no request to see the scene named before the colon;
    "结尾加上地址：…，加完发我成品" still asks for the file after the pause)."""
    captions = []
    for _, start, phrase in content:
        if phrase.endswith((":", "：")):
            mark = _CAPTION_END.p.search(body, start)
            captions.append((start, mark.start() if mark else len(body)))
    if not captions:
        return parts
    return [part for part in parts
            if not any(start <= part[0] < end for start, end in captions)]


def _describe(verbs: list[_Verb], content: Sequence[tuple[int, int, str]]) -> None:
    """A video's subject, once described, runs to the end of its sentence across commas:
    in "a video that explains, step by step, how to check your balance" the balance is
    what the video shows, not what the user asks for. Cancels the actions after the cue."""
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action in (None, "chat"):
            continue
        for sentence, end, cue in content:
            if verb.sentence == sentence and verb.start >= end:
                verb.negated_by, verb.about = cue, True
                break


def _not_asked(body: str, hits: list[Hit], verbs: list[_Verb], r: _Reading,
               handing: int = 0) -> None:
    """Mark the verbs the message tells of rather than asks for: what someone said, a
    subject described, what is someone else's (``_told``), an edit that only says when
    (``_time_clause_edits``), a balance supposed in a condition (``_conditioned``)."""
    if r.content or r.doubts or r.persons:
        _told(body, verbs, r)
    if r.doubts and not r.request:
        _defined(body, verbs, r)
        _export_defined(body, hits, verbs)
    _someone_elses(body, hits, verbs, r, handing)
    if "前" in body or "ので" in body:
        _time_clause_edits(body, verbs)
    # The actions named, in one pass: the checks below run for every message.
    actions = {verb.entry.action for verb in verbs}
    if "state" in actions and not r.request and "?" not in body:
        _answered_for_them(body, verbs, r)
    if "export" in actions:
        _approval_awaited(body, verbs)
    if "credits" in actions:
        _balance_of_others(body, hits, verbs, r)
        _conditioned(body, hits, verbs, r)
        _paid_how(body, verbs, r.questions)
        _plan_given(body, hits, verbs)


def _plan_given(body: str, hits: list[Hit], verbs: list[_Verb]) -> None:
    """Mark the balance asked of a plan named by its tier in its clause (grammar.yaml
    ``plan_tiers``: "how many credits is the business plan?", "¿cuántos créditos trae el
    plan Pro?", "专业版每个月多少积分"): what the plan gives, a question of plans and prices.
    Not with a word of what is left ("how many credits do I have left on the pro plan?"), nor
    of the user's own plan."""
    g = _grammar()
    if not g.plan_tiers.search(body):  # (one search for the message: most name no plan)
        return
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "credits":
            continue
        lo, hi = _clause_bounds(body, hits, verb.start, verb.end)
        found = g.plan_tiers.find(body, lo, hi)
        if found is None:
            # The plan named before, its price asked first ("How much is the Pro plan per
            # month and how many credits come with it?", "プロプランって月いくらですか？
            # クレジットは何個付きます？"): what comes with it is asked, in the whole message.
            found = g.plan_tiers.find(body, 0, verb.start)
            if found is None or g.balance_left.search(body):
                continue
            lo = 0
        if g.balance_left.search(body, lo, hi):
            continue
        # (Nor the user's own plan: "läuft mein pro-abo noch und wie viel ist drauf?", "our
        # team plan", "我的专业版".)
        before = body[max(lo, found[0] - _OWN_REACH):found[0]]
        if any(word in g.mine_words for word in before.split()) \
                or before.endswith(("我的", "我嘅")):
            continue
        verb.negated_by, verb.about = body[found[0]:found[1]], True


def _approval_awaited(body: str, verbs: list[_Verb]) -> None:
    """Someone else's approval as a condition before the file asked for in its sentence
    (grammar.yaml ``approval_conditions``: "委員会で承認されたら、改めて書き出しをお願いします",
    "once the client approves it, send me the final"): the request is for later, and the
    chat keeps it. A check of the user's own before it is no such condition ("確認したら
    書き出しお願いします")."""
    g = _grammar()
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "export" or verb.start < 4:
            continue
        # Only the words before the verb are searched (a long alternation; most requests
        # open their sentence), and the sentence's ends found only then.
        found = g.approval_conditions.find(body, max(0, verb.start - 80), verb.start)
        if found is None:
            continue
        start, stop = _between_marks(body, verb.start, verb.end, ".!?。！？\n")
        # (Not with a now in the sentence: "once it's approved I'll post it right away, so
        # please export it now" wants the file now; nor before the sentence.)
        if found[0] >= start and not any(
                word.strip(",.!?") in g.now for word in body[start:stop].split()) \
                and not any(now in body[start:stop] for now in g.now if not now.isascii()):
            verb.negated_by = body[found[0]:found[1]]


def _answered_for_them(body: str, verbs: list[_Verb], r: _Reading) -> None:
    """How far the project has got, asked by someone else in the verb's sentence
    (grammar.yaml ``asked_of_user``: "老板一直问做到哪了", "me pregunta a cada rato si ya está
    terminado", "어디까지 됐냐고 계속 물어보시는데"), then the user's own answer or a plan of
    one (``answered``, or a time to come: "我晚点截个图发他", "le dije que paciencia",
    "이따 노트북으로 보여드리면 됨"), in a message that asks nothing: a report of the
    conversation, not a request to see the project ("…, can you pull that up" asks)."""
    g = _grammar()
    if g.asked_of_user.search(body) is None:
        return  # most messages: nobody else asking
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "state":
            continue
        start, stop = _between_marks(body, verb.start, verb.end, ".!。！\n")
        asked = g.asked_of_user.find(body, start, stop)
        if asked is None or _CLAUSE_MARK.p.search(
                body, min(verb.end, asked[1]), max(verb.start, asked[0])) or (
                    # Korean and Japanese put the asking after what is asked ("어디까지
                    # 됐냐고 물어보셔서 진행 상황 보여주세요": the look after it is the user's).
                    verb.start > asked[0] and (_hangul(body[asked[0]])
                                               or "\u3040" <= body[asked[0]] <= "\u30ff")):
            # Only what they asked, in the clause of their asking: a request in a clause of
            # its own still asks ("mein Chef fragt nach dem Fortschritt, zeig mir den Stand").
            continue
        since = max(verb.end, asked[1])
        if g.answered.find(body, since, len(body)) is not None \
                or any(at >= since for at, _, _, _ in r.postpone or ()):
            verb.negated_by, verb.about = body[asked[0]:asked[1]], True


def _paid_how(body: str, verbs: list[_Verb], questions: AbstractSet[int]) -> None:
    """A top-up whose sentence names a way to pay ("充值能用微信支付吗", "dá pra recarregar com
    pix?", "kann ich per Überweisung aufladen?"; grammar.yaml ``payments``) asks how paying
    works, which the agent answers: that top-up asks for no balance. Other words of the
    balance still ask ("how many credits do I have after the amex top up?"), and a way to pay
    beside no top-up is none of this ("just paid via PayPal, now export it")."""
    g = _grammar()
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "credits":
            continue
        # In its sentence: "e pra recarregar, aceita pix ou boleto?" asks of the same top-up.
        start, stop = _between_marks(body, verb.start, verb.end, ".?!。？！\n")
        if not any(word in verb.entry.phrase for word in g.top_ups):
            # The credits named alone, topped up or paid for in their clause of a question
            # ("크레딧 충전은 카드로만 돼요?", "dá pra pagar os créditos no pix?"), are asked
            # how to pay as well; not a balance asked beside a top-up ("Antes de recarregar
            # pelo Pix, me mostra quanto saldo eu tenho"), nor a request to see it beside a
            # payment made ("크레딧 확인해 주세요 방금 신용카드로 결제했어요").
            if " " in verb.entry.phrase or verb.sentence not in questions:
                continue
            start, stop = _between_marks(body, verb.start, verb.end, ".?!。？！\n,:，、：")
            if not any(word in body[start:stop] for word in (*g.top_ups, *g.paying)):
                continue
        found = g.payments.find(body, start, stop)
        if found is not None and not g.top_up_arrived.search(body, start, stop):
            verb.negated_by, verb.about = body[found[0]:found[1]], True


def _defined(body: str, verbs: list[_Verb], r: _Reading) -> None:
    """A name of the project's parts asked what it is ("c'est quoi les calques exactement ?",
    "片段是啥", "was ist denn diese Zeitleiste genau?", "타임라인에 레이어가 뭐임?"): a word
    the user does not know (cues.yaml ``doubt``, in the clause of the thing named alone), a
    question of how the product works, not a request to see the project. Not with another
    way of asking in the clause ("c'est quoi les pistes qu'il y a en ce moment ?" asks what
    the project holds)."""
    doubted = {clause for clause, _ in r.doubts}
    g = _grammar()
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "state" or not verb.frame \
                or verb.clause not in doubted:
            continue
        named = [(start, end, entry) for start, end, entry, _, clause in r.frame_parts
                 if clause == verb.clause]
        if any(entry.forms and not entry.cues & _DOUBT for _, _, entry in named) \
                or not named or not all(entry.phrase in g.concepts
                                        for _, _, entry in named if entry.objects):
            continue
        lo, hi = min(s for s, _, _ in named), max(e for _, e, _ in named)
        if g.inside.search(body, max(0, lo - 40), min(len(body), hi + 40)) \
                or _counted(body, lo, hi):
            continue
        verb.negated_by = next(cue for clause, cue in r.doubts if clause == verb.clause)
        verb.about = True


def _export_defined(body: str, hits: list[Hit], verbs: list[_Verb]) -> None:
    """The process of exporting named right after "what is" or right before "是什么" ("c'est
    quoi l'exportation ?", "was ist exportieren?", "导出是什么？", "내보내기가 뭐예요?"): asked what
    the word means, in a message that asks for nothing (``_not_asked``), not for the file. Only
    the process named (grammar.yaml ``render_nouns``), an article at most between: "c'est quoi
    le lien de téléchargement ?" asks for the link."""
    g = _grammar()
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action != "export" or verb.frame \
                or verb.entry.phrase not in g.render_nouns:
            continue
        for start, end, entry in hits:
            if not entry.cues & _DOUBT:
                continue
            if end <= verb.start:  # "c'est quoi l'exportation ?", "was ist der Export?"
                words = body[end:verb.start].split()
                near = len(words) <= 1 and all(word in g.render_articles for word in words)
            elif start >= verb.end:  # "导出是什么？", "내보내기가 뭐예요?"
                words = body[verb.end:start].split()
                near = len(words) <= 1 and (_wide(body[verb.end - 1])
                                            or _hangul(body[verb.end - 1])) and all(
                    word in g.defined_particles for word in words)
            else:
                near = False
            if near:
                verb.negated_by, verb.about = entry.phrase, True
                break


def _asked_what(body: str, hits: list[Hit], chosen: _Verb) -> bool:
    """Whether a name of the project's parts, named alone, is asked what it is: a ``doubt``
    cue in its clause, no word of place (see ``_defined``)."""
    g = _grammar()
    if chosen.entry.phrase not in g.concepts:
        return False
    lo, hi = _clause_bounds(body, hits, chosen.start, chosen.end)
    return any(entry.cues & _DOUBT and lo <= start < hi for start, _, entry in hits) \
        and not g.inside.search(body, lo, hi) \
        and not _counted(body, chosen.start, chosen.end)


def _counted(body: str, at: int, end: int | None = None) -> bool:
    """Whether the thing named at ``at`` is one in particular: counted just before or after
    it ("第三个片段", "图层2", "the 3rd clip"), or named with "my", "current", a Chinese "this"
    or "the last" (grammar.yaml ``particular``: "what are my layers", "c'est quoi les calques
    actuels ?", "这个片段是什么"). Then it is asked what it holds, not what the word means."""
    g = _grammar()
    end = at if end is None else end
    near = body[max(0, at - 4):end + 2]  # before, inside ("图层2是什么") and just after
    if "第" in near or any(ch.isdigit() for ch in near):
        return True
    return g.particular.search(body, *_between_marks(body, at, end, ",，、.。!?！？\n"))


def _between_marks(body: str, start: int, end: int, marks: str) -> tuple[int, int]:
    """The span around ``body[start:end]`` from just after the last of ``marks`` before it to
    the first of them after it (the body's ends where there is none)."""
    lo = max(body.rfind(mark, 0, start) for mark in marks) + 1
    hi = min((at for at in (body.find(mark, end) for mark in marks) if at >= 0),
             default=len(body))
    return lo, hi


def _told(body: str, verbs: list[_Verb], r: _Reading) -> None:
    """Someone else's words reported, and a doubt about them or a question of what a word
    means ("my daughter said I should export it as mp4?? what does that even mean", "我女儿说
    要导出一下，导出是啥意思啊", "mein sohn hat gesagt ich kann mir den aktuellen stand anzeigen
    lassen, stimmt das", "조카가 렌더링 하고 보내라는데 렌더링이 뭐예요?"): the action of the
    report's sentence (before it too: Japanese and Korean report at the end), and the one the
    doubt asks about in its own clause, is what the user was told and wonders about, not a request.
    A report alone is a request relayed ("my boss says: send me the file", "課長が…ファイル
    送ってって言ってます"), and stays one; so does the balance ("说我的credits不多了，是真的
    吗？": the user asks about their own). Also reads a described subject (``_describe``) and
    what is someone else's (``_theirs``)."""
    if r.content:
        _describe(verbs, r.content)
    if r.persons:
        _theirs(body, verbs, r)
    if not (r.reports and r.doubts):
        return
    doubted = {clause: cue for clause, cue in r.doubts}
    for verb in verbs:
        action = verb.entry.action
        if verb.negated_by is not None or action in (None, "chat", "credits"):
            continue
        cue = doubted.get(verb.clause)
        if cue is None:
            cue = next((phrase for _, sentence, phrase in r.reports
                        if sentence == verb.sentence), None)
        if cue is not None:
            verb.negated_by, verb.about = cue, True


def _someone_elses(body: str, hits: list[Hit], verbs: list[_Verb], r: _Reading,
                   handing: int) -> None:
    """Mark the fetching of the file, or the uploading of media, that someone other than the
    user or the one asked will do, and the balance or project they will do it to ("a
    tesoureira vai carregar o saldo"): a future of the third person right before the verb
    (``_future_of_others``: "my boss will download it", "lo va a descargar el Nacho", "c'est
    Mathieu qui va récupérer la vidéo", "o Léo vai baixar"), or a person named as the verb's
    subject in Chinese, Japanese or Korean, with their future or hearsay (``_person_does``:
    "我儿子晚上会下载下来…", "娘が夜にダウンロードして…くれるそうです",
    "딸이 저녁에 다운받아서 … 올려준대요"). The user asks for nothing now; "will you send it?",
    "I'll download it now", "vai, manda o vídeo" and "mándaselo a mi jefe" still ask, and so
    does a request of the file in a clause after it: an action phrase or a form that hands it
    over (``handing``, frames.yaml ``bare``): "我女儿会下载，你直接发我就行" (the daughter
    downloads what is sent); "…, to get it" is none."""
    g = None
    for verb in verbs:
        action = verb.entry.action
        if verb.negated_by is not None or not verb.start \
                or action not in ("export", "upload", "credits") \
                or (action == "credits" and not r.persons):
            continue
        g = g or _grammar()
        # The balance someone named will check in Chinese, Japanese or Korean ("会計の森さん
        # が今夜残高チェックしてくれるって") is theirs too; in Latin script the balance is a
        # noun after the verb of checking, which this does not read.
        cue = _future_of_others(body, _past_clitic(body, verb, g), g, verbs) \
            if action != "credits" and g.others_hint.search(body, 0, verb.start) else None
        if cue is None and r.persons:
            cue = _person_does(body, verb, r, g)
        # A later request declined is none ("ma présidente va télécharger la vidéo …, pas
        # besoin de me l'envoyer").
        # (Declined by a word before it: "…, send me the link too, not the whole file" asks.)
        declined = {other.start for other in verbs if other.negated_by is not None
                    and body.rfind(other.negated_by, 0, other.start) >= 0}
        if cue is None or any(other.start > verb.end and other.entry.action == "export"
                              and other.start not in declined for other in verbs):
            continue  # "… will download it, send me the link": the link is asked for
        mark = _CLAUSE_MARK.p.search(body, verb.end)
        if mark is None or not any(
                at >= mark.end() and at not in declined
                and (entry.action == "export" or entry.forms & handing)
                for at, _, entry in hits):
            verb.negated_by, verb.about = cue, True
            # What they will do it to is theirs too ("a tesoureira vai carregar o saldo").
            for other in verbs:
                if other.clause == verb.clause and other.start >= verb.end \
                        and other.negated_by is None and other.entry.action in ("credits",
                                                                                "state"):
                    other.negated_by, other.about = cue, True


def _balance_of_others(body: str, hits: list[Hit], verbs: list[_Verb], r: _Reading) -> None:
    """Mark the balance someone else checks or looks after, told in Latin script: a verb of
    checking in the third person before it (grammar.yaml ``others_check``), in its clause or
    across a comma that opens what is checked ("mi jefe dice que él revisa el saldo de la
    cuenta el lunes", "quem vê o saldo é a minha sócia", "De Chef luegt am Mäntig, wieviel
    Credits mer no händ"). The user asks for nothing. "revisa mi saldo" and "Javi ya recargó,
    revisa mi saldo" still ask (no one before the verb in its clause), and so does a question
    or request between ("Tom looks after the account but how many credits do I have?") or
    after the comma ("mein Kunde schaut das Video morgen, wie viel Guthaben hab ich noch?").
    Chinese, Japanese and Korean are ``_someone_elses``'s."""
    g = _grammar()
    if not g.others_check.search(body):  # most messages about the balance hold none
        return
    persons = [p[0] for p in r.persons]
    starts = [hit[0] for hit in hits]  # (sorted: each lookup bisects, as verbs may be many)
    for verb in verbs:
        if verb.entry.action == "credits" and verb.negated_by is None:
            cue = _checker_before(body, hits, verb, r, starts=starts, persons=persons)
            if cue is not None:
                verb.negated_by, verb.about = cue, True


def _checker_before(body: str, hits: list[Hit], verb: _Verb, r: _Reading, *,
                    starts: list[int], persons: list[int]) -> str | None:
    """The third person's verb of checking before ``verb``, at most ``_CHECKER_REACH``
    characters before it in its clause or the clause before a comma that opens what is
    checked, with its subject (``_balance_of_others``; ``starts``: where ``hits`` start,
    ``persons``: where ``r.persons`` start), or None."""
    g = _grammar()
    reach = max(0, verb.start - _CHECKER_REACH)
    opened = max((m.end() for m in _CLAUSE_MARK.p.finditer(body, reach, verb.start)),
                 default=reach)
    clause = opened
    if opened > reach and body[opened - 1] == "," \
            and body[opened:verb.start].lstrip().startswith(g.others_check_opens):
        # "…, wie viel Guthaben …": what is checked, but not in a question ("mein Kunde
        # schaut das Video morgen, wie viel Guthaben hab ich noch?").
        end = _SENTENCE_END.p.search(body, verb.end)
        if "?" not in body[verb.end:end.end() if end else len(body)]:
            opened = max((m.end() for m in _CLAUSE_MARK.p.finditer(body, reach, opened - 1)),
                         default=reach)
    at = opened
    while (span := g.others_check.find(body, at, verb.end)) is not None:
        a, b = span
        at = a + 1
        if a > verb.start or (b > verb.start and a != verb.start):
            return None
        if any((entry.cues & (_CONNECTOR | _REQUEST | _QUESTION) or entry.forms)
               and not entry.phrase.startswith(g.others_check_opens)  # what is checked
               for _, _, entry in hits[bisect_left(starts, b):bisect_left(starts, verb.start)]) \
                or not g.others_check_stops.isdisjoint(_words(body[b:verb.start])):
            continue  # "… but how many credits do I have?": asked of the user's own
        start = clause if a >= clause else opened
        words = [word.strip("¿¡\"'(") for word in body[start:a].split()]
        if not words or any(word in g.others_not or word in g.others_check_not
                            for word in words[-3:]):
            continue  # "c'est moi qui gère", "wie schaut's …": the user, or a question
        if body[a:b] in g.others_check_third:
            return body[a:b]
        tail = " " + " ".join(words[-5:]) + " "
        first = bisect_left(persons, start)
        if any(r.persons[k][1] <= a for k in range(first, bisect_left(persons, a))) \
                or any(subject in tail for subject in g.others_check_subjects):
            return body[a:b]
    return None


def _sent_later(body: str, bare: _Verb, later: list[tuple[int, int, int, str]] | None
                ) -> bool:
    """Whether ``bare`` (a thing named alone) is the object of a sending put off right before
    it, a put-off cue of several words ("después te mando los clips que faltan" sends the
    clips later, it asks to see nothing; "今夜送ってください" is a form asked for tonight)."""
    return bool(later) and any(
        " " in phrase and end <= bare.start and not body[end:bare.start].strip()
        for _, end, _, phrase in later or ())


def _past_clitic(body: str, verb: _Verb, g: Grammar) -> _Verb:
    """``verb`` read from its own word where a frame's span opens on a pronoun ("le
    télécharger ce soir", after "c'est ma fille qui va"), as the auxiliary before it expects
    the infinitive; else ``verb`` itself."""
    if not verb.frame:
        return verb  # an action phrase opens on its verb
    first = body[verb.start:verb.end].split(" ", 1)
    if len(first) < 2 or first[0] not in g.clitics:
        return verb
    return _Verb(verb.start + len(first[0]) + 1, verb.end, verb.entry, verb.clause,
                 verb.sentence)


def _next_words(body: str, at: int, count: int) -> list[str]:
    """The first ``count`` words of ``body`` from ``at``, without the marks after them."""
    return [word.strip(",.?!") for word in body[at:].split()[:count]]


def _where_of_another(body: str, hits: list[Hit]) -> bool:
    """Whether the message's only frame word is a way of asking where something is ("wo ist",
    "where is", grammar.yaml ``where``), and the word after its article is none a table knows
    ("wo ist der Supermarkt, den du meintest?"). (An adjective there hides the noun: "wo ist
    der aktuelle Entwurf?" is read so too.)"""
    framed = [(start, end, entry) for start, end, entry in hits if entry.forms or entry.objects]
    g = _grammar()
    if len(framed) != 1 or framed[0][2].objects or framed[0][2].phrase not in g.where:
        return False
    end = framed[0][1]
    words = _next_words(body, end, 2)
    if len(words) != 2 or words[0] not in g.articles or not words[1].isalpha():
        return False
    noun = body.find(words[1], end)
    # (A phrase known only to be ignored, "der Laden", names nothing of the project.)
    return not any(start <= noun < stop for start, stop, entry in hits
                   if entry.cues != _IGNORE)


def _link_of_another(body: str, hits: list[Hit], export: int) -> bool:
    """Whether the only thing of the export frames named is a link followed by what it is a
    link of ("je veux le lien de la musique", "ich brauche den Link zur Musik"): a link to
    something else than the video, content for the chat. ``export``: the export frames' bits."""
    things = [(end, entry) for _, end, entry in hits
              if entry.objects & export and not entry.forms]
    g = _grammar()
    if len(things) != 1 or not any(word in things[0][1].phrase for word in g.link_words):
        return False
    # The word it leads to, after "de la", "zur", "of the": music, a song, an app.
    after = _next_words(body, things[0][0], 3)
    return bool(after) and after[0] in g.link_of \
        and any(word in g.link_targets for word in after[1:])


def _others_fetch(body: str, hits: list[Hit], export: int, handing: int) -> bool:
    """Whether a word of the export frames that is no action phrase of its own comes right
    after a third person's future ("mon fils va la télécharger ce soir pour la mettre sur
    insta"): as with an action phrase (``_someone_elses``), someone else will fetch the file,
    and the learned fallback may not read a request of it; not where a form that hands the
    file over follows ("my boss will share it so just give me it"). ``export``: the export
    frames' bits; ``handing``: the forms that hand it over (frames.yaml ``bare``)."""
    forms = [hit for hit in hits if hit[2].forms & export]
    if not forms:
        return False
    # The first form only ("geben Sie mir das, der Kollege will es zeigen": the first asks),
    # and none after a mark that ends its clause ("il va la télécharger, envoie-la moi").
    start, end, entry = forms[0]
    mark = _CLAUSE_MARK.p.search(body, end)
    g = _grammar()
    # A later form of other export frames asks for the file ("… so just give me it"); one of
    # the same ("… la télécharger … pour la mettre sur insta") goes on with their plan.
    if g.others_hint.search(body, 0, start) is None or any(
            at > start and (hit.forms & (handing | export) & ~entry.forms
                            or (mark is not None and at >= mark.end()))
            for at, _, hit in forms):
        return False
    # The form's verb is its last word where a pronoun comes first ("la télécharger"); a
    # form that holds its own auxiliary ("will es", German "wants it") is read whole.
    first = body[start:end].split(" ", 1)[0]
    last = max(start, body.rfind(" ", start, end) + 1) if first in g.clitics else start
    return _future_of_others(body, _Verb(last, end, entry, 0), g, []) is not None


def _future_of_others(body: str, verb: _Verb, g: Grammar, verbs: list[_Verb]) -> str | None:
    """The auxiliary of a third person's future right before ``verb`` (``_someone_elses``),
    with as many words between as grammar.yaml allows it (a pronoun at most where the verb
    must be the infinitive after it: "lo va a descargar", "va le télécharger"), or None.
    Not when the one who will, or a word between, is the user or the one asked (grammar.yaml
    ``others_not``: "will you", "I'll", "me lo va a mandar"), nor across a mark of its own
    ("he'll love it, export it") or another verb ("der Kunde wird es runterladen also schick
    es mir": the second is asked)."""
    since = max((v.end for v in verbs if v.end <= verb.start), default=0)
    words = body[max(0, since, verb.start - 80):verb.start].split()
    verb_word = body[verb.start:verb.end].split(" ", 1)[0]
    for gap in range(4):
        if gap > len(words) - 1:
            return None
        between = words[len(words) - gap:]
        if gap and (not between[0].isalpha() or between[0] in g.others_not):
            return None
        head = " ".join(words[:len(words) - gap])
        for aux, most, infinitive in g.others_auxiliaries:
            if gap > most or not head.endswith(aux):
                continue
            rest = head[:-len(aux)]
            joined = aux[0] == "'"  # "he'll": the subject is the word it ends
            if not joined and rest and not rest.endswith(" "):
                continue  # "nova" is no "va"
            if infinitive and _INFINITIVE.p.search(verb_word) is None:
                continue
            # The subject, or a pronoun and the one before it ("¿lo" is "lo").
            before = [word.strip("¿¡\"(") for word in rest.split()[-2:]]
            if any(word in g.others_not for word in before):
                continue
            named = [word for word in before if word and word not in g.clitics]
            if not (named and named[-1][-1].isalpha()):
                # "will you …", "…, will das Video", "vai exportar?": no one named before it.
                # A Spanish or Portuguese subject may follow where a pronoun before the
                # auxiliary is the object ("lo va a descargar el Nacho"; in "vai exportar o
                # vídeo?" the noun after it is the object).
                after = body[verb.end:].split()[:2]
                if not (infinitive and before and before[-1] in g.clitics and len(after) == 2
                        and after[0] in g.articles_after and after[1].isalpha()
                        and after[1] not in g.others_not):
                    continue
            if infinitive and _TO_THE_USER.p.search(verb_word):
                continue  # "¿cuándo va a mandarme el video?": the file comes to the user
            return aux
    return None


def _person_does(body: str, verb: _Verb, r: _Reading, g: Grammar) -> str | None:
    """The person named in Chinese, Japanese or Korean as the subject of ``verb`` in its
    clause (a subject particle right after them, or a Chinese future between them and the
    verb), when the sentence ends in their future or what is heard of it (grammar.yaml
    ``others_end``; a Chinese future needs no such end), or None (``_someone_elses``)."""
    for _, end, clause, cue in r.persons:
        if clause != verb.clause or end > verb.start or verb.start - end > 12 \
                or not (_wide(body[end - 1]) or _hangul(body[end - 1])):
            continue
        between = body[end:verb.start]
        if _CLAUSE_MARK.p.search(between):
            continue
        if any(word in between for word in g.others_future):
            return cue
        if not between.startswith(g.others_subject):
            continue
        mark = _SENTENCE_END.p.search(body, verb.end)
        tail = body[verb.end:mark.start() if mark else len(body)].rstrip(" ~〜ー")
        if tail.endswith(g.others_end) and not tail.endswith(g.others_end_not):
            return cue
    return None


def _verb_clause_span(body: str, verb: _Verb, connectors: Sequence[int], *,
                      commas: bool = False) -> tuple[int, int]:
    """Where ``verb``'s sentence starts and ends (its clause, with ``commas``), cut at the
    nearest connector on either side."""
    ends = _CLAUSE_MARK if commas else _SENTENCE_END
    start = max((m.end() for m in ends.p.finditer(body, 0, verb.start)), default=0)
    mark = ends.p.search(body, verb.end)
    end = mark.start() if mark else len(body)
    if connectors:
        start = max((at for at in connectors if at <= verb.start), default=start)
        end = min((at for at in connectors if at >= verb.end), default=end)
    return start, end


def _asks_progress(body: str, verb: _Verb, connectors: Sequence[int], *,
                   asked: bool = False, commas: bool = False, ended: bool = False,
                   shown: bool = False) -> bool:
    """Whether ``verb``'s clause asks how far something has got (grammar.yaml ``progress``,
    or ``progress_end`` as its last word with a word of where: "where's it at"; ``ended``:
    only so). ``asked``: a question whose verb is the project's already, where its status is
    such a word too (``progress_asked``). ``commas``: the clause ends at a comma. ``shown``:
    asked to be shown, where how it turned out asks too (``progress_shown``: "enséñame cómo
    quedó"; "mándame el render para ver cómo quedó" still asks for the file)."""
    g = _grammar()
    pattern = g.progress_asked if asked else g.progress_or_shown if shown else g.progress
    if not pattern.search(body) and not any(w in body for w in g.progress_where):
        return False  # most messages: no word of progress anywhere
    start, end = _verb_clause_span(body, verb, connectors, commas=commas)
    words = body[start:end].rstrip(" ~?!.,、").split()
    if words and any(" ".join(words[-n:]) in g.progress_end for n in (1, 2, 3)) \
            and any(w in g.progress_where for w in words):
        return True
    # (The mark that ends the clause is read with it: "le rendu avance ?".)
    return not ended and pattern.search(body, start, end + 1)


def _done_named(body: str, asking: _Verb, telling: _Verb) -> bool:
    """Whether ``asking``, a question of the project before ``telling``, a request for the
    file, names what is being made (grammar.yaml ``done_named``: "has it finished
    rendering? if so send me the mp4") and the request waits on it or follows it
    (``done_if``): asked for itself, not as the request's condition alone."""
    if telling.entry.action != "export":
        return False
    start = _sentence_start(body, asking.start)
    mark = _SENTENCE_END.p.search(body, asking.end, telling.start)
    if mark is None:
        return False
    return _grammar().done_named.search(body, start, mark.end()) \
        and _waits_on(body, mark.end(), telling.end)


def _waits_on(body: str, start: int, end: int) -> bool:
    """Whether the sentence from ``start`` opens with a word that makes it wait on the question
    before it or follow it (grammar.yaml ``done_if``): one word at most before it in Latin
    script, its first eight characters in Chinese, Japanese and Korean ("好了就…",
    "끝났으면…"; "…马上就要用" and "I need it then, send it" wait on nothing)."""
    text = body[start:end].lstrip()
    found = _grammar().done_if.find(text)
    if found is None:
        return False
    at = found[0]
    if text[at].isascii():
        return len(_words(text[:at])) <= 1  # "and then", "y después"
    return at <= 8


# What makes two actions named in one message no two requests (``Router._both_asked``), before
# the file's clause: a time before or after now, what is said of a thing, a question of how or
# what it costs; not a word of how much ("ob mein Guthaben reicht"), nor a format or a device
# ("…, and then export it in 4k").
_NOT_BOTH: Final = Cue.PAST | Cue.POSTPONE | Cue.ABOUT | Cue.HOWTO | Cue.PRICE
# Set while ``Router._project_first`` routes part of a message, so that the route it makes
# makes no such second route of its own (a context variable: the router is shared between
# threads, and each route's nesting is its own).
_NESTED: Final[ContextVar[bool]] = ContextVar("router_nested", default=False)
# The longest gap between a connector and the file's verb after it in ``_project_first``
# ("然后把", "and then just") (no mark of ``_MARKS`` between).
_JOINED_GAP: Final = 16


def _done_asked_first(body: str, decision: _Decision, hits: Sequence[Hit]) -> _Decision:
    """A request for the file after a question, in a sentence of its own, of whether what is
    being made is done ("is the 90 second one done generating yet? if it is just send me the
    file", "já acabou de gerar o vídeo de 1 minuto? se sim manda"): both are asked, as the
    corpus's writers label them, when the question names what is made (``_done_named``) and
    asks whether it is done or how far it has got (a word that asks, or a phrase of the
    project's). A bare "done?" is the request's condition; a question of credits, no such
    question."""
    verb = decision.verb
    if decision.action != "export" or decision.then is not None or verb is None \
            or "?" not in body:
        return decision
    mark = body.rfind("?", 0, verb.start)
    if mark < 0:
        return decision
    start = _sentence_start(body, mark)
    state = None
    asks = False
    for hit in hits:
        if start <= hit[0] and hit[1] <= mark + 1:
            action = hit[2].action
            if action == "credits":
                return decision
            if action == "state" and state is None:
                state = hit
            asks = asks or bool(hit[2].cues & _ASKS)
    g = _grammar()
    if not (state or asks) or not g.done_named.search(body, start, mark) \
            or not _waits_on(body, mark + 1, max(verb.end, mark + 1)):
        return decision
    first = verb if state is None else _Verb(state[0], state[1], state[2], 0)
    return decision._replace(action="state", reason="both", verb=first, then="export")


def _time_named_before(body: str, start: int, g: Grammar) -> bool:
    """Whether a word of time (grammar.yaml ``time_before``) stands right before ``start``,
    ending in an article (``time_articles``: "after the render"), or before at most two words
    that name the thing ("after that Roundhay render"; not "and after that export")."""
    begin = max(0, start - 3 * _TIME_REACH)
    words = body[begin:start].split()
    if words and begin > 0 and body[begin - 1].isalnum():
        words = words[1:]  # a word cut by the window ("…thereafter") is no word of time
    times = tuple(" " + w for w in g.time_before)
    for n in (0, 1, 2):
        head = f" {' '.join(words[:len(words) - n])}"
        # Right before the render, the word of time must end in an article ("after the
        # render?"): "… and after that export?" asks for the export after the balance.
        if len(words) > n and head.endswith(times) and (
                words[-1] in g.time_articles if n == 0
                else not any(w in g.render_articles for w in words[len(words) - n:])):
            return True
    return False


def _enough_for_export(body: str, hits: Sequence[Hit]) -> bool:
    """Whether every export word of the message stands right after a word asking whether the
    balance is enough (grammar.yaml ``enough_before``; "again" or "one more" words of
    ``enough_between`` may stand between): "夠唔夠render多條", "enough to export another"."""
    enough, between = _grammar().enough_before
    found = False
    for start, _, entry in hits:
        if entry.action != "export":
            continue
        head = body[max(0, start - 24):start].rstrip()
        for word in between:
            if head.endswith(word):
                head = head[:len(head) - len(word)].rstrip()
                break
        if not head.endswith(enough):
            return False
        mark = _SENTENCE_END.p.search(body, start)
        if not head.endswith(_ENOUGH_ASKED) and (mark is None or body[mark.start()] != "?"):
            return False  # "we have enough for export so go ahead": told, and asked for
        found = True
    return found


#: Enough words that ask by themselves (Chinese "A-not-A" questions).
_ENOUGH_ASKED: Final = ("够不够", "夠不夠", "夠唔夠")

#: The decisions ``_render_status`` may read again: an export, both, or a tie of the two.
_RENDER_STATUS_FROM: Final = frozenset(("phrase", "frame", "ambiguous", "both"))


def _render_status(body: str, decision: _Decision, hits: Sequence[Hit],
                   asks_file: int) -> _Decision:
    """A question of the project beside the render named as a thing, and nothing else asked
    ("is it done yet? the render I mean", "whats the status on the render, is it done yet?",
    "Wie wiit isch de Render? Scho fertig?", "書き出しのステータスどうなってる？"): the render's
    status is asked, not the file. Every export word must be the render's name (grammar.yaml
    ``render_nouns``) with no request for the file in its sentence ("is it done yet? send me
    the render"): after an article, a possessive or "on"/"of" in Latin script
    (``render_articles``), before a word that makes it a noun in Chinese, Japanese and Korean
    (``render_noun_after``); and no other action be named."""
    if "?" not in body or decision.reason not in _RENDER_STATUS_FROM:
        return decision  # (most messages)
    g = _grammar()
    verb = decision.verb
    if decision.then == "export" or (decision.action == "export" and (
            verb is None or verb.frame or verb.entry.phrase not in g.render_nouns)) or (
            decision.action != "export" and not (
                decision.reason == "ambiguous"
                and any(action == "export" for action, _ in decision.candidates))):
        return decision
    state: Hit | None = None
    named = False
    for hit in hits:
        start, _, entry = hit
        action = entry.action
        if action == "state":
            if state is None and _ends_question(body, hit):
                state = hit
        elif action == "export":
            if entry.phrase not in g.render_nouns:
                return decision
            if any((other.cues & _REQUEST or (other.forms & asks_file
                                                and not other.cues & _QUESTION
                                                and other.phrase not in g.progress_where))
                   and not _SENTENCE_END.p.search(body, min(at, start), max(at, start))
                   for at, _, other in hits):
                # "is it done yet? send me the render", "可以麻煩幫我匯出嗎？", "書き出しお願い":
                # asked for.
                return decision
            before = body[:start].rstrip(" ")[-1:]
            if not (_wide(body[start]) or _hangul(body[start]) or (before and _wide(before))):
                words = body[max(0, start - 12):start].split()
                if not words or words[-1] not in g.render_articles:
                    return decision
            elif not body.startswith(g.render_noun_after, hit[1] + (
                    body[hit[1]:hit[1] + 1] == " " and not _wide(body[start]))):
                # "渲染完了吗？导出一下": a verb. (Korean spaces its words, "내보내기 끝났어요?",
                # and so does a Latin word in Chinese, "條片 render 到邊度呀？")
                return decision
            named = True
        elif action is not None and action != "chat":
            return decision
    if state is None or not named:
        return decision
    return _Decision("state", 1.0, "phrase", _Verb(state[0], state[1], state[2], 0),
                     candidates=decision.candidates, request=decision.request)


def _ends_question(body: str, hit: Hit) -> bool:
    """Whether a phrase of the project's ends its sentence, three words at most after it in
    Latin script ("is it done yet?", "the status on the render"; "how far can I compress it
    without losing quality?" asks something else); in Chinese, Japanese and Korean, always."""
    start, end, _ = hit
    if _wide(body[start]) or _hangul(body[start]):
        return True
    mark = _SENTENCE_END.p.search(body, end)
    return len(_words(body[end:mark.start() if mark else len(body)])) <= 3


def _names_video(body: str, verb: _Verb, acts: Sequence[_Verb]) -> bool:
    """Whether a Chinese or Korean edit verb is part of the name of the video an export asks
    for (grammar.yaml ``video_namers``): in Chinese, one to three characters of its object,
    then a demonstrative and a classifier right before the export's verb ("把换屏那条导出来",
    "换电池那条导出", "换火花塞那条成片发我"; not "换成那条…", whose verb ends in a
    complement, ``video_namer_not``, nor "删那条然后导出", with nothing between, nor
    "删除片头那个然后导出", the export apart); in
    Korean, a noun verb right before the word for video ("교체 영상 내보내줘"; not "자막
    넣고 영상 내보내줘")."""
    g = _grammar()
    exports = [v.start for v in acts if v.entry.action == "export" and v.start > verb.end]
    if not exports:
        return False
    if _hangul(body[verb.start]):
        return body[verb.end:verb.end + 1] == " " \
            and body[verb.end + 1:].startswith(g.video_namers) \
            and not body[verb.start:verb.end].endswith(g.video_namer_not)
    if not _wide(body[verb.start]) or body[verb.end:verb.end + 1] in g.video_namer_not:
        return False
    for gap in (1, 2, 3):
        at = verb.end + gap
        for namer in g.video_namers:
            if body.startswith(namer, at) and any(
                    at + len(namer) <= start <= at + len(namer) + 1 for start in exports):
                return True
    return False


def _render_named_here(verb: _Verb, formed: bool = False) -> bool:
    """Whether ``verb`` names the render or the export as a thing (grammar.yaml
    ``render_nouns``), or, made by a way of asking (``formed``), the video itself ("where's
    the video at?"; "where's the mp4 at?" asks for the file)."""
    if formed:
        return verb.generic
    return verb.entry.phrase in _grammar().render_nouns


def _how_far_render(body: str, verb: _Verb, connectors: Sequence[int],
                    formed: bool = False) -> tuple[int, int] | None:
    """Where the clause of ``verb`` starts and ends, to a comma or connector, when ``verb``
    names the render or export as a thing (``_render_named_here``) and the clause asks how
    far it has got (``_asks_progress``; where a way of asking made the verb, ``formed``, only
    "where's … at"), else None."""
    if not _render_named_here(verb, formed) \
            or not _asks_progress(body, verb, connectors, commas=True, ended=formed):
        return None
    return _verb_clause_span(body, verb, connectors, commas=True)


def _render_named(body: str, acts: list[_Verb], connectors: Sequence[int]) -> list[_Verb]:
    """``acts`` less a render or export named beside a question of the project's progress in
    its own clause ("… und wie weit ist das Rendern?"): it is what the progress is asked of,
    not a request for the file. Beside another action, a render so asked after is the
    project's progress ("how many credits do I have left? and the render, how far along?")."""
    states = [v for v in acts if v.entry.action == "state"]
    asking = {(v.sentence, v.clause) for v in states}
    balance = any(v.entry.action == "credits" for v in acts)
    kept = []
    widened: list[_Verb] = []
    for v in acts:
        if v.entry.action != "export" or not _render_named_here(v):
            kept.append(v)
        elif _how_far_render(body, v, connectors) is None:
            # "… and the render, how far along?": named after a connector, then asked how
            # far it has got after a pause.
            if _render_topic(body, v, connectors) is None:
                kept.append(v)
            elif balance and not any(s.sentence == v.sentence and s.start >= v.end
                                     for s in states):
                kept.append(_progress_verb(v))
        elif balance and not asking:
            kept.append(_progress_verb(v))
        elif (v.sentence, v.clause) not in asking:
            kept.append(v)
        else:
            widened.append(v)
    if widened:
        # The project's verb after the render named in its clause reads from the render on
        # ("先讓我看輸出進度，然後…", "렌더링 진행 상황 보여 주시고, …"): the render is what
        # the progress is of, no word before the request.
        for k, s in enumerate(kept):
            named = [v for v in widened if (v.sentence, v.clause) == (s.sentence, s.clause)
                     and v.start < s.start and s.entry.action == "state"]
            if named:
                first = min(v.start for v in named)
                kept[k] = _Verb(first, s.end, s.entry, s.clause, s.sentence, frame=s.frame)
    return kept


def _render_topic(body: str, verb: _Verb, connectors: Sequence[int]) -> tuple[int, int] | None:
    """Where the topic and its question span, from ``verb`` to the end of its sentence, when
    ``verb`` names the render as the topic of a progress question after it: after a connector
    in its sentence, right before a pause, the rest of the sentence asking how far it has got
    ("… and the render, how far along?", "y el render, ¿cómo va?", "et le rendu, il
    avance ?"); else None. "导出一下，进度到哪了" asks for the file, then the progress."""
    rest = body[verb.end:].lstrip(" ")
    if not rest.startswith(_PAUSE_MARKS):
        return None
    start = _sentence_start(body, verb.start)
    g = _grammar()
    joined = any(start <= c < verb.start for c in connectors)
    if not joined:
        # With no connector, only a topic noun (or one with its article) that opens its
        # sentence, or follows a pause after a greeting ("oye, el render, ¿cómo va?").
        before = body[start:verb.start].strip(" ¿¡")
        topic = verb.entry.phrase in g.render_topics
        if before.rpartition(" ")[2] in g.articles:
            before, topic = before.rpartition(" ")[0].rstrip(), True
        if not topic or (before and not before.endswith(_PAUSE_MARKS)):
            return None
    after = len(body) - len(rest) + 1
    while after < len(body) and body[after] in " ¿¡":
        after += 1
    mark = _SENTENCE_END.p.search(body, after)
    end = mark.start() if mark else len(body)
    found = g.progress.find(body, after, end + 1)
    if found is None:
        return None
    tail = body[found[1]:end].casefold().split()
    if not joined and (found[0] - after > _TOPIC_QUESTION_GAP
                       or len(tail) > _TOPIC_TAIL_WORDS or any(w in g.articles for w in tail)):
        # Then the question follows the pause and is short, naming nothing else ("the
        # render, how far along is it?"): "the export, how far can I compress it?" or "a
        # renderização, como tá o áudio?" ask of something else, and "書き出し、お願いします、
        # 進捗も教えてください" asks for the file first.
        return None
    return verb.start, end


def _own_posting(body: str, hits: list[Hit], acts: list[_Verb]) -> list[_Verb]:
    """``acts`` less each upload verb, after a request for the file in a clause of its own,
    whose clause says the user will put the file up somewhere (grammar.yaml ``own_posting``:
    "exporta el video, que lo quiero subir hoy", "export it, I need to upload it today"):
    where the finished file goes next, not a sending of the user's media."""
    first = min((v for v in acts if v.entry.action == "export"), key=_START, default=None)
    if first is None:
        return acts
    posting = _grammar().own_posting
    kept = []
    for verb in acts:
        if verb.entry.action == "upload" and verb.start > first.end \
                and (verb.sentence, verb.clause) != (first.sentence, first.clause):
            start, end = _clause_bounds(body, hits, verb.start, verb.end)
            if posting.search(body, start, end):
                continue
        kept.append(verb)
    return kept


def _render_asked_first(body: str, acts: list[_Verb], r: _Reading) -> list[_Verb]:
    """``acts`` (all exports) with the first made the project's progress where it names the
    render asked how far it has got and a request of the file follows in a later sentence
    ("where's the render at? and send me the file once it's ready"); not where a negation
    before it in its sentence declines the question ("no need to tell me how far the render
    is. and send me the file")."""
    first = min(acts, key=_START)
    # (Or in a later clause after a connector: "show me where the render is at, and send me
    # the mp4 once it's done".)
    if not any(v.sentence > first.sentence
               or (v.clause > first.clause and any(first.end <= c < v.start
                                                   for c in r.connectors))
               for v in acts) \
            or _how_far_render(body, first, r.connectors, first.frame) is None:
        return acts
    opens = _sentence_start(body, first.start)
    if any(opens <= end <= first.start for end, _, _ in r.before):
        return acts
    return [_progress_verb(first) if v is first else v for v in acts]


def _acts_first(body: str, acts: list[_Verb]) -> list[_Verb]:
    """``acts`` without an action named in a clause of what comes first, beside another action
    asked ("before I export, how many credits do I have?", "書き出す前にクレジット残高を教え
    て"): that one is the time of the request, the other is asked. Never all of them."""
    if len(acts) < 2:
        return acts
    g = _grammar()
    if not any(map(body.__contains__, g.before_opens)) \
            and not any(map(body.__contains__, g.before_ends)):
        return acts  # (most messages: no word of "before" at all)
    before = [_in_before_clause(body, v) for v in acts]
    if not any(before):
        return acts
    kept = [v for v, first in zip(acts, before, strict=True) if not first or not any(
        o.entry.action != v.entry.action and not other_first
        for o, other_first in zip(acts, before, strict=True))]
    return kept or acts


def _in_before_clause(body: str, verb: _Verb) -> bool:
    """Whether ``verb`` stands in a clause of what comes first: after "before" (grammar.yaml
    ``before_opens``) with at most a few words and no pause between ("before I export"), or
    right before a word that ends such a clause in Chinese, Japanese and Korean ("导出之前",
    "書き出す前に", "내보내기 전에"; not "之前的", which names a thing). The words of a thing
    set aside are read with them (``aside_opens``, ``aside_ends``: "書き出しじゃなくて、残高
    教えて"): that action is not asked either."""
    g = _grammar()
    head = body[max(0, verb.start - _BEFORE_OPEN_REACH):verb.start]
    for word in g.before_opens:
        at = head.rfind(word)
        if at >= 0 and (at == 0 or not head[at - 1].isalnum()) \
                and not any(mark in head[at:] for mark in _PAUSES) \
                and (at + len(word) == len(head) or not head[at + len(word)].isalnum()):
            return True
    tail = body[verb.end:verb.end + _BEFORE_OPEN_REACH]
    for word in g.before_ends:
        at = tail.find(word)
        if 0 <= at <= _BEFORE_GAP and not any(mark in tail[:at] for mark in _PAUSES) \
                and tail[at + len(word):at + len(word) + 1] not in _NAMING_AFTER:
            return True
    return False


#: How far before a plan's tier a word of "my" makes it the user's own plan (``_plan_given``).
_OWN_REACH: Final = 8

#: Characters of other words than common ones that a request to check the balance again may
#: stand beside (``_balance_checked_again``): "你" in "你再查查", "해줘" in "다시 확인해줘".
_RECHECK_REST: Final = 2

#: How far before an action "before" may stand ("before we finally export"), and how many
#: characters an ending may stand after it ("書き出す前に", "내보내기 전에").
_BEFORE_OPEN_REACH: Final = 20
_BEFORE_GAP: Final = 3


def _before_not_past(body: str, cue: str | None, verb: _Verb) -> bool:
    """Whether the past word ``cue`` is a Chinese "之前" or "以前" right after what it dates,
    before ``verb``: the end of a clause of what comes first ("做视频之前告诉我还有多少积分",
    "充之前先看看我还剩几个点"), not a time gone by, when what follows asks. After a person
    ("我之前充了500") or a length of time ("三天之前") it tells of the past."""
    g = _grammar()
    if cue is None or cue not in g.before_ends or cue.isascii():
        return False
    at = body.rfind(cue, 0, verb.start)
    if at <= 0:
        return False  # (opening the message: "之前扣了我两次", previously)
    before, after = body[at - 1], body[at + len(cue):at + len(cue) + 1]
    # ... and what follows asks: how many, or a question ("导出之前我还有300积分，现在只剩200了"
    # tells what there was before).
    return before >= "\u2e80" and before not in _PAST_BEFORE_CUE \
        and after not in _NAMING_AFTER and (
            "?" in body[at:] or g.balance_count.search(body, at) or g.checks.search(body, at)
            or any(word in body[at:] for word in _ZH_ASKS))


#: Words that ask in Chinese after a clause of what comes first ("…之前想确认下积分够不够").
_ZH_ASKS: Final = ("够不够", "夠不夠", "夠唔夠", "确认", "確認", "吗", "嗎", "么", "麼")

#: What, right before "之前"/"以前", makes it a time gone by: a person ("我之前"), a length of
#: time ("三天之前", "很久以前"), or a pause.
_PAST_BEFORE_CUE: Final = frozenset("我你您他她们們己久天月年周週拜时時钟鐘前早，。、！？")


def _checked(body: str, verb: _Verb) -> bool:
    """Whether a word of checking or looking (grammar.yaml ``checks``) asks for the balance
    ``verb`` names: right after it ("잔액 확인 좀", "充值了，查下") or right before it with no pause
    between ("check my balance"); not a look at something else later in the sentence ("크레딧
    다 썼는데 자막 오타 확인해 주세요") nor a "mira," that only opens a story."""
    if not body:
        return False
    g = _grammar()
    after = verb.end
    rest = body[after:].lstrip()
    for word in g.before_object:  # "잔액 먼저 확인하고": "first" between them
        if rest.startswith(word):
            after = len(body) - len(rest) + len(word)
            break
    if g.checks.search(body, verb.end, min(len(body), after + _CHECK_REACH)):
        return True
    start = max(0, verb.start - _CHECK_REACH)
    if g.checks.search(body, start, verb.start) and not any(
            mark in body[start:verb.start] for mark in _PAUSE_MARKS):
        return True
    # A check of whether opening its sentence, with a word of how much in its clause ("check
    # if I have enough credits and …"; "check if the credits look good" is the end credits).
    head = body[_sentence_start(body, verb.start):verb.start].lstrip(" ¿¡")
    if not head.startswith(g.check_whether) or any(mark in head for mark in _PAUSE_MARKS):
        return False
    # (To the end of the balance's clause: a pause or the "and" before the next request.)
    mark = min((at for at in (body.find(m, verb.end) for m in (",", " und ", " and ", " e ",
                                                                 " y ", " et ", " puis "))
                if at >= 0), default=len(body))
    return any(w in g.enough_words for w in _words(body[verb.start - len(head):mark]))


def _relayed(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb``'s sentence holds a way of asking for the file that ends in someone
    else's asking (grammar.yaml ``relayed``: "…もらえないかと言われてます") and no doubt about
    it, or someone else's wanting right before the request (``relayed_wants``: "he wants a
    quick update on where the video is"): a request relayed, which the user makes too. (A
    report cue alone, "says", "說", is no such thing: "學生問說影片能不能下載" asks how to
    answer them.)"""
    if "?" in body:  # "…欲しいって言われたけど、どうやって書き出せばいいですか？" asks how
        return False
    g = _grammar()
    relayed = g.relayed
    if any(entry.cues & _DOUBT for _, _, entry in hits):
        return False
    start = _sentence_start(body, verb.start)
    mark = _SENTENCE_END.p.search(body, verb.end)
    end = mark.start() if mark else len(body)
    # Someone else wanting it, a few words before it, in its clause, with the request ending
    # the sentence ("he wants a quick update on where the video is"); not what they want
    # done with it after it ("they want the export cancelled, …").
    if end - verb.end <= _RELAYED_WANTS_TAIL and not _CLAUSE_MARK.p.search(body, verb.end, end):
        wanted = g.relayed_wants.find(body, start, verb.start)
        while wanted is not None:
            if verb.start - wanted[1] <= _RELAYED_GAP \
                    and not _CLAUSE_MARK.p.search(body, wanted[1], verb.start):
                return True
            wanted = g.relayed_wants.find(body, wanted[1], verb.start)
    reported = False
    for at, stop, entry in hits:
        if start <= at < end and entry.forms and entry.phrase.endswith(relayed):
            # It ends the message ("…と言われてます"): "…と言われたけど、まだ修正があるので
            # 待ってください" goes on to ask for something else.
            reported = len(body[stop:].strip(" 。.!！")) <= _RELAYED_TAIL
    return reported


def _progress_verb(verb: _Verb) -> _Verb:
    """A verb of the project's state where ``verb`` names the render asked how far it has got."""
    entry = verb.entry
    return _Verb(verb.start, verb.end, Entry(entry.phrase, "state", 0, 0, 0, entry.languages,
                                             "progress of the render"),
                 verb.clause, verb.sentence, frame=verb.frame)


def _edits_beside(body: str, edits: list[_Verb], acts: list[_Verb],
                  r: _Reading) -> tuple[list[_Verb], list[_Verb]]:
    """The edit verbs that still edit beside the actions asked, and the actions: less an edit
    narrated, outvoted or naming the video to export (``_narrated``, ``_outvoted``,
    ``_names_video``), and with the making named as a thing,
    asked how far it has got, read as the project's progress (``_making_asked``: "生成到
    百分之几了？", "생성 다 됐어요?")."""
    if edits and acts:
        edits = [v for v in edits if not _narrated(body, v, acts)]
    if edits and acts and "export" in (v.entry.action for v in acts):
        # "把换屏那条导出来", "교체 영상 내보내줘": an edit verb that names the video to export
        # by what it shows asks for no edit.
        edits = [v for v in edits if not _names_video(body, v, acts)]
    if edits and acts and _outvoted(body, edits, acts, r):
        return [], acts
    if edits and _making_asked(body, edits, acts):
        return [], sorted([*acts, *map(_progress_verb, edits)], key=_START)
    return edits, acts


def _making_asked(body: str, edits: list[_Verb], acts: list[_Verb]) -> bool:
    """Whether every edit verb of ``edits`` is a Chinese, Japanese or Korean noun of the
    video's making (grammar.yaml ``making_nouns``: "生成", "생성") followed, a particle
    between at most, by a word of how far it has got (``making_asked``): "生成到几成了",
    "생성 다 됐어요?", "作成終わった？"; "生成一个进度条" makes something. Beside it, only the
    project may be asked (``acts``: "끝났" is one of its words)."""
    if any(v.entry.action != "state" for v in acts):
        return False
    g = _grammar()
    for verb in edits:
        if verb.entry.phrase not in g.making_nouns:
            return False
        rest = body[verb.end:verb.end + _MAKING_REACH].lstrip(" ")
        if rest[:1] in _MAKING_PARTICLES:
            rest = rest[1:].lstrip(" ")
        if not rest.startswith(g.making_asked) or rest.startswith(g.making_not):
            return False
        asked = max((w for w in g.making_asked if rest.startswith(w)), key=len)
        if rest[len(asked):].lstrip("了").startswith(g.making_if):
            return False  # "생성 끝났으면 알림 오나요?": a condition, not a question
    return True


# A particle between the making and its progress ("生成的进度", "生成は終わった", "생성은"),
# and how far after the making its words of progress are read.
_MAKING_PARTICLES: Final = frozenset("的はがの은는이가도")
_MAKING_REACH: Final = 12


def _render_asked_after(body: str, verb: _Verb, r: _Reading) -> bool:
    """Whether a clause after ``verb``'s names the render or the export as a thing, with no
    way of asking for it, and asks how far it has got ("…, et le rendu avance ?")."""
    for start, end, entry, sentence, clause in r.frame_parts:
        if start < verb.end or (sentence, clause) <= (verb.sentence, verb.clause) \
                or entry.forms or not entry.objects:
            continue
        named = _Verb(start, end, entry, clause, sentence)
        if _render_named_here(named) and (_how_far_render(body, named, r.connectors) is not None
                                          or _render_topic(body, named, r.connectors)):
            return True
    return False


def _render_progress(body: str, hits: list[Hit], decision: _Decision,
                     connectors: Sequence[int], *, formed: bool = False) -> _Decision:
    """The project's progress, where the render or export is named as a thing in a sentence
    that asks how far it has got ("le rendu avance ?", "como tá a renderização?", "where's the
    render at", "レンダリングどこまで進んだ？", "render到幾多%喇"; grammar.yaml ``progress``),
    with no word of a request in the message ("can you render it? how far along is the
    other one" still asks for the file). Read in the verb's clause, to a comma or connector
    ("dime cómo va y después pásame el mp4" asks for both, "hola cómo va, pásame el video"
    for the file). Where a way of asking made the verb (``formed``), only "where's … at"."""
    verb = decision.verb
    if verb is None or decision.request:
        return decision
    span = _how_far_render(body, verb, connectors, formed)
    if span is None and not formed and _render_named_here(verb):
        # Named after a connector as the topic, asked how far after a pause: "y el render,
        # ¿cómo va?", "e a renderização, em quanto tá?"; not with an action asked after it
        # ("y el render, ¿cómo va? mándalo ya" still asks for the file).
        span = _render_topic(body, verb, connectors)
        if span is not None and any(at >= span[1] and (entry.action is not None
                                                        or entry.forms or entry.cues & _REQUEST)
                                    for at, _, entry in hits):
            span = None
    if span is None or any(span[0] <= at < span[1] and entry.cues & _REQUEST
                           for at, _, entry in hits):
        return decision
    # "wheres the render at? and how many credits do i have left": the second request stays;
    # a second look at the project is the same one ("レンダリングどこまで進んだ？コンバインの
    # シーンもう終わった？").
    return _Decision("state", decision.score, decision.reason, _progress_verb(verb),
                     then=None if decision.then == "state" else decision.then,
                     candidates=decision.candidates, request=False)


def _cjk_word(entry: Entry) -> bool:
    """Whether ``entry`` is a word of Chinese, Japanese or Korean only."""
    return bool(entry.languages) and all(lang[:2] in ("zh", "ja", "ko")
                                         for lang in entry.languages)


def _joined_on_after(body: str, hits: list[Hit], end: int, state: int) -> bool:
    """Whether, after ``end``, a pause and a connector ("…短くして、そのあとシーン一覧見せて",
    "…一點 然後幫我看…") come before any word of an action or its frames, and a word of the
    project (``state``: its frame bits) follows the connector, in a message that asks nothing
    (no question mark or cue). In Japanese and Korean, a verb ending joined on (grammar.yaml
    ``joins_ending``) needs no connector: a pause or a plain "and" will do ("…下げて、あと
    タイムライン見せて", "…넣고 지금 타임라인 보여줘")."""
    g = _grammar()
    joined = False
    for start, _, entry in hits:
        if entry.cues & _QUESTION:
            return False
        if start < end:
            continue
        if not joined:
            if (entry.action == "state" or (entry.forms | entry.objects) & state) \
                    and body.endswith(g.joins_ending, 0, end) \
                    and not body.endswith(g.joins_except, 0, end) \
                    and (not (gap := body[end:start].strip(_PAUSE_CHARS))
                         or gap in g.joins_pause):
                # Nothing but a pause or a plain "and" between: "…下げて、あとタイムライン見せて".
                return True
            if entry.objects and not entry.objects & state and not entry.forms \
                    and entry.action is None and not entry.cues & _CONNECTOR:
                # The edit's own object after a Chinese verb ("加上潛店logo 弄好給我看…").
                continue
            if entry.action is not None or entry.forms \
                    or (entry.objects and not entry.cues & _CONNECTOR):
                return False
            # (A connector that is also a frame's word, "終わったら", still joins.)
            joined = bool(entry.cues & _CONNECTOR) and start > 0 \
                and body[start - 1] in " ,，、"
        elif entry.action == "state" or (entry.forms | entry.objects) & state:
            return True
        elif entry.action is not None:
            return False
    return False


def _now_at_end(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether "now" alone follows ``verb`` to the message's end ("mi jefe dice que lo
    exportes ya") in a message that asks, wonders and tells of the past nothing ("which
    button do I press to export now", "se pudo descargar ya" stay for the model)."""
    g = _grammar()
    rest = body[verb.end:].strip(" .!")
    if rest not in g.now and not (
            # The verb opens the last clause, after a comma, and "now" ends it ("I'll upload
            # the rest tomorrow, export what you have now"): a few words of what between.
            rest.isascii() and body[:verb.start].rstrip().endswith(",")
            and rest.rpartition(" ")[2] in g.now
            and len(rest.split()) <= _NOW_CLAUSE_WORDS
            # The action's word as the subject of a verb ("export takes two minutes now").
            and not any(w in g.said_after_action for w in rest.split())):
        return False
    if "?" in body or body[:verb.start].rstrip().endswith(g.purpose_before):
        return False  # "…, wo muss ich klicken um zu exportieren jetzt": a purpose
    return not any(entry.cues & _NOT_PLAIN for _, _, entry in hits)


def _again_beside(body: str, verb: _Verb, clause: tuple[int, int]) -> tuple[int, int] | None:
    """Where "again" (grammar.yaml ``again``) stands beside ``verb`` in its clause (``clause``:
    its bounds, from ``_clause_bounds``), or None."""
    start, end = clause
    again = _grammar().again
    return again.find(body, max(start, verb.start - _AGAIN_REACH), verb.start) \
        or again.find(body, verb.end, min(end, verb.end + _AGAIN_REACH))


def _request_right_after(body: str, verb: _Verb, g: Grammar) -> bool:
    """Whether a Japanese or Korean request ending follows ``verb`` right after it
    (grammar.yaml ``request_after``: "書き出して", "내보내 줘"), not going on into a form
    that joins or tells (``request_after_not``: "書き出してみたけど", "書き出してから")."""
    return body.startswith(g.request_after, verb.end) \
        and not body.startswith(g.request_after_not, verb.end)


def _asked_once_more(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` is asked of the assistant once more, with "again" beside it: after a
    request cue in Latin script ("can you export it again in 1080p?"), or with a request
    ending right after it in Japanese or Korean ("もう一回、高画質で書き出してもらえる？").
    "can I export again in 4K?" still asks what is possible."""
    g = _grammar()
    if _request_right_after(body, verb, g):
        # Its sentence: "もう一回、" often stands in a clause of its own.
        opened = max((m.end() for m in _SENTENCE_END.p.finditer(body, 0, verb.start)),
                     default=0)
        return g.again.find(body, max(opened, verb.start - _AGAIN_REACH), verb.start) \
            is not None
    return bool(hits) and _requested_before(body, hits, verb.start) and _again_beside(
        body, verb, _clause_bounds(body, hits, verb.start, verb.end)) is not None


def _first_then_later(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether the message opens with a word of first (grammar.yaml ``first_opens``), ``verb``
    stands in that clause before its pause, and what follows the pause puts something off
    ("先に写真送ります、動画はあとで送ります", "first the photos, the videos later"): the first
    is done now, whatever the later one says."""
    if not verb.frame or not body.startswith(_grammar().first_opens):
        return False  # (a frame's way of asking: "first the export thing, … later" asks none)
    pause = _first_pause(body)
    return verb.end <= pause and any(start > pause and entry.cues & _POSTPONE
                                     for start, _, entry in hits)


def _please_first(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether a Latin-script message opens with a word of "please" and then asks for
    ``verb``'s action alone, with no question ("por favor, se encarga de exportarlo en mp4",
    "please, export what we have"): an instruction, not a story the action's word is in."""
    if "?" in body or (not body.isascii() and any(ch >= "\u2e80" for ch in body)):
        return False
    word = next((w for w in _grammar().please_first if body.startswith(w)), None)
    if word is None or body[len(word):len(word) + 1].isalnum() or verb.start <= len(word) \
            or len(_words(body[verb.end:])) > _PLEASE_TAIL_WORDS:
        return False  # (more after the verb says when or why: "please export it when …")
    between = _words(body[len(word):verb.start])
    if len(between) > _PLEASE_TAIL_WORDS or (between and between[-1] in _grammar().articles):
        return False  # a story or a noun: "Please, I have a question about the export"
    return not any((entry.action is not None and entry.action != verb.entry.action)
                   or entry.cues & _NOT_PLAIN for _, _, entry in hits)


def _please_after(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether a word of "please" follows ``verb`` right after it, the verb opening its
    sentence or with two words at most before it ("Aber erstmal: exportier bitte unser
    Läutevideo als MP4", "export please, the client is waiting"): an imperative asked, not a
    word of the action in a story. Not put off after it ("Exportieren bitte erst nach
    Freitag")."""
    rest = body[verb.end:verb.end + 20].lstrip()
    word = next((w for w in _grammar().please_first if rest.startswith(w)), None)
    if word is None or rest[len(word):len(word) + 1].isalnum() \
            or len(_words(body[_sentence_start(body, verb.start):verb.start])) > 2:
        return False
    return not any(start >= verb.end and entry.cues & (_POSTPONE | Cue.PAST)
                   for start, _, entry in hits)


def _asked_at_end(body: str, hits: list[Hit], verb: _Verb) -> bool:
    """Whether ``verb`` ends the message in a question a request word opens ("I'll check it
    later, can you export it now?"): whatever the clauses before it say, the last one asks
    (``_requested_before``), with at most a word of now after the verb."""
    rest = body[verb.end:].rstrip()
    if not rest.endswith("?"):
        return False
    rest = rest.strip(" ?")
    return (not rest or rest in _grammar().now) and verb.start > 0 \
        and _requested_before(body, hits, verb.start)


def _theirs(body: str, verbs: list[_Verb], r: _Reading) -> None:
    """A balance or a project owned by someone else in its clause ("can I use my husband's
    credits?", "los créditos de mi esposo", "我老公的帳號點數比較多", "夫のクレジット使えますか",
    "남편 크레딧 써도 돼요?", "die timeline von meinem kumpel"): not the user's, not asked for.
    Owning is read from the grammar around the person (a possessive ending or particle after
    it, "of my" before it, a Korean noun right before the thing, "her credits"); a person as
    the subject ("my wife asks how many credits we have") owns nothing, unless a question asks
    whether they *too* may see it ("can my sister see the project too?", "妹もプロジェクト見られ
    ますか？", "동생도 프로젝트 볼 수 있어요?", "我同事也可以看到我的积分吗"): who else has
    access is a question about the product."""
    for verb in verbs:
        if verb.negated_by is None and (cue := _owner(body, verb, r)) is not None:
            verb.negated_by, verb.about = cue, True


def _owner(body: str, verb: _Verb, r: _Reading) -> str | None:
    """The person who owns the balance or project ``verb`` names, or asks to see it too, if
    any: see ``_theirs``."""
    if verb.entry.action not in ("credits", "state"):
        return None
    asked = verb.sentence in r.questions
    g = _grammar()
    # Each person is read once, in a few characters around it, not in copies of the text
    # before or after it for every verb: a long message of many people and many verbs named
    # the balance ("mi jefe revisa el saldo " typed a thousand times) made this cubic.
    owners = r.owners
    if owners is None or len(owners) != len(r.persons):
        longest = max(map(len, g.owns_before_words), default=0)
        owners = r.owners = [
            body.startswith(g.owns_after, end)
            or _ends_before(body, start, longest).endswith(g.owns_before_words)
            for start, end, _, _ in r.persons]
    for k, (_, end, clause, cue) in enumerate(r.persons):
        if clause < verb.clause - 1 or clause > verb.clause:
            continue
        if clause == verb.clause and (
                owners[k]
                or ((cue in g.possessives or _hangul(cue[-1])) and 0 < verb.start - end <= 1)):
            return cue
        # (An "also" may join clauses, "mi hermana también puede ver": no mark between.)
        if asked and end <= verb.start \
                and not _CLAUSE_MARK.p.search(body, end, verb.start) \
                and (body.startswith(g.also_after, end)
                     or any(word.group().casefold() in g.also
                            for word in islice(_NONSPACE.p.finditer(body, end), 8))):
            return cue
    return None


def _ends_before(body: str, start: int, longest: int) -> str:
    """The end of ``" " + body[:start].rstrip()``, at least its last ``longest`` characters
    (all of it when it is no longer): what a word of that length ends it with."""
    at = start
    while at > 0 and body[at - 1].isspace():
        at -= 1
    return body[at - longest:at] if at > longest else " " + body[:at]


def _wanted(body: str, bare: _Verb, r: _Reading) -> bool:
    """Whether a thing named alone asks for it: not when it is someone else's ("die timeline
    von meinem kumpel", ``_owner``), what the user was told and doubts ("il paraît que tu peux
    me montrer le projet, c'est vrai ?", ``_told``), nor what the speaker will look at later
    ("después del almuerzo veo la línea de tiempo", "점심 먹고 타임라인 볼게요": ``_own_plan``)."""
    return not ((r.persons and _owner(body, bare, r))
                or (r.reports and r.doubts
                    and any(sentence == bare.sentence for _, sentence, _ in r.reports))
                or (r.postpone and (_own_plan(body, [bare], r.postpone)
                                    or _sends_later(body, [bare], r.postpone))))


def _verb_after(body: str, hits: list[Hit], end: int) -> bool:
    """Whether an action phrase or edit verb follows ``end`` with nothing but spaces between."""
    for start, _, entry in hits:
        if start >= end:
            return not body[end:start].strip() and (
                entry.action is not None or bool(entry.cues & _EDIT))
    return False


def _held_pauses(spaced: str, paused: str, hits: list[Hit]) -> tuple[str, list[Hit]]:
    """``paused`` (``spaced`` with its Chinese or Japanese gaps made commas) and its ``hits``,
    with the gap right after a cue that holds something back a space again, and its pause
    hit dropped: "不要 导出" and "先別 匯出" stay refusals."""
    kept: list[Hit] = []
    chars: list[str] | None = None
    for hit in hits:
        at = hit[0]
        if hit[1] - at == 1 and spaced[at] == " " and kept and kept[-1][1] == at \
                and kept[-1][2].cues & _HOLD:
            if chars is None:
                chars = list(paused)
            chars[at] = " "
            continue
        kept.append(hit)
    return (paused, hits) if chars is None else ("".join(chars), kept)


def _no_inner_points(body: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` without the full stops inside a number or before a file's extension ("1.5
    秒", "v2.mp4", "en .mov", ``_INNER_POINT``): such a point ends no sentence."""
    if _INNER_POINT.p.search(body) is None:  # most points end a sentence, often the message
        return hits
    inner = {m.start() for m in _INNER_POINT.p.finditer(body)}
    return [hit for hit in hits if hit[1] - hit[0] != 1 or hit[0] not in inner]


def _opens_clause(body: str, hits: list[Hit], at: int, action: str | None = None, *,
                  own: int = 0, forms: int = 0) -> bool:
    """Whether what stands at ``at`` opens its clause: between the clause's start (a sentence
    mark, pause or connector) and ``at`` there are request words at most ("can you", "帮我",
    "por favor"), request forms of the frames ``forms`` ("montrez-moi", "告诉我"; not a form
    of a plan, "je vais exporter …"), words that say nothing ("ok", "first": "先告诉我还剩多少
    积分 然后…"), and phrases of ``action`` itself ("积分" in "帮我看看积分还剩多少") or objects
    of its frames (``own``: "영상" in "영상 내보내주고 …", where the object comes first)."""
    since = 0
    asked: list[tuple[int, int]] = []
    formed = False  # a request word or form among them, not only fillers ("ok", "bueno")
    for start, end, entry in hits:
        if start >= at:
            break
        if entry.cues & _CLAUSE:
            since, asked, formed = end, [], False
        elif entry.cues & (_REQUEST | _IGNORE) or entry.forms & forms or entry.objects & own \
                or (action is not None and entry.action == action):  # "can you"; "ok"
            asked.append((start, end))
            if entry.cues & _REQUEST or entry.forms & forms:
                formed = True
    rest = body[since:at]
    for start, end in reversed(asked):
        rest = rest[:start - since] + rest[end - since:]
    # Japanese and Korean one-character particles ("を" after the object in "動画を書き出して")
    # are no words of their own; left over anywhere here, they do not count. Nor does a
    # Chinese "我" or "我的" before the thing asked for ("先看下我余额 然后导出"): "my".
    # Korean "my" is a word of its own ("제 크레딧 …"): left out as a word, not as a letter
    # ("제가" is "I", the speaker's own doing).
    g = _grammar()
    if g.mine_words:
        rest = " ".join(word for word in rest.split() if word not in g.mine_words)
    # An article after a request form ("zeig mir den Fortschritt", "fais l'export") is part
    # of what is asked for.
    if formed and rest.strip():
        words = rest.replace("'", "' ").split()
        if words and all(word in g.articles for word in words):
            return True
    if _no_words_left(rest, g):
        return True
    # Which version of the thing, before a Chinese, Japanese or Korean object that comes
    # before its verb ("最終のタイムラインを見せてから…", "최종 타임라인 보여주시고 …"): part
    # of what is asked for; and "first" before it ("先にタイムライン見せて、それから…").
    # Only before the project or the balance: "最新的导出有点糊" judges the last export.
    if rest.isascii() or action not in ("state", "credits"):
        return False
    for word in g.before_object:
        rest = rest.replace(word, " ")
    return _no_words_left(rest, g)


def _no_words_left(rest: str, g: Grammar) -> bool:
    """Whether ``rest`` holds no letter but Japanese and Korean one-character particles and
    a Chinese "my" (``_opens_clause``)."""
    return not any(ch.isalnum() and ch not in g.particles and ch not in g.mine for ch in rest)


def _said_of(body: str, hits: list[Hit], chosen: _Verb) -> str | None:
    """The word that makes the clause of the object ``chosen`` a statement about it: a verb
    said of it ("le fichier est corrompu", "the mp4 is blurry", "成品有点暗"), or thanks
    before it in its clause that say it was received ("danke für das fertige Video", "谢谢你的
    成品"): it names the file, it asks for nothing. None if there is none."""
    for start, _, entry in hits:
        if start >= chosen.end:
            if entry.cues & _CLAUSE:
                return None
            if entry.cues & _SAID:
                return entry.phrase
        elif entry.cues & _THANKS and not _pause_between(body, hits, start, chosen.start):
            return entry.phrase
    return None


def _asks_nothing(body: str, decision: _Decision, hits: list[Hit]) -> bool:
    """Whether the message has no way of asking: no request word or form, no question cue
    or mark. Right after an edit was reported (and no export offered), such a message is
    praise of the edit ("oui c'est parfait comme ça", "這樣很好 不用再改了"), not a request for
    the file the learned model may read into it; with laughter, banter."""
    if decision.request or "?" in body:
        return False
    approves = _grammar().now_approves
    # A now-word is a form of some frames ("my balance now"); opening "now it's right" it
    # asks for nothing: "agora sim, amei 😍" praises the edit ("jetzt sofort das Video", and
    # "agora sim! o vídeo agora mesmo" with a second now-word, ask).
    return not any((entry.forms and not body.startswith(approves, start))
                   or entry.cues & _QUESTION for start, _, entry in hits)


def _asks_nothing_of_shown(body: str, decision: _Decision, hits: list[Hit]) -> bool:
    """Whether a message asks nothing of what was just shown: no request, no question, no
    action phrase, no way of asking but the thing's own name."""
    now = _grammar().now  # "… in the right order now": a time, no way of asking
    return not (decision.request or "?" in body or any(
        (entry.forms and entry.phrase not in now) or entry.cues & (_QUESTION | _REQUEST)
        # An action's own phrase asks ("c'est bien, montre-moi la timeline", "いいですね、
        # 進捗は"): only the names of what was shown may stand beside the verdict.
        or entry.action is not None for _, _, entry in hits))


def _judges(body: str, hits: list[Hit]) -> bool:
    """Whether the message says something of what it names: a verdict, thanks or an
    approval. (A verdict is also a clause cue that says something of its clause: "looks
    good".)"""
    return any(entry.cues & (_SAID | _THANKS)
               or (entry.cues & _CLAUSE and entry.cues & _SCOPED) for _, _, entry in hits) \
        or any(word in body for word in _grammar().approvals)


def _approves_shown(body: str, decision: _Decision, hits: list[Hit]) -> bool:
    """Whether a message asks nothing of what was shown (``_asks_nothing_of_shown``) and
    judges it (``_judges``)."""
    return _asks_nothing_of_shown(body, decision, hits) and _judges(body, hits)


def _requested_before(body: str, hits: list[Hit], at: int) -> bool:
    """Whether a request cue opens the clause before ``at`` with a few small words around it:
    "could you maybe render it, and …", "me lo podrías exportar? y …", "könntest du es
    exportieren und …" ask, as "can you export it and …" does. At most two words stand
    before the cue and two between it and ``at``, each a pronoun or a softener
    (grammar.yaml ``small_words``); others say something else ("could you ever export
    and …", "he asked could you export it and …"). Latin script only: in Chinese, Japanese
    and Korean the request words follow the verb or wrap the whole clause."""
    if _wide(body[at]) or _hangul(body[at]):
        return False
    since = 0
    cue: tuple[int, int] | None = None
    for start, end, entry in hits:
        if start >= at:
            break
        if entry.cues & _CLAUSE:
            since, cue = end, None
        elif cue is None and entry.cues & _REQUEST:
            cue = (start, end)
    if cue is None:
        return False
    before, between = _words(body[since:cue[0]]), _words(body[cue[1]:at])
    return len(before) <= 2 and len(between) <= 2 \
        and all(fold_accents(w) in _grammar().small_words for w in before + between)



def _words(text: str) -> list[str]:
    """The words of ``text``: runs of letters or digits (a CJK character each)."""
    return [t for t in TOKEN.findall(text) if t[0].isalnum()]


def _question_after(hits: list[Hit], at: int) -> bool:
    """Whether a question particle follows right after ``at`` ("還有額度嗎 另外…", typed
    without a question mark)."""
    return any(at <= start <= at + 1 and entry.cues & _QUESTION for start, _, entry in hits)


def _question_word_before(hits: list[Hit], at: int) -> bool:
    """Whether a question word ("combien", "how many", "いくら") stands in the clause before
    ``at``: "dis moi combien j'ai de crédits et exporte la vidéo" asks for the balance."""
    found = False
    for start, _, entry in hits:
        if start >= at:
            break
        if entry.cues & _CLAUSE:
            found = False
        elif entry.cues & (_ASKS | _QUESTION):
            found = True
    return found


def _person_sentences(r: _Reading) -> frozenset[int]:
    """The sentences that name a person ("my sister", "mi hermana"): ``person`` cues, which
    ``_read`` records with their clause; a clause's sentence is found from the verbs'."""
    if not r.persons:
        return _NONE
    by_clause = {verb.clause: verb.sentence for verb in r.verbs}
    return frozenset(by_clause.get(clause, -1) for _, _, clause, _ in r.persons)


def _how_asked(body: str, hits: list[Hit], at: int) -> bool:
    """Whether the sentence that holds ``at`` asks how or how much ("combien de temps",
    "quanto tempo": an ``asks``, ``howto`` or ``about`` cue before ``at``, not one that opens
    a question of whether it can be done) and ends with a question mark."""
    for start, _, entry in reversed(hits):
        if start >= at:
            continue
        if entry.cues & _SEPARATOR:
            return False
        # An ``about`` cue that is also a question opener asks whether something can be done
        # ("é possível encurtá-lo e depois exportar?", a request): not a how-question.
        if entry.cues & (_ASKS | Cue.HOWTO) or (
                entry.cues & _ABOUT and not entry.cues & _QUESTION):
            return _asked(body, at)
    return False


def _asked(body: str, at: int) -> bool:
    """Whether the sentence that goes on at ``at`` ends with a question mark (the body is
    NFKC-normalised: "？" is "?")."""
    ends = [found for found in (body.find(mark, at) for mark in ".!?。！\n") if found >= 0]
    return bool(ends) and body[min(ends)] == "?"


def _speaker_after(body: str, verb: _Verb, g: Grammar) -> bool:
    """Whether the speaker is named right after the action's own verb ("exportier ich das
    nächste Woche": German puts the finite verb first) or right before it ("ich exportier das
    heute Abend"), the verb being no infinitive (those end in "n": "exportieren ich brauche es
    morgen" opens a clause of the speaker's) unless "wir" follows it ("…, exportieren wir")."""
    if body[verb.end - 1:verb.end] == "n":
        # "…, exportieren wir": the first person plural puts its subject after the verb too
        # (a plan only with a time or condition in the sentence, as for "ich").
        following = body[verb.end:].split(None, 1) if body[verb.end:verb.end + 1] == " " \
            else []
        return bool(following) and following[0].rstrip(",.!?") == "wir" and not verb.frame
    # Or right before it ("ich exportier das heute Abend"): the verb is the speaker's.
    # (Only before a verb of its own, in a statement: "hab ich noch kontingent … heute
    # abend?" asks the balance.)
    before = body[:verb.start].rsplit(None, 1)[-1:] \
        if body[verb.start - 1:verb.start] == " " and not verb.frame and "?" not in body else []
    if before and before[0] in g.will_after_verb:
        return True
    if body[verb.end:verb.end + 1] != " " or verb.frame:
        return False
    word, *rest = body[verb.end + 1:].split(" ", 2)[:2]
    word = word.rstrip(",.!?")
    if word not in g.will_after_verb:
        return False
    # "ichs" holds its object; after a bare "ich", the clause must go on as the verb's.
    return word != "ich" or (bool(rest) and rest[0].rstrip(",.!?") in g.will_after_verb_then)


def _own_plan(body: str, verbs: list[_Verb],
              later: list[tuple[int, int, int, str]] | None) -> bool:
    """A Korean condition or a time to come ("내일", ``postpone`` cues: ``later``), then the
    action in the speaker's own will ("마음에 들면 다운받을게요", if I like it I'll download it;
    "내일 다운받을게요", "월말에 크레딧 확인해볼게요"): what the user will do then, a plan, not
    a request now ("이제 다운받을게요", "다 되면 보내주세요" and "내일 수업 때 틀 거니까 완성본
    보내주세요" still ask). The will is read on the verb or, after a thing named ("크레딧",
    "クレジット確認しときます"), at the end of its clause. Whether an action was so read."""
    found = False
    g = _grammar()
    negated_before = [verb.negated_by is not None for verb in verbs]
    for verb in verbs:
        if verb.negated_by is not None or verb.entry.action in (None, "chat"):
            continue
        end = verb.end
        while end < len(body) and _hangul(body[end]):
            end += 1
        start = max(body.rfind(mark, 0, verb.start) for mark in ".?!。？！\n")
        mark = _CLAUSE_MARK.p.search(body, verb.end)
        tail = body[verb.end:mark.start() if mark else len(body)].rstrip(" ~〜ー")
        if not (body[verb.start:end].endswith(g.volitional)
                or (tail[-1:] and _hangul(tail[-1]) and tail.endswith(g.volitional))):
            # Japanese and Latin script: only with a time to come in the sentence ("今夜家帰って
            # からダウンロードしますね", "I'll probably download it tonight from home");
            # "今夜ダウンロードしてください" and "send it tonight" still ask.
            while end < len(body) and "\u3040" <= body[end] <= "\u309f":
                end += 1
            # The will before the verb, or inside a frame's span ("schau ich mir die timeline
            # an", "je regarde la timeline").
            # From the verb's own clause: "I'll check it later, can you export it now?" plans
            # the check, not the export.
            since = max(start, *(body.rfind(m, 0, verb.start) for m in ",，、;；:"))
            # Each word folded once, not each run of one to three of them again (a clause of
            # Chinese or Japanese is one long "word", folded a character at a time).
            words = [fold_accents(word) for word in
                     body[since + 1:verb.start].casefold().split()[-6:]
                     + body[verb.start:verb.end].casefold().split()[:4]]
            if not (body[verb.start:end].endswith(g.volitional_kana)
                    or (tail.endswith(g.volitional_kana_end)
                        and not any(aux in tail for aux in g.not_own))
                    or any(" ".join(words[k:k + n]) in g.will_plain
                           for k in range(len(words)) for n in (1, 2, 3))
                    # German puts the verb or its noun first and the will after it
                    # ("runterladen tu ich das morgen früh", "den Download mach ich heut abend").
                    or body[verb.end:].lstrip(" ,").startswith(g.will_after)
                    or _speaker_after(body, verb, g)):
                continue
            stop = min((at for at in (body.find(mark, verb.end) for mark in ".?!。？！\n")
                        if at >= 0), default=len(body))
            for at, later_end, _, cue in later or ():
                # Not with a now after the time ("明日使うから、今ダウンロードする"), nor a time
                # that dates a thing ("明日のイベントの写真送りますね"), nor one of another
                # action after it ("先に写真送ります、動画はあとで送ります").
                if start < at < stop and not (at > verb.end and any(
                        part in body[later_end:stop] for part in verb.entry.phrase.split(" … "))) \
                        and not (at < verb.start and any(
                        now in body[later_end:verb.start] for now in g.now)) \
                        and not _dates_a_thing(body, later_end, verb.end, g):
                    verb.negated_by = cue
                    found = True
                    break
            else:
                # Or a Japanese condition before it ("店長のOK出たら書き出すね"): a plan for
                # when it holds.
                # Inside a frame's span too ("写真、撮影終わったら送りますね"); in Latin script
                # also a "when" after it, in its sentence ("vou te enviar as fotos quando a
                # obra terminar", "I'll send them once the photographer has them").
                until = verb.end if verb.frame else verb.start
                condition = _own_condition(body, start + 1, until) \
                    or _plan_condition(body, start + 1, verb.start) \
                    or (_when_after(body, verb.end, stop)
                        if verb.entry.action == "upload"
                        or g.when_ready.find(body, verb.end, stop) is None else None)
                if condition is not None:
                    verb.negated_by = condition
                    found = True
            continue
        # A frame's time may stand between its object and its form ("완성본은 내일 … 받을게요").
        for at, _, _, cue in later or ():
            if start < at < (verb.end if verb.frame else verb.start) and not any(
                    now in body[at:verb.end] for now in g.now):
                verb.negated_by = cue
                break
        else:
            # (A frame's condition too: "객실 사진은 하우스키핑 끝나면 보낼게요".)
            for raw in body[start + 1:verb.end if verb.frame else verb.start].split():
                word = raw.rstrip(",，、")
                if word.endswith("면") and word not in g.myeon_nouns and _hangul(word[0]) \
                        and not word.endswith(g.myeon_purpose):
                    verb.negated_by = word
                    break
        if verb.negated_by is None:
            # "지금 다운로드 해주세요 잔액은 제가 확인할게요": the speaker named as the one who
            # will look, after any other action, looks themselves.
            # Its words: from the action before it to the one after it, ending in the will.
            since = max((v.end for v in verbs if v is not verb and v.end <= verb.start),
                        default=-1)
            upto = min((v.start for v in verbs if v is not verb and v.start >= verb.end),
                       default=len(body))
            # The words before it from the end of the other action's request ("지금 다운로드
            # 해주세요 | 잔액은 제가 확인할게요").
            before = body[max(since, 0):verb.start]
            cut = max((before.rfind(req) + len(req) for req in g.request_after
                       if req in before), default=0)
            said = body[verb.start:upto]
            # Only looking (the balance, the project: "올릴게요", "보낼게요" send now), with
            # the will itself ("확인할게요"; not "확인하게", so that) and no request in what
            # it says ("타임라인 보여주세요 제가 한번 볼게요" asks).
            if since >= 0 and verb.entry.action in ("credits", "state") \
                    and _ends_in_will(said) and not any(req in said for req in g.request_after):
                own = before[cut:] + said
                verb.negated_by = next((w for w in g.self_subjects if w in own), None)
        found = found or verb.negated_by is not None
    if found:
        _same_plan(verbs, negated_before)
    return found


def _same_plan(verbs: list[_Verb], negated_before: list[bool]) -> None:
    """A frame of another action that shares its words with a verb ``_own_plan`` read as a
    plan is the same plan ("wenn die Fotos da sind, lade ich es runter": "die Fotos … lade" is
    no upload of its own); one of the same action was read on its own ("明日の会議用に最終
    カットをmp4でお願いします" asks by its "お願いします")."""
    planned = [v for v, was in zip(verbs, negated_before, strict=True)
               if not was and v.negated_by is not None]
    for verb in verbs:
        if verb.negated_by is None and verb.entry.action not in (None, "chat"):
            verb.negated_by = next((v.negated_by for v in planned
                                    if v.start < verb.end and verb.start < v.end
                                    and v.entry.action != verb.entry.action), None)


def _may_plan(body: str, later: list[tuple[int, int, int, str]] | None) -> bool:
    """Whether ``body`` may hold a plan ``_own_plan`` reads: a Korean "면", a time to come
    (``later``), the speaker named in Korean, a Japanese condition, "if"/"when" opening a
    sentence, or a "when" anywhere. Cheap tests, so that most messages skip it."""
    g = _grammar()
    return "면" in body or later is not None \
        or any(map(body.__contains__, g.self_subjects)) \
        or (not body.isascii() and any(c in body for c in g.own_condition)) \
        or g.plan_opens_words.search(body) is not None or g.when_words.search(body)


def _conditioned_later(body: str) -> bool:
    """Whether a condition opens the message's first clause (grammar.yaml ``condition_opens``)
    or a Korean one closes a clause ("이기면"); asked beside a time to come."""
    g = _grammar()
    if g.polite_if.search(body):
        return False  # "if you can, add the logo and then export it, I need it tomorrow"
    first = body[:min((at for at in (body.find(m) for m in ",，、.。") if at >= 0),
                      default=len(body))]
    return any(first.startswith(word) or f" {word} " in f" {first} "
               for word in g.condition_opens) \
        or any(_hangul(body[at - 1]) and body[at + 1:at + 2] in (" ", ",", "")
               for at in range(1, len(body)) if body[at] == "면")


def _own_condition(body: str, lo: int, hi: int) -> str | None:
    """The Japanese condition that closes a clause in ``body[lo:hi]`` ("出たら", "終われば";
    grammar.yaml ``own_condition``), or None: not a polite "if you would" or "if you like"
    (``own_condition_not``: "くれたら", "よければ")."""
    g = _grammar()
    for ending in g.own_condition:
        at = body.find(ending, lo, hi)
        while at >= 0:
            end = at + len(ending)
            # It closes its clause: a mark, a space or a word not in hiragana comes next
            # ("出たら書き出す", "終わったらダウンロード"; not "できたらしい").
            if not ("\u3041" <= body[end:end + 1] <= "\u309f") and not any(
                    body.endswith(word, lo, end) for word in g.own_condition_not) \
                    and not any(now in body[end:hi] for now in g.now):
                return ending
            at = body.find(ending, at + 1, hi)
    return None


def _when_after(body: str, lo: int, hi: int) -> str | None:
    """The word of "when" (grammar.yaml ``when_opens``) that opens a clause in ``body[lo:hi]``,
    after the speaker's own action in Latin script ("I'll send the photos once they're sorted",
    "je t'enverrai les photos quand je les aurai triées"), or None: not after a word that
    makes it a time of the things ("fotos de cuando era joven", grammar.yaml ``dating``)."""
    g = _grammar()
    if any(word.strip(",.!") in g.now for word in body[:hi].split()):
        return None  # "I'll send you the photos now, when you get them let me know"
    mark = _CLAUSE_MARK.p.search(body, lo, hi)
    if mark is not None:
        hi = mark.start()  # "I'll send the photos, tell me when they arrive"
    if any(word.strip(",.!") in g.relatives for word in body[lo:hi].split()):
        return None  # "the photos I took when…", "las fotos que saqué cuando…"
    while (found := g.when_words.find(body, lo, hi)) is not None:
        before = body[:found[0]].split()[-1:]
        after = body[found[1]:hi].split()[:1]
        word = body[found[0]:found[1]]
        # Not "once more" (one time), nor "apenas se ve" (barely).
        if (not before or before[0] not in g.dating) and word not in g.when_not_after \
                and not (after and after[0].strip(",.") in g.when_not_before):
            return word
        lo = found[1]
    return None


def _dates_a_thing(body: str, at: int, upto: int, g: Grammar) -> bool:
    """Whether the Japanese time ending at ``at``, before an action at ``upto``, names what
    something is of or for: followed by "の" ("明日のイベントの写真"; not a part of that day,
    "明日の朝"), or by a past verb in its clause ("夜に撮った写真送りますね": when they were
    taken, not when they are sent; "たら" is a condition)."""
    for mark in g.dating_ja:
        if body.startswith(mark, at):
            after = at + len(mark)
            if body.startswith(g.day_parts_ja, after):
                return False
            # A day of it, with the particle of time: "来週の定休日に…送ります" sends then.
            while after < len(body) and ("\u4e00" <= body[after] <= "\u9fff"
                                         or "\u30a0" <= body[after] <= "\u30ff"
                                         or body[after].isdigit()):  # "明日の10時に"
                after += 1
            if body.startswith("ごろ", after):  # "明日の10時ごろに"
                after += 2
            return not body.startswith("に", after)
    between = body[at:upto].replace("また", "  ")  # "また" (again) is no past
    past = between.find("た")
    return past > 0 and between[past + 1:past + 2] not in ("ら", "り") \
        and not any(ch in _MARKS for ch in between[:past])


def _plan_condition(body: str, lo: int, hi: int) -> str | None:
    """The word of "when" or "if" that ``body[lo:hi]`` (a sentence's start, up to the action)
    opens on (grammar.yaml ``when_opens``, ``condition_opens``), or None. With a comma in
    between, only a condition of words of its own that does not accept ("once again thanks,
    i'll download it", "if that's ok, i'll download it now"), nor "si" with a comma after it
    (yes).
    Portuguese "se" is "if"; Spanish "se" never is. ("Now" after the action was tried as a
    way out, "if that's it i'll download it now": finals -1.)"""
    opening = body[lo:hi]
    cue = _opening_condition(body, opening, _grammar().plan_opens)
    if cue is None or not any(mark in _past_fillers(opening) for mark in ",，;"):
        return cue
    # A comma closes the condition in Latin script ("sobald die Intendanz grünes Licht gibt,
    # exportieren wir", "quand la pluie s'arrête, j'exporterai le tout"): still the plan's,
    # unless the word after the opener makes it no condition ("once again thanks, i'll
    # download it") or the condition is nothing but its opener.
    g = _grammar()
    after = _past_fillers(opening)[len(cue):].split(None, 1)
    if not after or after[0].strip(",.") in g.when_not_before \
            or "," in after[0] or len(after) < 2:
        return None
    # Nor a condition that accepts what is there or waits only for it to be ready ("if that's
    # ok, i'll download it", "when it's ready, i'll download it"), nor with a now after the
    # act ("…, i'll download it now"): a yes, not a plan.
    end = _SENTENCE_END.p.search(body, hi)
    tail = body[hi:end.start() if end else len(body)]
    if g.accepting_conditions.search(opening) \
            or g.when_ready.find(opening) is not None \
            or any(word.strip(",.!?") in g.now for word in tail.split()) \
            or any(now in tail for now in g.now_after_act):
        return None
    return cue


def _sends_later(body: str, verbs: list[_Verb], later: list[tuple[int, int, int, str]],
                 questions: AbstractSet[int] = frozenset()) -> bool:
    """A time to come (``postpone`` cues: "amanhã", "明日", "내일") in the clause of the user's
    own sending, or before it across a connector alone ("下禮拜我再傳照片給你"), announces
    it ("amanhã te mando as fotos", "明日写真送るね", "내일 사진 보낼게요"): a plan, nothing is
    sent now. In Chinese, "再" after the time puts off any action ("下午我再看看积分", "吃完饭
    我再看时间轴"; "再导出一次", again, has no time before it). Whether an action was so read."""
    found = False
    for verb in verbs:
        action = verb.entry.action
        if verb.negated_by is not None or action in (None, "chat"):
            continue
        for at, end, clause, cue in later:
            if action == "credits" and clause == verb.clause and not verb.frame \
                    and "?" not in body and verb.sentence not in questions and any(
                        word in verb.entry.phrase for word in _grammar().top_ups):
                # A top-up with a time to come in its clause, asking nothing ("ya hablaré con
                # el club para recargar el mes que viene", "dann muss der Verein nächsten Monat
                # aufladen"): a plan.
                verb.negated_by = cue
                found = True
                break
            if at >= verb.start:
                # After the sending, in its clause ("te mando las fotos del local mañana", "je
                # t'envoie les photos ce soir"): the same announcement. Inside a Chinese or
                # Japanese frame's span only with "再" after it ("照片我明天拍好再傳給你"):
                # "写真、明日の…送ります" may name what the files are for.
                if action == "upload" and (
                        (clause == verb.clause and body[verb.start] < "\u2e80"
                         and _time_after_sending(body, verb, at))
                        or (clause in (verb.clause, verb.object_clause)
                            and "再" in body[end:verb.end])):
                    verb.negated_by = cue
                    found = True
                    break
                continue
            if (action == "upload" and (clause == verb.clause or (
                    clause == verb.clause - 1
                    and not any(ch in _MARKS for ch in body[end:verb.start])))
                    and not _dates_a_thing(body, end, verb.end, _grammar())) \
                    or (_then_only(body[end:verb.start])
                        # Across any clause the words make ("晚上跑完最后一单再导出": "最后" is
                        # no connector here), but no mark between.
                        and not any(ch in _MARKS for ch in body[end:verb.start])
                        # Chinese only: in Japanese 再 is "re-" ("明日再エクスポートして").
                        and not any("\u3040" <= ch <= "\u30ff" for ch in body)):
                verb.negated_by = cue
                found = True
                break
    return found


def _then_only(between: str) -> bool:
    """Whether the words between a time to come and a verb put the verb off to that time:
    Chinese "再", or "才" / Cantonese "先至" right before the verb ("聽日開舖前先至匯出": only
    then; not "我才想起来快把视频导出给我", only just remembered). grammar.yaml ``then_only``,
    ``then_only_end``."""
    g = _grammar()
    return any(word in between for word in g.then_only) \
        or between.rstrip().endswith(g.then_only_end)


def _time_after_sending(body: str, verb: _Verb, at: int) -> bool:
    """Whether the time at ``at``, after the user's own sending ``verb``, says when it is sent:
    not what the files are of or for ("las fotos para el video de mañana", "die Fotos von
    heute Morgen": a word of ``dating`` right before it), nor beside a "now" in the clause
    ("te mando ahora las fotos …")."""
    g = _grammar()
    before = body[verb.start:at].split()
    if before and before[-1] in g.dating:
        return False
    mark = _CLAUSE_MARK.p.search(body, at)
    clause = body[verb.start:mark.start() if mark else len(body)]
    words = clause.split()
    return not any(now in words if " " not in now else now in clause for now in g.now)


def _ends_after_object(body: str, verb: _Verb, parts: Sequence[tuple[int, int, Entry, int, int]],
                       at: int, *, cue: str, alone: int) -> bool:
    """Whether the cue at ``at`` comes right after the object that follows the verb at once
    (one space between each) and ends its clause ("export the final cut later", "vai baixar
    o arquivo amanhã."): it is said of the verb. Not with words after it in the clause
    ("exportier das Video nicht als MOV, sondern als MP4", "… für morgen früh"), nor with
    words between ("… so i can post it tomorrow", "… weil morgen …").
    The object is a thing that can be named alone (``alone``: "the final cut", "o arquivo"),
    not a purpose ("send me the video so i can post it later")."""
    for start, stop, entry, _, _ in parts:
        if entry.objects & alone and not entry.forms and verb.end < start <= verb.end + 1:
            if body[stop:at].strip():
                return False
            rest = body[at + len(cue):]
            for k, ch in enumerate(rest):
                if ch in _CLAUSE_MARKS or ch in _SENTENCE_ENDS:
                    rest = rest[:k]
                    break
            return not _has_words(rest)
    return False


def _holds(scope: _Scope) -> bool:
    """Whether a clause's scope holds a cue (a clause with only an ``asks`` word has one,
    empty: that word is read where questions are)."""
    return any(getattr(scope, name) is not None for name in _SCOPE_FIELDS)


def _merged(first: _Scope | None, second: _Scope) -> _Scope:
    """The cues of two clauses together, the first clause's phrase where both have one."""
    if first is None:
        return second
    out = _Scope()
    for name in _SCOPE_FIELDS:
        setattr(out, name, getattr(first, name) or getattr(second, name))
    return out


def _scope(scope: _Scope, cues: int, phrase: str) -> None:
    if cues & Cue.ABOUT and scope.about is None:
        scope.about = phrase
    if cues & Cue.HOWTO and scope.howto is None:
        scope.howto = phrase
    if cues & Cue.PLATFORM and scope.platform is None:
        scope.platform = phrase
    if cues & Cue.SPEC and scope.spec is None:
        scope.spec = phrase
    if cues & Cue.PRICE and scope.price is None:
        scope.price = phrase
    if cues & Cue.CONTENT and scope.content is None:
        scope.content = phrase
    if cues & Cue.WHICH and scope.which is None:
        scope.which = phrase
    if cues & Cue.DEVICE and scope.device is None:
        scope.device = phrase
    if cues & Cue.CATALOGUE and scope.catalogue is None:
        scope.catalogue = phrase
    if cues & Cue.PAST and scope.past is None:
        scope.past = phrase


class Router:
    """Routes messages with one set of tables. Build once per skill, call ``route`` per message.

    Instances are immutable and safe to share between threads.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._settings = tables.settings
        # Read from the (named-tuple) tables once, not a field descriptor call per message.
        self._entries = tables.entries
        self._trie = tables.trie
        self._matcher = Matcher(tables)
        self._intent_model: IntentModel | None = None
        self._particle: Entry | None = None  # the entry of "吗", when first needed
        # The action of each frame bit, and each action's bits: the frame loops run per pair
        # of words, so they look bits up instead of walking every frame.
        self._bit_action = dict(tables.frames)
        self._action_bits: dict[str, int] = {}
        for bit, action in tables.frames:
            self._action_bits[action] = self._action_bits.get(action, 0) | bit
        self._final = self._action_bits.get("export", 0) & tables.alone
        # The frame bits of the project and the balance (``_project_first``, per request).
        self._project_bits = self._action_bits.get("state", 0) \
            | self._action_bits.get("credits", 0)
        # Frequent short words of each language (the language hints): they do not make a
        # message longer than "the final mp4 pls".
        words = tables.hints.get("words", {}) if tables.hints else {}
        self._common_words = frozenset(str(w).casefold() for listed in words.values()
                                       for w in listed)

    @classmethod
    def from_tables(cls, overrides: KeywordOverrides | None = None, *,
                    source: str = "SKILL.md") -> Router:
        """A router over the built-in tables, extended or replaced by a skill's ``overrides``.

        Without overrides (or with an empty keyword table) this is the shared built-in router.
        ``source`` names the skill file in error messages. Raises ``SkillError`` when a phrase
        would stand for two actions (naming the phrase and both actions) or a table is invalid.
        """
        if overrides is None or not overrides.router_keywords:
            return default_router()
        return cls(load_tables(overrides, source=source))

    def route(self, text: str, attachments: Iterable[str] = (), *,
              after: str | None = None, prior_language: str | None = None) -> Route:
        """Decide where ``text`` (sent with ``attachments``: file paths or URLs) goes.

        ``after`` is what the runtime's previous reply was, one of ``CONTEXTS``
        (``export-offer``, ``timeline``, ``credits``, ``edit``), or None when unknown: a short
        follow-up ("ok do it", "好的") means an action only in its context.
        ``prior_language`` is the language the user wrote in before (a ``LOCALES`` tag), when
        known: it settles the route's ``language`` where the message fits several equally
        ("no", "加字幕") or names only a product word ("export", "timeline"); it never
        changes where the message goes. Never raises for any string: a message that matches
        nothing is chat; an unknown ``after`` is ignored.
        """
        files = tuple(a for a in (str(x).strip() for x in attachments) if a) \
            if attachments else ()
        raw, linked = text, _NO_FILES
        if "://" in raw or "/" in raw or "\\" in raw:
            raw, linked = extract_attachments(raw, self.tables.media_hosts,
                                              self.tables.destinations)
        # NFKC (``normalize``) makes the full-width "？", "：" and "，" ASCII: every check of
        # the body below looks for the ASCII marks alone.
        norm = normalize(raw)
        if "://" in norm:
            norm = _URL.p.sub(" ", norm)
        body, quoted = strip_quoted(norm)
        body, hits, shown = self._scan(body, after)
        # ``named``: the texts of the video the message names ("the subtitles", "字幕").
        labels = named = _labels(hits)
        if labels:  # read by ``_read`` alone, before a colon: no word of a request, and none
            hits = [hit for hit in hits if hit[2].cues != _LABEL]  # of the known words
            if ":" not in body:
                labels = None
        if linked and not (_refers(body, self.tables.captions) and not self._sends_media(hits)):
            # Links in the text are the user's media, unless the message sends them as an
            # example of what the user wants ("https://youtu.be/… in this style but faster"):
            # then it is read as if they were not there (a file attached to it still goes).
            files += linked
        if "://" in raw and self._sends_media(hits):
            # "傳給你 https://…": a link the user says they are sending is their media,
            # wherever it is hosted.
            raw, found = extract_attachments(raw, _ANY_HOST)
            files += found
        decision = _render_status(body, self._decide(
            body, _described(body, hits) if files else hits, labels=labels), hits,
            self._action_bits.get("export", 0))
        if decision.reason == "no-match":
            decision = self._second_look(body, norm, quoted, decision)
        if after is not None:
            decision = self._after_reply(body, after, decision, hits, files=bool(files))
        if decision.reason == "no-match" and decision.hints and not decision.negation \
                and not files and not quoted and not _names_a_thing(hits) \
                and not _grammar().defects.search(body):  # a complaint ("… ? elle grésille")
            decision = self._learned(body, decision, hits, after, named=named is not None)
        elif decision.reason in ("phrase", "frame") and not files:
            decision = self._project_first(body, _done_asked_first(
                body, self._second_opinion(body, decision, hits), hits), hits)
        elif decision.reason == "edit" and (decision.candidates or decision.hints) \
                and not files and decision.context is None:
            decision = self._arbitrate(body, decision, hits)
            if decision.reason == "edit" and decision.pending:
                decision = decision._replace(then=decision.pending)
        elif decision.reason in ("ambiguous", "both") and not decision.apart and not files:
            decision = self._break_tie(body, decision, hits)
        if not files:
            decision = self._nothing_attached(body, hits, after, decision, quoted=quoted)
        # A set, not the LOCALES tuple: None (the usual prior) would be compared with each tag.
        prior = prior_language if prior_language in _LOCALE_SET else None
        language = detect_locale(body, prior=prior)
        if language == UNDETERMINED and body != norm:
            language = detect_locale(norm, prior=prior)
        matched = None
        if decision.verb is not None:
            entry = decision.verb.entry
            if entry.languages and language == UNDETERMINED:
                # No word but the phrase says which language: the one the user wrote in
                # before, else the phrase's table ("exportieren" is German; "export" typed
                # by a German writer is still German). A word of one other language only
                # ("crédits" after Spanish) is answered in that language.
                language = prior or entry.languages[0]
                if (prior and "en" not in entry.languages
                        and entry.language_for(prior).split("-")[0] != prior.split("-")[0]):
                    language = entry.languages[0]
            # The named tuples of the result are made as ``_make`` makes them (tuple.__new__,
            # in C), not through their generated ``__new__`` (a Python call with every field);
            # ``language_for`` is called only when the language is not one of the entry's own.
            matched = tuple.__new__(Match, (entry.phrase, language if language in entry.languages
                                            else entry.language_for(language),
                                            entry.action if entry.action else "edit",
                                            decision.typed
                                            or shown[decision.verb.start:decision.verb.end],
                                            decision.score if decision.reason == "typo" else 1.0))
        if files:
            return self._with_files(decision, matched, language, files, body, hits=hits)
        return tuple.__new__(Route, (decision.action, decision.score, decision.reason,
                                     _detail(decision, matched), language, matched,
                                     decision.then, (), decision.candidates))

    def _project_first(self, body: str, decision: _Decision, hits: list[Hit]) -> _Decision:
        """The file asked for in a clause joined on after one that asks to see the project
        ("Zeig mir mal die Tonspuren und exportier es danach", "给我看一下最终的时间线，然后
        把文件发我", "how many scenes are in it now? then send me the mp4"): both are asked,
        the project first. What comes before the file's clause is routed on its own, as if it
        were sent alone, so that whatever reads a request for the project there (the tables,
        the learned model) reads it here too. It must end at a connector ("then", "und",
        "然后", "それから") or a question mark right before the file's clause, name something
        of the project or the balance, and judge nothing (``_verdict_in``: "the timeline is
        fine and then export it" asks for the file alone). Most requests for the file have
        no such clause before them, and routing one again costs a second route; a route made
        here makes no such second route of its own (``_NESTED``: "…, und exportier …" typed
        three hundred times is no recursion). A question whether it is done before the
        request is its condition ("다 됐어? 됐으면 줘", "render finished? send it"): the file
        alone is asked, unless ``_done_asked_first`` read both."""
        verb = decision.verb
        if decision.reason == "ambiguous":
            # The balance or the project too close to call beside the file (``_break_tie``):
            # the file's verb is the last export phrase.
            at = max((start for start, _, entry in hits if entry.action == "export"),
                     default=-1)
        elif decision.action != "export" or decision.then is not None or verb is None \
                or decision.reason not in ("phrase", "frame"):
            return decision
        else:
            at = verb.start
        if at < 4 or _NESTED.get():
            return decision
        cut = -1
        wanted = self._project_bits
        named = framed = False
        for start, end, entry in hits:
            if end > at:
                break
            if entry.cues & _CONNECTOR and at - end <= _JOINED_GAP \
                    and not _MARKS.intersection(body[end:at]):
                # Opening the file's clause, a few words before its verb at most: "…, then
                # send me the file", "…，然后把文件发我".
                cut = start
            elif (entry.forms | entry.objects) & wanted:
                framed = named = True
            elif entry.action in ("state", "credits"):
                named = True
        if cut < 0:
            mark = body.rfind("?", 0, at)
            if mark < 0 or body[mark + 1:at].strip(" ,"):
                return decision
            cut = mark + 1
        first = body[:cut].rstrip(" ,")
        if "?" in first:
            # A question before the request: of the project's contents or the balance.
            # Whether what is made is done is ``_done_asked_first``'s ("render finished? send
            # it" asks the file).
            named = framed
        if not named or len(first) < 4 or _verdict_in(first, hits, cut):
            return decision  # "the timeline is fine and then export it": a verdict, no request
        token = _NESTED.set(True)
        try:
            alone = self.route(first)
            if alone.action not in ("state", "credits") or alone.then is not None or (
                    decision.reason == "ambiguous" and not self._both_asked(body, hits, cut,
                                                                             at)):
                return decision  # "Das Guthaben und der Export haben mich überzeugt"
        finally:
            _NESTED.reset(token)
        return decision._replace(action=alone.action, reason="both", then="export",
                                 score=1.0, candidates=((alone.action, 1.0), ("export", 1.0)))

    def _both_asked(self, body: str, hits: list[Hit], cut: int, at: int) -> bool:
        """Where ``_both`` found two actions too close to call (``_project_first``), whether
        the clause before ``cut`` asks in words (a request word or a way of asking: "Schau
        kurz, ob mein Guthaben reicht, und dann exportier …", "先告诉我还剩多少积分，然后…")
        and the file's clause (from ``cut``, its verb at ``at``), read alone, asks for the
        file; with no other day told of before it ("昨日はタイムラインを見せて、そのあと書き出し
        てくれたよ") and no judgement ("check if the credits look good and then export it").
        A thing named alone is no request there ("Das Guthaben und der Export haben mich
        überzeugt")."""
        asks = False
        for start, _, entry in hits:
            if start >= cut:
                break
            if entry.cues & _NOT_BOTH:
                return False
            if entry.cues & _REQUEST or entry.forms:
                asks = True
        if not asks:
            return False
        mark = _SENTENCE_END.p.search(body, at)
        second = self.route(body[cut:mark.end() if mark else len(body)])
        return second.action == "export" and second.then is None

    def _scan(self, body: str, after: str | None) -> tuple[str, list[Hit], str]:
        """The message's text as the rules read it, the table phrases in it, and the text as
        typed (for showing what matched). After a reply, a short message with a letter held
        ("simmm", "yesss", "ouiii") is read as the word. A space between Chinese or Japanese
        characters is a pause (``wide_pauses``), except right after a cue that holds
        something back ("不要 导出": the negation reaches on). A full stop inside a number or
        before an extension ends no sentence (``_no_inner_points``)."""
        if after is not None and len(body) <= _HELD_MAX and _HELD.p.search(body) is not None \
                and _HELD_ONLY.p.search(body) is None:
            body = _HELD.p.sub(r"\1", body)
        paused = wide_pauses(body)
        hits = scan_entries(paused, self._entries, self._trie)
        if paused != body:
            paused, hits = _held_pauses(body, paused, hits)
        if "." in paused:
            hits = _no_inner_points(paused, hits)
        if KANA.search(paused):  # Japanese is typed
            hits = _no_chinese_in_kanji(paused, hits)
        elif "不" in paused or "没" in paused or "沒" in paused:
            hits = self._not_as_asking(paused, hits)
        return paused, hits, body

    def _nothing_attached(self, body: str, hits: list[Hit], after: str | None,
                          decision: _Decision, *, quoted: bool) -> _Decision:
        """The last looks at a message sent with no file: a request declined
        (``_declined``), a sending asked about (``_sending_asked``), a dead link of the file
        asked for again (``_link_renewed``)."""
        if decision.action == "chat" and not decision.then and not quoted \
                and ((renewed := _link_renewed(body, hits)) is not None
                     or (renewed := _file_lost(body, hits)) is not None):
            return _Decision("export", 1.0, "frame", renewed, request=decision.request)
        if not quoted and decision.reason in ("negated", "no-match"):
            decision = self._declined(body, hits, after, decision)
        if decision.action == "upload":
            decision = self._sending_asked(body, hits, decision)
        return decision

    def _sending_asked(self, body: str, hits: list[Hit], decision: _Decision) -> _Decision:
        """An upload with nothing attached whose sending is asked about ("影片可以放我們自己拍的
        素材嗎", "se eu quiser mandar meus próprios vídeos depois, pode?") is a question of
        what the product takes, for the chat; not where the message asks nothing (no question
        mark or cue), or a word of sending follows its last question ("보내드려도 될까요?
        지금 올릴게요": asked, then done)."""
        last = max([body.rfind("?"), *(end for _, end, entry in hits
                                       if entry.cues & _QUESTION)])
        upload = self._action_bits.get("upload", 0)
        if last < 0 or any(start >= last and (entry.action == "upload" or entry.forms & upload)
                           for start, _, entry in hits):
            return decision
        return _Decision("chat", decision.score, "about", decision.verb,
                         request=decision.request)

    def _not_as_asking(self, body: str, hits: list[Hit]) -> list[Hit]:
        """``hits`` with each Chinese "不"/"没" that asks (``_not_asks``: "能渲染成竖屏不") read
        as the question particle "吗" is, by every rule."""
        out = hits
        for k, (start, end, entry) in enumerate(hits):
            if _not_asks(body, start, end, entry):
                if self._particle is None:
                    self._particle = scan_entries("吗", self._entries, self._trie)[0][2]
                if out is hits:
                    out = list(hits)
                out[k] = (start, end, self._particle)
        return out

    def destination(self, text: str) -> str | None:
        """The local path ``text`` names as where the video is to go ("render it to
        ./dist/promo.mp4", "存到 ./out/final.mp4"), as written, or None. ``route`` does not
        send such a path as the user's file."""
        return find_destination(text, self.tables.destinations)

    # -- decision ---------------------------------------------------------------------------

    def _decide(self, body: str, hits: list[Hit],
                corrections: list[Correction] | None = None, *,
                labels: list[Hit] | None = None) -> _Decision:
        if not hits:
            return _Decision("chat", 0.0, "no-match" if body.strip() else "empty")
        if not (hits := _drop_helpers(body, hits, self._final, self.tables.bare)):
            return _Decision("chat", 0.0, "no-match")
        r = _read(body, sorted(hits + labels, key=_HIT_START) if labels else hits)
        if r.retracted is not None:
            _retract(body, r)
        verbs = r.verbs
        if r.frame_parts:
            verbs = self._frames(r.frame_parts, verbs, r.question_clauses)
        if r.before and any(cue == "no" for _, _, cue in r.before) \
                and detect_locale(body) == "pt":
            # Portuguese "no" is "in the" ("manda no email", "no plano free"); right before a
            # verb it is still the "no" that cancels it ("no manda ainda", "no exportes").
            r.before = [b for b in r.before if b[2] != "no" or _verb_after(body, hits, b[0])]
        if r.before or r.after:
            self._negate(verbs, r.before, r.after, r.asides, parts=r.frame_parts, body=body)
            _balance_asked(verbs, r.questions)
        # ``|``, not ``or``: each check marks the verbs it puts off, so all of them run.
        put_off = bool(verbs) and (
            (r.postpone is not None and (self._put_off(body, hits, verbs, r.postpone)
                                         | _sends_later(body, verbs, r.postpone, r.questions)))
            | (_may_plan(body, r.postpone) and _own_plan(body, verbs, r.postpone))
            | _waited_for(body, verbs))
        if r.asks:  # "how many more videos can I make": the edit verb makes nothing
            # unless the question comes after it and a connector ("quita la foto y después
            # me lo mandas terminado": the change, then the finished video).
            verbs = [v for v in verbs if v.entry.action is not None or not any(
                s == v.sentence and not (at > v.end and any(v.end <= c <= at
                                                           for c in r.connectors))
                for s, at in r.asks)]
        if r.scopes:
            verbs = self._apply_scopes(verbs, r.scopes, r.question or "?" in body,
                                       r.verdicts, r.questions, body=body, hits=hits)
        _not_asked(body, hits, verbs, r, self.tables.bare)
        negation = bool(r.before or r.after) or put_off or _balance_supposed(verbs)
        edits: list[_Verb] = []
        acts: list[_Verb] = []
        for verb in verbs:
            if verb.negated_by is None:
                action = verb.entry.action
                (acts if action is not None and action != "chat" else edits).append(verb)
        acts = _acts_first(body, self._acts_read_again(body, hits, acts, r))
        edits, acts = _edits_beside(body, edits, acts, r)
        if edits and _done_first(body, edits) and not any(
                v.entry.action in _SIDE_EFFECTS for v in acts):
            verbs = [v for v in verbs if v not in edits]
            edits = []
        edits = _roll_set_aside(edits, acts, r, hits)
        if edits:
            return self._edit_decision(body, hits, r, edits, acts, negation=negation)
        if acts:
            return self._acted(body, hits, acts, r, corrections)
        if verbs:
            if (carried := _balance_asked_now(body, verbs, r)) is not None:
                return _Decision("credits", 1.0, "frame", carried, request=r.request)
            reason = "about" if verbs[0].about else "negated"
            return _Decision("chat", 1.0, reason, verbs[0], request=r.request, negation=True)
        # A frame that asks only in a question ("done", "ready") gives the learned fallback
        # no licence to read a request either ("what's the timeline for getting this done").
        hints = _frame_bits(r.frame_parts) & ~self.tables.asked
        # (Text to show, after a label and its colon, is content too: "표지 문구: 진행 상황".)
        asked = r.question or "?" in body
        said = not body.isascii() and _WIDE_COPULA.p.search(body) is not None
        scoped = bool(r.content) or (bool(r.scopes) and any(
            s.about or s.howto or s.price or s.platform or s.content
            # A format beside the finished file asks for it in that format ("la versión final
            # en 4K porfa", "幫我算成品，1080p就好"), but not in a question, nor beside a
            # copula: what is said of the file ("最終版は1080pです", "成品是720p的").
            or (s.spec and (asked or said))
            or (s.device and asked)
            # A balance in a story of the past ("上个月扣了我两次钱"): nothing for the learned
            # fallback to fill in, in a message that asks nothing.
            or (s.past and not r.question and "?" not in body)
            or (s.catalogue and hints and not _frame_bits(r.frame_parts, forms=False))
            for c, s in r.scopes.items()
            # A verdict speaks of its own clause, and of a thing named alone in the clause
            # before it ("完成した動画、最高です", "o vídeo final, ficou lindo": praise of it).
            if (c not in r.verdicts or any(c - 1 <= p[4] <= c for p in r.frame_parts))
            # What a sentence says of itself does not reach a thing asked for in another
            # ("遅い。完成版を出して": a complaint, then the request).
            and _in_sentences(r, c) and not _asked_now_after(body, r, c)))
        if hints and negation and not scoped:
            negation = _negated_beside_frames(
                hits, r, r.asides if hints & self._action_bits.get("upload", 0) else None)
        if hints and not negation and not scoped:
            bare = self._bare_object(body, hits, r.frame_parts)
            if bare is None and hints & self.tables.bare:
                bare = self._bare_form(body, hits, r.frame_parts)
            if bare is not None and _wanted(body, bare, r) \
                    and not _sent_later(body, bare, r.postpone):
                decision = _Decision(str(bare.entry.action), 1.0, "frame", bare,
                                     request=r.request)
                # "le rendu avance ?": the render named alone, asked how far it has got.
                return decision if decision.action != "export" else \
                    _render_progress(body, hits, decision, r.connectors)
            # Nor may the learned model read it as a request, or a statement about the
            # thing it names ("o arquivo está corrompido").
            negation = bare is not None or self._stated(hits, r.frame_parts, body)
        if (implied := _balance_implied(body, hits)) is not None:
            return _Decision("credits", 1.0, "frame", implied, request=r.request)
        return _Decision("chat", 0.0, "no-match" if body.strip() else "empty",
                         request=r.request, negation=negation or scoped, hints=hints)

    def _edit_decision(self, body: str, hits: list[Hit], r: _Reading, edits: list[_Verb],
                       acts: list[_Verb], *, negation: bool) -> _Decision:
        """A message with an edit verb (or a chat phrase) left standing: an instruction for
        the chat, with the actions beside it as its follow-up or for the model to weigh."""
        first, last = edits[0], edits[-1]
        then = self._follow_up(body, hits, r, last.end, acts)
        # A change and the file for a time to come, if something happens first ("要是明天
        # 半决赛赢了 我再让你加捧杯镜头然后一起渲染", "내일 4강 이기면 트로피 장면 넣고 그때
        # 렌더링하자"): a plan for then, not the file after this change.
        later = bool(r.postpone) and _conditioned_later(body)
        if later:
            then = None
        # A change supposed in a question asks for nothing after it either ("si je modifie un
        # truc après l'export, faudra refaire le rendu ?").
        supposed = bool(acts) and last.sentence in r.questions and _supposed(body, last.start)
        if supposed:
            then = None
        reason = "chat-phrase" if first.entry.action == "chat" else "edit"
        # The actions the edit verb outvoted (none when they are its follow-up): the
        # learned model may arbitrate (``_arbitrate``).
        beside: tuple[tuple[str, float], ...] = ()
        hints = 0
        if reason == "edit" and then is None and acts and not supposed:
            kinds = {str(v.entry.action) for v in acts}
            if len(kinds) == 1:
                beside = ((kinds.pop(), 1.0),)
        elif reason == "edit" and then is None and not negation:
            # No action beside the verb, but words of an action's frames ("编集状況を
            # 見せて": the verb is a noun here); the learned model may arbitrate. A Latin
            # "which" or "what" is no such word ("qué porcentaje de opacidad le pongo al
            # logo?"); a Chinese one asks which were done ("刚才都改了哪些").
            hints = _frame_bits([part for part in r.frame_parts
                                 if not part[2].cues & _WHICH or _cjk_word(part[2])]) \
                & ~self.tables.asked
        pending = "export" if (reason == "edit" and then is None and acts and not negation
                               and not supposed and not later
                               and self._after_pause(body, hits, last.end, acts)) else None
        return _Decision("chat", 1.0, reason, first, then, beside, request=r.request,
                         negation=negation, hints=hints, pending=pending)

    @staticmethod
    def _apply_scopes(verbs: list[_Verb], scopes: Mapping[int, _Scope], question: bool,
                      verdicts: AbstractSet[int] = frozenset(),
                      questions: AbstractSet[int] = frozenset(), *, body: str = "",
                      hits: list[Hit] | None = None) -> list[_Verb]:
        """Cancel the verbs a clause's cues say are not requests: a question about an export
        or upload ("how long does the export take?"), how to do something ("how do I see my
        credits?"), an upload to another platform ("upload it to YouTube"), a question about
        formats ("can I export in 4K?"), a question about what something costs ("does
        uploading use up credits?"), a video's subject ("a video explaining how to check
        your balance")."""
        kept = []
        for verb in verbs:
            scope = scopes.get(verb.clause)
            if verb.object_clause != verb.clause and verb.object_clause in scopes:
                # A frame across a pause ("文件我已经下好了，现在做个新的") is read with the
                # cues of both its clauses: the object's clause says what is said of it.
                scope = _merged(scope, scopes[verb.object_clause])
            if verb.negated_by is None and verb.entry.action == "credits" \
                    and (price := _price_of_counted(body, verb, scopes)) is not None:
                # "Was kostet's eigentlich, 500 Credits nachzukaufen?", "c'est combien le pack
                # de 200 crédits ?": credits counted out are what a price is asked of, in
                # their clause or the one beside it.
                verb.negated_by, verb.about = price, True
            if scope is None or verb.negated_by is not None:
                kept.append(verb)
                continue
            action = verb.entry.action
            if action is None:  # an edit verb
                if scope.howto or scope.platform:  # "je le mets sur Insta" edits nothing
                    verb.negated_by, verb.about = scope.howto or scope.platform, True
            elif action != "chat":
                cue = scope.howto or scope.price or scope.content
                if cue is not None and cue == scope.content and action == "credits" \
                        and any(word in cue for word in _grammar().subject_video) \
                        and body.find(cue, verb.end) >= 0 \
                        and body.find(cue, 0, verb.start) < 0:
                    # The subject of the video the credits are for, after them ("do I have
                    # enough credits for a video about insulin pens?"), asks of the balance
                    # still; one before them is what a video shows ("a video explaining how
                    # to check your balance").
                    cue = None
                if cue is None and action in _SIDE_EFFECTS:
                    cue = scope.about
                if cue is None and action == "upload":
                    cue = scope.platform
                if cue is None and action in _SIDE_EFFECTS and (
                        (question and (verb.sentence in questions or not questions))
                        or verb.generic) \
                        and not verb.entry.cues & _OPENS \
                        and not _asked_once_more(body, hits or [], verb) and not (
                            verb.frame and (verb.generic or verb.form_in_place) and question
                            and scope.device is None):
                    # "can I export in 4K?", "can I upload vertical videos?", "I need the
                    # video in vertical format"; a hand-over to the speaker with its format
                    # ("can you send me the video in 1080p?") still asks for the file, and so
                    # does any hand-over of the video asked for in a question ("kannst du mir
                    # das Video in 1080p geben?", "1080p로 영상 받을 수 있어요?"): only a
                    # hand-over form makes the video an object. Not beside a device of the
                    # user's ("我手机里有个mov能传吗？" asks whether it can be sent).
                    cue = scope.spec
                if cue is None and action in _SIDE_EFFECTS and question:
                    cue = scope.which  # "what codecs can you export in?"
                if cue is None and action == "state" and question:
                    cue = scope.device  # "can I see the timeline on my phone?"
                if cue is None and action == "credits" and not question \
                        and verb.sentence not in questions and not _checked(body, verb) \
                        and not (scope.past == "hier" and detect_locale(body) == "de") \
                        and not _before_not_past(body, scope.past, verb):
                    # "my credits ran out last month so I upgraded" tells what happened; a
                    # question keeps asking ("did last month's video eat my credits?"), and
                    # so does a request to check ("어제 충전한 거 들어왔는지 잔액 확인 좀"). French
                    # "hier" (yesterday) is German "here" ("check mal meinen Kontostand hier").
                    cue = scope.past
                if cue is None and action == "state" and not question \
                        and verb.clause in verdicts:
                    # A verdict ending the clause of a progress word praises the progress
                    # ("el progreso está genial", "目前的进度很不错"), in a message that asks
                    # nothing; "进度怎么样？" and "very nice, what's on the timeline?" still ask.
                    cue = scope.about
                if cue is not None:
                    verb.negated_by, verb.about = cue, True
            kept.append(verb)
        return kept

    def _frames(self, parts: list[tuple[int, int, Entry, int, int]], verbs: list[_Verb],
                asking: AbstractSet[int] = frozenset()) -> list[_Verb]:
        """Add a verb for each request form + object of one frame in one sentence ("show me"
        + "the timeline"), the closest pair per action; edit verbs that are the form itself
        belong to it. A frame marked ``asked`` counts only when the clause of its form or of
        its object asks (``asking``: "is the subtitled version ready?"; not "the subtitled
        version is ready, could you send it?")."""
        forms: list[tuple[int, int, Entry, int, int]] = []
        objects: list[tuple[int, int, Entry, int, int]] = []
        for part in parts:  # one pass, not two comprehensions: this runs for most messages
            entry = part[2]
            if entry.forms:
                forms.append(part)
            if entry.objects:
                objects.append(part)
        if not forms or not objects:
            return verbs
        window = self._settings.frame_window
        # A form right after an edit verb is that verb's auxiliary, not a request of its own:
        # "만들어 줘" (make it for me), "作ってください".
        edit_ends = {v.end for v in verbs if v.entry.action is None} if verbs else _NO_ENDS
        best: dict[str, tuple[int, int, Entry, Entry, int, int, int, int, int]] = {}
        bit_action = self._bit_action
        asked = self.tables.asked
        for fs, fe, form, fsent, fclause in forms:
            if (fs in edit_ends or fs - 1 in edit_ends) and _wide_forms(form.phrase):
                continue
            for os_, oe, obj, osent, oclause in objects:
                common = form.forms & obj.objects
                if common & asked and fclause not in asking and oclause not in asking:
                    common &= ~asked
                if not common or osent != fsent or (os_, oe) == (fs, fe):
                    continue
                if os_ - fe > window or fs - oe > window:
                    continue
                start = fs if fs < os_ else os_
                end = fe if fe > oe else oe
                while common:  # each frame the pair makes, lowest bit (file order) first
                    bit = common & -common
                    common ^= bit
                    action = bit_action[bit]
                    held = best.get(action)
                    if held is None or end - start < held[1] - held[0]:
                        best[action] = (start, end, form, obj, fsent, fclause, bit, oclause, fs)
        found: list[_Verb] = []
        for action, (start, end, form, obj, sent, clause, bit, oclause, form_start) \
                in best.items():
            shared = obj.languages if obj.languages == form.languages else \
                tuple([lang for lang in obj.languages if lang in form.languages])
            entry = Entry(f"{form.phrase} … {obj.phrase}", action, 0, 0, 0,
                          shared or form.languages or obj.languages, "frame")
            verb = _Verb(start, end, entry, clause, sent, frame=True,
                         generic=not bit & self.tables.alone)
            verb.object_clause = oclause
            verb.form_in_place = start == form_start or _verb_last(entry)
            found.append(verb)
        if not found:
            return verbs
        if not verbs:  # the frames alone (the usual case): nothing to drop or merge
            return found if len(found) == 1 else sorted(found, key=_START)
        # An edit verb that is itself the form ("generate" + "the mp4") belongs to the frame;
        # one that joins the clauses ("直してから" + "mp4送って") does not.
        starts = {f.start for f in found} | {f.end for f in found}
        kept = [v for v in verbs if not (v.entry.action is None and (
            v.start in starts or v.end in starts) and not v.entry.cues & _CONNECTOR)]
        return sorted(kept + found, key=_START)

    def _bare_object(self, body: str, hits: list[Hit],
                     parts: list[tuple[int, int, Entry, int, int]]) -> _Verb | None:
        """A short message, or a short last clause, that names only the thing it wants ("the
        final mp4?", "timeline pls", "ok, das Video bitte") asks for it."""
        chosen = self._object_alone(hits, parts)
        if chosen is None or _said_of(body, hits, chosen) is not None:
            return None
        if chosen.entry.action == "state" and _asked_what(body, hits, chosen):
            return None  # "was sind Ebenen überhaupt?": what the word means (``_defined``)
        if self._praised(body, hits, chosen):
            return None
        if chosen.entry.action == "state" and body[chosen.end:].lstrip(" はも").casefold() \
                .startswith(self.tables.grammar.approvals):
            # The project approved ("timeline ok", "タイムラインOKです", "타임라인 괜찮네요"):
            # said of it, asked of no one. (Of the file, "mp4 ok" accepts it.)
            return None
        # The words of the object's clause that no table knows must be few.
        unknown = self._unknown_in_clause(body, hits, chosen.start, chosen.end)
        return chosen if unknown <= self._settings.bare_object_words else None

    def _praised(self, body: str, hits: list[Hit], chosen: _Verb) -> bool:
        """Whether the project named alone (``chosen``) is what praise in the message is of
        ("que lindo, gostei muito da ordem das cenas"): not where anything asks for it, a
        question ("好看！时间线呢？") or a request word ("love it! timeline please")."""
        if chosen.entry.action != "state" or "?" in body:
            return False
        praise = self.tables.grammar.praise
        spans: list[tuple[int, int]] = []
        found = praise.find(body)
        while found is not None:
            spans.append(found)
            found = praise.find(body, found[1])
        # (A way of asking inside the praise is part of it: "que lindo".)
        return bool(spans) and not any(
            (entry.cues & _REQUEST or entry.forms)
            and not any(lo <= start and end <= hi for lo, hi in spans)
            for start, end, entry in hits)

    def _stated(self, hits: list[Hit], parts: list[tuple[int, int, Entry, int, int]],
                body: str) -> bool:
        """Whether the finished video a message names alone is what a statement is about ("o
        arquivo está corrompido", "…, você pode ver?"), or the project one that praises it:
        the learned model may not read it as asking for it. A question of it asks ("o arquivo
        final está pronto?"), unless it asks what the file holds ("le fichier final contient
        la musique ?", grammar.yaml's ``contains``)."""
        chosen = self._object_alone(hits, parts)
        if chosen is not None and self._praised(body, hits, chosen):
            return True  # the project praised ("qué bonito quedó el orden de las escenas")
        if chosen is None or chosen.entry.action != "export":
            return False
        upload = self._action_bits.get("upload", 0)
        if any(part[2].forms & upload for part in parts):
            # The file the user is sending is what is said to be big or late ("我把我们的婚礼
            # 视频传给你 文件有点大 等下哈"): not the finished video.
            return False
        said = _said_of(body, hits, chosen)
        return said is not None and (
            not _asked(body, chosen.end) or said in self.tables.grammar.contains)

    def _object_alone(self, hits: list[Hit], parts: list[tuple[int, int, Entry, int, int]]
                      ) -> _Verb | None:
        """The last object word of one action's frames that may stand alone, as that action's
        verb, unless a request form beside it makes it another language's word or the user's
        own sending of it (see ``_bare_object``)."""
        alone = self.tables.alone
        bit_action = self._bit_action
        last: tuple[int, int, Entry, int, int] | None = None  # the last object that may stand
        actions: set[str] = set()
        for part in parts:
            bits = part[2].objects & alone
            while bits:  # each frame whose object it is
                bit = bits & -bits
                bits ^= bit
                if bit in bit_action:
                    actions.add(bit_action[bit])
                    last = part
        if last is None or len(actions) != 1:
            return None
        start, end, entry, _, clause = last
        (wanted,) = actions
        chosen = _Verb(start, end, Entry(entry.phrase, wanted, 0, 0, 0, entry.languages,
                                         "frame object"), clause, frame=True)
        # A request form of another action and another language in the object's clause means
        # the object word belongs to that language too: "envoie le plan du chien à la fin"
        # moves a shot (French "plan"), it asks nothing about the plan (English).
        langs = entry.languages
        own = self._action_bits.get(wanted, 0)
        upload = self._action_bits.get("upload", 0)
        for _, _, entry, _, clause in parts:
            if entry.forms and clause == chosen.clause and langs and entry.languages and not any(
                    lang in langs for lang in entry.languages) and not entry.forms & own:
                return None
            # The user's own sending of it ("영상 파일 보낼게요", "I'll send the video file"): an
            # upload form in its clause.
            if entry.forms & upload and clause == chosen.clause and not entry.forms & own:
                return None
        return chosen

    def _follow_up(self, body: str, hits: list[Hit], r: _Reading, end: int,
                   acts: list[_Verb]) -> str | None:
        """The action asked for after a change that ends at ``end``: the actions after it
        and a connector, when they agree ("add music, then export"). Without one, a clause
        that only hands it over or names the file asks for the finished video ("corta o
        final e depois me manda", "음악 줄이고 보내줘", "… und dann bitte das mp4"); not one
        that names a thing on offer ("… e me manda ideias de título")."""
        # (Not past a colon: "put a caption at the end: Book direct & download our map!"
        # is what the caption says; "à 2:14 puis exporte" is a time.)
        follow = [v for v in acts
                  if v.start >= end and any(end <= c <= v.start for c in r.connectors)
                  and not _caption_between(body, hits, end, v.start)]
        if follow:
            # Only the file follows a change ("add music, then export"); a question after
            # one ("…したら、今の中身を見せてもらえますか？") is arbitrated as any other action.
            action = follow[0].entry.action
            return action if action == "export" and all(
                v.entry.action == action for v in follow) else None
        later = [p for p in r.frame_parts
                 if p[0] >= end and any(end <= c <= p[0] for c in r.connectors)]
        # A clause that says something of it cancels the hand-over; a word only of progress
        # does not ("y después me lo das terminado", "… dann hätte ich es gern fertig").
        if not later or any(p[4] in r.scopes and _holds(r.scopes[p[4]]) for p in later):
            return None
        bare = self._bare_form(body, hits, later) or self._bare_object(body, hits, later)
        return "export" if bare is not None and bare.entry.action == "export" else None

    def _after_pause(self, body: str, hits: list[Hit], end: int, acts: list[_Verb]) -> bool:
        """A request for the file in a clause of its own after a change that ends at ``end``,
        with no connector ("cut the last three seconds, send me the mp4", "最后三秒剪掉
        发我mp4"): the change is made first, as with one. Only a clause that is little more
        than the request ("make the title bigger, the export looked fine" says something of
        an export), and no colon between ("加个字幕：点击下载" is what the caption says). The
        edit verb may be a verdict ("the reel looks wonderful. Could I receive the final
        version?"): the learned model arbitrates first (``Router.route``)."""
        after = [v for v in acts if v.start >= end]
        return bool(after) and all(v.entry.action == "export" for v in after) \
            and _pause_between(body, hits, end, after[0].start) and all(
                self._unknown_in_clause(body, hits, v.start, v.end) <= 1.5 for v in after)

    def _then_hand_over(self, body: str, hits: list[Hit], acts: list[_Verb], r: _Reading
                        ) -> _Decision | None:
        """A question whether it is done, then a sentence that only hands it over ("is it
        ready? send it", "c'est prêt ? envoie-le", "できた？送って"): the question is the
        condition, the hand-over the request (the finished video). After it, a generic "give
        me" needs no object either ("好了沒？給我", "もうできた？ちょうだい"): the thing asked
        about is what it gives."""
        for v in acts:
            if v.entry.action != "state" or v.sentence not in r.questions:
                return None
        last = max(v.sentence for v in acts)
        later = [p for p in r.frame_parts if p[3] > last]
        # (Not in a question of its own: "já terminou de gerar?" asks again.)
        forms = self.tables.bare if any(p[3] in r.questions for p in later) else \
            self.tables.bare | self.tables.after_question
        if not later or not any(p[2].forms & forms for p in later):
            return None
        bare = self._bare_form(body, hits, later, forms)
        if bare is None:
            return None
        if not any(p[2].forms & self.tables.bare for p in later) \
                and self._unknown_in_clause(body, hits, bare.start, bare.end):
            return None  # a generic "give me" says nothing else: "is it ready? get it together"
        return _Decision(str(bare.entry.action), 1.0, "frame", bare, request=r.request)

    def _progress_of(self, decision: _Decision,
                     parts: list[tuple[int, int, Entry, int, int]]) -> _Decision:
        """"Where is it at" said of the balance ("Mon forfait, il en est où ?", "on en est où
        du forfait ?"): a progress phrase whose sentence names only a thing of the credits
        asks for the credits."""
        verb = decision.verb
        if decision.reason != "phrase" or decision.action != "state" or not parts \
                or verb is None:
            return decision
        credits = self._action_bits.get("credits", 0)
        state = self._action_bits.get("state", 0)
        found: _Verb | None = None
        for start, end, entry, sentence, clause in parts:
            if sentence != verb.sentence or not entry.objects:
                continue
            if entry.objects & state:
                return decision  # "où en est le projet" names the project
            if entry.objects & credits:
                found = _Verb(start, end, Entry(entry.phrase, "credits", 0, 0, 0,
                                                entry.languages, "frame object"), clause,
                              sentence, frame=True)
        if found is None:
            return decision
        return _Decision("credits", 1.0, "frame", found, request=decision.request)

    def _bare_form(self, body: str, hits: list[Hit],
                   parts: list[tuple[int, int, Entry, int, int]], forms: int | None = None
                   ) -> _Verb | None:
        """A clause that is only a way of handing something over ("c'est dans la boîte,
        envoie", "送ってもらえる？", "보내줄래?", "me envia?"): what is handed over goes without
        saying, the finished video. Only forms that say "send it to me" are bare forms
        (``bare: true`` in frames.yaml); a generic "give me" (ください, 줘, dame) needs its
        object. Every frame word of the message must be of that action, and the form's
        clause must hold almost nothing else no table knows ("发我几个标题" asks for titles).
        ``forms``: the frames whose forms may stand bare (default: those of ``bare: true``)."""
        chosen: _Verb | None = None
        action = ""
        bare = self.tables.bare if forms is None else forms
        for start, end, entry, _, clause in parts:
            if entry.forms & bare:
                for bit, frame_action in self.tables.frames:
                    if entry.forms & bit & bare:
                        action = frame_action
                chosen = _Verb(start, end, Entry(entry.phrase, action, 0, 0, 0,
                                                 entry.languages, "frame form"), clause,
                               frame=True)
                break
        if chosen is None:
            return None
        # Another action's thing blocks it ("send it to the timeline"); a word that is only a
        # way of asking or a time word of another action ("ya", "já") counts as a word no
        # table knows: "¿ya me lo puedo llevar?" hands it over, "发我几个标题" asks for titles.
        own = self._action_bits.get(action, 0)
        blocking = ~own & (self.tables.alone | self._action_bits.get("upload", 0))
        unknown = self._unknown_in_clause(body, hits, chosen.start, chosen.end)
        for start, end, entry, _, clause in parts:
            if entry.objects & blocking:
                return None
            if (entry.forms | entry.objects) & ~own and clause == chosen.clause:
                unknown += sum(1 if t.isascii() or len(t) > 1 else 0.34
                               for t in TOKEN.findall(body, start, end) if t[0].isalnum())
        return chosen if unknown <= self._settings.bare_form_words else None

    def _put_off(self, body: str, hits: list[Hit], verbs: list[_Verb],
                 postpone: list[tuple[int, int, int, str]]) -> bool:
        """A clause that only puts something off ("export it, but not now", "mándamelo, pero
        más tarde", "送って、でも今じゃなくて") puts off the actions of the clause before it, or,
        opening the message, of the clause after it ("明日、写真を送ります", "tomorrow, I'll
        send my photos"): negation is read clause by clause, and this one has no verb of its
        own to negate. A clause that says more ("send it, tomorrow I'll post it") is not only a
        put-off. Whether anything was put off."""
        done = False
        topic = _grammar().topic
        for start, end, clause, cue in postpone:
            if any(clause in (v.clause, v.object_clause) for v in verbs):
                # The clause's own verb: ``negate_after`` reads it, and a topic particle
                # between them puts it off ("ダウンロードは明日…やります").
                for verb in verbs:
                    between = body[verb.end:start].strip()
                    if verb.clause == clause and verb.negated_by is None \
                            and (between in topic or (verb.entry.action in _LOOKS
                                                      and _topic_then_doer(between, topic))) \
                            and verb.entry.action not in (None, "chat") \
                            and not _asked_by_then(body, hits, end):
                        verb.negated_by = cue
                        done = True
                continue
            if _words_beside(body, hits, start, end) > 1.2 \
                    or body.startswith(_grammar().purpose_after, end):
                # A clause that says what happens then ("幫我匯出最終版 明天要報告": the
                # file is needed tomorrow) puts nothing off.
                continue
            before = [v for v in verbs if v.clause < clause]
            if before:
                last = max(v.clause for v in before)
                if last < clause - 2:  # at most a connector's clause between ("…, | not now")
                    continue
            elif clause == 0 and min(v.clause for v in verbs) <= 2 and any(
                    s >= end and not body[end:s].strip() and e.cues & _PAUSE
                    for s, _, e in hits):
                # The put-off opens the message and a pause ends it ("明日、写真を送ります",
                # "tomorrow, send it", as "send it tomorrow"; not "明日再エクスポートしてください",
                # where no pause makes it a clause of its own): the next clause's.
                before = verbs
                last = min(v.clause for v in verbs)
            else:
                continue
            for verb in before:
                # (Not across the question mark that ends the verb's own question: "クレジット
                # あといくつ残ってますか？来週から稲刈りで…" asks now, then says why.)
                if verb.clause == last and verb.negated_by is None \
                        and verb.entry.action not in (None, "chat") \
                        and not ("?" in body[verb.end:start]
                                 and _grammar().says_why.search(body, end)):
                    verb.negated_by = cue
                    done = True
        return done

    def _unknown_in_clause(self, body: str, hits: list[Hit], at: int, to: int) -> float:
        """How many words of the clause that holds ``body[at:to]`` no table knows (a CJK
        character a third)."""
        return self._unknown_words(body, hits, *_clause_bounds(body, hits, at, to))

    def _negate(self, verbs: list[_Verb], before: Sequence[tuple[int, int, str]],
                after: Sequence[tuple[int, int, str]], asides: AbstractSet[str], *,
                parts: Sequence[tuple[int, int, Entry, int, int]] = (), body: str = "") -> None:
        """Mark each verb a negation cue reaches. An ``aside`` cue (a moment's wait,
        "myself") does not negate the user's own sending: "제가 찍은 영상 지금 보낼게요
        잠깐만요", "我现在把我自己的照片发给你" announce the files. It is left out here, not
        lifted afterwards, so that another cue ("내일", "不") still negates the verb.

        A cue after the verb's object, when the object follows the verb at once and the cue
        ends its clause, is said of the verb too (``_ends_after_object``: "export the final
        cut later", "vai baixar o arquivo amanhã"): the window is for the words between, not
        for the thing named."""
        reach_before = self._settings.negate_before_window
        reach_after = self._settings.negate_after_window
        for end, clause, cue in before:
            for verb in verbs:
                if cue in asides and verb.entry.action == "upload":
                    continue
                # Inside a frame's span counts too: "사진은 이따 보낼게" (the photos later).
                if verb.frame:  # anywhere in its span: "mp4 先不用，我要先上字幕"
                    if verb.start - reach_before <= end <= verb.end and (
                            verb.clause == clause or end > verb.start):
                        verb.negated_by = verb.negated_by or cue
                elif verb.clause == clause and 0 <= verb.start - end <= reach_before:
                    verb.negated_by = verb.negated_by or cue
        for start, clause, cue in after:
            nearest = None
            for verb in verbs:
                if verb.clause == clause and (0 <= start - verb.end <= reach_after or (
                        parts and _ends_after_object(body, verb, parts, start, cue=cue,
                                                     alone=self.tables.alone))):
                    nearest = verb
            if nearest is not None and not (cue in asides and nearest.entry.action == "upload"):
                nearest.negated_by = nearest.negated_by or cue

    def _acted(self, body: str, hits: list[Hit], acts: list[_Verb], r: _Reading,
               corrections: list[Correction] | None) -> _Decision:
        """The decision when the message asks for actions (``acts``) and edits nothing."""
        exports = all(v.entry.action == "export" for v in acts)
        if exports and r.connectors and r.frame_parts:
            acts = self._progress_first(body, acts, r) + acts
        if exports and len(acts) > 1 and acts[0].entry.action == "export":
            acts = _render_asked_first(body, acts, r)
        elif len(acts) > 1:
            acts = _render_named(body, acts, r.connectors)
        decision = self._rank(acts, corrections, r.request, r.questions,
                              _person_sentences(r), requested=r.requested,
                              connectors=r.connectors, body=body, hits=hits)
        if decision.action == "export":
            return _render_progress(body, hits, decision, r.connectors,
                                    formed=decision.verb is not None and decision.verb.frame)
        if decision.then == "export" and not decision.request:
            # "how many credits do I have left? where's the render at?": the second asks
            # how far the render has got.
            last = max((v for v in acts if v.entry.action == "export"), key=_START)
            if _how_far_render(body, last, r.connectors, last.frame) is not None:
                # Asked after the project's status itself ("Status vom Projekt? Wie viel %
                # vom Render sind durch?"), it is the same question.
                decision = decision._replace(
                    then=None if decision.action == "state" else "state")
        elif decision.action == "credits" and decision.then is None \
                and decision.verb is not None and r.frame_parts \
                and _render_asked_after(body, decision.verb, r):
            # "combien de crédits il me reste ? et le rendu avance ?": the render named alone
            # after the balance, asked how far it has got, is the project's progress.
            decision = decision._replace(then="state")
        return decision if decision.action != "state" else \
            self._then_hand_over(body, hits, acts, r) or \
            self._progress_of(decision, r.frame_parts)

    def _acts_read_again(self, body: str, hits: list[Hit], acts: list[_Verb], r: _Reading
                         ) -> list[_Verb]:
        """``acts`` less an upload that is where the user puts the file next
        (``_own_posting``), and with the file named alone after them and a connector
        (``_file_after``)."""
        if not acts:
            return acts
        if len(acts) > 1:
            acts = _own_posting(body, hits, acts)
        if r.connectors and r.frame_parts and all(v.entry.action != "export" for v in acts):
            named = self._file_after(body, hits, acts, r)
            if named is not None:
                acts = [*acts, named]
        elif r.connectors and r.frame_parts and len(acts) == 1:
            named = self._thing_before(body, hits, acts[0], r)
            if named is not None:
                acts = [named, *acts]
        return acts

    def _thing_before(self, body: str, hits: list[Hit], act: _Verb, r: _Reading
                      ) -> _Verb | None:
        """The project or the balance named alone and asked for with a way of asking in its
        own clause, before the file's request and a connector ("muéstrame qué hay en cada
        pista y después mándame el mp4", "各トラックに何が乗ってるか見せて、そのあとmp4送って"):
        a request of its own before the file's, or None. (``_object_alone`` reads one action's
        things alone; the file's request beside them hides them.)"""
        if act.entry.action != "export" or not act.frame:
            return None
        at = max((c for c in r.connectors if c < act.start), default=-1)
        if at < 0:
            return None
        before = [p for p in r.frame_parts if p[1] <= at]
        chosen = self._object_alone(hits, before)
        if chosen is None or chosen.entry.action not in ("state", "credits"):
            return None
        own = self._action_bits.get(str(chosen.entry.action), 0)
        # Its way of asking stands in its clause, and is one of its own action's.
        # (Not one that asks only in a question, "le montage est enfin terminé." says it; in
        # Latin script a request word, not "que": "je crois que le montage…".)
        if not any(p[4] == chosen.clause and p[2].forms & own & ~self.tables.asked
                   and p[0] != chosen.start
                   and (p[2].cues & _REQUEST or not p[2].phrase.isascii()) for p in before):
            return None
        lo, hi = _clause_bounds(body, hits, chosen.start, chosen.end)
        if any(lo <= cue < hi for cue, _, _ in (*r.before, *r.after)):
            return None  # negated in its clause: "不用给我看时间线，然后把mp4发我"
        entry = chosen.entry
        return _Verb(chosen.start, chosen.end,
                     Entry(entry.phrase, entry.action, 0, 0, 0, entry.languages, _THING_ASKED),
                     chosen.clause, chosen.sentence, frame=True)

    def _file_after(self, body: str, hits: list[Hit], acts: list[_Verb], r: _Reading
                    ) -> _Verb | None:
        """The finished file named alone in a last clause after the requests and a connector
        ("how many credits do I have? and then the mp4 please", "… Und dann bitte gleich
        die MP4"): a request for it after theirs, or None. Only request words and at most one
        other word before it ("gleich") may stand with it in that clause: "… and then the mp4
        is too dark" says something of it."""
        end = max(v.end for v in acts)
        at = max((c for c in r.connectors if c >= end), default=-1)
        if at < 0:
            return None
        chosen = self._object_alone(hits, [p for p in r.frame_parts if p[0] > at])
        if chosen is None or chosen.entry.action != "export":
            return None
        rest = body[at:].replace(body[chosen.start:chosen.end], " ", 1)
        for start, stop, entry in hits:
            if start < at or start == chosen.start:
                continue
            if start > chosen.start and not entry.cues & (_REQUEST | _IGNORE | _SEPARATOR):
                return None
            if start < chosen.start and not entry.cues & (_REQUEST | _IGNORE | _CONNECTOR):
                return None
            rest = rest.replace(body[start:stop], " ", 1)
        words = [w for w in rest.split() if any(ch.isalnum() for ch in w)]
        after = body[chosen.end:]
        if len(words) > 1 or any(w in after for w in words):
            return None
        return chosen

    def _progress_first(self, body: str, acts: list[_Verb], r: _Reading) -> list[_Verb]:
        """A request to see how far the project has got, in a clause before the export and
        joined to it by a connector, made of a way of asking alone ("dime cómo va y después
        pásame el mp4", "como tá? e depois me manda o arquivo", "show me where it's at and
        then render the final file"): the project, then the file. ``[]`` if there is none
        (a frame needs an object, and here the project goes without saying)."""
        state = self._action_bits.get("state", 0)
        first = min(acts, key=_START)
        for start, end, entry, sentence, clause in r.frame_parts:
            if end > first.start or not entry.forms & state or entry.objects:
                continue
            if not any(end <= at < first.start for at in r.connectors):
                continue
            verb = _Verb(start, end, Entry(entry.phrase, "state", 0, 0, 0, entry.languages,
                                           "progress asked"), clause, sentence, frame=True)
            if _asks_progress(body, verb, r.connectors, shown=True):
                return [verb]
        return []

    def _rank(self, acts: list[_Verb], corrections: list[Correction] | None,
              request: bool, questions: AbstractSet[int] = frozenset(),
              others: AbstractSet[int] = frozenset(), *,
              requested: AbstractSet[int] = frozenset(),
              connectors: Sequence[int] = (), body: str,
              hits: Sequence[Hit]) -> _Decision:
        if len(acts) == 1 and not corrections:  # one exact phrase or frame: nothing to rank
            verb = acts[0]
            action = verb.entry.action or "chat"
            return _Decision(action, 1.0, "frame" if verb.frame else "phrase", verb, None,
                             ((action, 1.0),), request)
        best: dict[str, tuple[float, int, _Verb]] = {}
        for verb in acts:
            score = 1.0
            if corrections:
                score = min((c.score for c in corrections
                             if c.start < verb.end and verb.start < c.end), default=1.0)
            key = (score, verb.end - verb.start)
            action = verb.entry.action or "chat"
            held = best.get(action)
            if held is None or key > held[:2]:
                best[action] = (score, verb.end - verb.start, verb)
        # One action (the usual case) needs no sort.
        ranked = list(best.items()) if len(best) == 1 else \
            sorted(best.items(), key=lambda kv: kv[1][:2], reverse=True)
        candidates = tuple([(action, held[0]) for action, held in ranked])
        top_action, (top, _, verb) = ranked[0]
        if len(ranked) > 1 and top - ranked[1][1][0] < self._settings.margin:
            other = ranked[1][1][2]
            asked = {v.sentence in questions for v in (verb, other)}
            asking, telling = (verb, other) if verb.sentence in questions else (other, verb)
            if len(ranked) == 2 and len(asked) == 2 and asking.sentence < telling.sentence \
                    and asking.entry.action == "state" and _done_named(body, asking, telling):
                # "ist das rendern fertig? wenn ja schick mir die datei": both asked
                # (``_done_named``), each in its own sentence, as they are written.
                return _Decision("state", top, "both", asking, then="export",
                                 candidates=candidates, request=request, apart=True)
            if len(ranked) == 2 and len(asked) == 2 and asking.sentence < telling.sentence \
                    and (asking.entry.action != "credits" or asking.sentence in others) \
                    and not (asking.entry.action == "state"
                             and (_asks_progress(body, asking, connectors, asked=True)
                                  or any(asking.end <= c < telling.start
                                         for c in connectors))) \
                    and (telling.entry.action != "credits" or asking.sentence in others) \
                    and not (asking.entry.action == "export" and asking.sentence in requested
                             and any(asking.end <= c < telling.start for c in connectors)):
                # A question, then a request in a sentence of its own: the question is its
                # condition ("is it done? if so, send it", "もうできた？できてたらちょうだい"),
                # unless a connector joins them ("Which scenes are in it now? … and then send
                # me the file", "渲染完了吗？然后把mp4发我"): both asked, as the writers of
                # the corpus label them, the "then" of a condition included.
                # A question of the user's balance is asked for itself: both are done
                # ("¿cuántos créditos me quedan? y luego expórtalo", ``both`` below); of
                # someone else's (``others``: sentences naming a person) it is no request.
                # Nor does a question set a condition for the user's balance asked after it
                # ("como va el proyecto? y de paso cuanto credito tengo": both asked).
                # A question after the statement is no condition of it ("I'm starting the
                # christening video and it worries me … How many credits do I have left?").
                # How far the project has got is asked for itself, not as a condition ("wie
                # weit ist es? und dann gleich die Datei schicken", ``_asks_progress``).
                # Nor is a question that asks for the file with a request word, joined to the
                # next by a word that adds ("可以麻煩幫我匯出嗎？順便想看一下…", ``requested``,
                # ``connectors``): it asks, it sets no condition. Without such a word it is
                # still read as one ("can you export it? actually no, just show me the
                # timeline" shows the timeline).
                verb = telling
                top_action = str(verb.entry.action)
            elif len(ranked) == 2 and _refers_back(body, verb, other):
                # "mon quota, il en est où ?": the progress asked is the balance's, named
                # before it and taken up by a pronoun; one request.
                verb = verb if verb.entry.action == "credits" else other
                top_action = "credits"
            elif len(ranked) == 2 and (verb.sentence != other.sentence
                                       or verb.clause != other.clause
                                       or _joined_objects(body, hits, verb, other)) \
                    and top_action in _BOTH and ranked[1][0] in _BOTH:
                # Two requests, each in a clause of its own ("export it and tell me how many
                # credits are left", "how many credits are left? and what's on the timeline?"):
                # both are done, in the order asked.
                first, second = (verb, other) if verb.start < other.start else (other, verb)
                # The first request is read from where its clause asks it: the earliest
                # phrase of its noun phrase ("saldo", not the longer "créditos", in "me diz
                # meu saldo de créditos e depois exporta o vídeo"; ``_both`` checks it opens).
                for act in sorted(acts, key=_START):
                    if act.start < first.start and act.entry.action == first.entry.action \
                            and act.clause == first.clause and act.sentence == first.sentence \
                            and first.start - act.end <= _NOUN_PHRASE_GAP:
                        # One noun phrase ("saldo de créditos"): a short word at most between.
                        first = act
                        break
                return _Decision(str(first.entry.action), top, "both", first,
                                 then=str(second.entry.action), candidates=candidates,
                                 request=request)
            else:
                return _Decision("chat", top - ranked[1][1][0], "ambiguous", verb,
                                 candidates=candidates, request=request,
                                 apart=verb.sentence != other.sentence
                                 or verb.clause != other.clause)
        reason = "typo" if top < 1.0 else "frame" if verb.frame else "phrase"
        return _Decision(top_action, top, reason, verb, candidates=candidates, request=request)

    def _second_look(self, body: str, norm: str, quoted: bool, decision: _Decision
                     ) -> _Decision:
        """Nothing matched: try typos on short messages, then explain quoted action words."""
        settings = self._settings
        if body.count(" ") < settings.fuzzy_max_words:
            corrected, corrections = self._matcher.correct(body)
            if corrections:
                again = self._decide(corrected, self._matcher.scan(corrected), corrections)
                if again.reason != "no-match":
                    typed = ""
                    if again.verb is not None:
                        typed = corrected[again.verb.start:again.verb.end]
                        for c in corrections:
                            if c.start < again.verb.end and again.verb.start < c.end:
                                typed = typed.replace(c.word, c.typed, 1)
                    return _Decision(again.action, again.score, again.reason, again.verb,
                                     again.then, again.candidates, again.request, typed)
        if quoted:
            for _, _, entry in self._matcher.scan(norm):
                if entry.action is not None and entry.action != "chat":
                    verb = _Verb(0, 0, entry, 0)
                    return _Decision("chat", 1.0, "quoted", verb, request=decision.request,
                                     typed=entry.phrase)
        return decision

    def _sends_media(self, hits: list[Hit]) -> bool:
        upload = self._action_bits.get("upload", 0)
        return any(entry.action == "upload" or entry.forms & upload for _, _, entry in hits)

    @property
    def _intent(self) -> IntentModel:
        # Loaded for the first message that needs it: a host routing "export" never does.
        if self._intent_model is None:
            from router.intent import IntentModel

            data = self.tables.intent
            if data is None:
                from router.cache import load_compiled

                data = load_compiled("intent")["intent"]
            self._intent_model = IntentModel.from_data(data)
        return self._intent_model

    def _learned(self, body: str, decision: _Decision, hits: list[Hit],
                 after: str | None = None, *, named: bool = False) -> _Decision:
        """The learned fallback, for a message with words of an action's frames but no pair of
        them: it is believed only for an action whose words are there, and when confident.
        A bare yes ("はい、お願いします") is never read: it means something only in context.
        Nor is the finished video read where the user says they send it (``_sends_it``;
        ``hits``: what the scan found), as a file named alone is not (``_bare_object``; nor
        one a statement is about, ``_stated``), nor in praise of an edit just reported or
        of the timeline just shown (``after``, see ``_asks_nothing``)."""
        offer = self.tables.contexts.get("export-offer")
        if offer is not None:
            starts, ends = _spans(scan_entries(body, *offer))
            for m in TOKEN.finditer(body):
                if m.group()[0].isalnum() and not _inside(m.start(), starts, ends):
                    break
            else:
                return decision
        if _LAUGH.p.search(body) and _asks_nothing(body, decision, hits):
            # Laughter and no way of asking, no question ("這版好醜喔 哈哈哈"): banter. (A
            # replay of batches 31-55 as they arrived, each routed with a model trained on
            # the batches before it: of 164 fill-ins, 4 sent chat to an action; this guard
            # takes one of them back and no right one. Asking for a form, a question or a
            # request cue in every fill-in took back all 4 and lost 16 right actions.)
            return decision
        action, probability = self._intent.predict(body)
        # Believed only with a word of the predicted action's frames in the message. (Asking
        # also for a request form, or for a question around a bare object, was tried in a
        # leave-one-batch-out replay of the train parts: it lost 7 recovered actions to
        # avoid 1 false one.)
        own = self._action_bits.get(action, 0)
        if action == "chat" or not decision.hints & own:
            return decision
        if action == "export" and (self._sends_it(hits, own)
                                    or _others_fetch(body, hits, own, self.tables.bare)
                                    or _link_of_another(body, hits, own)):
            return decision
        if action == "upload" and (put_off := min(
                (s for s, _, entry in hits if entry.cues & _POSTPONE), default=None)) \
                is not None and not set(body[:put_off].split()[-1:]) & _grammar().dating \
                and not any(
                    entry.objects & own and (body[0] < "\u2e80"
                                             or any(ch in _MARKS for ch in body[e:put_off]))
                    for s, e, entry in hits if e <= put_off):
            # A sending put off ("luego te mando las fotos del torneo", "depois te mando as
            # fotos"; the put-off took the verb): the model would read it as done now. Not
            # where the time dates the things ("sending you the clips for tonight's reel"), nor
            # with files named before it in Latin script, or in a clause before it ("aquí te
            # dejo las fotos, luego te mando los videos"),
            # and not of the file, where a time says when it is needed ("can i have it now,
            # need it for tonight").
            return decision
        if action == "upload" and not decision.request and _SHI_DE.p.search(body):
            # "这些片段是我手机拍的", "這些影片是我自己拍的": a Chinese 是…的 statement of where
            # the clips came from sends nothing, though its words are those of sending them.
            return decision
        if action == "export" and (after == "edit" or (after == "timeline" and not any(
                entry.objects & own & self.tables.alone for _, _, entry in hits))) \
                and _asks_nothing(body, decision, hits):
            return decision
        if action == "credits" and after == "credits" and not decision.request \
                and "?" not in body and not any(entry.cues & _QUESTION for _, _, entry in hits) \
                and not _grammar().checks.search(body):  # "再查一下": check it again
            # Right after the balance was shown, a reply that asks nothing is about it ("ok
            # danke, dann wird's diesen Monat knapp", "d'accord, je vois avec le docteur avant
            # de lancer une nouvelle vidéo"): the balance again would tell nothing new.
            return decision
        if action == "credits" and after != "credits" and _grammar().rechecks.search(body) \
                and not any(entry.objects & own for _, _, entry in hits):
            # "check again?" with no balance just shown and none named: nothing says what is
            # to be looked at again (right after the balance, ``_balance_checked_again``
            # reads it as the balance).
            return decision
        if action == "state" and after == "timeline" and _approves_shown(body, decision, hits):
            # A verdict on the timeline just shown ("looks good 👍 scenes are in the right
            # order now"), as in ``_after_reply``.
            return decision
        if action == "state" and "?" not in body and self._shown_to(body, hits):
            # Someone named as whom it is shown to, asking nothing: the user wants to show
            # the video to them ("이 영상 엄마한테 보여주고 싶어요", "この動画を母に見せたい"),
            # not to see the project.
            return decision
        if action == "state" and named and sum(
                1 for _, _, entry in hits if entry.forms or entry.objects) == 1:
            # A text of the video beside a way of asking to see, and no other frame word
            # ("montre-moi les sous-titres", "show me the captions"): that text is what is to be
            # seen, a matter for the chat, not the project's state, however sure the model is
            # of the form ("자막 목록 보여줘", a list of them, is the project's).
            return decision
        if action == "state" and "?" not in body and all(
                entry.cues & _WHICH and not entry.cues & _QUESTION
                for _, _, entry in hits if entry.forms or entry.objects):
            # Its only frame word a which-word, in a message that asks nothing: a relative
            # clause ("I like what you picked"), not a question of what the project holds.
            return decision
        if action == "credits" and any(
                entry.objects & self._action_bits.get("upload", 0) for _, _, entry in hits) \
                and not any(entry.objects & own for _, _, entry in hits):
            # Whether there is enough of the user's material ("素材はもう1本作るのに足りてますか？",
            # enough footage for one more): the words of the balance's questions, said of it.
            return decision
        if action == "state" and _where_of_another(body, hits):
            # "wo ist der Supermarkt, den du meintest?": where a thing no table knows is, no
            # question of the project.
            return decision
        return _Decision(action, probability, "model", request=decision.request)

    def _shown_to(self, body: str, hits: list[Hit]) -> bool:
        """Whether a person is named with a dative right before a way of showing ("엄마한테
        보여주고", "母に見せたい"), not before another verb ("彼に送る前に一回見せて")."""
        datives = _grammar().datives
        state = self._action_bits.get("state", 0)
        return any(entry.cues & _PERSON and after.forms & state
                   and body[end:start].rstrip() in datives
                   for (_, end, entry), (start, _, after) in pairwise(hits))

    def _sends_it(self, hits: list[Hit], export: int) -> bool:
        """Whether a clause names a file beside a form of the user's own sending ("영상 파일
        보낼게요"; not "I'm sending it to my boss, the final mp4 please") and no form asks for
        the finished video anywhere ("これで完パケ、ちょうだい", where "これ" offers nothing).
        ``export``: the export frames' bits."""
        upload = self._action_bits.get("upload", 0)
        sends = names = False
        for _, _, entry in hits:
            if entry.forms & export:
                return False
            if entry.cues & _CLAUSE:
                if sends and names:
                    return True
                sends = names = False
            sends = sends or bool(entry.forms & upload)
            names = names or bool(entry.objects & export)
        return sends and names

    def _second_opinion(self, body: str, decision: _Decision, hits: list[Hit]) -> _Decision:
        """An action read from a phrase or frame in a longer message, checked by the learned
        model: when the words around it make the model all but sure the message is chat
        ("まだ書き出さんといて、音楽うるさい", a request for a video whose description names an
        action), it stays chat. A message that is little more than its phrase ("export",
        "send me the final mp4") is never second-guessed, nor is the model loaded for it."""
        verb = decision.verb
        needed = self._settings.second_opinion_words
        # n words take at least 2n - 1 characters: most messages are too short to count (the
        # length of the rest, known before the rest is made).
        if len(body) + (0 if verb is None else 1 + verb.start - verb.end) + 1 < 2 * needed:
            return decision
        rest = body if verb is None else body[:verb.start] + " " + body[verb.end:]
        if rest.isascii():
            # Normalised ASCII is lower case: its words are its runs of letters and digits.
            extra = float(len(_ASCII_WORDS.p.findall(rest)))
        else:
            extra = 0.0
            for word in TOKEN.findall(rest):
                if word[0].isalnum():
                    # Two CJK characters a word.
                    extra += 1 if word.isascii() or len(word) > 1 else 0.5
                    if extra >= needed:  # enough said: the rest need not count
                        break
        if extra < needed:
            return decision
        if verb is not None and (_own_sentence(body, hits, verb)
                                 or _opens_plainly(body, hits, verb)
                                 or _now_at_end(body, hits, verb)
                                 or _asked_at_end(body, hits, verb)
                                 or _request_after_pause(body, hits, verb)
                                 or _file_asked_last(body, hits, verb)
                                 or _judged_then_asked(body, hits, verb)
                                 or _relayed(body, hits, verb)
                                 or _asked_twice(hits, verb)
                                 or _please_first(body, hits, verb)
                                 or _please_after(body, hits, verb)
                                 or _handed_on(body, hits, verb)
                                 or _first_then_later(body, hits, verb)
                                 or self._asked_again(body, hits, verb)
                                 or (verb.entry.action == "credits"
                                     and _arrival_asked(body))
                                 or _moved_and_asked(body, hits, verb)):
            # "I don't like the font. Export anyway", "お客さんが今日見たいって 動画を送って": a
            # request that is a sentence of its own, or the last clause after a pause in
            # Chinese or Japanese, or a short question of the balance or the project after
            # a clause that judges how things go, is not overruled by what the others say,
            # nor is a Chinese clause that moves its object before the verb ("把高校联赛
            # 第二站的集锦导出来": what the model reads of the object's name is no chat);
            # nor is a request relayed from someone else ("クライアントさんから…早くもらえない
            # かと言われてます": the file is still wanted), nor one asked twice ("もう出来上がった
            # のでしょうか？まだ作っているところですか"), nor whether a top-up has arrived
            # ("我刚用微信支付充值了，到账了吗": the balance, however paid).
            return decision
        if decision.action == "state" and hits and hits[-1][2].cues & _QUESTION \
                and hits[-1][2].phrase.split()[0] in _OR_WORDS \
                and not body[hits[-1][1]:].strip(" ?!.？！。"):
            # Whether it is ready, asked with "or not yet" at the end ("ya está lista la
            # versión vertical o todavía no"): a question of the project, whatever else the
            # words say.
            return decision
        model = self._intent
        if model.veto > 1.0:
            return decision
        chat = model.scores(body)[0]
        if chat < model.veto:
            return decision
        # The model reads an edit; the rules read the action in a clause joined on after it
        # ("抜いてから、mp4で書き出して", "encurtá-lo … e depois exportar"): both are asked for,
        # the edit first.
        then = None
        # Not in a question of how or how much ("vous gardez mes vidéos combien de temps
        # après l'export ?"): a clause about the action's time asks how things work. Only the
        # file follows an edit so: a change then the balance or the project is no request
        # the chat leaves to the runtime ("et pour recharger, ça marche comment ?").
        if verb is not None and decision.action == "export" \
                and not _how_asked(body, hits, verb.start) and any(
                entry.cues & _CONNECTOR and end <= verb.start and body[:start].strip()
                for start, end, entry in hits) and not _not_now_before(body, hits, verb) \
                and not (any(entry.cues & _POSTPONE for _, _, entry in hits)
                         and _conditioned_later(body)):
            then = decision.action
        return _Decision("chat", chat, "model", verb, then, request=decision.request,
                         candidates=((decision.action, decision.score),))

    def _asked_again(self, body: str, hits: list[Hit], verb: _Verb) -> bool:
        """Whether the file, the balance or the project is asked for once more: "again"
        beside ``verb`` (``_again``) and a way of asking, or a request word, in its sentence
        ("pera, mostra de novo o saldo? não vi direito", "잔액 한 번만 다시 보여주실래요?
        창을 닫아버렸어요"). The story beside it ("I closed the window") does not make it
        chat. Not in a sentence that holds a condition ("si cambio la música después de
        exportar, tendría que gastar créditos otra vez?") or that also asks how things work
        or what they cost, or puts something off ("明朝…もう一度見ていただいてから書き出します")."""
        if verb.entry.action == "upload":
            return False
        # All within the verb's clause: "again" there, a way of asking there, and nothing
        # there that tells of the past, thanks, asks how or puts off ("Thanks again for the
        # export", "The export froze again, can you help me?", "もう一回書き出したのに…").
        start, end = _clause_bounds(body, hits, verb.start, verb.end)
        found = _again_beside(body, verb, (start, end))
        if found is None:
            return False
        sentence_end = _SENTENCE_END.p.search(body, verb.end)
        words = _words(body[_sentence_start(body, verb.start):
                            sentence_end.start() if sentence_end else len(body)])
        if any(word in _grammar().conditions for word in words):
            return False  # a condition anywhere in its sentence: "…otra vez si cambio el logo?"
        asked = False
        for s, e, entry in hits:
            if s < start or s >= end or (s, e) == (verb.start, verb.end) \
                    or (found[0] <= s and e <= found[1]):
                continue  # (nor is "again" itself a way of asking here)
            if entry.cues & (Cue.ABOUT | Cue.HOWTO | Cue.PRICE | Cue.ASKS | Cue.POSTPONE
                             | Cue.PAST | Cue.THANKS | Cue.SAID):
                return False
            asked = asked or bool(entry.cues & _REQUEST or entry.forms)
        # (A Japanese or Korean request ending right after the verb: "…もう一回書き出して".)
        return asked or _request_right_after(body, verb, _grammar())

    def _declined(self, body: str, hits: list[Hit], after: str | None,
                  decision: _Decision) -> _Decision:
        """A message that only declines or puts off an action ("先别导出", "don't export yet",
        "not yet" after an export offer) or only says yes or no to a reply that was not given
        ("dale" with no offer before it): the runtime can answer it itself, since there is
        nothing for the backend's assistant to do. Anything more ("not yet, the music is too
        loud") stays a message for the chat."""
        if len(body) > (_DECLINE_CHARS if decision.reason == "negated" else _BARE_CHARS):
            return decision  # a refusal or a bare yes is short: no scan for a longer one
        # The yes and no of an export offer: "dale", "not yet", "まだ", "아직".
        offer = self.tables.contexts.get("export-offer")
        spans = [(s, e) for s, e, _ in scan_entries(body, *offer)] if offer else []
        if not spans and decision.reason == "no-match":
            return decision
        # A bare follow-up is its phrases and nothing else ("ok, how much is left?" asks);
        # a refusal may have its cues and a few frequent words ("don't export it yet").
        common: frozenset[str] = frozenset()
        if decision.reason == "negated":
            spans += [(s, e) for s, e, _ in hits]
            common = self._common_words
        unknown = 0.0
        for m in TOKEN.finditer(body):
            word = m.group()
            if word[0].isalnum() and word not in common and not any(
                    s <= m.start() < e for s, e in spans):
                # A CJK character a third of a word ("先不要上传" leaves "要"); an elided
                # article none ("ne l'exporte pas").
                if len(word) > 1:
                    unknown += 1
                elif not word.isascii():
                    unknown += 0.34
                if unknown >= 1:
                    return decision
        if decision.reason == "negated":
            verb = decision.verb
            if verb is None or verb.entry.action not in _SIDE_EFFECTS:
                return decision
            return decision._replace(reason="declined")
        if not any(body[s:e].strip() for s, e in spans):
            return decision
        if after is not None:
            # After a reply: a yes the context did not take, or a no ("not yet" after an
            # export offer), is an answer to the assistant's own question; "no" after an
            # offer declines it.
            if after != "export-offer" or not decision.negation:
                return decision
            return decision._replace(reason="declined")
        return decision._replace(reason="follow-up")

    def _arbitrate(self, body: str, decision: _Decision, hits: list[Hit]) -> _Decision:
        """An edit verb beside an action phrase or frame that is not its follow-up: "what's
        left on my plan? My nephew set this up", "which clips did you put in?", "把各个轨道
        列一下，我看看音乐加上没有". Edit verbs win such ties by rule, which is right for a
        request ("make the title bigger, the export looked fine"), wrong when the verb
        reports, asks whether something was done or says what the user will do. The learned
        model reads the whole message: the action wins only when it is all but sure of it
        (``arbiter`` in intent.json, set by leave-one-batch-out replay, see router.train)."""
        from router.intent import CLASSES

        verb = decision.verb
        if verb is not None and not body[:verb.start].strip():
            # A message that opens with the verb is an instruction ("加一句字幕：余额不足？").
            return decision
        if verb is not None and "?" not in body and _cjk_word(verb.entry) \
                and _joined_on_after(body, hits, verb.end, self._action_bits.get("state", 0)):
            # An edit, then a connector and a request to see the project ("イントロ短くして、
            # そのあとシーン一覧見せて", "把片头缩短到5秒，然后给我看一下所有场景"): the change
            # is asked for first, and the look at the project goes with it to the chat.
            return decision
        model = self._intent
        if model.arbiter > 1.0:
            return decision
        scores = model.scores(body)
        if decision.candidates:
            action = decision.candidates[0][0]
            probability = scores[CLASSES.index(action)]
            threshold = model.arbiter
        else:
            # Only frame words beside the verb: the model's own choice, believed when a word
            # of that action's frames is there and at a stricter threshold.
            best = max(range(1, len(CLASSES)), key=scores.__getitem__)
            action, probability = CLASSES[best], scores[best]
            threshold = model.frame_arbiter
            if not decision.hints & self._action_bits.get(action, 0):
                return decision
        if probability < threshold:
            return decision
        return _Decision(action, probability, "arbitrated", decision.verb,
                         candidates=(("chat", 1.0 - probability),), request=decision.request)

    def _both(self, body: str, decision: _Decision, hits: list[Hit]) -> _Decision:
        """Two requests of different actions, each in a clause of its own. The first must open
        its clause, after request words at most ("export it and …", "can you export it and
        …", "帮我export一下 顺便…"): words before it say what the user thinks of exporting
        ("I love how easy it is to export and check my credits"), wishes or asks whether
        ("do I need to export and check my credits every time?"), or reports ("he wants me
        to export it and …"): they name both actions and ask for neither. (The learned
        model's veto was asked here too, until the twenty-fifth round: once "first", request
        forms and the action's own objects could open the clause, it only turned requests
        into chat, 2 of the finals and none of their chat.)"""
        first = decision.verb
        if decision.action == "credits" and decision.then == "export" \
                and _enough_for_export(body, hits):
            # "我仲有幾多credit？夠唔夠render多條直版？": the export is what the balance is for.
            return decision._replace(reason="phrase", then=None)
        own = self._action_bits.get(str(first.entry.action), 0) if first is not None else 0
        forms = own | self._action_bits.get("state", 0)
        if first is not None and first.entry.action in ("credits", "state"):
            # A way of asking for the file gives the balance or the project as well ("give me
            # my balance then export it", "donne-moi mon solde puis lance l'export").
            forms |= self._action_bits.get("export", 0)
        # A question for the balance or the project asks, however it opens ("what's my
        # balance? and then export it", "wie viel Guthaben hab ich noch? und schick …").
        opens = first is not None and (
            _opens_clause(body, hits, first.start, first.entry.action, own=own, forms=forms)
            or (first.entry.action in ("credits", "state")
                and (_asked(body, first.end) or _question_word_before(hits, first.start)
                     or _question_after(hits, first.end)))
            # Asked to be checked ("先看下我还剩多少点，然后导出").
            or (first.entry.action == "credits" and _checked(body, first))
            or _requested_before(body, hits, first.start)
            # Where the verb ends its clause, the words before it name what it is done to
            # ("ジムのやつ書き出して、あと…"): a request ending right after it asks.
            or (first is not None and _verb_last(first.entry)
                and body.startswith(_grammar().request_after, first.end))
            # The phrase itself ends in such a request ("熟成動画の今の
            # タイムラインを見せて、そのあと書き出しお願いします"): the words before it
            # name the project it shows, in a message that ends asking and tells of no
            # other day ("昨日はタイムラインを見せて、そのあと書き出しました",
            # "明日になったら…書き出してね" ask nothing now).
            or (first is not None and _verb_last(first.entry)
                and body.endswith(_grammar().request_after, first.start, first.end)
                and _ends_request(body, _grammar().request_final)
                and not any(entry.cues & (Cue.PAST | Cue.POSTPONE) for _, _, entry in hits))
            # A German infinitive that ends its clause is the request, its object before it
            # ("Video runterladen und sag mir, wie viel Guthaben ich noch hab").
            or (first is not None and _infinitive_ends_clause(body, hits, first))
            # A Chinese clause that moves the object before its verb with "把" ("把正畸科普那条
            # 导出来，顺便…"): the verb after it asks.
            or (first is not None and _moved_object_before(body, hits, first))
            # A Chinese verb softened at the end of its clause ("直式版本匯出一下，另外…"): the
            # words before it name what it is done to.
            or (first is not None and _softened_at_clause_end(body, hits, first))
            # The project or the balance asked for in its own clause (``_thing_before``), or
            # named in a frame whose way of asking comes later in that clause ("各トラックに
            # 何が乗ってるか見せて、そのあと…", "先列一下现在有几个轨道，然后…").
            or (first is not None and (first.entry.origin == _THING_ASKED
                                       or (first.entry.action == "state"
                                           and _form_in_clause(body, hits, first, own)))))
        if not opens:
            return _Decision("chat", 0.0, "ambiguous", decision.verb,
                             candidates=decision.candidates, request=decision.request,
                             apart=True)
        return decision

    def _break_tie(self, body: str, decision: _Decision, hits: list[Hit]) -> _Decision:
        """Two actions too close to call in one sentence ("pourriez-vous me dire où en est mon
        solde de crédits ?", "好了沒 好了就把檔案丟給我"): the learned model reads the whole
        message, and one of the two wins only when it is all but sure of it (``arbiter``).
        Two requests in sentences of their own ("how many credits are left? and what's on the
        timeline?") are both done (``_both``); where ``_both`` finds them too close to call
        beside the file, each clause is read on its own (``_project_first``). A Korean
        message that only says what the user will do (``_ends_in_will``) is not asked
        about."""
        from router.intent import CLASSES

        timed = self._render_as_time(body, hits)
        if timed is not None:
            return _Decision(str(timed.entry.action), 1.0, "phrase", timed,
                             candidates=decision.candidates, request=decision.request)
        if decision.reason == "both":
            decision = self._both(body, decision, hits)
            if decision.reason == "ambiguous" \
                    and any(action == "export" for action, _ in decision.candidates[:2]):
                # "Schau kurz, ob mein Guthaben reicht, und dann exportier den Steinbock": the
                # clause before the file's, read alone, asks for the balance or the project,
                # and the file's clause, read alone, asks for the file.
                return self._project_first(body, decision, hits)
            return decision

        if not decision.request and _ends_in_will(body):
            # A Korean message that ends in the speaker's own will ("내가 내보내고 크레딧
            # 볼게", I'll export and look at the credits) and asks nothing tells what the user
            # will do; which of two such acts is meant is no question for the model.
            return decision
        if _ends_in_purpose(body):
            # "다운받고 크레딧 보게": the first act is asked for, the last is what it is for
            # (a purpose ending, "so that I see the credits").
            acts = [hit for hit in hits if hit[2].action not in (None, "chat")]
            if len({hit[2].action for hit in acts}) == 2:
                start, end, entry = acts[0]
                return _Decision(str(entry.action), 1.0, "phrase", _Verb(start, end, entry, 0),
                                 candidates=decision.candidates, request=decision.request)
        model = self._intent
        if model.arbiter > 1.0:
            return decision
        scores = model.scores(body)
        tied = [action for action, _ in decision.candidates[:2] if action in CLASSES]
        if not tied:
            return decision
        action = max(tied, key=lambda a: scores[CLASSES.index(a)])
        probability = scores[CLASSES.index(action)]
        if probability < model.arbiter:
            return decision
        return _Decision(action, probability, "arbitrated", decision.verb,
                         candidates=decision.candidates, request=decision.request)

    @staticmethod
    def _render_as_time(body: str, hits: list[Hit]) -> _Verb | None:
        """The balance asked beside the render named as a time ("depois desse render, com
        quantos créditos eu fiquei?", "さっきのレンダリングのあと、クレジットどれくらい残って
        る？", "방금 렌더링하고 나서 크레딧 얼마나 남았어요?"): the balance's verb, or None.
        Every export word of the message must be such a time, and the balance's word asked
        after it."""
        g = _grammar()
        acts = [hit for hit in hits if hit[2].action in ("credits", "export")]
        exports = [hit for hit in acts if hit[2].action == "export"]
        balance = [hit for hit in acts if hit[2].action == "credits"]
        if not exports or not balance or "?" not in body[balance[-1][0]:]:
            return None
        for start, end, entry in exports:
            head = body[max(0, start - _TIME_REACH):start].rstrip()
            tail = body[end:end + _TIME_REACH].lstrip()
            if start > balance[-1][0]:
                # Named after the balance, the render ends the question, a name of a word or
                # two at most after "after" ("what's my credit balance now after that Roundhay
                # render?").
                if tail[:1] not in ("?", "") or entry.phrase not in g.render_nouns \
                        or not _time_named_before(body, start, g):
                    return None
            elif not (head.endswith(g.time_before) or tail.startswith(g.time_after)):
                return None
        start, end, entry = balance[-1]
        return _Verb(start, end, entry, 0)

    @staticmethod
    def _in_language(body: str, hits: list[Hit]) -> bool:
        """Whether a follow-up phrase is of the language the message is written in (or the
        language cannot be told)."""
        language = detect_locale(body)
        if language == UNDETERMINED:
            return True
        base = language.split("-", 1)[0]
        return any(lang.split("-", 1)[0] == base for _, _, entry in hits
                   for lang in entry.languages)

    def _after_reply(self, body: str, after: str, decision: _Decision, hits: list[Hit], *,
                     files: bool) -> _Decision:
        """A message that asks for nothing by itself, read as a follow-up to the previous
        reply (``after``): a yes, a yes with something first, a yes beside an approval."""
        if after == "credits" and decision.action == "chat" and not decision.then \
                and not files \
                and (again := _balance_checked_again(body, hits, self._common_words)) is not None:
            # Before any yes: "이것밖에 안 남았어? 다시 확인해 줘" asks to check again, its
            # "줘" (for me) gives nothing.
            return _Decision("credits", 1.0, "context", again, request=decision.request,
                             context=after)
        if decision.reason in ("no-match", "edit", "chat-phrase") \
                and not decision.negation and not decision.then \
                and not any(hit[2].cues & _RETRACT for hit in hits):  # "ok… nvm"
            decision = self._yes_first(body, after, decision, hits) or \
                self._in_context(body, after, decision, hits)
        if after == "export-offer" and decision.reason == "no-match" and not decision.then \
                and not files:
            # (Its time to come may have read as a put-off: "…, I need it for tomorrow".)
            decision = self._yes_needed(body, decision, hits) or decision
        if after == "export-offer" and decision.reason in ("no-match", "edit") \
                and not decision.then and not files and "?" not in body:
            decision = self._approved_aside(body, hits) or decision
        if after == "credits" and decision.action in ("chat", "state") and not decision.then \
                and not files:
            # (A state phrase may be the very verb of holding: "sind da die 200 von gestern
            # schon mit drin?"; ``_balance_made_of`` lets no other action stand.)
            if _balance_made_of(body, hits):
                return _Decision("credits", 1.0, "context", decision.verb,
                                 request=decision.request, context=after)
            if decision.action == "chat" and (enough := _enough_asked(body, hits)) is not None:
                return _Decision("credits", 1.0, "context", enough, request=decision.request,
                                 context=after)
        if after == "timeline" and decision.action == "state" and not decision.then \
                and not files and _asks_nothing_of_shown(body, decision, hits) \
                and (_judges(body, hits) or self._says_yes(body)):
            # Right after the timeline was shown, a verdict on it that asks nothing ("嗯不错，
            # 顺序就这样", "gefällt mir, die Szenen bleiben so in der Reihenfolge"), or a yes
            # with no request word, no question, no action phrase and no way of asking ("はい、
            # これで結構でございます", "對對 就是這個順序"): a remark on what was shown, not a
            # request to see it again ("todas las escenas", "now the progress" ask).
            return _Decision("chat", 1.0, "context", decision.verb, request=decision.request,
                             context=after)
        return decision

    def _says_yes(self, body: str) -> bool:
        """Whether a yes of the export offer's table is in the message ("はい、…", "對對 …"):
        a reply to what was shown, not a new request ("todas las escenas" asks)."""
        offer = self.tables.contexts.get("export-offer")
        return offer is not None and bool(scan_entries(body, *offer))

    def _approved_aside(self, body: str, scanned: list[Hit]) -> _Decision | None:
        """A yes to an export offer beside someone's approval of the video ("ok go ahead,
        legal has signed off", "可以了 导吧，新人那边已经确认了", "女将のOK出ました！お願いします"):
        the approval (grammar.yaml ``signed_off``), with the words of its clause before it
        (who approved), is set aside, and the rest is read as the follow-up it is. Not with a
        "but", a refusal ("not yet", "wait"), or a negation, an edit, a time to come or an
        action word in what is set aside: "ok, but legal hasn't signed off" holds the export
        back, "ok, legal approved the new intro, make it longer" asks for an edit.
        ``scanned``: what the scan found in ``body``."""
        offer = self.tables.contexts.get("export-offer")
        signed_off = _grammar().signed_off
        if offer is None or not signed_off.search(body):
            return None
        said = _whole_words(body, scan_entries(body, *offer))
        if any(entry.action != "export" for _, _, entry in said):
            return None  # a refusal, a "but" or a "first" beside it: no plain yes
        if any(entry.cues & (_QUESTION | _ASKS | _POSTPONE) for _, _, entry in scanned):
            # "好，老板确认了吗": asked, not said; "はい、上司のOKもらいました、後ほどお願いします":
            # accepted for later.
            return None
        aside: list[tuple[int, int]] = []
        at = 0
        while (found := signed_off.find(body, at)) is not None:
            start, end = found
            # From the start of its clause, but not into a yes of that clause ("네 진행해주세요
            # 두 분 다 컨펌했어요"), to the end of the clause or the next yes ("she signed off on
            # the massage scene 🙌 go ahead").
            opened = max(body.rfind(mark, 0, start) for mark in _MARKS) + 1
            since = max(opened, max((e for _, e, _ in said if e <= start), default=0))
            mark = _CLAUSE_MARK.p.search(body, end)
            until = min([mark.start() if mark else len(body)]
                        + [s for s, _, _ in said if s >= end])
            if not self._approval_holds(body, scanned, opened=opened, since=since, start=start,
                                        end=end, until=until):
                return None
            aside.append((since, until))
            at = until
        chars = list(body)
        for start, end in aside:
            chars[start:end] = " " * (end - start)
        left = "".join(chars)
        if not any(ch.isalnum() for ch in left):
            return None  # the approval alone: a remark, no yes
        if self._unknown_words(left, said) >= _APPROVAL_TAIL:
            # Little but the yes besides ("sí, el cliente ya lo aprobó, luego te digo" tells
            # more; one word may be a yes's own, "yes go | ahead").
            return None
        left, hits, _ = self._scan(left, "export-offer")
        decision = self._decide(left, hits)
        followed = self._after_reply(left, "export-offer", decision, hits, files=False)
        if followed.reason == "context":
            return followed
        if decision.reason not in ("no-match", "edit", "chat-phrase") or decision.negation \
                or decision.then or any(hit[2].cues & _RETRACT for hit in hits):
            return None
        # The yes may need the learned reading ("可以了，导吧"): the rest, read as a whole
        # message after the offer, accepts it.
        route = self.route(left, after="export-offer")
        if route.action != "export" or route.then is not None or not said:
            return None
        start, end, entry = said[0]
        return _Decision("export", 1.0, "context", _Verb(start, end, entry, 0),
                         request=decision.request, context="export-offer")

    def _approval_holds(self, body: str, scanned: list[Hit], *, opened: int, since: int,
                        start: int, end: int, until: int) -> bool:
        """Whether the approval at ``body[start:end]``, in the clause from ``opened`` (set
        aside from ``since`` to ``until``), is given and said: no action, edit, negation,
        put-off or retraction in it, no condition ("ok, once legal has signed off", "네
        사장님이 음악만 바꾸면 괜찮대요", "部長が確認しましたら", "等老板点头了再导"), no question
        ("ok, has legal signed off"), and at most a few words after it ("mi hija", "yesterday";
        not "e achou a música alta demais")."""
        g = _grammar()
        for s, _, entry in scanned:
            if since <= s < until and (
                    entry.action is not None
                    or entry.cues & (_EDIT | _BEFORE | _POSTPONE | _RETRACT)
                    # A negation after the verb only inside the approval itself ("컨펌했": the
                    # past, not "컨펌 안 했어요").
                    or (entry.cues & _AFTER and not start <= s < end)):
                return False
        clause = body[opened:until]  # "ok si ya lo revisó": "si" is a yes, or "if"
        words = [word.strip(",.!") for word in clause.split()]
        rest = body[end:].split(maxsplit=1)[0] if body[end:end + 1].strip() else ""
        if any(w in words if w.isascii() and " " not in w else w in clause
               for w in g.plan_opens) \
                or g.signed_off_after.search(body, opened, until) \
                or _negated_around(body, g.signed_off_not, (opened, until), (start, end)) \
                or _asked_first(body[since:start].split(), g) \
                or any(w.endswith("면") and _hangul(w[0]) and w not in g.myeon_nouns
                       for w in words) \
                or any(wait in body[opened:start] for wait in g.wait_opens) \
                or (_hangul(body[end - 1]) and not g.approval_pending_ko.isdisjoint(rest)) \
                or (not body[end - 1].isascii()
                    and ("か" in rest[:3] or rest[:1] in ("ら", "ば"))):  # "OK出ましたか"
            return False
        return self._unknown_words(body, [], end, until) <= _APPROVAL_TAIL

    def _unknown_words(self, text: str, known: list[Hit], lo: int = 0,
                       hi: int | None = None) -> float:
        """How many words of ``text[lo:hi]`` are neither frequent nor inside ``known`` (a CJK
        character a third of a word)."""
        starts, ends = _spans(known)
        common = self._common_words
        unknown = 0.0
        for m in TOKEN.finditer(text, lo, len(text) if hi is None else hi):
            word = m.group()
            if word[0].isalnum() and word not in common and not _inside(m.start(), starts, ends):
                unknown += 1 if word.isascii() or len(word) > 1 else 0.34
        return unknown

    def _yes_first(self, body: str, after: str, decision: _Decision, scanned: list[Hit]
                   ) -> _Decision | None:
        """A yes to the reply that opens the message, then something to do before its action:
        "ok but make it shorter first", "好 但先剪短一點", "네 근데 먼저 좀 짧게요" after an export
        offer are an edit, then the export. What comes after the yes must be marked as coming
        first (the context's ``first`` words, "first", "先"; an edit verb alone is not
        enough: "ja, gerne, machen Sie das" accepts), or be set against it (``but`` words)
        and ask for a change (an edit verb after it): "yes, but the music is way too loud"
        complains and asks for nothing, so it neither accepts nor puts anything first. A
        message that also declines ("wait", "not yet"), asks a question, or does not open
        with the yes ("wait, first change the colour") is not this. ``scanned``: what the
        scan found in ``body``."""
        table = self.tables.contexts.get(after)
        if table is None:
            return None
        hits = _whole_words(body, scan_entries(body, *table))
        if not hits or any(entry.action == "chat" for _, _, entry in hits):
            return None
        start, end, entry = hits[0]
        if entry.action is None or any(ch.isalnum() for ch in body[:start]):
            return None
        action = entry.action
        if any(e.action not in (None, action) for _, _, e in hits):
            return None
        if "?" in body:
            return None  # "ok, but how big will the file be?" asks before it accepts
        # Not a "first" word inside a phrase that says nothing ("avant que je change d'avis",
        # "antes de que me arrepienta": before I change my mind).
        idle = [hit for hit in scanned if hit[2].cues & _IGNORE]
        idle_starts, idle_ends = _spans(idle)
        marks = [(hit[0], hit[2]) for hit in hits if hit[2].action is None and hit[0] >= end
                 and not _held_in(hit, idle_starts, idle_ends)]
        if not marks:
            return None
        starts, ends = _spans(hits)
        for m in TOKEN.finditer(body, end):
            if m.group()[0].isalnum() and not _inside(m.start(), starts, ends):
                break
        else:
            return None  # "ok but" alone puts nothing first
        if not any(h.cues & _REQUEST for _, h in marks) and not any(
                e.cues & _EDIT and s >= marks[0][0] for s, _, e in scanned):
            # A "but" with no change asked for after it: a complaint ("ok but the ending still
            # looks weird"). Chat, and no yes: the reply is not accepted as it stands, and no
            # word of it is guessed to be a request.
            return decision._replace(hints=0)
        return _Decision("chat", 1.0, "context", _Verb(start, end, entry, 0), action,
                         request=decision.request, context=after)

    def _yes_needed(self, body: str, decision: _Decision, scanned: list[Hit]
                    ) -> _Decision | None:
        """After an export offer, a yes that opens the message, then why the file is needed
        (grammar.yaml ``needs_file``: "yes please, I need it for tomorrow's meeting", "好的，
        明天开会要用"): the offer accepted now. Its time to come (``needs_times``) is when the
        file is used, not a refusal; any other refusal ("wait", "not yet"), a question, an
        edit or another action is not this."""
        table = self.tables.contexts.get("export-offer")
        if table is None or "?" in body or any(
                entry.action is not None or entry.cues & _EDIT for _, _, entry in scanned):
            return None
        g = _grammar()
        hits = _whole_words(body, scan_entries(body, *table))
        if not hits or hits[0][2].action != "export" \
                or any(ch.isalnum() for ch in body[:hits[0][0]]):
            return None
        # (The body is casefolded already: ``normalize``.)
        if g.needs_file.find(body, hits[0][1]) is None:
            return None
        for start, end, entry in hits[1:]:
            if entry.action == "chat" and not g.needs_times.search(body, start, end + 1):
                return None  # "ok, but wait…": declined, whatever is needed
        start, end, entry = hits[0]
        return _Decision("export", 1.0, "context", _Verb(start, end, entry, 0),
                         request=decision.request, context="export-offer")

    def _in_context(self, body: str, after: str, decision: _Decision, scanned: list[Hit]
                    ) -> _Decision:
        """A message that asks for nothing by itself, read after the previous reply
        (``scanned``: what the scan found in ``body``)."""
        table = self.tables.contexts.get(after)
        if table is None:
            return decision
        entries, trie = table
        # Not a refusal inside a longer phrase that says nothing ("si no es mucho pedir", "if
        # it's not too much trouble"): its "no" declines nothing. (A yes inside one still
        # accepts: "ready to post!")
        idle = [hit for hit in scanned if hit[2].cues & _IGNORE]
        starts, ends = _spans(idle)
        hits = [h for h in _whole_words(body, scan_entries(body, entries, trie))
                if h[2].action is not None
                and not (h[2].action == "chat" and _held_in(h, starts, ends))]
        actions = {h[2].action for h in hits}
        if len(actions) != 1:
            return decision
        # An edit verb that is part of the follow-up ("dale, hazlo", "ja mach") agrees with
        # it; any other one ("yes, make the music louder") is a new request.
        wanted = next(iter(actions))
        bits = self._action_bits.get(str(wanted), 0)
        # (Spans and bisection, not a test of every hit for every other: a long message of
        # yes words would cost the square of its length.)
        said_starts, said_ends = _spans(hits)
        for start, end, entry in scanned:
            if _within_one(start, end, said_starts, said_ends):
                continue
            if entry.action is not None or entry.cues & _EDIT:
                return decision
            # A thing of another action ("manda el clip …" after the timeline) is a new
            # request about it, not a yes to the reply.
            if entry.objects and not entry.objects & bits:
                return decision
        # A follow-up is short: "manda el clip del dron al final" after the timeline moves a
        # shot, it does not ask for the file.
        covered = [(s, e) for s, e, _ in hits] + [(s, e) for s, e, _ in scanned]
        offer = self.tables.contexts.get("export-offer")
        if offer is not None and after != "export-offer":
            # A yes before the follow-up ("좋아 보내줘", "dale, mándamelo") is no object of it.
            covered += [(s, e) for s, e, _ in scan_entries(body, *offer)]
        cover_starts, cover_ends = _merged_spans(covered)
        common = self._common_words
        limit = self._settings.follow_up_words
        unknown = 0.0
        # The unknown words where a request form's object goes: after it in spaced
        # languages ("show me the captions"), anywhere next to a CJK one ("자막 보여줘").
        objects = 0.0
        forms = [(s, e, entry) for s, e, entry in scanned if entry.forms & bits
                 and _within_one(s, e, said_starts, said_ends)]
        # After which a word is where a form's object goes (anywhere, after a CJK form).
        object_from = min((0 if not entry.phrase.isascii() else e for _, e, entry in forms),
                          default=len(body) + 1)
        for m in TOKEN.finditer(body):
            word = m.group()
            if not word[0].isalnum() or word in common \
                    or _inside(m.start(), cover_starts, cover_ends):
                continue
            weight = 1 if word.isascii() or len(word) > 1 else 0.34
            unknown += weight
            if m.start() >= object_from:
                objects += weight
            if unknown > limit:
                return decision
        if unknown and after == "export-offer" and ("?" in body or any(
                entry.cues & (_SAID | _QUESTION) for start, _, entry in scanned
                if not _inside(start, said_starts, said_ends))):
            # A yes and then a question or a remark about the video ("ja, wie groß wird die
            # Datei denn?", "嗯…开头还是有点拖") accepts nothing yet: the user asks or
            # comments first.
            return decision
        if objects:
            # "show me" wants its object: "show me the captions" names another thing than
            # the reply was about, so it is a request of its own (for the chat).
            return decision
        if unknown and not self._in_language(body, hits):
            # "show me the captions" is English: the Portuguese "show" (great!) is no yes
            # to an export offer when the rest of the message is in another language.
            return decision
        start, end, entry = hits[0]
        verb = _Verb(start, end, entry, 0)
        return _Decision(str(entry.action), 1.0, "context", verb, request=decision.request,
                         context=after)

    def _with_files(self, decision: _Decision, matched: Match | None, language: str,
                    files: tuple[str, ...], body: str, *, hits: list[Hit]) -> Route:
        then: str | None = None
        if decision.verb is not None and decision.verb.entry.origin == "frame object":
            # "the link:" next to a link names the attachment, it asks for nothing.
            decision = _Decision("chat", 0.0, "no-match", request=decision.request)
            matched = None
        caps = scan_entries(body, *self.tables.captions)
        # A hand-over is a caption of a few words; reading one takes time with the square of
        # the length (each clause looks at every hit), so a long caption is not read as one.
        handed = _handed_over(body, hits, caps, any("://" in f for f in files)) \
            if len(body) <= _HAND_OVER_MAX else None
        if handed is not None and decision.reason == "edit" and handed.verbs:
            # Each verb a hand-over's ("use this one", "my son put the photos on this link"):
            # no instruction, unless a request cue or a question says one.
            decision = _Decision("chat", 0.0, "no-match", request=decision.request)
            matched = None
        if handed is not None and decision.action == "export" and decision.verb is not None \
                and handed.linked and _within(decision.verb.start, handed.asked):
            # "können Sie das runterladen?", "你下載看看" beside a link: getting the linked
            # file, not the finished video.
            decision = _Decision("chat", 0.0, "no-match", request=decision.request)
            matched = None
        if decision.action == "export" and not _gives_a_doing(body, decision.verb):
            # "export it afterwards", "here is my photo. send me the finished video", or a yes
            # to an export offer.
            then = "export"
        elif decision.action not in ("chat", "upload"):
            # Files sent with words of the balance or the project, or a Korean "do it for me"
            # read as a hand-over ("김치 담그는 영상인데 첫 장면으로 써주세요"): the files go
            # first, and what the words ask is the chat's to do with them ("scroll it at the
            # very end like movie credits", "la foto, cuántos créditos me quedan"); a caption
            # that asks nothing names them ("发你几个 clips"). The runtime looks at neither
            # the balance nor the project after an upload.
            verb = decision.verb
            then = "chat" if decision.request or "?" in body or any(
                entry.cues & _QUESTION for _, _, entry in hits) or (
                    verb is not None and not verb.frame and " " in verb.entry.phrase) else None
        elif decision.action == "chat" and _names_roles(body, caps):
            # "intro + outro music", "台标和背景音乐", "ロゴとBGM": what the files are for, said
            # with no verb, labels them. Role words are request cues elsewhere ("当背景音乐"),
            # and the caption model reads a caption of them as an instruction.
            pass
        elif decision.action == "upload" and _places(caps):
            # The rules read a hand-over ("町内会の盆踊りの曲です"), and the caption also says
            # where the file goes ("これを後半に流して", "here's the logo, bottom right").
            then = "chat"
        elif decision.action == "chat" and (
                decision.reason in ("edit", "chat-phrase", "ambiguous")
                # A yes that puts an edit before the action offered ("okay this is the voice
                # over, add it under the first clip" after an export offer) holds the edit.
                or (decision.reason == "context" and decision.then is not None)
                or (decision.request or _places(caps) if handed is None
                    else not handed.requests)
                or _asks(body, handed)):
            then = "chat"
        elif decision.reason in ("no-match", "phrase", "about", "negated") \
                and _has_words(body) and not (handed and handed.alone) \
                and not _describes(body, hits, caps) \
                and body.strip(_POINTING_MARKS).lower() not in _grammar().pointing:
            # (A caption that only points at the file, "this one", "这个", "これ", says
            # nothing more: grammar.yaml ``pointing``.)
            # No edit verb or request cue, but a caption in words: the learned caption model
            # may still read it as an instruction ("ábrelo con esto", "用在進場那段"); it never
            # takes one away that the rules found. Not asked of a hand-over in so many words
            # (a hand-over question, where the file is, what it is).
            caption = self._intent.caption
            rest = body
            if handed is not None:
                # The model reads what the hand-over questions leave ("use this, but only the
                # chorus"; "can you open this one? it's from my old phone").
                rest = _cut(body, handed.asked)
            if caption is not None and _has_words(rest) and (
                    rest == body or not _describes(rest, [], scan_entries(
                        rest, *self.tables.captions))) \
                    and caption.instruction(rest) >= caption.threshold:
                then = "chat"
        count = f"{len(files)} file{'s' if len(files) != 1 else ''}"
        detail = f"{count} sent: upload"
        if then == "chat":
            detail += ", then pass the message to the chat"
        elif then:
            detail += f", then {then}"
        return Route("upload", 1.0, "attachment", detail, language,
                     matched if then else None, then, files, decision.candidates)


def _gives_a_doing(body: str, verb: _Verb | None) -> bool:
    """Whether a frame's hand-over is a Korean giving glued to the verb before it ("써주세요",
    "해줘": "do it for me"), an edit asked, not the file handed over ("파일 주세요")."""
    if verb is None or not verb.frame:
        return False
    for form in _grammar().gives_a_doing:
        at = body.find(form, verb.start, verb.end)
        if at > 0 and _hangul(body[at - 1]):
            return True
    return False


def _cut(body: str, spans: Iterable[tuple[int, int]]) -> str:
    """``body`` without ``spans`` (each left as a space). They may overlap or nest (a hand-over
    question's clause and its phrase inside it): joined first, so each character goes once."""
    starts, ends = _merged_spans(list(spans))
    for lo, hi in zip(reversed(starts), reversed(ends), strict=True):
        body = body[:lo] + " " + body[hi:]
    return body


class _HandOver(NamedTuple):
    """What marks a caption as a hand-over: its hand-over questions (``asked``: the spans of
    the sentences and of the hand-over phrases that end their clause; ``ends``: where those
    phrases end, a "?" right after one asks nothing), whether every edit verb is a hand-over's
    (in such a question or phrase, or a verb of putting beside where a linked file is), and
    whether every request cue that is no edit verb lies in a hand-over span ("can you open
    it?") with no placement in the caption."""

    asked: tuple[tuple[int, int], ...]
    ends: tuple[int, ...]
    verbs: bool
    requests: bool
    #: where a linked file is, in a caption of one clause ("店面照片放這"): nothing more.
    alone: bool
    linked: bool


def _refers(body: str, captions: tuple[Mapping[str, Entry], Mapping[str, Any]]) -> bool:
    """Whether ``body`` says its links are an example to follow (cues.yaml ``references``) and
    hands nothing over ("here is my footage … and for reference …" sends the footage)."""
    cues = 0
    for _, _, entry in scan_entries(body, *captions):
        cues |= entry.cues
    return bool(cues & _REFERENCE) and not cues & (_HANDOVER | _STORED)


def _within(at: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= at < hi for lo, hi in spans)


def _closes(body: str, hits: list[Hit], end: int) -> int:
    """Where a hand-over phrase that ends at ``end`` ends with the question particles after it
    ("能用吗", "使えますか"), if nothing but punctuation, spaces or emoji follows before the
    next clause cue or the end ("can you use it for the intro?" asks for more); else -1."""
    at = end
    for start, stop, entry in hits:
        if start < at:
            continue
        if entry.cues & _CLAUSE or not entry.cues & _QUESTION \
                or any(ch.isalnum() for ch in body[at:start]):
            break
        at = stop
    stop = next((s for s, _, e in hits if s >= at and e.cues & _CLAUSE), len(body))
    return -1 if any(ch.isalnum() for ch in body[at:stop]) else at


def _question_spans(body: str, hits: list[Hit], caps: list[Hit]) -> list[tuple[int, int]]:
    """The clauses that ask whether the file came, opens or can be used: a ``receive`` verb
    (or a ``handover`` phrase) with at most two words after it, in a question or after an
    ``ability`` form, and no other edit verb or request cue ("were you able to get this?",
    "这个能用不", "konnten Sie die Datei öffnen?"; not "can you use the second half only?")."""
    receive = [(s, e) for s, e, entry in caps if entry.cues & (_RECEIVE | _HANDOVER)]
    able = [(s, e) for s, e, entry in caps if entry.cues & (_ABILITY | _HANDOVER)]
    # Clauses end at clause cues, and at spaces between Han or kana characters ("我放到网盘了
    # 你能下载吗").
    breaks = [(s, e) for s, e, entry in hits if entry.cues & _CLAUSE]
    breaks += [(m.start(1), m.end(1)) for m in _WIDE_SPACE.p.finditer(body)]
    breaks.sort()
    spans: list[tuple[int, int]] = []
    lo = 0
    for start, end in [*breaks, (len(body), len(body))]:
        verbs = [e for s, e in receive if lo <= s < start]
        if verbs and end > lo:
            asks = "?" in body[lo:end] or any(
                lo <= s < start and e.cues & _ABILITY for s, _, e in caps) or any(
                lo <= s < start and e.cues & _QUESTION for s, _, e in hits)
            bad = any(lo <= s < start and (
                (e.cues & _EDIT and not _within(s, receive) and not _within(s, able))
                or (e.cues & _REQUEST and not _within(s, able))) for s, _, e in hits) or any(
                lo <= s < start and e.cues & _PLACE for s, _, e in caps)
            if asks and not bad and _few_words(body, caps, lo, start):
                at, words = verbs[-1], 0.0
                for s, stop, e in [*hits, (start, start, None)]:
                    if s < at or (e is not None and not e.cues & _QUESTION):
                        continue
                    words += sum(1 if w.isascii() or len(w) > 1 else 0.34
                                 for w in TOKEN.findall(body[at:s]) if w[0].isalnum())
                    at = max(at, stop)
                    if s >= start:
                        break
                if words <= 2:
                    spans.append((lo, end))
        lo = end
    return spans


def _unless_spans(body: str, hits: list[Hit], caps: list[Hit]) -> list[tuple[int, int]]:
    """The sentences that hold the file failing to come or open as a condition (``unless``)
    and no edit verb but a verb of receiving: "si no abre avísame", "開けなかったら教えて
    ください" only hand the file over."""
    conditions = [s for s, _, entry in caps if entry.cues & _UNLESS]
    if not conditions:
        return []
    receive = [(s, e) for s, e, entry in caps if entry.cues & (_RECEIVE | _UNLESS)]
    spans: list[tuple[int, int]] = []
    lo = 0
    ends = [e for s, e, entry in hits if entry.cues & _SEPARATOR]
    for end in [*ends, len(body)]:
        if any(lo <= at < end for at in conditions) and not any(
                lo <= s < end and entry.cues & _EDIT and not _within(s, receive)
                for s, _, entry in hits) and not any(
                lo <= s < end and entry.cues & _PLACE for s, _, entry in caps):
            spans.append((lo, end))
        lo = end
    return spans


def _few_words(body: str, caps: list[Hit], lo: int, to: int) -> bool:
    """Whether at most two words come before the clause's first verb of receiving, counted
    from its last ability form before it, else from the clause's start: "konnten Sie die Datei
    öffnen?" names the file, "kannst du nur das Ende verwenden?" a part of it."""
    first = next((s for s, _, e in caps if lo <= s < to and e.cues & (_RECEIVE | _HANDOVER)),
                 to)
    at = max((e for s, e, c in caps if lo <= s < first and c.cues & _ABILITY), default=lo)
    return sum(1 if w.isascii() or len(w) > 1 else 0.34
               for w in TOKEN.findall(body[at:first]) if w[0].isalnum()) <= 2


def _handed_over(body: str, hits: list[Hit], caps: list[Hit], linked: bool
                 ) -> _HandOver | None:
    """The hand-over in a caption (``caps``: the caption words found in it, cues.yaml
    ``handover``, ``receive``, ``ability``, ``stored``, ``describe``, ``unless``,
    ``placement``), or None."""
    asked = _question_spans(body, hits, caps)
    asked += _unless_spans(body, hits, caps)
    questions = tuple(asked)
    ends: list[int] = []
    stored: list[tuple[int, int]] = []
    for start, end, entry in caps:
        if entry.cues & _HANDOVER and not _handover_doubted(body, hits, start):
            at = _closes(body, hits, end)
            if at >= 0:
                asked.append((start, end))
                ends.append(at)
        if entry.cues & _STORED and linked:
            # Where the file is ends its clause, but for the verb of putting and a particle
            # ("in die Dropbox gelegt", "放到百度网盘了"): "put these here after the toast"
            # says where in the video.
            lo, hi = _clause_bounds(body, hits, start, end)
            gap = _WIDE_SPACE.p.search(body, max(end - 1, 0), hi)  # "网盘了  你能下载吗"
            if gap is not None:
                hi = gap.start(1)
            rest = body[end:hi]
            for s, e, other in reversed(hits):
                if other.cues & _EDIT and end <= s < hi:
                    rest = rest[:s - end] + " " + rest[e - end:]
            if sum(1 if w.isascii() or len(w) > 1 else 0.34
                   for w in TOKEN.findall(rest) if w[0].isalnum()) <= 2:
                stored.append((lo, hi))
    if not asked and not stored:
        return None
    # The verb of putting inside where the file is ("ドライブに入れてくれました": its "て" joins
    # clauses elsewhere) splits nothing.
    alone = bool(stored) and not any(
        entry.cues & _CLAUSE and any(ch.isalnum() for ch in body[end:])
        and not (entry.cues & _EDIT and any(lo <= start <= hi for lo, hi in stored))
        for start, end, entry in hits)
    edits = [s for s, _, entry in hits if entry.cues & _EDIT]
    # An edit verb of a hand-over phrase ("use this one"), not of a question, hands over only
    # a caption that says little else: "use this, but only the chorus" asks. A verb that also
    # ends its clause ("入れて") stands at the end of the stored one's.
    rest = _cut(body, asked)
    alike = sum(1 if w.isascii() or len(w) > 1 else 0.34
                for w in TOKEN.findall(rest) if w[0].isalnum()) <= 2
    verbs = bool(edits) and all(
        _within(at, questions) or (alike and _within(at, asked))
        or any(lo <= at <= hi for lo, hi in stored)
        for at in edits)
    # A request cue outside the hand-over asks for something, also one that joins clauses
    # ("これ使えますか？最後に入れたいです": "最後", which the reading takes for a connector).
    # (A request cue that is an edit verb, "放在", is read as the verb.)
    requests = all(_within(s, asked) for s, _, entry in hits
                   if entry.cues & _REQUEST and not entry.cues & _EDIT) and not any(
        entry.cues & _PLACE for _, _, entry in caps)
    return _HandOver(tuple(asked), tuple(ends), verbs, requests, alone, linked)


def _handover_doubted(body: str, hits: list[Hit], at: int) -> bool:
    """Whether a negation or a question opens the clause of the hand-over phrase at ``at``
    before it ("don't use this video", "why did you use this video?", "can I use this video
    commercially?"): the caption says something of the file, it does not only hand it over."""
    lo, _ = _clause_bounds(body, hits, at, at)
    return any(lo <= start and end <= at
               and entry.cues & (Cue.NEGATE_BEFORE | _QUESTION | _ASKS)
               for start, end, entry in hits)


def _describes(body: str, hits: list[Hit], caps: list[Hit]) -> bool:
    """Whether the caption is one statement of what the file is: a ``describe`` word opens or
    ends it ("this is the clip of the kids singing", "昨日の配信アーカイブです"), and no clause
    cue or space between Han or kana characters splits it ("这是配乐 音量小点" asks more)."""
    if any(entry.cues & _CLAUSE and any(ch.isalnum() for ch in body[end:])
           for _, end, entry in hits):
        return False
    found = any(entry.cues & _DESCRIBE and (not any(ch.isalnum() for ch in body[:start])
                                            or not any(ch.isalnum() for ch in body[end:]))
                for start, end, entry in caps)
    return found and not any(body[k] == " " and _wide(body[k - 1]) and _wide(body[k + 1])
                             for k in range(1, len(body) - 1))


def _names_roles(body: str, caps: list[Hit]) -> bool:
    """Whether the caption only names what its files are for: every word in a ``roles``,
    ``role_fillers`` or ``describe`` phrase, one role at least, and no question mark ("ロゴと
    BGM", "here's the intro and the outro music", "附件是我司的LOGO，请查收": "please find
    attached" is a filler; not "intro music?" nor "logo top right")."""
    if "?" in body or not any(entry.cues & _ROLE for _, _, entry in caps):
        return False
    starts, ends = _spans([hit for hit in caps if hit[2].cues & _NAMING])
    return all(_inside(m.start(), starts, ends) for m in TOKEN.finditer(body)
               if m.group()[0].isalnum())


def _places(caps: list[Hit]) -> bool:
    """Whether the caption says where the file goes or in what order (``placement``)."""
    return any(entry.cues & _PLACE for _, _, entry in caps)


def _asks(body: str, handed: _HandOver | None) -> bool:
    """Whether a question mark in the caption asks something of the video: any "?" but one
    of a hand-over question ("can you grab it?", "¿lo puede usar?")."""
    at = body.find("?")
    while at >= 0:
        if handed is None or not (_within(at, handed.asked) or any(
                end <= at and not any(ch.isalnum() for ch in body[end:at])
                for end in handed.ends)):
            return True
        at = body.find("?", at + 1)
    return False


def _names_a_thing(hits: list[Hit]) -> bool:
    """Whether the message names a thing whose name holds an action word ("the status page",
    "o status do pedido": ``Cue.NAMES``) or thanks for one ("danke für das fertige Video"):
    the learned fallback would read that word as the request the rules took it not to be."""
    return any(entry.cues & (_NAMES | _THANKS) for _, _, entry in hits)


def _spans(hits: list[Hit]) -> tuple[list[int], list[int]]:
    """The starts and the ends of a scan's ``hits``, which are sorted and never overlap (the
    scan moves on past each one), for ``_inside``."""
    return [hit[0] for hit in hits], [hit[1] for hit in hits]


def _within_one(start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``start``–``end`` lies within one of the spans ``_spans`` gave."""
    k = bisect_right(starts, start) - 1
    return k >= 0 and end <= ends[k]


def _merged_spans(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of ``spans`` (which may overlap) joined into spans apart, sorted,
    for ``_inside``."""
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in sorted(spans):
        if ends and lo <= ends[-1]:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def _held_in(hit: Hit, starts: list[int], ends: list[int]) -> bool:
    """Whether ``hit`` lies inside a longer one of the spans ``_spans`` gave."""
    k = bisect_right(starts, hit[0]) - 1
    return k >= 0 and hit[1] <= ends[k] and ends[k] - starts[k] > hit[1] - hit[0]


def _inside(at: int, starts: list[int], ends: list[int]) -> bool:
    """Whether position ``at`` falls in one of the spans ``_spans`` gave: of spans sorted and
    apart, only the last one starting at or before ``at`` can hold it (a bisection instead of
    a test of every span for every token)."""
    k = bisect_right(starts, at) - 1
    return k >= 0 and at < ends[k]


def _outvoted(body: str, edits: list[_Verb], acts: list[_Verb], r: _Reading) -> bool:
    """Whether content phrases (``chat`` phrases, no edit verb among ``edits``) leave the
    actions beside them standing."""
    if _named_in_before_clause(body, edits, acts, r):
        return True
    if not all(v.entry.action == "chat" for v in edits):
        return False
    # Typed on after asking for the file, a word between: what is said of a thing in the
    # video ("gib mir die mp4 den abspann brauchen wir nicht mehr") asks nothing more.
    if any(a.entry.action == "export" and a.end < edits[0].start
           and _run_on(body, a.end, edits[0].start) for a in acts):
        return True
    # A thing in the video whose name holds an action word ("the end credits") only keeps that
    # word from meaning the action; it does not outvote a request in a sentence of its own
    # ("エンドロール完成！ファイルちょうだい").
    if not {v.sentence for v in edits} & {v.sentence for v in acts}:
        return True
    # Uploading it elsewhere, said after asking for the file ("could you give me the finished
    # file so I can upload it to youtube?"), is what the file is for.
    return all(v.clause in r.scopes and r.scopes[v.clause].platform for v in edits) and any(
        v.entry.action == "export" and v.end <= edits[0].start for v in acts)


def _named_in_before_clause(body: str, edits: list[_Verb], acts: list[_Verb],
                            r: _Reading) -> bool:
    """Whether the content phrases all stand in a clause of what comes first, before every
    action ("antes de meterle los créditos del final, ¿cuántos créditos tengo?", "エンド
    クレジット入れる前に、クレジット残高教えて", "엔딩 크레딧 넣기 전에 크레딧 잔액 알려줘"):
    the thing in the video is named there, the request follows it."""
    last, first = edits[-1].end, min(v.start for v in acts)
    g = _grammar()
    if last >= first or not ("?" in body[first:] or r.request
                             or any(word in body[first:] for word in g.to_know)):
        return False  # (what comes after must ask: "…, my balance was 500 and now 200")
    between = body[last:first]
    for word in g.before_ends:
        at = between.find(word)
        if at < 0:
            continue
        after = between[at + len(word):at + len(word) + 1]
        # Ending its clause, with a pause or a space after it, or with a pause later in the
        # clause ("エンドクレジットの前に確認したいんですが、…", "작업 전에요, …"): not "之前的
        # 配乐" (the previous music), which names a thing.
        if after in (" ", ",", "、", "") or (
                after not in _NAMING_AFTER and any(mark in between[at:] for mark in _PAUSES)):
            return True
    # In Latin script the clause opens the message and every content phrase stands in it,
    # before its pause ("Before I forget, the credits at the end should be white, …" names
    # them after it).
    pause = _first_pause(body)
    # Without a pause before the balance, a word that asks to be told stands between ("antes
    # de tocar los créditos finales dime cuántos créditos tengo"); only the balance, asked
    # first, is so asked ("… dime si ya puedo exportar" asks whether, of the export).
    return body.startswith(g.before_opens) and (
        (0 <= pause < first and last <= pause)
        or (not 0 <= pause < first and g.tells.search(between)
            and min(acts, key=_START).entry.action == "credits"))


# What ends a clause of what comes first (a dash too: "before we touch the end credits again -
# how many credits …"), and what after its word makes it name a thing instead ("之前的").
_PAUSES: Final = (",", "、", ":", "，", " - ", " – ", " — ")
_NAMING_AFTER: Final = frozenset("的の")


def _first_pause(body: str) -> int:
    """Where the first of ``_PAUSES`` stands in ``body``, or -1."""
    return min((at for at in (body.find(mark) for mark in _PAUSES) if at >= 0), default=-1)


def _asks_anything(body: str, hits: list[Hit]) -> bool:
    """Whether the message asks: a question mark, or a cue of a question, of how much or of a
    request among ``hits``."""
    return "?" in body or any(entry.cues & (_QUESTION | _ASKS | _REQUEST)
                              for _, _, entry in hits)


def _balance_asked_now(body: str, verbs: list[_Verb], r: _Reading) -> _Verb | None:
    """The balance named in a clause that says something of it (a complaint, a cost: its words
    cancelled there), then asked of now in a clause after a pause with a way of asking and no
    name of its own ("积分扣得好快，现在到底还剩几个？", "크레딧 빨리 줄어드는 것 같은데 지금
    정확히 몇 개인지 알려줘요"): the balance, else None."""
    if not all(v.about and v.entry.action == "credits" for v in verbs):
        return None
    clause = max(v.clause for v in verbs)
    after = [part for part in r.frame_parts if part[4] > clause]
    # (Ways of asking all, they ask without a question mark: "你看看我现在还剩几个".)
    if not after or not all(part[2].forms for part in after) \
            or not _asked_now_after(body, r, clause, after, formed=True):
        return None
    # How many are left or had ("how many do I need now?" asks a price; "现在还有优惠吗？",
    # "今残ってるキャンペーンある？" ask of a discount).
    start = min(part[0] for part in after)
    g = _grammar()
    return verbs[-1] if g.balance_count.search(body, start) \
        and g.balance_left.search(body, start) else None


def _balance_implied(body: str, hits: list[Hit]) -> _Verb | None:
    """The balance asked without its name, after a top-up or a charge told in the message
    ("Ist die Aufladung von gestern durch? Wie viel hab ich jetzt?", "扣完之後我淨返幾多？"):
    a word of a top-up or charge (grammar.yaml ``balance_moved``), a word of how many, and
    one of what is left or had after the first of those two (``balance_count``,
    ``balance_left``), in a question or request; none with a price asked ("how much does a
    top-up cost?") or another action's words. The words of how many, as a verb of the
    balance, else None."""
    # The cheap tests first: most messages that match nothing ask nothing either.
    if not _asks_anything(body, hits):
        return None
    g = _grammar()
    moved = g.balance_moved.find(body)
    if moved is None:
        return None
    count = g.balance_count.find(body)
    if count is None or not g.balance_left.search(body, min(moved[0], count[0])):
        return None
    # (A charge's own word may be a price's too: "扣完之後" tells, "扣了多少" asks a cost.)
    if any(entry.action is not None or (entry.cues & Cue.PRICE and not (
            moved[0] <= start and end <= moved[1])) for start, end, entry in hits):
        return None
    entry = Entry(body[count[0]:count[1]], "credits", 0, 0, 0, (),
                  "the balance, after a top-up or charge told")
    return _Verb(count[0], count[1], entry, 0)


def _price_of_counted(body: str, verb: _Verb, scopes: Mapping[int, _Scope]) -> str | None:
    """The price cue of ``verb``'s clause or a clause beside it, where a number stands right
    before ``verb`` (credits counted out, to buy: "500 Credits", "1000积分"), else None."""
    before = body[max(0, verb.start - 8):verb.start].rstrip()
    if not before or not before[-1].isdigit():
        return None
    for clause in (verb.clause, verb.clause - 1, verb.clause + 1):
        scope = scopes.get(clause)
        if scope is not None and scope.price is not None:
            return scope.price
    return None


def _link_renewed(body: str, hits: list[Hit]) -> _Verb | None:
    """The link to the file told dead and asked for again ("el link de descarga de ayer ya no
    funciona, me das otro?", "下载链接失效了，麻烦重新发一个", "어제 받은 다운로드 링크가
    만료됐어요. 다시 주세요"): a link word (grammar.yaml ``link_nouns``), a word of it
    being dead after it (``link_dead``), then a word asking for another (``link_again``).
    The link word, as the verb, or None. (A dead link only told, or asked about, asks for
    nothing: "the link expired, is that normal?"; nor beside an edit: "the link in the
    description doesn't work, can you add a new one?" changes the video.)"""
    # Most chat names no link: three substring tests (in C) for Latin text, before any
    # pattern is searched; ``_LINK_MARKS`` lists what every word of ``link_nouns`` holds.
    if "link" not in body and "lien" not in body and "enlace" not in body and (
            body.isascii() or not any(map(body.__contains__, _LINK_MARKS[3:]))):
        return None
    g = _grammar()
    link = g.link_nouns.find(body)
    if link is None or any(entry.cues & Cue.EDIT for _, _, entry in hits):
        return None
    dead = g.link_dead.find(body, link[1])
    if dead is None or not g.link_again.search(body, dead[1]):
        return None
    return _Verb(link[0], link[1], Entry(body[link[0]:link[1]], "export", 0, 0, 0, (),
                                         "grammar.yaml link_dead"), 0)


def _file_lost(body: str, hits: list[Hit]) -> _Verb | None:
    """The file the user was sent told lost or deleted and asked for again ("I lost the file
    you sent me yesterday, can you send the video again?", "昨天那個檔案我不小心刪掉了，可以
    再傳一次嗎"): a word of losing it (grammar.yaml ``file_lost``) and a file word
    (``file_nouns``), in either order, then a word of sending again (``link_again``) and a
    question or a request after both. The file word, as the verb, or None. Not beside an edit
    other than the deleting itself ("I deleted the intro, export it again" is the edit's, read
    before), nor a loss only told ("I lost the file, oh well"). (A Korean request with neither
    a question mark nor a request cue, "…지웠어요 다시 보내주실 수 있나요", is not read yet.)"""
    # Most chat asks for an edit or asks nothing: the cheap tests of the hits first (a word
    # list's search costs microseconds in Latin text). The deleting may be an edit cue itself
    # ("刪", "消し"), one at most.
    if not _asks_anything(body, hits) \
            or sum(1 for _, _, entry in hits if entry.cues & Cue.EDIT) > 1:
        return None
    g = _grammar()
    lost = g.file_lost.find(body)
    if lost is None:
        return None
    file = g.file_nouns.find(body)
    if file is None or any(entry.cues & Cue.EDIT and not (lost[0] <= start < lost[1])
                           for start, _, entry in hits):
        return None
    after = max(lost[1], file[1])
    if not g.link_again.search(body, after):
        return None
    # Asked after them: a question or a request ("my cousin lost the file again lol" tells).
    # (The body is NFKC: a full-width "？" is "?".)
    if "?" not in body[after:] and not any(
            start >= after and entry.cues & (_REQUEST | _QUESTION) for start, _, entry in hits):
        return None
    return _Verb(file[0], file[1], Entry(body[file[0]:file[1]], "export", 0, 0, 0, (),
                                         "grammar.yaml file_lost"), 0)


def _enough_asked(body: str, hits: list[Hit]) -> _Verb | None:
    """Whether, right after the balance was shown, the message asks if it is enough for one
    more thing (grammar.yaml ``enough_asked``: "Ça suffit pour un dernier montage ?",
    "Reicht das no für es chliises Video?", "じゃあこれで、あと1本表彰式の動画作れる？"): a
    question of the balance shown, however long. Not beside an action or a request of another
    thing ("is that enough? then export it" is read before this), nor a statement ("ça suffit
    pour aujourd'hui"). The enough words as the verb, or None."""
    found = _grammar().enough_asked.find(body)
    if found is None or any(entry.action in ("export", "state", "upload")
                            for _, _, entry in hits):
        return None
    if "?" not in body[found[0]:] and not any(
            start >= found[1] and entry.cues & _QUESTION for start, _, entry in hits):
        return None
    return _Verb(found[0], found[1], Entry(body[found[0]:found[1]], "credits", 0, 0, 0, (),
                                           "grammar.yaml enough_asked"), 0)


def _balance_checked_again(body: str, hits: list[Hit], common: AbstractSet[str]
                           ) -> _Verb | None:
    """Whether, right after the balance was shown, the message asks to look at it again
    (grammar.yaml ``rechecks``: "that can't be right, I had about 400 on friday. check
    again?", "Moment, das stimmt doch nicht … Kannst du nochmal schauen?", "你再查查"). The
    user doubts the figure and wants it once more; a long message of that doubt is past the
    follow-up's word limit (``_in_context``). Not where it names another thing to check or
    tells a defect ("double check the music volume", "자막 다시 확인해줘", "hmm it sounds off,
    check again?"), nor for later ("I'll check again tomorrow"): no other Latin word after
    the words that ask and at most two wide characters beside them ("你再查查", ``common``
    words aside), unless the message tells a figure, a top-up or its doubt of the figure
    (``balance_doubts``: "c'est bizarre, j'en avais plus hier"). Returns the request to look
    again as the verb that says why (``nemoskill route`` shows it), or None."""
    g = _grammar()
    found = g.rechecks.find(body)
    if found is None or g.defects.search(body) or any(
            entry.action in ("export", "state", "upload") or entry.cues & Cue.EDIT
            or entry.objects for _, _, entry in hits):
        return None
    if not any(map(str.isdigit, body)) and not any(map(body.__contains__, g.top_ups)) \
            and not g.balance_doubts.search(body):
        if any(entry.cues & _POSTPONE for _, _, entry in hits):
            return None  # (a time beside a figure is when the user had it: "on friday")
        # Characters of other words: a Latin one after the words that ask (its object in
        # these languages) is too many, two wide ones anywhere are not ("attends, tu peux
        # revérifier ?" opens on a word of its own).
        rest = 0
        for word in TOKEN.findall(body[:found[0]] + " " + body[found[1]:]):
            if word[0].isalnum() and word not in common:
                rest += len(word) if not word.isascii() else \
                    _RECHECK_REST + 1 if body.find(word, found[1]) >= 0 else 0
        if rest > _RECHECK_REST:
            return None
    language = detect_locale(body)
    return _Verb(found[0], found[1],
                 Entry(body[found[0]:found[1]], "credits", 0, 0, 0,
                       (language,) if language in _LOCALE_SET else (), "grammar.yaml rechecks"),
                 0)

# An amount of credits: two digits or more, not part of a Latin word ("4k", "1080p", "mp4"),
# then a unit of credits, a word that tells where it came from ("die 200 von gestern", "the 200
# I topped up", "les 300 que j'ai rechargés") or nothing: "the 12 photos", "30秒の映像" and "the
# 2024 footage" name things of the video.
_AMOUNT: Final = LazyPattern(
    r"(?i)(?<![0-9A-Za-z])[0-9]{2,}(?![0-9A-Za-z])\s?(?:$|[?？!.,，、]|(?:credits?|créditos?"
    r"|crédits?|punkte|pontos|points?|von|vom|from|de|do|da|del|du|des|que|qu'|i|that|which"
    r"|die|den|der|das|dal|ya|already|schon|déjà|já|auch|also|too|incluyen|incluye|include"
    r"|includes|inclut|incluent|inclui|incluem)\b|[点點]|积分|積分|クレジット|크레딧|嗰|個|个|的"
    r"|는|은|도)")


def _balance_made_of(body: str, hits: list[Hit]) -> bool:
    """Whether, right after the balance was shown, the message asks what it is made of: whether
    it includes a kind, pointing back at it (``makeup_include``: "does that include the free
    ones?"), or how many of a kind or of what expires, pointing back at it ("这里面包月送的和我
    自己充的各剩多少？", "Und wie viele davon verfallen Ende Jahr?"), in a question or request
    that names no other action and edits nothing ("do credits expire?", "那积分会过期吗" ask a
    policy; "can you add a bonus scene at the end of that clip?" edits)."""
    g = _grammar()
    include = g.makeup_include.find(body) or (0, 0)
    pointed = include != (0, 0)
    topped = (0, 0)
    if not pointed and (contains := g.makeup_contains.find(body)) is not None:
        # A verb of holding and the user's own top-up, with nothing pointing back: the same
        # question ("sind da die 200 von gestern schon mit drin?").
        topped = g.makeup_topped.find(body) or (0, 0)
        if topped != (0, 0) or _AMOUNT.p.search(body):
            include = contains
    # (Without a word pointing back, the thing held may come before the verb: "ist die
    # Musik mit den 20 Sekunden schon mit drin?")
    if include != (0, 0) and g.makeup_not.search(body, include[1] if pointed else 0):
        return False  # "does that include tax?": a price; "… the wedding video …": the project
    if include == (0, 0) and not (
            g.makeup_refs.search(body) and g.balance_count.search(body)
            and (g.makeup_words.search(body) or g.makeup_expiry.search(body))):
        return False
    # (Nor beside an edit: "ok, include that photo of the dog in the intro please"; the
    # inclusion asked is no edit of its own.)
    def held(start: int, end: int) -> bool:
        # Inside the top-up ("加值": not the edit "加"), or inside the verb of holding when it
        # points back ("does that include": not an edit) or is the project's own phrase
        # ("sind da die 200 … schon mit drin?"; its state phrase is the holding).
        return (topped[0] <= start and end <= topped[1]) \
            or (include[0] <= start and end <= include[1])

    if any((entry.action in ("export", "state", "upload") or entry.cues & Cue.EDIT)
           and not held(start, end) for start, end, entry in hits):
        return False
    return _asks_anything(body, hits)


def _asked_now_after(body: str, r: _Reading, clause: int,
                     parts: Sequence[tuple[int, int, Entry, int, int]] | None = None, *,
                     formed: bool = False) -> bool:
    """Whether every frame word (or of ``parts``) stands after ``clause``, in clauses that ask,
    and a word of now (grammar.yaml ``balance_now``) follows the pause before them: what
    ``clause`` said (a complaint, a cost, someone's doing) does not reach a question of now
    ("Dr. Patel says he topped up this morning, can you check what's on there now?")."""
    parts = r.frame_parts if parts is None else parts
    if not parts or any(part[4] <= clause for part in parts) or not (
            formed or r.request or all(part[4] in r.question_clauses for part in parts)):
        return False
    first = min(part[0] for part in parts)
    pause = max(body.rfind(mark, 0, first) for mark in _PAUSES)
    return pause >= 0 and _grammar().balance_now.search(body, pause)


def _in_sentences(r: _Reading, clause: int) -> bool:
    """Whether what ``clause`` says reaches the frame words: always, unless a sentence break
    lies between them and a request form stands among them ("遅い。完成版を出して"). A
    question still reaches a request in another sentence ("how do exports work? the final
    version?"), and any sentence reaches a thing named alone ("price per video. the final
    mp4": no form, nothing asked)."""
    if not r.sentence_starts or not any(part[2].forms for part in r.frame_parts):
        return True
    sentence = bisect_right(r.sentence_starts, clause)
    return sentence in r.questions or sentence in {p[3] for p in r.frame_parts}


def _done_first(body: str, edits: list[_Verb]) -> bool:
    """The message opens with "once it is changed" and names no change ("改完把時間軸給我看一下",
    "直したらタイムライン見せてください"): the change is the one asked for before, and what
    follows is the request. A change named in the message ("字幕改白色，改完就匯出") keeps it,
    and so does an export or upload after it ("改完之后再导出", "改完再上传": a change still
    pending is made first)."""
    for verb in edits:  # (loops and C calls rather than generators: this runs often)
        if not verb.entry.cues & _CONNECTOR:
            return False
    return not any(map(str.isalnum, body[:edits[0].start]))


def _wide(ch: str) -> bool:
    # Han characters and kana: Chinese and Japanese, written without spaces between words.
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"


def _pause_between(body: str, hits: list[Hit], at: int, to: int) -> bool:
    """Whether a clause ends between ``at`` and ``to`` and no colon stands there: a pause or a
    sentence break, or a space between Han or kana characters (Chinese and Japanese put none
    between words, so one there ends a clause: "最后三秒剪掉 发我mp4")."""
    found = False
    for start, _, entry in hits:
        if start >= to:
            break
        if start >= at and entry.cues & _CLAUSE:
            if entry.phrase in (":", "："):
                return False
            found = True
    if found:
        return True
    return any(body[k] == " " and _wide(body[k - 1]) and _wide(body[k + 1])
               for k in range(max(at, 1), min(to, len(body) - 1)))


def _form_in_clause(body: str, hits: list[Hit], verb: _Verb, own: int) -> bool:
    """Whether a way of asking of ``verb``'s own action (``own``: its frame bits) follows it
    in its clause (the request that the words before it name the thing of: "各トラックに何が
    乗ってるか見せて"), or opens that clause before it ("列出而家有邊幾個場景", "mostra-me as
    cenas que ficaram", "先给我看看现在有几个镜头")."""
    lo, hi = _clause_bounds(body, hits, verb.start, verb.end)
    for start, end, entry in hits:
        if not entry.forms & own or (start, end) == (verb.start, verb.end):
            continue
        if verb.end <= start and end <= hi:
            return True
        # (Words that say nothing may open the clause before it: "先给我看看现在有几个镜头".)
        if lo <= start and end <= verb.start and (
                not _has_words(body[lo:start]) or _opens_clause(body, hits, start, own=own)):
            return True
    return False


def _clause_bounds(body: str, hits: list[Hit], at: int, to: int) -> tuple[int, int]:
    """Where the clause that holds ``body[at:to]`` starts and ends: at the clause cues
    (",", "but", "でも") nearest it on either side, else the body's ends."""
    lo, hi = 0, len(body)
    for start, end, entry in hits:
        if entry.cues & _CLAUSE:
            if end <= at:
                lo = end
            elif start >= to:
                hi = start
                break
    return lo, hi


def _words_beside(body: str, hits: list[Hit], at: int, to: int) -> float:
    """How many words the clause that holds ``body[at:to]`` has besides it, known or not (a
    CJK character a third): "but" or "でも" beside "not now", where "je la programme pour
    demain" or "我明天上课要用" say what the user will do."""
    lo, hi = _clause_bounds(body, hits, at, to)
    words = 0.0
    for m in TOKEN.finditer(body, lo, hi):
        word = m.group()
        if word[0].isalnum() and not at <= m.start() < to:
            words += 1 if word.isascii() or len(word) > 1 else 0.34
    return words


def _has_words(body: str) -> bool:
    return any(ch.isalnum() for ch in body)


def _wide_forms(phrase: str) -> bool:
    # Auxiliary request forms of Japanese and Korean, which follow a verb: "줘", "ください".
    first = ord(phrase[0])
    return 0x3040 <= first <= 0x30FF or 0xAC00 <= first <= 0xD7AF or 0x1100 <= first <= 0x11FF


def _detail(decision: _Decision, matched: Match | None) -> str:
    reason = decision.reason
    # The commonest reasons first, each string made in one go.
    if reason == "phrase" and matched:
        return f"matched '{matched.text}' ({matched.language}) → {decision.action}"
    if reason == "frame" and matched:
        return (f"matched '{matched.text}' ({matched.language}, a request and its object) → "
                f"{decision.action}")
    if reason == "no-match":
        return _NO_MATCH
    phrase = f"'{matched.text}'" if matched else ""
    if reason == "context" and matched:
        tail = f", then {decision.then}" if decision.then else ""
        return (f"{phrase} ({matched.language}) after the previous reply ({decision.context}) "
                f"→ {decision.action}{tail}")
    if reason == "typo" and matched:
        return (f"{phrase} read as '{matched.phrase}' ({matched.language}, similarity "
                f"{decision.score:.2f}) → {decision.action}")
    if reason == "edit":
        tail = f", then {decision.then}" if decision.then else ""
        return f"{phrase} is an edit or generation request → chat{tail}"
    if reason == "chat-phrase":
        tail = f", then {decision.then}" if decision.then else ""
        return f"{phrase} is about the video's content → chat{tail}"
    if reason == "negated" and decision.verb is not None:
        return f"{phrase} is negated by '{decision.verb.negated_by}' → chat"
    if reason == "about" and decision.verb is not None:
        return (f"the message talks about {phrase} ('{decision.verb.negated_by}') rather than "
                "asking for it → chat")
    if reason == "quoted" and matched:
        return f"'{matched.phrase}' appears only inside quotes (content, not a command) → chat"
    if reason == "both" and matched and matched.role == decision.then:
        # The first request read from its clause alone (``Router._project_first``): the
        # phrase matched is the second's.
        return (f"two requests in clauses of their own: the first asks for {decision.action}, "
                f"then {phrase} ({matched.language}) → {decision.action}, then "
                f"{decision.then}")
    if reason == "both" and matched and decision.then is None:
        # (Both asked how the project stands: one look at it, ``_render_progress``.)
        return f"two questions of the project: {phrase} ({matched.language}) → {decision.action}"
    if reason == "both" and matched:
        return (f"two requests in clauses of their own: {phrase} ({matched.language}) → "
                f"{decision.action}, then {decision.then}")
    if reason == "ambiguous":
        names = " and ".join(a for a, _ in decision.candidates[:2])
        return f"the message asks for {names} about equally → chat"
    if reason == "empty":
        return "nothing was said → chat"
    if reason == "declined" and decision.verb is not None and decision.verb.negated_by:
        return (f"{phrase} is negated by '{decision.verb.negated_by}', and nothing else is "
                "asked: declined → chat")
    if reason == "declined":
        return "the message declines the previous reply's offer, and asks nothing else → chat"
    if reason == "follow-up":
        return ("a bare yes or no answers a previous reply, and none was given "
                "(nothing to confirm) → chat")
    if reason == "arbitrated" and len(decision.candidates) > 1:
        names = " and ".join(a for a, _ in decision.candidates[:2])
        return (f"the message asks for {names} about equally; the intent model reads it as "
                f"{decision.action} (probability {decision.score:.2f}) → {decision.action}")
    if reason == "arbitrated":
        return (f"{phrase} is an edit verb, but the intent model reads the message as "
                f"{decision.action} (probability {decision.score:.2f}) → {decision.action}")
    if reason == "model" and decision.action == "chat":
        overruled = decision.candidates[0][0] if decision.candidates else "an action"
        return (f"{phrase} suggests {overruled}, but the intent model reads the whole message "
                f"as chat (probability {decision.score:.2f}) → chat")
    if reason == "model":
        return (f"no phrase matched; the intent model reads it as {decision.action} "
                f"(probability {decision.score:.2f}) → {decision.action}")
    return _NO_MATCH


_NO_MATCH: Final = "no action phrase matched → chat"


@cache
def default_router() -> Router:
    """The router over the built-in tables (built on first use, then shared)."""
    return Router(builtin_tables())


def route(text: str, attachments: Iterable[str] = (), *, after: str | None = None,
          prior_language: str | None = None) -> Route:
    """Route ``text`` with the built-in tables; see ``Router.route``."""
    return default_router().route(text, attachments, after=after,
                                  prior_language=prior_language)
