from __future__ import annotations

import json
from typing import Any

import pytest

from tests.translators.drafts import bgm, draft, scene, seed_draft, text, video
from translators.timeline import format_span, summarize_timeline

SEED_SUMMARY = ('Timeline (3 tracks): 1. Video: city timelapse (0-10s) '
                '2. Music: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)')
EMPTY = "The timeline is empty. Describe the video you want and I'll generate it."


def test_full_draft_reads_exactly_like_the_seeds() -> None:
    assert summarize_timeline(seed_draft()) == SEED_SUMMARY


def test_full_draft_in_chinese() -> None:
    # The generated music (a mood, no media) by its Chinese name, as the agent's replies say it.
    assert summarize_timeline(seed_draft(), "zh-Hans") == (
        "时间线（3 条轨道）： 1. 视频：city timelapse（0-10秒） "
        "2. 背景音乐：舒缓轻音乐（0-10秒，35%） 3. 标题：“Urban Dreams”（0-3秒）")


def test_music_of_another_name_keeps_it_in_chinese() -> None:
    # A song, or music another backend names, is called by its own name.
    assert "背景音乐：Lo-fi Beats" in summarize_timeline(
        draft(bgm("a1", "Lo-fi Beats", 0, 10, vol=0.35), duration=10), "zh-Hans")


def test_multiline_puts_each_track_on_its_own_line() -> None:
    assert summarize_timeline(seed_draft(), "en", multiline=True).splitlines() == [
        "Timeline (3 tracks):",
        "1. Video: city timelapse (0-10s)",
        "2. Music: Lo-fi (0-10s, 35%)",
        '3. Title: "Urban Dreams" (0-3s)',
    ]


@pytest.mark.parametrize("empty", [None, {}, {"t": []}, "", "not json", [], {"t": "x"},
                                   {"draft": None}, {"t": [{"id": "v", "tt": 0, "sg": []}]}])
def test_empty_drafts(empty: object) -> None:
    assert summarize_timeline(empty) == EMPTY
    assert summarize_timeline(empty, "zh") == "时间线还是空的。描述你想要的视频，我来生成。"


def test_partial_draft_video_only() -> None:
    assert summarize_timeline(draft(video("v1", scene("s1", 0, 5, "sunset over a lake")))) == \
        "Timeline (1 track): 1. Video: sunset over a lake (0-5s)"


def test_partial_draft_lists_empty_tracks_and_half_seconds() -> None:
    d = draft(video("v1", scene("s1", 0, 2.5, "waves")), text("x1", "title"))
    assert summarize_timeline(d) == \
        "Timeline (2 tracks): 1. Video: waves (0-2.5s) 2. Title (empty)"


def test_several_scenes_name_the_first_and_count_the_rest() -> None:
    d = draft(video("v1", scene("s1", 0, 10, "city timelapse"), scene("s2", 10, 10, "harbour"),
                    scene("s3", 20, 10, "night market")))
    assert summarize_timeline(d) == \
        "Timeline (1 track): 1. Video: city timelapse + 2 more scenes (0-30s)"
    assert summarize_timeline(d, "zh") == \
        "时间线（1 条轨道）： 1. 视频：city timelapse 等 3 个场景（0-30秒）"


def test_scenes_without_descriptions_are_counted() -> None:
    d = draft(video("v1", scene("s1", 0, 4, None), scene("s2", 4, 4, None)))
    assert summarize_timeline(d) == "Timeline (1 track): 1. Video: 2 scenes (0-8s)"


def test_captions_with_several_lines() -> None:
    d = draft(text("c1", "caption", ("c-1", "Hello", 0, 2), ("c-2", "World", 2, 2),
                   ("c-3", "Bye", 4, 2)))
    assert summarize_timeline(d) == 'Timeline (1 track): 1. Captions: "Hello" + 2 more (0-6s)'


def test_media_clips_and_audio_use_file_names() -> None:
    d = draft(
        {"id": "v1", "tt": 0, "sg": [{"id": "m", "s": 0, "d": 7000, "m": {
            "kind": "media", "media_id": "abc", "file_type": "video",
            "url": "https://cdn.example/u/My%20Trip.mp4"}}]},
        {"id": "a1", "tt": 1, "sg": [{"id": "n", "s": 1000, "d": 6000, "m": {
            "kind": "media", "name": "voiceover.mp3", "vol": 0.8}}]},
    )
    assert summarize_timeline(d) == ("Timeline (2 tracks): 1. Video: My Trip.mp4 (0-7s) "
                                     "2. Audio: voiceover.mp3 (1-7s, 80%)")


