"""The learned fallback: a small naive Bayes intent model for messages the rules could not
decide.

The rules (phrases, frames, cues) answer first and keep their precision; a message they found
no evidence in at all goes to this model, which knows every word of the training messages
(``router.corpus.train_items``: the project's labelled set and the train part of every
corpus batch, never the test split). It answers an action only when it is confident
(``threshold``); anything else stays chat. The weights are data (``router/data/intent.json``,
built by ``python -m router.train``), loaded with the tables and scored in pure Python: a
message costs one dictionary lookup per feature.

Features: for Latin-script words, the word, its first five letters (so "envíamela" shares
with "envíamelo") and each pair of neighbouring words; for CJK, kana and Hangul, each character
and each pair of neighbouring characters; digits and punctuation are dropped, except "?".
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import add, sub, truediv
from typing import Any, Final

from router.text import TOKEN, fold_accents

__all__ = ["CLASSES", "CaptionModel", "IntentModel", "PackedWeights", "features"]

#: The model's classes, in the order of every weight vector.
CLASSES: Final = ("chat", "export", "credits", "state", "upload")
_PREFIX: Final = 5



# What each Latin token contributes by itself (its word, and its prefix when long; "?" for a
# question mark; nothing for digits): a pure function of the token, remembered because the
# same words recur in every message. Bounded, so a long-running host cannot grow it forever.
_TOKEN_FEATURES: dict[str, tuple[str, ...]] = {}
_TOKEN_FEATURES_MAX: Final = 100_000
_QUESTION: Final = ("?",)


def _token_features(token: str) -> tuple[str, ...]:
    if token == "?":
        return _QUESTION
    if not token.isalpha():
        return ()
    word = token if token.isascii() else fold_accents(token)  # "cuantos", "video"
    return (word, word[:_PREFIX] + "…") if len(word) > _PREFIX + 1 else (word,)


def features(body: str) -> list[str]:
    """The features of a normalised message (see the module docstring)."""
    out: list[str] = []
    append = out.append
    known = _TOKEN_FEATURES
    prev = ""  # the Latin word before, "" after anything else
    prev_wide = ""  # the CJK, kana or Hangul character before, "" after anything else
    for token in TOKEN.findall(body):
        if token >= "\u2e80":  # CJK, kana, Hangul: one character per token
            append(token)
            if prev_wide:
                append(prev_wide + token)
            prev_wide, prev = token, ""
            continue
        prev_wide = ""
        own = known.get(token)
        if own is None:
            own = _token_features(token)
            if len(known) < _TOKEN_FEATURES_MAX:
                known[token] = own
        if not own or own[0] == "?":
            if own:
                append("?")
            prev = ""
            continue
        out.extend(own)
        word = own[0]
        if prev:
            append(prev + " " + word)
        prev = word if word.isascii() else ""
    return out


_MISS: Final[tuple[float, ...]] = ()  # "not looked up yet" (no vector is empty)


class PackedWeights(Mapping[str, tuple[float, ...]]):
    """Weight vectors kept as the sorted features and one string of little-endian doubles,
    as the compiled cache stores them (``router.cache``): a feature's vector is made the
    first time a message has it, instead of all ten thousand (53,000 float objects) as the
    model loads, which cost the first message of a process that needs the model 8-10 ms.
    The vectors are tuples of the same doubles as intent.json's lists."""

    __slots__ = ("_doubles", "_features", "_format", "_size", "made")

    def __init__(self, features: list[str], width: int, doubles: bytes) -> None:
        self._features = features
        self._doubles = doubles
        self._format = f"<{width}d"
        self._size = 8 * width
        #: feature -> its vector, or None when the model does not know it, for every feature
        #: looked up so far; bounded like _TOKEN_FEATURES.
        self.made: dict[str, tuple[float, ...] | None] = {}

    @classmethod
    def pack(cls, weights: Mapping[str, Sequence[float]]) -> tuple[list[str], int, bytes]:
        """``weights`` as (sorted features, width, doubles), what ``PackedWeights`` takes."""
        import struct

        features = sorted(weights)
        width = len(weights[features[0]]) if features else 0
        flat = [float(w) for feature in features for w in weights[feature]]
        return features, width, struct.pack(f"<{len(flat)}d", *flat)

    def vector(self, feature: str) -> tuple[float, ...] | None:
        """The vector of ``feature`` (None: the model does not know it), remembered."""
        import struct

        features = self._features
        k = bisect_left(features, feature)
        found = None
        if k < len(features) and features[k] == feature:
            found = struct.unpack_from(self._format, self._doubles, k * self._size)
        if len(self.made) < _TOKEN_FEATURES_MAX:
            self.made[feature] = found
        return found

    def __getitem__(self, feature: str) -> tuple[float, ...]:
        found = self.made.get(feature, _MISS)
        if found is _MISS:
            found = self.vector(feature)
        if found is None:
            raise KeyError(feature)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._features)

    def __len__(self) -> int:
        return len(self._features)

    def unpacked(self) -> dict[str, tuple[float, ...]]:
        """Every vector, as a plain dict (what a process that keeps routing reads from)."""
        import struct

        # One tuple for each distinct vector: the model's features share about one vector in
        # seven (a word seen once in one class has the same weights as every other such word),
        # so the vectors a message reads are mostly a few, already in the processor's cache.
        # Unshared, each feature read would be a tuple and its floats fetched from memory.
        shared: dict[tuple[float, ...], tuple[float, ...]] = {}
        one = shared.setdefault
        return {feature: one(vector, vector) for feature, vector in
                zip(self._features, struct.iter_unpack(self._format, self._doubles),
                    strict=True)}


