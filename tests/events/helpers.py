"""Test helpers: articles parsed with the project's model, actor mentions from a small alias table."""

from __future__ import annotations

import re

from sitrep import nlp
from sitrep.events import EventCoder
from sitrep.records import ActorMention, Analysis, Article, Event


def mentions_for(body: str, aliases: dict[str, list[str]]) -> list[ActorMention]:
    """Actor mentions for every alias occurrence, longest alias first, without overlaps."""
    taken: set[int] = set()
    found: list[ActorMention] = []
    pairs = sorted(
        ((alias, actor) for actor, names in aliases.items() for alias in names), key=lambda p: -len(p[0])
    )
    for alias, actor in pairs:
        for match in re.finditer(rf"\b{re.escape(alias)}\b", body):
            span = range(match.start(), match.end())
            if taken.intersection(span):
                continue
            taken.update(span)
            found.append(ActorMention(match.start(), match.end(), match.group(), actor))
    return sorted(found, key=lambda m: m.start)


def code(
    text: str, aliases: dict[str, list[str]] | None = None, published: str | None = "2021-03-12"
) -> Analysis:
    return analyse(text, aliases or {}, EventCoder(), published)


def analyse(
    text: str, aliases: dict[str, list[str]], coder: EventCoder, published: str | None = "2021-03-12"
) -> Analysis:
    """Parse a one-paragraph article, add actor mentions from the alias table and run the coder."""
    article = Article(id="t", url="", title="", paragraphs=[text], published=published)
    analysis = Analysis(article=article, doc=nlp.parse(article.body))
    analysis.actor_mentions = mentions_for(article.body, aliases)
    coder(analysis)
    return analysis


def of_type(analysis: Analysis, event_type: str) -> list[Event]:
    return [e for e in analysis.events if e.type == event_type]
