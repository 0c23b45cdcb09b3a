"""The local agent's data, loaded and validated once.

``rules.yaml`` holds what no language owns (styles, moods, palettes, defaults);
``languages/<code>.yaml`` holds, per language, the words the agent understands, the time and
subject patterns, and what it says (Jinja templates). Adding a language is adding a file and
naming it in ``rules.yaml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backend.datacache import load_yaml
from backend.particles import josa
from backend.words import has_cjk, word_pattern

if TYPE_CHECKING:
    import jinja2

# has_cjk and word_pattern live in backend.words (shared with the skill's phrase tables).
__all__ = ["Language", "Lexicon", "Mood", "Particles", "Style", "has_cjk", "is_chinese", "lexicon",
           "with_unaccented", "word_pattern"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_WORD = re.compile(r"\w+")

#: Word lists every language file must have (they may be empty where a language has none).
#: Looks of the whole picture a draft can have (``draft["look"]``; render_graph draws them).
LOOKS = ("mono", "sepia", "warm", "cool", "bright", "dark")
WORD_KEYS = ("generate_verbs", "want", "regenerate", "new_video", "video_nouns", "script_words",
             "add", "remove", "change", "title", "caption", "bgm", "volume", "louder", "quieter",
             "mute", "duration", "ratio", "track", "question", "help", "polite", "uploads",
             "song", "as_music", "clip_sound", "clip_nouns", "part_nouns", "part_edges",
             "part_whole", "part_named", "fill", "fit")
SUBJECT_KEYS = ("intros", "intros_after", "cuts", "noise", "generic", "instructions", "stop",
                "greetings", "owners", "leads", "trails", "into")
TIME_KEYS = ("range", "last", "first", "at", "from_to")
UNIT_KEYS = ("seconds", "minutes", "hours")
TRACK_LINES = ("video", "audio", "text", "scenes", "lines", "separator")
#: The words of the claim page (``claim_page``): its headings, and how a span is written.
CLAIM_PAGE_KEYS = ("timeline", "no_video", "empty", "untitled", "span")
#: How a reply writes a video's length (``lengths``): ``short`` ("300 s" is "5 min"),
#: ``long`` ("5 minutes"), ``adjective`` ("a 5-minute video"), the long form standing in
#: for an absent one and the short form for both; each with ``seconds`` (under a minute),
#: ``minutes``, ``minute`` (one; ``minutes`` where absent) and ``minutes_seconds``; {m} and
#: {s} stand for the numbers.
LENGTH_FORMS = ("short", "long", "adjective")
_LENGTH_KEYS = ("seconds", "minutes", "minutes_seconds")
#: Track roles a reply names in the user's language (``track_labels``).
TRACK_ROLES = ("video", "audio", "bgm", "narration", "title", "captions")
#: What ``questions`` holds: the agent's clarifying questions and the request an answer makes.
QUESTION_KEYS = ("title", "subject", "duration", "style", "request", "duration_part",
                 "style_part")


@dataclass(frozen=True)
class Style:
    name: str
    mood: str
    motion: tuple[str, ...]


@dataclass(frozen=True)
class Mood:
    name: str  # key, e.g. "calm"
    title: str  # display name, e.g. "Lo-fi"
    bpm: int


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list of words")
    for word in value:
        if isinstance(word, bool) or not isinstance(word, str | int):
            # YAML reads a bare on/off/yes/no as a boolean: the word would be lost.
            raise ValueError(f"{where}: {word!r} is not a word (quote on/off/yes/no)")
    return tuple(str(w).lower() for w in value)


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{where}: {key} must be a mapping")
    return value


@dataclass(frozen=True)
class Particles:
    """Particles a language attaches after a noun (Korean "을", "를", …), stripped from the end
    of a subject only where the noun before them is left whole: ``after_consonant`` ones
    only after a syllable with a final consonant, ``after_vowel`` ones only after an open
    syllable, ``any`` after either; a particle never leaves fewer than ``min_left``
    syllables (two for the ``any`` ones), and the nouns in ``keep`` are never cut."""

    after_consonant: tuple[str, ...] = ()
    after_vowel: tuple[str, ...] = ()
    after_vowel_or_l: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    keep: frozenset[str] = frozenset()


def _particles(value: Any, where: str) -> Particles:
    if value is None:
        return Particles()
    if not isinstance(value, dict):
        raise ValueError(f"{where}: particles must be a mapping")
    return Particles(
        after_consonant=_words(value.get("after_consonant") or [], f"{where} particles"),
        after_vowel=_words(value.get("after_vowel") or [], f"{where} particles"),
        after_vowel_or_l=_words(value.get("after_vowel_or_l") or [], f"{where} particles"),
        any=_words(value.get("any") or [], f"{where} particles"),
        keep=frozenset(_words(value.get("keep") or [], f"{where} particles.keep")),
    )


class Language:
    """One ``languages/<code>.yaml``: words, patterns and reply templates of a language."""

    def __init__(self, data: dict[str, Any]) -> None:
        code = str(data.get("code") or "")
        where = f"languages/{code or '?'}.yaml"
        self.code = code
        # Asking for the look of text and for the narration (``backend/local/styling.py``
        # reads and checks it).
        self.styling: dict[str, Any] = dict(data.get("styling") or {})
        self.markers = _words(data.get("markers", []), f"{where} markers")
        self.letters = str(data.get("letters") or "")
        self.script_chars = str(data.get("script_chars") or "")
        words = _table(data, "words", where)
        missing = [k for k in WORD_KEYS if k not in words]
        if missing:
            raise ValueError(f"{where}: missing word lists {missing}")
        self.words = {k: _words(v or [], f"{where} words.{k}") for k, v in words.items()}
        ordinals = data.get("ordinals") or {}
        if not isinstance(ordinals, dict):
            raise ValueError(f"{where}: ordinals must be a mapping")
        self.ordinals = {int(k): _words(v, f"{where} ordinals.{k}") for k, v in ordinals.items()}
        units = _table(data, "units", where)
        self.units = {k: _words(units.get(k) or [], f"{where} units.{k}") for k in UNIT_KEYS}
        times = _table(data, "times", where)
        self.times = {k: tuple(str(p) for p in times.get(k) or []) for k in TIME_KEYS}
        subject = _table(data, "subject", where)
        self.subject = {k: _words(subject.get(k) or [], f"{where} subject.{k}")
                        for k in SUBJECT_KEYS}
        self.subject_before_noun = bool(data.get("subject_before_noun"))
        # What introduces a text; what a video is for ("for my grandma's birthday"); where
        # videos go ("Instagram").
        # "wait", "espera", "ちょっと待って": a pause asked, nothing to do.
        self.text_intros, self.purpose_intros, self.platforms, self.thanks, self.wait = (
            _words(data.get(key, []), f"{where} {key}")
            for key in ("text_intros", "purpose_intros", "platforms", "thanks", "wait"))
        self.tails = _words(data.get("tails", []), f"{where} tails")
        self.joiners = _words(data.get("joiners", []), f"{where} joiners")
        # ``nouns_capitalised``: every noun is written with a capital (German), so a capital
        # does not mark a name.
        self.title_case, self.nouns_capitalised = (bool(data.get("title_case")),
                                                   bool(data.get("nouns_capitalised")))
        self.title_minor = frozenset(_words(data.get("title_minor", []), f"{where} title_minor"))
        self.shots = tuple(str(s) for s in data.get("shots") or [])
        # Style and mood names are often typed without their accents ("estilo cinematico",
        # "musica epica"); their bare forms are no other word.
        self.styles = {k: with_unaccented(_words(v, f"{where} styles.{k}"))
                       for k, v in _table(data, "styles", where).items()}
        self.moods = {k: with_unaccented(_words(v, f"{where} moods.{k}"))
                      for k, v in _table(data, "moods", where).items()}
        self.ratios = {str(k): _words(v, f"{where} ratios.{k}")
                       for k, v in _table(data, "ratios", where).items()}
        self.palettes = {k: _words(v, f"{where} palettes.{k}")
                         for k, v in _table(data, "palettes", where).items()}
        self.outcomes = {str(k): v for k, v in _table(data, "outcomes", where).items()}
        # Outcomes added later live in their own block at the end of the file (merges of
        # branches that add outcomes stay clean); they are outcomes like the others.
        self.outcomes.update({str(k): v for k, v in (data.get("more_outcomes") or {}).items()})
        self._read_later_keys(data, where)
        self.track_labels = {str(k): str(v) for k, v in _table(data, "track_labels", where).items()}
        if set(self.track_labels) != set(TRACK_ROLES):
            raise ValueError(f"{where}: track_labels must name exactly {list(TRACK_ROLES)}")
        self.words["replace"] = _words(data.get("replace_words") or [], f"{where} replace_words")
        self.words["mood_change"] = _words(data.get("mood_change_words") or [],
                                           f"{where} mood_change_words")
        self.particles = _particles(data.get("particles"), where)
        self.questions = _table(data, "questions", where)
        missing_q = [k for k in QUESTION_KEYS if k not in self.questions]
        if missing_q:
            raise ValueError(f"{where}: questions lacks {missing_q}")
        self.tracks = _table(data, "tracks", where)
        self.labels = _table(data, "labels", where)
        if not self.shots:
            raise ValueError(f"{where}: no shots")


    @functools.cached_property
    def style_names(self) -> dict[str, str]:
        """The style words that name a style when said alone ("cinematic", "cinematografico",
        "電影感", "レトロ") → the style: those no mood of the music shares, and the ones the
        language calls the style by (its label in replies or in the style question, or the
        start of it: "レトロ" of "レトロな"). A mood word alone is a remark ("epic!")."""
        moods = {w for words in self.moods.values() for w in words}
        options = (self.labels.get("style") or {}).get("options") or {}
        out: dict[str, str] = {}
        for style, words in self.styles.items():
            names = [str(n).lower() for n in (self.labels["styles"].get(style),
                                              options.get(style)) if n]
            for word in words:
                if word not in moods or any(n.startswith(word) for n in with_unaccented(names)):
                    out.setdefault(word, style)
        return out

    def _read_edits(self, edits: object, where: str) -> None:
        """Edits of one caption, moves in time, removals of what is not there, undo: their
        words and replies (the ``edits`` block at the end of each file)."""
        if not isinstance(edits, dict):
            raise ValueError(f"{where}: edits must be a mapping")
        for key, words in (edits.get("words") or {}).items():
            self.words[str(key)] = _words(words or [], f"{where} edits.words.{key}")
        self.outcomes.update({str(k): v for k, v in (edits.get("outcomes") or {}).items()})
        self._read_unaccented(edits.get("unaccented") or {}, where)
        #: What the generated music of each mood is called in replies (rules.yaml's name
        #: where a language names none).
        self.music_names = {str(k): str(v) for k, v in (edits.get("music_names") or {}).items()}

    def _read_unaccented(self, unaccented: object, where: str) -> None:
        """Edit verbs typed without their accents ("enleve la musique"): read as typed with
        them. ``words`` names the word lists, ``styling`` those of the ``styling`` block
        (styling.py reads them); only lists of verbs, whose bare forms are no other word."""
        if not isinstance(unaccented, dict):
            raise ValueError(f"{where}: edits.unaccented must be a mapping")
        for key in unaccented.get("words") or ():
            self.words[str(key)] = with_unaccented(self.words.get(str(key), ()))
        self.unaccented_styling = frozenset(str(k) for k in unaccented.get("styling") or ())

    def _read_later_keys(self, data: dict[str, Any], where: str) -> None:
        """The keys added at the end of the tables: numbers, connectives and looks."""
        #: How the language writes the decimal point in a reply ("5,6 s" in Spanish).
        self.decimal = str(data.get("decimal") or ".")
        #: Verb endings that join two requests inside one word's end (Korean "-고").
        self.connectives = _words(data.get("connectives", []), f"{where} connectives")
        #: Phrases that end like a connective and join no requests ("について": about).
        self.not_connectives = _words(data.get("not_connectives", []),
                                      f"{where} not_connectives")
        #: Where a title's or caption's new text stands: after its intro ("title to X"), or
        #: before it, after a particle on the keyword ("제목을 X로 바꿔", "タイトルをXにして").
        placing = data.get("text_before_intro") or {}
        if not isinstance(placing, dict):
            raise ValueError(f"{where}: text_before_intro must be a mapping")
        self.text_before_intro = bool(placing.get("enabled"))
        self.keyword_particles = _words(placing.get("keyword_particles") or [],
                                        f"{where} text_before_intro.keyword_particles")
        #: "자막에 X라고 넣어줘": after these particles of place on the keyword, the text is
        #: what one of the ``quotatives`` closes.
        self.quoting_particles = _words(placing.get("quoting_particles") or [],
                                        f"{where} text_before_intro.quoting_particles")
        self.quotatives = _words(placing.get("quotatives") or [],
                                 f"{where} text_before_intro.quotatives")
        # "add it" sent with a file; asking what an export can be ("… export in 4K?").
        for key in ("upload_refs", "upload_pronouns", "upload_ref_fillers", "export_words",
                    "font_looks"):
            self.words[key] = _words(data.get(key) or [], f"{where} {key}")
        #: The fixed words of the claim page in the browser.
        page = _table(data, "claim_page", where)
        missing = [k for k in CLAIM_PAGE_KEYS if not isinstance(page.get(k), str)]
        if missing:
            raise ValueError(f"{where}: claim_page lacks {missing}")
        self.claim_page = {k: str(page[k]) for k in CLAIM_PAGE_KEYS}
        lengths = _table(data, "lengths", where)
        self.lengths: dict[str, dict[str, str]] = {}
        for form in LENGTH_FORMS:
            entry = lengths.get(form) or lengths.get("long") or lengths.get("short")
            if not isinstance(entry, dict) or any(
                    not isinstance(entry.get(k), str) for k in _LENGTH_KEYS):
                raise ValueError(f"{where}: lengths.{form} must give {list(_LENGTH_KEYS)}")
            self.lengths[form] = {str(k): str(v) for k, v in entry.items()}
        self.outcomes.update({str(k): v for k, v in (data.get("late_outcomes") or {}).items()})
        self.outcomes.update({str(k): v for k, v in (data.get("scene_outcomes") or {}).items()})
        # Camera directions in a script, and the words joining one to what it shows.
        self.shot_directions = _words(data.get("shot_directions") or [],
                                      f"{where} shot_directions")
        self.shot_joiners = _words(data.get("shot_joiners") or [], f"{where} shot_joiners")
        # Questions about the service itself: each topic's words, and its answer (an outcome).
        topics = data.get("product_topics") or {}
        if not isinstance(topics, dict):
            raise ValueError(f"{where}: product_topics must be a mapping")
        self.product_topics = {str(k): _words(v or [], f"{where} product_topics.{k}")
                               for k, v in topics.items()}
        for block in ("product_outcomes", "narration_outcomes", "weather_outcomes",
                      "chat_outcomes", "music_outcomes", "agent_outcomes"):
            self.outcomes.update({str(k): v for k, v in (data.get(block) or {}).items()})
        # Looks of the whole picture: the words asking for each, their names and replies.
        looks = data.get("looks") or {}
        if not isinstance(looks, dict) or set(looks.get("words") or {}) != {*LOOKS, "none"}:
            raise ValueError(f"{where}: looks.words must name exactly {[*LOOKS, 'none']}")
        self.look_words = {str(k): _words(v, f"{where} looks.words.{k}")
                           for k, v in looks["words"].items()}
        self.look_names = {str(k): str(v) for k, v in (looks.get("names") or {}).items()}
        if set(self.look_names) != set(LOOKS):
            raise ValueError(f"{where}: looks.names must name exactly {list(LOOKS)}")
        self.outcomes.update({f"look_{k}": v for k, v in (looks.get("says") or {}).items()})
        self._read_edits(data.get("edits") or {}, where)
        # Settings said before the video's subject: the bits they leave behind in a subject,
        # how each is named back, and the replies (the ``kept_settings`` block).
        # The words around a caption request in languages written without spaces (the
        # ``caption_requests`` block). A title given in a request without quotes ("… titled
        # Morning", "标题是早安"): the words that introduce it and end it (``given_title``).
        # The length of one scene or of each (``scene_lengths``); a scene moved or two swapped
        # (``scene_moves``).
        for block in ("kept_settings", "caption_requests", "given_title", "scene_lengths",
                      "scene_moves"):
            table = data.get(block) or {}
            if not isinstance(table, dict):
                raise ValueError(f"{where}: {block} must be a mapping")
            for key, words in (table.get("words") or {}).items():
                self.words[str(key)] = _words(words or [], f"{where} {block}.words.{key}")
            self.outcomes.update({str(k): v for k, v in (table.get("outcomes") or {}).items()})


def with_unaccented(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` and, after each Latin-script word with accents, the same word without them
    ("enlève", "enleve"): people often type without accents."""
    out: list[str] = []
    for word in words:
        out.append(word)
        if not has_cjk(word):
            bare = "".join(c for c in unicodedata.normalize("NFD", word)
                           if not unicodedata.combining(c))
            out.append(unicodedata.normalize("NFC", bare))
    return tuple(dict.fromkeys(out))


