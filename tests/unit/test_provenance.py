"""A goal page says when its headline and its breakdowns come from different imports."""

from __future__ import annotations

from goals.provenance import (
    area_rows,
    chosen_provenance,
    headline_provenance,
    mixed_sources_note,
    month_rows,
)
from indicators.kinds import Measure
from tests.unit.rows import months, row

BRA_YEAR = row("2022", 104, file="sol.csv", imported_at="2026-11-20T09:00:00")
POLICE_MONTHS = months(
    2022,
    [8] * 12,
    origin="polisen",
    status=None,
    import_id=2,
    file="uttag.xlsx",
    imported_at="2026-11-23T09:00:00",
)


def _note(rows):
    headline = headline_provenance(rows, Measure.ANTAL, 2022)
    parts = {"månadsfördelningen": chosen_provenance(month_rows(rows), 2022)}
    return mixed_sources_note(headline, parts)


def test_bra_yearly_headline_with_police_months_says_where_each_comes_from():
    note = _note([BRA_YEAR, *POLICE_MONTHS])
    assert note is not None
    assert note.startswith(
        "Huvudsiffran kommer från Brå (sol.csv, inläst 2026-11-20); månadsfördelningen från "
        "Polisens uttag (uttag.xlsx, inläst 2026-11-23)."
    )


def test_a_headline_summed_from_its_own_months_needs_no_note():
    assert _note(POLICE_MONTHS) is None


def test_the_same_file_imported_again_later_is_named_by_its_import_date():
    months_later = months(2022, [9] * 12, import_id=3, imported_at="2026-11-25T09:00:00")
    note = _note([BRA_YEAR, *months_later])
    assert note is not None
    assert "månadsfördelningen från Brå (export.csv, inläst 2026-11-25)" in note


def test_months_that_outrank_the_police_months_and_agree_with_the_headline_give_no_note():
    bra_months = months(2022, [9] * 12, file="sol.csv", imported_at="2026-11-20T09:00:00")
    # Brå's own months win over the police's month by month, and the headline is their sum.
    assert _note([*bra_months, *POLICE_MONTHS]) is None


def test_areas_from_a_police_extract_are_named_too():
    area = row(
        "2022-03",
        3,
        geo="1287:tatort",
        geo_name="Trelleborg tätort",
        origin="polisen",
        file="uttag.xlsx",
        imported_at="2026-11-23T09:00:00",
    )
    headline = headline_provenance([BRA_YEAR], Measure.ANTAL, 2022)
    parts = {"områdena": chosen_provenance(area_rows([BRA_YEAR, area], "1287"), 2022)}
    note = mixed_sources_note(headline, parts)
    assert note is not None and "områdena från Polisens uttag (uttag.xlsx" in note
    assert mixed_sources_note(headline, {"områdena": frozenset()}) is None
