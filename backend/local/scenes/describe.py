"""Turn a scene's sentence (in any of the nine languages) into a :class:`SceneSpec`.

Data, not code: ``concepts.yaml`` says what a concept puts in the picture, and one file per
language in ``lexicon/`` lists the words for each concept and the labels used in the summary.
Latin-script words match whole (a plural ending also matches; ``*`` at either end matches
compounds); Chinese, Japanese and Korean words match as substrings, since those scripts do
not put spaces between words. A ``…`` in a word stands for a few words (or characters) in
between: "die sonne geht … auf" matches "Die Sonne geht über dem See auf", "太阳…升起"
matches "太阳从湖面升起". A lexicon's ``ignore`` list names idioms that only look like
concept words (French "en train de"); they are blanked before any language matches.

What a sentence does not say comes from the prompt around it (a script's sentence about
"the first stars" keeps the prompt's mountains), then from plain defaults.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backend.local.scenes.data import load_table
from backend.local.scenes.spec import (
    OWN_PARTICLES,
    OWN_SUBJECTS,
    PARTICLES,
    SEASONS,
    STYLES,
    SUBJECTS,
    TERRAINS,
    TIMES,
    WATERS,
    WEATHERS,
    SceneSpec,
)

__all__ = ["APOSTROPHES", "OWN_WORDS", "SCENE_LANGS", "describe_scene", "is_lively",
           "names_things", "summarize", "unseen_labels"]

SCENE_LANGS = ("en", "zh-Hans", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko")
_SUBSTRING_LANGS = frozenset({"zh-Hans", "zh-Hant", "ja", "ko"})
#: Of those, the one that writes spaces between words: a bare noun ending a Korean phrase
#: ("바다 위의 배") is a word of its own, not the end of a longer one (준비 is no rain, 비).
_SPACED_LANGS = frozenset({"ko"})
_SCALARS = {"time": TIMES, "weather": WEATHERS, "water": WATERS, "season": SEASONS}
_LISTS = {"terrain": TERRAINS, "particles": PARTICLES, "subjects": SUBJECTS}
_LATIN_PLURAL = r"(?:s|es|x)?"
#: What a ``…`` in a word stands for: up to five words in between (Latin scripts), up to
#: eight characters (Chinese, Japanese, Korean).
_GAP = "…"
_LATIN_GAP = r"(?!\w)(?:\W+\w+){0,5}?\W+"
_SUBSTRING_GAP = r".{0,8}?"
#: Typographic apostrophes, read as the plain one (one character each: positions stay).
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
#: Where a lexicon word's article or particle has no room, the word stands bare: at the start
#: of a clause for a leading article (a subject extracted without it: "phare au bord de la
#: mer"), at the end of one for a trailing particle ("夕暮れの港"). These marks, inside the
#: table only, say a word matches there alone.
_AT_START, _AT_END = "\x02", "\x03"
_CLAUSE_START = r"(?:^|(?<=[.,;:!?¡¿«»\"“”()\n—–]))\s*"
_CLAUSE_END = r"(?=\s*(?:$|[.,;:!?。、，．！？…「」『』()（）\n]))"
#: What a scene takes only from its own sentence or from words said of the whole video.
_SENTENCE_OWN = ("weather",)


@dataclass(frozen=True)
class _Language:
    lang: str
    #: (concept, word, the letters every match of the word contains)
    words: tuple[tuple[str, str, str], ...]
    labels: dict[str, str]
    markers: frozenset[str]  # characters that only this language writes
    ignore: tuple[re.Pattern[str], ...]  # phrases that only look like concept words
    #: (thing, word, letters) for things no drawing shows (the lexicon's ``unseen`` table)
    unseen: tuple[tuple[str, str, str], ...] = ()
    unseen_labels: dict[str, str] | None = None
    #: (concept, case-sensitive pattern) for place names that look like a concept word:
    #: "no Rio" is the city, not a river ("rio"); matched on the text as written.
    places: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: Words of a lively subject or feel (a party, samba, 熱鬧): the video is upbeat.
    lively: tuple[tuple[str, str, str], ...] = ()
    #: How to find the things a sentence names that no word of the lexicon knows.
    nouns: _Nouns | None = None
    #: Comparisons that name weather without it ("hangs in the air like snow", "像雪一样"):
    #: blanked as idioms are, unless a word of ``wishes`` stands just before ("I'd like snow").
    similes: tuple[re.Pattern[str], ...] = ()
    wishes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Nouns:
    """A lexicon's ``nouns`` table: where a thing's name stands in a sentence of the
    language, so that a thing no lexicon word knows (a knight, headphones, 騎士) is said
    to be missing from the picture instead of silently left out.

    ``order`` says where a noun phrase's head is: ``last`` (English: "product showcase"),
    ``first`` (French, Spanish, Portuguese: "un chevalier breton"), ``capital`` (German: the
    capitalised word), ``particle`` (Japanese, Korean: the word a subject or object particle
    follows, or the one that ends the phrase), ``classifier`` (Chinese: the word after a
    number and its classifier, or after the last 的)."""

    order: str
    determiners: frozenset[str]  # words a noun phrase starts after
    stops: frozenset[str]  # words (or characters) that end one
    adjectives: frozenset[str]  # words before a head that are not the thing
    not_things: frozenset[str]  # the video itself, its sound, its mood: no thing to draw
    particles: tuple[str, ...] = ()
    #: Words of purpose ("para", "pour", "to") after which a word with one of
    #: ``verb_endings`` (any word, when there are none) is a verb: what the video is for
    #: ("para enseñar a mis clientes"), no thing to draw.
    verbs_after: frozenset[str] = frozenset()
    verb_endings: tuple[str, ...] = ()
    #: Determiners that hold a preposition ("al", "au", "na"): a word with a verb's ending
    #: before one is a thing in a place ("un collar al cuello", "un boulanger au marché"),
    #: not a verb and its object.
    contractions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Hit:
    pos: int
    concept: str
    end: int = -1


def describe_scene(
    sentence: str, *, context: str = "", style: str = "cinematic", lang: str | None = None,
    overall: str | None = None, earlier: Sequence[str] = (),
) -> SceneSpec:
    """The scene ``sentence`` describes, filled in from ``context`` (the whole prompt).

    Weather is the sentence's own, else what ``overall`` says of the whole video (a script's
    "a rainy video with this script:"; by default ``context``): the rain of a script's second
    sentence does not fall in its third. ``lang`` picks the summary's language; by default
    the language whose words matched the sentence (or the context) best, English when none
    did.

    In a script (``overall`` given), a sentence that names no time of day keeps the time of
    the last of its ``earlier`` sentences that named one, else the one said of the whole
    video: a story that ends "at night" does not start at night.
    """
    own_lang, own = _parse(sentence)
    # Named things nothing draws: only the sentence's own in a script (its other sentences
    # do not name the castle), so the reply can say which are missing from the picture.
    unseen = tuple(own.pop("unseen", ()))
    where: dict[str, int] = own.pop("unseen_at", {})
    # A prompt (no script: what is said of the whole video is the context itself) is one
    # scene shot several ways: what its other clauses name ("…, with gulls flying",
    # "要有很多人在逛") is in every shot, and is missing from all.
    one_scene = bool(context) and overall == context
    # A city a script names in one sentence ("Mais um dia começa no Rio.") is that
    # sentence's: its beach and its sky are not drawn as a skyline.
    ctx_lang, ctx = (_parse(context, places=one_scene) if context and context != sentence
                     else ("", {}))
    if one_scene:
        unseen = tuple(dict.fromkeys((*unseen, *ctx.pop("unseen", ()))))
    if overall is not None and overall != context:
        whole = _parse(overall)[1] if overall and overall != sentence else {}
        ctx = {**ctx, **{k: whole.get(k) for k in _SENTENCE_OWN}}
    if (overall is not None and earlier and "weather" not in own
            and "umbrellas" in (own.get("subjects") or ())):
        # People holding umbrellas up just after it rained ("这座城市在雨里醒来，街上的行人撑着
        # 伞…") walk in that rain.
        wet = _parse(earlier[-1])[1].get("weather")
        if wet in ("rain", "storm"):
            own = {**own, "weather": wet}
    if overall is not None and "time" not in own:
        before = (_parse(text)[1].get("time") for text in reversed(earlier))
        ctx = {**ctx, "time": next((t for t in before if t), None)
               or (_parse(overall)[1].get("time") if overall else None)}
    fields: dict[str, Any] = {}
    for name in _SCALARS:
        value = own.get(name) or ctx.get(name)
        if value:
            fields[name] = value
    for name in _LISTS:
        shared = ctx.get(name) or []
        if name == "subjects" and not one_scene:
            shared = [s for s in shared if s not in OWN_SUBJECTS]
        if name == "particles" and not one_scene:
            shared = [s for s in shared if s not in OWN_PARTICLES]
        values = own.get(name) or shared
        if one_scene:
            values = list(dict.fromkeys((*(own.get(name) or ()), *shared)))
        fields[name] = tuple(values)
    _complete(fields)
    if "bowl" in fields["subjects"]:
        unseen = tuple(u for u in unseen if u != "counter")  # the bowl stands on one
    # A script's short sentence says less of its language than the whole prompt ("Os barcos
    # saem para o mar" reads as Spanish alone).
    guess = (ctx_lang or own_lang) if overall is not None else (own_lang or ctx_lang)
    chosen = lang if lang in SCENE_LANGS else (guess or "en")
    # And those no lexicon knows, in the sentence's own words (a knight, headphones): the
    # reply names them too, rather than leave them silently out of the picture.
    said = _unnamed(sentence, chosen if lang in SCENE_LANGS or guess else _guess(sentence))
    # In the order the sentence names them ("knight riding a horse to a castle": the knight
    # first); what only the rest of the prompt names after.
    where = {**where, **said}
    unseen = tuple(sorted(dict.fromkeys((*unseen, *said)),
                          key=lambda k: where.get(k, len(sentence) * 4 + 1)))
    spec = SceneSpec(
        time=fields.get("time", "day"),
        weather=fields.get("weather", "clear"),
        terrain=fields["terrain"],
        water=fields.get("water", "none"),
        particles=fields["particles"],
        subjects=fields["subjects"],
        season=fields.get("season", "any"),
        style=style if style in STYLES else "cinematic",
        lang=chosen,
        unseen=unseen,
    )
    return SceneSpec(**{**_spec_fields(spec), "summary": summarize(spec, chosen)})


def summarize(spec: SceneSpec, lang: str) -> str:
    """A short list of what the scene shows, in ``lang`` (English for an unknown language)."""
    labels = _languages().get(lang, _languages()["en"]).labels
    parts = [spec.time]
    if spec.weather != "clear":
        parts.append(spec.weather)
    parts += [*spec.terrain]
    if spec.water != "none":
        parts.append(spec.water)
    parts += [p for p in spec.subjects if p not in ("trees", "buildings") or not spec.terrain]
    parts += [p for p in spec.particles if p not in ("rain", "snow", "fog")]
    if spec.season != "any":
        parts.append(spec.season)
    if "children" in spec.subjects:
        parts = [p for p in parts if p != "crowd"]  # the crowd is the children
    seen: list[str] = []
    for p in parts:
        label = labels.get(p, p)
        if label not in seen:
            seen.append(label)
    return " · ".join(seen)


def unseen_labels(keys: Sequence[str], lang: str) -> list[str]:
    """What ``lang`` calls each of the unseen things ``keys`` (English for an unknown
    language; a key no lexicon knows is left out)."""
    labels = _languages().get(lang, _languages()["en"]).unseen_labels or {}
    return [labels[k] if k in labels else k[len(OWN_WORDS):] for k in dict.fromkeys(keys)
            if k in labels or (k.startswith(OWN_WORDS) and len(k) > len(OWN_WORDS))]


def _guess(sentence: str) -> str:
    """The language of a sentence no lexicon word matched ("our new headphones"): the one
    whose script, or whose little words, it is written in."""
    if any("\uac00" <= ch <= "\ud7a3" for ch in sentence):
        return "ko"
    if any("\u3040" <= ch <= "\u30ff" for ch in sentence):
        return "ja"
    if any("\u4e00" <= ch <= "\u9fff" for ch in sentence):
        return "zh-Hans"
    # In a Latin script, the language whose little words (articles, prepositions) it uses
    # most: "un caballero con su espada" is Spanish.
    words = _LATIN_TOKEN.findall(sentence.casefold().translate(APOSTROPHES))
    best, most = "en", 0
    for language in _languages().values():
        nouns = language.nouns
        if nouns is None or nouns.order in ("particle", "classifier"):
            continue
        count = sum(1 for w in words if w in nouns.determiners or w in nouns.stops
                    or w in nouns.not_things)
        if count > most:
            best, most = language.lang, count
    return best


def _spec_fields(spec: SceneSpec) -> dict[str, Any]:
    return {k: getattr(spec, k) for k in (
        "time", "weather", "terrain", "water", "particles", "subjects", "season", "style", "lang",
        "unseen",
    )}


def _complete(fields: dict[str, Any]) -> None:
    # Weather that falls shows as particles; a scene that names no terrain gets some, so
    # there is always a horizon and something in front of the sky.
    weather = fields.get("weather")
    particles = list(fields["particles"])
    if weather in ("rain", "storm", "snow", "fog"):
        kind = "rain" if weather == "storm" else weather
        if kind not in particles:
            particles.insert(0, kind)
    if "rainbow" in fields["subjects"] and fields.get("time") == "night":
        # A rainbow needs the sun: at night there is none to draw (the renderer leaves it
        # out too), so the description does not promise one.
        fields["subjects"] = tuple(s for s in fields["subjects"] if s != "rainbow")
    if "rainbow" in fields["subjects"] and weather in ("rain", "storm"):
        # A rainbow shows when the rain stops and the sun comes through: the clouds stay,
        # the rain does not.
        fields["weather"] = "cloudy"
        particles = [p for p in particles if p != "rain"]
    fields["particles"] = tuple(particles)
    if "palms" in fields["subjects"]:
        # "palm trees", "椰子树": the tree the word holds is the palm.
        fields["subjects"] = tuple(s for s in fields["subjects"] if s != "trees")
    if "crowd" in fields["subjects"]:
        # "kids running around" names a kid and kids: the crowd has them all.
        fields["subjects"] = tuple(s for s in fields["subjects"] if s != "person")
    if fields.get("water") == "sea" and "dunes" in fields["terrain"]:
        # Sand by the sea is a beach ("pela areia" in a script about the bay), not dunes.
        terrain = [t for t in fields["terrain"] if t != "dunes"]
        fields["terrain"] = tuple(terrain if "coast" in terrain else ["coast", *terrain])
    if not fields["terrain"]:
        # By the sea that is a beach; anywhere else, hills (on a lake, its far shore).
        fields["terrain"] = ("coast",) if fields.get("water") == "sea" else ("hills",)


def _parse(text: str, *, places: bool = True) -> tuple[str, dict[str, Any]]:
    """The best-matching language and the fields its words set in ``text`` (with the
    concepts of the place names in it unless ``places`` is false: they are blanked all the
    same)."""
    if not text.strip():
        return "", {}
    text, found, lowered = _prepared(text)
    named = list(found) if places else []
    best_lang, best_hits, best_score = "", [], 0
    best_things: list[_Hit] = []
    for language in _languages().values():
        hits, score = _language_matches(language.lang, "words", lowered)
        # A place is the same place whatever the language around it.
        hits = [*hits, *named]
        score += sum(h.end - h.pos for h in named)
        things, unseen_score = _language_matches(language.lang, "unseen", lowered)
        # Inside a longer word, a thing is that word's: "ramen shop" is a shop front.
        things = [t for t in _outermost([*things, *hits]) if t in things]
        score += unseen_score + sum(1 for ch in lowered if ch in language.markers)
        if score > best_score:
            best_lang, best_hits, best_score = language.lang, hits, score
            best_things = things
    fields: dict[str, Any] = {}
    concepts = _concepts()
    # At one place the longer word wins: "soleil se lève" (dawn) over its "soleil" (day).
    for hit in sorted(best_hits, key=lambda h: (h.pos, h.pos - h.end)):
        for name, value in concepts[hit.concept].items():
            if name in _SCALARS:
                fields.setdefault(name, value)
            else:
                bucket: list[str] = fields.setdefault(name, [])
                bucket.extend(v for v in value if v not in bucket)
    if best_things:
        first_at: dict[str, int] = {}
        for h in sorted(best_things, key=lambda h: h.pos):
            first_at.setdefault(h.concept, h.pos)
        fields["unseen"] = list(first_at)
        fields["unseen_at"] = first_at
    return best_lang, fields


#: What marks an unseen thing the lexicons do not know, named in the sentence's own words
#: ("~knight"): its label is those words.
OWN_WORDS = "~"
#: A word of a Latin script; an elided article is a word of its own ("d'", "l'").
_LATIN_TOKEN = re.compile(r"\w+(?:-\w+)*'?")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u30a0-\u30ffー々]+")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
#: Kana that end a verb's or an adjective's stem, never a particle: one kanji after them is
#: the end of that word (思い出), more are a noun the verb describes (向かう騎士).
_OKURIGANA = frozenset("いうきくけしすせりるれえめみ")
#: A number or a demonstrative and a classifier: a noun follows (一位骑士, 两只猫).
_CLASSIFIED = re.compile("[一两二三四五几这那每]"
                         "[个個只隻位座辆輛匹条條棵头頭名间間栋棟艘架台件张張把本朵]")


def _unnamed(sentence: str, lang: str) -> dict[str, int]:
    """What → where of the things ``sentence`` names, in ``lang``, that no word of its lexicon
    knows (neither a concept nor a known unseen thing), in its own words: "knight riding a
    horse" names a knight, "our new headphones" headphones, 「雪原を行く騎士」 a 騎士. Each
    is where a noun stands in the language (see :class:`_Nouns`); what the video is (a clip,
    its music, a mood) is no thing."""
    language = _languages().get(lang)
    if language is None or language.nouns is None or not sentence.strip():
        return {}
    nouns = language.nouns
    text, _, lowered = _prepared(sentence)
    # Where each character of ``text`` is in ``lowered`` (casefolding "ß" makes two).
    starts = [0]
    for ch in text:
        starts.append(starts[-1] + len(ch.casefold()))
    hits, _ = _language_matches(lang, "words", lowered)
    things, _ = _language_matches(lang, "unseen", lowered)
    known = [(h.pos, h.end) for h in (*hits, *things)]

    def covered(a: int, b: int) -> bool:
        return any(p < b and a < e for p, e in known) or not lowered[a:b].strip()

    def own(a: int, b: int) -> str:
        # ``starts`` rises: the last character starting at or before ``a``, the first at or
        # after ``b`` (a search, not a scan: a long sentence has many nouns).
        return text[bisect.bisect_right(starts, a) - 1:bisect.bisect_left(starts, b)]

    def listed(word: str, table: frozenset[str]) -> bool:
        # A plural is its singular ("lumières": "lumière").
        return word in table or (lang not in _SUBSTRING_LANGS and any(
            word.endswith(end) and word[: -len(end)] in table for end in ("s", "x", "es")))

    spans = _noun_spans(nouns, lowered, text, starts)
    out: dict[str, int] = {}
    for a, b in spans:
        words = lowered[a:b].split()
        if (covered(a, b) or any(listed(w, nouns.not_things) or listed(w, nouns.stops)
                                 or listed(w, nouns.adjectives) for w in words)
                or lowered[a:b] in nouns.not_things or any(ch.isdigit() for ch in lowered[a:b])
                # English: a word in -ing alone is what someone does ("walking my dog").
                or (nouns.order == "last" and len(words) == 1 and words[0].endswith("ing"))
                or len(lowered[a:b].strip()) < 2):
            continue
        out.setdefault(OWN_WORDS + own(a, b).strip(), a)
    return out


def _noun_spans(nouns: _Nouns, lowered: str, text: str, starts: list[int]
                ) -> list[tuple[int, int]]:
    """Where the heads of the noun phrases of ``lowered`` stand (see :class:`_Nouns`)."""
    if nouns.order == "particle":
        return _particle_spans(nouns, lowered)
    if nouns.order == "classifier":
        return _classifier_spans(nouns, lowered)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _LATIN_TOKEN.finditer(lowered)]
    spans: list[tuple[int, int]] = []
    begins = True  # a phrase starts the text (a subject extracted without its article)
    k = 0
    while k < len(tokens):
        a, _, word = tokens[k]
        gap = lowered[tokens[k - 1][1]:a] if k else lowered[:a]
        if gap.strip():  # punctuation: a new clause starts
            begins = True
        if _blanked(text, starts, gap, a):
            begins = False  # an idiom stood there ("Ave María suena …"): it was the subject
        # A possessor ("my grandmother's apple pie") is a determiner of what follows it.
        if word in nouns.determiners or (word.endswith("'") and nouns.order == "last"):
            begins, k = True, k + 1
            if k < len(tokens) and tokens[k][2] == "s":
                k += 1
            continue
        if not begins:
            # English: what a verb in -ing does is a thing too ("playing fetch").
            begins = nouns.order == "last" and word.endswith("ing") and len(word) > 4
            k += 1
            continue
        begins = False
        if _a_verb(nouns, tokens, k):
            k += 1  # "pour annoncer notre concert": what it is for, the concert is the thing
            continue
        while k < len(tokens) and (tokens[k][2] in nouns.adjectives
                                   or (nouns.order == "capital"
                                       and not _capital(text, starts, tokens[k][0]))):
            k += 1
        if k >= len(tokens):
            break
        first = k
        head_end = tokens[k][1]
        if nouns.order == "last":
            if (tokens[k][2].endswith("ing") and k + 1 < len(tokens)
                    and tokens[k + 1][2] not in nouns.stops
                    and tokens[k + 1][2] not in nouns.determiners
                    and not lowered[tokens[k][1]:tokens[k + 1][0]].strip()):
                k += 1  # "a steaming bowl": the bowl
                first = k
                head_end = tokens[k][1]
            while k + 1 < len(tokens):
                nxt = tokens[k + 1]
                prev = tokens[k][2]
                if (lowered[tokens[k][1]:nxt[0]].strip() or nxt[2] in nouns.stops
                        or nxt[2] in nouns.determiners or k + 1 - first >= 3
                        or nxt[2].endswith(("ing", "ed"))
                        # "cat walks": a singular noun and then its verb
                        or (nxt[2].endswith("s") and not prev.endswith("s"))):
                    break
                k += 1
                head_end = tokens[k][1]
        spans.append((tokens[first][0], head_end))
        k += 1
    return spans


def _a_verb(nouns: _Nouns, tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Whether token ``k`` is a verb, not a thing: after a word of purpose ("para enseñar",
    "pour annoncer", "to show"), or with a verb's ending right before a determiner
    ("enseñar a mis clientes", "annoncer notre concert": what the video is for). Never a word
    right after a determiner ("un chevalier", "la mer et les bateaux" name things)."""
    word = tokens[k][2]
    if k and tokens[k - 1][2] in nouns.determiners:
        return False
    if k and tokens[k - 1][2] in nouns.verbs_after and (
            not nouns.verb_endings or word.endswith(nouns.verb_endings)):
        return True
    if not nouns.verb_endings or not word.endswith(nouns.verb_endings):
        return False
    after = [t[2] for t in tokens[k + 1:k + 3]]
    if not after or after[0] in nouns.contractions:
        return False
    # A short word between may be a preposition ("enseñar a mis clientes"), never one that
    # ends a noun phrase ("un chevalier et une princesse", "um professor e os alunos").
    return after[0] in nouns.determiners or (
        len(after) > 1 and len(after[0]) <= 2 and after[0] not in nouns.stops
        and after[1] in nouns.determiners)


