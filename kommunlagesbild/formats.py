"""The lägesbild's export formats, shared by `trygghetsmal lagesbild` and the page's download
links (the media types are the annual follow-up's, report/formats.py)."""

from __future__ import annotations

from collections.abc import Callable

from kommunlagesbild.content import KommunLagesbild
from kommunlagesbild.document import lagesbild_docx, lagesbild_html, lagesbild_pdf
from report.formats import MEDIA_TYPES

RENDERERS: dict[str, Callable[[KommunLagesbild], bytes]] = {
    "pdf": lagesbild_pdf,
    "docx": lagesbild_docx,
    "html": lambda content: lagesbild_html(content).encode("utf-8"),
}
LAGESBILD_MEDIA_TYPES = {kind: MEDIA_TYPES[kind] for kind in RENDERERS}
