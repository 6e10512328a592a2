"""The plain-text page cleaner: a scraped page with its site chrome in, the article out.

A cascade of small steps, each testable alone:
1. `units`: lines cleaned of odd spaces, hard-wrapped lines joined, glued trailing chrome split off;
2. `classify`: each unit is prose, a title-like line, chrome, a separator, a date, a byline or a credit;
3. `locate_body`: the run of units with the most prose, penalised by the chrome inside it;
4. `pick_headline` / `pick_standfirst`: in the units above the body;
5. the body's paragraphs without chrome or repeats of the headline, then the credit lines found above
   or below it (the credits step reads and removes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sitrep.extract import credits, dates, lines
from sitrep.extract.draft import Draft, NoArticle


class Kind(Enum):
    PROSE = "prose"
    TITLE = "title"
    CHROME = "chrome"
    SEPARATOR = "separator"
    DATE = "date"
    BYLINE = "byline"
    CREDIT = "credit"
    OTHER = "other"


@dataclass(frozen=True)
class Unit:
    text: str
    kind: Kind


# How much each kind of unit counts for the body: prose counts by its words, the rest against it.
_PENALTY = {
    Kind.TITLE: 3,
    Kind.CHROME: 10,
    Kind.SEPARATOR: 2,
    Kind.DATE: 3,
    Kind.BYLINE: 3,
    Kind.CREDIT: 1,
    Kind.OTHER: 2,
}
_MAX_PROSE_WEIGHT = 60
_META_SEPARATORS = re.compile(r"\s+(?:\||•|·|—|–|-)\s+")
_CONTINUES = re.compile(r"(?:[,;:\-–—]|\b(?:a|an|the|of|in|on|at|to|and|or|by|for|with|from|that))$", re.I)
_WRAP_MIN_CHARS = 50
_WRAP_TOLERANCE = 0.2
_WRAP_MIN_LINES = 3
_LEAD_IN_UNITS = 3  # a byline or date this close to the body's start ends the head instead
_MIN_STANDFIRST_WORDS = 6
_SHORT_TITLE_WORDS = 12
_MAX_NAME_WORDS = 4
_MAX_META_CHARS = 200
_MAYBE_META = re.compile(r"\d|\b(?:by|authors?|reporter)\b", re.I)  # a date's digits or a byline's word
_MIN_LEAD_WORDS = 4  # shorter lines above the first sentence are kickers ("Douma", "Humanitarian")
_DROPPED = frozenset({Kind.SEPARATOR, Kind.CHROME, Kind.DATE, Kind.BYLINE})
_TITLE_CASE = 0.6
_MAX_TOP_HEADLINE_WORDS = 14


def units(text: str) -> list[str]:
    """Paragraph-sized units: blocks of lines split at blank lines, wrapped lines joined."""
    found: list[str] = []
    for block in re.split(r"\n(?:[ \t\u00a0\u200b\u202f\ufeff]*\n)+", text.replace("\r\n", "\n")):
        block_lines = [lines.clean(line) for line in block.split("\n")]
        for unit in _join_wrapped([line for line in block_lines if line]):
            found.extend(_split_glued_chrome(unit))
    return found


def _join_wrapped(block: list[str]) -> list[str]:
    """Join lines that a fixed width or a mid-sentence break split apart."""
    fixed_width = _is_fixed_width(block)
    joined: list[list[str]] = []
    for line in block:
        previous = joined[-1][-1] if joined else ""
        continues = previous and not lines.TERMINAL.search(previous)
        if continues and (fixed_width or _CONTINUES.search(previous) or line[:1].islower()):
            joined[-1].append(line)
        else:
            joined.append([line])
    return [" ".join(parts) for parts in joined]


def _is_fixed_width(block: list[str]) -> bool:
    if len(block) < _WRAP_MIN_LINES:
        return False
    widths = [len(line) for line in block[:-1]]
    return min(widths) >= _WRAP_MIN_CHARS and min(widths) >= (1 - _WRAP_TOLERANCE) * max(widths)


def _split_glued_chrome(unit: str) -> list[str]:
    """ "...Hezbollah mercenaries.Helpful keywords" -> the sentence and the chrome after it."""
    if lines.TERMINAL.search(unit):
        return [unit]
    ends = list(re.finditer(r"[.!?…。！？؟]['\"”’»)\]]*", unit))
    if not ends:
        return [unit]
    head, tail = unit[: ends[-1].end()], unit[ends[-1].end() :].strip()
    if tail and lines.is_chrome(tail) and len(lines.words(head)) >= len(lines.words(tail)):
        return [head, tail]
    return [unit]


def _meta_parts(text: str) -> tuple[str | None, str | None] | None:
    """(byline, ISO date) of a line made only of them, with chrome or a short place or name beside a
    date: "By Jane Doe | 3 March 2024", "Karim Nassar | Beirut | Sunday, 11 February 2024"."""
    if len(text) > _MAX_META_CHARS or not _MAYBE_META.search(text):
        return None
    found_byline: str | None = None
    found_date: str | None = None
    names = 0
    for part in _META_SEPARATORS.split(text):
        who, when = dates.byline(part), dates.date_line(part)
        if not (who or when or lines.is_chrome(part)):
            if not _is_short_name(part):
                return None
            names += 1
        found_byline, found_date = found_byline or who, found_date or when
    if names and not found_date:
        return None
    return (found_byline, found_date) if found_byline or found_date else None


def _is_short_name(text: str) -> bool:
    found = lines.words(text)
    return 0 < len(found) <= _MAX_NAME_WORDS and all(w[:1].isupper() for w in found)


def classify(text: str) -> Kind:
    """The kind of one unit; the order matters (a credit or a date line is checked before prose)."""
    if lines.is_separator(text):
        return Kind.SEPARATOR
    if credits.credit_line(text):
        return Kind.CREDIT
    meta = _meta_parts(text)
    if meta:
        return Kind.BYLINE if meta[0] else Kind.DATE
    if lines.is_chrome(text):
        return Kind.CHROME
    if lines.is_prose(text):
        return Kind.PROSE
    return Kind.TITLE if lines.is_title_like(text) else Kind.OTHER


def _weight(unit: Unit) -> int:
    if unit.kind is Kind.PROSE:
        return min(len(lines.words(unit.text)), _MAX_PROSE_WEIGHT)
    return -_PENALTY[unit.kind]


def locate_body(page: list[Unit]) -> tuple[int, int]:
    """[start, end) of the run of units whose prose outweighs the most the chrome inside it."""
    best, best_span = 0, (0, 0)
    total, start = 0, 0
    for i, unit in enumerate(page):
        if total <= 0:
            total, start = 0, i
        total += _weight(unit)
        if total > best:
            best, best_span = total, (start, i + 1)
    if best <= 0:
        raise NoArticle("no article text found (only site chrome, titles or short lines)")
    return _after_lead_in(page, *best_span)


def _after_lead_in(page: list[Unit], start: int, end: int) -> tuple[int, int]:
    """A byline, a date or the headline's repeat just inside the body's top means that what came
    before it was a lead-in (a standfirst), not the body."""
    repeats = _repeat_counts(page)
    for i in range(min(end - 1, start + _LEAD_IN_UNITS), start, -1):
        unit = page[i]
        repeated_title = unit.kind is Kind.TITLE and repeats[lines.fingerprint(unit.text)] > 1
        if unit.kind in (Kind.BYLINE, Kind.DATE) or repeated_title:
            return i + 1, end
    return start, end


def _repeat_counts(page: list[Unit]) -> dict[str, int]:
    """How often each title-like line occurs on the page (a headline is often printed twice)."""
    counts: dict[str, int] = {}
    for unit in page:
        if unit.kind not in (Kind.TITLE, Kind.OTHER):
            continue
        key = lines.fingerprint(unit.text)
        counts[key] = counts.get(key, 0) + 1
    return counts


def pick_headline(head: list[Unit], page: list[Unit]) -> int | None:
    """Index in `head` of the headline: a title-like line, best when repeated and title-cased."""
    repeats = _repeat_counts(page)
    best: tuple[int, int] | None = None
    for i, unit in enumerate(head):
        if unit.kind not in (Kind.TITLE, Kind.OTHER) or not lines.is_title_like(unit.text, full_stop=True):
            continue
        count = len(lines.words(unit.text))
        score = 3 * (repeats[lines.fingerprint(unit.text)] > 1) - lines.ends_with_full_stop(unit.text)
        score += lines.title_case_ratio(unit.text) >= _TITLE_CASE
        score += 4 <= count <= 16
        score -= count < 3
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def headline_on_top(body: list[Unit]) -> bool:
    """Whether the body's first unit is really a headline that ends in punctuation ("Who Runs Ghouta?",
    "Rebels retreat."): short, and followed by a longer unit."""
    if len(body) < 2 or not lines.starts_like_a_name(body[0].text):
        return False
    count = len(lines.words(body[0].text))
    return count <= _MAX_TOP_HEADLINE_WORDS and count < len(lines.words(body[1].text))


def pick_standfirst(head: list[Unit], after: int, title: str) -> str:
    """The first summary-like unit after the headline (not a title-cased repeat, not chrome)."""
    for unit in head[after:]:
        if unit.kind not in (Kind.TITLE, Kind.OTHER, Kind.PROSE):
            continue
        count = len(lines.words(unit.text))
        title_cased = count <= _SHORT_TITLE_WORDS and lines.title_case_ratio(unit.text) >= _TITLE_CASE
        if count >= _MIN_STANDFIRST_WORDS and not title_cased and not _same(unit.text, title):
            return unit.text
    return ""


def _same(a: str, b: str) -> bool:
    return bool(a) and lines.fingerprint(a) == lines.fingerprint(b)


def page_meta(page: list[Unit]) -> tuple[str | None, str | None]:
    """The first byline and the first date among the page's byline and date lines."""
    found_byline: str | None = None
    found_date: str | None = None
    for unit in page:
        meta = _meta_parts(unit.text) if unit.kind in (Kind.BYLINE, Kind.DATE) else None
        if meta:
            found_byline, found_date = found_byline or meta[0], found_date or meta[1]
    return found_byline, found_date


