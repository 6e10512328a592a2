"""Toponym resolution: choose one gazetteer entry per toponym, using the rest of the article as context.

Each toponym starts from its best context-free candidate. Then, twice, every toponym is rescored with
the evidence of all the others: the countries and first-level divisions they resolved to, how close
their places lie, a dateline, and "Town, State" apposition. A toponym the gazetteer does not know
(a street, a building) gets the place a name inside it refers to, else the article's local focus:
for those, the enclosing place is usually the right answer within 161 km.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.geo.build import DEMONYM, SKELETON
from sitrep.geo.gazetteer import Candidate, Gazetteer, precision_of
from sitrep.records import Place, PlaceMention

MAX_CANDIDATES = 40
ROUNDS = 2
COUNTRY_WEIGHT = 5.0
ADMIN1_WEIGHT = 4.0
NEARBY_WEIGHT = 3.0
DATELINE_WEIGHT = 4.0
APPOSITION_WEIGHT = 8.0
NEARBY_KM = 300.0
DEMONYM_WEIGHT = 0.5
EARTH_RADIUS_KM = 6371.0


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
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class _Evidence:
    """What the current choices say about the article, with each toponym's own share removable."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    total: float = 0.0
    points: list[tuple[int, float, float, float]] = field(default_factory=list)  # index, lat, lon, weight

    @classmethod
    def of(cls, toponyms: Sequence[Toponym], choices: Sequence[Candidate | None]) -> _Evidence:
        evidence = cls()
        for index, (toponym, choice) in enumerate(zip(toponyms, choices, strict=True)):
            if choice is None:
                continue
            weight = _weight(toponym)
            evidence.total += weight
            if choice.place.country:
                evidence.countries[choice.place.country] += weight
            if choice.admin1_key:
                evidence.admin1s[choice.admin1_key] += weight
            if precision_of(choice.place) <= 2:
                evidence.points.append((index, choice.place.lat, choice.place.lon, weight))
        return evidence


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, toponyms: Sequence[Toponym]) -> list[Candidate | None]:
        """One choice per toponym (None only when neither it nor the article gives any place)."""
        for toponym in toponyms:
            if not toponym.candidates:
                toponym.candidates = self.gazetteer.candidates(toponym.text)[:MAX_CANDIDATES]
        choices: list[Candidate | None] = [
            next((c for c in t.candidates if c.kind != SKELETON), None) for t in toponyms
        ]
        for _ in range(ROUNDS):
            evidence = _Evidence.of(toponyms, choices)
            choices = [self._choose(i, t, evidence, choices) for i, t in enumerate(toponyms)]
        return self._fill_unknown(toponyms, choices)

    def _choose(
        self, index: int, toponym: Toponym, evidence: _Evidence, choices: Sequence[Candidate | None]
    ) -> Candidate | None:
        if not toponym.candidates:
            return None
        own = choices[index]
        own_weight = _weight(toponym) if own else 0.0
        others_total = evidence.total - own_weight
        host = choices[toponym.within] if toponym.within is not None else None

        def score(candidate: Candidate) -> float:
            value = candidate.prior
            country_share = 0.0
            if others_total > 0:
                country_share = (
                    _share(
                        evidence.countries,
                        candidate.place.country,
                        own,
                        own_weight,
                        lambda c: c.place.country,
                    )
                    / others_total
                )
                value += COUNTRY_WEIGHT * country_share
                value += (
                    ADMIN1_WEIGHT
                    * _share(evidence.admin1s, candidate.admin1_key, own, own_weight, lambda c: c.admin1_key)
                    / others_total
                )
            value += NEARBY_WEIGHT * _closeness(candidate, index, evidence)
            if host is not None and _inside(candidate, host):
                value += APPOSITION_WEIGHT
            return value

        # A loose transliteration match counts only in a country the article is otherwise about.
        plausible = [
            c for c in toponym.candidates if c.kind != SKELETON or _in_evidence(c, evidence, own, own_weight)
        ]
        return max(plausible, key=score) if plausible else None

    def _fill_unknown(
        self, toponyms: Sequence[Toponym], choices: list[Candidate | None]
    ) -> list[Candidate | None]:
        chosen = {c.place.id: c for c in choices if c is not None}
        named = [(_weight(t), c.place) for t, c in zip(toponyms, choices, strict=True) if c is not None]
        focus_place = local_focus(named)
        focus = chosen[focus_place.id] if focus_place else None
        filled = []
        for toponym, choice in zip(toponyms, choices, strict=True):
            if choice is None:
                choice = self._inner_name(toponym.text) or focus
            filled.append(choice)
        return filled

    def _inner_name(self, text: str) -> Candidate | None:
        """The longest run of words inside a toponym the gazetteer knows ("Syracuse University")."""
        words = text.split()
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                found = [
                    c
                    for c in self.gazetteer.candidates(" ".join(words[first : first + size]))
                    if c.kind < SKELETON and c.kind != DEMONYM
                ]
                if found:
                    return found[0]
        return None


def _share(
    totals: dict[str, float], key: str | None, own: Candidate | None, own_weight: float, key_of: object
) -> float:
    """Weight the other toponyms give to `key` (the toponym's own current choice taken out)."""
    if key is None:
        return 0.0
    value = totals.get(key, 0.0)
    if own is not None and callable(key_of) and key_of(own) == key:
        value -= own_weight
    return max(value, 0.0)


def _in_evidence(candidate: Candidate, evidence: _Evidence, own: Candidate | None, own_weight: float) -> bool:
    share = _share(evidence.countries, candidate.place.country, own, own_weight, lambda c: c.place.country)
    return share > 0


def _closeness(candidate: Candidate, index: int, evidence: _Evidence) -> float:
    """1 when another toponym's place is next to the candidate, falling to 0 at NEARBY_KM."""
    if precision_of(candidate.place) > 2:
        return 0.0
    best = 0.0
    lat, lon = candidate.place.lat, candidate.place.lon
    for other, other_lat, other_lon, _weight in evidence.points:
        if other == index:
            continue
        best = max(best, 1.0 - distance_km(lat, lon, other_lat, other_lon) / NEARBY_KM)
    return best


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
