"""What a first-time user's prompts show and the reply says is missing (trial 6, item 7/8):
every thing the prompt names that no drawing shows is listed, in the user's language; what
can be drawn is (a crowd, gulls, a sunset sky, a city street); a capitalised place name is
not the common noun it looks like; a lively subject makes an upbeat video."""

from __future__ import annotations

from typing import Any

import pytest

from backend.local.agent import Plan, Result, Say, plan_turn
from backend.local.scenes import describe_scene
from backend.local.store import empty_state

RAMEN = "夜のラーメン屋の動画を作って。雨が降っていて、カウンターに湯気が立つラーメンがある感じで"
BAKERY = ("Fais-moi une vidéo d'une boulangerie à Lyon au lever du jour, avec l'odeur du pain "
          "chaud et les premiers clients")
BIRTHDAY = ("can you make a video for my son's 7th birthday party? balloons, cake, kids running "
            "around in the backyard")
NIGHT_MARKET = "幫我做一支台北夜市的影片，要有很多人在逛、攤販的燈光，熱鬧一點的感覺"
BEACH = "부산 해운대 해변 영상 만들어줘. 해질녘에 파도 치고 갈매기 날아다니는 느낌으로"
SAMBA = ("faz um vídeo de um ensaio de escola de samba no Rio, à noite, com muita gente "
         "dançando e batucada")
RIO_SCRIPT = ("quero um vídeo narrado com esse roteiro:\nO sol nasce sobre a Baía de Guanabara. "
              "Um barco de pescador sai devagar do cais. Mais um dia começa no Rio.")


def _generate(message: str) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]]:
    """The reply lines, the scene descriptions and the draft of a first message."""
    state: dict[str, Any] = empty_state()
    plan: Plan = plan_turn(message, state, {})
    for step in plan.steps:
        if isinstance(step, Result) and step.state is not None:
            state = step.state
    texts = [s.text for s in plan.steps if isinstance(s, Say)]
    scenes = [sg["m"]["scene"] for tr in state["draft"]["t"] for sg in tr["sg"]
              if sg["m"].get("kind") == "scene"]
    return texts, scenes, state["draft"]


@pytest.mark.parametrize(("message", "line_start", "missing"), [
    (BAKERY, "Absent de l'image", ["pain"]),
    (BIRTHDAY, "Not in the picture", ["cake"]),
    # The crowd is drawn; its batucada (the drummers) is not.
    (SAMBA, "Não aparece na imagem", ["ritmistas da bateria"]),
])
def test_the_reply_names_everything_asked_for_that_is_not_drawn(
        message: str, line_start: str, missing: list[str]) -> None:
    texts, _, _ = _generate(message)
    line = next((t for t in texts if t.startswith(line_start)), "")
    assert line, texts
    for thing in missing:
        assert thing in line, (thing, line)


def test_a_ramen_shop_and_its_counter_are_drawn() -> None:
    # "ラーメン屋" is the shop; the bowl is named only by the later "ラーメン".
    assert describe_scene("ラーメン屋").unseen == ()
    assert "shops" in describe_scene("ラーメン屋").subjects
    assert describe_scene("a ramen shop at night").unseen == ()
    # A counter with nothing on it is not drawn; with a bowl on it, it is.
    # (The bar is not drawn either: said in its own words.)
    assert describe_scene("a counter in a bar").unseen == ("counter", "~bar")
    assert describe_scene("ramen on the counter").unseen == ()


