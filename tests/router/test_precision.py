"""Chat that reads like a request, by kind, in the nine languages (the twentieth round): what
someone else said with a doubt about it, how the product costs, a plan for later, someone
else's balance or project, what a part of the screen means, text to show after a label and a
colon, banter, whether someone else may see it too. Beside each kind, messages that look alike
but ask. (Written for these tests, from tests/router/probes/precision-20.yaml; the corpus's
held-out messages are never copied.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from router import route

pytestmark = pytest.mark.pure


def _routes_to(text: str, action: str, then: str | None,
               after: str | None = None) -> None:
    """Assert where ``text`` (after the reply ``after``) is routed: the action and what
    follows it, with the route's detail shown when it is not."""
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail

CHAT = {
    "reported": [
        "my daughter mentioned something about exporting it as mp4, no clue what that is",
        "我儿子说要导出，导出是什么东西",
        "我女兒叫我匯出一下 我也不懂那是啥",
        "mi hija dice que lo tengo que exportar, que significa eso",
        "un ami m'a dit que tu peux afficher la timeline, c'est vrai ?",
        "ein freund hat erzählt du kannst mir die timeline zeigen, echt?",
        "minha neta falou pra baixar mas não entendi o que é baixar",
        "息子がエクスポートしろって言うんだけど、エクスポートって何？",
        "아들이 내보내기 하라는데 그게 뭐예요?",
    ],
    "product": [
        "$19 a month for credits is a lot for a small bakery",
        "一分钟的视频要多少积分？",
        "los creditos me parecen carisimos la verdad",
        "les crédits sont chers franchement",
        "os créditos são caros né",
        "2分の動画でクレジットいくつ使いますか？",
        "크레딧 솔직히 비싼 듯",
    ],
    "later": [
        "I'll look at the timeline after lunch",
        "回家以后我再下载",
        "吃完飯我再看時間軸",
        "a fin de mes reviso mis creditos",
        "après le déjeuner je regarde la timeline",
        "am monatsende schau ich mal nach meinen credits",
        "vou baixar quando chegar em casa",
        "月末にクレジット確認しときます",
        "점심 먹고 타임라인 볼게요",
    ],
    "others": [
        "my sister has way more credits than me lol",
        "可以用我老公的积分吗",
        "puedo usar los creditos de mi esposo?",
        "das konto von meiner freundin hat 500 credits, wie das?",
        "die timeline von meinem kumpel sieht anders aus als meine",
        "夫のクレジット使えますか？",
        "남편 크레딧 써도 돼요?",
    ],
    "screen": [
        "what does the number next to credits mean?",
        "la barre grise en haut de la timeline ça sert à quoi ?",
        "タイムラインの上のグレーのバーは何ですか",
        "진행률 동그라미는 뭘 뜻해요",
    ],
    "content": [
        "the banner should read: Download our menu",
        "开头字幕：上传你的作品",
        "el texto de portada: Progreso del proyecto",
        "am anfang soll stehen: lade dein video hoch",
        "表紙の文字：工事の進捗",
        "표지 문구: 공사 진행 상황",
        "en la grabacion de pantalla se ve mi saldo, difuminalo porfa",
    ],
    "banter": ["這版好醜喔 哈哈哈", "笑死 太土了", "jajaja esta version esta horrible"],
    "access": [
        "can my sister see the project too? she wants to help",
        "我同事也可以看到我的积分吗",
        "mi hermana tambien puede ver el proyecto?",
        "ma soeur peut aussi voir le projet ?",
        "meu chefe também pode ver os créditos?",
        "上司もクレジット見れますか？",
        "동생도 프로젝트 볼 수 있어요?",
    ],
}

ASKS = [
    ("my daughter says: export it now please", "export"),
    ("my husband asked me to check how many credits we have left, how many?", "credits"),
    ("我老公让我问一下，我们还剩多少积分？", "credits"),
    ("mi esposo me pidio que te pregunte cuantos creditos nos quedan", "credits"),
    ("팀장님이 오늘 최종 mp4 달래요 보내주세요", "export"),
    ("tomorrow morning send me the mp4 please", "export"),
    ("明天早上把mp4发给我", "export"),
    ("mañana temprano mandame el mp4", "export"),
    ("今夜書き出してください", "export"),
    ("내일 아침에 mp4 보내주세요", "export"),
    ("가격 괜찮아요 내보내 주세요", "export"),
    ("how many credits do I have compared to my plan?", "credits"),
    ("show me the timeline", "state"),
    ("给我看一下时间轴", "state"),
    ("love it, send me the file", "export"),
    ("jaja mándame el video", "export"),
    ("can I see the project too?", "state"),
    ("and my credits too?", "credits"),
    ("타임라인도 보여줘", "state"),
]


def _assert_route(text: str, action: str, then: str | None = None) -> None:
    """``text`` alone goes to ``action`` (then ``then``); the route's detail if not."""
    _routes_to(text, action, then)


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, ts in CHAT.items() for t in ts])
def test_chat_that_reads_like_a_request_stays_chat(kind: str, text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), (kind, got.reason, got.detail)


@pytest.mark.parametrize(("text", "action"), ASKS)
def test_requests_that_look_alike_still_ask(text: str, action: str) -> None:
    got = route(text)
    assert got.action == action, (got.reason, got.detail)


def test_a_report_without_a_doubt_is_a_request_relayed() -> None:
    # The doubt makes the difference: told to export, and asking what that means, is chat.
    assert route("mi jefe dice que lo exportes ya").action == "export"
    assert route("mi jefe dice que lo exportes, que significa eso?").action == "chat"


def test_the_probe_files_parse() -> None:
    # Every probe is "label | text" with a label the corpus uses.
    labels = {"chat", "export", "credits", "state", "upload"}
    for name in ("precision-20.yaml", "precision-20-check.yaml"):
        data = yaml.safe_load((Path(__file__).parent / "probes" / name).read_text("utf-8"))
        for langs in data.values():
            for items in langs.values():
                for item in items:
                    label, text = (part.strip() for part in item.split("|", 1))
                    assert label in labels
                    assert text


# Review of the merged round (2 Dec): a plan in one clause does not put off the request of the
# next; Japanese 再 ("re-") is no Chinese "later"; "ayuda" and "obrigado" hold no "of my".
@pytest.mark.parametrize(("text", "action"), [
    ("I'll check it later, can you export it now?", "export"),
    ("I'll upload the rest tomorrow, export what you have now", "export"),
    ("mañana subo las fotos, ahora exporta el video", "export"),
    ("ich schau später nach, schick mir jetzt das video", "export"),
    ("I'll probably download it tonight from home", "chat"),
    ("明日再エクスポートしてください", "export"), ("今夜再書き出しお願いします", "export"),
    ("明天再导出", "chat"),
    ("ayuda jefe cuántos créditos me quedan", "credits"),
    ("obrigado amigo quanto credito tenho", "credits"),
    ("los créditos de mi esposo", "chat"), ("quero ver o projeto do meu amigo", "chat"),
])
def test_what_the_review_of_the_merge_found(text: str, action: str) -> None:
    _assert_route(text, action)


# A hand-over question before an instruction: the instruction is read, not scraps of it.
@pytest.mark.parametrize(("text", "then"), [
    ("können sie das öffnen? die musik drunterlegen, leise", "chat"),
    ("¿lo puedes usar? subtítulos del stream, sincronízalos con el clip del clutch", "chat"),
    ("can you open this one? it's from my old phone", None),
])
def test_an_instruction_after_a_hand_over_question(text: str, then: str | None) -> None:
    got = route(text, ["clip.mp4"])
    assert (got.action, got.then) == ("upload", then), got.detail



# Thirtieth round: a change the speaker supposes in a question asks for no export after it; a
# condition of the assistant's doing still does. "要不要" asks, though it is no negation.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("si je modifie un truc après l'export, faudra refaire tout le rendu ?", "chat", None),
    ("si j'ajoute un titre, faudra refaire le rendu ?", "chat", None),
    ("wenn ich was ändere, muss ich dann neu rendern?", "chat", None),
    ("if I change the font after the export, do I have to render it again?", "chat", None),
    ("if you fix the typo, can you then export it?", "chat", "export"),
    ("fix the typo and then export it", "chat", "export"),
    ("下一个视频之前要不要先充值啊", "credits", None),
    ("这个月还能渲染几条？要不要充值", "credits", None),
    ("還能匯出幾支？", "credits", None),
    ("要不要导出", "export", None),
    ("同事話佢頭先撳咗export但冇反應喎", "chat", None),
    ("wenn ich das abo kündige, verfallen dann meine restlichen credits?", "chat", None),
])
def test_what_is_supposed_or_asked(text: str, action: str, then: str | None) -> None:
    _assert_route(text, action, then)


def test_a_cantonese_please_accepts_the_offer() -> None:
    assert route("OK 唔該", after="export-offer").action == "export"
    assert route("OK 唔該", after=None).action == "chat"


# Batch 117's writers took back what they had just asked ("retract" in cues.yaml): what comes
# before the take-back is read as if it had not been typed.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("make the title bigger — actually forget it, just render the final and give me the file",
     "export", None),
    ("export— no hold on, how many renders can i still do this month?", "credits", None),
    ("export it... nvm", "chat", None),
    ("logo再大一点 哎算了", "chat", None),
    ("logo再大一点 哎算了 就这样吧 直接出成片", "export", None),
    ("タイトルもうちょい大きく…いやいいや、このままで完成版ちょうだい", "export", None),
    ("제목 좀 더 크게… 아냐 됐어 그냥 최종본 뽑아줘", "export", None),
    ("quita la música… olvídalo, mándame el video final", "export", None),
    # No take-back: "wait" alone puts off what follows; "不用了" after a noun is "no need for".
    ("幫我算圖 等等要給屋主看", "export", None),
    ("給我mp4就好字幕不用了", "export", None),
    ("mejor no subo mis fotos, usa imagenes de stock", "chat", None),
])
def test_what_is_taken_back_is_not_asked(text: str, action: str, then: str | None) -> None:
    _assert_route(text, action, then)


# The writers' brief names "is it done?" as a way of asking for the project's state; it was
# chat ("is it done" was only a cue of an amount or progress question).
@pytest.mark.parametrize(("text", "action"), [
    ("is it done?", "state"), ("is it done or not yet", "state"),
    ("is it done generating?", "state"),
    ("is the video done?", "state"), ("c'est terminé ou pas encore", "state"),
    ("ich lad dir gleich noch meine eigenen handyvideos hoch", "upload"),
    ("做下一个要先充值吗", "credits"), ("下一个要不要充钱", "credits"),
    ("how long until it is done?", "chat"),
])
def test_plain_questions_of_progress_and_announced_uploads(text: str, action: str) -> None:
    _assert_route(text, action)


# Batch 121's writers wrote in a language not their first: learners' Japanese in kana, and
# plain phrasings of the balance, the progress and an upload in progress.
@pytest.mark.parametrize(("text", "action"), [
    ("いま、しんちょくはどうですか", "state"),
    ("プロジェクトのステータスはなんですか", "state"),
    ("クォータはもうなくなりましたか？", "credits"),
    ("いま自分でとった写真をおくっていますので、少々お待ちくださいませ", "upload"),
    ("지금 제가 직접 찍은 영상들 보내고 있어요 잠깐만요", "upload"),
    ("할당량 다 썼어요? 어디서 보는지 몰라요", "credits"),
    ("크레딧 몇 개 남았는지랑 언제 리셋되는지 알려줘", "credits"),
    ("Falls ich keine Credits mehr habe, kann ich trotzdem weiter bearbeiten?", "chat"),
    ("mach bitte den render, ich bin zufrieden", "export"),
])
def test_what_learners_write(text: str, action: str) -> None:
    _assert_route(text, action)


# A review of this round's take-backs and conditions: what the first cut of them got wrong.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("导出—— 算了，还剩多少额度", "credits", None),  # plain 算了 also ends its clause
    ("字幕改大一点 算了 直接导出吧", "export", None),
    ("直接导出算了", "export", None),  # right after the verb: "just export it"
    ("export it in 4k. scratch that, 1080p", "export", None),  # a detail corrected
    ("send me the final. oh and the intro — forget it, its fine", "export", None),
    ("manda o video final e nao esquece a legenda", "export", None),
    ("exportier das video bitte, und vergiss das logo nicht", "export", None),
    ("send me the final file, actually no rush", "export", None),
    ("최종본 빨리 보내줘 불안함", "export", None),
    ("can you just export it without wasting more time?", "export", None),
    ("幫我將頭先嗰個版本出片", "export", None), ("帮我导出刚才那个版本", "export", None),
    ("是不是可以直接导出1080p给我", "export", None),
    ("is it done automatically or do i have to click export?", "chat", None),
    ("thanks for the draft\nif I change the font, do I have to export again?", "chat", None),
    ("我想改一下字幕。如果我改了字幕，还要重新导出吗？", "chat", None),
    ("请问，如果改了字幕，还要重新导出吗？", "chat", None),
    ("quick question: if I change the title, do I have to export again?", "chat", None),
    ("If I change the font do I lose credits? Can you add the logo and then export?",
     "chat", "export"),
    ("if i may, could you trim the intro and then export?", "chat", "export"),
])
def test_what_the_review_of_the_take_backs_found(text: str, action: str,
                                                 then: str | None) -> None:
    _assert_route(text, action, then)


@pytest.mark.parametrize(("text", "action"), [
    ("ok forget it", "chat"), ("好的 哎算了", "chat"), ("唔該你等一等", "chat"),
    ("唔該", "export"), ("ok", "export"),
])
def test_a_take_back_or_a_wait_after_an_offer_declines_it(text: str, action: str) -> None:
    assert route(text, after="export-offer").action == action


# Japanese train misses of earlier batches, and batch 125's announced uploads.
@pytest.mark.parametrize(("text", "action"), [
    ("エクスポートは月曜でいいです、今日はここまでにします", "chat"),
    ("クレジットは失敗したビデオでもへりますか？", "chat"),
    ("次のやつ作るのにお金かかる？", "credits"),
    ("先月買い足した分って、もう反映されてますか？残数を見たいです", "credits"),
    ("最終版レンダリングお願いします 17時までに必要", "export"),
    ("今から自分で撮った動画送るね wifi遅いからちょっと待って", "upload"),
    ("我等一下傳影片", "upload"),
])
def test_japanese_plans_costs_and_sendings(text: str, action: str) -> None:
    _assert_route(text, action)


# A format asked with a hand-over of the file is the file in that format, in any order of
# words the language has; a format asked of the finished file, with no one handed anything,
# asks what it will be.
@pytest.mark.parametrize(("text", "action"), [
    ("me puedes dar el video final en 1080p?", "export"),
    ("can you send me the final file in 1080p?", "export"),
    ("wird die fertige Datei ein Wasserzeichen haben?", "chat"),
    ("成品能做成 mov 格式吗？", "chat"),
    ("mp4以外でも出せる？movとか", "chat"),
])
def test_a_format_beside_a_hand_over(text: str, action: str) -> None:
    _assert_route(text, action)


# Two requests: the first is read where its clause asks it, not at its longest phrase.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("me diz meu saldo de créditos e depois exporta o vídeo", "credits", "export"),
    ("exportier das ding und zeig mir danach nochmal die szenenliste", "export", "state"),
    ("I love how easy it is to export and check my credits", "chat", None),
    ("export I love how easy it is to export the video and check my credits", "chat", None),
])
def test_two_requests_in_clauses_of_their_own(text: str, action: str, then: str | None
                                             ) -> None:
    _assert_route(text, action, then)


# A Korean action stem with a joining ending ("내보내고") ends its clause, so a second request
# after it is done too; an ending that keeps the verb going ("내보내고 싶어요") joins nothing.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("가격 버전 내보내고 크레딧 얼마 남았는지도 알려주세요", "export", "credits"),
    ("다운받고 타임라인 보여줘", "export", "state"),
    ("영상 내보내고 싶어요", "export", None),
    # Japanese names the object before the verb: a request ending after the verb asks.
    ("ジムのやつ書き出して、あと残りクレジットも教えて", "export", "credits"),
    ("영상 내보내고~ 크레딧 알려줘", "export", "credits"),
    # A question after the ending asks about exporting; "I" is the speaker's own doing.
    ("영상 내보내고 크레딧 차감되나요?", "chat", None),
    ("영상 내보내고 어디서 찾아요?", "chat", None),
    ("내가 내보내고 크레딧 볼게", "chat", None),
])
def test_a_korean_joining_ending_after_an_action(text: str, action: str, then: str | None
                                                ) -> None:
    _assert_route(text, action, then)


# How fast, slow or easy an export went is a remark about it, in every language; a request
# beside such a remark still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("the export finished quickly", "chat"),
    ("렌더링이 빠르게 끝났네요", "chat"),
    ("書き出し早かったね", "chat"),
    ("导出好快啊", "chat"),
    ("la exportación fue rápida", "chat"),
    ("l'export a été rapide", "chat"),
    ("der Export ging schnell", "chat"),
    ("a exportação foi rápida", "chat"),
    ("export it, was fast last time", "export"),
    ("書き出しが簡単で好き、クレジットも確認して", "credits"),
    ("导出很方便，我喜欢", "chat"),
    ("me encanta lo fácil que es exportar", "chat"),
    ("das Exportieren ist so einfach", "chat"),
    ("내보내기 쉽네요", "chat"),
    ("간편하게 내보내줘", "export"),
])
def test_how_fast_an_export_went_is_a_remark(text: str, action: str) -> None:
    _assert_route(text, action, None)


# A day named with what it is needed for is the reason to do it now, not a put-off; "maybe"
# in Japanese ("かもです") puts the request off.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("导出吧 明天要用", "export", None),
    ("直接算圖吧 明天要上架", "export", None),
    ("書き出して、明日使うので", "export", None),
    ("exporte, preciso amanhã", "export", None),
    ("明天要用的，先别导出", "chat", None),
    ("exporta mañana", "chat", None),
    ("もし今日中に原稿終わったら明日の朝に書き出し頼むかもです", "chat", None),
    ("書き出して、あと今全部で何シーンあるかも教えて", "export", "state"),
])
def test_a_day_with_its_need_asks_now(text: str, action: str, then: str | None) -> None:
    _assert_route(text, action, then)


# Where the video will be posted (a booking site, a marketplace) is not the user's upload; a
# question about closing the browser during a render asks nothing of it.
@pytest.mark.parametrize(("text", "action"), [
    ("exportalo ya porfa, lo quiero subir a booking antes de las 6", "export"),
    ("se o render demorar muito eu posso fechar o navegador?", "chat"),
    ("can i close the tab while it exports?", "chat"),
    ("导出的时候可以关掉浏览器吗", "chat"),
])
def test_where_it_goes_and_what_the_user_may_close(text: str, action: str) -> None:
    _assert_route(text, action, None)


# Questions about a format or a later render are not requests for it; paying before the next
# render asks about the balance.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("导出是什么格式", "chat", None),
    ("匯出是什麼格式", "chat", None),
    ("gif로도 뽑을수있나", "chat", None),
    ("몇 개 더 뽑을 수 있어?", "credits", None),
    ("preciso recarregar antes do próximo render?", "credits", None),
    ("¿tengo que recargar antes del próximo render?", "credits", None),
    ("结尾加一句 点击下载", "chat", None),
    ("片尾加上logo，然後立即下載", "chat", "export"),
    ("ya está listo? la novia me escribe cada 5 min", "state", None),
])
def test_formats_and_later_renders_are_asked_about(text: str, action: str,
                                                   then: str | None) -> None:
    _assert_route(text, action, then)


# Zhuyin particles read as the characters they stand for; kanji typed in hiragana.
@pytest.mark.parametrize(("text", "action"), [
    ("我要傳我自己拍ㄉ影片 等我一下", "upload"),
    ("我同學說你做好會自動下載 真ㄉ假ㄉ", "chat"),
    # Children write kanji in hiragana.
    ("ざんだかみせて", "credits"),
    ("むりょうであとなんかいレンダリングできる？", "credits"),
    ("あとなんかいいBGMない？", "chat"),
    ("レンダーとエクスポートって違うの？", "chat"),
])
def test_zhuyin_particles_and_hiragana(text: str, action: str) -> None:
    _assert_route(text, action, None)


# Japanese office courtesies are no request; "できるようにお願いします" is one; an offer is
# accepted in slang too ("おなしゃす").
@pytest.mark.parametrize(("text", "after", "action"), [
    ("おはようございます。本日もよろしくお願いいたします", None, "chat"),
    ("書き出しよろしくお願いします", None, "export"),
    ("館長OK出ました!mp4でダウンロードできるようにお願いします", None, "export"),
    ("ダウンロードできるようにするには？", None, "chat"),
    ("おなしゃす！", "export-offer", "export"),
    ("おなしゃす！", None, "chat"),
    ("where are we on the video", None, "state"),
])
def test_courtesies_slang_yes_and_progress(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action


def test_a_file_named_by_its_role_is_only_sent() -> None:
    for caption in ("旁白檔", "旁白檔案", "bgm檔", "配音文件"):
        got = route(caption, ["voice.mp3"])
        assert (got.action, got.then) == ("upload", None), caption


# The learned model overrules an action read in a longer message at a chat probability of
# 0.95 (router/train.py VETO), not a request that is the last clause after a pause in Chinese
# or Japanese; a Korean message that ends in the speaker's own will keeps two actions a tie.
@pytest.mark.parametrize(("text", "action"), [
    ("do i need credits just to preview or only when exporting", "chat"),
    ("export was smooth this time, no complaints at all", "chat"),
    ("exportalo en 1080 sin marca de agua", "export"),
    ("お客さんが今日見たいって 動画を送って", "export"),
    ("내가 내보내고 크레딧 볼게", "chat"),
    ("내가 내보내고 크레딧 볼게ㅋㅋ", "chat"),
    ("지금 다운로드 해주세요 잔액은 제가 확인할게요", "export"),
    ("다운받고 크레딧 보게", "export"),
])
def test_the_models_second_opinion(text: str, action: str) -> None:
    _assert_route(text, action, None)


# Sending one's own file, with a word on its size or a moment's wait: the file said to be big is
# the user's, and the wait is no refusal.
@pytest.mark.parametrize(("text", "action"), [
    ("我把我们的婚礼视频传给你 文件有点大 等下哈", "upload"),
    ("我傳我們婚禮的影片給你 檔案很大 等我一下", "upload"),
    ("結婚式の動画こっちから送りますね、重いのでちょっと待ってください", "upload"),
    ("動画まだ送らないで、ちょっと待ってください", "chat"),
])
def test_an_announced_upload_with_a_remark_or_a_wait(text: str, action: str) -> None:
    _assert_route(text, action, None)


# A scene word inside another word (훨씬, "much"), a Cantonese "what is it", a deadline named
# after a question ("내일인데"), a render counted in a credits question.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("오 훨씬 낫다", "edit", "chat", None),
    ("timeline 係咩嚟㗎？第一次用", None, "chat", None),
    ("크레딧 다 쓴거임?? 내일인데 ㅠㅠ", None, "credits", None),
    ("我們還在pre-seed預算很緊，剩下的額度夠再render兩次嗎", None, "credits", None),
    ("改完再render", None, "chat", "export"),
    ("씬 목록 보여줘", None, "state", None),
])
def test_words_inside_words_and_deadlines(text: str, after: str | None, action: str,
                                         then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# Whether the credits are enough to render once more asks about the credits alone (another
# request after them still counts); "the added part" (追加分) names a file, it adds nothing.
@pytest.mark.parametrize(("text", "files", "action", "then"), [
    ("积分够不够再渲染一次", (), "credits", None),
    ("點數還夠再輸出一次嗎", (), "credits", None),
    ("看下积分 再导出", (), "credits", "export"),
    ("改完再渲染一次", (), "chat", "export"),
    ("焚き火の追加ぶん", ("takibi.mp4",), "upload", None),
    ("追加分、後ろにつけて", ("takibi.mp4",), "upload", "chat"),
])
def test_enough_for_one_more_and_the_added_part(text: str, files: tuple[str, ...], action: str,
                                                then: str | None) -> None:
    got = route(text, files)
    assert (got.action, got.then) == (action, then), got.detail


# A balance inside a condition is supposed, not asked about; a request after the condition
# still asks, and so does a polite opener, and a question whose condition no comma closes
# (the balance once the condition is met). Spanish "se" is no "if".
@pytest.mark.parametrize(("text", "action"), [
    ("si jamais il me reste des crédits ce mois-ci je ferai celle de Val Thorens", "chat"),
    ("falls ich noch credits übrig hab mach ich später eins für zermatt", "chat"),
    ("se sobrar crédito no fim do mês faço um de Gramado", "chat"),
    ("si jamais j'ai plus de crédits, je perds mon projet ?", "chat"),
    ("¿si lo exporto ahora me quedan créditos para otro?", "credits"),
    ("如果积分还够，再做一个", "chat"),
    ("if I still have credits, export it", "export"),
    ("si puedes, dime cuántos créditos me quedan", "credits"),
    ("if I may, how many credits do I have?", "credits"),
    ("se me acabaron los creditos ya o todavia tengo?", "credits"),
    # Polite openers, "whether" after a verb of telling, a balance after the condition's own
    # verb or asked for after the comma, Portuguese reflexive "se": all still ask.
    ("s'il te plaît montre mes crédits", "credits"),
    ("if you can show my credits", "credits"),
    ("wenn möglich zeig mir meine credits", "credits"),
    ("se possível mostra meus créditos", "credits"),
    ("dis-moi, s'il me reste des crédits", "credits"),
    ("if the export fails show me my credits", "credits"),
    ("if i export now do i still have credits", "credits"),
    ("if I still have credits, how many?", "credits"),
    ("se acabaram os créditos", "credits"),
])
def test_a_balance_in_a_condition_is_supposed(text: str, action: str) -> None:
    _assert_route(text, action, None)


# From batches 163 and 164: a plan's limit and a Korean "my limit" (제 한도, not 제한), how
# credits are counted, a plan to export later in the day, a top-up asked before the next
# render, behind-the-scenes footage (花絮, whose 花 is no spending) sent later, a song handed
# over as "this one".
@pytest.mark.parametrize(("text", "files", "action", "then"), [
    ("プランの上限どこまで使ってる？", (), "credits", None),
    ("제 한도 다 썼나요", (), "credits", None),
    ("크레딧 어케 계산됨? 매달 초기화돼?", (), "chat", None),
    ("クレジット足りてる？今日あと3本書き出す予定なんだけど", (), "credits", None),
    ("動画もうできました？", (), "state", None),
    ("要先儲值才能再輸出嗎", (), "credits", None),
    ("我等一下傳我們自己拍的花絮影片過去", (), "upload", None),
    ("用这首", ("bgm.mp3",), "upload", None),
    ("用这首当背景音乐", ("bgm.mp3",), "upload", "chat"),
])
def test_limits_plans_and_songs_handed_over(text: str, files: tuple[str, ...], action: str,
                                            then: str | None) -> None:
    got = route(text, files)
    assert (got.action, got.then) == (action, then), got.detail


# From batch 167: how credits are counted asked with って; a bare "done?" in Japanese and
# Cantonese; the part fixed before (直したとこ) is no edit asked for; "I want it now" after
# an export offer; from batch 166, what others are going to love is no verdict on the video;
# from batch 170, a top-up asked before the next video (做下一支之前).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("クレジットってお金かかるの？どうやって数えるの", None, "chat"),
    ("次のやつ作るのにお金かかる？", None, "credits"),
    ("できました？", None, "state"),
    ("できました！", None, "chat"),
    ("做好未？", None, "state"),
    ("直したとこ含めて全体もう一回見せて", "edit", "state"),
    ("要！而家就要", "export-offer", "export"),
    ("而家就要", None, "chat"),
    ("thanks thats perfect, the parents are gonna love it", None, "chat"),
    ("做下一支之前需要先儲值嗎", None, "credits"),
    ("做下一支之前先把字幕改好", None, "chat"),
])
def test_done_yet_and_wanted_now(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action


# From batch 169: photos sent with a word that the faces are already blurred are only sent;
# blurring asked for is an instruction.
@pytest.mark.parametrize(("text", "then"), [
    ("图发你了 脸都打码了", None),
    ("写真送ります、顔は加工済みです", None),
    ("脸打码一下", "chat"),
])
def test_photos_already_blurred_are_only_sent(text: str, then: str | None) -> None:
    got = route(text, ["party_01.jpg"])
    assert (got.action, got.then) == ("upload", then), got.detail


# From batch 173: "有點" (a bit) no longer swallows the credits word after it ("還有點數嗎":
# are there credits left), while "有點" before another word still means "a bit"; "衝" (go
# for it) after an export offer.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("我還有點數嗎", None, "credits"),
    ("我还有点数吗", None, "credits"),
    ("畫面有點暗，調亮一點", None, "chat"),
    ("衝", "export-offer", "export"),
    ("冲吧", "export-offer", "export"),
    ("衝", None, "chat"),
])
def test_credits_after_a_bit_and_go_for_it(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action


# From batch 172: an action's word marked as the topic and put off in its clause
# ("ダウンロードは明日…やります"); a Spanish phrase typed without its accents but with its ñ
# ("enseñame"); "is it done?" asked bare in Chinese and Korean; "没问题" (no problem) is a
# verdict on what was shown, not a request for it.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("ダウンロードは明日事務所でやります", None, "chat"),
    ("다운로드는 내일 사무실 가서 할게요", None, "chat"),
    ("書き出しは今お願いします", None, "export"),
    ("enseñame las capas del proyecto x fa", None, "state"),
    ("añadele musica de fondo", None, "chat"),
    ("完成了嗎？", None, "state"),
    ("完成了吗", None, "state"),
    ("다 끝났어?", None, "state"),
    ("嗯 顺序没问题", "timeline", "chat"),
    ("没问题，导出吧", None, "export"),
])
def test_put_off_by_topic_plain_enye_and_done(text: str, after: str | None,
                                              action: str) -> None:
    assert route(text, after=after).action == action


