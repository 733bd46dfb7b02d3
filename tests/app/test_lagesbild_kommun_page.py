"""The kommun's lägesbild page (/lagesbild-kommun/<år>) and its downloads, through Flask's test
client, on a SOL export built in code."""

from __future__ import annotations

import pytest

from tests.app.pages import components, content, expanded, of_type, render, text
from tests.imports.files import sol_yearly

PARTS = ["Kartläggning av brottsligheten", "Annan relevant information", "Analys"]


@pytest.fixture
def sol_data(tmp_path, monkeypatch):
    from indicators.ingest import IngestContext, ingest_file
    from settings import get_settings

    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    path = sol_yearly(tmp_path, {2017: 131, 2018: 120, 2019: 104, 2020: 93, 2021: 88})
    context = IngestContext.from_settings(get_settings(), store=True, user="test")
    assert ingest_file(path, context).outcome == "importerad"


def test_the_page_has_one_h1_and_the_three_parts_of_the_law(client, sol_data):
    page = content(render(client, "/lagesbild-kommun/2021"))
    assert [text(h) for h in of_type(page, "H1")] == ["Lägesbild 2021: Trelleborgs kommun"]
    assert [text(h) for h in of_type(page, "H2")][1:4] == PARTS  # after the contents
    tables = of_type(page, "Table")
    assert all(of_type(t, "Caption") for t in tables)
    first = next(t for t in tables if "per kategori" in text(of_type(t, "Caption")))
    assert "88" in text(first) and "Bostadsinbrott" in text(first)


def test_a_year_without_data_says_so_and_keeps_one_h1(client, sol_data):
    page = content(render(client, "/lagesbild-kommun/2022"))
    assert [text(h) for h in of_type(page, "H1")] == ["Lägesbild 2022: Trelleborgs kommun"]
    assert "inga uppgifter" in text(page).lower()


def test_a_year_outside_the_period_is_not_a_page(client):
    assert client.get("/lagesbild-kommun/2030").status_code == 404


def test_the_page_is_in_the_navigation_and_the_est_lagesbild_stays(client):
    layout = expanded(client.get("/_dash-layout").get_json())
    menu = next(c for c in components(layout) if c["props"].get("aria-label") == "Huvudmeny")
    links = [(text(link), link["props"]["href"]) for link in of_type(menu, "NavLink")]
    assert ("Lägesbild (lag 2023:196)", "/lagesbild-kommun") in links
    assert ("EST-lägesbild", "/lagesbild") in links


@pytest.mark.parametrize(
    ("kind", "start"), [("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE html")]
)
def test_each_download_is_the_lagesbild(client, sol_data, kind, start):
    response = client.get(f"/lagesbild-kommun/2021.{kind}")
    assert response.status_code == 200
    assert response.data.lstrip()[: len(start)].upper() == start.upper()
    assert "lagesbild-2021" in response.headers["Content-Disposition"]


def test_downloads_outside_the_period_or_without_data_are_not_found(client, sol_data):
    assert client.get("/lagesbild-kommun/2030.pdf").status_code == 404
    assert client.get("/lagesbild-kommun/2021.xlsx").status_code == 404
    assert client.get("/lagesbild-kommun/2022.pdf").status_code == 404


def test_the_bare_address_goes_to_a_year(client, sol_data):
    response = client.get("/lagesbild-kommun")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/lagesbild-kommun/20")
