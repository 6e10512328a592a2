"""The event coder: a pipeline component that codes PLOVER events from the parse of an article.

For each sentence: find triggers (verbs and nouns of the lexicon), read who acted and on whom from the
dependency parse, read whether the event happened (negated, alleged, hypothetical, an intention), shift
stated intentions as PLOVER asks (intended cooperation is AGREE, intended conflict THREATEN, refused
cooperation REJECT), read violence by protesters as a riot, merge triggers that report one event, then
add mode, CAMEO code, quad class, context, date and fatalities. Where no trigger fires, the learned type
model (`learned.TypeModel`) may propose an event on the sentence's main predicate, ranked below any rule
event; where it does not, an event noun the main verb is about stands for the sentence's event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Span, Token

from sitrep.events.arguments import ActorIndex, ArgumentReader, Participants
from sitrep.events.cameo import read_cameo_to_plover, read_verb_dictionary, verb_senses
from sitrep.events.details import DetailReader
from sitrep.events.learned import (
    NONE,
    SentenceTypeModel,
    default_type_model,
    main_predicate,
    reporting_verbs,
    sentence_features,
)
from sitrep.events.lexicon import Lexicon, Sense, default_lexicon
from sitrep.events.matching import Trigger, find_triggers, has_partner, ruled_out, word_in
from sitrep.events.modality import ModalityReader, Status
from sitrep.events.syntax import (
    children,
    direct_object,
    first_child,
    is_passive,
    is_root,
    is_verb,
    lemma,
    path_to_root,
    prepositional_objects,
)
from sitrep.events.temporal import time_entities_by_sentence
from sitrep.records import Analysis, Event

MAX_SENTENCE_TOKENS = 250  # longer "sentences" are debris (tables, lists, markup) and are not coded
# The learned type model (`learned.TypeModel`) speaks where no rule fires. Reweighing or retyping the
# rules' own events by it lost accuracy on the dev part of the PLOVER records and in cross-validation
# over Sitrep's examples, so it does neither. Thresholds chosen on the same two, and on the coder's accuracy
# over example sentences held out of the model's training (cross-validation over a batch written later):
PROPOSE_THRESHOLD = 0.4  # the model proposes its most probable type if at least this probable
MIN_KNOWN_WORDS = 0.5  # ... and if it has weights for at least this share of the sentence's words
PROPOSED_CONFIDENCE = 0.5  # a proposed event's confidence is this times the model's probability
SUBORDINATE_LINKS = {"advcl", "relcl", "acl"}
MATERIAL_QUAD_CLASSES = {2, 4}  # material cooperation and conflict: acts, not statements
RIOT_CAMEO = "145"  # protest violently, riot
BLAME_VERB = "blame"  # reported blame is coded as the lexicon codes "blamed"
COMMITMENT_TYPES = {"AGREE", "THREATEN"}  # verbal acts whose content is what is still to come
CAUSE_DEPTH = 3  # prepositional phrases between a cause and its verb: "died as a result of torture"
CONTINUING_LINKS = {"conj", "advcl", "xcomp"}  # a clause that goes on with the same action
SIDE_ENTITIES = {"ORG", "NORP", "GPE"}  # named sides that can act with another: groups, nations, states
AGENT_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
MERGE_LINKS = {"advcl", "xcomp", "conj", "dobj", "pobj", "prep", "acl", "pcomp", "npadvmod", "ccomp", "nsubj"}


@dataclass
class Candidate:
    trigger: Trigger
    type: str
    mode: str | None
    cameo: str | None
    participants: Participants
    status: Status
    prominent: bool  # a verb, or a noun that is its clause's predicate
    model_support: float = 0.0  # for an event the learned model proposed: its probability
    governed_by: list[Candidate] = field(default_factory=list)
    merged: list[Candidate] = field(default_factory=list)

    @property
    def token(self) -> Token:
        return self.trigger.token

    @property
    def hypothetical(self) -> bool:
        return self.status.hypothetical or (self.status.intent and not self.shifted)

    @property
    def shifted(self) -> bool:
        return self.type != self.trigger.sense.type


@dataclass(frozen=True)
class Setting:
    """What the events of one sentence share, read once: the sentence, its text, context and times."""

    span: Span
    text: str
    context: str | None
    times: Sequence[Span]


class EventCoder:
    """`EventCoder()(analysis)` fills `analysis.events` from `analysis.doc` and `analysis.actor_mentions`."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        dictionaries: Path | None = None,
        learned: bool = True,
        type_model: SentenceTypeModel | None = None,
    ) -> None:
        """`dictionaries`: a folder with a CAMEO verb dictionary (`CAMEO*.txt` in the verb-pattern format)
        and `CAMEO2PLOVER*.txt`, whose verbs then serve where the lexicon has none. `learned`: weigh the
        rules' events with a learned type model (`type_model`, by default the shipped one) and let it
        propose an event where no rule fires."""
        self.lexicon = lexicon or default_lexicon()
        self.type_model = (type_model or default_type_model()) if learned else None
        self.reporting = reporting_verbs(self.lexicon)
        if dictionaries is not None:
            self.lexicon = with_cameo_verbs(self.lexicon, dictionaries)
        self.grammar = self.lexicon.grammar
        self.modality = ModalityReader(self.grammar)
        self.details = DetailReader(self.lexicon)

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        if doc is None or not len(doc):
            return
        index = ActorIndex(doc, analysis.actor_mentions, self.grammar, analysis.actors)
        reader = ArgumentReader(index, self.grammar)
        sentences = list(doc.sents)
        times = time_entities_by_sentence(doc, [s.start for s in sentences])
        skipped = 0
        for sentence in sentences:
            if len(sentence) > MAX_SENTENCE_TOKENS:
                skipped += 1
                continue
            analysis.events.extend(
                self.code_sentence(sentence, reader, analysis, times.get(sentence.start, []))
            )
        if skipped:
            analysis.warnings.append(
                f"events: {skipped} sentence(s) longer than {MAX_SENTENCE_TOKENS} tokens were not coded"
            )

    def code_sentence(
        self, sentence: Span, reader: ArgumentReader, analysis: Analysis, times: Sequence[Span] = ()
    ) -> list[Event]:
        """The events of one sentence; `times`: its DATE and TIME entities (`time_entities_by_sentence`)."""
        candidates = [self.candidate(t, reader) for t in find_triggers(sentence, self.lexicon)]
        candidates += self.attributions(sentence, reader, candidates)
        candidates = [c for c in candidates if not self.done_by_nature(c)]
        link_governors(candidates)
        candidates = fold_descriptions(
            [c for c in candidates if not self.standing_in_for_others(c, candidates)]
        )
        for candidate in candidates:
            self.fill_alleged_actors(candidate, reader)
            self.shift_to_assistance(candidate)
            self.shift_type(candidate)
            self.shift_to_riot(candidate)
            self.shift_to_cooperation(candidate, reader)
        self.complete_threats(candidates)
        inherit_recipients(candidates)
        merged = merge(candidates)
        kept = without_parts([c for c in merged if self.substantial(c)])
        main = main_predicate(sentence, self.reporting)
        if not kept:
            kept = self.joint_action(main, reader)
        if not kept and self.type_model is not None:
            kept = self.proposal(self.type_model, sentence, reader)
        if not kept:
            kept = [c for c in merged if is_main_topic(c, main)][:1]
        if not kept:
            return []
        text = sentence.text
        setting = Setting(sentence, text.strip(), self.details.context(text), times)
        return [self.event(c, setting, analysis) for c in kept]

    def attributions(self, sentence: Span, reader: ArgumentReader, found: list[Candidate]) -> list[Candidate]:
        """Blame reported by someone else ("the minister said the PKK was responsible for the car bomb",
        "police said rebels were behind the attack") is their accusation, ACCUSE, against whom they name;
        what is blamed is alleged (PLOVER manual, ACCUSE: the accused act is not coded as done)."""
        accusations = []
        (blaming,) = self.lexicon.verb_senses(BLAME_VERB)
        for reporter, blamed in self.blame_clauses(sentence):
            accusations.append(self.candidate(Trigger(reporter, blaming, ()), reader))
            for candidate in found:
                if blamed.is_ancestor(candidate.token):
                    candidate.status.alleged = True
        return accusations

    def blame_clauses(self, sentence: Span) -> Iterator[tuple[Token, Token]]:
        """(reporting verb, responsibility word) for each clause "X was responsible for / behind E" that a
        reporting verb with a subject of its own reports; not a denial ("were not behind"), nor a
        pronoun owning up for its speaker ("said it was responsible")."""
        for word in sentence:
            copula = word.head
            if not (
                lemma(word) in self.grammar.attribution_words
                and word.dep_ in ("acomp", "prep")
                and lemma(copula) == "be"
                and copula.dep_ == "ccomp"
                and lemma(copula.head) in self.reporting
            ):
                continue
            blamed = children(copula, "nsubj")
            if (
                blamed
                and blamed[0].pos_ != "PRON"
                and not children(copula, "neg")
                and children(copula.head, "nsubj")
            ):
                yield copula.head, word

    def proposal(self, model: SentenceTypeModel, sentence: Span, reader: ArgumentReader) -> list[Candidate]:
        """Where no rule fired: an event of the type the learned model finds probable, on the sentence's
        main predicate, if the model knows the sentence's words well enough and someone acts (a resolved
        actor, or a subject `has_agent_subject` accepts)."""
        features = sentence_features(sentence, self.lexicon)
        if model.knows(features) < MIN_KNOWN_WORDS:
            return []
        probabilities = model.sentence_probabilities(sentence, features)
        best = max((t for t in probabilities if t != NONE), key=probabilities.__getitem__)
        chance = probabilities[best]
        predicate = main_predicate(sentence, self.reporting)
        if (
            chance < PROPOSE_THRESHOLD
            or chance <= probabilities.get(NONE, 0.0)
            or not self.eventive(predicate)
        ):
            return []
        word = lemma(predicate)
        sense = Sense(pattern=word, head=word, dependents=(), type=best)
        proposed = self.candidate(Trigger(predicate, sense, ()), reader)
        named = proposed.participants.actors or self.has_agent_subject(predicate)
        if not named or proposed.status.negated or self.done_by_nature(proposed):
            return []  # the model reads what happened, the parse must say who and that it did
        self.shift_type(proposed)
        proposed.model_support = chance
        return [proposed]

    def has_agent_subject(self, verb: Token) -> bool:
        """A verb whose subject names someone who can act, though the registry may not know them: a
        named person, group or state, or a word for people or forces ("striking miners voted against",
        "the mediator shuttled"); not a thing ("one shell landed")."""
        return any(
            (subject.ent_type_ in AGENT_ENTITIES and subject.pos_ == "PROPN")  # not a capitalised "Videos"
            or word_in(subject, self.grammar.agent_classes, self.lexicon)
            for subject in children(verb, "nsubj")
        )

    def eventive(self, predicate: Token) -> bool:
        """A verb that may report an event: not a copula or auxiliary, not a bare statement and not a
        refusal to make one, not a verb whose complement is the event ("tried to", "helped carry") nor
        one of state ("remained"), nor one the lexicon says is used here in a sense that is no event
        ("called the plan a trap", "received his orders")."""
        word = lemma(predicate)
        return (
            is_verb(predicate)
            and word not in self.reporting
            and word not in self.grammar.uneventful_verbs
            and not any(ruled_out(predicate, s, self.lexicon) for s in self.lexicon.verb_senses(word))
            and not self.refuses_to_speak(predicate)
        )

    def candidate(self, trigger: Trigger, reader: ArgumentReader) -> Candidate:
        sense = trigger.sense
        token = trigger.token
        if trigger.is_nominal:
            participants = reader.noun_participants(token, sense.reciprocal, accused=[])
        else:
            visit = sense.type == "CONSULT" and sense.mode == "visit"
            material = self.lexicon.types[sense.type].quad_class in MATERIAL_QUAD_CLASSES
            idiom = trigger.used if sense.bare else ()
            participants = reader.verb_participants(
                token, sense.reciprocal, place_recipients=visit, material=material, idiom=idiom
            )
        for word in trigger.used:  # "suspension of air links with Serbia", "broke off talks with X"
            participants.add_recipients(reader.prep_participants(word))
        status = self.modality.status(token)
        prominent = not trigger.is_nominal or self.served_by_support_verb(token)
        return Candidate(trigger, sense.type, sense.mode, sense.cameo, participants, status, prominent)

    def served_by_support_verb(self, noun: Token) -> bool:
        """A noun that is the object of a support verb is the clause's predicate ("announced a
        suspension of links", "held talks")."""
        head = noun.head
        return noun.dep_ in ("dobj", "obj") and is_verb(head) and lemma(head) in self.grammar.support_verbs

    def fill_alleged_actors(self, candidate: Candidate, reader: ArgumentReader) -> None:
        """The accused is the actor of what they are accused of ("X was accused of the bombings")."""
        if not candidate.status.alleged or candidate.participants.actors:
            return
        for governor in candidate.governed_by:
            if governor.type == "ACCUSE" and governor.participants.recipients:
                candidate.participants.add_actors(governor.participants.recipients)
                return
        for governor_token in candidate.status.governors:
            patient = direct_object(governor_token) or (
                first_child(governor_token, "nsubjpass") if is_passive(governor_token) else None
            )
            if patient is not None:
                candidate.participants.add_actors(reader.named_by(patient))
                return

    def shift_to_assistance(self, candidate: Candidate) -> None:
        """Forces sent to help or rescue are military or police assistance, AID (PLOVER manual, AID and
        MOBILIZE: mobilizing for relief is AID), though the verb alone would be a show of force."""
        if candidate.type != "MOBILIZE":
            return
        token = candidate.token
        verb = token.head if candidate.trigger.is_nominal else token
        if any(
            serves_purpose(clause, token) and lemma(clause) in self.grammar.assistance_verbs
            for clause in verb.children
        ):
            candidate.type, candidate.mode = "AID", None
            candidate.cameo = self.lexicon.types["AID"].cameo

    def shift_type(self, candidate: Candidate) -> None:
        """PLOVER codes stated intentions by what is intended: AGREE, THREATEN or, if refused, REJECT;
        violence its actors stop is a ceasefire."""
        status = candidate.status
        if status.ceased and candidate.type == "ASSAULT":
            (ceasefire,) = self.lexicon.noun_senses(self.grammar.ceased_violence)
            candidate.type, candidate.mode, candidate.cameo = ceasefire.type, ceasefire.mode, ceasefire.cameo
            return
        if status.prepared and candidate.type in self.grammar.preparation_shift:
            # getting forces ready for violence is a show of force (CAMEO 15, PLOVER MOBILIZE)
            original = candidate.trigger.sense
            candidate.type = self.grammar.preparation_shift[candidate.type]
            candidate.status = replace(status, hypothetical=False)
            candidate.cameo = self.lexicon.types[candidate.type].cameo
            candidate.mode = "weapons" if original.mode in ("heavy-weapons", "aerial", "drone") else "troops"
            return
        if status.refused and candidate.type in self.grammar.refusal_shift:
            candidate.type = self.grammar.refusal_shift[candidate.type]
            candidate.status = replace(status, negated=False, hypothetical=False)
        elif (
            status.intent
            and not status.negated
            and candidate.type in self.grammar.intent_shift
            and (has_agent(candidate))
        ):
            candidate.type = self.grammar.intent_shift[candidate.type]
            candidate.status = replace(status, hypothetical=status.hypothetical and not status.intent)
        if candidate.shifted:
            candidate.mode = (
                self.threat_mode(candidate.trigger.sense) if candidate.type == "THREATEN" else None
            )
            candidate.cameo = self.lexicon.types[candidate.type].cameo

    def shift_to_riot(self, candidate: Candidate) -> None:
        """Violence done by protesters or rioters is a riot (PLOVER PROTEST "riot"); a conjoined verb
        shares its subject ("hurled stones and torched cars")."""
        if candidate.type not in self.grammar.riot_types or candidate.trigger.is_nominal:
            return
        token = candidate.token
        subject = first_child(token, "nsubj") or (
            first_child(token.head, "nsubj") if token.dep_ == "conj" else None
        )
        if subject is not None and word_in(subject, (self.grammar.rioters,), self.lexicon):
            candidate.type, candidate.mode = "PROTEST", "riot"
            candidate.cameo = RIOT_CAMEO

    def done_by_nature(self, candidate: Candidate) -> bool:
        """Harm whose cause is a force of nature ("the earthquake struck the town", "killed in floods")."""
        if candidate.type not in self.grammar.harm_types or candidate.trigger.is_nominal:
            return False
        natural = (self.grammar.natural_causes,)
        return any(
            word_in(named, natural, self.lexicon)
            for cause in causes_of(candidate.token)
            for named in (cause, *children(cause, "compound"))
        )

    def shift_to_cooperation(self, candidate: Candidate, reader: ArgumentReader) -> None:
        """Force used jointly by two sides ("troops of both countries jointly raided the camp") is a joint
        operation, their mutual cooperation (PLOVER manual, COOPERATE); a side fought "alongside" is the
        partner the actor cooperates with, its recipient."""
        trigger = candidate.trigger
        joint = self.acts_jointly(trigger.token, trigger.used)
        if candidate.type in self.grammar.joint_operation_types and joint:
            candidate.type, candidate.mode = "COOPERATE", None
            candidate.cameo = self.lexicon.types["COOPERATE"].cameo
            candidate.participants.add_recipients(reader.named_by_all(self.sides_alongside(trigger.token)))

    def joint_action(self, predicate: Token, reader: ArgumentReader) -> list[Candidate]:
        """Where no rule fired: a main verb done jointly by two sides to something ("China and Pakistan
        jointly built the dam", "mounted a joint sweep") is their cooperation; done with no object, it is
        their coming together ("sat down together"), no material cooperation. Under a phase verb the act is
        its complement ("began jointly clearing landmines")."""
        complement = first_child(predicate, "xcomp")
        if lemma(predicate) in self.grammar.support_verbs and complement is not None and is_verb(complement):
            predicate = complement
        target = direct_object(predicate)
        if target is not None and lemma(target) in self.grammar.speech_nouns:
            return []  # "signed a joint declaration": a text the sides put out, not an act they do together
        joint_object = (target,) if target is not None else ()
        # a phase verb's object is the act: "began a joint survey"
        acts = self.eventive(predicate) or lemma(predicate) in self.grammar.support_verbs
        if not (target is not None and acts and self.acts_jointly(predicate, joint_object)):
            return []
        word = lemma(predicate)
        sense = Sense(pattern=word, head=word, dependents=(), type="COOPERATE", reciprocal=True)
        return [self.candidate(Trigger(predicate, sense, ()), reader)]

    def acts_jointly(self, token: Token, used: tuple[Token, ...] = ()) -> bool:
        """A verb with "together" or "jointly", or whose event noun among the `used` words of its phrase is
        "joint" ("launched a joint offensive"), and two sides to do it: a plural or coordinated subject, or
        a "with" partner; or a verb done "alongside" another side."""
        grammar = self.grammar
        joint = any(c.dep_ == "advmod" and c.lower_ in grammar.joint_adverbs for c in token.children) or any(
            c.dep_ == "amod" and c.lower_ in grammar.joint_adjectives for word in used for c in word.children
        )
        return is_verb(token) and ((joint and has_partner(token)) or bool(self.sides_alongside(token)))

    def sides_alongside(self, verb: Token) -> list[Token]:
        """The forces or named sides of an "alongside" phrase, the second side of a joint action."""
        return [
            side
            for preposition in children(verb, "prep")
            if preposition.lower_ in self.grammar.joint_prepositions
            for side in children(preposition, "pobj")
            if lemma(side) in self.lexicon.classes["TROOPS"] or side.ent_type_ in SIDE_ENTITIES
        ]

    def threat_mode(self, threatened: Sense) -> str | None:
        """What a threat threatens: the threatened event's own mode if it is a THREATEN mode ("expel"),
        else the mode its CAMEO code or its type implies (PLOVER manual, THREATEN modes)."""
        if threatened.mode in self.lexicon.types["THREATEN"].modes:
            return threatened.mode
        by_code = self.grammar.threat_modes_by_code.get(threatened.cameo or "")
        return by_code or self.grammar.threat_modes.get(threatened.type)

    def complete_threats(self, candidates: list[Candidate]) -> None:
        """A threat without its own mode takes it from the event it threatens ("threatened to attack")."""
        for candidate in candidates:
            if candidate.type != "THREATEN" or candidate.mode is not None:
                continue
            threatened = [c for c in candidates if candidate in c.governed_by]
            if threatened:
                candidate.mode = self.threat_mode(threatened[0].trigger.sense)

    def substantial(self, candidate: Candidate) -> bool:
        """Nominal triggers that name no participant are mentions of a topic, not reports of an event,
        unless they are the subject that something happened to ("the talks collapsed"); a refusal to
        speak ("declined to comment") rejects nothing."""
        if not candidate.trigger.is_nominal:
            return not (candidate.type == "REJECT" and self.refuses_to_speak(candidate.token))
        participants = candidate.participants
        if participants.actors or participants.recipients:
            return True
        token = candidate.token
        subject = token.dep_ in ("nsubj", "nsubjpass") and not is_generic_subject(token)
        return subject or self.causes_death(token)

    def causes_death(self, noun: Token) -> bool:
        """A noun in the prepositional phrases of a verb of dying ("died under torture", "died as a result
        of torture") names what killed someone."""
        current = noun
        for _ in range(CAUSE_DEPTH):
            if current.dep_ != "pobj" or current.head.dep_ != "prep":
                return False
            current = current.head.head
            if is_verb(current):
                return lemma(current) in self.grammar.death_verbs
        return False

    def standing_in_for_others(self, candidate: Candidate, candidates: list[Candidate]) -> bool:
        """A fallback trigger ("promised") gives way when an event that will be coded depends on it
        ("promised aid to X"); a bare topic below it ("pledged $5 million in aid") leaves it the event."""
        return candidate.trigger.sense.fallback and any(
            candidate in c.governed_by and self.substantial(c) for c in candidates
        )

    def refuses_to_speak(self, verb: Token) -> bool:
        """A verb whose complement is a verb of speaking ("declined to comment", "refused to name")."""
        complement = first_child(verb, "xcomp")
        return complement is not None and lemma(complement) in self.grammar.statement_verbs

    def event(self, candidate: Candidate, setting: Setting, analysis: Analysis) -> Event:
        token = candidate.token
        sentence = setting.span
        mode = self.details.mode(candidate.type, candidate.mode, candidate.trigger, sentence)
        date, precision = self.details.date(token, setting.times, analysis.article.published)
        plover = self.lexicon.types[candidate.type]
        deaths = self.details.fatalities(candidate.type, sentence)
        return Event(
            type=candidate.type,
            actors=list(candidate.participants.actors),
            recipients=list(candidate.participants.recipients),
            mode=mode,
            context=setting.context,
            cameo=candidate.cameo or plover.cameo,
            quad_class=plover.quad_class,
            date=date,
            date_precision=precision,
            sentence=setting.text,
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            trigger=candidate.trigger.text,
            negated=candidate.status.negated,
            alleged=candidate.status.alleged,
            hypothetical=candidate.hypothetical,
            confidence=confidence(candidate),
            fatalities=deaths[0] if deaths else None,
            fatalities_lower_bound=bool(deaths and deaths[1]),
            article_id=analysis.article.id,
        )


