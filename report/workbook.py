"""The annual follow-up as an Excel workbook: a summary sheet with every target's verdict (the
same values as `status --json`), then a sheet per goal with the target's yearly values.

xlsxwriter never reads a string as a formula here, so '=HYPERLINK(…)' from a file stays text.
"""

from __future__ import annotations

import io

import xlsxwriter

from goals.measures import MeasuresOverview, column_headings, line_cells
from goals.words import date_of, moment_text
from report.content import AnnualReport

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


def report_xlsx(report: AnnualReport) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "# ##0.##"})
    percent = book.add_format({"num_format": "0%"})
    _summary(book, report, bold, number, percent)
    for entry in report.goals:
        _goal_sheet(book, entry, report, bold, number)
    _measures_sheet(book, report.measures, report.year, bold)
    book.close()
    return buffer.getvalue()


def _summary(book, report: AnnualReport, bold, number, percent) -> None:
    sheet = book.add_worksheet("Sammanfattning")
    sheet.write_string(0, 0, f"Årsuppföljning {report.year}: {report.agreement.title}", bold)
    sheet.write_string(1, 0, report.state)
    for column, heading in enumerate(SUMMARY_COLUMNS):
        sheet.write_string(2, column, heading, bold)
    line = 3
    for entry in report.goals:
        for target in entry.targets:
            v = target.verdict
            cells = [
                entry.goal.title,
                target.target.id,
                target.label,
                v.status.value,
                v.short,
                v.qualifier.value if v.qualifier else None,
                v.value,
                v.unit,
                v.ci[0] if v.ci else None,
                v.ci[1] if v.ci else None,
                v.judged_year,
                v.probability,
                "ja" if v.preliminary else "nej",
                target.change,
                v.sentence,
            ]
            for column, value in enumerate(cells):
                if value is None:
                    continue
                if isinstance(value, (int, float)):
                    sheet.write_number(line, column, value, percent if column == 11 else number)
                else:
                    sheet.write_string(line, column, str(value))
            line += 1
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, line - 1, len(SUMMARY_COLUMNS) - 1)
    sheet.set_column(0, 4, 22)
    sheet.set_column(14, 14, 80)


def _goal_sheet(book, entry, report: AnnualReport, bold, number) -> None:
    # Excel sheet names: at most 31 characters and none of []:*?/\
    name = "".join(c for c in entry.goal.title if c not in "[]:*?/\\")[:31]
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, entry.goal.title, bold)
    sheet.write_string(1, 0, entry.goal.wording)
    sheet.write_string(2, 0, f"Status {report.year}: {entry.status.label}")
    comment = report.comment(entry.goal.id)
    if comment:
        sheet.write_string(3, 0, "Kommentar", bold)
        sheet.write_string(3, 1, comment.text)
        sheet.write_string(3, 2, f"{comment.author}, {moment_text(comment.saved_at)}")
    for column, heading in enumerate(["Delmål", "År", "Värde", "Helt år"]):
        sheet.write_string(4, column, heading, bold)
    line = 5
    for target in entry.targets:
        for point in target.trend:
            sheet.write_string(line, 0, target.label)
            sheet.write_number(line, 1, point.year)
            sheet.write_number(line, 2, point.value, number)
            sheet.write_string(line, 3, "ja" if point.complete else "nej")
            line += 1
    sheet.freeze_panes(5, 0)
    sheet.set_column(0, 0, 40)


def _measures_sheet(book, overview: MeasuresOverview | None, year: int, bold) -> None:
    sheet = book.add_worksheet("Åtgärder")
    kronor = book.add_format({"num_format": '# ##0 "kr"'})
    signed = book.add_format({"num_format": '+# ##0 "kr";−# ##0 "kr";0 "kr"'})
    sheet.write_string(0, 0, f"Åtgärder {year}", bold)
    if overview is None or overview.file is None:
        sheet.write_string(1, 0, "Ingen åtgärdslista är importerad.")
        return
    sheet.write_string(
        1,
        0,
        f"Från åtgärdslistan {overview.file}, importerad "
        f"{date_of(overview.imported_at)}. Status är den som står i listan.",
    )
    headings = ["Fokusområde", *column_headings(year)]
    for column, heading in enumerate(headings):
        sheet.write_string(3, column, heading, bold)
    for line_number, line in enumerate(overview.lines, start=4):
        texts = [
            line.focus_area,
            line.name,
            line.responsible,
            line.status,
            ", ".join(line.linked_goals),
            line_cells(line)[4],
        ]
        for column, text in enumerate(texts):
            sheet.write_string(line_number, column, text)
        for column, amount in enumerate((line.budget, line.budget_before), start=len(texts)):
            if amount is not None:
                sheet.write_number(line_number, column, amount, kronor)
        if line.change is not None:
            sheet.write_number(line_number, len(texts) + 2, line.change, signed)
    sheet.freeze_panes(4, 0)
    sheet.autofilter(3, 0, 3 + len(overview.lines), len(headings) - 1)
    sheet.set_column(0, 1, 36)
    sheet.set_column(2, 5, 16)
    sheet.set_column(6, 8, 14)
