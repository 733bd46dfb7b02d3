"""Building blocks shared by the pages: status badges and goal cards. No data access here."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from goals.describe import target_label
from goals.models import Goal
from goals.status import Status, Verdict, goal_status
from indicators.catalogue import Catalogue

KIND_LABELS = {"effektmal": "Effektmål", "produktionsmal": "Produktionsmål"}


def status_badge(status: Status, text: str | None = None) -> html.Span:
    """Icon + text + colour, so the status never rests on colour alone."""
    return html.Span(
        [html.Span(status.icon, className="status-icon", **{"aria-hidden": "true"}),
         html.Span(text or status.label)],
        className=f"status status-{status.value}",
        **{"data-status": status.value},
    )


def verdict_badge(verdict: Verdict) -> html.Span:
    return status_badge(verdict.status, verdict.short)


def goal_card(goal: Goal, verdicts: dict[str, Verdict], catalogue: Catalogue) -> dbc.Card:
    status = goal_status(goal, verdicts)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(dcc.Link(goal.title, href=f"/mal/{goal.id}"), className="card-title h5"),
                html.P(status_badge(status), className="mb-2"),
                html.P(goal.wording, className="wording"),
                html.Ul([_target_row(t, verdicts, catalogue) for t in goal.targets],
                        className="target-list", **{"aria-label": f"Delmål för {goal.title}"}),
            ]
        ),
        className="goal-card shadow-sm",
        id=f"mal-{goal.id}",
    )


def _target_row(target, verdicts: dict[str, Verdict], catalogue: Catalogue) -> html.Li:
    source = catalogue.source_of(target.indicator).label
    return html.Li(
        [
            html.Div(target_label(target, catalogue), className="fw-semibold"),
            html.Div(verdict_badge(verdicts[target.id])),
            html.Div(f"Källa: {source}", className="small text-body-secondary mt-1"),
        ]
    )
