"""Who did it and to whom: actors and recipients of a trigger, read from the dependency parse.

Actor mentions (character spans resolved to actor ids by the actors stage) are mapped onto tokens; a
noun phrase names the actors whose mentions fall inside it. The rules:
- verbs: the subject, or in the passive the "by" agent; relative pronouns lead to the noun they
  modify; a speech noun ("a statement made by X", "X's statement") stands for its speaker; a clause
  without a subject takes its governor's (subject control: "X threatened to attack"; object control:
  "X urged Y to talk" gives Y); pronouns take the last subject that named an actor.
- recipients: the direct object (or passive subject), indirect object, prepositional objects
  ("against", "with", "on", ...) and the subject of a demanded clause ("demanded that Y withdraw").
- nouns: possessives, compounds and "by" phrases, "between A and B", a participle's agent ("the war
  declared by X against Y"), the subject of a support verb ("X launched an offensive") and the
  accused of an accusation ("X was accused of the bombings").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitrep.events.lexicon import Grammar
from sitrep.events.syntax import (
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    children,
    conjuncts,
    first_child,
    is_passive,
    is_root,
    is_verb,
    lemma,
    noun_phrase,
    own_clause,
    phrase_head,
    prepositional_objects,
)
from sitrep.records import Actor, ActorMention

# Verbs whose object, not subject, does what their complement says ("urged Y to talk")
OBJECT_CONTROL = {
    "urge",
    "ask",
    "order",
    "force",
    "allow",
    "help",
    "persuade",
    "invite",
    "call",
    "press",
    "encourage",
    "instruct",
    "request",
    "tell",
    "demand",
    "compel",
    "require",
    "permit",
    "warn",
    "advise",
    "accuse",
    "blame",
    "charge",
    "suspect",
    # praise and blame for a deed: its doer is the one praised or blamed ("criticised X for arresting")
    "criticise",
    "criticize",
    "condemn",
    "denounce",
    "rebuke",
    "fault",
    "punish",
    "praise",
    "commend",
    "thank",
    "congratulate",
}
STRAY_PREPS = ("against", "on", "upon")
PLACE_PREPS = ("in", "inside", "near")
MAX_ANAPHOR_DISTANCE = 400  # characters back that a pronoun may reach for its actor
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}  # never an organisation or a state


@dataclass
class Participants:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    def add_actors(self, ids: Iterable[str]) -> None:
        self.actors.extend(i for i in ids if i not in self.actors)

    def add_recipients(self, ids: Iterable[str]) -> None:
        self.recipients.extend(i for i in ids if i not in self.recipients and i not in self.actors)

    def tidy(self) -> Participants:
        return Participants(list(self.actors), [r for r in self.recipients if r not in self.actors])


class ActorIndex:
    """Actor ids by token, built once per document from the actor mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[ActorMention],
        grammar: Grammar,
        actors: Mapping[str, Actor] | None = None,
    ) -> None:
        self.doc = doc
        self.grammar = grammar
        # actors without a code ("soldiers", "officials", a person the registry does not know) say less
        # than a coded actor named in the same phrase ("security forces in Guinea")
        self.generic = {i for i, a in (actors or {}).items() if a.code is None}
        self.codes = {i: a.code for i, a in (actors or {}).items() if a.code}
        self.by_token: dict[int, str] = {}
        self.mention_text: dict[int, str] = {}
        self.mention_starts: list[tuple[int, str]] = []
        self.subject_starts: list[tuple[int, str]] = []
        self.main_subject_starts: list[tuple[int, str]] = []
        self.person_starts: list[tuple[int, str]] = []
        text_length = len(doc.text)  # Doc.text joins every token: read it once, not per mention
        for mention in sorted(mentions, key=lambda m: m.start):
            span = mention_span(doc, mention, text_length)
            if span is None:
                continue
            for token in span:
                self.by_token[token.i] = mention.actor_id
                self.mention_text[token.i] = mention.text
            self.mention_starts.append((span.start, mention.actor_id))
            if self.names_person(span):
                self.person_starts.append((span.start, mention.actor_id))
            subject_of = clause_of_subject(span.root)
            if subject_of is not None:
                self.subject_starts.append((span.start, mention.actor_id))
                if subject_of.dep_ in ("ROOT", "conj"):
                    self.main_subject_starts.append((span.start, mention.actor_id))

    def is_state(self, actor: str) -> bool:
        """A country as a whole: its code is a bare three-letter country code."""
        code = self.codes.get(actor, "")
        return len(code) == 3 and code.isalpha()

    def in_tokens(self, tokens: Iterable[Token]) -> list[str]:
        found: list[str] = []
        for token in tokens:
            actor = self.by_token.get(token.i)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    def last_two_before(self, token: Token) -> list[str]:
        """The two distinct actors named last before a token ("the two", "both sides")."""
        recent: list[str] = []
        for start, actor in reversed(self.mention_starts):
            if start < token.i and actor not in recent:
                recent.append(actor)
            if len(recent) == 2:
                break
        return list(reversed(recent))

    def names_person(self, span: Span) -> bool:
        """A mention of a person: a name the parser reads as a person's, or a title, also one the mention
        qualifies ("the minister", "the Town Council leader")."""
        root = span.root
        head = root.head if root.dep_ in ("compound", "poss") else root
        return any(t.ent_type_ == "PERSON" for t in span) or lemma(head) in self.grammar.targeted_titles

    def last_before(self, token: Token) -> list[str]:
        """The actor a pronoun stands for: the last main-clause subject named before it, if near enough,
        else the last subject, else the last actor named (a following "it" or "they" usually continues
        the subject); "he" or "she" only the last person named ("the ministry said he had been
        detained" is about someone else)."""
        if token.lower_ in PERSON_PRONOUNS:
            return self.last_within(token, self.person_starts)
        for starts in (self.main_subject_starts, self.subject_starts, self.mention_starts):
            found = self.last_within(token, starts)
            if found:
                return found
        return []

    def last_within(self, token: Token, starts: list[tuple[int, str]]) -> list[str]:
        """The actor of the last of `starts` before the token, if near enough."""
        for start, actor in reversed(starts):
            if start < token.i:
                return [actor] if token.idx - self.doc[start].idx <= MAX_ANAPHOR_DISTANCE else []
        return []


