"""The annual follow-up as an Excel workbook: a summary sheet with every target's verdict (the
same values as `status --json`), a sheet per goal with the target's yearly values, the
åtgärder with the same per-focus-area sums and totals as the page, and the åtgärdsplan in Brå's
template with its follow-up per year and its links to the lägesbild's problems and the targets.

Numbers are numbers with real number formats (`#,##0`, `0.0`, `0 %`): Excel and LibreOffice
show them with the reader's own separators, in Sweden '1 400 000' and '2,29'. Years are plain
integers, intervals are rounded as the page writes them, times are Swedish time and dates are
dates. xlsxwriter never reads a string as a formula here, so '=HYPERLINK(…)' from a file stays
text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from goals.atgarder import AtgarderOverview, AtgardLine
from indicators.times import date_of, local_time
from report.atgarder import AREA_COLUMNS, column_headings
from report.content import AnnualReport, GoalEntry, TargetEntry

SUMMARY_COLUMNS = [
    "Mål",
    "Delmål (id)",
    "Delmål",
    "Status (id)",
    "Status",
    "Säkerhet",
    "Värde",
    "Enhet",
    "Intervall från",
    "Intervall till",
    "Bedömt år",
    "Sannolikhet",
    "Preliminärt",
    "Förändring",
    "Mening",
]
SUMMARY_WIDTHS = [28, 18, 34, 14, 30, 16, 10, 12, 12, 12, 10, 12, 11, 44, 90]
# Excel number format codes: ',' groups thousands and '.' is the decimal point in the code;
# each reader's locale shows its own separators.
NUMBER_FORMATS = {
    "integer": "#,##0",
    "one_decimal": "#,##0.0",
    "two_decimals": "0.00",
    "year": "0",
    # Probabilities are never shown as 0 % or 100 % (design.md): the extremes say so in words.
    "probability": '[<0.01]"under 1 %";[>0.99]"över 99 %";0 %',
    "signed": "+#,##0;-#,##0;0",
    "date": "yyyy-mm-dd",
    "time": "yyyy-mm-dd hh:mm",
}


class Formats:
    def __init__(self, book: xlsxwriter.Workbook):
        self.heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.total = book.add_format({"bold": True, "num_format": NUMBER_FORMATS["integer"]})
        self.number = {
            name: book.add_format({"num_format": code, "valign": "top"})
            for name, code in NUMBER_FORMATS.items()
        }


def report_xlsx(report: AnnualReport) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": NUMBER_FORMATS["date"],
        },
    )
    book.set_properties(
        {"title": f"Årsuppföljning {report.year}: {report.agreement.title}", "language": "sv-SE"}
    )
    formats = Formats(book)
    _summary(book, report, formats)
    names: set[str] = {"Sammanfattning", "Åtgärder", PLAN_SHEET}
    for entry in report.goals:
        _goal_sheet(book, entry, report, formats, names)
    _atgarder_sheet(book, report.atgarder, report.year, formats)
    _plan_sheet(book, report, formats)
    book.close()
    return buffer.getvalue()


def rounding(measure: str) -> tuple[int, str]:
    """Decimals and number format of a value as the page writes it (goals.words.value_text)."""
    if measure == "index_0_6":
        return 2, "two_decimals"
    if measure in ("andel_pct", "skala", "per_100k", "per_1000", "varde"):
        return 1, "one_decimal"
    return 0, "integer"


def interval_rounding(measure: str) -> tuple[int, str]:
    """As goals.words.interval_text: shares to a tenth, everything else whole."""
    return (1, "one_decimal") if measure == "andel_pct" else (0, "integer")


def _write_row(sheet: Worksheet, line: int, cells: Sequence[tuple[Any, Format | None]]) -> None:
    for column, (value, style) in enumerate(cells):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            sheet.write_string(line, column, str(value), style)
        else:
            sheet.write_number(line, column, value, style)


def _summary(book: xlsxwriter.Workbook, report: AnnualReport, formats: Formats) -> None:
    sheet = book.add_worksheet("Sammanfattning")
    sheet.write_string(
        0, 0, f"Årsuppföljning {report.year}: {report.agreement.title}", formats.title
    )
    sheet.write_string(1, 0, report.state)
    for column, heading in enumerate(SUMMARY_COLUMNS):
        sheet.write_string(2, column, heading, formats.heading)
    line = 3
    for entry in report.goals:
        for target in entry.targets:
            _write_row(sheet, line, _summary_cells(entry, target, formats))
            line += 1
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, line - 1, len(SUMMARY_COLUMNS) - 1)
    for column, width in enumerate(SUMMARY_WIDTHS):
        sheet.set_column(column, column, width)


def _summary_cells(
    entry: GoalEntry, target: TargetEntry, formats: Formats
) -> list[tuple[Any, Format | None]]:
    v = target.verdict
    _, value_format = rounding(target.measure)
    digits, ci_format = interval_rounding(target.measure)
    number = formats.number
    return [
        (entry.goal.title, None),
        (target.target.id, None),
        (target.label, None),
        (v.status.value, None),
        (v.short, None),
        (v.qualifier.value if v.qualifier else None, None),
        (v.value, number[value_format]),  # as status --json has it; the format rounds the view
        (v.unit, None),
        (round(v.ci[0], digits) if v.ci else None, number[ci_format]),
        (round(v.ci[1], digits) if v.ci else None, number[ci_format]),
        (v.judged_year, number["year"]),
        (v.probability, number["probability"]),
        ("ja" if v.preliminary else "nej", None),
        (target.change, formats.wrap),
        (v.sentence, formats.wrap),
    ]


def _sheet_name(title: str, taken: set[str]) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\ and unique ignoring case.
    base = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    name, number = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def _goal_sheet(
    book: xlsxwriter.Workbook,
    entry: GoalEntry,
    report: AnnualReport,
    formats: Formats,
    taken: set[str],
) -> None:
    sheet = book.add_worksheet(_sheet_name(entry.goal.title, taken))
    sheet.write_string(0, 0, entry.goal.title, formats.title)
    sheet.write_string(1, 0, entry.goal.wording)
    sheet.write_string(2, 0, f"Status {report.year}: {entry.status.label}")
    comment = report.comment(entry.goal.id)
    if comment:
        sheet.write_string(3, 0, "Kommentar", formats.heading)
        sheet.write_string(3, 1, comment.text, formats.wrap)
        sheet.write_string(3, 2, comment.author)
        sheet.write_datetime(3, 3, local_time(comment.saved_at), formats.number["time"])
    headings = ["Delmål", "År", "Värde", "Intervall från", "Intervall till", "Helt år"]
    for column, heading in enumerate(headings):
        sheet.write_string(4, column, heading, formats.heading)
    line = 5
    for target in entry.targets:
        _, value_format = rounding(target.measure)
        digits, ci_format = interval_rounding(target.measure)
        for point in target.trend:
            interval = target.intervals.get(point.year)
            _write_row(
                sheet,
                line,
                [
                    (target.label, None),
                    (point.year, formats.number["year"]),
                    (point.value, formats.number[value_format]),
                    (round(interval[0], digits) if interval else None, formats.number[ci_format]),
                    (round(interval[1], digits) if interval else None, formats.number[ci_format]),
                    ("ja" if point.complete else "nej", None),
                ],
            )
            line += 1
    sheet.freeze_panes(5, 0)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 8)
    sheet.set_column(2, 4, 14)
    sheet.set_column(5, 5, 9)


def area_sums(overview: AtgarderOverview) -> list[tuple[str, int, float | None, float | None]]:
    """Per focus area: åtgärder, the year's budget and the year before's, as the page sums."""
    rows = []
    for area, lines in overview.focus_areas:
        part = AtgarderOverview(overview.year, tuple(lines))
        rows.append((area, len(lines), part.total(), part.total(before=True)))
    return rows


def _atgarder_sheet(
    book: xlsxwriter.Workbook, overview: AtgarderOverview | None, year: int, formats: Formats
) -> None:
    sheet = book.add_worksheet("Åtgärder")
    sheet.write_string(0, 0, f"Åtgärder {year}", formats.title)
    if overview is None or overview.file is None or overview.imported_at is None:
        sheet.write_string(1, 0, "Ingen åtgärdslista är importerad.")
        return
    sheet.write_string(
        1,
        0,
        f"Från åtgärdslistan {overview.file}, importerad {date_of(overview.imported_at)}"
        ". Status är den som står i listan. Belopp i kronor.",
    )
    headings = [
        "Fokusområde",
        "Åtgärd",
        "Ansvarig",
        "Status",
        "Kopplade mål",
        "Start",
        "Slut",
        *[h + " (kr)" for h in column_headings(year)[5:]],
    ]
    for column, heading in enumerate(headings):
        sheet.write_string(3, column, heading, formats.heading)
    number = formats.number
    for line_number, line in enumerate(overview.lines, start=4):
        _write_row(sheet, line_number, [(text, None) for text in _texts(line)])
        for column, day in ((5, line.start), (6, line.end)):
            if day is not None:
                sheet.write_datetime(line_number, column, day, number["date"])
        for column, amount, style in (
            (7, line.budget, "integer"),
            (8, line.budget_before, "integer"),
            (9, line.change, "signed"),
        ):
            if amount is not None:
                sheet.write_number(line_number, column, amount, number[style])
    last = 3 + len(overview.lines)
    sheet.autofilter(3, 0, last, len(headings) - 1)
    _area_table(sheet, overview, year, formats, first_column=len(headings) + 1)
    sheet.freeze_panes(4, 0)
    sheet.set_column(0, 1, 36)
    sheet.set_column(2, 4, 16)
    sheet.set_column(5, 6, 11)
    sheet.set_column(7, 9, 15)


PLAN_SHEET = "Åtgärdsplan"


def plan_headings(first: int, year: int) -> list[str]:
    """Brå's template (orsak → åtgärd → operativa mål → när → vem), a follow-up and its
    motivation per year of the period up to `year`, then what the measure is linked to."""
    follow_ups = [
        h for y in range(first, year + 1) for h in (f"Uppföljning {y}", f"Motivering {y}")
    ]
    return [
        "Orsak",
        "Åtgärd",
        "Operativa mål",
        "När",
        "Vem",
        "Status",
        *follow_ups,
        "Problem i lägesbilden",
        "Delmål",
        "Kopplade mål",
    ]


def plan_rows(overview: AtgarderOverview, first: int, year: int) -> list[list[str]]:
    """The planned measures of the year as the sheet's text cells, in plan_headings' order; a
    follow-up as sign and word ('✓ Grön'), never colour alone; an empty cell where none."""
    from indicators.catalogue import load_catalogue  # the problems' labels

    catalogue = load_catalogue()
    rows = []
    for line in overview.planned:
        plan = line.plan
        assert plan is not None  # overview.planned holds only lines with a plan
        years = []
        for y in range(first, year + 1):
            follow_up = plan.follow_ups.get(y)
            years += [
                follow_up.label if follow_up and follow_up.status else "",
                (follow_up.motivation if follow_up else None) or "",
            ]
        rows.append(
            [
                plan.cause or "",
                line.name,
                plan.operational_goal or "",
                plan.when or "",
                plan.who or line.responsible,
                line.status,
                *years,
                "; ".join(_problem_label(catalogue, p) for p in plan.problems),
                "; ".join(plan.targets),
                ", ".join(line.linked_goals),
            ]
        )
    return rows


def _problem_label(catalogue: Any, problem_id: str) -> str:
    try:
        return str(catalogue.indicator(problem_id).label)
    except KeyError:  # a category the catalogue no longer has: its id as stored
        return problem_id


def _plan_sheet(book: xlsxwriter.Workbook, report: AnnualReport, formats: Formats) -> None:
    sheet = book.add_worksheet(PLAN_SHEET)
    year, first = report.year, report.agreement.period[0]
    sheet.write_string(0, 0, f"Åtgärdsplan {year}", formats.title)
    overview = report.atgarder
    if overview is None or not overview.planned:
        sheet.write_string(
            1, 0, f"Ingen åtgärd i åtgärdslistan har åtgärdsplanens kolumner {year}."
        )
        return
    sheet.write_string(
        1,
        0,
        f"Från åtgärdslistan {overview.file}, importerad {date_of(overview.imported_at or '')}"
        ". Uppföljningen grön/gul/röd och motiveringen som de står i listan.",
    )
    headings = plan_headings(first, year)
    for column, heading in enumerate(headings):
        sheet.write_string(3, column, heading, formats.heading)
    rows = plan_rows(overview, first, year)
    for line_number, cells in enumerate(rows, start=4):
        _write_row(sheet, line_number, [(text or None, formats.wrap) for text in cells])
    sheet.autofilter(3, 0, 3 + len(rows), len(headings) - 1)
    sheet.freeze_panes(4, 2)
    sheet.set_column(0, 2, 30)
    sheet.set_column(3, len(headings) - 4, 14)
    sheet.set_column(len(headings) - 3, len(headings) - 1, 30)


def _texts(line: AtgardLine) -> list[str]:
    return [line.focus_area, line.name, line.responsible, line.status, ", ".join(line.linked_goals)]


def _area_table(
    sheet: Worksheet, overview: AtgarderOverview, year: int, formats: Formats, first_column: int
) -> None:
    """Budget per focus area with the total, beside the list and under the same frozen header."""
    headings = column_headings(year, AREA_COLUMNS)
    headings = [h + " (kr)" if h.startswith(("Budget", "Förändring")) else h for h in headings]
    for offset, heading in enumerate(headings):
        sheet.write_string(3, first_column + offset, heading, formats.heading)
    rows = area_sums(overview)
    now, before = overview.total(), overview.total(before=True)
    totals = ("Totalt", len(overview.lines), now, before)
    for line, (area, count, budget, budget_before) in enumerate([*rows, totals], start=4):
        is_total = line == 4 + len(rows)
        change = None if budget is None or budget_before is None else budget - budget_before
        style = formats.total if is_total else formats.number["integer"]
        cells: list[tuple[Any, Format | None]] = [
            (area, formats.heading if is_total else formats.wrap),
            (count, style),
            (budget, style),
            (budget_before, style),
            (change, formats.number["signed"]),
        ]
        for offset, (value, cell_style) in enumerate(cells):
            if value is None:
                sheet.write_string(line, first_column + offset, "–")
            elif isinstance(value, str):
                sheet.write_string(line, first_column + offset, value, cell_style)
            else:
                sheet.write_number(line, first_column + offset, value, cell_style)
    sheet.set_column(first_column, first_column, 40)
    sheet.set_column(first_column + 1, first_column + 4, 15)