def _blanked(text: str, starts: list[int], gap: str, end: int) -> bool:
    """Whether the ``gap`` of ``lowered`` that ends at ``end`` held an idiom (blanked: it is
    all spaces where the text has letters)."""
    if not gap or gap.strip():
        return False
    i = max(k for k in range(len(starts)) if starts[k] <= end - len(gap))
    j = max(k for k in range(len(starts)) if starts[k] <= end)
    return any(ch.isalnum() for ch in text[i:j])


def _capital(text: str, starts: list[int], pos: int) -> bool:
    i = max(k for k in range(len(starts)) if starts[k] <= pos)
    return i < len(text) and text[i].isupper()


def _particle_spans(nouns: _Nouns, lowered: str) -> list[tuple[int, int]]:
    """Japanese: runs of kanji or katakana a subject or object particle follows (桜が, 騎士を)
    or that end the phrase (…向かう騎士). Korean: words that end in such a particle (기사가)
    or end the phrase."""
    spans: list[tuple[int, int]] = []
    korean = any("\uac00" <= ch <= "\ud7a3" for p in nouns.particles for ch in p)
    pattern = _HANGUL_WORD if korean else _CJK_RUN
    found = list(pattern.finditer(lowered))
    for n, m in enumerate(found):
        a, b = m.start(), m.end()
        rest = lowered[b:].lstrip(" ")
        ends = (not rest) or rest[0] in "。、，,.!?！？\n"
        if korean:
            word = m.group(0)
            particle = next((p for p in nouns.particles if word.endswith(p)
                             and len(word) > len(p) + 1), None)
            if particle is not None:
                if b - len(particle) - a >= 2:  # 잔, 분: a counter, not a thing
                    spans.append((a, b - len(particle)))
            elif ((ends or n == len(found) - 1) and len(word) >= 2
                  and not word.endswith(tuple(nouns.stops))):
                spans.append((a, b))
            continue
        if b - a == 1 and a and lowered[a - 1] in _OKURIGANA:
            continue
        if ends or rest.startswith(nouns.particles):
            spans.append((a, b))
    return spans


