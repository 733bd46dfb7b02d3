"""The annual follow-up as one HTML document: downloaded as it is, or printed to A4 PDF by
WeasyPrint (page numbers and a table of contents from CSS Paged Media).

Every text from data passes html.escape, so nothing in an imported file becomes markup.
"""

from __future__ import annotations

from html import escape

import weasyprint

from goals.describe import KIND_LABELS
from goals.measures import (
    AREA_COLUMNS,
    MeasuresOverview,
    column_headings,
    focus_area_cells,
    line_cells,
    summary_sentence,
)
from goals.status import ROLL_UP_ORDER, Status
from goals.words import date_of, interval_text, moment_text
from report.commentary import markdown_html
from report.content import AnnualReport, Comment, GoalEntry, TargetEntry
from report.sparkline import sparkline_uri

STYLE = """
@page { size: A4; margin: 20mm 18mm 22mm;
  @bottom-center { content: "Sida " counter(page) " av " counter(pages); font-size: 9pt; }
  @top-right { content: string(doc-title); font-size: 8pt; color: #555; } }
.running-title { string-set: doc-title content(); display: none; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #1b1f23; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 4pt; border-top: 1px solid #bbb; padding-top: 8pt; }
h3 { font-size: 10.5pt; margin: 8pt 0 2pt; }
.goal { break-inside: avoid-page; }
.wording { font-style: italic; border-left: 3px solid #0a3d62; padding-left: 6pt; }
.status { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader(".") target-counter(attr(href), page); }
.meta { color: #444; }
table.measures { font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
.commentary { border-left: 3px solid #bbb; padding-left: 6pt; }
"""


def report_html(report: AnnualReport) -> str:
    agreement = report.agreement
    first, last = agreement.period
    parties = ", ".join(p.name for p in agreement.parties)
    title = f"Årsuppföljning {report.year}: {agreement.title}"
    parts = [
        f"<p class='running-title'>Årsuppföljning {report.year}</p><h1>{escape(title)}</h1>",
        f"<p class='meta'>Parter: {escape(parties)}. Avtalsperiod {first}–{last}. Uppföljningsår "
        f"{report.year}. {escape(report.state)}</p>",
        _contents(report),
        _summary(report),
        *[_goal(entry, report) for entry in report.goals],
        _measures(report.measures, report.year),
    ]
    return (
        f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title><style>{STYLE}</style></head><body><main>{''.join(parts)}</main></body></html>"
    )


def report_pdf(report: AnnualReport) -> bytes:
    return weasyprint.HTML(string=report_html(report)).write_pdf()


def _contents(report: AnnualReport) -> str:
    items = (
        "".join(
            f"<li><a href='#mal-{escape(e.goal.id)}'>{escape(e.goal.title)}</a></li>"
            for e in report.goals
        )
        + "<li><a href='#atgarder'>Åtgärder</a></li>"
    )
    return f"<nav class='toc' aria-label='Innehåll'><h2>Innehåll</h2><ol>{items}</ol></nav>"


def _summary(report: AnnualReport) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{s.icon} {escape(s.label)}</th><td>{report.goal_counts[s]}</td>"
        f"<td>{report.target_counts[s]}</td></tr>"
        for s in reversed(ROLL_UP_ORDER)
    )
    table = (
        f"<table><caption>Mål och delmål per status {report.year}</caption><thead><tr>"
        "<th scope='col'>Status</th><th scope='col'>Mål</th><th scope='col'>Delmål</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return (
        f"<section><h2>Sammanfattning</h2>{table}"
        f"{_movers('Bättre än året före', report.improved)}"
        f"{_movers('Sämre än året före', report.worsened)}</section>"
    )


def _movers(heading: str, entries: list[TargetEntry]) -> str:
    if not entries:
        return f"<h3>{heading}</h3><p>Inga delmål.</p>"
    items = "".join(
        f"<li>{escape(t.label)}: {escape(t.previous.status.label)} → "
        f"{escape(t.verdict.status.label)}</li>"
        for t in entries
        if t.previous
    )
    return f"<h3>{heading}</h3><ul>{items}</ul>"


def _goal(entry: GoalEntry, report: AnnualReport) -> str:
    goal = entry.goal
    targets = "".join(_target(t, report.year) for t in entry.targets)
    return (
        f"<section class='goal' id='mal-{escape(goal.id)}'><h2>{escape(goal.title)}</h2>"
        f"<p class='wording'>{escape(goal.wording)}</p>"
        f"<p>{KIND_LABELS[goal.kind]}. Status {report.year}: {_status(entry.status)}</p>{targets}"
        f"{_comment(report.comment(goal.id))}</section>"
    )


def _measures(overview: MeasuresOverview | None, year: int) -> str:
    heading = f"<h2 id='atgarder'>Åtgärder {year}</h2>"
    if overview is None or overview.file is None:
        return f"<section>{heading}<p>Ingen åtgärdslista är importerad.</p></section>"
    if not overview.lines:
        return (
            f"<section>{heading}<p>Åtgärdslistan {escape(overview.file)} har inga åtgärder "
            f"som pågick {year} eller hade budget {year} eller {year - 1}.</p></section>"
        )
    areas = _table(
        f"Budget per fokusområde {year}",
        column_headings(year, AREA_COLUMNS),
        focus_area_cells(overview),
    )
    tables = "".join(
        _table(
            f"Åtgärder {year}: {area}", column_headings(year), [line_cells(line) for line in lines]
        )
        for area, lines in overview.focus_areas
    )
    return (
        f"<section>{heading}<p class='meta'>Från åtgärdslistan {escape(overview.file)}, "
        f"importerad {date_of(overview.imported_at)}. Status är den som står i listan.</p>"
        f"<p>{escape(summary_sentence(overview))}</p>"
        f"{areas}{tables}</section>"
    )


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>" for cells in rows
    )
    return (
        f"<table class='measures'><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _comment(comment: Comment | None) -> str:
    if comment is None:
        return ""
    # markdown_html escapes everything outside the Markdown subset, raw HTML included.
    return (
        f"<h3>Kommentar</h3><div class='commentary'>{markdown_html(comment.text)}</div>"
        f"<p class='meta'>{escape(comment.author)}, {escape(moment_text(comment.saved_at))}</p>"
    )


def _target(entry: TargetEntry, year: int) -> str:
    verdict = entry.verdict
    interval = f" (95 % intervall {interval_text(verdict.ci, entry.measure)})" if verdict.ci else ""
    chart = ""
    if entry.trend:
        threshold = getattr(entry.target.rule, "value", None)
        chart = (
            f"<img src='{sparkline_uri(entry.trend, year, threshold, 280, 60)}' "
            f"alt='' width='280' height='60'>"
        )
    return (
        f"<h3>{escape(entry.label)}</h3>"
        f"<p>{_status(verdict.status, verdict.short)}{escape(interval)}</p>"
        f"<p>{escape(verdict.sentence)}</p>"
        f"<p class='meta'>Förändring: {escape(entry.change)}</p>{chart}"
    )


def _status(status: Status, text: str | None = None) -> str:
    return f"<span class='status'>{status.icon} {escape(text or status.label)}</span>"
