"""Follow-ups read in context only in the language they are written in."""

from __future__ import annotations

import pytest

from router import route
from router.core import Router
from router.tables import builtin_tables

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure


def test_a_follow_up_phrase_of_another_language_is_no_yes() -> None:
    router = Router(builtin_tables())
    # "show" is a Portuguese yes ("show!") to an export offer, but not inside English.
    assert router.route("show me the captions", after="export-offer").action == "chat"
    assert router.route("show", after="export-offer").action == "export"
    assert router.route("manda ver", after="export-offer").action == "export"
    assert router.route("ok do it", after="export-offer").action == "export"


@pytest.mark.parametrize(("text", "action"), [
    ("show me the captions", "chat"), ("zeig mir die Untertitel", "chat"),
    ("montre-moi les sous-titres", "chat"), ("자막 보여줘", "chat"), ("字幕を見せて", "chat"),
    # Bare follow-ups still mean the reply's action.
    ("show me", "state"), ("now show me everything", "state"), ("보여줘", "state"),
    ("perfect, send it", "export"),
])
def test_a_request_form_with_another_object_is_a_request_of_its_own(text: str,
                                                                   action: str) -> None:
    assert Router(builtin_tables()).route(text, after="edit").action == action


@pytest.mark.parametrize("text", [
    "das nehme ich", "voilà, celle-là, je la prends", "就這個", "this one",
    "fico com essa", "이걸로 할게", "これにする",
])
def test_taking_the_version_just_shown_is_an_export_after_an_edit(text: str) -> None:
    router = Router(builtin_tables())
    assert router.route(text, after="edit").action == "export"
    # Without the reply before it nothing says which version: nothing to do.
    assert router.route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # A yes before the follow-up is not the object of its request form.
    ("그래 이걸로 줘", "export"), ("좋아 보여줘", "state"), ("ok, send it", "export"),
    # An object of another thing still is.
    ("좋아 자막 보여줘", "chat"),
])
def test_a_yes_before_a_follow_up_is_no_object(text: str, action: str) -> None:
    assert Router(builtin_tables()).route(text, after="edit").action == action


@pytest.mark.parametrize("text", [
    "yes, but first swap the music", "vale, pero antes quita el logo",
    "oui mais d'abord enlève le logo", "ja, aber zuerst die Musik leiser",
    "sim, mas antes tira o logo", "はい、でもその前にロゴを消して", "응 근데 먼저 로고 빼줘",
    "好的，不过先把logo去掉", "好，但先把音樂換掉",
])
def test_a_yes_then_something_first_is_an_edit_then_the_export(text: str) -> None:
    route = Router(builtin_tables()).route(text, after="export-offer")
    assert (route.action, route.then) == ("chat", "export")
    assert "then export" in route.detail


@pytest.mark.parametrize(("text", "label"), [
    # Without the yes, or with a no, the offer is put off: the edit alone.
    ("wait, first swap the music", "chat"), ("not yet, but swap the music", "chat"),
    ("espera, primero quita el logo", "chat"),
    # A yes with nothing after its "but" is a yes; a yes that is all of it too.
    ("ok but", "export"), ("ok do it", "export"), ("dale, hazlo", "export"),
    # A question after the "but" is asked before anything is accepted.
    ("ok, but how long will it take?", "chat"),
])
def test_only_a_yes_that_opens_the_message_puts_the_export_after(text: str,
                                                                  label: str) -> None:
    assert Router(builtin_tables()).route(text, after="export-offer").label == label


@pytest.mark.parametrize("text", [
    "yeah but the subtitles are out of sync", "sí, pero la música está muy alta",
    "oui mais le son est trop fort", "ja, aber die Musik ist viel zu laut",
    "sim, mas a legenda tá errada", "好，不过背景音乐太吵了", "好啊 但是字幕有錯字",
    "はい、でも音楽がちょっとうるさいです", "네 근데 자막이 좀 이상해요",
])
def test_a_yes_but_a_complaint_accepts_nothing(text: str) -> None:
    # "but" sets a complaint against the yes: no change is asked for, so nothing is put
    # first, and the offer is not accepted as it stands either.
    route = Router(builtin_tables()).route(text, after="export-offer")
    assert (route.action, route.then) == ("chat", None)


