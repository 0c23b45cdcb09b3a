"""Message → action routing (export, credits, state, upload, chat): multilingual,
typo-tolerant, explainable. ``route(text, attachments, after=...)`` uses the built-in tables;
``Router.from_tables(skill.overrides)`` builds one per skill.

How a message is read, and why this way
---------------------------------------
Rules first, for precision; generalisation from two sources of data; a small learned model
only where the rules see nothing.

1. **Rules that tell a command from content** (``router/data/cues.yaml``): edit verbs send a
   message to the backend chat whatever action words it mentions; quotes are content;
   negations, postponements, questions *about* an action ("how long does the export take?",
   "can I export in 4K?"), how-to questions, price questions and the subject of a video ("a
   video explaining how to check your balance") cancel the action words of their clause.
   These are what keep chat away from actions, and they are words, per language, not
   sentences. Questions about how the product behaves are the commonest false action in
   what people write, so the cues name those kinds too: how a feature works or who may
   use it ("how do credits work?", "can others see the project?"), how credits behave
   ("do unused credits roll over?", "lost if a render fails?"), what an export or upload
   would do or accept ("several at once", "will it", "vertical videos?"), advice ("how
   many scenes should an ad have?").
2. **Phrases** (``phrases.yaml``): what stands for an action by itself ("export", "积分",
   "進捗").
3. **Frames** (``frames.yaml``): a request *form* and an *object* of one action in one
   sentence make that action: "can I see" / "show me" / "what's in" × "the timeline" /
   "the clips"; "send me" / "gib mir" / "给我" × "the final mp4" / "die Datei" / "成品";
   "how many" / "还剩" × "credits" / "quota" / "次数". People ask for the same things in
   ever new sentences, but mostly by combining a known way of asking with a known name of
   the thing; listing both as classes of words generalises to combinations never seen,
   where a phrase table only memorises the sentences it was given (the issue's 73 %).
   A short message that names only an object ("the final mp4?", "timeline pls") asks for it,
   unless a request form of another action and language stands beside it ("envoie le plan
   du chien à la fin" moves a shot; "plan" is not the English plan). Likewise a clause that
   is only a way of handing something over ("c'est dans la boîte, envoie", "送ってもらえる？",
   "보내줄래?") asks for the finished video: only "send it (to me)" forms, never a generic
   "give me", and only when the clause holds almost nothing else.
4. **Context** (``contexts.yaml``): a short follow-up ("ok do it", "好的", "dale") means an
   action only right after a given reply of the runtime; the caller passes that reply as a
   value (``after``), the router keeps no state. A follow-up is short and names nothing of
   another action: "manda el clip del perro al final" after the timeline is an edit.
5. **A learned fallback** (``router.intent``, weights in ``intent.json``): naive Bayes over
   words, word prefixes and CJK character pairs, trained by ``python -m router.train`` on the
   training items only. It is asked only when the rules found nothing to decide on, and
   believed only when confident and when a word of the predicted action's frames is in the
   message. Replaying batches as they arrived, it recovered about half of the actions the
   rules missed for lack of a pair, at about one false action in 250 chat messages. A model
   trained on a few thousand messages cannot be trusted with content and negation; rules
   can. Weights are data and inference is pure Python (a dictionary lookup per feature): no
   numpy, the five core dependencies stay.
   The same model gives a second opinion on an action the rules read from a phrase or frame in
   a longer message: when it is all but certain the whole message is chat (a request for a
   video whose description names an action, a dialect negation no cue knows), the message
   stays chat. Its threshold was set on a replay of batches 08 and 09 as they arrived (see
   ``router.train``); a message that is little more than its phrase is never second-guessed,
   so routing "export" never loads the model.

6. **Arbitration** (``router.intent``'s ``arbiter``): an edit verb beside an action that is not
   its follow-up wins by rule, except when the learned model is all but sure the message asks
   for that action: the verb then reports, asks whether something was done or says what the
   user will do ("what's left on my plan? My nephew set this up", "which clips did you put
   in?"). With only words of an action's frames beside the verb, the model's own choice wins
   at a stricter threshold: the verb is often a noun ("今の編集状況見せて", "看下现在剪到哪了").
   A message that opens with the edit verb is an instruction and is never arbitrated.
   A question and a request in sentences of their own are read as condition and request ("is
   it done? if so, send it"); a described video subject ("a video that explains, step by step,
   how to check your balance") runs to the end of its sentence.
7. **Nothing to do** (reasons ``declined`` and ``follow-up``): a message that only declines or
   puts off an export or upload ("先别导出", "not yet" after an offer), or a bare yes with no
   reply before it ("dale"), is chat that the runtime answers itself: the backend's assistant
   has nothing to do with it.

The route's ``language`` comes from ``router.language`` (the one detector of the runtime); the
caller may give the language the user wrote in before (``prior_language``), which settles
messages that fit several languages equally ("no", "加字幕") and never overrides their words.

Everything is measured on a corpus written by people who never saw these tables, with a test
split frozen before any tuning (``router.corpus``, ``tests/router/corpus/``).
Built tables are cached on disk (``router.cache``): a process routing one message pays for
loading plain dicts, not for parsing YAML or building indexes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from router.core import Router, default_router, route
    from router.language import detect_language, detect_locale
    from router.model import REASONS, Match, Route
    from router.tables import ACTIONS, CONTEXTS

__all__ = ["ACTIONS", "CONTEXTS", "REASONS", "Match", "Route", "Router", "default_router",
           "detect_language", "detect_locale", "route"]

# Imported on first use: ``skill`` reads ``router.overrides`` when it loads a SKILL.md, and
# that must not cost the whole router.
_HOMES = {"Router": "router.core", "default_router": "router.core", "route": "router.core",
          "detect_language": "router.language", "detect_locale": "router.language",
          "REASONS": "router.model", "Match": "router.model", "Route": "router.model",
          "ACTIONS": "router.tables", "CONTEXTS": "router.tables"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'router' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
