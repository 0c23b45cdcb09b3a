"""Text preparation for routing: normalisation, quoted content, and attachment-like tokens.

Everything here works on the *normalised* form (NFKC, casefold, one space between words), which
is also the form every table phrase is stored in, so matching is a plain literal comparison.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Final

from backend.errors import ACCEPTED_FORMATS
from router.plain import LazyPattern

__all__ = [
    "TOKEN",
    "TOKEN_SPLIT",
    "WIDE_CHAR",
    "CharClass",
    "LazyPattern",
    "alternation",
    "extract_attachments",
    "find_destination",
    "fold_accents",
    "normalize",
    "phrase_key",
    "strip_quoted",
    "token_trie",
    "wide_pauses",
]

# Typographic apostrophes and double quotes collapse to their ASCII forms so that "don’t"
# matches "don't" and ‘…’ / “…” / „…“ are quotes like '…' / "…".
_QUOTE_FOLD: Final = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201a": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    # Taiwanese chat writes the particles 的 and 嗎 by their first zhuyin letter ("拍ㄉ影片",
    # "真ㄉ假ㄉ", "好ㄇ"): read as the characters they stand for.
    "\u3109": "\u7684", "\u3107": "\u55ce",
})


class CharClass:
    """A class of characters (ranges, or a set of single characters) that a text is searched
    for or counted in, as a regex class would be, with the same answers.

    Compiling a class of many characters is expensive in ``re`` (it marks every character of
    every range, then builds a 64k-entry map): 0.2-2 ms for the scripts' classes and the
    lists of Simplified- and Traditional-only characters, in every process whose message
    needs them, which for a host is every message. So the first ``COMPILE_AFTER`` uses in
    a process read the text's characters in Python (microseconds), and only a process that
    keeps routing compiles the regex, which is faster per message from then on."""

    COMPILE_AFTER: Final = 64

    __slots__ = ("_chars", "_pattern", "_ranges", "_uses")

    def __init__(self, ranges: Iterable[tuple[str, str]] = (), chars: str = "") -> None:
        self._ranges = tuple(ranges)
        self._chars = frozenset(chars)
        self._pattern: re.Pattern[str] | None = None
        self._uses = 0

    def _compile(self) -> re.Pattern[str] | None:
        """The regex, once the class has been used ``COMPILE_AFTER`` times (else None)."""
        self._uses += 1
        if self._uses > self.COMPILE_AFTER:
            body = "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi in self._ranges)
            body += "".join(re.escape(ch) for ch in sorted(self._chars))
            self._pattern = re.compile(f"[{body}]")
        return self._pattern

    def _has(self, ch: str) -> bool:
        return ch in self._chars or any(lo <= ch <= hi for lo, hi in self._ranges)

    def search(self, text: str) -> bool:
        """Whether ``text`` holds a character of the class."""
        pattern = self._pattern or self._compile()
        if pattern is not None:
            return pattern.search(text) is not None
        if not self._ranges:
            return not self._chars.isdisjoint(text)
        return any(map(self._has, set(text)))

    def count(self, text: str) -> int:
        """How many characters of ``text`` are of the class."""
        pattern = self._pattern or self._compile()
        if pattern is not None:
            return len(pattern.findall(text))
        if not self._ranges:
            return sum(map(self._chars.__contains__, text))
        return sum(map(self._has, text))


# Any character ``_QUOTE_FOLD`` folds: ``str.translate`` looks every character up in a dict,
# which costs more than the rest of normalising a long message, and most hold none. A
# CharClass: as a regex class (quotes of two blocks and Latin-1, two zhuyin letters) it is
# compiled into a 64k-entry map, 0.3-0.7 ms of the first non-ASCII message of every process.
_FOLDABLE: Final = CharClass(
    chars="\u2019\u2018\u201a\u02bc`\u00b4\u201c\u201d\u201e\u201f\u3109\u3107")
_SPACES: Final = re.compile(r"[^\S\n]+")
_NEWLINES: Final = re.compile(r"\s*\n\s*")

# Quoted spans are content ("make the title say 'Download now'"), not commands. An unclosed
# double quote or bracket quote runs to the end of the message. A single quote only opens
# after, and only closes before, something that is not a Latin letter or digit, so
# apostrophes ("don't", "l'export") stay while a Korean particle may follow ('잔액'으로).
_QUOTED: Final = LazyPattern(
    r'"[^"\n]*(?:"|$)'
    r"|«[^»]*(?:»|$)|‹[^›]*(?:›|$)"
    r"|「[^」]*(?:」|$)|『[^』]*(?:』|$)|《[^》]*(?:》|$)|〈[^〉]*(?:〉|$)|【[^】]*(?:】|$)"
    r"|(?<![0-9a-z\u00c0-\u024f])'[^'\n]+'(?![0-9a-z\u00c0-\u024f])"
)
_ANY_QUOTE: Final = re.compile("[\"'«‹「『《〈【]")
# The openings of _QUOTED other than the single quote, whose span needs two of them: without
# these and with at most one apostrophe ("it's", "l'export") nothing can be quoted, and the
# text need not go through _QUOTED at every position.
_DOUBLE_QUOTE: Final = re.compile("[\"«‹「『《〈【]")

_URL: Final = LazyPattern(r"https?://[^\s\"'<>«»「」]+", re.IGNORECASE)
_MEDIA_EXT: Final = "|".join(sorted(ACCEPTED_FORMATS, key=len, reverse=True))
# A local path: starts with /, ~/, ./, ../ or a drive letter, and ends in an accepted format.
_PATH: Final = LazyPattern(
    r"(?<!\S)(?:~|\.{1,2}|[a-z]:)?[/\\][^\s\"'<>]*?\.(?:" + _MEDIA_EXT + r")(?![^\s.,;!?)])",
    re.IGNORECASE,
)
_MEDIA_URL: Final = LazyPattern(r"\.(?:" + _MEDIA_EXT + r")(?:[?#].*)?$", re.IGNORECASE)
_TRAILING_PUNCT: Final = ".,;:!?)]}>。，！？）"

#: Matching tokens of normalised text: a run of Latin letters and digits is one token, every
#: other visible character (CJK, kana, Hangul, punctuation, emoji) one token each, and a line
#: break one token (it separates clauses). Hyphens and other spaces are dropped, so
#: "peux-tu" and "peux tu" are the same two tokens.
TOKEN: Final = re.compile(r"[0-9a-z\u00c0-\u024f]+|[^\s\-]|\n")
#: ``TOKEN_SPLIT(text)``: what lies before the first token (spaces, hyphens or nothing), the
#: token, what lies between it and the next, and so on: ``[1::2]`` are ``TOKEN.findall(text)``,
#: and the running lengths of all say where each token starts and ends.
TOKEN_SPLIT: Final = re.compile(f"({TOKEN.pattern})").split
_WORD_START: Final = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def normalize(text: str) -> str:
    """Return ``text`` in matching form: NFKC, casefolded, quotes (and the zhuyin letters
    for 的 and 嗎) folded, spaces collapsed.

    Newlines are kept (one per line break) because they separate clauses.
    """
    if text.isascii():
        # ASCII is already NFKC and casefolds like lower(); only the backtick needs folding.
        text = text.lower()
        if "`" in text:
            text = text.replace("`", "'")
    else:
        # The full-width question mark and comma of CJK text are most of what is not NFKC
        # already; replaced by their NFKC forms first (the same result), most messages pass
        # normalize()'s quick check instead of being decomposed and composed again.
        text = unicodedata.normalize("NFKC", text.replace("？", "?").replace("，", ","))
        if _FOLDABLE.search(text):
            text = text.translate(_QUOTE_FOLD)
        text = text.casefold()
    if "\n" not in text:
        return " ".join(text.split())
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


def is_word(token: str) -> bool:
    """Whether a token is a Latin word (letters/digits), which needs a space before another."""
    ch = token[0]
    return ch in _WORD_START or "\u00c0" <= ch <= "\u024f"


def phrase_key(phrase: str) -> str:
    """The lookup key of a table phrase or message span: its tokens, with one space between
    two Latin words and nothing elsewhere ("send me", "导出", "don't", "peux tu")."""
    key = ""
    prev = False
    for m in TOKEN.finditer(normalize(phrase)):
        token = m.group()
        word = is_word(token)
        key += (" " + token) if (word and prev) else token
        prev = word
    return key


def token_trie(keys: Iterable[str]) -> dict[str, Any]:
    """The keys as a trie of tokens (the scan's index, see ``router.matcher``): token ->
    ``(key, children)``, where ``key`` is the key that ends at that token or None, and
    ``children`` the next tokens as the same kind of dict, or None when no key goes on.
    Tuples rather than a dict per node: the scan unpacks a node instead of looking its key up,
    and does not walk on from a token that ends every key it starts (most do). Plain dicts
    and tuples, so it caches as data. Equal tokens are one string object, the key's when a
    key is that token: marshal writes each distinct string once and refers to it after, so
    the cache is smaller and loads faster."""
    nested: dict[str, Any] = {}
    keys = list(keys)
    strings = {key: key for key in keys}
    for key in keys:
        node = nested
        for token in TOKEN.findall(key):
            node = node.setdefault(strings.setdefault(token, token), {})
        if node is not nested:
            node[""] = key
    return _trie_nodes(nested)


def _trie_nodes(nested: dict[str, Any]) -> dict[str, Any]:
    nodes: dict[str, Any] = {}
    for token, child in nested.items():
        if token:  # "" holds the key that ends here
            nodes[token] = (child.get(""), _trie_nodes(child) or None)
    return nodes


def alternation(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (literal strings), the longest at a place: as
    ``"|".join`` of them escaped, longest first, would, written as a trie of their characters
    ("export(?:er|ieren)?" for "export", "exporter", "exportieren"). A plain alternation is
    tried word by word at every place that starts one; the trie follows the text one
    character at a time, with one branch at most for each (on the training messages, the
    grammar's lists are searched in less than half the time). At each node the longer words
    come first and the one ending there last, so backtracking into it (a ``\\b`` after it
    failing) tries the same words in the same order as the plain alternation. For a pattern
    compiled without ``re.IGNORECASE``: with it, two branches of one node may both match
    ("Ka" and "kab" on "kab"), and the first, not the longest, is taken."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    # The nodes' sources, children before parents, with a stack of our own: a word is as deep
    # as it is long, and a recursion as deep would end at Python's limit.
    sources: dict[int, str] = {}
    stack: list[tuple[dict[str, Any], bool]] = [(trie, False)]
    while stack:
        node, ready = stack.pop()
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for ch, child in node.items() if ch)
            continue
        branches = [re.escape(ch) + sources.pop(id(child)) for ch, child in sorted(node.items())
                    if ch]
        if not branches:
            sources[id(node)] = ""
            continue
        if len(branches) > 1:
            body = "(?:" + "|".join(branches) + ")"
        else:
            body = branches[0]
            if "" in node:
                body = "(?:" + body + ")"
        # Greedy: the longer words are tried first, the word ending here only after them.
        sources[id(node)] = body + "?" if "" in node else body
    return sources[id(trie)]


def strip_quoted(text: str) -> tuple[str, bool]:
    """Blank out quoted spans of normalised ``text``; return the rest and whether any went.

    A message that is one quoted span and nothing else is unwrapped instead: a user who writes
    ``"export"`` means the word, there is nothing around it for it to be content of.
    """
    if text.isascii():  # (an O(1) test) the quotes of ASCII text are two characters
        if '"' not in text and text.count("'") < 2:
            return text, False
    elif not _ANY_QUOTE.search(text) or (
            text.count("'") < 2 and not _DOUBLE_QUOTE.search(text)):
        return text, False
    whole = _QUOTED.p.fullmatch(text)
    if whole is not None:
        inner = text[1:-1] if len(text) >= 2 else ""
        return inner.strip(), False
    stripped, count = _QUOTED.p.subn(" ", text)
    return stripped, count > 0


def _media_host(url: str, hosts: frozenset[str]) -> bool:
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].lower()
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    while True:
        if host in hosts:
            return True
        if not host:
            return False
        host = host.partition(".")[2]


def extract_attachments(text: str, media_hosts: frozenset[str] = frozenset(),
                        destinations: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())
                        ) -> tuple[str, tuple[str, ...]]:
    """Find URLs and local media paths in raw ``text`` that stand for attachments.

    A message made only of http(s) URLs is an upload of all of them. Otherwise a URL counts
    when it points at a media file (its path ends in an accepted format) or at a host of
    ``media_hosts`` (file and video sharing: a Drive or Dropbox link is someone's footage),
    and a local path only when it ends in an accepted format and no word of ``destinations``
    (words before it, particles after it) makes it where the video is to go ("render it to
    ./dist/promo.mp4", "存到 ./out/final.mp4", "./out.mp4 として"); other URLs are content
    ("link to https://my.site"). Works on the raw message so that URLs and paths keep their
    case.
    Returns the text without those tokens and the tokens found, in order.
    """
    found: list[str] = []
    if "://" in text:
        urls = [u.rstrip(_TRAILING_PUNCT) for u in _URL.p.findall(text)]
        if urls and not _URL.p.sub("", text).strip(" \n,;"):
            return "", tuple(urls)
        for url in urls:
            if _MEDIA_URL.p.search(url.split("://", 1)[1]) or _media_host(url, media_hosts):
                found.append(url)
                text = text.replace(url, " ")
    if "/" in text or "\\" in text:
        raw = text
        for match in _PATH.p.finditer(raw):
            path = match.group()
            if not _destination(raw[:match.start()], raw[match.end():], destinations):
                found.append(path)
                text = text.replace(path, " ")
            else:
                # Where the video is to go says only its format: "./credits/final.mp4" names
                # no request, "mp4" is the file asked for.
                text = text.replace(path, " " + path.rsplit(".", 1)[-1].lower() + " ")
    return (text.strip() if found else text), tuple(found)


def find_destination(text: str, destinations: tuple[frozenset[str], tuple[str, ...]]
                     ) -> str | None:
    """The first local path in raw ``text`` that ``destinations`` make where the video is to
    go ("render it to ./dist/promo.mp4"), as written; None when there is none."""
    if "/" not in text and "\\" not in text:
        return None
    for match in _PATH.p.finditer(text):
        if _destination(text[:match.start()], text[match.end():], destinations):
            return match.group()
    return None


def _destination(before: str, after: str,
                 destinations: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    """Whether the path between ``before`` and ``after`` is where the video is to go: a phrase
    of the first set ends ``before`` ("export it to", "存到"), or one of the second opens
    ``after`` ("として書き出", "로 저장")."""
    phrases, particles = destinations
    if phrases:
        tail = " ".join(before.lower().split()[-5:])
        for phrase in phrases:
            # A whole phrase, or (CJK, written without spaces) the end of a run: "，存到".
            if tail == phrase or tail.endswith(" " + phrase) or (
                    not phrase.isascii() and tail.endswith(phrase)):
                return True
    return bool(particles) and after.lstrip().startswith(particles)


def fold_accents(word: str) -> str:
    """``word`` without its accents ("salió" → "salio"), as people typing fast write it."""
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch))


# A kana or Han character (``WIDE_CHAR``: also what a pause follows, router.core's
# ``_request_after_pause``), and the first space of a gap between two of them (``wide_pauses``).
_WIDE: Final = "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
WIDE_CHAR: Final = LazyPattern(_WIDE)
_WIDE_GAP: Final = LazyPattern(f"(?<={_WIDE}) (?= *{_WIDE})")


def wide_pauses(body: str) -> str:
    """Chinese and Japanese put no space between words: a space between two of their
    characters is where the writer paused, as a comma ("好了沒 好了就把檔案丟給我", "動画できた
    送って"). The first space of each such gap becomes a comma (the same length: every offset
    into the text stays where it was). The router and the learned model's training read the
    same text."""
    if " " not in body or body.isascii() or WIDE_CHAR.p.search(body) is None:
        return body  # (the search is cheaper than the substitution's look-behind on each space)
    return _WIDE_GAP.p.sub(",", body)
