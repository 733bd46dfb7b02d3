from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from indicators import geography
from indicators.ingest import IngestContext, ingest_file
from indicators.store import free_texts_table


@pytest.fixture
def trelleborg_context(context) -> IngestContext:
    """The store of `context`, importing as the command line does for the Trelleborg agreement."""
    return dataclasses.replace(context, kommun=geography.kommun("1287"))


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


@pytest.fixture
def free_texts(context):
    """The free texts an import kept (EST, when its settings opt in), in stored order."""

    def rows():
        query = select(free_texts_table).order_by(free_texts_table.c.period, free_texts_table.c.id)
        with context.store.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    return rows
