"""The coder's knowledge, read from plain YAML under `sitrep/data/events/`.

- `plover.yaml`: the 16 PLOVER event types (quad class, modes, recipient required, CAMEO root).
- `triggers.yaml`: verb and noun patterns that report events, each with type, mode and CAMEO code.
- `grammar.yaml`: governors (words that make what they govern hypothetical, alleged, negated or an
  intention), support verbs, speech nouns, cue lists for modes and contexts.

Patterns are lemmas or phrases of lemmas; `&NAME` in a phrase stands for any member of a class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

DATA_PACKAGE = "sitrep.data.events"


class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys, which plain YAML would silently overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        duplicates = sorted({str(k) for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"duplicate keys in {node.start_mark.name}: {duplicates}")
        return super().construct_mapping(node, deep=deep)


def load_data(name: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    requires_recipient: bool
    cameo: str
    modes: tuple[str, ...]


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger pattern, with the conditions under which it applies."""

    pattern: str
    head: str
    dependents: tuple[str, ...]  # lemmas or &CLASS references that must be dependents of the head
    type: str
    mode: str | None = None
    cameo: str | None = None
    reciprocal: bool = False
    partner: bool = False  # a reciprocal verb needs someone to do it with
    fallback: bool = False  # only when no other event depends on this word
    transitive: bool | None = None  # True: needs a direct object; False: must have none
    voice: str | None = None  # "active" or "passive"
    object_predicate: bool | None = None  # False: must not say what its object is ("called it a trap")
    clause: bool = False  # needs a clausal complement ("declined to comment" is no REJECT)
    plural: bool = False  # noun only in the plural ("talks", "sanctions")
    clause_modal: tuple[str, ...] = ()  # needs a clausal complement with one of these modals
    object_in: tuple[str, ...] = ()
    object_not_in: tuple[str, ...] = ()  # what it acts on must not be one of these ("fight corruption")
    subject_in: tuple[str, ...] = ()
    subject_not_in: tuple[str, ...] = ()  # who acts must not be one of these ("the dam supplies power")
    predicate_in: tuple[str, ...] = ()  # a noun: the verb it is subject of ("the strikes hit a market")
    term_in: tuple[str, ...] = ()  # needs a stated length in these units ("jailed for seven years")
    bare: bool = False  # an idiom: its nouns stand alone ("joined forces", not "joined the army's forces")
    to_clause: bool = False  # needs a "to" clause on the head or its words ("gave them a day to leave")

    @property
    def specificity(self) -> int:
        conditions = (
            self.object_in,
            self.object_not_in,
            self.subject_in,
            self.subject_not_in,
            self.predicate_in,
            self.term_in,
            self.bare,
            self.to_clause,
            self.clause,
            self.clause_modal,
            self.voice,
            self.transitive,
            self.object_predicate is not None,
        )
        constraints = sum(bool(c) for c in conditions)
        # a literal word is more specific than a class ("lift blockade" before "lift &RESTRICTION")
        words = sum(8 if d.startswith("&") else 10 for d in self.dependents)
        return words + constraints


SENSE_KEYS = set(
    [
        "type",
        "mode",
        "cameo",
        "reciprocal",
        "partner",
        "fallback",
        "transitive",
        "voice",
        "object_predicate",
        "clause",
        "clause_modal",
        "plural",
        "object_in",
        "object_not_in",
        "subject_in",
        "subject_not_in",
        "predicate_in",
        "term_in",
        "bare",
        "to_clause",
    ]
)
PATTERN_PREPOSITIONS = {"of", "for", "to", "with", "against", "on", "in", "into", "from", "at"}


def parse_sense(
    pattern: str, spec: dict[str, Any], part_of_speech: str, types: dict[str, PloverType]
) -> Sense:
    unknown = set(spec) - SENSE_KEYS
    if unknown:
        raise ValueError(f"trigger {pattern!r}: unknown keys {sorted(unknown)}")
    if spec.get("type") not in types:
        raise ValueError(f"trigger {pattern!r}: unknown PLOVER type {spec.get('type')!r}")
    words = pattern.split()
    position = head_position(words, part_of_speech)
    head = words[position]
    dependents = tuple(words[:position] + words[position + 1 :])
    return Sense(
        pattern=pattern,
        head=head,
        dependents=dependents,
        type=spec["type"],
        mode=spec.get("mode"),
        cameo=str(spec["cameo"]) if spec.get("cameo") is not None else None,
        reciprocal=bool(spec.get("reciprocal", False)),
        partner=bool(spec.get("partner", False)),
        fallback=bool(spec.get("fallback", False)),
        transitive=spec.get("transitive"),
        voice=spec.get("voice"),
        object_predicate=spec.get("object_predicate"),
        clause=bool(spec.get("clause", False)),
        plural=bool(spec.get("plural", False)),
        clause_modal=tuple(spec.get("clause_modal", ())),
        object_in=tuple(spec.get("object_in", ())),
        object_not_in=tuple(spec.get("object_not_in", ())),
        subject_in=tuple(spec.get("subject_in", ())),
        subject_not_in=tuple(spec.get("subject_not_in", ())),
        predicate_in=tuple(spec.get("predicate_in", ())),
        term_in=tuple(spec.get("term_in", ())),
        bare=bool(spec.get("bare", False)),
        to_clause=bool(spec.get("to_clause", False)),
    )


