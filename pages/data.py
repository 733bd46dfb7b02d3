"""What the pages read: the active agreement, the catalogue, the stored evidence and verdicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from goals.agreement import load_agreement
from goals.breakdowns import Breakdown, breakdowns
from goals.evaluate import StatusReport, YearOutsidePeriod, check_year, evaluate
from goals.evidence import Evidence, collect_evidence, population, related_rows
from goals.history import History, MonthProfile, month_profile, target_history
from goals.models import Agreement, Target
from goals.status import Verdict
from indicators.catalogue import Catalogue, load_catalogue
from indicators.code_list import load_code_list
from indicators.store import Store
from indicators.times import swedish_today
from report.commentary import FollowUp, follow_up
from report.content import AnnualReport, annual_report
from settings import get_settings

YEAR_PARAMETER = "ar"


@dataclass(frozen=True)
class PageData:
    agreement: Agreement
    catalogue: Catalogue
    evidence: Evidence
    report: StatusReport
    imports: list[dict[str, Any]]
    year_problem: str | None = None  # why the year asked for in the address was not used
    today: dt.date = field(default_factory=swedish_today)

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return self.report.verdicts


def page_data(year: str | None = None) -> PageData:
    """Everything a page shows, judged for `year` (the ?ar= of the address) or the default."""
    settings = get_settings()
    agreement, catalogue = load_agreement(settings.agreement), load_catalogue()
    store = _store(settings.database) if Store.exists(settings.database) else None
    imports = [] if store is None else store.imports()
    evidence = _evidence(settings.database, settings.agreement, _import_stamp(imports))
    chosen, problem = _chosen_year(agreement, year)
    today = swedish_today()
    report = _report(settings.database, settings.agreement, _import_stamp(imports), chosen, today)
    return PageData(agreement, catalogue, evidence, report, imports, problem, today)


@dataclass(frozen=True)
class TargetDetail:
    history: History
    breakdowns: list[Breakdown]
    months: MonthProfile | None = None


def target_detail(data: PageData, target: Target) -> TargetDetail:
    """A target's years with their verdicts and origins, and its breakdowns."""
    settings = get_settings()
    detail = _target_detail(
        settings.database, settings.agreement, _import_stamp(data.imports), target.id, data.today
    )
    return replace(detail, months=month_profile(target, data.catalogue, data.evidence, data.year))


@lru_cache(maxsize=64)
def _target_detail(
    url: str, agreement_name: str, stamp: tuple[int, int, str], target_id: str, today: dt.date
) -> TargetDetail:
    agreement, catalogue = load_agreement(agreement_name), load_catalogue()
    target = next(t for t in agreement.targets if t.id == target_id)
    evidence = _evidence(url, agreement_name, stamp)
    history = target_history(target, agreement, catalogue, evidence, today)
    if not Store.exists(url):
        return TargetDetail(history, [])
    store = _store(url)
    found = breakdowns(
        target,
        catalogue.indicator(target.indicator).measure,
        related_rows(store, target, catalogue),
        load_code_list(catalogue),
        population(store, target.geography.code),
    )
    return TargetDetail(history, found)


def _import_stamp(imports: list[dict[str, Any]]) -> tuple[int, int, str]:
    """Changes whenever an import lands, so cached evidence is never stale."""
    return (len(imports), imports[-1]["id"], imports[-1]["sha256"]) if imports else (0, 0, "")


# Evidence and verdicts change only when an import lands (or the day does, for running years),
# so pages reuse them across requests instead of reading every series on every view.
@lru_cache(maxsize=8)
def _evidence(url: str, agreement_name: str, _stamp: tuple[int, int, str]) -> Evidence:
    if not Store.exists(url):
        return Evidence()
    return collect_evidence(_store(url), load_agreement(agreement_name), load_catalogue())


@lru_cache(maxsize=32)
def _report(
    url: str, agreement_name: str, stamp: tuple[int, int, str], year: int | None, today: dt.date
) -> StatusReport:
    return evaluate(
        load_agreement(agreement_name),
        load_catalogue(),
        _evidence(url, agreement_name, stamp),
        year,
        today,
    )


def _chosen_year(agreement: Agreement, year: str | None) -> tuple[int | None, str | None]:
    """The address's year, or None (the default year) with the reason it was not used."""
    if not year:
        return None, None
    if not year.strip().isdigit():
        return None, f"”{year}” är inget årtal; visar det senaste året med data."
    try:
        check_year(agreement, int(year))
    except YearOutsidePeriod as exc:
        return None, f"{exc} Visar det senaste året med data."
    return int(year), None


@cache
def _store(url: str) -> Store:
    return Store(url)


def annual_report_for(data: PageData) -> AnnualReport:
    settings = get_settings()
    return _annual_report(
        settings.database, settings.agreement, _import_stamp(data.imports), data.year, data.today
    )


@lru_cache(maxsize=8)
def _annual_report(
    url: str, agreement_name: str, stamp: tuple[int, int, str], year: int, today: dt.date
) -> AnnualReport:
    return annual_report(
        load_agreement(agreement_name),
        load_catalogue(),
        _evidence(url, agreement_name, stamp),
        year,
        today,
    )


def follow_up_for(data: PageData) -> FollowUp:
    """The year as the board is shown it (approved snapshot or today's figures) with commentary."""
    settings = get_settings()
    store = _store(settings.database) if Store.exists(settings.database) else None
    return follow_up(store, annual_report_for(data))


def writable_store() -> Store:
    """The store for commentary and approvals, created on first use like an import does."""
    settings = get_settings()
    settings.ensure_data_dir()
    return _store(settings.database)


def current_annual_report(year: int) -> AnnualReport:
    """For the download links: exactly what the page shows."""
    return follow_up_for(page_data(str(year))).report
