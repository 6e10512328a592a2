"""Name normalisation for gazetteer keys: diacritics, Arabic article prefixes, transliteration variants.

Three keys per name, from strict to loose, so that lookup can prefer the strictest that matches:
- `exact_key`: case, diacritics, apostrophes and hyphens folded ("Dūmā" -> "duma");
- `bare_key`: also without an Arabic article prefix ("al-Yarmouk", "Ar Raqqah" -> "yarmouk", "raqqah");
- `skeleton_key`: consonants only, doubled letters merged, common transliteration pairs folded
  ("Douma"/"Duma" -> "dm", "Irbin"/"Arbin"/"Arbeen" -> "rbn"). Loose, so it only serves as a fallback.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that transliterations use for ayn/hamza or as apostrophes; they carry no letter.
_SILENT = str.maketrans("", "", "'`’‘ʼʻʿʾ´\u02bf\u02be")
_SEPARATORS = re.compile(r"[\s\-_./,()]+")
# The Arabic article as transliterations write it, assimilated or not (al-, el-, ad-, ar-, as-, ash-...).
ARABIC_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "ath",
        "adh",
        "az",
        "ez",
        "an",
        "en",
    ]
)
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")
# Transliteration pairs folded to one letter, applied before vowels are dropped.
_FOLDS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
    ("z", "s"),
    ("x", "ks"),
)
# Words that name some division somewhere ("West", Cameroon; "Central", Uganda) but, standing alone in
# an English text, a direction or a common noun: never resolved alone ("the Republic" is the article's
# republic, not a village called Republic).
GENERIC_WORDS = frozenset(
    {
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("northeast", "northwest", "southeast", "southwest", "central", "centre", "center", "middle"),
        *("upper", "lower", "coast", "capital", "city", "county", "state", "province", "district"),
        *("region", "island", "islands", "valley", "university", "church", "tower", "house", "hall"),
        *("street", "road", "bridge", "park", "airport", "station", "square", "republic", "kingdom"),
    }
)
_ARABIC_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower case without diacritics or apostrophes, separators as single spaces."""
    text = _ARABIC_DIACRITICS.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.translate(_SILENT))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def exact_key(name: str) -> str:
    return fold(name)


def bare_key(name: str) -> str:
    """The folded name without a leading Arabic article; equal to `exact_key` when there is none."""
    key = fold(name)
    first, _, rest = key.partition(" ")
    if first in ARABIC_ARTICLES and len(rest) >= 3:
        return rest
    return key


def skeleton_key(name: str) -> str:
    """Consonant skeleton of the bare name; empty for names too short to compare loosely."""
    key = bare_key(name).replace(" ", "")
    if not key.isascii() or len(key) < 4:
        return ""
    key = re.sub(r"(?<=[aeiou])h$", "", key)  # -ah/-eh endings: Hamouriyah, Hamouria
    for pair, letter in _FOLDS:
        key = key.replace(pair, letter)
    skeleton = _DOUBLED.sub(r"\1", _VOWELS.sub("", key))
    if len(skeleton) < 2:
        return ""
    # A two-consonant skeleton is too loose alone ("Adam" and "Duma"): keep the initial letter too.
    return skeleton if len(skeleton) >= 3 else f"{key[0]}:{skeleton}"


def is_name_like(name: str) -> bool:
    """Whether an alternate name is worth indexing: Latin or Arabic script, and capitalised if Latin.

    GeoNames alternate names include romanisation codes ("dwma") and other scripts the body text of
    an English article never contains.
    """
    if name.isascii():
        return any(ch.isupper() for ch in name)
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    if all("\u0600" <= ch <= "\u06ff" for ch in letters):
        return True
    if not all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return False
    return any(ch.isupper() for ch in letters)
