"""Draft → the one-line timeline summary the seeds show, in the user's language.

``Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. Music: Lo-fi (0-10s, 35%)
3. Title: "Urban Dreams" (0-3s)``. A track with several segments names the first one and
counts the rest (``Video: city timelapse + 2 more scenes (0-30s)``).
"""

from __future__ import annotations

from translators import messages
from translators.draft_view import TrackView, format_seconds, load_draft, read_tracks

__all__ = ["format_span", "summarize_timeline", "track_label"]


def summarize_timeline(draft: object, lang: str | None = None, *, multiline: bool = False) -> str:
    """The timeline summary of ``draft`` (a draft, a state holding one, or JSON of either).

    With no segment on any track the answer is the ``timeline_empty`` message. Tracks with no
    segments are listed as empty. ``multiline`` puts each track on its own line instead of the
    seeds' single line. Never raises on odd drafts: unreadable parts are skipped.
    """
    tracks = read_tracks(draft)
    if not any(track.segments for track in tracks):
        return messages.render("timeline_empty", lang)
    header = messages.render("timeline", lang, count=len(tracks))
    items = [_item(track, lang) for track in tracks]
    details = _details(draft, lang)
    return (("\n" if multiline else " ").join([header, *items, *filter(None, [details])])
            ).strip()


#: Places of a title and of captions that only a user's move gives them (they are made in the
#: middle and at the bottom); a draft from elsewhere may place captions in the middle itself.
_MOVED_PLACES: dict[str, tuple[str, ...]] = {"title": ("top", "bottom"), "caption": ("top",)}
#: The colour titles and captions are made in; another one is the user's choice.
_MADE_COLOR = "#ffffff"
#: The sizes (of the picture's height) the local agent makes a title and captions at: a size
#: in a segment that differs is the user's "bigger"/"smaller" (drafts without one say none).
_MADE_SIZES = {"title": 0.08, "caption": 0.05}


def _details(draft: object, lang: str | None) -> str:
    """What the user chose that the tracks do not show: the look of the whole picture, where
    the title and captions stand when moved, their colour and size when changed, the
    narrator's voice ("" when none; drafts without these fields, like the cloud's, give
    none)."""
    data = load_draft(draft)
    if data is None:
        return ""
    look = data.get("look") if isinstance(data.get("look"), str) else None
    places: dict[str, str] = {}
    colors: dict[str, str] = {}
    sizes: dict[str, str] = {}
    voice: str | None = None
    muted = False
    raw_tracks = [t for t in data.get("t") or [] if isinstance(t, dict)]
    for track, raw in zip(read_tracks(data), raw_tracks, strict=False):
        metas = [sg["m"] for sg in raw.get("sg") or []
                 if isinstance(sg, dict) and isinstance(sg.get("m"), dict)]
        if track.kind in _MOVED_PLACES and metas:
            place = metas[0].get("pos")
            if place in _MOVED_PLACES[track.kind]:
                places[track.kind] = str(place)
            color = metas[0].get("color")
            if isinstance(color, str) and color.lower() != _MADE_COLOR:
                colors[track.kind] = color.lower()
            size = metas[0].get("size")
            if isinstance(size, int | float) and abs(size - _MADE_SIZES[track.kind]) > 1e-9:
                sizes[track.kind] = "up" if size > _MADE_SIZES[track.kind] else "down"
        if track.kind == "narration" and metas:
            variant = metas[0].get("variant")  # absent: the voice is not known, not said
            voice = variant if isinstance(variant, str) else None
            muted = metas[0].get("vol") == 0
            if voice == "default" and not muted:
                voice = None  # the voice every narration starts with: nobody changed it
    if look is None and not places and not colors and not sizes and voice is None:
        return ""
    return messages.render("timeline_details", lang, look=look, title_pos=places.get("title"),
                           caption_pos=places.get("caption"), title_color=colors.get("title"),
                           caption_color=colors.get("caption"), title_size=sizes.get("title"),
                           caption_size=sizes.get("caption"), voice=voice, muted=muted)


def track_label(track: TrackView, lang: str | None = None) -> str:
    """What a track holds, without its times: ``Video: city timelapse``, ``Music: Lo-fi``."""
    count = len(track.segments)
    more = max(count - 1, 0)
    if track.kind == "video":
        unit = messages.render(f"unit_{track.unit}", lang)
        return messages.render("label_video", lang, name=track.label, more=more, count=count,
                               unit=unit)
    if track.kind == "bgm":
        return messages.render("label_bgm", lang, name=_music_name(track, lang))
    if track.kind in ("audio", "narration"):
        return messages.render(f"label_{track.kind}", lang, name=track.label, more=more,
                               count=count)
    if track.kind in ("title", "caption", "text"):
        return messages.render(f"label_{track.kind}", lang, text=track.label, more=more,
                               count=count)
    return messages.render("label_track", lang, name=track.name)


def _music_name(track: TrackView, lang: str | None) -> str | None:
    """The music's name in ``lang``: generated music by its built-in name there ("舒缓轻音乐"
    for "Lo-fi", as the agent's replies say it), any other by its own."""
    first = next((s for s in track.segments if s.label), None)
    if first is None or first.mood is None:
        return track.label
    if first.label != messages.render("music_name", "en", mood=first.mood):
        return track.label  # music named otherwise (another backend's, renamed)
    return messages.render("music_name", lang, mood=first.mood) or track.label


def format_span(start_ms: int | None, end_ms: int | None, lang: str | None = None) -> str | None:
    """``0-10s`` for a segment range (``0:00-5:00`` past a minute: "0-300s" reads badly), or
    None when the range is unknown."""
    if start_ms is None or end_ms is None:
        return None
    if end_ms > 60_000:
        return f"{_clock(start_ms)}-{_clock(end_ms)}"
    return messages.render("time_span", lang, start=format_seconds(start_ms),
                           end=format_seconds(end_ms))


def _clock(ms: int) -> str:
    """Minutes and seconds, ``5:00``, ``1:30`` (whole seconds: at this length a tenth is noise)."""
    minutes, seconds = divmod(round(ms / 1000), 60)
    return f"{minutes}:{seconds:02d}"


def _item(track: TrackView, lang: str | None) -> str:
    volume = track.volume if track.kind in ("bgm", "audio") else None
    return messages.render(
        "timeline_item", lang,
        index=track.index,
        label=track_label(track, lang),
        span=format_span(track.start_ms, track.end_ms, lang),
        volume=volume,
        empty=not track.segments,
    )
