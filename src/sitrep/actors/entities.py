"""Named entities the dictionary does not know become ad-hoc actors of the article.

An ORG, NORP or PERSON entity is trimmed to the name itself ("Ghouta's Unified Judicial Body" ->
"Unified Judicial Body", "the Islamic Front" -> "Islamic Front"); its kind comes from the agent words
inside it ("Judicial Body" -> JUD, "... Army" -> MIL, or REB when no country is named). A name in
apposition to a role noun ("the Islamic Army judge, Anas Quider"; "the military commander of the
Islamic Front, Zahran Aloush") is a person in that role, affiliated to the organisation named with the
role; leaders take their organisation's sector, other roles their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.actors.context import ENTITY, ROLE, ArticleContext
from sitrep.actors.matcher import Match, PhraseMatcher
from sitrep.actors.registry import ActorEntry, Agent, AgentHit, Hit, NameHit, Role, slugify
from sitrep.records import Mention

ACTOR_LABELS = frozenset({"ORG", "NORP", "PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "across", "into", "toward", "towards"}
)
_POSSESSOR = re.compile(r"^.*['’]s\s+", re.DOTALL)
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s?|[\s,.;:!?)\"“”])+$")
# A sector inferred from an ad-hoc name's agent words when no country is named in it: an army that
# belongs to no state is an armed group.
_STATELESS = {"MIL": "REB"}


@dataclass(frozen=True)
class RoleNoun:
    match: Match[Hit]
    affiliation: str | None  # actor id of the organisation the role is held in


def resolve_entities(ctx: ArticleContext, entities: list[Mention]) -> None:
    places = [e.text for e in entities if e.label in PLACE_LABELS]
    created: list[ActorEntry] = []
    for entity in entities:
        if entity.label not in ACTOR_LABELS:
            continue
        start, end = _trim(ctx.text, entity.start, entity.end)
        if end - start < 2 or not ctx.text[start].isupper() or _is_place(ctx, entity, start, end, places):
            continue
        entry = _entity_actor(ctx, entity, start, end)
        if entry is None:
            continue
        ctx.replace(start, end, ctx.use(entry), ENTITY)
        created.append(entry)
    _find_repeats(ctx, created)


def _entity_actor(ctx: ArticleContext, entity: Mention, start: int, end: int) -> ActorEntry | None:
    """The actor an entity names, or None when the dictionary already covers it."""
    names = [m for m in ctx.matches if isinstance(m.value, NameHit) and m.start < end and start < m.end]
    countries = [m for m in names if ctx.entry(m.value.actor_id).default.kind is None]  # type: ignore[union-attr]
    text = ctx.text[start:end]
    if len(countries) < len(names) or any(m.start == start and m.end == end for m in names):
        return None
    country = ctx.entry(countries[0].value.actor_id).default.country if countries else None  # type: ignore[union-attr]
    role = find_role(ctx, start, end)
    if entity.label == "PERSON" or role is not None:
        return _person(ctx, text, role, country)
    kind = _kind_from_words(ctx, start, end, named_country=country is not None)
    actor_type = "group" if entity.label == "NORP" else "organization"
    country = country or ctx.focus
    return ActorEntry(slugify(text), text, [], Role(kind, _code(country, kind), country), type=actor_type)


def _person(ctx: ArticleContext, name: str, role: RoleNoun | None, country: str | None) -> ActorEntry:
    kind = None
    if role is not None:
        agent = _agent(role.match)
        affiliated = ctx.entry(role.affiliation).role_on(ctx.day) if role.affiliation else None
        kind = affiliated.kind if agent.leader and affiliated and affiliated.kind else agent.sector
        country = country or (affiliated.country if affiliated else None)
        ctx.add(role.match.start, role.match.end, slugify(name), ROLE)
    country = country or ctx.focus
    return ActorEntry(slugify(name), name, [], Role(kind, _code(country, kind), country), type="person")


def _code(country: str | None, kind: str | None) -> str | None:
    return country + kind if country and kind else None


def _kind_from_words(ctx: ArticleContext, start: int, end: int, named_country: bool) -> str | None:
    inside = [m for m in ctx.matches if isinstance(m.value, AgentHit) and start <= m.start and m.end <= end]
    sectors = [m.value.agent.sector for m in inside if m.value.agent.sector]  # type: ignore[union-attr]
    if not sectors:
        return None
    sector = sectors[-1]
    return sector if named_country else _STATELESS.get(sector, sector)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside an entity span, without a possessor, a leading article or trailing marks."""
    span = text[start:end]
    possessor = _POSSESSOR.match(span)
    if possessor and possessor.end() < len(span):
        start += possessor.end()
    article = _ARTICLE.match(text[start:end])
    if article:
        start += article.end()
    trailing = _TRAILING.search(text[start:end])
    if trailing:
        end = start + trailing.start()
    return start, end


