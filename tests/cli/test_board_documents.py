"""The annual follow-up as the board gets it, from the example exports through the command line:
a tagged PDF whose first page is the summary, and a Word file a secretary can paste."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pikepdf
import pytest
from typer.testing import CliRunner

from cli import cli
from goals.agreement import load_agreement

YEAR = "2021"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("board")
    base = ["--data-dir", str(folder / "data")]
    assert CliRunner().invoke(cli, [*base, "demo"]).exit_code == 0
    paths = {}
    for kind in ("pdf", "docx"):
        paths[kind] = folder / f"arsuppfoljning.{kind}"
        result = CliRunner().invoke(
            cli, [*base, "report", "--year", YEAR, "--format", kind, "-o", str(paths[kind])]
        )
        assert result.exit_code == 0, result.output
    return paths


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _words(text: str) -> str:
    return " ".join(text.split())


def _goals():
    return load_agreement("trelleborg-2019-2022").goals


def test_the_pdf_is_tagged_with_title_author_and_language(written):
    info = _run("pdfinfo", str(written["pdf"]))
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert re.search(r"^Title:\s+Årsuppföljning 2021: Samverkansöverenskommelse", info, re.M)
    assert re.search(r"^Author:\s+Säkerhetsenheten och kommunpolisen", info, re.MULTILINE)
    with pikepdf.open(written["pdf"]) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert "/Outlines" in pdf.Root  # bookmarks from the headings


def test_the_first_page_holds_every_goal_its_status_and_the_sentences_that_matter(written):
    first = _words(_run("pdftotext", "-f", "1", "-l", "1", str(written["pdf"]), "-"))
    assert "Sammanfattning 2021" in first and "Det viktigaste" in first
    for goal in _goals():
        assert _words(goal.title) in first, goal.title
    assert "✓ Uppnått" in first and "✕ Ej uppnått" in first
    assert "Indexet för bilar som kör för fort var 2,29 år 2021, över målet 2,00." in first


def test_the_structure_tree_has_headings_tables_and_figures_with_alt_text(written):
    found: Counter[str] = Counter()
    alts: list[str] = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found[str(node.S)] += 1
                if "/Alt" in node:
                    alts.append(str(node.Alt))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)

    with pikepdf.open(written["pdf"]) as pdf:
        walk(pdf.Root.StructTreeRoot)
    assert found["/H1"] == 1 and found["/H2"] >= len(_goals()) and found["/H3"] > 0
    assert found["/Table"] >= 1 and found["/TH"] > 0 and found["/TD"] > 0
    assert found["/Caption"] >= found["/Table"]
    assert found["/Figure"] >= 1 and len(alts) >= found["/Figure"]
    assert any("Bostadsinbrott: 2016: 118" in alt and "Mål: under 100" in alt for alt in alts)


def test_one_font_family_and_no_page_without_its_own_text(written):
    fonts = _run("pdffonts", str(written["pdf"])).splitlines()[2:]
    assert fonts and all(line.split()[0].split("+")[-1].startswith("DejaVu-Sans") for line in fonts)
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(written["pdf"])), re.M)[1])
    for page in range(1, pages + 1):
        text = _words(_run("pdftotext", "-f", str(page), "-l", str(page), str(written["pdf"]), "-"))
        body = text.replace("Årsuppföljning 2021", "").replace(f"Sida {page} av {pages}", "")
        assert len(body) > 200, f"sidan {page} är nästan tom: {text!r}"


def test_the_word_file_has_heading_styles_tables_and_charts(written):
    document = docx.Document(str(written["docx"]))
    headings = {
        (p.text, p.style.name) for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    for goal in _goals():
        assert (goal.title, "Heading 2") in headings, goal.title
    assert ("Årsuppföljning 2021", "Heading 1") in headings
    summary = document.tables[0]
    first_column = [row.cells[0].text for row in summary.rows]
    assert all(goal.title in first_column for goal in _goals())
    assert [c.text for c in summary.rows[0].cells] == [
        "Mål och delmål",
        "Status",
        "Värde",
        "Värdet före",
        "Förändring",
    ]
    assert len(document.inline_shapes) >= 5
    described = document.element.body.xpath(".//wp:docPr/@descr")
    assert any("Bostadsinbrott: 2016: 118" in d for d in described)
    assert document.core_properties.author.startswith("Säkerhetsenheten")
