"""Every page through Flask's test client: status codes, router callback, content, structure."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.app.pages import components, content, expanded, of_type, render, text, title
from tests.contract import DESIGN_IDS

PAGES = ["/", "/om", "/data", *[f"/mal/{goal_id}" for goal_id in DESIGN_IDS]]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_200_in_swedish(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="sv">' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/finns-inte", "/mal/finns-inte", "/mal/bostadsinbrott/extra"])
def test_unknown_paths_get_a_real_404_with_a_swedish_page(client, path):
    assert client.get(path).status_code == 404
    rendered = render(client, path)
    headings = [text(h) for h in of_type(content(rendered), "H1")]
    assert headings in (["Sidan finns inte"], ["Målet finns inte"])


def test_assets_are_served_locally(client):
    index = client.get("/").get_data(as_text=True)
    assert "/assets/00-bootstrap-5.3.9.min.css" in index
    assert "cdn" not in index.lower()
    assert client.get("/assets/00-bootstrap-5.3.9.min.css").status_code == 200


def test_the_router_callback_is_registered(client, dash_app):
    client.get("/")
    outputs = " ".join(dash_app.callback_map)
    assert "_pages_content.children" in outputs
    dependencies = client.get("/_dash-dependencies").get_json()
    assert any("_pages_content.children" in d["output"] for d in dependencies)


@pytest.mark.parametrize("path", PAGES + ["/finns-inte"])
def test_every_page_has_exactly_one_h1(client, path):
    assert len(of_type(content(render(client, path)), "H1")) == 1


def first_page(layout: dict) -> tuple[dict, Any]:
    """The router's location props and the page content the layout came with."""
    found = {
        c["props"]["id"]: c for c in components(layout) if isinstance(c["props"].get("id"), str)
    }
    return found["_pages_location"]["props"], found["_pages_content"]["props"].get("children")


@pytest.mark.parametrize("path", ["/mal/bostadsinbrott", "/om", "/arsuppfoljning/2021?x=1"])
def test_a_fresh_load_gets_its_page_in_the_layout_as_the_router_would_render_it(client, path):
    """No routing callback before the first paint: the layout asked for by the page at `path`
    (its Referer) holds the page, and its location says the address, so it reports no change."""
    layout = client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}"})
    location, page = first_page(expanded(layout.get_json()))
    pathname, _, query = path.partition("?")
    assert (location["pathname"], location["search"]) == (pathname, f"?{query}" if query else "")
    assert json.dumps(page) == json.dumps(content(render(client, path)))
    assert len(of_type(page, "H1")) == 1


def test_an_unknown_address_gets_the_not_found_page_in_the_layout(client):
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/finns-inte"})
    assert [text(h) for h in of_type(first_page(expanded(layout.get_json()))[1], "H1")] == [
        "Sidan finns inte"
    ]


@pytest.mark.parametrize("referrer", [None, "http://annan.example/mal/bostadsinbrott"])
def test_without_the_page_address_the_router_callback_renders_the_page(client, referrer):
    headers = {"Referer": referrer} if referrer else {}
    location, page = first_page(expanded(client.get("/_dash-layout", headers=headers).get_json()))
    assert "pathname" not in location and page is None


def test_the_shell_has_landmarks_and_a_skip_link(client):
    layout = expanded(client.get("/_dash-layout").get_json())
    types = {c["type"] for c in components(layout)}
    assert {"Header", "Nav", "Main", "Footer"} <= types
    skip = next(c for c in components(layout) if c["type"] == "A")
    assert (
        skip["props"]["href"] == "#innehall"
        and skip["props"]["children"] == "Hoppa till innehållet"
    )


def test_overview_shows_every_target_in_its_group_with_honest_status(client, agreement):
    page = content(render(client, "/"))
    body = text(page)
    table = next(c for c in components(page) if c["props"].get("id") == "resultattavla")
    rows = [c for c in of_type(table, "Tr") if c["props"].get("data-target")]
    assert [r["props"]["data-target"] for r in rows] == [t.id for t in agreement.targets]
    groups = [text(c) for c in of_type(table, "Th") if c["props"].get("scope") == "colgroup"]
    assert [g.split(" – ")[0].strip() for g in groups] == [
        "Övergripande effektmål 2019–2022",
        "Produktionsmål",
    ]
    assert [text(h) for h in of_type(page, "H2")] == [
        "Sedan senaste importen",
        "Resultattavla 2022",
    ]
    assert "Kan inte bedömas" in body and "data saknas" in body
    # The focus areas without goals of their own, and why, once.
    assert body.count("bilaga 1") == 1
    # The wording of each goal is on its page, not repeated on the overview.
    assert not any(goal.wording in body for goal in agreement.goals)