def with_cameo_verbs(lexicon: Lexicon, folder: Path) -> Lexicon:
    """The lexicon with the verbs of the CAMEO dictionary in `folder`, read through the CAMEO-to-PLOVER
    table there, as a further signal for verbs the lexicon does not know."""
    tables = sorted(folder.glob("CAMEO2PLOVER*.txt"))
    dictionaries = sorted(p for p in folder.glob("CAMEO*.txt") if p not in tables)
    if not tables or not dictionaries:
        raise FileNotFoundError(f"{folder}: needs a CAMEO verb dictionary and a CAMEO2PLOVER table")
    table = read_cameo_to_plover(tables[0])
    senses = verb_senses(read_verb_dictionary(dictionaries[0]), table, lexicon.types)
    return lexicon.with_extra_verbs(senses)


def is_main_topic(candidate: Candidate, main: Token) -> bool:
    """A nominal event that names no participant but is what the main clause is about ("talks on a new
    trade agreement ended without a result"): where neither the rules nor the model find anything else,
    it is the sentence's event. The main clause is the one reported when the root only reports it
    ("villagers witnessed the bombing, a doctor said"). One that is no argument of the main verb ("fled
    the fighting years ago", "the history of the war", "declined to comment on the investigation") is
    background."""
    token = candidate.token
    return (
        candidate.trigger.is_nominal
        and token.dep_ != "compound"  # "protest leaders" are people, not a protest
        and not is_generic_subject(token)
        and argument_of(token).i == main.i
        and not candidate.governed_by
        and not candidate.hypothetical
        and not candidate.status.negated
        and subordination(token) == 0
    )


