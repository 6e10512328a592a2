"""Finding event triggers in a parsed sentence: words and phrases of the lexicon, with their conditions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.pipeline import Lemmatizer
from spacy.tokens import Span, Token

from sitrep import nlp
from sitrep.events.lexicon import Lexicon, Sense
from sitrep.events.syntax import (
    children,
    direct_object,
    first_child,
    has_clause,
    has_object_predicate,
    hyphen_prefix,
    is_noun,
    is_passive,
    is_verb,
    lemma,
    phrase_scope,
    prepositional_objects,
    whole_word,
)

QUANTITY_NOUNS = {
    "deployment",
    "patch",
    "first",
    "wave",
    "hundred",
    "thousand",
    "dozen",
    "score",
    "million",
    "number",
    "group",
    "lot",
    "couple",
    "batch",
    "handful",
    "team",
    "unit",
    "contingent",
    "battalion",
    "convoy",
    "planeload",
    "shipment",
    "little",
    "much",
    "some",
    "most",
    "part",
    "share",
    "half",
    "portion",
    "bulk",
    "rest",
}
TIME_ENTITIES = {"DATE", "TIME"}
MONEY_ENTITY = "MONEY"
PERSONAL_PRONOUNS = {"him", "her", "me", "us", "he", "she", "i", "we"}  # only ever people
PLURAL_PRONOUNS = {"them", "they"}  # people or things: what they stand for decides
# prepositions that introduce what an event noun acts on: "the release of the report", "an attack on the plan"
NOMINAL_PATIENT_PREPS = ("of", "on", "upon", "against")
BARE_WORD_SPOILERS = {"det", "poss", "amod", "compound", "nummod"}  # what an idiom's noun goes without
INFINITIVE_LINKS = {"advcl", "xcomp", "relcl", "acl"}  # how the parser hangs "to leave" on "gave them a day"
INFLECTIONS = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("es", ""),
    ("s", ""),
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
        return " ".join(whole_word(t) for t in words)


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """Triggers in token order; verbs are matched first so that "lift the curfew" claims "curfew"."""
    claimed: set[int] = set()
    found: list[Trigger] = []
    for wanted in (is_verb, is_noun):
        for token in sentence:
            if token.i in claimed or not wanted(token) or is_adjectival(token):
                continue
            lookup = lexicon.verb_senses if wanted is is_verb else lexicon.noun_senses
            senses = next((s for form in base_forms(token) if (s := lookup(form))), ())
            trigger = best_match(token, senses, lexicon)
            if trigger is not None:
                found.append(trigger)
                claimed.update(t.i for t in (token, *trigger.used))
    return sorted(found, key=lambda t: t.token.i)


def base_forms(token: Token) -> tuple[str, ...]:
    """The lemma, then guesses from the inflected form for when the tagger's lemma is wrong ("staged"
    lemmatised as "stag"): -ed, -d, -ing, -s, -es, -ies, doubled final consonants; for a verb also the
    base of an irregular form ("forgave" tagged as a base form keeps "forgave" as its lemma). The last part
    of a hyphenated word the tokenizer split tries the whole word first ("sit-in", "build-up")."""
    forms = word_forms(token.lower_, lemma(token), is_verb(token))
    prefix = hyphen_prefix(token)
    return tuple(prefix + form for form in forms) + forms if prefix else forms


@lru_cache(maxsize=1 << 16)
def word_forms(word: str, lemma: str, verb: bool = False) -> tuple[str, ...]:
    """`base_forms` from the strings, remembered: the same words recur in every article."""
    forms = [lemma, word, *(irregular_verbs().get(word, ()) if verb else ())]
    stems = list(inflection_stems(word))
    if not verb and lemma != word and lemma in stems:  # a noun's lemma a guess confirms stands: "aides"
        return tuple(dict.fromkeys(forms))
    return tuple(dict.fromkeys(forms + stems))


def inflection_stems(word: str) -> Iterator[str]:
    """Guesses at a word's base from its ending: -ed, -d, -ing, -s, -es, -ies, doubled final consonants."""
    for suffix, replacement in INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            yield stem
            if replacement == "" and len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]


