"""Dates and bylines in plain text: a page's date line ("Published: 3 March 2024 10:32 GMT") and its
byline ("By Jane Doe, Reuters"), each recognised as a whole short line so body sentences never match."""

from __future__ import annotations

import re
from datetime import date

from sitrep.extract.vocabulary import word_list

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_TIME = (
    r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>Z\b|GMT|UTC|[+-]\d{2}:?\d{2})?"
)
_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{1,2}})-{_DAY}(?:[T ]{_TIME})?", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}\b"),
]
_TIME_RE = re.compile(rf"(?<![\d:])(?:at\s+)?{_TIME}", re.I)

# Words a date line may carry besides the date itself ("Last updated on Tuesday at ...").
_DATE_LINE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|modified|created|date|dated|on|at|am|pm|gmt|utc|local|time"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b",
    re.I,
)
_MAX_DATE_LINE_WORDS = 12
_MAX_DATE_LINE_LEFTOVER = 1  # a dateline may name a place: "Damascus, 3 March 2024"

_BYLINE_RE = re.compile(
    r"^\(?(?:by|written by|words by|reporting by|reported by|posted by|authors?\s*:|reporter\s*:)\s*:?\s+"
    r"(?P<who>.+?)\)?$",
    re.I,
)
# Lower-case words a list of names may hold besides the name particles ("al", "van"):
# "Jane Doe and Omar al-Khatib in Beirut".
_NAME_LIST_WORDS = frozenset({"and", "&", "in", "of", "the", "for"})
_MAX_BYLINE_WORDS = 10


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _ymd(match: re.Match[str]) -> tuple[int, int, int] | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        return year, _MONTHS[groups["mon"].lower()[:3]], int(groups["d"])
    if groups.get("m"):
        return year, int(groups["m"]), int(groups["d"])
    first, second = int(groups["a"]), int(groups["b"])
    if first > 12 >= second:
        return year, second, first
    if second > 12 >= first:
        return year, first, second
    return None  # 03/04/2024 could be either March or April: say nothing rather than guess


def _clock(match: re.Match[str]) -> str | None:
    hour, minute = int(match["H"]), int(match["M"])
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    seconds = f":{match['S']}" if match["S"] else ""
    tz = (match["tz"] or "").upper()
    zone = "Z" if tz in {"Z", "GMT", "UTC"} else tz
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return f"{hour:02d}:{minute:02d}{seconds}{zone}"


def _find_date(text: str) -> tuple[str, re.Match[str]] | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            ymd = _ymd(match)
            day = _iso(*ymd) if ymd else None
            if day:
                return day, match
    return None


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601, with its time of day when one is given next to it."""
    found = _find_date(text)
    if not found:
        return None
    day, match = found
    clock = _clock(match) if match.groupdict().get("H") else None
    if clock is None:
        near = _TIME_RE.search(text, match.end(), match.end() + 24) or _TIME_RE.search(
            text, max(0, match.start() - 24), match.start()
        )
        clock = _clock(near) if near else None
    return f"{day}T{clock}" if clock else day


def date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date (with labels, weekday, time or a place), else None."""
    if len(line.split()) > _MAX_DATE_LINE_WORDS:
        return None
    found = _find_date(line)
    if not found:
        return None
    leftover = line[: found[1].start()] + " " + line[found[1].end() :]
    leftover = _DATE_LINE_WORDS.sub(" ", _TIME_RE.sub(" ", leftover))
    words = re.findall(r"[^\W\d_]{2,}", leftover)
    return parse_date(line) if len(words) <= _MAX_DATE_LINE_LEFTOVER else None


def _is_name_list(text: str) -> bool:
    words = re.findall(r"[^\s,;|]+", text)
    if not words or len(words) > _MAX_BYLINE_WORDS or not words[0][:1].isupper():
        return False
    particles = word_list("name_particles.txt")
    return all(w[:1].isupper() or w.lower() in _NAME_LIST_WORDS | particles or "-" in w for w in words)


def byline(line: str) -> str | None:
    """The names of a byline line ("By Jane Doe, Reuters" -> "Jane Doe, Reuters"), else None."""
    match = _BYLINE_RE.match(line.strip())
    if not match:
        return None
    who = match["who"].split(";")[0].strip().rstrip(".")
    return who if _is_name_list(who) else None
