"""Årsuppföljning: the annual follow-up for kommunstyrelsen, one page per year of the period.

The page, the HTML, the PDF and the Excel all render report/content.py's AnnualReport: today's
figures with the analysts' current commentary, or the snapshot taken when the year was approved.
"""

from __future__ import annotations

import dash
from dash import MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from auth import Role, acting_name, current_user, refusal
from followup.approval import FollowUp, approve_year, withdraw_approval
from followup.commentary import (
    InvalidInput,
    save_comment,
)
from followup.records import YearApproved, YearNotApproved
from goals.atgarder import AtgarderOverview
from goals.coverage import incomplete_note
from goals.describe import KIND_LABELS
from goals.evaluate import YearOutsidePeriod, check_year
from goals.status import ROLL_UP_ORDER
from goals.words import value_text, verdict_interval_text
from indicators.times import date_of, moment_text
from pages.components import (
    status_announcement,
    status_badge,
    unknown_agreement,
    verdict_badge,
    year_selector,
)
from pages.data import (
    AGREEMENTS_PATH,
    PageData,
    annual_report_for,
    follow_up_for,
    is_agreement,
    page_data,
    writable_store,
)
from pages.inputs import BadInput, known_agreement, one_of, optional_text, period_year
from pages.signed import (
    approval_section,
    author_field,
    markdown_editor,
    now,
    storage_problem,
    text_versions,
)
from report.atgarder import (
    AREA_COLUMNS,
    PLAN_COLUMNS,
    column_headings,
    focus_area_cells,
    line_cells,
    plan_cells,
    summary_sentence,
)
from report.content import AnnualReport, Comment, GoalEntry, TargetEntry
from report.sparkline import sparkline_uri

PATH = "/arsuppfoljning"
BODY = "annual-body"
YEAR_STORE = "annual-year"
AGREEMENT_STORE = "annual-agreement"
AUTHOR = "annual-author"
APPROVAL = "annual-approval"
APPROVAL_ACTION = "annual-approval-action"
APPROVAL_MESSAGE = "annual-approval-message"
APPROVE, WITHDRAW = "faststall", "hav"


def _title(year: str | None = None) -> str:
    return f"Årsuppföljning {year} – Trygghetsmål" if year else "Årsuppföljning – Trygghetsmål"


def _is_year(year: str, agreement_id: str | None = None) -> bool:
    if not year.isdigit():
        return False
    if agreement_id is not None and not is_agreement(agreement_id):
        return False
    try:
        check_year(page_data(agreement_id=agreement_id).agreement, int(year))
    except YearOutsidePeriod:
        return False
    return True


def _agreement_title(agreement_id: str | None = None, year: str | None = None) -> str:
    return _title(year)


dash.register_page(
    __name__,
    path_template=f"{PATH}/<year>",
    name="Årsuppföljning",
    title=_title,
    order=2,
    in_navigation=True,
    nav_href=PATH,
    accepts_path=_is_year,
)


def agreement_layout(
    agreement_id: str | None = None, year: str | None = None, **_query: str
) -> html.Div:
    """/avtal/<id>/arsuppfoljning/<year>: each agreement's own follow-up, comments, approval."""
    if agreement_id is None or not is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return annual_page(page_data(year, agreement_id), year)


dash.register_page(
    "pages.arsuppfoljning_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>{PATH}/<year>",
    name="Årsuppföljning (avtal)",
    title=_agreement_title,
    order=61,  # before /avtal/<agreement_id>, whose variable would match this address too
    accepts_path=_is_year,
    layout=agreement_layout,
)


def layout(year: str | None = None, **_query: str) -> html.Div:
    return annual_page(page_data(year), year)


def annual_page(data: PageData, year: str | None) -> html.Div:
    if year is None or not _is_year(year, data.agreement.id):
        return _unknown_year(year, data)
    heading = f"Årsuppföljning {data.year}"
    return html.Div(
        [
            html.H1(heading if not data.base else f"{heading}: {data.agreement.title}"),
            dcc.Store(id=YEAR_STORE, data=data.year),
            dcc.Store(id=AGREEMENT_STORE, data=data.agreement.id),
            html.Div(_body(follow_up_for(data), data.base), id=BODY),
        ],
        className="annual-report",
    )


