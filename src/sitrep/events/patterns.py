"""Coding with a CAMEO verb-pattern dictionary, as PETRARCH does: a verb's block gives a default code,
and the longest of the block's patterns that matches the words around the verb gives a finer one.

Patterns are matched on the sentence's words: the elements after `*` in order after the verb (within
the verb's phrase), those before it in reverse order before the verb (within the sentence); elements
joined by `_` must be adjacent, others may have words between them. Who acts and who receives comes
from the parse (`ArgumentReader`), or from the `$` and `+` markers of the matched pattern. A negated
verb is coded only through a pattern that matched its negation ("WILL NOT *").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.events.arguments import ArgumentReader
from sitrep.events.cameo import Block, Code, Element, Pattern, Verb, VerbDictionary
from sitrep.events.matching import base_forms
from sitrep.events.syntax import is_verb, phrase_head


@dataclass(frozen=True)
class CodedVerb:
    """A verb the dictionary codes: who acted, on whom, with which CAMEO code pair."""

    token: Token
    code: Code
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    pattern: str | None  # the pattern that matched, None for the block's default
    mutual: bool = False  # the pattern's `%`: a compound subject acts on itself whatever else is named

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """(source id, target id, code) triples; a compound subject with no target acts on itself
        ("Gondor and Osgiliath renewed ties": each towards the other)."""
        targets = () if self.mutual and len(self.sources) > 1 else self.targets
        pairs = [(s, t) for s in self.sources for t in targets if s != t]
        if not targets and len(self.sources) > 1:
            pairs = [(s, t) for s in self.sources for t in self.sources if s != t]
        for source, target in pairs:
            if self.code.forward:
                yield source, target, self.code.forward
            if self.code.reverse and not (not targets and len(self.sources) > 1):
                yield target, source, self.code.reverse


@dataclass(frozen=True)
class Position:
    """Where a pattern's markers pointed: the tokens after which the source or target stands."""

    source: int | None = None
    target: int | None = None
    compound: bool = False


