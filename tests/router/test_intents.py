"""What each action sounds like in each language, the hard negatives that must stay chat, and
follow-ups that mean something only after a given reply. (Written for these tests; the
corpus's held-out messages are measured by benchmarks/router_bench.py, never copied here.)"""

from __future__ import annotations

import pytest

from router import route
from router.language import base_language

pytestmark = pytest.mark.pure

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
           "書き出しってどれくらいかかる？", "アップロードするとクレジット消費する？",
           # a scene named, the weather asked of it (review 14b: shown the scene list)
           "2番目のシーンに雪を降らせて", "最初のシーンに雨を降らしてほしい"],
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


# Second round: the same requests asked indirectly or in regional forms (progress questions,
# capacity questions, handing over the finished file; Kansai Japanese, Swiss German,
# Cantonese, European Portuguese), and questions about the product that ask for nothing
# (how credits behave, what an export or upload would do, advice, content that names the
# project or a limit). Written for these tests, not taken from the corpus.
INDIRECT = {
    'en': {
        'state':
            ['how far along is it?', 'what have we got so far?',
             'where are we at with the video?', "how's it coming along?", "what's done so far",
             'what does it look like right now'],
        'credits':
            ['how many more can I make?', 'is there enough left for another one?',
             'have I hit my limit?', 'how much capacity do I have left this month?',
             'am I close to the cap?'],
        'export':
            ['hand over the finished file', 'let me have the final cut',
             'pass me the finished video', 'can I grab the final file?',
             "I'll take the finished video now"],
    },
    'de': {
        'state':
            ['wie weit bist du?', 'was haben wir bis jetzt?', 'wie weit ist das Video?',
             "wie schaut's aus mit dem Video?", 'was isch bis jetzt drin?', 'wie wiit bisch?'],
        'credits':
            ['wie viele kann ich noch machen?', 'reicht es noch für eins?',
             'bin ich am Limit?', 'wie viel Kontingent hab ich noch?'],
        'export':
            ['gib mir die fertige Datei', 'her mit dem fertigen Video',
             'chasch mer s fertige Video schicke?', 'lass mir die Datei zukommen',
             'ich hätte gern die fertige Datei'],
    },
    'ja': {
        'state':
            ['今どこまでできてる？', 'どないなってる？', '今のとこどんな感じ？',
             'どこまで進んだ？', '今なにが入ってるか見せてや'],
        'credits':
            ['あと何本作れる？', 'あとなんぼ残ってる？', 'まだ作れる余裕ある？',
             '上限まであとどれくらい？', '残りなんぼ？'],
        'export':
            ['完成したファイルちょうだい', 'できたやつ送ってや', '完成版もろてええ？',
             'ほな、完成品ちょうだい', '出来上がった動画ちょうだい'],
    },
    'ko': {
        'state':
            ['어디까지 됐어?', '지금까지 뭐 만들어졌어?', '얼마나 진행됐어?',
             '지금 상태 어때?', '지금까지 된 거 보여줘'],
        'credits':
            ['몇 개 더 만들 수 있어?', '한도 얼마나 남았어?', '아직 여유 있어?',
             '이번 달 남은 용량은?'],
        'export':
            ['완성된 파일 줘', '완성본 보내줘', '최종 영상 넘겨줘', '다 된 거 파일로 줘'],
    },
    'fr': {
        'state':
            ["t'en es où ?", 'on en est où avec la vidéo ?',
             "qu'est-ce qu'on a pour l'instant ?"],
        'credits':
            ["il m'en reste combien ?", "j'ai encore de quoi en faire un ?"],
        'export':
            ['file-moi la vidéo finale', 'passe-moi le fichier final'],
    },
    'es': {
        'state':
            ['¿cómo va el video?', '¿qué llevamos hasta ahora?', '¿qué tan avanzado está?'],
        'credits':
            ['¿cuántos más puedo hacer?', '¿me queda cupo?'],
        'export':
            ['pásame el archivo final', 'dame el video terminado'],
    },
    'pt': {
        'state':
            ['como está indo o vídeo?', 'o que já temos até agora?', 'em que ponto está?'],
        'credits':
            ['quantos ainda consigo fazer?', 'ainda tenho quota?'],
        'export':
            ['passa-me o ficheiro final', 'dá-me o vídeo acabado'],
    },
    'zh-Hans': {
        'state':
            ['做到哪一步了？', '现在进度怎么样？', '目前做了哪些？'],
        'credits':
            ['还能做几个？', '额度还够吗？'],
        'export':
            ['把做好的文件给我', '成品交给我吧'],
    },
    'zh-Hant': {
        'state':
            ['而家做到邊？', '進度點呀？', '目前做到哪裡了？'],
        'credits':
            ['仲可以整幾多條？', '額度仲夠唔夠？'],
        'export':
            ['俾條完成咗嘅片我', '成品交俾我'],
    },
}
PRODUCT_QUESTIONS = {
    'en':
        ['can the intro show the project logo bigger?',
         'the client wants to see the draft before friday, can you make the colors warmer',
         'what does the credits roll at the end look like? make it slower',
         'add a slide about how far along the construction is',
         'put the file name of each photo as a caption',
         'how do credits work on the team plan?', 'can you upload straight to tiktok?',
         'send the drone shot to the end', 'give the title more space',
         'show the progress bar animation at the bottom',
         'the video is about saving money: how many coffees you can skip',
         'is 4k export slower than 1080p?', "i'll send the photos later, first fix the intro",
         'show me some ideas for the intro', 'give me three title options',
         'can I see a few examples of transitions?',
         'how many scenes should a 30 second ad have?', 'which clips work best for reels?',
         'list some song ideas for a wedding video',
         'send a thank-you message at the end of the video',
         "what's the best format for instagram?", 'give me a catchier caption',
         "the project is for my mom's birthday", 'the file names are in spanish, ignore that',
         'make the timeline animation faster', 'i want the video to feel more cinematic',
         'can you give me a version with subtitles?', 'how many words fit in a title card?',
         'i need the text to be bigger', 'tell me what you think of the pacing',
         'i have a limit of 60 seconds for the ad',
         'do unused credits roll over to next month?', 'do my credits expire?',
         'if the export fails do I lose credits?',
         'when I export, will the music be included?',
         'can I export several versions at once?',
         'my client wants to download it herself, is that possible?',
         'will the upload keep the original quality?', 'does the project autosave?',
         'when the export is done, can it also make a square version?',
         'if I upload a vertical video will it get cropped?',
         'what happens to my project if I cancel?'],
    'de':
        ['kannst du am Anfang das Projektlogo einblenden?',
         'mach den Abspann mit allen Namen länger', 'schieb den Clip mit dem Hund ans Ende',
         'gib dem Titel mehr Platz', 'wie funktionieren Credits im Teamtarif?',
         'zeig im Video, wie weit der Bau schon ist',
         'die Datei vom Kunden kommt erst morgen, mach erstmal die Musik leiser',
         'chasch d Musig e chli lüüter mache?', 'gäll, de Titel söll grösser si',
         'wie lange dauert so ein Export normalerweise?',
         'zeig mir ein paar Ideen für den Einstieg', 'gib mir drei Titelvorschläge',
         'wie viele Szenen sollte ein Werbespot haben?',
         'welche Clips passen am besten für Reels?',
         'ich brauche den Text größer',
         'gib mer e Idee für de Titel', 'ich hab ein Limit von 60 Sekunden für die Werbung',
         'verfallen meine Credits am Monatsende?',
         'wenn der Export fehlschlägt, verliere ich dann Credits?',
         'kann ich mehrere Versionen gleichzeitig exportieren?',
         'wird das Projekt automatisch gespeichert?',
         'wenn ich ein Hochkantvideo hochlade, wird es dann beschnitten?',
         'isch d Timeline ufem Handy au verfüegbar?'],
    'ja':
        ['最後にクレジットロールを入れて', 'タイトルをもうちょい大きくしてくれへん？',
         'ほな、BGMをもっと明るい感じにして', '進捗バーのアニメーションを下に出して',
         'ファイル名をテロップで表示して', '書き出しってどのくらい時間かかるん？',
         '写真はあとで送るわ、先にイントロ直して', '犬のクリップを最後に持ってって',
         'クレジットってチームプランだとどうなるの？', 'イントロのアイデアをいくつか見せて',
         'タイトル案を3つちょうだい', '30秒のCMって何シーンくらいがいい？',
         'もっと映画っぽい雰囲気にしてほしい',
         'テロップもっと大きくしてほしいねん', 'テンポについてどう思う？',
         '広告は60秒までっていう上限があるんよ', 'ほな、タイトル案なんぼか出して',
         '使わなかったクレジットって翌月に繰り越せる？',
         '書き出しに失敗したらクレジット減るん？', '複数のバージョンを一度に書き出せる？',
         'チームでクレジット共有できる？', 'プロジェクトって自動保存される？',
         '縦動画をアップしたら切れちゃう？'],
    'ko':
        ['마지막에 크레딧 롤 넣어줘', '제목 좀 더 크게 해줘',
         '진행 바 애니메이션을 아래에 보여줘', '내보내기는 보통 얼마나 걸려?',
         '사진은 나중에 보낼게, 먼저 인트로 고쳐줘', '강아지 클립을 맨 뒤로 보내줘',
         '크레딧은 팀 요금제에서 어떻게 돼?', '파일 이름을 자막으로 보여줘',
         '제목 후보 세 개 줘', '30초 광고에는 장면이 몇 개가 좋아?',
         '좀 더 영화 같은 느낌으로 해줘',
         '자막을 더 크게 해줘', '광고는 60초 제한이 있어', '안 쓴 크레딧은 다음 달로 이월돼?',
         '내보내기 실패하면 크레딧 빠져?', '여러 버전을 한 번에 내보낼 수 있어?',
         '팀이랑 크레딧 같이 쓸 수 있어?', '프로젝트 자동 저장돼?',
         '세로 영상 업로드하면 잘려?'],
    'zh-Hans':
        ['片尾加个演职员表', '把狗的那段放到最后', '导出一般要多久？', '进度条动画放在下面',
         '积分在团队版怎么算？', '给我三个标题方案', '30秒的广告一般几个镜头？',
         '这个项目是给我妈过生日的', '我想要更有电影感', '广告有60秒的上限',
         '没用完的积分会累计到下个月吗', '导出失败会扣积分吗', '可以一次导出好几个版本吗',
         '团队可以共用积分吗', '项目会自动保存吗', '竖屏视频上传会被裁吗'],
    'zh-Hant':
        ['片尾加返個字幕名單', '隻狗嗰段擺到最尾', '匯出通常要幾耐？', '點數喺團隊方案點計？',
         '俾我睇幾個開場嘅點子', '俾三個標題方案我', '廣告有60秒上限',
         '用剩嘅點數會唔會過期？', '匯出失敗會唔會扣點數？', '可唔可以一次過匯出幾個版本？',
         '團隊可以共用點數嗎'],
    'es':
        ['pon el logo del proyecto más grande al inicio', 'manda el clip del perro al final',
         '¿cuánto tarda normalmente una exportación?',
         'muestra en el video cuánto lleva la obra',
         '¿cómo funcionan los créditos en el plan de equipo?',
         'muéstrame algunas ideas para la intro', 'dame tres opciones de título',
         '¿cuántas escenas debería tener un anuncio de 30 segundos?',
         'el proyecto es para el cumpleaños de mi mamá',
         'quiero que el video se vea más cinematográfico',
         'tengo un límite de 60 segundos para el anuncio',
         '¿los créditos que no uso pasan al mes siguiente?',
         'si falla la exportación, ¿pierdo créditos?',
         '¿puedo exportar varias versiones a la vez?',
         '¿mi equipo puede compartir los créditos?', '¿el proyecto se guarda solo?',
         'si subo un video vertical, ¿se recorta?'],
    'fr':
        ['mets le logo du projet plus gros au début', 'envoie le plan du chien à la fin',
         'combien de temps prend un export en général ?',
         'montre dans la vidéo où en est le chantier',
         "comment marchent les crédits dans l'offre équipe ?",
         'donne-moi trois idées de titre',
         'je veux que la vidéo fasse plus cinéma',
         "j'ai une limite de 60 secondes pour la pub",
         'les crédits non utilisés sont reportés le mois suivant ?',
         "je peux exporter plusieurs versions d'un coup ?",
         'mon équipe peut partager les crédits ?',
         'le projet est sauvegardé automatiquement ?'],
    'pt':
        ['põe o logo do projeto maior no início', 'manda o clipe do cão para o fim',
         'quanto tempo demora uma exportação normalmente?', 'mostra no vídeo como está a obra',
         'como funcionam os créditos no plano de equipa?',
         'mostra-me umas ideias para a intro', 'dá-me três opções de título',
         'quantas cenas deve ter um anúncio de 30 segundos?',
         'o projeto é para o aniversário da minha mãe',
         'quero que o vídeo fique mais cinematográfico',
         'tenho um limite de 60 segundos para o anúncio',
         'os créditos que não uso passam para o mês seguinte?',
         'se a exportação falhar, perco créditos?',
         'posso exportar várias versões de uma vez?',
         'a minha equipa pode partilhar os créditos?', 'o projeto é guardado automaticamente?'],
}

INDIRECT_CASES = [(lang, text, action) for lang, table in INDIRECT.items()
                  for action, texts in table.items() for text in texts]


@pytest.mark.parametrize(("lang", "text", "action"), INDIRECT_CASES)
def test_indirect_and_regional_requests(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


def test_every_language_has_each_indirect_kind() -> None:
    for lang in LABELS:
        assert set(INDIRECT[lang]) == {"state", "credits", "export"}, lang


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, texts
                                            in PRODUCT_QUESTIONS.items() for text in texts])
def test_questions_about_the_product_stay_chat(lang: str, text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


@pytest.mark.parametrize(("after", "text"), [
    ("timeline", "manda el clip del perro al final y ponle música"),
    ("timeline", "envoie le plan du chien à la fin"),
    ("export-offer", "ok, but first make the clips shorter"),
])
def test_a_new_request_after_a_reply_is_not_a_yes(after: str, text: str) -> None:
    assert route(text, after=after).action == "chat", route(text, after=after).detail



@pytest.mark.parametrize("text", [
    "can I upload vertical videos?", "se pueden subir videos en vertical?",
    "縦動画もアップロードできますか？", "세로 영상도 업로드 가능해요?",
    "kann ich auch Videos hochladen, die länger als 10 min sind?", "能上传竖屏视频吗？",
    "posso subir vídeos na vertical?", "je peux importer des vidéos en vertical ?",
])
def test_a_question_about_what_an_upload_accepts_is_chat(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    ("uploading my vertical videos now", "upload"), ("subo un video en vertical", "upload"),
    ("export it in vertical please", "export"),
])
def test_a_format_in_a_request_keeps_the_request(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# Kansai Japanese, Swiss German, casual Korean and English: the same three requests.
REGIONAL = [
    ('今どないなってんの？', 'state'), ('ほな、今のタイムライン見してや', 'state'),
    ('どこまでできたか教えて', 'state'), ('今入ってるクリップ全部見せて', 'state'),
    ('進み具合どない？', 'state'), ('いまどんな感じになってる？', 'state'),
    ('wie weit sind wir?', 'state'), ('was isch scho drin?', 'state'),
    ('zeig mal, was wir bis jetzt haben', 'state'),
    ('wie ist der aktuelle Stand vom Video?', 'state'), ('was ist bisher alles drin?', 'state'),
    ('chasch mer zeige, was drin isch?', 'state'), ('지금 어디까지 했어?', 'state'),
    ('지금까지 만든 거 보여줘', 'state'), ('타임라인 좀 보자', 'state'),
    ('진행 상황 알려줘', 'state'), ('지금 뭐 들어가 있어?', 'state'),
    ('how far are we?', 'state'), ('what do we have so far?', 'state'),
    ("what's in it right now?", 'state'), ("give me a quick look at what's there", 'state'),
    ('any progress on the video?', 'state'), ('あと何本いける？', 'credits'),
    ('残りなんぼ？', 'credits'), ('クレジットあとどんくらい？', 'credits'),
    ('今月まだ作れる？', 'credits'), ('上限まであとなんぼ？', 'credits'),
    ('wie viel hab ich noch übrig?', 'credits'), ('reicht mein Kontingent noch?', 'credits'),
    ('chan i no meh Videos mache?', 'credits'), ('wie viele Videos gehen noch?', 'credits'),
    ('bin ich schon am Limit?', 'credits'), ('몇 개 더 뽑을 수 있어?', 'credits'),
    ('크레딧 얼마 남았지?', 'credits'), ('이번 달 한도 남았어?', 'credits'),
    ('아직 더 만들 수 있어?', 'credits'), ('how many more videos can I do?', 'credits'),
    ('am I out of credits?', 'credits'), ('how much do I have left?', 'credits'),
    ('do I still have enough for one more?', 'credits'),
    ("what's my remaining quota?", 'credits'), ('ほな完成品ちょうだい', 'export'),
    ('出来たやつもろてええ？', 'export'), ('ファイルでちょうだい', 'export'),
    ('完成版送ってくれへん？', 'export'), ('mp4でちょうだい', 'export'),
    ('schick mir die fertige Datei', 'export'), ('gib mir das Video als mp4', 'export'),
    ('chasch mer d Datei schicke?', 'export'), ('ich hätt gern s fertige Video', 'export'),
    ('kannst du mir die Datei rüberschicken?', 'export'), ('완성된 영상 보내줄래?', 'export'),
    ('파일로 줘', 'export'), ('mp4로 보내줘', 'export'), ('최종본 넘겨줘', 'export'),
    ('send the finished video over', 'export'), ('can you send me the final file?', 'export'),
    ('let me grab the mp4', 'export'), ("I'll take the final version", 'export'),
    ('pass over the finished file please', 'export'),
]


@pytest.mark.parametrize(("text", "action"), REGIONAL)
def test_regional_and_casual_forms(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize("text", [
    "a video about my bank balance over 5 years",
    "hazme un anuncio sobre los créditos de nuestro banco", "un vídeo sobre o saldo da poupança",
    "做一个讲银行存款余额的视频", "銀行口座の残高を説明する動画",
    "은행 통장 잔액 알려주는 영상 만들어줘", "what can you do?", "hallo, was kannst du alles?",
    "你能做什么",
    "ドローンのカットの次って何？",
])
def test_money_topics_and_what_the_assistant_can_do_are_chat(text: str) -> None:
    expected = "state" if text.startswith("ドローン") else "chat"  # "drone" is no loan (ローン)
    assert route(text).action == expected, route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    # a condition on completion is not a second request: the request is what follows it
    ("when it's done, send me the file", "export"), ("다 됐으면 파일 보내줘", "export"),
    ("wenn es fertig ist, schick mir die Datei", "export"), ("できたらファイル送って", "export"),
    ("quand c'est prêt, envoie-moi le fichier", "export"),
    # Korean: where the work is, the edited cut, a summary so far; how to upload is chat
    ("작업 어디쯤이야?", "state"), ("현재 편집본 상태 어때?", "state"),
    ("여태 만든 거 정리해줘", "state"), ("업로드하는 방법 알려줘", "chat"),
])
def test_conditions_and_korean_forms(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize(("text", "action", "then"), [
    # the end of editing + "can I have it": the statement covers its own edit verb
    ("I think we're done here, can I have it?", "export", None),
    ("nothing more to change, send it", "export", None),
    ("wir sind fertig, kann ich's haben?", "export", None),
    ("没什么要改的了，可以拿走了吗", "export", None),
    ("더 수정할 거 없어요, 이제 받을게요", "export", None),
    # saving the video is asking for the file
    ("quiero guardar el video", "export", None), ("quero salvar o vídeo", "export", None),
    # the current length, something in the project yet, how the render is going: state
    ("how long is the video right now?", "state", None), ("지금 영상 길이 얼마야?", "state", None),
    ("is there anything in there yet?", "state", None),
    ("y a déjà quelque chose dedans ?", "state", None),
    ("is it still rendering?", "state", None), ("还在渲染吗", "state", None),
    # whether to top up is a question about the balance
    ("do I need to top up first?", "credits", None), ("충전해야 돼요?", "credits", None),
    # Korean "after doing A, B": A is an edit, B the follow-up
    ("자막 바꾼 다음에 mp4 보내줘", "chat", "export"),
])
def test_done_editing_saving_progress_and_top_ups(text: str, action: str, then: str | None
                                                  ) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


@pytest.mark.parametrize("text", [
    "can the free plan download mp4?", "배경음악 업로드 기능 있어요?",
    "¿dónde se guardan los videos exportados?", "能用手机看时间线吗？",
    "les crédits non utilisés sont perdus ?", "まだ書き出さんといて",
    # a frame across a pause is read with what its object's clause says ("already")
    "视频文件我已经下好了，现在做个新的",
    # a length in minutes describes the video, it is not a quota
    "j'aimerais une vidéo sur les abeilles, environ trois minutes, possible ?",
    # a website is where the user will put the file, not an edit
    "send me the final mp4, I'll put it on our website",
])
def test_product_questions_and_descriptions_stay_chat_or_keep_their_action(text: str) -> None:
    got = route(text)
    expected = "export" if text.startswith("send me") else "chat"
    assert got.action == expected, got.detail


@pytest.mark.parametrize("text", [
    "what are credits used for?", "can I buy more credits?", "¿para qué sirven los créditos?",
    "je peux acheter des crédits en plus ?", "kann ich mehr Guthaben kaufen?",
    "o que acontece se meus créditos acabarem?", "积分是按视频算还是按分钟算？", "點數用完會怎樣？",
    "クレジットって何に使うの？", "크레딧 다 쓰면 어떻게 돼요?",
])
def test_how_credits_work_is_chat(text: str) -> None:
    # What credits are for, buying more, what happens when they run out: a question about the
    # product, not about the user's balance.
    got = route(text)
    assert got.action == "chat", got.detail


def test_a_balance_question_beside_a_purchase_keeps_credits() -> None:
    assert route("how many credits do I have? I might need to buy more").action == "credits"


@pytest.mark.parametrize("text", [
    "got the mp4, thanks", "thanks for sending the file!", "文件收到了，谢谢",
    "archivo recibido, gracias",
    "j'ai bien reçu le fichier, merci", "Datei ist angekommen, danke", "recebi o arquivo, valeu",
    "before you export, can you check the spelling?", "share the project with my team",
])
def test_receipts_conditions_and_sharing_are_chat(text: str) -> None:
    # Saying the file arrived reports on an export; "before you export" is a condition.
    got = route(text)
    assert got.action == "chat", got.detail


@pytest.mark.parametrize("text", [
    # A video's subject runs to the end of its sentence, across commas.
    "ein Video, das erklärt, wie man den Kontostand prüft",
    "a video that explains, step by step, how to check your balance",
    "une vidéo qui explique comment consulter son solde",
    "quiero un video que muestre, con gráficos, cómo exportar desde Premiere",
    "um vídeo que ensina a baixar aplicativos",
])
def test_a_described_subject_is_content_to_the_end_of_its_sentence(text: str) -> None:
    assert route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # The same words asking for the thing itself still do.
    ("what's the max upload size?", "chat"), ("可以从手机上传吗？", "chat"),
    ("點數月底會歸零嗎？", "chat"), ("크레딧 월말에 없어져요?", "chat"),
    ("ein Video ist fertig, schick mir die Datei", "export"),
    ("upload this clip", "upload"), ("我还有多少积分", "credits"),
])
def test_limits_devices_and_expiry_are_questions_about_the_product(text: str,
                                                                     action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    # An edit verb that reports, asks whether something was done, or says what the user
    # does: the action beside it wins (the learned model arbitrates).
    ("how many credits are left? my assistant set up the account", "credits"),
    ("what's on the timeline now, which songs did you put in?", "state"),
    ("把所有轨道列出来，我想看看字幕加上没有", "state"),
    # A message that opens with the edit verb is an instruction, whatever it mentions.
    ("add a caption: check your balance!", "chat"),
    ("加一句字幕：余额不足？来充值吧", "chat"),
    ("make the timeline text bigger", "chat"),
])
def test_an_edit_verb_beside_an_action_is_arbitrated(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action", "then"), [
    ("cambiá la música y después exportalo", "chat", "export"),
    ("poné el logo arriba", "chat", None),
    ("字幕改大啲，跟住 export", "chat", "export"),
    ("익스포트 해줘", "export", None),
    ("pode gerar o ficheiro final?", "export", None),
    ("what file types can you export?", "chat", None),
    ("벌써 다운받았어요, 감사합니다", "chat", None),
    ("ponelo después de los créditos de cierre", "chat", None),
])
def test_voseo_cantonese_and_transliterated_forms(text: str, action: str,
                                                  then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then)


