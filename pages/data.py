"""What the pages read: the active agreement, the catalogue, the stored evidence and verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from goals.agreement import load_agreement
from goals.evaluate import StatusReport, YearOutsidePeriod, check_year, evaluate
from goals.evidence import Evidence, collect_evidence
from goals.models import Agreement
from goals.status import Verdict
from indicators.catalogue import Catalogue, load_catalogue
from indicators.store import Store
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
    evidence = Evidence() if store is None else collect_evidence(store, agreement, catalogue)
    imports = [] if store is None else store.imports()
    chosen, problem = _chosen_year(agreement, year)
    report = evaluate(agreement, catalogue, evidence, chosen)
    return PageData(agreement, catalogue, evidence, report, imports, problem)


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
