"""A user's answer to the agent's question → the agent's answer line, or None (ask again)."""

from __future__ import annotations

import pytest

from backend.questions import AgentQuestion, parse_question
from translators import answers
from translators.answers import answer_message, format_question, interpret


def _q(*, multiple: bool = False, three: bool = False) -> AgentQuestion:
    style = {"id": "style", "prompt": "Which style?", "allow_multiple": multiple,
             "options": [{"label": "Cinematic"}, {"label": "Documentary"}, {"label": "Upbeat"}]}
    items = [style]
    if three:
        items = [{"prompt": "What about?", "options": ["A city at night", "Nature and wildlife"]},
                 {"prompt": "How long?", "options": ["15 seconds", "30 seconds"]}, style]
    q = parse_question({"title": "T", "questions": items})
    assert q is not None
    return q


def _line(q: AgentQuestion, text: str) -> str | None:
    answer = interpret(q, text)
    return None if answer is None else answer_message(q, answer)


@pytest.mark.parametrize("text", [
    "B", "b", "2", "the second one", "second", "第二个", "la segunda", "le deuxième",
    "die zweite", "a segunda", "二番目", "두 번째", "documentary", "Documentary.", "纪录片",
    "documental", "ドキュメンタリー", "다큐멘터리", "documentry", "1. Which style?: Documentary"])
def test_one_question_one_pick(text: str) -> None:
    assert _line(_q(), text) == "1. Which style?: Documentary"


@pytest.mark.parametrize("text", ["skip", "Skip!", "跳过", "omitir", "passer", "überspringen",
                                  "pular", "スキップ", "건너뛰기"])
def test_skip_in_nine_languages(text: str) -> None:
    assert _line(_q(three=True), text) == "Skipped"


@pytest.mark.parametrize("text", ["banana", "Z", "7", "", "the second or the third"])
def test_unclear_is_none(text: str) -> None:
    assert _line(_q(), text) is None


def test_several_where_allowed() -> None:
    q = _q(multiple=True)
    assert _line(q, "A, C") == "1. Which style?: Cinematic, Upbeat"
    assert _line(q, "电影感和活力") == "1. Which style?: Cinematic, Upbeat"
    assert _line(q, "all") == "1. Which style?: Cinematic, Documentary, Upbeat"
    assert _line(_q(), "A, C") is None  # only one may be picked


def test_several_questions() -> None:
    q = _q(three=True)
    assert _line(q, "1 2 3") == ("1. What about?: A city at night\n2. How long?: 30 seconds\n"
                                 "3. Which style?: Upbeat")
    assert _line(q, "城市夜景\n30秒\n电影感") == (
        "1. What about?: A city at night\n2. How long?: 30 seconds\n3. Which style?: Cinematic")
    assert _line(q, "2. 15 3. skip") == ("1. What about?: Skipped\n2. How long?: 15 seconds\n"
                                         "3. Which style?: Skipped")
    assert _line(q, "upbeat") == ("1. What about?: Skipped\n2. How long?: Skipped\n"
                                  "3. Which style?: Upbeat")
    assert _line(q, "B") is None  # which question?
    assert _line(q, "1 2") is None


def test_shown_in_the_users_language() -> None:
    text = format_question(_q(three=True), "zh")
    assert "❓ T" in text
    assert "   B. Documentary" in text
    assert "跳过" in text
    assert "请再回答一次" in format_question(_q(), "zh", again=True)
    assert "(pick one or more)" in format_question(_q(multiple=True), "en")


@pytest.mark.parametrize("text", [
    "a lighthouse on a cliff", "something cozy with candles and snow",
    "un faro en un acantilado al atardecer", "海边悬崖上的灯塔", "崖の上の灯台と海",
    "바다 위의 하얀 등대",
    "ein Leuchtturm an der Küste", "un phare sur une falaise", "um farol numa falésia"])
def test_a_sentence_is_no_option_but_the_users_own_instruction(text: str) -> None:
    q = _q(three=True)
    assert answers.interpret(q, text) is None
    assert answers.free_form(q, text)


@pytest.mark.parametrize(("text", "reason"), [
    ("banana", "words"), ("D", "range"), ("1A 2D", "range"), ("B", "which"), ("not sure", "words"),
    ("no sé todavía", "words"), ("不知道", "words"), ("the blue option please", "words")])
def test_an_unclear_answer_is_no_instruction(text: str, reason: str) -> None:
    q = _q(three=True)
    assert answers.interpret(q, text) is None
    assert not answers.free_form(q, text)
    assert answers.unclear_reason(q, text) == reason


@pytest.mark.parametrize("text", ["cinematc", "Documentery"])
def test_a_typo_of_a_label_still_picks_it(text: str) -> None:
    assert answers.interpret(_q(), text) is not None
