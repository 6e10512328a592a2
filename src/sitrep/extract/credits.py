"""Credits: who translated a story and which outlet it was first reported by.

Two kinds of evidence. Credit lines are whole paragraphs that only credit someone ("Translated and
edited by The Syrian Observer", "Translation: Jane Doe", "Source: Enab Baladi"); they leave the body.
Attributions are phrases inside the body that name the outlet a story came from ("sources have
informed Zaman al-Wasl", "according to Enab Baladi", "SANA reported", "(via Reuters)"); the best
outlet-like name among them is the original source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.vocabulary import word_list

_NAME = r"(?P<name>[^\W\d_].{1,80}?)"
_CREDIT_LINES: list[tuple[str, re.Pattern[str]]] = [
    (
        "translator",
        re.compile(
            r"^(?:translated(?:\s+and\s+(?:edited|adapted|compiled|condensed))?(?:\s+from\s+\w+)?\s+by"
            r"|translation\s*(?:by|:)|translator\s*:)\s*" + _NAME + r"[.\s]*$",
            re.I,
        ),
    ),
    (
        "source",
        re.compile(
            r"^(?:sources?\s*:|(?:this\s+(?:article|story|report)\s+(?:was\s+)?)?originally\s+"
            r"(?:published|appeared)\s+(?:by|in|on|at))\s*" + _NAME + r"[.\s]*$",
            re.I,
        ),
    ),
]
# A credit at the end of a paragraph, in brackets: "... mercenaries. (Translated by Jane Doe)".
_TRAILING_CREDIT = re.compile(r"\s*[(\[](?P<credit>[^()\[\]]{3,100})[)\]]\s*$")

# Phrases that attribute a report to a source, with the side the source's name stands on and how
# strongly the phrase points at a reporting outlet rather than at any speaker.
_NAME_AFTER: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:informed|told|briefed)\s+", re.I), 3),
    (re.compile(r"\b(?:reported|quoted|cited|published|revealed)\s+by\s+", re.I), 3),
    (re.compile(r"\(\s*via\s+", re.I), 3),
    (re.compile(r"\b(?:in\s+an?\s+interview\s+with|speaking\s+to|talking\s+to)\s+", re.I), 2),
    (re.compile(r"\baccording\s+to\s+", re.I), 2),
]
_NAME_BEFORE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\s(?:has\s+|have\s+)?(?:reported|reports|quoted|cited|learned|learnt)\b", re.I), 3),
    (re.compile(r"\s(?:said\s+in\s+a\s+report|said\s+on\s+its\s+website)\b", re.I), 2),
]
# A wire dateline opening a paragraph: "BEIRUT (Reuters) -", "DAMASCUS, March 3 (AFP) —".
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:,[^()\n]{1,30})?\s*\((?P<name>[A-Z][\w .&-]{1,40})\)\s*[-–—]", re.M
)
_WIRE_WEIGHT = 4
_WORD = re.compile(r"[^\W_][\w’'&.-]*")
# Lower-case words that may stand inside an outlet's name besides the name particles ("al", "bin"):
# "Syrian Observatory for Human Rights".
_CONNECTING_WORDS = frozenset({"of", "for", "on"})
_ANY_THE = re.compile(r"^the\s+", re.I)
_LOWER_THE = re.compile(r"^the\s+")
_MAX_NAME_WORDS = 8
_LOOK_AROUND = 120


@dataclass(frozen=True)
class Credits:
    """What the credits step found, and the body paragraphs left once credit lines are out."""

    paragraphs: list[str]
    translator: str | None = None
    original_source: str | None = None


@dataclass(frozen=True)
class _Candidate:
    name: str
    score: int
    position: int


def credit_line(text: str) -> tuple[str, str] | None:
    """("translator" | "source", name) when the whole line only credits someone, else None."""
    line = text.strip().strip("()[]").strip()
    for role, pattern in _CREDIT_LINES:
        match = pattern.match(line)
        if match and _is_proper(match["name"]):
            return role, _clean_name(match["name"])
    return None


def _clean_name(name: str) -> str:
    return _LOWER_THE.sub("", name.strip().rstrip(".,;:").strip())


def _is_proper(name: str) -> bool:
    words = _WORD.findall(_clean_name(name))
    return bool(words) and len(words) <= _MAX_NAME_WORDS and words[0][:1].isupper()


def _is_connector(word: str) -> bool:
    """A lower-case word that may join a name's parts: "of", "al", or a hyphenated "al-Wasl"."""
    lower = word.lower()
    return lower in _CONNECTING_WORDS or lower.split("-")[0] in word_list("name_particles.txt")


