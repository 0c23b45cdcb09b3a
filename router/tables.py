"""The router's data: phrase, cue, frame and context tables loaded from YAML, validated, merged
with a skill's overrides, and indexed by token key.

Each normalised string has one ``Entry``: the action it stands for (export, credits, state,
upload, or chat for "force chat") and/or the roles it plays: cue bits (edit verb, negation, …)
and frame bits (a request *form* or an *object* of an action, see ``frames.yaml``). A string may
not stand for two actions, nor for an action and a cue or frame role: the load fails with a
``SkillError`` naming the string, both roles and where each came from.

Building the tables from YAML costs tens of milliseconds, more than a host's whole ``route``
call should; ``router.cache`` keeps the built form (plain dicts and tuples) on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from backend.errors import SkillError
from router.grammar import NAMES, Grammar, compile_lists
from router.overrides import ROUTER_ACTIONS, KeywordOverrides
from router.plain import DATA_DIR, EntryTable, unique_keys_loader
from router.text import LazyPattern, fold_accents, phrase_key, token_trie

__all__ = ["ACTIONS", "CONTEXTS", "DATA_DIR", "DATA_FILES", "Cue", "Entry", "Settings",
           "Tables", "builtin_tables", "compile_builtin", "load_tables", "tables_from_compiled",
           "typo_targets"]

#: Actions a route can take; ``chat`` is the backend chat.
ACTIONS: Final = ROUTER_ACTIONS
#: What the runtime's previous reply was, as ``route(..., after=...)`` takes it.
CONTEXTS: Final = ("export-offer", "timeline", "credits", "edit")
#: The key of a context's words that, after a yes, put something first ("yes, but first …").
CONTEXT_FIRST: Final = "first"
#: The key of a context's words that, after a yes, only set what follows against it ("yes,
#: but …"): what follows puts something first only when it asks for a change.
CONTEXT_BUT: Final = "but"
#: The package data the tables are built from (also what the compiled cache is keyed by).
DATA_FILES: Final = ("phrases.yaml", "cues.yaml", "frames.yaml", "contexts.yaml",
                     "languages.yaml", "grammar.yaml", "intent.json")
_OVERRIDE_FIELD: Final = "metadata.nemo.router.keywords"
_LATIN_WORD: Final = LazyPattern(r"^[a-z\u00c0-\u024f]+$")  # a word the typo fallback reads


class Cue:
    """Roles a string plays besides (or instead of) standing for an action: bits of an int.

    Plain ints rather than an ``IntFlag``: creating the enum class alone costs a few
    milliseconds of every process's start, and its operators are slow on the hot path.
    """

    NONE: Final = 0
    EDIT: Final = 1
    NEGATE_BEFORE: Final = 2
    NEGATE_AFTER: Final = 4
    CONNECTOR: Final = 8
    REQUEST: Final = 16
    IGNORE: Final = 32
    SEPARATOR: Final = 64
    ABOUT: Final = 128
    ASKS: Final = 256
    HOWTO: Final = 512
    PLATFORM: Final = 1024
    SPEC: Final = 2048
    QUESTION: Final = 4096
    PAUSE: Final = 8192
    PRICE: Final = 16384
    CONTENT: Final = 32768
    LIGHT: Final = 65536
    WHICH: Final = 131072
    DEVICE: Final = 262144
    CATALOGUE: Final = 524288
    SAID: Final = 1048576
    POSTPONE: Final = 2097152
    PAST: Final = 4194304
    #: (built, not listed) an ``ignore`` phrase that holds an action phrase ("status page",
    #: "download button"): it names a thing, that word asks nothing.
    NAMES: Final = 8388608
    THANKS: Final = 16777216
    #: (built from cues.yaml ``opens``) an action phrase that opens a request of its own: an
    #: imperative handing the file to the speaker ("pásame el video", "send me the video").
    #: Typed after another clause's words with no punctuation between, it starts a clause.
    OPENS: Final = 33554432
    #: Someone else's words reported ("my son said", "说要", "って言われ"), and a doubt about
    #: them or a question of what a word means ("is that true?", "啥意思"): together, the
    #: action of the reported clause is what the user was told, not what they ask for.
    REPORT: Final = 67108864
    DOUBT: Final = 134217728
    #: Someone other than the user or the runtime ("my husband", "朋友", "上司"): a balance or
    #: a project that is theirs ("my husband's credits", "我老公的积分") is not the user's.
    PERSON: Final = 268435456
    #: A name of text shown in the video ("caption", "字幕", "Titel", "문구"): followed by a
    #: colon, what comes after it is that text, content ("the banner should read: Download").
    LABEL: Final = 536870912
    #: a caption's words that only hand the file over: a question about receiving it ("can
    #: you use it?", "¿lo puede abrir?", "你抓一下") or where it is ("on this link", "放雲端").
    HANDOVER: Final = 1 << 30
    #: where a linked file is ("on this link", "in der Dropbox", "放雲端"): a verb of putting
    #: in its clause put the file there, it asks nothing of the video.
    STORED: Final = 1 << 31
    #: a caption that says what the file is ("this is …", "c'est …", "…です", "…이에요").
    DESCRIBE: Final = 1 << 32
    #: a verb of getting, opening or using a file ("open", "abrir", "öffnen", "打开", "열리").
    RECEIVE: Final = 1 << 33
    #: a request form that asks whether one can ("can you", "puedes", "kannst du", "能"): in a
    #: question about receiving the file it asks nothing of the video.
    ABILITY: Final = 1 << 34
    #: the file failing to come or open, as a condition ("if it doesn't open", "開けなかったら",
    #: "안 열리면"): the sentence that holds it only hands the file over ("… let me know").
    UNLESS: Final = 1 << 35
    #: where the file goes or in what order ("goes after", "por fecha", "後半に"): a request.
    PLACE: Final = 1 << 36
    #: a moment's wait or the user doing it themselves ("잠깐만", "我自己", "myself"):
    #: it puts off or declines another action, but beside the user's own sending it only
    #: announces the files ("제가 찍은 영상 지금 보낼게요 잠깐만요", "我自己的照片发给你").
    ASIDE: Final = 1 << 37
    #: what a file is for, named alone ("logo", "背景音乐", "ロゴ"), and what may stand between
    #: such names ("and", "和", "と", articles): a caption of these only labels its files.
    ROLE: Final = 1 << 38
    FILLER: Final = 1 << 39
    #: (built from cues.yaml ``references``, in captions) a link sent as an example of what
    #: the user wants: "like this", "参考这个", "こんな感じ".
    REFERENCE: Final = 1 << 40
    #: the user taking back what they just asked ("forget it", "scratch that", "算了",
    #: "やっぱいいや", "아냐 됐어"): the actions and changes before it in the message are
    #: asked for no more.
    RETRACT: Final = 1 << 41


_CUE_SECTIONS: Final[dict[str, int]] = {
    "edit": Cue.EDIT,
    "negate_before": Cue.NEGATE_BEFORE,
    "negate_after": Cue.NEGATE_AFTER,
    "connectors": Cue.CONNECTOR,
    "request": Cue.REQUEST,
    "ignore": Cue.IGNORE,
    "about": Cue.ABOUT,
    "asks": Cue.ASKS,
    "howto": Cue.HOWTO,
    "content": Cue.CONTENT,
    "platform": Cue.PLATFORM,
    "spec": Cue.SPEC,
    "question": Cue.QUESTION,
    "price": Cue.PRICE,
    "light": Cue.LIGHT,
    "which": Cue.WHICH,
    "device": Cue.DEVICE,
    "catalogue": Cue.CATALOGUE,
    "said": Cue.SAID,
    "postpone": Cue.POSTPONE,
    "past": Cue.PAST,
    "thanks": Cue.THANKS,
    "report": Cue.REPORT,
    "doubt": Cue.DOUBT,
    "person": Cue.PERSON,
    "label": Cue.LABEL,
    "aside": Cue.ASIDE,
    "retract": Cue.RETRACT,
}
#: Sections of cues.yaml read only in a caption sent with files (``Tables.captions``): a table
#: of their own, so that they take no word from the phrases and cues of any other message.
_CAPTION_SECTIONS: Final[dict[str, int]] = {
    "handover": Cue.HANDOVER,
    "stored": Cue.STORED,
    "describe": Cue.DESCRIBE,
    "receive": Cue.RECEIVE,
    "ability": Cue.ABILITY,
    "unless": Cue.UNLESS,
    "placement": Cue.PLACE,
    "roles": Cue.ROLE,
    "role_fillers": Cue.FILLER,
    "references": Cue.REFERENCE,
}


class Entry:
    """What one normalised string means. ``phrase`` is the first spelling seen.

    ``cues`` is a ``Cue`` bit set and ``forms`` / ``objects`` are bit sets over the frames
    (``Tables.frames``), all kept as plain ints: enum operators are slow on the hot path.

    A plain class with slots rather than a NamedTuple: the route reads about forty fields of
    entries a message, and the interpreter specialises a slot read (a named-tuple field is a
    descriptor call each time, about three times slower). Compared and hashed as the tuple of
    its fields, like the NamedTuple it replaces; treated as immutable (``_replace``). The
    compiled tables make each on first read (``EntryTable``), not all fifteen thousand at load.
    """

    __slots__ = ("action", "cues", "forms", "languages", "objects", "origin", "phrase")

    def __init__(  # noqa: PLR0917 (the compiled tables hold the fields in this order)
            self, phrase: str, action: str | None, cues: int, forms: int, objects: int,
            languages: tuple[str, ...], origin: str) -> None:
        self.phrase = phrase
        self.action = action
        self.cues = cues
        self.forms = forms
        self.objects = objects
        self.languages = languages
        self.origin = origin

    def fields(self) -> tuple[str, str | None, int, int, int, tuple[str, ...], str]:
        """The fields in order (the compiled tables' form of an entry)."""
        return (self.phrase, self.action, self.cues, self.forms, self.objects, self.languages,
                self.origin)

    def _replace(self, **changes: Any) -> Entry:
        """A copy with ``changes`` (field name -> value), as ``NamedTuple._replace``."""
        fields: dict[str, Any] = dict(zip(_ENTRY_FIELDS, self.fields(), strict=True))
        fields.update(changes)
        return Entry(**fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}"
                          for name, value in zip(_ENTRY_FIELDS, self.fields(), strict=True))
        return f"Entry({inner})"

    def language_for(self, preferred: str) -> str:
        """The entry's language, ``preferred`` when the entry is listed under it."""
        if preferred in self.languages:
            return preferred
        base = preferred.split("-", 1)[0]
        for lang in self.languages:
            if lang.split("-", 1)[0] == base:
                return lang
        return self.languages[0] if self.languages else ""


