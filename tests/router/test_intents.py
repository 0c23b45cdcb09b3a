"""What each action sounds like in each language, the hard negatives that must stay chat, and
follow-ups that mean something only after a given reply. (Written for these tests; the
corpus's held-out messages are measured by benchmarks/router_bench.py, never copied here.)"""

from __future__ import annotations

import pytest

from router import route
from router.language import base_language

LABELS = {
    "en": {
        "export": ["ok looks great, send me the finished mp4", "can I get the final video?"],
        "credits": ["how much quota have I got left?", "am I running low on credits"],
        "state": ["can I see what's on the timeline?", "list the clips so far"],
        "upload": ["uploading my drone footage now", "here are my clips"],
    },
    "zh-Hans": {
        "export": ["好了，把成品发给我", "导出一下吧"],
        "credits": ["我的积分还剩多少", "这个月还能生成几个视频"],
        "state": ["给我看看时间线", "现在项目里有哪些片段"],
        "upload": ["我上传几张照片", "素材发给你了"],
    },
    "zh-Hant": {
        "export": ["可以把成品傳給我嗎", "幫我匯出影片"],
        "credits": ["我還剩多少點數", "額度夠不夠"],
        "state": ["給我看一下時間軸", "目前專案有哪些片段"],
        "upload": ["我要上傳影片", "素材在這裡，幫我上傳"],
    },
    "es": {
        "export": ["ya está, pásame el vídeo final", "descárgalo en mp4"],
        "credits": ["¿cuántos créditos me quedan?", "¿me alcanza el saldo?"],
        "state": ["muéstrame la línea de tiempo", "¿qué clips hay en el proyecto?"],
        "upload": ["te mando mis fotos", "voy a subir un vídeo"],
    },
    "fr": {
        "export": ["c'est parfait, envoie-moi la vidéo finale", "exporte-la"],
        "credits": ["il me reste combien de crédits ?", "quel est mon solde"],
        "state": ["montre-moi la timeline", "quelles pistes il y a dans le projet ?"],
        "upload": ["je t'envoie mes rushes", "voici mes photos"],
    },
    "de": {
        "export": ["passt, schick mir das fertige Video", "bitte exportieren"],
        "credits": ["wie viele Credits habe ich noch?", "reicht mein Guthaben noch?"],
        "state": ["zeig mir die Zeitleiste", "welche Clips sind im Projekt?"],
        "upload": ["ich schicke dir meine Fotos", "ich lade ein Video hoch"],
    },
    "pt": {
        "export": ["ficou ótimo, me manda o vídeo final", "pode exportar"],
        "credits": ["quantos créditos ainda tenho?", "meu saldo dá?"],
        "state": ["me mostra a linha do tempo", "quais clipes tem no projeto?"],
        "upload": ["vou te mandar minhas fotos", "segue meu vídeo"],
    },
    "ja": {
        "export": ["完成版をください", "書き出してください"],
        "credits": ["クレジットはあと何ポイント？", "残高を教えて"],
        "state": ["タイムラインを見せて", "今どのクリップが入ってる？"],
        "upload": ["自分の動画を送ります", "写真をアップロードしたい"],
    },
    "ko": {
        "export": ["완성본 보내주세요", "영상 내보내줘"],
        "credits": ["크레딧 얼마나 남았어?", "잔액 확인해줘"],
        "state": ["타임라인 보여줘", "지금 프로젝트에 어떤 클립 있어?"],
        "upload": ["내 영상 업로드할게", "사진 보낼게요"],
    },
}

CASES = [(lang, text, action) for lang, table in LABELS.items()
         for action, texts in table.items() for text in texts]


@pytest.mark.parametrize(("lang", "text", "action"), CASES)
def test_each_action_in_each_language(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


HARD_NEGATIVES = {
    "en": ["make the title say 'Download now'", "a video about my credit card rewards",
           "show a timeline of the Roman empire", "don't export yet, the music is too loud",
           "what formats can you export?", "how long does rendering take?",
           "does uploading cost credits?", "why did the last export fail?",
           "can I export in 4K?", "I need the video in a vertical format"],
    "zh-Hans": ["标题写「立即下载」", "先别导出，音乐太吵", "导出要多久？", "能导出4K吗？",
                "上传视频会扣积分吗", "做一个介绍信用卡积分的视频"],
    "zh-Hant": ["片尾寫「立即下載」", "先不要匯出", "匯出要多久？", "可以匯出成 GIF 嗎？",
                "上傳影片要扣點數嗎"],
    "es": ["que el título diga 'Descárgalo ya'", "todavía no exportes", "¿se puede exportar en 4K?",
           "¿cuánto tarda en renderizar?", "¿subir vídeos gasta créditos?"],
    "fr": ["le titre doit dire « Télécharger »", "n'exporte pas encore", "on peut exporter en 4K ?",
           "le rendu prend combien de temps ?", "importer mes vidéos consomme des crédits ?"],
    "de": ["der Titel soll 'Jetzt herunterladen' lauten", "noch nicht exportieren",
           "kann man in 4K exportieren?", "wie lange dauert das Rendern?",
           "kostet das Hochladen Credits?"],
    "pt": ["o título deve dizer 'Baixe agora'", "não exporta ainda", "dá pra exportar em 4K?",
           "quanto tempo demora a renderização?", "subir vídeos gasta créditos?"],
    "ja": ["タイトルを『ダウンロード』にして", "まだ書き出さないで", "4Kで書き出しできる？",
           "書き出しってどれくらいかかる？", "アップロードするとクレジット消費する？"],
    "ko": ["제목을 '지금 다운로드'로 바꿔줘", "아직 내보내지 마", "4K로 내보낼 수 있어요?",
           "렌더링 얼마나 걸려요?", "업로드하면 크레딧 차감돼요?"],
}

NEGATIVES = [(lang, text) for lang, texts in HARD_NEGATIVES.items() for text in texts]


@pytest.mark.parametrize(("lang", "text"), NEGATIVES)
def test_hard_negatives_stay_chat(lang: str, text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


FOLLOW_UPS = [
    # after an export offer a plain yes is an export; anything else keeps its own meaning
    ("export-offer", "ok do it", "export"), ("export-offer", "yes please", "export"),
    ("export-offer", "好的", "export"), ("export-offer", "dale", "export"),
    ("export-offer", "oui vas-y", "export"), ("export-offer", "ja, mach", "export"),
    ("export-offer", "sim, pode", "export"), ("export-offer", "はい、お願いします", "export"),
    ("export-offer", "네 해주세요", "export"), ("export-offer", "好喔", "export"),
    ("export-offer", "not yet, make the music quieter", "chat"),
    ("export-offer", "yes but first shorten the intro", "chat"),
    # after the timeline or the credits
    ("timeline", "and the credits?", "credits"), ("timeline", "ok now the final file", "export"),
    ("timeline", "make the title shorter", "chat"),
    ("credits", "and what's in the project?", "state"),
    ("credits", "great, make me a video about cats", "chat"),
    # after an edit was reported
    ("edit", "perfect, send it", "export"), ("edit", "now show me everything", "state"),
    ("edit", "ok", "chat"),
]


@pytest.mark.parametrize(("after", "text", "action"), FOLLOW_UPS)
def test_follow_ups_in_context(after: str, text: str, action: str) -> None:
    assert route(text, after=after).action == action, route(text, after=after).detail


@pytest.mark.parametrize("text", ["ok do it", "yes please", "好的", "dale", "はい、お願いします"])
def test_a_bare_yes_without_context_is_chat(text: str) -> None:
    assert route(text).action == "chat"
