"""Översikt: every goal of the agreement with its status, the first page the säkerhetsenhet opens."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from goals.changes import ChangesSince, changes_since
from goals.scorecard import ScorecardGroup, ScorecardRow, areas_without_goals, scorecard
from goals.status import ROLL_UP_ORDER, goal_status
from indicators.times import local_time, moment_text
from pages.components import (
    status_announcement,
    status_badge,
    unknown_agreement,
    year_href,
    year_selector,
)
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    PageData,
    is_agreement,
    page_data,
    query_text,
    read_model,
    trend_values,
)
from pages.static_html import static_html

SINCE_PARAMETER = "sedan"
SHOWN_CHANGES = 6  # more wait behind "Visa … till", so the opened panel stays short
NO_GOALS = "Fokusområdet har inga egna mål i avtalsfilen."

dash.register_page(
    __name__,
    path="/",
    name="Översikt",
    title="Översikt – Trygghetsmål",
    order=0,
    in_navigation=True,
)


def _is_agreement(agreement_id: str) -> bool:
    return "/" not in agreement_id and is_agreement(agreement_id)


def _agreement_title(agreement_id: str | None = None) -> str:
    if agreement_id and _is_agreement(agreement_id):
        return f"Översikt: {read_model(agreement_id).agreement.title} – Trygghetsmål"
    return "Avtalet finns inte – Trygghetsmål"


def agreement_layout(agreement_id: str | None = None, **query: str) -> html.Div:
    """/avtal/<id>: the same overview for any agreement of the instance."""
    if agreement_id is None or not _is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return overview(page_data(query.get(YEAR_PARAMETER), agreement_id), query.get(SINCE_PARAMETER))


# Registered after the longer /avtal/<id>/… templates (a lower order wins): Dash matches a
# template's variable across slashes, so this one would otherwise take their addresses.
dash.register_page(
    "pages.oversikt_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>",
    name="Översikt (avtal)",
    title=_agreement_title,
    order=62,
    accepts_path=_is_agreement,
    layout=agreement_layout,
)


def layout(**query: str) -> html.Div:
    return overview(page_data(query.get(YEAR_PARAMETER)), query.get(SINCE_PARAMETER))


def overview(data: PageData, since: str | list[str] | None = None) -> html.Div:
    """One screen: the year, what the latest imports changed (one line, opened on demand) and
    the scorecard. The sentences and the why of each target live on its goal page."""
    agreement = data.agreement
    chosen, problem = _since_date(query_text(since))
    found = changes_since(
        data.imports,
        data.import_changes,
        agreement.id,
        chosen,
        lambda stamp: local_time(stamp).date(),
    )
    groups = data.memo(
        ("scorecard", data.year, chosen),
        lambda: scorecard(
            agreement,
            data.catalogue,
            data.verdicts,
            data.year,
            {t.id: trend_values(data, t) for t in agreement.targets},
            found.statuses,
        ),
    )
    return html.Div(
        [
            html.Div(
                [
                    html.H1(
                        "Översikt" if not data.base else f"Översikt: {agreement.title}",
                        className="h3 mb-0 me-4",
                    ),
                    year_selector(
                        agreement,
                        data.year,
                        data.base or "/",
                        status_announcement(
                            data.year, (goal_status(g, data.verdicts) for g in agreement.goals)
                        ),
                    ),
                    _status_counts(data),
                    _agreement_links(data),
                ],
                className="overview-head d-flex flex-wrap align-items-center column-gap-3",
            ),
            _year_problem(data),
            # The changes and the score table are most of the page and the same for everyone
            # until the store changes: built and written as HTML once per state
            # (pages/static_html.py).
            data.memo(
                ("changes-html", data.year, chosen, problem),
                lambda: static_html(changes_panel(data, chosen, problem, found)),
            ),
            data.memo(
                ("scorecard-html", data.year, chosen),
                lambda: static_html(scorecard_table(groups, data)),
            ),
            _legend(data),
        ],
        className="overview",
    )


def _agreement_links(data: PageData) -> html.P | None:
    # The menu's Årsuppföljning is the default agreement's; another agreement's overview links
    # its own.
    if not data.base:
        return None
    return html.P(
        [
            dcc.Link(f"Årsuppföljning {data.year}", href=f"{data.base}/arsuppfoljning/{data.year}"),
            " · ",
            html.A("Alla avtal sida vid sida", href=year_href(AGREEMENTS_PATH, data.year)),
        ],
        className="mb-0 small",
    )


def _year_problem(data: PageData) -> dbc.Alert | None:
    return dbc.Alert(data.year_problem, color="warning") if data.year_problem else None


def _data_notice(data: PageData) -> str:
    if not data.imports:
        return (
            "Inga exporter har lästs in ännu, så inget mål kan bedömas: varje delmål visar "
            "Kan inte bedömas – data saknas tills statistiken finns i Trygghetsmål."
        )
    latest = data.imports[-1]
    return (
        f"Bedömning för {data.year} på {len(data.imports)} inlästa filer, senast "
        f"{latest['file']} ({moment_text(latest['imported_at'])}). Varje delmål säger hur säkert "
        "utfallet är mot slumpen; välj ett mål för förklaringen."
    )


# The scorecard ------------------------------------------------------------------------------

COLUMNS = (
    ("Mål", "sc-goal"),
    ("Delmål", "sc-target"),
    ("Målnivå", "sc-line"),
    ("Utfall", "sc-value"),
    ("Status", "sc-status"),
    ("Säkerhet", "sc-qualifier"),
    ("Trend", "sc-trend"),
    ("Sedan importen", "sc-change"),
)


def scorecard_table(groups: list[ScorecardGroup], data: PageData) -> html.Section:
    """Every target in one row: a table, so it is its own text alternative; on a phone the
    rows stack (assets/10-trygghetsmal.css), each cell named by its column (data-label)."""
    goals = [goal for group in groups for goal in group.goals]
    caption = (
        f"Mål och delmål {data.year}: {len(goals)} mål med "
        f"{sum(len(group.rows) for group in groups)} delmål, ett delmål per rad"
    )
    return html.Section(
        [
            html.H2(f"Resultattavla {data.year}", className="visually-hidden", id="rubrik-tavla"),
            html.Table(
                [
                    html.Caption(caption, className="visually-hidden"),
                    html.Thead(
                        html.Tr([html.Th(name, scope="col", className=c) for name, c in COLUMNS])
                    ),
                    *[_group_body(group, data) for group in groups],
                ],
                className="table table-sm scorecard mb-1",
                id="resultattavla",
            ),
        ],
        **{"aria-labelledby": "rubrik-tavla"},
    )


def _status_counts(data: PageData) -> html.P:
    """'Mål per status: ✕ Ej uppnått 5 ✓ Uppnått 6', beside the year it is for."""
    counts = Counter(goal_status(goal, data.verdicts) for goal in data.agreement.goals)
    return html.P(
        [
            f"Mål per status {data.year}: ",
            *[
                part
                for status in ROLL_UP_ORDER
                if counts[status]
                for part in (status_badge(status, f"{status.label} {counts[status]}"), " ")
            ],
        ],
        className="mb-0 small status-counts",
        id="sammanfattning",
    )


def _group_body(group: ScorecardGroup, data: PageData) -> html.Tbody:
    rows: list = [
        html.Tr(
            html.Th(
                [group.title, html.Span(f" – {group.intro}", className="sc-intro")],
                colSpan=len(COLUMNS),
                scope="colgroup",
            ),
            className="sc-group",
        )
    ]
    for goal in group.goals:
        mine = [row for row in group.rows if row.goal.id == goal.id]
        for index, row in enumerate(mine):
            rows.append(_row(row, data, len(mine) if index == 0 else 0))
    return html.Tbody(rows, id=f"grupp-{group.id}")


def _row(row: ScorecardRow, data: PageData, goal_rows: int) -> html.Tr:
    """A target's row. The first row of a goal with several targets carries the goal across
    them; a goal with one target shares one cell with it, so its row stays one line."""
    goal = row.goal
    link = dcc.Link(goal.title, href=year_href(f"{data.base}/mal/{goal.id}", data.year))
    cells: list = []
    if goal_rows == 1:
        # 'Årsrapport' says nothing 'Årsrapport till kommunstyrelsen …' does not
        same = goal.title.lower().startswith(row.label.lower())
        cells.append(
            html.Th(
                [link, None if same else html.Span(f" – {row.label}", className="sc-label")],
                scope="row",
                colSpan=2,
                className="sc-goal sc-single",
                id=f"mal-{goal.id}",
            )
        )
    else:
        if goal_rows:
            cells.append(
                html.Td(
                    [
                        link,
                        html.Span(
                            [" ", status_badge(goal_status(goal, data.verdicts))],
                            className="sc-goal-status",
                        ),
                    ],
                    rowSpan=goal_rows,
                    className="sc-goal",
                    id=f"mal-{goal.id}",
                )
            )
        cells.append(html.Th(row.label, scope="row", className="sc-target"))
    cells += [
        _cell("Målnivå", row.goal_line, "sc-line"),
        _cell("Utfall", _value(row), "sc-value"),
        _cell("Status", status_badge(row.status), "sc-status"),
        _cell("Säkerhet", ", ".join(row.qualifiers) or "–", "sc-qualifier"),
        _cell("Trend", _trend(row), "sc-trend"),
        _cell("Sedan importen", _change(row), "sc-change"),
    ]
    return html.Tr(cells, **{"data-target": row.target.id, "data-goal": goal.id})


def _cell(label: str, content, className: str) -> html.Td:
    return html.Td(content, className=className, **{"data-label": label})


def _value(row: ScorecardRow) -> list:
    if row.value is None:
        return ["–"]
    parts: list = [html.Span(row.value, className="sc-number")]
    if row.value_year is not None:
        parts.append(html.Span(f" ({row.value_year})", className="sc-value-year"))
    if row.bar is not None:
        parts.append(_bar(row))
    return parts


def _bar(row: ScorecardRow) -> html.Span:
    """The value's length against the target line: decoration, the numbers are beside it."""
    bar = row.bar
    assert bar is not None
    return html.Span(
        [
            html.Span(className="sc-bar-fill", style={"width": f"{bar.value * 100:.1f}%"}),
            html.Span(className="sc-bar-line", style={"left": f"{bar.line * 100:.1f}%"})
            if bar.line is not None
            else None,
        ],
        className="sc-bar",
        **{"aria-hidden": "true"},
    )


