"""The EST-lägesbild page through Flask's test client, on EST exports built in code."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app.pages import components, content, expanded, of_type, render, text
from tests.imports.files import text_file, xlsx_file

HEADER = [
    "Tidstämpel",
    "Vecka",
    "Rapportör/Verksamhet",
    "Område/Plats",
    "Hot och våld",
    "Skadegörelse",
    "Anlagda bränder",
    "Narkotika",
    "Kommentar",
]


def _answers(day: dt.date, area: str, hot: str, narkotika: str, times: int) -> list[list]:
    return [
        [
            dt.datetime.combine(day, dt.time(9, i)),
            day.isocalendar().week,
            "Fritid",
            area,
            hot,
            "Ingen påverkan",
            "Ingen påverkan",
            narkotika,
            "",
        ]
        for i in range(times)
    ]


@pytest.fixture
def est_data(tmp_path, monkeypatch):
    """Week 6: Centrum answers Liten (1) five times. Week 7: Centrum Stor (3) on hot och våld and
    Viss (2) on narkotika five times; Hamnen Liten (1) twice. Events in weeks 6 and 7."""
    from indicators.ingest import IngestContext, ingest_file
    from settings import get_settings

    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    week6, week7 = dt.date(2022, 2, 8), dt.date(2022, 2, 15)
    survey = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST-enkät Trelleborgs kommun"],
                HEADER,
                *_answers(week6, "Centrum", "Liten påverkan", "Liten påverkan", 5),
                *_answers(week7, "Centrum", "Stor påverkan", "Viss påverkan", 5),
                *_answers(week7, "Hamnen", "Liten påverkan", "Liten påverkan", 2),
            ]
        },
    )
    log = text_file(
        tmp_path,
        "handelser.csv",
        [
            "Händelselogg EST – Trelleborgs kommun",
            "Datum;Vecka;Plats;Område;Kategori;Beskrivning;Rapporterad av;Allvarlighet",
            "2022-02-09;6;Torget;Centrum;Klotter;Text;Kalle;Låg",
            "2022-02-14;7;Torget;Centrum;Skadegörelse;Text;Kalle;Låg",
            "2022-02-17;7;Torget;Centrum;Skadegörelse;Text;Kalle;Låg",
            "2022-02-18;7;Skolan;Hamnen;Hot och våld;Text;Lisa;Hög",
        ],
        encoding="cp1252",
    )
    context = IngestContext.from_settings(get_settings(), store=True, user="test")
    for path in (survey, log):
        assert ingest_file(path, context).outcome == "importerad"


def _table(page, table_id: str) -> list[list[str]]:
    table = next(t for t in of_type(page, "Table") if t["props"].get("id") == table_id)
    return [[text(cell) for cell in row["props"]["children"]] for row in of_type(table, "Tr")]


def _row(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row[0] == first)


def test_the_page_is_in_the_navigation_after_arsuppfoljning(client):
    layout = expanded(client.get("/_dash-layout").get_json())
    menu = next(c for c in components(layout) if c["props"].get("aria-label") == "Huvudmeny")
    links = [(text(link), link["props"]["href"]) for link in of_type(menu, "NavLink")]
    names = [name for name, _ in links]
    assert ("EST-lägesbild", "/lagesbild") in links
    assert (
        names.index("Årsuppföljning")
        < names.index("EST-lägesbild")
        < names.index("Om överenskommelsen")
    )


@pytest.mark.parametrize("path", ["/lagesbild", "/lagesbild?vecka=2022-W07", "/lagesbild?vecka=x"])
def test_the_page_answers_200_in_swedish(client, path):
    response = client.get(path)
    assert response.status_code == 200 and '<html lang="sv">' in response.get_data(as_text=True)


def test_without_est_data_the_page_says_how_to_import_it(client, tmp_path, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "tom"))
    page = content(render(client, "/lagesbild"))
    assert [text(h) for h in of_type(page, "H1")] == ["EST-lägesbild"]
    assert "Ingen EST-veckoenkät är inläst ännu" in text(page)
    assert "indicators/est.yaml" in text(page)
    assert "/data" in [link["props"]["href"] for link in of_type(page, "Link")]
    assert not of_type(page, "Graph") and not of_type(page, "Table")


def test_the_latest_week_is_shown_per_factor_and_area(client, est_data):
    page = content(render(client, "/lagesbild"))
    assert len(of_type(page, "H1")) == 1
    assert "Vecka 7, 2022 (14–20 februari): 7 svar per faktor i 2 områden" in text(page)
    rows = _table(page, "lagesbild-tabell")
    assert rows[0] == ["Faktor", "Centrum", "Hamnen", "Hela kommunen"]
    # The kommun: (5 × 3 + 2 × 1) / 7 = 2,43.
    assert _row(rows, "Hot och våld") == [
        "Hot och våld",
        "3,0 (5 svar)",
        "1,0 (2 svar, få svar)",
        "2,4 (7 svar)",
    ]
    assert _row(rows, "Inbrott") == ["Inbrott", "inga svar", "inga svar", "inga svar"]


def test_the_heat_map_carries_each_number_as_text_and_has_no_modebar(client, est_data):
    graph = next(
        g
        for g in of_type(content(render(client, "/lagesbild")), "Graph")
        if g["props"]["id"] == "lagesbild-karta"
    )
    heat = graph["props"]["figure"]["data"][0]
    assert heat["y"][0] == "Hot och våld" and heat["x"] == ["Centrum", "Hamnen", "Hela kommunen"]
    assert heat["text"][0] == ["3,0", "1,0*", "2,4"]  # * = fewer than five answers
    assert heat["customdata"][0][1] == "Hot och våld, Hamnen: 1,0 (2 svar, få svar)"
    assert graph["props"]["config"] == {"displayModeBar": False}
    assert graph["props"]["figure"]["layout"]["separators"] == ", "


def test_the_address_chooses_the_week(client, est_data):
    page = content(render(client, "/lagesbild?vecka=2022-W06"))
    assert _row(_table(page, "lagesbild-tabell"), "Hot och våld") == [
        "Hot och våld",
        "1,0 (5 svar)",
        "inga svar",
        "1,0 (5 svar)",
    ]
    selector = next(c for c in of_type(page, "Nav") if c["props"].get("id") == "veckoval")
    current = [
        link for link in of_type(selector, "A") if link["props"].get("aria-current") == "page"
    ]
    assert [(text(link), link["props"]["href"]) for link in current] == [
        ("6", "/lagesbild?vecka=2022-W06")
    ]
    assert "Händelser vecka 6, 2022" in text(page)


def test_a_week_without_answers_in_the_address_is_explained(client, est_data):
    page = content(render(client, "/lagesbild?vecka=2022-W05"))
    alert = text(of_type(page, "Alert"))
    assert "Veckoenkäten har inga svar vecka 5, 2022; visar den senaste veckan med svar." in alert
    assert "Vecka 7, 2022" in text(page)


def test_the_weeks_concerns_are_in_words(client, est_data):
    section = next(
        c
        for c in of_type(content(render(client, "/lagesbild")), "Section")
        if c["props"].get("id") == "orosfaktorer"
    )
    highest, rising = [[text(item) for item in of_type(ul, "Li")] for ul in of_type(section, "Ul")]
    # Centrum rose from 1,0 to 3,0: common mean 2,0, z = 2 / √(1 × 2 × 2/5) = 2,24.
    assert highest[0] == (
        "Hot och våld i Centrum: 3,0 (5 svar). Vecka 6: 1,0 (+2,0, säkerställt). "
        "Snitt vecka 6: 1,0 (+2,0, säkerställt)."
    )
    assert rising[0].startswith("Hot och våld i Centrum: 3,0 (5 svar).")
    assert "Hamnen" not in " ".join(highest + rising)  # two answers: shown, never ranked
    # Hamnen's four factors.
    assert "4 medelvärden bygger på färre än 5 svar" in text(section)


def test_the_weeks_events_are_counted(client, est_data):
    page = content(render(client, "/lagesbild"))
    section = next(c for c in of_type(page, "Section") if c["props"].get("id") == "handelser")
    assert "3 händelser i loggen (vecka 6: 1)." in text(section)
    assert "Per allvarlighet: Hög 1, Låg 2" in text(section)
    assert _table(page, "lagesbild-handelsetabell")[1:] == [
        ["Hot och våld", "Hamnen", "Hög", "1"],
        ["Skadegörelse", "Centrum", "Låg", "2"],
    ]


def test_the_trend_keeps_every_week_and_its_table_says_the_same(client, est_data):
    page = content(render(client, "/lagesbild"))
    rows = _table(page, "lagesbild-trendtabell")
    assert rows[0][:3] == ["Vecka", "Hot och våld", "Skadegörelse"]
    assert [row[:2] for row in rows[1:]] == [
        ["vecka 6, 2022", "1,0 (5 svar)"],
        ["vecka 7, 2022", "2,4 (7 svar)"],
    ]
    trend = next(g for g in of_type(page, "Graph") if g["props"]["id"] == "lagesbild-trend")
    lines = trend["props"]["figure"]["data"]
    assert len(lines) == 12 and lines[0]["x"] == ["2022-02-07", "2022-02-14"]
    assert lines[4]["y"] == [None, None]  # klotter: nobody answered, a gap, not a zero


def test_every_table_has_a_caption_and_scoped_headers(client, est_data):
    page = content(render(client, "/lagesbild"))
    tables = of_type(page, "Table")
    assert len(tables) == 3
    for table in tables:
        assert of_type(table, "Caption")
        assert all(th["props"].get("scope") in ("col", "row") for th in of_type(table, "Th"))