# German separable verbs put the particle at the end of the clause: "lade das Video runter"
# asks for the download as "runterladen" does; "lade die Fotos hoch" stays an upload and a
# put-off between the two stays one.
@pytest.mark.parametrize(("text", "action"), [
    ("lade das video runter", "export"),
    ("lad mir das fertige video bitte runter", "export"),
    ("lade die fotos hoch", "upload"),
    ("ich lade es später runter", "chat"),
    ("scroll mal runter", "chat"),
])
def test_german_separable_download(text: str, action: str) -> None:
    assert route(text).action == action


# From batch 176: "hurry" after an export offer; how the whole looks now ("長怎樣"); the
# credits left counted in points ("剩多少點"); "幫我打" (type in for me) an edit, so end
# credits typed into the video are no balance; and an export whose object the Chinese "把"
# moves before its verb still opens its clause, so a credits question after it is also done.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("はやくはやく✨✨", "export-offer", "export", None),
    ("收到 那整體現在長怎樣 列一下", "edit", "state", None),
    ("片尾幫我打「特別感謝：所有粉絲」的credits", None, "chat", None),
    ("先把影片算出來給我 順便看一下我剩多少點", None, "export", "credits"),
    ("把影片給我 然後我剩多少點數", None, "export", "credits"),
])
def test_hurry_looks_points_and_the_object_marker(text: str, after: str | None, action: str,
                                                  then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batch 175: "los clips" is also an object to show; German points ("Punkte") are
# credits, not a UI element asked about; "nachzahlen" (pay extra) asks the balance; "what do
# I do now" (o que faço agora) asks for no project.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("enseñame los clips y dime cuanto saldo tengo", "state", "credits"),
    ("ich wollte fragen ob ich noch genug Punkte habe für ein Video", "credits", None),
    ("muss ich was nachzahlen bevor ich das nächste mache", "credits", None),
    ("nao sei mexer nisso direito, me explica o que faço agora", "chat", None),
    ("o que tem agora na linha do tempo", "state", None),
])
def test_clips_points_and_what_to_do_now(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 175: a thing of the project said to be fine ("顺序可以", "順番はこれでOK") after
# the timeline was shown is a verdict on it, not a request to see it; "可以了吗" asks
# whether it is ready.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("嗯 顺序可以", "timeline", "chat"),
    ("順番はこれでOK", "timeline", "chat"),
    ("成品可以了吗", None, "state"),
    ("影片可以了嗎", None, "state"),
])
def test_a_thing_said_to_be_fine(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action


# From batch 179: "いけ" (go) after an export offer; "いける" (can do) asks the balance only
# beside a word of how many more ("まだいけますか"), never alone ("どの形式いけるの" asks about
# formats); "先看" (look first) opens a request; "頂戴できますか" asks politely for the file.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("いけ🔥", "export-offer", "export", None),
    ("いけ🔥", None, "chat", None),
    ("まだいけますか", None, "credits", None),
    ("書き出しってどの形式いけるの", None, "chat", None),
    ("先看進度 再告訴我點數剩多少", None, "state", "credits"),
    ("出来上がった動画を頂戴できますか。LINEで役員の皆さんに回したいので", None, "export", None),
])
def test_go_can_do_look_first_and_may_i_have(text: str, after: str | None, action: str,
                                             then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batch 178: a German infinitive that ends its clause is a request whose object comes
# before it, so a credits question after it is also done; "where's it up to"; paying before
# the next one; what we just did; before the final render is no request for it; "enough"
# said after the balance was shown answers it ("够用，那就导出吧" exports), "够用吗" asks.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("video runterladen und sag mir wie viel guthaben ich noch hab", None, "export", "credits"),
    ("wheres it up to", None, "state", None),
    ("do i need to pay before doing the next one?", None, "credits", None),
    ("我們剛剛做了哪些 我忘了", None, "state", None),
    ("avant le rendu final je veux que la photo reste plus longtemps", None, "chat", None),
    ("combien il me reste et montre moi où en est le montage", None, "credits", "state"),
    ("够用，那就导出吧", "credits", "export", None),
    ("夠用 那就匯出吧", "credits", "export", None),
    ("积分够用吗", None, "credits", None),
    ("这次还要我另外掏钱吗，还是够用", None, "credits", None),
])
def test_infinitives_up_to_and_enough(text: str, after: str | None, action: str,
                                      then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batch 178: whether the file arrived, asked with it ("이거 잘 보내졌나요?",
# "ちゃんと送れてますか？"), only sends it.
@pytest.mark.parametrize("text", ["이거 잘 보내졌나요?", "ちゃんと送れてますか？"])
def test_whether_the_file_arrived_only_sends_it(text: str) -> None:
    got = route(text, ["photo.jpg"])
    assert (got.action, got.then) == ("upload", None), got.detail


# From batch 182: formal hand-overs ("ご査収ください", "有傳過去嗎？") only send the file;
# "is the video finished yet?" asked politely; how points are calculated is a product
# question; "就這樣做吧" accepts an export offer; whether more must be bought before the next.
@pytest.mark.parametrize(("text", "files", "after", "action", "then"), [
    ("弊社ロゴです。ご査収ください。", ("logo.png",), None, "upload", None),
    ("孫子的影片 有傳過去嗎？", ("clip.mp4",), None, "upload", None),
    ("動画はもう完成していますか？", (), None, "state", None),
    ("もう出来上がったのでしょうか？まだ作っているところですか", (), None, "state", None),
    ("想請教點數的計算方式，是每個月重置還是可以累積？", (), None, "chat", None),
    ("可以 就這樣做吧", (), "export-offer", "export", None),
    ("はい。それで、わたしの残りはどのくらいあるの？", (), "timeline", "credits", None),
    ("次の動画を作成する前に、追加購入が必要かどうか教えていただけますか。", (), None,
     "credits", None),
])
def test_formal_hand_overs_and_questions(text: str, files: tuple[str, ...], after: str | None,
                                         action: str, then: str | None) -> None:
    got = route(text, files, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# From batch 181: whether the timeline can be opened to others (開放) is a product question;
# paying for the next one before it; "is it finished?" in Japanese and Portuguese; a formal
# go-ahead ("Proceda", "proceed") after an export offer; how the balance is calculated; the
# balance as one German compound word.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("時間軸可以開放給其他審核人員看嗎？還是一定要先匯出再用email傳給他們？", None, "chat", None),
    ("次の1本は追加で支払いが必要ですか？それともまだプランの範囲内でしょうか", None, "credits",
     None),
    ("もう出来上がってますか", None, "state", None),
    ("ja ta pronto o video?", None, "state", None),
    ("Proceda, gracias.", "export-offer", "export", None),
    ("Proceda, gracias.", None, "chat", None),
    ("Comment est calculé le solde de crédits ?", None, "chat", None),
    ("Zur Kostenkontrolle bitte ich um Mitteilung unseres aktuellen Guthabenstands.", None,
     "credits", None),
])
def test_formal_requests_and_product_questions(text: str, after: str | None, action: str,
                                               then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batch 185: the Japanese genitive "の" is no word of its own before a request
# ("残りのポイント教えて。あと…" asks both); "tl" for the timeline; "完成度" (how complete).
@pytest.mark.parametrize(("text", "action", "then"), [
    ("残りのポイント教えて。あと今どこまで進んでるかも", "credits", "state"),
    ("tl確認させてください", "state", None),
    ("完成度どのくらい？あと何が残ってる？", "state", None),
])
def test_genitive_no_and_how_complete(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 184: mobile data running out (流量快没了) is no balance; what happens after the
# balance runs out (用完之後還能, ゼロになったら) is a product question; downloading at home on
# wifi is a put-off; "rendern" is an infinitive too.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("我明天再下 今天流量快没了", "chat", None),
    ("餘額用完之後還能繼續編輯嗎", "chat", None),
    ("残高がゼロになったらプロジェクト消えますか", "chat", None),
    ("집 가서 와이파이로 다운받을게요", "chat", None),
    ("bitte in 4k rendern und sag mir danach wieviel guthaben noch übrig ist", "export",
     "credits"),
])
def test_mobile_data_after_the_balance_and_at_home(text: str, action: str,
                                                   then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 186: "tmrw" is tomorrow; "go" and "sige" accept an export offer; "my" before
# the first of two requests is no word of its own ("check my credits then show me …");
# "直接" (just) neither; points left asked as "還剩幾點"; how far done in per cent.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("i'll download it tmrw at work, wifi here in casa is trash", None, "chat", None),
    ("sige go", "export-offer", "export", None),
    ("goで", "export-offer", "export", None),
    ("go", None, "chat", None),
    ("check my credits then show me where the project is at", None, "credits", "state"),
    ("直接下載最終版 順便看一下我還剩幾點", None, "export", "credits"),
    ("目前完成多少%了", None, "state", None),
])
def test_shorthand_go_and_my(text: str, after: str | None, action: str,
                             then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# A short question of the project or the balance after a clause that judges how things go is
# not overruled by the learned model's reading of the whole message as chat.
@pytest.mark.parametrize(("text", "action"), [
    ("the export is taking too long, what's the status?", "state"),
    ("the render is taking forever, how many credits do I have?", "credits"),
    ("the export is taking too long, is that normal?", "chat"),
])
def test_a_question_after_a_judgement_of_the_wait(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batch 188: "which are done" asks the project.
@pytest.mark.parametrize("text", ["剛剛那支生魚片的 完成哪些了", "完成了哪些"])
def test_which_are_done(text: str) -> None:
    assert route(text).action == "state"


# From batch 187: paying before starting the next one; "what have you done?" after being
# away, in Chinese.
@pytest.mark.parametrize(("text", "action"), [
    ("Do I need to pay before I start the second one for my friend Tom?", "credits"),
    ("我刚才出去了一会儿，你都做了哪些了", "state"),
    ("剛剛去處理一些事情，你做了哪些了", "state"),
])
def test_paying_before_the_next_and_what_you_did(text: str, action: str) -> None:
    assert route(text).action == action


# From batch 191: whether credits reset at the month's end is a product question; whether to
# wait or buy more once the quota is used up (加購) too.
@pytest.mark.parametrize("text", ["クレジットって月末でリセットされるんですか？",
                                  "如果額度用完了 是要等下個月還是可以加購"])
def test_resets_and_buying_more_are_product_questions(text: str) -> None:
    assert route(text).action == "chat"


# From batch 190: "what's done"; flower names are no spending (桃花节); paying once the points
# are used up is a product question; what someone else sent me (傳給我的) is no request for
# the file; "できあがった？" asks whether it is finished.
@pytest.mark.parametrize(("text", "files", "after", "action", "then"), [
    ("thx. whats done and whats left", (), "edit", "state", None),
    ("桃花节那个视频做到哪一步了", (), None, "state", None),
    ("點數用完就要付費嗎？還是每個月會重置", (), None, "chat", None),
    ("里長傳給我的", ("photo.jpg",), None, "upload", None),
    ("できあがった？", (), None, "state", None),
])
def test_done_flowers_and_sent_to_me(text: str, files: tuple[str, ...], after: str | None,
                                     action: str, then: str | None) -> None:
    got = route(text, files, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The texts of the video named in the plural ("los subtítulos", "the captions") beside a way
# of asking to see are the chat's to show, not the project's state. (Portuguese "me mostra as
# legendas" goes to the state, whose reply lists the captions alone: test_newcomer_replies.)
@pytest.mark.parametrize("text", ["muéstrame los subtítulos", "show me the captions",
                                  "zeig mir die Texte"])
def test_texts_of_the_video_shown_are_for_the_chat(text: str) -> None:
    assert route(text).action == "chat"


# What a review of the round's rules found: a deadline or a request ending its clause after
# the topic's time asks by then; a German noun ending in -n is no infinitive unless it opens
# its clause, and neither is a verb in a question or before "zu"; a person with a dative
# before another verb is not whom the video is shown to; an off-topic judgement does not
# shield a question.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("書き出しは明日までにお願いします", "export", None),
    ("書き出しは明日の会議で使うので今すぐお願いします", "export", None),
    ("내보내기는 내일까지 해주세요", "export", None),
    ("ダウンロードは明日事務所でやります", "chat", None),
    # A te-form inside the clause after the time keeps the verb going; one ending it asks.
    ("書き出しは明日見てから決めます", "chat", None),
    ("明日書き出してね〜♪", "export", None),
    ("Das Guthaben und der Export haben mich überzeugt", "chat", None),
    ("Geht Video exportieren und Guthaben prüfen gleichzeitig?", "chat", None),
    ("Ich finde es super, Videos exportieren und mein Guthaben sehen zu können", "chat", None),
    ("video runterladen und sag mir wie viel guthaben ich noch hab", "export", "credits"),
    ("彼に送る前に一回見せて", "state", None),
    ("my tax refund is taking too long, any update?", "chat", None),
])
def test_what_the_review_found(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 192: progress named as a thing to show (o andamento, l'avancement) before a
# second request; enough for three videos (3本分たりる). (Spanish "el progreso" as an object
# was tried: "el progreso va genial, ¿me enseñas la línea de tiempo?" then asked nothing.)
@pytest.mark.parametrize(("text", "action", "then"), [
    ("me mostra o andamento e depois manda o mp4", "state", "export"),
    ("fais voir l'avancement, et au passage mon solde de crédits", "state", "credits"),
    ("3本分たりる？", "credits", None),
])
def test_progress_shown_and_enough_for_three(text: str, action: str,
                                             then: str | None) -> None:
    _routes_to(text, action, then)


# A Chinese wait before "再" and the action puts the action off ("等打烊再下載就好"); not
# "again" alone, not a word that only holds "等", not a wait for the assistant's own edit.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("等我下班再导出", "chat", None),
    ("等老板确认了再导出吧", "chat", None),
    ("好 等下再看进度", "chat", None),
    ("再导出一次", "export", None),
    ("不用等了，再导出一次", "export", None),
    ("平等再导出", "export", None),
    ("等你改完再导出给我", "chat", "export"),
])
def test_waiting_before_then_puts_off(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From the thirty-eighth round's train misses: without a wait word, the speaker (or tonight)
# having done something first ("了") before "再" is the speaker's own plan; with no one
# named, or the assistant named, it is the edit first and then the file; "again" stays one.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("今晚收车了再下载", "chat", None),
    ("成片我下了班再下载 不急", "chat", None),
    ("我們開完會了再匯出吧", "chat", None),
    ("改好了再导出", "export", None),
    ("你帮我改好了再导出", "export", None),
    ("我改了字幕再导出一次", "chat", "export"),
])
def test_own_event_before_then_puts_off(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 194: the balance in a condition that a Chinese, Japanese or Korean ending closes
# ("…的话", "…たら", "…면") is supposed, not asked about; asking to be told still asks, and
# "아니면" ("or else") and "화면" close nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("等月底额度还有剩的话我再做个爵士舞的", "chat"),
    ("月末にクレジット余ってたらジャズダンスのも作ろうかな", "chat"),
    ("크레딧 남으면 다음달에 돌잔치 영상도 만들고 싶어요", "chat"),
    ("クレジット残ってたら教えて", "credits"),
    ("크레딧 화면 보여줘", "credits"),
    ("잔액 아직 있어요 아니면 또 결제해야 돼요?", "credits"),
])
def test_balance_in_a_closed_condition_is_supposed(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 194 and 197: an article between a request form and what it asks for, and
# "bitte" after a German infinitive, still open the first of two requests.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("zeig mir den fortschritt und wie viel guthaben ich noch hab", "state", "credits"),
    ("fais l'export et dis moi ce qu'il me reste comme crédits après", "export", "credits"),
    ("video runterladen bitte und wie viel Guthaben hab ich noch", "export", "credits"),
    ("I love how easy it is to export and check my credits", "chat", None),
])
def test_article_or_please_before_a_second_request(text: str, action: str,
                                                   then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 194: the project and the balance joined by "and" under one request in Chinese,
# Japanese and Korean are both asked for; not where the sentence asks how they relate.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("看一下進度跟剩餘額度", "state", "credits"),
    ("진행 상황이랑 남은 크레딧 보여주세요", "state", "credits"),
    ("進捗と残りのクレジットを見せてください", "state", "credits"),
    ("给我看看进度和积分", "state", "credits"),
    ("积分和进度有什么关系", "chat", None),
    ("크레딧 몇 개 남았는지랑 지금 진행상황 알려주세요", "credits", "state"),
    # "一回" (once) before the first request is a softener, not a word of its own.
    ("一回シーン全部見せて、そのあと書き出しで", "state", "export"),
])
def test_two_objects_of_one_request(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 194 and 197: "vire le …" (French slang for remove) is an edit before the
# file; a share done asked in per cent is the project's progress.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("vire le dernier plan et envoie moi le mp4 final", "chat", "export"),
    ("完成幾%了", "state", None),
    ("做到几%了？", "state", None),
])
def test_slang_removal_and_per_cent_done(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 198 and 199: a Japanese word that holds the Chinese "花" (spend) is no price
# ("花粉症"); "after work, then" puts the download off; progress asked in per cent or as
# "cómo va" beside a balance question; whether the current allowance ("枠") is enough.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("花粉症の動画どこまでできてる？", "state", None),
    ("我下班再下載 現在在忙", "chat", None),
    ("cuánto me queda de cuota? y enséñame cómo va lo de la vendimia", "credits", "state"),
    ("c'est avancé à combien de pourcent ?", "state", None),
    ("いまの枠で足りてますか？", "credits", None),
    ("这个花了多少积分", "chat", None),
])
def test_hay_fever_after_work_and_allowance(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 201: a time word that opens a clause saying what happens then ("明天要報告")
# puts nothing off; whether the free quota refreshes each month asks how things work.
@pytest.mark.parametrize(("text", "action"), [
    ("幫我匯出最終版 明天要報告", "export"),
    ("导出吧，明天要用", "export"),
    ("导出吧，明天", "chat"),
    ("免费额度是每个月刷新吗", "chat"),
])
def test_what_happens_then_and_quota_refresh(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batch 203 (Cantonese and Taiwanese Chinese): how many more videos ("仲做到幾多條"),
# how far the progress is ("進度到哪了"); paying for top-ups with a given method is a
# question of how things work.
@pytest.mark.parametrize(("text", "action"), [
    ("仲做到幾多條片？", "credits"),
    ("進度到哪了", "state"),
    ("儲值可以用信用卡嗎", "chat"),
])
def test_cantonese_quota_and_progress(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batch 202: a Chinese clause opening with "把" asks with its verb before a second
# request; the remaining balance typed as "剩余额度"; progress ("l'avancement") as a thing to
# show in French; what the user has done so far asked in French.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("把正畸科普那条导出来，顺便告诉我还剩多少额度", "export", "credits"),
    ("查一下剩余额度，再看看洗牙那个视频做到哪了", "credits", "state"),
    ("c'est quoi mon solde ? et montre-moi aussi l'avancement de la vidéo", "credits", "state"),
    ("on a fait quoi jusqu'ici exactement ?", "state", None),
    ("l'avancement est super", "chat", None),
])
def test_moved_object_and_progress_shown(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 202: a balance supposed in a condition is not brought back by the learned
# fallback beside an edit verb ("… mach ich noch eins"); "the order is right" after the
# timeline was shown is a verdict of the order, no request to see it.
def test_the_order_is_right_after_the_timeline() -> None:
    assert route("ok 順序對了", after="timeline").action == "chat"


def test_a_supposed_balance_stays_supposed_beside_an_edit() -> None:
    got = route("falls am Monatsende noch Guthaben übrig ist mach ich noch eins vom "
                "Weihnachtsblasen")
    assert got.action == "chat", got.detail


# From batches 205–207: topping up before the next one asked in Chinese ("要先充钱不"),
# "做完没", the editing progress ("剪輯進度") beside a balance question, "kurzer Überblick
# was schon gemacht ist"; a sale video ("할인 영상") is no price; "よろ" and "los geht's"
# accept an export offer; "これでおけ" judges what was shown.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("做下一个之前要先充钱不", None, "credits", None),
    ("做完没", None, "state", None),
    ("先給我看目前的剪輯進度，再跟我說剩幾點", None, "state", "credits"),
    ("kurzer Überblick was schon gemacht ist, hab nur ne Minute", None, "state", None),
    ("할인 영상 어디까지 됨?", None, "state", None),
    ("クレジット切れたら作ったやつ消えちゃう？", None, "chat", None),
    ("よろ", "export-offer", "export", None),
    ("los geht's 👍", "export-offer", "export", None),
    ("順番これでおけ", "timeline", "chat", None),
])
def test_top_up_progress_and_short_yeses(text: str, after: str | None, action: str,
                                         then: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batches 197 and 205: a Chinese edit verb closed by "之前" into a time clause says when,
# it asks for nothing: the question after it is the request ("做下一条之前要不要先充值").
@pytest.mark.parametrize(("text", "action"), [
    ("做下一条之前要不要先充值啊", "credits"),
    ("下一个视频做之前需要先付费吗", "credits"),
    ("导出之前帮我把字幕改一下", "chat"),
])
def test_an_edit_closed_by_before_says_when(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 194 and 199: what a feature can do asked with "できるの？" or "何が見れる" is a
# question of how the product works.
@pytest.mark.parametrize("text", ["エクスポートってmp4以外もできるの？",
                                  "タイムラインって何が見れるんですか？使ったことなくて"])
def test_what_a_feature_can_do_in_japanese(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


# From batch 209: "Projektübersicht" and "em quantos por cento" ask for the project.
@pytest.mark.parametrize("text", ["Projektübersicht Gefahrenbremsung bitte",
                                  "e aí, tá em quantos por cento?"])
def test_overview_and_per_cent_in_german_and_portuguese(text: str) -> None:
    assert route(text).action == "state", route(text).detail


# Two requests in Chinese whose first is asked with "幫我看" or ends in a question particle
# typed without a question mark; in Korean, the balance and a named video's progress.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("幫我看還剩幾點 然後直接輸出mp4", "credits", "export"),
    ("還有額度嗎 另外目前進度到哪給我看", "credits", "state"),
    ("남은 크레딧이랑 중성화 영상 진행상황 알려주세요", "credits", "state"),
    # A Chinese verb softened at its clause's end ("匯出一下") asks, its object before it.
    ("直式版本匯出一下，另外我點數還剩多少？", "export", "credits"),
])
def test_first_of_two_asked_by_look_or_particle(text: str, action: str,
                                                then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 211: "作る前に" closes a Japanese time clause; the balance question after it asks.
def test_japanese_before_clause_and_top_up() -> None:
    assert route("次の動画作る前にチャージって必要ですか？").action == "credits"


# From batch 210: an explainer video ("讲解视频") is no question of how things work; "me da
# para otro", "por donde vamos", "à combien de %"; "jawoll" accepts an export offer.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("API讲解视频进度咋样 完成了吗还是还在跑", None, "state"),
    ("me da para otro video o tengo q pagar?", None, "credits"),
    ("por donde vamos", None, "state"),
    ("t'en es a combien de % sur le traitement", None, "state"),
    ("jawoll los gehts", "export-offer", "export"),
])
def test_explainer_video_and_casual_questions(text: str, after: str | None,
                                              action: str) -> None:
    assert route(text, after=after).action == action


# From batches 210 and 211: "消しといて" is an edit; "それまでは保留で" puts the export off.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("タイムラインの3番目のクリップ消しといて", "chat", None),
    ("クライアントOK出たら書き出すんで、それまでは保留で", "chat", None),
])
def test_delete_for_me_and_on_hold(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 213: German puts the verb or its noun first and the will after it, with a time
# to come ("runterladen tu ich das morgen früh"): the user's own plan; "nach vorne ziehen"
# is an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("runterladen tu ich das morgen früh, bin grad noch auf der hochzeit", "chat"),
    ("ok den download mach ich heut abend, muss jetzt los", "chat"),
    ("runterladen bitte, ich schau es mir morgen an", "export"),
    ("in der timeline den clip vom sektempfang nach vorne ziehen", "chat"),
])
def test_german_verb_first_plan_and_dragging(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 190 and 213: where a named video "is at" asks for its progress; the idiom
# "that's where it's at" asks nothing.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("check my remaining quota and show me where the glute vid is at", "credits", "state"),
    ("that's where it's at, love it", "chat", None),
    # The feminine question word ("cuánta cuota") asks as "cuánto" does.
    ("cuánta cuota me queda y cómo va el proyecto", "credits", "state"),
])
def test_where_the_video_is_at(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 215: a polite Japanese "because" closes the user's own doing into a reason; the
# request before it stands.
def test_japanese_reason_of_ones_own() -> None:
    got = route("クレジット残量を教えてください。"
                "局長への報告資料に載せますので正確な数字でお願いします")
    assert got.action == "credits", got.detail


# From batch 214: what is done and what is missing, "다 끝났나요"; credits that reset next
# month are a plan, no question of the balance.
@pytest.mark.parametrize(("text", "action"), [
    ("已經做了哪些、還差什麼？", "state"),
    ("다 끝났나요??", "state"),
    ("next month when our credits reset we want to do a whole kitten series!!", "chat"),
])
def test_done_and_missing_and_credits_reset(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batch 215: "決裁" (approval) holds no Chinese "裁" (cut); "…することになると思います"
# tells what will happen, it asks nothing now; "場景安排" is a thing of the project to show.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("明日の朝、部長の決裁が下りましたらエクスポートをお願いすることになると思います", "chat",
     None),
    ("部長の決裁が下りたので書き出してください", "export", None),
    ("先讓我看一下目前的場景安排，然後把成品匯出給我", "state", "export"),
])
def test_approval_is_no_cut_and_scene_arrangement(text: str, action: str,
                                                  then: str | None) -> None:
    _routes_to(text, action, then)


