"""The same conversation in each of the nine languages, through the whole runtime against a
real local backend: generate (subject and duration), add a title, a timed caption, change the
music volume, switch to 9:16, status, export. The draft is checked after each step and every
reply the user reads is checked to be in the user's language."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from backend.local.runner import LocalBackend
from router.language import base_language, detect_locale
from skill.conversation import Conversation
from skill.replies import Media, Reply
from tests.backend.local.conftest import FakeRenderer
from tests.servers import serving
from tests.skill.conversation.conftest import Harness, fast_options, say
from tests.translators.test_messages import SIMPLIFIED_ONLY


@dataclass(frozen=True)
class Script:
    locale: str
    generate: str
    subject_title: str
    set_title: str
    title: str
    caption: str
    caption_text: str
    volume: str
    vertical: str
    status: str
    export: str


SCRIPTS = [
    Script("en", "generate an 8-second video about a lighthouse by the sea",
           "Lighthouse by the Sea", 'change the title to "North Light"', "North Light",
           'add a caption "Hello" from 2 to 4 seconds', "Hello",
           "set the music volume to 60%", "switch to 9:16", "status", "export"),
    Script("zh-Hans", "生成一段8秒的海边灯塔视频", "海边灯塔", "把标题改成“北方之光”", "北方之光",
           "添加字幕“你好”，从2秒到4秒", "你好", "把音乐音量调到60%", "切换到9:16竖屏", "状态",
           "导出"),
    Script("zh-Hant", "生成一段8秒的海邊燈塔影片", "海邊燈塔", "把標題改成「北方之光」", "北方之光",
           "加上字幕「你好」，從2秒到4秒", "你好", "把音樂音量調到60%", "切換成9:16直式", "狀態",
           "匯出"),
    Script("es", "genera un vídeo de 8 segundos sobre un faro junto al mar", "Faro junto al mar",
           'cambia el título a "Luz del norte"', "Luz del norte",
           'añade un subtítulo "Hola" de 2 a 4 segundos', "Hola",
           "pon el volumen de la música al 60%", "cambia al formato vertical 9:16", "estado",
           "exportar"),
    Script("fr", "génère une vidéo de 8 secondes sur un phare au bord de la mer",
           "Phare au bord de la mer", 'change le titre en "Lumière du nord"', "Lumière du nord",
           'ajoute un sous-titre "Bonjour" de 2 à 4 secondes', "Bonjour",
           "règle le volume de la musique à 60%", "passe au format vertical 9:16", "état",
           "exporter"),
    Script("de", "erstelle ein 8-Sekunden-Video über einen Leuchtturm am Meer",
           "Leuchtturm am Meer", 'ändere den Titel zu "Nordlicht"', "Nordlicht",
           'füge einen Untertitel "Hallo" von 2 bis 4 Sekunden hinzu', "Hallo",
           "stelle die Lautstärke der Musik auf 60%", "wechsle ins Hochformat 9:16",
           "zeig mir den Status",
           "exportiere das Video"),
    Script("pt", "gere um vídeo de 8 segundos sobre um farol à beira-mar", "Farol à beira-mar",
           'mude o título para "Luz do norte"', "Luz do norte",
           'adicione uma legenda "Olá" de 2 a 4 segundos', "Olá",
           "ajuste o volume da música para 60%", "mude para o formato vertical 9:16",
           "mostre o estado do projeto", "exporte o vídeo agora"),
    Script("ja", "海辺の灯台の8秒の動画を作って", "海辺の灯台", "タイトルを「北の光」に変更して",
           "北の光", "字幕「こんにちは」を2秒から4秒に追加して", "こんにちは",
           "音楽の音量を60%にして", "9:16の縦長に変更して", "ステータス", "書き出し"),
    Script("ko", "바닷가 등대에 대한 8초 영상을 만들어 줘", "바닷가 등대",
           '제목을 "북쪽의 빛"으로 바꿔 줘', "북쪽의 빛", '자막 "안녕"을 2초부터 4초까지 추가해 줘',
           "안녕", "음악 볼륨을 60%로 바꿔 줘", "9:16 세로로 바꿔 줘", "상태", "내보내기"),
]


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[LocalBackend]:
    # Renders are not what this test is about: a fake renderer keeps nine exports fast.
    options = fast_options(renderer=FakeRenderer())
    with serving(LocalBackend.start(tmp_path / "backend", options=options)) as lb:
        yield lb


def _track(draft: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in draft["t"] if t.get("n") == name)


def _check_language(replies: list[Reply], locale: str, step: str) -> None:
    said = [r.text for r in replies if r.kind in ("text", "media", "error") and r.text.strip()]
    assert said, f"{locale} {step}: no reply"
    for text in said:
        # File paths are not words of any language.
        found = detect_locale(" ".join(w for w in text.split() if "/" not in w))
        if found == "und":
            continue
        # Chinese is checked by script below; the rest by language.
        assert base_language(found) == base_language(locale), (locale, step, text)
    if locale == "zh-Hant":
        # Everything shown, the runtime's own statuses and sentences too, is Traditional.
        for reply in replies:
            assert not SIMPLIFIED_ONLY & set(reply.text), (step, reply.kind, reply.text)
    if step in ("generate", "volume"):
        # The agent's own words are in the very locale (Traditional stays Traditional).
        assert locale in [detect_locale(text) for text in said], (locale, step, said)


async def _draft(convo: Conversation) -> dict[str, Any]:
    return dict((await convo.client.state()).draft)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.locale for s in SCRIPTS])
async def test_one_conversation_in_each_language(harness: Harness, script: Script) -> None:
    async with harness.open() as convo:
        replies = await say(convo, script.generate)
        _check_language(replies, script.locale, "generate")
        draft = await _draft(convo)
        assert draft["d"] == 8000
        assert _track(draft, "Title")["sg"][0]["m"]["text"] == script.subject_title

        replies = await say(convo, script.set_title)
        _check_language(replies, script.locale, "title")
        assert _track(await _draft(convo), "Title")["sg"][0]["m"]["text"] == script.title

        replies = await say(convo, script.caption)
        _check_language(replies, script.locale, "caption")
        captions = _track(await _draft(convo), "Captions")["sg"]
        assert [(c["s"], c["d"], c["m"]["text"]) for c in captions] == [
            (2000, 2000, script.caption_text)]

        replies = await say(convo, script.volume)
        _check_language(replies, script.locale, "volume")
        assert _track(await _draft(convo), "BGM")["sg"][0]["m"]["vol"] == 0.6

        replies = await say(convo, script.vertical)
        _check_language(replies, script.locale, "vertical")
        draft = await _draft(convo)
        assert (draft["ratio"], draft["w"], draft["h"]) == ("9:16", 1080, 1920)
        assert _track(draft, "Title")["sg"][0]["m"]["text"] == script.title

        replies = await say(convo, script.status)
        _check_language(replies, script.locale, "status")
        assert any(script.title in r.text for r in replies)

        replies = await say(convo, script.export)
        _check_language(replies, script.locale, "export")
        media = [r for r in replies if isinstance(r, Media)]
        assert len(media) == 1
        assert media[0].path.stat().st_size > 0


@pytest.mark.parametrize("shared_script", ["字幕加上外框", "加字幕"])
async def test_a_message_in_shared_characters_keeps_traditional(harness: Harness,
                                                                shared_script: str) -> None:
    # "加字幕" is written the same in both scripts: a Traditional writer still reads
    # Traditional, not the Simplified catalog.
    assert detect_locale(shared_script) == "zh"
    async with harness.open() as convo:
        replies = await say(convo, "生成一段8秒的海邊燈塔影片")
        _check_language(replies, "zh-Hant", "generate")
        replies = await say(convo, shared_script)
    said = [r.text for r in replies]
    assert said
    for text in said:
        assert not SIMPLIFIED_ONLY & set(text), text
    assert any("編輯" in text or "字幕" in text for text in said), said


async def test_a_message_in_shared_characters_after_simplified_stays_simplified(
        harness: Harness) -> None:
    async with harness.open() as convo:
        await say(convo, "生成一段8秒的海边灯塔视频")
        replies = await say(convo, "加字幕")
    assert any(SIMPLIFIED_ONLY & set(r.text) for r in replies), [r.text for r in replies]