def clean_page(text: str, known_title: str = "") -> Draft:
    """The article in a scraped plain-text page. With `known_title` (from a feed record) no line is
    taken as the headline; lines repeating it are dropped."""
    page = [Unit(u, classify(u)) for u in units(text)]
    if not page:
        raise NoArticle("no text")
    start, end = locate_body(page)
    headline = None if known_title else pick_headline(page[:start], page)
    if headline is None and not known_title and headline_on_top(page[start:end]):
        headline, start = start, start + 1
    head, body, tail = page[:start], page[start:end], page[end:]
    title = known_title or (head[headline].text if headline is not None else "")
    standfirst = pick_standfirst(head, 0 if headline is None else headline + 1, title)
    paragraphs = [
        u.text for u in body if u.kind not in _DROPPED and not _same(u.text, title) and u.text != standfirst
    ]
    paragraphs += [u.text for u in head + tail if u.kind is Kind.CREDIT]  # for the credits step
    byline, published = page_meta(page)
    return Draft(title, standfirst, paragraphs, published=published, byline=byline)


def tidy(paragraphs: list[str]) -> list[str]:
    """Another extractor's paragraphs without the chrome, date and byline lines among them and
    without kickers above the first sentence."""
    page = [Unit(p, classify(p)) for p in paragraphs]
    first_prose = next((i for i, u in enumerate(page) if u.kind is Kind.PROSE), len(page))
    return [
        u.text
        for i, u in enumerate(page)
        if u.kind not in _DROPPED and (i >= first_prose or len(lines.words(u.text)) >= _MIN_LEAD_WORDS)
    ]
