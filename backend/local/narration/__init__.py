"""Narration for the local backend: scripts read aloud offline, with word timings.

Engine, and why: eSpeak NG, from the ``espeakng-loader`` wheel (10 MB download, 20 MB
installed: ``libespeak-ng`` 1.52 and its data for 100+ languages), driven through ctypes.
It synthesises a sentence in 2–30 ms (100–1000x real time on one core), reports when each
word starts (so captions can follow the voice word by word) and has voices for English,
Mandarin (read from Simplified or Traditional characters), Spanish, French, German,
Portuguese and Korean. Its Japanese reads kana only (a kanji is spelled out as a character
name), so Japanese is read as kana first, word by word (pykakasi: ``reading.py``); each
reading's word lights the kanji it came from. The voice is robotic
but clear. Piper sounds far better, but its voices (20–60 MB each, one per language) are not
distributed as pip packages and it needs onnxruntime; that is the upgrade path when a voice
package exists.
"""

from backend.local.narration.narrate import (
    Spoken,
    language_of,
    narration_note,
    no_narration_phrases,
    script_read_phrases,
    speak,
    speaks_of_a_voice,
    voice_for,
    wants_narration,
)

__all__ = ["Spoken", "language_of", "narration_note", "no_narration_phrases", "script_read_phrases",
           "speak", "speaks_of_a_voice", "voice_for", "wants_narration"]
