"""The goal page's comparisons: the kommun per invånare beside its län, riket and the
comparison kommuner imported from Kolada and Brå's kommun indicators (the shipped examples),
with chart, table, source and years; no section at all where nothing is imported."""

from __future__ import annotations

import pytest

from cli import EXAMPLES_DIR
from tests.app.pages import content, of_type, render, text

HEADING = "Jämfört med länet, riket och andra kommuner"
FILES = [
    "kolada-trelleborg-fiktiva.json",
    "indikatorer-kommuners-lagesbild-trelleborg-fiktiva.xlsx",
]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def comparisons(data_dir):
    from indicators.ingest import IngestContext, ingest_file
    from settings import get_settings

    context = IngestContext.from_settings(get_settings(), store=True, user="test")
    for name in FILES:
        assert ingest_file(EXAMPLES_DIR / name, context).outcome == "importerad", name


def _captions(page) -> list[str]:
    return [text(of_type(t, "Caption")) for t in of_type(page, "Table")]


def test_the_goal_page_shows_kolada_and_bra_beside_lan_riket_and_kommuner(client, comparisons):
    page = content(render(client, "/mal/skadegorelse"))
    assert HEADING in [text(h) for h in of_type(page, "H3")]
    tables = {text(of_type(t, "Caption")): t for t in of_type(page, "Table")}
    kolada = next(t for c, t in tables.items() if "Kolada U07452" in c)
    header = [text(th) for th in of_type(of_type(kolada, "Thead")[0], "Th")]
    assert header == ["År", "Trelleborgs kommun", "Svedala kommun", "Vellinge kommun"]
    assert "2019" in text(kolada) and "4,6" in text(kolada) and "3,9" in text(kolada)
    bra = next(t for c, t in tables.items() if c.startswith("Värden per år: Skadegörelsebrott"))
    bra_header = [text(th) for th in of_type(of_type(bra, "Thead")[0], "Th")]
    assert bra_header == ["År", "Trelleborgs kommun", "Skåne", "Riket"]
    shown = text(page)
    assert "Källa: Kolada, U07452, hämtad" in shown and "år 2019–2022" in shown
    assert "Källa: Brås indikatorer för kommuners lägesbild, hämtad" in shown
    assert "år 2017–2024" in shown


def test_no_section_where_nothing_is_imported_or_nothing_compares(client, data_dir):
    assert HEADING not in text(content(render(client, "/mal/skadegorelse")))


def test_a_goal_without_comparison_series_has_no_section(client, comparisons):
    assert HEADING not in text(content(render(client, "/mal/trafik")))