def test_every_goal_page_keeps_what_the_overview_said(client, agreement):
    for goal in agreement.goals:
        body = text(content(render(client, f"/mal/{goal.id}")))
        assert goal.wording in body and "Så läses bedömningen" in body
        assert "Kan inte bedömas" in body


def test_overview_status_badges_carry_icon_and_text(client, agreement):
    page = content(render(client, "/"))
    badges = [c for c in of_type(page, "Span") if "status " in c["props"].get("className", "")]
    # One per target, one per goal of several targets (a goal of one shares its target's row).
    several = [g for g in agreement.goals if len(g.targets) > 1]
    assert len(badges) >= len(several) + len(agreement.targets)
    for badge in badges:
        icon, label = badge["props"]["children"]
        assert icon["props"]["aria-hidden"] == "true" and text(icon)
        assert text(label).startswith("Kan inte bedömas")


def test_overview_rows_link_to_goal_pages(client, agreement):
    links = {c["props"]["href"] for c in of_type(content(render(client, "/")), "Link")}
    assert {f"/mal/{g.id}?ar=2022" for g in agreement.goals} <= links


def test_goal_page_shows_wording_rules_sources_and_no_numbers(client):
    rendered = render(client, "/mal/otrygghet")
    page = content(rendered)
    body = text(page)
    assert title(rendered) == "Otrygghet – Trygghetsmål"
    assert "Antalet människor som känner sig otrygga ska minska" in body
    assert [text(h) for h in of_type(page, "H2")] == [
        "Otrygg ute ensam sent på kvällen",
        "Känner sig otrygg i sitt bostadsområde, åk 6",
        "Känner sig otrygg i sitt bostadsområde, åk 9",
        "Känner sig otrygg i sitt bostadsområde, gymnasiets åk 2",
        "Så läses bedömningen",
    ]
    assert "lägre än i 2018 års mätning" in body
    assert (
        "Polisens trygghetsmätning" in body and "Region Skånes Folkhälsoenkät Barn och Unga" in body
    )
    assert body.count("Inga värden att visa ännu.") == 4
    assert not of_type(page, "Graph")


def test_about_page_names_parties_period_sources_and_the_ladder(client):
    body = text(content(render(client, "/om")))
    for phrase in (
        "Trelleborgs kommun",
        "Polisen, lokalpolisområde Trelleborg",
        "2019–2022",
        "Polisanmälda brott",
        "Säkerhetsenhetens aktivitetslogg",
        "Inte på väg",
        "Kommun och polis åtar sig att varje vecka närvara",
    ):
        assert phrase in body


def test_page_titles_are_swedish(client):
    assert title(render(client, "/")) == "Översikt – Trygghetsmål"
    assert title(render(client, "/om")) == "Om överenskommelsen – Trygghetsmål"
    assert title(render(client, "/mal/finns-inte")) == "Målet finns inte – Trygghetsmål"


