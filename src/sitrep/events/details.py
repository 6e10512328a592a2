"""Event details read from the trigger's sentence: ASSAULT mode, context, date and fatalities."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitrep.events.fatalities import count_deaths
from sitrep.events.lexicon import Lexicon
from sitrep.events.matching import Trigger
from sitrep.events.syntax import lemma, own_clause
from sitrep.events.temporal import event_date

GENERIC_ASSAULT_MODES = {None, "destroy"}
OVERRIDING_MODES = {"suicide-attack", "unconventional"}  # say more than any weapon named with them
VIOLENT_TYPES = {"ASSAULT", "COERCE", "PROTEST"}


class DetailReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.grammar = lexicon.grammar
        self.cue_patterns = {
            mode: [re.compile(rf"\b{re.escape(cue)}", re.IGNORECASE) for cue in cues]
            for mode, cues in self.grammar.assault_mode_cues
        }
        self.context_patterns = {
            context: [re.compile(rf"\b{re.escape(cue)}", re.IGNORECASE) for cue in cues]
            for context, cues in self.grammar.context_cues
        }

    def mode(self, event_type: str, mode: str | None, trigger: Trigger, sentence: Span) -> str | None:
        """The trigger's mode; for ASSAULT the weapon or method named around the trigger refines it."""
        if event_type != "ASSAULT":
            return mode
        text = clause_text(trigger.token)
        for cue_mode, patterns in self.cue_patterns.items():
            if (mode in GENERIC_ASSAULT_MODES or cue_mode in OVERRIDING_MODES) and any(
                p.search(text) for p in patterns
            ):
                return cue_mode
        if mode in GENERIC_ASSAULT_MODES and self.victim_is_official(trigger.token):
            return "targeted"
        return mode

    def victim_is_official(self, token: Token) -> bool:
        """Killing a judge, commander or minister is a targeted killing (PLOVER ASSAULT "targeted")."""
        if lemma(token) not in ("kill", "murder", "shoot", "gun"):
            return False
        patients = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(lemma(p) in self.grammar.targeted_titles for p in patients)

    def context(self, sentence: Span) -> str | None:
        text = sentence.text
        found = [c for c, patterns in self.context_patterns.items() if any(p.search(text) for p in patterns)]
        return ";".join(found) if found else None

    @staticmethod
    def date(token: Token, sentence: Span, published: str | None) -> tuple[str | None, str | None]:
        return event_date(token, sentence, published)

    @staticmethod
    def fatalities(event_type: str, sentence: Span) -> tuple[int, bool] | None:
        """Deaths stated in the sentence of a violent event, with whether the count is a minimum."""
        return count_deaths(sentence) if event_type in VIOLENT_TYPES else None


def clause_text(token: Token) -> str:
    """The text of the trigger's own clause; a nominal trigger's clause is that of the verb it serves."""
    anchor = token.head if token.dep_ in ("dobj", "pobj", "attr") else token
    if anchor.dep_ == "prep":
        anchor = anchor.head
    return " ".join(t.text for t in own_clause(anchor))
