"""Toponym resolution: choose one gazetteer entry per toponym, using the rest of the article as context.

Each toponym starts from its best context-free candidate, helped by the plausible candidates of other
names lying near it (two ambiguous names, each with a reading next to the other's, mean those readings:
"Edmonton" and "Enfield" in north London). Then, up to twice, every toponym is rescored with the
evidence of the toponyms of other names: the countries and first-level divisions they resolved to, how
close their places lie, a dateline, "Town, State" apposition, whose reading every mention of the town
then takes, and lists ("California or Washington"), whose names are likely places of one kind. A
toponym the gazetteer does not know (a street, a building) gets the place a name inside it refers to,
else the town named nearest it in the text, else the article's local focus: for those, the enclosing
place is usually the right answer within 161 km.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from sitrep.geo.build import ALTERNATE, DEMONYM, PRIMARY, SKELETON
from sitrep.geo.gazetteer import Candidate, Gazetteer, precision_of
from sitrep.geo.names import fold
from sitrep.records import Place, PlaceMention

# Readings weighed per name, the most plausible first: enough that a village of a common English name
# (Newport, Ireland, behind twenty larger Newports) can still be chosen by its context.
MAX_CANDIDATES = 30
ROUNDS = 2
COUNTRY_WEIGHT = 8.0
ADMIN1_WEIGHT = 8.0
NEARBY_WEIGHT = 3.0
DATELINE_WEIGHT = 4.0
APPOSITION_WEIGHT = 8.0
# A name listed with another ("California or Washington") is likely a place of the same kind.
PEER_WEIGHT = 2.0
SIBLING_WEIGHT = 4.0
# A reading this many times smaller than the name's largest is a long shot that context must earn more
# dearly: "Wales" among English towns is still the nation, not the village of Wales in Yorkshire.
DWARF_RATIO = 50
DWARF_PENALTY = 3.0
NEARBY_KM = 300.0
# A reading of another name is plausible enough to vouch for its neighbours within this much prior of
# that name's best reading; each neighbouring name is worth up to COLOCATION_WEIGHT to the first choice.
CONTENDER_MARGIN = 3.0
# A town smaller than this, in a country no other name of the article is in, while the other names
# lean this much to one other country, is a stray reading.
STRAY_POPULATION = 10_000
STRAY_LEADING_SHARE = 0.5
# Likewise a town smaller than this, in a province no other name is in, while the other names lean
# that much to one other province, or while every town or district they name in its country lies at
# least STRAY_DISTANCE_KM away: its only support is its own name ("Washington Square", Pennsylvania,
# in a New Orleans story whose other names are mostly demonyms of countries).
STRAY_PROVINCE_POPULATION = 100_000
STRAY_DISTANCE_KM = 1000.0
# A town at least this large that is the only reading of its name is never a stray.
UNMISTAKABLE_POPULATION = 20_000
COLOCATION_WEIGHT = 1.5
INNER_NAME_POPULATION = 100_000
# A name the gazetteer lacks lies most likely in a town named within this many characters of it.
NEAREST_TOWN_CHARS = 400
# Divisions are also known inside a longer name by their acronym ("US Federal Reserve").
INNER_NAME_DIVISIONS = {"country", "admin1", "continent"}
INNER_NAME_LEADS = {"of", "de", "in", "at"}  # words after which a place is named inside a longer name
# A division so called is named after a person or place, seldom one it lies in ("Washington Township").
NAMESAKE_DIVISION_WORDS = {"township", "county", "parish", "borough"}
# Features famous under their own name: a name with such a reading is no town's namesake.
FAMOUS_FEATURES = {"country", "continent", "region"}
FAMOUS_TOWN_POPULATION = 20_000  # a town smaller than this is seldom what an organisation is named after
INSTITUTION_WORDS = {"college", "university", "school", "academy", "hospital", "institute"}
DEMONYM_WEIGHT = 0.5
EARTH_RADIUS_KM = 6371.0
Basis = Literal["name", "inner", "focus"]
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0
NEARBY_DEGREES = NEARBY_KM / KM_PER_DEGREE  # no place further in latitude is nearby


def _nearby_km(lat1: float, lon1: float, lat2: float, lon2: float, cos_lat2: float) -> float:
    """Distance on a local flat map: within NEARBY_KM it is within a few percent of the great circle,
    and it costs a fraction of the haversine (closeness measures many pairs)."""
    dlon = (lon1 - lon2 + 180.0) % 360.0 - 180.0
    return KM_PER_DEGREE * math.hypot(lat1 - lat2, dlon * cos_lat2)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Toponym:
    """A span of text taken to name a place; `weight` is how much it says about the article's geography."""

    start: int
    end: int
    text: str
    weight: float = 1.0
    dateline: bool = False
    within: int | None = None  # index of the toponym this one is in apposition to ("Alexandria, La.")
    peers: tuple[int, ...] = ()  # indexes of the toponyms listed with this one ("California or Washington")
    candidates: list[Candidate] = field(default_factory=list)
    # What the resolved place rests on: the toponym's own name, a place named inside it ("Syracuse
    # University"), or, for want of either, a town named near it or the article's focus.
    basis: Basis = "name"
    evidence_only: bool = False  # context for the other toponyms, not a place mention ("Syrians")
    namesake: bool = False  # it opens an organisation's name ("Cambridge Analytica")

    @property
    def key(self) -> str:
        return fold(self.text)