#: Marks around a word said alone ("Strand!", "海。").
_EDGE_MARKS = " \t\n.,;:!?¡¿…。、，！？；：~"

#: Quoted texts (a title's or a caption's words), left out when telling the language.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|「[^」]*」|『[^』]*』|«[^»]*»|„[^“”]*[“”]")


class Lexicon:
    """Typed view of the tables. Construct with ``lexicon()`` (cached)."""

    def __init__(self, rules: dict[str, Any], languages: dict[str, dict[str, Any]]) -> None:
        self.styles: dict[str, Style] = {
            k: Style(k, str(v["mood"]), tuple(v["motion"]))
            for k, v in _table(rules, "styles", "rules.yaml").items()
        }
        self.default_style = str(rules.get("default_style"))
        self.mood_styles = {str(k): str(v) for k, v in (rules.get("mood_styles") or {}).items()}
        self.moods: dict[str, Mood] = {
            k: Mood(k, str(v["name"]), int(v["bpm"]))
            for k, v in _table(rules, "moods", "rules.yaml").items()
        }
        self.palettes: list[tuple[str, tuple[str, str]]] = [
            (str(p["name"]), (str(p["colors"][0]), str(p["colors"][1])))
            for p in rules.get("palettes") or []
        ]
        self.motions: tuple[str, ...] = tuple(rules.get("motions") or ())
        self.defaults: dict[str, Any] = dict(_table(rules, "defaults", "rules.yaml"))
        self.silent_outcomes = frozenset(str(o) for o in rules.get("silent_outcomes") or [])
        # What an export from the local service can be, by name, and the words naming each.
        specs = rules.get("export_specs") or {}
        self.export_specs: dict[str, dict[str, tuple[str, ...]]] = {
            group: {str(name): _words(words, f"rules.yaml export_specs.{group}.{name}")
                    for name, words in (specs.get(group) or {}).items()}
            for group in ("supported", "unsupported")}
        codes = [str(c) for c in rules.get("languages") or []]
        if not codes:
            raise ValueError("rules.yaml: no languages")
        self.codes: tuple[str, ...] = tuple(codes)
        self.langs: dict[str, Language] = {}
        for code in codes:
            if code not in languages:
                raise ValueError(f"rules.yaml: no languages/{code}.yaml")
            lang = Language(languages[code])
            if lang.code != code:
                raise ValueError(f"languages/{code}.yaml: code is {lang.code!r}")
            self.langs[code] = lang
        # (Jinja is imported here, on first use, not when the server starts.)
        self._env = reply_environment()
        self._templates: dict[tuple[str, str, str], jinja2.Template] = {}
        self._validate()

    @property
    def default_lang(self) -> str:
        return self.codes[0]

    def _validate(self) -> None:
        for style in self.styles.values():
            if style.mood not in self.moods:
                raise ValueError(f"rules.yaml: style {style.name} names unknown mood {style.mood}")
            if not set(style.motion) <= set(self.motions):
                raise ValueError(f"rules.yaml: style {style.name} has an unknown motion")
        if self.default_style not in self.styles:
            raise ValueError("rules.yaml: default_style is not a style")
        if not (set(self.mood_styles) <= set(self.moods)
                and set(self.mood_styles.values()) <= set(self.styles)):
            raise ValueError("rules.yaml: mood_styles must map moods to styles")
        for _, colors in self.palettes:
            if not all(_HEX.match(c) for c in colors):
                raise ValueError(f"rules.yaml: palette colours must be #RRGGBB: {colors}")
        reference = self.langs[self.default_lang]
        outcomes = set(reference.outcomes)
        for code, lang in self.langs.items():
            where = f"languages/{code}.yaml"
            if set(lang.outcomes) != outcomes:
                diff = sorted(outcomes ^ set(lang.outcomes))
                raise ValueError(f"{where}: outcomes differ from {self.default_lang}: {diff}")
            if set(lang.ratios) != {"16:9", "9:16", "1:1"}:
                raise ValueError(f"{where}: ratios must be exactly 16:9, 9:16 and 1:1")
            for group, known in (("styles", self.styles), ("moods", self.moods)):
                table = getattr(lang, group)
                if set(table) != set(known):
                    raise ValueError(f"{where}: {group} must name exactly {sorted(known)}")
                labels = lang.labels.get(group)
                if not isinstance(labels, dict) or set(labels) != set(known):
                    raise ValueError(f"{where}: labels.{group} must name exactly {sorted(known)}")
            if not set(lang.palettes) <= {name for name, _ in self.palettes}:
                raise ValueError(f"{where}: unknown palette in {sorted(lang.palettes)}")
            # Only that each template is text: compiling all of them (over 600) took most of
            # a first turn's time; each is compiled when first said (``compile_all`` checks
            # them all, for the tests).
            for section, names in (("outcomes", outcomes), ("tracks", TRACK_LINES)):
                for name in names:
                    self._source(section, name, code)
            if not isinstance(lang.labels.get("default_title"), str):
                raise ValueError(f"{where}: labels.default_title must be text")
            for key, patterns in lang.times.items():
                for pattern in patterns:
                    try:
                        re.compile(pattern.replace("{n}", "1").replace("{u}", "s"))
                    except re.error as exc:
                        raise ValueError(f"{where}: times.{key} {pattern!r}: {exc}") from None

    def _source(self, section: str, name: str, lang: str) -> str:
        table = self.langs[lang].outcomes if section == "outcomes" else self.langs[lang].tracks
        source = table.get(name)
        if not isinstance(source, str):
            raise ValueError(f"languages/{lang}.yaml: {section}.{name} is not text")
        return source

    def _template(self, section: str, name: str, lang: str) -> jinja2.Template:
        key = (section, name, lang)
        if key not in self._templates:
            self._templates[key] = self._env.from_string(self._source(section, name, lang))
        return self._templates[key]

    def compile_all(self) -> None:
        """Compile every template of every language now; raises Jinja's
        ``TemplateSyntaxError`` for one that does not compile."""
        for code, lang in self.langs.items():
            for name in lang.outcomes:
                self._template("outcomes", name, code)
            for name in TRACK_LINES:
                self._template("tracks", name, code)

    def lang(self, code: str) -> Language:
        return self.langs.get(code) or self.langs[self.default_lang]

    def normalize(self, code: str) -> str:
        """A language tag ("zh", "zh-TW", "pt-BR", "EN") as one of ours, else the default."""
        tag = code.strip().replace("_", "-")
        low = tag.lower()
        if low.startswith("zh"):
            traditional = any(p in low for p in ("hant", "-tw", "-hk", "-mo"))
            tag = "zh-Hant" if traditional else "zh-Hans"
        else:
            tag = low.split("-")[0]
        return tag if tag in self.langs else self.default_lang

    def detect(self, text: str, fallback: str = "en") -> str:
        """The language ``text`` is written in; ``fallback`` (a session language) when the
        text gives no clue.

        The router's detector decides first (``router.language``): scoring only the few
        words below answered a French "tu peux faire quoi exactement ?" in Spanish. Where it
        finds no clue ("volta a cor": the router counts words shared by several languages as
        no evidence) or only "Chinese", the agent's own words decide, with the session's
        language for ties: scripts first (Hangul, kana, Han); among Latin-script languages,
        the language whose common words and letters the text uses most. (The router's own
        prior is not used: it keeps a session's English for "volta a cor".) On the router's
        corpus (6,644 messages), with a session in another language, this picks the message's
        language 95.0 % of the time, against 89.9 % for the words alone; with a session in the
        same language, 99.2 % against 98.6 %."""
        from router.language import detect_locale

        fallback = self.normalize(fallback)
        if self.one_word_of(text, fallback):
            return fallback  # "Strand", "海", "映画風" alone: a word of the session's language
        # A quoted text is the title's or a caption's, in any language: 'tira a legenda
        # "Bye now"' is Portuguese. It decides only when nothing else is said.
        bare = _QUOTED.sub(" ", text)
        text = bare if re.search(r"[^\W\d_]", bare) else text
        found = detect_locale(text)
        if found in self.langs:
            return found
        if _HANGUL.search(text):
            return self._have("ko", fallback)
        if _KANA.search(text):
            return self._have("ja", fallback)
        if _HAN.search(text):
            return self._chinese(text, fallback)
        lower = text.lower()
        tokens = _WORD.findall(lower)
        if not tokens:
            return fallback
        counts: dict[str, int] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        scores: dict[str, int] = {}
        for code, lang in self.langs.items():
            if not lang.markers:
                continue
            score = sum(counts.get(m, 0) for m in lang.markers)
            score += 3 * sum(lower.count(ch) for ch in lang.letters)
            scores[code] = score
        if not scores or max(scores.values()) == 0:
            return fallback if fallback in scores else self.default_lang
        best = max(scores.values())
        tied = [c for c, s in scores.items() if s == best]
        if fallback in tied:
            return fallback
        return tied[0]

    def conversation_language(self, text: str, current: str) -> str:
        """The conversation's language after ``text``: the language ``text`` is written in
        when the text alone decides it (the same whatever the session's language), else
        ``current``: "un video de un bosque" makes a conversation Spanish, and a short or
        accentless follow-up ("estilo cinematico", "export") keeps it."""
        current = self.normalize(current)
        found = self.detect(text, current)
        other = next((c for c in self.langs if c not in (current, found)), current)
        return found if self.detect(text, other) == found else current

    def one_word_of(self, text: str, code: str) -> bool:
        """Whether ``text`` is one word (a phrase in Chinese, Japanese or Korean: no space)
        the language ``code`` has: a style, a mood, a word of its requests, or a thing its
        scenes draw. Said alone, such a word keeps the conversation's language, though other
        languages write it too ("海" is Chinese as well, "Strand" English)."""
        word = text.strip().strip(_EDGE_MARKS).lower()
        if not word or any(ch.isspace() for ch in word) or code not in self.langs:
            return False
        return word in self._vocabulary(code)

    @functools.cache  # noqa: B019 - one Lexicon per process (``lexicon()`` is cached)
    def _vocabulary(self, code: str) -> frozenset[str]:
        from backend.local.scenes.data import load_table

        lang = self.langs[code]
        words: set[str] = set(lang.markers)
        for table in (lang.styles, lang.moods, lang.ratios, lang.palettes, lang.words):
            for group in table.values():
                words.update(group)
        scenes = load_table(f"lexicon/{code}.yaml")
        for group in (scenes.get("words") or {}).values():
            words.update(str(w) for w in group)
        return frozenset(w.lower() for w in words if "…" not in w)

    def _have(self, code: str, fallback: str) -> str:
        return code if code in self.langs else fallback

    def _chinese(self, text: str, fallback: str) -> str:
        simplified = self.langs.get("zh-Hans")
        traditional = self.langs.get("zh-Hant")
        if traditional is None:
            return self._have("zh-Hans", fallback)
        if simplified is None:
            return "zh-Hant"
        s = sum(text.count(ch) for ch in simplified.script_chars)
        t = sum(text.count(ch) for ch in traditional.script_chars)
        if t > s:
            return "zh-Hant"
        if s > t:
            return "zh-Hans"
        return fallback if fallback in ("zh-Hans", "zh-Hant") else "zh-Hans"

    def words(self, key: str, codes: Iterable[str]) -> tuple[str, ...]:
        """The words of ``key`` in the languages ``codes`` (a union, for mixed messages)."""
        out: list[str] = []
        for code in codes:
            out.extend(self.lang(code).words.get(key, ()))
        return tuple(dict.fromkeys(out))

    def silent(self, outcome: str) -> bool:
        """True when ``outcome`` completes without any text (a silent edit)."""
        return outcome in self.silent_outcomes

    def say(self, outcome: str, lang: str, **values: Any) -> str:
        """The reply text for ``outcome`` in ``lang`` (one of ``codes``)."""
        code = self.lang(lang).code
        return self._template("outcomes", outcome, code).render(**values, _lang=code)

    def track_line(self, kind: str, lang: str, **values: Any) -> str:
        code = self.lang(lang).code
        return self._template("tracks", kind, code).render(**values, _lang=code)

    def track_label(self, role: str, lang: str) -> str:
        """What ``lang`` calls the track of ``role`` ("captions" → "Subtítulos")."""
        return self.lang(lang).track_labels[role]

    def music_name(self, mood: str, lang: str) -> str:
        """The name of the music generated for ``mood``, as ``lang`` writes it ("Lo-fi",
        "舒缓轻音乐")."""
        return self.lang(lang).music_names.get(mood) or self.moods[mood].title

    def label(self, group: str, key: str, lang: str) -> str:
        labels = self.lang(lang).labels
        entry = labels[group][key] if group in ("styles", "moods") else labels[group]
        return str(entry)


