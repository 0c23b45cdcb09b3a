from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import pytest

from backend.bounded import human_size
from backend.particles import josa
from translators import messages
from translators.lang import SUPPORTED_LANGUAGES

pytestmark = pytest.mark.pure

# One set of sample variables per key. A key added to the catalog without a sample here makes
# test_every_english_key_has_a_sample fail, so every message is rendered by these tests.
_CHANGE = {"text": "Paradise Found", "old": "Old Title", "span": "0-3s", "old_span": "0-2s",
           "value": 35, "old_value": 50, "items": ["city timelapse", "beach"],
           "old_items": ["forest", "desert"], "count": 2, "more": 0}
SAMPLES: dict[str, dict[str, Any]] = {
    "connecting": {},
    "ready": {"credits": 100},
    "welcome": {},
    "session_renewed": {},
    "token_renewed": {},
    "token_invalid_env": {},
    "still_working": {},
    "raw_video_ready": {},
    "post_production_done": {"timeline": "Timeline (1 track): 1. Video: sea (0-5s)"},
    "generation_lost": {},
    "checking_progress": {},
    "no_change_detected": {},
    "changes_intro": {},
    "rendering": {},
    "render_progress": {"percent": 50},
    "video_ready": {"path": "/home/me/Videos/nemo.mp4", "url": "https://cdn.example/v.mp4"},
    "render_failed": {},
    "export_not_ready": {},
    "export_blocked_plan": {"link": "https://example.com/pricing"},
    "credits": {"available": 80, "frozen": 20, "total": 100},
    "out_of_credits_anonymous": {"link": "https://example.com/?bind=u1", "left": "50"},
    "out_of_credits_registered": {"link": "https://example.com/top-up", "left": "50"},
    "out_of_credits_local": {"left": "50"},
    "uploading": {"count": 2},
    "upload_done": {"count": 2, "names": ["a.mp4", "b.png"]},
    "new_project": {},
    "empty_message": {},
    "link_failed": {"name": "http://example.test/a.mp4"},
    "link_not_media": {"name": "http://example.test/page", "formats": ["mp4", "png"]},
    "file_corrupt": {"name": "broken.mp4"},
    "batch_item": {"n": 2, "count": 3, "name": "b.png"},
    "batch_done": {"count": 3, "names": ["a.mp4", "b.png", "c.jpg"]},
    "batch_no_file": {},
    "batch_parts_done": {"count": 2, "unused": ["song.mp3"]},
    "batch_video_line": {"n": 1, "names": "clip.mp4", "summary": "6s 16:9 · Video: clip.mp4",
                         "path": "/tmp/videos/clip.mp4", "failed": False},
    "batch_switch": {"n": 2, "name": "b.png"},
    "batch_some_made": {"made": 2, "count": 3, "unused": ["song.mp3"]},
    "batch_missing_line": {"n": 3, "ordinal": 3, "attached": 2},
    "batch_text_unused": {"text": "add calm music"},
    "local_file_error": {"name": "/tmp/videos/out.mp4", "reason": "denied"},
    "timeline_details": {"look": "mono", "title_pos": None, "caption_pos": "top",
                         "title_color": "#ffe14d", "caption_color": None, "title_size": None,
                         "caption_size": "up", "voice": "female", "muted": False},
    "credits_cost_unknown": {},
    "credits_videos_unknown": {},
    "credits_not_money": {},
    "chat_greeting": {},
    "track_listing": {"kind": "caption", "unit": "scene",
                      "items": [{"text": "Hello", "span": "0-3s", "volume": None}]},
    "config_dir_unusable": {"path": "/home/u/.config/nemovideo/client_id", "reason": "denied",
                            "reading": False, "detail": "Permission denied"},
    "folder_unusable": {"folder": "/tmp/videos", "reason": "space", "needed": "80 MB",
                        "free": "12 MB"},
    "unsupported_file": {"name": "notes.docx", "formats": ["mp4", "mov"]},
    "file_too_large": {"name": "big.mov", "limit_mb": 500},
    "file_missing": {"name": "gone.mp4"},
    "export_renamed": {"asked": "out.mp4", "saved": "out-2.mp4"},
    "rate_limited": {"seconds": 30},
    "rate_limited_final": {},
    "network_error": {},
    "timed_out": {},
    "server_error": {},
    "response_too_large": {"size": "2 GiB"},
    "timeline_empty": {},
    "timeline": {"count": 3},
    "timeline_item": {"index": 1, "label": "Video: sea", "span": "0-5s", "volume": None,
                      "empty": False},
    "time_span": {"start": "0", "end": "2.5"},
    "seconds": {"value": "10"},
    "label_video": {"name": "sea", "more": 2, "count": 3, "unit": "scene"},
    "label_bgm": {"name": "Lo-fi"},
    "music_name": {"mood": "calm"},
    "label_audio": {"name": "voice.mp3", "more": 0, "count": 1},
    "label_narration": {"name": "A city wakes up", "more": 1, "count": 2},
    "label_title": {"text": "Urban Dreams", "more": 0, "count": 1},
    "label_caption": {"text": "Hello", "more": 1, "count": 2},
    "label_text": {"text": "Hi", "more": 0, "count": 1},
    "label_track": {"name": None},
    "unit_scene": {},
    "unit_clip": {},
    **{f"change_{kind}": dict(_CHANGE) for kind in (
        "title_added", "title_changed", "title_removed",
        "caption_added", "caption_changed", "caption_removed",
        "text_added", "text_changed", "text_removed",
        "bgm_added", "bgm_changed", "bgm_removed", "bgm_volume_changed",
        "scenes_added", "scenes_removed", "scenes_replaced",
        "track_added", "track_removed", "duration_changed", "ratio_changed", "media_added",
        "timeline_updated")},
    "gui_hint_export": {},
    "gui_hint_timeline": {},
    "gui_hint_state": {},
    "gui_hint_edit": {},
    "gui_hint_credits": {},
    "gui_hint_upload": {},
    "question_default_title": {},
    "question_pick_many": {},
    "question_how_single": {},
    "question_how_many": {},
    "question_unclear": {"answer": "D", "reason": "range", "count": 3, "keys": ["A", "B", "C"]},
    "token_quota": {"retry_at": "2026-12-07 10:15 UTC"},
    "label_no_text": {},
    "claim_link": {"url": "https://nemovideo.com/workspace/claim?ct=clm_x"},
    "media_unavailable": {"clips": ["beach.mp4", "intro.mov"]},
    "stage_generating": {},
    "stage_post_production": {},
    "stage_editing": {},
    "next_steps": {"items": ["a", "b"]},
    "suggest_add_music": {},
    "suggest_add_title": {},
    "suggest_add_captions": {},
    "suggest_vertical": {},
    "suggest_widescreen": {},
    "suggest_change_music": {},
    "suggest_export": {},
    "declined": {"hint": "Say “export” when you want the MP4."},
    "nothing_to_confirm": {},
    # The MCP server's own sentences (skill/mcp_server).
    "mcp_awaiting": {},
    "mcp_video_title": {"name": "sunset.mp4"},
    "mcp_nothing_running": {},
    "mcp_unknown_handle": {"handle": "job-9"},
    "mcp_preview_nothing": {},
    "mcp_preview_note": {"times": "0:01.0, 0:04.5"},
    "mcp_preview_placeholders": {"names": "beach.mp4, intro.mov"},
    "mcp_preview_needs_local": {},
    "mcp_preview_failed": {"reason": "ffmpeg could not read a frame"},
    "mcp_empty_message": {},
    "mcp_not_mp4": {"path": "/v/a.mov", "example": "/v/a.mp4"},
    "mcp_outside_allowed": {"folder": "/etc", "export_dir": "~/nemovideo-exports",
                            "example": "~/nemovideo-exports/a.mp4"},
    "mcp_saved_elsewhere": {"path": "~/a.mp4", "saved": "~/a (2).mp4"},
    "mcp_unknown_tool": {"name": "send", "names": "send_message, wait"},
    "mcp_internal": {"kind": "RuntimeError"},
}

