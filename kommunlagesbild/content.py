"""The lägesbild's content, once, for the kommun of the agreement loaded: the page, the HTML, the
PDF and the Word file all render this (document.py), as the annual follow-up does.

Everything is read through a Reader (indicator id → stored rows, crime indicators already mapped
by the code list, as goals/evidence.py's indicator_reader gives them), so the sections are pure
functions of the stored evidence and tests build them from hand-made rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial

from est.lagesbild import SURVEY
from goals.atgarder import AtgarderOverview, AtgardList, atgarder_for_year
from goals.evaluate import check_year
from goals.models import Agreement, Geography
from indicators.catalogue import Catalogue
from indicators.code_list import CodeList
from indicators.kinds import PeriodType
from indicators.store import Store
from indicators.stored import Observation, read_observations
from kommunlagesbild import analys
from kommunlagesbild.analys import SourceUse
from kommunlagesbild.brott import (
    Category,
    bra_categories,
    code_list_categories,
    ranked,
)
from kommunlagesbild.information import (
    Activities,
    BouResult,
    EstYear,
    activities,
    bou_results,
    est_year,
)
from kommunlagesbild.konsekvenser import Share, consequences
from kommunlagesbild.monster import (
    AreaIndex,
    Counts,
    crime_by_area,
    crime_by_month,
    crime_by_weekday_time,
    survey_areas,
)
from report.content import Approval

Reader = Callable[[str], list[Observation]]

# The sections the analysts write themselves (kommunlagesbild/texts.py): id → heading. The
# analysis replaces the drafted sentences in the document once written.
MEDBORGARDIALOG, SKOLANS_KARTLAGGNING, ANALYS = "medborgardialog", "skolans_kartlaggning", "analys"
SECTIONS = {
    MEDBORGARDIALOG: "Medborgardialog",
    SKOLANS_KARTLAGGNING: "Skolans kartläggning",
    ANALYS: "Analytikernas analys",
}


class NoDataForYear(ValueError):
    """Nothing about crime in the kommun is stored for the year: there is nothing to draft."""


@dataclass(frozen=True)
class SectionText:
    """One saved version of a section the analysts write (Markdown subset, report/markdown.py)."""

    section: str  # a key of SECTIONS
    text: str
    author: str
    saved_at: str  # UTC, as the store writes times


@dataclass(frozen=True)
class KommunLagesbild:
    agreement_id: str
    agreement_title: str
    kommun: Geography
    year: int
    made_on: dt.date
    categories: tuple[Category, ...]  # most remarkable first
    areas: Counts | None = None
    months: Counts | None = None
    weekday_time: Counts | None = None
    survey_areas: AreaIndex | None = None
    consequences: tuple[Share, ...] = ()
    bou: tuple[BouResult, ...] = ()
    est: EstYear | None = None
    atgarder: AtgarderOverview | None = None
    activities: Activities | None = None
    analysis: tuple[str, ...] = ()
    sources: tuple[SourceUse, ...] = field(default_factory=tuple)
    texts: tuple[SectionText, ...] = ()  # the analysts' current text per section written
    approval: Approval | None = None  # who approved (fastställde) it and when, as the annual

    @property
    def title(self) -> str:
        return f"Lägesbild {self.year}: {self.kommun.name}"

    def text(self, section: str) -> SectionText | None:
        return next((t for t in self.texts if t.section == section), None)


def agreement_kommun(agreement: Agreement) -> Geography:
    """The kommun the agreement is about, as the geography its observations are stored under."""
    return Geography(level="kommun", code=agreement.kommun.code, name=agreement.kommun.name)


def store_reader(store: Store, catalogue: Catalogue) -> Reader:
    """Indicator id → stored rows, each series read once; crime indicators by the code list."""
    from goals.evidence import indicator_reader

    return indicator_reader(cache(partial(read_observations, store)), catalogue)


def build_lagesbild(
    agreement: Agreement,
    catalogue: Catalogue,
    read: Reader,
    year: int,
    today: dt.date,
    codes: CodeList,
    atgarder: AtgardList | None = None,
    factor_labels: Mapping[str, str] | None = None,
) -> KommunLagesbild:
    """The lägesbild of the agreement's kommun for `year` (in the agreement's period).

    Raises YearOutsidePeriod (goals.evaluate) or NoDataForYear."""
    check_year(agreement, year)
    kommun = agreement_kommun(agreement)
    code = kommun.code
    population = {
        r.year: r.value
        for r in read(catalogue.population)
        if r.geo_code == code and r.period_type is PeriodType.AR
    }
    categories = ranked(
        [
            *bra_categories(read, catalogue, code, year),
            *code_list_categories(read, catalogue, codes, code, year, population),
        ]
    )
    shares = consequences(read, catalogue, code, year)
    areas = crime_by_area(read, catalogue, code, year)
    months = crime_by_month(read, catalogue, code, year)
    grid = crime_by_weekday_time(read, code, year)
    if not categories and not shares and not areas and not months:
        raise NoDataForYear(
            f"Det finns inga uppgifter om brott eller trygghet i {kommun.name} för {year}: "
            "läs in Brås statistik, ett polisuttag eller NTU för året först."
        )
    tm_areas = survey_areas(read, code, year)
    bou = bou_results(read, catalogue, code, year)
    est = est_year(read, code, year, factor_labels or {})
    overview = atgarder_for_year(agreement, atgarder, year)
    logged = activities(read, catalogue, year)
    used = _used_sources(
        catalogue, categories, shares, (areas, months, grid), tm_areas, bou, est, logged
    )
    if any(c.origin == "kodlista" and any(f.rate for f in c.years) for c in categories):
        used.setdefault("scb", [])
    if overview.lines and overview.file:
        used["atgarder"] = [overview.file]
    return KommunLagesbild(
        agreement.id,
        agreement.title,
        kommun,
        year,
        today,
        tuple(categories),
        areas,
        months,
        grid,
        tm_areas,
        tuple(shares),
        tuple(bou),
        est,
        overview,
        logged,
        tuple(analys.analysis(categories, shares, areas, grid)),
        tuple(analys.sources(catalogue, used)),
    )


def _used_sources(
    catalogue: Catalogue,
    categories: Iterable[Category],
    shares: Iterable[Share],
    crime_counts: Iterable[Counts | None],
    tm_areas: AreaIndex | None,
    bou: Iterable[BouResult],
    est: EstYear | None,
    logged: Activities | None,
) -> dict[str, list[str]]:
    """Source id → the files each section read from it."""
    used: dict[str, list[str]] = {}

    def add(source: str, files: Iterable[str]) -> None:
        used.setdefault(source, []).extend(files)

    for category in categories:
        source = "bra_kommunindikatorer" if category.origin == "bra" else "polisanmalda_brott"
        add(source, (o.file for f in category.years for o in f.origins))
    for share in shares:
        add(share.source_id, [share.origin.file] if share.origin else [])
    for counts in crime_counts:
        if counts is not None:
            add("polisanmalda_brott", [counts.file])
    if tm_areas is not None:
        add("trygghetsmatning", [tm_areas.file])
    for result in bou:
        add("bou", [result.file])
    if est is not None:
        add(catalogue.indicator(SURVEY).source, est.files)
    if logged is not None:
        add("aktivitetslogg", logged.files)
    return used


def lagesbild_from_store(
    store: Store, agreement: Agreement, catalogue: Catalogue, year: int, today: dt.date
) -> KommunLagesbild:
    """The edge the command line and the page share: the store, the code list and the EST
    settings read here, everything else pure."""
    from goals.atgarder import atgard_list
    from indicators.code_list import load_code_list
    from indicators.sources.est import est_settings

    return build_lagesbild(
        agreement,
        catalogue,
        store_reader(store, catalogue),
        year,
        today,
        load_code_list(catalogue),
        atgard_list(store),
        {factor.id: factor.label for factor in est_settings().factors},
    )
