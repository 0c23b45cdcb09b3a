"""eSpeak NG through ctypes: speech samples and word timings for a text, offline.

The library and its language data come from the ``espeakng-loader`` wheel (see
``backend/local/narration/__init__.py`` for why this engine). eSpeak keeps global state, so
one synthesis runs at a time, under a lock.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


__all__ = ["Speech", "Unavailable", "Word", "synthesize"]

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_EVENT_WORD = 1
_EVENT_LIST_TERMINATED = 0
_RATE = 1  # espeakRATE, words per minute
_LOCK = threading.Lock()


class Unavailable(RuntimeError):
    """eSpeak NG is not installed (or cannot load): narration is skipped with a message."""


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


@dataclass(frozen=True)
class Word:
    start: float  # seconds into the speech
    char: int  # index of the word's first character in the text
    length: int  # characters


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray[Any, Any]  # int16 mono
    rate: int
    words: tuple[Word, ...]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate


class _Engine:
    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise Unavailable("the espeakng-loader package is not installed") from exc
        try:
            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise Unavailable(f"eSpeak NG could not be loaded ({exc})") from exc
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                               ctypes.c_int]
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint,
                                          ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                          ctypes.c_void_p, ctypes.c_void_p]
        self.lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 500,
                                          data.encode("utf-8"), _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise Unavailable("eSpeak NG did not start")
        self.rate = rate
        self._chunks: list[np.ndarray[Any, Any]] = []
        self._words: list[tuple[int, int, int]] = []
        self._callback = _CALLBACK(self._on_audio)  # kept alive for the library's sake
        self.lib.espeak_SetSynthCallback(self._callback)

    def _on_audio(self, wav: Any, count: int, events: Any) -> int:
        import numpy as np  # numpy loads with the first speech, not with the server
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            event = events[i]
            if event.type == _EVENT_WORD:
                self._words.append((event.audio_position, event.text_position, event.length))
            i += 1
        return 0  # continue

    def speak(self, text: str, voice: str, words_per_minute: int) -> Speech:
        import numpy as np
        if self.lib.espeak_SetVoiceByName(voice.encode("utf-8")) != 0:
            raise Unavailable(f"eSpeak NG has no voice {voice!r}")
        self.lib.espeak_SetParameter(_RATE, words_per_minute, 0)
        self._chunks, self._words = [], []
        raw = text.encode("utf-8") + b"\0"
        buffer = ctypes.create_string_buffer(raw)
        self.lib.espeak_Synth(buffer, len(raw), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        self.lib.espeak_Synchronize()
        samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        # Text positions are 1-based character counts.
        words = tuple(Word(ms / 1000, max(0, pos - 1), length)
                      for ms, pos, length in self._words)
        return Speech(samples.astype(np.int16), self.rate, words)


_ENGINE: _Engine | None = None


def synthesize(text: str, voice: str, words_per_minute: int = 165) -> Speech:
    """Speak ``text`` with eSpeak NG ``voice``. Raises :class:`Unavailable` without the engine
    or the voice."""
    global _ENGINE  # noqa: PLW0603 - one engine per process: the library is a singleton
    with _LOCK:
        if _ENGINE is None:
            _ENGINE = _Engine()
        return _ENGINE.speak(text, voice, words_per_minute)
