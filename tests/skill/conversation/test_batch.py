"""Batch style: "make a separate video from each of these" with three files gives three
projects, three drafts and three renders; later messages name one by ordinal or file name."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
from PIL import Image

from backend.local.runner import LocalBackend
from skill.conversation import batch
from skill.replies import Media
from tests.backend.local.conftest import FakeRenderer
from tests.media import probe
from tests.skill.conversation.conftest import Harness, fast_options, say, texts


@pytest.fixture
def renderer() -> FakeRenderer:
    return FakeRenderer()


@pytest.fixture
def backend(tmp_path: Path, renderer: FakeRenderer) -> Iterator[LocalBackend]:
    with LocalBackend.start(tmp_path / "backend", options=fast_options(renderer=renderer)) as lb:
        yield lb


def _images(tmp_path: Path) -> list[str]:
    paths = []
    for name, colour in (("red.png", (200, 30, 30)), ("green.png", (30, 200, 30)),
                         ("blue.png", (30, 30, 200))):
        path = tmp_path / name
        Image.new("RGB", (320, 180), colour).save(path)
        paths.append(str(path))
    return paths


async def test_one_project_and_render_per_file(harness: Harness, renderer: FakeRenderer,
                                               tmp_path: Path) -> None:
    files = _images(tmp_path)
    async with harness.open() as convo:
        replies = await say(convo, "make a separate video from each of these", files)
        media = [r for r in replies if isinstance(r, Media)]
        assert len(media) == 3
        assert len({m.path for m in media}) == 3
        rendered = [[sg["m"].get("name") for t in d["t"] for sg in t["sg"]
                     if sg["m"].get("media_id")] for d in renderer.calls]
        assert rendered == [["red.png"], ["green.png"], ["blue.png"]]
        stored = convo.client.store.load()
        assert [item.name for item in stored.batch] == ["red.png", "green.png", "blue.png"]
        assert len({item.session_id for item in stored.batch}) == 3
        assert "3 videos" in texts(replies)

        replies = await say(convo, "the second one: add a title 'Green'")
        assert "green.png" in texts(replies, "status")
        state = await convo.client.state()
        names = [sg["m"].get("name") or sg["m"].get("text") for t in state.draft["t"]
                 for sg in t["sg"]]
        assert "green.png" in names
        assert "Green" in names

        replies = await say(convo, "export red.png")
        exported = [r for r in replies if isinstance(r, Media)]
        assert len(exported) == 1
        assert [sg["m"].get("name") for t in renderer.calls[-1]["t"] for sg in t["sg"]
                if sg["m"].get("media_id")] == ["red.png"]


def test_a_message_without_files_does_not_build_the_batch_phrase_patterns() -> None:
    # Most messages carry no file; compiling the nine languages' phrase patterns cost every
    # one of them tens of milliseconds.
    batch._tables.cache_clear()
    assert not batch.wants_batch("a separate video from each", 0)
    assert batch._tables.cache_info().currsize == 0
    assert batch.wants_batch("make a separate video from each of these", 2)
    assert batch._tables.cache_info().currsize == 1


def test_batch_phrases_and_choices() -> None:
    assert batch.wants_batch("make a separate video from each of these")
    assert batch.wants_batch("把这些素材分别做成视频")
    assert not batch.wants_batch("make a video from these")
    # One file: only an explicit "separate video" is a new project.
    assert batch.wants_batch("now a separate video from this one", 1)
    assert batch.wants_batch("用这个另做一个视频", 1)
    assert not batch.wants_batch("把音乐和画面分别调一下", 1)
    assert not batch.wants_batch("a separate video from each", 0)
    names = ["clip.mp4", "beach.jpg", "song.mp3"]
    assert batch.pick("the second one: add music", names) == 1
    assert batch.pick("第三个加标题", names) == 2
    assert batch.pick("export clip.mp4", names) == 0
    assert batch.pick("the last one", names) == 2
    assert batch.pick("add a caption for the first 3 seconds", names) is None
    assert batch.pick("add a caption", names) is None
    assert batch.pick("delete the second clip", names) is None
    assert batch.pick("把第二段字幕删掉", names) is None


# --- different instructions per file in one message ------------------------------------------

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def _ffmpeg(path: Path, *args: str) -> str:
    subprocess.run([FFMPEG, "-hide_banner", "-loglevel", "error", "-y", *args, str(path)],
                   check=True, timeout=60)
    return str(path)


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clip.mp4 (2 s with sound), beach.jpg and song.mp3 (3 s), made once for the module."""
    folder = tmp_path_factory.mktemp("media")
    _ffmpeg(folder / "clip.mp4", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-shortest",
            "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")
    Image.new("RGB", (320, 180), (240, 200, 120)).save(folder / "beach.jpg")
    _ffmpeg(folder / "song.mp3", "-f", "lavfi", "-i", "sine=frequency=330:duration=3",
            "-c:a", "libmp3lame")
    return folder