def _classifier_spans(nouns: _Nouns, lowered: str) -> list[tuple[int, int]]:
    """Chinese: the word after a number and its classifier (一位骑士, 一只小猫: adjectives
    skipped), up to two characters and before a stop character; and the one after the last
    的 when it ends the sentence (雪中的城堡)."""
    spans: list[tuple[int, int]] = []
    for m in _CLASSIFIED.finditer(lowered):
        k = m.end()
        while k < len(lowered) and lowered[k] in nouns.adjectives:
            k += 1
        end = k
        # The first character is the noun's whatever it is (骑士 starts with "ride").
        while end < len(lowered) and end - k < 2 and _CJK_RUN.match(lowered[end]) \
                and (end == k or lowered[end] not in nouns.stops):
            end += 1
        if end > k:
            spans.append((k, end))
    tail = re.search(r"的([\u3400-\u9fff]{1,4})[。！？!?.]*\s*$", lowered)
    if tail:
        spans.append((tail.start(1), tail.end(1)))
    # A noun with no classifier where a clause starts or after "and" (骑士在雪原上, 城堡和骑士),
    # when a stop character or the clause's end follows it: named as 一位骑士 is.
    for m in _ZH_CLAUSE_START.finditer(lowered):
        k = m.end()
        if _CLASSIFIED.match(lowered, k) or any(lowered.startswith(w, k)
                                                for w in nouns.not_things):
            continue  # 一位骑士: read above; 大家, 这个: no thing
        while k < len(lowered) and lowered[k] in nouns.adjectives:
            k += 1
        end = k + 1 if k < len(lowered) and _CJK_RUN.match(lowered[k]) else k
        while end < len(lowered) and end - k < 3 and _CJK_RUN.match(lowered[end]) \
                and lowered[end] not in nouns.stops:
            end += 1
        if end - k >= 2 and (end == len(lowered) or lowered[end] in nouns.stops
                             or not _CJK_RUN.match(lowered[end])):
            spans.append((k, end))
    return spans


