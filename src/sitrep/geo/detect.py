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
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, LENGTH, SENT_START

from sitrep.geo.build import ALTERNATE, DEMONYM, PRIMARY, SKELETON
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.names import ARABIC_ARTICLES
from sitrep.geo.resolve import DEMONYM_WEIGHT, Toponym

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities whose words may hold a place name ("Ohio" in "Ohio Supreme Court", "Otter Tail County" in
# "Otter Tail County Courthouse"): their capitalised words are scanned like free text. The words of
# other entities (people, dates, works) are not.
HOST_LABELS = PLACE_LABELS | {"ORG"}
MAX_NGRAM = 4
# Words that may join a capitalised place name ("Bab al-Hawa", "Kafr Batna", "Isle of Man").
CONNECTORS = ARABIC_ARTICLES | {"of", "de", "la", "le", "du", "bin", "bani", "-"}
# A sentence with more of its words capitalised than this is a headline in title case.
TITLE_CASE_SHARE = 0.7
_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")  # used with match(), anchored at the entity
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_MULTIWORD = re.compile(r"\w[\s-]+\w")
_LOWERCASE_WORD = re.compile(r"\b[a-z]+\b")
# Below this population a scanned name must be a reviewed alias or a division to count as a place.
SCAN_MIN_POPULATION = 20_000
INSIDE_NAME_MIN_POPULATION = 100_000


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
    runs = _capitalised_runs(doc, body)
    lexicon = _Lexicon(gazetteer, frozenset(_LOWERCASE_WORD.findall(body)))
    toponyms = _from_entities(body, entities, runs, lexicon)
    covered = bytearray(len(body) + 1)  # 1 at every character some entity or toponym already claims
    for start, end in [(e.start, e.end) for e in entities if e.label not in HOST_LABELS] + [
        (t.start, t.end) for t in toponyms
    ]:
        covered[start:end] = b"\x01" * (end - start)
    toponyms += _from_capitalised_runs(body, runs, lexicon, covered)
    toponyms = _one_sense_per_article(body, toponyms, entities)
    return sorted(toponyms, key=lambda t: t.start)


def _from_entities(
    body: str, entities: list[Entity], runs: dict[int, tuple[_Run, int]], lexicon: _Lexicon
) -> list[Toponym]:
    """Place entities the gazetteer has some entry for, organisations named as places ("expel it from
    Ghouta"), and demonyms."""
    toponyms = []
    for entity in entities:
        toponym = _trimmed(body, entity.start, entity.end)
        if toponym is None:
            continue
        if entity.label in PLACE_LABELS:
            toponym = _extended(body, toponym, runs, lexicon)
        # "Northern California" is no place of its own: the "California" inside it is the toponym.
        if (
            entity.label in PLACE_LABELS
            and lexicon.gazetteer.candidates(toponym.text)
            and not lexicon.gazetteer.names_a_part(toponym.text)
            or entity.label == "ORG"
            and lexicon.is_known_place(toponym.text)
        ):
            toponyms.append(toponym)
        elif entity.label == "NORP" and (demonym := _as_demonym(toponym, lexicon.gazetteer)):
            toponyms.append(demonym)
    return toponyms


def _as_demonym(toponym: Toponym, gazetteer: Gazetteer) -> Toponym | None:
    """The toponym weighed as a demonym, if it is one; a plural one names people ("Syrians"), so it is
    evidence only."""
    demonyms = [c for c in gazetteer.exact_candidates(toponym.text) if c.kind == DEMONYM]
    if not demonyms:
        return None
    toponym.weight, toponym.candidates = DEMONYM_WEIGHT, demonyms
    toponym.evidence_only = _is_plural_demonym(toponym.text, gazetteer)
    return toponym


def _is_plural_demonym(text: str, gazetteer: Gazetteer) -> bool:
    return text.endswith("s") and any(c.kind == DEMONYM for c in gazetteer.exact_candidates(text[:-1]))


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


def _one_sense_per_article(body: str, toponyms: list[Toponym], entities: list[Entity]) -> list[Toponym]:
    """A name means one thing throughout an article: a one-word place name that is also a word of a
    person's name there ("Lincoln" beside "Abraham Lincoln") is the person, and a place name found
    once is a place wherever else it stands, even where spaCy called it a person or a work."""
    people = {
        word for e in entities if e.label == "PERSON" for word in _words_of_full_name(body[e.start : e.end])
    }
    kept = [t for t in toponyms if " " in t.text or t.text not in people]
    by_text = {t.text: t for t in kept if not t.evidence_only}
    if not by_text:
        return kept
    covered = bytearray(len(body) + 1)
    for toponym in kept:
        covered[toponym.start : toponym.end] = b"\x01" * (toponym.end - toponym.start)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(by_text, key=len, reverse=True))) + r")(?!\w)"
    )
    for found in pattern.finditer(body):
        start, end = found.span()
        if not any(covered[start:end]) and _may_repeat_here(start, end, entities):
            source = by_text[found.group()]
            kept.append(
                Toponym(start, end, found.group(), weight=source.weight, candidates=source.candidates)
            )
    return kept


def _words_of_full_name(name: str) -> list[str]:
    words = name.split()
    return words if len(words) > 1 else []


def _may_repeat_here(start: int, end: int, entities: list[Entity]) -> bool:
    """Whether a repeated place name may stand at a span: inside a place or organisation name, or
    as a whole entity of another label (mislabelled), but not inside a person's name or a date."""
    return all(
        e.label in HOST_LABELS or (e.start, e.end) == (start, end)
        for e in entities
        if e.start < end and start < e.end
    )


@dataclass
class _Run:
    """Capitalised words in a row, with connectors inside, as (start, end) offsets of `words`."""

    words: list[tuple[int, int]] = field(default_factory=list)
    opens_sentence: bool = False  # its first word is capitalised anyway