def _uploads(media_dir: Path) -> list[str]:
    return [str(media_dir / n) for n in ("clip.mp4", "beach.jpg", "song.mp3")]


def _segments(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [sg["m"] for t in draft["t"] for sg in t["sg"]]


def _media_names(draft: dict[str, Any]) -> list[str]:
    return [m.get("name") for m in _segments(draft) if m.get("media_id")]


def _words(draft: dict[str, Any]) -> list[str]:
    return [m["text"] for m in _segments(draft) if m.get("text")]


#: Three files, three different instructions, in one message; per language: the message, the
#: caption and title the first two videos must get, and a word of the reply's language.
PER_FILE = {
    "en": ("first video: only clip.mp4, add the caption 'Hi'; second: beach.jpg with the title "
           "'Summer'; third: song.mp3 as the background music", "Hi", "Summer", "Made 3 videos"),
    "zh-Hans": ("第一个视频：只用 clip.mp4，加字幕“你好”；第二个视频：beach.jpg 加标题“夏天”；"
                "第三个：song.mp3 当背景音乐", "你好", "夏天", "共 3 个"),
    "es": ("primer vídeo: solo clip.mp4, con el subtítulo 'Hola'; segundo vídeo: beach.jpg con "
           "el título 'Verano'; tercero: song.mp3 como música de fondo", "Hola", "Verano",
           "He hecho 3 vídeos"),
    "ja": ("1つ目の動画：clip.mp4だけで字幕「こんにちは」を入れて。2つ目の動画はbeach.jpgに"
           "「夏」というタイトル。3つ目：song.mp3をBGMに", "こんにちは", "夏", "3本の動画"),
}


@pytest.mark.parametrize("lang", sorted(PER_FILE))
async def test_each_file_gets_its_own_instructions(harness: Harness, renderer: FakeRenderer,
                                                   media_dir: Path, lang: str) -> None:
    message, caption, title, done = PER_FILE[lang]
    async with harness.open() as convo:
        replies = await say(convo, message, _uploads(media_dir))
        stored = convo.client.store.load()
    media = [r for r in replies if isinstance(r, Media)]
    assert len({m.path for m in media}) == 3
    assert all(m.path.is_file() for m in media)
    # Each render holds its own file and its own edit, nothing of the others'.
    assert [_media_names(d) for d in renderer.calls] == [["clip.mp4"], ["beach.jpg"],
                                                         ["song.mp3"]]
    first, second, third = renderer.calls
    assert caption in _words(first)
    assert title not in _words(first)
    assert title in _words(second)
    assert caption not in _words(second)
    assert caption not in _words(third)
    assert title not in _words(third)
    assert [item.name for item in stored.batch] == ["clip.mp4", "beach.jpg", "song.mp3"]
    assert len({item.session_id for item in stored.batch}) == 3
    # The last reply: a header in the user's language, then one line per video.
    summary = replies[-1].text.splitlines()
    assert done in summary[0]
    assert [line.split(".", 1)[0] for line in summary[1:]] == ["1", "2", "3"]
    for line, name, made in zip(summary[1:], ("clip.mp4", "beach.jpg", "song.mp3"), media,
                                strict=True):
        assert name in line
        assert str(made.path) in line
    assert caption in summary[1]
    assert title in summary[2]


async def test_parts_named_by_file_and_the_file_no_part_names(
        harness: Harness, renderer: FakeRenderer, media_dir: Path) -> None:
    async with harness.open() as convo:
        replies = await say(convo, "for clip.mp4 add the caption 'Hi' and for beach.jpg make it "
                            "9:16", _uploads(media_dir))
        assert [_media_names(d) for d in renderer.calls] == [["clip.mp4"], ["beach.jpg"]]
        assert _words(renderer.calls[0]) == ["Hi"]
        assert renderer.calls[1]["ratio"] == "9:16"
        assert renderer.calls[0]["ratio"] == "16:9"
        summary = replies[-1].text
        assert "Made 2 videos" in summary
        assert "song.mp3 not used" in summary

        # "The second clip" is a clip of the current video, not the batch's second video.
        before = convo.client.store.load().session_id
        replies = await say(convo, "delete the second clip")
        assert convo.client.store.load().session_id == before
        assert "beach.jpg" not in texts(replies, "status")

        # "The first one" switches to that video's project.
        replies = await say(convo, "the first one: change the caption to 'Hello'")
        assert "clip.mp4" in texts(replies, "status")
        state = await convo.client.state()
        assert _words(state.draft) == ["Hello"]

        # One more file as its own video: a new project, added to the batch.
        replies = await say(convo, "now a separate video from this one, with the title 'Song'",
                            [str(media_dir / "song.mp3")])
        stored = convo.client.store.load()
        assert [item.name for item in stored.batch] == ["clip.mp4", "beach.jpg", "song.mp3"]
        assert stored.session_id == stored.batch[-1].session_id
        assert _media_names(renderer.calls[-1]) == ["song.mp3"]
        assert "Song" in _words(renderer.calls[-1])
        assert len([r for r in replies if isinstance(r, Media)]) == 1
        summary = replies[-1].text.splitlines()
        assert summary[0].startswith("🆕")
        assert summary[1].startswith("3. song.mp3: ")


def test_per_file_parts_in_nine_languages() -> None:
    names = ["clip.mp4", "beach.jpg", "song.mp3"]
    cases = {
        "en": "first video: only clip.mp4; the second one: beach.jpg",
        "zh-Hans": "第一个视频：只用 clip.mp4；第二个视频：beach.jpg",
        "zh-Hant": "第一個影片：只用 clip.mp4；第二個影片：beach.jpg",
        "es": "primer vídeo: solo clip.mp4; segundo vídeo: beach.jpg",
        "fr": "première vidéo : seulement clip.mp4 ; deuxième vidéo : beach.jpg",
        "de": "erstes Video: nur clip.mp4; zweites Video: beach.jpg",
        "pt": "primeiro vídeo: só clip.mp4; segundo vídeo: beach.jpg",
        "ja": "1つ目の動画：clip.mp4だけ。2つ目の動画はbeach.jpg",
        "ko": "첫 번째 영상: clip.mp4만; 두 번째 영상은 beach.jpg",
    }
    for lang, text in cases.items():
        parts = batch.split_parts(text, names)
        assert [p.files for p in parts] == [(0,), (1,)], lang
        # Both name only their file: the video is the file as it is.
        assert [p.text for p in parts] == ["", ""], lang


def test_per_file_parts_by_ordinal_or_name() -> None:
    names = ["clip.mp4", "beach.jpg", "song.mp3"]
    parts = batch.split_parts("The first one: a title 'A'. The second one: make it 9:16.", names)
    assert [(p.text, p.files) for p in parts] == [("a title 'A'", (0,)), ("make it 9:16", (1,))]
    parts = batch.split_parts("clip.mp4には字幕「Hi」を追加、beach.jpgは9:16に", names)
    assert [(p.text, p.files) for p in parts] == [("字幕「Hi」を追加", (0,)), ("9:16に", (1,))]
    parts = batch.split_parts("first: clip.mp4 with song.mp3 as music; second: beach.jpg", names)
    assert [p.files for p in parts] == [(0, 2), (1,)]
    # A part that only says which file: nothing to ask the agent for.
    assert parts[1].text == ""
    parts = batch.split_parts("第一个视频：只用 clip.mp4；第二个视频：beach.jpg 加标题“夏天”",
                              names)
    assert [p.text for p in parts] == ["", "beach.jpg 加标题“夏天”"]
    # One video's instructions, even with ordinals and names in them.
    assert batch.split_parts("make a video from these with the first clip at the end", names) == ()
    assert batch.split_parts("use clip.mp4 and beach.jpg, add a title: Summer", names) == ()
    assert batch.split_parts("add a caption for the first 3 seconds: Hi", names) == ()
    assert batch.split_parts("first: clip.mp4; second: clip.mp4 again", names) == ()
    assert batch.split_parts("the first clip: fade in; the second clip: fade out", names) == ()
    assert batch.split_parts("first video: clip.mp4; second: beach.jpg", names[:1]) == ()


async def test_per_file_videos_are_real_mp4s(isolated_home: Path, tmp_path: Path,
                                             media_dir: Path) -> None:
    # The same flow with the backend's own ffmpeg renderer: three playable MP4s, each the
    # length of its own file.
    with LocalBackend.start(tmp_path / "real", options=fast_options()) as real:
        async with Harness(real, isolated_home, tmp_path).open() as convo:
            replies = await say(convo, PER_FILE["en"][0], _uploads(media_dir))
    media = [r for r in replies if isinstance(r, Media)]
    assert len(media) == 3
    probes = [probe(m.path) for m in media]
    assert [p.video_codec for p in probes] == ["h264"] * 3
    assert [round(p.duration) for p in probes] == [2, 3, 3]
    assert all(p.audio_codec == "aac" for p in probes)


async def test_a_part_that_only_names_its_file_asks_the_agent_nothing(
        harness: Harness, renderer: FakeRenderer, media_dir: Path) -> None:
    async with harness.open() as convo:
        replies = await say(convo, "premier vidéo : clip.mp4 ; deuxième vidéo : beach.jpg avec le "
                            "titre « Été »", _uploads(media_dir)[:2])
    said = texts(replies)
    assert "pas compris" not in said
    assert [_media_names(d) for d in renderer.calls] == [["clip.mp4"], ["beach.jpg"]]
    assert _words(renderer.calls[0]) == []
    assert _words(renderer.calls[1]) == ["Été"]
    assert "2 vidéos créées" in replies[-1].text


async def test_a_file_that_fails_does_not_stop_the_other_videos(
        harness: Harness, renderer: FakeRenderer, tmp_path: Path) -> None:
    red, _, blue = _images(tmp_path)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not really a video" * 50)
    async with harness.open() as convo:
        replies = await say(convo, "make a separate video from each of these",
                            [red, str(broken), blue])
    errors = [r for r in replies if r.kind == "error"]
    assert len(errors) == 1
    assert "broken.mp4" in errors[0].text
    assert len([r for r in replies if isinstance(r, Media)]) == 2
    assert [_media_names(d) for d in renderer.calls] == [["red.png"], ["blue.png"]]
    summary = replies[-1].text.splitlines()
    # Only what was made is counted.
    assert summary[0].startswith("⚠️ Made 2 of 3 videos"), summary[0]
    assert summary[2] == "2. broken.mp4: not made (see the error above)"
    assert summary[3].startswith("3. blue.png: ")


def test_instruction_before_or_after_its_anchor() -> None:
    names = ["beach.jpg", "sunset.jpg"]
    cases = {
        "use calm music for the first video and upbeat music for the second video":
            ["use calm music", "upbeat music"],
        "make a calm video for beach.jpg and an upbeat one for sunset.jpg":
            ["make a calm video", "an upbeat one"],
        "for the first video use calm music and for the second video upbeat music":
            ["use calm music", "upbeat music"],
        "mets une musique calme pour la première vidéo et une musique entraînante pour la "
        "deuxième vidéo": ["mets une musique calme", "une musique entraînante"],
        "pour la première vidéo, une musique calme ; pour la deuxième vidéo, une musique "
        "entraînante": ["une musique calme", "une musique entraînante"],
        "ruhige Musik für das erste Video und fröhliche Musik für das zweite Video":
            ["ruhige Musik", "fröhliche Musik"],
        "música tranquila para el primer vídeo y música alegre para el segundo vídeo":
            ["música tranquila", "música alegre"],
        "给第一个视频加舒缓的音乐，给第二个视频加欢快的音乐": ["加舒缓的音乐", "加欢快的音乐"],
    }
    for text, wanted in cases.items():
        parts = batch.split_parts(text, names)
        assert [(p.text, p.files) for p in parts] == list(zip(wanted, [(0,), (1,)],
                                                              strict=True)), text


def test_text_for_every_video_reaches_every_part() -> None:
    names = ["beach.jpg", "sunset.jpg"]
    for text in ("make a calm video for beach.jpg and an upbeat one for sunset.jpg; also add "
                 "a title to both",
                 "for beach.jpg add the caption 'Hi' and for sunset.jpg make it 9:16; also add "
                 "a title to both"):
        parts = batch.split_parts(text, names)
        assert len(parts) == 2, text
        assert all(p.text.endswith("also add a title to both") for p in parts), parts
        assert "title" not in parts[0].text.split(";")[0]


def test_an_ordinal_with_no_file_is_a_missing_part() -> None:
    parts = batch.split_parts("first: calm music; second: upbeat music; third: a title",
                              ["beach.jpg", "sunset.jpg"])
    assert [(p.files, p.missing) for p in parts] == [((0,), None), ((1,), None), ((), 3)]


def test_one_file_and_a_separate_video_only_when_asked() -> None:
    for text in ("now a separate video from this one", "make a separate video from this",
                 "用这个单独做一个视频", "用這個單獨做一個影片", "mach ein extra Video daraus",
                 "fais une autre vidéo avec ce clip", "faz outro vídeo com isto",
                 "この写真で別の動画を作って", "make a separate video from this without music"):
        assert batch.wants_batch(text, 1), text
    # A negation after the phrase is about something else; before it, about the video.
    assert batch.wants_batch("make a separate video from each of these with no music")
    assert not batch.wants_batch("don't make separate videos, one video from these")
    for text in ("füg das Bild ein, kein extra Video", "put this clip on a separate video track",
                 "I will make a separate video later", "je ferai une autre vidéo demain",
                 "depois faço outro vídeo", "不用单独做一个视频", "별도 영상으로 만들지 마",
                 "add this as a separate video "
                 "later", "don't make a separate video from this"):
        assert not batch.wants_batch(text, 1), text


async def test_music_for_the_first_and_second_video(harness: Harness, renderer: FakeRenderer,
                                                    tmp_path: Path) -> None:
    red, green, _ = _images(tmp_path)
    async with harness.open() as convo:
        replies = await say(convo, "use calm music for the first video and upbeat music for "
                            "the second video", [red, green])
    assert [_media_names(d) for d in renderer.calls] == [["red.png"], ["green.png"]]
    summary = replies[-1].text.splitlines()
    assert summary[0].startswith("✅ Made 2 videos"), summary[0]
    assert summary[1].startswith("1. red.png: ")
    assert "Music: Upbeat" not in summary[1]
    assert "Music:" in summary[1]
    assert summary[2].startswith("2. green.png: ")
    assert "Music: Upbeat" in summary[2]


async def test_a_third_part_with_two_files_makes_no_video(
        harness: Harness, renderer: FakeRenderer, tmp_path: Path) -> None:
    red, green, _ = _images(tmp_path)
    async with harness.open() as convo:
        replies = await say(convo, "first: add the title 'A'; second: add the title 'B'; "
                            "third: add the title 'C'", [red, green])
        stored = convo.client.store.load()
    assert [_media_names(d) for d in renderer.calls] == [["red.png"], ["green.png"]]
    assert [item.name for item in stored.batch] == ["red.png", "green.png"]
    assert "Video 3" not in texts(replies, "status")
    summary = replies[-1].text.splitlines()
    assert summary[0].startswith("⚠️ Made 2 of 3 videos"), summary[0]
    assert summary[3] == "3. not made: there is no file number 3 (you attached 2)"


async def test_a_clause_for_both_reaches_both_and_other_loose_text_is_reported(
        harness: Harness, renderer: FakeRenderer, tmp_path: Path) -> None:
    red, green, _ = _images(tmp_path)
    async with harness.open() as convo:
        replies = await say(convo, "first: add the caption 'Hi'; second: make it 9:16; also "
                            "add the title 'Trip' to both", [red, green])
        assert [_media_names(d) for d in renderer.calls] == [["red.png"], ["green.png"]]
        assert "Trip" in _words(renderer.calls[0])
        assert "Hi" in _words(renderer.calls[0])
        assert "Trip" in _words(renderer.calls[1])
        assert "Hi" not in _words(renderer.calls[1])
        assert renderer.calls[1]["ratio"] == "9:16"
        assert "Not used" not in replies[-1].text

        replies = await say(convo, "add calm music. first: add the title 'A'; second: add the "
                            "title 'B'", [red, green])
    summary = replies[-1].text.splitlines()
    assert summary[-1].startswith("Not used: “add calm music”"), summary
    assert [_words(d) for d in renderer.calls[2:]] == [["A"], ["B"]]


async def test_the_batch_words_are_not_sent_as_a_subject(
        harness: Harness, renderer: FakeRenderer, tmp_path: Path) -> None:
    # "de chacun" was read as the subject of a new 10-second video instead of the photo.
    red, green, _ = _images(tmp_path)
    async with harness.open() as convo:
        await say(convo, "fais une vidéo séparée de chacun", [red, green])
        await say(convo, "fais une vidéo séparée de chacun avec le titre « Été »", [red, green])
    assert [_media_names(d) for d in renderer.calls] == [["red.png"], ["green.png"]] * 2
    assert [_words(d) for d in renderer.calls] == [[], [], ["Été"], ["Été"]]


def test_what_a_batch_asks_of_each_video() -> None:
    assert batch.each_instruction("make a separate video from each of these") == ""
    assert batch.each_instruction("make a separate video from each of these, add calm "
                                  "music") == "add calm music"
    assert batch.each_instruction("把这些素材分别做成视频，加上舒缓的音乐") == "加上舒缓的音乐"
    assert batch.each_instruction("now a separate video from this one, with the title "
                                  "'Song'") == "with the title 'Song'"
    for text in ("haz un vídeo de cada uno por separado", "mach aus jeder Datei einzeln ein Video",
                 "これらをそれぞれ動画にして", "각각 영상으로 만들어 줘", "用这个单独做一个视频"):
        assert batch.each_instruction(text) == "", text


async def test_a_folder_that_cannot_take_the_video_is_explained_in_german(
        harness: Harness, renderer: FakeRenderer, tmp_path: Path) -> None:
    red, green, _ = _images(tmp_path)
    harness.export_dir.write_text("not a folder")
    async with harness.open() as convo:
        replies = await say(convo, "mach aus jeder Datei einzeln ein Video", [red, green])
    errors = [r for r in replies if r.kind == "error"]
    assert len(errors) == 1
    assert errors[0].text == (f"{harness.export_dir} ist eine Datei, kein Ordner. Wähle einen "
                              "anderen Ordner.")
