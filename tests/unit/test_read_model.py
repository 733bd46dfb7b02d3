"""The pages' read model: reused while the store stays the same, rebuilt by one rule — a new
import, comment, approval or withdrawal (or a new day)."""

import datetime as dt

import pytest

from followup.approval import approve_year, withdraw_approval
from followup.commentary import save_comment
from goals.evidence import Evidence
from indicators.ingest import ingest_file
from pages.data import page_data, read_model
from report.content import annual_report
from tests.imports.files import sol_yearly
from tests.unit.rows import AFTER_THE_PERIOD

NOW = dt.datetime(2023, 3, 14, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def data_dir(tmp_path, monkeypatch, context):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRYGGHETSMAL_DATABASE_URL", str(context.store.engine.url))
    return tmp_path


def test_the_model_is_reused_until_an_import_comment_or_approval(
    data_dir, context, agreement, catalogue
):
    ingest_file(sol_yearly(data_dir, {2020: 104, 2021: 88}), context)
    first = read_model()
    assert read_model() is first
    assert page_data("2021").evidence is page_data("2021").evidence  # computed once

    ingest_file(sol_yearly(data_dir, {2021: 90}, name="ny.csv"), context)
    after_import = read_model()
    assert after_import is not first

    report = annual_report(agreement, catalogue, Evidence(), 2021, AFTER_THE_PERIOD)
    save_comment(context.store, report, "bostadsinbrott", "Text", "Anna", NOW)
    after_comment = read_model()
    assert after_comment is not after_import

    approve_year(context.store, report, "Karin", NOW)
    after_approval = read_model()
    assert after_approval is not after_comment

    withdraw_approval(context.store, report, "Karin", NOW)
    assert read_model() is not after_approval
