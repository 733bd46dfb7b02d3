"""Lägesbild enligt lag (2023:196): the kommun's yearly lägesbild, drafted from the stored
evidence (kommunlagesbild/), one page per year of the agreement's period.

The page shows the same Document as the PDF, Word and HTML downloads; the kommun and the years
are the agreement's: the default one's at /lagesbild-kommun/<år>, any other's at
/avtal/<id>/lagesbild-kommun/<år>.

Analysts write the sections the data cannot (medborgardialog, skolans kartläggning, their own
analysis) below the document; an admin approves (fastställer) the year, after which the page
shows the frozen version until the approval is withdrawn for a new one (kommunlagesbild/
texts.py and approval.py, as the annual follow-up's commentary and approval).
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from auth import Role, acting_name, current_user, refusal
from followup.commentary import InvalidInput
from followup.records import YearApproved, YearNotApproved
from goals.evaluate import YearOutsidePeriod, check_year
from indicators.times import moment_text
from kommunlagesbild.approval import (
    Shown,
    approve_lagesbild,
    shown_lagesbild,
    withdraw_lagesbild_approval,
)
from kommunlagesbild.content import (
    ANALYS,
    SECTIONS,
    KommunLagesbild,
    NoDataForYear,
    agreement_kommun,
    lagesbild_from_store,
)
from kommunlagesbild.document import drafted_analysis, lagesbild_document, state_text
from kommunlagesbild.texts import save_text
from pages.components import unknown_agreement, year_selector
from pages.data import (
    AGREEMENTS_PATH,
    ReadModel,
    agreement_base,
    is_agreement,
    page_data,
    read_model,
    writable_store,
)
from pages.document_view import document_components
from pages.inputs import BadInput, known_agreement, one_of, optional_text, period_year
from pages.signed import (
    approval_section,
    author_field,
    markdown_editor,
    now,
    storage_problem,
    text_versions,
)
from report.model import Document

PATH = "/lagesbild-kommun"
DOWNLOADS = (("pdf", "PDF"), ("docx", "Word"), ("html", "HTML"))
BODY = "lagesbild-kommun-body"
DOCUMENT = "lagesbild-kommun-document"
YEAR_STORE = "lagesbild-kommun-year"
AGREEMENT_STORE = "lagesbild-kommun-agreement"
AUTHOR = "lagesbild-kommun-author"
TEXT, SAVE = "lagesbild-text", "lagesbild-text-save"
APPROVAL = "lagesbild-kommun-approval"
APPROVAL_ACTION = "lagesbild-kommun-approval-action"
APPROVAL_MESSAGE = "lagesbild-kommun-approval-message"
APPROVE, WITHDRAW = "faststall", "hav"


def _title(year: str | None = None) -> str:
    return f"Lägesbild {year} – Trygghetsmål" if year else "Lägesbild – Trygghetsmål"


def _is_year(year: str, agreement_id: str | None = None) -> bool:
    if not year.isdigit():
        return False
    if agreement_id is not None and not is_agreement(agreement_id):
        return False
    try:
        check_year(read_model(agreement_id).agreement, int(year))
    except YearOutsidePeriod:
        return False
    return True


dash.register_page(
    __name__,
    path_template=f"{PATH}/<year>",
    name="Lägesbild (lag 2023:196)",
    title=_title,
    order=4,
    in_navigation=True,
    nav_href=PATH,
    accepts_path=_is_year,
)


def _agreement_title(agreement_id: str | None = None, year: str | None = None) -> str:
    return _title(year)


def agreement_layout(
    agreement_id: str | None = None, year: str | None = None, **_query: str
) -> html.Div:
    """/avtal/<id>/lagesbild-kommun/<år>: the lägesbild of that agreement's kommun."""
    if agreement_id is None or not is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return lagesbild_page(year, agreement_id)


dash.register_page(
    "pages.lagesbild_kommun_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>{PATH}/<year>",
    name="Lägesbild (lag 2023:196, avtal)",
    title=_agreement_title,
    order=61,  # before /avtal/<agreement_id> (62), whose variable would match this address too
    accepts_path=_is_year,
    layout=agreement_layout,
)


def layout(year: str | None = None, **_query: str) -> html.Div:
    return lagesbild_page(year)


