"""Train the event-type model (`learned.TypeModel`) on Sitrep's own example sentences.

Run: `python -m sitrep.events.train` (needs scikit-learn, which only training uses). It parses
`sitrep/data/events/examples.jsonl` (sentences written for Sitrep, each labelled with its main event's
PLOVER type, or NONE for no event), reports the five-fold cross-validated accuracy, fits a multinomial
logistic regression on all of them and writes its weights as JSON to
`src/sitrep/data/events/type_model.json` (or --output). Never train on the evaluation data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep import nlp
from sitrep.events.learned import MODEL_FILE, sentence_features
from sitrep.events.lexicon import default_lexicon

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "data" / "events" / MODEL_FILE
EXAMPLES_FILE = "examples.jsonl"
LEXICON_FILES = ("plover.yaml", "triggers.yaml", "grammar.yaml")
REGULARISATION = 3.0  # inverse strength (scikit-learn's C), chosen by cross-validation on the examples
MIN_COUNT = 2  # a feature must occur in this many examples: one-off words and arcs only add noise
PRECISION = 3  # decimals kept per weight


def examples_content(path: Path | None) -> bytes:
    """The examples file as stored (the shipped one when no path is given)."""
    source = resources.files("sitrep.data.events").joinpath(EXAMPLES_FILE) if path is None else path
    return source.read_bytes()


def read_examples(path: Path | None) -> list[dict[str, Any]]:
    text = examples_content(path).decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def inputs_sha256(path: Path | None) -> str:
    """The hash a trained model records of what it learned from, so that a test can tell a stale model: the
    examples, and the lexicon files whose types and word lists are among its features."""
    digest = hashlib.sha256(examples_content(path))
    for name in LEXICON_FILES:
        digest.update(resources.files("sitrep.data.events").joinpath(name).read_bytes())
    return digest.hexdigest()


def featurise(texts: Sequence[str]) -> list[dict[str, int]]:
    """Binary features of each text; those in fewer than MIN_COUNT texts are dropped."""
    lexicon = default_lexicon()
    rows = [
        {f: 1 for sentence in doc.sents for f in sentence_features(sentence, lexicon)}
        for doc in nlp.parse_many(texts)
    ]
    counts = Counter(f for row in rows for f in row)
    return [{f: v for f, v in row.items() if counts[f] >= MIN_COUNT} for row in rows]


def train(examples: list[dict[str, Any]], folds: int = 5) -> tuple[dict[str, Any], float]:
    """The model as JSON data, and its cross-validated accuracy on the examples."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    labels = [str(e["type"]) for e in examples]
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(featurise([str(e["text"]) for e in examples]))
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    splits = StratifiedKFold(folds, shuffle=True, random_state=0)
    accuracy = float(cross_val_score(model, matrix, labels, cv=splits).mean())
    model.fit(matrix, labels)
    weights = {
        name: [round(float(w), PRECISION) for w in column]
        for name, column in zip(vectoriser.get_feature_names_out(), model.coef_.T, strict=True)
    }
    data = {
        "about": "Sitrep event-type model: multinomial logistic regression over sentence features "
        "(sitrep.events.learned), trained by `python -m sitrep.events.train` on "
        f"sitrep/data/events/examples.jsonl ({len(examples)} sentences written for Sitrep).",
        "cross_validated_accuracy": round(accuracy, 3),
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(b), PRECISION) for b in model.intercept_],
        "weights": dict(sorted(weights.items())),
    }
    return data, accuracy


def as_text(data: Mapping[str, Any], rows: str = "weights") -> str:
    """JSON with one line per entry of `rows` (a feature's weights, a class's coefficients), so that a
    change of the model reads as a diff of those lines."""
    head = {k: v for k, v in data.items() if k != rows}
    lines = [f"  {json.dumps(name)}: {json.dumps(row)}" for name, row in data[rows].items()]
    header = json.dumps(head, indent=1)[:-2]  # without the closing brace
    return header + f',\n "{rows}": {{\n' + ",\n".join(lines) + "\n }\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, help="JSONL of {type, text} (default: the shipped examples)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON model")
    args = parser.parse_args()
    examples = read_examples(args.examples)
    data, accuracy = train(examples)
    data["inputs_sha256"] = inputs_sha256(args.examples)
    args.output.write_text(as_text(data), encoding="utf-8")
    print(
        f"{len(examples)} examples, {len(data['weights'])} features, cross-validated accuracy {accuracy:.3f}"
    )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