def reply_environment() -> jinja2.Environment:
    """The Jinja environment of every reply template: a number given as a float is written
    the way the reply's language writes it (``format_number``; templates render with
    ``_lang`` set), so no template formats numbers itself."""
    import jinja2

    @jinja2.pass_context
    def finalize(context: jinja2.runtime.Context, value: object) -> object:
        if isinstance(value, float):
            return format_number(value, str(context.get("_lang") or "en"))
        return value

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             finalize=finalize)
    # (Not "length": Jinja's own filter of that name counts a list.)
    @jinja2.pass_context
    def as_length(context: jinja2.runtime.Context, value: float, form: str = "short") -> str:
        return format_length(value, str(context.get("_lang") or "en"), form)

    env.filters["josa"] = josa
    env.filters["a_or_an"] = a_or_an
    env.filters["as_length"] = as_length
    return env


def format_length(seconds: float, lang: str, form: str = "short") -> str:
    """A video's length as ``lang`` says it in ``form`` (see ``LENGTH_FORMS``): in seconds
    under a minute ("10 s", "8,6 s"), else in minutes and seconds ("5 min", "2 min 30 s",
    "a 5-minute video"): nobody reads "a 300-second video" as five minutes at a glance."""
    table = lexicon().lang(lang).lengths[form]
    tenths = round(float(seconds) * 10)
    if tenths < 600:
        return table["seconds"].format(s=format_number(tenths / 10, lang))
    minutes, rest = divmod(tenths, 600)
    if rest == 0:
        key = "minute" if minutes == 1 and "minute" in table else "minutes"
        return table[key].format(m=minutes)
    return table["minutes_seconds"].format(m=minutes, s=format_number(rest / 10, lang))


