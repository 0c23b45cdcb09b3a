"""Draft operations of the local editing agent: pure functions from a session state to a new one.

Tracks are found by role: ``Video`` (tt 0), ``Audio`` (tt 1, uploaded audio), ``BGM`` (tt 1),
``Title`` and ``Captions`` (tt 7). Segment fields follow ``backend/draft.py``. Every function
returns a new state and leaves its input untouched.
"""

from __future__ import annotations

import colorsys
import copy
import hashlib
import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from backend.draft import CANVAS_BY_RATIO, TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO
from backend.local import weather
from backend.local.caption_timing import caption_span, voiced_ms
from backend.local.lexicon import has_cjk, lexicon
from backend.local.scenes import describe_scene

__all__ = [
    "ROLE_NAMES",
    "Placement",
    "add_captions",
    "caption_list",
    "clip_names",
    "has_scenes",
    "insert_captions",
    "keyword_palette",
    "music_label",
    "palette_for",
    "place_media",
    "remove_clip",
    "remove_role",
    "remove_track_index",
    "reorder_clips",
    "restyle",
    "role_label",
    "scale_duration",
    "scene_track",
    "set_bgm",
    "set_canvas",
    "set_clip_volume",
    "set_framing",
    "set_title",
    "set_volume",
    "summarize",
    "track_of",
]

#: Track role → (track id, track type, display name), in the order tracks appear.
ROLE_NAMES: dict[str, tuple[str, int, str]] = {
    "video": ("trk_video", TRACK_VIDEO, "Video"),
    "audio": ("trk_audio", TRACK_AUDIO, "Audio"),
    "bgm": ("trk_bgm", TRACK_AUDIO, "BGM"),
    "title": ("trk_title", TRACK_TEXT, "Title"),
    "captions": ("trk_captions", TRACK_TEXT, "Captions"),
}
_ORDER = list(ROLE_NAMES)
#: The narration track (backend/local/narration/timeline.py writes it).
VOICE_TRACK: dict[str, Any] = {"id": "trk_voice", "tt": TRACK_AUDIO, "n": "Narration"}


def is_narration(track: dict[str, Any]) -> bool:
    """Whether ``track`` is the narration (by its id, or its name in an older draft)."""
    return bool(track.get("id") == VOICE_TRACK["id"] or track.get("n") == VOICE_TRACK["n"])


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)


def _mentions(text: str, word: str) -> bool:
    if has_cjk(word):
        return word in text
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def keyword_palette(text: str) -> list[str] | None:
    """The palette of the first table entry whose word (in any language) is in ``text``
    (sunset → warm, ocean → blue); the table's order decides, so "city at sunset" is warm."""
    lower = text.lower()
    lex = lexicon()
    for name, colors in lex.palettes:
        for lang in lex.langs.values():
            if any(_mentions(lower, word) for word in lang.palettes.get(name, ())):
                return list(colors)
    return None


def palette_for(text: str) -> list[str]:
    """Two hex colours for a scene: ``keyword_palette`` of ``text``, else two hues derived
    from a hash of the text (so the same words always give the same colours)."""
    found = keyword_palette(text)
    if found is not None:
        return found
    hue = (_digest(text) % 360) / 360
    out = []
    for shift, light in ((0.0, 0.35), (0.12, 0.6)):
        r, g, b = colorsys.hls_to_rgb((hue + shift) % 1.0, light, 0.6)
        out.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return out


def track_of(draft: dict[str, Any], role: str) -> dict[str, Any] | None:
    """The track playing ``role`` (by id, else by name and type), or None."""
    tid, tt, name = ROLE_NAMES[role]
    for track in draft.get("t", []):
        if track.get("id") == tid or (track.get("n") == name and track.get("tt") == tt):
            return track  # type: ignore[no-any-return]
    return None


def _ensure_track(draft: dict[str, Any], role: str) -> dict[str, Any]:
    track = track_of(draft, role)
    if track is not None:
        return track
    tid, tt, name = ROLE_NAMES[role]
    track = {"id": tid, "tt": tt, "n": name, "sg": []}
    rank = _ORDER.index(role)
    tracks = draft.setdefault("t", [])
    pos = len(tracks)
    for i, other in enumerate(tracks):
        other_role = _role_of(other)
        if other_role is not None and _ORDER.index(other_role) > rank:
            pos = i
            break
    tracks.insert(pos, track)
    return track


def _role_of(track: dict[str, Any]) -> str | None:
    for role, (tid, tt, name) in ROLE_NAMES.items():
        if track.get("id") == tid or (track.get("n") == name and track.get("tt") == tt):
            return role
    return None


def role_label(track: dict[str, Any], lang: str) -> str:
    """What ``lang`` calls ``track`` ("Captions" → "Subtítulos"); a track of no known role
    keeps its own name."""
    role = _role_of(track)
    if role is None and is_narration(track):
        role = "narration"
    return lexicon().track_label(role, lang) if role else str(track.get("n") or "Track")


def _end(draft: dict[str, Any]) -> int:
    ends = [int(sg["s"]) + int(sg["d"]) for tr in draft.get("t", []) for sg in tr.get("sg", [])]
    return max(ends, default=0)


def _fix_duration(draft: dict[str, Any]) -> None:
    draft["t"] = [tr for tr in draft.get("t", []) if tr.get("sg")]
    draft["d"] = _end(draft)


def has_scenes(state: dict[str, Any]) -> bool:
    """Whether the video track holds anything (generated scenes or uploaded media)."""
    track = track_of(state["draft"], "video")
    return bool(track and track.get("sg"))


def set_canvas(state: dict[str, Any], ratio: str) -> dict[str, Any]:
    """A copy of ``state`` on the canvas of ``ratio`` (draft and ``canvas_config``)."""
    new = copy.deepcopy(state)
    w, h = CANVAS_BY_RATIO[ratio]
    new["draft"].update({"w": w, "h": h, "ratio": ratio})
    fps = int(new["draft"].get("fps", 30))
    new["canvas_config"] = {"width": w, "height": h, "ratio": ratio, "fps": fps}
    return new