def head_position(words: list[str], part_of_speech: str) -> int:
    """Verb phrases are head-first ("blow up"); noun phrases head-final ("car bomb") except before a
    preposition ("state of emergency", "suspension of ties")."""
    if part_of_speech == "verb":
        return 0
    before_preposition = [i - 1 for i, w in enumerate(words) if w in PATTERN_PREPOSITIONS and i > 0]
    return before_preposition[0] if before_preposition else len(words) - 1


def index_senses(
    section: dict[str, Any], part_of_speech: str, types: dict[str, PloverType]
) -> dict[str, tuple[Sense, ...]]:
    """Senses by head lemma, most specific first."""
    by_head: dict[str, list[Sense]] = {}
    for pattern, specs in section.items():
        for spec in specs if isinstance(specs, list) else [specs]:
            sense = parse_sense(str(pattern), spec, part_of_speech, types)
            by_head.setdefault(sense.head, []).append(sense)
    return {head: tuple(sorted(s, key=lambda x: -x.specificity)) for head, s in by_head.items()}


@dataclass(frozen=True)
class Grammar:
    governors: dict[str, str]
    deontic_auxiliaries: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_modifiers: frozenset[str]
    intent_shift: dict[str, str]
    refusal_shift: dict[str, str]
    preparation_shift: dict[str, str]
    ceased_violence: str
    threat_modes: dict[str, str]
    threat_modes_by_code: dict[str, str]
    threat_mode_cues: tuple[tuple[str, tuple[str, ...]], ...]
    riot_types: frozenset[str]
    rioters: str
    harm_types: frozenset[str]
    natural_causes: str
    statement_verbs: frozenset[str]
    allegation_adverbs: frozenset[str]
    negative_determiners: frozenset[str]
    conditional_markers: frozenset[str]
    purpose_heads: frozenset[str]
    support_verbs: frozenset[str]
    setting_preps: frozenset[str]
    circumstance_preps: frozenset[str]
    responsibility_words: frozenset[str]
    attribution_words: frozenset[str]
    speech_nouns: frozenset[str]
    speech_links: frozenset[str]
    pair_anaphors: tuple[str, ...]
    recipient_preps: frozenset[str]
    nominal_recipient_preps: frozenset[str]
    assault_mode_cues: tuple[tuple[str, tuple[str, ...]], ...]
    targeted_titles: frozenset[str]
    militia_words: frozenset[str]
    people_classes: frozenset[str]
    agent_classes: tuple[str, ...]
    stative_participles: frozenset[str]
    death_verbs: frozenset[str]
    assistance_verbs: frozenset[str]
    uneventful_verbs: frozenset[str]
    joint_adverbs: frozenset[str]
    joint_adjectives: frozenset[str]
    joint_prepositions: frozenset[str]
    joint_operation_types: frozenset[str]
    context_cues: tuple[tuple[str, tuple[str, ...]], ...]


def strings(items: list[Any], key: str) -> list[str]:
    """The items of a word list, which must all be strings: YAML reads a bare `no` or `on` as a
    boolean, which would silently stand in for the word as "false" or "true"."""
    odd = [item for item in items if not isinstance(item, str)]
    if odd:
        raise ValueError(f"grammar list {key!r}: quote these items, YAML did not read them as words: {odd}")
    return items