@lru_cache(maxsize=1)
def irregular_verbs() -> Mapping[str, tuple[str, ...]]:
    """Irregular verb forms and their bases ("forgave": "forgive", "fled": "flee"), from the exception
    table of the parsing model's own lemmatizer; empty when the model has none."""
    language = nlp.load()
    lemmatizer = language.get_pipe("lemmatizer") if "lemmatizer" in language.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or not lemmatizer.lookups.has_table("lemma_exc"):
        return {}
    verbs = lemmatizer.lookups.get_table("lemma_exc").get("verb", {})
    return {form: tuple(bases) for form, bases in verbs.items()}


def is_adjectival(token: Token) -> bool:
    """A participle used as an adjective names a state, not an event ("alleged bombers", "the besieged
    town", "detained activists")."""
    return token.dep_ == "amod" and token.tag_ in ("VBN", "VBD", "VBG", "JJ")


def best_match(token: Token, senses: tuple[Sense, ...], lexicon: Lexicon) -> Trigger | None:
    """The most specific sense whose words and conditions hold (senses come most specific first)."""
    if not senses:
        return None
    scope = phrase_scope(token)
    for sense in senses:
        used = match_dependents(sense, scope, lexicon)
        if used is not None and conditions_hold(token, sense, lexicon) and phrase_holds(sense, token, used):
            return Trigger(token, noun_object_sense(token, used, lexicon) or sense, used)
    return None


def phrase_holds(sense: Sense, head: Token, used: tuple[Token, ...]) -> bool:
    """The conditions on the pattern's words as a phrase: an idiom's words stand bare, and a sense that
    needs a "to" clause has one on its head or on one of its words."""
    return (not sense.bare or all_bare(used)) and (not sense.to_clause or has_to_clause((head, *used)))


def has_to_clause(words: tuple[Token, ...]) -> bool:
    """An infinitive with "to" on one of the words ("gave the army two days to leave")."""
    clauses = (c for word in words for c in word.children if c.dep_ in INFINITIVE_LINKS)
    return any(a.dep_ == "aux" and a.lower_ == "to" for clause in clauses for a in clause.children)


def noun_object_sense(verb: Token, used: tuple[Token, ...], lexicon: Lexicon) -> Sense | None:
    """A support verb's phrase is its noun's event ("launched an attack"): where the noun's own object
    ("an attack on the ruling" is criticism) or its own words ("launched a hunger strike") set its sense
    apart, that sense is the phrase's."""
    if not is_verb(verb) or lemma(verb) not in lexicon.grammar.support_verbs:
        return None
    for noun in (w for w in used if w.dep_ in ("dobj", "obj")):
        sense = best_match(noun, lexicon.noun_senses(lemma(noun)), lexicon)
        if sense is not None and (sense.sense.object_in or sense.sense.dependents):
            return sense.sense
    return None


def all_bare(words: tuple[Token, ...]) -> bool:
    """Words with no determiner, possessive or modifier of their own, as in an idiom ("joined forces");
    "joined the army's forces" says something else."""
    return not any(c.dep_ in BARE_WORD_SPOILERS for word in words for c in word.children)


def match_dependents(sense: Sense, scope: list[Token], lexicon: Lexicon) -> tuple[Token, ...] | None:
    """The scope tokens that realise the pattern's other words, or None when one is missing."""
    used: list[Token] = []
    for word in sense.dependents:
        allowed = lexicon.members(word)
        candidates = [
            t
            for t in scope
            if t not in used
            and (not word.startswith("&") or (is_class_slot(t) and not in_setting(t, sense, lexicon)))
            and not is_time_phrase(t)
        ]
        people = word.lstrip("&") in lexicon.grammar.people_classes
        match = next(
            (
                t
                for t in candidates
                if matches_word(quantified(t), allowed) or people and names_people(quantified(t))
            ),
            None,
        )
        if match is None:
            return None
        used.append(match)
    return tuple(used)


