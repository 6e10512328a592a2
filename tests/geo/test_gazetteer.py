import os
import time
from pathlib import Path

import pytest

from sitrep.geo import Gazetteer, build
from sitrep.geo.build import SKELETON
from sitrep.geo.gazetteer import remove_stale_builds
from sitrep.geo.resolve import distance_km

SYRIA_CAPITAL_REGION = {"Dimashq", "Rīf Dimashq"}


def test_seed_places_resolve_inside_damascus_governorates(gazetteer: Gazetteer) -> None:
    for name in ("Duma", "Douma", "Dūmā", "Damascus", "Eastern Ghouta", "Zamalka", "Jobar"):
        best = gazetteer.lookup(name)[0]
        assert best.country == "SY", name
        assert best.admin1 in SYRIA_CAPITAL_REGION, (name, best.admin1)


def test_spelling_variants_find_the_same_town(gazetteer: Gazetteer) -> None:
    ids = {gazetteer.lookup(name)[0].id for name in ("Irbin", "Arbeen", "‘Irbīn")}
    assert len(ids) == 1
    assert gazetteer.lookup("al-Yarmouk")[0].id == gazetteer.lookup("Yarmouk")[0].id


def test_countries_admin_areas_and_demonyms(gazetteer: Gazetteer) -> None:
    syria = gazetteer.lookup("Syria")[0]
    assert (syria.feature, syria.country) == ("country", "SY")
    assert gazetteer.lookup("Syrians")[0].id == syria.id
    assert gazetteer.lookup("Rif Dimashq")[0].feature == "admin1"
    assert gazetteer.lookup("Rapides Parish")[0].admin1 == "Louisiana"
    assert gazetteer.lookup("U.S.")[0].country == "US"


def test_un_world_regions_with_their_short_names_and_demonyms(gazetteer: Gazetteer) -> None:
    west_africa = gazetteer.lookup("West Africa")[0]
    assert (west_africa.name, west_africa.feature) == ("Western Africa", "region")
    assert 0 < west_africa.lat < 20 and -20 < west_africa.lon < 10  # among its countries
    assert gazetteer.lookup("East Asian")[0].name == "Eastern Asia"
    assert gazetteer.lookup("Eastern Europe")[0].lon < 60  # not dragged to Siberia by Russia's area
    # A short name that is another place's name stays that place's.
    assert gazetteer.lookup("South Africa")[0].feature == "country"
    assert gazetteer.lookup("Southern Africa")[0].feature == "region"


def test_large_provinces_sit_near_their_middle_not_their_chief_city(gazetteer: Gazetteer) -> None:
    # Towns crowd a province's south (Ontario's), a reference point can sit on its chief city (New York's).
    for name, middle, chief_city in (
        ("Ontario", (50.0, -85.0), (43.65, -79.38)),
        ("New York", (43.0, -75.5), (40.71, -74.01)),
    ):
        province = next(p for p in gazetteer.lookup(name) if p.feature == "admin1")
        assert distance_km(province.lat, province.lon, *middle) < 161, name
        assert distance_km(province.lat, province.lon, *chief_city) > 100, name


