"""Folding variants of one thing into one candidate group.

Occurrences already share a key across case, plural and possessive variants. On top of that:
- spans resolved to one actor by the actor stage count as that actor ("ISIS", "the organization");
- an acronym in parentheses after a long name joins that name ("... of Iraq and Syria (ISIS)");
- a later, shorter reference that ends a multi-word name joins the name ("the judicial body" after
  "Unified Judicial Body", "Bush" after "President George Bush"), unless it could end several names.
A group is shown in the form the text uses most.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from sitrep.keywords.candidates import Occurrence
from sitrep.records import Actor, ActorMention

ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,11})\s*\)")
ACTOR_KEY_PREFIX = "actor:"
JOINERS = " -"  # what may stand between an actor's mentions inside one phrase


@dataclass
class Group:
    """Occurrences of one keyword; `names`, when set, are the lower-cased forms allowed to show it."""

    key: str
    occurrences: list[Occurrence] = field(default_factory=list)
    names: frozenset[str] = frozenset()

    @property
    def is_name(self) -> bool:
        return any(occ.is_name for occ in self.occurrences)

    @property
    def is_actor(self) -> bool:
        """Whether the actor stage resolved the group's spans to one actor."""
        return self.key.startswith(ACTOR_KEY_PREFIX)

    @property
    def first_start(self) -> int:
        return min(occ.start for occ in self.occurrences)

    @cached_property
    def representative(self) -> Occurrence:
        """The first occurrence of the most used surface form, among the allowed names if any occur."""
        allowed = [occ for occ in self.occurrences if occ.text.lower() in self.names] or self.occurrences
        counts = Counter(occ.text for occ in allowed)
        earliest: dict[str, Occurrence] = {}
        for occ in sorted(allowed, key=lambda o: o.start):
            earliest.setdefault(occ.text, occ)
        best = max(counts, key=lambda text: (counts[text], -earliest[text].start))
        return earliest[best]


def group_occurrences(
    occurrences: list[Occurrence],
    body: str,
    actor_mentions: list[ActorMention],
    actors: dict[str, Actor],
) -> list[Group]:
    """Groups of occurrences that name the same thing, in order of first occurrence."""
    aliases = _acronym_aliases(occurrences, body)
    resolve = _ActorLookup(actor_mentions, actors, body)
    groups: dict[str, Group] = {}
    for occ in occurrences:
        actor_id = resolve(occ)
        key = ACTOR_KEY_PREFIX + actor_id if actor_id else aliases.get(occ.key, occ.key)
        if key not in groups:
            groups[key] = Group(key, names=resolve.names.get(actor_id or "", frozenset()))
        groups[key].occurrences.append(occ)
    return _fold_trailing_references(list(groups.values()))


class _ActorLookup:
    """The actor an occurrence refers to: it ends an actor mention, is one of the actor's names inside
    one, or is made of that actor's mentions alone ("Free Syrian Army rebels", "Colonel Saad al-Dulaimi")."""

    def __init__(self, mentions: list[ActorMention], actors: dict[str, Actor], body: str) -> None:
        self.mentions = mentions
        self.body = body
        self.starts = [mention.start for mention in mentions]
        self.names = {
            actor_id: frozenset(name.lower() for name in (actor.name, *actor.aliases))
            for actor_id, actor in actors.items()
        }
        self.all_names = frozenset().union(*self.names.values())
        self.by_end: dict[int, list[ActorMention]] = {}
        for mention in mentions:
            self.by_end.setdefault(mention.end, []).append(mention)

    def __call__(self, occ: Occurrence) -> str | None:
        for mention in self.by_end.get(occ.end, []):
            if mention.start <= occ.start:
                return mention.actor_id
        if occ.text.lower() in self.all_names:
            for mention in self.mentions:
                inside = mention.start <= occ.start and occ.end <= mention.end
                if inside and occ.text.lower() in self.names.get(mention.actor_id, ()):
                    return mention.actor_id
        return self._made_of_one_actor(occ)

    def _made_of_one_actor(self, occ: Occurrence) -> str | None:
        first = bisect_left(self.starts, occ.start)
        inside = []
        for mention in self.mentions[first:]:
            if mention.start >= occ.end:
                break
            inside.append(mention)
        if not inside or inside[-1].end != occ.end or len({m.actor_id for m in inside}) > 1:
            return None
        gaps = [self.body[a.end : b.start] for a, b in zip(inside, inside[1:], strict=False)]
        if inside[0].start != occ.start or any(gap.strip(JOINERS) for gap in gaps):
            return None
        return inside[0].actor_id


def _acronym_aliases(occurrences: list[Occurrence], body: str) -> dict[str, str]:
    """Key of a long name -> key of the acronym that follows it in parentheses and matches its initials."""
    aliases: dict[str, str] = {}
    for occ in occurrences:
        match = ACRONYM_AFTER.match(body, occ.end)
        if occ.is_name and match and _abbreviates(match.group(1), occ.text):
            aliases[occ.key] = match.group(1).lower()
    return aliases


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym's capitals, in order, are initials of the name's words, starting with the first word."""
    letters = [c for c in acronym if c.isupper()]
    initials = [word[0] for word in re.findall(r"[A-Za-z]+", name)]
    if len(letters) < 2 or not initials or letters[0] != initials[0].upper():
        return False
    remaining = iter(initial.upper() for initial in initials)
    return all(letter in remaining for letter in letters)


def _fold_trailing_references(groups: list[Group]) -> list[Group]:
    """Fold a group into the one multi-word name it ends, when it is first used after that name.

    The host keeps showing its own full form, however often the short reference is used."""
    hosts_by_ending = _names_by_ending(groups)
    folded: set[str] = set()
    for group in groups:
        hosts = hosts_by_ending.get(group.key, [])
        if group.is_actor or len(hosts) != 1 or hosts[0].first_start >= group.first_start:
            continue
        host = hosts[0]
        host.names = host.names or frozenset(occ.text.lower() for occ in host.occurrences)
        host.occurrences.extend(_outside(group.occurrences, host.occurrences))
        folded.add(group.key)
    return [g for g in groups if g.key not in folded]


def _names_by_ending(groups: list[Group]) -> dict[str, list[Group]]:
    """Multi-word name groups under each of their proper word endings ("judicial body", "body")."""
    endings: dict[str, list[Group]] = {}
    for group in groups:
        words = group.key.split()
        if group.is_name and len(words) > 1 and not group.is_actor:
            for cut in range(1, len(words)):
                endings.setdefault(" ".join(words[cut:]), []).append(group)
    return endings


def _outside(occurrences: list[Occurrence], others: list[Occurrence]) -> list[Occurrence]:
    """The occurrences that overlap none of `others` (an overlapping one is the same mention)."""
    return [occ for occ in occurrences if not any(o.start < occ.end and occ.start < o.end for o in others)]
