"""Whether an event happened: negation, allegation, hypotheticals and stated intentions.

The status of a trigger comes from its own dependents ("not", "no", "allegedly", "will") and from the
words that govern it, found by climbing the parse: a governor of kind `hypothetical` ("demanded that",
"threatened to"), `alleged` ("accused of"), `negated` ("refused to", "denied"), `intent` ("plans to",
"is ready to") or `reported` ("said"). Clausal complements are transparent to governors further up;
a nominal object is transparent only under a support verb ("carried out the bombing") or a governor,
since "stop the war" presupposes the war. Relative clauses and ordinary adverbial clauses stop the
climb; conditional ("if", "unless") and purpose ("in order to") clauses make an event hypothetical.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from sitrep.events.lexicon import Grammar
from sitrep.events.syntax import children, is_noun, is_verb, lemma

NOMINAL_LINKS = {"dobj", "obj", "pobj", "nsubjpass", "attr", "oprd", "dative", "appos", "conj", "compound"}
CLAUSAL_LINKS = {"xcomp", "ccomp", "pcomp", "conj", "acl", "csubj", "csubjpass", "dep"}
TRANSPARENT_HEADS = {"prep", "agent", "acomp", "pcomp"}  # links that carry an event up unchanged
FUTURE_GOVERNOR = "go"  # "going to attack"
NOT_COMPLEMENTS = {
    "nsubj",
    "csubj",
    "conj",
    "cc",
    "advcl",
    "relcl",
    "appos",
    "parataxis",
    "punct",
    "npadvmod",
}


@dataclass
class Status:
    negated: bool = False
    alleged: bool = False
    hypothetical: bool = False
    intent: bool = False
    prepared: bool = False  # readied in deed, not only in word ("the army prepared to resume shelling")
    ceased: bool = False  # brought to an end by its actor ("stopped firing")
    governors: list[Token] = field(default_factory=list)  # governors met, nearest first

    @property
    def refused(self) -> bool:
        """A stated intention not to act ("will not accept", "refused to meet")."""
        return self.intent and self.negated


def is_adjectival_use(token: Token) -> bool:
    """ "is prepared to" (a disposition) rather than "prepared to" (an act of preparing)."""
    return (
        token.dep_ == "acomp"
        or token.tag_ == "JJ"
        or any(c.dep_ in ("auxpass", "aux") and lemma(c) == "be" for c in token.children)
    )


class ModalityReader:
    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar

    def status(self, trigger: Token) -> Status:
        status = Status()
        self.read_own(trigger, status)
        self.climb(trigger, status)
        return status

    def read_own(self, token: Token, status: Status) -> None:
        for child in token.children:
            word = child.lower_
            negative_determiner = child.dep_ == "det" and word in self.grammar.negative_determiners
            if (
                child.dep_ == "neg"
                or (child.dep_ == "advmod" and word == "never")
                or negative_determiner
                or self.has_negated_object(token, child)
            ):
                status.negated = True
            elif child.dep_ == "advmod" and word in self.grammar.allegation_adverbs:
                status.alleged = True
            elif (
                child.dep_ == "aux"
                and word in self.grammar.future_auxiliaries
                or child.dep_ == "amod"
                and word in self.grammar.future_modifiers
            ):
                status.intent = True
            elif (
                child.dep_ == "aux"
                and word in self.grammar.deontic_auxiliaries
                or child.dep_ == "mark"
                and word in self.grammar.conditional_markers
            ):
                status.hypothetical = True
            elif child.dep_ == "advcl" and self.is_condition(child):
                # "will halt mediation if ...", "may attack unless ...": a conditional commitment
                status.intent = True

    def has_negated_object(self, verb: Token, child: Token) -> bool:
        """A verb whose object is denied happened with nothing: "gave no details", "made no concessions"
        report that nothing was given or made."""
        return (
            is_verb(verb)
            and child.dep_ in ("dobj", "obj")
            and any(d.dep_ == "det" and d.lower_ in self.grammar.negative_determiners for d in child.children)
        )

    def is_condition(self, clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)

    def climb(self, trigger: Token, status: Status) -> None:
        child = trigger
        for _ in range(12):
            head = child.head
            if head.i == child.i:
                return
            link = child.dep_
            adverbial = link == "advcl" and not self.misread_complement(child)
            if link == "relcl" or (adverbial and not self.irrealis_adverbial(child, status)):
                return
            if link == "acl" and lemma(head) in self.grammar.purpose_heads:
                status.hypothetical = True
                return
            nominal = is_noun(child) and link in NOMINAL_LINKS
            if not self.pass_through(child, head, nominal, status):
                return
            child = head

    def misread_complement(self, clause: Token) -> bool:
        """A bare "to" clause parsed as an adverbial of a governor that has no complement of its own is
        that governor's complement: an adverbial between them misleads the parser ("vowed on Sunday to
        destroy the rebels")."""
        governor = clause.head
        return (
            clause.dep_ == "advcl"
            and not children(clause, "mark")
            and any(c.lower_ == "to" for c in children(clause, "aux"))
            and lemma(governor) in self.grammar.governors
            and not children(governor, "dobj", "obj", "xcomp", "ccomp")
        )

    def irrealis_adverbial(self, clause: Token, status: Status) -> bool:
        """Conditional and purpose clauses make an event hypothetical; others stop the climb."""
        marks = {c.lower_ for c in children(clause, "mark")}
        if marks & self.grammar.conditional_markers:
            status.hypothetical = True
            return False
        if not marks and any(c.lower_ == "to" for c in children(clause, "aux")):
            status.hypothetical = True
            return False
        return False

    def pass_through(self, child: Token, head: Token, nominal: bool, status: Status) -> bool:
        """Apply what the head does to the event below it; False when the climb must stop."""
        kind = self.governor_kind(head, child)
        if kind is not None:
            self.apply(kind, head, nominal, status)
            return True
        if child.dep_ == "pobj" or child.dep_ in TRANSPARENT_HEADS and not is_verb(head):
            return True
        nominal = nominal or child.dep_ in ("prep", "agent")
        if nominal and is_verb(head):
            if lemma(head) in self.grammar.support_verbs:
                self.read_support(head, status)
                return True
            return False
        if not nominal and child.dep_ == "xcomp" and self.is_future_frame(head, child):
            status.intent = True
        return child.dep_ in CLAUSAL_LINKS or is_noun(head)

    def is_future_frame(self, head: Token, complement: Token) -> bool:
        """ "going to attack", and "is to visit" (a copula with a "to" infinitive): what is to come."""
        going = lemma(head) == FUTURE_GOVERNOR and head.tag_ == "VBG"
        to_come = lemma(head) == "be" and any(c.lower_ == "to" for c in children(complement, "aux"))
        return going or to_come

    def governor_kind(self, head: Token, child: Token) -> str | None:
        """The kind of governor the head is for this child; a subject, a conjunct or an adverbial is no
        complement ("agreed last year ... and have been exchanging information since")."""
        # a noun "coordinated" with a verb is a parse error for a coordinated object ("accused of the
        # bombings, and the assassination"): it is governed like the object
        misattached = child.dep_ == "conj" and is_noun(child) and is_verb(head)
        if child.dep_ in NOT_COMPLEMENTS and not (misattached or self.misread_complement(child)):
            return None
        return self.grammar.governors.get(lemma(head)) or self.grammar.governors.get(head.lower_)

    def apply(self, kind: str, governor: Token, nominal: bool, status: Status) -> None:
        status.governors.append(governor)
        if kind == "preparation" and not is_adjectival_use(governor):
            status.prepared = True
        elif kind in ("intent", "preparation"):
            status.intent = True
        elif kind == "hypothetical":
            status.hypothetical = True
        elif kind == "cessation" and not nominal:  # "stopped the attack" may be someone else's
            status.ceased = True
        elif kind == "alleged":
            status.alleged = True
        elif kind == "negated":
            # "denied the bombing" disputes who did it; "refused to meet" says it did not happen
            if nominal:
                status.alleged = True
            else:
                status.negated = True
                status.intent = True

    def read_support(self, verb: Token, status: Status) -> None:
        """A support verb carries the negation, allegation and tense of its nominal event."""
        own = Status()
        self.read_own(verb, own)
        status.negated |= own.negated
        status.alleged |= own.alleged
        status.intent |= own.intent
