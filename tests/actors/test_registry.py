"""The actor registry: the shipped YAML, dated roles, composites, loading time."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from sitrep.actors import ActorRegistry
from sitrep.actors.registry import _default_registry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.default()


def test_default_registry_loads_fast() -> None:
    _default_registry.cache_clear()
    started = time.process_time()  # CPU time: other jobs on a shared machine do not count
    ActorRegistry.default()
    assert time.process_time() - started < 0.5


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("ISIS", "isis"),
        ("ISIL", "isis"),
        ("Daesh", "isis"),
        ("Islamic State of Iraq and the Levant", "isis"),
        ("the Islamic State", "isis"),
        ("Jaysh al-Islam", "army-of-islam"),
        ("Islamic Army", "army-of-islam"),
        ("FSA", "free-syrian-army"),
        ("Hizballah", "hezbollah"),
        ("Nusra Front", "hayat-tahrir-al-sham"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Faylaq al-Rahman", "faylaq-al-rahman"),
        ("Syrian Arab Army", "syria-military"),
        ("Assad regime", "syria-government"),
        ("OCHA", "ocha"),
        ("White Helmets", "white-helmets"),
        ("YPG", "ypg"),
        ("Turkey", "turkey"),
        ("Iraqi", "iraq"),
    ],
)
def test_lookup_by_alias(registry: ActorRegistry, name: str, actor_id: str) -> None:
    actor = registry.lookup(name)
    assert actor is not None and actor.id == actor_id


def test_lookup_respects_acronym_case(registry: ActorRegistry) -> None:
    assert registry.lookup("us") is None
    assert registry.lookup("US") is not None


def test_dated_roles(registry: ActorRegistry) -> None:
    hts_2016 = registry.get("hayat-tahrir-al-sham", date(2016, 5, 1))
    hts_2025 = registry.get("hayat-tahrir-al-sham", date(2025, 3, 1))
    assert hts_2016 is not None and hts_2016.kind == "REB" and hts_2016.code == "SYRREB"
    assert hts_2025 is not None and hts_2025.kind == "GOV" and hts_2025.code == "SYRGOV"
    taliban = [registry.get("taliban", date(year, 1, 1)) for year in (1999, 2010, 2023)]
    assert [actor.kind for actor in taliban if actor] == ["GOV", "REB", "GOV"]


def test_every_kind_is_a_plover_sector(registry: ActorRegistry) -> None:
    from sitrep.actors.sectors import KINDS

    for entry in registry:
        assert entry.default.kind is None or entry.default.kind in KINDS, entry.id
        assert all(role.kind in KINDS for role in entry.roles if role.kind), entry.id


def test_compose_country_and_sector(registry: ActorRegistry) -> None:
    assert registry.compose("syria", "GOV").id == "syria-government"  # the YAML entry, with its aliases
    turkish = registry.compose("turkey", "MIL")
    assert (turkish.id, turkish.name, turkish.default.code) == (
        "turkey-military",
        "Turkish military",
        "TURMIL",
    )
    rebels = registry.compose("iraq", "REB")
    assert (rebels.id, rebels.name, rebels.default.kind) == ("iraq-rebels", "Iraqi rebels", "REB")
    assert registry.compose(None, "CVL").id == "civilians"
    assert "iraq-rebels" not in registry  # composites are not kept: articles do not leak into each other


def test_agents_map_to_sectors(registry: ActorRegistry) -> None:
    expected = {
        "rebels": "REB",
        "soldiers": "MIL",
        "troops": "MIL",
        "police": "COP",
        "judge": "JUD",
        "court": "JUD",
        "activists": "CVL",
        "civilians": "CVL",
        "doctors": "MED",
        "regime": "GOV",
        "ministry": "GOV",
        "militants": "REB",
        "protesters": "CVL",
        "judicial body": "JUD",
    }
    for phrase, sector in expected.items():
        agent = registry.agent(phrase)
        assert agent is not None and agent.sector == sector, phrase
    assert registry.agent("organization").anaphor == "organization"  # type: ignore[union-attr]
    assert registry.agent("militants").anaphor == "armed"  # type: ignore[union-attr]


def test_from_yaml_extends_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "actors:\n"
        "  - id: blue-brigade\n    name: Blue Brigade\n    aliases: [Liwa al-Azraq]\n    kind: REB\n"
        "    country: SYR\n    code: SYRREB\n"
        "    roles:\n      - {since: 2020-01-01, kind: PRM, code: SYRPRM}\n"
        "sectors:\n  CVL: [shepherd boy]\n",
        encoding="utf-8",
    )
    registry = ActorRegistry.from_yaml(path)
    actor = registry.lookup("Liwa al-Azraq", on=date(2019, 1, 1))
    assert actor is not None and actor.kind == "REB"
    assert registry.get("blue-brigade", date(2021, 1, 1)).kind == "PRM"  # type: ignore[union-attr]
    assert registry.agent("shepherd boys").sector == "CVL"  # type: ignore[union-attr]
    merged = ActorRegistry.default().merge(registry)
    assert merged.lookup("Blue Brigade") is not None and merged.lookup("ISIS") is not None
    path.write_text("actors:\n  - {id: x, name: X, kind: ARMY}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        ActorRegistry.from_yaml(path)
