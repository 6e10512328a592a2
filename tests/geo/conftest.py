"""The gazetteer is built once per machine (first use takes a minute or two) and shared by the tests."""

from __future__ import annotations

import pytest

from sitrep.geo import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()
