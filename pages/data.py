"""What the pages read: one read model per database and agreement.

Everything a page shows (evidence, verdicts, histories, charts, the annual follow-up, the EST
picture) is computed once per state of the store and reused across requests and pages. One rule
invalidates it all: the state changes when an import lands, a comment is saved or an approval is
made or withdrawn, or the day changes (running years are judged against today). Each request
reads that state in one small query; nothing is keyed on object ids or import stamps elsewhere.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any, TypeVar

from flask import g, has_request_context, request
from sqlalchemy import func, select

from est.lagesbild import EventLog, Survey, read_est
from followup import records
from followup.approval import FollowUp, follow_up
from goals.agreement import (
    Agreements,
    UnknownAgreement,
    earlier_agreements,
    find_agreements,
    load_agreement,
)
from goals.breakdowns import Breakdown, breakdowns
from goals.comparisons import Comparison, goal_comparisons
from goals.evaluate import StatusReport, YearOutsidePeriod, check_year, evaluate
from goals.evidence import Evidence, collect_evidence, population, related_rows
from goals.history import History, MonthProfile, month_profile, target_history
from goals.models import Agreement, Target
from goals.points import YearValue
from goals.status import Verdict
from goals.trend import yearly_values
from indicators.catalogue import Catalogue, load_catalogue
from indicators.code_list import load_code_list
from indicators.config_files import ConfigError
from indicators.store import ImportChanges, Store, imports_table
from indicators.stored import read_observations
from indicators.times import swedish_today
from report.content import AnnualReport, annual_report
from settings import get_settings

YEAR_PARAMETER = "ar"
T = TypeVar("T")


def store_state(store: Store) -> tuple[Any, ...]:
    """What changes whenever something a page shows may change: imports, comments, approvals,
    assessments."""
    imports, comments, approvals, assessments = (
        imports_table,
        records.comments_table,
        records.approvals_table,
        records.assessments_table,
    )
    query = select(
        select(func.count()).select_from(imports).scalar_subquery(),
        select(func.max(imports.c.id)).scalar_subquery(),
        select(imports.c.sha256).order_by(imports.c.id.desc()).limit(1).scalar_subquery(),
        select(func.count()).select_from(comments).scalar_subquery(),
        select(func.max(comments.c.id)).scalar_subquery(),
        select(func.count()).select_from(approvals).scalar_subquery(),
        select(func.count(approvals.c.withdrawn_at)).scalar_subquery(),
        select(func.count()).select_from(assessments).scalar_subquery(),
        select(func.max(assessments.c.id)).scalar_subquery(),
    )
    with store.engine.connect() as conn:
        return tuple(conn.execute(query).one())


class ReadModel:
    """The pages' view of one database under one agreement, as of one state of the store."""

    def __init__(self, url: str, agreement_name: str, state: tuple[Any, ...], base: str = ""):
        self.url, self.agreement_name, self.state = url, agreement_name, state
        self.base = base  # where the agreement's pages live: "" (the default) or /avtal/<id>
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once for this state; two requests may race to compute it, both right."""
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            return self._values.setdefault(key, value)

    @property
    def today(self) -> dt.date:
        return self.state[0]

    @property
    def store(self) -> Store | None:
        return _store(self.url) if Store.exists(self.url) else None

    @property
    def agreement(self) -> Agreement:
        return load_agreement(self.agreement_name)

    @property
    def catalogue(self) -> Catalogue:
        return load_catalogue()

    @property
    def imports(self) -> list[dict[str, Any]]:
        store = self.store
        return [] if store is None else self.memo(("imports",), store.imports)

    @property
    def import_changes(self) -> dict[int, ImportChanges]:
        """Import id → what it changed (revised values, new periods, statuses)."""
        store = self.store
        return {} if store is None else self.memo(("import_changes",), store.import_changes)

    @property
    def evidence(self) -> Evidence:
        store = self.store
        if store is None:
            return Evidence()
        return self.memo(
            ("evidence",), lambda: collect_evidence(store, self.agreement, self.catalogue)
        )

    def report(self, year: int | None) -> StatusReport:
        return self.memo(
            ("status", year),
            lambda: evaluate(self.agreement, self.catalogue, self.evidence, year, self.today),
        )


_MODELS: dict[tuple[str, str], ReadModel] = {}
_MODELS_LOCK = threading.Lock()
AGREEMENTS_PATH = "/avtal"


def instance_agreements() -> Agreements:
    """The instance's agreements (shipped and `<data dir>/avtal/`), found anew on each call so
    a file dropped into the data dir shows without a restart (listing a folder is cheap)."""
    settings = get_settings()
    return find_agreements(settings.data_dir, settings.agreement)


def agreement_base(agreement_id: str, agreements: Agreements | None = None) -> str:
    """The address prefix of an agreement's pages: today's addresses for the default one."""
    found = agreements or instance_agreements()
    return "" if agreement_id == found.default else f"{AGREEMENTS_PATH}/{agreement_id}"


def read_model(agreement_id: str | None = None) -> ReadModel:
    """The read model for an agreement (the default one without an id) in the settings in
    force, rebuilt when the store's state has moved. UnknownAgreement for an id the instance
    does not have."""
    settings = get_settings()
    agreements = instance_agreements()
    chosen = agreements.default if agreement_id is None else agreement_id
    if chosen not in agreements.files:
        raise UnknownAgreement(chosen, agreements.ids)
    url, name = settings.database, str(agreements.files[chosen])
    store = _store(url) if Store.exists(url) else None
    state = (swedish_today(), *(_state_now(url, store) if store else ()))
    with _MODELS_LOCK:
        model = _MODELS.get((url, name))
        if model is None or model.state != state:
            base = agreement_base(chosen, agreements)
            model = _MODELS[(url, name)] = ReadModel(url, name, state, base)
        return model


def _state_now(url: str, store: Store) -> tuple[Any, ...]:
    """store_state, asked of the database once per GET: a page asks for its read model several
    times while it is drawn, and a GET writes nothing a page shows. A callback (a POST) may
    save before it draws, so it asks each time."""
    if not has_request_context() or request.method != "GET":
        return store_state(store)
    known: dict[str, tuple[Any, ...]] = g.setdefault("store_states", {})
    if url not in known:
        known[url] = store_state(store)
    return known[url]


def agreements_before(agreement: Agreement) -> list[tuple[Agreement, str]]:
    """The instance's earlier agreements for the same kommun (ended before this one began),
    latest first, with the address prefix of their pages; files that cannot be read are left
    out here (the LPO view names them)."""
    found = instance_agreements()
    loaded = []
    for agreement_id in found.ids:
        try:
            loaded.append(found.load(agreement_id))
        except ConfigError:
            continue
    return [(a, agreement_base(a.id, found)) for a in earlier_agreements(agreement, loaded)]


def is_agreement(agreement_id: str) -> bool:
    return agreement_id in instance_agreements().files


@dataclass(frozen=True)
class PageData:
    agreement: Agreement
    catalogue: Catalogue
    evidence: Evidence
    report: StatusReport
    imports: list[dict[str, Any]]
    year_problem: str | None = None  # why the year asked for in the address was not used
    today: dt.date = field(default_factory=swedish_today)
    model: ReadModel | None = None

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return self.report.verdicts

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Something derived from this data, computed once until the store changes."""
        return compute() if self.model is None else self.model.memo(key, compute)

    @property
    def import_changes(self) -> dict[int, ImportChanges]:
        return {} if self.model is None else self.model.import_changes

    @property
    def base(self) -> str:
        """The address prefix of this agreement's pages: "" for the default agreement (today's
        addresses), /avtal/<id> for the others."""
        return "" if self.model is None else self.model.base


