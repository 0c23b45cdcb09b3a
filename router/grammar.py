"""The grammar words the decision rules read by name (``router/data/grammar.yaml``).

``router.tables`` compiles the file into the tables' cache as plain lists (``compile_lists``);
``Grammar.from_compiled`` makes the forms the rules test with: tuples for ``str.startswith`` /
``str.endswith``, frozensets for membership. The rules reach it as ``Tables.grammar`` of the
built-in tables (a skill's keyword overrides never change it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from backend.errors import SkillError
from router.text import alternation, fold_accents, is_word, phrase_key

__all__ = ["NAMES", "Grammar", "Words", "compile_lists"]

#: Every list grammar.yaml must hold, and no other.
NAMES: Final = (
    "particles", "mine", "asked_by", "owns_after", "owns_before", "possessives", "also_after",
    "also", "auxiliaries", "not_own_more", "volitional", "volitional_kana",
    "volitional_kana_end_more", "will", "myeon_nouns", "past_after_edit", "small_words",
    "conditional", "condition_opens", "conditional_fillers", "not_conditional", "contains",
    "joins_after", "joins_not", "request_after", "mine_words", "topic", "infinitive_subjects",
    "datives", "deadline_after", "topic_asks", "wait_opens", "wait_not", "wait_then",
    "wait_asks", "condition_closes", "condition_tells", "articles",
    "joins_objects", "purpose_after", "object_markers", "before_closes",
    "softeners", "will_after", "reason_closes", "modifies_noun", "topic_closes",
    "own_condition", "own_condition_not", "when_opens", "now", "self_subjects",
    "wait_hold", "first_then", "purpose_before", "wait_subjects", "wait_done", "wait_again",
    "joins_pause", "joins_ending", "joins_both", "joins_except", "wait_already", "approvals",
    "wait_not_speaker", "described_not", "others_will", "others_will_far",
    "others_will_infinitive", "others_not", "others_subject", "others_future", "others_end",
    "progress", "progress_end", "progress_asked", "progress_where", "clitics", "articles_after",
    "others_end_not", "render_nouns", "top_ups", "checks", "dating", "relayed", "where",
    "link_targets", "signed_off", "signed_off_not", "dating_ja", "day_parts_ja", "myeon_purpose",
    "when_not_after", "when_not_before", "signed_off_asks", "signed_off_after", "relatives",
    "will_after_verb", "payments", "will_after_verb_then", "now_approves", "top_up_arrived",
    "concepts", "inside", "particular", "not_asks", "not_asks_heads", "asked_of_user",
    "answered", "refers_back", "approval_conditions", "when_ready", "polite_if", "paying",
    "and_next", "then_only", "then_only_end", "gives_a_doing", "link_words", "link_of",
    "approval_pending_ko", "version_before", "pointing", "first_words", "object_fillers",
    "arrival_asks",
    "progress_shown", "render_topics", "own_posting", "praise", "please_first",
    "before_opens", "before_ends", "check_whether", "again", "time_before", "time_after",
    "said_after_action", "enough_words", "aside_opens", "aside_ends", "to_know",
    "making_nouns", "making_asked", "making_not", "balance_now",
    "balance_left", "makeup_words", "makeup_refs", "balance_moved", "balance_count",
    "first_opens", "makeup_expiry",
    "makeup_include", "making_if", "makeup_not", "makeup_contains", "makeup_topped", "light_gap",
    "past_turns", "needs_file", "needs_times", "says_why", "accepting_conditions",
    "light_tail", "command_openers", "now_after_act",
    "subject_video", "done_named", "enough_before", "enough_between",
    "done_if", "render_articles", "render_noun_after", "time_articles",
    "tells", "video_namers", "video_namer_not", "rechecks", "defects", "plan_tiers",
    "balance_doubts", "link_nouns", "link_dead", "link_again", "request_final",
    "file_nouns", "file_lost", "enough_asked", "defined_particles", "others_check",
    "others_check_third", "others_check_subjects", "others_check_not", "others_check_opens",
    "video_named_after", "video_named_not", "others_check_stops", "request_after_not",
    "question_opens", "relayed_wants",
)


def compile_lists(raw: object, path: str) -> dict[str, list[str]]:
    """grammar.yaml as name -> its words (a language's lists joined in file order), checked:
    every name of ``NAMES`` once, each list (and each language's) non-empty, each word a
    non-empty string with no space at either end (the rules compare words exactly)."""
    if not isinstance(raw, dict):
        raise SkillError("grammar.yaml must map list names to word lists", path=path)
    unknown = sorted(set(raw) - set(NAMES))
    missing = [name for name in NAMES if name not in raw]
    if unknown or missing:
        raise SkillError(f"unknown lists {unknown}, missing lists {missing}", path=path)
    out: dict[str, list[str]] = {}
    for name in NAMES:
        value = raw[name]
        parts = [(f"{name}.{lang}", words) for lang, words in value.items()] \
            if isinstance(value, dict) else [(name, value)]
        out[name] = []
        for field, words in parts:
            if not isinstance(words, list) or not words or not all(
                    isinstance(w, str) and w and w == w.strip() for w in words):
                raise SkillError("must be a non-empty list of words, each a string with no "
                                 "space at either end (quote words YAML reads as booleans or "
                                 "numbers: 'no', 'on', '1')", path=path, field=field)
            out[name] += words
    return out


def _sentence_openers(words: Sequence[str], fillers: Sequence[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word opening a sentence, up to two ``fillers`` before it:
    the cheap test of whether a message may hold one ("se" inside a Spanish sentence, "if" in
    "different", are none)."""
    return re.compile(
        r"(?:^|[.!?;。！？\n])\W*(?:(?:" + "|".join(map(re.escape, fillers)) + r")\W+){0,2}(?:"
        + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")


class Words:
    """Any of some words in a text, a Latin one as a whole word only ("percent" is not in
    "percentage"). One alternation, compiled on first use, whose matches have their edges
    checked here: a word boundary before every alternative in the regex costs ten times as
    much (measured on the training messages: 17.5 against 1.5 µs a search), and this runs
    for most messages that ask for the file.

    The alternation is first the plain one, the words escaped and joined longest first; a
    list searched ``TRIE_AFTER`` times is compiled again as a trie of its words
    (``alternation``), which finds the same spans in less than half the time but costs more
    to make (all the lists: about 40 against 26 ms). A host routes one message a process and
    searches a few lists a few times; a process that keeps routing searches them all the
    time."""

    __slots__ = ("_pattern", "_plain", "_uses", "_words")

    TRIE_AFTER: Final = 64

    def __init__(self, words: Sequence[str]) -> None:
        self._words = tuple(words)
        self._pattern: re.Pattern[str] | None = None  # the trie, once made
        self._plain: re.Pattern[str] | None = None
        self._uses = 0

    def _compile(self) -> re.Pattern[str]:
        """The pattern for this search: the plain alternation for the first ``TRIE_AFTER``,
        then the trie (kept in ``_pattern``, so that this is no longer called)."""
        self._uses += 1
        if self._uses > self.TRIE_AFTER:
            self._pattern = re.compile(alternation(self._words))
            self._plain = None
            return self._pattern
        if self._plain is None:
            self._plain = re.compile("|".join(
                re.escape(word) for word in sorted(set(self._words), key=len, reverse=True)))
        return self._plain

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether one of the words stands in ``text[start:end]``."""
        return self.find(text, start, end) is not None

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """The span of the first (longest at its place) of the words in ``text[start:end]``,
        or None."""
        end = len(text) if end is None else min(end, len(text))
        search = (self._pattern or self._compile()).search
        while (m := search(text, start, end)) is not None:
            a, b = m.span()
            if not (is_word(text[a]) and a > 0 and _inside_word(text[a - 1])) \
                    and not (is_word(text[b - 1]) and b < len(text) and _inside_word(text[b])):
                return a, b
            start = a + 1
        return None


def _inside_word(ch: str) -> bool:
    # A Latin letter, digit or "_": a Latin word beside a Chinese or Japanese character
    # stands alone ("女将のok出ました").
    return (ch.isascii() and (ch.isalnum() or ch == "_")) or "\u00c0" <= ch <= "\u024f"


class Grammar:
    """The lists of grammar.yaml in the forms the rules test with (see the file for each)."""

    __slots__ = ("accepting_conditions", "again", "also", "also_after",
                 "and_next", "answered", "approval_conditions",
                 "approval_pending_ko", "approvals", "arrival_asks", "articles", "articles_after",
                 "asked_by", "asked_of_user", "auxiliaries", "balance_count", "balance_doubts",
                 "balance_left",
                 "balance_moved", "balance_now",
                 "before_ends", "before_object",
                 "before_opens", "check_whether", "checks", "clitics", "command_openers",
                 "concepts",
                 "condition_closes", "condition_opens", "condition_tells", "conditional",
                 "conditional_fillers", "conditions", "contains", "dating",
                 "dating_ja", "datives",
                 "day_parts_ja", "deadline_after", "defects", "defined_particles", "described_not",
                 "done_if",
                 "done_named",
                 "enough_asked", "enough_before", "enough_words", "file_lost", "file_nouns",
                 "first_opens",
                 "first_then",
                 "gives_a_doing", "infinitive_subjects", "inside", "joins_after", "joins_both",
                 "joins_ending", "joins_except", "joins_not", "joins_objects", "joins_pause",
                 "light_gap", "light_tail", "link_again", "link_dead", "link_nouns", "link_of",
                 "link_targets",
                 "link_words", "makeup_contains", "makeup_expiry", "makeup_include",
                 "makeup_not", "makeup_refs", "makeup_topped", "makeup_words", "making_asked",
                 "making_if", "making_not", "making_nouns", "mine", "mine_words",
                 "modifies_noun",
                 "myeon_nouns", "myeon_purpose", "needs_file", "needs_times", "not_asks",
                 "not_asks_heads", "not_conditional",
                 "not_own", "now", "now_after_act", "now_approves", "object_markers",
                 "others_auxiliaries",
                 "others_check", "others_check_not", "others_check_opens",
                 "others_check_stops", "others_check_subjects", "others_check_third",
                 "others_end", "others_end_not",
                 "others_future", "others_hint", "others_not",
                 "others_subject", "own_condition", "own_condition_not", "own_posting",
                 "owns_after", "owns_before_words", "particles", "particular", "past_after_edit",
                 "past_turns", "paying", "payments", "plan_opens", "plan_opens_words",
                 "plan_tiers",
                 "please_first", "pointing",
                 "polite_if", "possessives", "praise", "progress", "progress_asked", "progress_end",
                 "progress_or_shown", "progress_where", "purpose_after", "purpose_before",
                 "question_opens",
                 "rechecks", "refers_back", "relatives", "relayed", "relayed_wants",
                 "render_articles",
                 "render_noun_after",
                 "render_nouns",
                 "render_topics",
                 "request_after", "request_after_not", "request_final", "said_after_action",
                 "says_why",
                 "self_subjects",
                 "signed_off",
                 "signed_off_after", "signed_off_asks", "signed_off_not", "small_words",
                 "softeners", "subject_video", "subordinate_closes", "tells", "then_only",
                 "then_only_end", "time_after", "time_articles",
                 "time_before", "to_know", "top_up_arrived", "top_ups", "topic", "topic_asks",
                 "topic_closes", "video_named_after", "video_named_not", "video_namer_not",
                 "video_namers",
                 "volitional", "volitional_kana", "volitional_kana_end", "wait_again",
                 "wait_already", "wait_asks", "wait_done", "wait_hold", "wait_not",
                 "wait_not_speaker", "wait_opens", "wait_subjects", "wait_then", "when_not_after",
                 "when_not_before", "when_ready", "when_words", "where", "will_after",
                 "will_after_verb", "will_after_verb_then", "will_plain")

    def __init__(self, lists: Mapping[str, Sequence[str]]) -> None:
        self.particles, self.mine = frozenset(lists["particles"]), frozenset(lists["mine"])
        self.asked_by = tuple(lists["asked_by"])
        self.owns_after = tuple(lists["owns_after"])
        # Whole words only ("ayuda jefe" holds no "da"): each with the space before it.
        self.owns_before_words = tuple(" " + words for words in lists["owns_before"])
        self.possessives = frozenset(lists["possessives"])
        self.also_after = tuple(lists["also_after"])
        self.also = frozenset(lists["also"])
        self.auxiliaries = tuple(lists["auxiliaries"])
        self.not_own = (*self.auxiliaries, *lists["not_own_more"])
        self.volitional = tuple(lists["volitional"])
        self.volitional_kana = tuple(lists["volitional_kana"])
        self.volitional_kana_end = (*self.volitional_kana, *lists["volitional_kana_end_more"])
        # Compared as typed without accents ("je le telechargerai ce soir").
        self.will_plain = frozenset(fold_accents(will) for will in lists["will"])
        self.myeon_nouns = frozenset(lists["myeon_nouns"])
        self.past_after_edit = tuple(lists["past_after_edit"])
        self.small_words = frozenset(fold_accents(word) for word in lists["small_words"])
        self.conditional = tuple(lists["conditional"])
        self.condition_opens = tuple(lists["condition_opens"])
        self.conditional_fillers = tuple(lists["conditional_fillers"])
        self.not_conditional = tuple(lists["not_conditional"])
        self.contains = frozenset(lists["contains"])
        self.joins_after = tuple(lists["joins_after"])
        self.joins_not = tuple(lists["joins_not"])
        self.request_after, self.request_final = (tuple(lists["request_after"]),
                                                  tuple(lists["request_final"]))
        self.mine_words = frozenset(lists["mine_words"])
        self.topic = frozenset(lists["topic"])
        self.datives = tuple(lists["datives"])
        self.deadline_after = tuple(lists["deadline_after"])
        self.topic_asks = tuple(lists["topic_asks"])
        self.infinitive_subjects = frozenset(lists["infinitive_subjects"])
        # The Chinese wait before "再" (``_waited_for``, ``_awaited``, ``_own_event_first``).
        (self.wait_opens, self.wait_not, self.wait_then, self.wait_asks, self.wait_subjects,
         self.wait_done, self.wait_again) = (tuple(lists[name]) for name in (
            "wait_opens", "wait_not", "wait_then", "wait_asks", "wait_subjects", "wait_done",
            "wait_again"))
        self.condition_closes, self.condition_tells = (
            tuple(lists["condition_closes"]), tuple(lists["condition_tells"]))
        self.topic_closes = frozenset(lists["topic_closes"])
        self.modifies_noun = tuple(lists["modifies_noun"])
        # Whatever makes a condition of a balance, opening or closing it (``_conditioned``).
        self.conditions = frozenset((*lists["condition_opens"], *lists["condition_closes"]))
        self.articles = frozenset(lists["articles"])
        self.joins_objects = tuple(lists["joins_objects"])
        self.purpose_after = tuple(lists["purpose_after"])
        self.object_markers = tuple(lists["object_markers"])
        # "Before" and "because" closing a clause after an edit verb (``_time_clause_edits``).
        self.subordinate_closes = (*lists["before_closes"], *lists["reason_closes"])
        self.softeners = tuple(lists["softeners"])
        self.will_after = tuple(lists["will_after"])
        # A Japanese condition, and what ends so but is none (``_own_condition``).
        self.own_condition, self.own_condition_not = (
            tuple(lists["own_condition"]), tuple(lists["own_condition_not"]))
        self.now, self.self_subjects = frozenset(lists["now"]), tuple(lists["self_subjects"])
        # Whatever opens a clause of when or if, before a plan of the speaker's own.
        self.plan_opens = tuple(dict.fromkeys((*lists["when_opens"], *lists["condition_opens"])))
        self.plan_opens_words = _sentence_openers(self.plan_opens, lists["conditional_fillers"])
        # "When" anywhere (``_when_after``), and the Japanese and Korean words that make a time
        # or a condition none of a plan (``_dates_a_thing``, ``_own_plan``).
        (self.when_words, self.when_not_after, self.when_not_before, self.dating_ja,
         self.day_parts_ja, self.myeon_purpose, self.relatives) = (
            Words(lists["when_opens"]), frozenset(lists["when_not_after"]),
            frozenset(lists["when_not_before"]), tuple(lists["dating_ja"]),
            tuple(lists["day_parts_ja"]), tuple(lists["myeon_purpose"]),
            frozenset(lists["relatives"]))
        # Lists the rules read as they are, in one statement (ruff's limit per function): see
        # grammar.yaml for each.
        (self.wait_hold, self.first_then, self.joins_pause, self.joins_ending, self.joins_both,
         self.joins_except, self.wait_already, self.approvals, self.wait_not_speaker,
         self.described_not) = (
            tuple(lists[name]) for name in ("wait_hold", "first_then", "joins_pause",
                                            "joins_ending", "joins_both", "joins_except",
                                            "wait_already", "approvals", "wait_not_speaker",
                                            "described_not"))
        # The later lists, in one statement (ruff's limit per function); see grammar.yaml for
        # each. Someone else's act (``_someone_elses``): each auxiliary with the most words it
        # may have before the verb and whether the verb must be the infinitive, longest first
        # (so that "va a" is read before "va").
        (self.others_auxiliaries, self.others_not, self.others_subject, self.others_future,
         self.others_end, self.progress, self.progress_end, self.progress_asked,
         self.progress_where, self.clitics, self.articles_after, self.others_hint,
         self.others_end_not, self.render_nouns, self.top_ups, self.checks, self.dating,
         self.relayed, self.where, self.link_targets, self.signed_off, self.signed_off_not,
         self.signed_off_asks, self.signed_off_after, self.will_after_verb, self.payments,
         self.will_after_verb_then, self.now_approves, self.top_up_arrived, self.concepts,
         self.inside, self.particular, self.not_asks, self.not_asks_heads,
         self.asked_of_user, self.answered, self.refers_back, self.approval_conditions,
         self.when_ready, self.polite_if, self.paying) = (
            tuple(sorted([*((a, 1, False) for a in lists["others_will"]),
                          *((a, 3, False) for a in lists["others_will_far"]),
                          *((a, 1, True) for a in lists["others_will_infinitive"])],
                         key=lambda aux: len(aux[0]), reverse=True)),
            frozenset(lists["others_not"]), tuple(lists["others_subject"]),
            tuple(lists["others_future"]), tuple(lists["others_end"]),
            Words(lists["progress"]), frozenset(lists["progress_end"]),
            Words([*lists["progress"], *lists["progress_asked"]]),
            frozenset(lists["progress_where"]), frozenset(lists["clitics"]),
            frozenset(lists["articles_after"]),
            # Whether a message holds any of the auxiliaries at all: one search, as most hold
            # none (``_someone_elses`` runs for every export verb).
            Words([*lists["others_will"], *lists["others_will_far"],
                   *lists["others_will_infinitive"]]),
            tuple(lists["others_end_not"]),
            # As the tables key them ("l'export"), to compare with an entry's phrase.
            frozenset(phrase_key(word) for word in lists["render_nouns"]),
            tuple(lists["top_ups"]), Words(lists["checks"]), frozenset(lists["dating"]),
            tuple(lists["relayed"]), frozenset(phrase_key(word) for word in lists["where"]),
            frozenset(lists["link_targets"]), Words(lists["signed_off"]),
            Words(lists["signed_off_not"]), tuple(lists["signed_off_asks"]),
            Words(lists["signed_off_after"]), frozenset(lists["will_after_verb"]),
            Words(lists["payments"]), frozenset(lists["will_after_verb_then"]),
            tuple(lists["now_approves"]), Words(lists["top_up_arrived"]),
            frozenset(lists["concepts"]), Words(lists["inside"]), Words(lists["particular"]),
            frozenset(lists["not_asks"]), tuple(lists["not_asks_heads"]),
            Words(lists["asked_of_user"]), Words(lists["answered"]),
            tuple(lists["refers_back"]), Words(lists["approval_conditions"]),
            Words(lists["when_ready"]), Words(lists["polite_if"]), tuple(lists["paying"]))
        # Lists each read by one rule or two; see grammar.yaml.
        # "And" with the space after it, as it opens what follows; each word of purpose with
        # the space before it, as it ends what comes before the verb.
        (self.and_next, self.purpose_before, self.then_only, self.then_only_end,
         self.gives_a_doing, self.link_words, self.link_of, self.approval_pending_ko,
         self.before_object, self.pointing, self.arrival_asks, self.progress_or_shown,
         self.render_topics, self.own_posting, self.praise, self.please_first,
         self.before_opens, self.before_ends, self.check_whether, self.again,
         self.time_before, self.time_after, self.said_after_action, self.enough_words,
         self.to_know, self.making_nouns, self.making_asked, self.making_not,
         self.balance_now, self.balance_left, self.makeup_words, self.makeup_refs,
         self.balance_moved, self.balance_count, self.first_opens, self.makeup_expiry,
         self.makeup_include, self.making_if, self.makeup_not, self.subject_video,
         self.done_named, self.enough_before, self.done_if, self.render_articles,
         self.render_noun_after, self.time_articles, self.tells, self.video_namers,
         self.video_namer_not, self.rechecks, self.defects, self.plan_tiers,
         self.balance_doubts, self.link_nouns, self.link_dead, self.link_again,
         self.file_nouns, self.file_lost, self.enough_asked, self.defined_particles,
         self.others_check, self.others_check_third, self.others_check_subjects,
         self.others_check_not, self.others_check_opens, self.video_named_after,
         self.video_named_not, self.others_check_stops, self.request_after_not,
         self.question_opens, self.relayed_wants, self.makeup_contains,
         self.makeup_topped, self.light_gap, self.past_turns, self.needs_file,
         self.needs_times, self.says_why, self.accepting_conditions,
         self.light_tail, self.command_openers, self.now_after_act) = (
            tuple(word + " " for word in lists["and_next"]),
            tuple(" " + word for word in lists["purpose_before"]),
            tuple(lists["then_only"]), tuple(lists["then_only_end"]),
            tuple(lists["gives_a_doing"]), tuple(lists["link_words"]),
            frozenset(lists["link_of"]), frozenset(lists["approval_pending_ko"]),
            # Which version and "first", both saying nothing before the first request's
            # object: longest first ("最終的" before "最終" would leave "的").
            tuple(sorted([*lists["version_before"], *lists["first_words"],
                         *lists["object_fillers"]], key=len,
                         reverse=True)),
            frozenset(lists["pointing"]), tuple(lists["arrival_asks"]),
            Words([*lists["progress"], *lists["progress_shown"]]),
            frozenset(phrase_key(word) for word in lists["render_topics"]),
            Words(lists["own_posting"]), Words(lists["praise"]),
            tuple(sorted(lists["please_first"], key=len, reverse=True)),
            # A thing set aside ("not the end credits, …") is named in a clause before the
            # request just as one that comes first is; one rule reads both.
            (*lists["before_opens"], *lists["aside_opens"]),
            (*lists["before_ends"], *lists["aside_ends"]),
            tuple(lists["check_whether"]), Words(lists["again"]),
            tuple(sorted(lists["time_before"], key=len, reverse=True)),
            tuple(lists["time_after"]), frozenset(lists["said_after_action"]),
            frozenset(lists["enough_words"]),
            # Asked to be told, or said to want to know: a request without a question mark.
            (*lists["condition_tells"], *lists["to_know"]),
            frozenset(lists["making_nouns"]), tuple(lists["making_asked"]),
            tuple(lists["making_not"]), Words(lists["balance_now"]),
            Words(lists["balance_left"]), Words(lists["makeup_words"]),
            Words(lists["makeup_refs"]), Words(lists["balance_moved"]),
            Words(lists["balance_count"]), tuple(lists["first_opens"]),
            Words(lists["makeup_expiry"]), Words(lists["makeup_include"]),
            tuple(lists["making_if"]), Words(lists["makeup_not"]),
            tuple(lists["subject_video"]), Words(lists["done_named"]),
            # Each enough word with what may stand between it and the verb.
            (tuple(lists["enough_before"]), tuple(lists["enough_between"])),
            Words(lists["done_if"]), frozenset(lists["render_articles"]),
            tuple(lists["render_noun_after"]), frozenset(lists["time_articles"]),
            Words(lists["tells"]), tuple(lists["video_namers"]),
            tuple(lists["video_namer_not"]), Words(lists["rechecks"]),
            Words(lists["defects"]), Words(lists["plan_tiers"]),
            Words(lists["balance_doubts"]), Words(lists["link_nouns"]),
            Words(lists["link_dead"]), Words(lists["link_again"]),
            Words(lists["file_nouns"]), Words(lists["file_lost"]),
            Words(lists["enough_asked"]), frozenset(lists["defined_particles"]),
            # The balance someone else checks (``_balance_of_others``): one search for any
            # of the verbs, as most messages about the balance hold none.
            Words([*lists["others_check"], *lists["others_check_third"]]),
            frozenset(lists["others_check_third"]),
            tuple(f" {word} " for word in lists["others_check_subjects"]),
            frozenset(lists["others_check_not"]), tuple(lists["others_check_opens"]),
            tuple(lists["video_named_after"]), tuple(lists["video_named_not"]),
            frozenset(lists["others_check_stops"]), tuple(lists["request_after_not"]),
            frozenset(lists["question_opens"]), Words(lists["relayed_wants"]),
            Words(lists["makeup_contains"]), Words(lists["makeup_topped"]),
            frozenset(lists["light_gap"]), tuple(lists["past_turns"]),
            Words(lists["needs_file"]), Words(lists["needs_times"]), Words(lists["says_why"]),
            Words(lists["accepting_conditions"]), frozenset(lists["light_tail"]),
            tuple(lists["command_openers"]), tuple(lists["now_after_act"]))

    @classmethod
    def from_compiled(cls, data: Mapping[str, Any]) -> Grammar:
        """From ``compile_lists``'s result, as the compiled cache holds it."""
        return cls({name: [str(word) for word in data[name]] for name in NAMES})