def in_setting(token: Token, sense: Sense, lexicon: Lexicon) -> bool:
    """A noun in a phrase of place or circumstance that the pattern does not name is where or why the
    event happened, not one of its words ("handed over a suspect at the border crossing" hands over no
    territory, "met in a bid to settle" meets no demand)."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in lexicon.grammar.circumstance_preps
        and preposition.lower_ not in sense.dependents
    )


def is_time_phrase(token: Token) -> bool:
    """A preposition that only says when ("called the envoy on Monday" calls on no one); "until" sets a
    deadline, which a pattern may name ("gave them until Friday to leave")."""
    objects = children(token, "pobj")
    return (
        token.dep_ == "prep"
        and token.lower_ != "until"
        and bool(objects)
        and all(o.ent_type_ in TIME_ENTITIES for o in objects)
    )


def is_class_slot(token: Token) -> bool:
    """A class word stands for a noun phrase's head ("moved fighter jets" is about jets, not fighters;
    "according to" is no accord)."""
    return token.dep_ != "compound" and (
        token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X") or is_gerund_noun(token)
    )


def is_gerund_noun(token: Token) -> bool:
    """A gerund with no object of its own in a noun's place names a thing ("withdrew funding")."""
    nominal_place = token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
    return token.tag_ == "VBG" and nominal_place and direct_object(token) is None


def matches_word(token: Token, allowed: frozenset[str]) -> bool:
    """True when the token's lemma or form is allowed, or it is an amount of money and money is; multi-word
    members match on their last word with the earlier words among the token's own dependents ("martial
    law", "state of emergency")."""
    prefix = hyphen_prefix(token)
    if lemma(token) in allowed or token.lower_ in allowed or (prefix and prefix + lemma(token) in allowed):
        return True
    if token.ent_type_ == MONEY_ENTITY and "money" in allowed:  # "$300 million" is money
        return True
    for member in allowed:
        words = member.split()
        if len(words) > 1 and words[-1] in (lemma(token), token.lower_):
            around = {lemma(t) for t in token.subtree} | {lemma(t) for t in token.head.subtree}
            if all(w in around for w in words[:-1]):
                return True
    return False


def conditions_hold(token: Token, sense: Sense, lexicon: Lexicon) -> bool:
    obj = patient(token)
    checks = (
        not sense.partner or has_partner(token),
        not sense.clause_modal or clause_has_modal(token, sense.clause_modal),
        sense.transitive is None or (obj is not None) == sense.transitive,
        sense.voice is None or (sense.voice == "passive") == is_passive(token),
        not sense.object_predicate or has_object_predicate(token),
        not sense.clause or has_clause(token),
        not sense.plural or token.tag_ in ("NNS", "NNPS"),
        not sense.object_in or word_in(obj, sense.object_in, lexicon),
        not sense.subject_in or word_in(first_child(token, "nsubj"), sense.subject_in, lexicon),
        not sense.predicate_in or word_in(predicate_of(token), sense.predicate_in, lexicon),
        not sense.term_in or has_term(token, sense.term_in, lexicon),
        not ruled_out(token, sense, lexicon),
    )
    return all(checks)


def ruled_out(token: Token, sense: Sense, lexicon: Lexicon) -> bool:
    """True when the word is what the sense says it is not: its object or subject is one the sense
    excludes ("fight corruption", "received his orders"), or it says what its object is ("called the
    plan a trap")."""
    if sense.object_predicate is False and has_object_predicate(token):
        return True
    if sense.object_not_in and word_in(opposed(token) or patient(token), sense.object_not_in, lexicon):
        return True
    return bool(sense.subject_not_in) and word_in(first_child(token, "nsubj"), sense.subject_not_in, lexicon)


