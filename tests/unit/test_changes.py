"""Status changes between two judgements, and the changes since a day (goals/changes.py)."""

from __future__ import annotations

import datetime as dt

from goals.changes import change_line, changes_since, status_changes, touched_targets
from goals.status import Status
from indicators.store import ImportChanges

A = "trelleborg-2019-2022"


def test_only_the_target_years_whose_status_differs_are_changes():
    before = {(A, "bostadsinbrott", 2021): "uppnatt", (A, "bostadsinbrott", 2022): "uppnatt"}
    after = {(A, "bostadsinbrott", 2021): "uppnatt", (A, "bostadsinbrott", 2022): "ej_uppnatt"}
    assert status_changes(before, after) == [
        {
            "agreement": A,
            "target": "bostadsinbrott",
            "year": 2022,
            "from": "uppnatt",
            "to": "ej_uppnatt",
        }
    ]
    assert status_changes(after, after) == []


def test_the_line_names_another_agreement_than_the_default():
    change = {"agreement": "b", "target": "t", "year": 2023, "from": None, "to": "pa_vag"}
    assert change_line(change, "b") == "ändrad bedömning: t 2023: ingen bedömning → På väg"
    assert change_line(change, A) == "ändrad bedömning [b]: t 2023: ingen bedömning → På väg"


def test_an_import_of_crime_counts_touches_the_crime_targets_only(agreement, catalogue):
    touched = {t.id for t in touched_targets(agreement, catalogue, {catalogue.crime_counts})}
    assert touched == {"bostadsinbrott", "skadegorelse"}
    assert touched_targets(agreement, catalogue, set()) == []


def _import(import_id: int, day: str) -> dict:
    return {"id": import_id, "imported_at": f"{day}T09:00:00+00:00", "file": f"f{import_id}.csv"}


def _day(stamp: str) -> dt.date:
    return dt.date.fromisoformat(stamp[:10])


def _status(target: str, year: int, before: str | None, after: str, agreement: str = A) -> dict:
    return {"agreement": agreement, "target": target, "year": year, "from": before, "to": after}


RECORDED = {
    1: ImportChanges(
        0, [{"indicator": "x", "period": "2021"}], [_status("t", 2021, None, "uppnatt")]
    ),
    2: ImportChanges(
        2, [], [_status("t", 2022, "uppnatt", "ej_uppnatt"), _status("t", 2022, "a", "b", "other")]
    ),
    3: ImportChanges(1, [], [_status("t", 2022, "ej_uppnatt", "uppnatt")]),
    4: ImportChanges(0, [], None),
}


def test_by_default_the_imports_of_the_latest_day():
    imports = [_import(1, "2026-01-05"), _import(2, "2026-02-02"), _import(3, "2026-02-02")]
    found = changes_since(imports, RECORDED, A, None, _day)
    assert found.since == dt.date(2026, 2, 2) and found.files == ["f2.csv", "f3.csv"]
    assert found.values == 3
    assert found.statuses == []  # 2022 went to ej_uppnatt and back: no change over the day


def test_since_a_date_the_first_before_and_the_last_after_each_target_year():
    imports = [_import(1, "2026-01-05"), _import(2, "2026-02-02"), _import(4, "2026-02-03")]
    found = changes_since(imports, RECORDED, A, dt.date(2026, 1, 1), _day)
    assert [(s.target, s.year, s.before, s.after) for s in found.statuses] == [
        ("t", 2021, None, Status.UPPNATT),
        ("t", 2022, Status.UPPNATT, Status.EJ_UPPNATT),
    ]
    assert found.new_periods == 1 and found.unjudged == 1


def test_no_imports_no_day():
    assert changes_since([], {}, A, None, _day).since is None