def _trend(row: ScorecardRow) -> html.Span:
    trend = row.trend
    tone = "" if trend.worse is None else (" trend-worse" if trend.worse else " trend-better")
    return html.Span(
        [
            html.Span(trend.glyph, className="trend-glyph", **{"aria-hidden": "true"}),
            html.Span(f"Trend: {trend.words}", className="visually-hidden"),
        ],
        className="sc-trend-mark" + tone,
        title=trend.words,
    )


def _change(row: ScorecardRow) -> list:
    """The chosen year's status before the imports, on one line; other years that changed are
    listed in the changes panel, and named here for screen readers and on hover."""
    others = ", ".join(str(year) for year in row.other_changes)
    if row.change is None:
        if others:
            return [html.Span(f"ändrad {others}", className="sc-other")]
        return [
            html.Span("–", **{"aria-hidden": "true"}),
            html.Span("ingen ändring", className="visually-hidden"),
        ]
    before = row.change.before
    return [
        html.Span(
            "ny bedömning"
            if before is None
            else ["från ", html.Span(before.icon, **{"aria-hidden": "true"}), f" {before.label}"],
            className="sc-changed",
            title=f"Även ändrad {others}" if others else None,
        ),
        html.Span(f", även ändrad {others}", className="visually-hidden") if others else None,
    ]


