"""What the actor resolver knows about one article while it works: text, parse, matches, mentions.

Actors met only in this article (ad-hoc entities, composites such as "Syrian rebels") live in `local`,
not in the shared registry, so that one article never changes how the next is read.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitrep.actors.matcher import Match
from sitrep.actors.registry import ActorEntry, ActorRegistry, Hit
from sitrep.records import ActorMention

# How a mention was found. Names, entities and sector agents ("the regime") add the text to the
# actor's aliases; role nouns ("judge"), members ("ISIS fighters") and anaphors do not.
NAME, ENTITY, AGENT, MEMBER, ROLE, ANAPHOR = "name", "entity", "agent", "member", "role", "anaphor"
ALIAS_SOURCES = frozenset({NAME, ENTITY, AGENT})


@dataclass
class ArticleContext:
    registry: ActorRegistry
    text: str
    doc: Any  # spaCy Doc over `text`, or None when the article was not parsed
    day: date | None
    matches: list[Match[Hit]]
    focus: str | None = None  # ISO alpha-3 of the country the article is about, when one dominates
    mentions: dict[tuple[int, int], ActorMention] = field(default_factory=dict)
    how: dict[tuple[int, int], str] = field(default_factory=dict)
    local: dict[str, ActorEntry] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.doc is not None and self.doc.has_annotation("SENT_START"):
            self._sentence_starts = [sentence.start_char for sentence in self.doc.sents]

    # --- actors --------------------------------------------------------------------------------
    def entry(self, actor_id: str) -> ActorEntry:
        return self.local.get(actor_id) or self.registry.entry(actor_id)

    def use(self, entry: ActorEntry) -> str:
        """Register an actor for this article (registry actors are used as they are)."""
        if entry.id not in self.registry and entry.id not in self.local:
            self.local[entry.id] = entry
        return entry.id

    # --- mentions ------------------------------------------------------------------------------
    def add(self, start: int, end: int, actor_id: str, how: str) -> None:
        """Record a mention; a span already resolved keeps its first resolution."""
        key = (start, end)
        if key in self.mentions or self.overlapping(start, end):
            return
        self.mentions[key] = ActorMention(start, end, self.text[start:end], actor_id)
        self.how[key] = how

    def replace(self, start: int, end: int, actor_id: str, how: str) -> None:
        """Record a mention, dropping those it overlaps (a composite swallowing its country)."""
        for key in [key for key in self.mentions if key[0] < end and start < key[1]]:
            del self.mentions[key]
            del self.how[key]
        self.add(start, end, actor_id, how)

    def overlapping(self, start: int, end: int) -> list[ActorMention]:
        return [m for m in self.mentions.values() if m.start < end and start < m.end]

    def at(self, start: int, end: int) -> list[ActorMention]:
        """Mentions lying inside [start, end), in text order."""
        return sorted((m for m in self.mentions.values() if start <= m.start and m.end <= end), key=_order)

    def before(self, position: int) -> list[ActorMention]:
        return sorted((m for m in self.mentions.values() if m.end <= position), key=_order)

    def counts_for_salience(self, mention: ActorMention) -> bool:
        """Role nouns and members sit next to the mention of their actor and would count it twice."""
        return self.how[mention.start, mention.end] not in (ROLE, MEMBER)

    def ordered(self) -> list[ActorMention]:
        return sorted(self.mentions.values(), key=_order)

    # --- parse helpers -------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Any:
        """The spaCy span covering [start, end), or None without a parse."""
        if self.doc is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def sentence_of(self, position: int) -> int:
        return max(bisect_right(self._sentence_starts, position) - 1, 0)


def _order(mention: ActorMention) -> tuple[int, int]:
    return (mention.start, mention.end)