#: Where a Chinese clause starts, or a noun joined by "and" does. After one space only: a
#: longer run is a blanked idiom or simile (花瓣像雪一样飘落: 飘落 starts no clause).
_ZH_CLAUSE_START = re.compile(r"(?:^|(?<=[，。！？,.!?；;、])|(?<=\S\s)|(?<=[和与與跟及]))"
                              r"(?=[\u3400-\u9fff])")


@functools.lru_cache(maxsize=512)
def _prepared(text: str) -> tuple[str, tuple[_Hit, ...], str]:
    """``text`` with its place names blanked, those places, and the text casefolded with the
    idioms of every language blanked too. Kept for the sentences of the last few videos: a
    scene's sentence is read again for its named things, and as context of its siblings."""
    # A typographic apostrophe is an apostrophe ("bird’s-eye" is "bird's-eye").
    text, named = _places(text.translate(APOSTROPHES))
    lowered = text.casefold()
    # Idioms are blanked for every language, since another language's words may match them
    # (French "en train de", "in the middle of", holds the English word "train").
    for language in _languages().values():
        for idiom in language.ignore:
            lowered = idiom.sub(lambda m: " " * len(m.group(0)), lowered)
        for simile in language.similes:
            lowered = _unlike(lowered, simile, language.wishes)
    return text, tuple(named), lowered