# A one-character Chinese word inside a Japanese kanji compound is part of the Japanese word
# ("改" in "改善点", "加" in "参加者"): no edit verb there.
@pytest.mark.parametrize("text", ["改善点のまとめ動画、書き出しお願いします",
                                  "参加者の動画を書き出してください"])
def test_chinese_character_inside_a_japanese_word(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("export", None), got.detail


# What a review of this round's rules found: "之前的…" names the previous thing, no time
# clause; "的话" right after the balance marks the topic; "一下下"; several request words
# before "把"; a comma after a German verb put first; "等" listing ("and so on"); a relation
# asked between the balance and the project; an article after a mere filler ("bueno").
@pytest.mark.parametrize(("text", "action", "then"), [
    ("改回之前的配乐然后导出给我", "chat", "export"),
    ("积分的话现在还有多少？", "credits", None),
    ("直式版本匯出一下下，另外還剩多少額度", "export", "credits"),
    ("帮我先把正畸那条导出来，顺便告诉我还剩多少额度", "export", "credits"),
    ("Runterladen, tu ich das morgen früh", "chat", None),
    ("调整字幕颜色等细节再导出", "chat", "export"),
    ("积分和进度之间的关系告诉我", "chat", None),
    ("bueno el progreso y exporta el video", "chat", None),
])
def test_what_the_rounds_review_found(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 218: the honorific "完成しております" asks whether the video is finished.
def test_honorific_finished_question() -> None:
    assert route("もう完成しておりますの？").action == "state"


# From batch 217: "next Monday, then" puts the download off; "Restkontingent" is the balance;
# "はい今すぐ" and "넵 지금 바로요" accept an export offer.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("我禮拜一再下載就好，這週末店裡忙翻了", None, "chat"),
    ("restkontingent diesen monat?", None, "credits"),
    ("はい今すぐ", "export-offer", "export"),
    ("넵 지금 바로요!", "export-offer", "export"),
])
def test_monday_then_and_quota_left(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action


# From batches 213 and 214: whether credits recharge each month, or are counted per video or
# per second, asks how credits work, not the balance.
@pytest.mark.parametrize("text", ["les crédits ils se rechargent tous les mois ou pas ?",
                                  "點數是用一支影片算還是用秒數算？"])
def test_how_credits_recharge_or_count(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


# From batches 197 and 206: invoices, billing by department and the packages on offer are
# questions of how paying works, not of the balance.
@pytest.mark.parametrize("text", ["买积分能开增值税发票吗，要走政府采购流程的",
                                  "クレジットの請求は部署単位になりますか？",
                                  "充值的话有哪些套餐啊 说来听听"])
def test_invoices_billing_and_packages(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


# From batch 163: whether the file can go straight to Instagram after the export asks how
# things work; "export, then upload it to my IG" still asks for the export.
@pytest.mark.parametrize(("text", "action"), [
    ("匯出之後可以直接上傳ig嗎", "chat"),
    ("匯出之後直接上傳到我的ig", "export"),
])
def test_straight_to_instagram_after_export(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 185, 188, 199 and 201: a Japanese condition ("OK出たら", "終わったら") before
# the action in the speaker's own will is a plan for when it holds; a request after one
# ("直したら…見せてください"), and a polite "if you would" ("くれたら"), still ask.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("店長のOK出たら書き出すね〜", "chat", None),
    ("明日シフト入ったらダウンロードするわ", "chat", None),
    ("ゼミ終わったらエクスポートするんで今日はこのままで", "chat", None),
    ("仕事終わったらダウンロードする", "chat", None),  # the plain form is a will too
    ("直したらタイムライン見せてください", "state", None),
    ("これで決まり ファイルくれたらスマホに保存する", "export", None),
    ("店長のOK出たので書き出して", "export", None),
])
def test_japanese_condition_then_own_will(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 82, 184, 209, 211 and 222: where the message opens on another time or a
# condition, the action in a clause joined on after it is a plan or a story, so the chat
# the model reads is not followed by it; after an edit it still follows.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("下周一院长确认之后我再下载成片，不着急", "chat", None),
    ("la derniere fois le rendu a planté et j'ai perdu 2 credits 😤", "chat", None),
    ("wenn das wetter morgen passt flieg ich nochmal und dann exportieren wir alles zusammen",
     "chat", None),
    ("如果校長禮拜五核准的話 我再請你算圖", "chat", None),
    ("textfarbe auf weiß und dann direkt das fertige mp4 rausschicken", "chat", "export"),
    ("把tea拼錯的地方改好 然後直接給我mp4", "chat", "export"),
])
def test_no_action_after_a_plan_or_a_story(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 213, 221 and 222: "when" or "if" opening the sentence, then the action in the
# speaker's own will, is a plan; a request after "when" still asks.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("cuando tenga las fotos nuevas de los bolsos te las subo, hoy no me da la vida",
     "chat", None),
    ("si le MOA valide lundi on exporte la version finale", "chat", None),
    ("once it's approved i'll download it", "chat", None),
    ("when its done send it to me", "export", None),
    ("ok on exporte", "export", None),
])
def test_when_or_if_then_own_will(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 185, 192, 201, 203, 211 and 228: in Chinese and Japanese, an edit, a pause and
# a connector, then a request to see the project, is one instruction for the chat (the brief
# the writers had: "an edit together with a request to see the project is plain chat"); the
# request alone, or asked as a question after a change, still sees the project.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("把片头缩短到5秒，然后给我看一下所有场景", "chat", None),
    ("イントロ短くして、そのあとシーン一覧見せて", "chat", None),
    ("片頭那段剪短一點，順便讓我看一下現在的時間軸", "chat", None),
    ("给我看一下所有场景", "state", None),
    ("谢谢！改完之后能再给我看下整个时间线吗", "state", None),
])
def test_edit_then_show_the_project_is_chat(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 225, 228, 229 and 232: the speaker's own will with a time to come, in words
# the tables lacked (French future "exporterai", German "lad's", "when im off", "depois do
# atendimento"), is a plan; without the time it still asks.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("je l'exporterai ce soir, là je dois filer à l'atelier", "chat", None),
    ("ich lad's morgen früh runter, jetzt kommt der nächste Patient", "chat", None),
    ("vou baixar depois do atendimento", "chat", None),
    ("ill grab the final file monday when im off shift", "chat", None),
    ("gonna grab the download sunday night after the event, no rush", "chat", None),
    ("manda o vídeo final agora", "export", None),
])
def test_own_will_with_a_time_to_come(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batch 228: a Korean frame whose time stands between its object and its form is put
# off as a verb with the time before it is; "지금" (now) asks.
@pytest.mark.parametrize(("text", "action"), [
    ("완성본은 내일 비번 날 받을게요", "chat"),
    ("완성본 지금 받을게요", "export"),
])
def test_korean_frame_with_its_time_inside(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 220 and 226: an action between a Chinese wait word and "再" is what is waited
# for ("wait till my balance arrives, then make the next one"), not asked for.
@pytest.mark.parametrize(("text", "action"), [
    ("等我余额到账了再做下一个 先把这个改好", "chat"),
    ("等我月底點數補滿再做第二支", "chat"),
    ("帮我查一下余额", "credits"),
])
def test_what_is_waited_for_is_not_asked(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 238 and 241: the balance put first and the speaker's own top-up after it, with
# a time to come, is a plan ("el saldo lo recargo el mes q viene").
@pytest.mark.parametrize(("text", "action"), [
    ("el saldo lo recargo el mes q viene cuando cobre", "chat"),
    ("guthaben lad ich nächsten monat auf", "chat"),
    ("ill download it after shift, bout 7am", "chat"),
    ("cuánto saldo me queda?", "credits"),
])
def test_top_up_later(text: str, action: str) -> None:
    _routes_to(text, action, None)


# Found in a review of the round's rules: what each new rule must leave alone.
@pytest.mark.parametrize(("text", "action", "then"), [
    # "si," is "yes"; "once again" opens no time clause.
    ("si, te subo las fotos", "upload", None),
    ("once again thanks so much for the help, i'll download it now", "export", None),
    # たら inside another word, or "then" (そしたら), is no condition.
    ("そしたらダウンロードします", "export", None),
    # Korean: a request, or "so that I can check", is no plan of the speaker's own; nor is
    # "now" after a time inside a frame.
    ("잔액 좀 보여줘 내가 확인하게", "credits", None),
    ("타임라인 보여주세요 제가 한번 볼게요", "state", None),
    ("완성본은 내일 발표에 쓸 거라서 지금 받을게요", "export", None),
    # A "now" at the end of a question of how, or of a story, is no request.
    ("after the latest update I'm totally confused about which button I should press to "
     "export now", "chat", None),
    ("seit dem letzten Update finde ich den Knopf nicht mehr, wo muss ich klicken um zu "
     "exportieren jetzt", "chat", None),
    # A condition or a time word that governs an edit still lets the export follow it.
    ("if the music is too loud turn it down a bit and then export it", "chat", "export"),
    ("mets la date de demain sur le titre et ensuite exporte la vidéo", "chat", "export"),
    # "Hold on" and "first … then" wait for nothing.
    ("等等先查一下余额再说", "credits", None),
    ("等等我先看下进度再说", "state", None),
])
def test_what_the_rounds_rules_leave_alone(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 228 and 236: what the timeline is for, asked as what it is, is a question of
# how things work; asking to see it still sees it.
@pytest.mark.parametrize(("text", "action"), [
    ("时间线是啥玩意儿 我咋找不着", "chat"),
    ("时间线那个是干嘛用的", "chat"),
    ("タイムラインって何ですか", "chat"),
    ("给我看一下时间线", "state"),
])
def test_what_the_timeline_is(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batch 246: "les clips", "die clips", "os clipes" are also the things a user may send,
# and that longer phrase hid the object "clips" from the request to see them.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("montre moi les clips puis exporte", "state", "export"),
    ("zeig mir die clips", "state", None),
    ("mostra os clipes e quanto credito tenho", "state", "credits"),
    ("show me my clips", "state", None),
    ("je t'envoie les clips demain", "chat", None),
])
def test_the_clips_are_an_object_to_see(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 221 and 244: whether to pay before making the next one asks the balance,
# with the making verb inside the question.
@pytest.mark.parametrize("text", [
    "faut que je paye avant de faire la prochaine ?",
    "do i need to pay before making the next one",
    "Do I need to pay anything before I make the next one?",
])
def test_paying_before_the_next_one(text: str) -> None:
    _routes_to(text, "credits", None)


# From batches 244 and 246: asking whether a bigger plan exists or how big a file may be, a
# plan of ours ("we will"), and German doubt about what the timeline shows.
@pytest.mark.parametrize(("text", "action"), [
    ("vcs têm plano com mais créditos? quanto custa?", "chat"),
    ("whats the biggest clip i can upload, the cctv footage is long", "chat"),
    ("We will render the final version after the viewing on Thursday, no need to rush.",
     "chat"),
    ("was zeigt mir die timeline eigentlich an, check ich nich", "chat"),
    ("render the final version now please", "export"),
])
def test_plans_sizes_and_what_is_in_the_video(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 220, 228 and 244: whether credits refill each month asks how paying works.
@pytest.mark.parametrize(("text", "action"), [
    ("크레딧은 매달 충전되는 건가요?", "chat"),
    ("크레딧은 한 달마다 초기화되는 건가요", "chat"),
    ("크레딧 얼마나 남았어요?", "credits"),
])
def test_how_credits_refill_and_cost(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 230 and 242: "a linha do tempo mostra as legendas?" asks what the timeline
# shows ("mostra", "montre", "muestra" with the timeline as its subject); asking it to be
# shown still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("a linha do tempo mostra as legendas tambem ou so os clipes?", "chat"),
    ("la timeline elle montre aussi les sous-titres ou pas", "chat"),
    ("la línea de tiempo muestra los subtítulos?", "chat"),
    ("linha do tempo mostra pra mim", "state"),
    ("la timeline montre moi stp", "state"),
    ("mostra a linha do tempo", "state"),
])
def test_what_the_timeline_shows(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 118 and 236: "時間軸是什麼", "タイムラインって何", "타임라인이 뭐예요" ask
# what the thing is; what is on it is still asked for.
@pytest.mark.parametrize(("text", "action"), [
    ("時間軸是什麼", "chat"),
    ("時間軸是啥 我看不懂欸", "chat"),
    ("タイムラインって何", "chat"),
    ("타임라인이 뭐예요?", "chat"),
    ("时间轴上是什么", "state"),
    ("现在时间轴是什么样子", "state"),
    ("タイムラインって何が入ってる？", "state"),
    ("타임라인에 뭐가 있어?", "state"),
])
def test_what_the_timeline_is_named(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 225-240: how many files or megabytes an upload may hold, or whether a phone
# can upload, asks how uploading works; nothing is sent.
@pytest.mark.parametrize(("text", "action"), [
    ("アップロードできるのって何MBまで？", "chat"),
    ("업로드는 파일 몇개까지 돼?", "chat"),
    ("업로드는 폰으로도 되나요", "chat"),
    ("上傳照片一次最多可以幾張", "chat"),
    ("can u render 9:16 for reels? asking before i start the halloween one", "chat"),
    ("사진 업로드할게요", "upload"),
])
def test_upload_limits_are_questions(text: str, action: str) -> None:
    _routes_to(text, action, None)


# From batches 56, 138 and 226: after an edit, "that's the one" / "genau so" / "딱 이거야" is
# praise for the edit, not a request for the file; asking for it still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("perfect, that's the one", "chat"),
    ("Genau so hab ich mir das vorgestellt, danke dir!", "chat"),
    ("오 좋다 딱 이거야", "chat"),
    ("perfect, send it", "export"),
])
def test_praise_after_an_edit(text: str, action: str) -> None:
    _routes_to(text, action, None, after="edit")


# From batches 248 and 250: the user's own plan after something else is done ("after i open
# the shop", "가게 문 열고 할게요"), a condition on the balance ("quando eu recarregar"), what
# the timeline is for, a verdict on the order shown, and thanks for an edit before a question.
@pytest.mark.parametrize(("text", "action", "then", "after"), [
    ("ill download it after i open the shop, no rush", "chat", None, None),
    ("다운로드는 가게 문 열고 할게요", "chat", None, None),
    ("quando eu recarregar os créditos faço o vídeo da criançada", "chat", None, None),
    ("a timeline serve pra que exatamente?", "chat", None, None),
    ("順番はこれで大丈夫です", "chat", None, "timeline"),
    ("수정 고마워요 근데 잔액 얼마예요", "credits", None, "edit"),
    ("download it now please", "export", None, None),
])
def test_plans_conditions_and_verdicts_from_batches_248_and_250(
        text: str, action: str, then: str | None, after: str | None) -> None:
    _routes_to(text, action, then, after=after)


# A reviewer's messages against this round's words: each word reads only where it says what
# it was added for, not inside a request ("after i moved the clips", "보고 할게요", "書き出し
# OKです", "the largest file", "폰으로도 보내줘", "第三个片段是什么").
@pytest.mark.parametrize(("text", "action", "then", "after"), [
    ("what's in the timeline after i moved the clips?", "state", None, None),
    ("show me the project after we changed the music", "state", None, None),
    ("최종본 보내 주세요 보고 할게요", "export", None, None),
    ("書き出しOKです", "export", None, "export-offer"),
    ("quando eu recebo o vídeo final? manda logo por favor", "export", None, None),
    ("how many credits do i have or should i upgrade to a plan with more", "credits", None,
     None),
    ("Combien de crédits il me reste avant de passer au forfait plus cher ?", "credits", None,
     None),
    ("남은 크레딧 알려주세요 매달 충전되는 거죠", "credits", None, None),
    ("Send me the largest file you can, highest quality", "export", None, None),
    ("최종 영상 폰으로도 보내줘", "export", None, None),
    ("第三个片段是什么？", "state", None, None),
    ("时间轴是什么样的？", "state", None, "timeline"),
    ("クレジット残高は今は大丈夫ですか", "credits", None, None),
    ("プロジェクトに入っている動画を書き出してください", "export", None, None),
    ("did you get my clips?", "chat", None, None),
    ("donne moi des idées pour ma prochaine vidéo", "chat", None, None),
])
def test_the_rounds_words_leave_requests_alone(text: str, action: str, then: str | None,
                                               after: str | None) -> None:
    _routes_to(text, action, then, after=after)


# From batch 252: a question for the project, then one for the balance, asks both; only a
# request for the file is conditioned by the question before it ("is it done? if so, send
# it").
@pytest.mark.parametrize(("text", "action", "then"), [
    ("como va el proyecto? y de paso cuanto credito tengo", "state", "credits"),
    ("on en est où sur le projet ? et il me reste combien de crédits", "state", "credits"),
    ("可以給我看目前的進度嗎？也想知道我還剩多少點數", "state", "credits"),
    ("is it done? if so, send it", "export", None),
])
def test_a_question_for_the_project_then_the_balance(text: str, action: str,
                                                     then: str | None) -> None:
    _routes_to(text, action, then)


# From batches 253 and 254: "apaga" is an edit, "finie ou pas" and "falta muito pra ficar
# pronto" ask for progress, whether payment is needed first asks the balance, paying by
# PayPal asks how paying works, and an English "slide" is no French "solde" mistyped.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("apaga a cena do pedágio e me mostra a timeline depois", "chat", None),
    ("apaga tudo e me manda o vídeo final", "chat", "export"),
    ("elle est finie ou pas encore", "state", None),
    ("falta muito pra ficar pronto? ⏳", "state", None),
    ("ワークショップ版も作りたいんですが、その前に支払いって必要になりますか", "credits", None),
    ("si jamais j'ai plus de crédits je peux payer par paypal?", "chat", None),
])
def test_edits_progress_and_paying_from_batches_253_and_254(text: str, action: str,
                                                            then: str | None) -> None:
    _routes_to(text, action, then)


def test_an_english_slide_is_no_french_balance() -> None:
    got = route("headshot for the author slide", ["maria_headshot.jpg"])
    assert (got.action, got.then) == ("upload", None), got.detail


# From the thirty-eighth round's train misses: how many credits one render or one video
# takes is a price question; how many the user has left still asks the balance.
@pytest.mark.parametrize(("text", "action"), [
    ("c'est combien de crédits un rendu en 4k ? plus cher qu'en 1080p ?", "chat"),
    ("how many credits is a 4k render?", "chat"),
    ("cuántos créditos es un video de 1 minuto", "chat"),
    ("1本って何クレジット", "chat"),
    ("combien de crédits il me reste", "credits"),
    ("how many credits do i have for a second video", "credits"),
])
def test_credits_for_one_render_is_a_price(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From the thirty-eighth round's train misses: the timeline named with an approval after it
# ("OK", "괜찮네요", even where that word also ends a clause) is a judgement of it, no request
# to see it again; named alone it still asks.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("타임라인 괜찮네요", "timeline", "chat"),
    ("順序OK 謝謝", "timeline", "chat"),
    ("timeline ok", "timeline", "chat"),
    ("타임라인 보여줘", None, "state"),
    ("timeline pls", None, "state"),
])
def test_the_timeline_approved_is_no_request(text: str, after: str | None,
                                             action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# From the thirty-eighth round's train misses: praise of the timeline just shown asks for no
# file, whatever the learned model reads into it; a request after it still does.
@pytest.mark.parametrize(("text", "action"), [
    ("me encanta así 😍", "chat"),
    ("perfecto así, me encanta el orden", "chat"),
    ("おけ、並び順はこれでいいです", "chat"),
    ("perfecto, mándamelo", "export"),
    ("looks great, send it over", "export"),
])
def test_praise_of_the_timeline_asks_no_file(text: str, action: str) -> None:
    assert route(text, after="timeline").action == action, route(text, after="timeline").detail


# From the thirty-eighth round's train misses: a Japanese or Korean edit verb joined on ("て",
# "고") and then, after a pause or a plain "and", a request to see the project: both go to
# the chat, as with a connector; a request to see alone still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("BGMの音量下げて、あとタイムライン見せて", "chat"),
    ("文字を白にして、タイムラインも見せて", "chat"),
    ("인트로에 팀 로고 애니메이션 넣고 지금 타임라인 보여줘", "chat"),
    ("タイムライン見せて", "state"),
    ("지금 타임라인 보여줘", "state"),
])
def test_an_edit_joined_to_a_look_at_the_project(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batch 258: in a file's caption, a Chinese edit verb right before "的" describes the
# file (made by, newly changed, used for); an edit asked for in the caption still goes on.
@pytest.mark.parametrize(("text", "then"), [
    ("我们定线员自己做的beat哈哈哈", None),
    ("新換的屋簷區路線", None),
    ("我们自己做的beat，放在片头", "chat"),
])
def test_a_described_file_asks_no_edit(text: str, then: str | None) -> None:
    got = route(text, ["beat.mp3"])
    assert (got.action, got.then) == ("upload", then), got.detail


# From batch 257: the balance and the project joined by "and" in Japanese and Korean, with the
# request inside the second's frame or "both"/"together" before it, ask for both; asking
# how the two relate still asks neither.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("残りクレジットとタイムライン見せて", "credits", "state"),
    ("残りクレジットとタイムライン両方見せて", "credits", "state"),
    ("크레딧 남은거랑 타임라인 같이 보여줘", "credits", "state"),
    ("积分和进度有什么关系", "chat", None),
])
def test_balance_and_project_joined_in_one_request(text: str, action: str,
                                                   then: str | None) -> None:
    _routes_to(text, action, then)


# From the train parts of batches 256-258: paying first before the next one asks the
# balance; someone else taking
# care of the top-ups, and "I'll tell you about the export" after an appointment, ask
# nothing; "cuánto te falta" asks for progress.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("下一条之前是不是得先充钱", "credits", None),
    ("unser Kassenwart Herr Brandt kümmert sich ums Aufladen, ich geb ihm Bescheid", "chat",
     None),
    ("après le rdv chez le client je te dis pour l'export", "chat", None),
    ("como va eso, cuanto te falta", "state", None),
    ("c'est quoi le prix d'une recharge de crédits, juste pour savoir", "chat", None),
])
def test_requests_and_asides_from_batches_256_to_258(text: str, action: str,
                                                     then: str | None) -> None:
    _routes_to(text, action, then)