def _name_words(tokens: list[str]) -> list[str]:
    """The leading tokens that form a proper name: capitalised words joined by lower-case particles."""
    taken: list[str] = []
    for i, token in enumerate(tokens[:_MAX_NAME_WORDS]):
        word = token.rstrip(".,;:!?)\"”’'")
        capitalised = word[:1].isupper()
        particle = _is_connector(word)
        next_capitalised = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        if not (capitalised or (particle and taken and (next_capitalised or "-" in word))):
            break
        taken.append(word)
        if word != token:  # punctuation ends the name
            break
    while taken and _is_connector(taken[-1]) and "-" not in taken[-1]:
        taken.pop()
    return taken


def _name_shape_score(words: list[str]) -> int:
    """Outlet-like names score higher: several words, an al-/el- particle, an acronym."""
    if not words or all(w.lower() in word_list("generic_sources.txt") for w in words):
        return -1
    score = 0
    if len(words) > 1:
        score += 1
    if any("-" in w and _is_connector(w) for w in words):
        score += 2
    if any(len(w) > 1 and w.isupper() for w in words):
        score += 1
    return score


def _candidate(words: list[str], weight: int, position: int) -> _Candidate | None:
    shape = _name_shape_score(words)
    return _Candidate(" ".join(words), weight + shape, position) if shape >= 0 else None


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate | None] = [
        _candidate(match["name"].split(), _WIRE_WEIGHT, match.start())
        for match in _WIRE_DATELINE.finditer(text)
    ]
    for pattern, weight in _NAME_AFTER:
        for match in pattern.finditer(text):
            rest = _ANY_THE.sub("", text[match.end() : match.end() + _LOOK_AROUND], count=1)
            found.append(_candidate(_name_words(rest.split()), weight, match.end()))
    for pattern, weight in _NAME_BEFORE:
        for match in pattern.finditer(text):
            head = text[max(0, match.start() - _LOOK_AROUND) : match.start()].split()
            found.append(_candidate(_name_words(_trailing_name(head)), weight, match.start()))
    return [c for c in found if c]


def _trailing_name(tokens: list[str]) -> list[str]:
    """The tokens at the end of `tokens` that may form a name, read backwards up to a lower-case word."""
    start = len(tokens)
    while start > 0:
        token = tokens[start - 1]
        is_particle = _is_connector(token)
        if not (token[:1].isupper() or (is_particle and start < len(tokens))):
            break
        if token != token.rstrip(".,;:!?") and start < len(tokens):
            break  # punctuation before the name ends the name
        start -= 1
    return tokens[start:]


def original_source(paragraphs: list[str]) -> str | None:
    """The best outlet-like source the body attributes its report to; the first one among equals."""
    text = "\n".join(paragraphs)
    candidates = _candidates(text)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.score, -c.position))
    return best.name


def find_credits(paragraphs: list[str]) -> Credits:
    """Take credit lines out of the body and read the translator and original source from them and
    from the attributions in the remaining text."""
    kept: list[str] = []
    credited: dict[str, str] = {}
    for paragraph in paragraphs:
        credit = credit_line(paragraph)
        if credit:
            credited.setdefault(*credit)
            continue
        trailing = _TRAILING_CREDIT.search(paragraph)
        credit = credit_line(trailing["credit"]) if trailing else None
        if trailing and credit:
            credited.setdefault(*credit)
            paragraph = paragraph[: trailing.start()].rstrip()
        kept.append(paragraph)
    source = credited.get("source") or original_source(kept)
    return Credits(kept, translator=credited.get("translator"), original_source=source)
