"""`trygghetsmal lagesbild --year Y --format pdf|docx|html -o PATH`: the kommun's lägesbild per
SFS 2023:196 (design.md), checked from outside as the law's three parts."""

from __future__ import annotations

import datetime as dt
import subprocess

import docx
import pikepdf
import pytest
from typer.testing import CliRunner

from cli import cli
from indicators.store import Store
from kommunlagesbild.approval import approve_lagesbild
from kommunlagesbild.content import lagesbild_from_store
from kommunlagesbild.texts import save_text
from settings import Settings
from tests.imports.files import sol_yearly

PARTS = ("Kartläggning av brottsligheten", "Annan relevant information", "Analys")


def run(data, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args])


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Five years of burglaries in Trelleborg, as Brå's SOL gives them."""
    directory = tmp_path_factory.mktemp("lagesbild")
    path = sol_yearly(directory, {2017: 131, 2018: 120, 2019: 104, 2020: 93, 2021: 88})
    result = run(directory / "data", "ingest", str(path))
    assert result.exit_code == 0, result.output
    return directory / "data"


@pytest.fixture(scope="module")
def written(data, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    paths = {}
    for kind in ("pdf", "docx", "html"):
        paths[kind] = out / f"lagesbild.{kind}"
        result = run(data, "lagesbild", "--year", "2021", "--format", kind, "-o", str(paths[kind]))
        assert result.exit_code == 0, result.output
        assert "Trelleborgs kommun" in result.output
    return paths


def test_the_pdf_is_tagged_and_holds_the_three_parts_of_the_law(written):
    with pikepdf.open(written["pdf"]) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "sv"
    text = subprocess.run(
        ["pdftotext", str(written["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    for part in PARTS:
        assert part in text
    assert "Bostadsinbrott" in text and "88" in text


def test_the_word_file_holds_the_three_parts_as_headings(written):
    document = docx.Document(str(written["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for part in PARTS:
        assert part in headings
    assert document.core_properties.title == "Lägesbild 2021: Trelleborgs kommun"


def test_the_html_names_the_sources_and_their_limits(written):
    html = written["html"].read_text(encoding="utf-8")
    assert '<html lang="sv"' in html.replace("'", '"')
    for part in PARTS:
        assert part in html
    assert "Källor och deras begränsningar" in html
    assert "sol.csv" in html  # the figure's file


def test_a_year_without_data_or_outside_the_period_is_a_usage_error(data, tmp_path):
    out = tmp_path / "x.pdf"
    for year in ("2022", "2024"):  # 2022: nothing stored; 2024: outside 2019–2022
        result = run(data, "lagesbild", "--year", year, "--format", "pdf", "-o", str(out))
        assert result.exit_code == 2, result.output
    assert not out.exists()
    result = run(data, "lagesbild", "--year", "2021", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 2 and "pdf, docx eller html" in result.output


def test_an_empty_data_dir_is_a_usage_error_not_a_traceback(tmp_path):
    result = run(
        tmp_path / "tom",
        "lagesbild",
        "--year",
        "2021",
        "--format",
        "html",
        "-o",
        str(tmp_path / "x"),
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_approved_year_is_written_as_approved_whatever_is_imported_later(
    tmp_path, agreement, catalogue
):
    first = sol_yearly(tmp_path, {2017: 131, 2018: 120, 2019: 104, 2020: 93, 2021: 88})
    data = tmp_path / "data"
    assert run(data, "ingest", str(first)).exit_code == 0
    store = Store(Settings(data_dir=data).database)
    live = lagesbild_from_store(store, agreement, catalogue, 2021, dt.date(2022, 3, 1))
    moment = dt.datetime(2022, 3, 14, 9, 0, tzinfo=dt.UTC)
    save_text(store, live, "medborgardialog", "Trygghetsvandring i Anderslöv.", "Anna", moment)
    approve_lagesbild(store, live, "Karin Ek", moment)
    revised = sol_yearly(tmp_path, {2020: 93, 2021: 977}, name="sol-ny.csv")
    assert run(data, "ingest", str(revised)).exit_code == 0
    today = lagesbild_from_store(store, agreement, catalogue, 2021, dt.date(2022, 3, 20))
    assert today.categories[0].current.count == 977  # what a draft would now say

    out = tmp_path / "lagesbild.html"
    result = run(data, "lagesbild", "--year", "2021", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Fastställd 2022-03-14 av Karin Ek." in result.output
    html = out.read_text(encoding="utf-8")
    assert "Fastställd 2022-03-14 av Karin Ek." in html and "Anderslöv" in html
    assert "88" in html and "977" not in html
