"""Message → intent for the local editing agent: deterministic rules over per-language tables.

``parse(message, has_video=…)`` returns one ``Intent``. The message's language is detected
first; its words and English ones are matched together, so mixed messages ("请把 title 改成
'Morning Rush'") work. Generation wins when the message asks for a video (verb + noun, a
script, or a bare description while the project is empty); then removals, questions, and the
edit targets in a fixed order (volume, title, captions, music, aspect ratio, duration).

Every pattern here runs in time linear in the message: word alternations, no nested
quantifiers, and the subject is cut by scanning tokens once.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from backend.local import dictation, quoted_text, styling
from backend.local.directions import split_direction
from backend.local.lexicon import (
    LOOKS,
    Language,
    Lexicon,
    Particles,
    has_cjk,
    lexicon,
    word_pattern,
)
from backend.local.narration import no_narration_phrases, script_read_phrases, wants_narration
from backend.local.scenes import names_things
from backend.local.self_talk import without_self_talk
from backend.local.weather import Ended, removal_from_words, scene_ask_words
from backend.local.weather import ended as ended_weather
from backend.local.weather import of_scene as scene_weather
from backend.local.weather import word_of as weather_word
from backend.particles import josa
from backend.words import word_alternatives

__all__ = ["WITH_LENGTH", "Intent", "IntentKind", "SceneMove", "Span", "bare_length",
           "cannot_reply", "is_bare_verb", "make_title", "parse", "part_before_length",
           "sentences_of", "split_edits"]

IntentKind = Literal[
    "generate", "regenerate", "title_set", "title_remove", "captions_add", "captions_remove",
    "captions_move", "undo",
    "bgm_set", "bgm_remove", "song_music", "uploads_added", "volume", "clip_volume", "duration",
    "ratio", "clip_remove", "framing", "text_style", "narration", "look",
    "track_remove", "question", "export_question", "product_question", "upload_ref", "help",
    "clip_length", "clip_move",
    "weather", "thanks", "wait", "cannot", "unknown", "restyle",
]


@dataclass(frozen=True)
class Span:
    """A time in the video: ``kind`` "range" (a to b), "last"/"first" (a seconds), "at" (a);
    values in ms."""

    kind: Literal["range", "last", "first", "at"]
    a: int
    b: int | None = None


#: Where a scene moved goes (``SceneMove.to``).
MoveTo = Literal["start", "end", "before", "after", "swap"]


@dataclass(frozen=True)
class SceneMove:
    """A scene put elsewhere in the video ("move the last scene to the start", "swap the first
    and second scenes"): the scene at ``place`` (1-based, -1 the last; 0 for one named by what
    it shows, to be asked) goes to the ``start`` or the ``end``, ``before`` or ``after`` the
    scene at ``other``, or changes places with it (``swap``). Places are the ones the scenes
    have before the move."""

    place: int
    to: MoveTo
    other: int = 0


@dataclass(frozen=True)
class Intent:
    """What the user asked for, with the parameters found in the message.

    ``ratio`` is "16:9" | "9:16" | "1:1", or "unsupported" for another explicit ratio.
    ``volume`` is absolute (0–1), ``volume_step`` relative. ``track`` is a track role
    ("video", "bgm", "audio", "title", "captions") or a 1-based index; for a question, the
    track asked about (None: the whole project). ``replace`` is set when new captions are to
    replace the old ones rather than join them. ``duration_ms`` is what
    the message said, not yet checked against the allowed range. ``prompt`` is the subject of
    a generation ("" when the message names none). ``ask`` is what a ``text_style`` or
    ``narration`` request asks, or the voice-over a generation asks for.
    """

    kind: IntentKind
    lang: str = "en"
    text: str | None = None
    texts: tuple[str, ...] = ()
    span: Span | None = None
    prompt: str | None = None
    script: tuple[str, ...] = ()
    script_missing: bool = False
    title: str | None = None
    duration_ms: int | None = None
    #: -1 when ``duration_ms`` is to be taken off the video's length ("shorten it by 10
    #: seconds", "10 seconds shorter"), 1 when added ("make it 5 seconds longer"); 0 when it
    #: is the new length.
    duration_change: int = 0
    #: True when ``duration_ms`` is a cap ("no longer than 20 seconds", "20秒以内"): the
    #: video is cut to it when longer and left as it is when not.
    duration_cap: bool = False
    ratio: str | None = None
    style: str | None = None
    mood: str | None = None
    volume: float | None = None
    volume_step: float | None = None
    track: str | int | None = None
    uploads: bool = False
    fresh: bool = False
    replace: bool = False
    #: A caption's text changed ("자막을 X로 바꿔줘", "change the caption to X"): the caption
    #: the message names, or the only one, shows the new text; with several and none named,
    #: the new one is added.
    rename: bool = False
    ask: styling.Ask | None = None
    song: bool = False
    #: The look of the whole picture asked for (``lexicon.LOOKS``), or "none" to take it away.
    look: str | None = None
    #: A look of the title's or captions' letters the renderer does not draw ("bold",
    #: "italic", "粗体"), as the message wrote it: said to be unavailable, never the text.
    font: str | None = None
    #: What a generation's other clauses say the scenes look like ("…만들어줘, 밤하늘에 별이
    #: 가득한 느낌으로"): for the scenes, not the title.
    setting: str = ""
    #: What a script's message says of the whole video, outside its scenes ("a rainy video
    #: with this script:"): weather said there is every scene's, a scene's own is only its own.
    overall: str = ""
    #: A script's camera directions, one per scene ("" where none): how it is shot.
    shots: tuple[str, ...] = ()
    #: The weather a ``weather`` request ends or denies ("the rain stops", "没有雨").
    weather: Ended | None = None
    #: Captions asked one per sentence ("Untertitel für jeden Satz"): the prompt's sentences.
    per_sentence: bool = False
    #: Captions asked of a new video ("… with captions", "字幕付きで", "mit Untertiteln für
    #: jeden Satz"): "scene" (one per scene) or "sentence" (the prompt's sentences).
    captions: Literal["scene", "sentence"] | None = None
    #: Where a ``cannot`` "publish" request wanted the video ("抖音", "Instagram").
    platform: str | None = None
    #: How a new video's title is to look, said right after it ("… titled Morning in yellow
    #: at the top"): made on the title once the video is.
    title_look: styling.Ask | None = None
    #: A ``bgm_set`` asked by a mood word alone ("make it more retro", "弄成复古一点"), with no
    #: word naming the music: on a video whose music was taken away it asks no music back.
    by_mood: bool = False
    #: Several scenes' lengths in one message ("the last two scenes 3 seconds", "the second
    #: scene 3 seconds and the third 4"), or several scenes removed ("delete the last two
    #: scenes"): (place, duration_ms, duration_change) each, the place 1-based or counted
    #: from the end (-1 the last). Empty when ``track`` names the one scene (or "each").
    scenes: tuple[tuple[int, int, int], ...] = ()
    #: The message is one request across its clauses ("la première scène est trop longue,
    #: mets-la à 2 secondes": the scene, then its length), never split into edits.
    one_request: bool = False
    #: Where a ``clip_move`` puts a scene.
    move: SceneMove | None = None


_QUOTES = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|『([^』]+)』|《([^》]+)》|‘([^’]+)’|«\s*([^»]+?)\s*»"
    r"|„([^“”]+)[“”]"
    r"|(?:^|(?<=[\s\u3000-\u303f\u3400-\u9fff\uac00-\ud7af\uff00-\uffef(]))'([^']+)'"
    r"(?=$|[\s.,!?;:)\u3000-\u303f\u3400-\u9fff\uac00-\ud7af\uff00-\uffef])"
)
_NUM = r"(?<![\d.,])(\d+(?:[.,]\d+)?)"
_CN_NUM = "零一二两三四五六七八九十百"
_RATIO = re.compile(r"(?<![\d.])(\d{1,2})\s*[:：x×/]\s*(\d{1,2})(?![\d.])")
#: A colon that introduces something: not one between two digits, a clock time's ("at 20:00").
_COLON = re.compile(r"(?<!\d)[:：]|[:：](?!\d)")
# Patterns that start with a run of digits look behind first, so that they try only where
# the run begins: otherwise every position inside a long run starts a scan to its end, and
# planning grows with the square of the message.
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*%|百分之\s*(\d+)|(?<!\d)(\d+)\s*퍼센트")
_TO_NUMBER = re.compile(
    r"(?:\bto\b|\ba\b|\bà\b|\bauf\b|\bpara\b|\bzu\b|到|为|成|に|로)\s*(\d+(?:[.,]\d+)?)")
_TRACK_INDEX = re.compile(
    r"track\s*#?\s*(\d+)|(?<!\d)(\d+)(?:st|nd|rd|th)?\s+track|第\s*(\d+|[一二三四五六七八九十])\s*[条條个個]?\s*(?:轨|軌|トラック)"
    r"|(?<!\d)(\d+)\s*번(?:째)?\s*트랙"
)
_SENTENCES = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
_NUMBERING = re.compile(
    r"^\s*(?:scene\s*\d+\s*[:.\-)]|\d+\s*[.)、:：]|镜头\s*\d+\s*[:：]|鏡頭\s*\d+\s*[:：]|[-*•])\s*",
    re.I)
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_BAD_TEXT = re.compile(r"^(?:to\s+)?(?:the|this|my|it|our)\b(?:\s+(?:video|clip|film))?$")
_TOKENS = re.compile(r"\w[\w'’-]*|[^\w\s]", re.U)
_EDGE_PUNCT = " \t\n.,!?;:。！？，；：、…\"'“”‘’「」『』()（）-–"


class _Ctx:
    """One message, lower-cased, and the word tables of its language plus English."""

    def __init__(self, lex: Lexicon, message: str, lang: str) -> None:
        self.lex = lex
        self.message = message
        self.lower = message.lower()
        self.lang = lang
        self.codes = tuple(dict.fromkeys((lang, lex.default_lang)))
        self.tables: tuple[Language, ...] = tuple(lex.lang(c) for c in self.codes)

    def words(self, key: str) -> tuple[str, ...]:
        return self.lex.words(key, self.codes)

    def pattern(self, key: str) -> re.Pattern[str]:
        return word_pattern(self.words(key))

    def has(self, key: str, text: str | None = None) -> bool:
        return bool(self.pattern(key).search(self.lower if text is None else text))

    def find(self, key: str, text: str | None = None) -> re.Match[str] | None:
        return self.pattern(key).search(self.lower if text is None else text)

    def joined(self, attr: str, key: str) -> tuple[str, ...]:
        out: list[str] = []
        for table in self.tables:
            out.extend(getattr(table, attr).get(key, ()))
        return tuple(dict.fromkeys(out))

    def listed(self, attr: str) -> tuple[str, ...]:
        out: list[str] = []
        for table in self.tables:
            out.extend(getattr(table, attr))
        return tuple(dict.fromkeys(out))

    def named(self, attr: str) -> dict[str, tuple[str, ...]]:
        """A name → words table (styles, moods, ratios, palettes) over the languages; the
        shape words this message uses as a place's name ("the town square") are none."""
        out: dict[str, list[str]] = {}
        places = self.places_not_shapes if attr == "ratios" else frozenset()
        for table in self.tables:
            for name, words in getattr(table, attr).items():
                out.setdefault(name, []).extend(w for w in words if w not in places)
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}

    @functools.cached_property
    def places_not_shapes(self) -> frozenset[str]:
        """The shape words the message uses only as a place's name ("kids playing in the town
        square", "the empty square"), never of the video ("make it square", "square format",
        "a square video", "…, square")."""
        found: set[str] = set()
        after = word_pattern(self.words("video_nouns") + self.words("ratio_after"))
        before = _Before(frozenset(self.words("ratio_before")),
                         frozenset(self.words("ratio_articles")),
                         frozenset(self.words("ratio_article_before")),
                         frozenset(w for w in self.listed("joiners") if w.isalpha()))
        for word in self.words("ratio_place_words"):
            uses = list(word_pattern((word,)).finditer(self.lower))
            if uses and all(_a_place(self.lower, m, before, after) for m in uses):
                found.add(word)
        return frozenset(found)

    @functools.cached_property
    def look_words(self) -> tuple[str, ...]:
        """The words that ask a look of the whole picture ("black and white", "黑白")."""
        return tuple(w for t in self.tables for ws in t.look_words.values() for w in ws)

    @functools.cached_property
    def subject_first(self) -> bool:
        """Whether the message's language puts what a video shows before the word "video"
        ("海边的视频", "바다 영상")."""
        return any(t.subject_before_noun for t in self.tables if t.code == self.lang)

    @functools.cached_property
    def weather_gone(self) -> Ended | None:
        """The weather the message ends, denies or asks for, unless it is a caption's or
        title's text ("add a caption: the rain stops")."""
        if self.has("caption") or _titled(self):
            return None
        # A quoted text is someone's words ("…说“下小雨了”"), not a request for weather.
        said = ended_weather(_QUOTES.sub(" ", self.message), self.lang)
        if said is not None and any(self.has(k) for k in _NOT_WEATHER):
            # "add calm music for the rainy part", "delete the scene with the snow", "add 2
            # seconds to the rain scene": the weather names a part; something else is asked.
            return None
        return said

    @functools.cached_property
    def units(self) -> dict[str, int]:
        factors = {"seconds": 1000, "minutes": 60_000, "hours": 3_600_000}
        out: dict[str, int] = {}
        for table in self.tables:
            for key, factor in factors.items():
                for unit in table.units[key]:
                    out.setdefault(unit, factor)
        return out


@functools.cache
def _unit_alt(units: tuple[str, ...]) -> str:
    parts = []
    for unit in sorted(units, key=len, reverse=True):
        tail = "" if has_cjk(unit) else r"(?!\w)"
        parts.append(re.escape(unit) + tail)
    return "(?:" + "|".join(parts) + ")"


@functools.cache
def _duration_re(units: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9.,A-Za-z\u00c0-\u024f]){_NUM}\s*-?\s*({_unit_alt(units)})", re.I)


@functools.cache
def _cn_duration_re(units: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_CN_NUM}])([{_CN_NUM}]+)\s*({_unit_alt(units)})")


