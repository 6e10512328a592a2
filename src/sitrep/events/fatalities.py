"""Fatalities stated in a sentence: "killing at least twelve civilians", "23 people were killed",
"the death toll rose to more than 200", "three dead".

The count is the number the text gives; where it is qualified as a minimum ("at least", "more than",
"over") it is that minimum, a lower bound. `count_deaths` returns (count, is_lower_bound).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.events.syntax import lemma

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "dozen": 12,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
LOWER_BOUND_CUES = (
    "at least",
    "more than",
    "over",
    "upwards of",
    "no fewer than",
    "in excess of",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
)
DEATH_VERBS = {"kill", "die", "murder", "slay", "massacre", "execute", "assassinate", "behead", "perish"}
DEATH_NOUNS = {"dead", "death", "fatality", "casualty", "body", "toll"}
MAX_COUNT = 10_000_000


def parse_number(words: list[str]) -> int | None:
    """An integer from digits ("1,200") or number words ("twenty-five", "two hundred"); None otherwise."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in raw.lower().replace(",", "").split("-"):
            if word.isdigit():
                current += int(word)
            elif word in UNITS:
                current += UNITS[word]
            elif word in SCALES:
                current = max(current, 1) * SCALES[word]
                if SCALES[word] >= 1000:
                    total, current = total + current, 0
            else:
                continue
            seen = True
    value = total + current
    return value if seen and 0 < value <= MAX_COUNT else None


def number_before(noun: Token) -> tuple[int, bool] | None:
    """The count modifying a noun ("at least twelve civilians"), or the number itself."""
    numerals = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") or c.like_num]
    if noun.like_num or noun.lower_ in UNITS:
        numerals = [noun]
    if not numerals:
        return None
    words: list[str] = []
    for numeral in numerals:
        words.extend(t.text for t in numeral.subtree if t.i <= noun.i)
    value = parse_number(words)
    if value is None:
        return None
    start = min(t.i for n in numerals for t in n.subtree)
    before = noun.doc[max(start - 4, 0) : noun.i + 1].text.lower()
    return value, any(cue in before for cue in LOWER_BOUND_CUES)


def count_deaths(sentence: Span) -> tuple[int, bool] | None:
    """The largest death count stated in a sentence, with whether it is a lower bound."""
    counts = [c for token in sentence if (c := deaths_at(token)) is not None]
    return max(counts, key=lambda c: c[0]) if counts else None


def deaths_at(token: Token) -> tuple[int, bool] | None:
    word = lemma(token)
    if word in DEATH_VERBS:
        patients = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        if word in ("kill", "murder", "slay", "massacre", "execute", "assassinate", "behead"):
            patients = [c for c in patients if c.dep_ != "nsubj"]
        for patient in patients:
            found = number_before(patient)
            if found is not None:
                return found
    if word in DEATH_NOUNS:
        if word == "toll":
            numbers = [t for t in token.head.subtree if t.like_num and t.i > token.i]
            return number_before(numbers[0]) if numbers else None
        return number_before(token) or (number_before(token.head) if token.dep_ == "amod" else None)
    return None
