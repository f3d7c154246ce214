"""The actor knowledge base: files load, names resolve, offices have holders, users can extend it."""

from __future__ import annotations

import json

import pytest

from cronaca.resources import actors as actors_mod
from cronaca.resources.actors import ActorDataError, load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb("it")


def ids(kb, surface):
    return {e.actor_id for e in kb.lookup(surface)}


def test_countries_have_italian_names_and_english_canonicals(kb):
    assert ids(kb, "Stati Uniti") == {"gpe:us"}
    assert kb.get("gpe:us").name == "United States"
    assert ids(kb, "Federazione Russa") == {"gpe:ru"}
    assert kb.get("gpe:ru").name == "Russia"
    assert "gpe:by" in ids(kb, "Bielorussia")
    assert "gpe:gb" in ids(kb, "Gran Bretagna")
    # every ISO country is there
    assert sum(1 for a in kb.actors.values() if a.id.count(":") == 1 and len(a.id) == 6
               and a.external_ids.get("iso3166")) > 190


def test_a_given_name_is_no_country(kb):
    """The locale's Italian name of Mauritius is "Maurizio", a common given name: the data name
    the country as Italian news does, so "Maurizio Landini" is a person, not the islands."""
    assert ids(kb, "Maurizio") == set()
    assert ids(kb, "Mauritius") == {"gpe:mu"}
    assert ids(kb, "isole Mauritius") == {"gpe:mu"}


def test_organisations_and_bodies(kb):
    assert ids(kb, "Alleanza Atlantica") == {"org:nato"}
    assert ids(kb, "Consiglio Russia-NATO") == ids(kb, "Consiglio NATO-Russia") == {"org:nato-russia-council"}
    assert kb.get("org:kremlin").parent == "gpe:ru"
    assert ids(kb, "Dipartimento di Stato") == {"org:us-state-department"}


def test_person_variants_include_transliterations(kb):
    for form in ("Sergey Lavrov", "Sergej Lavrov", "Serghei Lavrov", "Sergei Lavrov", "Lavrov"):
        assert ids(kb, form) == {"per:sergey-lavrov"}, form
    for form in ("Zelensky", "Zelenskij", "Zelenskyy", "Volodimir Zelensky"):
        assert ids(kb, form) == {"per:volodymyr-zelensky"}, form
    assert ids(kb, "Anthony Blinken") == {"per:antony-blinken"}


def test_office_holder_depends_on_the_date(kb):
    assert kb.holder("foreign_minister", "gpe:ru", "2022-01-21").name == "Sergey Lavrov"
    assert kb.holder("foreign_minister", "gpe:us", "2022-01-21").name == "Antony Blinken"
    assert kb.holder("foreign_minister", "gpe:us", "2019-06-01").name == "Mike Pompeo"
    assert kb.holder("head_of_state", "gpe:ru", "2010-03-01").name == "Dmitry Medvedev"
    assert kb.holder("secretary_general", "org:nato", "2021-06-14").name == "Jens Stoltenberg"


def test_capitals_stand_for_their_government(kb):
    assert kb.acts_as["gpe:moscow"] == "gpe:ru"
    assert kb.acts_as["gpe:kyiv"] == "gpe:ua"
    assert kb.acts_as["gpe:paris"] == "gpe:fr"  # every capital, not a list of famous ones
    assert kb.acts_as["gpe:riyadh"] == "gpe:sa"
    assert kb.acts_as["gpe:brussels"] == "org:eu"  # Bruxelles acting is the EU; "a Bruxelles" the city


def test_demonyms(kb):
    assert kb.demonyms["russo"] == "gpe:ru"
    assert kb.demonyms["statunitense"] == "gpe:us"


def test_user_directory_extends_the_kb(tmp_path, monkeypatch):
    (tmp_path / "mine.jsonl").write_text(json.dumps(
        {"id": "org:acme-institute", "name": "Acme Institute", "kind": "ORG",
         "names": {"it": ["Istituto Acme"]}}) + "\n", encoding="utf-8")
    (tmp_path / "people_extra.tsv").write_text(
        "per:mario-rossi\tMario Rossi\tgpe:it\tRossi\tportavoce@org:acme-institute 2020..\n", encoding="utf-8")
    monkeypatch.setenv(actors_mod.ENV_DIR, str(tmp_path))
    load_kb.cache_clear()
    try:
        kb = load_kb("it")
        assert ids(kb, "Istituto Acme") == {"org:acme-institute"}
        assert kb.holder("spokesperson", "org:acme-institute", "2023-05-01").name == "Mario Rossi"
        assert ids(kb, "Lavrov") == {"per:sergey-lavrov"}  # the bundled data is still there
    finally:
        load_kb.cache_clear()


def test_bad_user_file_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    monkeypatch.setenv(actors_mod.ENV_DIR, str(tmp_path))
    load_kb.cache_clear()
    try:
        with pytest.raises(ActorDataError, match="broken.jsonl:1"):
            load_kb("it")
    finally:
        load_kb.cache_clear()


def test_missing_user_directory_says_how_to_fix(tmp_path, monkeypatch):
    monkeypatch.setenv(actors_mod.ENV_DIR, str(tmp_path / "nope"))
    load_kb.cache_clear()
    try:
        with pytest.raises(ActorDataError, match="not a directory"):
            load_kb("it")
    finally:
        load_kb.cache_clear()


def test_names_vary_as_texts_write_them(kb):
    assert ids(kb, "Bashar al Assad") == ids(kb, "Bashar el-Assad") == {"per:bashar-al-assad"}
    assert "per:sahle-work-zewde" in ids(kb, "Sahle Work Zewde")  # the hyphen dropped
    assert ids(kb, "Al Jazeera") == ids(kb, "al-Jazeera") == {"org:al-jazeera"}


def test_heads_of_government_and_ministers_beyond_the_crisis(kb):
    assert kb.holder("head_of_government", "gpe:es", "2019-05-01").name == "Pedro Sánchez"
    assert kb.holder("foreign_minister", "gpe:ir", "2025-03-01").name == "Abbas Araghchi"
    assert kb.holder("head_of_state", "gpe:ar", "2024-06-01").name == "Javier Milei"
    assert kb.holder("papa", "gpe:va", "2025-06-01").name == "Leo XIV"


def test_buildings_stand_for_bodies_and_generic_names_need_their_country(kb):
    assert kb.acts_as["loc:palazzo-chigi"] == "org:palazzo-chigi"
    assert kb.acts_as["loc:white-house"] == "org:white-house"
    entry = kb.lookup("Parlamento")[0]
    assert entry.actor_id == "org:italian-parliament" and entry.needs == "gpe:it"


def test_every_actor_file_row_is_well_formed(kb):
    for actor in kb.actors.values():
        assert actor.name and actor.kind in actors_mod.KINDS
        for variant in actor.variants:
            assert "|" not in variant and "{" not in variant, (actor.id, variant)
    # surnames alone are never given names ("Henry", "Salah")
    assert not {"henry", "salah", "abdullah"} & set(kb.surnames)