def page_data(year: str | list[str] | None = None, agreement_id: str | None = None) -> PageData:
    """Everything a page shows, judged for `year` (the ?ar= of the address) or the default,
    for one agreement (the default one without an id)."""
    model = read_model(agreement_id)
    chosen, problem = _chosen_year(model.agreement, query_text(year))
    return PageData(
        model.agreement,
        model.catalogue,
        model.evidence,
        model.report(chosen),
        model.imports,
        problem,
        model.today,
        model,
    )


def query_text(value: str | list[str] | None) -> str | None:
    """A parameter of the address as one text: repeated (?ar=2020&ar=2021) it stays visible as
    given, and is then no year, rather than one of them picked silently."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(str(v) for v in value)


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


@dataclass(frozen=True)
class TargetDetail:
    history: History
    breakdowns: list[Breakdown]
    months: MonthProfile | None = None


def target_detail(data: PageData, target: Target) -> TargetDetail:
    """A target's years with their verdicts and origins, its breakdowns and, for a count with
    months, the chosen year month by month."""
    detail = data.memo(("detail", target.id), lambda: _target_detail(data, target))
    months = data.memo(
        ("months", target.id, data.year),
        lambda: month_profile(target, data.catalogue, data.evidence, data.year),
    )
    return TargetDetail(detail.history, detail.breakdowns, months)


def _target_detail(data: PageData, target: Target) -> TargetDetail:
    history = target_history(target, data.agreement, data.catalogue, data.evidence, data.today)
    store = None if data.model is None else data.model.store
    if store is None:
        return TargetDetail(history, [])
    found = breakdowns(
        target,
        data.catalogue.indicator(target.indicator).measure,
        related_rows(store, target, data.catalogue),
        load_code_list(data.catalogue),
        population(store, data.catalogue, target.geography.code),
    )
    return TargetDetail(history, found)


def target_comparisons(data: PageData, target: Target) -> list[Comparison]:
    """The target's indicator beside its län, riket and comparison kommuner, where Kolada or
    Brå's kommun indicators are imported; none without a store."""
    store = None if data.model is None else data.model.store
    if store is None:
        return []
    return data.memo(
        ("comparisons", target.id),
        lambda: goal_comparisons(
            target.indicator,
            data.catalogue,
            partial(read_observations, store),
            target.geography.code,
            data.agreement.comparison_kommuner,
        ),
    )