_ENTRY_FIELDS: Final = ("phrase", "action", "cues", "forms", "objects", "languages", "origin")

# NamedTuples rather than dataclasses: creating a dataclass costs a millisecond or two of every
# process's start-up, and these are read-only values anyway.
_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})
#: The grammar of tables made without the built-in data (every list empty).
_NO_GRAMMAR: Final = Grammar(dict.fromkeys(NAMES, ()))


class Settings(NamedTuple):
    """Tunable numbers of the decision rules (from the ``settings`` section of cues.yaml)."""

    margin: float = 0.1
    fuzzy_cutoff: float = 80.0
    fuzzy_max_words: int = 6
    fuzzy_min_length: int = 5
    negate_before_window: int = 30
    negate_after_window: int = 10
    frame_window: int = 40
    bare_object_words: float = 1.5
    bare_form_words: float = 1.0
    follow_up_words: float = 3.0
    second_opinion_words: float = 6.0


class Tables(NamedTuple):
    """Everything the matcher needs, indexed by token key (see ``router.text.phrase_key``)."""

    entries: Mapping[str, Entry]
    #: the keys as a trie of tokens (the scan's index, see ``router.text.token_trie``).
    trie: Mapping[str, Any]
    fuzzy_exclude: frozenset[str]
    settings: Settings
    #: action -> language -> phrases as written (for introspection and ``nemoskill route``).
    phrases: Mapping[str, Mapping[str, tuple[str, ...]]] = _EMPTY
    #: context -> (key -> the entry it means only after that reply, its scan index).
    contexts: Mapping[str, tuple[Mapping[str, Entry], Mapping[str, Any]]] = _EMPTY
    #: (bit, action) of every frame of frames.yaml, in file order.
    frames: tuple[tuple[int, str], ...] = ()
    #: the frames whose objects ask for their action on their own, as a bit set.
    alone: int = 0
    #: the frames whose forms, in a clause with little else, ask for their action ("envoie",
    #: "送ってもらえる？"), as a bit set.
    bare: int = 0
    #: the frames whose forms, in a sentence after a question whether the video is done, ask
    #: for it without naming it ("好了沒？給我", "もうできた？ちょうだい"), as a bit set.
    after_question: int = 0
    #: the frames that ask only in a question ("is the subtitled version ready?"; "the
    #: subtitled version is ready, thanks" tells), as a bit set.
    asked: int = 0
    #: hosts whose links are someone's media (file and video sharing), see ``extract_attachments``.
    media_hosts: frozenset[str] = frozenset()
    #: words right before, and after, a local path that make it the output's destination,
    #: see ``extract_attachments``.
    destinations: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())
    #: raw language hints (``router.language`` builds its detector from them).
    hints: Mapping[str, Any] = _EMPTY
    #: the learned fallback's weights (``router.intent``); None: the built-in ones, loaded
    #: from the compiled cache on first use.
    intent: Mapping[str, Any] | None = None
    #: ``typo_targets(entries, ...)``, compiled with the built-in tables; None: worked out
    #: from ``entries`` by the first message that needs them (tables with a skill's phrases).
    typo_targets: Mapping[str, list[str]] | None = None
    #: caption words (cues.yaml ``handover``, ``stored``, ``describe``, ``receive``,
    #: ``ability``, ``unless``, ``placement``): key -> entry, and their scan index; read only
    #: with files.
    captions: tuple[Mapping[str, Entry], Mapping[str, Any]] = (_EMPTY, _EMPTY)
    #: the grammar words the rules read by name (grammar.yaml; see ``router.grammar``). The
    #: rules read the built-in tables' (``core._grammar``); a skill's tables carry the same.
    grammar: Grammar = _NO_GRAMMAR


