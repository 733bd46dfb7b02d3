from __future__ import annotations

import pytest

from indicators.ingest import IngestContext, ingest_file
from indicators.reading import Limits
from indicators.store import Store


@pytest.fixture
def context(tmp_path) -> IngestContext:
    data = tmp_path / "data"
    data.mkdir()
    store = Store(f"sqlite:///{data / 'test.sqlite'}")
    return IngestContext(store, data / "archive", Limits(50_000_000, 300_000_000), "analytiker")


@pytest.fixture
def check_context(context) -> IngestContext:
    return IngestContext(None, context.archive_dir, context.limits, None)


@pytest.fixture
def ingest(context):
    return lambda path, **kw: ingest_file(path, context, **kw)


@pytest.fixture
def stored(context):
    """All current stored crime rows as (period, breakdown, measure, value, status) tuples."""

    def rows():
        frame = context.store.observations("anmalda_brott")
        if frame.empty:
            return []
        return [
            (r["period"], r["breakdown"], r["measure"], r["value"], r["status"])
            for r in frame.to_dict("records")
        ]

    return rows
