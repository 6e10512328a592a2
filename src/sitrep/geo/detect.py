"""Toponym detection: spaCy's place entities, demonyms, and capitalised names the gazetteer knows.

spaCy's small model misses or mislabels many place names (transliterated towns, regions it tags as
PERSON or ORG), so runs of capitalised words that the entities leave uncovered are matched against
the gazetteer too; only unambiguous-looking matches are kept, since GeoNames has a village for most
English words.

The Doc is read once into plain arrays (token offsets, sentence starts): spaCy's Python-level
attributes (`doc.text`, `token.sent`) rebuild their values on every access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, LENGTH, SENT_START

from sitrep.geo.build import DEMONYM, PRIMARY, SKELETON
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.resolve import DEMONYM_WEIGHT, Toponym

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities that are never places themselves; capitalised runs inside them are not scanned.
NON_PLACE_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
MAX_NGRAM = 4
# Words that may join a capitalised place name ("Bab al-Hawa", "Kafr Batna", "Isle of Man").
CONNECTORS = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "of", "de", "la", "le", "du", "bin", "bani", "-"}
)
_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")  # used with match(), anchored at the entity
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Below this population a scanned name must be a reviewed alias or a division to count as a place.
SCAN_MIN_POPULATION = 20_000


@dataclass(frozen=True)
class Entity:
    """A spaCy entity as character offsets and a label."""

    start: int
    end: int
    label: str


def find_toponyms(doc: Any, body: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Toponyms of `body` in text order; `doc` is its spaCy parse (parsed here if None)."""
    if doc is None:
        from sitrep import nlp

        doc = nlp.parse(body)
    entities = [Entity(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
    toponyms = _from_entities(body, entities, gazetteer)
    covered = bytearray(len(body) + 1)  # 1 at every character some entity or toponym already claims
    for start, end in [(e.start, e.end) for e in entities if e.label in NON_PLACE_LABELS] + [
        (t.start, t.end) for t in toponyms
    ]:
        covered[start:end] = b"\x01" * (end - start)
    toponyms += _from_capitalised_runs(body, _capitalised_runs(doc, body), gazetteer, covered)
    return sorted(toponyms, key=lambda t: t.start)


def _from_entities(body: str, entities: list[Entity], gazetteer: Gazetteer) -> list[Toponym]:
    toponyms = []
    for entity in entities:
        toponym = _trimmed(body, entity.start, entity.end)
        if toponym is None:
            continue
        if entity.label in PLACE_LABELS or entity.label == "ORG" and _is_known_place(toponym.text, gazetteer):
            toponyms.append(toponym)
        elif entity.label == "NORP":
            demonyms = [c for c in gazetteer.candidates(toponym.text) if c.kind == DEMONYM]
            if demonyms:
                toponym.weight, toponym.candidates = DEMONYM_WEIGHT, demonyms
                toponyms.append(toponym)
    return toponyms


def _is_known_place(text: str, gazetteer: Gazetteer) -> bool:
    """An entity spaCy labelled ORG whose whole text is a place name ("expel it from Ghouta")."""
    candidates = [c for c in gazetteer.candidates(text) if c.kind < SKELETON]
    return bool(candidates) and _plausible(text, candidates[0])


def _trimmed(text: str, start: int, end: int) -> Toponym | None:
    """The entity without a leading "the" or a trailing possessive."""
    article = _LEADING_ARTICLE.match(text, start, end)
    if article:
        start = article.end()
    possessive = _TRAILING_POSSESSIVE.search(text, start, end)
    if possessive:
        end = possessive.start()
    if end <= start:
        return None
    return Toponym(start, end, text[start:end])


def _capitalised_runs(doc: Any, body: str) -> list[list[tuple[int, int]]]:
    """Maximal runs of capitalised words (with connectors inside) as (start, end) offsets; a word
    opening a sentence is capitalised anyway, so it neither starts nor joins a run."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, length, sentence_start, alpha in doc.to_array([IDX, LENGTH, SENT_START, IS_ALPHA]).tolist():
        end = start + length
        capitalised = alpha and sentence_start != 1 and body[start].isupper()
        if capitalised or current and body[start:end].lower() in CONNECTORS:
            current.append((start, end))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [run for run in (_strip_connectors(body, run) for run in runs) if run]


def _strip_connectors(body: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while run and not body[run[-1][0]].isupper():
        run = run[:-1]
    return run


def _from_capitalised_runs(
    body: str, runs: list[list[tuple[int, int]]], gazetteer: Gazetteer, covered: bytearray
) -> list[Toponym]:
    found: list[Toponym] = []
    for run in runs:
        index = 0
        while index < len(run):
            match = _longest_known(body, run, index, gazetteer)
            if match is None:
                index += 1
                continue
            index, toponym = match
            if not any(covered[toponym.start : toponym.end]):
                found.append(toponym)
    return found


def _longest_known(
    body: str, run: list[tuple[int, int]], index: int, gazetteer: Gazetteer
) -> tuple[int, Toponym] | None:
    start = run[index][0]
    if not body[start].isupper():
        return None  # a connector starts no name
    for size in range(min(MAX_NGRAM, len(run) - index), 0, -1):
        last_start, end = run[index + size - 1]
        if not body[last_start].isupper():
            continue
        text = body[start:end]
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
