"""What a user reads when asking the local agent about the video, through the runtime over
real sockets: one answer, in the user's language, listing what was asked for with times."""

from __future__ import annotations

from skill.replies import Text
from tests.skill.conversation.conftest import Harness, say, texts

SCRIPT = "generate a video from this script: A city wakes up. Coffee steams. Trains glide by."


async def test_show_me_the_captions_right_after_the_video_is_one_list(harness: Harness) -> None:
    async with harness.open() as convo:
        generated = await say(convo, SCRIPT)
        assert "Say “export”" in texts(generated)  # the export offer is the last reply
        replies = await say(convo, "show me the captions")
        shown = [r.text for r in replies if isinstance(r, Text)]
        # Not read as a yes to the export offer ("show" is Portuguese for "great"), and
        # not two summaries: the captions, each with its times.
        assert len(shown) == 1, shown
        assert shown[0].startswith("The video has 3 captions: 1. “A city wakes up” (0.4–")
        assert "“Trains glide by” (" in shown[0]
        assert "Timeline" not in shown[0]
        assert not harness.export_dir.exists() or not any(harness.export_dir.iterdir())
        # After an edit too: "show me" wants its object, and the captions are not the
        # timeline the edit's reply was about.
        await say(convo, "make the music louder")
        replies = await say(convo, "show me the captions")
        shown = [r.text for r in replies if isinstance(r, Text)]
        assert len(shown) == 1, shown
        assert shown[0].startswith("The video has 3 captions: ")


async def test_the_captions_answer_is_spanish_with_spanish_labels(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "genera un vídeo de 12 segundos: guion: Amanece en la ciudad. "
                         "El café humea. Los trenes pasan.")
        replies = await say(convo, "muéstrame los subtítulos")
        shown = [r.text for r in replies if isinstance(r, Text)]
        assert len(shown) == 1, shown
        assert shown[0].startswith("El vídeo tiene 3 subtítulos: 1. «Amanece en la ciudad» (")
        added = texts(await say(convo, "añade un subtítulo que diga 'Buenos días'"))
        assert "He añadido el subtítulo «Buenos días» de " in added
        assert "Los otros 3 subtítulos siguen como estaban." in added
        for english in ("Captions", "Caption added", "Title:"):
            assert english not in added, added


async def test_an_answer_to_a_spanish_question_is_answered_in_spanish(harness: Harness) -> None:
    async with harness.open() as convo:
        asked = texts(await say(convo, "hazme un vídeo"), "question")
        assert "¿De qué debe tratar el vídeo?" in asked
    # Hosts start one process per message: the next one knows only what was stored.
    async with harness.open() as convo:
        replies = await say(convo, "1B 2A 3C")
    shown = texts(replies, "text", "status")
    assert "Naturaleza y vida salvaje" in shown
    assert "🎬 Generando el vídeo…" in shown
    assert "Línea de tiempo" in shown
    for english in ("Generating", "Timeline", "Adding music"):
        assert english not in shown, shown