def _legend(data: PageData) -> html.Div:
    """The notes the targets share, once: what the columns' words mean (in full on each goal
    page and under Om överenskommelsen)."""
    without = areas_without_goals(data.agreement)
    return html.Div(
        [
            html.P(
                [
                    html.I("Säkerställt"),
                    ": större än slumpen förklarar; ",
                    html.I("inom slumpvariationen"),
                    " (brott) eller ",
                    html.I("felmarginalen"),
                    " (enkäter): kan vara slump; ",
                    html.I("avgjort"),
                    ": gränsen passerad före årets slut. (2021): mätningens år. Trend: två "
                    "senaste hela åren. Mer på målets sida och under ",
                    dcc.Link("Om överenskommelsen", href="/om"),
                    ".",
                ],
                className="mb-0",
                id="teckenforklaring",
            ),
            html.Details(
                [
                    html.Summary(
                        f"Fokusområden utan egna mål i avtalsfilen ({len(without)})",
                    ),
                    html.P(
                        [
                            ", ".join(without),
                            ". ",
                            data.agreement.focus_area_without_goals or NO_GOALS,
                        ],
                        className="mb-0",
                    ),
                ],
                id="fokusomraden-utan-mal",
            )
            if without
            else None,
        ],
        className="sc-legend small",
    )


