"""A Document as one HTML file, and that file printed by WeasyPrint as a tagged PDF (PDF/UA-1).

The same HTML is the HTML download and the PDF's source, so what the board reads on paper and
on screen cannot differ. Every text passes html.escape; commentary goes through the Markdown
subset, which escapes everything else.

Layout rules that make the PDF read as a document: one font family everywhere (the page
header and footer included, and the charts' text), a heading never ends a page (break-after:
avoid, and a target's heading kept with its text), and tables too wide for portrait get an A4
landscape page of their own.
"""

from __future__ import annotations

import base64
from html import escape

import weasyprint

from report.charts import chart_size_cm, chart_svg
from report.markdown import markdown_html
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

FONT = '"DejaVu Sans", sans-serif'
CONTENTS_ANCHOR = "innehall"

STYLE = """
@page {{ size: A4; margin: 18mm 16mm 20mm;
  @top-right {{ content: "{running_title}"; font-family: {FONT}; font-size: 8pt;
    color: #495057; }}
  @bottom-center {{ content: "Sida " counter(page) " av " counter(pages); font-family: {FONT};
    font-size: 8pt; color: #495057; }} }}
@page wide {{ size: A4 landscape; }}
html {{ font-family: {FONT}; font-size: 9.5pt; line-height: 1.35; color: #1b1f23; }}
body {{ margin: 0; }}
main {{ max-width: 60em; margin: 0 auto; }}
@media screen {{ main {{ padding: 1.5em; }} }}
h1 {{ font-size: 16pt; margin: 0 0 4pt; line-height: 1.2; }}
h2 {{ font-size: 12.5pt; margin: 14pt 0 4pt; padding-top: 6pt; border-top: 1px solid #adb5bd; }}
h3 {{ font-size: 10pt; margin: 8pt 0 2pt; }}
h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
p {{ margin: 2pt 0 4pt; orphans: 2; widows: 2; }}
p.meta {{ color: #495057; }}
p.small {{ font-size: 8.5pt; }}
p.wording {{ font-style: italic; border-left: 3px solid #0a3d62; padding-left: 6pt; }}
.keep {{ break-inside: avoid; page-break-inside: avoid; }}
.wide {{ page: wide; }}
.break-after {{ break-after: page; }}
.status {{ font-weight: bold; white-space: nowrap; padding: 0 3pt; border-radius: 2pt;
  border: 0.6pt solid transparent; }}
.status-uppnatt {{ background: #1a6e31; color: #fff; }}
.status-ej_uppnatt {{ background: #a4232f; color: #fff; }}
.status-pa_vag {{ background: #fff; color: #14532d; border-color: #14532d; }}
.status-osakert {{ background: #fff3cd; color: #5c4503; border-color: #997404; }}
.status-delvis_uppnatt {{ background: #fff; color: #5c4503; border-color: #997404; }}
.status-inte_pa_vag {{ background: #f8d7da; color: #6e1a22; border-color: #a4232f; }}
.status-kan_inte_bedomas {{ background: #eceff1; color: #30363b; border-color: #6c757d; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; table-layout: fixed; }}
caption {{ caption-side: top; text-align: left; font-weight: bold; padding: 2pt 0; }}
th, td {{ border: 0.6pt solid #adb5bd; padding: 1.5pt 3pt; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }}
/* Goal and target names stay whole words, so they read (and search) as written. */
td {{ hyphens: auto; }}
thead th {{ background: #e9ecef; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
td.num, th.num {{ text-align: right; }}
td.num {{ white-space: nowrap; }}
tbody th {{ font-weight: normal; }}
tr.group th, tr.group td {{ background: #f1f3f5; font-weight: bold; }}
table.compact {{ font-size: 7.5pt; line-height: 1.25; }}
figure {{ margin: 4pt 0 8pt; break-inside: avoid; page-break-inside: avoid; }}
figure img {{ display: block; max-width: 100%; }}
figcaption {{ font-size: 8pt; color: #495057; }}
nav.toc ol {{ padding-left: 1.5em; margin: 2pt 0; }}
nav.toc a {{ color: inherit; text-decoration: none; }}
nav.toc a::after {{ content: leader(".") target-counter(attr(href), page); }}
.commentary {{ border-left: 3px solid #adb5bd; padding-left: 6pt; }}
ul {{ margin: 2pt 0 4pt; padding-left: 1.4em; }}
"""


