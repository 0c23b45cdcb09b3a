"""Reading drafts into render plans: defaults, tolerance, clipping and frame alignment."""

from __future__ import annotations

from typing import Any

import pytest

from backend.local.render_errors import RenderError
from backend.local.render_plan import (
    AudioMedia,
    Bgm,
    Gap,
    MediaPiece,
    ScenePiece,
    parse_color,
    plan_draft,
)


def seg(s: Any, d: Any, **m: Any) -> dict[str, Any]:
    return {"id": "x", "s": s, "d": d, "m": m}


@pytest.mark.parametrize(
    ("ratio", "size"),
    [("16:9", (1920, 1080)), ("9:16", (1080, 1920)), ("1:1", (1080, 1080)), (None, (1920, 1080)),
     ("4:3", (1920, 1080))],
)  # fmt: skip
def test_canvas_from_ratio_when_size_missing(ratio: str | None, size: tuple[int, int]) -> None:
    plan = plan_draft({"ratio": ratio, "d": 1000, "t": [{"tt": 0, "sg": [seg(0, 1000)]}]})
    assert (plan.canvas.w, plan.canvas.h) == size
    assert plan.canvas.fps == 30


def test_explicit_size_is_kept_and_made_even() -> None:
    plan = plan_draft({"w": 321, "h": 181, "fps": 25, "d": 2000, "t": []} | {
        "t": [{"tt": 7, "sg": [seg(0, 500, text="hi")]}]})  # fmt: skip
    assert (plan.canvas.w, plan.canvas.h, plan.canvas.fps) == (320, 180, 25)
    assert plan.canvas.frames == 50


def test_junk_is_tolerated_and_defaults_fill_in() -> None:
    draft = {
        "w": "wide", "fps": 999, "extra": {"ignored": True},
        "t": [
            "not a track",
            {"tt": 0, "sg": [seg(0, 1000, kind="scene", desc="a forest", palette="green"),
                             "junk", {"s": 100}]},
            {"tt": 7, "sg": [seg(0, 500, text="  Hello  ", size="big", color="#zzzzzz"),
                             seg(0, 500, text="   ")]},
            {"tt": 1, "sg": [seg(0, 1000, kind="bgm", vol=7)]},
            {"tt": 42, "sg": [seg(0, 9000)]},
        ],
    }  # fmt: skip
    plan = plan_draft(draft)
    assert plan.canvas.fps == 30
    assert plan.canvas.frames == 30  # duration from the segments, not the unknown track type
    (piece,) = plan.video
    assert isinstance(piece, ScenePiece)
    assert piece.motion in ("pan", "zoom", "drift", "pulse")
    assert len(piece.palette) == 2
    (text,) = plan.texts
    assert (text.text, text.role, text.pos, text.color) == (
        "Hello",
        "caption",
        "bottom",
        (255, 255, 255),
    )
    assert text.size == pytest.approx(0.05)
    (music,) = plan.audio
    assert isinstance(music, Bgm)
    assert music.vol == 1.0
    assert music.bpm == 90


def test_video_timeline_fills_gaps_and_later_segments_cut_earlier_ones() -> None:
    plan = plan_draft({"fps": 10, "d": 5000, "t": [{"tt": 0, "sg": [
        seg(2000, 2000, kind="media", media_id="m1", file_type="image"),
        seg(500, 2000, kind="scene", seed=1),
    ]}]})  # fmt: skip
    kinds = [(type(p).__name__, p.start_frame, p.frames) for p in plan.video]
    assert kinds == [("Gap", 0, 5), ("ScenePiece", 5, 15), ("MediaPiece", 20, 20), ("Gap", 40, 10)]
    assert sum(p.frames for p in plan.video) == plan.canvas.frames


def test_segments_past_the_end_are_clipped_or_dropped() -> None:
    plan = plan_draft({"d": 1000, "t": [
        {"tt": 0, "sg": [seg(500, 5000, kind="scene")]},
        {"tt": 7, "sg": [seg(800, 5000, text="late"), seg(1500, 100, text="gone")]},
        {"tt": 1, "sg": [seg(0, 9000, kind="media", media_id="a1", vol=0.3, src_in=1500)]},
    ]})  # fmt: skip
    assert [type(p) for p in plan.video] == [Gap, ScenePiece]
    assert plan.video[-1].start_frame + plan.video[-1].frames == 30
    assert [(t.text, t.end) for t in plan.texts] == [("late", 1.0)]
    (clip,) = plan.audio
    assert isinstance(clip, AudioMedia)
    assert (clip.duration, clip.vol, clip.src_in) == (1.0, 0.3, 1.5)