def test_a_town_outranks_the_division_named_after_it(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Aleppo")[0].feature == "city"


def test_loose_transliteration_matches_come_only_without_a_closer_one(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Xq") == []
    assert all(c.place.name != "Kosovo" for c in gazetteer.candidates("Kosovo Polje"))
    assert gazetteer.candidates("Qwxzzyv")[0].kind == SKELETON  # only loose matches for a non-name


def test_a_compass_qualifier_names_part_of_a_division_or_a_large_town(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("South Venezuela")[0].name == "Venezuela"
    assert gazetteer.lookup("Western US")[0].country == "US"
    assert {p.feature for p in gazetteer.lookup("West Surrey")} >= {"admin2"}
    assert gazetteer.lookup("North-east Syria")[0].feature == "country"
    assert gazetteer.lookup("West London")[0].name == "London"
    # Names that are places of their own keep their own entry; a lone qualifier names nothing.
    assert gazetteer.lookup("South Africa")[0].country == "ZA"
    assert gazetteer.lookup("Western Australia")[0].feature == "admin1"
    assert gazetteer.lookup("West") == []


def test_an_existing_gazetteer_opens_fast(gazetteer: Gazetteer) -> None:
    started = time.perf_counter()
    reopened = Gazetteer.open(gazetteer.path)
    reopened.lookup("Damascus")
    assert time.perf_counter() - started < 1.0
    reopened.close()


def test_a_new_build_removes_older_builds_and_abandoned_temporaries(tmp_path: Path) -> None:
    def file(name: str, age_seconds: float) -> Path:
        path = tmp_path / name
        path.write_bytes(b"")
        stamp = time.time() - age_seconds
        os.utime(path, (stamp, stamp))
        return path

    older = file("gazetteer-1-old.sqlite", 7200)
    abandoned = file("gazetteer-1-new.sqliteab12.tmp", 7200)
    in_progress = file("gazetteer-1-new.sqlitecd34.tmp", 60)
    unrelated = file("web.db", 7200)
    current = file("gazetteer-1-new.sqlite", 0)
    remove_stale_builds(current)
    assert not older.exists() and not abandoned.exists()
    assert current.exists() and in_progress.exists() and unrelated.exists()


def test_landmarks_sit_at_their_town_without_a_population(gazetteer: Gazetteer) -> None:
    kremlin = gazetteer.lookup("the Kremlin")[0]
    moscow = gazetteer.lookup("Moscow")[0]
    assert kremlin.feature == "landmark" and kremlin.population == 0
    assert (kremlin.lat, kremlin.lon, kremlin.country) == (moscow.lat, moscow.lon, "RU")


def test_english_counties_and_islands_the_packages_lack(gazetteer: Gazetteer) -> None:
    # Yorkshire and Berkshire are no longer divisions; without them the bare names are small US towns.
    yorkshire, berkshire = gazetteer.lookup("Yorkshire")[0], gazetteer.lookup("Berkshire")[0]
    assert (yorkshire.country, yorkshire.feature) == (berkshire.country, berkshire.feature) == ("GB", "area")
    assert gazetteer.lookup("Trinidad")[0].country == "TT"


def test_rivers_sit_at_their_mouth_and_need_the_word_river_where_the_name_means_more(
    gazetteer: Gazetteer,
) -> None:
    euphrates = gazetteer.lookup("Euphrates")[0]
    assert euphrates.feature == "river" and euphrates.country == "IQ"
    assert gazetteer.lookup("River Thames")[0] == gazetteer.lookup("Thames")[0]
    # "Jordan" alone is the country; only "Jordan River" is the river.
    assert gazetteer.lookup("Jordan")[0].feature == "country"
    assert all(place.feature != "river" for place in gazetteer.lookup("Jordan"))
    assert gazetteer.lookup("Jordan River")[0].feature == "river"
    assert gazetteer.lookup("Illinois")[0].feature == "admin1"
    assert gazetteer.lookup("Illinois River")[0].feature == "river"


def test_lakes_are_found_with_the_word_lake_and_bare_only_where_the_name_means_nothing_else(
    gazetteer: Gazetteer,
) -> None:
    baikal = gazetteer.lookup("Baikal")[0]
    assert (baikal.feature, baikal.country) == ("lake", "RU")
    assert gazetteer.lookup("Lake Baikal")[0] == gazetteer.lookup("Baikal Lake")[0] == baikal
    assert gazetteer.lookup("Lake Tiberias")[0] == gazetteer.lookup("Sea of Galilee")[0]
    assert gazetteer.lookup("Kakhovka Reservoir")[0].feature == "lake"
    # "Chad" alone is the country and "Erie" the town; only "Lake Chad" and "Lake Erie" are the lakes.
    assert all(place.feature != "lake" for name in ("Chad", "Erie") for place in gazetteer.lookup(name))
    chad, erie = gazetteer.lookup("Lake Chad")[0], gazetteer.lookup("Lake Erie")[0]
    assert (chad.feature, chad.country, erie.feature) == ("lake", "TD", "lake")


def test_state_postal_codes_regions_and_a_city_demonym_from_the_reviewed_tables(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("SC")[0].name == "South Carolina"
    assert gazetteer.lookup("TX")[0].name == "Texas"
    assert gazetteer.lookup("IN") == []  # a word, not Indiana
    delta = gazetteer.lookup("Niger Delta")[0]
    assert (delta.country, delta.feature) == ("NG", "region")
    assert gazetteer.lookup("East of England")[0].country == "GB"
    assert gazetteer.lookup("Havanese")[0].country == "CU"
    assert gazetteer.lookup("Donington Park")[0].country == "GB"


def test_combining_forms_before_a_hyphen_are_demonyms_of_their_country(gazetteer: Gazetteer) -> None:
    assert [gazetteer.lookup(name)[0].country for name in ("Austro", "Sino", "Russo")] == ["AT", "CN", "RU"]


def test_a_water_row_in_a_country_without_packaged_towns_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = {
        "rivers.tsv": "name\tbare\tother_names\tlat\tlon\tcountry\tmouth\nBarada\tyes\t\t33.5\t36.3\tXX\tx\n",
        "lakes.tsv": "name\tbare\tother_names\tlat\tlon\tcountry\tnote\n",
    }
    monkeypatch.setattr(build, "data_file", tables.__getitem__)
    damascus = build.Entry("1", "Damascus", 33.5, 36.3, "city", country="SY", admin1_key="SY.13")
    with pytest.raises(ValueError, match=r"rivers.tsv: 'Barada' names a country with no packaged town: 'XX'"):
        build.water_entries([damascus])
