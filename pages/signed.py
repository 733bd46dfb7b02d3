"""What the pages where analysts write and an admin approves share: the annual follow-up's
commentary (pages/arsuppfoljning.py) and the lägesbild's own texts (pages/lagesbild_kommun.py).
The name field, a text with its earlier versions, the approval section, and a storage fault said
in Swedish beside the button."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from dash import dcc, html

from auth import Role, current_user
from followup.commentary import MAX_COMMENT_CHARACTERS, MAX_NAME_CHARACTERS
from indicators.faults import storage_fault
from indicators.times import moment_text
from pages.components import markdown


class Version(Protocol):
    """One saved version of a text: a goal's comment or a lägesbild section."""

    @property
    def text(self) -> str: ...

    @property
    def author(self) -> str: ...

    @property
    def saved_at(self) -> str: ...


def author_field(component_id: str) -> html.Div | None:
    """Who is writing: the logged-in user, or without login the name typed (kept locally)."""
    user = current_user()
    if user.role < Role.ANALYTIKER:
        return None
    if user.authenticated:
        # The server records the logged-in name whatever this says; it only fills the state.
        return html.Div(
            [
                html.P(f"Inloggad som {user.name} ({user.role.label})."),
                dcc.Input(id=component_id, type="hidden", value=user.name),
            ],
            className="no-print my-3 small text-body-secondary",
        )
    return html.Div(
        [
            html.Label(
                "Ditt namn (sparas med varje kommentar, fastställande och hävning)",
                htmlFor=component_id,
                className="form-label",
            ),
            dcc.Input(
                id=component_id,
                type="text",
                maxLength=MAX_NAME_CHARACTERS,
                persistence=True,
                persistence_type="local",
                className="form-control",
                style={"maxWidth": "24rem"},
                autoComplete="name",
            ),
        ],
        className="no-print my-3",
    )


def text_versions(heading: str | None, current: Version | None, history: list) -> list:
    """The current text with its author and time, and the earlier versions folded away."""
    if current is None:
        return []
    shown = [
        *([html.H3(heading, className="h6 mt-3")] if heading else []),
        html.Div(markdown(current.text), className="commentary"),
        html.P(
            f"{current.author}, {moment_text(current.saved_at)}",
            className="small text-body-secondary",
        ),
    ]
    if len(history) > 1:
        shown.append(
            html.Details(
                [
                    html.Summary(f"Tidigare versioner ({len(history) - 1})"),
                    html.Ol(
                        [
                            html.Li(
                                [
                                    html.P(
                                        f"{old.author}, {moment_text(old.saved_at)}",
                                        className="small text-body-secondary mb-1",
                                    ),
                                    html.Div(markdown(old.text), className="commentary"),
                                ]
                            )
                            for old in history[1:]
                        ],
                        reversed=True,
                    ),
                ],
                className="no-print",
            )
        )
    return shown


def markdown_editor(
    summary: str,
    label: str,
    ids: tuple[str | dict[str, str], str | dict[str, str]],
    start: str,
    button: str,
    rows: int = 6,
    after: list | None = None,
) -> html.Details:
    """A folded editor of a text in the Markdown subset: ids are the textarea's and the save
    button's; `after` follows the button (a status line)."""
    textarea, save = ids
    return html.Details(
        [
            html.Summary(summary),
            html.Label(
                [
                    f"{label}. Stöd: **fet**, *kursiv*, listor med - eller 1. "
                    "HTML och länkar visas som text.",
                    dcc.Textarea(
                        id=textarea,
                        value=start,
                        rows=rows,
                        maxLength=MAX_COMMENT_CHARACTERS,
                        className="form-control mt-1",
                    ),
                ],
                className="form-label w-100",
            ),
            html.Button(button, id=save, className="btn btn-primary btn-sm"),
            *(after or []),
        ],
        className="no-print mt-2",
    )


def approval_section(
    ids: tuple[str, str, str],
    action: str,
    label: str,
    style: str,
    explanation: str,
    question: str,
    said: str | None = None,
) -> html.Section:
    """The approve or withdraw button behind a confirmation: ids are the dialog's, the store
    of which action the button means, and the message's (`said`, after an action)."""
    dialog, action_store, message = ids
    return html.Section(
        [
            html.H2("Fastställande", id="faststallande", className="h4"),
            html.P(explanation),
            dcc.Store(id=action_store, data=action),
            dcc.ConfirmDialogProvider(
                html.Button(label, className=f"btn {style}"), id=dialog, message=question
            ),
            html.P(said, id=message, role="status", className="mt-2"),
        ],
        className="no-print mt-5 pt-3 border-top",
        **{"aria-labelledby": "faststallande"},
    )


def storage_problem(error: Exception) -> str:
    """A full disk or a read-only database, said in Swedish beside the button; anything else
    is a bug and propagates."""
    problem = storage_fault(error)
    if problem is None:
        raise error
    return problem


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
