"""The search query language: words, "phrases", AND / OR / NOT, prefix*, parentheses, and filters.

    "Army of Islam" AND (Duma OR Douma) NOT bombing* actor:ISIS type:RETREAT since:2014-01

Adjacent terms are AND-ed; `-word` means NOT word. Filters (`actor:`, `place:`, `type:`, `source:`,
`lang:`, `since:`, `until:`) apply to the whole query; a filter value may be quoted (`actor:"Army of
Islam"`) or list alternatives with commas (`type:ASSAULT,COERCE`). Errors raise QueryError with a
one-line explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.errors import QueryError

FILTERS = ("actor", "place", "type", "source", "lang", "since", "until")
OPERATORS = ("AND", "OR", "NOT")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANG = re.compile(r"^[a-z]{2,3}$")
FIELD = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Term | Phrase | And | Or | Not


@dataclass(frozen=True)
class Filter:
    field: str
    values: tuple[str, ...]


@dataclass
class Query:
    text: Node | None
    filters: list[Filter] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [v for f in self.filters if f.field == name for v in f.values]


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, op, open, close, filter
    value: str
    position: int
    prefix: bool = False


def parse(query: str) -> Query:
    """Parse a query string; raises QueryError on anything malformed."""
    tokens = _tokenize(query)
    filters = [_filter(t) for t in tokens if t.kind == "filter"]
    text_tokens = [t for t in tokens if t.kind != "filter"]
    if not text_tokens and not filters:
        raise QueryError('empty query: give words, a "phrase" or a filter such as actor:NAME')
    parser = _Parser(text_tokens)
    node = parser.parse() if text_tokens else None
    return Query(text=node, filters=filters)


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = _closing_quote(query, i)
            tokens.append(_Token("phrase", query[i + 1 : end], i))
            i = end + 1
        elif ch in "()":
            tokens.append(_Token("open" if ch == "(" else "close", ch, i))
            i += 1
        else:
            i = _word(query, i, tokens)
    return tokens


def _closing_quote(query: str, start: int) -> int:
    end = query.find('"', start + 1)
    if end < 0:
        raise QueryError(f'unclosed quote at position {start + 1}: close the phrase with a second "')
    return end


def _word(query: str, start: int, tokens: list[_Token]) -> int:
    i = start
    while i < len(query) and not query[i].isspace() and query[i] not in '()"':
        i += 1
    word = query[start:i]
    match = FIELD.match(word)
    if match and not match.group(1).isdigit():
        name = match.group(1).lower()
        if name not in FILTERS:
            raise QueryError(
                f"unknown filter '{match.group(1)}:'; filters are {', '.join(f + ':' for f in FILTERS)}"
            )
        value = match.group(2)
        if not value and i < len(query) and query[i] == '"':
            end = _closing_quote(query, i)
            value, i = query[i + 1 : end], end + 1
        if not value.strip():
            raise QueryError(f"filter '{name}:' at position {start + 1} has no value")
        tokens.append(_Token("filter", f"{name}:{value}", start))
        return i
    if word in OPERATORS:
        tokens.append(_Token("op", word, start))
    elif word.startswith("-") and len(word) > 1:
        tokens.append(_Token("op", "NOT", start))
        _append_term(tokens, word[1:], start + 1)
    else:
        _append_term(tokens, word, start)
    return i


def _append_term(tokens: list[_Token], word: str, position: int) -> None:
    prefix = word.endswith("*")
    text = word.rstrip("*")
    if not any(ch.isalnum() for ch in text):
        raise QueryError(f"'{word}' at position {position + 1} has no letters or digits to search for")
    tokens.append(_Token("word", text, position, prefix=prefix))


def _filter(token: _Token) -> Filter:
    name, _, raw = token.value.partition(":")
    values = tuple(v.strip() for v in raw.split(",") if v.strip())
    if name == "type":
        values = tuple(v.upper() for v in values)
        unknown = [v for v in values if v not in PLOVER_TYPES]
        if unknown:
            raise QueryError(
                f"type:{unknown[0]} is not a PLOVER event type; types are {', '.join(PLOVER_TYPES)}"
            )
    elif name == "lang":
        values = tuple(v.lower() for v in values)
        if not all(LANG.match(v) for v in values):
            raise QueryError(f"lang:{raw} is not a language code such as en, ar, fr")
    elif name in ("since", "until") and not all(DATE.match(v) for v in values):
        raise QueryError(f"{name}:{raw} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return Filter(name, values)


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary (AND? unary)*; unary := NOT unary | atom."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def parse(self) -> Node:
        node = self._or()
        if self.i < len(self.tokens):
            token = self.tokens[self.i]
            raise QueryError(f"unexpected '{token.value}' at position {token.position + 1}")
        return node

    def _peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _or(self) -> Node:
        parts = [self._and()]
        while (token := self._peek()) and token.kind == "op" and token.value == "OR":
            self.i += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def _and(self) -> Node:
        parts = [self._unary()]
        while (token := self._peek()) and not (
            token.kind == "close" or (token.kind == "op" and token.value == "OR")
        ):
            if token.kind == "op" and token.value == "AND":
                self.i += 1
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _unary(self) -> Node:
        token = self._peek()
        if token is None:
            last = self.tokens[self.i - 1]
            raise QueryError(f"'{last.value}' at position {last.position + 1} needs a term after it")
        if token.kind == "op" and token.value == "NOT":
            self.i += 1
            return Not(self._unary())
        if token.kind == "op":
            raise QueryError(f"'{token.value}' at position {token.position + 1} needs a term before it")
        if token.kind == "open":
            self.i += 1
            node = self._or()
            closing = self._peek()
            if closing is None or closing.kind != "close":
                raise QueryError(f"unclosed parenthesis at position {token.position + 1}")
            self.i += 1
            return node
        if token.kind == "close":
            raise QueryError(f"unexpected ')' at position {token.position + 1}")
        self.i += 1
        if token.kind == "phrase":
            if not any(ch.isalnum() for ch in token.value):
                raise QueryError(f"empty phrase at position {token.position + 1}")
            return Phrase(token.value)
        return Term(token.value, token.prefix)


def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression; every term is quoted so that FTS5 syntax in user words is inert."""
    if isinstance(node, Term):
        return _quote(node.text) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _quote(node.text)
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(p) for p in node.parts) + ")"
    positives, negatives = split_and(node)
    expression = "(" + " AND ".join(to_fts5(p) for p in positives) + ")"
    return expression + "".join(f" NOT {to_fts5(n)}" for n in negatives)


def split_and(node: And | Not) -> tuple[list[Node], list[Node]]:
    """The parts of an AND to match and the parts its NOTs exclude.

    A NOT must stand beside a positive term at its level (FTS5's NOT is binary, and every backend takes
    the same queries): `duma NOT bombing`.
    """
    parts = node.parts if isinstance(node, And) else (node,)
    positives: list[Node] = [p for p in parts if not isinstance(p, Not)]
    if not positives:
        raise QueryError("NOT needs a positive term beside it, as in: duma NOT bombing")
    return positives, [p.part for p in parts if isinstance(p, Not)]


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
