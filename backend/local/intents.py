"""Message → intent for the local editing agent: deterministic keyword rules, English and Chinese.

``parse(message, has_video=…)`` returns one ``Intent``. Generation wins when the message asks
for a video (verb + noun, a script, or a bare description while the project is empty); then
removals, questions, and the edit targets in a fixed order (volume, title, captions, music,
aspect ratio, duration). Anything else is ``help``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from backend.local.lexicon import Lexicon, is_chinese, lexicon

__all__ = ["Intent", "IntentKind", "parse"]

IntentKind = Literal[
    "generate", "regenerate", "title_set", "title_remove", "captions_add", "captions_remove",
    "bgm_set", "bgm_remove", "volume", "duration", "ratio", "track_remove", "question", "help",
]


@dataclass(frozen=True)
class Intent:
    """What the user asked for, with the parameters found in the message.

    ``ratio`` is "16:9" | "9:16" | "1:1", or "unsupported" for another explicit ratio.
    ``volume`` is absolute (0–1), ``volume_step`` relative. ``track`` is a track role
    ("video", "bgm", "audio", "title", "captions") or a 1-based index.
    """

    kind: IntentKind
    lang: str = "en"
    text: str | None = None
    prompt: str | None = None
    script: tuple[str, ...] = ()
    title: str | None = None
    duration_ms: int | None = None
    ratio: str | None = None
    style: str | None = None
    mood: str | None = None
    volume: float | None = None
    volume_step: float | None = None
    track: str | int | None = None


_QUOTES = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|『([^』]+)』|《([^》]+)》|‘([^’]+)’"
    r"|(?:^|(?<=\s))'([^']+)'"
    r"(?=$|[\s.,!?;:])"
)
# Patterns that start with a run (digits, numerals) look behind first, so that they try only
# where the run begins: otherwise every position inside a long run starts a scan to its end,
# and planning grows with the square of the message.
_DURATION = re.compile(
    r"(?<!\d)(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|秒钟?|minutes?|mins?|分钟|分)(?![a-z])",
    re.I,
)
_CN_NUMERAL = "零一二两三四五六七八九十百"
_CN_DURATION = re.compile(rf"(?<![{_CN_NUMERAL}])([{_CN_NUMERAL}]+)\s*(秒钟?|分钟)")
_RATIO = re.compile(r"(?<![\d.])(\d{1,2})\s*[:：x×/]\s*(\d{1,2})(?![\d.])")
_PERCENT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s*%|百分之\s*(\d+)")
_TO_NUMBER = re.compile(r"(?:\bto\b|到|为|成)\s*(\d+(?:\.\d+)?)")
_TRACK_INDEX = re.compile(
    r"track\s*#?\s*(\d+)|(?<!\d)(\d+)(?:st|nd|rd|th)?\s+track"
    r"|第\s*(\d+|[一二三四五六七八九十])\s*[条个]?\s*轨"
)
_SENTENCES = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
_NUMBERING = re.compile(
    r"^\s*(?:scene\s*\d+\s*[:.\-)]|\d+\s*[.)、:：]|镜头\s*\d+\s*[:：]|[-*•])\s*", re.I)
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_JOINER = re.compile(r"(?i)\b(?:with|and)\b")
# The word after "with"/"and" must not touch it (the old single pattern needed a gap there).
_EXTRAS = re.compile(r"(?i)(?<=\W)\b(?:title|music|bgm|captions?|subtitles?)\b")
_TRAILING_FILLERS = frozenset({"in", "at", "with", "and", "for", "of", "long", "a", "an"})
_SENTENCE_BREAK = re.compile(r"[.?!]")
_MAKE_A = re.compile(r"\bmake (?:me )?(?:a|an)\b")
_MADE = re.compile(r"\b(?:video|clip|film|movie|reel)")
_BAD_TITLE_REST = re.compile(r"^(?:to\s+)?(?:the|this|my|it|our)\b(?:\s+(?:video|clip|film))?$")


@functools.cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(escaped if is_chinese(word) else rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
    return re.compile("|".join(parts), re.I)


def _has(lex: Lexicon, text: str, key: str) -> bool:
    return bool(_pattern(lex.words[key]).search(text))


def _find(words: tuple[str, ...], text: str) -> re.Match[str] | None:
    return _pattern(words).search(text)


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


def _duration_ms(text: str) -> int | None:
    m = _DURATION.search(text)
    if m:
        value, unit = float(m.group(1)), m.group(2).lower()
    else:
        c = _CN_DURATION.search(text)
        if not c:
            return None
        number = _cn_number(c.group(1))
        if number is None:
            return None
        value, unit = float(number), c.group(2)
    factor = 60_000 if unit.startswith(("min", "分")) else 1000
    return round(value * factor)


def _ratio(lex: Lexicon, text: str) -> str | None:
    m = _RATIO.search(text)
    if m:
        value = f"{int(m.group(1))}:{int(m.group(2))}"
        return value if value in lex.ratios else "unsupported"
    for ratio, words in lex.ratios.items():
        if _find(words, text):
            return ratio
    return None


def _style(lex: Lexicon, text: str) -> str | None:
    for name, style in lex.styles.items():
        if _find(tuple(w.lower() for w in style.words), text):
            return name
    return None


def _mood(lex: Lexicon, text: str) -> str | None:
    for name, mood in lex.moods.items():
        if _find(tuple(w.lower() for w in mood.words), text):
            return name
    return None


def _quoted(message: str) -> str | None:
    m = _QUOTES.search(message)
    if not m:
        return None
    text = next(g for g in m.groups() if g is not None).strip()
    return text or None


def _clean(text: str) -> str:
    return text.strip().strip(" \t.,!?;:。！？，；：").strip()


def _text_after(message: str, keywords: tuple[str, ...]) -> str | None:
    """The unquoted text a title or caption was given: ``title: X``, ``title to X``,
    ``标题改为X``. None when the words after the keyword are not a text."""
    lower = message.lower()
    for word in sorted(keywords, key=len, reverse=True):
        idx = lower.find(word)
        if idx < 0:
            continue
        rest = message[idx + len(word):]
        if is_chinese(word):
            rest = re.sub(r"^\s*(?:改为|改成|换成|设为|为|是|叫|：|:)\s*", "", rest)
            rest = _clean(rest)
            return rest or None
        m = re.match(r"^s?\s*(?::|=|\bto\b|\bas\b|\bsaying\b|\bthat says\b|\breading\b"
                     r"|\bcalled\b|\bnamed\b)\s*(.+)$", rest, re.I | re.S)
        if not m:
            return None
        value = _clean(m.group(1))
        if not value or _BAD_TITLE_REST.match(value.lower()):
            return None
        return value
    return None


def _script_lines(message: str, lex: Lexicon) -> tuple[str, ...]:
    """The scenes of a script given in the message (after ``script:`` or on later lines)."""
    lower = message.lower()
    body: str | None = None
    m = _find(lex.words["script_words"], lower)
    if m:
        after = message[m.end():]
        colon = re.match(r"^[^:：\n]{0,40}[:：\n]", after)
        if colon:
            body = after[colon.end():]
    if body is None:
        lines = [ln for ln in message.splitlines() if ln.strip()]
        if len(lines) >= 3:
            first = lines[0].lower()
            is_command = _has(lex, first, "generate_verbs") or _has(lex, first, "video_nouns")
            body = "\n".join(lines[1:] if is_command else lines)
    if body is None:
        return ()
    scenes: list[str] = []
    for raw_line in body.splitlines():
        for sentence in _SENTENCES.findall(_NUMBERING.sub("", raw_line)):
            cleaned = _clean(_NUMBERING.sub("", sentence))
            if cleaned:
                scenes.append(cleaned)
    return tuple(scenes)


def _prompt(message: str, lex: Lexicon) -> str:
    """What the video should show, with the command words, numbers and ratios taken out."""
    text = _QUOTES.sub(" ", message)
    for pattern in (_DURATION, _CN_DURATION, _RATIO):
        text = pattern.sub(" ", text)
    noun = _find(lex.words["video_nouns"], text.lower())
    if noun:
        after = text[noun.end():]
        intro = re.match(r"^s?\s*(?:of|about|showing|featuring|on|that shows|where|:|：|关于)\s*",
                         after, re.I)
        if intro and after[intro.end():].strip():
            text = after[intro.end():]
    for key in ("generate_verbs", "video_nouns", "regenerate"):
        text = _pattern(lex.words[key]).sub(" ", text)
    text = re.sub(r"(?i)\b(?:please|can you|could you|for me|with a title|titled|style|"
                  r"aspect ratio|ratio)\b", " ", text)
    text = re.sub(r"请|帮我|给我|一段|一个|一部|关于", " ", text)
    text = text[:_extras_start(text)]
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([，。、])", r"\1", text)
    text = re.sub(r"(?i)^(?:(?:a|an|the|me|some|of|about|long|seconds?|-)\s+)+", "", _clean(text))
    words = text.split(" ")
    while len(words) > 1 and words[-1].lower() in _TRAILING_FILLERS:
        words.pop()
    return _clean(" ".join(words).lstrip("的 "))


def _extras_start(text: str) -> int:
    """Where "… with/and … title/music/captions" begins within one sentence (the extras the
    prompt should not describe), or the text's length. One pass per sentence: the first
    "with"/"and" of a sentence is the one that matters."""
    pos = 0
    for sentence in text.split("."):
        joiner = _JOINER.search(sentence)
        if joiner is not None and _EXTRAS.search(sentence, joiner.end()):
            return pos + joiner.start()
        pos += len(sentence) + 1
    return len(text)


def _asks_to_make(lower: str) -> bool:
    """ "make (me) a/an … video/clip/film/movie/reel" within one sentence."""
    for sentence in _SENTENCE_BREAK.split(lower):
        make = _MAKE_A.search(sentence)
        if make is not None and _MADE.search(sentence, make.end()):
            return True
    return False


def parse(message: str, *, has_video: bool) -> Intent:
    """Turn one chat message into an ``Intent``. ``has_video`` says whether the project has
    scenes already (then edit words outrank a generation verb, e.g. "给视频生成字幕")."""
    lex = lexicon()
    lang = "zh" if is_chinese(message) else "en"
    lower = message.lower()
    duration = _duration_ms(message)
    ratio = _ratio(lex, lower)
    style = _style(lex, lower)
    mood = _mood(lex, lower)
    has = functools.partial(_has, lex, lower)

    def make(kind: IntentKind, **values: Any) -> Intent:
        return Intent(kind, lang=lang, duration_ms=duration, ratio=ratio, style=style, **values)

    if has("regenerate"):
        return make("regenerate", mood=mood)
    script = _script_lines(message, lex)
    edit_target = has("title") or has("caption") or has("bgm") or has("volume") or has("track")
    wants_video = (has("generate_verbs") and has("video_nouns")) or _asks_to_make(lower)
    if script or (wants_video and not (has_video and edit_target)):
        title = _quoted(message) if has("title") else None
        if script:
            return make("generate", script=script, title=title, mood=mood,
                        prompt=" ".join(script))
        return make("generate", prompt=_prompt(message, lex) or message.strip(), title=title,
                    mood=mood)
    verb = has("add") or has("remove") or has("change")
    if (message.rstrip().endswith(("?", "？")) or has("question")) and not verb:
        return Intent("question", lang=lang)
    edit = _parse_edit(message, lex, lang)
    if edit is not None:
        return edit
    if duration is not None and (has("duration") or has("change") or has("video_nouns")
                                 or re.search(r"\bit\b", lower) or lang == "zh"):
        return Intent("duration", lang=lang, duration_ms=duration)
    if has("duration"):
        return Intent("duration", lang=lang)
    if has("help"):
        return Intent("help", lang=lang)
    words = len(message.split()) if lang == "en" else len(re.findall(r"[\u3400-\u9fff]", message))
    if not has_video and words >= (4 if lang == "en" else 6):
        return make("generate", prompt=_prompt(message, lex) or message.strip(), mood=mood)
    return Intent("help", lang=lang)


def _parse_edit(message: str, lex: Lexicon, lang: str) -> Intent | None:
    """Removals, volume, title, captions, music and aspect ratio, in that order."""
    lower = message.lower()
    has = functools.partial(_has, lex, lower)
    if has("remove"):
        removal = _parse_removal(lower, lex, lang)
        if removal is not None:
            return removal
    if has("volume") or (has("bgm") and _PERCENT.search(lower)):
        return _parse_volume(lower, lex, lang)
    if has("title"):
        text = _quoted(message) or _text_after(message, lex.words["title"])
        return Intent("title_set", lang=lang, text=text)
    if has("caption"):
        text = _quoted(message) or _text_after(message, lex.words["caption"])
        return Intent("captions_add", lang=lang, text=text)
    if has("bgm"):
        style = _style(lex, lower)
        mood = _mood(lex, lower) or (lex.styles[style].mood if style else None)
        return Intent("bgm_set", lang=lang, mood=mood)
    ratio = _ratio(lex, lower)
    if ratio is not None or has("ratio"):
        return Intent("ratio", lang=lang, ratio=ratio)
    return None


def _parse_removal(lower: str, lex: Lexicon, lang: str) -> Intent | None:
    has = functools.partial(_has, lex, lower)
    index = _TRACK_INDEX.search(lower)
    if index:
        raw = next(g for g in index.groups() if g is not None)
        return Intent("track_remove", lang=lang,
                      track=int(raw) if raw.isdigit() else _cn_number(raw))
    if has("caption"):
        return Intent("captions_remove", lang=lang)
    if has("title"):
        return Intent("title_remove", lang=lang)
    if has("bgm"):
        return Intent("bgm_remove", lang=lang)
    if has("track") and has("video_nouns"):
        return Intent("track_remove", lang=lang, track="video")
    return None


def _parse_volume(lower: str, lex: Lexicon, lang: str) -> Intent:
    if _find(lex.words["mute"], lower):
        return Intent("volume", lang=lang, volume=0.0)
    pct = _PERCENT.search(lower)
    if pct:
        return Intent("volume", lang=lang,
                      volume=min(1.0, float(pct.group(1) or pct.group(2)) / 100))
    to_number = _TO_NUMBER.search(lower)
    if to_number:
        number = float(to_number.group(1))
        return Intent("volume", lang=lang, volume=min(1.0, number / 100 if number > 1 else number))
    step = float(lex.defaults["volume_step"])
    if _find(lex.words["quieter"], lower):
        return Intent("volume", lang=lang, volume_step=-step)
    return Intent("volume", lang=lang, volume_step=step)
