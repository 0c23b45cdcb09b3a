"""Sandbox paths → the uploads' URLs, or a refusal naming the clip (pure rewrite)."""

from __future__ import annotations

import pytest

from backend.errors import MediaUnavailable
from backend.media_paths import rewrite_sandbox_paths

STATE = {"video_infos": [{"filename": "beach day.mp4", "cdn_url": "https://cdn.x/u/1/beach%20day.mp4"}],
         "uploaded_files": [{"path": "/mnt/userdata/intro.mov", "url": "https://cdn.x/u/2/i.mov"}]}


def _draft(*urls: str) -> dict[str, object]:
    return {"t": [{"tt": 0, "sg": [{"id": f"s{i}", "m": {"kind": "media", "url": u}}
                                   for i, u in enumerate(urls)]}]}


def test_rewritten_by_file_name_from_any_upload_list() -> None:
    out = rewrite_sandbox_paths(_draft("/mnt/userdata/beach day.mp4", "/mnt/userdata/intro.mov",
                                       "https://cdn.x/keep.mp4"), STATE)
    urls = [sg["m"]["url"] for sg in out["t"][0]["sg"]]  # type: ignore[index]
    assert urls == ["https://cdn.x/u/1/beach%20day.mp4", "https://cdn.x/u/2/i.mov",
                    "https://cdn.x/keep.mp4"]


def test_segment_level_and_cdn_url_fields() -> None:
    draft = {"t": [{"tt": 1, "sg": [{"cdn_url": "/mnt/userdata/beach day.mp4", "m": {}}]}]}
    out = rewrite_sandbox_paths(draft, STATE)
    assert out["t"][0]["sg"][0]["cdn_url"] == "https://cdn.x/u/1/beach%20day.mp4"  # type: ignore[index]
    assert draft["t"][0]["sg"][0]["cdn_url"] == "/mnt/userdata/beach day.mp4"  # not changed


@pytest.mark.parametrize("url", ["/mnt/userdata/other.mp4", "file:///home/me/a.mp4", "a.mp4"])
def test_unfetchable_is_refused_naming_the_clip(url: str) -> None:
    with pytest.raises(MediaUnavailable) as caught:
        rewrite_sandbox_paths(_draft(url), STATE)
    name = url.rsplit("/", 1)[-1]
    assert caught.value.clips == (name,)
    assert name in str(caught.value)


def test_media_named_by_id_only_is_left_to_the_service() -> None:
    draft = {"t": [{"tt": 0, "sg": [{"m": {"kind": "media", "media_id": "asset_1"}}]}]}
    assert rewrite_sandbox_paths(draft, {}) == draft
