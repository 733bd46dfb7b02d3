"""Several agreements in the app: the LPO view /avtal, every agreement's pages under
/avtal/<id>/…, today's addresses kept for the default one, and each agreement's own commentary
and approval. The extra agreements are fictitious files dropped into <data dir>/avtal/."""

from __future__ import annotations

import pytest

from followup import records
from indicators.store import Store
from tests.agreements import FICTITIOUS_ID, LATER_ID, copy_for_kommun, later_agreement
from tests.app.annual import approve, ingest, save
from tests.app.pages import components, content, expanded, of_type, render, text, title

DEFAULT = "trelleborg-2019-2022"
SHIPPED_LATER = "trelleborg-2023-2026"


@pytest.fixture
def three(tmp_path):
    """Trelleborg's burglaries imported once; the shipped agreement, a fictitious one for
    another kommun and a fictitious later Trelleborg one."""
    ingest(tmp_path, "sol.csv", {2019: 96, 2020: 104, 2021: 88, 2022: 93})
    data = tmp_path / "data"
    copy_for_kommun(data)
    later_agreement(data)
    return data


def _words(tree) -> str:
    return " ".join(text(tree).split())


def _sections(page):
    return [c for c in components(page) if c["props"].get("data-agreement")]


def test_the_lpo_view_shows_three_agreements_side_by_side(client, three):
    rendered = render(client, "/avtal?ar=2021")
    page = content(rendered)
    assert title(rendered) == "Alla avtal – Trygghetsmål"
    assert [h["props"]["children"] for h in of_type(page, "H1")] == ["Alla avtal"]
    sections = {s["props"]["data-agreement"]: s for s in _sections(page)}
    # The fictitious two beside the shipped agreements (Trelleborg 2019–2022 and 2023–2026).
    assert set(sections) == {DEFAULT, SHIPPED_LATER, FICTITIOUS_ID, LATER_ID}

    trelleborg = sections[DEFAULT]
    caption = _words(of_type(trelleborg, "Caption"))
    assert "målens status 2021 (Trelleborgs kommun, 2019–2022)" in caption
    burglary = next(
        r for r in of_type(trelleborg, "Tr") if r["props"].get("data-goal") == "bostadsinbrott"
    )
    assert "Uppnått" in _words(burglary)
    badge = next(c for c in components(burglary) if c["props"].get("data-status"))
    assert badge["props"]["data-status"] == "uppnatt"
    assert any("status-icon" in str(c["props"].get("className")) for c in components(badge))
    links = [a["props"]["href"] for a in of_type(trelleborg, "A")]
    assert "/mal/bostadsinbrott?ar=2021" in links  # the default keeps today's addresses

    fictitious = sections[FICTITIOUS_ID]
    assert "Kommun: Fiktiva kommunen (9999). Period 2019–2022." in _words(fictitious)
    # The same goal id, the other kommun's evidence: nothing imported for 9999.
    row = next(
        r for r in of_type(fictitious, "Tr") if r["props"].get("data-goal") == "bostadsinbrott"
    )
    assert "Kan inte bedömas" in _words(row)
    assert f"/avtal/{FICTITIOUS_ID}/mal/bostadsinbrott?ar=2021" in [
        a["props"]["href"] for a in of_type(fictitious, "A")
    ]

    later = sections[LATER_ID]
    assert "2021 ligger utanför avtalsperioden 2023–2026" in _words(later)
    assert not of_type(later, "Table")


def test_the_lpo_view_year_picker_covers_every_period(client, three):
    page = content(render(client, "/avtal?ar=2024"))
    picker = next(c for c in components(page) if c["props"].get("id") == "arval")
    years = [a["props"]["children"] for a in of_type(picker, "A")]
    assert years == [str(y) for y in range(2019, 2027)]
    current = [a for a in of_type(picker, "A") if a["props"].get("aria-current") == "page"]
    assert [a["props"]["children"] for a in current] == ["2024"]
    sections = {s["props"]["data-agreement"]: s for s in _sections(page)}
    assert of_type(sections[LATER_ID], "Table")
    assert "utanför avtalsperioden" in _words(sections[DEFAULT])
    warned = content(render(client, "/avtal?ar=1990"))
    assert "”1990” är inget år i något avtals period" in _words(warned)


def test_the_lpo_view_stays_one_table_per_agreement_with_ten(client, tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(data))
    for number in range(1, 9):  # and the two shipped agreements
        copy_for_kommun(
            data, f"fiktiva-kommunen-{number}-2019-2022", f"99{number:02d}", f"Fiktiva {number}"
        )
    page = content(render(client, "/avtal?ar=2020"))
    tables = of_type(page, "Table")
    assert len(_sections(page)) == 10
    assert len(tables) == 9  # one per agreement whose period holds 2020: not 2023–2026's
    assert all(of_type(table, "Caption") for table in tables)
    assert len(of_type(page, "H1")) == 1