def _lookups(weights: Mapping[str, Sequence[float]]
             ) -> tuple[Callable[[str, Sequence[float]], Sequence[float] | None],
                        Callable[[str], Sequence[float] | None]]:
    """(get, fetch) for the hot path: ``get(feature, _MISS)`` answers from a dict in C,
    ``_MISS`` meaning ask ``fetch(feature)`` (which answers None for an unknown feature)."""
    if isinstance(weights, PackedWeights):
        return weights.made.get, weights.vector
    return weights.get, weights.get


class IntentModel:
    """Per-class log prior and per-feature log likelihoods (``CLASSES`` order).

    A plain class, not a dataclass: importing ``dataclasses`` costs a host process about 4 ms,
    for the first message that needs the model."""

    __slots__ = ("_fetch", "_get", "_known", "_uses", "arbiter", "caption", "frame_arbiter",
                 "priors", "threshold", "veto", "weights")

    #: Messages read from packed weights before the rest are unpacked too (see _vectors).
    UNPACK_AFTER: Final = 64

    def __init__(  # noqa: PLR0917 (the dataclass's signature: router_cv passes them so)
            self, priors: Sequence[float], weights: Mapping[str, Sequence[float]],
            threshold: float, veto: float = 1.1, arbiter: float = 1.1,
            frame_arbiter: float = 1.1, caption: CaptionModel | None = None) -> None:
        self.priors = priors
        self.weights = weights
        self._get, self._fetch = _lookups(weights)
        self._uses = 0
        self.threshold = threshold
        #: probability of chat at which an action the rules read in a longer message is
        #: overruled (above 1: never)
        self.veto = veto
        #: probability of an action at which it wins over an edit verb beside it (above 1:
        #: never)
        self.arbiter = arbiter
        #: the same, when only words of the action's frames stand beside the edit verb (above
        #: 1: never)
        self.frame_arbiter = frame_arbiter
        #: whether a caption sent with files asks for something to be done with them (None:
        #: no such model, the rules alone decide)
        self.caption = caption
        #: Latin token -> (the weight vectors of its own features, its word for the pair with
        #: the next one or "", the word the next token pairs with and a space, or ""): what
        #: ``features`` makes of a token, already looked up. Filled as tokens are seen,
        #: bounded like _TOKEN_FEATURES.
        self._known: dict[str, tuple[tuple[Sequence[float], ...], str, str]] = {}

    def __repr__(self) -> str:
        return (f"IntentModel({len(self.weights)} features, threshold={self.threshold}, "
                f"veto={self.veto}, arbiter={self.arbiter}, "
                f"frame_arbiter={self.frame_arbiter}, caption={self.caption is not None})")

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> IntentModel:
        if not data:
            return cls((0.0,) * len(CLASSES), {}, 1.1)
        caption = data.get("caption")
        return cls(tuple(data["priors"]), data["weights"], float(data["threshold"]),
                   float(data.get("veto", 1.1)), float(data.get("arbiter", 1.1)),
                   float(data.get("frame_arbiter", 1.1)),
                   CaptionModel.from_data(caption) if caption else None)

    def _vectors(self, body: str) -> list[Sequence[float]]:
        """The weight vectors of ``features(body)`` that the model knows, in feature order:
        the same walk as ``features``, without building the strings of a token's own
        features again for every message."""
        if self._uses <= self.UNPACK_AFTER:
            # A host reads one message: it unpacks only the vectors that message has. A
            # process that keeps routing unpacks them all once, and then reads a plain dict
            # as if the weights had been loaded whole (no first-sight cost per feature).
            self._uses += 1
            if self._uses > self.UNPACK_AFTER and isinstance(self.weights, PackedWeights):
                self._get, self._fetch = _lookups(self.weights.unpacked())
        get, fetch = self._get, self._fetch
        known = self._known
        out: list[Sequence[float]] = []
        append = out.append
        prev = ""  # the Latin word before and a space, "" after anything else
        prev_wide = ""  # the CJK, kana or Hangul character before, "" after anything else
        for token in TOKEN.findall(body):
            if token >= "\u2e80":  # CJK, kana, Hangul: one character per token
                vector = get(token, _MISS)
                if vector is _MISS:
                    vector = fetch(token)
                if vector is not None:
                    append(vector)
                if prev_wide:
                    pair = prev_wide + token
                    vector = get(pair, _MISS)
                    if vector is _MISS:
                        vector = fetch(pair)
                    if vector is not None:
                        append(vector)
                prev_wide, prev = token, ""
                continue
            prev_wide = ""
            seen = known.get(token)
            if seen is None:
                own = _TOKEN_FEATURES.get(token) or _token_features(token)
                vectors = tuple([v for v in map(fetch, own) if v is not None])
                if not own or own[0] == "?":
                    seen = (vectors, "", "")
                else:
                    seen = (vectors, own[0], own[0] + " " if own[0].isascii() else "")
                if len(known) < _TOKEN_FEATURES_MAX:
                    known[token] = seen
            vectors, word, after = seen
            if vectors:
                out += vectors
            if word and prev:
                pair = prev + word  # "send " + "me": one string made, not two
                vector = get(pair, _MISS)
                if vector is _MISS:
                    vector = fetch(pair)
                if vector is not None:
                    append(vector)
            prev = after
        return out

    def scores(self, body: str) -> list[float]:
        """Posterior probability of each class for a normalised message."""
        vectors = self._vectors(body)
        if not vectors:
            return [1.0] + [0.0] * (len(CLASSES) - 1)
        # The column sums, one running sum a class (CLASSES' order) in one loop over the
        # vectors: compiled, they are C doubles; plain, unpacking each vector costs less than
        # zip(*vectors) and a sum() a column (2.7 against 3.3 µs for 21 vectors). Summed from
        # 0.0 in the vectors' order and only then added to the prior, as sum() did: the same
        # doubles, so the same routes. This runs on every longer action message (the second
        # opinion); the rest is maps of C functions, not comprehensions (each of which is a
        # Python call of its own).
        chat = export = credits = state = upload = 0.0
        for to_chat, to_export, to_credits, to_state, to_upload in vectors:
            chat += to_chat
            export += to_export
            credits += to_credits
            state += to_state
            upload += to_upload
        total = list(map(add, self.priors, (chat, export, credits, state, upload)))
        exp = list(map(math.exp, map(sub, total, repeat(max(total)))))
        return list(map(truediv, exp, repeat(sum(exp))))

    def predict(self, body: str) -> tuple[str, float]:
        """The action the model is confident of (its probability), or ``chat``."""
        probs = self.scores(body)
        best = max(range(len(CLASSES)), key=probs.__getitem__)
        if best and probs[best] >= self.threshold:
            return CLASSES[best], probs[best]
        return "chat", probs[0]


