"""Keyboard only: the overview, a goal page and the annual follow-up walked with Tab and Enter,
as a user without a mouse (or with a screen reader) does it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from typer.testing import CliRunner

from cli import cli

ACTIVE = """() => {
  const e = document.activeElement;
  return {
    tag: e.tagName.toLowerCase(),
    text: (e.innerText || e.value || "").trim(),
    href: e.getAttribute("href") || "",
    chooser: !!e.closest(".year-selector"),
    current: e.getAttribute("aria-current") || "",
  };
}"""


def _tab_to(page: Page, wanted, limit: int = 400) -> list[dict]:
    """Press Tab until the focused element is `wanted`; every element passed on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        seen.append(active)
        if wanted(active):
            return seen
    raise AssertionError(f"Tab never reached it; last: {seen[-5:]}")


def test_overview_goal_page_and_annual_page_by_keyboard_only(page, base_url, tmp_path):
    assert CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "demo"]).exit_code == 0
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)

    # The overview: the skip link first, then the menu, then the year chooser.
    page.goto(f"{base_url}/?ar=2021")
    page.wait_for_selector("#mal-trafik")
    seen = _tab_to(page, lambda a: a["chooser"] and a["text"] == "2020")
    assert seen[0]["text"] == "Hoppa till innehållet"
    assert any(a["text"] == "Årsuppföljning" for a in seen)
    page.keyboard.press("Enter")
    page.wait_for_url("**/?ar=2020")
    expect(page.locator(".year-selector a[aria-current=page]")).to_be_focused()
    expect(page.locator(".year-selector a[aria-current=page]")).to_have_text("2020")
    expect(page.locator("#meddelande")).to_have_text(re.compile(r"^Visar 2020\. Mål per status: "))

    # From the chooser on to a goal, still by keyboard (the changes panel above the goals links
    # to goals for the years that changed, so the link is picked by its year too).
    _tab_to(page, lambda a: a["href"] == "/mal/bostadsinbrott?ar=2020")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mal/bostadsinbrott?ar=2020")

    # The goal page: the copy button is a real button reached with Tab.
    seen = _tab_to(page, lambda a: a["tag"] == "button" and a["text"] == "Kopiera meningen")
    assert any(a["chooser"] for a in seen)
    page.keyboard.press("Enter")
    status = page.locator("#kopierad-bostadsinbrott")
    expect(status).to_have_text("Meningen är kopierad.")
    sentence = page.locator("#mening-bostadsinbrott").inner_text().strip()
    assert page.evaluate("navigator.clipboard.readText()") == sentence
    assert sentence.startswith("Bostadsinbrotten var")

    # The annual follow-up: the downloads and the year chooser, by keyboard.
    page.goto(f"{base_url}/arsuppfoljning/2021")
    page.wait_for_selector("#sammanfattning")
    seen = _tab_to(page, lambda a: a["chooser"] and a["text"] == "2022")
    downloads = _tab_to(page, lambda a: a["href"] == "/arsuppfoljning/2021.pdf")
    assert downloads
    page.keyboard.press("Shift+Tab")  # back to the chooser's last year
    expect(page.locator(".year-selector a", has_text="2022")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/arsuppfoljning/2022")
    expect(page.locator(".year-selector a[aria-current=page]")).to_be_focused()
    expect(page.locator("#meddelande")).to_have_text(re.compile(r"^Visar 2022\. Mål per status: "))
    expect(page.locator("h1")).to_have_text("Årsuppföljning 2022")
    assert not page.console_errors
