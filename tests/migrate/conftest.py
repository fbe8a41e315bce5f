"""Recorded v1.39 class JSON (`fixtures/`, written by `record_fixtures.py`) as snapshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wvorm.migrate import Snapshot, normalize

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def recorded() -> Snapshot:
    """The live snapshot of the recorded collections Author, Book and Diary."""
    documents = [json.loads(p.read_text()) for p in sorted(FIXTURES.glob("*.json"))]
    assert {d["server_version"] for d in documents} == {"1.39.2"}
    return normalize(d["class"] for d in documents)
