"""Assembles the stages: parse articles in batches, then run each named component over the Analysis.

Components are callables `(analysis) -> None` registered by name in COMPONENTS, built once per
pipeline; `Pipeline(["actors", "events"])` assembles a partial pipeline for tests or for `code`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitrep import nlp
from sitrep.errors import InputError
from sitrep.records import Analysis, Article, Document, Mention

if TYPE_CHECKING:
    from sitrep.geo import Gazetteer

Component = Callable[[Analysis], None]

# Languages the NLP stages are built for; other articles are stored and searchable, not analysed.
ANALYSED_LANGUAGES = {"en"}


@cache
def _gazetteer() -> Gazetteer:
    """One gazetteer, with one lookup cache, for every stage that looks names up."""
    from sitrep.geo import Gazetteer

    return Gazetteer.open()


def _actors() -> Component:
    from sitrep.actors import ActorRegistry, ActorResolver

    # The gazetteer keeps one-word towns that NER took for people or groups ("bombs hit Duma") out of actors.
    return ActorResolver(ActorRegistry.default(), is_place=_gazetteer().knows)


def _places() -> Component:
    from sitrep.geo import Geoparser

    return Geoparser(_gazetteer())


def _events() -> Component:
    from sitrep.events import EventCoder
    from sitrep.events.embedded import LIGHT, type_model_named

    # Users with CAMEO verb dictionaries of their own point to them; nothing of them ships with Sitrep.
    dictionaries = os.environ.get("SITREP_CAMEO_DICTIONARIES")
    # SITREP_TYPE_MODEL=embeddings: the optional embedding type model (sitrep[embeddings]); none: rules alone.
    model = type_model_named(os.environ.get("SITREP_TYPE_MODEL") or LIGHT)
    return EventCoder(
        dictionaries=Path(dictionaries) if dictionaries else None, learned=model is not None, type_model=model
    )


def _event_places() -> Component:
    from sitrep.geo import EventLocator

    return EventLocator(_gazetteer())


def _keywords() -> Component:
    from sitrep.keywords import KeywordExtractor

    return KeywordExtractor()


def _entities() -> Component:
    from sitrep.entities import link_entities

    return link_entities


COMPONENTS: dict[str, Callable[[], Component]] = {
    "actors": _actors,
    "places": _places,
    "entities": _entities,
    "events": _events,
    "event_places": _event_places,
    "keywords": _keywords,
}
DEFAULT = ("actors", "places", "entities", "events", "event_places", "keywords")


class Analyzer(Protocol):
    """What ingest needs of a pipeline: `Pipeline` in this process, `scale.ProcessPipeline` in workers."""

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]: ...

    def close(self) -> None: ...


class Pipeline:
    def __init__(self, names: Iterable[str] = DEFAULT, batch_size: int = nlp.BATCH_SIZE) -> None:
        unknown = [n for n in names if n not in COMPONENTS]
        if unknown:
            raise ValueError(f"unknown pipeline components {unknown}; known: {sorted(COMPONENTS)}")
        self.names = tuple(names)
        self.components = [(name, COMPONENTS[name]()) for name in self.names]
        self.batch_size = batch_size

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyses in input order; spaCy parses each batch with nlp.pipe."""
        stream = iter(articles)
        while batch := list(islice(stream, self.batch_size)):
            yield from self._analyze_batch(batch)

    def analyze_documents(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        """Extract each document's article and analyse it, in input order. A page with no article to
        extract gives its InputError instead, and so does one a stage fails on: that is a bug to report,
        but it must not stop the other documents."""
        stream = iter(documents)
        while batch := list(islice(stream, self.batch_size)):
            extracted = [_extracted(document) for document in batch]
            parsed = iter(self._parsed([x for x in extracted if isinstance(x, Article)]))
            for document, item in zip(batch, extracted, strict=True):
                yield item if isinstance(item, InputError) else self._analysed(document.origin, next(parsed))

    def close(self) -> None:
        """Nothing to release in-process; the worker-process pipeline stops its workers here."""

    def analyze_one(self, article: Article) -> Analysis:
        return self._analyze_batch([article])[0]

    def _analyze_batch(self, batch: list[Article]) -> list[Analysis]:
        analyses = self._parsed(batch)
        for analysis in analyses:
            self._run_components(analysis)
        return analyses

    def _analysed(self, origin: str, analysis: Analysis) -> Analysis | InputError:
        try:
            self._run_components(analysis)
        except Exception as error:  # noqa: BLE001 - reported with the input it happened on
            name = type(error).__name__
            return InputError(
                origin, f"analysis failed ({name}: {error}); this is a bug in Sitrep, please report it"
            )
        return analysis

    def _parsed(self, batch: list[Article]) -> list[Analysis]:
        """Analyses of the articles, parsed in one nlp.pipe batch where there is English text to parse."""
        analyses = [Analysis(article=a) for a in batch]
        parseable = [x for x in analyses if self._parseable(x)]
        for analysis, doc in zip(parseable, nlp.parse_many(x.article.body for x in parseable), strict=True):
            analysis.doc = doc
            analysis.entities = entities(doc)
        return analyses

    def _run_components(self, analysis: Analysis) -> None:
        if analysis.doc is not None:
            for _, component in self.components:
                component(analysis)

    @staticmethod
    def _parseable(analysis: Analysis) -> bool:
        language = analysis.article.language
        if language and language not in ANALYSED_LANGUAGES:
            analysis.warnings.append(
                f"language is {language!r}, not English: stored and searchable, but not analysed"
            )
            return False
        return bool(analysis.article.body.strip())


def _extracted(document: Document) -> Article | InputError:
    from sitrep.extract import extract  # trafilatura loads only when there is something to extract

    try:
        return extract(document)
    except InputError as error:
        return error


def entities(doc: object) -> list[Mention]:
    """Named entities of a spaCy Doc as Mentions (character spans of the parsed text)."""
    return [
        Mention(start=ent.start_char, end=ent.end_char, label=ent.label_, text=ent.text)
        for ent in doc.ents  # type: ignore[attr-defined]
    ]