def typo_targets(entries: Mapping[str, Entry], min_length: int) -> dict[str, list[str]]:
    """The words the typo fallback corrects to: the single Latin words of at least
    ``min_length`` letters of action phrases, bucketed by first letter, in table order."""
    buckets: dict[str, list[str]] = {}
    for key, entry in entries.items():
        if entry.action is None or entry.action == "chat":
            continue
        for word in key.split():
            if len(word) >= min_length and _LATIN_WORD.p.match(word):
                bucket = buckets.setdefault(word[0], [])
                if word not in bucket:
                    bucket.append(word)
    return buckets


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.phrases: dict[str, dict[str, list[str]]] = {}

    def add(self, phrase: str, lang: str, *, action: str | None = None, cue: int = 0,
            forms: int = 0, objects: int = 0, origin: str, path: str, fld: str) -> None:
        key = phrase_key(phrase)
        if not key:
            raise SkillError(f"phrase {phrase!r} is empty after normalisation", path=path,
                             field=fld)
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = Entry(phrase, action, cue, forms, objects, (lang,), origin)
        else:
            _check_compatible(key, old, action, cue | _frame_flag(forms, objects), path=path,
                              fld=fld)
            langs = old.languages if lang in old.languages else (*old.languages, lang)
            self.entries[key] = Entry(old.phrase, old.action or action, old.cues | cue,
                                      old.forms | forms, old.objects | objects, langs,
                                      old.origin)
        if action is not None:
            bucket = self.phrases.setdefault(action, {}).setdefault(lang, [])
            if phrase not in bucket:
                bucket.append(phrase)


