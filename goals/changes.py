"""What an import changed in the verdicts: the targets whose status changes for some year.

An import is judged twice, for the targets whose evidence it touched: every year of every
agreement's period before it is stored and again after (design.md "What changed, and the year so
far"). The difference, one entry per (agreement, target, year), is recorded with the import:

    {"agreement": "trelleborg-2019-2022", "target": "bostadsinbrott", "year": 2022,
     "from": "uppnatt", "to": "ej_uppnatt"}

Only the touched targets are judged, so an import of a survey does not wait for every count's
forecast; judging needs the statistics (goals/stats.py), which an import that stores nothing
never loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from goals.evidence import collect_evidence
from goals.models import Agreement, Target
from goals.rules import Case
from goals.status import Status
from indicators.catalogue import Catalogue
from indicators.store import Store

ACTIVITY_LOG = "aktivitetslogg"  # a year the log covers counts zero for every activity target

# (agreement id, target id, year) → the status id judged for it
Statuses = dict[tuple[str, str, int], str]


def touched_targets(
    agreement: Agreement, catalogue: Catalogue, indicators: Collection[str]
) -> list[Target]:
    """The targets whose evidence an import of `indicators` can change: their own indicator,
    a crime indicator when crime counts came, any activity target when the log came, and the
    series compared with theirs (which can name what a count lacks)."""
    given = set(indicators)
    crimes = catalogue.crime_counts in given
    known = {indicator.id for indicator in catalogue.indicators}
    log_came = any(catalogue.indicator(i).source == ACTIVITY_LOG for i in given & known)
    touched = []
    for target in agreement.targets:
        wanted = {target.indicator, *(i.id for i in catalogue.compared_with(target.indicator))}
        if (
            wanted & given
            or (crimes and any(catalogue.is_counted_from_crime_codes(i) for i in wanted))
            or (log_came and catalogue.indicator(target.indicator).source == ACTIVITY_LOG)
        ):
            touched.append(target)
    return touched


def judge_statuses(
    store: Store,
    agreements: Sequence[Agreement],
    catalogue: Catalogue,
    indicators: Collection[str],
    today: dt.date | None = None,
) -> Statuses:
    """Every year's status of each target the import of `indicators` can change."""
    today = today or dt.date.today()
    found: Statuses = {}
    for agreement in agreements:
        targets = touched_targets(agreement, catalogue, indicators)
        if not targets:
            continue
        evidence = collect_evidence(store, agreement, catalogue)
        for target in targets:
            indicator = catalogue.indicator(target.indicator)
            source = catalogue.source_of(target.indicator).label
            case = Case(target, indicator, source, agreement, catalogue, evidence, today)
            series = target.rule.series(case)
            for year in agreement.years:
                verdict = target.rule.judge(case, series, year)
                found[(agreement.id, target.id, year)] = verdict.status.value
    return found


def status_changes(
    before: Mapping[tuple[str, str, int], str], after: Statuses
) -> list[dict[str, Any]]:
    """The entries whose status differs, in agreement, target and year order."""
    return [
        {"agreement": agreement, "target": target, "year": year, "from": before.get(key), "to": to}
        for key, to in sorted(after.items())
        for agreement, target, year in [key]
        if before.get(key) != to
    ]


def change_line(change: Mapping[str, Any], default_agreement: str | None) -> str:
    """'ändrad bedömning: bostadsinbrott 2022: Uppnått → Ej uppnått'; another agreement than
    the default is named in brackets."""
    where = "" if change["agreement"] == default_agreement else f" [{change['agreement']}]"
    return f"ändrad bedömning{where}: {change_text(change)}"


def change_text(change: Mapping[str, Any]) -> str:
    """'bostadsinbrott 2022: Uppnått → Ej uppnått'."""
    before = Status(change["from"]).label if change["from"] else "ingen bedömning"
    return f"{change['target']} {change['year']}: {before} → {Status(change['to']).label}"


@dataclass(frozen=True)
class StatusShift:
    """One target-year's status across a run of imports: where it began and where it ended."""

    target: str
    year: int
    before: Status | None
    after: Status


@dataclass(frozen=True)
class ChangesSince:
    """What the imports from a day on changed for one agreement (the overview's panel)."""

    since: dt.date | None  # None: no import yet
    files: list[str]
    values: int  # revised values
    new_periods: int
    statuses: list[StatusShift]
    unjudged: int  # imports recorded before status changes were (no statuses known)


def changes_since(
    imports: Sequence[Mapping[str, Any]],
    recorded: Mapping[int, Any],
    agreement_id: str,
    since: dt.date | None,
    day_of: Callable[[str], dt.date],
) -> ChangesSince:
    """The imports made on `since` or later (default: on the day of the latest import), and
    what they changed; a target-year that changed and changed back is left out. `recorded`
    is Store.import_changes(); `day_of` turns a stored time into its Swedish date."""
    if not imports:
        return ChangesSince(None, [], 0, 0, [], 0)
    since = since or day_of(imports[-1]["imported_at"])
    chosen = [row for row in imports if day_of(row["imported_at"]) >= since]
    first: dict[tuple[str, int], str | None] = {}
    last: dict[tuple[str, int], str] = {}
    values = periods = unjudged = 0
    for row in chosen:
        changes = recorded.get(row["id"])
        if changes is None or changes.statuses is None:
            unjudged += 1
            continue
        values += changes.revised
        periods += len(changes.new_periods)
        for entry in changes.statuses:
            if entry["agreement"] != agreement_id:
                continue
            key = (entry["target"], int(entry["year"]))
            first.setdefault(key, entry["from"])
            last[key] = entry["to"]
    shifts = [
        StatusShift(target, year, None if before is None else Status(before), Status(to))
        for key, to in sorted(last.items())
        for target, year in [key]
        for before in [first[key]]
        if before != to
    ]
    return ChangesSince(since, [row["file"] for row in chosen], values, periods, shifts, unjudged)