# The thirty-eighth round's review: the words and rules of the round leave these alone. An
# approval of the file accepts it; "already" makes "…了再…" a request now; the assistant
# asked to take care of it, "por favor", "par contre" and "for a new video" in a balance
# question, a now after a time, a look already had, the user's own top-up to come, "the one
# to be replaced", "X 빼고" (except X), a file named after the timeline was shown.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("MP4 okay, go ahead", "export-offer", "export"),
    ("成品ok", "export-offer", "export"),
    ("최종본 mp4 괜찮습니다", "export-offer", "export"),
    ("我已经改好了再导出吧", None, "export"),
    ("咱都定稿了再导出吧", None, "export"),
    ("我这边网络好了再把成片发我一份", None, "export"),
    ("cuida da exportação pra mim, por favor", None, "export"),
    ("por favor, se encarga de exportarlo en mp4", None, "export"),
    ("on s'occupe de l'export maintenant ?", None, "export"),
    ("meinst du, ich kann das so rausgeben?", None, "chat"),
    ("Mon compteur de vitesse doit être visible en gros plan", None, "chat"),
    ("how much I have left to trim? the video should be 60s", None, "chat"),
    ("quantos créditos por favor?", None, "credits"),
    ("combien de crédits par contre il me reste ?", None, "credits"),
    ("how many credits for a new video do I still have left?", None, "credits"),
    ("明日の朝イチで使うから、今ダウンロードする", None, "export"),
    ("时间线我已经看一次了 没问题 导出吧", None, "export"),
    ("看来我得先充钱了 哈哈", None, "chat"),
    ("인트로 빼고 장면 목록 보여줘", None, "state"),
    ("good to go, final mp4 in 1080p for the client", "timeline", "export"),
    ("크레딧 결제한 남편이랑 타임라인 같이 볼래요", None, "chat"),
])
def test_the_thirty_eighth_rounds_words_leave_requests_alone(
        text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


def test_a_file_to_be_replaced_is_an_edit() -> None:
    got = route("要替换的logo 在这", ["logo.png"])
    assert (got.action, got.then) == ("upload", "chat"), got.detail


# The thirty-eighth round's second review: a storyboard is a thing to make, not the project
# to see ("帮我出个分镜"); "my" is no speaker's plan ("我的名字改好了再导出" asks for the file
# once the name is fixed); Cantonese "tomorrow" in a question of a deadline puts nothing off.
@pytest.mark.parametrize(("text", "action"), [
    ("帮我出个分镜", "chat"),
    ("我把分镜发给客户了", "chat"),
    ("我的名字改好了再导出", "export"),
    ("聽日幾點交片？", "chat"),
])
def test_the_second_reviews_messages(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Someone else will fetch the file (the thirty-ninth round): a third person's future before
# the verb, or a person named as its subject in Chinese, Japanese or Korean with their future
# or hearsay, asks nothing of us; the same verbs asked of us, or for the user, still ask.
@pytest.mark.parametrize(("text", "action"), [
    ("my boss will download it", "chat"),
    ("Sarah's gonna download the video and post it", "chat"),
    ("lo va a descargar el Nacho y subirlo a insta", "chat"),
    ("o Léo vai baixar e postar no grupo", "chat"),
    ("c'est Mathieu qui va récupérer la vidéo", "chat"),
    ("der Chef wird es morgen runterladen", "chat"),
    ("我儿子晚上会下载下来帮我发朋友圈", "chat"),
    ("娘が夜にダウンロードしてインスタに載せてくれるそうです", "chat"),
    ("딸이 저녁에 다운받아서 인스타에 올려준대요", "chat"),
    ("will you download it for me?", "export"),
    ("I'll download it now", "export"),
    ("ich will das Video jetzt runterladen", "export"),
    ("passt so, will das Video runterladen", "export"),
    ("vai, manda o vídeo", "export"),
    ("tu vas me l'envoyer ?", "export"),
    ("send it to my boss", "export"),
    ("the client will love it, export it", "export"),
    ("上司に送ってください", "export"),
    ("팀장님이 보시고 괜찮으면 보내주세요", "export"),
])
def test_someone_elses_download_is_no_request(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# How far the render has got, with the render named as a thing, is the project's progress
# (the thirty-ninth round); a request in the message, or a word of size after "at", still asks
# for the file.
@pytest.mark.parametrize(("text", "action"), [
    ("l'export avance ?", "state"),
    ("where's the render at", "state"),
    ("como tá a renderização?", "state"),
    ("レンダリングどこまで進んだ？", "state"),
    ("render到幾多%喇", "state"),
    ("what percent of the export is done", "state"),
    ("can you render it at 1080p", "export"),
    ("render it now", "export"),
    ("pásamelo así como está", "export"),
])
def test_the_progress_of_a_render_is_the_project_state(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# How far the project has got, asked before the file with a connector between, is asked for
# itself: both are done (the thirty-ninth round). "Is it done?" before the file is still its
# condition.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("dime cómo va y después pásame el mp4", "state", "export"),
    ("como tá? e depois me manda o arquivo", "state", "export"),
    ("wie weit ist es? und dann gleich die Datei schicken", "state", "export"),
    ("show me where it's at and then render the final file", "state", "export"),
    ("is it done? then send it", "export", None),
])
def test_progress_asked_before_the_file_is_shown_first(text: str, action: str,
                                                       then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# The thirty-ninth round's words: an elided French condition ("s'il me reste…") supposes the
# balance; "wie steht's ums Video" asks for the project, "how are we for credits" the balance.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("s'il me reste assez de crédits on fera une version longue", None, "chat"),
    ("dis-moi s'il me reste des crédits", None, "credits"),
    ("und wie steht's ums Video?", "credits", "state"),
    ("and how are we for credits?", "timeline", "credits"),
])
def test_the_thirty_ninth_rounds_words(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# The thirty-ninth round's review: a greeting, "merci d'avance", a setting in percent, the
# work in progress, the one looked at are no questions of progress; an attached "me", a
# subject-less "vai", "il va falloir" and a hand-over asked after are no one else's act; a
# payment method beside a request cancels nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("Exporte la vidéo en mp4, merci d'avance", "export"),
    ("hola cómo va, pásame el video", "export"),
    ("Hallo, wie läuft's, schick mir das Video", "export"),
    ("export it at 80 percent quality", "export"),
    ("export the work in progress version so I can show my team", "export"),
    ("Export the video I'm looking at", "export"),
    ("Export it, I don't care how far along it is", "export"),
    ("导出到哪里了，我找不到", "export"),
    ("¿Cuándo va a mandarme el video?", "export"),
    ("E aí, vai exportar?", "export"),
    ("Il va falloir exporter la vidéo maintenant", "export"),
    ("我女儿会下载，你直接发我就行", "export"),
    ("Just paid via PayPal now export it", "export"),
    ("pagué con paypal cuántos créditos tengo ahora", "credits"),
    ("リセットしたタイムラインを見せて", "state"),
    ("le rendu avance ?", "state"),
])
def test_the_thirty_ninth_rounds_review(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 267 and 268 (the thirty-ninth round): a render named beside a question of its
# progress is what the progress is asked of; a French future of the third person, a caption
# after "Abschlusstext:", a price per export ask nothing; "보내주시겠어요?" asks for the file.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("how many credits do i have and how far along is the render?", "credits", "state"),
    ("c'est mon directeur qui la téléchargera demain", "chat", None),
    ("Als Abschlusstext bitte: Jetzt den Plan herunterladen!", "chat", None),
    ("書き出し1回でクレジットどのくらい使いますか", "chat", None),
    ("최종 영상 파일 보내주시겠어요?", "export", None),
    ("先幫我看一下點數，再匯出成品", "credits", "export"),
])
def test_the_thirty_ninth_rounds_later_batches(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# The thirty-ninth round's second review: a greeting is no question of the render's progress,
# nor is "where's the mp4 at?"; the object after "vai exportar" is no subject, nor is a question
# word; "줄래요?", "달래요" and "…してって" ask us; a request after someone else's download, or
# after their "wird", is asked; "一回で" is "in one go"; "avanza", "j'ai avancé" go on.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("hola cómo va mándame el video", "export", None),
    ("where's the mp4 at?", "export", None),
    ("Vai exportar o vídeo agora?", "export", None),
    ("¿Cuándo lo va a exportar?", "export", None),
    ("딸이 다운받게 내보내 줄래요?", "export", None),
    ("팀장님이 빨리 내보내 달래요", "export", None),
    ("上司が早く書き出してって", "export", None),
    ("Der Kunde wird es runterladen also schick es mir", "export", None),
    ("mon client la téléchargera ce soir, exporte-la maintenant", "export", None),
    ("動画を一回で送ってください", "export", None),
    ("Dale, avanza con la exportación", "export", None),
    ("Kannst du mir den Stand meiner Credits zeigen?", "credits", None),
    ("how many credits do I have left? where's the render at?", "credits", "state"),
    ("how's the export going?", "state", None),
])
def test_the_thirty_ninth_rounds_second_review(text: str, action: str,
                                               then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# An edit, then a request to see the project, goes to the chat: these edit verbs were missing.
@pytest.mark.parametrize("text", [
    "logo 移去左上 順便給我看一下時間軸",
    "escurece um pouco o céu da cena 2 e me mostra como ficou o projeto",
])
def test_an_edit_then_a_look_goes_to_the_chat(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


# From batches 269 and 270: "let me see" in colloquial Chinese opens a request to see the
# project before the file; "how are my credits looking" asks the balance.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("先让我看下现在的进度，然后导出mp4", None, "state", "export"),
    ("先俾我睇下timeline，然後出片", None, "state", "export"),
    ("and how are my credits looking?", "timeline", "credits", None),
])
def test_batches_269_and_270s_words(text: str, after: str | None, action: str,
                                    then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The fortieth round (batches 271-276): a balance supposed in a condition that closes inside a
# frame; someone else fetching the file where only the learned fallback saw a request; price
# questions; Chinese weekdays; the render's progress asked beside the balance.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("もしクレジットが残ってたら、HP用に長めのバージョンも作れますか？", None, "chat", None),
    ("크레딧 남아 있으면 긴 버전도 만들 수 있어요?", None, "chat", None),
    # The form's own "if" ("to keep using") sets no condition: the top-up is asked.
    ("계속 쓰려면 지금 돈 내야 돼?", None, "credits", None),
    ("あと何本作れますか？", None, "credits", None),
    ("クレジット残ってたら教えて", None, "credits", None),
    ("mon fils va la télécharger ce soir pour la mettre sur insta", None, "chat", None),
    ("c'est combien pour exporter une vidéo ?", None, "chat", None),
    ("c'est combien de crédits qu'il me reste ?", None, "credits", None),
    ("quanto é pra exportar um vídeo?", None, "chat", None),
    ("내보내기 하는 데 얼마예요?", None, "chat", None),
    ("잔액이 얼마예요?", None, "credits", None),
    ("點數係咪每個月會自動重置㗎？", None, "chat", None),
    ("月初了點數有重置嗎", None, "credits", None),
    ("vous acceptez l'Amex pour recharger ?", None, "chat", None),
    ("等公關那邊確認完，我禮拜五再匯出", None, "chat", None),
    ("我老板明天自己去下载，不急", None, "chat", None),
    ("算圖到哪了？", None, "state", None),
    # Where the exported file went is no progress (the thirty-ninth round's review).
    ("导出到哪里了，我找不到", None, "export", None),
    ("en qué porcentaje va la exportación?", None, "state", None),
    ("렌더링 어떻게 돼가? 끝나면 파일 보내줘", None, "state", "export"),
    ("ok and where's the video at now?", "credits", "state", None),
    ("where's the mp4 at now?", None, "export", None),
    ("Ok, pode gerar.", "export-offer", "export", None),
    ("pode gerar mais uma versão?", "export-offer", "chat", None),
    ("combien de crédits il me reste ? et le rendu avance ?", None, "credits", "state"),
    ("how many credits do I have left? and the render, how far along?", None, "credits", "state"),
    ("wie viele credits hab ich noch? und das rendern, wie weit?", None, "credits", "state"),
])
def test_the_fortieth_rounds_words(text: str, after: str | None, action: str,
                                   then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# A reviewer's faults in the fortieth round's first changes, mended.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # A request for the file, then the progress: both (the request verb is a render noun).
    ("导出一下，进度到哪了", None, "export", "state"),
    ("書き出しお願い、進捗は？", None, "export", "state"),
    ("렌더링 해주세요, 진행 상황은요?", None, "export", "state"),
    # The making is the condition of paying, not a supposed balance.
    ("다음 영상 만들면 돈 내야 돼요?", None, "credits", None),
    ("剩余次数的话还有多少", None, "credits", None),
    # A request after someone else's plan, in the same clause; German "will" is "wants".
    ("my boss will share it with the team so just give me it", None, "export", None),
    ("der Kunde will es heute noch haben", None, "export", None),
    ("하나 더 만들려고 하는데 얼마 남았지?", None, "credits", None),
    ("how many credits do I have after the amex top up?", None, "credits", None),
    ("残高っていくらになる？", None, "credits", None),
    # A time that dates the footage puts nothing off.
    ("把今晚拍的视频上传", None, "upload", None),
    ("把星期一拍的素材上传一下", None, "upload", None),
    ("渲染完的视频保存到哪里了？", None, "export", None),
    ("把我女儿自己的版本下载下来", None, "export", None),
    ("¿cuántos créditos me quedan? y el render, ¿cómo va?", None, "credits", "state"),
    ("quantos créditos me restam? e a exportação, como tá?", None, "credits", "state"),
    ("combien de crédits il me reste ? et le rendu, il avance ?", None, "credits", "state"),
])
def test_the_fortieth_rounds_review(text: str, after: str | None, action: str,
                                    then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# From batch 280 (contrast pairs): a time after the user's own sending, in its clause,
# announces it (no files attached: nothing is sent now); a payment question; a Korean nudge
# on the timeline is an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("te mando las fotos del nuevo local mañana, hoy no las tengo", "chat"),
    ("je t'envoie les photos du salon ce soir, là je suis en rdv", "chat"),
    ("te mando las fotos del nuevo local", "upload"),
    ("民宿的房間照片我明天拍好再傳給你", "chat"),
    ("¿ya está listo o todavía no? llevo un buen rato esperando", "state"),
    ("can I pay for credits with amex or is it only visa/mastercard?", "chat"),
    ("타임라인에서 자막 트랙 2초 뒤로 밀어주세요", "chat"),
    ("타임라인 보여줘", "state"),
])
def test_batch_280s_contrasts(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batch 281: a top-up with a time to come is a plan; the progress asked first, then the
# file; percentages and "t'en es où" ask how far it has got.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("uf vale, ya hablaré con el club para recargar el mes que viene", "credits", "chat", None),
    ("ok, dann muss der Verein nächsten Monat aufladen", "credits", "chat", None),
    ("reicht mein guthaben noch für nächste woche", None, "credits", None),
    ("where's the render at? and send me the file once it's ready", None, "state", "export"),
    ("render it and send me the file", None, "export", None),
    ("en qué % va el render?", None, "state", None),
    ("t'en es où ? et après envoie-moi le fichier", None, "state", "export"),
])
def test_batch_281s_words(text: str, after: str | None, action: str,
                          then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# From batch 283: someone else's plan to fetch the file in Japanese and Korean ("予定です",
# "줄 거예요"); German "hier" is "here", no past (French "hier" still is, in its phrases);
# "fais-moi voir" asks to see; monthly renewal in Korean is a price question.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("夫があとでダウンロードしてインスタに上げてくれる予定です", "chat", None),
    ("저녁에 딸이 다운받아서 인스타에 올려줄 거예요", "chat", None),
    ("check mal bitte meinen Kontostand hier", "credits", None),
    ("hier j'ai rechargé mes crédits", "chat", None),
    ("fais-moi voir où en est le projet et ensuite envoie-moi le mp4", "state", "export"),
    ("충전은 어떻게 해요? 크레딧이 매달 갱신되나요?", "chat", None),
])
def test_batch_283s_words(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# From batches 284 and 285 (contrast pairs): a request to check beside a story of a past
# top-up still asks the balance; "a bit later" in Chinese and "luego miro" put off; a
# Portuguese "ativa as legendas" is an edit.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("어제 충전한 거 들어왔는지 잔액 확인 좀", "credits", None),
    ("同事说昨天帮我充值了，查下到账没", "credits", None),
    ("my credits ran out last month so I upgraded", "chat", None),
    ("等会儿收摊了再把今天拍的照片传给你", "chat", None),
    ("ativa as legendas e depois me manda o mp4", "chat", "export"),
])
def test_batches_284_and_285s_words(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# A second reviewer's faults in the round's later changes, mended.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # A time after the sending that dates the files, or beside a "now", puts nothing off.
    ("te mando ahora las fotos para el video de mañana", None, "upload", None),
    ("je t'envoie les photos de la fête de samedi dernier", None, "upload", None),
    ("ich schicke dir die Fotos von heute Morgen", None, "upload", None),
    ("sending you the logo now for the event tonight", None, "upload", None),
    # A top-up asked about is no plan.
    ("다음 주에 충전해야 되나", None, "credits", None),
    ("周末之前要充值吗", None, "credits", None),
    # A check of something else, or a "look," opening a story, asks no balance.
    ("어제 크레딧 다 썼는데 자막 오타 확인해 주세요", None, "chat", None),
    ("mira, ayer se me acabaron los créditos a mitad del proyecto", None, "chat", None),
    ("上个月积分用完了，我看一下别的套餐", None, "chat", None),
    ("j'ai utilisé presque tous mes crédits hier pour le mariage", None, "chat", None),
    ("mándame el mp4, luego lo reviso", None, "export", None),
    ("충전했는데 잔액 갱신되나요", None, "credits", None),
    ("음악 바꾸는 거 진행해", "export-offer", "chat", None),
    ("no need to tell me how far the render is. and send me the file when it's done", None,
     "export", None),
    ("where's the render at? send me the file once it's ready", None, "state", "export"),
])
def test_the_fortieth_rounds_second_review(text: str, after: str | None, action: str,
                                           then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# Earlier rounds' behaviours the round's retrained model had overruled, now held by rules: a
# link followed by what else it leads to is no request for the video; a Japanese request
# relayed from someone else ("…もらえないかと言われてます") is not vetoed by the model.
@pytest.mark.parametrize(("text", "action"), [
    ("je veux le lien de la musique", "chat"),
    ("je veux le lien de la vidéo", "export"),
    ("download link for the finished episode pls", "export"),
    ("クライアントさんから完成した動画のデータを早くもらえないかと言われてます", "export"),
    ("學生問說影片能不能下載 我要怎麼跟他們說", "chat"),
    # (labelled.yaml) where a thing no table knows is: no question of the project
    ("wo ist der Supermarkt, den du meintest?", "chat"),
    ("where is the bakery you mentioned?", "chat"),
    ("where is the timeline?", "state"),
])
def test_rules_hold_what_the_model_overruled(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# From batches 286 and 288: "generate the final mp4" renders it; a percentage asks the
# render's progress; "should I top up first" in Japanese asks the balance. ("Como está a
# renderização?" and "…作るのに足りてますか" were taken out again by the third review: "expórtalo
# como está ahora", "素材はもう1本作るのに足りてますか？".)
@pytest.mark.parametrize(("text", "after", "action"), [
    ("Aprovado! Gera o mp4 final e me envia", "edit", "export"),
    ("Así ya está bien. Genera el MP4 final y pásamelo", "edit", "export"),
    ("现在渲染到百分之多少了？🙏", None, "state"),
    ("素材はもう1本作るのに足りてますか？", None, "chat"),
    ("次作る前にチャージしといたほうがいい？", None, "credits"),
])
def test_batches_286_and_288s_words(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# After an export offer, "los geht's" accepts it; an approval said of someone accepts
# nothing by itself (the third review: "el cliente ya revisó pero pidió otra canción", "o
# cliente já aprovou?", "je ne sais pas si mon chef a validé").
@pytest.mark.parametrize(("text", "action"), [
    ("los geht's 👍", "export"),
    ("el cliente ya revisó pero pidió otra canción", "chat"),
    ("o cliente já aprovou?", "chat"),
    ("je ne sais pas si mon chef a validé", "chat"),
    ("客户确认过了吗", "chat"),
    ("ok but the client hasn't approved yet", "chat"),
    ("确认了吗？", "chat"),
])
def test_an_approval_accepts_the_export_offer(text: str, action: str) -> None:
    assert route(text, after="export-offer").action == action


# A third reviewer's faults in the round's last changes, mended.
@pytest.mark.parametrize(("text", "action"), [
    ("ich brauche den Link zum finalen Video", "export"),
    ("I want the link to the reel", "export"),
    ("please send the link to my client", "export"),
    ("je voudrais le lien de la playlist", "chat"),
    ("上司に動画を送ってほしいと言われたけど、まだ修正があるので待ってください", "chat"),
    ("店長にmp4が欲しいって言われたけど、どうやって書き出せばいいですか？", "chat"),
    ("después te mando los clips que faltan", "chat"),
    ("今夜送ってください", "export"),
    ("cuando genera el mp4, ¿se guarda en la nube?", "chat"),
    ("what kind of reels can I make with you?", "chat"),
    ("我這個方案多少次還能用？", "credits"),
])
def test_the_fortieth_rounds_third_review(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A yes to an export offer with someone's approval said beside it accepts the offer in every
# language; the approval is set aside only when it is done and said, not asked, supposed,
# denied or followed by a "but" (messages written for this test, not corpus items).
@pytest.mark.parametrize(("text", "action"), [
    ("ok go ahead, our lawyer has signed off", "export"),
    ("sí, adelante, ya lo revisó mi jefa", "export"),
    ("parfait, la directrice a validé, vas-y", "export"),
    ("Passt, der Vorstand hat freigegeben, los geht's", "export"),
    ("pode sim, o dono já aprovou", "export"),
    ("行，导吧，店长那边已经确认了", "export"),
    ("部長のOK出ました！お願いします", "export"),
    ("네 진행해주세요 원장님 컨펌 받았어요", "export"),
    ("ok, our lawyer hasn't signed off", "chat"),
    ("ok, once our lawyer has signed off", "chat"),
    ("sí, pero mi jefa no lo revisó", "chat"),
    ("si ya lo revisó mi jefa, adelante", "chat"),
    ("ja, aber der Vorstand hat nicht freigegeben", "chat"),
    ("行，店长那边还没确认", "chat"),
    ("はい、部長のOK出ましたか", "chat"),
    ("네, 근데 원장님 컨펌 아직 안 났어요", "chat"),
    ("ok, our lawyer has signed off, make the logo bigger", "chat"),
])
def test_a_yes_beside_an_approval_accepts_the_export_offer(text: str, action: str) -> None:
    assert route(text, after="export-offer").action == action, \
        route(text, after="export-offer").detail


# The project or the balance as a topic, then who will look at it and a later time: their
# plan, no request to see it now (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("進捗は妻があとで見るそうです", "chat"),
    ("잔액은 사장님이 이따 확인하실 거예요", "chat"),
    ("進度我晚點再叫同事看", "chat"),
    ("進捗はあとで妻が確認するので、今見せてください", "state"),
    ("진행상황 지금 보여주세요", "state"),
])
def test_a_look_put_off_to_someone_later(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# After the rebuild with batches 294 and 296-298 the learned model vetoed a plain instruction
# ("exportalo en 1080 sin marca de agua": its words are mostly questions about the file) and
# read enough footage as enough credits. An instruction that opens a Latin-script message
# and asks nothing keeps its action; a question whether the user's material suffices is chat.
@pytest.mark.parametrize(("text", "action"), [
    ("exporta en 1080 sin marca de agua", "export"),
    ("baixa em 1080 sem marca d'água", "export"),
    ("mándamelo en 4k sin marca de agua", "export"),
    ("export was smooth this time, no complaints at all", "chat"),
    ("exportar en 1080 sin marca de agua cuesta más?", "chat"),
    ("写真はもう1本作るのに足りてますか？", "chat"),
    ("クレジットはもう1本作るのに足りてますか？", "credits"),
])
def test_an_opening_instruction_and_enough_material(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The user's own sending put off to when something is done: a condition inside the frame
# ("写真、撮影終わったら送りますね", "사진은 청소 끝나면 보낼게요"), a "when" after it in Latin
# script ("I'll send the photos once they're sorted"). A time that says what the files are
# of (the Japanese "の", a past verb after it) or a Korean "면" of purpose puts off nothing
# (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("料理の写真、撮影終わったら送りますね", "chat"),
    ("매장 사진은 청소 끝나면 보낼게요", "chat"),
    ("I'll send the photos once they're sorted", "chat"),
    ("je t'enverrai les vidéos quand le montage sera fini", "chat"),
    ("vou te mandar as fotos quando o evento acabar", "chat"),
    ("来週の定休日にまとめて写真送ります", "chat"),
    ("明日のセールの写真送りますね", "upload"),
    ("夜に撮った写真送りますね", "upload"),
    ("le voy a mandar unas fotos de cuando abrimos la tienda", "upload"),
    ("영상 폰에 저장하려면 지금 보내주세요", "export"),
])
def test_a_sending_put_off_until_something_is_done(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# How credits work, asked in words the price cues lacked: what uses more of them, whether they
# renew every month, paying yearly, paying separately, merging or moving accounts (written for
# this test); the user's own balance is still asked.
@pytest.mark.parametrize(("text", "action"), [
    ("导出竖屏是不是更费积分？", "chat"),
    ("點數每個月都會重新補滿嗎？", "chat"),
    ("年払いだと月あたりのクレジットって変わります？", "chat"),
    ("직원 계정이랑 크레딧 합칠 수 있나요?", "chat"),
    ("für das Intro sind gestern 30 Credits draufgegangen, warum so viele?", "chat"),
    ("on peut fusionner les crédits de deux comptes ?", "chat"),
    ("我还剩多少积分？", "credits"),
    ("크레딧 얼마 남았어요?", "credits"),
])
def test_how_credits_work_in_more_words(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A sending put off in so many words took its verb ("luego te mando", "depois te mando"): the
# learned model does not read the photos it names as sent now (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("luego te mando las fotos del torneo del sábado, ahora estoy en el gimnasio", "chat"),
    ("depois te mando as fotos do bolo de rolo", "chat"),
    ("te mando las fotos de la feria", "upload"),
])
def test_a_sending_put_off_is_not_read_by_the_model(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# An edit said the German way ("X raus", "Tippfehler fixen") or with a Chinese length
# ("片尾縮到3秒", "再短兩秒") comes before the file asked for after it; "raus damit" still asks
# for the file (written for this test).
@pytest.mark.parametrize(("text", "action", "then"), [
    ("erste Szene raus, dann schick mir die Datei", "chat", "export"),
    ("Logo unten rechts raus, dann exportieren", "chat", "export"),
    ("den Tippfehler im Namen fixen und dann exportieren", "chat", "export"),
    ("開頭縮到5秒，然後匯出", "chat", "export"),
    ("片頭再短一秒 然後匯出", "chat", "export"),
    ("fertig? dann raus damit", "export", None),
])
def test_an_edit_before_the_file_in_more_words(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# A reviewer's faults in the round's changes, mended (messages of the review).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("はい、部長が確認しましたら連絡します", "export-offer", "chat"),
    ("好，等老板点头了再导", "export-offer", "chat"),
    ("ok, has legal signed off", "export-offer", "chat"),
    ("네, 팀장님 컨펌 났는데 한 번만 더 볼게요", "export-offer", "chat"),
    ("sí, el cliente ya lo aprobó, luego te digo", "export-offer", "chat"),
    ("sim, ela já viu e achou a música alta demais", "export-offer", "chat"),
    ("oui, mon associé a vérifié, il manque le sous-titre à la fin", "export-offer", "chat"),
    ("네, 사장님이 음악만 바꾸면 괜찮대요", "export-offer", "chat"),
    ("c'est bon merci", "export-offer", "chat"),
    ("yes go ahead, the client approved it yesterday", "export-offer", "export"),
    ("ja, mach, der Chef hat es freigegeben", "export-offer", "export"),
    ("ja bitte, der Chef hat's freigegeben", "export-offer", "export"),
    ("네 해주세요 팀장님이 승인했어요", "export-offer", "export"),
    ("I'll send you the photos now, when you get them let me know", None, "upload"),
    ("te voy a mandar las fotos, apenas se ve algo porque estaba oscuro", None, "upload"),
    ("aquí te dejo las fotos, luego te mando los videos", None, "upload"),
    ("先に写真送ります、動画はあとで送ります", None, "upload"),
    ("明日の10時に写真送ります", None, "chat"),
    ("descargar en mp4 funciona mejor en el iphone de mi madre", None, "chat"),
    ("exporter en mp4 marche mieux sur l'iphone de ma mère", None, "chat"),
    ("我每个月的积分还剩多少", None, "credits"),
    ("descárgalo y yo le pongo la música en el móvil", None, "export"),
    ("kannst du es exportieren? ich geh gleich raus", None, "export"),
    ("我快返到公司，幫我匯出", None, "export"),
])
def test_the_forty_first_rounds_review(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# A size asked of the export in Chinese is a question of its abilities, a request without the
# question (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("可以輸出成限動的尺寸嗎", "chat"),
    ("可以导出成抖音的尺寸吗", "chat"),
    ("幫我輸出成限動的尺寸", "export"),
])
def test_a_size_asked_of_the_export(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The render asked whether it is done or how far it is, in Portuguese and Cantonese words the
# progress list lacked (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("a renderização já acabou?", "state"),
    ("o export já terminou?", "state"),
    ("render到邊呀？", "state"),
    ("renderiza agora", "export"),
])
def test_the_renders_progress_in_more_words(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A second reviewer's faults in the round's changes, mended (messages of the review).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("ok, after legal has signed off", "export-offer", "chat"),
    ("好的，老板确认了再导", "export-offer", "chat"),
    ("ok, so has legal signed off", "export-offer", "chat"),
    ("ok, nobody has signed off yet", "export-offer", "chat"),
    ("はい、上司のOKもらいました、後ほどお願いします", "export-offer", "chat"),
    ("好的 导吧，客户说没问题", "export-offer", "export"),
    ("네 제안서 확인 받았어요, 진행해 주세요", "export-offer", "export"),
    ("Ja, hau raus", "export-offer", "export"),
    ("I'll send the photos, tell me when they arrive", None, "upload"),
    ("te voy a mandar las fotos que saqué cuando fuimos a la playa", None, "upload"),
    ("je vais t'envoyer les photos quand même", None, "upload"),
    ("I'll need the mp4 when it's ready", None, "export"),
    ("明日また写真送りますね", None, "chat"),
    ("明日のお昼に写真送りますね", None, "chat"),
    ("신메뉴 사진은 냉면 두 장 보낼게요", None, "upload"),
    ("sending you the clips for tonight's reel", None, "upload"),
    ("¿cuántos créditos me quedan del plan anual?", None, "credits"),
    ("我每月額度還剩多少？", None, "credits"),
    ("consegue passar pra minha conta do drive o vídeo final?", None, "export"),
    ("プレビューを見せて", None, "chat"),
])
def test_the_forty_first_rounds_second_review(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# "我自己的" is the user's own (balance), not "I'll do it myself"; "クレ" is short for credits
# (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("同事的积分用完了，帮我看看我自己的还剩多少", "credits"),
    ("自分のはあと何クレ？", "credits"),
    ("积分我自己看", "chat"),
])
def test_the_users_own_balance_beside_someone_elses(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Showing the project to someone else later is the user's plan, not a request to see it
# (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("mañana le enseño el proyecto al dueño del bar", "chat"),
    ("demain je lui montre le projet", "chat"),
    ("enséñame el proyecto", "state"),
    ("montre-moi le projet", "state"),
])
def test_showing_the_project_to_someone_later(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A way to pay named in the clause of a top-up asks how paying works, which the agent answers;
# a balance asked in another clause is still asked (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("can I top up with apple pay?", "chat"),
    ("充值可以用支付宝吗", "chat"),
    ("儲值可以用街口嗎", "chat"),
    ("¿se puede recargar con bizum?", "chat"),
    ("je peux recharger par virement ?", "chat"),
    ("kann ich per Überweisung aufladen?", "chat"),
    ("posso recarregar com cartão de débito?", "chat"),
    ("チャージって銀行振込でもできますか", "chat"),
    ("충전 카카오페이로 돼요?", "chat"),
    ("before I top up with paypal, how many credits do I have left?", "credits"),
    ("Antes de recargar con bizum: ¿cuántos créditos me quedan?", "credits"),
    ("支付宝充值之前，先帮我看看还剩多少积分", "credits"),
])
def test_a_way_to_pay_asks_how_paying_works(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# German puts the verb first and the speaker right after it: with a time to come, the user's
# own plan; an infinitive before "ich" ends its clause (written for this test).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("gut, dann render ich das nächste Woche", "credits", "chat"),
    ("lad ich am Wochenende runter", None, "chat"),
    ("exportier das jetzt", None, "export"),
    ("bitte exportieren, ich brauche es morgen früh", None, "export"),
    ("bitte exportieren ich brauche es heute abend", None, "export"),
])
def test_the_speaker_after_the_german_verb(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# Someone else fetches the file, and the user declines to be sent it: nothing is asked; a
# request after it that is not declined still asks (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("mon associé va télécharger la vidéo lui-même, pas besoin de me l'envoyer", "chat"),
    ("la jefa lo va a descargar ella misma, no hace falta que me lo mandes", "chat"),
    ("mon associé va télécharger la vidéo, envoie-la-moi aussi", "export"),
])
def test_someone_else_fetches_and_nothing_is_sent(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The way to pay may be named in another clause of the top-up's sentence (written for this
# test); German "ichs" is "ich es".
@pytest.mark.parametrize(("text", "after", "action"), [
    ("et pour recharger, ça marche par CB ?", "credits", "chat"),
    ("e pra recarregar, aceita cartão de débito?", None, "chat"),
    ("muss ich aufladen? ich zahle dann per Überweisung", None, "credits"),
    ("gut, dann render ichs morgen", None, "chat"),
])
def test_a_way_to_pay_in_the_top_ups_sentence(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# Praise right after an edit, with a now-word in it, asks for no file: "now" asks nothing by
# itself (written for this test).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("agora sim ficou ótimo", "edit", "chat"),
    ("ahora sí, me encanta", "edit", "chat"),
    ("agora sim, manda", "edit", "export"),
])
def test_praise_with_a_now_word_after_an_edit(text: str, after: str, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# "ich" right before the German verb, with a time to come: the speaker's plan; monthly
# renewal of credits asked in Chinese and Korean words the price list lacked (written for this
# test).
@pytest.mark.parametrize(("text", "action"), [
    ("ich render das morgen früh, gerade keine Zeit", "chat"),
    ("ich möchte es heute abend exportieren", "export"),
    ("hab ich noch Guthaben für zwei Videos heute abend?", "credits"),
    ("积分是每个月重新计算的吗？", "chat"),
    ("크레딧 매달 새로 충전돼요?", "chat"),
])
def test_the_speakers_german_plan_and_monthly_renewal(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A reviewer's faults in the round's changes, mended (messages of the review): a bare "ich"
# that opens a new clause after the request; a top-up already paid, asked whether it arrived;
# a later request that only declines the whole file; "now" alone asks; praise, then the
# request (the learned model's veto, tried lower this round, overruled these).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("schick mir das Video ich brauche es morgen", None, "export"),
    ("download ich brauche es morgen früh", None, "export"),
    ("我刚用微信支付充值了，到账了吗", None, "credits"),
    ("acabei de recarregar com pix, já caiu?", None, "credits"),
    ("my brother will download it on his laptop, but send me the link too, not the whole file",
     None, "export"),
    ("jetzt sofort das Video", "edit", "export"),
    ("这个版本比上一个好多了，字幕也清楚，给我看看时间线", None, "state"),
    ("le titre au début est très élégant, envoie-moi la vidéo finale", None, "export"),
    ("처음 제목이 너무 고급스러워요, 완성된 영상 보내주세요", None, "export"),
    ("the title at the start looks really elegant, how many credits are left", None, "credits"),
])
def test_the_forty_third_rounds_review(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# Right after the timeline was shown, a verdict on it that asks nothing is a remark; a way of
# asking, a question or another action still asks (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("looks good 👍 the scenes are in the right order now", "chat"),
    ("對 就是這個順序 很好", "chat"),
    ("嗯 不错 就按这个顺序", "chat"),
    ("nice, and the credits?", "credits"),
    ("looks good, show me the scenes again", "state"),
    ("the scenes?", "state"),
])
def test_a_verdict_on_the_timeline_just_shown(text: str, action: str) -> None:
    assert route(text, after="timeline").action == action, route(text, after="timeline").detail


