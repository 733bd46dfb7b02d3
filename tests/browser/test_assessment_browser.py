"""Recording an assessment (bedömning av säkerhetsenheten) on a 2023–2026 goal page in chromium.

The 2023–2026 agreement is made the served one with TRYGGHETSMAL_AGREEMENT, the existing setting:
its own /avtal/<id>/mal/<goal> addresses come with the work on several agreements per instance.
"""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

BLOCKING_IMPACTS = {"serious", "critical"}


def _serious(page) -> list:
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def test_an_analyst_records_an_assessment_on_a_2023_2026_goal_page(
    page, base_url, screenshots, tmp_path, monkeypatch
):
    from typer.testing import CliRunner

    from cli import cli

    assert CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "demo"]).exit_code == 0
    monkeypatch.setenv("TRYGGHETSMAL_AGREEMENT", "trelleborg-2023-2026")
    page.goto(f"{base_url}/mal/kriminella-natverk?ar=2025")
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("Kriminella nätverk")
    section = page.locator("section[aria-labelledby=delmal-kriminella-natverk]")
    expect(section.locator("p .status").first).to_have_text(
        re.compile("Kan inte bedömas – ingen bedömning gjord")
    )

    section.get_by_text("Registrera bedömning för 2025").click()
    section.get_by_label("Ditt namn").fill("Anna Berg")
    section.get_by_label("Delvis uppnått").check()
    section.get_by_label("Motivering (krävs)").fill(
        "Polisen ser försök till etablering i centrum; arbetet pågår."
    )
    section.get_by_label("Ungdomsgrupperingar").check()
    assert not _serious(page)  # the open form, too
    section.get_by_role("button", name="Spara bedömningen").click()
    expect(section.locator(".assessment-form [role=status]")).to_contain_text("av Anna Berg")
    expect(section.locator(".assessment-versions")).to_contain_text(
        "Delvis uppnått – bedömning av säkerhetsenheten"
    )

    page.reload()
    page.wait_for_selector("main h1")
    expect(section.locator("p .status").first).to_have_text(
        re.compile("Delvis uppnått – bedömning av säkerhetsenheten")
    )
    expect(section.locator(".verdict-sentence")).to_contain_text("Polisen ser försök")
    page.screenshot(path=screenshots / "mal-kriminella-natverk-bedomning.png", full_page=True)
    assert not _serious(page)
    assert not page.console_errors
