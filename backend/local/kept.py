"""Settings said before the video's subject, kept until the subject comes.

"Mach das Video 30 Sekunden lang und füge Untertitel für jeden Satz hinzu" on an empty
project names no subject: the agent keeps the length and the captions, says which it kept
and asks what the video should be about; the generation that follows applies them. The
settings are the ones a new video can take: length, format, style, music, captions, voice,
look and title ("make a video titled Morning": the title waits for what the video shows).
They live in the session's agent memory (``MEMORY_KEY``) until a video is made.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from backend.draft import CANVAS_BY_RATIO
from backend.local import editing, styling
from backend.local.intents import Intent, parse, sentences_of, split_edits
from backend.local.lexicon import lexicon, word_pattern

__all__ = ["MEMORY_KEY", "applied", "described", "remembered", "settings_of", "with_captions"]

#: Where the kept settings wait in the session's agent memory.
MEMORY_KEY = "kept_settings"

#: Edits that are settings a video not made yet can take.
_SETTING_KINDS = frozenset({"duration", "ratio", "bgm_set", "captions_add", "look",
                            "narration"})


def _of_generation(intent: Intent) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if intent.duration_ms is not None:
        out["duration_ms"] = intent.duration_ms
    if intent.ratio in CANVAS_BY_RATIO:
        out["ratio"] = intent.ratio
    if intent.style:
        out["style"] = intent.style
    if intent.mood:
        out["mood"] = intent.mood
    if intent.look and intent.look != "none":
        out["look"] = intent.look
    if intent.captions:
        out["captions"] = intent.captions
    if intent.ask is not None and intent.ask.voice in ("on", "off"):
        out["voice"] = {"voice": intent.ask.voice, "variant": intent.ask.variant,
                        "words": intent.ask.words}
    if intent.kind == "generate" and intent.title:
        out["title"] = intent.title
    return out


def _of_edit(intent: Intent) -> dict[str, Any] | None:
    """The setting an edit asks for, or None when it is no setting a new video can take
    (a caption's own words, a voice made louder)."""
    kind = intent.kind
    if kind == "captions_add":
        if intent.text or intent.texts or intent.span is not None:
            return None
        return {"captions": "sentence" if intent.per_sentence else "scene"}
    if kind == "bgm_set":
        return {"music": True, **({"mood": intent.mood} if intent.mood else {})}
    if kind == "narration":
        ask = intent.ask
        if ask is None or ask.voice not in ("on", "off") or ask.volume is not None:
            return None
        return {"voice": {"voice": ask.voice, "variant": ask.variant, "words": ask.words}}
    out = _of_generation(intent)
    return out or None


def _subjectless(intent: Intent) -> bool:
    return intent.kind == "generate" and not (intent.prompt or intent.script
                                              or intent.uploads or intent.song)


def settings_of(message: str, lang: str) -> dict[str, Any] | None:
    """The settings ``message`` gives a video that has no subject yet, or None when it asks
    for something else too (a subject, a script, an edit of what is not there)."""
    whole = parse(message, has_video=False, session_language=lang)
    if whole.kind == "generate":
        if (whole.prompt or whole.script or whole.uploads or whole.fresh
                or whole.script_missing or whole.song):
            return None
    elif whole.kind not in _SETTING_KINDS and len(split_edits(message, lang)) < 2:
        return None
    found = _of_generation(whole) if whole.kind == "generate" else {}
    for clause in split_edits(message, lang):
        # A video asked with settings only ("Quiero un video de 20 segundos con subtítulos"),
        # else read as edits ("make the video 30 seconds long": a length, not a new video).
        intent = parse(clause, has_video=False, session_language=lang)
        if not _subjectless(intent):
            intent = parse(clause, has_video=True, session_language=lang)
        if _subjectless(intent):
            found.update(_of_generation(intent))
            continue
        if (intent.kind == "title_set" and whole.kind == "generate" and intent.text
                and intent.ask is None):
            # "做一个视频，标题是早安": the video asked for has that title. Alone ("title it
            # Morning", or beside a file to make a video of), a title is an edit, kept not.
            found["title"] = intent.text
            continue
        if intent.kind not in _SETTING_KINDS:
            return None
        setting = _of_edit(intent)
        if setting is None:
            return None
        found.update(setting)
    style, mood = found.get("style"), found.get("mood")
    lex = lexicon()
    if style in lex.styles and lex.styles[style].mood == mood:
        # One word named both ("upbeat music", "a cinematic video"): the music when the
        # message speaks of music, else the style (whose music it is anyway).
        codes = (lex.lang(lang).code, lex.default_lang)
        music = word_pattern(lex.words("bgm", codes)).search(message.lower())
        found.pop("style" if music else "mood")
    return found or None


def described(kept: dict[str, Any], lang: str) -> str:
    """``kept`` named in ``lang``, one item each ("30 s, captions for each sentence")."""
    lex = lexicon()
    items: list[str] = []
    if "duration_ms" in kept:
        items.append(lex.say("kept_seconds", lang, seconds=round(kept["duration_ms"] / 1000, 1)))
    if "ratio" in kept:
        items.append(lex.say("kept_ratio", lang, ratio=kept["ratio"]))
    if "style" in kept:
        items.append(lex.say("kept_style", lang, style=lex.label("styles", kept["style"], lang)))
    if "mood" in kept:
        items.append(lex.say("kept_mood", lang, mood=lex.label("moods", kept["mood"], lang)))
    elif kept.get("music"):
        items.append(lex.say("kept_music", lang))
    if "captions" in kept:
        items.append(lex.say(f"kept_captions_{kept['captions']}", lang))
    voice = kept.get("voice")
    if isinstance(voice, dict):
        items.append(lex.say("kept_voice", lang, on=voice.get("voice") == "on",
                             variant=voice.get("variant"), words=voice.get("words")))
    if "look" in kept:
        items.append(lex.say("kept_look", lang,
                             look=lex.lang(lang).look_names.get(str(kept["look"]), kept["look"])))
    if kept.get("title"):
        items.append(lex.say("kept_title", lang, title=kept["title"]))
    return lex.say("kept_separator", lang).join(items)


def remembered(memory: dict[str, Any]) -> dict[str, Any]:
    """The settings kept in the agent's ``memory`` (empty when none are)."""
    kept = memory.get(MEMORY_KEY)
    return dict(kept) if isinstance(kept, dict) else {}


def with_captions(state: dict[str, Any], kept: dict[str, Any], prompt: str) -> dict[str, Any]:
    """A new video's ``state`` with the captions asked before its subject, if any and it has
    none yet: the prompt's sentences in turn ("a caption for each sentence"), or one per
    scene."""
    asked = kept.get("captions")
    if not asked or editing.track_of(state["draft"], "captions"):
        return state
    texts = sentences_of(prompt) if asked == "sentence" else ()
    return editing.add_captions(state, texts, None)


def applied(intent: Intent, kept: dict[str, Any]) -> Intent:
    """``intent`` (a generation) with the kept settings where it gives none of its own."""
    if not kept:
        return intent
    voice = kept.get("voice")
    ask = intent.ask
    if ask is None and isinstance(voice, dict):
        ask = styling.Ask("narration", voice=voice.get("voice"),
                          variant=voice.get("variant"), words=voice.get("words"))
    return dataclasses.replace(
        intent,
        duration_ms=intent.duration_ms if intent.duration_ms is not None
        else kept.get("duration_ms"),
        ratio=intent.ratio or kept.get("ratio"),
        style=intent.style or kept.get("style"),
        mood=intent.mood or kept.get("mood"),
        look=intent.look or kept.get("look"),
        title=intent.title or (str(kept["title"]) if kept.get("title") else None),
        ask=ask)
