"""Several agreements in chromium: the LPO view and another agreement's goal page, with axe, and
the agreement picker in the navigation by keyboard."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.agreements import FICTITIOUS_ID, LATER_ID, copy_for_kommun, later_agreement

BLOCKING_IMPACTS = {"serious", "critical"}


def _three(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cli import cli
    from tests.imports.files import sol_yearly

    data = tmp_path / "data"
    path = sol_yearly(tmp_path, {2019: 96, 2020: 104, 2021: 88, 2022: 93, 2023: 80})
    assert CliRunner().invoke(cli, ["--data-dir", str(data), "ingest", str(path)]).exit_code == 0
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(data))
    copy_for_kommun(data)
    later_agreement(data)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")


def _no_blocking_violations(page) -> None:
    violations = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_lpo_view_is_accessible(page, base_url, screenshots, tmp_path, monkeypatch):
    _three(tmp_path, monkeypatch)
    _open(page, f"{base_url}/avtal?ar=2022")
    page.screenshot(path=screenshots / "avtal.png", full_page=True)
    assert page.locator("h1").count() == 1
    assert page.locator("main table").count() == page.locator("main table caption").count() == 2
    expect(page.locator(f'section[data-agreement="{LATER_ID}"]')).to_contain_text(
        "2022 ligger utanför avtalsperioden 2023–2026"
    )
    _no_blocking_violations(page)
    assert not page.console_errors


def test_a_later_agreements_goal_page_is_accessible(
    page, base_url, screenshots, tmp_path, monkeypatch
):
    _three(tmp_path, monkeypatch)
    _open(page, f"{base_url}/avtal/{LATER_ID}/mal/bostadsinbrott?ar=2023")
    page.screenshot(path=screenshots / "avtal-mal-bostadsinbrott.png", full_page=True)
    expect(page.locator("h1")).to_have_text("Bostadsinbrott")
    expect(page.locator(".history-table")).to_contain_text("2022 (före avtalsperioden)")
    expect(page.locator("#avtal-namn")).to_have_text(
        "Fiktivt avtal 2023–2026 för Trelleborgs kommun (bara för test)"
    )
    expect(page.get_by_role("heading", name="Tidigare avtal")).to_be_visible()
    _no_blocking_violations(page)
    assert not page.console_errors


def test_the_agreement_picker_works_by_keyboard(page, base_url, screenshots, tmp_path, monkeypatch):
    _three(tmp_path, monkeypatch)
    _open(page, base_url + "/")
    summary = page.locator("#avtalsval summary")
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator("#avtalsval").get_by_role("link", name="Fiktivt avtal 2019–2022")
    expect(link).to_be_visible()
    page.screenshot(path=screenshots / "avtalsval.png")
    _no_blocking_violations(page)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/avtal/{FICTITIOUS_ID}")
    expect(page.locator("h1")).to_contain_text("Fiktiva kommunen")
    expect(page.locator("#avtal-namn")).to_contain_text("Fiktiva kommunen")
    expect(page.locator("footer")).to_contain_text("Fiktivt avtal 2019–2022")


def test_an_assessment_is_recorded_on_the_2023_2026_goal_page(
    page, base_url, screenshots, tmp_path, monkeypatch
):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(tmp_path / "data"))
    _open(page, f"{base_url}/avtal/trelleborg-2023-2026/mal/kriminella-natverk?ar=2024")
    expect(page.locator("#avtal-namn")).to_contain_text("2023–2026")
    _no_blocking_violations(page)
    page.get_by_text("Registrera bedömning för 2024").click()
    page.get_by_label("Ditt namn (sparas med bedömningen)").fill("Anna")
    page.get_by_label("Uppnått", exact=True).check()
    page.get_by_role("textbox", name="Motivering (krävs)").fill(
        "Inga tecken på etablering under året."
    )
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_role("status").filter(has_text="Sparad")).to_contain_text("av Anna")
    page.screenshot(path=screenshots / "avtal-2023-bedomning.png", full_page=True)
    _no_blocking_violations(page)
    assert not page.console_errors