def document_html(document: Document) -> str:
    keywords = ", ".join(document.keywords)
    body = "".join(_block(b, document) for b in document.blocks)
    return (
        f"<!DOCTYPE html><html lang='{escape(document.language)}'><head><meta charset='utf-8'>"
        f"<title>{escape(document.title)}</title>"
        f"<meta name='author' content='{escape(document.author)}'>"
        f"<meta name='description' content='{escape(document.subject)}'>"
        f"<meta name='keywords' content='{escape(keywords)}'>"
        f"<meta name='generator' content='Trygghetsmål'>"
        f"<style>{_style(document)}</style></head><body><main>{body}</main></body></html>"
    )


def document_pdf(document: Document) -> bytes:
    """PDF/UA-1: tagged, with language, title, author and bookmarks from the headings."""
    pdf = weasyprint.HTML(string=document_html(document)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=False, uncompressed_pdf=False
    )
    assert pdf is not None
    return pdf


def _style(document: Document) -> str:
    # A CSS string: only characters that cannot end it or the style element.
    title = "".join(c for c in document.running_title if c not in '"\\<>')
    return STYLE.format(FONT=FONT, running_title=title)


def _block(block: Block, document: Document) -> str:
    match block:
        case Heading(level=level, text=text, anchor=anchor):
            ident = f" id='{escape(anchor)}'" if anchor else ""
            return f"<h{level}{ident}>{escape(text)}</h{level}>"
        case Paragraph(content=content, style=style):
            css = "" if style == "body" else f" class='{style}'"
            return f"<p{css}>{_runs(content)}</p>"
        case BulletList(items=items):
            return "<ul>" + "".join(f"<li>{_runs(item)}</li>" for item in items) + "</ul>"
        case Table():
            return _table(block)
        case Figure():
            return _figure(block)
        case Markdown(text=text):
            return f"<div class='commentary'>{markdown_html(text)}</div>"
        case Contents(title=title):
            return _contents(document, title)
        case Section():
            classes = [
                name
                for name, wanted in (
                    ("keep", block.keep_together),
                    ("wide", block.landscape),
                    ("break-after", block.page_break_after),
                )
                if wanted
            ]
            css = f" class='{' '.join(classes)}'" if classes else ""
            return f"<section{css}>{''.join(_block(b, document) for b in block.blocks)}</section>"
    raise TypeError(f"unknown block {block!r}")


def _runs(content: Runs) -> str:
    parts = []
    for part in content:
        if isinstance(part, StatusMark):
            parts.append(
                f"<span class='status status-{part.status.value}'>{part.status.icon} "
                f"{escape(part.label)}</span>"
            )
        elif isinstance(part, Text):
            text = escape(part.text)
            text = f"<strong>{text}</strong>" if part.bold else text
            parts.append(f"<em>{text}</em>" if part.italic else text)
    return "".join(parts)


def _table(table: Table) -> str:
    total = sum(table.widths)
    columns = "".join(f"<col style='width:{w / total * 100:.1f}%'>" for w in table.widths)
    head = "".join(
        f"<th scope='col'{_num(i, table)}>{escape(h)}</th>" for i, h in enumerate(table.header)
    )
    body = []
    for row in table.rows:
        first, *rest = row.cells
        line = f"<th scope='row'>{_runs(first.content)}</th>" + "".join(
            f"<td{_num(i, table)}>{_runs(cell.content)}</td>"
            for i, cell in enumerate(rest, start=1)
        )
        body.append(f"<tr class='group'>{line}</tr>" if row.emphasis else f"<tr>{line}</tr>")
    css = " class='compact'" if table.compact else ""
    return (
        f"<table{css}><caption>{escape(table.caption)}</caption><colgroup>{columns}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _num(index: int, table: Table) -> str:
    return " class='num'" if index in table.numeric else ""


def _figure(figure: Figure) -> str:
    width, height = chart_size_cm(figure.chart)
    svg = base64.b64encode(chart_svg(figure.chart)).decode()
    return (
        f"<figure><img src='data:image/svg+xml;base64,{svg}' alt='{escape(figure.alt)}' "
        f"style='width:{width}cm;height:{height}cm'>"
        f"<figcaption>{escape(figure.caption)}</figcaption></figure>"
    )


def _contents(document: Document, title: str) -> str:
    chapters = [b for b in walk(document.blocks) if isinstance(b, Heading) and b.level == 2]
    items = "".join(
        f"<li><a href='#{escape(h.anchor)}'>{escape(h.text)}</a></li>"
        for h in chapters
        if h.anchor and h.anchor != CONTENTS_ANCHOR
    )
    return (
        f"<nav class='toc' aria-labelledby='{CONTENTS_ANCHOR}'>"
        f"<h2 id='{CONTENTS_ANCHOR}'>{escape(title)}</h2>"
        f"<ol>{items}</ol></nav>"
    )