_ENV = jinja2.Environment()
_ENV.filters["josa"] = josa  # as the catalog's own environment has it
_ENV.filters["repr"] = repr


def _variables(lang: str, key: str) -> set[str]:
    source = messages.catalog_source(lang, key)
    assert source is not None
    return set(jinja2.meta.find_undeclared_variables(_ENV.parse(source)))


def test_every_english_key_has_a_sample() -> None:
    assert messages.catalog_keys("en") == set(SAMPLES)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_shipped_catalog_is_complete(lang: str) -> None:
    # en and zh must be complete; the other shipped catalogs are complete too, so that a
    # missing key is caught here rather than shown to a user in English.
    assert messages.catalog_keys(lang) == messages.catalog_keys("en")


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_no_catalog_has_keys_english_lacks(lang: str) -> None:
    assert messages.catalog_keys(lang) <= messages.catalog_keys("en")


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_every_message_renders_with_its_sample(lang: str, key: str) -> None:
    if key in messages.catalog_keys(lang):
        assert _variables(lang, key) <= set(SAMPLES[key]), "template uses an unknown variable"
    text = messages.render(key, lang, **SAMPLES[key])
    assert text.strip()
    assert "{{" not in text
    assert "{%" not in text
    assert "  " not in text.replace("\n", " \n"), f"double space in {text!r}"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_no_message_shows_technical_details(lang: str) -> None:
    for key in SAMPLES:
        source = messages.catalog_source(lang, key) or ""
        assert not re.search(r"https?://|/api/|nmv_|Traceback|Exception|Bearer", source), key