def _body(follow: FollowUp, base: str) -> list:
    report = follow.report
    return [
        html.P(_meta(report), className="text-body-secondary"),
        _approval_notice(follow),
        year_selector(
            report.agreement,
            report.year,
            f"{base}{PATH}",
            status_announcement(report.year, (entry.status for entry in report.goals)),
            href=lambda path, y: f"{path}/{y}",
            label="Uppföljningsår:",
        ),
        html.P(
            [
                html.Span("Ladda ner: ", className="fw-semibold"),
                *[
                    html.A(
                        label,
                        href=f"{base}{PATH}/{report.year}.{kind}",
                        className="me-3",
                        download=f"arsuppfoljning-{report.year}.{kind}",
                    )
                    for kind, label in (
                        ("pdf", "PDF"),
                        ("docx", "Word"),
                        ("xlsx", "Excel"),
                        ("html", "HTML"),
                    )
                ],
            ],
            className="no-print",
        ),
        author_field(AUTHOR),
        _summary(report),
        *[
            _goal(entry, report, follow.history.get(entry.goal.id, []), base)
            for entry in report.goals
        ],
        _atgarder(report.atgarder, report.year),
        _approval_controls(report),
    ]


def _meta(report: AnnualReport) -> str:
    first, last = report.agreement.period
    parties = ", ".join(p.name for p in report.agreement.parties)
    return (
        f"{report.agreement.title}. Parter: {parties}. Avtalsperiod {first}–{last}. {report.state}"
    )


def _approval_notice(follow: FollowUp) -> html.Div | None:
    approval = follow.report.approval
    if approval is None:
        return None
    changed = follow.changed_since_approval
    lines = [
        html.P(
            [
                html.Span("✔", **{"aria-hidden": "true"}),
                " ",
                html.Strong(f"Fastställd {moment_text(approval.at)} av {approval.by}."),
                " Siffror, bedömningar och kommentarer visas som de fastställdes.",
            ],
            className="mb-1",
        )
    ]
    if changed:
        lines += [
            html.P(
                f"Nyare data finns: {_imports(follow.imports_since_approval)} efter "
                "fastställandet. Med dagens data bedöms de här delmålen annorlunda:",
                className="mb-1",
            ),
            html.Ul([html.Li(line) for line in changed], className="mb-0"),
        ]
    elif follow.imports_since_approval:
        lines.append(
            html.P(
                f"{_imports(follow.imports_since_approval).capitalize()} efter "
                "fastställandet ändrar inga bedömningar.",
                className="mb-0",
            )
        )
    return html.Div(
        lines, className="alert alert-info approval-notice", role="status" if changed else None
    )


def _imports(count: int) -> str:
    return "en fil har importerats" if count == 1 else f"{count} filer har importerats"


def _summary(report: AnnualReport) -> html.Section:
    rows = [
        html.Tr(
            [
                html.Th(status_badge(s), scope="row"),
                html.Td(report.goal_counts[s], className="text-end"),
                html.Td(report.target_counts[s], className="text-end"),
            ]
        )
        for s in reversed(ROLL_UP_ORDER)
    ]
    return html.Section(
        [
            html.H2("Sammanfattning", id="sammanfattning"),
            html.Table(
                [
                    html.Caption(f"Mål och delmål per status {report.year}"),
                    html.Thead(
                        html.Tr([html.Th(h, scope="col") for h in ("Status", "Mål", "Delmål")])
                    ),
                    html.Tbody(rows),
                ],
                className="table table-sm table-bordered w-auto",
            ),
            _movers("Bättre än året före", report.improved),
            _movers("Sämre än året före", report.worsened),
        ],
        **{"aria-labelledby": "sammanfattning"},
    )


def _movers(heading: str, entries: list[TargetEntry]) -> html.Div:
    items = [
        html.Li(f"{t.label}: {t.previous.status.label} → {t.verdict.status.label}")
        for t in entries
        if t.previous
    ]
    return html.Div(
        [html.H3(heading, className="h6"), html.Ul(items) if items else html.P("Inga delmål.")]
    )


def _goal(
    entry: GoalEntry, report: AnnualReport, history: list[Comment], base: str
) -> html.Section:
    heading = f"arsmal-{entry.goal.id}"
    year = report.year
    return html.Section(
        [
            html.H2(
                dcc.Link(entry.goal.title, href=f"{base}/mal/{entry.goal.id}?ar={year}"),
                id=heading,
                className="h4",
            ),
            html.Blockquote(html.P(entry.goal.wording, className="wording mb-0")),
            html.P(
                [f"{KIND_LABELS[entry.goal.kind]}. Status {year}: ", status_badge(entry.status)]
            ),
            *[_target(t, year) for t in entry.targets],
            *(
                _editable_commentary(entry, report, history)
                if report.approval is None and current_user().role >= Role.ANALYTIKER
                else _frozen_commentary(entry, report, history)
            ),
        ],
        className="annual-goal mt-4 pt-3 border-top",
        **{"aria-labelledby": heading},
    )


def _frozen_commentary(entry: GoalEntry, report: AnnualReport, history: list[Comment]) -> list:
    return [html.Div(text_versions("Kommentar", report.comment(entry.goal.id), history))]


