"""How specific a word is: its rarity in general English, from the `wordfreq` word lists.

wordfreq (Robyn Speer et al., MIT licence; data CC BY-SA 4.0) ships its frequency tables inside the
package, so this works offline. A Zipf value is log10 of a word's frequency per billion words: about
7 for "the", 4 for "hurricane", 0 for a word the lists do not know.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

# Zipf value of the most common words; rarity is measured down from here.
COMMONEST_ZIPF = 7.0
MIN_RARITY = 0.05


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """1.0 for words general English never uses, near MIN_RARITY for the commonest ones."""
    zipf = zipf_frequency(word, "en")
    return max(MIN_RARITY, min(1.0, 1.0 - zipf / COMMONEST_ZIPF))
