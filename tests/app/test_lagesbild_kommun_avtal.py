"""The lägesbild per agreement (/avtal/<id>/lagesbild-kommun/<år>), its downloads and its link
from the LPO view, and the åtgärdsplan's links to the lägesbild's problems on the page; data
imported through the command line, as an analyst would."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import cli
from tests.app.annual import ingest
from tests.app.pages import components, content, of_type, render, text
from tests.imports.files import xlsx_file
from tests.imports.test_atgarder import HEADER

LATER = "trelleborg-2023-2026"
BASE = f"/avtal/{LATER}/lagesbild-kommun"


@pytest.fixture
def later_data(tmp_path):
    """Burglaries 2019–2024 and a measures list whose one measure answers them."""
    ingest(tmp_path, "sol.csv", {2019: 96, 2020: 104, 2021: 88, 2022: 93, 2023: 80, 2024: 75})
    measures = xlsx_file(
        tmp_path,
        "atgarder.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [*HEADER, "Uppföljning 2023", "Problem i lägesbilden", "Delmål"],
                [
                    "Grannsamverkan",
                    None,
                    "Polis",
                    None,
                    "2023-01-01",
                    None,
                    "Pågående",
                    None,
                    None,
                    None,
                    "Gul",
                    "Bostadsinbrott",
                    "brottsstatistik.misshandel",
                ],
            ]
        },
    )
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(measures)]
    )
    assert result.exit_code == 0, result.output


def _words(tree) -> str:
    return " ".join(text(tree).split())


def test_the_agreements_lagesbild_is_its_kommuns_with_its_own_addresses(client, later_data):
    page = content(render(client, f"{BASE}/2023"))
    assert [_words(h) for h in of_type(page, "H1")] == ["Lägesbild 2023: Trelleborgs kommun"]
    hrefs = [c["props"].get("href") for c in components(page) if c["props"].get("href")]
    assert f"{BASE}/2026" in hrefs  # the year selector covers the agreement's period
    assert f"{BASE}/2023.pdf" in hrefs and f"{BASE}/2023.docx" in hrefs
    assert "/lagesbild-kommun/2021" not in hrefs  # not the default agreement's years
    assert "för Överenskommelse om samverkan 2023–2026" in _words(page)


def test_the_page_pairs_each_problem_with_its_measures(client, later_data):
    page = content(render(client, f"{BASE}/2023"))
    table = next(
        t
        for t in of_type(page, "Table")
        if "åtgärderna kopplade till dem" in _words(of_type(t, "Caption"))
    )
    rows = [[_words(c) for c in of_type(r, "Td") + of_type(r, "Th")] for r in of_type(table, "Tr")]
    assert any("Bostadsinbrott" in row and "Grannsamverkan (! Gul)" in row for row in rows), rows


def test_unknown_agreement_or_year_is_404(client, later_data):
    for path in (
        "/avtal/stockholm-2030/lagesbild-kommun/2023",
        f"{BASE}/2021",
        "/avtal/stockholm-2030/lagesbild-kommun/2023.pdf",
        f"{BASE}/2021.pdf",
    ):
        assert client.get(path).status_code == 404, path
    page = content(render(client, "/avtal/stockholm-2030/lagesbild-kommun/2023"))
    assert _words(of_type(page, "H1")) == "Avtalet finns inte"


def test_the_download_is_the_agreements_lagesbild(client, later_data):
    response = client.get(f"{BASE}/2023.html")
    assert response.status_code == 200
    assert "Lägesbild 2023: Trelleborgs kommun" in response.data.decode()
    assert "Överenskommelse om samverkan 2023–2026" in response.data.decode()


def test_the_lpo_view_links_each_agreements_lagesbild(client, later_data):
    page = content(render(client, "/avtal?ar=2023"))
    hrefs = [a["props"]["href"] for a in of_type(page, "A")]
    assert f"{BASE}/2023" in hrefs


def test_the_goal_page_lists_the_measures_linked_to_its_targets(client, later_data):
    page = content(render(client, f"/avtal/{LATER}/mal/brottsstatistik?ar=2023"))
    section = next(
        s for s in of_type(page, "Section") if s["props"].get("aria-labelledby") == "atgarder"
    )
    assert _words(of_type(section, "H2")) == "Åtgärder kopplade till målet 2023"
    assert _words(of_type(section, "Li")) == "Grannsamverkan (Polis, pågående; uppföljning ! Gul)"
