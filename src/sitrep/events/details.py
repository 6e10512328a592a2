"""Event details read from the trigger's sentence: modes (ASSAULT, MOBILIZE, THREATEN), context, date and
fatalities."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from sitrep.events.fatalities import count_deaths
from sitrep.events.lexicon import Lexicon
from sitrep.events.matching import Trigger, quantified
from sitrep.events.syntax import children, first_child, is_verb, lemma, own_clause
from sitrep.events.temporal import event_date

GENERIC_ASSAULT_MODES = {None, "destroy"}
OVERRIDING_MODES = {"suicide-attack", "unconventional"}  # say more than any weapon named with them
VIOLENT_TYPES = {"ASSAULT", "COERCE", "PROTEST"}
SHARED_CLAUSE_LINKS = {"advcl", "conj", "xcomp"}


class DetailReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.grammar = lexicon.grammar
        self.cue_patterns = {mode: any_cue(cues) for mode, cues in self.grammar.assault_mode_cues}
        self.threat_patterns = {mode: any_cue(cues) for mode, cues in self.grammar.threat_mode_cues}
        self.context_patterns = {context: any_cue(cues) for context, cues in self.grammar.context_cues}

    def mode(self, event_type: str, mode: str | None, trigger: Trigger, sentence: Span) -> str | None:
        """The trigger's mode; for ASSAULT the weapon or method named around the trigger refines it, for
        MOBILIZE whether those mobilised are a militia, for a THREATEN without one what its clause names."""
        if event_type == "MOBILIZE":
            return "militia" if self.mobilises_militia(trigger) else mode
        if event_type == "THREATEN" and mode is None:
            return self.threatened(trigger)
        if event_type != "ASSAULT":
            return mode
        for text in cue_texts(trigger.token):
            for cue_mode, pattern in self.cue_patterns.items():
                if (mode in GENERIC_ASSAULT_MODES or cue_mode in OVERRIDING_MODES) and pattern.search(text):
                    return cue_mode
        if mode in GENERIC_ASSAULT_MODES and self.victim_is_official(trigger.token):
            return "targeted"
        return mode

    def threatened(self, trigger: Trigger) -> str | None:
        """What a threat that names no coded event threatens, by the words of its clause."""
        text = clause_text(trigger.token)
        return next((mode for mode, pattern in self.threat_patterns.items() if pattern.search(text)), None)

    def mobilises_militia(self, trigger: Trigger) -> bool:
        """ "mobilized thousands of fighters", "massed militiamen": irregular forces, PLOVER's "militia"."""
        named = [*trigger.used, *children(trigger.token, "dobj", "nsubjpass")]
        return any(lemma(quantified(t)) in self.grammar.militia_words for t in named)

    def victim_is_official(self, token: Token) -> bool:
        """Killing a judge, commander or minister is a targeted killing (PLOVER ASSAULT "targeted")."""
        if lemma(token) not in ("kill", "murder", "shoot", "gun"):
            return False
        patients = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(lemma(p) in self.grammar.targeted_titles for p in patients)

    def context(self, text: str) -> str | None:
        """The PLOVER contexts a sentence's words point to, ";"-joined."""
        found = [context for context, pattern in self.context_patterns.items() if pattern.search(text)]
        return ";".join(found) if found else None

    @staticmethod
    def date(token: Token, times: Sequence[Span], published: str | None) -> tuple[str | None, str | None]:
        return event_date(token, times, published)

    @staticmethod
    def fatalities(event_type: str, sentence: Span) -> tuple[int, bool] | None:
        """Deaths stated in the sentence of a violent event, with whether the count is a minimum."""
        return count_deaths(sentence) if event_type in VIOLENT_TYPES else None


def any_cue(cues: Sequence[str]) -> re.Pattern[str]:
    """One pattern for a list of cues, each matched from the start of a word."""
    return re.compile(r"\b(?:" + "|".join(re.escape(cue) for cue in cues) + ")", re.IGNORECASE)


def cue_texts(token: Token) -> list[str]:
    """Where an assault's weapon is named: the trigger's own clause, then the clause it completes when it
    is a participial adjunct or a conjoined verb ("mortar fire hit a school, wounding children", "a
    sniper shot and wounded a soldier"): they share that clause's attacker and weapon. A clause with a
    subject of its own has its own attacker ("warplanes bombed the town as the rebels attacked")."""
    texts = [clause_text(token)]
    own_subject = first_child(token, "nsubj", "nsubjpass") is not None
    if token.dep_ in SHARED_CLAUSE_LINKS and is_verb(token) and is_verb(token.head) and not own_subject:
        texts.append(clause_text(token.head))
    return texts


def clause_text(token: Token) -> str:
    """The text of the trigger's own clause; a nominal trigger's clause is that of the verb it serves."""
    anchor = token.head if token.dep_ in ("dobj", "pobj", "attr") else token
    if anchor.dep_ == "prep":
        anchor = anchor.head
    return " ".join(t.text for t in own_clause(anchor))
