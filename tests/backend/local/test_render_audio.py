"""The BGM synthesiser: whole-bar loops that repeat without clicks, moods from words."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from backend.local.render_audio import (
    SAMPLE_RATE,
    load_moods,
    mood_for,
    synth_bgm_loop,
    write_bgm_loop,
)
from backend.local.render_graph import loop_repeats
from backend.local.render_plan import Bgm


def bgm(mood: str = "calm", bpm: int = 90, seed: int = 1) -> Bgm:
    return Bgm(start=0, duration=10, name="Lo-fi", mood=mood, bpm=bpm, vol=1.0, seed=seed)


@pytest.mark.parametrize("mood", ["calm", "upbeat", "epic", "sad", "corporate"])
def test_loop_is_whole_bars_loud_enough_and_seamless(mood: str) -> None:
    loop = synth_bgm_loop(bgm(mood, bpm=120))
    bars = len(mood_for(mood).chords)
    assert loop.shape == (round(bars * 2.0 * SAMPLE_RATE), 2)  # 4 beats at 120 bpm = 2 s a bar
    assert 0.05 < float(np.sqrt(np.mean(loop**2))) < 0.5
    assert float(np.abs(loop).max()) <= 0.81
    # Repeating end to start jumps no more than neighbouring samples do.
    seam = float(np.abs(loop[0] - loop[-1]).max())
    typical = float(np.percentile(np.abs(np.diff(loop, axis=0)), 99.9))
    assert seam <= typical


def test_moods_match_english_and_chinese_words() -> None:
    assert mood_for("Upbeat pop").key == "upbeat"
    assert mood_for("欢快的音乐").key == "upbeat"
    assert mood_for("史诗").key == "epic"
    assert mood_for("something unheard of").key == load_moods()[1]


def test_tempo_changes_loop_length_and_seed_changes_notes() -> None:
    assert len(synth_bgm_loop(bgm(bpm=60))) == 2 * len(synth_bgm_loop(bgm(bpm=120)))
    assert not np.array_equal(synth_bgm_loop(bgm(seed=1)), synth_bgm_loop(bgm(seed=2)))


def test_invalid_mood_table_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "moods.yaml"
    bad.write_text("default: calm\nmoods:\n  calm: {root: 57, chords: [], drums: soft}\n")
    with pytest.raises(RuntimeError, match="invalid"):
        load_moods.__wrapped__(bad)


def test_written_wav_is_16_bit_stereo(tmp_path: Path) -> None:
    seconds = write_bgm_loop(bgm(), tmp_path / "b.wav")
    with wave.open(str(tmp_path / "b.wav")) as fh:
        assert (fh.getnchannels(), fh.getsampwidth(), fh.getframerate()) == (2, 2, SAMPLE_RATE)
        assert fh.getnframes() / SAMPLE_RATE == pytest.approx(seconds)


def test_loop_repeats_cover_the_time_with_one_pass_to_spare(tmp_path: Path) -> None:
    path = tmp_path / "loop.wav"
    length = write_bgm_loop(bgm(bpm=120), path)
    assert loop_repeats(path, length * 0.5) == 1
    assert loop_repeats(path, length) == 1
    assert loop_repeats(path, length * 2.5) == 3  # 4 passes read for 2.5 needed
