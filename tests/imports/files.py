"""Export files built in code, shaped like the real ones (formats.md), never checked in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook


def text_file(
    directory: Path, name: str, lines: list[str], encoding: str = "latin-1", newline: str = "\r\n"
) -> Path:
    path = directory / name
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))
    return path


def xlsx_file(directory: Path, name: str, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = directory / name
    workbook.save(path)
    return path


def xls_file(directory: Path, name: str, sheets: dict[str, list[list[Any]]]) -> Path:
    """A legacy .xls (BIFF8), as older police and SCB exports still are."""
    import xlwt

    workbook = xlwt.Workbook()
    for title, rows in sheets.items():
        sheet = workbook.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    path = directory / name
    workbook.save(str(path))
    return path


SOL_HEADER = "Region;Brott;År;Period;Antal;/100 000 inv"


def sol_yearly(directory: Path, counts: dict[int, int], name: str = "sol.csv") -> Path:
    rows = [
        f"Trelleborg;Inbrottsstöld i bostad;År;{year};{count};..;" for year, count in counts.items()
    ]
    return text_file(directory, name, [SOL_HEADER, *rows])
