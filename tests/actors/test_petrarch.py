"""Readers for the PETRARCH/Phoenix dictionary formats, on snippets written here and on the public
dictionaries in ../shared (skipped without it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.actors import ActorRegistry
from sitrep.actors.petrarch import read_actors, read_agents

ACTORS = """\
# a comment line
<!-- an XML comment line -->
ARNOR_  [ARN]
+ARNORIAN  # a synonym with a comment
+FORNOST_

BLACK_HAND_BRIGADE_ ; old TABARI comment
+LIWA_AL-YAD_AL-SAWDA
\t[ARNREB <20100531]
\t[ARNGOV 20100601-20121231]
\t[ARNELI >20130101]

RED_LEGION
GREEN_LEGION
\t[IMGREBMUS]

UN_ [IGOUNO]
+U.N._
ZORAN_KOSTIC_\t[ARNGOV 901201-051231] [ARNELI]
---STOP---
IGNORED_AFTER_STOP [XXX]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
SOLDIER [~MIL] # comment
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
STATE_TELEVISION [~GOVMED]
<Combine rule = "LEGGOV => GOV">
"""


def test_read_actors_synonyms_comments_and_dates() -> None:
    entries = {entry.id: entry for entry in read_actors(ACTORS)}
    assert set(entries) == {"arnor", "black-hand-brigade", "red-legion", "green-legion", "un", "zoran-kostic"}
    arnor = entries["arnor"]
    assert arnor.name == "Arnor" and arnor.aliases == ["Arnorian", "Fornost"]
    assert (arnor.default.country, arnor.default.kind, arnor.type) == ("ARN", None, "state")
    brigade = entries["black-hand-brigade"]
    assert brigade.aliases == ["Liwa al-Yad al-Sawda"]
    assert brigade.role_on(date(2009, 1, 1)).code == "ARNREB"
    assert brigade.role_on(date(2011, 6, 1)).kind == "GOV"
    assert brigade.role_on(date(2015, 1, 1)).kind == "ELI"
    # primaries without a code share the codes that follow them
    assert entries["red-legion"].default.code == entries["green-legion"].default.code == "IMGREBMUS"
    assert entries["red-legion"].default.kind == "REB" and entries["red-legion"].default.country is None
    assert entries["un"].aliases == ["U.N."] and entries["un"].default.kind == "IGO"
    kostic = entries["zoran-kostic"]  # inline dated codes, six-digit dates
    assert kostic.role_on(date(1995, 1, 1)).code == "ARNGOV"
    assert kostic.role_on(date(2010, 1, 1)).code == "ARNELI"


def test_read_agents_plurals_markers_and_codes() -> None:
    agents = {agent.phrase: agent for agent in read_agents(AGENTS)}
    assert agents["soldier"].sector == "MIL" and agents["soldier"].plurals is None
    assert agents["police"].plurals == ()
    assert agents["attorney general"].plurals == ("attorneys general",)
    assert {"congressman", "congressmen", "congresswoman", "congresswomen"} <= set(agents)
    assert agents["congressmen"].sector == "LEG" and agents["congressmen"].plurals == ()
    assert agents["human rights body"].code == "NGO~" and agents["human rights body"].sector == "NGO"
    assert agents["state television"].sector == "GOV"


def test_plover_spelled_agents_keep_med_as_health() -> None:
    agents = {a.phrase: a for a in read_agents("DOCTOR [~MED]\nREPORTER [~JRN]\n")}
    assert agents["doctor"].sector == "MED" and agents["reporter"].sector == "JRN"
    cameo = {a.phrase: a for a in read_agents("REPORTER [~MED]\nDOCTOR [~HLH]\n")}
    assert cameo["reporter"].sector == "JRN" and cameo["doctor"].sector == "MED"


def test_from_petrarch_registry_matches_text(tmp_path: Path) -> None:
    (tmp_path / "a.actors").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "a.agents").write_text(AGENTS, encoding="utf-8")
    registry = ActorRegistry.from_petrarch(tmp_path / "a.actors", tmp_path / "a.agents")
    found = [
        (m.text, getattr(m.value, "actor_id", None))
        for m in registry.matcher.find(
            "Black Hand Brigade fighters met U.N. envoys and Arnorian soldiers in Fornost."
        )
    ]
    assert ("Black Hand Brigade", "black-hand-brigade") in found
    assert ("U.N.", "un") in found and ("Arnorian", "arnor") in found and ("Fornost", "arnor") in found
    assert registry.agent("soldiers").sector == "MIL"  # type: ignore[union-attr]
    soldiers = registry.compose("arnor", "MIL")
    assert soldiers.default.code == "ARNMIL"


def test_real_phoenix_dictionaries(shared_dir: Path) -> None:
    folder = shared_dir / "bench" / "events" / "dictionaries"
    registry = ActorRegistry.from_petrarch(
        [
            folder / "Phoenix.Countries.actors.txt",
            folder / "Phoenix.International.actors.txt",
            folder / "Phoenix.MilNonState.actors.txt",
        ],
        folder / "Phoenix.agents.txt",
    )
    assert len(registry) > 10_000
    assert len(registry.agents) > 2_000
    isis = registry.lookup("Islamic State of Iraq and Syria", on=date(2014, 6, 1))
    assert isis is not None and isis.code == "IMGMUSISI" and isis.kind == "REB"
    syria = registry.lookup("Syrian")
    assert syria is not None and syria.country == "SYR"
    hezbollah = registry.lookup("Hezbollah")
    assert hezbollah is not None and hezbollah.code == "LBNREB"
    karzai = registry.lookup("Hamid Karzai", on=date(2005, 1, 1))
    assert karzai is not None and karzai.code == "AFGGOV"
    assert registry.agent("soldiers").sector == "MIL"  # type: ignore[union-attr]
    assert registry.agent("journalist").sector == "JRN"  # type: ignore[union-attr]  # CAMEO MED = media


def test_real_validation_dictionaries(shared_dir: Path) -> None:
    folder = shared_dir / "bench" / "events" / "petrarch-unittest"
    registry = ActorRegistry.from_petrarch(
        folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"
    )
    gollum = registry.lookup("Smeagol", on=date(1997, 1, 1))
    assert gollum is not None and gollum.code == "HOBGOV"
    sam = registry.lookup("Sam Gamgee", on=date(2010, 1, 10))
    assert sam is not None and sam.code == "ORCHOB"  # the first restriction that covers the date wins
    assert registry.agent("congressmen").sector == "LEG"  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        registry.entry("ignored-after-stop")


def test_actor_codes_split_into_country_and_kind() -> None:
    from sitrep.actors.sectors import parse_actor_code

    assert parse_actor_code("SYRREBMUS") == ("SYR", "REB")
    assert parse_actor_code("IGOUNO") == (None, "IGO")
    assert parse_actor_code("IMGMUSISI") == (None, "REB")
    assert parse_actor_code("ISR") == ("ISR", None)
    assert parse_actor_code("ELI") == (None, "ELI")
    assert parse_actor_code("USAMED") == ("USA", "JRN")  # CAMEO's MED is the media
    assert parse_actor_code("---") == (None, None)
