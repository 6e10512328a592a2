"""The geoparsing pipeline component: find the toponyms of an article body and resolve them to places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.geo.build import DEMONYM, data_file, read_tsv
from sitrep.geo.detect import find_toponyms
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.resolve import INNER_NAME_POPULATION, Resolver, Toponym, mention_focus
from sitrep.records import Actor, Analysis, Place, PlaceMention

_APPOSITION = re.compile(r"\s*,\s*")
_COORDINATION = re.compile(r"\s*,?\s+(?:and|or)\s+")
# Actor sectors a place's own name can stand for (None: a state or a place itself).
PLACE_ACTOR_KINDS = {None, "GOV", "CVL"}
NAMED_ALONE_FEATURES = {"country", "admin1", "continent", "region"}
_DATELINE_END = re.compile(r"\s*(?:,[^.\n]{0,40})?\s*(?:\([^)]{0,40}\)\s*)?[-\u2013\u2014:]")
_NEXT_NAME_WORD = re.compile(r" ([A-Z][A-Za-z]+)\b")
# Capitalised words after a town's name that make a local place, office or paper of the town itself.
LOCAL_NAME_WORDS = frozenset(
    row[0] for row in read_tsv(data_file("local_name_words.tsv")) if row[0] != "word"
)


class Geoparser:
    """Fills `analysis.places` with every toponym of the body and the place it refers to.

    Run after the actor stage, it leaves out names inside actor names ("Iraq" in "Islamic State of
    Iraq and Syria", "Syrian" in "Syrian army"): they are evidence for resolving the other
    toponyms, not places the article names. Nor does it report a name the gazetteer does not know
    (a street, a slur in quotes): those resolve only for gold-span evaluation (`resolve_spans`).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)

    def __call__(self, analysis: Analysis) -> None:
        body = analysis.article.body
        toponyms = find_toponyms(analysis.doc, body, self.gazetteer)
        choices = self._resolve(body, toponyms)
        actor_names = [
            (m.start, m.end, _stands_for_a_place(analysis.actors.get(m.actor_id)))
            for m in analysis.actor_mentions
        ]
        analysis.places = [
            PlaceMention(t.start, t.end, body[t.start : t.end], c.place)
            for t, c in zip(toponyms, choices, strict=True)
            if c is not None and _is_place_mention(t, actor_names)
        ]

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
        """Resolve given toponym spans of a text (gold-span evaluation, or spans found elsewhere)."""
        toponyms = [Toponym(start, end, text[start:end]) for start, end in spans]
        return [c.place if c else None for c in self._resolve(text, toponyms)]

    def focus(self, analysis: Analysis) -> Place | None:
        """The place the article is about: its most named place, the most specific of those named as often."""
        return mention_focus(self.gazetteer, analysis.places)

    def _resolve(self, text: str, toponyms: list[Toponym]) -> list[Candidate | None]:
        order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
        for position, index in enumerate(order):
            toponym = toponyms[index]
            toponym.dateline = _is_dateline(text, toponym)
            toponym.namesake = self._opens_an_organisation_name(text, toponym)
            if position + 1 < len(order):
                following = toponyms[order[position + 1]]
                between = text[toponym.end : following.start]
                if _APPOSITION.fullmatch(between):
                    toponym.within = order[position + 1]
                elif _COORDINATION.fullmatch(between):
                    toponym.peers += (order[position + 1],)
                    following.peers += (index,)
        return self.resolver.resolve(toponyms)

    def _opens_an_organisation_name(self, text: str, toponym: Toponym) -> bool:
        """Whether the toponym opens the name of an organisation, a team or a company named after a
        place ("Cambridge Analytica", "Venice Commission", "Portland Trail Blazers"): a capitalised word
        follows that is neither a local word of the town nor a place or people's name of its own."""
        following = _NEXT_NAME_WORD.match(text, toponym.end)
        if following is None or following.group(1).lower() in LOCAL_NAME_WORDS:
            return False
        return not any(_names_a_place(c) for c in self.gazetteer.exact_candidates(following.group(1)))


def _names_a_place(candidate: Candidate) -> bool:
    """Whether a word's reading is a place or people's name it would mean in the news by itself."""
    place = candidate.place
    return (
        candidate.kind == DEMONYM
        or place.feature in NAMED_ALONE_FEATURES
        or place.population >= INNER_NAME_POPULATION
    )


def _is_dateline(text: str, toponym: Toponym) -> bool:
    """A capitalised place opening the text and followed by a dash ("DAMASCUS, Syria (Reuters) -")."""
    return (
        toponym.start <= 2 and toponym.text.isupper() and _DATELINE_END.match(text, toponym.end) is not None
    )


def _stands_for_a_place(actor: Actor | None) -> bool:
    """Whether an actor named by a place name is that place: its state, its government by metonymy
    ("Moscow said"), its people ("Syrians"); not an organisation or a person ("UN", "al-Bakri")."""
    return actor is None or actor.kind in PLACE_ACTOR_KINDS


def _is_place_mention(toponym: Toponym, actor_names: Sequence[tuple[int, int, bool]]) -> bool:
    """A known place name that is not part of a longer actor name; a whole actor name is a place only
    when it names one itself ("Syria" the state), not through a name inside it."""
    if toponym.basis != "name" or toponym.evidence_only:
        return False
    length = toponym.end - toponym.start
    for start, end, place_like in actor_names:
        inside = start <= toponym.start and toponym.end <= end
        if inside and (end - start > length or not place_like):
            return False
    return True