#: Languages whose writers often type without accents ("cuanto cuesta", "ca coute", "ja ta
#: acabando") or spell umlauts out ("aendere", "oeffnungszeiten").
_PLAIN_LANGUAGES: Final = frozenset({"es", "pt", "fr", "de"})
#: A word shorter than this keeps its accents in the plain spelling: the short ones are where
#: the accent tells two words apart ("sí"/"si", "más"/"mas", "où"/"ou", "está"/"esta").
_PLAIN_MIN_LETTERS: Final = 5
_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


# A letter that has a key of its own on the language's keyboards, kept by people who drop the
# accents they would have to reach for ("enseñame", "añadele" for "enséñame", "añádele";
# "exportaçao"): the phrase is also listed with that letter kept.
_OWN_KEY: Final = {"es": "ñ", "pt": "ç"}


def _plain_word(word: str, german: bool, keep: str = "") -> str:
    """``word`` as typed without accents: umlauts spelt out in German ("ändere" →
    "aendere"; "andere" is another word), accents dropped elsewhere ("salió" → "salio"),
    except on the letter ``keep``."""
    if german:
        return word.translate(_UMLAUTS)
    if keep and keep in word:
        return keep.join(fold_accents(part) for part in word.split(keep))
    return fold_accents(word)


def _add_plain_spellings(entries: dict[str, Entry]) -> None:
    """Add each accented phrase of es, pt, fr and de as typed without its accents, meaning the
    same, where that spelling is no phrase of its own: people type on phones and keyboards
    without them, and listing every phrase twice by hand is what tables forget. Only words
    of ``_PLAIN_MIN_LETTERS`` or more change, and shorter ones between two others; a one-word
    interrogative keeps its accent
    (unaccented "cuando", "donde", "como" join clauses: "mándamelo cuando puedas")."""
    for key, entry in list(entries.items()):
        if key.isascii() or not entry.languages or (
                entry.cues & (Cue.QUESTION | Cue.WHICH) and " " not in key):
            continue
        langs = _PLAIN_LANGUAGES.intersection(entry.languages)
        if not langs:
            continue
        split = key.split(" ")
        # A short word between two others is told apart by them ("ya esta listo" is "ya
        # está listo"); one at either end is not ("me mostra como esta foto", "que has
        # cambiado", "quedarme con el fondo"), nor in a phrase of two ("no se ve").
        inner = range(1, len(split) - 1)
        styles = {(lang == "de", "") for lang in langs}
        styles.update((False, _OWN_KEY[lang]) for lang in langs if lang in _OWN_KEY)
        for german, keep in sorted(styles):
            words = [plain if len(plain := _plain_word(word, german, keep)) >= _PLAIN_MIN_LETTERS
                     or at in inner else word for at, word in enumerate(split)]
            variant = " ".join(words)
            if variant != key and variant not in entries:
                entries[variant] = entry


def _shorthand(raw: object, path: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """cues.yaml ``shorthand``: language -> word key -> the keys of its short forms."""
    if not isinstance(raw, dict):
        raise SkillError("shorthand must map languages to {word: [short forms]}", path=path)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, words in raw.items():
        if not isinstance(words, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) and x for x in v)
                for v in words.values()):
            raise SkillError("must map words to lists of short forms", path=path,
                             field=f"shorthand.{lang}")
        out[str(lang)] = {phrase_key(str(w)): tuple(phrase_key(x) for x in v)
                          for w, v in words.items()}
    return out


def _add_shorthands(entries: dict[str, Entry],
                    shorthand: Mapping[str, Mapping[str, tuple[str, ...]]]) -> None:
    """Add each phrase of two or more words as chat shortens its words ("lo que llevamos" →
    "lo q llevamos", "can you send" → "can u send"), meaning the same, where that spelling
    is no phrase of its own. A one-word phrase is never shortened ("q" is no "qué")."""
    for key, entry in list(entries.items()):
        if " " not in key:
            continue
        words = key.split(" ")
        for lang in entry.languages:
            short = shorthand.get(lang)
            if not short or not any(w in short for w in words):
                continue
            variants: list[list[str]] = [[]]
            for word in words:
                variants = [[*v, form] for v in variants for form in (word, *short.get(word, ()))]
            for variant in variants:
                spelt = " ".join(variant)
                if spelt not in entries:
                    entries[spelt] = entry


def _mark_opens(entries: dict[str, Entry], raw: object, path: str) -> None:
    """Mark the action phrases cues.yaml ``opens`` lists (before their other spellings are
    added, which inherit the mark). Each must be an action phrase already."""
    for lang, listed in _phrase_lists(raw, path, "opens"):
        for phrase in listed:
            key = phrase_key(phrase)
            entry = entries.get(key)
            if entry is None or entry.action in (None, "chat"):
                raise SkillError(f"{phrase!r} is listed to open a clause but is no action "
                                 "phrase", path=path, field=f"opens.{lang}")
            entries[key] = entry._replace(cues=entry.cues | Cue.OPENS)


