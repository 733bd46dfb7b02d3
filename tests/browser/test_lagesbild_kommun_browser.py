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


def test_an_analyst_writes_a_section_and_an_admin_approves_the_lagesbild(
    page, base_url, screenshots, tmp_path
):
    _demo(tmp_path / "data")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base_url + "/lagesbild-kommun/2022")
    expect(page.locator("h1")).to_have_text("Lägesbild 2022: Trelleborgs kommun", timeout=30_000)
    page.get_by_label("Ditt namn").fill("Anna Berg")
    dialogue = page.locator(
        ".lagesbild-text", has=page.get_by_role("heading", name="Medborgardialog")
    )
    dialogue.get_by_text("Skriv medborgardialog").click()
    dialogue.get_by_role("textbox").fill(
        "Trygghetsvandring i **Anderslöv**.\n\n- <script>x</script>"
    )
    dialogue.get_by_role("button", name="Spara medborgardialog").click()
    expect(page.get_by_role("status").filter(has_text="av Anna Berg.")).to_be_visible(
        timeout=30_000
    )
    # the text is in the document itself, the Markdown subset rendered and HTML kept as text
    document_text = page.locator(".commentary strong", has_text="Anderslöv")
    expect(document_text.first).to_be_visible()
    expect(page.locator(".commentary li").first).to_have_text("<script>x</script>")

    page.get_by_role("button", name="Fastställ lägesbilden 2022").click()
    expect(page.locator(".approval-notice")).to_contain_text("Fastställd", timeout=30_000)
    expect(page.locator(".approval-notice")).to_contain_text("av Anna Berg.")
    assert page.get_by_role("button", name="Spara medborgardialog").count() == 0
    expect(
        page.get_by_role("button", name="Häv fastställandet av 2022 för en ny version")
    ).to_be_visible()
    page.reload()
    expect(page.locator(".approval-notice")).to_contain_text("Fastställd", timeout=30_000)
    expect(page.locator(".commentary strong", has_text="Anderslöv").first).to_be_visible()
    page.screenshot(path=screenshots / "lagesbild-kommun-faststalld.png", full_page=True)
    assert page.locator("h1").count() == 1
    assert not _blocking_violations(page)
    assert not page.console_errors

    # a later change: the admin withdraws the approval, and a new version can be written
    page.get_by_role("button", name="Häv fastställandet av 2022 för en ny version").click()
    expect(page.get_by_role("button", name="Fastställ lägesbilden 2022")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Skriv medborgardialog")).to_have_count(0)
    expect(page.get_by_text("Ändra medborgardialog")).to_be_visible()
    assert page.locator(".approval-notice").count() == 0
    assert not page.console_errors