def fold_descriptions(candidates: list[Candidate]) -> list[Candidate]:
    """An event noun said of another event ("the bombing was an attack on X", "the killing of a judge is
    an attack on all of us") describes that event and is not one more; of the same type, whom it names
    as hit is the described event's recipient."""
    kept: list[Candidate] = []
    for candidate in candidates:
        described = described_event(candidate, candidates)
        if described is None:
            kept.append(candidate)
        elif described.type == candidate.type:
            described.participants.add_recipients(candidate.participants.recipients)
    return kept


def described_event(candidate: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The event whose noun is the subject of the copula this event noun is the attribute of."""
    token = candidate.token
    head = token.head
    if not candidate.trigger.is_nominal or token.dep_ != "attr" or lemma(head) != "be":
        return None
    subjects = {s.i for s in children(head, "nsubj", "nsubjpass")}
    return next((c for c in candidates if c is not candidate and c.token.i in subjects), None)


def is_generic_subject(noun: Token) -> bool:
    """A bare noun said to be something ("Negotiation is an art", "War is costly") names a kind of
    event, not one that happened."""
    bare = not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)
    head = noun.head
    return bare and lemma(head) == "be" and any(c.dep_ in ("attr", "acomp") for c in head.children)


def causes_of(verb: Token) -> list[Token]:
    """What does what a verb says: its subject or "by" agent, a relative pronoun standing for the noun its
    clause describes ("landslides that killed 30"); with no subject of its own, the subject of the verb a
    participle or conjoined verb goes with; for a passive verb, also what it happened "in"."""
    subjects = [verb.head if is_relative(s) else s for s in children(verb, "nsubj")]
    causes = [*subjects, *(o for _, o in prepositional_objects(verb, ("by",)))]
    if not causes and not children(verb, "nsubjpass") and verb.dep_ in CONTINUING_LINKS:
        causes = children(verb.head, "nsubj")
    if is_passive(verb):
        causes += [o for _, o in prepositional_objects(verb, ("in",))]
    return causes


def is_relative(subject: Token) -> bool:
    """A relative pronoun opening the relative clause it is the subject of ("that", "which", "who")."""
    return subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl"


def argument_of(noun: Token) -> Token:
    """The word a noun is a subject, object or prepositional object of ("talks ended", "after the
    executions"); a noun inside another noun phrase ("the history of the war") is that noun's."""
    head = noun.head
    return head.head if head.dep_ in ("prep", "agent") and is_verb(head.head) else head


def link_governors(candidates: list[Candidate]) -> None:
    by_token = {c.token.i: c for c in candidates}
    for candidate in candidates:
        candidate.governed_by = [by_token[g.i] for g in candidate.status.governors if g.i in by_token]


def inherit_recipients(candidates: list[Candidate]) -> None:
    """An event that names no recipient is directed at those of the event it governs or serves: a threat,
    demand or promise is aimed at whom the threatened, demanded or promised event would touch
    ("threatened to attack X", "agreed to provide aid for X"), a protest at whom it is held to press
    ("began a hunger strike to demand the resignation of X")."""
    for candidate in candidates:
        if candidate.participants.recipients:
            continue
        own = candidate.participants.actors
        for other in candidates:
            if candidate in other.governed_by or serves_purpose(other.token, candidate.token):
                candidate.participants.add_recipients(
                    r for r in other.participants.recipients if r not in own
                )


def serves_purpose(clause: Token, event: Token) -> bool:
    """True when `clause` is an infinitival purpose clause (an adverbial, or an open complement as the
    parser often reads it) of the event's verb ("struck to demand") or of the support verb of a nominal
    event ("began a strike to demand")."""
    infinitival = clause.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in children(clause, "aux"))
    return infinitival and clause.head.i in (event.i, event.head.i)


def has_agent(candidate: Candidate) -> bool:
    """An intention needs someone who intends: "the son would be released" announces no one's plan."""
    token = candidate.token
    return bool(candidate.participants.actors) or not (is_verb(token) and is_passive(token))


def without_parts(candidates: list[Candidate]) -> list[Candidate]:
    """The events the PLOVER manual codes only as part of another event of the sentence left out."""
    return [c for c in candidates if not any(is_part_of(c, other) for other in candidates if other is not c)]


def is_part_of(part: Candidate, whole: Candidate) -> bool:
    """A mobilization that leads into an assault that happened is the assault (PLOVER manual, MOBILIZE,
    potential ambiguities: "units were activated and returned fire" is no separate MOBILIZE); troops
    sent because of someone else's fighting are still a mobilization. The demand a protest is held for
    is its topic, not an event of its own (PROTEST, potential ambiguities)."""
    if part.type == "MOBILIZE" and whole.type == "ASSAULT":
        return not whole.hypothetical and not whole.status.negated and same_operation(part, whole)
    if part.type == "REQUEST" and whole.type == "PROTEST":
        return continues(part.token, whole.token) or serves_purpose(part.token, whole.token)
    return False


def continues(clause: Token, event: Token) -> bool:
    return clause.head.i == event.i and clause.dep_ in CONTINUING_LINKS


def same_operation(mobilization: Candidate, assault: Candidate) -> bool:
    """The assault is carried out by the mobilized side: they share an actor, or one clause continues
    the other and the assault names no actor of its own."""
    if set(mobilization.participants.actors) & set(assault.participants.actors):
        return True
    linked = continues(assault.token, mobilization.token) or continues(mobilization.token, assault.token)
    return linked and not assault.participants.actors


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Fold a trigger into the one it depends on when both report the same event type
    ("refused to meet" is one REJECT; "attacked the camp, killing 156" one ASSAULT)."""
    by_token = {c.token.i: c for c in candidates}
    absorbed: set[int] = set()
    for candidate in candidates:
        host = nearest_same_type(candidate, by_token)
        if host is not None:
            host.merged.append(candidate)
            host.participants.add_actors(candidate.participants.actors)
            host.participants.add_recipients(candidate.participants.recipients)
            host.mode = host.mode or candidate.mode
            absorbed.add(candidate.token.i)
    return [c for c in candidates if c.token.i not in absorbed]


def nearest_same_type(candidate: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The event of the same type the candidate's word depends on, within three links; not across an
    adverbial clause with a subject of its own, which reports another event ("clashed with X days after
    air strikes hit the town": the strikes are no part of the clash, nor is their weapon its mode)."""
    current = candidate.token
    for _ in range(3):
        if is_root(current) or current.dep_ not in MERGE_LINKS or is_own_adverbial_clause(current):
            return None
        current = current.head
        host = by_token.get(current.i)
        if host is not None:
            same = host.type == candidate.type and host.status.negated == candidate.status.negated
            return host if same and not separate_patients(candidate, host) else None
    return None


def is_own_adverbial_clause(token: Token) -> bool:
    """An adverbial clause with its own subject ("after air strikes hit the town"), unlike a participle
    that goes on with its head's subject ("attacked the camp, killing 156")."""
    return token.dep_ == "advcl" and first_child(token, "nsubj", "nsubjpass") is not None


def separate_patients(candidate: Candidate, host: Candidate) -> bool:
    """Two verbs that each do something to a thing of their own report two events ("rejected the plan
    and opposed the deployment"); a participle that adds the toll of an attack does not."""
    if candidate.trigger.is_nominal or host.trigger.is_nominal:
        return False
    own, hosts = direct_object(candidate.token), direct_object(host.token)
    return own is not None and hosts is not None and candidate.token.dep_ not in ("advcl", "xcomp")


def confidence(candidate: Candidate) -> float:
    """A score for ranking events of one sentence: reported, verbal, realis and well-argued events first;
    an event the learned model proposed ranks by the model's probability, and low."""
    if candidate.model_support:
        return round(PROPOSED_CONFIDENCE * candidate.model_support, 2)
    score = 0.75 if candidate.prominent else 0.6
    if candidate.governed_by:
        score -= 0.15
    if candidate.hypothetical and not is_commitment(candidate):
        score -= 0.2
    if candidate.status.alleged:
        score -= 0.1
    if candidate.status.negated:
        score -= 0.2
    if not candidate.participants.actors:
        score -= 0.1
    if candidate.participants.recipients:
        score += 0.05
    score -= 0.12 * min(subordination(candidate.token), 2)
    return round(min(max(score, 0.05), 0.95), 2)


def is_commitment(candidate: Candidate) -> bool:
    """An offer, promise or threat made on a condition or for the future was still made ("offered an
    amnesty if they disarm", "threatened to strike if"): only its content is still to come."""
    status = candidate.status
    return (
        candidate.type in COMMITMENT_TYPES
        and status.intent
        and not (status.hypothetical or candidate.governed_by)
    )


def subordination(token: Token) -> int:
    """How many adverbial, relative or adjunct layers a trigger sits under ("after X shot down a jet")."""
    depth = 0
    for child, head in path_to_root(token):
        if (
            child.dep_ in SUBORDINATE_LINKS
            or child.dep_ == "prep"
            and not is_verb(head)
            and head.dep_ not in ("dobj", "nsubj", "nsubjpass")
        ):
            depth += 1
    return depth
