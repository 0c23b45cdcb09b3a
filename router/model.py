"""What the router answers: a ``Route`` value (never an exception), with the ``Match`` that
decided it, so every decision can be explained. Both are immutable named tuples: cheap to
create on every message and to define at start-up."""

from __future__ import annotations

from typing import Any, Final, NamedTuple

__all__ = ["REASONS", "Match", "Route"]

#: Why a route was chosen. Actions: ``phrase`` (a table phrase), ``frame`` (a request form and
#: an object of one action: "can I see" + "the clips", or an object alone: "mp4?"), ``typo``
#: (the typo fallback), ``attachment`` (files or links were sent), ``context`` (a follow-up
#: that means an action after the previous reply: "ok do it" after an export offer), ``model``
#: (nothing matched, and the learned fallback is confident of an action; or, with ``chat``,
#: the learned model overruled a phrase in a longer message that it is all but sure is chat),
#: ``arbitrated`` (an edit verb stood beside an action that is not its follow-up, or beside
#: words of an action's frames only, and the learned model is all but sure the message asks
#: for that action), ``both`` (two requests of different actions, each in a clause of its own:
#: "export it and tell me how many credits are left" is export, then credits).
#: Chat: ``edit`` (an edit/generation verb),
#: ``declined`` (the message only declines or puts off an export or upload: "先别导出", "don't
#: export yet", or "not yet" after an export offer; nothing else to do), ``follow-up`` (a bare
#: yes or no, "dale", "好的", with no previous reply given: nothing to confirm),
#: ``chat-phrase`` (a phrase that forces the chat), ``negated`` (the only action words were
#: negated), ``about`` (the message asks about or reports on an export or upload instead of
#: asking for one: "how long does the export take?", "the upload failed"), ``quoted``
#: (action words only inside quotes), ``ambiguous`` (two actions too close to call),
#: ``no-match`` (nothing matched), ``empty`` (nothing was said).
REASONS: Final = ("phrase", "frame", "typo", "attachment", "context", "model", "arbitrated", "both",
                  "edit", "chat-phrase", "negated", "declined", "follow-up", "about", "quoted",
                  "ambiguous", "no-match", "empty")


class Match(NamedTuple):
    """The table entry that decided a route.

    ``phrase`` is the entry as the table spells it and ``language`` the table language it is
    listed under; ``text`` is what the message said (normalised), which differs from the phrase
    for a typo. ``role`` is the action the phrase stands for, or ``edit`` for an edit verb.
    ``score`` is 1.0 for an exact match, the similarity (0–1) for a typo.
    """

    phrase: str
    language: str
    role: str
    text: str
    score: float = 1.0

    @property
    def fuzzy(self) -> bool:
        return self.score < 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "language": self.language, "role": self.role,
                "text": self.text, "score": round(self.score, 3), "fuzzy": self.fuzzy}


class Route(NamedTuple):
    """Where a message goes.

    ``action`` is export, credits, state, upload or chat. ``then`` is a follow-up the message
    also asks for (``upload`` then ``chat`` for a file sent with an instruction; ``chat`` then
    ``export`` for "add music, then export"), or None. ``score`` (0–1) is the strength of the
    evidence: 1.0 for an exact phrase, an attachment or a deciding cue, the similarity for a
    typo, 0.0 when nothing matched, and for ``ambiguous`` the gap between the two best actions.
    ``reason`` is one of ``REASONS`` and ``detail`` says the same in words. ``language`` is the
    message's language (see ``router.language.detect_locale``; ``"und"`` when it gives no clue).
    ``attachments`` are the files and links to upload (given ones, then links found in the
    text). ``candidates`` lists every action that matched, best first, with its score.
    """

    action: str
    score: float
    reason: str
    detail: str
    language: str
    matched: Match | None = None
    then: str | None = None
    attachments: tuple[str, ...] = ()
    candidates: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        """``action``, or ``action-then-next`` when there is a follow-up (``upload-then-chat``)."""
        return f"{self.action}-then-{self.then}" if self.then else self.action

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``nemoskill route --json`` prints this)."""
        return {
            "action": self.action,
            "then": self.then,
            "label": self.label,
            "score": round(self.score, 3),
            "reason": self.reason,
            "detail": self.detail,
            "language": self.language,
            "matched": self.matched.to_dict() if self.matched else None,
            "attachments": list(self.attachments),
            "candidates": [[a, round(s, 3)] for a, s in self.candidates],
        }