def scene_track(descs: Sequence[str], total_ms: int, *, style: str, palette_text: str,
                generation: int, overall: str | None = None,
                shots: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Scene segments splitting ``total_ms`` over ``descs``; palette from ``palette_text``
    (each scene's own words win), motion cycling through the style's, seeds from the text.
    Weather is a scene's own or said of the whole video in ``overall`` (by default,
    ``palette_text``): rain in one sentence of a script does not fall in the next. ``shots``
    are the scenes' camera directions, kept beside (never in) what they show."""
    lex = lexicon()
    motions = lex.styles[style].motion
    n = len(descs)
    bounds = [round(total_ms * i / n) for i in range(n + 1)]
    base = palette_for(palette_text)
    segments = []
    for i, desc in enumerate(descs):
        palette = keyword_palette(desc) or base
        meta: dict[str, Any] = {
            "kind": "scene", "desc": desc, "palette": palette,
            "motion": motions[i % len(motions)],
            "seed": _digest(f"{generation}:{i}:{desc}"),
            # What the scene shows, for the renderer and for anyone reading the state.
            "scene": _without_ended_weather(
                describe_scene(desc, context=palette_text, style=style, overall=overall,
                               earlier=descs[:i]).to_meta(), desc, overall)}
        if i < len(shots) and shots[i]:
            meta["shot"] = shots[i]  # how it is shot: a direction, never shown as text
        segments.append({"id": f"sg_scene_{generation}_{i + 1}", "s": bounds[i],
                         "d": bounds[i + 1] - bounds[i], "m": meta})
    return segments


def _without_ended_weather(scene: dict[str, Any], desc: str, overall: str | None
                           ) -> dict[str, Any]:
    """``scene`` without the weather its sentence, or what is said of the whole video, ends
    or denies ("a city at night without rain", "雨停了"): a weather word drew that weather."""
    for text in (desc, overall or ""):
        gone = weather.ended(text) if text else None
        if gone is not None and gone.how != "starts":  # "rain starting" is rain, as drawn
            scene = weather.apply(scene, gone) or scene
    return scene


def set_title(state: dict[str, Any], text: str) -> tuple[dict[str, Any], bool]:
    """Put ``text`` as the title (0 to 3 s). Returns the new state and whether a title
    existed before (change) or not (add)."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    defaults = lexicon().defaults
    track = _ensure_track(draft, "title")
    existed = bool(track["sg"])
    total = int(draft.get("d") or _end(draft))
    length = min(int(defaults["title_ms"]), total) if total else int(defaults["title_ms"])
    if existed:
        track["sg"][0]["m"]["text"] = text
        del track["sg"][1:]
    else:
        track["sg"] = [{"id": "sg_title_1", "s": 0, "d": length,
                        "m": {"text": text, "role": "title", "pos": "center",
                              "size": defaults["title_size"], "color": defaults["title_color"]}}]
    _fix_duration(draft)
    return new, existed


def add_captions(state: dict[str, Any], texts: Sequence[str] = (),
                 span: tuple[int, int] | None = None) -> dict[str, Any]:
    """Captions at the bottom, replacing existing ones: with no ``texts``, one per scene (its
    description); else ``texts`` one after another, splitting ``span`` (start, end in ms;
    default the whole video) evenly between them."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    defaults = lexicon().defaults
    video = track_of(draft, "video")
    track = _ensure_track(draft, "captions")
    pieces: list[tuple[int, int, str]] = []
    if texts:
        start, end = span if span is not None else (0, int(draft.get("d") or _end(draft)))
        bounds = [start + round((end - start) * i / len(texts)) for i in range(len(texts) + 1)]
        pieces = [(bounds[i], bounds[i + 1] - bounds[i], t) for i, t in enumerate(texts)]
    elif video:
        for sg in video["sg"]:
            m = sg["m"]
            text = str(m.get("desc") or m.get("name") or "")
            if pieces and pieces[-1][2] == text and pieces[-1][0] + pieces[-1][1] == sg["s"]:
                # One prompt shot several ways: one caption while the same thing is shown.
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + sg["d"], text)
                continue
            pieces.append((sg["s"], sg["d"], text))
        # On screen for the time it takes to read, not the whole scene (narration re-times
        # them to the voice). A caption that says what the title says waits for the title
        # to leave: the same words twice on screen at once read as a glitch.
        title = track_of(draft, "title")
        shown = [(int(sg["s"]), int(sg["s"]) + int(sg["d"]), _same_words(sg["m"].get("text")))
                 for sg in (title or {"sg": []})["sg"]]
        later: list[tuple[int, int, str]] = []
        for begin, length, t in pieces:
            end = begin + length
            start = next((b for a, b, words in shown
                          if words == _same_words(t) and a <= begin < b and end - b >= 1500),
                         begin)
            later.append((start, end - start, t))
        pieces = [(*caption_span(t, s, d), t) for s, d, t in later if t]
    track["sg"] = [
        {"id": f"sg_caption_{i + 1}", "s": s, "d": d,
         "m": {"text": t, "role": "caption", "pos": "bottom", "size": defaults["caption_size"],
               "color": defaults["caption_color"]}}
        for i, (s, d, t) in enumerate(pieces) if t and d > 0
    ]
    _fix_duration(draft)
    return new


def _same_words(text: object) -> str:
    """``text`` compared as words: case and punctuation aside."""
    return " ".join(re.findall(r"\w+", str(text or "").casefold()))


@dataclass(frozen=True)
class Placement:
    """Where added captions went: ``start``/``end`` in ms, ``top`` when another caption
    shows at the same time (the new one sits at the top), ``kept`` captions left as they
    were."""

    start: int
    end: int
    top: bool
    kept: int
    middle: bool = False  # in the middle: another caption below and the title at the top