def test_media_type_guessed_from_name_when_missing() -> None:
    plan = plan_draft({"d": 1000, "t": [{"tt": 0, "sg": [
        seg(0, 500, kind="media", media_id="p", name="photo.JPG"),
        seg(500, 500, kind="media", media_id="c", name="clip.mov"),
    ]}]})  # fmt: skip
    assert [p.file_type for p in plan.video if isinstance(p, MediaPiece)] == ["image", "video"]


@pytest.mark.parametrize(
    "draft",
    [{"t": []}, {"d": 0, "t": [{"tt": 0, "sg": []}]}, {"t": [{"tt": 0, "sg": [seg(0, 0)]}]}],
)
def test_nothing_to_render_is_an_error(draft: dict[str, Any]) -> None:
    with pytest.raises(RenderError, match="empty"):
        plan_draft(draft)


def test_absurd_length_is_refused() -> None:
    with pytest.raises(RenderError, match="minutes"):
        plan_draft({"d": 5 * 3600 * 1000, "t": []})


def test_not_a_mapping_is_an_error() -> None:
    with pytest.raises(RenderError):
        plan_draft([])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("#ff8000", (255, 128, 0)), ("00ff00", (0, 255, 0)), ("#abc", (170, 187, 204)),
     ("red", (1, 2, 3)), (None, (1, 2, 3)), ("#12345g", (1, 2, 3))],
)  # fmt: skip
def test_parse_color(value: object, expected: tuple[int, int, int]) -> None:
    assert parse_color(value, (1, 2, 3)) == expected


def test_scenes_that_cross_fade_last_an_even_number_of_frames() -> None:
    # A narrated script's scenes last what their sentences do: here 1.3 s and 1.7 s.
    def plan(fps: int) -> list[tuple[str, int, int]]:
        p = plan_draft({"fps": fps, "d": 4000, "t": [{"tt": 0, "sg": [
            seg(0, 1300, kind="scene", seed=1), seg(1300, 1700, kind="scene", seed=2),
            seg(3000, 500, kind="media", media_id="m1", file_type="image"),
        ]}]})  # fmt: skip
        return [(type(v).__name__, v.start_frame, v.frames) for v in p.video]

    # At 30 fps scenes are composited at 15 pictures a second: the cut between them moves
    # one frame later so that their fade is blended on those pictures. The cut to the
    # uploaded image (no cross-fade) stays where it was.
    assert plan(30) == [("ScenePiece", 0, 40), ("ScenePiece", 40, 50), ("MediaPiece", 90, 15),
                        ("Gap", 105, 15)]
    # Below 30 fps scenes are composited at the full rate: nothing moves.
    assert plan(24) == [("ScenePiece", 0, 31), ("ScenePiece", 31, 41), ("MediaPiece", 72, 12),
                        ("Gap", 84, 12)]


@pytest.mark.parametrize(("vol", "lit"), [(0.8, True), (0.0, False)])
def test_the_spoken_word_is_highlighted_only_while_the_voice_is_heard(vol: float,
                                                                    lit: bool) -> None:
    # "no voice-over" keeps the narration at volume 0: a highlight running through words
    # nobody hears looked like a glitch to a user.
    words = [[0, 0, 4], [400, 5, 4]]
    draft = {"d": 4000, "t": [
        {"tt": 0, "sg": [seg(0, 4000, kind="scene", prompt="a lake")]},
        {"tt": 1, "sg": [seg(500, 2000, kind="narration", text="Dawn came", vol=vol)]},
        {"tt": 7, "sg": [seg(500, 2000, role="caption", text="Dawn came", words=words),
                         seg(3000, 1000, role="caption", text="Later on", words=words)]}]}
    first, second = plan_draft(draft).texts
    assert bool(first.words) is lit
    assert first.text == "Dawn came"
    assert second.words == ()  # said by no narration at all