def mention_span(doc: Doc, mention: ActorMention, text_length: int) -> Span | None:
    """The tokens a mention covers; None for an empty or out-of-range span (`text_length`: the Doc's)."""
    if not 0 <= mention.start < mention.end <= text_length:
        return None
    try:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    except IndexError:
        return None
    return span if span is not None and len(span) else None


def apposed(token: Token, head: Token) -> bool:
    """True for a token inside an apposition or compound after the head ("old foes Gondor and Osgiliath")."""
    current = token
    for _ in range(4):
        if current.head.i == head.i:
            return current.dep_ in ("appos", "compound", "npadvmod")
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def pp_word(token: Token) -> str:
    """The preposition a noun phrase token sits under, if any ("Gondor" in "soldiers from Gondor")."""
    current = token
    for _ in range(4):
        if current.dep_ == "prep":
            return current.lower_
        if current.head.i == current.i:
            return ""
        current = current.head
    return ""


def clause_of_subject(token: Token) -> Token | None:
    """The verb whose subject a token belongs to (through compounds, "of" and conjuncts), if any."""
    current = token
    for _ in range(6):
        if current.dep_ in ("nsubj", "nsubjpass"):
            return current.head
        if current.dep_ == "prep" and current.lower_ != "of":
            return None
        if current.dep_ not in ("compound", "poss", "appos", "conj", "pobj", "prep", "amod", "nmod", "case"):
            return None
        current = current.head
    return None