def _is_place(ctx: ArticleContext, entity: Mention, start: int, end: int, places: list[str]) -> bool:
    """An ORG or PERSON that is really part of a place name ("Ghouta" of "Eastern Ghouta"), or a
    person "in" somewhere (a market called "Souq Al Hal")."""
    name = ctx.text[start:end]
    if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", place) for place in places):
        return True
    span = ctx.span(start, end)
    if entity.label == "PERSON" and span is not None:
        head = span.root.head
        return span.root.dep_ == "pobj" and head.lower_ in _LOCATIVE
    return False


# --- roles ------------------------------------------------------------------------------------------
def find_role(ctx: ArticleContext, start: int, end: int) -> RoleNoun | None:
    """The person-role noun a name stands in apposition to, with the organisation it belongs to."""
    role = _role_before(ctx, start) or _role_by_apposition(ctx, start, end)
    if role is None:
        return None
    if role.affiliation is None:
        return RoleNoun(role.match, _affiliation(ctx, role.match))
    return role


def _role_before(ctx: ArticleContext, start: int) -> RoleNoun | None:
    """ "judge Anas Quider", "the judge, Anas Quider": a role noun right before the name."""
    before = ctx.text[:start].rstrip()
    before = before[:-1].rstrip() if before.endswith(",") else before
    for match in _person_roles(ctx):
        if match.end == len(before):
            return RoleNoun(match, None)
    owner = _mention_ending_at(ctx, len(before))
    if owner is None:
        return None
    # "<role> of [the] <organisation>, <Name>"
    lead = re.search(r"\bof\s+(?:the\s+)?$", ctx.text[: owner.start])
    if lead is None:
        return None
    for match in _person_roles(ctx):
        if ctx.text[match.end : lead.start()].strip() == "":
            return RoleNoun(match, owner.actor_id)
    return None


def _role_by_apposition(ctx: ArticleContext, start: int, end: int) -> RoleNoun | None:
    span = ctx.span(start, end)
    if span is None or span.root.dep_ != "appos":
        return None
    head = span.root.head
    role = _person_role_at(ctx, head.idx)
    if role is not None:
        return RoleNoun(role, None)
    owner = ctx.overlapping(head.idx, head.idx + len(head))
    if owner and head.dep_ == "pobj" and head.head.lower_ == "of":
        role = _person_role_at(ctx, head.head.head.idx)
        if role is not None:
            return RoleNoun(role, owner[0].actor_id)
    return None


def _affiliation(ctx: ArticleContext, role: Match[Hit]) -> str | None:
    """The organisation a role is held in: a name right before it ("Islamic Army judge") or a
    possessive or compound modifier in the parse."""
    before = re.sub(r"(?:['’]s)?\s*$", "", ctx.text[: role.start])
    owner = _mention_ending_at(ctx, len(before))
    if owner is not None:
        return owner.actor_id
    span = ctx.span(role.start, role.end)
    if span is None:
        return None
    for child in span.root.children:
        if child.dep_ in ("poss", "compound", "nmod") and ctx.overlapping(child.idx, child.idx + len(child)):
            return ctx.overlapping(child.idx, child.idx + len(child))[0].actor_id
    return None


def _person_roles(ctx: ArticleContext) -> list[Match[Hit]]:
    return [m for m in ctx.matches if isinstance(m.value, AgentHit) and m.value.agent.person]


def _person_role_at(ctx: ArticleContext, position: int) -> Match[Hit] | None:
    return next((m for m in _person_roles(ctx) if m.start <= position < m.end), None)


def _mention_ending_at(ctx: ArticleContext, position: int) -> Any:
    return next((m for m in ctx.mentions.values() if m.end == position), None)


def _agent(match: Match[Hit]) -> Agent:
    assert isinstance(match.value, AgentHit)
    return match.value.agent


# --- further mentions of ad-hoc actors ------------------------------------------------------------
def _find_repeats(ctx: ArticleContext, created: list[ActorEntry]) -> None:
    """Mentions the NER missed: the same name again, or a person's surname alone ("Aloush said")."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for entry in created:
        matcher.add(entry.name, entry.id, priority=1)
        words = entry.name.split()
        if entry.type == "person" and len(words) > 1:
            matcher.add(words[-1], entry.id)
    for match in matcher.find(ctx.text):
        ctx.add(match.start, match.end, match.value, ENTITY)
