"""State before/after an edit → what changed, for edits whose stream closed with no text.

``diff_states`` compares two states as the API returns them (``{"draft", "video_infos",
"generated_media", "canvas_config"}``; either may be empty or None) and returns typed
``Change`` values; ``summarize_changes`` renders them in the user's language. An empty diff
means no change was found, and the conversation then says so (``no_change_detected``).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from translators import messages
from translators.draft_view import (
    SegmentView,
    TrackView,
    draft_duration_ms,
    draft_ratio,
    format_seconds,
    load_draft,
    read_tracks,
    shorten,
)
from translators.timeline import format_span, track_label

__all__ = ["Change", "ChangeKind", "ChangeSummary", "diff_states", "render_change",
           "summarize_changes"]

#: How many names a change line lists before saying "and N more".
MAX_ITEMS: Final = 3


class ChangeKind(StrEnum):
    """Every kind of change a summary line can report; the message key is ``change_<kind>``."""

    TITLE_ADDED = "title_added"
    TITLE_CHANGED = "title_changed"
    TITLE_REMOVED = "title_removed"
    CAPTION_ADDED = "caption_added"
    CAPTION_CHANGED = "caption_changed"
    CAPTION_REMOVED = "caption_removed"
    TEXT_ADDED = "text_added"
    TEXT_CHANGED = "text_changed"
    TEXT_REMOVED = "text_removed"
    BGM_ADDED = "bgm_added"
    BGM_CHANGED = "bgm_changed"
    BGM_REMOVED = "bgm_removed"
    BGM_VOLUME_CHANGED = "bgm_volume_changed"
    SCENES_ADDED = "scenes_added"
    SCENES_REMOVED = "scenes_removed"
    SCENES_REPLACED = "scenes_replaced"
    TRACK_ADDED = "track_added"
    TRACK_REMOVED = "track_removed"
    DURATION_CHANGED = "duration_changed"
    RATIO_CHANGED = "ratio_changed"
    MEDIA_ADDED = "media_added"
    #: The draft differs in a way no other kind describes (a segment moved, an effect changed).
    TIMELINE_UPDATED = "timeline_updated"


@dataclass(frozen=True)
class Change:
    """One change. Which fields are set depends on ``kind``.

    ``text``/``old``: the new and previous text, name, track label or ratio; ``span``/
    ``old_span``: new and previous (start ms, end ms) (``text`` of a track change is its English
    label); ``value``/``old_value``: new and previous
    number (volume in percent, duration in ms); ``items``/``old_items``: the names concerned
    (scenes, files, caption lines), in order.
    """

    kind: ChangeKind
    text: str | None = None
    old: str | None = None
    span: tuple[int, int] | None = None
    old_span: tuple[int, int] | None = None
    value: int | None = None
    old_value: int | None = None
    items: tuple[str, ...] = ()
    old_items: tuple[str, ...] = ()
    #: For track_added/track_removed: the track, so its label can be worded in any language.
    track: TrackView | None = None


@dataclass(frozen=True)
class ChangeSummary:
    """The changes between two states and their rendered lines."""

    changes: tuple[Change, ...]
    lines: tuple[str, ...]
    no_change: bool
    #: The lines joined, or the ``no_change_detected`` message.
    text: str


def diff_states(before: object, after: object) -> tuple[Change, ...]:
    """The changes from state ``before`` to state ``after``; empty when nothing changed.

    A state is the API's ``state`` object, a bare draft, None or ``{}``. Never raises on odd
    input: what cannot be read is ignored.
    """
    old_state, new_state = _state(before), _state(after)
    old_draft, new_draft = load_draft(old_state.get("draft")), load_draft(new_state.get("draft"))
    old_tracks, new_tracks = read_tracks(old_draft), read_tracks(new_draft)
    changes: list[Change] = []
    changes += _text_changes(old_tracks, new_tracks)
    changes += _bgm_changes(old_tracks, new_tracks)
    changes += _video_changes(old_tracks, new_tracks)
    changes += _other_track_changes(old_tracks, new_tracks)
    changes += _duration_change(old_draft, new_draft)
    changes += _ratio_change(old_state, new_state, old_draft, new_draft)
    changes += _media_change(old_state, new_state)
    if not changes and _canonical(old_state) != _canonical(new_state):
        changes.append(Change(ChangeKind.TIMELINE_UPDATED))
    return tuple(changes)


_WORDED = ("title_", "caption_", "text_")


def render_change(change: Change, lang: str | None = None) -> str:
    """One change as the user reads it, e.g. ``✅ Title added: 'Paradise Found' (0-3s)``."""
    count = len(change.items) or 1
    duration = change.kind is ChangeKind.DURATION_CHANGED
    text = track_label(change.track, lang) if change.track else change.text
    old = change.old
    if change.kind.value.startswith(_WORDED):
        # A text segment whose words could not be read is never shown as ''.
        blank = messages.render("label_no_text", lang)
        text = text or blank
        old = (old or blank) if old is not None else None
    return messages.render(
        f"change_{change.kind.value}", lang,
        text=text,
        old=old,
        span=_span(change.span, lang),
        old_span=_span(change.old_span, lang),
        value=_seconds(change.value, lang) if duration else change.value,
        old_value=_seconds(change.old_value, lang) if duration else change.old_value,
        items=list(change.items[:MAX_ITEMS]),
        old_items=list(change.old_items[:MAX_ITEMS]),
        count=count,
        more=max(len(change.items) - MAX_ITEMS, 0),
    )


def summarize_changes(before: object, after: object, lang: str | None = None) -> ChangeSummary:
    """Diff two states and render the result; ``no_change`` tells whether anything changed."""
    changes = diff_states(before, after)
    lines = tuple(render_change(c, lang) for c in changes)
    text = "\n".join(lines) if lines else messages.render("no_change_detected", lang)
    return ChangeSummary(changes, lines, not changes, text)


# --- reading states ---------------------------------------------------------------------

def _state(value: object) -> dict[str, Any]:
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if not isinstance(value, dict):
        return {}
    state: dict[str, Any] = value["state"] if isinstance(value.get("state"), dict) else value
    if "t" in state and "draft" not in state:  # a bare draft
        return {"draft": state}
    return state


def _canonical(state: Mapping[str, Any]) -> str:
    keys = ("draft", "canvas_config", "video_infos", "generated_media")
    # The cloud sometimes sends the draft as a JSON string: compare what it means.
    return json.dumps({k: load_draft(state.get(k)) if k == "draft" else state.get(k)
                       for k in keys}, sort_keys=True, default=str)


def _span(span: tuple[int, int] | None, lang: str | None) -> str | None:
    return format_span(span[0], span[1], lang) if span else None


def _seconds(ms: int | None, lang: str | None) -> str | None:
    return None if ms is None else messages.render("seconds", lang, value=format_seconds(ms))


def _seg_span(seg: SegmentView) -> tuple[int, int] | None:
    if seg.start_ms is None or seg.end_ms is None:
        return None
    return (seg.start_ms, seg.end_ms)


def _track_span(track: TrackView) -> tuple[int, int] | None:
    start, end = track.start_ms, track.end_ms
    return (start, end) if start is not None and end is not None else None


def _pair(old: Sequence[Any], new: Sequence[Any], key: Any) -> tuple[
        list[tuple[Any, Any]], list[Any], list[Any]]:
    """Match items by key; the unmatched on both sides are then paired in order.

    Returns (pairs, removed, added): a regenerated item with a new id counts as changed
    rather than removed and added.
    """
    new_by_key = {key(n): n for n in new}
    old_keys = {key(o) for o in old}
    pairs = [(o, new_by_key[key(o)]) for o in old if key(o) in new_by_key]
    removed = [o for o in old if key(o) not in new_by_key]
    added = [n for n in new if key(n) not in old_keys]
    paired = min(len(removed), len(added))
    pairs += list(zip(removed[:paired], added[:paired], strict=True))
    return pairs, removed[paired:], added[paired:]


# --- texts --------------------------------------------------------------------------------

_TEXT_KINDS: Final = {
    "title": (ChangeKind.TITLE_ADDED, ChangeKind.TITLE_CHANGED, ChangeKind.TITLE_REMOVED),
    "caption": (ChangeKind.CAPTION_ADDED, ChangeKind.CAPTION_CHANGED, ChangeKind.CAPTION_REMOVED),
    "text": (ChangeKind.TEXT_ADDED, ChangeKind.TEXT_CHANGED, ChangeKind.TEXT_REMOVED),
}


def _texts(tracks: Iterable[TrackView], role: str) -> list[SegmentView]:
    out: list[SegmentView] = []
    for track in tracks:
        if track.kind not in _TEXT_KINDS:
            continue
        for seg in track.segments:
            seg_role = _segment_role(seg, track.kind)
            if seg_role == role:
                out.append(seg)
    return out


def _segment_role(seg: SegmentView, track_kind: str) -> str:
    role = (seg.role or "").lower()
    if role in ("title",):
        return "title"
    if role in ("caption", "captions", "subtitle", "subtitles"):
        return "caption"
    return track_kind if not role else "text"


def _text_changes(old: Sequence[TrackView], new: Sequence[TrackView]) -> Iterator[Change]:
    for role, (added_kind, changed_kind, removed_kind) in _TEXT_KINDS.items():
        pairs, removed, added = _pair(_texts(old, role), _texts(new, role), lambda s: s.key)
        changed = [(o, n) for o, n in pairs
                   if o.label != n.label or _seg_span(o) != _seg_span(n)]
        many = role != "title"  # captions come in batches: one line per batch
        yield from _grouped(added_kind, [_text_change(added_kind, None, s) for s in added], many)
        yield from _grouped(changed_kind, [_text_change(changed_kind, o, n) for o, n in changed],
                            many)
        yield from _grouped(removed_kind, [_text_change(removed_kind, None, s) for s in removed],
                            many)


def _text_change(kind: ChangeKind, old: SegmentView | None, seg: SegmentView) -> Change:
    return Change(
        kind,
        text=seg.label or "",
        old=(old.label or "") if old else None,
        span=_seg_span(seg),
        old_span=_seg_span(old) if old else None,
    )


def _grouped(kind: ChangeKind, changes: list[Change], many: bool) -> Iterator[Change]:
    if not changes:
        return
    if not many or len(changes) == 1:
        yield from changes
        return
    spans = [c.span for c in changes if c.span]
    span = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
    yield Change(kind, text=changes[0].text, old=changes[0].old, span=span,
                 items=tuple(c.text or "" for c in changes),
                 old_items=tuple(c.old or "" for c in changes))


# --- background music -----------------------------------------------------------------------

def _bgm_changes(old: Sequence[TrackView], new: Sequence[TrackView]) -> Iterator[Change]:
    def bgm(tracks: Sequence[TrackView]) -> list[TrackView]:
        return [t for t in tracks if t.kind == "bgm" and t.segments]

    pairs, removed, added = _pair(bgm(old), bgm(new), lambda t: t.key)
    for track in added:
        yield Change(ChangeKind.BGM_ADDED, text=track.label, span=_track_span(track),
                     value=track.volume)
    for before, after in pairs:
        identity = [s.identity for s in before.segments] != [s.identity for s in after.segments]
        if identity or before.label != after.label:
            yield Change(ChangeKind.BGM_CHANGED, text=after.label, old=before.label,
                         span=_track_span(after), old_span=_track_span(before))
        if before.volume != after.volume and after.volume is not None:
            yield Change(ChangeKind.BGM_VOLUME_CHANGED, text=after.label,
                         value=after.volume, old_value=before.volume)
    for track in removed:
        yield Change(ChangeKind.BGM_REMOVED, text=track.label)


# --- video -------------------------------------------------------------------------------------

def _video_changes(old: Sequence[TrackView], new: Sequence[TrackView]) -> Iterator[Change]:
    old_video = [t for t in old if t.kind == "video"]
    new_video = [t for t in new if t.kind == "video"]
    new_keys = {t.key for t in new_video}
    old_keys = {t.key for t in old_video}
    # A whole video track going away reads better as one line than as every scene it held;
    # a first video track is the generation itself, so its scenes are listed instead.
    gone = [t for t in old_video if t.key not in new_keys and t.segments]
    extra = [t for t in new_video if t.key not in old_keys and t.segments] if old_video else []
    for track in gone:
        yield Change(ChangeKind.TRACK_REMOVED, text=track_label(track), track=track)
    for track in extra:
        yield Change(ChangeKind.TRACK_ADDED, text=track_label(track),
                     span=_track_span(track), track=track)
    skip = {t.key for t in gone} | {t.key for t in extra}
    old_scenes = [s for t in old_video if t.key not in skip for s in t.segments]
    new_scenes = [s for t in new_video if t.key not in skip for s in t.segments]
    pairs, removed, added = _pair(old_scenes, new_scenes, lambda s: s.key)
    replaced = [(o, n) for o, n in pairs if o.identity != n.identity]
    if added:
        spans = [sp for sp in map(_seg_span, added) if sp]
        span = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
        yield Change(ChangeKind.SCENES_ADDED, items=_names(added), span=span)
    if replaced:
        yield Change(ChangeKind.SCENES_REPLACED, items=_names(n for _, n in replaced),
                     old_items=_names(o for o, _ in replaced))
    if removed:
        yield Change(ChangeKind.SCENES_REMOVED, items=_names(removed))


def _names(segments: Iterable[SegmentView]) -> tuple[str, ...]:
    return tuple(s.label or "" for s in segments)


# --- other tracks ------------------------------------------------------------------------------

def _other_track_changes(old: Sequence[TrackView], new: Sequence[TrackView]) -> Iterator[Change]:
    def others(tracks: Sequence[TrackView]) -> list[TrackView]:
        return [t for t in tracks if t.kind in ("audio", "narration", "track") and t.segments]

    old_o, new_o = others(old), others(new)
    old_keys, new_keys = {t.key for t in old_o}, {t.key for t in new_o}
    for track in new_o:
        if track.key not in old_keys:
            yield Change(ChangeKind.TRACK_ADDED, text=track_label(track),
                         span=_track_span(track), track=track)
    for track in old_o:
        if track.key not in new_keys:
            yield Change(ChangeKind.TRACK_REMOVED, text=track_label(track), track=track)


# --- draft-wide ----------------------------------------------------------------------------------

def _duration_change(old: object, new: object) -> Iterator[Change]:
    before, after = draft_duration_ms(old), draft_duration_ms(new)
    # From nothing to something is the generation itself, not a duration change.
    if before and after and abs(before - after) >= 100:
        yield Change(ChangeKind.DURATION_CHANGED, value=after, old_value=before)


def _ratio_change(old_state: Mapping[str, Any], new_state: Mapping[str, Any],
                  old_draft: object, new_draft: object) -> Iterator[Change]:
    before = draft_ratio(old_draft, old_state.get("canvas_config"))
    after = draft_ratio(new_draft, new_state.get("canvas_config"))
    if before and after and before != after:
        yield Change(ChangeKind.RATIO_CHANGED, text=after, old=before)


def _media_change(old_state: Mapping[str, Any], new_state: Mapping[str, Any]) -> Iterator[Change]:
    before = dict(_media(old_state))
    added = [name for ident, name in _media(new_state) if ident not in before]
    if added:
        yield Change(ChangeKind.MEDIA_ADDED, items=tuple(dict.fromkeys(added)))


def _media(state: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(identity, display name) of every media entry in ``video_infos`` and ``generated_media``."""
    for field in ("video_infos", "generated_media"):
        yield from _media_entries(state.get(field), depth=0)


def _media_entries(value: object, depth: int) -> Iterator[tuple[str, str]]:
    if depth > 2:
        return
    if isinstance(value, list):
        for item in value:
            yield from _media_entries(item, depth + 1)
    elif isinstance(value, dict):
        ident = next((str(value[k]) for k in ("media_id", "id", "hash", "cdn_url", "url",
                                              "filename", "name") if value.get(k)), None)
        if ident is None:
            # A mapping of groups (e.g. {"videos": [...]}) rather than one entry.
            for item in value.values():
                yield from _media_entries(item, depth + 1)
            return
        name = next((str(value[k]) for k in ("filename", "name", "title") if value.get(k)),
                    None) or _basename(value.get("cdn_url") or value.get("url")) or ident
        yield ident, shorten(name)
    elif isinstance(value, str) and value.strip():
        yield value, shorten(_basename(value) or value)


def _basename(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    path = urlsplit(value).path if "://" in value else value
    return posixpath.basename(unquote(path)) or None
