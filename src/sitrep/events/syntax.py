"""Helpers over spaCy's dependency parse (ClearNLP labels, as in the English models)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

OTHER_CLAUSES = {"conj", "ccomp", "advcl", "relcl", "parataxis"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we", "our"}
# Dependents that belong to a noun phrase when we look for the actors it names; relative clauses,
# participial modifiers and most prepositional phrases describe something else.
NP_DEPS = {
    "compound",
    "amod",
    "nmod",
    "poss",
    "conj",
    "appos",
    "det",
    "nummod",
    "quantmod",
    "case",
    "cc",
    "punct",
    "flat",
    "prep",
    "pobj",
    "npadvmod",
    "advmod",
}
NP_PREPS = {"of", "from", "in", "for", "by"}
# Dependents a trigger phrase may draw its other words from ("lift the curfew", "blow up", "hunger strike")
PHRASE_DEPS = {
    "prt",
    "dobj",
    "obj",
    "prep",
    "pobj",
    "compound",
    "amod",
    "nmod",
    "attr",
    "acomp",
    "dative",
    "npadvmod",
    "advmod",
    "nsubjpass",
    "oprd",
    "pcomp",
    "poss",
    "agent",
}
PHRASE_DEPTH = 3


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def is_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def hyphen_prefix(token: Token) -> str:
    """The first part and hyphen of a hyphenated word the tokenizer split ("sit-" on the "in" of "sit-in",
    "cease-" on "fire"), or "" when the token is no such last part."""
    if token.i < 2:
        return ""
    hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return ""
    return f"{first.lower_}-"


def whole_word(token: Token) -> str:
    """A token's text with the first part of the hyphenated word it ends ("sit-in", not "in")."""
    if not hyphen_prefix(token):
        return token.text
    return f"{token.doc[token.i - 2].text}-{token.text}"


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def is_passive(verb: Token) -> bool:
    """Passive voice, including reduced participles ("the war declared by X")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass", "agent") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")


def direct_object(verb: Token) -> Token | None:
    """The patient of a verb: its direct object, in the passive its subject, and for a reduced passive
    participle the noun it describes ("results released on Monday")."""
    obj = first_child(verb, "dobj", "obj")
    if obj is None and is_passive(verb):
        obj = first_child(verb, "nsubjpass")
    if obj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        obj = verb.head
    return obj


def has_object_predicate(verb: Token) -> bool:
    """A verb that says what its object is ("called the plan a trap", "what they call peace"): an object
    predicate, the second of two objects the parser gives it, or an adjective the parser hangs after the
    object ("calling the charges politically motivated")."""
    objects = children(verb, "dobj", "obj")
    return bool(children(verb, "oprd")) or len(objects) > 1 or any(map(has_trailing_adjective, objects))


def has_trailing_adjective(noun: Token) -> bool:
    """An adjective, or a bare participle ("called the vote rigged"), after a noun that depends on it: a
    predicate, as English adjectives come before their noun."""
    return any(
        c.i > noun.i
        and c.dep_ in ("acl", "amod")
        and (c.pos_ == "ADJ" or (c.tag_ == "VBN" and not c.n_rights))
        for c in noun.children
    )


def prepositional_objects(token: Token, preps: Iterable[str] | None = None) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under a token, following "out of", "away from" and conjoined objects."""
    wanted = set(preps) if preps is not None else None
    for prep in children(token, "prep", "agent", "dative"):
        word = prep.lower_
        if wanted is not None and word not in wanted:
            continue
        for obj in children(prep, "pobj", "pcomp"):
            yield word, obj


def phrase_scope(head: Token) -> list[Token]:
    """Tokens a multi-word trigger may use: the head's dependents down to PHRASE_DEPTH, within its clause,
    and an adjective the parser hangs on the verb as a clause ("held X responsible", "found them guilty")."""
    found: list[Token] = []
    frontier = [head]
    for _ in range(PHRASE_DEPTH):
        frontier = [
            c for t in frontier for c in t.children if c.dep_ in PHRASE_DEPS or is_secondary_predicate(c)
        ]
        found.extend(frontier)
    return found


def is_secondary_predicate(token: Token) -> bool:
    """An adjective parsed as a clause of its own, though it only says what the verb's object is."""
    return token.pos_ == "ADJ" and token.dep_ in ("advcl", "ccomp")


def noun_phrase(token: Token, with_conjuncts: bool = True) -> list[Token]:
    """The tokens of the noun phrase headed by `token`, without relative clauses and unrelated PPs
    (and without coordinated phrases unless `with_conjuncts`)."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ not in NP_DEPS or (
                child.dep_ == "conj" and not with_conjuncts and current.i == token.i
            ):
                continue
            if child.dep_ == "prep" and child.lower_ not in NP_PREPS:
                continue
            found.append(child)
            stack.append(child)
    return sorted(found, key=lambda t: t.i)


def phrase_head(token: Token) -> Token:
    """The head of the noun phrase a modifier belongs to ("Minas" -> "Tirith")."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("compound", "flat", "amod", "nmod", "poss") or current.head.i == current.i:
            break
        current = current.head
    return current


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("Israel and Lebanon")."""
    return [token, *token.conjuncts]


def is_root(token: Token) -> bool:
    """spaCy makes a new Token object on each access, so identity must be checked by index."""
    return token.head.i == token.i


def clause_head(token: Token) -> Token:
    """The verb (or root) of the clause a token stands in."""
    current = token
    while not is_root(current) and not is_verb(current):
        current = current.head
    return current


def path_to_root(token: Token) -> Iterator[tuple[Token, Token]]:
    """(child, head) pairs from the token up to its sentence root."""
    current = token
    seen = {current.i}
    while not is_root(current) and current.head.i not in seen:
        seen.add(current.head.i)
        yield current, current.head
        current = current.head


def has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) or reports_preceding_clause(verb)


def reports_preceding_clause(verb: Token) -> bool:
    """A closing reporting frame the parser read as a participle on an appositive: in "the police are
    failing, a rights group protested", "protested" hangs from "group" as if "a group (that was)
    protested", yet it reports the clause before the comma."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or direct_object(verb) is not None:
        return False
    noun = verb.head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # "an association of lawyers protested"
        noun = noun.head.head
    start = next(t.i for t in noun_phrase(noun, with_conjuncts=False) if not t.is_punct)
    return (
        noun.dep_ in ("appos", "ROOT")
        and verb.doc[start - 1].text == ","
        and any(is_verb(t) for t in verb.doc[verb.sent.start : start])
    )


def own_clause(token: Token, limit: int = 80) -> list[Token]:
    """A token's subtree without the other clauses hanging from it (conjoined, reported, adverbial)."""
    found: list[Token] = []
    stack = [token]
    while stack and len(found) < limit:
        current = stack.pop()
        found.append(current)
        stack.extend(
            c for c in current.children if not (c.dep_ in OTHER_CLAUSES and is_verb(c)) and c.dep_ != "relcl"
        )
    return sorted(found, key=lambda t: t.i)
