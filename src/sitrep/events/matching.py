"""Finding event triggers in a parsed sentence: words and phrases of the lexicon, with their conditions."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.events.lexicon import Lexicon, Sense
from sitrep.events.syntax import (
    direct_object,
    first_child,
    has_clause,
    is_noun,
    is_passive,
    is_verb,
    lemma,
    phrase_scope,
)


@dataclass(frozen=True)
class Trigger:
    token: Token
    sense: Sense
    used: tuple[Token, ...]  # the other words of a multi-word pattern

    @property
    def is_nominal(self) -> bool:
        return not is_verb(self.token)

    @property
    def text(self) -> str:
        words = sorted((self.token, *self.used), key=lambda t: t.i)
        return " ".join(t.text for t in words)


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """Triggers in token order; verbs are matched first so that "lift the curfew" claims "curfew"."""
    claimed: set[int] = set()
    found: list[Trigger] = []
    for wanted in (is_verb, is_noun):
        for token in sentence:
            if token.i in claimed or not wanted(token):
                continue
            senses = (
                lexicon.verb_senses(lemma(token)) if wanted is is_verb else lexicon.noun_senses(lemma(token))
            )
            trigger = best_match(token, senses, lexicon)
            if trigger is not None:
                found.append(trigger)
                claimed.update(t.i for t in (token, *trigger.used))
    return sorted(found, key=lambda t: t.token.i)


def best_match(token: Token, senses: tuple[Sense, ...], lexicon: Lexicon) -> Trigger | None:
    """The most specific sense whose words and conditions hold (senses come most specific first)."""
    if not senses:
        return None
    scope = phrase_scope(token)
    for sense in senses:
        used = match_dependents(sense, scope, lexicon)
        if used is not None and conditions_hold(token, sense, lexicon):
            return Trigger(token, sense, used)
    return None


def match_dependents(sense: Sense, scope: list[Token], lexicon: Lexicon) -> tuple[Token, ...] | None:
    """The scope tokens that realise the pattern's other words, or None when one is missing."""
    used: list[Token] = []
    for word in sense.dependents:
        allowed = lexicon.members(word)
        match = next((t for t in scope if t not in used and matches_word(t, allowed)), None)
        if match is None:
            return None
        used.append(match)
    return tuple(used)


def matches_word(token: Token, allowed: frozenset[str]) -> bool:
    """True when the token's lemma or form is allowed; multi-word members match on their last word
    with the earlier words among the token's own dependents ("martial law", "state of emergency")."""
    if lemma(token) in allowed or token.lower_ in allowed:
        return True
    for member in allowed:
        words = member.split()
        if len(words) > 1 and words[-1] in (lemma(token), token.lower_):
            around = {lemma(t) for t in token.subtree} | {lemma(t) for t in token.head.subtree}
            if all(w in around for w in words[:-1]):
                return True
    return False


def conditions_hold(token: Token, sense: Sense, lexicon: Lexicon) -> bool:
    obj = direct_object(token)
    checks = (
        sense.transitive is None or (obj is not None) == sense.transitive,
        sense.voice is None or (sense.voice == "passive") == is_passive(token),
        not sense.clause or has_clause(token),
        not sense.plural or token.tag_ in ("NNS", "NNPS"),
        not sense.object_in or word_in(obj, sense.object_in, lexicon),
        not sense.subject_in or word_in(first_child(token, "nsubj"), sense.subject_in, lexicon),
    )
    return all(checks)


def word_in(token: Token | None, words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """True when the token (or a compound before it) is one of the words or class members."""
    if token is None:
        return False
    allowed = frozenset().union(*(lexicon.members(w) for w in words))
    candidates = [token, *(c for c in token.children if c.dep_ == "compound")]
    return any(matches_word(t, allowed) for t in candidates)
