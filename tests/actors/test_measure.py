"""The measurement command: on a gold file written here, and on the PETRARCH records in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.actors.measure import main, petrarch_coverage, plover_agreement


def test_plover_agreement_counts_country_and_sector(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "comment": "a documentation record without text"},
        {
            "text": "Turkish troops shelled Kurdish villages, and Amnesty International protested.",
            "date": "2019-10-10",
            "source": [{"actorText": "Turkish troops", "code": "TUR", "sector": "MIL"}],
            "target": [{"actorText": "Amnesty International", "code": "NGO"}],
        },
        {
            "text": "The rebels attacked a convoy.",
            "source": [{"actorText": "The rebels", "code": "SYR", "sector": "REB"}],
            "target": "",
        },
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = plover_agreement(path)
    assert result["actors"] == 3 and result["found"] == 3
    assert result["country"] == 2  # the generic rebels have no country
    assert (result["with_sector"], result["sector"]) == (2, 2)
    assert result["country_agreement"] == 0.667


def test_petrarch_codes_are_mostly_found(shared_dir: Path) -> None:
    result = petrarch_coverage(shared_dir / "bench" / "events" / "petrarch-unittest")
    assert result["expected_codes"] > 600
    assert result["coverage"] > 0.85


def test_main_needs_the_shared_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="PLOVER_GSR_CAMEO.txt"):
        main([str(tmp_path)])
