"""The router: a chat message (and any files sent with it) → a ``Route``.

Decision rules, in order (the tables in ``router/data`` hold every word they use):

1. Files or links sent with the message make it an upload; the text may add a follow-up.
2. Quoted text is content, not a command; links that are not media files are content too.
3. Negated action words ("don't export yet", "先别导出") and edit verbs do not count, nor do an
   export or upload that the clause asks about or reports on ("how long does the export take?").
4. An edit or generation verb, or a "force chat" phrase, sends the message to the chat even
   when it mentions action words; an action after it and a connector becomes the follow-up.
5. Otherwise the best action phrase wins, unless a second action is within the margin
   (ambiguous → chat). With nothing matched, short messages get a typo-tolerant second look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Final

from router.language import UNDETERMINED, detect_locale
from router.matcher import Correction, Hit, Matcher
from router.model import Match, Route
from router.tables import Cue, Entry, Tables, builtin_tables, load_tables
from router.text import extract_attachments, normalize, strip_quoted
from skill.overrides import Overrides

__all__ = ["Router", "default_router", "route"]

_URL: Final = re.compile(r"https?://\S+")
# Actions that change something; talking about them ("why is the upload slow") is not asking.
_SIDE_EFFECTS: Final = frozenset({"export", "upload"})
# Plain ints: IntFlag operators cost about a microsecond per message on this path.
_EDIT: Final = int(Cue.EDIT)
_CLAUSE: Final = int(Cue.SEPARATOR | Cue.CONNECTOR)
_CONNECTOR: Final = int(Cue.CONNECTOR)
_IGNORE: Final = int(Cue.IGNORE)
_BEFORE: Final = int(Cue.NEGATE_BEFORE)
_AFTER: Final = int(Cue.NEGATE_AFTER)
_REQUEST: Final = int(Cue.REQUEST)
_ABOUT: Final = int(Cue.ABOUT)


@dataclass(slots=True)
class _Verb:
    start: int
    end: int
    entry: Entry
    clause: int
    negated_by: str | None = None
    about: bool = False


@dataclass(frozen=True, slots=True)
class _Decision:
    action: str
    score: float
    reason: str
    verb: _Verb | None = None
    then: str | None = None
    candidates: tuple[tuple[str, float], ...] = ()
    request: bool = False
    typed: str = ""


class Router:
    """Routes messages with one set of tables. Build once per skill, call ``route`` per message.

    Instances are immutable and safe to share between threads.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._settings = tables.settings
        self._matcher = Matcher(tables)

    @classmethod
    def from_tables(cls, overrides: Overrides | None = None, *, source: str = "SKILL.md"
                    ) -> Router:
        """A router over the built-in tables, extended or replaced by a skill's ``overrides``.

        Without overrides (or with an empty keyword table) this is the shared built-in router.
        ``source`` names the skill file in error messages. Raises ``SkillError`` when a phrase
        would stand for two actions (naming the phrase and both actions) or a table is invalid.
        """
        if overrides is None or not overrides.router_keywords:
            return default_router()
        return cls(load_tables(overrides, source=source))

    def route(self, text: str, attachments: Iterable[str] = ()) -> Route:
        """Decide where ``text`` (sent with ``attachments``: file paths or URLs) goes.

        Never raises for any string: a message that matches nothing is chat.
        """
        files = tuple(a for a in (str(x).strip() for x in attachments) if a)
        raw = text
        if "://" in raw or "/" in raw or "\\" in raw:
            raw, found = extract_attachments(raw)
            files += found
        norm = normalize(raw)
        if "://" in norm:
            norm = _URL.sub(" ", norm)
        body, quoted = strip_quoted(norm)
        decision = self._decide(body, self._matcher.scan(body))
        if decision.reason == "no-match":
            decision = self._second_look(body, norm, quoted, decision)
        language = detect_locale(body)
        if language == UNDETERMINED and body != norm:
            language = detect_locale(norm)
        matched = None
        if decision.verb is not None:
            entry = decision.verb.entry
            if language == UNDETERMINED and entry.languages:
                language = entry.languages[0]
            matched = Match(entry.phrase, entry.language_for(language),
                            entry.action if entry.action else "edit",
                            decision.typed or body[decision.verb.start:decision.verb.end],
                            decision.score if decision.reason == "typo" else 1.0)
        if files:
            return self._with_files(decision, matched, language, files, body)
        return Route(decision.action, decision.score, decision.reason,
                     _detail(decision, matched), language, matched, decision.then, (),
                     decision.candidates)

    # -- decision ---------------------------------------------------------------------------

    def _decide(self, body: str, hits: list[Hit],
                corrections: list[Correction] | None = None) -> _Decision:
        if not hits:
            return _Decision("chat", 0.0, "no-match" if body.strip() else "empty")
        verbs: list[_Verb] = []
        before: list[tuple[int, int, str]] = []
        after: list[tuple[int, int, str]] = []
        about: dict[int, str] = {}
        connectors: list[int] = []
        clause = 0
        request = False
        for start, end, entry in hits:
            cues = entry.cues
            if entry.action is not None or cues & _EDIT:
                verbs.append(_Verb(start, end, entry, clause))
            elif cues & _CLAUSE:
                clause += 1
                if cues & _CONNECTOR:
                    connectors.append(start)
            elif not cues & _IGNORE:
                if cues & _BEFORE:
                    before.append((end, clause, entry.phrase))
                if cues & _AFTER:
                    after.append((start, clause, entry.phrase))
                if cues & _REQUEST:
                    request = True
                if cues & _ABOUT:
                    about.setdefault(clause, entry.phrase)
        if before or after:
            self._negate(verbs, before, after)
        if about:
            for verb in verbs:
                cue = about.get(verb.clause)
                if cue and verb.negated_by is None and verb.entry.action in _SIDE_EFFECTS:
                    verb.negated_by, verb.about = cue, True
        edits: list[_Verb] = []
        acts: list[_Verb] = []
        for verb in verbs:
            if verb.negated_by is None:
                action = verb.entry.action
                (acts if action is not None and action != "chat" else edits).append(verb)
        if edits:
            first, last = edits[0], edits[-1]
            follow = [v for v in acts if v.start >= last.end
                      and any(last.end <= c < v.start for c in connectors)]
            then = None
            if follow and all(v.entry.action == follow[0].entry.action for v in follow):
                then = follow[0].entry.action
            reason = "chat-phrase" if first.entry.action == "chat" else "edit"
            return _Decision("chat", 1.0, reason, first, then, request=request)
        if acts:
            return self._rank(acts, corrections, request)
        if verbs:
            reason = "about" if verbs[0].about else "negated"
            return _Decision("chat", 1.0, reason, verbs[0], request=request)
        return _Decision("chat", 0.0, "no-match" if body.strip() else "empty", request=request)

    def _negate(self, verbs: list[_Verb], before: list[tuple[int, int, str]],
                after: list[tuple[int, int, str]]) -> None:
        reach_before = self._settings.negate_before_window
        reach_after = self._settings.negate_after_window
        for end, clause, cue in before:
            for verb in verbs:
                if verb.clause == clause and 0 <= verb.start - end <= reach_before:
                    verb.negated_by = verb.negated_by or cue
        for start, clause, cue in after:
            nearest = None
            for verb in verbs:
                if verb.clause == clause and 0 <= start - verb.end <= reach_after:
                    nearest = verb
            if nearest is not None:
                nearest.negated_by = nearest.negated_by or cue

    def _rank(self, acts: list[_Verb], corrections: list[Correction] | None,
              request: bool) -> _Decision:
        best: dict[str, tuple[float, int, _Verb]] = {}
        for verb in acts:
            score = 1.0
            if corrections:
                score = min((c.score for c in corrections
                             if c.start < verb.end and verb.start < c.end), default=1.0)
            key = (score, verb.end - verb.start)
            action = verb.entry.action or "chat"
            held = best.get(action)
            if held is None or key > held[:2]:
                best[action] = (score, verb.end - verb.start, verb)
        ranked = sorted(best.items(), key=lambda kv: kv[1][:2], reverse=True)
        candidates = tuple((action, held[0]) for action, held in ranked)
        top_action, (top, _, verb) = ranked[0]
        if len(ranked) > 1 and top - ranked[1][1][0] < self._settings.margin:
            return _Decision("chat", top - ranked[1][1][0], "ambiguous", verb,
                             candidates=candidates, request=request)
        reason = "typo" if top < 1.0 else "phrase"
        return _Decision(top_action, top, reason, verb, candidates=candidates, request=request)

    def _second_look(self, body: str, norm: str, quoted: bool, decision: _Decision
                     ) -> _Decision:
        """Nothing matched: try typos on short messages, then explain quoted action words."""
        settings = self._settings
        if body.count(" ") < settings.fuzzy_max_words:
            corrected, corrections = self._matcher.correct(body)
            if corrections:
                again = self._decide(corrected, self._matcher.scan(corrected), corrections)
                if again.reason != "no-match":
                    typed = ""
                    if again.verb is not None:
                        typed = corrected[again.verb.start:again.verb.end]
                        for c in corrections:
                            if c.start < again.verb.end and again.verb.start < c.end:
                                typed = typed.replace(c.word, c.typed, 1)
                    return _Decision(again.action, again.score, again.reason, again.verb,
                                     again.then, again.candidates, again.request, typed)
        if quoted:
            for _, _, entry in self._matcher.scan(norm):
                if entry.action is not None and entry.action != "chat":
                    verb = _Verb(0, 0, entry, 0)
                    return _Decision("chat", 1.0, "quoted", verb, request=decision.request,
                                     typed=entry.phrase)
        return decision

    def _with_files(self, decision: _Decision, matched: Match | None, language: str,
                    files: tuple[str, ...], body: str) -> Route:
        then: str | None = None
        if decision.action not in ("chat", "upload"):
            then = decision.action
        elif decision.action == "chat" and (
                decision.reason in ("edit", "chat-phrase", "ambiguous")
                or decision.request or "?" in body):
            then = "chat"
        count = f"{len(files)} file{'s' if len(files) != 1 else ''}"
        detail = f"{count} sent: upload"
        if then == "chat":
            detail += ", then pass the message to the chat"
        elif then:
            detail += f", then {then}"
        return Route("upload", 1.0, "attachment", detail, language,
                     matched if then else None, then, files, decision.candidates)