class PatternCoder:
    def __init__(self, dictionary: VerbDictionary) -> None:
        self.dictionary = dictionary

    def code_sentence(self, sentence: Span, reader: ArgumentReader) -> list[CodedVerb]:
        """Coded verbs in order; a verb that completes one already coded ("urged Y to help", "abandoned
        efforts to stop") belongs to that event and is not coded again."""
        coded: list[CodedVerb] = []
        for token in sentence:
            if not is_verb(token) or completes(token, coded):
                continue
            found = self.code_verb(token, sentence, reader)
            if found is not None:
                coded.append(found)
        return coded

    def code_verb(self, token: Token, sentence: Span, reader: ArgumentReader) -> CodedVerb | None:
        entry = self.verb_entry(token, sentence)
        if entry is None:
            return None
        block, verb = entry
        negated = any(c.dep_ == "neg" for c in token.children)
        for pattern in block.patterns:
            position = self.match(pattern, token, verb, sentence)
            if position is not None and pattern.code.is_event:
                return self.coded(token, pattern.code, pattern.text, position, reader, sentence)
        default = verb.code or block.code
        if negated or not default.is_event:
            return None
        return self.coded(token, default, None, Position(), reader, sentence)

    def verb_entry(self, token: Token, sentence: Span) -> tuple[Block, Verb] | None:
        """The dictionary verb for this token, multi-word verbs ("break down") before single ones. As in
        PETRARCH, a form must be the verb's own, listed or regularly inflected ("departes" is no form
        of DEPART)."""
        entries = self.dictionary.entries(token.lower_, *base_forms(token))
        fitting = [
            (b, v) for b, v in entries if is_form_of(token.lower_, v) and self.fits(v, token, sentence)
        ]
        return max(fitting, key=lambda e: len(e[1].before) + len(e[1].after), default=None)

    @staticmethod
    def fits(verb: Verb, token: Token, sentence: Span) -> bool:
        words = [t.lower_ for t in sentence]
        at = token.i - sentence.start
        before_ok = list(verb.before) == words[max(at - len(verb.before), 0) : at]
        after_ok = list(verb.after) == words[at + 1 : at + 1 + len(verb.after)]
        return before_ok and after_ok

    # ---- pattern matching ---------------------------------------------------------------------
    def match(self, pattern: Pattern, token: Token, verb: Verb, sentence: Span) -> Position | None:
        words = list(sentence)
        at = token.i - sentence.start
        after_end = max(t.i for t in token.subtree) - sentence.start + 1
        after_start = at + 1 + len(verb.after)
        before_end = at - len(verb.before)
        after = self.match_side(pattern.after, words, (after_start, after_end), True, False)
        if after is None:
            return None
        before = self.match_side(pattern.before, words, (0, before_end), False, pattern.before_joined)
        if before is None:
            return None
        return Position(
            source=after.source if after.source is not None else before.source,
            target=after.target if after.target is not None else before.target,
            compound=after.compound or before.compound,
        )

    def match_side(
        self,
        elements: tuple[Element, ...],
        words: list[Token],
        span: tuple[int, int],
        forward: bool,
        joined: bool,
    ) -> Position | None:
        """Match elements outward from the verb within words[span]; None if one is missing. `joined`
        says whether the element nearest the verb must touch it (for the side before the verb)."""
        start, end = span
        cursor = start if forward else end  # next index to read (forward), one past it (backward)
        position = Position()
        count = len(elements)
        for index in range(count) if forward else range(count - 1, -1, -1):
            element = elements[index]
            if forward:
                adjacent = element.joined
            else:
                adjacent = joined if index == count - 1 else elements[index + 1].joined
            if element.kind in ("source", "target"):
                marker = cursor if forward else cursor - 1
                position = Position(
                    source=marker if element.kind == "source" else position.source,
                    target=marker if element.kind == "target" else position.target,
                    compound=position.compound,
                )
            elif element.kind == "compound":
                position = Position(position.source, position.target, compound=True)
            elif element.kind == "skip":
                cursor = skip_phrase(words, cursor, span, forward)
            else:
                found = self.find(element, words, cursor, span, forward, adjacent)
                if found is None:
                    return None
                cursor = found
        return position

    def find(
        self,
        element: Element,
        words: list[Token],
        cursor: int,
        span: tuple[int, int],
        forward: bool,
        adjacent: bool,
    ) -> int | None:
        """The cursor after the element if it occurs from the cursor on (outward), else None."""
        start, end = span
        candidates = range(cursor, end) if forward else range(cursor - 1, start - 1, -1)
        for index in candidates:
            reached = self.occurs(element, words, index, span, forward)
            if reached is not None:
                return reached
            if adjacent:
                return None
        return None

    def occurs(
        self, element: Element, words: list[Token], index: int, span: tuple[int, int], forward: bool
    ) -> int | None:
        """If the element occurs at index (reading outward), the cursor just past it."""
        start, end = span
        phrases = self.phrases(element)
        for phrase in phrases:
            size = len(phrase)
            first = index if forward else index - size + 1
            if first < start or first + size > end:
                continue
            if all(same_word(words[first + k], phrase[k]) for k in range(size)):
                return first + size if forward else first
        if element.kind in ("phrase", "prep") and element.parts:
            return self.occurs_loosely(element, words, index, span, forward)
        return None

    def occurs_loosely(
        self, element: Element, words: list[Token], index: int, span: tuple[int, int], forward: bool
    ) -> int | None:
        """A phrase or prepositional phrase whose words stand in order, perhaps with others between."""
        if not forward:
            return None
        cursor = self.occurs(element.parts[0], words, index, span, True)
        if cursor is None:
            return None
        for part in element.parts[1:]:
            found = self.find(part, words, cursor, span, True, adjacent=False)
            if found is None:
                return None
            cursor = found
        return cursor

    def phrases(self, element: Element) -> list[list[str]]:
        """The word sequences an element stands for."""
        if element.kind == "word":
            return [element.value.split()]
        if element.kind == "synset":
            return [m.split() for m in self.dictionary.members(element.value)]
        if element.kind == "phrase":
            words: list[str] = []
            for part in element.parts:
                if part.kind != "word":
                    return []
                words.extend(part.value.split())
            return [words]
        return []

    # ---- participants -------------------------------------------------------------------------
    def coded(
        self,
        token: Token,
        code: Code,
        pattern: str | None,
        position: Position,
        reader: ArgumentReader,
        sentence: Span,
    ) -> CodedVerb:
        sources = (
            reader.named_by(marked_phrase(sentence, position.source)) if position.source is not None else []
        )
        targets = (
            reader.named_by(marked_phrase(sentence, position.target)) if position.target is not None else []
        )
        participants = reader.verb_participants(
            token, reciprocal=False, clause_recipients=False, place_recipients=True
        )
        sources = sources or participants.actors
        targets = targets or participants.recipients or first_actor_after(token, reader, sources)
        others = tuple(t for t in targets if t not in sources)
        return CodedVerb(token, code, tuple(sources), others, pattern, mutual=position.compound)