@dataclass
class _Tally:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    # Weight given to first-level divisions themselves, by their country ("Florida", "Nevada").
    divisions: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    total: float = 0.0

    def add(self, choice: Candidate, weight: float) -> None:
        self.total += weight
        if choice.place.country:
            self.countries[choice.place.country] += weight
            if choice.place.feature == "admin1":
                self.divisions[choice.place.country] += weight
        if choice.admin1_key:
            self.admin1s[choice.admin1_key] += weight


@dataclass
class _Evidence:
    """What the current choices say about the article, also tallied by name, so that a toponym weighs
    only the evidence of other names (ten mentions of "London" do not vouch for each other)."""

    article: _Tally = field(default_factory=_Tally)
    by_name: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    # Distinct specific places chosen so far: place id -> (lat, lon, cos lat, names of the toponyms naming it).
    points: dict[str, tuple[float, float, float, set[str]]] = field(default_factory=dict)
    point_countries: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, toponyms: Sequence[Toponym], choices: Sequence[Candidate | None]) -> _Evidence:
        evidence = cls()
        for toponym, choice in zip(toponyms, choices, strict=True):
            if choice is None:
                continue
            evidence.article.add(choice, _weight(toponym))
            evidence.by_name[toponym.key].add(choice, _weight(toponym))
            # A capital is named for its government as often as for a place ("Washington said"): its
            # neighbours are no likelier for it.
            if precision_of(choice.place) <= 2 and not choice.capital:
                place = choice.place
                point = (place.lat, place.lon, math.cos(math.radians(place.lat)), set[str]())
                evidence.points.setdefault(place.id, point)[3].add(toponym.key)
                evidence.point_countries[place.id] = place.country
        return evidence


