"""Put narration into a draft: a voice track (``tt`` 1) with one segment per sentence,
scenes as long as their spoken sentence, captions on screen while it is spoken (plus a short
hold, ``caption_timing``), and the music marked to duck under the voice."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from typing import Any

from backend.draft import TRACK_TEXT, TRACK_VIDEO
from backend.local.caption_timing import voiced_ms
from backend.local.editing import VOICE_TRACK, is_narration
from backend.local.narration.narrate import (
    Spoken,
    Unavailable,
    narration_note,
    speak,
    voice_for,
    wants_narration,
)

__all__ = ["DUCK", "narrate_at", "narrate_line", "narrate_script"]

#: Music level under the voice, as a share of its own volume.
DUCK = 0.3
_LEAD_MS = 400  # the voice starts this long after its scene does
_TAIL_MS = 600  # and the scene lasts this long after the voice ends
_MIN_SCENE_MS = 2500
_TRACK = VOICE_TRACK


def narrate_script(
    state: dict[str, Any],
    sentences: Sequence[str],
    lang: str,
    *,
    reply_lang: str = "en",
    request: str = "",
    variant: str | None = None,
    duration_ms: int | None = None,
) -> tuple[dict[str, Any], str | None]:
    """``state`` with ``sentences`` (in ``lang``) narrated, and a note for the reply (in
    ``reply_lang``) when they are not.

    The n-th generated scene (and caption) is re-timed to the n-th sentence. Without a
    voice for ``lang`` or the engine, or when ``request`` asks for no voice-over, the state
    comes back unchanged (with the reason, except for the last case). A ``duration_ms`` the
    user asked for is kept when the voice fits in it (scenes are lengthened in proportion);
    a shorter one gives way to the voice, which is never cut.
    """
    if not sentences or not wants_narration(request):
        return state, None
    reply = {"zh": "zh-Hans"}.get(reply_lang, reply_lang)
    voice = voice_for(lang, variant)
    if voice is None:
        return state, narration_note("no_voice", reply, about=lang)
    try:
        spoken = [speak(s, voice)[0] for s in sentences]
    except Unavailable:
        return state, narration_note("no_engine", reply)
    new = copy.deepcopy(state)
    draft = new["draft"]
    spans = _spans(spoken, duration_ms)
    _retime_scenes(draft, spans)
    _retime_captions(draft, spans, spoken)
    total = spans[-1][0] + spans[-1][1]
    segments = [
        {"id": f"sg_voice_{i + 1}", "s": start + _LEAD_MS, "d": round(s.duration * 1000),
         "m": {"kind": "narration", "layout": "script", "text": s.text, **_said(s),
               "lang": lang, "voice": voice.name, "variant": variant or "default",
               "wpm": voice.wpm, "vol": 1.0,
               "words": [[round(t * 1000), c, n] for t, c, n in s.words]}}
        for i, ((start, _), s) in enumerate(zip(spans, spoken, strict=True))
    ]
    tracks = [t for t in draft.get("t", []) if not is_narration(t)]
    bgm_at = next((i for i, t in enumerate(tracks) if t.get("n") == "BGM"), None)
    tracks.insert(len(tracks) if bgm_at is None else bgm_at + 1, {**_TRACK, "sg": segments})
    for track in tracks:
        if track.get("n") == "BGM":
            for seg in track.get("sg", []):
                seg["d"] = total - int(seg.get("s", 0))
                seg["m"]["duck"] = DUCK
        if track.get("n") == "Title":
            for seg in track.get("sg", []):
                seg["d"] = min(int(seg["d"]), total - int(seg.get("s", 0)))
    draft["t"] = tracks
    draft["d"] = total
    return new, None


def _said(spoken: Spoken) -> dict[str, str]:
    """``say``: what the engine reads when it is not the text (a Japanese sentence's kana),
    so that the renderer speaks the same."""
    return {"say": spoken.said} if spoken.said and spoken.said != spoken.text else {}


def _spans(spoken: list[Spoken], wanted_ms: int | None) -> list[tuple[int, int]]:
    lengths = [max(_MIN_SCENE_MS, _LEAD_MS + round(s.duration * 1000) + _TAIL_MS)
               for s in spoken]
    natural = sum(lengths)
    if wanted_ms and wanted_ms > natural:
        bounds = [round(wanted_ms * sum(lengths[:i]) / natural) for i in range(len(lengths) + 1)]
        lengths = [b - a for a, b in itertools.pairwise(bounds)]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for length in lengths:
        spans.append((cursor, length))
        cursor += length
    return spans


def _retime_scenes(draft: dict[str, Any], spans: list[tuple[int, int]]) -> None:
    for track in draft.get("t", []):
        if track.get("tt") != TRACK_VIDEO:
            continue
        scenes = [sg for sg in track.get("sg", []) if sg.get("m", {}).get("kind") == "scene"]
        for seg, (start, length) in zip(scenes, spans, strict=False):
            seg["s"], seg["d"] = start, length


def _retime_captions(draft: dict[str, Any], spans: list[tuple[int, int]],
                     spoken: list[Spoken]) -> None:
    for track in draft.get("t", []):
        if track.get("tt") != TRACK_TEXT or track.get("n") != "Captions":
            continue
        captions = [sg for sg in track.get("sg", []) if sg.get("m", {}).get("role") == "caption"
                    and not sg["m"].get("added")]
        for seg, (start, length), s in zip(captions, spans, spoken, strict=False):
            # On screen from the first spoken word while the sentence is spoken, then a
            # short hold (longer when it takes longer to read), and gone before its scene
            # ends: a caption left up for the rest of a stretched scene reads as stuck.
            seg["s"] = start + _LEAD_MS
            seg["d"] = min(voiced_ms(round(s.duration * 1000), s.text),
                           length - _LEAD_MS - _TAIL_MS // 2)
            seg["m"]["text"] = s.text
            seg["m"]["words"] = [[round(t * 1000), c, n] for t, c, n in s.words]


def narrate_line(
    state: dict[str, Any],
    text: str,
    lang: str,
    *,
    reply_lang: str = "en",
    variant: str | None = None,
) -> tuple[dict[str, Any], str | None]:
    """``state`` with one spoken ``text`` (in ``lang``) at its start, captioned while it is
    spoken, and a note for the reply (in ``reply_lang``) when it cannot be spoken.

    For a video made from a description: its scenes keep their lengths (the line is spoken
    over the first of them; the video grows only if the line is longer than it). Existing
    captions give way to the spoken one; the music ducks under the voice.
    """
    reply = {"zh": "zh-Hans"}.get(reply_lang, reply_lang)
    voice = voice_for(lang, variant)
    if voice is None:
        return state, narration_note("no_voice", reply, about=lang)
    try:
        spoken = speak(text, voice)[0]
    except Unavailable:
        return state, narration_note("no_engine", reply)
    new = copy.deepcopy(state)
    draft = new["draft"]
    speech_ms = round(spoken.duration * 1000)
    total = max(int(draft.get("d") or 0), _LEAD_MS + speech_ms + _TAIL_MS)
    words = [[round(t * 1000), c, n] for t, c, n in spoken.words]
    segment = {"id": "sg_voice_1", "s": _LEAD_MS, "d": speech_ms,
               "m": {"kind": "narration", "layout": "line", "text": text, **_said(spoken),
                     "lang": lang, "voice": voice.name, "variant": variant or "default",
                     "wpm": voice.wpm, "vol": 1.0,
                     "words": words}}
    look: dict[str, Any] = {"text": text, "role": "caption", "pos": "bottom", "words": words}
    caption = {"id": "sg_caption_1", "s": _LEAD_MS,
               "d": min(voiced_ms(speech_ms, text), total - _LEAD_MS), "m": look}
    tracks = [t for t in draft.get("t", []) if not is_narration(t)]
    captions = next((t for t in tracks if t.get("tt") == TRACK_TEXT
                     and t.get("n") == "Captions"), None)
    if captions is None:
        captions = {"id": "trk_captions", "tt": TRACK_TEXT, "n": "Captions", "sg": []}
        tracks.append(captions)
    old = captions["sg"][0]["m"] if captions["sg"] else {}
    # A caption style the user chose stays; the text and timing are the voice's.
    look.update({k: old[k] for k in ("pos", "size", "color", "box", "highlight")
                         if k in old})
    captions["sg"] = [caption]
    bgm_at = next((i for i, t in enumerate(tracks) if t.get("n") == "BGM"), None)
    tracks.insert(len(tracks) if bgm_at is None else bgm_at + 1, {**_TRACK, "sg": [segment]})
    for track in tracks:
        if track.get("n") == "BGM":
            for seg in track.get("sg", []):
                seg["m"]["duck"] = DUCK
        if track.get("tt") == TRACK_VIDEO and track.get("sg") and total > int(draft.get("d")
                                                                          or 0):
            last = max(track["sg"], key=lambda sg: int(sg["s"]))
            last["d"] = total - int(last["s"])
    for track in tracks:
        if track.get("n") == "BGM":
            for seg in track.get("sg", []):
                seg["d"] = total - int(seg.get("s", 0))
    draft["t"] = tracks
    draft["d"] = total
    return new, None


#: The least silence between two lines read at their captions' times.
_GAP_MS = 200


def narrate_at(
    state: dict[str, Any],
    lines: Sequence[tuple[int, str]],
    lang: str,
    *,
    reply_lang: str = "en",
    variant: str | None = None,
) -> tuple[dict[str, Any], str | None]:
    """``state`` with each ``(start_ms, text)`` line spoken where its caption already is
    ("read the subtitle"): the captions and scenes keep their times, a line that would
    overlap the one before waits for it, and the video grows only if the last line runs past
    its end. A note for the reply (in ``reply_lang``) when it cannot be spoken."""
    reply = {"zh": "zh-Hans"}.get(reply_lang, reply_lang)
    voice = voice_for(lang, variant)
    if voice is None:
        return state, narration_note("no_voice", reply, about=lang)
    try:
        spoken = [speak(text, voice)[0] for _, text in lines]
    except Unavailable:
        return state, narration_note("no_engine", reply)
    new = copy.deepcopy(state)
    draft = new["draft"]
    segments: list[dict[str, Any]] = []
    cursor = 0
    for i, ((start, _), s) in enumerate(zip(lines, spoken, strict=True)):
        begin = max(start, cursor)
        length = round(s.duration * 1000)
        cursor = begin + length + _GAP_MS
        segments.append(
            {"id": f"sg_voice_{i + 1}", "s": begin, "d": length,
             "m": {"kind": "narration", "layout": "captions", "text": s.text, **_said(s),
                   "lang": lang, "voice": voice.name, "variant": variant or "default",
                   "wpm": voice.wpm, "vol": 1.0,
                   "words": [[round(t * 1000), c, n] for t, c, n in s.words]}})
    last = segments[-1]
    total = max(int(draft.get("d") or 0), int(last["s"]) + int(last["d"]) + _TAIL_MS)
    tracks = [t for t in draft.get("t", []) if not is_narration(t)]
    bgm_at = next((i for i, t in enumerate(tracks) if t.get("n") == "BGM"), None)
    tracks.insert(len(tracks) if bgm_at is None else bgm_at + 1, {**_TRACK, "sg": segments})
    grow = total > int(draft.get("d") or 0)
    for track in tracks:
        if track.get("n") == "BGM":
            for seg in track.get("sg", []):
                seg["m"]["duck"] = DUCK
                if grow:
                    seg["d"] = total - int(seg.get("s", 0))
        if grow and track.get("tt") == TRACK_VIDEO and track.get("sg"):
            end = max(track["sg"], key=lambda sg: int(sg["s"]))
            end["d"] = total - int(end["s"])
    draft["t"] = tracks
    draft["d"] = total
    return new, None
