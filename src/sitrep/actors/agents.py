"""Generic agents ("rebels", "the regime", "Turkish forces", "the regime's soldiers") and pronouns.

An agent word takes its actor from what qualifies it: a country ("Turkish forces" -> Turkish military),
a state institution ("the regime's soldiers" -> the Syrian military), an organisation ("ISIS members"
are ISIS; "ISIS judges" are ISIS's judiciary). An agent in apposition to an actor is that actor ("the
Brigade, an armed faction"). Unqualified, it belongs to the country the article is about when one
dominates ("the regime" -> Syrian government), else to a generic sector actor. Definite anaphoric nouns
("the organization", "the militants"), definite descriptions ("the judicial body") and pronouns ("it",
"its", "their") go to actors named before.

Agents and pronouns are read in one left-to-right pass, so that each sees the actors resolved before
it: "The Kurdish militia said two of its fighters were killed" resolves "its" to the militia, then
"fighters" to the militia through "its".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from sitrep.actors.anaphora import definite_description, resolve_anaphor, resolve_pronoun
from sitrep.actors.context import AGENT, ANAPHOR, MEMBER, ROLE, ArticleContext
from sitrep.actors.matcher import Match
from sitrep.actors.registry import STATE_SECTORS, ActorEntry, Agent, AgentHit, Hit
from sitrep.records import ActorMention

# A determiner, then up to two lower-case modifiers: "the group", "the armed group", not "the Kurdish
# militia" (a qualified noun, not an anaphor).
_DETERMINER_REACH = 48  # characters: a determiner and two modifiers
_DEFINITE = re.compile(r"(?:^|\W)(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[a-z][a-z-]*\s+){0,2}$")
_QUALIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
_OWNER_PREPOSITIONS = {"of": ("state", "organization"), "from": ("state",), "in": ("state",)}
_FORMER = re.compile(r"\b(?:former|ex|ousted|deposed|exiled)[\s-]+(?:[a-z]+\s+)?$", re.IGNORECASE)
PRONOUNS = {"it": "it", "its": "it", "itself": "it", "they": "they", "them": "they", "their": "they"}
_PRONOUN_IDS = frozenset(get_string_id(word) for word in PRONOUNS)
# Verbs whose "it" subject is a dummy: "It seems that ...", and, with a clause, "it is clear that ...",
# "it was reported that ...".
_RAISING_VERBS = frozenset({"seem", "appear", "happen", "emerge", "transpire", "matter"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj"})


def resolve_agents(ctx: ArticleContext) -> None:
    """Agents and pronouns, in text order."""
    for item in sorted(_items(ctx), key=_position):
        if not isinstance(item, Match):
            _resolve_pronoun(ctx, item)
        elif (
            isinstance(item.value, AgentHit)
            and not ctx.overlapping(item.start, item.end)
            and _is_noun(ctx, item)
        ):
            _resolve_agent(ctx, item, item.value.agent)


def _items(ctx: ArticleContext) -> Iterator[Any]:
    """Agent matches and pronoun tokens."""
    yield from (match for match in ctx.matches if isinstance(match.value, AgentHit))
    if ctx.doc is not None and len(ctx.doc):
        # The lower-case forms as one array: only the pronouns become Token objects.
        lowers = ctx.doc.to_array(LOWER).tolist()
        yield from (ctx.doc[i] for i, lower in enumerate(lowers) if lower in _PRONOUN_IDS)


def _position(item: Any) -> int:
    return item.start if isinstance(item, Match) else item.idx


def _resolve_agent(ctx: ArticleContext, match: Match[Hit], agent: Agent) -> None:
    appositive = _apposed_actor(ctx, match)
    if appositive is not None:
        _learn_kind(ctx, appositive, agent)
        ctx.add(match.start, match.end, appositive, ROLE)
        return
    if _DEFINITE.search(ctx.text, max(match.start - _DETERMINER_REACH, 0), match.start):
        target = definite_description(ctx, match.start, match.end)
        if target is None and agent.anaphor and _qualifier(ctx, match) is None:
            target = resolve_anaphor(ctx, match.start, match.end, agent.anaphor)
        if target is not None:
            ctx.add(match.start, match.end, target, ANAPHOR)
            return
    agent = _as_former(ctx, match, agent)
    qualifier = _qualifier(ctx, match)
    if qualifier is None:
        if agent.sector is not None:
            base = ctx.registry.country_id(ctx.focus) if ctx.focus else None
            ctx.add(match.start, match.end, ctx.use(ctx.registry.compose(base, agent.sector, ctx.day)), AGENT)
        return
    owner = ctx.entry(qualifier.actor_id)
    actor_id = _qualified(ctx, owner, agent)
    if actor_id is None:
        return
    if actor_id == owner.id:
        ctx.add(match.start, match.end, actor_id, MEMBER)
    elif _is_country_word(ctx, qualifier):
        # The country word belongs to the composite ("Turkish forces", "the president of Armenia"),
        # and so do its conjuncts: "Hungarian and Romanian officials" are two governments.
        if qualifier.start < match.start:
            ctx.replace(qualifier.start, match.end, actor_id, AGENT)
        else:
            ctx.add(match.start, match.end, actor_id, AGENT)
            ctx.replace(qualifier.start, qualifier.end, actor_id, AGENT)
        _distribute_over_conjuncts(ctx, qualifier, agent)
    else:
        ctx.add(match.start, match.end, actor_id, AGENT)


def _qualified(ctx: ArticleContext, owner: ActorEntry, agent: Agent) -> str | None:
    """The actor an agent qualified by `owner` names: the owner itself when the agent belongs to it,
    else the owner's branch for the agent's sector; a leader of a country is its government.
    A dictionary agent whose code names no PLOVER sector (PETRARCH's `~MOP`) keeps its code."""
    role = owner.role_on(ctx.day)
    if (agent.sector and role.kind == agent.sector) or _belongs_to(owner, role.kind, agent):
        return owner.id
    statelike = owner.type == "state" or (owner.type == "person" and role.kind in STATE_SECTORS)
    sector = agent.sector or ("GOV" if statelike and (agent.leader or agent.person) else None)
    if sector is None and not agent.code:
        return None
    base = ctx.registry.country_id(role.country) if statelike and role.country else None
    return ctx.use(ctx.registry.compose(base or owner, sector, ctx.day, agent.code))


def _belongs_to(owner: ActorEntry, owner_kind: str | None, agent: Agent) -> bool:
    """Whether the agent is the owner itself: members and leaders of an organisation ("ISIS
    fighters", "its emir"), and any agent qualified by a sector group ("opposition activists")."""
    if owner.type == "organization":
        return agent.member or agent.leader or (agent.sector is None and agent.person)
    if owner.type == "group":
        return owner_kind is not None or agent.member or (agent.sector is None and agent.person)
    return False


def _as_former(ctx: ArticleContext, match: Match[Hit], agent: Agent) -> Agent:
    """ "former security officials", "the ousted president": office holders no more (ELI)."""
    if agent.sector in STATE_SECTORS and _FORMER.search(ctx.text, max(match.start - 32, 0), match.start):
        return replace(agent, sector="ELI", code="~ELI")
    return agent


def _is_country_word(ctx: ArticleContext, mention: ActorMention) -> bool:
    entry = ctx.entry(mention.actor_id)
    return (
        entry.type == "state"
        and entry.default.kind is None
        and ctx.how[mention.start, mention.end] != ANAPHOR
    )


def _distribute_over_conjuncts(ctx: ArticleContext, qualifier: ActorMention, agent: Agent) -> None:
    span = ctx.span(qualifier.start, qualifier.end)
    if span is None:
        return
    for token in span.root.conjuncts:
        for mention in ctx.overlapping(token.idx, token.idx + len(token)):
            if _is_country_word(ctx, mention):
                actor_id = _qualified(ctx, ctx.entry(mention.actor_id), agent)
                if actor_id is not None:
                    ctx.replace(mention.start, mention.end, actor_id, AGENT)


def _qualifier(ctx: ArticleContext, match: Match[Hit]) -> ActorMention | None:
    """The actor mention that qualifies an agent noun: one touching it ("Hezbollah mercenaries", "the
    regime's soldiers") or, through the parse, a modifier ("Turkish special forces") or an "of"
    phrase ("the president of Armenia")."""
    touching = ctx.ending_at(ctx.end_before(match.start, possessive=True))
    if touching is not None:
        return touching
    span = ctx.span(match.start, match.end)
    if span is None:
        return None
    for child in span.root.children:
        if child.dep_ in _QUALIFIER_DEPS and child.i < span.start:
            found = ctx.overlapping(child.idx, child.idx + len(child))
            if found:
                return found[0]
    return _of_phrase_owner(ctx, span.root) or _conjunct_owner(ctx, span.root)


def _conjunct_owner(ctx: ArticleContext, token: Any) -> ActorMention | None:
    """ "Israeli helicopters and tanks": a conjoined agent shares the country of the first."""
    if token.dep_ != "conj":
        return None
    head = token.head
    for mention in ctx.overlapping(head.idx, head.idx + len(head)):
        if ctx.how[mention.start, mention.end] == AGENT and ctx.entry(mention.actor_id).type == "state":
            return mention
    return None


def _of_phrase_owner(ctx: ArticleContext, head: Any) -> ActorMention | None:
    """ "the president of Armenia", "fighters of the Islamic Front", "soldiers from Gondor",
    "lawmakers in Fornost": a named organisation (after "of") or state."""
    for preposition in head.children:
        owner_types = _OWNER_PREPOSITIONS.get(preposition.lower_, ()) if preposition.dep_ == "prep" else ()
        for obj in preposition.children if owner_types else ():
            found = ctx.overlapping(obj.idx, obj.idx + len(obj)) if obj.dep_ == "pobj" else []
            if found and ctx.entry(found[0].actor_id).type in owner_types:
                return found[0]
    return None


def _apposed_actor(ctx: ArticleContext, match: Match[Hit]) -> str | None:
    """The actor an agent phrase stands in apposition to: "the Brigade, an armed faction"."""
    span = ctx.span(match.start, match.end)
    if span is None or span.root.dep_ != "appos":
        return None
    head = span.root.head
    found = ctx.overlapping(head.idx, head.idx + len(head))
    return found[0].actor_id if found else None


def _learn_kind(ctx: ArticleContext, actor_id: str, agent: Agent) -> None:
    """An ad-hoc actor of unknown kind takes the sector of an agent phrase describing it."""
    entry = ctx.local.get(actor_id)
    if entry is not None and entry.default.kind is None and agent.sector:
        country = entry.default.country
        code = country + agent.sector if country else None
        entry.default = replace(entry.default, kind=agent.sector, code=code)


def _resolve_pronoun(ctx: ArticleContext, token: Any) -> None:
    start, end = token.idx, token.idx + len(token)
    if ctx.overlapping(start, end) or _is_dummy_it(token):
        return
    target = resolve_pronoun(ctx, start, PRONOUNS[token.lower_])
    if target is not None:
        ctx.add(start, end, target, ANAPHOR)


def _is_dummy_it(token: Any) -> bool:
    """ "It seems that ...", "it is clear that ...": an "it" that stands for no actor."""
    if token.dep_ == "expl":
        return True
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = token.head
    if head.lemma_ in _RAISING_VERBS:
        return True
    if head.lemma_ != "be" and token.dep_ != "nsubjpass":
        return False
    complements = [head, *(child for child in head.children if child.dep_ == "acomp")]
    return any(child.dep_ in _CLAUSE_DEPS for word in complements for child in word.children)


def _is_noun(ctx: ArticleContext, match: Match[Hit]) -> bool:
    """Agent words used as verbs or adjectives ("to monitor", "military campaign") are not agents."""
    span = ctx.span(match.start, match.end)
    return span is None or span[-1].pos_ in _NOUN_TAGS
