"""A longest-match phrase matcher over raw text, with case rules for names and acronyms.

Phrases and text are cut into word tokens the same way (letters and digits; dotted acronyms such as
"U.N." become "UN"; hyphens and apostrophes separate tokens), so "al-Nusra" matches "al Nusra" and a
curly apostrophe matches a straight one. A phrase matches only across tokens separated by spaces or
word-internal hyphens and apostrophes, never across a comma, a bracket or a paragraph break.

Case: each phrase token carries a rule taken from how the phrase is written. An acronym ("ISIS", "UN")
must be upper case in the text, so "IS" never matches "is"; a capitalised word must be capitalised in
the text; a lower-case word ("of", "rebels") matches in any case. Phrases from sources without case
information (PETRARCH dictionaries are all capitals) use `caseless=True`: the first word must then
be capitalised, and a lone function word ("US", "IT") must be upper case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
_JOINERS = "-'’‘`‐"
_POSSESSIVE = "s"
# Hyphenated words a name may stand before and still be the actor: "Saudi-led", "rebel-held". Not
# "Iranian-backed militias", whose actor is the militias, not Iran.
_ALLOWED_AFTER = frozenset({"led", "run", "held", "controlled", "owned", _POSSESSIVE})
# Short English words that an all-capitals dictionary entry could collide with ("US", "IT", "AT").
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "all",
        "and",
        "any",
        "are",
        "but",
        "can",
        "for",
        "her",
        "him",
        "his",
        "its",
        "may",
        "not",
        "one",
        "our",
        "out",
        "she",
        "the",
        "who",
        "why",
        "you",
    ]
)


class Case(Enum):
    ANY = 0
    CAPITALIZED = 1
    UPPER = 2

    def accepts(self, word: str) -> bool:
        if self is Case.UPPER:
            return word.isupper()
        if self is Case.CAPITALIZED:
            return word[:1].isupper()
        return True


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # case-folded, dots removed
    joined: bool  # glued to the previous token by a hyphen or apostrophe ("al-Sham", "Ghouta's")
    adjacent: bool  # separated from the previous token only by spaces or a joiner


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = -1
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        gap = text[previous_end:start] if previous_end >= 0 else " "
        if gap == " ":  # the usual case, decided without stripping
            joined, adjacent = False, True
        else:
            joined = bool(gap) and not gap.strip(_JOINERS)
            adjacent = joined or (not gap.strip() and "\n\n" not in gap)
        word = match.group()
        tokens.append(Token(start, end, word, normal_key(word), joined, adjacent))
        previous_end = end
    return tokens


@lru_cache(maxsize=65536)
def normal_key(word: str) -> str:
    return word.replace(".", "").casefold()


@lru_cache(maxsize=65536)
def phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(token.key for token in tokenize(phrase))


def _case_rules(words: list[str], caseless: bool) -> tuple[Case, ...]:
    if caseless:
        if len(words) == 1 and words[0].lower() in _FUNCTION_WORDS:
            return (Case.UPPER,)
        return (Case.CAPITALIZED,) + (Case.ANY,) * (len(words) - 1)
    rules = []
    for word in words:
        bare = word.replace(".", "")
        if len(bare) > 1 and bare.isupper():
            rules.append(Case.UPPER)
        elif word[:1].isupper():
            rules.append(Case.CAPITALIZED)
        else:
            rules.append(Case.ANY)
    return tuple(rules)


@dataclass(frozen=True)
class Pattern(Generic[T]):
    keys: tuple[str, ...]
    cases: tuple[Case, ...]
    value: T
    priority: int


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # character offsets into the text
    end: int
    text: str
    value: T


class PhraseMatcher(Generic[T]):
    """Phrases indexed by their first word; `find` returns non-overlapping matches, longest first,
    higher `priority` winning ties."""

    def __init__(self) -> None:
        self._index: dict[str, list[Pattern[T]]] = {}
        self._sorted = True

    def add(self, phrase: str, value: T, *, caseless: bool = False, priority: int = 0) -> None:
        tokens = tokenize(phrase)
        if not tokens:
            return
        words = [token.text for token in tokens]
        keys = tuple(token.key for token in tokens)
        pattern = Pattern(keys, _case_rules(words, caseless), value, priority)
        self._index.setdefault(pattern.keys[0], []).append(pattern)
        self._sorted = False

    def __len__(self) -> int:
        return sum(len(patterns) for patterns in self._index.values())

    def _ensure_sorted(self) -> None:
        if not self._sorted:
            for patterns in self._index.values():
                patterns.sort(key=lambda p: (len(p.keys), p.priority), reverse=True)
            self._sorted = True

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match[T]]:
        self._ensure_sorted()
        tokens = tokenize(text) if tokens is None else tokens
        matches: list[Match[T]] = []
        i = 0
        while i < len(tokens):
            found = (
                None if tokens[i].joined and _after_apostrophe(text, tokens[i]) else self._match_at(tokens, i)
            )
            if found is None:
                i += 1
                continue
            last = i + len(found.keys) - 1
            start, end = tokens[i].start, tokens[last].end
            matches.append(Match(start, end, text[start:end], found.value))
            i = last + 1
        return matches

    def _match_at(self, tokens: list[Token], i: int) -> Pattern[T] | None:
        for pattern in self._index.get(tokens[i].key, ()):
            if _fits(pattern, tokens, i):
                return pattern
        return None


def _after_apostrophe(text: str, token: Token) -> bool:
    return token.start > 0 and text[token.start - 1] in "'’‘`"


def _fits(pattern: Pattern[T], tokens: list[Token], i: int) -> bool:
    size = len(pattern.keys)
    if i + size > len(tokens):
        return False
    for offset, (key, case) in enumerate(zip(pattern.keys, pattern.cases, strict=True)):
        token = tokens[i + offset]
        if token.key != key or not case.accepts(token.text) or (offset and not token.adjacent):
            return False
    following = tokens[i + size] if i + size < len(tokens) else None
    # A phrase may not end inside a hyphenated or apostrophised word, save for a possessive 's and
    # compounds of control such as "Saudi-led".
    return following is None or not following.joined or following.key in _ALLOWED_AFTER
