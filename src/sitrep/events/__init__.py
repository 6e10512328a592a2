"""Event coding: PLOVER events (with CAMEO codes) from the parse of an article.

`EventCoder()` is the pipeline component; `default_lexicon()` the shipped knowledge and
`default_type_model()` the shipped learned type model (retrained by `python -m sitrep.events.train`).
"""

from sitrep.events.coder import EventCoder
from sitrep.events.learned import TypeModel, default_type_model
from sitrep.events.lexicon import Lexicon, PloverType, default_lexicon

__all__ = ["EventCoder", "Lexicon", "PloverType", "TypeModel", "default_lexicon", "default_type_model"]