def test_english_examples_read_as_the_seeds_say() -> None:
    assert messages.render("still_working", "en") == "⏳ Still working…"
    assert messages.render("rendering", "en") == "⏳ Rendering…"
    assert messages.render("render_progress", "en", percent=50) == "⏳ 50%"
    ready = messages.render("video_ready", "en", path="/tmp/out.mp4")
    assert ready.splitlines() == ["✅ Video ready!", "📁 /tmp/out.mp4"]
    assert messages.render("credits", "en", available=80, frozen=20, total=100) == \
        "💳 Credits: 80 available, 20 on hold, 100 in total."
    assert messages.render("credits", "en", available=100, frozen=0, total=100) == \
        "💳 Credits: 100 available."
    assert messages.render("timeline", "en", count=1) == "Timeline (1 track):"


def test_messages_carry_what_the_user_needs() -> None:
    link = "https://example.com/?bind=user-7"
    assert link in messages.render("out_of_credits_anonymous", "en", link=link)
    registered = messages.render("out_of_credits_registered", "en")
    assert "top up" in registered.lower()
    assert registered.endswith(".")
    blocked = messages.render("export_blocked_plan", "en")
    assert "isn't about credits" in blocked
    unsupported = messages.render("unsupported_file", "en", name="a.docx",
                                  formats=["mp4", "mov", "png"])
    assert "a.docx" in unsupported
    assert "mp4, mov, png" in unsupported
    big = messages.render("file_too_large", "zh", limit_mb=500)
    assert "500 MB" in big
    assert "压缩" in big
    assert "30" in messages.render("rate_limited", "en", seconds=30)
    assert "NEMO_TOKEN" in messages.render("token_invalid_env", "en")
    assert "again" in messages.render("generation_lost", "en")


def test_chinese_is_rendered_for_chinese_tags() -> None:
    for tag in ("zh", "zh-Hans", "zh-CN", "zh-Hans-HK"):
        assert messages.render("still_working", tag) == "⏳ 仍在处理中…"
    for tag in ("zh-Hant", "zh-TW", "zh_HK", "zh-Hant-TW"):
        assert messages.render("still_working", tag) == "⏳ 仍在處理中…"


