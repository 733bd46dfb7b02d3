"""A Document as a Word file (python-docx), for secretaries who paste it into the board's template.

Headings use Word's own Heading styles and tables are Word tables, so both take on the
template's look when pasted; charts are PNG images drawn by the same code as the PDF's SVG,
with the chart's values as the image's alternative text.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from markdown_it.tree import SyntaxTreeNode

from goals.status import Status
from report.charts import chart_png, chart_size_cm
from report.markdown import markdown_tree
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

FONT = "DejaVu Sans"
GREY = RGBColor(0x49, 0x50, 0x57)
# Text colours that keep 4.5:1 on white; the icon and the words carry the status without them.
STATUS_COLOURS = {
    Status.UPPNATT: RGBColor(0x1A, 0x6E, 0x31),
    Status.EJ_UPPNATT: RGBColor(0xA4, 0x23, 0x2F),
    Status.PA_VAG: RGBColor(0x14, 0x53, 0x2D),
    Status.OSAKERT: RGBColor(0x5C, 0x45, 0x03),
    Status.DELVIS_UPPNATT: RGBColor(0x5C, 0x45, 0x03),
    Status.INTE_PA_VAG: RGBColor(0x6E, 0x1A, 0x22),
    Status.KAN_INTE_BEDOMAS: RGBColor(0x30, 0x36, 0x3B),
}
PORTRAIT_WIDTH_CM = 17.0
LANDSCAPE_WIDTH_CM = 25.7


def document_docx(document: Document) -> bytes:
    word = docx.Document()
    _setup(word, document)
    for block in document.blocks:
        _block(word, block, document)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _setup(word: WordDocument, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.author = document.author
    properties.subject = document.subject
    properties.keywords = ", ".join(document.keywords)
    properties.language = "sv-SE"
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    # Word reads the document's language from the styles, for spelling and screen readers.
    run_properties = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "sv-SE")
    run_properties.append(language)
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)


def _block(word: WordDocument, block: Block, document: Document) -> None:
    match block:
        case Heading(level=level, text=text):
            word.add_heading(text, level=level)
        case Paragraph(content=content, style=style):
            paragraph = word.add_paragraph(style="Quote" if style == "wording" else None)
            _runs(paragraph, content, small=style == "small", grey=style == "meta")
        case BulletList(items=items):
            for item in items:
                _runs(word.add_paragraph(style="List Bullet"), item)
        case Table():
            _table(word, block)
        case Figure():
            _figure(word, block)
        case Markdown(text=text):
            _markdown(word, markdown_tree(text))
        case Contents(title=title):
            word.add_heading(title, level=2)
            for heading in walk(document.blocks):
                if isinstance(heading, Heading) and heading.level == 2 and heading.anchor:
                    word.add_paragraph(heading.text, style="List Number")
        case Section():
            if block.landscape:
                _orientation(word, landscape=True)
            for inner in block.blocks:
                _block(word, inner, document)
            if block.landscape:
                _orientation(word, landscape=False)
            elif block.page_break_after:
                word.add_page_break()


def _runs(paragraph: WordParagraph, content: Runs, small: bool = False, grey: bool = False) -> None:
    for part in content:
        if isinstance(part, StatusMark):
            run = paragraph.add_run(f"{part.status.icon} {part.label}")
            run.bold = True
            run.font.color.rgb = STATUS_COLOURS[part.status]
        elif isinstance(part, Text):
            run = paragraph.add_run(part.text)
            run.bold, run.italic = part.bold or None, part.italic or None
            if grey:
                run.font.color.rgb = GREY
        if small:
            run.font.size = Pt(8.5)


def _table(word: WordDocument, table: Table) -> None:
    caption = word.add_paragraph(style="Caption")
    caption.add_run(table.caption)
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for index, heading in enumerate(table.header):
        cell = grid.rows[0].cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
    _repeat_header(grid)
    for line, row in enumerate(table.rows, start=1):
        for index, value in enumerate(row.cells):
            paragraph = grid.rows[line].cells[index].paragraphs[0]
            _runs(paragraph, value.content, small=table.compact)
            if row.emphasis:
                for run in paragraph.runs:
                    run.bold = True
            if index in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _widths(grid, table, word)


def _repeat_header(grid: WordTable) -> None:
    """The header row repeats on every page the table runs over."""
    properties = grid.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _widths(grid: WordTable, table: Table, word: WordDocument) -> None:
    section = word.sections[-1]
    landscape = section.orientation == WD_ORIENT.LANDSCAPE
    available = LANDSCAPE_WIDTH_CM if landscape else PORTRAIT_WIDTH_CM
    total = sum(table.widths)
    grid.autofit = False
    for index, width in enumerate(table.widths):
        for cell in grid.columns[index].cells:
            cell.width = Cm(available * width / total)


def _figure(word: WordDocument, figure: Figure) -> None:
    width, _ = chart_size_cm(figure.chart)
    word.add_picture(io.BytesIO(chart_png(figure.chart)), width=Cm(min(width, PORTRAIT_WIDTH_CM)))
    # The picture's alternative text (docPr descr), which Word and screen readers show.
    inline = word.paragraphs[-1].runs[-1]._r.xpath(".//wp:docPr")
    for properties in inline:
        properties.set("descr", figure.alt)
        properties.set("title", figure.caption)
    caption = word.add_paragraph(style="Caption")
    caption.add_run(figure.caption)


def _orientation(word: WordDocument, landscape: bool) -> None:
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Cm(21), Cm(29.7)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _markdown(word: WordDocument, tree: SyntaxTreeNode) -> None:
    for node in tree.children:
        if node.type == "paragraph":
            _inline(word.add_paragraph(), node)
        elif node.type in ("bullet_list", "ordered_list"):
            style = "List Bullet" if node.type == "bullet_list" else "List Number"
            for item in node.children:
                paragraph = word.add_paragraph(style=style)
                for child in item.children:
                    _inline(paragraph, child)


def _inline(paragraph: WordParagraph, node: SyntaxTreeNode, bold=False, italic=False) -> None:
    for child in node.children:
        if child.type == "text":
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break()
        else:
            _inline(
                paragraph,
                child,
                bold or child.type == "strong",
                italic or child.type == "em",
            )