def _mark_names(entries: dict[str, Entry], export: int = 0) -> None:
    """Mark each ``ignore`` phrase that holds an action phrase ("status page", "estado del
    pedido", "下载按钮"): the thing it names has an action word in its name. So is a Chinese
    one that begins with a way of asking for the file (``export``: those frames' bits) and goes
    on ("给我妈", to my mum; "给我看的", what was shown to me): it names who the video goes
    to, and "我要给我妈看这个视频" asks for nothing."""
    for key, entry in list(entries.items()):
        if not entry.cues & Cue.IGNORE or entry.action is not None:
            continue
        if export and "\u4e00" <= key[0] <= "\u9fff" and any(
                (inner := entries.get(key[:j])) is not None and inner.forms & export
                for j in range(2, len(key))):
            entries[key] = entry._replace(cues=entry.cues | Cue.NAMES)
            continue
        if " " in key:
            words = key.split(" ")
            parts = [" ".join(words[i:j]) for i in range(len(words))
                     for j in range(i + 1, len(words) + 1) if (i, j) != (0, len(words))]
        else:
            parts = [key[i:j] for i in range(len(key)) for j in range(i + 2, len(key) + 1)
                     if (i, j) != (0, len(key))] if not key.isascii() else []
        for part in parts:
            inner = entries.get(part)
            if inner is not None and inner.action not in (None, "chat"):
                entries[key] = entry._replace(cues=entry.cues | Cue.NAMES)
                break


#: A run of this many katakana (the long-vowel mark included) or more is also spelt in
#: hiragana: people who dictate, or whose keyboard did not convert, type "えくすぽーと" and
#: "くれじっと". Shorter runs are left alone: their hiragana spellings are words of their own
#: ("カット" is "かっと", in a temper; "ロゴ", "ろご").
_KANA_RUN: Final = 4
_KATAKANA_RUN: Final = LazyPattern(f"[\u30a1-\u30f6\u30fc]{{{_KANA_RUN},}}")
_TO_HIRAGANA: Final = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _add_hiragana_spellings(entries: dict[str, Entry]) -> None:
    """Add each Japanese phrase with a katakana word as typed in hiragana (``_KANA_RUN``),
    meaning the same, where that spelling is no phrase of its own."""
    for key, entry in list(entries.items()):
        if "ja" not in entry.languages or not _KATAKANA_RUN.p.search(key):
            continue
        variant = _KATAKANA_RUN.p.sub(lambda run: run.group().translate(_TO_HIRAGANA), key)
        if variant not in entries:
            entries[variant] = entry


def _add_spellings(entries: dict[str, Entry],
                   shorthand: Mapping[str, Mapping[str, tuple[str, ...]]],
                   opens: tuple[object, str] | None = None) -> None:
    """The other ways people spell the phrases: without accents, katakana in hiragana, then in
    chat shorthand.
    ``opens`` (cues.yaml ``opens`` and its path) is marked first, so its spellings are too."""
    if opens is not None:
        _mark_opens(entries, *opens)
    _add_plain_spellings(entries)
    _add_hiragana_spellings(entries)
    _add_shorthands(entries, shorthand)


def _inherit_objects(entries: dict[str, Entry], actions: Mapping[int, str]) -> None:
    """A frame object (or form) that ends or begins with another of two or more words (or, in
    CJK script, begins with another of two or more characters) is that one too: "the final
    file" (listed for making the file) is also the "final file" that is asked for, and
    "送ってください" is still "送って", so the longer match, which hides the shorter one, keeps
    its meaning. In CJK script only of the actions it is listed for: a shorter phrase there is
    a run of characters, not a word, and "我傳的" (what I sent, of ``state.used``) is no "我傳"
    (I'm sending, an upload); "gib mir mal" is still "gib mir". ``actions``: each frame
    bit's action."""
    def same(bits: int, own: int) -> int:
        """Those of ``bits`` whose action is one of ``own``'s."""
        mine = {actions[b] for b in actions if b & own}
        return sum(b for b in actions if b & bits and actions[b] in mine)

    for key, entry in list(entries.items()):
        if not (entry.objects or entry.forms):
            continue
        if " " not in key:
            if key.isascii():
                continue
            objects, forms = entry.objects, entry.forms
            for i in range(2, len(key)):
                head = entries.get(key[:i])
                if head is not None:
                    objects |= same(head.objects, entry.objects)
                    forms |= same(head.forms, entry.forms)
            if (objects, forms) != (entry.objects, entry.forms):
                entries[key] = entry._replace(objects=objects, forms=forms)
            continue
        words = key.split(" ")
        objects, forms = entry.objects, entry.forms
        for i in range(1, len(words) - 1):
            tail = entries.get(" ".join(words[i:]))
            if tail is not None:
                objects |= tail.objects if entry.objects else 0
                forms |= tail.forms if entry.forms else 0
        for i in range(2, len(words)):
            # And one that begins with another: "el archivo final" (listed for making the
            # file) is still "el archivo" that is asked for ("dame el archivo final").
            head = entries.get(" ".join(words[:i]))
            if head is not None:
                objects |= head.objects if entry.objects else 0
                forms |= head.forms if entry.forms else 0
        if (objects, forms) != (entry.objects, entry.forms):
            entries[key] = entry._replace(objects=objects, forms=forms)