class CaptionModel:
    """Naive Bayes over the same features, two classes: a caption sent with files that only
    hands them over ("here are the pics from saturday", "부산 여행 영상이요") or one that says
    what to do with them ("ábrelo con esto", "新人指定的歌 用在進場那段"), which the chat
    must read after the upload. ``threshold``: the probability of an instruction at which a
    caption the rules read as a hand-over is passed on to the chat. (A plain class: defining
    a named tuple costs the import of this module, on the first message that needs the
    model, a few tenths of a millisecond.)"""

    __slots__ = ("priors", "threshold", "weights")

    def __init__(self, priors: Sequence[float], weights: Mapping[str, Sequence[float]],
                 threshold: float) -> None:
        self.priors = priors
        self.weights = weights
        self.threshold = threshold

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CaptionModel:
        return cls(tuple(data["priors"]), data["weights"], float(data["threshold"]))

    def instruction(self, body: str) -> float:
        """Probability that the normalised caption ``body`` asks for something."""
        # The packed weights' dict of vectors made so far, in C (``_lookups``), not
        # ``Mapping.get``: a Python call and, for each feature the model does not know, a
        # KeyError raised and caught.
        get, fetch = _lookups(self.weights)
        hand_over, instruct = self.priors
        for feature in set(features(body)):
            weight = get(feature, _MISS)
            if weight is _MISS:
                weight = fetch(feature)
            if weight is not None:
                hand_over += weight[0]
                instruct += weight[1]
        top = max(hand_over, instruct)
        a, b = math.exp(hand_over - top), math.exp(instruct - top)
        return b / (a + b)