def _detail(decision: _Decision, matched: Match | None) -> str:
    reason = decision.reason
    phrase = f"'{matched.text}'" if matched else ""
    if reason == "phrase" and matched:
        return f"matched {phrase} ({matched.language}) → {decision.action}"
    if reason == "typo" and matched:
        return (f"{phrase} read as '{matched.phrase}' ({matched.language}, similarity "
                f"{decision.score:.2f}) → {decision.action}")
    if reason == "edit":
        tail = f", then {decision.then}" if decision.then else ""
        return f"{phrase} is an edit or generation request → chat{tail}"
    if reason == "chat-phrase":
        tail = f", then {decision.then}" if decision.then else ""
        return f"{phrase} is about the video's content → chat{tail}"
    if reason == "negated" and decision.verb is not None:
        return f"{phrase} is negated by '{decision.verb.negated_by}' → chat"
    if reason == "about" and decision.verb is not None:
        return (f"the message talks about {phrase} ('{decision.verb.negated_by}') rather than "
                "asking for it → chat")
    if reason == "quoted" and matched:
        return f"'{matched.phrase}' appears only inside quotes (content, not a command) → chat"
    if reason == "ambiguous":
        names = " and ".join(a for a, _ in decision.candidates[:2])
        return f"the message asks for {names} about equally → chat"
    if reason == "empty":
        return "nothing was said → chat"
    return "no action phrase matched → chat"


@cache
def default_router() -> Router:
    """The router over the built-in tables (built on first use, then shared)."""
    return Router(builtin_tables())


def route(text: str, attachments: Iterable[str] = ()) -> Route:
    """Route ``text`` with the built-in tables; see ``Router.route``."""
    return default_router().route(text, attachments)
