"""Generic agents ("rebels", "the regime", "Turkish forces", "the regime's soldiers") become actors.

An agent word takes its actor from what qualifies it: a country ("Turkish forces" -> Turkish military),
a state institution ("the regime's soldiers" -> the Syrian military), an organisation ("ISIS members"
are ISIS; "ISIS judges" are ISIS's judiciary). Unqualified, it belongs to the country the article is
about when one dominates ("the regime" -> Syrian government), else to a generic sector actor. Definite
anaphoric nouns ("the organization", "the militants") and definite descriptions ("the judicial body")
go to actors named before.
"""

from __future__ import annotations

import re

from sitrep.actors.anaphora import definite_description, resolve_anaphor
from sitrep.actors.context import AGENT, ANAPHOR, MEMBER, ArticleContext
from sitrep.actors.matcher import Match
from sitrep.actors.registry import STATE_SECTORS, ActorEntry, Agent, AgentHit, Hit
from sitrep.records import ActorMention

_DEFINITE = re.compile(r"(?:^|\W)(?:the|this|that|these|those)\s+(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE)
# Between a qualifier and its agent noun, when they touch: a possessive at most. Modifiers in between
# ("Turkish special forces") are found through the parse.
_QUALIFIER_GAP = re.compile(r"^(?:['’]s)?\s*$")
_QUALIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})


def resolve_agents(ctx: ArticleContext) -> None:
    for match in ctx.matches:
        if not isinstance(match.value, AgentHit) or ctx.overlapping(match.start, match.end):
            continue
        if not _is_noun(ctx, match):
            continue
        _resolve_agent(ctx, match, match.value.agent)


def _resolve_agent(ctx: ArticleContext, match: Match[Hit], agent: Agent) -> None:
    if _DEFINITE.search(ctx.text[: match.start]):
        target = definite_description(ctx, match.start, match.end)
        if target is None and agent.anaphor and _qualifier(ctx, match) is None:
            target = resolve_anaphor(ctx, match.start, match.end, agent.anaphor)
        if target is not None:
            ctx.add(match.start, match.end, target, ANAPHOR)
            return
    if agent.sector is None:
        return
    qualifier = _qualifier(ctx, match)
    if qualifier is None:
        base = ctx.registry.country_id(ctx.focus) if ctx.focus else None
        ctx.add(match.start, match.end, ctx.use(ctx.registry.compose(base, agent.sector, ctx.day)), AGENT)
        return
    owner = ctx.entry(qualifier.actor_id)
    actor_id = _qualified(ctx, owner, agent)
    if actor_id == owner.id:
        ctx.add(match.start, match.end, actor_id, MEMBER)
    elif owner.type == "state" and owner.default.kind is None:
        # "Turkish forces": the country word belongs to the composite mention.
        ctx.replace(qualifier.start, match.end, actor_id, AGENT)
    else:
        ctx.add(match.start, match.end, actor_id, AGENT)


def _qualified(ctx: ArticleContext, owner: ActorEntry, agent: Agent) -> str:
    assert agent.sector is not None
    role = owner.role_on(ctx.day)
    if owner.type == "organization" and (agent.member or role.kind == agent.sector):
        return owner.id
    statelike = owner.type == "state" or (owner.type == "person" and role.kind in STATE_SECTORS)
    base = ctx.registry.country_id(role.country) if statelike and role.country else None
    return ctx.use(ctx.registry.compose(base or owner.id, agent.sector, ctx.day))


def _qualifier(ctx: ArticleContext, match: Match[Hit]) -> ActorMention | None:
    """The actor mention that qualifies an agent noun, by adjacency or by the parse."""
    for mention in reversed(ctx.before(match.start)):
        if _QUALIFIER_GAP.match(ctx.text[mention.end : match.start]):
            return mention
        break
    span = ctx.span(match.start, match.end)
    if span is None:
        return None
    for child in span.root.children:
        if child.dep_ in _QUALIFIER_DEPS and child.i < span.start:
            found = ctx.overlapping(child.idx, child.idx + len(child))
            if found:
                return found[0]
    return None


def _is_noun(ctx: ArticleContext, match: Match[Hit]) -> bool:
    """Agent words used as verbs or adjectives ("to monitor", "military campaign") are not agents."""
    span = ctx.span(match.start, match.end)
    return span is None or span[-1].pos_ in _NOUN_TAGS
