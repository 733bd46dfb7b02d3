"""Logg: who imported, commented, approved or downloaded an original, and when (admin only)."""

from __future__ import annotations

import dash
from dash import html

import audit
from auth import Role, current_user
from indicators.store import Store
from indicators.times import moment_text
from settings import get_settings

dash.register_page(
    __name__,
    path="/logg",
    name="Logg",
    title="Logg – Trygghetsmål",
    order=8,
    in_navigation=True,
    min_role=Role.ADMIN,
)

SHOWN = 1000


def layout(**_query: str) -> html.Div:
    user = current_user()
    if user.role < Role.ADMIN:
        return html.Div(
            [
                html.H1("Logg"),
                html.P(f"{user.name} är {user.role.label}; loggen visas bara för admin."),
            ]
        )
    settings = get_settings()
    store = Store.open_existing(settings.database)
    entries = [] if store is None else audit.entries(store.engine, SHOWN)
    return html.Div(
        [
            html.H1("Logg"),
            html.P(
                "Vem som läst in filer, kommenterat, fastställt eller hävt ett år och laddat ner "
                f"originalfiler, senaste först (högst {SHOWN})."
            ),
            _table(entries) if entries else html.P("Loggen är tom."),
        ]
    )


def _table(entries: list[dict]) -> html.Div:
    rows = [
        html.Tr(
            [
                html.Td(moment_text(e["at"]), className="text-nowrap"),
                html.Td(e["user"]),
                html.Td(e["action"]),
                html.Td(e["detail"]),
            ]
        )
        for e in entries
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(f"Loggposter ({len(entries)})"),
                html.Thead(
                    html.Tr([html.Th(h, scope="col") for h in ("När", "Vem", "Vad", "Detaljer")])
                ),
                html.Tbody(rows),
            ],
            className="table table-sm table-bordered",
        ),
        className="table-responsive",
    )
