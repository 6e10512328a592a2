"""Event coding: PLOVER events (with CAMEO codes) from the parse of an article.

`EventCoder()` is the pipeline component; `default_lexicon()` the shipped knowledge.
"""

from sitrep.events.coder import EventCoder
from sitrep.events.lexicon import Lexicon, PloverType, default_lexicon

__all__ = ["EventCoder", "Lexicon", "PloverType", "default_lexicon"]
