"""Fixtures for the actor tests: a parsed seed article and a helper that parses any text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep import nlp
from sitrep.actors import ActorRegistry, ActorResolver
from sitrep.extract import extract
from sitrep.records import Analysis, Article, Document, Mention

Resolve = Callable[..., Analysis]


def analyse(
    paragraphs: list[str], published: str | None = None, registry: ActorRegistry | None = None
) -> Analysis:
    article = Article(id="test", url="", title="", paragraphs=paragraphs, published=published)
    doc = nlp.parse(article.body)
    entities = [Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    analysis = Analysis(article=article, doc=doc, entities=entities)
    ActorResolver(registry)(analysis)
    return analysis


@pytest.fixture(scope="session")
def resolve() -> Resolve:
    """Resolve the actors of a text (paragraphs separated by blank lines)."""

    def run(text: str, published: str | None = None, registry: ActorRegistry | None = None) -> Analysis:
        return analyse([p.strip() for p in text.split("\n\n") if p.strip()], published, registry)

    return run


def _seed_paragraphs(path: Path) -> list[str]:
    document = Document(str(path), path.read_bytes(), "text", datetime.now(UTC))
    return extract(document).paragraphs


@pytest.fixture(scope="session")
def seed_analysis(seed_path: Path) -> Analysis:
    return analyse(_seed_paragraphs(seed_path))
