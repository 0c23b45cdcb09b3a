"""The agent's questions across ``say`` calls: shown in one call, answered in the next.

Each ``say`` opens a fresh conversation that knows only what the session file holds (as a host
that starts one process per message), against a real local backend on loopback. The answer
line the server received is checked verbatim.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local.runner import LocalBackend
from skill.cli import session
from skill.cli.main import main
from skill.conversation.runtime import RuntimeOptions
from tests.servers import serving
from tests.skill.conversation.conftest import FAST, fast_options

ASKED = ("What should the video be about?", "How long should it be?", "Which style?")


@pytest.fixture(params=["adk", "gateway"])
def backend(request: pytest.FixtureRequest, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalBackend]:
    with serving(LocalBackend.start(tmp_path / "backend",
                                    options=fast_options(dialect=request.param))) as lb:
        monkeypatch.setenv("NEMO_API_URL", lb.url)
        monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
        monkeypatch.setattr(session, "_options", lambda ctx: RuntimeOptions(
            export_dir=tmp_path / "videos", timings=FAST))
        yield lb


def say(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["say", *argv])
    out, _ = capsys.readouterr()
    return code, out


def _ask(backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> str:
    code, out = say(capsys, "make a video")
    assert code == 0
    assert backend.requests.messages() == ["make a video"]
    return out


def test_question_is_shown_with_lettered_options(backend: LocalBackend,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = _ask(backend, capsys)
    assert "❓ A few details before I start" in out
    assert "1. What should the video be about?" in out
    assert "   A. A city at night" in out
    assert "   C. Upbeat" in out
    assert '"1A 2B"' in out
    assert "couldn't find any change" not in out


def test_answer_by_number_is_sent_in_the_agents_form(backend: LocalBackend,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    code, out = say(capsys, "1 2 1")
    assert code == 0
    assert backend.requests.messages()[-1] == (
        "1. What should the video be about?: A city at night\n"
        "2. How long should it be?: 30 seconds\n"
        "3. Which style?: Cinematic")
    assert "Timeline (3 tracks)" in out
    code, out = say(capsys, "status")
    assert "(0-30s)" in out


def test_answer_by_chinese_label(backend: LocalBackend,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    code, out = say(capsys, "电影感")
    assert code == 0
    assert backend.requests.messages()[-1] == (
        "1. What should the video be about?: Skipped\n"
        "2. How long should it be?: Skipped\n"
        "3. Which style?: Cinematic")
    assert "时间线" in out


def test_skip_sends_skipped(backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    code, _ = say(capsys, "skip")
    assert code == 0
    assert backend.requests.messages()[-1] == "Skipped"
    code, out = say(capsys, "status")
    assert "sunrise over the sea" in out.lower() or "Timeline" in out


def test_unmappable_answer_asks_again_and_sends_nothing(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    code, out = say(capsys, "banana bread")
    assert code == 0
    assert out.startswith("“banana bread” doesn't name one of the options, so nothing was sent")
    assert "1. What should the video be about?" in out
    assert backend.requests.messages() == ["make a video"]
    # Still pending: the next answer goes through.
    say(capsys, "B")
    assert backend.requests.messages() == ["make a video"]  # one letter for three questions
    say(capsys, "1B; 2C; 3B")
    assert backend.requests.messages()[-1] == (
        "1. What should the video be about?: Nature and wildlife\n"
        "2. How long should it be?: 60 seconds\n"
        "3. Which style?: Documentary")


def test_credits_and_status_are_answered_while_a_question_waits(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    # Found by a newcomer: "how many credits do I have?" got the question again.
    _ask(backend, capsys)
    code, out = say(capsys, "how many credits do I have?")
    assert code == 0
    assert "Credits:" in out
    assert "nothing was sent" not in out
    assert backend.requests.messages() == ["make a video"]  # nothing sent to the agent
    say(capsys, "1B 2C 3B")  # the question still waits for its answer
    assert backend.requests.messages()[-1].startswith(
        "1. What should the video be about?: Nature and wildlife")


def test_a_sentence_answer_is_the_users_own_instruction(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    # It was asked again ("couldn't match that"), and the question came back on every try.
    _ask(backend, capsys)
    code, out = say(capsys, "a lighthouse on a cliff by the sea")
    assert code == 0
    assert backend.requests.messages() == ["make a video", "a lighthouse on a cliff by the sea"]
    assert "nothing was sent" not in out
    assert "❓" not in out
    assert "about “lighthouse on a cliff by the sea”" in out
    code, out = say(capsys, "status")
    assert "Video: lighthouse on a cliff by the sea" in out
    # The question is answered: letters now are an ordinary message, not a form.
    say(capsys, "1 2 1")
    assert backend.requests.messages()[-1] == "1 2 1"


def test_a_sentence_that_is_an_instruction_is_carried_out(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    code, out = say(capsys, "make it a 20 second video of my dog playing in the snow")
    assert code == 0
    assert "20-second" in out
    assert "dog playing in the snow" in out
    code, out = say(capsys, "status")
    assert "(0-20s)" in out


def test_a_sentence_is_not_read_as_the_option_it_resembles(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    # "something cozy with candles and snow" was taken for "Nature and wildlife" (a loose
    # spelling match); the user's words are the subject.
    _ask(backend, capsys)
    say(capsys, "something cozy with candles and snow")
    assert backend.requests.messages()[-1] == "something cozy with candles and snow"
    _code, out = say(capsys, "status")
    assert "Nature and wildlife" not in out


@pytest.mark.parametrize(("ask", "answer", "seen"), [
    ("haz un video", "un puerto con niebla al amanecer", "«puerto con niebla al amanecer»"),
    ("做一个视频", "雾中的港口和清晨的渔船", "雾中的港口和清晨的渔船"),
    ("動画を作って", "霧の港と朝の漁船", "霧の港と朝の漁船"),
    ("영상 만들어 줘", "안개 낀 항구와 새벽 어선", "안개 낀 항구와 새벽 어선"),
    ("fais une vidéo", "un port dans la brume au lever du jour", "port dans la brume"),
    ("mach ein Video", "ein Hafen im Nebel bei Sonnenaufgang", "Hafen im Nebel"),
    ("faça um vídeo", "um porto com neblina ao amanhecer", "porto com neblina ao amanhecer"),
])
def test_a_sentence_answer_in_other_languages(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str], ask: str, answer: str,
        seen: str) -> None:
    code, out = say(capsys, ask)
    assert code == 0
    assert "❓" in out
    code, out = say(capsys, answer)
    assert code == 0
    assert backend.requests.messages()[-1] == answer
    assert "❓" not in out
    assert seen in out


@pytest.mark.parametrize(("answer", "why"), [
    ("D", "“D” is not one of the options (A–C)"),
    ("1A 2F", "“1A 2F” is not one of the options (A–C)"),
    ("B", "“B” doesn't say which of the 3 questions it answers (e.g. “1A 2C”)"),
    ("not sure yet", "“not sure yet” doesn't name one of the options"),
    ("the blue option please", "“the blue option please” doesn't name one of the options"),
])
def test_an_unclear_answer_is_asked_again_with_the_reason(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str], answer: str,
        why: str) -> None:
    _ask(backend, capsys)
    code, out = say(capsys, answer)
    assert code == 0
    assert out.startswith(why + ", so nothing was sent yet. Answer again, or describe what you "
                          "want in a sentence:")
    assert "1. What should the video be about?" in out
    assert backend.requests.messages() == ["make a video"]


def test_an_unclear_answer_is_explained_in_the_questions_language(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    say(capsys, "做一个视频")
    code, out = say(capsys, "D")
    assert code == 0
    assert out.startswith("“D”不是选项之一（A–C），所以还没有发送。")


def test_json_emits_a_question_event(backend: LocalBackend,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = say(capsys, "make a video", "--json")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    question = next(e for e in events if e["kind"] == "question")
    assert question["title"] == "A few details before I start"
    assert [q["prompt"] for q in question["questions"]] == list(ASKED)
    assert question["questions"][2]["options"][0] == {"key": "A", "id": "cinematic",
                                                      "label": "Cinematic"}
    assert "A. A city at night" in question["text"]


def test_separate_processes(backend: LocalBackend, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}

    def run(text: str) -> str:
        done = subprocess.run([sys.executable, "-m", "skill.cli", "say", text],
                              env=env, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Which style?" in run("make a video")
    run("the second one; 15 seconds; upbeat")
    assert backend.requests.messages()[-1] == (
        "1. What should the video be about?: Nature and wildlife\n"
        "2. How long should it be?: 15 seconds\n"
        "3. Which style?: Upbeat")


def test_an_answer_that_never_reached_the_agent_stays_pending(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    _ask(backend, capsys)
    backend.faults.fail_next("run_sse", code=1001, times=2)  # refused before any stream
    code, _ = say(capsys, "1 2 1")
    assert code == 6
    code, out = say(capsys, "1 2 1")
    assert code == 0
    assert backend.requests.messages()[-1] == (
        "1. What should the video be about?: A city at night\n"
        "2. How long should it be?: 30 seconds\n"
        "3. Which style?: Cinematic")
    assert "Timeline (3 tracks)" in out


_SENTENCES = [
    ("make a video", "B, 15 seconds, animated",
     "1. What should the video be about?: Nature and wildlife\n"
     "2. How long should it be?: 15 seconds\n3. Which style?: Upbeat", "Nature and Wildlife"),
    ("hazme un vídeo", "la B, de 15 segundos y animado",
     "1. ¿De qué debe tratar el vídeo?: Naturaleza y vida salvaje\n"
     "2. ¿Cuánto debe durar?: 15 segundos\n3. ¿Qué estilo?: Animado",
     "Naturaleza y vida salvaje"),
]


@pytest.mark.parametrize("case", _SENTENCES, ids=["en", "es"])
def test_an_answer_written_as_a_sentence_picks_the_options_it_names(
        backend: LocalBackend, capsys: pytest.CaptureFixture[str],
        case: tuple[str, str, str, str]) -> None:
    ask, answer, sent, shown = case
    # (trial 7: "la B, de 15 segundos y animado" made a video titled «B» of an empty hill)
    code, _ = say(capsys, ask)
    assert code == 0
    code, out = say(capsys, answer)
    assert code == 0
    assert backend.requests.messages()[-1] == sent
    assert shown in out
    assert "(0-15s)" in out