def a_or_an(value: object) -> str:
    """The English article before a number as it is read: "an 8-second", "an 11-second",
    "an 18-minute", "a 10-second" (Korean's particles have their own filter, ``josa``)."""
    whole = re.sub(r"\D.*", "", str(value))  # "8.5", "8-minute": "8"
    return "an" if whole[:1] == "8" or whole in ("11", "18") else "a"


def format_number(value: float, lang: str) -> str:
    """``value`` as ``lang`` writes it: whole numbers without decimals, else up to two
    decimals with the language's decimal mark ("5.6" in English, "5,6" in Spanish)."""
    text = f"{value:.0f}" if value == int(value) else f"{value:.2f}".rstrip("0")
    return text.replace(".", lexicon().lang(lang).decimal)


def is_chinese(text: str) -> bool:
    """Whether ``text`` has any CJK ideograph."""
    return bool(_HAN.search(text))


@functools.cache
def lexicon() -> Lexicon:
    """The shipped tables, loaded and validated on first use."""
    # Parsed once per version (backend.datacache), not at every server start.
    package = Path(__file__).parent
    rules = load_yaml(package / "rules.yaml")
    folder = package / "languages"
    languages = {}
    for code in rules.get("languages") or []:
        entry = folder / f"{code}.yaml"
        if entry.is_file():
            languages[str(code)] = load_yaml(entry)
    return Lexicon(rules, languages)