@pytest.mark.parametrize(("text", "action", "then"), [
    ("can u export in 8k or just 4k", "chat", None),  # a question typed without "?"
    ("the render from last night came out without sound, what happened?", "chat", None),
    ("a reel about how I cleared my credit card debt", "chat", None),
    ("字幕大聲點，然後匯出", "chat", "export"),
    ("老闆說OK了，配樂不用再動，把成品匯出給我", "export", None),
    ("¿qué tiene el proyecto ahorita?", "state", None),
    ("ok, agora que está pronto gera o vídeo final", "export", None),
    ("まだ生成中？進捗は？", "state", None),
    ("quanto me sobrou?", "credits", None),
])
def test_questions_without_marks_conjunctions_and_nouns_that_look_like_verbs(
        text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then)


@pytest.mark.parametrize("text", [
    # A report that the balance went down, asking whether that is normal, is about how
    # credits behave; so is what an export does after it is done.
    "mis créditos bajaron bastante, ¿es normal?",
    "mes crédits ont baissé d'un coup, c'est normal ?",
    "meine Credits sind über Nacht weniger geworden, ist das normal?",
    "meus créditos diminuíram muito, é normal?",
    "クレジットが急に減ってるけど普通？",
    "크레딧이 갑자기 줄었는데 정상인가요?",
    "¿después de exportar todavía puedo cambiar el título?",
    "ダウンロードリンクの期限が切れてる",
])
def test_reports_about_the_balance_and_after_an_export_are_chat(text: str) -> None:
    assert route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # A clause that is only a way of handing something over asks for the finished video.
    ("c'est dans la boîte, envoie", "export"),
    ("送ってもらえる？", "export"),
    ("보내줄래?", "export"),
    ("fechou, solta o vídeo", "export"),
    ("schick mal rüber", "export"),
    ("can you email it to me?", "export"),
    ("好了 传过来", "export"),
    # ... and nothing else: something else to send, a shot to move, the user's own sending.
    ("发我几个标题", "chat"),
    ("envoie-moi trois idées de titre", "chat"),
    ("envoie le plan du chien à la fin", "chat"),
    ("I'll send it over later", "chat"),
    ("je t'envoie les photos", "upload"),
    ("não manda ainda", "chat"),
])
def test_a_bare_way_of_handing_over_asks_for_the_video(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    # Questions about codecs, bit rate, frame rate or aspect ratio are about the export.
    ("which codecs does the export support?", "chat"),
    ("エクスポートのフレームレートは変えられますか？", "chat"),
    ("匯出可以選 30fps 嗎？", "chat"),
    ("导出的比例是不是有问题？", "chat"),
    ("export in 30fps please", "export"),
    # Whether teammates may use the project is a question about the product.
    ("can my teammates open the project too?", "chat"),
    # Publishing to a platform later is not an upload to us.
    ("渲染最终文件，我要上传到公司平台", "export"),
    # A thing named with an action word ("end credits") does not outvote a request in a
    # sentence of its own; in the same sentence it still stays an edit.
    ("the end credits are done! send me the mp4", "export"),
    ("片尾字幕做好了。把成品发给我", "export"),
    ("add end credits and the intro", "chat"),
    # Ways of asking that batch 14 brought, in other words.
    ("今の状況見せて", "state"),
    ("작업 상황 보여줘", "state"),
    ("还能再做几个视频？", "credits"),
    ("fais-moi le point stp", "state"),
])
def test_specs_teammates_platforms_and_named_things(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [("timeline real quick", "state"),
                                               ("the final mp4 asap", "export")])
