"""The EST-lägesbild page in headless chromium, on the example exports."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

BLOCKING_IMPACTS = {"serious", "critical"}


def _demo(data_dir) -> None:
    from typer.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo"])
    assert result.exit_code == 0, result.output


def _blocking_violations(page) -> list:
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def test_lagesbild_from_the_navigation_is_readable_and_the_week_can_be_chosen(
    page, base_url, screenshots, tmp_path
):
    _demo(tmp_path / "data")
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="EST-lägesbild"
    ).click()
    page.wait_for_url("**/lagesbild")
    expect(page.locator("h1")).to_have_text("EST-lägesbild")
    page.wait_for_selector("#lagesbild-karta .main-svg")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / "lagesbild-exempeldata.png", full_page=True)
    assert page.locator("h1").count() == 1
    assert page.locator("table").count() == page.locator("table caption").count() >= 3
    assert not _blocking_violations(page)
    table = page.locator("#lagesbild-tabell")
    expect(table.locator("caption")).to_contain_text("vecka 48, 2022")
    latest = table.locator("tbody").inner_text()

    page.get_by_role("navigation", name="Vecka:").get_by_role("link", name="47", exact=True).click()
    page.wait_for_url("**/lagesbild?vecka=2022-W47")
    expect(table.locator("caption")).to_contain_text("vecka 47, 2022")
    assert table.locator("tbody").inner_text() != latest
    expect(page.get_by_role("link", name="47", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("#handelser h2")).to_have_text("Händelser vecka 47, 2022")
    page.wait_for_selector("#lagesbild-karta .main-svg")
    assert not _blocking_violations(page)
    assert not page.console_errors


def test_lagesbild_without_est_data_is_accessible(
    page, base_url, screenshots, tmp_path, monkeypatch
):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "tom"))
    page.goto(base_url + "/lagesbild")
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / "lagesbild-utan-data.png", full_page=True)
    expect(page.locator(".empty-state")).to_contain_text("Ingen EST-veckoenkät är inläst ännu")
    assert not _blocking_violations(page)
    assert not page.console_errors
