"""Named entities the dictionary does not know become ad-hoc actors of the article.

An ORG, NORP or PERSON entity is trimmed to the name itself ("Ghouta's Unified Judicial Body" ->
"Unified Judicial Body", "the Islamic Front" -> "Islamic Front"); its kind comes from the agent words
inside it ("Judicial Body" -> JUD, "... Army" -> MIL, or REB when no country is named). A name in
apposition to a role noun ("the Islamic Army judge, Anas Quider"; "the military commander of the
Islamic Front, Zahran Aloush") is a person in that role, affiliated to the organisation named with the
role; leaders take their organisation's sector, other roles their own. An acronym in brackets after a
name is that actor; a capital city can stand for its state ("Tehran said").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.actors.anaphora import resolve_anaphor, resolve_pronoun
from sitrep.actors.context import ENTITY, METONYM, NAME, ROLE, ArticleContext
from sitrep.actors.matcher import Match, PhraseMatcher, phrase_keys
from sitrep.actors.registry import ActorEntry, Agent, AgentHit, Hit, NameHit, Role, slugify
from sitrep.records import ActorMention, Mention

ACTOR_LABELS = frozenset({"ORG", "NORP", "PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "across", "into", "toward", "towards"}
)
_POSSESSOR = re.compile(r"^.*['’]s\s+", re.DOTALL)
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s?|[\s,.;:!?)\"“”])+$")
# A sector inferred from an ad-hoc name's agent words when no country is named in it: an army that
# belongs to no state is an armed group.
_STATELESS = {"MIL": "REB"}
# Where a capital city is an actor rather than a place, and where it qualifies an agent noun.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_LIST_GLUE = re.compile(r"(?:[\s,;&]|\band\b|\bor\b|['’]s)*")
_OF_THE = re.compile(r"\bof\s+(?:the\s+)?$")
_POSSESSIVE_PRONOUN = re.compile(r"\b(its|their)\s+$", re.IGNORECASE)
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z]{2,12})\)")
_CONJUNCTION = re.compile(r"\s+(?:and|&)\s+")
# Nouns of sites that a name before them locates ("the Hmeimim air base", "the Masnaa border area"):
# such a name is the place, not an actor. Nouns an armed group may hold ("checkpoint", "stronghold")
# are left out, since "the Faylaq checkpoint" names the group.
SITE_NOUNS = frozenset(
    {
        "base",
        "airbase",
        "airport",
        "crossing",
        "border",
        "area",
        "district",
        "neighbourhood",
        "neighborhood",
        "road",
        "highway",
        "roundabout",
        "valley",
        "river",
        "dam",
        "bridge",
        "port",
        "desert",
        "suburb",
        "countryside",
        "village",
        "town",
        "city",
        "province",
        "governorate",
        "region",
        "mountain",
        "mountains",
    }
)


@dataclass(frozen=True)
class RoleNoun:
    match: Match[Hit]
    affiliation: str | None  # actor id of the organisation the role is held in
    modifier_sector: str | None = None  # "rebel spokesman", "police chief": the sector of the modifier


def resolve_entities(ctx: ArticleContext, entities: list[Mention]) -> None:
    """Ad-hoc actors for entities: organisations first, then people, whose roles may refer to them."""
    places = _place_word_runs(e.text for e in entities if e.label in PLACE_LABELS)
    capitals = ctx.registry.capitals()
    candidates = []
    for entity in _joined_conjuncts(ctx, entities):
        if entity.label not in ACTOR_LABELS:
            continue
        start, end = _trim(ctx.text, entity.start, entity.end)
        name = ctx.text[start:end]
        if end - start < 2 or not name[0].isupper() or name in capitals or _capitalised_noun(ctx, start, end):
            continue
        if not _is_place(ctx, entity, start, end, places):
            candidates.append((entity, start, end))
    organisations: list[tuple[Mention, int, int]] = []
    people: list[tuple[Mention, int, int]] = []
    for candidate in candidates:
        entity, start, end = candidate
        is_organisation = entity.label != "PERSON" and find_role(ctx, start, end) is None
        (organisations if is_organisation else people).append(candidate)
    acronyms: dict[str, str] = {}
    created: dict[str, ActorEntry] = {}  # by id, once each however often named: a merge removes the id
    for entity, start, end in organisations + people:
        owner = acronyms.get(ctx.text[start:end]) or _known_as(ctx, start, end)
        if owner is not None:
            ctx.add(start, end, owner, NAME)
            acronyms[ctx.text[start:end]] = owner
        elif entry := _entity_actor(ctx, entity, start, end):
            ctx.replace(start, end, ctx.use(entry), ENTITY)
            created.setdefault(entry.id, entry)
    _find_repeats(ctx, _merge_short_forms(ctx, list(created.values())), acronyms)


def _joined_conjuncts(ctx: ArticleContext, entities: list[Mention]) -> list[Mention]:
    """ "Ministry of Treasury and Finance": spaCy ends the name at its "and" and makes the last word an
    organisation of its own; a conjunct of the "of" phrase inside the name before it joins that name."""
    joined: list[Mention] = []
    for entity in entities:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == entity.label == "ORG"
            and _continues(ctx, previous, entity)
        ):
            joined[-1] = Mention(previous.start, entity.end, "ORG", ctx.text[previous.start : entity.end])
        else:
            joined.append(entity)
    return joined


def _continues(ctx: ArticleContext, name: Mention, part: Mention) -> bool:
    span = ctx.span(part.start, part.end)
    if (
        span is None
        or span.root.dep_ != "conj"
        or not _CONJUNCTION.fullmatch(ctx.text[name.end : part.start])
    ):
        return False
    head = span.root.head
    preposition = head.head
    return head.dep_ == "pobj" and preposition.lower_ == "of" and name.start <= preposition.idx < name.end


def _capitalised_noun(ctx: ArticleContext, start: int, end: int) -> bool:
    """A common noun capitalised because it starts a sentence ("Videos posted online showed ..."),
    which the entity recogniser took for a name."""
    span = ctx.span(start, end)
    return span is not None and len(span) == 1 and span[0].is_sent_start and span[0].tag_ in ("NN", "NNS")


def _known_as(ctx: ArticleContext, start: int, end: int) -> str | None:
    """An actor already known that the entity names again: an acronym in brackets after its name, or
    a name spelled out before a known acronym."""
    return _expanded_by(ctx, start, end) or _spelled_out(ctx, start, end)


def _spelled_out(ctx: ArticleContext, start: int, end: int) -> str | None:
    """ "the Office for the Coordination of Humanitarian Affairs (OCHA)": the actor the acronym after
    a name stands for, when the acronym is the initials of the name's capitalised words."""
    bracket = _BRACKETED_ACRONYM.match(ctx.text, end)
    if bracket is None:
        return None
    initials = "".join(word[0] for word in ctx.text[start:end].split() if word[0].isupper())
    owner = ctx.at(bracket.start(1), bracket.end(1))
    return owner[0].actor_id if owner and initials == bracket.group(1) else None