# A name of the project's parts asked what it is, a question of how the product works; asked
# what it holds, with a word of place or another way of asking, it still asks to see the
# project (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("c'est quoi la timeline exactement ?", "chat"),
    ("c'est quoi les pistes exactement ?", "chat"),
    ("was ist diese Zeitleiste eigentlich genau?", "chat"),
    ("was sind Ebenen überhaupt?", "chat"),
    ("was ist auf der Timeline?", "state"),
    ("c'est quoi les pistes qu'il y a en ce moment ?", "state"),
    ("was ist bis jetzt alles drin?", "state"),
    ("what are the layers in my project?", "state"),
    ("時間軸上有什麼", "state"),
])
def test_a_part_of_the_project_asked_what_it_is(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# "我再请你…": the speaker will ask later, a plan (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("等老板看完，我再请你导出", "chat"),
    ("等主管確認好，我再請你匯出", "chat"),
    ("请你导出", "export"),
])
def test_the_speaker_will_ask_later_in_chinese(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A second reviewer's faults in the round's changes, mended (messages of the review): an
# action's own phrase or a question beside a verdict on the timeline still asks; a part of
# the project that is the user's, current, numbered or pointed at is asked what it holds;
# "再请你帮我…" asks now; a top-up that went through asks the balance; more ways to pay and
# German times; a second now-word after "agora sim" asks.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("c'est bien, montre-moi la timeline", "timeline", "state"),
    ("シーンが足りないので、最新のタイムラインを見せて", "timeline", "state"),
    ("いいですね、進捗は", "timeline", "state"),
    ("ficou ótimo, e o status", "timeline", "state"),
    ("what are my layers", None, "state"),
    ("c'est quoi les calques actuels ?", None, "state"),
    ("图层2是什么？", None, "state"),
    ("这个片段是什么", None, "state"),
    ("再请你帮我导出一次", None, "export"),
    ("did my paypal top up go through?", None, "credits"),
    ("支付宝充值成功了吗", None, "credits"),
    ("能用微信充值吗", None, "chat"),
    ("kann ich mit Karte aufladen?", None, "chat"),
    ("ich exportier das übermorgen", None, "chat"),
    ("agora sim! o vídeo agora mesmo", "edit", "export"),
])
def test_the_forty_third_rounds_second_review(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# The forty-fourth round. A sending put off to the afternoon in Spanish ("esta tarde"; the
# other languages' afternoons were dropped after a review: "preciso hoje à tarde, exporta"
# asks), or in a Romance simple future ("je t'enverrai", "te mandaré", "enviarei"), announces
# files not sent yet: a plan, with no files attached (written for this test). Sending now
# still hands them over.
@pytest.mark.parametrize(("text", "action"), [
    ("esta tarde te paso las fotos del escaparate", "chat"),
    ("je vous enverrai le logo cet après-midi", "chat"),
    ("je t'enverrai les photos de l'atelier quand elles seront prêtes", "chat"),
    ("te mandaré los videos del taller cuando los tenga", "chat"),
    ("enviarei as fotos da loja quando o fotógrafo me passar", "chat"),
    ("te mando las fotos del escaparate", "upload"),
    ("je t'envoie les photos, attends 2 sec", "upload"),
])
def test_a_sending_put_off_is_a_plan(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Colloquial Chinese "咋" is "怎么": a how-to question beside a top-up or a look asks how,
# and its forms of getting the file still ask for it (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("充值咋充啊", "chat"),
    ("积分咋看", "chat"),
    ("視頻咋弄到手機上", "export"),
    ("这个视频咋下载到我电脑上", "export"),
    ("视频咋样了", "state"),
])
def test_colloquial_how_in_chinese(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Right after the balance was shown, a reply that asks nothing is about it: the learned
# model's reading of it as the balance again is not believed. A question or a request still
# asks; "tell me" is a request in every language (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("ok merci, je vois avec mon associé avant de lancer la prochaine", "chat"),
    ("danke, dann warte ich mit dem nächsten bis nächsten Monat", "chat"),
    ("redis-moi combien il m'en reste, j'ai pas suivi", "credits"),
    ("那這樣還夠我再做一支嗎", "credits"),
])
def test_a_reply_to_the_balance_that_asks_nothing(text: str, action: str) -> None:
    assert route(text, after="credits").action == action, route(text, after="credits").detail


@pytest.mark.parametrize(("text", "action", "then"), [
    ("dites-moi mon solde de crédits, puis envoyez-moi la vidéo finale", "credits", "export"),
    ("sag mir bitte mein Guthaben und schick mir dann das fertige Video", "credits", "export"),
])
def test_tell_me_is_a_request(text: str, action: str, then: str) -> None:
    r = route(text)
    assert (r.action, r.then) == (action, then), r.detail


# More people named as the one who fetches the file (a partner, the shop's manager, a
# client's mother), and a Japanese sentence that ends "so there is no hurry": someone else's
# plan, no request (written for this test). The user's own request still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("相方があとでダウンロードしてYouTubeに上げるって", "chat"),
    ("店長が夜にダウンロードして店のインスタに載せるので急ぎません", "chat"),
    ("어머님이 나중에 직접 다운받으신대요", "chat"),
    ("あとでダウンロードしたいので、書き出してください", "export"),
])
def test_more_people_who_fetch_the_file(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A Chinese "不"/"没" that ends its clause after a word of being able is the colloquial
# yes-no question: a question about a format is chat, as with "吗"; a question that asks for
# the file still asks; "不" elsewhere still negates (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("能导出成横屏的不 发b站用", "chat"),
    ("可以渲染4K不", "chat"),
    ("现在能下载不", "export"),
    ("做好了吧？能发我了不", "export"),
    ("先不导出", "chat"),
    ("导出不了", "chat"),
    ("export it in 1080 please", "export"),
])
def test_a_yes_no_question_with_a_final_not(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# How far the project has got, asked by someone else, then the user's own answer or plan of
# one, in a message that asks nothing: a report of that conversation (written for this
# test). A question or a request of the user's own still asks to see the project.
@pytest.mark.parametrize(("text", "action"), [
    ("my manager keeps asking how far along the video is, I told him tomorrow", "chat"),
    ("la directora me pregunta si ya está terminado el video, le dije que mañana", "chat"),
    ("客户一直问做到哪了，我明天给他看", "chat"),
    ("사장님이 어디까지 됐냐고 물어보셔서 이따 제가 보여드릴게요", "chat"),
    ("o dono perguntou se o vídeo já tá pronto, falei que sexta", "chat"),
    ("my manager keeps asking how far along the video is, where are we?", "state"),
    ("老板一直问做到哪了，你给我看看", "state"),
    ("la directora me pregunta si ya está terminado el video", "state"),
])
def test_a_progress_question_of_someone_else_answered(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The user's own later export in Japanese and Cantonese: a time of the shop's day ("閉店後",
# "開店してから") or a Cantonese time ("聽日", "遲啲"), and the plain form with わ/よ
# ("書き出すわ"), are a plan (written for this test). A request with a time still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("閉店してから書き出しますね", "chat"),
    ("開店前にダウンロードしときます", "chat"),
    ("明日書き出すわ", "chat"),
    ("我聽日先匯出啦", "chat"),
    ("遲啲我自己download", "chat"),
    ("書き出してください、閉店後に使います", "export"),
])
def test_a_later_export_in_japanese_and_cantonese(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# An edit, then "when it is done" and a request to see the project, in Chinese or Japanese:
# the look goes with the change to the chat, past the edit's own object and a connector that
# is also a frame's word, however sure the learned model is of the look (the first two from
# the train parts of batches 224 and 225, the rest written for this test). A request to see
# alone still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("開頭加上潛店logo 弄好給我看一下圖層", "chat"),
    ("背景白にして、終わったらシーン一覧見せて", "chat"),
    ("片尾加上店裡的logo 弄好給我看一下時間軸", "chat"),
    ("字幕を大きくして、終わったらシーン一覧見せて", "chat"),
    ("給我看一下時間軸", "state"),
    ("シーン一覧見せて", "state"),
])
def test_an_edit_then_a_look_when_it_is_done(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# How many credits one video or one export uses is a question of price, not of the user's
# balance (written for this test); the balance asked still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("how many credits does one video use?", "chat"),
    ("한 번 내보낼 때 크레딧 몇 개 써요?", "chat"),
    ("一次导出要用几个积分？", "chat"),
    ("wie viele Credits braucht ein Export?", "chat"),
    ("我还能用多少积分", "credits"),
    ("크레딧 몇 개 남았어요?", "credits"),
])
def test_what_one_video_uses_is_a_price(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# With nothing attached, a sending asked about is a question of what the product takes, for
# the chat (written for this test): "can I send my own clips?" hands nothing over. Asked, then
# done in the same message, or said with no question, it still hands the files over.
@pytest.mark.parametrize(("text", "action"), [
    ("影片可以用我們自己拍的照片嗎", "chat"),
    ("se eu quiser mandar minhas próprias fotos depois, pode?", "chat"),
    ("把自己拍的视频传上来要另外收费吗？", "chat"),
    ("can I send you my own photos?", "chat"),
    ("can I send you my own photos? sending them now", "upload"),
    ("posso mandar umas fotos minhas? já já envio", "upload"),
    ("te envio as fotos agora", "upload"),
])
def test_a_sending_asked_about_with_nothing_attached(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


def test_a_question_with_files_attached_still_hands_them_over() -> None:
    r = route("can you use these?", ["IMG_0001.jpg"])
    assert r.action == "upload", r.detail


# French: a balance named, then a progress question whose pronoun takes it up, asks one
# thing, the balance ("mon quota, il en est où ?"); "elle avance ?", "c'est bientôt fini ?"
# ask how far the video has got (written for this test).
@pytest.mark.parametrize(("text", "action", "then"), [
    ("et mes crédits, ils en sont où ?", "credits", None),
    ("mon solde, il en est où ?", "credits", None),
    ("et le montage, il en est où ?", "state", None),
    ("mes crédits, et la vidéo, elle en est où ?", "credits", "state"),
    ("alors la vidéo, elle avance ?", "state", None),
    ("c'est bientôt fini ?", "state", None),
    ("avance la scène 3 au début", "chat", None),
])
def test_a_pronoun_takes_up_what_was_named(text: str, action: str, then: str | None) -> None:
    r = route(text)
    assert (r.action, r.then) == (action, then), r.detail


# What one credit is worth is a question of price (written for this test); the balance
# asked still asks, and "ça" alone is no price word.
@pytest.mark.parametrize(("text", "action"), [
    ("un crédit, ça fait combien de secondes de vidéo ?", "chat"),
    ("크레딧 하나로 몇 초짜리 영상까지 돼요?", "chat"),
    ("一个积分能做多长的视频？", "chat"),
    ("what is one credit worth, like how many seconds?", "chat"),
    ("how many credits do I have left?", "credits"),
    ("ça en est où ?", "state"),
])
def test_what_one_credit_is_worth_is_a_price(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Someone else's approval as a condition before the file is asked for: a request for later,
# for the chat (written for this test). A check of the user's own, or the file asked now,
# still asks; Japanese 改めて ("once more") is no edit.
@pytest.mark.parametrize(("text", "action"), [
    ("部長の承認が出たら、書き出しをお願いします", "chat"),
    ("once the client approves it, send me the final mp4", "chat"),
    ("quand ils auront validé, envoie-moi la vidéo finale", "chat"),
    ("wenn die Freigabe da ist, schick mir die finale Datei", "chat"),
    ("승인 나면 최종 영상 보내주세요", "chat"),
    ("確認したら書き出しお願いします", "export"),
    ("改めて書き出しをお願いします", "export"),
    ("the client approved it, send me the final mp4", "export"),
])
def test_an_approval_still_to_come(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The user's own export with "after …" or "once …" after it, in Latin script, is a plan
# for then, as with a time to come (written for this test); a request beside the user's
# plan for the file still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("I'll download it after the meeting", "chat"),
    ("we'll probably download the final cut after Friday's rehearsal, no rush", "chat"),
    ("we'll export it once the board has seen it", "chat"),
    ("lo descargo después de la reunión", "chat"),
    ("je la télécharge après la réunion", "chat"),
    ("send me the final mp4, I'll post it after the meeting", "export"),
])
def test_the_users_own_export_after_something(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The learned model's second opinion turns a rule's action into chat; only the file may still
# follow the edit (an edit, then the finished video): a question of how topping up works after
# the balance was shown, or a plan that names the upload, leaves nothing for the runtime to do
# after the chat (the first two from the train parts of batches 334 and 245, the rest written
# for this test).
@pytest.mark.parametrize(("text", "after"), [
    ("d'accord. et la recharge, ça marche comment exactement ?", "credits"),
    ("下個月芒果季再上傳照片給你 先記著", None),
    ("ok. et les crédits, ils expirent à la fin du mois ?", "credits"),
    ("oye y lo de subir fotos, se puede desde el móvil o solo desde el ordenador?", None),
])
def test_only_the_file_follows_a_second_opinions_chat(text: str, after: str | None) -> None:
    r = route(text, after=after)
    assert (r.action, r.then) == ("chat", None), r.detail


# Files sent with a word of another action: the files go first and the words are the chat's
# to act on, or only name the files; the runtime runs no export, balance or project look
# after an upload (written for this test).
@pytest.mark.parametrize(("text", "then"), [
    ("发你几个 clips", None),
    ("fotos del cochinillo recién salido", None),
    ("here are the demo clips from last year's open day", None),
    ("scroll it at the very end like movie credits", "chat"),
])
def test_words_of_another_action_beside_files(text: str, then: str | None) -> None:
    r = route(text, ["a.jpg"])
    assert (r.action, r.then) == ("upload", then), r.detail


# Mended in the same round: a "when" of the video being ready asks for the file as soon as
# there is one; "what time" before the hand-over asks about the time; "ça/le projet avance
# bien" says how it goes, and only "elle avance ?" asks (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("I'll need the mp4 when it's ready", "export"),
    ("明天幾點交片？", "chat"),
    ("le projet avance bien, merci", "chat"),
    ("la vidéo avance ?", "state"),
])
def test_the_forty_fourth_rounds_own_mends(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Past a colon that introduces text, an action's word is what the caption says, no request
# after the edit; a colon inside a time is none (written for this test).
@pytest.mark.parametrize(("text", "then"), [
    ("add a caption at the end: Order now & download our app!", None),
    ("Pon un rótulo al final que diga: ¡Descarga nuestra app y exporta tus recuerdos!", None),
    ("corta el plano borroso en 1:05 y luego exporta", "export"),
])
def test_an_action_word_past_a_caption_colon(text: str, then: str | None) -> None:
    r = route(text)
    assert (r.action, r.then) == ("chat", then), r.detail


# Right after the timeline was shown, a message with no request word and no question mark or
# word is a remark on it, whatever else it says of the project (written for this test); a
# question or a request still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("はい、これで大丈夫でございます", "chat"),
    ("對 就是這個順序", "chat"),
    ("top, ça prend forme", "chat"),
    ("und wie weit ist der Export?", "state"),
    ("show me the scenes again please", "state"),
])
def test_a_remark_on_the_timeline_just_shown(text: str, action: str) -> None:
    assert route(text, after="timeline").action == action, route(text, after="timeline").detail