def test_imported_values_show_on_the_goal_page_with_provenance(client, tmp_path):
    from typer.testing import CliRunner

    from cli import cli
    from tests.imports.files import SOL_HEADER, text_file

    data_dir = tmp_path / "data"
    path = text_file(
        tmp_path, "sol.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2020;1180;..;"]
    )
    assert (
        CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", str(path)]).exit_code == 0
    )
    page = content(render(client, "/mal/skadegorelse"))
    body = text(page)
    assert "Ej uppnått – säkerställt" in body
    assert "Skadegörelsebrotten var 1\u00a0180 år 2020, över målet 200" in body
    assert "Inlästa värden (1) med ursprung" in body
    stored = next(
        t for t in of_type(page, "Table") if t["namespace"] == "dash_bootstrap_components"
    )
    cells = [text(cell) for cell in of_type(stored, "Td")]
    assert cells[:8] == [
        "2020",
        "1\u00a0180",
        "antal",
        "slutlig",
        "Brottstyp Skadegörelsebrott",
        "sol.csv",
        "–",
        "rad 2",
    ]
    history = next(t for t in of_type(page, "Table") if "history-table" in t["props"]["className"])
    row_2020 = next(r for r in of_type(history, "Tr") if text(r).startswith("2020"))
    # skadegörelse's default φ = 2 (one yearly figure): 2 × Garwood(590) = 2 × 543,4–639,6.
    assert [text(c) for c in of_type(row_2020, "Td")][:3] == [
        "1\u00a0180",
        "1\u00a0087–1\u00a0279",
        "slutlig",
    ]
    assert "Ej uppnått – säkerställt" in text(row_2020) and "sol.csv, rad 2" in text(row_2020)
    figure = of_type(page, "Graph")[0]["props"]["figure"]
    assert {trace["name"] for trace in figure["data"]} >= {"Utfall", "Målet: under 200"}
    links = {a["props"]["href"] for a in of_type(page, "A")}
    assert {"/ladda-ner/skadegorelse.csv", "/ladda-ner/skadegorelse.xlsx"} <= links
    download = client.get("/ladda-ner/skadegorelse.csv")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    assert "sol.csv" in download.data.decode("utf-8") and ";1180;" in download.data.decode("utf-8")
    assert client.get("/ladda-ner/skadegorelse.xlsx").data[:2] == b"PK"
    assert client.get("/ladda-ner/finns-inte.csv").status_code == 404
    overview = text(content(render(client, "/")))
    assert "Bedömning för 2020 på 1 inlästa filer, senast sol.csv" in overview
    assert "data saknas" in overview  # the targets from other sources still lack data


def test_the_year_in_the_address_chooses_the_verdicts(client, tmp_path):
    from typer.testing import CliRunner

    from cli import cli
    from tests.imports.files import SOL_HEADER, text_file

    data_dir = tmp_path / "data"
    path = text_file(
        tmp_path,
        "sol.csv",
        [
            SOL_HEADER,
            "Trelleborg;Inbrottsstöld i bostad;År;2019;96;..;",
            "Trelleborg;Inbrottsstöld i bostad;År;2020;104;..;",
        ],
    )
    assert (
        CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", str(path)]).exit_code == 0
    )

    def burglary(address):
        page = content(render(client, address))
        target = next(
            c for c in of_type(page, "Tr") if c["props"].get("data-target") == "bostadsinbrott"
        )
        current = [text(c) for c in of_type(page, "A") if c["props"].get("aria-current") == "page"]
        return text(target), current

    assert burglary("/") == (burglary("/?ar=2020")[0], ["2020"])
    in_2019, chosen = burglary("/?ar=2019")
    assert "Uppnått" in in_2019 and "inom slumpvariationen" in in_2019 and chosen == ["2019"]
    in_2020 = burglary("/?ar=2020")[0]
    assert "Ej uppnått" in in_2020 and "inom slumpvariationen" in in_2020
    assert "104" in in_2020 and "ökar: 96 år 2019, 104 år 2020 (sämre mot målet)" in in_2020


def test_a_year_outside_the_period_falls_back_and_says_so(client):
    body = text(content(render(client, "/?ar=2030")))
    assert "2030 ligger utanför överenskommelsens period 2019–2022" in body
    body = text(content(render(client, "/mal/bostadsinbrott?ar=abc")))
    assert "”abc” är inget årtal" in body


def test_the_annual_follow_up_page_and_its_downloads(client):
    page = content(render(client, "/arsuppfoljning/2021"))
    assert [text(h) for h in of_type(page, "H1")] == ["Årsuppföljning 2021"]
    assert "Sammanfattning" in text(page) and "Bostadsinbrotten ska understiga 100" in text(page)
    assert "Åtgärder 2021" in text(page) and "Produktionsmål. Status 2021:" in text(page)
    assert client.get("/arsuppfoljning").headers["Location"].startswith("/arsuppfoljning/")
    for kind, start in (("pdf", b"%PDF"), ("xlsx", b"PK"), ("html", b"<!DOCTYPE html>")):
        response = client.get(f"/arsuppfoljning/2021.{kind}")
        assert response.status_code == 200 and response.data.startswith(start)
    assert client.get("/arsuppfoljning/2031.pdf").status_code == 404
    assert client.get("/arsuppfoljning/2031").status_code == 404
