"""The Dash app, created once per process; `server` is the WSGI app for gunicorn (`app:server`).

Dash routes page callbacks to the first app that serves a request, so there is exactly one app:
import `app` from here, never build a second one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, callback, clientside_callback, dcc, html, no_update
from dash._pages import _parse_query_string, _path_to_page
from flask import Response, redirect, request, send_file
from werkzeug.exceptions import HTTPException

import audit
from auth import LOGIN_PATH, LOGOUT_PATH, Role, current_user, protect, refusal
from callback_body import callback_body_problem
from delivery import install as install_delivery
from goals.evidence import target_observations
from goals.models import Agreement
from indicators.catalogue import load_catalogue
from indicators.config_files import ConfigError
from indicators.export import observation_json, observations_csv, observations_xlsx
from indicators.faults import storage_fault
from indicators.store import Store, timestamp
from indicators.uploads import sweep
from pages.data import (
    AGREEMENTS_PATH,
    agreement_base,
    current_annual_report,
    instance_agreements,
    is_agreement,
    page_data,
    read_model,
)
from pages.inputs import BadInput
from pages.static_html import callback_ids, compacted
from report.formats import MEDIA_TYPES, RENDERERS
from settings import get_settings, restrict_new_files

# Dash's default template wraps its scripts in <footer>, which would give the page a second
# contentinfo landmark; ours has lang="sv" and leaves the landmarks to the shell.
INDEX_STRING = """<!DOCTYPE html>
<html lang="sv">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""

APP_NAME = "Trygghetsmål"
log = logging.getLogger(__name__)


def create_app() -> Dash:
    # Upload copies a killed worker could not remove go before this one takes uploads.
    sweep(get_settings().temp_dir)
    app = Dash(
        __name__,
        use_pages=True,
        title=APP_NAME,
        update_title=None,
        # Pages render controls by role and state, so not every callback's ids exist on every
        # page; without this Dash would also ship every page's full layout in each index page.
        suppress_callback_exceptions=True,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=_storage_fault_in_callback,
    )
    _send_static_parts_as_html(app)
    restrict_new_files(get_settings())
    protect(app.server, app.csp_hashes)
    install_delivery(app, draws_charts)
    app.server.before_request(_limit_request_size)
    app.server.before_request(lambda: _check_callback_body(app))
    app.server.after_request(_not_found_status)
    app.server.register_error_handler(HTTPException, _http_error)
    app.server.register_error_handler(Exception, _storage_fault_in_route)
    app.server.add_url_rule("/original/<int:import_id>", "original", download_original)
    app.server.add_url_rule("/ladda-ner/<target_id>.<kind>", "ladda_ner", download_observations)
    app.server.add_url_rule(
        "/arsuppfoljning/<int:year>.<kind>", "arsuppfoljning_fil", download_annual_report
    )
    app.server.add_url_rule(
        "/arsuppfoljning",
        "arsuppfoljning_senaste",
        lambda: redirect(f"/arsuppfoljning/{page_data().year}"),
    )
    app.server.add_url_rule(
        "/lagesbild-kommun/<int:year>.<kind>", "lagesbild_kommun_fil", download_lagesbild
    )
    app.server.add_url_rule(
        "/lagesbild-kommun",
        "lagesbild_kommun_senaste",
        lambda: redirect(f"/lagesbild-kommun/{page_data().year}"),
    )
    # Every agreement's own addresses (design.md, "Several agreements").
    app.server.add_url_rule(
        f"{AGREEMENTS_PATH}/<agreement_id>/ladda-ner/<target_id>.<kind>",
        "avtal_ladda_ner",
        download_observations,
    )
    app.server.add_url_rule(
        f"{AGREEMENTS_PATH}/<agreement_id>/arsuppfoljning/<int:year>.<kind>",
        "avtal_arsuppfoljning_fil",
        download_annual_report,
    )
    app.server.add_url_rule(
        f"{AGREEMENTS_PATH}/<agreement_id>/arsuppfoljning",
        "avtal_arsuppfoljning_senaste",
        _latest_annual_report,
    )
    app.server.add_url_rule(
        f"{AGREEMENTS_PATH}/<agreement_id>/lagesbild-kommun/<int:year>.<kind>",
        "avtal_lagesbild_kommun_fil",
        download_lagesbild,
    )
    return app