def trend_values(data: PageData, target: Target) -> list[YearValue]:
    """The target's yearly values for its small trend."""
    return data.memo(
        ("trend", target.id), lambda: yearly_values(target, data.catalogue, data.evidence)
    )


def annual_report_for(data: PageData) -> AnnualReport:
    """Today's figures for the year, before commentary or approval."""
    return data.memo(
        ("annual", data.year),
        lambda: annual_report(data.agreement, data.catalogue, data.evidence, data.year, data.today),
    )


def follow_up_for(data: PageData) -> FollowUp:
    """The year as the board is shown it (approved snapshot or today's figures) with commentary."""
    store = None if data.model is None else data.model.store
    return data.memo(("follow-up", data.year), lambda: follow_up(store, annual_report_for(data)))


def est_data() -> tuple[Survey, EventLog]:
    """The EST survey and event log of the agreement's kommun."""
    model = read_model()
    store = model.store
    if store is None:
        return Survey({}, {}), EventLog({})
    kommun = {model.agreement.kommun.code}
    return model.memo(("est",), lambda: read_est(store, kommun))


def writable_store() -> Store:
    """The store for commentary and approvals, created on first use like an import does."""
    settings = get_settings()
    settings.ensure_data_dir()
    return _store(settings.database)


def current_annual_report(year: int, agreement_id: str | None = None) -> AnnualReport:
    """For the download links: exactly what the page shows."""
    return follow_up_for(page_data(str(year), agreement_id)).report


@cache
def _store(url: str) -> Store:
    return Store(url)