# A frame role is reported like a cue in conflict messages; these bits are outside Cue's
# (well above its last, so that a new cue never shares one: RETRACT did, at 1 << 41).
_FORM_FLAG: Final = 1 << 62
_OBJECT_FLAG: Final = 1 << 63


def _frame_flag(forms: int, objects: int) -> int:
    return (_FORM_FLAG if forms else 0) | (_OBJECT_FLAG if objects else 0)


def _role(action: str | None, cue: int) -> str:
    if action is not None:
        return "chat (force chat)" if action == "chat" else action
    names = [name for name, flag in _CUE_SECTIONS.items() if flag & cue]
    names += ["frame form"] if cue & _FORM_FLAG else []
    names += ["frame object"] if cue & _OBJECT_FLAG else []
    return f"a cue ({', '.join(names) or 'separator'})"


def _check_compatible(key: str, old: Entry, action: str | None, cue: int, *, path: str,
                      fld: str) -> None:
    old_cues = old.cues | _frame_flag(old.forms, old.objects)
    clash = bool(action and old.action and action != old.action)
    # An action phrase may not double as a cue or frame role (it would mean two things at
    # once); the one exception is a "force chat" phrase that is also an edit verb, which agree.
    for a, c in ((action, old_cues), (old.action, cue)):
        if a is not None and c and not (a == "chat" and not c & ~(Cue.EDIT | Cue.IGNORE)):
            clash = True
    if clash:
        hint = ("; a skill can take a built-in phrase over with router.mode: replace on that "
                "action" if old.action else "")
        raise SkillError(
            f"phrase {key!r} cannot be "
            f"{_role(action, cue)}: it is already {_role(old.action, old_cues)} "
            f"({old.origin}). One phrase can mean only one thing{hint}",
            path=path, field=fld,
        )


def read_data(name: str) -> tuple[str, str]:
    """The text of one data file and its path (for messages)."""
    ref = DATA_DIR / name
    return ref.read_text(encoding="utf-8"), str(ref)


def _parse_yaml(text: str, path: str) -> dict[str, Any]:
    import yaml  # only when building: a cached load never parses YAML

    try:
        data = yaml.load(text, Loader=unique_keys_loader())
    except yaml.YAMLError as exc:
        raise SkillError(f"invalid YAML: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise SkillError("must be a mapping", path=path)
    return data


def _phrase_lists(value: object, path: str, fld: str) -> Iterable[tuple[str, list[str]]]:
    import re

    tag = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
    if not isinstance(value, dict):
        raise SkillError("must be a mapping of language -> phrases", path=path, field=fld)
    for lang, phrases in value.items():
        if not isinstance(lang, str) or not tag.match(lang):
            raise SkillError(f"{lang!r} is not a language tag such as en or zh-Hant",
                             path=path, field=fld)
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                    for p in phrases):
            raise SkillError("must be a list of non-empty strings (quote words YAML reads as "
                             "booleans: 'no', 'on')", path=path,
                             field=f"{fld}.{lang}")
        yield lang, [p.strip() for p in phrases]


def _builtin_raw() -> dict[str, tuple[dict[str, Any], str]]:
    """Every data file, parsed: name -> (data, path)."""
    import json

    out = {}
    for name in DATA_FILES:
        text, path = read_data(name)
        if name.endswith(".json"):
            try:
                out[name] = (json.loads(text), path)
            except ValueError as exc:
                raise SkillError(f"invalid JSON: {exc}", path=path) from exc
        else:
            out[name] = (_parse_yaml(text, path), path)
    return out


