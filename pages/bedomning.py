"""The goal page's part for a target judged by an assessment (bedömning av säkerhetsenheten):
every recorded version for the year, and for an analyst or admin a form to record a new one.

The role is checked again on the server when the form is sent (auth.refusal), like commentary: a
läsare who sends the request anyway gets a refusal and nothing is stored.
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from auth import Role, acting_name, current_user, refusal
from followup import records
from followup.assessments import MAX_MOTIVATION_CHARACTERS, evidence_options, record_assessment
from followup.commentary import MAX_NAME_CHARACTERS, InvalidInput
from followup.records import YearApproved
from goals.assessment import ASSESSMENT_STATUSES, LINK_KINDS, Assessment
from goals.models import Target
from indicators.faults import storage_fault
from indicators.sources.est import est_settings
from indicators.times import moment_text
from pages.components import status_badge
from pages.data import PageData, page_data, writable_store
from pages.inputs import BadInput, known_agreement, optional_text, period_year

AUTHOR = "bedomning-author"
YEAR = "bedomning-year"
AGREEMENT = "bedomning-agreement"


def _id(kind: str, target: object) -> dict[str, object]:  # a target id, or MATCH
    return {"type": f"bedomning-{kind}", "target": target}


def assessment_part(target: Target, data: PageData) -> html.Div:
    """The versions recorded for the target and year, and the form when the user may record."""
    versions = data.evidence.assessments.get(target.id, {}).get(data.year, ())
    return html.Div(
        [
            html.H3(f"Registrerade bedömningar {data.year}", className="h6 mt-3"),
            html.Div(_versions(versions, data.year), id=_id("versions", target.id)),
            _form(target, data),
        ],
        className="assessment",
    )


def _versions(versions: tuple[Assessment, ...], year: int) -> list:
    if not versions:
        return [
            html.P(
                f"Ingen bedömning är registrerad för {year}: målet kan inte bedömas förrän "
                "säkerhetsenheten har gjort en."
            )
        ]
    return [
        html.Ol(
            [html.Li(_version(found, i == 0)) for i, found in enumerate(versions)],
            reversed=True,
            className="assessment-versions",
            **{"aria-label": f"Registrerade bedömningar {year}, den gällande först"},
        )
    ]


def _version(found: Assessment, in_force: bool) -> list:
    factors = {factor.id: factor.label for factor in est_settings().factors}
    links = [
        f"{LINK_KINDS[link.kind]}: "
        + (factors.get(link.ref, link.ref) if link.kind == "est_faktor" else link.ref)
        for link in found.links
    ]
    return [
        html.P(
            [
                status_badge(found.status, f"{found.status.label} – bedömning av säkerhetsenheten"),
                html.Span(
                    f" {'Gällande' if in_force else 'Tidigare'} version {found.version}, "
                    f"{found.author}, {moment_text(found.saved_at)}",
                    className="small text-body-secondary",
                ),
            ],
            className="mb-1",
        ),
        html.P(found.motivation, className="mb-1"),
        html.Ul([html.Li(line) for line in links], className="small")
        if links
        else html.P("Inga hänvisningar till underlag.", className="small"),
    ]


def _form(target: Target, data: PageData) -> html.Details | None:
    user = current_user()
    if user.role < Role.ANALYTIKER:
        return None
    store = data.model.store if data.model else None
    if store is not None and records.approval(store, data.agreement.id, data.year) is not None:
        return html.P(
            f"Året {data.year} är fastställt; bedömningen kan inte ändras förrän "
            "fastställandet hävs.",
            className="small",
        )
    options = evidence_options(
        store, data.evidence, data.agreement, data.catalogue, target.id, data.year
    )
    return html.Details(
        [
            html.Summary(f"Registrera bedömning för {data.year}"),
            dcc.Store(id=YEAR, data=data.year),
            dcc.Store(id=AGREEMENT, data=data.agreement.id),
            _author_field(),
            html.Fieldset(
                [
                    html.Legend("Status", className="form-label fs-6"),
                    # Bootstrap's form checks: a native input with its own label each (Dash's
                    # own RadioItems nests the inputs in ARIA options, which axe refuses).
                    dbc.RadioItems(
                        id=_id("status", target.id),
                        options=[{"label": s.label, "value": s.value} for s in ASSESSMENT_STATUSES],
                    ),
                ],
                className="mb-2",
            ),
            html.Label(
                [
                    "Motivering (krävs)",
                    dcc.Textarea(
                        id=_id("motivation", target.id),
                        rows=4,
                        maxLength=MAX_MOTIVATION_CHARACTERS,
                        className="form-control mt-1",
                    ),
                ],
                className="form-label w-100",
            ),
            *[
                _links_field(kind, heading, options[kind], target.id)
                for kind, heading in LINK_KINDS.items()
            ],
            html.Button(
                "Spara bedömningen", id=_id("save", target.id), className="btn btn-primary btn-sm"
            ),
            html.P(id=_id("message", target.id), role="status", className="small mt-1"),
        ],
        className="no-print mt-2 mb-3 assessment-form",
    )


def _links_field(kind: str, heading: str, options: list[tuple[str, str]], target_id: str):
    return html.Fieldset(
        [
            html.Legend(f"Underlag: {heading.lower()}", className="form-label fs-6"),
            dbc.Checklist(
                id=_id(f"links-{kind}", target_id),
                options=[{"label": label, "value": ref} for ref, label in options],
                value=[],
            ),
            None if options else html.P("Inget att välja för året.", className="small mb-0"),
        ],
        className="mb-2",
    )


def _author_field() -> html.Div:
    user = current_user()
    if user.authenticated:
        # The server records the logged-in name whatever this says; it only fills the state.
        return html.Div(
            [
                html.P(f"Inloggad som {user.name} ({user.role.label})."),
                dcc.Input(id=AUTHOR, type="hidden", value=user.name),
            ],
            className="small text-body-secondary",
        )
    return html.Div(
        [
            html.Label(
                "Ditt namn (sparas med bedömningen)", htmlFor=AUTHOR, className="form-label"
            ),
            dcc.Input(
                id=AUTHOR,
                type="text",
                maxLength=MAX_NAME_CHARACTERS,
                persistence=True,
                persistence_type="local",
                className="form-control",
                style={"maxWidth": "24rem"},
                autoComplete="name",
            ),
        ],
        className="mb-2",
    )


@callback(
    Output(_id("message", MATCH), "children"),
    Output(_id("versions", MATCH), "children"),
    Input(_id("save", MATCH), "n_clicks"),
    State(_id("status", MATCH), "value"),
    State(_id("motivation", MATCH), "value"),
    *[State(_id(f"links-{kind}", MATCH), "value") for kind in LINK_KINDS],
    State(AUTHOR, "value"),
    State(YEAR, "data"),
    State(AGREEMENT, "data"),
    prevent_initial_call=True,
)
def _record(_clicks, status, motivation, *rest):
    refused = refusal(Role.ANALYTIKER, "registrera en bedömning")
    if refused:
        return f"Inte sparad: {refused}", no_update
    *chosen, author, year, agreement_id = rest
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not isinstance(trigger.get("target"), str):
        raise BadInput("anropet säger inte vilket delmål bedömningen gäller")
    # The agreement whose page the form was on (each agreement's pages live under /avtal/<id>/).
    agreement_id = known_agreement(agreement_id)
    data = page_data(agreement_id=agreement_id)
    year = period_year(data.agreement, year)
    status = optional_text(status, "statusen")
    motivation = optional_text(motivation, "motiveringen")
    author = optional_text(author, "namnet")
    links = [
        (kind, ref)
        for kind, refs in zip(LINK_KINDS, chosen, strict=True)
        for ref in _refs(refs, kind)
    ]
    try:
        saved = record_assessment(
            writable_store(),
            data.agreement,
            trigger["target"],
            year,
            status or "",
            motivation or "",
            links,
            acting_name(author),
            dt.datetime.now(dt.UTC),
        )
    except (InvalidInput, YearApproved) as exc:
        return f"Inte sparad: {exc}", no_update
    except Exception as exc:
        problem = storage_fault(exc)
        if problem is None:
            raise
        return f"Inte sparad: {problem}", no_update
    fresh = (
        page_data(str(year), agreement_id)
        .evidence.assessments.get(saved.target_id, {})
        .get(year, ())
    )
    return (
        f"Sparad {moment_text(saved.saved_at)} av {saved.author}: "
        f"{saved.status.label.lower()} för {year}. Bedömningen gäller nu på alla sidor och i "
        "årsuppföljningen.",
        _versions(fresh, year),
    )


def _refs(refs: object, kind: str) -> list[str]:
    if refs is None:
        return []
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise BadInput(f"underlaget ({LINK_KINDS[kind].lower()}) ska vara en lista av texter")
    return refs
