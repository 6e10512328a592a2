"""Anaphora: "the organization", "the militants", "the judicial body" resolved to actors named before.

Candidates are the actors mentioned earlier in the article, scored by salience: each earlier mention
adds a weight that halves with every sentence between it and the anaphor, doubled when the mention is
a clause subject. An anaphor never refers to an actor inside the subject of its own clause (a body
"that demanded the organization be dissolved" is not the organization); for a relative clause the
subject is the noun phrase the relative pronoun stands for.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from sitrep.actors.context import ArticleContext
from sitrep.actors.registry import ActorEntry
from sitrep.records import ActorMention

ARMED_KINDS = frozenset({"REB", "UAF", "PRM", "CRM", "MIL"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A source named after what it said ("..., the Observatory said") earns no subject weight.
SPEECH_VERBS = frozenset({"say", "tell", "report", "add", "state", "claim", "announce", "confirm", "quote"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
_DECAY = 0.5
_SUBJECT_WEIGHT = 2.0
_ECHO_WEIGHT = 2.0
_WINDOW = 8  # sentences looked back; a mention further away weighs under 0.004
_DESCRIPTION_WINDOW = 40  # sentences a definite description ("the judicial body") reaches back
# Characters looked back, whatever the sentences: a run-on "sentence" of thousands of words must not
# make every anaphor weigh every mention before it.
_CHARACTER_WINDOW = 1500
_DESCRIPTION_CHARACTER_WINDOW = 8000
_MIN_SALIENCE = 0.05  # about four sentences back for a single mention
_PRONOUN_MIN_SALIENCE = 0.24  # pronouns reach back about two sentences


def resolve_anaphor(ctx: ArticleContext, start: int, end: int, anaphor: str) -> str | None:
    """The actor an anaphoric noun phrase at [start, end) refers to, or None. An actor already called
    by the same noun ("Islamic State militants" ... "the militants") is twice as salient."""
    excluded = own_clause_subject(ctx, start, end)
    for actor_id, score, _ in ranked(ctx, start, same_words=ctx.text[start:end]):
        if score < _MIN_SALIENCE:
            return None
        if actor_id not in excluded and compatible(ctx.entry(actor_id), anaphor, ctx):
            return actor_id
    return None


def resolve_pronoun(ctx: ArticleContext, position: int, pronoun: str) -> str | None:
    """The actor "it"/"its" or "they"/"their" at `position` refers to, or None. The subject that
    governs the pronoun comes first ("The Houthis said they would respond", "ISIS withdrew its
    fighters"), then the most salient actor of the last two sentences, if it agrees with the pronoun.
    Persons are left to the event coder."""
    governing = _governing_subject(ctx, position)
    if governing is not None and _agrees(ctx, governing, pronoun):
        return governing.actor_id
    for _, score, last in ranked(ctx, position):
        if score < _PRONOUN_MIN_SALIENCE:
            return None
        if _agrees(ctx, last, pronoun):
            return last.actor_id
    return None


def _agrees(ctx: ArticleContext, mention: ActorMention, pronoun: str) -> bool:
    """Organisations take "it" and "they" alike ("Hamas said it ...", "the Houthis said they ...");
    states and groups of people agree in number with how they were last named."""
    entry = ctx.entry(mention.actor_id)
    if entry.type in ("person", "organization"):
        return entry.type == "organization"
    number = ctx.remember(("number", mention.start), partial(_number, ctx, mention.start, mention.end))
    plural = number == "Plur" or (number is None and entry.type == "group")
    return plural == (pronoun == "they")


def _governing_subject(ctx: ArticleContext, position: int) -> ActorMention | None:
    """The actor named as subject of the pronoun's own clause (when the pronoun is not that subject)
    or of the clause it depends on ("X said [it would ...]")."""
    span = ctx.span(position, position + 1)
    if span is None:
        return None
    token = span.root
    verb = _clause_verb(token)
    for _ in range(2):
        if verb is None:
            return None
        for subject in (child for child in verb.children if child.dep_ in SUBJECT_DEPS):
            if not _inside(token, subject):
                found = ctx.overlapping(subject.idx, subject.idx + len(subject)) or ctx.at(
                    subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
                )
                return found[0] if found and found[0].end <= position else None
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = _clause_verb(verb.head)
    return None


def _inside(token: Any, phrase_head: Any) -> bool:
    """Whether a token lies in the phrase a head spans (parses are projective: its edges bound it)."""
    return bool(phrase_head.left_edge.i <= token.i <= phrase_head.right_edge.i)


def _number(ctx: ArticleContext, start: int, end: int) -> str | None:
    span = ctx.span(start, end)
    numbers = span.root.morph.get("Number") if span is not None else []
    return numbers[0] if numbers else None


def compatible(entry: ActorEntry, anaphor: str, ctx: ArticleContext) -> bool:
    """Whether "the group" (organization) or "the militants" (armed) can refer to this actor."""
    if entry.type == "organization":
        return anaphor != "armed" or _armed(entry, ctx)
    return entry.type == "group" and _armed(entry, ctx)


def _armed(entry: ActorEntry, ctx: ArticleContext) -> bool:
    return entry.role_on(ctx.day).kind in ARMED_KINDS


def ranked(ctx: ArticleContext, position: int, same_words: str = "") -> list[tuple[str, float, ActorMention]]:
    """(actor id, salience, last mention) at `position`, most salient first; ties go to the most
    recent."""
    here = ctx.sentence_of(position)
    scores: dict[str, float] = {}
    latest: dict[str, ActorMention] = {}
    echoed: set[str] = set()
    since = max(ctx.sentence_start(here - _WINDOW), position - _CHARACTER_WINDOW)
    for mention in ctx.before(position, since):
        if same_words and mention.text.lower() == same_words.lower():
            echoed.add(mention.actor_id)
        if not ctx.counts_for_salience(mention):
            continue
        weight = _DECAY ** (here - ctx.sentence_of(mention.start))
        if ctx.remember(("subject", mention.start), partial(_is_subject, ctx, mention.start, mention.end)):
            weight *= _SUBJECT_WEIGHT
        scores[mention.actor_id] = scores.get(mention.actor_id, 0.0) + weight
        latest[mention.actor_id] = mention
    for actor_id in echoed & scores.keys():
        scores[actor_id] *= _ECHO_WEIGHT
    order = sorted(scores, key=lambda actor_id: (scores[actor_id], latest[actor_id].start), reverse=True)
    return [(actor_id, scores[actor_id], latest[actor_id]) for actor_id in order]


def _is_subject(ctx: ArticleContext, start: int, end: int) -> bool:
    """A clause subject, or the possessor of one ("ISIS violations have risen"), but not the source
    named after what it said ("..., the Observatory said")."""
    span = ctx.span(start, end)
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "poss"):
        root = root.head
    if root.dep_ not in SUBJECT_DEPS:
        return False
    verb = root.head
    return not (
        verb.lemma_ in SPEECH_VERBS and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    )


def own_clause_subject(ctx: ArticleContext, start: int, end: int) -> set[str]:
    """Actor ids mentioned in the subject of the clause that contains [start, end)."""
    span = ctx.span(start, end)
    if span is None:
        return set()
    ranges = _subject_ranges(span.root)
    return {m.actor_id for a, b in ranges for m in ctx.at(a, b)}


def _subject_ranges(token: Any) -> list[tuple[int, int]]:
    verb = _clause_verb(token)
    climbed = False
    for _ in range(4):  # climb through clauses whose subject is the anaphor itself or is missing
        if verb is None:
            return []
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if subjects and not any(_inside(token, subject) for subject in subjects):
            return [r for subject in subjects for r in _without_possessors(verb, subject, climbed)]
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or verb.head.i == verb.i:
            return []
        verb = _clause_verb(verb.head)
        climbed = True
    return []


def _without_possessors(verb: Any, subject: Any, climbed: bool) -> list[tuple[int, int]]:
    """The subject's range; for the subject of a clause that governs the anaphor's ("Its spokesman said
    the group ..."), without the subject's possessor, the speaker's own organisation, which the anaphor
    may well mean."""
    start, end = _subject_range(verb, subject)
    if not climbed:
        return [(start, end)]
    ranges = []
    for possessor in (child for child in subject.children if child.dep_ == "poss"):
        ranges.append((start, possessor.left_edge.idx))
        start = possessor.right_edge.idx + len(possessor.right_edge)
    return [*ranges, (start, end)]


def _subject_range(verb: Any, subject: Any) -> tuple[int, int]:
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        # The relative pronoun stands for the noun phrase the clause hangs on.
        return verb.head.left_edge.idx, verb.left_edge.idx
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)


def _clause_verb(token: Any) -> Any:
    current = token
    while True:
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:  # the root (spaCy makes a new Token object per access)
            return None
        current = current.head


def definite_description(ctx: ArticleContext, start: int, end: int) -> str | None:
    """An actor named before whose name, or the head of its name before "of", ends with the words of
    a definite description ("the judicial body" -> "Unified Judicial Body", "the committee" ->
    "Supreme Committee of Deir Hafer"), most recent first."""
    words = tuple(ctx.text[start:end].lower().split())
    if not words:
        return None
    seen: set[str] = set()
    since = max(
        ctx.sentence_start(ctx.sentence_of(start) - _DESCRIPTION_WINDOW),
        start - _DESCRIPTION_CHARACTER_WINDOW,
    )
    for mention in reversed(ctx.before(start, since)):
        if mention.actor_id in seen:
            continue
        seen.add(mention.actor_id)
        entry = ctx.entry(mention.actor_id)
        forms = _described_forms((entry.name, *entry.aliases))
        if any(len(form) > len(words) and form[-len(words) :] == words for form in forms):
            return mention.actor_id
    return None


@lru_cache(maxsize=4096)
def _described_forms(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The lower-case words of each name and of its head before "of", name by name; computed once
    per set of names, since registry actors come back in article after article."""
    forms: list[tuple[str, ...]] = []
    for name in names:
        full = tuple(name.lower().split())
        forms += [full, full[: full.index("of")] if "of" in full else full]
    return tuple(forms)