def _send_static_parts_as_html(app: Dash) -> None:
    """The shell and every page send what no callback touches as HTML (pages/static_html.py).
    The ids are read per call: callbacks are registered until the first request."""

    def dynamic_ids() -> frozenset[str]:
        return callback_ids(app.callback_map)

    app.layout = compacted(shell, dynamic_ids)
    for page in dash.page_registry.values():
        if callable(page["layout"]):
            page["layout"] = compacted(page["layout"], dynamic_ids)


def _latest_annual_report(agreement_id: str) -> Response:
    if not is_agreement(agreement_id):
        return _text("Avtalet finns inte.", 404)
    base = agreement_base(agreement_id)
    return redirect(f"{base}/arsuppfoljning/{page_data(agreement_id=agreement_id).year}")


DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_annual_report(year: int, kind: str, agreement_id: str | None = None) -> Response:
    """The annual follow-up as PDF, Excel or HTML: the same content as its page."""
    if agreement_id is not None and not is_agreement(agreement_id):
        return _text("Avtalet finns inte.", 404)
    agreement = read_model(agreement_id).agreement
    first, last = agreement.period
    if kind not in RENDERERS or not first <= year <= last:
        return Response(
            f"Årsuppföljningen finns för {first}–{last} som pdf, xlsx eller html.",
            status=404,
            mimetype="text/plain",
        )
    body = RENDERERS[kind](current_annual_report(year, agreement_id))
    return Response(
        body,
        mimetype=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="arsuppfoljning-{year}.{kind}"'},
    )


def download_lagesbild(year: int, kind: str, agreement_id: str | None = None) -> Response:
    """The lägesbild as PDF, Word or HTML: the same content as its page."""
    from kommunlagesbild.approval import shown_lagesbild
    from kommunlagesbild.content import NoDataForYear, lagesbild_from_store
    from kommunlagesbild.formats import LAGESBILD_MEDIA_TYPES
    from kommunlagesbild.formats import RENDERERS as LAGESBILD_RENDERERS

    if agreement_id is not None and not is_agreement(agreement_id):
        return _text("Avtalet finns inte.", 404)
    model = read_model(agreement_id)
    first, last = model.agreement.period
    store = model.store
    if kind not in LAGESBILD_RENDERERS or not first <= year <= last:
        return _lagesbild_missing(f"Lägesbilden finns för {first}–{last} som pdf, docx eller html.")
    try:
        if store is None:
            raise NoDataForYear(f"Inga uppgifter är inlästa, så det finns ingen lägesbild {year}.")
        content = shown_lagesbild(
            store,
            model.agreement,
            year,
            lambda: lagesbild_from_store(
                store, model.agreement, model.catalogue, year, model.today
            ),
        ).content
    except NoDataForYear as exc:
        return _lagesbild_missing(str(exc))
    return Response(
        LAGESBILD_RENDERERS[kind](content),
        mimetype=LAGESBILD_MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="lagesbild-{year}.{kind}"'},
    )


def _lagesbild_missing(message: str) -> Response:
    return Response(message, status=404, mimetype="text/plain")


def _limit_request_size() -> None:
    # Uploads arrive base64-encoded (a third larger) in one callback request; room for a few
    # files of the largest size at once, refused by Flask before anything beyond is read.
    request.max_content_length = int(get_settings().max_upload_mb * 1_000_000 * 4 / 3 * 3)