@pytest.mark.parametrize("text", [
    "ok but make the music quieter", "sí pero quita el logo", "ja aber mach die Musik leiser",
    "はい、でも字幕を大きくして", "好 但是把音乐调小一点", "네 근데 음악 좀 줄여줘",
])
def test_a_yes_but_a_change_is_the_change_then_the_export(text: str) -> None:
    route = Router(builtin_tables()).route(text, after="export-offer")
    assert (route.action, route.then) == ("chat", "export")


@pytest.mark.parametrize(("text", "label"), [
    ("make the render and send it over", "export"), ("haz la exportación", "export"),
    ("fais l'export", "export"), ("faz o render", "export"),
    # The same verbs with any other object are edits.
    ("make the title bigger", "chat"), ("haz el título más grande y luego exporta",
                                        "chat-then-export"),
])
def test_a_light_verb_before_an_actions_own_noun_edits_nothing(text: str, label: str) -> None:
    assert Router(builtin_tables()).route(text).label == label


@pytest.mark.parametrize(("text", "after", "action"), [
    # "줘" (give it) is a follow-up for the file, but also the end of other verbs: "보여줘"
    # (show me), "알려줘" (tell me). After the timeline, a list of the captions is asked for.
    ("자막 목록 보여줘", "timeline", "state"), ("남은 크레딧 알려줘", "timeline", "credits"),
    # The follow-up itself still counts, alone or as a word of its own.
    ("줘", "timeline", "export"), ("이제 줘", "timeline", "export"),
    ("이걸로 줘", "edit", "export"), ("네 해주세요", "export-offer", "export"),
])
def test_a_korean_follow_up_inside_another_verb_is_that_verb(text: str, after: str,
                                                             action: str) -> None:
    assert Router(builtin_tables()).route(text, after=after).action == action


@pytest.mark.parametrize(("text", "after", "action"), [
    # Thanks after a yes is no remark about the video ("が" inside "ありがとう" is no particle).
    ("はい、ありがとうございます", "export-offer", "export"),
    ("それでお願いします。ありがとうございます", "export-offer", "export"),
    ("ありがとう、でもまだです", "export-offer", "chat"),
    # A casual "may I have it?" asks for the file; one after a te-form asks for that act.
    ("いい感じ！じゃあいただける？", "edit", "export"),
    ("教えてもらえる？", "edit", "chat"),
    ("もう少し明るくしてもらえる？", "edit", "chat"),
])
def test_japanese_thanks_and_a_casual_can_i_have_it(text: str, after: str, action: str) -> None:
    assert Router(builtin_tables()).route(text, after=after).action == action


@pytest.mark.parametrize("text", [
    # A yes, then a question or a remark about the video: nothing is accepted yet.
    "ja, wie groß wird die Datei denn?", "嗯…开头还是有点拖", "sí, oye y cuánto pesa el archivo?",
    # Other words that set what follows against the yes.
    "sim, só que a intro ainda tá lenta", "ouais, par contre l'intro est encore lente",
    "はい、ただイントロがまだ遅い気がします",
])
def test_a_yes_then_a_question_or_a_remark_accepts_nothing(text: str) -> None:
    route = Router(builtin_tables()).route(text, after="export-offer")
    assert (route.action, route.then) == ("chat", None)


@pytest.mark.parametrize("text", ["好的谢谢，够用了", "OK 謝謝 夠用了",
                                  "vale gracias, con eso me alcanza"])
def test_enough_said_of_the_balance_shown_is_a_remark(text: str) -> None:
    assert Router(builtin_tables()).route(text, after="credits").label == "chat"


def test_enough_asked_is_still_the_balance() -> None:
    assert Router(builtin_tables()).route("积分够用了吗").label == "credits"


