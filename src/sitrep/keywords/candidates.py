"""Candidate key phrases found in a parsed body: named entities, capitalised names and noun phrases.

Every candidate is an `Occurrence`: one span of the body with a normalised key under which the
occurrences of the same phrase are counted together ("car bombings" and "car bombing" share a key).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Entity labels that name something a reader could look up; dates, amounts and ordinals are not keywords.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# Tokens inside these entities are amounts and dates ("thousands", "April"), never part of a key phrase.
QUANTITY_LABELS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})
NOUN_PHRASE_POS = frozenset({"ADJ", "NOUN", "PROPN"})
HEAD_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})
# Names that a lower-case description may run into ("spokesman Yasser al-Nashar", "news agency SANA").
DESCRIBED_LABELS = frozenset({"PERSON", "ORG"})
# Lower-case words that stay inside a proper name: "Army of Islam", "Bank for Reconstruction and Development".
NAME_LINKS = frozenset({"of", "for"})
NAME_COORDINATOR = "and"
MAX_PHRASE_TOKENS = 6


@dataclass(frozen=True)
class Occurrence:
    """One candidate span. `key` joins its lower-cased lemmas (names: words); `words` are the content ones."""

    key: str
    text: str
    start: int
    end: int
    sentence: int
    words: tuple[str, ...]
    is_name: bool


@dataclass(frozen=True)
class Candidates:
    """What ranking needs from the parse: the candidate occurrences and counts over the whole body."""

    occurrences: list[Occurrence]
    word_counts: Counter[str]  # content words, as in `Occurrence.words`
    sentences: int


@dataclass(frozen=True)
class _Parsed:
    """The body and what every occurrence reads of its tokens, computed once per token: spaCy makes
    a new Token object on every access and looks each string attribute up anew."""

    text: str
    tokens: list[Token]
    sentence_of: dict[int, int]
    key_words: list[str]  # `_key_word` of each token
    content: list[bool]  # `_is_content_word` of each token


def find_candidates(doc: Doc, text: str) -> Candidates:
    """Candidate spans of `doc`, whose text is `text` (one per span; overlapping spans are kept)."""
    tokens = list(doc)
    parsed = _Parsed(
        text,
        tokens,
        _sentence_index(doc),
        [_key_word(t) for t in tokens],
        [_is_content_word(t) for t in tokens],
    )
    entities = doc.ents  # spaCy builds the entity spans anew on each access
    names = [*_entity_spans(entities), *_name_spans(tokens)]
    found = [_occurrence(parsed, a, b, is_name=True) for a, b in names]
    named = _named_by_end(entities)
    inside_names = {i for a, b in names for i in range(a + 1, b)}
    found += [
        _occurrence(parsed, a, b, is_name=False)
        for a, b in _noun_phrase_spans(tokens)
        if a not in inside_names and not _describes_a_name(tokens[a:b], named)
    ]
    return Candidates(
        occurrences=_distinct([occ for occ in found if occ is not None]),
        word_counts=Counter(
            word for word, content in zip(parsed.key_words, parsed.content, strict=True) if content
        ),
        sentences=max(parsed.sentence_of.values(), default=0) + 1,
    )


def _named_by_end(entities: Sequence[Span]) -> dict[int, int]:
    """Token index where each person's or organisation's name ends -> where it starts."""
    return {ent.end: ent.start for ent in entities if ent.label_ in DESCRIBED_LABELS}


def _describes_a_name(tokens: list[Token], named: dict[int, int]) -> bool:
    """A description run into a name ("OCHA spokeswoman Martina Ruiz", "state news agency SANA"): the
    name alone is the keyword. A capitalised title stays ("President Bill Clinton")."""
    name_start = named.get(tokens[-1].i + 1) if tokens else None
    return name_start is not None and any(t.is_lower for t in tokens if t.i < name_start)


def _distinct(occurrences: list[Occurrence]) -> list[Occurrence]:
    """One occurrence per span; a span found both as a name and as a noun phrase counts as a name."""
    by_span: dict[tuple[int, int], Occurrence] = {}
    for occ in occurrences:
        by_span.setdefault((occ.start, occ.end), occ)
    return sorted(by_span.values(), key=lambda occ: (occ.start, occ.end))


def _sentence_index(doc: Doc) -> dict[int, int]:
    """Token index -> sentence number (the whole doc is one sentence when it has no parse)."""
    if not doc.has_annotation("SENT_START"):
        return dict.fromkeys(range(len(doc)), 0)
    return {i: number for number, sent in enumerate(doc.sents) for i in range(sent.start, sent.end)}


TokenRange = tuple[int, int]


def _entity_spans(entities: Sequence[Span]) -> Iterator[TokenRange]:
    for ent in entities:
        if ent.label_ in ENTITY_LABELS:
            yield from _entity_pieces(ent)


def _entity_pieces(span: Span) -> Iterator[TokenRange]:
    """Pieces of an entity between line breaks, possessives, brackets, quotes and verbs.

    NER sometimes runs a headline into the next line, takes "Ghouta's Unified Judicial Body" whole,
    swallows the "(EBRD" after a name or runs a name into its verb and object ("the Red Crescent
    entered Douma").
    """
    piece_start = span.start
    for token in span:
        if token.is_space or token.tag_ == "POS" or token.is_bracket or token.is_quote or _is_verb(token):
            if token.i > piece_start:
                yield piece_start, token.i
            piece_start = token.i + 1
    if piece_start < span.end:
        yield piece_start, span.end


def _is_verb(token: Token) -> bool:
    return token.pos_ in VERB_POS and token.is_lower


def _is_word(token: Token) -> bool:
    return token.is_alpha and token.ent_type_ not in QUANTITY_LABELS


def _is_name_token(token: Token) -> bool:
    if not _is_word(token):
        return False
    if token.pos_ == "PROPN":
        return True
    capitalised = token.is_title or (token.is_upper and len(token) > 1)
    return capitalised and token.pos_ in NOUN_PHRASE_POS and not token.is_sent_start


def _name_spans(tokens: list[Token]) -> Iterator[TokenRange]:
    """Runs of capitalised words, joined by "of"/"for" (and by "and" once such a link was seen)."""
    i = 0
    while i < len(tokens):
        if not _is_name_token(tokens[i]) or _only_capitalised_as_sentence_start(tokens[i]):
            i += 1
            continue
        end = _name_end(tokens, i)
        yield i, end
        i = end


def _only_capitalised_as_sentence_start(token: Token) -> bool:
    """A sentence's first word is capitalised anyway: without NER's word it is no evidence of a name."""
    return bool(token.is_sent_start) and not token.ent_type_ and not token.is_upper


def _name_end(tokens: list[Token], start: int) -> int:
    """The exclusive end of the name starting at `start`."""
    end = start + 1
    linked = False
    while end < len(tokens):
        token = tokens[end]
        if _is_name_token(token):
            end += 1
            continue
        if end + 1 == len(tokens) or not _is_name_token(tokens[end + 1]):
            break
        # "Deir ez-Zor": a hyphen inside a word joins two name parts.
        if _is_inner_hyphen(token, tokens[end - 1]):
            end += 2
            continue
        word = token.lower_
        joins = word in NAME_LINKS or (linked and word == NAME_COORDINATOR)
        # "Tarek Mansour of SARC" is a person and an organisation, not one name.
        if not joins or tokens[end - 1].ent_type_ == "PERSON":
            break
        linked = True
        end += 2
    return end


def _noun_phrase_spans(tokens: list[Token]) -> Iterator[TokenRange]:
    """Maximal adjective/noun runs ending in a noun, with hyphenated compounds kept whole."""
    run: list[Token] = []
    for token in tokens:
        if _continues_phrase(token, run):
            run.append(token)
            continue
        yield from _trimmed(run)
        run = [token] if token.pos_ in NOUN_PHRASE_POS and _is_word(token) else []
    yield from _trimmed(run)


def _continues_phrase(token: Token, run: list[Token]) -> bool:
    if not run:
        return False
    if token.pos_ in NOUN_PHRASE_POS and _is_word(token):
        return True
    return _is_inner_hyphen(token, run[-1])


def _is_inner_hyphen(token: Token, previous: Token) -> bool:
    """A hyphen with no space on either side: part of a compound word, not a dash between clauses."""
    return token.text == "-" and not previous.whitespace_ and not token.whitespace_


def _trimmed(run: list[Token]) -> Iterator[TokenRange]:
    """The run without leading stop words or trailing non-nouns; too long runs are dropped."""
    while run and (run[0].is_stop or not run[0].is_alpha):
        run = run[1:]
    while run and run[-1].pos_ not in HEAD_POS:
        run = run[:-1]
    if run and len(run) <= MAX_PHRASE_TOKENS:
        yield run[0].i, run[-1].i + 1


def _occurrence(parsed: _Parsed, start: int, end: int, is_name: bool) -> Occurrence | None:
    """The occurrence of tokens [start, end), without the edges `_strip_edges` drops."""
    tokens = _strip_edges(parsed.tokens[start:end])
    words = tuple(parsed.key_words[t.i] for t in tokens if parsed.content[t.i])
    if not tokens or not words:
        return None
    first, last = tokens[0], tokens[-1]
    return Occurrence(
        key=" ".join(parsed.key_words[t.i] for t in tokens if t.text != "-"),
        text=_shown_case(parsed.text[first.idx : last.idx + len(last)], first, is_name),
        start=first.idx,
        end=last.idx + len(last),
        sentence=parsed.sentence_of.get(first.i, 0),
        words=words,
        is_name=is_name,
    )


def _shown_case(text: str, first: Token, is_name: bool) -> str:
    """A common noun phrase capitalised only because it starts a sentence is shown in lower case."""
    if not is_name and first.is_title and _only_capitalised_as_sentence_start(first) and text[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _is_content_word(token: Token) -> bool:
    return token.is_alpha and not token.is_stop


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners/pronouns/numbers and trailing possessives and punctuation."""
    while tokens and (tokens[0].pos_ in {"DET", "PRON", "NUM", "PUNCT"} or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ in {"PART", "PUNCT"} or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _key_word(token: Token) -> str:
    """Lemma for common nouns (plural folds into singular); the word itself for names."""
    if token.pos_ == "PROPN" or token.is_upper:
        return token.lower_
    return token.lemma_.lower()
