"""A thing the lexicons list with its article or particle ("un phare", 港の) is still that
thing where the article or particle has no room: at the start of a subject extracted
without its article ("phare au bord de la mer …"), at the end of a Japanese or Korean
phrase ("夕暮れの港")."""

from __future__ import annotations

import re

import pytest

from backend.local.scenes import SCENE_LANGS, describe_scene
from backend.local.scenes.data import load_table

BARE = [
    ("fr", "phare au bord de la mer pendant un orage", "lighthouse"),
    ("fr", "Phare breton sous la pluie", "lighthouse"),
    ("fr", "train qui traverse la campagne", "train"),
    ("fr", "Personne qui marche sous la pluie", "person"),
    ("es", "metro que cruza la ciudad de noche", "train"),
    ("es", "Persona caminando por la playa", "person"),
    ("pt", "pessoa caminhando na praia", "person"),
    ("pt", "Metro a atravessar a cidade", "train"),
    ("ja", "夕暮れの港", "boat"),  # a harbour: boats by the houses of the shore
    ("ko", "바다 위의 배", "boat"),
    ("ko", "들판에 핀 꽃", "flowers"),
]


@pytest.mark.parametrize(("lang", "sentence", "subject"), BARE)
def test_a_thing_without_its_article_is_still_drawn(lang: str, sentence: str,
                                                    subject: str) -> None:
    spec = describe_scene(sentence)
    assert subject in spec.subjects, (sentence, spec)
    assert spec.lang == lang


def test_the_french_lighthouse_at_sea_in_a_storm() -> None:
    spec = describe_scene("phare au bord de la mer pendant un orage",
                          context="Fais une vidéo de 20 secondes sur un phare au bord de la "
                                  "mer pendant un orage, avec une voix off")
    assert "lighthouse" in spec.subjects
    assert spec.weather == "storm"
    assert spec.water == "sea"
    assert "phare" in spec.summary


@pytest.mark.parametrize(("lang", "sentence", "thing"), [
    ("ja", "雪原を駆ける白い馬", "horse"),
    ("es", "Helado de fresa en la playa", "ice_cream"),
])
def test_an_unseen_thing_without_its_article_is_still_said_missing(
        lang: str, sentence: str, thing: str) -> None:
    assert thing in describe_scene(sentence).unseen


@pytest.mark.parametrize(("sentence", "subject"), [
    # The idioms the articles kept out stay out.
    ("Les enfants sont en train de jouer dans le parc", "train"),
    ("Personne ne marche dans la rue", "person"),
    ("空港の夜景", "boat"),
])
def test_the_idioms_the_article_kept_out_stay_out(sentence: str, subject: str) -> None:
    assert subject not in describe_scene(sentence).subjects


def _edged(lang: str) -> list[tuple[str, str, str, str]]:
    """(table, key, bare word, sentence) for each lexicon entry written with its article
    (Latin scripts) or particle (Japanese, Korean, after a ``~``): the bare word where the
    article or the particle has no room."""
    table = load_table(f"lexicon/{lang}.yaml")
    out: list[tuple[str, str, str, str]] = []
    articles = [str(a) for a in table.get("articles") or ()]
    for section in ("words", "unseen"):
        for key, words in table[section].items():
            for word in map(str, words):
                if "…" in word or "*" in word:
                    continue
                lead = next((a for a in articles if re.match(
                    rf"{re.escape(a)}(?:\s+|(?<=')(?=\w))", word, re.I)), None)
                if lead is not None:
                    bare = word[len(lead):].strip()
                    out.append((section, key, bare, f"{bare[0].upper()}{bare[1:]}."))
                if "~" in word:  # a Japanese or Korean particle
                    bare = word.split("~")[0]
                    out.append((section, key, bare, f"静かな{bare}" if lang == "ja"
                                else f"조용한 {bare}"))
    return out


@pytest.mark.parametrize("lang", SCENE_LANGS)
def test_every_entry_with_an_article_or_particle_also_matches_bare(lang: str) -> None:
    concepts = load_table("concepts.yaml")
    found = _edged(lang)
    if lang in ("fr", "es", "pt", "de", "ja", "ko"):
        assert found, f"{lang}: its lexicon lists words with their articles or particles"
    for section, key, bare, sentence in found:
        spec = describe_scene(sentence, lang=lang)
        if section == "unseen":
            assert key in spec.unseen, (lang, key, bare, spec)
            continue
        for name, value in concepts[key].items():
            got = getattr(spec, name)
            if isinstance(value, list):
                assert set(value) <= set(got), (lang, key, bare, spec)
            else:
                assert got == value, (lang, key, bare, name, spec)