def insert_captions(state: dict[str, Any], texts: Sequence[str],
                    span: tuple[int, int] | None = None) -> tuple[dict[str, Any], Placement]:
    """Add ``texts`` as captions next to the existing ones (never replacing them): in
    ``span`` when given, else in the longest stretch without a caption (a caption's length
    each, at most the stretch), else over the first scene. Where an added caption would
    show together with another, it goes to the top of the picture."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    defaults = lexicon().defaults
    total = int(draft.get("d") or _end(draft))
    track = _ensure_track(draft, "captions")
    existing = sorted((int(sg["s"]), int(sg["s"]) + int(sg["d"])) for sg in track["sg"])
    if span is not None:
        start, end = span
    elif not existing:
        start, end = 0, total
    else:
        start, end = _free_stretch(existing, total, int(defaults["caption_ms"]) * len(texts))
    bounds = [start + round((end - start) * i / len(texts)) for i in range(len(texts) + 1)]
    top = any(a < end and start < b for a, b in existing)
    # The title at the top then too: the added caption goes to the middle, not over it.
    middle = top and any(
        sg["m"].get("pos") == "top" and int(sg["s"]) < end and start < int(sg["s"]) + int(sg["d"])
        for t in draft["t"] if _role_of(t) == "title" for sg in t["sg"])
    taken = {str(sg["id"]) for sg in track["sg"]}
    number = len(track["sg"])
    # An added caption looks like the others: the place, size, box and highlight the user
    # chose stay (the defaults only for the first caption).
    old = track["sg"][0]["m"] if track["sg"] else {}
    look = {"size": defaults["caption_size"], "color": defaults["caption_color"],
            **{k: old[k] for k in ("pos", "size", "color", "box", "highlight") if k in old}}
    for i, text in enumerate(texts):
        if not text or bounds[i + 1] <= bounds[i]:
            continue
        number += 1
        while f"sg_caption_{number}" in taken:
            number += 1
        track["sg"].append({
            "id": f"sg_caption_{number}", "s": bounds[i], "d": bounds[i + 1] - bounds[i],
            # ``added``: the user's own caption, which re-spoken narration must not re-time
            # or overwrite (narration captions are matched to sentences in order).
            "m": {**look, "text": text, "role": "caption", "added": True,
                  "pos": "center" if middle else "top" if top else look.get("pos", "bottom")}})
    track["sg"].sort(key=lambda sg: (sg["s"], sg["m"].get("pos") == "top"))
    _fix_duration(draft)
    return new, Placement(start, end, top and not middle, len(existing), middle)


def _free_stretch(taken: list[tuple[int, int]], total: int, wanted: int) -> tuple[int, int]:
    """The start of the longest time in 0..``total`` free of ``taken`` spans, as (start,
    end) lasting ``wanted`` ms at most; the first ``wanted`` ms when less than a second is
    free anywhere."""
    gaps = []
    cursor = 0
    for a, b in taken:
        if a > cursor:
            gaps.append((cursor, a))
        cursor = max(cursor, b)
    if total > cursor:
        gaps.append((cursor, total))
    best = max(gaps, key=lambda g: g[1] - g[0], default=(0, 0))
    if best[1] - best[0] < 1000:
        return 0, min(total, wanted) if total else wanted
    return best[0], min(best[1], best[0] + wanted)


def caption_list(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The captions in time order: text, start and end (seconds, as replies show them)."""
    track = track_of(draft, "captions")
    sgs = sorted((track or {"sg": []})["sg"], key=lambda sg: (sg["s"], sg["id"]))
    return [{"text": str(sg["m"].get("text", "")), "start": _secs(int(sg["s"])),
             "end": _secs(int(sg["s"]) + int(sg["d"]))} for sg in sgs]