def _check_callback_body(app: Dash) -> Response | None:
    if request.method != "POST" or request.path != "/_dash-update-component":
        return None
    problem = callback_body_problem(request.get_json(silent=True), app.callback_map)
    if problem is None:
        return None
    return _text(f"Felaktigt anrop: {problem}.", 400)


HTTP_ERRORS = {
    400: "Felaktigt anrop.",
    404: "Sidan finns inte.",
    405: "Metoden går inte att använda här.",
    413: "Anropet är för stort (se TRYGGHETSMAL_MAX_UPLOAD_MB).",
}


def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    if isinstance(error, BadInput):
        return _text(str(error.description), code)
    return _text(HTTP_ERRORS.get(code, f"Anropet kunde inte besvaras ({code})."), code)


def _storage_fault_in_route(error: Exception) -> Response:
    """A download or an audit entry that meets a full disk or a read-only database: 503 with
    the reason in Swedish. Anything else is a bug and stays a 500 in the log."""
    problem = storage_fault(error)
    if problem is None:
        raise error
    return _text(problem, 503)


def _storage_fault_in_callback(error: Exception):
    """Dash's error hook: a storage fault in a callback is shown where the callback writes its
    text (the page itself for the pages router, the result of an upload), never as a 500."""
    problem = storage_fault(error)
    if problem is None:
        raise error
    outputs = dash.ctx.outputs_list
    values: list[object] = []
    placed = False
    for output in outputs if isinstance(outputs, list) else [outputs]:
        if not placed and isinstance(output, dict) and output.get("property") == "children":
            values.append(_storage_notice(problem, page=output.get("id") == PAGES_CONTENT))
            placed = True
        else:
            values.append(no_update)
    if not placed:
        raise error
    return values if isinstance(outputs, list) else values[0]


def _storage_notice(problem: str, *, page: bool) -> html.Div | html.P:
    notice = html.P(problem, className="alert alert-danger", role="alert")
    if not page:
        return notice
    return html.Div([html.H1("Sidan kan inte visas just nu"), notice])


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")


def download_original(import_id: int) -> Response:
    """An archived original export, for analysts; every download is written to the audit log."""
    refused = refusal(Role.ANALYTIKER, "ladda ner originalfiler")
    if refused:
        return Response(refused, status=403, mimetype="text/plain")
    settings = get_settings()
    store = Store.open_existing(settings.database)
    found = None if store is None else store.find_import_by_id(import_id)
    archived = None if found is None else settings.archive_dir / found["sha256"]
    if archived is None or not found["archived"] or not archived.is_file():
        return Response("Originalfilen finns inte i arkivet.", status=404, mimetype="text/plain")
    audit.record(
        store.engine,
        timestamp(),
        current_user().name,
        "hämtade original",
        f"{found['file']} (import {import_id})",
    )
    return send_file(archived, as_attachment=True, download_name=found["file"])


def download_observations(target_id: str, kind: str, agreement_id: str | None = None) -> Response:
    """'Ladda ner data': a target's stored observations with provenance, as CSV or Excel."""
    settings = get_settings()
    if agreement_id is not None and not is_agreement(agreement_id):
        return _text("Avtalet finns inte.", 404)
    agreement, catalogue = read_model(agreement_id).agreement, load_catalogue()
    target = next((t for t in agreement.targets if t.id == target_id), None)
    if target is None or kind not in DOWNLOAD_TYPES:
        return Response(
            "Det finns inget sådant delmål eller filformat.", status=404, mimetype="text/plain"
        )
    store = Store.open_existing(settings.database)
    stored = [] if store is None else target_observations(store, target, catalogue)
    rows = [observation_json(row) for row in stored]
    body = (
        observations_csv(rows, catalogue)
        if kind == "csv"
        else observations_xlsx(
            rows, f"{target.id}: observationer bakom delmålet, {agreement.title}", catalogue
        )
    )
    return Response(
        body,
        mimetype=DOWNLOAD_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="trygghetsmal-{target.id}.{kind}"'},
    )