def _merge_short_forms(ctx: ArticleContext, created: list[ActorEntry]) -> list[ActorEntry]:
    """Ad-hoc actors that are short forms of an actor named before them ("Faylaq" after "Faylaq
    al-Rahman", "Barakat" and "Sheikh Barakat" after "Mustafa Barakat") become that actor; the
    others are returned."""
    kept = []
    for entry in created:
        mentions = [m for m in ctx.ordered() if m.actor_id == entry.id]
        owner = _short_form_owner(ctx, mentions[0]) if mentions else None
        if owner is None:
            kept.append(entry)
            continue
        for mention in mentions:
            ctx.replace(mention.start, mention.end, owner, ctx.how[mention.start, mention.end])
        del ctx.local[entry.id]
    return kept


def _short_form_owner(ctx: ArticleContext, mention: ActorMention) -> str | None:
    """The one actor named before the mention whose names hold its words in a row, leaving out a
    title ("Sheikh") and countries ("Arab" is no short form of the Syrian Arab Republic)."""
    start, end = mention.start, mention.end
    title = next((m for m in ctx.agents_in(start, end) if m.start == start and _agent(m).person), None)
    words = phrase_keys(ctx.text[title.end if title else start : end])
    earlier = {mention.actor_id for mention in ctx.before(start)}
    owners = {
        actor_id
        for actor_id in earlier
        if ctx.entry(actor_id).type != "state" and words in _word_runs(ctx, actor_id)
    }
    return owners.pop() if words and len(owners) == 1 else None