@dataclass
class _Context:
    """The evidence as one toponym sees it: everything the toponyms of other names say."""

    evidence: _Evidence
    name: str
    host: Candidate | None
    peers: tuple[Candidate, ...] = ()

    def __post_init__(self) -> None:
        self._own = self.evidence.by_name.get(self.name) or _Tally()
        self._others_total = self.evidence.article.total - self._own.total

    def share(self, candidate: Candidate, admin1: bool) -> float:
        """The other names' share of the article's weight given to the candidate's country or province."""
        key = candidate.admin1_key if admin1 else candidate.place.country
        if key is None or self._others_total <= 0:
            return 0.0
        article, own = self.evidence.article, self._own
        totals, own_totals = (article.admin1s, own.admin1s) if admin1 else (article.countries, own.countries)
        return max(totals.get(key, 0.0) - own_totals.get(key, 0.0), 0.0) / self._others_total

    def sibling_share(self, candidate: Candidate) -> float:
        """The other names' share of the article's weight given to first-level divisions of the
        candidate's country, when the candidate is one too: a list of states makes "Georgia" a state."""
        country = candidate.place.country
        if candidate.place.feature != "admin1" or country is None or self._others_total <= 0:
            return 0.0
        others = self.evidence.article.divisions.get(country, 0.0) - self._own.divisions.get(country, 0.0)
        return max(others, 0.0) / self._others_total

    @cached_property
    def leading_share(self) -> float:
        """The other names' share of the country they name most."""
        return self._leading(self.evidence.article.countries, self._own.countries)

    @cached_property
    def leading_admin1_share(self) -> float:
        """The other names' share of the first-level division they name most."""
        return self._leading(self.evidence.article.admin1s, self._own.admin1s)

    def _leading(self, article: dict[str, float], own: dict[str, float]) -> float:
        if self._others_total <= 0:
            return 0.0
        return max((weight - own.get(key, 0.0) for key, weight in article.items()), default=0.0) / (
            self._others_total
        )

    def closeness(self, candidate: Candidate) -> float:
        """1 when another name's place is next to the candidate, falling to 0 at NEARBY_KM."""
        if precision_of(candidate.place) > 2:
            return 0.0
        best = 0.0
        lat, lon = candidate.place.lat, candidate.place.lon
        for other_lat, other_lon, cos_lat, names in self.evidence.points.values():
            if abs(lat - other_lat) < NEARBY_DEGREES and (len(names) > 1 or self.name not in names):
                best = max(best, 1.0 - _nearby_km(lat, lon, other_lat, other_lon, cos_lat) / NEARBY_KM)
        return best

    def far_from_compatriots(self, candidate: Candidate) -> bool:
        """Whether other names chose towns or districts in the candidate's country, all of them
        STRAY_DISTANCE_KM or more away from it."""
        place = candidate.place
        compatriots = [
            (lat, lon)
            for place_id, (lat, lon, _, names) in self.evidence.points.items()
            if self.evidence.point_countries[place_id] == place.country
            and (len(names) > 1 or self.name not in names)
        ]
        return bool(compatriots) and all(
            distance_km(place.lat, place.lon, lat, lon) >= STRAY_DISTANCE_KM for lat, lon in compatriots
        )

    def without_closeness(self, candidate: Candidate) -> float:
        value = candidate.prior
        # A sea or a world region lies in no one country and fits any: it fits the article's best.
        country_share = self.share(candidate, False) if candidate.place.country else self.leading_share
        value += COUNTRY_WEIGHT * country_share
        value += ADMIN1_WEIGHT * self.share(candidate, admin1=True)
        if self.host is not None and _inside(candidate, self.host):
            value += APPOSITION_WEIGHT
        if any(_alike(candidate, peer) for peer in self.peers):
            value += PEER_WEIGHT
        return value


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, toponyms: Sequence[Toponym]) -> list[Candidate | None]:
        """One choice per toponym (None only when neither it nor the article gives any place)."""
        for toponym in toponyms:
            if not toponym.candidates:
                toponym.candidates = self.gazetteer.candidates(toponym.text)
        choices = _first_choices(toponyms)
        evidence = _Evidence.of(toponyms, choices)
        for _ in range(ROUNDS):
            before = list(choices)
            self._reweigh(toponyms, choices, evidence)
            # A round is a function of the choices it starts from: one that changed nothing would only
            # repeat itself.
            if all(old is new for old, new in zip(before, choices, strict=True)):
                break
            evidence = _Evidence.of(toponyms, choices)
        namesakes = _prefer_namesakes(toponyms, choices, evidence)
        if namesakes:
            evidence = _Evidence.of(toponyms, choices)
        return self._fill_unknown(toponyms, choices, _strays(toponyms, choices, evidence) - namesakes)

    def _reweigh(
        self, toponyms: Sequence[Toponym], choices: list[Candidate | None], evidence: _Evidence
    ) -> None:
        """One round: every toponym rescored with the evidence of the choices the round starts from."""
        # Toponyms of one name with one host see the same evidence: they are weighed once.
        weighed: dict[tuple[str, int, str | None, tuple[str, ...]], Candidate | None] = {}
        hosts = [choices[t.within] if t.within is not None else None for t in toponyms]
        for index, (toponym, host) in enumerate(zip(toponyms, hosts, strict=True)):
            peers = tuple(c for c in (choices[p] for p in toponym.peers) if c is not None)
            situation = (
                toponym.key,
                id(toponym.candidates),
                host.place.id if host else None,
                tuple(c.place.id for c in peers),
            )
            if situation not in weighed:
                weighed[situation] = self._choose(toponym, _Context(evidence, toponym.key, host, peers))
            choices[index] = weighed[situation]
        _follow_apposition(toponyms, choices)

    def _choose(self, toponym: Toponym, context: _Context) -> Candidate | None:
        # A loose transliteration match counts only in a province the article otherwise names.
        plausible = [
            c
            for c in toponym.candidates[:MAX_CANDIDATES]
            if c.kind != SKELETON or context.share(c, admin1=True) > 0
        ]
        if not plausible:
            return None
        largest = max(c.place.population for c in plausible)
        scored = [
            (
                context.without_closeness(c)
                - DWARF_PENALTY * _dwarfed(c, largest)
                + SIBLING_WEIGHT * _sibling_share(context, c, plausible),
                c,
            )
            for c in plausible
        ]
        best = max(value for value, _ in scored)
        # Closeness costs distances, and can add at most NEARBY_WEIGHT: only contenders need it.
        contenders = [
            (v + NEARBY_WEIGHT * context.closeness(c), c) for v, c in scored if v >= best - NEARBY_WEIGHT
        ]
        return max(contenders, key=lambda pair: pair[0])[1]

    def _fill_unknown(
        self, toponyms: Sequence[Toponym], choices: list[Candidate | None], strays: set[int]
    ) -> list[Candidate | None]:
        """Names the gazetteer lacks get a place named inside them, else the town named nearest them in
        the text (in the dateline's country, if the article has one), else the article's focus. Stray
        readings get the focus too (a village abroad that the article's other places give no reason for:
        the name is more likely a local place the gazetteer lacks, "Heathrow" in a London story)."""
        kept = [(t, c) for i, (t, c) in enumerate(zip(toponyms, choices, strict=True)) if i not in strays]
        chosen = {c.place.id: c for _, c in kept if c is not None}
        focus_place = local_focus([(_weight(t), c.place) for t, c in kept if c is not None])
        focus = chosen[focus_place.id] if focus_place else None
        # A dateline says where the reporter is: a local place the gazetteer lacks lies in that country.
        home = next((c.place.country for t, c in kept if t.dateline and c is not None), None)
        nearby = [(t, c) for t, c in kept if home is None or (c is not None and c.place.country == home)]
        filled = []
        for index, (toponym, choice) in enumerate(zip(toponyms, choices, strict=True)):
            if choice is None:
                choice = self._inner_name(toponym.text)
                toponym.basis = "inner" if choice else "focus"
                choice = choice or _nearest_town(toponym, nearby)
            elif index in strays and focus is not None:
                choice = focus
            filled.append(choice or focus)
        return filled

    def _inner_name(self, text: str) -> Candidate | None:
        """The longest run of words inside a toponym that names a well-known place by its own name,
        opening the toponym or after "of" ("Syracuse University", "University of California"), or closing
        it after an institution's word ("Robinson College Cambridge"); small places named by a common
        word, a word deep inside ("Kendale Lakes School"), or the namesake of a township or county
        ("Washington Township") do not count."""
        words = text.split()
        if words[-1].lower() in NAMESAKE_DIVISION_WORDS:
            return None
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                closes = first + size == len(words) and words[first - 1].lower() in INSTITUTION_WORDS
                opens = first == 0 or words[first - 1].lower() in INNER_NAME_LEADS or closes
                if not (opens and words[first][:1].isupper() and words[first + size - 1][:1].isupper()):
                    continue
                run = " ".join(words[first : first + size])
                found = [
                    c
                    for c in self.gazetteer.exact_candidates(run)
                    if (c.kind == PRIMARY and c.place.population >= INNER_NAME_POPULATION)
                    or (c.place.feature in INNER_NAME_DIVISIONS and (c.kind == PRIMARY or _acronym(run, c)))
                ]
                if found:
                    return found[0]
        return None