def shell() -> html.Div:
    # The page the browser is loading (_page_address). Its content goes into the layout itself,
    # so the first paint needs no routing callback: one round trip and one render fewer.
    address = _page_address()
    first = _first_page(*address) if address else None
    agreement = read_model(agreement_in_path(address[0]) if address else None).agreement
    return html.Div(
        [
            html.A(
                "Hoppa till innehållet",
                href="#innehall",
                className="visually-hidden-focusable skip-link",
            ),
            html.Header(_navigation(agreement.title), className="site-header"),
            # Given the address, the location reports no change when it mounts, so neither the
            # header's callback nor the router runs for the page already in the layout.
            dcc.Location(id=SHELL_LOCATION, **({"pathname": address[0]} if first else {})),
            html.Main(
                _page_container(first) if first else dash.page_container,
                id="innehall",
                tabIndex="-1",
                className="container py-4",
            ),
            # Outside the pages, so it survives a re-render and what it says is read out.
            html.Div(
                id="meddelande",
                role="status",
                className="visually-hidden",
                **{"aria-live": "polite", "aria-atomic": "true"},
            ),
            html.Footer(
                html.Div(_footer_text(agreement), className="container", id=FOOTER),
                className="site-footer py-3 mt-4",
            ),
        ]
    )


def warm_up() -> None:
    """Ready a new worker before it answers anyone (gunicorn's post_worker_init).

    Dash sets up its server on the first request, marking the setup done before it has
    registered its scripts: on a threaded worker the browser's parallel first requests for
    scripts then met "not a registered library" (a 500, and a page that never drew). Setting up
    here, in one thread, closes that. Then the overview and the first goal page are drawn once,
    so the first visitor does not wait for the read model, the verdicts and the charts' code
    (half a second here); a page that cannot be drawn now is drawn when it is asked for."""
    dash_app = dash.get_app()
    with dash_app.server.test_request_context("/"):
        dash_app._setup_server()
    try:
        goal = read_model().agreement.goals[0].id
        with dash_app.server.test_request_context("/"):
            for path in ("/", f"/mal/{goal}"):
                _first_page(path, "")
    except Exception:  # noqa: BLE001 — the visitor's request meets it, with its own handling
        log.warning("the pages could not be drawn ahead of the first visitor", exc_info=True)


@dataclass(frozen=True)
class FirstPage:
    """The page of a fresh page load, rendered into the layout as Dash's router would."""

    pathname: str
    search: str
    layout: Any
    title: str


def _page_address() -> tuple[str, str] | None:
    """(pathname, search) of the page whose layout is asked for, as window.location has them:
    the page itself when the layout is written into it (delivery.written_page), else the
    layout request's Referer (the whole address: Referrer-Policy same-origin); None when that
    does not say (none, another site, not a page)."""
    app = dash.get_app()
    if request.path != app.config.requests_pathname_prefix + "_dash-layout":
        query = request.query_string.decode()
        return request.path, f"?{query}" if query else ""
    referrer = request.referrer
    if not referrer:
        return None
    found = urlsplit(referrer)
    if found.netloc != request.host or not found.path.startswith(
        app.config.requests_pathname_prefix
    ):
        return None
    return found.path, f"?{found.query}" if found.query else ""


def _first_page(pathname: str, search: str) -> FirstPage | None:
    """What Dash's router callback returns for this address (the not-found page for an unknown
    one). None when the page cannot be made now: the router callback then makes it as before,
    and shows a storage fault the way it always has."""
    app = dash.get_app()
    page, variables = _path_to_page(app.strip_relative_path(pathname))
    if not page:
        page = next(
            (p for module, p in dash.page_registry.items() if module.endswith("not_found_404")),
            None,
        )
        variables = None
        if page is None:
            return None
    arguments = {**(variables or {}), **_parse_query_string(search)}
    try:
        layout = page["layout"](**arguments) if callable(page["layout"]) else page["layout"]
        title = page["title"](**(variables or {})) if callable(page["title"]) else page["title"]
    except Exception:  # noqa: BLE001 — the router callback tries again, with Dash's handling
        log.warning("the first page of %s is left to the router callback", pathname, exc_info=True)
        return None
    return FirstPage(pathname, search, layout, title)


