"""Commenting on and approving the annual follow-up through the page's callbacks."""

import io

import openpyxl

from tests.app.annual import approve, ingest, save
from tests.app.pages import content, of_type, render, text


def test_an_analyst_comments_approves_and_is_told_about_newer_data(client, dash_app, tmp_path):
    ingest(tmp_path, "sol.csv", {2020: 104, 2021: 88})
    page = content(render(client, "/arsuppfoljning/2021"))
    editors = of_type(page, "Textarea")
    burglary = next(e for e in editors if e["props"]["id"]["goal"] == "bostadsinbrott")
    assert "Bostadsinbrotten var 88 år 2021" in burglary["props"]["value"]  # the drafted sentence

    message = save(
        client, dash_app, "bostadsinbrott", "<script>x</script> **Under** målet.", "Anna"
    )
    assert message.startswith("Sparad ") and message.endswith(" av Anna.")
    save(client, dash_app, "bostadsinbrott", "Under målet för **andra** året.", "Omar")
    body = " ".join(text(content(render(client, "/arsuppfoljning/2021"))).split())
    assert "Under målet för andra året." in body and "Tidigare versioner (1)" in body
    assert "<script>x</script> Under målet." in body  # as text, from the older version

    approve(client, dash_app, "Karin")
    ingest(tmp_path, "sol-ny.csv", {2021: 103})
    page = content(render(client, "/arsuppfoljning/2021"))
    body = " ".join(text(page).split())
    assert "Fastställd" in body and "av Karin." in body
    assert "Nyare data finns: en fil har importerats efter fastställandet." in body
    assert "Bostadsinbrott: Uppnått (88) → Ej uppnått (103)" in body
    assert "Under målet för andra året." in body and not of_type(page, "Textarea")
    assert "Inte sparad: Året 2021 är fastställt" in save(
        client, dash_app, "bostadsinbrott", "Ny", "Omar"
    )

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/arsuppfoljning/2021.xlsx").data))
    assert sheet["Sammanfattning"]["A2"].value.startswith("Fastställd ")
    burglary_row = next(
        r for r in sheet["Sammanfattning"].iter_rows(values_only=True) if r[1] == "bostadsinbrott"
    )
    assert burglary_row[6] == 88  # the approved figure, not the later 103
    assert sheet["Bostadsinbrott"]["B4"].value == "Under målet för **andra** året."


def test_the_approval_answer_shows_the_approved_year(client, dash_app, tmp_path):
    ingest(tmp_path, "sol.csv", {2020: 104, 2021: 88})
    render(client, "/arsuppfoljning/2021")  # the page as read before the approval
    body = approve(client, dash_app, "Karin")["annual-body"]["children"]
    assert "Fastställd" in text(body) and "av Karin." in text(body)