def test_the_users_song_on_the_music_track_reads_as_the_music() -> None:
    d = draft({"id": "trk_bgm", "tt": 1, "n": "BGM", "sg": [{"id": "n", "s": 0, "d": 10000,
                                                             "m": {"kind": "media",
                                                                   "name": "song.mp3",
                                                                   "vol": 0.35}}]})
    assert summarize_timeline(d) == "Timeline (1 track): 1. Music: song.mp3 (0-10s, 35%)"


def test_cloud_drafts_with_missing_and_unknown_fields() -> None:
    d: dict[str, Any] = {"t": [
        {"tt": 0, "sg": [{"s": 0, "d": 4000}]},                       # no id, no n, no m
        {"tt": 1, "sg": [{"s": 0, "d": 4000, "m": {"vol": 35}}]},      # volume as a percent
        {"tt": 7, "n": "Title", "sg": [{"d": 3000, "m": {"text": "Hi"}}]},  # no role, no s
        {"tt": 42, "n": "Stickers", "sg": [{"s": 0, "d": 1000}]},      # unknown track type
        {"tt": 99, "sg": [{"s": 0}]},                                  # unknown, no name, no d
        "garbage",
        {"tt": 0, "sg": ["garbage", {"s": "1000", "d": "500", "m": {"desc": "x"}}]},
    ], "unknown": {"k": 1}}
    assert summarize_timeline(d) == (
        'Timeline (6 tracks): 1. Video (0-4s) 2. Audio (0-4s, 35%) 3. Title: "Hi" (0-3s) '
        "4. Stickers (0-1s) 5. Track 6. Video: x (1-1.5s)")


def test_long_texts_are_shortened() -> None:
    long = "A very long title that goes on and on well past forty characters"
    d = draft(text("x1", "title", ("t1", long, 0, 3)))
    summary = summarize_timeline(d)
    assert 'Title: "A very long title that goes on and on…" (0-3s)' in summary


def test_accepts_a_state_and_json_text() -> None:
    assert summarize_timeline({"draft": seed_draft(), "video_infos": []}) == SEED_SUMMARY
    assert summarize_timeline(json.dumps(seed_draft())) == SEED_SUMMARY
    assert summarize_timeline({"draft": json.dumps(seed_draft())}) == SEED_SUMMARY


def test_bgm_without_name_keeps_its_volume() -> None:
    d = draft(bgm("a1", None, 0, 12, vol=0.5))
    assert summarize_timeline(d) == "Timeline (1 track): 1. Music (0-12s, 50%)"


def test_words_and_media_wherever_the_draft_keeps_them() -> None:
    from translators.timeline import summarize_timeline as summarize

    state = {"draft": {"t": [
        {"tt": 0, "sg": [{"s": 0, "d": 10000, "m": {"cdn_url": "https://cdn.x/u/c1.mp4",
                                                    "media_id": "m1"}}]},
        {"tt": 7, "n": "Title", "sg": [{"s": 0, "d": 3000, "content": "Urban Dreams"}]}]},
        "video_analyses": [{"media_id": "m1", "summary": "city timelapse at dusk"}]}
    assert summarize(state, "en") == ('Timeline (2 tracks): 1. Video: city timelapse at dusk '
                                      '(0-10s) 2. Title: "Urban Dreams" (0-3s)')


def test_a_narration_track_is_named_as_such_in_every_language() -> None:
    # The local backend's narrated scripts put the voice on an audio track of its own: the
    # summary must say it is the narration, not an anonymous "Audio" at 100 %.
    voice = {"id": "trk_voice", "tt": 1, "n": "Narration", "sg": [
        {"id": "v1", "s": 400, "d": 1400, "m": {"kind": "narration", "text": "A city wakes up"}},
        {"id": "v2", "s": 9600, "d": 2000, "m": {"kind": "narration", "text": "Coffee steams"}}]}
    data = seed_draft()
    data["t"].append(voice)
    en = summarize_timeline(data)
    assert '4. Narration: A city wakes up + 1 more (0.4-11.6s)' in en
    assert "100%" not in en
    assert "旁白：A city wakes up" in summarize_timeline(data, "zh-Hans")
    assert "Narración: A city wakes up" in summarize_timeline(data, "es")