def lagesbild_page(year: str | None, agreement_id: str | None = None) -> html.Div:
    """The page of the default agreement (no id) or of the agreement `agreement_id`."""
    if year is None or not _is_year(year, agreement_id):
        return _unknown_year(year, agreement_id)
    model = read_model(agreement_id)
    agreement, chosen = model.agreement, int(year)
    kommun = agreement_kommun(agreement)
    try:
        shown = _shown(model, chosen)
    except NoDataForYear as exc:
        return html.Div(
            [
                html.H1(f"Lägesbild {chosen}: {kommun.name}"),
                _selector(model, chosen),
                html.P(str(exc)),
                html.P(html.A("Läs in filer på sidan Data och importer", href="/data")),
            ]
        )
    return html.Div(
        [
            dcc.Store(id=YEAR_STORE, data=chosen),
            dcc.Store(id=AGREEMENT_STORE, data=agreement.id),
            html.Div(_body(model, shown), id=BODY),
        ],
        className="annual-report lagesbild-kommun",
    )


def _selector(model: ReadModel, year: int) -> html.Nav | html.Div:
    kommun = agreement_kommun(model.agreement)
    return year_selector(
        model.agreement,
        year,
        _path(model),
        f"Lägesbild {year} för {kommun.name}",
        href=lambda path, y: f"{path}/{y}",
        label="År:",
    )


def _body(model: ReadModel, shown: Shown, message: tuple[str, str] | None = None) -> list:
    """The document with the analysts' texts, then the approval; `message` is (section or
    APPROVAL_MESSAGE, what to say there) after an action."""
    return [
        html.Div(_document(model, shown, message), id=DOCUMENT),
        _approval_controls(shown.content, message),
    ]


def _document(model: ReadModel, shown: Shown, message: tuple[str, str] | None) -> list:
    # Saving a text redraws only this part: redrawing the approval's confirmation with it
    # would let the browser take the new dialog for a confirmed one.
    content = shown.content
    blocks = document_components(lagesbild_document(content))
    return [
        blocks[0],
        _approval_notice(shown),
        _selector(model, content.year),
        _downloads(content.year, _path(model)),
        *blocks[1:],
        *_texts(shown, message),
    ]


def _path(model: ReadModel) -> str:
    return agreement_base(model.agreement.id) + PATH


def _downloads(year: int, path: str = PATH) -> html.P:
    return html.P(
        [
            html.Span("Ladda ner för att bearbeta: ", className="fw-semibold"),
            *[
                html.A(
                    label,
                    href=f"{path}/{year}.{kind}",
                    className="me-3",
                    download=f"lagesbild-{year}.{kind}",
                )
                for kind, label in DOWNLOADS
            ],
        ],
        className="no-print",
    )


def _unknown_year(year: str | None, agreement_id: str | None = None) -> html.Div:
    agreement = page_data(agreement_id=agreement_id).agreement
    first, last = agreement.period
    path = agreement_base(agreement.id) + PATH
    return html.Div(
        [
            html.H1("Året finns inte i avtalsperioden"),
            html.P(f"”{year}” är inget år i perioden {first}–{last}. Välj ett år:"),
            html.Ul([html.Li(html.A(str(y), href=f"{path}/{y}")) for y in range(first, last + 1)]),
        ]
    )


# The analysts' texts and the approval ---------------------------------------------------------


def _shown(model: ReadModel, year: int) -> Shown:
    """The approved lägesbild, or today's drafted once per store state with the current texts
    (read anew each time: saving a text does not redraft the figures)."""
    store, agreement = model.store, model.agreement
    if store is None:
        raise NoDataForYear("Inga uppgifter är inlästa ännu.")
    return shown_lagesbild(
        store,
        agreement,
        year,
        lambda: model.memo(
            ("lagesbild-kommun", year),
            lambda: lagesbild_from_store(store, agreement, model.catalogue, year, model.today),
        ),
    )