_LAST_WORD = re.compile(r"([\w']+)\W*$")


def _unlike(lowered: str, simile: re.Pattern[str], wishes: frozenset[str]) -> str:
    """``lowered`` with the comparisons ``simile`` matches blanked, except those a wish stands
    before: "like snow" in "flour hangs in the air like snow" is no weather, in "I'd like
    snow" it is."""
    out, at = [], 0
    for m in simile.finditer(lowered):
        before = _LAST_WORD.search(lowered, 0, m.start())
        if before is not None and before.group(1) in wishes:
            continue
        out += [lowered[at:m.start()], " " * (m.end() - m.start())]
        at = m.end()
    return "".join([*out, lowered[at:]]) if out else lowered


#: Fields of a concept that name something in the picture ("a sunset", "night sky": its sky).
_THING_FIELDS = ("terrain", "water", "subjects", "particles", "weather", "time", "unseen")


def names_things(text: str) -> bool:
    """Whether ``text`` names something a lexicon knows as a thing to see (a dog, snow, a
    lighthouse, a beach, a sunset, a castle nothing draws yet), in any of the languages: a
    bare "dogs in snow" describes a video; "thanks" or "captions" do not (a greeting's time
    of day, "good night", is the caller's to take out)."""
    return any(_parse(text)[1].get(name) for name in _THING_FIELDS)


