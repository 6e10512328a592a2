"""A learned signal beside the rules: a linear model that reads a parsed sentence and gives the
probability of each PLOVER type (and NONE, no event) for its main event.

Features are words and parse relations, not surface strings: content lemmas, the main predicate,
labelled arcs around verbs and event nouns ("attack>dobj>convoy", "call>prep_for>ceasefire",
"threaten>xcomp>kill", "not>attack"), and the types the trigger lexicon lists for the sentence's words
whatever their conditions ("lex:ASSAULT"). Names are left out (they say who, not what).

The weights are plain JSON (`sitrep/data/events/type_model.json`: classes, intercepts and, per feature,
its weight for each class), written by `python -m sitrep.events.train` from Sitrep's own example
sentences (`examples.jsonl`); scoring needs no machine-learning library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from spacy.tokens import Span, Token

from sitrep.events.lexicon import Lexicon
from sitrep.events.matching import base_forms
from sitrep.events.syntax import is_noun, is_verb, lemma

MODEL_FILE = "type_model.json"
NONE = "NONE"
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}
ARC_DEPS = {
    "dobj",
    "obj",
    "nsubj",
    "nsubjpass",
    "xcomp",
    "ccomp",
    "prt",
    "acomp",
    "oprd",
    "attr",
    "dative",
    "advcl",
    "compound",
    "amod",
}
MAX_TOKENS = 120  # features of a longer sentence come from its first MAX_TOKENS tokens only


def word(token: Token) -> str:
    """A token's lemma, or its entity label for names ("GPE", "PERSON"): the model learns types, not actors."""
    if token.ent_type_ or token.pos_ == "PROPN":
        return token.ent_type_ or "PROPN"
    if token.like_num:
        return "NUM"
    return lemma(token)


def arcs(token: Token) -> Iterable[str]:
    """Labelled arcs from a verb or event noun to its dependents; prepositions are folded into the label."""
    head = word(token)
    for child in token.children:
        dep = child.dep_
        if dep == "neg":
            yield f"not>{head}"
        elif dep in ("prep", "agent"):
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield f"{head}>prep_{child.lower_}>{word(obj)}"
        elif dep in ARC_DEPS:
            yield f"{head}>{dep}>{word(child)}"


def reporting_verbs(lexicon: Lexicon) -> frozenset[str]:
    """Verbs that only report another event ("said", "confirmed"): the grammar's `reported` governors."""
    return frozenset(word for word, kind in lexicon.grammar.governors.items() if kind == "reported")


def main_predicate(sentence: Span, reporting: Collection[str]) -> Token:
    """The sentence's root, or the clause it reports when the root is a reporting verb."""
    root = sentence.root
    for _ in range(3):
        reported = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if reported is None or lemma(root) not in reporting:
            break
        root = reported
    return root


def lexicon_types(token: Token, lexicon: Lexicon) -> set[str]:
    """The types the lexicon lists for a verb or noun, whatever the conditions of their patterns."""
    lookup = lexicon.verb_senses if is_verb(token) else lexicon.noun_senses
    return {sense.type for form in base_forms(token) for sense in lookup(form)}


def sentence_features(sentence: Span, lexicon: Lexicon) -> list[str]:
    """The feature names of a sentence (with repeats removed)."""
    tokens = list(sentence[:MAX_TOKENS])
    features: list[str] = []
    for token in tokens:
        if token.pos_ in CONTENT_POS and not token.ent_type_ and token.is_alpha:
            features.append(f"w:{lemma(token)}")
        if is_verb(token) or is_noun(token):
            features.extend(arcs(token))
            features.extend(f"lex:{t}" for t in sorted(lexicon_types(token, lexicon)))
    predicate = main_predicate(sentence, reporting_verbs(lexicon))
    features.append(f"main:{word(predicate)}")
    features.extend(f"main_{arc}" for arc in arcs(predicate))
    return list(dict.fromkeys(features))


class SentenceTypeModel(Protocol):
    """What the coder asks of a type model: this light `TypeModel`, or the optional
    `sitrep.events.embedded.EmbeddedTypeModel`, which also reads the sentence's text."""

    def knows(self, features: Sequence[str]) -> float: ...

    def sentence_probabilities(self, sentence: Span, features: Sequence[str]) -> dict[str, float]: ...


@dataclass(frozen=True)
class TypeModel:
    """Multinomial logistic regression: P(type | features) = softmax(intercept + sum of weights)."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.intercepts)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        return softmax(dict(zip(self.classes, scores, strict=True)))

    def sentence_probabilities(self, sentence: Span, features: Sequence[str]) -> dict[str, float]:
        return self.probabilities(features)

    def knows(self, features: Sequence[str]) -> float:
        """The share of the sentence's words the model has weights for: little for text unlike its
        training sentences (another language, markup)."""
        words = [f for f in features if f.startswith("w:")]
        return sum(f in self.weights for f in words) / len(words) if words else 0.0

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TypeModel:
        classes = tuple(str(c) for c in data["classes"])
        intercepts = tuple(float(x) for x in data["intercepts"])
        weights = {str(f): tuple(float(x) for x in row) for f, row in data["weights"].items()}
        if len(intercepts) != len(classes) or any(len(r) != len(classes) for r in weights.values()):
            raise ValueError("type model: every row needs one weight per class")
        return cls(classes, intercepts, weights)


@lru_cache(maxsize=1)
def default_type_model() -> TypeModel:
    """The shipped model (`sitrep/data/events/type_model.json`)."""
    text = resources.files("sitrep.data.events").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return TypeModel.from_json(json.loads(text))


def softmax(scores: Mapping[str, float]) -> dict[str, float]:
    """Probabilities from scores (shifted by the largest, so that no exponential overflows)."""
    top = max(scores.values())
    exps = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exps.values())
    return {c: e / total for c, e in exps.items()}
