"""Alla avtal (the LPO view): every agreement of the instance side by side for one year.

A lokalpolisområde follows several kommuner's agreements, and a kommun one agreement after
another: one table per agreement (kommun, period, each goal's status as icon and text, a link
to the goal), so three or ten agreements make a longer page, never a wider one.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from goals.agreement import UnknownAgreement
from goals.changes import changes_since
from goals.lpo import AgreementRow, chosen_year, lpo_rows
from indicators.config_files import ConfigError
from indicators.times import local_time
from pages.components import status_announcement, status_badge, year_href
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    PageData,
    agreement_base,
    instance_agreements,
    page_data,
    query_text,
)

dash.register_page(
    __name__,
    path=AGREEMENTS_PATH,
    name="Alla avtal",
    title="Alla avtal – Trygghetsmål",
    order=1,
    in_navigation=True,
)


def layout(**query: str) -> html.Div:
    agreements = instance_agreements()
    loaded, problems = [], [str(problem) for problem in agreements.duplicates]
    for agreement_id in agreements.ids:
        try:
            loaded.append(page_data(agreement_id=agreement_id))
        except (ConfigError, UnknownAgreement) as exc:
            problems.append(str(exc))
    default_years = [data.year for data in loaded]
    year, year_problem = chosen_year(
        query_text(query.get(YEAR_PARAMETER)), [d.agreement for d in loaded], default_years
    )
    rows = lpo_rows(
        [
            (data.agreement, page_data(str(year), data.agreement.id).report)
            if data.agreement.period[0] <= year <= data.agreement.period[1]
            else (data.agreement, None)
            for data in loaded
        ]
    )
    years = sorted({y for d in loaded for y in d.agreement.years})
    by_id = {data.agreement.id: data for data in loaded}
    statuses = [g.status for row in rows for g in row.goals]
    return html.Div(
        [
            html.H1("Alla avtal"),
            html.P(
                f"{len(rows)} avtal i Trygghetsmål, sida vid sida för {year}: kommun, period och "
                "varje måls status. Välj ett mål för detaljer, eller ett avtal för dess översikt "
                "och årsuppföljning.",
                className="lead",
            ),
            _year_selector(years, year, status_announcement(year, statuses)),
            dbc.Alert(year_problem, color="warning") if year_problem else None,
            *[
                dbc.Alert(f"En avtalsfil kan inte läsas: {problem}", color="danger")
                for problem in problems
            ],
            *[
                _agreement_table(row, year, i, by_id[row.agreement.id])
                for i, row in enumerate(rows, start=1)
            ],
        ]
    )


def _year_selector(years: list[int], chosen: int, announce: str) -> html.Nav:
    """The years of every agreement's period; a link each, so the address keeps the year."""
    links = [
        html.Li(
            html.A(
                str(year),
                href=year_href(AGREEMENTS_PATH, year),
                className="nav-link" + (" active" if year == chosen else ""),
                **({"aria-current": "page"} if year == chosen else {}),
            ),
            className="nav-item",
        )
        for year in years
    ]
    return html.Nav(
        [
            html.Span("År:", className="me-2 fw-semibold", id="arval-rubrik"),
            html.Ul(links, className="nav nav-pills d-inline-flex flex-wrap"),
        ],
        className="year-selector d-flex align-items-center flex-wrap mb-3 no-print",
        id="arval",
        **{"aria-labelledby": "arval-rubrik", "data-announce": announce},
    )


def _recent_changes(data: PageData, base: str) -> html.P:
    """What the latest import day changed in this agreement's verdicts, each linking to its
    goal; the agreement's overview has the full panel and a date to choose."""
    found = changes_since(
        data.imports, data.import_changes, data.agreement.id, None, lambda s: local_time(s).date()
    )
    if found.since is None:
        return html.P("Inga exporter inlästa ännu.", className="small mb-1")
    goal_of = {t.id: g.id for g in data.agreement.goals for t in g.targets}
    head = f"Sedan senaste importen ({found.since.isoformat()}): "
    if not found.statuses:
        return html.P(head + "inga ändrade bedömningar.", className="small mb-1 lpo-changes")
    items: list = [head]
    for n, shift in enumerate(found.statuses):
        items += [
            "; " if n else "",
            html.A(
                f"{shift.target} {shift.year}",
                href=year_href(f"{base}/mal/{goal_of.get(shift.target, '')}", shift.year),
            ),
            " ",
            status_badge(shift.before) if shift.before else "ingen bedömning",
            " → ",
            status_badge(shift.after),
        ]
    return html.P(items, className="small mb-1 lpo-changes")


def _lagesbild_link(base: str, year: int, in_period: bool) -> list:
    """The agreement's lägesbild (lag 2023:196) for its kommun, beside its follow-up."""
    if not in_period:
        return []
    return [" · ", html.A(f"Lägesbild {year}", href=f"{base}/lagesbild-kommun/{year}")]


def _agreement_table(row: AgreementRow, year: int, number: int, data: PageData) -> html.Section:
    agreement = row.agreement
    base = agreement_base(agreement.id)
    heading = f"avtal-{number}"
    first, last = agreement.period
    if not row.in_period:
        body = html.P(
            f"{year} ligger utanför avtalsperioden {first}–{last}. Välj ett år i perioden.",
            className="text-body-secondary",
        )
    else:
        body = html.Div(
            html.Table(
                [
                    html.Caption(
                        f"{agreement.title}: målens status {year} ({agreement.kommun.name}, "
                        f"{first}–{last})"
                    ),
                    html.Thead(
                        html.Tr([html.Th(h, scope="col") for h in ("Mål", "Slag", "Status")])
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Th(
                                        html.A(
                                            goal.title,
                                            href=year_href(f"{base}/mal/{goal.id}", year),
                                        ),
                                        scope="row",
                                    ),
                                    html.Td(goal.kind_label),
                                    html.Td(status_badge(goal.status)),
                                ],
                                **{"data-goal": goal.id},
                            )
                            for goal in row.goals
                        ]
                    ),
                ],
                className="table table-sm table-bordered lpo-table",
            ),
            className="table-responsive",
        )
    return html.Section(
        [
            html.H2(
                html.A(
                    agreement.title,
                    href=year_href(base or "/", year) if row.in_period else base or "/",
                ),
                id=heading,
                className="h4",
            ),
            html.P(
                [
                    f"Kommun: {agreement.kommun.name} ({agreement.kommun.code}). "
                    f"Period {first}–{last}. Parter: "
                    + ", ".join(p.name for p in agreement.parties)
                    + ". ",
                    html.A(f"Årsuppföljning {year}", href=f"{base}/arsuppfoljning/{year}")
                    if row.in_period
                    else None,
                    *_lagesbild_link(base, year, row.in_period),
                ],
                className="small",
            ),
            _recent_changes(data, base),
            body,
        ],
        className="mt-4 pt-3 border-top lpo-agreement",
        **{"aria-labelledby": heading, "data-agreement": agreement.id},
    )