def is_lively(text: str) -> bool:
    """Whether ``text`` names a lively subject or asks for a lively feel, in any of the
    languages (a birthday party, samba, a festival, "熱鬧一點"): such a video is upbeat."""
    lowered = text.casefold().translate(APOSTROPHES)
    return any(_matches(language.lively, language.lang, lowered)[0]
               for language in _languages().values())


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """``hits`` without those inside a longer one: the "ramen" of "ramen shop" (라멘 가게,
    ラーメン屋) is the shop, not a bowl of noodles too."""
    longest = sorted(hits, key=lambda h: h.pos - h.end)
    kept: list[_Hit] = []
    for hit in longest:
        if not any(k.pos <= hit.pos and hit.end <= k.end for k in kept):
            kept.append(hit)
    return kept


def _places(text: str) -> tuple[str, list[_Hit]]:
    """``text`` with the place names that look like concept words blanked (same length),
    and the concept each stands for (the lexicons' ``places``, matched as written)."""
    named: list[_Hit] = []
    for language in _languages().values():
        for concept, pattern in language.places:
            for m in pattern.finditer(text):
                named.append(_Hit(m.start(), concept, m.end()))
                text = text[:m.start()] + " " * len(m.group(0)) + text[m.end():]
    return text, named


@functools.lru_cache(maxsize=2048)
def _language_matches(lang: str, table: str, lowered: str) -> tuple[list[_Hit], int]:
    """:func:`_matches` of a language's ``words`` or ``unseen`` table (kept: a sentence is
    read for its language, then for its named things). The caller must not change the
    list."""
    language = _languages()[lang]
    return _matches(language.words if table == "words" else language.unseen, lang, lowered)


