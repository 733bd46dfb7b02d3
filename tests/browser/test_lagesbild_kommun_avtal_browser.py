"""The lägesbild of the 2023–2026 agreement at /avtal/<id>/lagesbild-kommun/<år>, reached from
the LPO view, in headless chromium on the example exports, with axe."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_lagesbild_browser import _blocking_violations, _demo

LATER = "trelleborg-2023-2026"


def test_the_agreements_lagesbild_from_the_lpo_view_is_readable(
    page, base_url, screenshots, tmp_path
):
    _demo(tmp_path / "data")
    page.goto(base_url + "/avtal?ar=2024")
    section = page.locator(f"[data-agreement='{LATER}']")
    section.get_by_role("link", name="Lägesbild 2024").click()
    page.wait_for_url(f"**/avtal/{LATER}/lagesbild-kommun/2024")
    # The first view drafts the whole lägesbild (a trend fitted per category): a busy server's time.
    expect(page.locator("h1")).to_have_text("Lägesbild 2024: Trelleborgs kommun", timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / "lagesbild-kommun-2023-2026.png", full_page=True)
    assert page.locator("h1").count() == 1
    assert page.locator("table").count() == page.locator("table caption").count() >= 5
    for part in ("Kartläggning av brottsligheten", "Annan relevant information", "Analys"):
        expect(page.get_by_role("heading", name=part, exact=True)).to_be_visible()
    # the åtgärdsplan against the problems: the example list links Väktare to Misshandel
    plan = page.locator("table", has_text="Åtgärder och uppföljning")
    expect(plan.locator("tr", has_text="Misshandel")).to_contain_text("Väktare")
    year_2025 = page.get_by_role("navigation", name="År:").get_by_role("link", name="2025")
    expect(year_2025).to_have_attribute("href", f"/avtal/{LATER}/lagesbild-kommun/2025")
    assert not _blocking_violations(page)
    assert not page.console_errors
