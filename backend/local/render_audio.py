"""Background music for the renderer: a seamless few-bar loop synthesised with numpy.

The loop (pad chords, bass, a plucked arpeggio and light drums, by mood) is a few seconds of
WAV that ffmpeg repeats with ``-stream_loop``; memory and time stay flat for any video length.
Moods are data in ``bgm_moods.yaml``.
"""

from __future__ import annotations

import functools
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from backend.local.render_plan import Bgm

__all__ = ["SAMPLE_RATE", "Mood", "load_moods", "mood_for", "synth_bgm_loop", "write_bgm_loop"]

SAMPLE_RATE = 44100
_MOODS_FILE = Path(__file__).resolve().parent / "bgm_moods.yaml"
_DRUMS = ("none", "soft", "full")
_Audio = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Mood:
    key: str
    aliases: tuple[str, ...]
    root: int
    chords: tuple[tuple[int, ...], ...]
    drums: str
    bright: float


@functools.lru_cache(maxsize=1)
def load_moods(path: Path = _MOODS_FILE) -> tuple[tuple[Mood, ...], str]:
    """The mood table and the default mood's key, validated; a bad file is a ``RuntimeError``."""
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    moods: list[Mood] = []
    try:
        default = str(raw["default"])
        for key, spec in raw["moods"].items():
            chords = tuple(tuple(int(n) for n in chord) for chord in spec["chords"])
            drums = str(spec.get("drums", "none"))
            if not chords or any(not c for c in chords) or drums not in _DRUMS:
                raise ValueError(f"mood {key}: needs chords and drums in {_DRUMS}")
            moods.append(
                Mood(
                    key=str(key),
                    aliases=tuple(str(a).lower() for a in spec.get("aliases", [])),
                    root=int(spec["root"]),
                    chords=chords,
                    drums=drums,
                    bright=min(1.0, max(0.0, float(spec.get("bright", 0.4)))),
                )
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuntimeError(f"{path.name} is invalid: {exc}") from exc
    if default not in {m.key for m in moods}:
        raise RuntimeError(f"{path.name}: default mood {default!r} is not defined")
    return tuple(moods), default


def mood_for(text: str) -> Mood:
    """The mood whose key or alias occurs in ``text`` (case-insensitive), else the default."""
    moods, default = load_moods()
    lowered = text.lower()
    for mood in moods:
        if mood.key in lowered or any(alias in lowered for alias in mood.aliases):
            return mood
    return next(m for m in moods if m.key == default)


def synth_bgm_loop(bgm: Bgm) -> _Audio:
    """A stereo loop (frames × 2, floats in −1..1) of whole bars for ``bgm``'s mood and tempo.

    The loop starts and ends in silence-free continuity: every note decays inside the loop,
    so repeating it end to end does not click.
    """
    mood = mood_for(f"{bgm.mood} {bgm.name}")
    rng = np.random.default_rng(bgm.seed)
    beat = 60.0 / bgm.bpm
    bar = 4 * beat
    total = round(bar * len(mood.chords) * SAMPLE_RATE)
    out = np.zeros((total, 2))
    for i, chord in enumerate(mood.chords):
        bar_start = i * bar
        _pad(out, bar_start, bar, chord, mood)
        _bass(out, bar_start, beat, mood.root + chord[0] - 12, mood.drums == "full")
        _arpeggio(out, bar_start, beat, chord, mood=mood, rng=rng)
        _drums(out, bar_start, beat, mood.drums, rng)
    # Gentle saturation, then a fixed headroom: the segment's volume is applied by ffmpeg.
    out = np.tanh(out * 1.2)
    peak = float(np.abs(out).max()) or 1.0
    return out * (0.8 / peak)


def write_bgm_loop(bgm: Bgm, path: Path) -> float:
    """Write :func:`synth_bgm_loop` as 16-bit stereo WAV to ``path``; return its length in s."""
    loop = synth_bgm_loop(bgm)
    pcm = (np.clip(loop, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as fh:
        fh.setnchannels(2)
        fh.setsampwidth(2)
        fh.setframerate(SAMPLE_RATE)
        fh.writeframes(pcm.tobytes())
    return len(loop) / SAMPLE_RATE


def _hz(midi: float) -> float:
    return float(440.0 * 2 ** ((midi - 69) / 12))


def _add(out: _Audio, start_s: float, left: _Audio, right: _Audio | None = None) -> None:
    start = round(start_s * SAMPLE_RATE)
    n = min(len(left), len(out) - start)
    if n <= 0:
        return
    # A 5 ms fade wherever a note is cut short by the loop's end.
    fade = np.ones(n)
    k = min(n, int(0.005 * SAMPLE_RATE))
    if n < len(left):
        fade[n - k :] = np.linspace(1, 0, k)
    out[start : start + n, 0] += left[:n] * fade
    out[start : start + n, 1] += (left if right is None else right)[:n] * fade


def _times(seconds: float) -> _Audio:
    return np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE


def _pad(out: _Audio, start: float, length: float, chord: tuple[int, ...], mood: Mood) -> None:
    t = _times(length)
    attack, release = min(0.4, length / 4), min(0.5, length / 4)
    env = np.minimum(1.0, t / attack) * np.clip((length - t) / release, 0, 1) ** 2
    voices = np.zeros((2, len(t)))
    for semitone in chord:
        f = _hz(mood.root + semitone)
        # Slightly detuned left/right voices make the pad wide instead of a plain sine.
        for side, detune in enumerate((0.998, 1.002)):
            ph = 2 * np.pi * f * detune * t
            s, c = np.sin(ph), np.cos(ph)
            # 2nd and 3rd harmonics from identities: half the trigonometry of calling sin thrice.
            voices[side] += s * (1 + 0.1 * (3 - 4 * s * s)) + (0.5 * mood.bright) * s * c
    scale = 0.18 / len(chord)
    _add(out, start, voices[0] * env * scale, voices[1] * env * scale)


def _bass(out: _Audio, start: float, beat: float, note: int, busy: bool) -> None:
    hits = (0.0, 2.0, 3.5) if busy else (0.0, 2.0)
    f = _hz(note)
    for hit in hits:
        t = _times(min(1.5 * beat, 0.9))
        env = np.exp(-t * 3.5) * np.minimum(1.0, t / 0.01)
        sig = (np.sin(2 * np.pi * f * t) + 0.3 * np.sin(4 * np.pi * f * t)) * env * 0.32
        _add(out, start + hit * beat, sig)


def _arpeggio(
    out: _Audio,
    start: float,
    beat: float,
    chord: tuple[int, ...],
    *,
    mood: Mood,
    rng: np.random.Generator,
) -> None:
    if mood.bright < 0.25:
        return
    step = beat / 2
    for k in range(8):
        if rng.random() < 0.3:
            continue
        note = mood.root + 12 + chord[int(rng.integers(0, len(chord)))]
        t = _times(min(step * 2, 0.6))
        env = np.exp(-t * 9) * np.minimum(1.0, t / 0.004)
        f = _hz(note)
        sig = (np.sin(2 * np.pi * f * t) + 0.2 * np.sin(6 * np.pi * f * t)) * env
        amp = 0.07 * mood.bright
        pan = float(rng.uniform(0.35, 0.65))
        _add(out, start + k * step, sig * amp * (1 - pan) * 2, sig * amp * pan * 2)


def _drums(out: _Audio, start: float, beat: float, style: str, rng: np.random.Generator) -> None:
    if style == "none":
        return
    loud = 1.0 if style == "full" else 0.55
    kick_beats = (0, 1, 2, 3) if style == "full" else (0, 2)
    t = _times(0.25)
    sweep = 2 * np.pi * np.cumsum(45 + 75 * np.exp(-t * 30)) / SAMPLE_RATE
    kick = np.sin(sweep) * np.exp(-t * 16) * 0.5 * loud
    for b in kick_beats:
        _add(out, start + b * beat, kick)
    th = _times(0.06)
    for k in range(8):
        if k % 2 == 0 and style == "soft":
            continue
        noise = np.diff(rng.standard_normal(len(th) + 1))  # crude high-pass: a hi-hat's hiss
        hat = noise * np.exp(-th * 70) * 0.035 * loud
        _add(out, start + k * beat / 2, hat)
    if style == "full":
        ts = _times(0.18)
        snare = np.diff(rng.standard_normal(len(ts) + 1)) * np.exp(-ts * 22) * 0.09
        for b in (1, 3):
            _add(out, start + b * beat, snare)