def _word_runs(ctx: ArticleContext, actor_id: str) -> frozenset[tuple[str, ...]]:
    """Every proper run of consecutive words in an actor's names."""
    entry = ctx.entry(actor_id)
    return _proper_runs((entry.name, *entry.aliases))


@lru_cache(maxsize=4096)
def _proper_runs(names: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Computed once per set of names: registry actors come back in article after article. A whole name
    is never a short form, even where it is a run inside another of the names."""
    whole = {phrase_keys(name) for name in names}
    runs = {keys[i:j] for keys in whole for i in range(len(keys)) for j in range(i + 1, len(keys) + 1)}
    return frozenset(runs - whole)


def _expanded_by(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The actor an acronym in brackets spells out: "Revolutionary United Front (RUF)"."""
    acronym = ctx.text[start:end]
    if not (acronym.isupper() and " " not in acronym and ctx.text[start - 1 : start] == "("):
        return None
    if ctx.text[end : end + 1] != ")":
        return None
    owner = ctx.ending_at(ctx.end_before(start - 1))
    return str(owner.actor_id) if owner else None


def resolve_capitals(ctx: ArticleContext, entities: list[Mention]) -> None:
    """A capital standing for its state: "Tehran said" is Iran's government; in "the Khartoum
    government" it qualifies the agent like a country adjective. "in Tehran" stays a place."""
    capitals = ctx.registry.capitals()
    for entity in entities:
        span = ctx.span(entity.start, entity.end)
        if entity.label != "GPE" or entity.text not in capitals or span is None:
            continue
        if ctx.overlapping(entity.start, entity.end):
            continue
        country_id = ctx.registry.country_id(capitals[entity.text])
        root = span.root
        if root.dep_ in _MODIFIER_DEPS and ctx.agents_in(root.head.idx, root.head.idx + len(root.head)):
            ctx.add(entity.start, entity.end, str(country_id), METONYM)
        elif root.dep_ in _ACTOR_DEPS:
            government = ctx.registry.compose(country_id, "GOV", ctx.day)
            ctx.add(entity.start, entity.end, ctx.use(government), METONYM)


def _entity_actor(ctx: ArticleContext, entity: Mention, start: int, end: int) -> ActorEntry | None:
    """The actor an entity names, or None when the dictionary already covers it."""
    names = ctx.names_in(start, end)
    countries = [ctx.entry(_name_id(m)) for m in names if ctx.entry(_name_id(m)).default.kind is None]
    text = ctx.text[start:end]
    if len(countries) < len(names) or _only_names(ctx, start, end, names):
        return None
    country = (countries[0].default.country if countries else None) or _country_right_before(ctx, start)
    role = find_role(ctx, start, end)
    if entity.label == "PERSON" or role is not None:
        return _person(ctx, start, end, role, country)
    kind = _kind_from_words(ctx, start, end, named_country=country is not None)
    actor_type = "group" if entity.label == "NORP" else "organization"
    country = country or ctx.focus
    return ActorEntry(slugify(text), text, [], Role(kind, _code(country, kind), country), type=actor_type)


def _only_names(ctx: ArticleContext, start: int, end: int, names: list[Match[Hit]]) -> bool:
    """An entity that is nothing but dictionary names: "Syria", "Arnor, Osgiliath and Gondor"."""
    rest = ctx.text[start:end]
    for name in sorted(names, key=lambda m: m.start, reverse=True):
        rest = rest[: max(name.start - start, 0)] + " " + rest[name.end - start :]
    return bool(names) and _LIST_GLUE.fullmatch(rest) is not None


def _person(
    ctx: ArticleContext, start: int, end: int, role: RoleNoun | None, country: str | None
) -> ActorEntry:
    """A person, with the sector of the role they hold or of the organisation named before or after
    them ("UN Secretary-General Antonio Guterres", "Tarek Mansour of the Syrian Arab Red Crescent");
    the article's country only when a role is known."""
    name = ctx.text[start:end]
    affiliation = role.affiliation if role else _name_right_before(ctx, start) or _name_after(ctx, start, end)
    affiliated = ctx.entry(affiliation).role_on(ctx.day) if affiliation else None
    agent = _agent(role.match) if role else None
    if affiliated is not None and (agent is None or agent.leader):
        # a country's leader is its government: "Palestinian leader Yasser Arafat"
        kind = affiliated.kind or (agent.sector or "GOV" if agent else None)
    elif agent is not None:
        kind = (role.modifier_sector if role and agent.leader else None) or agent.sector
    else:
        kind = None
    country = country or (affiliated.country if affiliated else None) or (ctx.focus if role else None)
    if role is not None:
        ctx.add(role.match.start, role.match.end, slugify(name), ROLE)
    return ActorEntry(slugify(name), name, [], Role(kind, _code(country, kind), country), type="person")


def _country_right_before(ctx: ArticleContext, start: int) -> str | None:
    """ "US Congress", "Ivory Coast's Supreme Court": the country a name is qualified by."""
    owner = ctx.ending_at(ctx.end_before(start, possessive=True))
    entry = ctx.entry(owner.actor_id) if owner else None
    return entry.default.country if entry and entry.type == "state" and entry.default.kind is None else None


def _name_after(ctx: ArticleContext, start: int, end: int) -> str | None:
    """ "Tarek Mansour of the Syrian Arab Red Crescent": the organisation a person is "of"."""
    span = ctx.span(start, end)
    owner = _prepositional_owner(ctx, span.root) if span is not None else None
    return owner if owner and ctx.entry(owner).type == "organization" else None


def _name_right_before(ctx: ArticleContext, start: int) -> str | None:
    owner = ctx.ending_at(ctx.end_before(start, possessive=True))
    if owner is None or ctx.entry(owner.actor_id).type == "person":
        return None
    return str(owner.actor_id)


def _code(country: str | None, kind: str | None) -> str | None:
    return country + kind if country and kind else None


def _kind_from_words(ctx: ArticleContext, start: int, end: int, named_country: bool) -> str | None:
    """The sector an organisation's name tells: its last agent word ("Unified Judicial Body"), else a
    word typical of names ("Brigade"), else an agent phrase in apposition ("X, an armed faction")."""
    inside = [_agent(m).sector for m in ctx.agents_in(start, end) if start <= m.start and m.end <= end]
    words = [word.lower() for word in re.findall(r"[^\W_]+", ctx.text[start:end])]
    named = [ctx.registry.name_words.get(word) for word in reversed(words)]
    candidates = [sector for sector in reversed(inside) if sector] + [sector for sector in named if sector]
    sector = candidates[0] if candidates else _apposed_agent_sector(ctx, start, end)
    if sector is None or named_country:
        return sector
    return _STATELESS.get(sector, sector)


def _apposed_agent_sector(ctx: ArticleContext, start: int, end: int) -> str | None:
    span = ctx.span(start, end)
    if span is None:
        return None
    related = [child for child in span.root.children if child.dep_ == "appos"]
    if span.root.dep_ == "appos":
        related.append(span.root.head)
    for token in related:
        agent = _agent_at(ctx, token.idx)
        if agent is not None and agent.sector:
            return agent.sector
    return None


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


def _place_word_runs(places: Iterable[str]) -> set[str]:
    """Every run of consecutive words in the place names: "Eastern Ghouta" -> Eastern, Ghouta, both."""
    runs: set[str] = set()
    for place in set(places):
        words = place.split()
        runs.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return runs


def _is_place(ctx: ArticleContext, entity: Mention, start: int, end: int, places: set[str]) -> bool:
    """An ORG or PERSON that is really a place: part of a place name in the article ("Ghouta" of
    "Eastern Ghouta"), a person "in" somewhere (a market called "Souq Al Hal"), or a name with no word
    of a body in it that is a one-word organisation "in" somewhere, names a site ("the Hmeimim air
    base") or that the gazetteer, when one is given, knows ("Duma", "Eastern Ghouta", "Ain Tarma")."""
    name = " ".join(ctx.text[start:end].split())
    if name in places:
        return True
    span = ctx.span(start, end)
    if span is None:
        return False
    located = span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE
    if entity.label == "PERSON" and located:
        return True
    if ctx.agents_in(start, end) or any(word.lower() in ctx.registry.name_words for word in name.split()):
        return False
    sited = span.root.dep_ in ("compound", "nmod") and span.root.head.lemma_.lower() in SITE_NOUNS
    return (len(span) == 1 and located) or sited or ctx.is_place(name)


# --- roles ------------------------------------------------------------------------------------------
def find_role(ctx: ArticleContext, start: int, end: int) -> RoleNoun | None:
    """The person-role noun a name stands in apposition to, with the organisation it belongs to."""
    role = _role_before(ctx, start) or _role_by_apposition(ctx, start, end) or _role_after(ctx, start, end)
    if role is None:
        return None
    if role.affiliation is None:
        modifier_sector = _modifier_sector(ctx, role.match)
        affiliation = _affiliation(ctx, role.match)
        if affiliation is None and modifier_sector is None and _agent(role.match).leader:
            # "..., spokesman Yasser al-Nashar said": the organisation the passage is about.
            affiliation = resolve_anaphor(ctx, role.match.start, role.match.end, "organization")
        return RoleNoun(role.match, affiliation, modifier_sector)
    return role


def _modifier_sector(ctx: ArticleContext, role: Match[Hit]) -> str | None:
    """The sector of an agent word right before a role noun ("rebel" in "the rebel spokesman") or in
    its "of" phrase ("council" in "the head of Harasta's local council")."""
    modifier = ctx.agent_ending_at(ctx.end_before(role.start))
    if modifier is not None:
        return _agent(modifier).sector
    span = ctx.span(role.start, role.end)
    for preposition in span.root.children if span is not None else ():
        if preposition.dep_ == "prep" and preposition.lower_ == "of":
            for obj in (child for child in preposition.children if child.dep_ == "pobj"):
                agent = _agent_at(ctx, obj.idx)
                if agent is not None and agent.sector:
                    return agent.sector
    return None


def _role_before(ctx: ArticleContext, start: int) -> RoleNoun | None:
    """ "judge Anas Quider", "the judge, Anas Quider", "the commander of the Front, Zahran Aloush"."""
    before = ctx.end_before(start, comma=True)
    role = _person_role_ending_at(ctx, before)
    if role is not None:
        return RoleNoun(role, None)
    owner = ctx.ending_at(before)
    if owner is None:
        return None
    lead = _OF_THE.search(ctx.text, max(owner.start - 12, 0), owner.start)
    role = _person_role_ending_at(ctx, ctx.end_before(lead.start())) if lead else None
    return RoleNoun(role, owner.actor_id) if role else None


def _role_by_apposition(ctx: ArticleContext, start: int, end: int) -> RoleNoun | None:
    """A name in apposition to a role, or to the end of a phrase that hangs on one: "the military
    commander of the Islamic Front, Zahran Aloush", "the group's emir in Ghouta, Abu Obeida"."""
    span = ctx.span(start, end)
    if span is None or span.root.dep_ != "appos":
        return None
    head = span.root.head
    role = _person_role_at(ctx, head.idx)
    if role is not None:
        return RoleNoun(role, None)
    if head.dep_ != "pobj":
        return None
    role = _person_role_at(ctx, head.head.head.idx)
    owner = ctx.overlapping(head.idx, head.idx + len(head)) if head.head.lower_ == "of" else []
    if role is None:
        return None
    return RoleNoun(role, owner[0].actor_id if owner else None)


def _role_after(ctx: ArticleContext, start: int, end: int) -> RoleNoun | None:
    """A role in the phrase in apposition after a name: "Karim Abu Ras, a spokesman for Faylaq
    al-Rahman", "Samer Khattab, the Army of Islam commander"."""
    span = ctx.span(start, end)
    if span is None:
        return None
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end:
            continue
        phrase_end = child.right_edge.idx + len(child.right_edge)
        roles = [m for m in ctx.agents_in(child.left_edge.idx, phrase_end) if _agent(m).person]
        if roles:
            return RoleNoun(roles[0], None)
    return None


def _affiliation(ctx: ArticleContext, role: Match[Hit]) -> str | None:
    """The organisation a role is held in: a name right before it ("Islamic Army judge"), a
    possessive pronoun or anaphor ("its commander", "the group's spokesman"), a possessive or
    compound modifier in the parse, or a "for" or "of" phrase ("a spokesman for the Front")."""
    before = ctx.end_before(role.start, possessive=True)
    owner = ctx.ending_at(before)
    if owner is not None:
        return str(owner.actor_id)
    pronoun = _POSSESSIVE_PRONOUN.search(ctx.text, max(role.start - 8, 0), role.start)
    if pronoun:
        return resolve_pronoun(ctx, pronoun.start(), "it" if pronoun.group(1).lower() == "its" else "they")
    anaphor = ctx.agent_ending_at(before) if before < role.start else None
    if anaphor is not None and _agent(anaphor).anaphor:
        return resolve_anaphor(ctx, anaphor.start, anaphor.end, str(_agent(anaphor).anaphor))
    span = ctx.span(role.start, role.end)
    if span is None:
        return None
    modifiers = [child for child in span.root.children if child.dep_ in ("poss", "compound", "nmod")]
    return (
        _first_actor(ctx, modifiers)
        or _anaphoric_owner(ctx, modifiers)
        or _prepositional_owner(ctx, span.root)
    )


def _anaphoric_owner(ctx: ArticleContext, modifiers: list[Any]) -> str | None:
    """ "the faction's military commander": the actor a possessive anaphor refers to."""
    for token in modifiers:
        agents = ctx.agents_in(token.idx, token.idx + len(token)) if token.dep_ == "poss" else []
        anaphor = _agent(agents[0]).anaphor if agents else None
        if anaphor:
            return resolve_anaphor(ctx, agents[0].start, agents[0].end, anaphor)
    return None


def _prepositional_owner(ctx: ArticleContext, token: Any) -> str | None:
    """The actor named in a "for" or "of" phrase of a role or a name: "a spokesman for the Front",
    "Tarek Mansour of the Syrian Arab Red Crescent"."""
    objects = [
        obj
        for preposition in token.children
        if preposition.dep_ == "prep" and preposition.lower_ in ("for", "of")
        for obj in preposition.children
        if obj.dep_ == "pobj"
    ]
    return _first_actor(ctx, objects)


def _first_actor(ctx: ArticleContext, tokens: Iterable[Any]) -> str | None:
    for token in tokens:
        found = ctx.overlapping(token.idx, token.idx + len(token))
        if found:
            return str(found[0].actor_id)
    return None


def _person_role_ending_at(ctx: ArticleContext, position: int) -> Match[Hit] | None:
    match = ctx.agent_ending_at(position)
    return match if match is not None and _agent(match).person else None


def _person_role_at(ctx: ArticleContext, position: int) -> Match[Hit] | None:
    agents = ctx.agents_in(position, position + 1)
    return agents[0] if agents and _agent(agents[0]).person else None


def _agent_at(ctx: ArticleContext, position: int) -> Agent | None:
    agents = ctx.agents_in(position, position + 1)
    return _agent(agents[0]) if agents else None


def _name_id(match: Match[Hit]) -> str:
    assert isinstance(match.value, NameHit)
    return match.value.actor_id


def _agent(match: Match[Hit]) -> Agent:
    assert isinstance(match.value, AgentHit)
    return match.value.agent


# --- further mentions of ad-hoc actors ------------------------------------------------------------
def _find_repeats(ctx: ArticleContext, created: list[ActorEntry], acronyms: dict[str, str]) -> None:
    """Mentions the NER missed: the same name or acronym again, or a person's surname alone."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for acronym, actor_id in acronyms.items():
        matcher.add(acronym, actor_id, priority=1)
    for entry in created:
        matcher.add(entry.name, entry.id, priority=1)
        words = entry.name.split()
        if entry.type == "person" and len(words) > 1:
            matcher.add(words[-1], entry.id)
    for match in matcher.find(ctx.text, ctx.tokens):
        ctx.add(match.start, match.end, match.value, ENTITY)
