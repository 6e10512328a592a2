"""Scorers behind `sitrep eval`: each module measures one stage against benchmark data in ../shared/bench."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise SitrepError(f"{path}: not found ({what})")
    return path


def run_evaluation(args: argparse.Namespace) -> dict[str, Any]:
    """Dispatch `sitrep eval KIND` to its scorer; imports are lazy so each scorer loads only what it needs."""
    if args.evaluation == "events":
        from sitrep.evaluation import events

        dictionaries = args.dictionaries and _require(args.dictionaries, "the CAMEO dictionaries folder")
        plover = _require(args.plover, "the PLOVER gold records")
        return events.evaluate(plover, dictionaries, args.type_model)
    if args.evaluation == "petrarch":
        from sitrep.evaluation import petrarch

        return petrarch.evaluate(_require(args.directory, "PETRARCH's unit-test folder"))
    if args.evaluation == "geo":
        from sitrep.evaluation import geo

        bench = _require(args.bench, "the geoparsing corpora")
        if args.baselines:
            return geo.score_baselines(bench)
        if not args.corpus:
            raise SitrepError("eval geo needs --corpus gwn|lgl|trnews (or --baselines)")
        return geo.evaluate(args.corpus, args.mode, bench)
    if args.evaluation == "keywords":
        from sitrep.evaluation import keywords

        return keywords.evaluate(_require(args.directory, "the DUC-2001 keyphrase set"), top_n=args.top)
    if args.evaluation == "extraction":
        from sitrep.evaluation import extraction

        return extraction.evaluate(_require(args.directory, "the article-extraction benchmark"))
    raise SitrepError(f"unknown evaluation {args.evaluation!r}")