@pytest.mark.parametrize(("lang", "span"), [
    ("en", "0.4-12.5s"), ("es", "0,4-12,5s"), ("fr", "0,4-12,5 s"), ("de", "0,4-12,5 s"),
    ("pt", "0,4-12,5s"), ("ja", "0.4-12.5秒"),
])
def test_spans_write_decimals_the_way_the_language_does(lang: str, span: str) -> None:
    # Found by a newcomer: the agent's replies said "5,6 s" while the timeline said "0.4-15 s".
    assert format_span(400, 12_500, lang) == span


@pytest.mark.parametrize("lang", ["en", "de", "zh-Hans", "ko"])
def test_a_span_of_a_minute_or_more_is_in_minutes_and_seconds(lang: str) -> None:
    # A 5-minute video's timeline said "(0-300s)" while the agent said "5 minutes".
    assert format_span(0, 300_000, lang) == "0:00-5:00"
    assert format_span(59_600, 90_400, lang) == "1:00-1:30"
    assert ":" not in str(format_span(0, 60_000, lang))  # up to a minute: seconds as before


def test_the_users_look_places_and_voice_follow_the_tracks() -> None:
    captions = text("c1", "caption", ("c-1", "Hello", 0, 2))
    captions["sg"][0]["m"]["pos"] = "top"
    voice = {"id": "trk_voice", "tt": 1, "n": "Narration", "sg": [
        {"id": "v", "s": 0, "d": 2000, "m": {"kind": "narration", "text": "Hello.",
                                             "variant": "female", "vol": 1.0}}]}
    d = {**draft(captions, voice), "look": "sepia"}
    assert summarize_timeline(d).endswith(
        "Settings: the whole picture in sepia; the captions at the top; "
        "the narration read by a female voice.")
    assert summarize_timeline(d, "zh-Hans").endswith(
        "设置：整个画面为复古棕褐色调；字幕在顶部；旁白由女声朗读。")


@pytest.mark.parametrize(("lang", "look", "said"), [
    # Review 2: "整个画面为调亮" put 为 before a verb; a brightness change is a verb with 了.
    ("zh-Hans", "bright", "设置：整个画面调亮了。"),
    ("zh-Hans", "dark", "设置：整个画面调暗了。"),
    ("zh-Hans", "mono", "设置：整个画面为黑白。"),
    ("zh-Hans", "warm", "设置：整个画面为暖色调。"),
    ("zh-Hant", "bright", "設定：整個畫面調亮了。"),
    ("zh-Hant", "dark", "設定：整個畫面調暗了。"),
    ("zh-Hant", "cool", "設定：整個畫面為冷色調。"),
    ("en", "sepia", "Settings: the whole picture in sepia."),
    ("ko", "bright", "화면 전체 밝은 톤"),
])
def test_every_look_reads_as_a_sentence(lang: str, look: str, said: str) -> None:
    d = {**draft(text("c1", "caption", ("c-1", "Hello", 0, 2))), "look": look}
    assert said in summarize_timeline(d, lang)


def test_places_a_draft_may_give_itself_are_not_called_changes() -> None:
    # Captions in the middle may be where another service puts them: not a change to name.
    d = draft(text("c1", "caption", ("c-1", "Hello", 0, 2)))
    assert "changes" not in summarize_timeline(d)


def test_the_voice_a_narration_starts_with_is_not_called_a_change() -> None:
    # Seen on the README's main command: a new video's summary ended "Settings: the
    # narration read by the standard voice." though the user had changed nothing.
    voice = {"id": "trk_voice", "tt": 1, "n": "Narration", "sg": [
        {"id": "v", "s": 0, "d": 2000, "m": {"kind": "narration", "text": "Hello.",
                                             "variant": "default", "vol": 1.0}}]}
    assert "changes" not in summarize_timeline(draft(voice))
    voice["sg"][0]["m"]["vol"] = 0
    assert summarize_timeline(draft(voice)).endswith(
        "Settings: the narration read by the standard voice, muted.")