def narration_list(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The narration's sentences that are spoken, in time order, as ``caption_list``."""
    track = next((t for t in draft.get("t", []) if is_narration(t)), None)
    sgs = sorted((sg for sg in (track or {"sg": []})["sg"] if not sg["m"].get("unspoken")),
                 key=lambda sg: (sg["s"], sg["id"]))
    return [{"text": str(sg["m"].get("text", "")), "start": _secs(int(sg["s"])),
             "end": _secs(int(sg["s"]) + int(sg["d"]))} for sg in sgs]


def set_bgm(state: dict[str, Any], mood: str, *, vol: float | None = None
            ) -> tuple[dict[str, Any], bool]:
    """Background music of ``mood`` over the whole video (volume kept when replacing; ``vol``
    for new music, else the default). Returns the new state and whether music existed."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    lex = lexicon()
    track = _ensure_track(draft, "bgm")
    existed = bool(track["sg"])
    vol = track["sg"][0]["m"].get("vol", lex.defaults["bgm_volume"]) if existed \
        else lex.defaults["bgm_volume"] if vol is None else vol
    info = lex.moods[mood]
    track["sg"] = [{"id": "sg_bgm_1", "s": 0, "d": int(draft.get("d") or _end(draft)),
                    "m": {"kind": "bgm", "name": info.title, "mood": mood, "vol": vol,
                          "bpm": info.bpm}}]
    _fix_duration(draft)
    return new, existed


def use_song(state: dict[str, Any]) -> tuple[dict[str, Any], str, str | None] | None:
    """Make the user's uploaded song (the last audio file on the Audio track) the background
    music: it moves to the BGM track from 0 for the length of the video (or of the song),
    replacing generated music. Returns the new state, the song's name and the name of the
    music it replaced; None when the project has no uploaded audio."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    audio = track_of(draft, "audio")
    bgm = track_of(draft, "bgm")
    song_sg = None
    if audio and audio["sg"]:
        song_sg = audio["sg"][-1]
    elif bgm and bgm["sg"] and bgm["sg"][0]["m"].get("media_id"):
        return new, str(bgm["sg"][0]["m"].get("name") or ""), None
    if song_sg is None:
        return None
    audio["sg"].remove(song_sg)  # type: ignore[index]
    replaced = None
    vol = float(song_sg["m"].get("vol", 1.0))
    if bgm and bgm["sg"]:
        replaced = str(bgm["sg"][0]["m"].get("name") or "")
        vol = float(bgm["sg"][0]["m"].get("vol", vol))
    track = _ensure_track(draft, "bgm")
    video = track_of(draft, "video")
    # The music lasts as long as the pictures (an uploaded song may be longer than them).
    total = max((sg["s"] + sg["d"] for sg in video["sg"]), default=0) if video else 0
    song_len = int(song_sg["d"])
    meta = {**song_sg["m"], "vol": vol}
    track["sg"] = [{"id": song_sg["id"], "s": 0, "d": min(total, song_len) if total else song_len,
                    "m": meta}]
    _fix_duration(draft)
    return new, str(meta.get("name") or ""), replaced


#: Where stepping a volume down stops: "a bit quieter" twice once muted the music (35, 15,
#: 0 %). Silence is asked for by name ("mute").
QUIETEST = 0.05


def _stepped(current: float, volume: float | None, step: float | None) -> float:
    if volume is not None:
        return volume
    if step is not None and step < 0:
        return max(min(current, QUIETEST), current + step)
    return current + (step or 0.0)


def set_volume(state: dict[str, Any], *, volume: float | None, step: float | None
               ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Set (or move by ``step``) the BGM volume, clamped to 0–1; a step down stops at
    ``QUIETEST``. Returns the new state and the BGM segment metadata, or None when there is
    no music."""
    new = copy.deepcopy(state)
    track = track_of(new["draft"], "bgm")
    if track is None or not track["sg"]:
        return new, None
    for sg in track["sg"]:
        current = float(sg["m"].get("vol", 0.35))
        target = _stepped(current, volume, step)
        sg["m"]["vol"] = round(min(1.0, max(0.0, target)), 2)
    return new, track["sg"][0]["m"]


def set_clip_volume(state: dict[str, Any], *, volume: float | None, step: float | None
                    ) -> tuple[dict[str, Any], float | None]:
    """Set (or move by ``step``) the own sound of every video clip that has one, clamped to
    0–1. Returns the new state and the new level, or None when no clip has sound."""
    new = copy.deepcopy(state)
    video = track_of(new["draft"], "video")
    clips = [sg for sg in (video or {"sg": []})["sg"] if sg["m"].get("has_audio")]
    if not clips:
        return new, None
    level = 0.0
    for sg in clips:
        current = float(sg["m"].get("vol", 1.0))
        target = _stepped(current, volume, step)
        level = sg["m"]["vol"] = round(min(1.0, max(0.0, target)), 2)
    return new, level


@dataclass(frozen=True)
class Restyled:
    """What :func:`restyle` did: the new state, how many generated scenes there are and the
    style they had before (None when they had none, or several)."""

    state: dict[str, Any]
    scenes: int
    before: str | None


def restyle(state: dict[str, Any], style: str) -> Restyled:
    """``state`` with its generated scenes in ``style``: the renderer grades, moves and joins
    them as that style does (styles.yaml). Only the scenes change: the music, title,
    captions, narration and the user's own clips stay as they are."""
    new = copy.deepcopy(state)
    track = track_of(new["draft"], "video")
    scenes = [sg for sg in (track or {"sg": []})["sg"] if sg["m"].get("kind") == "scene"]
    motions = lexicon().styles[style].motion
    olds = {str(_scene_style(sg["m"])) for sg in scenes}
    for i, sg in enumerate(scenes):
        meta = sg["m"]
        if isinstance(meta.get("scene"), dict):
            meta["scene"]["style"] = style
        else:
            meta["style"] = style  # a scene from elsewhere: the renderer describes it in it
        meta["motion"] = motions[i % len(motions)]
    return Restyled(new, len(scenes), olds.pop() if len(olds) == 1 else None)


def music_label(meta: dict[str, Any], lang: str) -> str:
    """What the music of a segment is called in a reply in ``lang``: generated music by its
    mood's name in that language ("舒缓轻音乐" for "Lo-fi"), the user's song by its own."""
    lex = lexicon()
    name = str(meta.get("name") or "")
    mood = meta.get("mood")
    if (isinstance(mood, str) and mood in lex.moods and not meta.get("media_id")
            and name == lex.moods[mood].title):
        return lex.music_name(mood, lang)
    return name


def _scene_style(meta: dict[str, Any]) -> object:
    scene = meta.get("scene")
    return scene.get("style") if isinstance(scene, dict) else meta.get("style")


def set_framing(state: dict[str, Any], mode: str) -> tuple[dict[str, Any], int]:
    """How uploaded pictures and clips meet the canvas: "fit" (whole, black bars) or "fill"
    (cropped to cover). Returns the new state and how many clips it applies to."""
    new = copy.deepcopy(state)
    video = track_of(new["draft"], "video")
    clips = [sg for sg in (video or {"sg": []})["sg"] if sg["m"].get("kind") == "media"]
    for sg in clips:
        sg["m"]["fit"] = mode
    return new, len(clips)


#: How far a scene's own caption may run past the scene's end (it is held a moment after
#: its sentence) and still go with the scene when the scene is removed.
_CAPTION_OVERHANG_MS = 1500


def remove_clip(state: dict[str, Any], which: int | str
                ) -> tuple[dict[str, Any], str, int, int] | None:
    """Drop one clip of the Video track, by 1-based position (-1: the last) or file name;
    later clips move up to close the gap and the other tracks end with the video. Returns
    the new state, the clip's name and its old start and end (ms); None when not found."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    video = track_of(draft, "video")
    clips = sorted((video or {"sg": []})["sg"], key=lambda sg: sg["s"])
    if isinstance(which, str):
        found = [sg for sg in clips if str(sg["m"].get("name", "")).lower() == which.lower()]
        target = found[0] if found else None
    else:
        index = which - 1 if which > 0 else len(clips) + which
        target = clips[index] if 0 <= index < len(clips) else None
    if target is None or video is None:
        return None
    start, length = int(target["s"]), int(target["d"])
    video["sg"] = [sg for sg in video["sg"] if sg is not target]
    for sg in video["sg"]:
        if sg["s"] > start:
            sg["s"] -= length
    end = max((sg["s"] + sg["d"] for sg in video["sg"]), default=0)
    gone = start + length

    def moved(t: int) -> int:
        """Where time ``t`` of the old video is now (a time inside the clip: where it was)."""
        return t if t <= start else start if t < gone else t - length

    for track in draft["t"]:
        if track is video:
            continue
        # A narration sentence or a caption is of the scene it is spoken or shown over:
        # it goes with the clip (main left them where they were, so every later scene
        # showed and spoke the one before's words). The others (music, the title, a clip's
        # own sound) close up over the gap.
        voice = is_narration(track)
        of_scene = voice or _role_of(track) == "captions"
        kept = []
        for sg in track["sg"]:
            s, e = int(sg["s"]), int(sg["s"]) + int(sg["d"])
            inside = start <= s < gone and e <= gone + _CAPTION_OVERHANG_MS
            title = _role_of(track) == "title"
            if inside and (of_scene or (not title and e <= gone)):
                continue  # (a sound or a look of that clip's time alone goes with it too)
            new_s = moved(s)
            # A sentence is spoken whole, and a title stays as long as it was (it takes as
            # long to read), where the clip was if it showed over that clip alone; the rest
            # closes up over the gap.
            new_e = min(new_s + (e - s), end) if voice or title else min(moved(e), end)
            if new_s < end and new_e > new_s:
                sg["s"], sg["d"] = new_s, new_e - new_s
                kept.append(sg)
        track["sg"] = kept
    _fix_duration(draft)
    _captions_follow_voice(draft)  # a sentence spoken on over the gap keeps its caption on
    m = target["m"]
    name = str(m.get("name") or m.get("desc") or "")
    return new, name, start, start + length


def reorder_clips(state: dict[str, Any], order: Sequence[int]
                  ) -> tuple[dict[str, Any], frozenset[str]]:
    """The Video track's clips played in ``order`` (the old 0-based indexes, a permutation),
    back to back from where the first one started. What plays over one clip's time alone
    moves with it to its new time: its narration sentence, its caption, a sound of its time
    (its weather and its own sound are part of the clip). What spans several clips (the
    music, a caption over the whole video) and the title stay where they are; the video's
    length does not change. Returns the new state and the roles of the tracks ("narration",
    "captions", "audio") of which something moved with its clip."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    video = track_of(draft, "video")
    clips = sorted((video or {"sg": []})["sg"], key=lambda sg: sg["s"])
    if video is None or sorted(order) != list(range(len(clips))):
        raise ValueError("order must name each clip of the Video track once")
    edges = [(int(sg["s"]), int(sg["s"]) + int(sg["d"])) for sg in clips]
    shift = [0] * len(clips)
    at = edges[0][0] if edges else 0
    for k in order:
        shift[k] = at - edges[k][0]
        at += edges[k][1] - edges[k][0]

    def own_clip(s: int, e: int, overhang: int) -> int | None:
        """The clip a segment from ``s`` to ``e`` plays over alone (a sentence or caption may
        run ``overhang`` past its end), or None."""
        k = bisect_right([a for a, _ in edges], s) - 1
        if k < 0 or s >= edges[k][1] or e > edges[k][1] + overhang:
            return None
        return k

    carried: set[str] = set()
    for track in draft["t"]:
        if track is video or _role_of(track) in ("title", "bgm"):
            continue  # of the whole video: the title at the start, the music throughout
        # A sentence is spoken, and its caption shown, a moment past its scene's end.
        overhang = _CAPTION_OVERHANG_MS if is_narration(track) or \
            _role_of(track) == "captions" else 0
        for sg in track["sg"]:
            owner = own_clip(int(sg["s"]), int(sg["s"]) + int(sg["d"]), overhang)
            by = shift[owner] if owner is not None else 0
            if not by:
                continue
            sg["s"] = int(sg["s"]) + by
            carried.add("narration" if is_narration(track) else str(_role_of(track)))
            m = sg["m"]
            natural = m.get("natural")
            if isinstance(natural, dict) and "s" in natural:
                natural["s"] = int(natural["s"]) + by
            kept = m.get("caption")  # the caption of a sentence left out, kept with it
            if isinstance(kept, dict) and isinstance(kept.get("sg"), dict):
                kept["sg"]["s"] = int(kept["sg"]["s"]) + by
        track["sg"].sort(key=lambda seg: (int(seg["s"]), str(seg.get("id", ""))))
    for k, sg in enumerate(clips):
        sg["s"] = edges[k][0] + shift[k]
    video["sg"].sort(key=lambda seg: int(seg["s"]))
    _captions_follow_voice(draft)
    return new, frozenset(carried)


def clip_names(draft: dict[str, Any]) -> list[str]:
    """The Video track's clips in order, by file name or scene description."""
    video = track_of(draft, "video")
    return [str(sg["m"].get("name") or sg["m"].get("desc") or "")
            for sg in sorted((video or {"sg": []})["sg"], key=lambda sg: sg["s"])]


def remove_role(state: dict[str, Any], role: str) -> tuple[dict[str, Any], bool]:
    """Drop the track of ``role``; returns the new state and whether it existed."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    track = track_of(draft, role)
    if track is None:
        return new, False
    draft["t"] = [t for t in draft["t"] if t is not track]
    _fix_duration(draft)
    return new, True


def remove_track_index(state: dict[str, Any], index: int) -> tuple[dict[str, Any], str | None]:
    """Drop the ``index``-th track (1-based); returns the new state and its name, or None."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    tracks = draft.get("t", [])
    if not 1 <= index <= len(tracks):
        return new, None
    removed = tracks.pop(index - 1)
    _fix_duration(draft)
    return new, str(removed.get("n") or f"#{index}")


def scale_duration(state: dict[str, Any], total_ms: int) -> dict[str, Any]:
    """Stretch every segment so the video lasts ``total_ms``; the video track stays gapless."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    old = _end(draft)
    if old <= 0:
        return new
    factor = total_ms / old
    for track in draft["t"]:
        text = _role_of(track) in ("title", "captions")
        apart = _apart(track) if text else []
        for sg in track["sg"]:
            start = round(sg["s"] * factor)
            end = round((sg["s"] + sg["d"]) * factor)
            whole = sg["s"] == 0 and sg["d"] >= old
            if text and not whole:
                # A title or caption stays as long as it takes to read: a 3-second title in
                # a video made 4× longer is not on screen for 12 s (nor for 0.8 s in one made
                # shorter); one shown over the whole video still is.
                end = min(total_ms, start + int(sg["d"]))
            sg["s"], sg["d"] = start, max(1, end - start)
        _keep_apart(apart)
    _fix_duration(draft)
    draft["d"] = total_ms
    return new


def _apart(track: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The pairs of a text track's segments that follow each other without overlapping (the
    first ends when or before the second starts), in time order."""
    shown = sorted(track["sg"], key=lambda sg: (sg["s"], sg["d"]))
    return [(a, b) for a, b in itertools.pairwise(shown) if a["s"] + a["d"] <= b["s"]]


def _keep_apart(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Texts that followed each other still do after their times moved: a caption keeps its
    length to be read, but never runs into the next one's time (two captions drawn over
    each other cannot be read)."""
    for a, b in pairs:
        if a["s"] + a["d"] > b["s"]:
            a["d"] = max(1, b["s"] - a["s"])


def clip_lengths(draft: dict[str, Any]) -> list[int]:
    """The Video track's clips' lengths (ms), in order."""
    video = track_of(draft, "video")
    return [int(sg["d"]) for sg in sorted((video or {"sg": []})["sg"], key=lambda sg: sg["s"])]


def set_clip_lengths(state: dict[str, Any], lengths: Sequence[int]
                     ) -> tuple[dict[str, Any], float] | None:
    """The Video track's clips made ``lengths`` long (ms, in order), the later ones moved up
    or back; the other tracks follow the clips they play over: a time inside a clip stays at
    the same place in it, a title or caption keeps its own length (it takes as long to read),
    and each narration sentence starts where its place moved to and is read faster (up to
    ``narration_max_speedup``) when its room got shorter. Returns the new state and the
    fastest a sentence is now read (1.0: as it was); None when a sentence would not fit even
    so (nothing is cut: the caller says so and changes nothing)."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    video = track_of(draft, "video")
    clips = sorted((video or {"sg": []})["sg"], key=lambda sg: sg["s"])
    if video is None or len(clips) != len(lengths):
        raise ValueError("one length per clip of the Video track")
    old_edges = [int(clips[0]["s"])] + [int(sg["s"]) + int(sg["d"]) for sg in clips]
    new_edges = [old_edges[0]]
    for length in lengths:
        new_edges.append(new_edges[-1] + int(length))
    old_total = _end(draft)

    def moved(t: int) -> int:
        """Where time ``t`` of the old video is now: at the same fraction of its clip."""
        k = bisect_right(old_edges, t) - 1
        if k < 0:
            return t
        if k >= len(clips):
            return t + new_edges[-1] - old_edges[-1]
        a, b = old_edges[k], old_edges[k + 1]
        return new_edges[k] + round((t - a) * (new_edges[k + 1] - new_edges[k]) / max(1, b - a))

    total = moved(old_total)
    voice = next((t for t in draft["t"] if is_narration(t)), None)
    for track in draft["t"]:
        if track is voice:
            continue
        text = _role_of(track) in ("title", "captions")
        apart = _apart(track) if text else []
        for sg in track["sg"]:
            start, end = int(sg["s"]), int(sg["s"]) + int(sg["d"])
            whole = start == 0 and end >= old_total
            new_start = min(moved(start), total - 1)
            new_end = total if whole else min(total, new_start + (end - start)) if text \
                else moved(end)
            sg["s"], sg["d"] = new_start, max(1, new_end - new_start)
        _keep_apart(apart)
    fastest = _voice_moved(draft, voice, moved, total) if voice is not None else 1.0
    if fastest is None:
        return None
    _fix_duration(draft)
    draft["d"] = total
    _captions_follow_voice(draft)
    return new, fastest


def _voice_moved(draft: dict[str, Any], voice: dict[str, Any], moved: Callable[[int], int],
                 total: int) -> float | None:
    """Each narration sentence of ``voice`` started where ``moved`` puts its start, read
    faster (up to ``narration_max_speedup``) when its room got shorter, and one left out
    earlier spoken again when it fits; the fastest reading, or None when one would not fit."""
    limit = float(lexicon().defaults["narration_max_speedup"])
    spoken = sorted(voice["sg"], key=lambda sg: int(sg["s"]))
    starts = [moved(int(sg["s"])) for sg in spoken]
    fastest = 1.0
    for i, sg in enumerate(spoken):
        m = sg["m"]
        room = (starts[i + 1] if i + 1 < len(spoken) else total) - starts[i]
        natural = m.get("natural") or {"d": int(sg["d"]), "wpm": int(m.get("wpm") or 160)}
        needed = int(natural["d"])
        speed = max(1.0, needed / max(1, room))
        if speed > limit:
            if not m.get("unspoken"):
                return None
            # Left out when the video was made shorter, and still no room: kept silent.
            sg["s"], sg["d"] = starts[i], max(1, min(int(sg["d"]), room))
            continue
        if m.get("unspoken"):
            sg["s"] = starts[i]
            _speak_again(draft, sg, total)  # left out earlier, and it fits now
        fastest = max(fastest, speed)
        sg["s"], sg["d"] = starts[i], round(needed / speed)
        m["wpm"] = round(int(natural["wpm"]) * speed)
        if speed > 1 or "natural" in m:
            # Where it is spoken naturally in a video of this length: a later resize reads
            # it at its own speed again when there is room.
            m["natural"] = {"s": starts[i], "d": needed, "at": total,
                            "wpm": int(natural["wpm"])}
    return fastest


def _speak_again(draft: dict[str, Any], sentence: dict[str, Any], total: int) -> None:
    """A sentence left out by a shorter video spoken again: its level as it was (the default
    when it had none) and its caption back on the captions track."""
    m = sentence["m"]
    m.pop("unspoken", None)
    vol = m.pop("spoken_vol", None)
    if vol is None:
        m.pop("vol", None)
    else:
        m["vol"] = vol
    _show_caption(draft, sentence, total)


@dataclass(frozen=True)
class NarrationFit:
    """What a new length did to the narration: read ``speedup`` times its natural speed,
    ``kept`` of its ``total`` sentences spoken, all of it heard in ``needed_ms`` or more."""

    speedup: float
    kept: int
    total: int
    needed_ms: int


def fit_narration(before: dict[str, Any], after: dict[str, Any]
                  ) -> tuple[dict[str, Any], NarrationFit | None]:
    """``after`` (``before`` scaled by ``scale_duration``) with its narration intelligible:
    laid out from where each sentence was spoken at its natural speed, read faster (up to
    ``narration_max_speedup``) when the video got shorter than that; a sentence that does not
    fit whole even so is left unspoken (kept, silent and marked, so that a longer video
    speaks it again; its caption is kept with it, off the captions track, so that nothing
    shows or is exported for a sentence nobody hears). None when the narration is spoken as
    it naturally is."""
    track = next((t for t in after["draft"].get("t", []) if is_narration(t)), None)
    old = next((t for t in before["draft"].get("t", []) if is_narration(t)), None)
    total = int(after["draft"].get("d") or 0)
    if track is None or old is None or not track["sg"] or total <= 0:
        return after, None
    old_total = int(before["draft"].get("d") or _end(before["draft"]))
    # Where each sentence is spoken naturally (noted the first time the video is resized).
    natural = {sg["id"]: sg["m"].get("natural") or {
        "s": int(sg["s"]), "d": int(sg["d"]), "at": old_total,
        "wpm": int(sg["m"].get("wpm") or 160)} for sg in old["sg"]}
    at = max(int(n["at"]) for n in natural.values())
    if total >= at and not any(sg["m"].get("natural") for sg in old["sg"]):
        # Longer than it was ever spoken: read as it was, where the stretched scenes put
        # each sentence (the voice and its caption last as long as it is spoken).
        new = copy.deepcopy(after)
        track = next(t for t in new["draft"]["t"] if is_narration(t))
        for sg in track["sg"]:
            sg["d"] = min(natural[sg["id"]]["d"], max(1, total - int(sg["s"])))
        _captions_follow_voice(new["draft"])
        return new, None
    new = copy.deepcopy(after)
    track = next(t for t in new["draft"]["t"] if is_narration(t))
    limit = float(lexicon().defaults["narration_max_speedup"])
    speedup = min(limit, max(1.0, at / total))
    scale = total / at
    cursor = kept = 0
    for sg in sorted(track["sg"], key=lambda sg: natural[sg["id"]]["s"]):
        m, nat = sg["m"], natural[sg["id"]]
        m["natural"] = nat
        start = max(round(nat["s"] * scale), cursor)
        needed = round(nat["d"] / speedup) if speedup > 1 else round(nat["d"] * scale)
        if start + needed <= total:
            sg["s"], sg["d"] = start, needed
            m["wpm"] = round(nat["wpm"] * speedup)
            if m.get("unspoken"):
                _speak_again(new["draft"], sg, total)
            cursor, kept = start + needed, kept + 1
        else:
            # Silent where it would have been: kept for a longer video, never cut mid-word.
            sg["s"] = min(round(nat["s"] * scale), total - 1)
            sg["d"] = max(1, min(round(nat["d"] * scale), total - sg["s"]))
            if not m.get("unspoken"):
                m["unspoken"], m["spoken_vol"], m["vol"] = True, m.get("vol"), 0.0
                _hide_caption(new["draft"], sg, total)
    new["draft"]["d"] = total
    _captions_follow_voice(new["draft"])
    needed_ms = math.ceil(at / limit / 1000) * 1000
    return new, NarrationFit(speedup, kept, len(track["sg"]), needed_ms)


def _captions_follow_voice(draft: dict[str, Any]) -> None:
    """Each spoken sentence's own caption on screen from its first word while it is spoken
    (plus the hold), and off before the next sentence starts."""
    voice = next((t for t in draft.get("t", []) if is_narration(t)), None)
    track = track_of(draft, "captions")
    if voice is None or track is None:
        return
    total = int(draft.get("d") or _end(draft))
    spoken = sorted((sg for sg in voice["sg"] if not sg["m"].get("unspoken")),
                    key=lambda sg: int(sg["s"]))
    free = [sg for sg in track["sg"] if sg["m"].get("role") == "caption"
            and not sg["m"].get("added")]
    for i, sentence in enumerate(spoken):
        text = sentence["m"].get("text")
        own = next((sg for sg in free if sg["m"].get("text") == text), None)
        if own is None:
            continue
        free.remove(own)
        start = int(sentence["s"])
        until = int(spoken[i + 1]["s"]) if i + 1 < len(spoken) else total
        own["s"] = start
        own["d"] = max(1, min(voiced_ms(int(sentence["d"]), str(text)), until - start))
    track["sg"].sort(key=lambda seg: (seg["s"], seg["id"]))


def _hide_caption(draft: dict[str, Any], sentence: dict[str, Any], total: int) -> None:
    """Take the caption of an unspoken ``sentence`` (the sentence's own, not one the user
    added) off the captions track and keep it in the sentence, with the length it was
    placed for."""
    track = track_of(draft, "captions")
    text = sentence["m"].get("text")
    own = next((sg for sg in (track or {"sg": []})["sg"] if sg["m"].get("role") == "caption"
                and not sg["m"].get("added") and sg["m"].get("text") == text), None)
    if track is None or own is None:
        return
    track["sg"].remove(own)
    sentence["m"]["caption"] = {"sg": own, "at": total}


def _show_caption(draft: dict[str, Any], sentence: dict[str, Any], total: int) -> None:
    """Put back the caption kept in a sentence spoken again, where it stands in a video of
    ``total`` ms (unless the user has removed the captions since)."""
    kept = sentence["m"].pop("caption", None)
    track = track_of(draft, "captions")
    if not isinstance(kept, dict) or track is None:
        return
    sg = kept["sg"]
    factor = total / max(1, int(kept["at"]))
    start = min(round(int(sg["s"]) * factor), total - 1)
    sg["s"], sg["d"] = start, max(1, min(round(int(sg["d"]) * factor), total - start))
    track["sg"].append(sg)
    track["sg"].sort(key=lambda seg: (seg["s"], seg["id"]))


def place_media(state: dict[str, Any], info: dict[str, Any]) -> tuple[dict[str, Any], str, int,
                                                                       int]:
    """Put an uploaded file on the draft: video/image at the end of the Video track, audio on
    the Audio track from 0. Returns the new state, the track name, start and end in ms.
    An empty project takes the canvas closest to the media's shape."""
    new = copy.deepcopy(state)
    draft = new["draft"]
    defaults = lexicon().defaults
    kind = info["file_type"]
    if not _end(draft) and kind in ("video", "image") and info.get("width") and info.get("height"):
        shape = float(info["width"]) / float(info["height"])
        ratio = min(CANVAS_BY_RATIO, key=lambda r: abs(math.log(
            CANVAS_BY_RATIO[r][0] / CANVAS_BY_RATIO[r][1] / shape)))
        new = set_canvas(new, ratio)
        draft = new["draft"]
    duration = round(float(info.get("duration") or 0) * 1000)
    if kind == "image" or duration <= 0:
        duration = int(defaults["image_ms"])
    meta: dict[str, Any] = {"kind": "media", "media_id": info["media_id"], "url": info["cdn_url"],
                            "name": info["filename"]}
    if kind == "audio":
        track = _ensure_track(draft, "audio")
        start = 0
        meta["vol"] = 1.0
    else:
        track = _ensure_track(draft, "video")
        start = max((sg["s"] + sg["d"] for sg in track["sg"]), default=0)
        meta.update({"file_type": kind, "src_in": 0})
        if info.get("has_audio"):
            # The clip's own sound plays (under any music) until the user mutes it.
            meta.update({"has_audio": True, "vol": 1.0})
    track["sg"].append({"id": f"sg_media_{info['media_id'][-12:]}", "s": start, "d": duration,
                        "m": meta})
    _fix_duration(draft)
    return new, str(track["n"]), start, start + duration


def _secs(ms: int) -> float:
    """Seconds to one decimal; the reply template writes them in its language."""
    return round(ms / 1000, 1)


def summarize(draft: dict[str, Any], lang: str) -> tuple[int, str]:
    """How many tracks the draft has and a one-line description of each, in ``lang``."""
    lex = lexicon()
    lines = []
    for track in draft.get("t", []):
        sgs = track.get("sg") or []
        if not sgs:
            continue
        name = role_label(track, lang)
        start = min(sg["s"] for sg in sgs)
        end = max(sg["s"] + sg["d"] for sg in sgs)
        span = {"name": name, "start": _secs(start), "end": _secs(end)}
        first = sgs[0]["m"]
        if track.get("tt") == TRACK_TEXT:
            what = str(first.get("text", ""))
            if len(sgs) > 1:
                what = lex.track_line("lines", lang, n=len(sgs))
                lines.append(lex.track_line("video", lang, what=what, **span))
            else:
                lines.append(lex.track_line("text", lang, what=what, **span))
        elif track.get("tt") == TRACK_AUDIO:
            vol = round(float(first.get("vol", 1.0)) * 100)
            # Narration has sentences, not a file name: say what is read (or how many lines).
            what = (music_label(first, lang) if first.get("kind") == "bgm"
                    else str(first.get("name") or first.get("text") or ""))
            if not first.get("name") and len(sgs) > 1:
                what = lex.track_line("lines", lang, n=len(sgs))
            lines.append(lex.track_line("audio", lang, what=what, vol=vol, **span))
        else:
            scenes = [sg for sg in sgs if sg["m"].get("kind") == "scene"]
            if len(sgs) == 1:
                what = str(first.get("desc") or first.get("name") or "")
            elif scenes and len(scenes) == len(sgs):
                count = lex.track_line("scenes", lang, n=len(sgs))
                what = f"{scenes[0]['m'].get('desc', '')} ({count})"
            else:
                what = ", ".join(str(sg["m"].get("desc") or sg["m"].get("name") or "")
                                 for sg in sgs)
            lines.append(lex.track_line("video", lang, what=what, **span))
    return len(lines), lex.track_line("separator", lang).join(lines)
