"""Kinds of request wording the twentieth round taught the router, each in several languages,
with look-alike chat that must stay chat. (Written for these tests, like the probes in
``tests/router/probes/recall-20.yaml``; the corpus's held-out messages are measured by
benchmarks/router_bench.py, never copied here.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from router import route

pytestmark = pytest.mark.pure

PROBES = Path(__file__).parent / "probes"
ACTIONS = ("export", "credits", "state", "upload", "chat")


def _check(text: str, action: str) -> None:
    got = route(text)
    assert (got.action, got.then) == (action, None), got.detail


# The video handed to the speaker, asked with a format: the format is a preference, not a
# question about formats; what the product can make stays a question.
@pytest.mark.parametrize(("text", "action"), [
    ("kannst du mir das Video in 1080p geben?", "export"),
    ("1080p로 영상 받을 수 있어요?", "export"), ("1080pで動画もらえますか？", "export"),
    ("me puedes pasar el video en 1080p?", "export"),
    ("vous pouvez me donner la vidéo en 1080p ?", "export"),
    ("pode me mandar o vídeo em 4k?", "export"), ("能不能把视频按1080p给我", "export"),
    ("can the video be 4k?", "chat"), ("¿puedo subir videos en mov?", "chat"),
    ("我手机里的视频是mov，能传吗", "chat"), ("kann das video in 4k sein?", "chat"),
])
def test_a_hand_over_with_its_format(text: str, action: str) -> None:
    _check(text, action)


# Taking the video as it stands accepts it; taking a clip or an idea does not.
@pytest.mark.parametrize(("text", "action"), [
    ("je la garde telle quelle", "export"), ("vou levar assim mesmo", "export"),
    ("これでもらっていきます", "export"), ("이대로 가져갈게요", "export"),
    ("so nehm ich's", "export"),
    ("take the clip as it is", "chat"), ("i'll take it from here, add the music", "chat"),
    ("je le prends comme intro", "chat"), ("vou levar a câmera amanhã", "chat"),
])
def test_taking_it_as_it_is(text: str, action: str) -> None:
    _check(text, action)


# Whether the balance runs out is asked with a negation; declining to check it, or asking
# how credits behave, is chat.
@pytest.mark.parametrize(("text", "action"), [
    ("no credits left??", "credits"), ("¿ya no tengo saldo?", "credits"),
    ("hab ich keine credits mehr?", "credits"), ("não tenho mais créditos?", "credits"),
    ("il ne me reste plus de quota ?", "credits"), ("还有没有积分", "credits"),
    ("크레딧 부족하지 않아?", "credits"),
    ("don't show me the credits at the end of the video", "chat"),
    ("不用查积分，先把字幕改了", "chat"), ("os créditos não expiram?", "chat"),
    ("クレジットは期限切れにならない？", "chat"), ("verfallen die credits nicht?", "chat"),
])
def test_a_low_balance_asked_with_a_negation(text: str, action: str) -> None:
    _check(text, action)


# Which thing was put in, asked with the editor's own past; what to put, or what the product
# uses, is chat.
@pytest.mark.parametrize(("text", "action"), [
    ("remind me what music you added", "state"), ("你加的音乐是什么来着", "state"),
    ("rappelle-moi quelle musique t'as ajoutée", "state"),
    ("welches lied hast du an den anfang gesetzt?", "state"),
    ("最初に入れた曲って何だっけ？", "state"), ("추가한 음악 뭐였어?", "state"),
    ("which song should i put at the start?", "chat"), ("最初にどの曲を入れたらいい？", "chat"),
    ("welches programm wird hier verwendet?", "chat"), ("hast du schon mal ki benutzt?", "chat"),
    ("這個用的是哪個軟體？", "chat"),
])
def test_what_was_put_in(text: str, action: str) -> None:
    _check(text, action)


# Where or when a thing of the project turns up; where to put it is advice or an edit.
@pytest.mark.parametrize(("text", "action"), [
    ("where did the dog photo end up?", "state"), ("en qué momento sale el logo", "state"),
    ("狗的照片放在哪里了", "state"), ("로고 몇 초쯤에 나와요?", "state"),
    ("onde ficou a foto do cachorro?", "state"),
    ("where should the logo go?", "chat"), ("logo放在哪里比较好", "chat"),
    ("ロゴはどこに入れたらいい？", "chat"), ("wo soll das logo hin?", "chat"),
])
def test_where_a_thing_turns_up(text: str, action: str) -> None:
    _check(text, action)


# A walk through the video scene by scene, a summary asked with a light verb and a short
# adjective, whether something is already in; a recap video is content.
@pytest.mark.parametrize(("text", "action"), [
    ("break down the video for me scene by scene", "state"),
    ("explícame el video escena por escena", "state"),
    ("erklär mir das video szene für szene", "state"),
    ("fais-moi un petit résumé de ce qu'on a fait", "state"),
    ("mach mir mal eine kurze zusammenfassung von dem, was wir gemacht haben", "state"),
    ("l'intro est déjà dedans ?", "state"),
    ("make a recap video of our trip", "chat"),
    ("make me a nice big summary slide of the project", "chat"),
    ("fais une vidéo récap de nos vacances", "chat"),
    ("the intro is already in my head, make it upbeat", "chat"),
])
def test_a_walk_through_a_summary_and_what_is_in(text: str, action: str) -> None:
    _check(text, action)


# Making the video itself into a file, or downloadable; photos made into a video are content.
@pytest.mark.parametrize(("text", "action"), [
    ("hazlo descargable", "export"), ("rends-la téléchargeable", "export"),
    ("mach es herunterladbar", "export"), ("動画ファイルにしてください", "export"),
    ("converte pra mp4 pra eu mandar", "export"),
    ("transforme les photos en vidéo", "chat"), ("字幕をファイルにして", "chat"),
    ("upload a photo of my dog and turn it into a video", "chat"),
])
def test_making_it_a_file(text: str, action: str) -> None:
    _check(text, action)


@pytest.mark.parametrize("name", ["recall-20.yaml", "recall-20-check.yaml"])
def test_probe_files_are_well_formed(name: str) -> None:
    """The probes are data for ``benchmarks``-style before/after figures: every item names
    its language, kind, expected action and text."""
    items = yaml.safe_load((PROBES / name).read_text(encoding="utf-8"))
    assert items, name
    for item in items:
        assert {"lang", "kind", "a", "t"} <= set(item), item
        first, _, then = item["a"].partition("-then-")
        assert first in ACTIONS, item
        assert not then or then in ACTIONS, item


# Whether the edits asked for are done is a question about the project; "when you finish the
# changes, add a title" and a change then the file are not.
@pytest.mark.parametrize(("text", "action"), [
    ("did you finish the changes?", "state"), ("改完了吗", "state"),
    ("改好了沒？現在總共幾段", "state"),
    ("¿ya hiciste los cambios?", "state"), ("t'as fini les modifs ?", "state"),
    ("bist du fertig mit den änderungen?", "state"), ("修正終わった？", "state"),
    ("수정 다 됐어?", "state"),
    ("when you finish the changes, add a title", "chat"), ("改完以后再加个字幕", "chat"),
    ("修正が終わったらタイトルを入れて", "chat"), ("수정 끝나면 제목 넣어줘", "chat"),
    ("all done with edits. hand over the video", "export"),
    ("tu as fini les modifs, maintenant envoie-moi le fichier", "export"),
])
def test_whether_the_edits_are_done(text: str, action: str) -> None:
    _check(text, action)
