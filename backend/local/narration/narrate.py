"""Voices by language, speech for a sentence, and what the reply says about narration."""

from __future__ import annotations

import functools
import re
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.local.narration.espeak import Speech, Unavailable, synthesize

__all__ = [
    "Spoken",
    "Unavailable",
    "Voice",
    "language_of",
    "narration_note",
    "script_read_phrases",
    "speak",
    "voice_for",
    "wants_narration",
    "write_wav",
]


@dataclass(frozen=True)
class Voice:
    name: str  # an eSpeak NG voice, with a variant suffix when one was chosen ("en-us+f3")
    wpm: int
    reading: str | None = None  # "kana": the text is read as kana first (Japanese)


@dataclass(frozen=True)
class Spoken:
    """A spoken sentence: its length and when each word starts (seconds, character span in
    ``text``); ``said`` is what the engine read (``text``, or its kana reading)."""

    text: str
    duration: float
    words: tuple[tuple[float, int, int], ...]
    said: str = ""


def voice_for(lang: str, variant: str | None = None) -> Voice | None:
    """The voice for reply language ``lang`` (None when there is none), with an optional
    ``variant`` ("female" or "male")."""
    table = _table("voices.yaml")
    entry = table.get(lang)
    if not isinstance(entry, dict):
        return None
    name = str(entry["voice"])
    suffix = table["variants"].get(variant or "")
    reading = entry.get("reading")
    return Voice(f"{name}+{suffix}" if suffix else name, int(entry["wpm"]),
                 str(reading) if reading else None)


def speak(text: str, voice: Voice) -> tuple[Spoken, Speech]:
    """Synthesise ``text``. Raises :class:`Unavailable` without the engine, the voice or the
    reading it needs."""
    from backend.local.narration.reading import read_as

    try:
        reading = read_as(text, voice.reading)
    except ImportError as exc:
        raise Unavailable("the pykakasi package (Japanese readings) is not installed") from exc
    speech = synthesize(reading.said, voice.name, voice.wpm)
    words = tuple((w.start, *reading.source(w.char, w.length)) for w in speech.words)
    return Spoken(text, speech.duration, words, reading.said), speech


#: Speech is brought to this RMS level (of full scale): about -14 dBFS, well above the
#: music (whose loudest loops sit near -22 dBFS at the default volume, lower when ducked).
SPEECH_RMS = 0.2


def write_wav(speech: Speech, path: Path) -> None:
    """``speech`` as a 16-bit mono WAV file, levelled to :data:`SPEECH_RMS` (peaks kept
    below full scale)."""
    import numpy as np  # loaded with the first speech, not with the server

    samples = speech.samples.astype(np.float32) / 32768
    rms = float(np.sqrt(np.mean(np.square(samples)))) if samples.size else 0.0
    peak = float(np.abs(samples).max()) if samples.size else 0.0
    gain = min(SPEECH_RMS / rms, 0.95 / peak) if rms > 0 and peak > 0 else 1.0
    levelled = np.clip(samples * gain * 32767, -32767, 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(speech.rate)
        out.writeframes(levelled.tobytes())


_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_WORD = re.compile(r"[^\W\d_]+")


def language_of(text: str, default: str = "en") -> str:
    """The language a script is written in (one of the nine), ``default`` without a clue."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        from backend.local.render_fonts import script_of  # (the renderer's, with Pillow)

        return "zh-Hant" if script_of(text) == "hant" else "zh-Hans"
    words = _table("voices.yaml")["function_words"]
    counts = dict.fromkeys(words, 0)
    for word in _WORD.findall(text.casefold()):
        for lang, table in words.items():
            if word in table:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else default


def wants_narration(request: str) -> bool:
    """False when ``request`` asks for no voice-over ("no narration", "不要配音", ...)."""
    lowered = request.casefold()
    table = _table("messages.yaml")
    return not any(p.casefold() in lowered
                   for p in (*table["no_narration"], *table["no_narration_words"]))


def speaks_of_a_voice(text: str, codes: tuple[str, ...]) -> bool:
    """Whether ``text`` (lower-cased) talks of a voice or of reading aloud in the languages
    ``codes`` beyond the narration's own names: what makes "female"/"Frau"/"女性" a voice
    asked for rather than a person mentioned ("je dois le montrer à ma femme")."""
    from backend.words import word_pattern

    table = _table("messages.yaml")["voice_talk"]
    words = tuple(str(w).lower() for code in codes for w in table.get(code, ()))
    return bool(words) and bool(word_pattern(words).search(text))


def no_narration_phrases() -> tuple[str, ...]:
    """The phrases that ask for no voice-over ("no voice-over", "不要旁白"): words about the
    video, which a prompt's subject is read without."""
    return tuple(str(p) for p in _table("messages.yaml")["no_narration"])


def script_read_phrases() -> tuple[str, ...]:
    """The requests to read a given text aloud ("narrate this for me:", "このナレーションで"):
    before a colon they introduce a script, as "script:" does."""
    return tuple(str(p) for p in _table("messages.yaml")["read_script"])


def narration_note(kind: str, lang: str, about: str | None = None) -> str:
    """The reply line saying why there is no narration: ``no_voice`` (for language
    ``about``, default ``lang``) or ``no_engine``, in ``lang``."""
    messages = _table("messages.yaml")
    templates = messages[kind]
    template = str(templates.get(lang, templates["en"]))
    names = messages["language_names"].get(about or lang, {})
    return template.format(language=names.get(lang, about or lang))


@functools.cache
def _table(name: str) -> dict[str, Any]:
    from backend.datacache import load_yaml  # parsed once per version

    return dict(load_yaml(Path(__file__).with_name(name)))