def _editable_commentary(entry: GoalEntry, report: AnnualReport, history: list[Comment]) -> list:
    # The callback's output and inputs exist together or not at all: Dash refuses a pattern
    # whose output matches components while its input matches none.
    return [
        html.Div(
            text_versions("Kommentar", report.comment(entry.goal.id), history),
            id=_goal_id("comment-view", entry.goal.id),
        ),
        _editor(entry, report.comment(entry.goal.id)),
    ]


def _atgarder(overview: AtgarderOverview | None, year: int) -> html.Section:
    heading = "atgarder"
    if overview is None or overview.file is None:
        content = [
            html.P(
                "Ingen åtgärdslista är importerad. Fyll i mallen atgarder-mall.xlsx "
                "(i data/templates) och importera den under Importera."
            )
        ]
    elif not overview.lines:
        content = [
            html.P(
                f"Åtgärdslistan {overview.file} har inga åtgärder som pågick {year} "
                f"eller hade budget {year} eller {year - 1}."
            )
        ]
    else:
        content = [
            html.P(
                f"Från åtgärdslistan {overview.file}, importerad {date_of(overview.imported_at)}. "
                "Status är den som står i listan."
            ),
            html.P(summary_sentence(overview)),
            _table(
                f"Budget per fokusområde {year}",
                column_headings(year, AREA_COLUMNS),
                focus_area_cells(overview),
            ),
            *[
                _table(
                    f"Åtgärder {year}: {area}",
                    column_headings(year),
                    [line_cells(line) for line in lines],
                )
                for area, lines in overview.focus_areas
            ],
            *(
                [
                    _table(
                        f"Åtgärdsplanen {year}: orsak, operativa mål och uppföljning",
                        column_headings(year, PLAN_COLUMNS),
                        [plan_cells(line) for line in overview.planned],
                    )
                ]
                if overview.planned
                else []
            ),
        ]
    return html.Section(
        [html.H2(f"Åtgärder {year}", id=heading, className="h4"), *content],
        className="mt-4 pt-3 border-top",
        **{"aria-labelledby": heading},
    )


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> html.Div:
    # Amounts right-aligned and dates unbroken, so columns of kronor and periods read at a glance.
    classes = [
        "text-end text-nowrap"
        if h.startswith(("Budget", "Förändring", "Åtgärder")) and i
        else "text-nowrap"
        if h == "Tid"
        else None
        for i, h in enumerate(headings)
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(h, scope="col", className=c)
                            for h, c in zip(headings, classes, strict=True)
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Th(cells[0], scope="row"),
                                *[
                                    html.Td(cell, className=c)
                                    for cell, c in zip(cells[1:], classes[1:], strict=True)
                                ],
                            ]
                        )
                        for cells in rows
                    ]
                ),
            ],
            className="table table-sm table-bordered",
        ),
        className="table-responsive",
    )


def _goal_id(kind: str, goal_id: str) -> dict[str, str]:
    return {"type": kind, "goal": goal_id}


def _editor(entry: GoalEntry, current: Comment | None) -> html.Details:
    start = current.text if current else "\n\n".join(t.verdict.sentence for t in entry.targets)
    return markdown_editor(
        "Skriv kommentar" if current is None else "Ändra kommentaren",
        f"Kommentar till {entry.goal.title}",
        (_goal_id("comment-text", entry.goal.id), _goal_id("comment-save", entry.goal.id)),
        start,
        "Spara kommentar",
        after=[
            html.P(
                id=_goal_id("comment-message", entry.goal.id), role="status", className="small mt-1"
            )
        ],
    )


def _approval_controls(report: AnnualReport) -> html.Section | None:
    if current_user().role < Role.ADMIN:
        return None
    if report.approval:
        action, label, style = (
            WITHDRAW,
            f"Häv fastställandet av {report.year}",
            "btn-outline-danger",
        )
        explanation = (
            "Året är fastställt. Att häva fastställandet låser upp kommentarerna och "
            "visar dagens siffror; det fastställda sparas i historiken."
        )
        question = f"Häva fastställandet av årsuppföljningen {report.year}?"
    else:
        action, label, style = APPROVE, f"Fastställ {report.year}", "btn-success"
        explanation = (
            "När kommunstyrelsen har fått årsuppföljningen fastställs året: siffror, "
            "bedömningar och kommentarer låses som de är nu. Senare importer ändrar "
            "inte det fastställda; sidan säger om nyare data finns."
        )
        question = f"Fastställa årsuppföljningen {report.year}? Kommentarerna låses."
    return approval_section(
        (APPROVAL, APPROVAL_ACTION, APPROVAL_MESSAGE), action, label, style, explanation, question
    )