def changes_panel(
    data: PageData, chosen: dt.date | None, problem: str | None, found: ChangesSince
) -> html.Section:
    """ "Sedan senaste importen": one line saying what the imports of the latest import day (or
    since the date the user picks, ?sedan=ÅÅÅÅ-MM-DD) changed for this agreement; opened, each
    status change linking to its goal, and the date form."""
    heading = "Sedan senaste importen" if chosen is None else f"Sedan {chosen.isoformat()}"
    goal_of = {t.id: g.id for g in data.agreement.goals for t in g.targets}
    body: list = [html.P(_data_notice(data), className="mb-1", id="datalage")]
    if found.since is None:
        counted = "inga exporter inlästa ännu"
    else:
        counted = (
            f"{_counted(len(found.files), 'fil inläst', 'filer inlästa')} från "
            f"{found.since.isoformat()}: "
            f"{_counted(found.values, 'ändrat värde', 'ändrade värden')}, "
            f"{_counted(found.new_periods, 'ny period', 'nya perioder')}, "
            f"{_counted(len(found.statuses), 'ändrad bedömning', 'ändrade bedömningar')}"
        )
        if found.statuses:
            items = [
                html.Li(
                    [
                        dcc.Link(
                            f"{shift.target} {shift.year}",
                            href=year_href(
                                f"{data.base}/mal/{goal_of.get(shift.target, '')}", shift.year
                            ),
                        ),
                        ": ",
                        status_badge(shift.before) if shift.before else "ingen bedömning",
                        " → ",
                        status_badge(shift.after),
                    ]
                )
                for shift in found.statuses
            ]
            body.append(
                html.Ul(
                    items[:SHOWN_CHANGES], className="list-unstyled mb-1", id="andrade-bedomningar"
                )
            )
            if len(items) > SHOWN_CHANGES:
                body.append(
                    html.Details(
                        [
                            html.Summary(f"Visa {len(items) - SHOWN_CHANGES} ändringar till"),
                            html.Ul(items[SHOWN_CHANGES:], className="list-unstyled mb-1"),
                        ]
                    )
                )
        if found.unjudged:
            body.append(
                html.P(
                    f"{found.unjudged} av filerna lästes in innan Trygghetsmål sparade ändrade "
                    "bedömningar; för dem visas inga.",
                    className="small text-body-secondary",
                )
            )
    body.append(
        html.Form(
            [
                html.Label("Visa ändringar sedan", htmlFor="sedan-datum", className="me-2"),
                dcc.Input(
                    id="sedan-datum",
                    name=SINCE_PARAMETER,
                    type="date",
                    value=chosen.isoformat() if chosen else None,
                    className="me-2",
                ),
                dcc.Input(type="hidden", name=YEAR_PARAMETER, value=str(data.year)),
                html.Button("Visa", type="submit", className="btn btn-sm btn-outline-primary"),
            ],
            method="get",
            action=data.base or "/",
            className="small d-flex flex-wrap align-items-center gap-1",
        )
    )
    return html.Section(
        [
            html.H2(heading, className="visually-hidden", id="rubrik-andringar"),
            dbc.Alert(problem, color="warning", className="py-1 mb-1") if problem else None,
            html.Details(
                [
                    html.Summary(
                        [html.Span(heading, className="fw-semibold"), f": {counted}."],
                        id="andringar-sammanfattning",
                    ),
                    html.Div(body, className="changes-body"),
                ],
                # Opened when the reader asked for a date, or when there is nothing to hide.
                open=chosen is not None or problem is not None,
            ),
        ],
        className="changes-panel mb-2",
        id="andringar",
        **{"aria-labelledby": "rubrik-andringar"},
    )


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _since_date(text: str | None) -> tuple[dt.date | None, str | None]:
    if not text:
        return None, None
    try:
        return dt.date.fromisoformat(text.strip()), None
    except ValueError:
        return (
            None,
            f"”{text}” är inget datum (ÅÅÅÅ-MM-DD); visar ändringarna sedan senaste importen.",
        )