def completes(token: Token, coded: list[CodedVerb]) -> bool:
    """True when the verb is the controlled complement of a coded verb or of its object."""
    coded_at = {c.token.i for c in coded}
    current = token
    for _ in range(3):
        if (
            current.dep_ not in ("xcomp", "acl", "dobj", "pobj", "prep", "pcomp")
            or current.head.i == current.i
        ):
            return False
        current = current.head
        if current.i in coded_at:
            return True
    return False


def is_form_of(word: str, verb: Verb) -> bool:
    return word == verb.lemma or word in verb.forms or word in regular_forms(verb.lemma)


def regular_forms(base: str) -> set[str]:
    """The regular inflections of an English verb, as PETRARCH generates them."""
    sibilant = base.endswith(("s", "x", "z", "ch", "sh", "o"))
    consonant_y = len(base) > 1 and base.endswith("y") and base[-2] not in "aeiou"
    third = base[:-1] + "ies" if consonant_y else base + ("es" if sibilant else "s")
    stem = base[:-1] if base.endswith("e") else base
    past = base[:-1] + "ied" if consonant_y else stem + "ed"
    forms = {third, past, stem + "ing"}
    short = len(base) > 2 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou"
    if short:
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def first_actor_after(verb: Token, reader: ArgumentReader, sources: list[str]) -> list[str]:
    """PETRARCH's target of last resort: the first actor named after the verb in its phrase."""
    for token in verb.subtree:
        if token.i > verb.i and token.i in reader.index.by_token:
            found = [a for a in reader.named_by(phrase_head(token)) if a not in sources]
            if found:
                return found
    return []


def same_word(token: Token, word: str) -> bool:
    """Pattern words match word forms exactly, as in PETRARCH ("EFFORT" does not match "efforts")."""
    return word == token.lower_


def skip_phrase(words: list[Token], cursor: int, span: tuple[int, int], forward: bool) -> int:
    """Move past the next noun phrase ("^" in a pattern)."""
    start, end = span
    indices = range(cursor, end) if forward else range(cursor - 1, start - 1, -1)
    for index in indices:
        token = words[index]
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            head = token
            while head.dep_ in ("compound", "amod", "det", "poss") and head.head.i != head.i:
                head = head.head
            edge = head.right_edge.i if forward else head.left_edge.i
            offset = words[0].i
            return edge - offset + 1 if forward else edge - offset
    return cursor


def marked_phrase(sentence: Span, index: int) -> Token:
    """The noun phrase head at or next to a marker's position."""
    words = list(sentence)
    for token in words[min(max(index, 0), len(words) - 1) :]:
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            head = token
            while head.dep_ in ("compound", "amod", "poss") and head.head.i != head.i:
                head = head.head
            return head
    return words[min(max(index, 0), len(words) - 1)]
