"""Data och importer: upload files, read the inbox, and see every import with its provenance."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from auth import Role, current_user, refusal
from goals.changes import change_text
from indicators.export import layout_names
from indicators.inbox import inbox_files, ingest_inbox
from indicators.ingest import IngestContext, IngestResult, record_in_audit_log
from indicators.reading import ACCEPTED_SUFFIXES
from indicators.store import ImportChanges
from indicators.times import moment_text
from indicators.uploads import ingest_upload
from pages.data import page_data
from pages.inputs import BadInput
from settings import get_settings

dash.register_page(
    __name__,
    path="/data",
    name="Data och importer",
    title="Data och importer – Trygghetsmål",
    order=5,
    in_navigation=True,
)

OUTCOME_STYLE = {
    "importerad": ("✓", "uppnatt"),
    "oförändrad": ("=", "kan_inte_bedomas"),
    "avvisad": ("✕", "ej_uppnatt"),
    "godkänd": ("✓", "uppnatt"),
}


def layout(**_query: str) -> html.Div:
    intro = html.P(
        "Läs in exporter från Brås statistikdatabas, polisens uttag, trygghetsmätningen, "
        "Barn och Unga och säkerhetsenhetens aktivitetslogg. Filtypen avgörs av "
        "innehållet; en fil med fel avvisas helt och alla problem visas.",
        className="lead",
    )
    history = _section("historik", "Importhistorik", [html.Div(_history(), id="importhistorik")])
    user = current_user()
    if user.role < Role.ANALYTIKER:
        return html.Div(
            [
                html.H1("Data och importer"),
                intro,
                html.P(
                    f"{user.name} är {user.role.label}: att läsa in filer kräver "
                    "analytiker. Importhistoriken visas nedan."
                ),
                history,
            ]
        )
    return html.Div([html.H1("Data och importer"), intro, *_import_sections(), history])


def _import_sections() -> list[html.Section]:
    settings = get_settings()
    limit = f"{settings.max_upload_mb:g}".replace(".", ",")
    return [
        _section(
            "ladda-upp",
            "Läs in filer",
            [
                dcc.Upload(
                    id="uppladdning",
                    multiple=True,
                    accept=",".join(ACCEPTED_SUFFIXES),
                    max_size=int(settings.max_upload_mb * 1_000_000),
                    children=html.Div(
                        [
                            "Dra hit filer eller ",
                            html.Span(
                                "välj filer", className="link-primary text-decoration-underline"
                            ),
                        ]
                    ),
                    className="upload-zone",
                    style_active={"borderColor": "#0a3d62"},
                ),
                html.P(
                    f"Godkända filtyper: {', '.join(ACCEPTED_SUFFIXES)}; högst {limit} MB per fil.",
                    className="small mt-1",
                ),
                dcc.Loading(
                    html.Div(id="uppladdning-resultat", role="status", **{"aria-live": "polite"}),
                    type="default",
                ),
            ],
        ),
        _section(
            "inkorg",
            "Inkorgen",
            [
                html.P(
                    f"Filer i {settings.inbox_dir} läses in med knappen (eller "
                    "trygghetsmal ingest --inbox). Inlästa filer lämnar inkorgen. En avvisad "
                    "fil tas också bort (den kan innehålla uppgifter som inte får sparas); "
                    "skälen sparas i inbox/avvisade/ som en textfil."
                ),
                html.Div(_inbox_listing(), id="inkorg-innehall"),
                dbc.Button("Läs in inkorgen", id="las-inkorgen", color="primary", className="mt-2"),
                dcc.Loading(
                    html.Div(id="inkorg-resultat", role="status", **{"aria-live": "polite"})
                ),
            ],
        ),
    ]


def _section(section_id: str, title: str, children: list) -> html.Section:
    return html.Section(
        [html.H2(title, id=f"rubrik-{section_id}"), *children],
        className="mt-4",
        **{"aria-labelledby": f"rubrik-{section_id}"},
    )


@callback(
    Output("uppladdning-resultat", "children"),
    Output("importhistorik", "children", allow_duplicate=True),
    Output("uppladdning", "contents"),
    Input("uppladdning", "contents"),
    State("uppladdning", "filename"),
    prevent_initial_call=True,
)
def upload(contents: list[str] | None, filenames: list[str] | None):
    if not contents:
        return dash.no_update, dash.no_update, dash.no_update
    refused = refusal(Role.ANALYTIKER, "läsa in filer")
    if refused:
        return html.P(refused, className="text-danger"), dash.no_update, None
    if (
        not isinstance(contents, list)
        or not isinstance(filenames, list)
        or len(contents) != len(filenames)
    ):
        raise BadInput("uppladdningen ska ha ett filnamn för varje fil")
    context = IngestContext.from_settings(get_settings(), store=True, user=_importer())
    results = [
        _ingest_upload(content, name, context)
        for content, name in zip(contents, filenames, strict=True)
    ]
    record_in_audit_log(context, results)
    # Clearing contents lets the same file be chosen again and trigger a new import.
    return _results(results), _history(), None


@callback(
    Output("inkorg-resultat", "children"),
    Output("inkorg-innehall", "children"),
    Output("importhistorik", "children", allow_duplicate=True),
    Input("las-inkorgen", "n_clicks"),
    prevent_initial_call=True,
)
def read_inbox(_clicks: int):
    refused = refusal(Role.ANALYTIKER, "läsa in inkorgen")
    if refused:
        return html.P(refused, className="text-danger"), dash.no_update, dash.no_update
    settings = get_settings()
    context = IngestContext.from_settings(settings, store=True, user=_importer())
    results = ingest_inbox(settings.inbox_dir, context)
    record_in_audit_log(context, results)
    shown = _results(results) if results else html.P("Inkorgen var tom.")
    return shown, _inbox_listing(), _history()


def _importer() -> str:
    """The logged-in user; without login, 'lokal användare' (as the CLI records)."""
    return current_user().name


def _ingest_upload(content: object, name: object, context: IngestContext) -> IngestResult:
    settings = get_settings()
    return ingest_upload(content, name, context, settings.temp_dir, settings.file_modes())


def _results(results: list[IngestResult]) -> html.Div:
    return html.Div([_result(result) for result in results], className="mt-3")


def _result(result: IngestResult) -> dbc.Card:
    icon, style = OUTCOME_STYLE[result.outcome]
    head = [
        html.Span(
            [
                html.Span(icon, className="status-icon", **{"aria-hidden": "true"}),
                html.Span(result.outcome.capitalize()),
            ],
            className=f"status status-{style}",
        ),
        html.Span(f" {result.file}", className="fw-semibold ms-2"),
    ]
    body = []
    if result.layout_label and not result.refused:
        span = f", {result.periods[0]}–{result.periods[1]}" if result.periods else ""
        body.append(html.P(f"{result.layout_label}: {result.observations} värden{span}."))
        if result.indicators:
            body.append(html.P(f"Indikatorer: {', '.join(result.indicators)}."))
    body += [html.P(f"Varning: {warning}", className="mb-1") for warning in result.warnings]
    if result.changes:
        body.append(
            html.Details(
                [
                    html.Summary(f"Ändrade värden ({len(result.changes)})"),
                    html.Ul([html.Li(change) for change in result.changes]),
                ]
            )
        )
    if result.new_periods:
        body.append(html.P(f"Nya perioder: {'; '.join(result.new_periods)}.", className="mb-1"))
    if result.status_changes:
        body.append(
            html.Div(
                [
                    html.P("Ändrade bedömningar:", className="mb-0 fw-semibold"),
                    html.Ul(
                        [
                            html.Li(
                                change_text(c)
                                + (
                                    ""
                                    if c["agreement"] == result.default_agreement
                                    else f" ({c['agreement']})"
                                )
                            )
                            for c in result.status_changes
                        ],
                        className="status-changes",
                    ),
                ]
            )
        )
    if result.problems:
        body.append(_problems(result))
    return dbc.Card(
        dbc.CardBody([html.H3(head, className="h6"), *body]), className="mb-2 result-card"
    )


def _problems(result: IngestResult) -> dbc.Table:
    header = ["Blad", "Rad", "Kolumn", "Problem", "Hittade", "Förväntade"]
    rows = [
        html.Tr(
            [
                html.Td(p.sheet or "–"),
                html.Td(p.row if p.row is not None else "–"),
                html.Td(p.column or "–"),
                html.Td(p.message),
                html.Td("–" if p.found is None else str(p.found)),
                html.Td(p.expected or "–"),
            ]
        )
        for p in result.problems
    ]
    return dbc.Table(
        [
            html.Caption(f"Problem i {result.file}: {len(rows)}"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        bordered=True,
        size="sm",
        responsive=True,
    )


def _inbox_listing() -> html.Div:
    files = inbox_files(get_settings().inbox_dir)
    if not files:
        return html.P("Inkorgen är tom.", id="inkorg-tom")
    return html.Div(
        [html.P(f"{len(files)} filer väntar:"), html.Ul([html.Li(path.name) for path in files])]
    )


def _original(stored_import: dict) -> html.Td | str:
    if not stored_import["archived"]:
        return "sparas inte (uttag)"
    if current_user().role < Role.ANALYTIKER:
        return "arkiverat"
    return html.A(
        "arkiverat – ladda ner",
        href=f"/original/{stored_import['id']}",
        **{"aria-label": f"arkiverat – ladda ner {stored_import['file']}"},
    )


def changes_text(changes: ImportChanges | None) -> str:
    """'3 ändrade värden, 12 nya perioder, 1 ändrad bedömning' for one import; '–' when the
    import was made before changes were recorded."""
    if changes is None:
        return "–"
    judged = changes.statuses
    parts = [
        f"{changes.revised} {'ändrat värde' if changes.revised == 1 else 'ändrade värden'}",
        f"{len(changes.new_periods)} {'ny period' if len(changes.new_periods) == 1 else 'nya perioder'}",
        "bedömningarna inte prövade"
        if judged is None
        else f"{len(judged)} {'ändrad bedömning' if len(judged) == 1 else 'ändrade bedömningar'}",
    ]
    text = ", ".join(parts)
    if judged:
        text += ": " + "; ".join(f"{change_text(c)} ({c['agreement']})" for c in judged[:5])
        text += " …" if len(judged) > 5 else ""
    return text


def _history() -> html.Div:
    imports = page_data().imports
    if not imports:
        return html.P("Inga filer har lästs in ännu.")
    header = ["Nr", "Inläst", "Fil", "Typ", "Värden", "Ändringar", "Original", "Av", "sha256"]
    recorded = page_data().import_changes
    rows = [
        html.Tr(
            [
                html.Td(i["id"]),
                html.Td(moment_text(i["imported_at"], compact=True), className="text-nowrap"),
                html.Td(i["file"]),
                html.Td(layout_names().get(i["layout"], i["layout"])),
                html.Td(i["observations"], className="text-end"),
                html.Td(changes_text(recorded.get(i["id"]))),
                html.Td(_original(i)),
                html.Td(i["user"] or "–"),
                html.Td(html.Code(i["sha256"][:12] + "…")),
            ]
        )
        for i in reversed(imports)
    ]
    return dbc.Table(
        [
            html.Caption(f"Alla inlästa filer ({len(imports)}), senaste först"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        bordered=True,
        size="sm",
        responsive=True,
    )