#: Characters the Simplified catalog uses that Traditional Chinese writes otherwise (個為樂從
#: 傳刪務動壓發圖場壞處對導應開態戶換數無時條標檢沒現畫確積級線結給絡繼續縮網視訂認設試話該說
#: 請調軌輯過還這連選鐘鏈長間項頻題額). Characters that are also rare Traditional words (余, 几,
#: 据) are left out.
SIMPLIFIED_ONLY = frozenset(
    "个为乐从传删务动压发图场坏处对导应开态户换数无时条标检没现画确积级线结给络继续缩网视订认设试话该说"
    "请调轨辑过还这连选钟链长间项频题额")


def test_simplified_only_characters_are_from_the_simplified_catalog() -> None:
    # The list is real: every character in it is used by the Simplified catalog.
    used = set("".join(messages.catalog_source("zh", k) or "" for k in messages.catalog_keys("zh")))
    assert used >= SIMPLIFIED_ONLY, sorted(SIMPLIFIED_ONLY - used)


def test_traditional_catalog_has_every_key_and_no_simplified_character() -> None:
    assert messages.catalog_keys("zh-Hant") == messages.catalog_keys("en")
    for key in sorted(SAMPLES):
        text = messages.render(key, "zh-Hant", **SAMPLES[key])
        assert not SIMPLIFIED_ONLY & set(text), (key, text)


def test_traditional_catalog_uses_taiwan_words() -> None:
    # Not a character-by-character conversion: 影片 not 視頻, 檔案 not 文件, 匯出 not 導出.
    sources = "".join(messages.catalog_source("zh-Hant", k) or ""
                      for k in messages.catalog_keys("zh-Hant"))
    for mainland in ("視頻", "文件", "導出", "項目", "默認", "信息", "積分", "令牌", "充值",
                     "音頻"):
        assert mainland not in sources, mainland
    assert messages.render("upload_done", "zh-Hant", count=2, names=["a.mp4", "b.png"]) == \
        "📎 已加入 2 個檔案：a.mp4、b.png。"
    assert messages.render("gui_hint_export", "zh-Hant") == "需要 MP4 時，說「匯出」就可以。"
    assert "影片" in messages.render("export_not_ready", "zh-Hant")


def test_unknown_language_falls_back_to_english() -> None:
    assert messages.render("still_working", "xx") == "⏳ Still working…"
    assert messages.render("still_working", None) == "⏳ Still working…"


def test_missing_key_in_a_language_falls_back_to_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "en.yaml").write_text('a: "A in English"\nb: "B in English"\n', "utf-8")
    (tmp_path / "zh.yaml").write_text('a: "中文 A"\n', "utf-8")
    monkeypatch.setattr(messages, "CATALOG_DIR", tmp_path)
    _clear_caches()
    try:
        assert messages.render("a", "zh") == "中文 A"
        assert messages.render("b", "zh") == "B in English"
        with pytest.raises(KeyError, match="'c'"):
            messages.render("c", "zh")
    finally:
        monkeypatch.undo()
        _clear_caches()


def test_a_broken_catalog_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "en.yaml").write_text("a:\n  nested: 1\n", "utf-8")
    monkeypatch.setattr(messages, "CATALOG_DIR", tmp_path)
    _clear_caches()
    try:
        with pytest.raises(RuntimeError, match=r"en\.yaml: 'a' must map to a string"):
            messages.render("a", "en")
    finally:
        monkeypatch.undo()
        _clear_caches()


def test_missing_variable_is_an_error_not_a_blank() -> None:
    with pytest.raises(jinja2.UndefinedError):
        messages.render("render_progress", "en")


def test_unknown_key_raises_key_error() -> None:
    with pytest.raises(KeyError, match="no_such_message"):
        messages.render("no_such_message", "en")


def _clear_caches() -> None:
    messages._sources.cache_clear()
    messages._template.cache_clear()


def test_korean_sizes_take_the_particles_their_units_are_read_with() -> None:
    # Review 2 had "1.5 GiB이 … 200 MiB이에요": 기비바이트 and 메비바이트 end open.
    text = messages.render("folder_unusable", "ko", folder="/tmp/videos", reason="space",
                           needed=human_size(3 << 29), free=human_size(200 << 20))
    assert "영상에 1.5 GiB가 필요한데 남은 공간은 200 MiB예요." in text