def _page_container(first: FirstPage) -> html.Div:
    """dash.page_container (the same ids, so the router takes over on in-app navigation) with
    the first page already in it, and its location at the page's address."""
    return html.Div(
        [
            dcc.Location(
                id=PAGES_LOCATION,
                refresh="callback-nav",
                pathname=first.pathname,
                search=first.search,
            ),
            html.Div(first.layout, id=PAGES_CONTENT, disable_n_clicks=True),
            dcc.Store(id=PAGES_STORE, data={"title": first.title}),
            html.Div(id=PAGES_DUMMY, disable_n_clicks=True),
        ]
    )


def _navigation(agreement_title: str) -> html.Nav:
    links = [
        # A page whose address holds a year is reached through a server redirect to the latest
        # year with data, hence a full page load (external_link).
        html.Li(
            dbc.NavLink(
                page["name"],
                href=page.get("nav_href") or page["relative_path"],
                active="partial" if page.get("nav_href") else "exact",
                external_link=bool(page.get("nav_href")),
            ),
            className="nav-item",
        )
        for page in dash.page_registry.values()
        if page.get("in_navigation") and current_user().role >= page.get("min_role", Role.LASARE)
    ]
    user = current_user()
    if user.authenticated and get_settings().auth == "basic":
        # A link out of the app: logging out is a page load, not a route inside Dash.
        links.append(
            html.Li(
                html.A(f"Logga ut ({user.name})", href=LOGOUT_PATH, className="nav-link"),
                className="nav-item ms-lg-auto",
            )
        )
    return html.Nav(
        html.Div(
            [
                html.Div(
                    [
                        dash.dcc.Link(APP_NAME, href="/", className="navbar-brand mb-0"),
                        html.Span(
                            agreement_title, className="agreement-name d-block", id=AGREEMENT_NAME
                        ),
                    ],
                    className="me-4",
                ),
                # On a phone the menu folds behind one button (Bootstrap's navbar-expand-lg
                # shows it open from 992 px on, where the button is hidden).
                html.Button(
                    "Meny",
                    id=MENU_BUTTON,
                    type="button",
                    className="navbar-toggler menu-button ms-auto",
                    **{"aria-controls": MENU, "aria-expanded": "false"},
                ),
                dbc.Collapse(
                    html.Ul(links, className="navbar-nav flex-row flex-wrap gap-3"),
                    id=MENU,
                    is_open=False,
                    navbar=True,
                ),
                _agreement_picker(),
            ],
            className="container d-flex flex-wrap align-items-center",
        ),
        className="navbar navbar-expand-lg py-2",
        **{"aria-label": "Huvudmeny"},
    )


MENU = "huvudmeny"
MENU_BUTTON = "huvudmeny-knapp"

clientside_callback(
    "function(clicks, open) { return [!open, String(!open)]; }",
    Output(MENU, "is_open"),
    Output(MENU_BUTTON, "aria-expanded"),
    Input(MENU_BUTTON, "n_clicks"),
    State(MENU, "is_open"),
    prevent_initial_call=True,
)


SHELL_LOCATION = "skal-adress"
# dash.page_container's ids, which Dash's router callback reads and writes.
PAGES_LOCATION = "_pages_location"
PAGES_CONTENT = "_pages_content"
PAGES_STORE = "_pages_store"
PAGES_DUMMY = "_pages_dummy"
AGREEMENT_NAME = "avtal-namn"
FOOTER = "sidfot-avtal"
PICKER = "avtalsval"