@pytest.mark.parametrize(("message", "subjects", "terrain", "time"), [
    # 很多人在逛: a crowd; 夜市: stalls in a city street at night.
    (NIGHT_MARKET, {"crowd", "stalls"}, "city", "night"),
    # 해질녘 (at sunset), 갈매기 (gulls), said after ". " in the same prompt.
    (BEACH, {"birds"}, "coast", "sunset"),
    # au lever du jour (at daybreak), les premiers clients (people), a bakery's street.
    (BAKERY, {"crowd", "shops"}, "city", "dawn"),
    (BIRTHDAY, {"crowd", "balloons"}, "fields", "day"),
    # The ramen shop stands in a rainy street at night, not on green hills.
    # … and a steaming bowl on the counter in front of the viewer.
    (RAMEN, {"shops", "bowl"}, "city", "night"),
])
def test_what_can_be_drawn_is_drawn_in_every_shot(message: str, subjects: set[str],
                                                   terrain: str, time: str) -> None:
    _, scenes, _ = _generate(message)
    assert len(scenes) >= 2
    for scene in scenes:
        assert subjects <= set(scene["subjects"]), scene
        assert terrain in scene["terrain"], scene
        assert scene["time"] == time, scene


def test_kids_are_a_crowd_not_a_lone_hiker() -> None:
    spec = describe_scene("kids running around in the backyard")
    assert "crowd" in spec.subjects
    assert "person" not in spec.subjects


@pytest.mark.parametrize(("sentence", "time"), [
    ("해질녘 해운대 해변", "sunset"),
    ("une boulangerie au lever du jour", "dawn"),
    ("O sol nasce sobre a Baía de Guanabara", "dawn"),
    ("the sun rises over the bay", "dawn"),
    ("el sol se pone sobre el mar", "sunset"),
    ("die Sonne geht auf über dem See", "dawn"),
    ("日が沈む海", "sunset"),
    ("太陽升起的海邊", "dawn"),
])
def test_everyday_words_for_the_time_of_day_set_the_sky(sentence: str, time: str) -> None:
    assert describe_scene(sentence).time == time


@pytest.mark.parametrize("sentence", [
    "ensaio de escola de samba no Rio, à noite",
    "Mais um dia começa no Rio.",
    "um passeio pelo Rio de Janeiro",
    "a samba school in Rio",
])
def test_rio_the_city_is_not_a_river(sentence: str) -> None:
    spec = describe_scene(sentence)
    assert spec.water != "river", spec
    assert "city" in spec.terrain, spec


@pytest.mark.parametrize("sentence", ["um barco no rio", "o Rio Amazonas ao amanhecer",
                                      "un barco en el río"])
def test_a_river_is_still_a_river(sentence: str) -> None:
    assert describe_scene(sentence).water == "river"


def test_a_script_sentence_about_rio_is_not_a_river() -> None:
    _, scenes, _ = _generate(RIO_SCRIPT)
    assert scenes[-1]["water"] != "river"
    assert "city" in scenes[-1]["terrain"]


@pytest.mark.parametrize(("message", "said"), [
    (BIRTHDAY, "upbeat"),
    (SAMBA, "alegre"),  # pt names the upbeat style "alegre" ("animado" read as cartoons)
    (NIGHT_MARKET, "活力"),
    ("誕生日パーティーの動画を作って、賑やかな感じで", "元気"),
])
def test_a_lively_subject_makes_an_upbeat_video_and_says_so(message: str, said: str) -> None:
    texts, scenes, draft = _generate(message)
    assert said in texts[0], texts[0]
    assert all(scene["style"] == "upbeat" for scene in scenes)
    bgm = next(tr for tr in draft["t"] if tr["id"] == "trk_bgm")
    assert bgm["sg"][0]["m"]["mood"] == "upbeat"


def test_a_quiet_subject_stays_calm() -> None:
    _texts, scenes, _ = _generate("make a video of a foggy lake at dawn")
    assert all(scene["style"] == "calm" for scene in scenes)


def test_a_script_s_petals_fall_in_their_own_sentence() -> None:
    script = "朝の京都、鴨川に静かな光が差し込む。桜の花びらが風に舞う。遠くでお寺の鐘が鳴る。"
    _, scenes, _ = _generate("この台本で動画を作ってください：\n" + script)
    assert [("petals" in s["particles"]) for s in scenes] == [False, True, False]