def test_filler_words_do_not_lengthen_a_bare_object(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    # A Japanese auxiliary of giving after another verb's te-form asks for that verb, not
    # for the file ("tell me the video's length" may ask to see the project: "state" too).
    ("動画の長さを教えてもらえる？", "not export"),
    ("動画の尺を調べていただけますか", "chat"),
    # After a form of the same request it is the request.
    ("動画を送ってもらえる？", "export"),
    ("完成した動画をいただけますか？", "export"),
    # Permission to receive the video, in four more languages.
    ("영상 이제 받아도 되나요?", "export"),
    ("kann ich das Video jetzt haben?", "export"),
    ("¿puedo tener el video ya?", "export"),
    ("视频现在可以拿了吗？", "export"),
    ("影片裡可以拿掉片頭嗎", "chat"),
])
def test_auxiliaries_of_giving_and_permission_to_receive(text: str, action: str) -> None:
    if action == "not export":
        assert route(text).action in ("chat", "state")
    else:
        assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    # "Where is it at", said of the plan or the subscription, asks for the credits.
    ("et mon abonnement, il en est où ?", "credits"),
    ("where are we at with my plan?", "credits"),
    ("on en est où du projet ?", "state"),
    ("where are we at with the video?", "state"),
])
def test_progress_of_the_plan_is_the_credits(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    # "Where's my file?" asks for it; where a button is, is a question about the product.
    ("where's my download link?", "export"),
    ("where is the final mp4?", "export"),
    ("where is the export button?", "chat"),
    ("导出按钮在哪？", "chat"),
    ("wo ist der Export-Button?", "chat"),
    # A button in the video is content of a request, not a question.
    ("export the video with the subscribe button animation", "export"),
])
def test_where_is_my_file_and_where_is_a_button(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    ("成品在哪", "export"), ("导出的文件在哪里？", "export"), ("下载按钮在哪", "chat"),
])
def test_where_is_my_file_in_chinese(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize("text", ["딸 생일 영상 너무 예쁘다 보내줄래?", "動画送ってほしい"])
def test_send_me_forms_take_the_video_as_their_object(text: str) -> None:
    assert route(text).action == "export"


@pytest.mark.parametrize("text", [
    "which resolutions can you export to?", "¿qué códecs puedes exportar?",
    "quels fichiers je peux uploader ?", "welche Formate kann ich exportieren?",
    "quais vídeos posso fazer upload?", "哪些格式可以导出？", "可以匯出哪些格式？",
    "どんな形式で書き出せますか？", "어떤 파일을 업로드할 수 있어요?",
])
def test_a_which_question_about_an_export_or_upload_asks_for_neither(text: str) -> None:
    assert route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # The same words ask to see the project, and a which-question does not stop a request in
    # a sentence of its own.
    ("welche Clips sind gerade in der Timeline?", "state"),
    ("what's on the timeline right now?", "state"),
    ("which one is better? anyway, export it", "export"),
])
def test_which_words_cancel_only_a_side_effect_in_their_own_question(text: str,
                                                                      action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize(("text", "action"), [
    ("I don't know if I have enough credits left", "credits"),
    ("不知道我的积分还够不够", "credits"), ("no sé si me quedan créditos", "credits"),
    ("je ne sais pas s'il me reste des crédits", "credits"),
])
def test_not_knowing_whether_is_a_question_not_a_negation(text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize("text", [
    "Sorry, I'm not good with computers. If it's finished, could you send me the final mp4?",
    "Perdón, no entiendo mucho de esto. ¿Me puedes mandar el video final?",
])
def test_a_negation_in_another_sentence_leaves_a_request_alone(text: str) -> None:
    assert route(text).action == "export"


@pytest.mark.parametrize(("text", "action"), [
    ("can I look at the timeline on my phone?", "chat"), ("时间线用手机能看吗？", "chat"),
    ("¿se puede ver el proyecto en el móvil?", "chat"),
    ("タイムラインはスマホで見られますか？", "chat"),
    # Not a question, or not about seeing the project: as before.
    ("send the final video to my phone", "export"), ("show me the timeline", "state"),
])
def test_whether_the_project_can_be_seen_on_a_device_is_a_question_about_the_product(
        text: str, action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize("text", [
    "which voices are there?", "what voices do you have?", "有哪些声音？", "有哪些配音可以选",
    "有哪些聲音？", "¿qué voces hay?", "quelles voix il y a ?", "welche Stimmen gibt es?",
    "quais vozes tem?", "声の種類は何がある？", "선택할 수 있는 음성은 뭐가 있나요?",
    "which templates are there?", "有哪些模板？", "il y a quels styles ?", "어떤 템플릿 있어?",
])
def test_what_the_product_offers_is_a_question_for_the_chat(text: str) -> None:
    # A "which … are there" with no thing of the project: not a request to see the project.
    assert route(text).action == "chat"


@pytest.mark.parametrize(("text", "action"), [
    # Things of the project beside the same words: still a request to see it.
    ("what music is on the timeline?", "state"), ("which clips are there?", "state"),
    ("有哪些片段？", "state"), ("welche Clips sind drin?", "state"),
])
def test_things_of_the_project_beside_offer_words_are_still_state(text: str,
                                                                   action: str) -> None:
    assert route(text).action == action


@pytest.mark.parametrize("text", [
    "this goes right after the beach part", "ça va juste après la plage",
    "これは海のシーンの後で", "이건 바다 장면 다음에", "essa vai logo depois da praia",
])
def test_a_caption_that_places_the_file_is_passed_on_after_the_upload(text: str) -> None:
    # No edit verb or placement cue of the tables: the learned caption model reads where the
    # file goes as an instruction for the chat.
    got = route(text, ["/tmp/clip.mp4"])
    assert (got.action, got.then) == ("upload", "chat"), got.detail


@pytest.mark.parametrize("text", [
    "here are the photos from the trip", "fotos da viagem", "Urlaubsfotos vom Wochenende",
    "旅行的照片",
])
def test_a_caption_that_only_names_the_file_is_a_plain_upload(text: str) -> None:
    got = route(text, ["/tmp/clip.mp4"])
    assert (got.action, got.then) == ("upload", None), got.detail


@pytest.mark.parametrize("text", [
    # Putting the export off until someone has checked it.
    "wait with the export, my boss wants to check it", "espera pra exportar, meu chefe precisa ver",
    "書き出しはちょっと待ってください", "내보내기 잠깐만 기다려 줘",
    # A report about the file the assistant sent.
    "the file you sent me has no sound", "o vídeo que me mandaste ficou sem som",
    "das Video, das du mir geschickt hast, hat keinen Ton", "아까 보내준 파일 소리가 안 나요",
    # Text the video is to show.
    "pon un título que diga descarga la app", "加一个写着立即下载的标题",
    "지금 다운로드라고 써 있는 자막 넣어줘",
])
def test_put_off_reported_or_shown_in_the_video_is_chat(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


@pytest.mark.parametrize("text", ["send me the exported video", "dame el video exportado",
                                  "can you send me the file again, the one you sent has no sound"])
def test_the_exported_file_is_still_asked_for(text: str) -> None:
    assert route(text).action == "export", route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    # A French request form whose first word is an English action phrase stays the form.
    ("balance la vidéo finale", "export"), ("c'est bon ? balance le mp4 ici", "export"),
    ("what's my balance", "credits"),
    # Casual English.
    ("cool cool, lemme get that file real quick", "export"),
    ("need a copy of the finished video for my boss", "export"),
    ("hows my video looking", "state"), ("where r we at", "state"),
    ("j'ai encore du crédit ?", "credits"), ("¿cómo vamos con el video?", "state"),
])
def test_overlapping_forms_and_casual_requests(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    # Questions typed without a question mark: an interrogative is enough.
    ("wie exportiere ich in 4k", "chat"), ("what does export do exactly", "chat"),
    ("pourquoi l'export en 4k", "chat"),
    # A relative "what" asks nothing ("exactly what the listing needed").
    ("perfect thats exactly what the listing needed send it over", "export"),
    ("ich brauch die datei heute noch", "export"), ("gib mal die mp4 her", "export"),
])
def test_questions_without_a_question_mark(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    ("결과물 받아볼 수 있을까요?", "export"), ("편집 진행 어때요", "state"),
    ("어떻게 내보내요?", "chat"), ("타임라인이 뭐예요?", "chat"),
    ("타임라인 어떻게 돼 있어?", "state"), ("クレジットって何に使うの？", "chat"),
    ("タイムラインって何？", "chat"),
])
def test_korean_forms_and_what_a_thing_is(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


@pytest.mark.parametrize("text", ["me mostra a timeline", "o que tem a timeline agora?"])
def test_the_portuguese_article_a_is_no_english_indefinite(text: str) -> None:
    # Latin-script tables match across languages: "a timeline" is "the timeline" here.
    assert route(text).action == "state", route(text).detail


@pytest.mark.parametrize("text", [
    # The user will do it: no request.
    "after this I'll export it myself", "我自己导出就行", "自分で書き出します",
    "제가 직접 내보낼게요",
    # A question without its mark, a report about an earlier export, a button, who may look.
    "what's the max length of a video I can export",
    "o último export ficou borrado, melhora as cores",
    "the export button in the app is hard to find", "can my team see the timeline too?",
])
def test_own_plans_reports_and_product_parts_are_chat(text: str) -> None:
    assert route(text).action == "chat", route(text).detail


@pytest.mark.parametrize(("text", "action"), [
    # A question whether it is done, then a sentence that only hands it over: the finished video.
    ("is it ready? send it", "export"), ("c'est prêt ? envoie-le", "export"),
    ("já está pronto? então me manda", "export"), ("できた？送って", "export"),
    ("다 됐어? 보내줘", "export"),
    # The question alone, or followed by another question, stays a question about the project.
    ("is it ready?", "state"), ("la vidéo est prête ?", "state"),
    ("o vídeo já está pronto?", "state"),
])
def test_done_then_hand_it_over(text: str, action: str) -> None:
    assert route(text).action == action, route(text).detail


# First-time users who do not know the product's words: the finished video as "it" or "what
# you made", kept, saved, shared or put on a phone; the project as "what have you done so
# far" or "what does it look like now"; the balance as "will I have to pay" or "can I still
# make more". Beside them, creative requests and product questions that use the same words.
EVERYDAY: dict[str, dict[str, list[str]]] = {
    "en": {
        "export": ["can I have it now?", "I want to put it on my phone",
                   "send it to me so I can share it", "can I keep it?", "send me what you made",
                   "I want to share it with my friends", "put it on my phone pls"],
        "state": ["what have you done so far?", "what does it look like now?",
                  "remind me what's in it", "can you tell me what you've done"],
        "credits": ["how much do I have left?", "will I have to pay?",
                    "can I still make more?", "do I need to pay for this?"],
    },
    "zh-Hans": {
        "export": ["我想放到手机上", "发给我吧，我要分享", "把你做的发给我", "我想把它存到手机里"],
        "state": ["你到现在做了什么？", "现在看起来什么样？", "提醒我一下里面有什么"],
        "credits": ["我还剩多少？", "我需要付钱吗？"],
    },
    "zh-Hant": {
        "export": ["我想放到手機上", "把你做的給我", "我可以存起來嗎",
                   "可以傳給我嗎？我想分享給朋友"],
        "state": ["你到現在做了什麼？", "現在看起來怎樣？", "目前做了哪些"],
        "credits": ["我還剩多少？", "我需要付錢嗎？"],
    },
    "es": {
        "export": ["¿me lo puedes dar ya?", "lo quiero poner en mi móvil", "¿puedo quedármelo?",
                   "pásame lo que hiciste", "quiero guardarlo", "lo quiero en mi celular"],
        "state": ["¿qué has hecho hasta ahora?", "¿cómo se ve ahora?", "¿qué llevas hecho?"],
        "credits": ["¿cuánto me queda?", "¿tengo que pagar?", "¿todavía puedo hacer otro?"],
    },
    "fr": {
        "export": ["je veux le mettre sur mon téléphone", "je peux le garder ?",
                   "donne-moi ce que tu as fait", "je veux le partager avec mes amis",
                   "mets-la sur mon téléphone"],
        "state": ["qu'est-ce que tu as fait jusqu'ici ?", "ça ressemble à quoi maintenant ?",
                  "qu'est-ce que tu as déjà fait ?"],
        "credits": ["il m'en reste combien ?", "je vais devoir payer ?",
                    "je peux encore en faire ?"],
    },
    "de": {
        "export": ["ich will es auf mein Handy", "kann ich es behalten?",
                   "gib mir, was du gemacht hast", "kannst du es mir schicken?",
                   "leg es aufs Handy", "ich will das aufs Handy"],
        "state": ["was hast du bisher gemacht?", "wie sieht es jetzt aus?",
                  "was hast du schon gemacht?"],
        "credits": ["wie viel habe ich noch?", "muss ich bezahlen?", "kann ich noch mehr machen?"],
    },
    "pt": {
        "export": ["quero colocar no meu celular", "posso ficar com ele?",
                   "me passa o que você fez", "quero salvar no celular",
                   "bota no meu celular", "quero no meu celular"],
        "state": ["o que você fez até agora?", "o que já foi feito?", "como ficou até agora?"],
        "credits": ["vou ter que pagar?", "ainda posso fazer mais?", "quanto ainda tenho?"],
    },
    "ja": {
        "export": ["スマホに入れたい", "作ったものをください", "シェアしたいので送ってください"],
        "state": ["今までに何をしましたか？", "今どんな感じになってる？", "どこまでできた？"],
        "credits": ["あとどれくらい残ってる？", "まだ作れますか？"],
    },
    "ko": {
        "export": ["폰에 넣고 싶어요", "공유하게 보내주세요", "저장할 수 있어요?"],
        "state": ["지금까지 뭐 했어요?", "지금 어떻게 생겼어요?", "지금까지 한 거 보여줘"],
        "credits": ["얼마나 남았어요?", "몇 개 더 만들 수 있어?"],
    },
}

EVERYDAY_NEGATIVES: dict[str, list[str]] = {
    "en": ["make a video where I send it to my mom", "a video about keeping your phone safe",
           "how do I share videos in general?", "put a phone on the table in the scene",
           "make a clip of what I have done this year", "how much does a yearly plan cost?",
           "what does the fade transition look like?", "keep it short please",
           "I want to keep the music from the first version",
           "save the best shot for the ending", "add a caption: what have you done",
           "is there a way to pay by card?", "can I share the project with my team?",
           "the video should show the project timeline of our renovation"],
    "zh-Hans": ["做一个我把视频发给妈妈的视频", "分享功能怎么用？", "画面里放一部手机",
                "把手机的照片放到最后", "开头加一句：你做了什么", "淡入效果看起来什么样？",
                "我想保留第一版的音乐", "把最好的镜头留着做结尾"],
    "zh-Hant": ["分享功能怎麼用？", "畫面裡放一支手機", "開頭加一句：你做了什麼",
                "淡入效果看起來什麼樣？"],
    "es": ["haz un video sobre cómo guardar dinero", "¿cómo funciona compartir?",
           "pon un teléfono en la escena", "quiero guardar la música de la primera versión",
           "pon al principio: ¿qué has hecho?", "¿se puede pagar con tarjeta?",
           "pon la foto de mi móvil al final", "¿se puede ver el proyecto en el móvil?"],
    "fr": ["fais une vidéo sur comment partager ses photos", "mets un téléphone dans la scène",
           "je veux garder la musique de la première version",
           "ajoute le texte : qu'est-ce que tu as fait", "garde-le court",
           "la vidéo doit montrer la chronologie du projet"],
    "de": ["mach ein Video, wie man Fotos aufs Handy bekommt",
           "füge ein Handy in die Szene ein", "ich will die Musik der ersten Version behalten",
           "schreib als Titel: was hast du gemacht", "wie kann ich bezahlen?",
           "das Video soll die Zeitleiste unserer Firma zeigen"],
    "pt": ["faça um vídeo sobre como economizar", "coloca um celular na cena",
           "quero guardar a música da primeira versão", "põe no início: o que você fez"],
    "ja": ["スマホを持っている女の子のシーンを追加して", "共有機能はどう使うの？",
           "タイトルに「何をしたの」と入れて", "支払い方法は？"],
    "ko": ["휴대폰을 든 사람 장면을 넣어줘", "공유 기능은 어떻게 써요?",
           "자막에 '뭐 했어?'라고 넣어줘", "결제는 어떻게 해요?"],
}


@pytest.mark.parametrize(("lang", "text", "action"), [
    (lang, text, action) for lang, table in EVERYDAY.items()
    for action, texts in table.items() for text in texts])
def test_everyday_words_of_first_time_users(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


def test_every_language_has_everyday_requests_and_negatives() -> None:
    for lang in LABELS:
        assert set(EVERYDAY[lang]) == {"export", "state", "credits"}, lang
        assert EVERYDAY_NEGATIVES[lang], lang


@pytest.mark.parametrize(("lang", "text"), [
    (lang, text) for lang, texts in EVERYDAY_NEGATIVES.items() for text in texts])
def test_everyday_words_in_content_and_product_questions_stay_chat(lang: str, text: str
                                                                    ) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Taking it away, a copy, where to collect it, what was put in, whether more must be bought.
EVERYDAY_MORE = [
    ("en", "where can I get it?", "export"), ("en", "I want a copy for myself", "export"),
    ("en", "what did you put in?", "state"), ("en", "do I need to buy more?", "credits"),
    ("zh-Hans", "我能拿走吗", "export"), ("zh-Hans", "你都放了些什么", "state"),
    ("zh-Hans", "还要不要再买", "credits"),
    ("zh-Hant", "我能拿走嗎", "export"), ("zh-Hant", "你都放了些什麼", "state"),
    ("es", "¿me lo puedo llevar?", "export"), ("es", "quiero una copia", "export"),
    ("es", "¿qué le pusiste?", "state"), ("es", "¿tengo que comprar más?", "credits"),
    ("fr", "où est-ce que je peux le télécharger ?", "export"),
    ("fr", "tu as mis quoi dedans ?", "state"), ("fr", "je dois en racheter ?", "credits"),
    ("de", "kann ich das mitnehmen?", "export"), ("de", "ich hätte gern eine Kopie", "export"),
    ("de", "muss ich nachkaufen?", "credits"),
    ("pt", "posso levar?", "export"), ("pt", "onde eu baixo?", "export"),
    ("pt", "preciso comprar mais?", "credits"),
    ("ja", "どこでダウンロードできますか", "export"), ("ja", "何を入れたの？", "state"),
    ("ja", "作ったものを見せて", "state"), ("ja", "追加で買う必要ある？", "credits"),
    ("ko", "어디서 다운받아요?", "export"), ("ko", "만든 거 보여줘", "state"),
]


@pytest.mark.parametrize(("lang", "text", "action"), EVERYDAY_MORE)
def test_taking_it_away_copies_and_buying_more(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize("text", [
    "I want a copy of the logo in the corner", "quiero una copia del texto al final",
    "where can I get music for my video?", "where can I find the templates?",
    "can I buy more credits?", "do I need to buy a microphone?",
    "quiero comprar más flores para la escena", "我要了解一下怎么用",
    "posso levar o cachorro para a cena?",
])
def test_copies_of_parts_and_how_to_buy_stay_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Korean permission and "that will do" endings ("-아도 돼요?", "-면 돼요") ask; a bare "되나요"
# after an action word still asks whether it can be done.
@pytest.mark.parametrize(("text", "action"), [
    ("이제 다운받아도 돼요?", "export"), ("지금 다운로드해도 되나요?", "export"),
    ("이제 내보내도 되나요?", "export"), ("그냥 mp4로 주시면 돼요", "export"),
    ("최종본 보내주면 되나요?", "export"), ("저장해도 되나요?", "export"),
    ("4K로 내보내도 되나요?", "chat"), ("여러 개 한 번에 내보내도 돼요?", "chat"),
    ("음악 바꿔도 돼요?", "chat"), ("이 사진 써도 되나요?", "chat"), ("다운로드 안 돼요", "chat"),
])
def test_korean_may_i_and_that_will_do_endings(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# What a good example of something looks like is advice; what the video looks like now is
# its state.
@pytest.mark.parametrize(("lang", "text", "action"), [
    ("en", "what does a good thumbnail look like?", "chat"),
    ("en", "what does the video look like now?", "state"),
    ("fr", "à quoi ressemble une bonne miniature ?", "chat"),
    ("fr", "à quoi ça ressemble maintenant ?", "state"),
    ("es", "¿cómo se ve una buena intro?", "chat"), ("es", "¿cómo se ve ahora?", "state"),
    ("de", "wie sieht ein gutes Thumbnail aus?", "chat"),
    ("de", "wie sieht es jetzt aus?", "state"),
    ("pt", "como é uma boa thumbnail?", "chat"), ("pt", "como está ficando?", "state"),
])
def test_a_good_example_is_advice_and_now_is_the_state(lang: str, text: str, action: str
                                                       ) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


# A hand-over beside a time word of another action ("ya", "já") still hands it over; words
# of another action count as content: "发我几个标题" asks for titles.
@pytest.mark.parametrize(("text", "action"), [
    ("¿ya me lo puedo llevar?", "export"), ("já posso pegar?", "export"),
    ("发我几个标题", "chat"),
])
def test_a_time_word_does_not_take_the_hand_over_away(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A change, a connector, then a clause that only hands it over: the change, then the file.
@pytest.mark.parametrize(("text", "then"), [
    ("make the music quieter and then send it", "export"),
    ("cut the ending, then email it to me", "export"),
    ("把音乐调小然后发我", "export"), ("把結尾剪掉然後傳我", "export"),
    ("quita el final y luego me lo pasas", "export"),
    ("enlève la fin puis envoie", "export"),
    ("schneid das Ende weg und schick es danach", "export"),
    ("corta o final e aí me manda", "export"), ("音楽を小さくしてから送って", "export"),
    ("끝부분 자르고 나서 보내주세요", "export"),
    ("cut the ending and send me some title ideas", None),
    ("abaixa a música e depois me manda umas ideias de título", None),
    ("把音乐调小然后发我几个标题", None),
])
def test_a_change_then_a_bare_hand_over(text: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", then), got.detail


# Busy people mid-edit (written for these tests after batch 21's kinds): the file sent to a
# phone, a downloadable version, a change then "the mp4", what is left after many retries,
# whether it is still processing; a new project is no request to see one.
@pytest.mark.parametrize(("lang", "text", "action", "then"), [
    ("en", "ok now the downloadable version please", "export", None),
    ("en", "make the logo bigger and then the mp4 please", "chat", "export"),
    ("en", "hi, new project today, it's for my bakery", "chat", None),
    ("zh-Hans", "弄好了就直接发我手机上", "export", None),
    ("zh-Hans", "刚才重做了好几次，是不是不够用了", "credits", None),
    ("zh-Hans", "视频跑完了没", "state", None),
    ("zh-Hant", "片尾字放大一點，改好直接出檔", "chat", "export"),
    ("zh-Hant", "影片生成好了沒", "state", None),
    ("es", "listo, me lo pasas al cel?", "export", None),
    ("es", "hola, tengo otro proyecto para mi tienda", "chat", None),
    ("fr", "j'ai tout refait trois fois, il en reste combien ?", "credits", None),
    ("fr", "ça mouline encore ?", "state", None),
    ("fr", "mets la police en gras et après tu me la télécharges", "chat", "export"),
    ("de", "kannst du mir das aufs Handy schicken?", "export", None),
    ("de", "Titel etwas größer und dann bitte das mp4", "chat", "export"),
    ("de", "bin ich schon bei null?", "credits", None),
    ("pt", "pode descarregar o vídeo?", "export", None),
    ("pt", "ficou ótimo, joga no meu whats", "export", None),
    ("ja", "修正が多かったから減ったよね、あと何ポイント残ってる？", "credits", None),
    ("ja", "まだ生成中？", "state", None),
    ("ko", "새 프로젝트 하나 시작할게요", "chat", None),
])
def test_busy_people_mid_edit(lang: str, text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail
    assert base_language(got.language) == base_language(lang)


# Whether something was already put in is asked of the project; finalising asks for the file;
# what the export is going to have is a question about it.
@pytest.mark.parametrize(("text", "action"), [
    ("did you add the logo already?", "state"), ("what music did you put on it?", "state"),
    ("is it done yet?", "state"), ("finalize it", "export"),
    ("I'm happy with it, let's finalize", "export"),
    ("just give me what you have, I'm out of time", "export"),
    ("is the export going to have a watermark?", "chat"),
    ("add the logo already, it's missing", "chat"),
])
def test_what_was_done_finalising_and_questions_about_the_export(text: str, action: str
                                                                 ) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# "Did you put the music in?" asks the project's state in every language; a statement that
# something was put in, with the change it needs, stays an edit.
@pytest.mark.parametrize(("lang", "text", "action"), [
    ("zh-Hans", "片头音乐加进去了吗？", "state"), ("zh-Hant", "logo放進去了嗎", "state"),
    ("es", "¿ya agregaste las fotos de la playa?", "state"),
    ("fr", "as-tu ajouté le logo ?", "state"), ("de", "ist die Musik schon eingefügt?", "state"),
    ("pt", "você já colocou a trilha?", "state"), ("ja", "テロップ入れてくれた？", "state"),
    ("ko", "배경음악 넣었나요?", "state"), ("ko", "아직 작업 중이에요?", "state"),
    ("ko", "이번 달 크레딧 다 쓴 거예요?", "credits"),
    ("ko", "핸드폰으로 보내줄 수 있어요?", "export"), ("ko", "마지막 장면 빼주세요", "chat"),
    ("es", "ya pusiste la música muy fuerte, bájala", "chat"),
    ("zh-Hans", "音乐加了，再把字幕放大", "chat"),
    ("ja", "音楽入れたけど、もっと小さくして", "chat"),
])
def test_whether_something_was_put_in(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


# How the finished video should be is an edit; how long each photo should stay is advice; a
# graphic of a timeline is content. Walking through it scene by scene still asks to see it.
@pytest.mark.parametrize(("text", "action"), [
    ("je veux que la vidéo finale soit plus courte", "chat"),
    ("quiero que el video final sea más corto", "chat"),
    ("quero que o vídeo final seja mais curto", "chat"),
    ("最终视频要短一点", "chat"), ("最後的影片要短一點", "chat"),
    ("wie viele Sekunden pro Foto sind gut?", "chat"),
    ("how many seconds per photo work best?", "chat"),
    ("my boss wants to see the project timeline as a graphic in the video", "chat"),
    ("explícame el timeline escena por escena", "state"),
    ("détaille-moi la timeline plan par plan", "state"),
])
def test_how_the_result_should_be_is_not_a_request_for_it(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Long, polite messages: a greeting and who they are, then the request in its own sentence.
@pytest.mark.parametrize(("lang", "text", "action"), [
    ("en", "Hello, I volunteer at the library. Could you tell me what is in my video right "
           "now? I'd like to know before I add the last photos.", "state"),
    ("en", "Hi! My husband keeps asking about it. Could you give me a short summary of what "
           "we have?", "state"),
    ("es", "Buenas tardes, soy Lucía. Hice varios videos esta semana. ¿Cuántos me quedan?",
     "credits"),
    ("fr", "Bonjour, je débute. Pouvez-vous me dire ce qu'il y a dans mon projet ?", "state"),
    ("de", "Guten Tag, ich habe diese Woche einige Videos gemacht. Wie viele kann ich noch "
           "machen?", "credits"),
    ("pt", "Olá, aqui é o Jorge. Adorei o resultado. Seria possível me enviar hoje?", "export"),
    ("pt", "Boa noite, já fiz muitos vídeos este mês. Quantos ainda posso fazer?", "credits"),
    ("ja", "お世話になっております。今の動画に何が入っているか教えていただけますか？", "state"),
    ("en", "Good morning! How many more can I make this month? I have two more events.",
     "credits"),
])
def test_long_polite_messages(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


# Very short casual messages; a report of a file that would not go is no request for one.
@pytest.mark.parametrize(("text", "action"), [
    ("file?", "export"), ("ok done, file pls", "export"), ("yo where's my video", "export"),
    ("hows it lookin", "state"), ("q tal va?", "state"), ("k llevas?", "state"),
    ("咋样了", "state"), ("點樣了", "state"), ("어케 돼가?", "state"),
    ("I tried to send a 2GB file and it didn't go through", "chat"),
    ("put the file name in the corner", "chat"),
])
def test_short_casual_messages(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# First-time users: how to get *their* video asks for it (how to export stays a how-to
# question, and so does getting it once it is ready, in the future); keeping it; what was made.
@pytest.mark.parametrize(("lang", "text", "action"), [
    ("en", "how do I get my video?", "export"), ("en", "ok how do I save it", "export"),
    ("en", "I want to keep the video", "export"), ("en", "tell me what you made", "state"),
    ("es", "¿cómo consigo mi video?", "export"),
    ("es", "quiero quedarme con el video", "export"),
    ("fr", "comment je récupère ma vidéo ?", "export"),
    ("fr", "je voudrais garder la vidéo", "export"),
    ("de", "wie bekomme ich mein Video?", "export"),
    ("pt", "como eu pego meu vídeo?", "export"),
    ("zh-Hans", "我怎么拿到我的视频？", "export"), ("zh-Hant", "我怎麼拿到我的影片？", "export"),
    ("ja", "動画はどうやってもらえますか？", "export"),
    ("ja", "今までに何を作りましたか？", "state"), ("ja", "作ったものを見られますか？", "state"),
    ("ko", "만든 거 볼 수 있어요?", "state"),
    ("en", "how do I export?", "chat"), ("en", "how do I get it to loop?", "chat"),
    ("fr", "comment je récupère la vidéo quand elle sera prête ?", "chat"),
])
def test_first_time_users_ask_for_their_video(lang: str, text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail
    assert base_language(got.language) == base_language(lang)


# Questions about exports and limits in general, reports of a broken link, an order's status
# in the video: none asks for an action.
@pytest.mark.parametrize("text", [
    "does the export keep the original quality", "how many clips can a video have",
    "the status of the order should appear at the end", "cuántos clips caben en un video",
    "下载链接打不开了", "下載連結打不開了", "다운로드 링크가 안 열려요", "可以匯出直的嗎",
    "縦で書き出せますか", "le lien de téléchargement ne marche plus",
    "der Downloadlink geht nicht mehr", "o link de download não funciona mais",
])
def test_general_questions_and_broken_links_stay_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Where the file should go (inbox, drive, WhatsApp, WeChat, LINE) and a shared link ask for
# it; a link to something else is content.
@pytest.mark.parametrize(("text", "action"), [
    ("drop it in my inbox", "export"), ("put it in my google drive", "export"),
    ("airdrop it to me", "export"), ("compárteme el enlace", "export"),
    ("tu peux me partager le lien ?", "export"), ("teil mir den Link", "export"),
    ("manda no meu zap", "export"), ("微信发我", "export"), ("LINEで送って", "export"),
    ("quiero el link de la canción que usaste", "chat"),
    ("je veux le lien de la musique", "chat"), ("ich brauche den Link zur Musik", "chat"),
])
def test_destinations_and_shared_links(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# In a hurry: "give me this version"; how far along it is; running out of tries.
@pytest.mark.parametrize(("text", "action"), [
    ("我赶时间，先把现在这版给我", "export"), ("我趕時間，先把這版給我", "export"),
    ("give me this version, I'm late", "export"), ("もうダウンロードできますか", "export"),
    ("做得怎么样了", "state"), ("剪得怎麼樣了", "state"), ("是不是快没次数了", "credits"),
    ("I need this version shorter", "chat"), ("ダウンロードに時間がかかりますか", "chat"),
])
def test_in_a_hurry_and_running_out(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# English product words inside another language ("final 버전", "finalのやつ").
@pytest.mark.parametrize(("text", "action"), [
    ("finalのやつ送って", "export"), ("final 버전 보내줘", "export"),
    ("mándame el final cut porfa", "export"), ("timeline見せて", "state"),
    ("credits 몇 개 남았어?", "credits"),
])
def test_english_product_words_inside_another_language(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Which music or photos the assistant chose asks what the project holds; which music suits
# something does not.
@pytest.mark.parametrize(("text", "action"), [
    ("which song did you pick?", "state"), ("tu as mis quelle musique ?", "state"),
    ("qual música você colocou?", "state"), ("welche Musik ist drauf?", "state"),
    ("¿qué canción elegiste?", "state"), ("配的是哪首歌？", "state"), ("配咗邊首歌？", "state"),
    ("음악 뭐 넣었어?", "state"), ("já tá tudo montado?", "state"),
    ("ist schon alles zusammengeschnitten?", "state"),
    ("what music would suit a wedding?", "chat"),
    ("which song did you pick? I don't like it, change it", "chat"),
])
def test_which_things_were_chosen(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize("text", [
    "I like what you picked", "quiero el link de la canción que usaste",
    "manda a música que você usou no outro vídeo",
])
def test_a_relative_clause_about_a_choice_is_no_question(text: str) -> None:
    got = route(text)
    assert got.action != "state", got.detail


# An opinion asked about the timeline ("too long?", "what do you think") and what the project
# is for are no requests to see it; what fits on a slide is advice.
@pytest.mark.parametrize("text", [
    "is the timeline too long?", "what do you think of the timeline so far? too long?",
    "ist die Timeline zu lang?", "a linha do tempo tá muito longa?", "时间线是不是太长了？",
    "タイムライン長すぎる？", "타임라인 너무 길어?", "this project is for school",
    "o projeto é pro casamento da minha irmã", "このプロジェクトは姉の結婚式用です",
    "이 프로젝트는 언니 결혼식용이에요", "how much text fits on one slide?",
])
def test_opinions_and_what_the_project_is_for_stay_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


@pytest.mark.parametrize(("text", "action"), [
    ("the export is taking too long, what's the status?", "state"),
    ("プロジェクトは今どんな感じ？", "state"), ("프로젝트는 어떻게 돼가?", "state"),
])
def test_a_judgement_in_another_clause_keeps_the_request(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize(("text", "action"), [
    ("还能再做一个吗", "credits"), ("還能再做一支嗎", "credits"), ("是不是超额了", "credits"),
    ("もう1本いける？", "credits"), ("时长是不是超了", "chat"),
])
def test_one_more_and_over_the_quota(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether an element is in yet, how the video starts, a recap; what is best is advice.
@pytest.mark.parametrize(("text", "action"), [
    ("is the voiceover in yet?", "state"), ("did the photos get added?", "state"),
    ("what does the video start with?", "state"), ("which parts have music?", "state"),
    ("recap please", "state"), ("do I need to upgrade?", "credits"),
    ("how much is left this month", "credits"), ("what does render mean?", "chat"),
    ("what's the best order for the scenes?", "chat"),
    ("make a recap of our season, like a timeline of every match", "chat"),
    ("qual é a melhor música pra um casamento?", "chat"),
])
def test_elements_in_yet_and_advice(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize(("text", "then"), [
    ("úsalo de intro", "chat"), ("das kommt nach dem Strand", "chat"),
    ("das neue Logo", None), ("el logo nuevo", None),
])
def test_a_caption_that_places_the_file(text: str, then: str | None) -> None:
    got = route(text, ["clip.mp4"])
    assert (got.action, got.then) == ("upload", then), got.detail


# A verdict on the video ("looks great", "ficou lindo", "很棒") speaks of its own clause: praise
# or a complaint about the finished video or the clips asks for nothing; a request after it,
# even without punctuation, still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("the final video looks great, thanks!", "chat"), ("the clips look blurry", "chat"),
    ("el video final quedó genial, gracias", "chat"), ("les clips sont flous", "chat"),
    ("das fertige Video ist super, danke", "chat"), ("o vídeo final ficou ótimo, obrigado", "chat"),
    ("成品很棒，谢谢", "chat"), ("クリップがぼやけてる", "chat"), ("클립이 흐려요", "chat"),
    ("what a great timeline!", "chat"),
    ("looks great send it over", "export"), ("ficou ótimo me manda", "export"),
    ("quedó genial mándamelo", "export"), ("很棒 发我吧", "export"),
])
def test_a_verdict_on_the_video_speaks_of_its_own_clause(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


def test_a_verdict_then_a_hand_over_after_an_edit() -> None:
    got = route("ficou lindo agora pode mandar", after="edit")
    assert (got.action, got.then) == ("export", None), got.detail


@pytest.mark.parametrize("text", [
    "진행 상황 바 넣어줘", "프로젝트 발표용 영상이에요", "完成版は1分以内にしてください",
    "把文件名做成字幕", "put the file name in the corner", "the final video must be under a minute",
])
def test_a_progress_bar_a_file_name_and_a_length_limit_are_edits(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Whether the video is still being made asks how far the project is: a still-word beside a
# word of work in progress, in every language; the user's own work in progress and a request
# to make something more are not.
@pytest.mark.parametrize(("text", "action"), [
    ("is it still rendering?", "state"), ("是不是还在生成？", "state"), ("影片還在跑嗎", "state"),
    ("¿aún se está generando?", "state"), ("c'est toujours en cours ?", "state"),
    ("wird das noch gerendert?", "state"), ("ainda está gerando?", "state"),
    ("まだ処理中ですか", "state"), ("아직 만드는 중이에요?", "state"),
    ("can you still generate one with a cat?", "chat"),
    ("todavía estoy procesando lo que me dijiste", "chat"),
    ("ainda tô rodando o vídeo no meu pc", "chat"),
])
def test_still_in_progress_asks_for_the_state(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A change, then the user saying they will collect it or asking to be handed it: chat, then the
# export.
@pytest.mark.parametrize("text", [
    "mets de la musique et après je la récupère", "corta el final y luego suéltamelo",
    "diminui o volume e depois me entrega", "mach den Titel größer und dann mir zuschicken",
])
def test_a_change_then_collecting_it(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", "export"), got.detail


# "By e-mail too, or only here?": an either/or question about what is offered asks nothing.
@pytest.mark.parametrize("text", [
    "can you send the file by email or only here?",
    "¿me mandan el archivo por correo o solo aquí?",
    "vous envoyez le fichier par mail ou seulement ici ?",
    "kommt die Datei per Mail oder nur hier?",
    "vocês mandam o arquivo por e-mail ou só aqui?",
])
def test_an_either_or_question_about_what_is_offered_is_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Not remembering what is in the project is no negation: the request that follows asks.
@pytest.mark.parametrize("text", [
    "I don't remember what's in the project so far, can you tell me?",
    "não lembro o que já colocamos, pode me dizer?",
])
def test_not_remembering_is_no_negation(text: str) -> None:
    assert route(text).action == "state", route(text).detail


# A change in everyday words (comparatives, "agrandis", "抜いて"), then a connector and the
# finished video: the change, then the export; a progress word after the connector ("me lo
# mandas terminado") does not make the change a question.
@pytest.mark.parametrize("text", [
    "quita la foto movida y después me lo mandas terminado",
    "agrandis le titre et après envoie-moi la vidéo finale",
    "mach den Titel größer, danach schick mir das Endergebnis",
    "ブレてる写真を抜いて、それから完成版を送って",
])
def test_an_everyday_change_then_the_finished_video(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", "export"), got.detail


# Where to find something, whether someone else may see it, and a download already done are
# questions and reports, not requests.
@pytest.mark.parametrize("text", [
    "wo finde ich meine Credits?", "can my colleague see the timeline?", "다운받았어요 감사해요",
])
def test_where_to_find_who_may_see_and_done_downloads_are_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Third round, written for these tests from the kinds of chat that still reached an action
# (not from the corpus): a conditional export asked about ("if I export now, will …?"),
# someone else's question reported ("my client asks if she can download it"), a download
# reported done or stuck, a still frame or thumbnail to export, what a voice-over or a boss
# says the video should have, other people's habits ("my students upload every week", "how
# many videos do people make"), giving credit to someone, no need to show the timeline.
CONTENT_AND_REPORTS = {
    'en': [
        'the character says send me the final version before friday',
        'can I export a still frame as the thumbnail',
        'my credit score went up, I want a celebration video',
        "what's your export pipeline like, ffmpeg?",
        "I'm a teacher, my students upload videos to google classroom every week",
        'upload day is friday for our channel',
    ],
    'zh-Hans': [
        '如果现在导出，音乐还在吗？',
        '客户问她以后能不能自己下载视频',
        '要我重新上传logo吗',
        '下载好了，谢谢',
        '导出卡在80%了',
        '能把某一帧导出当封面吗',
    ],
    'zh-Hant': [
        '如果現在匯出，音樂還會在嗎？',
        '要我重新上傳logo嗎',
        '下載好了，謝謝',
        '匯出卡在80%了',
        '可以把某一格匯出當封面嗎',
    ],
    'es': [
        'la voz en off dice sube tus recibos y consulta tu saldo en la app',
        'dale crédito al fotógrafo en la esquina',
        'la exportación se quedó en 80 por ciento',
        '¿puedo exportar un fotograma como miniatura?',
        '¿cuántos videos suele hacer la gente al mes?',
    ],
    'fr': [
        "si j'exporte maintenant, la musique reste ?",
        'que deviennent mes crédits si le rendu échoue ?',
        "la voix off dit envoyez vos tickets et consultez votre solde dans l'appli",
        'ma cliente demande si elle pourra télécharger la vidéo elle-même',
        'mon patron dit que la vidéo finale doit avoir le logo dans le coin',
        'je peux exporter une image fixe comme miniature ?',
    ],
    'de': [
        'wenn ich jetzt exportiere, ist die Musik dann drin?',
        'meine Kundin fragt, ob sie das Video später selbst herunterladen kann',
        'mein Chef meint, das fertige Video braucht das Logo in der Ecke',
        'danke, der Download hat geklappt',
        'kann ich ein Standbild als Thumbnail exportieren?',
        'wie viele Videos machen die Leute so im Monat?',
    ],
    'pt': [
        'se eu exportar agora a música continua?',
        'a narração diz envie seus recibos e consulte seu saldo no app',
        'minha cliente perguntou se ela pode baixar o vídeo depois',
        'meu chefe disse que o vídeo final precisa do logo no canto',
        'valeu, o download funcionou',
        'dá crédito ao fotógrafo no canto',
        'posso exportar um frame como miniatura?',
        'quantos vídeos as pessoas costumam fazer por mês?',
    ],
    'ja': [
        'さっき送ってくれたファイル、音が入ってなかった',
        '生徒が毎週動画をアップしてます',
    ],
    'ko': [
        '타임라인은 안 보여줘도 돼',
        '감사합니다 다운로드 잘 됐어요',
        '내보내기가 80%에서 멈췄어',
        '학생들이 매주 영상을 업로드해요',
        '다른 사람들은 한 달에 영상 몇 개 만들어요?',
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, texts in
                                            CONTENT_AND_REPORTS.items() for text in texts])
def test_questions_reports_and_content_with_action_words_are_chat(lang: str, text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# ... while the same words beside a plain request still ask for it.
@pytest.mark.parametrize(("text", "action"), [
    ("si ya está, descárgalo", "export"), ("wenn es fertig ist, schick mir das Video", "export"),
    ("si c'est bon, envoie-moi la vidéo", "export"), ("영상 다 됐으면 보내줘", "export"),
    ("mi jefe pregunta si ya está el video, me lo mandas?", "export"),
    ("¿si lo exporto ahora me quedan créditos para otro?", "credits"),
    ("weißt du, ob ich noch Credits habe?", "credits"),
])
def test_requests_beside_those_words_still_ask(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# First-time users: where their video is ("where's my video?"), liking it then asking to have
# it, what the project holds in their own words.
@pytest.mark.parametrize(("text", "action"), [
    ("wo ist mein Video? ich will es der Oma schicken", "export"),
    ("elle est où ma vidéo ? je veux l'envoyer à mamie", "export"),
    ("cadê meu vídeo? quero mandar pra minha avó", "export"),
    ("제 영상 어디 있어요? 할머니한테 보내고 싶어요", "export"),
    ("私の動画どこですか？おばあちゃんに送りたいです", "export"),
    ("気に入りました、もらえますか？", "export"), ("마음에 들어요 이제 가질 수 있어요?", "export"),
    ("let me see everything you've put together", "state"),
    ("quelles photos tu as utilisées ?", "state"), ("どの写真を使いましたか？", "state"),
])
def test_first_time_users_in_their_own_words(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Korean hand-overs in the humble register (보내드려요, 드릴게요, 전달드립니다: the user gives to
# us, an upload) and asking to "have a look at" or output the video; German "ich hol mir"
# and "hier kommen die Clips".
@pytest.mark.parametrize(("text", "action"), [
    ("출력해줘", "export"), ("영상 좀 받아볼 수 있을까요", "export"),
    ("ich hol mir jetzt das Video", "export"),
    ("파일 첨부할게요", "upload"), ("자료 드릴게요", "upload"), ("촬영본 넘길게요", "upload"),
    ("소스 영상 전달드립니다", "upload"), ("로고 파일 보내드려요", "upload"),
    ("hier kommen die Clips", "upload"),
])
def test_humble_hand_overs_and_everyday_requests(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A download the user says is done asks for nothing, in every language.
@pytest.mark.parametrize("text", [
    "ich hab es schon heruntergeladen, danke", "je l'ai téléchargée hier, merci",
    "ya lo descargué, gracias", "já baixei, valeu", "ダウンロードしました、ありがとう",
    "다운로드했어요 고마워요", "我下載過了，謝謝", "下载好了，谢谢", "thanks, the download worked",
])
def test_a_download_already_done_is_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Being told when it is ready, no rush, an upload that took long, a verdict on the render, what
# was exported described: none of these asks for the action now.
@pytest.mark.parametrize("text", [
    "let me know when it's ready to export", "do I need to export before I can share it?",
    "the render looks beautiful", "导出来的颜色在手机上发灰",
    "avísame cuando esté listo para exportar", "no hay prisa con la exportación",
    "pas de rush pour l'export", "me avisa quando estiver pronto pra exportar",
    "sem pressa com a exportação", "o upload do celular demorou muito, é normal?",
    "スマホからのアップロードがすごく遅かった、普通？", "내보내기는 급하지 않아요",
    "書き出せる状態になったら教えて",
])
def test_when_ready_no_rush_and_slow_uploads_are_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# What someone usually does ("平时都是我孙子帮我下载", "いつもは孫がダウンロードしてくれる")
# is a story about the action, not a request for it.
@pytest.mark.parametrize("text", [
    "平时都是我孙子帮我下载视频，他出门了，这个复杂吗？",
    "平常都是我孫子幫我下載影片，他出門了，這個複雜嗎？",
    "いつもは孫が動画をダウンロードしてくれるのですが、今出かけています。難しいですか？",
    "평소에는 손자가 영상을 다운로드해 주는데 지금 여행 중이에요. 어려운가요?",
])
def test_what_someone_usually_does_is_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Advice on what is better or how many clips an ad should have, what the ending lists, and a
# schedule ("the timeline for getting this done") ask nothing of the project.
@pytest.mark.parametrize("text", [
    "what's the timeline for getting this done, I need it by friday",
    "开头用哪个片段比较好？", "片尾列出所有赞助商", "30秒的广告应该放几个片段？",
    "片尾列出所有贊助商", "30秒的廣告應該放幾個片段？",
    "オープニングにはどのクリップがいいと思う？",
    "오프닝에는 어떤 클립이 더 나아?", "30초 광고에는 클립이 몇 개 있어야 돼?",
])
def test_advice_and_what_the_video_lists_are_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# After an export offer, a yes followed by "I'll think about it", "tomorrow" or a question about
# something else ("sí, ¿y la música?") does not accept the offer.
@pytest.mark.parametrize("text", [
    "ok thanks, I'll think about it", "vale gracias, lo pienso", "sí, ¿y la música?",
    "ok merci, je réfléchis", "oui et la musique ?", "ok danke, ich überleg's mir",
    "ja, und die Musik?", "beleza, vou pensar", "sim, e a música?", "はい、ちょっと考えます",
    "はい、音楽は？", "응 내일 계속하자", "네, 음악은요?", "好的谢谢，我考虑一下", "好，明天继续",
    "好的，那音乐呢？", "好的謝謝，我考慮一下", "好，明天繼續",
])
def test_a_yes_that_puts_the_offer_off_is_chat(text: str) -> None:
    got = route(text, after="export-offer")
    assert (got.action, got.then) == ("chat", None), got.detail


# Overviews and status checks in everyday words ask for the project.
@pytest.mark.parametrize("text", [
    "give me a breakdown of the video so far", "wie ist der aktuelle Aufbau?",
    "kurzer Statuscheck zum Video?", "fais-moi le tour du montage actuel",
    "petit point sur la vidéo ?", "me explica a edição atual", "今の編集をひと通り説明して",
])
def test_overviews_and_status_checks_ask_for_the_project(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("state", None), got.detail


# Listing or recapping the contents, wanting to see the timeline, whether it is finished "or
# not yet" (an either/or, no negation), the balance after the last render (no export asked),
# and "an der falschen Stelle" (a place, not the edit verb "stelle").
@pytest.mark.parametrize(("text", "action"), [
    ("kannst du mir den aktuellen Inhalt auflisten?", "state"),
    ("tu peux me récapituler ce qu'il y a dans le projet ?", "state"),
    ("ich würde gern die Zeitleiste sehen", "state"),
    ("das Logo ist an der falschen Stelle, zeig mal die Zeitleiste", "state"),
    ("is it finished or not yet?", "state"),
    ("how much credit do I have left after the last render?", "credits"),
])
def test_recaps_either_or_and_the_last_render(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Formal requests for the file, and the video wanted on a device.
@pytest.mark.parametrize("text", [
    "Guten Tag, ich bitte um Zusendung des finalen Videos.",
    "je veux la vidéo sur mon téléphone", "I want the video on my phone",
    "Bonjour, pourriez-vous me faire parvenir la version finale de la vidéo ?",
    "お世話になっております。完成版の動画をご送付いただけますでしょうか。",
    "안녕하세요, 최종 영상 송부 부탁드립니다.",
])
def test_formal_requests_and_the_video_on_a_device(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("export", None), got.detail


# Opinions on the export feature, a file the client downloaded, the export without the
# product's logo (a question), a blurry export, whether exporting is free.
@pytest.mark.parametrize("text", [
    'can i export without your logo',
    '这里导出比我以前用的app简单多了',
    '客户下载后说音频不同步',
    '能不能导出不带你们的logo',
    '這裡匯出比我以前用的app簡單多了',
    '客戶下載後說聲音不同步',
    'exportar aquí es facilísimo comparado con mi otra app',
    '¿puedo exportar sin su logo?',
    'je peux exporter sans votre logo ?',
    'der Export ist auf meinem Fernseher unscharf',
    'kann ich ohne euer Logo exportieren?',
    'exportar aqui é muito mais fácil que no meu app antigo',
    'a exportação ficou borrada na minha tv',
    'posso exportar sem o logo de vocês?',
    '書き出しって無料？',
    '여기 내보내기가 예전 앱보다 훨씬 쉽네요',
    '내보내기 무료예요?',
])
def test_opinions_and_questions_about_exporting_are_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Offering to send more if needed, and asking how to send (all at once or one by one), send
# nothing yet.
@pytest.mark.parametrize("text", [
    "si necesitas te mando más fotos", "¿te mando las fotos en un zip o una por una?",
    "je t'envoie les photos en zip ou une par une ?",
])
def test_offers_and_how_to_send_are_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# How much the user has used this month asks for the balance; whether something uses credits
# up is still a question about pricing.
@pytest.mark.parametrize(("text", "action"), [
    ("wie viel hab ich diesen Monat verbraucht?", "credits"), ("今月どれくらい使った？", "credits"),
    ("verbraucht das Exportieren Credits?", "chat"), ("kostet das Hochladen Credits?", "chat"),
])
def test_what_was_used_asks_for_the_balance(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Sharing it with me is a hand-over; "what music did you end up using" asks for the project.
@pytest.mark.parametrize(("text", "action"), [
    ("¿me lo compartes?", "export"), ("¿ya me lo puedes enviar?", "export"),
    ("can you share it with me", "export"), ("what music did you end up using", "state"),
])
def test_sharing_it_with_me_and_what_was_used(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# "Could you send it to me?" in Korean with its "to me", and "show me what it gives" in French;
# making the final video shorter stays an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("저한테 보내주실 수 있나요?", "export"), ("montre-moi ce que ça donne", "state"),
    ("최종 영상 더 짧게 만들어 주세요", "chat"),
])
def test_sent_to_me_and_what_it_gives(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A clause that only puts the action off ("…, but not now") puts off the action of the clause
# before it: negation is read clause by clause, and the put-off has no verb of its own. A
# clause that says more keeps the request ("mándamelo, mañana lo subo"), and "no rush" is no
# put-off ("send me the file, no rush").
@pytest.mark.parametrize(("text", "action"), [
    ("export it, but not now", "chat"), ("send me the file. not now though", "chat"),
    ("expórtalo, pero ahora no", "chat"), ("exporte-la, mais pas maintenant", "chat"),
    ("exportier es, aber nicht jetzt", "chat"), ("exporta, mas agora não", "chat"),
    ("导出吧，不过不是现在", "chat"), ("書き出して、でも今じゃなくて", "chat"),
    ("내보내줘, 근데 지금 말고", "chat"),
    ("send me the file, no rush", "export"), ("mándamelo, mañana lo subo al grupo", "export"),
    ("把成品文件发我，我明天上课要用", "export"),
])
def test_a_put_off_in_its_own_clause(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A change, then a clause of its own that only asks for the file, with no connector: the change
# first, then the export; a space between Chinese clauses ends one too. Not when the clause says
# something of an export, nor after a colon (what a caption says), nor when the "change" is a
# verdict on the video the model reads as the request.
@pytest.mark.parametrize(("text", "label"), [
    ("cut the last three seconds, send me the mp4", "chat-then-export"),
    ("corta los últimos tres segundos, mándame el mp4", "chat-then-export"),
    ("schneid die letzten drei Sekunden weg, schick mir die mp4", "chat-then-export"),
    ("마지막 3초 잘라줘, mp4 보내줘", "chat-then-export"),
    ("片头两秒剪掉 发我mp4", "chat-then-export"),
    ("make the title bigger, the export looked fine", "chat"),
    ("结尾加个字幕：点击下载", "chat"),
])
def test_a_change_then_the_file_without_a_connector(text: str, label: str) -> None:
    got = route(text)
    assert got.label == label, got.detail


# Uploading it elsewhere, said after asking for the file, is what the file is for; "can you
# give it" (줄 수 있어) is a Korean way of asking for it.
@pytest.mark.parametrize("text", [
    "send me the mp4 so I can upload it to tiktok", "인스타에 올리게 최종 파일 줄 수 있어?",
])
def test_the_file_asked_for_with_what_it_is_for(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("export", None), got.detail


# A Japanese conditional ("ダウンロードしたら", "書き出すと") in a question asks what would
# happen: the action is its condition, not a request.
@pytest.mark.parametrize("text", [
    "ダウンロードしたらロゴ入りますか？", "書き出すと音ずれしますか？",
])
def test_a_japanese_conditional_in_a_question_is_chat(text: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", None), got.detail


# Only the file follows a change: the timeline asked for after one is no follow-up (the
# learned model may still read the whole message as that request).
@pytest.mark.parametrize(("text", "label"), [
    ("音楽を直したら、今のタイムラインを見せてください", "state"),
    ("add the music and then show me the timeline", "chat"),
])
def test_only_the_file_follows_a_change(text: str, label: str) -> None:
    got = route(text)
    assert got.label == label, got.detail


# What the product's timeline screen shows is a question about the product; asked to be shown,
# it is the timeline.
@pytest.mark.parametrize(("text", "action"), [
    ("what does the timeline screen show?", "chat"),
    ("¿qué muestra la vista de la línea de tiempo?", "chat"),
    ("que montre la vue timeline ?", "chat"), ("was zeigt die Zeitleistenansicht?", "chat"),
    ("时间线界面上显示的是什么？", "chat"), ("タイムライン画面には何が表示されるの？", "chat"),
    ("타임라인 화면은 뭘 보여주는 거야?", "chat"), ("show me the timeline view", "state"),
])
def test_what_the_timeline_screen_shows(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# What the video is to show, with the video as the subject ("quiero q el video muestre …"), is
# content; "cómo le subo …" asks how; "como le dije" is no how-question.
@pytest.mark.parametrize(("text", "action"), [
    ("quiero que el vídeo muestre el saldo de la tarjeta", "chat"),
    ("eu quero que o vídeo mostre o status do pedido", "chat"),
    ("cómo le hago para bajar el video?", "chat"),
    ("mándame el video como le dije", "export"),
])
def test_what_the_video_shows_and_how_to(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A light verb before a request noun that has its object ("make me a summary of the project",
# "fais-moi un résumé du projet") asks for that; "what does the timeline look like now" asks to
# see it; running out in French and German, a Spanish imperative with its pronoun.
@pytest.mark.parametrize(("text", "action"), [
    ("make me a summary of the project", "state"), ("fais-moi un résumé du projet", "state"),
    ("mach mir eine Übersicht über das Projekt", "state"),
    ("faz um resumo da edição, por favor", "state"),
    ("so what does the timeline look like now?", "state"),
    ("make me a list of title ideas", "chat"), ("what does a good intro look like", "chat"),
    ("je n'ai plus de crédits ou quoi ?", "credits"), ("ist das Kontingent schon leer?", "credits"),
    ("renderízalo ya porfa", "export"),
])
def test_light_verbs_and_everyday_requests(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether uploading or exporting is free asks about the product; so does a Korean conditional
# (다운받으면, "if I download it") in a question. Whether the balance is still free is credits.
@pytest.mark.parametrize(("text", "action"), [
    ("is uploading free?", "chat"), ("上传视频免费吗？", "chat"),
    ("アップロードって無料？", "chat"),
    ("subir vídeo é de graça?", "chat"), ("c'est gratuit d'importer des vidéos ?", "chat"),
    ("다운받으면 자막도 같이 들어가요?", "chat"), ("noch umsonst?", "credits"),
])
def test_whether_an_action_is_free_and_korean_conditionals(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Someone else wanting to see it first is no request to see it ("my boss wants to see the
# timeline first"); what a title is to say is content; how long it takes ("se tarda") asks.
@pytest.mark.parametrize(("text", "action"), [
    ("hold on, my boss wants to see the timeline first", "chat"),
    ("mi jefa quiere ver la línea de tiempo antes", "chat"),
    ("mon client veut voir le montage avant", "chat"),
    ("meu sócio quer ver a linha do tempo antes", "chat"),
    ("上司がタイムラインを見たいって", "chat"), ("팀장님이 타임라인 보고 싶대", "chat"),
    ("quiero ver la línea de tiempo", "state"), ("je veux voir la timeline", "state"),
    ("que el título diga descarga gratis", "chat"),
    ("cuánto se tarda en exportar uno de dos minutos", "chat"),
])
def test_someone_else_wants_to_see_it_and_what_a_title_says(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# The user's own sending asked about or gone wrong ("파일로 보내야 해?", "it won't go through,
# too big"), and whether a friend can edit along, are chat.
@pytest.mark.parametrize(("text", "action"), [
    ("파일로 보내야 해? 링크로 줘도 돼?", "chat"), ("朋友能跟我一起编辑这个项目吗", "chat"),
    ("我同事可以一起剪吗", "chat"), ("완성본 받아도 돼요?", "export"),
])
def test_own_sending_and_editing_together(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Common misspellings of the things themselves: "time line", Korean 크래딧.
@pytest.mark.parametrize(("text", "action"), [
    ("whats on the time line rn", "state"), ("크래딧 조회해줘", "credits"),
])
def test_misspelt_things(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A timeline *style* (a graphic in the video) is content, not the project's timeline.
@pytest.mark.parametrize(("text", "action"), [
    ("quero um gráfico estilo linha do tempo", "chat"),
    ("회사 연혁을 타임라인 스타일로 보여주고 싶어", "chat"),
    ("会社の歴史をタイムライン風の図で見せたい", "chat"), ("show me the timeline", "state"),
])
def test_a_timeline_style_is_content(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Known false exports from user trials, each a kind: the user's own plan in Korean (a time to
# come or a condition, then "I'll download it"), praise of the finished video it names, and
# showing the video to someone ("给我妈看": to show my mum). Asking still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("내일 다운받을게요", "chat"), ("주말에 다운로드할게요", "chat"),
    ("마음에 들면 다운받을게요", "chat"), ("다 되면 다운받을게요", "chat"),
    ("확인하고 괜찮으면 파일로 받을게요", "chat"),
    ("이제 다운받을게요", "export"), ("다운받을게요", "export"),
    ("다 되면 보내주세요", "export"), ("내일 수업 때 틀 거니까 완성본 보내주세요", "export"),
    ("화면 다운받을게요", "export"),
    ("完成した動画、最高です", "chat"), ("成品，太棒了", "chat"), ("完成版、完璧です", "chat"),
    ("완성본, 너무 좋아요", "chat"), ("o vídeo final, ficou lindo", "chat"),
    ("完成した動画、ください", "export"), ("the final video, please", "export"),
    ("我要给我妈看这个视频", "chat"), ("我要給我媽看這個影片", "chat"),
    ("我想给我朋友看看这个视频", "chat"),
    # (Read as export by the model retrained with batch 56, and as chat again since the one
    # retrained with batch 105.)
    ("I want to show my mum this video", "chat"),
    ("この動画を母に見せたい", "chat"), ("이 영상 엄마한테 보여주고 싶어요", "chat"),
    ("我要成品，给我妈看", "export"),
])
def test_plans_praise_and_showing_it_to_someone(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 38's kinds (people who never used a video editor, polite, at length): coming back
# and asking where things stand; a yes to an export offer said as contentment ("go on then,
# I'm happy with it"); the video as it stands handed over ("지금 상태 그대로"); the balance
# asked about without its name ("还有剩吗", "without paying more"); a change, then the file
# "finished"; the how-word of getting it onto one's phone; doubt about how to send a file.
@pytest.mark.parametrize(("text", "action"), [
    ("Sorry, the doorbell rang. Where did we leave off?", "state"),
    ("Perdona, me llamaron. ¿Por dónde íbamos?", "state"),
    ("Pardon, on m'a appelée. On en était où ?", "state"),
    ("Entschuldigung, wo sind wir stehen geblieben?", "state"),
    ("desculpe, onde a gente parou?", "state"),
    ("すみません、どこまでやったっけ", "state"), ("죄송해요, 어디까지 했죠?", "state"),
    ("不好意思，我们刚才到哪了", "state"), ("不好意思，我們剛才到哪了", "state"),
    ("merci de m'avoir montré où on en était", "chat"),
    ("我的账号里还有剩吗", "credits"), ("不花钱的话还能做几个视频？", "credits"),
    ("追加でお金を払わずに、あとどのくらい使えるか知りたい", "credits"),
    ("지금 상태 그대로 영상 주세요", "export"), ("지금 상태 보여줘", "state"),
    ("今の状態を見せて", "state"),
    ("cambia la música y después me lo das terminado", "chat-then-export"),
    ("inversez les deux photos et ensuite donnez-moi le film fini", "chat-then-export"),
    ("cambia la música y después dime si está terminado", "chat"),
    ("Como faço para guardar esse vídeo no meu celular?", "export"),
    ("Comment je fais pour le faire venir dans mon téléphone ?", "export"),
    ("¿Cómo hago para guardarlo en mi celular?", "export"),
    ("como faço para colocar música no meu celular?", "chat"),
    ("现在一共多长时间了？", "state"), ("你把里面有什么一项一项列给我看", "state"),
    ("宣传片一般有啥内容", "chat"),
])
def test_batch_38_kinds(text: str, action: str) -> None:
    got = route(text)
    label = got.action if not got.then else f"{got.action}-then-{got.then}"
    assert label == action, got.detail


@pytest.mark.parametrize("text", [
    "go on then, I'm happy with it", "好的好的，就这么办", "好，就這樣吧",
    "Sí, por favor, ya me gusta como está.", "oui allez-y, faites-le", "ja, passt so",
    "pode ir, tá bom assim", "はい、それでいいです", "네, 이대로 좋아요",
])
def test_contentment_accepts_an_export_offer(text: str) -> None:
    assert route(text, after="export-offer").action == "export"
    assert route(text).action == "chat"


@pytest.mark.parametrize(("text", "files"), [
    ("我把合唱团唱的歌录下来了发给你，不知道是不是这样弄", ("chorus.m4a",)),
    ("to mandando o audio do coral, não sei se é assim que faz", ("coral.opus",)),
    ("voici les photos, je ne sais pas si c'est comme ça qu'il faut faire", ("a.jpg",)),
])
def test_doubt_about_how_to_send_is_no_instruction(text: str, files: tuple[str, ...]) -> None:
    got = route(text, files)
    assert (got.action, got.then) == ("upload", None), got.detail


# Batch 39's kinds (phone and voice-typed messages, no punctuation, no product words): whether
# the free trial is over (the trial is the object, a bare "free" is not); whether something was
# put in, asked with a Chinese "…没有" or "… or not"; how to get it onto one's phone with the
# how-word (zh); someone sending the user something only later ("明天才会传给我"); someone else
# seeing the project; everyday hand-overs after a change ("dann bitte rüberschicken").
@pytest.mark.parametrize(("text", "action"), [
    ("is my free trial over?", "credits"), ("¿ya se acabó el periodo de prueba?", "credits"),
    ("ma période d'essai est finie ?", "credits"),
    ("ist die Testphase schon abgelaufen?", "credits"),
    ("meu periodo de teste ja venceu?", "credits"), ("無料期間はもう終わった？", "credits"),
    ("무료 체험 끝났어요?", "credits"), ("posso fazer outro ou ja acabou o gratis", "credits"),
    ("the party is over, free drinks ended", "chat"), ("la promo gratis se acabó", "chat"),
    ("片头那张图你放进去没有", "state"), ("片頭那張圖你加進去沒有", "state"),
    ("ya entraron las fotos del baño o no", "state"),
    ("les photos du toit elles sont deja dedans ou pas", "state"),
    ("as fotos do muro ja estao ai ou falta", "state"),
    ("here are the photos from the trip", "upload"), ("aquí tienes las fotos", "upload"),
    ("好了 要怎麼存到我手機", "export"), ("做好了 怎么存到我手机", "export"),
    ("照片都在我姐手机里 她明天才会传给我", "chat"),
    ("kann meine schwester das projekt auch sehen", "chat"),
    ("schreib unten die Nummer rein dann bitte rüberschicken", "chat-then-export"),
    ("put my number at the end and then i can have it", "chat-then-export"),
    ("最初の写真を替えてそのあと送ってください", "chat-then-export"),
    ("ta aprovado pode me entregar", "export"),
    ("consegue me passar o video pra eu mostrar no grupo", "export"),
])
def test_batch_39_kinds(text: str, action: str) -> None:
    got = route(text)
    label = got.action if not got.then else f"{got.action}-then-{got.then}"
    assert label == action, got.detail


# "Any left?" said with the pronoun and the question alone ("il m'en reste ?", "sobrou?",
# "me queda algo?") asks for the balance; with the thing named it is about that thing.
@pytest.mark.parametrize(("text", "action"), [
    ("il m'en reste ?", "credits"), ("sobrou?", "credits"), ("me queda algo?", "credits"),
    ("il m'en reste 2 photos à trier", "chat"), ("sobrou bolo?", "chat"),
])
def test_any_left_said_alone(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A hand-over with where the user will post it ("para ponerlo en el Facebook", "sur le groupe")
# asks for the file; how to put it there, without a hand-over, stays a question.
@pytest.mark.parametrize(("text", "action"), [
    ("¿Me lo puede dar ya para ponerlo en el Facebook?", "export"),
    ("balancez le moi que je le colle sur le groupe", "export"),
    ("¿cómo lo pongo en el facebook?", "chat"), ("súbelo a facebook", "chat"),
])
def test_a_hand_over_with_where_it_goes(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Run-on messages (no punctuation): a hand-over typed on after a statement is a clause of its
# own, so the statement's cue (someone else wanting to see it) no longer cancels it; a how-to
# right before the hand-over still asks how ("how do i send it to me", "怎么才能发给我").
@pytest.mark.parametrize(("text", "action"), [
    ("the client wants to see it today send me the video", "export"),
    ("mi jefa lo quiere ver esta tarde mándamelo", "export"),
    ("minha chefe quer ver agora manda pra mim", "export"),
    ("le client veut le voir ce soir envoie moi la vidéo", "export"),
    ("客户今天就要看 发给我", "export"), ("老闆今天要看 直接給我", "export"),
    ("お客さんが今日見たいって 動画を送って", "export"),
    ("고객이 오늘 보고 싶대 영상 보내줘", "export"),
    ("how do i send it to me", "chat"), ("怎么才能发给我", "chat"),
    ("mi jefa quiere ver la línea de tiempo antes", "chat"),
    ("comment je fais pour télécharger la vidéo", "chat"),
    ("どうやって動画を送ってもらえる", "chat"),
])
def test_a_hand_over_typed_on_after_a_statement(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 42's kinds (chat that looks like a request): what someone else told the user to do and
# what a product word means ("my son told me to export it but what does that mean"); someone
# else's account or balance; a condition on what it costs ("if it costs credits … forget it");
# the user's own sending announced for later ("amanhã te mando as fotos", "下禮拜我再傳照片給
# 你"); a title the video is to show ("titel: Dein Paket, dein Status"). The requests beside them
# still ask.
@pytest.mark.parametrize(("text", "action"), [
    ("my son told me to export it but what does that mean", "chat"),
    ("我儿子说要下载一下 是什么意思", "chat"), ("我朋友說要先匯出才能傳 是這樣嗎", "chat"),
    ("mi nieta dice que tengo que descargarlo pero no sé qué es eso", "chat"),
    ("mon fils m'a dit de l'exporter, ça veut dire quoi", "chat"),
    ("meine tochter hat gesagt ich soll es exportieren, was heißt das", "chat"),
    ("meu neto falou que eu tenho que baixar, como assim", "chat"),
    ("娘にダウンロードしろって言われたんだけど、何それ", "chat"),
    ("아들이 다운로드 하라는데 그게 뭐예요", "chat"),
    ("my boss said it looks good so send me the video", "export"),
    ("mi jefe dijo que está bien, mándamelo", "export"),
    ("my husband has way more credits on his account, why", "chat"),
    ("我老婆的账号积分比我多 为什么", "chat"),
    ("mon mari a plein de crédits sur son compte", "chat"),
    ("meine frau hat viel mehr guthaben als ich", "chat"),
    ("夫のアカウントはクレジットが多いのはなぜ", "chat"),
    ("남편 계정은 크레딧이 더 많던데 왜 그래요", "chat"),
    ("how many credits are left on my account", "credits"),
    ("il me reste combien de crédits", "credits"),
    ("if it costs credits to make one more then never mind", "chat"),
    ("si cuesta créditos hacer otro mejor no", "chat"),
    ("ça marche comment les crédits ?", "chat"),
    ("tomorrow i'll send you the photos from the party", "chat"),
    ("下禮拜我再傳照片給你", "chat"), ("amanhã te mando as fotos", "chat"),
    ("明日写真送るね", "chat"), ("내일 사진 보낼게요", "chat"),
    ("te mando as fotos agora", "upload"), ("写真送るね", "upload"), ("사진 보낼게요", "upload"),
    ("a promo for my shop, title: where is my order status", "chat"),
    ("como tá o vídeo?", "state"),
])
def test_batch_42_kinds(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 43's kinds (run-on messages): a clause ended without punctuation by "算了", "まあいいや"
# or a Korean "-겠는데" before the request; a German hand-over typed on after a statement ("bin
# schon spaet dran lad mir das fertige runter"); the balance asked as "is any left / all used
# up" (ja, de); what it costs to upload, automatic billing and running out (chat, nine
# languages); a heading the video is to show (de).
@pytest.mark.parametrize(("text", "action"), [
    ("为啥这么慢啊算了直接给我出个1080的成片", "export"),
    ("잘 모르겠는데 완성된 영상 폰에 받고 싶어요 보내줄수 있어요?", "export"),
    ("bin schon spaet dran lad mir das fertige runter", "export"),
    ("まだ余ってる？", "credits"), ("wie viel hab ich noch", "credits"),
    ("사진 올리는 것도 크레딧 들어요?", "chat"),
    ("크레딧 다 쓰면 자동결제 되는거에요?", "chat"),
    ("クレジットがなくなったらどうなる", "chat"),
    ("if my credits run out will i be charged automatically", "chat"),
    ("积分用完了会自动扣费吗", "chat"),
    ("als überschrift soll Kontostand der Kasse stehen", "chat"),
])
def test_batch_43_kinds(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Typed on after asking for the file, a word between, a thing of the video whose name holds an
# action word ("den abspann", "片尾字幕", "エンドロール") is what is said of it, not more asked:
# the request stands. Said alone or asked how, it stays content.
@pytest.mark.parametrize(("text", "action"), [
    ("gib mir die mp4 den abspann brauchen wir nicht mehr", "export"),
    ("pasame el video los creditos finales quedaron bien", "export"),
    ("发给我 片尾字幕不用了", "export"), ("動画を送って エンドロールはいらない", "export"),
    ("영상 보내줘 엔딩 크레딧은 필요 없어", "export"),
    ("the end credits should say download our app", "chat"),
    ("how do i export the end credits", "chat"),
])
def test_a_thing_of_the_video_typed_on_after_the_request(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A participle or gerund of an action verb is a word of its own, never a typo of the
# imperative ("exportado" is no "expórtalo", "exportierte" no "exportiere"): the clause says
# something of the file. French "exportation" is the noun of the request, like "exportación".
@pytest.mark.parametrize(("text", "action"), [
    ("el video exportado no tiene sonido", "chat"),
    ("die exportierte Datei hat keinen Ton", "chat"),
    ("o vídeo exportado está sem som", "chat"),
    ("ya está descargado?", "chat"), ("renderizando todavía?", "chat"),
    ("la vidéo téléchargée ne s'ouvre pas", "chat"),
    ("quiero el video exportado", "export"), ("exportalo", "export"),
    ("lance l'exportation", "export"), ("l'exportation a échoué", "chat"),
])
def test_participles_are_no_typos_of_the_request(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 45's kinds (mid-session follow-ups): "like last time" says how, it reports nothing of
# the past; what the session has cost so far is the balance (``credits.spent``, never alone:
# "上个月扣了我两次钱" reports a charge); enough for one more version; "after the changes,
# … now" asks about the project as it is; a past edit said in passing ("修正したけど",
# "수정한거") asks for no edit; questions about autosave, a whole folder, what the export will
# be like ("quando exportar vai sair em pé?") stay chat.
@pytest.mark.parametrize(("text", "action"), [
    ("send me the final video like last time", "export"),
    ("跟上次一样把成品发给我", "export"), ("mándame el video final como la última vez", "export"),
    ("envoie-moi la vidéo finale comme la dernière fois", "export"),
    ("前回と同じで完成版をください", "export"), ("지난번처럼 완성본 보내주세요", "export"),
    ("last time the export was broken", "chat"), ("make the colours like last time", "chat"),
    ("how much has this project cost me so far", "credits"), ("扣了我多少了", "credits"),
    ("cuánto me ha costado todo esto hasta ahora", "credits"),
    ("quanto isso já me custou até agora", "credits"),
    ("今日どのくらい消費した？", "credits"), ("지금까지 얼마나 차감됐어요?", "credits"),
    ("上个月扣了我两次钱，咋回事", "chat"), ("how much does an export cost?", "chat"),
    ("还够不够再出一版", "credits"), ("還夠不夠再做一支影片", "credits"),
    ("do I have enough for one more version?", "credits"),
    ("ainda dá pra fazer outra versão?", "credits"),
    ("改完以后现在有几个片段", "state"), ("수정하고 나서 지금 장면 몇 개예요?", "state"),
    ("いっぱい直したけど残高まだある？", "credits"),
    ("時間軸會自動存起來嗎", "chat"), ("タイムラインは自動で保存される？", "chat"),
    ("on peut envoyer un dossier entier d'un coup ?", "chat"), ("可以上传整个文件夹吗？", "chat"),
    ("here is a folder with my clips", "upload"),
    ("once it's done exporting will it be square?", "chat"),
    ("quando eu exportar vai ficar na vertical?", "chat"),
    ("quand je l'exporte, elle sera verticale ?", "chat"),
    ("mp4にしてください", "export"),
])
def test_batch_45_kinds(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 46's kinds (second-language learners, terse natives): an opinion of the credit system
# ("too complicated", "muy confuso", "verwirrend", "너무 어려워요") and what a plan costs a month
# ask for no balance (``price``); what the timeline's colours mean (``howto``); a title the
# video is to show after a colon ("el titulo tiene que decir: Estado del proyecto"); how long
# files are kept after the download. A hand-over to the speaker asked with its format ("can
# you send me the video in 1080p?") still asks for the file; "can I export in 4K?" does not.
@pytest.mark.parametrize(("text", "action"), [
    ("your credit rules are too complicated", "chat"), ("积分规则好复杂", "chat"),
    ("el sistema de créditos es confuso", "chat"), ("vos crédits c'est compliqué", "chat"),
    ("Credits finde ich verwirrend", "chat"), ("크레딧이 너무 복잡해요", "chat"),
    ("je comprends rien a votre systeme de credits il m'en reste combien", "credits"),
    ("会员一年多少钱？有学生价吗", "chat"), ("月費方案多少錢", "chat"),
    ("プロプランは月いくらですか？", "chat"), ("프로 플랜 한 달에 얼마예요?", "chat"),
    ("我的套餐还剩多少", "credits"),
    ("was bedeutet die Farbe der Clips in der Timeline?", "chat"),
    ("o que significam essas cores na linha do tempo?", "chat"),
    ("what do the colours in the timeline mean?", "chat"),
    ("タイムラインの色は何の意味ですか？", "chat"), ("what's in the timeline?", "state"),
    ("el título tiene que decir: Estado del pedido", "chat"),
    ("Titel soll heißen Projektstatus", "chat"), ("o título tem que dizer: Status", "chat"),
    ("depois do download vocês apagam meus arquivos?", "chat"),
    ("how long do you keep my files after the download?", "chat"),
    ("can you send me the video in 1080p?", "export"), ("能把1080p的视频发给我吗？", "export"),
    ("can I export in 4K?", "chat"), ("4Kで書き出せますか？", "chat"),
])
def test_batch_46_kinds(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether other people can download the user's video is a question about the product (es,
# pt, fr beside "can others" in en, de, zh, ja, ko).
@pytest.mark.parametrize(("text", "action"), [
    ("mi video es privado o lo pueden descargar otros?", "chat"),
    ("meu vídeo é privado ou outros podem baixar?", "chat"),
    ("ma vidéo est privée ou d'autres peuvent la télécharger ?", "chat"),
    ("is my video private or can others download it?", "chat"),
    ("descárgamelo en mp4", "export"),
])
def test_whether_others_can_download_it(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Where the clips come from ("这些片段是我手机拍的", "クリップはスマホで撮った": ``said``) and a
# balance the user tells ("tengo muchos créditos, genial": ``past``, in a message that asks
# nothing) ask for nothing; credits per video or per minute is a question (ja).
@pytest.mark.parametrize(("text", "action"), [
    ("这些片段是我手机拍的", "chat"), ("クリップはスマホで撮った", "chat"),
    ("클립은 폰으로 찍은 거예요", "chat"),
    ("I have a lot of credits from my old plan, nice", "chat"),
    ("tengo muchos créditos, genial", "chat"), ("do I have a lot of credits left?", "credits"),
    ("クレジットは動画ごと？分ごと？", "chat"),
])
def test_where_clips_come_from_and_a_balance_told(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A how-question reaches over a plain "and" in its sentence: both things are asked about ("the
# difference between exporting and downloading", "how do I trim it and export?"). A hand-over
# after it is still a request ("why did it crash and send me the file"): the file is sent,
# at once or after the chat has answered the rest (the learned model may read "no sé cómo se
# hace" as a question for the chat first; the thirty-fifth round's retrain does).
@pytest.mark.parametrize(("text", "action"), [
    ("what's the difference between rendering and exporting?", "chat"),
    ("how do I trim it and export?", "chat"),
    ("qual é a diferença entre renderizar e exportar?", "chat"),
    ("quelle différence entre le rendu et exporter ?", "chat"),
    ("was ist der Unterschied zwischen speichern und exportieren?", "chat"),
    ("¿qué diferencia hay entre guardar y descargar?", "chat"),
    ("why did it crash and send me the file", "export"),
    ("no sé cómo se hace y mándame el video", "export"),
])
def test_a_how_question_reaches_over_and(text: str, action: str) -> None:
    got = route(text)
    if action == "chat":
        assert (got.action, got.then) == ("chat", None), got.detail
    else:
        assert (got.action, got.then) in ((action, None), ("chat", action)), got.detail


# Statements of small-business owners mid-session (seventeenth round): how fast the credits go
# and what they cost against hiring someone ask for no balance (``price``); a verdict ending
# the clause of a progress word praises the progress in a message that asks nothing ("el
# progreso va genial"). A question after either still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("my credits ran out faster than I thought", "chat"), ("积分用得比我想的快", "chat"),
    ("los créditos se van volando", "chat"), ("les crédits filent super vite", "chat"),
    ("die Credits sind schneller weg als gedacht", "chat"),
    ("os créditos acabam mais rápido do que eu pensava", "chat"),
    ("クレジットの減りが早い", "chat"), ("크레딧이 생각보다 빨리 닳네요", "chat"),
    ("點數用得比我想的快", "chat"),
    ("credits are cheaper than paying a video guy honestly", "chat"),
    ("Credits sind günstiger als ein Cutter", "chat"), ("點數比請人剪便宜多了", "chat"),
    ("my credits go fast, how many do I have left?", "credits"),
    ("积分用得好快，还剩多少", "credits"), ("クレジットの減りが早い、あと何ポイント？", "credits"),
    ("os créditos acabam rápido, quantos ainda tenho?", "credits"),
    ("目前的进度很不错", "chat"), ("目前的進度很不錯", "chat"),
    ("el progreso hasta ahora va genial", "chat"), ("der Fortschritt bis jetzt ist super", "chat"),
    ("o progresso até agora tá ótimo", "chat"), ("ここまでの進捗いい感じです", "chat"),
    ("지금까지 진행 상황 좋네요", "chat"), ("le projet avance bien, merci", "chat"),
    ("the progress so far is great, love it", "chat"),
    ("进度怎么样？", "state"), ("很不错，时间线给我看看", "state"),
    ("el progreso va genial, ¿me enseñas la línea de tiempo?", "state"),
    ("지금까지 진행 상황 보여줘", "state"), ("很不错，导出吧", "export"),
    ("está ótimo, pode exportar", "export"),
])
def test_statements_about_credits_and_progress(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Video professionals' names of the finished file (seventeenth round, before batch 50): the
# master and the deliverables, handed over in the nine languages; what is said of the master
# (too quiet, a colour cast: "偏色" is a ``said`` word) and "to master" (a verb) ask for nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("send me the final master", "export"), ("母带发我一下", "export"), ("把母帶傳給我", "export"),
    ("mándame el máster", "export"), ("les livrables, tu me les envoies ?", "export"),
    ("die Masterdatei bitte schicken", "export"), ("me passa os entregáveis", "export"),
    ("マスターを送って", "export"), ("마스터 보내줘", "export"),
    ("the master sounds too quiet", "chat"), ("母带最后一个镜头偏色", "chat"),
    ("母帶聲音太小", "chat"), ("el máster suena bajito", "chat"),
    ("le master est trop sombre", "chat"), ("das Master ist zu leise", "chat"),
    ("o master tá muito escuro", "chat"), ("マスターの音が小さい", "chat"),
    ("마스터 소리가 너무 작아요", "chat"), ("镜头偏色", "chat"),
    ("we need to master the audio before delivery", "chat"),
])
def test_the_master_and_the_deliverables(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 49's kind: a verb of making before (or after) a name of the finished file that ends
# its clause asks for the file ("génère la version finale", "finale Version erstellen",
# "generate the final video", "生成最终版", "최종본 만들어줘"); with what to change, after a
# change, or an indefinite video, it is an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("génère la version finale", "export"), ("finale Version erstellen", "export"),
    ("generate the final video", "export"), ("make the final version please", "export"),
    ("crea la versión final, porfa", "export"), ("gera o vídeo final", "export"),
    ("erstelle die finale Version", "export"), ("生成最终版", "export"),
    ("產生成品檔", "export"), ("最終版を作って", "export"), ("최종본 만들어줘", "export"),
    ("make the final video shorter", "chat"), ("generate the final video with more music", "chat"),
    ("génère la version finale avec une musique plus douce", "chat"),
    ("haz el video final más corto", "chat"), ("make a final video about our bakery", "chat"),
    ("crea un video final para la tienda", "chat"), ("make the final one brighter", "chat"),
    ("生成一个新的视频", "chat"),
])
def test_making_the_final_version(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 49's kind: getting the video onto one's computer, asked with the how-word (listed whole,
# as for the phone) or as a hand-over ("kannst du mir das auf den Rechner packen?"); a computer
# where things are is content ("die Fotos sind auf dem Rechner im Laden").
@pytest.mark.parametrize(("text", "action"), [
    ("how do I get this onto my computer? I want to put it on our facebook page", "export"),
    ("kannst du mir das auf den Rechner packen?", "export"), ("cómo lo paso a la compu", "export"),
    ("como eu passo isso pro computador", "export"),
    ("comment je le mets sur mon ordi ?", "export"),
    ("怎么弄到电脑上", "export"), ("パソコンに保存するにはどうすればいい？", "export"),
    ("이거 컴퓨터에 저장하려면 어떻게 해요?", "export"),
    ("이거 폰에 저장하려면 어떻게 해요? 지금 바로 올리려고요", "export"),
    ("the photos are on the computer at the shop", "chat"),
    ("las fotos están en la compu de la tienda", "chat"),
    ("as fotos tão no computador da loja", "chat"),
    ("die Fotos sind auf dem Rechner im Laden", "chat"),
    ("写真はお店のパソコンに入ってます", "chat"), ("사진은 가게 컴퓨터에 있어요", "chat"),
    ("wie lade ich Fotos vom Rechner hoch?", "chat"),
])
def test_getting_it_onto_a_computer(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 49's kinds (small-business owners mid-session): the user's own sending announced
# for a time to come (``postpone``: "来週…素材送ります", "la semaine prochaine je t'envoie"),
# what a plan costs said as an opinion (``price``: "$29 a month seems steep"), deciding later
# whether to download (``about``), another app's charges; a hand-over asked for tonight still asks.
@pytest.mark.parametrize(("text", "action"), [
    ('esta noche lo descargo en casa, aquí el wifi es malísimo', 'chat'),
    # Nothing the rules read, the learned model fills in: retrained with batch 62 it read this
    # as export (a strict xfail here); retrained with batch 64 (students who "download it
    # tonight" themselves) it reads it as chat again.
    ('ich lad es heute Abend zu Hause runter, das WLAN hier ist mies', 'chat'),
    ('오늘 밤에 집에서 다운받을게요 여기 와이파이가 안 좋아서', 'chat'),
    ('来週の定休日にまとめて素材送ります', 'chat'),
    ("next week on my day off I'll send you all the footage", 'chat'),
    ('下周休息的时候我把素材一起发你', 'chat'),
    ('la semana que viene en mi día libre te mando todo el material', 'chat'),
    ("la semaine prochaine je t'envoie tous les rushes", 'chat'),
    ('nächste Woche schick ich dir das ganze Material', 'chat'),
    ('다음 주 쉬는 날에 자료 한꺼번에 보낼게요', 'chat'),
    ('send it to me tonight', 'export'),
    ('mándamelo esta noche', 'export'),
    ('今夜送ってください', 'export'),
    ('honestly $29 a month for credits seems steep', 'chat'),
    ('一个月29块买积分有点贵', 'chat'),
    ('29 euros al mes por créditos me parece caro', 'chat'),
    ('29 Euro im Monat für Credits ist ganz schön teuer', 'chat'),
    ('29 reais por mês de créditos tá caro', 'chat'),
    ('月29ドルでクレジットは高すぎる', 'chat'),
    ('한 달에 29달러면 크레딧 좀 비싸네요', 'chat'),
    ('等老板回来再决定要不要下载，他说了算', 'chat'),
    ("I'll decide whether to download it when my boss is back", 'chat'),
    ('decido si lo descargo cuando vuelva mi jefe', 'chat'),
    ('je déciderai si je la télécharge quand mon patron revient', 'chat'),
    ('ob wir es runterladen, entscheidet der Chef', 'chat'),
    ('vou decidir se baixo quando meu chefe voltar', 'chat'),
    ('ダウンロードするかどうかは店長が決めます', 'chat'),
    ('다운받을지 말지는 사장님이 정해요', 'chat'),
    ('la otra app me cobraba por cada descarga, acá también?', 'chat'),
    ('the other app charged me for every download, is it the same here?', 'chat'),
    ('别的app每次下载都收钱，这里也是吗？', 'chat'),
    ("l'autre appli me faisait payer chaque téléchargement, ici aussi ?", 'chat'),
    ('die andere App hat für jeden Download Geld verlangt, hier auch?', 'chat'),
    ('o outro app cobrava por cada download, aqui também?', 'chat'),
    ('他のアプリはダウンロードごとにお金取られたけど、ここも？', 'chat'),
    ('다른 앱은 다운로드할 때마다 돈 받던데 여기도요?', 'chat'),
    ('クレジットがなくなったらメール来ますか？', 'chat'),
])
def test_plans_prices_and_decisions_said_in_passing(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 50's kinds (video professionals): rendering a part of the material (the B-roll,
# proxies) is an edit, never the file; the master, the deliverable, "bounce it out", "print the
# master", "rausrendern", 完パケ are the file; the rough or fine cut is the project as it stands
# ("Stand Feinschnitt?", "仮編どうなってる？"), and a change to it is an edit; hiding the balance
# a screen recording shows is an edit (verpixeln, 打码, モザイク).
@pytest.mark.parametrize(("text", "action"), [
    ("render the B-roll at half res so it plays smooth", "chat"),
    ("B-roll先渲染成代理", "chat"), ("renderiza el B-roll a media resolución", "chat"),
    ("rendere das B-Roll in halber Auflösung, damit es flüssig läuft", "chat"),
    ("renderiza o B-roll em meia resolução pra rodar liso", "chat"),
    ("render it out, it's locked", "export"),
    ("Can you print the master? 4K if possible", "export"), ("bounce it out for me", "export"),
    ("rausrendern bitte", "export"), ("manda o entregável do reels", "export"),
    ("necesito el entregable hoy", "export"), ("print the title in bold yellow", "chat"),
    ("Stand Feinschnitt?", "state"), ("¿cómo va el premontaje?", "state"),
    ("le premier montage, il en est où ?", "state"), ("仮編どうなってる？", "state"),
    ("가편 어떻게 돼가요?", "state"), ("粗剪现在什么样了？", "state"),
    ("いま尺どれくらい？", "state"),
    ("粗剪再紧凑点，中间太拖了", "chat"), ("der Rohschnitt ist zu lang", "chat"),
    ("el primer corte quedó muy largo", "chat"),
    ("im Screen-Recording sieht man meinen Kontostand, bitte verpixeln", "chat"),
    ("in the screen recording you can see my balance, please blur it out", "chat"),
    ("录屏里能看到我的余额，帮我打码", "chat"),
    ("画面録画に残高が映ってるのでモザイクかけて", "chat"),
    ("cuánto me queda disponible", "credits"),
])
def test_video_professionals_jargon(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize(("text", "then"), [
    ("日付を「2026年12月6日」に直して、それで完パケにしてください", "export"),
    ("將個logo縮細少少，然後出片", "export"),
])
def test_a_change_then_the_master(text: str, then: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", then), got.detail


# Batch 49's kind: where a thing stands in the order, and which one a part holds, ask about
# the project ("la photo des croissants elle est où dans l'ordre ?", "第二段放的是哪張？",
# "写真の順番どうなってましたっけ"); changing the order is an edit, where a place is is content.
@pytest.mark.parametrize(("text", "action"), [
    ("la photo des croissants elle est où dans l'ordre ?", "state"),
    ("wo ist das Foto vom Laden in der Reihenfolge?", "state"),
    ("写真の順番どうなってましたっけ", "state"), ("第二段放的是哪張？", "state"),
    ("第二段放的是哪张？", "state"), ("背景音乐放的是哪首？", "state"),
    ("what order are the photos in?", "state"), ("사진 순서 어떻게 돼요?", "state"),
    ("¿en qué orden quedaron las fotos?", "state"), ("em que ordem ficaram as fotos?", "state"),
    ("change the order of the photos", "chat"), ("写真の順番を変えて", "chat"),
    ("사진 순서 바꿔줘", "chat"), ("cambia el orden de las fotos", "chat"),
    ("change l'ordre des photos", "chat"), ("ändere die Reihenfolge der Fotos", "chat"),
    ("muda a ordem das fotos", "chat"),
    # Nothing of the project named, the learned model fills in (read as state by the model
    # retrained with batch 60, as chat again by the one retrained with batch 62).
    ("wo ist der Laden?", "chat"),
    ("il est où ton magasin ?", "chat"), ("where's the final video?", "export"),
    ("où est la vidéo finale ?", "export"), ("wo ist die fertige Datei?", "export"),
])
def test_where_a_thing_stands_in_the_order(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A download the speaker will do at a time to come is a plan (Korean before; now Japanese
# volitional endings and a first-person future in Latin script): "今夜家帰ってからダウンロードします
# ね", "ich werde es heute Abend runterladen", "vou baixar hoje à noite em casa". Asked for now or
# for tonight, it is still a request.
@pytest.mark.parametrize(("text", "action"), [
    ("今夜家帰ってからダウンロードしますね", "chat"), ("明日ダウンロードします", "chat"),
    ("voy a descargarlo esta noche en casa", "chat"), ("vou baixar hoje à noite em casa", "chat"),
    ("ich werde es heute Abend runterladen", "chat"),
    ("내일 다운받을게요", "chat"),
    ("今夜ダウンロードしてください", "export"),
    ("send it to me tonight", "export"),
    ("I'll download it now", "export"), ("mándamelo esta noche", "export"),
    ("ダウンロードします", "export"),
])
def test_a_download_planned_for_later(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 49's kind: the balance running out as the condition of another question ("wenn das
# Guthaben leer ist, krieg ich dann ne Mail?", "cuando se me acaben los créditos, ¿me llega un
# correo?": ``price``) asks for no balance; whether it is about to run out still does.
@pytest.mark.parametrize(("text", "action"), [
    ("wenn das Guthaben leer ist, krieg ich dann ne Mail?", "chat"),
    ("when my credits run out do I get an email?", "chat"),
    ("积分用完的话会发邮件通知我吗？", "chat"),
    ("cuando se me acaben los créditos, ¿me llega un correo?", "chat"),
    ("quand mes crédits sont épuisés, je reçois un mail ?", "chat"),
    ("quando os créditos acabarem eu recebo um e-mail?", "chat"),
    ("クレジットがなくなったらメール来ますか？", "chat"),
    ("크레딧 다 떨어지면 메일 와요?", "chat"),
    ("am I about to run out of credits?", "credits"),
    ("¿me estoy quedando sin créditos?", "credits"),
    ("积分快用完了吗？", "credits"), ("크레딧 곧 떨어져요?", "credits"),
])
def test_the_balance_running_out_as_a_condition(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: someone else's verdict on the progress, relayed ("ma cheffe trouve que ça
# avance bien", "部長が進み具合いい感じだねって言ってました": reported opinions are ``howto``
# cues), asks to see nothing; asking how it is coming along still does.
@pytest.mark.parametrize(("text", "action"), [
    ("my boss thinks it's coming along nicely, she's happy", "chat"),
    ("ma cheffe trouve que ça avance bien elle est contente", "chat"),
    ("le client dit que ça avance bien", "chat"),
    ("a cliente disse que tá amando como tá ficando", "chat"),
    ("o chefe achou que o progresso tá ótimo", "chat"),
    ("部長が進み具合いい感じだねって言ってました", "chat"),
    ("社長が進捗いいねって言ってた", "chat"),
    ("팀장님이 진행 상황 좋대요", "chat"), ("客户觉得现在的进度不错", "chat"),
    ("领导说进度挺好的", "chat"),
    ("老闆說進度很好", "chat"), ("客戶覺得目前進度不錯", "chat"),
    ("how's it coming along?", "state"), ("ça avance bien ?", "state"),
    ("como tá ficando?", "state"),
    ("進み具合どう？", "state"), ("진행 상황 어때요?", "state"),
    ("进度怎么样", "state"), ("進度到哪了？", "state"),
])
def test_a_relayed_verdict_on_the_progress(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: a budget for credits to be asked of someone else ("额度的事我先跟领导申请一下
# 预算 回头再说", "pour les crédits je dois d'abord demander un budget à ma cheffe": budget words
# are ``price`` cues) asks for no balance; "回头再说" puts off. Asking the balance still does.
@pytest.mark.parametrize(("text", "action"), [
    ("I'll ask my manager for budget for more credits first, we'll talk later", "chat"),
    ("额度的事我先跟领导申请一下预算 回头再说", "chat"),
    ("積分的事我先跟主管申請預算 回頭再說", "chat"),
    ("lo de los créditos primero le pido presupuesto a mi jefe", "chat"),
    ("pour les crédits je dois d'abord demander un budget à ma cheffe", "chat"),
    ("wegen der Credits frag ich erst meinen Chef nach Budget", "chat"),
    ("sobre os créditos vou pedir verba pro meu chefe primeiro", "chat"),
    ("クレジットの件はまず上司に予算を申請します", "chat"),
    ("크레딧은 먼저 팀장님한테 예산 신청할게요", "chat"),
    ("how many credits do I have left?", "credits"),
    ("还剩多少额度", "credits"),
    ("額度還剩多少", "credits"),
    ("¿cuántos créditos me quedan?", "credits"),
    ("combien de crédits il me reste ?", "credits"), ("wie viele Credits hab ich noch?", "credits"),
    ("quantos créditos eu tenho?", "credits"),
    ("クレジットあとどれくらい？", "credits"),
    ("크레딧 얼마나 남았어요?", "credits"),
])
def test_a_budget_asked_of_someone_else(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: how far the edit has got, asked for someone else or typed on by voice
# ("客户问现在剪到什么程度了", "剪接到哪了", "我妈问那个视频弄好没有 现在啥情况":
# "…没有" asks whether it is done, it negates nothing); told as an instruction
# ("剪到什么程度都行") it asks nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("客户问现在剪到什么程度了 能不能给我个大概", "state"),
    ("客戶問現在剪到什麼程度了", "state"),
    ("剪接到哪了", "state"), ("我妈问那个寿宴的视频弄好没有 现在啥情况", "state"),
    ("我媽問那個影片弄好沒有 現在什麼情況", "state"),
    ("the client is asking how far along the edit is", "state"),
    ("el cliente pregunta en qué punto está la edición", "state"),
    ("le client demande où en est le montage", "state"),
    ("der Kunde fragt, wie weit der Schnitt ist", "state"),
    ("o cliente perguntou em que ponto está a edição", "state"),
    ("お客さんが編集どこまで進んだか聞いてます", "state"),
    ("고객님이 편집 어디까지 됐는지 물어보세요", "state"),
    ("剪到什么程度都行，你看着办", "chat"), ("视频弄好没有我不管，先把字幕加上", "chat"),
])
def test_how_far_the_edit_has_got_relayed(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: someone else wants to see it, then the user asks to be shown, typed on
# without punctuation ("mi jefa quiere ver cómo va me enseñas lo que llevamos"): a show-me
# imperative opens a clause of its own (cues.yaml ``opens``), and Japanese "ので" (because)
# joins clauses like "から". Someone else wanting to see it, alone, still asks nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("mi jefa quiere ver cómo va me enseñas lo que llevamos", "state"),
    ("minha chefe quer ver como tá me mostra o que já tem", "state"),
    ("mon chef veut voir où ça en est tu peux me montrer ce qu'il y a pour l'instant", "state"),
    ("上司が今の進捗を見たいと言っているのでタイムラインを見せてください", "state"),
    ("my boss wants to see how it's going show me what we have", "state"),
    ("mein Chef will sehen wie weit wir sind zeig mir den stand", "state"),
    ("팀장님이 보고 싶대 지금까지 한 거 보여줘", "state"),
    ("老板想看看 给我看看现在的进度", "state"),
    ("老闆想看看 給我看看現在的進度", "state"),
    ("my boss wants to see the timeline first", "chat"),
    ("mi jefa quiere ver la línea de tiempo primero", "chat"),
    ("上司が今の進捗を見たいと言っています", "chat"),
    ("how do i show me what we have", "chat"),
    ("急いでいるので動画を送ってください", "export"),
])
def test_someone_else_wants_to_see_it_then_show_me(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: what a speech recogniser writes for the words of a request: "mp4" spelt as
# it is said ("the mp four", "mp cuatro", "엠피포", "mp四"), 导出 heard as "倒出来", 匯出 as "會出"
# beside what makes it a request ("幫我會出", "會出影片"; "他明天會出國" stays chat).
@pytest.mark.parametrize(("text", "action"), [
    ("send me the mp for please", "export"), ("can I get the m p four now", "export"),
    ("mándame el mp cuatro", "export"), ("envoie-moi le mp quatre", "export"),
    ("schick mir die mp vier", "export"), ("me manda o mp quatro", "export"),
    ("エムピーフォーで送ってください", "export"), ("엠피포로 보내주세요", "export"),
    ("发我mp四", "export"),
    ("帮我倒出来吧", "export"), ("幫我會出影片", "export"),
    ("the mp four looks blurry", "chat"),
    ("他明天會出國", "chat"), ("字幕會出現在哪裡", "chat"),
    ("這樣會出問題嗎", "chat"),
])
def test_request_words_as_a_recogniser_writes_them(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize(("text", "then"), [
    ("把日期改成三月二十一号然后倒出来", "export"),
    ("日期改成十月五號 然後幫我會出", "export"),
])
def test_a_change_then_the_recognisers_export(text: str, then: str) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", then), got.detail


# Spoken punctuation as a recogniser writes it out ("逗點", "comma", "virgule") parts clauses
# like the marks themselves: "no changes comma just export it" asks for the file, where "no
# changes just export it" reads the "no" as negating it.
@pytest.mark.parametrize(("text", "action"), [
    ("剪接到哪了 逗點 全部列出來", "state"),
    ("what's on the timeline question mark", "state"),
    ("export it comma but not now", "chat"), ("no changes comma just export it", "export"),
    ("nada de cambios coma expórtalo", "export"),
    ("pas de changement virgule exporte-la", "export"),
    ("keine Änderungen komma exportieren bitte", "export"),
    ("não precisa mudar vírgula exporta", "export"),
    ("不用改了 逗点 直接导出", "export"),
    ("no changes just export it", "chat"), ("pas de changement exporte-la", "chat"),
    ("no changes exclamation mark just export it", "export"),
    ("no changes new line export it", "export"),
    ("pas de changement point d'exclamation exporte-la", "export"),
    ("keine Änderungen neue Zeile exportieren bitte", "export"),
    ("não precisa mudar nova linha exporta", "export"),
    ("add a new line of text saying download now", "chat"), ("タイトルを改行して", "chat"),
])
def test_spoken_punctuation(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: a request for the file relayed for someone else ("le client demande la vidéo
# finie", "Sie bittet um die endgültige Fassung", "…データを早くもらえないかと言われてます",
# "mp4로 받을 수 있냐고 물어보세요", "la profe dice que … así que pásame la versión final": "así
# que" joins clauses); asking whether something can be done, or writing on someone's behalf,
# asks for nothing by itself.
@pytest.mark.parametrize(("text", "action"), [
    ("le client demande la vidéo finie en mp4 il veut la mettre sur son site demain matin",
     "export"),
    ("le client demande le fichier final", "export"),
    ("Guten Tag, ich schreibe im Auftrag von Frau Dr. Keller. Sie bittet um die endgültige "
     "Fassung des Imagefilms als Datei.", "export"),
    ("クライアントさんから完成した動画のデータを早くもらえないかと言われてます", "export"),
    ("고객님이 완성된 영상 mp4로 받을 수 있냐고 물어보세요", "export"),
    ("la profe dice que hay que entregar el archivo del video el lunes así que pásame la "
     "versión final", "export"),
    ("the client is asking for the finished video in mp4", "export"),
    ("o cliente pediu o vídeo final em mp4", "export"),
    ("领导要最终版视频", "export"),
    ("客戶要成品的mp4", "export"),
    ("le client demande si on peut exporter en 4K", "chat"),
    ("elle demande que le fichier final soit en 4K", "chat"),
    ("Guten Tag, ich schreibe im Auftrag von Frau Dr. Keller.", "chat"),
    ("la profe dice que hay que entregar el video el lunes", "chat"),
])
def test_a_request_for_the_file_relayed(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 53's kind: a change, then the file sent on to the one who asked for it ("ma cheffe dit
# d'enlever les sous-titres … et de lui envoyer le fichier ensuite", "改完直接把成片发他"):
# handing it to her or him is asking for it; the user's own sending ("posso mandar link do
# YouTube?") and "mándale un saludo" (no typo of "saldo") are not.
@pytest.mark.parametrize(("text", "then"), [
    ("ma cheffe dit d'enlever les sous-titres en anglais et de lui envoyer le fichier ensuite",
     "export"),
    ("minha chefe pediu pra tirar a legenda em inglês e aí mandar o arquivo pra ela", "export"),
    ("领导说标题字再大一点 改完直接把成片发他", "export"),
    ("my boss says remove the english subtitles and then send her the final file", "export"),
    ("meine Chefin sagt, nimm die englischen Untertitel raus und dann schick ihr die fertige "
     "Datei", "export"),
    ("上司が英語の字幕を消して、そのあと完成版を上司に送ってほしいそうです", "export"),
    ("팀장님이 영어 자막 빼고 나서 최종 파일 팀장님께 보내 달래요", "export"),
    ("老闆說把英文字幕拿掉 然後把成品傳給她", "export"),
    ("send him the logo so he can check the colours", None),
    ("mándale un saludo a tu mamá", None),
])
def test_a_change_then_the_file_sent_on(text: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", then), got.detail


@pytest.mark.parametrize("text", [
    "posso mandar link do YouTube ou tem que ser arquivo?",
    "posso mandar vídeo do iPhone em HEVC ou tem que ser mp4?",
    "te mandei o arquivo pra ele ver",
])
def test_the_users_own_sending_is_no_hand_over(text: str) -> None:
    assert route(text).action == "chat"


# Batch 53's kind: the balance nearly gone, asked with "没有" ("我是不是快没有积分了": "快没有 X"
# asks, it negates nothing), and the balance as a German compound typed apart ("wie ist unser
# credit stand"); "気にしてます" (worries) is no edit "にして".
@pytest.mark.parametrize(("text", "action"), [
    ("我是不是快没有积分了", "credits"), ("是不是快没有额度了", "credits"),
    ("我是不是快沒有點數了", "credits"),
    ("wie ist unser credit stand", "credits"),
    ("am I almost out of credits?", "credits"), ("je suis bientôt à court de crédits ?", "credits"),
    ("我没有积分的问题，谢谢", "chat"),
    ("社長が枠を気にしてます。あと何本作れますか？", "credits"),
])
def test_the_balance_nearly_gone(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Relayed statements (batch 53's persona, probed in the nine languages): someone else liking
# the finished video or having downloaded it says it was received (``thanks``), and someone
# else telling the balance tells it (``past``, in a message that asks nothing); asked for
# after either, or asked as a question, it is still asked.
@pytest.mark.parametrize(("text", "action"), [
    ("my boss says we still have plenty of credits", "chat"),
    ("mi jefe dice que todavía tenemos créditos de sobra", "chat"),
    ("mon chef dit qu'on a encore plein de crédits", "chat"),
    ("mein Chef sagt, wir haben noch genug Credits", "chat"),
    ("meu chefe disse que ainda temos bastante crédito", "chat"),
    ("팀장님이 크레딧 아직 충분하대요", "chat"), ("老板说积分还够用", "chat"),
    ("老闆說點數還夠", "chat"), ("el cliente ya descargó el video final", "chat"),
    ("o cliente já baixou o vídeo final", "chat"),
    ("a minha chefe adorou o vídeo final", "chat"),
    ("der Chef findet das fertige Video super", "chat"),
    ("la cheffe a adoré la vidéo finale", "chat"),
    ("my boss says we have to check how many credits are left", "credits"),
    ("mi jefe dice que tenemos que revisar cuántos créditos nos quedan", "credits"),
    ("my boss loved the draft, send me the final video", "export"),
    ("le encantó el video final, mándamelo", "export"),
    ("der Chef findet das fertige Video super, schick es mir", "export"),
])
def test_relayed_statements_about_the_file_and_the_balance(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether credits must be bought separately ("要另外儲值嗎", "do I need to top up separately?",
# "muss ich extra aufladen?") asks what it costs (``price``), not the balance.
@pytest.mark.parametrize(("text", "action"), [
    ("點數用完的話會怎樣？要另外儲值嗎", "chat"), ("积分用完的话会怎样？要另外充值吗", "chat"),
    ("what happens when credits run out? do I need to top up separately?", "chat"),
    ("wenn die Credits leer sind, muss ich extra aufladen?", "chat"),
    ("¿tengo que comprar créditos aparte?", "chat"),
    ("faut-il acheter les crédits à part ?", "chat"),
    ("preciso comprar créditos à parte?", "chat"), ("クレジットは別途購入ですか？", "chat"),
    ("크레딧은 별도로 사야 돼요?", "chat"),
    ("how many credits do I have left?", "credits"), ("还剩多少积分？", "credits"),
])
def test_credits_bought_separately(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# What the timeline's coloured bars are ("c'est quoi les barres violettes dans la timeline ?")
# asks what they mean (``howto``), like their colours; what is in the timeline still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("c'est quoi les barres violettes dans la timeline ?", "chat"),
    ("what are the purple bars in the timeline?", "chat"),
    ("¿qué son las barras moradas en la línea de tiempo?", "chat"),
    ("was sind die lila Balken in der Zeitleiste?", "chat"),
    ("o que são as barras roxas na linha do tempo?", "chat"),
    ("タイムラインの紫のバーは何？", "chat"), ("타임라인에 보라색 막대는 뭐예요?", "chat"),
    ("时间线上紫色的条是什么？", "chat"), ("時間軸上紫色的條是什麼？", "chat"),
    ("c'est quoi dans la timeline ?", "state"), ("what's in the timeline?", "state"),
])
def test_what_the_timelines_bars_are(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# What a product word means, asked by pointing at the thing ("Zeitleiste – ist das das Ding
# unten mit den Bildchen?", "时间线是指什么？"): a how-question; showing it is still asked.
@pytest.mark.parametrize(("text", "action"), [
    ("Zeitleiste – ist das das Ding unten mit den Bildchen?", "chat"),
    ("timeline - is that the thing at the bottom with the pictures?", "chat"),
    ("la timeline, c'est le truc en bas avec les images ?", "chat"),
    ("¿la línea de tiempo es la cosa de abajo con las fotos?", "chat"),
    ("a linha do tempo é aquela coisa embaixo com as fotos?", "chat"),
    ("时间线是指什么？", "chat"), ("時間軸是指什麼？", "chat"),
    ("zeig mir die Zeitleiste", "state"), ("片段有几个？", "state"),
])
def test_what_a_product_word_points_at(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether the product keeps the files "or do I have to" save them myself asks how it works
# (``about`` over the export or download of its clause), in a question.
@pytest.mark.parametrize(("text", "action"), [
    ("est-ce que tu gardes mes fichiers après l'export ou je dois tout sauvegarder ?", "chat"),
    ("do you keep my files after the export or do I have to download everything?", "chat"),
    ("speicherst du meine Dateien nach dem Export oder muss ich alles runterladen?", "chat"),
    ("você guarda meus arquivos depois do export ou tenho que baixar tudo?", "chat"),
    ("send me the file or should I wait?", "export"),
])
def test_or_do_i_have_to_save_it_myself(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


@pytest.mark.parametrize("text", [
    "muéstrame las barras de la línea de tiempo", "zeig mir die Balken in der Zeitleiste",
])
def test_showing_the_timelines_bars_is_still_asked(text: str) -> None:
    assert route(text).action == "state"


# Someone else needs the file by a date, then the hand-over typed on without punctuation ("mein
# Chef braucht das fertige Video bis Freitag kannst du es schicken": ``opens``); the need
# alone asks nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("mein Chef braucht das fertige Video bis Freitag kannst du es schicken", "export"),
    ("mi jefe necesita el video final para el viernes mándamelo", "export"),
    ("老板周五前要成片 发我一下", "export"),
    ("meine Kollegin braucht das Video bis Freitag", "chat"),
])
def test_someone_else_needs_it_then_send_it(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# An update on the video, asked for oneself or relayed ("he wants a quick update on where the
# video is", "¿me das una actualización del video?"), asks where it stands; with "can I get"
# or "me das" before it, it is no request for the file.
@pytest.mark.parametrize(("text", "action"), [
    ("hi I'm Tom's assistant he wants a quick update on where the video is", "state"),
    ("can I get a quick update on the video", "state"),
    ("he wants an update on the project", "state"),
    ("me das una actualización del video?", "state"),
    ("kannst du mir ein Update zum Video geben?", "state"),
    ("me dá uma atualização do vídeo?", "state"),
    ("tu peux me faire un point sur la vidéo ?", "state"),
    ("영상 업데이트 좀 알려주세요", "state"),
    ("please update the video title", "chat"),
])
def test_an_update_on_the_video(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Someone else will download it, or send something, themselves ("mi jefe lo descarga él
# mismo después", "领导回头自己下载", "고객님이 내일 로고 보내주실 거예요"): a plan of theirs,
# no request; asking for it for them still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("mi jefe lo descarga él mismo después", "chat"),
    ("meu chefe vai baixar ele mesmo depois", "chat"),
    ("领导回头自己下载", "chat"), ("老闆之後自己下載", "chat"),
    ("고객님이 내일 로고 보내주실 거예요", "chat"),
    ("mándamelo, mi jefe lo sube él mismo", "export"), ("내일 파일 보내주실 수 있어요?", "export"),
])
def test_someone_else_downloads_it_themselves(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A change to a thing of the finished video said with a comparative ("成片的logo再大一点",
# "o logo do vídeo final um pouco maior", dictated with a "send" command after it) is an edit,
# not a request for the file; the file asked for after the change still is.
@pytest.mark.parametrize(("text", "then"), [
    ("成片的logo再大一点", None), ("成品的logo再大一點", None), ("成片的logo再大一点 发送", None),
    ("o logo do vídeo final um pouco maior", None), ("完成版のロゴもう少し大きく", None),
    ("领导说标题字再大一点 改完直接把成片发他", "export"),
])
def test_a_comparative_change_to_the_finished_video(text: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == ("chat", then), got.detail


# The credits page names a page (like "status page"), and someone else finding the timeline
# confusing is an opinion: neither asks for the balance or the project.
@pytest.mark.parametrize(("text", "action"), [
    ("mi jefe revisará la página de créditos después", "chat"),
    ("mon chef regardera la page des crédits plus tard", "chat"),
    ("my boss will check the credits page later", "chat"),
    ("팀장님이 타임라인이 헷갈린대요", "chat"),
    ("¿cuántos créditos tengo? no encuentro la página de créditos", "credits"),
    ("타임라인 보여줘", "state"),
])
def test_the_credits_page_and_a_relayed_opinion(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# "back" asks what it costs only with what comes back ("do I get my credits back"); "read me
# back what's in the video", "send me back the final video", "I'm back, how many credits
# left" still ask.
@pytest.mark.parametrize(("text", "action"), [
    ("read me back what's in the video so far", "state"),
    ("send me back the final video", "export"), ("ok I'm back how many credits left", "credits"),
    ("if the render fails do I get my credits back", "chat"),
])
def test_back_is_no_price_word_by_itself(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# English "work" is a how-word only in how things work ("how do credits work?", "which clips
# work best"): "I need it for work", "credits left for work stuff" still ask; "separately"
# and Spanish "aparte" ask what it costs only with buying or topping up ("mándame el video
# aparte" asks for the file).
@pytest.mark.parametrize(("text", "action"), [
    ("how many credits do I have left for work stuff", "credits"),
    ("nobody at work knows what this is for lol anyway render it out for me", "export"),
    ("mándame el video aparte, sin el audio", "export"),
    ("so how does this whole credit thing work", "chat"), ("how do credits work?", "chat"),
    ("which clips work best for reels?", "chat"),
])
def test_work_and_separately_only_in_their_sense(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 55's writer uses other video apps. An export that crashes "every time" (in another
# app or here) is a complaint; how that app does it ("in capcut I just tap export") talks
# about the action; asking for it "like in capcut" still asks.
@pytest.mark.parametrize(("text", "action"), [
    ("capcut crashes every time i export, so annoying", "chat"),
    ("剪映每次导出都闪退 烦死了", "chat"), ("capcut stürzt bei jedem export ab, nervt", "chat"),
    ("capcutで書き出すたびに落ちる、もう嫌", "chat"),
    ("캡컷은 내보내기 할 때마다 튕겨 짜증나", "chat"),
    ("in capcut i just tap export and it's in my gallery", "chat"),
    ("dans capcut j'exporte et c'est direct dans la galerie", "chat"),
    ("캡컷에서는 내보내면 바로 갤러리에 저장돼", "chat"), ("갤러리에 저장됐어요", "chat"),
    ("export it like in capcut, no watermark", "export"),
    ("exportier es wie in capcut", "export"),
    ("send me the file before it crashes again", "export"),
])
def test_another_apps_export_is_talked_about(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# "Save it to my camera roll" (and the gallery, 相册, pellicule, カメラロール, 갤러리) is the
# file, also after a change; a question whether it can, or that it already did, is chat.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("save it to my camera roll pls", "export", None), ("カメラロールに保存して", "export", None),
    ("갤러리에 저장해줘", "export", None), ("存到相簿吧", "export", None),
    ("recorta el final y guárdalo en la galería", "chat", "export"),
    ("schneid das ende weg und speicher es in der galerie", "chat", "export"),
    ("最後の2秒カットしてカメラロールに保存して", "chat", "export"),
    ("¿se puede guardar en la galería?", "chat", None),
    ("kann man es in der galerie speichern?", "chat", None),
    ("já salvei na galeria, valeu", "chat", None), ("已经保存到相册了 谢谢", "chat", None),
])
def test_save_it_to_the_camera_roll(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# The HD version and the share link asked for are the file; a watermark word in a question
# about exporting keeps it a question; a share link that does not open asks for nothing.
@pytest.mark.parametrize(("text", "action"), [
    ("我要无水印的高清版", "export"), ("je veux la version hd sans filigrane", "export"),
    ("ウォーターマークなしのHD版ください", "export"),
    ("워터마크 없는 고화질 버전 주세요", "export"),
    ("gib mir den teilen-link", "export"), ("共有リンクちょうだい", "export"),
    ("can i export with no watermark?", "chat"), ("透かしなしで書き出せる？", "chat"),
    ("the hd version looks blurry", "chat"), ("공유 링크가 안 열려", "chat"),
    ("el link para compartir no abre", "chat"), ("how do i get a share link?", "chat"),
])
def test_the_hd_version_and_the_share_link(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Drafts are the project in other apps' words: is it still there, show it (state); how long
# drafts are kept is a product question; "draft me …" is a request to write something.
@pytest.mark.parametrize(("text", "action"), [
    ("show me my draft", "state"), ("mostra meu rascunho", "state"), ("下書き見せて", "state"),
    ("임시저장한 거 보여줘", "state"), ("is my draft still there?", "state"),
    ("임시저장은 며칠 유지돼?", "chat"), ("草稿能保存几天？", "chat"),
    ("how long are drafts kept?", "chat"), ("can you draft me three title ideas?", "chat"),
    ("schreib einen entwurf für den text", "chat"),
])
def test_drafts_are_the_project(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Posting it oneself after the hand-over does not take the hand-over back; exporting it
# oneself does. A style comparative is an edit; the free quota run out is credits; the number
# of cuts is the project, advice on how many is chat.
@pytest.mark.parametrize(("text", "action"), [
    ("直接给我mp4，我自己发抖音", "export"), ("me manda o mp4, eu mesma posto no insta", "export"),
    ("我自己导出就行", "chat"), ("den schnitt etwas knackiger", "chat"),
    ("me quedé sin cuota?", "credits"), ("무료 할당량 다 썼어?", "credits"),
    ("¿cuántos cortes lleva?", "state"), ("wie viele schnitte hat es?", "state"),
    ("¿cuántos cortes debe tener un reel?", "chat"),
    ("wie viele schnitte brauche ich für ein reel?", "chat"),
    ("gib mir drei Titelvorschläge", "chat"),
])
def test_own_posting_style_comparatives_quota_and_cuts(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# How many days drafts are kept is a product question, but how many days are left on a trial
# or plan still asks for the balance: the about cues name keeping ("保存几天", "며칠 유지"), not
# any count of days; "每次" is about the action only beside it ("每次导出").
@pytest.mark.parametrize(("text", "action"), [
    ("草稿會保存幾天？", "chat"), ("剪映每次匯出都閃退 煩死了", "chat"),
    ("会员还有几天到期？", "credits"), ("我每次能做几个视频？", "credits"),
    ("무료 체험 며칠 남았어?", "credits"), ("how many days left on my trial?", "credits"),
    ("¿cuántos días me quedan de prueba?", "credits"),
])
def test_days_kept_and_days_left(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# A watermark or blur in the video already downloaded or saved is a report: neither the
# download word nor "入ってる" (what is in the video) asks for anything; asking for it again does.
@pytest.mark.parametrize(("text", "action"), [
    ("ダウンロードした動画に透かしが入ってる", "chat"), ("다운받은 영상에 워터마크가 있어", "chat"),
    ("다운받은 영상이 흐려", "chat"), ("la vidéo finale dans ma galerie est floue", "chat"),
    ("動画に何が入ってる？", "state"), ("다운받은 영상 다시 보내줘", "export"),
    ("envoie-moi la vidéo finale, celle de ma galerie est floue", "export"),
])
def test_a_watermark_or_blur_in_the_downloaded_video(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Saving it as a draft keeps the project, it asks for no file ("save it as a draft for now",
# "先存草稿", "下書き保存して", "임시저장해줘"); saving it as an mp4 still does, and showing
# the drafts still shows the project.
@pytest.mark.parametrize(("text", "action"), [
    ("save it as a draft for now", "chat"), ("先存草稿", "chat"), ("先存個草稿", "chat"),
    ("guárdalo como borrador por ahora", "chat"), ("speicher es erstmal als entwurf", "chat"),
    ("とりあえず下書き保存して", "chat"), ("일단 임시저장해줘", "chat"),
    ("save it as mp4", "export"), ("show me my drafts", "state"),
])
def test_saving_it_as_a_draft(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# "啥意思" asks what a word means, like "什么意思": a product question.
@pytest.mark.parametrize(("text", "action"), [
    ("积分是啥意思", "chat"), ("時間軸上的片段是啥意思？", "chat"), ("现在有几个片段", "state"),
])
def test_what_a_word_means_casually(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Whether the video is done yet asks how the project stands, in any language and politeness;
# a polite Japanese question ("…ましたか") is a question without its mark, so a request after
# it is on that condition ("もうできましたか。できてたら、ください": the video, if done).
@pytest.mark.parametrize(("text", "action"), [
    ("ya terminó?", "state"), ("動画はもう完成しましたか？", "state"),
    ("終わりましたか", "state"), ("영상 완성됐나요?", "state"), ("视频好了吗", "state"),
    ("もうできましたか。できてたら、送ってください", "export"),
    ("add music, is it done?", "chat"),
    # A "give me" alone after the question asks for what was asked about: the video.
    ("视频好了吗？给我", "export"), ("もうできた？ちょうだい", "export"),
    ("is the video ready? I want to see it", "state"),
    # A generic form with more words is no hand-over ("get it together", "send help").
    ("is it ready? get it together", "state"), ("is it done yet? send help", "state"),
])
def test_whether_it_is_done_yet(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Saying one sends one's own footage, without attaching it yet, is an upload (the runtime says
# how to attach it); a time to come before it, with its pause, puts it off.
@pytest.mark.parametrize(("text", "action"), [
    ("sending you my own videos from the match now, one sec", "upload"),
    ("te voy a mandar los videos que grabé en la fiesta, espera", "upload"),
    ("vou te mandar os vídeos que eu gravei no aniversário", "upload"),
    ("自分で撮った動画を今から送ります", "upload"),
    ("ich schicke dir gleich meine eigenen Videos", "upload"),
    ("tomorrow, I will send my photos", "chat"), ("明日、写真を送ります", "chat"),
    ("明日再エクスポートしてください", "export"),
    # The user sending someone's photos, or sending at someone's asking, still uploads.
    ("这是我妈拍的照片", "upload"), ("我老板让我把素材发给你", "upload"),
])
def test_announcing_ones_own_footage(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 72's kinds, in words of our own: how many more exports, paying before the next video,
# where to press to upload (a how-to), "done?" and a change named as a time ("the timeline
# after the fix").
@pytest.mark.parametrize(("text", "action", "after"), [
    ("あと何回エクスポートできる？", "credits", None),
    ("次の動画作る前に課金しなきゃいけない？", "credits", None),
    ("je dois passer à la caisse avant la prochaine vidéo ?", "credits", None),
    ("上传要按哪里？", "chat", None), ("fertig?", "state", None),
    ("修正後のタイムラインを見せて", "state", "edit"),
    # The review's look-alikes of these kinds.
    ("wie oft kann ich noch exportieren?", "credits", None),
    ("내보내기 몇 번 더 할 수 있어요?", "credits", None),
    ("做下一个视频之前要先付钱吗", "credits", None),
])
def test_batch_72_kinds(text: str, action: str, after: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, None), got.detail


# Batches 74 and 76's kinds, in words of our own: renders left, a French future with a time,
# a moment's wait or "myself" beside one's own sending, a polite "won't you" in Japanese,
# "is it ready?", the order of things, and no edit-then-export read into a how-long question.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("how many more renders can I do this month", "credits", None),
    ("cuántos renders más me quedan", "credits", None),
    ("今月あと何回レンダリングできますか", "credits", None),
    ("렌더링 몇 번 더 할 수 있어?", "credits", None),
    ("je l'exporterai demain matin", "chat", None),
    ("c'est quoi la diff entre exporter et partager", "chat", None),
    ("combien de temps vous gardez la vidéo après l'export ?", "chat", None),
    ("제가 찍은 사진 지금 보낼게요 잠깐만요", "upload", None),
    ("我把我自己的视频发给你", "upload", None),
    ("我自己导出就好", "chat", None),
    ("完成版を送ってくれませんか", "export", None),
    ("まだ書き出さないでくれませんか", "chat", None),
    ("ficou pronto?", "state", None), ("c'est prêt?", "state", None),
    ("in what order are the songs now?", "state", None),
    ("dans quel ordre sont les photos ?", "state", None),
    ("렌더 돌려줘", "export", None),
])
def test_batch_74_and_76_kinds(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# Batches 77 and 79's kinds, in words of our own: what happens if the credits run out (a
# question of how it works), paying before the next render, an obligation that is no question
# ("올려야 돼요"), "don't rush the export", a plan for tonight against a request for tonight, and
# a client's own footage sent up.
@pytest.mark.parametrize(("text", "action"), [
    ("if I run out of credits, what happens to my draft?", "chat"),
    ("要是积分不够了，做到一半的视频会被删吗", "chat"),
    ("クレジットが切れたら途中の動画は消えますか", "chat"),
    ("次の書き出し前に支払いが必要ですか", "credits"),
    ("다음 렌더링 전에 결제해야 돼요?", "credits"),
    ("영상 보내주세요 오늘 밴드에 올려야 돼요", "export"),
    ("别急着导出，名单还没定", "chat"),
    ("I'll download it tonight", "chat"), ("send it tonight", "export"),
    ("我把客户自己拍的视频传上来", "upload"),
    ("書き出しは自分でやります", "chat"),
])
def test_batch_77_and_79_kinds(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# The code review's cases: a moment's wait or "myself" lets the user's own sending through,
# but not past another negation; a polite can-it-be-done keeps its edit-then-export.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("내일 사진 보낼게요 잠깐만요", "chat", None),
    ("I'll send you my photos myself tomorrow", "chat", None),
    ("等一下我不把照片发给你了", "chat", None),
    ("照片等一下发给你", "chat", None),
    ("é possível encurtá-lo um pouco e depois exportar?", "chat", "export"),
    ("se puede acortarlo un poquito y después exportarlo?", "chat", "export"),
])
def test_asides_and_possibility_questions(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# Chinese and Japanese put no space between words: one between their characters is a pause,
# as a comma would be. Two requests apart ("先导出 然后给我看一下时间轴"), a request and what
# the user says after it ("レンダリングして もう触らない": no more changes, it is no refusal).
# A full stop inside a number ends no sentence: "每个镜头1.5秒" says how long each shot is, it
# does not leave "每个镜头" alone in a sentence asking to see the shots.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("先导出 然后给我看一下时间轴 我要截图", "export", "state"),
    ("先导出，然后给我看一下时间轴，我要截图", "export", "state"),
    ("レンダリングして もう触らない", "export", None),
    ("做好了嗎 做好了就傳給我", "export", None),
    ("发给我 片尾字幕不用了", "export", None),
    ("转场再快点 每个镜头2.5秒", "chat", None),
    ("再快点 每个镜头0.5秒", "chat", None),
    ("make it faster. each clip 1.5 seconds", "chat", None),
])
def test_pauses_in_chinese_and_japanese_and_points_in_numbers(
        text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# A format beside the finished file asks for the file in that format, unless it is asked about
# ("is the final version in 1080p?") or something is said of it ("… is too big").
@pytest.mark.parametrize(("text", "action"), [
    ("la versión final en 4K porfa", "export"),
    ("génère la version finale en 4K", "export"),
    ("die finale Version in 1080p bitte", "export"),
    ("a versão final em 1080p por favor", "export"),
    ("is the final version in 1080p?", "chat"),
    ("la version finale est en 720p ?", "chat"),
    ("the final version in 4k is too big", "chat"),
])
def test_the_final_file_in_a_format(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# Portuguese "no" is "in the": it cancels nothing ("joga no meu drive o arquivo final"), while
# the Spanish "no" before a verb still does.
@pytest.mark.parametrize(("text", "action"), [
    ("joga no meu drive o arquivo final", "export"),
    ("quantos renders ainda posso fazer no plano free", "credits"),
    ("no lo exportes todavía", "chat"),
    ("no me lo mandes aún", "chat"),
])
def test_portuguese_no_is_no_negation(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# After the export offer, a yes typed with a held letter is the yes.
@pytest.mark.parametrize("text", ["simmm", "yesss", "ouiii", "okkk", "jaaa"])
def test_a_held_yes_after_the_export_offer(text: str) -> None:
    assert route(text, after="export-offer").action == "export"
    assert route(text).action == "chat"


# The code review's cases: a pause does not cut a refusal off from what it refuses; laughter
# and a bare "nooo" are no held yes; Portuguese "no" before a verb still negates it; a format
# said of the file with a copula is a statement; a point typed tight between two sentences
# still ends the first.
@pytest.mark.parametrize(("text", "after", "action", "reason"), [
    ("不要 导出", None, "chat", "declined"),
    ("先別 匯出", None, "chat", "declined"),
    ("等等 先别 导出", "export-offer", "chat", "declined"),
    ("kkkk", "export-offer", "chat", None),
    ("rsrs kkkkk", "export-offer", "chat", None),
    ("nooo", "export-offer", "chat", "declined"),
    ("no manda o vídeo ainda, falta a legenda", None, "chat", None),
    ("no exportes o vídeo", None, "chat", None),
    ("最終版は1080pです", None, "chat", None),
    ("成品是720p的 有点糊", None, "chat", None),
    ("최종본은 1080p예요", None, "chat", None),
    ("幫我算成品，1080p就好", None, "export", None),
    ("don't export.show me the timeline", None, "state", None),
])
def test_review_cases_of_pauses_held_letters_and_formats(
        text: str, after: str | None, action: str, reason: str | None) -> None:
    got = route(text, after=after)
    assert got.action == action, got.detail
    if reason is not None:
        assert got.reason == reason, got.detail


def test_what_matched_is_shown_as_typed() -> None:
    # The pause the router reads between Chinese characters is no comma the user typed.
    got = route("最终版 发我")
    assert got.action == "export"
    assert got.matched is not None
    assert got.matched.text == "最终版 发我"


# Batches 91 and 93's kinds, in words of our own: uploading "heut abend" is put off, paying to
# export is a question of credits, whether credits expire asks how they work, a fix typed with
# 修 is an edit before the export, and a first-person present of "upload" later stays a plan.
@pytest.mark.parametrize(("text", "action", "then"), [
    ("i want to download it now", "export", None),
    ("I want to download it now, my meeting is tomorrow", "export", None),
    ("kann ich jetzt die mp4 runterladen? will heut abend hochladen", "export", None),
    ("do i have to pay to export the next one?", "credits", None),
    ("preciso pagar para renderizar o próximo?", "credits", None),
    ("积分会不会有期限", "chat", None),
    ("크레딧 유효기간 있어요?", "chat", None),
    ("把錯字修掉 然後匯出", "chat", "export"),
    ("把错字修一下 然后导出", "chat", "export"),
    ("先看一下我的余额 然后导出", "credits", "export"),
    ("can i get a status update", "state", None),
    ("sending u my zoom recording of the meeting, one sec", "upload", None),
])
def test_batch_91_and_93_kinds(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# Batches 95 and 96's kinds, in words of our own: whether one version is done asks about the
# project only as a question ("or not yet" makes one); a polite hedge with a negation in it
# ("if it's not too much trouble") declines nothing.
@pytest.mark.parametrize(("text", "after", "action"), [
    ("is the subtitled version ready?", None, "state"),
    ("la version verticale est prête ou pas encore", None, "state"),
    ("ya está lista la versión vertical o todavía no", None, "state"),
    ("a versão legendada já tá pronta ou ainda não", None, "state"),
    ("the subtitled version is ready, thanks", None, "chat"),
    ("no, todavía no", "export-offer", "chat"),
    ("if it's not too much trouble, send me the mp4", None, "export"),
    ("sí, si no es mucho pedir", "export-offer", "export"),
])
def test_batch_95_and_96_kinds(text: str, after: str | None, action: str) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, None), got.detail


# Batch 97 and 99's kinds, in words of our own: what a word means is no request for it, a
# report on the last download is no new one, "+" joins two requests, an emoji or a letter
# accepts an offer, and formal imperatives and hand-overs read as the plain ones do.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("qué es la timeline?", None, "chat", None),
    ("was ist die timeline", None, "chat", None),
    ("the last download was blurry", None, "chat", None),
    ("export + how many credits left", None, "export", "credits"),
    ("查下余额 然后导出", None, "credits", "export"),
    ("👍", "export-offer", "export", None),
    ("progress?", None, "state", None),
    ("por favor corrija el título y a continuación envíeme el mp4", None, "chat", "export"),
    ("Dois-je effectuer un paiement avant de lancer la prochaine vidéo ?", None, "credits", None),
])
def test_batch_97_and_99_kinds(text: str, after: str | None, action: str,
                               then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


def test_a_formal_caption_naming_the_file_hands_it_over() -> None:
    assert route("附件是我司的LOGO，请查收。", ["logo.png"]).label == "upload"


# A polite question that asks for the file, then a second request: both are done. A request
# word may stand a word or two off the verb ("could you maybe render it"), and a question
# asked with one is a request, not the condition of what follows ("可以麻煩幫我匯出嗎？順便…").
@pytest.mark.parametrize(("text", "action", "then"), [
    ("could you maybe export the final one, and tell me how many credits I have left?",
     "export", "credits"),
    ("me lo podrías exportar? y de paso cuántos créditos me quedan", "export", "credits"),
    ("könntest du es exportieren und mir danach zeigen, welche szenen drin sind?",
     "export", "state"),
    ("可以麻煩幫我匯出嗎？順便讓我看一下用了哪些片段", "export", "state"),
    ("is it done? if so, send it", "export", None),
    ("I love how easy it is to export and check my credits", "chat", None),
])
def test_a_polite_request_then_another(text: str, action: str, then: str | None) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, then), got.detail


# Batch 105's kinds, in words of our own: the story told before a request is no edit ("改了",
# "修正してもらった"), while an edit asked for still comes first; "nothing else to change"
# edits nothing; a purpose clause ("que lo subo al drive") is no upload of ours.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("今天改了一下午。我还有多少积分", None, "credits", None),
    ("標題我改了一下。現在把成品給我", None, "export", None),
    ("先生に2回修正してもらった。完成版のファイルをください", None, "export", None),
    ("把字幕改成红色。然后导出", None, "chat", "export"),
    ("I can't see anything else to change. give me the final version", None, "export", None),
    ("dame el archivo final que lo subo al drive del club", None, "export", None),
    ("jo mach mal", "export-offer", "export", None),
])
def test_batch_105_kinds(text: str, after: str | None, action: str, then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


# A code review's cases: a frame that asks only in a question needs its own clause to ask; a
# request word must stand with small words only; a polite question for the file is a condition
# of the next sentence unless a word that adds joins them; a refusal's words inside a hedge, but
# not a yes's, are dropped after an offer; a letter after an apostrophe is no yes; "加" (add)
# before a role word is an instruction.
@pytest.mark.parametrize(("text", "after", "action", "then"), [
    ("the subtitled version is ready, could you send it?", None, "export", None),
    ("字幕版好了，可以发我吗？", None, "export", None),
    ("I think the vertical one is done, right?", None, "chat", None),
    ("could you ever export and check credits at the same time?", None, "chat", None),
    ("he asked could you export it and show the timeline", None, "chat", None),
    ("Can you export it? Actually no, just show me the timeline", None, "state", None),
    ("ready to post!", "export-offer", "export", None),
    ("that's weird", "export-offer", "chat", None),
    ("let's see", "export-offer", "chat", None),
    ("s", "export-offer", "export", None),
])
def test_review_cases_of_the_twenty_eighth_round(text: str, after: str | None, action: str,
                                                  then: str | None) -> None:
    got = route(text, after=after)
    assert (got.action, got.then) == (action, then), got.detail


def test_progress_is_the_projects_alone_or_asked_for() -> None:
    # A word of the project, not a phrase: alone or with a way of asking it asks; inside a
    # description of the video it is content.
    assert route("progress").action == "state"
    assert route("can i see the progress").action == "state"
    assert route("show the kids' progress over the year").action == "chat"
    assert route("make a video about my weight loss progress").action == "chat"


def test_adding_a_named_role_is_an_instruction() -> None:
    for caption in ("加背景音乐", "加水印", "加片頭"):
        assert route(caption, ["a.png"]).label == "upload-then-chat", caption