def _agreement_picker() -> html.Details | None:
    """Every agreement of the instance, and the LPO view: a disclosure of plain links, so it
    opens with Enter or Space and each agreement is one Tab away. Full page loads, so the
    header names the agreement shown."""
    agreements = instance_agreements()
    listed = []
    for agreement_id in agreements.ids:
        try:
            listed.append((agreement_id, agreements.load(agreement_id).title))
        except ConfigError:
            continue  # the LPO view says what is wrong with the file
    items = [
        html.Li(
            html.A(
                title,
                href=agreement_base(agreement_id, agreements) or "/",
                className="dropdown-item",
            ),
            **{"data-agreement": agreement_id},
        )
        for agreement_id, title in listed
    ]
    items.append(
        html.Li(html.A("Alla avtal sida vid sida", href=AGREEMENTS_PATH, className="dropdown-item"))
    )
    return html.Details(
        [
            html.Summary("Byt avtal", className="nav-link"),
            html.Ul(items, className="list-unstyled agreement-picker-list"),
        ],
        id=PICKER,
        className="agreement-picker ms-lg-3",
    )


def _footer_text(agreement: Agreement) -> str:
    parties = ", ".join(party.name for party in agreement.parties)
    return f"{APP_NAME} · {agreement.title} · Parter: {parties}"


@callback(
    Output(AGREEMENT_NAME, "children"),
    Output(FOOTER, "children"),
    Input(SHELL_LOCATION, "pathname"),
    # The layout names the first page's agreement; this follows in-app navigation.
    prevent_initial_call=True,
)
def _shown_agreement(pathname: str | None) -> tuple[str, str]:
    """Header and footer name the agreement whose page is shown, also after in-app navigation."""
    agreement = read_model(agreement_in_path(pathname or "/")).agreement
    return agreement.title, _footer_text(agreement)


def agreement_in_path(path: str) -> str | None:
    """'trelleborg-2023-2026' for /avtal/trelleborg-2023-2026/…; None (the default) otherwise."""
    parts = path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == AGREEMENTS_PATH.strip("/") and is_agreement(parts[1]):
        return parts[1]
    return None


def is_known_path(path: str) -> bool:
    """True when a registered page serves `path` (path variables checked by the page)."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template is None:
            if path == page["path"]:
                return True
            continue
        variables = _match_template(template, path)
        accepts: Callable[..., bool] = page.get("accepts_path", lambda **_: True)
        if variables is not None and accepts(**variables):
            return True
    return False


def draws_charts(path: str) -> bool:
    """True when the page at `path` has plotly charts (registered with `charts=True`)."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        if not page.get("charts"):
            continue
        template = page.get("path_template")
        if template is None and path == page["path"]:
            return True
        if template is not None and _match_template(template, path) is not None:
            return True
    return False


def _match_template(template: str, path: str) -> dict[str, str] | None:
    """{'goal_id': 'tobak'} for '/mal/<goal_id>' and '/mal/tobak'; None when it does not fit."""
    wanted, given = template.split("/"), path.split("/")
    if len(wanted) != len(given):
        return None
    variables = {}
    for part, value in zip(wanted, given, strict=True):
        if part.startswith("<") and part.endswith(">") and value:
            variables[part[1:-1]] = value
        elif part != value:
            return None
    return variables


def _not_found_status(response: Response) -> Response:
    # Dash answers every unknown URL with its index page and status 200; a link checker, a
    # screen reader user and a bookmarked stale URL all deserve a real 404.
    is_page_request = (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and not request.path.startswith(("/_dash", "/assets", "/_favicon", "/_reload"))
        and "Content-Disposition" not in response.headers  # a download, not a page
        and request.path not in (LOGIN_PATH, LOGOUT_PATH)  # answered by auth, not Dash
    )
    if is_page_request and not is_known_path(request.path):
        response.status_code = 404
    return response


app = create_app()
server = app.server