# Someone else's future before a frame that opens on a pronoun ("qui va le télécharger ce soir
# pour …"): their download, read from the verb the auxiliary governs (the first from the train
# part of batch 338, the rest written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("c'est ma fille qui va le télécharger ce soir pour le mettre sur facebook", "chat"),
    ("mi hija lo va a descargar esta noche para subirlo", "chat"),
    ("tu peux la télécharger ce soir pour moi ?", "export"),
])
def test_someone_elses_download_before_a_pronoun(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Portuguese "em quanto tá" asks how far the render has got; Chinese "after school" is a time
# to come, not the edit verb 放 (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("em quanto está o render?", "state"),
    ("我下課後再匯出", "chat"),
    ("我放学后再导出", "chat"),
])
def test_more_words_of_progress_and_later(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Portuguese "depois" that ends the sending's clause, and a Japanese "as soon as" (次第) before
# the user's own sending, put it off: a plan, nothing attached (written for this test). A
# "depois" that opens the next clause puts nothing off.
@pytest.mark.parametrize(("text", "action"), [
    ("te mando as fotos da loja depois, tão no outro celular", "chat"),
    ("写真が届き次第送りますね", "chat"),
    ("te mando as fotos, depois você escolhe", "upload"),
])
def test_a_sending_after_something_else(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A question opened by a request word that ends the message asks, whatever the clauses
# before it say (the learned model does not overrule it); an imperative edit after "bitte"
# is no such question (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("I'll look at the captions later, could you export it now?", "export"),
    ("da ist ein schwarzer Frame zwischen Szene 2 und 3, bitte raus damit", "chat"),
])
def test_a_request_question_at_the_end(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A change and the file for a time to come, if something happens first: a plan for then, not
# the file after this change (written for this test). Without the condition, the file follows.
@pytest.mark.parametrize(("text", "then"), [
    ("내일 이기면 트로피 장면 넣고 그때 렌더링해줘", None),
    ("如果明天赢了 再加个颁奖镜头然后一起导出", None),
    ("if we win tomorrow add the trophy shot and then render it", None),
    ("make the title bigger and then export it", "export"),
])
def test_a_change_and_the_file_if_something_happens_first(text: str, then: str | None) -> None:
    r = route(text)
    assert (r.action, r.then) == ("chat", then), r.detail


# Whether credits renew by themselves, or come per video or with a monthly fee, is a question
# of the plans (written for this test); the user's own balance still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("积分每个月会自动续吗？", "chat"),
    ("點數會自動續嗎", "chat"),
    ("クレジットは1本ごとですか、それとも月額で付与されますか", "chat"),
    ("我的积分还剩多少", "credits"),
    ("il me reste combien sur mon abonnement mensuel ?", "credits"),
])
def test_how_credits_come_is_a_question_of_plans(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Someone else who wants to fetch the file ("wants to", "quiere", "voudrait") is someone
# else's plan, as their future is (written for this test); the user's own wish, or the file
# asked for after it, still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("my boss wants to download it tonight", "chat"),
    ("mi jefa quiere descargarlo hoy", "chat"),
    ("Le client voudrait télécharger la vidéo finale", "chat"),
    ("I want to download it", "export"),
    ("ma fille veut la télécharger, envoie-la moi", "export"),
])
def test_someone_else_wants_to_fetch_the_file(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Dragging things on the timeline is a question of how the product works (the first from the
# train part of batch 214, the rest written for this test); a request to see the timeline
# still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("en la línea de tiempo se pueden mover las escenas arrastrando o cómo va", "chat"),
    ("en la línea de tiempo se pueden mover las clips arrastrando?", "chat"),
    ("can I drag the scenes around on the timeline myself?", "chat"),
    ("时间线上的片段可以拖动吗", "chat"),
    ("muéstrame la línea de tiempo", "state"),
])
def test_dragging_on_the_timeline_is_a_how_to(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A reviewer's faults in the round's changes, mended (messages of the review): an approval
# still to come beside a now asks now; a polite "if you can" is no condition of a plan; a
# file handed over with a request for the finished video, or with a question of the balance
# or the project, still asks; what someone asked, in a clause of its own, leaves the user's
# request standing; French "bientôt prête" of the user is no progress question; a balance
# taken up by a pronoun with another request after it asks both; after the timeline, a short
# ask for the progress or the scenes asks; a colon whose text ends before the request, or a
# connector after it, stops nothing; "check again" after the balance asks; "when you're done"
# and "after all" are no plans; "hoje à tarde" and 1080 stay as they were.
@pytest.mark.parametrize(("text", "files", "after", "action", "then"), [
    ("once it's approved I'll post it right away, so please export it now", (), None,
     "export", None),
    ("if you can, add the logo and then export it, I need it tomorrow", (), None,
     "chat", "export"),
    ("here is my photo. send me the finished video", ("a.jpg",), None, "upload", "export"),
    ("la foto, cuántos créditos me quedan", ("a.jpg",), None, "upload", "chat"),
    ("here's the last clip, show me the timeline", ("a.mp4",), None, "upload", "chat"),
    ("mein Chef fragt mich ständig nach dem Fortschritt, zeig mir den Stand, ich zeig es ihm "
     "dann", (), None, "state", None),
    ("사장님이 어디까지 됐냐고 물어보셔서 진행 상황 보여주세요 보고드릴게요", (), None,
     "state", None),
    ("je suis bientôt prête, je t'envoie les photos", (), None, "upload", None),
    ("mon solde, il en est où, et la vidéo ?", (), None, "credits", "state"),
    ("now the progress", (), "timeline", "state", None),
    ("todas las escenas", (), "timeline", "state", None),
    ("set the title to: Our Wedding. Then export", (), None, "chat", "export"),
    ("再查一下", (), "credits", "credits", None),
    ("I'll need the mp4 when you're done", (), None, "export", None),
    ("ok I'll download it after all", (), None, "export", None),
    ("preciso hoje à tarde, exporta por favor", (), None, "export", None),
    ("export it in 1080 please?", (), None, "export", None),
])
def test_the_forty_fourth_rounds_review(text: str, files: tuple[str, ...], after: str | None,
                                        action: str, then: str | None) -> None:
    r = route(text, list(files), after=after)
    assert (r.action, r.then) == (action, then), r.detail


# The credits named alone, paid for in their clause, ask how paying works; a balance asked in
# another sentence still asks (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("크레딧은 계좌이체로 충전돼요?", "chat"),
    ("os créditos dá pra pagar com boleto?", "chat"),
    ("¿los créditos se pueden pagar con bizum?", "chat"),
    ("크레딧 얼마 남았어요? 충전은 카드로 할게요", "credits"),
    ("quanto saldo eu tenho? depois pago no pix", "credits"),
])
def test_the_credits_paid_for_in_their_clause(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Korean "…도 되나요" asks whether something can be done, with or without a question mark
# (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("60fps로 렌더링도 되나요 유튜브용", "chat"),
    ("gif로 내보내기도 되나요", "chat"),
    ("최종본 렌더링 해주세요 유튜브용", "export"),
])
def test_a_korean_question_by_its_ending(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A time to come after the verb's object puts the verb off, as it would right after the verb;
# a "now" there does not (written for this test).
@pytest.mark.parametrize(("text", "action"), [
    ("export the final cut later", "chat"),
    ("ela vai baixar o arquivo final amanhã", "chat"),
    ("export the final cut now", "export"),
])
def test_a_time_after_the_object(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# After a Japanese pause, a request whose thing is named before its verb ("…、残高も確認
# して") is a request of its own; what the first clause says does not outvote it (written for
# this test).
@pytest.mark.parametrize(("text", "action"), [
    ("仕上がりが最高で助かる、クレジットも確認して", "credits"),
    ("書き出しが簡単で好き", "chat"),
])
def test_a_request_after_a_japanese_pause(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Portuguese "baixa" as "low" (of a sound, a quality, a season) is no request to download;
# "baixa o vídeo" still is (written for this test).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("a locução ficou baixa demais", "edit", "chat"),
    ("a trilha tá baixa, dá pra subir?", None, "chat"),
    ("ok, baixa o vídeo pra mim", "edit", "export"),
])
def test_portuguese_low_is_no_download(text: str, after: str | None, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# An approval in Japanese typed as "OK出たら" / "いいって言ったら" waits for it (written for
# this test).
@pytest.mark.parametrize(("text", "action"), [
    ("社長がOKって言ったら書き出してください", "chat"),
    ("OKです、書き出してください", "export"),
])
def test_an_approval_typed_as_ok(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# A top-up named in a "before" clause is no request to top up; a balance asked beside it still
# asks. German "was kostet n …" asks a price ("n" is "ein" there, not English "and"); a
# download someone else "übernimmt" is theirs (written for this test).
@pytest.mark.parametrize(("text", "after", "action"), [
    ("ich frag erst den Kassenwart, bevor wir aufladen", "credits", "chat"),
    ("je demande à la direction avant de recharger", None, "chat"),
    ("antes de recarregar, quanto saldo eu tenho?", None, "credits"),
    ("was kostet n download eigentlich?", None, "chat"),
    ("den Export übernimmt meine Kollegin", None, "chat"),
    ("明朝、部長に見せてから書き出しますね", "edit", "chat"),
])
def test_before_a_top_up_and_others_taking_over(text: str, after: str | None,
                                                action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


# Cantonese "先至" after a time to come puts the verb off as "再" does; a German caption's
# compound name ("Abspanntext:") makes what follows it content; "muss ich selber …?" asks how
# it works; "regarde"/"mírame" ask for the balance before a second request (written for this
# test).
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("我今晚收工先至下載", None, "chat", None),
    ("Introtext: Jetzt App herunterladen!", None, "chat", None),
    ("oder muss ich selber exportieren?", None, "chat", None),
    ("regarde mes crédits puis exporte la vidéo", None, "credits", "export"),
    ("mírame los créditos y luego descarga el video", None, "credits", "export"),
    ("我同事之后会下载再传给客户", None, "chat", None),
    ("ich frag nachher den Chef wegen Aufladen", "credits", "chat", None),
    ("我今晚收完档再导出", None, "chat", None),
    ("我放工先下載，而家喺地鐵", None, "chat", None),
    ("先匯出俾我", None, "export", None),
])
def test_the_forty_fifth_rounds_data(text: str, after: str | None, action: str,
                                     then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The forty-fifth round's review (a helper who had not seen the rules tried the round's change
# with its own messages); the faults it found that were mended. Left: "confere os créditos,
# vou pagar no pix" and "…、クレジットも確認しといて" (the learned model outvotes the request),
# "렌더링 다 끝났나요? 끝났으면 보내주세요" and "いいって言ったでしょ、早く書き出して" (the
# retrained model no longer takes the request).
@pytest.mark.parametrize(("text", "action"), [
    # A time or "not" after the object is said of the verb only where it ends the clause.
    ("exportier die Datei nicht als MOV sondern als MP4", "export"),
    ("exporte la vidéo finale pas trop compressée", "export"),
    ("send me the video so i can post it later", "export"),
    ("download the video so i can show it tomorrow", "export"),
    ("exportier das Video weil morgen Präsentation ist", "export"),
    ("exporta o vídeo final pra amanhã cedo", "export"),
    # The balance asked for beside a payment, made or to come, is still asked for.
    ("크레딧 확인해 주세요 방금 신용카드로 결제했어요", "credits"),
    ("크레딧 보여줘 카드 결제 했거든", "credits"),
    ("mostra os créditos pra eu pagar no pix", "credits"),
    ("tenho que pagar antes de renderizar o próximo, se precisar pago no pix", "credits"),
    # How paying for credits works, asked with "pay" or "buy".
    ("can i pay for credits with paypal?", "chat"),
    ("크레딧 계좌이체로 사도 되나요?", "chat"),
    # Words made narrower.
    ("Kannst du wegen der Credits nachschauen, wie viele ich noch habe?", "credits"),
    ("明朝体で大丈夫なので、そのままダウンロードします", "export"),
    ("tá baixa o vídeo aí pra mim", "export"),
    ("下午开会我才想起来快把视频导出给我", "export"),
    ("聽日要交我先至記得快啲匯出俾我", "export"),
    # Typed in capitals, an approval still waits; a request ending with ね still asks.
    ("部長のOK出たら動画書き出して", "chat"),
    ("音楽もいい感じ、クレジットも確認してね", "credits"),
])
def test_the_forty_fifth_rounds_review(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# The forty-sixth round: the render named as a topic and asked how far it has got after a
# pause, with no other action in the message ("y el render, ¿cómo va?"), is the project's
# progress; so are a percentage or time left asked of the render ("quantos % do render",
# "レンダリングあとどのくらい"). A request for the file after it still asks for the file.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("y el render, ¿cómo va?", None, "state", None),
    ("e a renderização, em quanto tá?", None, "state", None),
    ("ok, e a renderização, em quanto tá?", "credits", "state", None),
    ("et le rendu, il avance ?", None, "state", None),
    ("und das Rendern, wie weit?", None, "state", None),
    ("and the export, how far along is it?", None, "state", None),
    ("quantos % do render já foi?", None, "state", None),
    ("E a renderização, vai em que ponto? Já faz um tempinho", None, "state", None),
    ("レンダリングあとどのくらいですか", None, "state", None),
    ("書き出しあと何分くらい？", None, "state", None),
    ("y el render, ¿me lo mandas?", None, "export", None),
    ("クレジットあとどのくらい？", None, "credits", None),
    # "faz um tempinho" is a while ago, no edit.
    ("faz tempo que não exporto nada, como faço?", None, "chat", None),
    # What a plan costs is a question of price; what is left of it asks the balance.
    ("네 그럼 제일 싼 요금제는 얼마에요", "credits", "chat", None),
    ("요금제 얼마예요?", None, "chat", None),
    ("요금제 얼마 남았어?", None, "credits", None),
    ("잔액 얼마예요?", None, "credits", None),
    # The formal "deme" hands over the file as "dame" does.
    ("Deme el vídeo terminado para colgarlo en la web del Ayuntamiento, por favor", None,
     "export", None),
    ("denme el archivo final", None, "export", None),
    ("deme un momento, estoy pensando", None, "chat", None),
    # After the balance, the video asked after in the words people type.
    ("ok. und wie steht es mit dem video?", "credits", "state", None),
    ("und wie stehts ums video?", "credits", "state", None),
])
def test_the_forty_sixth_rounds_data(text: str, after: str | None, action: str,
                                     then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# Two requests in order where the first's object comes first, named with which version it is
# ("最終のタイムラインを見せてから書き出して"); Rioplatense "mostrame"; German "check mal";
# "where it's at," before the next request.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("最終のタイムラインを見せてから書き出してください", "state", "export"),
    ("최종 타임라인 보여주시고 그 다음에 내보내기 해주세요", "state", "export"),
    ("mostrame cómo quedó la línea de tiempo y después sacame el mp4", "state", "export"),
    ("mostrame la línea de tiempo", "state", None),
    ("check mal meine Credits und dann Export bitte", "credits", "export"),
    ("show me where it's at, then export it", "state", "export"),
    ("where's the render at, and how many credits do i have left?", "state", "credits"),
    # Which version, before a thing that is no request, asks for nothing more.
    ("最終版の動画は明日書き出します", "chat", None),
])
def test_two_requests_in_order(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# A caption that only points at the file names it: the upload alone, whatever the learned
# caption model makes of it (it read "这个" and "これ" as instructions after one retraining).
# A caption that says where the file goes still goes to the chat.
@pytest.mark.parametrize(("text", "then"), [
    ("这个", None), ("這個", None), ("this one", None), ("this one!", None), ("これ", None),
    ("이거", None), ("isso", None), ("ceci", None),
    ("this one, put it at the end", "chat"), ("これ、最後に入れて", "chat"),
    ("这个放开头", "chat"), ("這幾張", None),
])
def test_a_caption_that_only_points(text: str, then: str | None) -> None:
    got = route(text, ("clip.mp4",))
    assert (got.action, got.then) == ("upload", then), got.detail


# "What does 时间线 mean", and someone else who keeps saying the word: no request to see it.
@pytest.mark.parametrize("text", [
    "时间线是啥意思啊 我儿子老说时间线时间线的",
    "時間軸是什麼意思 我主管一直講時間軸",
])
def test_what_the_word_means(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


# More of two requests in order: "first" before the first one in Japanese and Korean; "让我看看";
# Spanish "cómo quedó" asks how far the project has got; the Spanish formal imperatives with
# their pronouns ("mándemelo", "descárguelo").
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("先にタイムライン見せて、それから書き出しお願い", None, "state", "export"),
    ("まずタイムライン見せて、そのあと書き出して", None, "state", "export"),
    ("먼저 타임라인 보여주고 내보내줘", None, "state", "export"),
    ("先让我看看进度，再把下载链接发我", None, "state", "export"),
    ("让我看看进度，然后把下载链接发我", None, "state", "export"),
    ("enséñeme cómo quedó y luego descárguelo para mandárselo a mi hermana", None, "state",
     "export"),
    ("enséñame cómo ha quedado y después lo exportas", None, "state", "export"),
    ("quítele la música de fondo y luego ya mándemelo", None, "chat", "export"),
    ("mándemelo", None, "export", None),
    ("no me lo mande todavía", None, "chat", None),
    ("ok, und wie siehts mit dem Video aus?", "credits", "state", None),
    ("아직 멀었어요?", None, "state", None),
    ("배경이 아직 멀었어 보이네", None, "chat", None),
    # How to look at the timeline is a how-to; the balance asked after one still asks.
    ("타임라인 보는 법 좀 알려줄 수 있어요? 나중에 혼자 해보게", None, "chat", None),
    ("계정은 아들이 만들어 줘서 잔액 보는 법을 모르겠어요. 아직 얼마 남아 있나요?", None,
     "credits", None),
])
def test_more_requests_in_order(text: str, after: str | None, action: str,
                                then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# Batches 375-378's train parts: "给我看一下" and a scene list in Chinese, Spanish "me sacas",
# German "her mit", "getting on", a render asked finished in polite Japanese, and what one
# video uses asked in Japanese (a question of price).
@pytest.mark.parametrize(("text", "action", "then"), [
    ("先給我看一下目前的場景列表，然後就匯出吧", "state", "export"),
    ("先給我看一下進度，然後把檔案傳給我", "state", "export"),
    ("mira cuántos créditos tengo y luego me sacas el mp4", "credits", "export"),
    ("zeig kurz den stand und dann her mit der datei", "state", "export"),
    ("her mit dem logo, ich will es oben links", "chat", None),
    ("how's the render getting on", "state", None),
    ("レンダリング終わりましたか？", "state", None),
    ("書き出しは終わりましたか？保護者が10時に来校します。", "state", None),
    ("動画1本作るのにクレジットどれくらい使うの？", "chat", None),
    ("クレジットどれくらい残ってる？", "credits", None),
    ("场景列表里加一个开场", "chat", None),
])
def test_the_forty_sixth_rounds_later_batches(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# Batches 379-382's train parts: French "où elle en est" asks how far the project has got, and
# "on en est où" after the balance named takes it up; the render's percentage asked after the
# project's status is one question.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("montre moi où elle en est puis envoie le mp4", None, "state", "export"),
    ("et côté crédits, on en est où ?", "timeline", "credits", None),
    ("et côté solde, on en est où", "timeline", "credits", None),
    ("Status vom Projekt? Wie viel % vom Render sind durch?", None, "state", None),
    ("how many credits do I have left? where's the render at?", None, "credits", "state"),
])
def test_the_forty_sixth_rounds_last_batches(text: str, after: str | None, action: str,
                                             then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# Batches 383-386's train parts: a way of paying by card brand; a caption's own words after
# its label's colon make no frame with the words before it (up to a pause: "结尾加上地址：…，
# 加完发我成品" still asks for the file); "ça en est où" after the balance takes it up; the
# render's progress asked with "どのくらい進んで"; what one export costs.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("儲值可以刷JCB嗎？", "credits", "chat", None),
    ("마지막 장면 자막: 앱 다운로드하고 보관함 번호 확인하세요", None, "chat", None),
    ("结尾加上地址：武侯区玉林路18号，加完发我成品", None, "chat", "export"),
    ("show me the timeline: I want to check the order", None, "state", None),
    ("super. et mes crédits, ça en est où ?", "timeline", "credits", None),
    ("mes crédits, ça en est où, et la vidéo ?", None, "credits", "state"),
    ("lancez le rendu final, on la met sur le site ce soir", None, "export", None),
    ("なるほど。ちなみに1回の書き出しって何クレジットくらい？", "credits", "chat", None),
])
def test_the_forty_sixth_rounds_captions_and_prices(text: str, after: str | None, action: str,
                                                    then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# What a retraining turned (the rules now hold it): the project asked in two questions.
@pytest.mark.parametrize(("text", "action"), [
    ("もう出来上がったのでしょうか？まだ作っているところですか", "state"),
    # Credits named in two questions of how they work: still how they work.
    ("comment ça marche les crédits ? un crédit = une vidéo ?", "chat"),
])
def test_what_a_retraining_turned(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Batches 387-390's train parts: a greeting with "Morgen" puts nothing off; someone else
# waiting is no wait asked for; yeses typed as "ㄱㄱ" and "搞起"; "como ficou" asks how far
# the project has got; credits refilled each month asked about is how they work; deciding
# later whether to top up asks nothing.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("Guten Morgen, wie hoch ist unser aktuelles Guthaben?", None, "credits", None),
    ("exportier das morgen", None, "chat", None),
    ("지금 바로 뽑아주세요 손님이 기다려요", None, "export", None),
    ("ㄱㄱ!! 🚌", "export-offer", "export", None),
    ("搞起搞起！！🚌", "export-offer", "export", None),
    ("me mostra como ficou e depois manda o arquivo", None, "state", "export"),
    ("크레딧은 매달 충전되는 거예요?", None, "chat", None),
    ("好，我先跟司庫討論一下再決定要不要儲值。", "credits", "chat", None),
    ("点数够吗？要不要充值？", None, "credits", None),
    # What is in the video asked in so many words; the longest video asked about.
    ("Could you tell me what is in my video right now?", None, "state", None),
    ("whats the longest video u can render", None, "chat", None),
    ("render the longest video first", None, "export", None),
    # A top-up asked whether it arrived is the balance, whatever the learned model reads.
    ("我刚用微信支付充值了，到账了吗", None, "credits", None),
])
def test_the_forty_sixth_rounds_greetings_and_yeses(text: str, after: str | None, action: str,
                                                    then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The forty-sixth round's review (a helper who had not seen the rules tried the round's change
# with its own messages); the faults it found that were mended. Which version or "first" now
# lets only a request to see the project or the balance open its clause, so an export noun
# after it asks nothing again. Left: a complaint about the last export, or an export set aside,
# before a request to see the timeline or the balance ("最新的导出有点糊，给我看一下时间线",
# "先に書き出しは置いといて、残高教えて") is chat, as before the round; "Guten Morgen, kannst
# du es morgen exportieren?" is export (the later "morgen" never put the export off; the
# greeting's did, by accident); the render as a topic without a connector ("oye, el render,
# ¿cómo va?") stays export.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # A request after the topic's question still asks for the file.
    ("y el render, ¿cómo va? mándalo ya", None, "export", None),
    ("et l'export, où il en est ? envoie-le", None, "export", None),
    # How it turned out, beside the render in one clause, is why the file is wanted.
    ("mándame el render para ver cómo quedó", None, "export", None),
    ("me passa a exportação pra ver como ficou", None, "export", None),
    # An ordinary colon after a remark on the captions is no label's.
    ("los subtítulos quedaron bien y ahora: mándame el video", None, "export", None),
    ("the text is fine and now please: show me the timeline", None, "state", None),
    # The balance settled before the pause is not what "on en est où" takes up.
    ("pour les crédits c'est réglé, on en est où ?", None, "credits", "state"),
    ("mon quota du mois, il en est où ?", None, "credits", None),
    # A top-up told to have arrived asks nothing of the balance.
    ("充值成功了，积分能不能分给我团队的其他成员用", None, "chat", None),
    ("la recarga ya llegó, gracias. ¿los créditos se pueden pasar a otra cuenta de mi equipo?",
     None, "chat", None),
    # A past edit joined by "-고" is no edit asked first.
    ("아까 자막 수정하고 크레딧이 빠진 것 같은데 지금 잔액 좀 확인해줘", None, "credits", None),
    ("제가 어제 인트로 자르고 저장했는데 지금 타임라인 보여주세요", None, "state", None),
    # The user's own "please hold" still holds the export.
    ("네 잠시만 기다리고 계세요", "export-offer", "chat", None),
    ("what's the longest clip on my timeline?", None, "state", None),
    ("ich muss noch ein paar Fotos nachladen", None, "chat", None),
    ("给我看一下价格", None, "chat", None),
    ("il faut lancer le rendu quand ?", None, "chat", None),
    # German "erst morgen" (only tomorrow) before the infinitive puts it off; a deadline does not.
    ("das Video bitte erst morgen rendern", None, "chat", None),
    ("bitte für morgen exportieren", None, "export", None),
])
def test_the_forty_sixth_rounds_review(text: str, after: str | None, action: str,
                                       then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # The render named as the topic at the sentence's start (a noun no language asks with,
    # or with its article), a pause, then how far it has got: the project's progress.
    ("レンダリング、あと何パーセントですか", None, "state", None),
    ("렌더링, 어디까지 됐어요?", None, "state", None),
    ("oye, el render, ¿cómo va?", None, "state", None),
    ("le rendu, il avance ?", None, "state", None),
    ("a exportação, tá em quanto?", None, "state", None),
    # A bare "render" may ask to render; a request before the topic asks for the file.
    ("render, how far along?", None, "export", "state"),
    ("mándame el render, ¿cómo va?", None, "export", None),
    # A way of asking for the file before the balance asks for the balance, then the file.
    ("give me my balance then export it", None, "credits", "export"),
    ("dame mi saldo y luego exporta", None, "credits", "export"),
    ("me dá meu saldo e depois exporta", None, "credits", "export"),
    # Korean "how many more videos … possible / will do": the balance; a story's length is not.
    ("이번 달에 몇 편 더 가능해요?", None, "credits", None),
    ("남은 걸로 몇 편 더 될까요?", None, "credits", None),
    # "now" with the yes accepts the offer.
    ("ja gerne, jetzt bitte", "export-offer", "export", None),
    # Which cards or ways to pay a top-up takes is a question for the agent.
    ("quais cartões vocês aceitam pra recarregar?", None, "chat", None),
    ("¿qué tarjetas aceptan para recargar?", None, "chat", None),
    ("which cards do you accept for a top up?", None, "chat", None),
    ("welche Karten nehmt ihr zum Aufladen?", None, "chat", None),
    ("quero recarregar, quanto crédito tenho?", None, "credits", None),
    # A kiss to sign off says nothing more.
    ("download link x", None, "export", None),
    ("ok thanks xx", None, "chat", None),
    # Turned the other way by the retrained model, mended with words.
    ("passt, lad es mir runter", None, "export", None),
    ("ich lad es mir später runter", None, "chat", None),
    ("렌더링 몇 %예요?", None, "state", None),
    ("Stand zum Projekt bitte, bin gleich im Meeting", None, "state", None),
    ("kurzer Stand: die Musik ist zu laut", None, "chat", None),
    # A Chinese condition up to its comma supposes the balance, over a frame across the
    # comma or a word that joins inside it; a question after it still asks.
    ("如果积分还够，我想再做一个英文版", None, "chat", None),
    ("如果做完积分还够，我想再做一个", None, "chat", None),
    ("如果导出失败，看一下积分", None, "credits", None),
    ("积分还够吗，能再做一个吗？", None, "credits", None),
    # Progress asked without the accent, then the file.
    ("como va? y después pasame el mp4", None, "state", "export"),
    ("como ta? e quando terminar me manda o mp4", None, "state", "export"),
    ("hola como va todo, pasame el video", None, "export", None),
    ("zeig mal stand und dann schick mir die datei", None, "state", "export"),
    ("show me where things stand, then export it", None, "state", "export"),
    ("i know where we stand, export it", None, "export", None),
    # Whether the render is done, asked in a few words: the project's progress; a request
    # after it still asks for the file.
    ("export done?", None, "state", None),
    ("render ready?", None, "state", None),
    ("ist der Export schon fertig?", None, "state", None),
    ("a exportação terminou?", None, "state", None),
    ("render finished? send it", None, "export", None),
    # A light verb that is a way of asking for the very object after it ("generate" + "the
    # mp4") makes the request with it, also as the second of two.
    ("quantos créditos tenho? e depois gera o mp4", None, "credits", "export"),
    ("show me the timeline and then generate the mp4", None, "state", "export"),
    ("génère le fichier final", None, "export", None),
    ("zeig mir meinen aktuellen Stand an Credits", None, "credits", None),
    ("und was macht das Projekt?", None, "state", None),
    ("was macht das Video so langsam?", None, "chat", None),
    ("得 做啦", "export-offer", "export", None),
    # The finished file named alone in a last clause after a request and a connector is a
    # second request; said of, it is none.
    ("how many credits do I have? and then the mp4 please", None, "credits", "export"),
    ("show me the timeline and then the mp4 please", None, "state", "export"),
    ("Zeig mir die Timeline, danach bitte die MP4", None, "state", "export"),
    ("how many credits do I have? and then the mp4 is too dark", None, "credits", None),
    ("show me the timeline and the mp4 sucks", None, "state", None),
    ("场景清单给我看一下", None, "state", None),
    ("any progress on my render?", None, "state", None),
    # Whether a top-up is needed before starting: the balance.
    ("开始做之前，我是不是得先充值？", None, "credits", None),
    ("开始之前先给我看时间线", None, "state", None),
    # Where the user puts the finished file next, after asking for it, is no upload of theirs.
    ("exporta el video, que lo quiero subir hoy", None, "export", None),
    ("export it, I need to upload it to the newsletter today", None, "export", None),
    ("exporta o vídeo, quero subir hoje no insta", None, "export", None),
    ("schick mir die Datei, ich muss sie heute noch hochladen", None, "export", None),
    # Without a request for the file first, the user's own video still goes up to us.
    ("tengo un video de la boda, lo quiero subir", None, "upload", None),
    ("dime en qué va y luego me lo exportas", None, "state", "export"),
    ("好 开始吧", "export-offer", "export", None),
    # "Before I change my mind" puts nothing before the export.
    ("oui vas-y, avant que je change d'avis", "export-offer", "export", None),
    ("dale, antes de que me arrepienta", "export-offer", "export", None),
    ("yes go, before I change my mind", "export-offer", "export", None),
    ("oui mais avant, coupe l'intro", "export-offer", "chat", "export"),
    ("show me the scene list and then export it", None, "state", "export"),
    # Small talk about the weather asks nothing of the project.
    ("como tá o tempo aí? aqui nevou muito", None, "chat", None),
    ("¿cómo va el clima por allá?", None, "chat", None),
    # Turned the other way by the retrained model, mended with words: what the timeline is,
    # and merging scenes, are no request to see the project.
    ("时间轴是什么东西", None, "chat", None),
    ("junta as cenas 3 e 4 numa só", None, "chat", None),
    ("junta las escenas 2 y 3 y luego exporta", None, "chat", "export"),
    ("füge Szene 2 und 3 zusammen", None, "chat", None),
    # A light verb after other words in its clause is dropped as before: the question asks
    # nothing of the file.
    ("cuando genera el mp4, ¿se guarda en la nube?", None, "chat", None),
    # Kept from the model's veto: the file asked in the last clause after a comma, in
    # Latin script; a Japanese question of the balance after "その前に"; a Korean purpose
    # ending after two acts ("so that I see the credits").
    ("la musique est parfaite et le titre aussi, envoie-moi la vidéo finale", None,
     "export", None),
    ("新しい版も作りたいんですが、その前に支払いって必要になりますか", None, "credits", None),
    ("내보내고 크레딧 보게", None, "export", None),
    # The project named alone beside praise is what the praise is of; asked, it is wanted.
    ("adorei, gostei muito da ordem das cenas", "timeline", "chat", None),
    ("qué bonito quedó el orden de las escenas", None, "chat", None),
    ("gefällt mir, die Szenen bleiben so", "timeline", "chat", None),
    ("love it! timeline?", None, "state", None),
    # How renewal works is a question for the agent; the balance asked beside a wish to top
    # up is still the balance.
    ("do credits renew every month or do I have to top up manually?", None, "chat", None),
    ("I want to top up, how many credits do I have?", None, "credits", None),
    # Someone else takes care of the download: nothing for the runtime to do.
    ("ma fille s'occupe de télécharger la vidéo, pas besoin de me l'envoyer", None, "chat",
     None),
    # Where the user puts the file afterwards (a USB stick) is no edit.
    ("mp4を送っていただけますか？USBに入れて使います", None, "export", None),
    ("能不能让我下载下来放U盘里", None, "export", None),
    ("行，开搞", "export-offer", "export", None),
    ("yes please do it now", "export-offer", "export", None),
    ("直接导出吧，我要上传到公众号", None, "export", None),
    # The render named before the progress asked of it, then the file: both.
    ("先给我看渲染进度，然后把mp4发我", None, "state", "export"),
    ("렌더링 진행 상황 보여 주시고 끝나면 파일 주세요", None, "state", "export"),
    # Where the render is at, then a request joined by a connector in the same sentence.
    ("check where the render's at and then send me the file", None, "state", "export"),
    ("render it, and where's the other one at?", None, "export", None),
    # "I can't remember" negates no request.
    ("能把现在的时间线给我看看吗？我记不清留了哪些片段了", None, "state", None),
    # The balance asked to be checked opens the first of two requests.
    ("先查下我还剩多少点，然后导出", None, "credits", "export"),
    # How it is looking, asked to be shown before the file; the render's progress "到哪了".
    ("Zeigen Sie mir erst, wie es aussieht, und dann bitte exportieren", None, "state",
     "export"),
    ("send me the video to see how it's looking", None, "export", None),
    ("네네 진행해 주세요", "export-offer", "export", None),
    ("Ja, bitte machen Sie das.", "export-offer", "export", None),
    # Turned by the last retraining, mended with words: a sending told as done, a French
    # request to download it, and whether one may.
    ("我把分镜发给客户了", None, "chat", None),
    ("tu peux me le télécharger ce soir ?", None, "export", None),
    ("je ne sais pas si tu peux le télécharger en 4k", None, "chat", None),
])
def test_the_forty_seventh_rounds_data(text: str, after: str | None, action: str,
                                       then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # Praise beside the project named alone is what it is of, unless a request word asks.
    ("love it! timeline please", None, "state", None),
    ("好看，时间线给我", None, "state", None),
    # A render named as a topic: only a short question right after its pause asks how far
    # it has got; a request before it asks for the file first.
    ("書き出し、お願いします、進捗も教えてください", None, "export", "state"),
    ("the render, how far along is it?", None, "state", None),
    ("the export, how far can I compress it without losing quality?", None, "chat", None),
    # A Chinese condition without its comma asks: the balance after the video.
    ("如果做完这个视频还剩多少积分", None, "credits", None),
    ("积分的介绍在哪里看", None, "chat", None),
    ("자동 충전된 크레딧 얼마나 남았어요?", None, "credits", None),
    # Music that goes well ("combina") is no merging of scenes.
    ("la música combina perfecto, ya expórtalo", None, "export", None),
    # "Before downloading, let me check the balance" asks for the balance.
    ("다운받기 전에 잔액 좀 확인하게", None, "credits", None),
    ("e aí, como ta você?", None, "chat", None),
])
def test_the_forty_seventh_rounds_review(text: str, after: str | None, action: str,
                                         then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail



# Contrast batches 447-450's train parts (forty-eighth round): a phone's balance, a course's
# credits, credits spent or topped up told as done, whether a plan gives more credits are no
# balance asked; "please" first, or "now" ending the verb's clause, is an instruction the
# learned model does not overrule; what one may still do without credits is a question.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("me quedé sin saldo en el celular, por eso no te contesté", None, "chat", None),
    ("手机话费没了，视频发不出去", None, "chat", None),
    ("I need 12 more course credits to graduate", None, "chat", None),
    ("on a rechargé 500 crédits la semaine du salon", None, "chat", None),
    ("I spent 300 credits on the teaser, ouch", None, "chat", None),
    ("I spent 300 credits on the teaser, how many are left?", None, "credits", None),
    ("o plano anual dá mais créditos?", None, "chat", None),
    ("quanto saldo ainda tenho no plano anual?", None, "credits", None),
    ("si je n'ai plus de crédits, on pourra encore télécharger la vidéo ?", None, "chat", None),
    ("por favor, se encarga de exportarlo en mp4", None, "export", None),
    ("please export it when the music is fixed", None, "chat", None),
    ("I'll upload the rest tomorrow, export what you have now", None, "export", None),
])
def test_the_forty_eighth_rounds_contrasts(text: str, after: str | None, action: str,
                                           then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The same round: the end credits named in a clause of what comes first leave the balance
# asked after it standing; the project asked for in its own clause before the file's request
# and a connector is asked too, also where its way of asking ends the clause (Japanese).
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("before adding the end credits, how many credits do I have?", None, "credits", None),
    ("antes de poner los créditos finales, cuánto saldo me queda?", None, "credits", None),
    ("엔딩 크레딧 넣기 전에 크레딧 얼마 남았어요?", None, "credits", None),
    ("put the end credits in, then how many credits do I have?", None, "chat", None),
    ("dis-moi ce qu'il y a dans la timeline puis envoie-moi la vidéo", None, "state", "export"),
    ("タイムラインに何が入ってるか見せて、そのあと動画送って", None, "state", "export"),
    ("je crois que la timeline est terminée, envoie-moi la vidéo", None, "export", None),
    # A check of whether opening the balance's sentence asks for it, then the file.
    ("check if I have enough credits and then export it", None, "credits", "export"),
    ("schau mal ob die Credits reichen und exportier es dann", None, "credits", "export"),
    ("fíjate si me alcanzan los créditos y luego expórtalo", None, "credits", "export"),
    ("check if the end credits are spelled right, then export", None, "chat", "export"),
    # How far the generation has got; an edit then the file again, in Japanese and Korean.
    ("生成到哪一步了？", None, "state", None),
    ("字幕のタイミングを早めて、書き出してください", None, "chat", "export"),
    ("자막 조금 올리고 내보내 주세요", None, "chat", "export"),
    ("字幕を直して、もう一度書き出してください", None, "chat", "export"),
    ("もう一度書き出して", None, "export", None),
    # Contrast batches 451-454's train parts: "again" beside a request asks for the thing once
    # more, whatever format or complaint is beside it; not in a condition, nor "the other
    # time"; credits bought told as done; the end credits before a colon.
    ("can you export it again in 1080p? yesterday's was blurry", None, "export", None),
    ("sorry, can you show me the balance again? I closed it", "credits", "credits", None),
    ("si cambio la música, tendría que exportar otra vez?", None, "chat", None),
    ("da outra vez o download veio sem som", None, "chat", None),
    ("we bought 200 credits in march, the invoice is in the shared drive", None, "chat", None),
    ("Bevor wir an den Abspann gehen: wie viele Credits habe ich noch?", None, "credits", None),
    ("改回之前的配乐然后导出给我", None, "chat", "export"),
    ("schau bitte ob die Credits reichen und exportier dann", None, "credits", "export"),
    # The project's way of asking opening its clause; "first" between the balance and its
    # check; the file sent again; "already now".
    ("列出而家有邊幾個場景，跟住幫我匯出", None, "state", "export"),
    ("잔액 먼저 확인하고 내보내줘", None, "credits", "export"),
    ("vous pouvez me renvoyer la vidéo ?", None, "export", None),
    ("Schick mir das Video jetzt schon, ich geb es weiter", None, "export", None),
])
def test_the_forty_eighth_rounds_clauses(text: str, after: str | None, action: str,
                                         then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# A reviewer's faults in the forty-eighth round's rules, mended: "again" counts only with a
# way of asking in its own clause and no story, thanks, condition or past there; the end
# credits' clause of what comes first needs a question or request after it, and holds every
# content phrase; "please" first only a few words before the verb, none an article; a check
# of whether needs a word of how much; "now" ending a clause whose action word is a subject
# asks nothing; a negated project is not asked before the file; phones' balances are only
# ignored, so the app's balance asked beside them is still the balance.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("Thanks again for the export, you're the best!", None, "chat", None),
    ("The export froze again, can you help me?", None, "chat", None),
    ("もう一回書き出したのに字幕が消えてる", None, "chat", None),
    ("¿Tengo que exportar otra vez si cambio el logo?", None, "chat", None),
    ("Before I added the end credits, my balance was 500 and now it's 200", None, "chat",
     None),
    ("Before the credits, add a thank you slide, how many credits do I have left?", None,
     "chat", None),
    ("Please, I have a question about the export", None, "chat", None),
    ("Por favor, el exportar no me funciona", None, "chat", None),
    ("check if the credits look good and then export it", None, "chat", None),
    ("the team updated the app overnight, export takes two minutes now", None, "chat", None),
    ("ok, export quality is much better now", None, "chat", None),
    ("Kann ich nochmal in 4K exportieren?", None, "chat", None),
    ("不用给我看时间线，然后把mp4发我", None, "export", None),
    ("手机欠费了，我还有多少积分？", None, "credits", None),
    ("영상 올리고 타임라인 보여줘", None, "state", None),
    ("after the export, how many credits do I have left?", None, "credits", None),
    ("さっきのレンダリングのあと、クレジットどれくらい残ってる？", None, "credits", None),
])
def test_the_forty_eighth_rounds_review(text: str, after: str | None, action: str,
                                        then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# The forty-ninth round's rules, from the train parts of batches 459-462: a thing in the video
# set aside ("not the end credits", "エンドクレジットじゃなくて") or named before a pause later in
# its clause of what comes first ("…の前に確認したいんですが、", "…작업 전에요,", "… - ") leaves
# the balance asked after it; a tutorial the project is ("the render of the tutorial") is no
# video's subject; the making named as a thing and asked how far it has got ("生成到几成了",
# "생성 다 됐어요?") is the project's progress. Each beside what must stay as it was.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("エンドクレジットの前に確認したいんですが、私のクレジット残りいくつ？", None, "credits",
     None),
    ("엔딩 크레딧 작업 전에요, 제 계정에 크레딧 얼마나 남았어요?", None, "credits", None),
    ("before we touch the end credits again - how many credits do I have left on the account?",
     None, "credits", None),
    ("esquece os créditos finais por agora, quero saber os créditos da minha conta", None,
     "credits", None),
    ("エンドクレジットじゃなくて、アカウントのクレジット残高を知りたいです", None, "credits",
     None),
    ("not the end credits, how many credits have I got left?", None, "credits", None),
    ("Before I added the end credits, my balance was 500 and now it's 200", None, "chat", None),
    ("之前的片尾字幕，积分那行去掉", None, "chat", None),
    ("not the end credits, the opening titles should be white", None, "chat", None),
    ("¿cuánto le falta al render del tutorial de centros de mesa?", None, "state", None),
    ("em quanto tá o progresso do tutorial de coroa de flores?", None, "state", None),
    ("used loads on the peony tutorial last week, how many credits are left now?", None,
     "credits", None),
    ("haz un tutorial de cómo exportar en 4K", None, "chat", None),
    ("Mach ein Tutorial zum Exportieren", None, "chat", None),
    ("生成到几成了", None, "state", None),
    ("生成咗未", None, "state", None),
    ("생성 다 됐어요? 몇 퍼센트까지 진행됐는지 궁금해요", None, "state", None),
    ("생성은 다 됐어?", None, "state", None),
    ("生成どこまで進んだ？", None, "state", None),
    ("生成一个进度条", None, "chat", None),
    ("帮我生成一个视频", None, "chat", None),
    ("생성 다시 해줘", None, "chat", None),
])
def test_the_forty_ninth_rounds_rules(text: str, after: str | None, action: str,
                                      then: str | None) -> None:
    _routes_to(text, action, then, after)