# Makes "soldiers" + Gondor into Gondor's military: (generic actor id, owner actor id, the generic
# mention's words) -> the composite actor's id, or None.
Qualifier = Callable[[str, str, str], str | None]


class ArgumentReader:
    def __init__(self, index: ActorIndex, grammar: Grammar, qualify: Qualifier | None = None) -> None:
        self.index = index
        self.grammar = grammar
        self.qualify = qualify

    # ---- noun phrases -------------------------------------------------------------------------
    def named_by(self, token: Token, depth: int = 0) -> list[str]:
        """The actors a noun phrase names, following relative pronouns, speech nouns and pronouns."""
        if depth > 4:
            return []
        word = token.lower_
        if word in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
            return self.named_by(token.head.head, depth + 1)
        if self.is_pair_anaphor(token):
            return self.index.last_two_before(token)
        found = self.phrase_actors(token)
        if lemma(token) in self.grammar.speech_nouns and not self.index.by_token.get(token.i):
            speaker = self.speaker_of(token, depth)
            if speaker:
                return speaker
        if not found and word in PERSONAL_PRONOUNS:
            return self.index.last_before(token)
        return found

    def phrase_actors(self, token: Token) -> list[str]:
        """One actor per coordinated member of a noun phrase: the one its head names, else those its
        modifiers name ("Hungarian and Romanian officials"), else the first of its "of", "by" or "from"
        phrases, else of its "in" or "for" phrases ("activists in Arnor")."""
        found: list[str] = []
        for conjunct in (token, *token.conjuncts):
            phrase = noun_phrase(conjunct, with_conjuncts=False)
            sources = self.report_sources(phrase)
            own = [t for t in phrase if t.i != conjunct.i and t.i not in sources]
            head = self.index.in_tokens([conjunct])
            if head and head[0] in self.index.generic:
                head = self.qualified(head[0], conjunct, self.first_specific(own)) or head
            elif head:
                head = self.narrower(head[0], own) or head
            modifiers = [t for t in own if t.i < conjunct.i or t.dep_ == "appos" or apposed(t, conjunct)]
            if head and self.coordinates_actors(modifiers):
                # a coordination the parser hung under the last conjunct ("Arnor, Calenardhon and the
                # awful Gondor"): every actor named before the head is one of the coordinated
                head = self.index.in_tokens([*modifiers, conjunct])
            elif head:
                head = self.shared_with_owners(head, own)
            tiers = (
                head,
                self.index.in_tokens(modifiers),
                self.index.in_tokens(
                    t for t in own if t.i > conjunct.i and pp_word(t) in ("of", "by", "from")
                )[:1],
                self.index.in_tokens(t for t in own if t.i > conjunct.i)[:1],
            )
            found.extend(a for a in next((tier for tier in tiers if tier), []) if a not in found)
        return found

    def report_sources(self, phrase: list[Token]) -> set[int]:
        """The tokens of an appositive that is in truth the source of a report ("killing three fighters,
        the Observatory said" read as "fighters, the Observatory"): it stands right before a reporting
        verb that has no subject of its own."""
        found: set[int] = set()
        for appositive in (t for t in phrase if t.dep_ == "appos"):
            end = max(t.i for t in appositive.subtree)
            if end + 1 < len(appositive.doc) and self.reports_unsaid(appositive.doc[end + 1]):
                found.update(t.i for t in appositive.subtree)
        return found

    def reports_unsaid(self, token: Token) -> bool:
        """A reporting verb without a subject ("..., the Observatory said" misparsed)."""
        reporting = self.grammar.governors.get(lemma(token)) == "reported"
        return is_verb(token) and reporting and first_child(token, "nsubj") is None

    def coordinates_actors(self, tokens: list[Token]) -> bool:
        """True when the tokens coordinate actors, not adjectives ("awful and evil minister")."""
        named = {t.i for t in tokens if t.i in self.index.by_token}
        return any(t.dep_ == "conj" and (t.i in named or t.head.i in named) for t in tokens)

    def shared_with_owners(self, head: list[str], own: list[Token]) -> list[str]:
        """When the head and an owner resolved to one composite ("the ambassadors of Arnor" is Arnor's
        government), the owner's coordinated fellows are members too ("of Arnor, Osgiliath and Gondor")."""
        for token in own:
            if self.index.by_token.get(token.i) == head[0] and token.conjuncts:
                return [*head, *(a for a in self.index.in_tokens(token.conjuncts) if a not in head)]
        return head

    def qualified(self, generic: str, head: Token, owners: list[str]) -> list[str]:
        """The owners of a generic head ("soldiers from Gondor"), as composites when a qualifier is given."""
        if self.qualify is None:
            return owners
        words = self.index.mention_text.get(head.i, head.text)
        return [self.qualify(generic, owner, words) or owner for owner in owners]

    def narrower(self, actor: str, tokens: list[Token]) -> list[str]:
        """A title naming the same actor more precisely ("Bree Prime Minister Romendacil": the Bree
        government rather than Bree), judged by the codes: one that extends the other's."""
        code = self.index.codes.get(actor, "")
        for other in self.index.in_tokens(tokens):
            longer = self.index.codes.get(other, "")
            if code and len(longer) > len(code) and longer.startswith(code):
                return [other]
        return []

    def first_specific(self, tokens: list[Token]) -> list[str]:
        """The first coded actor among the tokens, with those coordinated with it ("in Fornost and
        Gondor")."""
        for token in tokens:
            actor = self.index.by_token.get(token.i)
            if actor is not None and actor not in self.index.generic:
                return self.index.in_tokens(conjuncts(token))
        return []

    def first_within(self, token: Token) -> list[str]:
        """The first actor named anywhere inside a phrase (outside its clauses), with its conjuncts:
        "welcomed the resumption of ties with Osgiliath", "ties between Gondor and Osgiliath"."""
        for inner in own_clause(token):
            if inner.i in self.index.by_token and inner.i != token.i:
                return self.named_by(phrase_head(inner))
        return []

    def is_pair_anaphor(self, token: Token) -> bool:
        phrase = " ".join(t.lower_ for t in noun_phrase(token))
        return phrase in self.grammar.pair_anaphors

    def speaker_of(self, noun: Token, depth: int) -> list[str]:
        """Who made a statement: "a statement made by X", "X's statement", "the X statement"."""
        for child in noun.children:
            if child.dep_ == "acl" and lemma(child) in self.grammar.speech_links:
                for _prep, obj in prepositional_objects(child, ("by",)):
                    return self.named_by(obj, depth + 1)
            if child.dep_ in ("poss", "compound"):
                named = self.named_by(child, depth + 1)
                if named:
                    return named
        for _prep, obj in prepositional_objects(noun, ("by", "from")):
            return self.named_by(obj, depth + 1)
        return []

    def named_by_all(self, tokens: Iterable[Token]) -> list[str]:
        found: list[str] = []
        for token in tokens:
            found.extend(a for a in self.named_by(token) if a not in found)
        return found

    # ---- verbs --------------------------------------------------------------------------------
    def verb_participants(
        self,
        verb: Token,
        reciprocal: bool,
        clause_recipients: bool = True,
        place_recipients: bool = False,
        material: bool = False,
        idiom: tuple[Token, ...] = (),
    ) -> Participants:
        """Actors and recipients of a verb; with `clause_recipients` the subject of a complement clause
        is a recipient too ("demanded that Y withdraw"). When no recipient is named, a state named as the
        place is one ("imposed a curfew in Turkey"), and with `place_recipients` any actor named as the
        place ("arrived in Gondor": the host). A `material` act (not a statement) the parser conjoined
        to a reporting verb belongs to the reported clause: its reporter is not its actor. The words of an
        `idiom` the verb forms are no one it acts on ("joined forces with Y")."""
        result = Participants()
        reported = self.reported_clause(verb) if material else None
        result.add_actors(self.verb_actors(reported if reported is not None else verb))
        objects = [o for o in self.verb_patients(verb) if o not in idiom]
        preps = self.grammar.recipient_preps
        if reciprocal and not result.actors:
            result.add_actors(self.between_participants(verb))
        result.add_recipients(self.named_by_all(objects))
        result.add_recipients(self.stray_recipients(verb))
        result.add_recipients(
            self.named_by_all(obj for prep, obj in prepositional_objects(verb, preps) if not is_verb(obj))
        )
        for obj in objects:  # "restored ties with Y", "welcomed the resumption of ties with Y"
            if not result.recipients:
                result.add_recipients(self.first_within(obj))
        if not result.recipients:
            places = self.named_by_all(
                o for _p, o in prepositional_objects(verb, PLACE_PREPS) if not is_verb(o)
            )
            result.add_recipients(p for p in places if place_recipients or self.index.is_state(p))
        if not clause_recipients:
            return result.tidy()
        for complement in children(verb, "ccomp", "xcomp"):
            subject = first_child(complement, "nsubj", "nsubjpass")
            if subject is not None:
                result.add_recipients(self.named_by(subject))
        return result.tidy()

    def reported_clause(self, verb: Token) -> Token | None:
        """The clause a verb continues when the parser hung it on the reporting verb instead ("TV said
        units had advanced and killed dozens" read as "TV said ... and killed")."""
        head = verb.head
        if verb.dep_ != "conj" or self.grammar.governors.get(lemma(head)) != "reported":
            return None
        return next((c for c in children(head, "ccomp") if c.i < verb.i), None)

    def stray_recipients(self, verb: Token) -> list[str]:
        """Recipients the parser hung on the actor's noun phrase ("declared by X against Y" read as
        "X against Y"): an actor is rarely modified by "against" or "on"."""
        heads = [first_child(verb, "nsubj")]
        heads += [obj for _prep, obj in prepositional_objects(verb, ("by",))]
        found: list[str] = []
        for head in heads:
            if head is not None:
                found += self.named_by_all(obj for _prep, obj in prepositional_objects(head, STRAY_PREPS))
        return found

    def verb_patients(self, verb: Token) -> list[Token]:
        found = children(verb, "dobj", "obj", "dative", "iobj")
        if is_passive(verb) and not self.is_stative(verb):
            found += children(verb, "nsubjpass")
        return found

    def is_stative(self, verb: Token) -> bool:
        """A participle that states a stance of its subject ("Israel is opposed to mediation", "is
        committed to the talks"): the subject holds it, no one did it to them."""
        if lemma(verb) not in self.grammar.stative_participles:
            return False
        if any(True for _ in prepositional_objects(verb, ("by",))):
            return False
        return bool(children(verb, "xcomp")) or any(p.lower_ == "to" for p in children(verb, "prep"))

    def verb_actors(self, verb: Token, depth: int = 0) -> list[str]:
        if depth > 6:
            return []
        if is_passive(verb) and not self.is_stative(verb):
            agents = [obj for prep, obj in prepositional_objects(verb, ("by",))]
            return self.named_by_all(agents)
        subjects = children(verb, "nsubj", "nsubjpass", "csubj", "expl")
        if subjects:
            # the parser sometimes gives a verb two subjects ("Old foes Gondor and Osgiliath")
            return next((found for s in subjects if (found := self.named_by(s))), [])
        return self.inherited_actors(verb, depth)

    def inherited_actors(self, verb: Token, depth: int) -> list[str]:
        """Actors of a clause without a subject, from the clause it depends on."""
        head, dep = verb.head, verb.dep_
        if head.i == verb.i:
            return []
        if dep == "xcomp" and head.dep_ == "acomp":  # "X is ready / about to Y"
            return self.verb_actors(head.head, depth + 1)
        if dep == "xcomp" and is_passive(head) and first_child(head, "nsubjpass") is not None:
            # raising: "Gollum was seen to break into", "Arnor is said to be about to restore"
            return self.named_by(first_child(head, "nsubjpass"))  # type: ignore[arg-type]
        if dep == "xcomp" or (dep == "advcl" and verb.tag_ in ("VB", "VBG")):
            if dep == "xcomp" and lemma(head) in OBJECT_CONTROL:
                patient = first_child(head, "dobj", "obj") or (
                    first_child(head, "nsubjpass") if is_passive(head) else None
                )
                if patient is not None:
                    return self.named_by(patient)
            return self.verb_actors(head, depth + 1)
        if dep in ("conj", "acomp"):  # "X is opposed to": the subject of the copula holds the stance
            return self.verb_actors(head, depth + 1)
        if dep == "acl" and any(c.lower_ == "to" for c in children(verb, "aux")):
            # "its intention to withdraw": the intention's owner acts
            owners = children(head, "poss", "compound")
            return self.named_by_all(owners) if owners else self.verb_actors(head.head, depth + 1)
        if dep in ("relcl", "acl") and not is_passive(verb):
            return self.named_by(head)
        if dep == "pcomp" and not is_root(head):
            governor = head.head
            if lemma(governor) in OBJECT_CONTROL or is_passive(governor):
                patient = first_child(governor, "dobj", "obj", "nsubjpass")
                if patient is not None:
                    return self.named_by(patient)
            return self.verb_actors(governor, depth + 1) if is_verb(governor) else []
        return []

    def between_participants(self, token: Token) -> list[str]:
        found: list[str] = []
        for _prep, obj in prepositional_objects(token, ("between", "among", "amongst")):
            found.extend(a for a in self.named_by(obj) if a not in found)
        return found

    # ---- nouns --------------------------------------------------------------------------------
    def noun_participants(self, noun: Token, reciprocal: bool, accused: list[str]) -> Participants:
        result = Participants()
        result.add_actors(self.between_participants(noun))
        result.add_actors(self.index.in_tokens(self.noun_modifiers(noun)))
        result.add_actors(self.named_by_all(obj for prep, obj in prepositional_objects(noun, ("by",))))
        for participle in children(noun, "acl"):
            if is_passive(participle):
                result.add_actors(self.verb_actors(participle))
                result.add_recipients(self.prep_participants(participle))
                result.add_recipients(self.stray_recipients(participle))
        if not result.actors:
            result.add_actors(accused or self.support_subject(noun))
        recipients = self.prep_participants(noun)
        if reciprocal and not result.actors:
            result.add_actors(recipients)
        else:
            result.add_recipients(recipients)
        return result.tidy()

    def noun_modifiers(self, noun: Token) -> list[Token]:
        """Possessives, compounds and adjectives before a nominal trigger, with their own modifiers."""
        found: list[Token] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
                found.extend(noun_phrase(child))
        return found

    def prep_participants(self, token: Token) -> list[str]:
        preps = self.grammar.nominal_recipient_preps
        return self.named_by_all(obj for prep, obj in prepositional_objects(token, preps) if not is_verb(obj))

    def support_subject(self, noun: Token) -> list[str]:
        """The subject of the support verb or responsibility word a nominal trigger depends on."""
        current = noun
        for _ in range(5):
            head = current.head
            if head.i == current.i:
                return []
            if current.dep_ not in ("dobj", "obj", "pobj", "prep", "attr", "nsubjpass", "acomp", "pcomp"):
                return []
            if current.dep_ == "prep" and lemma(current) in self.grammar.setting_preps:
                return []  # "sent police after the attacks": the attacks are the setting, not the act
            word = lemma(head)
            if (is_verb(head) or word == "be") and word in self.grammar.support_verbs:
                return self.verb_actors(head)
            if word in self.grammar.responsibility_words:
                verb = head.head if head.dep_ in ("acomp", "attr", "dobj", "pobj") else head
                return self.verb_actors(verb) if is_verb(verb) else []
            current = head
        return []
