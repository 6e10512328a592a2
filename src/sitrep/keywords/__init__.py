"""Helpful keywords: ranked, entity-aware key phrases of an article.

`KeywordExtractor` is the pipeline component (it fills `analysis.keywords`); `extract_keywords`
parses a text itself for standalone use. Candidates are names and noun phrases of the body
(`candidates`), variants of one thing are counted together (`variants`), and groups are scored by
frequency, position, spread, name-ness and rarity in general English (`ranking`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep import nlp
from sitrep.keywords.candidates import find_candidates
from sitrep.keywords.ranking import Context, Weights, plain_words, rank
from sitrep.keywords.variants import group_occurrences
from sitrep.records import Actor, ActorMention, Analysis, Keyword

__all__ = ["KeywordExtractor", "Weights", "extract_keywords", "keywords_from_doc"]


class KeywordExtractor:
    """Pipeline component: `analysis.keywords` from the article and its parsed body."""

    def __init__(self, top_n: int = 10, weights: Weights | None = None) -> None:
        self.top_n = top_n
        self.weights = weights or Weights()

    def __call__(self, analysis: Analysis) -> None:
        article = analysis.article
        doc = analysis.doc if analysis.doc is not None else nlp.parse(article.body)
        analysis.keywords = keywords_from_doc(
            doc,
            headline=f"{article.title} {article.standfirst}",
            actor_mentions=analysis.actor_mentions,
            actors=analysis.actors,
            extractor=self,
            text=article.body,
        )


def keywords_from_doc(
    doc: Doc,
    headline: str = "",
    actor_mentions: list[ActorMention] | None = None,
    actors: dict[str, Actor] | None = None,
    extractor: KeywordExtractor | None = None,
    text: str | None = None,
) -> list[Keyword]:
    """Keywords of a parsed body; `headline` is the title and standfirst, which weigh as summaries.
    `text`, the string `doc` was parsed from, saves rebuilding it: spaCy joins the tokens anew on each
    access to `doc.text`."""
    extractor = extractor or KeywordExtractor()
    body = doc.text if text is None else text
    candidates = find_candidates(doc, body)
    if not candidates.occurrences:
        return []
    groups = group_occurrences(candidates.occurrences, body, actor_mentions or [], actors or {})
    context = Context(
        body_length=len(body),
        sentences=candidates.sentences,
        headline=plain_words(headline),
        word_counts=candidates.word_counts,
    )
    ranked = rank(groups, context, extractor.top_n, extractor.weights)
    return [Keyword(item.text, item.score) for item in ranked]


def extract_keywords(text: str, title: str = "", top_n: int = 10) -> list[Keyword]:
    """Keywords of a plain text (parsed with `sitrep.nlp.parse`), best first."""
    return keywords_from_doc(nlp.parse(text), headline=title, extractor=KeywordExtractor(top_n))
