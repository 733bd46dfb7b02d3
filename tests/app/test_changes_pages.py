"""What changed, on the pages: the overview's "Sedan senaste importen", the LPO view's line per
agreement and the Data page's changes per file."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from indicators.store import Store, imports_table
from tests.agreements import copy_for_kommun
from tests.app.annual import ingest
from tests.app.pages import components, content, of_type, render, text


@pytest.fixture
def revised(tmp_path):
    """97 burglaries in 2022 imported in January, then revised to 104 today: Uppnått → Ej
    uppnått. The overview groups the imports of one day, so the first is dated back."""
    ingest(tmp_path, "sol-jan.csv", {2021: 90, 2022: 97})
    data = tmp_path / "data"
    store = Store(f"sqlite:///{data / 'trygghetsmal.sqlite'}")
    with store.engine.begin() as conn:
        conn.execute(update(imports_table).values(imported_at="2026-01-05T09:00:00+00:00"))
    ingest(tmp_path, "sol-feb.csv", {2021: 90, 2022: 104})
    return data


def _words(tree) -> str:
    return " ".join(text(tree).split())


def _panel(page):
    return next(c for c in components(page) if c["props"].get("id") == "andringar")


def test_the_overview_shows_the_status_the_last_import_changed(client, revised):
    panel = _panel(content(render(client, "/")))
    words = _words(panel)
    assert "Sedan senaste importen" in words
    assert "1 ändrat värde, 0 nya perioder, 1 ändrad bedömning" in words
    assert "bostadsinbrott 2022 : ✓ Uppnått → ✕ Ej uppnått" in words
    links = [c["props"]["href"] for c in of_type(panel, "Link")]
    assert "/mal/bostadsinbrott?ar=2022" in links


def test_since_a_chosen_date_takes_every_import_from_that_day(client, revised):
    words = _words(_panel(content(render(client, "/?sedan=2000-01-01"))))
    assert "Sedan 2000-01-01" in words and "2 filer" in words
    # 2022 began without a verdict and ends Ej uppnått; 2021 went from none to Uppnått.
    assert "bostadsinbrott 2022 : ? Kan inte bedömas → ✕ Ej uppnått" in words
    assert "bostadsinbrott 2021 : ? Kan inte bedömas → ✓ Uppnått" in words


def test_a_date_that_is_no_date_is_said_and_the_last_import_shown(client, revised):
    words = _words(_panel(content(render(client, "/?sedan=igår"))))
    assert "”igår” är inget datum" in words and "Sedan senaste importen" in words


def test_the_lpo_view_names_each_agreements_changes(client, revised):
    copy_for_kommun(revised)  # another kommun: nothing of Trelleborg's changes it
    page = content(render(client, "/avtal?ar=2022"))
    lines = {
        c["props"]["data-agreement"]: _words(
            next(p for p in components(c) if "lpo-changes" in str(p["props"].get("className")))
        )
        for c in components(page)
        if c["props"].get("data-agreement")
    }
    assert "bostadsinbrott 2022 ✓ Uppnått → ✕ Ej uppnått" in lines["trelleborg-2019-2022"]
    assert "inga ändrade bedömningar" in lines["fiktiva-kommunen-2019-2022"]


def test_the_data_page_lists_each_imports_changes(client, revised):
    words = _words(content(render(client, "/data")))
    assert (
        "1 ändrat värde, 0 nya perioder, 1 ändrad bedömning: bostadsinbrott 2022: "
        "Uppnått → Ej uppnått (trelleborg-2019-2022)"
    ) in words


def test_the_goal_page_shows_the_year_so_far_against_last_year(client, tmp_path):
    from typer.testing import CliRunner

    from cli import cli
    from tests.imports.files import SOL_HEADER, text_file

    months = ("Januari", "Februari", "Mars", "April", "Maj", "Juni")
    rows = [
        f"Trelleborg;Inbrottsstöld i bostad;{year};{month};{count};..;"
        for year, count in ((2021, 10), (2022, 12))
        for month in months
    ]
    path = text_file(tmp_path, "sol.csv", [SOL_HEADER, *rows])
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    page = content(render(client, "/mal/bostadsinbrott?ar=2022"))
    table = next(c for c in components(page) if c["props"].get("id") == "hittills-bostadsinbrott")
    words = _words(table)
    assert "Året hittills, januari–juni 2022 72 samma månader 2021: 60 +20 %" in words
    assert "inom slumpvariationen" in words
