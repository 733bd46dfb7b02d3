"""A report Document (report/model.py) as Dash elements, so a page can show exactly what its PDF
and Word file say. Headings keep their levels (the document's one level-1 heading is the page's
h1), tables keep caption, column and row headers, and a status is icon and text."""

from __future__ import annotations

from dash import html

from pages.components import markdown
from report.model import (
    Block,
    BulletList,
    Contents,
    Document,
    Figure,
    Heading,
    Markdown,
    Paragraph,
    Runs,
    Section,
    StatusMark,
    Table,
    Text,
    walk,
)

HEADINGS = {1: html.H1, 2: html.H2, 3: html.H3, 4: html.H4}


def document_components(document: Document) -> list:
    return [_block(block, document) for block in document.blocks]


def _block(block: Block, document: Document):
    match block:
        case Heading(level=level, text=text, anchor=anchor):
            return (
                HEADINGS.get(level, html.H4)(text, id=anchor)
                if anchor
                else HEADINGS.get(level, html.H4)(text)
            )
        case Paragraph(content=content, style=style):
            classes = {"meta": "text-body-secondary", "small": "small"}.get(style)
            return html.P(_runs(content), className=classes)
        case BulletList(items=items):
            return html.Ul([html.Li(_runs(item)) for item in items])
        case Table():
            return _table(block)
        case Markdown(text=text):
            return html.Div(markdown(text))
        case Figure(caption=caption, alt=alt):
            return html.P(f"{caption} {alt}")
        case Contents(title=title):
            return _contents(document, title)
        case Section(blocks=blocks):
            return html.Section([_block(b, document) for b in blocks])
    raise TypeError(f"okänd blocktyp {type(block).__name__}")


def _runs(content: Runs) -> list:
    parts: list = []
    for part in content:
        if isinstance(part, StatusMark):
            parts.append(html.Span(f"{part.status.icon} {part.label}", className="status-text"))
        elif isinstance(part, Text):
            if part.bold:
                parts.append(html.Strong(part.text))
            elif part.italic:
                parts.append(html.Em(part.text))
            else:
                parts.append(part.text)
    return parts


def _table(table: Table) -> html.Div:
    def align(index: int) -> str | None:
        return "text-end" if index in table.numeric else None

    return html.Div(
        html.Table(
            [
                html.Caption(table.caption),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(h, scope="col", className=align(i))
                            for i, h in enumerate(table.header)
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Th(_runs(row.cells[0].content), scope="row"),
                                *[
                                    html.Td(_runs(cell.content), className=align(i))
                                    for i, cell in enumerate(row.cells[1:], start=1)
                                ],
                            ]
                        )
                        for row in table.rows
                    ]
                ),
            ],
            className="table table-sm table-bordered",
        ),
        className="table-responsive",
    )


def _contents(document: Document, title: str) -> html.Nav:
    chapters = [b for b in walk(document.blocks) if isinstance(b, Heading) and b.level == 2]
    return html.Nav(
        [
            html.H2(title),
            html.Ol([html.Li(html.A(h.text, href=f"#{h.anchor}")) for h in chapters if h.anchor]),
        ],
        **{"aria-label": title},
    )
