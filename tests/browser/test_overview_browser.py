"""The overview as a scorecard: one 1400 × 900 screen for the example data, no sideways
scrolling on a 390 px phone, axe at both sizes, and the changes an upload made."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import update
from typer.testing import CliRunner

from cli import cli

BLOCKING_IMPACTS = {"serious", "critical"}


def _demo(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "demo"])
    assert result.exit_code == 0, result.output


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#resultattavla")
    page.wait_for_load_state("networkidle")


def _blocking(page) -> list:
    violations = Axe().run(page).response["violations"]
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]


def test_the_scorecard_fits_one_1400_by_900_screen(page, base_url, screenshots, tmp_path):
    _demo(tmp_path)
    page.set_viewport_size({"width": 1400, "height": 900})
    _open(page, f"{base_url}/?ar=2022")
    rows = page.locator("#resultattavla tr[data-target]")
    expect(rows).to_have_count(21)
    page.screenshot(path=screenshots / "oversikt-resultattavla-1400x900.png")
    assert page.evaluate("document.documentElement.scrollHeight") <= 900
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    # Everything the row promises: target line, value, status as icon and text, trend.
    burglary = page.locator("#resultattavla tr[data-target=bostadsinbrott]")
    expect(burglary).to_contain_text("under 100")
    expect(burglary).to_contain_text("97")
    expect(burglary.locator(".status")).to_have_text(re.compile("Uppnått"))
    expect(burglary.locator(".status-icon")).to_have_text("✓")
    expect(burglary.locator(".sc-trend .visually-hidden")).to_contain_text("ökar")
    assert not _blocking(page)
    assert not page.console_errors


def test_a_phone_gets_stacked_rows_and_a_folded_menu(page, base_url, screenshots, tmp_path):
    _demo(tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{base_url}/?ar=2022")
    page.screenshot(path=screenshots / "oversikt-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not _blocking(page)

    # The menu is one button, opened and followed by keyboard.
    menu = page.get_by_role("navigation", name="Huvudmeny")
    link = menu.get_by_role("link", name="Årsuppföljning")
    expect(link).to_be_hidden()
    button = menu.get_by_role("button", name="Meny")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=screenshots / "oversikt-390-meny.png")
    assert not _blocking(page)
    assert not page.console_errors


def test_the_2023_2026_overview_is_the_same_scorecard(page, base_url, tmp_path):
    _demo(tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{base_url}/avtal/trelleborg-2023-2026?ar=2024")
    assert page.locator("#resultattavla tr[data-target]").count() >= 15
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not _blocking(page)


def test_an_upload_that_changes_a_verdict_is_listed_with_a_link_to_its_goal(
    page, base_url, screenshots, tmp_path, monkeypatch
):
    from indicators.store import Store, imports_table
    from tests.imports.files import sol_yearly

    data = tmp_path / "data"
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(data))
    january = sol_yearly(tmp_path, {2021: 90, 2022: 97}, name="sol-jan.csv")
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "ingest", str(january)])
    assert result.exit_code == 0, result.output
    # An earlier import day, so "since the last import" is the upload alone.
    store = Store(f"sqlite:///{data / 'trygghetsmal.sqlite'}")
    with store.engine.begin() as conn:
        conn.execute(update(imports_table).values(imported_at="2026-01-05T09:00:00+00:00"))

    page.goto(f"{base_url}/data")
    page.wait_for_selector("main h1")
    revised = sol_yearly(tmp_path, {2021: 90, 2022: 104}, name="sol-feb.csv")
    page.locator("#uppladdning input[type=file]").set_input_files(str(revised))
    expect(page.locator("#uppladdning-resultat")).to_contain_text("Importerad sol-feb.csv")

    _open(page, f"{base_url}/?ar=2022")
    summary = page.locator("#andringar summary").first
    expect(summary).to_contain_text("Sedan senaste importen")
    expect(summary).to_contain_text("1 ändrad bedömning")
    row = page.locator("#resultattavla tr[data-target=bostadsinbrott]")
    expect(row.locator(".sc-change")).to_contain_text("från ✓ Uppnått")
    expect(row.locator(".sc-status")).to_contain_text("Ej uppnått")
    summary.click()
    change = page.locator("#andrade-bedomningar li", has_text="bostadsinbrott 2022")
    expect(change).to_contain_text(re.compile(r"Uppnått → ✕\s*Ej uppnått"))
    page.screenshot(path=screenshots / "oversikt-efter-uppladdning.png", full_page=True)
    assert not _blocking(page)
    change.get_by_role("link", name="bostadsinbrott 2022").click()
    page.wait_for_url("**/mal/bostadsinbrott?ar=2022")
    expect(page.locator("h1")).to_have_text("Bostadsinbrott")
    assert not page.console_errors


def test_the_scorecards_links_navigate_inside_the_app_and_the_back_button_returns(
    page, base_url, tmp_path
):
    """The score table is sent as HTML (pages/static_html.py): its goal links are plain
    anchors the app navigates itself, as dcc.Link would, without loading the page anew."""
    _demo(tmp_path)
    _open(page, f"{base_url}/?ar=2021")
    page.evaluate("window.samePageLoad = true")
    link = page.locator("#resultattavla tr[data-target=bostadsinbrott] a[data-dash-link]").first
    link.click()
    page.wait_for_url("**/mal/bostadsinbrott?ar=2021")
    expect(page.locator("main h1")).to_have_text("Bostadsinbrott")
    assert page.evaluate("window.samePageLoad === true")
    page.go_back()
    expect(page.locator("#resultattavla")).to_be_visible()
    assert page.evaluate("window.samePageLoad === true")
    # Ctrl-click is the browser's (a new tab): the app leaves it alone.
    with page.context.expect_page() as new_tab:
        link.click(modifiers=["Control"])
    new_tab.value.wait_for_load_state()
    assert "/mal/bostadsinbrott" in new_tab.value.url
    assert page.url.endswith("/?ar=2021")
    assert not page.console_errors
