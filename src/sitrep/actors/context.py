"""What the actor resolver knows about one article while it works: text, parse, matches, mentions.

Actors met only in this article (ad-hoc entities, composites such as "Syrian rebels") live in `local`,
not in the shared registry, so that one article never changes how the next is read. Mentions never
overlap and are kept sorted, so that every lookup by position is a binary search: resolution stays
linear in the length of the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.attrs import IDX, LENGTH, SENT_START

from sitrep.actors.matcher import Match, Token
from sitrep.actors.registry import ActorEntry, ActorRegistry, AgentHit, Hit, NameHit
from sitrep.records import ActorMention

# How a mention was found. Names, entities and qualified agents ("Syrian authorities") add the text to
# the actor's aliases; a bare agent word ("the regime", "people"), role nouns ("judge"), members ("ISIS
# fighters"), anaphors and capitals standing for their state ("Tehran said") do not.
NAME, ENTITY, AGENT, MEMBER, ROLE, ANAPHOR = "name", "entity", "agent", "member", "role", "anaphor"
METONYM = "metonym"
ALIAS_SOURCES = frozenset({NAME, ENTITY, AGENT})


@dataclass
class ArticleContext:
    registry: ActorRegistry
    text: str
    doc: Any  # spaCy Doc over `text`, or None when the article was not parsed
    day: date | None
    matches: list[Match[Hit]]  # dictionary matches, sorted and non-overlapping
    tokens: list[Token] | None = None  # the matcher's tokens of `text`, cut once per article
    is_place: Callable[[str], bool] = field(default=lambda name: False)  # a gazetteer's test, if any
    focus: str | None = None  # ISO alpha-3 of the country the article is about, when one dominates
    mentions: dict[tuple[int, int], ActorMention] = field(default_factory=dict)
    how: dict[tuple[int, int], str] = field(default_factory=dict)
    local: dict[str, ActorEntry] = field(default_factory=dict)
    _keys: list[tuple[int, int]] = field(default_factory=list)  # mention spans, sorted
    _by_end: dict[int, tuple[int, int]] = field(default_factory=dict)
    _match_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _token_starts: list[int] = field(default_factory=list)
    _token_ends: list[int] = field(default_factory=list)
    _spans: dict[tuple[int, int], Any] = field(default_factory=dict)  # token range -> spaCy span
    _memo: dict[tuple[str, int | str], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._match_starts = [match.start for match in self.matches]
        if self.doc is not None:
            self._read_offsets(self.doc)

    def _read_offsets(self, doc: Any) -> None:
        """Token and sentence offsets from the Doc's arrays in one pass: spaCy builds a new Token or
        Span object on every Python-level access."""
        rows = doc.to_array([IDX, LENGTH, SENT_START]).tolist() if len(doc) else []
        self._token_starts = [start for start, _, _ in rows]
        self._token_ends = [start + length for start, length, _ in rows]
        if doc.has_annotation("SENT_START"):
            # As Doc.sents: the first token opens a sentence, then every token marked as a start.
            self._sentence_starts = [
                start for i, (start, _, opens) in enumerate(rows) if i == 0 or opens == 1
            ]

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
        """Record a mention unless it overlaps one already made (the first resolution stands)."""
        if self.overlapping(start, end):
            return
        key = (start, end)
        self.mentions[key] = ActorMention(start, end, self.text[start:end], actor_id)
        self.how[key] = how
        self._by_end[end] = key
        insort(self._keys, key)

    def replace(self, start: int, end: int, actor_id: str, how: str) -> None:
        """Record a mention, dropping those it overlaps (a composite swallowing its country)."""
        for mention in self.overlapping(start, end):
            key = (mention.start, mention.end)
            del self.mentions[key], self.how[key], self._by_end[mention.end]
            self._keys.remove(key)
        self.add(start, end, actor_id, how)

    def overlapping(self, start: int, end: int) -> list[ActorMention]:
        index = max(bisect_left(self._keys, (start, start)) - 1, 0)
        found = []
        for key in self._keys[index:]:
            if key[0] >= end:
                break
            if start < key[1]:
                found.append(self.mentions[key])
        return found

    def at(self, start: int, end: int) -> list[ActorMention]:
        """Mentions lying inside [start, end), in text order."""
        index = bisect_left(self._keys, (start, start))
        return [self.mentions[key] for key in self._keys[index:] if key[0] < end and key[1] <= end]

    def before(self, position: int, since: int = 0) -> list[ActorMention]:
        """Mentions ending by `position` (and starting at `since` or later), in text order."""
        first = bisect_left(self._keys, (since, since))
        last = bisect_right(self._keys, (position, position))
        return [self.mentions[key] for key in self._keys[first:last] if key[1] <= position]

    def end_before(self, position: int, comma: bool = False, possessive: bool = False) -> int:
        """Where the word before `position` ends, skipping spaces and, if asked, one comma or a
        possessive 's: the end of "judge" in "judge, Anas", of "Ghouta" in "Ghouta's body"."""
        while position and self.text[position - 1].isspace():
            position -= 1
        if comma and position and self.text[position - 1] == ",":
            return self.end_before(position - 1)
        if possessive and self.text[max(position - 2, 0) : position] in ("'s", "’s"):
            return self.end_before(position - 2)
        return position

    def ending_at(self, position: int) -> ActorMention | None:
        key = self._by_end.get(position)
        return self.mentions[key] if key else None

    def counts_for_salience(self, mention: ActorMention) -> bool:
        """Role nouns and members sit next to the mention of their actor and would count it twice."""
        return self.how[mention.start, mention.end] not in (ROLE, MEMBER)

    def ordered(self) -> list[ActorMention]:
        return [self.mentions[key] for key in self._keys]

    # --- dictionary matches ---------------------------------------------------------------------
    def matches_in(self, start: int, end: int) -> list[Match[Hit]]:
        """Dictionary matches overlapping [start, end)."""
        index = max(bisect_left(self._match_starts, start) - 1, 0)
        found = []
        for match in self.matches[index:]:
            if match.start >= end:
                break
            if start < match.end:
                found.append(match)
        return found

    def names_in(self, start: int, end: int) -> list[Match[Hit]]:
        return [m for m in self.matches_in(start, end) if isinstance(m.value, NameHit)]

    def agents_in(self, start: int, end: int) -> list[Match[Hit]]:
        return [m for m in self.matches_in(start, end) if isinstance(m.value, AgentHit)]

    def agent_ending_at(self, position: int) -> Match[Hit] | None:
        return next((m for m in self.agents_in(position - 1, position) if m.end == position), None)

    def remember(self, key: tuple[str, int | str], compute: Callable[[], Any]) -> Any:
        """A value computed once per article (a mention's syntactic role, asked by every anaphor)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # --- parse helpers -------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Any:
        """The spaCy span of the tokens overlapping [start, end), or None without a parse or tokens."""
        if self.doc is None:
            return None
        first = max(bisect_right(self._token_starts, start) - 1, 0)
        if first < len(self._token_ends) and self._token_ends[first] <= start:
            first += 1
        last = bisect_left(self._token_starts, end)
        if first >= last:
            return None
        if (first, last) not in self._spans:
            self._spans[first, last] = self.doc[first:last]
        return self._spans[first, last]

    def sentence_of(self, position: int) -> int:
        return max(bisect_right(self._sentence_starts, position) - 1, 0)

    def sentence_start(self, index: int) -> int:
        """Where sentence `index` starts (0 before the first, or without a parse)."""
        if not self._sentence_starts or index <= 0:
            return 0
        return self._sentence_starts[min(index, len(self._sentence_starts) - 1)]
