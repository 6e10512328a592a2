"""Line features shared by the plain-text cleaner and the HTML path: what a line of a page looks like
(prose, a title, a separator, a piece of site chrome), each a small predicate tested alone."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from sitrep.extract.vocabulary import word_list

# Sentence ends, also in Arabic, Urdu and CJK, followed by any closing quotes or brackets.
TERMINAL = re.compile(r"[.!?…。！？؟۔]['\"”’»)\]]*$")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A word is a run of letters (with inner apostrophes and hyphens), or one Chinese or Japanese character,
# since those scripts put no spaces between words.
_WORDS = re.compile(rf"[{_CJK}]|(?![{_CJK}])[^\W\d_](?:(?![{_CJK}])[\w’'-])*")
_SEPARATOR = re.compile(r"^[\W_]+$")
_MENU_SEPARATORS = re.compile(r"\s(?:\||•|·|›|»|/|>|–)\s")
_LABEL = re.compile(r"^(?P<label>[^\W\d_]+)\s*:")
_LEGAL = re.compile(r"©|\ball rights reserved\b|\bcopyright\b|\bcookies?\b|\bprivacy policy\b", re.I)
_MIN_PROSE_WORDS = 4
_LONG_PROSE_WORDS = 20  # a block this long is prose even without a final full stop
_MAX_CHROME_WORDS = 6
_MAX_MENU_ITEM_WORDS = 4
_MIN_MENU_ITEMS = 3
_WIDE_GAP = re.compile(r"(?:\t|[ \u00a0]{2,})+")
_MAX_LEGAL_WORDS = 30
_MAX_CHROME_CHARS = 300
_MAX_TITLE_WORDS = 25


def clean(line: str) -> str:
    """The line in NFC with every kind of space (no-break, zero-width, ideographic) made one space.
    Items set apart by wide gaps ("Home   Syria   Iraq") are joined with " | " so the line still
    reads as the menu it is."""
    line = unicodedata.normalize("NFC", line).strip()
    items = _WIDE_GAP.split(line)
    if len(items) >= _MIN_MENU_ITEMS and all(
        len(words(item)) <= _MAX_MENU_ITEM_WORDS and not TERMINAL.search(item) for item in items
    ):
        line = " | ".join(items)
    return _SPACES.sub(" ", line).strip()


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def fingerprint(text: str) -> str:
    """Case- and punctuation-blind form, to find a line repeated elsewhere on the page."""
    return " ".join(w.casefold() for w in words(text))


def is_separator(text: str) -> bool:
    """Only punctuation or symbols: "......", "----", "* * *"."""
    return bool(_SEPARATOR.match(text))


def is_chrome(text: str) -> bool:
    """Menu items, sharing buttons, tag boxes, footers: "Logo Wide", "Tags: Syria", "Home | World"."""
    if len(text) > _MAX_CHROME_CHARS or (TERMINAL.search(text) and not _LEGAL.search(text)):
        return False
    tokens = [w.lower() for w in words(text)]
    label = _LABEL.match(text)
    if label and label["label"].lower() in word_list("page_chrome.txt"):
        return True
    if _LEGAL.search(text) and len(tokens) <= _MAX_LEGAL_WORDS:
        return True
    return _is_menu(text) or _is_chrome_phrase(tokens)


def _is_menu(text: str) -> bool:
    if text.startswith("|") and text.endswith("|"):
        return False  # a table row, as trafilatura writes tables
    separators = Counter(match.strip() for match in _MENU_SEPARATORS.findall(text))
    if not separators or max(separators.values()) < 2:  # a menu repeats one separator
        return False
    return all(len(words(item)) <= _MAX_MENU_ITEM_WORDS for item in _MENU_SEPARATORS.split(text))


def _is_chrome_phrase(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > _MAX_CHROME_WORDS:
        return False
    chrome = word_list("page_chrome.txt")
    function = word_list("page_function_words.txt")
    others = [t for t in tokens if t not in chrome and t not in function]
    return len(others) < len(tokens) and len(others) <= 1 and any(t in chrome for t in tokens)


def is_prose(text: str) -> bool:
    """A sentence-like block: several words ending in terminal punctuation, or a long block."""
    count = len(words(text))
    return count >= _LONG_PROSE_WORDS or (count >= _MIN_PROSE_WORDS and bool(TERMINAL.search(text)))


def is_title_like(text: str, *, full_stop: bool = False) -> bool:
    """A short line that could head a page: a few words, without a final full stop unless allowed."""
    count = len(words(text))
    starts_well = starts_like_a_name(text) or text[:1].isdigit() or text[:1] in "\"'“‘«"
    ends_well = full_stop or not ends_with_full_stop(text)
    return 2 <= count <= _MAX_TITLE_WORDS and starts_well and ends_well


def starts_like_a_name(text: str) -> bool:
    """Opens with a capital, or with a letter of a script without case (Arabic, Chinese)."""
    first = text[:1]
    return first.isalpha() and not first.islower()


def ends_with_full_stop(text: str) -> bool:
    return text.rstrip("\"'”’»").endswith(".")


def title_case_ratio(text: str) -> float:
    """Share of the longer words that are capitalised ("ISIS Negotiates With Rebels" -> 1.0)."""
    content = [w for w in words(text) if len(w) > 3]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper()) / len(content)
