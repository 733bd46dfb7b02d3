"""The annual follow-up's export formats, shared by `trygghetsmal report` and the download links."""

from __future__ import annotations

from collections.abc import Callable

from report.content import AnnualReport
from report.document import report_docx, report_html, report_pdf
from report.workbook import report_xlsx

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
RENDERERS: dict[str, Callable[[AnnualReport], bytes]] = {
    "pdf": report_pdf,
    "xlsx": report_xlsx,
    "html": lambda report: report_html(report).encode("utf-8"),
    "docx": report_docx,
}
