"""Follow-ups read in the context of our previous reply, across processes: the conversation
records what its last reply was in the persisted session, and the next message is routed
with it (a host starts one process per message)."""

from __future__ import annotations

from skill.replies import Media
from tests.skill.conversation.conftest import Harness, say, texts

GENERATE = "generate a 10-second video of a city at sunset"


async def test_yes_after_an_export_offer_exports_in_the_next_process(harness: Harness) -> None:
    async with harness.open() as convo:
        replies = await say(convo, GENERATE)
        assert "“export”" in texts(replies)  # the agent's "click Export" became our offer
        assert convo.client.store.load().last_reply == "export-offer"
    async with harness.open() as convo:  # the host's next call: a new process
        replies = await say(convo, "ok do it")
        assert [r for r in replies if isinstance(r, Media)], texts(replies)
        assert convo.client.store.load().last_reply is None  # the offer was taken


async def test_a_bare_yes_with_no_offer_pending_is_chat(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        await say(convo, "export")  # the offer is taken: nothing is offered now
        replies = await say(convo, "ok do it")
    assert not [r for r in replies if isinstance(r, Media)]


async def test_after_the_timeline_and_the_credits(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        await say(convo, "status")
        assert convo.client.store.load().last_reply == "timeline"
        replies = await say(convo, "and the credits?")
        assert "Credits:" in texts(replies)
        assert convo.client.store.load().last_reply == "credits"


async def test_declining_an_export_with_nothing_else_is_answered_without_the_agent(
        harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        await say(convo, "export")  # nothing is offered now
        before = convo.client.store.load().session_id
        replies = await say(convo, "先别导出")
        # Said in the user's language: nothing changed, and how to export later; no
        # "I didn't understand" from the agent, no video.
        assert texts(replies) == "好的，先不做，什么都没改。需要 MP4 时，说“导出”即可。"
        assert not [r for r in replies if isinstance(r, Media)]
        assert convo.client.store.load().session_id == before


async def test_not_yet_after_an_export_offer_declines_it(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        assert convo.client.store.load().last_reply == "export-offer"
        replies = await say(convo, "not yet")
    assert texts(replies) == "OK, not now: nothing changed. Say “export” when you want the MP4."


async def test_a_bare_yes_with_nothing_offered_says_there_is_nothing_to_confirm(
        harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "genera un vídeo de 10 segundos de una ciudad al atardecer")
        await say(convo, "exporta el vídeo")
        replies = await say(convo, "dale")  # no language of its own: the writer's Spanish
    assert texts(replies) == ("Ahora no hay nada pendiente de confirmar, así que no cambié "
                              "nada. Dime qué hacer o qué cambiar, o di «exportar» para el MP4.")


async def test_a_refusal_with_more_to_say_still_reaches_the_agent(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        replies = await say(convo, "don't export yet, make the title bigger")
    assert "nothing changed" not in texts(replies)


async def test_not_now_after_an_edit_is_answered_in_the_writers_language(
        harness: Harness) -> None:
    # Found by a newcomer: after a Spanish edit, "todavía no" reached the agent, which
    # answered in English ("I didn't understand “todavía no”"); "aún no" was not a decline.
    async with harness.open() as convo:
        await say(convo, "genera un vídeo de 10 segundos de una playa")
        await say(convo, "cambia el título a «Verano»")
        replies = await say(convo, "todavía no")
        assert "understand" not in texts(replies)
        assert "nada" in texts(replies)
        await say(convo, "cambia el título a «Mar»")
        replies = await say(convo, "aún no")
        assert "understand" not in texts(replies)
        assert "nada" in texts(replies)


async def test_two_requests_in_one_message_are_both_done_in_order(harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, GENERATE)
        replies = await say(convo, "export it and tell me how many credits are left")
        kinds = [type(r).__name__ for r in replies]
        assert "Media" in kinds, texts(replies)
        said = texts(replies)
        # The balance is told after the video, so it counts what the export used.
        assert "Credits:" in said
        media_at = kinds.index("Media")
        credits_at = next(i for i, r in enumerate(replies) if "Credits:" in texts([r]))
        assert media_at < credits_at
        replies = await say(convo, "wie viele Credits hab ich noch? und was ist auf der Timeline?")
        said = texts(replies)
        assert said.index("Credits") < said.index("Timeline"), said
        assert convo.client.store.load().last_reply == "timeline"


async def test_a_path_named_as_where_the_video_goes_gets_the_video(harness: Harness) -> None:
    # "render it to <path>" (a developer in an editor): the MP4 is written there, and the
    # path is no file of the user's to upload.
    target = harness.export_dir.parent / "dist" / "promo.mp4"
    async with harness.open() as convo:
        await say(convo, GENERATE)
        replies = await say(convo, f"render it to {target}")
    media = [r for r in replies if isinstance(r, Media)]
    assert media, texts(replies)
    assert target.is_file()
    assert target.read_bytes()[4:8] == b"ftyp"  # an MP4
    assert str(target) in texts(replies)
