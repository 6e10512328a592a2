"""The actor resolution stage: names, entities, agents and anaphora -> ActorMentions and Actors.

Order matters and goes from the surest evidence to the weakest: dictionary names and aliases (longest
match first), then named entities the dictionary lacks, then generic agent words and anaphora, which
lean on the actors already found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from typing import Any

from sitrep.actors.agents import resolve_agents
from sitrep.actors.context import AGENT, ALIAS_SOURCES, NAME, ArticleContext
from sitrep.actors.entities import PLACE_LABELS, resolve_capitals, resolve_entities
from sitrep.actors.matcher import Match, tokenize
from sitrep.actors.registry import ActorRegistry, AgentHit, Hit, NameHit, as_date, strip_article
from sitrep.records import Actor, Analysis, Mention

_MIN_FOCUS_VOTES = 2


class ActorResolver:
    """Pipeline component: fills `analysis.actor_mentions` and `analysis.actors` from the body.

    `is_place` (for instance a gazetteer's `knows`) lets one-word names that spaCy took for an
    organisation or a person ("bombs hit Duma") be recognised as places rather than actors.
    """

    def __init__(
        self, registry: ActorRegistry | None = None, is_place: Callable[[str], bool] | None = None
    ) -> None:
        self.registry = registry or ActorRegistry.default()
        self.is_place = is_place

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.article.body
        entities = analysis.entities or _doc_entities(analysis.doc)
        tokens = tokenize(text)
        ctx = ArticleContext(
            registry=self.registry,
            text=text,
            doc=analysis.doc,
            day=as_date(analysis.article.published),
            matches=_outside_places(self.registry.matcher.find(text, tokens), entities),
            tokens=tokens,
        )
        if self.is_place is not None:
            ctx.is_place = self.is_place
        _add_names(ctx)
        ctx.focus = country_focus(ctx, entities)
        resolve_entities(ctx, entities)
        resolve_capitals(ctx, entities)
        resolve_agents(ctx)
        analysis.actor_mentions = ctx.ordered()
        analysis.actors = _actors(ctx)


def actors_in(analysis: Analysis, start: int, end: int) -> list[str]:
    """Ids of the actors mentioned inside the body range [start, end), in text order, once each."""
    seen: dict[str, None] = {}
    for mention in analysis.actor_mentions:
        if start <= mention.start and mention.end <= end:
            seen.setdefault(mention.actor_id, None)
    return list(seen)


def _outside_places(matches: list[Match[Hit]], entities: list[Mention]) -> list[Match[Hit]]:
    """Agent words inside place names are not agents: the "Bank" of "West Bank", the "State" of
    "West Darfur State"."""
    places = sorted((e.start, e.end) for e in entities if e.label in PLACE_LABELS)
    starts = [start for start, _ in places]

    def inside_place(match: Match[Hit]) -> bool:
        index = bisect_right(starts, match.start) - 1
        return index >= 0 and match.end <= places[index][1]

    return [m for m in matches if not (isinstance(m.value, AgentHit) and inside_place(m))]


def _add_names(ctx: ArticleContext) -> None:
    for match in ctx.matches:
        if isinstance(match.value, NameHit):
            ctx.add(match.start, match.end, match.value.actor_id, NAME)


def country_focus(ctx: ArticleContext, entities: list[Mention]) -> str | None:
    """The country most of the article's actors and places belong to, when one clearly dominates."""
    votes: Counter[str] = Counter()
    for mention in ctx.mentions.values():
        country = ctx.entry(mention.actor_id).role_on(ctx.day).country
        if country:
            votes[country] += 1
    capitals = ctx.registry.capitals()
    votes.update(capitals[e.text] for e in entities if e.label == "GPE" and e.text in capitals)
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= _MIN_FOCUS_VOTES and count * 2 > sum(votes.values()) else None


def _actors(ctx: ArticleContext) -> dict[str, Actor]:
    """The mentioned actors with their role on the article's date; aliases gain the forms seen that
    name the actor by themselves. A bare agent word ("the regime", "people", "a man") names whichever
    country's government or civilians the article is about: as an alias it would make every such
    actor answer to `actor:people`. The word stays in the mention's text."""
    actors: dict[str, Actor] = {}
    for key, mention in sorted(ctx.mentions.items()):
        actor = actors.get(mention.actor_id)
        if actor is None:
            actor = actors[mention.actor_id] = ctx.entry(mention.actor_id).actor(ctx.day)
        form = strip_article(mention.text)
        if _names_the_actor(ctx, key, form) and form != actor.name and form not in actor.aliases:
            actor.aliases.append(form)
    return actors


def _names_the_actor(ctx: ArticleContext, key: tuple[int, int], form: str) -> bool:
    how = ctx.how[key]
    return how in ALIAS_SOURCES and not (how == AGENT and ctx.registry.agent(form) is not None)


def _doc_entities(doc: Any) -> list[Mention]:
    if doc is None:
        return []
    return [Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