def _approval_notice(shown: Shown) -> html.Div | None:
    if shown.content.approval is None:
        return None
    lines = [
        html.P(
            [
                html.Span("✔", **{"aria-hidden": "true"}),
                " ",
                html.Strong(state_text(shown.content)),
                " Siffror och texter visas som de fastställdes.",
            ],
            className="mb-1",
        )
    ]
    newer = shown.imports_since_approval
    if newer:
        files = "en fil har importerats" if newer == 1 else f"{newer} filer har importerats"
        lines.append(
            html.P(
                f"Nyare data finns: {files} efter fastställandet. En admin kan häva "
                "fastställandet och göra en ny version med dagens siffror.",
                className="mb-0",
            )
        )
    return html.Div(lines, className="alert alert-info approval-notice", role="status")


def _texts(shown: Shown, message: tuple[str, str] | None) -> list:
    """Each section the analysts write: its versions, and for an analyst of a year not yet
    approved an editor; a läsare reads the texts in the document above and their history here."""
    content = shown.content
    editable = content.approval is None and current_user().role >= Role.ANALYTIKER
    return [
        html.Section(
            [
                html.H2("Analytikernas texter", id="analytikernas-texter", className="h4"),
                html.P(
                    "Medborgardialogen och skolans kartläggning skriver analytikerna själva; "
                    "deras analys ersätter utkastet ur siffrorna i dokumentet. Varje version "
                    "sparas med namn och tid."
                ),
                # Also beside an approved year: withdrawing the approval is signed with it.
                author_field(AUTHOR),
                *[
                    _section(content, section, shown.history.get(section, []), editable, message)
                    for section in SECTIONS
                ],
            ],
            className="no-print mt-5 pt-3 border-top",
            **{"aria-labelledby": "analytikernas-texter"},
        )
    ]


def _section(
    content: KommunLagesbild,
    section: str,
    history: list,
    editable: bool,
    message: tuple[str, str] | None,
) -> html.Div:
    heading = SECTIONS[section]
    current = content.text(section)
    parts: list = [html.H3(heading, className="h5 mt-4")]
    if section == ANALYS and current is not None:
        parts.append(
            html.Details(
                [
                    html.Summary("Utkastet ur siffrorna"),
                    *_draft(content),
                ]
            )
        )
    shown = text_versions(None, current, history)
    parts += shown or [html.P("Ingen text är skriven ännu.", className="text-body-secondary")]
    if editable:
        parts.append(_editor(content, section, current))
    if message is not None and message[0] == section:
        parts.append(html.P(message[1], role="status", className="small mt-1"))
    return html.Div(parts, className="lagesbild-text")


def _draft(content: KommunLagesbild) -> list:
    """The drafted sentences as the page renders any document's blocks."""
    draft = Document("", "", "", "", tuple(drafted_analysis(content)))
    return document_components(draft)


def _editor(content: KommunLagesbild, section: str, current) -> html.Details:
    if current is not None:
        start = current.text
    elif section == ANALYS:
        start = "\n".join(f"- {sentence}" for sentence in content.analysis)
    else:
        start = ""
    heading = SECTIONS[section]
    return markdown_editor(
        f"Skriv {heading.lower()}" if current is None else f"Ändra {heading.lower()}",
        heading,
        ({"type": TEXT, "section": section}, {"type": SAVE, "section": section}),
        start,
        f"Spara {heading.lower()}",
        rows=8,
    )


def _approval_controls(
    content: KommunLagesbild, message: tuple[str, str] | None
) -> html.Section | html.P | None:
    said = message[1] if message is not None and message[0] == APPROVAL_MESSAGE else None
    if current_user().role < Role.ADMIN:
        return html.P(said, role="status") if said else None
    year = content.year
    if content.approval:
        section = approval_section(
            (APPROVAL, APPROVAL_ACTION, APPROVAL_MESSAGE),
            WITHDRAW,
            f"Häv fastställandet av {year} för en ny version",
            "btn-outline-danger",
            "Lägesbilden är fastställd. Att häva fastställandet låser upp texterna och visar "
            "dagens siffror, så att en ny version kan fastställas; den fastställda sparas i "
            "historiken.",
            f"Häva fastställandet av lägesbilden {year}?",
            said,
        )
    else:
        section = approval_section(
            (APPROVAL, APPROVAL_ACTION, APPROVAL_MESSAGE),
            APPROVE,
            f"Fastställ lägesbilden {year}",
            "btn-success",
            "När lägesbilden är färdig fastställs den: siffror och texter låses som de är nu. "
            "Senare importer ändrar inte det fastställda; sidan säger om nyare data finns.",
            f"Fastställa lägesbilden {year}? Texterna låses.",
            said,
        )
    return section