def parse_grammar(data: dict[str, Any]) -> Grammar:
    def words(key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in strings(data[key], key))

    def cue_table(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((name, tuple(str(c).lower() for c in cues)) for name, cues in data[key].items())

    return Grammar(
        governors={str(k): str(v) for k, v in data["governors"].items()},
        deontic_auxiliaries=words("deontic_auxiliaries"),
        future_auxiliaries=words("future_auxiliaries"),
        future_modifiers=words("future_modifiers"),
        intent_shift=dict(data["intent_shift"]),
        refusal_shift=dict(data["refusal_shift"]),
        preparation_shift=dict(data["preparation_shift"]),
        ceased_violence=str(data["ceased_violence"]),
        threat_modes=dict(data["threat_modes"]),
        threat_modes_by_code={str(k): str(v) for k, v in data["threat_modes_by_code"].items()},
        threat_mode_cues=cue_table("threat_mode_cues"),
        riot_types=frozenset(strings(data["riot_types"], "riot_types")),
        rioters=str(data["rioters"]),
        harm_types=frozenset(strings(data["harm_types"], "harm_types")),
        natural_causes=str(data["natural_causes"]),
        statement_verbs=words("statement_verbs"),
        allegation_adverbs=words("allegation_adverbs"),
        negative_determiners=words("negative_determiners"),
        conditional_markers=words("conditional_markers"),
        purpose_heads=words("purpose_heads"),
        support_verbs=words("support_verbs"),
        setting_preps=words("setting_preps"),
        circumstance_preps=words("circumstance_preps"),
        responsibility_words=words("responsibility_words"),
        attribution_words=words("attribution_words"),
        speech_nouns=words("speech_nouns"),
        speech_links=words("speech_links"),
        pair_anaphors=tuple(str(p).lower() for p in data["pair_anaphors"]),
        recipient_preps=words("recipient_preps"),
        nominal_recipient_preps=words("nominal_recipient_preps"),
        assault_mode_cues=cue_table("assault_mode_cues"),
        targeted_titles=words("targeted_titles"),
        militia_words=words("militia_words"),
        people_classes=frozenset(strings(data["people_classes"], "people_classes")),
        agent_classes=tuple(strings(data["agent_classes"], "agent_classes")),
        stative_participles=words("stative_participles"),
        death_verbs=words("death_verbs"),
        assistance_verbs=words("assistance_verbs"),
        uneventful_verbs=words("uneventful_verbs"),
        joint_adverbs=words("joint_adverbs"),
        joint_adjectives=words("joint_adjectives"),
        joint_prepositions=words("joint_prepositions"),
        joint_operation_types=frozenset(strings(data["joint_operation_types"], "joint_operation_types")),
        context_cues=cue_table("context_cues"),
    )


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, PloverType]
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    classes: dict[str, frozenset[str]]
    grammar: Grammar
    extra_verbs: dict[str, tuple[Sense, ...]] = field(default_factory=dict)

    def members(self, word: str) -> frozenset[str]:
        """The lemmas a pattern word stands for: a class's members (`&NAME` or `NAME`) or the word itself."""
        name = word.lstrip("&")
        if word.startswith("&") or name.isupper():
            return self.classes[name]
        return frozenset({word})

    def verb_senses(self, lemma: str) -> tuple[Sense, ...]:
        return (
            self.verbs.get(lemma, ())
            or self.verbs.get(american_spelling(lemma), ())
            or self.extra_verbs.get(lemma, ())
        )

    def noun_senses(self, lemma: str) -> tuple[Sense, ...]:
        return self.nouns.get(lemma, ()) or self.nouns.get(american_spelling(lemma), ())

    def with_extra_verbs(self, extra: dict[str, tuple[Sense, ...]]) -> Lexicon:
        """This lexicon with further verb senses consulted when a verb has none of its own."""
        return Lexicon(self.types, self.verbs, self.nouns, self.classes, self.grammar, extra)


BRITISH_ENDINGS = (("isation", "ization"), ("ise", "ize"))


def american_spelling(lemma: str) -> str:
    """The -ize spelling of a British -ise or -isation word ("demobilisation"), which the lexicon may list
    alone; a word with no such ending comes back unchanged."""
    for british, american in BRITISH_ENDINGS:
        if lemma.endswith(british):
            return lemma.removesuffix(british) + american
    return lemma


def parse_types(data: dict[str, Any]) -> dict[str, PloverType]:
    return {
        name: PloverType(
            name=name,
            quad_class=int(spec["quad_class"]),
            requires_recipient=bool(spec["requires_recipient"]),
            cameo=str(spec["cameo"]),
            modes=tuple(spec["modes"]),
        )
        for name, spec in data.items()
    }


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    types = parse_types(load_data("plover.yaml"))
    triggers = load_data("triggers.yaml")
    classes = {name: frozenset(str(m) for m in members) for name, members in triggers["classes"].items()}
    lexicon = Lexicon(
        types=types,
        verbs=index_senses(triggers["verbs"], "verb", types),
        nouns=index_senses(triggers["nouns"], "noun", types),
        classes=classes,
        grammar=parse_grammar(load_data("grammar.yaml")),
    )
    check_classes(lexicon)
    return lexicon


def check_classes(lexicon: Lexicon) -> None:
    """Every &CLASS a pattern or condition names must be defined."""
    senses = [s for table in (lexicon.verbs, lexicon.nouns) for group in table.values() for s in group]
    for sense in senses:
        for word in (
            *sense.dependents,
            *sense.object_in,
            *sense.object_not_in,
            *sense.subject_in,
            *sense.subject_not_in,
            *sense.predicate_in,
            *sense.term_in,
        ):
            name = word.lstrip("&")
            if (word.startswith("&") or name.isupper()) and name not in lexicon.classes:
                raise ValueError(f"trigger {sense.pattern!r}: undefined class {word}")