def test_titles_from_prompts_are_names() -> None:
    # Not a question and its details: the name before the "?" (whose son it is stays).
    texts, _, draft = _generate(BIRTHDAY)
    shown = next(tr for tr in draft["t"] if tr["id"] == "trk_title")["sg"][0]["m"]["text"]
    assert shown == "My Son's 7th Birthday Party"
    assert "“My Son's 7th Birthday Party”" in " ".join(texts)


@pytest.mark.parametrize(("message", "first"), [
    (RIO_SCRIPT, "O sol nasce sobre a Baía de Guanabara."),
    ("この台本で動画を作ってください：\n朝の京都、鴨川に静かな光が差し込む。桜の花びらが風に舞う。",
     "朝の京都、鴨川に静かな光が差し込む。"),
])
def test_a_script_opens_on_its_first_caption_not_a_title_saying_it(message: str,
                                                                  first: str) -> None:
    # Its title was its first sentence (or clause), on screen with that sentence's caption.
    _, _, draft = _generate(message)
    assert not any(tr["id"] == "trk_title" for tr in draft["t"])
    captions = next(tr for tr in draft["t"] if tr["id"] == "trk_captions")["sg"]
    assert captions[0]["m"]["text"].rstrip("。.") == first.rstrip("。.")


def test_the_subject_quoted_back_is_never_cut_mid_word() -> None:
    texts, _, _ = _generate(BIRTHDAY)
    quoted = texts[0].split("“")[1].split("”")[0]
    assert quoted.endswith("…")
    assert BIRTHDAY.split(" ").count(quoted[:-1].split(" ")[-1]) >= 1, quoted


def test_drawn_balloons_are_not_listed_as_missing() -> None:
    texts, _, _ = _generate(BIRTHDAY)
    line = next(t for t in texts if t.startswith("Not in the picture"))
    assert "balloons" not in line


@pytest.mark.parametrize(("sentence", "not_water", "not_terrain"), [
    # Cities and provinces whose names hold a concept word: 上海 (sea), 香港 (harbour),
    # 湖南 (lake), 河南 (river), 울산 (mountain), Nürnberg (Berg).
    ("上海的夜景", "sea", "coast"),
    ("香港的夜景", "sea", "hills"),
    ("湖南长沙的街头", "lake", ""),
    ("河南鄭州的夜晚", "river", ""),
    ("울산 거리", "", "mountains"),
    ("Nürnberg bei Nacht", "", "mountains"),
])
def test_place_names_are_not_the_words_inside_them(sentence: str, not_water: str,
                                                   not_terrain: str) -> None:
    spec = describe_scene(sentence)
    assert spec.water != not_water, spec
    assert not_terrain not in spec.terrain, spec


@pytest.mark.parametrize(("sentence", "water", "terrain"), [
    ("上海的黄浦江", "river", "city"),
    ("海边的日落", "sea", "coast"),
    ("ein Berg im Nebel", "none", "mountains"),
])
def test_the_common_nouns_still_work(sentence: str, water: str, terrain: str) -> None:
    spec = describe_scene(sentence)
    assert spec.water == water, spec
    assert terrain in spec.terrain, spec


@pytest.mark.parametrize("message", ["make a video of autumn leaves dancing in the wind",
                                     "桜の花びらが踊るように舞う動画を作って"])
def test_things_that_dance_are_not_a_party(message: str) -> None:
    _, scenes, _ = _generate(message)
    assert all(scene["style"] == "calm" for scene in scenes)


def test_a_city_named_in_one_sentence_stays_in_it_and_sand_by_the_sea_is_a_beach() -> None:
    script = ("quero um vídeo com esse roteiro:\nO sol nasce sobre a Baía de Guanabara. "
              "As nuvens vão embora e o céu fica azul. Um casal caminha pela areia. "
              "Mais um dia começa no Rio.")
    _, scenes, _ = _generate(script)
    assert [("city" in s["terrain"]) for s in scenes] == [False, False, False, True]
    assert scenes[1]["time"] == "day"  # the sky turns blue
    assert scenes[2]["terrain"] == ["coast"]
