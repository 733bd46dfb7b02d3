"""A document for the board as data: headings, paragraphs, tables, figures and sections.

The annual follow-up (and the lägesbild after it) is built once as a `Document`; report/html.py
renders it as HTML and, through WeasyPrint, as a tagged PDF, report/docx.py as a Word file. So
every format carries the same words, tables and charts in the same order, and a renderer never
needs to know which report it is drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from goals.status import Status

ParagraphStyle = Literal["body", "meta", "wording", "small"]


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class StatusMark:
    """A status as icon, text and colour: never colour alone."""

    status: Status
    text: str = ""  # defaults to the status label

    @property
    def label(self) -> str:
        return self.text or self.status.label


Inline = Text | StatusMark
Runs = tuple[Inline, ...]


def runs(*parts: str | Inline) -> Runs:
    return tuple(Text(p) if isinstance(p, str) else p for p in parts)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for the document's title, 2 for a chapter, 3 beneath it
    text: str
    anchor: str | None = None  # for the table of contents


@dataclass(frozen=True)
class Paragraph:
    content: Runs
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[Runs, ...]


@dataclass(frozen=True)
class Cell:
    content: Runs

    @property
    def plain(self) -> str:
        return "".join(
            part.text if isinstance(part, Text) else f"{part.status.icon} {part.label}"
            for part in self.content
        )


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    emphasis: bool = False  # a group's own line (a goal above its targets)


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]  # relative column widths, so the table fits the page
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    compact: bool = False  # smaller type for wide tables


def cells(*values: str | Runs) -> tuple[Cell, ...]:
    return tuple(Cell(runs(v) if isinstance(v, str) else v) for v in values)


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    interval: tuple[float, float] | None = None
    complete: bool = True  # False: part of a year (hollow marker, labelled)


@dataclass(frozen=True)
class Reference:
    """A horizontal line the values are read against: the target, or a comparison year."""

    label: str  # written on the chart beside the line, so it never rests on colour or dash
    value: float
    kind: Literal["target", "baseline"] = "target"


@dataclass(frozen=True)
class Panel:
    title: str
    measure: str  # how values read (goals.words.value_text): 'antal', 'andel_pct', 'index_0_6'
    axis_label: str
    points: tuple[Point, ...]
    references: tuple[Reference, ...] = ()
    highlight: int | None = None  # the year the report is about


@dataclass(frozen=True)
class Chart:
    """Small multiples: one panel per target, each with its own axis."""

    panels: tuple[Panel, ...]


@dataclass(frozen=True)
class Figure:
    chart: Chart
    caption: str
    alt: str  # every value in words, for screen readers and the PDF's structure tree


@dataclass(frozen=True)
class Markdown:
    """The analysts' text in the commentary subset (report/markdown.py)."""

    text: str


@dataclass(frozen=True)
class Contents:
    """A table of contents over the chapters (level-2 headings with an anchor)."""

    title: str = "Innehåll"


@dataclass(frozen=True)
class Section:
    blocks: tuple[Block, ...]
    keep_together: bool = False  # a target: its heading never ends a page alone
    landscape: bool = False  # wide tables get an A4 landscape page of their own
    page_break_after: bool = False


Block = Heading | Paragraph | BulletList | Table | Figure | Markdown | Contents | Section


@dataclass(frozen=True)
class Document:
    title: str
    author: str
    subject: str
    running_title: str  # in the page header
    blocks: tuple[Block, ...]
    keywords: tuple[str, ...] = field(default_factory=tuple)
    language: str = "sv"

    def headings(self) -> list[Heading]:
        return [b for b in walk(self.blocks) if isinstance(b, Heading)]


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block in reading order, sections opened."""
    found: list[Block] = []
    for block in blocks:
        if isinstance(block, Section):
            found += walk(block.blocks)
        else:
            found.append(block)
    return found
