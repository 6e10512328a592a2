"""Anaphora: "the organization", "the militants", "the judicial body" resolved to actors named before.

Candidates are the actors mentioned earlier in the article, scored by salience: each earlier mention
adds a weight that halves with every sentence between it and the anaphor, doubled when the mention is
a clause subject. An anaphor never refers to an actor inside the subject of its own clause (a body
"that demanded the organization be dissolved" is not the organization); for a relative clause the
subject is the noun phrase the relative pronoun stands for.
"""

from __future__ import annotations

from typing import Any

from sitrep.actors.context import ArticleContext
from sitrep.actors.registry import ActorEntry

ARMED_KINDS = frozenset({"REB", "UAF", "PRM", "CRM", "MIL"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
_DECAY = 0.5
_SUBJECT_WEIGHT = 2.0
_MIN_SALIENCE = 0.05  # about four sentences back for a single mention


def resolve_anaphor(ctx: ArticleContext, start: int, end: int, anaphor: str) -> str | None:
    """The actor an anaphoric noun phrase at [start, end) refers to, or None."""
    excluded = own_clause_subject(ctx, start, end)
    scores = salience(ctx, start)
    ranked = sorted(
        ((score, actor_id) for actor_id, score in scores.items() if actor_id not in excluded),
        reverse=True,
    )
    for score, actor_id in ranked:
        if score >= _MIN_SALIENCE and compatible(ctx.entry(actor_id), anaphor, ctx):
            return actor_id
    return None


def compatible(entry: ActorEntry, anaphor: str, ctx: ArticleContext) -> bool:
    if entry.type != "organization":
        return False
    return anaphor != "armed" or entry.role_on(ctx.day).kind in ARMED_KINDS


def salience(ctx: ArticleContext, position: int) -> dict[str, float]:
    here = ctx.sentence_of(position)
    scores: dict[str, float] = {}
    for mention in ctx.before(position):
        weight = _DECAY ** (here - ctx.sentence_of(mention.start))
        if _is_subject(ctx, mention.start, mention.end):
            weight *= _SUBJECT_WEIGHT
        scores[mention.actor_id] = scores.get(mention.actor_id, 0.0) + weight
    return scores


def _is_subject(ctx: ArticleContext, start: int, end: int) -> bool:
    span = ctx.span(start, end)
    return span is not None and span.root.dep_ in SUBJECT_DEPS


def own_clause_subject(ctx: ArticleContext, start: int, end: int) -> set[str]:
    """Actor ids mentioned in the subject of the clause that contains [start, end)."""
    span = ctx.span(start, end)
    if span is None:
        return set()
    ranges = _subject_ranges(span.root)
    return {m.actor_id for a, b in ranges for m in ctx.at(a, b)}


def _subject_ranges(token: Any) -> list[tuple[int, int]]:
    verb = _clause_verb(token)
    for _ in range(4):  # climb through clauses whose subject is the anaphor itself or is missing
        if verb is None:
            return []
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if subjects and not any(token in subject.subtree for subject in subjects):
            return [_subject_range(verb, subject) for subject in subjects]
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or verb.head is verb:
            return []
        verb = _clause_verb(verb.head)
    return []


def _subject_range(verb: Any, subject: Any) -> tuple[int, int]:
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        # The relative pronoun stands for the noun phrase the clause hangs on.
        return verb.head.left_edge.idx, verb.left_edge.idx
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)


def _clause_verb(token: Any) -> Any:
    current = token
    while True:
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head is current:
            return None
        current = current.head


def definite_description(ctx: ArticleContext, start: int, end: int) -> str | None:
    """An actor named before whose name ends with the words of a definite description ("the
    judicial body" -> "Unified Judicial Body"), most recent first."""
    words = ctx.text[start:end].lower().split()
    if not words:
        return None
    for mention in reversed(ctx.before(start)):
        entry = ctx.entry(mention.actor_id)
        for name in (entry.name, *entry.aliases):
            name_words = name.lower().split()
            if len(name_words) > len(words) and name_words[-len(words) :] == words:
                return mention.actor_id
    return None