def compile_builtin() -> dict[str, Any]:
    """Build the built-in tables from the YAML data, as plain data (what the cache stores).

    Raises ``SkillError`` for malformed tables and for a phrase that would stand for two
    actions, or for an action and a cue.
    """
    raw = _builtin_raw()
    phrases, ppath = raw["phrases.yaml"]
    cues, cpath = raw["cues.yaml"]
    frames, fpath = raw["frames.yaml"]
    contexts, xpath = raw["contexts.yaml"]
    hints, _ = raw["languages.yaml"]
    intent, _ = raw["intent.json"]
    unknown = sorted(set(phrases) - set(ACTIONS))
    if unknown:
        raise SkillError(f"unknown action(s) {', '.join(unknown)}; allowed: {', '.join(ACTIONS)}",
                         path=ppath)
    b = _Builder()
    for section, flag in _CUE_SECTIONS.items():
        for lang, listed in _phrase_lists(cues.get(section, {}), cpath, section):
            for phrase in listed:
                b.add(phrase, lang, cue=flag, origin=f"cues.yaml {section}.{lang}",
                      path=cpath, fld=f"{section}.{lang}")
    for section, flag in (("separators", Cue.SEPARATOR), ("pauses", Cue.PAUSE)):
        for sep in cues.get(section, []):
            key = phrase_key(str(sep))
            b.entries[key] = Entry(key, None, flag, 0, 0, (), f"cues.yaml {section}")
    b.entries["\n"] = Entry("\\n", None, Cue.SEPARATOR, 0, 0, (), "line break")
    frame_actions: list[tuple[int, str]] = []
    # The frames of each flag ("alone" true unless said, for all but upload), as bit sets.
    flagged = dict.fromkeys(("alone", "bare", "after_question", "asked"), 0)
    for name, table in frames.items():
        # "export" or "export.transfer": several frames may stand for one action.
        action = str(name).split(".", 1)[0]
        if action not in ACTIONS[:4]:
            raise SkillError(f"unknown frame action {action!r}; allowed: "
                             f"{', '.join(ACTIONS[:4])}", path=fpath, field=str(name))
        bit = 1 << len(frame_actions)
        frame_actions.append((bit, action))
        if not isinstance(table, dict) or set(table) - {"forms", "objects", *flagged}:
            raise SkillError("must have 'forms' and 'objects' (and optionally 'alone', 'bare', "
                             "'after_question', 'asked')",
                             path=fpath, field=str(name))
        for option in flagged:
            if table.get(option, option == "alone" and action != "upload") is True:
                flagged[option] |= bit
        for role in ("forms", "objects"):
            for lang, listed in _phrase_lists(table.get(role, {}), fpath, f"{name}.{role}"):
                for phrase in listed:
                    b.add(phrase, lang, forms=bit if role == "forms" else 0,
                          objects=bit if role == "objects" else 0,
                          origin=f"frames.yaml {name}.{role}.{lang}", path=fpath,
                          fld=f"{name}.{role}.{lang}")
    _inherit_objects(b.entries, dict(frame_actions))
    for action, table in phrases.items():
        for lang, listed in _phrase_lists(table, ppath, action):
            for phrase in listed:
                b.add(phrase, lang, action=action, origin=f"built-in {action}.{lang}",
                      path=ppath, fld=f"{action}.{lang}")
    shorthand = _shorthand(cues.get("shorthand", {}), cpath)
    _add_spellings(b.entries, shorthand, (cues.get("opens", {}), cpath))
    _mark_names(b.entries, sum(bit for bit, action in frame_actions if action == "export"))
    context_entries: dict[str, dict[str, Any]] = {}
    for context, table in contexts.items():
        if context not in CONTEXTS:
            raise SkillError(f"unknown context {context!r}; allowed: {', '.join(CONTEXTS)}",
                             path=xpath)
        if not isinstance(table, dict) or set(table) - {*ACTIONS, CONTEXT_FIRST, CONTEXT_BUT}:
            raise SkillError(f"must map actions (or {CONTEXT_FIRST!r}, {CONTEXT_BUT!r}) to "
                             "phrases",
                             path=xpath, field=context)
        cb = _Builder()
        for action, listed_by_lang in table.items():
            # ``first`` words ("first", "before that") stand for no action: after a yes they
            # put something before the action that yes accepts ("ok but make it shorter
            # first"); they ask for it, hence REQUEST. ``but`` words only contrast: "yes, but
            # the music is too loud" complains, it puts nothing first.
            first = action in (CONTEXT_FIRST, CONTEXT_BUT)
            cue = (Cue.CONNECTOR | Cue.REQUEST if action == CONTEXT_FIRST else
                   Cue.CONNECTOR if first else 0)
            for lang, listed in _phrase_lists(listed_by_lang, xpath, f"{context}.{action}"):
                for phrase in listed:
                    cb.add(phrase, lang, action=None if first else action, cue=cue,
                           origin=f"contexts.yaml {context}.{action}.{lang}", path=xpath,
                           fld=f"{context}.{action}.{lang}")
        _add_spellings(cb.entries, shorthand)
        context_entries[context] = {"entries": {k: e.fields() for k, e in cb.entries.items()},
                                    "trie": token_trie(cb.entries)}
    exclude = sorted({phrase_key(w) for _, listed in
                      _phrase_lists(cues.get("fuzzy_exclude", {}), cpath, "fuzzy_exclude")
                      for w in listed})
    # One object per distinct origin and language list, and a phrase spelt as its key is the
    # key: marshal then writes each once and refers to it after, which halves the cache and
    # its load time. (The trie's tokens and keys are shared likewise, see token_trie.)
    shared: dict[Any, Any] = {}

    def plain(k: str, e: Entry) -> tuple[Any, ...]:
        return (k if e.phrase == k else e.phrase, e.action, e.cues, e.forms, e.objects,
                shared.setdefault(e.languages, e.languages), shared.setdefault(e.origin, e.origin))

    settings = _settings(cues.get("settings", {}), cpath)
    return {
        "entries": {k: plain(k, e) for k, e in b.entries.items()},
        # Worked out here, not by the first message with an unknown word (1 ms of its process).
        "typo_targets": typo_targets(b.entries, Settings(**settings).fuzzy_min_length),
        "trie": token_trie(b.entries),
        "fuzzy_exclude": exclude,
        "settings": settings,
        "phrases": {a: {lang: list(p) for lang, p in langs.items()}
                    for a, langs in b.phrases.items()},
        "contexts": context_entries,
        "frames": frame_actions,
        **flagged,
        "media_hosts": sorted(str(h).lower() for h in cues.get("media_hosts", [])),
        "destinations": [sorted(str(w).lower() for w in (cues.get("destinations") or {}).get(
            side) or []) for side in ("before", "after")],
        "captions": _captions(cues, cpath, shorthand),
        "grammar": compile_lists(*raw["grammar.yaml"]),
        "hints": hints,
        "intent": intent,
    }


