"""The language of an article, by py3langid's offline model (ISO 639-1 codes)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from sitrep.extract import lines

MIN_LETTERS = 20  # below this langid guesses at random ("Duma" -> "la")
MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 2000  # the opening of a long article says as much as the whole of it
# Nigerian Pidgin shares most of its words with English: short English reports about Nigeria score as
# Pidgin (0.5 to 0.65), Pidgin itself above 0.99. Below such a bar the runner-up stands in.
NEAR_CERTAIN = {"pcm": 0.99}


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`, or None when it is too short or the model is unsure."""
    sample = text[:_SAMPLE_CHARS]
    if sum(len(word) for word in lines.words(sample)) < MIN_LETTERS:
        return None
    (code, confidence), (runner_up, second) = _identifier().rank(sample)[:2]
    if confidence < NEAR_CERTAIN.get(code, 0.0):
        code, confidence = runner_up, second / (1.0 - confidence)  # its share of what is left
    return str(code) if confidence >= MIN_CONFIDENCE else None