def _matches(entries: Sequence[tuple[str, str, str]], lang: str, lowered: str
             ) -> tuple[list[_Hit], int]:
    """Where each (name, word, core) entry's word stands in ``lowered``, and how many
    characters matched (the language's score)."""
    hits: list[_Hit] = []
    score = 0
    for name, word, core in entries:
        # A word whose letters the text lacks cannot match: most patterns are never
        # compiled (compiling all ~1,200 took a third of a first generation's planning).
        if core not in lowered:
            continue
        for m in _pattern(word, lang).finditer(lowered):
            hits.append(_Hit(m.start(), name, m.end()))
            score += len(m.group(0))
    return hits, score


@functools.cache
def _concepts() -> dict[str, dict[str, Any]]:
    raw = load_table("concepts.yaml")
    table: dict[str, dict[str, Any]] = {}
    for concept, effects in raw.items():
        checked: dict[str, Any] = {}
        for name, value in effects.items():
            if name in _SCALARS:
                if value not in _SCALARS[name]:
                    raise ValueError(f"concepts.yaml: {concept}.{name}={value!r} is not known")
                checked[name] = value
            elif name in _LISTS:
                bad = [v for v in value if v not in _LISTS[name]]
                if bad:
                    raise ValueError(f"concepts.yaml: {concept}.{name} has unknown {bad}")
                checked[name] = list(value)
            else:
                raise ValueError(f"concepts.yaml: {concept} sets unknown field {name!r}")
        table[str(concept)] = checked
    return table


