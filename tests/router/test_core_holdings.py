"""What the fifty-seventh round taught the router, each beside its look-alike: after the balance,
whether it holds a top-up or an amount; a condition closed by a comma before the speaker's own
act (a plan) and one that accepts (a yes); a light verb before the action's noun with a word
of which version; the render's progress asked; a story of past edits before "but"; a yes to
the export offer with why the file is needed; how or where to buy credits. (Written for these
tests, from messages of the round's reviewers; no held-out message of the corpus is copied.)"""

from __future__ import annotations

import pytest

from router import route

pytestmark = pytest.mark.pure


def _routes_to(text: str, action: str, then: str | None = None,
               after: str | None = None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


@pytest.mark.parametrize(("text", "action"), [
    ("does that include the 200 I topped up?", "credits"),
    ("sind da die 50 von gestern schon mit drin?", "credits"),
    ("ça compte les 300 que j'ai rechargés lundi ?", "credits"),
    ("这个包括我刚充的200吗？", "credits"),
    ("這裡有包含註冊送的100點嗎？", "credits"),
    ("¿esos 12 ya incluyen la recarga de esta mañana?", "credits"),
    # Look-alikes: a thing of the video held, a length, an edit.
    ("ok thanks, does the soundtrack include the 30 sec intro bit?", "chat"),
    ("ok, include the 12 photos of the dog in the intro please", "chat"),
    ("can you include the photo i added?", "chat"),
    ("is the 1080 version included?", "chat"),
    ("우산 사진도 포함돼 있어요?", "chat"),
    ("sind die 20 Fotos schon mit drin?", "state"),
])
def test_after_the_balance_what_it_holds(text: str, action: str) -> None:
    _routes_to(text, action, after="credits")


@pytest.mark.parametrize(("text", "action"), [
    ("Sobald der Chef zustimmt, exportieren wir", "chat"),
    ("sobald die Intendanz grünes Licht gibt, exportieren wir das", "chat"),
    ("morgen exportieren wir das", "chat"),
    ("quand la pluie s'arrête et que j'ai le dernier plan, j'exporterai le tout", "chat"),
    ("as soon as I get home, I'll download the mp4", "chat"),
    ("wenn die Fotos da sind, lade ich es runter", "chat"),
    ("明日リハの字幕がちゃんと同期したら、最終版をレンダリングしましょう", "chat"),
    # Look-alikes that ask now: "once again", "when it's ready", "now".
    ("once again thanks, i'll download it", "export"),
    ("when it's ready, i'll download it", "export"),
    ("exportieren wir jetzt das Video", "export"),
    ("明日の会議用に最終カットをmp4でお願いします", "export"),
])
def test_a_condition_before_the_speakers_own_act(text: str, action: str) -> None:
    _routes_to(text, action)


@pytest.mark.parametrize("text", [
    "if that's ok, i'll download it now",
    "si c'est bon, je le télécharge",
    "wenn das so passt, lade ich es runter",
    "se tá tudo certo, vou baixar",
    "yes please, I need it for tomorrow's meeting",
    "oui, j'en ai besoin pour demain",
    "好的，明天开会要用",
    "お願いします、明日クライアントに見せるので",
])
def test_a_yes_to_the_export_offer(text: str) -> None:
    _routes_to(text, "export", after="export-offer")


@pytest.mark.parametrize("text", ["yes, tomorrow", "not yet, I need it for tomorrow though"])
def test_a_put_off_of_the_export_offer(text: str) -> None:
    _routes_to(text, "chat", after="export-offer")


@pytest.mark.parametrize(("text", "action"), [
    ("mach den Export", "export"),
    ("mach bitte den finalen Export", "export"),
    ("do the final export", "export"),
    ("mach den finalen Export ohne Musik", "chat"),
    ("mach den kompletten Render schwarz-weiß", "chat"),
    ("make the entire render sepia", "chat"),
    ("mach den Titel größer", "chat"),
])
def test_a_light_verb_before_the_actions_noun(text: str, action: str) -> None:
    _routes_to(text, action)


@pytest.mark.parametrize(("text", "action"), [
    ("hows the render coming, still chewing on the combine part?", "state"),
    ("comment avance le rendu ?", "state"),
    ("算圖怎樣了", "state"),
    ("まだ終わらない？", "state"),
    ("レンダリングどこまで進んだ？コンバインのシーンもう終わった？", "state"),
    ("how's the render quality compared to premiere", "chat"),
    ("how is the video coming out so dark?", "chat"),
    ("avance la vidéo de 2 secondes", "chat"),
])
def test_the_renders_progress(text: str, action: str) -> None:
    _routes_to(text, action)


@pytest.mark.parametrize(("text", "action", "then"), [
    ("改了一下午，不过积分还剩多少", "credits", None),
    ("空撮やり直しまくったけど、クレジットあとどれくらい残ってる？", "credits", None),
    ("クレジットあといくつ残ってますか？来週から毎日撮りたいので", "credits", None),
    ("请把片尾删了但是保留音乐，导出给我", "chat", "export"),
    ("can you send me the mp4? tomorrow, no rush", "chat", None),
])
def test_a_story_or_a_reason_beside_the_question(text: str, action: str,
                                                  then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action"), [
    ("在哪里充积分", "chat"),
    ("點數點樣增值", "chat"),
    ("¿cómo recargo créditos?", "chat"),
    ("¿dónde compro más créditos?", "chat"),
    ("où j'achète des crédits ?", "chat"),
    ("onde compro mais créditos?", "chat"),
    # The balance itself, beside them.
    ("¿cuántos créditos me quedan?", "credits"),
    ("我还有多少积分", "credits"),
    ("combien de crédits il me reste ?", "credits"),
])
def test_how_or_where_to_buy_credits(text: str, action: str) -> None:
    _routes_to(text, action)