def patient(token: Token) -> Token | None:
    """What the event acts on: a verb's direct object, or the object of a noun's first "of", "on" or
    "against" phrase ("the release of the report", "an attack on the plan")."""
    if is_verb(token):
        return direct_object(token)
    preps = (p for p in token.children if p.dep_ == "prep" and p.lower_ in NOMINAL_PATIENT_PREPS)
    return next((o for p in preps for o in children(p, "pobj")), None)


def has_term(verb: Token, units: tuple[str, ...], lexicon: Lexicon) -> bool:
    """A stated length of time, "for" or "to" a counted unit ("jailed for seven years", "to 18 months");
    "two years ago" says when, not how long."""
    return any(
        word_in(obj, units, lexicon) and bool(children(obj, "nummod"))
        for _, obj in prepositional_objects(verb, ("for", "to"))
    )


def predicate_of(noun: Token) -> Token | None:
    """The verb a noun is the subject of ("the strikes hit a market": hit)."""
    return noun.head if noun.dep_ in ("nsubj", "nsubjpass") and is_verb(noun.head) else None


def opposed(token: Token) -> Token | None:
    """What a fight is against: "the fight against corruption", "fought against poverty"."""
    return next((o for p in token.children if p.lower_ == "against" for o in children(p, "pobj")), None)


def has_partner(verb: Token) -> bool:
    """Someone to meet or negotiate with: a "with"/"between" phrase on the verb or on its object ("joined
    forces with Y", "held exercises with Y"), or a plural or coordinated subject (for a complement with no
    subject of its own, that of the verb it completes: "the navies started jointly patrolling")."""
    obj = direct_object(verb)
    heads = (verb,) if obj is None else (verb, obj)
    if any(p.lower_ in ("with", "between", "among") for head in heads for p in head.children):
        return True
    subject = first_child(verb, "nsubj") or (
        first_child(verb.head, "nsubj") if verb.dep_ == "xcomp" else None
    )
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts))


def clause_has_modal(verb: Token, modals: tuple[str, ...]) -> bool:
    """A reported clause whose own subject is told what it must do ("said that Libya must hand over")."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        auxiliaries = [a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")]
        subjunctive = "subjunctive" in modals and clause.tag_ == "VB" and not auxiliaries  # "that he resign"
        has_modal = subjunctive or any(a in modals for a in auxiliaries)
        if has_modal and first_child(clause, "nsubj", "nsubjpass") is not None:
            return True
    return False


def word_in(token: Token | None, words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """True when the head of the phrase is one of the words or class members (a multi-word member such
    as "peacekeeping force" needs its modifiers too; "refugee agency" is no person); a plural nationality
    belongs to the grammar's classes of people."""
    if token is None:
        return False
    allowed = frozenset().union(*(lexicon.members(w) for w in words))
    head = quantified(token)
    heads = (head, referent(head))
    if any(matches_word(h, allowed) for h in heads):
        return True
    people = lexicon.grammar.people_classes
    return any(names_people(h) for h in heads) and any(w.lstrip("&") in people for w in words)


def names_people(token: Token) -> bool:
    """A plural name of a nationality or group ("three Albanians", "Kurds"), or a personal pronoun
    ("beat him"): people, not a state."""
    return token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS") or token.lower_ in PERSONAL_PRONOUNS


def referent(token: Token) -> Token:
    """What "them" or "they" stands for: the nearest plural noun before it in its sentence that is not the
    subject of its own verb ("the prisoners said guards had beaten them": the prisoners); any other token
    stands for itself."""
    if token.lower_ not in PLURAL_PRONOUNS:
        return token
    own_subjects = set(children(token.head, "nsubj", "nsubjpass"))
    earlier = token.sent[: token.i - token.sent.start]
    plural = [
        t for t in earlier if t.tag_ in ("NNS", "NNPS") and t.dep_ != "compound" and t not in own_subjects
    ]
    return plural[-1] if plural else token


def quantified(token: Token) -> Token:
    """What a quantity phrase counts: "hundreds of civilians" is about civilians."""
    if token.like_num or lemma(token) in QUANTITY_NOUNS:
        counted = next(
            (o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None
        )
        if counted is not None:
            return counted
    return token