@pytest.mark.parametrize(("text", "action"), [
    # What to leave out or keep only, said with a yes, asks for a change (trial 11: the file
    # was exported with the music the user had just asked to remove).
    ("und bitte ohne musik, nur mit sprecher", "chat"), ("nur mit Sprecher bitte", "chat"),
    ("ok but without the music", "chat"), ("sí, sin música por favor", "chat"),
    ("oui sans musique stp", "chat"), ("pode ser, só com a voz", "chat"),
    ("好的，不要音乐", "chat"), ("はい、音楽なしで", "chat"), ("네, 음악 없이요", "chat"),
    # A yes that only says "no problem" still accepts.
    ("ja bitte", "export"), ("sí, sin problema", "export"), ("ok sans problème", "export"),
    ("sim, sem problema", "export"),
])
def test_a_yes_with_something_left_out_asks_for_a_change(text: str, action: str) -> None:
    assert Router(builtin_tables()).route(text, after="export-offer").action == action


@pytest.mark.parametrize(("text", "action"), [
    # Trial 13: right after the export offer, a change asked for politely was read as a
    # polite yes ("por favor") and exported the video as it was.
    ("Las letras más grandes por favor", "chat"),
    ("el texto más grande por favor", "chat"),
    ("la música más alta por favor", "chat"),
    ("letras maiores por favor", "chat"),
    ("a música mais baixa por favor", "chat"),
    ("le texte plus gros s'il te plaît", "chat"),
    ("bigger letters please", "chat"),
    # Politeness alone, or with a yes, still accepts the offer; a quality asked with the
    # file is still the file.
    ("por favor", "export"), ("sí, por favor", "export"), ("please", "export"),
    ("mándamelo en la calidad más alta", "export"),
    ("manda o vídeo na qualidade mais alta", "export"),
])
def test_a_change_asked_politely_after_the_offer_is_no_yes(text: str, action: str) -> None:
    router = Router(builtin_tables())
    assert router.route(text, after="export-offer").action == action


def test_files_after_an_export_offer_keep_the_edit_a_yes_puts_first() -> None:
    """With files after "say export when you want the MP4", a yes that puts an edit first is
    the edit, for the chat after the upload (it was dropped: upload alone)."""
    router = Router(builtin_tables())
    for text in ("okay this is the voice over um add it under the first clip",
                 "ok here it is, put it under the first clip"):
        got = router.route(text, ["voiceover_take2.m4a"], after="export-offer")
        assert (got.action, got.then) == ("upload", "chat"), (text, got.detail)
    got = router.route("ok", ["voiceover_take2.m4a"], after="export-offer")
    assert (got.action, got.then) == ("upload", "export"), got.detail


@pytest.mark.parametrize(("text", "label"), [
    # One-character and Cantonese yeses to an export offer.
    ("导", "export"),
    ("得", "export"),
    ("得 搞掂佢", "export"),
    # The same characters inside a no, a "not yet" or a question are no yes (a review's
    # look-alikes: 唔得 is "no", 得閒 "when I'm free", 得唔得 "is it OK?").
    ("唔得", "chat"),
    ("我覺得仲未得", "chat"),
    ("等我得閒先", "chat"),
    ("导什么导，先改字幕", "chat"),
    ("先搞掂佢個片頭", "chat"),
])
def test_short_yeses_to_an_export_offer_and_their_look_alikes(text: str, label: str) -> None:
    assert route(text, after="export-offer").label == label


@pytest.mark.parametrize("text", [
    "ok and the video?", "好的 那视频呢", "영상은요?", "y el video? ya quedó?",
    "e o vídeo, como tá?",
])
def test_the_video_asked_after_the_balance_is_the_project_state(text: str) -> None:
    router = Router(builtin_tables())
    assert router.route(text, after="credits").label == "state"
    # A change asked of it is a request of its own.
    assert router.route("and the video, can you make it longer", after="credits").label == "chat"


@pytest.mark.parametrize("text", [
    "oui c'est parfait comme ça", "這樣很好 不用再改了", "はい これでいいです",
    "nothing left to change, great job",
])
def test_praise_of_an_edit_asks_for_no_file(text: str) -> None:
    # After an edit was reported (no export offered), praise alone is chat: the user may go
    # on editing. Asking for the file still is a request, and so is taking this version.
    router = Router(builtin_tables())
    assert router.route(text, after="edit").label == "chat"
    assert router.route("perfect, can I have it now?", after="edit").label == "export"
    assert router.route("これにする", after="edit").label == "export"