@functools.cache
def _time_re(template: str, seconds: tuple[str, ...]) -> re.Pattern[str]:
    unit = _unit_alt(seconds)
    return re.compile(template.replace("{n}", _NUM).replace("{u}", unit), re.I)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _cn_number(text: str) -> int | None:
    """Small Chinese numerals (零 … 九百九十九)."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


#: An hour's milliseconds, and the most hours an hour of the day has ("samedi 20h").
_HOUR_MS = 3_600_000
_DAY_HOURS = 24


def _lengths(ctx: _Ctx, text: str) -> Iterator[re.Match[str]]:
    """The lengths in ``text``: each number with a time unit, except one in a quoted text (it
    is part of that text) and an hour of the day beside a date word ("« Concert de Noël –
    samedi 20h »", "Saturday at 20h": when something happens, not how long the video lasts).
    A length beside a linking word stays a length ("30 secondes à la plage", "20 seconds at
    most"; backend/local/quoted_text.py). The one rule for ``_duration_ms``,
    ``_strip_durations`` and ``_given_text``."""
    units = ctx.units
    low = text.lower()
    quoted = _quotes(text)
    for found in _duration_re(tuple(units)).finditer(text):
        if quoted_text.inside(quoted, found.start(), found.end()):
            continue
        if (units[found.group(2).lower()] == _HOUR_MS
                and _number(found.group(1)) <= _DAY_HOURS
                and (quoted_text.beside_date(low, found.start(), found.end(), ctx.codes)
                     or (quoted_text.after_clock_word(low, found.start(), ctx.codes)
                         and not quoted_text.says_how_long(low, found.end(), ctx.codes)))):
            continue
        yield found


def _duration_ms(ctx: _Ctx, text: str) -> int | None:
    units = ctx.units
    m = next(_lengths(ctx, text), None)
    if m:
        return round(_number(m.group(1)) * units[m.group(2).lower()])
    cjk = tuple(u for u in units if has_cjk(u))
    c = _cn_duration_re(cjk).search(text) if cjk else None
    if c:
        number = _cn_number(c.group(1))
        if number is not None:
            return number * units[c.group(2)]
    return None


def _without(text: str, found: list[re.Match[str]]) -> str:
    """``text`` with each match (found in ``text``, in order) replaced by a space."""
    for m in reversed(found):
        text = f"{text[:m.start()]} {text[m.end():]}"
    return text


#: A Japanese object made into a video ("Xを20秒の動画にして"): the subject is X.
_JA_MADE_A_VIDEO = re.compile(
    r"[^\s、。]を[^を]{0,12}(?:動画|ビデオ|ムービー)に(?:して|する|したい)")


def _made_a_video(ctx: _Ctx, duration: int) -> Intent | None:
    """"京都の桜の旅行の思い出を20秒の動画にして" (make it a 20-second video) with no video yet:
    the video of that subject, that long (it asked what the video should be about)."""
    if not _JA_MADE_A_VIDEO.search(ctx.message):
        return None
    made = parse(_strip_durations(ctx, ctx.message), has_video=False, session_language=ctx.lang)
    if made.kind == "generate" and made.prompt and made.duration_ms is None:
        return dataclasses.replace(made, duration_ms=duration)
    return None


def _strip_durations(ctx: _Ctx, text: str) -> str:
    units = tuple(ctx.units)
    # Only lengths go: "Concert samedi 20h" keeps its time of day, a quoted text its numbers.
    text = _without(text, list(_lengths(ctx, text)))
    cjk = tuple(u for u in units if has_cjk(u))
    return _cn_duration_re(cjk).sub(" ", text) if cjk else text


def _span(ctx: _Ctx) -> tuple[Span | None, str]:
    """The first time span in the message and the message without it."""
    seconds = ctx.joined("units", "seconds")
    # A time inside a quoted text is part of that text ('a caption "the last 3 seconds"').
    quoted = [(a, b) for a, b, _ in _quotes(ctx.message)]
    for kind in ("range", "last", "first", "at"):
        for table in ctx.tables:
            for template in table.times[kind]:
                m = next((m for m in _time_re(template, seconds).finditer(ctx.message)
                          if not any(a <= m.start() < b for a, b in quoted)), None)
                if not m:
                    continue
                numbers = [round(_number(g) * 1000) for g in m.groups() if g is not None]
                rest = ctx.message[:m.start()] + " " + ctx.message[m.end():]
                if kind == "range" and len(numbers) >= 2:
                    return Span("range", numbers[0], numbers[1]), rest
                if numbers:
                    return Span(kind, numbers[0]), rest
    return None, ctx.message


def part_before_length(message: str, lang: str) -> str:
    """The words of ``message`` before the joiner that starts the request of its length
    ("add a title" of "add a title and shorten it by 10 seconds"); the whole message when no
    joiner stands before the length."""
    lex = lexicon()
    ctx = _Ctx(lex, message, lex.detect(message, lang))
    at = _length_at(ctx)
    if at is None:
        return message
    joined = list(word_pattern(ctx.listed("joiners")).finditer(ctx.lower[:at[0]]))
    part = message[:joined[-1].start()].strip(_EDGE_PUNCT) if joined else ""
    return part or message


def _from_to(ctx: _Ctx) -> tuple[int, int, int] | None:
    """The length asked when the message changes the video's from one length to another
    ("从30秒改成20秒", "20秒から30秒に伸ばして", "von 30 auf 20 Sekunden"; times.from_to): the
    last one, in ms, and where it stands. None when the message names a title or caption (a
    time of theirs) or says no such change."""
    unjoined = ctx.lower
    if has_cjk(unjoined):
        # A counter joined to the video noun is the video's ("这段视频"), no part's.
        unjoined = _COUNTER_BEFORE.sub(" ", ctx.pattern("video_nouns").sub(" ", unjoined))
    if (not _places_nothing(ctx) or any(ctx.has(key, unjoined) for key in _LENGTH_PARTS)
            or ctx.has("from_to_not")):
        # "jede Szene von 5 auf 3 Sekunden", "トランジションを1秒から2秒にして": a part's
        # length, not the video's (never cut the whole video to it); "schneide von 10 auf
        # 20 Sekunden" may cut that stretch out (from_to_not).
        return None
    return _length_changed_to(ctx)


def _length_changed_to(ctx: _Ctx) -> tuple[int, int, int] | None:
    """The last length of a change from one length to another said in the message (the
    ``times.from_to`` templates), in ms, and where it stands; None when there is none."""
    seconds = ctx.joined("units", "seconds")
    quoted = [(a, b) for a, b, _ in _quotes(ctx.message)]
    for table in ctx.tables:
        for template in table.times["from_to"]:
            for m in _time_re(template, seconds).finditer(ctx.message):
                if any(a <= m.start() < b for a, b in quoted):
                    continue
                last = max(i for i in range(1, len(m.groups()) + 1) if m.group(i) is not None)
                return round(_number(m.group(last)) * 1000), m.start(last), m.end()
    return None


#: A Chinese counter left before a video noun taken out ("这段 视频"): no clip noun.
_COUNTER_BEFORE = re.compile(r"[段條条](?= )")


#: Word lists naming a part of the video that may have a length of its own.
_LENGTH_PARTS = ("clip_nouns", "part_nouns", "bgm", "track", "length_parts")


_WORD_BEFORE = re.compile(r"(\w+)\s*$")


@dataclass(frozen=True)
class _Before:
    """What stands before a shape word that makes it the video's shape: one of ``words``
    ("make it square", "in square"), or an article (``articles``) after one of
    ``article_words`` ("make it a square", "turn the video into a square") and before
    nothing but a joiner (``joiners``: "make it a square and add captions")."""

    words: frozenset[str]
    articles: frozenset[str]
    article_words: frozenset[str]
    joiners: frozenset[str]


def _a_place(text: str, use: re.Match[str], before: _Before, after: re.Pattern[str]) -> bool:
    """Whether the shape word ``use`` in ``text`` names a place: not followed by a word said
    of the video (``after``: "format", "video") nor preceded by one that makes it the video's
    shape (``before``: "make it", "in", "make it a"), nor alone at a clause's start
    ("…, square")."""
    rest = text[use.end():]
    if after.match(text, use.end() + len(rest) - len(rest.lstrip())):
        return False
    word = _WORD_BEFORE.search(text[:use.start()])
    if word is not None and word.group(1) in before.articles:
        # "make it a square" ends there; "make it a square box" names a box.
        ahead = _WORD_BEFORE.search(text[:word.start(1)])
        following = re.match(r"\s*(\w+)", rest)
        return not (ahead is not None and ahead.group(1) in before.article_words
                    and (following is None or following.group(1) in before.joiners))
    return word is not None and word.group(1) not in before.words and not word.group(1).isdigit()


#: The largest number either side of an aspect ratio anyone asks for (21:9).
_RATIO_MAX = 21


#: Formats people ask for by name: never a clock time, even after "at" or "à" ("render it at
#: 9:16", "mets-la à 9:16" were not understood once a clock word hid them).
_KNOWN_RATIOS = frozenset(("9:16", "16:9", "1:1", "4:5", "5:4", "4:3", "3:4", "21:9", "9:21",
                           "16:10", "10:16", "2:3", "3:2"))


def _ratios(ctx: _Ctx, text: str) -> Iterator[re.Match[str]]:
    """The aspect ratios in ``text`` (lower-cased), leaving out clock times: "20:00", "18:30"
    or "at 8:15" (a word that says when before it, or two-digit minutes that no ratio has) is
    when something happens ("a video for my party at 20:00" was refused as a 20:0 format)."""
    lengths: list[tuple[int, int]] | None = None  # read only when a ratio-like pair is there
    for found in _RATIO.finditer(text):
        hours, minutes = found.group(1), found.group(2)
        if lengths is None:
            lengths = [m.span() for m in _lengths(ctx, text)]
        if any(a <= found.start(2) < b for a, b in lengths):
            continue  # "scene 3: 3 seconds": a label and a length, no 3:3 format
        clock = (text[found.end(1):found.start(2)].strip() in (":", "：") and len(minutes) == 2
                 and int(hours) <= _DAY_HOURS and int(minutes) < 60)
        known = f"{int(hours)}:{int(minutes)}" in _KNOWN_RATIOS
        if clock and not known and (
                minutes.startswith("0") or max(int(hours), int(minutes)) > _RATIO_MAX
                or quoted_text.after_clock_word(text, found.start(), ctx.codes)):
            continue
        yield found


def _ratio(ctx: _Ctx) -> str | None:
    m = next(_ratios(ctx, ctx.lower), None)
    if m:
        value = f"{int(m.group(1))}:{int(m.group(2))}"
        return value if value in ("16:9", "9:16", "1:1") else "unsupported"
    for ratio, words in ctx.named("ratios").items():
        if word_pattern(words).search(ctx.lower):
            return ratio
    return None


def _named(ctx: _Ctx, attr: str, text: str | None = None) -> str | None:
    target = ctx.lower if text is None else text.lower()
    best: tuple[int, str] | None = None
    # "warm light", "luz cálida": light of the picture, whose word is no music's mood (a
    # look word that is the mood word whole, "明るく", still names the music's mood).
    looks = _warm_lights(ctx, target) if attr == "moods" else []
    for name, words in ctx.named(attr).items():
        for m in word_pattern(words).finditer(target):
            if attr == "moods" and _against(ctx, target, m.start(), m.end()):
                continue  # "make it less lively", "trop vivante": not that mood
            if any(a <= m.start() < b for a, b in looks):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), name)
            break
    return best[1] if best else None


def _against(ctx: _Ctx, text: str, start: int, end: int) -> bool:
    """Whether a mood word at ``start:end`` is said to be too much or wished less: a
    mood_against word right before it ("less lively", "太热闹", "덜 흥겹게") or a
    mood_against_after word right after it ("feliz demais", "明るすぎる")."""
    before = text[max(0, start - 16):start].rstrip(" \t")
    after = text[end:end + 12].lstrip(" \t")
    if _ends_with_word(before, ctx.words("length_about")):
        return False  # "a more or less happy dog", "más o menos alegre": about that mood
    return (_ends_with_word(before, ctx.words("mood_against"))
            or _starts_with_word(after, ctx.words("mood_against_after")))


def _quotes(message: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _QUOTES.finditer(message):
        text = next(g for g in m.groups() if g is not None).strip()
        if text:
            out.append((m.start(), m.end(), text))
    return out


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is the result
        pass
    return found


def _clean(text: str) -> str:
    return text.strip(_EDGE_PUNCT).strip()


def _strip_polite(ctx: _Ctx, text: str) -> str:
    """``text`` without politeness or a following instruction at its end ("… please",
    "… and then export it") or politeness at its start."""
    tails = ctx.listed("tails")
    if tails:
        m = word_pattern(tails).search(text.lower())
        if m and m.start() > 0 and not _tail_goes_on(ctx, text[m.start():m.end()],
                                                     text[m.end():], text[:m.start()]):
            text = text[:m.start()]
    polite = ctx.pattern("polite")
    for _ in range(3):
        cleaned = _clean(text)
        m = _last(polite, cleaned.lower())
        if m is not None and m.end() == len(cleaned) and m.start() > 0:
            text = cleaned[:m.start()]
            continue
        first = polite.match(cleaned.lower())
        if first is not None and first.end() < len(cleaned):
            text = cleaned[first.end():]
            continue
        text = cleaned
        break
    return _clean(text)


def _edit_verbs(ctx: _Ctx) -> tuple[str, ...]:
    """The verbs of adding, removing and changing, in the message's languages."""
    return ctx.words("add") + ctx.words("remove") + ctx.words("change")


def _tail_goes_on(ctx: _Ctx, tail: str, rest: str, before: str = "") -> bool:
    """Whether a tail ending with a verb ("and make") goes on the text before it: the words
    after it are typed in lower case and ask nothing of the video ("change the title to cook
    and make friends" keeps "cook and make friends"; "… and make it red" ends the text)."""
    verb = _last(word_pattern(_edit_verbs(ctx)), tail.lower())
    low = rest.lower()
    if verb is not None and verb.end() == len(tail) and (
            not rest.strip(_EDGE_PUNCT).strip() or _verb_in_title_case(before, tail)):
        # "Compra y Usa", "An Ort und Stelle": the verb ends the title, nothing is asked of it;
        # "Baila y Pon Tu Alma", "Spiel und Mach Mit": a Title Case title goes on with it.
        return True
    return (verb is not None and verb.end() == len(tail) and rest.strip()[:1].islower()
            and not _request_follows(ctx, verb.group(), low)
            and not _of_the_video(ctx, verb.group(), low, word_pattern(ctx.listed("joiners")))
            and not any(ctx.has(key, low) for key in _REQUEST_KEYS))


def _verb_in_title_case(before: str, tail: str) -> bool:
    """Whether the tail's verb is capitalised and so is every word of the text before it
    ("Baila y Pon", "Spiel und Mach"): a title typed in Title Case, the verb one of its words."""
    verb = tail.split()[-1:]
    words = [w for w in before.split() if w[:1].isalpha()]
    return (bool(verb) and verb[0][:1].isupper() and not verb[0].isupper() and bool(words)
            and all(w[:1].isupper() for w in words))


def _request_follows(ctx: _Ctx, verb: str, after: str) -> bool:
    """Whether ``verb`` and the words ``after`` it (lower case) ask something, even what the
    agent cannot do ("and add a transition", "and change the font", "and make a thumbnail"),
    rather than go on a title's text ("cook and make friends"): a verb of adding or removing,
    or an object that starts as a request's does (text_request_objects: "a", "the", "emojis")."""
    verb = verb.strip().lower()
    if verb in ctx.words("add") or verb in ctx.words("remove"):
        return True
    first = after.split()[:1]
    return bool(first) and first[0].strip(".,;:!?") in ctx.words("text_request_objects")


def _text_after(ctx: _Ctx, key: str) -> str | None:
    """The unquoted text a title or caption was given: ``title: X``, ``title to X``,
    ``标题改为X``. None when the words after the keyword are not a text."""
    m = ctx.find(key)
    if not m:
        return None
    rest = ctx.message[m.end():]
    intro = word_pattern(ctx.listed("text_intros"))
    if ctx.tables[0].text_before_intro and (said := _text_before_quotative(ctx, rest)):
        return said
    found = intro.match(rest.lstrip().lower())
    colon = _COLON.search(rest[:40])
    if not found and colon and not _quotes(rest[:colon.start()]):
        # "자막 넣어줘: X", "add a caption please: X": what follows the colon is the text.
        value = _strip_polite(ctx, rest[colon.end():])
        return value if value and not _only_time(ctx, value) else None
    if not found and ctx.tables[0].text_before_intro:
        return _text_before_intro(ctx, rest, intro)
    if not found:
        # "title of the video to X": a few words may sit between the keyword and its intro.
        head = re.match(r"^s?\s*(?:\w+\s+){0,3}?", rest)
        later = intro.search(rest.lower(), head.end() if head else 0, min(len(rest), 40))
        if later is None or not re.fullmatch(r"s?[\w\s]*", rest[:later.start()]) or (
                word_pattern(ctx.listed("joiners")).search(rest[:later.start()].lower())
                or rest[:later.start()].strip()[:1].isupper()):
            # (words joined to another request are not between the title and its text:
            # "make the title red and cut it to 15 seconds" gives no title "15 seconds";
            # a capitalised word starts the text: "make the title Back to School")
            return _capitalised_text(ctx, rest)
        value = rest[later.end():]
    else:
        value = rest.lstrip()[found.end():]
    value = _until_next_request(ctx, _strip_polite(ctx, value))
    end = _last(ctx.pattern("text_end_verbs"), value.lower())
    if end is not None and end.start() > 0 and not value[end.end():].strip(_EDGE_PUNCT):
        # "… mit dem Text Alles Gute hinzu", "…おめでとうと書いて": the verb ends the request.
        value = _clean(value[:end.start()])
    if not value or _BAD_TEXT.match(value.lower()) or _only_time(ctx, value):
        return None  # "move the caption to the last 3 seconds": a time, no text
    return _with_exclamation(rest, value)


def _until_next_request(ctx: _Ctx, value: str) -> str:
    """``value`` up to a joiner after which another request starts: a verb of editing or of
    the length typed in lower case with words after it ("pon el título en rojo y córtalo a 15
    segundos" gives no title "rojo y córtalo a 15 segundos"; "Tom and Jerry and cut it to 15
    seconds" gives "Tom and Jerry"). A title's own "and" stays, even before a capitalised
    word or a length ("Salt and Pepper", "Love and More", "Rise and Shine: 5 Minute Workout"):
    a review found them cut to "Love" and "Rise" with "Title changed"."""
    low = value.lower()
    verbs = word_pattern(_edit_verbs(ctx)
                         + ctx.words("length_less") + ctx.words("length_more")
                         + ctx.words("length_ask"))
    joiners = word_pattern(ctx.listed("joiners"))
    for m in joiners.finditer(low):
        rest = value[m.end():].lstrip(" ,")
        verb = verbs.match(rest.lower())
        if (m.start() and verb is not None and not rest[:1].isupper()
                and rest[verb.end():].strip(_EDGE_PUNCT + " ")
                and _of_the_video(ctx, verb.group(), rest[verb.end():].lower(), joiners)):
            return _clean(value[:m.start()])
    return value


def _of_the_video(ctx: _Ctx, verb: str, after: str, joiners: re.Pattern[str]) -> bool:
    """Whether an edit verb after a title's text is done to the video or a track ("and cut
    it to 15 seconds", "y córtalo", "and make the video red", "and add music") rather than
    part of the title ("eat and cut weight", "come y haz ejercicio": a review found them
    cut to "eat" and "come")."""
    own = joiners.search(after)
    clause = after[:own.start()] if own else after
    objects = ctx.words("request_objects")
    if any(verb.endswith(w) for w in objects if w.startswith("-") or len(w) == 2) and (
            not ctx.has("request_objects", verb)):
        return True  # "hazlo", "córtala", "fais-la", "deixe-o": the object is on the verb
    return (ctx.has("request_objects", clause) or _length_at_in(ctx, clause)
            or any(ctx.has(key, clause) for key in ("video_nouns", "bgm", "caption", "title")))


def _length_at_in(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` says a length (a number and its unit)."""
    return next(_lengths(ctx, text), None) is not None or bool(
        has_cjk(text) and re.search(r"\d", text))


def _with_exclamation(said: str, value: str) -> str:
    """``value`` with the "!" or "?" the user typed right after it ("… to Happy 7th
    Birthday, Leo! and make it yellow"): part of the text, not of the sentence around it."""
    at = said.find(value)
    if at < 0:
        return value
    end = at + len(value)
    marks = re.match(r"[!?！？]+", said[end:])
    return value + marks.group() if marks else value


def _capitalised_text(ctx: _Ctx, rest: str) -> str | None:
    """The text of "ponle el título Feliz cumpleaños abuela", "put the title Happy Days": no
    word introduces it, but it starts with a capital letter right after the keyword, as a
    title is typed. Lower-case words there are a request about the text ("make the title
    shorter", "put the title back"), never taken as its words."""
    # "put the title Happy Days and cut it to 15 seconds": the text ends where another
    # request starts.
    value = _until_next_request(ctx, _strip_polite(ctx, rest.strip()))
    first = value[:1]
    words = {w.strip(".,!?¡¿") for w in value.lower().split()}
    unfonted = ctx.pattern("font_looks").sub(" ", value.lower())
    if (not first.isalpha() or not first.isupper()
            or (words & frozenset(ctx.words("title_not_text")) and not _title_cased(value))
            or any(ctx.has(key, value.lower()) for key in (*_REQUEST_KEYS, "polite"))
            or styling.names_a_look(value, ctx.codes) or _BAD_TEXT.match(value.lower())
            # "Make the title Bold", "Title In Italics": a look, not the title's words
            or (unfonted != value.lower() and styling.is_only_style(unfonted, ctx.codes))
            # "Make The Title Bold And Cut It To 15 Seconds": a look first, then a request
            or ((look := ctx.find("font_looks", value.lower())) is not None
                and look.start() == 0)):
        return None
    return value



def _title_cased(value: str) -> bool:
    """Whether ``value`` is typed as a title is, two words or more and each of three letters
    or more capitalised ("Back to School", "This Is Us"; not "Otra vez"): its small words
    ("back", "this") are then its own, not a request about the title ("put the title
    back")."""
    words = re.findall(r"[^\W\d_][\w'’]*", value)
    return len(words) >= 2 and all(w[:1].isupper() for w in words if len(w) > 2)


def _text_before_intro(ctx: _Ctx, rest: str, intro: re.Pattern[str]) -> str | None:
    """The text of "제목을 고양이로 바꿔 줘" / "タイトルを猫にして": after the keyword's
    particle, up to the last intro (what follows it is the verb, not the text)."""
    table = ctx.tables[0]
    # The particle is written onto the keyword ("자막을"); "자막 가운데로" has none.
    for particle in sorted(table.keyword_particles, key=len, reverse=True):
        if rest.lower().startswith(particle):
            rest = rest[len(particle):]
            break
    else:
        return None  # "제목 글꼴을 …": the keyword is not the object of the sentence
    last = _last(intro, rest.lower())
    if last is None or last.start() == 0 or styling.is_only_style(rest, ctx.codes):
        return None  # "제목을 위로 옮겨 줘": a place or a look, no text
    value = _clean(_before_quotative(table, rest[:last.start()], last.group()))
    if (not value or _BAD_TEXT.match(value.lower())
            or styling.is_only_style(rest[:last.end()], ctx.codes) or _only_time(ctx, value)):
        return None  # "字幕を上に移動して": "上に" places the captions, it is no text
    return value


def _text_before_quotative(ctx: _Ctx, rest: str) -> str | None:
    """The text of "자막에 안녕이라고 넣어줘", "자막으로 좋은 하루라고 해줘": after a particle of
    place on the keyword ("에", "으로"), what the quotative ("라고") closes is the text; with no
    quotative, there is none ("자막에 그림자 넣어줘")."""
    table = ctx.tables[0]
    particle = next((p for p in sorted(table.quoting_particles, key=len, reverse=True)
                     if rest.startswith(p)), None)
    if particle is None or not table.quotatives:
        return None
    body = rest[len(particle):]
    ends = [m for m in re.finditer("|".join(map(re.escape, sorted(
        table.quotatives, key=len, reverse=True))), body)
        if not body[m.end():m.end() + 1].strip(_EDGE_PUNCT)]
    if not ends or ends[-1].start() == 0:
        return None
    value = _clean(_before_quotative(table, body[:ends[-1].start()], ends[-1].group()))
    if not value or _BAD_TEXT.match(value.lower()) or _only_time(ctx, value):
        return None
    return value


def _before_quotative(table: Language, before: str, said: str) -> str:
    """The text a quotative closes, ``before`` it as the regex cut it: when the quotative
    ``said`` is the longer form of another ("이라고" of "라고"), its first syllable may be the
    text's own ("고양이라고" is "고양이" + "라고"). It is when the text before it ends on an open
    syllable (the longer form follows a closed one only: "아이라고"), or when the word with
    it is a noun that keeps it (``particles.keep``: "고양이", not "사랑이")."""
    shorter = next((q for q in table.quotatives if q != said and said.endswith(q)), None)
    if shorter is None or not before or not "\uac00" <= before[-1] <= "\ud7a3":
        return before
    head = said[:-len(shorter)]
    words = (before + head).split()
    if josa(before, f"{said}/{shorter}") != said or (words and words[-1] in table.particles.keep):
        return before + head
    return before


def _only_time(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` says only when ("the last 3 seconds", "3초부터 5초까지", "at the end"):
    a time or a place in the video, never a caption's or a title's words."""
    sub = _Ctx(ctx.lex, text, ctx.lang)
    span, rest = _span(sub)
    if span is None and not _end_span(sub):
        return False
    rest = _remove(rest.lower(), ctx.words("at_end") + ctx.words("at_start"))
    return not _content(ctx, _strip_durations(ctx, rest))


def _end_span(ctx: _Ctx) -> Span | None:
    """"At the end" / "at the start" with no number: a caption's length there."""
    length = int(ctx.lex.defaults["caption_ms"])
    if ctx.has("at_end"):
        return Span("last", length)
    if ctx.has("at_start"):
        return Span("first", length)
    return None


def _pieces(text: str) -> tuple[str, ...]:
    return tuple(p for p in (_clean(s) for s in _SENTENCES.findall(text)) if p)


@dataclass(frozen=True)
class _Script:
    """A script given in the message: what is said of the whole video around it, each
    scene's sentence and each scene's camera direction ("" where none)."""

    overall: str
    scenes: tuple[str, ...]
    shots: tuple[str, ...]
    body: str = ""  # the script's own words: content, never an instruction ("white and silent")


def _script(ctx: _Ctx, has_video: bool = False) -> _Script | None:
    """The script of the message (after ``script:`` or on later lines); no scenes when a
    script is named but not given, None when there is none."""
    parts = _script_parts(ctx, has_video)
    if parts is None:
        return _Script("", (), ()) if ctx.find("script_words") else None
    pairs = _script_scenes(parts[1])
    return _Script(parts[0], tuple(scene for scene, _ in pairs), tuple(shot for _, shot in pairs),
                   parts[1])


#: A Chinese or Japanese clause break inside a sentence (a full-width comma, enumeration
#: comma or semicolon): a passage written as one long sentence is read scene by scene there.
_CJK_CLAUSE = re.compile(r"[^，、；]+[，、；]*")
#: A sentence longer than this (in characters) with clause breaks is split into its clauses;
#: shorter clauses join the one before (a scene of "远处" alone shows nothing).
_CJK_LONG, _CJK_SHORT = 24, 6


def _clauses(sentence: str) -> list[str]:
    """A script's only sentence, as scenes: when it is a long Chinese or Japanese one ("这座
    城市在雨里醒来，街上的行人撑着伞匆匆走过，远处的电车慢慢驶进车站。"), its clauses, each a
    scene spoken and captioned in turn as separate sentences would be; else itself."""
    if len(sentence) <= _CJK_LONG or not has_cjk(sentence):
        return [sentence]
    clauses: list[str] = []
    for clause in _CJK_CLAUSE.findall(sentence):
        if clauses and min(len(_clean(clauses[-1])), len(_clean(clause))) < _CJK_SHORT:
            clauses[-1] += clause
        else:
            clauses.append(clause)
    return clauses


def _script_scenes(body: str) -> list[tuple[str, str]]:
    """Each sentence of a script's ``body`` and its camera direction, taken out of it ("Wide
    shot: the city at night" is the scene "the city at night", shot wide): a direction is
    never spoken, captioned or titled. A sentence that is only a direction ("WIDE SHOT.")
    directs the next one."""
    scenes: list[tuple[str, str]] = []
    waiting = ""
    lines = [_NUMBERING.sub("", line) for line in body.splitlines()]
    said = [sentence for line in lines for sentence in _SENTENCES.findall(line)]
    # A script of one long Chinese or Japanese sentence is read clause by clause.
    for sentence in _clauses(said[0]) if len(said) == 1 else said:
        text, shot = split_direction(_NUMBERING.sub("", sentence))
        cleaned = _clean(text)
        if not cleaned:
            waiting = ", ".join(s for s in (waiting, shot) if s)
            continue
        scenes.append((cleaned, ", ".join(s for s in (waiting, shot) if s)))
        waiting = ""
    return scenes


def _script_parts(ctx: _Ctx, has_video: bool = False) -> tuple[str, str] | None:
    """The message around its script: what is said of the whole video before it ("a rainy
    video with this script:") and the script's body; None when there is no script."""
    message = ctx.message
    m = ctx.find("script_words")
    text = None if m else ctx.find("script_text_words")
    if m or text:
        found = m or text
        assert found is not None
        after = message[found.end():]
        colon = re.match(r"^[^:：\n]{0,40}[:：\n]", after)
        intro = message[:found.end() + colon.end()].lower() if colon else ""
        # A text to be read aloud ("这段话做成视频，要有配音：…") is a script even as one sentence.
        least = 1 if _reads_aloud(ctx, intro) else 2
        if colon and (m or (
                (ctx.has("generate_verbs", intro) or ctx.has("video_nouns", intro))
                and len(_SENTENCES.findall(after[colon.end():])) >= least
                and not _names_a_subject(ctx, _last_sentence(message[:found.start()])))):
            return message[:found.end() + colon.end()], after[colon.end():]
    read = word_pattern(script_read_phrases()).search(ctx.lower)
    if read is not None:
        # "narrate this for me pls: The old bakery opens at six.": the text after the colon is
        # to be read aloud. With a video made, only a request for a video says so (else the
        # words may be the voice-over's for that video: an edit).
        after = message[read.end():]
        colon = re.match(r"^[^:：\n]{0,40}[:：\n]", after)
        intro = message[:read.end() + colon.end()].lower() if colon else ""
        if colon and _SENTENCES.findall(after[colon.end():]) and (
                not has_video or ctx.has("generate_verbs", intro) or ctx.has("video_nouns", intro)):
            return message[:read.end() + colon.end()], after[colon.end():]
    spoken = _spoken_after_colon(ctx, has_video)
    if spoken is not None:
        return spoken
    lines = [ln for ln in message.splitlines() if ln.strip()]
    if len(lines) >= 3:
        first = lines[0].lower()
        if ctx.has("generate_verbs", first) or ctx.has("video_nouns", first):
            return lines[0], "\n".join(lines[1:])
        return "", "\n".join(lines)
    return None


def _last_sentence(text: str) -> str:
    """The last sentence of ``text``: a greeting or an introduction before the request
    ("salut, je suis prof. je voudrais une vidéo avec ce texte") is not what the video shows."""
    said = [s for s in _SENTENCES.findall(text) if s.strip()]
    return said[-1] if said else text


def _spoken_after_colon(ctx: _Ctx, has_video: bool) -> tuple[str, str] | None:
    """A video asked with a voice-over before a colon and full sentences after it ("fais-en
    une vidéo narrée : Au printemps, les fleurs poussent. Les oiseaux reviennent.",
    "ナレーション付きで：朝、駅は人でいっぱいです。電車が来ます。"): the sentences are what is
    read aloud. A description after it ("with a voice-over: a house by a lake") is one
    sentence, the subject; with a video made, only a request for a video says so."""
    colon = _COLON.search(ctx.message)
    if colon is None:
        return None
    intro, body = ctx.message[:colon.end()], ctx.message[colon.end():]
    low = intro.lower()
    if not _reads_aloud(ctx, low) or not (
            ctx.has("video_nouns", low) or (ctx.has("generate_verbs", low) and not has_video)):
        return None
    if len([s for s in _SENTENCES.findall(body) if _clean(s)]) < 2:
        return None
    return intro, body


def _reads_aloud(ctx: _Ctx, intro: str) -> bool:
    """Whether the words before a text ask for it to be read aloud ("with a voice-over",
    "要有配音", "narrate this")."""
    return (styling.wants_voiceover(intro, ctx.codes)
            or bool(word_pattern(script_read_phrases()).search(intro)))


def _names_a_subject(ctx: _Ctx, intro: str) -> bool:
    """Whether ``intro`` (what comes before "this text:") names what the video shows: "a video
    of my dog with this text: Happy birthday Max!" is a dog video with a text on it, not a
    script; "a video from this text: …" is one."""
    bare = _remove(intro, ctx.words("script_from"))
    return bool(_content(ctx, _subject(_Ctx(ctx.lex, bare, ctx.lang), None)))


# -- the subject of a generation --------------------------------------------------------------

def _remove(text: str, words: tuple[str, ...]) -> str:
    return word_pattern(words).sub(" ", text) if words else text


def _instruction_words(ctx: _Ctx) -> tuple[str, ...]:
    words: list[str] = []
    for key in ("bgm", "title", "caption", "volume", "video_nouns", "generate_verbs", "ratio"):
        words.extend(ctx.words(key))
    for attr in ("styles", "moods", "ratios"):
        for group in ctx.named(attr).values():
            words.extend(group)
    words.extend(ctx.joined("subject", "instructions"))
    words.extend(styling.voiceover_words(ctx.codes))
    words.extend(styling.variant_words(ctx.codes))  # "with a female voice-over"
    words.extend(ctx.joined("subject", "noise"))
    return tuple(dict.fromkeys(words))


def _cut_instructions(ctx: _Ctx, text: str) -> str:
    """The subject part of ``text``: it ends at the first clause (starting at a cut word:
    "with", "in", ",") that holds an instruction word ("with calm music", "in 9:16")."""
    cuts = word_pattern(ctx.joined("subject", "cuts"))
    instructions = word_pattern(_instruction_words(ctx))
    low = text.lower()
    owned = _owned_titles(ctx, low, in_subject=True)
    starts = [m.start() for m in cuts.finditer(low)]
    bounds = [*starts, len(text)]
    for i, start in enumerate(starts):
        found = [m for m in instructions.finditer(low, start, bounds[i + 1])
                 if not any(a <= m.start() < b for a, b in owned)]
        if found:
            return text[:start]
    return text


#: A leading "I"/"we" (a stop word alone) that says whose the subject is when followed by
#: "home"/"'s" ("我家猫", "我的猫", "我們家的狗").
_OWNER = frozenset({"我", "我们", "我們", "咱", "咱们", "咱們"})
_OWNED = frozenset({"家", "的"})


def _made_into_a_video(ctx: _Ctx, trails: re.Pattern[str]) -> bool:
    """Whether the message makes a thing into a video: "… into a video", "… en un vídeo",
    "把…做成视频" (a word of ``subject.into`` or ``trails``, then a video's noun). "transform
    your kitchen in 5 steps", "turn heads with this outfit", "把酒言欢" make nothing into one."""
    into = word_pattern(ctx.joined("subject", "into"))
    for found in (*into.finditer(ctx.lower), *trails.finditer(ctx.lower)):
        if ctx.has("video_nouns", ctx.lower[found.end():found.end() + 40]):
            return True
    return False


def _opens_with(ctx: _Ctx, word: str) -> bool:
    """Whether the message opens with ``word``, after polite words only ("please turn …")."""
    rest = ctx.lower.lstrip(" \t\n,.!¡¿")
    polite = word_pattern(ctx.words("polite"))
    while (m := polite.match(rest)) is not None and m.end() > 0:
        rest = rest[m.end():].lstrip(" \t\n,.!¡¿")
    return re.match(rf"{re.escape(word)}(?!\w)", rest) is not None


def _trim_edges(ctx: _Ctx, text: str) -> str:
    """``text`` without stop words (articles, "of", "的") at either end."""
    stop = word_pattern(ctx.joined("subject", "stop"))
    owners = frozenset(ctx.joined("subject", "owners"))
    # "turn our trip to Cornwall into a video", "把京都的回忆做成视频": the verb that makes a
    # thing a video is no part of it (the title was "Turn Our Trip to Cornwall").
    leads = word_pattern(ctx.joined("subject", "leads"))
    trails = word_pattern(ctx.joined("subject", "trails"))
    for _ in range(8):
        before = text
        text = _clean(text)
        lead = leads.match(text.lower())
        if lead and _made_into_a_video(ctx, trails) and (
                has_cjk(lead.group()) or (text[lead.end():lead.end() + 1].isspace()
                                          and _opens_with(ctx, lead.group()))):
            # (A spaced language's verb only where the message opens with it: "a video about
            # turn signals" keeps its subject.)
            text = _clean(text[lead.end():])
        trail = _last(trails, text.lower())
        if trail is not None and trail.end() == len(text) and trail.start() > 0 and (
                has_cjk(trail.group()) or text[trail.start() - 1].isspace()):
            text = _clean(text[:trail.start()])
        m = stop.match(text.lower())
        if m and any(text.startswith(o) and (text[len(o):len(o) + 1] in _OWNED
                                             or len(o) > len(m.group())) for o in _OWNER):
            # "我家猫", "我的猫": whose it is belongs to the subject ("家猫" was not it); nor is
            # "我" of "我们" a word of its own ("我们去海边玩" was "们去海边玩").
            m = None
        if m and m.group().lower() in owners and _content(ctx, text[m.end():]):
            m = None  # "my dog in the park": whose dog it is, said in the title too
        if m and m.end() < len(text) and (has_cjk(m.group()) or not text[m.end()].isalnum()
                                          or m.group().endswith(("'", "’"))):
            text = text[m.end():]  # an elided article ("d'une forêt") goes too
        last = _last(stop, text.lower())
        if last is not None and last.end() == len(text) and last.start() > 0 and (
                has_cjk(last.group()) or not text[last.start() - 1].isalnum()):
            text = text[:last.start()]
        text = _strip_particle(ctx.lex.lang(ctx.lang).particles, _clean(text))
        if text == before:
            break
    text = _clean(text)
    particles = ctx.lex.lang(ctx.lang).particles
    every = (*particles.after_consonant, *particles.after_vowel, *particles.after_vowel_or_l,
             *particles.any)
    if text in every or (has_cjk(text) and any(p.startswith(text) for p in every)):
        # "15초로 만들어 줘": the duration's particle, left alone, is no subject; nor is the
        # start of one ("20초 영상으로 만들어줘" made a video about "으").
        return ""
    return text


_HANGUL_BASE = 0xAC00
_RIEUL_FINAL = 8  # the index of a final ㄹ in a Hangul syllable


def _final(syllable: str) -> int | None:
    """The final consonant index of a Hangul syllable (0: open syllable), None otherwise."""
    code = ord(syllable) - _HANGUL_BASE
    return code % 28 if 0 <= code < 11172 else None


def _strip_particle(particles: Particles, text: str) -> str:
    """``text`` without one particle at its end, when the noun before it stays whole: the
    particle must fit the noun's last syllable (을 after a closed one, 를 after an open one),
    it never leaves less than a syllable (two for the particles that fit any noun, which
    look like word endings: 포도, 회의), and the listed nouns are never cut."""
    token = text.rsplit(maxsplit=1)[-1] if text.strip() else ""
    if not token or token in particles.keep:
        return text
    rules = [(p, "consonant") for p in particles.after_consonant]
    rules += [(p, "vowel") for p in particles.after_vowel]
    rules += [(p, "vowel_or_l") for p in particles.after_vowel_or_l]
    rules += [(p, "any") for p in particles.any]
    for particle, after in sorted(rules, key=lambda r: len(r[0]), reverse=True):
        if not text.endswith(particle):
            continue
        stem = text[:-len(particle)]
        if not stem or (stem[-1].isspace() and " " not in particle):
            continue
        stem = stem.rstrip()
        noun = stem.rsplit(maxsplit=1)[-1] if stem else ""
        final = _final(noun[-1]) if noun else None
        if final is None:
            continue
        fits = {"consonant": final != 0, "vowel": final == 0,
                "vowel_or_l": final in (0, _RIEUL_FINAL), "any": True}[after]
        least = 2 if after == "any" and len(particle) == 1 else 1
        if fits and len(noun) >= least:
            return stem
    return text


def _content(ctx: _Ctx, text: str) -> str:
    """What is left of ``text`` without generic and stop words (empty: no real subject)."""
    rest = _remove(text.lower(), ctx.joined("subject", "generic"))
    rest = _remove(rest, ctx.joined("subject", "stop"))
    rest = _remove(rest, ctx.words("polite"))
    rest = _remove(rest, ctx.words("asking"))  # "Kannst du mir …": a request, no subject
    return re.sub(r"[\W_]+", " ", rest).strip()


def _subject(ctx: _Ctx, title: str | None) -> str:
    """What the video shows: a quoted description, the words after "about"/"of", the words
    before the noun in CJK languages, else what is left once instructions are taken out."""
    lex_noise = ctx.joined("subject", "noise")
    for _, _, quoted in _quotes(ctx.message):
        if quoted != title:
            found = _trim_edges(ctx, _cut_instructions(ctx, quoted))
            if _content(ctx, found):
                return found
    # "Soy fontanero y … Quiero un vídeo para enseñar a mis clientes, …": the asker's
    # introduction and audience are not what the video shows (backend/local/self_talk.py).
    text = without_self_talk(
        _without_greeting(ctx, _QUOTES.sub(" ", _unnamed(ctx, title))), ctx.lang,
        requests=_request_words(ctx) + ctx.words("video_nouns"),
        video_nouns=ctx.words("video_nouns"), greetings=ctx.joined("subject", "greetings"),
        content=lambda s: bool(_content(ctx, s)))
    text = _without_asking(ctx, text)
    text = _without(text, list(_ratios(ctx, text)))
    text = _strip_durations(ctx, text)
    if _song_asked(ctx):
        text = _without_song_clause(ctx, _FILE_NAME.sub(" ", text))
        text = _remove(text, ctx.words("song") + ctx.words("as_music") + ctx.words("change")
                       + ctx.words("bgm"))
    cjk = ctx.subject_first
    if cjk:
        # Before the noise words: "做一个…视频" loses its "一个" to them and would leave "做".
        text = _remove(text, ctx.words("generate_verbs"))
    text = _remove(text, lex_noise)
    text = _remove(text, ctx.words("polite"))
    # "… with a voice-over", "带旁白的…", "…, no voice-over": asked of the video, not shown
    # in it (the negated phrases first, or "no" would be left in the subject).
    text = _remove(text, no_narration_phrases() + styling.voiceover_words(ctx.codes))
    # "a black and white video of …": the look is asked of the video, not shown in it.
    text = _without_looks(ctx, text)
    subject = _cjk_subject(ctx, text) if cjk else _spaced_subject(ctx, _without_request_tail(
        ctx, text))
    subject = re.sub(r"\s+([,，.;])", r"\1", re.sub(r"\s+", " ", subject))
    # "…, 20 sek, …" without its length leaves two commas in a row.
    subject = re.sub(r"([,，])(?:\s*[,，])+", r"\1", subject)
    return subject if _content(ctx, subject) and not _only_settings(ctx, subject) else ""


def _lit(ctx: _Ctx) -> str | None:
    """The look a new video's light asks for ("…, with warm light", "暖色光"): warm."""
    return "warm" if _warm_lights(ctx, ctx.lower) else None


#: Where a clause ends: what may follow a look said as a clause of its own (", warm light,").
_LOOK_CLAUSE_END = re.compile(r"\s*(?:$|[,，、。;；.!！?？\n])")


def _warm_lights(ctx: _Ctx, text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` where "warm light" (luz cálida, 暖光) is the look of the picture:
    after a joining word ("with warm light", "con luz cálida") or as a clause of its own
    (", warm light,"), and followed by the clause's end or "and". Followed by a noun, or after
    another word, it is a thing shown ("a warm light bulb factory tour", "a video of warm
    light on a wall")."""
    words = ctx.words("warm_light")
    if not words:
        return []
    stop = word_alternatives(ctx.joined("subject", "stop"))
    lead = word_alternatives(ctx.words("light_joiners"))
    ands = word_alternatives(w for w in ctx.listed("joiners") if re.match(r"\w", w))
    after_join = re.compile(rf"(?:^|[,，、。;；.:：!！?？\n]|{lead})(?:\s*(?:{stop}))*\s*$", re.I)
    follow_and = re.compile(rf"\s*(?:{ands})(?![\w])", re.I)
    spans = []
    for m in word_pattern(words).finditer(text):
        if not after_join.search(text[:m.start()]):
            continue
        if _LOOK_CLAUSE_END.match(text, m.end()) or follow_and.match(text, m.end()):
            spans.append(m.span())
    return spans


def _without_looks(ctx: _Ctx, text: str) -> str:
    """``text`` without the looks it asks for. A look after a joining word ("with", "avec
    une") that ends its clause goes with that word ("a living room with warm light, a dog"
    → "a living room, a dog"); one followed by "and" takes the "and" ("a bakery, with warm
    light and people walking" → "a bakery, with people walking"), so what follows stays in
    the subject and is drawn; one between two joining words takes the first ("in [black and
    white] with kids" → "with kids"). Else only the look goes, as it always did."""
    spans = [m.span() for m in word_pattern(ctx.look_words).finditer(text)]
    spans += _warm_lights(ctx, text)
    if not spans:
        return text
    stop = word_alternatives(ctx.joined("subject", "stop"))
    cut_words = tuple(w for w in ctx.joined("subject", "cuts") if w.strip(",， "))
    cut = word_alternatives(cut_words)
    ands = word_alternatives(w for w in ctx.listed("joiners") if re.match(r"\w", w))
    joined_before = re.compile(rf"(?P<cut>{cut})(?:\s+(?:{stop}))*\s*$", re.I)
    and_after = re.compile(rf"\s*(?:{ands})(?![\w])", re.I)
    cut_after = re.compile(rf"\s*(?:{cut})(?![\w])", re.I)
    end = len(text) + 1
    for start, stop_at in sorted(set(spans), reverse=True):
        if stop_at > end:
            continue  # inside a look already taken out
        end = start
        before, after = text[:start], text[stop_at:]
        joiner = joined_before.search(before)
        if joiner is not None and _LOOK_CLAUSE_END.match(after):
            before = before[:joiner.start()]
        elif joiner is not None and (taken := and_after.match(after)) is not None:
            # The article the look leaves goes too ("avec une [lumière chaude] et des gens").
            before, after = before[:joiner.end("cut")], after[taken.end():]
        elif joiner is not None and cut_after.match(after):
            before = before[:joiner.start()]
        text = before + " " + after
    return text


#: Words naming a setting of the video (its music, captions, length, format, voice): a
#: "subject" made of these and their adjectives asks for settings, it shows nothing.
_SETTING_NOUNS = ("caption", "bgm", "title", "volume", "per_sentence", "duration", "ratio")


def _only_settings(ctx: _Ctx, subject: str) -> bool:
    """Whether ``subject`` is what is left of a request that only sets options ("…füge
    Untertitel für jeden Satz hinzu" → "jeden Satz hinzu", "avec de la musique joyeuse" →
    "musique joyeuse", "세로로 … 넣어서" → "로 서"): bits that options leave behind, or
    setting words with their adjectives and verbs. A subject that names no setting ("love",
    "a landscape") is a subject, whatever words it shares with the options."""
    low = subject.lower()
    rest = _remove(low, ctx.words("setting_leftovers"))
    if not _content(ctx, rest):
        return True
    if ctx.has("about_words"):
        return False  # "a video about music": said outright to be the subject
    nouns = tuple(w for key in _SETTING_NOUNS for w in ctx.words(key))
    nouns += ctx.joined("subject", "instructions") + styling.voiceover_words(ctx.codes)
    if not word_pattern(nouns).search(low):
        return False
    vocabulary = [*_instruction_words(ctx), *nouns]
    for key in ("add", "change", "asking", "polite", "want", "per_sentence",
                "setting_leftovers"):
        vocabulary.extend(ctx.words(key))
    vocabulary.extend(ctx.look_words)
    return not _content(ctx, _remove(low, tuple(dict.fromkeys(vocabulary))))


def _request_words(ctx: _Ctx) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ctx.words("asking") + ctx.words("polite") + ctx.words("want")
                               + ctx.words("generate_verbs")))


def _without_asking(ctx: _Ctx, text: str) -> str:
    """``text`` without the question it opens with when a request follows ("能帮我做…",
    "可以帮我…", "Kannst du mir …"): "能" is a request only before one ("能量饮料" is a
    drink)."""
    asking = word_pattern(ctx.words("asking"))
    request = word_pattern(_request_words(ctx) + ctx.joined("subject", "noise"))
    for _ in range(4):
        start = len(text) - len(text.lstrip(" ¿¡"))
        m = asking.match(text.lower(), start)
        if m is None or request.match(text[m.end():].lstrip().lower()) is None:
            break
        text = text[m.end():].lstrip()
    return text


def _without_request_tail(ctx: _Ctx, text: str) -> str:
    """``text`` without the verb that ends the request when the message ends with it:
    German puts it last ("Kannst du mir ein Video über Hunde am Strand machen?" → "Hunde am
    Strand", "… über Katzen im Schnee drehen?"); the rest keeps its words as written
    ("Unseren Klassenausflug")."""
    tails = ctx.lex.lang(ctx.lang).words.get("request_tails", ())
    if not tails:
        return text  # "a video of kids who love to create": the verb is the subject's
    ending = word_pattern(tails)
    message = ctx.message.lower().rstrip(_EDGE_PUNCT)
    for _ in range(4):
        low = text.lower().rstrip(_EDGE_PUNCT)
        m = _last(ending, low)
        if m is None or m.end() != len(low) or m.start() == 0 or not message.endswith(
                m.group()):
            break
        text = text[:m.start()]
        message = message[:len(message) - len(m.group())].rstrip(_EDGE_PUNCT)
    return text


def _without_greeting(ctx: _Ctx, text: str) -> str:
    """``text`` without the greetings it opens with ("안녕하세요 강아지랑 …", "Hola! …")."""
    greeting = word_pattern(ctx.joined("subject", "greetings"))
    while m := greeting.match(text.lower(), len(text) - len(text.lstrip())):
        after = text[m.end():]
        rest = after.lstrip()
        # Said apart (punctuation, a line) or before the request itself ("hi make a video …",
        # "안녕하세요 강아지랑 …"); "hello kitty party video" keeps its Hello Kitty.
        apart = not rest or not rest[0].isalnum() or "\n" in after[:len(after) - len(rest)]
        request = any(ctx.has(key, " ".join(rest.lower().split()[:3]))
                      for key in ("generate_verbs", "want", "polite", "question", "add"))
        if not (apart or request or has_cjk(m.group())):
            break
        text = rest.lstrip(" \t\n,.!~、，。！")
    return text


#: What makes a clause an instruction rather than a description of the scenes.
_INSTRUCTION_KEYS = ("video_nouns", "generate_verbs", "bgm", "title", "caption", "song",
                     "as_music", "volume", "add", "remove", "change")


def _setting(ctx: _Ctx, subject: str) -> str:
    """The clauses of a Chinese, Japanese or Korean prompt that describe the scenes beside the
    one naming the video and its subject (which ``_subject`` takes): no instruction words."""
    if not subject or not has_cjk(ctx.message):
        return ""
    kept = []
    # A full stop ends a clause too, in Korean written with ". " ("… 만들어줘. 해질녘에 …").
    # A Japanese warm light said as a clause of its own ends one with "、" ("…動画を作って、
    # 暖かい光、人が歩いている"); elsewhere "、" lists things inside one ("海と空、青い").
    lit = ctx.lang == "ja" and bool(_warm_lights(ctx, ctx.lower))
    ends = r"[，,。；;！!？?\n、]" if lit else r"[，,。；;！!？?\n]"
    for clause in re.split(ends + r"|\.(?=\s)", _QUOTES.sub(" ", ctx.message)):
        # "…，15秒": a length is a setting of the video, not what its scenes look like.
        low = _strip_durations(ctx, clause).strip().lower()
        if lit and not ctx.pattern("warm_light").sub("", low).strip():
            continue  # the look, which is no setting of the scenes
        if (low and subject.lower() not in low and _content(ctx, low)
                and not any(ctx.has(key, low) for key in _INSTRUCTION_KEYS)):
            kept.append(clause.strip())
    return " ".join(kept)


def _without_song_clause(ctx: _Ctx, text: str) -> str:
    """``text`` without the clause that only asks for the user's song as the music
    ("この曲をBGMにして、夕日の動画を作って"): it names no video and is not what is shown."""
    pieces = re.split(r"([，,、；;])", text)
    kept = [p for p in pieces[::2]
            if not ((ctx.has("song", p.lower()) or ctx.has("as_music", p.lower()))
                    and not ctx.has("video_nouns", p.lower())
                    and not ctx.has("generate_verbs", p.lower()))]
    return ("，" if has_cjk(text) else ", ").join(kept) if kept else text


def _spaced_subject(ctx: _Ctx, text: str) -> str:
    intros = word_pattern(ctx.joined("subject", "intros"))
    anchor = ctx.find("video_nouns", text.lower()) or ctx.find("generate_verbs", text.lower())
    start = anchor.end() if anchor else 0
    colon = _COLON.search(text, start)
    if anchor is not None and colon is not None and _describes_after(ctx, text, start, colon):
        # "fais une vidéo : le soleil se lève sur le lac": what follows the colon is the
        # description, whole; its "sur" is no "une vidéo sur …" (the subject was "lac").
        return _trim_edges(ctx, _cut_instructions(ctx, text[colon.end():]))
    intro = intros.search(text.lower(), start)
    purpose = _purpose(ctx, text, start, intro) if anchor is not None else None
    if purpose is not None:
        # "un vídeo para el cumple de mi abuela, con fotos de flores": what it is for comes
        # first, and its "de" is inside it; the subject starts at "para", not after "de".
        intro = purpose
    if intro and anchor is None and _content(ctx, text[:intro.start()]):
        # No "video" to hang it on: "a lighthouse on a cliff" is all subject, its "on" is no
        # "a video on …".
        intro = None
    if intro and _content(ctx, text[intro.end():]):
        text = text[intro.end():]
    else:
        for key in ("generate_verbs", "want", "video_nouns", "regenerate", "new_video"):
            text = _remove(text, ctx.words(key))
        for attr in ("styles", "ratios"):
            for words in ctx.named(attr).values():
                text = _remove(text, words)
    text = _cut_instructions(ctx, text)
    return _trim_edges(ctx, text)


def _describes_after(ctx: _Ctx, text: str, start: int, colon: re.Match[str]) -> bool:
    """Whether the colon after the video noun (at ``start``) opens the description: nothing
    stands between them ("a 20 second video: a cozy house"), or only what the video is for
    ("a video for a real estate listing: a cozy house by a lake"), and something follows."""
    between = text[start:colon.start()]
    if not _content(ctx, text[colon.end():]):
        return False
    if not _content(ctx, between):
        return True
    words = ctx.listed("purpose_intros")
    return bool(words) and word_pattern(words).match(between.strip().lower()) is not None


def _video_then_colon(ctx: _Ctx) -> bool:
    """Whether the message names a video and describes it after a colon ("need a 20 second
    video for a listing: a cozy house by a lake"), as "a video of …" does with its "of"."""
    low = ctx.lower
    anchor = ctx.find("video_nouns", low)
    colon = _COLON.search(low, anchor.end()) if anchor else None
    return anchor is not None and colon is not None and _describes_after(
        ctx, low, anchor.end(), colon)


def _purpose(ctx: _Ctx, text: str, start: int, intro: re.Match[str] | None
             ) -> re.Match[str] | None:
    """The word saying what the video is for ("for", "para", "zum") when it comes after the
    video noun and before any intro of what it shows, and names something ("for TikTok"
    names only where it goes); None otherwise."""
    words = ctx.listed("purpose_intros")
    if not words:
        return None
    found = word_pattern(words).search(text.lower(), start)
    if found is None or (intro is not None and intro.start() < found.start()):
        return None
    end = intro.start() if intro is not None else len(text)
    named = _remove(text[found.end():end].lower(),
                    ctx.words("video_nouns") + ctx.listed("platforms"))
    for words_of in ctx.named("ratios").values():
        named = _remove(named, words_of)
    return found if _content(ctx, named) else None


def _cjk_subject(ctx: _Ctx, text: str) -> str:
    following = ctx.joined("subject", "intros_after")
    behind = word_pattern(following).search(text) if following else None
    if behind is not None:
        # "お茶の歴史についての解説動画": what the video is about comes before "について".
        before = _cjk_subject_in(ctx, text[:behind.start()])
        if _content(ctx, before):
            return before
    # A colon between digits is a clock time ("20:00派对"), no intro: taken for one, it left
    # "00派对" as the subject.
    intro = next((m for m in word_pattern(ctx.joined("subject", "intros")).finditer(text)
                  if not _COLON.fullmatch(m.group()) or _COLON.match(text, m.start())), None)
    if intro is None:
        return _cjk_subject_in(ctx, text)
    # Chinese puts the subject after its intro ("关于茶的历史的视频"); with nothing after it,
    # the words before it are the subject.
    after = _cjk_subject_in(ctx, text[intro.end():])
    if _content(ctx, after) or not intro.start():
        return after
    return _cjk_subject_in(ctx, text[:intro.start()])


def _cjk_subject_in(ctx: _Ctx, text: str) -> str:
    clauses = re.split(r"[，,。；;！!？?\n]", text)
    chosen = next((c for c in clauses if ctx.has("video_nouns", c.lower())
                   or ctx.has("generate_verbs", c.lower())), clauses[0])
    for key in ("generate_verbs", "want", "regenerate", "new_video", "add", "change"):
        chosen = _remove(chosen, ctx.words(key))
    for attr in ("styles", "ratios"):
        for words in ctx.named(attr).values():
            chosen = _remove(chosen, words)
    noun = ctx.find("video_nouns", chosen.lower())
    if noun:
        before, after = chosen[:noun.start()], chosen[noun.end():]
        chosen = before if _content(ctx, before) else after
    # Taking words out leaves spaces; Chinese and Japanese are written without them.
    chosen = re.sub(r"\s+", " ", chosen)
    chosen = re.sub(r"(?<=[\u3040-\u30ff\u3400-\u9fff])\s+(?=[\u3040-\u30ff\u3400-\u9fff])",
                    "", chosen)
    return _trim_edges(ctx, chosen)


#: How many words past ``title_max_words`` a title may run to keep a list whole.
_TITLE_OVERFLOW = 3


def make_title(subject: str, lang: str) -> str:
    """A title of sensible length made of whole phrases of ``subject`` (a description, whose
    leading article goes). A script gets none of its own: made of its first sentence, it
    would repeat the first caption."""
    lex = lexicon()
    table = lex.lang(lang)
    subject = _clean(subject)
    if not subject:
        return str(table.labels["default_title"])
    max_words = int(lex.defaults["title_max_words"])
    max_chars = int(lex.defaults["title_max_chars"])
    if has_cjk(subject) and " " not in subject.strip():
        return _cjk_title(subject, max_chars)
    # A question or a second sentence adds detail, not a name: "Son's 7th Birthday Party",
    # not "Son's 7th Birthday Party? Balloons, Cake, Kids Running Around".
    first = re.split(r"[?!？！]|(?<=[a-z][a-z][.])\s+", subject.strip())[0].strip()
    subject = _clean(first) or subject
    words = subject.split()
    minor = table.title_minor | lex.lang(lex.default_lang).title_minor
    named = next((i for i, w in enumerate(words[:-1], start=1)
                  if w.endswith((":", ";")) or words[i] in ("—", "–")), None)
    if named is not None:
        # "Our new SolarLite camping lantern: it charges…": what comes before the colon names
        # the subject, what follows tells of it ("…: It Charges" was cut mid-clause).
        words = words[:named]
    owners = frozenset(table.subject["owners"])
    if (table.nouns_capitalised and len(words) > 1 and words[1][:1].isupper()
            and re.fullmatch(r"[^\W\d_A-ZÄÖÜ]+e[mn]", words[0])
            and not words[0].startswith(tuple(owners))):
        # "… von frischem Brot", "… mit einem bunten Blumenstrauß": the adjective keeps the
        # case the request gave it ("Frischem Brot"); the title names the noun ("Brot …").
        # Whose it is stays ("Unseren Klassenausflug").
        words = words[1:]
    while (len(words) > 1 and words[0].lower() in table.subject["stop"]
           and words[0].lower() not in owners):  # "My Dog in the Park": whose dog it is
        words = words[1:]
    # ", with photos of flowers" after what the video is about adds detail, not a name:
    # "My Grandma's Birthday", not "… Birthday, with Photos of Flowers".
    detail = frozenset(table.subject["cuts"]) - frozenset(table.joiners) - {","}
    words = next((words[:i] for i in range(2, len(words))
                  if words[i - 1].endswith(",") and words[i].lower() in detail), words)
    if len(words) > max_words:
        # Cut only where a phrase starts ("… with", "… at"), never inside a list ("with cars"
        # without "and birds"): a list that ends a few words past the limit is kept whole.
        cuts = (frozenset(table.subject["cuts"]) | frozenset(table.subject["intros"])
                | minor) - (frozenset(table.joiners) | {","})
        joiners = frozenset(table.joiners)
        boundary = [i for i in range(2, min(len(words), max_words + _TITLE_OVERFLOW) + 1)
                    if i == len(words) or words[i - 1][-1:] in ";:"
                    or (words[i].lower() in cuts and words[i - 1].lower() not in joiners
                        and not words[i - 1].endswith(","))]
        short = [i for i in boundary if i <= max_words]
        longer = [i for i in boundary if i > max_words]
        end = short[-1] if short else max_words
        if longer and (not short or any(w.lower() in joiners or w.endswith(",")
                                        for w in words[end:longer[0]])):
            end = longer[0]  # the phrase past the limit is a list: whole, or not at all
        # A place name is kept whole ("Baía de Guanabara", not "Baía"), a few words over.
        while (not table.nouns_capitalised
               and end + 1 < min(len(words), max_words + _TITLE_OVERFLOW)
               and words[end].lower() in minor and words[end - 1][:1].isupper()
               and words[end + 1][:1].isupper()):
            end += 2
        words = words[:end]
        # A cut title never ends on a word that led into what was cut ("… pendant",
        # "… during"); a short subject ends as the user wrote it ("Left Behind").
        while len(words) > 1 and words[-1].lower().strip(",;:") in minor | cuts:
            words = words[:-1]
    # A comma inside stays ("a Cabin, a Lake and Birds"); the title ends on a word.
    words[-1] = words[-1].rstrip(",;:")
    words = [w.lstrip(",;:") for w in words]
    if table.title_case:
        words = [w if i and w.lower() in minor else w[:1].upper() + w[1:]
                 for i, w in enumerate(words)]
    else:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(w for w in words if w)


def _cjk_title(subject: str, max_chars: int) -> str:
    if len(subject) <= max_chars:
        return subject
    # Cut only where a phrase ends: at punctuation, else keep the whole first clause.
    # "、" separates the items of a list (汽车、自行车和小鸟): a list is kept whole or left out.
    clauses = [c for c in re.split(r"[，,；;：:]", subject) if c]
    title = ""
    for clause in clauses:
        if len(title) + len(clause) > max_chars and title:
            break
        title += clause
    return title


# -- several edits in one message ---------------------------------------------------------------

_GAP = re.compile(r"[\s,，、;；]*")
#: At most this many edits are read from one message.
MAX_EDITS = 6
#: At most this many places of a message are tried by parsing its parts.
_MAX_CHECKS = 3 * MAX_EDITS


def split_edits(message: str, lang: str) -> list[str]:
    """The edits of a message that asks for several ("set the title to 'X' and add upbeat
    music", "标题改成夏天，再加欢快的音乐"): it splits where a joiner or a connecting word is
    followed by an add/remove/change verb, never inside quotes. One piece when there is no
    such place."""
    ctx = _Ctx(lexicon(), message, lang)
    # ("… and mute the narration": the look and voice words start an edit too.)
    verbs = word_pattern(_edit_verbs(ctx)
                         + styling.switch_words(ctx.codes))
    # English joiners join in another language too ("请把 title 改成 X and add music"), but
    # not one that is a common word of the message's own ("la musique plus douce": "plus").
    own = frozenset(lexicon().lang(lang).markers) if ctx.codes[0] != ctx.codes[-1] else frozenset()
    english = frozenset(ctx.tables[-1].joiners) if len(ctx.tables) > 1 else frozenset()
    seps = word_pattern(tuple(w for w in ctx.listed("tails") + ctx.listed("joiners")
                              if not verbs.search(w) and not (w in english and w in own)))
    quoted = [(a, b) for a, b, _ in _quotes(message)]
    cjk = lexicon().lang(lang).subject_before_noun
    targets = word_pattern(tuple(w for key in ("title", "caption", "bgm", "volume", "duration",
                                               "ratio", "clip_sound", "song")
                                 for w in ctx.words(key)) + styling.narration_words(ctx.codes)
                           + ctx.look_words)
    cuts: list[tuple[int, int]] = []
    starts = [a for a, _ in quoted]
    # Where one request may end: at a joiner (taken out), or after a connective verb ending
    # ("올리고 …": the ending stays with its verb).
    # A text's quotative ("자막에 안녕이라고 넣어줘": "라고" says what the caption says) ends
    # like a connective, and joins the text to its own verb.
    quotatives = ctx.listed("quotatives")
    places = sorted([(m.start(), m.end()) for m in seps.finditer(ctx.lower)]
                    + [(m.end(), m.end()) for m in _connectives(lang).finditer(ctx.lower)
                       if not ctx.lower.endswith(quotatives, 0, m.end())])
    # Each check below parses the rest of the message: a bounded number of them, so that a
    # long message of look-alike parts ("and the title bigger" × 400) stays linear.
    checks = _MAX_CHECKS
    for end, sep_end in places:
        if end == sep_end and ((checks := checks - 1) < 0 or not _both_edits(
                message, cuts[-1][1] if cuts else 0, end, lang)):
            continue  # "최고 음악으로": a word that ends like a connective, joining no edits
        # Inside a quote? The quotes are in order: look at the last one opened before it.
        q = bisect.bisect_right(starts, end) - 1
        if (q >= 0 and end < quoted[q][1]) or (cuts and end < cuts[-1][1]):
            continue
        after = _GAP.match(ctx.lower, sep_end)
        start = after.end() if after else sep_end
        # Spaced languages: the next edit starts with its verb. Chinese, Japanese and Korean
        # put the verb late ("再把音乐音量调到50%"): there the next few characters must name
        # what is edited (a bounded look, so splitting stays linear).
        if verbs.match(ctx.lower, start) or (
                cjk and targets.search(ctx.lower[start:start + 24]) is not None) or (
                (_modifier_follows(ctx, start, cjk)
                 or (cjk and verbs.search(ctx.lower[start:start + 24]) is not None))
                and _settled(message[cuts[-1][1] if cuts else 0:end], lang)) or (
                not cjk and _names_target(ctx, targets, start)
                and (checks := checks - 1) >= 0
                and _two_kinds(message, cuts[-1][1] if cuts else 0, end, lang)) or (
                _scene_by_place_at(ctx, start)
                and (checks := checks - 1) >= 0
                and _two_kinds(message, cuts[-1][1] if cuts else 0, end, lang,
                               rest=_past(seps, ctx.lower, start))):
            if (checks := checks - 1) >= 0 and (
                    _one_restyling(message, cuts[-1][1] if cuts else 0, end, lang)
                    or _text_goes_on(ctx, message[cuts[-1][1] if cuts else 0:end],
                                     message[start:], verbs)):
                continue
            cuts.append((end, start))
            if len(cuts) >= MAX_EDITS - 1:
                break
    pieces, pos = [], 0
    for a, b in cuts:
        pieces.append(message[pos:a])
        pos = b
    pieces.append(message[pos:])
    out = [p for p in (p.strip(" \t\n,，、;；") for p in pieces) if p]
    # A piece that opens with a joining word ("然后把第三个场景改成下雨" after a comma) is read
    # without it: it joins, it asks nothing.
    out = out[:1] + [p[_past(seps, p.lower(), 0):] or p for p in out[1:]]
    if cjk and len(out) < MAX_EDITS:
        budget = [checks]
        out = [cut for piece in out for cut in _cut_at_targets(ctx, piece, targets, verbs, budget)]
    return out[:MAX_EDITS]


#: Edits complete once their target and what is asked of it are said: in Chinese, Japanese
#: and Korean the next request may follow with no joiner, starting with what it edits
#: ("タイトルは赤で音楽を入れて", "标题改成红色音乐换成欢快的", "제목 빨간색 음악 추가").
#: Not a title's or caption's text, which may go on with a target's word ("标题改成夏日音乐节").
_ENDS_BEFORE_TARGET = frozenset({"text_style", "volume", "bgm_set", "bgm_remove", "ratio",
                                 "duration", "look", "restyle", "narration", "title_remove",
                                 "captions_remove", "weather"})


#: The longest piece ``_cut_at_targets`` tries to cut (characters): "标题改成红色音乐换成欢快的"
#: is 13; each try parses both halves, which costs milliseconds per thousand characters.
_TARGET_CUT_CHARS = 120


def _cut_at_targets(ctx: _Ctx, piece: str, targets: re.Pattern[str], verbs: re.Pattern[str],
                    budget: list[int]) -> list[str]:
    """``piece`` cut before a word naming what is edited where the words before it are a
    complete request (what they edit named, and a verb or a look: "タイトルは赤で") and the
    rest another kind of request ("音楽を入れて"); ``piece`` whole otherwise. Each try
    parses the two parts, out of ``budget`` (shared by the message's pieces, so that a long
    message stays linear)."""
    if len(piece) > _TARGET_CUT_CHARS:
        return [piece]  # two requests run together are short; parsing a long text's halves is not
    low = piece.lower()
    for found in targets.finditer(low):
        if found.start() == 0:
            continue
        budget[0] -= 1  # each place looked at, and each parse
        if budget[0] < 0:
            break
        left, right = piece[:found.start()], piece[found.start():]
        if not targets.search(left.lower()) or _as_is(left, ctx.lang) or not (
                verbs.search(left.lower()) or styling.names_a_look(left, ctx.codes)):
            # "BGMの音量を…": the music's volume, one request; "换成欢快的音乐": the music
            # is what the words before it are said of.
            continue
        first = parse(left, has_video=True, session_language=ctx.lang)
        if first.kind not in _ENDS_BEFORE_TARGET:
            continue
        rest = parse(right, has_video=True, session_language=ctx.lang)
        if rest.kind in _NO_EDIT or rest.kind == first.kind:
            continue  # "タイトルを赤に字幕を黄色に": one restyling of two texts, read whole
        return [left.strip(" \t\n,，、;；"),
                *_cut_at_targets(ctx, right, targets, verbs, budget)]
    return [piece]


_NO_EDIT = frozenset({"unknown", "help", "question", "generate", "regenerate", "wait"})
#: Words that make a part of a message a request (a verb, a question, something to edit).
# What a style, a place or a time of a text is said with, beside styling's own words.
_STYLE_KEYS = ("font_looks", "at_start", "at_end", "polite")

_REQUEST_KEYS = ("add", "remove", "change", "generate_verbs", "want", "question", "regenerate",
                 "mood_change", "mute", "help", "title", "caption", "bgm", "volume", "duration",
                 "ratio", "track", "song", "clip_nouns", "video_nouns", "complaint")


def is_remark(clause: str, lang: str) -> bool:
    """Whether ``clause``, one part of a message with several, only remarks ("I love it",
    "这个不错", "here are my holiday photos"): no request word, nothing to edit named."""
    ctx = _Ctx(lexicon(), clause, lang)
    return not any(ctx.has(key) for key in _REQUEST_KEYS)


def is_bare_verb(clause: str, lang: str) -> bool:
    """Whether ``clause`` is only a verb of editing and politeness ("消して", "do it please",
    "바꿔 줘"): it repeats the request before it, it asks nothing of its own."""
    ctx = _Ctx(lexicon(), clause, lang)
    rest = ctx.lower
    for key in ("add", "remove", "change", "polite", "music_off", "upload_ref_fillers"):
        rest = _remove(rest, ctx.words(key))
    return bool(re.search(r"\w", ctx.lower)) and not re.sub(r"[\W_]+", "", rest)


def _names_target(ctx: _Ctx, targets: re.Pattern[str], start: int) -> bool:
    """Whether what is edited is named within the first three words at ``start`` ("… and the
    music a bit quieter", "… y la música más bajita"): a request whose verb is shared with
    the one before it."""
    # Not a word inside quotes: 'add captions "Day one", …, "Heading home"' (a caption's
    # words, which made "Heading home" the title).
    text = _QUOTES.sub(lambda m: " " * len(m.group()), ctx.lower[start:start + 40])
    # A target that starts within the first three words, however long ("… y en blanco y
    # negro": the look's words run past the third).
    found = targets.search(text)
    return found is not None and len(text[:found.start()].split()) < 3


def _past(seps: re.Pattern[str], text: str, start: int) -> int:
    """Where ``text`` goes on after the joining words at ``start`` ("and then the third…")."""
    while (joined := seps.match(text, start)) is not None and joined.end() > start:
        gap = _GAP.match(text, joined.end())
        start = gap.end() if gap else joined.end()
    return start


def _scene_by_place_at(ctx: _Ctx, start: int) -> bool:
    """Whether a scene named by its place starts at ``start`` ("… and the third scene rainy"):
    an ordinal and a scene's noun in the first four words, a request of its own whose verb the
    one before shares (the first edit alone was made, the weather dropped in silence)."""
    window = " ".join(ctx.lower[start:start + 48].split()[:4])
    if not window.isascii():
        window = window[:16]  # Chinese, Japanese, Korean: the next few characters
    return _names_scene(ctx, window) and _ordinal_in(_Ctx(ctx.lex, window, ctx.lang)) is not None


def _text_goes_on(ctx: _Ctx, left: str, rest: str, verbs: re.Pattern[str]) -> bool:
    """Whether a verb after a joiner goes on the title's or caption's text that ends right
    before it ("change the title to cook and make friends": the title, not a request "make
    friends" not understood): typed in lower case, done to nothing of the video's, and no
    request of its own."""
    verb = verbs.match(rest.lower())
    joiners = word_pattern(ctx.listed("joiners"))
    if verb is None or rest[:1].isupper() or _request_follows(
            ctx, verb.group(), rest[verb.end():].lower()) or _of_the_video(
            ctx, verb.group(), rest[verb.end():].lower(), joiners):
        return False
    first = parse(left, has_video=True, session_language=ctx.lang)
    if first.kind not in ("title_set", "captions_add") or not first.text:
        return False
    # Only the verb's own clause: "… cook and make friends and cut it to 15 seconds".
    own = joiners.search(rest.lower(), verb.end())
    clause = rest[:own.start()] if own else rest
    return (_clean(left).lower().endswith(first.text.lower())
            and parse(clause, has_video=True, session_language=ctx.lang).kind in _NO_EDIT)


def _two_kinds(message: str, start: int, end: int, lang: str, *, rest: int | None = None
               ) -> bool:
    """Whether the words before ``end`` (from ``start``) and the rest (from ``rest``, else
    ``end``) are edits of two different kinds. Edits of one kind stay whole: "the title in
    red and the captions at the top" is one restyling of two texts, read together."""
    left, right = (parse(part, has_video=True, session_language=lang)
                   for part in (message[start:end], message[end if rest is None else rest:]))
    if left.kind == "title_set" and not left.text:
        return False  # "put the title and the captions at the top": one request for both
    return left.kind != right.kind and not {left.kind, right.kind} & _NO_EDIT


def _one_restyling(message: str, start: int, end: int, lang: str) -> bool:
    """Whether the words before ``end`` (from ``start``) ask a look of the title or captions
    and the rest, no edit by itself, only adds to it ("make the captions yellow and put them
    at the top": "them" are those captions). Read whole, it is one request with one outcome;
    apart, the first said "no captions, nothing changed" and the second added one."""
    left = parse(message[start:end], has_video=True, session_language=lang)
    if left.kind != "text_style" or left.ask is None:
        return False
    right = parse(message[end:], has_video=True, session_language=lang)
    if right.kind not in (*_NO_EDIT, "uploads_added", "upload_ref"):
        return False
    whole = parse(message[start:], has_video=True, session_language=lang)
    return (whole.kind == "text_style" and whole.ask is not None
            and whole.ask.target == left.ask.target and whole.ask != left.ask)


def _both_edits(message: str, start: int, end: int, lang: str) -> bool:
    """Whether the words before ``end`` (from ``start``) and the rest are both edits."""
    if _as_is(message[start:end], lang):
        return False
    return all(parse(part, has_video=True, session_language=lang).kind not in _NO_EDIT
               for part in (message[start:end], message[end:]))


def _as_is(text: str, lang: str) -> bool:
    """Whether ``text`` leaves something as it is ("音楽についてはそのままにして"): it asks
    nothing, though it names what it keeps (read as a music edit, it was asked about)."""
    return bool(word_pattern(lexicon().words("as_is", (lang,))).search(text.lower()))


@functools.cache
def _connectives(lang: str) -> re.Pattern[str]:
    """A connective verb ending of ``lang`` at the end of a word: a Hangul word before a space
    ("올리고 "), or kana or kanji with the next request straight after, as Japanese writes
    it with no space ("赤にして音楽を…")."""
    endings = lexicon().lang(lang).connectives
    if not endings:
        return re.compile(r"(?!)")
    alt = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
    # "音楽について…" (about the music): its "て" joins nothing ("音楽につい" was read as an
    # edit of its own). Each such phrase, less the ending, may not stand before one.
    heads = {p[:-len(e)] for p in lexicon().lang(lang).not_connectives for e in endings
             if p.endswith(e) and len(p) > len(e)}
    never = "".join(rf"(?<!{re.escape(h)})" for h in sorted(heads))
    return re.compile(rf"(?<=[\uac00-\ud7af]){never}(?:{alt})(?=\s)"
                      rf"|(?<=[\u3040-\u30ff\u4e00-\u9fff]){never}(?:{alt})(?=\w)")


#: Edits whose request is complete without free text: after one of them, "and more upbeat"
#: is a request of its own, not part of a caption's or a title's words.
_SETTLED = frozenset({"volume", "bgm_set", "bgm_remove", "ratio", "duration", "clip_volume",
                      "clip_length", "clip_remove", "framing", "title_remove", "captions_remove",
                      "song_music"})


def _modifier_follows(ctx: _Ctx, start: int, cjk: bool) -> bool:
    """Whether a request without a verb starts at ``start`` ("more upbeat", "a bit quieter",
    "再欢快一点"): a mood, louder/quieter or a shape within its first few words."""
    if cjk:
        window = ctx.lower[start:start + 16]
    else:
        window = " ".join(ctx.lower[start:start + 60].split()[:4])
    keys = ("louder", "quieter", "ratio")
    if any(ctx.has(key, window) for key in keys):
        return True
    return any(word_pattern(words).search(window) for attr in ("moods", "ratios")
               for words in ctx.named(attr).values())


def _settled(clause: str, lang: str) -> bool:
    return parse(clause, has_video=True, session_language=lang).kind in _SETTLED


# -- parsing ----------------------------------------------------------------------------------

def parse(message: str, *, has_video: bool, session_language: str = "en") -> Intent:
    """Turn one chat message into an ``Intent``. ``has_video`` says whether the project has
    scenes already (then edit words outrank a generation verb, e.g. "给视频生成字幕")."""
    lex = lexicon()
    ctx = _Ctx(lex, message, lex.detect(message, session_language))
    clocked = _clock_lengths(ctx)
    if clocked != message:
        # "a 1:30 video about dogs": read as the length in seconds it is.
        return parse(clocked, has_video=has_video, session_language=session_language)
    said = _dictated(ctx)
    if said is not None and has_video:
        return said[0]  # what the voice is to say is content: none of it is read as a request
    if said is not None and said[0].ask is not None and said[0].ask.words:
        # "a video of a sunny beach with a voice-over saying: Welcome to summer": the video
        # the words before ask for, narrated with the words given (not "beach saying: …").
        made = parse(message[:said[1]], has_video=False, session_language=session_language)
        if made.kind == "generate" and not made.script:
            voice = made.ask or said[0].ask
            return dataclasses.replace(made, ask=dataclasses.replace(
                voice, voice="on", words=said[0].ask.words,
                variant=voice.variant or said[0].ask.variant))
    plain = _as_request(ctx) if said is None else None
    if plain is not None:
        # "可以把标题改成黄色吗？", "タイトルを黄色にできる？": read as the request they put
        # politely, so the question's end is never taken for a title's or caption's words.
        return parse(plain, has_video=has_video, session_language=ctx.lang)
    refused = _cannot(ctx)
    if refused is not None:
        return refused
    shown = _put_on_screen(ctx) if has_video else None
    if shown is not None:
        return shown  # "Mettez plutôt « Concert de Noël – samedi 20h » en grand"
    if has_video and (moved := _scene_move(ctx)) is not None:
        # Read before the questions and edits: "can you move the last scene to the start?"
        # asks for it ("move" is no add/remove/change verb), and "put the second scene at the
        # end" is no text put somewhere.
        return moved
    intent = _parse(ctx, has_video)
    if intent.duration_ms is not None and intent.kind not in ("generate", "regenerate"):
        cap = _length_cap(ctx)
        change = 0 if cap else _length_change(ctx)
        nouns = ctx.words("video_nouns")
        if not cap and not change and intent.kind == "duration" and not any(
                ctx.has("video_nouns", ctx.lower[m.end():m.end() + 12])
                for m in _lengths(ctx, ctx.lower)):
            # "alonga o vídeo 5 segundos", "prolonge la vidéo 5 secondes": read without the
            # video's noun, the verb stands beside the amount (5 more), as in "alónga-o 5
            # segundos"; main made the video 5 seconds long. Not a length that describes the
            # video ("make the 20 second video shorter").
            bare = _remove(ctx.lower, (*nouns, *ctx.lex.words("scene_articles", (ctx.lang,))))
            change = _length_change(_Ctx(ctx.lex, bare, ctx.lang))
        intent = dataclasses.replace(intent, duration_change=change, duration_cap=cap)
        if has_video and intent.kind == "duration":
            intent = _scene_length(ctx, intent)
    elif has_video and intent.kind == "duration" and intent.duration_ms is None:
        intent = _scene_without_length(ctx, intent)
    elif has_video and intent.kind == "unknown" and ctx.has("clip_nouns"):
        # "make scene 2 from 5 to 10 seconds", "2番目のシーンを5秒から10秒に伸ばして": a
        # change from one length to another said of a scene is read as a span of time
        # (nothing to place there), so no length was found: the scene's new one.
        changed = _length_changed_to(ctx)
        if changed is not None:
            intent = _scene_length(ctx, Intent("duration", lang=ctx.lang,
                                               duration_ms=changed[0]))
            if intent.kind != "clip_length":
                intent = Intent("unknown", lang=ctx.lang)
    if intent.kind in ("clip_length", "clip_remove") and ctx.has("scene_except"):
        # "make each scene 3 seconds except the last", "마지막 장면 빼고 다 지워" (delete all
        # but the last): the scenes left out are not read, so doing it would change the wrong
        # ones (the last scene was deleted); nothing changes and the reply says so.
        return Intent("unknown", lang=ctx.lang)
    given = _given_title(ctx)
    if given is not None:
        intent = _with_given_title(ctx, intent, given, has_video)
    if intent.kind in ("title_set", "text_style", "captions_add") and not _quotes(message):
        # "make the title bold (and red)": a look of the letters the renderer does not draw.
        plain = _QUOTES.sub(" ", ctx.lower)
        # The shortest word that is there names the look ("negrita", not "en negrita").
        found = next((m for w in sorted(ctx.words("font_looks"), key=len)
                      if (m := word_pattern((w,)).search(plain))), None)
        if found is not None and (ctx.has("title") or ctx.has("caption") or _titled(ctx)):
            font = message[found.start():found.end()]
            text = intent.text
            if text and styling.is_only_style(ctx.pattern("font_looks").sub(" ", text.lower()),
                                              ctx.codes):
                text = None  # "pon el título en negrita", "タイトルを太字にして": no text given
            if intent.kind == "title_set" and text:
                return intent  # "title: Bold and Beautiful" is a text
            return dataclasses.replace(intent, font=font, text=text)
    return intent


#: A time written minutes:seconds ("1:30", "0:45"), not part of a longer number or clock.
_MSS = re.compile(r"(?<![\d:.,])(\d{1,2})[:：]([0-5]\d)(?![\d:：]|[.,]\d)")


#: How an mss_after word that joins the m:ss to a noun starts ("の動画", "的视频").
_MSS_NOUN_LINKS = ("の", "的")


#: An m:ss read as a length is shorter than this (seconds): "a 1:30 video", "make it 4:30";
#: "a 5:30 video of sunrise", "a 7:00 video about breakfast" are more often the time of day
#: (a review's messages), and a video that long is rarely what the user meant.
_MSS_LONGEST = 5 * 60


def _clock_lengths(ctx: _Ctx) -> str:
    """The message with an m:ss that says the video's length ("a 1:30 video", "video about
    dogs, 1:30 long", "make it 1:30") written as seconds ("90 s", "90秒"), with the minutes
    unit after it if any ("1:30 minutes" was read as 30 minutes): with a video noun right
    after it (the message's first, and no mss_describing word before: "make this 1:30 video
    shorter" describes the video there), one of mss_after, or one of mss_linking and a video
    noun a few characters on ("1:30的狗狗视频"), or one of mss_before right
    before it (with no music, volume or track named). Left as written: a format ("9:16"), a
    clock time ("at 10:30", beside a date), a quoted text's time, one of five minutes or
    more ("a 22:00 video of the party", "a 7:30 video of my morning"), any in a message
    naming a title or caption (its text may hold one: "change the title to Session 2:05
    video") or saying a length another way ("make this 2:00 video 30 seconds"), and two or
    more ("trim from 0:10 to 0:20")."""
    if not _MSS.search(ctx.message) or ctx.has("title") or ctx.has("caption") or _titled(ctx):
        return ctx.message
    if _dictated(ctx) is not None or ctx.has("script_words") or _script_parts(ctx) is not None:
        # Words to be read aloud or a script are the user's own, kept as typed ("a voiceover
        # saying the race lasts 1:30"), and their times say no length.
        return ctx.message
    low = ctx.lower
    quoted = _quotes(ctx.message)
    found = [m for m in _MSS.finditer(ctx.message)
             if f"{int(m.group(1))}:{m.group(2)}" not in _KNOWN_RATIOS
             and 0 < int(m.group(1)) * 60 + int(m.group(2)) < _MSS_LONGEST
             and not quoted_text.inside(quoted, m.start(), m.end())]
    if len(found) != 1:
        return ctx.message
    m = found[0]
    written = _length_at(ctx)
    if written is not None and not m.start() <= written[0] < m.end():
        return ctx.message  # ("1:30 minutes" is read as 30 minutes: its own, not another)
    if (quoted_text.after_clock_word(low, m.start(), ctx.codes)
            or quoted_text.beside_date(low, m.start(), m.end(), ctx.codes)):
        return ctx.message
    after = low[m.end():m.end() + 24].lstrip(" -")
    before = low[max(0, m.start() - 24):m.start()].rstrip(" ")
    noun = ctx.find("video_nouns")
    described = (noun is not None and noun.start() < m.start()) or _ends_with_word(
        before, ctx.words("mss_describing"))
    elsewhere = any(ctx.has(key) for key in ("volume", *_LENGTH_PARTS))
    clock = ctx.words("mss_clock")
    if _starts_with_word(after, clock) or _ends_with_word(before, clock):
        return ctx.message  # "4:30 Uhr", "4:30 du matin", "朝4:30": a time of day
    said_before = not elsewhere and (_ends_with_word(before, ctx.words("mss_before")) or any(
        _ends_with_word(before, (word,)) and _ends_with_word(
            before[:-len(word)].rstrip(" "), ctx.words("video_nouns"))
        for word in ctx.words("mss_of")))
    # Right before a length described by what follows ("a 1:30 video"), no name: "a John
    # 3:16 video", "ヨハネ3:16の動画", "요한복음 3:16 영상" are verses. A word of a language
    # without capitals is one only of mss_lead ("做一个1:30的视频").
    last = re.search(r"(\S*)\s*$", ctx.message[:m.start()])
    word = last.group(1) if last else ""
    led = (not word or not word[-1].isalnum() or _ends_with_word(before, ctx.words("mss_lead"))
           or (not has_cjk(word) and not _KANA_HANGUL.search(word) and not word[:1].isupper()))
    # A word that says "long" after it ("1:30 long", "1:30짜리") is a length whatever stands
    # before it; one joining it to a noun ("の動画", "的视频") needs the lead.
    spelled = any(_starts_with_word(after, (w,)) and not w.startswith(_MSS_NOUN_LINKS)
                  for w in ctx.words("mss_after"))
    if not (said_before or spelled or (led and (
            (_starts_with_word(after, ctx.words("video_nouns")) and not described)
            or _starts_with_word(after, ctx.words("mss_after"))))):
        return ctx.message
    end = m.end()
    minutes = re.match(rf"\s*{_unit_alt(tuple(ctx.joined('units', 'minutes')))}",
                       ctx.message[end:], re.I)
    if minutes is not None:
        end += minutes.end()  # "1:30 minutes": the m:ss is the whole length
    unit = min(ctx.tables[0].units["seconds"], key=len)
    seconds = int(m.group(1)) * 60 + int(m.group(2))
    said = f"{seconds}{unit}" if has_cjk(unit) else f"{seconds} {unit}"
    return f"{ctx.message[:m.start()]}{said}{ctx.message[end:]}"


_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def _length_at(ctx: _Ctx) -> tuple[int, int] | None:
    """Where the first length the message says stands (a number and its unit), or None; the
    length asked in a change from one length to another ("从30秒缩短到20秒": not the 30)."""
    changed = _from_to(ctx)
    if changed is not None:
        return changed[1], changed[2]
    found = next(_lengths(ctx, ctx.message), None)
    if found is not None:
        return found.start(), found.end()
    cjk = tuple(u for u in ctx.units if has_cjk(u))
    c = _cn_duration_re(cjk).search(ctx.message) if cjk else None
    return (c.start(), c.end()) if c is not None else None


def _length_cap(ctx: _Ctx) -> bool:
    """Whether the length the message says is a cap: a length_max word right before it ("no
    longer than 20 seconds", "max 20s", "最多20秒") or a length_max_after word right after it
    ("20 seconds max", "20秒以内", "20초 이내")."""
    at = _length_at(ctx)
    if at is None:
        return False
    before = ctx.lower[max(0, at[0] - 24):at[0]].rstrip(" \t")
    after = ctx.lower[at[1]:at[1] + 16].lstrip(" \t")
    rest = _remove(ctx.lower, ctx.words("length_max") + ctx.words("length_max_after"))
    if ctx.find("length_more", rest) is not None:
        # "extend it up to 20 seconds", "20秒まで伸ばして", "20초까지 늘려줘": "up to" a
        # length a longer video is asked for ("no longer than" is the cap's own word).
        return False
    upto = ctx.words("length_upto")
    if (_ends_with_word(before, tuple(w for w in ctx.words("length_max") if w not in upto))
            or _starts_with_word(after, tuple(w for w in ctx.words("length_max_after")
                                              if w not in upto))):
        return True
    # "20秒までにして", "20초까지 해 줘": "up to" a length with a verb of making it is the
    # new length (main made a 10-second video 20 s long; as a cap it was left at 10 s).
    return ((_ends_with_word(before, upto) or _starts_with_word(after, upto))
            and not (ctx.has("change") or ctx.has("length_ask")))


def _of_a_part(ctx: _Ctx) -> bool:
    """Whether a length added, taken off or capped is said of a part of the video, not of
    the whole ("add 2 seconds to the snow scene", "keep the intro under 5 seconds", "ajoute 5
    secondes à la fin"); a length taken off at its start or end is the whole's ("cut 10
    seconds from the start"), and so is one said with the whole (part_whole)."""
    if ctx.has("clip_nouns"):
        return True
    # "keep it under 20 seconds from start to end", "intro included", "从开头到结尾": the
    # whole video with its parts (a review found them not understood).
    said = _remove(ctx.lower, ctx.words("part_whole"))
    if not ctx.has("part_nouns", said):
        return False
    if _length_cap(ctx):
        # An edge under a cap says when ("in the end it should be no longer than 20
        # seconds", "最後は20秒以内にして": the video's, as on main), unless it names the
        # part itself ("keep the ending under 5 seconds"). Only the cap's own clause counts:
        # "make it under 20 seconds but keep the intro", "不超过20秒，片头保留" cap the whole.
        named = set(ctx.words("part_named"))
        edges = tuple(w for w in ctx.words("part_edges") if w not in named)
        return ctx.find("part_nouns", _remove(_clause_of_length(ctx, said), edges)) is not None
    parts = _remove(said, ctx.words("part_edges"))
    return ctx.find("part_nouns", parts) is not None or _length_change(ctx) != -1


def _clause_of_length(ctx: _Ctx, text: str) -> str:
    """The clause of ``text`` (the message lowercased, words maybe blanked out at the same
    places) that holds the length the message says: from the joiner or contrast word
    (clause_breaks: "but", "pero", "但") or sentence end before it to the next joiner, contrast
    word or punctuation after it. Before the length a comma ends nothing ("keep the intro
    short, under 5 seconds", "片头，不超过5秒": the intro's cap); after it, it does
    ("不超过20秒，片头保留")."""
    at = _length_at(ctx)
    if at is None:
        return text
    words = (*ctx.listed("joiners"), *ctx.words("clause_breaks"))
    before = word_pattern(tuple(w for w in words if w not in ",，、;；"))
    after = word_pattern(words)
    start = max((m.end() for p in (before, _SENTENCE_END) for m in p.finditer(text[:at[0]])),
                default=0)
    ends = [m.start() + at[1] for p in (after, _CLAUSE_MARK) for m in [p.search(text[at[1]:])]
            if m]
    return text[start:min(ends, default=len(text))]


#: Where a sentence ends, and where a clause may end after a length (_clause_of_length).
_SENTENCE_END = re.compile(r"[.。!！?？]")
_CLAUSE_MARK = re.compile(r"[,，、;；.。!！?？]")


def _length_change(ctx: _Ctx) -> int:
    """Whether the length the message says is taken off the video's (-1: "shorten it by 10
    seconds", "Kürze um 10 Sekunden", "acórtalo 10 segundos", "10秒短くして", "缩短10秒") or
    added to it (1: "make it 5 seconds longer"), or is the new length (0). A change needs the
    amount's own marker: a length_by word right before it ("by", "um", "de") with a
    shorter/longer word somewhere, or a length_less/length_more word right beside it. A
    shorter/longer word elsewhere says which way the user wants to go, not that the number is
    an amount: "make it shorter, like 20 seconds", "短一点，20秒左右", "add upbeat music, 20
    seconds" each ask for 20 seconds (a review found them made 10 or 50 s long)."""
    at = _length_at(ctx)
    if at is None:
        return 0
    start, end = at
    less, more = ctx.words("length_less"), ctx.words("length_more")
    before = ctx.lower[max(0, start - 24):start].rstrip(" \t")
    after = ctx.lower[end:end + 16].lstrip(" \t")
    # "20 seconds more or less", "20 Sekunden mehr oder weniger": about 20, so the "more"
    # after it is no change ("shorten it by 10 seconds or so" still is one).
    about = _starts_with_word(ctx.lower[end:end + 40].lstrip(" \t"), ctx.words("length_about"))
    for words, later, sign in ((less, ctx.words("length_less_after"), -1), (more, (), 1)):
        # Japanese and Korean put the verb after its amount ("10秒短くして", "10초 줄여줘"):
        # one of their words before the number ends another phrase ("もっと短く、20秒で").
        if (_ends_with_word(before, tuple(w for w in words if not _KANA_HANGUL.search(w)))
                or (not about and _starts_with_word(after, words + later))):
            return sign
    by = next((w for w in ctx.words("length_by") if _ends_with_word(before, (w,))), None)
    if by is not None:
        # "shorten it by 10 seconds", "kürze das Video, das ich gemacht habe, um 10 Sekunden",
        # "by 10 seconds, shorten it": a shorter/longer word anywhere but in "more or less".
        # A verb of another edit is none ("ajoute une musique de 20 secondes", "add music by
        # 20 seconds": length_by_not; a review found them made 50 s long). Narrower windows
        # were tried and dropped: a clause or a few words cut off relative clauses and objects
        # ("acorta el video que hice ayer en 10 segundos", "shorten the video of my trip to
        # the beach by 10 s").
        text = word_pattern(ctx.words("length_about")).sub(" ", ctx.lower)
        other = set(ctx.words("length_by_not"))
        has_less = bool(word_pattern(tuple(w for w in less if w not in other)).search(text))
        has_more = bool(word_pattern(tuple(w for w in more if w not in other)).search(text))
        if has_less != has_more:
            return -1 if has_less else 1
    return 0


def _starts_with_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` starts with one of ``words``, as a whole word where the language
    spaces its words ("shorter", not "shortest"); anywhere in Japanese and Korean ("短くして",
    "줄여줘")."""
    for word in words:
        if not text.startswith(word):
            continue
        tail = text[len(word):]
        if has_cjk(word) or not tail or not (tail[0].isalnum() or tail[0] == "_"):
            return True
    return False


def _ends_with_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` ends with one of ``words``, as a whole word where the language spaces
    its words ("shorten it to", not "auto"); right before a number in Chinese ("缩短到")."""
    for word in words:
        if not text.endswith(word):
            continue
        head = text[:-len(word)]
        if has_cjk(word) or not head or not (head[-1].isalnum() or head[-1] == "_"):
            return True
    return False


def _with_given_title(ctx: _Ctx, intent: Intent, given: _Given, has_video: bool) -> Intent:
    """``intent`` with the title the message gives ("… titled Morning"): a request for a video
    is read without the title's words (they name neither its subject nor its mood: "titled
    Calm Waters" asks no calm music) and gets that title; an edit that names no other text
    sets it ("title it Good Morning Lake", "name it Morning")."""
    rest = _Ctx(ctx.lex, ctx.message[:given.start] + " " + ctx.message[given.end:], ctx.lang)
    made = _parse(rest, has_video)
    # Without the title's words the request may read as one for a new video: it is one when
    # it was already, asks for one outright ("make a video about …"), or is a description
    # alone to an empty project ("a lake at dawn titled Morning"); words about a video that
    # ask for none ("now a separate video from this one") are no request for one.
    asked = intent.kind == "generate" or (
        (rest.has("generate_verbs") or rest.has("want")) and rest.has("video_nouns")) or (
        not has_video and not rest.has("video_nouns"))
    if made.kind == "generate" and not made.script and asked:
        look = (styling.read_ask(given.look.lower(), ctx.codes, title=True, caption=False)
                if given.look else None)
        return dataclasses.replace(made, title=given.text, title_look=look if look is not None
                                   and look.target == "title" else None)
    if intent.kind == "generate":
        return intent
    if intent.kind == "title_set" and intent.text and (
            given.text == intent.text or given.text not in intent.text):
        return intent  # "change the title to Morning": read as it always was
    if intent.kind == "title_set" and intent.text and _goes_on_after_comma(
            ctx, given.text, intent.text):
        return intent  # "set the title to Good morning, city": the clause ends, the text not
    if intent.kind == "title_set" and intent.text:
        # "제목을 좋은 아침이라는 제목으로 바꿔줘": the title's words, not "…이라는 제목". The
        # words after them may ask its look ("add a title: Hartley's Bakery, in yellow",
        # "加個標題：府城果茶屋，要黃色的": read with the longer text taken out, none was).
        after = ctx.message[ctx.message.find(given.text) + len(given.text):].lstrip()
        # (Only after a comma: "title: Lady in Red" is no red title.)
        look = _look_beside(ctx, given.text, title=True) if after[:1] in _CLAUSE_MARKS else None
        return dataclasses.replace(intent, text=given.text, ask=intent.ask or look)
    if given.lower:
        return intent  # "let's call it a day": a title typed in an edit starts with a capital
    at = ctx.message.find(given.text, given.start)
    if (intent.kind == "text_style" and intent.ask is not None and intent.ask.color
            and at >= 0 and styling.is_only_style(ctx.message[at:].lower(), ctx.codes)):
        return intent  # "タイトルを白にして": "白に" is a colour (white), not the title's words
    if intent.kind in ("title_set", "unknown") or (
            intent.kind == "text_style" and not _quotes(ctx.message)):
        return Intent("title_set", lang=ctx.lang, text=given.text,
                      ask=_look_beside(ctx, given.text, title=True))
    return intent


#: Marks that end a clause: what follows a title after one of them is said of it.
_CLAUSE_MARKS = frozenset(",，、;；")


def _goes_on_after_comma(ctx: _Ctx, given: str, text: str) -> bool:
    """Whether the title's ``text`` read after "to" or ":" goes on past a comma where the
    clause of the ``given`` title ends ("pon el título: Buenos días, ciudad" was titled
    "Buenos días"): the words after the comma ask nothing (no edit verb, nothing edited)."""
    if not text.startswith(given):
        return False
    rest = text[len(given):]
    if rest[:1] not in (",", "，") or not rest[1:].strip(_EDGE_PUNCT):
        return False
    after = rest[1:].lower()
    # Words that style, place or time the title ("Hello, in red", "Hola, al principio",
    # "Hello, for 5 seconds", "Hello, ok?") say how to show it, not what it says.
    return not (any(ctx.has(key, after) for key in _REQUEST_KEYS + _STYLE_KEYS)
                or after.rstrip().endswith("?")
                or styling.says_a_style(after, ctx.codes)
                or (any(ch.isdigit() for ch in after) and word_pattern(
                    ctx.joined("units", "seconds") + ctx.joined("units", "minutes")).search(after)
                    is not None))


def sentences_of(text: str) -> tuple[str, ...]:
    """``text``'s sentences, each starting with a capital where its script has them."""
    out = []
    for found in _SENTENCES.findall(text):
        sentence = found.strip()
        if sentence:
            out.append(sentence[:1].upper() + sentence[1:])
    return tuple(out)


def _caption_content(ctx: _Ctx, span: Span | None) -> str | None:
    """What a caption request asks the captions to say when it gives no text of its own but
    names something to write ("the full recipe with the quantities"), in the user's words;
    None for a plain "add captions" and for one that gives its text, place or time."""
    if _quotes(ctx.message) or span is not None:
        return None
    given = _text_after(ctx, "caption")
    if given and has_cjk(ctx.message) and not _content(ctx, _remove(
            given.lower(), ctx.words("add") + ctx.words("caption_fillers"))):
        given = None  # "…을 자막으로 넣어줘": "넣어" is the request's verb, no text
    if given:
        return None
    if has_cjk(ctx.message):
        return _cjk_caption_content(ctx)
    keys = ("caption", "add", "change", "video_nouns", "polite", "title", "bgm", "duration",
            "export_words", "question")
    # ("… and then export?": what follows is another request)
    rest = _remove(_strip_polite(ctx, ctx.message), tuple(w for k in keys for w in ctx.words(k)))
    if (styling.is_only_style(rest.lower(), ctx.codes)
            or styling.names_a_look(rest, ctx.codes)):
        return None
    if len(_content(ctx, rest.lower()).split()) < 2:
        return None
    asked = _trim_edges(ctx, " ".join(rest.split()))
    tail = word_pattern(ctx.listed("text_intros"))
    while ((last := _last(tail, asked.lower())) is not None and last.end() == len(asked)
           and last.start()):
        asked = _trim_edges(ctx, asked[:last.start()])  # "… as (captions)": no part of it
    return asked or None


#: Characters a piece of a Chinese, Japanese or Korean caption request must hold to name
#: something to write ("完整的菜谱和用量"); fewer are a word about the captions ("中文").
_CJK_CONTENT_CHARS = 4


def _cjk_caption_content(ctx: _Ctx) -> str | None:
    """``_caption_content`` for Chinese, Japanese and Korean, written without spaces: the
    longest piece the request's own words (captions, adding, the video, politeness, the words
    around a caption request) leave, when it is long enough to name something to write and
    names no look ("把完整的菜谱和用量加成字幕" → "完整的菜谱和用量"; "给视频加上中文字幕" asks for
    nothing to write)."""
    # (not the change words: "用" of "用量" is one, and "字幕改成…" gives its text)
    keys = ("caption", "add", "video_nouns", "polite", "asking", "title", "bgm", "duration",
            "export_words", "question", "generate_verbs", "per_sentence", "caption_fillers",
            "clip_nouns", "can_do")  # ("字幕つけられる？" asks for captions, names no words)
    words = tuple(w for key in keys for w in ctx.words(key))
    plain = _QUOTES.sub(" ", ctx.message)
    pieces = [_trim_edges(ctx, piece)
              for piece in word_pattern(words).sub("\x00", plain).split("\x00")]
    best = max(pieces, key=lambda p: len(re.findall(r"\w", p)), default="")
    if (len(re.findall(r"\w", best)) < _CJK_CONTENT_CHARS
            or styling.is_only_style(best.lower(), ctx.codes)
            or styling.names_a_look(best, ctx.codes)):
        return None
    return best


@functools.cache
def _cannot_table() -> dict[str, Any]:
    from backend.datacache import load_yaml

    return load_yaml(Path(__file__).with_name("cannot.yaml"))  # type: ignore[no-any-return]


def _cannot(ctx: _Ctx) -> Intent | None:
    """A request the agent cannot carry out ("发到抖音", "translate the captions"), so that it
    is answered as such and never read as another edit (``cannot.yaml``)."""
    table = _cannot_table()
    plain = _QUOTES.sub(" ", ctx.lower)

    def words(key: str) -> tuple[str, ...]:
        # Every language's words: a short request ("súbelo a Instagram") may be read as
        # another language, and these words are no other request's.
        return tuple(str(w) for c, v in table.items() if c != "platforms"
                     for w in v.get(key, ()))

    if word_pattern(words("translate")).search(plain):
        return Intent("cannot", lang=ctx.lang, text="translate")
    place = word_pattern(tuple(str(w) for w in table["platforms"])).search(plain)
    if (place is not None and word_pattern(words("publish")).search(plain)
            and not ctx.has("caption") and not _titled(ctx)):  # a caption's words, not a request
        return Intent("cannot", lang=ctx.lang, text="publish",
                      platform=ctx.message[place.start():place.end()])
    return None


def cannot_reply(intent: Intent) -> str:
    """What a ``cannot`` request is answered, in the request's language."""
    table = _cannot_table()
    says = (table.get(lexicon().lang(intent.lang).code) or table["en"])["says"]
    return str(says[str(intent.text)]).format(platform=intent.platform or "",
                                              asked=intent.platform or "")


def _dictated(ctx: _Ctx) -> tuple[Intent, int] | None:
    """A narration given its words ("add a voice-over saying: …", "让旁白说：…", "旁白换成女声，
    内容是：…", "que lea el subtítulo"): the request before the words names the narration.
    With it, where the words' phrase starts in the message."""
    names = styling.narration_words(ctx.codes) + styling.voiceover_words(ctx.codes)
    found = dictation.find(ctx.message, ctx.codes, _quotes(ctx.message), ctx.words("caption"),
                           names)
    if found is None:
        return None
    if found.words and not any(c.isalnum() for c in _remove(
            found.words.lower(), (*ctx.words("question"), "的是", "是"))):
        # "what does the voice-over say?", "旁白说什么？": a question (main made "?" or "什么"
        # the narration).
        return None
    request = _QUOTES.sub(" ", ctx.lower[:found.start])
    if not word_pattern(names).search(request):
        return None
    ask = styling.Ask("narration", voice="on", variant=styling.variant_in(request, ctx.codes),
                      words=found.words or None, read=found.captions)
    return Intent("narration", lang=ctx.lang, text=found.words or None, ask=ask), found.start


def bare_length(message: str, lang: str) -> int | None:
    """The length ``message`` gives when it says nothing else ("20 seconds", "then 15
    minutes", "nur 20 Sekunden bitte"), in ms; None when it says more or no length. Alone,
    such a message is not understood; it answers a request refused for its length."""
    lex = lexicon()
    ctx = _Ctx(lex, message, lex.detect(message, lang))
    duration = _duration_ms(ctx, ctx.lower)
    return duration if duration is not None and _only_length(ctx) else None


def _only_length(ctx: _Ctx) -> bool:
    """Whether the message says a length and nothing else but the small words around one
    ("mejor q sea de 15 segundos", "lieber 15 Sekunden")."""
    rest = _remove(_strip_durations(ctx, ctx.lower),
                   ctx.words("setting_leftovers") + ctx.words("length_fillers"))
    return not _content(ctx, rest)


def _help_thanks_or_wait(ctx: _Ctx) -> IntentKind | None:
    """"help", a message of only thanks, or one of only a pause ("wait", "待って")."""
    return ("help" if ctx.has("help") else "thanks" if _only_thanks(ctx)
            else "wait" if _only_said(ctx, "wait") else None)


def _span_as_length(ctx: _Ctx, span: Span | None, duration: int | None
                    ) -> tuple[int | None, Span | None, bool]:
    """The length, the span and whether the length was said as going from one length to
    another, when a time in the video read from the message is the length asked for: with
    nothing to place there, "change la durée à 12,5 secondes" ("à 12,5 s" reads as a moment)
    and "from 30 to 20 seconds" (no stretch of the video runs backwards); "从30秒改成20秒",
    "20초에서 30초로 늘려줘" the length it is changed to, not the one it has, nor a stretch."""
    changed = _from_to(ctx)
    if changed is not None:
        return changed[0], None, True
    if duration is not None or span is None or not _places_nothing(ctx):
        return duration, span, False
    if span.kind == "at":
        return span.a, None, False
    if span.kind == "range" and span.b is not None and span.b < span.a:
        return span.b, None, True
    return duration, span, False


def _parse(ctx: _Ctx, has_video: bool) -> Intent:
    message, lang = ctx.message, ctx.lang
    span, without_span = _span(ctx)
    duration, span, backwards = _span_as_length(ctx, span, _duration_ms(ctx, without_span))
    ratio = _ratio(ctx)
    style = _named(ctx, "styles")
    mood = _named(ctx, "moods")
    has = ctx.has

    def make(kind: IntentKind, **values: Any) -> Intent:
        values.setdefault("duration_ms", duration)
        values.setdefault("captions", None if kind != "generate" or values.get("script")
                          else _captions_asked(ctx))
        return Intent(kind, lang=lang, ratio=ratio, style=style, **values)

    if has("regenerate"):
        return make("regenerate", mood=mood)
    script = _script(ctx, has_video)
    look = _look(ctx)
    edit_target = (has("title") or has("caption") or has("bgm") or has("volume")
                   or has("track") or has("song") or has("as_music"))
    # "make it black and white" is an edit; "make a black and white video of a street" is not.
    edit_target = edit_target or (look is not None and not _subject(ctx, None))
    # With nothing made yet, "캠핑 15초짜리 만들어줘" (make a 15-second one of camping) asks for
    # a video too: as an edit it could only be told there is no video.
    wants_video = ((has("generate_verbs") or (has("want") and not has_video))
                   and (has("video_nouns") or (not has_video and duration is not None)))
    fresh = has("new_video")
    uploads = has("uploads")
    if wants_video and edit_target and (
            (has_video and _new_video_with_song(ctx, duration)) or _uploads_with_music(ctx)):
        edit_target = False  # a new video with a song, or of the uploads with some music
    if (script and script.scenes) or fresh or (wants_video and not (has_video and edit_target)):
        # "my flower shop 'Petal & Stem'": the shop's name is its title (never a script's).
        title = _quoted_title(ctx) if script and script.scenes else _title_of(ctx)
        ask = _voice_asked(ctx, script.body if script else "")
        if script and script.scenes:
            return make("generate", script=script.scenes, title=title, mood=mood,
                        prompt=" ".join(script.scenes), uploads=uploads, ask=ask,
                        overall=script.overall, shots=script.shots)
        subject = _subject(ctx, title)
        if (has_video and not subject and not title and not script and not fresh
                and duration is not None and not uploads):
            # "Mach das Video 30 Sekunden lang": the video there is to be that long.
            return Intent("duration", lang=lang, duration_ms=duration)
        return make("generate", prompt=subject, title=title, mood=mood,
                    setting=_setting(ctx, subject),
                    script_missing=script is not None and not subject, uploads=uploads,
                    fresh=fresh, ask=ask, song=_song_asked(ctx),
                    look=(look if look != "none" else None) or _lit(ctx))
    # "can you stop the rain?" asks for an edit, as "add"/"remove"/"change" do.
    verb = (has("add") or has("remove") or has("change") or ctx.weather_gone is not None
            or _undo(ctx))  # "can you undo that?" asks for it too
    asking = message.rstrip().endswith(("?", "？")) or has("question")
    if asking and not verb and (topic := _product_topic(ctx)) is not None:
        # "can I upload my own clips?", "does export cost credits?": about the service, not
        # the project (``text`` is the topic).
        return Intent("product_question", lang=lang, text=topic)
    if (asking and not verb and not edit_target
            and (has("export_words") or _export_spec(ctx) is not None)):
        # "can I export in 4K?": a question about what an export can be, not a command. With an
        # edit verb or target ("could you change the title to 'Export Day'?", "can you make the
        # music quieter before I export?") the export word is part of an edit to make.
        return Intent("export_question", lang=lang, text=_export_spec(ctx))
    if asking and not verb and not _placing(ctx) and not _asked_to_do(ctx):
        # "what can you do?", "tu peux faire quoi ?": what the agent does, not the project
        # ("can you help me with the title?" is about the title). "可以再短一點嗎？5秒就好",
        # "lo puedes hacer estilo anime?" ask for an edit: read on, as the request it is.
        return (Intent("help", lang=lang) if has("help") and not edit_target
                else Intent("question", lang=lang, track=_asked_about(ctx)))
    if not has_video and _new_video_with_song(ctx, duration):
        # "song.mp3 as music over a sunset" (one file's part of a batch): a video to make,
        # with the song ("song.mp3をBGMにして夕日の映像" names a video too: the song first).
        title = _title_of(ctx)
        return make("generate", prompt=_subject(ctx, title), title=title, mood=mood,
                    uploads=uploads, ask=_voice_asked(ctx), song=True)
    if not has_video and _video_of(ctx, duration):
        return make("generate", prompt=_subject(ctx, _title_of(ctx)),
                    title=_title_of(ctx), mood=mood, ask=_voice_asked(ctx))
    edit = _parse_edit(ctx, span, has_video)
    if edit is not None:
        if (edit.kind in WITH_LENGTH and duration is not None and edit.duration_ms is None
                and (edit.kind not in _REMOVALS or _length_apart(ctx))
                and (edit.kind != "title_set" or _length_after_text(ctx, edit.text)
                     # "make the title bold and cut it to 15 seconds": no text, and the
                     # length in a request of its own
                     or (edit.text is None and _verb_of_length_apart(ctx)))):
            # "hazlo vertical para Instagram y de 15 segundos": the length is asked too.
            return dataclasses.replace(edit, duration_ms=duration)
        if (edit.kind in WITH_LENGTH and duration is None and edit.duration_ms is None
                and span is not None and span.kind == "at" and _verb_of_length_apart(ctx)):
            # "mets le titre en rouge et coupe-la à 15 secondes": "à 15 secondes" after a
            # verb of the length in a request of its own is the length (it was dropped).
            return dataclasses.replace(edit, duration_ms=span.a)
        return edit
    if asking and (topic := _product_topic(ctx)) is not None:
        # "can you add a watermark?", "what voices can the narration use?": no edit to make,
        # a question about the service.
        return Intent("product_question", lang=lang, text=topic)
    # "keep the intro under 5 seconds", "イントロを5秒以内にして", "make each clip no longer
    # than 3 seconds": a cap on a part is none of the whole video's.
    capped_part = duration is not None and _length_cap(ctx) and _of_a_part(ctx)
    if duration is not None and not capped_part and (
            has("duration") or has("change") or has("video_nouns")
            or re.search(r"\bit\b", ctx.lower) or has_cjk(message)
            or _asked_to_do(ctx)  # "¿puedes dejarlo en 5 segundos?"
            # "mejor q sea de 15 segundos": a length, said of the video
            or (has_video and (_only_length(ctx) or _scene_only_length(ctx)))
            # "add 10 seconds", "quítale 5 segundos", "max 20s": the words beside the
            # number say it is about the length (of the video: "add 2 seconds to the snow
            # scene", "add 10 seconds to the intro" are not)
            or ((_length_change(ctx) or _length_cap(ctx)) and not _of_a_part(ctx))
            or backwards):
        return (None if has_video else _made_a_video(ctx, duration)) or Intent(
            "duration", lang=lang, duration_ms=duration)
    if has("duration") and not capped_part:
        return Intent("duration", lang=lang)
    if (said := _help_thanks_or_wait(ctx)) is not None:
        return Intent(said, lang=lang)
    if uploads and has("add"):
        return Intent("uploads_added", lang=lang)
    pointed = _upload_ref(ctx)
    if pointed is not None:
        # "add it" sent with a file: the request points at the file just attached. "text" says
        # whether a word points at it ("it", "这个", "이거"), not only a bare "add".
        return Intent("upload_ref", lang=lang, text="pointed" if pointed else None)
    spaced = not has_cjk(message)
    words = len(message.split()) if spaced else len(re.findall(r"\w", message))
    if not has_video and (
            (words >= (4 if spaced else 6) and (_title_of(ctx) or not _asks_of_it(ctx)))
            or (not asking and not verb and _describes(ctx))):
        # "dogs in snow", "雪の中の犬", "Video am Strand": on an empty project, a phrase that
        # names things to see is what the video is to show, as "a video of …" says; a longer
        # message that only asks something of a video ("can you make it cinematic?") is none.
        title = _title_of(ctx)
        return make("generate", prompt=_subject(ctx, title), title=title, mood=mood,
                    ask=_voice_asked(ctx))
    return Intent("unknown", lang=lang)


def _describes(ctx: _Ctx) -> bool:
    """Whether the message, without its greetings, names things a picture shows (a dog, snow,
    a beach: :func:`names_things`): "thanks", "ok", "good night" and "captions" do not."""
    # Every language's: a two-word greeting says too little to tell its language by
    # ("buenas noches" reads as English), and its time of day is no scene.
    greetings = tuple(w for code in ctx.lex.codes
                      for w in ctx.lex.lang(code).subject.get("greetings", ()))
    return names_things(_remove(_QUOTES.sub(" ", ctx.lower), greetings))


def _asks_of_it(ctx: _Ctx) -> bool:
    """Whether a message with no video named asks something of a video ("can you make it
    cinematic?", "make it cinematic please"): a question or an edit, no description of one
    ("can you make it" is never what a video shows)."""
    asking = (ctx.lower.rstrip().endswith(("?", "？"))
              or ctx.pattern("asking").match(ctx.lower.lstrip(" ¿¡")) is not None)
    described = (ctx.has("video_nouns") or ctx.has("generate_verbs")
                 or word_pattern(ctx.joined("subject", "intros")).search(ctx.lower) is not None)
    if asking and not described:
        return True
    # "make it cinematic please": what is left is "make it", an edit's words, not a subject.
    subject = _subject(ctx, None).lower()
    return bool(subject) and not _content(ctx, _remove(subject, ctx.words("change")
                                                       + _request_words(ctx)))


def _video_of(ctx: _Ctx, duration: int | None) -> bool:
    """Whether a message to an empty project names a video and what it is of ("a 20-second
    video of my dog in the snow", "a video of a city at night with captions"): a video to
    make, not a length or captions to give a video that does not exist. A quoted text is a
    caption's or a title's ("add a caption "Hi" to a video of …")."""
    return (ctx.has("video_nouns") and (duration is not None or not _quotes(ctx.message))
            and (word_pattern(ctx.joined("subject", "intros")).search(ctx.lower) is not None
                 or _noun_ends_a_clause(ctx) or _video_then_colon(ctx))
            and bool(_subject(ctx, None)))


def _noun_ends_a_clause(ctx: _Ctx) -> bool:
    """Whether, in a language that puts what a video shows before the word "video", a clause
    ends with that word ("海边的视频", "海の動画", "바다 영상, 내레이션 없이"): the clause names
    a video and what it is of, as "a video of the sea" does with its "of"."""
    nouns = ctx.words("video_nouns")
    clauses = re.split(r"[，,、。.!！?？;；\n]+", ctx.lower)
    if ctx.subject_first:
        return any(c.strip().endswith(nouns) for c in clauses if c.strip())
    # "Wanderung video bitte, 20 sek, …", "cat video please": a noun before "video" at the
    # start of a clause names what it shows, as a compound would ("Wanderungsvideo").
    for clause in clauses:
        bare = _remove(clause, ctx.words("polite") + ctx.words("asking")).strip()
        if bare.endswith(nouns) and _content(ctx, _remove(bare, nouns)):
            return True
    return False


def _captions_asked(ctx: _Ctx) -> Literal["scene", "sentence"] | None:
    """The captions a request for a new video asks for ("… with captions"), if any: none
    when the caption word is inside a quoted text or a caption is given its own words."""
    plain = _QUOTES.sub(" ", ctx.lower)
    if not ctx.has("caption", plain):
        return None
    return "sentence" if ctx.pattern("per_sentence").search(plain) else "scene"


def _undo(ctx: _Ctx) -> bool:
    """"undo", "さっきの変更、元に戻して", "défais": the last change taken back. Naming a part
    ("字幕を元に戻して", "put the title back", "ナレーションを元に戻して") asks that part back."""
    if ctx.has("undo_music"):
        # "deja la música como estaba": the last change back, unless the message asks
        # another edit too ("… y pon el título en rojo", "mach den Titel rot und die Musik
        # wieder wie vorher": a review found the title change undone and the new one lost).
        rest = _remove(ctx.lower, ctx.words("undo_music"))
        return not (any(ctx.has(k, rest) for k in ("title", "caption", "volume"))
                    or _length_at(ctx) is not None)
    alone = ctx.words("undo_alone")
    if alone and word_pattern(alone).search(ctx.lower) and not re.sub(
            r"[\W_]+", "", _remove(_remove(ctx.lower, alone), ctx.words("polite"))):
        return True  # "go back", "戻して", "취소해줘": the message says nothing else
    return (ctx.has("undo")
            and not any(ctx.has(k) for k in ("title", "caption", "bgm", "volume", "song"))
            and _look(ctx) is None
            and not word_pattern(styling.narration_words(ctx.codes)).search(ctx.lower))


def _only_thanks(ctx: _Ctx) -> bool:
    """Whether the message only thanks or praises ("thanks!", "perfect, thank you", "谢谢"),
    asking for nothing (nor a video: "thank you so much!" is no subject)."""
    words = ctx.listed("thanks")
    if not words or not word_pattern(words).search(ctx.lower):
        return False
    rest = _remove(_remove(ctx.lower, words), ctx.words("polite"))
    rest = _remove(rest, ("so much", "a lot", "very much", "again", "so", "very", "really"))
    return not re.sub(r"[\W_]+", "", rest)


def _only_said(ctx: _Ctx, attr: str) -> bool:
    """Whether the message says only words of the ``attr`` list (with politeness): "wait",
    "ちょっと待って", "un momento, por favor"."""
    words = ctx.listed(attr)
    if not words or not word_pattern(words).search(ctx.lower):
        return False
    rest = _remove(_remove(ctx.lower, words), ctx.words("polite"))
    return not re.sub(r"[\W_]+", "", rest)


def _product_topic(ctx: _Ctx) -> str | None:
    """The topic about the service a question names (``product_topics``): the one whose
    longest word matches ("요금제" is plans, not the "요금" of cost); None when none does."""
    best: tuple[int, str] | None = None
    for table in ctx.tables:
        for topic, words in table.product_topics.items():
            m = max((len(w) for w in words if word_pattern((w,)).search(ctx.lower)), default=0)
            if m and (best is None or m > best[0]):
                best = (m, topic)
    return best[1] if best else None


def _upload_ref(ctx: _Ctx) -> bool | None:
    """Whether the message is only "add it"/"加进去" with nothing else named as the thing to add
    (None when something is: "효과음 추가해 줘", "加个转场效果放进去", "add it to the end"), and
    if so, whether a pronoun or demonstrative points at a file (True) or the verb is bare."""
    refs = ctx.pattern("upload_refs")
    found = [m.group(0) for m in refs.finditer(ctx.lower)]
    if not found:
        return None
    pronouns = ctx.words("upload_pronouns")
    rest = refs.sub(" ", ctx.lower)
    for key in ("upload_pronouns", "upload_ref_fillers"):
        rest = ctx.pattern(key).sub(" ", rest)
    if re.search(r"\w", rest):
        return None
    return any(p in phrase for phrase in found for p in pronouns) or any(
        word_pattern((p,)).search(ctx.lower) for p in pronouns)


def _export_spec(ctx: _Ctx) -> str | None:
    """The export format a message names ("4K", "60 fps", "MOV"), as the rules name it."""
    specs = ctx.lex.export_specs
    found: tuple[int, str] | None = None
    for group in ("supported", "unsupported"):
        for name, words in specs[group].items():
            m = word_pattern(words).search(ctx.lower)
            if m and (found is None or m.start() < found[0]):
                found = (m.start(), name)
    return found[1] if found else None


def _placing(ctx: _Ctx) -> bool:
    """Whether the message puts the title or captions somewhere ("show the captions at the
    top"): a place turns "show" from a question into a move."""
    ask = _style_ask(ctx)
    return ask is not None and ask.target != "narration" and ask.pos is not None


def _places_nothing(ctx: _Ctx) -> bool:
    """Whether the message names no title or caption, the only things put "at" a moment."""
    return not ctx.has("caption") and not _titled(ctx)


def _uploads_with_music(ctx: _Ctx) -> bool:
    """"Make a 12-second video with them and some happy music": the uploads become the video,
    with that music (read as a music edit, the length asked would be left unmade)."""
    return ctx.has("uploads") and ctx.has("bgm") and not any(
        ctx.has(key) for key in ("title", "caption", "volume", "track", "song", "as_music"))


def _new_video_with_song(ctx: _Ctx, duration: int | None) -> bool:
    """Whether a request for a video whose only edit word is the song asks for a new video
    with the song as its music (it names a subject or a length), rather than for the song as
    the music of the video there is."""
    others = ("title", "caption", "bgm", "volume", "track")
    if not _song_asked(ctx) or any(ctx.has(key) for key in others if key != "bgm"):
        return False
    rest = _remove(_subject(ctx, None), ctx.words("bgm") + ctx.words("video_nouns")
                   + ctx.words("add") + ctx.words("polite"))
    # What is left must name something to show: a word, or two CJK characters ("日落"), not a
    # stray particle ("把", "해").
    shown = re.findall(r"[^\W\d_]{3,}", rest) if not has_cjk(rest) else re.findall(
        r"[\u3400-\u9fff\uac00-\ud7af\u30a0-\u30ff]{2,}", rest)
    return duration is not None or bool(shown)


def _song_asked(ctx: _Ctx) -> bool:
    """Whether a generation prompt asks for the user's song as its music ("… with this song
    as the music", "用这首歌当背景音乐"); a mood as music ("with calm music") is no song."""
    return ctx.has("song") or (ctx.has("as_music") and _named(ctx, "moods") is None)


def _asked_about(ctx: _Ctx) -> str | None:
    """The one track a question is about ("show me the captions"), else None."""
    narration = word_pattern(styling.narration_words(ctx.codes)).search(ctx.lower) is not None
    asked = [role for role, found in (("captions", ctx.has("caption")), ("title", _titled(ctx)),
                                      ("bgm", ctx.has("bgm")), ("narration", narration))
             if found]
    return asked[0] if len(asked) == 1 else None


def _voice_asked(ctx: _Ctx, script: str = "") -> styling.Ask | None:
    """The voice-over a generation prompt asks for ("… with a female voice-over"), if any.
    The words of its ``script`` are what is said, never an instruction: "The village was
    white and silent." asks for no silence."""
    plain = ctx.lower
    for line in script.lower().splitlines():  # (a script on lines of its own: each of them)
        plain = plain.replace(line, " ") if line.strip() else plain
    plain = _QUOTES.sub(" ", plain)
    if not wants_narration(plain):
        # "…from this script, no voice-over:": captions alone, the script not read aloud.
        return styling.Ask("narration", voice="off")
    if not styling.wants_voiceover(plain, ctx.codes):
        return None
    return styling.Ask("narration", voice="on", variant=styling.variant_in(plain, ctx.codes))


def _style_ask(ctx: _Ctx) -> styling.Ask | None:
    """What the message asks of the titles' and captions' look or of the narration; None
    when it asks neither, or gives a text to show ("change the title to Bottom Line")."""
    if _quotes(ctx.message):
        return None  # a quoted text is a title or caption to show
    pct = _PERCENT.search(ctx.lower)
    percent = _number(next(g for g in pct.groups() if g is not None)) if pct else None
    ask = styling.read_ask(ctx.lower, ctx.codes, title=_titled(ctx), caption=ctx.has("caption"),
                           louder=ctx.has("louder"), quieter=ctx.has("quieter"),
                           percent=percent)
    if ask is None or ask.target == "narration":
        return ask
    for key in ("title", "caption"):
        text = _text_after(ctx, key)
        # (a look that is not drawn, "粗体红色", leaves the look that is)
        if text and not styling.is_only_style(ctx.pattern("font_looks").sub(" ", text.lower()),
                                              ctx.codes) and not _size_complaint(ctx, text, ask):
            return None
    return ask


def _size_complaint(ctx: _Ctx, text: str, ask: styling.Ask) -> bool:
    """Whether ``text``, what seemed the title's or captions' new words, is the end of a
    complaint of their size ("die Untertitel sind zu klein": after the intro "zu" the text
    would be "klein"), not words given with a verb or a colon ("ändere den Titel zu Klein",
    "title: Too Small")."""
    at = styling.size_complaint_at(ctx.lower, ctx.codes)
    if at is None or not ask.size or ctx.has("change") or ctx.has("add"):
        return False
    start = ctx.lower.rfind(text.lower())
    return at[0] <= start < at[1] and at[1] >= start + len(text.rstrip(" .!。！"))


def _put_on_screen(ctx: _Ctx) -> Intent | None:
    """A quoted text put on screen and nothing else asked ("Mettez plutôt « Concert de Noël –
    samedi 20h » en grand", "put "Go Tigers!" in big letters"): the title the user wants,
    made bigger when they say "big". None for any other message."""
    quoted = _quotes(ctx.message)
    if len(quoted) != 1:
        return None
    start, end, text = quoted[0]
    rest = f"{ctx.lower[:start]} {ctx.lower[end:]}"
    if not quoted_text.only_puts(rest, ctx.codes):
        return None
    ask = styling.Ask("title", size=1) if quoted_text.wants_big(rest, ctx.codes) else None
    return Intent("title_set", lang=ctx.lang, text=text, ask=ask)


def _quoted_title(ctx: _Ctx) -> str | None:
    """A quoted text that follows a title word ("titled 'Blue'", "标题「X」")."""
    title = ctx.pattern("title")
    for start, _, text in _quotes(ctx.message):
        if title.search(ctx.lower[max(0, start - 24):start]):
            return text
    return None


def _title_of(ctx: _Ctx) -> str | None:
    """The quoted title a generation prompt gives, or the quoted name of what it shows."""
    return _quoted_title(ctx) or _quoted_name(ctx)


def _unnamed(ctx: _Ctx, title: str | None) -> str:
    """The message without the words that give the quoted ``title`` as a name ("called",
    "という名前の", "라는"): what is left says what the video shows ("my café")."""
    if not title:
        return ctx.message
    words = word_alternatives(ctx.words("name_words"))
    for start, end, text in _quotes(ctx.message):
        if text != title:
            continue
        head = re.search(f"(?:{words})\\s*$", ctx.message[:start], re.I)
        tail = re.match(f"\\s*(?:{words})(?:名前の|の)?", ctx.message[end:], re.I)
        a = head.start() if head else start
        b = end + (tail.end() if tail and has_cjk(text) else 0)
        return f"{ctx.message[:a]} {ctx.message[start:end]} {ctx.message[b:]}"
    return ctx.message


def _quoted_name(ctx: _Ctx) -> str | None:
    """A quoted text that names what comes before it ("my flower shop 'Petal & Stem'",
    "店名叫“半糖”", "a café called 'Mokka'"), else None. A quote right after the words that
    introduce what a video shows ("a video about 'the lost city'"), or a caption's, a title's
    or a song's text, is none."""
    for start, end, text in _quotes(ctx.message):
        after = ctx.find("name_words", ctx.lower[end:end + 8])
        if has_cjk(text) and after is not None and not ctx.lower[end:end + after.start()].strip():
            return text  # 「さくら」という名前のカフェ, '바다'라는 카페: the name comes first
        clause = re.split(r"[,，、;；。:：!?！？\n]", ctx.message[:start])[-1].lower().rstrip()
        if not clause.strip():
            continue
        named = ctx.find("name_words", clause[-12:])
        if named is not None and not clause[-12:][named.end():].strip(" \"'“”「『"):
            return text
        if has_cjk(clause):
            continue  # (no spaces: where the noun before the quote ends is not told)
        last = clause.split()[-1]
        if last in ctx.joined("subject", "stop"):
            continue  # "my trip to 'Paris'": the quote is where, part of what is shown
        if any(ctx.has(key, last) for key in (
                "video_nouns", "generate_verbs", "want", "caption", "title", "song", "bgm",
                "as_music")) or last in ctx.joined("subject", "intros") or last in ctx.listed(
                "text_intros"):
            continue
        if _content(ctx, _remove(clause, ctx.words("video_nouns") + ctx.words("generate_verbs")
                                 + ctx.words("want"))):
            return text
    return None


@dataclass(frozen=True)
class _Given:
    """A title given in the message ("… titled Morning", "标题是早安"): its ``text``, and
    the part of the message that gives it (``start``–``end``: the words that introduce it
    and the text), which says nothing else about the video. ``lower`` when it was typed
    unquoted starting with a lower-case letter after words that name no title ("call it a
    day" is no title; "title it good morning" is one)."""

    start: int
    end: int
    text: str
    lower: bool = False
    #: What follows the text in its clause when it says only how the title looks ("in
    #: yellow at the top"): part of the title's words' span, asked of the title.
    look: str = ""


#: Where a clause ends: a comma, a semicolon, a line, or a full stop before a space.
_CLAUSE_END = re.compile(r"[,，、;；。\n]|[.!?！？]+(?=\s|$)")


def _owned_titles(ctx: _Ctx, low: str, *, in_subject: bool = False) -> list[tuple[int, int]]:
    """Where ``low`` says a thing in the subject is titled ("a book titled Dune", "ein Buch
    mit dem Titel Dune"): that title is the thing's, part of what the video shows, not the
    video's. A film is the video itself unless the message names the video before it and
    what it is about ("a video about a film titled Jaws"); in ``low`` that is already the
    subject (``in_subject``), any film is the subject's."""
    owned = ctx.words("title_given_owned")
    if not owned:
        return []
    things = word_pattern(owned)
    nouns = ctx.pattern("video_nouns")
    intros = word_pattern(ctx.joined("subject", "intros"))
    out = []
    for m in ctx.pattern("title_given").finditer(low):
        reach = max(0, m.start() - _NOUN_REACH)
        before = low[reach:m.start()].rstrip(" ,")
        thing = _last(things, before)
        if thing is None or thing.end() != len(before):
            continue
        at = reach + thing.start()
        made = not in_subject and nouns.fullmatch(thing.group()) is not None
        video = _last(nouns, low[:at]) if made else None
        if made and (video is None or not intros.search(low, video.end(), at)):
            continue  # "make a short film titled Dune": the film is the video asked for
        out.append((m.start(), m.end()))
    return out


def _given_title(ctx: _Ctx) -> _Given | None:
    """The title the message gives after the words of ``title_given`` ("with the title X",
    "titled X", "title it X", "标题是X", "タイトルはX", "제목은 X"), after a title word and a
    colon ("title: X"), or after ``title_given_named`` right after a video noun ("a video
    called X": the video's name is its title; "a dog called Max" is the subject's name). The
    text is quoted, or runs to the end of its clause; a following instruction ("…, 15
    seconds", "… and make it vertical", "… with calm music") is not part of it."""
    low = ctx.lower
    quoted = _quotes(ctx.message)
    kept_out = [(a, b) for a, b, _ in quoted]
    for m in ctx.pattern("caption").finditer(low):
        # "titre" inside "sous-titre"; after "caption:" the rest is the caption's text.
        colon = re.match(r"\s*[:：]", low[m.end():])
        kept_out.append((m.start(), len(low) if colon else m.end()))
    starts: list[tuple[int, int]] = []
    owned = _owned_titles(ctx, low)
    for m in ctx.pattern("title_given").finditer(low):
        if (m.start(), m.end()) not in owned:
            starts.append((m.start(), m.end()))
    for m in ctx.pattern("title").finditer(low):
        colon = re.match(r"\s*[:：]", low[m.end():])
        if colon:
            starts.append((m.start(), m.end() + colon.end()))
    nouns = ctx.pattern("video_nouns")
    for m in ctx.pattern("title_given_named").finditer(low):
        before = low[max(0, m.start() - _NOUN_REACH):m.start()].rstrip(" ,")
        noun = _last(nouns, before)
        if noun is not None and noun.end() == len(before):
            starts.append((m.start(), m.end()))
    tried = 0
    for start, end in sorted(starts):
        if any(a <= start < b for a, b in kept_out):
            continue
        given = _given_text(ctx, start, end, quoted)
        if given is not None:
            return given
        tried += 1
        if tried == _GIVEN_TRIES:
            break  # a message of many "title" words gives none: reading each would be slow
    for m in list(ctx.pattern("title_given_before").finditer(low))[:_GIVEN_TRIES]:
        if not any(a <= m.start() < b for a, b in kept_out):
            given = _given_before(ctx, m.start(), m.end(), quoted)
            if given is not None:
                return given
    return None


def _given_before(ctx: _Ctx, start: int, end: int, quoted: list[tuple[int, int, str]]
                  ) -> _Given | None:
    """The title written before the words of ``title_given_before`` ("「おはよう」というタイトル
    で…", "좋은 아침이라는 제목으로 …", "以《早安》为标题…"): quoted, or back to where its clause
    starts, to the last of ``title_given_before_bounds`` ("…動画を" ends the words before it)
    or to one of ``title_given_before_intros`` ("以", "用": taken out with the title)."""
    message = ctx.message
    head = message[:start].rstrip()
    inside = next(((a, b, q) for a, b, q in quoted if b == len(head)), None)
    if inside is not None:
        text, at = inside[2], inside[0]
    else:
        clause = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
        at = clause
        for bound in (*ctx.words("title_given_before_bounds"),
                      *ctx.words("title_given_before_intros")):
            found = head.lower().rfind(bound, clause)
            if found >= 0:
                at = max(at, found + len(bound))
        text = _clean(head[at:])
        if not text or len(text) > _GIVEN_MAX or not _a_title(ctx, text):
            return None
        at += len(head[at:]) - len(head[at:].lstrip())
    before = head[:at].rstrip().lower()
    intro = next((w for w in ctx.words("title_given_before_intros") if before.endswith(w)), "")
    return _Given(len(before) - len(intro) if intro else at, end, text)


#: How far back a video noun may end before "called" (its longest name and a space or two).
_NOUN_REACH = 40
#: How many places that may give a title are read before giving up.
_GIVEN_TRIES = 3
#: A title's most characters: a longer clause after "titled" is a description, not a title.
_GIVEN_MAX = 120


def _given_text(ctx: _Ctx, start: int, end: int, quoted: list[tuple[int, int, str]]
                ) -> _Given | None:
    """The title's text that starts after ``end`` (see ``_given_title``), or None when what
    follows is no text ("title it something catchy" asks, "タイトルを付けて" is a verb)."""
    message = ctx.message
    lead = re.match(r"[\s:：=\-–]*", message[end:])
    at = end + (lead.end() if lead else 0)
    intro = ctx.pattern("title_given_intros").match(ctx.lower, at)
    if intro is not None:  # "with the title of Morning", "add a title saying Morning"
        after = re.match(r"[\s:：=\-–]*", message[intro.end():])
        at = intro.end() + (after.end() if after else 0)
    # A phrase may hold the quote's opening mark ("名为《": 《》 mark a work's title).
    inside = next(((a, b, q) for a, b, q in quoted if a in (at, end - 1)), None)
    if inside is not None:  # 'titled "Morning"', 'title it "X"'
        return _with_look(ctx, _Given(start, inside[1], inside[2]))
    stop = _CLAUSE_END.search(message, at)
    clause_end = stop.start() if stop else len(message)
    marks = stop.group() if stop and stop.group()[0] in "!?！？" else ""
    raw = message[at:clause_end]
    if len(raw) > _GIVEN_MAX:
        return None
    about = ctx.find("about_words", raw.lower())
    if about is not None and about.start() > 0 and _content(ctx, raw[about.end():]):
        # "a video titled Morning about a lake at dawn": what follows is the subject.
        raw, marks = raw[:about.start()], ""
    complaint = styling.size_complaint_at(ctx.lower, ctx.codes)
    if (complaint is not None and complaint[0] < clause_end and complaint[1] > at
            and not raw.lstrip()[:1].isupper()):
        # "the title is small", "el título es muy pequeño": its size said to be wrong (made
        # bigger), not its new words ("titled Too Small" is typed as a title).
        return None
    text = _cut_looks(ctx, _cut_instructions(ctx, _strip_polite(ctx, raw)))
    duration = next(_lengths(ctx, text), None)
    if duration is not None and duration.start() > 0 and not _content(
            ctx, _strip_durations(ctx, text[duration.start():])):
        text = text[:duration.start()]  # "titled Morning 15 seconds long" ("… samedi 20h" stays)
    text = _clean(text)
    taken = text
    ends = sorted(ctx.words("title_given_ends"), key=len, reverse=True)
    for _ in range(2):
        ending = next((e for e in ends if text.lower().endswith(e) and len(text) > len(e)),
                      None)
        if ending is None:
            break
        text = _clean(text[:len(text) - len(ending)])
    if not text or not _a_title(ctx, text):
        return None
    found = message.find(taken, at)
    if found < 0:
        return None
    stop_at = found + len(taken)
    if marks and message[stop_at:stop_at + len(marks)] == marks and taken == text:
        text, stop_at = text + marks, stop_at + len(marks)  # "titled Happy Birthday Leo!"
    lower = text[:1].islower()
    if lower:
        text = text[:1].upper() + text[1:]  # a title starts with a capital where they exist
    return _with_look(ctx, _Given(start, stop_at, text,
                                  lower and not ctx.has("title", ctx.lower[start:end])))


def _with_look(ctx: _Ctx, given: _Given) -> _Given:
    """``given`` with the rest of its clause when that says only how the title looks ("…
    Morning in yellow at the top"): asked of the title, no part of the subject."""
    stop = _CLAUSE_END.search(ctx.message, given.end)
    end = stop.start() if stop else len(ctx.message)
    tail = ctx.message[given.end:end]
    if (tail.strip() and len(tail) <= _GIVEN_MAX and styling.names_a_look(tail, ctx.codes)
            and styling.is_only_style(tail, ctx.codes)
            # "in black and white" is the whole picture's look, asked of the video
            and not word_pattern(ctx.look_words).search(tail.lower())):
        return dataclasses.replace(given, end=end, look=tail.strip())
    return given


def _cut_looks(ctx: _Ctx, text: str) -> str:
    """``text`` up to a phrase that only says how something looks or where the video goes
    ("Morning in yellow at the top", "… in black and white", "… for Instagram"): asked of the
    title or the video, never the title's words ("Morning on the Lake" stays whole)."""
    cuts = word_pattern(ctx.joined("subject", "cuts"))
    others = ctx.look_words + ctx.listed("platforms")
    for m in cuts.finditer(text.lower()):
        if m.start() and styling.is_only_style(_remove(text[m.start():].lower(), others),
                                               ctx.codes):
            return text[:m.start()]
    return text


def _a_title(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` given after a title's words is its text, not a request about it
    ("title it something catchy", "put the title at the top", "タイトルを付けて", "make the
    title bold"): no look or time alone, and, unless it is typed as a title (a capital
    first: "titled The Long Way Home", "Music of the Night"), no request's verbs or words."""
    low = text.lower()
    words = {w.strip(".,!?¡¿") for w in low.split()}
    if (ctx.has("title_not_given", low) or _BAD_TEXT.match(low) or _only_time(ctx, text)
            or styling.is_only_style(ctx.pattern("font_looks").sub(" ", low), ctx.codes)):
        return False
    if text[:1].isupper():
        return True
    verbs = any(ctx.has(key, low) for key in _REQUEST_VERBS)
    if not text[:1].islower():
        return not verbs  # Chinese, Japanese, Korean: "标题是音乐之夜" is a title
    first = low.split()[0]
    remarks = frozenset(ctx.words("title_remark"))
    remark = words & (frozenset(ctx.words("title_not_text")) | remarks)
    if first.strip(".,!?¡¿") in remarks and len(low.split()) > 1:
        # "ponle el título mal día", "mets le titre mauvaise foi": a remark word first with
        # words after it starts the text ("the title is wrong", "bad" alone are remarks).
        remark = words & frozenset(ctx.words("title_not_text"))
    return not (verbs or remark or first in ctx.joined("subject", "cuts")
                or any(ctx.has(key, low) for key in _REQUEST_KEYS))

#: What asks for something rather than names it ("タイトルを付けて", "제목을 넣어줘").
_REQUEST_VERBS = ("add", "remove", "change", "generate_verbs", "want", "question", "regenerate",
                  "mood_change", "mute", "help", "complaint", "polite")


#: Edits that may carry the length asked in the same clause, made after them.
#: Edits a length may come with in one request ("make it vertical and 15 seconds").
#: A track taken away is one too ("remove the music, 20 seconds", "去掉音乐，做成20秒": the
#: length was dropped in silence).
WITH_LENGTH = frozenset({"ratio", "bgm_set", "look", "text_style", "narration", "restyle",
                         "bgm_remove", "title_remove", "captions_remove", "track_remove",
                         "title_set"})

#: Tracks taken away: a length beside one is asked of the video only in a part of its own
#: ("remove the title and cut it to 20 seconds"; "remove the title after 5 seconds" is when).
_REMOVALS = frozenset({"bgm_remove", "title_remove", "captions_remove", "track_remove"})


def _length_after_text(ctx: _Ctx, text: str | None) -> bool:
    """Whether the length the message says stands after the title's new text, in a request
    of its own ("change the title to Tom and Jerry and cut it to 15 seconds"), not in it
    ("change the title to Rise and Shine: 5 Minute Workout")."""
    at = _length_at(ctx)
    where = ctx.message.find(text) if text else -1
    return at is not None and where >= 0 and at[0] >= where + len(text or "")


def _verb_of_length_apart(ctx: _Ctx) -> bool:
    """Whether the length the message says follows a joiner and a verb of the length in
    the clause that joiner starts ("… et coupe-la à 15 secondes")."""
    at = _length_at(ctx)
    if at is None:
        return False
    joined = list(word_pattern(ctx.listed("joiners")).finditer(ctx.lower[:at[0]]))
    if not joined:
        return False
    clause = ctx.lower[joined[-1].end():at[0]]
    if ctx.has("length_moment", clause):
        # "y haz que aparezca a los 5 segundos", "et fais-le apparaître à 5 secondes": the
        # verb of making is about the title's moment (a review found the video cut to 5 s).
        return False
    return any(ctx.has(key, clause) for key in ("length_ask", "length_less", "length_more"))


def _length_apart(ctx: _Ctx) -> bool:
    """Whether the length the message says is asked in a clause of its own after a joiner
    or a comma ("no music, and 20 seconds", "去掉音乐，做成20秒"), not right in the clause of
    what is taken away ("remove the title after 5 seconds" says when). That clause asks a
    length when nothing else is in it but a length_of word, or it has a verb of the length
    ("remove the title and cut it to 20 seconds"); a clause that describes something ("remove
    the title, it only shows for 3 seconds anyway", "去掉标题，它只显示3秒") asks none."""
    at = _length_at(ctx)
    if at is None:
        return False
    joiners = word_pattern(ctx.listed("joiners"))
    seps = [m.end() for m in re.finditer(r"[,，、;；]", ctx.lower[:at[0]])]
    seps += [m.end() for m in joiners.finditer(ctx.lower[:at[0]])]
    if not seps:
        return False
    after = re.search(r"[,，、;；.。!！?？]", ctx.lower[at[1]:])
    end = at[1] + after.start() if after else len(ctx.lower)
    clause = ctx.lower[max(seps):at[0]] + " " + ctx.lower[at[1]:end]
    rest = joiners.sub(" ", clause).strip(_EDGE_PUNCT + " ")
    if not rest or rest in ctx.words("length_of"):
        return True
    if ctx.find("part_nouns", _remove(clause, ctx.words("part_edges"))) is not None:
        # "quita la música, la intro que sea de 5 segundos", "去掉音乐，片头做成5秒": the
        # length of a part, none of the whole video's (a review found it cut to 5 s).
        return False
    # (not the "duration" words: "la intro dura 5 segundos" says how long the intro is)
    if any(ctx.has(key, clause) for key in ("length_ask", "length_less", "length_more")):
        return True
    # "remove the captions, the video should be 20 seconds": the video the clause's subject
    # (its first words), said of the whole video; a clause naming it later describes
    # something ("remove the music, it's too loud in the video after 20 seconds").
    said = joiners.sub(" ", ctx.lower[max(seps):at[0]]).strip(_EDGE_PUNCT + " ")
    noun = ctx.find("video_nouns", said)
    return noun is not None and len(said[:noun.start()].split()) <= 1


#: What a message may ask besides the weather it names; then the weather only names a part.
_NOT_WEATHER = ("bgm", "song", "volume", "as_music", "clip_nouns", "duration", "track", "ratio")


def _scene_weather(ctx: _Ctx) -> tuple[int, Ended] | None:
    """The weather asked of one scene named by its place ("the second scene", "scene 2",
    "第二个场景", "2番目のシーン") and the scene's 1-based place (-1 the last); None when the
    message asks something else of it (a length, music) or removes it ("delete the second
    scene with the snow" removes the scene: a removal word with the weather is not taken)."""
    if ctx.has("caption") or _titled(ctx):
        return None
    # "make it snow in the last one", "mets de la neige dans la dernière", "最後のやつに雪降らせ
    # て": the scene by its ordinal alone (main put the weather in every scene).
    lone = None if ctx.has("clip_nouns") or ctx.has("video_nouns") else _lone_ordinal(
        ctx, _QUOTES.sub(" ", ctx.lower))
    if not ctx.has("clip_nouns") and lone is None:
        return None
    if any(ctx.has(k) for k in _NOT_WEATHER if k != "clip_nouns"):
        return None
    said = scene_weather(_QUOTES.sub(" ", ctx.message), ctx.lang)
    if said is None or said.how == "lighter":
        return None
    if said.how == "denied" and ctx.has("remove") and lone is None and not _weather_first(
            ctx, said):
        return None  # (with no scene's noun, what is removed is the weather: "remove the
        # snow in the last one" cleared every scene)
    if lone is not None:
        return (lone, said) if _only_asks(ctx, said, lone=True) else None
    if not _only_asks(ctx, said):
        return None
    which = _clip_ref(ctx)
    if which is None:
        number = _track_number(ctx.words("clip_nouns")).search(ctx.lower)
        if number is not None:
            raw = next(g for g in number.groups() if g is not None)
            which = int(raw)
    if not isinstance(which, int) or which == 0:
        return None
    return which, said


def _scene_words(ctx: _Ctx) -> tuple[str, ...]:
    """The words naming a scene by its place: the clip nouns and the ordinals."""
    ordinals = tuple(w for table in ctx.tables for ws in table.ordinals.values() for w in ws)
    return (*ctx.words("clip_nouns"), *ordinals)


def _bare(text: str) -> str:
    """``text`` without numbers, punctuation and spaces: what is left says something."""
    return re.sub(r"[\W\d_]+", "", text)


def _only_asks(ctx: _Ctx, said: Ended, *, lone: bool = False) -> bool:
    """Whether the message asks for nothing but ``said`` in one scene: without that scene,
    the weather words and the words of asking for them (weather.yaml ``asks``), nothing is
    left. "the rain in scene 2 is too heavy", "make every scene except the second rainy",
    "第二个场景加一个雪人", "change scene 2 to Snow White", "rain in scene 2 and snow in scene
    3" say more, and are read as they were before weather could be asked of one scene."""
    text = _QUOTES.sub(" ", ctx.lower)
    if len(word_pattern(ctx.words("clip_nouns")).findall(text)) != (0 if lone else 1):
        return False
    words = (*_scene_words(ctx), *scene_ask_words(ctx.lang, said.how))
    if lone:  # the ordinal's article, particle or pronoun ("the last one", "最後のやつに")
        words += (*ctx.lex.words("scene_pronouns", (ctx.lang,)),
                  *ctx.lex.words("scene_articles", (ctx.lang,)),
                  *ctx.lex.words("lone_before", (ctx.lang,)),
                  *ctx.lex.words("lone_after", (ctx.lang,)))
    return not _bare(word_pattern(words).sub(" ", text))


def _weather_first(ctx: _Ctx, said: Ended) -> bool:
    """Whether a removal's object is the weather: named before the scene, with a word of
    "from" between them ("remove the snow from the first scene", "quita la lluvia de la
    segunda escena"), in a language written with spaces. "remove the rainy second scene",
    "remove the rain and the second scene", "delete the second scene with the snow" remove
    the scene. In Chinese, Japanese and Korean the weather is the object when it follows the
    scene with only a particle between ("把第二个场景的雪去掉", "シーン2の雪を消して", "두 번째
    장면에서 눈 없애줘"); named before it, it describes the scene ("删掉有雪的第二个场景")."""
    scene = ctx.find("clip_nouns", ctx.lower)
    weather = min((m for kind in said.kinds
                   for m in [weather_word(kind, ctx.lang, ctx.lower)] if m is not None),
                  key=lambda m: m.start(), default=None)
    if scene is None or weather is None:
        return False
    if ctx.subject_first:
        if scene.end() > weather.start():
            return False
        between = ctx.lower[scene.end():weather.start()]
        rest = word_pattern((*_scene_words(ctx), *scene_ask_words(ctx.lang, said.how))).sub(
            " ", between)
        return not _bare(rest)
    if weather.end() > scene.start():
        return False
    between = ctx.lower[weather.end():scene.start()]
    froms = word_pattern(removal_from_words(ctx.lang))
    if not froms.search(between):
        return False
    rest = word_pattern((*_scene_words(ctx), *scene_ask_words(ctx.lang, "asks"))).sub(
        " ", froms.sub(" ", between))
    return not _bare(rest)


def _caption_edit(ctx: _Ctx, span: Span | None) -> Intent:
    """A caption request: new captions, new words for one or all, one moved in time."""
    has = ctx.has
    lang = ctx.lang
    span = span or _end_span(ctx)
    # "자막을 \"X\"로 바꿔줘", "change the caption to X": the caption becomes X (a
    # change, not one more caption).
    replace = has("replace")
    rename = has("caption_change") and not has("add")
    said = [q for _, _, q in _quotes(ctx.message)]
    if len(said) > 1:
        return Intent("captions_add", lang=lang, texts=tuple(said), span=span,
                      replace=replace, rename=rename)
    text = said[0] if said else _text_after(ctx, "caption")
    if not text and span is not None and (has("move") or has("caption_change")):
        # "move the Thanks caption to the last 3 seconds": a caption moved in time.
        return Intent("captions_move", lang=lang, span=span)
    texts = _pieces(text) if text and not said else ((text,) if text else ())
    if len(texts) == 1:
        texts = (text,) if text else ()
    place = _caption_place(ctx) if len(texts) == 1 and not has("add") else None
    # "add a caption "See you soon!" to the last scene": shown during that scene (main
    # showed it over the whole video).
    plain = _Ctx(ctx.lex, _QUOTES.sub(" ", ctx.message), ctx.lang)
    # (Not the words of the caption: 'add a caption "Welcome to the last scene"'.)
    scene = _clip_ref(plain) if place is None and span is None and plain.has(
        "clip_nouns") else None
    # "第二句字幕改成「…」", "change the second caption to …": that caption's words (main
    # replaced every caption with them, or added one more).
    return Intent("captions_add", lang=lang, text=text if len(texts) <= 1 else None,
                  texts=texts, span=span, replace=replace, rename=rename or place is not None,
                  track=place, ask=_look_beside(ctx, text, title=False) if text else None,
                  scenes=((scene, 0, 0),) if isinstance(scene, int) and scene else ())


def _parse_edit(ctx: _Ctx, span: Span | None, has_video: bool = True) -> Intent | None:
    """Weather, looks, removals, volume, music, title, captions and aspect ratio, in that
    order."""
    has = ctx.has
    lang = ctx.lang
    if _undo(ctx):
        return Intent("undo", lang=lang)
    # (One scene's weather first: "make it snow in the last one" names no scene's noun.)
    one = _scene_weather(ctx) if has_video else None
    if has_video and one is None and ctx.weather_gone is not None:
        # "the rain stops", "que pare la lluvia", "没有雨": the scenes without that weather.
        return Intent("weather", lang=lang, weather=ctx.weather_gone, text=ctx.message.strip())
    if one is not None:
        # "make the second scene rainy", "第一個場景下雨": that scene's weather only.
        return Intent("weather", lang=lang, weather=one[1], track=one[0],
                      text=ctx.message.strip())
    look = _look(ctx)
    if look is not None:
        return Intent("look", lang=lang, look="none" if has("remove") else look)
    ask = _style_ask(ctx)
    if ask is not None:
        return Intent("narration" if ask.target == "narration" else "text_style", lang=lang,
                      ask=ask)
    if (has("bgm") and (has("music_off") or _off_after_music(ctx))
            and _named(ctx, "moods") is None and not has("song")
            and not has("add") and not any(has(k) for k in ("title", "caption", "volume"))):
        if has("clip_nouns") and _part_of_scene(ctx, _QUOTES.sub(" ", ctx.lower)) and (
                _clip_ref(ctx) is not None or _scene_range(
                    ctx, _QUOTES.sub(" ", ctx.lower)) is not None or _scene_list(
                    ctx, _QUOTES.sub(" ", ctx.lower)) is not None):
            # "把最后一个场景的音乐去掉", "quita la música de la última escena": the music
            # of a scene, which no edit takes off alone (main took all of it off).
            return Intent("unknown", lang=lang)
        # "把音樂拿掉", "音楽いらない", "no music please": the music goes; it is never added.
        return Intent("bgm_remove", lang=lang)
    if has("remove"):
        removal = _parse_removal(ctx)
        if removal is not None:
            return removal
    if has("fill") or has("fit"):
        # "fill the frame" / "show the whole picture": how uploads meet the canvas.
        return Intent("framing", lang=lang, text="fill" if has("fill") else "fit")
    if has("clip_sound"):
        volume = _parse_volume(ctx)
        if volume.volume is None and not has("quieter") and not has("louder"):
            volume = Intent("volume", lang=lang, volume=1.0)  # "keep the original sound"
        return Intent("clip_volume", lang=lang, volume=volume.volume,
                      volume_step=volume.volume_step)
    if has("volume") or (has("bgm") and (_PERCENT.search(ctx.lower) or has("louder")
                                          or has("quieter")
                                          or styling.complaint_step(ctx.lower, ctx.codes))):
        return _parse_volume(ctx)
    if has("song") or (has("as_music") and not has("title") and not has("caption")
                       and _named(ctx, "moods") is None):  # "신나는 음악으로": a mood, no song
        return Intent("song_music", lang=lang)
    if _titled(ctx):
        quoted = _quotes(ctx.message)
        text = quoted[0][2] if quoted else _text_after(ctx, "title")
        return Intent("title_set", lang=lang, text=text, span=span,
                      ask=_look_beside(ctx, text, title=True))
    if has("caption") and not _quotes(ctx.message) and ctx.pattern("per_sentence").search(
            ctx.lower):
        # "füge Untertitel für jeden Satz hinzu": the words name how, not a caption's text.
        return Intent("captions_add", lang=lang, per_sentence=True, replace=True)
    asked = _caption_content(ctx, span) if has("caption") else None
    if asked:
        # "ajoute la recette complète avec les quantités en sous-titres": words the user did
        # not give, which the agent cannot write (a copy of the prompt was added instead).
        return Intent("cannot", lang=lang, text="caption_content", platform=asked)
    if has("caption"):
        return _caption_edit(ctx, span)
    restyle = _restyle(ctx) if has_video else None
    if restyle is not None:
        # "弄成复古一点的风格", "Kannst du es im Anime-Stil machen?": the scenes' look.
        return Intent("restyle", lang=lang, style=restyle)
    if has("bgm"):
        style = _named(ctx, "styles")
        mood = _named(ctx, "moods") or (ctx.lex.styles[style].mood if style else None)
        # ``replace``: other music was asked for ("change the music", "音乐换成爵士"), which
        # the same music does not answer even when no mood is named.
        # Without an add verb, music with no mood we make ("BGMはジャズっぽいのがいいな")
        # asks for other music too; "add music" where there is some is already done.
        return Intent("bgm_set", lang=lang, mood=mood,
                      replace=has("change") or has("replace") or not has("add"))
    ratio = _ratio(ctx)
    if ratio is not None or has("ratio"):
        return Intent("ratio", lang=lang, ratio=ratio)
    mood = _named(ctx, "moods") if has_video else None
    if mood is not None and (has("change") or has("mood_change")):
        # "… and more upbeat", "make it calmer": the mood of a video is its music's. A mood
        # word alone is a remark ("this is epic, thanks!", "the sky looks sad"), not a request.
        return Intent("bgm_set", lang=lang, mood=mood, style=_named(ctx, "styles"), by_mood=True)
    return None


def _asked_to_do(ctx: _Ctx) -> bool:
    """Whether a question asks the agent to do something ("can you make it anime style?",
    "可以再短一點嗎？", "アニメ風にできる？"): a request put politely, not a question about the
    project. One that asks what, how or which, or to be shown or told, is a question."""
    if not ctx.has("can_do") or ctx.has("shown_asks") or ctx.has("help"):
        return False
    polar = frozenset(ctx.words("polar"))
    wh = tuple(w for w in ctx.words("question") if w not in polar)
    return not wh or word_pattern(wh).search(ctx.lower) is None


def _as_request(ctx: _Ctx) -> str | None:
    """A request about the title or captions asked as a yes/no question, as the request
    itself ("可以把标题改成黄色吗？" → "可以把标题改成黄色", "タイトルを黄色にできる？" →
    "タイトルを黄色にして"); None when the message is no such question."""
    message = ctx.message
    quoted = _quotes(message)
    # Only a title's or a caption's words can take the question's end in: other questions
    # ("能导出4K吗？", "can you add a watermark?") stay questions, answered as such.
    if not (ctx.has("title") or ctx.has("caption")) or not _asked_to_do(ctx):
        return None
    if quoted and not message[quoted[-1][1]:].strip(" ?？!！"):
        return None  # a quoted text at the end keeps its own marks: 'title "Why?"'
    plain = message.rstrip(" \t\n?？!！")
    for key, spoken in (("polar", ""), ("question_ends", _first(ctx.words("question_ends_to")))):
        end = _last(ctx.pattern(key), plain.lower())
        if end is not None and end.start() > 0 and end.end() == len(plain):
            plain = plain[:end.start()].rstrip() + spoken
    return plain if plain != message else None


def _first(words: tuple[str, ...]) -> str:
    return words[0] if words else ""


def _off_after_music(ctx: _Ctx) -> bool:
    """Whether "off" follows the music at the end of the request ("turn the music off",
    "mach die Musik bitte aus"): the particle of a verb placed after its object. Elsewhere
    the word is another one ("Musik aus den 80ern": from the 80s)."""
    music = ctx.find("bgm")
    if music is None:
        return False
    for off in ctx.pattern("music_off_after").finditer(ctx.lower, music.end()):
        rest = _remove(ctx.lower[off.end():], ctx.words("polite"))
        if not re.sub(r"[\W_]+", "", rest):
            return True
    return False


def _restyle(ctx: _Ctx) -> str | None:
    """The style the scenes are asked to take ("anime style", "复古一点的风格", "make it
    documentary", "make it more retro", "make it more cinematic"), else None. A mood word
    asked of the video ("make it calmer", "再欢快一点") asks for its look too
    (``Lexicon.mood_styles``): only a message naming the music ("retro music", "make the
    music more upbeat") asks for the music. A word alone is a style only when it names one
    ("cinematic", not "epic!"), and with thanks only ("this is epic, thanks!") it is a
    remark."""
    if ctx.has("bgm") or ctx.has("song"):
        return None
    if _style_alone(ctx):
        return _named(ctx, "styles")
    if not any(ctx.has(k) for k in ("change", "mood_change", "can_do", "want", "style_nouns")):
        return None
    style = _named(ctx, "styles")
    if style is None:
        mood = _named(ctx, "moods")
        style = ctx.lex.mood_styles.get(mood) if mood else None
    return style


def _style_alone(ctx: _Ctx) -> bool:
    """Whether the message is a style's name and nothing else ("cinematic", "電影感",
    "빈티지", "vintage please"), said of a made video: the scenes' style, as "cinematic style"
    is (``Language.style_names``: "epic!" alone is a remark)."""
    said = re.sub(r"[^\w\s-]+", " ", _remove(ctx.lower, ctx.words("polite")))
    said = " ".join(said.split())
    return any(said in table.style_names for table in ctx.tables)


def _look_beside(ctx: _Ctx, text: str | None, *, title: bool) -> styling.Ask | None:
    """The look a message asks of the title or captions besides their new ``text``
    ("タイトルを「深夜の一杯」に変えて、色は赤にして", "legenda embaixo: \"Vai!\" em verde"):
    read with the text taken out, so a text's own words ("Red Sunset") are no colour."""
    rest = _QUOTES.sub(" ", ctx.message)
    if text:
        rest = rest.replace(text, " ")
    ask = styling.read_ask(rest.lower(), ctx.codes, title=title, caption=not title)
    if ask is None or ask.target == "narration" or not (
            ask.pos or ask.color or ask.size or ask.box is not None):
        return None
    return ask


def _look(ctx: _Ctx) -> str | None:
    """The look of the whole picture the message names ("black and white", "黑白", "warmer"),
    "none" for its original colours ("back to colour"), else None. Words about the music
    ("a brighter song", "もっと明るい曲") ask for its mood, not for a look."""
    if ctx.has("bgm") or ctx.has("song"):
        return None
    for table in ctx.tables:
        for key in ("none", *LOOKS):
            if word_pattern(table.look_words[key]).search(ctx.lower):
                return key
    return None


def _titled(ctx: _Ctx) -> bool:
    """Whether the message names the title, and not only inside a caption word
    ("sous-titre" holds "titre")."""
    caption_spans = [(m.start(), m.end()) for m in ctx.pattern("caption").finditer(ctx.lower)]
    # Nor a title's word inside quotes: the words of a text ('add captions "Day one", …,
    # "Heading home"' made "Heading home" the title).
    if len(ctx.lower) == len(ctx.message):
        caption_spans += [(a, b) for a, b, _ in _quotes(ctx.message)]
    return any(not any(a <= m.start() < b for a, b in caption_spans)
               for m in ctx.pattern("title").finditer(ctx.lower))


_MEDIA_NAME = re.compile(
    r"(?<![\w.])([\w\-]+\.(?:mp4|mov|avi|webm|mkv|jpe?g|png|gif|webp|mp3|wav|m4a|aac))(?!\w)",
    re.I)


#: A file name inside CJK text too ("song.mp3を"): only ASCII letters make the name.
_FILE_NAME = re.compile(r"(?<![A-Za-z0-9_.\-])[A-Za-z0-9_\-]+\.(?:mp4|mov|avi|webm|mkv|jpe?g"
                        r"|png|gif|webp|mp3|wav|m4a|aac)(?![A-Za-z0-9_])", re.I)


def _scene_length(ctx: _Ctx, intent: Intent) -> Intent:
    """A length said of one scene ("make the second scene 3 seconds", "第二个场景改成3秒",
    "cut market.mp4 to 3 seconds") or of each ("each scene 3 seconds", "3 seconds each",
    "シーンごとに3秒", "장면마다 3초"): a ``clip_length`` intent whose ``track`` is the scene's
    place (-1 the last), the clip's file name, or "each", and whose length is the one said in
    that scene's clause. Anything else stays the video's length (``_scene_clause``)."""
    if intent.duration_cap:
        return intent
    if not (_names_scene(ctx, _QUOTES.sub(" ", ctx.lower)) or _MEDIA_NAME.search(ctx.message)):
        alone = _scene_by_place_alone(ctx)
        return intent if alone is None else dataclasses.replace(intent, kind="clip_length",
                                                                track=alone)
    said = _scene_clause(ctx)
    if said is None:
        before = _scene_then_length(ctx)
        if isinstance(before, tuple):
            asked = (int(intent.duration_ms or 0), intent.duration_change)
            return dataclasses.replace(intent, kind="clip_length", track=None, one_request=True,
                                       scenes=tuple((place, *asked) for place in before))
        if before is not None:
            # "La première scène est trop longue, mets-la à 2 secondes", "第一个场景太长了，改成
            # 2秒吧": that scene (main made the whole video 2 seconds long).
            return dataclasses.replace(intent, kind="clip_length", track=before,
                                       one_request=True)
        alone = _scene_by_place_alone(ctx)
        if alone is not None:
            # "make the third one 3 seconds", "第三个改成3秒": that scene (main made the whole
            # video 3 seconds long).
            return dataclasses.replace(intent, kind="clip_length", track=alone)
        if _scene_unplaced(ctx):
            # "make the snow scene 3 seconds", "mach die Strandszene 3 Sekunden": one scene,
            # but not which; main made the whole video that long. Asked which.
            return dataclasses.replace(intent, kind="clip_length", track=UNPLACED)
        return intent
    which, clause = said
    changed = _length_changed_to(ctx)  # "第二个场景从5秒改成8秒": 8 seconds
    if changed is not None:
        intent = dataclasses.replace(intent, duration_ms=changed[0], duration_change=0)
    else:
        # "make the video 20 seconds, each scene around 4 seconds": the scene's own length
        own = _duration_ms(ctx, clause)
        if own is not None:
            intent = dataclasses.replace(intent, duration_ms=own)
        if not intent.duration_change:
            # "alarga la última escena 2 segundos": read without the scene's words, the verb
            # stands beside the amount (2 more), as in "alárgalo 2 segundos".
            # (The language's own articles only: English "a" is Spanish "to".)
            bare = _remove(clause, (*_scene_words(ctx), *ctx.words("each_before"),
                                    *ctx.lex.words("scene_articles", (ctx.lang,))))
            change = _length_change(_Ctx(ctx.lex, bare, ctx.lang))
            if change:
                intent = dataclasses.replace(intent, duration_change=change)
    asked = (int(intent.duration_ms or 0), intent.duration_change)
    if isinstance(which, tuple):  # "the last two scenes 3 seconds": each the same length
        # ("… and the first one 4": that one's too)
        return dataclasses.replace(intent, kind="clip_length", track=None, scenes=(
            *((place, *asked) for place in which), *_more_scene_lengths(ctx, clause)))
    more = _more_scene_lengths(ctx, clause) if isinstance(which, int) else ()
    if isinstance(which, int) and more:  # "the second scene 3 seconds and the third 4"
        return dataclasses.replace(intent, kind="clip_length", track=None,
                                   scenes=((which, *asked), *more))
    return dataclasses.replace(intent, kind="clip_length", track=which)


#: ``Intent.track`` of a length said of one scene without saying which ("make the snow scene
#: 3 seconds"): the agent asks which.
UNPLACED: Final = "unplaced"


def _message_clauses(ctx: _Ctx) -> list[str]:
    """The message's clauses, quotes left out: cut at its joiners and clause breaks ("and",
    "but") and at the end of each sentence."""
    breaks = word_pattern((*ctx.listed("joiners"), *ctx.words("clause_breaks")))
    # File names keep their dots: a sentence ends at a full stop before a space or the end.
    ends = re.compile(r"[.!?](?=\s|$)|[。！？]")
    # A decimal comma joins its digits ("3,5 secondes" is one length, not two clauses).
    text = _DECIMAL_COMMA.sub(r"\1.\2", _QUOTES.sub(" ", ctx.lower))
    return [c for part in breaks.split(text) for c in ends.split(part)]


_DECIMAL_COMMA = re.compile(r"(\d),(\d)")
#: Where a clause ends by its punctuation alone (a comma, a semicolon, a sentence's end).
_PUNCT_CLAUSES = re.compile(r"[,;，；、]|[.!?](?=\s|$)|[。！？]")


def _scene_length_clauses(ctx: _Ctx) -> Iterator[str]:
    """The clauses that say a length beside a scene's noun or a clip's file name. None that
    names another part with a length of its own ("各シーンの間に1秒のトランジション", "1
    second transition between each scene")."""
    nouns = ctx.words("clip_nouns")
    others = word_pattern(tuple(w for w in ctx.words("length_parts") if w not in nouns)
                          + ctx.words("bgm") + ctx.words("track"))
    for clause in _message_clauses(ctx):
        named = _names_scene(ctx, clause) or _MEDIA_NAME.search(clause)
        if named and next(_lengths(ctx, clause), None) is not None \
                and not others.search(clause):
            yield clause


def _names_scene(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` holds a scene's noun, alone or ending a compound ("Strandszene")."""
    if ctx.has("clip_nouns", text):
        return True
    suffixes = ctx.lex.words("scene_suffixes", (ctx.lang,))
    return bool(suffixes) and _compound(suffixes).search(text) is not None


def _compound_or_singular(ctx: _Ctx, text: str) -> int | None:
    """Where the first scene's noun in the singular ("the drone clip") or compound ending in
    one ("Strandszene") in ``text`` ends, or None."""
    suffixes = ctx.lex.words("scene_suffixes", (ctx.lang,))
    found = [m.end() for m in (
        word_pattern(ctx.lex.words("scene_singular", (ctx.lang,))).search(text),
        _compound(suffixes).search(text) if suffixes else None) if m is not None]
    return min(found) if found else None


def _names_one_scene(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` holds a scene's noun in the singular ("the snow scene") or a compound
    ending in one ("Strandszene")."""
    suffixes = ctx.lex.words("scene_suffixes", (ctx.lang,))
    return word_pattern(ctx.lex.words("scene_singular", (ctx.lang,))).search(text) is not None \
        or (bool(suffixes) and _compound(suffixes).search(text) is not None)


@functools.cache
def _compound(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    """A word ending in one of ``suffixes`` (and longer than it): "Strandszene"."""
    return re.compile(rf"[^\W\d_]+(?:{_alternation(suffixes)})(?![^\W\d_])")


@functools.cache
def _counted_scenes(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """A number of scenes ("5 scenes", "장면 5개"), not a scene's place."""
    alt = _alternation(nouns)
    return re.compile(rf"(?<![\d.,第])\d+\s*(?:个|個|つの|개의|개)?\s*(?:{alt})"
                      rf"|(?:{alt})\s*\d+\s*(?:개|つ|个|個)")


def _scene_clause(ctx: _Ctx) -> tuple[int | str | tuple[int, ...], str] | None:
    """The scene a length is said of ("each", a place, a file name, or the places of several
    at one end: "the last two scenes") and the clause saying both. Only a clause with a
    number counts ("make it 20 seconds but keep all the clips", "make the video 20 seconds
    long, the first scene is boring": the video's), and none that counts scenes ("30 seconds
    with 5 scenes")."""
    counted = _counted_scenes(ctx.words("clip_nouns"))
    plain = _QUOTES.sub(" ", ctx.lower)
    only = list(_lengths(ctx, plain))
    if len(only) == 1 and not ctx.has("video_nouns", plain):
        # "make the second and fourth scenes 3 seconds", "add 2 seconds to scenes 2 and 3":
        # the list spans the clauses' "and", and stands right beside the length (not
        # "… 4 secondes et échange les scènes 3 et 4", nor "第二个和第四个场景很好，视频改成20秒":
        # the length is the video's).
        listed = _scene_list_at(ctx, plain)
        if listed is not None and _only_small_words(
                ctx, plain[listed[2]:only[0].start()] if listed[1] < only[0].start()
                else plain[only[0].end():listed[1]]):
            return listed[0], plain
    for clause in _scene_length_clauses(ctx):
        several = None if ctx.has("video_nouns", clause) else (
            _scene_range(ctx, clause) or _scene_list(ctx, clause))
        if several is not None and _scenes_before_length(ctx, clause):
            return several, clause
        if counted.search(clause):
            continue
        if _each_in(ctx, clause):
            return "each", clause
        which = _scene_place(_Ctx(ctx.lex, clause, ctx.lang))
        if which is not None and (isinstance(which, str) or _scenes_before_length(ctx, clause)):
            return which, clause
    return None


def _scene_range(ctx: _Ctx, text: str) -> tuple[int, ...] | None:
    """The places of several scenes at one end ("the last two scenes", "les deux premières
    scènes", "最后两个场景", "마지막 두 장면", "最初の2つのシーン"): (1, 2) for the first two,
    (-2, -1) for the last two; None when ``text`` names none."""
    numbers = {word: n for n, key in enumerate(("range_two", "range_three", "range_four",
                                                "range_five"), start=2)
               for word in ctx.words(key)}
    found = _range_pattern(ctx.words("clip_nouns"), ctx.words("range_first"),
                           ctx.words("range_last"), tuple(numbers),
                           ctx.words("range_counters")).search(text)
    if found is None:
        return None
    said = found.group("n") or found.group("n2")
    count = int(said) if said.isdigit() else numbers.get(said, 0)
    if not 1 <= count <= _RANGE_MAX:
        return None
    last = (found.group("end") or found.group("end2")) in ctx.words("range_last")
    return tuple(range(-count, 0)) if last else tuple(range(1, count + 1))


#: The most scenes "the last N scenes" is read for (a larger N is more likely a length).
_RANGE_MAX = 20


@functools.cache
def _range_pattern(nouns: tuple[str, ...], first: tuple[str, ...], last: tuple[str, ...],
                   numbers: tuple[str, ...], counters: tuple[str, ...]) -> re.Pattern[str]:
    end = _alternation((*first, *last))
    count = rf"\d{{1,2}}(?![\d.,:])|{_alternation(numbers)}"
    # The count before the end ("las dos últimas", "les deux dernières", "die beiden letzten")
    # only in Latin script: a Hangul count there is a word's tail or a yes ("좋네 마지막 장면",
    # "네 마지막 장면 지워줘": the last scene, not four).
    latin = tuple(n for n in numbers if not re.search(r"[^\x00-\u024f]", n))
    count_first = rf"\d{{1,2}}(?![\d.,:])|{_alternation(latin)}"
    noun = _alternation(nouns)
    counter = _alternation(counters)
    # Latin words need their edges; CJK and Hangul runs join ("最后两个场景", "ラスト2シーン").
    # Nothing else stands between the count and the scene: "마지막 두 번째 장면" is the second
    # to last, "the last 5 second scene" one scene, "마지막 3초 장면" a scene of 3 seconds.
    return re.compile(
        rf"(?<![a-z\u00c0-\u024f])(?P<end>{end})\s*(?:的|の)?\s*(?P<n>{count})(?![a-z\u00c0-\u024f])"
        rf"\s*(?:{counter})?\s*(?:{noun})"
        rf"|(?<![^\W\d_])(?P<n2>{count_first})\s+(?P<end2>{end})\s+(?:{noun})")


def _scenes_before_length(ctx: _Ctx, text: str) -> bool:
    """Whether the scenes' noun comes before the length ("make the first two scenes 3
    seconds", "最后两个场景改成3秒"); after it, the length is another thing's ("make it 20
    seconds with the first two scenes shorter")."""
    noun = word_pattern(ctx.words("clip_nouns")).search(text)
    suffixes = ctx.lex.words("scene_suffixes", (ctx.lang,))
    if noun is None and suffixes:
        noun = _compound(suffixes).search(text)  # "mach die Strandszene 3 Sekunden"
    length = next(_lengths(ctx, text), None)
    if noun is None or length is None:
        return False
    if noun.start() < length.start():
        return True
    # "add 2 seconds to the last two scenes", "4 seconds for the first two scenes": only the
    # words that name the scenes between.
    return _only_small_words(ctx, text[length.end():noun.start()])


def _only_small_words(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` holds only words that name scenes and small words around them
    (ordinals, the ends and counts of a range, joiners, articles, the verbs of a length)."""
    one = _Ctx(ctx.lex, text, ctx.lang)
    rest = _remove(text, (
        *ctx.words("clip_nouns"), *_ordinal_words(one),
        *(w for key in _RANGE_WORDS for w in ctx.words(key)),
        *ctx.lex.words("list_joiners", (ctx.lang,)),
        *ctx.lex.words("scene_articles", (ctx.lang,)),
        *ctx.lex.words("scene_verbs", (ctx.lang,))))
    return not re.sub(r"[\W\d_]+", "", rest)


def _scene_list(ctx: _Ctx, text: str) -> tuple[int, ...] | None:
    found = _scene_list_at(ctx, text)
    return found[0] if found is not None else None


def _ordinals_at(ctx: _Ctx, text: str) -> list[tuple[int, int, int]]:
    """(start, end, place) of every ordinal in ``text`` ("the second", "第三個", "2つ目"), none
    beside a number (a time: "the first 3 seconds")."""
    found: list[tuple[int, int, int]] = []
    for table in ctx.tables:
        for number, words in table.ordinals.items():
            for m in word_pattern(words).finditer(text):
                # Only the few characters around the word matter (keeps this linear).
                if re.search(r"\d\s*$", text[max(0, m.start() - 8):m.start()]) or \
                        re.match(r"\s*\d", text[m.end():m.end() + 8]):
                    continue
                found.append((m.start(), m.end(), number))
    return found


def _scene_list_at(ctx: _Ctx, text: str) -> tuple[tuple[int, ...], int, int] | None:
    """The places of two or more scenes listed ("the second and fourth scenes", "scenes 2 and
    4", "la segunda y la cuarta escena", "2番目と4番目のシーン", "두 번째랑 네 번째 장면",
    "第二个和第四个场景"), in the order said; None unless only joiners, articles and the
    scenes' nouns stand between them."""
    found = _ordinals_at(ctx, text)
    nouns = _alternation(ctx.words("clip_nouns"))
    joiners = _alternation(ctx.lex.words("list_joiners", (ctx.lang,)))
    spans = _alternation(ctx.lex.words("span_joiners", (ctx.lang,)))
    spanned = re.search(rf"(?:{nouns})\s*(\d{{1,2}})\s*(?:{spans})\s*(\d{{1,2}})(?![\d.,:])", text)
    if spanned is not None and not any(m.start() <= spanned.start(2) < m.end()
                                       for m in _lengths(ctx, text)):
        # "scenes 2 to 4", "Szenen 2 bis 4", "场景2到4": each of them.
        a, b = int(spanned.group(1)), int(spanned.group(2))
        if 0 < a < b <= _RANGE_MAX:
            return tuple(range(a, b + 1)), spanned.start(), spanned.end()
    numbered = re.search(rf"(?:{nouns})\s*(\d{{1,2}}(?:\s*(?:{joiners})\s*\d{{1,2}})+)(?![\d.,:])",
                         text)
    # Not a place and a length ("scene 2, 3 seconds", "シーン2、3秒にして"): no number of the
    # list is a length's.
    if numbered is not None and not any(
            m.start() <= n.start() + numbered.start(1) < m.end()
            for m in _lengths(ctx, text) for n in re.finditer(r"\d+", numbered.group(1))):
        numbers = tuple(int(n) for n in re.findall(r"\d+", numbered.group(1)))
        return (numbers, numbered.start(), numbered.end()) if numbers else None
    # The longest ordinal at each place ("第二个" over "第二"), left to right.
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    places: list[tuple[int, int, int]] = []
    for start, end, number in found:
        if not places or start >= places[-1][1]:
            places.append((start, end, number))
    if len({p for _, _, p in places}) < 2:
        return None
    between = (*ctx.lex.words("list_joiners", (ctx.lang,)), *ctx.words("clip_nouns"),
               *ctx.lex.words("scene_articles", (ctx.lang,)),
               *ctx.lex.words("scene_pronouns", (ctx.lang,)))
    listed = ctx.lex.words("list_joiners", (ctx.lang,))
    joiner = word_pattern(tuple(w for w in listed if w[0].isalnum()))
    marks = tuple(w for w in listed if not w[0].isalnum())
    for (_, end, _), (start, _, _) in itertools.pairwise(places):
        gap = text[end:start]
        # A joiner between each two ("second last" is one place, the one before the last).
        if _remove(gap, between).strip(_EDGE_PUNCT) or re.search(r"\d", gap) or not (
                joiner.search(gap) or any(m in gap for m in marks)):
            return None
    return tuple(p for _, _, p in places), places[0][0], places[-1][1]


def _more_scene_lengths(ctx: _Ctx, first: str) -> tuple[tuple[int, int, int], ...]:
    """The lengths of more scenes said after ``first``, the clause of the first one, by their
    place alone ("make the second scene 3 seconds and the third 4 seconds", "第二个场景3秒，
    第三个5秒"): (place, length, change) each; empty when a later clause is anything else."""
    clauses = _message_clauses(ctx)
    at = next((i for i, c in enumerate(clauses) if c == first), len(clauses))
    small = (*_scene_words(ctx), *ctx.words("setting_leftovers"), *ctx.words("length_fillers"),
             *ctx.lex.words("scene_verbs", (ctx.lang,)),
             *ctx.lex.words("scene_articles", (ctx.lang,)))
    # A number said without its unit is in the first length's ("… 3 seconds and the third 4").
    said = _duration_ms(ctx, first)
    found = next(_lengths(ctx, first), None)
    number = re.search(r"\d+(?:[.,]\d+)?", found.group(0)) if found is not None else None
    unit = said / _number(number.group(0)) if said and number and _number(number.group(0)) \
        else None
    if unit != _SECOND_MS:
        unit = None  # "… 1 minute and the third 30": 30 what? Only seconds carry over.
    more: list[tuple[int, int, int]] = []
    for clause in clauses[at + 1:]:
        if not clause.strip(_EDGE_PUNCT):
            continue
        # The length beside the place is no time of day ("the third 4 seconds").
        bare = _strip_durations(ctx, clause)
        length = _duration_ms(ctx, clause)
        alone = _BARE_NUMBER.search(bare) if length is None and unit else None
        if alone is not None and unit:
            length = round(_number(alone.group(1)) * unit)
            bare = bare[:alone.start()] + " " + bare[alone.end():]
        one = _Ctx(ctx.lex, bare, ctx.lang)
        place = _ordinal_in(one)
        if place is None or length is None:
            break
        rest = _remove(bare, (*small, *_ordinal_words(one)))
        if _content(ctx, re.sub(r"\d+", " ", rest)):
            break
        more.append((place, length, _length_change(_Ctx(ctx.lex, clause, ctx.lang))))
    return tuple(more)


_SECOND_MS = 1000

#: A number that stands alone ("the third 4"), not one of an ordinal ("3rd", "第3个", "3番目").
_BARE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,\u00c0-\u024f])(\d+(?:[.,]\d+)?)(?![\w.,]|\s*(?:个|個|番|번|つ))")


def _ordinal_words(ctx: _Ctx) -> tuple[str, ...]:
    return tuple(w for table in ctx.tables for words in table.ordinals.values() for w in words)


def _ordinal_in(ctx: _Ctx) -> int | None:
    """The place an ordinal in the text names ("the third", "第三个", "the second to last":
    the longest at the first place one stands), not one beside a number (a time), or None."""
    # The first place, and there the longest ordinal (the smallest start - end).
    found = [(start, start - end, number) for start, end, number in _ordinals_at(ctx, ctx.lower)]
    return (min(found)[2] or None) if found else None


def _scene_then_length(ctx: _Ctx) -> int | str | tuple[int, ...] | None:
    """A scene named in one clause and given a length in the next, which names nothing else
    ("La première scène est trop longue, mets-la à 2 secondes", "die letzte Szene ist zu kurz,
    mach sie 4 Sekunden lang", "第一个场景太长了，改成2秒吧"): its place, ``UNPLACED`` for one
    named by what it shows ("la scène du marché est trop longue, mets-la à 2 secondes"), or
    None; the places of several ("the last two scenes are too long, make them 3 seconds").
    Only two clauses, cut at punctuation (an "and" may list the scenes: "the second and third
    scenes are too long, make them 3 seconds"); a third is another edit, read on its own."""
    text = _DECIMAL_COMMA.sub(r"\1.\2", _QUOTES.sub(" ", ctx.lower))
    clauses = [c for c in _PUNCT_CLAUSES.split(text) if c.strip(_EDGE_PUNCT)]
    if len(clauses) != 2:  # a scene's clause and its length's
        return None
    about = (*ctx.words("duration"), *ctx.lex.words("length_complaints", (ctx.lang,)))
    whole = ctx.lex.words("whole_words", (ctx.lang,))
    for named, sized in itertools.pairwise(clauses):
        if not _names_scene(ctx, named) or next(_lengths(ctx, named), None) is not None:
            continue
        # Not a removal ("delete the second scene and make it 20 seconds": the video's), nor a
        # length of the whole ("…, make the whole thing 20 seconds", "…总长改成20秒"), of
        # another part ("…, cut the intro to 2 seconds") or of another scene ("…, make the
        # first one 3 seconds").
        if ctx.has("remove", named) or (whole and word_pattern(whole).search(sized)) or \
                _of_another_part(_Ctx(ctx.lex, sized, ctx.lang)) or \
                _ordinal_in(_Ctx(ctx.lex, _strip_durations(ctx, sized), ctx.lang)) is not None:
            continue
        # The first clause is about the scene's length ("… est trop longue", "…太长了", "the
        # last scene is too short") or names the scene and nothing else ("la dernière scène,
        # tu peux la mettre à 4 secondes ?"); "I like the first scene. Make it 20 seconds" is
        # the video's.
        if not word_pattern(about).search(named) and _without_scene_words(ctx, named):
            continue
        if next(_lengths(ctx, sized), None) is None or _names_scene(ctx, sized) or \
                ctx.has("video_nouns", sized) or ctx.has("video_nouns", named):
            continue
        one = _Ctx(ctx.lex, named, ctx.lang)
        several = _scene_range(ctx, named) or _scene_list(ctx, named)
        if several is not None:
            return several
        place = _scene_place(one)
        if isinstance(place, int):
            return place
        if _names_one_scene(ctx, named):
            return UNPLACED
    return None


def _scene_without_length(ctx: _Ctx, intent: Intent) -> Intent:
    """"Make the second scene shorter", "the last scene is too long": that scene's length,
    to be asked (main asked "How long should the video be?")."""
    if not ctx.has("clip_nouns") or ctx.has("video_nouns") or _of_another_part(ctx):
        return intent
    place = _scene_place(ctx)
    return intent if not isinstance(place, int) else dataclasses.replace(
        intent, kind="clip_length", track=place)


def _scene_by_place_alone(ctx: _Ctx) -> int | None:
    """The place of a scene said by its ordinal alone beside a length, in a message that says
    nothing else ("make the third one 3 seconds", "pon la tercera de 3 segundos", "mach die
    dritte 3 Sekunden lang", "3番目を3秒にして", "세 번째 거 3초로 해줘", "第三个改成3秒"): a user
    who has just read the list of scenes names them so. None for anything more, for the video's
    or a part's noun, and for a last-word that also means "finally" ("最后改成20秒")."""
    plain = _QUOTES.sub(" ", ctx.lower)
    if ctx.has("video_nouns", plain) or ctx.has("clip_nouns", plain) or _of_another_part(ctx) \
            or word_pattern(ctx.lex.words("lone_not", (ctx.lang,))).search(plain):
        return None
    bare = _strip_durations(ctx, plain)
    one = _Ctx(ctx.lex, bare, ctx.lang)
    place = _lone_ordinal(ctx, bare)
    if place is None:
        return None
    small = (*_ordinal_words(one), *ctx.words("setting_leftovers"), *ctx.words("length_fillers"),
             *ctx.words("duration"),
             *ctx.lex.words("scene_verbs", (ctx.lang,)),
             *ctx.lex.words("scene_articles", (ctx.lang,)),
             *ctx.lex.words("scene_pronouns", (ctx.lang,)))
    rest = _remove(bare, small)
    return None if _content(ctx, re.sub(r"\d+", " ", rest)) else place


def _lone_ordinal(ctx: _Ctx, text: str) -> int | None:
    """The place an ordinal standing for a scene names: after its article ("the third", "la
    tercera", "die dritte"), before its particle or pronoun ("3番目を", "세 번째 거"), or with
    its classifier ("第三个"); never an ordinal that orders what is said ("first make it 20
    seconds", "primero hazlo…", "마지막으로 20초로", "最后改成20秒", "一つ目、…")."""
    before = ctx.lex.words("lone_before", (ctx.lang,))
    after = ctx.lex.words("lone_after", (ctx.lang,))
    suffixes = ctx.lex.words("lone_suffix", (ctx.lang,))
    lead = re.compile(rf"(?:^|\s)(?:{_alternation(before)})\s+$")
    table = ctx.tables[0]  # the message's own language: its articles and particles
    found = sorted(((m.start(), m.start() - m.end(), number, m)
                    for number, words in table.ordinals.items()
                    for m in word_pattern(words).finditer(text)), key=lambda f: f[:3])
    taken = -1
    for start, _, number, m in found:
        if start < taken:
            continue  # inside a longer ordinal ("second" of "second to last")
        taken = m.end()
        if re.search(r"\d\s*$", text[max(0, start - 8):start]) or \
                re.match(r"\s*\d", text[m.end():m.end() + 8]):
            continue
        if before and not lead.search(text[max(0, start - 12):start]):
            continue
        if after and not re.match(rf"\s*(?:{_alternation(after)})", text[m.end():]):
            continue
        if suffixes and not m.group(0).endswith(suffixes):
            continue
        return number or None
    return None


def _of_another_part(ctx: _Ctx) -> bool:
    """Whether the message names a part with a length of its own (music, a track, the intro)."""
    nouns = ctx.words("clip_nouns")
    others = word_pattern(tuple(w for w in ctx.words("length_parts") if w not in nouns)
                          + ctx.words("bgm") + ctx.words("track"))
    return others.search(ctx.lower) is not None


def _scene_unplaced(ctx: _Ctx) -> bool:
    """Whether a clause gives one scene a length without saying which ("make the snow scene 3
    seconds", "haz la escena de la playa de 3 segundos", "mach die Strandszene 3 Sekunden",
    "海のシーンを3秒にして"): a scene's noun in the singular (or a compound ending in one) and
    a length, and no number of scenes or word of the video itself."""
    counted = _counted_scenes(ctx.words("clip_nouns"))
    return any(_names_one_scene(ctx, clause) for clause in _scene_length_clauses(ctx)
               if not counted.search(clause) and not ctx.has("video_nouns", clause)
               and _scenes_before_length(ctx, clause))


def _each_in(ctx: _Ctx, clause: str) -> bool:
    """Whether ``clause`` says "each scene" (``scene_lengths`` words)."""
    nouns = _alternation(ctx.words("clip_nouns"))
    before = _alternation(ctx.words("each_before"))
    after = _alternation(ctx.words("each_after"))
    number = _alternation(ctx.words("each_number"))
    # Words written without spaces join their neighbours ("每个场景", "シーンごとに3秒").
    gap, edge = (r"[^\S\n]{0,2}", "") if ctx.subject_first else (r"\s+", r"(?!\w)")
    length = r"\d+(?:[.,]\d+)?\s*\w{0,9}"
    each = re.compile(
        rf"(?<!\w)(?:{before}){gap}(?:{nouns})"
        rf"|(?:{nouns})\s*(?:{after}){edge}"
        rf"|{length}\s*(?:{after}){edge}"
        rf"|(?<!\w)(?:{number})\s*\d")
    return each.search(clause) is not None


def _scene_place(ctx: _Ctx) -> int | str | None:
    """The one clip a message names ("the second scene", "scene 2", -1 for the last, or a
    file name: "market.mp4"), or None."""
    which = _clip_ref(ctx)
    if which is None:
        # The length's own number is none ("clip 3 seconds" names no third clip).
        text = _strip_durations(ctx, _QUOTES.sub(" ", ctx.lower))
        numbered = _track_number(ctx.words("clip_nouns")).search(text)
        if numbered is not None:
            which = int(next(g for g in numbered.groups() if g is not None))
    return which if which != 0 else None


def _scene_only_length(ctx: _Ctx) -> bool:
    """Whether the message is a length of each scene or of one, and nothing else ("cada
    escena de 3 segundos", "chaque scène 3 secondes", "scene 2: 8 seconds")."""
    if not ctx.has("clip_nouns") or _scene_clause(ctx) is None:
        return False
    small = (*_scene_words(ctx), *ctx.words("each_before"), *ctx.words("each_after"),
             *ctx.words("each_number"), *ctx.words("setting_leftovers"),
             *ctx.words("length_fillers"), *ctx.lex.words("scene_verbs", (ctx.lang,)),
             *ctx.lex.words("scene_articles", (ctx.lang,)),
             *(w for key in _RANGE_WORDS for w in ctx.words(key)))
    rest = _remove(_strip_durations(ctx, ctx.lower), small)
    return not _content(ctx, re.sub(r"\d+", " ", rest))


#: The words of ``_scene_range``.
_RANGE_WORDS: Final = ("range_first", "range_last", "range_two", "range_three", "range_four",
                       "range_five", "range_counters")


def _alternation(words: tuple[str, ...]) -> str:
    """``words`` as a regular expression's alternatives, longest first ("(?!)" for none)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _clip_ref(ctx: _Ctx) -> int | str | None:
    """Which clip the message names: a file name ("clip.mp4") or an ordinal next to a clip
    word ("the second clip", -1 for the last). An ordinal beside a number is a time."""
    named = _MEDIA_NAME.search(ctx.message)
    if named:
        return named.group(1)
    if not ctx.has("clip_nouns"):
        return None
    return _ordinal_in(ctx)


@functools.cache
def _track_number(words: tuple[str, ...]) -> re.Pattern[str]:
    """"pista 2", "Spur 2", "2ª faixa", "トラック2": a track word and a number next to it."""
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    # Not a clock's hour ("scene 1:30"); a colon before a space is a label's ("scene 3: 3
    # seconds" is scene 3; main made the whole video 3 seconds long).
    return re.compile(rf"(?:{alt})\s*#?\s*(\d+)(?![\d.,]|:\d)"
                      rf"|(?<![\d.,])(\d+)\s*(?:º|ª|°|\.|e|ème|番目の)?\s*(?:{alt})")


def _parse_removal(ctx: _Ctx) -> Intent | None:
    has = ctx.has
    lang = ctx.lang
    plain = _QUOTES.sub(" ", ctx.lower)
    several = _scene_range(ctx, plain) or _scene_list(ctx, plain) if has("clip_nouns") else None
    # "delete scene 3": a place by its number too, not one that counts ("delete 3 scenes").
    clip = _clip_ref(ctx) if several is not None or not has("clip_nouns") or \
        _counted_scenes(ctx.words("clip_nouns")).search(plain) else _scene_place(ctx)
    # (cut at punctuation only: an "and" may list the scenes, "escenas 2 y 4")
    clauses = [c for c in _PUNCT_CLAUSES.split(_DECIMAL_COMMA.sub(r"\1.\2", plain))
               if c.strip(_EDGE_PUNCT)]
    said = [c for c in clauses if ctx.has("remove", c)]
    asked = said[0] if len(said) == 1 else plain
    if (clip is not None or several is not None) and (
            next(_lengths(ctx, asked), None) is not None or ctx.has("a_second", asked)):
        # A length in the removal's own clause. "remove 1 second from the last two scenes":
        # their lengths, never the scenes (main deleted them); "a second" said in words, or
        # a length of anything else ("remove the first 3 seconds of the last scene"), is not
        # read (nothing changed). A length in another clause is that clause's ("delete the
        # second scene, it's only 2 seconds long" deletes it).
        length = next(_lengths(ctx, asked), None)
        noun = word_pattern(ctx.words("clip_nouns")).search(asked)
        if length is None or noun is None or (noun.start() > length.start() and
                                              not _only_small_words(
                                                  ctx, asked[length.end():noun.start()])):
            return Intent("unknown", lang=lang)
        if noun.start() < length.start():
            # "두 번째 장면 지우고 20초로 해줘": a length after the scene is another edit's.
            return _removal_of(ctx, lang, clip, several)
        shorter = _scene_length(_Ctx(ctx.lex, asked, ctx.lang), Intent(
            "duration", lang=lang, duration_ms=_duration_ms(ctx, asked), duration_change=-1))
        return shorter if shorter.kind == "clip_length" else Intent("unknown", lang=lang)
    if (clip is not None or several is not None) and _part_of_scene(ctx, plain) and (
            has("bgm") or has("song") or (several is not None and scene_weather(
                _QUOTES.sub(" ", ctx.message), ctx.lang) is not None)):
        # "remove the music from the last scene", "quita la música de la última escena",
        # "remove the rain from the last two scenes": a part of scenes, which no edit takes
        # off; main deleted the scenes (or all the music). Not understood, nothing changed.
        return Intent("unknown", lang=lang)
    if (clip is not None or several is not None) and not isinstance(clip, str) and \
            not has("caption") and not _titled(ctx) and \
            _without_scene_words(ctx, plain) and _part_of_scene(ctx, plain):
        # "remove the logo from scene 3", "シーン2の音を消して", "remove the transition between
        # scene 2 and 3": something of the scenes, which no edit takes off; not the scenes.
        # (A scene named with its weather is still the scene: "delete the second scene with
        # the snow".)
        return Intent("unknown", lang=lang)
    if (clip is not None or several is not None) and not has("caption") and not _titled(ctx):
        return _removal_of(ctx, lang, clip, several)
    index = _TRACK_INDEX.search(ctx.lower) or _track_number(ctx.words("track")).search(ctx.lower)
    if index:
        raw = next(g for g in index.groups() if g is not None)
        return Intent("track_remove", lang=lang,
                      track=int(raw) if raw.isdigit() else _cn_number(raw))
    if has("caption") and not _titled(ctx):
        # "remove the caption \"Hi\"": that one caption (the agent finds it by its text).
        quoted = _quotes(ctx.message)
        several = () if quoted else _caption_numbers(ctx)
        return Intent("captions_remove", lang=lang, text=quoted[0][2] if quoted else None,
                      track=None if quoted else _caption_place(ctx),
                      scenes=tuple((n, 0, 0) for n in several), one_request=bool(several))
    if has("title"):
        return Intent("title_remove", lang=lang)
    if has("bgm"):
        return Intent("bgm_remove", lang=lang)
    if has("track") and has("video_nouns"):
        return Intent("track_remove", lang=lang, track="video")
    return None


#: What a move of scenes never names: a move of those is a text's, the music's or a track's
#: ("move the caption to the top", "swap the music", "put the title on the second scene").
_NOT_SCENE_MOVES = ("caption", "title", "bgm", "song", "track", "volume", "as_music")
#: The words saying where a moved scene goes: to an end, or to a side of another scene.
_MOVE_ENDS: Final[tuple[tuple[str, MoveTo], ...]] = (("scene_to_start", "start"),
                                                     ("scene_to_end", "end"))
_MOVE_SIDES: Final[tuple[tuple[str, MoveTo], ...]] = (("scene_move_before", "before"),
                                                      ("scene_move_after", "after"))
#: The words of a scene move other than the scenes: its verbs, where it goes, small words.
_MOVE_WORDS: Final = ("scene_move_verbs", "scene_swap_verbs", "scene_move_fillers", "polite",
                      "asking")


def _scene_places(ctx: _Ctx, text: str) -> list[tuple[int, int, int]]:
    """The scenes ``text`` names by their place, left to right: (start, end, place) of each
    ordinal ("the last", "第三個", "2つ目"; the longest at each place) and of each number after
    a scene's noun ("scene 3", "les scènes 1 et 2", "シーン3"), none of a length or a time."""
    found = _ordinals_at(ctx, text)
    nouns = _alternation(ctx.words("clip_nouns"))
    joiners = _alternation(ctx.lex.words("list_joiners", (ctx.lang,)))
    timed = [m.span() for m in _lengths(ctx, text)]
    # (a number's own comma or point is a decimal's, one before a space ends a clause)
    for m in re.finditer(rf"(?:{nouns})\s*#?\s*(\d{{1,2}}(?:\s*(?:{joiners})\s*\d{{1,2}})*)"
                         rf"(?![\d:]|[.,]\d)", text):
        for n in re.finditer(r"\d+", m.group(1)):
            at = m.start(1) + n.start()
            if not any(a <= at < b for a, b in timed):
                found.append((at, at + len(n.group(0)), int(n.group(0))))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    places: list[tuple[int, int, int]] = []
    for place in found:
        if not places or place[0] >= places[-1][1]:
            places.append(place)
    return [p for p in places if p[2]]


def _end_alone(ctx: _Ctx, text: str, place: tuple[int, int, int]) -> MoveTo | None:
    """Where a moved scene goes when an ordinal alone says it ("put the last scene first",
    "put the first scene last"): the start or the end; None for an ordinal of a scene ("move
    the first and last scenes": no scene's place to go to)."""
    said = text[place[0]:place[1]]
    to: MoveTo | None = "start" if said in ctx.words("scene_to_start_alone") else \
        "end" if said in ctx.words("scene_to_end_alone") else None
    after = _PUNCT_CLAUSES.split(text[place[1]:], maxsplit=1)[0]
    if to is None or _names_scene(ctx, after) or \
            ctx.has("scene_pronouns", after) or ctx.has("video_nouns", after):
        return None
    return to


def _scene_move(ctx: _Ctx) -> Intent | None:
    """A scene moved or two swapped ("move the last scene to the start", "put the second scene
    at the end", "move scene 3 before scene 1", "swap the first and second scenes",
    "把最后一个场景移到开头", "1つ目と2つ目のシーンを入れ替えて", "tausch die erste und zweite
    Szene"): a ``clip_move``, or None. The message says nothing else: a word left over ("make
    the first and second scenes rainy", "put the second scene in black and white") is another
    request, read as before."""
    plain = _QUOTES.sub(" ", ctx.lower)
    if not _names_scene(ctx, plain) or any(ctx.has(k, plain) for k in _NOT_SCENE_MOVES):
        return None
    swap = ctx.has("scene_swap_verbs", plain)
    if not swap and not ctx.has("scene_move_verbs", plain):
        return None
    places = _scene_places(ctx, plain)
    ends = sorted(((m, to) for key, to in _MOVE_ENDS for m in ctx.pattern(key).finditer(plain)),
                  key=lambda e: (e[0].start(), -len(e[0].group(0))))
    # A place word inside a longer ordinal names the scene ("最后一个场景": the last one), one
    # that is the whole of the place words is where it goes ("放到最後", "마지막으로").
    ends = [e for e in ends if not any(a <= e[0].start() and e[0].end() <= b
                                       and (a, b) != e[0].span() for a, b, _ in places)]
    places = [p for p in places if not any(m.start() <= p[0] and p[1] <= m.end()
                                           for m, _ in ends)]
    if not places:
        # "move the drone clip to the very end", "海のシーンを最初に移動して": one scene named
        # by what it shows, which the agent does not find by it: asked which (main said it did
        # not understand). Only a scene's noun before where it goes ("put some text at the end
        # of the scene" moves no scene), and none that points at a file sent with the message
        # ("put this clip at the end", "pon este clip al principio y córtalo a 5 seg").
        noun = _compound_or_singular(ctx, plain)
        articles = ctx.lex.words("scene_articles", (ctx.lang,))  # "la", "o": no pronouns here
        pointing = word_pattern(tuple(w for w in ctx.words("upload_pronouns")
                                      if w not in articles))
        if not ends or noun is None or noun > ends[0][0].start() or ctx.has("uploads", plain) \
                or pointing.search(plain) or next(_lengths(ctx, plain), None):
            return None
        return Intent("clip_move", lang=ctx.lang, move=SceneMove(0, ends[0][1]))
    first = places[0]
    ends = [e for e in ends if e[0].start() >= first[1]]
    said: list[tuple[int, int]] = [p[:2] for p in places]
    if ends and len(places) == 1:
        end, to = ends[0]
        said.append(end.span())
        move = SceneMove(first[2], to)
    elif not ends and len(places) == 2:
        marks = sorted(((m, to) for key, to in _MOVE_SIDES
                        for m in ctx.pattern(key).finditer(plain)),
                       key=lambda e: (e[0].start(), -len(e[0].group(0))))
        if len({to for _, to in marks}) == 1:
            said += [m.span() for m, _ in marks]
            move = SceneMove(first[2], marks[0][1], places[1][2])
        elif swap and not marks:
            move = SceneMove(first[2], "swap", places[1][2])
        elif not marks and (alone := _end_alone(ctx, plain, places[1])) is not None:
            move = SceneMove(first[2], alone)  # "put the last scene first"
        else:
            return None
    else:
        return None
    rest = plain
    for a, b in said:
        rest = rest[:a] + " " * (b - a) + rest[b:]
    small = (*ctx.words("clip_nouns"), *(w for key in _MOVE_WORDS for w in ctx.words(key)),
             *ctx.lex.words("list_joiners", (ctx.lang,)),
             *ctx.lex.words("scene_articles", (ctx.lang,)),
             *ctx.lex.words("scene_pronouns", (ctx.lang,)))
    if re.sub(r"[\W\d_]+", "", _remove(rest, small)):
        return None
    return Intent("clip_move", lang=ctx.lang, move=move)


def _caption_place(ctx: _Ctx) -> int | None:
    """The place of the one caption a message names by its ordinal right before the caption's
    word ("remove the second caption", "supprime le deuxième sous-titre", "删掉第二条字幕",
    "2番目の字幕を消して", "두 번째 자막 지워줘"), or None (main removed every caption)."""
    words = _alternation(ctx.words("caption"))
    for table in ctx.tables:
        for number, ordinals in table.ordinals.items():
            for m in word_pattern(ordinals).finditer(ctx.lower):
                if re.match(rf"\s*(?:条|條|则|則|句|个|個|の|つ目の)?\s*(?:{words})",
                            ctx.lower[m.end():m.end() + 24]):
                    return number or None
    # By its number: "caption 3", "caption number 3", "sous-titre 2", "字幕2", "the 2nd
    # caption", "le 2e sous-titre", "第2条字幕", "2番目の字幕" (main removed or replaced every
    # caption). Not a time ("caption 3 seconds", "字幕2秒").
    if len(_caption_numbers(ctx, words)) > 1:
        return None  # "remove captions 1 and 2": several (``_caption_numbers``)
    found = re.search(rf"(?:{words})\s*(?:(?:number|no\.?|n[°º]|nr\.?|núm(?:ero)?\.?|numéro|"
                      rf"nummer|#)\s*)?(\d{{1,2}})(?![\d.,:]|\s*{_TIME_UNIT})", ctx.lower) or \
        re.search(rf"(?<![\d.,:])(?:第\s*)?(\d{{1,2}})\s*(?:st|nd|rd|th|ème|eme|er|re|e|è|º|ª|"
                  rf"\.|te|ten|条|條|则|則|句|个|個|番目の|番目|つ目の|번째)\s*(?:{words})",
                  ctx.lower)
    if found is not None and int(found.group(1)) > 0:
        return int(found.group(1))
    return None


def _caption_numbers(ctx: _Ctx, words: str | None = None) -> tuple[int, ...]:
    """The captions a message names by several numbers ("remove captions 1 and 2", "supprime
    les sous-titres 1 et 2", "remove caption 1 and caption 3"), in order; () for fewer."""
    words = words or _alternation(ctx.words("caption"))
    joins = _alternation((*ctx.listed("joiners"), "&", "and", ","))
    found = re.search(rf"(?:{words})\s*(\d{{1,2}}(?:\s*(?:{joins})\s*(?:(?:{words})\s*)?"
                      rf"\d{{1,2}})+)(?![\d.,:]|\s*{_TIME_UNIT})", ctx.lower)
    if found is None:
        return ()
    return tuple(dict.fromkeys(int(n) for n in re.findall(r"\d{1,2}", found.group(1))
                               if int(n) > 0))


#: A unit of time or a share after a number: the number is a length, not a place.
_TIME_UNIT = (r"(?:s\b|secs?\b|seconds?|segundos?|secondes?|sekunden?|sek\b|min|minutes?|"
              r"minutos?|minuten?|秒|초|분|%)")


def _removal_of(ctx: _Ctx, lang: str, clip: int | str | None,
                several: tuple[int, ...] | None) -> Intent:
    """The scenes a removal names ("delete the last two scenes": both; main removed the last
    one only), or the one."""
    if several is not None and not isinstance(clip, str):
        return Intent("clip_remove", lang=lang, scenes=tuple((p, 0, 0) for p in several))
    return Intent("clip_remove", lang=lang, track=clip)


def _part_of_scene(ctx: _Ctx, text: str) -> bool:
    """Whether ``text`` names something of a scene: a word of ``part_before`` a few words
    before a scene's noun or ordinal ("remove the logo from scene 3", "quita el sonido de la
    escena 2", "between scene 2 and 3"), or a word of ``part_after`` right after the scene's
    noun and its number ("シーン2の音", "场景2的声音", "장면 2의 소리"). A Korean scene's noun
    followed by another noun before the verb is one too ("장면 2 소리 지워줘")."""
    one = _Ctx(ctx.lex, text, ctx.lang)
    scene = _alternation((*ctx.words("clip_nouns"), *_ordinal_words(one)))
    before = ctx.lex.words("part_before", (ctx.lang,))
    after = ctx.lex.words("part_after", (ctx.lang,))
    if before and re.search(rf"(?<!\w)(?:{_alternation(before)})\s+(?:\S+\s+){{0,3}}?(?:{scene})",
                            text):
        return True
    nouns = _alternation(ctx.words("clip_nouns"))
    if after and re.search(rf"(?:{nouns})\s*\d*\s*(?:{_alternation(after)})", text):
        return True
    fillers = _alternation((*ctx.lex.words("scene_articles", (ctx.lang,)), "좀", "도", "만",
                            "다", "전부", "모두"))
    removal = _alternation(ctx.words("remove"))
    return ctx.lang == "ko" and re.search(
        rf"(?:{nouns})\s*\d*\s+(?!(?:{fillers})(?:\s|$))[가-힣]{{1,6}}\s*(?:을|를)?\s*(?:{removal})",
        text) is not None


def _without_scene_words(ctx: _Ctx, text: str) -> str:
    """``text`` without what names scenes and asks for their removal: what is left is what
    the message removes besides the scenes."""
    one = _Ctx(ctx.lex, text, ctx.lang)
    small = (*ctx.words("clip_nouns"), *_ordinal_words(one), *ctx.words("remove"),
             *ctx.words("video_nouns"), *ctx.words("setting_leftovers"),
             *(w for key in _RANGE_WORDS for w in ctx.words(key)),
             *ctx.lex.words("list_joiners", (ctx.lang,)),
             *ctx.lex.words("scene_articles", (ctx.lang,)),
             *ctx.lex.words("scene_pronouns", (ctx.lang,)),
             *ctx.lex.words("scene_verbs", (ctx.lang,)))
    # Stop words go, not the generic ones of a subject: "remove the text from scene 2".
    rest = _remove(_remove(text, small), ctx.joined("subject", "stop"))
    rest = _remove(_remove(rest, ctx.words("polite")), ctx.words("asking"))
    return re.sub(r"[\W\d_]+", " ", rest).strip()


def _parse_volume(ctx: _Ctx) -> Intent:
    lower = ctx.lower
    lang = ctx.lang
    if ctx.has("mute"):
        return Intent("volume", lang=lang, volume=0.0)
    pct = _PERCENT.search(lower)
    if pct:
        raw = next(g for g in pct.groups() if g is not None)
        return Intent("volume", lang=lang, volume=min(1.0, _number(raw) / 100))
    to_number = _TO_NUMBER.search(lower)
    if to_number:
        number = _number(to_number.group(1))
        return Intent("volume", lang=lang, volume=min(1.0, number / 100 if number > 1 else number))
    step = float(ctx.lex.defaults["volume_step"])
    complaint = styling.complaint_step(lower, ctx.codes)  # "音乐太小声": up, not down
    if complaint:
        return Intent("volume", lang=lang, volume_step=complaint * step)
    if ctx.has("quieter"):
        return Intent("volume", lang=lang, volume_step=-step)
    if ctx.has("louder"):
        return Intent("volume", lang=lang, volume_step=step)
    # A volume word and no direction we know: guessing "louder" once turned "音量调低" (turn
    # it down) up, 20 points a time. Not understood, nothing changed.
    return Intent("unknown", lang=lang)