# More of the forty-ninth round, from the train parts of batches 459-466: the balance asked of
# now after a clause that said something of it (a complaint, a cost, someone's top-up) is
# asked ("积分扣得好快，现在到底还剩几个？"), but not a price asked of now; a Chinese "刚" is a
# time in the past, not a question about a thing; a Korean "줄어드는" holds no cost; two
# requests whose first opens with "redonne-moi", "让我看看 … 都", "check下", "erst aufs" or a
# kind of track ("音声トラック") are both done.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("积分扣得好快，现在到底还剩几个？", None, "credits", None),
    ("积分怎么掉得这么快，我现在到底还有多少？", None, "credits", None),
    ("Jan says she's bought credits for the team account, how many are showing on there now?",
     None, "credits", None),
    ("크레딧 빨리 줄어드는 것 같은데 지금 정확히 몇 개인지 알려줘요", None, "credits", None),
    ("刚做完那条一分钟的，我还剩几个点？", None, "credits", None),
    ("how much do credits cost, how many do I need now?", None, "chat", None),
    ("크레딧이 얼마나 드는지 알려줘", None, "chat", None),
    ("积分扣得好快，太离谱了", None, "chat", None),
    ("刚导出的视频怎么没有声音？", None, "chat", None),
    ("Redonne-moi la liste des scènes et envoie-moi le mp4 après", None, "state", "export"),
    ("先让我看看视频里都有哪些镜头，然后把文件发我", None, "state", "export"),
    ("音声トラックに何が入ってるか見せて、そのあとmp4送ってください", None, "state", "export"),
    ("check下我仲有幾多點，跟住export條決賽片俾我", None, "credits", "export"),
    ("Schau bitte erst aufs Guthaben und exportier dann das Video für Herrn Kaya", None,
     "credits", "export"),
    ("The export froze again, can you help me?", None, "chat", None),
])
def test_the_forty_ninth_rounds_balance_and_pairs(text: str, after: str | None, action: str,
                                                  then: str | None) -> None:
    _routes_to(text, action, then, after)


# And from the train parts of batches 467-470: right after the balance was shown, a question of
# what it is made of, pointing back at it, asks for it again (not a question of policy); a
# question of what the project holds, joined by "then" to a request for the file, asks both;
# Rioplatense "exportá" asks for the file; the balance asked of now by a way of asking, with no
# question mark; credits counted out beside a price are what the price is asked of.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("does that include the free ones?", "credits", "credits", None),
    ("Und wie viele davon verfallen Ende Jahr?", "credits", "credits", None),
    ("这里面包月送的和我自己充的各剩多少？", "credits", "credits", None),
    ("¿y de esos cuántos caducan este mes?", "credits", "credits", None),
    ("それって無料分も含まれてます？有料分だけだといくつですか", "credits", "credits", None),
    ("do credits expire?", "credits", "chat", None),
    ("ok. Verfallen die Credits eigentlich am Monatsende?", "credits", "chat", None),
    ("收到。咁啲點數會唔會過期㗎？", "credits", "chat", None),
    ("好的谢谢，那积分会过期吗", "credits", "chat", None),
    ("好的，那应该够用到期末了", "credits", "chat", None),
    ("ok export it with the bonus scene", "credits", "export", None),
    ("Which scenes are in it now? list them for me and then send me the file", None, "state",
     "export"),
    ("現在有幾個場景？列給我看，然後匯出mp4", None, "state", "export"),
    ("¿qué escenas tiene ahora el video? mostrámelas y después mandame el mp4", None, "state",
     "export"),
    ("fijate cuántos créditos me quedan y después exportá el de 5 minutos", None, "credits",
     "export"),
    ("exportá el video", None, "export", None),
    ("¿cómo exportá uno en 4k?", None, "chat", None),
    ("积分扣得好快，你看看我现在还剩几个", None, "credits", None),
    ("Was kostet's eigentlich, 500 Credits nachzukaufen?", "credits", "chat", None),
    ("Was kostet's eigentlich, 500 Credits nachzukaufen?", None, "chat", None),
    ("how many credits do I have? and what do 500 credits cost?", None, "credits", None),
])
def test_the_forty_ninth_rounds_follow_ups(text: str, after: str | None, action: str,
                                           then: str | None) -> None:
    _routes_to(text, action, then, after)


# The forty-ninth round, from the train parts of batches 471-474: the subject of the video the
# credits are for, named after them, leaves the balance asked ("do I have enough credits for
# a video about insulin pens?"; not a bank's name); the balance asked without its name after a
# top-up or charge told ("Ist die Aufladung von gestern durch? Wie viel hab ich jetzt?"), but
# not a price; a pack's price ("多少钱", "개짜리", "le pack"); spending told with an exclamation;
# "됐고" sets the end credits aside; "確認したい" asks; "まだ終わらない？" asks how far.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("Reichen meine Credits noch für ein Video über Insulinpens?", None, "credits", None),
    ("do I have enough credits for a video about insulin pens?", None, "credits", None),
    ("¿me alcanzan los créditos para un video sobre la insulina?", None, "credits", None),
    ("a video explaining how to check your balance", None, "chat", None),
    ("j'ai rdv au Crédit Agricole jeudi pour le prêt de la nouvelle miellerie", None, "chat",
     None),
    ("Ist die Aufladung von gestern durch? Wie viel hab ich jetzt?", None, "credits", None),
    ("¿Ya se acreditaron los 300 que cargué ayer? cuánto tengo ahora", None, "credits", None),
    ("扣完之後我淨返幾多？", None, "credits", None),
    ("can you check how many of those 200 I topped up are actually left", None, "credits",
     None),
    ("how much does a top-up cost?", None, "chat", None),
    ("I topped up yesterday, the receipt came by email", None, "chat", None),
    ("充1000积分多少钱？最近有活动吗", None, "chat", None),
    ("c'est combien le pack de 200 crédits ?", None, "chat", None),
    ("크레딧 500개짜리 얼마예요?", None, "chat", None),
    ("잔액 얼마예요", None, "credits", None),
    ("mon solde c'est combien ?", None, "credits", None),
    ("ayer me gasté un montón de créditos probando músicas, qué desastre", None, "chat", None),
    ("gastei metade dos meus créditos só no vídeo do ensaio de sábado kkkk", None, "chat",
     None),
    ("엔딩 크레딧은 됐고 내 크레딧 잔액이나 알려줘", None, "credits", None),
    ("エンドクレジット直す前に、クレジット残高がまだ足りるか確認したいです", None, "credits",
     None),
    ("まだ終わってないよ、字幕を直して", None, "chat", None),
])
def test_the_forty_ninth_rounds_implied_balance(text: str, after: str | None, action: str,
                                                then: str | None) -> None:
    _routes_to(text, action, then, after)


# A reviewer's faults in the forty-ninth round's rules, mended: the balance's makeup is asked
# by whether it includes a kind or by how many of a kind, never beside an edit or as a policy
# ("does that include the free ones?" asks; "¿eso es gratis?", "j'ai pas compris" do not);
# the balance asked of now after a complaint needs a word of how many ("现在还有优惠吗？" asks
# of a discount); Spanish "cargue" and French "rechargé" are no top-ups; "进度" alone is no
# progress asked of the making, nor a condition after it; no bare "まだ終わらない"; "first …,
# later …" keeps only a frame's request; the speaker's own check ("제가 확인할게요") asks
# nothing; "tutorial übers"; a balance asked in money ("幾多錢") and a pack of 100 bought
# told ("100개짜리 충전했는데") are still the balance; "descargá" is no request by itself.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("ok, include that photo of the dog in the intro please", "credits", "chat", None),
    ("cool. can you add a bonus scene at the end of that clip?", "credits", "chat", None),
    ("¿eso es gratis?", "credits", "chat", None),
    ("이거 무료예요?", "credits", "chat", None),
    ("that's fine. can I get a referral code?", "credits", "chat", None),
    ("这个套餐包括哪些功能？", "credits", "chat", None),
    ("j'ai pas compris, ça veut dire quoi ?", "credits", "chat", None),
    ("c'est compris dans l'abonnement, ça ?", "credits", "chat", None),
    ("does that include the free ones?", "credits", "credits", None),
    ("eso incluye los de la promo? mostrame solo los que compré yo", "credits", "credits",
     None),
    ("does that include tax?", "credits", "chat", None),
    ("ok. does that include the wedding video I made yesterday?", "credits", "chat", None),
    ("¿cuánto tengo que esperar a que cargue el video?", None, "chat", None),
    ("j'ai rechargé la page, combien de temps il reste ?", None, "chat", None),
    ("积分太贵了，现在还有优惠吗？", None, "chat", None),
    ("los créditos están carísimos, ¿ahora quedan descuentos?", None, "chat", None),
    ("帮我制作进度报告的视频", None, "chat", None),
    ("制作得怎么样才能上热门？", None, "chat", None),
    ("생성 끝났으면 알림 오나요?", None, "chat", None),
    ("生成どこまでできるの？4Kもいける？", None, "chat", None),
    ("会議がまだ終わらない…", None, "chat", None),
    ("first the export thing, I'll get back to you later about it", None, "chat", None),
    ("엔딩 크레딧 넣기 전에 크레딧 잔액은 제가 확인할게요", None, "chat", None),
    ("Mach das Tutorial übers Exportieren fertig", None, "chat", None),
    ("字幕の修正がまだ終わってないけど、先に書き出して", None, "export", None),
    ("我嘅餘額仲有幾多錢？", None, "credits", None),
    ("100개짜리 충전했는데 크레딧 몇 개 남았어요?", None, "credits", None),
    ("descargá la app y fijate", None, "chat", None),
    ("先に写真送ります、動画はあとで送ります", None, "upload", None),
])
def test_the_forty_ninth_rounds_review(text: str, after: str | None, action: str,
                                       then: str | None) -> None:
    _routes_to(text, action, then, after)


@pytest.mark.parametrize(("text", "action", "then"), [
    # A question of whether it is done, naming what is made, then a request that waits on it:
    # both asked; a bare "done?" or a request that does not wait on it: the file alone.
    ("is the video finished rendering? if yes, send me the file", "state", "export"),
    ("¿ya terminó de generarse el video? si es así, mándamelo", "state", "export"),
    ("já acabou de gerar o vídeo? se sim, manda", "state", "export"),
    ("render finished? send it", "export", None),
    ("is it done? if so, send it", "export", None),
    ("is it done? export", "export", None),
    # A pack's price is no balance asked; the balance asked with "c'est combien" still is.
    ("c'est combien le pack de 2000 crédits ?", "chat", None),
    ("mon solde c'est combien ?", "credits", None),
    ("2000クレジットでいくらですか？", "chat", None),
    ("追加購入っていくらかかるの？", "chat", None),
    # A team that downloads the video itself; a request that it can.
    ("완성본은 마케팅팀에서 다운받아서 올린대요", "chat", None),
    ("홍보팀에서 받을 수 있게 내보내 주세요", "export", None),
    ("扣完这次还剩多少积分？", "credits", None),
    # The render as a time after the balance; "after that" as "then" before a request.
    ("how many credits do I have now after that long render?", "credits", None),
    ("how many credits do I have? and after that export the video", "credits", "export"),
    # Whether the balance is enough to export: what the credits are for.
    ("我仲有幾多點數？夠唔夠再匯出一條？", "credits", None),
    # The render's status asked beside its name; the render asked for beside a question.
    ("is it done yet? the export I mean", "state", None),
    ("what's the status on the render? done yet?", "state", None),
    ("how's the export progressing?", "state", None),
    ("可以幫我匯出嗎？順便看一下有哪些片段", "export", "state"),
    ("the export, how far can I compress it without losing quality?", "chat", None),
    # Asked to be told or checked first, then the file.
    ("mirá cuántos créditos tengo y después exportá el video", "credits", "export"),
    ("dis-moi où j'en suis côté crédits, puis exporte la vidéo", "credits", "export"),
    ("diz-me quantas cenas tem o projeto e depois manda-me o ficheiro", "state", "export"),
    ("俾我睇吓時間軸，然後匯出", "state", "export"),
])
def test_the_fiftieth_rounds_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action", "then"), [
    # The reviewer's faults in the fiftieth round's rules, mended.
    ("is it done? give me the export", "export", None),
    ("is it done yet? send me the render please", "export", None),
    ("Send me the render please. How's it going?", "export", "state"),
    ("渲染完了吗？导出", "export", None),
    ("レンダリング終わった？書き出して", "export", None),
    ("ist das rendern fertig? wenn ja schick mir die datei", "state", "export"),
    ("o vídeo já ficou pronto? se sim manda o arquivo", "state", "export"),
    ("is it done? if the video is finished, send me the file", "export", None),
    ("영상 렌더링 끝났어? 화면 녹화본 말고 영상 파일 보내줘", "export", None),
    ("视频导出好了吗？我马上就要用，发我一下", "export", None),
    ("can you check my credits and after that export?", "credits", "export"),
    ("how many credits left? we have enough for export so go ahead", "credits", "export"),
    ("Wie wiit isch de Render? Scho fertig?", "state", None),
])
def test_the_fiftieth_rounds_review(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # A track named in a question of what is on it; a track in an edit.
    ("ok and what's on the voiceover track?", "timeline", "state", None),
    ("Und was liegt auf der Musikspur?", "timeline", "state", None),
    ("add a song to the music track", None, "chat", None),
    # Scenes in Chinese as the project's, beside a request for the file; a scene edited.
    ("先给我看看有哪些场景，然后把mp4发我", None, "state", "export"),
    ("第三个场景换成海边", None, "chat", None),
    ("how many credits do I have, and do they expire?", None, "credits", None),
    ("El último video me consumió 120 créditos", None, "chat", None),
    # A check of whether the balance is enough, then the export that waits on it.
    ("check I've got enough credits and if so render it", None, "credits", "export"),
    ("生成到幾多%？", None, "state", None),
    # The end credits named first, then a word that asks to be told.
    ("antes de cambiar los créditos finales dime cuántos créditos me quedan", None,
     "credits", None),
    ("엔딩 크레딧은 나중에 하고, 크레딧 몇 개 남았는지 알려줘", None, "credits", None),
])
def test_the_fiftieth_rounds_later_rules(text: str, after: str | None, action: str,
                                         then: str | None) -> None:
    _routes_to(text, action, then, after)


@pytest.mark.parametrize(("text", "action", "then"), [
    # The second reviewer's faults in the fiftieth round's later rules, mended: a track
    # complained of, the export asked whether after the end credits, a polite "if".
    ("can you check the music track? it sounds off", "chat", None),
    ("la pista de música lleva demasiado volumen", "chat", None),
    ("c'est quoi la piste audio ? elle grésille", "chat", None),
    ("antes de poner los créditos finales dime si ya puedo exportar", "chat", None),
    ("antes de mexer nos créditos finais pode me dizer se já posso exportar", "chat", None),
    ("If you could check my credits and tell me how much a top up costs", "credits", None),
    ("o render consumiu 30 créditos, quantos eu tenho agora?", "credits", None),
])
def test_the_fiftieth_rounds_second_review(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action", "then"), [
    # An edit verb naming the video to export by what it shows; a real edit before an export.
    ("查下还剩几个点，然后把换电池那条导出来", "credits", "export"),
    ("수리 교체 영상 mp4로 주세요", "export", None),
    ("把第三段换成那条海边的，然后导出", "chat", "export"),
    # Generation asked of how far it has got.
    ("c'est fini de générer ?", "state", None),
    ("ja acabou de gerar?", "state", None),
    ("生成到百分之几了？", "state", None),
    ("動画の生成の進み具合は？", "state", None),
    # "My own account" asks the user's balance.
    ("我自己的账号积分还剩多少？", "credits", None),
])
def test_the_fiftieth_rounds_last_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action", "then"), [
    # The third reviewer's faults in the video-name rule, mended: edits beside an export.
    ("자막 넣고 영상 내보내줘", "chat", "export"),
    ("删那条然后导出", "chat", "export"),
    ("删除片头那个然后导出", "chat", "export"),
    ("剪短那条再导出", "chat", "export"),
    ("换成那条导出来", "chat", None),
    ("去掉水印的视频导出", "chat", None),
    ("a música que você acabou de gerar?", "chat", None),
])
def test_the_fiftieth_rounds_third_review(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # The balance doubted right after it was shown, and asked again; no second look at
    # anything else.
    ("hm that's too low, I topped up on monday. check again?", "credits", "credits", None),
    ("c'est bizarre, j'en avais plus hier. tu peux revérifier ?", "credits", "credits", None),
    ("Das kann nicht sein, kannst du nochmal nachschauen?", "credits", "credits", None),
    ("不对吧，上周还有200多，你再查查", "credits", "credits", None),
    ("check again that the logo is gone", "credits", "chat", None),
    ("check again?", None, "chat", None),
    # The price of a pack is no balance question.
    ("how much is a 1000 credit pack?", None, "chat", None),
    ("how much for another 200 credits?", None, "chat", None),
    ("how much credit is left?", None, "credits", None),
    # "food bank" is what a video is about, not banking content.
    ("send me the download link for the food bank appeal", None, "export", None),
    # A render asked how far it has got, in Portuguese and Spanish.
    ("já acabou de renderizar o vídeo da feira?", None, "state", None),
    ("acabou de renderizar, manda pra mim", None, "export", None),
    ("¿cómo viene el render?", None, "state", None),
    # An action in a clause of what comes first; the other one is asked.
    ("before I render it, how many credits have I got?", None, "credits", None),
    ("antes de exportar, ¿cuántos créditos me quedan?", None, "credits", None),
    ("導出之前先幫我看看還剩多少點數", None, "credits", None),
    ("書き出す前にクレジットの残りを教えて", None, "credits", None),
    ("send me the file before the credits run out", None, "export", None),
    # Chinese "之前" after what it dates ends that clause; after a person it is the past.
    ("剪片头之前告诉我还剩多少积分", None, "credits", None),
    ("我之前充了300积分", None, "chat", None),
    ("两周之前扣了我80积分", None, "chat", None),
])
def test_the_fifty_first_rounds_rules(text: str, after: str | None, action: str,
                                      then: str | None) -> None:
    _routes_to(text, action, then, after)


@pytest.mark.parametrize(("text", "action", "then"), [
    # "导" with a measure word is the export; a word that only holds "导" is none.
    ("把开业那条也导一下", "export", None),
    ("导个横屏版给我", "export", None),
    ("能帮我指导一下配乐吗", "chat", None),
    ("导个竖屏版要多少积分", "chat", None),
    # A look at the project asked first in Chinese and Korean, then the file.
    ("先给我看看现在有几个片段，然后把成片发我", "state", "export"),
    ("分镜列表给我过一眼，然后导出", "state", "export"),
    ("俾我睇吓場景列表，然後出mp4俾我", "state", "export"),
    ("지금 들어간 클립이랑 트랙 보여주고, 그다음에 mp4 보내줘", "state", "export"),
    # A flower or a spark is no spending.
    ("换火花塞那条成片发我", "export", None),
    ("花园那条导出来", "export", None),
    ("做这个要花多少积分", "chat", None),
    # Generation asked how far it has got in Japanese; how many more it may make.
    ("ポスターの動画、もう生成終わりました？", "state", None),
    ("生成あと何%くらいですか", "state", None),
    ("あと何回生成できる？", "credits", None),
    # Making the download link is the export; a plan's credits are its price.
    ("gera o link de download do vídeo novo", "export", None),
    ("genera el enlace de descarga, porfa", "export", None),
    ("how many credits does the basic plan include?", "chat", None),
    ("基础版每个月包含多少积分？", "chat", None),
    ("我现在还有多少积分", "credits", None),
])
def test_the_fifty_first_rounds_second_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action"), [
    # A defect told beside a thing of the project: a complaint the learned model may not read
    # as a request; a request in words still asks.
    ("c'est quoi la piste musique ? elle grésille", "chat"),
    ("what's the music track? it sounds off", "chat"),
    ("la pista de audio suena raro, ¿qué pasa?", "chat"),
    ("show me the timeline, the music sounds off", "state"),
])
def test_a_defect_told_is_a_complaint(text: str, action: str) -> None:
    _routes_to(text, action, None)


