"""Toponym detection: spaCy's place entities, demonyms, and capitalised names the gazetteer knows.

spaCy's small model misses or mislabels many place names (transliterated towns, regions it tags as
PERSON or ORG), so runs of capitalised words that the entities leave uncovered are matched against
the gazetteer too; only unambiguous-looking matches are kept, since GeoNames has a village for most
English words.
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.geo.build import DEMONYM, PRIMARY, SKELETON
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.resolve import DEMONYM_WEIGHT, Toponym

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities that are never places themselves; capitalised runs inside them are not scanned.
NON_PLACE_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
MAX_NGRAM = 4
# Words that may join a capitalised place name ("Bab al-Hawa", "Kafr Batna", "Isle of Man").
CONNECTORS = {
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "of",
    "de",
    "la",
    "le",
    "du",
    "bin",
    "bani",
}
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Below this population a scanned name must be a reviewed alias or a division to count as a place.
SCAN_MIN_POPULATION = 20_000


def find_toponyms(doc: Any, body: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Toponyms of `body` in text order; `doc` is its spaCy parse (parsed here if None)."""
    if doc is None:
        from sitrep import nlp

        doc = nlp.parse(body)
    toponyms = _from_entities(doc, gazetteer)
    covered = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in NON_PLACE_LABELS]
    covered += [(t.start, t.end) for t in toponyms]
    toponyms += _from_capitalised_runs(doc, gazetteer, covered)
    return sorted(toponyms, key=lambda t: t.start)


def _from_entities(doc: Any, gazetteer: Gazetteer) -> list[Toponym]:
    toponyms = []
    for ent in doc.ents:
        toponym = _trimmed(doc.text, ent.start_char, ent.end_char)
        if toponym is None:
            continue
        if ent.label_ in PLACE_LABELS or ent.label_ == "ORG" and _is_known_place(toponym.text, gazetteer):
            toponyms.append(toponym)
        elif ent.label_ == "NORP":
            demonyms = [c for c in gazetteer.candidates(ent.text) if c.kind == DEMONYM]
            if demonyms:
                toponyms.append(
                    Toponym(
                        ent.start_char, ent.end_char, ent.text, weight=DEMONYM_WEIGHT, candidates=demonyms
                    )
                )
    return toponyms


def _is_known_place(text: str, gazetteer: Gazetteer) -> bool:
    """An entity spaCy labelled ORG whose whole text is a place name ("expel it from Ghouta")."""
    candidates = [c for c in gazetteer.candidates(text) if c.kind < SKELETON]
    return bool(candidates) and _plausible(text, candidates[0])


def _trimmed(text: str, start: int, end: int) -> Toponym | None:
    """The entity without a leading "the" or a trailing possessive."""
    span = text[start:end]
    article = _LEADING_ARTICLE.match(span)
    if article:
        start += article.end()
    possessive = _TRAILING_POSSESSIVE.search(text[start:end])
    if possessive:
        end -= len(possessive.group())
    if end <= start:
        return None
    return Toponym(start, end, text[start:end])


def _from_capitalised_runs(doc: Any, gazetteer: Gazetteer, covered: list[tuple[int, int]]) -> list[Toponym]:
    found: list[Toponym] = []
    for run in _capitalised_runs(doc):
        index = 0
        while index < len(run):
            match = _longest_known(run, index, gazetteer)
            if match is None:
                index += 1
                continue
            end_index, toponym = match
            if not _overlaps(toponym.start, toponym.end, covered):
                found.append(toponym)
            index = end_index
    return found


def _capitalised_runs(doc: Any) -> list[list[Any]]:
    """Maximal runs of capitalised tokens (with connectors inside), sentence openers excluded."""
    runs: list[list[Any]] = []
    current: list[Any] = []
    for token in doc:
        capitalised = token.text[:1].isupper() and not token.is_sent_start and token.is_alpha
        joins = current and token.lower_ in CONNECTORS or token.text == "-" and current
        if capitalised or joins:
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [_strip_connectors(run) for run in runs if run]


def _strip_connectors(run: list[Any]) -> list[Any]:
    while run and not run[-1].text[:1].isupper():
        run = run[:-1]
    return run


def _longest_known(run: list[Any], index: int, gazetteer: Gazetteer) -> tuple[int, Toponym] | None:
    doc_text = run[0].doc.text
    if not run[index].text[:1].isupper():
        return None  # a connector starts no name
    for size in range(min(MAX_NGRAM, len(run) - index), 0, -1):
        first, last = run[index], run[index + size - 1]
        if not last.text[:1].isupper():
            continue
        start, end = first.idx, last.idx + len(last.text)
        text = doc_text[start:end]
        candidates = [c for c in gazetteer.candidates(text) if c.kind < SKELETON]
        if candidates and _plausible(text, candidates[0]):
            return index + size, Toponym(start, end, text)
    return None


def _plausible(text: str, best: Candidate) -> bool:
    """Whether a capitalised name outside any entity is likely a place rather than a word or a name."""
    if best.kind == DEMONYM or best.kind > PRIMARY and len(text) <= 4:
        return False
    if best.place.feature in ("country", "continent", "admin1") or best.place.id.startswith("alias:"):
        return True
    return best.place.population >= SCAN_MIN_POPULATION


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