def _captions(cues: Mapping[str, Any], path: str,
              shorthand: Mapping[str, Mapping[str, tuple[str, ...]]]) -> dict[str, Any]:
    """The caption words' table (``_CAPTION_SECTIONS``), as plain data."""
    cb = _Builder()
    for section, flag in _CAPTION_SECTIONS.items():
        for lang, listed in _phrase_lists(cues.get(section, {}), path, section):
            for phrase in listed:
                cb.add(phrase, lang, cue=flag, origin=f"cues.yaml {section}.{lang}", path=path,
                       fld=f"{section}.{lang}")
    _add_spellings(cb.entries, shorthand)
    return {"entries": {k: e.fields() for k, e in cb.entries.items()},
            "trie": token_trie(cb.entries)}


def _entries(plain: Mapping[str, tuple[Any, ...]]) -> EntryTable[Entry]:
    """The ``Entry`` table of a compiled one (each entry the tuple of its fields)."""
    return EntryTable(plain, Entry)


def tables_from_compiled(data: Mapping[str, Any]) -> Tables:
    """``Tables`` from the plain form ``compile_builtin`` returns (fresh or from the cache)."""
    return Tables(
        entries=_entries(data["entries"]),
        trie=data["trie"],
        fuzzy_exclude=frozenset(data["fuzzy_exclude"]),
        settings=Settings(**data["settings"]),
        phrases={a: {lang: tuple(p) for lang, p in langs.items()}
                 for a, langs in data["phrases"].items()},
        contexts={c: (_entries(table["entries"]), table["trie"])
                  for c, table in data["contexts"].items()},
        frames=tuple((int(bit), str(action)) for bit, action in data["frames"]),
        alone=int(data["alone"]),
        bare=int(data.get("bare", 0)),
        after_question=int(data.get("after_question", 0)),
        asked=int(data.get("asked", 0)),
        media_hosts=frozenset(data["media_hosts"]),
        destinations=(frozenset(data["destinations"][0]), tuple(data["destinations"][1])),
        captions=(_entries(data["captions"]["entries"]), data["captions"]["trie"])
        if "captions" in data else (_EMPTY, _EMPTY),
        hints=data["hints"],
        intent=data.get("intent"),
        typo_targets=data.get("typo_targets"),
        grammar=Grammar.from_compiled(data["grammar"]),
    )


def load_tables(overrides: KeywordOverrides | None = None, *,
                source: str = "SKILL.md") -> Tables:
    """The built-in tables extended or replaced by a skill's ``overrides``.

    ``router_mode`` ``extend`` adds the skill's phrases; ``replace`` drops the built-in phrases
    of every action the skill lists (other actions keep theirs). ``source`` names the skill
    file in errors. Raises ``SkillError`` for a phrase that would stand for two actions or for
    an action and a cue.
    """
    base = builtin_tables()
    if overrides is None or not overrides.router_keywords:
        return base
    replaced: set[str] = set()
    if overrides.router_mode == "replace":
        replaced = set(overrides.router_keywords)
    b = _Builder()
    b.entries = {k: e for k, e in base.entries.items()
                 if not (e.action in replaced and e.origin.startswith("built-in "))}
    b.phrases = {a: {lang: list(p) for lang, p in langs.items()}
                 for a, langs in base.phrases.items() if a not in replaced}
    for action, table in overrides.router_keywords.items():
        for lang, skill_phrases in table.items():
            fld = f"{_OVERRIDE_FIELD}.{action}.{lang}"
            for phrase in skill_phrases:
                b.add(phrase, lang, action=action, origin=f"skill {action}.{lang}",
                      path=source, fld=fld)
    return Tables(
        entries=b.entries, trie=token_trie(b.entries), fuzzy_exclude=base.fuzzy_exclude,
        settings=base.settings,
        phrases={a: {lang: tuple(p) for lang, p in langs.items()} for a, langs in
                 b.phrases.items()},
        contexts=base.contexts, frames=base.frames, alone=base.alone, bare=base.bare,
        after_question=base.after_question, asked=base.asked,
        media_hosts=base.media_hosts, destinations=base.destinations, hints=base.hints,
        intent=base.intent,
        captions=base.captions,
        grammar=base.grammar,
    )


def _settings(raw: object, path: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SkillError("must be a mapping", path=path, field="settings")
    allowed = Settings._fields
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise SkillError(f"unknown setting(s) {', '.join(unknown)}", path=path, field="settings")
    values: dict[str, Any] = {}
    for name, value in raw.items():
        kind = type(getattr(Settings(), name))
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise SkillError("must be a non-negative number", path=path,
                             field=f"settings.{name}")
        values[name] = kind(value)
    return values


@cache
def builtin_tables() -> Tables:
    """The built-in tables, once per process: from the compiled cache when it is current."""
    from router.cache import load_compiled

    return tables_from_compiled(load_compiled())