def _agreement_and_year(agreement_id: object, year: object) -> tuple[ReadModel, int]:
    chosen = known_agreement(agreement_id)
    model = read_model(chosen)
    return model, period_year(model.agreement, year)


@callback(
    Output(DOCUMENT, "children"),
    Input({"type": SAVE, "section": ALL}, "n_clicks"),
    State({"type": TEXT, "section": ALL}, "value"),
    State(AUTHOR, "value"),
    State(YEAR_STORE, "data"),
    State(AGREEMENT_STORE, "data"),
    prevent_initial_call=True,
)
def _save_text(clicks, _texts, author, year, agreement_id):
    if not isinstance(clicks, list):
        raise BadInput("anropet har inga knapptryckningar")
    if not any(clicks):  # the editors were (re)drawn, nothing was clicked
        return no_update
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or trigger.get("section") not in SECTIONS:
        raise BadInput("anropet säger inte vilket avsnitt texten gäller")
    section = trigger["section"]
    model, year = _agreement_and_year(agreement_id, year)
    said = _saved(model, year, section, _typed(section), author)
    fresh, year = _agreement_and_year(agreement_id, year)
    return _document(fresh, _shown(fresh, year), (section, said))


def _typed(section: str) -> str:
    """The text of the section saved, among every editor's (the first state, ALL of them)."""
    editors = ctx.states_list[0] if ctx.states_list else []
    for editor in editors if isinstance(editors, list) else []:
        if isinstance(editor, dict) and editor.get("id", {}).get("section") == section:
            return optional_text(editor.get("value"), "texten") or ""
    return ""


def _saved(model: ReadModel, year: int, section: str, text: str, author: object) -> str:
    refused = refusal(Role.ANALYTIKER, "skriva i lägesbilden")
    if refused:
        return f"Inte sparad: {refused}"
    name = acting_name(optional_text(author, "namnet"))
    try:
        live = _shown(model, year).content
        saved = save_text(writable_store(), live, section, text, name, now())
    except (InvalidInput, YearApproved, NoDataForYear) as exc:
        return f"Inte sparad: {exc}"
    except Exception as exc:
        return f"Inte sparad: {storage_problem(exc)}"
    return f"Sparad {moment_text(saved.saved_at)} av {saved.author}."


@callback(
    Output(BODY, "children"),
    Input(APPROVAL, "submit_n_clicks"),
    State(APPROVAL_ACTION, "data"),
    State(AUTHOR, "value"),
    State(YEAR_STORE, "data"),
    State(AGREEMENT_STORE, "data"),
    prevent_initial_call=True,
)
def _change_approval(_clicks, action, author, year, agreement_id):
    """Approve or withdraw, as the button the user saw said; the store refuses a stale click."""
    model, year = _agreement_and_year(agreement_id, year)
    said = _approval_changed(model, year, action, author)
    fresh, year = _agreement_and_year(agreement_id, year)
    return _body(fresh, _shown(fresh, year), (APPROVAL_MESSAGE, said))


def _approval_changed(model: ReadModel, year: int, action: object, author: object) -> str:
    refused = refusal(Role.ADMIN, "fastställa eller häva en lägesbild")
    if refused:
        return f"Inget ändrades: {refused}"
    action = one_of(action, (APPROVE, WITHDRAW), "åtgärden")
    name = acting_name(optional_text(author, "namnet"))
    try:
        if action == APPROVE:
            approved = approve_lagesbild(writable_store(), _shown(model, year).content, name, now())
            return state_text(approved)
        withdraw_lagesbild_approval(writable_store(), model.agreement.id, year, name, now())
    except (InvalidInput, YearApproved, YearNotApproved, NoDataForYear) as exc:
        return f"Inget ändrades: {exc}"
    except Exception as exc:
        return f"Inget ändrades: {storage_problem(exc)}"
    return f"Fastställandet av {year} är hävt; en ny version kan fastställas."
