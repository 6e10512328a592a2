"""Event dates: time expressions near the trigger, resolved against the article's publication date.

Precision is "day", "week", "month" or "year" for a stated time ("on Tuesday", "last week", "in March",
"in 1988"), and "published" when the text states none and the publication date stands in for it (the
event happened on or before it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from sitrep.events.fatalities import UNITS
from sitrep.events.syntax import clause_head, is_root, is_verb

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)} | {"sept": 9}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_NUMBER = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
AGO = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago\b"
)
# Counts of days, weeks or months ("two weeks ago"): the article forms and the number words one to ten.
SMALL_NUMBERS = {"a": 1, "an": 1} | {word: value for word, value in UNITS.items() if 1 <= value <= 10}


def publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        match = ISO_DATE.search(published)
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None


def resolve(expression: str, anchor: date) -> tuple[date, str] | None:
    """The date an expression refers to, seen from the anchor, with its precision; None if unknown."""
    text = expression.lower()
    for resolver in (
        resolve_iso,
        resolve_relative_day,
        resolve_ago,
        resolve_relative_period,
        resolve_weekday,
        resolve_month,
        resolve_year,
    ):
        found = resolver(text, anchor)
        if found is not None:
            return found
    return None


def resolve_iso(text: str, anchor: date) -> tuple[date, str] | None:
    match = ISO_DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])), "day"
    except ValueError:
        return None


def resolve_relative_day(text: str, anchor: date) -> tuple[date, str] | None:
    offsets = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": -1,
        "last night": -1,
        "overnight": -1,
        "tomorrow": 1,
    }
    for phrase, offset in offsets.items():
        if phrase in text:
            return anchor + timedelta(days=offset), "day"
    return None


def resolve_ago(text: str, anchor: date) -> tuple[date, str] | None:
    match = AGO.search(text)
    if match is None:
        return None
    count = int(match[1]) if match[1].isdigit() else SMALL_NUMBERS[match[1]]
    unit = match[2]
    if unit == "day":
        return anchor - timedelta(days=count), "day"
    if unit == "week":
        return anchor - timedelta(weeks=count), "week"
    if unit == "month":
        return shift_months(anchor, -count), "month"
    return anchor.replace(year=anchor.year - count, month=1, day=1), "year"


def resolve_relative_period(text: str, anchor: date) -> tuple[date, str] | None:
    week_start = anchor - timedelta(days=anchor.weekday())
    periods: dict[str, tuple[date, str]] = {
        "last week": (week_start - timedelta(weeks=1), "week"),
        "this week": (week_start, "week"),
        "next week": (week_start + timedelta(weeks=1), "week"),
        "recent weeks": (week_start - timedelta(weeks=2), "month"),
        "recent days": (anchor - timedelta(days=3), "week"),
        "last month": (shift_months(anchor, -1), "month"),
        "earlier this month": (anchor.replace(day=1), "month"),
        "this month": (anchor.replace(day=1), "month"),
        "next month": (shift_months(anchor, 1), "month"),
        "last year": (date(anchor.year - 1, 1, 1), "year"),
        "this year": (date(anchor.year, 1, 1), "year"),
        "next year": (date(anchor.year + 1, 1, 1), "year"),
    }
    for phrase, found in periods.items():
        if phrase in text:
            return found
    return None


def resolve_weekday(text: str, anchor: date) -> tuple[date, str] | None:
    """A weekday in news copy is the most recent such day on or before publication."""
    for number, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            back = (anchor.weekday() - number) % 7
            if "next" in text:
                return anchor + timedelta(days=(number - anchor.weekday()) % 7 or 7), "day"
            return anchor - timedelta(days=back), "day"
    return None


def resolve_month(text: str, anchor: date) -> tuple[date, str] | None:
    month = next((i for i, m in enumerate(MONTHS, start=1) if re.search(rf"\b{m}\b", text)), None)
    if month is None:
        month = next((i for a, i in MONTH_ABBREVIATIONS.items() if re.search(rf"\b{a}\.?\b", text)), None)
    if month is None:
        return None
    year_match = YEAR.search(text)
    year = int(year_match[1]) if year_match else anchor.year - (1 if month > anchor.month else 0)
    without_year = YEAR.sub(" ", text)
    day_match = DAY_NUMBER.search(without_year)
    if day_match and 1 <= int(day_match[1]) <= 31:
        try:
            return date(year, month, int(day_match[1])), "day"
        except ValueError:
            return date(year, month, 1), "month"
    return date(year, month, 1), "month"


def resolve_year(text: str, anchor: date) -> tuple[date, str] | None:
    match = YEAR.search(text)
    return (date(int(match[1]), 1, 1), "year") if match else None


def shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def event_date(trigger: Token, times: Sequence[Span], published: str | None) -> tuple[str | None, str | None]:
    """The date of the event a trigger reports: a time expression (`times`: the DATE and TIME entities
    of its sentence) in its clause, else publication."""
    anchor = publication_date(published)
    if anchor is None:
        return None, None
    for expression in time_expressions(trigger, times):
        found = resolve(expression, anchor)
        if found is not None:
            return found[0].isoformat(), found[1]
    return anchor.isoformat(), "published"


def time_entities_by_sentence(doc: Doc, sentence_starts: Sequence[int]) -> dict[int, list[Span]]:
    """DATE and TIME entities grouped by the first token of their sentence, in one pass over the Doc
    (a Span's own `ents` walks every entity of the Doc)."""
    grouped: dict[int, list[Span]] = {}
    for entity in doc.ents:
        if entity.label_ in ("DATE", "TIME") and sentence_starts:
            start = sentence_starts[max(bisect_right(sentence_starts, entity.start) - 1, 0)]
            grouped.setdefault(start, []).append(entity)
    return grouped


def time_expressions(trigger: Token, times: Sequence[Span]) -> list[str]:
    """The time expressions that modify the trigger's clause, nearest first. A nominal trigger's clause
    is that of the verb it serves ("clashes ... have intensified in recent weeks")."""
    anchors = [trigger]
    if not is_verb(trigger):
        anchors.append(clause_head(trigger))
    found: list[tuple[int, str]] = []
    for entity in times:
        steps = steps_to(entity.root, anchors)
        if steps is not None:
            found.append((steps, entity.text))
    return [text for _, text in sorted(found)]


def steps_to(token: Token, anchors: list[Token], limit: int = 4) -> int | None:
    """How many heads up from the token an anchor is, without leaving the anchor's clause."""
    current = token
    for steps in range(limit + 1):
        if any(current.i == a.i for a in anchors):
            return steps
        if is_root(current) or (is_verb(current) and current.dep_ in ("ccomp", "advcl", "relcl", "conj")):
            return None
        current = current.head
    return None