def _target(entry: TargetEntry, year: int) -> html.Div:
    verdict = entry.verdict
    interval = verdict_interval_text(verdict.ci, verdict.change_ci, entry.measure)
    written = " · ".join(
        f"{v.year}: {value_text(v.value, entry.measure)}" + ("" if v.complete else " (del av år)")
        for v in entry.trend
    )
    threshold = entry.target.rule.threshold()
    return html.Div(
        [
            html.H3(entry.label, className="h6 mt-3"),
            html.P([verdict_badge(verdict), interval]),
            html.P(verdict.sentence),
            html.P(f"Ofullständigt underlag: {note}", className="small")
            if (note := incomplete_note(verdict.coverage))
            else None,
            html.P(f"Förändring: {entry.change}", className="small"),
            html.Div(
                [
                    html.Img(
                        src=sparkline_uri(entry.trend, year, threshold, 280, 60),
                        alt="",
                        width=280,
                        height=60,
                        className="me-2",
                    ),
                    html.Span(written, className="small"),
                ],
                className="d-flex flex-wrap align-items-center",
            )
            if entry.trend
            else None,
        ]
    )


def _unknown_year(year: str | None, data: PageData) -> html.Div:
    first, last = data.agreement.period
    return html.Div(
        [
            html.H1("Året finns inte i avtalsperioden"),
            html.P(f"”{year}” är inget år i perioden {first}–{last}. Välj ett år:"),
            html.Ul(
                [
                    html.Li(html.A(str(y), href=f"{data.base}{PATH}/{y}"))
                    for y in range(first, last + 1)
                ]
            ),
        ]
    )


@callback(
    Output(_goal_id("comment-view", MATCH), "children"),
    Output(_goal_id("comment-message", MATCH), "children"),
    Input(_goal_id("comment-save", MATCH), "n_clicks"),
    State(_goal_id("comment-text", MATCH), "value"),
    State(AUTHOR, "value"),
    State(YEAR_STORE, "data"),
    State(AGREEMENT_STORE, "data"),
    prevent_initial_call=True,
)
def _save_comment(
    _clicks, text: str | None, author: str | None, year: int, agreement_id: str | None
):
    refused = refusal(Role.ANALYTIKER, "kommentera")
    if refused:
        return no_update, f"Inte sparad: {refused}"
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not isinstance(trigger.get("goal"), str):
        raise BadInput("anropet säger inte vilket mål kommentaren gäller")
    goal_id = trigger["goal"]
    agreement_id = known_agreement(agreement_id)
    year = period_year(page_data(agreement_id=agreement_id).agreement, year)
    text, author = optional_text(text, "kommentaren"), optional_text(author, "namnet")
    live = annual_report_for(page_data(str(year), agreement_id))
    try:
        saved = save_comment(
            writable_store(), live, goal_id, text or "", acting_name(author), now()
        )
    except (InvalidInput, YearApproved) as exc:
        return no_update, f"Inte sparad: {exc}"
    except Exception as exc:
        return no_update, f"Inte sparad: {storage_problem(exc)}"
    follow = follow_up_for(page_data(str(year), agreement_id))
    return (
        text_versions("Kommentar", saved, follow.history.get(goal_id, [])),
        f"Sparad {moment_text(saved.saved_at)} av {saved.author}.",
    )


@callback(
    Output(BODY, "children"),
    Output(APPROVAL_MESSAGE, "children"),
    Input(APPROVAL, "submit_n_clicks"),
    State(APPROVAL_ACTION, "data"),
    State(AUTHOR, "value"),
    State(YEAR_STORE, "data"),
    State(AGREEMENT_STORE, "data"),
    prevent_initial_call=True,
)
def _change_approval(_clicks, action: str, author: str | None, year: int, agreement_id: str | None):
    """Approve or withdraw, as the button the user saw said; the store refuses a stale click."""
    refused = refusal(Role.ADMIN, "fastställa eller häva ett år")
    if refused:
        return no_update, f"Inget ändrades: {refused}"
    action = one_of(action, (APPROVE, WITHDRAW), "åtgärden")
    author = optional_text(author, "namnet")
    agreement_id = known_agreement(agreement_id)
    year = period_year(page_data(agreement_id=agreement_id).agreement, year)
    data = page_data(str(year), agreement_id)
    change = approve_year if action == APPROVE else withdraw_approval
    try:
        change(writable_store(), annual_report_for(data), acting_name(author), now())
    except (InvalidInput, YearApproved, YearNotApproved) as exc:
        return no_update, f"Inget ändrades: {exc}"
    except Exception as exc:
        return no_update, f"Inget ändrades: {storage_problem(exc)}"
    # The approval changed the store's state: read the year anew, not from `data`.
    fresh = page_data(str(year), agreement_id)
    return _body(follow_up_for(fresh), fresh.base), no_update
