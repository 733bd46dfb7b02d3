"""The one reader from the store: typed rows with enums, the JSON shape only at the edge."""

import pandas as pd

from indicators import periods
from indicators.export import observation_json
from indicators.geography import Geo
from indicators.ingest import ingest_file
from indicators.kinds import Measure, PeriodType, Revision
from indicators.observations import frame, observation
from indicators.store import NewImport
from indicators.stored import Observation, read_observations
from tests.imports.files import sol_yearly


def test_stored_rows_are_typed_with_their_provenance(tmp_path, context):
    ingest_file(sol_yearly(tmp_path, {2019: 123}, name="inbrott.csv"), context)
    (row,) = read_observations(context.store, "anmalda_brott")
    assert isinstance(row, Observation)
    assert (row.period, row.period_type, row.measure, row.revision) == (
        "2019",
        PeriodType.AR,
        Measure.ANTAL,
        Revision.SLUTLIG,
    )
    assert (row.value, row.year, row.file, row.row, row.geo_code) == (
        123.0,
        2019,
        "inbrott.csv",
        2,
        "1287",
    )
    assert row.breakdown == {"brottstyp": "Inbrottsstöld i bostad"}


def test_a_value_without_revision_reads_as_none_and_exports_as_null(context):
    rows = frame(
        [
            observation(
                indicator="anmalda_brott",
                period=periods.month(2022, 1),
                geo=Geo("kommun", "1287", "Trelleborgs kommun"),
                breakdown={"brottskod": "0857"},
                measure="antal",
                value=4,
                status=None,
                sheet="Uttag",
                row=None,
            )
        ]
    )
    new = NewImport(
        "a" * 64, "uttag.xlsx", 1, "2023-01-01T00:00:00+00:00", None, "x", "y", "polisen", False
    )
    context.store.add_import(new, rows, lambda _id: None)
    (row,) = read_observations(context.store, "anmalda_brott")
    assert row.revision is None and row.n is None and row.row is None
    exported = observation_json(row)
    assert exported["status"] is None and exported["geo"] == "1287"
    assert not any(isinstance(v, float) and pd.isna(v) for v in exported.values())