@functools.cache
def _languages() -> dict[str, _Language]:
    concepts = _concepts()
    result: dict[str, _Language] = {}
    for lang in SCENE_LANGS:
        raw = load_table(f"lexicon/{lang}.yaml")
        if raw.get("lang") != lang:
            raise ValueError(f"lexicon/{lang}.yaml says lang={raw.get('lang')!r}")
        # Longest first: "l'" is not the start of "la".
        edges = sorted((str(a).casefold() for a in raw.get("articles") or ()), key=len,
                       reverse=True)
        entries: list[tuple[str, str, str]] = []
        for concept, words in raw["words"].items():
            if concept not in concepts:
                raise ValueError(f"lexicon/{lang}.yaml: unknown concept {concept!r}")
            entries += _entries(str(concept), words, lang, edges)
        labels = {str(k): str(v) for k, v in raw["labels"].items()}
        ignore = tuple(_pattern(str(p).casefold(), lang) for p in raw.get("ignore", ()))
        similes = tuple(_pattern(str(p).casefold(), lang) for p in raw.get("similes") or ())
        wishes = frozenset(str(w).casefold() for w in raw.get("wishes") or ())
        things: list[tuple[str, str, str]] = []
        for thing, words in (raw.get("unseen") or {}).items():
            things += _entries(str(thing), words, lang, edges)
        thing_labels = {str(k): str(v) for k, v in (raw.get("unseen_labels") or {}).items()}
        missing = {t for t, _, _ in things} - set(thing_labels)
        if missing:
            raise ValueError(f"lexicon/{lang}.yaml: no unseen_labels for {sorted(missing)}")
        places: list[tuple[str, re.Pattern[str]]] = []
        for concept, patterns in (raw.get("places") or {}).items():
            if concept not in concepts:
                raise ValueError(f"lexicon/{lang}.yaml: places: unknown concept {concept!r}")
            places += [(str(concept), re.compile(str(p))) for p in patterns]
        lively = tuple(("lively", str(w).casefold(),
                        str(w).casefold() if lang in _SUBSTRING_LANGS
                        else str(w).casefold().strip("*"))
                       for w in raw.get("lively") or ())
        nouns = raw.get("nouns")
        for key, value in (nouns or {}).items():
            # (YAML reads a bare on, off, no as a boolean: such a word must be quoted.)
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise ValueError(f"lexicon/{lang}.yaml: nouns.{key} holds a non-word "
                                 f"{[v for v in value if not isinstance(v, str)]}")
        result[lang] = _Language(lang, tuple(entries), labels,
                                 frozenset(raw.get("markers", "")), ignore, tuple(things),
                                 thing_labels, tuple(places), lively,
                                 _nouns(nouns) if nouns else None, similes, wishes)
    return result


#: In a Japanese or Korean word, where its particle starts ("港~の", "배~가"): the particle is
#: part of the word except at the end of a phrase, where the noun stands alone.
_PARTICLE = "~"


def _entries(name: str, words: Sequence[object], lang: str, articles: Sequence[str]
             ) -> list[tuple[str, str, str]]:
    """(name, word, core) for each of ``words``, and for a word listed with its article
    (one of ``articles``) or particle (after a ``~``), kept there to leave out an idiom
    ("en train de", 空港), its bare noun where the article or particle has no room
    (:data:`_AT_START`, :data:`_AT_END`)."""
    out: list[tuple[str, str, str]] = []
    for word in words:
        folded = str(word).casefold()
        if _PARTICLE in folded:
            bare, _, _ = folded.partition(_PARTICLE)
            folded = folded.replace(_PARTICLE, "")
            out.append((name, bare + _AT_END, _core(bare, lang)))
        out.append((name, folded, _core(folded, lang)))
        if _GAP in folded or "*" in folded:
            continue
        for article in articles:
            if folded.startswith(article) and (article.endswith("'")
                                               or folded[len(article):][:1].isspace()):
                bare = folded[len(article):].strip()
                if bare:
                    out.append((name, _AT_START + bare, _core(bare, lang)))
                break
    return list(dict.fromkeys(out))


def _nouns(raw: dict[str, Any]) -> _Nouns:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in raw.get(key) or ())

    return _Nouns(str(raw["order"]), words("determiners"), words("stops"), words("adjectives"),
                  words("not_things"), tuple(str(p) for p in raw.get("particles") or ()),
                  words("verbs_after"), tuple(sorted(words("verb_endings"))),
                  words("contractions"))


def _pieces(word: str) -> list[str]:
    """``word`` split at its gaps (the spaces around a gap go; a word without one is kept
    as it is: a space in "꽃 " is part of it)."""
    return [p.strip() for p in word.split(_GAP)] if _GAP in word else [word]


def _core(word: str, lang: str) -> str:
    """Letters every match of ``word`` contains (its longest piece between gaps)."""
    pieces = [p if lang in _SUBSTRING_LANGS else p.strip("*") for p in _pieces(word)]
    return max(pieces, key=len)


@functools.cache
def _pattern(word: str, lang: str) -> re.Pattern[str]:
    start, end = word.startswith(_AT_START), word.endswith(_AT_END)
    pieces = _pieces(word.strip(_AT_START + _AT_END))
    if lang in _SUBSTRING_LANGS:
        spaced = end and lang in _SPACED_LANGS
        return re.compile((_CLAUSE_START if start else "") + (r"(?<!\S)" if spaced else "")
                          + _SUBSTRING_GAP.join(re.escape(p) for p in pieces)
                          + (_CLAUSE_END if end else ""))
    prefix, suffix = pieces[0].startswith("*"), pieces[-1].endswith("*")
    core = _LATIN_GAP.join(re.escape(p.strip("*")) for p in pieces)
    head = r"\w*" if prefix else r"(?<!\w)"
    tail = r"\w*" if suffix else _LATIN_PLURAL + r"(?!\w)"
    return re.compile((_CLAUSE_START if start else "") + head + core + tail
                      + (_CLAUSE_END if end else ""))

