"""The kommun's lägesbild (lag 2023:196) in headless chromium, on the example exports, with axe."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_lagesbild_browser import _blocking_violations, _demo


def test_lagesbild_kommun_from_the_navigation_is_readable(page, base_url, screenshots, tmp_path):
    _demo(tmp_path / "data")
    page.goto(base_url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Lägesbild (lag 2023:196)"
    ).click()
    page.wait_for_url("**/lagesbild-kommun/2022")
    # The first view after an import drafts the whole lägesbild (every series read, a trend fitted
    # per category): allow it the time a busy server needs, then the rest is on the page.
    expect(page.locator("h1")).to_have_text("Lägesbild 2022: Trelleborgs kommun", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / "lagesbild-kommun-exempeldata.png", full_page=True)
    assert page.locator("h1").count() == 1
    assert page.locator("table").count() == page.locator("table caption").count() >= 5
    for part in ("Kartläggning av brottsligheten", "Annan relevant information", "Analys"):
        expect(page.get_by_role("heading", name=part, exact=True)).to_be_visible()
    # the weekday × time band table shows no count from 1 to 4 (a zero identifies nobody)
    grid = page.locator("table", has_text="per veckodag och tid på dygnet")
    cells = grid.locator("td").all_inner_texts()
    assert cells and all(not c.isdigit() or int(c) == 0 or int(c) >= 5 for c in cells)
    assert not _blocking_violations(page)
    assert not page.console_errors