def _prefer_namesakes(
    toponyms: Sequence[Toponym], choices: list[Candidate | None], evidence: _Evidence
) -> set[int]:
    """A name that only ever opens an organisation's name ("Cambridge Analytica", "Venice Commission")
    means the best-known place so called, the most populous town: a company or a body is named after
    the famous town, whatever country the article is about. Not when the article also names the town
    alone ("in Alexandria"), nor when its other names place the reading locally, in their province or
    near their places: then the organisation is the town's own ("Columbus Government Center").
    Returns the indexes of the toponyms given their famous namesake."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, toponym in enumerate(toponyms):
        by_name[toponym.key].append(index)
    famous = {
        name: reading
        for name, indexes in by_name.items()
        if all(toponyms[i].namesake for i in indexes)
        and (reading := _most_famous(toponyms[indexes[0]].candidates))
    }
    replaced: set[int] = set()
    for name, reading in famous.items():
        context = _Context(evidence, name, None)
        for index in by_name[name]:
            choice = choices[index]
            if (
                choice is not None
                and context.share(choice, admin1=True) == 0
                and context.closeness(choice) == 0
            ):
                choices[index] = reading
                replaced.add(index)
    return replaced


def _most_famous(candidates: Sequence[Candidate]) -> Candidate | None:
    """The most populous town of a name that names only towns (not a country, region or people, which
    are famous under their name already: "Georgia Tech", "Canadian Press"), if it is a sizeable one."""
    readings = [c for c in candidates[:MAX_CANDIDATES] if c.kind != SKELETON]
    if any(c.kind == DEMONYM or c.place.feature in FAMOUS_FEATURES for c in readings):
        return None
    largest = max((c for c in readings if c.kind == PRIMARY), key=lambda c: c.place.population, default=None)
    if largest is None or largest.place.feature != "city":
        return None
    return largest if largest.place.population >= FAMOUS_TOWN_POPULATION else None


def _follow_apposition(toponyms: Sequence[Toponym], choices: list[Candidate | None]) -> None:
    """Every mention of a name takes the reading its apposition settled ("Parkland, Florida" makes the
    later bare "Parkland" Florida's): an article means one place by one name."""
    settled = {}
    for toponym, choice in zip(toponyms, choices, strict=True):
        host = choices[toponym.within] if toponym.within is not None else None
        if choice is not None and host is not None and _inside(choice, host):
            settled[toponym.key] = choice
    for index, toponym in enumerate(toponyms):
        if toponym.within is None and toponym.key in settled:
            choices[index] = settled[toponym.key]


def _nearest_town(toponym: Toponym, named: Sequence[tuple[Toponym, Candidate | None]]) -> Candidate | None:
    """The town named closest before or after a toponym, within NEAREST_TOWN_CHARS of it."""
    best, best_gap = None, NEAREST_TOWN_CHARS
    for other, choice in named:
        if choice is None or precision_of(choice.place) > 1:
            continue
        gap = toponym.start - other.end if other.end <= toponym.start else other.start - toponym.end
        if 0 <= gap < best_gap:
            best, best_gap = choice, gap
    return best


def _sibling_share(context: _Context, candidate: Candidate, readings: Sequence[Candidate]) -> float:
    """The context's sibling share for a division, unless a town of its country is the name's likelier
    reading there: "Washington" beside Virginia is still the capital."""
    if candidate.place.feature != "admin1":
        return 0.0
    share = context.sibling_share(candidate)
    country = candidate.place.country
    at_home = (r for r in readings if r.place.country == country and r.place.feature == "city")
    if share == 0.0 or any(r.prior > candidate.prior for r in at_home):
        return 0.0
    return share


def _dwarfed(candidate: Candidate, largest: int) -> bool:
    """Whether a candidate of known population is DWARF_RATIO times smaller than the largest reading."""
    population = candidate.place.population
    return population > 0 and population * DWARF_RATIO < largest


def _acronym(run: str, candidate: Candidate) -> bool:
    """Whether a run of capitals is another name of the candidate ("US"), not a short form ("Penn")."""
    return candidate.kind == ALTERNATE and len(run) > 1 and run.isalpha() and run.isupper()


def _strays(
    toponyms: Sequence[Toponym], choices: Sequence[Candidate | None], evidence: _Evidence
) -> set[int]:
    """Indexes of toponyms whose choice is a small town near no other name's place, in a country (or a
    province) no other name points to, in an article whose other names mostly point to one other
    country (or province), or name towns in its country only far from it; `evidence` is the choices'."""
    strays = set()
    for index, (toponym, choice) in enumerate(zip(toponyms, choices, strict=True)):
        if choice is None or choice.place.feature != "city":
            continue
        context = _Context(evidence, toponym.key, None)
        at_home = context.share(choice, admin1=False) > 0
        if _unmistakable(toponym, choice, at_home) or context.closeness(choice) > 0:
            continue
        abroad = (
            choice.place.population < STRAY_POPULATION
            and context.share(choice, admin1=False) == 0
            and context.leading_share >= STRAY_LEADING_SHARE
        )
        out_of_province = (
            choice.place.population < STRAY_PROVINCE_POPULATION
            and context.share(choice, admin1=True) == 0
            and (context.leading_admin1_share >= STRAY_LEADING_SHARE or context.far_from_compatriots(choice))
        )
        if abroad or out_of_province:
            strays.add(index)
    return strays


def _unmistakable(toponym: Toponym, choice: Candidate, at_home: bool) -> bool:
    """Whether the choice is a sizeable town and the only place the gazetteer knows by the toponym's
    name: the article named that town ("Miami Beach"), not a namesake of a local place the gazetteer
    lacks, as a lone village of the name may be. In a country the other names point to, the divisions
    named after the town that hold it are the same place, not namesakes (Ayodhya and its district);
    abroad they are not enough (Delft in a Cape Town story is a township the gazetteer lacks)."""
    others = [
        c
        for c in toponym.candidates[:MAX_CANDIDATES]
        if c.kind != SKELETON and c.place.id != choice.place.id and not (at_home and _holds(c, choice))
    ]
    return not others and choice.place.population >= UNMISTAKABLE_POPULATION


def _holds(division: Candidate, town: Candidate) -> bool:
    """Whether a division of the town's name is the one the town lies in (Ayodhya district holds
    Ayodhya): another reading of the same place, not a namesake."""
    if division.place.feature == "admin1":
        return division.admin1_key is not None and division.admin1_key == town.admin1_key
    if division.place.feature == "admin2":
        return division.admin2_key is not None and division.admin2_key == town.admin2_key
    return False


def _first_choices(toponyms: Sequence[Toponym]) -> list[Candidate | None]:
    """Each name's most plausible reading, counting the names with a plausible reading nearby."""
    contenders = {t.key: _contenders(t.candidates) for t in toponyms}
    neighbours = _Neighbours(contenders)
    best = {
        name: max(readings, key=lambda c: c.prior + COLOCATION_WEIGHT * neighbours.support(c, name))
        if len(readings) > 1
        else readings[0]
        for name, readings in contenders.items()
        if readings
    }
    return [best.get(t.key) for t in toponyms]


def _contenders(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The readings within CONTENDER_MARGIN of a name's most plausible one (candidates come sorted)."""
    exact = [c for c in candidates[:MAX_CANDIDATES] if c.kind != SKELETON]
    return [c for c in exact if c.prior >= exact[0].prior - CONTENDER_MARGIN] if exact else []


class _Neighbours:
    """The plausible specific readings of every name, bucketed on a grid of NEARBY_DEGREES cells, so
    that a candidate meets only the readings that may lie within NEARBY_KM of it."""

    def __init__(self, contenders: dict[str, list[Candidate]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
        for name, readings in contenders.items():
            for c in readings:
                if precision_of(c.place) <= 2:
                    self.cells[_cell(c.place)].append((name, c.place.lat, c.place.lon))

    def support(self, candidate: Candidate, name: str) -> float:
        """How many other names have a plausible reading near the candidate, each counted 1 when next
        to it and less with distance, to none at NEARBY_KM."""
        if precision_of(candidate.place) > 2:
            return 0.0
        lat, lon = candidate.place.lat, candidate.place.lon
        row, column = _cell(candidate.place)
        cos_lat = math.cos(math.radians(lat))
        reach = math.ceil(1 / max(cos_lat, 0.05))  # cells narrow poleward
        closest: dict[str, float] = {}
        for r in (row - 1, row, row + 1):
            for col in range(column - reach, column + reach + 1):
                for other, other_lat, other_lon in self.cells.get((r, col), ()):
                    if other != name:
                        near = 1.0 - _nearby_km(other_lat, other_lon, lat, lon, cos_lat) / NEARBY_KM
                        if near > closest.get(other, 0.0):
                            closest[other] = near
        return sum(closest.values())


def _cell(place: Place) -> tuple[int, int]:
    return math.floor(place.lat / NEARBY_DEGREES), math.floor(place.lon / NEARBY_DEGREES)


def _alike(candidate: Candidate, peer: Candidate) -> bool:
    """Whether a reading is a place of the same kind as a listed peer's: a country like a country,
    a first-level division or a town like one of the same country."""
    if candidate.place.feature != peer.place.feature:
        return False
    return candidate.place.feature in ("country", "continent", "region") or (
        candidate.place.country == peer.place.country
    )


def _inside(candidate: Candidate, host: Candidate) -> bool:
    if host.place.feature == "country":
        return candidate.place.country == host.place.country
    if host.place.feature == "admin1":
        return candidate.admin1_key is not None and candidate.admin1_key == host.admin1_key
    return False


def local_focus(named: Sequence[tuple[float, Place]]) -> Place | None:
    """The most named place of (weight, place) pairs, preferring the most specific named about as often."""
    weights: dict[str, float] = defaultdict(float)
    places: dict[str, Place] = {}
    for weight, place in named:
        weights[place.id] += weight
        places[place.id] = place
    if not weights:
        return None
    top = max(weights.values())
    contenders = [places[p] for p, w in weights.items() if w >= top / 2]
    return min(contenders, key=lambda p: (precision_of(p), -weights[p.id]))


def mention_focus(gazetteer: Gazetteer, mentions: Sequence[PlaceMention]) -> Place | None:
    """The place an article is about, from its resolved mentions (a demonym counts half)."""
    return local_focus([(DEMONYM_WEIGHT if is_demonym(gazetteer, m) else 1.0, m.place) for m in mentions])


def is_demonym(gazetteer: Gazetteer, mention: PlaceMention) -> bool:
    candidates = gazetteer.candidates(mention.text)
    return bool(candidates) and candidates[0].kind == DEMONYM


def _weight(toponym: Toponym) -> float:
    return toponym.weight * (DATELINE_WEIGHT if toponym.dateline else 1.0)