def test_a_balance_checked_again_says_which_words_asked() -> None:
    # What `nemoskill route` shows: the words that asked to look again, not "no phrase".
    got = route("attends, tu peux revérifier ?", after="credits")
    assert (got.action, got.matched and got.matched.phrase) == ("credits", "revérifier")
    assert "revérifier" in got.detail
    assert "no action phrase" not in got.detail


@pytest.mark.parametrize(("text", "after", "action"), [
    # The reviewer's faults in the fifty-first round's rules, mended. A look again that names
    # another thing, tells a defect or a later time is no balance.
    ("double check the music volume", "credits", "chat"),
    ("자막 다시 확인해줘", "credits", "chat"),
    ("再查查字幕有没有错别字", "credits", "chat"),
    ("I'll check again tomorrow", "credits", "chat"),
    ("hmm it sounds off, check again?", "credits", "chat"),
    ("schau nochmal", "credits", "credits"),
    ("¿puedes revisar otra vez?", "credits", "credits"),
    # Words that hold "导"; flowers.
    ("片尾帮我宣导一下防诈骗", None, "chat"),
    ("雪花那条成片发我", None, "export"),
    # A plan named by its tier is a price; the user's own plan, or what is left on it, not.
    ("¿cuántos créditos trae el plan Pro?", None, "chat"),
    ("quantos créditos tem o plano básico?", None, "chat"),
    ("how many credits do I have left on the pro plan?", None, "credits"),
    ("läuft mein Pro-Abo noch und wie viel ist drauf?", None, "credits"),
    # Spanish and Japanese progress; Chinese "之前" that tells what there was.
    ("¿ya terminó el render?", None, "state"),
    ("¿el render ya llegó al 80%?", None, "state"),
    ("あとどれくらいで生成終わる？", None, "state"),
    ("生成どのくらい進んだ？", None, "state"),
    ("开做之前想确认下积分够不够", None, "credits"),
])
def test_the_fifty_first_rounds_review(text: str, after: str | None, action: str) -> None:
    _routes_to(text, action, None, after)


@pytest.mark.parametrize(("text", "after", "action", "then"), [
    # Korean "잘라내고" cuts and joins on the export; Cantonese "完未" asks how far the render
    # has got; a German doubt of the balance with a split "nach … schauen".
    ("엔딩 3초 잘라내고 내보내줘", None, "chat", "export"),
    ("render完未？", None, "state", None),
    ("Das kann nicht stimmen. Schau bitte nochmal nach", "credits", "credits", None),
])
def test_the_fifty_first_rounds_last_rules(text: str, after: str | None, action: str,
                                           then: str | None) -> None:
    _routes_to(text, action, then, after)


@pytest.mark.parametrize("text", [
    # The export's failure reported in Spanish and Portuguese: a complaint, not a request.
    "el export no me funciona desde ayer",
    "a exportação não tá funcionando",
])
def test_an_export_that_does_not_work_is_a_complaint(text: str) -> None:
    _routes_to(text, "chat", None)


@pytest.mark.parametrize(("text", "action"), [
    # The speaker's own plan in Chinese: something of theirs finished ("好", "完") or a time
    # of theirs ("的时候") before "再"; the assistant's edit first is still asked.
    ("我周五值班的时候再导出，不急", "chat"),
    ("我剪完再导出", "chat"),
    ("字幕改好再导出", "export"),
])
def test_the_speakers_own_plan_before_zai(text: str, action: str) -> None:
    _routes_to(text, action, None)


@pytest.mark.parametrize(("text", "action"), [
    # A dead link to the file asked for again is the export; told alone, asked about, or
    # beside an edit of the video it is not.
    ("the download link you sent has expired, can I get another?", "export"),
    ("o link de ontem não abre mais, manda outro por favor", "export"),
    ("链接打不开了，重新发一个给我", "export"),
    ("the download link expired, is that normal?", "chat"),
    ("the link in the description doesn't work, can you add a new one to the video?", "chat"),
    # Cantonese "渲染完未" asks how far the render has got.
    ("渲染完未？", "state"),
])
def test_a_dead_link_asked_again(text: str, action: str) -> None:
    _routes_to(text, action, None)


@pytest.mark.parametrize(("text", "action"), [
    # A request in a clause of its own, then what someone else does with the file: still the
    # file; a relayed "not yet" is not handed on.
    ("mándamelo, mi jefa lo sube ella misma", "export"),
    ("send it over, my boss posts it herself", "export"),
    ("mándamelo, pero mi jefe dice que no todavía", "chat"),
    # Days left on a membership ask the balance.
    ("會員還有幾天到期？", "credits"),
])
def test_the_fifty_first_rounds_retraining_mends(text: str, action: str) -> None:
    _routes_to(text, action, None)



def test_every_link_word_holds_a_mark_of_the_cheap_check() -> None:
    # _link_renewed skips messages holding none of _LINK_MARKS before it searches the word
    # list: a link word that holds none of them would never be read.
    import router
    from router.core import _LINK_MARKS
    grammar = Path(router.__file__).parent / "data" / "grammar.yaml"
    listed = yaml.safe_load(grammar.read_text(encoding="utf-8"))["link_nouns"]
    missing = [word for words in listed.values() for word in words
               if not any(mark in word for mark in _LINK_MARKS)]
    assert not missing


@pytest.mark.parametrize(("text", "action"), [
    # A balance told of a past day, or credits bought or spent then, is a story...
    ("samedi j'avais encore 90 crédits je crois", "chat"),
    ("domingo eu tinha uns 70 créditos de saldo", "chat"),
    ("Hab am Montag 200 Credits nachgekauft, per Twint", "chat"),
    ("am Montag hatte ich 200 Credits", "chat"),
    ("my balance was 50 credits on monday", "chat"),
    ("mi saldo el lunes era de 100 créditos", "chat"),
    ("No manches, se me fueron los créditos volando este mes", "chat"),
    # ... a question or a request to check still asks.
    ("I bought credits, how many do I have now?", "credits"),
    ("me quedan créditos o ya me los gasté todos", "credits"),
    # The render's or the generation's progress asked is the project's state.
    ("儿童涂氟那个生成完了吗？", "state"),
    ("¿Por dónde va el render? ¿Le queda mucho?", "state"),
    ("o vídeo ainda está a renderizar? em que ponto está?", "state"),
    ("レンダリングまだかかりそう？", "state"),
    ("렌더링 아직이야? 몇 퍼센트야", "state"),
    ("how much is left on the render?", "state"),
    ("wie lange dauert der Render noch?", "state"),
    # A link shown as an example of a style or a vibe is no upload of one's media.
    ("olha esse vídeo https://www.instagram.com/reel/C3pTg8Rink/ queria algo nessa vibe", "chat"),
    ("schau mal https://www.instagram.com/reel/C2dVs0Eis/ sowas will ich auch", "chat"),
    ("dans le même esprit que https://vimeo.com/123", "chat"),
    ("here's my drone footage https://drive.google.com/file/d/1x/view", "upload"),
    # A British bank holiday is no word of paying.
    ("can I get the download link for the bank holiday hours video", "export"),
])
def test_the_fifty_second_rounds_rules(text: str, action: str) -> None:
    _routes_to(text, action, None)


@pytest.mark.parametrize(("text", "action", "then", "after"), [
    # How credits work is a question for the chat, not the user's balance.
    ("Wie viele Credits verbraucht eigentlich ein 5-Minuten-Video?", "chat", None, None),
    ("點數可以留到下個月用嗎？", "chat", None, None),
    ("Vous offrez des crédits pour un parrainage ?", "chat", None, None),
    ("¿Puedo regalar créditos a mi socio?", "chat", None, None),
    ("how many credits do I have left?", "credits", None, None),
    # "Still enough to be charged?" asks the balance; "there are a few points" does not.
    ("我现在的额度还够不够扣？", "credits", None, None),
    ("仲夠唔夠扣呀？", "credits", None, None),
    ("字幕現在有幾點錯字", "chat", None, None),
    # Right after the balance, asking it again as it stands now asks it again.
    ("今の残りを教えて", "credits", None, "credits"),
    ("¿y ahora cuánto?", "credits", None, "credits"),
    # Two requests in Japanese, the first phrase ending in its own request, in a message that
    # ends asking; told of another day, nothing is asked.
    ("発表会の動画の今のタイムラインを見せて、そのあと書き出しお願いします", "state", "export",
     None),
    ("昨日はタイムラインを見せて、そのあと書き出してくれたよ", "chat", None, None),
    # "Use this video" beside a link only hands it over; asked about, it is more.
    ("이 영상 써주세요 https://drive.google.com/file/d/1abc/view", "upload", None, None),
    ("why did you use this video? https://youtu.be/abc", "upload", "chat", None),
    # Someone else's future uploading is theirs, and so is the balance they top up.
    ("Dave's going to upload his photos when he's back", "chat", None, None),
    ("A tesoureira vai carregar o saldo para a semana", "chat", None, None),
    # How far a render or a generation has got is the project's state.
    ("今どのくらい進んでます？", "state", None, None),
    ("Wo steht das Rendern gerade?", "state", None, None),
    # The file lost and asked for again is the file; a loss only told asks nothing.
    ("I deleted the file by mistake, can you send it again?", "export", None, None),
    ("j'ai perdu le fichier, tu peux me le renvoyer ?", "export", None, None),
    ("my cousin lost the file again lol", "chat", None, None),
])
def test_the_fifty_third_rounds_rules(text: str, action: str, then: str | None,
                                      after: str | None) -> None:
    _routes_to(text, action, then, after)


@pytest.mark.parametrize(("text", "action"), [
    # Right after the balance, whether it is enough for one more thing asks the balance,
    # however long the question; a remark of "enough" asks nothing.
    ("Ça suffit pour une dernière vidéo des résultats du tournoi ?", "credits"),
    ("Reicht das noch für ein kurzes Video von der Siegerehrung?", "credits"),
    ("Dá pra mais um vídeo curto sobre o clube?", "credits"),
    ("じゃあこれで、あと1本紹介動画作れる？", "credits"),
    ("ça suffit pour aujourd'hui, merci", "chat"),
    ("beleza, dá pra mais uns dois vídeos então", "chat"),
])
def test_enough_for_one_more_right_after_the_balance(text: str, action: str) -> None:
    _routes_to(text, action, None, after="credits")


@pytest.mark.parametrize(("text", "action", "then"), [
    # The project asked for in a clause before the file's, joined by a connector or asked
    # in a question of its contents: both are asked, the project first.
    ("Zeig mir mal die Tonspuren und exportier es danach", "state", "export"),
    ("今の動画の中身ざっと一覧にして、それから書き出しお願いします", "state", "export"),
    ("how many scenes are in it now? then send me the mp4", "state", "export"),
    ("给我看一下最终的时间线，然后把文件发我", "state", "export"),
    # So is the balance asked to be checked first, even where the two were too close to
    # call; a thing named alone, or a story, is no first request.
    ("잔액 확인하고 충분하면 내보내줘", "credits", "export"),
    ("Schau kurz, ob mein Guthaben reicht, und dann exportier das Video", "credits", "export"),
    ("Confirma se há créditos suficientes e exporta logo o vídeo", "credits", "export"),
    ("Das Guthaben und der Export haben mich überzeugt", "chat", None),
    # A Chinese clause that moves its object before the export verb asks for the file,
    # whatever the model reads of the object's name.
    ("把第二站的集锦导出来", "export", None),
    # A bare "done?" is the request's condition; praise before it asks nothing.
    ("終わった？mp4ここに貼って", "export", None),
    ("다 됐어? 됐으면 줘", "export", None),
    ("the timeline looks great, then export it", "export", None),
    # What a video uses in credits, and what a price buys, are questions of price; a
    # condition after a word of time supposes the balance.
    ("動画1本でだいたい何クレジットくらい使うんですか？", "chat", None),
    ("你哋啲點數點計㗎？一百蚊有幾多點？", "chat", None),
    ("月底要是积分还有剩，想把那台民国挂钟也拍一期", "chat", None),
    # "十幾個" counts nothing it asks about; "移して" moves a track.
    ("我記得上一版有十幾個場景，太多了", "chat", None),
    ("BGMのトラックを一番下に移してください", "chat", None),
    # Whether the render or the export is done is the project's state.
    ("¿ya está el render?", "state", None),
    ("l'export est terminé ?", "state", None),
    # How credits are paid for, shared or expire, and a firm that exports goods, are chat.
    ("会员年付比月付便宜多少啊", "chat", None),
    ("Je peux passer l'abonnement et les crédits en frais pro pour ma compta ?", "chat", None),
    ("Kann mein Mann meine Credits mitbenutzen?", "chat", None),
    ("Faço mapas para uma quinta que exporta vinho do Porto", "chat", None),
    ("¿conservo los créditos si me cambio al plan anual?", "chat", None),
    ("4K로 내보내면 크레딧 얼마나 더 들어요?", "chat", None),
    ("追加のクレジットっておいくらですか？", "chat", None),
    # The end credits set aside, then the balance asked; someone else watching it asks
    # nothing.
    ("avant les crédits de fin, dis moi combien il me reste de crédits sur le compte stp",
     "credits", None),
    ("엔딩 크레딧은 이따 하고, 내 계정 크레딧 얼마 남았어?", "credits", None),
    ("my bookkeeper keeps an eye on the credits, she'll flag it if we're running low", "chat",
     None),
    # The balance someone named will check, in Chinese, Japanese or Korean, is theirs.
    ("主任说月底他会去后台查一下我们部门的额度", "chat", None),
    ("결제는 남편이 해서 잔액은 남편이 확인할 거예요", "chat", None),
    # Cheese in good condition is no state of the project; what layers are is asked.
    ("les fromages sont en bon état, parfait pour le tournage", "chat", None),
    ("O que são as camadas? Não percebo bem como funciona", "chat", None),
    # "My own account" is the user's balance, no "I'll do it myself".
    ("先帮我看看我自己账户的积分还够不够用", "credits", None),
])
def test_the_fifty_fourth_rounds_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize("text", ["oui c'est bon", "yep go ahead, the intro's fine now"])
def test_a_yes_to_the_export_offer_with_a_verdict_beside_it(text: str) -> None:
    _routes_to(text, "export", None, after="export-offer")


@pytest.mark.parametrize(("text", "action"), [
    # Whether the export is done is asked of the project, in every language, not a new
    # export ...
    ("l'exportation est terminée ?", "state"),
    ("¿ya terminó la exportación?", "state"),
    ("ist der Export durch?", "state"),
    ("匯出完成咗未？", "state"),
    ("エクスポート完了した？", "state"),
    ("내보내기 끝났어요?", "state"),
    ("咁條片 render 到邊度呀？好咗未？", "state"),
    # ... and what exporting is, a word asked about.
    ("c'est quoi l'exportation ?", "chat"),
    ("was ist exportieren?", "chat"),
    ("导出是什么？", "chat"),
    ("내보내기가 뭐예요?", "chat"),
    ("c'est quoi le lien de téléchargement ?", "export"),
    # Credits put on expenses, shared, or bought at a price, and a firm's exports, are chat.
    ("¿puedo deducir los créditos como gasto de empresa?", "chat"),
    ("kann ich die Credits von der Steuer absetzen?", "chat"),
    ("我老婆可以用我的积分吗？", "chat"),
    ("1000クレジットチャージするといくら？", "chat"),
    ("mi empresa exporta café", "chat"),
    ("notre entreprise exporte du vin", "chat"),
])
def test_the_fifty_fourth_rounds_review(text: str, action: str) -> None:
    _routes_to(text, action, None)


@pytest.mark.parametrize("text", [
    "go ahead, the music is perfect now",
    "ja passt, das Blau ist jetzt gut",
    "好的，颜色现在没问题了",
    "うん、お願い。青もいい感じになった",
])
def test_a_yes_beside_a_verdict_on_the_fix_accepts_the_offer(text: str) -> None:
    _routes_to(text, "export", None, after="export-offer")


@pytest.mark.parametrize(("text", "action", "then"), [
    # The reviewer of round 54's code: a verdict before the file is no first request ...
    ("the timeline is fine and then export it", "export", None),
    ("timeline approved, then export it", "export", None),
    # ... a format after the file does not stop the balance before it ...
    ("tell me if my credits are enough, and then export it in 4k", "credits", "export"),
    # ... an emoji is no Chinese, Japanese or Korean, and an article may stand between
    # "what is" and the word for exporting ...
    ("export what is left 😅", "export", None),
    ("what is the export?", "chat", None),
    ("was ist der Export?", "chat", None),
    # ... and a lone bracket before someone's future is no name.
    ("( will export it", "export", None),
])
def test_the_fifty_fourth_rounds_code_review(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


def test_two_requests_read_clause_by_clause_say_so() -> None:
    """The route of two requests read clause by clause is sure of both, and names both."""
    got = route("Schau kurz, ob mein Guthaben reicht, und dann exportier den Steinbock")
    assert (got.action, got.then, got.score) == ("credits", "export", 1.0)
    assert [action for action, _ in got.candidates] == ["credits", "export"]


def test_a_connector_and_a_request_typed_hundreds_of_times_is_routed() -> None:
    """Each clause before a request for the file is routed again at most once: a message of
    hundreds of them neither recurses without end nor takes seconds."""
    got = route("ob Guthaben reicht, und exportier " * 330)
    assert got.action in ("chat", "credits", "export")


@pytest.mark.parametrize(("text", "action", "then"), [
    # The balance someone else checks, told in Latin script, is theirs; the same verb as a
    # request, after a question word or after the user, asks.
    ("mi contadora dice que ella revisa el saldo cada viernes", "chat", None),
    ("quem confere os créditos é o meu irmão", "chat", None),
    ("Unser Kassenwart schaut am Sonntag nach, wie viel Guthaben übrig ist", "chat", None),
    ("c'est ma sœur qui gère les crédits du compte", "chat", None),
    ("my accountant checks the credits every Friday", "chat", None),
    ("revisa mi saldo porfa", "credits", None),
    ("Marta ya pagó, revisa cuánto saldo tengo", "credits", None),
    ("und wie schaut's mit dem Guthaben aus?", "credits", None),
    ("c'est moi qui gère les crédits, combien il m'en reste ?", "credits", None),
    # A Korean report of what someone said they will do is theirs.
    ("사장님이 크레딧 잔액은 직접 확인한다고 하셨어요", "chat", None),
    # The file asked for once more in Japanese, with its format or after a story; "can it
    # be exported in high quality?" still asks what is possible.
    ("もう一回、1080pで書き出してもらえますか", "export", None),
    ("さっきのは字幕がずれてた…もう一度書き出して", "export", None),
    ("高画質で書き出せますか？", "chat", None),
    # A request that opens the message, then why, after a pause.
    ("export it in 1080p, the 4k ones are too big for my tablet", "export", None),
    ("exportalo sin marca de agua, que ya pagué el plan", "export", None),
    ("export it, not now, the music is too loud", "chat", None),
    # Rioplatense Spanish: the imperative with its pronouns, and "so I post it" after it.
    ("descargámelo en 1080 así lo subo al grupo del club", "export", None),
    # Credits charged for a render are a complaint; the balance asked after it is asked.
    ("me cobraron 30 créditos por un render que se colgó, qué mal", "chat", None),
    ("you charged me 20 credits for a render that never finished", "chat", None),
    ("me cobraron 30 créditos por el render fallido, ¿cuántos me quedan?", "credits", None),
    # Korean laughter ends a sentence: what comes after it is read on its own.
    ("엔딩 크레딧 멋있다 ㅋㅋ 근데 내 크레딧 몇 개 남았어?", "credits", None),
    # "Make me the export", with short words between.
    ("fais-moi l'export du teaser en mp4", "export", None),
    ("mach mir bitte einen HD-Export vom Teaser", "export", None),
    # "Generate the final video" with the file handed over after it, or why after a pause.
    ("gera a versão final e me manda o link", "export", None),
    ("génère la vidéo finale, on la projette ce soir", "export", None),
    # A Chinese edit verb in the name of the video asked for names what it shows.
    ("把换轮胎那个视频导出来", "export", None),
    ("幫我出條修剪樹枝嘅片", "export", None),
    ("剪掉那个视频的开头再导出", "chat", "export"),
])
def test_the_fifty_fifth_rounds_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize("text", [
    "that's less than I expected, check it again? it probably hadn't refreshed",
    "就这么点？你再刷新查一下",
    "só isso? verifica de novo, não pode ter acabado",
])
def test_a_doubted_balance_checked_again_in_a_long_message(text: str) -> None:
    _routes_to(text, "credits", None, after="credits")


@pytest.mark.parametrize(("text", "files"), [
    # A close-up, a gearbox, a replacement named in a caption describe the file.
    ("下午拍的刨花特写", ["planer_closeup.mp4"]),
    ("減速器嘅特寫", ["gearbox.mov"]),
    ("어제 찍은 타이어 교체 영상이에요", ["tyre.mp4"]),
])
def test_a_caption_naming_what_the_file_shows_is_an_upload_alone(text: str,
                                                                 files: list[str]) -> None:
    got = route(text, files)
    assert (got.action, got.then) == ("upload", None), got.detail


@pytest.mark.parametrize(("text", "after", "action"), [
    # The reviewer of round 55: more people who check the balance, more ways of being
    # charged, of doubting the balance and of exporting again ...
    ("mi contador revisa los créditos cada viernes", None, "chat"),
    ("mon associé vérifie le solde chaque semaine", None, "chat"),
    ("my wife keeps an eye on our credits", None, "chat"),
    ("the render crashed and you still took my credits", None, "chat"),
    ("さっきのやつ、4Kで書き出し直して", None, "export"),
    ("咁少？再check下啦", "credits", "credits"),
    ("hm that seems off. refresh?", "credits", "credits"),
    # ... and a request to check again after the balance is no yes to an export, whatever
    # "for me" ends it.
    ("이것밖에 안 남았어? 다시 확인해 줘", "credits", "credits"),
    ("다시 확인해 줘", "credits", "credits"),
    # Cantonese "呢" before a classifier is "this", no question ("this video is great").
    ("呢條片好正", None, "chat"),
    ("呢段片剪得好好", None, "chat"),
])
def test_the_fifty_fifth_rounds_review(text: str, after: str | None, action: str) -> None:
    _routes_to(text, action, None, after=after)


@pytest.mark.parametrize(("text", "action", "then"), [
    # The reviewer of round 55's code: a light verb makes something else of the export ...
    ("create a title for the export", "chat", None),
    ("cria uma capa pro render", "chat", None),
    ("make me please the export", "export", None),
    # ... an edit with its complement before "那个视频" still edits, and 把 with the verb's
    # own object before it ...
    ("帮我剪一下那个视频导出", "chat", None),
    ("把视频剪成一分钟的视频发我", "chat", None),
    # ... the user's own balance asked after someone's checking, or a question after the
    # comma ...
    ("Tom looks after the account but how many credits do I have?", "credits", None),
    ("mein Kunde schaut das Video morgen, wie viel Guthaben hab ich noch?", "credits", None),
    # ... a Japanese "て" that joins or tells asks nothing ...
    ("もう一回書き出してみたけど、まだ画質が悪い", "chat", None),
    ("もう一回書き出してから、また送ります", "chat", None),
    # ... and a question after the pause is no reason.
    ("export it in 1080p, how long does that take", "chat", None),
    ("faites le rendu final, c'est quoi ?", "chat", None),
])
def test_the_fifty_fifth_rounds_code_review(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)


@pytest.mark.parametrize(("text", "action", "then"), [
    # many edit verbs, each with a name and a connector: an edit, then the file
    ("剪毛节的视频然后导出" * 800, "chat", "export"),
    # many verbs of checking before the balance, none with someone else before it
    ("ve, si " * 3000 + "revisa el saldo", "credits", None),
    ("mira " * 3000 + "el saldo", "credits", None),
    ("mi jefe revisa el saldo " * 500, "chat", None),  # the boss's, each time
])
def test_a_long_message_of_names_or_checks_is_routed(text: str, action: str,
                                                     then: str | None) -> None:
    """The rules that read names of videos and people who check the balance look at a
    bounded stretch each (they once took seconds on 8,000 characters), and a message
    typed over and over is read as it is read once."""
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


@pytest.mark.parametrize(("text", "action", "then"), [
    # Praise in Cantonese says nothing is wanted of the video it names.
    ("條片好好睇呀，多謝", "chat", None),
    # During rendering (렌더링 중에) is a time: what may be done then is asked, not progress.
    ("렌더링 중에 다른 탭 열어도 돼요?", "chat", None),
    ("아직 렌더링 중이에요?", "state", None),
    # 搞混 (mixed up) edits nothing; the price of a plan is asked, not the balance.
    ("导出和下载有什么区别，我总是搞混", "chat", None),
    ("专业版会员多少钱？", "chat", None),
    ("j'ai payé 40 crédits pour le clip, je trouve ça cher", "chat", None),
    # Progress asked in Portuguese, Cantonese and polite Japanese.
    ("já terminou de processar o vídeo?", "state", None),
    ("條片出到邊？", "state", None),
    ("書き出しはどのくらい進んでますか？", "state", None),
    ("順調に進んでいます、ありがとう", "chat", None),
    # An edit then the file: Quebec "pis", Korean -서, Cantonese "quieter, then export".
    ("enlève la musique pis exporte-la", "chat", "export"),
    ("세로로 바꿔서 다시 내보내줘", "chat", "export"),
    ("旁白大聲一啲，跟住匯出", "chat", "export"),
    # Later in Swiss German puts the sending off.
    ("d Fotene vom Fäscht schick ich spöter", "chat", None),
    # Someone else wanting what the user relays.
    ("sorry I'm her assistant, she wants a quick update on where the video is", "state",
     None),
    # The review: mixing two actions up talks about them; a statement of the past is no
    # question of progress; Swiss German "we'll do it later" after its verb.
    ("导出和下载我总是搞混", "chat", None),
    ("導出同渲染我搞混咗", "chat", None),
    ("ele terminou de exportar ontem", "chat", None),
    ("zeig mer d'Timeline, s'exportiere mach mer spöter", "state", None),
    # The code review: what someone else wants done with the file, or a doubt, is no relay.
    ("they want the export cancelled, please don't send anything to anyone yet", "chat",
     None),
    ("he wants the export, no idea why, the video is not even close to finished yet",
     "chat", None),
    ("she needs sleep, the render took all night and it still looks wrong in the end",
     "chat", None),
    # A format in the request after a question of the balance asks no question of it.
    ("how many credits do I have? then export it in 1080p", "credits", "export"),
    ("can I export in 4K?", "chat", None),
])
def test_the_fifty_sixth_rounds_rules(text: str, action: str, then: str | None) -> None:
    _routes_to(text, action, then)