def test_an_agreements_pages_live_under_its_id(client, three):
    overview = render(client, f"/avtal/{FICTITIOUS_ID}?ar=2021")
    page = content(overview)
    heading = _words(of_type(page, "H1"))
    assert heading == "Översikt: Fiktivt avtal 2019–2022 för Fiktiva kommunen (bara för test)"
    hrefs = [c["props"].get("href") for c in components(page) if c["props"].get("href")]
    assert f"/avtal/{FICTITIOUS_ID}/mal/bostadsinbrott?ar=2021" in hrefs
    assert f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2021" in hrefs
    assert f"/avtal/{FICTITIOUS_ID}?ar=2020" in hrefs  # the year picker stays in the agreement

    goal = content(render(client, f"/avtal/{FICTITIOUS_ID}/mal/bostadsinbrott?ar=2021"))
    assert _words(of_type(goal, "H1")) == "Bostadsinbrott"
    assert "Fiktiva kommunen (9999)" in _words(goal)
    downloads = [a["props"]["href"] for a in of_type(goal, "A")]
    assert f"/avtal/{FICTITIOUS_ID}/ladda-ner/bostadsinbrott.csv" in downloads

    annual = content(render(client, f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2021"))
    assert _words(of_type(annual, "H1")).startswith("Årsuppföljning 2021: Fiktivt avtal")
    stores = {c["props"]["id"]: c["props"]["data"] for c in of_type(annual, "Store")}
    assert stores["annual-agreement"] == FICTITIOUS_ID


def test_todays_addresses_still_serve_the_default_agreement(client, three):
    for path in ("/", "/mal/bostadsinbrott", "/arsuppfoljning/2021", "/om", "/avtal"):
        assert client.get(path).status_code == 200, path
    page = content(render(client, "/mal/bostadsinbrott?ar=2021"))
    assert "Trelleborgs kommun (1287)" in _words(page)
    assert _words(of_type(content(render(client, "/")), "H1")) == "Översikt"
    same = content(render(client, f"/avtal/{DEFAULT}/mal/bostadsinbrott?ar=2021"))
    assert "Trelleborgs kommun (1287)" in _words(same)
    redirect = client.get(f"/avtal/{FICTITIOUS_ID}/arsuppfoljning")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith(f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2022")


def test_unknown_agreements_goals_and_years_are_404(client, three):
    for path in (
        "/avtal/stockholm-2030",
        "/avtal/stockholm-2030/mal/bostadsinbrott",
        f"/avtal/{FICTITIOUS_ID}/mal/finns-inte",
        f"/avtal/{LATER_ID}/arsuppfoljning/2021",
        "/avtal/stockholm-2030/arsuppfoljning/2021.pdf",
        "/avtal/stockholm-2030/ladda-ner/bostadsinbrott.csv",
    ):
        assert client.get(path).status_code == 404, path
    page = content(render(client, "/avtal/stockholm-2030/mal/bostadsinbrott"))
    assert _words(of_type(page, "H1")) == "Avtalet finns inte"
    assert FICTITIOUS_ID in _words(page)


def test_downloads_follow_the_agreement(client, three):
    csv = client.get(f"/avtal/{FICTITIOUS_ID}/ladda-ner/bostadsinbrott.csv")
    assert csv.status_code == 200 and b"1287" not in csv.data
    assert b"1287" in client.get("/ladda-ner/bostadsinbrott.csv").data
    html = client.get(f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2021.html")
    assert html.status_code == 200 and b"Fiktiva kommunen" in html.data


def test_each_agreement_has_its_own_commentary_and_approval(client, dash_app, three):
    render(client, f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2021")
    message = save(
        client, dash_app, "bostadsinbrott", "Fiktiv kommentar.", "Anna", agreement=FICTITIOUS_ID
    )
    assert message.startswith("Sparad ")
    approve(client, dash_app, "Karin", agreement=FICTITIOUS_ID)

    fictitious = _words(content(render(client, f"/avtal/{FICTITIOUS_ID}/arsuppfoljning/2021")))
    assert "Fiktiv kommentar." in fictitious and "av Karin." in fictitious
    default = content(render(client, "/arsuppfoljning/2021"))
    assert "Fiktiv kommentar." not in _words(default) and "Fastställd" not in _words(default)
    assert of_type(default, "Textarea")  # still open for comments

    assert save(client, dash_app, "bostadsinbrott", "Trelleborg.", "Omar").startswith("Sparad ")
    store = Store(f"sqlite:///{three / 'trygghetsmal.sqlite'}")
    assert [r["text"] for r in records.comments(store, DEFAULT, 2021)] == ["Trelleborg."]
    assert [r["text"] for r in records.comments(store, FICTITIOUS_ID, 2021)] == [
        "Fiktiv kommentar."
    ]
    assert records.approval(store, DEFAULT, 2021) is None
    assert records.approval(store, FICTITIOUS_ID, 2021)["approved_by"] == "Karin"


def test_an_approved_year_of_the_earlier_agreement_stays_as_approved(client, dash_app, three):
    render(client, "/arsuppfoljning/2021")
    approve(client, dash_app, "Karin")
    ingest(three.parent, "sol-ny.csv", {2021: 103})
    later_agreement(three)  # a later agreement arrives; the earlier one's year is untouched
    body = _words(content(render(client, "/arsuppfoljning/2021")))
    assert "Fastställd" in body and "Bostadsinbrott: Uppnått (88) → Ej uppnått (103)" in body


def test_a_later_agreements_goal_page_shows_the_earlier_years_and_agreement(client, three):
    page = content(render(client, f"/avtal/{LATER_ID}/mal/bostadsinbrott?ar=2023"))
    words = _words(page)
    assert "2021 (före avtalsperioden)" in words and "2022 (före avtalsperioden)" in words
    earlier = next(c for c in components(page) if c["props"].get("id") == "tidigare-avtal")
    assert earlier["props"]["children"] == "Tidigare avtal"
    assert "/mal/bostadsinbrott" in [a["props"]["href"] for a in of_type(page, "A")]
    assert "fastställda år står kvar" in words


def test_a_bad_agreement_file_is_named_on_the_lpo_view(client, three):
    broken = three / "avtal" / "trasigt.yaml"
    broken.write_text("id: trasigt\n", encoding="utf-8")
    page = content(render(client, "/avtal?ar=2021"))
    assert "En avtalsfil kan inte läsas" in _words(page) and "trasigt.yaml" in _words(page)
    assert len(_sections(page)) == 4


def test_the_navigation_has_an_agreement_picker(client, three):
    layout = expanded(client.get("/_dash-layout").get_json())
    picker = next(c for c in components(layout) if c["props"].get("id") == "avtalsval")
    assert picker["type"] == "Details"
    assert _words(of_type(picker, "Summary")) == "Byt avtal"
    hrefs = [a["props"]["href"] for a in of_type(picker, "A")]
    assert hrefs[0] == "/" and f"/avtal/{FICTITIOUS_ID}" in hrefs and hrefs[-1] == "/avtal"


def test_a_duplicate_id_is_named_on_the_lpo_view_and_the_shipped_file_kept(client, three):
    copy_for_kommun(three, agreement_id=DEFAULT)
    page = content(render(client, "/avtal?ar=2021"))
    assert "avtalets id finns redan" in _words(page)
    trelleborg = next(s for s in _sections(page) if s["props"]["data-agreement"] == DEFAULT)
    assert "Trelleborgs kommun (1287)" in _words(trelleborg)


def test_header_and_footer_name_the_agreement_shown(client, dash_app, three):
    from tests.app.pages import call_callback

    client.get("/")  # the first request registers the callbacks

    def shown(path):
        response = call_callback(
            client,
            dash_app,
            [{"id": "skal-adress", "property": "pathname", "value": path}],
            [],
        )
        return response["avtal-namn"]["children"], response["sidfot-avtal"]["children"]

    name, footer = shown(f"/avtal/{FICTITIOUS_ID}/mal/bostadsinbrott")
    assert name == "Fiktivt avtal 2019–2022 för Fiktiva kommunen (bara för test)"
    assert name in footer
    for path in ("/", "/avtal", "/mal/tobak", "/avtal/stockholm-2030/mal/tobak"):
        assert shown(path)[0].startswith("Samverkansöverenskommelse 2019–2022"), path


def test_the_lpo_view_shows_both_trelleborg_agreements(client, three):
    sections = {
        s["props"]["data-agreement"]: s
        for s in _sections(content(render(client, "/avtal?ar=2024")))
    }
    assert {DEFAULT, "trelleborg-2023-2026"} <= set(sections)
    later = sections["trelleborg-2023-2026"]
    assert "Kommun: Trelleborgs kommun (1287). Period 2023–2026." in _words(later)
    hrefs = [a["props"]["href"] for a in of_type(later, "A")]
    assert "/avtal/trelleborg-2023-2026/mal/brottsstatistik?ar=2024" in hrefs
    assert "2024 ligger utanför avtalsperioden 2019–2022" in _words(sections[DEFAULT])


def test_the_2023_2026_goal_page_shows_2019_2022_as_history(client, tmp_path):
    from tests.app.annual import SOL_HEADER, text_file

    rows = [
        f"Trelleborg;Misshandel inkl. grov (5, 6 §);År;{y};{150 + y % 10};..;"
        for y in range(2019, 2025)
    ]
    path = text_file(tmp_path, "misshandel.csv", [SOL_HEADER, *rows])
    from typer.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    page = content(render(client, "/avtal/trelleborg-2023-2026/mal/brottsstatistik?ar=2024"))
    words = _words(page)
    assert "2021 (före avtalsperioden)" in words
    assert "2022 (jämförelseår, före avtalsperioden)" in words
    assert "2024 (valt år)" in words
    assert "Tidigare avtal" in words and "Samverkansöverenskommelse 2019–2022" in words
