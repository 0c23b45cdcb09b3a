"""Asking for the look of titles and captions and for the narration, in nine languages.

``read_ask`` finds in a message what the user wants changed: where the title or captions
sit (top, middle, bottom), their size (bigger, smaller), their colour (by name), the dark box
behind them, the highlight of the spoken word; the narration off or on, louder or quieter, a
female or male voice. ``apply`` makes the change on a session state and words the reply
from a comparison of the state before and after, so the reply names exactly what changed (or
says nothing did). ``voice_over`` narrates a video made from a description when the prompt
asks for a voice-over.

The words and replies are data: the ``styling`` block at the top of each
``languages/<code>.yaml``; the limits are in ``styling.yaml``.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from backend.local import editing
from backend.local.lexicon import lexicon, reply_environment, with_unaccented, word_pattern
from backend.local.narration import language_of, narration_note, speaks_of_a_voice, voice_for
from backend.local.narration.timeline import DUCK, narrate_at, narrate_line, narrate_script

if TYPE_CHECKING:
    import jinja2

__all__ = ["Ask", "Done", "apply", "complaint_step", "describe", "is_only_style",
           "narration_words", "read_ask", "remember", "remembered", "size_complaint",
           "size_complaint_at", "switch_words", "variant_in", "variant_words", "voice_choices",
           "voice_over", "voiceover_words", "wants_voiceover"]

Target = Literal["title", "captions", "both", "narration"]
WORD_KEYS = ("text", "top", "middle", "bottom", "bigger", "smaller", "box", "highlight",
             "narration", "female", "male", "off", "on", "louder", "quieter", "too_quiet",
             "too_loud", "voiceover", "filler")
#: Word lists a language may leave out: "move … up" ("move" with "up"/"down": where a text
#: goes), verb endings that join two requests ("위로 올리고 내레이션 켜 줘") and a text said
#: to be too small or too big (Chinese has "太小" among its "bigger" words).
OPTIONAL_WORD_KEYS = ("move", "up", "down", "clause_ends", "only", "too_small", "too_big",
                      "level_verbs", "clause_starts", "says")
SAY_KEYS = ("pos", "size", "color", "size_limit", "box", "highlight", "highlight_unvoiced",
            "captions_added", "changed", "unchanged", "separator", "missing", "muted",
            "muted_state", "still_muted", "unmuted", "volume", "volume_limit", "duck", "voice",
            "narrated", "no_narration", "voiceover")


@dataclass(frozen=True)
class Ask:
    """What a message asks of the text's look or of the narration.

    ``size`` is +1 (bigger), -1 (smaller) or 0; ``color`` a colour's name (a key of
    ``styling.yaml``'s ``colors``); ``box``/``highlight`` None when not asked;
    ``voice`` "on"/"off" for the narration; ``louder`` +1/-1/0; ``volume`` an absolute
    narration level (0–1); ``variant`` "female"/"male".
    """

    target: Target
    pos: Literal["top", "center", "bottom"] | None = None
    size: int = 0
    color: str | None = None
    box: bool | None = None
    highlight: bool | None = None
    voice: Literal["on", "off"] | None = None
    louder: int = 0
    volume: float | None = None
    variant: Literal["female", "male"] | None = None
    #: "on" was said with a voice ("put the narration back with a female voice"): a muted
    #: narration is heard again in the new voice (a voice alone keeps it muted).
    unmute: bool = False
    #: A second ask of the same message: the narration part of "captions at the top and mute
    #: the voice", or the captions part of "the title in red and the captions at the top".
    also: Ask | None = None
    #: The words the narration is to speak, as the user gave them ("… saying: Meet SolarLite").
    words: str | None = None
    #: The narration reads the captions' own text ("que lea el subtítulo").
    read: bool = False
    #: The ids of the caption segments the look is for, when not all of them: a caption
    #: added with its colour ("add a red caption saying Sale") leaves the others as they are.
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Done:
    """The result of ``apply``: the new state (None: nothing changed), the reply, and the
    tool call that made the change."""

    state: dict[str, Any] | None
    text: str
    call: str
    args: dict[str, Any]
    memory: dict[str, Any] | None = None  # what the agent remembers, when that changes


# -- reading a request ------------------------------------------------------------------------

def _words(key: str, codes: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        out.extend(_table(code)["words"].get(key, ()))
    return tuple(dict.fromkeys(out))


def _has(key: str, text: str, codes: tuple[str, ...]) -> bool:
    return bool(word_pattern(_words(key, codes)).search(text))


def complaint_step(text: str, codes: tuple[str, ...]) -> int:
    """+1 when ``text`` (lower-cased) says a sound is too quiet ("旁白太小聲", "the music is
    too quiet"), -1 when too loud, else 0. A complaint asks the opposite of its words ("小聲"
    alone asks for quieter), so it decides over them."""
    for key, step in (("too_quiet", 1), ("too_loud", -1)):
        found = word_pattern(_words(key, codes)).search(text)
        if found is not None:
            return -step if _sets_a_level(text[:found.start()], codes) else step
    return 0


#: What ends a clause: a level verb before one of these sets nothing after it.
_CLAUSE_END = re.compile(r"[,;.!?，。；！？]")


def _sets_a_level(before: str, codes: tuple[str, ...]) -> bool:
    """Whether ``before`` (the words before a complaint's) has a verb that sets a level in
    the complaint's clause ("pon la música de fondo muy baja": the level wanted, not a
    complaint; "ponle música, está muy baja" complains)."""
    clause = _CLAUSE_END.split(before)[-1]
    # "porque está muy alta", "que está muy alta", "pois está muito baixa": a clause of its
    # own, saying why ("quiero la música más baja porque está muy alta" raised the music).
    starts = list(word_pattern(_words("clause_starts", codes)).finditer(clause))
    if starts:
        clause = clause[starts[-1].end():]
    return _has("level_verbs", clause, codes)


def size_complaint(text: str, codes: tuple[str, ...]) -> int:
    """+1 when ``text`` (lower-cased) says a text is too small ("the subtitles are too small",
    "내레이션 자막이 너무 작아요"), -1 when too big, else 0. Of a sound the same words are
    its volume (``complaint_step``): the caller knows which it names."""
    found = _size_complaint(text, codes)
    if found is None:
        return 0
    step = 1 if _has("too_small", found.group(0), codes) else -1
    # "pon el título muy pequeño": after a verb that sets a level, the size wanted (as
    # "pon la música muy baja" lowers the music).
    return -step if _sets_a_level(text[:found.start()], codes) else step


def size_complaint_at(text: str, codes: tuple[str, ...]) -> tuple[int, int] | None:
    """Where in ``text`` (lower-cased) a size complaint stands ("zu klein"), or None."""
    found = _size_complaint(text, codes)
    return (found.start(), found.end()) if found is not None else None


def _size_complaint(text: str, codes: tuple[str, ...]) -> re.Match[str] | None:
    """The first complaint of a size in ``text``, leaving out the words a text is to say
    ("make the title say Too Small", "the title should say Too Small" were made bigger)."""
    says = word_pattern(_words("says", codes))
    for found in word_pattern(_words("too_small", codes) + _words("too_big", codes)).finditer(
            text):
        before = text[max(0, found.start() - 16):found.start()].rstrip()
        last = list(says.finditer(before))
        if last and last[-1].end() == len(before):
            continue
        return found
    return None


def says_a_style(text: str, codes: tuple[str, ...]) -> bool:
    """Whether ``text`` (lower case) names a colour, a place on screen or a size ("in red",
    "at the top", "bigger"): words that style a text, never more of its words."""
    keys = ("top", "middle", "bottom", "bigger", "smaller", "too_small", "too_big")
    return (any(_has(key, text, codes) for key in keys)
            or _color_in(text, codes) is not None)


def _color_in(text: str, codes: tuple[str, ...]) -> str | None:
    """The colour the message names first ("金黄色" is gold, not the yellow inside it)."""
    found: tuple[int, int, str] | None = None
    for code in codes:
        for name, words in _table(code)["colors"].items():
            match = word_pattern(words).search(text)
            if match is not None:
                rank = (match.start(), -len(match.group(0)), name)
                found = rank if found is None or rank < found else found
    return found[2] if found is not None else None


def _switch(text: str, codes: tuple[str, ...]) -> Literal["on", "off"] | None:
    """On or off, as the message says: an explicit "on" phrase ("turn back on", "取消静音")
    is taken out first, since some hold an "off" word."""
    on = word_pattern(_words("on", codes))
    rest = on.sub(" ", text)
    # The names of the voice-over go too: "voix off" is a voice-over, not "off".
    named = word_pattern(_words("narration", codes) + _words("voiceover", codes)).sub(" ", rest)
    if _has("off", named, codes):
        return "off"
    if rest != text:
        return "on"
    # "você consegue colocar uma narração?", "tu peux ajouter une voix off ?": adding it,
    # unless something else is what is added ("add music under the narration").
    lex = lexicon()
    others = lex.words("bgm", codes) + lex.words("caption", codes) + lex.words("title", codes)
    if word_pattern(others).search(text):
        return None
    return "on" if word_pattern(lex.words("add", codes)).search(rest) else None


def read_ask(text: str, codes: tuple[str, ...], *, title: bool, caption: bool,
             louder: bool = False, quieter: bool = False, percent: float | None = None,
             split: bool = True) -> Ask | None:
    """What ``text`` (lower-cased, quotes taken out) asks of the text's look or the
    narration, in the languages ``codes``; None when it asks neither.

    ``title``/``caption`` say whether it names the title or the captions, ``louder``/
    ``quieter`` whether it has the agent's volume words, ``percent`` a percentage it gives.
    ``split``: a message naming both the look and the voice is read clause by clause (once:
    a clause naming both is about the look, "highlight the narrated word").
    """
    def has(key: str) -> bool:
        return _has(key, text, codes)

    pos: Literal["top", "center", "bottom"] | None = None
    for key, value in (("top", "top"), ("middle", "center"), ("bottom", "bottom")):
        if has(key):
            pos = value  # type: ignore[assignment]
            break
    if pos is None and (title or caption) and has("move"):
        # "move the title up": "up" is a place only beside a text and a moving verb.
        pos = "top" if has("up") else "bottom" if has("down") else None
    size = 1 if has("bigger") else -1 if has("smaller") else size_complaint(text, codes)
    color = _color_in(text, codes) if title or caption else None
    box, highlight = has("box"), has("highlight")
    variant: Literal["female", "male"] | None = (
        "female" if has("female") else "male" if has("male") else None)
    # A voice's sex asks for a narrator only in talk of a voice: "mi mujer", "meinen Mann"
    # are the user's spouse (trial 12), "a female voice", "女声" a voice.
    narration = has("narration") or (variant is not None and speaks_of_a_voice(text, codes))
    switch = _switch(text, codes)
    if switch is None and narration and has("only"):
        # "nur mit Sprecher", "just the narrator": the narration kept (or made), not muted.
        switch = "on"
    looks = bool(box or highlight or pos or color or (size and (title or caption)))
    if narration and looks and split:
        return _two_asks(text, codes, percent)
    if narration and not looks:
        louder, quieter = louder or has("louder"), quieter or has("quieter")
        step = 1 if louder and not quieter else -1 if quieter else 0
        step = complaint_step(text, codes) or step
        volume = min(1.0, max(0.0, percent / 100)) if percent is not None else None
        if variant is None and switch is None and not step and volume is None:
            return None
        return Ask("narration", voice=switch if variant is None else "on", louder=step,
                   volume=volume, variant=variant, unmute=variant is not None and switch == "on")
    if not (pos or size or color or box or highlight):
        return None
    if split and title and caption and not has("text"):
        # "the title in red and the captions at the top": each text its own ask.
        apart = [a for a in _clause_asks(text, codes, percent) if a.target != "narration"]
        other = next((a for a in apart[1:] if a.target != apart[0].target), None)
        if other is not None and "both" not in (apart[0].target, other.target):
            return replace(apart[0], also=other)
    # "caption text": the captions. "標題改成紅色，字大一點", "제목 빨간색으로 하고 글씨 크게":
    # the letters are the title's, the one text named (read as all text, the captions of a
    # video without a title were made red and bigger).
    both = (has("text") and not caption and not title) or (title and caption)
    target: Target | None = ("both" if both else "title" if title else
                             "captions" if caption or highlight else None)
    if target is None:
        return None  # "make it bigger": bigger what?
    state = switch != "off"
    return Ask(target, pos=pos, size=size, color=color, box=state if box else None,
               highlight=state if highlight else None)


def _two_asks(text: str, codes: tuple[str, ...], percent: float | None) -> Ask | None:
    """A message asking for the text's look and for the narration ("captions at the top
    and mute the voice"): each clause read alone, the two asks joined; None when the clauses
    do not separate them."""
    looks: Ask | None = None
    voice: Ask | None = None
    for found in _clause_asks(text, codes, percent):
        if found.target == "narration":
            voice = voice or found
        else:
            looks = looks or found
    if looks is None or voice is None:
        return looks or voice
    return replace(looks, also=voice)


def _clause_asks(text: str, codes: tuple[str, ...], percent: float | None) -> list[Ask]:
    """What each clause of ``text`` asks, read alone, in order."""
    lex = lexicon()
    joiners = tuple(w for code in codes for w in (*lex.lang(code).joiners,
                                                   *lex.lang(code).tails)) + _words(
        "clause_ends", codes)
    pieces = [p for p in word_pattern(joiners).split(text) if p and p.strip()]
    asks: list[Ask] = []
    for piece in pieces:
        caption = bool(word_pattern(lex.words("caption", codes)).search(piece))
        # "sous-titre" holds "titre": a title word counts only outside a caption word.
        rest = word_pattern(lex.words("caption", codes)).sub(" ", piece)
        title = bool(word_pattern(lex.words("title", codes)).search(rest))
        found = read_ask(piece, codes, title=title, caption=caption,
                         louder=bool(word_pattern(lex.words("louder", codes)).search(piece)),
                         quieter=bool(word_pattern(lex.words("quieter", codes)).search(piece)),
                         percent=percent, split=False)
        if found is not None:
            asks.append(found)
    return asks


def is_only_style(text: str, codes: tuple[str, ...]) -> bool:
    """Whether ``text`` (what follows "title"/"caption" and "to") is only style words and
    small words ("to the top"), not a text to show ("to Bottom Line")."""
    lex = lexicon()
    rest = text.lower()
    # Colours first: "白に" (white) holds the filler "に"; with the filler gone first, "白"
    # was left over and "字幕を白にして" read as a caption saying "白".
    for code in codes:
        for words in _table(code)["colors"].values():
            rest = word_pattern(words).sub(" ", rest)
    # (not a size complaint: "title: Too Small" is a text)
    for key in WORD_KEYS + OPTIONAL_WORD_KEYS:
        if key not in ("too_small", "too_big"):
            rest = word_pattern(_words(key, codes)).sub(" ", rest)
    rest = word_pattern(lex.words("polite", codes)).sub(" ", rest)
    # The texts' names and joiners too: "captions in yellow and the title in red".
    stop: list[str] = [*lex.words("title", codes), *lex.words("caption", codes)]
    for code in codes:
        stop.extend(lex.lang(code).subject["stop"])
        stop.extend(lex.lang(code).text_intros)
        stop.extend(lex.lang(code).joiners)
    rest = word_pattern(tuple(stop)).sub(" ", rest)
    return not re.sub(r"[\W_]+", "", rest)


def names_a_look(text: str, codes: tuple[str, ...]) -> bool:
    """Whether ``text`` names a look anywhere: a colour, a size, a place, the box ("Red and
    Bold", "Bigger Please"); such words after "title" are a request, not the title."""
    lower = text.lower()
    if any(word_pattern(_words(key, codes)).search(lower)
           for key in ("top", "middle", "bottom", "bigger", "smaller", "box", "highlight")):
        return True
    return any(word_pattern(words).search(lower)
               for code in codes for words in _table(code)["colors"].values())


def wants_voiceover(text: str, codes: tuple[str, ...]) -> bool:
    """Whether a generation prompt asks for a voice-over ("… with a voice-over", "带旁白")
    and not for none ("no voice-over")."""
    from backend.local.narration import wants_narration

    return _has("voiceover", text, codes) and wants_narration(text)


def switch_words(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The words that turn a look or the voice on or off ("mute", "no", "turn back on")."""
    return _words("off", codes) + _words("on", codes)


def narration_words(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The words that name the narration ("voice-over", "旁白")."""
    return _words("narration", codes)


def voiceover_words(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The words that ask for a voice-over in the languages ``codes``."""
    return _words("voiceover", codes)


def variant_words(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The words that name a voice ("female", "女声"): asked of the voice, not shown."""
    return _words("female", codes) + _words("male", codes)


def variant_in(text: str, codes: tuple[str, ...]) -> Literal["female", "male"] | None:
    return "female" if _has("female", text, codes) else "male" if _has("male", text, codes) \
        else None


# -- making the change --------------------------------------------------------------------------

def apply(ask: Ask, state: dict[str, Any], memory: dict[str, Any], lang: str) -> Done:
    """Make ``ask`` on ``state`` (a video exists); the reply is in ``lang``."""
    if ask.target == "narration":
        return _narration(ask, state, memory, lang)
    done = _text(ask, state, lang)
    if ask.also is None:
        return done
    more = apply(ask.also, done.state or state, memory, lang)
    return Done(more.state or done.state, f"{done.text}\n{more.text}", done.call or more.call,
                {**done.args, **more.args}, more.memory)


def remember(voice: Ask | None) -> dict[str, Any]:
    """What the agent keeps of a voice-over (its voice, and the words the user gave it), so
    that regenerating the video keeps it."""
    if voice is None or voice.voice != "on":
        return {}
    return {"voice_over": {"variant": voice.variant,
                           **({"words": voice.words} if voice.words else {})}}


def remembered(memory: dict[str, Any]) -> Ask | None:
    """The voice-over the remembered video had (see ``remember``), if any."""
    kept = memory.get("voice_over")
    if not isinstance(kept, dict):
        return None
    variant = kept.get("variant")
    words = kept.get("words")
    return Ask("narration", voice="on",
               variant=variant if variant in ("female", "male") else None,
               words=str(words) if isinstance(words, str) and words.strip() else None)


_ROLES = {"title": ("title", "title"), "captions": ("captions", "caption")}


def _look(track: dict[str, Any], role: str) -> dict[str, Any]:
    """The look of a text track as the renderer will draw it (its first segment)."""
    defaults = _limits()["defaults"][role]
    meta = track["sg"][0]["m"] if track.get("sg") else {}
    look = {k: meta.get(k, v) for k, v in defaults.items()}
    look["size"] = float(look["size"])
    look["color"] = str(look["color"]).lower()
    return look


def _next_size(size: float, step: int, role: str) -> float:
    ladder = [float(v) for v in _limits()["sizes"][role]]
    if step > 0:
        return next((v for v in ladder if v > size + 1e-9), size)
    return next((v for v in reversed(ladder) if v < size - 1e-9), size)


def _added_captions(state: dict[str, Any], lang: str) -> tuple[dict[str, Any], str]:
    """Captions added (one per scene, unless scenes showing the same thing share one), and
    the reply's line saying so. One caption is said to be up for the whole video only when
    it is: a caption shown for the time it takes to read says when it is shown."""
    new = editing.add_captions(state)
    draft = new["draft"]
    caps = (editing.track_of(draft, "captions") or {"sg": []})["sg"]
    made = len(caps)
    scenes = len((editing.track_of(draft, "video") or {"sg": []})["sg"])
    whole = made == 1 and int(caps[0]["s"]) <= 0 and (
        int(caps[0]["s"]) + int(caps[0]["d"]) >= int(draft.get("d") or 0))
    when = {} if made != 1 or whole else {
        "start": _secs(int(caps[0]["s"])), "end": _secs(int(caps[0]["s"]) + int(caps[0]["d"]))}
    return new, _say("captions_added", lang, n=made, per_scene=made == scenes > 1, **when)


def _text(ask: Ask, state: dict[str, Any], lang: str) -> Done:
    new = copy.deepcopy(state)
    draft = new["draft"]
    roles = ["title", "captions"] if ask.target == "both" else [ask.target]
    items: list[str] = []
    current: list[str] = []
    changed_any = False
    present = [r for r in roles if (editing.track_of(draft, r) or {}).get("sg")]
    made = False  # the captions are made by this request: placed, not moved
    if not present:
        if ask.target != "captions" or ask.pos is None:
            # "No word highlighting", "remove the box" or "字幕放大一点" with no captions asks
            # for nothing to be added: say there are none.
            return Done(None, _say("missing", lang, what=_what(ask.target, lang),
                             target=ask.target), "", {})
        # "Put the captions at the top" with none yet: captions (one per scene), there.
        new, added = _added_captions(new, lang)
        draft = new["draft"]
        present = ["captions"]
        made = True
        items.append(added)
        changed_any = True
    for role in present:
        track = editing.track_of(draft, role)
        assert track is not None
        _, kind = _ROLES[role]
        segments, what, one = _restyled(ask, role, track, lang)
        before = _look({"sg": segments}, kind)
        after = dict(before)
        if ask.pos is not None:
            after["pos"] = ask.pos
        if ask.size:
            after["size"] = _next_size(before["size"], ask.size, kind)
        if ask.color is not None:
            after["color"] = _hex(ask.color)
        if ask.box is not None:
            after["box"] = ask.box
        if role == "title":
            # A title is not spoken: it has no word to highlight.
            before.pop("highlight", None)
            after.pop("highlight", None)
        elif ask.highlight is not None:
            after["highlight"] = ask.highlight
        # Only what was asked for changes on every segment: a caption the user added at the
        # top (it overlapped another) stays there when the captions are made bigger.
        wanted = {"pos": ask.pos is not None, "size": bool(ask.size),
                  "color": ask.color is not None, "box": ask.box is not None,
                  "highlight": ask.highlight is not None}
        asked = {k: v for k, v in after.items() if wanted.get(k)}
        for sg in segments:
            sg["m"].update(asked)
        done, now = _text_items(ask, before, after, what, lang, one=one, new=made)
        items.extend(done)
        current.extend(now)
        changed_any = changed_any or before != after
        if (ask.highlight and role == "captions"
                and not any(sg["m"].get("words") for sg in track["sg"])):
            # Lit or not, such captions look the same: say why.
            items.append(_say("highlight_unvoiced", lang))
            current.append(_say("highlight_unvoiced", lang))
    if not changed_any:
        return Done(None, _say("unchanged", lang, items=_join(current, lang)), "", {})
    args = {"track": ask.target, **{k: v for k, v in (
        ("position", ask.pos), ("size", ask.size or None), ("color", ask.color), ("box", ask.box),
        ("highlight", ask.highlight)) if v is not None}}
    text = _say("changed", lang, items=_join(items, lang))
    if current:
        # "Top and white" where it was white already: the white is named, not dropped.
        text += " " + lexicon().say("style_already", lang, items=_join(current, lang))
    return Done(new, text, "set_text_style", args)


def _restyled(ask: Ask, role: str, track: dict[str, Any], lang: str
              ) -> tuple[list[dict[str, Any]], str, bool]:
    """The segments of ``track`` the look is for, what the reply calls them, and whether
    that is one thing (for agreement): all of them ("the captions"), or the captions just
    added with their look (``Ask.only``: "the new caption")."""
    if role == "captions" and ask.only:
        some = [sg for sg in track["sg"] if sg.get("id") in ask.only]
        if some:
            return some, _what("new_caption" if len(some) == 1 else "new_captions", lang), (
                len(some) == 1)
    return list(track["sg"]), _what(role, lang), role == "title"


def _text_items(ask: Ask, before: dict[str, Any], after: dict[str, Any], what: str,
                lang: str, *, one: bool = False, new: bool = False
                ) -> tuple[list[str], list[str]]:
    """What changed (named) and, for what did not, how it is (for the "nothing changed"
    reply). ``one``: ``what`` is one thing (the title), for languages whose adjectives
    agree ("el título más grande", "los subtítulos más grandes"); ``new``: ``what`` was
    just added, so where it is placed is said, not where it moved from."""
    changed: list[str] = []
    same: list[str] = []

    def pct(value: float) -> str:
        return f"{value * 100:g}"

    # A change is said as one, from what it was ("the captions moved to the top (before: at
    # the bottom)"); what was already so is said as it stands ("the captions at the top").
    if ask.pos is not None:
        where = _where(after["pos"], lang)
        if before["pos"] != after["pos"] and new:
            changed.append(_say("pos", lang, what=what, where=where))
        elif before["pos"] != after["pos"]:
            changed.append(_say("moved", lang, what=what, where=where, pos=after["pos"],
                                before=_where(before["pos"], lang), one=one))
        else:
            same.append(_say("pos", lang, what=what, where=where))
    if ask.size:
        if before["size"] != after["size"]:
            changed.append(_say("size", lang, what=what, old=pct(before["size"]),
                                new=pct(after["size"]), up=after["size"] > before["size"],
                                one=one))
        else:
            same.append(_say("size_limit", lang, what=what, new=pct(after["size"]),
                             up=ask.size > 0, one=one))
    if ask.color is not None:
        color = _color_name(after["color"], lang)
        if before["color"] != after["color"]:
            changed.append(_say("recolored", lang, what=what, color=color, one=one,
                                before=_color_name(before["color"], lang)))
        else:
            same.append(_say("color", lang, what=what, color=color))
    for key in ("box", "highlight"):
        if getattr(ask, key) is None or key not in after:
            continue
        on = bool(after[key])
        if before[key] != after[key]:
            changed.append(_say(f"{key}_set", lang, what=what, on=on))
        else:
            same.append(_say(key, lang, what=what, on=on))
    return changed, same


# -- narration ----------------------------------------------------------------------------------

def _voice_track(draft: dict[str, Any]) -> dict[str, Any] | None:
    for track in draft.get("t", []):
        if editing.is_narration(track):
            return track  # type: ignore[no-any-return]
    return None


def _voice_view(draft: dict[str, Any]) -> dict[str, Any] | None:
    """How the narration is now: volume, voice name, music level under it; None without."""
    track = _voice_track(draft)
    if track is None or not track.get("sg"):
        return None
    first = track["sg"][0]["m"]
    bgm = editing.track_of(draft, "bgm")
    duck = float(bgm["sg"][0]["m"].get("duck", 1.0)) if bgm and bgm.get("sg") else None
    return {"vol": float(first.get("vol", 1.0)), "voice": str(first.get("voice") or ""),
            "lang": str(first.get("lang") or "en"), "duck": duck,
            "layout": str(first.get("layout") or "script"),
            "texts": [str(sg["m"].get("text") or "") for sg in track["sg"]],
            "starts": [int(sg.get("s") or 0) for sg in track["sg"]]}


def _set_voice(draft: dict[str, Any], vol: float | None, duck: float | None) -> None:
    track = _voice_track(draft)
    for sg in (track or {"sg": []})["sg"]:
        if vol is not None:
            sg["m"]["vol"] = round(vol, 2)
    bgm = editing.track_of(draft, "bgm")
    for sg in (bgm or {"sg": []})["sg"]:
        if duck is not None:
            sg["m"]["duck"] = round(duck, 2)


def _narration(ask: Ask, state: dict[str, Any], memory: dict[str, Any], lang: str) -> Done:
    draft = state["draft"]
    view = _voice_view(draft)
    limits = _limits()
    if ask.words is not None or ask.read:
        return _narrate_words(ask, state, memory, lang, view)
    if view is None:
        if ask.voice == "on":
            return _narrate_anew(ask, state, memory, lang)
        subject = str(memory.get("prompt") or _first_desc(draft) or "")
        spoken = language_of(subject, lang)
        if subject and voice_for(spoken) is None:
            # No voice for the video's language: offering a voice-over would be untrue.
            return Done(None, narration_note("no_voice", lang, about=spoken), "", {})
        return Done(None, _say("no_narration", lang), "", {})
    new = copy.deepcopy(state)
    if ask.variant is not None:
        made = _respeak(new, view, ask.variant, lang)
        if isinstance(made, str):
            return Done(None, made, "", {})
        new = made
        # A new voice keeps the level (muted stays muted) and the music under it as they were,
        # unless the narration was asked back too.
        if ask.unmute and view["vol"] == 0:
            _set_voice(new["draft"], 1.0, DUCK)
        else:
            _set_voice(new["draft"], view["vol"], view["duck"])
    elif ask.voice == "off":
        _set_voice(new["draft"], 0.0, 1.0)  # no ducking under a silent voice
    elif ask.volume is not None:
        _set_voice(new["draft"], ask.volume, 1.0 if ask.volume == 0 else DUCK)
    elif ask.louder > 0:
        if view["vol"] >= 1:
            # Already as loud as it goes: said so, and nothing else is changed behind the
            # user's back (the music is theirs to lower).
            return Done(None, lexicon().say("narration_loudest", lang,
                                            vol=round(view["vol"] * 100)), "", {})
        _set_voice(new["draft"], min(1.0, view["vol"] + float(limits["voice_step"])), DUCK
                   if view["vol"] == 0 else None)
    elif ask.louder < 0:
        floor = float(limits["voice_floor"])
        if view["vol"] > floor:
            _set_voice(new["draft"], max(floor, view["vol"] - float(limits["voice_step"])),
                       None)
    elif ask.voice == "on" and view["vol"] == 0:
        _set_voice(new["draft"], 1.0, DUCK)
    after = _voice_view(new["draft"])
    assert after is not None
    items = _voice_items(view, after, int(draft.get("d") or 0), new["draft"], lang)
    if not items:
        return Done(None, _say("unchanged", lang, items=_join(_voice_now(after, ask, lang),
                                                                lang)), "", {})
    args = {k: v for k, v in (("voice", ask.voice), ("louder", ask.louder or None),
                              ("volume", ask.volume), ("variant", ask.variant)) if v is not None}
    kept = {**memory, **remember(ask)} if ask.variant is not None else None
    return Done(new, _say("changed", lang, items=_join(items, lang)), "set_narration", args,
                kept)


def describe(draft: dict[str, Any], lang: str) -> list[str]:
    """What the user changed of the text's look and of the narration, in ``lang``: where the
    title and captions stand, their size, box and highlight when not as made, the voice that
    reads the narration and whether it is muted (for "what's in my video?")."""
    items: list[str] = []
    defaults = _limits()["defaults"]
    for role, (_, kind) in _ROLES.items():
        track = editing.track_of(draft, role)
        if track is None or not track.get("sg"):
            continue
        look = _look(track, kind)
        # As the agent makes it: a new title or caption carries the agent's own size.
        usual = {**defaults[kind], "size": float(lexicon().defaults.get(
            f"{kind}_size", defaults[kind]["size"]))}
        what = _what(role, lang)
        if look["pos"] != usual["pos"]:
            items.append(_say("pos", lang, what=what, where=_where(look["pos"], lang)))
        if abs(look["size"] - float(usual["size"])) > 1e-9:
            items.append(_say("size", lang, what=what, old=f"{float(usual['size']) * 100:g}",
                              new=f"{look['size'] * 100:g}", up=look["size"] > usual["size"],
                              one=role == "title"))
        if look["color"] != str(usual["color"]).lower():
            items.append(_say("color", lang, what=what, color=_color_name(look["color"], lang)))
        if bool(look["box"]) != bool(usual["box"]):
            items.append(_say("box", lang, what=what, on=bool(look["box"])))
        if role == "captions" and bool(look["highlight"]) != bool(usual["highlight"]):
            items.append(_say("highlight", lang, what=what, on=bool(look["highlight"])))
    view = _voice_view(draft)
    if view is not None:
        items.append(lexicon().say("answer_voice", lang, voice=_voice_label(view["voice"], lang),
                                   muted=view["vol"] == 0))
    return items


def voice_choices(lang: str) -> dict[str, Any]:
    """The narration voices this computer offers for ``lang``, for "which voices are
    there?": their names in ``lang`` (the standard voice, then each variant), the engine's
    voice, and whether the engine is installed. No voice: an empty list."""
    from importlib.util import find_spec

    from backend.local.narration import voice_for

    code = lexicon().lang(lang).code
    voice = voice_for(code)
    if voice is None:
        return {"voices": [], "voice": "", "engine": False}
    labels = _table(code)["says"]["voices"]
    variants = ["default", *(str(v) for v in _voices()["variants"])]
    return {"voices": [str(labels[v]) for v in variants if v in labels], "voice": voice.name,
            "engine": find_spec("espeakng_loader") is not None}


def _variant_of(voice: str) -> str:
    suffixes = {str(v): str(k) for k, v in _voices()["variants"].items()}
    return suffixes.get(voice.partition("+")[2], "default")


def _voice_label(voice: str, lang: str) -> str:
    return str(_table(lang)["says"]["voices"][_variant_of(voice)])


def _voice_items(before: dict[str, Any], after: dict[str, Any], old_ms: int,
                 draft: dict[str, Any], lang: str) -> list[str]:
    items = []
    if before["voice"] != after["voice"] or before["texts"] != after["texts"]:
        # The length is news only when the new voice changed it.
        new_ms = int(draft.get("d") or 0)
        items.append(_say("voice", lang, voice=_voice_label(after["voice"], lang),
                          respoken=True, seconds=_secs(new_ms) if new_ms != old_ms else ""))
        if before["vol"] == after["vol"] == 0:
            # Not a change, but "spoken again" alone read as if the voice were back.
            items.append(_say("still_muted", lang))
    if before["vol"] != after["vol"]:
        if after["vol"] == 0:
            items.append(_say("muted", lang))
        elif before["vol"] == 0:
            items.append(_say("unmuted", lang, vol=round(after["vol"] * 100)))
        else:
            items.append(_say("volume", lang, old=round(before["vol"] * 100),
                              new=round(after["vol"] * 100)))
    if before["duck"] != after["duck"] and after["duck"] is not None and after["vol"] > 0 \
            and before["vol"] > 0:
        items.append(_say("duck", lang, old=round((before["duck"] or 1) * 100),
                          new=round(after["duck"] * 100)))
    return items


def _voice_now(view: dict[str, Any], ask: Ask, lang: str) -> list[str]:
    if ask.variant is not None:
        return [_say("voice", lang, voice=_voice_label(view["voice"], lang), respoken=False,
                     seconds="")]
    if view["vol"] == 0:
        return [_say("muted_state", lang)]
    if ask.louder < 0:
        return [_say("volume_limit", lang, vol=round(view["vol"] * 100))]
    return [_say("unmuted", lang, vol=round(view["vol"] * 100))]


def _respeak(state: dict[str, Any], view: dict[str, Any], variant: str, lang: str
             ) -> dict[str, Any] | str:
    """The narration spoken again with ``variant``: a new state, or the reply saying why
    not."""
    if _variant_of(view["voice"]) == variant:
        return state  # the comparison then finds nothing changed and says so
    spoken_lang = view["lang"]
    if view["layout"] == "captions":
        new, note = narrate_at(state, list(zip(view["starts"], view["texts"], strict=True)),
                               spoken_lang, reply_lang=lang, variant=variant)
    elif view["layout"] == "line":
        new, note = narrate_line(state, view["texts"][0], spoken_lang, reply_lang=lang,
                                 variant=variant)
        if note is None:
            _keep_own_captions(state, new, view["texts"])
    else:
        new, note = narrate_script(state, view["texts"], spoken_lang, reply_lang=lang,
                                   variant=variant, duration_ms=int(state["draft"].get("d") or 0))
        if note is None:
            new = _scene_lengths_kept(state, new)
    return note if note is not None else new


def _scene_lengths_kept(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``after`` (the script read again) with the scenes as long as they were in ``before``:
    a script read anew lays its scenes out by its sentences, which threw away the lengths the
    user had set (trial 23: scenes of 3 and 4 s became 4.8 and 4.5 s, unsaid). Each sentence
    keeps its place in its scene; ``after`` as it is when they would not fit."""
    lengths = editing.clip_lengths(before["draft"])
    laid = editing.clip_lengths(after["draft"])
    if not lengths or laid == lengths or len(laid) != len(lengths):
        return after
    kept = editing.set_clip_lengths(after, lengths)
    return after if kept is None else kept[0]


def _keep_own_captions(before: dict[str, Any], after: dict[str, Any],
                       spoken: list[str]) -> None:
    """Put back in ``after`` the captions of ``before`` that did not show the narration's
    words (ones the user added): a line spoken again in another voice gets its caption anew,
    and once took every other caption with it, unsaid (trial 11)."""
    old = editing.track_of(before["draft"], "captions")
    said = set(spoken)
    mine = [copy.deepcopy(sg) for sg in (old or {}).get("sg", [])
            if str(sg["m"].get("text") or "") not in said]
    track = editing.track_of(after["draft"], "captions")
    if not mine or track is None:
        return
    taken = {str(sg.get("id")) for sg in track["sg"]}
    for n, sg in enumerate(mine, start=1):
        if str(sg.get("id")) in taken:
            sg["id"] = f"sg_caption_own_{n}"
        taken.add(str(sg["id"]))
    for line in track["sg"]:
        # A slower voice reads longer: its caption ends where the user's next one starts,
        # never drawn over it.
        start = int(line.get("s") or 0)
        later = [int(sg.get("s") or 0) for sg in mine if int(sg.get("s") or 0) > start]
        if later and start + int(line["d"]) > min(later):
            line["d"] = min(later) - start
    track["sg"] = sorted([*track["sg"], *mine], key=lambda sg: int(sg.get("s") or 0))


def _narrate_anew(ask: Ask, state: dict[str, Any], memory: dict[str, Any], lang: str) -> Done:
    """Narration asked for on a video that has none: its script read aloud, else its
    subject."""
    script = [str(s) for s in memory.get("script") or ()]
    own = editing.track_of(state["draft"], "captions")
    captioned = True
    if script:
        base = state if (editing.track_of(state["draft"], "captions") or {}).get("sg") \
            else editing.add_captions(state)
        # The length the video has stays when the voice fits in it (the scenes follow the
        # sentences within it), as it does for a script narrated from the start.
        new, note = narrate_script(base, script, language_of(" ".join(script)), reply_lang=lang,
                                   variant=ask.variant,
                                   duration_ms=int(state["draft"].get("d") or 0) or None)
        text = _sentences(script)
    else:
        subject = str(memory.get("prompt") or _first_desc(state["draft"]) or "")
        if not subject:
            return Done(None, _say("no_narration", lang), "", {})
        new, line = voice_over(state, subject, lang, ask.variant)
        note = line if new is state else None
        text = _spoken(subject)
        if own is not None and own.get("sg") and note is None:
            # The user's own captions are kept: the spoken line goes uncaptioned.
            kept = editing.track_of(new["draft"], "captions")
            assert kept is not None
            kept["sg"] = copy.deepcopy(own["sg"])
            captioned = False
    if note is not None:
        return Done(None, note, "", {})
    view = _voice_view(new["draft"])
    voice = _voice_label(view["voice"] if view else "", lang)
    new_ms = int(new["draft"].get("d") or 0)
    # The length is news only when the narration changed it (a script's scenes follow it).
    reply = _say("narrated", lang, text=text, voice=voice, captioned=captioned,
                 seconds=_secs(new_ms) if new_ms != int(state["draft"].get("d") or 0) else "")
    return Done(new, _say("changed", lang, items=reply), "add_narration",
                {"variant": ask.variant} if ask.variant else {}, {**memory, **remember(ask)})


def _narrate_words(ask: Ask, state: dict[str, Any], memory: dict[str, Any], lang: str,
                   view: dict[str, Any] | None) -> Done:
    """The narration speaks the words the user gave ("… saying: Meet SolarLite"), or the
    captions' own text ("que lea el subtítulo"), in the voice asked for (else the one it had).
    The reply quotes what will be spoken."""
    variant = ask.variant or (_variant_of(view["voice"]) if view else None)
    variant = None if variant == "default" else variant
    own = editing.track_of(state["draft"], "captions")
    captions = [sg for sg in (own or {}).get("sg", []) if str(sg["m"].get("text") or "").strip()]
    if ask.read:
        if not captions:
            return Done(None, narration_note("no_captions_to_read", lang), "", {})
        lines = [(int(sg["s"]), str(sg["m"]["text"])) for sg in captions]
        text = " ".join(t for _, t in lines)
        new, note = narrate_at(state, lines, language_of(text, lang), reply_lang=lang,
                               variant=variant)
        captioned = True
    else:
        text = " ".join(str(ask.words).split())
        new, note = narrate_line(state, text, language_of(text, lang), reply_lang=lang,
                                 variant=variant)
        # Captions the user wrote stay; a caption that only showed the old narration gives
        # way to the new words.
        spoken = set(view["texts"]) if view else set()
        mine = [sg for sg in captions if str(sg["m"]["text"]) not in spoken]
        captioned = not mine
        if note is None and mine and own is not None:
            kept = editing.track_of(new["draft"], "captions")
            assert kept is not None
            kept["sg"] = copy.deepcopy(own["sg"])
    if note is not None:
        return Done(None, note, "", {})
    after = _voice_view(new["draft"])
    voice = _voice_label(after["voice"] if after else "", lang)
    if view is not None and view["vol"] == 0:
        _set_voice(new["draft"], 0.0, 1.0)  # muted stays muted: only the words changed
    new_ms = int(new["draft"].get("d") or 0)
    # Words in place of others are a change, said with what the voice said before.
    old = _sentences(view["texts"]) if view is not None else ""
    reply = _say("narrated", lang, text=text, voice=voice, captioned=captioned, old=old,
                 seconds=_secs(new_ms) if new_ms != int(state["draft"].get("d") or 0) else "")
    if view is not None and view["vol"] == 0:
        reply = f"{reply}; {_say('still_muted', lang)}"
    # The words given are what the voice says when the video is made again.
    kept_memory = {**memory, "voice_over": {"variant": variant,
                                            **({} if ask.read else {"words": text})}}
    if "duration_ms" in memory:
        kept_memory["duration_ms"] = new_ms  # made again, the video keeps this length
    return Done(new, _say("changed", lang, items=reply), "set_narration",
                {"text": text, **({"variant": variant} if variant else {})}, kept_memory)


def _sentences(script: list[str]) -> str:
    """A script's sentences as one text, each ending as a sentence does."""
    ends = (".", "!", "?", "…", "。", "！", "？")
    parts = []
    for sentence in script:
        text = sentence.strip()
        cjk = re.search(r"[\u3040-\u30ff\u3400-\u9fff]$", text) is not None
        parts.append(text if text.endswith(ends) else text + ("。" if cjk else "."))
    joined = "".join(parts) if all(re.search(r"[\u3040-\u30ff\u3400-\u9fff]", p)
                                   for p in parts) else " ".join(parts)
    return joined


def voice_over(state: dict[str, Any], subject: str, lang: str,
               variant: str | None = None) -> tuple[dict[str, Any], str | None]:
    """A video made from a description, narrated: its subject spoken as one short sentence
    at the start, captioned while it is spoken. Returns the state and the reply's line
    (what is narrated, or why there is no narration)."""
    text = _spoken(subject)
    if not text:
        return state, None
    new, note = narrate_line(state, text, language_of(text, lang), reply_lang=lang,
                             variant=variant)
    if note is not None:
        return state, note
    view = _voice_view(new["draft"])
    voice = _voice_label(view["voice"] if view else "", lang)
    return new, _say("voiceover", lang, text=text, voice=voice)


def _spoken(subject: str) -> str:
    """The subject as a sentence to speak: first letter up, a full stop at the end."""
    text = " ".join(subject.split()).strip(" ,;:—-·")
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    if re.search(r"[\u3040-\u30ff\u3400-\u9fff]$", text):
        return text + "。"
    return text if text[-1] in ".!?。！？" else text + "."


def _first_desc(draft: dict[str, Any]) -> str | None:
    track = editing.track_of(draft, "video")
    if not track or not track["sg"]:
        return None
    return str(track["sg"][0]["m"].get("desc") or "") or None


# -- words and replies --------------------------------------------------------------------------

def _secs(ms: int) -> float:
    """Seconds to one decimal; the reply template writes them in its language."""
    return round(ms / 1000, 1)


def _what(target: str, lang: str) -> str:
    return str(_table(lang)["says"]["what"][target])


def _where(pos: str, lang: str) -> str:
    return str(_table(lang)["says"]["where"][pos])


def _hex(name: str) -> str:
    return str(_limits()["colors"][name]).lower()


def _color_name(value: str, lang: str) -> str:
    """A colour as the user would name it: ours by name, any other (set through the API) as
    its ``#rrggbb``."""
    names = {str(v).lower(): k for k, v in _limits()["colors"].items()}
    name = names.get(value.lower())
    return str(_table(lang)["says"]["colors"][name]) if name else value


def _join(items: list[str], lang: str) -> str:
    return str(_table(lang)["says"]["separator"]).join(items)


def _say(key: str, lang: str, **values: Any) -> str:
    code = lexicon().lang(lang).code
    return _template(code, key).render(**values, _lang=code).strip()


@functools.cache
def _env() -> jinja2.Environment:
    return reply_environment()


@functools.cache
def _template(code: str, key: str) -> jinja2.Template:
    return _env().from_string(str(_table(code)["says"][key]))


@functools.cache
def _table(code: str) -> dict[str, Any]:
    """The ``styling`` block of a language, checked: every word list and reply present."""
    lex = lexicon()
    lang = lex.lang(code)
    block = lang.styling
    where = f"languages/{lang.code}.yaml styling"
    words = block.get("words")
    says = block.get("says")
    if not isinstance(words, dict) or not isinstance(says, dict):
        raise ValueError(f"{where}: needs words and says")
    missing = [k for k in WORD_KEYS if k not in words] + [k for k in SAY_KEYS if k not in says]
    for group, keys in (("what", ("title", "captions", "both")),
                        ("where", ("top", "center", "bottom")),
                        ("colors", tuple(_limits()["colors"])),
                        ("voices", ("default", "female", "male"))):
        table = says.get(group)
        if not isinstance(table, dict):
            missing.append(group)
        else:
            missing += [f"{group}.{k}" for k in keys if k not in table]
    if missing:
        raise ValueError(f"{where}: missing {missing}")
    checked: dict[str, tuple[str, ...]] = {}
    for key in WORD_KEYS + OPTIONAL_WORD_KEYS:
        listed = words.get(key) or []
        bad = [w for w in listed if isinstance(w, bool) or not isinstance(w, str | int)]
        if not isinstance(listed, list) or bad:
            # YAML reads a bare no/on/off as a boolean: the word would be lost.
            raise ValueError(f"{where}: words.{key} must be a list of words (quote {bad})")
        checked[key] = tuple(str(w).lower() for w in listed)
        if key in lang.unaccented_styling:
            checked[key] = with_unaccented(checked[key])  # "enleve le fond": "enlève"
    named = block.get("colors")
    if not isinstance(named, dict) or set(named) != set(_limits()["colors"]):
        raise ValueError(f"{where}: colors needs words for each of {sorted(_limits()['colors'])}")
    colors = {str(k): tuple(str(w).lower() for w in v or ()) for k, v in named.items()}
    return {"words": checked, "says": says, "colors": colors}


@functools.cache
def _limits() -> dict[str, Any]:
    from backend.datacache import load_yaml

    return dict(load_yaml(Path(__file__).with_name("styling.yaml")))


@functools.cache
def _voices() -> dict[str, Any]:
    from backend.datacache import load_yaml

    return dict(load_yaml(Path(__file__).parent / "narration" / "voices.yaml"))


def check_tables() -> None:
    """Load and check every language's styling block and every reply template (for tests
    and start-up checks)."""
    for code in lexicon().codes:
        table = _table(code)
        for key in SAY_KEYS:
            _template(code, key)
        del table
