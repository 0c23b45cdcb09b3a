"""What the tenth trial's sentences show (the scene description the draft keeps and the reply
reads): palm trees are drawn, umbrellas are held, a town square is a few buildings, a simile
("like snow") is no weather, and adverbs ("Allí", "still half asleep") are no missing things."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.local.scenes import describe_scene, unseen_labels
from tests.backend.local.test_render_scene import render, scene_seg
from tests.media import frames_at


@pytest.mark.parametrize(("sentence", "subjects", "weather", "unseen"), [
    ("hazme un video de una playa al amanecer con palmeras", {"palms"}, "clear", []),
    ("a beach with palm trees", {"palms"}, "clear", []),
    ("海边的椰子树", {"palms"}, "clear", []),
    ("街上的行人撑着五颜六色的伞匆匆走过", {"crowd", "umbrellas"}, "clear", []),
    ("Menschen mit Regenschirmen im Regen", {"crowd", "umbrellas"}, "rain", []),
    ("A dog ran across the empty square.", {"dog", "buildings"}, "clear", []),
    ("Flour hangs in the air like snow.", set(), "clear", ["Flour"]),
    ("Las flores caen como la nieve.", set(), "clear", []),
    ("花瓣像雪一样飘落", set(), "clear", []),
    ("I'd like snow in the forest", set(), "snow", []),
    ("Allí veíamos pasar los barcos.", {"boat"}, "clear", []),
    ("The first customers line up outside, still half asleep.", set(), "clear", []),
])
def test_what_a_trial_sentence_shows(sentence: str, subjects: set[str], weather: str,
                                     unseen: list[str]) -> None:
    spec = describe_scene(sentence)
    assert subjects <= set(spec.subjects), spec
    assert "trees" not in spec.subjects or "palms" not in spec.subjects, spec
    assert spec.weather == weather, spec
    assert unseen_labels(spec.unseen, spec.lang) == unseen, spec


def test_palm_trees_stand_on_the_beach(tmp_path: Path) -> None:
    # The trial's "playa al amanecer con palmeras" showed a bare beach: the palms are drawn, a
    # crown of green fronds high on each side of the picture, where the bare beach has sky.
    times = (2.0,)
    palms = frames_at(render(tmp_path, scene_seg(0, 3000, "a beach with palm trees at noon"),
                             name="palms"), times)[0].astype(float)
    beach = frames_at(render(tmp_path, scene_seg(0, 3000, "a beach at noon"), name="beach"),
                      times)[0].astype(float)
    w = palms.shape[1]
    for side in (slice(0, w // 4), slice(3 * w // 4, w)):
        top = palms[: palms.shape[0] // 2, side]
        green = (top[..., 1] > top[..., 0] + 15) & (top[..., 1] > top[..., 2])
        assert green.mean() > 0.03, green.mean()
        bare = beach[: beach.shape[0] // 2, side]
        assert ((bare[..., 1] > bare[..., 0] + 15) & (bare[..., 1] > bare[..., 2])).mean() < 0.005


def test_umbrellas_held_up_right_after_the_rain_are_in_it() -> None:
    # "这座城市在雨里醒来，街上的行人撑着五颜六色的伞匆匆走过": one sentence read clause by
    # clause; the people with umbrellas are in the first clause's rain, under a sunny one not.
    held = "街上的行人撑着五颜六色的伞匆匆走过"
    assert describe_scene(held, overall="", earlier=["这座城市在雨里醒来"]).weather == "rain"
    assert describe_scene(held, overall="", earlier=["阳光明媚的早晨"]).weather == "clear"
