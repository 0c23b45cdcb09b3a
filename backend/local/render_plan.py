"""Read a draft (``backend/draft.py``) into a render plan: typed, clamped, frame-aligned pieces.

Tolerant by design: unknown keys are ignored, missing or malformed fields get defaults, and
segments outside the draft's duration are clipped or dropped. Only a draft with nothing to
render at all is an error.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from backend.draft import CANVAS_BY_RATIO, TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO
from backend.local.render_errors import RenderError
from backend.local.scenes import SceneSpec, describe_scene

__all__ = [
    "MAX_DURATION_S",
    "MOTIONS",
    "RGB",
    "AudioMedia",
    "Bgm",
    "Canvas",
    "Gap",
    "MediaPiece",
    "Narration",
    "RenderPlan",
    "ScenePiece",
    "TextItem",
    "VideoPiece",
    "parse_color",
    "plan_draft",
]

RGB = tuple[int, int, int]
MOTIONS: tuple[str, ...] = ("pan", "zoom", "drift", "pulse")
#: Longest video the local renderer accepts; longer drafts are almost surely a mistake.
MAX_DURATION_S = 3600.0
#: How loud the music stays (a factor of its volume) while a clip plays its own sound.
DUCK_LEVEL = 0.3
_MAX_SIDE = 4096
_DEFAULT_FPS = 30
_RENDERED_TRACKS = (TRACK_VIDEO, TRACK_AUDIO, TRACK_TEXT)
# A caption's spoken-word highlight is a strip of this many variants at most (one per word).
_MAX_WORDS = 40


@dataclass(frozen=True)
class Canvas:
    w: int
    h: int
    fps: int
    frames: int  # total frame count; the duration is frames / fps

    @property
    def duration(self) -> float:
        return self.frames / self.fps


@dataclass(frozen=True)
class ScenePiece:
    """A generated, illustrated scene: what it shows (``spec``), its palette cast and motion."""

    start_frame: int
    frames: int
    desc: str
    palette: tuple[RGB, RGB]
    motion: str
    seed: int
    spec: SceneSpec = field(default_factory=SceneSpec)
    cast: tuple[RGB, RGB] | None = None  # the draft's own palette, which tints the sky


@dataclass(frozen=True)
class MediaPiece:
    """An uploaded image or video, letterboxed to the canvas."""

    start_frame: int
    frames: int
    media_id: str
    name: str
    file_type: Literal["video", "image"]
    src_in: float  # seconds into the source
    vol: float = 0.0  # the clip's own sound (0: none, or muted)
    fill: bool = False  # cover the canvas (cropped) instead of fitting inside it


@dataclass(frozen=True)
class Gap:
    """Time no video segment covers: rendered black."""

    start_frame: int
    frames: int


VideoPiece = ScenePiece | MediaPiece | Gap


@dataclass(frozen=True)
class TextItem:
    start: float
    end: float
    text: str
    role: Literal["title", "caption"]
    pos: Literal["top", "center", "bottom"]
    size: float  # fraction of canvas height
    color: RGB
    # Spoken words of a narrated caption: (seconds after the caption starts, first character,
    # length). The word being spoken is highlighted.
    words: tuple[tuple[float, int, int], ...] = ()
    box: bool = False  # a translucent box behind the text (captions have one by default)


@dataclass(frozen=True)
class Bgm:
    start: float
    duration: float
    name: str
    mood: str
    bpm: int
    vol: float
    seed: int
    # Times (s) when clips play their own sound: the music is ducked to DUCK_LEVEL there.
    clip_duck: tuple[tuple[float, float], ...] = ()
    duck: float = 1.0  # level under narration, as a share of ``vol``


@dataclass(frozen=True)
class Narration:
    """A spoken sentence: synthesised at render time from its text and voice."""

    start: float
    duration: float
    text: str
    voice: str
    wpm: int
    vol: float


@dataclass(frozen=True)
class AudioMedia:
    start: float
    duration: float
    media_id: str
    name: str
    vol: float
    src_in: float
    clip: bool = False  # the sound of a video clip on the Video track


@dataclass(frozen=True)
class RenderPlan:
    canvas: Canvas
    video: tuple[VideoPiece, ...]  # contiguous, covering every frame exactly once
    texts: tuple[TextItem, ...]
    audio: tuple[Bgm | AudioMedia | Narration, ...]
    #: The look over the whole picture (``render_graph.LOOK_FILTERS``), or None.
    look: str | None = None


def parse_color(value: object, default: RGB) -> RGB:
    """``#rrggbb``, ``rrggbb`` or ``#rgb`` as an RGB triple; anything else gives ``default``."""
    if not isinstance(value, str):
        return default
    text = value.strip().removeprefix("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        return default
    try:
        raw = int(text, 16)
    except ValueError:
        return default
    return (raw >> 16) & 0xFF, (raw >> 8) & 0xFF, raw & 0xFF


def plan_draft(draft: Mapping[str, Any]) -> RenderPlan:
    """Turn ``draft`` into a :class:`RenderPlan`.

    Raises :class:`RenderError` when the draft is not a mapping, has nothing to render, or is
    longer than :data:`MAX_DURATION_S`.
    """
    if not isinstance(draft, Mapping):
        raise RenderError("The draft is not a timeline object; nothing to render.")
    tracks = [t for t in _as_list(draft.get("t")) if isinstance(t, Mapping)]
    segments = [
        (_int(t.get("tt"), -1), seg)
        for t in tracks
        for seg in _as_list(t.get("sg"))
        if isinstance(seg, Mapping) and _int(t.get("tt"), -1) in _RENDERED_TRACKS
    ]
    w, h = _canvas_size(draft)
    fps = _int(draft.get("fps"), _DEFAULT_FPS)
    fps = fps if 1 <= fps <= 60 else _DEFAULT_FPS

    duration_ms = _int(draft.get("d"), 0)
    if duration_ms <= 0:
        duration_ms = max((_seg_end_ms(seg) for _, seg in segments), default=0)
    if duration_ms <= 0:
        raise RenderError("The draft is empty: add a scene, media, text or music first.")
    if duration_ms / 1000 > MAX_DURATION_S:
        raise RenderError(
            f"The draft is {duration_ms / 60000:.0f} minutes long; the local renderer stops at "
            f"{MAX_DURATION_S / 60:.0f} minutes. Shorten it and export again."
        )
    total_frames = max(1, round(duration_ms / 1000 * fps))
    canvas = Canvas(w=w, h=h, fps=fps, frames=total_frames)
    end_s = canvas.duration

    video_raw: list[tuple[int, int, Mapping[str, Any]]] = []
    texts: list[TextItem] = []
    audio: list[Bgm | AudioMedia | Narration] = []
    for tt, seg in segments:
        start_ms = max(0, _int(seg.get("s"), 0))
        dur_ms = _int(seg.get("d"), 0)
        raw_meta = seg.get("m")
        meta: Mapping[str, Any] = raw_meta if isinstance(raw_meta, Mapping) else {}
        start = start_ms / 1000
        stop = min(end_s, (start_ms + dur_ms) / 1000)
        if dur_ms <= 0 or stop <= start:
            continue
        if tt == TRACK_VIDEO:
            first, last = round(start * fps), round(stop * fps)
            if last > first:
                video_raw.append((first, last, meta))
        elif tt == TRACK_TEXT:
            item = _text_item(start, stop, meta)
            if item is not None:
                texts.append(item)
        elif tt == TRACK_AUDIO:
            if meta.get("kind") == "narration" and meta.get("unspoken"):
                continue  # left out of a shortened video: not synthesised, nothing ducks
            audio.append(_audio_item(start, stop - start, meta))
    video = _even_cuts(_video_pieces(video_raw, total_frames), fps)
    return RenderPlan(
        canvas=canvas,
        video=video,
        texts=tuple(sorted(_unheard_unmarked(texts, audio), key=lambda t: t.start)),
        audio=_with_clip_sound(audio, video, fps),
        look=look if isinstance(look := draft.get("look"), str) else None,
    )


def _unheard_unmarked(texts: list[TextItem], audio: list[Bgm | AudioMedia | Narration]
                      ) -> list[TextItem]:
    """``texts`` without the spoken-word highlight of captions no voice is heard under: with
    the narration muted ("no voice-over" keeps the track at volume 0) a highlight running
    through silent words reads as a glitch."""
    heard = [(a.start, a.start + a.duration) for a in audio
             if isinstance(a, Narration) and a.vol > 0]
    return [t if not t.words or any(a < t.end and t.start < b for a, b in heard)
            else replace(t, words=()) for t in texts]


def _with_clip_sound(audio: list[Bgm | AudioMedia | Narration], video: tuple[VideoPiece, ...],
                     fps: int) -> tuple[Bgm | AudioMedia | Narration, ...]:
    """``audio`` plus the own sound of each video clip that has one (and is not muted), with
    the music ducked while those clips play."""
    clips = [AudioMedia(start=p.start_frame / fps, duration=p.frames / fps, media_id=p.media_id,
                        name=p.name, vol=p.vol, src_in=p.src_in, clip=True)
             for p in video
             if isinstance(p, MediaPiece) and p.file_type == "video" and p.vol > 0]
    duck = tuple((c.start, c.start + c.duration) for c in clips)
    ducked = [replace(a, clip_duck=duck) if isinstance(a, Bgm) and duck else a for a in audio]
    return (*ducked, *clips)


def _video_pieces(raw: list[tuple[int, int, Mapping[str, Any]]], total: int) -> list[VideoPiece]:
    # A later-starting segment cuts short whatever is still showing; uncovered time is black.
    raw.sort(key=lambda r: r[0])
    pieces: list[VideoPiece] = []
    cursor = 0
    for i, (seg_first, seg_last, meta) in enumerate(raw):
        next_first = raw[i + 1][0] if i + 1 < len(raw) else total
        first = max(seg_first, cursor)
        last = min(seg_last, next_first, total)
        if last <= first:
            continue
        if first > cursor:
            pieces.append(Gap(cursor, first - cursor))
        pieces.append(_video_piece(first, last - first, meta))
        cursor = last
    if cursor < total:
        pieces.append(Gap(cursor, total - cursor))
    return pieces


def _even_cuts(pieces: list[VideoPiece], fps: int) -> tuple[VideoPiece, ...]:
    """``pieces`` with each generated scene that cross-fades into another one an even number
    of frames long (the cut moved one frame later, 33 ms at 30 fps), at 30 fps and more.

    Scenes are composited at half the canvas rate there (``render_scene.scene_step``); a
    fade whose outgoing scene ends between two of its pictures has to be blended at the full
    rate, twice the pictures for the graph and for x264 (narrated scenes last what their
    sentences do, an odd number of frames as often as not)."""
    if fps < 30:
        return tuple(pieces)
    out = list(pieces)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (isinstance(a, ScenePiece) and isinstance(b, ScenePiece) and a.frames % 2
                and b.frames > 2):
            out[i] = replace(a, frames=a.frames + 1)
            out[i + 1] = replace(b, start_frame=b.start_frame + 1, frames=b.frames - 1)
    return tuple(out)


def _video_piece(first: int, frames: int, meta: Mapping[str, Any]) -> VideoPiece:
    if meta.get("kind") == "media" or (meta.get("media_id") and meta.get("kind") != "scene"):
        media_id = str(meta.get("media_id") or "")
        raw_type = meta.get("file_type")
        file_type: Literal["video", "image"] = "video"
        if raw_type == "image" or (
            raw_type != "video" and _looks_like_image(str(meta.get("name") or ""))
        ):
            file_type = "image"
        return MediaPiece(
            start_frame=first,
            frames=frames,
            media_id=media_id,
            name=str(meta.get("name") or media_id),
            file_type=file_type,
            src_in=max(0, _int(meta.get("src_in"), 0)) / 1000,
            vol=min(1.0, max(0.0, _float(meta.get("vol"), 1.0))) if meta.get("has_audio") else 0.0,
            fill=meta.get("fit") == "fill",
        )
    desc = str(meta.get("desc") or "")
    seed = _int(meta.get("seed"), zlib.crc32(desc.encode("utf-8")))
    motion = meta.get("motion")
    if motion not in MOTIONS:
        motion = MOTIONS[seed % len(MOTIONS)]
    # The agent stores a scene description; a draft from elsewhere gets one from its text.
    spec = SceneSpec.from_meta(meta.get("scene"))
    if spec is None:
        style = meta.get("style")
        spec = describe_scene(desc, style=style if isinstance(style, str) else "cinematic")
    return ScenePiece(
        start_frame=first,
        frames=frames,
        desc=desc,
        palette=_palette(meta.get("palette"), seed),
        motion=str(motion),
        seed=seed,
        spec=spec,
        cast=_palette(meta["palette"], seed) if meta.get("palette") else None,
    )


def _palette(value: object, seed: int) -> tuple[RGB, RGB]:
    fallback = _seeded_palette(seed)
    if not isinstance(value, list | tuple) or not value:
        return fallback
    first = parse_color(value[0], fallback[0])
    second = parse_color(value[1], fallback[1]) if len(value) > 1 else _shade(first)
    return first, second


def _seeded_palette(seed: int) -> tuple[RGB, RGB]:
    import colorsys

    hue = (seed % 360) / 360
    a = colorsys.hsv_to_rgb(hue, 0.65, 0.55)
    b = colorsys.hsv_to_rgb((hue + 0.12) % 1, 0.55, 0.9)
    return _rgb(a), _rgb(b)


def _shade(color: RGB) -> RGB:
    r, g, b = color
    return r // 3, g // 3, b // 3


def _rgb(values: tuple[float, float, float]) -> RGB:
    return round(values[0] * 255), round(values[1] * 255), round(values[2] * 255)


def _text_item(start: float, stop: float, meta: Mapping[str, Any]) -> TextItem | None:
    text = meta.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    role: Literal["title", "caption"] = "title" if meta.get("role") == "title" else "caption"
    pos_raw = meta.get("pos")
    pos: Literal["top", "center", "bottom"]
    if pos_raw in ("top", "center", "bottom"):
        pos = pos_raw
    else:
        pos = "center" if role == "title" else "bottom"
    size = _float(meta.get("size"), 0.09 if role == "title" else 0.05)
    words: list[tuple[float, int, int]] = []
    lead = len(text) - len(text.lstrip())  # word positions count from the unstripped text
    raw_words = meta.get("words") if role == "caption" and meta.get("highlight", True) else None
    for word in raw_words if isinstance(raw_words, list) else []:
        if isinstance(word, list) and len(word) == 3 and all(isinstance(v, int) for v in word):
            words.append((max(0, word[0]) / 1000, max(0, word[1] - lead), max(0, word[2])))
    return TextItem(
        words=tuple(words[:_MAX_WORDS]),
        start=start,
        end=stop,
        text=text.strip(),
        role=role,
        pos=pos,
        size=min(0.3, max(0.015, size)),
        color=parse_color(meta.get("color"), (255, 255, 255)),
        box=meta["box"] if isinstance(meta.get("box"), bool) else role == "caption",
    )


def _audio_item(
    start: float, duration: float, meta: Mapping[str, Any]
) -> Bgm | AudioMedia | Narration:
    vol = min(1.0, max(0.0, _float(meta.get("vol"), 0.8)))
    if meta.get("kind") == "narration" and isinstance(meta.get("text"), str):
        # ``say``: the reading the engine speaks when it differs from the text (kana).
        said = meta.get("say")
        return Narration(
            start=start,
            duration=duration,
            text=said if isinstance(said, str) and said.strip() else str(meta["text"]),
            voice=str(meta.get("voice") or "en-us"),
            wpm=min(400, max(80, _int(meta.get("wpm"), 160))),
            vol=vol,
        )
    if meta.get("kind") == "media" or (meta.get("media_id") and meta.get("kind") != "bgm"):
        media_id = str(meta.get("media_id") or "")
        return AudioMedia(
            start=start,
            duration=duration,
            media_id=media_id,
            name=str(meta.get("name") or media_id),
            vol=vol,
            src_in=max(0, _int(meta.get("src_in"), 0)) / 1000,
        )
    name = str(meta.get("name") or "BGM")
    mood = str(meta.get("mood") or name).lower()
    bpm = _int(meta.get("bpm"), 90)
    return Bgm(
        start=start,
        duration=duration,
        name=name,
        mood=mood,
        bpm=min(180, max(50, bpm)),
        vol=vol,
        seed=zlib.crc32(f"{name}|{mood}".encode()),
        duck=min(1.0, max(0.0, _float(meta.get("duck"), 1.0))),
    )


def _canvas_size(draft: Mapping[str, Any]) -> tuple[int, int]:
    ratio = draft.get("ratio")
    default = CANVAS_BY_RATIO["16:9"]
    if isinstance(ratio, str):
        default = CANVAS_BY_RATIO.get(ratio.strip(), default)
    w, h = _int(draft.get("w"), 0), _int(draft.get("h"), 0)
    if not (16 <= w <= _MAX_SIDE and 16 <= h <= _MAX_SIDE):
        w, h = default
    # H.264 in yuv420p needs even sides.
    return w - w % 2, h - h % 2


def _seg_end_ms(seg: Mapping[str, Any]) -> int:
    return max(0, _int(seg.get("s"), 0)) + max(0, _int(seg.get("d"), 0))


def _looks_like_image(name: str) -> bool:
    return name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "gif", "webp", "bmp"}


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e12:
        return round(value)
    if isinstance(value, str):
        try:
            return round(float(value))
        except (ValueError, OverflowError):
            return default
    return default


def _float(value: object, default: float) -> float:
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            return default
        return parsed if math.isfinite(parsed) else default
    return default