def _capitalised_runs(doc: Any, body: str) -> dict[int, tuple[_Run, int]]:
    """Every word of a capitalised run, by start offset, with its run and position in it. Sentences
    in title case (headlines) have no runs: every word of them is capitalised."""
    found: dict[int, tuple[_Run, int]] = {}
    sentence: list[_Run] = []
    run = _Run()
    words = capitalised = 0
    for start, length, sentence_start, alpha in doc.to_array([IDX, LENGTH, SENT_START, IS_ALPHA]).tolist():
        if sentence_start == 1:
            _keep_runs(found, sentence + [run], body, title_case=capitalised > TITLE_CASE_SHARE * words > 1)
            sentence, run, words, capitalised = [], _Run(opens_sentence=True), 0, 0
        upper = bool(alpha) and body[start].isupper()
        words += bool(alpha)
        capitalised += upper
        if upper or run.words and body[start : start + length].lower() in CONNECTORS:
            run.words.append((start, start + length))
            continue
        sentence.append(run)
        run = _Run()
    _keep_runs(found, sentence + [run], body, title_case=capitalised > TITLE_CASE_SHARE * words > 1)
    return found


def _keep_runs(found: dict[int, tuple[_Run, int]], runs: list[_Run], body: str, title_case: bool) -> None:
    if title_case:
        return
    for run in runs:
        while run.words and not body[run.words[-1][0]].isupper():
            run.words.pop()  # a connector ends no name
        for index, (start, _) in enumerate(run.words):
            found[start] = (run, index)


def _extended(body: str, toponym: Toponym, runs: dict[int, tuple[_Run, int]], lexicon: _Lexicon) -> Toponym:
    """A place entity stretched to the longer name it opens ("Deir" in "Deir ez-Zor")."""
    if toponym.candidates or toponym.start not in runs:
        return toponym
    run, index = runs[toponym.start]
    match = _longest_known(body, run, index, lexicon)
    if match is None or match[1].end <= toponym.end:
        return toponym
    return match[1]


def _from_capitalised_runs(
    body: str, runs: dict[int, tuple[_Run, int]], lexicon: _Lexicon, covered: bytearray
) -> list[Toponym]:
    found: list[Toponym] = []
    for run in {id(run): run for run, _ in runs.values()}.values():
        index = 0
        while index < len(run.words):
            match = _longest_known(body, run, index, lexicon)
            if match is None:
                index += 1
                continue
            index, toponym = match
            if not any(covered[toponym.start : toponym.end]):
                found.append(toponym)
    return found


def _longest_known(body: str, run: _Run, index: int, lexicon: _Lexicon) -> tuple[int, Toponym] | None:
    """The longest known name starting at a word of a run; a capitalised sentence opener counts only
    as part of a longer name ("Kafr Batna said", not "Police said")."""
    words = run.words
    start = words[index][0]
    if not body[start].isupper():
        return None  # a connector starts no name
    shortest = 2 if index == 0 and run.opens_sentence else 1
    # A town named by a word inside a longer name is most likely a word ("Mansfield Police Department").
    inside_a_name = index > 0 and body[words[index - 1][0]].isupper()
    least_population = INSIDE_NAME_MIN_POPULATION if inside_a_name else SCAN_MIN_POPULATION
    for size in range(min(MAX_NGRAM, len(words) - index), shortest - 1, -1):
        last_start, end = words[index + size - 1]
        if not body[last_start].isupper():
            continue
        text = body[start:end]
        best = lexicon.best_exact(text)
        if best is not None and lexicon.plausible(text, best, least_population):
            return index + size, Toponym(start, end, text)
        demonym = _as_demonym(Toponym(start, end, text), lexicon.gazetteer)  # "Syrian" in "Free Syrian Army"
        if demonym is not None:
            return index + size, demonym
    return None


@dataclass(frozen=True)
class _Lexicon:
    """What scanning consults: the gazetteer, and the words the article also writes in lower case."""

    gazetteer: Gazetteer
    lowercase_words: frozenset[str]

    def best_exact(self, text: str) -> Candidate | None:
        """The most plausible entry the text names, not loosely and not as a demonym."""
        return next((c for c in self.gazetteer.exact_candidates(text) if c.kind < SKELETON), None)

    def is_known_place(self, text: str) -> bool:
        """An entity spaCy labelled ORG whose whole text is a place name ("expel it from Ghouta")."""
        best = self.best_exact(text)
        return best is not None and self.plausible(text, best)

    def plausible(self, text: str, best: Candidate, least_population: int = SCAN_MIN_POPULATION) -> bool:
        """Whether a capitalised name outside any place entity is likely a place rather than a word or
        a name: a name of several words that the gazetteer spells so ("Kafr Batna"), a division, a
        reviewed alias, a country's abbreviation, or a town large enough to be meant by its own English
        name. A one-word foreign spelling of a town ("Hamas" for Hamm) is no evidence, nor is a town
        named by a word the article also writes in lower case ("Police", "police said")."""
        if best.kind == DEMONYM:
            return False
        if best.kind <= ALTERNATE and _MULTIWORD.search(text):
            return True
        if best.kind > PRIMARY and len(text) <= 4:
            # Short other names: a country's ("US", "UAE") or a dotted abbreviation ("Pa."), not a code
            # that is also a word or an office ("PA", "MD").
            return best.kind == ALTERNATE and (best.place.feature in ("country", "continent") or "." in text)
        if best.place.feature in ("country", "continent", "admin1") or best.place.id.startswith("alias:"):
            return True
        if best.place.feature == "city" and (best.kind > PRIMARY or text.lower() in self.lowercase_words):
            return False
        return best.place.population >= least_population
